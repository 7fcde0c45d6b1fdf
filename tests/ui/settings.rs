//! 设置 → 年度设置 driven as a clerk would: the date's example is in the year edited; a date
//! that is not a date is refused in words and saves nothing; 已通报 is greyed while units are
//! unscored; a changed signatory and phase are saved and audited; the keyboard stays where it
//! was after a refused save. Publishing with other edits and taking back a published year are
//! in `settings_phase`.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::Phase;
use zerenshu::ui::{App, UiState};

use crate::support::{LAPTOP, choose, click, demo_store, retype, type_into, window};

pub(crate) fn harness() -> Harness<'static, App> {
    harness_for(UiState::default())
}

pub(crate) fn harness_for(state: UiState) -> Harness<'static, App> {
    window(Ok(demo_store()), state, LAPTOP)
}

pub(crate) fn year_2025(harness: &Harness<'_, App>) -> zerenshu::model::Year {
    year_of(harness, 2025)
}

pub(crate) fn year_of(harness: &Harness<'_, App>, year: i32) -> zerenshu::model::Year {
    harness
        .state()
        .store()
        .unwrap()
        .year(year)
        .unwrap()
        .unwrap()
}

/// The phase the 年度阶段 drop-down shows.
pub(crate) fn shown_phase(harness: &Harness<'_, App>) -> String {
    let combo = harness.get_by_role_and_label(Role::ComboBox, "年度阶段");
    combo.value().unwrap_or_default()
}

pub(crate) fn choose_phase(harness: &mut Harness<'_, App>, phase: &str) {
    // The navigation has a 考核 button too: `choose` takes the drop-down's item.
    choose(harness, "年度阶段", phase);
}

/// A planned signing date emptied is said to end the overdue marks before it is saved.
#[test]
fn emptying_the_planned_date_says_nothing_will_be_overdue() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    assert!(harness.query_by_label_contains("不再标出“逾期”").is_none());
    crate::support::retype(&mut harness, "计划签订日期", "");
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.get_by_label_contains("留空后不再设计划签订日期，责任书不再标出“逾期”");
    // On another tab, the edit waits, kept, and is said beside the tabs.
    assert!(
        harness
            .query_by_label("（年度设置有未保存的修改）")
            .is_none()
    );
    click(&mut harness, "备份与恢复");
    harness.get_by_label("（年度设置有未保存的修改）");
    click(&mut harness, "年度设置");
    assert!(
        harness
            .query_by_label("（年度设置有未保存的修改）")
            .is_none()
    );
    assert_eq!(
        (harness.get_by_role_and_label(Role::TextInput, "计划签订日期"))
            .value()
            .as_deref(),
        Some("")
    );
}

/// With the error line shown above the fields, typing in a field keeps every character: the
/// line going away as the first key lands does not take the keyboard from the field.
#[test]
fn typing_after_a_refused_save_keeps_the_keyboard_in_the_field() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    crate::support::retype(&mut harness, "计划签订日期", "2025-13-45");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    harness.get_by_label_contains("没有13月");
    harness
        .get_by_role_and_label(Role::TextInput, "甲方签字人姓名")
        .click();
    harness.run();
    harness.get_by_label_contains("没有13月");
    type_into(&mut harness, "计划签订日期", "号");
    click(&mut harness, "保存年度设置");
    harness.get_by_label_contains("不是有效日期");
    // Another field clicked: the line stays, the date still wrong.
    harness
        .get_by_role_and_label(Role::TextInput, "甲方签字人姓名")
        .click();
    harness.run();
    harness.get_by_label_contains("不是有效日期");
    let field = harness.get_by_role_and_label(Role::TextInput, "计划签订日期");
    field.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    for key in ["2", "0", "2", "5", "-", "0", "3", "-", "2", "0"] {
        harness
            .get_by_role_and_label(Role::TextInput, "计划签订日期")
            .type_text(key);
        harness.run();
    }
    let shown = harness.get_by_role_and_label(Role::TextInput, "计划签订日期");
    assert_eq!(shown.value().as_deref(), Some("2025-03-20"));
    assert!(harness.query_by_label_contains("不是有效日期").is_none());
    // Refused on Enter: the keyboard stays in the field for the value to be put right.
    crate::support::retype(&mut harness, "计划签订日期", "2025-02-30");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("2025年2月没有30日");
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("计划签订日期")
    );
    // Saved on Enter: the keyboard stays there too, as with Ctrl+S.
    crate::support::retype(&mut harness, "计划签订日期", "2025-03-21");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness
            .query_by_label_contains("2025年2月没有30日")
            .is_none()
    );
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("计划签订日期")
    );
}

