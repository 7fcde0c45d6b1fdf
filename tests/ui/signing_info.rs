//! Signing information in the 签订跟踪 tab, driven by its Chinese labels: a signing date
//! before the agreement's printing is refused in the form and in the bulk dialog, with the
//! dates named, before anything is sent to the store; and 修改签订信息 corrects what was
//! recorded at signing, with a reason. The detail's control targets say they are the unit's own,
//! and its signatories who is to sign before 签订 and who signed after.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::AgreementStatus;
use zerenshu::model::dates::show_date;
use zerenshu::ui::App;

use crate::support::{
    agreement, agreements_window, click, click_row, demo_store, first_in, open_signing_form,
    retype, retype_any, tick, unit_name,
};

/// The demo on the 责任书 screen for 2025.
fn harness() -> Harness<'static, App> {
    agreements_window(demo_store(), 2025)
}

#[test]
fn a_date_outside_the_year_is_refused_and_one_before_printing_is_recorded_as_a_catch_up() {
    let mut harness = harness();
    let printed = first_in(&harness, AgreementStatus::Printed);
    let printed_on = printed.printed_on.unwrap();
    let too_early = printed_on.pred_opt().unwrap();
    let outside = "2023-06-05";
    let refused = "签订日期 2023年6月5日 不在 2025 年度责任书的签订期内";

    let name = unit_name(&harness, &printed);
    open_signing_form(&mut harness, &name);
    retype(&mut harness, "签订日期", outside);
    click(&mut harness, "保存签订信息");
    harness.get_by_label_contains(refused);
    assert_eq!(
        agreement(&harness, printed.id).status,
        AgreementStatus::Printed
    );
    // A date before it was printed here is said in the form before anything is saved.
    retype(&mut harness, "签订日期", &too_early.to_string());
    harness.get_by_label_contains("注意：签订日期");
    harness.get_by_label_contains("早于这份责任书登记的打印日期");
    // 取消 with a date typed asks first, as Esc does.
    click(&mut harness, "取消");
    crate::support::answer_discard(&mut harness);

    tick(&mut harness, &printed);
    click(&mut harness, "标记已签订…（1）");
    retype(&mut harness, "签订日期", outside);
    click(&mut harness, "确定签订");
    harness.get_by_label_contains(refused);
    assert_eq!(
        agreement(&harness, printed.id).status,
        AgreementStatus::Printed
    );
    // Signed on paper the day before it was printed here: said before it is saved, naming
    // whose date it is...
    retype(&mut harness, "签订日期", &too_early.to_string());
    let short = (harness.state().store().unwrap())
        .unit(printed.draft.unit_id)
        .unwrap()
        .unwrap()
        .fields
        .display_short_name()
        .to_owned();
    harness.get_by_label_contains(&format!(
        "注意：其中 1 份（{short}）在本程序中定稿的日期或登记的打印日期晚于"
    ));
    // ...then recorded, and the toast says so.
    click(&mut harness, "确定签订");
    let signed = agreement(&harness, printed.id);
    assert_eq!(
        (signed.status, signed.signed_on),
        (AgreementStatus::Signed, Some(too_early))
    );
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.contains("早于在本程序中定稿的日期或登记的打印日期，已按补录登记")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}

