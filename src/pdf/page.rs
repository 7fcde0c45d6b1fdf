//! The page as GB/T 9704-2012 sets it, and the laid-out page: text runs and rules placed in
//! millimetres from the top-left corner, ready for the writer.

use super::fonts::FontRole;

/// A4 width.
pub const PAGE_WIDTH_MM: f32 = 210.0;
/// A4 height.
pub const PAGE_HEIGHT_MM: f32 = 297.0;
/// Top margin (天头).
pub const MARGIN_TOP_MM: f32 = 37.0;
/// Bottom margin.
pub const MARGIN_BOTTOM_MM: f32 = 35.0;
/// Left margin (订口).
pub const MARGIN_LEFT_MM: f32 = 28.0;
/// Right margin.
pub const MARGIN_RIGHT_MM: f32 = 26.0;
/// Width of the text block (版心): 156 mm.
pub const TEXT_WIDTH_MM: f32 = PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM;
/// Height of the text block: 225 mm.
pub const TEXT_HEIGHT_MM: f32 = PAGE_HEIGHT_MM - MARGIN_TOP_MM - MARGIN_BOTTOM_MM;
/// Lines per page.
pub const LINES_PER_PAGE: usize = 22;
/// Characters per line.
pub const CHARS_PER_LINE: usize = 28;
/// Distance between lines.
pub const LINE_PITCH_MM: f32 = TEXT_HEIGHT_MM / 22.0;
/// Width of one character cell.
pub const CELL_MM: f32 = TEXT_WIDTH_MM / 28.0;
/// Points per millimetre.
pub const PT_PER_MM: f32 = 72.0 / 25.4;
/// Body size as laid out: one ideograph fills exactly one grid cell (15.79 pt across). The
/// writer draws the glyphs at 三号 ([`BODY_DRAWN_PT`]) and tightens the spacing to the cell.
pub const BODY_SIZE_PT: f32 = CELL_MM * PT_PER_MM;
/// 三号: the size body glyphs are drawn at; each is followed by a small negative spacing so that
/// 28 characters fill the 156 mm line, as a word processor's 文档网格 does.
pub const BODY_DRAWN_PT: f32 = 16.0;
/// Title size: 二号.
pub const TITLE_SIZE_PT: f32 = 22.0;
/// Page-number size: 四号.
pub const PAGE_NUMBER_SIZE_PT: f32 = 14.0;
/// Table text size: 四号.
pub const TABLE_SIZE_PT: f32 = 14.0;
/// Footer (agreement number and verification code) size.
pub const FOOTER_SIZE_PT: f32 = 9.0;
/// The baseline sits this far below the top of its grid line.
pub const BASELINE_OFFSET_MM: f32 = CELL_MM;
/// The page number's dashes (一字线) sit 7 mm below the text block: "一字线上距版心下边缘7mm",
/// their top edge 7 mm below it.
pub const PAGE_NUMBER_GAP_MM: f32 = 7.0;
/// How far the top edge of the dash stands above the baseline, in ems (measured on a 600 dpi
/// rendering of the page number font, Noto Serif; 宋体 draws it at about the same height).
pub const PAGE_NUMBER_DASH_RISE_EM: f32 = 0.294;

// A landscape page (a wide table, GB/T 9704 横排表格) is printed turned on the same portrait
// sheet, bound on the same edge: its head goes to the sheet's left edge (the binding edge on an
// odd page, the cut edge on the back of the sheet, so that in a bound copy every turned head
// faces the same way; see [`turned_to_sheet_mm`]). Its text block is the portrait text block of
// the sheet, seen turned: the binding margin (28 mm) is at the page's head, the sheet's 天头
// (37 mm) on the page's right and its foot (35 mm) on the page's left, and the page number
// stays on the sheet where every other page has it (7 mm below the text block, outer side).

/// Top margin of a landscape page: the sheet's left (binding) margin.
pub const LANDSCAPE_MARGIN_TOP_MM: f32 = MARGIN_LEFT_MM;
/// Bottom margin of a landscape page: the sheet's right margin.
pub const LANDSCAPE_MARGIN_BOTTOM_MM: f32 = MARGIN_RIGHT_MM;
/// Left margin of a landscape page: the sheet's bottom margin.
pub const LANDSCAPE_MARGIN_LEFT_MM: f32 = MARGIN_BOTTOM_MM;
/// Right margin of a landscape page: the sheet's top margin (天头).
pub const LANDSCAPE_MARGIN_RIGHT_MM: f32 = MARGIN_TOP_MM;

