//! Typing into the scoring workbench's cells: a score typed on a unit's name goes into its first
//! cell, Esc drops what was typed, Ctrl+Z puts back the stored value, a click on a filled cell
//! selects its value, and with “Tab 跳过自评分” ticked a row of assessed scores is typed straight.

use super::keyboard::{saved_pair, type_in_one_frame};
use super::{harness, saved, town_grid};
use crate::support::{type_at, type_cell};
use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::Points;

#[test]
fn a_score_typed_on_a_units_name_goes_into_its_first_cell_and_nothing_shifts() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    // The last cell of a row Tabs to the next unit's name, where a clerk expecting a cell types
    // on: typed fast and one key a frame, the values land in the row's cells in order.
    harness
        .get_by_role_and_label(Role::Link, &rows[1].1)
        .focus();
    harness.run();
    type_in_one_frame(&mut harness, &["6", "Tab", "5", "Tab"]);
    assert_eq!(
        saved_pair(&harness, rows[1].0, indicators[0].0),
        (Some(Points::whole(6)), Some(Points::whole(5)))
    );
    harness
        .get_by_role_and_label(Role::Link, &rows[2].1)
        .focus();
    harness.run();
    for key in ["4", "Tab", "3", "Tab"] {
        type_in_one_frame(&mut harness, &[key]);
    }
    assert_eq!(
        saved_pair(&harness, rows[2].0, indicators[0].0),
        (Some(Points::whole(4)), Some(Points::whole(3)))
    );
}

#[test]
fn esc_drops_what_was_typed_and_keeps_the_keyboard_in_the_cell() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let here = format!("{} {} 考核", rows[0].1, indicators[1].1);
    type_at(&mut harness, &here, "3");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    let node = harness.get_by_label(&here);
    assert!(node.is_focused(), "the keyboard stays in {here}");
    assert_eq!(
        node.value().as_deref(),
        Some(""),
        "what was typed is dropped"
    );
    assert_eq!(saved(&harness, rows[0].0, indicators[1].0), None);
    // The next keys go on from there: a value, then Enter saves it and moves down.
    harness.get_by_label(&here).type_text("4");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        saved(&harness, rows[0].0, indicators[1].0),
        Some(Points::whole(4))
    );
    let below = format!("{} {} 考核", rows[1].1, indicators[1].1);
    assert!(harness.get_by_label(&below).is_focused(), "{below}");
}

/// Ctrl+Z in a cell undoes what was typed there, back to the value stored, and never past it:
/// on a value not typed into, it leaves the score as it is.
#[test]
fn ctrl_z_puts_back_the_stored_value_and_never_clears_it() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let here = format!("{} {} 考核", rows[0].1, indicators[1].1);
    let stored = || Some(Points::whole(4));
    type_at(&mut harness, &here, "4");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(saved(&harness, rows[0].0, indicators[1].0), stored());
    // Back in the cell, nothing typed: Ctrl+Z and Enter keep the score.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Enter);
    harness.run();
    assert!(harness.get_by_label(&here).is_focused());
    // Twice with nothing typed; then once after typing over it, which brings it back.
    for (typed, presses) in [(None, 2), (Some("7"), 1)] {
        if let Some(typed) = typed {
            type_at(&mut harness, &here, typed);
        }
        for _ in 0..presses {
            harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
            harness.run();
        }
        assert_eq!(harness.get_by_label(&here).value().as_deref(), Some("4"));
        harness.key_press(egui::Key::Enter);
        harness.run();
        assert_eq!(saved(&harness, rows[0].0, indicators[1].0), stored());
    }
}

