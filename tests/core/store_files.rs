//! Opening what is not a zerenshu database (a PNG, another program's SQLite file, a file from a
//! newer version, a path in a missing folder): refused with a clear message, the file unchanged.

// Tests unwrap freely: a panic is the failure report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::similar_names
)]

use rusqlite::Connection;
use zerenshu::store::{Store, schema};

fn assert_refused_unchanged(bytes: &[u8], expect: &str) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("foreign.sqlite3");
    std::fs::write(&path, bytes).unwrap();
    for result in [
        Store::open(&path).map(|_| ()),
        Store::open_read_only(&path).map(|_| ()),
        Store::check_file(&path).map(|_| ()),
    ] {
        let message = result.unwrap_err().to_string();
        assert!(message.contains(expect), "{message}");
        assert!(message.contains("文件没有做任何改动"), "{message}");
    }
    assert_eq!(
        std::fs::read(&path).unwrap(),
        bytes,
        "the file must be byte-for-byte unchanged"
    );
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 1, "no -wal or -shm files appear: {names:?}");
}

#[test]
fn a_png_is_refused_and_left_unchanged() {
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend((0..4000_u32).map(|i| u8::try_from(i * 7 % 251).unwrap()));
    assert_refused_unchanged(&png, "文件内容不是数据库");
    assert_refused_unchanged(b"short", "文件内容不是数据库");
}

#[test]
fn another_programs_sqlite_file_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let other = dir.path().join("other.db");
    let conn = Connection::open(&other).unwrap();
    conn.execute_batch("CREATE TABLE t (x); INSERT INTO t VALUES (1);")
        .unwrap();
    drop(conn);
    assert_refused_unchanged(&std::fs::read(&other).unwrap(), "这是其他程序的数据库");
}

#[test]
fn a_file_from_a_newer_version_is_refused_and_left_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let newer = dir.path().join("newer.sqlite3");
    drop(Store::open(&newer).unwrap());
    let conn = Connection::open(&newer).unwrap();
    conn.pragma_update(None, "journal_mode", "DELETE").unwrap();
    conn.pragma_update(None, "user_version", schema::latest_version() + 1)
        .unwrap();
    drop(conn);
    assert_refused_unchanged(&std::fs::read(&newer).unwrap(), "更新版本");
}

#[test]
fn a_database_in_a_missing_folder_gives_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("没有这个文件夹").join("db.sqlite3");
    let message = Store::open(&path).err().unwrap().to_string();
    assert!(message.contains("所在文件夹不存在"), "{message}");
    assert!(!path.exists());
}
