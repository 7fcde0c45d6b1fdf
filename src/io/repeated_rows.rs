//! Unit rows repeated whole in an import file (the same unit pasted twice, a sheet copied
//! under itself): the first is imported and the others passed over with a note, where rows of
//! one name that differ are refused, since which of them is meant is for the clerk to say; a
//! row repeating one of those is refused with them, never said to be imported once.

use std::collections::hash_map::Entry;
use std::collections::{HashMap, HashSet};

use super::table::TableRow;
use super::unit_columns::{Column, Columns};
use crate::model::unit_names::name_key;

/// A row passed over for repeating an earlier one in every imported column.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedRow {
    /// The repeating row's number in the file.
    pub row_number: usize,
    /// The number of the earlier row it repeats, which is imported.
    pub first_row_number: usize,
    /// The unit's name in both.
    pub name: String,
}

/// `rows` without those that repeat an earlier row's every imported cell, and those passed over.
/// Every row of a name whose rows differ is kept, to be refused with the others of its name.
pub(super) fn split_repeats<'a>(
    rows: Vec<&'a TableRow>,
    columns: &Columns,
) -> (Vec<&'a TableRow>, Vec<RepeatedRow>) {
    // Compared without the zero-width characters a copy brings along unseen, and the spaces
    // around, which the register does not keep either: a difference the clerk could not see
    // or find is none.
    let cells = |row: &'a TableRow| {
        Column::ALL.map(|column| {
            (columns.cell(row, column)).map(|cell| {
                crate::model::unit::without_zero_width(cell)
                    .trim()
                    .to_owned()
            })
        })
    };
    // Names told apart as the import tells them (see `name_key`), with their rows' contents.
    let mut versions: HashMap<String, HashSet<_>> = HashMap::new();
    for &row in &rows {
        let name = columns.cell(row, Column::Name).unwrap_or_default();
        versions
            .entry(name_key(name))
            .or_default()
            .insert(cells(row));
    }
    let mut kept: Vec<&TableRow> = Vec::with_capacity(rows.len());
    let mut seen = HashMap::new();
    let mut repeated = Vec::new();
    for row in rows {
        let name = columns.cell(row, Column::Name).unwrap_or_default();
        // A row without a name is refused for it, each on its own line; one of a name written
        // otherwise in another row is refused with it.
        let is_disputed = versions
            .get(&name_key(name))
            .is_some_and(|found| found.len() > 1);
        if name.is_empty() || is_disputed {
            kept.push(row);
            continue;
        }
        match seen.entry(cells(row)) {
            Entry::Occupied(first) => repeated.push(RepeatedRow {
                row_number: row.number,
                first_row_number: *first.get(),
                name: name.to_owned(),
            }),
            Entry::Vacant(slot) => {
                slot.insert(row.number);
                kept.push(row);
            }
        }
    }
    (kept, repeated)
}

/// "第 5 行与第 3 行（甲镇）完全相同，只导入一次", or for several rows "第 5、9 行与前面的行完全
/// 相同（甲镇、乙镇），各只导入一次"; a row repeating one in `rejected` (row numbers) is said
/// to go with it: "第 6 行与第 2 行（甲镇）完全相同，随第 2 行一并不导入". `None` when no row
/// repeats another.
#[must_use]
pub fn repeated_note(repeated: &[RepeatedRow], rejected: &HashSet<usize>) -> Option<String> {
    let (with_rejected, imported): (Vec<&RepeatedRow>, Vec<&RepeatedRow>) =
        (repeated.iter()).partition(|row| rejected.contains(&row.first_row_number));
    let notes: Vec<String> = [
        note_of(&imported, Fate::ImportedOnce),
        note_of(&with_rejected, Fate::RejectedWithFirst),
    ]
    .into_iter()
    .flatten()
    .collect();
    (!notes.is_empty()).then(|| notes.join("；"))
}

/// What becomes of a repeated row's unit.
#[derive(Debug, Clone, Copy)]
enum Fate {
    /// Imported once, from the first row.
    ImportedOnce,
    /// Not imported: the first row is rejected.
    RejectedWithFirst,
}

/// The note on `repeated` rows, all of one `fate`.
fn note_of(repeated: &[&RepeatedRow], fate: Fate) -> Option<String> {
    match repeated {
        [] => None,
        [one] => {
            let ending = match fate {
                Fate::ImportedOnce => "只导入一次".to_owned(),
                Fate::RejectedWithFirst => format!("随第 {} 行一并不导入", one.first_row_number),
            };
            Some(format!(
                "第 {} 行与第 {} 行（{}）完全相同，{ending}",
                one.row_number, one.first_row_number, one.name
            ))
        }
        many => {
            let numbers: Vec<usize> = many.iter().map(|r| r.row_number).collect();
            let mut names: Vec<&str> = Vec::new();
            for row in many {
                if !names.contains(&row.name.as_str()) {
                    names.push(&row.name);
                }
            }
            let more = if names.len() > 3 { "等" } else { "" };
            names.truncate(3);
            let names = format!("{}{more}", names.join("、"));
            let ending = match fate {
                Fate::ImportedOnce => "各只导入一次",
                Fate::RejectedWithFirst => "随被拒绝的行一并不导入",
            };
            Some(format!(
                "{}与前面的行完全相同（{names}），{ending}",
                super::table::rows_said(&numbers)
            ))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn repeat(row_number: usize, first_row_number: usize, name: &str) -> RepeatedRow {
        RepeatedRow {
            row_number,
            first_row_number,
            name: name.to_owned(),
        }
    }

    #[test]
    fn one_repeat_names_the_row_it_repeats() {
        let none = HashSet::new();
        assert_eq!(repeated_note(&[], &none), None);
        assert_eq!(
            repeated_note(&[repeat(5, 3, "甲镇")], &none).as_deref(),
            Some("第 5 行与第 3 行（甲镇）完全相同，只导入一次")
        );
    }

    #[test]
    fn a_repeat_of_a_rejected_row_is_said_to_go_with_it() {
        let rejected = HashSet::from([2, 4]);
        assert_eq!(
            repeated_note(&[repeat(6, 2, "甲镇")], &rejected).as_deref(),
            Some("第 6 行与第 2 行（甲镇）完全相同，随第 2 行一并不导入")
        );
        let rows = [
            repeat(6, 2, "甲镇"),
            repeat(7, 3, "乙镇"),
            repeat(8, 4, "丙镇"),
        ];
        assert_eq!(
            repeated_note(&rows, &rejected).as_deref(),
            Some(
                "第 7 行与第 3 行（乙镇）完全相同，只导入一次；第 6、8 行与前面的行完全相同（甲镇、丙镇），随被拒绝的行一并不导入"
            )
        );
    }

    #[test]
    fn several_repeats_name_their_units_once_and_three_at_most() {
        let rows = [
            repeat(5, 3, "甲镇"),
            repeat(6, 3, "甲镇"),
            repeat(9, 4, "乙镇"),
            repeat(10, 2, "丙镇"),
            repeat(11, 1, "丁镇"),
        ];
        assert_eq!(
            repeated_note(&rows, &HashSet::new()).as_deref(),
            Some("第 5、6、9 至 11 行与前面的行完全相同（甲镇、乙镇、丙镇等），各只导入一次")
        );
    }
}