/// Where a point of a landscape page (millimetres from its top-left corner, as read with the
/// table upright) lies on the portrait sheet it is printed on (millimetres from the sheet's
/// top-left corner): a quarter turn that takes the page's head to the sheet's left edge and its
/// left edge to the sheet's foot.
#[must_use]
pub fn turned_to_sheet_mm(x_mm: f32, y_mm: f32) -> (f32, f32) {
    (y_mm, PAGE_HEIGHT_MM - x_mm)
}

/// Something drawn on a page.
#[derive(Debug, Clone, PartialEq)]
pub enum Item {
    /// A run of text starting at `x_mm` on the baseline `baseline_mm` (from the page top).
    Text {
        /// Left edge.
        x_mm: f32,
        /// Baseline, from the page top.
        baseline_mm: f32,
        /// Font size.
        size_pt: f32,
        /// Which font role draws it.
        role: FontRole,
        /// The text.
        text: String,
        /// Extra space after each character but the last, spreading a justified line to the
        /// right margin (0 for text set at its natural width).
        spacing_mm: f32,
    },
    /// A straight rule (table borders).
    Rule {
        /// Start x.
        x1_mm: f32,
        /// Start y, from the page top.
        y1_mm: f32,
        /// End x.
        x2_mm: f32,
        /// End y, from the page top.
        y2_mm: f32,
    },
    /// A large grey diagonal word across the page (草稿).
    Watermark(String),
    /// A text run or rule drawn in red: a 版头's 发文机关标志 and its separator.
    Red(Box<Item>),
}

/// One laid-out page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Page {
    /// What is drawn, in drawing order.
    pub items: Vec<Item>,
    /// True for an A4 page turned sideways (297 × 210 mm), used for wide tables.
    pub is_landscape: bool,
}

impl Page {
    /// Width and height in millimetres.
    #[must_use]
    pub fn size_mm(&self) -> (f32, f32) {
        if self.is_landscape {
            (PAGE_HEIGHT_MM, PAGE_WIDTH_MM)
        } else {
            (PAGE_WIDTH_MM, PAGE_HEIGHT_MM)
        }
    }
}

/// The baseline of grid line `line` (0-based) on a page.
#[must_use]
pub fn line_baseline_mm(line: usize) -> f32 {
    MARGIN_TOP_MM + line as f32 * LINE_PITCH_MM + BASELINE_OFFSET_MM
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The portrait text block as (left, top, right, bottom) on the sheet.
    fn portrait_block() -> (f32, f32, f32, f32) {
        (
            MARGIN_LEFT_MM,
            MARGIN_TOP_MM,
            PAGE_WIDTH_MM - MARGIN_RIGHT_MM,
            PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM,
        )
    }

    #[test]
    fn a_turned_text_block_covers_the_sheet_where_the_portrait_one_does() {
        let (width, height) = (PAGE_HEIGHT_MM, PAGE_WIDTH_MM);
        let left = LANDSCAPE_MARGIN_LEFT_MM;
        let top = LANDSCAPE_MARGIN_TOP_MM;
        let right = width - LANDSCAPE_MARGIN_RIGHT_MM;
        let bottom = height - LANDSCAPE_MARGIN_BOTTOM_MM;
        // 225 mm across and 156 mm down when read turned.
        assert!((right - left - TEXT_HEIGHT_MM).abs() < 1e-4);
        assert!((bottom - top - TEXT_WIDTH_MM).abs() < 1e-4);
        let corners = [(left, top), (right, top), (left, bottom), (right, bottom)];
        let on_sheet: Vec<(f32, f32)> = corners
            .iter()
            .map(|&(x, y)| turned_to_sheet_mm(x, y))
            .collect();
        let (sheet_left, sheet_top, sheet_right, sheet_bottom) = portrait_block();
        let near = |a: f32, b: f32| (a - b).abs() < 1e-4;
        for (x, y) in &on_sheet {
            assert!(near(*x, sheet_left) || near(*x, sheet_right), "{x}");
            assert!(near(*y, sheet_top) || near(*y, sheet_bottom), "{y}");
        }
        // The page's head lies along the binding edge, 28 mm in; the sheet's 天头 (37 mm) is
        // on the page's right, its foot (35 mm) on the page's left.
        let (head_x, _) = turned_to_sheet_mm(left, top);
        assert!(near(head_x, MARGIN_LEFT_MM));
        let (_, right_y) = turned_to_sheet_mm(right, top);
        assert!(near(right_y, MARGIN_TOP_MM));
        let (_, left_y) = turned_to_sheet_mm(left, top);
        assert!(near(left_y, PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM));
    }
}
