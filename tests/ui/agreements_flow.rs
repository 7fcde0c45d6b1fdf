//! The 责任书 screen driven as a clerk would: batch drafting, one agreement through 定稿 and
//! 签订, signing with its own signatories, the search by verification code, printing what waits,
//! the summary strip and overdue counts.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::AgreementStatus;
use zerenshu::ui::App;

use crate::support::{
    agreements, demo_store, open_signing_form, retype, showing, type_into, window,
};

pub(crate) fn agreements_harness(year: i32) -> Harness<'static, App> {
    agreements_harness_sized(year, 900.0)
}

pub(crate) fn agreements_harness_sized(year: i32, height: f32) -> Harness<'static, App> {
    let mut store = demo_store();
    if year == 2026 {
        // The 2026 round is worked through on the day it is signed in the tests.
        let day = chrono::NaiveDate::from_ymd_opt(2026, 3, 16).unwrap();
        store.set_clock(day.and_hms_opt(9, 30, 0).unwrap());
        zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    }
    window(
        Ok(store),
        showing(zerenshu::ui::View::Agreements, year),
        [1400.0, height],
    )
}

fn statuses(harness: &Harness<'_, App>, year: i32) -> Vec<AgreementStatus> {
    agreements(harness, year)
        .into_iter()
        .map(|a| a.status)
        .collect()
}

#[test]
fn drafting_from_the_agreements_screen_gives_one_row_per_active_unit() {
    // Tall enough for every row to be drawn (the table draws only the rows in view).
    let mut harness = agreements_harness_sized(2026, 1500.0);
    harness.get_by_label("草稿 0");
    harness.get_by_label("批量起草…").click();
    harness.run();
    // A first draft of the year skips none, and says nothing of skipping.
    harness.get_by_label("将为 45 个单位起草（按各类别当前模板）");
    harness.get_by_label("开始起草").click();
    harness.run();
    assert_eq!(statuses(&harness, 2026), vec![AgreementStatus::Draft; 45]);
    harness.get_by_label("草稿 45");
    harness.get_by_label("响嘡街道办事处");
    let units = harness.state().store().unwrap().units().unwrap();
    for unit in units.iter().filter(|u| u.is_active) {
        assert_eq!(
            harness.get_all_by_label(&unit.fields.name).count(),
            1,
            "one row for {}",
            unit.fields.name
        );
    }
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已起草 45 份责任书"))
    );

    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label_contains("在用的 45 个单位本年度都已有责任书，没有要起草的");
}

#[test]
fn the_batch_dialog_draws_only_the_units_in_sight_and_counts_them_all() {
    let mut harness = agreements_harness_sized(2026, 1500.0);
    harness.get_by_label("批量起草…").click();
    harness.run();
    let ticked = |harness: &Harness<'_, App>| {
        harness
            .query_all_by(|node| node.role() == Role::CheckBox)
            .count()
    };
    let drawn = ticked(&harness);
    assert!(
        (5..45).contains(&drawn),
        "the list draws the rows in sight, not all 45: {drawn}"
    );
    harness.get_by_label("全不选").click();
    harness.run();
    harness.get_by_label_contains("将为 0 个单位起草");
    harness.get_by_label("全选").click();
    harness.run();
    harness.get_by_label_contains("将为 45 个单位起草");
}

/// Every unit drafted already: said so, without warnings about drafts that will not be made.
#[test]
fn a_year_with_every_unit_drafted_says_there_is_nothing_to_draft() {
    let mut harness = agreements_harness(2025);
    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label_contains("本年度都已有责任书，没有要起草的");
    // The units skipped are named each whole: a line breaks between names, never inside one.
    harness.get_by_label("已有责任书，将跳过：");
    assert_eq!(
        harness.get_all_by_label("城关街道、").count(),
        2,
        "above the list, and in it"
    );
    assert!(
        harness
            .query_by_label_contains("起草后的责任书都将显示为逾期")
            .is_none()
    );
    assert!(
        harness
            .query_by_label_contains("将为 0 个单位起草")
            .is_none()
    );
}

