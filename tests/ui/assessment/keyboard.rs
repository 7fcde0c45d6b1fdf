//! The scoring workbench from the keyboard: Enter goes down to the next unit and Tab across a
//! row through the unit's name, below the fold too; the unit's detail opens from the keyboard
//! (F3, or Enter on the name) and gives the keyboard back; in a narrow window Tab scrolls the
//! score columns to the cell it reaches while the unit names stay; keys typed in one go after
//! Tab or Enter land in the next cell; Esc with nothing typed leaves the grid. Typing into the
//! cells themselves is in `typing`.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::Points;
use zerenshu::ui::App;

use super::{harness, harness_sized, saved, town_grid};

use crate::support::{type_at, type_cell};

#[test]
fn enter_moves_down_to_the_same_cell_of_the_next_unit_and_shift_enter_back_up() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let label =
        |row: usize, indicator: usize| format!("{} {} 考核", rows[row].1, indicators[indicator].1);
    harness.get_by_label(&label(0, 1)).focus();
    harness.run();
    for (row, typed) in [(0, "5"), (1, "4")] {
        let here = label(row, 1);
        let node = harness.get_by_label(&here);
        assert!(node.is_focused(), "{here} has the keyboard");
        node.type_text(typed);
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
    }
    assert!(harness.get_by_label(&label(2, 1)).is_focused());
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Enter);
    harness.run();
    assert!(harness.get_by_label(&label(1, 1)).is_focused());
    assert_eq!(
        saved(&harness, rows[0].0, indicators[1].0),
        Some(Points::whole(5))
    );
    assert_eq!(
        saved(&harness, rows[1].0, indicators[1].0),
        Some(Points::whole(4))
    );
    // Tab still goes across: 考核 of this indicator, then 自评 of the next.
    harness.key_press(egui::Key::Tab);
    harness.run();
    let next = format!("{} {} 自评", rows[1].1, indicators[2].1);
    assert!(harness.get_by_label(&next).is_focused(), "{next}");
}

/// ↓ and ↑ move down and up a unit as in a spreadsheet, saving what was typed, from a cell
/// and from a unit's name.
#[test]
fn arrow_keys_move_down_and_up_a_unit() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let label =
        |row: usize, indicator: usize| format!("{} {} 考核", rows[row].1, indicators[indicator].1);
    harness.get_by_label(&label(0, 1)).focus();
    harness.run();
    harness.get_by_label(&label(0, 1)).type_text("5");
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    assert!(harness.get_by_label(&label(1, 1)).is_focused());
    assert_eq!(
        saved(&harness, rows[0].0, indicators[1].0),
        Some(Points::whole(5))
    );
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    assert!(harness.get_by_label(&label(0, 1)).is_focused());
    harness
        .get_by_role_and_label(Role::Link, &rows[0].1)
        .focus();
    harness.run();
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    assert!(
        (harness.get_by_role_and_label(Role::Link, &rows[1].1)).is_focused(),
        "the name below has the keyboard"
    );
}

/// Shift+Enter on a unit's name goes up to the name above, as it goes up from a cell; only
/// Enter on a name opens the unit's detail.
#[test]
fn shift_enter_on_a_units_name_goes_up_and_opens_nothing() {
    let mut harness = harness(2025);
    let (rows, _) = town_grid(&harness);
    harness
        .get_by_role_and_label(Role::Link, &rows[1].1)
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Enter);
    harness.run();
    assert!(
        (harness.get_by_role_and_label(Role::Link, &rows[0].1)).is_focused(),
        "the name above has the keyboard"
    );
    for (_, unit) in &rows[..2] {
        let heading = format!("{unit}：加扣分、一票否决与说明");
        assert!(harness.query_by_label(&heading).is_none(), "{heading}");
    }
}

