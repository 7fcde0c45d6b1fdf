//! Refused values: named with the old value (or 空) kept in the cell, the keyboard moving on
//! and the grid staying put; the red frame explained; the status line naming the other cells
//! refused; and an emptied cell deleting its score, but never a published one.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::Points;
use zerenshu::ui::App;

use super::harness;

use crate::support::{type_at, type_cell};

fn assessed(
    harness: &Harness<'_, App>,
    year: i32,
    unit_index: usize,
    indicator_index: usize,
) -> Option<Points> {
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(year).unwrap().remove(unit_index);
    let set = store
        .indicator_sets(year)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let indicator = set.indicators[indicator_index].id;
    store
        .scores(year)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == agreement.id && s.indicator_id == indicator)
        .and_then(|s| s.assessed_score)
}

/// The self score of the first unit's first indicator in 2025.
fn first_self_score(harness: &Harness<'_, App>) -> Option<Points> {
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2025).unwrap().remove(0);
    (store.scores(2025).unwrap().into_iter())
        .filter(|s| s.agreement_id == agreement.id)
        .min_by_key(|s| s.indicator_id)
        .and_then(|s| s.self_score)
}

#[test]
fn a_refused_value_is_named_with_the_old_value_kept_in_the_cell_and_the_grid_stays_put() {
    let mut harness = harness(2025);
    let cell = "城关街道 组织领导 考核";
    type_cell(&mut harness, cell, "5.5");
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points(550)));
    // The first score moves the year on from 签订 to 考核.
    let phase = (harness.state().store().unwrap().year(2025).unwrap())
        .unwrap()
        .phase;
    assert_eq!(phase, zerenshu::model::Phase::Assessing);
    let before = harness.get_by_label(cell).rect();
    type_cell(&mut harness, cell, "9");
    harness
        .get_by_label_contains("城关街道 组织领导 考核：该项分值 6 分，不能填 9；已保留原值 5.5");
    assert_eq!(
        harness.get_by_label(cell).value().as_deref(),
        Some("5.5"),
        "the cell shows the old value"
    );
    // The keyboard moves on all the same (values typed from a paper sheet keep to their
    // cells); the clerk comes back to the refused one.
    assert!(!harness.get_by_label(cell).is_focused());
    assert!(
        harness.get_by_label("响嘡街道 组织领导 考核").is_focused(),
        "Enter on a refused value goes down as on any other"
    );
    type_cell(&mut harness, cell, "6");
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points::whole(6)));
    type_cell(&mut harness, cell, "5.5");
    type_cell(&mut harness, cell, "9");
    assert_eq!(
        harness.get_by_label(cell).rect(),
        before,
        "the message does not push the grid down"
    );
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points(550)),
        "the old value is kept"
    );
    for (typed, reason) in [
        ("abc", "“abc”不是有效的数字"),
        ("-1", "得分不能为负数"),
        ("1.234", "得分最多保留两位小数"),
    ] {
        type_cell(&mut harness, cell, typed);
        harness.get_by_label_contains(&format!("{reason}；已保留原值 5.5"));
        assert_eq!(harness.get_by_label(cell).value().as_deref(), Some("5.5"));
        assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points(550)));
    }
    // The red cell's hover says it too, but not while keys are typed: it would lie over the
    // cells being typed into (the status line says it then).
    type_cell(&mut harness, cell, "9");
    let said = |harness: &Harness<'_, App>| {
        (harness.query_all_by_label_contains("不能填 9；已保留原值 5.5")).count()
    };
    harness.get_by_label(cell).hover();
    harness.run();
    assert_eq!(said(&harness), 2, "the status line and the hover");
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    assert_eq!(said(&harness), 1, "the status line only");
    // Esc in the refused cell keeps the old value: that answers the refusal, its message goes.
    type_cell(&mut harness, cell, "9");
    harness.get_by_label_contains("不能填 9；已保留原值 5.5");
    harness.get_by_label(cell).click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label_contains("已保留原值").is_none());
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points(550)));
    assert!(
        harness.get_by_label(cell).is_focused(),
        "that Esc answered the refusal: the keyboard stays in the grid"
    );
    // A good value clears the message.
    type_cell(&mut harness, cell, "4");
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points::whole(4)));
    assert!(harness.query_by_label_contains("已保留原值").is_none());
    // A cell with no value yet says the value kept is empty.
    let empty = "城关街道 组织领导 自评";
    assert_eq!(harness.get_by_label(empty).value().as_deref(), Some(""));
    type_cell(&mut harness, empty, "7");
    harness
        .get_by_label_contains("城关街道 组织领导 自评：该项分值 6 分，不能填 7；已保留原值（空）");
    assert_eq!(harness.get_by_label(empty).value().as_deref(), Some(""));
    // A value saved there by other means (an imported form) answers the refusal.
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let mut score = (store.scores(2025).unwrap().into_iter())
        .find(|s| s.agreement_id == agreement.id && s.assessed_score == Some(Points::whole(4)))
        .unwrap();
    score.self_score = Some(Points::whole(5));
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetScore {
            score,
            reason: None,
        });
    harness.run();
    assert_eq!(harness.get_by_label(empty).value().as_deref(), Some("5"));
    assert!(harness.query_by_label_contains("已保留原值").is_none());
}

