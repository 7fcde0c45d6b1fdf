//! Where a unit list's header is: below a title of a few rows, or over two lines ("负责人"
//! over "职务" and "姓名"); and the rows under it that are no units (the header repeated on
//! each printed page, a line of totals, a note under the table).

use crate::io::table::{Table, TableRow};
use crate::io::unit_columns::{Column, Columns};

/// How many rows above the header a sheet may hold (a title such as "2026年度责任单位名册", a
/// date line) before the row with 单位名称.
pub(super) const TITLE_ROWS: usize = 5;

/// The table read from its real header row, when the first row is a title above it: the first
/// of the next few rows that names the 单位名称 column. `None` when the first row is the header
/// (or no row is).
pub(super) fn below_title_rows(table: &Table) -> Option<Table> {
    let names_the_column = |cells: &[String]| {
        cells
            .iter()
            .any(|c| crate::io::unit_columns::names_unit_names(c))
    };
    if names_the_column(&table.header) {
        return None;
    }
    let at = table
        .rows
        .iter()
        .take(TITLE_ROWS)
        .position(|row| names_the_column(&row.cells))?;
    let header = table.rows.get(at)?;
    Some(Table {
        header: header.cells.clone(),
        header_row_number: header.number,
        rows: table.rows.get(at + 1..)?.to_vec(),
    })
}

/// The table read with its two header lines as one, when the line under the header names the
/// parts of a column headed over several ("负责人" over "职务" and "姓名", as registers lay
/// it out): each part named with its head ("负责人职务", "负责人姓名"), so that neither is
/// taken for the head's own column. `None` when the line under the header is no such line:
/// it names a unit, or none of its parts names a known column.
pub(super) fn two_line_header(table: &Table) -> Option<Table> {
    let second = table.rows.first()?;
    let name_at =
        (table.header.iter()).position(|c| crate::io::unit_columns::names_unit_names(c))?;
    // A unit's line names it; the header's second line does not (blank, or the 单位名称 cell
    // merged down over both lines).
    let name = second.cells.get(name_at).map_or("", |c| c.trim());
    if !name.is_empty() && !crate::io::unit_columns::names_unit_names(name) {
        return None;
    }
    let width = table.header.len().max(second.cells.len());
    let mut head = "";
    let mut known_parts = 0;
    let header: Vec<String> = (0..width)
        .map(|index| {
            let top = table.header.get(index).map_or("", |c| c.trim());
            // A head merged across its parts stands in its first column only.
            if !top.is_empty() {
                head = top;
            }
            let part = second.cells.get(index).map_or("", |c| c.trim());
            if part.is_empty() || part == top {
                return top.to_owned();
            }
            let named = if head.is_empty() || part.starts_with(head) {
                part.to_owned()
            } else {
                format!("{head}{part}")
            };
            if Columns::is_known(&named) {
                known_parts += 1;
            }
            named
        })
        .collect();
    // Two lines that would name one column twice are no header of two lines (a 单位名称 under
    // a blank beside the top line's own): the top line stays the header.
    let known: Vec<&str> = (header.iter())
        .map(String::as_str)
        .filter(|cell| Columns::is_known(cell))
        .collect();
    let is_repeated = (known.iter().enumerate())
        .any(|(at, cell)| known.get(..at).is_some_and(|before| before.contains(cell)));
    (known_parts > 0 && !is_repeated).then(|| Table {
        header,
        header_row_number: second.number,
        rows: table.rows.get(1..).unwrap_or_default().to_vec(),
    })
}

/// True for a row of column names under the header: the second line of a two-line header
/// (its 单位名称 merged down over both), or the header repeated on each printed page.
pub(super) fn is_header_row(row: &TableRow, columns: &Columns) -> bool {
    (columns.cell(row, Column::Name)).is_some_and(crate::io::unit_columns::names_unit_names)
}

/// True for a note under the table, as offices add them to the files they send: "注：…",
/// "说明：…", "填表人：张三  联系电话：…", "单位负责人：…" (a label and its colon, or one of
/// the usual words) in the first cell filled, and no 单位类型 or 考核类别 given (a unit row
/// never starts so).
pub(super) fn is_note_row(row: &TableRow, columns: &Columns) -> bool {
    const STARTS: [&str; 14] = [
        "注：",
        "注:",
        "说明：",
        "说明:",
        "备注：",
        "备注:",
        "填表说明",
        "填表人",
        "填报人",
        "制表人",
        "审核人",
        "填表日期",
        "填报日期",
        "制表日期",
    ];
    let first = row
        .cells
        .iter()
        .map(|cell| cell.trim())
        .find(|cell| !cell.is_empty());
    // Any label and its colon ("单位负责人：", "联系电话：", "填表单位："): a unit's name
    // has none.
    let is_labelled = |cell: &str| cell.chars().take(8).any(|c| c == '：' || c == ':');
    let is_note = first.is_some_and(|cell| {
        is_labelled(cell) || STARTS.iter().any(|start| cell.starts_with(start))
    });
    let is_blank = |column| columns.cell(row, column).is_none_or(str::is_empty);
    is_note && is_blank(Column::Kind) && is_blank(Column::Category)
}

/// True for a line of totals under the units: "合计" (or 小计, 总计, 共计) as its name, or in
/// a cell of a row without a name.
pub(super) fn is_total_row(row: &TableRow, columns: &Columns) -> bool {
    // "合计", or "合计：8个单位" / "合计8个" counting the rows above.
    let is_total = |cell: &str| {
        let bare: String = cell.chars().filter(|c| !c.is_whitespace()).collect();
        ["合计", "小计", "总计", "共计"].iter().any(|word| {
            bare.strip_prefix(word).is_some_and(|rest| {
                rest.is_empty()
                    || rest.starts_with(['：', ':'])
                    || rest.starts_with(|c: char| c.is_ascii_digit())
            })
        })
    };
    // "合计" leading the row (in a 序号 column) totals it whatever the name column says
    // ("合计 | 4个单位 | …").
    let leads =
        (row.cells.iter().find(|cell| !cell.trim().is_empty())).is_some_and(|c| is_total(c));
    leads
        || match columns.cell(row, Column::Name) {
            Some(name) if !name.is_empty() => is_total(name),
            _ => row.cells.iter().any(|cell| is_total(cell)),
        }
}
