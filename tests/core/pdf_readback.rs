//! Agreement PDFs read back with poppler for what the layout promises beyond the text itself:
//! Latin words and numbers not spaced out by justification, the signature block read column by
//! column, the 附件说明 line before the signature, the text block and page numbers measured in
//! millimetres.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

use zerenshu::document::{AgreementContent, ContentIndicator, ContentSection};
use zerenshu::model::Points;
use zerenshu::pdf::agreement::{PrintOptions, agreement_pages, agreement_pdf};
use zerenshu::pdf::fonts::{FontRole, FontSet};
use zerenshu::pdf::page::{BODY_SIZE_PT, Item, MARGIN_LEFT_MM, PT_PER_MM, TEXT_WIDTH_MM};
use zerenshu::pdf::writer::FontCache;

fn content(clause: &str) -> AgreementContent {
    AgreementContent {
        year: 2025,
        number: 22,
        title: "2025年度安全生产目标管理责任书".into(),
        party_a: "示例市人民政府".into(),
        party_b: "示例市城市管理综合行政执法局".into(),
        preamble: "为落实安全生产责任，签订本责任书。".into(),
        sections: vec![ContentSection {
            heading: "一、主要任务".into(),
            clauses: vec![clause.to_owned()],
        }],
        indicators: vec![ContentIndicator {
            name: "重点行业领域专项整治".into(),
            points: Points::whole(8),
            criteria: "每项任务未完成扣2分".into(),
        }],
        party_a_signatory_title: "副市长".into(),
        party_b_signatory_title: "局长".into(),
        copies: 3,
    }
}

/// The PDF's text as poppler reads it, with `args` (such as "-bbox" or "-layout").
fn pdftotext(bytes: &[u8], args: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("agreement.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("pdftotext")
        .args(args)
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .expect("pdftotext is needed (poppler-utils)");
    assert!(output.status.success());
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// (xMin, xMax, word) of each word of `pdftotext -bbox` output.
fn words(bbox: &str) -> Vec<(f32, f32, String)> {
    bbox.lines()
        .filter(|line| line.trim_start().starts_with("<word "))
        .filter_map(|line| {
            let attribute = |name: &str| -> Option<f32> {
                let start = line.find(&format!("{name}=\""))? + name.len() + 2;
                let rest = line.get(start..)?;
                rest.get(..rest.find('"')?)?.parse().ok()
            };
            let text = line.get(line.find('>')? + 1..line.rfind("</word>")?)?;
            Some((attribute("xMin")?, attribute("xMax")?, text.to_owned()))
        })
        .collect()
}

#[test]
fn justification_leaves_latin_words_and_numbers_at_their_natural_width() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    // "。" may not start a line, so the first line ends a cell short and is spread.
    let clause = format!(
        "{}。依照Standards GB/T 9704-2012排版，达标率100%，{}",
        "安".repeat(22),
        "全".repeat(40)
    );
    let bytes = agreement_pdf(&cache, &content(&clause), &PrintOptions::default()).unwrap();
    let found = words(&pdftotext(&bytes, &["-bbox"]));
    let word = |wanted: &str| {
        found
            .iter()
            .find(|(_, _, text)| text.starts_with(wanted))
            .cloned()
            .unwrap_or_else(|| panic!("“{wanted}” read back as one word: {found:?}"))
    };
    // The line is spread to the right margin…
    let right_margin_pt = (MARGIN_LEFT_MM + TEXT_WIDTH_MM) * PT_PER_MM;
    let (_, line_end, _) = word("9704-2012");
    assert!(
        (line_end - right_margin_pt).abs() < 1.0,
        "the line ends at {line_end}, the margin is at {right_margin_pt}"
    );
    // …but not inside its Latin words and numbers.
    for wanted in ["Standards", "GB/T"] {
        let (min, max, _) = word(wanted);
        let natural_pt: f32 = wanted
            .chars()
            .map(|c| fonts.advance_pt(FontRole::Body, c, BODY_SIZE_PT))
            .sum();
        assert!(
            (max - min - natural_pt).abs() < 0.6,
            "“{wanted}” is {} pt wide, {natural_pt} pt natural",
            max - min
        );
    }
}

/// The text without whitespace.
fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// In the order the page draws its text (what `pdftotext -raw`, copy and paste and screen
/// readers follow), the 甲方 column comes whole before the 乙方 column, and the long name's
/// second line comes straight after its first. (poppler's default mode orders the grid lines
/// row by row: at 1.8 em apart each line is a block of its own.)
#[test]
fn the_signature_block_reads_column_by_column() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let clause = "（一）本责任书自签订之日起生效。";
    let bytes = agreement_pdf(&cache, &content(clause), &PrintOptions::default()).unwrap();
    let text = squeeze(&pdftotext(&bytes, &["-raw"]));
    let expected = "甲方：示例市人民政府（盖章）副市长（签字）：年月日\
                    乙方：示例市城市管理综合行政执法局（盖章）局长（签字）：年月日";
    assert!(text.contains(&squeeze(expected)), "{text}");
}

