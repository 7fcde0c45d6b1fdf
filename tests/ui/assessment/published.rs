//! Published results need a reason to change: locked without one in the store, a click on
//! a locked cell taking the keyboard to the reason, the reason not carried to another grid or
//! visit, and a corrected score naming the note it keeps.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::Points;
use zerenshu::ui::App;

use super::{harness, town_grid};

use crate::support::{choose, demo_store, type_at};

#[test]
fn published_scores_are_locked_without_a_reason() {
    let mut store = demo_store();
    let agreement = store.agreements(2024).unwrap().remove(0);
    let mut score = store
        .scores(2024)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == agreement.id)
        .unwrap();
    score.assessed_score = Some(Points::whole(1));
    let refused = store
        .write(|w| w.change_score(&score, None))
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("已通报") && refused.contains("理由"),
        "{refused}"
    );
    store
        .write(|w| w.change_score(&score, Some("复核更正")))
        .unwrap();
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "修改评分");
    assert!(entry.after_json.unwrap().contains("复核更正"));
    assert!(
        entry.before_json.is_some(),
        "the old value is kept in the audit log"
    );
}

#[test]
fn a_published_score_corrected_names_the_note_it_keeps() {
    let mut harness = harness(2024);
    let store = harness.state().store().unwrap();
    let mut score = (store.scores(2024).unwrap().into_iter())
        .find(|s| !s.note.trim().is_empty() && s.assessed_score.is_some())
        .unwrap();
    let note = score.note.trim().to_owned();
    score.assessed_score = Some(Points::ZERO);
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetScore {
            score,
            reason: Some("复核更正".to_owned()),
        });
    harness.run();
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.contains(&format!("该项评分说明仍为“{note}”：如与新分值不符"))),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Another year shown: its F2 would open another unit's note, so the hint goes.
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::ShowYear(2025));
    harness.run();
    assert!(
        !(harness.state().toast_texts()).any(|t| t.contains("该项评分说明仍为")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}

/// What the 修改理由 field holds.
fn reason(harness: &Harness<'_, App>) -> Option<String> {
    harness.get_by_label("修改理由").accesskit_node().value()
}

#[test]
fn a_click_on_a_locked_cell_takes_the_keyboard_to_the_reason() {
    let mut harness = harness(2024);
    let (rows, indicators) = town_grid(&harness);
    harness
        .get_by_label(&format!("{} {} 考核", rows[0].1, indicators[0].1))
        .click();
    harness.run();
    harness.get_by_label("评分已锁定：请先在下面写明修改理由，再回到格子修改");
    assert!(harness.get_by_label("修改理由").is_focused());
    // A score typed before noticing the lock is kept out of the reason, and said to be: the
    // cell stays locked.
    harness.get_by_label("修改理由").type_text("9");
    harness.run();
    harness.get_by_label(
        "评分已锁定：请先在下面写明修改理由，再回到格子修改（刚才输入的“9”是分值，没有写进理由）",
    );
    let cell = format!("{} {} 考核", rows[0].1, indicators[0].1);
    assert!(harness.get_by_label(&cell).accesskit_node().is_disabled());
    // Punctuation alone is no reason either, said so.
    harness.get_by_label("修改理由").type_text("，");
    harness.run();
    harness.get_by_label(
        "评分已锁定，这里填写的是修改理由，不是分值：只有空格、标点或数字不算理由，请用文字写明（刚才输入的“9”是分值，没有写进理由）",
    );
    // The cell clicked again with that no-reason in the field: a score typed then is kept out
    // all the same, not added to it.
    harness.get_by_label(&cell).click();
    harness.run();
    harness.get_by_label("修改理由").type_text("4");
    harness.run();
    assert_eq!(reason(&harness).as_deref(), Some("，"));
    harness.get_by_label_contains("（刚才输入的“4”是分值，没有写进理由）");
    harness.key_press(egui::Key::Backspace);
    harness.run();
    // Given, the request goes, and Enter takes the keyboard back to the cell clicked; the
    // reason is what was typed as one, without the score.
    harness.get_by_label("修改理由").type_text("复核更正");
    harness.run();
    assert_eq!(reason(&harness).as_deref(), Some("复核更正"));
    assert!(
        harness
            .query_by_label_contains("请先在下面写明修改理由")
            .is_none()
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(harness.get_by_label(&cell).is_focused(), "back in {cell}");
    // A value refused there is said on the line under the reason, never drawn over it.
    harness.get_by_label(&cell).type_text("7甲");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let said = harness.get_by_label_contains("不是有效的数字").rect();
    let field = (harness.get_by_role_and_label(Role::TextInput, "修改理由")).rect();
    assert!(
        said.top() >= field.bottom() - 0.5,
        "{said:?} over {field:?}"
    );
    // Cleared, the cells lock again and the keyboard waits in the reason, not nowhere.
    harness.get_by_label("清空理由").click();
    harness.run();
    assert!(harness.get_by_label("修改理由").is_focused());
    assert!(harness.get_by_label(&cell).accesskit_node().is_disabled());
    // A reason begun with a number a while after the click (the message read first) keeps
    // its number.
    harness.get_by_label(&cell).click();
    harness.run();
    harness.run_steps(8);
    harness.get_by_label("修改理由").type_text("2025年复核");
    harness.run();
    assert_eq!(reason(&harness).as_deref(), Some("2025年复核"));
}

#[test]
fn a_reason_for_changing_published_results_is_not_carried_to_another_grid_or_visit() {
    let mut harness = harness(2024);
    let give_reason = |harness: &mut Harness<'_, App>| {
        type_at(harness, "修改理由", "复核更正石桥镇");
    };
    // Nor to another category's grid: its changes are others.
    give_reason(&mut harness);
    choose(&mut harness, "考核类别", "一类");
    assert_eq!(
        harness.get_by_label("修改理由").value().as_deref(),
        Some("")
    );
    choose(&mut harness, "考核类别", "镇街");
    // Nor to the next visit of the screen: the run of changes ended with leaving it.
    give_reason(&mut harness);
    harness.get_by_role_and_label(Role::Button, "单位").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "考核").click();
    harness.run();
    assert_eq!(
        harness.get_by_label("修改理由").value().as_deref(),
        Some("")
    );
    give_reason(&mut harness);
    choose(&mut harness, "年度", "2023 年度");
    harness.run();
    // 2023 is published too: its changes need a reason of their own.
    assert_eq!(
        harness.get_by_label("修改理由").value().as_deref(),
        Some("")
    );
}

