//! Tests of the main-text layout: widows and orphans, headings kept with their paragraph,
//! justification, level-2 leads.

use super::*;

/// The lines of laid-out pages: (text, right edge, spacing) in reading order.
fn lines(metrics: &Metrics<'_>, pages: &[Page]) -> Vec<(String, f32, f32)> {
    let mut lines: Vec<(f32, String, f32, f32)> = Vec::new();
    for page in pages {
        for item in &page.items {
            let Item::Text {
                x_mm,
                baseline_mm,
                size_pt,
                role,
                text,
                spacing_mm,
            } = item
            else {
                continue;
            };
            let count = text.chars().count() as f32;
            let right = x_mm + metrics.width_mm(*role, text, *size_pt) + spacing_mm * (count - 1.0);
            match lines.last_mut() {
                Some(line) if (line.0 - baseline_mm).abs() < 0.01 => {
                    line.1.push_str(text);
                    line.2 = right;
                }
                _ => lines.push((*baseline_mm, text.clone(), right, *spacing_mm)),
            }
        }
    }
    lines.into_iter().map(|(_, t, r, s)| (t, r, s)).collect()
}

/// A flow with `used` filler lines on its first page.
fn filled<'a>(metrics: &'a Metrics<'a>, used: usize) -> Flow<'a> {
    let mut flow = Flow::new(metrics);
    for _ in 0..used {
        flow.push(vec![Flow::span(
            MARGIN_LEFT_MM,
            FontRole::Body,
            "行".to_owned(),
        )]);
    }
    flow
}

/// The lines of each page, as text.
fn page_lines(metrics: &Metrics<'_>, pages: &[Page]) -> Vec<Vec<String>> {
    pages
        .iter()
        .map(|page| {
            lines(metrics, std::slice::from_ref(page))
                .into_iter()
                .map(|(text, _, _)| text)
                .collect()
        })
        .collect()
}

#[test]
fn no_first_line_alone_at_a_page_foot_and_no_last_line_alone_at_a_page_head() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let three_lines = "安".repeat(70);
    let four_lines = "安".repeat(100);
    // (lines used, paragraph, lines of it that go to the next page).
    let cases = [
        // Two lines left: one line here would be an orphan, two would leave a widow, so the
        // three lines go over together.
        (20, &three_lines, 3),
        (21, &three_lines, 3),
        (19, &three_lines, 0),
        // Three lines left: two here, two on the next page.
        (19, &four_lines, 2),
        // Two lines left: two here would leave two, but that is all of one side each.
        (20, &four_lines, 2),
        (21, &four_lines, 4),
    ];
    for (used, text, over) in cases {
        let mut flow = filled(&metrics, used);
        flow.paragraph(text, FontRole::Body, FontRole::Body, 0);
        let pages = flow.finish();
        let on_next = page_lines(&metrics, &pages).get(1).map_or(0, Vec::len);
        assert_eq!(on_next, over, "{used} lines used");
    }
}

#[test]
fn lines_on_this_page_keeps_two_lines_on_each_side() {
    assert_eq!(lines_on_this_page(3, 5), 3);
    assert_eq!(lines_on_this_page(3, 2), 0);
    assert_eq!(lines_on_this_page(4, 2), 2);
    assert_eq!(lines_on_this_page(4, 3), 2);
    assert_eq!(lines_on_this_page(5, 3), 3);
    assert_eq!(lines_on_this_page(2, 1), 0);
    assert_eq!(lines_on_this_page(1, 1), 1);
    assert_eq!(lines_on_this_page(1, 0), 0);
    assert_eq!(lines_on_this_page(40, 22), 22);
}

