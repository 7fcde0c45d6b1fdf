//! The unit form's refusals at the field: a 排序号 that is negative or not a whole number, and
//! a name or short name of dots or dashes only. Nothing is saved; the form stays open. A new
//! unit named as an archived one points to restoring it. A department leaves the 镇街 category,
//! and a town goes to it under whatever name the office gave it; Enter in a field saves, and
//! Ctrl+S. A dropdown of the form opened by a tap shows above the form, and one chosen from
//! with the keyboard closes and gives the keyboard back. The second click of a double-click
//! on 保存 does not open the unit under the button.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::App;

use crate::support::{choose, demo_store, demo_window, queue_click, retype};

fn unit_count(harness: &Harness<'_, App>) -> usize {
    harness.state().store().unwrap().units().unwrap().len()
}

fn save(harness: &mut Harness<'_, App>) {
    harness.get_by_label("保存").click();
    harness.run();
}

/// Opens 新建单位 and fills in `name` as a 部门.
pub(crate) fn new_department(harness: &mut Harness<'_, App>, name: &str) {
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(harness, "单位名称", name);
    harness
        .get_by_role_and_label(Role::ComboBox, "单位类型")
        .click();
    harness.run();
    // The dropdown's 部门, drawn over the table whose rows say 部门 too.
    harness.get_all_by_label("部门").last().unwrap().click();
    harness.run();
}

#[test]
fn a_negative_or_fractional_sort_order_is_refused_at_the_field() {
    let mut harness = demo_window();
    let before = unit_count(&harness);
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "临河镇人民政府");
    crate::support::choose(&mut harness, "单位类型", "镇");
    retype(&mut harness, "排序号", "-5");
    save(&mut harness);
    harness.get_by_label("排序号不能是负数（填写的是“-5”），请填 0 或更大的整数");
    assert_eq!(unit_count(&harness), before, "nothing is saved");
    retype(&mut harness, "排序号", "2.5");
    assert!(
        harness
            .query_by_label_contains("排序号不能是负数")
            .is_none(),
        "the message about the old text goes once the clerk types"
    );
    save(&mut harness);
    harness.get_by_label("排序号须是整数（填写的是“2.5”），如 10");
    assert_eq!(unit_count(&harness), before);
    retype(&mut harness, "排序号", "7");
    save(&mut harness);
    let units = harness.state().store().unwrap().units().unwrap();
    let added = units.iter().find(|u| u.fields.name == "临河镇人民政府");
    assert_eq!(added.map(|u| u.fields.sort_order), Some(7));
}

/// A character no font has (an emoji) is named by its code in the refusal: the window cannot
/// show it either, and quoted as itself it would look like nothing between the quotes.
#[test]
fn an_emoji_in_a_name_is_named_by_its_code() {
    let mut harness = demo_window();
    // Drawn as a box in the field meanwhile.
    harness
        .ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    new_department(&mut harness, "示例市表情😀局");
    save(&mut harness);
    harness.get_by_label_contains("单位名称中的“〔U+1F600〕”现有字体都无法显示");
}

#[test]
fn a_name_or_short_name_of_dots_only_is_refused() {
    let mut harness = demo_window();
    let before = unit_count(&harness);
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "..");
    retype(&mut harness, "简称", "。。");
    save(&mut harness);
    harness.get_by_label("单位名称“..”须含有文字（汉字、字母或数字）");
    harness.get_by_label("简称“。。”须含有文字（汉字、字母或数字）");
    assert_eq!(unit_count(&harness), before, "nothing is saved");
}

/// A long name with no short name would stand for itself in the grid and file names: said
/// beside the form, and gone once a short name is typed.
#[test]
fn a_long_name_without_a_short_name_is_pointed_out() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    let note = "未填简称：考核表格、文件名等处将显示全称（13 个字），建议填写 12 个字以内的简称";
    retype(&mut harness, "单位名称", "示例市城乡规划设计研究中心");
    harness.get_by_label(note);
    retype(&mut harness, "简称", "规划中心");
    assert!(harness.query_by_label(note).is_none());
}

/// A short name with a character no file name holds is said beside the form (the export names
/// the file otherwise), and the note goes once the short name is put right.
#[test]
fn a_short_name_no_file_name_can_hold_is_pointed_out() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "示例市测试局");
    retype(&mut harness, "简称", "测/试");
    harness.get_by_label_contains("简称中的“/”不能用");
    retype(&mut harness, "简称", "测试");
    assert!(harness.query_by_label_contains("不能用在文件名").is_none());
}

