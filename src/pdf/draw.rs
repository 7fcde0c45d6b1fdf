//! Drawing laid-out pages as printpdf operations: each run of text in the face that has its
//! characters (per-character fallback), glyphs passed as ids with the 三号 tightening and a
//! justified line's spacing carried by `Tc`, runs placed with `Td`; rules as lines; a page's
//! items in their order, each run of one colour together; a landscape page turned (see `turn`).

use printpdf::{
    Codepoint, Color, CurTransMat, FontId, Greyscale, Line, LinePoint, Op, PdfDocument,
    PdfFontHandle, Point, Pt, TextItem,
};

use super::fonts::{FontRole, FontSet};
use super::page::{BODY_DRAWN_PT, BODY_SIZE_PT, Item, PT_PER_MM, Page};
use super::turn::{QUARTER_TURN, split_turned};
use super::writer::FontCache;

/// A position in points rounded to a hundredth (0.0035 mm): shorter numbers in the content.
fn round_pt(value: f32) -> f32 {
    (value * 100.0).round() / 100.0
}

fn mm_x(x_mm: f32) -> Pt {
    Pt(round_pt(x_mm * PT_PER_MM))
}

fn mm_y(page_height_mm: f32, y_from_top_mm: f32) -> Pt {
    Pt(round_pt((page_height_mm - y_from_top_mm) * PT_PER_MM))
}

/// Embeds faces on first use in one document.
pub(crate) struct Embedded<'c, 'a> {
    /// The parsed faces.
    pub(crate) cache: &'c FontCache<'a>,
    /// The document's font id of each face embedded so far.
    pub(crate) ids: Vec<Option<FontId>>,
    /// A face page numbers are drawn from instead of another, (instead of, from): the full
    /// Noto Serif SC for its page-number cut when the document draws other text from it.
    pub(crate) page_number_face: Option<(usize, usize)>,
    /// The first four letters of each subset's tag, taken from the document (see
    /// [`subset_tag_prefix`]): the same document gets the same tags, another document others.
    pub(crate) tag_prefix: String,
}

/// Four capital letters drawn from `document` (its title, subject and keywords): subsets of
/// different files carry different tags, as tools that merge PDFs expect, while the same
/// document made again comes out byte for byte the same.
#[must_use]
pub(crate) fn subset_tag_prefix(document: &str) -> String {
    use sha2::Digest as _;
    sha2::Sha256::digest(document.as_bytes())
        .iter()
        .take(4)
        .map(|byte| char::from(b'A' + byte % 26))
        .collect()
}

impl Embedded<'_, '_> {
    fn id(&mut self, doc: &mut PdfDocument, face: usize) -> Option<FontId> {
        if let Some(Some(id)) = self.ids.get(face) {
            return Some(id.clone());
        }
        let parsed = self.cache.parsed(face)?;
        // Named by the face rather than printpdf's random name, so that the same pages make
        // the same file (a signed copy is verified by making it again). The first six letters
        // are the subset tag before the font's name (`KQMZAB+FandolFang-Regular`).
        let random = doc.add_font(parsed);
        let font = doc.resources.fonts.map.remove(&random)?;
        let letter = |n: usize| char::from(b'A' + u8::try_from(n % 26).unwrap_or(0));
        let id = FontId(format!(
            "{}{}{}",
            self.tag_prefix,
            letter(face / 26),
            letter(face)
        ));
        doc.resources.fonts.map.insert(id.clone(), font);
        if let Some(slot) = self.ids.get_mut(face) {
            *slot = Some(id.clone());
        }
        Some(id)
    }
}

/// Runs of `text` that one face draws, with their x offsets in points; `spacing_pt` is added
/// after each character (a justified line).
fn runs(
    fonts: &FontSet,
    role: FontRole,
    text: &str,
    size_pt: f32,
    spacing_pt: f32,
) -> Vec<(usize, f32, String)> {
    let mut runs: Vec<(usize, f32, String)> = Vec::new();
    let mut x = 0.0;
    for c in text.chars() {
        let Some(face) = fonts.face_for(role, c) else {
            continue;
        };
        match runs.last_mut() {
            Some((last, _, run)) if *last == face => run.push(c),
            _ => runs.push((face, x, c.to_string())),
        }
        x += fonts.advance_pt(role, c, size_pt) + spacing_pt;
    }
    runs
}

