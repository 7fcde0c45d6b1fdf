//! 设置 → 常规, the year actions: 年度结转 asks once, saying what it copies and that a backup is
//! taken, and 取消 makes nothing; an older year points to the newest instead; 删除年度 is offered only for a year without agreements and
//! scores (a year with them says why on hover), asks once, and removes the year after an
//! automatic backup, with an audit entry; a year a later year follows cannot be deleted.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::store::BackupReason;
use zerenshu::ui::{App, View};

use crate::support::{
    LAPTOP, click, demo_store, demo_store_at, is_button_disabled as is_disabled, showing,
    type_into, window,
};

fn settings_window(db: &Path) -> Harness<'static, App> {
    settings_window_on(db, 2025)
}

fn settings_window_on(db: &Path, year: i32) -> Harness<'static, App> {
    window(Ok(demo_store_at(db)), showing(View::Settings, year), LAPTOP)
}

fn years(harness: &Harness<'_, App>) -> Vec<i32> {
    let store = harness.state().store().unwrap();
    store.years().unwrap().iter().map(|y| y.year).collect()
}

#[test]
fn a_rollover_asks_once_saying_what_it_copies_and_cancel_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    let mut harness = settings_window(&db);
    click(&mut harness, "从 2025 年度结转…");
    harness.get_by_label("从 2025 年度结转为 2026 年度？");
    for said in [
        "单位：名册转为 2026 年度的名册",
        "考核类别：各年度共用",
        "模板：4 个类别的当前版本，作为 2026 年度的第 1 版",
        "考核指标：4 个类别各一套，未定稿",
        "等次分数线、满分和甲方设置（计划签订日期顺延为 2026年3月15日）",
        "不复制：责任书和评分",
        "结转前先自动备份",
        // The demo's 2025 has signed agreements whose scans are not filed yet, and some not
        // signed at all.
        "份已签订的责任书没有归档扫描件",
        "份责任书尚未签订；结转后仍可在 2025 年度中继续办理",
        "之后在“单位”中的修改不再用于 2025 年度的责任书",
        // The demo's signing date is in 2025: a year on, it has passed.
        "2026 年度的计划签订日期沿用为 2026年3月",
    ] {
        harness.get_by_label_contains(said);
    }
    // Every category in use has its template and indicators: nothing is said to be missing.
    assert!(harness.query_by_label_contains("结转后：").is_none());
    click(&mut harness, "取消");
    assert!(
        harness
            .query_by_label("从 2025 年度结转为 2026 年度？")
            .is_none()
    );
    assert_eq!(years(&harness), [2025, 2024, 2023], "nothing made");
    assert_eq!(harness.state().state().year, Some(2025));

    click(&mut harness, "从 2025 年度结转…");
    harness.run();
    assert!(harness.get_by_label("结转").is_focused());
    click(&mut harness, "结转");
    harness.run();
    assert_eq!(years(&harness), [2026, 2025, 2024, 2023]);
    assert_eq!(
        harness.state().state().year,
        Some(2026),
        "the new year is shown"
    );
    let backups = zerenshu::store::backup::list_backups(&db);
    assert_eq!(backups[0].reason, BackupReason::Rollover);
    // The new year, still being prepared: rolling it over again is questioned in the
    // question, not on the page.
    let again = "2026 年度还在筹备，还没有起草责任书；每年通常只结转一次";
    assert!(harness.query_by_label_contains(again).is_none());
    click(&mut harness, "从 2026 年度结转…");
    harness.get_by_label_contains(again);
    // The keyboard starts on 取消 there: Enter makes no 2027.
    harness.run();
    assert!(harness.get_by_label("取消").is_focused());
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(years(&harness), [2026, 2025, 2024, 2023]);
}

/// A planned signing date typed in the wrong year is carried a year on as it is: the question
/// says where it lands, and that it is not in the new year.
#[test]
fn a_signing_date_out_of_its_year_is_said_before_the_rollover() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    let mut store = demo_store_at(&db);
    let mut year = store.year(2025).unwrap().unwrap();
    year.planned_signing_date = chrono::NaiveDate::from_ymd_opt(2026, 3, 15);
    store.write(|w| w.update_year(&year, None)).unwrap();
    let mut harness = window(Ok(store), showing(View::Settings, 2025), LAPTOP);
    click(&mut harness, "从 2025 年度结转…");
    harness.get_by_label_contains("计划签订日期顺延为 2027年3月15日");
    harness.get_by_label_contains(
        "2025 年度的计划签订日期不在 2025 年，顺延后为 2027年3月15日，不在 2026 年：结转后请在年度设置中核对",
    );
    click(&mut harness, "取消");
}

