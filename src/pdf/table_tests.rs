//! Tests of the indicator table's pagination: tall rows split between lines, rows that fit a
//! fresh page kept whole, the header repeated and never left alone at the foot of a page.

use super::*;
use crate::document::ContentIndicator;
use crate::model::Points;
use crate::pdf::fonts::FontSet;

const BOTTOM_MM: f32 = PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM;
/// Left edge of the 考核标准 column.
const CRITERIA_X_MM: f32 = MARGIN_LEFT_MM + 78.0;

fn content(criteria: &[String]) -> AgreementContent {
    AgreementContent {
        year: 2025,
        number: 1,
        title: "2025年度安全生产目标管理责任书".into(),
        party_a: "示例市人民政府".into(),
        party_b: "城关街道办事处".into(),
        preamble: String::new(),
        sections: Vec::new(),
        indicators: criteria
            .iter()
            .enumerate()
            .map(|(n, c)| ContentIndicator {
                name: format!("考核项目{}", n + 1),
                points: Points::whole(5),
                criteria: c.clone(),
            })
            .collect(),
        party_a_signatory_title: String::new(),
        party_b_signatory_title: String::new(),
        copies: 3,
    }
}

/// (x, baseline, text) of every text on a page.
fn texts(page: &Page) -> Vec<(f32, f32, String)> {
    page.items
        .iter()
        .filter_map(|item| match item {
            Item::Text {
                x_mm,
                baseline_mm,
                text,
                ..
            } => Some((*x_mm, *baseline_mm, text.clone())),
            _ => None,
        })
        .collect()
}

/// The 考核标准 column's text, page by page, header excluded.
fn criteria_by_page(pages: &[Page]) -> Vec<String> {
    pages
        .iter()
        .map(|page| {
            texts(page)
                .into_iter()
                .filter(|(x, _, t)| *x >= CRITERIA_X_MM && t != "考核标准")
                .map(|(_, _, t)| t)
                .collect()
        })
        .collect()
}

fn assert_inside_the_text_block(pages: &[Page]) {
    for (index, page) in pages.iter().enumerate() {
        for item in &page.items {
            match item {
                Item::Text {
                    baseline_mm, text, ..
                } => assert!(
                    *baseline_mm <= BOTTOM_MM,
                    "page {}: “{text}” at {baseline_mm} runs past the text block",
                    index + 1
                ),
                Item::Rule { y1_mm, y2_mm, .. } => assert!(
                    y1_mm.max(*y2_mm) <= BOTTOM_MM + 0.01,
                    "page {}: rule at {y2_mm}",
                    index + 1
                ),
                Item::Watermark(_) | Item::Red(_) => {}
            }
        }
    }
}

/// Every page's header row has a body row under it.
fn assert_no_header_alone(pages: &[Page]) {
    for (index, page) in pages.iter().enumerate() {
        let rows = texts(page);
        let header = rows
            .iter()
            .find(|(_, _, t)| t == "考核标准")
            .expect("every table page has the header");
        assert!(
            rows.iter()
                .any(|(_, baseline, t)| *baseline > header.1 + 1.0 && !t.is_empty()),
            "page {} ends with its header row alone",
            index + 1
        );
    }
}

#[test]
fn a_row_taller_than_a_page_splits_between_lines_under_a_repeated_header() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let tall: String =
        "党政主要负责人履行安全生产第一责任人职责，每季度研究安全生产工作不少于一次；"
            .chars()
            .cycle()
            .take(630)
            .collect();
    let criteria = vec![
        "每缺1次扣1分".to_owned(),
        tall.clone(),
        "未落实扣2分".to_owned(),
    ];
    let pages = indicator_pages(&metrics, &content(&criteria));
    assert!(pages.len() >= 2, "the tall row runs onto a second page");
    assert_inside_the_text_block(&pages);
    assert_no_header_alone(&pages);
    let all: String = criteria_by_page(&pages).concat();
    assert_eq!(all, criteria.concat(), "every line once, in order");
    // The part carried on is labelled: its number again, and （续） for the item.
    let continued_page = (pages.iter())
        .position(|page| texts(page).iter().any(|(_, _, t)| t == "（续）"))
        .expect("the continued part says so");
    assert!(continued_page >= 1);
    let on_it: Vec<String> = texts(&pages[continued_page])
        .into_iter()
        .map(|t| t.2)
        .collect();
    assert!(on_it.contains(&"2".to_owned()), "{on_it:?}");
    assert!(!on_it.contains(&"考核项目2".to_owned()), "{on_it:?}");
}

