//! The audit viewer's filters at the store: by date, unit, operator and action, and an entry
//! made before a unit was renamed keeping the old name.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use zerenshu::store::{AuditFilter, Store};

use crate::support::demo_file;

#[test]
fn the_audit_log_filters_by_date_unit_operator_and_action() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    store.set_operator("柏闻溪").unwrap();
    let unit = store.units().unwrap()[6].clone();
    let mut changed = unit.fields.clone();
    changed.contact_phone = "0399-8619999".into();
    store.write(|w| w.update_unit(unit.id, &changed)).unwrap();

    let everything = store
        .audit_search(&AuditFilter::default(), 100_000)
        .unwrap();
    assert!(everything.len() > 100);
    // Each entry names its record in words, and the newest come first by their time.
    let scored = everything
        .iter()
        .find(|row| row.entry.entity == "score")
        .unwrap();
    let record = scored.record.as_deref().unwrap();
    assert!(
        record.contains(" 年度第 ") && record.contains("指标："),
        "{record}"
    );
    assert!(
        everything
            .windows(2)
            .all(|pair| pair[0].entry.at >= pair[1].entry.at)
    );
    let by_operator = AuditFilter {
        operator: Some("柏闻溪".into()),
        ..AuditFilter::default()
    };
    let mine = store.audit_search(&by_operator, 100).unwrap();
    assert_eq!(
        mine.len(),
        1,
        "the unit change (the name itself was set by the previous operator)"
    );
    assert_eq!(mine[0].entry.action, "修改单位");
    assert_eq!(mine[0].unit.as_deref(), Some(unit.fields.name.as_str()));
    assert!(
        mine[0]
            .entry
            .after_json
            .as_deref()
            .unwrap()
            .contains("0399-8619999")
    );
    assert!(
        mine[0]
            .entry
            .before_json
            .as_deref()
            .unwrap()
            .contains(&unit.fields.contact_phone)
    );

    let by_unit = AuditFilter {
        unit_id: Some(unit.id),
        ..AuditFilter::default()
    };
    let rows = store.audit_search(&by_unit, 1000).unwrap();
    assert!(
        rows.iter().any(|r| r.entry.entity == "agreement"),
        "its agreements"
    );
    assert!(rows.iter().any(|r| r.entry.entity == "score"), "its scores");
    assert!(
        rows.iter()
            .all(|r| r.unit.as_deref() == Some(unit.fields.name.as_str()))
    );

    let today = chrono::Local::now().date_naive();
    let by_action_today = AuditFilter {
        from: Some(today),
        to: Some(today),
        action: Some("修改单位".into()),
        ..AuditFilter::default()
    };
    assert_eq!(store.audit_search(&by_action_today, 100).unwrap().len(), 1);
    let yesterday = AuditFilter {
        to: today.pred_opt(),
        ..by_action_today
    };
    assert!(store.audit_search(&yesterday, 100).unwrap().is_empty());
    let (operators, actions) = store.audit_choices().unwrap();
    assert!(operators.contains(&"柏闻溪".to_owned()));
    assert!(actions.contains(&"录入评分".to_owned()));
    // The most recently used first, for "what just happened".
    let newest = store.audit_search(&AuditFilter::default(), 1).unwrap();
    assert_eq!(actions[0], newest[0].entry.action);
    assert_eq!(operators[0], newest[0].entry.operator);
    // The name set in 设置 is kept per computer and login, and its entry says so.
    let setting = store
        .audit_search(&AuditFilter::default(), 100_000)
        .unwrap()
        .into_iter()
        .find(|row| row.entry.action == "修改设置")
        .unwrap();
    let record = setting.record.as_deref().unwrap();
    assert!(record.starts_with("设置：操作员（计算机 "), "{record}");
    assert!(
        record.contains("，登录名 ") && record.ends_with('）'),
        "{record}"
    );
}

#[test]
fn an_entry_made_before_a_unit_was_renamed_keeps_the_old_name() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_file(dir.path());
    let mut store = Store::open(&db).unwrap();
    // A 2025 agreement (a year not rolled over: no version of its units kept) gets an entry,
    // then its unit is renamed.
    let agreement = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Draft)
        .unwrap();
    store.write(|w| w.set_copies(agreement.id, 4)).unwrap();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap();
    let mut renamed = unit.fields.clone();
    renamed.name = format!("{}（新名）", unit.fields.name);
    store.write(|w| w.update_unit(unit.id, &renamed)).unwrap();
    let rows = store.audit_search(&AuditFilter::default(), 10).unwrap();
    let before_rename = (rows.iter())
        .find(|row| row.entry.entity == "agreement")
        .unwrap();
    assert_eq!(
        before_rename.unit.as_deref(),
        Some(unit.fields.name.as_str())
    );
    // The rename itself names the new name, and later entries too.
    assert_eq!(rows[0].unit.as_deref(), Some(renamed.name.as_str()));
}
