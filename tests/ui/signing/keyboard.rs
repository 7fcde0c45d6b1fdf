//! Where the keyboard goes around the detail's forms: back to a form's button when it is
//! given up, into the clause editor's first field, and kept in the detail after a form's
//! write.

use egui_kittest::kittest::Queryable as _;
use zerenshu::model::AgreementStatus;

use crate::support::{
    agreements, agreements_window, click_row, demo_store, first_in, keyboard_on, press_each,
    retype, retype_any,
};

/// Presses the button `label` from the keyboard: the keyboard put on it, then Enter.
fn press_button(harness: &mut egui_kittest::Harness<'_, zerenshu::ui::App>, label: &str) {
    harness.get_by_label(label).focus();
    harness.run();
    press_each(harness, &[egui::Key::Enter]);
}

/// A form under the detail's buttons opened from the keyboard and given up gives the keyboard
/// back to its button: Tab goes on from there, not from the top of the window.
#[test]
fn a_form_given_up_gives_the_keyboard_back_to_its_button() {
    let mut harness = agreements_window(demo_store(), 2025);
    let cases = [
        (AgreementStatus::Final, "退回草稿…", "理由"),
        (AgreementStatus::Printed, "标记已签订…", "签订日期"),
    ];
    for (status, button, field) in cases {
        let agreement = first_in(&harness, status);
        click_row(&mut harness, &agreement);
        press_button(&mut harness, button);
        assert_eq!(keyboard_on(&harness).as_deref(), Some(field), "{button}");
        press_each(&mut harness, &[egui::Key::Escape]);
        harness.run();
        assert!(
            harness.query_by_label(field).is_none(),
            "{button} closed by Esc"
        );
        assert_eq!(keyboard_on(&harness).as_deref(), Some(button));
    }
    // Given up with text typed, through the 放弃修改 question: back to its button too.
    let printed = first_in(&harness, AgreementStatus::Printed);
    click_row(&mut harness, &printed);
    press_button(&mut harness, "标记已签订…");
    retype_any(&mut harness, "签订日期", "3月10日");
    press_each(&mut harness, &[egui::Key::Escape]);
    harness.run();
    press_button(&mut harness, "放弃修改");
    harness.run();
    assert!(harness.query_by_label("签订日期").is_none());
    assert_eq!(keyboard_on(&harness).as_deref(), Some("标记已签订…"));
}

/// 修改条款… opens the clause editor with the keyboard in its first field, not nowhere.
#[test]
fn the_clause_editor_opens_with_the_keyboard_in_its_first_field() {
    let mut harness = agreements_window(demo_store(), 2025);
    let draft = first_in(&harness, AgreementStatus::Draft);
    click_row(&mut harness, &draft);
    press_button(&mut harness, "修改条款…");
    harness.run();
    let first = if draft.draft.tailoring.control_targets.is_empty() {
        "条款"
    } else {
        "指标"
    };
    assert_eq!(keyboard_on(&harness).as_deref(), Some(first));
}

/// A form's write done from the keyboard, the keyboard is not left nowhere: back on the button
/// that opened it while that can still take it (修改签订信息…), else on the detail's first
/// button (标记已签订… is greyed once signed).
#[test]
fn after_a_forms_write_the_keyboard_stays_in_the_detail() {
    let mut harness = agreements_window(demo_store(), 2025);
    let printed = first_in(&harness, AgreementStatus::Printed);
    click_row(&mut harness, &printed);
    press_button(&mut harness, "标记已签订…");
    retype(
        &mut harness,
        "签订日期",
        &printed.printed_on.unwrap().to_string(),
    );
    press_button(&mut harness, "保存签订信息");
    harness.run();
    let signed = crate::support::agreement(&harness, printed.id);
    assert_eq!(signed.status, AgreementStatus::Signed);
    assert_eq!(keyboard_on(&harness).as_deref(), Some("预览…"));
    // Its correction: the button stays, and has the keyboard again.
    press_button(&mut harness, "修改签订信息…");
    retype(&mut harness, "乙方签字人", "闵燚明");
    retype_any(&mut harness, "修改理由", "签字人录错");
    press_button(&mut harness, "保存修改");
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("修改签订信息…"));
}

/// 退回草稿 from the keyboard: Esc after a reason is typed asks first, on 继续编辑, which gives
/// the keyboard back to the reason (what was typed is not thrown away, nor the keyboard), and
/// once sent back the keyboard is in the detail, not at the top of the window.
#[test]
fn back_to_draft_from_the_keyboard_keeps_the_keyboard_in_the_detail() {
    let mut harness = agreements_window(demo_store(), 2025);
    let fin = first_in(&harness, AgreementStatus::Final);
    click_row(&mut harness, &fin);
    press_button(&mut harness, "退回草稿…");
    assert_eq!(keyboard_on(&harness).as_deref(), Some("理由"));
    harness.get_by_label("理由").type_text("控制指标需调整");
    harness.run();
    press_each(&mut harness, &[egui::Key::Escape]);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("继续编辑"));
    press_each(&mut harness, &[egui::Key::Enter]);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("理由"));
    press_button(&mut harness, "确定退回");
    harness.run();
    harness.run();
    let reverted = crate::support::agreement(&harness, fin.id);
    assert_eq!(reverted.status, AgreementStatus::Draft);
    assert_eq!(keyboard_on(&harness).as_deref(), Some("预览…"));
}

