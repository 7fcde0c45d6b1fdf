//! An agreement as pages and as a PDF: main text on the grid (announcing the indicator table in
//! its 附件说明 line), the indicator table as 附件, page numbers, the 草稿 watermark before 定稿, and on issued copies a footer with the agreement
//! number and verification code (also in the PDF's metadata). A coverage check runs first.

use super::fonts::{FontRole, FontSet};
use super::layout::{Metrics, main_text};
use super::page::{FOOTER_SIZE_PT, Item, MARGIN_LEFT_MM, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, Page};
use super::table::indicator_pages;
use super::writer::{FontCache, PdfInfo, Writer, write};
use crate::document::AgreementContent;

/// The marker before the verification code in the PDF's keywords, found again by `verify`.
pub const CODE_MARKER: &str = "zerenshu-code-";
/// The marker in a draft's keywords (it has no code): its agreement's id follows as twelve
/// digits (an id is never given again, as a number freed by 删除草稿 is), so that `verify`
/// names the draft a changed copy was made from.
pub const DRAFT_MARKER: &str = "zerenshu-draft-";

/// How an agreement is printed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintOptions {
    /// The verification code (first 12 hex digits of the SHA-256 at 定稿); None for drafts,
    /// which carry the 草稿 watermark instead.
    pub code: Option<String>,
    /// "第 1 份 / 共 3 份" at the top left of the first page, for print files.
    pub copy_marker: Option<String>,
    /// The agreement's id, written into a draft's keywords (see [`DRAFT_MARKER`]) when it is
    /// exported as a file.
    pub draft_id: Option<i64>,
}

/// Why an agreement cannot be typeset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PdfError {
    /// A character that no available font can draw.
    #[error("“{unit}”的{field}中有字符“{character}”（U+{code:04X}），现有字体都无法显示，请修改后再导出", code = u32::from(*character))]
    MissingGlyph {
        /// The unit (乙方).
        unit: String,
        /// Which part of the agreement.
        field: String,
        /// The character.
        character: char,
    },
}

/// Checks that every character of the agreement can be drawn, naming the field of the first that cannot.
pub fn check_coverage(fonts: &FontSet, content: &AgreementContent) -> Result<(), PdfError> {
    let mut fields: Vec<(String, FontRole, &str)> = vec![
        ("标题".to_owned(), FontRole::Title, content.title.as_str()),
        (
            "甲方名称".to_owned(),
            FontRole::Body,
            content.party_a.as_str(),
        ),
        (
            "乙方名称".to_owned(),
            FontRole::Body,
            content.party_b.as_str(),
        ),
        ("序言".to_owned(), FontRole::Body, content.preamble.as_str()),
        (
            "甲方签字人职务".to_owned(),
            FontRole::Body,
            content.party_a_signatory_title.as_str(),
        ),
        (
            "乙方负责人职务".to_owned(),
            FontRole::Body,
            content.party_b_signatory_title.as_str(),
        ),
    ];
    for (s, section) in content.sections.iter().enumerate() {
        fields.push((
            format!("第 {} 部分标题", s + 1),
            FontRole::Heading1,
            section.heading.as_str(),
        ));
        for (c, clause) in section.clauses.iter().enumerate() {
            fields.push((
                format!("第 {} 部分第 {} 条", s + 1, c + 1),
                FontRole::Body,
                clause.as_str(),
            ));
            fields.push((
                format!("第 {} 部分第 {} 条", s + 1, c + 1),
                FontRole::Heading2,
                clause.as_str(),
            ));
        }
    }
    for (i, indicator) in content.indicators.iter().enumerate() {
        fields.push((
            format!("第 {} 项考核指标", i + 1),
            FontRole::Body,
            indicator.name.as_str(),
        ));
        fields.push((
            format!("第 {} 项考核指标的标准", i + 1),
            FontRole::Body,
            indicator.criteria.as_str(),
        ));
    }
    for (field, role, text) in fields {
        if let Some(character) = fonts.first_missing(role, text) {
            return Err(PdfError::MissingGlyph {
                unit: content.party_b.clone(),
                field,
                character,
            });
        }
    }
    Ok(())
}

/// The agreement number printed on issued copies, e.g. "2025-003".
#[must_use]
pub fn agreement_number(content: &AgreementContent) -> String {
    format!("{}-{:03}", content.year, content.number)
}

/// Page numbers ("— 1 —", 四号, 7 mm below the text block, odd pages right and even pages
/// left, one character in), the footer or watermark, and the copy marker.
fn decorate(
    metrics: &Metrics<'_>,
    pages: &mut [Page],
    content: &AgreementContent,
    options: &PrintOptions,
) {
    super::layout::number_pages(metrics, pages);
    for page in pages.iter_mut() {
        match &options.code {
            Some(code) => {
                // Grouped by four, as the window shows it and a clerk reads it out.
                let footer = format!(
                    "编号 {}　校验码 {}",
                    agreement_number(content),
                    crate::model::agreement::grouped_code(code)
                );
                let width = metrics.width_mm(FontRole::Body, &footer, FOOTER_SIZE_PT);
                page.items.push(Item::Text {
                    x_mm: (PAGE_WIDTH_MM - width) / 2.0,
                    baseline_mm: PAGE_HEIGHT_MM - 12.0,
                    size_pt: FOOTER_SIZE_PT,
                    role: FontRole::Body,
                    text: footer,
                    spacing_mm: 0.0,
                });
            }
            None => page.items.insert(0, Item::Watermark("草稿".to_owned())),
        }
    }
    // At the top left, where an official document carries its 份号.
    if let (Some(marker), Some(first)) = (&options.copy_marker, pages.first_mut()) {
        first.items.push(Item::Text {
            x_mm: MARGIN_LEFT_MM,
            baseline_mm: 22.0,
            size_pt: 12.0,
            role: FontRole::Body,
            text: marker.clone(),
            spacing_mm: 0.0,
        });
    }
}

