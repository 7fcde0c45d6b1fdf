//! The attachment table: landscape pages turned on portrait sheets and every page numbered,
//! captions repeated and marked 续 on continuation pages, long unit names widening their column
//! within the page, and points lined up on their decimal points.

use std::process::Command;

use zerenshu::document::NoticeContent;
use zerenshu::pdf::fonts::FontSet;
use zerenshu::pdf::notice::{notice_pages, notice_pdf};
use zerenshu::pdf::notice_table::continued_caption;
use zerenshu::pdf::page::Item;
use zerenshu::pdf::writer::FontCache;

use super::{demo, pdf_text, without_page_numbers};

#[test]
fn the_attachment_is_landscape_and_every_page_is_numbered() {
    let (_, _, content) = demo();
    let fonts = FontSet::with_installed();
    let pages = notice_pages(&fonts, &content);
    let first_landscape = pages.iter().position(|p| p.is_landscape).unwrap();
    let last_landscape = pages.iter().rposition(|p| p.is_landscape).unwrap();
    assert!(first_landscape > 0);
    assert!(
        pages[first_landscape..=last_landscape]
            .iter()
            .all(|p| p.is_landscape)
    );
    // The 版记 closes the document on an even, upright page: the demo's attachment ends on the
    // even page 8, turned, so a blank page and then the 版记's own page follow, unnumbered.
    assert_eq!(pages.len(), 10);
    assert_eq!(last_landscape, 7);
    assert!(pages[8].items.is_empty());
    let colophon = pages.last().unwrap();
    assert!(!colophon.is_landscape);
    assert!(
        colophon
            .items
            .iter()
            .any(|i| matches!(i, Item::Text { text, .. } if text == "抄送："))
    );
    let numbers: Vec<String> = (pages.iter())
        .map(|page| {
            (page.items.iter())
                .filter_map(|item| match item {
                    Item::Text { text, .. } if text.starts_with('—') => Some(text.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    // Numbered throughout, unless a blank page had to precede the 版记: then neither is.
    let numbered = if pages[pages.len() - 2].items.is_empty() {
        pages.len() - 2
    } else {
        pages.len()
    };
    let mut expected: Vec<String> = (1..=numbered).map(|n| format!("— {n} —")).collect();
    expected.resize(pages.len(), String::new());
    assert_eq!(numbers, expected);
    let bytes = notice_pdf(&FontCache::new(&fonts), &content).unwrap();
    // Printed as GB/T 9704 prints 横排表格: portrait sheets with the table turned, shown
    // upright on screen by /Rotate 90; the page number stays where the other pages have it.
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    for (number, id) in pdf.get_pages() {
        let page = pdf.get_dictionary(id).unwrap();
        // A page inherits the media box from the page tree when it has none of its own.
        let media_box = page
            .get(b"MediaBox")
            .or_else(|_| {
                let parent = page.get(b"Parent")?.as_reference()?;
                pdf.get_dictionary(parent)?.get(b"MediaBox")
            })
            .unwrap()
            .as_array()
            .unwrap();
        let height = media_box[3].as_float().unwrap();
        assert!(
            (height - 841.89).abs() < 0.1,
            "page {number} is a portrait sheet"
        );
        let rotate = page.get(b"Rotate").and_then(lopdf::Object::as_i64).ok();
        let index = usize::try_from(number).unwrap() - 1;
        let is_turned = (first_landscape..=last_landscape).contains(&index);
        assert_eq!(rotate, is_turned.then_some(90), "page {number}");
    }
    for (index, page) in pages.iter().enumerate().take(numbered) {
        let x = page
            .items
            .iter()
            .find_map(|item| match item {
                Item::Text { text, x_mm, .. } if text.starts_with('—') => Some(*x_mm),
                _ => None,
            })
            .unwrap();
        assert_eq!(x > 105.0, index % 2 == 0, "page {} number side", index + 1);
    }
    // Each attachment page has the header row, repeated.
    let page_texts = page_texts(&bytes);
    for (index, page) in page_texts.iter().enumerate() {
        let is_turned = (first_landscape..=last_landscape).contains(&index);
        assert_eq!(page.contains(HEADER), is_turned, "page {}", index + 1);
    }
    let text = pdf_text(&bytes);
    assert!(
        text.contains("抄送：市委办公室，市人大常委会办公室"),
        "{text}"
    );
}

/// The text of each page of a PDF as pdftotext lays it out (which keeps the rows of a turned
/// page in order), whitespace and page numbers removed.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(output.status.success());
    // pdftotext ends every page with a form feed.
    (String::from_utf8(output.stdout).unwrap().split('\u{c}'))
        .map(|page| {
            let squeezed: String = page.chars().filter(|c| !c.is_whitespace()).collect();
            without_page_numbers(&squeezed)
        })
        .collect()
}

/// The attachment's header row as the PDF's text reads it.
const HEADER: &str = "序号单位基础得分加分扣分总得分一票否决等次排名";

#[test]
fn a_table_carried_over_to_the_next_page_repeats_its_caption_marked_continued() {
    let (_, _, content) = demo();
    let fonts = FontSet::with_installed();
    let bytes = notice_pdf(&FontCache::new(&fonts), &content).unwrap();
    let pages = page_texts(&bytes);
    // A table too long for one page goes on under its caption marked 续, from the row
    // after the last one on the page it began on.
    let start = (pages.iter())
        .position(|p| p.contains(&format!("部门（二类）{HEADER}")))
        .expect("部门（二类） begins");
    let table = &content.tables[2];
    assert_eq!(table.caption, "部门（二类）");
    let on_first = (table.rows.iter())
        .filter(|row| pages[start].contains(&row.cells[..2].concat()))
        .count();
    assert!(on_first >= 3, "never one or two rows at a page's foot");
    let next = &pages[start + 1];
    let goes_on = &table.rows[on_first].cells[..2].concat();
    assert!(
        next.starts_with(&format!("部门（二类，续）{HEADER}{goes_on}")),
        "{next}"
    );
    for row in &table.rows[on_first..] {
        assert!(next.contains(&row.cells[..2].concat()), "{next}");
    }
    // Every attachment page after the first opens with a caption and the header row, and a
    // table is marked 续 only on the pages after the one it began on.
    let captions: Vec<&str> = content.tables.iter().map(|t| t.caption.as_str()).collect();
    let first = pages.iter().position(|p| p.starts_with("附件")).unwrap();
    let last = pages.iter().rposition(|p| p.contains(HEADER)).unwrap();
    let mut begun = vec![false; captions.len()];
    let mut continued = 0;
    for (index, page) in pages.iter().enumerate().take(last + 1).skip(first) {
        let mut opens = index == first;
        for (table, caption) in captions.iter().enumerate() {
            let fresh = format!("{caption}{HEADER}");
            let carried = format!("{}{HEADER}", continued_caption(caption));
            if page.contains(&carried) {
                assert!(begun[table], "{caption} is continued before it begins");
                continued += 1;
                // Never one or two rows under a repeated header.
                let rows_here = content.tables[table]
                    .rows
                    .iter()
                    .filter(|row| page.contains(&row.cells[..2].concat()))
                    .count();
                assert!(
                    rows_here >= 3,
                    "page {}: {caption} goes on with {rows_here} rows",
                    index + 1
                );
            }
            begun[table] |= page.contains(&fresh);
            opens |= page.starts_with(&fresh) || page.starts_with(&carried);
        }
        assert!(opens, "page {}: {page}", index + 1);
    }
    assert!(begun.iter().all(|b| *b), "every table is drawn");
    // A table that fits on one page (一类 with 10 units, 三类 with 6) is never split: it
    // starts on the next page instead; the 15 towns and the 二类 do run onto a second page.
    for short in ["部门（一类）", "部门（三类）"] {
        let carried = continued_caption(short);
        assert!(pages.iter().all(|p| !p.contains(&carried)), "{short} split");
    }
    assert_eq!(continued, 2);
}

#[test]
fn a_long_unit_name_widens_its_column_within_the_landscape_page() {
    let (_, _, mut content) = demo();
    let fonts = FontSet::shipped();
    let landscape_texts = |content: &NoticeContent| -> (Vec<String>, f32) {
        let pages = notice_pages(&fonts, content);
        let mut texts = Vec::new();
        let mut right_mm = 0.0_f32;
        for page in pages.iter().filter(|p| p.is_landscape) {
            for item in &page.items {
                match item {
                    Item::Text { text, .. } => texts.push(text.clone()),
                    Item::Rule { x1_mm, x2_mm, .. } => right_mm = right_mm.max(*x1_mm).max(*x2_mm),
                    Item::Watermark(_) | Item::Red(_) => {}
                }
            }
        }
        (texts, right_mm)
    };
    let (texts, right_mm) = landscape_texts(&content);
    assert!(
        texts.iter().any(|t| t == "示例市城市管理综合行政执法局"),
        "the longest demo name stays on one line"
    );
    // The table never runs past the landscape text block: 297 mm less the 37 mm on the right,
    // which is the sheet's 天头 turned.
    assert!((right_mm - 260.0).abs() < 0.01, "{right_mm}");
    // A name too long for any column still wraps inside the page.
    let long = "示例市某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某局";
    content.tables[1].rows[0].cells[1] = long.to_owned();
    let (texts, right_mm) = landscape_texts(&content);
    assert!(!texts.iter().any(|t| t == long));
    assert!(
        texts
            .iter()
            .any(|t| long.starts_with(t.as_str()) && t.len() > 3)
    );
    assert!((right_mm - 260.0).abs() < 0.01, "{right_mm}");
}

#[test]
fn the_points_in_the_score_tables_line_up_on_their_decimal_points() {
    let (_, _, content) = demo();
    let fonts = FontSet::shipped();
    let metrics = zerenshu::pdf::layout::Metrics::new(&fonts);
    let pages = notice_pages(&fonts, &content);
    // Where each number with a fraction has its point, and where each whole number ends.
    let mut points = Vec::new();
    let mut ends = Vec::new();
    for page in pages.iter().filter(|p| p.is_landscape) {
        for item in &page.items {
            if let Item::Text {
                x_mm,
                text,
                size_pt,
                role,
                ..
            } = item
                && let Some((whole, _)) = text.split_once('.')
                && whole.chars().all(|c| c.is_ascii_digit())
            {
                points.push(x_mm + metrics.width_mm(*role, whole, *size_pt));
            } else if let Item::Text {
                x_mm,
                text,
                size_pt,
                role,
                ..
            } = item
                && text.len() == 2
                && text.chars().all(|c| c.is_ascii_digit())
            {
                ends.push(x_mm + metrics.width_mm(*role, text, *size_pt));
            }
        }
    }
    assert!(points.len() > 10, "the demo has scores with fractions");
    // Every point lies on one of the points columns' anchors, and a whole total such as 94
    // ends at one of them too (序号 and 排名 are centred, and end elsewhere).
    let mut anchors: Vec<f32> = Vec::new();
    for point in &points {
        if !anchors.iter().any(|a| (a - point).abs() < 0.01) {
            anchors.push(*point);
        }
    }
    assert!(
        anchors.len() <= 4,
        "one anchor per points column: {anchors:?}"
    );
    assert!(
        ends.iter()
            .any(|end| anchors.iter().any(|a| (a - end).abs() < 0.01)),
        "whole numbers end where the others have their point"
    );
}