/// The glyphs of a run as printpdf items, each carrying its character for the ToUnicode map.
/// Passing glyph ids spares printpdf two cmap lookups per character (one to collect the
/// glyphs to subset, one to encode), which took a quarter of the time of a whole agreement.
///
/// `tighten` (a share of each glyph's advance) moves the next glyph back by that much: body
/// text drawn at 三号 on a grid cell slightly narrower than 16 pt keeps its glyphs' true size
/// and gives up a little space after each one, as a word processor's 文档网格 does. The
/// character spacing (Tc, see [`char_spacing_pt`]) already takes back what a glyph one em wide
/// gives up; a glyph of another width (Latin letters, digits) carries the difference, in
/// thousandths of an em, so that the glyphs of a CJK line carry no number at all.
fn glyph_ids(fonts: &FontSet, face: usize, run: &str, tighten: f32) -> TextItem {
    let Some(font_face) = fonts.faces().get(face) else {
        return TextItem::Text(run.to_owned());
    };
    let per_unit = 1000.0 / f32::from(font_face.units_per_em.max(1));
    TextItem::GlyphIds(
        run.chars()
            .filter_map(|c| {
                let glyph = font_face.glyph(c)?;
                let width = f32::from(glyph.advance_units) * per_unit;
                let offset = ((width - 1000.0) * tighten * 1000.0).round() / 1000.0;
                let offset = if offset.abs() < 0.001 { 0.0 } else { offset };
                Some(Codepoint::with_cid(glyph.id, offset, c.to_string()))
            })
            .collect(),
    )
}

/// The character spacing (Tc) of a text item: the justification's extra space, less what a
/// glyph one em wide gives up to the grid (`tighten` of `drawn_pt`).
fn char_spacing_pt(spacing_pt: f32, tighten: f32, drawn_pt: f32) -> f32 {
    let value = spacing_pt - tighten * drawn_pt;
    (value * 10_000.0).round() / 10_000.0
}

/// The text state a content stream has set, so that the font and the character spacing are
/// written only when they change. A fresh state is the PDF default (no font, Tc 0), as at the
/// start of a page's content and after a graphics state is restored.
#[derive(Default)]
struct TextState {
    /// The face and size last set.
    font: Option<(usize, f32)>,
    /// The character spacing last set.
    char_spacing_pt: f32,
    /// Where the current text line starts, in hundredths of a point: runs are placed with
    /// `Td`, relative to it (a text section starts at the origin).
    line_start: (i64, i64),
}

impl TextState {
    /// The `Td` operation that starts a line at (`x_pt`, `y_pt`), rounded to a hundredth of a
    /// point: the move from the current line's start, in exact hundredths, so that the moves
    /// add up to the rounded positions and read short ("0 -28.99 Td" between grid lines).
    fn move_to(&mut self, x_pt: f32, y_pt: f32) -> Op {
        // Page coordinates stay far inside i64 and f32's exact hundredths.
        #[allow(clippy::cast_possible_truncation)]
        let target = ((x_pt * 100.0).round() as i64, (y_pt * 100.0).round() as i64);
        let (dx, dy) = (target.0 - self.line_start.0, target.1 - self.line_start.1);
        self.line_start = target;
        #[allow(clippy::cast_precision_loss)]
        let hundredths = |value: i64| Pt(value as f32 / 100.0);
        Op::SetTextCursor {
            pos: Point {
                x: hundredths(dx),
                y: hundredths(dy),
            },
        }
    }
}