/// The agreement's pages, decorated.
#[must_use]
pub fn agreement_pages(
    fonts: &FontSet,
    content: &AgreementContent,
    options: &PrintOptions,
) -> Vec<Page> {
    let metrics = Metrics::new(fonts);
    let mut pages = main_text(&metrics, content);
    pages.extend(indicator_pages(&metrics, content));
    decorate(&metrics, &mut pages, content, options);
    pages
}

fn info(content: &AgreementContent, options: &PrintOptions) -> PdfInfo {
    let code = options.code.as_deref();
    // ASCII only, so the code stays findable in the file's raw bytes.
    let mut keywords = vec![agreement_number(content)];
    if let Some(code) = code {
        keywords.push(format!("{CODE_MARKER}{code}"));
    } else if let Some(id) = options
        .draft_id
        .filter(|id| (0..1_000_000_000_000).contains(id))
    {
        keywords.push(format!("{DRAFT_MARKER}{id:012}"));
    }
    PdfInfo {
        title: format!("{}（{}）", content.title, content.party_b),
        subject: code.map_or_else(
            || "草稿".to_owned(),
            |c| format!("编号 {} 校验码 {c}", agreement_number(content)),
        ),
        keywords,
    }
}

/// One agreement as a PDF.
pub fn agreement_pdf(
    cache: &FontCache<'_>,
    content: &AgreementContent,
    options: &PrintOptions,
) -> Result<Vec<u8>, PdfError> {
    check_coverage(cache.fonts(), content)?;
    let pages = agreement_pages(cache.fonts(), content, options);
    Ok(write(cache, &pages, &info(content, options)))
}

/// The most copies of each agreement a print file holds: as many as an agreement is signed in
/// ([`crate::model::agreement::MAX_COPIES`]), counted as the layout counts. A print file may
/// hold a single copy (one reprinted), so its fewest is 1, not the signing minimum.
#[allow(
    clippy::cast_possible_truncation,
    clippy::cast_sign_loss,
    reason = "a small positive constant, checked by the test of copies"
)]
pub const MAX_COPIES: usize = crate::model::agreement::MAX_COPIES as usize;

/// One agreement of a print file: its content, its verification code (None for a draft) and
/// how many copies to print.
#[derive(Debug, Clone, Copy)]
pub struct PrintItem<'a> {
    /// What the agreement says.
    pub content: &'a AgreementContent,
    /// The verification code printed in its footer.
    pub code: Option<&'a str>,
    /// Copies of it in the file (1 to [`MAX_COPIES`]).
    pub copies: usize,
    /// True when the agreement was printed before: its copies are marked （补印）, so that a
    /// reprint is never taken for one more of the originals signed.
    pub is_reprint: bool,
}

/// The keywords of a print file start with this, so that `verify` tells one from a single
/// agreement's PDF; the codes of the agreements in it follow, each after [`PRINTED_MARKER`].
pub const PRINT_MARKER: &str = "zerenshu-print-file";
/// The marker before each verification code in a print file's keywords.
pub const PRINTED_MARKER: &str = "zerenshu-printed-";

/// All agreements in one print file, each in its copies marked 第 n 份 / 共 N 份 (with （补印）
/// for an agreement printed before), every copy
/// starting on an odd page (a blank page is added after an odd page count); the fonts are
/// embedded once. The caller has checked every agreement's coverage.
///
/// `on_agreement(done)` is called as each agreement's copies are laid out and drawn; when it
/// returns false the work stops and `None` comes back.
pub fn print_file(
    cache: &FontCache<'_>,
    items: &[PrintItem<'_>],
    subject: String,
    on_agreement: &mut dyn FnMut(usize) -> bool,
) -> Option<Vec<u8>> {
    let mut keywords = vec![PRINT_MARKER.to_owned()];
    keywords.extend(
        items
            .iter()
            .filter_map(|item| item.code)
            .map(|code| format!("{PRINTED_MARKER}{code}")),
    );
    let info = PdfInfo {
        title: "责任书打印文件".to_owned(),
        subject,
        keywords,
    };
    let mut writer = Writer::new(cache, &info);
    for (done, item) in items.iter().enumerate() {
        let copies = item.copies.clamp(1, MAX_COPIES);
        for copy in 1..=copies {
            let options = PrintOptions {
                code: item.code.map(str::to_owned),
                copy_marker: Some(format!(
                    "第 {copy} 份 / 共 {copies} 份{}",
                    if item.is_reprint { "（补印）" } else { "" }
                )),
                draft_id: None,
            };
            let pages = agreement_pages(cache.fonts(), item.content, &options);
            for page in &pages {
                writer.add(page);
            }
            if pages.len() % 2 == 1 {
                writer.add(&Page::default());
            }
        }
        if !on_agreement(done + 1) {
            return None;
        }
    }
    Some(writer.finish())
}
