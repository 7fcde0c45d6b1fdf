//! The 考核指标 editor driven by its Chinese labels: a category without indicators gets a set
//! copied from another or the reference indicators (a blank one in the first year is offered
//! the reference alone), a rule's own limit (累计最多) and its 条件 are checked before it is
//! saved, every problem of the tab is named at once, and indicators that cannot be final say
//! why beside the button. The helpers here open the 责任书 screen for the other editor tests.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::store::Store;
use zerenshu::ui::{App, View};

use crate::support::{click, demo_store, showing, window};

/// 青山镇's 2025 agreement, a draft in the demo.
pub(crate) fn qingshan_2025(store: &Store) -> zerenshu::model::Agreement {
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "青山镇人民政府")
        .unwrap();
    (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.draft.unit_id == unit.id)
        .unwrap()
}

pub(crate) fn harness(store: Store) -> Harness<'static, App> {
    harness_for(store, 2025)
}

pub(crate) fn harness_for(store: Store, year: i32) -> Harness<'static, App> {
    window(Ok(store), showing(View::Agreements, year), [1400.0, 900.0])
}

/// The 2025 indicator sets as stored.
pub(crate) fn sets_2025(harness: &Harness<'_, App>) -> Vec<zerenshu::model::IndicatorSet> {
    harness
        .state()
        .store()
        .unwrap()
        .indicator_sets(2025)
        .unwrap()
}

/// The 考核指标 tab on a category 四类 just added (no indicators yet), and its id.
fn indicators_of_a_new_category() -> (Harness<'static, App>, i64) {
    indicators_of_a_new_category_named("四类")
}

/// The 考核指标 tab on a category `name` just added (no units, no indicators yet), and its id.
fn indicators_of_a_new_category_named(name: &str) -> (Harness<'static, App>, i64) {
    let mut store = demo_store();
    let new_id = store.write(|w| w.insert_category(name)).unwrap();
    let mut harness = harness(store);
    click(&mut harness, "考核指标");
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .click();
    harness.run();
    click(&mut harness, name);
    (harness, new_id)
}

#[test]
fn a_new_category_gets_indicators_copied_from_another() {
    let (mut harness, new_id) = indicators_of_a_new_category();
    harness.get_by_label("本类别在本年度还没有考核指标");
    click(&mut harness, "复制“三类”的指标");
    harness.run();
    let sets = sets_2025(&harness);
    let copied = sets.iter().find(|s| s.category_id == new_id).unwrap();
    let source = sets
        .iter()
        .find(|s| s.category_id != new_id && s.indicators.len() == copied.indicators.len())
        .unwrap();
    assert!(!copied.is_final, "a copy is reviewed before it is final");
    assert_eq!(copied.total_points(), source.total_points());
    harness.get_by_label(&format!("分值合计 {} / 100", copied.total_points()));
}

#[test]
fn a_blank_set_can_still_be_filled_from_another_category() {
    let (mut harness, new_id) = indicators_of_a_new_category();
    click(&mut harness, "新建空白指标");
    harness.run();
    harness.get_by_label("本类别的指标还是空白的，可逐项填写，或从参考指标、已有指标开始：");
    click(&mut harness, "复制“三类”的指标");
    harness.run();
    let sets = sets_2025(&harness);
    let filled = sets.iter().find(|s| s.category_id == new_id).unwrap();
    assert!(!filled.indicators.is_empty());
    assert!(!filled.items.is_empty());
    assert_eq!(
        sets.iter().filter(|s| s.category_id == new_id).count(),
        1,
        "the blank set is filled, not joined by another"
    );
    harness.get_by_label_contains("项考核指标并保存，请核对后定稿");
    assert!(
        harness
            .query_by_label_contains("本类别的指标还是空白的")
            .is_none()
    );
}

