//! Agreement PDFs: the GB/T 9704 layout rules on the laid-out pages, and real PDFs read back
//! with poppler (pdftotext, pdffonts, pdfinfo): page size, text in order, fonts embedded and
//! subset, the verification code in the metadata, rare characters, coverage errors. Exporting
//! into folders and print files is tested in `export.rs`.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;
use std::sync::atomic::AtomicBool;

use zerenshu::document::{AgreementContent, ContentIndicator, ContentSection};
use zerenshu::model::Points;
use zerenshu::pdf::agreement::{PdfError, PrintOptions, agreement_pages, agreement_pdf};
use zerenshu::pdf::fonts::FontSet;
use zerenshu::pdf::page::{
    Item, LINE_PITCH_MM, LINES_PER_PAGE, MARGIN_LEFT_MM, PAGE_WIDTH_MM, TEXT_HEIGHT_MM,
    TEXT_WIDTH_MM, line_baseline_mm,
};
use zerenshu::pdf::writer::FontCache;
use zerenshu::workflow::export;

use crate::support::demo_store;

fn content(clauses: usize) -> AgreementContent {
    AgreementContent {
        year: 2025,
        number: 2,
        title: "2025年度安全生产目标管理责任书".into(),
        party_a: "示例市人民政府".into(),
        party_b: "响嘡街道办事处".into(),
        preamble: "为深入贯彻《中华人民共和国安全生产法》，示例市人民政府与响嘡街道办事处签订本责任书。".into(),
        sections: vec![
            ContentSection {
                heading: "一、安全生产控制目标".into(),
                clauses: (1..=clauses).map(|n| format!("（{}）第{n}条：辖区生产安全事故死亡人数控制在2人以内，较大及以上生产安全事故0起，重大事故隐患整改率达到100%。", ["一", "二", "三", "四", "五"][n % 5])).collect(),
            },
            ContentSection { heading: "二、附则".into(), clauses: vec!["（一）本责任书一式三份，自签订之日起生效。".into()] },
        ],
        indicators: (1..=15)
            .map(|n| ContentIndicator { name: format!("考核项目{n}"), points: Points::whole(6), criteria: "未及时调整扣1分；党政联席会议研究安全生产每少1次扣1分，扣完为止".into() })
            .collect(),
        party_a_signatory_title: "副市长".into(),
        party_b_signatory_title: "街道办事处主任".into(),
        copies: 3,
    }
}

