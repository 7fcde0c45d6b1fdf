//! 设置 → 操作记录 driven as a clerk would: listed and filtered by date, an archived unit told from
//! a new one of its name, entries made while another tab was open, reached and opened from the
//! keyboard, rows that stay put as one is chosen, fields empty on both sides left out, an
//! export's file named plainly.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::{App, Command};

use crate::support::{click, demo_store, start, type_into};

#[test]
fn the_audit_log_is_listed_and_filtered_by_date() {
    let store = demo_store();
    let total = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 100_000)
        .unwrap()
        .len();
    let mut harness = start(Ok(store));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    harness.run();
    // Three demo years write more entries than the window lists at once (2,000).
    assert!(total > 2000, "{total}");
    let limited = "显示最近的 2000 条；可用条件缩小范围";
    harness.get_by_label(limited);
    harness.get_all_by_label("开始使用").next().unwrap();
    // The earlier entries are there to be asked for.
    click(&mut harness, "再显示更早的记录（至多 2000 条）");
    harness.run();
    harness.get_by_label(&format!("共 {total} 条"));

    type_into(&mut harness, "截止日期", "2025-13-01");
    harness.get_by_label("截止日期有误：没有13月");
    // Both wrong: both said at once.
    type_into(&mut harness, "起始日期", "2025-02-30");
    harness.get_by_label("起始日期有误：2025年2月没有30日；截止日期有误：没有13月");
    crate::support::retype(&mut harness, "起始日期", "");

    click(&mut harness, "清除条件");
    // A whole date is applied as typed, as a unit or an operator chosen is: no 查询.
    type_into(&mut harness, "截止日期", "2000/01/01");
    harness.run();
    harness.run();
    // Only the condition set is named to loosen.
    let none = "没有符合条件的操作记录：请放宽日期范围";
    harness.get_by_label(none);
    // A range that ends before it starts is said so, not answered with nothing.
    type_into(&mut harness, "起始日期", "2001-01-01");
    harness.get_by_label("起始日期晚于截止日期，请对调两个日期");
    // The rows shown are the last search's, and said so.
    harness.get_by_label(&format!("以下为上一次查询的结果：{none}"));
    click(&mut harness, "清除条件");
    harness.run();
    harness.get_by_label(limited);
}

/// Typed key by key, a date is searched for once typed whole (or on Enter), not on the way:
/// "2025-03-1" on the way to the 19th is not the 1st of March searched for, and when the 19th
/// is refused the rows said to be the last search's are those of the 18th.
#[test]
fn a_date_typed_key_by_key_is_searched_for_once_whole() {
    let store = demo_store();
    let day = |d: u32| chrono::NaiveDate::from_ymd_opt(2025, 3, d);
    let count = |from: u32| {
        let filter = zerenshu::store::AuditFilter {
            from: day(from),
            to: day(18),
            ..Default::default()
        };
        store.audit_search(&filter, 100_000).unwrap().len()
    };
    let (on_18th, from_1st) = (count(18), count(1));
    assert!(on_18th > 0 && from_1st > on_18th, "{on_18th} {from_1st}");
    let mut harness = start(Ok(store));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    let key_by_key = |harness: &mut Harness<'_, App>, label: &str, text: &str| {
        harness
            .get_by_role_and_label(Role::TextInput, label)
            .focus();
        harness.run();
        harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
        for c in text.chars() {
            harness.event(egui::Event::Text(c.to_string()));
            harness.run();
        }
        harness.run();
    };
    key_by_key(&mut harness, "截止日期", "2025-03-18");
    key_by_key(&mut harness, "起始日期", "2025-03-18");
    harness.get_by_label(&format!("共 {on_18th} 条"));
    key_by_key(&mut harness, "起始日期", "2025-03-19");
    harness.get_by_label("起始日期晚于截止日期，请对调两个日期");
    harness.get_by_label(&format!("以下为上一次查询的结果：共 {on_18th} 条"));
    // A date with a one-digit day is searched for on Enter.
    key_by_key(&mut harness, "起始日期", "2025/3/1");
    harness.get_by_label(&format!("共 {on_18th} 条"));
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    harness.get_by_label(&format!("共 {from_1st} 条"));
    // Enter leaves the keyboard in the date, to be put right or Tabbed on from.
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("起始日期")
    );
}

