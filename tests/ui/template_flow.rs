//! The template editor driven by its Chinese labels: a new category's template from another's,
//! clauses removed, moved and added from the keyboard, placeholders from the button list, the
//! live preview, what a save reaches (drafts, issued agreements, a year past signing), a clause
//! left empty or holding the control targets.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::App;

use crate::editors::{harness, harness_for};
use crate::support::{click, demo_store};

#[test]
fn a_new_category_starts_its_template_from_another_category_s() {
    let mut store = demo_store();
    let new_id = store.write(|w| w.insert_category("四类")).unwrap();
    let mut harness = harness(store);
    click(&mut harness, "模板");
    harness
        .get_by_role_and_label(Role::ComboBox, "考核类别")
        .click();
    harness.run();
    click(&mut harness, "四类");
    harness.get_by_label("本类别尚无模板，保存后生成第 1 版");
    // No unit is in it yet: the preview names the unit's fields where they go.
    harness.get_by_label_contains("乙方：〔单位名称〕\n");
    click(&mut harness, "复制“三类”的模板");
    // The lines above the fields stay, so that nothing moves under the pointer; copying again
    // waits for the copy to be saved or given up.
    harness.get_by_label("本类别还没有模板：下面的文本尚未保存");
    assert!(
        harness
            .get_by_label("复制“三类”的模板")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "保存模板");
    let templates = harness.state().store().unwrap().templates(2025).unwrap();
    let copied = templates
        .iter()
        .find(|t| t.content.category_id == new_id)
        .unwrap();
    let source = templates
        .iter()
        .filter(|t| t.content.category_id != new_id)
        .find(|t| t.content.preamble == copied.content.preamble)
        .unwrap();
    assert_eq!(copied.content.sections, source.content.sections);
    assert_eq!(copied.version, 1);
}

/// A version no issued agreement uses is changed in place: its drafts read the new text, which
/// the clerk is told.
#[test]
fn a_template_saved_in_place_says_its_drafts_follow() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    zerenshu::workflow::drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "模板");
    let category = harness.state().store().unwrap().templates(2026).unwrap()[0]
        .content
        .category_id;
    let drafts = (harness.state().store().unwrap().agreements(2026).unwrap())
        .iter()
        .filter(|a| a.draft.category_id == category)
        .count();
    assert!(drafts > 0);
    // Said before the save, too.
    harness.get_by_label(&format!("（{drafts} 份草稿使用此版，保存后随之更新）"));
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    click(&mut harness, "保存模板");
    harness.run();
    let said = format!("已保存模板第 1 版；用这一版的 {drafts} 份草稿随之更新");
    assert!(
        harness.state().toast_texts().any(|t| t.starts_with(&said)),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}

/// A clause removed from the keyboard: the keyboard goes into the clause now in its place,
/// not onto that clause's 删去, where a second Enter would remove it too.
#[test]
fn a_clause_removed_from_the_keyboard_leaves_the_keyboard_in_the_next_clause() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let second = harness
        .get_by_role_and_label(
            egui::accesskit::Role::MultilineTextInput,
            "第 1 部分第 2 条",
        )
        .value()
        .unwrap();
    harness.get_by_label("删去第 1 部分第 1 条").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    let first = harness.get_by_role_and_label(
        egui::accesskit::Role::MultilineTextInput,
        "第 1 部分第 1 条",
    );
    assert!(first.is_focused(), "the clause now first has the keyboard");
    // Renumbered: the text that was second, its number counted again.
    let rest = |clause: &str| clause.split_once('）').map(|(_, r)| r.to_owned());
    assert_eq!(rest(&first.value().unwrap()), rest(&second));
}

