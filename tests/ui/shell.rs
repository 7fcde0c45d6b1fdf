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
use zerenshu::ui::{App, UiState, View};

use crate::support::{
    agreements, choose, demo_store, demo_window, open_signing_form, retype, showing, start,
    start_blank, type_into, welcome_window, window,
};

/// The names of `every` in the table's rows (those drawn), top to bottom.
fn shown_names(harness: &Harness<'_, App>, every: &[String]) -> Vec<String> {
    harness
        // A label's text is its accesskit value.
        .query_all_by(|node| node.value().is_some_and(|text| every.contains(&text)))
        .filter_map(|node| node.accesskit_node().value())
        .collect()
}

fn active_unit_names(harness: &Harness<'_, App>) -> Vec<String> {
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
    // The search it no longer matches is cleared: the saved row is listed, not "没有找到".
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
fn a_category_or_kind_typed_whole_lists_its_units() {
    let mut harness = demo_window();
    type_into(&mut harness, "搜索", "二类");
    let store = harness.state().store().unwrap();
    let second = (store.categories().unwrap().into_iter())
        .find(|c| c.name == "二类")
        .unwrap();
    let count = (store.units().unwrap().iter())
        .filter(|u| u.fields.category_id == second.id)
        .count();
    assert!(count > 0);
    harness.get_by_label(&format!(
        "共 45 个在用单位，0 个已归档；当前列出 {count} 个"
    ));
    type_into(&mut harness, "搜索", " 开发区");
    harness.get_by_label("没有找到与“二类 开发区”相符的单位（按名称、简称、负责人职务或姓名、联系人、电话、考核类别或类型查找）");
    // The principal's title is found too, with the category beside it.
    let store = harness.state().store().unwrap();
    let chiefs = (store.units().unwrap().iter())
        .filter(|u| u.fields.category_id == second.id && u.fields.principal_title.contains("局长"))
        .count();
    assert!(chiefs > 0);
    crate::support::retype(&mut harness, "搜索", "局长 二类");
    harness.get_by_label(&format!(
        "共 45 个在用单位，0 个已归档；当前列出 {chiefs} 个"
    ));
}

#[test]
fn search_filters_the_table() {
    let mut harness = demo_window();
    type_into(&mut harness, "搜索", "响嘡");
    harness.get_by_label("共 45 个在用单位，0 个已归档；当前列出 1 个");
    assert!(harness.query_by_label("城关街道办事处").is_none());
    assert!(harness.query_by_label_contains("没有找到").is_none());
    // Nothing found is said (no unit is archived: nothing said of archived ones).
    type_into(&mut harness, "搜索", "不存在");
    harness.get_by_label(
        "没有找到与“响嘡不存在”相符的单位（按名称、简称、负责人职务或姓名、联系人、电话、考核类别或类型查找）",
    );
    // A part of a phone number finds its unit.
    let units = harness.state().store().unwrap().units().unwrap();
    let unit = units
        .iter()
        .find(|u| u.fields.contact_phone.len() > 8)
        .unwrap();
    let part = unit.fields.contact_phone[unit.fields.contact_phone.len() - 7..].to_owned();
    let name = unit.fields.name.clone();
    crate::support::retype(&mut harness, "搜索", &part);
    harness.get_by_label(&name);
    assert!(harness.query_by_label_contains("没有找到").is_none());
    // The whole number typed without its dash finds it too.
    let undashed: String = (unit.fields.contact_phone.chars())
        .filter(char::is_ascii_digit)
        .collect();
    assert_ne!(undashed, unit.fields.contact_phone, "the demo's has a dash");
    crate::support::retype(&mut harness, "搜索", &undashed);
    harness.get_by_label(&name);
    assert!(harness.query_by_label_contains("没有找到").is_none());
    // Esc in the box empties it: every unit again.
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label("共 45 个在用单位，0 个已归档；当前列出 45 个");
}

#[test]
fn words_typed_apart_are_each_searched_for() {
    let mut harness = demo_window();
    type_into(&mut harness, "搜索", "示例 应急");
    harness.get_by_label("共 45 个在用单位，0 个已归档；当前列出 1 个");
    harness.get_by_label("示例市应急管理局");
}

#[test]
fn columns_sort_by_pinyin_and_by_the_offices_own_order() {
    let mut harness = demo_window();
    let every = active_unit_names(&harness);
    let shown = |harness: &Harness<'_, App>| shown_names(harness, &every);
    harness.get_by_label("单位名称").click();
    harness.run();
    let names = shown(&harness);
    assert!(names.len() > 5, "{names:?}");
    let mut by_pinyin = every.clone();
    by_pinyin.sort_by(|a, b| zerenshu::model::collation::by_pinyin(a, b));
    assert_eq!(names, by_pinyin[..names.len()], "{names:?}");
    harness.get_by_label("考核类别").click();
    harness.run();
    let store = harness.state().store().unwrap();
    let categories = store.categories().unwrap();
    let units = store.units().unwrap();
    let category_of = |name: &String| {
        let unit = units.iter().find(|u| &u.fields.name == name).unwrap();
        categories
            .iter()
            .position(|c| c.id == unit.fields.category_id)
            .unwrap()
    };
    let order: Vec<usize> = shown(&harness).iter().map(category_of).collect();
    assert!(order.windows(2).all(|w| w[0] <= w[1]), "{order:?}");
    assert_eq!(order.first(), Some(&0), "镇街 first");
    // Every column sorts: the phone numbers, then back the other way.
    let phone_of = |name: &String| {
        let unit = units.iter().find(|u| &u.fields.name == name).unwrap();
        unit.fields.contact_phone.clone()
    };
    harness.get_by_label("联系电话").click();
    harness.run();
    let phones: Vec<String> = shown(&harness).iter().map(phone_of).collect();
    assert!(phones.windows(2).all(|w| w[0] <= w[1]), "{phones:?}");
    harness.get_by_label("联系电话 ▲").click();
    harness.run();
    let phones: Vec<String> = shown(&harness).iter().map(phone_of).collect();
    assert!(phones.windows(2).all(|w| w[0] >= w[1]), "{phones:?}");
    // A click in the header cell beside its title sorts too.
    let title = harness.get_by_label("联系人").rect();
    let beside = egui::pos2(title.max.x + 12.0, title.center().y);
    harness.drag_at(beside);
    harness.drop_at(beside);
    harness.run();
    harness.get_by_label("联系人 ▲");
}

/// A unit without a 负责人 yet goes last, whichever way the column sorts.
#[test]
fn blanks_sort_last_either_way() {
    let mut store = demo_store();
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "城关街道办事处")
        .unwrap();
    unit.fields.principal_name.clear();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = window(Ok(store), showing(View::Units, 2025), [1280.0, 3000.0]);
    let every = active_unit_names(&harness);
    let shown = |harness: &Harness<'_, App>| shown_names(harness, &every);
    harness.get_by_label("负责人").click();
    harness.run();
    assert_eq!(
        shown(&harness).last().map(String::as_str),
        Some("城关街道办事处")
    );
    harness.get_by_label("负责人 ▲").click();
    harness.run();
    assert_eq!(
        shown(&harness).last().map(String::as_str),
        Some("城关街道办事处")
    );
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
    // The archived row left the list: nothing stays selected to edit or restore unseen.
    for button in ["编辑…", "恢复", "归档"] {
        assert!(
            harness.get_by_label(button).accesskit_node().is_disabled(),
            "{button}"
        );
    }

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

#[test]
fn the_welcome_dialog_loads_the_demo_by_default() {
    let mut harness = welcome_window();
    harness.get_by_label("欢迎使用目标责任书管理");
    harness.get_by_label("开始使用").click();
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
    retype(&mut harness, "考核年度", "２０２７年");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let store = harness.state().store().unwrap();
    assert_eq!(
        store.year(2027).unwrap().unwrap().party_a_name,
        "样板县人民政府"
    );
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

fn agreements_harness(year: i32) -> Harness<'static, App> {
    agreements_harness_sized(year, 900.0)
}

fn agreements_harness_sized(year: i32, height: f32) -> Harness<'static, App> {
    let mut store = demo_store();
    if year == 2026 {
        // The 2026 round is worked through on the day it is signed in the tests.
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        store.set_clock(day.and_hms_opt(9, 30, 0).unwrap());
        zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    }
    window(
        Ok(store),
        showing(zerenshu::ui::View::Agreements, year),
        [1400.0, height],
    )
}