/// Tab on the grid's last cell keeps the keyboard there, as Enter on the last unit does: it
/// never goes round to the window's first control (the year chooser), where a digit typed
/// next would land.
#[test]
fn tab_on_the_last_cell_keeps_the_keyboard_in_it() {
    // Wide and high enough to draw the last unit's last cell.
    let mut harness = harness_sized(2025, [4000.0, 1600.0]);
    let (rows, indicators) = town_grid(&harness);
    let (row, indicator) = (rows.last().unwrap(), indicators.last().unwrap());
    let last = format!("{} {} 考核", row.1, indicator.1);
    harness.get_by_label(&last).focus();
    harness.run();
    harness.get_by_label(&last).type_text("1");
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert!(harness.get_by_label(&last).is_focused(), "{last}");
    assert_eq!(saved(&harness, row.0, indicator.0), Some(Points::whole(1)));
}

#[test]
fn enter_fills_a_column_below_the_fold_and_tab_walks_a_row_through_the_units_name() {
    // A short window: only the first few of the 15 镇街 rows are drawn at first.
    let mut harness = harness_sized(2025, [1600.0, 380.0]);
    let (rows, indicators) = town_grid(&harness);
    let last_row = 12;
    assert!(
        harness
            .query_by_label(&format!("{} {} 考核", rows[11].1, indicators[0].1))
            .is_none(),
        "row 11 starts below the fold"
    );
    let label = |row: usize, indicator: usize, half: &str| {
        format!("{} {} {half}", rows[row].1, indicators[indicator].1)
    };
    harness.get_by_label(&label(0, 0, "考核")).focus();
    harness.run();
    let mut expected = Vec::new();
    for (row, (agreement_id, _)) in rows.iter().enumerate().take(last_row + 1) {
        let here = label(row, 0, "考核");
        let node = harness.get_by_label(&here);
        assert!(node.is_focused(), "{here} has the keyboard");
        let value = format!("{}.5", row % 5);
        node.type_text(&value);
        harness.run();
        expected.push((*agreement_id, Points::parse(&value).unwrap()));
        harness.key_press(egui::Key::Enter);
        harness.run();
    }
    assert!(
        harness
            .get_by_label(&label(last_row + 1, 0, "考核"))
            .is_focused()
    );
    // Tab walks the rest of the row, then reaches the next unit's name, then its first cell.
    for indicator in 1..indicators.len() {
        for half in ["自评", "考核"] {
            harness.key_press(egui::Key::Tab);
            harness.run();
            let here = label(last_row + 1, indicator, half);
            assert!(harness.get_by_label(&here).is_focused(), "{here}");
        }
    }
    harness.key_press(egui::Key::Tab);
    harness.run();
    let name = &rows[last_row + 2].1;
    assert!(
        harness.get_by_role_and_label(Role::Link, name).is_focused(),
        "the unit's name {name} takes the keyboard"
    );
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert!(
        harness
            .get_by_label(&label(last_row + 2, 0, "自评"))
            .is_focused()
    );
    // Shift+Tab goes back over the name to the end of the row above.
    for _ in 0..2 {
        harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
        harness.run();
    }
    let back = label(last_row + 1, indicators.len() - 1, "考核");
    assert!(harness.get_by_label(&back).is_focused(), "{back}");
    // Enter on the last unit stays in its cell.
    let last = rows.len() - 1;
    assert_eq!(last, last_row + 2, "the demo year has 15 units");
    for _ in 0..2 {
        harness.key_press(egui::Key::Enter);
        harness.run();
    }
    let end = label(last, indicators.len() - 1, "考核");
    assert!(harness.get_by_label(&end).is_focused(), "{end}");
    let store = harness.state().store().unwrap();
    let scores = store.scores(2025).unwrap();
    for (agreement_id, value) in expected {
        let saved = scores
            .iter()
            .find(|s| s.agreement_id == agreement_id && s.indicator_id == indicators[0].0)
            .and_then(|s| s.assessed_score);
        assert_eq!(saved, Some(value), "agreement {agreement_id}");
    }
}

