//! The unit's detail from the keyboard: recording an adjustment puts the keyboard back in 事项
//! and Tab stays in the detail; a refusal, by keyboard or mouse, puts the keyboard in the field
//! it is about (the value, the missing reason); Esc closes a dropdown and keeps the keyboard on it, and with none open
//! closes the detail and gives the keyboard back to the cell or name it was opened from.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{AdjustmentKind, Points};
use zerenshu::ui::App;

use super::{harness, saved, town_grid};

use crate::support::type_into;

/// Presses a button of the detail from the keyboard: focus, then Enter.
pub(super) fn press_by_keyboard(harness: &mut Harness<'_, App>, button: &str) {
    harness.get_by_role_and_label(Role::Button, button).focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// The labels of the controls that have the keyboard.
pub(super) fn focused(harness: &Harness<'_, App>) -> Vec<String> {
    harness
        .query_all_by(|node: &egui_kittest::kittest::AccessKitNode<'_>| node.is_focused())
        .filter_map(|node| node.accesskit_node().label())
        .collect()
}

pub(super) fn key(harness: &mut Harness<'_, App>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

/// F3 on a unit with entries puts the keyboard on a new entry (加分), not on the first entry's
/// 修改, where Enter would load it to change.
#[test]
fn the_detail_opened_from_the_keyboard_starts_on_a_new_entry() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let unit = &rows[0].1;
    harness.get_by_role_and_label(Role::Link, unit).click();
    harness.run();
    type_into(&mut harness, "分值", "1");
    type_into(&mut harness, "理由", "组织全街道应急演练");
    press_by_keyboard(&mut harness, "录入加扣分");
    harness.get_by_label("关闭明细").click();
    harness.run();
    harness
        .get_by_label(&format!("{unit} {} 考核", indicators[0].1))
        .focus();
    harness.run();
    key(&mut harness, egui::Key::F3);
    key(&mut harness, egui::Key::Enter);
    assert_eq!(focused(&harness), ["加分"]);
    harness.get_by_role_and_label(Role::Button, "修改");
    let store = harness.state().store().unwrap();
    assert_eq!(store.adjustments(2025).unwrap().len(), 1);
}

#[test]
fn recording_an_adjustment_puts_the_keyboard_in_matter_and_tab_stays_in_the_detail() {
    let mut harness = harness(2025);
    let (rows, _) = town_grid(&harness);
    let unit = &rows[0].1;
    harness.get_by_role_and_label(Role::Link, unit).click();
    harness.run();
    type_into(&mut harness, "事项", "应急演练");
    type_into(&mut harness, "分值", "1");
    type_into(&mut harness, "理由", "组织全街道应急演练");
    press_by_keyboard(&mut harness, "录入加扣分");
    let store = harness.state().store().unwrap();
    let stored = store.adjustments(2025).unwrap();
    assert_eq!(stored.len(), 1, "recorded");
    harness.get_by_label_contains("事项：应急演练；理由：组织全街道应急演练");
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "事项")
            .is_focused(),
        "事项 has the keyboard for the next entry"
    );
    key(&mut harness, egui::Key::Tab);
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "分值")
            .is_focused(),
        "Tab goes on to 分值, not to the top of the window"
    );

    // A refused value adds a message above the detail; the keyboard goes to the value.
    type_into(&mut harness, "分值", "abc");
    type_into(&mut harness, "理由", "再次演练");
    press_by_keyboard(&mut harness, "录入加扣分");
    harness.get_by_label_contains("加扣分的分值：");
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "分值")
            .is_focused(),
        "the refused value has the keyboard"
    );
    // From the button, Tab goes on to 清空输入 beside it, then to the veto, not to the top of the window.
    harness
        .get_by_role_and_label(Role::Button, "录入加扣分")
        .focus();
    harness.run();
    key(&mut harness, egui::Key::Tab);
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "清空输入")
            .is_focused()
    );
    key(&mut harness, egui::Key::Tab);
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "否决条件")
            .is_focused(),
        "Tab goes on to the veto, not to the top of the window"
    );
    assert_eq!(
        harness
            .state()
            .store()
            .unwrap()
            .adjustments(2025)
            .unwrap()
            .len(),
        1
    );
}

/// Tabs through the open detail to the rule item's dropdown.
fn tab_to_rule_item(harness: &mut Harness<'_, App>) {
    let is_there = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::ComboBox, "加扣分项目")
            .is_focused()
    };
    for _ in 0..10 {
        if is_there(harness) {
            break;
        }
        key(harness, egui::Key::Tab);
    }
    assert!(is_there(harness), "Tab reaches 加扣分项目");
}