fn statuses(harness: &Harness<'_, App>, year: i32) -> Vec<AgreementStatus> {
    agreements(harness, year)
        .into_iter()
        .map(|a| a.status)
        .collect()
}

#[test]
fn drafting_from_the_agreements_screen_gives_one_row_per_active_unit() {
    // Tall enough for every row to be drawn (the table draws only the rows in view).
    let mut harness = agreements_harness_sized(2026, 1500.0);
    harness.get_by_label("草稿 0");
    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label_contains("将为 45 个单位起草");
    harness.get_by_label("开始起草").click();
    harness.run();
    assert_eq!(statuses(&harness, 2026), vec![AgreementStatus::Draft; 45]);
    harness.get_by_label("草稿 45");
    harness.get_by_label("响嘡街道办事处");
    let units = harness.state().store().unwrap().units().unwrap();
    for unit in units.iter().filter(|u| u.is_active) {
        assert_eq!(
            harness.get_all_by_label(&unit.fields.name).count(),
            1,
            "one row for {}",
            unit.fields.name
        );
    }
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已起草 45 份责任书"))
    );

    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label_contains("45 个单位本年度已有责任书，将跳过");
}

#[test]
fn the_batch_dialog_draws_only_the_units_in_sight_and_counts_them_all() {
    let mut harness = agreements_harness_sized(2026, 1500.0);
    harness.get_by_label("批量起草…").click();
    harness.run();
    let ticked = |harness: &Harness<'_, App>| {
        harness
            .query_all_by(|node| node.role() == Role::CheckBox)
            .count()
    };
    let drawn = ticked(&harness);
    assert!(
        (5..45).contains(&drawn),
        "the list draws the rows in sight, not all 45: {drawn}"
    );
    harness.get_by_label("全不选").click();
    harness.run();
    harness.get_by_label_contains("将为 0 个单位起草");
    harness.get_by_label("全选").click();
    harness.run();
    harness.get_by_label_contains("将为 45 个单位起草");
}

