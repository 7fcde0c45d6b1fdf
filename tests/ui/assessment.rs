//! The scoring workbench, driven by its Chinese labels: a score above the points is refused in
//! the cell with the old value kept; Enter and Tab fill cells below the fold; a veto turns the
//! unit's grade into 不合格; published results need a reason to change; notes are marked and
//! opened with F2; a deduction never keeps a bonus item.

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
use zerenshu::store::Store;
use zerenshu::ui::{App, UiState, View};

fn harness(year: i32) -> Harness<'static, App> {
    harness_sized(year, [1600.0, 1000.0])
}

fn harness_sized(year: i32, size: [f32; 2]) -> Harness<'static, App> {
    let mut store = Store::open_in_memory().unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let state = UiState {
        view: View::Assessment,
        year: Some(year),
        ..UiState::default()
    };
    let mut harness = Harness::builder().with_size(size).build_eframe(move |cc| {
        zerenshu::fonts::install(&cc.egui_ctx);
        App::with_store(Ok(store), state)
    });
    harness.run();
    harness
}

fn type_cell(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    harness.get_by_label(label).type_text(text);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

fn assessed(
    harness: &Harness<'_, App>,
    year: i32,
    unit_index: usize,
    indicator_index: usize,
) -> Option<Points> {
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(year).unwrap().remove(unit_index);
    let set = store
        .indicator_sets(year)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let indicator = set.indicators[indicator_index].id;
    store
        .scores(year)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == agreement.id && s.indicator_id == indicator)
        .and_then(|s| s.assessed_score)
}

#[test]
fn a_score_above_the_points_is_refused_in_the_cell_and_the_old_value_stays() {
    let mut harness = harness(2025);
    type_cell(&mut harness, "城关街道 组织领导 考核", "5.5");
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points(550)));
    type_cell(&mut harness, "城关街道 组织领导 考核", "9");
    harness.get_by_label_contains("满分 6 分，不能填 9；已保留原值 5.5");
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points(550)),
        "the old value is kept"
    );
    type_cell(&mut harness, "城关街道 组织领导 考核", "abc");
    harness.get_by_label_contains("“abc”不是有效的数字");
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points(550)));
}

#[test]
fn enter_moves_to_the_next_cell() {
    let mut harness = harness(2025);
    type_cell(&mut harness, "城关街道 组织领导 自评", "6");
    harness
        .get_by_label("城关街道 组织领导 考核")
        .type_text("5");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points::whole(5)));
}

#[test]
fn a_veto_makes_the_grade_fail_whatever_the_score_and_published_results_need_a_reason() {
    let mut harness = harness(2024);
    // 城关街道 scored 96.5 plus a capped bonus in 2024: 优秀 before the veto.
    harness.get_by_label("城关街道 等次：优秀");
    assert!(harness.query_by_label("城关街道 等次：不合格").is_none());
    harness.get_by_label("城关街道").click();
    harness.run();
    harness.get_by_label("否决理由").focus();
    harness.run();
    harness
        .get_by_label("否决理由")
        .type_text("复核发现瞒报一起事故");
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "一票否决")
            .is_some()
    );
    harness.get_by_label("修改理由").focus();
    harness.run();
    harness.get_by_label("修改理由").type_text("复核更正");
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2024).unwrap().remove(0);
    assert!(
        store
            .vetoes(2024)
            .unwrap()
            .iter()
            .any(|v| v.agreement_id == agreement.id)
    );
    let audit = store.audit_entries(5).unwrap();
    assert!(audit.iter().any(|e| e.action == "一票否决"));
    harness.get_by_label_contains("已一票否决");
    harness.get_by_label("城关街道 等次：不合格");
    assert!(harness.query_by_label("城关街道 等次：优秀").is_none());
}

