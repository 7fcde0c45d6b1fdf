//! The results notice (考核结果通报) as pages and as a PDF: title, 主送, body and grade
//! sections on the GB/T 9704 grid, the 落款 and date with room for the seal, page numbers as
//! on agreements, then the landscape score tables as 附件. A coverage check runs first.

use super::agreement::PdfError;
use super::colophon::Colophon;
use super::fonts::{FontRole, FontSet};
use super::layout::{Flow, Metrics, Row, Span};
use super::notice_table::{continued_caption, score_pages};
use super::page::{
    BODY_SIZE_PT, CELL_MM, Item, MARGIN_LEFT_MM, MARGIN_TOP_MM, Page, TEXT_WIDTH_MM, TITLE_SIZE_PT,
    line_baseline_mm,
};
use super::writer::{FontCache, PdfInfo, write};
use crate::document::NoticeContent;

/// What the coverage error names as the document.
const DOCUMENT_NAME: &str = "考核结果通报";
/// Blank lines left above the 落款 for the seal.
const SEAL_LINES: usize = 2;
/// Lines of body text kept on the page of the 落款 (GB/T 9704 allows no page with the 落款 alone).
const BODY_LINES_WITH_SIGNATURE: usize = 2;
/// The date ends this many characters before the right edge (右空四字).
const DATE_RIGHT_CELLS: f32 = 4.0;
/// The least room a long 落款 keeps to the right edge, in characters (右空二字).
const ISSUER_RIGHT_CELLS: f32 = 2.0;

/// Checks that every character of the notice can be drawn, naming the part of the first that cannot.
pub fn check_notice_coverage(fonts: &FontSet, content: &NoticeContent) -> Result<(), PdfError> {
    let mut fields: Vec<(String, FontRole, &str)> = vec![
        ("标题".to_owned(), FontRole::Title, content.title.as_str()),
        (
            "发文机关标志".to_owned(),
            FontRole::Title,
            content.issuer_mark.as_str(),
        ),
        (
            "发文字号".to_owned(),
            FontRole::Body,
            content.document_number.as_str(),
        ),
        (
            "主送".to_owned(),
            FontRole::Body,
            content.addressee.as_str(),
        ),
        ("开头".to_owned(), FontRole::Body, content.opening.as_str()),
        (
            "标题".to_owned(),
            FontRole::Heading1,
            content.results_heading.as_str(),
        ),
        (
            "标题".to_owned(),
            FontRole::Heading1,
            content.reward_heading.as_str(),
        ),
        ("奖惩".to_owned(), FontRole::Body, content.reward.as_str()),
        (
            "连续不合格".to_owned(),
            FontRole::Body,
            content.repeated_failures.as_str(),
        ),
        ("结尾".to_owned(), FontRole::Body, content.closing.as_str()),
        (
            "附件名称".to_owned(),
            FontRole::Body,
            content.attachment.as_str(),
        ),
        (
            "附件名称".to_owned(),
            FontRole::Title,
            content.attachment.as_str(),
        ),
        ("落款".to_owned(), FontRole::Body, content.issuer.as_str()),
        ("日期".to_owned(), FontRole::Body, content.date.as_str()),
        (
            "附注".to_owned(),
            FontRole::Body,
            content.annotation.as_str(),
        ),
        (
            "版记：抄送".to_owned(),
            FontRole::Body,
            content.copy_to.as_str(),
        ),
        (
            "版记：印发机关".to_owned(),
            FontRole::Body,
            content.printing_office.as_str(),
        ),
    ];
    for grade in &content.grades {
        fields.push((
            grade.grade.clone(),
            FontRole::Heading2,
            grade.heading.as_str(),
        ));
        for line in &grade.lines {
            fields.push((grade.grade.clone(), FontRole::Body, line.as_str()));
        }
    }
    let continued: Vec<String> = (content.tables.iter())
        .map(|table| continued_caption(&table.caption))
        .collect();
    for (table, continued) in content.tables.iter().zip(&continued) {
        // The caption as drawn above a table carried over to the next page checks both forms.
        fields.push(("附件".to_owned(), FontRole::Heading1, continued.as_str()));
        for (index, row) in table.rows.iter().enumerate() {
            for cell in &row.cells {
                let field = format!("附件“{}”第 {} 行", table.caption, index + 1);
                fields.push((field, FontRole::Body, cell.as_str()));
            }
        }
    }
    for (field, role, text) in fields {
        if let Some(character) = fonts.first_missing(role, text) {
            return Err(PdfError::MissingGlyph {
                unit: DOCUMENT_NAME.to_owned(),
                field,
                character,
            });
        }
    }
    Ok(())
}

