//! Notes: a cell with a note is marked and F2 opens it, a note chosen in a low window comes
//! into sight, waits for its indicator, is kept when Esc goes back to the grid or another unit
//! is chosen, and a unit's own self-assessment note marks its cell too.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{Points, Score};
use zerenshu::ui::App;

use super::{harness, harness_sized, town_grid, type_note_after_f2};

#[test]
fn a_cell_with_a_note_is_marked_and_f2_opens_its_note() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[0].1, indicators[1].1);
    let marker = format!("{} {} 说明", rows[0].1, indicators[1].1);
    assert!(harness.query_by_label(&marker).is_none());
    harness.get_by_label(&cell).focus();
    harness.run();
    harness.key_press(egui::Key::F2);
    harness.run();
    let note = harness.get_by_role_and_label(Role::MultilineTextInput, "说明");
    assert!(note.is_focused(), "the note field has the keyboard");
    note.type_text("现场检查台账齐全");
    harness.run();
    harness.get_by_label("保存说明").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let saved = store
        .scores(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == rows[0].0 && s.indicator_id == indicators[1].0)
        .unwrap();
    assert_eq!(saved.note, "现场检查台账齐全");
    harness.get_by_label(&marker);
}

/// In a low window the note comes below the detail's lower edge: choosing its indicator (F2
/// chooses it) brings the note and its 保存说明 into sight.
#[test]
fn a_note_chosen_in_a_low_window_comes_into_sight_with_its_button() {
    let mut harness = harness_sized(2025, [1024.0, 700.0]);
    let (rows, indicators) = town_grid(&harness);
    // The keyboard help open, as a clerk may leave it: less room for the grid and detail.
    if let Some(help) = harness.query_by_label("键盘操作说明…") {
        help.click();
        harness.run();
    }
    harness.get_by_label("收起说明");
    harness
        .get_by_role_and_label(Role::Link, &rows[3].1)
        .click();
    harness.run_steps(4);
    choose_note_indicator(&mut harness, &indicators[0].1);
    let button = harness.get_by_label("保存说明").rect();
    assert!(button.bottom() <= 700.0, "{button:?}");
}

/// Chooses `indicator` in the open detail's 指标 list (the last of the labels so named: the
/// grid's column head bears it too).
fn choose_note_indicator(harness: &mut Harness<'_, App>, indicator: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, "指标")
        .click();
    harness.run();
    let options = harness.query_all_by_label(indicator).count();
    harness
        .query_all_by_label(indicator)
        .nth(options - 1)
        .unwrap()
        .click();
    harness.run_steps(4);
}

/// The note is written for a chosen indicator: before one is chosen its field takes nothing
/// (what was typed there had nowhere to go and was lost).
#[test]
fn a_note_waits_for_its_indicator_to_be_chosen() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    harness
        .get_by_role_and_label(Role::Link, &rows[3].1)
        .click();
    harness.run_steps(4);
    let is_disabled = |harness: &Harness<'_, App>| {
        (harness.get_by_role_and_label(Role::MultilineTextInput, "说明"))
            .accesskit_node()
            .is_disabled()
    };
    assert!(is_disabled(&harness));
    choose_note_indicator(&mut harness, &indicators[0].1);
    assert!(!is_disabled(&harness));
}

/// The stored score of one cell of 2025.
fn stored_score(harness: &Harness<'_, App>, agreement_id: i64, indicator_id: i64) -> Score {
    harness
        .state()
        .store()
        .unwrap()
        .scores(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == agreement_id && s.indicator_id == indicator_id)
        .unwrap()
}

#[test]
fn a_note_typed_after_f2_is_kept_when_esc_goes_back_to_the_grid() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[1].1, indicators[2].1);
    type_note_after_f2(&mut harness, &cell, "查阅会议纪要");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "说明")
            .is_none(),
        "back at the grid"
    );
    let saved = stored_score(&harness, rows[1].0, indicators[2].0);
    assert_eq!(saved.note, "查阅会议纪要");
    harness.get_by_label(&format!("{} {} 说明", rows[1].1, indicators[2].1));
}

#[test]
fn a_note_typed_after_f2_is_kept_when_another_unit_is_chosen() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[1].1, indicators[3].1);
    type_note_after_f2(&mut harness, &cell, "（补）现场复核");
    harness.get_by_label(&rows[2].1).click();
    harness.run();
    harness.run();
    let saved = stored_score(&harness, rows[1].0, indicators[3].0);
    assert!(saved.note.ends_with("（补）现场复核"), "{}", saved.note);
    // A note alone, like a bonus or a veto, leaves 2025 at 签订: the first score moves it.
    let phase = harness
        .state()
        .store()
        .unwrap()
        .year(2025)
        .unwrap()
        .unwrap()
        .phase;
    assert_eq!(phase, zerenshu::model::Phase::Signing);
    assert!(
        !harness
            .state()
            .toast_texts()
            .any(|t| t.contains("已开始评分"))
    );
}

#[test]
fn a_units_own_self_assessment_note_marks_its_cell_too() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let marker = format!("{} {} 说明", rows[1].1, indicators[2].1);
    assert!(harness.query_by_label(&marker).is_none());
    // As a filled form brings it: a self score with the unit's own note, no assessors' note.
    let score = Score {
        agreement_id: rows[1].0,
        indicator_id: indicators[2].0,
        self_score: Some(Points::whole(3)),
        assessed_score: None,
        note: String::new(),
        self_note: "本年度发生一般事故1起，自扣1分".to_owned(),
    };
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetScore {
            score,
            reason: None,
        });
    harness.run();
    harness.run();
    harness.get_by_label(&marker);
}

/// A note too long to save: said under it, Esc leaves it open to shorten, and leaving the
/// screen asks first instead of losing it.
#[test]
fn a_note_too_long_to_save_is_said_and_asked_about_before_leaving() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[1].1, indicators[2].1);
    type_note_after_f2(&mut harness, &cell, &"查".repeat(1005));
    harness.get_by_label("评分说明不能超过 1000 个字（现有 1005 个）；没有保存");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "说明")
            .is_some(),
        "kept open to shorten"
    );
    harness.get_by_role_and_label(Role::Button, "单位").click();
    harness.run();
    harness.get_by_label_contains("考核明细中未能保存的评分说明");
    harness.get_all_by_label("继续编辑").last().unwrap().click();
    harness.run();
    let note = harness.get_by_role_and_label(Role::MultilineTextInput, "说明");
    assert_eq!(note.value().map(|v| v.chars().count()), Some(1005));
    assert!(stored_score_note(&harness, rows[1].0, indicators[2].0).is_empty());
    // Another unit is not shown over it: said why, the note kept.
    harness.get_by_label(&rows[2].1).click();
    harness.run();
    harness.get_by_label_contains("请先改短或清空这条说明，再看其他单位");
    let note = harness.get_by_role_and_label(Role::MultilineTextInput, "说明");
    assert_eq!(note.value().map(|v| v.chars().count()), Some(1005));
    // Given up on leaving: not asked about again.
    harness.get_by_role_and_label(Role::Button, "单位").click();
    harness.run();
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "考核").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "单位").click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("考核明细中未能保存的评分说明")
            .is_none()
    );
}

fn stored_score_note(harness: &Harness<'_, App>, agreement_id: i64, indicator_id: i64) -> String {
    (harness
        .state()
        .store()
        .unwrap()
        .scores(2025)
        .unwrap()
        .into_iter())
    .find(|s| s.agreement_id == agreement_id && s.indicator_id == indicator_id)
    .map(|s| s.note)
    .unwrap_or_default()
}
