//! The check of a unit import's preview against the table it was made from: every row
//! accounted for, the header errors expected, shared by the import properties.

use super::is_chinese_message;
use super::unit_import::HEADERS;
use proptest::prelude::*;
use proptest::test_runner::TestCaseError;
use zerenshu::io::table::is_blank;
use zerenshu::io::{ImportError, ImportPreview, Table, preview};
use zerenshu::model::{Category, Unit};

/// The error `preview` must give for `header`: the first import column named twice, else a
/// missing 单位名称 column (said to be a tab- or semicolon-separated file when the row shows it).
fn expected_header_error(header: &[String]) -> Option<ImportError> {
    // (the header named, the cell as written)
    let mut seen: Vec<(String, &str)> = Vec::new();
    for cell in header.iter().map(|cell| cell.trim()) {
        let named = bare(cell);
        if HEADERS.contains(&named.as_str()) {
            if let Some((_, first)) = seen.iter().find(|(known, _)| *known == named) {
                return Some(if *first == cell {
                    ImportError::DuplicateColumn(cell.to_owned())
                } else {
                    ImportError::SameColumn((*first).to_owned(), cell.to_owned())
                });
            }
            seen.push((named, cell));
        }
    }
    let seen: Vec<&str> = seen.iter().map(|(named, _)| named.as_str()).collect();
    // A header row holding tabs is said to be tab-separated.
    let has_tab = header.iter().any(|cell| cell.contains('\t'));
    let has_semicolon =
        (header.iter()).any(|cell| cell.contains("单位名称") && cell.contains([';', '；']));
    (!seen.contains(&"单位名称")).then_some(if has_tab {
        ImportError::TabSeparated
    } else if has_semicolon {
        ImportError::SemicolonSeparated
    } else {
        ImportError::MissingNameColumn(zerenshu::io::headers_read(header))
    })
}

/// The header a cell names, as a prepared sheet marks it: without a required-field star
/// around it ("单位名称*"), a note in brackets after it ("单位名称（必填）") and spaces.
fn bare(cell: &str) -> String {
    let star = |c: char| c == '*' || c == '＊' || c.is_whitespace();
    let cell = cell.trim_matches(star);
    let cell = ['（', '(']
        .into_iter()
        .filter(|_| cell.ends_with(['）', ')']))
        .find_map(|open| cell.rfind(open))
        .filter(|&at| at > 0)
        .map_or(cell, |at| cell[..at].trim_matches(star));
    cell.chars().filter(|c| !c.is_whitespace()).collect()
}

/// The table as the import reads it: when the first row does not name 单位名称 but one of the
/// next five does, that row is the header and the rows above it are a title.
fn below_title(table: &Table) -> Table {
    let names = |cells: &[String]| cells.iter().any(|c| bare(c) == "单位名称");
    if names(&table.header) {
        return table.clone();
    }
    match table.rows.iter().take(5).position(|row| names(&row.cells)) {
        Some(at) => Table {
            header: table.rows[at].cells.clone(),
            header_row_number: table.rows[at].number,
            rows: table.rows[at + 1..].to_vec(),
        },
        None => table.clone(),
    }
}