#[test]
fn the_first_row_starts_under_the_title_rather_than_leave_it_alone() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    // About 29 lines: more than fit under the title, fewer than a fresh page holds.
    let long: String = "未建立安全生产责任制扣2分；"
        .chars()
        .cycle()
        .take(400)
        .collect();
    let pages = indicator_pages(&metrics, &content(std::slice::from_ref(&long)));
    assert_eq!(pages.len(), 2);
    assert_inside_the_text_block(&pages);
    assert_no_header_alone(&pages);
    assert_eq!(criteria_by_page(&pages).concat(), long);
}

#[test]
fn rows_that_fit_a_fresh_page_move_whole() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let criteria: Vec<String> = (0..12)
        .map(|n| {
            format!(
                "第{n}项：{}",
                "未及时调整扣1分；党政联席会议研究安全生产每少1次扣1分；".repeat(2 + n % 3)
            )
        })
        .collect();
    let pages = indicator_pages(&metrics, &content(&criteria));
    assert!(pages.len() >= 2);
    assert_inside_the_text_block(&pages);
    assert_no_header_alone(&pages);
    let by_page = criteria_by_page(&pages);
    for criterion in &criteria {
        assert!(
            by_page.iter().any(|page| page.contains(criterion.as_str())),
            "a row that fits a page is never split: {criterion}"
        );
    }
}

#[test]
fn cells_end_without_a_stray_character_and_numbers_keep_their_units() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let names = [
        "重点行业领域专项整治",
        "“三个必须”责任落实",
        "指导企业落实主体责任",
        "信息报送与数据统计",
    ];
    for name in names {
        let lines = row_lines(
            &metrics,
            &COLUMNS_MM,
            ["1", name, "8", "扣1分"],
            FontRole::Body,
        );
        assert_eq!(lines[1], [name], "a typical name takes one line");
    }
    let lines = row_lines(
        &metrics,
        &COLUMNS_MM,
        [
            "2",
            "党政同责、一岗双责落实",
            "6",
            "标准化、培训持证工作未开展扣2分",
        ],
        FontRole::Body,
    );
    assert_eq!(lines[1], ["党政同责、", "一岗双责落实"]);
    assert_eq!(lines[3], ["标准化、培训持证", "工作未开展扣2分"]);
    // A name of two lines is split evenly between words, not filled to the column's end.
    let lines = row_lines(
        &metrics,
        &COLUMNS_MM,
        ["6", "办公场所和所属单位安全管理", "10", "扣2分"],
        FontRole::Body,
    );
    assert_eq!(lines[1], ["办公场所和", "所属单位安全管理"]);
    let criteria = [
        "每起一般事故扣2分，每死亡1人扣3分，扣完为止",
        "安委会未及时调整扣1分；党政联席会议研究安全生产每少1次扣1分",
        "过火面积超过15亩的火灾每起扣2分；零报告未落实每次扣1分",
        "检查计划未完成扣3分；执法案件不规范每件扣1分",
    ];
    for text in criteria {
        let lines = row_lines(
            &metrics,
            &COLUMNS_MM,
            ["3", "考核项目", "5", text],
            FontRole::Body,
        );
        let cell = &lines[3];
        assert_eq!(cell.concat(), text);
        assert!(
            cell.iter().all(|line| line.chars().count() >= 3),
            "no stray last line: {cell:?}"
        );
        for pair in cell.windows(2) {
            let ends_in_digit = pair[0].chars().last().is_some_and(|c| c.is_ascii_digit());
            assert!(!ends_in_digit, "a number stays with its unit: {cell:?}");
        }
    }
    // The columns still make up the text block, and each head fits its column.
    assert!((COLUMNS_MM.iter().sum::<f32>() - TEXT_WIDTH_MM).abs() < 1e-3);
    let header = row_lines(
        &metrics,
        &COLUMNS_MM,
        ["序号", "考核项目", "分值", "考核标准"],
        FontRole::Heading1,
    );
    assert!(header.iter().all(|cell| cell.len() == 1), "{header:?}");
}

#[test]
fn a_continued_table_brings_at_least_three_rows_to_its_last_page() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let mut continued = 0;
    for count in 8..40 {
        let criteria: Vec<String> = (0..count).map(|_| "每项扣1分".to_owned()).collect();
        let pages = indicator_pages(&metrics, &content(&criteria));
        let row_numbers = |page: &Page| {
            texts(page)
                .into_iter()
                .filter(|(x, _, t)| *x < MARGIN_LEFT_MM + 13.0 && t.parse::<usize>().is_ok())
                .count()
        };
        let total: usize = pages.iter().map(row_numbers).sum();
        assert_eq!(total, count, "every row once");
        if pages.len() > 1 {
            continued += 1;
            let last = pages.last().map_or(0, row_numbers);
            assert!(last >= 3, "{count} rows: {last} on the last page");
        }
    }
    assert!(continued > 5, "the sizes tried run onto a second page");
}

