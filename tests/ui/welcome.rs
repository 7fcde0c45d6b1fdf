//! The welcome dialog of a new file (the demo, a blank start, a restore; the clerk's name for
//! the audit log), and forms whose messages come and go without moving anything.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::store::Store;
use zerenshu::ui::{App, UiState, View};

use crate::shell::active_unit_names;
use crate::support::{demo_window, retype, start, start_blank, type_into, welcome_window, window};

/// Where a widget's top edge is.
fn top_of(harness: &Harness<'_, App>, role: Role, label: &str) -> f32 {
    harness.get_by_role_and_label(role, label).rect().min.y
}

/// Asserts that a widget did not move (within half a pixel).
fn assert_still(now: f32, before: f32) {
    assert!((now - before).abs() < 0.5, "moved from {before} to {now}");
}

#[test]
fn the_unit_form_stays_put_while_its_messages_come_and_go() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    let name_top = top_of(&harness, Role::TextInput, "单位名称");
    let save_top = top_of(&harness, Role::Button, "保存");
    harness.get_by_label("保存").click();
    harness.run();
    harness.get_by_label_contains("单位名称不能为空");
    // The message is under the buttons: nothing the clerk clicks moves.
    assert_still(top_of(&harness, Role::TextInput, "单位名称"), name_top);
    assert_still(top_of(&harness, Role::Button, "保存"), save_top);
    assert!(
        harness.get_by_label("单位名称不能为空").rect().min.y > save_top,
        "said under the buttons"
    );
    let contact_top = top_of(&harness, Role::TextInput, "联系人");
    type_into(&mut harness, "单位名称", "新设单位");
    assert!(
        harness
            .query_by_label_contains("单位名称不能为空")
            .is_none()
    );
    assert_still(top_of(&harness, Role::TextInput, "单位名称"), name_top);
    assert_still(top_of(&harness, Role::TextInput, "联系人"), contact_top);
    assert_still(top_of(&harness, Role::Button, "保存"), save_top);
}

#[test]
fn the_welcome_dialogs_message_goes_once_its_field_is_typed_in_and_nothing_moves() {
    let mut harness = welcome_window();
    start_blank(&mut harness);
    let name_top = top_of(&harness, Role::TextInput, "甲方名称");
    harness.get_by_label("开始使用").click();
    harness.run();
    harness.get_by_label("请填写甲方名称");
    assert_still(top_of(&harness, Role::TextInput, "甲方名称"), name_top);
    type_into(&mut harness, "甲方名称", "样板县人民政府");
    assert!(harness.query_by_label("请填写甲方名称").is_none());
    assert_still(top_of(&harness, Role::TextInput, "甲方名称"), name_top);
}

/// The note that the name offered is the login name goes as the name is changed, its room
/// kept: 开始使用 stays where the pointer is going.
#[test]
fn the_welcome_dialogs_buttons_stay_put_as_the_offered_name_is_changed() {
    let mut harness = welcome_window();
    let offered = (harness.get_by_role_and_label(Role::TextInput, "您的姓名"))
        .value()
        .unwrap_or_default();
    let start = harness.get_by_label("开始使用").rect();
    type_into(&mut harness, "您的姓名", &format!("{offered}甲"));
    assert_eq!(harness.get_by_label("开始使用").rect(), start);
}

#[test]
fn the_welcome_dialog_loads_the_demo_by_default() {
    let mut harness = welcome_window();
    harness.get_by_label("欢迎使用目标责任书管理");
    // The keyboard starts on 开始使用: Enter starts with the demo.
    harness.run();
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("开始使用")
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.query_by_label("欢迎使用目标责任书管理").is_none());
    assert_eq!(active_unit_names(&harness).len(), 45);
    assert_eq!(harness.state().state().year, Some(2025));
}

/// The day's first backup is taken once the demo is in: a new file gets none at start, and
/// 备份与恢复 does not say "还没有自动备份" on the first day.
#[test]
fn loading_the_demo_on_a_new_file_takes_the_days_first_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("新.sqlite3");
    let mut harness = start(Store::open(&db));
    assert!(zerenshu::store::backup::list_backups(&db).is_empty());
    harness.get_by_label("开始使用").click();
    harness.run();
    assert_eq!(active_unit_names(&harness).len(), 45);
    let backups = zerenshu::store::backup::list_backups(&db);
    assert_eq!(backups.len(), 1, "{backups:?}");
    assert_eq!(backups[0].reason, zerenshu::store::BackupReason::Daily);
}

