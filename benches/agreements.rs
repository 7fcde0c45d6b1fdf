//! The 责任书 workflow at scale: drafting 500 agreements in one batch on a real database file,
//! and the 责任书 screen's frame time with 5,000 agreements. Run with
//! `cargo bench --bench agreements`.

// A benchmark may stop with a panic when its setup fails.
#![allow(clippy::expect_used)]

mod common;

use common::report;

use std::time::Instant;

use egui_kittest::Harness;
use zerenshu::model::{UnitDraft, UnitKind};
use zerenshu::store::Store;
use zerenshu::ui::{App, UiState, View};
use zerenshu::workflow::{drafting, rollover};

/// A demo database with `extra` more active units, rolled over into an empty 2026.
fn store_with_units(store: &mut Store, extra: usize) {
    zerenshu::demo::load(store).expect("demo");
    let categories = store.categories().expect("categories");
    store
        .write(|w| {
            for n in 0..extra {
                let category = categories.get(n % categories.len()).map_or(1, |c| c.id);
                let draft = UnitDraft {
                    name: format!("基准测试单位第{n}号"),
                    short_name: format!("单位{n}"),
                    kind: UnitKind::Department,
                    category_id: category,
                    principal_title: "局长".to_owned(),
                    principal_name: zerenshu::demo::person_name(n),
                    contact_name: String::new(),
                    contact_phone: String::new(),
                    sort_order: i64::try_from(100 + n).unwrap_or_default(),
                };
                w.insert_unit(&draft)?;
            }
            Ok(())
        })
        .expect("units");
    rollover::rollover(store, 2025, 2026).expect("rollover");
}

fn bench_drafting() {
    let mut times = Vec::new();
    for _ in 0..5 {
        let dir = tempfile::tempdir().expect("temp dir");
        let mut store = Store::open(&dir.path().join("bench.sqlite3")).expect("store");
        store_with_units(&mut store, 455);
        let start = Instant::now();
        let report = drafting::draft(&mut store, 2026, None, |_, _| {}).expect("draft");
        times.push(start.elapsed());
        assert_eq!(report.created, 500);
    }
    report(
        "draft 500 agreements in one batch, automatic backup first (database file, synchronous=FULL)",
        times,
    );
}

fn bench_screen() {
    let mut store = Store::open_in_memory().expect("store");
    store_with_units(&mut store, 4_955);
    drafting::draft(&mut store, 2026, None, |_, _| {}).expect("draft");
    let state = UiState {
        view: View::Agreements,
        year: Some(2026),
        ..UiState::default()
    };
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            zerenshu::fonts::install(&cc.egui_ctx);
            App::with_store(Ok(store), state)
        });
    harness.run();
    let mut idle = Vec::new();
    for _ in 0..300 {
        let start = Instant::now();
        harness.step();
        idle.push(start.elapsed());
    }
    report("责任书 screen, 5,000 agreements, idle frame", idle);
    harness.hover_at(egui::pos2(500.0, 500.0));
    let mut scrolling = Vec::new();
    for _ in 0..300 {
        harness.event(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, -3.0),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Wheel,
            modifiers: egui::Modifiers::NONE,
        });
        let start = Instant::now();
        harness.step();
        scrolling.push(start.elapsed());
    }
    report(
        "责任书 screen, 5,000 agreements, scrolling frame",
        scrolling,
    );
}

fn main() {
    bench_drafting();
    bench_screen();
}