#[test]
fn units_without_an_agreement_are_counted_until_drafted() {
    let mut harness = agreements_harness(2026);
    // None drafted: the line under the buttons says so; one drafted: the rest are counted.
    assert!(
        harness
            .query_by_label_contains("在用单位本年度还没有责任书")
            .is_none()
    );
    // Nothing listed to tick.
    let tick_all = |harness: &egui_kittest::Harness<'_, zerenshu::ui::App>| {
        harness
            .get_by_label("全部勾选")
            .accesskit_node()
            .is_disabled()
    };
    assert!(tick_all(&harness));
    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label("全不选").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::CheckBox, "城关街道办事处（镇街）")
        .click();
    harness.run();
    harness.get_by_label("开始起草").click();
    harness.run();
    harness
        .get_by_label("另有 44 个在用单位本年度还没有责任书")
        .hover();
    harness.run();
    // The hover names the first ten of them.
    harness.get_by_label_contains("响嘡街道办事处、新华街道办事处、");
    assert!(!tick_all(&harness));
    // The demo year has one for every unit.
    let demo = agreements_harness(2025);
    assert!(
        demo.query_by_label_contains("在用单位本年度还没有责任书")
            .is_none()
    );
}

#[test]
fn one_agreement_moves_through_final_and_signed_by_its_labels() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label("开始起草").click();
    harness.run();
    harness.get_by_role_and_label(Role::CheckBox, "2").click();
    harness.run();
    harness.get_by_label("定稿（1）").click();
    harness.run();
    // Rolled-over indicators are reviewed and marked final first: the dialog says so instead
    // of asking, and cannot be confirmed.
    harness.get_by_label("暂时不能定稿");
    assert!(
        harness
            .query_by_label_contains("定稿第 2 号责任书")
            .is_none()
    );
    harness.get_by_label_contains("该责任书所属类别（镇街）的考核指标尚未定稿，不能定稿");
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "确认定稿")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("取消").click();
    harness.run();
    assert_eq!(statuses(&harness, 2026)[1], AgreementStatus::Draft);
    // The second unit is a 镇街, the first category, which the 考核指标 tab opens on.
    harness.get_by_label("考核指标").click();
    harness.run();
    harness.get_by_label("状态：未定稿");
    harness.get_by_label("标记定稿").click();
    harness.run();
    harness.get_by_label("状态：已定稿");
    harness.get_by_label("签订跟踪").click();
    harness.run();
    harness.get_by_label("定稿（1）").click();
    harness.run();
    // The one agreement is named by its number and unit.
    harness.get_by_label_contains("定稿第 2 号责任书（");
    harness.get_by_label("确认定稿").click();
    harness.run();
    assert_eq!(statuses(&harness, 2026)[1], AgreementStatus::Final);
    // 已签订 follows 已打印: the signature copies come from the print file.
    let sign = harness.get_by_label("标记已签订…（0）");
    assert!(
        sign.accesskit_node().is_disabled(),
        "a final agreement is printed first"
    );
    sign.hover();
    harness.run();
    harness.get_by_label("须先标记已打印");
    harness.get_by_label("标记已打印（1）").click();
    harness.run();
    retype(&mut harness, "打印日期", "2026-03-10");
    harness.get_by_label("确定已打印").click();
    harness.run();
    assert_eq!(statuses(&harness, 2026)[1], AgreementStatus::Printed);
    harness.get_by_label("标记已签订…（1）").click();
    harness.run();
    retype(&mut harness, "签订日期", "2026-03-16");
    // The year's signatory is offered; another leader signed at the meeting.
    let offered = harness
        .state()
        .store()
        .unwrap()
        .year(2026)
        .unwrap()
        .unwrap();
    let field = harness.get_by_role_and_label(Role::TextInput, "甲方签字人");
    assert_eq!(field.value(), Some(offered.party_a_signatory_name));
    retype(&mut harness, "甲方签字人", "欧阳若水");
    harness.get_by_label("确定签订").click();
    harness.run();
    let agreement = agreements(&harness, 2026).remove(1);
    assert_eq!(agreement.status, AgreementStatus::Signed);
    assert_eq!(
        agreement.signed_on,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 16)
    );
    assert_eq!(agreement.party_a_signatory, "欧阳若水");
    assert_eq!(agreement.party_b_signatory, "齐玥");
}

