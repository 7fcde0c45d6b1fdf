//! 版记 of the results notice (GB/T 9704 7.4): at the foot of the document's last page, between
//! a thick first and a thick last separator, the 抄送 line(s) ("抄送：…。", indented one
//! character on both sides) and, under a thin separator, 印发机关 (one character in) with the
//! 印发日期 ("2025年3月5日印发", one character from the right). The last separator lies on the
//! bottom edge of the text block; the page is always an even page, the back of the last sheet.

use super::fonts::FontRole;
use super::layout::Metrics;
use super::page::{
    CELL_MM, Item, LINE_PITCH_MM, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, PAGE_HEIGHT_MM, PT_PER_MM,
    Page, TEXT_WIDTH_MM,
};

/// 四号.
const SIZE_PT: f32 = 14.0;

/// How far apart the two hairlines of a thick separator lie; together they draw the 0.35 mm
/// line the standard recommends, where one rule is a thin (about 0.25 mm) line.
const THICK_OFFSET_MM: f32 = 0.12;

/// One separator across the text block at `y_mm`: thick (two hairlines) or thin.
fn separator(items: &mut Vec<Item>, y_mm: f32, is_thick: bool) {
    let (left, right) = (MARGIN_LEFT_MM, MARGIN_LEFT_MM + TEXT_WIDTH_MM);
    let offsets: &[f32] = if is_thick {
        &[-THICK_OFFSET_MM / 2.0, THICK_OFFSET_MM / 2.0]
    } else {
        &[0.0]
    };
    for offset in offsets {
        items.push(Item::Rule {
            x1_mm: left,
            y1_mm: y_mm + offset,
            x2_mm: right,
            y2_mm: y_mm + offset,
        });
    }
}

fn text(items: &mut Vec<Item>, x_mm: f32, row_bottom_mm: f32, text: String) {
    items.push(Item::Text {
        x_mm,
        // The figures sit a little above the row's foot, centred in the row.
        baseline_mm: row_bottom_mm - (LINE_PITCH_MM - SIZE_PT / PT_PER_MM * 0.8) / 2.0,
        size_pt: SIZE_PT,
        role: FontRole::Body,
        text,
        spacing_mm: 0.0,
    });
}

/// The 版记 page: 抄送 (left out when `copy_to` is empty), 印发机关 and the date.
#[must_use]
pub fn colophon_page(
    metrics: &Metrics<'_>,
    copy_to: &str,
    printing_office: &str,
    date: &str,
) -> Page {
    let mut items = Vec::new();
    let bottom = PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM;
    let inner_left = MARGIN_LEFT_MM + CELL_MM;
    let inner_width = TEXT_WIDTH_MM - 2.0 * CELL_MM;
    separator(&mut items, bottom, true);
    let printed = format!("{date}印发");
    let printed_width = metrics.width_mm(FontRole::Body, &printed, SIZE_PT);
    let office_width = metrics.width_mm(FontRole::Body, printing_office, SIZE_PT);
    text(
        &mut items,
        inner_left + inner_width - printed_width,
        bottom,
        printed,
    );
    // An office name too long to share the row with the date takes the row above it.
    let office_row = if office_width + CELL_MM + printed_width > inner_width {
        bottom - LINE_PITCH_MM
    } else {
        bottom
    };
    text(
        &mut items,
        inner_left,
        office_row,
        printing_office.to_owned(),
    );
    let mut top = office_row - LINE_PITCH_MM;
    if !copy_to.is_empty() {
        separator(&mut items, top, false);
        let label = "抄送：";
        let label_width = metrics.width_mm(FontRole::Body, label, SIZE_PT);
        // Continuation lines align under the first name, after "抄送：".
        let lines = metrics.lines(
            FontRole::Body,
            &format!("{copy_to}。"),
            SIZE_PT,
            inner_width - label_width,
            0.0,
        );
        let rows = lines.len().max(1);
        for (index, line) in lines.into_iter().enumerate() {
            let row_bottom = top - (rows - 1 - index) as f32 * LINE_PITCH_MM;
            if index == 0 {
                text(&mut items, inner_left, row_bottom, label.to_owned());
            }
            text(&mut items, inner_left + label_width, row_bottom, line);
        }
        top -= rows as f32 * LINE_PITCH_MM;
    }
    separator(&mut items, top, true);
    Page {
        items,
        is_landscape: false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;

    fn rows(page: &Page) -> Vec<(f32, String)> {
        page.items
            .iter()
            .filter_map(|item| match item {
                Item::Text {
                    baseline_mm, text, ..
                } => Some((*baseline_mm, text.clone())),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn copy_line_above_printer_and_date_between_thick_lines_on_the_text_block_foot() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let page = colophon_page(
            &metrics,
            "市纪委监委，市委组织部",
            "示例市人民政府办公室",
            "2025年3月5日",
        );
        let texts = rows(&page);
        let find = |wanted: &str| texts.iter().find(|(_, t)| t == wanted).unwrap().0;
        assert!(find("抄送：") < find("示例市人民政府办公室"));
        assert!((find("2025年3月5日印发") - find("示例市人民政府办公室")).abs() < 0.01);
        assert!(texts.iter().any(|(_, t)| t == "市纪委监委，市委组织部。"));
        let lines: Vec<f32> = page
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Rule { y1_mm, .. } => Some(*y1_mm),
                _ => None,
            })
            .collect();
        assert_eq!(
            lines.len(),
            5,
            "two thick lines of two rules, one thin line"
        );
        let lowest = lines.iter().copied().fold(0.0_f32, f32::max);
        assert!(
            (lowest - (PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM) - THICK_OFFSET_MM / 2.0).abs() < 0.01
        );
        let without_copy = colophon_page(&metrics, "", "示例市人民政府办公室", "2025年3月5日");
        assert!(rows(&without_copy).iter().all(|(_, t)| t != "抄送："));
    }

    #[test]
    fn a_long_office_name_takes_the_row_above_the_date() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let office = "示例市安全生产委员会办公室（示例市应急管理局）综合科";
        let page = colophon_page(&metrics, "市纪委监委", office, "2025年3月5日");
        let texts = rows(&page);
        let find = |wanted: &str| texts.iter().find(|(_, t)| t == wanted).unwrap().0;
        assert!(find(office) < find("2025年3月5日印发") - 1.0);
        assert!(find("抄送：") < find(office));
    }
}
