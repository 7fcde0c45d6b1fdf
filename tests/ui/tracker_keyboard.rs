//! The 责任书 list from the keyboard: Tab stops once per row, not at every cell and column
//! head unseen; ↑ and ↓ go through the whole list, scrolling; Enter opens a detail that then
//! follows the keyboard; ↓ from a tick box goes to the next one, so Space ticks a run; Enter
//! or ↓ in a search box goes on to the first row found.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::{App, View};

use crate::support::{LAPTOP, agreements, demo_store, keyboard_on, showing, window};

fn press(harness: &mut Harness<'_, App>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
}

#[test]
fn tab_reaches_the_first_row_right_after_the_buttons_and_stops_twice_per_row() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_label("全部勾选").focus();
    harness.run();
    press(&mut harness, egui::Key::Tab);
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("1"),
        "row 1's tick box"
    );
    press(&mut harness, egui::Key::Tab);
    assert_eq!(keyboard_on(&harness).as_deref(), Some("城关街道办事处"));
    press(&mut harness, egui::Key::Tab);
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("2"),
        "row 2's tick box"
    );
}

/// Tab too goes through every row, each brought into sight as it takes the keyboard.
#[test]
fn tab_walks_the_whole_list_and_keeps_the_row_in_sight() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_label("1").focus();
    harness.run();
    for row in 2..=45 {
        press(&mut harness, egui::Key::Tab);
        press(&mut harness, egui::Key::Tab);
        let number = row.to_string();
        let tick = harness.get_by_label(&number);
        assert!(tick.is_focused(), "row {row}'s tick box has the keyboard");
        let rect = tick.rect();
        assert!(
            rect.top() >= 0.0 && rect.bottom() <= LAPTOP[1],
            "row {row} in sight: {rect:?}"
        );
    }
}

#[test]
fn arrows_walk_the_whole_list_past_the_rows_in_view() {
    // A window showing about twenty of the demo's 45 rows.
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    for _ in 0..44 {
        press(&mut harness, egui::Key::ArrowDown);
    }
    let store = harness.state().store().unwrap();
    let last = agreements(&harness, 2025).last().unwrap().draft.unit_id;
    let last = (store.units().unwrap().into_iter())
        .find(|u| u.id == last)
        .unwrap()
        .fields
        .name;
    assert_eq!(keyboard_on(&harness), Some(last), "↓ reaches row 45");
    press(&mut harness, egui::Key::ArrowDown);
    assert!(
        keyboard_on(&harness).is_some(),
        "↓ on the last row keeps it"
    );
    for _ in 0..44 {
        press(&mut harness, egui::Key::ArrowUp);
    }
    assert_eq!(keyboard_on(&harness).as_deref(), Some("城关街道办事处"));
}

/// A long list is not walked a row at a time: PageDown and PageUp move ten rows, End and Home
/// go to either end, in the 责任书 list and the 单位 list alike.
#[test]
fn page_keys_and_home_and_end_move_through_a_long_list() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    let name_at = |harness: &Harness<'_, App>, row: usize| {
        let store = harness.state().store().unwrap();
        let unit = agreements(harness, 2025)[row].draft.unit_id;
        (store.units().unwrap().into_iter())
            .find(|u| u.id == unit)
            .unwrap()
            .fields
            .name
    };
    press(&mut harness, egui::Key::PageDown);
    harness.run();
    assert_eq!(
        keyboard_on(&harness),
        Some(name_at(&harness, 10)),
        "PageDown"
    );
    press(&mut harness, egui::Key::End);
    harness.run();
    assert_eq!(keyboard_on(&harness), Some(name_at(&harness, 44)), "End");
    press(&mut harness, egui::Key::PageUp);
    harness.run();
    assert_eq!(keyboard_on(&harness), Some(name_at(&harness, 34)), "PageUp");
    press(&mut harness, egui::Key::Home);
    harness.run();
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("城关街道办事处"),
        "Home"
    );

    let mut harness = window(Ok(demo_store()), showing(View::Units, 2025), LAPTOP);
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    press(&mut harness, egui::Key::End);
    harness.run();
    let last = keyboard_on(&harness).unwrap();
    press(&mut harness, egui::Key::Home);
    harness.run();
    let first = keyboard_on(&harness).unwrap();
    assert_ne!(first, last, "Home and End reach either end");
    press(&mut harness, egui::Key::PageDown);
    harness.run();
    let tenth_on = keyboard_on(&harness).unwrap();
    assert!(tenth_on != first && tenth_on != last, "{tenth_on}");
    press(&mut harness, egui::Key::PageUp);
    harness.run();
    assert_eq!(keyboard_on(&harness), Some(first), "PageUp back ten rows");
}