#[test]
fn a_blank_set_in_the_first_year_is_offered_the_reference_indicators_alone() {
    // A register started blank: one year, two categories, no indicators anywhere yet.
    let mut store = Store::open_in_memory().unwrap();
    store
        .write(|w| {
            w.insert_year(&zerenshu::model::Year::new(2025, "样板县人民政府"))?;
            w.insert_category("一类")?;
            w.insert_category("二类")?;
            w.mark_initialized("从空白开始")
        })
        .unwrap();
    let mut harness = harness(store);
    click(&mut harness, "考核指标");
    click(&mut harness, "新建空白指标");
    let nothing = "本类别的指标还是空白的，可逐项填写，或从参考指标开始：";
    harness.get_by_label(nothing);
    harness.get_by_label("载入参考指标");
    assert!(harness.query_by_label_contains("复制“").is_none());
    // Another category's blank set gives nothing to copy either.
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .click();
    harness.run();
    click(&mut harness, "二类");
    click(&mut harness, "新建空白指标");
    harness.get_by_label(nothing);
    assert!(harness.query_by_label("复制“一类”的指标").is_none());
    // The reference fills it: 15 indicators summing to the full score, with its rules, not
    // final, and the editor shows them.
    click(&mut harness, "载入参考指标");
    harness.run();
    let sets = sets_2025(&harness);
    let filled = sets.iter().find(|s| !s.indicators.is_empty()).unwrap();
    assert_eq!(filled.indicators.len(), 15);
    assert_eq!(filled.total_points(), zerenshu::model::Points::whole(100));
    assert!(
        filled
            .items
            .iter()
            .any(|i| i.kind == zerenshu::model::ItemKind::Veto)
    );
    assert!(
        !filled.is_final,
        "the reference is adapted before it is final"
    );
    harness.get_by_label("分值合计 100 / 100");
    harness.get_by_label_contains("已载入 15 项参考指标（示例内容）并保存");
    assert!(harness.query_by_label(nothing).is_none());
}

/// Loads the reference indicators into the new category `name` and says whether they are the
/// towns' (党政同责 is theirs alone).
fn loads_town_reference(name: &str) -> bool {
    let (mut harness, new_id) = indicators_of_a_new_category_named(name);
    click(&mut harness, "载入参考指标");
    harness.run();
    harness.get_by_label_contains("已载入 15 项参考指标");
    let sets = sets_2025(&harness);
    let loaded = sets.iter().find(|s| s.category_id == new_id).unwrap();
    assert_eq!(loaded.indicators.len(), 15);
    assert!(!loaded.is_final);
    (loaded.indicators.iter()).any(|i| i.name.contains("党政同责"))
}

#[test]
fn a_new_category_without_units_starts_from_the_reference_its_name_suggests() {
    assert!(loads_town_reference("新区镇街"));
    assert!(!loads_town_reference("四类"));
}

#[test]
fn a_rules_own_limit_below_its_points_is_refused_and_a_good_one_is_saved() {
    let mut store = demo_store();
    let day = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    store.set_clock(day.and_hms_opt(9, 30, 0).unwrap());
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    // The fourth rule with a 累计最多 field: 考核材料未按时报送或缺少影像资料, 3 points each.
    let type_limit = |harness: &mut Harness<'_, App>, text: &str| {
        harness
            .get_all_by_role_and_label(Role::TextInput, "累计最多")
            .nth(3)
            .unwrap()
            .focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        harness
            .get_all_by_role_and_label(Role::TextInput, "累计最多")
            .nth(3)
            .unwrap()
            .type_text(text);
        harness.run();
    };
    type_limit(&mut harness, "2");
    harness
        .get_by_label("“考核材料未按时报送或缺少影像资料”的累计上限 2 分应不小于该项的分值 3 分");
    // Read without the limit refused, not left out of the reading as if deleted.
    harness.get_by_label_contains("；考核材料未按时报送或缺少影像资料，扣3分");
    assert!(harness.query_by_label_contains("累计最多扣2分").is_none());
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
    type_limit(&mut harness, "6");
    click(&mut harness, "保存指标");
    let set = harness
        .state()
        .store()
        .unwrap()
        .indicator_sets(2026)
        .unwrap()
        .remove(0);
    let limits: Vec<Option<zerenshu::model::Points>> = set.items.iter().map(|i| i.cap).collect();
    let six = Some(zerenshu::model::Points::whole(6));
    assert_eq!(limits[..4], [None, None, six, six]);
    // The editor says how the agreement text reads the rules.
    harness.get_by_label_contains("正文中读作：被上级通报批评，每次扣2分，累计最多扣6分；考核材料未按时报送或缺少影像资料，扣3分，累计最多扣6分");
    // A bonus rule's limit above the category's 加分上限 (5) is refused too; 放弃修改 takes
    // the edit back.
    let first_limit = |harness: &Harness<'_, App>| {
        harness
            .get_all_by_role_and_label(Role::TextInput, "累计最多")
            .next()
            .unwrap()
            .accesskit_node()
            .value()
            .unwrap_or_default()
    };
    harness
        .get_all_by_role_and_label(Role::TextInput, "累计最多")
        .next()
        .unwrap()
        .focus();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::TextInput, "累计最多")
        .next()
        .unwrap()
        .type_text("10");
    harness.run();
    harness.get_by_label_contains("的累计上限 10 分超过本类别的加分上限 5 分");
    assert_eq!(first_limit(&harness), "10");
    click(&mut harness, "放弃修改");
    harness.run();
    // Asked once, as in the template editor; 继续编辑 keeps the edit.
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    assert_eq!(first_limit(&harness), "10");
    click(&mut harness, "放弃修改");
    harness.run();
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
    assert_eq!(first_limit(&harness), "");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled(),
        "nothing to save"
    );
    // A rule added takes the keyboard in its 条件, ready to be typed.
    harness.get_by_label("增加扣分项").click_accesskit();
    harness.run();
    let conditions: Vec<bool> = harness
        .get_all_by_role_and_label(Role::TextInput, "条件")
        .map(|node| node.is_focused())
        .collect();
    // Two bonus rules and three deduction rules, then the new deduction rule.
    assert_eq!(
        conditions.iter().position(|f| *f),
        Some(5),
        "{conditions:?}"
    );
    // Left empty, it is named by the field the clerk sees.
    harness.get_by_label("有一个扣分项的条件没有填写");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn tab_from_a_rows_last_cell_goes_to_the_next_row_not_to_its_delete_button() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    harness
        .get_all_by_role_and_label(Role::TextInput, "考核方式（不印出）")
        .next()
        .unwrap()
        .focus();
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    let second_name = harness
        .get_all_by_role_and_label(Role::TextInput, "考核项目")
        .nth(1)
        .unwrap();
    assert!(second_name.is_focused(), "Tab passes over 删除");
}

