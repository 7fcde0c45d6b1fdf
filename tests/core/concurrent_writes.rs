//! Two connections on one file, as the window and a background job (batch draft, export) hold
//! them: a write that reads before it writes waits for the other's write to end instead of
//! failing with "busy".

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::time::Duration;

use rusqlite::Connection;
use zerenshu::model::{UnitDraft, UnitKind};
use zerenshu::store::Store;

use crate::support::demo_file;

#[test]
fn a_write_waits_for_another_connections_write_to_end() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let mut store = Store::open(&path).unwrap();
    let category_id = store.categories().unwrap()[0].id;

    // The job's connection holds the write lock for a moment, then commits.
    let job = Connection::open(&path).unwrap();
    job.execute_batch(
        "BEGIN IMMEDIATE; INSERT INTO settings (key, value) VALUES ('job_test', '1');",
    )
    .unwrap();
    let commit = std::thread::spawn(move || {
        std::thread::sleep(Duration::from_millis(300));
        job.execute_batch("COMMIT").unwrap();
    });

    // Adding a unit reads (is the name taken?) before it writes: begun before the job's
    // commit, a deferred transaction would find its snapshot stale and fail.
    let added = store.write(|w| {
        w.insert_unit(&UnitDraft {
            name: "示例市并发测试中心".into(),
            short_name: String::new(),
            kind: UnitKind::Department,
            category_id,
            principal_title: "主任".into(),
            principal_name: "柯明远".into(),
            contact_name: String::new(),
            contact_phone: String::new(),
            sort_order: 99,
        })
    });
    commit.join().unwrap();
    let id = added.expect("the write waits for the job's commit, then succeeds");
    assert!(store.unit(id).unwrap().is_some());
    let job_row: String = Connection::open(&path)
        .unwrap()
        .query_row(
            "SELECT value FROM settings WHERE key = 'job_test'",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(job_row, "1", "the job's write is kept too");
}

/// A command meeting the lock held without a note (another command between taking the lock
/// and writing its note, or between deleting it and letting go) looks again for a moment
/// rather than blaming a window that is not there.
#[test]
fn a_lock_held_a_moment_without_its_note_is_waited_for() {
    let dir = tempfile::tempdir().unwrap();
    let path = demo_file(dir.path());
    let holder = Store::open(&path).unwrap();
    let mut note = path.clone().into_os_string();
    note.push(".lock.json");
    std::fs::remove_file(&note).unwrap();
    // The command started first, so that it meets the lock held; let go a moment later.
    let command = crate::support::zerenshu_command()
        .args(["year", "--db", path.to_str().unwrap(), "--year", "2025"])
        .args(["--signatory-name", "柯明远"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(400));
    drop(holder);
    let (code, _, err) = crate::support::said(&command.wait_with_output().unwrap());
    assert_eq!(code, 0, "{err}");
}