fn text_ops(
    doc: &mut PdfDocument,
    embedded: &mut Embedded<'_, '_>,
    state: &mut TextState,
    ops: &mut Vec<Op>,
    item: &Item,
    page_height_mm: f32,
) {
    match item {
        Item::Text {
            x_mm,
            baseline_mm,
            size_pt,
            role,
            text,
            spacing_mm,
        } => {
            // Body text is drawn at 三号 (16 pt) on its grid cell (15.79 pt): each glyph keeps
            // its size and the pen moves back by the difference (see `glyph_ids`).
            let is_body = (size_pt - BODY_SIZE_PT).abs() < 1e-3;
            let drawn_pt = if is_body { BODY_DRAWN_PT } else { *size_pt };
            let tighten = 1.0 - size_pt / drawn_pt;
            let spacing_pt = spacing_mm * PT_PER_MM;
            // Tc stays set until changed: it is written when this item needs another value.
            let char_spacing = char_spacing_pt(spacing_pt, tighten, drawn_pt);
            let item_runs = runs(embedded.cache.fonts(), *role, text, *size_pt, spacing_pt);
            for (face, offset, run) in item_runs {
                let face = match embedded.page_number_face {
                    Some((cut, full)) if *role == FontRole::PageNumber && face == cut => full,
                    _ => face,
                };
                let Some(id) = embedded.id(doc, face) else {
                    continue;
                };
                if (char_spacing - state.char_spacing_pt).abs() > 1e-6 {
                    ops.push(Op::SetCharacterSpacing {
                        multiplier: char_spacing,
                    });
                    state.char_spacing_pt = char_spacing;
                }
                if state.font != Some((face, drawn_pt)) {
                    ops.push(Op::SetFont {
                        font: PdfFontHandle::External(id),
                        size: Pt(drawn_pt),
                    });
                    state.font = Some((face, drawn_pt));
                }
                let x = mm_x(*x_mm).0 + offset;
                ops.push(state.move_to(x, mm_y(page_height_mm, *baseline_mm).0));
                ops.push(Op::ShowText {
                    items: vec![glyph_ids(embedded.cache.fonts(), face, &run, tighten)],
                });
            }
        }
        // Watermarks are drawn as outlines and rules as lines, outside the text section; red
        // items in a section of their own.
        Item::Watermark(_) | Item::Rule { .. } | Item::Red(_) => {}
    }
}

/// A landscape page on a portrait sheet: everything but the page number drawn through a
/// quarter turn (see `turn`), the page number after, unturned.
pub(crate) fn turned_page_ops(
    doc: &mut PdfDocument,
    embedded: &mut Embedded<'_, '_>,
    page: &Page,
) -> Vec<Op> {
    let (body, number) = split_turned(page);
    let mut ops = vec![
        Op::SaveGraphicsState,
        Op::SetTransformationMatrix {
            matrix: CurTransMat::Raw(QUARTER_TURN),
        },
    ];
    ops.extend(page_ops(doc, embedded, &body));
    ops.push(Op::RestoreGraphicsState);
    ops.extend(page_ops(doc, embedded, &number));
    ops
}

/// The red of a 版头.
fn banner_red() -> Color {
    Color::Rgb(printpdf::Rgb {
        r: 0.9,
        g: 0.0,
        b: 0.0,
        icc_profile: None,
    })
}

fn grey(percent: f32) -> Color {
    Color::Greyscale(Greyscale {
        percent,
        icc_profile: None,
    })
}

/// The page-number stand-in of [`Embedded::page_number_face`] for `pages`: the full Noto
/// Serif SC instead of its page-number cut when text other than page numbers is drawn from it.
pub(crate) fn page_number_face(fonts: &FontSet, pages: &[Page]) -> Option<(usize, usize)> {
    let (cut, full) = fonts.page_number_cut()?;
    let draws_from_full = |item: &Item| match item {
        Item::Text { role, text, .. } if *role != FontRole::PageNumber => {
            text.chars().any(|c| fonts.face_for(*role, c) == Some(full))
        }
        _ => false,
    };
    let found = pages
        .iter()
        .flat_map(|page| &page.items)
        .any(|item| match item {
            Item::Red(inner) => draws_from_full(inner),
            other => draws_from_full(other),
        });
    found.then_some((cut, full))
}