/// GB/T 9704's 附件说明: with the indicator table attached, the body ends with "附件：" and the
/// table's title, two cells in, before the signature block; the table's page opens with "附件"
/// at the top left in 黑体 and repeats the title. Without the table there is no such line.
#[test]
fn an_attached_table_is_announced_after_the_body_and_opens_its_page_with_fujian() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let clause = "（一）本责任书自签订之日起生效。";
    let with_table = content(clause);
    let bytes = agreement_pdf(&cache, &with_table, &PrintOptions::default()).unwrap();
    let text = squeeze(&pdftotext(&bytes, &["-raw"]));
    let note = "附件：2025年度安全生产目标管理考核指标";
    let order = [
        clause,
        note,
        "甲方：示例市人民政府",
        "附件",
        "2025年度安全生产目标管理考核指标",
    ];
    let mut cursor = 0;
    for piece in order {
        let found = text[cursor..]
            .find(piece)
            .unwrap_or_else(|| panic!("“{piece}” not in order in {text}"));
        cursor += found + piece.len();
    }
    let pages = agreement_pages(&fonts, &with_table, &PrintOptions::default());
    let note_item = pages[0]
        .items
        .iter()
        .find_map(|item| match item {
            Item::Text { x_mm, text, .. } if text == note => Some(*x_mm),
            _ => None,
        })
        .expect("the 附件说明 line");
    assert!((note_item - (MARGIN_LEFT_MM + 2.0 * TEXT_WIDTH_MM / 28.0)).abs() < 1e-3);
    let Some(Item::Text {
        x_mm, role, text, ..
    }) = pages[1]
        .items
        .iter()
        .find(|i| matches!(i, Item::Text { .. }))
    else {
        panic!("the annex page has text")
    };
    assert_eq!(
        (text.as_str(), *role, *x_mm),
        ("附件", FontRole::Heading1, MARGIN_LEFT_MM)
    );

    let mut without_table = content(clause);
    without_table.indicators.clear();
    let bytes = agreement_pdf(&cache, &without_table, &PrintOptions::default()).unwrap();
    assert!(!pdftotext(&bytes, &[]).contains("附件"));
}

/// A word as poppler placed it: (xMin, yMin, xMax, yMax, word), in millimetres from the
/// page's top-left corner.
type PlacedWord = (f32, f32, f32, f32, String);

/// Each page's words of `pdftotext -bbox` output.
fn pages_in_mm(bbox: &str) -> Vec<Vec<PlacedWord>> {
    const MM_PER_PT: f32 = 25.4 / 72.0;
    let mut pages = Vec::new();
    for line in bbox.lines().map(str::trim_start) {
        if line.starts_with("<page ") {
            pages.push(Vec::new());
        }
        if !line.starts_with("<word ") {
            continue;
        }
        let attribute = |name: &str| -> f32 {
            let start = line.find(&format!("{name}=\"")).unwrap() + name.len() + 2;
            let rest = &line[start..];
            rest[..rest.find('"').unwrap()].parse::<f32>().unwrap() * MM_PER_PT
        };
        let text = &line[line.find('>').unwrap() + 1..line.rfind("</word>").unwrap()];
        pages.last_mut().unwrap().push((
            attribute("xMin"),
            attribute("yMin"),
            attribute("xMax"),
            attribute("yMax"),
            text.to_owned(),
        ));
    }
    pages
}