/// A last row tall enough to fill a third of a page goes over with 合计 alone: the rows above
/// it stay on the page where they fit, rather than leave a gap to keep three together.
#[test]
fn a_tall_last_row_takes_only_itself_over_to_the_last_page() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let tall = "按规定每发现一处问题扣1分，扣完为止。".repeat(14);
    let mut moved_alone = 0;
    for count in 6..24 {
        let mut criteria: Vec<String> = (1..count).map(|_| "每项扣1分".to_owned()).collect();
        criteria.push(tall.clone());
        let pages = indicator_pages(&metrics, &content(&criteria));
        let row_numbers = |page: &Page| -> Vec<usize> {
            texts(page)
                .into_iter()
                .filter(|(x, _, _)| *x < MARGIN_LEFT_MM + 13.0)
                .filter_map(|(_, _, t)| t.parse::<usize>().ok())
                .collect()
        };
        let Some(last) = pages.last().map(row_numbers) else {
            continue;
        };
        // The rows above it on the page before, not brought over to make three.
        if pages.len() > 1 && last == [count] {
            let before = row_numbers(&pages[pages.len() - 2]);
            assert_eq!(before.last(), Some(&(count - 1)), "{count}");
            moved_alone += 1;
        }
    }
    assert!(
        moved_alone > 0,
        "the sizes tried put the tall row alone on the last page"
    );
}

#[test]
fn the_table_closes_with_a_total_row_of_its_points() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let criteria: Vec<String> = (0..4).map(|_| "每项扣1分".to_owned()).collect();
    let pages = indicator_pages(&metrics, &content(&criteria));
    let rows = texts(pages.last().unwrap());
    let total = rows.iter().find(|(_, _, t)| t == "合计").unwrap();
    let lowest = rows.iter().map(|r| r.1).fold(0.0_f32, f32::max);
    assert!((total.1 - lowest).abs() < 0.01, "合计 is the last row");
    assert!(
        rows.iter()
            .any(|(_, baseline, t)| t == "20" && (baseline - total.1).abs() < 0.01),
        "four indicators of 5 points add up to 20: {rows:?}"
    );
}

#[test]
fn points_with_decimals_sit_in_the_middle_of_their_column_as_whole_ones_do() {
    let fonts = FontSet::shipped();
    let metrics = Metrics::new(&fonts);
    let mut table = content(&["甲".to_owned(), "乙".to_owned(), "丙".to_owned()]);
    let points = [Points(2000), Points(1550), Points(950)];
    for (indicator, points) in table.indicators.iter_mut().zip(points) {
        indicator.points = points;
    }
    let pages = indicator_pages(&metrics, &table);
    let rows = texts(&pages[0]);
    // The 分值 column: 12.5 mm from 65.5 mm into the text block.
    let (left, width) = (MARGIN_LEFT_MM + 65.5, 12.5);
    for shown in ["20", "15.5", "9.5"] {
        let (x, _, _) = rows.iter().find(|(_, _, t)| t == shown).unwrap();
        let text_width = metrics.width_mm(FontRole::Body, shown, TABLE_SIZE_PT);
        let gaps = (x - left, left + width - (x + text_width));
        assert!((gaps.0 - gaps.1).abs() < 0.05, "{shown}: {gaps:?}");
    }
}

/// Points with two decimals ("17.75") are drawn whole on one line: the 分值 column widens for
/// them (from 考核标准), and stays as it is for whole points.
#[test]
fn points_with_decimals_are_never_split() {
    let fonts = FontSet::installed();
    let metrics = Metrics::new(fonts);
    let mut table = content(&["扣1分".to_owned(), "扣2分".to_owned()]);
    let usual = columns(&metrics, &table);
    assert!(
        (usual[2] - COLUMNS_MM[2]).abs() < 0.01,
        "whole points: {usual:?}"
    );
    table.indicators[0].points = Points::parse("17.75").unwrap();
    table.indicators[1].points = Points::parse("82.25").unwrap();
    let widened = columns(&metrics, &table);
    assert!(widened[2] > COLUMNS_MM[2], "{widened:?}");
    assert!((widened.iter().sum::<f32>() - TEXT_WIDTH_MM).abs() < 0.01);
    let pages = indicator_pages(&metrics, &table);
    let shown: Vec<String> = pages.iter().flat_map(texts).map(|(_, _, t)| t).collect();
    for points in ["17.75", "82.25", "100"] {
        assert!(
            shown.iter().any(|t| t == points),
            "{points} whole: {shown:?}"
        );
    }
}
