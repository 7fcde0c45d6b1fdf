//! Damage done to a database file on purpose, for the tests that the window and the commands
//! find it, say it and never write the file.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

/// Overwrites two pages in the middle of the agreements' records: the middle of the file may
/// be pages the database no longer uses, whose bytes nothing reads.
pub(crate) fn damage_agreements(db: &Path) {
    use std::io::{Seek as _, SeekFrom, Write as _};
    let (page_size, root): (i64, i64) = {
        let conn = rusqlite::Connection::open(db).unwrap();
        let page_size = conn
            .query_row("PRAGMA page_size", [], |r| r.get(0))
            .unwrap();
        let root = conn
            .query_row(
                "SELECT rootpage FROM sqlite_schema WHERE name = 'agreements'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        (page_size, root)
    };
    let mut file = std::fs::OpenOptions::new().write(true).open(db).unwrap();
    let at = u64::try_from((root - 1) * page_size).unwrap();
    file.seek(SeekFrom::Start(at)).unwrap();
    file.write_all(&vec![0xA5; usize::try_from(page_size * 2).unwrap()])
        .unwrap();
}

/// Adds a log entry that is no JSON, as overwritten bytes leave one: SQLite's check finds it
/// (a CHECK constraint broken), while every table still reads.
pub(crate) fn break_a_log_entry(db: &Path) {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.execute_batch(
        "PRAGMA ignore_check_constraints = ON;
         INSERT INTO audit_log (at, operator, action, entity, entity_id, after_json)
         VALUES ('2025-01-01 00:00:00', '测试', '新增', 'unit', '1', 'XXXX{');",
    )
    .unwrap();
    conn.close().unwrap();
}
