//! Bonuses and deductions in the unit's detail: a deduction never keeps a bonus item, limits
//! refused, Enter in 事项 records the entry, a fixed-value item fills in its points, deleting
//! asks first, and an entry typed and not recorded waits with its unit.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::Points;
use zerenshu::ui::App;

use super::harness;

use crate::support::{type_at, type_into};

/// Opens 城关街道's detail in 2025 and chooses its provincial-award bonus item.
fn open_with_bonus_item(harness: &mut Harness<'_, App>) {
    harness.get_by_label("城关街道").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "加扣分项目")
        .click();
    harness.run();
    harness
        .get_by_label("获评省级安全发展示范或标准化示范称号\u{3000}最多加 1 分")
        .click();
    harness.run();
}

#[test]
fn switching_a_bonus_to_a_deduction_drops_the_bonus_item() {
    let mut harness = harness(2025);
    open_with_bonus_item(&mut harness);
    harness
        .get_by_role_and_label(Role::RadioButton, "扣分")
        .click();
    harness.run();
    // A deduction under （其他） is told what limits it.
    harness.get_by_label("规则外扣分：自填分值、理由，扣至 0 分为止");
    for (label, text) in [("分值", "1"), ("理由", "材料迟报")] {
        type_at(&mut harness, label, text);
    }
    harness.get_by_label("录入加扣分").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let adjustments = store.adjustments(2025).unwrap();
    let saved = adjustments
        .iter()
        .find(|a| a.agreement_id == agreement.id)
        .unwrap();
    assert_eq!(saved.kind, zerenshu::model::AdjustmentKind::Deduction);
    assert_eq!(saved.item_id, None, "no bonus item on a deduction");
    assert_eq!(saved.points, Points::whole(1));
}

/// Opens 城关街道's detail on a deduction.
fn open_deduction(harness: &mut Harness<'_, App>) {
    harness.get_by_label("城关街道").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "扣分")
        .click();
    harness.run();
}

#[test]
fn a_deduction_above_the_full_score_is_refused() {
    let mut harness = harness(2025);
    open_deduction(&mut harness);
    type_into(&mut harness, "分值", "200");
    type_into(&mut harness, "理由", "台账缺失");
    harness.get_by_label("录入加扣分").click();
    harness.run();
    harness.get_by_label_contains("扣分 200 分超过了本年度满分 100 分，请核对分值");
    let store = harness.state().store().unwrap();
    assert!(
        store.adjustments(2025).unwrap().is_empty(),
        "nothing stored"
    );
}

/// Enter in 事项 records the entry, as Enter in 分值 or 理由 does.
#[test]
fn enter_in_the_matter_records_the_entry() {
    let mut harness = harness(2025);
    open_deduction(&mut harness);
    type_into(&mut harness, "分值", "1");
    type_into(&mut harness, "理由", "台账缺失");
    type_into(&mut harness, "事项", "安全台账");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let store = harness.state().store().unwrap();
    let recorded = store.adjustments(2025).unwrap();
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    assert_eq!(recorded[0].reason, "台账缺失");
}

#[test]
fn a_fixed_value_deduction_item_fills_in_its_points() {
    let mut harness = harness(2025);
    open_deduction(&mut harness);
    harness
        .get_by_role_and_label(Role::ComboBox, "加扣分项目")
        .click();
    harness.run();
    // Offered with its points, as the bonus items whose names say theirs.
    harness
        .get_by_label("被上级通报批评（每次）\u{3000}每次扣 2 分，累计最多扣 6 分")
        .click();
    harness.run();
    let points = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::TextInput, "分值")
            .accesskit_node()
            .value()
    };
    assert_eq!(points(&harness).as_deref(), Some("2"));
    type_into(&mut harness, "理由", "市安委办通报第3期");
    harness.get_by_label("录入加扣分").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let saved: Vec<Points> = (store.adjustments(2025).unwrap().iter())
        .filter(|a| a.agreement_id == agreement.id)
        .map(|a| a.points)
        .collect();
    assert_eq!(saved, [Points::whole(2)]);
    // Ready for the next occurrence.
    assert_eq!(points(&harness).as_deref(), Some("2"));
}

#[test]
fn a_bonus_above_its_items_points_is_refused_and_a_matter_is_kept() {
    let mut harness = harness(2025);
    open_with_bonus_item(&mut harness);
    let fill = |harness: &mut Harness<'_, App>, fields: &[(&str, &str)]| {
        for (label, text) in fields {
            type_into(harness, label, text);
        }
    };
    fill(
        &mut harness,
        &[
            ("事项", "安全发展示范街道创建"),
            ("分值", "1.5"),
            ("理由", "获评省级示范"),
        ],
    );
    harness.get_by_label("录入加扣分").click();
    harness.run();
    harness.get_by_label_contains("每项最多 1 分，加分不能超过 1");
    let store = harness.state().store().unwrap();
    assert!(
        store.adjustments(2025).unwrap().is_empty(),
        "nothing stored"
    );

    harness
        .get_by_role_and_label(Role::TextInput, "分值")
        .focus();
    harness.run();
    for _ in 0..3 {
        harness.key_press(egui::Key::Backspace);
        harness.run();
    }
    harness
        .get_by_role_and_label(Role::TextInput, "分值")
        .type_text("1");
    harness.run();
    harness.get_by_label("录入加扣分").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let saved = store.adjustments(2025).unwrap().remove(0);
    assert_eq!(
        (saved.points, saved.matter.as_str()),
        (Points::whole(1), "安全发展示范街道创建")
    );
    harness.get_by_label_contains(
        "，获评省级安全发展示范或标准化示范称号；事项：安全发展示范街道创建；理由：获评省级示范",
    );
    // The same matter typed a character short would count apart: said as it is typed, in
    // the hint's line and whole under the buttons; the fields do not move meanwhile.
    let points_at = |harness: &Harness<'_, App>| {
        (harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "分值"))
            .rect()
            .top()
    };
    let before = points_at(&harness);
    type_into(&mut harness, "事项", "安全发展示范街创建");
    harness.run();
    let said = harness
        .get_all_by_label_contains(
            "同一事项请写成一样的：与已录入的“安全发展示范街道创建”只差一两个字",
        )
        .count();
    assert_eq!(said, 2);
    assert!(
        (points_at(&harness) - before).abs() < 0.5,
        "the fields stay put"
    );
}

