//! Data safety at the store: backup then restore, damaged files left untouched, and the
//! one-writer lock. Automatic backups and their pruning are in `backups`, the audit viewer's
//! filters in `audit_filters`.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::Path;

use rusqlite::Connection;
use sha2::{Digest as _, Sha256};
use zerenshu::model::{UnitDraft, UnitKind};
use zerenshu::store::{BackupReason, Store, StoreError, backup};

use crate::support::demo_file;

pub(crate) fn new_unit(name: &str, category_id: i64) -> UnitDraft {
    UnitDraft {
        name: name.into(),
        // No short name: each unit is shown under its own name, never two alike.
        short_name: String::new(),
        kind: UnitKind::Department,
        category_id,
        principal_title: "局长".into(),
        principal_name: "甄堃".into(),
        contact_name: "柏闻溪".into(),
        contact_phone: "0399-8610001".into(),
        sort_order: 99,
    }
}

pub(crate) fn unit_names(store: &Store) -> Vec<String> {
    store
        .units()
        .unwrap()
        .into_iter()
        .map(|u| u.fields.name)
        .collect()
}

pub(crate) fn hash(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn the_file_alone_holds_every_saved_change_while_the_program_runs() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let category = store.categories().unwrap()[1].id;
    store
        .write(|w| w.insert_unit(&new_unit("示例市数据局", category)))
        .unwrap();

    // What a clerk does to take the data home: copy the one file, the program still open.
    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("复制.sqlite3");
    std::fs::copy(&db, &copy).unwrap();
    let copied = Connection::open(&copy).unwrap();
    let found: i64 = copied
        .query_row(
            "SELECT count(*) FROM units WHERE name = '示例市数据局'",
            [],
            |row| row.get(0),
        )
        .unwrap();
    assert_eq!(
        found, 1,
        "the unit saved a moment ago is in the file itself"
    );
    drop(store);
}

#[test]
fn backup_then_restore_gives_the_same_data_and_keeps_what_it_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let before = unit_names(&store);
    let out = dir.path().join("手动备份.sqlite3");
    store.backup_to(&out).unwrap();
    let contents = backup::inspect_backup(&out).unwrap();
    assert_eq!(contents.years, [2025, 2024, 2023]);
    assert_eq!(contents.units, 45);
    assert_eq!(contents.agreements, 135);
    // What the scoring season needs to know before overwriting: the backup holds scores.
    assert!(contents.scores > 0 && contents.adjustments > 0 && contents.vetoes > 0);
    assert!(
        contents.to_string().contains(&format!(
            "考核评分 {} 项、自评分 {} 项、加扣分 {} 条、一票否决 {} 个",
            contents.scores, contents.self_scores, contents.adjustments, contents.vetoes
        )),
        "{contents}"
    );

    let category = store.categories().unwrap()[1].id;
    store
        .write(|w| w.insert_unit(&new_unit("示例市数据局", category)))
        .unwrap();
    assert_eq!(unit_names(&store).len(), 46);

    let restored = store.restore_from(&out).unwrap();
    assert!(restored.is_open && restored.warning.is_none());
    let safety = restored.safety;
    assert_eq!(unit_names(&store), before, "the backup's data is back");
    let newest = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 1)
        .unwrap()
        .remove(0);
    assert_eq!(
        newest.entry.action, "恢复备份",
        "the restore is in the restored log"
    );
    // Named once, by its file: not "恢复备份 备份文件 …".
    assert_eq!(
        zerenshu::store::action_on(&newest.entry.action, newest.record.as_deref().unwrap()),
        "恢复备份“手动备份.sqlite3”"
    );
    let after = newest.entry.after_json.unwrap();
    assert!(after.contains("手动备份.sqlite3"), "{after}");
    // The operation the restore undid stays on record, in the restore's own entry.
    let undone: serde_json::Value = serde_json::from_str(&after).unwrap();
    let undone = undone["undone"].as_array().unwrap();
    assert_eq!(undone.len(), 1, "{undone:?}");
    let line = undone[0].as_str().unwrap();
    assert!(line.contains("新增单位"), "{undone:?}");
    // Its record is named in words, while it could still be looked up: not "unit 46".
    assert!(line.contains("单位“示例市数据局”"), "{undone:?}");
    assert!(!line.contains(" unit "), "{undone:?}");
    // Restoring the database onto itself is refused.
    let error = store.restore_from(&db).unwrap_err();
    assert!(
        error.to_string().contains("就是这个数据库文件本身"),
        "{error}"
    );
    assert!(store.check().unwrap().is_ok());
    assert_eq!(
        backup::inspect_backup(&safety).unwrap().units,
        46,
        "the replaced data was backed up first"
    );
    // The data replaced, and the data restored: backed up at once, so that a file damaged
    // before the next backup is offered what it was restored to, not what the restore undid.
    let listed = backup::list_backups(&db);
    let mut reasons: Vec<BackupReason> = listed.iter().map(|b| b.reason).collect();
    reasons.sort_by_key(|r| r.label());
    assert_eq!(reasons, [BackupReason::AfterRestore, BackupReason::Restore]);
    let after = listed
        .iter()
        .find(|b| b.reason == BackupReason::AfterRestore)
        .unwrap();
    assert_eq!(backup::inspect_backup(&after.path).unwrap().units, 45);
    let candidates: Vec<_> = (listed.iter())
        .map(|b| (b.clone(), backup::inspect_backup(&b.path)))
        .collect();
    let offered = backup::offered_backup(&candidates).unwrap();
    assert_eq!(offered.0.reason, BackupReason::AfterRestore);
    // The store still writes after the swap, and the change lands in the restored file.
    store
        .write(|w| w.insert_unit(&new_unit("示例市数据局", category)))
        .unwrap();
    drop(store);
    assert_eq!(unit_names(&Store::open(&db).unwrap()).len(), 46);
}

