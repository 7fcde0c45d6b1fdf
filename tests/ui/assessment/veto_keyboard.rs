//! A veto in the unit detail from the keyboard: refused for its reason (after keys or a mouse
//! click) the keyboard goes to the reason; recorded and lifted without the mouse.

use super::detail_keyboard::{
    assert_focused, click_button, first_town_detail, focused, key, press_by_keyboard, type_here,
};
use super::{harness, town_grid};
use crate::support::choose;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::App;

#[test]
fn a_veto_refused_for_its_reason_puts_the_keyboard_in_the_reason() {
    let mut harness = harness(2025);
    let (rows, _) = town_grid(&harness);
    harness
        .get_by_role_and_label(Role::Link, &rows[0].1)
        .click();
    harness.run();
    choose(&mut harness, "否决条件", "其他（在理由中写明）");
    press_by_keyboard(&mut harness, "一票否决");
    harness.get_by_label("一票否决必须写明理由");
    let reason = harness.get_by_role_and_label(Role::MultilineTextInput, "否决理由");
    assert!(reason.is_focused(), "the keyboard is in 否决理由");
    reason.type_text("瞒报一起事故");
    harness.run();
    // Tab from the reason reaches the button again; Enter records the veto.
    key(&mut harness, egui::Key::Tab);
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "一票否决")
            .is_focused()
    );
    key(&mut harness, egui::Key::Enter);
    harness
        .get_by_role_and_label(Role::Button, "确认否决")
        .click();
    harness.run();
    harness.get_by_label(&format!("{} 等次：不合格", rows[0].1));
}

#[test]
fn a_veto_refused_for_its_reason_after_a_mouse_click_puts_the_keyboard_in_the_reason() {
    let mut harness = first_town_detail();
    // Choosing 其他 brings no lines of its own: the button stays under the pointer.
    let button = harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .rect();
    choose(&mut harness, "否决条件", "其他（在理由中写明）");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::Button, "一票否决")
            .rect(),
        button
    );
    click_button(&mut harness, "一票否决");
    harness.get_by_label("一票否决必须写明理由");
    assert_focused(&harness, Role::MultilineTextInput, "否决理由");
}

/// A veto from the keyboard alone: the refusal goes to the condition and leaves once one is
/// chosen; a condition chosen with Enter passes the keyboard to the reason; the question
/// starts on its button, so Enter confirms; then 撤销否决 has the keyboard, whose question
/// starts on 取消 (Enter pressed on does not lift the veto just recorded); lifting puts the
/// keyboard back on the condition, with the lifted veto's condition and reason typed in.
#[test]
fn a_veto_is_recorded_and_lifted_from_the_keyboard_alone() {
    let mut harness = harness(2025);
    let (rows, _) = town_grid(&harness);
    let unit = rows[0].1.clone();
    harness.get_by_role_and_label(Role::Link, &unit).click();
    harness.run();
    press_by_keyboard(&mut harness, "一票否决");
    harness.get_by_label_contains("请选择否决条件");
    assert_eq!(focused(&harness), ["否决条件"], "the refusal's field");
    // Space opens the list, ↓ goes to its first condition, Enter takes it.
    key(&mut harness, egui::Key::Space);
    key(&mut harness, egui::Key::ArrowDown);
    key(&mut harness, egui::Key::Enter);
    harness.run();
    assert!(
        harness.query_by_label_contains("请选择否决条件").is_none(),
        "the refusal went with the choice"
    );
    assert_eq!(
        focused(&harness),
        ["否决条件"],
        "the list keeps the keyboard"
    );
    key(&mut harness, egui::Key::Tab);
    assert_eq!(focused(&harness), ["否决理由"], "Tab goes on to the reason");
    type_here(&mut harness, "复核发现瞒报一起事故");
    key(&mut harness, egui::Key::Tab);
    assert_eq!(focused(&harness), ["一票否决"]);
    key(&mut harness, egui::Key::Enter);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "确认否决");
    assert_eq!(
        focused(&harness),
        ["确认否决"],
        "the question starts on its button"
    );
    key(&mut harness, egui::Key::Enter);
    harness.run();
    harness.run();
    let vetoes =
        |harness: &Harness<'_, App>| harness.state().store().unwrap().vetoes(2025).unwrap().len();
    assert_eq!(vetoes(&harness), 1, "recorded by Enter");
    assert_eq!(
        focused(&harness),
        ["撤销否决"],
        "the keyboard stays in the panel"
    );
    key(&mut harness, egui::Key::Enter);
    harness.run();
    assert_eq!(focused(&harness), ["取消"], "lifting starts on 取消");
    key(&mut harness, egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(vetoes(&harness), 1, "Enter again kept the veto");
    assert_eq!(focused(&harness), ["撤销否决"]);
    key(&mut harness, egui::Key::Enter);
    harness.run();
    key(&mut harness, egui::Key::Tab);
    assert_eq!(focused(&harness), ["确认撤销"]);
    key(&mut harness, egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(vetoes(&harness), 0, "lifted by 确认撤销");
    assert_eq!(focused(&harness), ["否决条件"]);
    // The lifted veto's reason stays typed in, to record it again if lifted by mistake.
    let reason = harness.get_by_role_and_label(Role::MultilineTextInput, "否决理由");
    assert_eq!(reason.value().as_deref(), Some("复核发现瞒报一起事故"));
}