#[test]
fn the_units_detail_opens_from_the_keyboard_and_gives_the_keyboard_back_when_closed() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let unit = &rows[0].1;
    let heading = format!("{unit}：加扣分、一票否决与说明");
    let cell = format!("{unit} {} 考核", indicators[0].1);
    type_at(&mut harness, &cell, "3");
    // F3 saves the cell, opens the unit's detail and puts the keyboard in it.
    harness.key_press(egui::Key::F3);
    harness.run();
    harness.get_by_label(&heading);
    assert_eq!(
        saved(&harness, rows[0].0, indicators[0].0),
        Some(Points::whole(3))
    );
    assert!(!harness.get_by_label(&cell).is_focused());
    // Tab goes on through the detail to the veto reason.
    for _ in 0..20 {
        if harness.get_by_label("否决理由").is_focused() {
            break;
        }
        harness.key_press(egui::Key::Tab);
        harness.run();
    }
    assert!(harness.get_by_label("否决理由").is_focused());
    harness.get_by_label("关闭明细").click();
    harness.run();
    assert!(harness.query_by_label(&heading).is_none());
    assert!(harness.get_by_label(&cell).is_focused(), "back in {cell}");
    // Shift+Tab from the row's first cell reaches the unit's name; Enter on it opens the detail.
    harness
        .get_by_label(&format!("{unit} {} 自评", indicators[0].1))
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    let name = harness.get_by_role_and_label(Role::Link, unit);
    assert!(name.is_focused(), "{unit} has the keyboard");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label(&heading);
    assert!(!harness.get_by_role_and_label(Role::Link, unit).is_focused());
}

/// The saved (自评, 考核) scores of one agreement and indicator in 2025.
pub(super) fn saved_pair(
    harness: &Harness<'_, App>,
    agreement_id: i64,
    indicator_id: i64,
) -> (Option<Points>, Option<Points>) {
    let store = harness.state().store().unwrap();
    store
        .scores(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == agreement_id && s.indicator_id == indicator_id)
        .map_or((None, None), |s| (s.self_score, s.assessed_score))
}

/// True when `rect` lies inside the harness's window.
pub(super) fn is_in_window(rect: egui::Rect, size: [f32; 2]) -> bool {
    egui::Rect::from_min_size(egui::Pos2::ZERO, size.into()).contains_rect(rect)
}