#[test]
fn the_operator_named_after_a_backup_stays_the_operator_once_it_is_restored() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    let out = dir.path().join("备份.sqlite3");
    store.backup_to(&out).unwrap();
    store.set_operator("柏闻溪").unwrap();
    let category = store.categories().unwrap()[1].id;
    store
        .write(|w| w.insert_unit(&new_unit("示例市数据局", category)))
        .unwrap();
    // What the restore's question lists as undone: the unit, not the name it keeps.
    let undone = store.operations_since(&out).unwrap().entries;
    assert_eq!(undone.len(), 1, "{undone:?}");
    assert!(undone[0].contains("示例市数据局"), "{undone:?}");
    // A file exported since is counted, and said to stay where it was written.
    store
        .write(|w| w.record_print_file(2025, "打印.pdf", "2 份责任书", None))
        .unwrap();
    let undone = store.operations_since(&out).unwrap();
    assert_eq!((undone.entries.len(), undone.exports), (2, 1));
    let summary = undone.summary().unwrap();
    assert!(
        summary.starts_with("备份之后的 2 项操作将被撤销（最近一项：")
            && summary.ends_with("；其中 1 项是导出文件的记录，导出的文件仍在原处，不受影响"),
        "{summary}"
    );
    store.restore_from(&out).unwrap();
    assert_eq!(store.operator(), "柏闻溪");
    // Logged as kept through the restore, not as a name changed at the time.
    let entries = store.audit_entries(3).unwrap();
    // Keyed "operator:<computer>/<login>".
    let kept = (entries.iter())
        .find(|e| e.entity_id.starts_with("operator:"))
        .unwrap_or_else(|| panic!("{entries:?}"));
    assert_eq!(
        kept.action,
        zerenshu::store::restore::KEPT_OPERATOR,
        "{entries:?}"
    );
    drop(store);
    assert_eq!(
        Store::open(&db).unwrap().operator(),
        "柏闻溪",
        "also after a restart"
    );
}

#[test]
fn a_new_files_login_takes_the_name_its_backup_kept_for_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut named = Store::open(&db).unwrap();
    named.set_operator("柏闻溪").unwrap();
    let out = dir.path().join("备份.sqlite3");
    named.backup_to(&out).unwrap();
    drop(named);
    // A new file on this computer, its login not named yet, restores the backup.
    let fresh_dir = tempfile::tempdir().unwrap();
    let mut fresh = Store::open(&fresh_dir.path().join("新.sqlite3")).unwrap();
    let login = fresh.operator().to_owned();
    assert_ne!(login, "柏闻溪");
    fresh.restore_from(&out).unwrap();
    assert_eq!(fresh.operator(), "柏闻溪", "not the login's own name");
    let newest = fresh
        .audit_search(&zerenshu::store::AuditFilter::default(), 1)
        .unwrap()
        .remove(0);
    assert_eq!(newest.entry.action, "恢复备份");
    assert_eq!(newest.entry.operator, "柏闻溪");
}

