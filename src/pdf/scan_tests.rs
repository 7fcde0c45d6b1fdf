//! Tests of the signed copy's PDF: scans checked, images placed upright and whole, the
//! footer on every page.

use super::super::scan_jpeg::JpegFrame;
use super::*;
use printpdf::Px;

pub(crate) fn facts() -> SignedCopyFacts {
    SignedCopyFacts {
        year: 2025,
        number: 5,
        code: "1a2b3c4d5e6f".to_owned(),
        title: "2025年度安全生产目标管理责任书（青山镇人民政府）".to_owned(),
        scan_fingerprint: "ab".repeat(32),
        archived_at: "D:20250320093000".to_owned(),
    }
}

fn grey_jpeg(width: u32, height: u32) -> Vec<u8> {
    let grey = image::GrayImage::from_fn(width, height, |x, _| {
        image::Luma([u8::try_from(x % 256).unwrap()])
    });
    let mut jpeg = Vec::new();
    grey.write_to(
        &mut std::io::Cursor::new(&mut jpeg),
        image::ImageFormat::Jpeg,
    )
    .unwrap();
    jpeg
}

/// `jpeg` with an EXIF block saying its pixels are to be shown turned by `orientation`
/// (6: turned a quarter clockwise, as a phone held upright saves a photo).
fn with_exif_orientation(jpeg: &[u8], orientation: u8) -> Vec<u8> {
    let tiff: [u8; 26] = [
        b'M',
        b'M',
        0,
        42,
        0,
        0,
        0,
        8, // big-endian TIFF header, first IFD at 8
        0,
        1, // one entry
        0x01,
        0x12,
        0,
        3,
        0,
        0,
        0,
        1,
        0,
        orientation,
        0,
        0, // Orientation, SHORT, 1
        0,
        0,
        0,
        0, // no next IFD
    ];
    let mut out = vec![0xFF, 0xD8, 0xFF, 0xE1, 0, 34];
    out.extend_from_slice(b"Exif\0\0");
    out.extend_from_slice(&tiff);
    out.extend_from_slice(&jpeg[2..]);
    out
}

#[test]
fn a_phone_photo_turned_by_its_exif_orientation_is_placed_upright() {
    let landscape_pixels = with_exif_orientation(&grey_jpeg(40, 20), 6);
    let page = ScanPage {
        media_type: "image/jpeg",
        bytes: &landscape_pixels,
    };
    let turned = upright_jpeg(page.bytes).expect("turned");
    let frame = jpeg_frame(&turned).unwrap();
    assert_eq!(
        (frame.width, frame.height),
        (20, 40),
        "upright: taller than wide"
    );
    let (xobject, _) = placed_image(&page).unwrap();
    assert!(
        matches!(&xobject, XObject::External(x) if x.width == Some(Px(20)) && x.height == Some(Px(40))),
        "{:?}",
        match &xobject {
            XObject::External(x) => (x.width, x.height),
            _ => (None, None),
        }
    );
    // Upright already: embedded as it is.
    assert!(upright_jpeg(&with_exif_orientation(&grey_jpeg(40, 20), 1)).is_none());
    assert!(upright_jpeg(&grey_jpeg(40, 20)).is_none());
}

#[test]
fn a_png_scan_becomes_a_one_page_pdf_made_the_same_each_time() {
    let png = crate::demo::signed_copy_png();
    let page = ScanPage {
        media_type: "image/png",
        bytes: &png,
    };
    let pdf = signed_copy_pdf(&[page], &facts()).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert_eq!(
        signed_copy_pdf(&[page], &facts()).unwrap(),
        pdf,
        "the same scan gives the same file"
    );
    let other = SignedCopyFacts {
        archived_at: "D:20250321093000".to_owned(),
        ..facts()
    };
    assert_ne!(signed_copy_pdf(&[page], &other).unwrap(), pdf);
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    assert_eq!(document.get_pages().len(), 1);
    let bad = ScanPage {
        media_type: "image/png",
        bytes: b"not an image",
    };
    assert!(signed_copy_pdf(&[bad], &facts()).is_err());
    assert!(signed_copy_pdf(&[], &facts()).is_err());
}

