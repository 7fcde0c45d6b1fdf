//! The audit log as the store writes it: every change with its operator, before and after; a
//! published result changed with its reason and old row; units and categories named as they were
//! then; a save that changes nothing writes nothing.

// Tests unwrap freely: a panic is the failure report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::similar_names
)]

use rusqlite::Connection;
use zerenshu::model::{Adjustment, AdjustmentKind, Points, Veto};
use zerenshu::store::{Store, StoreError};

use crate::store::{store_with_category, unit};
use crate::support::demo_store;

#[test]
fn every_change_is_audited_and_the_log_is_append_only() {
    let path = tempfile::tempdir().unwrap().keep().join("audit.sqlite3");
    let (category, id) = {
        let mut store = Store::open(&path).unwrap();
        let category = store.write(|w| w.insert_category("镇街")).unwrap();
        let id = store
            .write(|w| w.insert_unit(&unit("城关街道办事处", category)))
            .unwrap();
        store.write(|w| w.set_unit_active(id, false)).unwrap();
        let entries = store.audit_entries(10).unwrap();
        let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
        assert_eq!(actions, ["归档单位", "新增单位", "新增考核类别"]);
        let archive = &entries[0];
        assert!(
            archive
                .before_json
                .as_deref()
                .unwrap()
                .contains("\"is_active\":true")
        );
        assert!(
            archive
                .after_json
                .as_deref()
                .unwrap()
                .contains("\"is_active\":false")
        );
        assert_eq!(archive.operator, store.operator());
        (category, id)
    };
    let _ = (category, id);
    let conn = Connection::open(&path).unwrap();
    let update = conn
        .execute("UPDATE audit_log SET operator = 'x'", [])
        .unwrap_err()
        .to_string();
    assert!(update.contains("操作记录只能追加"), "{update}");
    let delete = conn
        .execute("DELETE FROM audit_log", [])
        .unwrap_err()
        .to_string();
    assert!(delete.contains("操作记录只能追加"), "{delete}");
}

#[test]
fn the_operator_name_is_stored_and_used() {
    let (mut store, category) = store_with_category();
    assert!(store.set_operator("  ").is_err());
    let login = store.operator().to_owned();
    store.set_operator("闵旻").unwrap();
    // The name before is the login's, under which the log was written until now.
    let (action, before, after) = newest_audit(&store);
    assert_eq!(action, "修改设置");
    assert_eq!(
        (before, after),
        (serde_json::json!(login), serde_json::json!("闵旻"))
    );
    let logged = store.audit_entries(usize::MAX).unwrap().len();
    // Saved again unchanged: nothing to log.
    store.set_operator(" 闵旻 ").unwrap();
    assert_eq!(store.audit_entries(usize::MAX).unwrap().len(), logged);
    store
        .write(|w| w.insert_unit(&unit("白塔镇人民政府", category)))
        .unwrap();
    assert_eq!(store.audit_entries(1).unwrap()[0].operator, "闵旻");
}

/// The newest audit entry's action, old and new JSON.
fn newest_audit(store: &Store) -> (String, serde_json::Value, serde_json::Value) {
    let entry = store.audit_entries(1).unwrap().remove(0);
    let parse = |json: Option<String>| {
        json.map_or(serde_json::Value::Null, |j| {
            serde_json::from_str(&j).unwrap()
        })
    };
    (
        entry.action,
        parse(entry.before_json),
        parse(entry.after_json),
    )
}

