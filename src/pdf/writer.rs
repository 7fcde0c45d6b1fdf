//! Laid-out pages → PDF bytes with printpdf: every run of text is drawn in the face that has its
//! characters (per-character fallback), fonts are embedded once per file and subset on save,
//! and the serialized file is made compact (see `compact`; a draft's watermark is written once,
//! see `watermark`) before its streams are deflated.

use std::io::Write as _;
use std::sync::OnceLock;

use printpdf::{
    Codepoint, Color, CurTransMat, FontId, Greyscale, ImageCompression, ImageOptimizationOptions,
    Line, LinePoint, Op, ParsedFont, PdfDocument, PdfFontHandle, PdfPage, PdfSaveOptions, Point,
    Pt, TextItem,
};

use super::fonts::{FontRole, FontSet};
use super::page::{
    BODY_DRAWN_PT, BODY_SIZE_PT, Item, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, PT_PER_MM, Page,
};
use super::turn::{QUARTER_TURN, show_upright, split_turned};
use super::watermark::{Underlays, watermark_content};

/// Parsed fonts, kept for a whole batch so each face is parsed once.
pub struct FontCache<'a> {
    fonts: &'a FontSet,
    parsed: Vec<OnceLock<Option<ParsedFont>>>,
}

impl<'a> FontCache<'a> {
    /// A cache over `fonts`.
    #[must_use]
    pub fn new(fonts: &'a FontSet) -> Self {
        Self {
            fonts,
            parsed: fonts.faces().iter().map(|_| OnceLock::new()).collect(),
        }
    }

    /// The fonts measured and drawn with.
    #[must_use]
    pub fn fonts(&self) -> &'a FontSet {
        self.fonts
    }

    fn parsed(&self, face: usize) -> Option<&ParsedFont> {
        let slot = self.parsed.get(face)?;
        slot.get_or_init(|| {
            let face = self.fonts.faces().get(face)?;
            ParsedFont::from_bytes(
                face.bytes,
                usize::try_from(face.index).unwrap_or(0),
                &mut Vec::new(),
            )
        })
        .as_ref()
    }
}

/// What the PDF's document information says.
#[derive(Debug, Clone, Default)]
pub struct PdfInfo {
    /// Title.
    pub title: String,
    /// Subject.
    pub subject: String,
    /// Keywords (the verification code goes here).
    pub keywords: Vec<String>,
}

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
struct Embedded<'c, 'a> {
    cache: &'c FontCache<'a>,
    ids: Vec<Option<FontId>>,
}

