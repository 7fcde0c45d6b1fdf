//! The signed copy (签订件) as a PDF, made from the archived scan. A scan of PNG or JPEG images
//! becomes one A4 page per image, the image fitted inside 10 mm margins at its full resolution
//! (a JPEG's own bytes are embedded, so its pixels are not compressed a second time), with a
//! small footer line under it naming the agreement and its verification code; a PDF scan keeps
//! its bytes and pages and gains the same facts in an appended information dictionary
//! (`scan_stamp`). Either way the metadata carries the agreement number, the code, a marker
//! saying it is the signed copy and the scan's fingerprint, and the same scan always gives the
//! same file, so `verify` checks a signed copy by making it again.
//!
//! [`check_scan`] reads a scan the same way before it is archived, so a damaged file is refused
//! while it can still be replaced.

use std::fmt::Write as _;

use printpdf::{Pt, RawImage, XObject, XObjectTransform};

use super::fonts::{FontRole, FontSet};
use super::page::{FOOTER_SIZE_PT, Item, PAGE_HEIGHT_MM, PAGE_WIDTH_MM, PT_PER_MM, Page};
use super::scan_jpeg::{jpeg_frame, jpeg_xobject, upright_jpeg};
use super::writer::{Fixed, FontCache, PdfInfo, Writer};

const MARGIN_MM: f32 = 10.0;
/// The margin under the image, leaving room for the footer line.
const BOTTOM_MARGIN_MM: f32 = 16.0;
/// The footer's baseline, from the page top.
const FOOTER_BASELINE_MM: f32 = PAGE_HEIGHT_MM - 8.0;
const MM_PER_INCH: f32 = 25.4;

/// The keyword before the verification code that marks a PDF as an agreement's signed copy.
pub const SIGNED_MARKER: &str = "zerenshu-signed-";
/// The keyword before the fingerprint of the scan a signed copy was made from.
pub const SCAN_MARKER: &str = "zerenshu-scan-";

/// The media type of a PDF scan.
pub const PDF: &str = "application/pdf";

/// One file of a scan: its media type and bytes.
#[derive(Debug, Clone, Copy)]
pub struct ScanPage<'a> {
    /// `application/pdf`, `image/png` or `image/jpeg`.
    pub media_type: &'a str,
    /// The file's bytes.
    pub bytes: &'a [u8],
}

/// What a signed copy says about itself.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedCopyFacts {
    /// The agreement's year.
    pub year: i32,
    /// The agreement's number in its year.
    pub number: i64,
    /// The verification code (12 hex digits).
    pub code: String,
    /// The agreement's title and 乙方, e.g. "2025年度安全生产目标管理责任书（青山镇人民政府）".
    pub title: String,
    /// The scan's fingerprint (see `StoredScan::fingerprint`).
    pub scan_fingerprint: String,
    /// When the scan was archived, in PDF form (`D:20250320093000`): the file's date.
    pub archived_at: String,
}

impl SignedCopyFacts {
    /// The agreement number as the issued PDFs print it, e.g. "2025-005".
    #[must_use]
    pub fn agreement_number(&self) -> String {
        format!("{}-{:03}", self.year, self.number)
    }

    /// The document information: the title, a subject naming the agreement and its code, and
    /// the ASCII keywords `verify` looks for.
    #[must_use]
    pub fn info(&self) -> PdfInfo {
        let number = self.agreement_number();
        PdfInfo {
            title: format!("{}签订件", self.title),
            subject: format!("签订件（归档扫描件） 编号 {number} 校验码 {}", self.code),
            keywords: vec![
                number,
                format!("{}{}", super::agreement::CODE_MARKER, self.code),
                format!("{SIGNED_MARKER}{}", self.code),
                format!("{SCAN_MARKER}{}", self.scan_fingerprint),
            ],
        }
    }

    /// The footer line under each image: "签订件 · 2025年度第5号 · 校验码 1a2b 3c4d 5e6f", with
    /// the page when there are several.
    #[must_use]
    pub fn footer(&self, page: usize, pages: usize) -> String {
        let grouped: Vec<String> = self
            .code
            .as_bytes()
            .chunks(4)
            .map(|group| String::from_utf8_lossy(group).into_owned())
            .collect();
        let mut footer = format!(
            "签订件 · {}年度第{}号 · 校验码 {}",
            self.year,
            self.number,
            grouped.join(" ")
        );
        if pages > 1 {
            let _ = write!(footer, " · 第{page}页/共{pages}页");
        }
        footer
    }
}

/// An image that fails to decode and would take more bytes than this decoded is said to be too
/// large: the decoder's own limit (512 MiB), which a colour A4 page scanned at 1200 dpi
/// (about 140 million pixels, 420 MB) stays under.
const LARGEST_DECODED_BYTES: u64 = 512 * 1024 * 1024;

