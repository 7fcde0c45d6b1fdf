//! JPEG scans as they go into the signed copy: a phone photo turned upright by its EXIF
//! orientation, and a JPEG's own bytes embedded as an image (DCTDecode) when a PDF reader can
//! show them as they are, so its pixels are not compressed a second time.

use std::collections::BTreeMap;

use printpdf::{DictItem, ExternalStream, ExternalXObject, Px, XObject};

/// A JPEG whose EXIF orientation says its pixels are turned (as phones save a photo taken
/// upright), turned upright and encoded again; `None` for one already upright, or unreadable.
pub(super) fn upright_jpeg(bytes: &[u8]) -> Option<Vec<u8>> {
    use image::ImageDecoder as _;
    let mut decoder = image::codecs::jpeg::JpegDecoder::new(std::io::Cursor::new(bytes)).ok()?;
    let orientation = decoder.orientation().ok()?;
    if orientation == image::metadata::Orientation::NoTransforms {
        return None;
    }
    let mut image = image::DynamicImage::from_decoder(decoder).ok()?;
    image.apply_orientation(orientation);
    let mut turned = Vec::new();
    let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut turned, 92);
    image.write_with_encoder(encoder).ok()?;
    Some(turned)
}

/// What a PDF reader needs to show a JPEG's bytes as they are: its size and colour space.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct JpegFrame {
    pub(super) width: usize,
    pub(super) height: usize,
    pub(super) color_space: &'static str,
}

/// The frame of a baseline or progressive 8-bit JPEG in grey or colour, read from its start-
/// of-frame segment; `None` for anything else (CMYK, 12-bit, lossless or arithmetic-coded
/// JPEGs), which is decoded and embedded as pixels instead.
pub(super) fn jpeg_frame(bytes: &[u8]) -> Option<JpegFrame> {
    let byte = |at: usize| bytes.get(at).copied();
    let word = |at: usize| Some(usize::from(byte(at)?) << 8 | usize::from(byte(at + 1)?));
    if bytes.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut at = 2;
    loop {
        if byte(at)? != 0xFF {
            return None;
        }
        let marker = byte(at + 1)?;
        match marker {
            // Fill bytes before a marker.
            0xFF => at += 1,
            // Markers that stand alone.
            0x01 | 0xD0..=0xD7 => at += 2,
            // Baseline, extended sequential and progressive Huffman-coded frames.
            0xC0..=0xC2 => {
                let precision = byte(at + 4)?;
                let height = word(at + 5)?;
                let width = word(at + 7)?;
                let color_space = match byte(at + 9)? {
                    1 => "DeviceGray",
                    3 => "DeviceRGB",
                    _ => return None,
                };
                return (precision == 8 && width > 0 && height > 0).then_some(JpegFrame {
                    width,
                    height,
                    color_space,
                });
            }
            // Other frame types, or the image data before any frame.
            0xC3 | 0xC5..=0xC7 | 0xC9..=0xCB | 0xCD..=0xCF | 0xDA | 0xD9 => return None,
            _ => at += 2 + word(at + 2)?,
        }
    }
}

/// A JPEG as an image XObject holding the file's own bytes (DCTDecode).
pub(super) fn jpeg_xobject(bytes: &[u8], frame: &JpegFrame) -> XObject {
    let name = |text: &str| DictItem::Name(text.as_bytes().to_vec());
    let size = |pixels: usize| DictItem::Int(i64::try_from(pixels).unwrap_or(i64::MAX));
    let dict = BTreeMap::from([
        ("Type".to_owned(), name("XObject")),
        ("Subtype".to_owned(), name("Image")),
        ("Width".to_owned(), size(frame.width)),
        ("Height".to_owned(), size(frame.height)),
        ("ColorSpace".to_owned(), name(frame.color_space)),
        ("BitsPerComponent".to_owned(), DictItem::Int(8)),
        ("Filter".to_owned(), name("DCTDecode")),
    ]);
    XObject::External(ExternalXObject {
        stream: ExternalStream {
            dict,
            content: bytes.to_vec(),
            compress: false,
        },
        width: Some(Px(frame.width)),
        height: Some(Px(frame.height)),
        dpi: None,
    })
}