#[test]
fn a_clause_moved_down_is_saved_in_its_new_place() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let current = |harness: &Harness<'_, App>| {
        let templates = harness.state().store().unwrap().templates(2025).unwrap();
        let category = templates[0].content.category_id;
        templates
            .into_iter()
            .filter(|t| t.content.category_id == category)
            .max_by_key(|t| t.version)
            .unwrap()
    };
    let before = current(&harness);
    // Nothing edited yet: nothing to save or give up.
    for label in ["保存模板", "放弃修改"] {
        let button = harness.get_by_label(label);
        assert!(button.accesskit_node().is_disabled(), "{label}");
    }
    // Moved from the keyboard: the keyboard goes with the clause, on its own 本条下移.
    harness.get_all_by_label("本条下移").next().unwrap().focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert!(
        harness
            .get_all_by_label("本条下移")
            .nth(1)
            .unwrap()
            .is_focused(),
        "the moved clause's button has the keyboard"
    );
    click(&mut harness, "保存模板");
    harness.run();
    let after = current(&harness);
    assert_eq!(
        after.version,
        before.version + 1,
        "issued agreements keep theirs"
    );
    let (was, now) = (
        &before.content.sections[0].clauses,
        &after.content.sections[0].clauses,
    );
    // The clauses swap places and their "（一）" numbers are counted again.
    let rest = |clause: &str| clause.split_once('）').unwrap().1.to_owned();
    assert_eq!(
        (rest(&now[0]), rest(&now[1])),
        (rest(&was[1]), rest(&was[0]))
    );
    assert!(
        now[0].starts_with("（一）") && now[1].starts_with("（二）"),
        "{now:?}"
    );
}

/// Clicks into the text field `label` of `role` with the pointer, as a clerk chooses where a
/// placeholder goes.
fn click_field(harness: &mut Harness<'_, App>, role: Role, label: &str) {
    let at = harness.get_by_role_and_label(role, label).rect().center();
    crate::support::queue_click(harness, at);
    harness.run();
}

#[test]
fn a_placeholder_from_the_button_list_goes_into_the_field_last_typed_in() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    harness.get_by_label("（先点一下要插入的位置）");
    // Each button says on hover what it prints.
    harness.get_by_label("{等次}").hover();
    harness.run();
    harness.get_by_label_contains("本年度的考核等次，如“优秀、良好、合格、不合格四个等次”");
    click_field(&mut harness, Role::TextInput, "标题");
    // Where a click on a placeholder will insert it is said beside them.
    harness.get_by_label("（插入到：标题）");
    harness.key_press(egui::Key::End);
    harness.run();
    click(&mut harness, "{单位简称}");
    // The keyboard is back in the field, after the placeholder: typing goes on from there.
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "标题")
            .is_focused()
    );
    harness
        .get_by_role_and_label(Role::TextInput, "标题")
        .type_text("（样本）");
    harness.run();
    click(&mut harness, "保存模板");
    let templates = harness.state().store().unwrap().templates(2025).unwrap();
    let category = templates[0].content.category_id;
    let current = templates
        .into_iter()
        .filter(|t| t.content.category_id == category)
        .max_by_key(|t| t.version)
        .unwrap();
    assert!(
        current
            .content
            .title_pattern
            .ends_with("责任书{单位简称}（样本）"),
        "{}",
        current.content.title_pattern
    );
}

#[test]
fn another_categorys_template_starts_with_no_place_to_insert_at() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    click_field(&mut harness, Role::TextInput, "标题");
    harness.get_by_label("（插入到：标题）");
    crate::support::choose(&mut harness, "考核类别", "一类");
    // The place clicked was in 镇街's text: a placeholder must not land in 一类's there.
    harness.get_by_label("（先点一下要插入的位置）");
}

#[test]
fn a_clause_moved_leaves_no_place_to_insert_at() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    click_field(&mut harness, Role::MultilineTextInput, "第 1 部分第 1 条");
    harness.get_by_label("（插入到：第 1 部分第 1 条）");
    // Tab passing through other fields (back towards the placeholder buttons) leaves the
    // place where the clerk worked.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    harness.get_by_label("（插入到：第 1 部分第 1 条）");
    // The clause clicked moves down: its place now holds the clause that was second.
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    harness.get_by_label("（先点一下要插入的位置）");
}

