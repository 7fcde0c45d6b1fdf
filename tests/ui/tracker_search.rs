//! The 责任书 list's search and filters as a clerk meets them: a number typed finds the
//! agreement of that 序号 and the units named with it, and filters that cannot both hold say
//! so instead of showing an unexplained empty list.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::App;

use crate::support::{agreements, agreements_window, demo_store, type_into, unit_name};

/// The agreements whose unit's row is on screen, by 序号.
fn listed(harness: &Harness<'_, App>) -> Vec<i64> {
    agreements(harness, 2025)
        .iter()
        .filter(|a| {
            (harness.query_all_by_label(&unit_name(harness, a)))
                .next()
                .is_some()
        })
        .map(|a| a.draft.number)
        .collect()
}

#[test]
fn a_number_typed_finds_that_serial_and_the_units_named_with_it() {
    let mut store = demo_store();
    let last = (store.agreements(2025).unwrap().into_iter())
        .max_by_key(|a| a.draft.number)
        .unwrap();
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == last.draft.unit_id)
        .unwrap();
    unit.fields.name = "示例市第7号物资仓储中心".into();
    unit.fields.short_name = "第7号仓储中心".into();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    type_into(&mut harness, "查找", "7");
    assert_eq!(listed(&harness), [7, last.draft.number]);
}

#[test]
fn filters_that_cannot_both_hold_say_so() {
    let mut harness = agreements_window(demo_store(), 2025);
    harness.get_by_label("只看逾期未签").click();
    harness.run();
    assert!(!listed(&harness).is_empty(), "the demo has late drafts");
    harness
        .get_by_role_and_label(Role::ComboBox, "状态")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "已签订（含已归档）")
        .click();
    harness.run();
    assert!(listed(&harness).is_empty());
    harness.get_by_label(
        "“只看逾期未签”只列尚未签订的责任书，与状态“已签订（含已归档）”不会同时成立：请取消其中一个",
    );
}
