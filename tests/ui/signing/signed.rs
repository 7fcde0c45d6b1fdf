//! 标记已签订 and the signing form: a signing undone with a reason, the form kept as typed
//! after a preview or a refused save, an archived unit's agreement rejoining the assessment,
//! the dialog's keyboard, a date refused for some ticked agreements named, and the bulk
//! dialogs saying what they leave out, and the correction's fields kept in place as its note
//! goes.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::AgreementStatus;
use zerenshu::ui::App;

use crate::support::{
    agreements, agreements_window, click, demo_store, first_in, keyboard_on, retype, retype_any,
    tick, unit_name,
};

#[test]
fn a_signing_marked_by_mistake_is_undone_from_the_window_with_a_reason() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "撤销签订…");
    harness.get_by_label_contains("撤销后回到“已打印”");
    assert!(
        harness
            .get_by_label("确定撤销签订")
            .accesskit_node()
            .is_disabled(),
        "no reason, no undoing"
    );
    retype_any(&mut harness, "理由", "误勾选，尚未签订");
    click(&mut harness, "确定撤销签订");
    let store = harness.state().store().unwrap();
    let after = store.agreement(agreement.id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Printed);
    assert_eq!(after.signed_on, None);
    assert_eq!(store.audit_entries(1).unwrap()[0].action, "撤销签订");
}

#[test]
fn a_preview_or_a_refused_save_leaves_the_signing_form_as_typed() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Printed);
    let name = unit_name(&harness, &agreement);
    crate::support::open_signing_form(&mut harness, &name);
    retype(&mut harness, "签回份数", "2");
    click(&mut harness, "预览…");
    harness.run();
    let returned = |harness: &Harness<'_, App>| {
        (harness.get_by_role_and_label(Role::TextInput, "签回份数"))
            .value()
            .unwrap_or_default()
    };
    assert_eq!(returned(&harness), "2", "a look changes nothing");
    // More copies back than were signed: the store refuses, and the form stays to be fixed.
    retype(&mut harness, "签回份数", "99");
    click(&mut harness, "保存签订信息");
    assert_eq!(returned(&harness), "99");
    let after = harness
        .state()
        .store()
        .unwrap()
        .agreement(agreement.id)
        .unwrap()
        .unwrap();
    assert_eq!(after.status, AgreementStatus::Printed);
    // Several problems are said at one save, in the order of the fields.
    retype(&mut harness, "签订日期", "");
    click(&mut harness, "保存签订信息");
    harness.get_by_label_contains("；签回份数应在 0 至");
}

/// A printed agreement of a unit archived since takes no part in the assessment until it is
/// signed: the signing dialog says signing brings it back in.
#[test]
fn signing_an_archived_units_agreement_says_it_rejoins_the_assessment() {
    let mut store = demo_store();
    let printed = crate::first_agreement::first_with_status(&store, AgreementStatus::Printed);
    store
        .write(|w| w.set_unit_active(printed.draft.unit_id, false))
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    tick(&mut harness, &printed);
    click(&mut harness, "标记已签订…（1）");
    harness.get_by_label_contains("属于已归档单位：登记签订后，其责任书重新参加本年度考核");
}

#[test]
fn the_signing_dialog_takes_the_date_at_once_enter_confirms_and_escape_closes() {
    let mut harness = agreements_window(demo_store(), 2025);
    let printed = first_in(&harness, AgreementStatus::Printed);
    tick(&mut harness, &printed);
    click(&mut harness, "标记已签订…（1）");
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "签订日期")
            .is_focused(),
        "the date field has the keyboard"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("确定签订").is_none(),
        "Esc closes it"
    );
    // With a date typed, Esc asks first; 继续编辑 keeps it.
    click(&mut harness, "标记已签订…（1）");
    retype(&mut harness, "签订日期", "2025-03-17");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    let field = harness.get_by_role_and_label(Role::TextInput, "签订日期");
    assert_eq!(field.value().as_deref(), Some("2025-03-17"));

    retype(&mut harness, "签订日期", "2025-03-16");
    harness.key_press(egui::Key::Enter);
    harness.run();
    let signed = (agreements(&harness, 2025).into_iter())
        .find(|a| a.id == printed.id)
        .unwrap();
    assert_eq!(signed.status, AgreementStatus::Signed);
    assert_eq!(
        signed.signed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 16)
    );
    assert!(harness.query_by_label("确定签订").is_none());
    // The keyboard goes on from the row signed, not from the top of the window.
    harness.run();
    assert_eq!(
        keyboard_on(&harness),
        Some(printed.draft.number.to_string()),
        "the row's tick box"
    );
}

