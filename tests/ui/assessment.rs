//! The scoring workbench, driven by its Chinese labels: a refused value is named with the old
//! value (or 空) kept in the cell, the keyboard moving on; a veto turns the unit's grade into 不合格; published results
//! need a reason to change; notes are marked and opened with F2; a deduction never keeps a bonus
//! item, and a bonus is listed with its rule item and 事项; a fixed-value item fills in its points; an open detail follows the row being
//! scored; a unit failing two years in a row is marked. The keyboard's tests are in `keyboard`, typing faster than the grid redraws in
//! `fast_typing`, the detail's keyboard, its marks on bonuses and full-width digits in
//! `detail_keyboard`, and how the grid and the detail share the window's height in `layout`.

// Tests unwrap freely: a panic is the failure report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::similar_names
)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{Points, Score};
use zerenshu::ui::{App, View};

use crate::support::{choose, demo_store, showing, type_at, type_cell, type_into, window};

mod detail_keyboard;
mod fast_typing;
mod keyboard;
mod layout;

fn harness(year: i32) -> Harness<'static, App> {
    harness_sized(year, [1600.0, 1000.0])
}

fn harness_sized(year: i32, size: [f32; 2]) -> Harness<'static, App> {
    window(Ok(demo_store()), showing(View::Assessment, year), size)
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
fn a_year_still_at_signing_says_so_beside_the_heading() {
    let harness = harness(2025);
    let store = harness.state().store().unwrap();
    let unsigned = (store.agreements(2025).unwrap().iter())
        .filter(|a| a.status < zerenshu::model::AgreementStatus::Signed)
        .count();
    assert!(unsigned > 0);
    harness.get_by_label_contains(&format!(
        "2025 年度还在“签订”阶段，录入第一个评分后自动转入“考核”，{unsigned} 份责任书尚未签订"
    ));
    // The note says how such rows are marked.
    harness.get_by_label_contains("序号标橙");
    // A published year is not told so.
    let published = self::harness(2024);
    assert!(
        published
            .query_by_label_contains("还在“签订”阶段")
            .is_none()
    );
    // The first score moves the year to 考核; the agreements still out are said on.
    let mut harness = harness;
    let (rows, indicators) = town_grid(&harness);
    type_cell(
        &mut harness,
        &format!("{} {} 考核", rows[0].1, indicators[0].1),
        "5",
    );
    harness.get_by_label_contains(&format!("2025 年度 {unsigned} 份责任书尚未签订"));
    assert!(harness.query_by_label_contains("还在“签订”阶段").is_none());
}

#[test]
fn a_refused_value_is_named_with_the_old_value_kept_in_the_cell_and_the_grid_stays_put() {
    let mut harness = harness(2025);
    let cell = "城关街道 组织领导 考核";
    type_cell(&mut harness, cell, "5.5");
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points(550)));
    // The first score moves the year on from 签订 to 考核.
    let phase = (harness.state().store().unwrap().year(2025).unwrap())
        .unwrap()
        .phase;
    assert_eq!(phase, zerenshu::model::Phase::Assessing);
    let before = harness.get_by_label(cell).rect();
    type_cell(&mut harness, cell, "9");
    harness
        .get_by_label_contains("城关街道 组织领导 考核：该项分值 6 分，不能填 9；已保留原值 5.5");
    assert_eq!(
        harness.get_by_label(cell).value().as_deref(),
        Some("5.5"),
        "the cell shows the old value"
    );
    // The keyboard moves on all the same (values typed from a paper sheet keep to their
    // cells); the clerk comes back to the refused one.
    assert!(!harness.get_by_label(cell).is_focused());
    assert!(
        harness.get_by_label("响嘡街道 组织领导 考核").is_focused(),
        "Enter on a refused value goes down as on any other"
    );
    type_cell(&mut harness, cell, "6");
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points::whole(6)));
    type_cell(&mut harness, cell, "5.5");
    type_cell(&mut harness, cell, "9");
    assert_eq!(
        harness.get_by_label(cell).rect(),
        before,
        "the message does not push the grid down"
    );
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points(550)),
        "the old value is kept"
    );
    for (typed, reason) in [
        ("abc", "“abc”不是有效的数字"),
        ("-1", "得分不能为负数"),
        ("1.234", "得分最多保留两位小数"),
    ] {
        type_cell(&mut harness, cell, typed);
        harness.get_by_label_contains(&format!("{reason}；已保留原值 5.5"));
        assert_eq!(harness.get_by_label(cell).value().as_deref(), Some("5.5"));
        assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points(550)));
    }
    // Esc in the refused cell keeps the old value: that answers the refusal, its message goes.
    type_cell(&mut harness, cell, "9");
    harness.get_by_label_contains("不能填 9；已保留原值 5.5");
    harness.get_by_label(cell).click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label_contains("已保留原值").is_none());
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points(550)));
    assert!(
        harness.get_by_label(cell).is_focused(),
        "that Esc answered the refusal: the keyboard stays in the grid"
    );
    // A good value clears the message.
    type_cell(&mut harness, cell, "4");
    assert_eq!(assessed(&harness, 2025, 0, 0), Some(Points::whole(4)));
    assert!(harness.query_by_label_contains("已保留原值").is_none());
    // A cell with no value yet says the value kept is empty.
    let empty = "城关街道 组织领导 自评";
    assert_eq!(harness.get_by_label(empty).value().as_deref(), Some(""));
    type_cell(&mut harness, empty, "7");
    harness
        .get_by_label_contains("城关街道 组织领导 自评：该项分值 6 分，不能填 7；已保留原值（空）");
    assert_eq!(harness.get_by_label(empty).value().as_deref(), Some(""));
    // A value saved there by other means (an imported form) answers the refusal.
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let mut score = (store.scores(2025).unwrap().into_iter())
        .find(|s| s.agreement_id == agreement.id && s.assessed_score == Some(Points::whole(4)))
        .unwrap();
    score.self_score = Some(Points::whole(5));
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetScore {
            score,
            reason: None,
        });
    harness.run();
    assert_eq!(harness.get_by_label(empty).value().as_deref(), Some("5"));
    assert!(harness.query_by_label_contains("已保留原值").is_none());
}

