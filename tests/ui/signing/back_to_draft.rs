//! 退回草稿: a reason needed and kept in the log, a reason typed not dropped by a click on
//! another row, ticked agreements sent back all or none, and nothing sent back in a published
//! year.

use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::AgreementStatus;
use zerenshu::store::Store;

use crate::support::{
    agreements, agreements_window, click, click_row, demo_store, first_in, retype_any, tick,
    unit_name,
};

/// The demo's first final agreement of 2025, its detail open and 退回草稿… pressed.
fn final_one_with_back_to_draft_open() -> (
    egui_kittest::Harness<'static, zerenshu::ui::App>,
    zerenshu::model::Agreement,
) {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Final);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "退回草稿…");
    (harness, agreement)
}

#[test]
fn back_to_draft_from_the_window_needs_a_reason_which_the_log_keeps() {
    let (mut harness, agreement) = final_one_with_back_to_draft_open();
    assert!(
        harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled(),
        "no reason, no return"
    );
    assert!(
        harness.get_by_label("理由").is_focused(),
        "the keyboard is in the reason"
    );
    // Esc with nothing typed gives the step up, as 取消 does; opened again, on it goes.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("确定退回").is_none(),
        "closed by Esc"
    );
    click(&mut harness, "退回草稿…");
    retype_any(&mut harness, "理由", "   ");
    assert!(
        harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled()
    );
    // Spaces only: said why, as for punctuation.
    harness.get_by_label(zerenshu::model::reason::NOT_A_REASON);
    // Punctuation only: still grey, and said why.
    retype_any(&mut harness, "理由", "。。 ");
    assert!(
        harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label(zerenshu::model::reason::NOT_A_REASON);
    retype_any(&mut harness, "理由", "甲方名称有误，需更正");
    click(&mut harness, "确定退回");
    let store = harness.state().store().unwrap();
    let after = store.agreement(agreement.id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Draft);
    assert!(after.content_hash.is_none());
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "退回草稿");
    assert!(entry.after_json.unwrap().contains("甲方名称有误，需更正"));
    // The draft's detail says when and why it came back.
    harness.get_by_label("退回理由：甲方名称有误，需更正");
}

/// Esc in the reason with a reason typed asks first, as the signing form does: 继续编辑 keeps
/// it with the keyboard in it, 放弃修改 gives the step up.
#[test]
fn esc_with_a_reason_typed_asks_before_it_goes() {
    let (mut harness, agreement) = final_one_with_back_to_draft_open();
    retype_any(&mut harness, "理由", "甲方名称有误");
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    harness.run();
    assert!(harness.query_by_label("放弃未保存的修改？").is_none());
    assert!(
        harness.get_by_label("理由").is_focused(),
        "the keyboard back in the reason"
    );
    assert!(
        !harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled(),
        "the reason kept"
    );
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
    assert!(harness.query_by_label("确定退回").is_none(), "given up");
    // 不退回 with a reason typed asks too.
    click(&mut harness, "退回草稿…");
    retype_any(&mut harness, "理由", "甲方名称有误");
    click(&mut harness, "不退回");
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    harness.get_by_label("确定退回");
    click(&mut harness, "不退回");
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
    assert!(harness.query_by_label("确定退回").is_none(), "given up");
    let store = harness.state().store().unwrap();
    assert_eq!(
        store.agreement(agreement.id).unwrap().unwrap().status,
        AgreementStatus::Final
    );
}

#[test]
fn a_reason_typed_is_not_dropped_by_a_click_on_another_row() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let other = first_in(&harness, AgreementStatus::Printed);
    click_row(&mut harness, &agreement);
    click(&mut harness, "撤销签订…");
    retype_any(&mut harness, "理由", "误勾选");
    click_row(&mut harness, &other);
    // Asked, naming what would go; 继续编辑 keeps the reason and the agreement.
    harness.get_by_label("放弃未保存的修改？");
    harness.get_by_label("尚未保存：撤销签订的理由");
    click(&mut harness, "继续编辑");
    harness.get_by_label_contains("撤销后回到“已打印”");
    assert!(
        !harness
            .get_by_label("确定撤销签订")
            .accesskit_node()
            .is_disabled(),
        "the reason is still there"
    );
    click_row(&mut harness, &other);
    harness.get_all_by_label("放弃修改").last().unwrap().click();
    harness.run();
    assert!(
        harness
            .query_by_label_contains("撤销后回到“已打印”")
            .is_none()
    );
}