/// The most pixels a page newly archived may have: an A3 page at 600 dpi with some overscan
/// (about 80 million). A page scanned finer makes every export of its signed copy take seconds
/// and gigabytes, for no reader's gain. (Scans archived before keep making their signed copies.)
const MOST_PIXELS: u64 = 80_000_000;

/// Why a scan of `width`×`height` pixels is not taken.
fn too_large(width: u32, height: u32) -> String {
    format!(
        "扫描图片太大（{width}×{height} 像素）：请按 300 dpi 重新扫描（A4 约 2480×3508 像素），或缩小后另存"
    )
}

/// An image's size and decoded bytes, read from its header.
fn image_header(bytes: &[u8]) -> Option<((u32, u32), u64)> {
    use image::ImageDecoder as _;
    image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()
        .ok()
        .and_then(|reader| reader.into_decoder().ok())
        .map(|decoder| (decoder.dimensions(), decoder.total_bytes()))
}

/// The decoded image of a PNG or JPEG scan, or a Chinese message.
fn decode_image(bytes: &[u8]) -> Result<RawImage, String> {
    let header = image_header(bytes);
    let image = RawImage::decode_from_bytes(bytes, &mut Vec::new()).map_err(|_| match header {
        Some(((width, height), needed)) if needed > LARGEST_DECODED_BYTES => {
            too_large(width, height)
        }
        _ => "扫描图片无法读取：不是能识别的 JPEG 或 PNG 图片，或文件已损坏".to_owned(),
    })?;
    if image.width == 0 || image.height == 0 {
        return Err("扫描图片是空的".to_owned());
    }
    Ok(eight_bit_alpha(image))
}

/// A 16-bit image with an alpha channel (what some tools save a transparent PNG as) brought
/// to 8 bits per channel: printpdf writes such pixels as an empty stream, a blank page. Other
/// images are left as they are, so that their signed copies come out as they always did.
fn eight_bit_alpha(image: RawImage) -> RawImage {
    use printpdf::{RawImageData, RawImageFormat};
    let format = match image.data_format {
        RawImageFormat::RGBA16 => RawImageFormat::RGBA8,
        RawImageFormat::RG16 => RawImageFormat::RG8,
        _ => return image,
    };
    let RawImageData::U16(pixels) = &image.pixels else {
        return image;
    };
    // The high byte of each channel: 0xFFFF is 0xFF, 0x0000 is 0x00.
    let pixels = pixels.iter().map(|value| value.to_be_bytes()[0]).collect();
    RawImage {
        pixels: RawImageData::U8(pixels),
        data_format: format,
        ..image
    }
}

/// Checks that a scan can be read: a PDF must parse and hold at least one page, an image must
/// decode whole. Returns why not, in Chinese.
pub fn check_scan(bytes: &[u8], media_type: &str) -> Result<(), String> {
    if media_type == PDF {
        // A protected PDF cannot be read (nor the signing facts added to it): said as that.
        let encrypted = "PDF 文件已加密（设有打开密码或权限保护），无法读取和加注签订信息：请另存或导出一份未加密的 PDF 后再选";
        if has_encryption(bytes) {
            return Err(encrypted.to_owned());
        }
        let document = lopdf::Document::load_mem(bytes)
            .map_err(|_| "PDF 文件无法读取：文件已损坏，或不是 PDF 文件".to_owned())?;
        // lopdf opens a PDF protected by permissions only (no password to open it) by
        // decrypting it: said as protected all the same.
        if document.was_encrypted() || document.is_encrypted() {
            return Err(encrypted.to_owned());
        }
        if document.get_pages().is_empty() {
            return Err("PDF 文件中没有页面".to_owned());
        }
        // The signed copy is the scan with its facts appended: that must be possible.
        return super::scan_stamp::check(bytes);
    }
    if !ends_whole(bytes, media_type) {
        return Err("扫描图片不完整（文件末尾缺失，可能没有复制完）".to_owned());
    }
    // Its size read from the header first: a page scanned at thousands of dpi is said as
    // that, before gigabytes are decoded.
    if let Some(((width, height), _)) = image_header(bytes)
        && u64::from(width) * u64::from(height) > MOST_PIXELS
    {
        return Err(too_large(width, height));
    }
    decode_image(bytes).map(|_| ())
}

/// True when a PDF's bytes name an encryption dictionary: its trailer's "/Encrypt 12 0 R" (or
/// "/Encrypt <<"), a key followed by a reference or a dictionary, not the word in some text.
fn has_encryption(bytes: &[u8]) -> bool {
    const KEY: &[u8] = b"/Encrypt";
    (0..bytes.len().saturating_sub(KEY.len())).any(|at| {
        bytes.get(at..at + KEY.len()) == Some(KEY)
            && (bytes.get(at + KEY.len()..).unwrap_or_default().iter())
                .find(|b| !b.is_ascii_whitespace())
                .is_some_and(|b| b.is_ascii_digit() || *b == b'<')
    })
}