/// Once something else is saved, the line above the grid says what the red frame left on a
/// refused cell means, and the cell, given the keyboard again, names its refusal again.
#[test]
fn a_red_frame_is_explained_and_its_cell_names_the_refusal_again() {
    let mut harness = harness(2025);
    let cell = "城关街道 组织领导 考核";
    type_cell(&mut harness, cell, "9");
    let refusal = "城关街道 组织领导 考核：该项分值 6 分，不能填 9";
    harness.get_by_label_contains(refusal);
    type_cell(&mut harness, "新华街道 组织领导 考核", "5");
    assert!(harness.query_by_label_contains(refusal).is_none());
    let note =
        "红框：在该格输入的值未被接受，格中仍是原来的值；到该格可再看原因，输入正确的值后红框消失";
    harness.get_by_label(note);
    harness.get_by_label(cell).focus();
    harness.run();
    harness.run();
    harness.get_by_label_contains(refusal);
    type_cell(&mut harness, cell, "5");
    assert!(harness.query_by_label(note).is_none(), "no red frame left");
}

/// Empties `cell`: a click selects the value whole, Backspace empties it, Enter saves the
/// empty cell.
fn empty_cell(harness: &mut Harness<'_, App>, cell: &str) {
    harness.get_by_label(cell).click();
    harness.run();
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// In a published year a score is changed with a reason, never emptied: the results stay
/// complete, the value stays, and the cell says why.
#[test]
fn a_published_score_is_not_emptied() {
    let mut harness = harness(2024);
    type_at(&mut harness, "修改理由", "复核更正");
    let cell = "城关街道 组织领导 考核";
    let before = assessed(&harness, 2024, 0, 0);
    assert!(before.is_some());
    empty_cell(&mut harness, cell);
    // Asked first (the reason it will be logged under), then refused.
    if let Some(ok) = harness.query_by_role_and_label(Role::Button, "确定") {
        ok.click();
        harness.run();
    }
    assert_eq!(assessed(&harness, 2024, 0, 0), before);
    harness.get_by_label_contains("考核组评分只能改为其他分值，不能清空");
}

#[test]
fn emptying_a_cell_deletes_its_score_and_says_so_above_the_grid() {
    let mut harness = harness(2025);
    let cell = "城关街道 组织领导 考核";
    type_cell(&mut harness, cell, "5.5");
    empty_cell(&mut harness, cell);
    assert_eq!(assessed(&harness, 2025, 0, 0), None, "the score is deleted");
    harness.get_by_label("已清除“城关街道 组织领导 考核”的分值（原为 5.5）");
    // A stray Backspace is undone from the line, clicked with the mouse; the keyboard goes
    // back to the cell it was in (Enter took it to the next unit's), so typing goes on there.
    let restore = harness.get_by_label("恢复原值").rect().center();
    crate::support::queue_click(&mut harness, restore);
    harness.run();
    assert_eq!(
        assessed(&harness, 2025, 0, 0),
        Some(Points::parse("5.5").unwrap())
    );
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("响嘡街道 组织领导 考核")
    );
    assert!(harness.query_by_label_contains("已清除").is_none());
    // Emptied again, it is said again.
    empty_cell(&mut harness, cell);
    assert_eq!(assessed(&harness, 2025, 0, 0), None);
    harness.get_by_label("已清除“城关街道 组织领导 考核”的分值（原为 5.5）");
    // The next value saved retires the line.
    type_cell(&mut harness, "响嘡街道 组织领导 考核", "5");
    assert!(harness.query_by_label_contains("已清除").is_none());
}

