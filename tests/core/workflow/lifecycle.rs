//! The agreement's lifecycle: 定稿 freezes the text behind triggers, 打印, 签订 and 归档 with the
//! signed copy read back as a PDF, the check that finds a frozen text or an archived scan
//! altered behind the program's back, and a batch sent back to 草稿 all or none.

use rusqlite::Connection;
use zerenshu::model::{AgreementStatus, ClauseChange, Tailoring};
use zerenshu::store::{Store, StoreError};
use zerenshu::workflow::lifecycle;

use super::demo_file;

use crate::support::demo_store;

#[test]
fn the_lifecycle_freezes_the_text_and_a_direct_update_is_refused() {
    let (_dir, path, mut store) = demo_file();
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    let tailoring = Tailoring {
        clause_changes: vec![ClauseChange::Add {
            section: 1,
            heading: String::new(),
            text: "（七）本镇特有任务。".into(),
        }],
        ..draft.draft.tailoring.clone()
    };
    // A misspelt placeholder is refused when the change is stored, not first at 定稿.
    let misspelt = Tailoring {
        clause_changes: vec![ClauseChange::Add {
            section: 1,
            heading: String::new(),
            text: "（七）{单位明称}特有任务。".into(),
        }],
        ..draft.draft.tailoring.clone()
    };
    let refused = store
        .write(|w| w.set_tailoring(draft.id, &misspelt))
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("【（七）{单位明称}特有任务。】未知的占位符“{单位明称}”"),
        "{refused}"
    );
    store
        .write(|w| w.set_tailoring(draft.id, &tailoring))
        .unwrap();
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    let content = store.issued_content(draft.id).unwrap().unwrap();
    assert!(
        content.sections[1]
            .clauses
            .iter()
            .any(|c| c == "（七）本镇特有任务。")
    );
    let finalized = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.id == draft.id)
        .unwrap();
    assert_eq!(
        finalized.content_hash.as_deref(),
        Some(content.hash().as_str())
    );

    let refused = store.write(|w| w.set_tailoring(draft.id, &Tailoring::default()));
    assert!(matches!(refused, Err(StoreError::Rejected(m)) if m.contains("已定稿")));
    let conn = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE agreements SET tailoring_json = '{}' WHERE id = ?1",
        "UPDATE agreements SET issued_json = '{}' WHERE id = ?1",
        "UPDATE agreements SET content_hash = 'x' WHERE id = ?1",
        "UPDATE agreements SET template_id = template_id + 1 WHERE id = ?1",
    ] {
        let error = conn.execute(sql, [draft.id]).unwrap_err().to_string();
        assert!(
            error.contains("责任书已定稿，文本不能修改"),
            "{sql}: {error}"
        );
    }
    // The way around: back to 草稿 with the text rewritten in the same statement, or back to
    // 草稿 without the audited reason, then 定稿 again; and deleting the issued agreement.
    for sql in [
        "UPDATE agreements SET status = 'draft', issued_json = replace(issued_json, '镇', '乡') WHERE id = ?1",
        "UPDATE agreements SET status = 'draft', issued_json = NULL, content_hash = NULL WHERE id = ?1",
        "DELETE FROM agreements WHERE id = ?1",
    ] {
        let error = conn.execute(sql, [draft.id]).unwrap_err().to_string();
        assert!(
            error.contains("退回草稿") || error.contains("不能删除"),
            "{sql}: {error}"
        );
    }
    assert!(store.check().unwrap().altered_texts.is_empty());

    assert!(
        store.write(|w| w.revert_to_draft(draft.id, "  ")).is_err(),
        "a reason is required"
    );
    store
        .write(|w| w.revert_to_draft(draft.id, "条款笔误，需更正"))
        .unwrap();
    let audit = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(audit.action, "退回草稿");
    assert!(audit.after_json.unwrap().contains("条款笔误，需更正"));
    assert!(store.issued_content(draft.id).unwrap().is_none());
}