#[test]
fn a_signing_date_refused_for_some_ticked_names_them() {
    let mut store = demo_store();
    let all = store.agreements(2025).unwrap();
    // One printed late, in the new year (signed then too), one printed in time.
    let late = all
        .iter()
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap()
        .clone();
    let in_time = all
        .iter()
        .find(|a| a.status == AgreementStatus::Printed)
        .unwrap()
        .clone();
    let january = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    zerenshu::workflow::lifecycle::mark_printed(&mut store, 2025, &[late.id], january).unwrap();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == in_time.draft.unit_id)
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    tick(&mut harness, &late);
    tick(&mut harness, &in_time);
    click(&mut harness, "标记已签订…（2）");
    retype(&mut harness, "签订日期", "2026-01-10");
    click(&mut harness, "确定签订");
    harness.get_by_label_contains(&format!(
        "第 {} 号（{}）：签订日期 2026年1月10日 不在 2025 年度责任书的签订期内",
        in_time.draft.number,
        unit.fields.display_short_name()
    ));
    harness.get_by_label_contains("其余各份可取消勾选这些后再标记");
    let statuses: Vec<AgreementStatus> = (agreements(&harness, 2025).into_iter())
        .filter(|a| a.id == late.id || a.id == in_time.id)
        .map(|a| a.status)
        .collect();
    assert_eq!(
        statuses,
        [AgreementStatus::Printed, AgreementStatus::Printed]
    );
}

/// With a mixed selection, 标记已打印 and 标记已签订 say how many ticked agreements they
/// leave out, as the 定稿 question does.
#[test]
fn the_bulk_dialogs_say_how_many_ticked_agreements_they_leave_out() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreements = harness.state().store().unwrap().agreements(2025).unwrap();
    let count = |status: AgreementStatus| agreements.iter().filter(|a| a.status == status).count();
    let (finals, printed) = (
        count(AgreementStatus::Final),
        count(AgreementStatus::Printed),
    );
    let all = agreements.len();
    click(&mut harness, "全部勾选");
    click(&mut harness, &format!("标记已打印（{finals}）"));
    harness.get_by_label(&format!(
        "勾选的另 {} 份责任书不是已定稿的（草稿，或已打印、已签订、已归档），不在其中",
        all - finals
    ));
    click(&mut harness, "取消");
    click(&mut harness, &format!("标记已签订…（{printed}）"));
    harness.get_by_label(&format!(
        "勾选的另 {} 份责任书不是已打印的（尚未打印，或已签订、已归档），不在其中",
        all - printed
    ));
    // Enter in the 甲方签字人 field confirms, as in the date field.
    harness
        .get_by_role_and_label(Role::TextInput, "签订日期")
        .focus();
    harness.run();
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness
        .get_by_role_and_label(Role::TextInput, "签订日期")
        .type_text("2025-03-20");
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "甲方签字人")
        .focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    let store = harness.state().store().unwrap();
    let signed_now = (store.agreements(2025).unwrap().iter())
        .filter(|a| a.signed_on == chrono::NaiveDate::from_ymd_opt(2025, 3, 20))
        .count();
    assert_eq!(signed_now, printed);
}

/// A toast (an export's result, a refusal) that comes while a form is open in the detail
/// never lies over the form's buttons: the clerk can still save or give it up.
#[test]
fn a_toast_keeps_clear_of_a_form_open_in_the_detail() {
    let mut harness = crate::support::window(
        Ok(demo_store()),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1024.0, 700.0],
    );
    let agreement = first_in(&harness, AgreementStatus::Printed);
    crate::support::click_row(&mut harness, &agreement);
    click(&mut harness, "标记已签订…");
    // A long message: a toast wide and high enough to reach the form's buttons (a scan that
    // cannot be read, refused as the detail's own write: the form is not read again).
    let missing = std::path::PathBuf::from(format!("/没有这个文件夹/{}.pdf", "签订件".repeat(30)));
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::ArchiveScan {
            id: agreement.id,
            paths: vec![missing],
        });
    harness.run();
    let said = harness
        .state()
        .toast_texts()
        .next()
        .unwrap_or_default()
        .to_owned();
    assert!(said.contains("没有这个文件夹"), "{said}");
    let start: String = said.chars().take(6).collect();
    let toast = harness.get_by_label_contains(&start).rect();
    for button in ["保存签订信息", "取消"] {
        let at = harness.get_by_label(button).rect();
        assert!(!toast.intersects(at), "{button} {at:?} under {toast:?}");
    }
}

