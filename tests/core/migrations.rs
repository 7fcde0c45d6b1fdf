//! Each schema migration on its own: a file at the version before it, holding typical rows,
//! is brought up by that one migration; the new objects exist, the old rows are intact, and the
//! rules the migration adds hold.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use rusqlite::Connection;
use zerenshu::store::{Store, StoreError, schema};

const HASH: &str = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";

/// A file at `version` with a year, a category, a unit, a template, an indicator with a score,
/// and one agreement issued (定稿) and one draft.
pub(crate) fn file_at(version: i64) -> (tempfile::TempDir, std::path::PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("old.sqlite3");
    let mut conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
        .unwrap();
    schema::migrate_to(&mut conn, version).unwrap();
    conn.execute_batch(
        "INSERT INTO categories (id, name) VALUES (1, '镇街');
         INSERT INTO units (id, name, kind, category_id) VALUES (1, '青山镇人民政府', 'town', 1), (2, '河口镇人民政府', 'town', 1);
         INSERT INTO years (year, party_a_name) VALUES (2025, '示例市人民政府');
         INSERT INTO templates (id, year, category_id, version, title_pattern, preamble, sections_json, created_at)
             VALUES (1, 2025, 1, 1, '{年度}年度责任书', '', '[]', '2025-01-02');
         INSERT INTO indicator_sets (id, year, category_id) VALUES (1, 2025, 1);
         INSERT INTO indicators (id, set_id, position, name, points) VALUES (1, 1, 0, '组织领导', 600);
         INSERT INTO agreements (id, year, unit_id, category_id, template_id, number, status, content_hash)
             VALUES (1, 2025, 1, 1, 1, 1, 'final', 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad'),
                    (2, 2025, 2, 1, 1, 2, 'draft', NULL);
         INSERT INTO scores (agreement_id, indicator_id, self_score, assessed_score) VALUES (1, 1, 550, 500);",
    )
    .unwrap();
    (dir, path)
}

pub(crate) fn exists(conn: &Connection, name: &str) -> bool {
    conn.query_row(
        "SELECT count(*) FROM sqlite_schema WHERE name = ?1",
        [name],
        |r| r.get::<_, i64>(0),
    )
    .unwrap()
        == 1
}

pub(crate) fn step(path: &std::path::Path, to: i64) -> Connection {
    let mut conn = Connection::open(path).unwrap();
    schema::migrate_to(&mut conn, to).unwrap();
    assert_eq!(schema::version(&conn).unwrap(), to);
    let kept: (i64, String, i64) = conn
        .query_row(
            "SELECT count(*), (SELECT content_hash FROM agreements WHERE id = 1), (SELECT assessed_score FROM scores) FROM agreements",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(kept, (2, HASH.to_owned(), 500), "old rows intact");
    conn
}

#[test]
fn migration_3_adds_frozen_text_scans_and_the_freeze_rules() {
    let (_dir, path) = file_at(2);
    let conn = step(&path, 3);
    assert!(exists(&conn, "scans"));
    assert!(exists(&conn, "agreements_frozen_text"));
    let issued: Option<String> = conn
        .query_row("SELECT issued_json FROM agreements WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(issued, None, "the new column starts empty");
    let error = conn
        .execute("UPDATE agreements SET template_id = 2 WHERE id = 1", [])
        .unwrap_err();
    assert!(error.to_string().contains("责任书已定稿"));
    conn.execute("UPDATE agreements SET copies = 3 WHERE id = 2", [])
        .unwrap();
}

#[test]
fn migration_4_adds_the_export_register() {
    let (_dir, path) = file_at(3);
    let conn = step(&path, 4);
    assert!(exists(&conn, "exports"));
    conn.execute(
        "INSERT INTO exports (agreement_id, sha256, file_name, exported_at) VALUES (1, ?1, '2025-001-青山镇.pdf', '2025-03-01')",
        [HASH],
    )
    .unwrap();
}

#[test]
fn migration_5_closes_the_ways_around_the_rules() {
    let (_dir, path) = file_at(4);
    let conn = step(&path, 5);
    let refused = |sql: &str, expect: &str| {
        let error = conn.execute(sql, []).unwrap_err().to_string();
        assert!(error.contains(expect), "{sql}: {error}");
    };
    refused(
        "UPDATE agreements SET status = 'draft', content_hash = NULL WHERE id = 1",
        "退回草稿",
    );
    refused("DELETE FROM agreements WHERE id = 1", "不能删除");
    refused(
        "UPDATE indicators SET points = 400 WHERE id = 1",
        "不能把该项指标的分值改小",
    );
    // REPLACE deletes a clashing row without DELETE triggers: the clash itself is refused.
    refused(
        "INSERT OR REPLACE INTO agreements (id, year, unit_id, category_id, template_id, number, status, content_hash)
         SELECT id, year, unit_id, category_id, template_id, number, status, content_hash FROM agreements WHERE id = 1",
        "本年度已有该单位或该序号的责任书",
    );
    refused(
        "UPDATE OR REPLACE agreements SET number = 1 WHERE id = 2",
        "本年度已有该单位或该序号的责任书",
    );
    refused(
        "UPDATE agreements SET category_id = 2 WHERE id = 1",
        "考核类别不能修改",
    );
    refused(
        "INSERT OR REPLACE INTO templates (id, year, category_id, version, title_pattern, preamble, sections_json, created_at)
         VALUES (1, 2025, 1, 1, '改过的标题', '', '[]', '2025-01-03')",
        "该模板版本已存在",
    );
    conn.execute(
        "INSERT INTO audit_log (at, operator, action, entity, entity_id) VALUES ('2025-01-01', '测试', '测试', 'x', '1')",
        [],
    )
    .unwrap();
    refused(
        "INSERT OR REPLACE INTO audit_log (id, at, operator, action, entity, entity_id) VALUES (1, '2025-01-01', '某人', '篡改', 'x', '1')",
        "只能追加",
    );
    conn.execute("UPDATE indicators SET points = 800 WHERE id = 1", [])
        .unwrap();
    conn.execute("DELETE FROM agreements WHERE id = 2", [])
        .unwrap();
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::latest_version());
    store
        .write(|w| w.revert_to_draft(1, "条款笔误"))
        .expect("the audited way back to 草稿 still works");
    let error = store
        .write(|w| w.revert_to_draft(1, "再退一次"))
        .unwrap_err();
    assert!(matches!(error, StoreError::Rejected(_)));
}

#[test]
fn migration_6_adds_the_matter_of_an_adjustment_and_the_units_own_note() {
    let (_dir, path) = file_at(5);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE scores SET note = '查阅会议纪要';
             INSERT INTO adjustments (agreement_id, kind, points, reason) VALUES (1, 'bonus', 100, '省级推广');",
        )
        .unwrap();
    }
    let conn = step(&path, 6);
    let kept: (String, String, String) = conn
        .query_row(
            "SELECT (SELECT note FROM scores), (SELECT self_note FROM scores), (SELECT matter FROM adjustments)",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )
        .unwrap();
    assert_eq!(
        kept,
        ("查阅会议纪要".to_owned(), String::new(), String::new()),
        "the assessors' note is kept; the new columns start empty"
    );
    conn.execute(
        "INSERT INTO adjustments (agreement_id, kind, points, reason, matter) VALUES (1, 'bonus', 50, '市级表彰', '网格化隐患排查')",
        [],
    )
    .unwrap();
    let error = conn
        .execute(
            "UPDATE adjustments SET matter = ?1 WHERE id = 1",
            ["长".repeat(41)],
        )
        .unwrap_err();
    assert!(error.to_string().contains("CHECK"), "{error}");
    drop(conn);

    let store = Store::open(&path).unwrap();
    let scores = store.scores(2025).unwrap();
    assert_eq!(
        (scores[0].note.as_str(), scores[0].self_note.as_str()),
        ("查阅会议纪要", "")
    );
    let matters: Vec<String> = (store.adjustments(2025).unwrap().into_iter())
        .map(|a| a.matter)
        .collect();
    assert_eq!(matters, ["", "网格化隐患排查"]);
}

