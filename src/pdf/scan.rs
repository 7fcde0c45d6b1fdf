//! The signed copy as a PDF: a PDF scan is returned as it is; a PNG or JPEG scan becomes one A4
//! page with the image fitted inside 10 mm margins.

use printpdf::{Mm, Op, PdfDocument, PdfPage, Pt, RawImage, XObjectTransform};

const PAGE_WIDTH_MM: f32 = 210.0;
const PAGE_HEIGHT_MM: f32 = 297.0;
const MARGIN_MM: f32 = 10.0;
const MM_PER_INCH: f32 = 25.4;
const PT_PER_MM: f32 = 72.0 / MM_PER_INCH;

/// The scan as PDF bytes, or a Chinese message.
pub fn scan_to_pdf(bytes: &[u8], media_type: &str, title: &str) -> Result<Vec<u8>, String> {
    if media_type == "application/pdf" {
        return Ok(bytes.to_vec());
    }
    let image = RawImage::decode_from_bytes(bytes, &mut Vec::new())
        .map_err(|e| format!("扫描图片无法读取：{e}"))?;
    if image.width == 0 || image.height == 0 {
        return Err("扫描图片是空的".to_owned());
    }
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
}
