//! The indicator table as an attachment (附件): 序号, 考核项目, 分值, 考核标准, with wrapped
//! cells and a closing 合计 row; the header row repeats on every page. A row that fits on a
//! fresh page moves there whole; only a row taller than a page is split, always between text
//! lines. A header row (or the 附件 title) never stands at the foot of a page without a body
//! row under it.

use super::balance::{balanced_lines, cell_lines};
use super::fonts::FontRole;
use super::layout::Metrics;
use super::page::{
    BODY_SIZE_PT, CELL_MM, Item, MARGIN_BOTTOM_MM, MARGIN_LEFT_MM, MARGIN_TOP_MM, PAGE_HEIGHT_MM,
    PT_PER_MM, Page, TABLE_SIZE_PT, TEXT_WIDTH_MM, TITLE_SIZE_PT, line_baseline_mm,
};
use crate::document::AgreementContent;

/// Column widths in millimetres: 序号, 考核项目, 分值, 考核标准 (together the text block width).
/// 序号 and 分值 hold their two-character heads; 考核项目 holds ten characters, so that most
/// indicator names take one line and the rest two; 考核标准 takes what is left (15 characters,
/// less what a 分值 with decimals takes from it: see `columns`).
const COLUMNS_MM: Columns = [12.5, 53.0, 12.5, TEXT_WIDTH_MM - 78.0];

/// The widths of the table's four columns, in millimetres.
type Columns = [f32; 4];

/// The most the 分值 column widens to, taken from 考核标准, for points with decimals.
const POINTS_MOST_MM: f32 = 24.0;

/// Room between the widest points and the 分值 column's rules beyond the side padding: a
/// number is never drawn touching them.
const POINTS_ROOM_MM: f32 = 1.0;

/// The columns for `content`'s table: the usual widths, the 分值 column widened (from
/// 考核标准) where points with decimals ("17.75") would not fit on one line in it.
fn columns(metrics: &Metrics<'_>, content: &AgreementContent) -> Columns {
    let total: crate::model::Points = content.indicators.iter().map(|i| i.points).sum();
    let widest = (content.indicators.iter().map(|i| i.points))
        .chain(std::iter::once(total))
        .map(|points| metrics.width_mm(FontRole::Body, &points.to_string(), TABLE_SIZE_PT))
        .fold(0.0_f32, f32::max);
    let [number, item, points, criteria] = COLUMNS_MM;
    let wanted = (widest + 2.0 * SIDE_PADDING_MM + POINTS_ROOM_MM).clamp(points, POINTS_MOST_MM);
    [number, item, wanted, criteria - (wanted - points)]
}
/// Space between a cell's rules and its lines above and below: about what a Word table has,
/// so that the usual 15 indicators fit on one page under the attachment's title. Each line
/// also has half its leading above and below its characters.
const PADDING_MM: f32 = 0.8;
/// Space between a cell's text and its rules at the sides: as much as keeps 序号 and 分值 one
/// line wide.
const SIDE_PADDING_MM: f32 = 1.2;
/// Distance between lines inside a cell.
const CELL_LINE_MM: f32 = TABLE_SIZE_PT / PT_PER_MM * 1.25;

/// Words of indicator names that are not split between lines when a name takes two.
const ITEM_WORDS: [&str; 12] = [
    "安全生产",
    "安全管理",
    "所属单位",
    "隐患排查",
    "应急管理",
    "事故调查",
    "标准化",
    "责任制",
    "专项整治",
    "宣传教育",
    "自然灾害",
    "职责任务",
];