#[test]
fn migration_1_creates_the_register_with_its_rules() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("new.sqlite3");
    let mut conn = Connection::open(&path).unwrap();
    schema::migrate_to(&mut conn, 1).unwrap();
    assert_eq!(schema::version(&conn).unwrap(), 1);
    for table in [
        "settings",
        "categories",
        "units",
        "years",
        "grade_bands",
        "templates",
        "indicator_sets",
        "indicators",
        "agreements",
        "scores",
    ] {
        assert!(exists(&conn, table), "{table}");
    }
    assert!(
        !exists(&conn, "audit_log"),
        "the log comes with migration 2"
    );
    conn.execute_batch(
        "INSERT INTO categories (id, name) VALUES (1, '镇街');
         INSERT INTO units (id, name, kind, category_id) VALUES (1, '青山镇人民政府', 'town', 1);
         INSERT INTO years (year, party_a_name) VALUES (2025, '示例市人民政府');",
    )
    .unwrap();
    for (sql, why) in [
        (
            "INSERT INTO units (name, kind, category_id) VALUES ('青山镇人民政府', 'town', 1)",
            "a second active unit of the same name",
        ),
        (
            "INSERT INTO units (name, kind, category_id) VALUES ('北岭镇', 'village', 1)",
            "an unknown kind",
        ),
        (
            "INSERT INTO units (name, kind, category_id) VALUES ('   ', 'town', 1)",
            "an empty name",
        ),
        (
            "INSERT INTO years (year, party_a_name) VALUES (1999, '示例市人民政府')",
            "a year out of range",
        ),
        (
            "UPDATE years SET phase = 'closed' WHERE year = 2025",
            "an unknown phase",
        ),
        (
            "INSERT INTO indicator_sets (id, year, category_id) VALUES (1, 2025, 1);
             INSERT INTO indicators (set_id, position, name, points) VALUES (1, 0, '组织领导', -100)",
            "negative points",
        ),
    ] {
        assert!(conn.execute_batch(sql).is_err(), "refused: {why}");
    }
}