#[test]
fn units_without_an_agreement_are_counted_until_drafted() {
    let mut harness = agreements_harness(2026);
    // None drafted: the line under the buttons says so; one drafted: the rest are counted.
    assert!(
        harness
            .query_by_label_contains("在用单位本年度还没有责任书")
            .is_none()
    );
    // Nothing listed to tick.
    let tick_all = |harness: &egui_kittest::Harness<'_, zerenshu::ui::App>| {
        harness
            .get_by_label("全部勾选")
            .accesskit_node()
            .is_disabled()
    };
    assert!(tick_all(&harness));
    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label("全不选").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "城关街道办事处（镇街）")
        .click();
    harness.run();
    harness.get_by_label("开始起草").click();
    harness.run();
    harness
        .get_by_label("另有 44 个在用单位本年度还没有责任书")
        .hover();
    harness.run();
    // The hover names the first ten of them.
    harness.get_by_label_contains("响嘡街道办事处、新华街道办事处、");
    assert!(!tick_all(&harness));
    // The demo year has one for every unit.
    let demo = agreements_harness(2025);
    assert!(
        demo.query_by_label_contains("在用单位本年度还没有责任书")
            .is_none()
    );
}

#[test]
fn one_agreement_moves_through_final_and_signed_by_its_labels() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label("开始起草").click();
    harness.run();
    harness.get_by_role_and_label(Role::CheckBox, "2").click();
    harness.run();
    harness.get_by_label("定稿（1）").click();
    harness.run();
    // Rolled-over indicators are reviewed and marked final first: the dialog says so instead
    // of asking, and cannot be confirmed.
    harness.get_by_label("暂时不能定稿");
    assert!(
        harness
            .query_by_label_contains("定稿第 2 号责任书")
            .is_none()
    );
    harness.get_by_label_contains("该责任书所属类别（镇街）的考核指标尚未定稿，不能定稿");
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "确认定稿")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("取消").click();
    harness.run();
    assert_eq!(statuses(&harness, 2026)[1], AgreementStatus::Draft);
    // The second unit is a 镇街, the first category, which the 考核指标 tab opens on.
    harness.get_by_label("考核指标").click();
    harness.run();
    harness.get_by_label("状态：未定稿");
    harness.get_by_label("标记定稿").click();
    harness.run();
    harness.get_by_label("状态：已定稿");
    harness.get_by_label("签订跟踪").click();
    harness.run();
    harness.get_by_label("定稿（1）").click();
    harness.run();
    // The one agreement is named by its number and unit.
    harness.get_by_label_contains("定稿第 2 号责任书（");
    harness.get_by_label("确认定稿").click();
    harness.run();
    assert_eq!(statuses(&harness, 2026)[1], AgreementStatus::Final);
    // 已签订 follows 已打印: the signature copies come from the print file.
    let sign = harness.get_by_label("标记已签订…（0）");
    assert!(
        sign.accesskit_node().is_disabled(),
        "a final agreement is printed first"
    );
    sign.hover();
    harness.run();
    harness.get_by_label("须先标记已打印");
    harness.get_by_label("标记已打印（1）").click();
    harness.run();
    retype(&mut harness, "打印日期", "2026-03-10");
    harness.get_by_label("确定已打印").click();
    harness.run();
    assert_eq!(statuses(&harness, 2026)[1], AgreementStatus::Printed);
    harness.get_by_label("标记已签订…（1）").click();
    harness.run();
    retype(&mut harness, "签订日期", "2026-03-16");
    // The year's signatory is offered; another leader signed at the meeting.
    let offered = harness
        .state()
        .store()
        .unwrap()
        .year(2026)
        .unwrap()
        .unwrap();
    let field = harness.get_by_role_and_label(Role::TextInput, "甲方签字人");
    assert_eq!(field.value(), Some(offered.party_a_signatory_name));
    retype(&mut harness, "甲方签字人", "欧阳若水");
    harness.get_by_label("确定签订").click();
    harness.run();
    let agreement = agreements(&harness, 2026).remove(1);
    assert_eq!(agreement.status, AgreementStatus::Signed);
    assert_eq!(
        agreement.signed_on,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 16)
    );
    assert_eq!(agreement.party_a_signatory, "欧阳若水");
    assert_eq!(agreement.party_b_signatory, "齐玥");
}