/// A principal's title changed after the agreement was signed (a 镇 become a 街道): the detail
/// names who signed with the title the signed paper prints, not the new one.
#[test]
fn who_signed_is_named_with_the_title_the_paper_prints() {
    let mut store = demo_store();
    let signed = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Signed)
        .unwrap();
    let unit = store.unit(signed.draft.unit_id).unwrap().unwrap();
    let old_title = unit.fields.principal_title.clone();
    assert!(
        signed
            .party_b_signatory
            .contains(&unit.fields.principal_name)
    );
    let mut fields = unit.fields.clone();
    fields.principal_title = "党工委书记".to_owned();
    let old_name = fields.name.clone();
    fields.name = format!("{old_name}（新）");
    store.write(|w| w.update_unit(unit.id, &fields)).unwrap();
    let mut harness = agreements_window(store, 2025);
    let name = unit_name(&harness, &signed);
    click(&mut harness, &name);
    harness.get_by_label(&format!("{old_title} {}", unit.fields.principal_name));
    assert!(
        harness
            .query_by_label(&format!("党工委书记 {}", unit.fields.principal_name))
            .is_none()
    );
    // Renamed too: the name the paper carries is said beside the new one.
    harness.get_by_label("责任书中名称");
    harness.get_by_label(&old_name);
}

/// A note under the correction's buttons that goes (a date before the printing corrected)
/// leaves its room: in a detail scrolled to its foot the fields stay under the pointer, where
/// the next click lands on the field the clerk sees.
#[test]
fn a_signing_note_that_goes_leaves_the_fields_where_they_were() {
    let mut harness = crate::support::window(
        Ok(demo_store()),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1024.0, 700.0],
    );
    let signed = first_in(&harness, AgreementStatus::Signed);
    crate::support::click_row(&mut harness, &signed);
    click(&mut harness, "修改签订信息…");
    let early = signed.printed_on.unwrap().pred_opt().unwrap();
    retype(&mut harness, "签订日期", &early.to_string());
    harness.get_by_label_contains("注意：签订日期");
    // Scrolled to the detail's foot, the note in sight.
    let field = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::TextInput, "签订日期")
            .rect()
    };
    harness.hover_at(field(&harness).center());
    crate::support::wheel(&mut harness, egui::vec2(0.0, -2000.0));
    harness.run_steps(8);
    let before = field(&harness);
    retype(
        &mut harness,
        "签订日期",
        &signed.signed_on.unwrap().to_string(),
    );
    assert!(harness.query_by_label_contains("注意：签订日期").is_none());
    harness.run_steps(4);
    assert_eq!(field(&harness).min, before.min);
}

/// A fact longer than the detail has room for (a signatory written at length) is cut at the
/// panel's edge: the panel stays inside the window, its buttons in reach.
#[test]
fn a_long_fact_is_cut_at_the_panel_s_edge() {
    let mut store = demo_store();
    let signed = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Signed)
        .unwrap();
    let long = "街道办事处主任".repeat(12);
    let signing = zerenshu::store::Signing {
        signed_on: signed.signed_on.unwrap(),
        party_a_signatory: signed.party_a_signatory.clone(),
        party_b_signatory: long,
        copies_returned: signed.copies_returned,
    };
    store
        .write(|w| w.correct_signing(signed.id, &signing, "补全签字人"))
        .unwrap();
    let mut harness = crate::support::window(
        Ok(store),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1024.0, 700.0],
    );
    crate::support::click_row(&mut harness, &signed);
    let close = harness.get_by_label("关闭").rect();
    assert!(close.max.x <= 1024.0, "{close:?}");
    let button = harness.get_by_label("修改签订信息…").rect();
    assert!(button.max.x <= 1024.0, "{button:?}");
    // On one line, not wrapped over the facts' rows.
    let fact = harness
        .get_by_label_contains("街道办事处主任街道办事处主任")
        .rect();
    assert!(fact.height() < 30.0 && fact.max.x <= 1024.0, "{fact:?}");
}