#[test]
fn printed_signed_archived_and_the_signed_copy_comes_back_as_pdf() {
    let mut store = demo_store();
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    assert!(
        store
            .write(|w| w.archive(draft.id, "scan.png", &zerenshu::demo::signed_copy_png()))
            .is_err()
    );
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    store.set_clock(date.and_hms_opt(9, 30, 0).unwrap());
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    lifecycle::mark_printed(&mut store, 2025, &[draft.id], date).unwrap();
    lifecycle::mark_signed(&mut store, 2025, &[draft.id], date).unwrap();
    assert!(
        store
            .write(|w| w.archive(draft.id, "scan.txt", b"plain text"))
            .is_err(),
        "only PDF, PNG or JPEG"
    );
    let png = zerenshu::demo::signed_copy_png();
    store
        .write(|w| w.archive(draft.id, "scan.png", &png))
        .unwrap();
    let signed = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.id == draft.id)
        .unwrap();
    assert_eq!(signed.status, AgreementStatus::Archived);
    assert_eq!(signed.signed_on, Some(date));
    assert_eq!(signed.copies_returned, signed.draft.copies);
    let scan = store.scan(draft.id).unwrap().unwrap();
    assert_eq!(scan.files[0].bytes, png);
    assert_eq!(
        scan.files[0].sha256,
        zerenshu::model::agreement::content_hash(&png)
    );
    let pdf = zerenshu::workflow::signed_copy::signed_copy_of(&store, &signed, &scan).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        store
            .write(|w| w.revert_to_draft(draft.id, "想改"))
            .is_err(),
        "a signed agreement cannot go back"
    );
    let code = &signed.content_hash.unwrap()[..12];
    assert_eq!(store.agreement_by_code(code).unwrap().unwrap().id, draft.id);
}

#[test]
fn check_finds_a_frozen_text_altered_behind_the_triggers_back() {
    let (_dir, path, store) = demo_file();
    assert!(store.check().unwrap().is_ok());
    drop(store);
    crate::support::alter_a_frozen_text(&path);
    let report = Store::check_file(&path).unwrap();
    assert!(!report.is_ok());
    assert_eq!(report.altered_texts.len(), 1, "{report}");
    assert!(report.to_string().contains("与定稿时的校验码不符"));
}

#[test]
fn an_archived_scan_is_never_changed_and_check_notices_one_altered_behind_its_back() {
    let (_dir, path, store) = demo_file();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE scans SET bytes = x'00' WHERE rowid = (SELECT min(rowid) FROM scans)",
        "DELETE FROM scans WHERE rowid = (SELECT min(rowid) FROM scans)",
        "INSERT OR REPLACE INTO scans SELECT agreement_id, version, page, file_name, media_type, x'00', sha256, added_at FROM scans LIMIT 1",
    ] {
        let error = conn.execute(sql, []).unwrap_err().to_string();
        assert!(error.contains("扫描件"), "{sql}: {error}");
    }
    conn.execute_batch(
        "DROP TRIGGER scans_kept_update;
         UPDATE scans SET bytes = x'00' WHERE rowid = (SELECT min(rowid) FROM scans);",
    )
    .unwrap();
    drop(conn);
    let report = Store::check_file(&path).unwrap();
    assert_eq!(report.altered_scans.len(), 1, "{report}");
    assert!(report.to_string().contains("1 份与归档时的校验值不符"));
    assert!(!report.is_ok());
    // Looked at read-only, the altered scan makes no signed copy, and a copy made before is
    // not said to match it (nor not to).
    let store = Store::open_read_only_because(&path, "文件已损坏").unwrap();
    let conn = Connection::open(&path).unwrap();
    let id: i64 = conn
        .query_row(
            "SELECT agreement_id FROM scans WHERE rowid = (SELECT min(rowid) FROM scans)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let refused = zerenshu::workflow::signed_copy::export_signed(&store, id, dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("签订件扫描件与归档时的校验值不符"),
        "{refused}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let agreement = store.agreement(id).unwrap().unwrap();
    let checked = zerenshu::workflow::signed_copy::check_signed(&store, &agreement, b"%PDF-1.7");
    assert!(checked.is_err(), "{checked:?}");
}

#[test]
fn a_batch_sent_back_to_draft_is_all_or_none() {
    let mut store = demo_store();
    let all = store.agreements(2025).unwrap();
    let final_one = all
        .iter()
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap();
    let signed = all
        .iter()
        .find(|a| a.status == AgreementStatus::Signed)
        .unwrap();
    let ids = [final_one.id, signed.id];
    let refused = store.write(|w| ids.iter().try_for_each(|&id| w.revert_to_draft(id, "错字")));
    assert!(refused.is_err());
    assert_eq!(
        store.agreement(final_one.id).unwrap().unwrap().status,
        AgreementStatus::Final,
        "the one that could go back stayed, as the other could not"
    );
}