#[test]
fn a_finalized_agreement_offers_no_clause_editing() {
    let mut harness = agreements_harness(2025);
    // The demo's fourth unit (东城街道) is 已定稿 in 2025.
    harness.get_by_label("东城街道办事处").click();
    harness.run();
    let button = harness.get_by_label("修改条款…");
    assert!(button.accesskit_node().is_disabled());
    button.click();
    harness.run();
    assert!(harness.query_by_label("保存调整").is_none());
}

#[test]
fn a_draft_can_be_tailored_and_the_difference_shows() {
    // The demo's fifth unit (青山镇) is a 草稿 in 2025; a tall window shows every clause.
    let mut harness = agreements_harness_sized(2025, 2000.0);
    harness.get_by_label("青山镇人民政府").click();
    harness.run();
    harness.get_by_label("与模板一致，没有单独调整的条款");
    harness.get_by_label("修改条款…").click();
    harness.run();
    // Nothing to save until something changes.
    assert!(
        harness
            .get_by_label("保存调整")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("在“主要任务”中增加条款").click();
    harness.run();
    // The new clause takes the keyboard: what is typed next goes into it.
    assert!(harness.get_by_label("新增").is_focused());
    harness
        .get_by_label("新增")
        .type_text("（七）{单位简称}做好渡口安全管理");
    harness.run();
    // Said while it is typed, as the template editor says it, and still after it is left.
    harness.get_by_label("本条末尾没有句号");
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.get_by_label("本条末尾没有句号");
    harness.get_by_label("新增").click();
    harness.run();
    harness.key_press(egui::Key::End);
    harness.get_by_label("新增").type_text("。");
    harness.run();
    // Until it is saved, the lists above say they are the saved ones (lines coming as the
    // clause is typed would move the fields under the clerk's hands).
    harness.get_by_label("与模板的差异（已保存的，下方的修改尚未保存）");
    harness.get_by_label("控制指标（本单位单独设定；已保存的，下方的修改尚未保存）");
    assert!(
        harness
            .query_by_label("【主要任务】新增：（七）青山镇做好渡口安全管理。")
            .is_none()
    );
    harness.get_by_label("保存调整").click();
    harness.run();
    // Read as it prints: the unit's short name in place of the placeholder.
    harness.get_by_label("与模板的差异");
    harness.get_by_label("【主要任务】新增：（七）青山镇做好渡口安全管理。");
}

/// Empties the clause editor's first clause: selected whole, then `key` (Backspace or Delete).
fn empty_first_clause(harness: &mut Harness<'_, App>, key: egui::Key) {
    harness
        .get_all_by_role_and_label(Role::MultilineTextInput, "条款")
        .next()
        .unwrap()
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(key);
    harness.run();
}

/// The line that appears above the targets as a new one is typed must not move the keyboard:
/// each key typed lands in the field being typed in.
#[test]
fn typing_a_new_target_keeps_the_keyboard_in_its_field_as_a_warning_comes_and_goes() {
    let mut harness = agreements_harness_sized(2025, 2000.0);
    harness.get_by_label("青山镇人民政府").click();
    harness.run();
    harness.get_by_label("修改条款…").click();
    harness.run();
    let limits_before: Vec<Option<String>> = harness
        .get_all_by_role_and_label(Role::TextInput, "限值")
        .map(|n| n.value())
        .collect();
    harness.get_by_label("添加控制指标").click();
    harness.run();
    let limit_field = |harness: &Harness<'_, App>| {
        (harness.get_all_by_role_and_label(Role::TextInput, "限值"))
            .last()
            .unwrap()
            .rect()
    };
    let limit_at = limit_field(&harness);
    // The new field has the keyboard; typed key by key, as an input method sends words.
    for word in ["一般", "生产安全", "事故"] {
        harness.event(egui::Event::Text(word.to_owned()));
        harness.run();
    }
    // The refusal that comes as the name is typed leaves the 限值 field where it was.
    assert_eq!(limit_field(&harness), limit_at);
    let last_name = harness
        .get_all_by_role_and_label(Role::TextInput, "指标")
        .last()
        .unwrap()
        .value();
    assert_eq!(last_name.as_deref(), Some("一般生产安全事故"));
    harness.get_by_label("控制指标“一般生产安全事故”没有填写限值");
    let limits_after: Vec<Option<String>> = harness
        .get_all_by_role_and_label(Role::TextInput, "限值")
        .map(|n| n.value())
        .collect();
    assert_eq!(
        limits_after[..limits_before.len()],
        limits_before[..],
        "no other target took a key"
    );
    // A clause emptied and typed again: the line saying it is empty comes and goes above it.
    let clause = |harness: &Harness<'_, App>| {
        harness
            .get_all_by_role_and_label(Role::MultilineTextInput, "条款")
            .next()
            .unwrap()
            .value()
    };
    empty_first_clause(&mut harness, egui::Key::Backspace);
    for word in ["加强", "组织", "领导。"] {
        harness.event(egui::Event::Text(word.to_owned()));
        harness.run();
    }
    assert_eq!(clause(&harness).as_deref(), Some("加强组织领导。"));
}

