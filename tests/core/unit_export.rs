//! The unit list written as a workbook in the import's columns: read back, it is the register
//! unchanged; emptied of its units, it is the template for a new one; and `zerenshu units
//! --xlsx` writes it as a script would.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use zerenshu::io::{preview, read_unit_file, read_unit_table, write_units};
use zerenshu::store::Store;

use crate::support::{demo_db, demo_store, zerenshu};

#[test]
fn the_list_imported_back_changes_nothing() {
    let mut store = demo_store();
    // A phone with a leading 0 and an extension, and an archived unit (not listed).
    let units = store.units().unwrap();
    let phoned = &units[0];
    let mut draft = phoned.fields.clone();
    draft.contact_phone = "0101-86001234转8021".to_owned();
    store.write(|w| w.update_unit(phoned.id, &draft)).unwrap();
    let archived = units.last().unwrap();
    store
        .write(|w| w.set_unit_active(archived.id, false))
        .unwrap();
    let active = units.len() - 1;

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(zerenshu::io::units_file_name());
    assert_eq!(write_units(&store, &path).unwrap(), active);
    let file = read_unit_file(&path).unwrap();
    let table = &file.table;
    // The import's own columns, in its order.
    assert_eq!(table.header.join("、"), zerenshu::io::known_headers());
    assert_eq!(table.header[0], "单位名称");
    assert_eq!(table.header[7], "联系电话");
    assert_eq!(table.rows.len(), active);
    let first = &table.rows[0].cells;
    assert_eq!(first[0], phoned.fields.name);
    assert_eq!(first[7], "0101-86001234转8021", "the phone as text, whole");
    assert_eq!(
        first[8],
        phoned.fields.sort_order.to_string(),
        "a whole number"
    );
    assert!(
        table
            .rows
            .iter()
            .all(|row| row.cells[0] != archived.fields.name),
        "an archived unit is not in the list"
    );

    let units = store.units().unwrap();
    let read_back = preview(table, &units, &store.categories().unwrap()).unwrap();
    assert!(read_back.additions.is_empty(), "{:?}", read_back.additions);
    assert!(read_back.changes.is_empty(), "{:?}", read_back.changes);
    assert!(read_back.rejected.is_empty(), "{:?}", read_back.rejected);
    assert_eq!(read_back.unchanged, active);
}

#[test]
fn the_list_of_a_register_with_no_units_is_the_import_s_template() {
    let store = Store::open_in_memory().unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("模板.xlsx");
    assert_eq!(write_units(&store, &path).unwrap(), 0);
    // Only its header, the columns the import reads, to be filled in.
    let table = read_unit_table(&path).unwrap();
    assert!(table.rows.is_empty());
    assert_eq!(table.header.join("、"), zerenshu::io::known_headers());
}

#[test]
fn the_cli_writes_the_list_and_refuses_to_replace_a_file_unasked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let out = dir.path().join("单位名单.xlsx");
    let out_str = out.to_str().unwrap();
    let (code, stdout, stderr) = zerenshu(&["units", "--db", &db, "--xlsx", out_str]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    assert!(stderr.contains("已写入单位名单（45 个单位）"), "{stderr}");
    assert!(stdout.starts_with("名称\t简称\t类别"), "{stdout}");
    let listed = read_unit_table(&out).unwrap().rows.len();
    assert_eq!(listed, 45);

    let (code, _, stderr) = zerenshu(&["units", "--db", &db, "--xlsx", out_str]);
    assert_ne!(code, 0);
    assert!(stderr.contains("--xlsx（单位名单）"), "{stderr}");
    let (code, _, stderr) = zerenshu(&["units", "--db", &db, "--xlsx", out_str, "--force"]);
    assert_eq!(code, 0, "{stderr}");
    // Imported back as the clerk would after correcting it: nothing to write.
    let (code, stdout, stderr) = zerenshu(&["import", "units", "--db", &db, out_str, "--dry-run"]);
    assert_eq!(code, 0, "{stdout}{stderr}");
    let said = format!("{stdout}{stderr}");
    assert!(
        said.contains("新增 0 个单位，修改 0 个单位，45 个单位无变化，拒绝 0 行"),
        "{said}"
    );
    // Nothing to write is said so, not how to write it.
    assert!(said.contains("预览完毕：没有要写入的修改"), "{said}");
    assert!(!said.contains("去掉 --dry-run"), "{said}");
}