/// The wrapped lines of one table row, cell by cell: balanced, so that a cell never ends
/// with a stray character ("专项整 / 治"), and a number never leaves its unit ("扣1 / 分"); an
/// indicator's name of two lines is split evenly between words, as a heading is
/// ("办公场所和 / 所属单位安全管理", not "办公场所和所属单位安 / 全管理").
fn row_lines(
    metrics: &Metrics<'_>,
    columns: &Columns,
    cells: [&str; 4],
    role: FontRole,
) -> Vec<Vec<String>> {
    cells
        .iter()
        .zip(columns.iter().copied())
        .enumerate()
        .map(|(index, (text, width))| {
            let width = width - 2.0 * SIDE_PADDING_MM;
            if index == 1 {
                balanced_lines(metrics, role, TABLE_SIZE_PT, text, width, &ITEM_WORDS)
            } else {
                cell_lines(metrics, role, TABLE_SIZE_PT, text, width)
            }
        })
        .collect()
}

fn row_height(lines: &[Vec<String>]) -> f32 {
    let count = lines.iter().map(Vec::len).max().unwrap_or(1).max(1);
    count as f32 * CELL_LINE_MM + 2.0 * PADDING_MM
}

/// What a row is, which sets its font and alignment.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum RowKind {
    /// The header: 黑体, centred.
    Header,
    /// An indicator: left-aligned text, numbers in the narrow columns centred.
    Body,
    /// 合计: one cell across 序号 and 考核项目, everything centred.
    Total,
}

/// Draws one row whose top is at `top_mm`; returns its bottom. A cell with fewer lines than
/// the row sits in the middle of it, as 序号 and 分值 beside a wrapped 考核标准.
fn draw_row(
    page: &mut Page,
    (metrics, columns): (&Metrics<'_>, &Columns),
    lines: &[Vec<String>],
    top_mm: f32,
    kind: RowKind,
) -> f32 {
    let role = if kind == RowKind::Header {
        FontRole::Heading1
    } else {
        FontRole::Body
    };
    let bottom = top_mm + row_height(lines);
    let row_lines = lines.iter().map(Vec::len).max().unwrap_or(1);
    // The characters' top, half the leading below the line's top: as much room above the
    // first line as below the last.
    let size_mm = TABLE_SIZE_PT / PT_PER_MM;
    let ascent = size_mm * 0.88 + (CELL_LINE_MM - size_mm) / 2.0;
    // The cells as drawn: (left, width, lines); 合计 joins the first two.
    let mut cells: Vec<(f32, f32, &[String])> = Vec::with_capacity(columns.len());
    let mut x = MARGIN_LEFT_MM;
    for (index, (cell, width)) in lines.iter().zip(columns.iter().copied()).enumerate() {
        match cells.last_mut() {
            Some(joined) if kind == RowKind::Total && index == 1 => {
                joined.1 += width;
                joined.2 = cell;
            }
            _ => cells.push((x, width, cell)),
        }
        x += width;
    }
    for &(left, width, cell) in &cells {
        let lowered = (row_lines - cell.len().min(row_lines)) as f32 * CELL_LINE_MM / 2.0;
        for (index, line) in cell.iter().enumerate() {
            let text_width = metrics.width_mm(role, line, TABLE_SIZE_PT);
            // A number in a narrow column (序号, 分值: "9", "15.5") sits in the middle.
            let fits = text_width <= width - 2.0 * SIDE_PADDING_MM;
            let is_short = cell.len() == 1 && fits && width < 20.0;
            let x_mm = if kind != RowKind::Body || is_short {
                left + (width - text_width) / 2.0
            } else {
                left + SIDE_PADDING_MM
            };
            page.items.push(Item::Text {
                x_mm,
                baseline_mm: top_mm + PADDING_MM + ascent + lowered + index as f32 * CELL_LINE_MM,
                size_pt: TABLE_SIZE_PT,
                role,
                text: line.clone(),
                spacing_mm: 0.0,
            });
        }
        page.items.push(Item::Rule {
            x1_mm: left,
            y1_mm: top_mm,
            x2_mm: left,
            y2_mm: bottom,
        });
    }
    page.items.push(Item::Rule {
        x1_mm: x,
        y1_mm: top_mm,
        x2_mm: x,
        y2_mm: bottom,
    });
    page.items.push(Item::Rule {
        x1_mm: MARGIN_LEFT_MM,
        y1_mm: top_mm,
        x2_mm: x,
        y2_mm: top_mm,
    });
    page.items.push(Item::Rule {
        x1_mm: MARGIN_LEFT_MM,
        y1_mm: bottom,
        x2_mm: x,
        y2_mm: bottom,
    });
    bottom
}

/// The first `count` lines of every cell, and what is left of each cell after them.
fn split_lines(lines: &[Vec<String>], count: usize) -> (Vec<Vec<String>>, Vec<Vec<String>>) {
    lines
        .iter()
        .map(|cell| {
            let at = count.min(cell.len());
            let (head, tail) = cell.split_at(at);
            (head.to_vec(), tail.to_vec())
        })
        .unzip()
}

/// Labels the part of a row carried onto the next page, whose 序号 and 考核项目 cells ended on
/// the page before: the number again, and "（续）" for the item, so that the criteria running
/// on are not read as a row of their own.
fn continued(head: &[Vec<String>], tail: &mut [Vec<String>]) {
    if tail.iter().all(Vec::is_empty) {
        return;
    }
    if let (Some(number), Some(cell)) = (head.first(), tail.first_mut())
        && cell.is_empty()
    {
        cell.clone_from(number);
    }
    if let Some(cell) = tail.get_mut(1)
        && cell.is_empty()
    {
        cell.push("（续）".to_owned());
    }
}

/// How many text lines of a row fit in `space_mm`.
fn lines_that_fit(space_mm: f32) -> usize {
    (1..=200)
        .take_while(|&n| n as f32 * CELL_LINE_MM + 2.0 * PADDING_MM <= space_mm + 1e-4)
        .count()
}

/// Rows a continued table brings to its last page at the least (a single row under a
/// repeated header reads as an afterthought).
const LAST_PAGE_ROWS: usize = 3;

/// Fills table pages row by row.
struct TablePages<'m> {
    metrics: &'m Metrics<'m>,
    columns: Columns,
    header: Vec<Vec<String>>,
    pages: Vec<Page>,
    page: Page,
    top_mm: f32,
    /// Whether the current page holds a body row (or part of one) under its header.
    has_body: bool,
}

