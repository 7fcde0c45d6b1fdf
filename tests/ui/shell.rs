//! The window, driven as a clerk would: find widgets by their Chinese labels, click and type.
//! kittest fails on any character the loaded fonts cannot draw, so rendering the demo's rare
//! names (嘡 喆 堃 …) here also guards the fonts.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::AgreementStatus;
use zerenshu::store::Store;
use zerenshu::ui::{App, UiState};

use crate::support::{choose, demo_store, demo_window, retype, start, type_into, window};

/// The names of `every` in the table's rows (those drawn), top to bottom.
pub(crate) fn shown_names(harness: &Harness<'_, App>, every: &[String]) -> Vec<String> {
    harness
        // A label's text is its accesskit value.
        .query_all_by(|node| node.value().is_some_and(|text| every.contains(&text)))
        .filter_map(|node| node.accesskit_node().value())
        .collect()
}

pub(crate) fn active_unit_names(harness: &Harness<'_, App>) -> Vec<String> {
    harness
        .state()
        .store()
        .unwrap()
        .units()
        .unwrap()
        .into_iter()
        .filter(|u| u.is_active)
        .map(|u| u.fields.name)
        .collect()
}

#[test]
fn demo_rows_render_with_rare_characters() {
    let harness = demo_window();
    harness.get_by_label("响嘡街道办事处");
    harness.get_by_label("许喆然");
    harness.get_by_label("共 45 个在用单位，0 个已归档；当前列出 45 个");
}

#[test]
fn a_unit_added_through_the_form_appears_in_the_table() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    type_into(&mut harness, "单位名称", "临河镇人民政府");
    type_into(&mut harness, "简称", "临河镇");
    type_into(&mut harness, "负责人", "郜堃");
    // 单位类型 and 考核类别 are chosen, never left at a default the clerk did not see.
    harness.get_by_label("保存").click();
    harness.run();
    harness.get_by_label("请选择单位类型");
    assert!(!active_unit_names(&harness).contains(&"临河镇人民政府".to_owned()));
    crate::support::choose(&mut harness, "单位类型", "镇");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .value()
            .as_deref(),
        Some("镇街"),
        "a town goes to the 镇街 category"
    );
    harness.get_by_label("保存").click();
    harness.run();

    assert!(active_unit_names(&harness).contains(&"临河镇人民政府".to_owned()));
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "单位名称")
            .is_none(),
        "the form closed"
    );
    harness.get_by_label("临河镇人民政府");
    harness.get_by_label("郜堃");
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t == "已保存单位“临河镇人民政府”")
    );
}

#[test]
fn a_category_picked_first_stays_when_the_kind_is_chosen_after_it() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    crate::support::choose(&mut harness, "考核类别", "三类");
    crate::support::choose(&mut harness, "单位类型", "街道");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .value()
            .as_deref(),
        Some("三类"),
        "the clerk's own choice"
    );
}

#[test]
fn a_duplicate_name_shows_the_message_and_adds_nothing() {
    let mut harness = demo_window();
    let before = active_unit_names(&harness).len();
    harness.get_by_label("新建单位…").click();
    harness.run();
    type_into(&mut harness, "单位名称", "响嘡街道办事处");
    crate::support::choose(&mut harness, "单位类型", "街道");
    type_into(&mut harness, "负责人职务", &"长".repeat(31));
    harness.get_by_label("保存").click();
    harness.run();

    // Both said at the first 保存, not one after the other.
    harness.get_by_label("已有名为“响嘡街道办事处”的在用单位");
    harness.get_by_label("负责人职务不能超过 30 个字（现有 31 个）");
    assert_eq!(active_unit_names(&harness).len(), before);
    // The keyboard goes to the first field refused.
    harness.run();
    assert!((harness.get_by_role_and_label(Role::TextInput, "单位名称")).is_focused());
}

#[test]
fn enter_on_an_empty_form_refuses_and_leaves_the_keyboard_on_the_first_field_refused() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    type_into(&mut harness, "单位名称", "新设街道办事处");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    harness.get_by_label("请选择单位类型");
    assert!(
        (harness.get_by_role_and_label(Role::ComboBox, "单位类型")).is_focused(),
        "the kind, the first field refused"
    );
    // While it reads 请选择, no kind in its list is marked as chosen.
    let marked = |harness: &mut Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::ComboBox, "单位类型")
            .click();
        harness.run();
        let marked: Vec<String> = ["镇", "乡", "街道", "开发区", "部门", "企业"]
            .into_iter()
            .filter(|kind| {
                (harness.query_all_by_label(kind)).any(|node| {
                    let node = node.accesskit_node();
                    node.is_selected() == Some(true)
                        || node.toggled() == Some(egui::accesskit::Toggled::True)
                })
            })
            .map(str::to_owned)
            .collect();
        harness.key_press(egui::Key::Escape);
        harness.run();
        marked
    };
    assert!(!marked(&mut harness).contains(&"镇".to_owned()));
    crate::support::choose(&mut harness, "单位类型", "街道");
    assert_eq!(marked(&mut harness), ["街道"]);
}

