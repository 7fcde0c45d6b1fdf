//! The screen for a damaged file: which backup it offers first (not the data a restore just
//! replaced), the damage said once in Chinese with SQLite's findings folded away, and dates
//! written the Chinese way in its confirmation; without a backup, the backups folder it looked
//! in, by full path.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::dates::show_date_time_with_seconds;
use zerenshu::store::{BackupFile, BackupReason, Store, backup};

use crate::damage::damage_agreements;
use crate::support::start;

/// A demo file with one manual backup, returned with that backup.
fn demo_with_backup(dir: &Path) -> (PathBuf, BackupFile) {
    let db = dir.join("zerenshu.sqlite3");
    let mut store = Store::open(&db).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    store.auto_backup(BackupReason::Manual).unwrap();
    drop(store);
    let manual = backup::list_backups(&db).remove(0);
    assert_eq!(manual.reason, BackupReason::Manual);
    (db, manual)
}

/// A copy of `from` named as a "恢复备份前" backup taken `minutes` later.
fn restore_backup_after(from: &BackupFile, minutes: i64) -> chrono::NaiveDateTime {
    let at = from.taken_at + chrono::Duration::minutes(minutes);
    let name = format!("zerenshu-{}-restore.sqlite3", at.format("%Y%m%d-%H%M%S"));
    std::fs::copy(&from.path, from.path.with_file_name(name)).unwrap();
    at
}

#[test]
fn the_data_a_restore_replaced_is_not_offered_first() {
    let dir = tempfile::tempdir().unwrap();
    let (db, manual) = demo_with_backup(dir.path());
    restore_backup_after(&manual, 5);
    damage_agreements(&db);
    let mut harness = start(Store::open(&db));
    let offered = format!(
        "建议使用的完好备份：{}（手动备份）",
        show_date_time_with_seconds(manual.taken_at)
    );
    harness.get_by_label(&offered);
    harness.get_by_label_contains("更新的“恢复备份前”备份保存的是上次恢复时被替换掉的数据");
    harness.get_by_label("用此备份恢复…").click();
    harness.run();
    // The confirmation dates it as everywhere else, with its reason.
    harness.get_by_label(&format!(
        "备份时间：{}\n备份原因：手动备份",
        show_date_time_with_seconds(manual.taken_at)
    ));
    // To the second: two backups of one minute are told apart.
    let seconds = manual.taken_at.format("%H:%M:%S").to_string();
    assert!(offered.contains(&seconds), "{offered}");
    let iso = manual.taken_at.format("%Y-%m-%d").to_string();
    assert!(harness.query_by_label_contains(&iso).is_none());
}

#[test]
fn a_restore_backup_is_offered_when_nothing_else_is_good() {
    let dir = tempfile::tempdir().unwrap();
    let (db, manual) = demo_with_backup(dir.path());
    let at = restore_backup_after(&manual, 5);
    std::fs::remove_file(&manual.path).unwrap();
    damage_agreements(&db);
    let harness = start(Store::open(&db));
    harness.get_by_label(&format!(
        "最新的完好备份：{}（恢复备份前）",
        show_date_time_with_seconds(at)
    ));
}

/// Damage that came while the window was open, in pages nothing read since, is found by the
/// next backup's check: the window stops there and offers the backup, writing nothing more.
#[test]
fn damage_found_by_a_backup_stops_the_window_and_offers_a_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (db, manual) = demo_with_backup(dir.path());
    let mut harness = start(Store::open(&db));
    crate::support::click(&mut harness, "设置");
    crate::support::click(&mut harness, "备份与恢复");
    damage_agreements(&db);
    let damaged = std::fs::read(&db).unwrap();
    harness.get_by_label("立即备份").click();
    let stopped = crate::support::wait_until(&mut harness, |h| {
        h.query_all_by_label_contains("数据库文件已损坏")
            .next()
            .is_some()
    });
    assert!(stopped, "the damage went unnoticed");
    // Not "not written to": the window worked in it until now.
    harness.get_by_label_contains(
        "发现损坏后程序已停止写入该文件；此前本次所做的修改可能已写入损坏的文件",
    );
    assert!(
        harness
            .query_by_label_contains("程序没有写入该文件")
            .is_none()
    );
    // The good backup taken before is offered.
    let taken = zerenshu::model::dates::show_date_time_with_seconds(manual.taken_at);
    harness.get_by_label_contains(&taken);
    assert!(
        harness.state().store().is_none(),
        "the damaged file is closed"
    );
    drop(harness);
    assert!(
        std::fs::read(&db).unwrap() == damaged,
        "nothing more written"
    );
}

