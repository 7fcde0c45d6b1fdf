//! A restore stands once the backup is in place: a failure after the swap (opening the
//! restored file again, writing the restore into its log) is reported as a warning beside the
//! success, and a store that could not open the file again refuses writes with a clear message
//! instead of working on an empty placeholder.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use rusqlite::Connection;

use super::{Store, StoreError, open, read};

/// A file store with one setting, its backup (the setting at "备份时"), and the setting
/// changed since ("恢复前").
fn store_and_backup(dir: &Path) -> (Store, std::path::PathBuf, std::path::PathBuf) {
    let db = dir.join("z.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.write(|w| w.set_setting("probe", "备份时")).unwrap();
    let backup = dir.join("备份.sqlite3");
    store.backup_to(&backup).unwrap();
    store.write(|w| w.set_setting("probe", "恢复前")).unwrap();
    (store, db, backup)
}

fn probe_in(db: &Path) -> Option<String> {
    let conn = Connection::open(db).unwrap();
    read::setting(&conn, "probe").unwrap()
}

#[test]
fn a_failed_reopen_after_the_swap_is_a_restore_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db, backup) = store_and_backup(dir.path());
    let restored = store
        .restore_with(&backup, |_| {
            Err(StoreError::Rejected("磁盘空间不足".to_owned()))
        })
        .unwrap();
    assert!(!restored.is_open);
    let warning = restored.warning.unwrap();
    assert!(warning.starts_with("已恢复备份，但"), "{warning}");
    assert!(warning.contains("磁盘空间不足"), "{warning}");
    assert!(restored.safety.exists(), "the replaced data was backed up");
    // The store says why it cannot write, rather than writing to a placeholder.
    let refused = store.write(|w| w.set_setting("probe", "之后")).unwrap_err();
    assert!(
        refused.to_string().contains("恢复后没能重新打开数据库"),
        "{refused}"
    );
    drop(store);
    assert_eq!(
        probe_in(&db).as_deref(),
        Some("备份时"),
        "the backup is in place"
    );
}

#[test]
fn a_restore_its_log_cannot_record_is_a_restore_with_a_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db, backup) = store_and_backup(dir.path());
    let restored = store
        .restore_with(&backup, |path| {
            let conn = open::open_file(path)?;
            conn.pragma_update(None, "query_only", true)?;
            Ok(conn)
        })
        .unwrap();
    assert!(restored.is_open);
    let warning = restored.warning.unwrap();
    assert!(
        warning.starts_with("已恢复备份，但没能在操作记录中记下："),
        "{warning}"
    );
    assert_eq!(
        read::setting(&store.conn, "probe").unwrap().as_deref(),
        Some("备份时"),
        "the store reads the restored file"
    );
    drop(store);
    assert_eq!(probe_in(&db).as_deref(), Some("备份时"));
}

#[test]
fn a_restore_without_trouble_has_no_warning() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db, backup) = store_and_backup(dir.path());
    let restored = store.restore_from(&backup).unwrap();
    assert!(restored.is_open && restored.warning.is_none());
    drop(store);
    assert_eq!(probe_in(&db).as_deref(), Some("备份时"));
}

#[test]
fn a_file_of_another_database_is_told_apart_and_undoes_everything() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _db, backup) = store_and_backup(dir.path());
    let own = store.operations_since(&backup).unwrap();
    assert!(!own.other_database);
    assert_eq!(own.entries.len(), 1, "{own:?}");

    let other = dir.path().join("另一个.sqlite3");
    let mut stranger = Store::open(&other).unwrap();
    stranger.write(|w| w.set_setting("probe", "别处")).unwrap();
    drop(stranger);
    let before: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    let foreign = store.operations_since(&other).unwrap();
    assert!(foreign.other_database);
    let all: i64 = store
        .conn
        .query_row("SELECT count(*) FROM audit_log", [], |row| row.get(0))
        .unwrap();
    assert_eq!(i64::try_from(foreign.entries.len()).unwrap(), all);
    // Only read: nothing made beside the chosen file.
    let after: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(before.len(), after.len());

    // A new computer's empty database loses nothing to any file: no warning.
    let fresh = Store::open(&dir.path().join("新电脑.sqlite3")).unwrap();
    let onto_fresh = fresh.operations_since(&other).unwrap();
    assert!(!onto_fresh.other_database && onto_fresh.entries.is_empty());
    // Nor is any of the file's history "brought back": it comes whole into an empty file.
    assert!(onto_fresh.nothing_here && onto_fresh.brought_back.is_empty());
    assert_eq!(
        onto_fresh.nothing_undone(),
        "当前数据库中还没有数据，恢复后即为备份中的全部数据"
    );
    assert!(!own.nothing_here);
}