fn body_span(x_mm: f32, text: &str) -> Span {
    Span {
        x_mm,
        size_pt: BODY_SIZE_PT,
        role: FontRole::Body,
        text: text.to_owned(),
        spacing_mm: 0.0,
        column: 0,
    }
}

/// The seal's room, the 落款 centred over the date, the date 右空四字, and on the next line
/// the 附注, if any, two cells in (GB/T 9704 7.3.5.1, 7.3.6). A 落款 too long to be centred
/// over a date 右空四字 keeps two cells to the right edge (右空二字), with the date centred
/// under it: the two stay on one axis, the seal's.
fn signature_rows(metrics: &Metrics<'_>, content: &NoticeContent) -> Vec<Row> {
    let right_edge = MARGIN_LEFT_MM + TEXT_WIDTH_MM;
    let date_width = metrics.width_mm(FontRole::Body, &content.date, BODY_SIZE_PT);
    let issuer_width = metrics.width_mm(FontRole::Body, &content.issuer, BODY_SIZE_PT);
    let usual_axis = right_edge - DATE_RIGHT_CELLS * CELL_MM - date_width / 2.0;
    let axis = usual_axis.min(right_edge - ISSUER_RIGHT_CELLS * CELL_MM - issuer_width / 2.0);
    let date_x = axis - date_width / 2.0;
    let issuer_x = (axis - issuer_width / 2.0).max(MARGIN_LEFT_MM);
    let mut rows: Vec<Row> = vec![Vec::new(); SEAL_LINES];
    rows.push(vec![body_span(issuer_x, &content.issuer)]);
    rows.push(vec![body_span(date_x, &content.date)]);
    // 居左空二字, and a line it runs on to starts at the margin, as a paragraph's does.
    let indent = 2.0 * CELL_MM;
    for part in content.annotation.split('\n') {
        let lines = metrics.lines(
            FontRole::Body,
            part,
            BODY_SIZE_PT,
            right_edge - MARGIN_LEFT_MM,
            indent,
        );
        for (index, line) in lines.into_iter().enumerate() {
            if line.is_empty() {
                continue;
            }
            let x = if index == 0 {
                MARGIN_LEFT_MM + indent
            } else {
                MARGIN_LEFT_MM
            };
            rows.push(vec![body_span(x, &line)]);
        }
    }
    rows
}

/// Grid lines of page 1 the 版头 takes: the 发文机关标志 on line 5 (its top 35 mm below the top
/// of the text block), two blank lines, the 发文字号 on line 8 with the red separator 4 mm below
/// it, and two blank lines before the title.
const BANNER_LINES: usize = 10;
const BANNER_NUMBER_LINE: usize = 7;
/// The largest size of the 发文机关标志; a long name is set smaller to fit the width.
const BANNER_MARK_MAX_PT: f32 = 40.0;
/// How far above its baseline an ideograph's ink reaches, in ems (measured on the heavy Song
/// shipped; the faces offices install reach about as high).
pub const IDEOGRAPH_TOP_EM: f32 = 0.78;
/// Where the 发文机关标志's top edge lies: 35 mm below the text block's (GB/T 9704 7.2.1).
const MARK_TOP_MM: f32 = MARGIN_TOP_MM + 35.0;