#[test]
fn a_corrupted_copy_is_detected_and_left_byte_for_byte_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let damaged = dir.path().join("damaged.sqlite3");
    std::fs::copy(&db, &damaged).unwrap();
    let length = std::fs::metadata(&damaged).unwrap().len();
    {
        use std::io::{Seek as _, SeekFrom, Write as _};
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open(&damaged)
            .unwrap();
        file.seek(SeekFrom::Start(length / 2)).unwrap();
        file.write_all(&[0xA5; 8192]).unwrap();
    }
    let before = hash(&damaged);
    for attempt in [
        Store::open(&damaged).map(drop),
        Store::open_read_only(&damaged).map(drop),
        backup::inspect_backup(&damaged).map(drop),
    ] {
        match attempt {
            // A backup that is damaged is named as one ("这个备份已损坏").
            Err(error @ (StoreError::Damaged { .. } | StoreError::Rejected(_))) => {
                assert!(error.to_string().contains("已损坏"), "{error}");
            }
            other => panic!("the damage went unnoticed: {other:?}"),
        }
    }
    assert!(Store::check_file(&damaged).is_err() || !Store::check_file(&damaged).unwrap().is_ok());
    assert_eq!(hash(&damaged), before, "the damaged file was not written");
    for suffix in ["-wal", "-shm"] {
        let beside = dir.path().join(format!("damaged.sqlite3{suffix}"));
        assert!(
            !beside.exists(),
            "the checks left {suffix} beside the damaged file"
        );
    }

    // Restoring the newest good backup moves the damaged file aside, unchanged.
    let good = dir.path().join("good.sqlite3");
    Store::open(&db).unwrap().backup_to(&good).unwrap();
    let kept = zerenshu::store::restore_over_damaged(&damaged, &good)
        .unwrap()
        .kept;
    assert_eq!(hash(&kept), before);
    let store = Store::open(&damaged).unwrap();
    assert_eq!(unit_names(&store).len(), 45);
    assert!(store.check().unwrap().is_ok());
    // The data as restored backed up at once, as after any restore.
    assert!(
        (backup::list_backups(&damaged).iter()).any(|b| b.reason == BackupReason::AfterRestore)
    );
}

#[test]
fn damage_only_a_full_read_finds_stops_writes_and_backups() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let backups_before = backup::list_backups(&db).len();
    {
        // Text that is not UTF-8: SQLite's own checks pass, reading the record fails.
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute(
            "UPDATE units SET contact_name = CAST(x'e4ff41' AS TEXT) WHERE id = (SELECT max(id) FROM units)",
            [],
        )
        .unwrap();
    }
    let before = hash(&db);
    match Store::open(&db) {
        Err(error @ StoreError::Damaged { .. }) => {
            assert!(error.to_string().contains("已损坏"), "{error}");
        }
        other => panic!("the damage went unnoticed: {:?}", other.map(drop)),
    }
    let error = backup::inspect_backup(&db).map(drop).unwrap_err();
    assert!(error.to_string().contains("这个备份已损坏"), "{error}");
    // Said in words: SQLite's own report is not shown to the clerk.
    let said = error.to_string();
    let said = said.split("不能用来恢复").next().unwrap();
    assert!(!said.contains("utf"), "{error}");
    assert_eq!(hash(&db), before, "the damaged file was not written");
    assert_eq!(
        backup::list_backups(&db).len(),
        backups_before,
        "no backup copied the damage"
    );
}

/// Damage still in the `-wal` (the last write before a crash): found, and the close after the
/// check does not fold it into the file: file and `-wal` keep their bytes.
#[test]
fn damage_in_the_wal_is_not_folded_into_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let wal = dir.path().join("zerenshu.sqlite3-wal");
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )
        .unwrap();
        conn.execute(
            "UPDATE units SET contact_name = CAST(x'e4ff41' AS TEXT) WHERE id = (SELECT max(id) FROM units)",
            [],
        )
        .unwrap();
    }
    assert!(wal.exists(), "the damaging write stays in the -wal");
    let (before, wal_before) = (hash(&db), hash(&wal));
    match Store::open(&db) {
        Err(error @ StoreError::Damaged { .. }) => {
            assert!(error.to_string().contains("已损坏"), "{error}");
        }
        other => panic!("the damage went unnoticed: {:?}", other.map(drop)),
    }
    assert_eq!(hash(&db), before, "the damaged file was not written");
    assert!(wal.exists(), "the -wal was not folded in and removed");
    assert_eq!(hash(&wal), wal_before);
}

