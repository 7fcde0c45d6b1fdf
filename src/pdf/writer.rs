//! Laid-out pages → PDF bytes with printpdf: the pages drawn (see `draw`: every run of text in
//! the face that has its characters), fonts embedded once per file and subset on save, and the
//! serialized file made compact (see `compact` and `compact_frame`; a draft's watermark is
//! written once, see `watermark`) before its streams are deflated.

use std::io::Write as _;
use std::sync::OnceLock;

use printpdf::{
    ImageCompression, ImageOptimizationOptions, Op, ParsedFont, PdfDocument, PdfPage,
    PdfSaveOptions, XObject, XObjectId, XObjectTransform,
};

use super::draw::{Embedded, page_number_face, page_ops, subset_tag_prefix, turned_page_ops};
use super::fonts::FontSet;
use super::page::{Item, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, Page};
use super::turn::{QUARTER_TURN, show_upright};
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

    pub(crate) fn parsed(&self, face: usize) -> Option<&ParsedFont> {
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

/// Writes pages as one PDF; the faces used are embedded once and subset. Knowing every page
/// beforehand, it draws the page numbers from the full Noto Serif SC when other text needs that
/// face anyway (a name with a character Fandol lacks), rather than embedding the page-number cut
/// beside it.
#[must_use]
pub fn write(cache: &FontCache<'_>, pages: &[Page], info: &PdfInfo) -> Vec<u8> {
    let mut writer = Writer::new(cache, info);
    writer.embedded.page_number_face = page_number_face(cache.fonts, pages);
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
                page_number_face: None,
                tag_prefix: subset_tag_prefix(&format!(
                    "{}\n{}\n{}",
                    info.title,
                    info.subject,
                    info.keywords.join("\n")
                )),
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

    /// Draws one more portrait page over `image` (a scan), placed by `transform`.
    pub(crate) fn add_over(&mut self, page: &Page, image: XObject, transform: XObjectTransform) {
        let id = XObjectId(format!("Im{}", self.pages.len()));
        self.doc.resources.xobjects.map.insert(id.clone(), image);
        let mut ops = vec![Op::UseXobject { id, transform }];
        ops.extend(page_ops(&mut self.doc, &mut self.embedded, page));
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
        save_with_underlays(&mut self.doc, &self.turned, &self.underlays, None)
    }

    /// The document's bytes dated and identified by `fixed`: the same pages give the same file.
    #[must_use]
    pub(crate) fn finish_fixed(mut self, fixed: &Fixed) -> Vec<u8> {
        self.doc.with_pages(self.pages);
        save_with_underlays(&mut self.doc, &self.turned, &self.underlays, Some(fixed))
    }
}

/// The date and identifier of a file that comes out the same each time it is made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Fixed {
    /// The date in PDF form, e.g. `D:20250320093000`.
    pub date: String,
    /// The file identifier (the trailer's `/ID`, both halves).
    pub id: String,
}

/// Deflate level for the streams: level 6 packs the CFF font programs within 0.1 % of level 9,
/// printpdf's fixed choice, and takes less time.
const DEFLATE_LEVEL: u32 = 6;

/// Serializes the document, dated now and with its streams deflated at [`DEFLATE_LEVEL`], with
/// `underlays` drawn under their pages (a draft's watermark); every PDF the program writes goes
/// through here.
///
/// The date is what a viewer's document properties show (printpdf's default is 1970). Exports
/// are verified by the hash recorded at export, not by reproducing bytes, so it may differ from
/// file to file; a signed copy, verified by making it again, is dated and identified by `fixed`
/// instead of now and at random.
fn save_with_underlays(
    doc: &mut PdfDocument,
    turned_pages: &[usize],
    underlays: &Underlays,
    fixed: Option<&Fixed>,
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
    deflate_all(&mut lopdf_doc);
    if let Some(fixed) = fixed {
        fix_date_and_id(&mut lopdf_doc, fixed);
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
/// `workflow::verify::verify`). Object streams take only objects of generation 0, so the
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

/// Writes `fixed`'s date into the information dictionary and its identifier into the trailer.
fn fix_date_and_id(doc: &mut lopdf::Document, fixed: &Fixed) {
    let id = lopdf::Object::String(fixed.id.as_bytes().to_vec(), lopdf::StringFormat::Literal);
    doc.trailer
        .set("ID", lopdf::Object::Array(vec![id.clone(), id]));
    if let Ok(info_id) = doc
        .trailer
        .get(b"Info")
        .and_then(lopdf::Object::as_reference)
        && let Ok(info) = doc.get_dictionary_mut(info_id)
    {
        for key in ["CreationDate", "ModDate"] {
            info.set(
                key,
                lopdf::Object::String(fixed.date.as_bytes().to_vec(), lopdf::StringFormat::Literal),
            );
        }
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

/// Deflates the document's streams on two threads, the largest first on whichever has less
/// to do: the font programs are most of the work, and an agreement has two to five of them.
fn deflate_all(doc: &mut lopdf::Document) {
    // Only the streams to be deflated are shared out: a scan already compressed is no work.
    let mut streams: Vec<&mut lopdf::Stream> = doc
        .objects
        .values_mut()
        .filter_map(|object| match object {
            lopdf::Object::Stream(stream) if is_to_deflate(stream) => Some(stream),
            _ => None,
        })
        .collect();
    streams.sort_by_key(|stream| std::cmp::Reverse(stream.content.len()));
    let (mut here, mut there) = (Vec::new(), Vec::new());
    let (mut here_bytes, mut there_bytes) = (0, 0);
    for stream in streams {
        if here_bytes <= there_bytes {
            here_bytes += stream.content.len();
            here.push(stream);
        } else {
            there_bytes += stream.content.len();
            there.push(stream);
        }
    }
    let deflate_share = |share: &mut Vec<&mut lopdf::Stream>| {
        for stream in share.iter_mut() {
            deflate(stream);
        }
    };
    let helped = std::thread::scope(|scope| {
        let helper = std::thread::Builder::new()
            .name("deflate".to_owned())
            .spawn_scoped(scope, || deflate_share(&mut there));
        deflate_share(&mut here);
        helper.is_ok()
    });
    // Without a second thread (none to be had), this one does the other share too.
    if !helped {
        deflate_share(&mut there);
    }
}

/// True for a stream that allows compression and has no filter yet.
fn is_to_deflate(stream: &lopdf::Stream) -> bool {
    stream.allows_compression && stream.dict.get(b"Filter").is_err()
}

/// Deflates a stream that allows it and has no filter yet, when that makes it smaller.
fn deflate(stream: &mut lopdf::Stream) {
    if !is_to_deflate(stream) {
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
