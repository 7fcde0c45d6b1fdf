//! The notice's attachment (附件): one score table per category on landscape A4 pages, nine
//! columns (序号 … 排名); a table broken across pages goes on under its caption marked
//! "（续）" and the header row again, and no row is split. A unit's
//! name that would wrap widens the 单位 column, taking the room the other columns do not
//! need, so that every table of the attachment keeps one set of columns.

use std::mem::take;

use super::fonts::FontRole;
use super::layout::Metrics;
use super::page::{
    BODY_SIZE_PT, Item, LANDSCAPE_MARGIN_BOTTOM_MM, LANDSCAPE_MARGIN_LEFT_MM,
    LANDSCAPE_MARGIN_RIGHT_MM, LANDSCAPE_MARGIN_TOP_MM, LINE_PITCH_MM, PAGE_HEIGHT_MM,
    PAGE_WIDTH_MM, PT_PER_MM, Page, TABLE_SIZE_PT, TITLE_SIZE_PT,
};
use crate::document::notice::{NoticeContent, SCORE_HEADER};

/// Height of a landscape page: the sheet's width.
const LANDSCAPE_HEIGHT_MM: f32 = PAGE_WIDTH_MM;
/// Width of the landscape text block: 225 mm, the sheet's text block turned.
const LANDSCAPE_TEXT_WIDTH_MM: f32 =
    PAGE_HEIGHT_MM - LANDSCAPE_MARGIN_LEFT_MM - LANDSCAPE_MARGIN_RIGHT_MM;

/// Column widths in millimetres, together the landscape text block's width.
const COLUMNS_MM: [f32; 9] = [14.0, 69.0, 24.0, 18.0, 18.0, 20.0, 24.0, 20.0, 18.0];
/// Column widths as drawn.
type Widths = [f32; 9];
/// The 单位 column is left-aligned; the points columns line up on their decimal points; every
/// other column is centred.
const NAME_COLUMN: usize = 1;
/// 基础得分, 加分, 扣分 and 总得分: numbers whose decimal points line up down the column.
const POINTS_COLUMNS: std::ops::RangeInclusive<usize> = 2..=5;
const PADDING_MM: f32 = 1.6;
/// Room left beside the widest text of a column, so that rounding never wraps it.
const SLACK_MM: f32 = 0.5;
/// Distance between lines inside a cell.
const CELL_LINE_MM: f32 = TABLE_SIZE_PT / PT_PER_MM * 1.35;
/// What follows the caption of a table carried over to the next page.
pub const CONTINUED: &str = "（续）";

/// A table's caption on the pages it goes on to: "镇街（续）", and for a caption closing on
/// a bracket of its own "部门（二类，续）" rather than two brackets in a row.
#[must_use]
pub fn continued_caption(caption: &str) -> String {
    match caption.strip_suffix('）') {
        Some(open) if open.contains('（') => format!("{open}，续）"),
        _ => format!("{caption}{CONTINUED}"),
    }
}
/// Rows a table carried over to another page brings there at the least.
const TAIL_ROWS: usize = 3;
/// Height of a caption line above its table, in body lines.
const CAPTION_LINES: f32 = 1.6;

type RowLines = Vec<Vec<String>>;

/// Per column, the widest whole part and the widest fraction (from its point) of the numbers
/// in it, for the points columns: 96.5 over 94 over 92.75, their points in line.
type Anchors = [Option<(f32, f32)>; 9];