#[test]
fn esc_closes_a_dropdown_then_the_detail_and_the_keyboard_goes_back_to_the_cell() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let unit = &rows[0].1;
    let heading = format!("{unit}：加扣分、一票否决与说明");
    let cell = format!("{unit} {} 考核", indicators[2].1);
    harness.get_by_label(&cell).focus();
    harness.run();
    key(&mut harness, egui::Key::F3);
    harness.get_by_label(&heading);
    // Tab to the rule item's dropdown and open it from the keyboard.
    tab_to_rule_item(&mut harness);
    key(&mut harness, egui::Key::Enter);
    harness.get_by_label("获评省级安全发展示范或标准化示范称号\u{3000}最多加 1 分");
    key(&mut harness, egui::Key::Escape);
    assert!(
        harness
            .query_by_label("获评省级安全发展示范或标准化示范称号\u{3000}最多加 1 分")
            .is_none(),
        "the dropdown is closed"
    );
    harness.get_by_label(&heading);
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "加扣分项目")
            .is_focused(),
        "the dropdown keeps the keyboard"
    );
    // With no dropdown open, Esc closes the detail: back in the cell, typing replaces it.
    key(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label(&heading).is_none(), "closed");
    let node = harness.get_by_label(&cell);
    assert!(node.is_focused(), "back in {cell}");
    node.type_text("3");
    harness.run();
    key(&mut harness, egui::Key::Enter);
    assert_eq!(
        saved(&harness, rows[0].0, indicators[2].0),
        Some(Points::whole(3))
    );
}

#[test]
fn after_saving_a_note_esc_goes_back_to_the_cell_and_the_name_gets_the_keyboard_after_a_click() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let unit = &rows[1].1;
    let heading = format!("{unit}：加扣分、一票否决与说明");
    let cell = format!("{unit} {} 自评", indicators[1].1);
    harness.get_by_label(&cell).focus();
    harness.run();
    key(&mut harness, egui::Key::F2);
    let note = harness.get_by_role_and_label(Role::MultilineTextInput, "说明");
    assert!(note.is_focused());
    note.type_text("台账齐全");
    harness.run();
    key(&mut harness, egui::Key::Tab);
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "保存说明")
            .is_focused()
    );
    key(&mut harness, egui::Key::Enter);
    harness.get_by_label(&format!("{unit} {} 说明", indicators[1].1));
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "保存说明")
            .is_focused(),
        "the button keeps the keyboard once the note is saved"
    );
    key(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label(&heading).is_none());
    assert!(harness.get_by_label(&cell).is_focused(), "back in {cell}");

    // Opened by a click, Esc in a field closes the detail and the unit's name has the keyboard;
    // what was typed is there again when the detail opens again.
    harness.get_by_role_and_label(Role::Link, unit).click();
    harness.run();
    type_into(&mut harness, "理由", "材料迟报");
    key(&mut harness, egui::Key::Escape);
    assert!(harness.query_by_label(&heading).is_none());
    // Marked as holding an entry not recorded.
    let marked = format!("{unit} *");
    assert!(
        harness
            .get_by_role_and_label(Role::Link, &marked)
            .is_focused(),
        "{unit} has the keyboard"
    );
    key(&mut harness, egui::Key::Enter);
    harness.get_by_label(&heading);
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "理由")
            .value()
            .as_deref(),
        Some("材料迟报")
    );
}

#[test]
fn f3_puts_the_keyboard_in_the_details_first_field_not_on_its_close_button() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    harness
        .get_by_label(&format!("{} {} 考核", rows[0].1, indicators[0].1))
        .focus();
    harness.run();
    key(&mut harness, egui::Key::F3);
    harness.run();
    let focused = focused(&harness);
    assert!(!focused.iter().any(|l| l == "关闭明细"), "{focused:?}");
    assert_eq!(focused, ["加分"], "{focused:?}");
}

#[test]
fn tab_from_the_details_last_control_comes_round_to_its_first_field() {
    let mut harness = harness(2025);
    let (rows, _) = town_grid(&harness);
    harness
        .get_by_role_and_label(Role::Link, &rows[0].1)
        .click();
    harness.run();
    // With no indicator chosen, the indicator is the last control (说明 waits for it).
    harness
        .get_by_role_and_label(Role::ComboBox, "指标")
        .focus();
    harness.run();
    key(&mut harness, egui::Key::Tab);
    assert_eq!(focused(&harness), ["加分"], "not the year at the top");
    // Shift+Tab still goes back.
    harness
        .get_by_role_and_label(Role::ComboBox, "指标")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    assert_ne!(focused(&harness), ["加分"]);
    // With an entry recorded, it comes round to the entry's 修改 and 删除 first, then to 加分.
    type_into(&mut harness, "事项", "应急演练");
    type_into(&mut harness, "分值", "1");
    type_into(&mut harness, "理由", "组织全街道应急演练");
    press_by_keyboard(&mut harness, "录入加扣分");
    harness
        .get_by_role_and_label(Role::ComboBox, "指标")
        .focus();
    harness.run();
    key(&mut harness, egui::Key::Tab);
    assert_eq!(focused(&harness), ["修改"]);
    key(&mut harness, egui::Key::Tab);
    assert_eq!(focused(&harness), ["删除"]);
    key(&mut harness, egui::Key::Tab);
    assert_eq!(focused(&harness), ["加分"]);
    // Deleted from the keyboard, the entry's buttons gone, the keyboard goes to a new entry.
    press_by_keyboard(&mut harness, "删除");
    harness.get_by_label("确认删除").click();
    harness.run();
    harness.run();
    let store = harness.state().store().unwrap();
    assert!(store.adjustments(2025).unwrap().is_empty());
    assert_eq!(focused(&harness), ["加分"]);
}