#[test]
fn a_veto_makes_the_grade_fail_whatever_the_score_and_published_results_need_a_reason() {
    let mut harness = harness(2024);
    // 城关街道 scored 96.5 plus a capped bonus in 2024: 优秀 before the veto.
    harness.get_by_label("城关街道 等次：优秀");
    assert!(harness.query_by_label("城关街道 等次：不合格").is_none());
    let vetoed =
        |harness: &Harness<'_, App>| harness.state().store().unwrap().vetoes(2024).unwrap().len();
    harness.get_by_label("城关街道").click();
    harness.run();
    type_at(&mut harness, "否决理由", "复核发现瞒报一起事故");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "一票否决")
            .is_some()
    );
    type_at(&mut harness, "修改理由", "复核更正");
    // No condition is chosen for the clerk: one must be, before anything is recorded.
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    harness.get_by_label_contains("请选择否决条件");
    assert_eq!(vetoed(&harness), 1, "only 石桥镇's, from the demo");
    choose(&mut harness, "否决条件", "发生较大及以上生产安全事故");
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    // Asked once, naming the condition; 取消 records nothing.
    harness.get_by_label("对城关街道办事处一票否决（发生较大及以上生产安全事故）？");
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    assert_eq!(vetoed(&harness), 1, "only 石桥镇's, from the demo");
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "确认否决")
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
    // Lifting it asks, and says under which reason it will be logged.
    harness
        .get_by_role_and_label(Role::Button, "撤销否决")
        .click();
    harness.run();
    harness.get_by_label(
        "考核结果已通报：操作记录中的修改理由将是“复核更正”；理由不符请先取消，在表格上方改写理由",
    );
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    // Esc after the button goes back to the grid, as the help line says, also when the
    // keyboard was left nowhere (as a mouse click on the button leaves it).
    if let Some(focused) = harness.ctx.memory(egui::Memory::focused) {
        harness.ctx.memory_mut(|m| m.surrender_focus(focused));
    }
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        harness.query_by_label("否决理由").is_none(),
        "back at the grid"
    );
}

#[test]
fn lifting_a_veto_is_asked_about_first() {
    let mut harness = harness(2025);
    harness.get_by_label("城关街道").click();
    harness.run();
    type_at(&mut harness, "否决理由", "发生瞒报");
    choose(&mut harness, "否决条件", "其他（在理由中写明）");
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    harness.get_by_label("对城关街道办事处一票否决（其他）？");
    // Opened by a click too, the question has the keyboard on its button.
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "确认否决")
            .is_focused(),
        "Enter confirms"
    );
    harness
        .get_by_role_and_label(Role::Button, "确认否决")
        .click();
    harness.run();
    let vetoes =
        |harness: &Harness<'_, App>| harness.state().store().unwrap().vetoes(2025).unwrap().len();
    assert_eq!(vetoes(&harness), 1);
    for (answer, left) in [("取消", 1), ("确认撤销", 0)] {
        harness
            .get_by_role_and_label(Role::Button, "撤销否决")
            .click();
        harness.run();
        harness.get_by_label_contains("撤销本单位的一票否决（");
        harness.get_by_label("撤销后，该单位按得分评定等次");
        assert!(
            harness
                .query_by_label_contains("操作记录中的修改理由")
                .is_none(),
            "not published: no reason to name"
        );
        assert_eq!(vetoes(&harness), 1, "nothing lifted before the answer");
        harness.get_by_role_and_label(Role::Button, answer).click();
        harness.run();
        assert_eq!(vetoes(&harness), left, "{answer}");
    }
}

#[test]
fn published_scores_are_locked_without_a_reason() {
    let mut store = demo_store();
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

#[test]
fn a_published_score_corrected_names_the_note_it_keeps() {
    let mut harness = harness(2024);
    let store = harness.state().store().unwrap();
    let mut score = (store.scores(2024).unwrap().into_iter())
        .find(|s| !s.note.trim().is_empty() && s.assessed_score.is_some())
        .unwrap();
    let note = score.note.trim().to_owned();
    score.assessed_score = Some(Points::ZERO);
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetScore {
            score,
            reason: Some("复核更正".to_owned()),
        });
    harness.run();
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.contains(&format!("该项评分说明仍为“{note}”：如与新分值不符"))),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
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