#[test]
fn an_empty_or_over_long_name_is_refused_inline() {
    let mut harness = demo_window();
    let before = active_unit_names(&harness).len();
    harness.get_by_label("新建单位…").click();
    harness.run();
    harness.get_by_label("保存").click();
    harness.run();
    harness.get_by_label("单位名称不能为空");

    type_into(&mut harness, "单位名称", &"长".repeat(41));
    assert!(
        harness.query_by_label("单位名称不能为空").is_none(),
        "the message about the old text goes once the clerk types"
    );
    harness.get_by_label("保存").click();
    harness.run();
    harness.get_by_label("单位名称不能超过 40 个字（现有 41 个）");
    assert_eq!(active_unit_names(&harness).len(), before);
}

#[test]
fn editing_a_unit_to_another_units_name_is_refused_and_a_new_name_is_saved() {
    let mut harness = demo_window();
    crate::support::edit_unit(&mut harness, "城关街道办事处");
    retype(&mut harness, "单位名称", "响嘡街道办事处");
    harness.get_by_label("保存").click();
    harness.run();
    harness.get_by_label("已有名为“响嘡街道办事处”的在用单位");
    let names = active_unit_names(&harness);
    assert!(
        names.contains(&"城关街道办事处".to_owned()),
        "nothing saved"
    );
    assert_eq!(names.iter().filter(|n| *n == "响嘡街道办事处").count(), 1);

    retype(&mut harness, "单位名称", "城关新区街道办事处");
    retype(&mut harness, "联系电话", "电话号码");
    harness.get_by_label("保存").click();
    harness.run();
    assert!(
        harness.query_by_label_contains("联系电话只能").is_some(),
        "the phone is refused inline"
    );
    retype(&mut harness, "联系电话", "0399-8619999");
    harness.get_by_label("保存").click();
    harness.run();
    let names = active_unit_names(&harness);
    assert!(names.contains(&"城关新区街道办事处".to_owned()));
    assert!(!names.contains(&"城关街道办事处".to_owned()));
    harness.get_by_label("0399-8619999");
}

#[test]
fn a_unit_renamed_out_of_the_search_stays_in_sight() {
    let mut harness = demo_window();
    type_into(&mut harness, "搜索", "城关街道办事处");
    crate::support::edit_unit(&mut harness, "城关街道办事处");
    retype(&mut harness, "单位名称", "城北街道办事处");
    harness.get_by_label("保存").click();
    harness.run();
    harness.run();
    // Found by the name it had: the saved row is listed, not "没有找到", and said so.
    harness.get_by_label("城北街道办事处");
    assert!(harness.query_by_label_contains("没有找到").is_none());
    harness.get_by_label("按曾用名找到：城北街道办事处（曾用名“城关街道办事处”）");
    // A search it no longer matches at all is cleared (a principal renamed).
    let principal = crate::support::unit_named(&harness, "城北街道办事处")
        .fields
        .principal_name;
    retype(&mut harness, "搜索", &principal);
    crate::support::edit_unit(&mut harness, "城北街道办事处");
    retype(&mut harness, "负责人", "甄若岚");
    harness.get_by_label("保存").click();
    harness.run();
    harness.run();
    harness.get_by_label("城北街道办事处");
    assert!(harness.query_by_label_contains("没有找到").is_none());
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "搜索")
            .value()
            .as_deref(),
        Some("")
    );
}

#[test]
fn escape_and_cancel_keep_a_form_with_typed_text_and_close_an_untouched_one() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "单位名称")
            .is_none(),
        "an untouched form closes"
    );
    harness.get_by_label("新建单位…").click();
    harness.run();
    type_into(&mut harness, "单位名称", "临河镇人民政府");
    // Esc asks before the text goes; Esc again is the question's 继续编辑.
    for asked in [true, false] {
        harness.key_press(egui::Key::Escape);
        harness.run();
        assert_eq!(
            harness.query_by_label("放弃未保存的修改？").is_some(),
            asked
        );
        assert_eq!(
            harness
                .get_by_role_and_label(Role::TextInput, "单位名称")
                .value()
                .as_deref(),
            Some("临河镇人民政府")
        );
    }
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label("放弃未保存的修改？");
    harness.get_by_label("放弃修改").click();
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "单位名称")
            .is_none()
    );
    assert!(!active_unit_names(&harness).contains(&"临河镇人民政府".to_owned()));
    // 取消 asks the same question; 继续编辑 keeps the text.
    harness.get_by_label("新建单位…").click();
    harness.run();
    type_into(&mut harness, "单位名称", "临河镇人民政府");
    harness.get_by_label("取消").click();
    harness.run();
    harness.get_by_label("继续编辑").click();
    harness.run();
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "单位名称")
            .value()
            .as_deref(),
        Some("临河镇人民政府")
    );
}