#[test]
fn migration_2_adds_the_append_only_audit_log_and_keeps_rows() {
    let (_dir, path) = file_at(1);
    let conn = step(&path, 2);
    assert!(exists(&conn, "audit_log"));
    conn.execute(
        "INSERT INTO audit_log (at, operator, action, entity, entity_id) VALUES ('2025-01-02 09:00:00', '柏闻溪', '新增单位', 'unit', '1')",
        [],
    )
    .unwrap();
    let update = conn
        .execute("UPDATE audit_log SET operator = '别人'", [])
        .unwrap_err();
    assert!(update.to_string().contains("操作记录"), "{update}");
    let delete = conn.execute("DELETE FROM audit_log", []).unwrap_err();
    assert!(delete.to_string().contains("操作记录"), "{delete}");
    let count: i64 = conn
        .query_row("SELECT count(*) FROM audit_log", [], |r| r.get(0))
        .unwrap();
    assert_eq!(count, 1);
}

#[test]
fn migration_8_lets_an_agreements_status_only_move_forward() {
    let (_dir, path) = file_at(7);
    let conn = step(&path, 8);
    assert!(exists(&conn, "agreements_status_forward"));
    // Agreement 1 is 已定稿: forward is allowed, back (but to 草稿) is not.
    conn.execute("UPDATE agreements SET status = 'printed' WHERE id = 1", [])
        .unwrap();
    conn.execute(
        "UPDATE agreements SET status = 'signed', signed_on = '2025-03-12' WHERE id = 1",
        [],
    )
    .unwrap();
    for back in ["printed", "final"] {
        let error = conn
            .execute("UPDATE agreements SET status = ?1 WHERE id = 1", [back])
            .unwrap_err();
        assert!(
            error.to_string().contains("只能依次向前"),
            "{back}: {error}"
        );
    }
    let status: String = conn
        .query_row("SELECT status FROM agreements WHERE id = 1", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(status, "signed");
}

#[test]
fn migration_9_lets_a_status_move_one_step_at_a_time() {
    let (_dir, path) = file_at(8);
    let conn = step(&path, 9);
    assert!(exists(&conn, "agreements_status_one_step"));
    // Agreement 1 is 已定稿: 已签订 skips 已打印, which is refused.
    let error = conn
        .execute(
            "UPDATE agreements SET status = 'signed', signed_on = '2025-03-12' WHERE id = 1",
            [],
        )
        .unwrap_err();
    assert!(error.to_string().contains("须先标记已打印"), "{error}");
    conn.execute("UPDATE agreements SET status = 'printed' WHERE id = 1", [])
        .unwrap();
    let error = conn
        .execute(
            "UPDATE agreements SET status = 'archived', signed_on = '2025-03-12' WHERE id = 1",
            [],
        )
        .unwrap_err();
    assert!(error.to_string().contains("不能跳过"), "{error}");
    conn.execute(
        "UPDATE agreements SET status = 'signed', signed_on = '2025-03-12' WHERE id = 1",
        [],
    )
    .unwrap();
    // Going back is still migration 8's to refuse.
    let error = conn
        .execute("UPDATE agreements SET status = 'final' WHERE id = 1", [])
        .unwrap_err();
    assert!(error.to_string().contains("只能依次向前"), "{error}");
}

#[test]
fn migration_10_keeps_each_archived_scan_as_its_first_version_and_adds_versions_in_order() {
    let (_dir, path) = file_at(9);
    let png = zerenshu::demo::signed_copy_png();
    let sha = zerenshu::model::agreement::content_hash(&png);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE agreements SET status = 'printed' WHERE id = 1;
             UPDATE agreements SET status = 'signed', signed_on = '2025-03-12' WHERE id = 1;",
        )
        .unwrap();
        conn.execute(
            "INSERT INTO scans (agreement_id, file_name, media_type, bytes, sha256, added_at) VALUES (1, '签订件.png', 'image/png', ?1, ?2, '2025-03-13 09:30:00')",
            rusqlite::params![png, sha],
        )
        .unwrap();
        conn.execute("UPDATE agreements SET status = 'archived' WHERE id = 1", [])
            .unwrap();
    }
    let conn = step(&path, 10);
    assert!(exists(&conn, "scans_follow_audit"));
    assert!(!exists(&conn, "scans_before_10"));
    let kept: (i64, i64, String, Vec<u8>, String) = conn
        .query_row(
            "SELECT version, page, file_name, bytes, sha256 FROM scans WHERE agreement_id = 1",
            [],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
        )
        .unwrap();
    assert_eq!(
        kept,
        (1, 1, "签订件.png".to_owned(), png.clone(), sha.clone())
    );
    let refused = |sql: &str, expect: &str| {
        let error = conn.execute(sql, []).unwrap_err().to_string();
        assert!(error.contains(expect), "{sql}: {error}");
    };
    let copy = |version: i64, page: i64| {
        format!(
            "INSERT INTO scans SELECT agreement_id, {version}, {page}, file_name, media_type, bytes, sha256, added_at FROM scans WHERE agreement_id = 1 AND version = 1"
        )
    };
    // Without its audit entry, no version is added; rows are never changed or deleted.
    refused(&copy(2, 1), "须随操作记录写入");
    refused("UPDATE scans SET bytes = x'00'", "不能修改");
    refused("DELETE FROM scans", "不能删除");
    let log = |action: &str| {
        conn.execute(
            "INSERT INTO audit_log (at, operator, action, entity, entity_id) VALUES ('2025-03-14 09:30:00', '测试', ?1, 'scan', '1')",
            [action],
        )
        .unwrap();
    };
    log("归档扫描件");
    refused(&copy(2, 1), "须随操作记录写入");
    log("更换扫描件");
    refused(&copy(3, 1), "按版本和页序");
    refused(&copy(1, 1), "按版本和页序");
    refused(&copy(2, 2), "按版本和页序");
    conn.execute(&copy(2, 1), []).unwrap();
    conn.execute(&copy(2, 2), []).unwrap();
    refused(&copy(2, 2), "按版本和页序");
    let versions: i64 = conn
        .query_row(
            "SELECT max(version) FROM scans WHERE agreement_id = 1",
            [],
            |r| r.get(0),
        )
        .unwrap();
    assert_eq!(versions, 2);
    // 已归档 needs a scan: agreement 2 is a draft, moved on by hand to 已签订 and then refused.
    conn.execute_batch(
        "UPDATE agreements SET status = 'final', content_hash = '0000000000000000000000000000000000000000000000000000000000000000' WHERE id = 2;
         UPDATE agreements SET status = 'printed' WHERE id = 2;
         UPDATE agreements SET status = 'signed', signed_on = '2025-03-12' WHERE id = 2;",
    )
    .unwrap();
    refused(
        "UPDATE agreements SET status = 'archived' WHERE id = 2",
        "归档须先存入签订件扫描件",
    );
}