#[test]
fn a_heading_at_the_foot_of_a_page_moves_with_the_first_lines_of_its_clause() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let clause = format!("（一）健全组织领导。{}", "安".repeat(60));
    let lead = level_two_lead(&clause);
    // 20 lines used: the heading would take line 21 and the clause's first line would have
    // to leave it (an orphan), so the heading goes over with the clause.
    let mut flow = filled(&metrics, 20);
    flow.heading("二、主要任务");
    flow.paragraph(&clause, FontRole::Body, FontRole::Heading2, lead);
    let pages = page_lines(&metrics, &flow.finish());
    assert_eq!(pages.len(), 2);
    assert!(pages[0].iter().all(|line| line == "行"), "{:?}", pages[0]);
    assert_eq!(pages[1][0], "二、主要任务");
    assert!(
        pages[1][1].starts_with("（一）健全组织领导。"),
        "{:?}",
        pages[1]
    );
    // 19 lines used: the heading and two lines of a four-line clause fill the page.
    let long = format!("（一）健全组织领导。{}", "安".repeat(90));
    let mut flow = filled(&metrics, 19);
    flow.heading("二、主要任务");
    flow.paragraph(
        &long,
        FontRole::Body,
        FontRole::Heading2,
        level_two_lead(&long),
    );
    let pages = page_lines(&metrics, &flow.finish());
    assert_eq!(pages[0].len(), 22);
    assert_eq!(pages[0][19], "二、主要任务");
    assert_eq!(pages[1].len(), 2, "{:?}", pages[1]);
    // A level-1 heading and a level-2 heading of their own stay with the paragraph too.
    let mut flow = filled(&metrics, 19);
    flow.heading("二、主要任务");
    flow.subheading("（一）组织领导");
    flow.paragraph(&clause, FontRole::Body, FontRole::Body, 0);
    let pages = page_lines(&metrics, &flow.finish());
    assert_eq!(pages[0].len(), 19);
    assert_eq!(pages[1][..2], ["二、主要任务", "（一）组织领导"]);
}

/// A short clause set wholly as a level-2 heading ("（五）补充条款。") that ends a part is text
/// of that part: when the next part's heading goes over with its clause, it stays behind.
#[test]
fn a_short_clause_ending_a_part_stays_when_the_next_heading_goes_over() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let short = "（五）补充条款。";
    let clause = format!("（一）健全组织领导。{}", "安".repeat(90));
    let mut flow = filled(&metrics, 19);
    assert!(is_subheading(short));
    flow.subheading(short);
    flow.heading("二、主要任务");
    flow.paragraph(
        &clause,
        FontRole::Body,
        FontRole::Heading2,
        level_two_lead(&clause),
    );
    let pages = page_lines(&metrics, &flow.finish());
    assert_eq!(pages[0].len(), 20, "{:?}", pages[0]);
    assert_eq!(pages[0][19], short);
    assert_eq!(pages[1][0], "二、主要任务");
}

#[test]
fn a_heading_at_the_foot_of_a_page_moves_in_the_agreement() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let clause = |n: usize| format!("（{}）健全组织领导。{}", ["一", "二"][n], "安".repeat(60));
    // Enough one-line preamble paragraphs to bring the second heading to the page's
    // last-but-one line.
    let mut content = crate::document::AgreementContent {
        year: 2025,
        number: 1,
        title: "2025年度安全生产目标管理责任书".into(),
        party_a: "示例市人民政府".into(),
        party_b: "城关街道办事处".into(),
        preamble: String::new(),
        sections: vec![
            crate::document::ContentSection {
                heading: "一、目标任务".into(),
                clauses: vec![clause(0)],
            },
            crate::document::ContentSection {
                heading: "二、主要任务".into(),
                clauses: vec![clause(1)],
            },
        ],
        indicators: Vec::new(),
        party_a_signatory_title: String::new(),
        party_b_signatory_title: String::new(),
        copies: 3,
    };
    // Title, blank, two parties, blank: 5 lines; heading and 3 lines: 4; so 11 preamble
    // lines put the second heading on line 21 of 22.
    content.preamble = ["序言。"; 11].join("\n");
    let pages = page_lines(&metrics, &main_text(&metrics, &content));
    let first = pages.first().unwrap();
    assert_ne!(
        first.last().map(String::as_str),
        Some("二、主要任务"),
        "{first:?}"
    );
    let second = pages.get(1).unwrap();
    assert_eq!(second.first().map(String::as_str), Some("二、主要任务"));
    assert!(second[1].starts_with("（二）健全组织领导。"), "{second:?}");
}

#[test]
fn full_lines_are_justified_to_the_right_margin_and_last_lines_are_not() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let mut flow = Flow::new(&metrics);
    // 26 ideographs fill the indented first line, but "》" may not start the next line (nor
    // hang, as a comma would), so the 26th goes down with it: the first line ends one cell
    // short. The half-width digits leave later lines short by half cells.
    let text = format!(
        "{}》{}扣完为止。",
        "安".repeat(26),
        "每少1次扣1分，".repeat(9)
    );
    flow.paragraph(&text, FontRole::Body, FontRole::Heading2, 3);
    flow.paragraph("短段落。", FontRole::Body, FontRole::Body, 0);
    let lines = lines(&metrics, &flow.finish());
    let right_margin = MARGIN_LEFT_MM + TEXT_WIDTH_MM;
    assert_eq!(lines.first().map(|l| l.0.chars().count()), Some(25));
    let (full, last_of_paragraph) = lines.split_at(lines.len() - 2);
    for (text, right, _) in full {
        assert!(
            (right - right_margin).abs() < 0.01,
            "“{text}” ends at {right}, not at the margin {right_margin}"
        );
    }
    assert!(full.iter().any(|l| l.2 > 0.1), "some line was spread");
    for (text, right, spacing) in last_of_paragraph {
        assert!(spacing.abs() < f32::EPSILON, "“{text}” is a last line");
        assert!(*right < right_margin - 1.0, "“{text}” ends early");
    }
}