#[test]
fn a_rule_item_picked_from_the_keyboard_keeps_the_keyboard_and_tab_goes_on_to_the_matter() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let unit = &rows[0].1;
    let cell = format!("{unit} {} 考核", indicators[2].1);
    harness.get_by_label(&cell).focus();
    harness.run();
    key(&mut harness, egui::Key::F3);
    tab_to_rule_item(&mut harness);
    // Open the list (the keyboard on the current choice, （其他）), go down to the first rule
    // item and take it.
    key(&mut harness, egui::Key::Enter);
    key(&mut harness, egui::Key::ArrowDown);
    key(&mut harness, egui::Key::Enter);
    let chosen = harness
        .get_by_role_and_label(Role::ComboBox, "加扣分项目")
        .value();
    assert!(
        chosen.is_some_and(|item| item.starts_with("经验做法被推广或表彰")),
        "the item is taken"
    );
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "加扣分项目")
            .is_focused(),
        "the list keeps the keyboard, as every list does"
    );
    key(&mut harness, egui::Key::Tab);
    let matter = harness.get_by_role_and_label(Role::TextInput, "事项");
    assert!(matter.is_focused(), "Tab goes on to 事项");
    matter.type_text("省级示范");
    harness.run();
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "事项")
            .value()
            .as_deref(),
        Some("省级示范")
    );
}

#[test]
fn an_adjustment_refused_for_its_reason_after_a_mouse_click_puts_the_keyboard_in_the_reason() {
    let mut harness = first_town_detail();
    let close = harness.get_by_label("关闭明细").rect();
    type_into(&mut harness, "分值", "2");
    click_button(&mut harness, "录入加扣分");
    harness.get_by_label("加分或扣分必须写明理由");
    assert_focused(&harness, Role::TextInput, "理由");
    // Said beside the heading, which stays, as 关闭明细 does.
    harness.get_by_label_contains("加扣分、一票否决与说明");
    assert_eq!(harness.get_by_label("关闭明细").rect(), close);
    type_into(&mut harness, "分值", "0");
    click_button(&mut harness, "录入加扣分");
    assert_focused(&harness, Role::TextInput, "分值");
}

