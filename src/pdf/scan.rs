//! The signed copy as a PDF: a PDF scan is returned as it is; a PNG or JPEG scan becomes one A4
//! page with the image fitted inside 10 mm margins. [`check_scan`] reads a scan the same way
//! before it is archived, so a damaged file is refused while it can still be replaced.

use printpdf::{Mm, Op, PdfDocument, PdfPage, Pt, RawImage, XObjectTransform};

const PAGE_WIDTH_MM: f32 = 210.0;
const PAGE_HEIGHT_MM: f32 = 297.0;
const MARGIN_MM: f32 = 10.0;
const MM_PER_INCH: f32 = 25.4;
const PT_PER_MM: f32 = 72.0 / MM_PER_INCH;

/// The decoded image of a PNG or JPEG scan, or a Chinese message.
fn decode_image(bytes: &[u8]) -> Result<RawImage, String> {
    let image = RawImage::decode_from_bytes(bytes, &mut Vec::new())
        .map_err(|e| format!("扫描图片无法读取：{e}"))?;
    if image.width == 0 || image.height == 0 {
        return Err("扫描图片是空的".to_owned());
    }
    Ok(image)
}

/// Checks that a scan can be read: a PDF must parse and hold at least one page, an image must
/// decode whole. Returns why not, in Chinese.
pub fn check_scan(bytes: &[u8], media_type: &str) -> Result<(), String> {
    if media_type == "application/pdf" {
        let document =
            lopdf::Document::load_mem(bytes).map_err(|e| format!("PDF 文件无法读取：{e}"))?;
        if document.get_pages().is_empty() {
            return Err("PDF 文件中没有页面".to_owned());
        }
        return Ok(());
    }
    if !ends_whole(bytes, media_type) {
        return Err("扫描图片不完整（文件末尾缺失，可能没有复制完）".to_owned());
    }
    decode_image(bytes).map(|_| ())
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

/// The scan as PDF bytes, or a Chinese message.
pub fn scan_to_pdf(bytes: &[u8], media_type: &str, title: &str) -> Result<Vec<u8>, String> {
    if media_type == "application/pdf" {
        return Ok(bytes.to_vec());
    }
    let image = decode_image(bytes)?;
    let (width_px, height_px) = (image.width as f32, image.height as f32);
    let box_width_in = (PAGE_WIDTH_MM - 2.0 * MARGIN_MM) / MM_PER_INCH;
    let box_height_in = (PAGE_HEIGHT_MM - 2.0 * MARGIN_MM) / MM_PER_INCH;
    let dpi = (width_px / box_width_in).max(height_px / box_height_in);
    let shown_width_mm = width_px / dpi * MM_PER_INCH;
    let shown_height_mm = height_px / dpi * MM_PER_INCH;
    let mut doc = PdfDocument::new(title);
    let id = doc.add_image(&image);
    let transform = XObjectTransform {
        translate_x: Some(Pt((PAGE_WIDTH_MM - shown_width_mm) / 2.0 * PT_PER_MM)),
        translate_y: Some(Pt((PAGE_HEIGHT_MM - shown_height_mm) / 2.0 * PT_PER_MM)),
        dpi: Some(dpi),
        ..XObjectTransform::default()
    };
    let page = PdfPage::new(
        Mm(PAGE_WIDTH_MM),
        Mm(PAGE_HEIGHT_MM),
        vec![Op::UseXobject { id, transform }],
    );
    doc.with_pages(vec![page]);
    Ok(super::writer::save(&mut doc, &[]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_png_scan_becomes_a_one_page_pdf() {
        let png = crate::demo::signed_copy_png();
        let pdf = scan_to_pdf(&png, "image/png", "签订件").unwrap();
        assert!(pdf.starts_with(b"%PDF-"));
        assert!(scan_to_pdf(b"not an image", "image/png", "x").is_err());
        assert_eq!(
            scan_to_pdf(b"%PDF-1.7 ...", "application/pdf", "x").unwrap(),
            b"%PDF-1.7 ..."
        );
    }

    #[test]
    fn a_truncated_scan_fails_the_check_and_a_whole_one_passes() {
        let png = crate::demo::signed_copy_png();
        assert_eq!(check_scan(&png, "image/png"), Ok(()));
        let truncated = png.get(..png.len() / 2).unwrap();
        assert!(check_scan(truncated, "image/png").is_err());
        let pdf = scan_to_pdf(&png, "image/png", "签订件").unwrap();
        assert_eq!(check_scan(&pdf, "application/pdf"), Ok(()));
        assert!(check_scan(b"%PDF-1.7 nothing else", "application/pdf").is_err());
    }
}
