//! Batch drafting: no duplicates, a subset and archived units, the copies asked, numbers that
//! follow the register, the year moved on to 签订, a published year refused, and a draft deleted
//! and drafted again.

use zerenshu::model::{AgreementStatus, Points};
use zerenshu::store::{Store, StoreError};
use zerenshu::workflow::{drafting, lifecycle, rollover};

use crate::support::demo_store;

#[test]
fn batch_drafting_twice_creates_no_duplicates() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut calls = 0;
    let first = drafting::draft(&mut store, 2026, None, |_, _| calls += 1).unwrap();
    assert_eq!(first.created, 45);
    assert_eq!(calls, 45, "progress is reported per agreement");
    let second = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert_eq!(second.created, 0);
    assert_eq!(second.skipped.len(), 45);
    let agreements = store.agreements(2026).unwrap();
    assert_eq!(agreements.len(), 45);
    let numbers: std::collections::BTreeSet<i64> =
        agreements.iter().map(|a| a.draft.number).collect();
    assert_eq!(numbers.len(), 45);
    // Last year's control targets carry over.
    let old = store.agreements(2025).unwrap();
    assert_eq!(
        agreements[0].draft.tailoring.control_targets,
        old[0].draft.tailoring.control_targets
    );
}

#[test]
fn drafting_a_subset_and_archived_units_stay_out() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let units = store.units().unwrap();
    store
        .write(|w| w.set_unit_active(units[1].id, false))
        .unwrap();
    let report = drafting::draft(&mut store, 2026, Some(&[units[0].id]), |_, _| {}).unwrap();
    assert_eq!(report.created, 1);
    let rest = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert_eq!(
        rest.created, 43,
        "45 minus the one drafted and the archived one"
    );
}

#[test]
fn a_batch_drafts_in_the_copies_asked_and_a_draft_s_copies_change_until_final() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    assert!(drafting::draft_in_copies(&mut store, 2026, None, 0, |_, _| {}).is_err());
    drafting::draft_in_copies(&mut store, 2026, None, 5, |_, _| {}).unwrap();
    let drafts = store.agreements(2026).unwrap();
    assert!(drafts.iter().all(|a| a.draft.copies == 5));

    // 2025's first draft: its copies go into the text (一式{份数}份) and freeze at 定稿.
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    assert!(store.write(|w| w.set_copies(draft.id, 21)).is_err());
    store.write(|w| w.set_copies(draft.id, 4)).unwrap();
    assert_eq!(store.audit_entries(1).unwrap()[0].action, "修改份数");
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    let text = store.issued_content(draft.id).unwrap().unwrap().to_text();
    assert!(text.contains("本责任书一式四份"), "{text}");
    let refused = store.write(|w| w.set_copies(draft.id, 2));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("已定稿")),
        "{refused:?}"
    );
}

#[test]
fn agreement_numbers_follow_the_register_whatever_is_drafted_first() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let units = store.units_in(2026).unwrap();
    let third = units[2].id;
    drafting::draft(&mut store, 2026, Some(&[third]), |_, _| {}).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let agreements = store.agreements(2026).unwrap();
    let number_of = |unit_id: i64| {
        agreements
            .iter()
            .find(|a| a.draft.unit_id == unit_id)
            .unwrap()
            .draft
            .number
    };
    assert_eq!(number_of(third), 3, "drafted first, numbered by its place");
    assert_eq!(number_of(units[0].id), 1);
    let mut numbers: Vec<i64> = agreements.iter().map(|a| a.draft.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=45).collect::<Vec<_>>());
}

#[test]
fn a_unit_added_ahead_of_the_register_after_a_subset_was_drafted_leaves_no_number_out() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let units = store.units_in(2026).unwrap();
    // Two units far down the list first, one place apart, numbered by their places.
    let (a, b) = (units[40].id, units[42].id);
    drafting::draft(&mut store, 2026, Some(&[a, b]), |_, _| {}).unwrap();
    // A unit added at the head of the register moves every place one down.
    let mut fields = units[0].fields.clone();
    fields.name = "示例市新设局".into();
    fields.short_name = "新设局".into();
    fields.sort_order = -1;
    store.write(|w| w.insert_unit(&fields).map(|_| ())).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let mut numbers: Vec<i64> = (store.agreements(2026).unwrap().iter())
        .map(|a| a.draft.number)
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=46).collect::<Vec<_>>(), "no number skipped");
}