#[test]
fn a_recorded_adjustment_is_changed_in_place_with_its_edit_button() {
    let mut harness = first_town_detail();
    type_into(&mut harness, "事项", "应急演练");
    type_into(&mut harness, "分值", "1");
    type_into(&mut harness, "理由", "组织全街道应急演练");
    press_by_keyboard(&mut harness, "录入加扣分");
    harness.get_by_role_and_label(Role::Button, "修改").click();
    harness.run();
    // Loaded into the form: the keyboard in 分值, the button says what it does.
    let points = harness.get_by_role_and_label(Role::TextInput, "分值");
    assert_eq!(points.value().as_deref(), Some("1"));
    assert!(points.is_focused());
    crate::support::retype(&mut harness, "理由", "组织全街道防汛应急演练");
    click_button(&mut harness, "保存修改");
    harness.run();
    let store = harness.state().store().unwrap();
    let stored = store.adjustments(2025).unwrap();
    assert_eq!(stored.len(), 1, "changed, not added");
    assert_eq!(stored[0].reason, "组织全街道防汛应急演练");
    assert_eq!(store.audit_entries(1).unwrap()[0].action, "修改加减分");
    // Back to a new entry's form.
    harness.get_by_role_and_label(Role::Button, "录入加扣分");
    // 取消修改 leaves the entry as it is.
    harness.get_by_role_and_label(Role::Button, "修改").click();
    harness.run();
    crate::support::retype(&mut harness, "理由", "不要保存");
    click_button(&mut harness, "取消修改");
    let stored = harness.state().store().unwrap().adjustments(2025).unwrap();
    assert_eq!(stored[0].reason, "组织全街道防汛应急演练");
    harness.get_by_role_and_label(Role::Button, "录入加扣分");
    // Saved as it was: nothing written, and said so, not "已修改".
    let entries = harness
        .state()
        .store()
        .unwrap()
        .audit_entries(100)
        .unwrap()
        .len();
    harness.get_by_role_and_label(Role::Button, "修改").click();
    harness.run();
    click_button(&mut harness, "保存修改");
    harness.run();
    assert!(
        (harness.state().toast_texts()).any(|t| t.starts_with("加扣分没有改动，未保存；")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    let after = harness
        .state()
        .store()
        .unwrap()
        .audit_entries(100)
        .unwrap()
        .len();
    assert_eq!(after, entries);
}

/// The 2025 grid with the first town's detail open.
pub(super) fn first_town_detail() -> Harness<'static, App> {
    let mut harness = harness(2025);
    let (rows, _) = town_grid(&harness);
    harness
        .get_by_role_and_label(Role::Link, &rows[0].1)
        .click();
    harness.run();
    harness
}

/// Clicks the button labelled `label` with the mouse.
pub(super) fn click_button(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_role_and_label(Role::Button, label).click();
    harness.run();
}

/// Asserts that the control of `role` labelled `label` has the keyboard.
pub(super) fn assert_focused(harness: &Harness<'_, App>, role: Role, label: &str) {
    let control = harness.get_by_role_and_label(role, label);
    assert!(
        control.is_focused(),
        "the keyboard is in {label}: {:?}",
        focused(harness)
    );
}

/// Types `text` into the widget that has the keyboard.
pub(super) fn type_here(harness: &mut Harness<'_, App>, text: &str) {
    harness.event(egui::Event::Text(text.to_owned()));
    harness.run();
}

/// Esc in a cell drops what was typed; with nothing typed it closes the detail under the grid,
/// the keyboard staying in the cell.
#[test]
fn esc_in_a_cell_with_nothing_typed_closes_the_detail() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[0].1, indicators[0].1);
    harness.get_by_label(&cell).focus();
    harness.run();
    key(&mut harness, egui::Key::F3);
    harness.run();
    harness.get_by_label_contains("加扣分、一票否决与说明");
    harness.get_by_label(&cell).focus();
    harness.run();
    type_here(&mut harness, "5");
    key(&mut harness, egui::Key::Escape);
    harness.run();
    harness.get_by_label_contains("加扣分、一票否决与说明");
    assert_eq!(
        harness.get_by_label(&cell).value().as_deref(),
        Some(""),
        "dropped"
    );
    key(&mut harness, egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("加扣分、一票否决与说明")
            .is_none(),
        "closed"
    );
    assert!(harness.get_by_label(&cell).is_focused());
}

/// Tab into a long list of entries brings the entry with the keyboard into the list's sight
/// (the list shows its newest at the bottom; the first entries start above it).
#[test]
fn tab_into_a_long_list_of_entries_scrolls_the_entry_into_sight() {
    let mut store = crate::support::demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    store
        .write(|w| {
            for n in 1..=20 {
                w.add_adjustment(
                    &zerenshu::model::Adjustment {
                        id: 0,
                        agreement_id: agreement.id,
                        item_id: None,
                        kind: AdjustmentKind::Deduction,
                        points: Points::whole(1),
                        reason: format!("第 {n} 次检查发现台账缺失"),
                        matter: String::new(),
                    },
                    None,
                )?;
            }
            Ok(())
        })
        .unwrap();
    let mut harness = crate::support::window(
        Ok(store),
        crate::support::showing(zerenshu::ui::View::Assessment, 2025),
        [1280.0, 800.0],
    );
    let (rows, _) = town_grid(&harness);
    harness
        .get_by_role_and_label(Role::Link, &rows[0].1)
        .click();
    harness.run();
    let heading = harness.get_by_label("已录入的加扣分").rect();
    let first = harness
        .get_all_by_role_and_label(Role::Button, "修改")
        .next()
        .unwrap()
        .rect();
    assert!(
        first.top() < heading.bottom(),
        "the first entry starts out of sight: {first:?} {heading:?}"
    );
    // By Tab, as the clerk goes: from the form's last field round to the entries.
    harness
        .get_by_role_and_label(Role::TextInput, "理由")
        .focus();
    harness.run();
    for _ in 0..12 {
        if crate::support::keyboard_on(&harness).as_deref() == Some("修改") {
            break;
        }
        harness.key_press(egui::Key::Tab);
        harness.run();
    }
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("修改")
    );
    let rect = crate::support::focused_rect(&harness);
    assert!(rect.top() >= heading.bottom(), "{rect:?} under {heading:?}");
}
