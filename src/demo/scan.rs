//! A made-up "scan" of a signed copy for the demo's archived agreements: a white A4-shaped
//! page with grey text lines and a red seal, encoded as PNG in memory; each agreement's copy
//! carries its own note, so that no two archived scans are the same file (as no two papers
//! scanned are).

use image::{ImageFormat, Rgb, RgbImage};

const WIDTH: u32 = 420;
const HEIGHT: u32 = 594;

/// The PNG bytes of the demo scan.
#[must_use]
pub fn signed_copy_png() -> Vec<u8> {
    let mut page = RgbImage::from_pixel(WIDTH, HEIGHT, Rgb([252, 252, 250]));
    let grey = Rgb([120, 120, 120]);
    for line in 0..22_u32 {
        let y = 70 + line * 18;
        let (start, end) = if line == 0 {
            (120, 300)
        } else {
            (60, if line % 5 == 4 { 250 } else { 360 })
        };
        for x in start..end {
            page.put_pixel(x, y, grey);
            page.put_pixel(x, y + 1, grey);
        }
    }
    let (cx, cy, radius) = (300_i64, 500_i64, 42_i64);
    for y in (cy - radius - 3)..=(cy + radius + 3) {
        for x in (cx - radius - 3)..=(cx + radius + 3) {
            let distance = ((x - cx).pow(2) + (y - cy).pow(2)).isqrt();
            let is_ring = (radius - 4..=radius).contains(&distance);
            let is_star = distance < 12;
            if (is_ring || is_star)
                && let (Ok(px), Ok(py)) = (u32::try_from(x), u32::try_from(y))
                && px < WIDTH
                && py < HEIGHT
            {
                page.put_pixel(px, py, Rgb([200, 30, 30]));
            }
        }
    }
    let mut bytes = std::io::Cursor::new(Vec::new());
    // Encoding an in-memory RGB image as PNG cannot fail short of running out of memory.
    let _ = page.write_to(&mut bytes, ImageFormat::Png);
    bytes.into_inner()
}

/// The PNG `png` with a text note `note` (ASCII) after its header: the same picture, another
/// file. Encoded once and marked for each agreement, the demo loads as fast as with one scan.
#[must_use]
pub fn marked(png: &[u8], note: &str) -> Vec<u8> {
    // The 8-byte signature, then IHDR: length, type, 13 bytes of data, CRC.
    const AFTER_HEADER: usize = 8 + 4 + 4 + 13 + 4;
    let Some((head, rest)) = png.split_at_checked(AFTER_HEADER) else {
        return png.to_vec();
    };
    let mut body = b"tEXtComment\0".to_vec();
    body.extend(note.bytes().filter(u8::is_ascii));
    let length = u32::try_from(body.len() - 4).unwrap_or(0);
    let mut out = head.to_vec();
    out.extend(length.to_be_bytes());
    out.extend(&body);
    out.extend(crc32(&body).to_be_bytes());
    out.extend(rest);
    out
}

/// The CRC-32 that PNG chunks end with (ISO 3309, as zlib computes it).
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = 0xFFFF_FFFF_u32;
    for &byte in bytes {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            let mask = (crc & 1).wrapping_neg();
            crc = (crc >> 1) ^ (0xEDB8_8320 & mask);
        }
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_marked_scan_is_another_file_of_the_same_picture() {
        assert_eq!(crc32(b"123456789"), 0xCBF4_3926, "the standard check value");
        let png = signed_copy_png();
        let one = marked(&png, "2025-1");
        let two = marked(&png, "2025-2");
        assert_ne!(one, two);
        let decode = |bytes: &[u8]| image::load_from_memory(bytes).unwrap().to_rgb8();
        assert_eq!(decode(&one), decode(&png));
        assert_eq!(decode(&two), decode(&png));
    }
}
