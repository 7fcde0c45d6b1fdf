//! The template editor's sections: removing one that holds clauses asks once, naming it, and
//! 取消 keeps it.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::{App, View};

use crate::support::{click, demo_store, showing, window};

/// The headings of the template as edited, read from its fields.
fn headings(harness: &Harness<'_, App>) -> usize {
    (harness.query_all_by_label_contains("部分标题"))
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .count()
}

#[test]
fn removing_a_section_of_clauses_asks_first() {
    let mut harness = template_tab();
    let before = headings(&harness);
    assert!(before >= 2, "{before}");
    click(&mut harness, "删去第 1 部分");
    harness.get_by_label("删去第 1 部分？");
    click(&mut harness, "取消");
    assert_eq!(headings(&harness), before, "取消 keeps it");
    click(&mut harness, "删去第 1 部分");
    click(&mut harness, "删去");
    assert_eq!(headings(&harness), before - 1);
    assert!(harness.query_by_label("删去第 1 部分？").is_none());
    // A removal is undone with one button, the part back in its place.
    click(&mut harness, "撤销删去第 1 部分");
    assert_eq!(headings(&harness), before);
    assert!(harness.query_by_label("放弃修改").is_some());
    assert!(harness.query_by_label("撤销删去第 1 部分").is_none());
}

#[test]
fn a_clause_removed_by_a_slip_comes_back_with_its_text_until_something_else_is_edited() {
    let mut harness = template_tab();
    let clause = crate::support::clause_text(&harness, "第 1 部分第 2 条");
    click(&mut harness, "删去第 1 部分第 2 条");
    assert_ne!(
        crate::support::clause_text(&harness, "第 1 部分第 2 条"),
        clause
    );
    click(&mut harness, "撤销删去第 1 部分第 2 条");
    assert_eq!(
        crate::support::clause_text(&harness, "第 1 部分第 2 条"),
        clause
    );
    // Back as loaded: nothing to give up.
    assert!(crate::support::is_button_disabled(&harness, "放弃修改"));
    // Two removals are undone one after the other, the later first.
    let other = crate::support::clause_text(&harness, "第 2 部分第 1 条");
    click(&mut harness, "删去第 1 部分第 2 条");
    click(&mut harness, "删去第 2 部分第 1 条");
    click(&mut harness, "撤销删去第 2 部分第 1 条");
    click(&mut harness, "撤销删去第 1 部分第 2 条");
    assert_eq!(
        crate::support::clause_text(&harness, "第 1 部分第 2 条"),
        clause
    );
    assert_eq!(
        crate::support::clause_text(&harness, "第 2 部分第 1 条"),
        other
    );
    assert!(crate::support::is_button_disabled(&harness, "放弃修改"));
    // An edit after the removal ends the undo: it would throw the edit away.
    click(&mut harness, "删去第 1 部分第 2 条");
    crate::support::type_into(&mut harness, "标题", "再");
    assert!(harness.query_by_label("撤销删去第 1 部分第 2 条").is_none());
}

#[test]
fn the_indicator_tab_shows_the_category_the_template_tab_chose() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1400.0, 900.0],
    );
    assert_indicators_follow_the_template_tab(&mut harness);
}

/// 一类 chosen in 模板 is the category 考核指标 then shows.
fn assert_indicators_follow_the_template_tab(harness: &mut Harness<'_, App>) {
    click(harness, "模板");
    crate::support::choose(harness, "考核类别", "一类");
    click(harness, "考核指标");
    let shown = harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "考核类别")
        .value();
    assert_eq!(shown.as_deref(), Some("一类"));
}

#[test]
fn after_marking_indicators_final_the_tabs_still_follow_each_other() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(Ok(store), showing(View::Agreements, 2026), [1400.0, 900.0]);
    click(&mut harness, "考核指标");
    click(&mut harness, "标记定稿");
    harness.run();
    assert_indicators_follow_the_template_tab(&mut harness);
}

