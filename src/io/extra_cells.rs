//! Cells a unit import ignores because no header names their column: filled cells right of
//! the header row's last cell, counted per row so that the clerk is told instead of losing
//! them without a word.

use super::table::Table;

/// Filled cells of a row right of the header row's last cell: no column names them, so they
/// are ignored, and the clerk is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ExtraCells {
    /// Spreadsheet row number, counting from 1.
    pub row_number: usize,
    /// How many filled cells lie beyond the header.
    pub count: usize,
}

impl std::fmt::Display for ExtraCells {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "第 {} 行有 {} 个多余的单元格（表头之外），已忽略",
            self.row_number, self.count
        )
    }
}

/// The filled cells of each row right of the header's last filled cell.
pub(super) fn extra_cells(table: &Table) -> Vec<ExtraCells> {
    let width = table
        .header
        .iter()
        .rposition(|cell| !cell.trim().is_empty())
        .map_or(0, |last| last + 1);
    table
        .rows
        .iter()
        .filter_map(|row| {
            let count = (row.cells.iter().skip(width))
                .filter(|cell| !cell.trim().is_empty())
                .count();
            (count > 0).then_some(ExtraCells {
                row_number: row.number,
                count,
            })
        })
        .collect()
}