#[test]
fn a_finalized_agreement_offers_no_clause_editing() {
    let mut harness = agreements_harness(2025);
    // The demo's fourth unit (东城街道) is 已定稿 in 2025.
    harness.get_by_label("东城街道办事处").click();
    harness.run();
    let button = harness.get_by_label("修改条款…");
    assert!(button.accesskit_node().is_disabled());
    button.click();
    harness.run();
    assert!(harness.query_by_label("保存调整").is_none());
}

#[test]
fn one_agreement_is_signed_with_its_own_signatories() {
    let mut harness = agreements_harness(2025);
    // The demo's third unit (新华街道) is 已打印 in 2025.
    open_signing_form(&mut harness, "新华街道办事处");
    for (label, text) in [
        ("签订日期", "2025-03-18"),
        ("乙方签字人", "庞昇平（代）"),
        ("签回份数", "2"),
    ] {
        retype(&mut harness, label, text);
    }
    harness.get_by_label("保存签订信息").click();
    harness.run();
    let agreement = agreements(&harness, 2025).remove(2);
    assert_eq!(agreement.status, AgreementStatus::Signed);
    assert_eq!(
        agreement.signed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 18)
    );
    assert_eq!(agreement.party_b_signatory, "庞昇平（代）");
    assert_eq!(agreement.copies_returned, 2);
}

#[test]
fn the_agreement_search_finds_a_paper_copy_by_its_verification_code() {
    let mut harness = agreements_harness(2025);
    let agreement = agreements(&harness, 2025).remove(1);
    // Typed off the paper in groups and capitals, as a clerk reads it.
    let hash = agreement.content_hash.unwrap();
    let code = format!(
        "{} {} {}",
        &hash[..4].to_uppercase(),
        &hash[4..8],
        &hash[8..12]
    );
    type_into(&mut harness, "查找", &code);
    harness.get_by_label("响嘡街道办事处");
    assert!(
        harness.query_by_label("城关街道办事处").is_none(),
        "only the agreement with that code is listed"
    );
    // Its last two groups alone (the start of a footer torn off) find it too.
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::A);
    harness.run();
    type_into(
        &mut harness,
        "查找",
        &format!("{} {}", &hash[4..8], &hash[8..12]),
    );
    harness.get_by_label("响嘡街道办事处");
    assert!(harness.query_by_label("城关街道办事处").is_none());
}

#[test]
fn printing_with_nothing_selected_prints_only_what_waits_to_be_printed() {
    let harness = agreements_harness(2025);
    let statuses = statuses(&harness, 2025);
    let count = |status| statuses.iter().filter(|s| **s == status).count();
    let finals = count(AgreementStatus::Final);
    assert!(count(AgreementStatus::Draft) > 0 && finals > 0);
    assert!(
        count(AgreementStatus::Signed) + count(AgreementStatus::Printed) > 0,
        "the demo has agreements past printing, which are left out"
    );
    harness.get_by_label(&format!("导出 PDF…（{}）", statuses.len()));
    harness.get_by_label(&format!("打印…（{finals}）"));
}

#[test]
fn an_archived_units_unsigned_agreement_is_not_counted_overdue() {
    let mut harness = agreements_harness(2025);
    let store = harness.state().store().unwrap();
    let draft = crate::first_agreement::first_with_status(store, AgreementStatus::Draft);
    let overdue = store
        .agreements(2025)
        .unwrap()
        .iter()
        .filter(|a| a.status < AgreementStatus::Signed)
        .count();
    harness.get_by_label_contains(&format!("已逾期未签 {overdue} 份"));
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SetUnitActive {
            id: draft.draft.unit_id,
            is_active: false,
        });
    harness.run();
    harness.run();
    harness.get_by_label_contains(&format!(
        "已逾期未签 {} 份（另有 1 份属于已归档单位，不计入）",
        overdue - 1
    ));
}