#[test]
fn only_a_year_without_agreements_is_deleted_after_one_question() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    let mut harness = settings_window(&db);
    // 2025 has its agreements: the button says why it is disabled.
    assert!(is_disabled(&harness, "删除 2025 年度…"));
    harness.get_by_label("删除 2025 年度…").hover();
    harness.run();
    harness.get_by_label_contains("2025 年度已有 45 份责任书，不能删除");

    click(&mut harness, "从 2025 年度结转…");
    click(&mut harness, "结转");
    harness.run();
    assert!(!is_disabled(&harness, "删除 2026 年度…"));
    // Edits of its settings waiting: said, as for a rollover, and not dropped unasked.
    click(&mut harness, "年度设置");
    type_into(&mut harness, "甲方签字人姓名", "王喆");
    click(&mut harness, "常规");
    assert!(is_disabled(&harness, "删除 2026 年度…"));
    harness.get_by_label("“年度设置”中有未保存的修改：请先保存或还原，再删除");
    click(&mut harness, "年度设置");
    click(&mut harness, "还原");
    click(&mut harness, "常规");
    click(&mut harness, "删除 2026 年度…");
    harness.get_by_label("删除 2026 年度？");
    // 2025 is not published: it reads the register again, which is said.
    harness.get_by_label_contains("删除后，2025 年度（尚未通报）改按现在的单位名册显示");
    harness.get_by_label_contains("模板 4 版、考核指标 4 套");
    harness.get_by_label_contains("删除前先自动备份");
    click(&mut harness, "取消");
    assert_eq!(
        years(&harness),
        [2026, 2025, 2024, 2023],
        "取消 deletes nothing"
    );

    click(&mut harness, "删除 2026 年度…");
    click(&mut harness, "删除");
    harness.run();
    assert_eq!(years(&harness), [2025, 2024, 2023]);
    assert_eq!(
        harness.state().state().year,
        Some(2025),
        "the newest year left"
    );
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已删除 2026 年度"))
    );
    let backups = zerenshu::store::backup::list_backups(&db);
    assert_eq!(backups[0].reason, BackupReason::YearDeletion);
    let store = harness.state().store().unwrap();
    let entry = &store.audit_entries(1).unwrap()[0];
    assert_eq!(
        (entry.action.as_str(), entry.entity_id.as_str()),
        ("删除考核年度", "2026")
    );
}

#[test]
fn an_older_year_is_not_offered_a_rollover_and_points_to_the_newest() {
    let dir = tempfile::tempdir().unwrap();
    let harness = settings_window_on(&dir.path().join("z.sqlite3"), 2024);
    harness.get_by_label("只能从最新的 2025 年度结转：请在顶部选择 2025 年度");
    assert!(harness.query_by_label("从 2024 年度结转…").is_none());
    assert!(harness.query_by_label("新年度").is_none());
}

#[test]
fn a_year_a_later_year_follows_cannot_be_deleted() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    zerenshu::workflow::rollover::rollover(&mut store, 2026, 2027).unwrap();
    let mut harness = window(Ok(store), showing(View::Settings, 2026), LAPTOP);
    assert!(is_disabled(&harness, "删除 2026 年度…"));
    click(&mut harness, "删除 2026 年度…");
    assert!(harness.query_by_label("删除 2026 年度？").is_none());
}

#[test]
fn the_only_year_cannot_be_deleted_and_says_why() {
    let mut store = zerenshu::store::Store::open_in_memory().unwrap();
    store
        .write(|w| w.start_blank("示例市人民政府", 2027))
        .unwrap();
    let mut harness = window(Ok(store), showing(View::Settings, 2027), LAPTOP);
    assert!(is_disabled(&harness, "删除 2027 年度…"));
    harness.get_by_label("删除 2027 年度…").hover();
    harness.run();
    harness.get_by_label_contains("2027 年度是数据库中唯一的考核年度，不能删除");
    click(&mut harness, "删除 2027 年度…");
    assert!(harness.query_by_label("删除 2027 年度？").is_none());
    // A blank year has no templates or indicators: its rollover says so, not "各类别".
    click(&mut harness, "从 2027 年度结转…");
    harness.get_by_label_contains("模板：2027 年度还没有模板，没有可复制的");
    harness.get_by_label_contains("考核指标：2027 年度还没有考核指标，没有可复制的");
}

#[test]
fn a_rollover_waits_for_the_year_settings_edits_to_be_saved_or_given_up() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = settings_window(&dir.path().join("z.sqlite3"));
    click(&mut harness, "年度设置");
    type_into(&mut harness, "甲方签字人姓名", "王喆");
    click(&mut harness, "常规");
    harness.get_by_label("新年度：2026 年度");
    assert!(is_disabled(&harness, "从 2025 年度结转…"));
    harness.get_by_label("“年度设置”中有未保存的修改：请先保存或还原，再结转");
    click(&mut harness, "年度设置");
    click(&mut harness, "还原");
    click(&mut harness, "常规");
    assert!(!is_disabled(&harness, "从 2025 年度结转…"));
}

/// A unit in a category without a template (a category just added) is said before the
/// rollover, not only in its toast: the new year cannot draft for it until one is written.
#[test]
fn a_rollover_question_names_a_category_in_use_without_a_template() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    let mut store = demo_store_at(&db);
    let category = store.write(|w| w.insert_category("四类")).unwrap();
    let mut unit = store.units().unwrap().remove(0);
    unit.fields.category_id = category;
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = window(Ok(store), showing(View::Settings, 2025), LAPTOP);
    click(&mut harness, "从 2025 年度结转…");
    harness.get_by_label_contains("结转后：“四类”还没有模板和考核指标：");
}

/// A 甲方 signatory's name left blank is said in the rollover's question: the new year's
/// agreements would leave it empty.
#[test]
fn a_rollover_question_says_a_blank_signatory_carried_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    let mut store = demo_store_at(&db);
    let mut year = store.year(2025).unwrap().unwrap();
    year.party_a_signatory_name = String::new();
    store.write(|w| w.update_year(&year, None)).unwrap();
    let mut harness = window(Ok(store), showing(View::Settings, 2025), LAPTOP);
    click(&mut harness, "从 2025 年度结转…");
    harness.get_by_label_contains(
        "2026 年度沿用的甲方签字人姓名为空：请在年度设置中填写，否则起草的责任书中这一处留空",
    );
}