#[test]
fn signing_information_is_corrected_from_the_detail_with_a_reason() {
    let mut harness = harness();
    let printed = first_in(&harness, AgreementStatus::Printed);
    let name = unit_name(&harness, &printed);
    click(&mut harness, &name);
    assert!(
        harness
            .get_by_label("修改签订信息…")
            .accesskit_node()
            .is_disabled(),
        "nothing to correct before signing"
    );

    let signed = first_in(&harness, AgreementStatus::Signed);
    click_row(&mut harness, &signed);
    click(&mut harness, "修改签订信息…");
    let signed_on = signed.signed_on.unwrap();
    let recorded = harness
        .get_by_role_and_label(Role::TextInput, "签订日期")
        .accesskit_node()
        .value()
        .unwrap_or_default();
    assert_eq!(
        recorded,
        show_date(signed_on),
        "the form shows what was recorded"
    );
    let corrected_on = signed_on.pred_opt().unwrap();
    retype(&mut harness, "签订日期", &corrected_on.to_string());
    retype(&mut harness, "签回份数", "1");
    click(&mut harness, "保存修改");
    harness.get_by_label("请写明修改的理由（写入操作记录）");
    assert_eq!(agreement(&harness, signed.id), signed, "nothing saved yet");
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(egui::accesskit::Role::MultilineTextInput, "修改理由")
            .is_focused(),
        "the keyboard goes to the reason asked for"
    );

    retype_any(&mut harness, "修改理由", "签订日期录错，另有一份尚未寄回");
    assert!(
        harness
            .query_by_label("请写明修改的理由（写入操作记录）")
            .is_none(),
        "the reason typed answers the message"
    );
    click(&mut harness, "保存修改");
    let after = agreement(&harness, signed.id);
    assert_eq!(
        (after.status, after.signed_on, after.copies_returned),
        (AgreementStatus::Signed, Some(corrected_on), 1)
    );
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t == "已修改签订信息，理由已记入操作记录")
    );
    // Opened with the mouse, saved: the keyboard is back on the form's own button.
    harness.run();
    harness.run();
    assert!(harness.get_by_label("修改签订信息…").is_focused());
    let entry = harness
        .state()
        .store()
        .unwrap()
        .audit_entries(1)
        .unwrap()
        .remove(0);
    assert_eq!(entry.action, "修改签订信息");
    assert!(
        entry
            .after_json
            .unwrap()
            .contains("签订日期录错，另有一份尚未寄回")
    );
    // Corrected to a day before its 定稿 here: a catch-up, said as at 标记已签订.
    let before_issue = after.finalized_on.unwrap().pred_opt().unwrap();
    click(&mut harness, "修改签订信息…");
    retype(&mut harness, "签订日期", &before_issue.to_string());
    retype_any(&mut harness, "修改理由", "按纸质签字本更正日期");
    click(&mut harness, "保存修改");
    assert_eq!(agreement(&harness, signed.id).signed_on, Some(before_issue));
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.contains("已按补录登记")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Said once: a later correction of the other facts, the date kept, says nothing of it.
    let said = |harness: &Harness<'_, App>| {
        (harness.state().toast_texts())
            .filter(|t| t.contains("已按补录登记"))
            .count()
    };
    assert_eq!(said(&harness), 1);
    // Logged as a catch-up, as the clerk is told.
    let logged = (harness.state().store().unwrap())
        .audit_entries(10_000)
        .unwrap();
    assert!(
        logged
            .iter()
            .any(|e| e.action == "修改签订信息（补录）" && e.entity_id == signed.id.to_string())
    );
    click(&mut harness, "修改签订信息…");
    retype(&mut harness, "签回份数", "2");
    retype_any(&mut harness, "修改理由", "又寄回一份");
    click(&mut harness, "保存修改");
    assert_eq!(agreement(&harness, signed.id).copies_returned, 2);
    assert!((harness.state().toast_texts()).any(|t| t == "已修改签订信息，理由已记入操作记录"));
    // No new note of it (the first may still be on screen, the longer to read).
    assert!(said(&harness) <= 1);
    let last = harness.state().toast_texts().last().unwrap().to_owned();
    assert_eq!(last, "已修改签订信息，理由已记入操作记录");
}

#[test]
fn the_control_targets_are_headed_as_the_units_own() {
    let mut harness = harness();
    let draft = first_in(&harness, AgreementStatus::Draft);
    let name = unit_name(&harness, &draft);
    click(&mut harness, &name);
    // The targets are tailoring: the template has none (与模板的差异 covers clauses); a
    // draft's heading says where they are changed.
    harness.get_by_label("控制指标（本单位单独设定，不在模板中）");
    harness.get_by_label("在下方“修改条款…”中修改");
    harness.get_by_label("与模板的差异");
    assert!(harness.query_by_label_contains("未填写：").is_none());
}

