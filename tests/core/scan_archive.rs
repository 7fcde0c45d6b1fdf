//! Scans of signed copies at the store: an unreadable scan refused with nothing stored, a JPEG
//! archived and exported as a PDF page holding the image, a full-page scan kept at its full
//! resolution.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use zerenshu::model::AgreementStatus;
use zerenshu::store::{Store, StoreError};
use zerenshu::workflow::{lifecycle, signed_copy};

use crate::support::demo_store;

/// The demo's first 2025 草稿, taken through 定稿 and 已打印 to 已签订 on 20 March 2025.
pub(crate) fn signed_agreement(store: &mut Store) -> i64 {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    store.set_clock(day.and_hms_opt(9, 30, 0).unwrap());
    let id = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap()
        .id;
    lifecycle::finalize(store, 2025, &[id]).unwrap();
    lifecycle::mark_printed(store, 2025, &[id], day).unwrap();
    lifecycle::mark_signed(store, 2025, &[id], day).unwrap();
    id
}

/// A PDF of one image page, as a scanner's "scan to PDF" would save it.
fn image_pdf(image: &[u8]) -> Vec<u8> {
    let facts = zerenshu::pdf::scan::SignedCopyFacts {
        year: 2025,
        number: 1,
        code: "0123456789ab".to_owned(),
        title: "扫描件".to_owned(),
        scan_fingerprint: "00".repeat(32),
        archived_at: "D:20250320093000".to_owned(),
    };
    let page = zerenshu::pdf::scan::ScanPage {
        media_type: "image/png",
        bytes: image,
    };
    zerenshu::pdf::scan::signed_copy_pdf(&[page], &facts).unwrap()
}

/// A whole JPEG of a coloured page, as a scanner would save it.
fn jpeg_scan() -> Vec<u8> {
    crate::signed_copy::jpeg(300, 420, 250)
}

#[test]
fn a_scan_that_cannot_be_read_is_refused_and_nothing_is_stored() {
    let mut store = demo_store();
    let id = signed_agreement(&mut store);
    let png = zerenshu::demo::signed_copy_png();
    let pdf = image_pdf(&png);
    let jpeg = jpeg_scan();
    // A cut-off JPEG decodes (grey where the data stops): its missing end marker gives it away.
    for (name, bytes) in [
        ("签订件扫描.png", &png[..png.len() / 2]),
        ("签订件扫描.pdf", &pdf[..pdf.len() / 3]),
        ("签订件扫描.jpg", &jpeg[..jpeg.len() * 2 / 3]),
    ] {
        let refused = store.write(|w| w.archive(id, name, bytes));
        assert!(
            matches!(&refused, Err(StoreError::Rejected(m)) if m.contains(name) && (m.contains("无法读取") || m.contains("不完整"))),
            "{refused:?}"
        );
    }
    assert!(store.scan(id).unwrap().is_none(), "nothing stored");
    let agreement = store.agreement(id).unwrap().unwrap();
    assert_eq!(agreement.status, AgreementStatus::Signed);
    // Several chosen at once: every file that cannot be filed is named, not the first only.
    let input = |name: &str, bytes: &[u8]| zerenshu::store::ScanInput {
        file_name: name.to_owned(),
        bytes: bytes.to_vec(),
    };
    let files = [
        input("第1页.png", &png[..png.len() / 2]),
        input("第2页.png", &png),
        input("第3页.tif", b"II*\0\x08\0\0\0"),
    ];
    let refused = zerenshu::store::check_scan_files(&files)
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("“第1页.png”不能归档") && refused.contains("“第3页.tif”不能归档"),
        "{refused}"
    );
    assert!(!refused.contains("第2页"), "{refused}");
}

#[test]
fn a_jpeg_scan_is_archived_and_comes_back_as_a_pdf_page_holding_the_image() {
    let mut store = demo_store();
    let id = signed_agreement(&mut store);
    let jpeg = jpeg_scan();
    store.write(|w| w.archive(id, "签订件.jpg", &jpeg)).unwrap();
    let agreement = store.agreement(id).unwrap().unwrap();
    assert_eq!(agreement.status, AgreementStatus::Archived);
    let scan = store.scan(id).unwrap().unwrap();
    assert_eq!(scan.files[0].media_type, "image/jpeg");

    let pdf = signed_copy::signed_copy_of(&store, &agreement, &scan).unwrap();
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = document.get_pages();
    assert_eq!(pages.len(), 1);
    let page = *pages.values().next().unwrap();
    let images = document.get_page_images(page).unwrap();
    assert_eq!(
        images.len(),
        1,
        "the page holds the scan as an image XObject"
    );
    assert_eq!((images[0].width, images[0].height), (300, 420));
}

/// A page scanned at 300 dpi (2480 x 3508 pixels) in `format`: lines of "text" on white and a
/// coloured pattern, so that it packs no smaller than a real scan would.
fn page_scan(format: image::ImageFormat) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(2480, 3508, |x, y| {
        let ink = if y % 40 < 3 && x % 7 != 0 { 60 } else { 245 };
        image::Rgb([ink, u8::try_from((x ^ y) % 251).unwrap(), ink])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

#[test]
fn a_full_page_scan_is_exported_at_its_full_resolution() {
    for (format, name) in [
        (image::ImageFormat::Jpeg, "签订件.jpg"),
        (image::ImageFormat::Png, "签订件.png"),
    ] {
        let mut store = demo_store();
        let id = signed_agreement(&mut store);
        let bytes = page_scan(format);
        store.write(|w| w.archive(id, name, &bytes)).unwrap();
        let scan = store.scan(id).unwrap().unwrap();
        let agreement = store.agreement(id).unwrap().unwrap();
        let pdf = signed_copy::signed_copy_of(&store, &agreement, &scan).unwrap();
        let document = lopdf::Document::load_mem(&pdf).unwrap();
        let page = *document.get_pages().values().next().unwrap();
        let images = document.get_page_images(page).unwrap();
        assert_eq!(images.len(), 1, "{name}");
        assert_eq!(
            (images[0].width, images[0].height),
            (2480, 3508),
            "{name}: every pixel of the scan is kept"
        );
        if format == image::ImageFormat::Jpeg {
            assert_eq!(
                images[0].filters.as_deref(),
                Some(&["DCTDecode".to_owned()][..])
            );
            assert!(
                images[0].content == bytes.as_slice(),
                "the JPEG is embedded as it is, not compressed again"
            );
        }
    }
}
