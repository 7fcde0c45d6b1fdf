//! The scoring workbench at scale: the grid's frame time with 60 units × 20 indicators, and the
//! frame that saves a score there, and the time to recompute totals, grades and ranks of
//! 5,000 units. Run with
//! `cargo bench --bench assessment`.

// A benchmark may stop with a panic when its setup fails.
#![allow(clippy::expect_used)]

mod common;

use common::report;

use std::collections::BTreeMap;
use std::time::Instant;

use egui_kittest::Harness;
use zerenshu::model::{
    AgreementDraft, Indicator, IndicatorSet, Points, Score, Section, Tailoring, TemplateDraft,
    UnitAssessment, UnitDraft, UnitKind, Year, assess_category,
};
use zerenshu::store::{SETTING_INITIALIZED, Store};
use zerenshu::ui::{App, UiState, View};

const INDICATORS: usize = 20;

fn indicator_set(year: i32, category_id: i64) -> IndicatorSet {
    let indicators = (0..INDICATORS)
        .map(|n| Indicator {
            id: 0,
            name: format!("考核项目{n}"),
            points: Points::whole(5),
            criteria: "每缺一项扣1分".to_owned(),
            method: "查资料".to_owned(),
        })
        .collect();
    IndicatorSet {
        id: 0,
        year,
        category_id,
        bonus_cap: Points::whole(5),
        is_final: true,
        indicators,
        items: Vec::new(),
    }
}

fn store_with(units: usize) -> Store {
    let mut store = Store::open_in_memory().expect("store");
    store
        .write(|w| {
            let category = w.insert_category("镇街")?;
            w.insert_year(&Year::new(2025, "示例市人民政府"))?;
            let template = w.insert_template(&TemplateDraft {
                year: 2025,
                category_id: category,
                title_pattern: "{年度}年度安全生产目标管理责任书".to_owned(),
                preamble: String::new(),
                sections: vec![Section {
                    heading: "目标".to_owned(),
                    clauses: Vec::new(),
                }],
            })?;
            let set = w.insert_indicator_set(&indicator_set(2025, category))?;
            for n in 0..units {
                let unit = w.insert_unit(&UnitDraft {
                    name: format!("基准单位第{n}号"),
                    short_name: format!("单位{n}"),
                    kind: UnitKind::Town,
                    category_id: category,
                    principal_title: "镇长".to_owned(),
                    principal_name: zerenshu::demo::person_name(n),
                    contact_name: String::new(),
                    contact_phone: String::new(),
                    sort_order: i64::try_from(n).unwrap_or_default(),
                })?;
                let number = i64::try_from(n + 1).unwrap_or_default();
                let draft = AgreementDraft {
                    year: 2025,
                    unit_id: unit,
                    category_id: category,
                    template_id: template.id,
                    number,
                    tailoring: Tailoring::default(),
                    copies: 3,
                };
                let agreement = w.insert_agreement(&draft)?;
                for (i, indicator) in set.indicators.iter().enumerate() {
                    let value = Points(500 - i64::try_from((n + i) % 4).unwrap_or(0) * 50);
                    w.upsert_score(&Score {
                        agreement_id: agreement,
                        indicator_id: indicator.id,
                        self_score: Some(value),
                        assessed_score: Some(value),
                        note: String::new(),
                        self_note: String::new(),
                    })?;
                }
            }
            w.set_setting(SETTING_INITIALIZED, "1")
        })
        .expect("data");
    store
}

fn main() {
    let state = UiState {
        view: View::Assessment,
        year: Some(2025),
        ..UiState::default()
    };
    let store = store_with(60);
    let mut harness = Harness::builder()
        .with_size([1600.0, 1000.0])
        .build_eframe(move |cc| {
            zerenshu::fonts::install(&cc.egui_ctx);
            App::with_store(Ok(store), state)
        });
    harness.run();
    let mut frames = Vec::new();
    for _ in 0..200 {
        let start = Instant::now();
        harness.step();
        frames.push(start.elapsed());
    }
    report("scoring grid, 60 units x 20 indicators, frame", frames);

    // A score typed and saved: the frame that writes it (to the in-memory database) and
    // reads the year again.
    let (agreement_id, indicator_id) = {
        let store = harness.state().store().expect("store");
        let agreement = store.agreements(2025).expect("agreements").remove(0);
        let set = store.indicator_sets(2025).expect("sets").remove(0);
        (agreement.id, set.indicators.first().expect("indicator").id)
    };
    let mut saves = Vec::new();
    for n in 0..100_i64 {
        let value = Points(100 + n % 2 * 50);
        harness
            .state_mut()
            .queue_command(zerenshu::ui::Command::SetScore {
                score: Score {
                    agreement_id,
                    indicator_id,
                    self_score: Some(value),
                    assessed_score: Some(value),
                    note: String::new(),
                    self_note: String::new(),
                },
                reason: None,
            });
        let start = Instant::now();
        harness.step();
        saves.push(start.elapsed());
    }
    report(
        "scoring grid, 60 units x 20 indicators, frame saving a score",
        saves,
    );

    let year = Year::new(2025, "示例市人民政府");
    let mut set = indicator_set(2025, 1);
    for (id, indicator) in set.indicators.iter_mut().enumerate() {
        indicator.id = i64::try_from(id + 1).unwrap_or_default();
    }
    let units: Vec<UnitAssessment> = (0..5_000_i64)
        .map(|n| UnitAssessment {
            agreement_id: n,
            assessed: set
                .indicators
                .iter()
                .map(|i| (i.id, Points(500 - (n + i.id) % 5 * 37)))
                .collect::<BTreeMap<_, _>>(),
            adjustments: Vec::new(),
            is_vetoed: n % 997 == 0,
        })
        .collect();
    let mut runs = Vec::new();
    for _ in 0..50 {
        let start = Instant::now();
        let rows = assess_category(&year, &set, &units);
        runs.push(start.elapsed());
        assert_eq!(rows.len(), 5_000);
    }
    report("recompute and rank 5,000 units x 20 indicators", runs);
}
