//! The self-assessment form import behind `zerenshu import scores` (`io::score_forms`): a real
//! form with hostile values typed into its cells (the year, the agreement and indicator ids,
//! the self scores, the notes, the headers), and damaged or foreign bytes under a form's name.
//! Nothing panics; every refusal is in Chinese; a clean preview keeps every score within its
//! indicator's points and applies exactly.

use std::cell::RefCell;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::{Reader as _, Xlsx, open_workbook};
use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use proptest::test_runner::TestCaseError;
use rust_xlsxwriter::Workbook;
use zerenshu::io::score_forms::{ScoreImportPreview, apply_import, preview_import, write_forms};
use zerenshu::io::table::cell_text;
use zerenshu::model::Points;
use zerenshu::store::Store;

use super::unit_import::run;
use super::{is_chinese_message, long_text, odd_char, odd_text, text_of};

const YEAR: i32 = 2025;

/// The demo data set in memory, one real form of it, and that form's cells.
struct Setting {
    store: Store,
    _dir: tempfile::TempDir,
    form: PathBuf,
    rows: Vec<Vec<String>>,
    /// The points of every indicator of the year, by id.
    points: HashMap<i64, Points>,
}

impl Setting {
    fn new() -> Self {
        let mut store = Store::open_in_memory().unwrap();
        zerenshu::demo::load(&mut store).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let form = write_forms(&store, YEAR, dir.path())
            .unwrap()
            .into_iter()
            .next()
            .unwrap();
        let mut workbook: Xlsx<_> = open_workbook(&form).unwrap();
        let range = workbook.worksheet_range("自评表").unwrap();
        assert_eq!(range.start(), Some((0, 0)), "the form starts at A1");
        let rows = range
            .rows()
            .map(|cells| cells.iter().map(cell_text).collect())
            .collect();
        let points = store
            .indicator_sets(YEAR)
            .unwrap()
            .into_iter()
            .flat_map(|set| set.indicators)
            .map(|indicator| (indicator.id, indicator.points))
            .collect();
        Self {
            store,
            _dir: dir,
            form,
            rows,
            points,
        }
    }
}

/// A value typed into a cell of the form.
#[derive(Debug, Clone)]
enum Typed {
    Text(String),
    Number(f64),
}

/// A hostile value: odd text (empty, emoji, ideographs beyond the BMP, controls, 10,000
/// characters), number-like text, or a number Excel would store.
fn typed() -> impl Strategy<Value = Typed> {
    let numbers = vec![
        0.0, -0.0, -1.0, 0.1, 5.5, 5.555, 6.0, 99.0, 1e15, 1e300, -1e-300, 2.5e-7,
    ];
    let number_texts = vec![
        "",
        " ",
        "5",
        "5.50",
        "５",
        "五",
        "1e2",
        "-0",
        "+3",
        "0x10",
        "NaN",
        "inf",
        "6.001",
        "9223372036854775807",
        "99999999999999999999",
        "3,5",
        "2025",
        "2024",
        " 2025 ",
        "１",
    ];
    prop_oneof![
        6 => odd_text().prop_map(Typed::Text),
        4 => select(number_texts).prop_map(|text| Typed::Text(text.to_owned())),
        3 => select(numbers).prop_map(Typed::Number),
        2 => any::<f64>()
            .prop_filter("Excel stores finite numbers", |n| n.is_finite())
            .prop_map(Typed::Number),
        1 => long_text().prop_map(Typed::Text),
        1 => text_of(odd_char(), 1..6).prop_map(Typed::Text),
    ]
}

/// Which cells an edit may land in.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// Any cell of the form.
    Anywhere,
    /// A column beyond the form or a row below it.
    Beyond,
    /// The 自评分 cell of an indicator row, where a unit types.
    SelfScore,
}

/// A value typed into one cell.
#[derive(Debug, Clone)]
struct Edit {
    row: Index,
    column: Index,
    place: Place,
    value: Typed,
}

/// A self score a unit would type: mostly within a few points, as a number or as text.
fn self_score() -> impl Strategy<Value = Typed> {
    let hundredths = 0_u32..=800;
    prop_oneof![
        3 => hundredths.clone().prop_map(|h| Typed::Number(f64::from(h) / 100.0)),
        1 => hundredths.prop_map(|h| Typed::Text(format!("{}.{:02}", h / 100, h % 100))),
        2 => typed(),
    ]
}

fn edit() -> impl Strategy<Value = Edit> {
    let placed = |place: Place, value: BoxedStrategy<Typed>| {
        (any::<Index>(), any::<Index>(), value).prop_map(move |(row, column, value)| Edit {
            row,
            column,
            place,
            value,
        })
    };
    prop_oneof![
        5 => placed(Place::Anywhere, typed().boxed()),
        1 => placed(Place::Beyond, typed().boxed()),
        6 => placed(Place::SelfScore, self_score().boxed()),
    ]
}

/// The (row, column) of every indicator row's 自评分 cell, counting from 0.
fn self_score_cells(rows: &[Vec<String>]) -> Vec<(usize, usize)> {
    let header = rows
        .iter()
        .position(|cells| cells.iter().any(|c| c == "指标编号"))
        .unwrap();
    let column = |name: &str| rows[header].iter().position(|c| c == name).unwrap();
    let (id, score) = (column("指标编号"), column("自评分"));
    (header + 1..rows.len())
        .filter(|&row| rows[row].get(id).is_some_and(|c| !c.is_empty()))
        .map(|row| (row, score))
        .collect()
}

