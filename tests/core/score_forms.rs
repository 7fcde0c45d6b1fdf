//! Self-assessment forms, in parts: written per agreement with a 合计 row, filled in as a unit
//! would (a modified copy of the workbook), imported all or nothing (the 合计 row passed over),
//! refused values and refused forms, and the `forms` / `import scores` subcommands. The helpers
//! here read and fill forms for every part, and for the import tests elsewhere.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use calamine::{Reader as _, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;
use zerenshu::io::table::cell_text;
use zerenshu::model::{Points, Score};
use zerenshu::store::Store;

mod cli;
mod importing;
mod refused_forms;
mod refused_values;
mod writing;

const YEAR: i32 = 2025;

/// The rows of a form's sheet as numbered exact strings.
fn read_rows(path: &Path) -> Vec<(usize, Vec<String>)> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range("自评表").unwrap();
    let (first_row, _) = range.start().unwrap();
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let number = first_row as usize + i + 1;
            (number, cells.iter().map(cell_text).collect())
        })
        .collect()
}

/// A value a unit types into a cell.
#[derive(Clone, Copy)]
pub(crate) enum Typed {
    Number(f64),
    Text(&'static str),
    /// A formula (saved with the result 0; see `strip_formula_results` for none).
    Formula(&'static str),
}

/// Writes `out` as a copy of the form at `path` with some cells (row number, column) retyped.
/// Writes `form` filled in at `out` with `value` as the self score of its first indicator.
fn fill_first_score(form: &Path, out: &Path, value: f64) {
    let (indicators, score_column) = indicator_rows(form);
    fill(
        form,
        out,
        &[(indicators[0].0, score_column, Typed::Number(value))],
    );
}

pub(crate) fn fill(path: &Path, out: &Path, edits: &[(usize, usize, Typed)]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("自评表").unwrap();
    let rows = read_rows(path);
    // Edits of cells the form leaves empty (a row added under its table) are written too.
    let is_in_form = |(r, c): (usize, usize)| {
        rows.iter()
            .any(|(number, cells)| *number == r && c < cells.len())
    };
    for (r, c, typed) in edits.iter().filter(|(r, c, _)| !is_in_form((*r, *c))) {
        let (row, col) = (u32::try_from(r - 1).unwrap(), u16::try_from(*c).unwrap());
        match *typed {
            Typed::Number(value) => sheet.write_number(row, col, value).map(|_| ()),
            Typed::Text(value) => sheet.write_string(row, col, value).map(|_| ()),
            Typed::Formula(formula) => sheet.write_formula(row, col, formula).map(|_| ()),
        }
        .unwrap();
    }
    for (number, cells) in rows {
        for (column, text) in cells.iter().enumerate() {
            let (row, col) = (
                u32::try_from(number - 1).unwrap(),
                u16::try_from(column).unwrap(),
            );
            let edit = edits.iter().find(|(r, c, _)| (*r, *c) == (number, column));
            match edit.map(|(_, _, typed)| *typed) {
                Some(Typed::Number(value)) => sheet.write_number(row, col, value).map(|_| ()),
                Some(Typed::Text(value)) => sheet.write_string(row, col, value).map(|_| ()),
                Some(Typed::Formula(formula)) => sheet.write_formula(row, col, formula).map(|_| ()),
                None if text.is_empty() => Ok(()),
                None => sheet.write_string(row, col, text).map(|_| ()),
            }
            .unwrap();
        }
    }
    workbook.save(out).unwrap();
}

/// Rewrites the workbook at `path` with its formulas' results taken out, as tools that do not
/// calculate save them (`<f>…</f>` and no `<v>`).
pub(crate) fn strip_formula_results(path: &Path) {
    crate::xlsx_rewrite::rewrite_parts(path, |name, bytes| {
        if !name.starts_with("xl/worksheets/") {
            return bytes;
        }
        let text = String::from_utf8(bytes).unwrap();
        (text.replace("</f><v>0</v>", "</f>"))
            .replace("</f><v></v>", "</f>")
            .into_bytes()
    });
}

/// The indicator rows of a form: (row number, indicator id, 分值), and the 自评分 column.
pub(crate) fn indicator_rows(path: &Path) -> (Vec<(usize, i64, Points)>, usize) {
    let rows = read_rows(path);
    let (header_number, header) = rows
        .iter()
        .find(|(_, cells)| cells.iter().any(|c| c == "指标编号"))
        .unwrap();
    let column = |name: &str| header.iter().position(|c| c == name).unwrap();
    let (id, points, score) = (column("指标编号"), column("分值"), column("自评分"));
    let indicators = rows
        .iter()
        .filter(|(n, cells)| n > header_number && !cells[id].is_empty())
        .map(|(n, cells)| {
            let id = cells[id].parse().unwrap();
            (*n, id, Points::parse(&cells[points]).unwrap())
        })
        .collect();
    (indicators, score)
}

fn self_score(store: &Store, agreement_id: i64, indicator_id: i64) -> Option<Score> {
    store
        .scores(YEAR)
        .unwrap()
        .into_iter()
        .find(|s| (s.agreement_id, s.indicator_id) == (agreement_id, indicator_id))
}