/// A row deleted and brought back with 撤销删除 is where the keyboard goes, not another row.
#[test]
fn a_row_brought_back_gets_the_keyboard() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    let name = |harness: &Harness<'_, App>, at: usize| {
        let node = harness
            .get_all_by_role_and_label(Role::TextInput, "考核项目")
            .nth(at)
            .unwrap();
        (node.value().unwrap_or_default(), node.is_focused())
    };
    let (fourth, _) = name(&harness, 3);
    harness.get_all_by_label("删除").nth(3).unwrap().click();
    harness.run();
    click(&mut harness, "撤销删除");
    harness.run();
    assert_eq!(name(&harness, 3), (fourth, true));
}

#[test]
fn two_indicators_of_one_name_are_refused_before_saving() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    let names = |harness: &Harness<'_, App>| -> Vec<String> {
        harness
            .get_all_by_role_and_label(Role::TextInput, "考核项目")
            .map(|node| node.accesskit_node().value().unwrap_or_default())
            .collect()
    };
    let first = names(&harness)[0].clone();
    let second = harness
        .get_all_by_role_and_label(Role::TextInput, "考核项目")
        .nth(1)
        .unwrap();
    second.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_all_by_role_and_label(Role::TextInput, "考核项目")
        .nth(1)
        .unwrap()
        .type_text(&first);
    harness.run();
    harness.get_by_label(&format!(
        "第 1、2 项指标同名（“{first}”），请改成能区分的名称"
    ));
    // 标记定稿 waits for the save, and says so beside it.
    harness.get_by_label("（先保存，再定稿）");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
    let stored = (harness.state().store().unwrap().indicator_sets(2026))
        .unwrap()
        .remove(0);
    assert_ne!(stored.indicators[1].name, first, "nothing saved");
}

#[test]
fn rule_items_the_template_does_not_print_are_pointed_out() {
    let mut harness = harness(demo_store());
    click(&mut harness, "考核指标");
    // The demo's 镇街 template lists the veto conditions, but not the bonus or deduction items.
    harness.get_by_label_contains("本类别的模板中没有{加分事项}，这些加分项目不会印在责任书正文中");
    harness.get_by_label_contains("本类别的模板中没有{扣分事项}，这些扣分项目不会印在责任书正文中");
    assert!(
        harness
            .query_by_label_contains("本类别的模板中没有{一票否决事项}")
            .is_none()
    );
    harness.get_by_label_contains("插入{加分事项}后，以上各加分项在正文中读作：");
    assert_eq!(
        harness.query_all_by_label_contains("正文中读作：").count(),
        3,
        "each kind's reading is still shown"
    );
}