/// Damage met by the backup a restore takes first: the screen for a damaged file takes over
/// (the file is kept aside from there), rather than a toast telling the clerk to restore.
#[test]
fn damage_met_restoring_turns_to_the_damaged_file_screen() {
    let dir = tempfile::tempdir().unwrap();
    let (db, manual) = demo_with_backup(dir.path());
    let mut harness = start(Store::open(&db));
    damage_agreements(&db);
    let damaged = std::fs::read(&db).unwrap();
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::RestoreBackup(manual.path.clone()));
    harness.run();
    harness.get_by_label_contains("发现损坏后程序已停止写入该文件");
    assert!(
        harness.state().store().is_none(),
        "the damaged file is closed"
    );
    assert!(
        !harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("恢复失败")),
        "not a toast"
    );
    drop(harness);
    assert!(
        std::fs::read(&db).unwrap() == damaged,
        "nothing more written"
    );
}

#[test]
fn the_damage_is_said_once_in_chinese_with_the_findings_folded_away() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    damage_agreements(&db);
    let error = Store::open(&db).err().unwrap();
    let details = error
        .technical_details()
        .expect("SQLite's findings for this damage")
        .to_owned();
    let mut harness = start(Err(error));
    assert_eq!(
        harness
            .get_all_by_label_contains("数据库文件已损坏")
            .count(),
        1,
        "the heading, not repeated by the message"
    );
    harness.get_by_label_contains("为免损坏扩大，程序没有写入该文件");
    assert!(
        harness.query_by_label(&details).is_none(),
        "SQLite's English only when asked for"
    );
    harness.get_by_label("技术细节（供技术人员查看）").click();
    harness.run();
    harness.get_by_label(&details);
}

#[test]
fn a_damaged_file_sqlite_can_still_read_can_be_looked_at_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER scans_kept_update;
         UPDATE scans SET bytes = x'00' WHERE rowid = (SELECT min(rowid) FROM scans);",
    )
    .unwrap();
    drop(conn);
    let mut harness = start(Store::open(&db));
    harness.get_by_label("只读查看损坏的文件").click();
    harness.run();
    harness.run();
    harness.get_by_label_contains("数据库以只读方式打开：文件已损坏，仅供查看");
    // The register is there to read.
    harness.get_by_label("城关街道办事处");
    let store = harness.state().store().unwrap();
    assert!(store.read_only_reason().is_some());
    // A backup of it would carry the damage on: not offered, and said why.
    crate::support::click(&mut harness, "设置");
    crate::support::click(&mut harness, "备份与恢复");
    harness.get_by_label_contains("文件已损坏，备份会把损坏一并带入副本");
    assert!(
        harness
            .get_by_label("备份到其他位置…")
            .accesskit_node()
            .is_disabled()
    );
    // The way back to the backups, without closing the program.
    harness.get_by_label("从备份恢复…").click();
    harness.run();
    harness.run();
    assert!(harness.state().store().is_none());
    harness.get_by_label("只读查看损坏的文件");
    harness.get_by_label("用此备份恢复…");
}

/// A file that opens to be read, but whose damage lies in what the window shows first (a
/// name's bytes that are no text, an index of the agreements overwritten): the button is grey
/// from the start, saying why, not offered only to fail.
#[test]
fn a_file_whose_shown_data_are_damaged_is_not_offered_to_look_at() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    let changed = conn
        .execute(
            "UPDATE units SET principal_name = CAST(x'FFFEFD' AS TEXT) WHERE name = '杨柳镇人民政府'",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    drop(conn);
    let index = dir.path().join("index.sqlite3");
    std::fs::copy(&db, &index).unwrap();
    overwrite_index(&index, "sqlite_autoindex_agreements_1");
    for db in [db, index] {
        let harness = start(Store::open(&db));
        harness.get_by_label_contains("数据库文件已损坏");
        let button = harness.get_by_label("只读查看损坏的文件");
        assert!(button.accesskit_node().is_disabled(), "{}", db.display());
        harness.get_by_label("（损坏之处在打开时就要读取的数据中，无法只读打开查看）");
    }
}

/// A file whose damage lies in a table the window does not read at opening (the records of
/// exported files) is offered to look at, as the commands read it.
#[test]
fn a_file_damaged_only_where_the_window_does_not_read_at_first_is_looked_at() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    overwrite_index(&db, "exports");
    let harness = start(Store::open(&db));
    harness.get_by_label_contains("数据库文件已损坏");
    let button = harness.get_by_label("只读查看损坏的文件");
    assert!(!button.accesskit_node().is_disabled());
}

