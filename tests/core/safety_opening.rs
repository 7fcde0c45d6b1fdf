//! Data safety when opening: damage inside records (a value its CHECK constraint refuses) is
//! found before anything writes, and a folder that cannot be written opens read-only.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use rusqlite::Connection;
use sha2::{Digest as _, Sha256};
use zerenshu::store::{Store, StoreError, backup};

use crate::support::{demo_file, file_names};

/// Creates the folder and hands its path back.
fn made(folder: PathBuf) -> PathBuf {
    std::fs::create_dir_all(&folder).unwrap();
    folder
}

fn hash(path: &Path) -> Vec<u8> {
    Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

/// Overwrites one agreement's status with a value its CHECK refuses: the record changes, the
/// page structure stays valid (as bytes damaged inside a record would leave it).
pub(crate) fn break_a_check_constraint(db: &Path) {
    let conn = Connection::open(db).unwrap();
    conn.pragma_update(None, "ignore_check_constraints", true)
        .unwrap();
    let changed = conn
        .execute(
            "UPDATE agreements SET status = 'drafx' \
             WHERE id = (SELECT min(id) FROM agreements WHERE status = 'draft')",
            [],
        )
        .unwrap();
    assert_eq!(changed, 1);
    conn.close().unwrap();
    assert!(!Path::new(&format!("{}-wal", db.display())).exists());
}

#[test]
fn a_record_that_breaks_a_check_constraint_is_damage_and_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    break_a_check_constraint(&db);
    let before = hash(&db);
    for attempt in [
        Store::open(&db).map(drop),
        Store::open_read_only(&db).map(drop),
        backup::inspect_backup(&db).map(drop),
        Store::check_file(&db).map(drop),
    ] {
        match attempt {
            // A backup that is damaged is named as one ("这个备份已损坏").
            Err(error @ (StoreError::Damaged { .. } | StoreError::Rejected(_))) => {
                let text = error.to_string();
                assert!(text.contains("已损坏") && text.contains("CHECK"), "{text}");
            }
            other => panic!("the damage went unnoticed: {other:?}"),
        }
    }
    assert_eq!(hash(&db), before, "the damaged file was not written");
    let logs: Vec<String> = (file_names(dir.path()).into_iter())
        .filter(|name| name.ends_with("-wal") || name.ends_with("-shm"))
        .collect();
    assert!(
        logs.is_empty(),
        "no -wal or -shm beside the damaged file: {logs:?}"
    );
    assert!(
        !dir.path().join("backups").exists(),
        "nothing was backed up from it either"
    );

    // The newest good backup still goes in, and the damaged file is kept as it was.
    let good = dir.path().join("good.sqlite3");
    let clean = demo_file(&made(dir.path().join("clean")));
    Store::open(&clean).unwrap().backup_to(&good).unwrap();
    let stale_wal = PathBuf::from(format!("{}-wal", db.display()));
    std::fs::write(&stale_wal, b"the damaged file's log").unwrap();
    // The index a window that had it open left: made again by SQLite, not worth keeping.
    std::fs::write(format!("{}-shm", db.display()), [0_u8; 64]).unwrap();
    let kept = zerenshu::store::restore_over_damaged(&db, &good)
        .unwrap()
        .kept;
    assert_eq!(hash(&kept), before);
    assert_eq!(
        std::fs::read(format!("{}-wal", kept.display())).unwrap(),
        b"the damaged file's log",
        "its log went with it"
    );
    assert!(
        !PathBuf::from(format!("{}-shm", kept.display())).exists(),
        "no index beside the kept file"
    );
    assert!(
        file_names(dir.path())
            .iter()
            .all(|name| !name.contains("restoring")),
        "no temporary copy is left: {:?}",
        file_names(dir.path())
    );
    assert!(Store::open(&db).unwrap().check().unwrap().is_ok());
}

