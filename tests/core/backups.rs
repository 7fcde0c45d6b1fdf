//! Automatic and manual backups at the store: named, listed and pruned (routine, manual, safety
//! copies and first starts each keep their own), backups of databases with alike names kept
//! apart, a backup of another database or another history told apart, a backup failing its check
//! refused, and a restore undone by another keeping what it undid in the log.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use rusqlite::Connection;
use zerenshu::store::{BackupReason, Store, backup, schema};

use crate::safety::{new_unit, unit_names};
use crate::support::demo_file;

#[test]
fn restoring_the_oldest_of_thirty_backups_works_and_keeps_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let before = unit_names(&store);
    let oldest = store.auto_backup(BackupReason::Manual).unwrap().unwrap();
    let category = store.categories().unwrap()[1].id;
    store
        .write(|w| w.insert_unit(&new_unit("示例市数据局", category)))
        .unwrap();
    for _ in 1..backup::KEEP_BACKUPS {
        store.auto_backup(BackupReason::Manual).unwrap();
    }
    let listed = backup::list_backups(&db);
    assert_eq!(listed.len(), backup::KEEP_BACKUPS);
    assert_eq!(listed.last().unwrap().path, oldest);
    // The backup taken before restoring is a safety copy: it prunes none of the routine ones
    // (and the chosen one is copied first in any case).
    store.restore_from(&oldest).unwrap();
    assert_eq!(unit_names(&store), before);
    assert!(oldest.exists());
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn a_database_not_yet_started_gets_no_daily_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    let store = Store::open(&db).unwrap();
    assert!(!store.is_initialized().unwrap());
    assert_eq!(store.daily_backup().unwrap(), None);
    assert!(backup::list_backups(&db).is_empty());
}

#[test]
fn automatic_backups_are_named_listed_and_pruned_to_thirty() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let store = Store::open(&db).unwrap();
    assert!(backup::daily_backup_due(&db));
    // A backup taken before an import holds the data as it was before it: not the daily one.
    store.auto_backup(BackupReason::Import).unwrap();
    assert!(backup::daily_backup_due(&db));
    let first = store.daily_backup().unwrap().unwrap();
    assert!(first.starts_with(dir.path().join("backups")));
    assert!(!backup::daily_backup_due(&db));
    assert_eq!(store.daily_backup().unwrap(), None, "once a day");
    // A file of the clerk's own in the folder is never pruned.
    std::fs::write(dir.path().join("backups").join("我的笔记.txt"), "保留").unwrap();
    for _ in 0..34 {
        store.auto_backup(BackupReason::Draft).unwrap();
    }
    let listed = backup::list_backups(&db);
    // The newest thirty, and besides them the day's first-start backup: a burst of backups
    // never prunes the restore points of earlier days.
    assert_eq!(listed.len(), backup::KEEP_BACKUPS + 1);
    assert!(listed.iter().any(|b| b.path == first));
    assert!(
        listed.iter().all(|b| b.reason != BackupReason::Import),
        "the oldest routine backup went first"
    );
    assert!(dir.path().join("backups").join("我的笔记.txt").exists());
    assert!(
        listed.windows(2).all(|w| w[0].taken_at >= w[1].taken_at),
        "newest first"
    );
    let leftovers = std::fs::read_dir(dir.path().join("backups"))
        .unwrap()
        .filter(|e| {
            let name = e.as_ref().unwrap().file_name();
            name.to_string_lossy().starts_with('.')
        })
        .count();
    assert_eq!(leftovers, 0, "no temporary backup files remain");
}