/// A file whose damage lies in an index of the audit log, which the window reads only for
/// what it tells beside the data (codes voided, exports, publication): offered to look at,
/// and opened read-only with the register and the agreements to read, as the commands read
/// them.
#[test]
fn a_file_damaged_in_the_audit_log_s_index_is_looked_at() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    overwrite_index(&db, "audit_log_entity");
    let mut harness = start(Store::open(&db));
    harness.get_by_label_contains("数据库文件已损坏");
    let button = harness.get_by_label("只读查看损坏的文件");
    assert!(!button.accesskit_node().is_disabled());
    button.click();
    harness.run();
    harness.run();
    harness.get_by_label_contains("数据库以只读方式打开：文件已损坏，仅供查看");
    harness.get_by_label("城关街道办事处");
    crate::support::click(&mut harness, "责任书");
    harness.get_by_label_contains("城关街道");
}

/// Overwrites the first page of the index (or table) `name` of `db` with bytes that are no
/// b-tree page: the other tables still read through, it is met where a read uses it.
fn overwrite_index(db: &Path, name: &str) {
    use std::io::{Seek as _, SeekFrom, Write as _};
    let conn = rusqlite::Connection::open(db).unwrap();
    let page_size: i64 = conn
        .query_row("PRAGMA page_size", [], |r| r.get(0))
        .unwrap();
    let root: i64 = conn
        .query_row(
            "SELECT rootpage FROM sqlite_schema WHERE name = ?1",
            [name],
            |r| r.get(0),
        )
        .unwrap();
    drop(conn);
    let mut file = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    let at = u64::try_from((root - 1) * page_size).unwrap();
    file.seek(SeekFrom::Start(at)).unwrap();
    file.write_all(&vec![0xA5; usize::try_from(page_size).unwrap()])
        .unwrap();
}

/// A file whose damage SQLite's check finds but whose tables all read (a log entry that is no
/// JSON, as overwritten bytes leave it) is offered to look at, and opens read-only.
#[test]
fn a_file_whose_check_fails_but_that_reads_is_looked_at_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    crate::damage::break_a_log_entry(&db);
    let before = std::fs::read(&db).unwrap();
    let mut harness = start(Store::open(&db));
    harness.get_by_label_contains("数据库文件已损坏");
    harness.get_by_label("只读查看损坏的文件").click();
    harness.run();
    harness.run();
    let store = harness.state().store().expect("looked at");
    assert!(store.read_only_reason().is_some());
    assert_eq!(store.agreements(2025).unwrap().len(), 45);
    // Printed from as any read-only window prints (the print file is read as the window
    // reads the file), nothing marked.
    let final_one = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Final)
        .unwrap();
    harness.state_mut().set_file_opener(|_| Ok(()));
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::PrintAgreements {
            ids: vec![final_one.id],
            copies: None,
        });
    crate::support::wait_for_toast(&mut harness, "已生成");
    drop(harness);
    assert_eq!(std::fs::read(&db).unwrap(), before, "never written");
}

/// A file that does not open even to be read offers no button that would only fail.
#[test]
fn a_file_damaged_beyond_reading_is_not_offered_to_look_at() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    damage_agreements(&db);
    let mut harness = start(Store::open(&db));
    let button = harness.get_by_label("只读查看损坏的文件");
    assert!(button.accesskit_node().is_disabled());
    button.click();
    harness.run();
    assert!(harness.state().store().is_none());
}

#[test]
fn without_backups_the_folder_looked_in_is_named() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    let backups = backup::backup_folder(&db);
    std::fs::remove_dir_all(&backups).unwrap();
    damage_agreements(&db);
    let harness = start(Store::open(&db));
    harness.get_by_label(&format!("没有找到备份文件夹：{}", backups.display()));
    // No backup below to restore from: the way that is left is said.
    harness.get_by_label_contains("可以用别处的备份文件恢复（点“选择其他备份文件…”）");
    assert!(
        harness
            .query_by_label_contains("可以用下面的备份恢复")
            .is_none()
    );
    // The path after the advice is the damaged file's, said so.
    harness.get_by_label_contains(&format!("请从备份恢复（损坏的文件：{}）", db.display()));

    std::fs::create_dir(&backups).unwrap();
    let harness = start(Store::open(&db));
    harness.get_by_label(&format!(
        "备份文件夹中没有这个数据库（{}）的完好备份：{}",
        db.file_name().unwrap().to_string_lossy(),
        backups.display()
    ));
}