impl TablePages<'_> {
    const BOTTOM_MM: f32 = PAGE_HEIGHT_MM - MARGIN_BOTTOM_MM;

    /// Space under the header on a fresh continuation page.
    fn fresh_space_mm(&self) -> f32 {
        Self::BOTTOM_MM - MARGIN_TOP_MM - row_height(&self.header)
    }

    fn next_page(&mut self) {
        self.pages.push(std::mem::take(&mut self.page));
        self.top_mm = draw_row(
            &mut self.page,
            (self.metrics, &self.columns),
            &self.header,
            MARGIN_TOP_MM,
            RowKind::Header,
        );
        self.has_body = false;
    }

    /// Places one body row: whole on this page if it fits, whole on the next if it fits there
    /// and this page already has a body row, otherwise split between lines across pages.
    fn place(&mut self, lines: Vec<Vec<String>>, kind: RowKind) {
        let mut rest = lines;
        loop {
            let space = Self::BOTTOM_MM - self.top_mm;
            let height = row_height(&rest);
            if height <= space + 1e-4 {
                let at = (self.metrics, &self.columns);
                self.top_mm = draw_row(&mut self.page, at, &rest, self.top_mm, kind);
                self.has_body = true;
                return;
            }
            let fits_fresh = height <= self.fresh_space_mm() + 1e-4;
            let count = lines_that_fit(space);
            if self.has_body && (fits_fresh || count == 0) {
                self.next_page();
                continue;
            }
            // Under a header alone (or the 附件 title) the row starts here rather than leave
            // the header without a body row; at least one line, so the loop always advances.
            let (head, mut tail) = split_lines(&rest, count.max(1));
            draw_row(
                &mut self.page,
                (self.metrics, &self.columns),
                &head,
                self.top_mm,
                kind,
            );
            continued(&head, &mut tail);
            rest = tail;
            self.next_page();
        }
    }
}