#[test]
fn a_target_without_a_limit_and_an_emptied_clause_are_refused_before_saving() {
    let mut harness = agreements_harness_sized(2025, 2000.0);
    harness.get_by_label("青山镇人民政府").click();
    harness.run();
    harness.get_by_label("修改条款…").click();
    harness.run();
    harness.get_by_label("添加控制指标").click();
    harness.run();
    let targets = harness
        .get_all_by_role_and_label(Role::TextInput, "指标")
        .count();
    harness
        .get_all_by_role_and_label(Role::TextInput, "指标")
        .nth(targets - 1)
        .unwrap()
        .type_text("一般生产安全事故");
    harness.run();
    harness.get_by_label("控制指标“一般生产安全事故”没有填写限值");
    let save_disabled = |harness: &Harness<'_, App>| {
        harness
            .get_by_label("保存调整")
            .accesskit_node()
            .is_disabled()
    };
    assert!(save_disabled(&harness));
    harness
        .get_all_by_role_and_label(Role::TextInput, "限值")
        .nth(targets - 1)
        .unwrap()
        .focus();
    harness.run();
    harness
        .get_all_by_role_and_label(Role::TextInput, "限值")
        .nth(targets - 1)
        .unwrap()
        .type_text("1起以内");
    harness.run();
    assert!(!save_disabled(&harness));
    // A clause emptied but not 删去 would be signed as a bare "（一）".
    empty_first_clause(&mut harness, egui::Key::Delete);
    harness.get_by_label_contains("第 1 条是空的：请填写条款内容，或勾选“删去”");
    assert!(save_disabled(&harness));
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
fn the_indicator_editor_shows_the_running_sum_and_refuses_final_while_it_differs() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("考核指标").click();
    harness.run();
    harness.get_by_label("分值合计 100 / 100");
    let first_points = harness
        .get_all_by_role_and_label(Role::TextInput, "分值")
        .next()
        .unwrap();
    first_points.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_all_by_role_and_label(Role::TextInput, "分值")
        .next()
        .unwrap()
        .type_text("1");
    harness.run();
    harness.get_by_label("分值合计 95 / 100，须等于满分才能定稿");
    assert!(
        harness
            .get_by_label("标记定稿")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("保存指标").click();
    harness.run();
    let set = harness
        .state()
        .store()
        .unwrap()
        .indicator_sets(2026)
        .unwrap()
        .remove(0);
    assert_eq!(set.total_points(), zerenshu::model::Points::whole(95));
    assert!(!set.is_final);
    // Saved, the reason is said beside the button too, as the other reasons are.
    harness.get_by_label("不能定稿：分值合计为 95，须等于满分 100");
}