/// The page facts of GB/T 9704-2012 measured on the PDF as poppler reads it, with the numbers
/// written out (not taken from the typesetter's constants): the text block 28 mm from the left
/// and 156 mm wide, its first line at 37 mm from the top, nothing below 262 mm (35 mm bottom
/// margin) but the page number, whose 一字线 sit 7 mm below the block (269 mm), one cell
/// (156/28 mm) in from the right edge of the block on odd pages and from the left on even ones.
#[test]
fn the_text_block_and_page_numbers_measure_as_gb_t_9704_sets_them() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let clause = format!("（一）{}。", "落实安全生产责任，".repeat(150));
    let bytes = agreement_pdf(&cache, &content(&clause), &PrintOptions::default()).unwrap();
    let pages = pages_in_mm(&pdftotext(&bytes, &["-bbox"]));
    assert!(pages.len() >= 3, "{} pages", pages.len());
    let cell = 156.0 / 28.0;
    let near = |a: f32, b: f32| (a - b).abs() < 0.3;
    for (index, words) in pages.iter().enumerate() {
        let number = index + 1;
        let (dashes, body): (Vec<_>, Vec<_>) = words.iter().partition(|w| w.4 == "—");
        assert_eq!(dashes.len(), 2, "page {number}: {words:?}");
        for (x_min, y_min, x_max, y_max, text) in &body {
            if text.chars().all(|c| c.is_ascii_digit()) && *y_min > 262.0 {
                continue; // the page number's figure
            }
            // A comma or full stop may hang one cell past the edge (允许标点溢出边界).
            let hangs = text.ends_with(['，', '。', '、', '；', '：', '？', '！']);
            let right = if hangs { 184.0 + cell } else { 184.0 };
            assert!(
                *x_min > 28.0 - 0.1 && *x_max < right + 0.3,
                "{text}: {x_min}–{x_max}"
            );
            assert!(*y_max < 262.0, "page {number}: {text} ends at {y_max} mm");
        }
        // Body pages (the attached table's page has its own columns).
        let is_table = body.first().is_some_and(|w| w.4 == "附件");
        assert!(
            is_table || body.iter().any(|w| near(w.0, 28.0)),
            "page {number} starts lines at 28 mm"
        );
        assert!(
            is_table || body.iter().any(|w| near(w.2, 184.0)),
            "page {number} fills lines to 184 mm"
        );
        // (The first page opens with the 二号 title, whose taller box poppler starts higher.)
        let top = body.iter().map(|w| w.1).fold(f32::MAX, f32::min);
        assert!(
            number == 1 || (37.0..39.0).contains(&top),
            "page {number}: first line at {top} mm"
        );
        for dash in &dashes {
            assert!(dash.1 < 269.0 && 269.0 < dash.3, "page {number}: {dash:?}");
        }
        let (left, right) = (dashes[0].0.min(dashes[1].0), dashes[0].2.max(dashes[1].2));
        if number % 2 == 1 {
            assert!(
                near(right, 184.0 - cell),
                "odd page {number} ends at {right} mm"
            );
        } else {
            assert!(
                near(left, 28.0 + cell),
                "even page {number} starts at {left} mm"
            );
        }
    }
}

/// The page number's 一字线 as printed: rendered at 600 dpi, the dash left of the figure on
/// page 1 has its top edge 7 mm below the text block (262 mm), as "一字线上距版心下边缘7mm"
/// says, and is about one 四号 character (4.9 mm) long.
#[test]
fn the_page_number_dash_is_printed_7_mm_below_the_text_block() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let bytes = agreement_pdf(
        &cache,
        &content("（一）落实责任。"),
        &PrintOptions::default(),
    )
    .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("agreement.pdf");
    std::fs::write(&pdf, &bytes).unwrap();
    let prefix = dir.path().join("page");
    let status = Command::new("pdftoppm")
        .args(["-r", "600", "-f", "1", "-l", "1", "-gray", "-singlefile"])
        .args([pdf.to_str().unwrap(), prefix.to_str().unwrap()])
        .status()
        .expect("pdftoppm is needed (poppler-utils)");
    assert!(status.success());
    let image = std::fs::read(dir.path().join("page.pgm")).unwrap();
    // A binary PGM: "P5", width and height, the largest value, then a byte per pixel.
    let mut fields = image.splitn(5, u8::is_ascii_whitespace);
    let mut number = || -> usize {
        std::str::from_utf8(fields.next().unwrap())
            .unwrap()
            .parse()
            .unwrap_or(0)
    };
    let (_, width, height, _) = (number(), number(), number(), number());
    let pixels = &image[image.len() - width * height..];
    let mm = |pixels: usize| pixels as f32 / 600.0 * 25.4;
    // Whole millimetres of an A4 page: no sign, far below usize's range.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let px = |mm: f32| (mm / 25.4 * 600.0) as usize;
    // Page 1 is odd: the number sits at the right, "— 1 —" ending one cell in from 184 mm;
    // its first dash is the ink furthest left below the text block.
    let ink: Vec<(usize, usize)> = (px(262.0)..px(285.0))
        .flat_map(|y| (0..width).map(move |x| (x, y)))
        .filter(|&(x, y)| pixels[y * width + x] < 128)
        .collect();
    let first_x = ink.iter().map(|&(x, _)| x).min().unwrap();
    // The dash: the ink within 5.5 mm of the left end (the figure starts after a space).
    let dash: Vec<&(usize, usize)> = ink
        .iter()
        .filter(|&&(x, _)| x < first_x + px(4.0))
        .collect();
    let top = mm(dash.iter().map(|&&(_, y)| y).min().unwrap()) - 262.0;
    let bottom = mm(dash.iter().map(|&&(_, y)| y).max().unwrap()) - 262.0;
    assert!(
        (6.9..7.15).contains(&top),
        "the dash's top {top} mm below the block"
    );
    assert!(bottom - top < 0.5, "a thin rule: {top}–{bottom} mm");
    let right = mm(dash.iter().map(|&&(x, _)| x).max().unwrap());
    assert!(right - mm(first_x) > 3.5, "{} mm long", right - mm(first_x));
}
