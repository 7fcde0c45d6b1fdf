//! Frame time of the 单位 screen with 5,000 units (goal: under 8 ms per frame).
//!
//! Runs the real `App` in an egui_kittest harness (egui pass and accessibility tree, no GPU),
//! first idle, then while the table scrolls. Run with `cargo bench --bench units_frame`.

// A benchmark may stop with a panic when its setup fails.
#![allow(clippy::expect_used)]

mod common;

use common::report;

use std::time::Instant;

use egui_kittest::Harness;
use zerenshu::model::{UnitDraft, UnitKind};
use zerenshu::store::{SETTING_INITIALIZED, Store};
use zerenshu::ui::{App, UiState};

const UNITS: usize = 5_000;
const FRAMES: usize = 300;

fn store_with_units() -> Store {
    let mut store = Store::open_in_memory().expect("in-memory store");
    store
        .write(|w| {
            let category = w.insert_category("镇街")?;
            for n in 0..UNITS {
                let draft = UnitDraft {
                    name: format!("示例单位第{n}号响嘡街道办事处"),
                    short_name: format!("单位{n}"),
                    kind: UnitKind::ALL
                        .get(n % UnitKind::ALL.len())
                        .copied()
                        .unwrap_or(UnitKind::Town),
                    category_id: category,
                    principal_title: "主任".to_owned(),
                    principal_name: zerenshu::demo::person_name(n),
                    contact_name: zerenshu::demo::person_name(n + 7),
                    contact_phone: format!("0399-{n:07}"),
                    sort_order: i64::try_from(n).unwrap_or_default(),
                };
                w.insert_unit(&draft)?;
            }
            w.set_setting(SETTING_INITIALIZED, "1")
        })
        .expect("5,000 units");
    store
}

fn main() {
    let store = store_with_units();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            zerenshu::fonts::install(&cc.egui_ctx);
            App::with_store(Ok(store), UiState::default())
        });
    harness.run();
    let mut idle = Vec::with_capacity(FRAMES);
    for _ in 0..FRAMES {
        let start = Instant::now();
        harness.step();
        idle.push(start.elapsed());
    }
    report("单位 screen, 5,000 units, idle", idle);

    let mut scrolling = Vec::with_capacity(FRAMES);
    harness.hover_at(egui::pos2(640.0, 400.0));
    for _ in 0..FRAMES {
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
    report("单位 screen, 5,000 units, scrolling", scrolling);
}