/// The clause editor opened from the keyboard closes with Esc, as with 放弃修改, and after
/// Ctrl+S has saved it: either way 修改条款… has the keyboard back, not the top of the window.
#[test]
fn the_clause_editor_gives_the_keyboard_back_after_esc_and_after_ctrl_s() {
    let mut harness = agreements_window(demo_store(), 2025);
    let draft = draft_with_targets(&harness);
    click_row(&mut harness, &draft);
    let open = |harness: &mut egui_kittest::Harness<'_, zerenshu::ui::App>| {
        press_button(harness, "修改条款…");
        harness.run();
        assert_eq!(keyboard_on(harness).as_deref(), Some("指标"));
    };
    open(&mut harness);
    press_each(&mut harness, &[egui::Key::Escape]);
    harness.run();
    assert!(
        harness.query_by_label("保存调整").is_none(),
        "closed by Esc"
    );
    assert_eq!(keyboard_on(&harness).as_deref(), Some("修改条款…"));
    open(&mut harness);
    harness.key_press(egui::Key::End);
    harness.event(egui::Event::Text("（含）".to_owned()));
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    harness.run();
    assert!(
        harness.query_by_label("保存调整").is_none(),
        "saved and closed"
    );
    let saved = crate::support::agreement(&harness, draft.id);
    assert!(
        saved.draft.tailoring.control_targets[0]
            .name
            .ends_with("（含）")
    );
    assert_eq!(keyboard_on(&harness).as_deref(), Some("修改条款…"));
}

/// 标记已打印… and 定稿… pressed from the keyboard in the detail: once their question is
/// answered and the status moved on, the keyboard is on the detail's first button (预览…),
/// the button pressed being greyed now, not on a row of the table.
#[test]
fn after_a_question_of_the_detail_the_keyboard_stays_in_the_detail() {
    let mut harness = agreements_window(demo_store(), 2025);
    let cases = [
        (AgreementStatus::Final, "标记已打印…", Some("打印日期")),
        (AgreementStatus::Draft, "定稿…", None),
    ];
    for (status, button, field) in cases {
        let agreement = first_in(&harness, status);
        click_row(&mut harness, &agreement);
        press_button(&mut harness, button);
        harness.run();
        if let Some(field) = field {
            retype(&mut harness, field, "2025-03-01");
        }
        press_each(&mut harness, &[egui::Key::Enter]);
        for _ in 0..4 {
            harness.run();
        }
        let after = crate::support::agreement(&harness, agreement.id);
        assert_ne!(after.status, status, "{button}");
        assert_eq!(keyboard_on(&harness).as_deref(), Some("预览…"), "{button}");
    }
}

/// 修改条款… clicked with the mouse (press and release, as a real click) opens the editor with
/// the keyboard in its first field too: what is typed next goes there.
#[test]
fn the_clause_editor_clicked_open_takes_what_is_typed() {
    let mut harness = agreements_window(demo_store(), 2025);
    let draft = draft_with_targets(&harness);
    click_row(&mut harness, &draft);
    let button = harness.get_by_label("修改条款…").rect().center();
    crate::support::queue_click(&mut harness, button);
    harness.run();
    assert_eq!(keyboard_on(&harness).as_deref(), Some("指标"));
}

/// A draft of 2025 with control targets: its clause editor opens on its first 指标.
fn draft_with_targets(
    harness: &egui_kittest::Harness<'_, zerenshu::ui::App>,
) -> zerenshu::model::Agreement {
    agreements(harness, 2025)
        .into_iter()
        .find(|a| {
            a.status == AgreementStatus::Draft && !a.draft.tailoring.control_targets.is_empty()
        })
        .unwrap()
}

/// Tab through the clause editor in a small window: every field reached is scrolled into
/// sight, never left below the window's edge.
#[test]
fn tab_through_the_clause_editor_keeps_the_field_in_sight() {
    let height = 600.0;
    let mut harness = crate::support::window(
        Ok(demo_store()),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1024.0, height],
    );
    let draft = first_in(&harness, AgreementStatus::Draft);
    click_row(&mut harness, &draft);
    press_button(&mut harness, "修改条款…");
    harness.run();
    let mut reached_a_clause = false;
    for _ in 0..14 {
        press_each(&mut harness, &[egui::Key::Tab]);
        harness.run();
        let rect = crate::support::focused_rect(&harness);
        assert!(
            rect.bottom() <= height && rect.top() >= 0.0,
            "{:?} at {rect:?}",
            keyboard_on(&harness)
        );
        reached_a_clause |= keyboard_on(&harness).as_deref() == Some("条款");
    }
    assert!(reached_a_clause, "Tab went on into the clauses");
}