/// Once something else is saved, the line above the grid says what the red frame left on a
/// refused cell means, and the cell, given the keyboard again, names its refusal again.
#[test]
fn a_red_frame_is_explained_and_its_cell_names_the_refusal_again() {
    let mut harness = harness(2025);
    let cell = "城关街道 组织领导 考核";
    type_cell(&mut harness, cell, "9");
    let refusal = "城关街道 组织领导 考核：该项分值 6 分，不能填 9";
    harness.get_by_label_contains(refusal);
    type_cell(&mut harness, "新华街道 组织领导 考核", "5");
    assert!(harness.query_by_label_contains(refusal).is_none());
    let note =
        "红框：在该格输入的值未被接受，格中仍是原来的值；到该格可再看原因，输入正确的值后红框消失";
    harness.get_by_label(note);
    harness.get_by_label(cell).focus();
    harness.run();
    harness.run();
    harness.get_by_label_contains(refusal);
    type_cell(&mut harness, cell, "5");
    assert!(harness.query_by_label(note).is_none(), "no red frame left");
}

/// Empties `cell`: a click selects the value whole, Backspace empties it, Enter saves the
/// empty cell.
fn empty_cell(harness: &mut Harness<'_, App>, cell: &str) {
    harness.get_by_label(cell).click();
    harness.run();
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// In a published year a score is changed with a reason, never emptied: the results stay
/// complete, the value stays, and the cell says why.
#[test]
fn a_published_score_is_not_emptied() {
    let mut harness = harness(2024);
    type_at(&mut harness, "修改理由", "复核更正");
    let cell = "城关街道 组织领导 考核";
    let before = assessed(&harness, 2024, 0, 0);
    assert!(before.is_some());
    empty_cell(&mut harness, cell);
    // Refused in the cell, before anything is asked.
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "确定")
            .is_none()
    );
    assert_eq!(assessed(&harness, 2024, 0, 0), before);
    harness.get_by_label_contains("考核组评分只能改为其他分值，不能清空");
}

#[test]
fn emptying_a_cell_deletes_its_score_and_says_so_above_the_grid() {
    let mut harness = harness(2025);
    let cell = "城关街道 组织领导 考核";
    type_cell(&mut harness, cell, "5.5");
    empty_cell(&mut harness, cell);
    assert_eq!(assessed(&harness, 2025, 0, 0), None, "the score is deleted");
    harness.get_by_label("已清除“城关街道 组织领导 考核”的分值（原为 5.5）");
    // A stray Backspace is undone from the line, clicked with the mouse; the keyboard goes
    // back to the cell it was in (Enter took it to the next unit's), so typing goes on there.
    let restore = harness.get_by_label("恢复原值").rect().center();
    crate::support::queue_click(&mut harness, restore);
    harness.run();
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points::parse("5.5").unwrap())
    );
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("响嘡街道 组织领导 考核")
    );
    assert!(harness.query_by_label_contains("已清除").is_none());
    // Emptied again, it is said again.
    empty_cell(&mut harness, cell);
    assert_eq!(assessed(&harness, 2025, 0, 0), None);
    harness.get_by_label("已清除“城关街道 组织领导 考核”的分值（原为 5.5）");
    // The next value saved retires the line.
    type_cell(&mut harness, "响嘡街道 组织领导 考核", "5");
    assert!(harness.query_by_label_contains("已清除").is_none());
}

/// A cell emptied with the keyboard moving on into a cell refused earlier (red): that the
/// score went, and 恢复原值, are said, not the red cell's old refusal.
#[test]
fn a_cell_emptied_before_a_red_one_is_said_with_its_restore() {
    let mut harness = harness(2025);
    let cell = "城关街道 组织领导 考核";
    type_cell(&mut harness, cell, "5.5");
    type_cell(&mut harness, "响嘡街道 组织领导 考核", "9");
    harness.get_by_label_contains("不能填 9");
    empty_cell(&mut harness, cell);
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("响嘡街道 组织领导 考核")
    );
    harness.get_by_label("已清除“城关街道 组织领导 考核”的分值（原为 5.5）");
    harness.get_by_label("恢复原值");
}