#[test]
fn arrow_keys_move_the_selection_down_the_list_and_enter_edits_it() {
    let mut harness = demo_window();
    // Listed by 排序号, as the store lists them.
    let names = active_unit_names(&harness);
    harness.get_by_label(&names[0]).click();
    harness.run();
    crate::support::press_each(
        &mut harness,
        &[
            egui::Key::ArrowDown,
            egui::Key::ArrowDown,
            egui::Key::ArrowUp,
            egui::Key::Enter,
        ],
    );
    let field = harness.get_by_role_and_label(Role::TextInput, "单位名称");
    assert_eq!(field.value().as_deref(), Some(names[1].as_str()));
}

/// The keyboard on the first unit's name (Tab reaches it), another unit selected: ↓ goes on
/// from the name with the keyboard, not from the selected row further down.
#[test]
fn arrow_keys_go_on_from_the_name_tab_reached() {
    let mut harness = demo_window();
    let names = active_unit_names(&harness);
    harness.get_by_label(&names[10]).click();
    harness.run();
    harness.get_by_label(&names[0]).focus();
    harness.run();
    assert!(
        harness
            .get_by_label(&names[0])
            .accesskit_node()
            .is_focused()
    );
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "单位名称");
    assert_eq!(field.value().as_deref(), Some(names[1].as_str()));
}

#[test]
fn enter_after_a_click_on_a_unit_edits_it_but_not_after_typing_a_search() {
    let mut harness = demo_window();
    let names = active_unit_names(&harness);
    harness.get_by_label(&names[2]).click();
    harness.run();
    type_into(&mut harness, "搜索", "街道");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness
            .query_by_role_and_label(Role::TextInput, "单位名称")
            .is_none(),
        "Enter in the search only searches"
    );
    harness.get_by_label(&names[0]).click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let field = harness.get_by_role_and_label(Role::TextInput, "单位名称");
    assert_eq!(field.value().as_deref(), Some(names[0].as_str()));
}

#[test]
fn archive_and_restore_a_unit() {
    let mut harness = demo_window();
    harness.get_by_label("城关街道办事处").click();
    harness.run();
    harness.get_by_label("归档").click();
    harness.run();
    // Asked once, saying what archiving does; 取消 leaves the unit as it was.
    harness.get_by_label("归档“城关街道办事处”？");
    harness.get_by_label_contains("也不参加批量起草；历史责任书和评分保留，可随时恢复");
    // Its 2025 agreement is archived, so not in progress: still, it is said to stay scored.
    harness.get_by_label_contains("已签订的照常考核、排名");
    harness.get_by_label("取消").click();
    harness.run();
    assert!(harness.query_by_label("归档“城关街道办事处”？").is_none());
    assert!(active_unit_names(&harness).contains(&"城关街道办事处".to_owned()));
    harness.get_by_label("归档").click();
    harness.run();
    // The keyboard starts on the question's 归档: Enter archives.
    harness.run();
    assert!(
        harness
            .get_all_by_label("归档")
            .last()
            .unwrap()
            .is_focused()
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(!active_unit_names(&harness).contains(&"城关街道办事处".to_owned()));
    harness.get_by_label("共 44 个在用单位，1 个已归档；当前列出 44 个");
    // The archived row left the list: the unit now in its place is selected, with the
    // keyboard on its name (not left nowhere, the buttons that acted greyed).
    harness.run();
    assert!(harness.get_by_label("响嘡街道办事处").is_focused());
    assert!(!harness.get_by_label("编辑…").accesskit_node().is_disabled());
    assert!(harness.get_by_label("恢复").accesskit_node().is_disabled());

    harness.get_by_label("显示已归档").click();
    harness.run();
    harness.get_by_label("城关街道办事处").click();
    harness.run();
    // Its record opened from the list says it is archived, and how to bring it back.
    harness.get_by_label("编辑…").click();
    harness.run();
    harness.get_by_label_contains("该单位已归档：这里只修改名册中的记录");
    harness.get_by_label("取消").click();
    harness.run();
    harness.get_by_label("恢复").click();
    harness.run();
    assert!(active_unit_names(&harness).contains(&"城关街道办事处".to_owned()));
    // An active unit's form says nothing of the kind.
    harness.get_by_label("编辑…").click();
    harness.run();
    assert!(harness.query_by_label_contains("该单位已归档").is_none());
}

#[test]
fn archiving_a_unit_names_its_agreement_still_in_hand() {
    let mut harness = demo_window();
    let store = harness.state().store().unwrap();
    let agreement = crate::first_agreement::first_with_status(store, AgreementStatus::Final);
    let name = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap()
        .fields
        .name;
    type_into(&mut harness, "搜索", &name);
    harness.get_by_label(&name).click();
    harness.run();
    harness.get_by_label("归档").click();
    harness.run();
    harness.get_by_label(&format!("归档“{name}”？"));
    harness.get_by_label("该单位 2025 年度的责任书仍在办理中（已定稿）");
    assert!(harness.query_by_label_contains("删除草稿…").is_none());
}

#[test]
fn archiving_a_unit_names_its_unfinished_agreement_of_an_earlier_year() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    let name = (store.units().unwrap().into_iter())
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap()
        .fields
        .name;
    let mut harness = start(Ok(store));
    assert_eq!(harness.state().state().year, Some(2026));
    type_into(&mut harness, "搜索", &name);
    harness.get_by_label(&name).click();
    harness.run();
    harness.get_by_label("归档").click();
    harness.run();
    // 2026 is shown, and 2025's agreement is still a draft: the question names it.
    harness.get_by_label("该单位 2025 年度的责任书仍在办理中（草稿）");
    harness.get_by_label_contains("可在“责任书”中选中后点“删除草稿…”");
    harness.get_all_by_label("归档").last().unwrap().click();
    harness.run();
    // In 2025's list the agreement says its unit is archived now, and it is not late.
    harness
        .get_by_role_and_label(Role::Button, "责任书")
        .click();
    harness.run();
    choose(&mut harness, "年度", "2025 年度");
    harness.get_by_label(&format!("{name}（已归档单位）"));
}

