//! The 单位 screen's search and sorting: a category or kind typed whole, words typed apart,
//! pinyin order and the office's own, blanks last either way.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::{App, View};

use crate::shell::{active_unit_names, shown_names};
use crate::support::{demo_store, demo_window, showing, type_into, window};

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
    harness.get_by_label("没有找到与“二类 开发区”相符的单位（按名称、简称、曾用名、负责人职务或姓名、联系人、电话、考核类别或类型查找）");
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
        "没有找到与“响嘡不存在”相符的单位（按名称、简称、曾用名、负责人职务或姓名、联系人、电话、考核类别或类型查找）",
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

/// A unit renamed is found by the name it had: a paper or a colleague may still use it, and
/// the list says which unit that name is now.
#[test]
fn a_renamed_unit_is_found_by_its_former_name() {
    let mut store = demo_store();
    crate::support::rename_unit(&mut store, "示例市水利局", "示例市水利和湖泊局");
    let mut harness = window(Ok(store), showing(View::Units, 2025), [1280.0, 800.0]);
    type_into(&mut harness, "搜索", "示例市水利局");
    harness.get_by_label("共 45 个在用单位，0 个已归档；当前列出 1 个");
    harness.get_by_label("按曾用名找到：示例市水利和湖泊局（曾用名“示例市水利局”）");
    // Found by its name now, nothing is said of the former one.
    crate::support::retype(&mut harness, "搜索", "湖泊");
    harness.get_by_label("共 45 个在用单位，0 个已归档；当前列出 1 个");
    assert!(harness.query_by_label_contains("按曾用名找到").is_none());
    // Every word typed must be found, by the former name or not.
    crate::support::retype(&mut harness, "搜索", "示例市水利局 不存在");
    harness.get_by_label_contains("没有找到与“示例市水利局 不存在”相符的单位");
}

/// The 单位 screen in a window `height` high, scrolled to the last unit: found by a search,
/// chosen with Enter, the search cleared with Esc. Returns that unit's name.
fn scrolled_to_the_last(height: f32) -> (Harness<'static, App>, String) {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Units, 2025),
        [1280.0, height],
    );
    let last = (harness.state().store().unwrap().units().unwrap())
        .into_iter()
        .max_by_key(|u| u.fields.sort_order)
        .unwrap()
        .fields
        .name;
    type_into(&mut harness, "搜索", &last);
    harness.key_press(egui::Key::Enter);
    harness.run();
    crate::support::retype(&mut harness, "搜索", "");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    (harness, last)
}

/// A search cleared with Esc lists every unit again with the one selected in sight: 编辑… and
/// 归档 act on it, so it is not left out of view.
#[test]
fn clearing_the_search_brings_the_selected_unit_into_sight() {
    let height = 600.0;
    let (harness, last) = scrolled_to_the_last(height);
    harness.get_by_label("共 45 个在用单位，0 个已归档；当前列出 45 个");
    let rect = harness.get_by_label(&last).rect();
    assert!(rect.top() >= 0.0 && rect.bottom() <= height, "{rect:?}");
}

/// A search typed with the list scrolled down lists what it finds from the first: none of the
/// units found is left hidden above the view.
#[test]
fn a_new_search_lists_its_units_from_the_top() {
    let height = 600.0;
    let (mut harness, _) = scrolled_to_the_last(height);
    let units = harness.state().store().unwrap().units().unwrap();
    // Every department (most of the list) searched: the first of them is in sight.
    crate::support::retype(&mut harness, "搜索", "示例市");
    harness.run();
    let first = (units.iter())
        .filter(|u| u.fields.name.contains("示例市"))
        .min_by_key(|u| u.fields.sort_order)
        .unwrap();
    let rect = harness.get_by_label(&first.fields.name).rect();
    assert!(rect.top() >= 0.0 && rect.bottom() <= height, "{rect:?}");
}

/// Sorted by a column with a unit selected, the list brings that unit into sight in its new
/// place, either way: 编辑… and 归档 act on it.
#[test]
fn sorting_keeps_the_selected_unit_in_sight() {
    let height = 600.0;
    let (mut harness, last) = scrolled_to_the_last(height);
    for _ in 0..2 {
        harness.get_by_label_contains("单位名称").click();
        harness.run();
        harness.run();
        let rect = harness.get_by_label(&last).rect();
        assert!(rect.top() >= 0.0 && rect.bottom() <= height, "{rect:?}");
    }
}