/// The decoded bytes of every image XObject in `pdf`.
fn image_streams(pdf: &[u8]) -> Vec<Vec<u8>> {
    let document = lopdf::Document::load_mem(pdf).unwrap();
    (document.objects.values())
        .filter_map(|object| object.as_stream().ok())
        .filter(|stream| {
            stream
                .dict
                .get(b"Subtype")
                .is_ok_and(|s| s.as_name().is_ok_and(|n| n == b"Image"))
        })
        .map(|stream| {
            stream
                .decompressed_content()
                .unwrap_or_else(|_| stream.content.clone())
        })
        .collect()
}

#[test]
fn a_sixteen_bit_png_with_transparency_is_drawn_not_left_blank() {
    let (width, height) = (40_u32, 30_u32);
    let rgba = image::ImageBuffer::<image::Rgba<u16>, _>::from_fn(width, height, |x, y| {
        let level = u16::try_from((x * 1000 + y * 500) % 65_536).unwrap();
        image::Rgba([level, 65_535 - level, 30_000, 65_535])
    });
    let grey = image::ImageBuffer::<image::LumaA<u16>, _>::from_fn(width, height, |x, _| {
        image::LumaA([u16::try_from(x * 1500).unwrap(), 40_000])
    });
    for image in [
        image::DynamicImage::ImageRgba16(rgba),
        image::DynamicImage::ImageLumaA16(grey),
    ] {
        let mut png = Vec::new();
        image
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        let page = ScanPage {
            media_type: "image/png",
            bytes: &png,
        };
        let pdf = signed_copy_pdf(&[page], &facts()).unwrap();
        let streams = image_streams(&pdf);
        let pixels = usize::try_from(width * height).unwrap();
        // The picture, not one flat colour (the alpha mask beside it is flat here).
        assert!(
            (streams.iter()).any(|s| s.len() >= pixels && s.iter().any(|&b| b != s[0])),
            "{:?}: the picture is in the file, got streams of {:?} bytes",
            image.color(),
            streams.iter().map(Vec::len).collect::<Vec<_>>()
        );
    }
}

#[test]
fn several_images_become_one_page_each_with_the_page_in_the_footer() {
    let jpegs = [grey_jpeg(30, 40), grey_jpeg(40, 30), grey_jpeg(20, 20)];
    let pages: Vec<ScanPage<'_>> = jpegs
        .iter()
        .map(|bytes| ScanPage {
            media_type: "image/jpeg",
            bytes,
        })
        .collect();
    let pdf = signed_copy_pdf(&pages, &facts()).unwrap();
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    assert_eq!(document.get_pages().len(), 3);
    let mut drawn = Vec::new();
    for (number, id) in document.get_pages() {
        let content = document.get_and_decode_page_content(id).unwrap();
        let images: Vec<_> = content
            .operations
            .iter()
            .filter(|op| op.operator == "Do")
            .map(|op| op.operands[0].as_name().unwrap().to_vec())
            .collect();
        assert_eq!(images.len(), 1, "page {number} draws one image");
        drawn.extend(images);
    }
    drawn.dedup();
    assert_eq!(drawn.len(), 3, "each page its own image");
    assert_eq!(
        facts().footer(2, 3),
        "签订件 · 2025年度第5号 · 校验码 1a2b 3c4d 5e6f · 第2页/共3页"
    );
    assert_eq!(
        facts().footer(1, 1),
        "签订件 · 2025年度第5号 · 校验码 1a2b 3c4d 5e6f"
    );
    let pdf_page = ScanPage {
        media_type: PDF,
        bytes: &pdf,
    };
    assert!(
        signed_copy_pdf(&[pdf_page, pages[0]], &facts()).is_err(),
        "a PDF goes alone"
    );
}

