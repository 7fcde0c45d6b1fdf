//! A data version that does not fit the file's tables (set by hand or another program): `check`
//! reports it as a problem, and opening it says so in words (no SQLite statements) and leaves
//! the file's bytes as they were.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::{demo_db, zerenshu};

#[test]
fn a_version_that_does_not_fit_the_tables_is_reported_and_nothing_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for version in [0, 5] {
        {
            let conn = rusqlite::Connection::open(&db).unwrap();
            conn.pragma_update(None, "user_version", version).unwrap();
        }
        let before = std::fs::read(&db).unwrap();
        let (code, out, err) = zerenshu(&["check", "--db", &db]);
        assert_eq!(code, 1, "{out}{err}");
        assert!(
            out.contains(&format!("数据版本：文件记录的数据版本为 {version}")),
            "{out}"
        );
        assert!(out.contains("结论：发现问题"), "{out}");
        assert!(!out.contains("内容：0 个年度"), "counted as it is: {out}");
        let (code, out, err) = zerenshu(&["list", "--db", &db, "--year", "2025"]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(
            err.contains("与这一版本不符") || err.contains("其中却已有数据表"),
            "{err}"
        );
        assert!(!err.contains("CREATE"), "no SQLite statements: {err}");
        assert_eq!(std::fs::read(&db).unwrap(), before, "the file as it was");
    }
}

#[test]
fn a_table_dropped_from_a_file_of_the_newest_version_is_said_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch("DROP TABLE exports").unwrap();
    }
    let before = std::fs::read(&db).unwrap();
    let (code, out, err) = zerenshu(&["check", "--db", &db]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("缺少数据表或字段"), "{out}");
    assert!(out.contains("未核对"), "nothing said to match: {out}");
    assert!(!out.contains("与校验码一致"), "{out}");
    let (code, out, err) = zerenshu(&["list", "--db", &db, "--year", "2025"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("缺少数据表或字段"), "{err}");
    assert!(!err.contains("no such table"), "no SQLite words: {err}");
    assert_eq!(std::fs::read(&db).unwrap(), before, "the file as it was");
}
