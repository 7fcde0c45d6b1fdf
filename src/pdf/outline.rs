//! Glyph outlines as PDF paths, for words that must be seen but not read: the 草稿 watermark
//! drawn as text would come out of pdftotext in the middle of the body; drawn as shapes it
//! leaves the extracted text exactly the document's.

use printpdf::{LinePoint, Point, PolygonRing, Pt};
use skrifa::instance::{LocationRef, Size};
use skrifa::outline::{DrawSettings, OutlinePen};
use skrifa::{FontRef, MetadataProvider as _};

use super::fonts::FontFace;

/// Collects a glyph's contours as rings, mapping each glyph-space point (in points, y up, from
/// the glyph's origin) to the page with `place`.
struct RingPen<F: Fn(f32, f32) -> (f32, f32)> {
    place: F,
    rings: Vec<PolygonRing>,
    current: Vec<LinePoint>,
    /// The last point in glyph space, the start of a quadratic curve.
    last: (f32, f32),
}

impl<F: Fn(f32, f32) -> (f32, f32)> RingPen<F> {
    fn push(&mut self, x: f32, y: f32, bezier: bool) {
        let (px, py) = (self.place)(x, y);
        // A tenth of a point (0.035 mm) is far below what a printer shows, and short numbers
        // keep the paths, repeated on every page of a draft, small.
        let round = |v: f32| (v * 10.0).round() / 10.0;
        self.current.push(LinePoint {
            p: Point {
                x: Pt(round(px)),
                y: Pt(round(py)),
            },
            bezier,
        });
    }

    fn finish_ring(&mut self) {
        if !self.current.is_empty() {
            let points = std::mem::take(&mut self.current);
            self.rings.push(PolygonRing { points });
        }
    }
}

impl<F: Fn(f32, f32) -> (f32, f32)> OutlinePen for RingPen<F> {
    fn move_to(&mut self, x: f32, y: f32) {
        self.finish_ring();
        self.push(x, y, false);
        self.last = (x, y);
    }

    fn line_to(&mut self, x: f32, y: f32) {
        self.push(x, y, false);
        self.last = (x, y);
    }

    fn quad_to(&mut self, cx0: f32, cy0: f32, x: f32, y: f32) {
        // A quadratic curve is the cubic with its control points two thirds of the way to it.
        let (x0, y0) = self.last;
        let third = 2.0 / 3.0;
        self.push(x0 + third * (cx0 - x0), y0 + third * (cy0 - y0), true);
        self.push(x + third * (cx0 - x), y + third * (cy0 - y), true);
        self.push(x, y, false);
        self.last = (x, y);
    }

    fn curve_to(&mut self, cx0: f32, cy0: f32, cx1: f32, cy1: f32, x: f32, y: f32) {
        self.push(cx0, cy0, true);
        self.push(cx1, cy1, true);
        self.push(x, y, false);
        self.last = (x, y);
    }

    fn close(&mut self) {
        self.finish_ring();
    }
}

/// The contours of `c` in `face` at `size_pt`, each point placed on the page by `place`
/// (glyph space in points, y up, origin at the glyph's origin); empty when the face has no
/// outline for it.
pub(crate) fn glyph_rings(
    face: &FontFace,
    c: char,
    size_pt: f32,
    place: impl Fn(f32, f32) -> (f32, f32),
) -> Vec<PolygonRing> {
    let Ok(font) = FontRef::from_index(face.bytes, face.index) else {
        return Vec::new();
    };
    let Some(glyph_id) = font.charmap().map(c) else {
        return Vec::new();
    };
    let outlines = font.outline_glyphs();
    let Some(glyph) = outlines.get(glyph_id) else {
        return Vec::new();
    };
    let mut pen = RingPen {
        place,
        rings: Vec::new(),
        current: Vec::new(),
        last: (0.0, 0.0),
    };
    let settings = DrawSettings::unhinted(Size::new(size_pt), LocationRef::default());
    if glyph.draw(settings, &mut pen).is_err() {
        return Vec::new();
    }
    pen.finish_ring();
    pen.rings
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::{FontRole, FontSet};

    #[test]
    fn a_glyph_becomes_closed_rings_within_its_em_box() {
        let fonts = FontSet::shipped();
        let face_index = fonts.face_for(FontRole::Title, '草').unwrap();
        let face = &fonts.faces()[face_index];
        let rings = glyph_rings(face, '草', 100.0, |x, y| (x + 10.0, y + 20.0));
        assert!(rings.len() >= 3, "草 has several contours");
        for ring in &rings {
            assert!(ring.points.len() >= 3);
            assert!(!ring.points[0].bezier, "a ring starts on the outline");
            for point in &ring.points {
                assert!((0.0..=130.0).contains(&point.p.x.0), "{:?}", point.p);
                assert!((-20.0..=130.0).contains(&point.p.y.0), "{:?}", point.p);
            }
        }
        assert!(glyph_rings(face, '\u{10FFFD}', 100.0, |x, y| (x, y)).is_empty());
    }
}
