//! Values in the grid and the detail: a bonus that does not count is marked and the cap
//! named; full-width digits and stops are read as plain ones, in the grid and in 分值; a note and
//! a value typed in the same cell are both kept.

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::{AdjustmentKind, Points};

use super::detail_keyboard::key;
use super::{harness, saved, town_grid};

use crate::support::{type_cell, type_into};

#[test]
fn a_bonus_that_does_not_count_is_marked_and_the_cap_is_named() {
    // 2024: 城关街道 has 2 and 0.5 for the same practice under one rule, and 1 under another.
    let mut harness_2024 = harness(2024);
    harness_2024
        .get_by_role_and_label(Role::Link, "城关街道")
        .click();
    harness_2024.run();
    let marks = harness_2024
        .query_all_by_label("不计入：同一事项只计最高一次")
        .count();
    assert_eq!(marks, 1, "only the 0.5 of 网格化隐患排查 is not counted");
    assert!(
        harness_2024
            .query_by_label_contains("超过本年度加分上限")
            .is_none()
    );

    // 2025: a bonus of ６ (typed full-width) under no rule goes over the cap of 5.
    let mut harness = harness(2025);
    harness
        .get_by_role_and_label(Role::Link, "城关街道")
        .click();
    harness.run();
    type_into(&mut harness, "分值", "６");
    type_into(&mut harness, "理由", "特别贡献");
    harness.get_by_label("录入加扣分").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let stored = store.adjustments(2025).unwrap().remove(0);
    assert_eq!(
        (stored.kind, stored.points),
        (AdjustmentKind::Bonus, Points::whole(6))
    );
    harness.get_by_label("加分合计 6 分，超过本年度加分上限 5 分，按 5 分计入总分");
}

#[test]
fn full_width_digits_and_stops_are_accepted_in_a_cell() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[0].1, indicators[0].1);
    type_cell(&mut harness, &cell, "5。5");
    assert_eq!(
        saved(&harness, rows[0].0, indicators[0].0),
        Some(Points(550))
    );
    type_cell(&mut harness, &cell, "４．２５");
    assert_eq!(
        saved(&harness, rows[0].0, indicators[0].0),
        Some(Points(425))
    );
    assert!(harness.query_by_label_contains("已保留原值").is_none());
}

#[test]
fn a_note_typed_and_a_value_typed_in_the_same_cell_are_both_kept() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let (agreement_id, unit) = &rows[2];
    let (indicator_id, indicator) = &indicators[1];
    harness
        .get_by_label(&format!("{unit} {indicator} 自评"))
        .focus();
    harness.run();
    key(&mut harness, egui::Key::F2);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "说明")
        .type_text("台账齐全");
    harness.run();
    // The note is not saved yet when the clerk types 3 in the cell's other half and goes on
    // to the next row: the note is saved on the way, and the 3 must not be undone by it.
    type_cell(&mut harness, &format!("{unit} {indicator} 考核"), "3");
    let store = harness.state().store().unwrap();
    let score = store
        .scores(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == *agreement_id && s.indicator_id == *indicator_id)
        .unwrap();
    assert_eq!(score.note, "台账齐全");
    assert_eq!(score.assessed_score, Some(Points::whole(3)));
}
