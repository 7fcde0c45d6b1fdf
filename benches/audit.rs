//! The 操作记录 at the size years of daily use leave: 100,000 log entries, a third about
//! agreements, some about drafts deleted since. Times the viewer's search, the count of changes
//! since publication and the result exports' check, which run on the window's thread after
//! every write. Run with `cargo bench --bench audit`.

// A benchmark may stop with a panic when its setup fails.
#![allow(clippy::expect_used)]

mod common;

use common::report;

use std::time::Instant;

use zerenshu::store::{AuditFilter, Store};

const ENTRIES: i64 = 100_000;

fn main() {
    let dir = tempfile::tempdir().expect("temp dir");
    let db = dir.path().join("audit.sqlite3");
    {
        let mut store = Store::open(&db).expect("store");
        zerenshu::demo::load(&mut store).expect("demo");
    }
    {
        // Entries as the program writes them: scores, agreements and units, and a hundred
        // drafts deleted (ids past the demo's, so none of them is in the agreements table),
        // each with a few entries of its own before it went.
        let conn = rusqlite::Connection::open(&db).expect("open");
        conn.execute_batch(&format!(
            "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {ENTRIES})
             INSERT INTO audit_log (at, operator, action, entity, entity_id, before_json, after_json)
             SELECT printf('2025-%02d-%02d 09:%02d:00', 1 + i % 12, 1 + i % 28, i % 60), '柏闻溪',
                    CASE i % 3 WHEN 0 THEN '修改评分' WHEN 1 THEN '导出 PDF' ELSE '修改单位' END,
                    CASE i % 3 WHEN 0 THEN 'score' WHEN 1 THEN 'agreement' ELSE 'unit' END,
                    CASE i % 3 WHEN 0 THEN (1 + i % 135) || ':' || (1 + i % 60)
                               WHEN 1 THEN CAST(1 + i % 135 AS TEXT) ELSE CAST(1 + i % 45 AS TEXT) END,
                    NULL, '{{}}'
             FROM n;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 100)
             INSERT INTO audit_log (at, operator, action, entity, entity_id, before_json, after_json)
             SELECT '2025-06-01 10:00:00', '柏闻溪', '删除草稿', 'agreement', CAST(300 + i AS TEXT),
                    json_object('year', 2025, 'number', i, 'unit_id', 1 + i % 45), NULL
             FROM n;
             WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 500)
             INSERT INTO audit_log (at, operator, action, entity, entity_id, before_json, after_json)
             SELECT '2025-05-01 10:00:00', '柏闻溪', '导出 PDF', 'agreement', CAST(301 + i % 100 AS TEXT),
                    NULL, '{{}}'
             FROM n;"
        ))
        .expect("log entries");
    }
    let store = Store::open(&db).expect("store");
    let time = |label: &str, work: &dyn Fn()| {
        let times = (0..5)
            .map(|_| {
                let started = Instant::now();
                work();
                started.elapsed()
            })
            .collect();
        report(label, times);
    };
    time("操作记录 newest 200 of 100,000 entries", &|| {
        let rows = store
            .audit_search(&AuditFilter::default(), 200)
            .expect("search");
        assert_eq!(rows.len(), 200);
    });
    let of_unit = AuditFilter {
        unit_id: Some(1),
        ..AuditFilter::default()
    };
    time("操作记录 of one unit, 100,000 entries", &|| {
        store.audit_search(&of_unit, 200).expect("search");
    });
    time("changes since published (2024)", &|| {
        store.changes_since_published(2024).expect("changes");
    });
    time("result exports (2024)", &|| {
        store.result_exports(2024).expect("exports");
    });
}
