//! Unsaved edits are given up only after one question ("放弃未保存的修改？", 放弃修改 or 继续编辑):
//! in the template editor (放弃修改, or another category chosen), in the indicator editor
//! (another category chosen) and in an agreement's clauses; with nothing changed there is no
//! question.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::store::Store;
use zerenshu::ui::{App, View};

use crate::support::{
    DISCARD_QUESTION, answer_discard, choose, clause_text, click_in_view, demo_store, is_asking,
    showing, template_versions, window,
};

fn harness() -> Harness<'static, App> {
    harness_on(demo_store())
}

fn harness_on(store: Store) -> Harness<'static, App> {
    window(Ok(store), showing(View::Agreements, 2025), [1400.0, 1400.0])
}

fn choose_category(harness: &mut Harness<'_, App>, name: &str) {
    choose(harness, "考核类别", name);
}

fn shown_category(harness: &Harness<'_, App>) -> String {
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .value()
        .unwrap()
}

#[test]
fn template_edits_are_given_up_only_after_one_question() {
    let mut harness = harness();
    click_in_view(&mut harness, "模板");
    let versions = template_versions(&harness);
    let (first, second) = ("第 1 部分第 1 条", "第 1 部分第 2 条");
    let (was_first, was_second) = (clause_text(&harness, first), clause_text(&harness, second));
    // Moved up, the second clause takes the first one's number.
    let moved_up = format!("（一）{}", was_second.split_once('）').unwrap().1);

    // Nothing changed: nothing to ask.
    click_in_view(&mut harness, "放弃修改");
    assert!(!is_asking(&harness));

    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    assert_eq!(clause_text(&harness, first), moved_up);
    click_in_view(&mut harness, "放弃修改");
    harness.get_by_label(DISCARD_QUESTION);
    click_in_view(&mut harness, "继续编辑");
    assert!(!is_asking(&harness));
    assert_eq!(clause_text(&harness, first), moved_up, "the edit is kept");
    // From the keyboard: the question starts on 继续编辑, so Enter loses nothing.
    click_in_view(&mut harness, "放弃修改");
    harness.run();
    assert!(harness.get_by_label("继续编辑").is_focused());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(!is_asking(&harness));
    assert_eq!(clause_text(&harness, first), moved_up, "the edit is kept");

    click_in_view(&mut harness, "放弃修改");
    answer_discard(&mut harness);
    assert!(!is_asking(&harness));
    assert_eq!(
        clause_text(&harness, first),
        was_first,
        "back to the saved text"
    );
    assert_eq!(template_versions(&harness), versions, "nothing saved");

    // Another category with edits: asked; 继续编辑 stays on this one.
    let category = shown_category(&harness);
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    choose_category(&mut harness, "一类");
    harness.get_by_label(DISCARD_QUESTION);
    click_in_view(&mut harness, "继续编辑");
    assert_eq!(shown_category(&harness), category);
    assert_eq!(clause_text(&harness, first), moved_up, "the edit is kept");
    choose_category(&mut harness, "一类");
    answer_discard(&mut harness);
    assert_eq!(shown_category(&harness), "一类");
    // With nothing changed, another category is shown at once.
    choose_category(&mut harness, &category);
    assert!(!is_asking(&harness));
    assert_eq!(shown_category(&harness), category);
    assert_eq!(clause_text(&harness, first), was_first);
}

#[test]
fn indicator_edits_are_given_up_only_after_one_question() {
    // The demo's sets are final (their agreements are issued): a new category's set is edited.
    let mut store = demo_store();
    store.write(|w| w.insert_category("四类")).unwrap();
    let mut harness = harness_on(store);
    click_in_view(&mut harness, "考核指标");
    choose_category(&mut harness, "四类");
    assert!(!is_asking(&harness));
    click_in_view(&mut harness, "新建空白指标");
    // Nothing typed yet: another category is shown at once.
    choose_category(&mut harness, "三类");
    assert!(!is_asking(&harness));
    assert_eq!(shown_category(&harness), "三类");
    choose_category(&mut harness, "四类");
    click_in_view(&mut harness, "增加指标");
    choose_category(&mut harness, "三类");
    harness.get_by_label(DISCARD_QUESTION);
    click_in_view(&mut harness, "继续编辑");
    assert_eq!(shown_category(&harness), "四类");
    harness.get_by_label("删除");
    choose_category(&mut harness, "三类");
    answer_discard(&mut harness);
    assert_eq!(shown_category(&harness), "三类");
}

#[test]
fn changed_clauses_of_an_agreement_are_given_up_after_one_question() {
    let mut harness = harness();
    click_in_view(&mut harness, "青山镇人民政府");
    click_in_view(&mut harness, "修改条款…");
    // Nothing changed: the editor closes at once.
    click_in_view(&mut harness, "放弃修改");
    assert!(!is_asking(&harness));
    assert!(harness.query_by_label("保存调整").is_none());

    // A blank target added is nothing to lose: closed at once too.
    click_in_view(&mut harness, "修改条款…");
    click_in_view(&mut harness, "添加控制指标");
    click_in_view(&mut harness, "放弃修改");
    assert!(!is_asking(&harness));

    click_in_view(&mut harness, "修改条款…");
    click_in_view(&mut harness, "添加控制指标");
    crate::support::type_in_last(&mut harness, "指标", "渡口事故");
    click_in_view(&mut harness, "放弃修改");
    harness.get_by_label(DISCARD_QUESTION);
    click_in_view(&mut harness, "继续编辑");
    harness.get_by_label("保存调整");
    click_in_view(&mut harness, "放弃修改");
    answer_discard(&mut harness);
    assert!(harness.query_by_label("保存调整").is_none());
}