#[test]
fn score_adjustments_and_vetoes_after_publication_keep_the_reason_and_the_old_row() {
    let mut store = demo_store();
    // 2024 is published; its first agreement has no veto, 石桥镇 (the seventh) has one.
    let agreements = store.agreements(2024).unwrap();
    let first = agreements[0].id;
    let vetoed = store.vetoes(2024).unwrap().remove(0);
    let bonus = Adjustment {
        id: 0,
        agreement_id: first,
        item_id: None,
        kind: AdjustmentKind::Bonus,
        points: Points::whole(1),
        reason: "省级表彰".into(),
        matter: String::new(),
    };
    assert!(
        store
            .write(|w| w.add_adjustment(&bonus, None))
            .unwrap_err()
            .to_string()
            .contains("理由")
    );
    let id = store
        .write(|w| w.add_adjustment(&bonus, Some("复核补录")))
        .unwrap();
    let (action, before, after) = newest_audit(&store);
    assert_eq!(action, "录入加减分");
    assert!(before.is_null());
    assert_eq!(after["reason"], "复核补录");
    assert_eq!(after["value"]["id"], id);
    assert_eq!(after["value"]["agreement_id"], first);
    assert_eq!(after["value"]["reason"], "省级表彰");

    store
        .write(|w| w.delete_adjustment(id, Some("录入有误")))
        .unwrap();
    let (action, before, after) = newest_audit(&store);
    assert_eq!(action, "删除加减分");
    assert_eq!(before["agreement_id"], first);
    assert_eq!(before["reason"], "省级表彰");
    assert_eq!(after["reason"], "录入有误");

    let replaced = Veto {
        reason: "复核认定瞒报".into(),
        ..vetoed.clone()
    };
    store
        .write(|w| w.veto(&replaced, Some("复核更正")))
        .unwrap();
    let (action, before, after) = newest_audit(&store);
    assert_eq!(action, "一票否决");
    assert_eq!(
        before["reason"],
        vetoed.reason.as_str(),
        "the veto overwritten"
    );
    assert_eq!(after["value"]["reason"], "复核认定瞒报");
    assert_eq!(after["reason"], "复核更正");
    // The audit search still finds the unit of an adjustment with a reason beside it.
    let rows = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 3)
        .unwrap();
    let added = rows
        .iter()
        .find(|r| r.entry.action == "录入加减分")
        .unwrap();
    assert!(added.unit.is_some());

    store
        .write(|w| w.clear_veto(vetoed.agreement_id, Some("撤销")))
        .unwrap();
    let (_, before, after) = newest_audit(&store);
    assert_eq!(before["reason"], "复核认定瞒报");
    assert_eq!(after["reason"], "撤销");
    // Lifting it again changes nothing and logs nothing.
    let entries = store.audit_entries(100_000).unwrap().len();
    store
        .write(|w| w.clear_veto(vetoed.agreement_id, Some("再次撤销")))
        .unwrap();
    assert_eq!(store.audit_entries(100_000).unwrap().len(), entries);
}

#[test]
fn the_audit_viewer_names_a_unit_as_it_was_when_the_entry_was_written() {
    let mut store = demo_store();
    let mut unit = store.units().unwrap().remove(0);
    let old_name = unit.fields.name.clone();
    unit.fields.name = "城关街道办事处（新）".into();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let filter = zerenshu::store::AuditFilter {
        unit_id: Some(unit.id),
        ..zerenshu::store::AuditFilter::default()
    };
    let rows = store.audit_search(&filter, 10_000).unwrap();
    let named = |action: &str| -> Vec<String> {
        (rows.iter())
            .filter(|r| r.entry.action == action)
            .map(|r| r.unit.clone().unwrap())
            .collect()
    };
    assert_eq!(
        named("新增单位"),
        std::slice::from_ref(&old_name),
        "added under its old name"
    );
    assert_eq!(
        named("修改单位"),
        ["城关街道办事处（新）"],
        "renamed: the new name"
    );
    // Its 2023 and 2024 agreements were written under the name those years kept.
    let drafted = named("起草责任书");
    assert!(drafted.len() >= 2, "{drafted:?}");
    assert!(drafted.contains(&old_name), "{drafted:?}");
}

#[test]
fn a_unit_saved_unchanged_writes_nothing_to_the_log() {
    let (mut store, category) = store_with_category();
    let draft = unit("丙镇人民政府", category);
    let id = store.write(|w| w.insert_unit(&draft)).unwrap();
    let before = store.audit_entries(1000).unwrap().len();
    store.write(|w| w.update_unit(id, &draft)).unwrap();
    assert_eq!(store.audit_entries(1000).unwrap().len(), before);
}

#[test]
fn a_deleted_categorys_move_is_named_by_the_category_alone() {
    let mut store = demo_store();
    let id = store.write(|w| w.insert_category("专项类")).unwrap();
    store.write(|w| w.move_category(id, true)).unwrap();
    store.write(|w| w.delete_category(id)).unwrap();
    let rows = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 5)
        .unwrap();
    let moved = rows
        .iter()
        .find(|r| r.entry.action == "调整考核类别顺序")
        .unwrap();
    assert_eq!(moved.record.as_deref(), Some("考核类别“专项类”"));
}

#[test]
fn a_category_s_entries_name_it_as_it_was_named_then() {
    let mut store = demo_store();
    let id = store.write(|w| w.insert_category("四类")).unwrap();
    store.write(|w| w.rename_category(id, "专项类")).unwrap();
    let rows = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 5)
        .unwrap();
    let record = |action: &str| {
        (rows.iter())
            .find(|r| r.entry.action == action)
            .and_then(|r| r.record.clone())
    };
    assert_eq!(record("新增考核类别").as_deref(), Some("考核类别“四类”"));
    assert_eq!(
        record("重命名考核类别").as_deref(),
        Some("考核类别“专项类”")
    );
}

