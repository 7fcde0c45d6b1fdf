//! Indicator sets as they are saved and finalised: no repeated names or rows of another set,
//! final only at the full score, and no scored row deleted.

use zerenshu::model::Points;
use zerenshu::store::StoreError;
use zerenshu::workflow::{drafting, rollover};

use crate::support::demo_store;

#[test]
fn an_indicator_set_with_a_repeated_name_or_a_row_of_another_set_is_not_saved() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let sets = store.indicator_sets(2026).unwrap();
    let (set, other) = (&sets[0], &sets[1]);
    let mut repeated = set.clone();
    repeated.indicators[2]
        .name
        .clone_from(&set.indicators[0].name);
    let refused = store.write(|w| w.save_indicator_set(&repeated));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.starts_with("第 1、3 项指标同名")),
        "{refused:?}"
    );
    // A row whose id belongs to another set (an editor opened before it was moved or
    // deleted) is not dropped in silence.
    let mut stale = set.clone();
    stale.indicators[1].id = other.indicators[1].id;
    stale.indicators[1].name = "改过的名称".into();
    let refused = store.write(|w| w.save_indicator_set(&stale));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("“改过的名称”已不在这套考核指标中")),
        "{refused:?}"
    );
    assert_eq!(store.indicator_sets(2026).unwrap(), sets, "nothing changed");
}

#[test]
fn an_indicator_set_is_final_only_when_it_sums_to_the_full_score() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut set = store.indicator_sets(2026).unwrap().remove(0);
    set.indicators[0].points = Points::whole(1);
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    let refused = store.write(|w| w.set_indicator_set_final(set.id, true));
    assert!(matches!(refused, Err(StoreError::Rejected(m)) if m.contains("应为 100")));
    set.indicators[0].points = Points::whole(6);
    set.indicators.swap(0, 1);
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    store
        .write(|w| w.set_indicator_set_final(set.id, true))
        .unwrap();
    let stored = store.indicator_sets(2026).unwrap().remove(0);
    assert!(stored.is_final);
    assert_eq!(
        stored.indicators[0].name, set.indicators[0].name,
        "order is kept"
    );
    assert!(
        store.write(|w| w.save_indicator_set(&set)).is_err(),
        "a final set is not edited"
    );
    let signed = store.indicator_sets(2024).unwrap().remove(0);
    let refused = store.write(|w| w.set_indicator_set_final(signed.id, false));
    assert!(
        matches!(refused, Err(StoreError::Rejected(m)) if m.contains("不能取消定稿")),
        "the indicators of signed agreements stay as signed"
    );

    // Drafts only: the set may be reopened, but a scored row is never deleted.
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let agreement = store.agreements(2026).unwrap()[0].clone();
    let mut scored = store
        .indicator_sets(2026)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let last = scored.indicators.last().unwrap().id;
    store
        .write(|w| {
            w.change_score(
                &zerenshu::model::Score {
                    agreement_id: agreement.id,
                    indicator_id: last,
                    self_score: Some(Points::whole(1)),
                    assessed_score: None,
                    note: String::new(),
                    self_note: String::new(),
                },
                None,
            )
        })
        .unwrap();
    if scored.is_final {
        store
            .write(|w| w.set_indicator_set_final(scored.id, false))
            .unwrap();
    }
    scored.indicators.pop();
    let refused = store.write(|w| w.save_indicator_set(&scored));
    assert!(matches!(refused, Err(StoreError::Rejected(m)) if m.contains("已有评分")));
}