#[test]
fn the_live_preview_reads_for_the_unit_chosen() {
    let store = demo_store();
    let category = store.categories().unwrap()[0].id;
    let names: Vec<String> = store
        .units()
        .unwrap()
        .into_iter()
        .filter(|u| u.is_active && u.fields.category_id == category)
        .map(|u| u.fields.name)
        .collect();
    let mut harness = harness(store);
    click(&mut harness, "模板");
    harness.get_by_label_contains(&format!("乙方：{}\n", names[0]));
    let other = &names[2];
    harness
        .get_by_role_and_label(Role::ComboBox, "预览单位")
        .click();
    harness.run();
    click(&mut harness, other);
    harness.get_by_label_contains(&format!("乙方：{other}\n"));
    assert!(
        harness
            .query_by_label_contains(&format!("乙方：{}\n", names[0]))
            .is_none()
    );
}

#[test]
fn dropping_the_clause_with_control_targets_is_said_before_the_save() {
    let store = demo_store();
    // The 镇街 drafts (the category shown first) with targets written: cleared by the save.
    let towns = store.categories().unwrap().remove(0).id;
    let with_targets = (store.agreements(2025).unwrap().iter())
        .filter(|a| a.draft.category_id == towns && !a.status.is_issued())
        .filter(|a| !a.draft.tailoring.control_targets.is_empty())
        .count();
    assert!(with_targets > 0);
    let mut harness = harness(store);
    click(&mut harness, "模板");
    let warning = format!(
        "正文中已没有{{控制指标}}：按此模板起草的责任书不写控制指标，也不沿用上一年度的；如只是移动该条款，请在新的位置插入{{控制指标}}；已有 {with_targets} 份草稿填写了控制指标，保存后随之清空（原值记入操作记录）"
    );
    let warning = warning.as_str();
    assert!(harness.query_by_label(warning).is_none());
    // The demo's first clause holds it.
    harness
        .get_by_label("删去第 1 部分第 1 条")
        .click_accesskit();
    harness.run();
    harness.get_by_label(warning);
    // Still a template that saves: a category may do without targets.
    assert!(
        !harness
            .get_by_label("保存模板")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_template_clause_left_empty_is_named_and_the_template_not_saved() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    click(&mut harness, "在第 1 部分增加条款");
    harness.get_by_label_contains("条款是空的：请填写，或删去这一条");
    assert!(
        harness
            .get_by_label("保存模板")
            .accesskit_node()
            .is_disabled()
    );
    // A part with a heading and no clause would print a bare heading.
    harness.get_by_label("增加一部分").click_accesskit();
    harness.run();
    harness.get_by_label_contains("部分】没有条款：请增加条款，或删去这一部分");
    // Its title is left to be written, no stand-in that would print: the keyboard is in it.
    let heading = crate::support::keyboard_on(&harness).unwrap_or_default();
    assert!(heading.ends_with("部分标题"), "{heading}");
    assert!(harness.query_by_label_contains("新的部分").is_none());
}

#[test]
fn a_clause_added_to_numbered_clauses_starts_with_the_next_number_and_typing_goes_after_it() {
    let store = demo_store();
    let template = (store.templates(2025).unwrap().into_iter()).next().unwrap();
    let count = template.content.sections[0].clauses.len();
    let mut harness = harness(store);
    click(&mut harness, "模板");
    click(&mut harness, "在第 1 部分增加条款");
    let added = format!("第 1 部分第 {} 条", count + 1);
    let number = format!(
        "（{}）",
        zerenshu::model::template::chinese_ordinal(count + 1)
    );
    let field = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::MultilineTextInput, &added)
            .value()
            .unwrap()
    };
    assert_eq!(field(&harness), number);
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &added)
        .type_text("按时报送安全生产信息");
    harness.run();
    assert_eq!(field(&harness), format!("{number}按时报送安全生产信息"));
    // Without its closing mark, said beside the clause's buttons.
    harness.get_by_label("本条末尾没有句号");
    // A half-width comma beside Chinese text is said too.
    harness
        .get_by_role_and_label(Role::MultilineTextInput, &added)
        .type_text(",每月一次");
    harness.run();
    harness.get_by_label("本条半角逗号 , 应为全角 ，；末尾没有句号");
}

