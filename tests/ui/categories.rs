//! 设置 → 常规's categories: added, moved, renamed back and removed only when unused, a name
//! refused under the field (taken, empty, a character no font prints), a refused rename beside
//! the old name, the deletion asked about starting on 取消.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::App;

use crate::settings::harness;
use crate::support::{click, keyboard_on, type_into};

#[test]
fn a_category_is_added_moved_renamed_back_and_removed_only_when_unused() {
    let mut harness = harness();
    click(&mut harness, "设置");
    let names = |harness: &Harness<'_, App>| -> Vec<String> {
        let store = harness.state().store().unwrap();
        store
            .categories()
            .unwrap()
            .into_iter()
            .map(|c| c.name)
            .collect()
    };
    // A name taken or empty is said under the list, where it was typed (not only in a toast).
    type_into(&mut harness, "新类别", "一类");
    click(&mut harness, "添加类别");
    harness.get_by_label("已有名为“一类”的考核类别");
    assert!(!harness.state().toast_texts().any(|t| t.contains("一类")));
    crate::support::retype(&mut harness, "新类别", "四类");
    assert!(
        harness.query_by_label("已有名为“一类”的考核类别").is_none(),
        "typing clears it"
    );
    click(&mut harness, "添加类别");
    assert_eq!(names(&harness), ["镇街", "一类", "二类", "三类", "四类"]);
    // A character no font prints is said there too, before anything is written (drawn as a
    // box on screen meanwhile).
    harness
        .ctx
        .set_missing_glyph_policy(egui::MissingGlyphPolicy::Tofu);
    crate::support::retype(&mut harness, "新类别", "\u{20000}类");
    click(&mut harness, "添加类别");
    harness.get_by_label_contains("类别名称中有现有字体都无法显示的字（U+20000）");
    assert!(!harness.state().toast_texts().any(|t| t.contains("U+20000")));
    assert_eq!(names(&harness).len(), 5);
    crate::support::retype(&mut harness, "新类别", "");
    // 上移 on the last row moves 四类 above 三类.
    harness.get_all_by_label("上移").last().unwrap().click();
    harness.run();
    assert_eq!(names(&harness), ["镇街", "一类", "二类", "四类", "三类"]);
    // A rename can be cancelled.
    harness.get_all_by_label("重命名…").nth(3).unwrap().click();
    harness.run();
    click(&mut harness, "取消");
    assert!(harness.query_by_label("新名称").is_none());
    // Esc in the name being typed cancels too: the old name stays, nothing is written.
    let audited = harness.state().store().unwrap().audit_entries(1).unwrap();
    harness.get_all_by_label("重命名…").nth(3).unwrap().click();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "新名称")
            .is_focused(),
        "the name is ready to type"
    );
    harness
        .get_by_role_and_label(Role::TextInput, "新名称")
        .type_text("甲");
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("新名称").is_none());
    assert_eq!(names(&harness), ["镇街", "一类", "二类", "四类", "三类"]);
    assert_eq!(
        harness.state().store().unwrap().audit_entries(1).unwrap(),
        audited
    );
    // Enter saves the name typed; a name typed for a new category meanwhile stays there.
    crate::support::retype(&mut harness, "新类别", "五类");
    harness.get_all_by_label("重命名…").nth(3).unwrap().click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "新名称")
        .type_text("甲");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(names(&harness), ["镇街", "一类", "二类", "四类甲", "三类"]);
    assert!(harness.query_by_label("新名称").is_none());
    assert_eq!(
        (harness.get_by_role_and_label(Role::TextInput, "新类别"))
            .value()
            .as_deref(),
        Some("五类")
    );
    (harness.get_by_role_and_label(Role::TextInput, "新类别")).focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Delete);
    harness.run();
    // A category in use offers no 删除… (its hover says what uses it), and asks nothing; an
    // unused one goes after one question.
    let in_use = harness.get_all_by_label("删除…").next().unwrap();
    assert!(in_use.accesskit_node().is_disabled());
    in_use.hover();
    harness.run();
    harness.get_by_label_contains("“镇街”仍在使用（15 个单位、");
    harness.get_all_by_label("删除…").next().unwrap().click();
    harness.run();
    assert!(
        harness.query_by_label("确认删除").is_none(),
        "no question first"
    );
    assert_eq!(names(&harness).len(), 5);
    // The question starts on 取消 (a deletion): Enter keeps the category, Esc cancels too.
    harness.get_all_by_label("删除…").nth(3).unwrap().click();
    harness.run();
    harness.get_by_label("从列表中删除考核类别“四类甲”？");
    assert_eq!(keyboard_on(&harness).as_deref(), Some("取消"));
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.query_by_label("确认删除").is_none());
    assert_eq!(names(&harness).len(), 5);
    harness.get_all_by_label("删除…").nth(3).unwrap().click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("确认删除").is_none());
    assert_eq!(names(&harness).len(), 5);
    harness.get_all_by_label("删除…").nth(3).unwrap().click();
    harness.run();
    click(&mut harness, "确认删除");
    assert_eq!(names(&harness), ["镇街", "一类", "二类", "三类"]);
    let audit = harness.state().store().unwrap().audit_entries(1).unwrap();
    assert_eq!(audit[0].action, "删除考核类别");
    // Enter in 新类别 adds, as 添加类别 does.
    type_into(&mut harness, "新类别", "五类");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(names(&harness).last().map(String::as_str), Some("五类"));
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "新类别")
            .is_focused(),
        "ready for the next one"
    );
}