#[test]
fn enter_opens_the_detail_and_the_detail_follows_the_arrows() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    press(&mut harness, egui::Key::Enter);
    harness.run();
    assert!(is_detail_open(&harness), "the detail is open");
    // Beside the detail the list names its units by short name.
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("城关街道"),
        "the name keeps the keyboard beside the detail"
    );
    press(&mut harness, egui::Key::ArrowDown);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("响嘡街道"));
    harness.get_by_label("响嘡街道办事处");
    // The detail's heading, the row by its short name.
    // Enter again on the row shown goes into its detail: its actions a Tab away.
    press(&mut harness, egui::Key::Enter);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("关闭"));
    press(&mut harness, egui::Key::Tab);
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("预览…"),
        "on into the detail"
    );
}

/// Esc never drops the keyboard to the top of the window: on a row it closes the open detail
/// and the row keeps the keyboard; on the detail's buttons it closes the detail and gives the
/// keyboard back to its row.
#[test]
fn esc_closes_the_detail_and_the_row_keeps_the_keyboard() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    press(&mut harness, egui::Key::ArrowDown);
    press(&mut harness, egui::Key::Escape);
    harness.run();
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("响嘡街道办事处"),
        "Esc on a row keeps its keyboard"
    );
    press(&mut harness, egui::Key::Enter);
    harness.run();
    assert!(is_detail_open(&harness));
    press(&mut harness, egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        !is_detail_open(&harness),
        "Esc on the row closes the detail"
    );
    assert_eq!(keyboard_on(&harness).as_deref(), Some("响嘡街道办事处"));
    // Into the detail (Enter twice), on to 预览…, then Esc: back on the row, the detail closed.
    press(&mut harness, egui::Key::Enter);
    harness.run();
    press(&mut harness, egui::Key::Enter);
    harness.run();
    press(&mut harness, egui::Key::Tab);
    assert_eq!(keyboard_on(&harness).as_deref(), Some("预览…"));
    press(&mut harness, egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(!is_detail_open(&harness), "Esc in the detail closes it");
    assert_eq!(keyboard_on(&harness).as_deref(), Some("响嘡街道办事处"));

    // In the 单位 list too, the name keeps it.
    let mut harness = window(Ok(demo_store()), showing(View::Units, 2025), LAPTOP);
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    press(&mut harness, egui::Key::ArrowDown);
    harness.run();
    let on = keyboard_on(&harness);
    assert!(on.is_some());
    press(&mut harness, egui::Key::Escape);
    harness.run();
    assert_eq!(
        keyboard_on(&harness),
        on,
        "Esc on a unit keeps its keyboard"
    );
}

/// Esc leaves a detail with an unsaved change open: the 一式份数 typed is not thrown away.
#[test]
fn esc_keeps_a_detail_with_unsaved_copies_open() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    let draft = crate::support::first_in(&harness, zerenshu::model::AgreementStatus::Draft);
    let name = crate::support::unit_name(&harness, &draft);
    harness.get_by_label(&name).click();
    harness.run();
    harness.run();
    assert!(is_detail_open(&harness));
    let copies = || (egui::accesskit::Role::SpinButton, "一式份数");
    harness
        .get_by_role_and_label(copies().0, copies().1)
        .click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(copies().0, copies().1)
        .type_text("5");
    harness.run();
    // On to 保存份数, the number taken.
    press(&mut harness, egui::Key::Tab);
    harness.run();
    assert!(
        !(harness.get_by_label("保存份数").accesskit_node()).is_disabled(),
        "the copies changed"
    );
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("保存份数")
    );
    press(&mut harness, egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(is_detail_open(&harness), "the unsaved copies keep it open");
    assert!(!(harness.get_by_label("保存份数").accesskit_node()).is_disabled());
    // Saved from the keyboard, the button greys out: the keyboard goes to 预览…, not nowhere.
    harness.get_by_label("保存份数").focus();
    harness.run();
    press(&mut harness, egui::Key::Enter);
    harness.run();
    harness.run();
    assert!((harness.get_by_label("保存份数").accesskit_node()).is_disabled());
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("预览…")
    );
}

#[test]
fn a_row_opened_with_the_mouse_takes_the_keyboard_for_the_arrows() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_label("城关街道办事处").click();
    harness.run();
    harness.run();
    assert!(is_detail_open(&harness), "the detail is open");
    assert_eq!(keyboard_on(&harness).as_deref(), Some("城关街道"));
    press(&mut harness, egui::Key::ArrowDown);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("响嘡街道"));
    harness.get_by_label("响嘡街道办事处");
}

