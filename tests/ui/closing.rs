//! Nothing typed is lost on the way out: closing the window with a template edited, a unit
//! form changed, an agreement's signing form open or the notice wording changed keeps the
//! window open and asks once, naming them (放弃修改 closes, 继续编辑 stays); with nothing
//! unsaved it closes at once. A value typed in a 考核 cell and a note typed there (F2) are
//! saved when the clerk closes the window, leaves the screen or chooses another year, as
//! leaving the cell saves them; closing, or leaving the screen, with a value the cell would
//! refuse asks first. A bonus
//! half typed in a unit's detail waits there while other units are worked on, and after
//! 继续编辑 the detail is as it was. The wording editor's 取消 asks before edits go.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui::{ViewportCommand, ViewportEvent, ViewportId};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::AgreementStatus;
use zerenshu::ui::{App, View};

use crate::support::{
    DISCARD_QUESTION, choose, click_in_view, demo_store, first_in, showing, type_at, type_into,
    unit_name, window,
};

fn harness(view: View) -> Harness<'static, App> {
    window(Ok(demo_store()), showing(view, 2025), [1400.0, 1000.0])
}

/// Presses the window's close button; returns what the app told the window in that frame.
/// A window that closes is not drawn again (the harness would draw it on and on).
fn press_close(harness: &mut Harness<'_, App>) -> Vec<ViewportCommand> {
    harness
        .input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(ViewportEvent::Close);
    harness.step();
    let commands = harness.output().viewport_output[&ViewportId::ROOT]
        .commands
        .clone();
    if !closes(&commands) {
        harness.run();
    }
    commands
}

/// Runs one frame; returns what the app told the window in it.
fn next_frame(harness: &mut Harness<'_, App>) -> Vec<ViewportCommand> {
    harness.step();
    harness.output().viewport_output[&ViewportId::ROOT]
        .commands
        .clone()
}

fn closes(commands: &[ViewportCommand]) -> bool {
    commands.contains(&ViewportCommand::Close) && !commands.contains(&ViewportCommand::CancelClose)
}

/// True when the question is shown, naming `what` as unsaved.
fn asks_about(harness: &Harness<'_, App>, what: &str) -> bool {
    harness.query_by_label(DISCARD_QUESTION).is_some()
        && (harness.query_by_label(&format!("尚未保存：{what}"))).is_some()
}

#[test]
fn closing_with_nothing_unsaved_closes_at_once() {
    let mut harness = harness(View::Agreements);
    let commands = press_close(&mut harness);
    assert!(closes(&commands), "{commands:?}");
    assert!(harness.query_by_label(DISCARD_QUESTION).is_none());
}

#[test]
fn closing_with_a_template_edited_asks_and_stays_until_discarded() {
    let mut harness = harness(View::Agreements);
    click_in_view(&mut harness, "模板");
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();

    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    assert!(asks_about(&harness, "模板"));
    click_in_view(&mut harness, "继续编辑");
    assert!(harness.query_by_label(DISCARD_QUESTION).is_none());
    assert!(!closes(&next_frame(&mut harness)), "the window stays");

    let commands = press_close(&mut harness);
    assert!(commands.contains(&ViewportCommand::CancelClose));
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    assert!(
        closes(&next_frame(&mut harness)),
        "放弃修改 closes the window"
    );
}

#[test]
fn closing_with_the_unit_form_changed_asks() {
    let mut harness = harness(View::Units);
    click_in_view(&mut harness, "新建单位…");
    let name = harness.get_by_role_and_label(Role::TextInput, "单位名称");
    name.focus();
    name.type_text("示例市测试局");
    harness.run();
    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    assert!(asks_about(&harness, "单位表单"));
}

#[test]
fn closing_with_an_agreement_form_open_asks() {
    let mut harness = harness(View::Agreements);
    let printed = first_in(&harness, AgreementStatus::Printed);
    let unit = unit_name(&harness, &printed);
    click_in_view(&mut harness, &unit);
    click_in_view(&mut harness, "标记已签订…");
    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    assert!(asks_about(&harness, "签订信息"));
}

/// A control target with only its limit typed (no name yet) cannot be saved, and is not
/// lost untold either: closing asks, naming whose clauses they are.
#[test]
fn closing_with_a_target_half_typed_asks_naming_the_unit() {
    let mut harness = harness(View::Agreements);
    click_in_view(&mut harness, "青山镇人民政府");
    click_in_view(&mut harness, "修改条款…");
    click_in_view(&mut harness, "添加控制指标");
    crate::support::type_in_last(&mut harness, "限值", "5人");
    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    assert!(asks_about(&harness, "青山镇的条款调整"));
}