#[test]
fn the_template_preview_leaves_out_the_preview_unit_s_own_clauses_and_says_so() {
    let mut store = demo_store();
    let agreement = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Draft && a.draft.number < 15)
        .unwrap();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap();
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring
        .clause_changes
        .push(zerenshu::model::ClauseChange::Add {
            section: 0,
            heading: String::new(),
            text: "本单位自加的条款。".to_owned(),
        });
    store
        .write(|w| w.set_tailoring(agreement.id, &tailoring))
        .unwrap();
    let mut harness = window(Ok(store), showing(View::Agreements, 2025), [1400.0, 900.0]);
    click(&mut harness, "模板");
    assert!(
        harness
            .query_by_label_contains("该单位的责任书另有单独调整的条款")
            .is_none()
    );
    crate::support::choose(&mut harness, "预览单位", &unit.fields.name);
    harness.get_by_label_contains("该单位的责任书另有单独调整的条款，不在此预览中");
    assert!(
        harness
            .query_by_label_contains("本单位自加的条款")
            .is_none()
    );
}

#[test]
fn an_editor_with_unsaved_edits_says_which_category_the_other_tab_showed() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(Ok(store), showing(View::Agreements, 2026), [1400.0, 900.0]);
    click(&mut harness, "考核指标");
    let shown = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(egui::accesskit::Role::ComboBox, "考核类别")
            .value()
    };
    let own = shown(&harness);
    click(&mut harness, "增加指标");
    click(&mut harness, "模板");
    crate::support::choose(&mut harness, "考核类别", "一类");
    click(&mut harness, "考核指标");
    assert_eq!(shown(&harness), own, "the edits keep their category");
    harness.get_by_label("仍显示本类别（有未保存的修改）；“模板”页看的是“一类”");
    // Choosing the other category here asks about the edits; given up, the note goes.
    crate::support::choose(&mut harness, "考核类别", "一类");
    crate::support::answer_discard(&mut harness);
    assert_eq!(shown(&harness).as_deref(), Some("一类"));
    assert!(harness.query_by_label_contains("仍显示本类别").is_none());
}

/// A unit whose agreement was issued on the version before is previewed with a note that its
/// agreement reads as that version, not as the text edited.
#[test]
fn the_preview_says_when_the_units_agreement_is_on_another_version() {
    let mut harness = template_tab();
    let store = harness.state().store().unwrap();
    let category = store.templates(2025).unwrap()[0].content.category_id;
    let issued = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.draft.category_id == category && a.status.is_issued())
        .unwrap();
    let unit = crate::support::unit_name(&harness, &issued);
    crate::support::choose(&mut harness, "预览单位", &unit);
    let note = "该单位的责任书用的是第 1 版模板，已定稿，不随模板修改";
    assert!(
        harness.query_by_label_contains(note).is_none(),
        "on the version shown"
    );
    harness.get_all_by_label("本条下移").next().unwrap().click();
    harness.run();
    click(&mut harness, "保存模板");
    harness.run();
    harness.get_by_label("当前第 2 版");
    harness.get_by_label_contains(note);
    // Editing a later part scrolls the text to it; the note stays in sight above the text.
    let below = (harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "预览单位"))
        .rect()
        .bottom();
    let sections = (harness.state().store().unwrap().templates(2025).unwrap())[0]
        .content
        .sections
        .len();
    let field = format!("第 {sections} 部分第 1 条");
    (harness.get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, &field)).focus();
    harness.run();
    harness.run();
    let shown = harness.get_by_label_contains(note).rect();
    assert!(shown.top() >= below, "{shown:?} below {below}");
}

