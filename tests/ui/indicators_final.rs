//! Marking indicators final in the editor: why final ones that issued agreements carry stay,
//! rules the template lists but the set lacks, empty criteria, every problem named at once,
//! a bonus item above the cap.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::editors::{harness, harness_for};
use crate::support::{click, demo_store};
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::App;

#[test]
fn final_indicators_that_issued_agreements_carry_say_beside_the_button_why_they_stay() {
    let mut harness = harness(demo_store());
    click(&mut harness, "考核指标");
    assert!(
        harness
            .get_by_label("取消定稿")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label_contains("附件中的考核指标已随之冻结，不能取消定稿");
    // The demo's 镇街 has signed and archived ones: they are assessed as signed.
    harness.get_by_label_contains("已签订的按签订的文本考核");
}

/// A published year's indicators are only looked at: no way to change them is offered
/// (returning agreements to draft, inserting a placeholder in a locked template).
#[test]
fn a_published_years_indicators_say_they_are_only_looked_at() {
    let mut harness = harness_for(demo_store(), 2024);
    click(&mut harness, "考核指标");
    crate::support::choose(&mut harness, "考核类别", "一类");
    harness.get_by_label("2024 年度考核结果已通报，考核指标只供查阅，不能修改");
    assert!(
        harness
            .get_by_label("取消定稿")
            .accesskit_node()
            .is_disabled()
    );
    assert!(harness.query_by_label_contains("回到草稿").is_none());
    assert!(harness.query_by_label_contains("如需印出").is_none());
}

/// A category added after a year was published has no indicators there, and none are started
/// in it: neither from the editor nor by the store.
#[test]
fn no_indicators_are_started_in_a_published_year() {
    let mut store = demo_store();
    store.write(|w| w.insert_category("四类")).unwrap();
    let category = (store.categories().unwrap().into_iter())
        .find(|c| c.name == "四类")
        .unwrap();
    let set = zerenshu::model::IndicatorSet {
        id: 0,
        year: 2024,
        category_id: category.id,
        bonus_cap: zerenshu::model::Points::ZERO,
        is_final: false,
        indicators: Vec::new(),
        items: Vec::new(),
    };
    let refused = store.write(|w| w.insert_indicator_set(&set));
    assert!(
        format!("{refused:?}").contains("2024 年度考核结果已通报，不再新建考核指标"),
        "{refused:?}"
    );
    let mut harness = harness_for(store, 2024);
    click(&mut harness, "考核指标");
    crate::support::choose(&mut harness, "考核类别", "四类");
    harness.get_by_label_contains("2024 年度考核结果已通报，不再新建考核指标");
    for button in ["新建空白指标", "载入参考指标"] {
        assert!(harness.query_by_label(button).is_none(), "{button}");
    }
    // Nor does the template page offer a first version to be saved.
    click(&mut harness, "模板");
    assert!(
        harness
            .query_by_label("本类别尚无模板，保存后生成第 1 版")
            .is_none()
    );
    harness.get_by_label("本类别在本年度没有模板");
}

/// Asserts 标记定稿 is greyed, then asks for it all the same (as a second window could), for
/// the store's own refusal.
fn mark_final_anyway(harness: &mut Harness<'static, App>, set_id: i64) {
    assert!(
        harness
            .get_by_label("标记定稿")
            .accesskit_node()
            .is_disabled()
    );
    crate::support::mark_indicators_final(harness, set_id);
}

/// A set cannot be marked final while its category's template prints a list of rules it has
/// no item of: the agreements drawn from them could not be finalized.
#[test]
fn indicators_whose_template_lists_rules_they_lack_are_not_marked_final() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut set = (store.indicator_sets(2026).unwrap().into_iter())
        .next()
        .unwrap();
    set.items
        .retain(|item| item.kind != zerenshu::model::ItemKind::Veto);
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    let mut harness = harness_for(store, 2026);
    // Said beside the button before it is clicked, which waits for it.
    click(&mut harness, "考核指标");
    harness.get_by_label(
        "不能定稿：本类别的模板用到了{一票否决事项}，但考核指标中还没有一票否决项目，责任书中该处将是空的：请先添加一票否决项目，或从模板中删去该占位符",
    );
    mark_final_anyway(&mut harness, set.id);
    let toasts: Vec<String> = harness.state().toast_texts().map(str::to_owned).collect();
    assert!(
        toasts.iter().any(|t| t.contains(
            "不能定稿：本类别的模板用到了{一票否决事项}，但考核指标中还没有一票否决项目"
        )),
        "{toasts:?}"
    );
    let stored = (harness.state().store().unwrap().indicator_sets(2026))
        .unwrap()
        .remove(0);
    assert!(!stored.is_final);
}