#[test]
fn migration_11_gives_rules_a_limit_of_their_own_never_below_one_entry_nor_on_a_veto() {
    let (_dir, path) = file_at(10);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "INSERT INTO rule_items (id, set_id, position, kind, name, points) VALUES
                 (1, 1, 0, 'deduction', '烟花爆竹经营点违规（每处）', 100),
                 (2, 1, 1, 'veto', '瞒报事故', 0);",
        )
        .unwrap();
    }
    let conn = step(&path, 11);
    let cap: Option<i64> = conn
        .query_row("SELECT cap FROM rule_items WHERE id = 1", [], |r| r.get(0))
        .unwrap();
    assert_eq!(cap, None, "an old rule has no limit of its own");
    conn.execute("UPDATE rule_items SET cap = 400 WHERE id = 1", [])
        .unwrap();
    for sql in [
        "UPDATE rule_items SET cap = 50 WHERE id = 1",
        "UPDATE rule_items SET cap = 0 WHERE id = 1",
        "UPDATE rule_items SET cap = 400 WHERE id = 2",
    ] {
        let error = conn.execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("CHECK"), "{sql}: {error}");
    }
}

#[test]
fn migration_7_keeps_every_year_but_the_newest_its_units_and_never_changes_them() {
    let (_dir, path) = file_at(6);
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "INSERT INTO years (year, party_a_name) VALUES (2026, '示例市人民政府')",
            [],
        )
        .unwrap();
    }
    let conn = step(&path, 7);
    assert!(exists(&conn, "unit_versions"));
    let kept: Vec<(i64, String)> = conn
        .prepare("SELECT year, name FROM unit_versions ORDER BY year, unit_id")
        .unwrap()
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?)))
        .unwrap()
        .collect::<rusqlite::Result<_>>()
        .unwrap();
    assert_eq!(
        kept,
        [
            (2025, "青山镇人民政府".to_owned()),
            (2025, "河口镇人民政府".to_owned())
        ],
        "2025 keeps its units; 2026, the newest, reads the register"
    );
    for sql in [
        "UPDATE unit_versions SET name = '别名'",
        "DELETE FROM unit_versions",
        "INSERT OR REPLACE INTO unit_versions SELECT * FROM unit_versions",
    ] {
        let error = conn.execute(sql, []).unwrap_err();
        assert!(error.to_string().contains("单位信息"), "{sql}: {error}");
    }
    conn.execute("UPDATE units SET name = '青山街道办事处' WHERE id = 1", [])
        .unwrap();
    drop(conn);
    let store = Store::open(&path).unwrap();
    let name_in = |year| store.units_in(year).unwrap()[0].fields.name.clone();
    assert_eq!(name_in(2025), "青山镇人民政府");
    assert_eq!(name_in(2026), "青山街道办事处");
}

