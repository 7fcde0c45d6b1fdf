//! The operator's name in 设置 → 常规: a login without one pointed to where it is given, saved
//! with Enter and a typed one put back, one typed and not saved asked about before leaving.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};

use crate::settings::harness;
use crate::support::{click, retype};

#[test]
fn a_login_without_a_name_is_pointed_to_where_it_is_given() {
    let mut harness = harness();
    let link = "操作记录中的操作员为";
    harness.get_by_label_contains(link).click();
    harness.run();
    retype(&mut harness, "操作员姓名", "柏闻溪");
    click(&mut harness, "保存操作员");
    assert_eq!(harness.state().store().unwrap().operator(), "柏闻溪");
    assert!(
        harness.query_by_label_contains(link).is_none(),
        "gone once the name is given"
    );
}

#[test]
fn an_operator_name_is_saved_with_enter_and_a_typed_one_can_be_put_back() {
    let mut harness = harness();
    harness
        .get_by_label_contains("操作记录中的操作员为")
        .click();
    harness.run();
    let stored = harness.state().store().unwrap().operator().to_string();
    retype(&mut harness, "操作员姓名", "柏闻溪");
    click(&mut harness, "还原");
    assert_eq!(
        harness.get_by_label("操作员姓名").value().as_deref(),
        Some(stored.as_str())
    );
    retype(&mut harness, "操作员姓名", "柏闻溪");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().store().unwrap().operator(), "柏闻溪");
    // Saved, and nothing typed since: nothing to save.
    assert!(save_is_greyed(&harness));
    // Emptied, it is refused beside the field, which keeps the keyboard; nothing is saved.
    empty_the_name(&mut harness);
    harness.get_by_label("操作员姓名不能为空；不想改时点“还原”");
    assert!(save_is_greyed(&harness));
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert!(harness.get_by_label("操作员姓名").is_focused());
    assert_eq!(harness.state().store().unwrap().operator(), "柏闻溪");
    // The demo history's own name is refused beside the field too, not first on saving.
    harness.get_by_label("操作员姓名").type_text("示例数据");
    harness.run();
    harness.get_by_label_contains("是示例数据的操作记录所用的名称，不能用作操作员姓名");
    assert!(save_is_greyed(&harness));
    empty_the_name(&mut harness);
    harness.get_by_label("操作员姓名").type_text("柏闻");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(harness.state().store().unwrap().operator(), "柏闻");
}

#[test]
fn an_operator_name_typed_and_not_saved_is_asked_about_before_leaving() {
    let mut harness = harness();
    harness
        .get_by_label_contains("操作记录中的操作员为")
        .click();
    harness.run();
    retype(&mut harness, "操作员姓名", "柏闻溪");
    harness.get_by_role_and_label(Role::Button, "单位").click();
    harness.run();
    harness.get_by_label("尚未保存：操作员姓名");
    click(&mut harness, "继续编辑");
    click(&mut harness, "保存操作员");
    assert_eq!(harness.state().store().unwrap().operator(), "柏闻溪");
    harness.get_by_role_and_label(Role::Button, "单位").click();
    harness.run();
    assert!(harness.query_by_label("尚未保存：操作员姓名").is_none());
}

/// True when 保存操作员 is greyed.
fn save_is_greyed(harness: &egui_kittest::Harness<'_, zerenshu::ui::App>) -> bool {
    harness
        .get_by_role_and_label(Role::Button, "保存操作员")
        .accesskit_node()
        .is_disabled()
}

/// Empties the 操作员姓名 field from the keyboard.
fn empty_the_name(harness: &mut egui_kittest::Harness<'_, zerenshu::ui::App>) {
    harness.get_by_label("操作员姓名").focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
}