#[test]
fn navigation_reaches_every_screen_and_later_screens_say_so() {
    let mut harness = demo_window();
    harness.get_by_label("通报与统计").click();
    harness.run();
    harness.get_by_label("总得分分布");
    harness.get_by_label("连续两年及以上不合格（被一票否决的按不合格计）");
    harness.get_by_label("设置").click();
    harness.run();
    harness.get_by_label("考核类别");
    assert_eq!(harness.state().state().view, zerenshu::ui::View::Settings);
}

#[test]
fn a_foreign_file_shows_a_clear_message() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("picture.sqlite3");
    std::fs::write(&path, b"\x89PNG\r\n\x1a\n not a database at all, just bytes of an image file ......................................................").unwrap();
    let result = Store::open(&path);
    let mut harness = window(result, UiState::default(), [1000.0, 600.0]);
    harness.get_by_label("无法打开数据库");
    harness.get_by_label_contains("这不是本程序（目标责任书管理）的数据库");

    // The way on from the window: a new database in another folder, welcome dialog first.
    let other = dir.path().join("新文件夹");
    std::fs::create_dir(&other).unwrap();
    harness.get_by_label("在其他文件夹新建数据库…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .set_text_value_accesskit(&other.display().to_string());
    harness.run();
    harness.get_by_label("确定").click();
    harness.run();
    harness.run();
    assert!(harness.query_by_label("无法打开数据库").is_none());
    harness.get_by_label("这是一个新的数据库。请选择如何开始：");
    assert!(other.join("zerenshu.sqlite3").exists());
    drop(harness);
    assert!(
        std::fs::read(&path).unwrap().starts_with(b"\x89PNG"),
        "the foreign file is untouched"
    );
}

#[test]
fn an_error_message_does_not_follow_the_clerk_to_another_screen() {
    let mut harness = demo_window();
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::AddCategory("镇街".to_owned()));
    harness.run();
    assert_eq!(harness.state().toast_texts().count(), 1, "the refusal");
    harness.get_by_label("责任书").click();
    harness.run();
    assert_eq!(harness.state().toast_texts().count(), 0);
}

#[test]
fn a_unit_is_selected_and_edited_from_the_keyboard() {
    let mut harness = demo_window();
    assert!(harness.get_by_label("编辑…").accesskit_node().is_disabled());
    // The row the keyboard moves to is selected, and Enter opens it at once.
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    assert!(
        !harness.get_by_label("编辑…").accesskit_node().is_disabled(),
        "the row with the keyboard is selected"
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("编辑单位");
}

#[test]
fn tab_reaches_the_units_names() {
    let mut harness = demo_window();
    harness.get_by_label("导入…").focus();
    harness.run();
    // Past the column heads (each sorts its column), the first unit's name.
    let reached = (0..50).any(|_| {
        harness.key_press(egui::Key::Tab);
        harness.run();
        harness
            .query_by_label("城关街道办事处")
            .is_some_and(|node| node.is_focused())
    });
    assert!(reached, "Tab goes on from the buttons into the list");
}
