//! What the kill test checks after each run: SQLite's integrity and foreign keys, a snapshot
//! of what the database holds, the app opening it again, and whole files under final names.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use rusqlite::{Connection, OpenFlags};

use super::{DEMO_UNITS, DRAFT_YEAR, SCORED_YEAR, output_text, zerenshu};

/// What the database holds, in numbers that an action changes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Snapshot {
    /// Units, active and archived.
    pub(super) units: i64,
    /// Agreements of the year `draft` works on.
    pub(super) draft_year_agreements: i64,
    /// Audit rows of drafting those agreements.
    pub(super) draft_year_audit: i64,
    /// Rows, sum of self scores, the same weighted by position, sum of assessed scores and
    /// total note length.
    pub(super) scores: (i64, i64, i64, i64, i64),
    /// Recorded exports.
    pub(super) exports: i64,
    /// Rows of every table.
    pub(super) tables: BTreeMap<String, i64>,
}

/// Integrity and foreign keys of a SQLite file, opened read-write as the app opens it, so a
/// WAL left by a killed process is recovered first.
fn assert_sound(conn: &Connection, path: &Path, context: &str) {
    let mut statement = conn.prepare("PRAGMA integrity_check").unwrap();
    let integrity: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    assert_eq!(integrity, ["ok"], "{context}: {}", path.display());
    let mut statement = conn.prepare("PRAGMA foreign_key_check").unwrap();
    let problems = statement.query_map([], |_| Ok(())).unwrap().count();
    assert_eq!(problems, 0, "{context}: foreign keys of {}", path.display());
}

fn open_read_write(path: &Path) -> Connection {
    Connection::open_with_flags(path, OpenFlags::SQLITE_OPEN_READ_WRITE).unwrap()
}

/// Checks the database and reads its snapshot.
pub(super) fn snapshot(db: &Path, context: &str) -> Snapshot {
    let conn = open_read_write(db);
    assert_sound(&conn, db, context);
    let count = |sql: &str| -> i64 { conn.query_row(sql, [], |row| row.get(0)).unwrap() };
    let mut statement = conn
        .prepare("SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
        .unwrap();
    let names: Vec<String> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .collect::<Result<_, _>>()
        .unwrap();
    let tables = names
        .into_iter()
        .map(|name| {
            let rows = count(&format!("SELECT count(*) FROM \"{name}\""));
            (name, rows)
        })
        .collect();
    let scores = conn
        .query_row(
            "SELECT count(*), coalesce(sum(self_score), 0), \
             coalesce(sum((agreement_id * 1009 + indicator_id) % 9973 * self_score), 0), \
             coalesce(sum(assessed_score), 0), coalesce(sum(length(note)), 0) FROM scores",
            [],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .unwrap();
    Snapshot {
        units: count("SELECT count(*) FROM units"),
        draft_year_agreements: count(&format!(
            "SELECT count(*) FROM agreements WHERE year = {DRAFT_YEAR}"
        )),
        draft_year_audit: count(&format!(
            "SELECT count(*) FROM audit_log WHERE action = '起草责任书' \
             AND json_extract(after_json, '$.year') = {DRAFT_YEAR}"
        )),
        scores,
        exports: count("SELECT count(*) FROM exports"),
        tables,
    }
}

/// `zerenshu check` passes and `zerenshu list` opens the database for writing, so neither the
/// WAL nor the lock file a killed process left behind is in the way.
pub(super) fn assert_app_opens(db: &Path, context: &str) {
    let output = zerenshu(db, &["check"]).output().unwrap();
    assert!(
        output.status.success(),
        "{context}: check: {}",
        output_text(&output)
    );
    let output = zerenshu(db, &["list", "--year", SCORED_YEAR])
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{context}: list: {}",
        output_text(&output)
    );
    let lines = String::from_utf8_lossy(&output.stdout).lines().count();
    assert_eq!(
        i64::try_from(lines).unwrap(),
        1 + DEMO_UNITS,
        "{context}: list: a header and one line per agreement: {}",
        output_text(&output)
    );
}

pub(super) fn is_final_name(name: &str) -> bool {
    !name.starts_with('.')
}

/// A PDF under a final name is whole: header, end marker, and the cross-reference table (or,
/// in a file with object streams, the cross-reference stream) where the trailer says it starts. (Batch exports are not byte-reproducible, so lengths are not
/// compared with a complete run.)
fn assert_whole_pdf(path: &Path, context: &str) {
    let bytes = std::fs::read(path).unwrap();
    let cut_short = || {
        format!(
            "{context}: PDF cut short ({} bytes): {}",
            bytes.len(),
            path.display()
        )
    };
    assert!(bytes.starts_with(b"%PDF-"), "{}", cut_short());
    let body = bytes.trim_ascii_end();
    assert!(body.ends_with(b"%%EOF"), "{}", cut_short());
    let tail = &body[body.len().saturating_sub(64)..];
    let marker = tail
        .windows(b"startxref".len())
        .rposition(|w| w == b"startxref")
        .unwrap_or_else(|| panic!("{}", cut_short()));
    let offset: usize =
        String::from_utf8_lossy(&tail[marker + b"startxref".len()..tail.len() - b"%%EOF".len()])
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("{}", cut_short()));
    let is_xref_stream = |rest: &[u8]| {
        let head = &rest[..rest.len().min(200)];
        let starts_object = head
            .split(|&b| b == b'\n')
            .next()
            .is_some_and(|line| line.ends_with(b" obj"));
        starts_object && head.windows(b"/XRef".len()).any(|w| w == b"/XRef")
    };
    assert!(
        bytes
            .get(offset..)
            .is_some_and(|rest| rest.starts_with(b"xref") || is_xref_stream(rest)),
        "{}",
        cut_short()
    );
}