#[test]
fn a_jpeg_s_frame_gives_its_size_and_colour_space() {
    let jpeg = grey_jpeg(30, 20);
    assert_eq!(
        jpeg_frame(&jpeg),
        Some(JpegFrame {
            width: 30,
            height: 20,
            color_space: "DeviceGray"
        })
    );
    let page = ScanPage {
        media_type: "image/jpeg",
        bytes: &jpeg,
    };
    let pdf = signed_copy_pdf(&[page], &facts()).unwrap();
    assert!(pdf.windows(9).any(|w| w == b"DCTDecode"));
    assert_eq!(jpeg_frame(&crate::demo::signed_copy_png()), None);
    assert_eq!(
        jpeg_frame(jpeg.get(..4).unwrap()),
        None,
        "cut before the frame"
    );
}

#[test]
fn a_truncated_scan_fails_the_check_and_a_whole_one_passes() {
    let png = crate::demo::signed_copy_png();
    assert_eq!(check_scan(&png, "image/png"), Ok(()));
    let truncated = png.get(..png.len() / 2).unwrap();
    assert!(check_scan(truncated, "image/png").is_err());
    let page = ScanPage {
        media_type: "image/png",
        bytes: &png,
    };
    let pdf = signed_copy_pdf(&[page], &facts()).unwrap();
    assert_eq!(check_scan(&pdf, PDF), Ok(()));
    assert!(check_scan(b"%PDF-1.7 nothing else", PDF).is_err());
}

#[test]
fn a_protected_pdf_is_said_to_be_encrypted() {
    let page = ScanPage {
        media_type: "image/png",
        bytes: &crate::demo::signed_copy_png(),
    };
    let pdf = signed_copy_pdf(&[page], &facts()).unwrap();
    let mut document = lopdf::Document::load_mem(&pdf).unwrap();
    let mut dictionary = lopdf::Dictionary::new();
    dictionary.set("Filter", lopdf::Object::Name(b"Standard".to_vec()));
    dictionary.set("V", 1);
    dictionary.set("R", 2);
    dictionary.set("P", -4);
    let encrypt = document.add_object(dictionary);
    document.trailer.set("Encrypt", encrypt);
    let mut protected = Vec::new();
    document.save_to(&mut protected).unwrap();
    let said = check_scan(&protected, PDF).unwrap_err();
    assert!(said.starts_with("PDF 文件已加密"), "{said}");
}

#[test]
fn an_image_too_large_to_handle_is_said_to_be_too_large() {
    // A PNG whose header says 24000 x 24000 pixels, 576 MB decoded (a page scanned at
    // thousands of dpi), whole in form, its pixels cut short; and one of 10000 x 10000
    // grey pixels, 100 MB decoded, more pixels than a page newly archived may have.
    for side in [24_000_u32, 10_000] {
        let png = png_header_only(side);
        let said = check_scan(&png, "image/png").unwrap_err();
        assert!(
            said.starts_with(&format!("扫描图片太大（{side}×{side} 像素）")),
            "{said}"
        );
    }
}

/// A PNG of `side`×`side` 8-bit grey pixels whose pixels are cut short.
fn png_header_only(side: u32) -> Vec<u8> {
    let chunk = |kind: &[u8], data: &[u8]| {
        let mut crc = flate2::Crc::new();
        crc.update(kind);
        crc.update(data);
        let mut out = u32::try_from(data.len()).unwrap().to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        out.extend_from_slice(&crc.sum().to_be_bytes());
        out
    };
    let mut header = side.to_be_bytes().to_vec();
    header.extend_from_slice(&side.to_be_bytes());
    header.extend_from_slice(&[8, 0, 0, 0, 0]);
    let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
    png.extend(chunk(b"IHDR", &header));
    png.extend(chunk(
        b"IDAT",
        &[0x78, 0x9c, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01],
    ));
    png.extend(chunk(b"IEND", &[]));
    png
}
