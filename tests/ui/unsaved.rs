//! Unsaved edits of the 责任书 editors (模板, 考核指标, 修改条款) and of 设置 → 年度设置 against
//! the rest of the window: a reload caused by another command keeps them, a save rebuilds them
//! from what was saved; choosing another year or leaving the screen asks once, naming them
//! (继续编辑 stays, 放弃修改 goes on); choosing another agreement while its clauses are edited
//! asks too, and so does another year while a form of the open agreement is filled in.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::AgreementStatus;
use zerenshu::store::Store;
use zerenshu::ui::{App, Command, View};

use crate::support::{
    DISCARD_QUESTION, answer_discard, choose, clause_text, click_in_view, demo_store, first_in,
    is_asking, showing, type_into, unit_name, window,
};

const FIRST: &str = "第 1 部分第 1 条";

fn harness_on(store: Store) -> Harness<'static, App> {
    window(Ok(store), showing(View::Agreements, 2025), [1400.0, 1400.0])
}

fn harness() -> Harness<'static, App> {
    harness_on(demo_store())
}

fn choose_year(harness: &mut Harness<'_, App>, year: i32) {
    choose(harness, "年度", &format!("{year} 年度"));
    harness.run();
}

fn shown_year(harness: &Harness<'_, App>) -> Option<i32> {
    harness.state().state().year
}

/// Moves the template's first clause down: an unsaved edit. Returns the clause now first.
fn edit_template(harness: &mut Harness<'_, App>) -> String {
    click_in_view(harness, "模板");
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    clause_text(harness, FIRST)
}

/// Another command's reload: copies of some draft saved elsewhere.
fn another_command(harness: &mut Harness<'_, App>, copies: i64) {
    let store = harness.state().store().unwrap();
    let draft = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .rev()
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    harness.state_mut().queue_command(Command::SetCopies {
        id: draft.id,
        copies,
    });
    harness.run();
    harness.run();
}

#[test]
fn a_reload_from_another_command_keeps_the_edits_and_a_save_rebuilds_them() {
    let mut harness = harness();
    let moved = edit_template(&mut harness);
    another_command(&mut harness, 4);
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t == "份数已改为 4 份")
    );
    assert_eq!(
        clause_text(&harness, FIRST),
        moved,
        "the template edit survives the reload"
    );

    // The clause edit of a draft survives too.
    click_in_view(&mut harness, "签订跟踪");
    click_in_view(&mut harness, "青山镇人民政府");
    click_in_view(&mut harness, "修改条款…");
    click_in_view(&mut harness, "添加控制指标");
    // A target named, so that there is something to save (a blank row is not saved).
    crate::support::type_in_last(&mut harness, "指标", "渡口事故");
    harness.key_press(egui::Key::Tab);
    harness.run();
    crate::support::type_in_last(&mut harness, "限值", "0 起");
    let targets = harness.query_all_by_label("指标").count();
    another_command(&mut harness, 5);
    harness.get_by_label("保存调整");
    assert_eq!(harness.query_all_by_label("指标").count(), targets);

    // Saved: the clause edit closes; the template, saved, has nothing unsaved left.
    click_in_view(&mut harness, "保存调整");
    harness.run();
    assert!(
        harness.query_by_label("保存调整").is_none(),
        "closed once saved"
    );
    click_in_view(&mut harness, "模板");
    assert_eq!(clause_text(&harness, FIRST), moved);
    click_in_view(&mut harness, "保存模板");
    harness.run();
    assert_eq!(
        clause_text(&harness, FIRST),
        moved,
        "rebuilt from what was saved"
    );
    click_in_view(&mut harness, "单位");
    assert!(!is_asking(&harness), "nothing unsaved: no question");
    assert_eq!(harness.state().state().view, View::Units);
}

#[test]
fn another_year_asks_once_before_the_edits_go() {
    let mut harness = harness();
    let original = {
        click_in_view(&mut harness, "模板");
        clause_text(&harness, FIRST)
    };
    let moved = edit_template(&mut harness);
    choose_year(&mut harness, 2024);
    harness.get_by_label(DISCARD_QUESTION);
    harness.get_by_label("尚未保存：模板");
    click_in_view(&mut harness, "继续编辑");
    assert!(!is_asking(&harness));
    harness.run();
    // The keyboard back on the year list that asked (its entry clicked is gone), not nowhere.
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "年度")
            .is_focused()
    );
    assert_eq!(shown_year(&harness), Some(2025), "the year stays");
    assert_eq!(clause_text(&harness, FIRST), moved, "the edit is kept");

    choose_year(&mut harness, 2024);
    answer_discard(&mut harness);
    harness.run();
    assert_eq!(shown_year(&harness), Some(2024));
    choose_year(&mut harness, 2025);
    assert!(!is_asking(&harness), "nothing unsaved any more");
    assert_eq!(
        clause_text(&harness, FIRST),
        original,
        "the edit was given up"
    );
}

