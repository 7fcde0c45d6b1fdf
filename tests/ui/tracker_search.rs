//! The 责任书 list's search, filters and ticks as a clerk meets them: a number typed finds the
//! agreement of that 序号 and the units named with it; filters that cannot both hold say so
//! instead of showing an unexplained empty list; rows a bulk action moves out of the filter
//! do not stay ticked out of sight.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::AgreementStatus;
use zerenshu::ui::App;

use crate::support::{
    agreements, agreements_window, click, demo_store, retype, type_into, unit_name,
};

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

#[test]
fn rows_a_bulk_action_moves_out_of_the_filter_are_unticked() {
    let mut harness = agreements_window(demo_store(), 2025);
    let finals = (agreements(&harness, 2025).iter())
        .filter(|a| a.status == AgreementStatus::Final)
        .count();
    assert!(finals > 0);
    harness
        .get_by_role_and_label(Role::ComboBox, "状态")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "已定稿")
        .click();
    harness.run();
    click(&mut harness, "全部勾选");
    harness.get_by_label(&format!("已勾选 {finals} 份"));
    click(&mut harness, &format!("标记已打印（{finals}）"));
    retype(&mut harness, "打印日期", "2025-03-10");
    click(&mut harness, "确定已打印");
    // The first click may show a note on the dates and wait for a second.
    if harness.query_by_label("确定已打印").is_some() {
        click(&mut harness, "确定已打印");
    }
    let printed = (agreements(&harness, 2025).iter())
        .filter(|a| a.status == AgreementStatus::Printed)
        .count();
    assert!(printed >= finals, "marked printed");
    // No tick left on rows out of sight, to be taken along after a change of filter.
    harness.get_by_label("已勾选 0 份");
    // Ticks on rows the action leaves listed stay: 定稿 then 打印 on the same selection.
    let mut harness = agreements_window(demo_store(), 2025);
    let draft = (agreements(&harness, 2025).into_iter())
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap();
    harness
        .get_by_role_and_label(Role::CheckBox, &draft.draft.number.to_string())
        .click();
    harness.run();
    click(&mut harness, "标记已打印（1）");
    retype(&mut harness, "打印日期", "2025-03-10");
    click(&mut harness, "确定已打印");
    if harness.query_by_label("确定已打印").is_some() {
        click(&mut harness, "确定已打印");
    }
    harness.get_by_label("已勾选 1 份");
}

/// An agreement number of another year on file offers to turn to that year, where the search
/// then shows it; a year not on file is said so.
#[test]
fn a_number_of_another_year_offers_to_turn_to_it() {
    let mut harness = agreements_window(demo_store(), 2025);
    type_into(&mut harness, "查找", "2024-001");
    harness.get_by_label("本年度没有编号 2024-001 的责任书（编号前四位是年度）");
    click(&mut harness, "转到 2024 年度");
    harness.run();
    let first = (agreements(&harness, 2024).into_iter())
        .find(|a| a.draft.number == 1)
        .unwrap();
    assert_eq!(
        (agreements(&harness, 2024).iter())
            .filter(|a| {
                (harness.query_all_by_label(&unit_name(&harness, a)))
                    .next()
                    .is_some()
            })
            .map(|a| a.id)
            .collect::<Vec<_>>(),
        [first.id]
    );
    crate::support::retype(&mut harness, "查找", "2031-001");
    harness.get_by_label("没有 2031 年度，也就没有编号 2031-001 的责任书（编号前四位是年度）");
}

/// Esc in 查找 empties it, the whole list shows again, and the keyboard stays in the box for
/// the next search.
#[test]
fn esc_in_the_search_box_empties_it_and_keeps_the_keyboard_there() {
    let mut harness = agreements_window(demo_store(), 2025);
    let all = listed(&harness).len();
    type_into(&mut harness, "查找", "青山");
    assert!(listed(&harness).len() < all);
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    let search = harness.get_by_role_and_label(Role::TextInput, "查找");
    assert_eq!(search.value().as_deref(), Some(""));
    assert!(search.is_focused());
    assert_eq!(listed(&harness).len(), all);
}

/// Ctrl+F brings the keyboard to 查找 with what it holds selected: what is typed next replaces
/// it.
#[test]
fn ctrl_f_goes_to_the_search_box_ready_to_be_typed_over() {
    let mut harness = agreements_window(demo_store(), 2025);
    retype(&mut harness, "查找", "城关");
    // The keyboard elsewhere: on 只看逾期未签 (clicked twice, left as it was).
    for _ in 0..2 {
        harness.get_by_label("只看逾期未签").click();
        harness.run();
    }
    assert!(
        !harness
            .get_by_role_and_label(Role::TextInput, "查找")
            .is_focused()
    );
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    let search = harness.get_by_role_and_label(Role::TextInput, "查找");
    assert!(search.is_focused());
    harness
        .get_by_role_and_label(Role::TextInput, "查找")
        .type_text("青山");
    harness.run();
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "查找")
            .value()
            .as_deref(),
        Some("青山")
    );
    // From 模板 (or 考核指标) too: back to 签订跟踪 and its 查找.
    harness.get_by_label("模板").click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "查找")
            .is_focused()
    );
}