#[test]
fn the_template_editor_flags_an_unknown_placeholder_before_saving() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("模板").click();
    harness.run();
    type_into_end(&mut harness, "标题", "{单位名}");
    harness.get_by_label("【标题】未知的占位符“{单位名}”（是否应为“{单位名称}”）");
    type_into_end(&mut harness, "第 2 部分标题", "{年份");
    harness.get_by_label("【第 2 部分标题】占位符缺少右括号“}”");
    assert!(
        harness
            .get_by_label("保存模板")
            .accesskit_node()
            .is_disabled()
    );
    // The preview still reads the rest, the faults marked.
    harness.get_by_label("有误的占位符在预览中以〔〕标出，改正后才能保存");
    harness.get_by_label_contains("2026年度安全生产目标管理责任书〔单位名〕");
}

#[test]
fn typing_on_while_a_brace_message_comes_and_goes_keeps_every_key_in_the_field() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("模板").click();
    harness.run();
    type_into_end(&mut harness, "标题", "（");
    // One key per frame: "{" makes the unclosed-brace message appear above the fields.
    for key in ["{", "单", "位", "名", "称", "}"] {
        harness
            .get_by_role_and_label(Role::TextInput, "标题")
            .type_text(key);
        harness.run();
    }
    let title = harness
        .get_by_role_and_label(Role::TextInput, "标题")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert!(title.ends_with("（{单位名称}"), "{title}");
}

fn type_into_end(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .focus();
    harness.run();
    harness.key_press(egui::Key::End);
    harness
        .get_by_role_and_label(Role::TextInput, label)
        .type_text(text);
    harness.run();
}

#[test]
fn one_agreement_is_signed_with_its_own_signatories() {
    let mut harness = agreements_harness(2025);
    // The demo's third unit (新华街道) is 已打印 in 2025.
    open_signing_form(&mut harness, "新华街道办事处");
    for (label, text) in [
        ("签订日期", "2025-03-18"),
        ("乙方签字人", "庞昇平（代）"),
        ("签回份数", "2"),
    ] {
        retype(&mut harness, label, text);
    }
    harness.get_by_label("保存签订信息").click();
    harness.run();
    let agreement = agreements(&harness, 2025).remove(2);
    assert_eq!(agreement.status, AgreementStatus::Signed);
    assert_eq!(
        agreement.signed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 18)
    );
    assert_eq!(agreement.party_b_signatory, "庞昇平（代）");
    assert_eq!(agreement.copies_returned, 2);
}