#[test]
fn the_wording_editor_asks_before_its_edits_go() {
    let mut harness = harness(View::Notice);
    click_in_view(&mut harness, "通报措辞…");
    // Unchanged, 取消 closes at once.
    click_in_view(&mut harness, "取消");
    assert!(harness.query_by_label("保存措辞").is_none());
    assert!(harness.query_by_label(DISCARD_QUESTION).is_none());

    click_in_view(&mut harness, "通报措辞…");
    type_at(&mut harness, "附件名称", "（补充）");
    click_in_view(&mut harness, "取消");
    harness.get_by_label(DISCARD_QUESTION);
    click_in_view(&mut harness, "继续编辑");
    let kept = harness
        .get_by_role_and_label(Role::TextInput, "附件名称")
        .value()
        .unwrap();
    assert!(kept.ends_with("（补充）"), "{kept}");

    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    assert!(asks_about(&harness, "通报措辞"));
    click_in_view(&mut harness, "继续编辑");
    click_in_view(&mut harness, "取消");
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
    assert!(harness.query_by_label("保存措辞").is_none(), "closed");
}

/// The first 镇街 unit's name and agreement, and the second indicator's name and id, of 2025.
fn first_cell(harness: &Harness<'_, App>) -> (String, i64, i64) {
    let (rows, indicators) = crate::assessment::town_grid(harness);
    let (agreement, unit) = &rows[0];
    let (indicator, name) = &indicators[1];
    (format!("{unit} {name} 考核"), *agreement, *indicator)
}

/// The stored score of one cell of 2025, if any.
fn stored(
    harness: &Harness<'_, App>,
    agreement_id: i64,
    indicator_id: i64,
) -> Option<zerenshu::model::Score> {
    let scores = harness.state().store().unwrap().scores(2025).unwrap();
    (scores.into_iter()).find(|s| s.agreement_id == agreement_id && s.indicator_id == indicator_id)
}

fn stored_note(harness: &Harness<'_, App>, agreement_id: i64, indicator_id: i64) -> String {
    stored(harness, agreement_id, indicator_id).map_or_else(String::new, |s| s.note)
}

fn stored_assessed(
    harness: &Harness<'_, App>,
    agreement_id: i64,
    indicator_id: i64,
) -> Option<String> {
    stored(harness, agreement_id, indicator_id)
        .and_then(|s| s.assessed_score)
        .map(|p| p.to_string())
}

#[test]
fn a_typed_note_is_saved_when_the_window_closes() {
    let mut harness = harness(View::Assessment);
    let (cell, agreement, indicator) = first_cell(&harness);
    crate::assessment::type_note_after_f2(&mut harness, &cell, "查阅隐患排查台账");
    assert_eq!(stored_note(&harness, agreement, indicator), "");
    let commands = press_close(&mut harness);
    assert!(closes(&commands), "{commands:?}");
    assert_eq!(
        stored_note(&harness, agreement, indicator),
        "查阅隐患排查台账"
    );
}

#[test]
fn a_typed_note_is_saved_when_the_clerk_leaves_the_screen_or_the_year() {
    let mut harness = harness(View::Assessment);
    let (cell, agreement, indicator) = first_cell(&harness);
    crate::assessment::type_note_after_f2(&mut harness, &cell, "现场核查");
    click_in_view(&mut harness, "通报与统计");
    assert!(harness.query_by_label(DISCARD_QUESTION).is_none());
    assert_eq!(stored_note(&harness, agreement, indicator), "现场核查");

    click_in_view(&mut harness, "考核");
    crate::assessment::type_note_after_f2(&mut harness, &cell, "资料齐全");
    let phase_2024 = |harness: &Harness<'_, App>| {
        let years = harness.state().store().unwrap().years().unwrap();
        (years.iter()).find(|y| y.year == 2024).unwrap().phase
    };
    let was = phase_2024(&harness);
    choose(&mut harness, "年度", "2024 年度");
    harness.run();
    assert_eq!(harness.state().state().year, Some(2024));
    let note = stored_note(&harness, agreement, indicator);
    assert!(
        note.contains("现场核查") && note.contains("资料齐全"),
        "{note}"
    );
    assert_eq!(phase_2024(&harness), was, "saved in the note's own year");
}