impl Embedded<'_, '_> {
    fn id(&mut self, doc: &mut PdfDocument, face: usize) -> Option<FontId> {
        if let Some(Some(id)) = self.ids.get(face) {
            return Some(id.clone());
        }
        let parsed = self.cache.parsed(face)?;
        let id = doc.add_font(parsed);
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
            let item_runs = runs(embedded.cache.fonts, *role, text, *size_pt, spacing_pt);
            for (face, offset, run) in item_runs {
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
                    items: vec![glyph_ids(embedded.cache.fonts, face, &run, tighten)],
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
fn turned_page_ops(doc: &mut PdfDocument, embedded: &mut Embedded<'_, '_>, page: &Page) -> Vec<Op> {
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

/// A page's items in their order, each run of one colour (black, or the red of a 版头) drawn
/// together: its text in one text section, then its rules. Text extraction that follows the
/// drawing order (`pdftotext -raw`, copy and paste) reads the page as its items are ordered.
fn page_ops(doc: &mut PdfDocument, embedded: &mut Embedded<'_, '_>, page: &Page) -> Vec<Op> {
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

/// Writes pages as one PDF; the faces used are embedded once and subset.
#[must_use]
pub fn write(cache: &FontCache<'_>, pages: &[Page], info: &PdfInfo) -> Vec<u8> {
    let mut writer = Writer::new(cache, info);
    for page in pages {
        writer.add(page);
    }
    writer.finish()
}

/// A PDF being written page by page, for callers that lay out and draw in turns (the print
/// file reports progress and can stop between agreements); [`write`] does it in one call.
pub struct Writer<'c, 'a> {
    doc: PdfDocument,
    embedded: Embedded<'c, 'a>,
    pages: Vec<PdfPage>,
    /// Indices of the landscape pages drawn turned on portrait sheets.
    turned: Vec<usize>,
    /// The watermarks, drawn under the pages that carry one.
    underlays: Underlays,
}

impl<'c, 'a> Writer<'c, 'a> {
    /// An empty document with `info`, drawing with the faces of `cache`.
    #[must_use]
    pub fn new(cache: &'c FontCache<'a>, info: &PdfInfo) -> Self {
        let mut doc = PdfDocument::new(&info.title);
        doc.metadata.info.subject.clone_from(&info.subject);
        doc.metadata.info.keywords.clone_from(&info.keywords);
        "zerenshu".clone_into(&mut doc.metadata.info.creator);
        "zerenshu".clone_into(&mut doc.metadata.info.producer);
        Self {
            doc,
            embedded: Embedded {
                cache,
                ids: vec![None; cache.fonts.faces().len()],
            },
            pages: Vec::new(),
            turned: Vec::new(),
            underlays: Underlays::default(),
        }
    }

    /// Draws one more page. A landscape page is drawn turned on a portrait sheet, as GB/T
    /// 9704 prints 横排表格; its page number is drawn unturned, where every other page has it.
    pub fn add(&mut self, page: &Page) {
        let watermarks: Vec<&str> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Watermark(text) => Some(text.as_str()),
                _ => None,
            })
            .collect();
        if !watermarks.is_empty() {
            let turn = page.is_landscape.then_some(QUARTER_TURN);
            let fonts = self.embedded.cache.fonts;
            let content = watermark_content(fonts, &watermarks, page.size_mm(), turn);
            self.underlays.add(self.pages.len(), content);
        }
        let ops = if page.is_landscape {
            self.turned.push(self.pages.len());
            turned_page_ops(&mut self.doc, &mut self.embedded, page)
        } else {
            page_ops(&mut self.doc, &mut self.embedded, page)
        };
        self.pages.push(PdfPage::new(
            printpdf::Mm(PAGE_WIDTH_MM),
            printpdf::Mm(PAGE_HEIGHT_MM),
            ops,
        ));
    }

    /// The document's bytes, the faces used embedded once and subset.
    #[must_use]
    pub fn finish(mut self) -> Vec<u8> {
        self.doc.with_pages(self.pages);
        save_with_underlays(&mut self.doc, &self.turned, &self.underlays)
    }
}

/// Deflate level for the streams: level 6 packs the CFF font programs within 0.1 % of level 9,
/// printpdf's fixed choice, and takes less time.
const DEFLATE_LEVEL: u32 = 6;

/// Serializes the document, dated now and with its streams deflated at [`DEFLATE_LEVEL`]; every
/// PDF the program writes goes through here.
///
/// The date is what a viewer's document properties show (printpdf's default is 1970). Exports
/// are verified by the hash recorded at export, not by reproducing bytes, so it may differ from
/// file to file.
pub(crate) fn save(doc: &mut PdfDocument, turned_pages: &[usize]) -> Vec<u8> {
    save_with_underlays(doc, turned_pages, &Underlays::default())
}

/// [`save`], with `underlays` drawn under their pages (a draft's watermark).
fn save_with_underlays(
    doc: &mut PdfDocument,
    turned_pages: &[usize],
    underlays: &Underlays,
) -> Vec<u8> {
    let now = printpdf::DateTime::now();
    doc.metadata.info.creation_date = now;
    doc.metadata.info.modification_date = now;
    doc.metadata.info.metadata_date = now;
    // Images (a scan's pixels) are kept whole: printpdf's defaults would shrink any image
    // above 2 MB of pixels and re-encode colour ones as JPEG.
    let plain = PdfSaveOptions {
        optimize: false,
        image_optimization: Some(ImageOptimizationOptions {
            quality: None,
            max_image_size: None,
            dither_greyscale: Some(false),
            convert_to_greyscale: Some(false),
            auto_optimize: Some(false),
            format: Some(ImageCompression::Flate),
        }),
        ..PdfSaveOptions::default()
    };
    let mut lopdf_doc = printpdf::to_lopdf_doc(doc, &plain, &mut Vec::new());
    drop_pdfx_marker(&mut lopdf_doc);
    show_upright(&mut lopdf_doc, turned_pages);
    super::compact::compact_widths(&mut lopdf_doc);
    super::compact::share_to_unicode(&mut lopdf_doc);
    super::compact::compact_content(&mut lopdf_doc);
    super::compact::plain_ascii_info(&mut lopdf_doc);
    super::compact_frame::trim_pages(&mut lopdf_doc);
    super::compact_frame::trim_info(&mut lopdf_doc);
    underlays.apply(&mut lopdf_doc);
    for object in lopdf_doc.objects.values_mut() {
        if let lopdf::Object::Stream(stream) = object {
            deflate(stream);
        }
    }
    keep_info_readable(&mut lopdf_doc);
    let mut bytes = Vec::new();
    let options = lopdf::SaveOptions::builder()
        .use_object_streams(true)
        .use_xref_streams(true)
        .compression_level(DEFLATE_LEVEL)
        .build();
    // Writing into a Vec cannot fail.
    let _ = lopdf_doc.save_with_options(&mut bytes, options);
    super::compact_frame::deflate_xref_stream(bytes)
}

/// Keeps the information dictionary out of the object streams, where it would be deflated: the
/// verification code in its keywords must stay findable in the file's raw bytes (see
/// `workflow::export::verify`). Object streams take only objects of generation 0, so the
/// dictionary moves to generation 1 of its number, which nothing but the trailer refers to.
fn keep_info_readable(doc: &mut lopdf::Document) {
    let Ok(info_id) = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
    else {
        return;
    };
    if let Some(info) = doc.objects.remove(&info_id) {
        let readable = (info_id.0, 1);
        doc.objects.insert(readable, info);
        doc.trailer.set("Info", lopdf::Object::Reference(readable));
    }
}

/// Removes the `GTS_PDFXVersion` key printpdf always writes into the information dictionary:
/// the files make no PDF/X claim, and with it pdfinfo reports them as PDF/X.
fn drop_pdfx_marker(doc: &mut lopdf::Document) {
    let Ok(info_id) = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
    else {
        return;
    };
    if let Ok(info) = doc.get_dictionary_mut(info_id) {
        info.remove(b"GTS_PDFXVersion");
    }
}

/// Deflates a stream that allows it and has no filter yet, when that makes it smaller.
fn deflate(stream: &mut lopdf::Stream) {
    if !stream.allows_compression || stream.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut encoder = flate2::write::ZlibEncoder::new(
        Vec::with_capacity(stream.content.len() / 2),
        flate2::Compression::new(DEFLATE_LEVEL),
    );
    let Ok(packed) = encoder
        .write_all(&stream.content)
        .and_then(|()| encoder.finish())
    else {
        return;
    };
    if packed.len() < stream.content.len() {
        stream.dict.set("Filter", "FlateDecode");
        stream.set_content(packed);
    }
}