#[test]
fn the_category_chosen_in_one_editor_is_the_one_the_other_opens_on() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    crate::support::choose(&mut harness, "考核类别", "二类");
    click(&mut harness, "考核指标");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .value()
            .as_deref(),
        Some("二类")
    );
    crate::support::choose(&mut harness, "考核类别", "三类");
    click(&mut harness, "模板");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::ComboBox, "考核类别")
            .value()
            .as_deref(),
        Some("三类")
    );
}

#[test]
fn the_first_clause_of_a_new_part_starts_with_its_number() {
    let store = demo_store();
    let template = (store.templates(2025).unwrap().into_iter()).next().unwrap();
    let parts = template.content.sections.len();
    let mut harness = harness(store);
    click(&mut harness, "模板");
    crate::support::click_in_view(&mut harness, "增加一部分");
    crate::support::click_in_view(&mut harness, &format!("在第 {} 部分增加条款", parts + 1));
    let added = format!("第 {} 部分第 1 条", parts + 1);
    assert_eq!(
        harness
            .get_by_role_and_label(Role::MultilineTextInput, &added)
            .value()
            .as_deref(),
        Some("（一）")
    );
}

/// In a year being assessed, the template tab says its edits reach only agreements drafted
/// from then on; while signing it says nothing of the kind; a published year's template is for
/// reading, its fields and 保存模板 disabled.
#[test]
fn a_template_of_a_year_past_signing_says_whom_its_edits_reach() {
    let note = "这里的修改只用于此后新起草的责任书，已定稿、已签订的责任书保持原文";
    let mut store = demo_store();
    let mut year = store.year(2025).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let mut harness = harness_for(store, 2025);
    click(&mut harness, "模板");
    harness.get_by_label_contains(&format!("2025 年度已到“考核”阶段：{note}"));
    let mut harness = harness_for(demo_store(), 2025);
    click(&mut harness, "模板");
    assert!(harness.query_by_label_contains(note).is_none());

    let mut harness = harness_for(demo_store(), 2024);
    click(&mut harness, "模板");
    assert!(harness.query_by_label_contains(note).is_none());
    harness.get_by_label_contains("2024 年度考核结果已通报，不再起草责任书，模板只供查阅");
    let down = harness.get_all_by_label("本条下移").next().unwrap();
    assert!(down.accesskit_node().is_disabled());
    assert!(
        harness
            .get_by_label("保存模板")
            .accesskit_node()
            .is_disabled()
    );
}

/// Before a save, the tab says that the issued agreements on the version keep it and its
/// drafts move to the new one.
#[test]
fn a_template_used_by_issued_agreements_and_drafts_says_whom_a_save_reaches() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let store = harness.state().store().unwrap();
    let template = store.templates(2025).unwrap().remove(0);
    let using: Vec<_> = (store.agreements(2025).unwrap().into_iter())
        .filter(|a| a.draft.template_id == template.id)
        .collect();
    let issued = using.iter().filter(|a| a.status.is_issued()).count();
    let drafts = using.len() - issued;
    assert!(issued > 0 && drafts > 0, "{issued} {drafts}");
    harness.get_by_label(&format!(
        "（{issued} 份已定稿（含已打印、已签订、已归档）的责任书使用此版，保存后生成新版本，它们保留原版；{drafts} 份草稿改用新版本）"
    ));
}

/// Ctrl+S saves the template, as 保存模板 does; with nothing changed it does nothing.
#[test]
fn ctrl_s_saves_the_template() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let versions = crate::support::template_versions;
    let before = versions(&harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert_eq!(versions(&harness), before, "nothing to save");
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    harness.run();
    assert_eq!(versions(&harness), before + 1, "saved as a new version");
}