#[test]
fn the_agreement_search_finds_a_paper_copy_by_its_verification_code() {
    let mut harness = agreements_harness(2025);
    let agreement = agreements(&harness, 2025).remove(1);
    // Typed off the paper in groups and capitals, as a clerk reads it.
    let hash = agreement.content_hash.unwrap();
    let code = format!(
        "{} {} {}",
        &hash[..4].to_uppercase(),
        &hash[4..8],
        &hash[8..12]
    );
    type_into(&mut harness, "查找", &code);
    harness.get_by_label("响嘡街道办事处");
    assert!(
        harness.query_by_label("城关街道办事处").is_none(),
        "only the agreement with that code is listed"
    );
    // Its last two groups alone (the start of a footer torn off) find it too.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    type_into(
        &mut harness,
        "查找",
        &format!("{} {}", &hash[4..8], &hash[8..12]),
    );
    harness.get_by_label("响嘡街道办事处");
    assert!(harness.query_by_label("城关街道办事处").is_none());
}

#[test]
fn printing_with_nothing_selected_prints_only_what_waits_to_be_printed() {
    let harness = agreements_harness(2025);
    let statuses = statuses(&harness, 2025);
    let count = |status| statuses.iter().filter(|s| **s == status).count();
    let finals = count(AgreementStatus::Final);
    assert!(count(AgreementStatus::Draft) > 0 && finals > 0);
    assert!(
        count(AgreementStatus::Signed) + count(AgreementStatus::Printed) > 0,
        "the demo has agreements past printing, which are left out"
    );
    harness.get_by_label(&format!("导出 PDF…（{}）", statuses.len()));
    harness.get_by_label(&format!("打印…（{finals}）"));
}

#[test]
fn an_archived_units_unsigned_agreement_is_not_counted_overdue() {
    let mut harness = agreements_harness(2025);
    let store = harness.state().store().unwrap();
    let draft = crate::first_agreement::first_with_status(store, AgreementStatus::Draft);
    let overdue = store
        .agreements(2025)
        .unwrap()
        .iter()
        .filter(|a| a.status < AgreementStatus::Signed)
        .count();
    harness.get_by_label_contains(&format!("已逾期未签 {overdue} 份"));
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetUnitActive {
            id: draft.draft.unit_id,
            is_active: false,
        });
    harness.run();
    harness.run();
    harness.get_by_label_contains(&format!(
        "已逾期未签 {} 份（另有 1 份属于已归档单位，不计入）",
        overdue - 1
    ));
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
fn a_batch_with_some_drafts_that_cannot_be_issued_can_issue_the_others() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label("开始起草").click();
    harness.run();
    // The 镇街 indicators are marked final; the departments' are not.
    harness.get_by_label("考核指标").click();
    harness.run();
    harness.get_by_label("标记定稿").click();
    harness.run();
    harness.get_by_label("签订跟踪").click();
    harness.run();
    for number in ["2", "16"] {
        harness
            .get_by_role_and_label(Role::CheckBox, number)
            .click();
        harness.run();
    }
    harness.get_by_label("定稿（2）").click();
    harness.run();
    harness.get_by_label("暂时不能定稿");
    harness.get_by_label("只定稿可以定稿的 1 份").click();
    harness.run();
    // The one that can go is asked about as any 定稿 is: named, the other said to wait.
    harness.get_by_label("另 1 份暂时不能定稿，不在其中，仍为草稿");
    assert_eq!(
        statuses(&harness, 2026)[1],
        AgreementStatus::Draft,
        "nothing frozen before the answer"
    );
    harness.get_by_label("确认定稿").click();
    harness.run();
    let statuses = statuses(&harness, 2026);
    assert_eq!(statuses[1], AgreementStatus::Final, "the 镇街 one");
    assert_eq!(
        statuses[15],
        AgreementStatus::Draft,
        "the department's waits"
    );
    assert!(harness.query_by_label("暂时不能定稿").is_none());
}

#[test]
fn a_unit_is_selected_and_edited_from_the_keyboard() {
    let mut harness = demo_window();
    assert!(harness.get_by_label("编辑…").accesskit_node().is_disabled());
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        !harness.get_by_label("编辑…").accesskit_node().is_disabled(),
        "Enter on the name selects the unit"
    );
    harness.get_by_label("城关街道办事处").focus();
    harness.run();
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