#[test]
fn a_batch_with_some_drafts_that_cannot_be_issued_can_issue_the_others() {
    let mut harness = agreements_harness(2026);
    harness.get_by_label("批量起草…").click();
    harness.run();
    harness.get_by_label("开始起草").click();
    harness.run();
    // The 镇街 indicators are marked final; the departments' are not.
    harness.get_by_label("考核指标").click();
    harness.run();
    harness.get_by_label("标记定稿").click();
    harness.run();
    harness.get_by_label("签订跟踪").click();
    harness.run();
    for number in ["2", "16"] {
        harness
            .get_by_role_and_label(Role::CheckBox, number)
            .click();
        harness.run();
    }
    harness.get_by_label("定稿（2）").click();
    harness.run();
    harness.get_by_label("暂时不能定稿");
    harness.get_by_label("只定稿可以定稿的 1 份").click();
    harness.run();
    // The one that can go is asked about as any 定稿 is: named, the other said to wait.
    harness.get_by_label("另 1 份暂时不能定稿，不在其中，仍为草稿");
    assert_eq!(
        statuses(&harness, 2026)[1],
        AgreementStatus::Draft,
        "nothing frozen before the answer"
    );
    harness.get_by_label("确认定稿").click();
    harness.run();
    let statuses = statuses(&harness, 2026);
    assert_eq!(statuses[1], AgreementStatus::Final, "the 镇街 one");
    assert_eq!(
        statuses[15],
        AgreementStatus::Draft,
        "the department's waits"
    );
    assert!(harness.query_by_label("暂时不能定稿").is_none());
}

/// A long reason for 退回草稿 is wrapped under the detail's facts: the panel keeps to the
/// window, its buttons in reach.
#[test]
fn a_long_revert_reason_does_not_push_the_detail_past_the_window() {
    let mut harness = window(
        Ok(demo_store()),
        showing(zerenshu::ui::View::Agreements, 2025),
        [1200.0, 760.0],
    );
    let id = crate::support::first_in(&harness, zerenshu::model::AgreementStatus::Final).id;
    let reason = "控制指标需按镇党委会议意见重新调整，并补充渡口和农村自建房安全管理的相关条款";
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::RevertToDraft {
            ids: vec![id],
            reason: reason.to_owned(),
        });
    harness.run();
    let agreement = harness
        .state()
        .store()
        .unwrap()
        .agreement(id)
        .unwrap()
        .unwrap();
    crate::support::click_row(&mut harness, &agreement);
    harness.get_by_label(&format!("退回理由：{reason}"));
    let window_right = 1200.0;
    for button in ["关闭", "修改条款…", "修改签订信息…", "导出签订件 PDF…"] {
        let right = harness.get_by_label(button).rect().max.x;
        assert!(right <= window_right, "{button} ends at {right}");
    }
}

#[test]
fn the_summary_strip_counts_the_category_the_list_is_filtered_to() {
    let mut harness = agreements_harness(2025);
    let store = harness.state().store().unwrap();
    let drafts_in = |category: Option<i64>| {
        (store.agreements(2025).unwrap().into_iter())
            .filter(|a| a.status == AgreementStatus::Draft)
            .filter(|a| category.is_none_or(|c| c == a.draft.category_id))
            .count()
    };
    let first_class = (store.categories().unwrap().into_iter())
        .find(|c| c.name == "一类")
        .unwrap()
        .id;
    let (all, in_class) = (drafts_in(None), drafts_in(Some(first_class)));
    assert_ne!(all, in_class);
    harness.get_by_label(&format!("草稿 {all}"));
    harness
        .get_by_role_and_label(Role::ComboBox, "类别")
        .click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "一类").click();
    harness.run();
    harness.get_by_label("一类：");
    harness.get_by_label(&format!("草稿 {in_class}"));
}