#[test]
fn another_year_asks_before_an_open_signing_form_goes() {
    let mut harness = harness();
    let signed = first_in(&harness, AgreementStatus::Signed);
    let name = unit_name(&harness, &signed);
    click_in_view(&mut harness, &name);
    click_in_view(&mut harness, "修改签订信息…");
    choose_year(&mut harness, 2024);
    harness.get_by_label(DISCARD_QUESTION);
    harness.get_by_label("尚未保存：签订信息");
    click_in_view(&mut harness, "继续编辑");
    assert_eq!(shown_year(&harness), Some(2025), "the year stays");
}

#[test]
fn leaving_the_screen_asks_once_naming_the_editors() {
    // The demo's sets are final: a new category's set is edited.
    let mut store = demo_store();
    store.write(|w| w.insert_category("四类")).unwrap();
    let mut harness = harness_on(store);
    edit_template(&mut harness);
    click_in_view(&mut harness, "考核指标");
    choose(&mut harness, "考核类别", "四类");
    click_in_view(&mut harness, "新建空白指标");
    click_in_view(&mut harness, "增加指标");

    click_in_view(&mut harness, "考核");
    harness.get_by_label("尚未保存：模板、考核指标");
    click_in_view(&mut harness, "继续编辑");
    assert_eq!(harness.state().state().view, View::Agreements, "stays");
    harness.get_by_label("删除");

    click_in_view(&mut harness, "考核");
    answer_discard(&mut harness);
    assert_eq!(harness.state().state().view, View::Assessment);
    click_in_view(&mut harness, "责任书");
    click_in_view(&mut harness, "设置");
    assert!(!is_asking(&harness), "the edits were given up");
    assert_eq!(harness.state().state().view, View::Settings);
}

#[test]
fn another_agreement_asks_before_changed_clauses_go() {
    let mut harness = harness();
    click_in_view(&mut harness, "青山镇人民政府");
    click_in_view(&mut harness, "修改条款…");
    // Nothing changed: another agreement is shown at once. Beside the detail the list names
    // its units by short name.
    click_in_view(&mut harness, "北岭镇");
    assert!(!is_asking(&harness));
    harness.get_by_label("北岭镇人民政府");
    harness.get_by_label("北岭镇");
    click_in_view(&mut harness, "修改条款…");
    click_in_view(&mut harness, "添加控制指标");
    // A blank target is nothing to lose: another agreement is shown at once.
    click_in_view(&mut harness, "青山镇");
    assert!(!is_asking(&harness));
    click_in_view(&mut harness, "北岭镇");
    click_in_view(&mut harness, "修改条款…");
    click_in_view(&mut harness, "添加控制指标");
    crate::support::type_in_last(&mut harness, "指标", "渡口事故");
    click_in_view(&mut harness, "青山镇");
    harness.get_by_label(DISCARD_QUESTION);
    click_in_view(&mut harness, "继续编辑");
    harness.get_by_label("保存调整");
    click_in_view(&mut harness, "青山镇");
    answer_discard(&mut harness);
    assert!(harness.query_by_label("保存调整").is_none());
    // The detail now shows 青山镇.
    harness.get_by_label("青山镇人民政府");
}

#[test]
fn year_settings_typed_but_not_saved_are_asked_about_before_another_year() {
    let mut harness = harness();
    click_in_view(&mut harness, "设置");
    click_in_view(&mut harness, "年度设置");
    type_into(&mut harness, "甲方签字人职务", "常务");
    choose_year(&mut harness, 2024);
    assert!(is_asking(&harness), "asked before the edits go");
    harness.get_by_label("尚未保存：年度设置");
    harness.get_by_label("继续编辑").click();
    harness.run();
    assert_eq!(shown_year(&harness), Some(2025));
    let typed = harness
        .get_by_role_and_label(Role::TextInput, "甲方签字人职务")
        .value()
        .unwrap();
    assert!(typed.contains("常务"), "{typed}");
    choose_year(&mut harness, 2024);
    answer_discard(&mut harness);
    assert_eq!(shown_year(&harness), Some(2024));
}

/// A batch 定稿 would freeze a text whose clause edits wait unsaved in the detail, losing
/// them unsaid: the button waits, and says why.
#[test]
fn batch_finalizing_waits_for_unsaved_clause_edits() {
    use egui_kittest::kittest::NodeT as _;
    let mut harness = harness();
    click_in_view(&mut harness, "青山镇人民政府");
    click_in_view(&mut harness, "修改条款…");
    click_in_view(&mut harness, "添加控制指标");
    crate::support::type_in_last(&mut harness, "指标", "渡口事故");
    click_in_view(&mut harness, "全部勾选");
    let finalize = (harness.get_all_by_role(Role::Button))
        .find(|b| {
            let node = b.accesskit_node();
            node.label().unwrap_or_default().starts_with("定稿（")
        })
        .unwrap();
    assert!(finalize.accesskit_node().is_disabled());
    // Saved (or given up), it can go on.
    crate::support::type_in_last(&mut harness, "限值", "0 起");
    click_in_view(&mut harness, "保存调整");
    let finalize = (harness.get_all_by_role(Role::Button))
        .find(|b| {
            let node = b.accesskit_node();
            node.label().unwrap_or_default().starts_with("定稿（")
        })
        .unwrap();
    assert!(!finalize.accesskit_node().is_disabled());
}