/// In a low window the note comes below the detail's lower edge: choosing its indicator (F2
/// chooses it) brings the note and its 保存说明 into sight.
#[test]
fn a_note_chosen_in_a_low_window_comes_into_sight_with_its_button() {
    let mut harness = harness_sized(2025, [1024.0, 700.0]);
    let (rows, indicators) = town_grid(&harness);
    // The keyboard help open, as a clerk may leave it: less room for the grid and detail.
    if let Some(help) = harness.query_by_label("键盘操作说明…") {
        help.click();
        harness.run();
    }
    harness.get_by_label("收起说明");
    harness
        .get_by_role_and_label(Role::Link, &rows[3].1)
        .click();
    harness.run_steps(4);
    choose_note_indicator(&mut harness, &indicators[0].1);
    let button = harness.get_by_label("保存说明").rect();
    assert!(button.bottom() <= 700.0, "{button:?}");
}

/// Chooses `indicator` in the open detail's 指标 list (the last of the labels so named: the
/// grid's column head bears it too).
fn choose_note_indicator(harness: &mut Harness<'_, App>, indicator: &str) {
    harness
        .get_by_role_and_label(Role::ComboBox, "指标")
        .click();
    harness.run();
    let options = harness.query_all_by_label(indicator).count();
    harness
        .query_all_by_label(indicator)
        .nth(options - 1)
        .unwrap()
        .click();
    harness.run_steps(4);
}

/// The note is written for a chosen indicator: before one is chosen its field takes nothing
/// (what was typed there had nowhere to go and was lost).
#[test]
fn a_note_waits_for_its_indicator_to_be_chosen() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    harness
        .get_by_role_and_label(Role::Link, &rows[3].1)
        .click();
    harness.run_steps(4);
    let is_disabled = |harness: &Harness<'_, App>| {
        (harness.get_by_role_and_label(Role::MultilineTextInput, "说明"))
            .accesskit_node()
            .is_disabled()
    };
    assert!(is_disabled(&harness));
    choose_note_indicator(&mut harness, &indicators[0].1);
    assert!(!is_disabled(&harness));
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

/// The stored score of one cell of 2025.
fn stored_score(harness: &Harness<'_, App>, agreement_id: i64, indicator_id: i64) -> Score {
    harness
        .state()
        .store()
        .unwrap()
        .scores(2025)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == agreement_id && s.indicator_id == indicator_id)
        .unwrap()
}

#[test]
fn a_note_typed_after_f2_is_kept_when_esc_goes_back_to_the_grid() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[1].1, indicators[2].1);
    type_note_after_f2(&mut harness, &cell, "查阅会议纪要");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::MultilineTextInput, "说明")
            .is_none(),
        "back at the grid"
    );
    let saved = stored_score(&harness, rows[1].0, indicators[2].0);
    assert_eq!(saved.note, "查阅会议纪要");
    harness.get_by_label(&format!("{} {} 说明", rows[1].1, indicators[2].1));
}

/// Opens 城关街道's detail in 2025 and chooses its provincial-award bonus item.
fn open_with_bonus_item(harness: &mut Harness<'_, App>) {
    harness.get_by_label("城关街道").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "加扣分项目")
        .click();
    harness.run();
    harness
        .get_by_label("获评省级安全发展示范或标准化示范称号\u{3000}最多加 1 分")
        .click();
    harness.run();
}

#[test]
fn switching_a_bonus_to_a_deduction_drops_the_bonus_item() {
    let mut harness = harness(2025);
    open_with_bonus_item(&mut harness);
    harness
        .get_by_role_and_label(Role::RadioButton, "扣分")
        .click();
    harness.run();
    // A deduction under （其他） is told what limits it.
    harness.get_by_label("规则外扣分：自填分值和理由，总得分扣至 0 分为止");
    for (label, text) in [("分值", "1"), ("理由", "材料迟报")] {
        type_at(&mut harness, label, text);
    }
    harness.get_by_label("录入加扣分").click();
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

/// Opens 城关街道's detail on a deduction.
fn open_deduction(harness: &mut Harness<'_, App>) {
    harness.get_by_label("城关街道").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "扣分")
        .click();
    harness.run();
}

#[test]
fn a_deduction_above_the_full_score_is_refused() {
    let mut harness = harness(2025);
    open_deduction(&mut harness);
    type_into(&mut harness, "分值", "200");
    type_into(&mut harness, "理由", "台账缺失");
    harness.get_by_label("录入加扣分").click();
    harness.run();
    harness.get_by_label_contains("扣分 200 分超过了本年度满分 100 分，请核对分值");
    let store = harness.state().store().unwrap();
    assert!(
        store.adjustments(2025).unwrap().is_empty(),
        "nothing stored"
    );
}