/// A value retyped to mean what was saved ("５" for 5, in full-width digits) is no change: the
/// tab says nothing is unsaved, as 保存指标 (greyed) and 标记定稿 (offered) say.
#[test]
fn a_value_retyped_in_full_width_digits_is_no_unsaved_change() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    let cap = |harness: &Harness<'_, App>| {
        let node = harness.get_by_role_and_label(Role::TextInput, "加分上限");
        node.value().unwrap_or_default()
    };
    assert_eq!(cap(&harness), "5");
    harness
        .get_by_role_and_label(Role::TextInput, "加分上限")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "加分上限")
        .type_text("５");
    harness.run();
    assert_eq!(cap(&harness), "５");
    assert!(harness.query_by_label_contains("有未保存的修改").is_none());
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        !harness
            .get_by_label("标记定稿")
            .accesskit_node()
            .is_disabled()
    );
    // A real change is said.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "加分上限")
        .type_text("4");
    harness.run();
    harness.get_by_label("有未保存的修改（考核指标）");
    // A cap above the full score (500 for 5) is a slip: not saved, and said.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "加分上限")
        .type_text("500");
    harness.run();
    harness.get_by_label_contains("加分上限 500 分超过满分 100 分，请检查");
    assert!(
        harness
            .get_by_label("保存指标")
            .accesskit_node()
            .is_disabled()
    );
}

/// A long indicator name cut at its field's edge shows whole under the pointer (the annex
/// wraps it; the one-line field cannot).
#[test]
fn a_long_indicator_name_shows_whole_on_hover() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    let long = "“安全生产月”活动及Safety Week宣传教育培训开展情况";
    // The `row`th name field, acted on and the frame run.
    let name =
        |harness: &mut Harness<'_, App>, row: usize, act: &dyn Fn(&egui_kittest::Node<'_>)| {
            act(&harness
                .get_all_by_role_and_label(Role::TextInput, "考核项目")
                .nth(row)
                .unwrap());
            harness.run();
        };
    name(&mut harness, 0, &|node| node.focus());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    name(&mut harness, 0, &|node| node.type_text(long));
    name(&mut harness, 0, &|node| node.hover());
    assert!(harness.query_by_label(long).is_none(), "not while typed in");
    name(&mut harness, 1, &|node| node.focus());
    name(&mut harness, 0, &|node| node.hover());
    harness.get_by_label(long);
}

/// Esc in a field of the editor keeps the keyboard there (no form to close): the next Tab
/// goes on from the field, not from the top of the window.
#[test]
fn esc_in_an_indicator_field_keeps_the_keyboard_there() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "考核指标");
    harness
        .get_all_by_role_and_label(Role::TextInput, "条件")
        .last()
        .unwrap()
        .focus();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        (harness.get_all_by_role_and_label(Role::TextInput, "条件"))
            .last()
            .unwrap()
            .is_focused(),
        "{:?}",
        crate::support::keyboard_on(&harness)
    );
}

/// The rule items below the table are named above it, each a link: one followed gives the
/// keyboard to the first condition of its kind.
#[test]
fn the_links_above_the_table_lead_to_the_rule_items() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(Ok(store), showing(View::Agreements, 2026), [1024.0, 700.0]);
    click(&mut harness, "考核指标");
    // The first category's set, as the tab opens on it.
    let set = {
        let store = harness.state().store().unwrap();
        let first = store.categories().unwrap()[0].id;
        (store.indicator_sets(2026).unwrap().into_iter())
            .find(|s| s.category_id == first)
            .unwrap()
    };
    let count = |kind| set.items_of(kind).count();
    let vetoes = count(zerenshu::model::ItemKind::Veto);
    assert!(vetoes > 0);
    click(&mut harness, &format!("一票否决项 {vetoes} 条"));
    harness.run();
    let focused: Vec<bool> = harness
        .get_all_by_role_and_label(Role::TextInput, "条件")
        .map(|node| node.is_focused())
        .collect();
    // After the bonus and deduction rules, the first veto.
    let before =
        count(zerenshu::model::ItemKind::Bonus) + count(zerenshu::model::ItemKind::Deduction);
    assert_eq!(focused.iter().position(|f| *f), Some(before), "{focused:?}");
}

/// A kind without rules yet: its link leads to the button that adds one.
#[test]
fn a_link_to_a_kind_without_rules_leads_to_its_add_button() {
    let (mut harness, _) = indicators_of_a_new_category();
    click(&mut harness, "新建空白指标");
    click(&mut harness, "一票否决项 0 条");
    harness.run();
    assert!(harness.get_by_label("增加一票否决项").is_focused());
}