/// Every refusal of one 保存 at once: the type not chosen, the name another unit's short name,
/// the short name another unit's name.
#[test]
fn a_save_says_every_name_clash_with_the_other_refusals() {
    let mut harness = demo_window();
    let before = unit_count(&harness);
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "青山镇");
    retype(&mut harness, "简称", "城关街道办事处");
    save(&mut harness);
    harness.get_by_label("请选择单位类型");
    harness.get_by_label_contains("单位名称“青山镇”是在用单位“青山镇人民政府”的简称");
    harness.get_by_label_contains("简称“城关街道办事处”与在用单位“城关街道办事处”的名称相同");
    assert_eq!(unit_count(&harness), before, "nothing is saved");
}

/// A category chosen before the kind says nothing of a kind the form only holds in reserve.
#[test]
fn a_category_chosen_before_the_kind_names_no_kind() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "示例市测试局");
    crate::support::choose(&mut harness, "考核类别", "一类");
    assert!(harness.query_by_label_contains("单位类型为").is_none());
}

/// A zero-width space a paste brought is not counted: it is taken out when saved.
#[test]
fn a_zero_width_space_does_not_count_towards_the_name() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    // Twelve characters to be seen, and one not.
    retype(&mut harness, "单位名称", "示例市城关\u{200B}新区应急管理站");
    assert!(harness.query_by_label_contains("未填简称").is_none());
}

#[test]
fn a_new_unit_named_as_an_archived_one_points_to_restoring_it_and_is_not_saved() {
    let mut harness = demo_window();
    let unit = harness.state().store().unwrap().units().unwrap().remove(20);
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetUnitActive {
            id: unit.id,
            is_active: false,
        });
    harness.run();
    harness.get_by_label("新建单位…").click();
    harness.run();
    // The form opens ready for the name.
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "单位名称")
            .is_focused()
    );
    retype(&mut harness, "单位名称", &unit.fields.name);
    harness.get_by_label_contains("已有同名的已归档单位");
    // A second unit of the name would be drafted a second agreement: not saved.
    let before = unit_count(&harness);
    save(&mut harness);
    harness.get_by_label_contains("不能再建一个同名单位");
    assert!(
        harness
            .query_by_label_contains("已有同名的已归档单位：如是同一单位")
            .is_none(),
        "said once, under the name"
    );
    assert_eq!(unit_count(&harness), before);
    retype(&mut harness, "单位名称", "另一个名称");
    assert!(
        harness
            .query_by_label_contains("已有同名的已归档单位")
            .is_none()
    );
    // Renaming another unit to the archived one's name is refused in words for a rename.
    harness.get_by_label("取消").click();
    harness.run();
    harness.get_by_label("放弃修改").click();
    harness.run();
    crate::support::edit_unit(&mut harness, "城关街道办事处");
    retype(&mut harness, "单位名称", &unit.fields.name);
    save(&mut harness);
    harness.get_by_label_contains("已有同名的已归档单位，不能改用这个名称");
    assert!(harness.query_by_label_contains("不能再建").is_none());
    assert_eq!(unit_count(&harness), before);
}

#[test]
fn a_department_leaves_the_town_category_and_enter_saves_the_form() {
    let mut harness = demo_window();
    new_department(&mut harness, "示例市测绘局");
    // Among 一类、二类、三类 none is guessed: the clerk chooses.
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .value()
            .as_deref(),
        Some("请选择")
    );
    retype(&mut harness, "联系电话", "0399-8612345");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("请选择考核类别");
    crate::support::choose(&mut harness, "考核类别", "二类");
    harness
        .get_by_role_and_label(Role::TextInput, "联系电话")
        .focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    let store = harness.state().store().unwrap();
    let saved = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "示例市测绘局")
        .expect("Enter saved the form");
    let category = (store.categories().unwrap().into_iter())
        .find(|c| c.id == saved.fields.category_id)
        .unwrap();
    assert_eq!(category.name, "二类", "the category chosen");
}

