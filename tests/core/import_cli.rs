//! The `import units` command as a clerk or a script runs it: a missing file named, nothing
//! written when a row is rejected unless told to skip, a failed backup stopping the import, a
//! good file imported and other types refused.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use zerenshu::model::Unit;
use zerenshu::store::Store;

use crate::import::{named, write_csv, write_xlsx};
use crate::support::zerenshu;

fn units_in(db: &Path) -> Vec<Unit> {
    Store::open_read_only(db).unwrap().units().unwrap()
}

#[test]
fn cli_names_a_missing_file_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_arg]).0, 0);
    let missing = dir.path().join("单位表.xlsx");
    let missing_arg = missing.to_str().unwrap();
    for dry_run in [false, true] {
        let mut args = vec!["import", "units", "--db", db_arg, missing_arg];
        if dry_run {
            args.push("--dry-run");
        }
        let (code, out, err) = zerenshu(&args);
        assert_ne!(code, 0, "{out}{err}");
        assert!(err.contains(&format!("文件不存在：{missing_arg}")), "{err}");
        assert!(!err.contains("os error"), "{err}");
    }
}

#[test]
fn cli_writes_nothing_when_a_row_is_rejected_unless_told_to_skip() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_arg]).0, 0);
    let text = "序号,单位名称,单位类型,考核类别,备注\n1,甲单位,镇,镇街,好\n2,乙单位,部门,四类,坏\n";
    let file = write_csv(dir.path(), "bad.csv", text.as_bytes());
    let file_arg = file.to_str().unwrap();
    let before = units_in(&db);

    let (code, out, err) = zerenshu(&["import", "units", "--db", db_arg, file_arg]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("新增 1 个单位，修改 0 个单位，0 个单位无变化，拒绝 1 行"));
    assert!(
        out.contains("第 3 行（乙单位）：考核类别“四类”不存在"),
        "{out}"
    );
    assert!(out.contains("未识别的列（已忽略）：备注；"), "{out}");
    // The rows' count is known, and not imported: not said to be unrecognised.
    assert!(out.contains("序号列只是行的编号，不导入"), "{out}");
    assert!(err.contains("没有写入任何数据"), "{err}");
    assert_eq!(units_in(&db), before, "store unchanged");

    let args = [
        "import",
        "units",
        "--skip-rejected",
        "--yes",
        "--db",
        db_arg,
        file_arg,
    ];
    let (code, out, err) = zerenshu(&args);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("已写入：新增 1 个单位，修改 0 个单位"),
        "{out}"
    );
    let after = units_in(&db);
    assert_eq!(after.len(), before.len() + 1);
    assert!(after.iter().any(|u| u.fields.name == "甲单位"));
    // The log says the rejected row was passed over.
    let store = zerenshu::store::Store::open_read_only(&db).unwrap();
    let entry = (store.audit_entries(50).unwrap().into_iter())
        .find(|e| e.action == "导入单位")
        .unwrap();
    let after = entry.after_json.unwrap();
    assert!(after.contains(r#""skipped":1"#), "{after}");
}

#[test]
fn an_import_whose_backup_fails_says_so_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_arg]).0, 0);
    let before = units_in(&db);
    // A file where the backups folder should be: no backup can be written into it.
    std::fs::remove_dir_all(dir.path().join("backups")).ok();
    std::fs::write(dir.path().join("backups"), "不是文件夹").unwrap();
    let file = dir.path().join("units.xlsx");
    write_xlsx(&file);
    let (code, out, err) = zerenshu(&[
        "import",
        "units",
        "--yes",
        "--db",
        db_arg,
        file.to_str().unwrap(),
    ]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(
        err.contains("导入前的自动备份没有成功，为免出错后无法挽回，本次导入没有进行"),
        "{err}"
    );
    // Why, in words: the backups folder is a file.
    assert!(
        err.contains("数据库旁的 backups 不是文件夹而是一个文件"),
        "{err}"
    );
    assert_eq!(units_in(&db), before, "nothing written");
}

#[test]
fn cli_imports_a_good_file_and_refuses_other_types() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_arg]).0, 0);
    let before = units_in(&db);
    let file = dir.path().join("units.xlsx");
    write_xlsx(&file);
    let file_arg = file.to_str().unwrap();
    // Run from a script without --yes: the preview, then nothing written.
    let (code, out, err) = zerenshu(&["import", "units", "--db", db_arg, file_arg]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("确认要执行请加 --yes"), "{err}");
    assert_eq!(units_in(&db), before, "nothing written untold");
    let (code, out, err) = zerenshu(&["import", "units", "--yes", "--db", db_arg, file_arg]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("修改 第 4 行：城关街道办事处："), "{out}");
    assert!(
        out.contains("已写入：新增 2 个单位，修改 1 个单位"),
        "{out}"
    );
    let after = units_in(&db);
    assert_eq!(after.len(), before.len() + 2);
    assert_eq!(
        named(&after, "城关街道办事处").fields.contact_phone,
        "0399-8612345"
    );

    let png = write_csv(dir.path(), "photo.png", b"\x89PNG");
    let (code, _, err) = zerenshu(&["import", "units", "--db", db_arg, png.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("不支持的文件类型，请使用 .xlsx 或 .csv"),
        "{err}"
    );
    assert_eq!(units_in(&db), after);
}

/// An old list imported after a unit was renamed: the row under its former name is said to
/// be that unit's 曾用名, not silently a new unit.
#[test]
fn a_row_named_as_a_unit_was_before_its_rename_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_arg]).0, 0);
    {
        let mut store = Store::open(&db).unwrap();
        let units = store.units().unwrap();
        let mut unit = named(&units, "示例市应急管理局").clone();
        unit.fields.name = "示例市应急管理和消防局".to_owned();
        store
            .write(|w| w.update_unit(unit.id, &unit.fields))
            .unwrap();
    }
    let text = "单位名称,单位类型,考核类别\n示例市应急管理局,部门,一类\n";
    let file = write_csv(dir.path(), "old.csv", text.as_bytes());
    let (code, out, err) = zerenshu(&[
        "import",
        "units",
        "--db",
        db_arg,
        file.to_str().unwrap(),
        "--dry-run",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let said = format!("{out}{err}");
    assert!(
        said.contains("第 2 行“示例市应急管理局”是在用单位“示例市应急管理和消防局”的曾用名：如是同一单位，请在“单位名称”列写“示例市应急管理和消防局”，否则导入会另建一个单位"),
        "{said}"
    );
}
