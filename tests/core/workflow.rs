//! The signing workflow over a real store, in parts: the year rollover, batch drafting, the
//! lifecycle with its freeze trigger, template versions, indicator sets, the control targets
//! and the other checks before 定稿, publishing a year and the exports it outdates, and the
//! listing. The helpers here serve more than one part.

// Tests unwrap freely: a panic is the failure report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::similar_names
)]

use zerenshu::model::AgreementStatus;
use zerenshu::store::Store;
use zerenshu::workflow::{drafting, rollover};

use crate::support::demo_store;

mod agreement_list;
mod batch_drafting;
mod control_targets;
mod finalising;
mod indicator_sets;
mod lifecycle;
mod publication;
mod result_exports;
mod templates;
mod year_rollover;

/// The first 2025 draft of `store` and the template version it was drawn from.
fn first_draft(store: &Store) -> (zerenshu::model::Agreement, zerenshu::model::Template) {
    let draft = crate::first_agreement::first_with_status(store, AgreementStatus::Draft);
    let template = store
        .templates(2025)
        .unwrap()
        .into_iter()
        .find(|t| t.id == draft.draft.template_id)
        .unwrap();
    (draft, template)
}

fn demo_file() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    let mut store = Store::open(&path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    (dir, path, store)
}

/// Today, as the listing is asked on.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The demo with 2026 rolled over, its first template edited by `edit` and every unit
/// drafted; the edited template's category.
fn drafted_2026_after(edit: impl FnOnce(&mut zerenshu::model::TemplateDraft)) -> (Store, i64) {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut template = store.templates(2026).unwrap().remove(0);
    edit(&mut template.content);
    store
        .write(|w| w.save_template(Some(template.id), &template.content))
        .unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    (store, template.content.category_id)
}

/// Marks the indicators of `category_id` in `year` final.
fn indicators_final(store: &mut Store, year: i32, category_id: i64) {
    let set = store
        .indicator_sets(year)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == category_id)
        .unwrap();
    store
        .write(|w| w.set_indicator_set_final(set.id, true))
        .unwrap();
}