/// The text of the template field `label` (a clause or the title) as shown.
fn field_text(harness: &Harness<'_, App>, role: Role, label: &str) -> String {
    harness
        .get_by_role_and_label(role, label)
        .value()
        .unwrap_or_default()
}

/// Ctrl+Z in a clause after clauses moved never brings back another clause's text: what was
/// typed before the move belongs to the clause moved, not to the place it left.
#[test]
fn undo_after_a_clause_moved_never_brings_in_another_clauses_text() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let (first, second) = ("第 1 部分第 1 条", "第 1 部分第 2 条");
    let second_text = field_text(&harness, Role::MultilineTextInput, second);
    click_field(&mut harness, Role::MultilineTextInput, first);
    harness.key_press(egui::Key::End);
    harness.run();
    (harness.get_by_role_and_label(Role::MultilineTextInput, first)).type_text("ABC");
    harness.run();
    let typed = field_text(&harness, Role::MultilineTextInput, first);
    assert!(typed.ends_with("ABC"), "{typed}");
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    click_field(&mut harness, Role::MultilineTextInput, first);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    let rest = |clause: &str| clause.split_once('）').map(|(_, r)| r.to_owned());
    assert_eq!(
        rest(&field_text(&harness, Role::MultilineTextInput, first)),
        rest(&second_text),
        "the clause moved up keeps its own text"
    );
    assert!(field_text(&harness, Role::MultilineTextInput, second).ends_with("ABC"));
}

/// A placeholder put in from the button list is a step of its own for Ctrl+Z: undone alone,
/// the typing before it kept.
#[test]
fn undo_takes_back_a_placeholder_inserted_alone() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    click_field(&mut harness, Role::TextInput, "标题");
    harness.key_press(egui::Key::End);
    harness.run();
    (harness.get_by_role_and_label(Role::TextInput, "标题")).type_text("甲乙");
    harness.run();
    let typed = field_text(&harness, Role::TextInput, "标题");
    click(&mut harness, "{单位简称}");
    assert_eq!(
        field_text(&harness, Role::TextInput, "标题"),
        format!("{typed}{{单位简称}}")
    );
    (harness.get_by_role_and_label(Role::TextInput, "标题")).type_text("书");
    harness.run();
    for _ in 0..2 {
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
        harness.run();
    }
    assert_eq!(field_text(&harness, Role::TextInput, "标题"), typed);
}

/// Ctrl+Z after 放弃修改 never brings back what was given up.
#[test]
fn undo_after_giving_edits_up_brings_nothing_back() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    let first = "第 1 部分第 1 条";
    let original = field_text(&harness, Role::MultilineTextInput, first);
    click_field(&mut harness, Role::MultilineTextInput, first);
    harness.key_press(egui::Key::End);
    harness.run();
    (harness.get_by_role_and_label(Role::MultilineTextInput, first)).type_text("XYZ");
    harness.run();
    click(&mut harness, "放弃修改");
    if crate::support::is_asking(&harness) {
        crate::support::answer_discard(&mut harness);
    }
    assert_eq!(
        field_text(&harness, Role::MultilineTextInput, first),
        original
    );
    // Its buttons greyed, the keyboard goes to the title, not nowhere.
    harness.run();
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("标题")
    );
    click_field(&mut harness, Role::MultilineTextInput, first);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(
        field_text(&harness, Role::MultilineTextInput, first),
        original
    );
}

/// Esc in a template field keeps the keyboard there: the next Tab goes on from the field,
/// not from the top of the window.
#[test]
fn esc_in_a_template_field_keeps_the_keyboard_there() {
    let mut harness = harness(demo_store());
    click(&mut harness, "模板");
    click_field(&mut harness, Role::TextInput, "标题");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "标题")
            .is_focused(),
        "{:?}",
        crate::support::keyboard_on(&harness)
    );
}