/// A file of another database restored by mistake is undone with the backup that restore kept
/// of the data it replaced: said as the undo it is, not as a stranger's file, and only what
/// was done after the mistaken restore counts as undone.
#[test]
fn the_backup_a_restore_kept_is_said_to_undo_that_restore() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db, old_backup) = store_and_backup(dir.path());
    let other = dir.path().join("另一个.sqlite3");
    let mut stranger = Store::open(&other).unwrap();
    stranger.write(|w| w.set_setting("probe", "别处")).unwrap();
    drop(stranger);
    let mistaken = store.restore_from(&other).unwrap();
    assert_eq!(probe_in(&db).as_deref(), Some("别处"));
    store.write(|w| w.set_setting("probe", "恢复之后")).unwrap();
    let undo = store.operations_since(&mistaken.safety).unwrap();
    assert!(undo.other_database);
    assert!(undo.undoes_restore_of.is_some(), "{undo:?}");
    let warning = undo.other_database_warning().unwrap();
    assert!(warning.contains("恢复它即撤销那次恢复"), "{warning}");
    assert_eq!(undo.entries.len(), 1, "only the change after it: {undo:?}");
    let summary = undo.summary().unwrap();
    assert!(
        summary.starts_with("那次恢复之后的 1 项操作将被撤销"),
        "{summary}"
    );
    // Another file of the data replaced (an older backup of it) is still said to be another
    // database's: only the one the restore kept undoes it exactly.
    let foreign = store.operations_since(&old_backup).unwrap();
    assert!(foreign.undoes_restore_of.is_none());
    assert_eq!(
        foreign.other_database_warning().as_deref(),
        Some(super::Undone::OTHER_DATABASE)
    );
    store.restore_from(&mistaken.safety).unwrap();
    drop(store);
    assert_eq!(probe_in(&db).as_deref(), Some("恢复前"));
}

/// Restoring an earlier backup of this data and then the copy that restore kept: said as the
/// undo it is; nothing done since is lost, and what the first restore undid comes back.
#[test]
fn undoing_a_restore_of_this_data_loses_nothing_and_brings_back_what_it_undid() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db, backup) = store_and_backup(dir.path());
    let restored = store.restore_from(&backup).unwrap();
    assert_eq!(probe_in(&db).as_deref(), Some("备份时"));
    let undo = store.operations_since(&restored.safety).unwrap();
    assert!(!undo.other_database);
    assert!(undo.undoes_restore_of.is_some(), "{undo:?}");
    assert!(
        undo.other_database_warning()
            .is_some_and(|said| said.contains("恢复它即撤销那次恢复"))
    );
    assert!(undo.summary().is_none(), "nothing done since: {undo:?}");
    assert_eq!(
        undo.brought_back.len(),
        1,
        "the change the restore undid: {undo:?}"
    );
    // Said again once done, as the question said it.
    assert!(
        undo.brought_back_done()
            .is_some_and(|said| said.starts_with("备份中另有 1 项恢复前数据没有的操作，已重新生效")),
        "{undo:?}"
    );
    store.restore_from(&restored.safety).unwrap();
    drop(store);
    assert_eq!(probe_in(&db).as_deref(), Some("恢复前"));
}

/// Asked again about the backup just restored: nothing is done since but that restore, so the
/// question says the data is that backup's already, not that an operation is undone. Once
/// something is done, it is counted again.
#[test]
fn a_backup_just_restored_is_said_to_be_the_data_already() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, _db, backup) = store_and_backup(dir.path());
    store.restore_from(&backup).unwrap();
    let again = store.operations_since(&backup).unwrap();
    assert!(again.is_restored_already, "{again:?}");
    assert!(again.summary().is_none(), "{again:?}");
    assert!(
        again
            .nothing_undone()
            .starts_with("当前数据就是上次从这份备份恢复的"),
        "{again:?}"
    );
    store.write(|w| w.set_setting("probe", "恢复之后")).unwrap();
    let after_more = store.operations_since(&backup).unwrap();
    assert!(!after_more.is_restored_already, "{after_more:?}");
    let summary = after_more.summary().unwrap();
    assert!(
        summary.starts_with("备份之后的 2 项操作将被撤销"),
        "{summary}"
    );
}

#[test]
fn an_agreements_undone_entry_names_its_unit() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, backup) = demo_backed_up(dir.path());
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == crate::model::AgreementStatus::Draft)
        .unwrap();
    let unit = store.unit(draft.draft.unit_id).unwrap().unwrap();
    store.write(|w| w.set_copies(draft.id, 4)).unwrap();
    let undone = store.operations_since(&backup).unwrap();
    assert_eq!(undone.entries.len(), 1, "{undone:?}");
    let line = &undone.entries[0];
    assert!(
        line.contains(&format!(
            "2025 年度第 {} 号责任书（{}）",
            draft.draft.number, unit.fields.name
        )),
        "{line}"
    );
}