fn texts(page: &zerenshu::pdf::page::Page) -> Vec<(f32, f32, String)> {
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

/// The index of the grid line a baseline sits on, if it sits on one.
fn grid_line(baseline: f32) -> Option<usize> {
    (0..LINES_PER_PAGE).find(|&line| (line_baseline_mm(line) - baseline).abs() < 0.01)
}

/// The grid lines of a page that carry text, in order, each once.
fn used_grid_lines(page: &zerenshu::pdf::page::Page) -> Vec<usize> {
    let mut lines: Vec<usize> = texts(page)
        .into_iter()
        .filter_map(|(_, baseline, _)| grid_line(baseline))
        .collect();
    lines.sort_unstable();
    lines.dedup();
    lines
}

#[test]
fn main_text_sits_on_the_grid_of_22_lines() {
    let fonts = FontSet::shipped();
    let content = content(30);
    let pages = agreement_pages(
        &fonts,
        &content,
        &PrintOptions {
            code: Some("0123456789ab".into()),
            ..PrintOptions::default()
        },
    );
    let main_pages: Vec<_> = pages
        .iter()
        .take_while(|p| !texts(p).iter().any(|(_, _, t)| t == "附件"))
        .collect();
    assert!(
        main_pages.len() >= 4,
        "long content runs over several pages"
    );
    // The grid in GB/T 9704's numbers, written out: 22 lines share the 225 mm text block.
    assert!((LINE_PITCH_MM - 225.0 / 22.0).abs() < 0.001);
    assert!((TEXT_HEIGHT_MM - 225.0).abs() < 0.001);
    for (index, page) in main_pages.iter().enumerate() {
        for (x, baseline, text) in texts(page) {
            if text.starts_with('—') || text.starts_with("编号") {
                continue;
            }
            assert!(
                grid_line(baseline).is_some(),
                "page {}: “{text}” at {baseline} is off the grid",
                index + 1
            );
            assert!(
                (MARGIN_LEFT_MM - 0.01..=MARGIN_LEFT_MM + TEXT_WIDTH_MM).contains(&x),
                "{text} at {x}"
            );
        }
    }
    // Every page but the first (title and blank lines) and the last is full: 22 lines of text,
    // one on each grid line; a page ends a line early only before a heading, or so that a
    // paragraph's first or last line does not stand alone (then the next page starts with the
    // last two lines of a paragraph, or a whole one).
    for (index, page) in main_pages
        .iter()
        .enumerate()
        .take(main_pages.len() - 1)
        .skip(1)
    {
        let used = used_grid_lines(page);
        let next_starts_with_heading = texts(main_pages[index + 1])
            .iter()
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .is_some_and(|(_, _, t)| {
                content
                    .sections
                    .iter()
                    .any(|s| s.heading.starts_with(t.as_str()))
            });
        let next_lines = texts(main_pages[index + 1]).len();
        let expected =
            if next_starts_with_heading || (used_grid_lines(page).len() == 21 && next_lines > 0) {
                21
            } else {
                22
            };
        assert_eq!(
            used,
            (0..expected).collect::<Vec<_>>(),
            "page {} holds {expected} lines",
            index + 1
        );
    }
}

#[test]
fn the_signature_block_never_stands_alone_on_a_page() {
    let fonts = FontSet::shipped();
    for clauses in 1..40 {
        let content = content(clauses);
        let pages = agreement_pages(&fonts, &content, &PrintOptions::default());
        let signature_page = pages
            .iter()
            .position(|p| texts(p).iter().any(|(_, _, t)| t.contains("（盖章）")))
            .unwrap();
        let page_texts = texts(&pages[signature_page]);
        // The block's first line holds both parties side by side.
        let block_top = page_texts
            .iter()
            .filter(|(_, baseline, t)| {
                t.starts_with("甲方：")
                    && page_texts.iter().any(|(_, b, other)| {
                        (b - baseline).abs() < 0.01 && other.starts_with("乙方：")
                    })
            })
            .map(|(_, baseline, _)| *baseline)
            .fold(f32::INFINITY, f32::min);
        assert!(block_top.is_finite(), "the block starts with 甲方 and 乙方");
        let body_lines = used_grid_lines(&pages[signature_page])
            .into_iter()
            .filter(|&line| line_baseline_mm(line) < block_top - 0.01)
            .count();
        assert!(
            body_lines >= 2,
            "with {clauses} clauses the signature page holds {body_lines} body lines above the block"
        );
    }
}

#[test]
fn page_numbers_alternate_sides_one_character_in() {
    use zerenshu::pdf::fonts::FontRole;
    use zerenshu::pdf::page::{
        CELL_MM, MARGIN_BOTTOM_MM, MARGIN_RIGHT_MM, PAGE_HEIGHT_MM, PAGE_NUMBER_DASH_RISE_EM,
        PAGE_NUMBER_GAP_MM, PAGE_NUMBER_SIZE_PT, PT_PER_MM,
    };
    let fonts = FontSet::shipped();
    let metrics = zerenshu::pdf::layout::Metrics::new(&fonts);
    let pages = agreement_pages(&fonts, &content(30), &PrintOptions::default());
    assert!(pages.len() >= 4);
    // The dashes of the 四号 number sit 7 mm below the text block.
    let text_bottom = PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM;
    for (index, page) in pages.iter().enumerate() {
        let (x, baseline, text) = texts(page)
            .into_iter()
            .find(|(_, _, t)| t.starts_with("— "))
            .unwrap();
        assert_eq!(text, format!("— {} —", index + 1));
        let dashes = baseline - PAGE_NUMBER_SIZE_PT / PT_PER_MM * PAGE_NUMBER_DASH_RISE_EM;
        assert!(
            (dashes - text_bottom - PAGE_NUMBER_GAP_MM).abs() < 0.01,
            "page {}: 7 mm below the text block",
            index + 1
        );
        let width = metrics.width_mm(FontRole::PageNumber, &text, PAGE_NUMBER_SIZE_PT);
        if index % 2 == 0 {
            let right_edge = x + width;
            assert!(
                (PAGE_WIDTH_MM - MARGIN_RIGHT_MM - CELL_MM - right_edge).abs() < 0.01,
                "odd page {} has its number at the right, one character in",
                index + 1
            );
        } else {
            assert!(
                (x - MARGIN_LEFT_MM - CELL_MM).abs() < 0.01,
                "even page {} has its number at the left, one character in",
                index + 1
            );
        }
    }
    assert!(
        pages.iter().all(|p| p
            .items
            .iter()
            .any(|i| matches!(i, Item::Watermark(w) if w == "草稿"))),
        "drafts carry the watermark"
    );
}

#[test]
fn the_draft_watermark_is_drawn_as_shapes_and_stays_out_of_the_text() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let draft = content(3);
    let bytes = agreement_pdf(&cache, &draft, &PrintOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.pdf");
    std::fs::write(&path, &bytes).unwrap();
    let text = run("pdftotext", &["-enc", "UTF-8", path.to_str().unwrap(), "-"]);
    assert!(squeeze(&text).starts_with(&squeeze(&draft.title)), "{text}");
    assert!(
        !text.contains('草') && !text.contains('稿'),
        "the watermark is not text: {text}"
    );
}

#[test]
fn a_character_no_font_has_stops_the_export_naming_unit_field_and_character() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let mut bad = content(3);
    bad.sections[0].clauses[1].push('\u{10FFFD}');
    let error = agreement_pdf(&cache, &bad, &PrintOptions::default()).unwrap_err();
    assert!(
        matches!(&error, PdfError::MissingGlyph { field, character: '\u{10FFFD}', .. } if field == "第 1 部分第 2 条")
    );
    assert!(
        error
            .to_string()
            .contains("“响嘡街道办事处”的第 1 部分第 2 条中有字符"),
        "{error}"
    );
}