#[test]
fn a_second_writer_is_told_who_holds_the_database_and_reads_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut first = Store::open(&db).unwrap();
    first.set_operator("柏闻溪").unwrap();
    drop(first);
    let first = Store::open(&db).unwrap();
    let error = Store::open(&db)
        .err()
        .expect("the second writer is refused");
    match &error {
        StoreError::Locked {
            holder: Some(holder),
            ..
        } => {
            assert_eq!(holder.operator, "柏闻溪");
            assert_eq!(holder.pid, std::process::id());
            assert!(!holder.since.is_empty());
        }
        other => panic!("expected the lock, got {other:?}"),
    }
    assert!(error.to_string().contains("柏闻溪"), "{error}");

    let mut reader = Store::open_read_only_because(&db, "柏闻溪正在使用").unwrap();
    assert_eq!(unit_names(&reader).len(), 45);
    let refused = reader.write(|w| w.insert_category("四类")).unwrap_err();
    assert!(refused.to_string().contains("只读"), "{refused}");
    // Renamed while it holds the file, the holder is named by its new name.
    let mut first = first;
    // Not the name the demo's history goes under.
    let refused = first.set_operator(" 示例数据 ").unwrap_err();
    assert!(
        refused.to_string().contains("不能用作操作员姓名"),
        "{refused}"
    );
    first.set_operator("李文书").unwrap();
    match Store::open(&db) {
        Err(StoreError::Locked {
            holder: Some(holder),
            ..
        }) => assert_eq!(holder.operator, "李文书"),
        other => panic!("expected the lock, got {:?}", other.err()),
    }
    drop(first);
    assert!(Store::open(&db).is_ok(), "the lock goes with its holder");
}

#[test]
fn a_place_that_cannot_take_the_lock_opens_read_only_with_a_reason() {
    // The lock file cannot be created here (a folder is in its way), as in a read-only folder.
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let lock = zerenshu::store::lock::lock_path(&db);
    std::fs::remove_file(&lock).unwrap();
    std::fs::create_dir(&lock).unwrap();
    let before = hash(&db);
    let error = Store::open(&db).err().expect("no writer without the lock");
    assert!(
        matches!(error, StoreError::NotWritable { .. })
            && error
                .to_string()
                .contains("数据库所在的文件夹无法新建文件（"),
        "{error}"
    );
    let mut reader = Store::open_read_only_because(&db, "文件夹不可写").unwrap();
    assert_eq!(unit_names(&reader).len(), 45);
    assert!(reader.write(|w| w.insert_category("四类")).is_err());
    drop(reader);
    assert_eq!(hash(&db), before, "nothing was lost or changed");
}

/// A database file gone with its `-wal` left behind (a crash, the file moved while open):
/// the backup put in its place does not take the lost file's changes from it (they are kept
/// aside, byte for byte), and a file that appears meanwhile is never replaced.
#[test]
fn a_restore_in_place_of_a_lost_file_keeps_its_leftovers_aside_and_replaces_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let backup = Store::open(&db)
        .unwrap()
        .auto_backup(BackupReason::Manual)
        .unwrap()
        .unwrap();
    std::fs::remove_file(&db).unwrap();
    let wal = dir.path().join("zerenshu.sqlite3-wal");
    std::fs::write(&wal, b"the lost file's last changes").unwrap();
    zerenshu::store::restore_missing(&db, &backup).unwrap();
    let store = Store::open(&db).unwrap();
    assert_eq!(store.units().unwrap().len(), 45);
    assert!((backup::list_backups(&db).iter()).any(|b| b.reason == BackupReason::AfterRestore));
    assert!(store.check().unwrap().is_ok());
    let kept: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("-丢失-"))
        .collect();
    assert_eq!(kept.len(), 1, "{kept:?}");
    assert_eq!(
        std::fs::read(&kept[0]).unwrap(),
        b"the lost file's last changes"
    );
    drop(store);
    // The file is there now: another restore in its place is refused, the file untouched.
    let before = std::fs::read(&db).unwrap();
    let refused = zerenshu::store::restore_missing(&db, &backup).unwrap_err();
    assert!(
        refused.to_string().contains("数据库文件已经在了，没有恢复"),
        "{refused}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}
