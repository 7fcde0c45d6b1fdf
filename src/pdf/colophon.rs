//! 版记 of the results notice (GB/T 9704 7.4): at the foot of the document's last page, between
//! a thick first and a thick last separator, the 抄送 line(s) ("抄送：…。", indented one
//! character on both sides) and, under a thin separator, 印发机关 (one character in) with the
//! 印发日期 ("2025年3月5日印发", one character from the right). The last separator lies on the
//! bottom edge of the text block. The page is the back of the last sheet, an even portrait page:
//! the 版记 goes below the last content when it fits there, on a page of its own otherwise (also
//! after a turned attachment page, so that the 版记 always reads upright).

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

/// The text block a 版记 is set in: its left edge, width and bottom edge.
#[derive(Debug, Clone, Copy, PartialEq)]
// Each field carries its unit in its name, as everywhere in the layout.
#[allow(clippy::struct_field_names)]
struct Frame {
    left_mm: f32,
    width_mm: f32,
    bottom_mm: f32,
}

impl Frame {
    /// The portrait text block.
    const PORTRAIT: Self = Self {
        left_mm: MARGIN_LEFT_MM,
        width_mm: TEXT_WIDTH_MM,
        bottom_mm: PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM,
    };

    /// One separator across the block at `y_mm`: thick (two hairlines) or thin.
    fn separator(self, items: &mut Vec<Item>, y_mm: f32, is_thick: bool) {
        let (left, right) = (self.left_mm, self.left_mm + self.width_mm);
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

/// The 抄送 names ("市委办公室，市纪委监委") in lines of `width_mm`, the last closed by "。":
/// a line breaks after a name's "，", never inside a name, unless one name is longer than a
/// line by itself.
fn name_lines(metrics: &Metrics<'_>, names: &str, width_mm: f32) -> Vec<String> {
    let fits = |text: &str| metrics.width_mm(FontRole::Body, text, SIZE_PT) <= width_mm + 1e-3;
    let count = names.split('，').count();
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for (index, name) in names.split('，').enumerate() {
        let piece = format!("{name}{}", if index + 1 == count { "。" } else { "，" });
        let joined = format!("{line}{piece}");
        if fits(&joined) {
            line = joined;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        if fits(&piece) {
            line = piece;
        } else {
            // A name longer than a line breaks where the text does.
            let mut parts = metrics.lines(FontRole::Body, &piece, SIZE_PT, width_mm, 0.0);
            line = parts.pop().unwrap_or_default();
            lines.extend(parts);
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The words of a 版记.
#[derive(Debug, Clone, Copy)]
pub struct Colophon<'a> {
    /// 抄送, the names without the closing "。"; left out when empty.
    pub copy_to: &'a str,
    /// 印发机关.
    pub printing_office: &'a str,
    /// The 印发日期, such as "2025年3月5日" ("印发" is added).
    pub date: &'a str,
}

impl Colophon<'_> {
    /// The 版记 at the foot of `frame`, and the top of its first separator.
    fn items(&self, metrics: &Metrics<'_>, frame: Frame) -> (Vec<Item>, f32) {
        let mut items = Vec::new();
        let bottom = frame.bottom_mm;
        let inner_left = frame.left_mm + CELL_MM;
        let inner_width = frame.width_mm - 2.0 * CELL_MM;
        frame.separator(&mut items, bottom, true);
        let printed = format!("{}印发", self.date);
        let printed_width = metrics.width_mm(FontRole::Body, &printed, SIZE_PT);
        let office_width = metrics.width_mm(FontRole::Body, self.printing_office, SIZE_PT);
        text(
            &mut items,
            inner_left + inner_width - printed_width,
            bottom,
            printed,
        );
        // An office name too long to share the row with the date takes the rows above it,
        // broken where the text would be when even a row of its own is too short.
        let (office_lines, last_row) = if office_width + CELL_MM + printed_width > inner_width {
            let lines = metrics.lines(
                FontRole::Body,
                self.printing_office,
                SIZE_PT,
                inner_width,
                0.0,
            );
            (lines, bottom - LINE_PITCH_MM)
        } else {
            (vec![self.printing_office.to_owned()], bottom)
        };
        let office_rows = office_lines.len().max(1);
        for (index, line) in office_lines.into_iter().enumerate() {
            let row = last_row - (office_rows - 1 - index) as f32 * LINE_PITCH_MM;
            text(&mut items, inner_left, row, line);
        }
        let mut top = last_row - office_rows as f32 * LINE_PITCH_MM;
        if !self.copy_to.is_empty() {
            frame.separator(&mut items, top, false);
            let label = "抄送：";
            let label_width = metrics.width_mm(FontRole::Body, label, SIZE_PT);
            // Continuation lines align under the first name, after "抄送：".
            let lines = name_lines(metrics, self.copy_to, inner_width - label_width);
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
        frame.separator(&mut items, top, true);
        (items, top)
    }

    /// A portrait page holding the 版记 alone.
    #[must_use]
    pub fn page(&self, metrics: &Metrics<'_>) -> Page {
        let mut page = Page::default();
        let (items, _) = self.items(metrics, Frame::PORTRAIT);
        page.items = items;
        page
    }

    /// Sets the 版记 at the foot of `page` when it is a portrait page with room below what it
    /// holds (a line's room between them); returns whether it did.
    pub fn place_below_content(&self, metrics: &Metrics<'_>, page: &mut Page) -> bool {
        if page.is_landscape {
            return false;
        }
        let (items, top) = self.items(metrics, Frame::PORTRAIT);
        let fits = content_bottom_mm(page).is_none_or(|bottom| bottom + LINE_PITCH_MM <= top);
        if fits {
            page.items.extend(items);
        }
        fits
    }
}

/// The lowest point of what a page holds (text with its descenders, rules), page numbers left
/// out; `None` for a blank page.
fn content_bottom_mm(page: &Page) -> Option<f32> {
    fn bottom(item: &Item) -> Option<f32> {
        match item {
            Item::Text {
                role: FontRole::PageNumber,
                ..
            }
            | Item::Watermark(_) => None,
            Item::Text {
                baseline_mm,
                size_pt,
                ..
            } => Some(baseline_mm + size_pt / PT_PER_MM * 0.2),
            Item::Rule { y1_mm, y2_mm, .. } => Some(y1_mm.max(*y2_mm)),
            Item::Red(inner) => bottom(inner),
        }
    }
    page.items.iter().filter_map(bottom).reduce(f32::max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::fonts::FontSet;

    fn colophon_page(metrics: &Metrics<'_>, copy_to: &str, office: &str, date: &str) -> Page {
        Colophon {
            copy_to,
            printing_office: office,
            date,
        }
        .page(metrics)
    }

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

    #[test]
    fn an_office_name_longer_than_a_row_breaks_inside_the_text_block() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let office = "示例市人民政府办公室暨示例市安全生产委员会办公室综合协调与督查考核科";
        let page = colophon_page(&metrics, "", office, "2025年3月5日");
        let right = MARGIN_LEFT_MM + TEXT_WIDTH_MM;
        let mut lines = 0;
        for item in &page.items {
            if let Item::Text { x_mm, text, .. } = item {
                let end = x_mm + metrics.width_mm(FontRole::Body, text, SIZE_PT);
                assert!(end <= right + 0.01, "{text} ends at {end}");
                lines += usize::from(office.contains(text.as_str()));
            }
        }
        assert_eq!(lines, 2, "the name in two rows");
    }

    fn landscape_with_rows(rows: usize) -> Page {
        let mut page = Page {
            items: Vec::new(),
            is_landscape: true,
        };
        for row in 0..rows {
            let y = crate::pdf::page::LANDSCAPE_MARGIN_TOP_MM + 10.0 * (row + 1) as f32;
            page.items.push(Item::Rule {
                x1_mm: crate::pdf::page::LANDSCAPE_MARGIN_LEFT_MM,
                y1_mm: y,
                x2_mm: 260.0,
                y2_mm: y,
            });
        }
        page
    }

    #[test]
    fn copy_to_lines_break_between_names() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let names = "市委办公室，市人大常委会办公室，市政协办公室，市纪委监委，市委组织部";
        // About 20 characters of 四号 to a line.
        let lines = name_lines(&metrics, names, 100.0);
        assert!(lines.len() >= 2, "{lines:?}");
        assert_eq!(lines.concat(), format!("{names}。"));
        for line in &lines[..lines.len() - 1] {
            assert!(line.ends_with('，'), "a line ends after a name: {lines:?}");
        }
    }

    #[test]
    fn a_turned_page_never_takes_the_colophon_even_with_room() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let colophon = Colophon {
            copy_to: "市纪委监委",
            printing_office: "示例市人民政府办公室",
            date: "2025年3月5日",
        };
        let mut page = landscape_with_rows(3);
        let before = page.clone();
        assert!(!colophon.place_below_content(&metrics, &mut page));
        assert_eq!(page, before);
    }

    #[test]
    fn a_full_page_keeps_its_content_and_gets_no_colophon() {
        let fonts = FontSet::shipped();
        let metrics = Metrics::new(&fonts);
        let colophon = Colophon {
            copy_to: "市纪委监委",
            printing_office: "示例市人民政府办公室",
            date: "2025年3月5日",
        };
        // A portrait page whose text reaches the last grid lines has no room, and one whose
        // text stops early has.
        let text_on_line = |line: usize| Item::Text {
            x_mm: MARGIN_LEFT_MM,
            baseline_mm: crate::pdf::page::line_baseline_mm(line),
            size_pt: crate::pdf::page::BODY_SIZE_PT,
            role: FontRole::Body,
            text: "正文".to_owned(),
            spacing_mm: 0.0,
        };
        let mut long = Page {
            items: vec![text_on_line(0), text_on_line(19)],
            is_landscape: false,
        };
        assert!(!colophon.place_below_content(&metrics, &mut long));
        let mut short = Page {
            items: vec![text_on_line(0), text_on_line(12)],
            is_landscape: false,
        };
        assert!(colophon.place_below_content(&metrics, &mut short));
        let (items, top) = colophon.items(&metrics, Frame::PORTRAIT);
        assert_eq!(short.items.len(), 2 + items.len());
        assert!(top > crate::pdf::page::line_baseline_mm(12) + LINE_PITCH_MM);
    }
}