#[test]
fn ticked_agreements_go_back_to_draft_with_one_reason_all_or_none() {
    let mut harness = agreements_window(demo_store(), 2025);
    let all = agreements(&harness, 2025);
    let final_one = all
        .iter()
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap()
        .clone();
    let printed = all
        .iter()
        .find(|a| a.status == AgreementStatus::Printed)
        .unwrap()
        .clone();
    let signed = first_in(&harness, AgreementStatus::Signed);
    for agreement in [&final_one, &printed, &signed] {
        tick(&mut harness, agreement);
    }
    // The signed one is not among them: its paper copy is signed.
    click(&mut harness, "退回草稿…（2）");
    harness.get_by_label("退回草稿（2 份）");
    harness.get_by_label(
        "勾选的另 1 份责任书不是已定稿或已打印的（草稿，或已签订、已归档），不在其中",
    );
    harness.get_by_label_contains("其中 1 份已打印：已打印的签字本作废");
    assert!(
        harness
            .get_by_label("确定退回")
            .accesskit_node()
            .is_disabled(),
        "no reason, no return"
    );
    retype_any(&mut harness, "理由", "模板第三部分有错字");
    // Esc with a reason typed asks first; 继续编辑 keeps it.
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    harness.run();
    harness.get_by_label("退回草稿（2 份）");
    // 不退回 (named as the detail's) asks the same.
    click(&mut harness, "不退回");
    harness.run();
    harness.get_by_label("放弃未保存的修改？");
    click(&mut harness, "继续编辑");
    harness.run();
    click(&mut harness, "确定退回");
    let store = harness.state().store().unwrap();
    for agreement in [&final_one, &printed] {
        let after = store.agreement(agreement.id).unwrap().unwrap();
        assert_eq!(after.status, AgreementStatus::Draft);
    }
    assert_eq!(
        store.agreement(signed.id).unwrap().unwrap().status,
        AgreementStatus::Signed
    );
    let reasons = (store.audit_entries(2).unwrap().into_iter())
        .filter(|e| e.action == "退回草稿")
        .filter(|e| {
            e.after_json
                .as_deref()
                .unwrap_or("")
                .contains("模板第三部分有错字")
        })
        .count();
    assert_eq!(reasons, 2);
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已退回草稿 2 份，理由已记入操作记录"))
    );
}

/// Ticked agreements whose category's template has a newer version are said to take it on,
/// before they go back, as one agreement's detail says it.
#[test]
fn ticked_agreements_are_told_of_a_newer_template_before_going_back() {
    let mut store = demo_store();
    let final_one = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap();
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == final_one.draft.template_id)
        .unwrap();
    let mut reworded = template.content.clone();
    reworded.preamble.push_str("（修订）");
    store
        .write(|w| w.save_template(Some(template.id), &reworded))
        .unwrap();
    let mut harness = agreements_window(store, 2025);
    tick(&mut harness, &final_one);
    click(&mut harness, "退回草稿…（1）");
    harness.get_by_label_contains(
        "其中 1 份所属类别的模板已有新版：退回后改用最新版，正文可能随之改变",
    );
}

/// In a year whose results are published, 退回草稿… stays grey and says why, on one agreement
/// and on the ticked ones.
#[test]
fn nothing_goes_back_to_draft_in_a_published_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zerenshu.sqlite3");
    let mut store = Store::open(&db).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE years SET phase = 'published' WHERE year = 2025", [])
        .unwrap();
    drop(conn);
    let mut harness = agreements_window(Store::open(&db).unwrap(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Final);
    let name = unit_name(&harness, &agreement);
    click(&mut harness, &name);
    assert!(
        harness
            .get_by_label("退回草稿…")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "全部勾选");
    let bulk = harness.get_by_label_contains("退回草稿…（");
    assert!(bulk.accesskit_node().is_disabled());
    // Nor is an agreement added to the year.
    assert!(
        harness
            .get_by_label("批量起草…")
            .accesskit_node()
            .is_disabled()
    );
}