#[test]
fn every_migration_applies_in_order_and_keeps_data() {
    let path = tempfile::tempdir().unwrap().keep().join("migrate.sqlite3");
    {
        let mut conn = Connection::open(&path).unwrap();
        conn.pragma_update(None, "application_id", schema::APPLICATION_ID)
            .unwrap();
        schema::migrate_to(&mut conn, 1).unwrap();
        assert_eq!(schema::version(&conn).unwrap(), 1);
        conn.execute("INSERT INTO categories (name) VALUES ('镇街')", [])
            .unwrap();
        conn.execute("INSERT INTO units (name, kind, category_id) VALUES ('城关街道办事处', 'subdistrict', 1)", []).unwrap();
        let audit: i64 = conn
            .query_row(
                "SELECT count(*) FROM sqlite_schema WHERE name = 'audit_log'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(audit, 0, "migration 1 has no audit log yet");
    }
    let store = Store::open(&path).unwrap();
    assert_eq!(store.schema_version().unwrap(), schema::latest_version());
    assert_eq!(store.units().unwrap()[0].fields.name, "城关街道办事处");
    assert!(
        store.audit_entries(10).unwrap().is_empty(),
        "migration 2 adds an empty audit log"
    );
    assert!(store.check().unwrap().is_ok());
}

#[test]
fn migrations_run_once_and_are_idempotent_on_reopen() {
    let path = tempfile::tempdir().unwrap().keep().join("reopen.sqlite3");
    for _ in 0..3 {
        let store = Store::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), schema::latest_version());
    }
}

#[test]
fn an_older_file_opened_read_only_reads_through_a_migrated_copy_and_is_not_written() {
    let (_dir, path) = file_at(4);
    let before = std::fs::read(&path).unwrap();
    let mut store = Store::open_read_only(&path).unwrap();
    assert_eq!(store.agreements(2025).unwrap().len(), 2);
    assert!(store.write(|w| w.set_setting("x", "y")).is_err());
    drop(store);
    assert_eq!(std::fs::read(&path).unwrap(), before);

    let (_dir, old) = file_at(2);
    let report = Store::check_file(&old).unwrap();
    assert_eq!(report.schema_version, 2);
    assert!(report.to_string().contains("需要升级"), "{report}");
}