/// The preview follows the edit: a clause of the last section clicked brings that section's
/// text into sight beside it.
#[test]
fn the_preview_scrolls_to_the_section_being_edited() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1280.0, 640.0],
    );
    click(&mut harness, "模板");
    let template = harness
        .state()
        .store()
        .unwrap()
        .templates(2025)
        .unwrap()
        .remove(0);
    let last = template.content.sections.last().unwrap().heading.clone();
    let preview_of_last = |harness: &Harness<'_, App>| {
        harness
            .get_all_by_label_contains(&last)
            .filter(|node| {
                node.accesskit_node().role() == egui::accesskit::Role::Label
                    && node
                        .accesskit_node()
                        .value()
                        .is_some_and(|l| l.contains('\n'))
            })
            .map(|node| node.rect())
            .next()
            .unwrap()
    };
    let first = preview_of_last(&harness);
    assert!(first.top() > 640.0, "out of sight at first: {first:?}");
    let field = format!("第 {} 部分第 1 条", template.content.sections.len());
    harness
        .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, &field)
        .focus();
    harness.run();
    harness.run();
    let shown = preview_of_last(&harness);
    assert!(shown.top() >= 0.0 && shown.bottom() < 640.0, "{shown:?}");
}

/// A clause just added has the keyboard, and a placeholder clicked goes into it, not into the
/// field clicked before (out of sight by then).
#[test]
fn a_placeholder_goes_into_the_clause_just_added() {
    let mut harness = template_tab();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "标题")
        .click();
    harness.run();
    harness.get_by_label("（插入到：标题）");
    let title = title_text(&harness);
    let clauses = harness
        .query_all_by_label_contains("第 1 部分第 ")
        .filter(|n| n.accesskit_node().role() == egui::accesskit::Role::MultilineTextInput)
        .count();
    click(&mut harness, "在第 1 部分增加条款");
    harness.run();
    let added = format!("第 1 部分第 {} 条", clauses + 1);
    harness.get_by_label(&format!("（插入到：{added}）"));
    click(&mut harness, "{单位名称}");
    assert!(
        crate::support::clause_text(&harness, &added).ends_with("{单位名称}"),
        "{}",
        crate::support::clause_text(&harness, &added)
    );
    assert_eq!(title_text(&harness), title);
}

/// A save ends the removals that could be undone: what was saved is the template now.
#[test]
fn a_save_ends_the_undo_of_a_removal() {
    let mut harness = template_tab();
    click(&mut harness, "删去第 1 部分第 2 条");
    harness.get_by_label("撤销删去第 1 部分第 2 条");
    click(&mut harness, "保存模板");
    harness.run();
    assert!(harness.query_by_label("撤销删去第 1 部分第 2 条").is_none());
}

/// A part without a title is named as one in the question before it goes, not as “”.
#[test]
fn removing_a_part_without_a_title_names_it_so() {
    let mut harness = template_tab();
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "第 1 部分标题")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    click(&mut harness, "删去第 1 部分");
    harness.get_by_label_contains("这一部分（没有标题）连同其中的");
    assert!(harness.query_by_label_contains("“”").is_none());
}

fn title_text(harness: &Harness<'_, App>) -> String {
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "标题")
        .value()
        .unwrap()
}

/// A category chosen again opens at its title, not where its fields were left.
#[test]
fn a_category_chosen_again_opens_at_its_title() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1400.0, 700.0],
    );
    click(&mut harness, "模板");
    let title_top = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(egui::accesskit::Role::TextInput, "标题")
            .rect()
            .top()
    };
    let at_top = title_top(&harness);
    harness.get_by_label("增加一部分").scroll_to_me();
    harness.run();
    assert!(title_top(&harness) < at_top - 100.0, "scrolled down");
    let shown = (harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "考核类别"))
        .value()
        .unwrap();
    crate::support::choose(&mut harness, "考核类别", "一类");
    crate::support::choose(&mut harness, "考核类别", &shown);
    assert!((title_top(&harness) - at_top).abs() < 1.0);
    // Another year's template opens at its title too.
    harness.get_by_label("增加一部分").scroll_to_me();
    harness.run();
    assert!(title_top(&harness) < at_top - 100.0, "scrolled down");
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::ShowYear(2024));
    harness.run();
    harness.run();
    assert!(
        (title_top(&harness) - at_top).abs() < 1.0,
        "{}",
        title_top(&harness)
    );
}