/// A page's items in their order, each run of one colour (black, or the red of a 版头) drawn
/// together: its text in one text section, then its rules. Text extraction that follows the
/// drawing order (`pdftotext -raw`, copy and paste) reads the page as its items are ordered.
pub(crate) fn page_ops(
    doc: &mut PdfDocument,
    embedded: &mut Embedded<'_, '_>,
    page: &Page,
) -> Vec<Op> {
    let mut ops = Vec::new();
    let (_, height) = page.size_mm();
    // (is red, item) for everything drawn here; watermarks are drawn apart (see `watermark`).
    let coloured: Vec<(bool, &Item)> = page
        .items
        .iter()
        .filter_map(|item| match item {
            Item::Red(inner) => Some((true, inner.as_ref())),
            Item::Text { .. } | Item::Rule { .. } => Some((false, item)),
            Item::Watermark(_) => None,
        })
        .collect();
    let mut draw = Drawing {
        doc,
        embedded,
        ops: &mut ops,
        height,
    };
    for run in coloured.chunk_by(|a, b| a.0 == b.0) {
        let is_red = run.first().is_some_and(|(red, _)| *red);
        let items: Vec<&Item> = run.iter().map(|(_, item)| *item).collect();
        if is_red {
            draw.items(&items, &banner_red(), 1.5);
        } else {
            draw.items(&items, &grey(0.0), 0.6);
        }
    }
    ops
}

/// Where a page's items are drawn.
struct Drawing<'d, 'e, 'a, 'b> {
    doc: &'d mut PdfDocument,
    embedded: &'e mut Embedded<'a, 'b>,
    ops: &'d mut Vec<Op>,
    height: f32,
}

impl Drawing<'_, '_, '_, '_> {
    /// Draws text runs and rules in `colour`, the text in a section of its own and the rules
    /// `rule_pt` thick.
    fn items(&mut self, items: &[&Item], colour: &Color, rule_pt: f32) {
        let texts: Vec<&&Item> = items
            .iter()
            .filter(|i| matches!(i, Item::Text { .. }))
            .collect();
        if !texts.is_empty() {
            self.ops.push(Op::SetFillColor {
                col: colour.clone(),
            });
            self.ops.push(Op::StartTextSection);
            let mut state = TextState::default();
            for item in texts {
                text_ops(
                    self.doc,
                    self.embedded,
                    &mut state,
                    self.ops,
                    item,
                    self.height,
                );
            }
            self.ops.push(Op::EndTextSection);
        }
        let rules: Vec<Line> = items
            .iter()
            .filter_map(|item| rule_line(item, self.height))
            .collect();
        if !rules.is_empty() {
            self.ops.push(Op::SetOutlineColor {
                col: colour.clone(),
            });
            self.ops.push(Op::SetOutlineThickness { pt: Pt(rule_pt) });
            self.ops
                .extend(rules.into_iter().map(|line| Op::DrawLine { line }));
        }
    }
}

/// A rule as a line to draw; `None` for other items.
fn rule_line(item: &Item, height: f32) -> Option<Line> {
    match item {
        Item::Rule {
            x1_mm,
            y1_mm,
            x2_mm,
            y2_mm,
        } => Some(Line {
            points: vec![
                LinePoint {
                    p: Point {
                        x: mm_x(*x1_mm),
                        y: mm_y(height, *y1_mm),
                    },
                    bezier: false,
                },
                LinePoint {
                    p: Point {
                        x: mm_x(*x2_mm),
                        y: mm_y(height, *y2_mm),
                    },
                    bezier: false,
                },
            ],
            is_closed: false,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::subset_tag_prefix;

    #[test]
    fn subset_tags_differ_between_documents_and_repeat_for_the_same_one() {
        let first = subset_tag_prefix("2025年度安全生产目标管理责任书（城关街道）");
        let second = subset_tag_prefix("2025年度安全生产目标管理责任书（响嘡街道）");
        assert_eq!(first.len(), 4);
        assert!(first.chars().all(|c| c.is_ascii_uppercase()), "{first}");
        assert_ne!(first, second);
        assert_eq!(
            first,
            subset_tag_prefix("2025年度安全生产目标管理责任书（城关街道）")
        );
    }
}
