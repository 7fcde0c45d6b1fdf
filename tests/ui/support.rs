//! What the window tests share: the demo in a store, a window on it, and the clerk's clicks
//! and typing by Chinese label, each in the frames a clerk's action takes. The modules keep
//! only what differs (the window's size, the screen and year it opens on).

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{Agreement, AgreementStatus};
use zerenshu::store::{Store, StoreError};
use zerenshu::ui::{App, UiState, View};

/// A laptop's window, the size the app starts in.
pub(crate) const LAPTOP: [f32; 2] = [1280.0, 800.0];

/// The question asked before unsaved edits are given up.
pub(crate) const DISCARD_QUESTION: &str = "放弃未保存的修改？";

/// A store in memory loaded with the demo.
pub(crate) fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    store
}

/// A store in the file `path` loaded with the demo, kept open.
pub(crate) fn demo_store_at(path: &Path) -> Store {
    let mut store = Store::open(path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    store
}

/// The demo in `zerenshu.sqlite3` of `dir`, closed again; the file's path.
pub(crate) fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("zerenshu.sqlite3");
    demo_store_at(&path);
    path
}

/// The window's state showing `view` of `year`.
pub(crate) fn showing(view: View, year: i32) -> UiState {
    UiState {
        view,
        year: Some(year),
        ..UiState::default()
    }
}

/// A window of `size` on `store` (or on the error opening it gave), showing `state`, with
/// the fonts installed and its first frames run.
pub(crate) fn window(
    store: Result<Store, StoreError>,
    state: UiState,
    size: [f32; 2],
) -> Harness<'static, App> {
    let mut harness = Harness::builder().with_size(size).build_eframe(move |cc| {
        zerenshu::fonts::install(&cc.egui_ctx);
        App::with_store(store, state)
    });
    harness.run();
    harness
}

/// The window as the program opens the file `db` (`App::new`: the lock, read-only fallbacks,
/// the damage check), laptop-sized, its first frames run.
pub(crate) fn opened_window(db: &std::path::Path) -> Harness<'static, App> {
    let db = db.to_path_buf();
    let mut harness = Harness::builder()
        .with_size(LAPTOP)
        .build_eframe(move |cc| App::new(cc, &db));
    harness.run();
    harness
}

/// The window as the app starts it on `store`: laptop-sized, on its first screen.
pub(crate) fn start(store: Result<Store, StoreError>) -> Harness<'static, App> {
    window(store, UiState::default(), LAPTOP)
}

/// Selects the unit named `name` in the 单位 list and opens its form with 编辑….
pub(crate) fn edit_unit(harness: &mut Harness<'_, App>, name: &str) {
    harness.get_by_label(name).click();
    harness.run();
    harness.get_by_label("编辑…").click();
    harness.run();
}

/// The app as it starts on the demo.
pub(crate) fn demo_window() -> Harness<'static, App> {
    start(Ok(demo_store()))
}

/// The 责任书 screen of `year` on `store`, tall enough for all 45 of the demo's rows to be
/// drawn (the table draws only the rows in view).
pub(crate) fn agreements_window(store: Store, year: i32) -> Harness<'static, App> {
    window(Ok(store), showing(View::Agreements, year), [1400.0, 1500.0])
}

/// Clicks the widget labelled `label`.
pub(crate) fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

/// Clicks the widget labelled `label`, scrolled into view first (the editors scroll).
pub(crate) fn click_in_view(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).scroll_to_me();
    harness.run();
    click(harness, label);
}