#[test]
fn a_sound_file_is_opened_and_checked_without_leftovers() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let report = Store::check_file(&db).unwrap();
    assert!(report.is_ok(), "{report}");
    assert_eq!(
        file_names(dir.path()),
        ["zerenshu.sqlite3", "zerenshu.sqlite3.lock"],
        "the WAL was folded back, `-wal` and `-shm` removed"
    );
    let reader = Store::open_read_only(&db).unwrap();
    assert_eq!(reader.units().unwrap().len(), 45);
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_opens_read_only_and_nothing_is_made_in_it() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let folder = made(dir.path().join("只读"));
    let db = demo_file(&folder);
    let _ = std::fs::remove_file(zerenshu::store::lock::lock_path(&db));
    let before = hash(&db);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let outcome = std::panic::catch_unwind(|| {
        let error = Store::open(&db)
            .err()
            .expect("no writer in a read-only folder");
        assert!(
            matches!(error, StoreError::NotWritable { .. }) && error.to_string().contains("只读"),
            "{error}"
        );
        let report = Store::check_file(&db).unwrap();
        assert!(report.is_ok(), "{report}");
        let mut reader = Store::open_read_only_because(&db, "文件夹只读").unwrap();
        assert_eq!(reader.units().unwrap().len(), 45);
        let refused = reader.write(|w| w.insert_category("四类")).unwrap_err();
        assert!(refused.to_string().contains("只读"), "{refused}");
        let contents = backup::inspect_backup(&db).unwrap();
        assert_eq!(contents.units, 45);
        drop(reader);
        assert_eq!(file_names(&folder), ["zerenshu.sqlite3"]);
        assert_eq!(hash(&db), before);
    });
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// Overwrites one unit's name with bytes that are not UTF-8 (a text cell damaged inside its
/// record: SQLite's checks pass, reading the text fails).
fn break_a_text_cell(db: &Path) {
    let conn = Connection::open(db).unwrap();
    conn.execute(
        "UPDATE units SET name = CAST(x'e59f8ee5ffff' AS TEXT) WHERE id = 1",
        [],
    )
    .unwrap();
    conn.close().unwrap();
}

#[test]
fn text_that_is_not_utf8_is_damage_and_stops_every_write_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    // Damage that appears while the file is open (at opening it would be refused, below).
    let mut store = Store::open(&db).unwrap();
    break_a_text_cell(&db);
    let read = store.units_in(2025).unwrap_err();
    assert!(matches!(read, StoreError::Corrupt(_)), "{read:?}");
    // A write that does not touch the damaged record still works...
    store.write(|w| w.insert_category("四类")).unwrap();
    assert!(store.damage().is_none());
    // ...one that meets it fails, and from then on the store writes nothing.
    let met = store.write(|w| w.set_unit_active(1, false)).unwrap_err();
    assert!(matches!(met, StoreError::Corrupt(_)), "{met:?}");
    assert!(matches!(store.damage(), Some(StoreError::Damaged { .. })));
    let refused = store.write(|w| w.insert_category("五类")).unwrap_err();
    assert!(matches!(refused, StoreError::ReadOnly(_)), "{refused:?}");
    drop(store);
    let conn = Connection::open(&db).unwrap();
    let names: Vec<String> = conn
        .prepare("SELECT name FROM categories ORDER BY id")
        .unwrap()
        .query_map([], |r| r.get(0))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(names, ["镇街", "一类", "二类", "三类", "四类"]);
    drop(conn);
    let checked = Store::check_file(&db);
    assert!(
        matches!(&checked, Err(StoreError::Damaged { details, .. }) if details.contains("部分文字已损坏，无法读出")),
        "{checked:?}"
    );
    let before = hash(&db);
    let opened = Store::open(&db).map(drop);
    assert!(
        matches!(&opened, Err(StoreError::Damaged { details, .. }) if details.contains("部分文字已损坏，无法读出")),
        "{opened:?}"
    );
    assert_eq!(hash(&db), before, "not written at opening");
}

/// Text damaged while the file is open, met by 立即备份: the copy's check finds it, and as the
/// copy is the file's own pages the damage is the database's, said as such (the window then
/// stops writing and offers a good backup), in words, not as a failed copy alone.
#[test]
fn a_backup_that_finds_damaged_text_says_the_database_is_damaged() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let store = Store::open(&db).unwrap();
    break_a_text_cell(&db);
    let error = store.backup_into_folder().unwrap_err();
    match &error {
        StoreError::Damaged { path, .. } => assert_eq!(path, &db),
        other => panic!("{other:?}"),
    }
    assert!(error.to_string().contains("部分文字已损坏"), "{error}");
    assert!(!error.to_string().contains("invalid utf-8"), "{error}");
}