/// A new name that is part of a unit's name in use is pointed out, as the import does.
#[test]
fn a_new_name_held_in_a_units_name_is_pointed_out() {
    let mut harness = demo_window();
    new_department(&mut harness, "应急管理局");
    harness.get_by_label_contains("与在用单位“示例市应急管理局”的名称相近");
}

/// A department the clerk files among the towns is said to be ranked with them; back among
/// the departments, the note goes.
#[test]
fn a_department_filed_among_the_towns_says_who_it_is_ranked_with() {
    let mut harness = demo_window();
    new_department(&mut harness, "示例市测绘局");
    let said = "单位类型为“部门”，考核类别却是镇街所在的“镇街”：将与镇、街道一同考核、排名";
    crate::support::choose(&mut harness, "考核类别", "镇街");
    harness.get_by_label(said);
    crate::support::choose(&mut harness, "考核类别", "一类");
    assert!(harness.query_by_label(said).is_none());
}

#[test]
fn a_new_town_goes_to_the_towns_category_whatever_the_office_renamed_it_to() {
    let mut harness = demo_window();
    let towns = (harness
        .state()
        .store()
        .unwrap()
        .categories()
        .unwrap()
        .into_iter())
    .find(|c| c.name == "镇街")
    .unwrap();
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::RenameCategory {
            id: towns.id,
            name: "乡镇街道".to_owned(),
        });
    harness.run();
    harness.run();
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "桃源乡人民政府");
    choose(&mut harness, "单位类型", "乡");
    let category = harness.get_by_role_and_label(Role::ComboBox, "考核类别");
    assert!(
        category.value().is_some_and(|v| v.contains("乡镇街道")),
        "{:?}",
        category.value()
    );
}

#[test]
fn towns_and_sub_districts_ranked_in_two_categories_are_each_at_home() {
    let mut harness = demo_window();
    // The office ranks 街道 apart: a category 街道 is added.
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::AddCategory("街道".to_owned()));
    harness.run();
    harness.run();
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "桃源街道办事处");
    choose(&mut harness, "单位类型", "街道");
    choose(&mut harness, "考核类别", "街道");
    assert!(
        harness.query_by_label_contains("单位类型为").is_none(),
        "a 街道 in 街道 is where it belongs"
    );
    // Choosing the kind again keeps it there, among the towns' categories.
    choose(&mut harness, "单位类型", "镇");
    let category = harness.get_by_role_and_label(Role::ComboBox, "考核类别");
    assert!(category.value().is_some_and(|v| v.contains("街道")));
    // A department there is pointed out.
    choose(&mut harness, "单位类型", "部门");
    choose(&mut harness, "考核类别", "街道");
    harness.get_by_label_contains("单位类型为“部门”，考核类别却是镇街所在的“街道”");
}

/// A click as a touchpad tap gives it: pointer moved, pressed and released in one frame.
fn quick_click(harness: &mut Harness<'_, App>, pos: egui::Pos2) {
    queue_click(harness, pos);
    harness.run();
}

#[test]
fn a_dropdown_of_the_form_opened_by_a_tap_is_drawn_above_the_form() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    let category = harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .rect()
        .center();
    let name = harness
        .get_by_role_and_label(Role::TextInput, "单位名称")
        .rect()
        .center();
    let top = |harness: &Harness<'_, App>| {
        harness
            .ctx
            .memory(|m| m.areas().top_layer_id(egui::Order::Foreground))
            .unwrap()
            .id
    };
    // Opened once and closed: the list has its place among the layers, which a click in the
    // form puts under the form (egui raises the layer clicked in).
    quick_click(&mut harness, category);
    let list = top(&harness);
    harness.key_press(egui::Key::Escape);
    harness.run();
    quick_click(&mut harness, name);
    // A tap raises the form and opens the list in the same frame; the list is on top.
    quick_click(&mut harness, category);
    harness.get_by_label("三类");
    assert_eq!(top(&harness), list, "the list is drawn above the form");
}