/// Enter in 事项 records the entry, as Enter in 分值 or 理由 does.
#[test]
fn enter_in_the_matter_records_the_entry() {
    let mut harness = harness(2025);
    open_deduction(&mut harness);
    type_into(&mut harness, "分值", "1");
    type_into(&mut harness, "理由", "台账缺失");
    type_into(&mut harness, "事项", "安全台账");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let store = harness.state().store().unwrap();
    let recorded = store.adjustments(2025).unwrap();
    assert_eq!(recorded.len(), 1, "{recorded:?}");
    assert_eq!(recorded[0].reason, "台账缺失");
}

#[test]
fn a_fixed_value_deduction_item_fills_in_its_points() {
    let mut harness = harness(2025);
    open_deduction(&mut harness);
    harness
        .get_by_role_and_label(Role::ComboBox, "加扣分项目")
        .click();
    harness.run();
    // Offered with its points, as the bonus items whose names say theirs.
    harness
        .get_by_label("被上级通报批评（每次）\u{3000}每次扣 2 分，累计最多扣 6 分")
        .click();
    harness.run();
    let points = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::TextInput, "分值")
            .accesskit_node()
            .value()
    };
    assert_eq!(points(&harness).as_deref(), Some("2"));
    type_into(&mut harness, "理由", "市安委办通报第3期");
    harness.get_by_label("录入加扣分").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let saved: Vec<Points> = (store.adjustments(2025).unwrap().iter())
        .filter(|a| a.agreement_id == agreement.id)
        .map(|a| a.points)
        .collect();
    assert_eq!(saved, [Points::whole(2)]);
    // Ready for the next occurrence.
    assert_eq!(points(&harness).as_deref(), Some("2"));
}

#[test]
fn a_bonus_above_its_items_points_is_refused_and_a_matter_is_kept() {
    let mut harness = harness(2025);
    open_with_bonus_item(&mut harness);
    let fill = |harness: &mut Harness<'_, App>, fields: &[(&str, &str)]| {
        for (label, text) in fields {
            type_into(harness, label, text);
        }
    };
    fill(
        &mut harness,
        &[
            ("事项", "安全发展示范街道创建"),
            ("分值", "1.5"),
            ("理由", "获评省级示范"),
        ],
    );
    harness.get_by_label("录入加扣分").click();
    harness.run();
    harness.get_by_label_contains("每项最多 1 分，加分不能超过 1");
    let store = harness.state().store().unwrap();
    assert!(
        store.adjustments(2025).unwrap().is_empty(),
        "nothing stored"
    );

    harness
        .get_by_role_and_label(Role::TextInput, "分值")
        .focus();
    harness.run();
    for _ in 0..3 {
        harness.key_press(egui::Key::Backspace);
        harness.run();
    }
    harness
        .get_by_role_and_label(Role::TextInput, "分值")
        .type_text("1");
    harness.run();
    harness.get_by_label("录入加扣分").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let saved = store.adjustments(2025).unwrap().remove(0);
    assert_eq!(
        (saved.points, saved.matter.as_str()),
        (Points::whole(1), "安全发展示范街道创建")
    );
    harness.get_by_label_contains(
        "，获评省级安全发展示范或标准化示范称号；事项：安全发展示范街道创建；理由：获评省级示范",
    );
}

#[test]
fn deleting_a_bonus_asks_first_naming_it() {
    let mut harness = harness(2025);
    open_with_bonus_item(&mut harness);
    for (label, text) in [("分值", "1"), ("理由", "获评省级示范")] {
        type_into(&mut harness, label, text);
    }
    // Under a rule the 事项 is asked for, and nothing is stored without it.
    harness.get_by_label("录入加扣分").click();
    harness.run();
    harness.get_by_label_contains("请填写加分事项");
    assert!(store_adjustments_empty(&harness));
    type_into(&mut harness, "事项", "示范街道创建");
    harness.get_by_label("录入加扣分").click();
    harness.run();
    let stored = |harness: &Harness<'_, App>| {
        (harness.state().store().unwrap().adjustments(2025).unwrap()).len()
    };
    assert_eq!(stored(&harness), 1);
    assert!(harness.state().toast_texts().any(|t| t == "已录入加扣分"));
    let question = "删除“获评省级安全发展示范或标准化示范称号”的加分 1 分？";
    // Asked first; 取消 keeps it.
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    harness.get_by_label(question);
    assert_eq!(stored(&harness), 1, "nothing deleted before the answer");
    harness.get_by_label("取消").click();
    harness.run();
    assert!(harness.query_by_label(question).is_none());
    assert_eq!(stored(&harness), 1);
    // Esc is 取消 too, and leaves the detail open.
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    harness.get_by_label(question);
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label(question).is_none());
    harness.get_by_label("关闭明细");
    assert_eq!(stored(&harness), 1);
    // Confirmed, it goes.
    harness.get_by_role_and_label(Role::Button, "删除").click();
    harness.run();
    harness.get_by_label("确认删除").click();
    harness.run();
    assert!(harness.query_by_label(question).is_none());
    assert_eq!(stored(&harness), 0);
    assert!(harness.state().toast_texts().any(|t| t == "已删除加扣分"));
    harness.get_by_label("尚未录入加分或扣分");
    // The result was seen here: it does not follow the clerk to the next screen.
    harness.get_by_label("通报与统计").click();
    harness.run();
    assert_eq!(harness.state().toast_texts().count(), 0);
}

