//! Exported agreement PDFs through a restore: the files stay where they were written, so the
//! records `verify` needs are carried into the restored data for the agreements it holds with
//! the same text, and the question before the restore counts those it cannot hold.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use zerenshu::model::AgreementStatus;
use zerenshu::store::Store;

use crate::support::demo_file;

#[test]
fn exported_pdfs_stay_verifiable_where_the_backup_holds_their_text() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, out) = backed_up_demo(dir.path());
    let agreements = store.agreements(2025).unwrap();
    // Issued before the backup, exported after it.
    let issued = (agreements.iter())
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap();
    let (kept, lost) = ("a".repeat(64), "b".repeat(64));
    store
        .write(|w| w.record_export(issued.id, &kept, "2025-004-东城街道.pdf"))
        .unwrap();
    // Issued and exported after the backup: the backup holds a draft.
    let draft = (agreements.iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    zerenshu::workflow::lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    store
        .write(|w| w.record_export(draft.id, &lost, "定稿后.pdf"))
        .unwrap();

    let undone = store.operations_since(&out).unwrap();
    assert_eq!(
        (
            undone.exports,
            undone.verifiable_exports,
            undone.unverifiable_exports
        ),
        (2, 1, 1)
    );
    let summary = undone.summary().unwrap();
    assert!(
        summary.ends_with(
            "其中 2 项是导出文件的记录，导出的文件仍在原处，但其中 1 份责任书 PDF 所依据的定稿文本不在备份中，恢复后不能再核验"
        ),
        "{summary}"
    );
    store.restore_from(&out).unwrap();
    let record = store.export_by_hash(&kept).unwrap().expect("carried over");
    assert_eq!(record.agreement_id, issued.id);
    assert_eq!(record.file_name, "2025-004-东城街道.pdf");
    assert!(store.export_by_hash(&lost).unwrap().is_none());
    // The restore's own entry says how many it carried over.
    let (_, after) = last_audit(&store);
    assert!(after.contains("\"exports_kept\":1"), "{after}");
    // Nothing exported since: nothing said of verifying.
    let undone = store.operations_since(&out).unwrap();
    assert_eq!(undone.unverifiable_exports, 0);
    // Exported after the backup and all held by it: said to be verified still.
    let issued_id = issued.id;
    store
        .write(|w| w.record_export(issued_id, &"c".repeat(64), "再次导出.pdf"))
        .unwrap();
    let summary = store.operations_since(&out).unwrap().summary().unwrap();
    assert!(
        summary.ends_with("导出的文件仍在原处，不受影响（导出的责任书 PDF 恢复后仍可核验）"),
        "{summary}"
    );
}