#[test]
fn renaming_a_unit_whose_agreement_is_frozen_says_what_that_means_for_it() {
    let mut harness = demo_window();
    // 城关街道's 2025 agreement is archived (signed): the paper stands as signed.
    crate::support::edit_unit(&mut harness, "城关街道办事处");
    let frozen = "正文中的单位名称是定稿时的名称：改名只改名册";
    assert!(harness.query_by_label_contains(frozen).is_none());
    retype(&mut harness, "单位名称", "城关新区街道办事处");
    harness.get_by_label_contains("该单位 2025 年度第 1 号责任书已归档，");
    harness.get_by_label_contains("已签订的责任书以签订时的名称为准");
    harness.get_by_label("取消").click();
    harness.run();
    harness.get_by_label("放弃修改").click();
    harness.run();
    // 东城街道's is only 已定稿: it can be reissued under the new name.
    crate::support::edit_unit(&mut harness, "东城街道办事处");
    retype(&mut harness, "单位名称", "东城新区街道办事处");
    harness.get_by_label_contains("该单位 2025 年度第 4 号责任书已定稿，");
    harness.get_by_label_contains("如需按新名称签订，请先退回草稿，再重新定稿");
}

#[test]
fn moving_a_unit_to_another_category_says_its_agreement_of_the_year_stays_in_its_own() {
    let mut harness = demo_window();
    crate::support::edit_unit(&mut harness, "示例市交通运输局");
    let said = "改考核类别只影响以后起草的责任书，2025 年度仍按“一类”的模板和指标考核、排名";
    assert!(harness.query_by_label_contains(said).is_none());
    choose(&mut harness, "考核类别", "二类");
    harness.get_by_label_contains(said);
    let redraft = "如要按新类别起草，可在“责任书”中删除该草稿";
    if harness
        .query_by_label_contains("号责任书（草稿）")
        .is_none()
    {
        assert!(harness.query_by_label_contains(redraft).is_none());
    }
    // 青山镇's is still a draft: it can be drafted again in the new category.
    harness.get_by_label("取消").click();
    harness.run();
    harness.get_by_label("放弃修改").click();
    harness.run();
    crate::support::edit_unit(&mut harness, "青山镇人民政府");
    choose(&mut harness, "考核类别", "一类");
    harness.get_by_label_contains("号责任书（状态：草稿）按“镇街”起草");
    harness.get_by_label_contains(redraft);
    // Who it is ranked with, said of the agreements after this year's, which stays.
    harness.get_by_label_contains(
        "单位类型为“镇”，考核类别却是“一类”：以后起草的责任书将在“一类”中考核、排名",
    );
}

#[test]
fn a_change_of_category_is_said_of_the_open_year_whichever_year_is_chosen() {
    let mut harness = crate::support::window(
        Ok(demo_store()),
        crate::support::showing(zerenshu::ui::View::Units, 2024),
        [1400.0, 900.0],
    );
    crate::support::edit_unit(&mut harness, "示例市交通运输局");
    choose(&mut harness, "考核类别", "二类");
    // 2024 is published: its agreement stays as it was; 2025's is the one to say.
    harness.get_by_label_contains("该单位 2025 年度第 ");
    harness.get_by_label_contains("2025 年度仍按“一类”的模板和指标考核、排名");
}

#[test]
fn a_sort_order_another_unit_has_is_pointed_out_but_may_be_kept() {
    let mut harness = demo_window();
    let units = harness.state().store().unwrap().units().unwrap();
    let (first, second) = (&units[0], &units[1]);
    crate::support::edit_unit(&mut harness, &second.fields.name);
    assert!(harness.query_by_label_contains("已由“").is_none());
    retype(&mut harness, "排序号", &first.fields.sort_order.to_string());
    harness.get_by_label_contains(&format!(
        "排序号 {} 已由“{}”使用",
        first.fields.sort_order, first.fields.name
    ));
    save(&mut harness);
    let saved = harness.state().store().unwrap().units().unwrap();
    let saved = saved.iter().find(|u| u.id == second.id).unwrap();
    assert_eq!(saved.fields.sort_order, first.fields.sort_order);
    // Said again once saved, as an import says it.
    let said = format!(
        "已保存单位“{}”；排序号 {} 与“{}”相同，两个单位排在一起，按录入的先后",
        second.fields.name, first.fields.sort_order, first.fields.name
    );
    assert!(
        harness.state().toast_texts().any(|t| t == said),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Opened again, the number it kept is not pointed out again.
    crate::support::edit_unit(&mut harness, &second.fields.name);
    assert!(harness.query_by_label_contains("已由“").is_none());
}

/// A new unit named as an archived unit is shown (its short name) is most likely that unit:
/// restoring it is pointed to before a second one is made.
#[test]
fn a_new_unit_under_an_archived_units_short_name_points_to_restoring_it() {
    let mut store = demo_store();
    let archived = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "示例市应急管理局")
        .unwrap();
    assert_eq!(archived.fields.display_short_name(), "应急局");
    store
        .write(|w| w.set_unit_active(archived.id, false))
        .unwrap();
    let mut harness = crate::support::start(Ok(store));
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "应急局");
    harness.get_by_label_contains("已归档单位“示例市应急管理局”的简称是“应急局”：如是同一单位");
    // An existing unit given that short name is told that the archived one cannot be restored
    // until one of the two changes it.
    harness.key_press(egui::Key::Escape);
    harness.run();
    crate::support::answer_discard(&mut harness);
    crate::support::edit_unit(&mut harness, "城关街道办事处");
    let note =
        "已归档单位“示例市应急管理局”的简称也是“应急局”：保存后，恢复它之前须改其中一个的简称";
    assert!(harness.query_by_label(note).is_none());
    retype(&mut harness, "简称", "应急局");
    harness.get_by_label(note);
    // Saved all the same, the toast says it again: the note may have gone unread.
    harness.get_by_label("保存").click();
    harness.run();
    assert!(
        harness.state().toast_texts().any(|t| t.ends_with(
            "；注意：已归档单位“示例市应急管理局”的简称也是“应急局”，恢复它之前须改其中一个的简称"
        )),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}

