//! Formula cells of a workbook that hold no value saved in the file (written by a program,
//! never opened and saved in Excel): marked, so that such a cell is said for what it is, not
//! read as blank.

use calamine::{Reader as _, Xlsx};

use super::TableRow;

/// What a cell holding a formula with no value saved in the file reads as, before the
/// formula: such a cell is never read as blank (a workbook written by a program and never
/// opened in Excel keeps its formulas' results empty). See [`unresolved_formula`].
const UNRESOLVED_MARK: char = '\u{E000}';

/// The formula ("=A1") of a cell read from a formula with no saved value, if it is one.
#[must_use]
pub fn unresolved_formula(cell: &str) -> Option<&str> {
    cell.strip_prefix(UNRESOLVED_MARK)
}

/// Marks the cells of sheet `index` that hold a formula but no value saved (`has_value` of
/// their row and column, from 0, says so; see [`UNRESOLVED_MARK`]); the rows' cells start at
/// column `first_column` (0 for A), as the values do.
pub(super) fn mark_unresolved_formulas(
    workbook: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    index: usize,
    first_column: usize,
    rows: &mut Vec<TableRow>,
    has_value: impl Fn(usize, usize) -> bool,
) {
    let Some(name) = workbook.sheet_names().get(index).cloned() else {
        return;
    };
    let Ok(formulas) = workbook.worksheet_formula(&name) else {
        return;
    };
    let (top, left) = formulas.start().unwrap_or((0, 0));
    let (top, left) = (
        usize::try_from(top).unwrap_or(0),
        usize::try_from(left).unwrap_or(0),
    );
    for (offset, cells) in formulas.rows().enumerate() {
        let number = top + offset + 1;
        for (column, formula) in cells.iter().enumerate() {
            let formula = formula.trim();
            if formula.is_empty() || has_value(number - 1, left + column) {
                continue;
            }
            let Some(column) = (left + column).checked_sub(first_column) else {
                continue;
            };
            let at = rows
                .iter()
                .position(|row| row.number == number)
                .unwrap_or_else(|| {
                    // A row of such formulas only holds no value at all.
                    let at = rows.partition_point(|row| row.number < number);
                    let cells = Vec::new();
                    rows.insert(at, TableRow { number, cells });
                    at
                });
            let Some(row) = rows.get_mut(at) else {
                continue;
            };
            if row.cells.len() <= column {
                row.cells.resize(column + 1, String::new());
            }
            if let Some(cell) = row.cells.get_mut(column)
                && cell.trim().is_empty()
            {
                let shown = formula.strip_prefix('=').unwrap_or(formula);
                *cell = format!("{UNRESOLVED_MARK}={shown}");
            }
        }
    }
}