#[test]
fn the_audit_unit_filter_tells_an_archived_unit_from_a_new_one_of_its_name() {
    let mut store = demo_store();
    let old = store.units().unwrap()[0].clone();
    store.write(|w| w.set_unit_active(old.id, false)).unwrap();
    let mut fields = old.fields.clone();
    fields.short_name = format!("{}新", fields.short_name);
    store.write(|w| w.insert_unit(&fields)).unwrap();
    let name = old.fields.name.clone();
    let mut harness = start(Ok(store));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    harness.run();
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    // The new one by its name (also in the log's rows), the archived one marked.
    assert!(harness.get_all_by_label(&name).next().is_some());
    harness.get_by_label(&format!("{name}（已归档）"));
}

#[test]
fn the_audit_log_lists_what_was_done_while_another_tab_was_open() {
    let mut harness = start(Ok(demo_store()));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    harness.run();
    assert!(harness.query_all_by_label("新增考核年度").next().is_none());
    click(&mut harness, "常规");
    click(&mut harness, "从 2025 年度结转…");
    click(&mut harness, "结转");
    harness.run();
    click(&mut harness, "操作记录");
    harness.run();
    harness.get_all_by_label("新增考核年度").next().unwrap();
}

/// From the filters Tab goes to the first entry's time, not through every cell unseen; Enter
/// on it shows the entry's before and after.
#[test]
fn the_audit_log_is_reached_and_opened_from_the_keyboard() {
    let mut harness = start(Ok(demo_store()));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    harness.run();
    harness.get_by_label("清除条件").focus();
    harness.run();
    let on_entry = (0..6).any(|_| {
        harness.key_press(egui::Key::Tab);
        harness.run();
        harness
            .root()
            .query_all(egui_kittest::kittest::by())
            .find(egui_kittest::Node::is_focused)
            .and_then(|node| node.accesskit_node().value())
            .is_some_and(|text| text.starts_with("20"))
    });
    assert!(on_entry, "Tab reaches an entry's time within six stops");
    // The entry reached is shown, as a list shows the line the keyboard is on.
    assert!(
        harness
            .query_by_label("点一行查看修改前后的全部内容")
            .is_none()
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    let details = |harness: &Harness<'_, App>| {
        harness
            .get_by_label_contains("记录：")
            .accesskit_node()
            .value()
            .unwrap_or_default()
    };
    let first = details(&harness);
    // ↓ and ↑ go through the entries.
    harness.key_press(egui::Key::ArrowDown);
    harness.run();
    harness.run();
    let second = details(&harness);
    assert_ne!(first, second, "↓ shows the next entry");
    harness.key_press(egui::Key::ArrowUp);
    harness.run();
    harness.run();
    assert_eq!(details(&harness), first, "↑ goes back");
    // End goes to the oldest entry listed, Home back to the first; PageDown a screenful on.
    // The keyboard goes along to the entry's time.
    let on_time = |harness: &Harness<'_, App>| {
        (harness.root().query_all(egui_kittest::kittest::by()))
            .find(egui_kittest::Node::is_focused)
            .and_then(|node| node.accesskit_node().value())
    };
    let at_first = on_time(&harness);
    for (key, what) in [
        (egui::Key::End, "End"),
        (egui::Key::Home, "Home"),
        (egui::Key::PageDown, "PageDown"),
    ] {
        harness.key_press(key);
        harness.run();
        harness.run();
        let now = on_time(&harness);
        assert!(now.is_some(), "{what} keeps the keyboard on an entry");
        if key == egui::Key::Home {
            assert_eq!(now, at_first, "Home goes back to the first");
        } else {
            assert_ne!(now, at_first, "{what} moves on");
        }
    }
    // Esc keeps the keyboard on the entry (its pane under the table stays).
    let before = on_time(&harness);
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert_eq!(
        on_time(&harness),
        before,
        "Esc keeps the keyboard on the entry"
    );
    let _ = second;
}