#[test]
fn the_welcome_dialog_leads_to_restoring_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let store = Store::open(&dir.path().join("新.sqlite3")).unwrap();
    let mut harness = start(Ok(store));
    harness
        .get_by_label("从备份恢复（换了电脑，或要找回以前的数据）")
        .click();
    harness.run();
    harness.get_by_label("去恢复备份").click();
    harness.run();
    assert!(harness.query_by_label("欢迎使用目标责任书管理").is_none());
    harness.get_by_label("从其他备份文件恢复…");
    assert!(!harness.state().store().unwrap().is_initialized().unwrap());
    // No backup at hand after all: leaving 设置 brings the welcome back, not screens without
    // a year.
    crate::support::click(&mut harness, "责任书");
    harness.get_by_label("欢迎使用目标责任书管理");
}

#[test]
fn the_welcome_dialog_asks_the_clerks_name_for_the_audit_log() {
    let mut harness = welcome_window();
    harness
        .get_by_role_and_label(Role::TextInput, "您的姓名")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Delete);
    harness.run();
    harness.get_by_label("开始使用").click();
    harness.run();
    harness.get_by_label("请填写您的姓名（1 至 30 个字），它写入操作记录");
    // The name field has the keyboard back, for the name to be typed at once.
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "您的姓名")
            .is_focused()
    );
    type_into(&mut harness, "您的姓名", "张喆");
    harness.get_by_label("开始使用").click();
    harness.run();
    assert!(harness.query_by_label("欢迎使用目标责任书管理").is_none());
    let store = harness.state().store().unwrap();
    assert_eq!(store.operator(), "张喆");
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.operator, "张喆");
}

#[test]
fn the_name_given_in_the_welcome_dialog_shows_in_the_settings_behind_it() {
    // 设置 drawn behind the dialog, as when the window was left on it.
    let mut harness = window(
        Store::open_in_memory(),
        UiState {
            view: View::Settings,
            ..UiState::default()
        },
        [1280.0, 800.0],
    );
    retype(&mut harness, "您的姓名", "张喆");
    harness.get_by_label("开始使用").click();
    harness.run();
    harness.run();
    // The demo opens on the register, whatever screen was left; 设置 then shows the name.
    assert_eq!(harness.state().state().view, View::Units);
    harness.get_by_label("设置").click();
    harness.run();
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "操作员姓名")
            .value()
            .as_deref(),
        Some("张喆")
    );
}

#[test]
fn the_welcome_dialog_can_start_blank() {
    // Left on 考核 last time, as the window remembers per login.
    let mut harness = window(
        Store::open_in_memory(),
        UiState {
            view: View::Assessment,
            ..UiState::default()
        },
        [1280.0, 800.0],
    );
    start_blank(&mut harness);
    // The year offered may be the next one: said beside the field.
    harness.get_by_label("要签订责任书的年度；10月起默认为下一年度");
    // The categories it starts with, not typed by the clerk, are said before.
    harness.get_by_label("考核类别预设为 镇街、一类、二类、三类，可在“设置 → 常规”中改名、增删");
    harness.get_by_label("开始使用").click();
    harness.run();
    harness.get_by_label("请填写甲方名称");
    type_into(&mut harness, "甲方名称", "样板县人民政府");
    retype(&mut harness, "考核年度", "2026");
    harness.get_by_label("开始使用").click();
    harness.run();
    let store = harness.state().store().unwrap();
    assert!(
        store.units().unwrap().is_empty(),
        "a blank start has no demo rows"
    );
    assert_eq!(
        store.year(2026).unwrap().unwrap().party_a_name,
        "样板县人民政府"
    );
    assert_eq!(store.categories().unwrap().len(), 4);
    // It opens where the toast sends the clerk, whichever screen was left open last time,
    // and the empty register says where units come from.
    harness.get_by_label("新建单位…");
    harness.get_by_label_contains("名册中还没有单位：点“新建单位…”逐个添加，或点“导入…”");
    // With nothing to draft from yet, the 责任书 screen says what to prepare, in order.
    harness
        .get_by_role_and_label(Role::Button, "责任书")
        .click();
    harness.run();
    harness.get_by_label("本年度还没有责任书。起草前请依次准备：");
    // Each step says where it stands.
    harness.get_by_label("1. 在“单位”中添加或导入责任单位（待完成：名册中还没有单位）");
    harness.get_by_label(
        "2. 在“设置 → 年度设置”中填写甲方签字人和计划签订日期（待完成：甲方签字人、计划签订日期未填）",
    );
    harness.get_by_label_contains("3. 在上方“模板”中为各考核类别写好责任书文本（待完成：镇街、");
    // A step to do, clicked, goes where it is done.
    harness
        .get_by_label_contains("3. 在上方“模板”中为各考核类别写好责任书文本")
        .click();
    harness.run();
    harness.get_by_label("插入占位符：");
    crate::support::click(&mut harness, "签订跟踪");
    harness
        .get_by_label_contains("2. 在“设置 → 年度设置”中填写")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::TextInput, "甲方签字人姓名");
    crate::support::click(&mut harness, "责任书");
    harness
        .get_by_label_contains("1. 在“单位”中添加或导入责任单位")
        .click();
    harness.run();
    harness.get_by_label("新建单位…");
    // 批量起草… on an empty register says why there is nothing to draft.
    crate::support::click(&mut harness, "责任书");
    crate::support::click(&mut harness, "批量起草…");
    harness.get_by_label_contains("名册中还没有单位：请先在“单位”中点“新建单位…”");
    // The scoring screen says where its indicators are set.
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_role_and_label(Role::Button, "考核").click();
    harness.run();
    harness.get_by_label_contains("请先在“责任书 → 考核指标”中设置并定稿");
}