/// The attachment pages, or none when the agreement has no indicators.
#[must_use]
pub fn indicator_pages(metrics: &Metrics<'_>, content: &AgreementContent) -> Vec<Page> {
    if content.indicators.is_empty() {
        return Vec::new();
    }
    let columns = columns(metrics, content);
    let header = row_lines(
        metrics,
        &columns,
        ["序号", "考核项目", "分值", "考核标准"],
        FontRole::Heading1,
    );
    let mut page = Page::default();
    page.items.push(Item::Text {
        x_mm: MARGIN_LEFT_MM,
        baseline_mm: line_baseline_mm(0),
        size_pt: BODY_SIZE_PT,
        role: FontRole::Heading1,
        text: "附件".to_owned(),
        spacing_mm: 0.0,
    });
    let title = content.annex_title();
    let title_width = metrics.width_mm(FontRole::Title, &title, TITLE_SIZE_PT);
    page.items.push(Item::Text {
        x_mm: MARGIN_LEFT_MM + (TEXT_WIDTH_MM - title_width).max(0.0) / 2.0,
        baseline_mm: line_baseline_mm(2),
        size_pt: TITLE_SIZE_PT,
        role: FontRole::Title,
        text: title,
        spacing_mm: 0.0,
    });
    let top = line_baseline_mm(3) + CELL_MM;
    let top_mm = draw_row(
        &mut page,
        (metrics, &columns),
        &header,
        top,
        RowKind::Header,
    );
    let mut table = TablePages {
        metrics,
        columns,
        header,
        pages: Vec::new(),
        page,
        top_mm,
        has_body: false,
    };
    let mut rows: Vec<Vec<Vec<String>>> = content
        .indicators
        .iter()
        .enumerate()
        .map(|(index, indicator)| {
            let number = (index + 1).to_string();
            let points = indicator.points.to_string();
            row_lines(
                metrics,
                &columns,
                [&number, &indicator.name, &points, &indicator.criteria],
                FontRole::Body,
            )
        })
        .collect();
    let total: crate::model::Points = content.indicators.iter().map(|i| i.points).sum();
    rows.push(row_lines(
        metrics,
        &columns,
        ["", "合计", &total.to_string(), ""],
        FontRole::Body,
    ));
    // The 合计 row goes with the last indicator rows, on top of them: the last three, or
    // fewer when those fill a third of a page already (a tall last row is no afterthought,
    // and the rows above it stay where they fit rather than leave a gap).
    let fewest = rows.len().saturating_sub(LAST_PAGE_ROWS + 1);
    let tail_height = |from: usize| -> f32 { rows.iter().skip(from).map(|r| row_height(r)).sum() };
    let tail_from = (fewest..rows.len().saturating_sub(1))
        .rev()
        .find(|&from| tail_height(from) >= table.fresh_space_mm() / 3.0)
        .unwrap_or(fewest);
    for (index, lines) in rows.iter().enumerate() {
        // The last rows do not go over alone: when they will not all fit here, they start
        // the next page together, under the repeated header.
        if index == tail_from && index > 0 && table.has_body {
            let tail = tail_height(index);
            let space = TablePages::BOTTOM_MM - table.top_mm;
            if tail > space + 1e-4 && tail <= table.fresh_space_mm() {
                table.next_page();
            }
        }
        let kind = if index + 1 == rows.len() {
            RowKind::Total
        } else {
            RowKind::Body
        };
        table.place(lines.clone(), kind);
    }
    let mut pages = table.pages;
    pages.push(table.page);
    pages
}

#[cfg(test)]
#[path = "table_tests.rs"]
mod tests;
