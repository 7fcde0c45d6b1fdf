//! Landscape pages printed turned on portrait sheets (GB/T 9704 横排表格): the quarter turn the
//! writer draws a landscape page through, the page split into what turns (everything but the
//! page number) and what does not, and `/Rotate 90` so that viewers show the table upright.
//!
//! The turn is [`turned_to_sheet_mm`](super::page::turned_to_sheet_mm) in PDF units: the page's head (the table's header)
//! goes to the sheet's left edge, so that the page's text block falls on the sheet's portrait
//! text block and its number stays where every page has it.

use super::fonts::FontRole;
use super::page::{Item, PAGE_WIDTH_MM, PT_PER_MM, Page};

/// The transformation matrix of the turn: a landscape point (x, y) in PDF units (from the
/// landscape page's bottom-left corner) is drawn at (sheet width - y, x) on the sheet.
pub(crate) const QUARTER_TURN: [f32; 6] = [0.0, 1.0, -1.0, 0.0, PAGE_WIDTH_MM * PT_PER_MM, 0.0];

/// A landscape page as the part drawn turned (still landscape) and the page number, given in
/// portrait sheet space by `layout::number_pages`, drawn unturned.
pub(crate) fn split_turned(page: &Page) -> (Page, Page) {
    let is_number = |item: &&Item| {
        matches!(
            item,
            Item::Text {
                role: FontRole::PageNumber,
                ..
            }
        )
    };
    let (numbers, body): (Vec<&Item>, Vec<&Item>) = page.items.iter().partition(is_number);
    (
        Page {
            items: body.into_iter().cloned().collect(),
            is_landscape: true,
        },
        Page {
            items: numbers.into_iter().cloned().collect(),
            is_landscape: false,
        },
    )
}

/// Marks the turned landscape pages (0-based) `/Rotate 90`, so that a viewer shows their tables
/// upright (and text extraction reads them in rows) while the sheet keeps its portrait size.
pub(crate) fn show_upright(doc: &mut lopdf::Document, turned_pages: &[usize]) {
    if turned_pages.is_empty() {
        return;
    }
    for (number, id) in doc.get_pages() {
        let index = usize::try_from(number)
            .unwrap_or(usize::MAX)
            .wrapping_sub(1);
        if turned_pages.contains(&index)
            && let Ok(page) = doc.get_dictionary_mut(id)
        {
            page.set("Rotate", 90);
        }
    }
}

/// Where [`QUARTER_TURN`] draws a landscape point given in millimetres from the page's top-left
/// corner, in millimetres from the sheet's top-left corner.
#[cfg(test)]
fn drawn_on_sheet_mm(x_mm: f32, y_mm: f32) -> (f32, f32) {
    use super::page::PAGE_HEIGHT_MM;
    // PDF space: y up from the bottom; the landscape page is the sheet's width high.
    let (page_x, page_y) = (x_mm * PT_PER_MM, (PAGE_WIDTH_MM - y_mm) * PT_PER_MM);
    let [xx, xy, yx, yy, shift_x, shift_y] = QUARTER_TURN;
    let sheet_x = xx * page_x + yx * page_y + shift_x;
    let sheet_y = xy * page_x + yy * page_y + shift_y;
    (sheet_x / PT_PER_MM, PAGE_HEIGHT_MM - sheet_y / PT_PER_MM)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_drawn_turn_is_the_turn_the_page_geometry_describes() {
        for (x, y) in [
            (0.0, 0.0),
            (35.0, 28.0),
            (260.0, 184.0),
            (297.0, 210.0),
            (120.5, 3.25),
        ] {
            let (drawn_x, drawn_y) = drawn_on_sheet_mm(x, y);
            let (sheet_x, sheet_y) = crate::pdf::page::turned_to_sheet_mm(x, y);
            assert!(
                (drawn_x - sheet_x).abs() < 1e-3,
                "{x},{y}: {drawn_x} {sheet_x}"
            );
            assert!(
                (drawn_y - sheet_y).abs() < 1e-3,
                "{x},{y}: {drawn_y} {sheet_y}"
            );
        }
    }

    #[test]
    fn only_the_page_number_stays_unturned() {
        let text = |role, text: &str| Item::Text {
            x_mm: 40.0,
            baseline_mm: 50.0,
            size_pt: 14.0,
            role,
            text: text.to_owned(),
            spacing_mm: 0.0,
        };
        let page = Page {
            items: vec![
                text(FontRole::Body, "示例"),
                text(FontRole::PageNumber, "— 5 —"),
                Item::Rule {
                    x1_mm: 35.0,
                    y1_mm: 28.0,
                    x2_mm: 260.0,
                    y2_mm: 28.0,
                },
            ],
            is_landscape: true,
        };
        let (turned, upright) = split_turned(&page);
        assert!(turned.is_landscape && !upright.is_landscape);
        assert_eq!(turned.items.len(), 2);
        assert_eq!(upright.items, [text(FontRole::PageNumber, "— 5 —")]);
    }
}