#[test]
fn level_two_leads_cover_marker_and_short_heading() {
    assert_eq!(
        level_two_lead("（一）健全组织领导。调整充实……"),
        "（一）健全组织领导。".chars().count()
    );
    assert_eq!(
        level_two_lead("（二）不发生较大及以上生产安全事故，不发生造成恶劣社会影响的事故。"),
        0,
        "a numbered paragraph without a heading is body text"
    );
    assert_eq!(level_two_lead("（二）按时报告，及时整改。其余……"), 0);
    assert_eq!(level_two_lead("普通段落。"), 0);
    assert_eq!(level_two_lead("（三）其他事项"), 7);
    assert_eq!(
        level_two_lead("（三）加强宣传、教育和培训。其余……"),
        "（三）加强宣传、教育和培训。".chars().count()
    );
    assert_eq!(level_two_lead("（三）有效期至年底，逾期作废"), 0);
    assert!(is_subheading("（三）其他事项"));
    assert!(is_subheading("（一）健全组织领导。"));
    assert!(!is_subheading("（一）健全组织领导。调整充实……"));
    assert_eq!(level_two_lead("（注）说明。"), 0);
}

/// After `used` filler lines, a four-line paragraph and the one-line paragraph `closing`, a
/// 落款 of six lines kept with the two lines before it: the lines of each page.
fn closing_pages(used: usize, closing: &str) -> Vec<Vec<String>> {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let mut flow = filled(&metrics, used);
    let reward = "对考核等次为优秀的单位予以通报表扬，对不合格的单位约谈其主要负责人。".repeat(3);
    let reward_lines = flow
        .paragraph_rows(&reward, FontRole::Body, FontRole::Body, 0)
        .len();
    assert_eq!(reward_lines, 4);
    flow.paragraph(&reward, FontRole::Body, FontRole::Body, 0);
    flow.paragraph(closing, FontRole::Body, FontRole::Body, 0);
    let block: Vec<Row> = (0..6)
        .map(|_| {
            flow.paragraph_rows("落款", FontRole::Body, FontRole::Body, 0)
                .remove(0)
        })
        .collect();
    flow.keep_with_last(block, 2);
    page_lines(&metrics, &flow.finish())
}

/// The notice's case: the paragraph takes lines 16 to 19 and the closing line 20, and the
/// 落款 does not fit under them. Taking the last two lines over would leave the paragraph's
/// last line alone at the head of the next page: it goes over with two.
#[test]
fn lines_kept_with_the_signature_leave_no_last_line_alone_at_the_head_of_a_page() {
    let pages = closing_pages(15, "龙泉镇连续两年不合格。");
    let (first, second) = (&pages[0], &pages[1]);
    assert_eq!(
        first.len(),
        15 + 2,
        "two lines of the paragraph stay: {first:?}"
    );
    assert_eq!(second.len(), 2 + 1 + 6, "{second:?}");
    assert_eq!(second[2], "龙泉镇连续两年不合格。");
}

/// The same when the paragraph fills the page and the closing line starts the next: the line
/// taken back from the full page to keep it company is not a paragraph's last line alone.
#[test]
fn lines_taken_back_from_a_full_page_leave_no_last_line_alone_either() {
    let pages = closing_pages(18, "特此通报。");
    let (first, second) = (&pages[0], &pages[1]);
    assert_eq!(
        first.len(),
        18 + 2,
        "two lines of the paragraph stay: {first:?}"
    );
    assert_eq!(second.len(), 2 + 1 + 6, "{second:?}");
    assert_eq!(second[2], "特此通报。");
}

/// Eight one-line rows standing for the signature block.
fn signature_block(flow: &Flow<'_>) -> Vec<Row> {
    (0..8)
        .map(|_| {
            flow.paragraph_rows("签字", FontRole::Body, FontRole::Body, 0)
                .remove(0)
        })
        .collect()
}