/// An entry clicked shows under the table: the rows keep their place under the pointer.
#[test]
fn choosing_an_audit_entry_does_not_move_the_rows() {
    let mut harness = start(Ok(demo_store()));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    harness.run();
    let row = |harness: &Harness<'_, App>| {
        harness
            .get_all_by_label("保存年度单位信息")
            .next()
            .unwrap()
            .rect()
    };
    let before = row(&harness);
    harness
        .get_all_by_label("保存年度单位信息")
        .next()
        .unwrap()
        .click();
    harness.run();
    harness.run();
    harness.get_by_label_contains("记录：");
    assert_eq!(row(&harness), before);
}

/// The entry of a self score entered alone lists that score, not the fields it left empty.
#[test]
fn an_audit_entry_leaves_out_fields_empty_before_and_after() {
    let store = demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let indicator = store.indicator_sets(2025).unwrap()[0].indicators[0].id;
    let mut harness = start(Ok(store));
    harness.state_mut().queue_command(Command::SetScore {
        score: zerenshu::model::Score {
            agreement_id: agreement.id,
            indicator_id: indicator,
            self_score: Some(zerenshu::model::Points::whole(3)),
            assessed_score: None,
            note: String::new(),
            self_note: String::new(),
        },
        reason: None,
    });
    harness.run();
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    harness.run();
    // The cell's first value is entered (录入), as the demo's history says it.
    harness.get_all_by_label("录入评分").next().unwrap().click();
    harness.run();
    harness.get_by_label_contains("修改后：3");
    assert!(harness.query_by_label("修改后：（空）").is_none());
}

/// An export's entry names the file it wrote, not as something changed ("修改后：").
#[test]
fn an_export_entry_names_its_file_plainly() {
    let mut store = demo_store();
    let agreement = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status.is_issued())
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    zerenshu::workflow::export::export(
        &mut store,
        &zerenshu::pdf::fonts::FontSet::shipped(),
        2025,
        Some(&[agreement.id]),
        dir.path(),
        &std::sync::atomic::AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    let mut harness = start(Ok(store));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    harness.run();
    harness.get_all_by_label("导出 PDF").next().unwrap().click();
    harness.run();
    assert!(harness.query_by_label_contains("修改后：").is_none());
    assert!(harness.query_all_by_label_contains(".pdf").count() > 0);
}

/// The 操作 list from the keyboard: it opens on the choice made (↓ is the next one), Enter
/// chooses and closes it, and the keyboard is back on the list's field.
#[test]
fn an_audit_list_is_chosen_from_the_keyboard_one_step_at_a_time() {
    let mut harness = start(Ok(demo_store()));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    let mut chosen = Vec::new();
    for _ in 0..2 {
        harness
            .get_by_role_and_label(Role::ComboBox, "操作")
            .focus();
        harness.run();
        for key in [egui::Key::Space, egui::Key::ArrowDown, egui::Key::Enter] {
            harness.key_press(key);
            harness.run();
        }
        harness.run();
        assert!(!egui::Popup::is_any_open(&harness.ctx), "the list closed");
        let list = harness.get_by_role_and_label(Role::ComboBox, "操作");
        assert!(list.is_focused(), "the keyboard back on the list");
        chosen.push(list.value().unwrap());
    }
    let (_, actions) = harness.state().store().unwrap().audit_choices().unwrap();
    assert_eq!(chosen, [actions[0].clone(), actions[1].clone()]);
}

/// A bonus deleted shows its fields before, and after them that it is deleted, not each field
/// emptied.
#[test]
fn a_deleted_record_is_said_to_be_deleted() {
    let mut store = demo_store();
    let adjustment = store.adjustments(2024).unwrap().remove(0);
    store
        .write(|w| w.delete_adjustment(adjustment.id, Some("复核更正")))
        .unwrap();
    let mut harness = start(Ok(store));
    click(&mut harness, "设置");
    click(&mut harness, "操作记录");
    harness.run();
    // In the table too, with the reason given.
    assert!(
        harness
            .query_all_by_label_contains("（已删除）；修改理由：复核更正")
            .count()
            > 0
    );
    harness
        .get_all_by_label("删除加扣分")
        .next()
        .unwrap()
        .click();
    harness.run();
    assert!(harness.query_all_by_label("修改后：（已删除）").count() > 0);
    assert!(harness.query_by_label("修改后：（空）").is_none());
}