/// A published year takes no self-assessment forms: 导入自评表… is greyed on 考核 and on 通报与
/// 统计, saying why on hover, rather than refusing the files once chosen.
#[test]
fn forms_are_not_offered_for_import_into_a_published_year() {
    let mut harness = harness(2024);
    let locked = "2024 年度考核结果已通报，评分已锁定，不能导入自评表";
    for screen in [None, Some("通报与统计")] {
        if let Some(screen) = screen {
            crate::support::click(&mut harness, screen);
        }
        let button = harness.get_by_label("导入自评表…");
        assert!(button.accesskit_node().is_disabled(), "{screen:?}");
        button.hover();
        harness.run();
        harness.get_by_label_contains(locked);
    }
    // 2025, not published, offers it.
    let open = super::harness(2025);
    assert!(
        !open
            .get_by_label("导入自评表…")
            .accesskit_node()
            .is_disabled()
    );
}

/// Without a reason the cells take no typing: Tab goes from name to name down the whole grid,
/// and a score typed on a name asks for the reason, as a click on a locked cell does.
#[test]
fn without_a_reason_the_keyboard_goes_from_name_to_name_and_typing_asks_for_the_reason() {
    let mut harness = harness(2024);
    let (rows, indicators) = town_grid(&harness);
    harness.get_by_label(&rows[0].1).focus();
    harness.run();
    for row in &rows[1..] {
        harness.key_press(egui::Key::Tab);
        harness.run();
        assert_eq!(
            crate::support::keyboard_on(&harness).as_deref(),
            Some(row.1.as_str())
        );
    }
    // Shift+Tab goes back up.
    harness.key_press_modifiers(egui::Modifiers::SHIFT, egui::Key::Tab);
    harness.run();
    let before_last = &rows[rows.len() - 2].1;
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some(before_last.as_str())
    );
    harness.key_press(egui::Key::Num7);
    harness.event(egui::Event::Text("7".to_owned()));
    harness.run();
    harness.get_by_label_contains("评分已锁定：请先在下面写明修改理由");
    assert!(harness.get_by_label("修改理由").is_focused());
    assert_eq!(reason(&harness).as_deref(), Some(""));
    // With the reason, Enter takes the keyboard back to that unit's first cell.
    harness.get_by_label("修改理由").type_text("复核更正");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(
        crate::support::keyboard_on(&harness),
        Some(format!("{before_last} {} 考核", indicators[0].1))
    );
}