#[test]
fn manual_backups_outlive_routine_ones_and_are_pruned_among_themselves() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let store = Store::open(&db).unwrap();
    let before_risky_step = store.auto_backup(BackupReason::Manual).unwrap().unwrap();
    for _ in 0..backup::KEEP_BACKUPS + 5 {
        store.auto_backup(BackupReason::Import).unwrap();
    }
    assert!(before_risky_step.exists(), "a busy day never removes it");
    for _ in 0..backup::KEEP_MANUAL_BACKUPS {
        store.auto_backup(BackupReason::Manual).unwrap();
    }
    let listed = backup::list_backups(&db);
    let count = |manual: bool| {
        (listed.iter())
            .filter(|b| (b.reason == BackupReason::Manual) == manual)
            .count()
    };
    assert_eq!(count(true), backup::KEEP_MANUAL_BACKUPS);
    assert_eq!(count(false), backup::KEEP_BACKUPS);
    assert!(!before_risky_step.exists(), "the oldest manual one went");
    // 立即备份 with nothing changed since the newest: no copy kept, and none pushed out.
    let taken = store.backup_into_folder().unwrap();
    assert!(taken.unchanged_since.is_some());
    let manual = (backup::list_backups(&db).into_iter())
        .filter(|b| b.reason == BackupReason::Manual)
        .count();
    assert_eq!(
        manual,
        backup::KEEP_MANUAL_BACKUPS,
        "a repeat prunes nothing"
    );
}

#[test]
fn a_new_file_beside_the_backups_of_a_lost_one_never_prunes_them() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let lost: Vec<_> = {
        let store = Store::open(&db).unwrap();
        (0..3)
            .map(|_| store.auto_backup(BackupReason::Manual).unwrap().unwrap())
            .chain([store.daily_backup().unwrap().unwrap()])
            .collect()
    };
    std::fs::remove_file(&db).unwrap();
    for suffix in ["-wal", "-shm"] {
        let _ = std::fs::remove_file(format!("{}{suffix}", db.display()));
    }
    // The file made again at the same place is other data: its many backups leave the lost
    // file's ones alone.
    let store = Store::open(&db).unwrap();
    for _ in 0..backup::KEEP_BACKUPS + 2 {
        store.auto_backup(BackupReason::Draft).unwrap();
    }
    for _ in 0..backup::KEEP_MANUAL_BACKUPS + 2 {
        store.auto_backup(BackupReason::Manual).unwrap();
    }
    assert!(lost.iter().all(|path| path.exists()), "{lost:?}");
    let listed = backup::list_backups(&db);
    assert_eq!(
        listed.len(),
        lost.len() + backup::KEEP_BACKUPS + backup::KEEP_MANUAL_BACKUPS
    );
}

#[test]
fn safety_copies_before_a_restore_or_a_year_deletion_outlive_routine_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    let mut store = Store::open(&db).unwrap();
    store.write(|w| w.set_setting("probe", "1")).unwrap();
    let before_restore = store.auto_backup(BackupReason::Restore).unwrap().unwrap();
    let before_deletion = store
        .auto_backup(BackupReason::YearDeletion)
        .unwrap()
        .unwrap();
    // A burst of routine backups (imports, drafts, a month of daily starts) …
    for reason in [
        BackupReason::Import,
        BackupReason::Draft,
        BackupReason::Daily,
    ] {
        for _ in 0..12 {
            store.auto_backup(reason).unwrap();
        }
    }
    let listed = backup::list_backups(&db);
    let is_safety = |b: &&backup::BackupFile| {
        matches!(b.reason, BackupReason::Restore | BackupReason::YearDeletion)
    };
    // … keeps the newest 30 of its own kind and never removes a safety copy.
    assert_eq!(
        listed.iter().filter(|b| !is_safety(b)).count(),
        backup::KEEP_BACKUPS
    );
    let kept: Vec<_> = listed.iter().filter(is_safety).map(|b| &b.path).collect();
    assert_eq!(kept, [&before_deletion, &before_restore]);

    // Safety copies are pruned among themselves, to the newest KEEP_SAFETY_BACKUPS.
    for _ in 0..backup::KEEP_SAFETY_BACKUPS {
        store.auto_backup(BackupReason::Restore).unwrap();
    }
    let listed = backup::list_backups(&db);
    let kept: Vec<_> = listed.iter().filter(is_safety).map(|b| &b.path).collect();
    assert_eq!(kept.len(), backup::KEEP_SAFETY_BACKUPS);
    // The two oldest went (their names may be taken again within the same second).
    assert!(
        listed
            .iter()
            .filter(is_safety)
            .all(|b| b.reason == BackupReason::Restore),
        "{listed:#?}"
    );
    assert_eq!(
        listed.iter().filter(|b| !is_safety(b)).count(),
        backup::KEEP_BACKUPS,
        "routine ones are not pruned by safety copies"
    );
}

