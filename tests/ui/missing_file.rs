//! A database file that is not there, or empty: said to be made new, its backups beside it
//! offered, rebuilt or made anew leaving them; an empty file said to be empty before the clerk
//! starts over.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::PathBuf;

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::store::Store;
use zerenshu::ui::{App, Command};

use crate::safety::toasts;
use crate::support::{click, demo_file};

#[test]
fn an_empty_file_without_backups_is_said_to_be_empty_before_the_clerk_starts_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zerenshu.sqlite3");
    std::fs::write(&db, b"").unwrap();
    let reopened = db.clone();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| App::new(cc, &db));
    harness.run();
    harness.get_by_label_contains("注意：这个数据库文件原来是空的（0 字节）");
    // Restoring is what is offered first.
    let restore = harness.get_by_label("从备份恢复（换了电脑，或要找回以前的数据）");
    assert_eq!(
        restore.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    assert!(
        harness.query_by_label_contains("原来不存在").is_none(),
        "an empty file was there"
    );
    // The window closed without a choice: the file now holds an empty register, and the next
    // start still says what was found, with restoring offered first.
    drop(harness);
    assert!(std::fs::metadata(&reopened).unwrap().len() > 0);
    let harness = window_on(&reopened);
    harness.get_by_label_contains("注意：这个数据库文件原来是空的（0 字节）");
    let restore = harness.get_by_label("从备份恢复（换了电脑，或要找回以前的数据）");
    assert_eq!(
        restore.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

/// A file named that is not there is made (the window needs one), and said to be new, with its
/// path, before the clerk starts in it: the path may be mistyped, a drive not connected.
#[test]
fn a_database_file_not_there_is_said_to_be_made_new() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("写错的路径.sqlite3");
    let opened = db.clone();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| App::new(cc, &opened));
    harness.run();
    harness.get_by_label_contains("指定的数据库文件原来不存在，已在该位置新建");
    harness.get_by_label(&format!("数据库文件：{}", db.display()));
    // Closed without a choice, started again: still said, until the clerk starts, as made by
    // the start before (the file is there now).
    drop(harness);
    let mut harness = window_on(&db);
    harness
        .get_by_label_contains("这个数据库文件是此前一次启动时在这里新建的（当时该位置没有文件）");
    assert!(harness.query_by_label_contains("原来不存在").is_none());
    click(&mut harness, "开始使用");
    harness.run();
    drop(harness);
    let harness = window_on(&db);
    assert!(
        harness.query_by_label_contains("此前一次启动时").is_none(),
        "said no more once the clerk started"
    );
    assert!(harness.query_by_label("开始使用").is_none());
}

/// A demo file with a backup beside it, then deleted (its `-wal` and `-shm` too): its folder,
/// path and backup.
fn lost_demo_file() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let backup = Store::open(&db)
        .unwrap()
        .auto_backup(zerenshu::store::BackupReason::Manual)
        .unwrap()
        .unwrap();
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    (dir, db, backup)
}

/// The window started on `db`, as `zerenshu --db` starts it.
fn window_on(db: &std::path::Path) -> Harness<'static, App> {
    let opened = db.to_owned();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| App::new(cc, &opened));
    harness.run();
    harness
}

/// A file gone (moved, deleted) with its backups still beside where it was is not made anew
/// under them: the window offers the backups, rebuilds the file from one after a question, and
/// says the restore replaced all there was.
#[test]
fn a_missing_file_with_backups_beside_it_offers_them_and_is_rebuilt() {
    let (_dir, db, backup) = lost_demo_file();
    let mut harness = window_on(&db);
    harness.get_by_label("找不到数据库文件");
    assert!(!db.exists(), "nothing made before the clerk chooses");
    assert!(harness.query_by_label("只读查看损坏的文件").is_none());
    harness.get_by_label("不恢复，在原处新建数据库");
    click(&mut harness, "用此备份恢复…");
    harness.get_by_label_contains("将在原处重建数据库：");
    click(&mut harness, "确认恢复");
    harness.run();
    assert!(
        harness.state().store().is_some(),
        "the rebuilt file is open"
    );
    assert!(toasts(&harness).contains("已从备份恢复，数据库文件已在原处重建"));
    let store = harness.state().store().unwrap();
    assert_eq!(store.units().unwrap().len(), 45);
    assert!(backup.exists(), "the backup itself is kept");
    let log = store.audit_entries(20).unwrap();
    assert!(log.iter().any(|e| e.action == "恢复备份"));
}

/// Made anew where the missing file was, when the clerk asks: the welcome says it was not
/// there, and the old backups stay.
#[test]
fn a_missing_file_can_be_made_anew_leaving_its_backups() {
    let (_dir, db, backup) = lost_demo_file();
    let mut harness = window_on(&db);
    click(&mut harness, "不恢复，在原处新建数据库");
    harness.run();
    harness.get_by_label_contains("注意：这里原来的数据库文件不见了");
    harness.get_by_label_contains("它以前的备份仍在 backups 文件夹中，没有删除");
    // Restoring is still what is offered first, not the demo over the office's own path.
    let restore = harness.get_by_label("从备份恢复（换了电脑，或要找回以前的数据）");
    assert_eq!(
        restore.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    assert!(db.exists() && backup.exists());
    // Closed without a choice: the next start still says the file was lost.
    drop(harness);
    let mut harness = window_on(&db);
    harness.get_by_label_contains("注意：这里原来的数据库文件不见了");
    // Its own backup, chosen to restore, is said to bring back everything, losing nothing:
    // the new file's note of what was found is no operation of the clerk's to undo.
    click(&mut harness, "去恢复备份");
    harness.get_by_label("从其他备份文件恢复…");
    harness
        .state_mut()
        .queue_command(Command::InspectBackup(backup.clone()));
    harness.run();
    harness.run();
    click(&mut harness, "恢复此备份…");
    harness.get_by_label_contains("当前数据库中还没有数据，恢复后即为备份中的全部数据");
    // Nothing here to keep: not said to be backed up first.
    assert!(
        harness
            .query_by_label_contains("恢复前，程序会先把当前数据备份")
            .is_none()
    );
    assert!(
        harness
            .query_by_label_contains("不是当前这份数据的备份")
            .is_none()
    );
}

/// A new database opens at its register, whatever screen the window was left on with another.
#[test]
fn a_new_database_opens_at_the_register() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("新.sqlite3"));
    let left_on = crate::support::showing(zerenshu::ui::View::Settings, 2025);
    let harness = crate::support::window(store, left_on, [1280.0, 800.0]);
    harness.get_by_label("欢迎使用目标责任书管理");
    assert_eq!(harness.state().state().view, zerenshu::ui::View::Units);
}