#[test]
fn control_targets_not_yet_set_are_said_before_finalizing() {
    let mut store = demo_store();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    let mut tailoring = draft.draft.tailoring.clone();
    tailoring.control_targets.clear();
    store
        .write(|w| w.set_tailoring(draft.id, &tailoring))
        .unwrap();
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == draft.draft.template_id)
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    let name = unit_name(&harness, &draft);
    click(&mut harness, &name);
    harness.get_by_label("未填写：正文用到{控制指标}，定稿前须点“修改条款…”填写");

    // With the clause naming them dropped for this unit, its text needs none.
    let (section, clause, original) = crate::targets_clause::targets_clause(&template.content);
    tailoring
        .clause_changes
        .push(zerenshu::model::tailoring::ClauseChange::Drop {
            section,
            clause,
            original,
        });
    let mut store = demo_store();
    store
        .write(|w| w.set_tailoring(draft.id, &tailoring))
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    click(&mut harness, &name);
    assert!(
        harness
            .query_by_label_contains("正文用到{控制指标}")
            .is_none()
    );
    harness.get_by_label("无（正文不写控制指标，不必填写）");
}

/// Targets kept while the clause naming them is dropped for the unit: said under them that
/// they will not print, not first when 定稿 refuses it.
#[test]
fn control_targets_the_unit_s_text_does_not_print_are_said_under_them() {
    let mut store = demo_store();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| {
            a.status == AgreementStatus::Draft && !a.draft.tailoring.control_targets.is_empty()
        })
        .unwrap();
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == draft.draft.template_id)
        .unwrap();
    let (section, clause, original) = crate::targets_clause::targets_clause(&template.content);
    let mut tailoring = draft.draft.tailoring.clone();
    tailoring
        .clause_changes
        .push(zerenshu::model::tailoring::ClauseChange::Drop {
            section,
            clause,
            original,
        });
    store
        .write(|w| w.set_tailoring(draft.id, &tailoring))
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    let name = unit_name(&harness, &draft);
    click(&mut harness, &name);
    harness.get_by_label_contains("以上控制指标不会印出");
}

#[test]
fn the_bulk_signing_dialog_says_whose_principal_has_no_name_before_anything_is_sent() {
    let mut store = demo_store();
    let printed = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Printed)
        .unwrap();
    let mut unit = store.unit(printed.draft.unit_id).unwrap().unwrap();
    unit.fields.principal_name.clear();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    tick(&mut harness, &printed);
    click(&mut harness, "标记已签订…（1）");
    harness.get_by_label_contains(&format!("“{}”的负责人姓名为空", unit.fields.name));
    assert!(
        harness
            .get_by_label("确定签订")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn an_agreement_is_opened_from_the_keyboard() {
    let mut harness = harness();
    assert!(harness.query_by_label("修改签订信息…").is_none());
    harness.get_by_label("响嘡街道办事处").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    // Its detail is open beside the list.
    harness.get_by_label("修改签订信息…");
}

#[test]
fn who_is_to_sign_shows_before_signing_and_who_signed_after() {
    let mut harness = harness();
    let printed = first_in(&harness, AgreementStatus::Printed);
    let store = harness.state().store().unwrap();
    let year = store.year(2025).unwrap().unwrap();
    let unit = store.unit(printed.draft.unit_id).unwrap().unwrap();
    click(&mut harness, &unit.fields.name);
    harness.get_by_label(&format!(
        "{} {}（拟）",
        year.party_a_signatory_title, year.party_a_signatory_name
    ));
    harness.get_by_label(&format!(
        "{} {}（拟）",
        unit.fields.principal_title, unit.fields.principal_name
    ));
    // A signed one shows the names recorded at 签订, with the title of the one who was to
    // sign where it is they, as before signing.
    let signed = first_in(&harness, AgreementStatus::Signed);
    let signed_unit = (harness.state().store().unwrap())
        .unit(signed.draft.unit_id)
        .unwrap()
        .unwrap();
    assert_eq!(signed.party_b_signatory, signed_unit.fields.principal_name);
    assert_eq!(signed.party_a_signatory, year.party_a_signatory_name);
    click_row(&mut harness, &signed);
    harness.get_by_label(&format!(
        "{} {}",
        year.party_a_signatory_title, signed.party_a_signatory
    ));
    harness.get_by_label(&format!(
        "{} {}",
        signed_unit.fields.principal_title, signed.party_b_signatory
    ));
    assert!(harness.query_by_label_contains("（拟）").is_none());
    // One who signed in the principal's stead is named alone.
    let stand_in = "代签人甲";
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::CorrectSigning {
            id: signed.id,
            signing: zerenshu::store::Signing {
                signed_on: signed.signed_on.unwrap(),
                party_a_signatory: signed.party_a_signatory.clone(),
                party_b_signatory: stand_in.to_owned(),
                copies_returned: signed.copies_returned,
            },
            reason: "负责人出差，由副职代签".to_owned(),
        });
    harness.run();
    harness.get_by_label(stand_in);
}