#[test]
fn year_settings_refuse_a_bad_date_and_save_the_phase() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    let before = year_2025(&harness);
    assert_eq!(before.phase, Phase::Signing);
    let field_top = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::TextInput, "甲方名称")
            .rect()
            .top()
    };
    let top = field_top(&harness);

    type_into(&mut harness, "计划签订日期", "号");
    click(&mut harness, "保存年度设置");
    harness.get_by_label(
        "计划签订日期“2025年3月15日号”不是有效日期，请写成 2025年3月15日 或 2025-03-15",
    );
    assert_eq!(year_2025(&harness), before, "nothing saved");
    // The message has room of its own: no field moves as it comes (or goes).
    assert!((field_top(&harness) - top).abs() < 0.5);

    click(&mut harness, "还原");
    type_into(&mut harness, "甲方签字人姓名", "甲");
    // Phases that saving would refuse are greyed in the list, saying why on hover: 已通报
    // while units are unscored, 筹备 once agreements are frozen.
    harness
        .get_by_role_and_label(Role::ComboBox, "年度阶段")
        .click();
    harness.run();
    for (phase, why) in [
        (
            "已通报",
            "还不能改为“已通报”：2025 年度还有 45 个单位未评分或未评完",
        ),
        ("筹备", "份责任书定稿，年度阶段不能回到“筹备”"),
    ] {
        let item = harness.get_all_by_label(phase).last().unwrap();
        assert!(item.accesskit_node().is_disabled(), "{phase}");
        item.hover();
        harness.run();
        harness.get_by_label_contains(why);
    }
    harness.get_all_by_label("已通报").last().unwrap().click();
    harness.run();
    assert_eq!(shown_phase(&harness), "签订", "a greyed phase is not taken");
    harness.key_press(egui::Key::Escape);
    harness.run();
    choose_phase(&mut harness, "考核");
    click(&mut harness, "保存年度设置");
    harness.run();
    let after = year_2025(&harness);
    assert_eq!(after.phase, Phase::Assessing);
    assert_eq!(
        after.party_a_signatory_name,
        format!("{}甲", before.party_a_signatory_name)
    );
    assert_eq!(after.planned_signing_date, before.planned_signing_date);
    // The phase and the signatory changed in one save: an entry for each.
    let audit = harness.state().store().unwrap().audit_entries(2).unwrap();
    let actions: Vec<&str> = audit.iter().map(|e| e.action.as_str()).collect();
    assert_eq!(actions, ["修改年度设置", "更改年度阶段"]);
}

/// A 甲方 changed while texts are frozen is said not to reach them.
#[test]
fn a_party_a_changed_after_issuing_is_said_not_to_reach_the_issued_texts() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    let issued = (harness
        .state()
        .store()
        .unwrap()
        .agreements(2025)
        .unwrap()
        .iter())
    .filter(|a| a.status >= zerenshu::model::AgreementStatus::Final)
    .count();
    assert!(issued > 0);
    let note = format!("已定稿的 {issued} 份责任书不随之改变");
    assert!(harness.query_by_label(&note).is_none());
    retype(&mut harness, "甲方名称", "示例市人民政府办公室");
    harness.get_by_label(&note);
    // Emptied, it is said to be needed, not to leave the frozen texts as they are.
    retype(&mut harness, "甲方名称", "");
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.get_by_label("甲方名称不能为空");
    assert!(harness.query_by_label(&note).is_none());
    retype(&mut harness, "甲方名称", "示例市人民政府办公室");
    // A grade renamed is said the same way: the texts name the grades of their day.
    let grades = format!(
        "已定稿的 {issued} 份责任书正文中写的等次是定稿时的，不随之改变；考核和通报按这里的等次"
    );
    assert!(harness.query_by_label(&grades).is_none());
    retype(&mut harness, "等次 2 名称", "较好");
    harness.get_by_label(&grades);
    // The line comes without taking the keyboard from the field typed in.
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "等次 2 名称")
            .is_focused()
    );
}

#[test]
fn ctrl_s_saves_the_year_settings() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    let before = year_2025(&harness);
    type_into(&mut harness, "甲方签字人姓名", "乙");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    harness.run();
    assert_eq!(
        year_2025(&harness).party_a_signatory_name,
        format!("{}乙", before.party_a_signatory_name)
    );
    // Enter in a field saves too, as in the unit form.
    type_into(&mut harness, "甲方签字人姓名", "丙");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(
        year_2025(&harness).party_a_signatory_name,
        format!("{}乙丙", before.party_a_signatory_name)
    );
    // The saved date typed another way: nothing to write, the field shown as saved.
    let planned = year_2025(&harness).planned_signing_date.unwrap();
    let typed = planned.format("%Y/%-m/%-d").to_string();
    crate::support::retype(&mut harness, "计划签订日期", &typed);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    let shown = harness.get_by_role_and_label(Role::TextInput, "计划签订日期");
    assert_eq!(
        shown.value().as_deref(),
        Some(zerenshu::model::dates::show_date(planned).as_str())
    );
    assert!(harness.get_by_label("还原").accesskit_node().is_disabled());
}

#[test]
fn the_planned_signing_date_is_exemplified_in_the_year_edited() {
    let mut store = demo_store();
    store
        .write(|w| w.insert_year(&zerenshu::model::Year::new(2026, "示例市人民政府")))
        .unwrap();
    let state = UiState {
        year: Some(2026),
        ..UiState::default()
    };
    let mut harness = window(Ok(store), state, LAPTOP);
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    let field = harness.get_by_role_and_label(Role::TextInput, "计划签订日期");
    assert_eq!(
        field.accesskit_node().placeholder(),
        Some("如 2026年3月15日")
    );
}