#[test]
fn the_damaged_file_picked_as_its_own_backup_is_named_as_itself() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    damage_agreements(&db);
    let mut harness = start(Store::open(&db));
    harness.get_by_label("选择其他备份文件…").click();
    harness.run();
    crate::support::retype_any(&mut harness, "路径", db.to_str().unwrap());
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("就是损坏的数据库文件本身，不是它的备份");
    assert!(harness.query_by_label_contains("这个备份已损坏").is_none());
}

#[test]
fn a_failed_backup_of_the_day_stays_on_screen_with_the_way_to_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (bad, _) = demo_with_backup(dir.path());
    damage_agreements(&bad);
    // Another database whose backups folder cannot be made: a file holds its name.
    let other_dir = dir.path().join("其他");
    std::fs::create_dir(&other_dir).unwrap();
    let good = crate::support::demo_file(&other_dir);
    std::fs::write(backup::backup_folder(&good), b"not a folder").unwrap();
    let mut harness = start(Store::open(&bad));
    harness.get_by_label("打开其他数据库文件…").click();
    harness.run();
    crate::support::retype_any(&mut harness, "路径", good.to_str().unwrap());
    harness.key_press(egui::Key::Enter);
    harness.run();
    // The day's backup runs off the UI thread: its failure is said once it has run.
    let said = crate::support::wait_until(&mut harness, |h| {
        h.query_by_label_contains("今天的自动备份没有成功")
            .is_some()
    });
    assert!(said, "the failed backup of the day is said");
    // A warning with a button: it stays until closed.
    harness.get_by_label("打开备份文件夹");
}

/// A damaged backup chosen in 设置 → 备份与恢复 is refused under its path, which is not said
/// a second time at the end of the refusal.
#[test]
fn a_damaged_backup_looked_at_is_refused_under_its_path_once() {
    let dir = tempfile::tempdir().unwrap();
    let (db, manual) = demo_with_backup(dir.path());
    damage_agreements(&manual.path);
    let mut harness = start(Store::open(&db));
    harness.get_by_label("设置").click();
    harness.run();
    harness.get_by_label("备份与恢复").click();
    harness.run();
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::InspectBackup(manual.path.clone()));
    harness.run();
    harness.get_by_label(&format!("备份文件：{}", manual.path.display()));
    harness.get_by_label_contains("这个备份已损坏（");
    harness.get_by_label_contains("不能用来恢复，请选择别的备份");
    assert!(
        harness
            .query_by_label_contains(&format!("请选择别的备份：{}", manual.path.display()))
            .is_none(),
        "the path is said once"
    );
}

/// A window on the damaged file opens the file again once another window (or a command) has
/// restored a backup in its place, rather than go on saying it is damaged.
#[test]
fn a_damaged_screen_opens_the_file_again_once_another_restored_it() {
    let dir = tempfile::tempdir().unwrap();
    let (db, manual) = demo_with_backup(dir.path());
    damage_agreements(&db);
    let mut harness = start(Store::open(&db));
    harness.get_by_label("数据库文件已损坏");
    zerenshu::store::restore_over_damaged(&db, &manual.path).unwrap();
    let said = (0..200).any(|_| {
        harness.step();
        (harness.state().toast_texts())
            .any(|t| t.starts_with("数据库文件已被另一窗口或命令换成了另一个文件"))
    });
    assert!(said, "the window says the file was restored");
    harness.run();
    assert!(harness.query_by_label("数据库文件已损坏").is_none());
    let store = harness.state().store().unwrap();
    assert_eq!(store.units().unwrap().len(), 45);
}

/// 立即备份 pressed from the keyboard greys while the backup runs: the keyboard comes back to
/// it once the backup is done, not left nowhere.
#[test]
fn backing_up_from_the_keyboard_gives_the_keyboard_back_to_the_button() {
    let dir = tempfile::tempdir().unwrap();
    let (db, _) = demo_with_backup(dir.path());
    let mut harness = start(Store::open(&db));
    crate::support::click(&mut harness, "设置");
    crate::support::click(&mut harness, "备份与恢复");
    harness.get_by_label("立即备份").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    let said =
        crate::support::wait_until(&mut harness, |h| h.state().toast_texts().next().is_some());
    assert!(said, "the backup says how it went");
    harness.run();
    harness.run();
    let toasts: Vec<String> = harness.state().toast_texts().map(str::to_owned).collect();
    assert!(harness.get_by_label("立即备份").is_focused(), "{toasts:?}");
}