#[test]
fn tab_past_the_visible_columns_scrolls_to_the_cell_and_the_unit_names_stay() {
    let size = [900.0, 600.0];
    let mut harness = harness_sized(2025, size);
    let (rows, indicators) = town_grid(&harness);
    let label =
        |indicator: usize, half: &str| format!("{} {} {half}", rows[1].1, indicators[indicator].1);
    let last = indicators.len() - 1;
    assert!(
        harness
            .query_by_label(&label(last, "考核"))
            .is_none_or(|node| !is_in_window(node.rect(), size)),
        "the last indicator starts out of view"
    );
    harness.get_by_label(&label(0, "自评")).focus();
    harness.run();
    for indicator in 0..indicators.len() {
        for half in ["自评", "考核"] {
            if (indicator, half) != (0, "自评") {
                harness.key_press(egui::Key::Tab);
                harness.run();
            }
            let here = label(indicator, half);
            let node = harness.get_by_label(&here);
            assert!(node.is_focused(), "{here} has the keyboard");
            assert!(
                is_in_window(node.rect(), size),
                "{here} is in view: {:?}",
                node.rect()
            );
            for (_, unit) in rows.iter().take(3) {
                let name = harness.get_by_role_and_label(Role::Link, unit);
                assert!(is_in_window(name.rect(), size), "{unit} stays in view");
            }
            harness.get_by_label("序号");
        }
    }
    // The value typed there goes to that cell, and the first columns have scrolled away.
    harness.get_by_label(&label(last, "考核")).type_text("1");
    harness.run();
    // Enter goes down a row, which in this small window may scroll the grid too.
    harness.key_press(egui::Key::Enter);
    harness.run_steps(30);
    assert_eq!(
        saved_pair(&harness, rows[1].0, indicators[last].0).1,
        Some(Points::whole(1))
    );
    assert!(
        harness
            .query_by_label(&label(0, "自评"))
            .is_none_or(|node| !is_in_window(node.rect(), size)),
        "the first indicator has scrolled out of view"
    );
    // Enter went down the last column; Tab from the row's end wraps to the next unit's name,
    // and the grid scrolls back to the first indicator.
    let below = format!("{} {} 考核", rows[2].1, indicators[last].1);
    assert!(harness.get_by_label(&below).is_focused(), "{below}");
    // A name clicked (its detail opening) keeps the columns where the clerk was looking.
    let name = harness
        .get_by_role_and_label(Role::Link, &rows[1].1)
        .rect()
        .center();
    crate::support::queue_click(&mut harness, name);
    harness.run_steps(5);
    assert!(
        (harness.query_by_label(&label(last, "考核")))
            .is_some_and(|node| is_in_window(node.rect(), size)),
        "the last indicator still in view"
    );
    harness.key_press(egui::Key::Escape);
    harness.run_steps(5);
    harness.get_by_label(&below).focus();
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    // On the name already, with the row's first cells beside it.
    let first_beside = format!("{} {} 自评", rows[3].1, indicators[0].1);
    assert!(
        (harness.query_by_label(&first_beside)).is_some_and(|node| is_in_window(node.rect(), size)),
        "{first_beside} is in view with the name"
    );
    harness.key_press(egui::Key::Tab);
    harness.run();
    let first = format!("{} {} 自评", rows[3].1, indicators[0].1);
    let node = harness.get_by_label(&first);
    assert!(node.is_focused(), "{first}");
    assert!(is_in_window(node.rect(), size), "{first} is in view again");
}

/// Queues typing and key presses to arrive in one frame, as they do when typed fast.
pub(super) fn type_in_one_frame(harness: &mut Harness<'_, App>, keys: &[&str]) {
    for key in keys {
        let press = |key, pressed| egui::Event::Key {
            key,
            physical_key: None,
            pressed,
            repeat: false,
            modifiers: egui::Modifiers::NONE,
        };
        let events = match *key {
            "Tab" => vec![press(egui::Key::Tab, true), press(egui::Key::Tab, false)],
            "Enter" => vec![
                press(egui::Key::Enter, true),
                press(egui::Key::Enter, false),
            ],
            text => vec![egui::Event::Text(text.to_owned())],
        };
        harness.input_mut().events.extend(events);
    }
    harness.run();
}

#[test]
fn keys_typed_in_one_go_after_tab_or_enter_go_to_the_next_cell() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let label = |row: usize, indicator: usize, half: &str| {
        format!("{} {} {half}", rows[row].1, indicators[indicator].1)
    };
    // The cell Tab reaches already holds a value: what is typed replaces it.
    type_cell(&mut harness, &label(0, 1, "自评"), "5");
    assert_eq!(
        saved_pair(&harness, rows[0].0, indicators[1].0).0,
        Some(Points::whole(5))
    );
    harness.get_by_label(&label(0, 0, "考核")).focus();
    harness.run();
    type_in_one_frame(&mut harness, &["4", "Tab", "3", "Enter", "2", "Tab"]);
    assert_eq!(
        saved_pair(&harness, rows[0].0, indicators[0].0).1,
        Some(Points::whole(4))
    );
    assert_eq!(
        saved_pair(&harness, rows[0].0, indicators[1].0).0,
        Some(Points::whole(3))
    );
    assert_eq!(
        saved_pair(&harness, rows[1].0, indicators[1].0).0,
        Some(Points::whole(2))
    );
    let next = label(1, 1, "考核");
    assert!(harness.get_by_label(&next).is_focused(), "{next}");
    // The same keys one frame apart land alike.
    harness.get_by_label(&label(2, 0, "考核")).focus();
    harness.run();
    for key in ["5", "Tab", "1", "Enter"] {
        type_in_one_frame(&mut harness, &[key]);
    }
    assert_eq!(
        saved_pair(&harness, rows[2].0, indicators[0].0).1,
        Some(Points::whole(5))
    );
    assert_eq!(
        saved_pair(&harness, rows[2].0, indicators[1].0).0,
        Some(Points::whole(1))
    );
}

