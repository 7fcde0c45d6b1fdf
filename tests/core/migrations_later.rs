//! The later schema migrations each on its own (12 to 16: a database's identity, undoing a
//! mistaken signing or printing, a step back with its reason, name indexes), and damage in an
//! older file found before it is migrated.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rusqlite::Connection;
use zerenshu::store::{Store, StoreError, schema};

use crate::migrations::{exists, file_at, step};

#[test]
fn migration_12_gives_each_database_an_identity_of_its_own_that_never_changes() {
    let identity = |conn: &Connection| -> String {
        conn.query_row(
            "SELECT value FROM settings WHERE key = 'database_id'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let (_dir, path) = file_at(11);
    let (_other_dir, other_path) = file_at(11);
    let conn = step(&path, 12);
    let id = identity(&conn);
    assert_eq!(id.len(), 32, "{id}");
    assert_ne!(id, identity(&step(&other_path, 12)), "drawn at random");
    for sql in [
        "UPDATE settings SET value = 'x' WHERE key = 'database_id'",
        "DELETE FROM settings WHERE key = 'database_id'",
    ] {
        let error = conn.execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("数据库标识"), "{sql}: {error}");
    }
    conn.execute(
        "INSERT INTO settings (key, value) VALUES ('probe', '1')",
        [],
    )
    .unwrap();
    conn.execute("UPDATE settings SET value = '2' WHERE key = 'probe'", [])
        .unwrap();
    assert_eq!(identity(&conn), id);

    // A file with a history takes its identity from the first entry of its log: a copy of it
    // (a backup) migrated later gets the same one.
    let (_dir, with_log) = file_at(11);
    Connection::open(&with_log)
        .unwrap()
        .execute_batch(
            "INSERT INTO audit_log (at, operator, action, entity, entity_id)
             VALUES ('2025-01-02 09:00:00', '林小满', '新增单位', 'unit', '1');",
        )
        .unwrap();
    let copy = with_log.with_file_name("copy.sqlite3");
    std::fs::copy(&with_log, &copy).unwrap();
    assert_eq!(identity(&step(&with_log, 12)), identity(&step(&copy, 12)));
}

#[test]
fn migration_13_lets_a_mistaken_signing_be_undone_only_right_after_its_audited_entry() {
    let (_dir, path) = file_at(12);
    let conn = step(&path, 13);
    conn.execute_batch(
        "UPDATE agreements SET status = 'printed' WHERE id = 1;
         UPDATE agreements SET status = 'signed', signed_on = '2025-03-12',
                party_a_signatory = '甲', party_b_signatory = '乙', copies_returned = 2 WHERE id = 1;",
    )
    .unwrap();
    let undo = "UPDATE agreements SET status = 'printed', signed_on = NULL, party_a_signatory = '',
                party_b_signatory = '', copies_returned = 0 WHERE id = 1";
    let error = conn.execute(undo, []).unwrap_err();
    assert!(error.to_string().contains("撤销签订"), "{error}");
    let log = |action: &str| {
        conn.execute(
            "INSERT INTO audit_log (at, operator, action, entity, entity_id) VALUES ('2025-03-13 09:00:00', '测试', ?1, 'agreement', '1')",
            [action],
        )
        .unwrap();
    };
    // Not after another entry, nor keeping the signing.
    log("修改签订信息");
    assert!(conn.execute(undo, []).is_err());
    log("撤销签订");
    let keeping = "UPDATE agreements SET status = 'printed' WHERE id = 1";
    assert!(conn.execute(keeping, []).is_err());
    conn.execute(undo, []).unwrap();
    // Any other step back is refused as before.
    let error = conn
        .execute("UPDATE agreements SET status = 'final' WHERE id = 1", [])
        .unwrap_err();
    assert!(error.to_string().contains("只能依次向前"), "{error}");
}

#[test]
fn migration_14_lets_a_mistaken_printing_be_undone_only_right_after_its_audited_entry() {
    let (_dir, path) = file_at(13);
    let conn = step(&path, 14);
    conn.execute(
        "UPDATE agreements SET status = 'printed', printed_at = '2025-03-02 09:30:00' WHERE id = 1",
        [],
    )
    .unwrap();
    let undo = "UPDATE agreements SET status = 'final', printed_at = NULL WHERE id = 1";
    let error = conn.execute(undo, []).unwrap_err();
    assert!(error.to_string().contains("撤销打印"), "{error}");
    let log = |action: &str| {
        conn.execute(
            "INSERT INTO audit_log (at, operator, action, entity, entity_id) VALUES ('2025-03-13 09:00:00', '测试', ?1, 'agreement', '1')",
            [action],
        )
        .unwrap();
    };
    // Not after another entry, nor keeping the printing date.
    log("撤销签订");
    assert!(conn.execute(undo, []).is_err());
    log("撤销打印");
    let keeping = "UPDATE agreements SET status = 'final' WHERE id = 1";
    assert!(conn.execute(keeping, []).is_err());
    conn.execute(undo, []).unwrap();
    // Printed again, it goes back only after an entry of its own again.
    conn.execute(
        "UPDATE agreements SET status = 'printed', printed_at = '2025-03-03 09:30:00' WHERE id = 1",
        [],
    )
    .unwrap();
    log("撤销签订");
    let error = conn
        .execute(
            "UPDATE agreements SET status = 'final', printed_at = NULL WHERE id = 1",
            [],
        )
        .unwrap_err();
    assert!(error.to_string().contains("只能依次向前"), "{error}");
}

#[test]
fn migration_15_opens_a_step_back_only_after_an_entry_that_gives_its_reason() {
    let (_dir, path) = file_at(14);
    let conn = step(&path, 15);
    conn.execute(
        "UPDATE agreements SET status = 'printed', printed_at = '2025-03-02 09:30:00' WHERE id = 1",
        [],
    )
    .unwrap();
    let log = |action: &str, after: &str| {
        conn.execute(
            "INSERT INTO audit_log (at, operator, action, entity, entity_id, after_json) VALUES ('2025-03-13 09:00:00', '测试', ?1, 'agreement', '1', ?2)",
            [action, after],
        )
        .unwrap();
    };
    let undo = "UPDATE agreements SET status = 'final', printed_at = NULL WHERE id = 1";
    // The entry of the right name, but without a reason (or a blank one): refused.
    log("撤销打印", r#"{"status":"final"}"#);
    assert!(conn.execute(undo, []).is_err());
    log("撤销打印", r#"{"status":"final","reason":"  "}"#);
    assert!(conn.execute(undo, []).is_err());
    log("撤销打印", r#"{"status":"final","reason":"打印日期填错"}"#);
    conn.execute(undo, []).unwrap();
    // Back to 草稿 likewise.
    let revert = "UPDATE agreements SET status = 'draft', issued_json = NULL, content_hash = NULL WHERE id = 1";
    log("退回草稿", r#"{"status":"draft"}"#);
    let error = conn.execute(revert, []).unwrap_err();
    assert!(
        error.to_string().contains("退回草稿须先写明理由"),
        "{error}"
    );
    log(
        "退回草稿",
        r#"{"status":"draft","revert_reason":"单位名称有误"}"#,
    );
    conn.execute(revert, []).unwrap();
}

/// Units are found by the name they are shown under and by their short name through indexes
/// (each unit written checks them), not by reading the whole register.
#[test]
fn migration_16_finds_units_by_their_shown_and_short_names_through_indexes() {
    let (_dir, path) = file_at(15);
    let conn = step(&path, 16);
    assert!(exists(&conn, "units_active_shown_name"));
    assert!(exists(&conn, "units_active_short_name"));
    let plan = |sql: &str| -> String {
        let mut statement = conn.prepare(&format!("EXPLAIN QUERY PLAN {sql}")).unwrap();
        let rows = statement.query_map([], |r| r.get::<_, String>(3)).unwrap();
        rows.map(Result::unwrap).collect::<Vec<_>>().join("; ")
    };
    let shown = plan(
        "SELECT name FROM units WHERE coalesce(nullif(short_name, ''), name) = '青山镇' AND is_active = 1",
    );
    assert!(
        shown.contains("USING INDEX units_active_shown_name"),
        "{shown}"
    );
    let short = plan("SELECT name FROM units WHERE short_name = '青山镇' AND is_active = 1");
    assert!(
        short.contains("USING INDEX units_active_short_name"),
        "{short}"
    );
    // The rows are as they were, and one more is written and found as before.
    conn.execute(
        "INSERT INTO units (name, short_name, kind, category_id) VALUES ('示例市测试局', '测试局', 'department', 1)",
        [],
    )
    .unwrap();
    let found: String = conn
        .query_row(
            "SELECT name FROM units WHERE coalesce(nullif(short_name, ''), name) = '测试局' AND is_active = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(found, "示例市测试局");
}

/// A file of an older data version with a record that cannot be read: found before opening
/// for writing would back it up and migrate it, and left byte for byte as it was; `check`
/// says so too.
#[test]
fn damage_in_a_file_of_an_older_version_is_found_before_it_is_migrated() {
    let (dir, path) = file_at(schema::latest_version() - 1);
    Connection::open(&path)
        .unwrap()
        .execute(
            "UPDATE units SET contact_name = CAST(x'e4ff41' AS TEXT) WHERE id = 2",
            [],
        )
        .unwrap();
    let before = std::fs::read(&path).unwrap();
    match Store::open(&path) {
        Err(error @ StoreError::Damaged { .. }) => {
            assert!(error.to_string().contains("已损坏"), "{error}");
        }
        other => panic!("the damage went unnoticed: {:?}", other.map(drop)),
    }
    assert_eq!(std::fs::read(&path).unwrap(), before, "not written");
    assert!(
        !dir.path().join("backups").exists(),
        "no backup of the damage was taken"
    );
    let checked = Store::check_file(&path);
    assert!(
        checked.as_ref().map_or(true, |report| !report.is_ok()),
        "{:?}",
        checked.map(|r| r.to_string())
    );
}
