//! The 草稿 watermark: a large grey word on the page's diagonal, drawn as glyph outlines rather
//! than text, so that the text extracted from a draft is the document's alone. Its outlines
//! are written once per file, as a content stream that every draft page draws first.

use std::fmt::Write as _;

use printpdf::PolygonRing;

use super::fonts::{FontRole, FontSet};
use super::page::PT_PER_MM;

/// The watermark's size.
const SIZE_PT: f32 = 110.0;
/// Its grey (0 black, 1 white).
const GREY: f32 = 0.82;

/// The outlines of `text` centred on the diagonal of a page `page_size_mm` wide and high,
/// rising from the lower left.
fn rings(fonts: &FontSet, text: &str, page_size_mm: (f32, f32)) -> Vec<PolygonRing> {
    let (page_width_mm, page_height_mm) = page_size_mm;
    let width: f32 = text
        .chars()
        .map(|c| fonts.advance_pt(FontRole::Title, c, SIZE_PT))
        .sum();
    let diagonal = width / std::f32::consts::SQRT_2;
    let x = (page_width_mm * PT_PER_MM - diagonal) / 2.0;
    let y = (page_height_mm * PT_PER_MM - diagonal) / 2.0;
    let (sin, cos) = std::f32::consts::FRAC_PI_4.sin_cos();
    let mut advance = 0.0;
    let mut rings = Vec::new();
    for c in text.chars() {
        let Some(face) = fonts
            .face_for(FontRole::Title, c)
            .and_then(|i| fonts.faces().get(i))
        else {
            continue;
        };
        let (origin_x, origin_y) = (x + advance * cos, y + advance * sin);
        rings.extend(super::outline::glyph_rings(face, c, SIZE_PT, |gx, gy| {
            (
                origin_x + gx * cos - gy * sin,
                origin_y + gx * sin + gy * cos,
            )
        }));
        advance += fonts.advance_pt(FontRole::Title, c, SIZE_PT);
    }
    rings
}

/// The path operators of `rings`: each ring moved to, drawn with lines and curves (two control
/// points before an end point) and closed.
fn path(rings: &[PolygonRing]) -> String {
    let mut path = String::new();
    for ring in rings {
        let mut points = ring.points.iter();
        let Some(start) = points.next() else {
            continue;
        };
        let _ = writeln!(path, "{} {} m", start.p.x.0, start.p.y.0);
        let mut controls = Vec::new();
        for point in points {
            let (x, y) = (point.p.x.0, point.p.y.0);
            if point.bezier {
                controls.push((x, y));
                continue;
            }
            match controls.as_slice() {
                [(x1, y1), (x2, y2)] => {
                    let _ = writeln!(path, "{x1} {y1} {x2} {y2} {x} {y} c");
                }
                _ => {
                    let _ = writeln!(path, "{x} {y} l");
                }
            }
            controls.clear();
        }
        path.push_str("h\n");
    }
    path
}

/// The content that draws the watermarks `texts` on a page `page_size_mm`, filled in grey
/// inside its own graphics state; `turn`, for a landscape page drawn turned on a portrait
/// sheet, maps the page onto the sheet. Empty when no outline could be drawn.
pub(crate) fn watermark_content(
    fonts: &FontSet,
    texts: &[&str],
    page_size_mm: (f32, f32),
    turn: Option<[f32; 6]>,
) -> Vec<u8> {
    let rings: Vec<PolygonRing> = texts
        .iter()
        .flat_map(|text| rings(fonts, text, page_size_mm))
        .collect();
    if rings.is_empty() {
        return Vec::new();
    }
    let mut content = String::from("q\n");
    if let Some([a, b, c, d, e, f]) = turn {
        let _ = writeln!(content, "{a} {b} {c} {d} {e} {f} cm");
    }
    let _ = writeln!(content, "{GREY} g");
    content.push_str(&path(&rings));
    content.push_str("f\nQ\n");
    content.into_bytes()
}

/// Content streams drawn under pages before their own content, each written once however many
/// pages share it.
#[derive(Debug, Default)]
pub(crate) struct Underlays {
    /// The distinct contents.
    contents: Vec<Vec<u8>>,
    /// (page index, content index).
    pages: Vec<(usize, usize)>,
}

impl Underlays {
    /// Puts `content` under page `page` (0-based).
    pub(crate) fn add(&mut self, page: usize, content: Vec<u8>) {
        if content.is_empty() {
            return;
        }
        let index = if let Some(index) = self.contents.iter().position(|c| *c == content) {
            index
        } else {
            self.contents.push(content);
            self.contents.len() - 1
        };
        self.pages.push((page, index));
    }

    /// Writes each content once into `doc` and makes it the first content of its pages.
    pub(crate) fn apply(&self, doc: &mut lopdf::Document) {
        if self.pages.is_empty() {
            return;
        }
        let ids: Vec<lopdf::ObjectId> = self
            .contents
            .iter()
            .map(|content| {
                doc.add_object(lopdf::Stream::new(
                    lopdf::Dictionary::new(),
                    content.clone(),
                ))
            })
            .collect();
        let pages: Vec<lopdf::ObjectId> = doc.get_pages().into_values().collect();
        for (page, index) in &self.pages {
            let (Some(page_id), Some(underlay)) = (pages.get(*page), ids.get(*index)) else {
                continue;
            };
            let Ok(page) = doc.get_dictionary_mut(*page_id) else {
                continue;
            };
            let mut contents = vec![lopdf::Object::Reference(*underlay)];
            match page.get(b"Contents") {
                Ok(lopdf::Object::Array(items)) => contents.extend(items.iter().cloned()),
                Ok(other) => contents.push(other.clone()),
                Err(_) => {}
            }
            page.set("Contents", lopdf::Object::Array(contents));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_watermark_is_a_grey_filled_path_written_once_for_all_pages() {
        let fonts = FontSet::shipped();
        let content = watermark_content(&fonts, &["草稿"], (210.0, 297.0), None);
        let text = String::from_utf8(content.clone()).unwrap();
        assert!(text.starts_with("q\n0.82 g\n"), "{text}");
        assert!(text.ends_with("h\nf\nQ\n"));
        assert!(text.contains(" c\n") && text.contains(" m\n"));
        let mut underlays = Underlays::default();
        for page in 0..5 {
            underlays.add(page, content.clone());
        }
        underlays.add(5, Vec::new());
        assert_eq!(underlays.contents.len(), 1);
        assert_eq!(underlays.pages.len(), 5);
    }
}