fn run(tool: &str, args: &[&str]) -> String {
    let output = Command::new(tool)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{tool} is needed (poppler-utils): {e}"));
    assert!(
        output.status.success(),
        "{tool} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn squeeze(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn the_demo_year_exports_pdfs_that_read_back_correctly() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let fonts = FontSet::shipped();
    let report = export::export(
        &mut store,
        &fonts,
        2025,
        None,
        dir.path(),
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(report.written.len(), 45);
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(names.len(), 45, "no temporary files left: {names:?}");
    assert!(
        names.contains(&"2025-002-响嘡街道.pdf".to_owned()),
        "{names:?}"
    );

    let path = dir.path().join("2025-002-响嘡街道.pdf");
    let path = path.to_str().unwrap();
    let info = run("pdfinfo", &[path]);
    assert!(
        info.contains("Page size:      595.28 x 841.89 pts (A4)") || info.contains("(A4)"),
        "{info}"
    );
    let agreement = store.agreements(2025).unwrap().remove(1);
    let code = &agreement.content_hash.clone().unwrap()[..12];
    assert!(info.contains(code), "the code is in the metadata: {info}");
    let this_year = chrono::Utc::now().format("%Y").to_string();
    let created = info
        .lines()
        .find(|line| line.starts_with("CreationDate:"))
        .unwrap();
    assert!(
        created.contains(&this_year),
        "dated when written: {created}"
    );

    let text = squeeze(&run("pdftotext", &["-enc", "UTF-8", path, "-"]));
    let content = store.issued_content(agreement.id).unwrap().unwrap();
    let mut cursor = 0;
    let mut expected: Vec<String> = vec![
        content.title.clone(),
        format!("甲方：{}", content.party_a),
        format!("乙方：{}", content.party_b),
        content.preamble.clone(),
    ];
    for section in &content.sections {
        expected.push(section.heading.clone());
        expected.extend(section.clauses.iter().cloned());
    }
    for piece in expected {
        let piece = squeeze(&piece);
        let found = text[cursor..]
            .find(&piece)
            .unwrap_or_else(|| panic!("“{piece}” not found in order"));
        cursor += found + piece.len();
    }
    assert!(
        text.contains("响嘡街道办事处") && text.contains(&code.to_string()),
        "rare characters and the code come back"
    );

    let fonts_table = run("pdffonts", &[path]);
    let font_lines: Vec<&str> = fonts_table.lines().skip(2).collect();
    assert!(!font_lines.is_empty());
    for line in font_lines {
        assert!(line.contains(" yes yes "), "embedded and subset: {line}");
        assert!(
            line.split_whitespace().next().unwrap().contains('+'),
            "subset tag: {line}"
        );
    }
    let size = std::fs::metadata(path).unwrap().len();
    assert!(
        size < 400_000,
        "a subset agreement stays small: {size} bytes"
    );
}

#[test]
fn a_principal_named_with_rare_characters_exports_with_them() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let mut rare = content(2);
    rare.party_b = "响嘡街道办事处".into();
    rare.party_b_signatory_title = "主任许喆然".into();
    let bytes = agreement_pdf(&cache, &rare, &PrintOptions::default()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("rare.pdf");
    std::fs::write(&path, bytes).unwrap();
    let text = squeeze(&run(
        "pdftotext",
        &["-enc", "UTF-8", path.to_str().unwrap(), "-"],
    ));
    assert!(
        text.contains("响嘡街道办事处") && text.contains("许喆然"),
        "{text}"
    );
    // The full Noto Serif SC is embedded for 嘡 and 喆, so the page numbers are drawn from it
    // too, not from the page-number cut of it embedded beside it; they still read as numbers.
    let listing = run("pdffonts", &[path.to_str().unwrap()]);
    assert!(listing.contains("NotoSerifCJKsc-Regular"), "{listing}");
    assert!(!listing.contains("PageNumbers"), "{listing}");
    assert!(text.contains("—1—"), "{text}");
    // Without a rare character the page numbers come from the small cut alone.
    let mut plain = content(2);
    plain.party_b = "城关街道办事处".into();
    plain.preamble = plain.preamble.replace("响嘡", "城关");
    let plain = agreement_pdf(&cache, &plain, &PrintOptions::default()).unwrap();
    std::fs::write(&path, plain).unwrap();
    let listing = run("pdffonts", &[path.to_str().unwrap()]);
    assert!(listing.contains("NotoSerifCJKsc-PageNumbers"), "{listing}");
    assert!(!listing.contains("NotoSerifCJKsc-Regular"), "{listing}");
}

#[test]
fn a_unit_named_with_rare_characters_exports_with_them_through_the_export_command() {
    let mut store = demo_store();
    // A draft of 2025 (青山镇, 5th in the register) renamed with 嘡, 喆 and a character of
    // CJK Extension E (𬌗, in the 通用规范汉字表).
    let mut unit = store.units().unwrap().remove(4);
    unit.fields.name = "嘡喆𬌗镇人民政府".into();
    unit.fields.short_name = "嘡喆𬌗镇".into();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let agreement = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.draft.unit_id == unit.id)
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let report = export::export(
        &mut store,
        &FontSet::shipped(),
        2025,
        Some(&[agreement.id]),
        dir.path(),
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(report.written.len(), 1);
    let path = dir.path().join("2025-005-嘡喆𬌗镇-草稿.pdf");
    let text = squeeze(&run(
        "pdftotext",
        &["-enc", "UTF-8", path.to_str().unwrap(), "-"],
    ));
    assert!(
        text.contains("乙方：嘡喆𬌗镇人民政府")
            && text.contains("示例市人民政府与嘡喆𬌗镇人民政府签订"),
        "{text}"
    );
}

#[test]
fn the_indicator_table_repeats_its_header_and_keeps_rows_whole() {
    let fonts = FontSet::shipped();
    let mut long = content(2);
    for indicator in &mut long.indicators {
        indicator.criteria = "未及时调整扣1分；党政联席会议研究安全生产每少1次扣1分；主要负责人每季度督查每缺1次扣0.5分，扣完为止".repeat(2);
    }
    let pages = agreement_pages(&fonts, &long, &PrintOptions::default());
    let table_pages: Vec<_> = pages
        .iter()
        .filter(|p| texts(p).iter().any(|(_, _, t)| t.starts_with("考核项目")))
        .collect();
    assert!(
        table_pages.len() >= 2,
        "the long table runs over several pages"
    );
    for page in &table_pages {
        let rows = texts(page);
        let header = rows.iter().find(|(_, _, t)| t == "考核标准").unwrap();
        assert!(
            rows.iter()
                .filter(|(_, _, t)| t != "附件" && !t.contains("考核指标"))
                .all(|(_, baseline, _)| *baseline >= header.1 - 1.0),
            "the header comes first on every table page"
        );
    }
    let numbers: Vec<String> = table_pages
        .iter()
        .flat_map(|p| texts(p))
        .map(|(_, _, t)| t)
        .filter(|t| t.parse::<usize>().is_ok())
        .collect();
    let expected: Vec<String> = (1..=15).map(|n| n.to_string()).collect();
    let serials: Vec<String> = numbers
        .into_iter()
        .filter(|t| expected.contains(t))
        .collect();
    assert!(
        expected
            .iter()
            .all(|n| serials.iter().filter(|s| *s == n).count() >= 1),
        "every row appears: {serials:?}"
    );
}

/// The size goal of the benchmark as a plain fact: every agreement of the demo year, whole with
/// its indicator annex (4 pages for a town, the longer kind), drafts with their watermark and
/// the unit whose name needs the fallback font (响嘡街道) among them, is under 100,000 bytes with
/// its faces embedded. Guards the slimmed fonts and the compact writer.
#[test]
fn every_whole_agreement_stays_under_100_kb() {
    let store = demo_store();
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let prepared = export::prepare(&store, 2025, None).unwrap();
    assert!(
        prepared.iter().any(|item| item.code.is_none()),
        "drafts too"
    );
    let town = prepared.first().unwrap();
    let options = PrintOptions {
        code: town.code.clone(),
        ..PrintOptions::default()
    };
    assert_eq!(agreement_pages(&fonts, &town.content, &options).len(), 4);
    for item in &prepared {
        let options = PrintOptions {
            code: item.code.clone(),
            ..PrintOptions::default()
        };
        let bytes = agreement_pdf(&cache, &item.content, &options).unwrap();
        assert!(
            bytes.len() < 100_000,
            "{}: {} bytes",
            item.content.party_b,
            bytes.len()
        );
    }
    // Every face is embedded as a subset.
    let whole = agreement_pdf(&cache, &town.content, &options).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("town.pdf");
    std::fs::write(&path, &whole).unwrap();
    let fonts_listing = run("pdffonts", &[path.to_str().unwrap()]);
    assert!(
        fonts_listing.contains("FandolFang-Regular"),
        "{fonts_listing}"
    );
    assert!(
        fonts_listing
            .lines()
            .skip(2)
            .all(|line| line.contains(" yes yes yes ")),
        "{fonts_listing}"
    );
}

#[test]
fn body_glyphs_are_drawn_at_16_pt_and_the_title_at_22_pt() {
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let bytes = agreement_pdf(&cache, &content(3), &PrintOptions::default()).unwrap();
    let document = lopdf::Document::load_mem(&bytes).unwrap();
    let first = *document.get_pages().values().next().unwrap();
    let ops = String::from_utf8_lossy(&document.get_page_content(first)).into_owned();
    let sizes: std::collections::BTreeSet<String> = ops
        .lines()
        .filter(|line| line.ends_with(" Tf"))
        .filter_map(|line| line.split_whitespace().nth(1).map(str::to_owned))
        .collect();
    assert!(sizes.contains("16"), "三号 body: {sizes:?}");
    assert!(sizes.contains("22"), "二号 title: {sizes:?}");
    assert!(
        !ops.lines().any(|line| line.ends_with(" Tz")),
        "glyphs are not narrowed"
    );
}