#[test]
fn a_blank_start_takes_a_full_width_year_and_starts_on_enter() {
    let mut harness = welcome_window();
    start_blank(&mut harness);
    type_into(&mut harness, "甲方名称", "样板县人民政府");
    retype(&mut harness, "考核年度", "１９９９");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("年度应在 2000 至 2100 之间，如 2025");
    assert!(harness.state().store().unwrap().years().unwrap().is_empty());
    // The message goes with the choice it was about, and is back when that is chosen again.
    crate::support::click(&mut harness, "载入示例数据（虚构的示例市，适合先试用）");
    assert!(
        harness
            .query_by_label("年度应在 2000 至 2100 之间，如 2025")
            .is_none()
    );
    start_blank(&mut harness);
    // A slip far ahead is refused: the only year cannot be deleted.
    retype(&mut harness, "考核年度", "2099");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("2099 年度太远：第一个考核年度通常是今年或明年");
    retype(&mut harness, "考核年度", "２０２７年");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let store = harness.state().store().unwrap();
    assert_eq!(
        store.year(2027).unwrap().unwrap().party_a_name,
        "样板县人民政府"
    );
}

/// A step of the list clicked goes to the first category it names as still to do, not to
/// the category last shown there.
#[test]
fn a_step_opens_the_first_category_it_names() {
    let mut store = crate::support::demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    // A unit without its 负责人: said under the steps (signing in bulk needs one).
    let mut unit = store.units().unwrap()[0].clone();
    unit.fields.principal_name.clear();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = crate::support::agreements_window(store, 2026);
    harness.get_by_label_contains(&format!(
        "另：1 个单位未填负责人（{}）",
        unit.fields.display_short_name()
    ));
    crate::support::click(&mut harness, "考核指标");
    crate::support::choose(&mut harness, "考核类别", "一类");
    crate::support::click(&mut harness, "签订跟踪");
    harness
        .get_by_label_contains("4. 在“考核指标”中填好指标并标记定稿（待完成：镇街、")
        .click();
    harness.run();
    let shown = harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .value();
    assert_eq!(shown.as_deref(), Some("镇街"));
}

/// The steps before a first draft, all done, shrink to a line: the list below comes up to it,
/// no empty band kept where the steps were.
#[test]
fn the_list_comes_up_once_the_first_steps_are_done() {
    let mut store = crate::support::demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let sets: Vec<i64> = (store.indicator_sets(2026).unwrap().into_iter())
        .filter(|set| !set.is_final)
        .map(|set| set.id)
        .collect();
    assert!(!sets.is_empty(), "a step still to do");
    let mut harness = crate::support::agreements_window(store, 2026);
    harness.get_by_label("本年度还没有责任书。起草前请依次准备：");
    // The table's first column head ("序号", with its sort arrow).
    let header = |harness: &Harness<'_, App>| {
        (harness.get_all_by_label_contains("序号"))
            .map(|node| node.rect().min.y)
            .fold(0.0_f32, f32::max)
    };
    let before = header(&harness);
    for set_id in sets {
        crate::support::mark_indicators_final(&mut harness, set_id);
    }
    harness.run();
    harness.get_by_label("本年度还没有责任书：点“批量起草…”，为各单位按本类别的模板起草");
    assert!(
        header(&harness) < before - 20.0,
        "{} {before}",
        header(&harness)
    );
}