/// The 版头 of page 1 (GB/T 9704 7.2): the 发文机关标志 centred in red, the 发文字号 centred
/// below it and the red separator the width of the text block.
fn banner_items(metrics: &Metrics<'_>, content: &NoticeContent) -> Vec<Item> {
    let centred = |width: f32| MARGIN_LEFT_MM + (TEXT_WIDTH_MM - width) / 2.0;
    let unit_width = metrics.width_mm(FontRole::Title, &content.issuer_mark, 1.0);
    let size_pt = if unit_width > 0.0 {
        (TEXT_WIDTH_MM * 0.96 / unit_width).min(BANNER_MARK_MAX_PT)
    } else {
        BANNER_MARK_MAX_PT
    };
    let mark_width = unit_width * size_pt;
    let number_width = metrics.width_mm(FontRole::Body, &content.document_number, BODY_SIZE_PT);
    // The mark's top edge stays where the standard puts it at whatever size a long name is
    // set: the baseline is as far below it as the size's ink reaches above.
    let mark_baseline = MARK_TOP_MM + size_pt * 25.4 / 72.0 * IDEOGRAPH_TOP_EM;
    let number_baseline = line_baseline_mm(BANNER_NUMBER_LINE);
    let separator = number_baseline + 4.0 + CELL_MM * 0.12;
    vec![
        Item::Red(Box::new(Item::Text {
            x_mm: centred(mark_width),
            baseline_mm: mark_baseline,
            size_pt,
            role: FontRole::Title,
            text: content.issuer_mark.clone(),
            spacing_mm: 0.0,
        })),
        Item::Text {
            x_mm: centred(number_width),
            baseline_mm: number_baseline,
            size_pt: BODY_SIZE_PT,
            role: FontRole::Body,
            text: content.document_number.clone(),
            spacing_mm: 0.0,
        },
        Item::Red(Box::new(Item::Rule {
            x1_mm: MARGIN_LEFT_MM,
            y1_mm: separator,
            x2_mm: MARGIN_LEFT_MM + TEXT_WIDTH_MM,
            y2_mm: separator,
        })),
    ]
}

/// Lays out the notice's main text on the grid, below a 版头 when it has a 发文字号.
#[must_use]
pub fn notice_text(metrics: &Metrics<'_>, content: &NoticeContent) -> Vec<Page> {
    let mut flow = Flow::new(metrics);
    let has_banner = !content.document_number.is_empty();
    if has_banner {
        for _ in 0..BANNER_LINES {
            flow.push(Vec::new());
        }
    }
    for line in super::title::title_lines(metrics, &content.title, &[content.issuer.as_str()]) {
        let width = metrics.width_mm(FontRole::Title, &line, TITLE_SIZE_PT);
        flow.push(vec![Span {
            x_mm: MARGIN_LEFT_MM + (TEXT_WIDTH_MM - width) / 2.0,
            size_pt: TITLE_SIZE_PT,
            role: FontRole::Title,
            text: line,
            spacing_mm: 0.0,
            column: 0,
        }]);
    }
    flow.blank();
    for line in metrics.lines(
        FontRole::Body,
        &content.addressee,
        BODY_SIZE_PT,
        TEXT_WIDTH_MM,
        0.0,
    ) {
        flow.push(vec![body_span(MARGIN_LEFT_MM, &line)]);
    }
    paragraphs(&mut flow, &content.opening);
    flow.heading(&content.results_heading);
    for grade in &content.grades {
        flow.subheading(&grade.heading);
        for line in &grade.lines {
            flow.paragraph(line, FontRole::Body, FontRole::Body, 0);
        }
    }
    flow.heading(&content.reward_heading);
    paragraphs(&mut flow, &content.reward);
    if !content.repeated_failures.is_empty() {
        flow.paragraph(
            &content.repeated_failures,
            FontRole::Body,
            FontRole::Body,
            0,
        );
    }
    paragraphs(&mut flow, &content.closing);
    // The 附件 note and the 落款 stay on one page with the last lines of the body.
    let mut block: Vec<Row> = Vec::new();
    if !content.tables.iter().all(|t| t.rows.is_empty()) {
        let names = [content.attachment.clone()];
        block.extend(super::annex_note::annex_note_rows(metrics, &names));
    }
    block.extend(signature_rows(metrics, content));
    flow.keep_with_last(block, BODY_LINES_WITH_SIGNATURE);
    let mut pages = flow.finish();
    // The 版头 comes first in the page's drawing order, so that text extraction reads the
    // 发文机关标志 and the 发文字号 before the title.
    if has_banner && let Some(first) = pages.first_mut() {
        first.items.splice(0..0, banner_items(metrics, content));
    }
    pages
}