/// Types `text` into the text input labelled `label`, after what it holds.
pub(crate) fn type_into(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

/// Replaces the text of the text input labelled `label` by `text` (select all, then type).
pub(crate) fn retype(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

/// Replaces the text of the `nth` single-line input labelled `label` (rows repeat their
/// fields).
pub(crate) fn retype_nth(harness: &mut Harness<'_, App>, label: &str, nth: usize, text: &str) {
    let field = |harness: &Harness<'_, App>| {
        (harness.get_all_by_role_and_label(Role::TextInput, label))
            .nth(nth)
            .unwrap()
            .focus();
    };
    field(harness);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    (harness.get_all_by_role_and_label(Role::TextInput, label))
        .nth(nth)
        .unwrap()
        .type_text(text);
    harness.run();
}

/// Whether the button labelled `label` is disabled.
pub(crate) fn is_button_disabled(harness: &Harness<'_, App>, label: &str) -> bool {
    harness
        .get_by_role_and_label(Role::Button, label)
        .accesskit_node()
        .is_disabled()
}

/// Replaces the text of the input labelled `label`, found by its label alone: a multi-line
/// input too.
pub(crate) fn retype_any(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Types `text` into the last text field labelled `label` (the row just added, such as a new
/// control target's 指标).
pub(crate) fn type_in_last(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    (harness.get_all_by_role_and_label(egui::accesskit::Role::TextInput, label))
        .last()
        .expect("a text field of that label")
        .focus();
    harness.run();
    (harness.get_all_by_role_and_label(egui::accesskit::Role::TextInput, label))
        .last()
        .expect("a text field of that label")
        .type_text(text);
    harness.run();
}

/// Types `text` into the widget labelled `label`, found by its label alone (a 考核 cell, a
/// multi-line input), after what it holds.
pub(crate) fn type_at(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
}

/// Types `text` into the 考核 grid's cell labelled `label` and presses Enter.
pub(crate) fn type_cell(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    type_at(harness, label, text);
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// Picks `item` from the drop-down labelled `combo`: the list's entry, which comes after any
/// other widget of that name.
pub(crate) fn choose(harness: &mut Harness<'_, App>, combo: &str, item: &str) {
    harness.get_by_role_and_label(Role::ComboBox, combo).click();
    harness.run();
    harness.get_all_by_label(item).last().unwrap().click();
    harness.run();
}

/// 放弃修改 in the discard question (an editor may have a button of that name under it).
pub(crate) fn answer_discard(harness: &mut Harness<'_, App>) {
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
}

/// Whether the discard question is shown.
pub(crate) fn is_asking(harness: &Harness<'_, App>) -> bool {
    harness.query_by_label(DISCARD_QUESTION).is_some()
}

/// The text of a clause's (multi-line) field.
pub(crate) fn clause_text(harness: &Harness<'_, App>, label: &str) -> String {
    harness
        .get_by_role_and_label(Role::MultilineTextInput, label)
        .value()
        .unwrap()
}

/// The stored agreements of `year`.
pub(crate) fn agreements(harness: &Harness<'_, App>, year: i32) -> Vec<Agreement> {
    harness.state().store().unwrap().agreements(year).unwrap()
}

/// Renames the unit named `from` to `to` in `store`, as the unit form saves it.
pub(crate) fn rename_unit(store: &mut Store, from: &str, to: &str) {
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == from)
        .unwrap();
    to.clone_into(&mut unit.fields.name);
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
}

/// Where the control with the keyboard is drawn (the test fails when none has it).
pub(crate) fn focused_rect(harness: &Harness<'_, App>) -> egui::Rect {
    harness
        .root()
        .query_all(egui_kittest::kittest::by())
        .find(egui_kittest::Node::is_focused)
        .expect("the keyboard is somewhere")
        .rect()
}

/// The stored unit named `name`, as it is now.
pub(crate) fn unit_named(harness: &Harness<'_, App>, name: &str) -> zerenshu::model::Unit {
    let units = harness.state().store().unwrap().units().unwrap();
    units.into_iter().find(|u| u.fields.name == name).unwrap()
}

/// The stored agreement `id`, as it is now.
pub(crate) fn agreement(harness: &Harness<'_, App>, id: i64) -> Agreement {
    harness
        .state()
        .store()
        .unwrap()
        .agreement(id)
        .unwrap()
        .unwrap()
}

/// The first stored agreement of 2025 in `status`.
pub(crate) fn first_in(harness: &Harness<'_, App>, status: AgreementStatus) -> Agreement {
    crate::first_agreement::first_with_status(harness.state().store().unwrap(), status)
}

/// The name of `agreement`'s unit, which its row and detail show.
pub(crate) fn unit_name(harness: &Harness<'_, App>, agreement: &Agreement) -> String {
    harness
        .state()
        .store()
        .unwrap()
        .unit(agreement.draft.unit_id)
        .unwrap()
        .unwrap()
        .fields
        .name
}

/// What `agreement`'s row in the 签订跟踪 list names its unit by: the full name, or the short
/// name where the list's 单位 column (headed "单位（简称）") gives way beside the detail or in a
/// small window.
pub(crate) fn row_name(harness: &Harness<'_, App>, agreement: &Agreement) -> String {
    let store = harness.state().store().unwrap();
    let unit = store.unit(agreement.draft.unit_id).unwrap().unwrap();
    if harness.query_by_label("单位（简称）").is_some() && !unit.fields.short_name.is_empty()
    {
        unit.fields.short_name
    } else {
        unit.fields.name
    }
}

/// Clicks `agreement`'s row in the 签订跟踪 list, on its unit's name as the row shows it.
pub(crate) fn click_row(harness: &mut Harness<'_, App>, agreement: &Agreement) {
    let name = row_name(harness, agreement);
    click(harness, &name);
}

/// Ticks `agreement`'s row in the 签订跟踪 list by its number.
pub(crate) fn tick(harness: &mut Harness<'_, App>, agreement: &Agreement) {
    harness
        .get_by_role_and_label(Role::CheckBox, &agreement.draft.number.to_string())
        .click();
    harness.run();
}

/// Opens the detail of `unit`'s agreement by its name, then its 标记已签订… form.
pub(crate) fn open_signing_form(harness: &mut Harness<'_, App>, unit: &str) {
    click(harness, unit);
    click(harness, "标记已签订…");
}

/// A window on a new, empty database: the welcome dialog.
pub(crate) fn welcome_window() -> Harness<'static, App> {
    start(Store::open_in_memory())
}

/// 从空白开始 in the welcome dialog.
pub(crate) fn start_blank(harness: &mut Harness<'_, App>) {
    click(harness, "从空白开始（正式使用）");
}

/// Queues a click at `pos` for the next frame: pointer moved, pressed and released at once.
pub(crate) fn queue_click(harness: &mut Harness<'_, App>, pos: egui::Pos2) {
    harness
        .input_mut()
        .events
        .push(egui::Event::PointerMoved(pos));
    for pressed in [true, false] {
        harness.input_mut().events.push(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

/// A double click at `pos`: two clicks a frame apart.
pub(crate) fn double_click(harness: &mut Harness<'_, App>, pos: egui::Pos2) {
    queue_click(harness, pos);
    harness.step();
    queue_click(harness, pos);
    harness.run();
}

/// Runs frames until `done` holds (a PDF or backup job runs on a thread); false after 15 s.
/// Frame by frame: a running job's spinner never lets the window settle.
pub(crate) fn wait_until(
    harness: &mut Harness<'_, App>,
    done: impl Fn(&Harness<'_, App>) -> bool,
) -> bool {
    for _ in 0..300 {
        harness.step();
        if done(harness) {
            harness.run();
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    false
}

/// Runs frames until a toast starting with `start` is on screen.
pub(crate) fn wait_for_toast(harness: &mut Harness<'_, App>, start: &str) {
    let shown = wait_until(harness, |h| {
        h.state().toast_texts().any(|t| t.starts_with(start))
    });
    assert!(shown, "no toast “{start}…”");
}

/// How many template versions 2025 has in the store.
pub(crate) fn template_versions(harness: &Harness<'_, App>) -> usize {
    harness
        .state()
        .store()
        .unwrap()
        .templates(2025)
        .unwrap()
        .len()
}

/// Turns the mouse wheel by `delta` points (negative y scrolls down) where the pointer is.
pub(crate) fn wheel(harness: &mut Harness<'_, App>, delta: egui::Vec2) {
    harness.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Point,
        delta,
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Wheel,
        modifiers: egui::Modifiers::NONE,
    });
}

/// The label (or value) of the one widget holding the keyboard, if any.
pub(crate) fn keyboard_on(harness: &Harness<'_, App>) -> Option<String> {
    let node = harness
        .root()
        .query_all(egui_kittest::kittest::by())
        .find(egui_kittest::Node::is_focused)?;
    let node = node.accesskit_node();
    node.label().or(node.value())
}

/// Presses `keys` one after another, a frame for each.
pub(crate) fn press_each(harness: &mut Harness<'_, App>, keys: &[egui::Key]) {
    for key in keys {
        harness.key_press(*key);
        harness.run();
    }
}

/// Finds a label holding `text` once its line breaks are taken out: a preview breaks its lines
/// as the printed page does.
///
/// # Panics
/// When no label holds it.
pub(crate) fn get_by_text_contains(harness: &Harness<'_, App>, text: &str) {
    let owned = text.to_owned();
    let found = harness
        .query_all_by(move |node| {
            (node.label().or_else(|| node.value()))
                .is_some_and(|label| label.replace('\n', "").contains(&owned))
        })
        .count();
    assert!(found > 0, "no label holds “{text}”");
}

/// Types `copies` as the number 统一印 prints (its radio chosen already), ended with Enter.
pub(crate) fn type_fixed_copies(harness: &mut Harness<'_, App>, copies: i64) {
    harness
        .get_by_role_and_label(Role::SpinButton, "统一印")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::SpinButton, "统一印")
        .type_text(&copies.to_string());
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// Asks for the indicator set `set_id` to be marked final, as its 标记定稿 does.
pub(crate) fn mark_indicators_final(harness: &mut Harness<'_, App>, set_id: i64) {
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetIndicatorsFinal {
            set_id,
            is_final: true,
        });
    harness.run();
}
