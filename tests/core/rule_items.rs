//! A 加分, 扣分 or 一票否决 item in use (bonuses, deductions or vetoes recorded under it) keeps
//! its kind and its own limit (累计最多, read from the item whenever totals are worked out);
//! its points may change, since every entry keeps the points it was recorded with.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use zerenshu::model::{Adjustment, AdjustmentKind, IndicatorSet, ItemKind, Points, Veto};
use zerenshu::store::{Store, StoreError};
use zerenshu::workflow::{drafting, rollover};

use crate::support::demo_store;

/// The demo with 2026 rolled over and drafted, a bonus, a deduction (under the rule with a
/// limit of its own) and a veto recorded for its first agreement; returns its set (not final).
fn store_with_entries() -> (Store, IndicatorSet) {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let agreement = store.agreements(2026).unwrap()[0].clone();
    let set = store
        .indicator_sets(2026)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    assert!(!set.is_final, "rolled-over indicators start not final");
    let item = |name: &str| {
        set.items
            .iter()
            .find(|i| i.name.starts_with(name))
            .unwrap()
            .id
    };
    let entry = |item_id, kind, hundredths| Adjustment {
        id: 0,
        agreement_id: agreement.id,
        item_id: Some(item_id),
        kind,
        points: Points(hundredths),
        reason: "检查发现".into(),
        matter: String::new(),
    };
    let bonus = Adjustment {
        matter: "省级示范".into(),
        ..entry(item("获评省级"), AdjustmentKind::Bonus, 100)
    };
    let deduction = entry(item("被上级通报批评"), AdjustmentKind::Deduction, 200);
    let veto = Veto {
        agreement_id: agreement.id,
        item_id: Some(item("发生较大")),
        reason: "发生较大事故".into(),
    };
    store
        .write(|w| {
            w.insert_adjustment(&bonus)?;
            w.insert_adjustment(&deduction)?;
            w.set_veto(&veto)
        })
        .unwrap();
    (store, set)
}

fn refusal(store: &mut Store, set: &IndicatorSet) -> String {
    match store.write(|w| w.save_indicator_set(set)) {
        Err(StoreError::Rejected(message)) => message,
        other => panic!("not refused: {other:?}"),
    }
}

fn position(set: &IndicatorSet, name: &str) -> usize {
    set.items
        .iter()
        .position(|i| i.name.starts_with(name))
        .unwrap()
}

#[test]
fn the_kind_of_an_item_in_use_is_not_changed() {
    let (mut store, set) = store_with_entries();
    let logged = store.audit_entries(1).unwrap();

    let mut changed = set.clone();
    changed.items[position(&set, "获评省级")].kind = ItemKind::Deduction;
    let message = refusal(&mut store, &changed);
    assert!(
        message.contains("“获评省级安全发展示范或标准化示范称号”"),
        "{message}"
    );
    assert!(message.contains("不能从加分项目改为扣分项目"), "{message}");

    let mut changed = set.clone();
    changed.items[position(&set, "发生较大")].kind = ItemKind::Deduction;
    changed.items[position(&set, "发生较大")].points = Points(100);
    let message = refusal(&mut store, &changed);
    assert!(
        message.contains("“发生较大及以上生产安全事故”"),
        "{message}"
    );
    assert!(message.contains("一票否决"), "{message}");

    assert_eq!(
        store
            .indicator_sets(2026)
            .unwrap()
            .iter()
            .find(|s| s.id == set.id),
        Some(&set)
    );
    assert_eq!(store.audit_entries(1).unwrap(), logged, "nothing logged");

    // An item nothing is recorded under may change its kind.
    let mut changed = set.clone();
    changed.items[position(&set, "迟报生产安全事故")].kind = ItemKind::Bonus;
    store.write(|w| w.save_indicator_set(&changed)).unwrap();
}

#[test]
fn the_own_limit_of_an_item_in_use_is_not_changed_but_its_points_may_be() {
    let (mut store, set) = store_with_entries();
    let at = position(&set, "被上级通报批评");

    let mut changed = set.clone();
    changed.items[at].cap = Some(Points(800));
    let message = refusal(&mut store, &changed);
    assert!(message.contains("“被上级通报批评（每次）”"), "{message}");
    assert!(message.contains("累计最多"), "{message}");
    changed.items[at].cap = None;
    let message = refusal(&mut store, &changed);
    assert!(message.contains("累计最多"), "{message}");

    // Each entry keeps its own points: the item's level may change.
    let mut changed = set.clone();
    changed.items[at].points = Points(300);
    changed.items[position(&set, "获评省级")].points = Points(50);
    store.write(|w| w.save_indicator_set(&changed)).unwrap();
    let mut recorded: Vec<Points> = store
        .adjustments(2026)
        .unwrap()
        .iter()
        .map(|a| a.points)
        .collect();
    recorded.sort();
    assert_eq!(recorded, [Points(100), Points(200)]);

    // An item nothing is recorded under may change its limit.
    let mut changed = store
        .indicator_sets(2026)
        .unwrap()
        .into_iter()
        .find(|s| s.id == set.id)
        .unwrap();
    let unused = position(&changed, "考核材料未按时报送");
    changed.items[unused].cap = Some(Points(900));
    store.write(|w| w.save_indicator_set(&changed)).unwrap();
}

/// An indicator already scored keeps points enough for its highest score: lowered below it,
/// the score would count for less than the grid shows. Kept or raised, the save goes through.
#[test]
fn an_indicators_points_stay_above_the_scores_entered() {
    let (mut store, set) = store_with_entries();
    let agreement = store.agreements(2026).unwrap()[0].clone();
    let indicator = set.indicators[0].clone();
    assert!(indicator.points >= Points::whole(3), "{indicator:?}");
    store
        .write(|w| {
            w.upsert_score(&zerenshu::model::Score {
                agreement_id: agreement.id,
                indicator_id: indicator.id,
                self_score: Some(Points::whole(3)),
                assessed_score: Some(Points::whole(2)),
                note: String::new(),
                self_note: String::new(),
            })
        })
        .unwrap();
    let mut lowered = set.clone();
    lowered.indicators[0].points = Points(299);
    let message = refusal(&mut store, &lowered);
    assert!(
        message.contains(&format!("指标“{}”已有单位得 3 分", indicator.name)),
        "{message}"
    );
    let mut kept = set.clone();
    kept.indicators[0].points = Points::whole(3);
    store.write(|w| w.save_indicator_set(&kept)).unwrap();
}