#[test]
fn a_migration_is_preceded_by_a_backup_of_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("old.sqlite3");
    {
        let mut conn = Connection::open(&db).unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
        schema::migrate_to(&mut conn, 2).unwrap();
    }
    let store = Store::open(&db).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::latest_version());
    let listed = backup::list_backups(&db);
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].reason, BackupReason::Migration);
    let conn = Connection::open(&listed[0].path).unwrap();
    assert_eq!(
        schema::version(&conn).unwrap(),
        2,
        "the backup is the old file"
    );
}

#[test]
fn a_copy_still_in_use_is_not_offered_for_restore() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    // Another program has it open with changes not yet merged from its "-wal".
    let user = Connection::open(&path).unwrap();
    user.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
         INSERT INTO settings (key, value) VALUES ('still_in_use', '1');",
    )
    .unwrap();
    let refusal = backup::inspect_backup(&path).unwrap_err().to_string();
    assert!(refusal.contains("未合并的日志文件"), "{refusal}");
    // Closed, its changes are in the file itself and it may be restored.
    drop(user);
    assert!(backup::inspect_backup(&path).is_ok());
}

#[test]
fn a_backup_of_another_database_is_told_apart() {
    let here = tempfile::tempdir().unwrap();
    let there = tempfile::tempdir().unwrap();
    let db = demo_file(here.path());
    let other = demo_file(there.path());
    let own_backup = here.path().join("本库备份.sqlite3");
    Store::open(&db).unwrap().backup_to(&own_backup).unwrap();
    assert!(!backup::is_other_database(&db, &own_backup));
    assert!(backup::is_other_database(&db, &other));
    // A file that cannot be read tells nothing.
    let png = here.path().join("图片.sqlite3");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n").unwrap();
    assert!(!backup::is_other_database(&png, &other));
}

/// `a.db` or `a` beside `a.sqlite3` shares the backup names' stem: each lists, offers and
/// prunes only its own backups.
#[test]
fn databases_of_one_name_keep_their_backups_apart() {
    for twin in ["zerenshu.db", "zerenshu"] {
        twins_keep_their_backups_apart(twin);
    }
}

fn twins_keep_their_backups_apart(twin: &str) {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let twin = dir.path().join(twin);
    let mut store = Store::open(&twin).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    drop(store);
    let store = Store::open(&twin).unwrap();
    let twins_own = store.auto_backup(BackupReason::Manual).unwrap().unwrap();
    let own = Store::open(&db)
        .unwrap()
        .auto_backup(BackupReason::Manual)
        .unwrap()
        .unwrap();
    let listed = |db: &Path| -> Vec<_> {
        backup::list_backups(db)
            .into_iter()
            .map(|b| b.path)
            .collect()
    };
    assert!(listed(&db).contains(&own));
    assert!(!listed(&db).contains(&twins_own), "{:?}", listed(&db));
    assert!(listed(&twin).contains(&twins_own));
    assert!(!listed(&twin).contains(&own));
    for _ in 0..backup::KEEP_BACKUPS + 2 {
        store.auto_backup(BackupReason::Manual).unwrap();
    }
    assert!(
        own.exists(),
        "the twin's pruning left this database's backup alone"
    );
    let (offered, _) = backup::newest_good_backup(&db).unwrap();
    assert_eq!(offered.path, own);
}

/// Backups a database without an extension took before its backups were marked
/// ("plain-…" rather than "plain（无扩展名）-…") are still its own when no twin shares the name.
#[test]
fn a_database_without_an_extension_keeps_its_earlier_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("plain");
    let mut store = Store::open(&db).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let taken = store.auto_backup(BackupReason::Manual).unwrap().unwrap();
    let name = taken.file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("plain（无扩展名）-"), "{name}");
    let earlier = taken.with_file_name(name.replace("plain（无扩展名）-", "plain-"));
    std::fs::rename(&taken, &earlier).unwrap();
    let listed: Vec<_> = (backup::list_backups(&db).into_iter())
        .map(|b| b.path)
        .collect();
    assert_eq!(listed, [earlier]);
}