#[test]
fn an_entry_typed_and_not_recorded_comes_back_with_its_unit_and_clears_in_one_click() {
    let mut harness = harness(2025);
    open_with_bonus_item(&mut harness);
    let clear = |harness: &Harness<'_, App>| {
        !harness
            .get_by_role_and_label(Role::Button, "清空输入")
            .accesskit_node()
            .is_disabled()
    };
    // The item's own point, filled in by choosing it, is not typing to clear.
    assert_eq!(
        (harness.get_by_role_and_label(Role::TextInput, "分值"))
            .value()
            .as_deref(),
        Some("1")
    );
    assert!(!clear(&harness), "nothing typed, nothing to clear");
    type_into(&mut harness, "事项", "示范街道创建");
    harness.get_by_label("关闭明细").click();
    harness.run();
    // The unit is marked as holding an entry not recorded.
    harness.get_by_label("城关街道 *").click();
    harness.run();
    let text = |harness: &Harness<'_, App>, label: &str| {
        (harness.get_by_role_and_label(Role::TextInput, label))
            .value()
            .unwrap_or_default()
    };
    assert_eq!(text(&harness, "事项"), "示范街道创建", "kept with its unit");
    assert!(clear(&harness));
    harness.get_by_label("清空输入").click();
    harness.run();
    assert_eq!(text(&harness, "事项"), "");
    assert_eq!(text(&harness, "分值"), "1", "the item's own point stays");
    assert!(!clear(&harness));
    assert!(store_adjustments_empty(&harness), "nothing recorded");
    harness.get_by_label("城关街道");
}

#[test]
fn a_note_typed_after_f2_is_kept_when_another_unit_is_chosen() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let cell = format!("{} {} 考核", rows[1].1, indicators[3].1);
    type_note_after_f2(&mut harness, &cell, "（补）现场复核");
    harness.get_by_label(&rows[2].1).click();
    harness.run();
    harness.run();
    let saved = stored_score(&harness, rows[1].0, indicators[3].0);
    assert!(saved.note.ends_with("（补）现场复核"), "{}", saved.note);
    // A note alone, like a bonus or a veto, leaves 2025 at 签订: the first score moves it.
    let phase = harness
        .state()
        .store()
        .unwrap()
        .year(2025)
        .unwrap()
        .unwrap()
        .phase;
    assert_eq!(phase, zerenshu::model::Phase::Signing);
    assert!(
        !harness
            .state()
            .toast_texts()
            .any(|t| t.contains("已开始评分"))
    );
}

#[test]
fn another_year_closes_the_detail_and_the_first_score_says_the_year_moved_on() {
    let mut harness = harness(2024);
    harness.get_by_label("城关街道").click();
    harness.run();
    harness.get_by_label("关闭明细");
    choose(&mut harness, "年度", "2025 年度");
    harness.run();
    assert!(
        harness.query_by_label("关闭明细").is_none(),
        "the unit open in 2024 is not in 2025's grid"
    );
    // 2025 is at 签订: its first score moves it to 考核, and a toast says so.
    type_cell(&mut harness, "城关街道 组织领导 考核", "5");
    assert!(
        harness.state().toast_texts().any(|t| t
            == "已开始评分：2025 年度的阶段已转为“考核”（如是误操作，可把年度阶段改回“签订”）"),
    );
}

/// Types a value in a cell and moves on along its row with Tab.
fn type_cell_and_tab(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    type_at(harness, label, text);
    harness.key_press(egui::Key::Tab);
    harness.run();
}