/// The notice's pages: main text, then the attachment, numbered, and the 版记 on the last,
/// even page; each with the 草稿 watermark while the results are not yet published, or with
/// 非印发件 on a copy made after the issued notice's results changed.
///
/// The 版记 goes at the foot of the last page when that page is an even portrait page with room
/// below its content; after an odd last page it takes the next page, numbered, and after an
/// even turned attachment page it takes a portrait page of its own after a blank one. Only when the last page is even and full does a blank page come
/// first, and then, as GB/T 9704 has it, neither the blank page nor the 版记 page carries a
/// number.
#[must_use]
pub fn notice_pages(fonts: &FontSet, content: &NoticeContent) -> Vec<Page> {
    let metrics = Metrics::new(fonts);
    let mut pages = notice_text(&metrics, content);
    pages.extend(score_pages(&metrics, content));
    let colophon = Colophon {
        copy_to: &content.copy_to,
        printing_office: &content.printing_office,
        date: &content.date,
    };
    let ends_even = pages.len().is_multiple_of(2);
    let shares_last = ends_even
        && pages
            .last_mut()
            .is_some_and(|last| colophon.place_below_content(&metrics, last));
    if shares_last {
        super::layout::number_pages(&metrics, &mut pages);
    } else if ends_even {
        super::layout::number_pages(&metrics, &mut pages);
        pages.push(Page::default());
        pages.push(colophon.page(&metrics));
    } else {
        pages.push(colophon.page(&metrics));
        super::layout::number_pages(&metrics, &mut pages);
    }
    // Before the results are published, every page says 草稿, the blank one before the
    // 版记 too: no sheet of a draft printout goes for the notice. Nor a sheet of a copy whose
    // results are no longer those issued under its 文号.
    if let Some(mark) = watermark(content) {
        for page in &mut pages {
            page.items.insert(0, Item::Watermark(mark.to_owned()));
        }
    }
    pages
}

/// The word across every page of `content`, if it is no notice issued.
fn watermark(content: &NoticeContent) -> Option<&'static str> {
    if content.is_draft {
        Some("草稿")
    } else if content.is_altered {
        Some(ALTERED)
    } else {
        None
    }
}

/// What a copy of an issued notice says whose results were changed since.
pub const ALTERED: &str = "非印发件";

/// What a notice's metadata says it is, before its year ("notice-2024"): `verify` tells a
/// notice from an agreement by it.
pub const NOTICE_MARKER: &str = "notice-";

/// What the metadata of a notice marked [`ALTERED`] says besides, before its year.
pub const ALTERED_MARKER: &str = "notice-altered-";

/// The notice as a PDF, after checking that every character can be drawn.
pub fn notice_pdf(cache: &FontCache<'_>, content: &NoticeContent) -> Result<Vec<u8>, PdfError> {
    check_notice_coverage(cache.fonts(), content)?;
    let pages = notice_pages(cache.fonts(), content);
    let info = PdfInfo {
        // One line in the file's properties, however the clerk broke it on the page.
        title: content.title.replace('\n', ""),
        subject: format!(
            "{}年度考核结果通报{}",
            content.year,
            watermark(content).map_or_else(String::new, |mark| format!("（{mark}）"))
        ),
        keywords: std::iter::once(format!("{NOTICE_MARKER}{}", content.year))
            .chain(
                content
                    .is_altered
                    .then(|| format!("{ALTERED_MARKER}{}", content.year)),
            )
            .collect(),
    };
    Ok(write(cache, &pages, &info))
}

/// The clerk's wording of a part (开头, 奖惩, 结尾): each line typed is a paragraph of its own,
/// indented two characters as every paragraph of an official document is; blank lines are
/// left out.
fn paragraphs(flow: &mut Flow, text: &str) {
    for paragraph in text.lines().map(str::trim).filter(|p| !p.is_empty()) {
        flow.paragraph(paragraph, FontRole::Body, FontRole::Body, 0);
    }
}
