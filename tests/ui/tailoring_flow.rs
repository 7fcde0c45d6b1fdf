//! Tailoring a draft and the editors it leads to: control targets and clauses typed with the
//! keyboard staying in place, faulty placeholders said before saving, the indicator editor's
//! running sum.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::App;

use crate::agreements_flow::{agreements_harness, agreements_harness_sized};

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
    // Left blank it would not be added: nothing to save yet (no "已保存" over nothing).
    assert!(
        harness
            .get_by_label("保存调整")
            .accesskit_node()
            .is_disabled()
    );
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
    // The number as typed: the one printed is said to follow the clauses' order.
    harness.get_by_label_contains("编号在正文中按删去、新增后的顺序自动重排，以预览和打印为准");
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
    // Saved, the reason is said beside the button too, as the other reasons are; the toast
    // of the save keeps clear of it.
    let reason = harness
        .get_by_label("不能定稿：分值合计为 95，须等于满分 100")
        .rect();
    let toast = harness.get_by_label_contains("已保存").rect();
    assert!(!toast.intersects(reason), "{toast:?} over {reason:?}");
    // With another reason, one sentence: the two do not run together.
    let first_criteria = harness
        .get_all_by_role_and_label(Role::MultilineTextInput, "考核标准")
        .next()
        .unwrap();
    first_criteria.focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.key_press(egui::Key::Backspace);
    harness.run();
    harness.get_by_label("保存指标").click();
    harness.run();
    harness.get_by_label_contains("不能定稿：分值合计为 95，须等于满分 100；第 1 项指标");
    // And on the greyed button, with any other reason beside it.
    harness
        .ctx
        .all_styles_mut(|style| style.interaction.tooltip_delay = 0.0);
    harness.get_by_label("标记定稿").hover();
    harness.run();
    harness.get_by_label_contains("分值合计须等于满分 100");
}

#[test]
fn the_template_editor_flags_an_unknown_placeholder_before_saving() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("模板").click();
    harness.run();
    type_into_end(&mut harness, "标题", "{单位名}");
    harness.get_by_label("【标题】未知的占位符“{单位名}”（是否应为“{单位名称}”）");
    type_into_end(&mut harness, "第 2 部分标题", "{年份");
    harness.get_by_label("【第 2 部分标题】占位符缺少右括号“}”（“{年份”处）");
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

#[test]
fn an_indicator_moves_up_and_down_and_a_deleted_one_comes_back_whole() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("考核指标").click();
    harness.run();
    let names = |harness: &Harness<'_, App>| -> Vec<String> {
        harness
            .get_all_by_role_and_label(Role::TextInput, "考核项目")
            .map(|node| node.value().unwrap_or_default())
            .collect()
    };
    let before = names(&harness);
    assert!(before.len() >= 3, "{before:?}");
    // The first row cannot go up, the last cannot go down.
    let ups: Vec<bool> = harness
        .get_all_by_label("上移")
        .map(|n| n.accesskit_node().is_disabled())
        .collect();
    assert!(ups[0] && !ups[1]);
    harness.get_all_by_label("下移").next().unwrap().click();
    harness.run();
    let mut swapped = before.clone();
    swapped.swap(0, 1);
    assert_eq!(names(&harness), swapped);
    harness.get_all_by_label("上移").nth(1).unwrap().click();
    harness.run();
    assert_eq!(names(&harness), before);
    // Deleted by a slip, the row comes back where it stood.
    harness.get_all_by_label("删除").nth(1).unwrap().click();
    harness.run();
    harness.get_by_label(&format!("已删除第 2 项“{}”", before[1]));
    assert_eq!(names(&harness).len(), before.len() - 1);
    harness.get_by_label("撤销删除").click();
    harness.run();
    assert_eq!(names(&harness), before);
    assert!(harness.query_by_label("撤销删除").is_none());
    // A name typed in the first row, then the row moved down: Ctrl+Z in the first place (the
    // other row's name now) does not bring back the first row's text there.
    let focus_first = |harness: &mut Harness<'_, App>| {
        harness
            .get_all_by_role_and_label(Role::TextInput, "考核项目")
            .next()
            .unwrap()
            .focus();
        harness.run();
    };
    focus_first(&mut harness);
    harness
        .get_all_by_role_and_label(Role::TextInput, "考核项目")
        .next()
        .unwrap()
        .type_text("甲");
    harness.run();
    harness.get_all_by_label("下移").next().unwrap().click();
    harness.run();
    focus_first(&mut harness);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::Z);
    harness.run();
    assert_eq!(names(&harness)[0], before[1], "the moved-up row's own name");
    // Moved and saved, the order is the set's.
    let shown = names(&harness);
    assert_eq!(shown[1], format!("{}甲", before[0]));
    harness.get_by_label("保存指标").click();
    harness.run();
    let set = harness
        .state()
        .store()
        .unwrap()
        .indicator_sets(2026)
        .unwrap()
        .remove(0);
    let saved: Vec<&str> = set.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(saved[..2], [shown[0].as_str(), shown[1].as_str()]);
}

/// A unit with a long name (40 characters) tailored on a small window: the note of unsaved
/// edits beside the tabs stays on one line, so that the page does not move down under the
/// field being typed in.
#[test]
fn a_long_named_units_unsaved_note_does_not_move_the_page() {
    let mut store = crate::support::demo_store();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Draft)
        .unwrap();
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap();
    unit.fields.name =
        "示例市城市管理综合行政执法局下属城乡环境卫生与市容景观综合服务中心第一分中心北区".into();
    unit.fields.short_name = String::new();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = crate::support::window(
        Ok(store),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1024.0, 700.0],
    );
    harness
        .get_by_role_and_label(Role::CheckBox, &draft.draft.number.to_string())
        .focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("修改条款…").click();
    harness.run();
    let top = |harness: &Harness<'_, App>| harness.get_by_label("查找").rect().top();
    let before = top(&harness);
    harness
        .get_all_by_role_and_label(Role::TextInput, "指标")
        .next()
        .unwrap()
        .type_text("等");
    harness.run();
    harness.get_by_label_contains("有未保存的修改（");
    assert!(
        (top(&harness) - before).abs() < 0.5,
        "the page stayed: {before} {}",
        top(&harness)
    );
}