#[test]
fn drafting_moves_a_year_to_signing_and_scoring_to_assessing_never_back() {
    use zerenshu::model::Phase;
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let phase = |store: &Store, year| store.year(year).unwrap().unwrap().phase;
    assert_eq!(phase(&store, 2026), Phase::Preparing);
    // Indicators rolled over are not final; drafting does not need them to be.
    let report = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert!(
        report.signing_started,
        "said, as the window and the command say it"
    );
    assert_eq!(phase(&store, 2026), Phase::Signing);
    // A batch drafted again moves nothing.
    let again = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert!(!again.signing_started);
    store
        .write(|w| {
            w.advance_phase(2026, Phase::Assessing)
                .map(|moved| assert!(moved))
        })
        .unwrap();
    assert_eq!(phase(&store, 2026), Phase::Assessing);
    // Never back, and never on to 已通报 by itself.
    store
        .write(|w| {
            w.advance_phase(2026, Phase::Signing)
                .map(|moved| assert!(!moved))
        })
        .unwrap();
    assert_eq!(phase(&store, 2026), Phase::Assessing);
    store
        .write(|w| w.advance_phase(2026, Phase::Published).map(|_| ()))
        .unwrap();
    assert_eq!(phase(&store, 2026), Phase::Assessing);
    store
        .write(|w| w.advance_phase(2024, Phase::Assessing).map(|_| ()))
        .unwrap();
    assert_eq!(phase(&store, 2024), Phase::Published);
    let audit = store.audit_entries(5).unwrap();
    assert!(audit.iter().any(|e| e.action == "更改年度阶段"));
}

#[test]
fn a_published_year_takes_no_new_agreements() {
    let mut store = demo_store();
    let before = store.agreements(2024).unwrap().len();
    let refused = drafting::draft(&mut store, 2024, None, |_, _| {});
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m == "2024 年度的考核结果已通报，不能再起草责任书"),
        "{refused:?}"
    );
    assert_eq!(store.agreements(2024).unwrap().len(), before);
}

#[test]
fn a_draft_nothing_stands_on_can_be_deleted_and_drafted_again() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let agreements = store.agreements(2026).unwrap();
    let (first, second, third) = (&agreements[0], &agreements[1], &agreements[2]);
    // An entry whose own snapshot names neither the year nor the unit: a draft PDF exported.
    store
        .write(|w| w.record_export(first.id, &"ab".repeat(32), "2026-001-草稿.pdf"))
        .unwrap();
    store.write(|w| w.delete_draft(first.id)).unwrap();
    assert_eq!(store.agreements(2026).unwrap().len(), 44);
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "删除草稿");
    assert!(
        entry.before_json.is_some(),
        "the log keeps the draft as it was"
    );
    // The 操作记录 still names it, and its unit, from what the log kept.
    let row = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 1)
        .unwrap()
        .remove(0);
    assert_eq!(
        row.record.as_deref(),
        Some(format!("2026 年度第 {} 号责任书（草稿已删除）", first.draft.number).as_str())
    );
    assert!(row.unit.is_some(), "{row:?}");
    // The export before it is named and found under the unit too.
    let of_unit = zerenshu::store::AuditFilter {
        unit_id: Some(first.draft.unit_id),
        ..Default::default()
    };
    let rows = store.audit_search(&of_unit, 10).unwrap();
    let export = rows.iter().find(|r| r.entry.action == "导出 PDF").unwrap();
    assert_eq!(export.record, row.record, "{export:?}");
    assert_eq!(export.year, Some(2026));
    // The unit is drafted again, not skipped.
    let again = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert_eq!(again.created, 1);

    // A draft with a score is kept.
    let indicator = store.indicator_sets(2026).unwrap()[0].indicators[0].id;
    let score = zerenshu::model::Score {
        agreement_id: second.id,
        indicator_id: indicator,
        self_score: Some(Points(100)),
        assessed_score: None,
        note: String::new(),
        self_note: String::new(),
    };
    store.write(|w| w.upsert_score(&score)).unwrap();
    let refused = store.write(|w| w.delete_draft(second.id)).unwrap_err();
    assert!(refused.to_string().contains("已录入考核评分"), "{refused}");

    // An issued one, and one sent back to 草稿 (its void code is checked against it), too.
    let set = (store.indicator_sets(2026).unwrap().into_iter())
        .find(|s| s.category_id == third.draft.category_id)
        .unwrap();
    store
        .write(|w| w.set_indicator_set_final(set.id, true))
        .unwrap();
    lifecycle::finalize(&mut store, 2026, &[third.id]).unwrap();
    let refused = store.write(|w| w.delete_draft(third.id)).unwrap_err();
    assert!(refused.to_string().contains("不能删除"), "{refused}");
    store
        .write(|w| w.revert_to_draft(third.id, "单位名称有误"))
        .unwrap();
    let refused = store.write(|w| w.delete_draft(third.id)).unwrap_err();
    assert!(refused.to_string().contains("曾经定稿"), "{refused}");
    assert_eq!(store.agreements(2026).unwrap().len(), 45);
}

#[test]
fn a_draft_drafted_after_the_newest_one_was_deleted_takes_a_new_id() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let newest = (store.agreements(2026).unwrap().into_iter())
        .max_by_key(|a| a.id)
        .unwrap();
    store.write(|w| w.delete_draft(newest.id)).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let again = (store.agreements(2026).unwrap().into_iter())
        .find(|a| a.draft.unit_id == newest.draft.unit_id)
        .unwrap();
    assert!(
        again.id > newest.id,
        "the log keeps {} for the deleted draft",
        newest.id
    );
}
