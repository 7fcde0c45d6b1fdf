//! The scoring workbench, driven by its Chinese labels, in parts: refused values named with
//! the old value (or 空) kept in the cell and emptied cells in `refusals`; published results
//! locked without a reason in `published`; vetoes in `vetoes`; bonuses and deductions in
//! `adjustments`; notes marked and opened with F2 in `notes`; the grid and its marks, and an
//! open detail following the row being scored, in `grid`. The keyboard's tests are in
//! `keyboard`, typing faster than the grid redraws in `fast_typing`, the detail's keyboard,
//! its marks on bonuses and full-width digits in `detail_keyboard`, and how the grid and the
//! detail share the window's height in `layout`.

// Tests unwrap freely: a panic is the failure report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::similar_names
)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::Points;
use zerenshu::ui::{App, View};

use crate::support::{demo_store, showing, window};

mod adjustments;
mod detail_keyboard;
mod entered_values;
mod fast_typing;
mod grid;
mod keyboard;
mod layout;
mod notes;
mod published;
mod refusals;
mod typing;
mod veto_keyboard;
mod vetoes;

fn harness(year: i32) -> Harness<'static, App> {
    harness_sized(year, [1600.0, 1000.0])
}

fn harness_sized(year: i32, size: [f32; 2]) -> Harness<'static, App> {
    window(Ok(demo_store()), showing(View::Assessment, year), size)
}

/// The saved 考核 score of one agreement and indicator in 2025.
fn saved(harness: &Harness<'_, App>, agreement_id: i64, indicator_id: i64) -> Option<Points> {
    let store = harness.state().store().unwrap();
    store
        .scores(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == agreement_id && s.indicator_id == indicator_id)
        .and_then(|s| s.assessed_score)
}

/// Ids with names: (agreement id, unit short name) or (indicator id, indicator name).
pub(crate) type Named = Vec<(i64, String)>;

/// The 镇街 units' short names in grid order and the category's indicator names, for 2025.
pub(crate) fn town_grid(harness: &Harness<'_, App>) -> (Named, Named) {
    let store = harness.state().store().unwrap();
    let agreements = store.agreements(2025).unwrap();
    let category_id = agreements[0].draft.category_id;
    let units = store.units().unwrap();
    let rows = agreements
        .iter()
        .filter(|a| a.draft.category_id == category_id)
        .map(|a| {
            let unit = units.iter().find(|u| u.id == a.draft.unit_id).unwrap();
            (a.id, unit.fields.display_short_name().to_owned())
        })
        .collect();
    let set = store
        .indicator_sets(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == category_id)
        .unwrap();
    let indicators = set
        .indicators
        .iter()
        .map(|i| (i.id, i.name.clone()))
        .collect();
    (rows, indicators)
}

/// Opens the note of one cell with F2 and types `text` into it.
pub(crate) fn type_note_after_f2(harness: &mut Harness<'_, App>, cell: &str, text: &str) {
    harness.get_by_label(cell).focus();
    harness.run();
    harness.key_press(egui::Key::F2);
    harness.run();
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "说明")
        .type_text(text);
    harness.run();
}