/// A draft PDF exported after the backup is not carried over (its text was never frozen):
/// the question says that `verify` will not know it once restored, not that all stay
/// verifiable.
#[test]
fn draft_pdfs_exported_after_the_backup_are_said_to_go_unrecognised() {
    let dir = tempfile::tempdir().unwrap();
    let (mut store, out) = backed_up_demo(dir.path());
    let agreements = store.agreements(2025).unwrap();
    let issued = (agreements.iter())
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap();
    let draft = (agreements.iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    store
        .write(|w| w.record_export(issued.id, &"a".repeat(64), "定稿.pdf"))
        .unwrap();
    store
        .write(|w| w.record_export(draft.id, &"d".repeat(64), "草稿.pdf"))
        .unwrap();
    let undone = store.operations_since(&out).unwrap();
    assert_eq!((undone.verifiable_exports, undone.unknown_drafts), (1, 1));
    let summary = undone.summary().unwrap();
    assert!(
        summary.ends_with(
            "不受影响（导出的定稿责任书 PDF 恢复后仍可核验）；另有 1 份现为草稿的责任书 PDF 的导出记录不能保留，恢复后核验它们时将认不出或判为不一致（草稿不供签字，需要时重新导出）"
        ),
        "{summary}"
    );
    store.restore_from(&out).unwrap();
    assert!(store.export_by_hash(&"d".repeat(64)).unwrap().is_none());
}

/// The demo in `dir` and a backup of it taken before anything else.
fn backed_up_demo(dir: &std::path::Path) -> (Store, std::path::PathBuf) {
    let db = demo_file(dir);
    let store = Store::open(&db).unwrap();
    let out = dir.join("备份.sqlite3");
    store.backup_to(&out).unwrap();
    (store, out)
}

fn last_audit(store: &Store) -> (String, String) {
    let entry = store.audit_entries(1).unwrap().remove(0);
    (entry.action, entry.after_json.unwrap_or_default())
}

/// The results notice issued after the backup keeps its 成文日期 through the restore, where the
/// backup holds its year published: another export with another date is still refused, so
/// that no second notice of another date goes out under the same 文号.
#[test]
fn an_issued_notice_keeps_its_date_through_a_restore() {
    use zerenshu::workflow::notice;
    let dir = tempfile::tempdir().unwrap();
    // The 2024 notice issued after the backup, dated 18 March.
    let (mut store, out, date) = notice_issued_after_a_backup(dir.path(), 18);
    assert_eq!(notice::issued_date(&store, 2024), Some(date));
    // The question says so: the notice's entries are undone, the notice stays issued.
    let undone = store.operations_since(&out).unwrap();
    assert_eq!(
        undone.kept_notices,
        ["2024 年度考核结果通报（成文日期 2025年3月18日）"]
    );
    let summary = undone.summary().unwrap();
    assert!(
        summary.contains(
            "已印发的通报不随之撤销：2024 年度考核结果通报（成文日期 2025年3月18日）仍为已印发"
        ),
        "{summary}"
    );
    store.restore_from(&out).unwrap();
    assert_eq!(notice::issued_date(&store, 2024), Some(date), "kept");
    // The backup still holds it unissued: asked again, the question says again it is kept.
    assert_eq!(store.operations_since(&out).unwrap().kept_notices.len(), 1);
    // Logged in its own words, not as an export made at the restore.
    let (action, after) = last_audit(&store);
    assert_eq!(action, "保留已印发的通报");
    // The date named as the notice's (the audit viewer's 成文日期).
    assert!(after.contains(r#""notice_date":"2025-03-18""#), "{after}");
    let other = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    assert!(notice::issued_date_refusal(&store, 2024, other).is_some());
    // Restored again to the same backup: kept once, not twice.
    store.restore_from(&out).unwrap();
    assert_eq!(notice::issued_date(&store, 2024), Some(date));
}

/// The notice issued, the results then withdrawn for a correction, and a backup from before
/// the notice restored (its year published): the notice went out all the same, so it stays
/// issued with its 成文日期, and the question says so.
#[test]
fn a_notice_issued_then_withdrawn_keeps_its_date_through_a_restore() {
    use zerenshu::workflow::notice;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, out, date) = notice_issued_after_a_backup(dir.path(), 20);
    withdraw_2024(&mut store);
    let undone = store.operations_since(&out).unwrap();
    assert_eq!(undone.kept_notices.len(), 1, "{undone:?}");
    store.restore_from(&out).unwrap();
    assert!(store.is_published(2024).unwrap(), "as the backup has it");
    assert_eq!(notice::issued_date(&store, 2024), Some(date), "kept");
}

/// A demo file in `dir` backed up (its 2024 published, no notice issued yet), then its 2024
/// notice issued, dated `day` March 2025: the store, the backup and the date.
fn notice_issued_after_a_backup(
    dir: &std::path::Path,
    day: u32,
) -> (Store, std::path::PathBuf, chrono::NaiveDate) {
    use zerenshu::workflow::notice;
    let mut store = Store::open(&demo_file(dir)).unwrap();
    let out = dir.join("备份.sqlite3");
    store.backup_to(&out).unwrap();
    assert!(store.is_published(2024).unwrap());
    assert_eq!(notice::issued_date(&store, 2024), None);
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, day).unwrap();
    notice::remember_issue_date(&mut store, 2024, date, true);
    let notice_file = dir.join("通报.pdf");
    notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        &notice_file,
    );
    (store, out, date)
}

/// Withdrawn, and a draft of the correction exported with another date since: the issued
/// notice's own date is no longer known, so none is kept (rather than the draft's date).
#[test]
fn a_withdrawn_notice_redated_since_is_not_kept_under_the_new_date() {
    use zerenshu::store::ResultFile;
    use zerenshu::workflow::notice;
    let dir = tempfile::tempdir().unwrap();
    let (mut store, out, _) = notice_issued_after_a_backup(dir.path(), 20);
    withdraw_2024(&mut store);
    let draft_date = chrono::NaiveDate::from_ymd_opt(2025, 3, 28).unwrap();
    notice::remember_issue_date(&mut store, 2024, draft_date, true);
    let draft = dir.path().join("更正稿.pdf");
    notice::remember_export(&mut store, 2024, ResultFile::Notice, &draft);
    let undone = store.operations_since(&out).unwrap();
    assert!(undone.kept_notices.is_empty(), "{undone:?}");
}

/// Takes 2024's results back from 已通报 for a correction.
fn withdraw_2024(store: &mut zerenshu::store::Store) {
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("更正评分")))
        .unwrap();
}