/// An indicator without 考核标准 would print an empty cell in every agreement's annex: the
/// set is not marked final, and why is said beside the greyed button.
#[test]
fn indicators_with_a_criterion_left_empty_are_not_marked_final() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut set = (store.indicator_sets(2026).unwrap().into_iter())
        .next()
        .unwrap();
    set.indicators[2].criteria = String::new();
    let name = set.indicators[2].name.clone();
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    harness.get_by_label(&format!(
        "不能定稿：第 3 项指标“{name}”没有填写考核标准（责任书附件表中会是空格）"
    ));
    mark_final_anyway(&mut harness, set.id);
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.contains("没有填写考核标准")),
        "the store refuses it too"
    );
}

/// Every wrong field of the indicator tab is named at once under it (not one at a time), and
/// a rule item repeated within its kind is refused before the save, as a repeated name is.
#[test]
fn every_problem_of_the_indicator_tab_is_named_at_once() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let set = store.indicator_sets(2026).unwrap().remove(0);
    let deduction = (set.items.iter())
        .find(|item| item.kind == zerenshu::model::ItemKind::Deduction)
        .unwrap()
        .name
        .clone();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    crate::support::retype_nth(&mut harness, "分值", 0, "6.125");
    crate::support::retype_nth(&mut harness, "分值", 1, "abc");
    harness.get_by_label_contains("第 1 项指标的分值：");
    harness.get_by_label_contains("第 2 项指标的分值：");
    // A deduction item typed again as another one of its kind.
    let conditions: Vec<String> = (harness.get_all_by_role_and_label(Role::TextInput, "条件"))
        .map(|node| node.accesskit_node().value().unwrap_or_default())
        .collect();
    let other = (conditions.iter())
        .rposition(|c| {
            *c != deduction
                && set
                    .items
                    .iter()
                    .any(|i| i.name == *c && i.kind == zerenshu::model::ItemKind::Deduction)
        })
        .unwrap();
    crate::support::retype_nth(&mut harness, "条件", other, &deduction);
    harness.get_by_label_contains(&format!("扣分事项“{deduction}”重复，请删去重复的一项"));
    assert!(crate::support::is_button_disabled(&harness, "保存指标"));
}

/// A bonus item worth more than the category's 加分上限 could never count in full: said
/// beside the rules, and the set not saved.
#[test]
fn a_bonus_item_above_the_bonus_cap_is_refused() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let set = store.indicator_sets(2026).unwrap().remove(0);
    let bonus = (set.items.iter())
        .position(|item| item.kind == zerenshu::model::ItemKind::Bonus)
        .unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    // The indicators' 分值 fields come first, then the rules'.
    let at = set.indicators.len() + bonus;
    let field = |harness: &Harness<'_, App>| {
        let node = harness
            .get_all_by_role_and_label(Role::TextInput, "分值")
            .nth(at)
            .unwrap();
        node.accesskit_node().value().unwrap_or_default()
    };
    assert_eq!(field(&harness), set.items[bonus].points.to_string());
    (harness
        .get_all_by_role_and_label(Role::TextInput, "分值")
        .nth(at))
    .unwrap()
    .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    (harness
        .get_all_by_role_and_label(Role::TextInput, "分值")
        .nth(at))
    .unwrap()
    .type_text("10");
    harness.run();
    assert_eq!(field(&harness), "10");
    harness.get_by_label_contains(&format!(
        "分值 10 分，超过本类别的加分上限 {} 分",
        set.bonus_cap
    ));
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
}