/// Every file under a final name in `folder` is whole; returns the final names.
pub(super) fn assert_outputs_whole(
    folder: &Path,
    expected: &BTreeSet<String>,
    context: &str,
) -> usize {
    let mut finals = 0;
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !is_final_name(&name) {
            continue;
        }
        finals += 1;
        assert!(
            expected.contains(&name),
            "{context}: unexpected file {}",
            path.display()
        );
        if Path::new(&name)
            .extension()
            .is_some_and(|ext| ext.eq_ignore_ascii_case("pdf"))
        {
            assert_whole_pdf(&path, context);
        } else {
            let conn = open_read_write(&path);
            assert_sound(&conn, &path, context);
        }
    }
    finals
}

/// Every PDF under a final name in `folder` is one the database recorded (so `verify` knows it),
/// however the export ended.
pub(super) fn assert_pdfs_recorded(db: &Path, folder: &Path, context: &str) {
    let conn = open_read_write(db);
    let mut statement = conn.prepare("SELECT sha256 FROM exports").unwrap();
    let recorded: BTreeSet<String> = statement
        .query_map([], |row| row.get(0))
        .unwrap()
        .map(Result::unwrap)
        .collect();
    for entry in std::fs::read_dir(folder).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if is_final_name(&name) && path.extension().is_some_and(|e| e == "pdf") {
            let hash = zerenshu::model::agreement::content_hash(std::fs::read(&path).unwrap());
            assert!(
                recorded.contains(&hash),
                "{context}: {name} is not recorded, so verify would call it altered"
            );
        }
    }
}

/// The automatic backups beside the database are whole, and the lock note, if any, is JSON.
/// Returns the number of automatic backups.
pub(super) fn assert_side_files_whole(db: &Path, context: &str) -> usize {
    let mut backups = 0;
    let folder = db.parent().unwrap().join("backups");
    if folder.is_dir() {
        for entry in std::fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if is_final_name(&name) {
                assert!(name.ends_with(".sqlite3"), "{context}: {}", path.display());
                let conn = open_read_write(&path);
                assert_sound(&conn, &path, context);
                backups += 1;
            }
        }
    }
    let mut note = db.as_os_str().to_owned();
    note.push(".lock.json");
    if let Ok(bytes) = std::fs::read(PathBuf::from(note)) {
        assert!(
            serde_json::from_slice::<serde_json::Value>(&bytes).is_ok(),
            "{context}: lock note is not whole: {}",
            String::from_utf8_lossy(&bytes)
        );
    }
    backups
}