#[test]
fn a_click_on_a_filled_cell_selects_its_value_so_that_typing_replaces_it() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let (agreement, indicator) = (rows[0].0, indicators[1].0);
    let cell = format!("{} {} 考核", rows[0].1, indicators[1].1);
    type_cell(&mut harness, &cell, "4");
    assert_eq!(
        saved(&harness, agreement, indicator),
        Some(Points::whole(4))
    );
    // The keyboard goes elsewhere first.
    let other = format!("{} {} 考核", rows[1].1, indicators[0].1);
    harness.get_by_label(&other).focus();
    harness.run();
    // Pressed in one frame and released in the next, as a hand does; at the cell's right end,
    // past the value, and at its left end, before it.
    for (x_fraction, typed, expected) in [(0.9, "5", 5), (0.1, "3", 3)] {
        let rect = harness.get_by_label(&cell).rect();
        let at = egui::pos2(rect.left() + rect.width() * x_fraction, rect.center().y);
        harness.hover_at(at);
        harness.drag_at(at);
        harness.step();
        harness.drop_at(at);
        harness.run();
        assert!(harness.get_by_label(&cell).is_focused(), "{cell}");
        harness.get_by_label(&cell).type_text(typed);
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        assert_eq!(
            saved(&harness, agreement, indicator),
            Some(Points::whole(expected)),
            "clicked at {x_fraction} of the cell and typed {typed}"
        );
        harness.get_by_label(&other).focus();
        harness.run();
    }
    // A quick hand: the key comes in the same frame as the click.
    let rect = harness.get_by_label(&cell).rect();
    let at = egui::pos2(rect.right() - 4.0, rect.center().y);
    harness.hover_at(at);
    harness.drag_at(at);
    harness.drop_at(at);
    harness.event(egui::Event::Text("6".to_owned()));
    harness.step();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        saved(&harness, agreement, indicator),
        Some(Points::whole(6))
    );
    // Esc drops what was typed and keeps the keyboard in the cell, the kept value selected; a
    // click in that cell, as a clerk does to put it right, keeps it selected, and what is
    // typed replaces it.
    type_at(&mut harness, &cell, "9");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.get_by_label(&cell).is_focused());
    let rect = harness.get_by_label(&cell).rect();
    let at = egui::pos2(rect.right() - 4.0, rect.center().y);
    harness.hover_at(at);
    harness.drag_at(at);
    harness.step();
    harness.drop_at(at);
    harness.run();
    harness.get_by_label(&cell).type_text("5");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        saved(&harness, agreement, indicator),
        Some(Points::whole(5))
    );
}

#[test]
fn with_tab_passing_over_the_self_scores_a_row_of_assessed_scores_is_typed_straight() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let unit = &rows[0].1;
    let assessed = |index: usize| format!("{unit} {} 考核", indicators[index].1);
    // Ticked with the mouse while in the grid, the keyboard goes back to its cell.
    harness.get_by_label(&assessed(0)).focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Tab 跳过自评分")
        .click();
    harness.run_steps(3);
    assert!(
        harness.get_by_label(&assessed(0)).is_focused(),
        "back in the grid"
    );
    harness.get_by_label(&assessed(0)).focus();
    harness.run();
    for (index, typed) in ["3", "4"].into_iter().enumerate() {
        let label = assessed(index);
        let node = harness.get_by_label(&label);
        assert!(node.is_focused(), "{label} has the keyboard");
        node.type_text(typed);
        harness.run();
        harness.key_press(egui::Key::Tab);
        harness.run();
    }
    assert!(harness.get_by_label(&assessed(2)).is_focused());
    assert_eq!(
        saved(&harness, rows[0].0, indicators[0].0),
        Some(Points::whole(3))
    );
    assert_eq!(
        saved(&harness, rows[0].0, indicators[1].0),
        Some(Points::whole(4))
    );
    // Shift+Tab comes back the same way.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    assert!(harness.get_by_label(&assessed(1)).is_focused());
    // The choice is kept for the next run, which starts with it ticked.
    let kept = harness.state().state().clone();
    assert!(kept.skips_self);
    let next_run = crate::support::window(Ok(crate::support::demo_store()), kept, [1600.0, 1000.0]);
    assert_eq!(
        next_run
            .get_by_role_and_label(Role::CheckBox, "Tab 跳过自评分")
            .accesskit_node()
            .toggled(),
        Some(egui::accesskit::Toggled::True)
    );
}

/// Ticked with Space, “Tab 跳过自评分” keeps the keyboard: the Space goes to no cell or name
/// (on a name it would open the unit's detail), and Tab goes on from the box.
#[test]
fn skipping_the_self_scores_ticked_with_space_keeps_the_keyboard_on_the_box() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let unit = &rows[0].1;
    harness
        .get_by_label(&format!("{unit} {} 考核", indicators[0].1))
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "Tab 跳过自评分")
        .focus();
    harness.run();
    harness.key_press(egui::Key::Space);
    harness.run_steps(3);
    let check = harness.get_by_role_and_label(Role::CheckBox, "Tab 跳过自评分");
    assert_eq!(
        check.accesskit_node().toggled(),
        Some(egui::accesskit::Toggled::True)
    );
    assert!(check.is_focused(), "the keyboard stays on the box");
    assert!(
        harness
            .query_by_label_contains("加扣分、一票否决与说明")
            .is_none()
    );
}