#[test]
fn a_restore_while_another_window_reads_is_refused_and_takes_no_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db, backup) = store_and_backup(dir.path());
    store
        .conn
        .busy_timeout(std::time::Duration::from_millis(100))
        .unwrap();
    // A change still only in the log (each write folds it into the file, so it is put there
    // beside the store's writes), and another window in the middle of reading it: the change
    // cannot be written back into the file, so nothing is swapped.
    (store.conn)
        .execute_batch("INSERT INTO settings (key, value) VALUES ('unfolded', '1')")
        .unwrap();
    let reader = Connection::open(&db).unwrap();
    reader.execute_batch("BEGIN").unwrap();
    assert_eq!(
        read::setting(&reader, "probe").unwrap().as_deref(),
        Some("恢复前")
    );
    let backups = |store: &Store| super::backup::list_backups(store.path.as_ref().unwrap()).len();
    let before = backups(&store);
    let refused = store.restore_from(&backup).unwrap_err().to_string();
    assert!(
        refused.contains("另一个窗口正在读取") && refused.ends_with("后再恢复备份"),
        "{refused}"
    );
    assert_eq!(
        backups(&store),
        before,
        "no safety backup taken, none pruned"
    );
    assert_eq!(
        read::setting(&store.conn, "probe").unwrap().as_deref(),
        Some("恢复前")
    );
    reader.execute_batch("COMMIT").unwrap();
    // Done reading (the window still open): the restore goes ahead.
    store.restore_from(&backup).unwrap();
    drop(store);
    drop(reader);
    assert_eq!(probe_in(&db).as_deref(), Some("备份时"));
}

/// A database another window works in is no backup: refused by name of who holds it, for the
/// damaged-file screen and the restore dialog alike, and accepted once that window closes.
#[test]
fn a_database_in_use_elsewhere_is_refused_as_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let (store, _db, _backup) = store_and_backup(dir.path());
    let other = dir.path().join("同事的.sqlite3");
    let colleague = Store::open(&other).unwrap();
    let refused = super::backup::inspect_backup(&other)
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains(&format!("这个文件是{}（计算机 ", colleague.operator())),
        "{refused}"
    );
    assert!(refused.contains("正在使用的数据库，不是备份，不能用来恢复"));
    drop(colleague);
    assert!(super::backup::inspect_backup(&other).is_ok());
    drop(store);
}

/// Two entries of one cell (its 自评分, then its 考核组评分) say what each scored: they do not
/// read the same.
#[test]
fn a_score_s_undone_entries_say_what_was_scored_and_to_what() {
    use crate::model::{Points, Score};
    let dir = tempfile::tempdir().unwrap();
    let (mut store, backup) = demo_backed_up(dir.path());
    let agreement = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status >= crate::model::AgreementStatus::Signed)
        .unwrap();
    let indicator = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap()
        .indicators[0]
        .id;
    let mut cell = Score::empty(agreement.id, indicator);
    cell.self_score = Some(Points::whole(4));
    store.write(|w| w.upsert_score(&cell)).unwrap();
    cell.assessed_score = Some(Points(550));
    store.write(|w| w.upsert_score(&cell)).unwrap();
    let undone = store.operations_since(&backup).unwrap();
    assert_eq!(undone.entries.len(), 2, "{undone:?}");
    assert!(undone.entries[0].ends_with("：自评分 4"), "{undone:?}");
    assert!(
        undone.entries[1].ends_with("：考核组评分 5.5"),
        "{undone:?}"
    );
}

/// The demo in `d.sqlite3` of `dir`, open, and its backup taken now.
fn demo_backed_up(dir: &std::path::Path) -> (Store, std::path::PathBuf) {
    let mut store = Store::open(&dir.join("d.sqlite3")).unwrap();
    crate::demo::load(&mut store).unwrap();
    let backup = dir.join("备份.sqlite3");
    store.backup_to(&backup).unwrap();
    (store, backup)
}

/// A restore of a backup newer than the data it replaced brings work in: undoing it (restoring
/// the copy it kept) undoes that work too, and says so, not only what was done after it.
#[test]
fn undoing_a_restore_that_brought_work_in_counts_that_work() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, db, older) = store_and_backup(dir.path());
    let newer = dir.path().join("较新.sqlite3");
    store.backup_to(&newer).unwrap();
    // Back to the older backup ("恢复前" undone), then forward to the newer one.
    store.restore_from(&older).unwrap();
    let forward = store.restore_from(&newer).unwrap();
    assert_eq!(probe_in(&db).as_deref(), Some("恢复前"));
    store.write(|w| w.set_setting("probe", "之后")).unwrap();
    let undo = store.operations_since(&forward.safety).unwrap();
    assert!(undo.undoes_restore_of.is_some(), "{undo:?}");
    assert_eq!(undo.entries.len(), 2, "{undo:?}");
    assert_eq!(undo.brought_in_by_restore, 1, "{undo:?}");
    let summary = undo.summary().unwrap();
    assert!(
        summary.starts_with("那次恢复所带回的 1 项操作及其后的 1 项操作将被撤销"),
        "{summary}"
    );
    store.restore_from(&forward.safety).unwrap();
    drop(store);
    assert_eq!(probe_in(&db).as_deref(), Some("备份时"));
}