/// True when an image file ends as its format requires: a JPEG with its end-of-image marker
/// (decoders fill a cut-off JPEG with grey instead of failing), a PNG with its `IEND` chunk.
fn ends_whole(bytes: &[u8], media_type: &str) -> bool {
    match media_type {
        "image/jpeg" => {
            // Some scanners pad the file after the marker.
            let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
            bytes.get(..end).is_some_and(|b| b.ends_with(&[0xFF, 0xD9]))
        }
        "image/png" => bytes
            .len()
            .checked_sub(12)
            .and_then(|start| bytes.get(start..start + 8))
            .is_some_and(|chunk| chunk.get(4..8) == Some(b"IEND".as_slice())),
        _ => true,
    }
}

/// The signed copy as PDF bytes, or a Chinese message: one PDF scan with the facts added to
/// its metadata, or one page per image with the footer line. The same scan and facts always
/// give the same bytes.
pub fn signed_copy_pdf(pages: &[ScanPage<'_>], facts: &SignedCopyFacts) -> Result<Vec<u8>, String> {
    match pages {
        [] => Err("扫描件中没有文件".to_owned()),
        [only] if only.media_type == PDF => super::scan_stamp::stamp(only.bytes, facts),
        _ if pages.iter().any(|p| p.media_type == PDF) => {
            Err("PDF 扫描件只能单独归档，不能与图片合在一起".to_owned())
        }
        _ => images_pdf(pages, facts),
    }
}

/// One A4 page per image, each with the footer line.
fn images_pdf(pages: &[ScanPage<'_>], facts: &SignedCopyFacts) -> Result<Vec<u8>, String> {
    // The shipped fonts alone, so that the file comes out the same on every computer.
    let fonts = FontSet::shipped();
    let cache = FontCache::new(&fonts);
    let mut writer = Writer::new(&cache, &facts.info());
    for (index, page) in pages.iter().enumerate() {
        let (image, transform) = placed_image(page)?;
        let footer = footer_page(&fonts, &facts.footer(index + 1, pages.len()));
        writer.add_over(&footer, image, transform);
    }
    Ok(writer.finish_fixed(&Fixed {
        date: facts.archived_at.clone(),
        id: facts
            .scan_fingerprint
            .get(..32)
            .unwrap_or(&facts.scan_fingerprint)
            .to_owned(),
    }))
}

/// A page holding only the footer line, centred under the image.
fn footer_page(fonts: &FontSet, footer: &str) -> Page {
    let width_mm: f32 = footer
        .chars()
        .map(|c| fonts.advance_pt(FontRole::Body, c, FOOTER_SIZE_PT) / PT_PER_MM)
        .sum();
    Page {
        items: vec![Item::Text {
            x_mm: (PAGE_WIDTH_MM - width_mm) / 2.0,
            baseline_mm: FOOTER_BASELINE_MM,
            size_pt: FOOTER_SIZE_PT,
            role: FontRole::Body,
            text: footer.to_owned(),
            spacing_mm: 0.0,
        }],
        is_landscape: false,
    }
}

/// An image of the scan as an XObject, placed in the box above the footer; a phone photo
/// upright, as it was taken.
fn placed_image(page: &ScanPage<'_>) -> Result<(XObject, XObjectTransform), String> {
    let turned = (page.media_type == "image/jpeg")
        .then(|| upright_jpeg(page.bytes))
        .flatten();
    let bytes = turned.as_deref().unwrap_or(page.bytes);
    let image = decode_image(bytes)?;
    let (width_px, height_px) = (image.width as f32, image.height as f32);
    let box_width_mm = PAGE_WIDTH_MM - 2.0 * MARGIN_MM;
    let box_height_mm = PAGE_HEIGHT_MM - MARGIN_MM - BOTTOM_MARGIN_MM;
    let dpi =
        (width_px / (box_width_mm / MM_PER_INCH)).max(height_px / (box_height_mm / MM_PER_INCH));
    let shown_width_mm = width_px / dpi * MM_PER_INCH;
    let shown_height_mm = height_px / dpi * MM_PER_INCH;
    let xobject = match (page.media_type, jpeg_frame(bytes)) {
        ("image/jpeg", Some(frame))
            if (frame.width, frame.height) == (image.width, image.height) =>
        {
            jpeg_xobject(bytes, &frame)
        }
        _ => XObject::Image(image),
    };
    let transform = XObjectTransform {
        translate_x: Some(Pt((PAGE_WIDTH_MM - shown_width_mm) / 2.0 * PT_PER_MM)),
        translate_y: Some(Pt((BOTTOM_MARGIN_MM
            + (box_height_mm - shown_height_mm) / 2.0)
            * PT_PER_MM)),
        dpi: Some(dpi),
        ..XObjectTransform::default()
    };
    Ok((xobject, transform))
}

#[cfg(test)]
#[path = "scan_tests.rs"]
mod tests;