/// Previews `table` against `units` and checks the result: the header error it must give, or a
/// preview that accounts for every non-blank row once, adds only valid units under new names,
/// changes only active units, and gives every rejected row a Chinese reason.
pub(super) fn check_preview(
    table: &Table,
    units: &[Unit],
    categories: &[Category],
) -> Result<Option<ImportPreview>, TestCaseError> {
    let result = preview(table, units, categories);
    let table = &below_title(table);
    let preview = match (result, expected_header_error(&table.header)) {
        (Ok(preview), None) => preview,
        (Err(error), Some(expected)) => {
            prop_assert_eq!(&error, &expected);
            prop_assert!(is_chinese_message(&error.to_string()), "{error}");
            return Ok(None);
        }
        (result, expected) => {
            return Err(TestCaseError::fail(format!(
                "preview gave {result:?}, expected the error {expected:?}"
            )));
        }
    };
    let mut numbers: Vec<usize> = (preview.additions.iter().map(|a| a.row_number))
        .chain(preview.changes.iter().map(|c| c.row_number))
        .chain(preview.rejected.iter().map(|r| r.row_number))
        // Rows with nothing to import (only cells of other columns, or a totals line).
        .chain(preview.passed_over.iter().copied())
        // Rows repeating an earlier row whole, imported once (as that row).
        .chain(preview.repeated.iter().map(|r| r.row_number))
        .collect();
    numbers.sort_unstable();
    for repeat in &preview.repeated {
        prop_assert!(repeat.first_row_number < repeat.row_number, "{repeat:?}");
        // The row it repeats is listed, or is one of the rows matching a unit as it is
        // (counted, not listed).
        let is_registered = units
            .iter()
            .any(|u| u.is_active && u.fields.name == repeat.name);
        prop_assert!(
            numbers.contains(&repeat.first_row_number) || (is_registered && preview.unchanged > 0),
            "{repeat:?}"
        );
        // The row it repeats is no row of a name refused as written otherwise elsewhere.
        let is_refused_as_twice = (preview.rejected.iter()).any(|r| {
            r.row_number == repeat.first_row_number && r.reason.contains("在文件中重复出现")
        });
        prop_assert!(!is_refused_as_twice, "{repeat:?} {:?}", preview.rejected);
    }
    // Rows under the header the import read (a header of two lines takes the row under it).
    let non_blank: Vec<usize> = (table.rows.iter())
        .filter(|row| !is_blank(&row.cells) && row.number > preview.header_row)
        .map(|row| row.number)
        .collect();
    prop_assert_eq!(numbers.len() + preview.unchanged, non_blank.len());
    prop_assert!(numbers.iter().all(|n| non_blank.contains(n)));
    prop_assert!(numbers.windows(2).all(|pair| pair[0] < pair[1]));

    let is_active_name = |name: &str| units.iter().any(|u| u.is_active && u.fields.name == name);
    for (index, addition) in preview.additions.iter().enumerate() {
        let draft = &addition.draft;
        prop_assert_eq!(
            draft.validate_drawable(zerenshu::pdf::fonts::can_draw),
            vec![]
        );
        prop_assert_eq!(&draft.trimmed(), draft);
        prop_assert!(!is_active_name(&draft.name), "{draft:?} is not new");
        prop_assert!(categories.iter().any(|c| c.id == draft.category_id));
        let later = &preview.additions[index + 1..];
        prop_assert!(later.iter().all(|other| other.draft.name != draft.name));
    }
    for change in &preview.changes {
        let unit = units.iter().find(|u| u.id == change.unit_id);
        prop_assert!(unit.is_some_and(|u| u.is_active && u.fields == change.before));
        prop_assert_eq!(&change.before.name, &change.after.name);
        prop_assert_eq!(
            change
                .after
                .validate_drawable(zerenshu::pdf::fonts::can_draw),
            vec![]
        );
        prop_assert!(!change.differences.is_empty());
    }
    for rejected in &preview.rejected {
        let reason = &rejected.reason;
        prop_assert!(
            is_chinese_message(reason),
            "row {}: {reason:?}",
            rejected.row_number
        );
    }
    let unknown_in = |cells: &[String]| -> Vec<String> {
        (cells.iter())
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty() && !HEADERS.contains(cell))
            .map(str::to_owned)
            .collect()
    };
    if preview.header_row == table.header_row_number {
        prop_assert_eq!(&preview.unknown_columns, &unknown_in(&table.header));
    } else {
        // A header of two lines (the row under it names columns where the first is blank,
        // ",,单位名称" over "简称,镇街"): each column's name is its cell of either line, or the
        // two read as one ("负责人" over "职务", the upper one merged over the cells to its
        // right).
        let second = (table.rows.iter())
            .find(|row| row.number == preview.header_row)
            .map(|row| row.cells.clone())
            .unwrap_or_default();
        let columns = table.header.len().max(second.len());
        let names: Vec<String> = (0..columns)
            .flat_map(|at| {
                let upper = table.header.get(at).map_or("", |c| c.trim());
                let lower = second.get(at).map_or("", |c| c.trim());
                let merged = (table.header.iter().take(at + 1).rev())
                    .map(|c| c.trim())
                    .find(|c| !c.is_empty())
                    .unwrap_or("");
                [
                    upper.to_owned(),
                    lower.to_owned(),
                    format!("{upper}{lower}"),
                    format!("{merged}{lower}"),
                ]
            })
            .collect();
        prop_assert!(
            (preview.unknown_columns.iter()).all(|cell| names.contains(cell)),
            "{:?} not among {names:?}",
            preview.unknown_columns
        );
    }
    Ok(Some(preview))
}