#[test]
fn an_open_detail_follows_the_row_the_keyboard_goes_to() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let heading = |row: usize| format!("{}：加扣分、一票否决与说明", rows[row].1);
    harness.get_by_label(&rows[0].1).click();
    harness.run();
    harness.get_by_label(&heading(0));
    // Scoring the next unit: the detail below shows that unit, not the one opened before.
    let cell = |row: usize| format!("{} {} 考核", rows[row].1, indicators[0].1);
    type_cell_and_tab(&mut harness, &cell(1), "4");
    harness.get_by_label(&heading(1));
    assert!(harness.query_by_label(&heading(0)).is_none());

    // With a deduction half typed in it, the detail still follows; what was typed waits with
    // its unit and is there again when that unit's detail opens.
    type_at(&mut harness, "分值", "1");
    type_cell_and_tab(&mut harness, &cell(2), "4");
    harness.get_by_label(&heading(2));
    assert!(harness.query_by_label(&heading(1)).is_none());
    type_cell_and_tab(&mut harness, &cell(1), "4");
    harness.get_by_label(&heading(1));
    assert_eq!(harness.get_by_label("分值").value().as_deref(), Some("1"));
}

#[test]
fn a_unit_failing_two_years_in_a_row_is_marked_in_the_grid() {
    // 龙泉镇 was 不合格 in 2023 and in 2024; 石桥镇 only in 2024 (its veto).
    // Never vetoed, 龙泉镇 is not said to have been.
    let marked = "（2023、2024 年度连续不合格）";
    let harness = harness(2024);
    harness.get_by_label(&format!("龙泉镇 等次：不合格{marked}"));
    harness.get_by_label("石桥镇 等次：不合格");
    // While 2025 is scored, last year's standing still shows.
    let harness = self::harness(2025);
    harness.get_by_label(&format!("龙泉镇 等次：未评分{marked}"));
}

#[test]
fn tab_after_clicking_a_name_goes_along_that_row() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    harness.get_by_label(&rows[3].1).click();
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.run();
    let first = format!("{} {} 自评", rows[3].1, indicators[0].1);
    assert!(
        harness.get_by_label(&first).is_focused(),
        "the clicked unit's first cell"
    );
}

#[test]
fn a_units_own_self_assessment_note_marks_its_cell_too() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let marker = format!("{} {} 说明", rows[1].1, indicators[2].1);
    assert!(harness.query_by_label(&marker).is_none());
    // As a filled form brings it: a self score with the unit's own note, no assessors' note.
    let score = Score {
        agreement_id: rows[1].0,
        indicator_id: indicators[2].0,
        self_score: Some(Points::whole(3)),
        assessed_score: None,
        note: String::new(),
        self_note: "本年度发生一般事故1起，自扣1分".to_owned(),
    };
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetScore {
            score,
            reason: None,
        });
    harness.run();
    harness.run();
    harness.get_by_label(&marker);
}

#[test]
fn a_click_on_a_locked_cell_takes_the_keyboard_to_the_reason() {
    let mut harness = harness(2024);
    let (rows, indicators) = town_grid(&harness);
    harness
        .get_by_label(&format!("{} {} 考核", rows[0].1, indicators[0].1))
        .click();
    harness.run();
    harness.get_by_label("评分已锁定：请先在这里写明修改理由，再回到格子修改");
    assert!(harness.get_by_label("修改理由").is_focused());
    // A number is no reason (a score typed before noticing the lock): the cell stays locked.
    harness.get_by_label("修改理由").type_text("9");
    harness.run();
    harness.get_by_label(
        "评分已锁定，这里填写的是修改理由，不是分值：只有空格、标点或数字不算理由，请用文字写明",
    );
    let cell = format!("{} {} 考核", rows[0].1, indicators[0].1);
    assert!(harness.get_by_label(&cell).accesskit_node().is_disabled());
    // Given, the request goes, and Enter takes the keyboard back to the cell clicked.
    harness.get_by_label("修改理由").type_text("复核更正");
    harness.run();
    assert!(
        harness
            .query_by_label_contains("请先在这里写明修改理由")
            .is_none()
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.get_by_label(&cell).is_focused(), "back in {cell}");
    // Cleared, the cells lock again and the keyboard waits in the reason, not nowhere.
    harness.get_by_label("清空理由").click();
    harness.run();
    assert!(harness.get_by_label("修改理由").is_focused());
    assert!(harness.get_by_label(&cell).accesskit_node().is_disabled());
}