#[test]
fn the_newest_first_start_backups_outlast_a_burst_of_others() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let store = Store::open(&db).unwrap();
    for _ in 0..backup::KEEP_DAILY_BACKUPS + 2 {
        store.auto_backup(BackupReason::Daily).unwrap();
    }
    for _ in 0..backup::KEEP_BACKUPS {
        store.auto_backup(BackupReason::Draft).unwrap();
    }
    let listed = backup::list_backups(&db);
    let count = |reason| listed.iter().filter(|b| b.reason == reason).count();
    assert_eq!(count(BackupReason::Draft), backup::KEEP_BACKUPS);
    assert_eq!(
        count(BackupReason::Daily),
        backup::KEEP_DAILY_BACKUPS,
        "the newest first-start backups stay, the older ones go"
    );
}

#[test]
fn a_backup_from_a_history_that_parted_says_what_of_this_one_it_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let category = store.categories().unwrap()[1].id;
    let before_import = dir.path().join("导入前.sqlite3");
    store.backup_to(&before_import).unwrap();
    let day = |h| {
        chrono::NaiveDate::from_ymd_opt(2026, 12, 3)
            .unwrap()
            .and_hms_opt(h, 0, 0)
            .unwrap()
    };
    store.set_clock(day(9));
    store
        .write(|w| w.insert_unit(&new_unit("示例市数据局", category)))
        .unwrap();
    // A copy of this file, taken back to the older backup and worked on later in the day.
    let other_path = dir.path().join("另一份.sqlite3");
    store.backup_to(&other_path).unwrap();
    let mut other = Store::open(&other_path).unwrap();
    other.set_clock(day(11));
    other.restore_from(&before_import).unwrap();
    other
        .write(|w| w.insert_unit(&new_unit("示例市档案馆", category)))
        .unwrap();
    let parted = dir.path().join("分叉后.sqlite3");
    other.backup_to(&parted).unwrap();
    drop(other);
    // Its entries are all later than this file's, yet this file's 新增单位 is undone by it.
    let undone = store.operations_since(&parted).unwrap();
    let lines = &undone.entries;
    assert_eq!(lines.len(), 1, "{lines:?}");
    assert!(lines[0].contains("示例市数据局"), "{lines:?}");
    // The same history: what came after the backup, and nothing before it.
    let same = store.operations_since(&before_import).unwrap();
    assert_eq!(same.entries.len(), 1, "{:?}", same.entries);
}

/// A backup whose pages are found inconsistent by the integrity check is refused in words,
/// without pointing to technical details its refusal does not carry.
#[test]
fn a_backup_failing_the_integrity_check_is_refused_in_words_alone() {
    use std::io::{Seek as _, SeekFrom, Write as _};
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    // A page a third of the way in zeroed: SQLite opens the file, its check finds the trees
    // broken ("Tree 30 page 227 …").
    let length = std::fs::metadata(&db).unwrap().len();
    let mut file = std::fs::OpenOptions::new().write(true).open(&db).unwrap();
    file.seek(SeekFrom::Start(length / 3 / 4096 * 4096))
        .unwrap();
    file.write_all(&[0; 4096]).unwrap();
    drop(file);
    let error = backup::inspect_backup(&db)
        .map(drop)
        .unwrap_err()
        .to_string();
    assert!(error.contains("这个备份已损坏（"), "{error}");
    assert!(!error.contains("见技术细节"), "{error}");
}

/// A restore undone by a second restore takes what it undid along into the second's record:
/// the operations undone first are still found in the log.
#[test]
fn a_restore_undone_by_another_keeps_what_it_undid_in_the_log() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let older = store.auto_backup(BackupReason::Manual).unwrap().unwrap();
    let category = store.categories().unwrap()[1].id;
    store
        .write(|w| w.insert_unit(&new_unit("示例市数据局", category)))
        .unwrap();
    let newer = store.auto_backup(BackupReason::Manual).unwrap().unwrap();
    store
        .write(|w| w.insert_unit(&new_unit("示例市信访局", category)))
        .unwrap();
    store.restore_from(&newer).unwrap();
    let undone = store.operations_since(&older).unwrap();
    let restore_line = (undone.entries.iter())
        .find(|line| line.contains("恢复备份"))
        .unwrap();
    assert!(
        restore_line.contains("那次恢复撤销了 1 项操作") && restore_line.contains("示例市信访局"),
        "{restore_line}"
    );
}