/// Writes the form's cells with `edits` applied into `out`, on a sheet called `sheet`.
fn write_edited(rows: &[Vec<String>], edits: &[Edit], sheet: &str, out: &Path) {
    let mut cells: Vec<Vec<Typed>> = rows
        .iter()
        .map(|cells| cells.iter().cloned().map(Typed::Text).collect())
        .collect();
    let width = rows.iter().map(Vec::len).max().unwrap_or(1);
    let score_cells = self_score_cells(rows);
    for edit in edits {
        let (row, column) = match edit.place {
            Place::Anywhere => (edit.row.index(rows.len()), edit.column.index(width)),
            Place::Beyond => (rows.len() + edit.row.index(3), width + edit.column.index(3)),
            Place::SelfScore => *edit.row.get(&score_cells),
        };
        if cells.len() <= row {
            cells.resize(row + 1, Vec::new());
        }
        let line = &mut cells[row];
        if line.len() <= column {
            line.resize(column + 1, Typed::Text(String::new()));
        }
        line[column] = edit.value.clone();
    }
    let mut workbook = Workbook::new();
    let worksheet = workbook.add_worksheet();
    worksheet.set_name(sheet).unwrap();
    for (row, line) in (0_u32..).zip(&cells) {
        for (column, cell) in (0_u16..).zip(line) {
            match cell {
                Typed::Text(text) if text.is_empty() => {}
                Typed::Text(text) => {
                    worksheet.write_string(row, column, text).unwrap();
                }
                Typed::Number(value) => {
                    worksheet.write_number(row, column, *value).unwrap();
                }
            }
        }
    }
    workbook.save(out).unwrap();
}

/// Every refusal is in Chinese; every change keeps the self score within its indicator's
/// points; a clean preview applies and the stored scores are then as previewed.
fn check_outcome(
    setting: &RefCell<Setting>,
    preview: &ScoreImportPreview,
) -> Result<(), TestCaseError> {
    for rejected in &preview.rejected {
        prop_assert!(
            is_chinese_message(&rejected.reason),
            "{:?}",
            rejected.reason
        );
    }
    let points = setting.borrow().points.clone();
    for change in &preview.changes {
        let most = points.get(&change.indicator_id);
        prop_assert!(most.is_some(), "unknown indicator {}", change.indicator_id);
        if let (Some(after), Some(most)) = (change.self_after, most) {
            prop_assert!(after <= *most, "{after} above {most}");
        }
    }
    if preview.rejected.is_empty() && !preview.changes.is_empty() {
        let mut setting = setting.borrow_mut();
        let applied = apply_import(&mut setting.store, preview)
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        // Every change counted once: a score written, or only its note.
        let notes_only = (preview.changes.iter())
            .filter(|change| change.self_before == change.self_after)
            .count();
        prop_assert_eq!(applied.notes_only, notes_only);
        prop_assert_eq!(applied.count + applied.notes_only, preview.changes.len());
        let scores = setting.store.scores(YEAR).unwrap();
        for change in &preview.changes {
            let stored = scores.iter().find(|s| {
                (s.agreement_id, s.indicator_id) == (change.agreement_id, change.indicator_id)
            });
            prop_assert_eq!(stored.and_then(|s| s.self_score), change.self_after);
        }
    }
    Ok(())
}

/// Hostile values typed anywhere into a real form preview without panic: refused in Chinese,
/// or clean, within the points, and applied exactly.
#[test]
fn hostile_cells_in_a_form_are_refused_in_chinese_or_imported_exactly() {
    let setting = RefCell::new(Setting::new());
    let rows = setting.borrow().rows.clone();
    let dir = tempfile::tempdir().unwrap();
    let strategy = (
        vec(edit(), 1..6),
        select(vec!["自评表", "自评表", "Sheet1", "😀表"]),
    );
    run(160, &strategy, |(edits, sheet)| {
        let out = dir.path().join("填好的自评表.xlsx");
        write_edited(&rows, &edits, sheet, &out);
        let preview = preview_import(&setting.borrow().store, YEAR, std::slice::from_ref(&out))
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        check_outcome(&setting, &preview)
    })
    .unwrap();
}

/// Damaged, cut, random and text bytes under a form's name are refused in Chinese, or read
/// and checked like any form.
#[test]
fn damaged_bytes_under_a_form_name_are_refused_in_chinese() {
    let setting = RefCell::new(Setting::new());
    let form = std::fs::read(&setting.borrow().form).unwrap();
    let form_length = form.len();
    let dir = tempfile::tempdir().unwrap();
    let bytes = prop_oneof![
        3 => (
            proptest::option::of(any::<Index>()),
            vec((any::<Index>(), any::<u8>()), 0..8),
        )
            .prop_map(move |(cut, overwrites)| {
                let mut bytes = form.clone();
                for (at, byte) in overwrites {
                    let at = at.index(bytes.len());
                    bytes[at] = byte;
                }
                if let Some(cut) = cut {
                    bytes.truncate(cut.index(bytes.len()));
                }
                bytes
            }),
        1 => vec(any::<u8>(), 0..600),
        1 => odd_text().prop_map(String::into_bytes),
    ];
    run(128, &bytes, |bytes| {
        let out = dir.path().join("自评表.xlsx");
        std::fs::write(&out, &bytes).unwrap();
        let preview = preview_import(&setting.borrow().store, YEAR, std::slice::from_ref(&out))
            .map_err(|error| TestCaseError::fail(error.to_string()))?;
        let is_whole = bytes.len() == form_length;
        prop_assert!(
            !preview.rejected.is_empty() || is_whole,
            "a cut or foreign file was not refused"
        );
        check_outcome(&setting, &preview)
    })
    .unwrap();
}