/// A run of short clauses set as level-2 headings ("（四）补充条款。") is text: only its last
/// two go over with the signature block, not the whole run leaving a page nearly empty.
#[test]
fn a_run_of_short_clauses_is_not_carried_over_whole_with_the_signature() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let mut flow = Flow::new(&metrics);
    for _ in 0..6 {
        flow.paragraph("正文。", FontRole::Body, FontRole::Body, 0);
    }
    let numbers = [
        "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "十三", "十四", "十五",
    ];
    for number in numbers {
        flow.subheading(&format!("（{number}）补充条款。"));
    }
    let block = signature_block(&flow);
    flow.keep_with_previous(block);
    let pages = page_lines(&metrics, &flow.finish());
    let (first, second) = (&pages[0], &pages[1]);
    assert_eq!(first.len(), 6 + 10, "{first:?}");
    assert_eq!(
        second.first().map(String::as_str),
        Some("（十四）补充条款。")
    );
    assert_eq!(second.len(), 2 + 8, "{second:?}");
}

#[test]
fn a_heading_goes_over_with_the_closing_lines_kept_with_the_signature() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let mut flow = Flow::new(&metrics);
    for _ in 0..14 {
        flow.paragraph("正文。", FontRole::Body, FontRole::Body, 0);
    }
    flow.heading("三、考核与奖惩");
    flow.paragraph(
        &"年终进行考核，考核结果按年度考核办法通报。".repeat(2),
        FontRole::Body,
        FontRole::Body,
        0,
    );
    // A block that does not fit under them takes the last two lines, and the heading too.
    let block = signature_block(&flow);
    flow.keep_with_previous(block);
    let pages = page_lines(&metrics, &flow.finish());
    let first = pages.first().unwrap();
    assert_ne!(
        first.last().map(String::as_str),
        Some("三、考核与奖惩"),
        "{first:?}"
    );
    let second = pages.get(1).unwrap();
    assert_eq!(second.first().map(String::as_str), Some("三、考核与奖惩"));
}

#[test]
fn every_paragraph_of_a_clause_is_indented_two_characters() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let mut flow = Flow::new(&metrics);
    flow.paragraph("第一段。\n第二段。", FontRole::Body, FontRole::Body, 0);
    let pages = flow.finish();
    let starts: Vec<f32> = (pages[0].items.iter())
        .filter_map(|item| match item {
            Item::Text { x_mm, .. } => Some(*x_mm),
            _ => None,
        })
        .collect();
    assert_eq!(starts.len(), 2, "{starts:?}");
    for x in starts {
        assert!((x - (MARGIN_LEFT_MM + 2.0 * CELL_MM)).abs() < 0.01, "{x}");
    }
}

#[test]
fn a_line_whose_comma_hangs_is_filled_to_the_margin_before_it() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let mut flow = Flow::new(&metrics);
    // 25 ideographs and a digit (25.5 cells) fill the indented first line but for half a
    // cell; the comma does not fit and hangs, and the line is spread to the margin before it.
    let text = format!("{}1，{}。", "安".repeat(25), "安".repeat(10));
    flow.paragraph(&text, FontRole::Body, FontRole::Body, 0);
    let lines = lines(&metrics, &flow.finish());
    let (first, right, spacing) = &lines[0];
    assert!(first.ends_with("1，"), "{first}");
    assert!(*spacing > 0.0, "the line is spread");
    let margin = MARGIN_LEFT_MM + TEXT_WIDTH_MM;
    assert!(
        *right >= margin + CELL_MM - 0.05,
        "the comma hangs past a full line: {right} vs {margin}"
    );
}

#[test]
fn a_long_party_name_breaks_between_words_and_goes_on_under_itself() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let content = crate::document::AgreementContent {
        year: 2025,
        number: 15,
        title: "2025年度安全生产目标管理责任书".into(),
        party_a: "示例市人民政府".into(),
        party_b: "示例市经济技术开发区管理委员会（综合行政执法局、应急管理局）".into(),
        preamble: String::new(),
        sections: Vec::new(),
        indicators: Vec::new(),
        party_a_signatory_title: String::new(),
        party_b_signatory_title: String::new(),
        copies: 3,
    };
    let pages = main_text(&metrics, &content);
    let party_lines: Vec<(f32, &str)> = (pages.iter().flat_map(|p| &p.items))
        .filter_map(|item| match item {
            Item::Text { x_mm, text, .. } => Some((*x_mm, text.as_str())),
            _ => None,
        })
        .skip_while(|(_, text)| !text.starts_with("乙方："))
        .take(2)
        .collect();
    let indent = metrics.width_mm(FontRole::Body, "乙方：", BODY_SIZE_PT);
    assert_eq!(
        party_lines,
        [
            (MARGIN_LEFT_MM, "乙方：示例市经济技术开发区管理委员会"),
            (MARGIN_LEFT_MM + indent, "（综合行政执法局、应急管理局）"),
        ]
    );
}