#[test]
fn a_value_typed_in_a_cell_is_saved_when_the_window_closes() {
    let mut harness = harness(View::Assessment);
    let (cell, agreement, indicator) = first_cell(&harness);
    let was = stored_assessed(&harness, agreement, indicator);
    type_at(&mut harness, &cell, "3");
    assert_eq!(
        stored_assessed(&harness, agreement, indicator),
        was,
        "not saved while typing"
    );
    let commands = press_close(&mut harness);
    assert!(closes(&commands), "{commands:?}");
    assert_eq!(
        stored_assessed(&harness, agreement, indicator).as_deref(),
        Some("3")
    );
}

#[test]
fn a_refused_value_typed_in_a_cell_keeps_the_window_open_once() {
    let mut harness = harness(View::Assessment);
    let (cell, agreement, indicator) = first_cell(&harness);
    let was = stored_assessed(&harness, agreement, indicator);
    type_at(&mut harness, &cell, "999");
    // Closing would lose it without a word: asked; behind the question the cell refuses it,
    // as leaving it does, and says why above the grid.
    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    assert!(asks_about(
        &harness,
        "考核表中未被接受的值（其余评分都已保存）"
    ));
    click_in_view(&mut harness, "继续编辑");
    harness.get_by_label_contains("不能填 999");
    assert_eq!(stored_assessed(&harness, agreement, indicator), was);
    // Back in its cell to be put right, it is asked about again; given up, the window closes.
    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    let commands = next_frame(&mut harness);
    assert!(closes(&commands), "{commands:?}");
    assert_eq!(stored_assessed(&harness, agreement, indicator), was);
}

#[test]
fn leaving_the_screen_with_a_refused_value_asks_and_giving_it_up_says_nothing_more() {
    let mut harness = harness(View::Assessment);
    let (cell, agreement, indicator) = first_cell(&harness);
    let was = stored_assessed(&harness, agreement, indicator);
    let go = |harness: &mut Harness<'_, App>, screen: &str| {
        harness.get_by_role_and_label(Role::Button, screen).click();
        harness.run();
    };
    // 放弃修改: gone to the other screen, nothing stored and no refusal carried along.
    type_at(&mut harness, &cell, "999");
    go(&mut harness, "通报与统计");
    assert!(asks_about(
        &harness,
        "考核表中未被接受的值（其余评分都已保存）"
    ));
    click_in_view(&mut harness, "放弃修改");
    assert_eq!(harness.state().state().view, View::Notice);
    assert_eq!(stored_assessed(&harness, agreement, indicator), was);
    assert!(harness.query_by_label_contains("不能填 999").is_none());
    // 继续编辑: still on 考核, the refusal said where the value was typed.
    go(&mut harness, "考核");
    type_at(&mut harness, &cell, "999");
    go(&mut harness, "通报与统计");
    assert!(asks_about(
        &harness,
        "考核表中未被接受的值（其余评分都已保存）"
    ));
    click_in_view(&mut harness, "继续编辑");
    assert_eq!(harness.state().state().view, View::Assessment);
    harness.get_by_label_contains("不能填 999");
    assert_eq!(stored_assessed(&harness, agreement, indicator), was);
    // The value typed is back in its cell, with the keyboard, to be put right.
    harness.run_steps(3);
    let node = harness.get_by_label(&cell);
    assert_eq!(node.value().as_deref(), Some("999"));
    assert!(node.is_focused());
    // Selected whole: the value typed now replaces it.
    harness.get_by_label(&cell).type_text("1");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        stored_assessed(&harness, agreement, indicator),
        Some("1".to_owned())
    );
}

#[test]
fn another_year_chosen_right_after_a_refused_value_asks_as_another_screen_does() {
    let mut harness = harness(View::Assessment);
    let (cell, _, _) = first_cell(&harness);
    type_at(&mut harness, &cell, "999");
    // The click on the year's list leaves the cell: refused there, before the year is chosen.
    choose(&mut harness, "年度", "2024 年度");
    assert!(asks_about(
        &harness,
        "考核表中未被接受的值（其余评分都已保存）"
    ));
    click_in_view(&mut harness, "继续编辑");
    assert_eq!(harness.state().state().year, Some(2025));
    harness.get_by_label_contains("不能填 999");
    choose(&mut harness, "年度", "2024 年度");
    click_in_view(&mut harness, "放弃修改");
    assert_eq!(harness.state().state().year, Some(2024));
    // Back on 2025, the refusal given up is not shown again.
    choose(&mut harness, "年度", "2025 年度");
    assert!(harness.query_by_label_contains("不能填 999").is_none());
}