/// A rename shows the name it replaces, and a name refused is said under the rename, not under
/// the list where a new category is typed; what was said of the new category's name goes.
#[test]
fn a_refused_rename_is_said_under_it_beside_the_old_name() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "添加类别");
    harness.get_by_label_contains("类别名称");
    let add_refusal = harness
        .get_by_label_contains("类别名称")
        .accesskit_node()
        .label()
        .unwrap_or_default();
    harness.get_all_by_label("重命名…").nth(3).unwrap().click();
    harness.run();
    assert!(
        harness.query_by_label(&add_refusal).is_none(),
        "{add_refusal}"
    );
    harness.get_by_label("三类 →");
    // 二类's name, over the one there.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "新名称")
        .type_text("二类");
    harness.run();
    click(&mut harness, "确定");
    let refusal = harness.get_by_label_contains("已有名为");
    let under = harness.get_by_label("新类别").rect();
    assert!(
        refusal.rect().bottom() < under.top(),
        "said in the rename's row"
    );
    // Enter on a refused name keeps the keyboard in it, to correct.
    harness
        .get_by_role_and_label(Role::TextInput, "新名称")
        .focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "新名称")
            .is_focused()
    );
}

/// A category moved from the keyboard keeps it: Enter again moves the same category on, and
/// at the end of the list the keyboard is on its other button.
#[test]
fn the_keyboard_moves_with_the_category_it_moved() {
    let mut harness = harness();
    click(&mut harness, "设置");
    let names = |harness: &Harness<'_, App>| -> Vec<String> {
        let store = harness.state().store().unwrap();
        (store.categories().unwrap().into_iter())
            .map(|c| c.name)
            .collect()
    };
    let focused_is = |harness: &Harness<'_, App>, label: &str, nth: usize| {
        harness
            .get_all_by_label(label)
            .nth(nth)
            .unwrap()
            .is_focused()
    };
    // 一类's 下移 (the second row's), taken by the keyboard.
    harness.get_all_by_label("下移").nth(1).unwrap().focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(names(&harness), ["镇街", "二类", "一类", "三类"]);
    assert!(
        focused_is(&harness, "下移", 2),
        "{:?}",
        keyboard_on(&harness)
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(names(&harness), ["镇街", "二类", "三类", "一类"]);
    // At the end: 下移 greyed, the keyboard on its 上移.
    assert!(
        focused_is(&harness, "上移", 3),
        "{:?}",
        keyboard_on(&harness)
    );
    // Clicked, the same: Tab goes on from the category moved.
    harness.get_all_by_label("上移").nth(3).unwrap().click();
    harness.run();
    harness.run();
    assert_eq!(names(&harness), ["镇街", "二类", "一类", "三类"]);
    assert!(
        focused_is(&harness, "上移", 2),
        "{:?}",
        keyboard_on(&harness)
    );
    // A rename given up by Esc gives the keyboard back to its 重命名….
    harness.get_all_by_label("重命名…").nth(2).unwrap().click();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(harness.query_by_label("新名称").is_none());
    assert!(
        focused_is(&harness, "重命名…", 2),
        "{:?}",
        keyboard_on(&harness)
    );
}
