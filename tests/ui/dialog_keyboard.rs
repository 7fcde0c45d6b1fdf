//! Dialogs opened with the mouse take the keyboard on their action as the README says: Enter
//! answers them at once (结转, 开始起草), and 取消 has it before what cannot be undone
//! (删除 a year); after a rollover the keyboard does not rest on the next one.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::View;

use crate::support::{click, demo_store, keyboard_on, showing, window};

#[test]
fn the_year_questions_start_on_their_answer() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Settings, 2025),
        [1400.0, 900.0],
    );
    click(&mut harness, "从 2025 年度结转…");
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("结转"));
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    let years = harness.state().store().unwrap().years().unwrap();
    assert!(years.iter().any(|y| y.year == 2026), "Enter rolled over");
    // Not on the next rollover, a second Enter away.
    assert_ne!(keyboard_on(&harness).as_deref(), Some("从 2026 年度结转…"));
    click(&mut harness, "删除 2026 年度…");
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("取消"));
    // Deleted, the button that asked is greyed in the year shown now: the keyboard goes to
    // the rollover of that year, not to a field elsewhere on the page.
    harness.key_press(egui::Key::Tab);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("删除"));
    harness.key_press(egui::Key::Enter);
    for _ in 0..3 {
        harness.run();
    }
    let years = harness.state().store().unwrap().years().unwrap();
    assert!(!years.iter().any(|y| y.year == 2026), "deleted");
    assert_eq!(keyboard_on(&harness).as_deref(), Some("从 2025 年度结转…"));
}

#[test]
fn the_batch_draft_dialog_starts_on_its_button() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(Ok(store), showing(View::Agreements, 2026), [1400.0, 900.0]);
    click(&mut harness, "批量起草…");
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("开始起草"));
    // Enter drafts; the keyboard then goes to the first new row's tick, as after a bulk
    // change, not back to 批量起草….
    harness.key_press(egui::Key::Enter);
    for _ in 0..4 {
        harness.run();
    }
    let drafted = harness.state().store().unwrap().agreements(2026).unwrap();
    assert!(!drafted.is_empty(), "drafted");
    // Every one a draft: what comes next is said above the list.
    harness.get_by_label_contains("下一步：逐份打开草稿");
    let first = drafted.iter().map(|a| a.draft.number).min().unwrap();
    assert_eq!(keyboard_on(&harness), Some(first.to_string()));
}

/// A dialog opened with a mouse click gives the keyboard back to the button clicked when it
/// closes, so that Tab goes on from there (not from where the keyboard was before the click).
#[test]
fn a_dialog_opened_by_a_click_gives_the_keyboard_back_to_its_button() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1400.0, 900.0],
    );
    harness.get_by_label("查找").focus();
    harness.run();
    let at = harness.get_by_label("核验 PDF…").rect().center();
    crate::support::queue_click(&mut harness, at);
    harness.run();
    harness.get_by_label("选择要核验的 PDF 文件");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("核验 PDF…"));
}