#[test]
fn another_category_chosen_right_after_a_refused_value_asks_as_another_year_does() {
    let mut harness = harness(View::Assessment);
    let (cell, _, _) = first_cell(&harness);
    let shown = |harness: &Harness<'_, App>| {
        (harness.get_by_role_and_label(Role::ComboBox, "考核类别"))
            .value()
            .unwrap_or_default()
    };
    let first = shown(&harness);
    type_at(&mut harness, &cell, "999");
    choose(&mut harness, "考核类别", "一类");
    assert!(asks_about(
        &harness,
        "考核表中未被接受的值（其余评分都已保存）"
    ));
    click_in_view(&mut harness, "继续编辑");
    assert_eq!(shown(&harness), first);
    harness.get_by_label_contains("不能填 999");
    choose(&mut harness, "考核类别", "一类");
    click_in_view(&mut harness, "放弃修改");
    harness.run();
    assert_eq!(shown(&harness), "一类");
    assert!(harness.query_by_label_contains("不能填 999").is_none());
}

#[test]
fn a_half_typed_bonus_survives_other_units_and_the_close_question() {
    let mut harness = harness(View::Assessment);
    let (rows, _) = crate::assessment::town_grid(&harness);
    let heading = |row: usize| format!("{}：加扣分、一票否决与说明", rows[row].1);
    let points = |harness: &Harness<'_, App>| {
        (harness.get_by_role_and_label(Role::TextInput, "分值"))
            .value()
            .unwrap_or_default()
    };
    click_in_view(&mut harness, &rows[1].1);
    type_into(&mut harness, "分值", "1");
    // Another unit's detail, then back: what was typed for the first is still there.
    click_in_view(&mut harness, &rows[3].1);
    harness.get_by_label(&heading(3));
    assert_eq!(points(&harness), "");
    // The unit it waits in is marked.
    click_in_view(&mut harness, &format!("{} *", rows[1].1));
    assert_eq!(points(&harness), "1");
    // Closing asks; 继续编辑 leaves the detail as it was.
    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    // Named with the unit it waits in.
    let what = format!("考核中{}的加分、扣分或否决（未录入）", rows[1].1);
    assert!(asks_about(&harness, &what), "{what}");
    click_in_view(&mut harness, "继续编辑");
    harness.get_by_label(&heading(1));
    assert_eq!(points(&harness), "1");
}

#[test]
fn an_item_chosen_with_nothing_typed_is_not_asked_about_on_closing() {
    let mut harness = harness(View::Assessment);
    let (rows, _) = crate::assessment::town_grid(&harness);
    click_in_view(&mut harness, &rows[2].1);
    harness
        .get_by_role_and_label(Role::RadioButton, "扣分")
        .click();
    harness.run();
    crate::support::choose(
        &mut harness,
        "加扣分项目",
        "被上级通报批评（每次）\u{3000}每次扣 2 分，累计最多扣 6 分",
    );
    // The item fills its points in by itself: that is not the clerk's typing.
    assert_eq!(
        (harness.get_by_role_and_label(Role::TextInput, "分值"))
            .value()
            .as_deref(),
        Some("2")
    );
    let commands = press_close(&mut harness);
    assert!(closes(&commands), "{commands:?}");
    assert!(harness.query_by_label(DISCARD_QUESTION).is_none());
}

#[test]
fn a_bonus_half_typed_in_another_year_is_named_by_its_year_on_closing() {
    let mut harness = harness(View::Assessment);
    let (rows, _) = crate::assessment::town_grid(&harness);
    click_in_view(&mut harness, &rows[1].1);
    type_into(&mut harness, "分值", "1");
    choose(&mut harness, "年度", "2024 年度");
    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    assert!(asks_about(
        &harness,
        "考核中其他年度 1 个单位的加分、扣分或否决（未录入）"
    ));
}

/// 继续编辑 leaves a value being typed where it is: the refused one of another cell does not
/// take its place.
#[test]
fn keep_editing_leaves_the_value_being_typed_in_its_cell() {
    let mut harness = harness(View::Assessment);
    let (rows, indicators) = crate::assessment::town_grid(&harness);
    let refused = format!("{} {} 考核", rows[0].1, indicators[1].1);
    let typing = format!("{} {} 考核", rows[1].1, indicators[1].1);
    type_at(&mut harness, &refused, "999");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("不能填 999");
    type_at(&mut harness, &typing, "3x");
    let commands = press_close(&mut harness);
    assert!(
        commands.contains(&ViewportCommand::CancelClose),
        "{commands:?}"
    );
    click_in_view(&mut harness, "继续编辑");
    harness.run_steps(3);
    let node = harness.get_by_label(&typing);
    assert_eq!(node.value().as_deref(), Some("3x"));
    assert_eq!(
        harness.get_by_label(&refused).value().as_deref(),
        Some(""),
        "the refused cell shows its stored value"
    );
}