/// A draft whose unit moved to another category since it was drafted says so, and how to draft
/// it in the new one.
#[test]
fn a_draft_of_a_unit_moved_to_another_category_says_how_to_follow_it() {
    let mut store = demo_store();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    let categories = store.categories().unwrap();
    let other = (categories.iter())
        .find(|c| c.id != draft.draft.category_id)
        .unwrap();
    let unit = store.unit(draft.draft.unit_id).unwrap().unwrap();
    let mut moved = unit.fields.clone();
    moved.category_id = other.id;
    store.write(|w| w.update_unit(unit.id, &moved)).unwrap();
    let mut harness = agreements_window(store, 2025);
    let name = unit_name(&harness, &draft);
    click(&mut harness, &name);
    harness.get_by_label_contains(&format!("该单位现属“{}”，这份草稿按起草时的", other.name));
    harness.get_by_label_contains("请点“删除草稿…”后重新批量起草");
}

/// The detail's 标记已签订 form takes the keyboard in its date, as the bulk dialog does: the
/// clerk types the date at once.
#[test]
fn the_signing_form_opens_with_the_keyboard_in_its_date() {
    let mut harness = harness();
    let printed = first_in(&harness, AgreementStatus::Printed);
    let name = unit_name(&harness, &printed);
    open_signing_form(&mut harness, &name);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "签订日期")
            .accesskit_node()
            .is_focused()
    );
}

/// The bulk 标记已签订 says a 甲方 signatory that is a number (in full-width digits too) in the
/// dialog, its button held back, rather than closing on a refusal from the store.
#[test]
fn the_bulk_signing_dialog_refuses_a_number_for_a_signatory_in_place() {
    let mut harness = harness();
    let printed = first_in(&harness, AgreementStatus::Printed);
    tick(&mut harness, &printed);
    click(&mut harness, "标记已签订…（1）");
    retype(&mut harness, "甲方签字人", "１２３４５");
    harness.get_by_label("甲方签字人“１２３４５”不像姓名，像是数字或日期：请填写签字人的姓名");
    assert!(
        harness
            .get_by_label("确定签订")
            .accesskit_node()
            .is_disabled()
    );
    assert_eq!(
        agreement(&harness, printed.id).status,
        AgreementStatus::Printed
    );
}

/// Enter in the detail's 标记已签订 form saves, as its button does; a refusal keeps the
/// keyboard in the field.
#[test]
fn enter_in_the_signing_form_saves_it() {
    let mut harness = harness();
    let printed = first_in(&harness, AgreementStatus::Printed);
    let name = unit_name(&harness, &printed);
    open_signing_form(&mut harness, &name);
    let date = printed.printed_on.unwrap().succ_opt().unwrap();
    retype(&mut harness, "签订日期", &date.to_string());
    retype(&mut harness, "乙方签字人", "123");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("乙方签字人“123”不像姓名");
    assert_eq!(
        agreement(&harness, printed.id).status,
        AgreementStatus::Printed
    );
    retype(&mut harness, "乙方签字人", "柏闻溪");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert_eq!(
        agreement(&harness, printed.id).status,
        AgreementStatus::Signed
    );
}

/// Esc in the signing form closes it, as 取消 does, the detail staying open; with something
/// typed, it asks first.
#[test]
fn esc_in_the_signing_form_closes_it_and_keeps_the_detail() {
    let mut harness = harness();
    let printed = first_in(&harness, AgreementStatus::Printed);
    let name = unit_name(&harness, &printed);
    open_signing_form(&mut harness, &name);
    retype(&mut harness, "乙方签字人", "闵燚明");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    assert_eq!(
        harness
            .get_by_role_and_label(Role::TextInput, "乙方签字人")
            .value()
            .as_deref(),
        Some("闵燚明")
    );
    click(&mut harness, "取消");
    open_signing_form(&mut harness, &name);
    harness
        .get_by_role_and_label(Role::TextInput, "签订日期")
        .focus();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        harness.query_by_label("保存签订信息").is_none(),
        "the form closed"
    );
    harness.get_by_label("标记已签订…");
    assert_eq!(
        agreement(&harness, printed.id).status,
        AgreementStatus::Printed
    );
}