/// The preview of a category chosen again opens at its title too, also after another tab.
#[test]
fn a_category_chosen_again_shows_its_preview_from_the_title() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1400.0, 700.0],
    );
    click(&mut harness, "模板");
    crate::support::choose(&mut harness, "考核类别", "一类");
    let preview_title = |harness: &Harness<'_, App>| {
        (harness.query_all_by_role(egui::accesskit::Role::Label))
            .find(|node| {
                (node.accesskit_node().value())
                    .is_some_and(|l| l.starts_with("2025年度安全生产目标管理责任书"))
            })
            .map(|node| node.rect().top())
    };
    let at_top = preview_title(&harness).unwrap();
    harness.get_by_label_contains("（盖章）").scroll_to_me();
    harness.run();
    assert!(
        preview_title(&harness).is_none_or(|top| top < at_top - 100.0),
        "scrolled down"
    );
    click(&mut harness, "签订跟踪");
    click(&mut harness, "模板");
    crate::support::choose(&mut harness, "考核类别", "镇街");
    crate::support::choose(&mut harness, "考核类别", "一类");
    harness.run();
    let top = preview_title(&harness);
    assert!(
        top.is_some_and(|top| (top - at_top).abs() < 1.0),
        "{top:?} {at_top}"
    );
}

/// The unit chosen to preview stays chosen while the clerk looks at another tab.
#[test]
fn the_preview_unit_stays_chosen_across_tabs() {
    let mut harness = template_tab();
    crate::support::choose(&mut harness, "预览单位", "青山镇人民政府");
    let shown = |harness: &Harness<'_, App>| {
        (harness.get_by_role_and_label(egui::accesskit::Role::ComboBox, "预览单位"))
            .value()
            .unwrap()
    };
    assert_eq!(shown(&harness), "青山镇人民政府");
    click(&mut harness, "签订跟踪");
    click(&mut harness, "模板");
    assert_eq!(shown(&harness), "青山镇人民政府");
}

/// The demo's 2025 templates, on the 模板 tab.
fn template_tab() -> Harness<'static, App> {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1400.0, 900.0],
    );
    click(&mut harness, "模板");
    harness
}

/// Tab through the template's fields keeps the field reached in sight: the list of parts and
/// clauses is taller than the window, and egui scrolls for the wheel only.
#[test]
fn tab_through_the_template_keeps_the_field_in_sight() {
    let height = 600.0;
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1024.0, height],
    );
    click(&mut harness, "模板");
    (harness.query_all_by_label_contains("部分标题"))
        .find(|n| n.accesskit_node().role() == egui::accesskit::Role::TextInput)
        .unwrap()
        .focus();
    harness.run();
    let mut lowest = 0.0_f32;
    for _ in 0..40 {
        harness.key_press(egui::Key::Tab);
        harness.run();
        let rect = crate::support::focused_rect(&harness);
        assert!(
            rect.bottom() <= height && rect.top() >= 0.0,
            "{:?} at {rect:?}",
            crate::support::keyboard_on(&harness)
        );
        lowest = lowest.max(rect.bottom());
    }
    assert!(lowest > height / 2.0, "Tab went on down the fields");
}

/// ↓ through a long list of units keeps the one the keyboard is on framed and in sight: the
/// list scrolls with it, and Enter picks what is seen.
#[test]
fn down_through_a_long_list_keeps_the_choice_in_sight() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1024.0, 700.0],
    );
    click(&mut harness, "模板");
    let combo = harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "预览单位")
        .rect();
    harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "预览单位")
        .click();
    harness.run();
    for _ in 0..12 {
        harness.key_press(egui::Key::ArrowDown);
        harness.run();
    }
    let shown = crate::support::focused_rect(&harness);
    // Within the list under (or over) its field, as high as egui's lists are at most.
    let reach = 220.0;
    assert!(
        shown.top() >= combo.top() - reach && shown.bottom() <= combo.bottom() + reach,
        "{shown:?} beside {combo:?}"
    );
}
