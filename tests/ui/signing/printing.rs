//! 标记已打印: on the final agreements of a selection with its date checked, after a print
//! file, from one agreement's detail, and undone with a reason then marked again on its true
//! day.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::AgreementStatus;
use zerenshu::store::Store;
use zerenshu::ui::App;

use crate::support::{
    agreements, agreements_window, click, demo_store, first_in, retype, retype_any, tick, unit_name,
};

/// The status of 2025's agreement `id` as stored now.
fn status_of(harness: &Harness<'_, App>, id: i64) -> AgreementStatus {
    let all = agreements(harness, 2025);
    all.iter().find(|a| a.id == id).unwrap().status
}

/// Six ticked are named all six: "等" never stands for one unit alone; seven name five 等.
#[test]
fn the_dialog_names_one_more_rather_than_say_etc_for_it() {
    let mut harness = agreements_window(demo_store(), 2025);
    let finals: Vec<_> = (agreements(&harness, 2025).into_iter())
        .filter(|a| a.status == AgreementStatus::Final)
        .collect();
    assert!(finals.len() >= 7);
    let named = |harness: &Harness<'_, App>| {
        let node = harness.get_by_label_contains("包括：");
        node.accesskit_node().value().unwrap_or_default()
    };
    for agreement in &finals[..6] {
        tick(&mut harness, agreement);
    }
    click(&mut harness, "标记已打印（6）");
    let six = named(&harness);
    assert!(
        !six.ends_with('等') && six.matches('、').count() == 5,
        "{six}"
    );
    click(&mut harness, "取消");
    tick(&mut harness, &finals[6]);
    click(&mut harness, "标记已打印（7）");
    let seven = named(&harness);
    assert!(
        seven.ends_with('等') && seven.matches('、').count() == 4,
        "{seven}"
    );
}

#[test]
fn mark_printed_applies_to_the_final_agreements_of_the_selection() {
    let mut harness = agreements_window(demo_store(), 2025);
    let final_one = first_in(&harness, AgreementStatus::Final);
    let draft = first_in(&harness, AgreementStatus::Draft);
    for agreement in [&final_one, &draft] {
        harness
            .get_by_role_and_label(Role::CheckBox, &agreement.draft.number.to_string())
            .click();
        harness.run();
    }
    harness.get_by_label("已勾选 2 份");
    click(&mut harness, "标记已打印（1）");
    // The dialog names the one it marks, not the draft ticked beside it.
    let units = harness.state().store().unwrap().units().unwrap();
    let short = |id: i64| {
        let unit = units.iter().find(|u| u.id == id).unwrap();
        unit.fields.display_short_name().to_owned()
    };
    harness.get_by_label(&format!("包括：{}", short(final_one.draft.unit_id)));
    // A date after today, or before the year's signing period, is refused; nothing changes.
    for (typed, refusal) in [
        ("", "请填写打印日期"),
        ("2099-01-20", "打印日期 2099年1月20日 晚于今天"),
        (
            "2023-12-30",
            "打印日期 2023年12月30日 早于 2025 年度责任书的签订期（2024 年起），请检查",
        ),
    ] {
        retype(&mut harness, "打印日期", typed);
        click(&mut harness, "确定已打印");
        harness.get_by_label_contains(refusal);
        assert_eq!(status_of(&harness, final_one.id), AgreementStatus::Final);
    }
    // A past year's printing is entered late with its true day; one before the agreement's
    // 定稿 here is a paper copy entered late, said before it is saved and with the result.
    let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    assert!(final_one.finalized_on.unwrap() > day);
    // Typed without its year, it is the agreements' year's day.
    retype(&mut harness, "打印日期", "1月20日");
    harness.get_by_label_contains(&format!(
        "注意：其中 1 份（{}）在本程序中定稿的日期晚于 2025年1月20日",
        short(final_one.draft.unit_id)
    ));
    // The Enter that ends the typing shows the note and waits, the keyboard still in the field.
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("日期无误请再按 Enter 或点“确定已打印”");
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "打印日期")
            .accesskit_node()
            .is_focused()
    );
    assert_eq!(
        status_of(&harness, final_one.id),
        AgreementStatus::Final,
        "not saved by the first Enter"
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    let after = agreements(&harness, 2025);
    let status = |id: i64| after.iter().find(|a| a.id == id).unwrap();
    assert_eq!(status(final_one.id).status, AgreementStatus::Printed);
    assert_eq!(
        status(final_one.id).printed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 1, 20)
    );
    assert_eq!(
        status(draft.id).status,
        AgreementStatus::Draft,
        "a draft in the selection is not printed"
    );
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t
                == "已标记 1 份为已打印（2025年1月20日）；其中 1 份的打印日期早于在本程序中定稿的日期，已按补录登记（操作记录中注明“补录”）")
    );
}