#[test]
fn deleting_a_bonus_asks_first_naming_it() {
    let mut harness = harness(2025);
    open_with_bonus_item(&mut harness);
    for (label, text) in [("分值", "1"), ("理由", "获评省级示范")] {
        type_into(&mut harness, label, text);
    }
    // Under a rule the 事项 is asked for, and nothing is stored without it.
    harness.get_by_label("录入加扣分").click();
    harness.run();
    harness.get_by_label_contains("请填写加分事项");
    assert!(store_adjustments_empty(&harness));
    type_into(&mut harness, "事项", "示范街道创建");
    harness.get_by_label("录入加扣分").click();
    harness.run();
    let stored = |harness: &Harness<'_, App>| {
        (harness.state().store().unwrap().adjustments(2025).unwrap()).len()
    };
    assert_eq!(stored(&harness), 1);
    assert!(harness.state().toast_texts().any(|t| t == "已录入加扣分"));
    let question = "删除“获评省级安全发展示范或标准化示范称号”的加分 1 分？";
    // Asked first; 取消 keeps it.
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    harness.get_by_label(question);
    assert_eq!(stored(&harness), 1, "nothing deleted before the answer");
    harness.get_by_label("取消").click();
    harness.run();
    assert!(harness.query_by_label(question).is_none());
    assert_eq!(stored(&harness), 1);
    // Esc is 取消 too, and leaves the detail open.
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    harness.get_by_label(question);
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label(question).is_none());
    harness.get_by_label("关闭明细");
    assert_eq!(stored(&harness), 1);
    // Confirmed, it goes.
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    harness.get_by_label("确认删除").click();
    harness.run();
    assert!(harness.query_by_label(question).is_none());
    assert_eq!(stored(&harness), 0);
    assert!(harness.state().toast_texts().any(|t| t == "已删除加扣分"));
    harness.get_by_label("尚未录入加分或扣分");
    // The result was seen here: it does not follow the clerk to the next screen.
    harness.get_by_label("通报与统计").click();
    harness.run();
    assert_eq!(harness.state().toast_texts().count(), 0);
}

#[test]
fn an_entry_typed_and_not_recorded_comes_back_with_its_unit_and_clears_in_one_click() {
    let mut harness = harness(2025);
    open_with_bonus_item(&mut harness);
    let clear = |harness: &Harness<'_, App>| {
        !harness
            .get_by_role_and_label(Role::Button, "清空输入")
            .accesskit_node()
            .is_disabled()
    };
    // The item's own point, filled in by choosing it, is not typing to clear.
    assert_eq!(
        (harness.get_by_role_and_label(Role::TextInput, "分值"))
            .value()
            .as_deref(),
        Some("1")
    );
    assert!(!clear(&harness), "nothing typed, nothing to clear");
    type_into(&mut harness, "事项", "示范街道创建");
    harness.get_by_label("关闭明细").click();
    harness.run();
    // The unit is marked as holding an entry not recorded.
    harness.get_by_label("城关街道 *").click();
    harness.run();
    let text = |harness: &Harness<'_, App>, label: &str| {
        (harness.get_by_role_and_label(Role::TextInput, label))
            .value()
            .unwrap_or_default()
    };
    assert_eq!(text(&harness, "事项"), "示范街道创建", "kept with its unit");
    assert!(clear(&harness));
    harness.get_by_label("清空输入").click();
    harness.run();
    assert_eq!(text(&harness, "事项"), "");
    assert_eq!(text(&harness, "分值"), "1", "the item's own point stays");
    assert!(!clear(&harness));
    // The keyboard stays in the form, in the first field to type in again.
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "事项")
            .is_focused()
    );
    assert!(store_adjustments_empty(&harness), "nothing recorded");
    harness.get_by_label("城关街道");
}

fn store_adjustments_empty(harness: &Harness<'_, App>) -> bool {
    (harness.state().store().unwrap().adjustments(2025).unwrap()).is_empty()
}

/// Space on a focused 加分/扣分 choice chooses it, as Enter does.
#[test]
fn space_chooses_the_kind_of_entry_from_the_keyboard() {
    let mut harness = harness(2025);
    harness.get_by_label("城关街道").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "扣分")
        .focus();
    harness.run();
    harness.key_press(egui::Key::Space);
    harness.run();
    let deduction = harness.get_by_role_and_label(Role::RadioButton, "扣分");
    assert_eq!(
        deduction.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}
