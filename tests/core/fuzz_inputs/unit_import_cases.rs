//! Worked cases the unit import properties once found: the largest sort order followed by
//! none, a second header line, and a unit named as it already is.

use zerenshu::io::{preview, read_table};
use zerenshu::model::unit::MAX_SORT_ORDER;

use super::unit_import::DEMO;
use super::unit_import_check::check_preview;

/// Found by `valid_rows_preview_and_apply_exactly`: a 排序号 of `i64::MAX` followed by a row
/// without one overflowed in `preview`, a panic in debug builds and a wrap to `i64::MIN` (the
/// new unit first in every list) in release builds. Since then the largest allowed is far
/// smaller, and the row after it takes it too.
#[test]
fn largest_sort_order_followed_by_none_previews() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.csv");
    let csv = "单位名称,单位类型,考核类别,排序号\n一街道,街道,镇街,999999\n丁街道,街道,镇街,\n乙街道,街道,镇街,9223372036854775807\n";
    std::fs::write(&path, csv).unwrap();
    let table = read_table(&path).unwrap();
    let preview = preview(&table, &DEMO.0, &DEMO.1).unwrap();
    let orders: Vec<i64> = (preview.additions.iter())
        .map(|addition| addition.draft.sort_order)
        .collect();
    // The largest allowed since, and no further: the one past it is refused.
    assert_eq!(orders, [MAX_SORT_ORDER, MAX_SORT_ORDER]);
    assert_eq!(preview.rejected.len(), 1);
}

/// Found by `csv_cells_read_back_exactly`: a row of one known column's name under a header
/// blank above it is the header's second line, not a unit; the check of every row accounted
/// for counts from the header the import read.
#[test]
fn a_second_header_line_is_no_unit() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.csv");
    std::fs::write(&path, ",单位名称\n简称\n").unwrap();
    let table = read_table(&path).unwrap();
    let preview = preview(&table, &DEMO.0, &DEMO.1).unwrap();
    assert_eq!(preview.header_row, 2);
    assert!(preview.additions.is_empty() && preview.rejected.is_empty());
    assert!(check_preview(&table, &DEMO.0, &DEMO.1).is_ok());
    // Found by `csv_cells_read_back_exactly`: the second line's other cells are column
    // names of the header too ("镇街" over nothing is a column not imported).
    std::fs::write(&path, ",,单位名称\n简称,镇街\n").unwrap();
    let table = read_table(&path).unwrap();
    let two_lines = self::preview(&table, &DEMO.0, &DEMO.1).unwrap();
    assert_eq!(two_lines.unknown_columns, ["镇街"]);
    assert!(check_preview(&table, &DEMO.0, &DEMO.1).is_ok());
}

/// Found by `csv_cells_read_back_exactly`: a registered unit named twice as it is, the second
/// row repeating the first, which matches the unit unchanged (counted, not listed).
#[test]
fn a_unit_as_it_is_named_twice_is_repeated_and_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.csv");
    std::fs::write(&path, "单位名称\n城关街道办事处\n城关街道办事处\n").unwrap();
    let table = read_table(&path).unwrap();
    let preview = preview(&table, &DEMO.0, &DEMO.1).unwrap();
    assert_eq!(preview.unchanged, 1);
    assert_eq!(preview.repeated.len(), 1);
    assert_eq!(preview.repeated[0].first_row_number, 2);
    assert!(check_preview(&table, &DEMO.0, &DEMO.1).is_ok());
}