#[test]
fn published_scores_are_locked_without_a_reason() {
    let mut store = Store::open_in_memory().unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let agreement = store.agreements(2024).unwrap().remove(0);
    let mut score = store
        .scores(2024)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == agreement.id)
        .unwrap();
    score.assessed_score = Some(Points::whole(1));
    let refused = store
        .write(|w| w.change_score(&score, None))
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("已通报") && refused.contains("理由"),
        "{refused}"
    );
    store
        .write(|w| w.change_score(&score, Some("复核更正")))
        .unwrap();
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "修改评分");
    assert!(entry.after_json.unwrap().contains("复核更正"));
    assert!(
        entry.before_json.is_some(),
        "the old value is kept in the audit log"
    );
}

/// Ids with names: (agreement id, unit short name) or (indicator id, indicator name).
type Named = Vec<(i64, String)>;

/// The 镇街 units' short names in grid order and the category's indicator names, for 2025.
fn town_grid(harness: &Harness<'_, App>) -> (Named, Named) {
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

#[test]
fn enter_and_tab_fill_cells_below_the_fold_and_every_value_is_saved() {
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
    let first = label(0, 0, "自评");
    harness.get_by_label(&first).focus();
    harness.run();
    let mut expected = Vec::new();
    let mut step = 0_usize;
    for (row, (agreement_id, _)) in rows.iter().enumerate().take(last_row + 1) {
        for indicator in 0..indicators.len() {
            for half in ["自评", "考核"] {
                let here = label(row, indicator, half);
                let node = harness.get_by_label(&here);
                assert!(node.is_focused(), "{here} has the keyboard");
                // Type into the first indicator of every row; move on from the others.
                if indicator == 0 {
                    let value = format!("{}.5", row % 5);
                    node.type_text(&value);
                    harness.run();
                    if half == "考核" {
                        expected.push((*agreement_id, Points::parse(&value).unwrap()));
                    }
                }
                // Alternate Enter and Tab; the last cell of a row goes on to the next row.
                let key = if step.is_multiple_of(2) {
                    egui::Key::Enter
                } else {
                    egui::Key::Tab
                };
                harness.key_press(key);
                harness.run();
                step += 1;
            }
        }
    }
    assert!(
        harness
            .get_by_label(&label(last_row + 1, 0, "自评"))
            .is_focused()
    );
    // Shift+Tab goes back to the end of the row above.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    let back = label(last_row, indicators.len() - 1, "考核");
    assert!(harness.get_by_label(&back).is_focused(), "{back}");
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
fn a_cell_with_a_note_is_marked_and_f2_opens_its_note() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[0].1, indicators[1].1);
    let marker = format!("{} {} 说明", rows[0].1, indicators[1].1);
    assert!(harness.query_by_label(&marker).is_none());
    harness.get_by_label(&cell).focus();
    harness.run();
    harness.key_press(egui::Key::F2);
    harness.run();
    let note = harness.get_by_role_and_label(Role::MultilineTextInput, "说明");
    assert!(note.is_focused(), "the note field has the keyboard");
    note.type_text("现场检查台账齐全");
    harness.run();
    harness.get_by_label("保存说明").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let saved = store
        .scores(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == rows[0].0 && s.indicator_id == indicators[1].0)
        .unwrap();
    assert_eq!(saved.note, "现场检查台账齐全");
    harness.get_by_label(&marker);
}

#[test]
fn switching_a_bonus_to_a_deduction_drops_the_bonus_item() {
    let mut harness = harness(2025);
    harness.get_by_label("城关街道").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "事项")
        .click();
    harness.run();
    harness
        .get_by_label("获评省级安全发展示范或标准化示范称号")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "扣分")
        .click();
    harness.run();
    for (label, text) in [("分值", "1"), ("理由", "材料迟报")] {
        harness.get_by_label(label).focus();
        harness.run();
        harness.get_by_label(label).type_text(text);
        harness.run();
    }
    harness.get_by_label("录入加减分").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let adjustments = store.adjustments(2025).unwrap();
    let saved = adjustments
        .iter()
        .find(|a| a.agreement_id == agreement.id)
        .unwrap();
    assert_eq!(saved.kind, zerenshu::model::AdjustmentKind::Deduction);
    assert_eq!(saved.item_id, None, "no bonus item on a deduction");
    assert_eq!(saved.points, Points::whole(1));
}