/// A score typed and left by going to another screen is saved on leaving, and what the save
/// says (here: scoring has begun) is shown on the next screen, not cleared with the old ones.
#[test]
fn a_score_saved_by_leaving_the_screen_is_said_on_the_next() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[0].1, indicators[0].1);
    harness.get_by_label(&cell).focus();
    harness.run();
    harness.get_by_label(&cell).type_text("5");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "通报与统计")
        .click();
    harness.run();
    assert_eq!(
        saved(&harness, rows[0].0, indicators[0].0),
        Some(Points::whole(5))
    );
    let toasts: Vec<String> = harness.state().toast_texts().map(str::to_owned).collect();
    assert!(
        toasts
            .iter()
            .any(|t| t.starts_with("已开始评分：2025 年度")),
        "{toasts:?}"
    );
}

/// Esc in a cell with nothing typed and no detail open leaves the grid (whose last cell keeps
/// Tab): the keyboard is nowhere, and Tab starts again from the top of the window.
#[test]
fn esc_with_nothing_typed_and_no_detail_leaves_the_grid() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[0].1, indicators[0].1);
    harness.get_by_label(&cell).focus();
    harness.run();
    assert!(harness.get_by_label(&cell).is_focused());
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert_eq!(crate::support::keyboard_on(&harness), None);
    harness.key_press(egui::Key::Tab);
    harness.run();
    let on = crate::support::keyboard_on(&harness).unwrap_or_default();
    assert!(!on.contains(" 考核") && !on.contains(" 自评"), "{on}");
}

/// A list opens with the keyboard on its current choice: ↓ and Enter take the next one, not
/// the top of the list.
#[test]
fn down_in_an_opened_list_goes_on_from_the_current_choice() {
    let mut harness = harness(2025);
    let picker = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .value()
            .unwrap_or_default()
    };
    assert_eq!(picker(&harness), "镇街");
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .focus();
    harness.run();
    for key in [egui::Key::Space, egui::Key::ArrowDown, egui::Key::Enter] {
        harness.key_press(key);
        harness.run();
    }
    harness.run();
    assert_eq!(picker(&harness), "一类");
}

/// After a value refused in the cell above, the first Esc in the next cell takes the message
/// as read (the red frame stays, explained), the second leaves the grid.
#[test]
fn esc_after_a_refusal_first_dismisses_its_message_then_leaves_the_grid() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[0].1, indicators[0].1);
    crate::support::type_cell(&mut harness, &cell, "abc");
    let said = format!("{cell}：“abc”不是有效的数字");
    harness.get_by_label_contains(&said);
    let below = format!("{} {} 考核", rows[1].1, indicators[0].1);
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some(below.as_str())
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label_contains(&said).is_none());
    harness.get_by_label_contains("红框：在该格输入的值未被接受");
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some(below.as_str())
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert_eq!(crate::support::keyboard_on(&harness), None);
}

/// The help folded and opened again from the keyboard: the keyboard stays on its button (now
/// named the other way), so that Tab goes on from there.
#[test]
fn folding_the_help_from_the_keyboard_keeps_the_keyboard_on_its_button() {
    let mut harness = harness(2025);
    let (fold, open) = ("收起说明", "键盘操作说明…");
    let first = if harness.query_by_label(fold).is_some() {
        fold
    } else {
        open
    };
    let second = if first == fold { open } else { fold };
    harness.get_by_label(first).focus();
    harness.run();
    for label in [second, first] {
        harness.key_press(egui::Key::Space);
        harness.run();
        harness.run();
        assert_eq!(
            crate::support::keyboard_on(&harness).as_deref(),
            Some(label)
        );
    }
}
