//! The unit form from the keyboard and quick clicks: Ctrl+S, Ctrl+N, Ctrl+F, a kind chosen
//! with keys, the keyboard going back to its opener, double clicks on 保存, quick 取消.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::{demo_store, demo_window, queue_click, retype};
use crate::unit_form::new_department;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::{App, UiState};

/// Presses and releases the mouse at `pos` within one frame, with no other frame run.
fn click_in_one_frame(harness: &mut Harness<'_, App>, pos: egui::Pos2) {
    queue_click(harness, pos);
    harness.step();
}

#[test]
fn a_double_click_on_save_does_not_open_the_unit_under_the_button() {
    let store = demo_store();
    // Frames a tenth of a second apart, as a window draws them after a click.
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .with_step_dt(0.1)
        .build_eframe(move |cc| {
            zerenshu::fonts::install(&cc.egui_ctx);
            App::with_store(Ok(store), UiState::default())
        });
    harness.run();
    crate::support::edit_unit(&mut harness, "城关街道办事处");
    retype(&mut harness, "联系人", "甲某");
    let save = harness.get_by_label("保存").rect().center();
    // The first click saves and closes the form, the window draws the list again, and the
    // second click, a fifth of a second later, falls on the list where the button was.
    click_in_one_frame(&mut harness, save);
    harness.step();
    click_in_one_frame(&mut harness, save);
    harness.run();
    harness.get_by_label_contains("已保存单位");
    assert!(
        harness.query_by_label("保存").is_none(),
        "no unit's form opened under the button"
    );
}

#[test]
fn a_quick_click_on_cancel_asks_over_the_form_and_the_answer_is_taken() {
    let mut harness = demo_window();
    crate::support::edit_unit(&mut harness, "城关街道办事处");
    retype(&mut harness, "联系人", "柏闻溪");
    // Asked once and answered 继续编辑, then the form clicked (which raises it): asked again,
    // the question must come above the form, not stay where it was the first time.
    harness.get_by_label("取消").click();
    harness.run();
    harness.get_by_label("继续编辑").click();
    harness.run();
    let field = harness
        .get_by_role_and_label(Role::TextInput, "联系人")
        .rect()
        .center();
    queue_click(&mut harness, field);
    harness.run();
    let cancel = harness.get_by_label("取消").rect().center();
    queue_click(&mut harness, cancel);
    harness.run();
    let discard = harness.get_by_label("放弃修改").rect().center();
    queue_click(&mut harness, discard);
    harness.run();
    assert!(
        harness.query_by_label("编辑单位").is_none(),
        "the answer closed the form"
    );
}

#[test]
fn ctrl_s_saves_the_unit_form_as_the_editors_do() {
    let mut harness = demo_window();
    new_department(&mut harness, "示例市档案馆");
    crate::support::choose(&mut harness, "考核类别", "三类");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    harness.run();
    let store = harness.state().store().unwrap();
    assert!(
        (store.units().unwrap().iter()).any(|u| u.fields.name == "示例市档案馆"),
        "Ctrl+S saved the form"
    );
}

#[test]
fn a_kind_chosen_with_the_keyboard_closes_its_list_and_tab_goes_on() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "单位类型")
        .focus();
    harness.run();
    // Esc on the open list closes the list only: the dialog stays, the keyboard on the field.
    harness.key_press(egui::Key::Space);
    harness.run();
    assert!(egui::Popup::is_any_open(&harness.ctx), "the list is open");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(!egui::Popup::is_any_open(&harness.ctx), "the list closed");
    let kind = harness.get_by_role_and_label(Role::ComboBox, "单位类型");
    assert!(kind.is_focused(), "the keyboard still on the field");
    harness.key_press(egui::Key::Space);
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    let kind = harness.get_by_role_and_label(Role::ComboBox, "单位类型");
    assert_ne!(kind.value().as_deref(), Some("请选择"), "a kind chosen");
    assert!(kind.is_focused(), "the keyboard back on the field");
    // Opened again, the list starts on the kind chosen: one ↓ is the next kind.
    let chosen = kind.value().unwrap();
    let labels: Vec<&str> = zerenshu::model::UnitKind::ALL
        .iter()
        .map(|k| k.label())
        .collect();
    let at = labels.iter().position(|l| *l == chosen).unwrap();
    for key in [egui::Key::Space, egui::Key::ArrowDown, egui::Key::Enter] {
        harness.key_press(key);
        harness.run();
    }
    harness.run();
    let kind = harness.get_by_role_and_label(Role::ComboBox, "单位类型");
    assert_eq!(kind.value().as_deref(), Some(labels[at + 1]), "one step on");
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .is_focused(),
        "Tab goes on to the next field"
    );
}

/// A dialog opened from the keyboard gives the keyboard back to its button when it closes, so
/// that Tab goes on from there rather than from the top of the window.
#[test]
fn the_keyboard_goes_back_to_the_button_that_opened_the_form() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "单位名称");
    harness.key_press(egui::Key::Escape);
    for _ in 0..3 {
        harness.run();
    }
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "单位名称")
            .is_none()
    );
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("新建单位…")
    );
}

/// Ctrl+N opens 新建单位 (not again over it); Ctrl+F goes to 搜索.
#[test]
fn ctrl_n_opens_a_new_unit_and_ctrl_f_goes_to_the_search() {
    let mut harness = demo_window();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    harness.get_by_label("新建单位");
    // Pressed again over the form: the name typed stays, no second form replaces it.
    retype(&mut harness, "单位名称", "示例市档案馆");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::N);
    harness.run();
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "单位名称")
            .value()
            .as_deref(),
        Some("示例市档案馆")
    );
    // Ctrl+F under the form leaves the keyboard in it.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(
        !harness
            .get_by_role_and_label(Role::TextInput, "搜索")
            .is_focused()
    );
    harness.get_by_label("取消").click();
    harness.run();
    crate::support::answer_discard(&mut harness);
    assert!(harness.query_by_label("新建单位").is_none());
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "搜索")
            .is_focused()
    );
}