#[test]
fn a_phase_change_saved_with_other_settings_is_logged_as_both() {
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    year.party_a_signatory_name = "司马晓川".to_owned();
    store
        .write(|w| w.update_year(&year, Some("更正评分")))
        .unwrap();
    let entries = store.audit_entries(2).unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    // Newest first: the settings after the phase.
    assert_eq!(actions, ["修改年度设置", "撤回考核结果通报"]);
    let settings = &entries[0];
    assert!(settings.after_json.as_deref().unwrap().contains("司马晓川"));
    assert!(
        !settings
            .before_json
            .as_deref()
            .unwrap()
            .contains("司马晓川")
    );
    let phase = &entries[1];
    assert!(!phase.after_json.as_deref().unwrap().contains("司马晓川"));
    for entry in &entries {
        assert!(entry.after_json.as_deref().unwrap().contains("更正评分"));
    }
    // A phase alone is one entry.
    year.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let newest = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(newest.action, "发布考核结果");
}

#[test]
fn an_adjustment_is_changed_in_place_checked_and_logged() {
    let mut store = demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let mut adjustment = Adjustment {
        id: 0,
        agreement_id: agreement.id,
        item_id: None,
        kind: AdjustmentKind::Deduction,
        points: Points::whole(2),
        reason: "台账缺失".to_owned(),
        matter: String::new(),
    };
    adjustment.id = store
        .write(|w| w.add_adjustment(&adjustment, None))
        .unwrap();
    let entries = store.audit_entries(usize::MAX).unwrap().len();
    // Unchanged: nothing written.
    store
        .write(|w| w.change_adjustment(&adjustment, None))
        .unwrap();
    assert_eq!(store.audit_entries(usize::MAX).unwrap().len(), entries);
    // Checked as a new one is.
    let mut bad = adjustment.clone();
    bad.reason = "。".to_owned();
    assert!(matches!(
        store.write(|w| w.change_adjustment(&bad, None)),
        Err(StoreError::Rejected(_))
    ));
    adjustment.points = Points::whole(3);
    adjustment.reason = "台账缺失两处".to_owned();
    store
        .write(|w| w.change_adjustment(&adjustment, None))
        .unwrap();
    let stored = store.adjustments(2025).unwrap();
    assert_eq!(stored, [adjustment.clone()]);
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "修改加减分");
    assert!(entry.before_json.unwrap().contains("台账缺失"));
    // Another agreement's entry is not moved here.
    let mut elsewhere = adjustment;
    elsewhere.agreement_id = store.agreements(2025).unwrap().remove(1).id;
    assert!(
        store
            .write(|w| w.change_adjustment(&elsewhere, None))
            .is_err()
    );
}

/// Published results stay complete: with a reason an assessed score is changed, never
/// cleared (the unit would be 未评完 and the notice issued could not be made again).
#[test]
fn a_published_assessed_score_is_changed_but_never_cleared() {
    let mut store = demo_store();
    let stored = (store.scores(2024).unwrap().into_iter())
        .find(|s| s.assessed_score.is_some())
        .unwrap();
    let mut cleared = stored.clone();
    cleared.assessed_score = None;
    let refused = store
        .write(|w| w.change_score(&cleared, Some("录入有误")))
        .unwrap_err();
    assert_eq!(
        refused.to_string(),
        zerenshu::store::CLEARED_AFTER_PUBLISHING
    );
    let kept = |store: &Store| {
        (store.scores(2024).unwrap().into_iter())
            .find(|s| {
                (s.agreement_id, s.indicator_id) == (stored.agreement_id, stored.indicator_id)
            })
            .unwrap()
    };
    assert_eq!(kept(&store), stored);
    let mut changed = stored.clone();
    changed.assessed_score = Some(Points::ZERO);
    store
        .write(|w| w.change_score(&changed, Some("录入有误")))
        .unwrap();
    assert_eq!(kept(&store).assessed_score, Some(Points::ZERO));
}

/// A cell's first value is entered (录入评分), as the demo's history and an import say it; a
/// later one changes it (修改评分).
#[test]
fn a_cells_first_score_is_entered_and_a_later_one_changed() {
    let mut store = demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let indicator = store
        .indicator_sets(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap()
        .indicators[0]
        .id;
    let score = |points: i64| zerenshu::model::Score {
        agreement_id: agreement.id,
        indicator_id: indicator,
        self_score: Some(Points::whole(points)),
        assessed_score: None,
        note: String::new(),
        self_note: String::new(),
    };
    store.write(|w| w.change_score(&score(3), None)).unwrap();
    let (action, before, _) = newest_audit(&store);
    assert_eq!(action, "录入评分");
    assert_eq!(before, serde_json::Value::Null);
    store.write(|w| w.change_score(&score(4), None)).unwrap();
    assert_eq!(newest_audit(&store).0, "修改评分");
    // The 考核组评分 typed beside the 自评分 is its first value: entered, not changed.
    let assessed = zerenshu::model::Score {
        assessed_score: Some(Points::whole(4)),
        ..score(4)
    };
    store.write(|w| w.change_score(&assessed, None)).unwrap();
    assert_eq!(newest_audit(&store).0, "录入评分");
}
