//! A made-up "scan" of a signed copy for the demo's archived agreements: a white A4-shaped
//! page with grey text lines and a red seal, encoded as PNG in memory.

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