/// True for a number as the table writes points ("94", "92.75").
fn is_number(text: &str) -> bool {
    !text.is_empty() && text.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// A number's whole part and its fraction with the point ("92", ".75"; "94", "").
fn split_point(text: &str) -> (&str, &str) {
    text.find('.').map_or((text, ""), |at| text.split_at(at))
}

/// The anchors of the points columns over every table of the attachment, so that all its
/// tables line up alike.
fn decimal_anchors(metrics: &Metrics<'_>, content: &NoticeContent) -> Anchors {
    let mut anchors: Anchors = [None; 9];
    for row in content.tables.iter().flat_map(|table| &table.rows) {
        for (column, cell) in row.cells.iter().enumerate() {
            if !POINTS_COLUMNS.contains(&column) || !is_number(cell) {
                continue;
            }
            let (whole, fraction) = split_point(cell);
            let whole = metrics.width_mm(FontRole::Body, whole, TABLE_SIZE_PT);
            let fraction = metrics.width_mm(FontRole::Body, fraction, TABLE_SIZE_PT);
            if let Some(anchor) = anchors.get_mut(column) {
                *anchor = Some(
                    anchor.map_or((whole, fraction), |(most_whole, most_fraction)| {
                        (most_whole.max(whole), most_fraction.max(fraction))
                    }),
                );
            }
        }
    }
    anchors
}

/// The widths of the attachment's columns: the defaults, except that the 单位 column grows to
/// the longest unit name (as far as the other columns can spare room beyond their own widest
/// text) instead of wrapping it.
fn column_widths(metrics: &Metrics<'_>, content: &NoticeContent) -> Widths {
    let natural = |role, text: &str| {
        metrics.width_mm(role, text, TABLE_SIZE_PT) + 2.0 * PADDING_MM + SLACK_MM
    };
    let mut needed: Widths = SCORE_HEADER.map(|text| natural(FontRole::Heading1, text));
    for row in content.tables.iter().flat_map(|table| &table.rows) {
        for (need, cell) in needed.iter_mut().zip(&row.cells) {
            *need = need.max(natural(FontRole::Body, cell));
        }
    }
    let mut widths = COLUMNS_MM;
    let spare_of = |column: usize, width: f32, need: f32| {
        if column == NAME_COLUMN {
            0.0
        } else {
            (width - need).max(0.0)
        }
    };
    let name_width = widths.get(NAME_COLUMN).copied().unwrap_or_default();
    let wanted = needed.get(NAME_COLUMN).copied().unwrap_or_default() - name_width;
    let spare: f32 = (widths.iter().zip(needed).enumerate())
        .map(|(column, (width, need))| spare_of(column, *width, need))
        .sum();
    if wanted <= 0.0 || spare <= 0.0 {
        return widths;
    }
    let taken = wanted.min(spare);
    for (column, (width, need)) in widths.iter_mut().zip(needed).enumerate() {
        if column == NAME_COLUMN {
            *width += taken;
        } else {
            *width -= spare_of(column, *width, need) * taken / spare;
        }
    }
    widths
}

fn row_lines(metrics: &Metrics<'_>, widths: &Widths, cells: &[&str], role: FontRole) -> RowLines {
    cells
        .iter()
        .zip(widths)
        .map(|(text, width)| {
            metrics.lines(role, text, TABLE_SIZE_PT, width - 2.0 * PADDING_MM, 0.0)
        })
        .collect()
}

fn row_height(lines: &RowLines) -> f32 {
    let count = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    count as f32 * CELL_LINE_MM + 2.0 * PADDING_MM
}

fn rule(page: &mut Page, (x1_mm, y1_mm): (f32, f32), (x2_mm, y2_mm): (f32, f32)) {
    page.items.push(Item::Rule {
        x1_mm,
        y1_mm,
        x2_mm,
        y2_mm,
    });
}

/// Draws one row whose top is at `top_mm`; returns its bottom. A number in a column with an
/// anchor has its point where the column's widest parts put it.
fn draw_row(
    page: &mut Page,
    metrics: &Metrics<'_>,
    (widths, lines, anchors): (&Widths, &RowLines, &Anchors),
    top_mm: f32,
    role: FontRole,
) -> f32 {
    let bottom = top_mm + row_height(lines);
    let ascent = TABLE_SIZE_PT / PT_PER_MM * 0.88;
    let mut x = LANDSCAPE_MARGIN_LEFT_MM;
    for (column, (cell, &width)) in lines.iter().zip(widths).enumerate() {
        for (index, line) in cell.iter().enumerate() {
            let text_width = metrics.width_mm(role, line, TABLE_SIZE_PT);
            let anchor = anchors.get(column).copied().flatten();
            let left = match anchor {
                _ if column == NAME_COLUMN && role == FontRole::Body => x + PADDING_MM,
                Some((most_whole, most_fraction)) if is_number(line) => {
                    let whole = metrics.width_mm(role, split_point(line).0, TABLE_SIZE_PT);
                    x + (width - most_whole - most_fraction) / 2.0 + most_whole - whole
                }
                _ => x + (width - text_width) / 2.0,
            };
            page.items.push(Item::Text {
                x_mm: left,
                baseline_mm: top_mm + PADDING_MM + ascent + index as f32 * CELL_LINE_MM,
                size_pt: TABLE_SIZE_PT,
                role,
                text: line.clone(),
                spacing_mm: 0.0,
            });
        }
        rule(page, (x, top_mm), (x, bottom));
        x += width;
    }
    rule(page, (x, top_mm), (x, bottom));
    rule(page, (LANDSCAPE_MARGIN_LEFT_MM, top_mm), (x, top_mm));
    rule(page, (LANDSCAPE_MARGIN_LEFT_MM, bottom), (x, bottom));
    bottom
}

fn landscape_page() -> Page {
    Page {
        items: Vec::new(),
        is_landscape: true,
    }
}

fn text(page: &mut Page, x_mm: f32, baseline_mm: f32, size_pt: f32, role: FontRole, text: &str) {
    page.items.push(Item::Text {
        x_mm,
        baseline_mm,
        size_pt,
        role,
        text: text.to_owned(),
        spacing_mm: 0.0,
    });
}

/// Draws a table's caption and header row below `top_mm`; returns the header's bottom.
fn draw_caption_and_header(
    page: &mut Page,
    metrics: &Metrics<'_>,
    (widths, header): (&Widths, &RowLines),
    top_mm: f32,
    caption: &str,
) -> f32 {
    let body_line_mm = BODY_SIZE_PT / PT_PER_MM;
    let top = top_mm + CAPTION_LINES * body_line_mm;
    text(
        page,
        LANDSCAPE_MARGIN_LEFT_MM,
        top - 0.4 * body_line_mm,
        BODY_SIZE_PT,
        FontRole::Heading1,
        caption,
    );
    let centred: Anchors = [None; 9];
    draw_row(
        page,
        metrics,
        (widths, header, &centred),
        top,
        FontRole::Heading1,
    )
}

/// The attachment pages (landscape), or none when no category has results.
#[must_use]
pub fn score_pages(metrics: &Metrics<'_>, content: &NoticeContent) -> Vec<Page> {
    if content.tables.iter().all(|t| t.rows.is_empty()) {
        return Vec::new();
    }
    let body_line_mm = BODY_SIZE_PT / PT_PER_MM;
    let bottom_limit = LANDSCAPE_HEIGHT_MM - LANDSCAPE_MARGIN_BOTTOM_MM;
    let widths = column_widths(metrics, content);
    let anchors = decimal_anchors(metrics, content);
    let header = row_lines(metrics, &widths, &SCORE_HEADER, FontRole::Heading1);
    let mut pages = Vec::new();
    let mut page = landscape_page();
    // "附件" on the first line, the title two lines of the body's grid below it, as on a
    // portrait page (GB/T 9704: 附件 顶格, the title on the third line).
    let label_baseline = LANDSCAPE_MARGIN_TOP_MM + body_line_mm;
    text(
        &mut page,
        LANDSCAPE_MARGIN_LEFT_MM,
        label_baseline,
        BODY_SIZE_PT,
        FontRole::Heading1,
        "附件",
    );
    let mut top = label_baseline + 2.0 * LINE_PITCH_MM - TITLE_SIZE_PT / PT_PER_MM * 1.4;
    for line in metrics.lines(
        FontRole::Title,
        &content.attachment,
        TITLE_SIZE_PT,
        LANDSCAPE_TEXT_WIDTH_MM,
        0.0,
    ) {
        let width = metrics.width_mm(FontRole::Title, &line, TITLE_SIZE_PT);
        top += TITLE_SIZE_PT / PT_PER_MM * 1.4;
        let x = LANDSCAPE_MARGIN_LEFT_MM + (LANDSCAPE_TEXT_WIDTH_MM - width).max(0.0) / 2.0;
        text(&mut page, x, top, TITLE_SIZE_PT, FontRole::Title, &line);
    }
    top += body_line_mm;
    for table in content.tables.iter().filter(|t| !t.rows.is_empty()) {
        let rows: Vec<RowLines> = table
            .rows
            .iter()
            .map(|row| {
                let cells: Vec<&str> = row.cells.iter().map(String::as_str).collect();
                row_lines(metrics, &widths, &cells, FontRole::Body)
            })
            .collect();
        let caption_mm = CAPTION_LINES * body_line_mm;
        // A table that fits on one page starts where it fits whole (on the next page when not
        // on this one), never split over two; a longer one starts where its first three rows
        // fit, never with one or two rows at the foot of a page.
        let whole: f32 = rows.iter().map(row_height).sum();
        let page_room = bottom_limit - LANDSCAPE_MARGIN_TOP_MM - caption_mm - row_height(&header);
        let leading = if rows.len() <= TAIL_ROWS || whole <= page_room {
            rows.len()
        } else {
            TAIL_ROWS
        };
        let first: f32 = rows.iter().take(leading).map(row_height).sum();
        if top + caption_mm + row_height(&header) + first > bottom_limit {
            pages.push(take(&mut page));
            page = landscape_page();
            top = LANDSCAPE_MARGIN_TOP_MM;
        }
        let columns = (&widths, &header);
        top = draw_caption_and_header(&mut page, metrics, columns, top, &table.caption);
        let continued = continued_caption(&table.caption);
        // A table's last rows never go on by one or two under a repeated header: when the
        // last three will not all fit here, they start the next page together.
        let tail_from = rows.len().saturating_sub(TAIL_ROWS);
        for (index, lines) in rows.iter().enumerate() {
            let tail_height: f32 = if index == tail_from && index > 0 {
                rows.get(index..)
                    .unwrap_or_default()
                    .iter()
                    .map(row_height)
                    .sum()
            } else {
                0.0
            };
            if top + row_height(lines) > bottom_limit || top + tail_height > bottom_limit {
                pages.push(take(&mut page));
                page = landscape_page();
                let page_top = LANDSCAPE_MARGIN_TOP_MM;
                top = draw_caption_and_header(&mut page, metrics, columns, page_top, &continued);
            }
            let row = (&widths, lines, &anchors);
            top = draw_row(&mut page, metrics, row, top, FontRole::Body);
        }
        top += 0.6 * body_line_mm;
    }
    pages.push(page);
    pages
}