/// 甲方 named without 市, 县 or 区: where {本级} is read from is said beside the field.
#[test]
fn a_party_a_without_its_level_is_said_to_be_read_as_a_city() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    let said = "名称中看不出市、县、区：{本级}按“市”写";
    assert!(harness.query_by_label(said).is_none());
    retype(&mut harness, "甲方名称", "青河人民政府");
    harness.get_by_label(said);
    // Whole on hover, and within a window 1024 wide beside the field, with the note on the
    // agreements already issued too.
    assert!(harness.get_by_label(said).rect().right() <= 1024.0);
    let issued = harness.get_by_label_contains("份责任书不随之改变").rect();
    assert!(issued.right() <= 1024.0, "{issued:?}");
    // Each note on one line: the row stays two lines high at most.
    let field = harness.get_by_label("甲方名称").rect();
    assert!(issued.bottom() - field.top() < 60.0, "{issued:?} {field:?}");
    retype(&mut harness, "甲方名称", "青河县人民政府");
    assert!(harness.query_by_label(said).is_none());
}

#[test]
fn a_planned_signing_date_of_the_year_before_is_questioned_beside_the_field() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    retype(&mut harness, "计划签订日期", "2024-03-20");
    harness.get_by_label("这是 2024 年的日期，请确认年份没有写错");
    // Allowed all the same: a January signing may fall in the year before.
    click(&mut harness, "保存年度设置");
    assert_eq!(
        year_2025(&harness).planned_signing_date,
        chrono::NaiveDate::from_ymd_opt(2024, 3, 20)
    );
    // The year after as well: allowed for a late batch, said as a likely slip.
    retype(&mut harness, "计划签订日期", "2026-01-20");
    harness
        .get_by_label("这是 2026 年的日期，请确认年份没有写错")
        .hover();
    harness.run();
    harness.get_by_label("已在 2025 年度之后，而责任书有效期至该年度年底");
    // A date of the year already past, while agreements are being signed: every unsigned
    // one will be overdue, said beside the field.
    retype(&mut harness, "计划签订日期", "2025-01-02");
    harness.get_by_label("这个日期已过").hover();
    harness.run();
    harness.get_by_label("保存后，本年度尚未签订的责任书都将标为逾期未签");
    // A day the month does not have is said as it is typed, before any save.
    retype(&mut harness, "计划签订日期", "2025-02-29");
    harness.get_by_label("计划签订日期有误：2025年2月没有29日");
    assert!(
        harness.query_by_label_contains("读不出日期").is_none(),
        "said once"
    );
    // Text that is no date, and a year far off, are said as typed too.
    retype(&mut harness, "计划签订日期", "abc");
    harness.get_by_label("读不出日期，请写成 2025-03-15 或 2025年3月15日");
    retype(&mut harness, "计划签订日期", "2019-03-15");
    let far = harness.get_by_label("这是 2019 年的日期：应在 2024 年至 2026 年之间");
    assert!(far.rect().right() <= 1024.0, "{:?}", far.rect());
}

/// Empties the text field labelled `label`.
fn clear_field(harness: &mut Harness<'_, App>, label: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
}

#[test]
fn an_empty_signatory_name_is_pointed_out_while_the_year_is_being_signed() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    // Where the actions on whole years are is said here, where they are looked for first.
    harness.get_by_label("（年度结转、删除年度在“常规”页）");
    let said = "未填，签订前请补上";
    assert!(harness.query_by_label(said).is_none());
    clear_field(&mut harness, "甲方签字人姓名");
    harness.get_by_label(said);
    // The title too: it prints before the name in the signature block.
    let title_said = "未填，定稿前请补上";
    assert!(harness.query_by_label(title_said).is_none());
    clear_field(&mut harness, "甲方签字人职务");
    harness.get_by_label(title_said);
}

#[test]
fn a_planned_signing_date_two_years_back_is_refused_without_a_question_beside_it() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    retype(&mut harness, "计划签订日期", "2019-03-20");
    assert!(
        harness
            .query_by_label_contains("请确认年份没有写错")
            .is_none()
    );
    click(&mut harness, "保存年度设置");
    harness.get_by_label_contains("计划签订日期应在 2024 年至 2026 年之间");
}

/// 保存年度设置 and 还原, pressed from the keyboard, grey out at once: the keyboard goes back to
/// the field edited last, not nowhere (the next Tab would start again at the window's top).
#[test]
fn the_keyboard_goes_back_to_the_field_after_saving_or_restoring_from_a_button() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    for button in ["保存年度设置", "还原"] {
        retype(
            &mut harness,
            "甲方签字人姓名",
            &format!("王德明{}", button.len()),
        );
        harness.get_by_label(button).focus();
        harness.run();
        harness.key_press(egui::Key::Enter);
        harness.run();
        assert!(
            harness
                .get_by_role_and_label(Role::TextInput, "甲方签字人姓名")
                .is_focused(),
            "after {button}"
        );
    }
    assert_eq!(year_2025(&harness).party_a_signatory_name, "王德明18");
}