#[test]
fn arrows_from_a_tick_box_go_to_the_next_tick_box_so_space_ticks_a_run() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_role_and_label(Role::CheckBox, "1").focus();
    harness.run();
    press(&mut harness, egui::Key::Space);
    press(&mut harness, egui::Key::ArrowDown);
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("2"),
        "row 2's tick box"
    );
    press(&mut harness, egui::Key::Space);
    press(&mut harness, egui::Key::ArrowDown);
    press(&mut harness, egui::Key::Space);
    harness.get_by_label("已勾选 3 份");
    assert!(
        !is_detail_open(&harness),
        "moving among the tick boxes opens no detail"
    );
}

/// A list searched or filtered anew starts at its top, not where the one before was scrolled.
#[test]
fn another_search_shows_its_list_from_the_first_row() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    press(&mut harness, egui::Key::End);
    harness.run();
    let store = harness.state().store().unwrap();
    let names: Vec<String> = (agreements(&harness, 2025).iter())
        .map(|a| {
            (store.units().unwrap().into_iter())
                .find(|u| u.id == a.draft.unit_id)
                .unwrap()
                .fields
                .name
        })
        .collect();
    let found: Vec<&String> = names.iter().filter(|n| n.contains('局')).collect();
    assert!(
        found.len() > 20,
        "more than a screenful found: {}",
        found.len()
    );
    crate::support::type_into(&mut harness, "查找", "局");
    harness.run();
    let first = harness.get_by_label(found[0]).rect();
    assert!(
        first.top() >= 0.0 && first.bottom() <= LAPTOP[1],
        "the first found in sight: {first:?}"
    );
}

#[test]
fn enter_in_the_search_box_goes_on_to_the_first_row_found() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    crate::support::type_into(&mut harness, "查找", "青山");
    press(&mut harness, egui::Key::Enter);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("青山镇人民政府"));
    press(&mut harness, egui::Key::Enter);
    harness.run();
    assert!(is_detail_open(&harness), "Enter again opens it");
}

/// ↓ in 查找 lands where Enter does: on the first row found, not the one after it.
#[test]
fn down_in_the_search_box_lands_on_the_first_row_as_enter_does() {
    let landed = |key: egui::Key| {
        let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
        crate::support::type_into(&mut harness, "查找", "局");
        press(&mut harness, key);
        harness.run();
        keyboard_on(&harness)
    };
    let by_enter = landed(egui::Key::Enter);
    assert!(by_enter.is_some());
    assert_eq!(landed(egui::Key::ArrowDown), by_enter);
}

#[test]
fn down_in_the_unit_search_goes_on_to_the_first_unit_found() {
    let mut harness = window(Ok(demo_store()), showing(View::Units, 2025), LAPTOP);
    crate::support::type_into(&mut harness, "搜索", "青山");
    press(&mut harness, egui::Key::ArrowDown);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("青山镇人民政府"));
}

/// True while an agreement's detail is open (its 与模板的差异 heading shows).
fn is_detail_open(harness: &Harness<'_, App>) -> bool {
    (harness.query_by_role_and_label(Role::Label, "与模板的差异")).is_some()
}

/// A pull-down list given up with Esc gives the keyboard back to its field, as a choice does:
/// Tab then goes on from there, not from the top of the window.
#[test]
fn esc_on_an_open_list_gives_the_keyboard_back_to_its_field() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness
        .get_by_role_and_label(Role::ComboBox, "状态")
        .focus();
    harness.run();
    press(&mut harness, egui::Key::Enter);
    harness.run();
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("全部"),
        "the list is open"
    );
    press(&mut harness, egui::Key::ArrowDown);
    press(&mut harness, egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("已签订（含已归档）").is_none(),
        "the list closed"
    );
    assert_eq!(keyboard_on(&harness).as_deref(), Some("状态"));
}

/// Enter on a tick box opens its row, as on the name, and unticks nothing (a second Enter
/// after a batch dialog lands there); the tick box keeps the keyboard, and with the detail
/// open, ↓ among the tick boxes takes it along, as among the names: ticking goes on.
#[test]
fn enter_on_a_tick_box_opens_the_row_and_the_detail_follows_the_tick_boxes() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), LAPTOP);
    harness.get_by_role_and_label(Role::CheckBox, "1").focus();
    harness.run();
    press(&mut harness, egui::Key::Space);
    press(&mut harness, egui::Key::ArrowDown);
    press(&mut harness, egui::Key::Space);
    harness.get_by_label("已勾选 2 份");
    press(&mut harness, egui::Key::Enter);
    harness.run();
    harness.get_by_label("已勾选 2 份");
    assert!(is_detail_open(&harness), "the detail is open");
    harness.get_by_label("响嘡街道办事处");
    assert_eq!(
        keyboard_on(&harness).as_deref(),
        Some("2"),
        "the tick box keeps the keyboard"
    );
    press(&mut harness, egui::Key::ArrowDown);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("3"));
    harness.get_by_label("新华街道办事处");
    harness.get_by_label("已勾选 2 份");
}