/// A long reason for 退回草稿 is wrapped under the detail's facts: the panel keeps to the
/// window, its buttons in reach.
#[test]
fn a_long_revert_reason_does_not_push_the_detail_past_the_window() {
    let mut harness = window(
        Ok(demo_store()),
        showing(zerenshu::ui::View::Agreements, 2025),
        [1200.0, 760.0],
    );
    let id = crate::support::first_in(&harness, zerenshu::model::AgreementStatus::Final).id;
    let reason = "控制指标需按镇党委会议意见重新调整，并补充渡口和农村自建房安全管理的相关条款";
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::RevertToDraft {
            ids: vec![id],
            reason: reason.to_owned(),
        });
    harness.run();
    let agreement = harness
        .state()
        .store()
        .unwrap()
        .agreement(id)
        .unwrap()
        .unwrap();
    crate::support::click_row(&mut harness, &agreement);
    harness.get_by_label(&format!("退回理由：{reason}"));
    let window_right = 1200.0;
    for button in ["关闭", "修改条款…", "修改签订信息…", "导出签订件 PDF…"] {
        let right = harness.get_by_label(button).rect().max.x;
        assert!(right <= window_right, "{button} ends at {right}");
    }
}

#[test]
fn the_summary_strip_counts_the_category_the_list_is_filtered_to() {
    let mut harness = agreements_harness(2025);
    let store = harness.state().store().unwrap();
    let drafts_in = |category: Option<i64>| {
        (store.agreements(2025).unwrap().into_iter())
            .filter(|a| a.status == AgreementStatus::Draft)
            .filter(|a| category.is_none_or(|c| c == a.draft.category_id))
            .count()
    };
    let first_class = (store.categories().unwrap().into_iter())
        .find(|c| c.name == "一类")
        .unwrap()
        .id;
    let (all, in_class) = (drafts_in(None), drafts_in(Some(first_class)));
    assert_ne!(all, in_class);
    harness.get_by_label(&format!("草稿 {all}"));
    harness
        .get_by_role_and_label(Role::ComboBox, "类别")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "一类").click();
    harness.run();
    harness.get_by_label("一类：");
    harness.get_by_label(&format!("草稿 {in_class}"));
}

/// In the clause editor a faulty placeholder is said under its clause, and a placeholder is
/// picked from the clause's own menu rather than typed in braces.
#[test]
fn a_tailored_clause_takes_placeholders_from_its_menu_and_says_a_faulty_one_under_it() {
    let mut harness = agreements_harness_sized(2025, 2000.0);
    harness.get_by_label("青山镇人民政府").click();
    harness.run();
    harness.get_by_label("修改条款…").click();
    harness.run();
    harness.get_by_label("在“主要任务”中增加条款").click();
    harness.run();
    harness.get_by_label("新增").type_text("由{单位名}负责。");
    harness.run();
    harness.get_by_label_contains("本条占位符有误：");
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.get_by_label("新增").type_text("由");
    harness.run();
    // The menu in the new clause's row, opened from the keyboard: its first entry has the
    // keyboard; Esc gives it back to the menu's button.
    let row = harness.get_by_label("新增").rect();
    let menu_at = |harness: &Harness<'_, App>| {
        harness
            .get_all_by_label("占位符")
            .find(|menu| row.y_range().contains(menu.rect().center().y))
            .unwrap()
            .rect()
    };
    let menu = menu_at(&harness);
    (harness.get_all_by_label("占位符"))
        .find(|node| node.rect() == menu)
        .unwrap()
        .focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    let first = format!(
        "{{{}}}",
        zerenshu::model::template::Placeholder::ALL[0].name()
    );
    assert!(harness.get_by_label(&first).is_focused(), "{first}");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(harness.query_by_label(&first).is_none(), "the menu closed");
    let on_menu = (harness.get_all_by_label("占位符")).find(|node| node.rect() == menu);
    assert!(
        on_menu.is_some_and(|node| node.is_focused()),
        "back on the menu"
    );
    (harness.get_all_by_label("占位符"))
        .find(|node| node.rect() == menu)
        .unwrap()
        .click();
    harness.run();
    harness.get_by_label("{单位名称}").click();
    harness.run();
    harness.run();
    assert_eq!(
        harness.get_by_label("新增").value().as_deref(),
        Some("由{单位名称}")
    );
    assert!(harness.get_by_label("新增").is_focused(), "typing goes on");
    assert!(harness.query_by_label_contains("本条占位符有误").is_none());
}