/// A new 负责人 for a unit whose agreement of the year is frozen is said not to reach its text
/// and signature block; another field changed says nothing of the kind.
#[test]
fn a_new_principal_after_the_agreement_is_frozen_is_said_not_to_reach_it() {
    let mut harness = demo_window();
    harness.get_by_label("城关街道办事处").click();
    harness.run();
    harness.get_by_label("编辑…").click();
    harness.run();
    let note = "正文和落款中的负责人是定稿时的，不随之改变";
    retype(&mut harness, "联系人", "甄一鸣");
    assert!(harness.query_by_label_contains(note).is_none());
    retype(&mut harness, "负责人", "甄一鸣");
    harness.get_by_label_contains(note);
}

/// The 考核类别 list says what the categories are for, to a clerk meeting them first.
#[test]
fn the_category_list_says_what_categories_are_for() {
    let mut harness = demo_window();
    harness
        .ctx
        .all_styles_mut(|s| s.interaction.tooltip_delay = 0.0);
    harness.get_by_label("新建单位…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .hover();
    harness.run();
    harness.run();
    harness.get_by_label_contains("各部门按安全生产监管职责的轻重分为一类、二类、三类");
}

/// A 镇 made a 街道 in its form is told that its 镇长 prints in the agreement: the title is
/// to be checked too.
#[test]
fn a_town_made_a_subdistrict_is_told_of_its_town_title() {
    let mut store = demo_store();
    let town = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "青山镇人民政府")
        .unwrap();
    // First in the list, so that its row is drawn.
    let mut fields = town.fields.clone();
    fields.sort_order = 0;
    store.write(|w| w.update_unit(town.id, &fields)).unwrap();
    let mut harness = crate::support::start(Ok(store));
    crate::support::edit_unit(&mut harness, "青山镇人民政府");
    let note = "负责人职务“镇长”是镇的职务，而单位类型是“街道”";
    assert!(harness.query_by_label_contains(note).is_none());
    crate::support::choose(&mut harness, "单位类型", "街道");
    harness.get_by_label_contains(note);
    retype(&mut harness, "负责人职务", "办事处主任");
    assert!(harness.query_by_label_contains(note).is_none());
}

/// A new unit named as a unit in use was named before it was renamed: most likely that unit,
/// said before a second one is made.
#[test]
fn a_new_name_an_active_unit_had_before_is_pointed_out() {
    let mut store = demo_store();
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "示例市应急管理局")
        .unwrap();
    unit.fields.name = "示例市应急管理和消防局".to_owned();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = crate::support::start(Ok(store));
    harness.get_by_label("新建单位…").click();
    harness.run();
    retype(&mut harness, "单位名称", "示例市应急管理局");
    harness.run();
    harness.get_by_label_contains(
        "“示例市应急管理局”是在用单位“示例市应急管理和消防局”的曾用名：如是同一单位，请取消，编辑该单位；否则保存会另建一个单位",
    );
}