#[test]
fn after_a_print_file_the_final_agreements_in_it_can_be_marked_printed_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("zerenshu.sqlite3");
    let mut store = Store::open(&path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let mut harness = agreements_window(store, 2025);
    let all = agreements(&harness, 2025);
    let of = |status| -> Vec<i64> {
        (all.iter())
            .filter(|a| a.status == status)
            .map(|a| a.id)
            .collect()
    };
    let (finals, printed) = (of(AgreementStatus::Final), of(AgreementStatus::Printed));
    let (first, second) = (finals[0], printed[0]);
    // The question follows a file opened in a viewer; tests have none.
    harness.state_mut().set_file_opener(|_| Ok(()));
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::PrintAgreements {
            ids: vec![first, second],
            copies: Some(2),
        });
    // The print file is written on a thread of its own.
    let question = "标记已打印（1）";
    for _ in 0..300 {
        harness.run();
        if harness.query_by_label(question).is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    harness.get_by_label_contains("共 2 份责任书，其中 1 份的状态还是“已定稿”");
    click(&mut harness, question);
    harness.run();
    let after = agreements(&harness, 2025);
    let status = |id: i64| after.iter().find(|a| a.id == id).unwrap().status;
    assert_eq!(status(first), AgreementStatus::Printed);
    assert_eq!(status(second), AgreementStatus::Printed, "printed before");
    assert!(harness.query_by_label("纸质件打印好了吗？").is_none());
    // 以后再说 leaves the statuses as they are.
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::PrintAgreements {
            ids: vec![finals[1]],
            copies: Some(2),
        });
    for _ in 0..300 {
        harness.run();
        if harness.query_by_label("以后再说").is_some() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    click(&mut harness, "以后再说");
    assert!(harness.query_by_label("纸质件打印好了吗？").is_none());
    assert_eq!(
        agreements(&harness, 2025)
            .iter()
            .find(|a| a.id == finals[1])
            .unwrap()
            .status,
        AgreementStatus::Final
    );
}

#[test]
fn a_printing_marked_by_mistake_is_undone_and_marked_again_on_its_true_day() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Printed);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "撤销打印…");
    harness.get_by_label_contains("撤销后回到“已定稿”");
    assert!(
        harness
            .get_by_label("确定撤销打印")
            .accesskit_node()
            .is_disabled(),
        "no reason, no undoing"
    );
    retype_any(&mut harness, "理由", "打印日期录错");
    click(&mut harness, "确定撤销打印");
    let store = harness.state().store().unwrap();
    let after = store.agreement(agreement.id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Final);
    assert_eq!(after.printed_on, None);
    assert_eq!(after.content_hash, agreement.content_hash, "the text stays");
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "撤销打印");
    assert!(entry.after_json.unwrap().contains("打印日期录错"));
    // Marked again, on the day it was really printed.
    tick(&mut harness, &after);
    click(&mut harness, "标记已打印（1）");
    retype(&mut harness, "打印日期", "2025-03-05");
    click(&mut harness, "确定已打印");
    let again = agreements(&harness, 2025)
        .into_iter()
        .find(|a| a.id == agreement.id)
        .unwrap();
    assert_eq!(again.status, AgreementStatus::Printed);
    assert_eq!(
        again.printed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 5)
    );
}

#[test]
fn an_agreement_printed_elsewhere_is_marked_from_its_detail() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Final);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "标记已打印…");
    harness.get_by_label("标记已打印（1 份）");
    retype(&mut harness, "打印日期", "2025-03-01");
    click(&mut harness, "确定已打印");
    let after = harness
        .state()
        .store()
        .unwrap()
        .agreement(agreement.id)
        .unwrap()
        .unwrap();
    assert_eq!(after.status, AgreementStatus::Printed);
    assert_eq!(
        after.printed_on,
        chrono::NaiveDate::from_ymd_opt(2025, 3, 1)
    );
}