/// Two cells emptied one after the other (the self score, then the assessed one of the same
/// item) are both said, and 恢复原值 puts both back as they were.
#[test]
fn cells_emptied_one_after_another_are_all_put_back() {
    let mut harness = harness(2025);
    type_cell(&mut harness, "城关街道 组织领导 自评", "6");
    type_cell(&mut harness, "城关街道 组织领导 考核", "5.5");
    empty_cell(&mut harness, "城关街道 组织领导 自评");
    empty_cell(&mut harness, "城关街道 组织领导 考核");
    assert_eq!(first_self_score(&harness), None);
    assert_eq!(assessed(&harness, 2025, 0, 0), None);
    harness.get_by_label(
        "已清除 2 格的分值：“城关街道 组织领导 自评”（原为 6）、“城关街道 组织领导 考核”（原为 5.5）",
    );
    let restore = harness.get_by_label("恢复原值").rect().center();
    crate::support::queue_click(&mut harness, restore);
    harness.run();
    assert_eq!(first_self_score(&harness), Some(Points::whole(6)));
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points::parse("5.5").unwrap())
    );
    assert!(harness.query_by_label_contains("已清除").is_none());
}

/// Two values refused: the status line says the latest and names the other cell, whose red
/// frame may be out of sight.
#[test]
fn the_status_line_names_the_other_cells_refused() {
    let mut harness = harness(2025);
    type_cell(&mut harness, "城关街道 组织领导 自评", "9");
    type_cell(&mut harness, "响嘡街道 组织领导 自评", "8");
    harness.get_by_label_contains(
        "响嘡街道 组织领导 自评：该项分值 6 分，不能填 8；已保留原值（空）（另有 1 格的值未被接受：城关街道 组织领导 自评，见红框）",
    );
}

/// A value refused as Tab moves on into a cell refused earlier: the line names the new
/// refusal first, then the one of the cell the keyboard is on.
#[test]
fn a_refusal_is_said_when_the_keyboard_moves_on_into_a_red_cell() {
    let mut harness = harness(2025);
    type_cell(&mut harness, "城关街道 组织领导 考核", "abc");
    crate::support::type_at(&mut harness, "城关街道 组织领导 自评", "1.234");
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert!(harness.get_by_label("城关街道 组织领导 考核").is_focused());
    harness.get_by_label_contains(
        "城关街道 组织领导 自评：得分最多保留两位小数；已保留原值（空）；当前格此前也有未被接受的值：城关街道 组织领导 考核：“abc”不是有效的数字",
    );
}

/// Emptied with Backspace and Tab, as the clerk going along the row does: refused and said.
#[test]
fn a_published_score_emptied_with_tab_is_refused_and_said() {
    let mut harness = harness(2024);
    type_at(&mut harness, "修改理由", "复核更正");
    let cell = "城关街道 组织领导 考核";
    let before = assessed(&harness, 2024, 0, 0);
    harness.get_by_label(cell).click();
    harness.run();
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    // Refused in the cell, as any value not taken: named above the grid with the value kept,
    // nothing asked or sent to the store.
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "确定")
            .is_none()
    );
    assert_eq!(assessed(&harness, 2024, 0, 0), before);
    let before = before.unwrap();
    harness.get_by_label(&format!(
        "城关街道 组织领导 考核：已保留原值 {before}（{}）",
        zerenshu::store::CLEARED_AFTER_PUBLISHING
    ));
}

/// Empties the cell the keyboard is in (Backspace, Tab) and goes back by Shift+Tab to the
/// 恢复原值 the line above the grid offers.
fn empty_and_back_to_restore(harness: &mut Harness<'_, App>) {
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.get_by_label_contains("已清除“城关街道 组织领导 考核”的分值");
    for _ in 0..12 {
        if crate::support::keyboard_on(harness).as_deref() == Some("恢复原值") {
            break;
        }
        harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
        harness.run();
    }
    assert_eq!(
        crate::support::keyboard_on(harness).as_deref(),
        Some("恢复原值")
    );
}

/// 恢复原值 reached by Shift+Tab and pressed with Enter gives the keyboard back to the grid.
#[test]
fn restoring_from_the_keyboard_gives_the_keyboard_back_to_the_grid() {
    let mut harness = harness(2025);
    let cell = "城关街道 组织领导 考核";
    type_cell(&mut harness, cell, "5.5");
    harness.get_by_label(cell).click();
    harness.run();
    empty_and_back_to_restore(&mut harness);
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points::parse("5.5").unwrap())
    );
    // The cell it was emptied in (the keyboard was on a unit's name, by Shift+Tab), showing
    // the value restored: Tab on from it changes nothing.
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("城关街道 组织领导 考核")
    );
    assert_eq!(
        harness
            .get_by_label("城关街道 组织领导 考核")
            .value()
            .as_deref(),
        Some("5.5")
    );
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points::parse("5.5").unwrap())
    );
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    // Pressed with Space, whose typed " " may reach the cell: spaces alone are no value, and
    // the value restored stays.
    empty_and_back_to_restore(&mut harness);
    harness.key_press(egui::Key::Space);
    harness.event(egui::Event::Text(" ".to_owned()));
    harness.run();
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points::parse("5.5").unwrap())
    );
}