#[test]
fn a_reason_for_changing_published_results_is_not_carried_to_another_grid_or_visit() {
    let mut harness = harness(2024);
    let give_reason = |harness: &mut Harness<'_, App>| {
        type_at(harness, "修改理由", "复核更正石桥镇");
    };
    // Nor to another category's grid: its changes are others.
    give_reason(&mut harness);
    choose(&mut harness, "考核类别", "一类");
    assert_eq!(
        harness.get_by_label("修改理由").value().as_deref(),
        Some("")
    );
    choose(&mut harness, "考核类别", "镇街");
    // Nor to the next visit of the screen: the run of changes ended with leaving it.
    give_reason(&mut harness);
    harness.get_by_role_and_label(Role::Button, "单位").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "考核").click();
    harness.run();
    assert_eq!(
        harness.get_by_label("修改理由").value().as_deref(),
        Some("")
    );
    give_reason(&mut harness);
    choose(&mut harness, "年度", "2023 年度");
    harness.run();
    // 2023 is published too: its changes need a reason of their own.
    assert_eq!(
        harness.get_by_label("修改理由").value().as_deref(),
        Some("")
    );
}

fn store_adjustments_empty(harness: &Harness<'_, App>) -> bool {
    (harness.state().store().unwrap().adjustments(2025).unwrap()).is_empty()
}

/// A unit archived after it signed is still assessed, marked in its row; one archived before
/// it signed (北岭镇's agreement is only 已定稿) takes no part, and the grid says so.
#[test]
fn an_archived_units_name_is_marked_and_says_why_on_hover() {
    let mut store = demo_store();
    let archive = |store: &mut zerenshu::store::Store, name: &str| {
        let (id, short) = (store.units().unwrap().into_iter())
            .find(|u| u.fields.name == name)
            .map(|u| (u.id, u.fields.display_short_name().to_owned()))
            .unwrap();
        store.write(|w| w.set_unit_active(id, false)).unwrap();
        short
    };
    let signed = archive(&mut store, "响嘡街道办事处");
    let unsigned = archive(&mut store, "北岭镇人民政府");
    let mut harness = window(Ok(store), showing(View::Assessment, 2025), [1600.0, 1000.0]);
    // Marked in the row itself, not only on hover.
    harness
        .get_by_role_and_label(Role::Link, &format!("{signed}（已归档）"))
        .hover();
    harness.run();
    harness.get_by_label_contains("已归档单位（已撤并或撤销）");
    assert!(
        (harness.query_by_label_contains(&format!("{unsigned}（已归档）"))).is_none(),
        "not in the grid"
    );
    harness.get_by_label(&format!(
        "已归档、责任书未签订的单位不参加本年度考核：{unsigned}"
    ));
}

/// F3 on a unit's name opens its detail, as F3 in a cell of its row does and as the help says.
#[test]
fn f3_on_a_unit_name_opens_its_detail() {
    let mut harness = harness(2025);
    let (rows, _) = town_grid(&harness);
    let heading = format!("{}：加扣分、一票否决与说明", rows[0].1);
    harness.get_by_label(&rows[0].1).focus();
    harness.run();
    assert!(harness.query_by_label(&heading).is_none());
    harness.key_press(egui::Key::F3);
    harness.run();
    harness.get_by_label(&heading);
}

/// A unit fully scored while others of its category are not gets its place among those
/// scored, marked 暂定; a year all scored shows final ranks.
#[test]
fn a_rank_among_units_still_being_scored_is_marked_provisional() {
    let mut store = demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let set = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    store
        .write(|w| {
            for indicator in &set.indicators {
                w.upsert_score(&zerenshu::model::Score {
                    assessed_score: Some(indicator.points),
                    ..zerenshu::model::Score::empty(agreement.id, indicator.id)
                })?;
            }
            Ok(())
        })
        .unwrap();
    let harness = window(Ok(store), showing(View::Assessment, 2025), [1600.0, 1000.0]);
    let (rows, _) = town_grid(&harness);
    harness.get_by_label(&format!("{} 排名：1（暂定）", rows[0].1));
    let published = self::harness(2024);
    assert!(published.query_all_by_label_contains(" 排名：1").count() >= 1);
    assert!(published.query_by_label_contains("（暂定）").is_none());
}

/// Two values refused: the status line says the latest and names the other cell, whose red
/// frame may be out of sight.
#[test]
fn the_status_line_names_the_other_cells_refused() {
    let mut harness = harness(2025);
    type_cell(&mut harness, "城关街道 组织领导 自评", "9");
    type_cell(&mut harness, "响嘡街道 组织领导 自评", "8");
    harness.get_by_label_contains(
        "响嘡街道 组织领导 自评：该项分值 6 分，不能填 8；已保留原值（空）（另有 1 格的值未被接受：城关街道 组织领导 自评，见红框）",
    );
}