/// While the program has a database open, a second opening of it in the same process (a
/// background export or draft) must leave SQLite's locks in place: POSIX drops all of a
/// process's locks on a file when any descriptor of it closes, and another program finding no
/// locks could take the `-wal` away. Read from `/proc/locks` (Linux).
#[cfg(unix)]
#[test]
fn a_second_opening_in_the_process_keeps_sqlites_locks() {
    use std::os::unix::fs::MetadataExt as _;
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    // The file as /proc/locks names it, "MAJOR:MINOR:INODE" (the device in hex): by inode
    // alone, a file of another test on another device could be counted too.
    let meta = std::fs::metadata(&db).unwrap();
    let dev = meta.dev();
    let major = ((dev >> 8) & 0xfff) | ((dev >> 32) & !0xfff);
    let minor = (dev & 0xff) | ((dev >> 12) & !0xff);
    let file = format!("{major:02x}:{minor:02x}:{}", meta.ino());
    let held = || {
        let locks = std::fs::read_to_string("/proc/locks").unwrap_or_default();
        let pid = std::process::id().to_string();
        locks
            .lines()
            .filter(|line| {
                let fields: Vec<&str> = line.split_whitespace().collect();
                fields.get(4) == Some(&pid.as_str()) && fields.get(5) == Some(&file.as_str())
            })
            .count()
    };
    let mut store = Store::open(&db).unwrap();
    store.write(|w| w.insert_category("四类")).unwrap();
    // Settled: the same twice in a row (a write's locks of the moment gone).
    let mut before = held();
    for _ in 0..50 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        let now = held();
        if now == before {
            break;
        }
        before = now;
    }
    if before == 0 {
        // No /proc/locks here (not Linux): nothing to compare.
        return;
    }
    drop(Store::open_unlocked(&db).unwrap());
    // A lock taken for a moment (by a busy machine's slower close) passes: locks dropped for
    // good never come back.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    while held() != before && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    assert_eq!(
        held(),
        before,
        "the locks SQLite holds on the file are still held"
    );
    store.write(|w| w.insert_category("五类")).unwrap();
}

/// A file with its own backups beside it was ours: a zeroed first page or a file cut to
/// nothing is damage (offered the backups), not a foreign file nor a new empty register.
#[test]
fn a_wiped_header_or_an_emptied_file_with_backups_is_damage_and_restorable() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let units = Store::open(&db).unwrap().units().unwrap().len();
    Store::open(&db)
        .unwrap()
        .auto_backup(backup::BackupReason::Manual)
        .unwrap();
    let good = std::fs::read(&db).unwrap();
    let wiped: Vec<u8> = std::iter::repeat_n(0, 4096)
        .chain(good[4096..].iter().copied())
        .collect();
    let mut kept_files = Vec::new();
    for (bytes, said) in [(wiped, "文件开头已被改写"), (Vec::new(), "文件是空的")] {
        std::fs::write(&db, &bytes).unwrap();
        let error = Store::open(&db).err().expect("damage is refused");
        assert!(matches!(error, StoreError::Damaged { .. }), "{error}");
        assert!(error.to_string().contains(said), "{error}");
        assert!(error.technical_details().is_none(), "said in Chinese only");
        assert_eq!(std::fs::read(&db).unwrap(), bytes, "not written to");
        let newest = backup::list_backups(&db).remove(0).path;
        let kept = zerenshu::store::restore_over_damaged(&db, &newest)
            .unwrap()
            .kept;
        assert_eq!(
            std::fs::read(&kept).unwrap(),
            bytes,
            "the damaged bytes kept"
        );
        assert_eq!(Store::open(&db).unwrap().units().unwrap().len(), units);
        kept_files.push((kept, bytes));
    }
    for (kept, bytes) in kept_files {
        assert_eq!(std::fs::read(&kept).unwrap(), bytes, "each kept apart");
    }
    // Without backups beside it, a file that is not a database stays foreign.
    let other = tempfile::tempdir().unwrap();
    let png = other.path().join("zerenshu.sqlite3");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n not a database").unwrap();
    assert!(matches!(Store::open(&png), Err(StoreError::NotOurs { .. })));
}
