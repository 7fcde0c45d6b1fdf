//! A paper copy of a text sent back to 草稿 since: its code, typed in the 责任书 screen's
//! search (in its year, or found from another year with 在所有年度中查找), is named as the void
//! old text of its agreement, with when and why it went back, and that agreement opens.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui_kittest::kittest::Queryable as _;
use zerenshu::store::Store;

use crate::support::{agreements_window, click, demo_store, type_into};

/// The demo with 2025's third agreement (新华街道, 已打印) sent back to 草稿 for a reason; the
/// store and the code its paper copy carries, in groups and capitals as a clerk may type it.
fn reverted_third() -> (Store, String) {
    let mut store = demo_store();
    let third = store.agreements(2025).unwrap().remove(2);
    let hash = third.content_hash.clone().unwrap();
    store
        .write(|w| w.revert_to_draft(third.id, "控制指标填错"))
        .unwrap();
    let typed = format!("{} {} {}", &hash[..4], &hash[4..8], &hash[8..12]).to_uppercase();
    (store, typed)
}

#[test]
fn an_old_code_is_named_as_void_and_its_agreement_opens() {
    let (store, typed) = reverted_third();
    let mut harness = agreements_window(store, 2025);
    type_into(&mut harness, "查找", &typed);
    harness.get_by_label_contains("2025 年度第 3 号（新华街道办事处）责任书已作废的旧定稿文本");
    harness.get_by_label_contains("退回草稿，理由：控制指标填错；请以现行文本为准");
    assert!(
        harness
            .query_by_label_contains("本年度没有这个校验码的责任书")
            .is_none()
    );
    // Its row is listed; the button opens its detail (headed with the unit's name).
    assert_eq!(harness.get_all_by_label("新华街道办事处").count(), 1);
    click(&mut harness, "打开第 3 号责任书");
    harness.run();
    assert_eq!(harness.get_all_by_label("新华街道办事处").count(), 2);
    harness.get_by_label_contains("已作废的旧定稿文本");
}

#[test]
fn an_old_code_from_another_year_is_found_as_void_in_all_years() {
    let (store, typed) = reverted_third();
    let mut harness = agreements_window(store, 2024);
    type_into(&mut harness, "查找", &typed);
    harness.get_by_label_contains("本年度没有这个校验码的责任书：请核对校验码");
    click(&mut harness, "在所有年度中查找");
    harness.run();
    assert_eq!(harness.state().state().year, Some(2025));
    assert!(
        harness.state().toast_texts().any(|t| t
            .contains("2025 年度第 3 号（新华街道办事处）责任书已作废")
            && t.contains("理由：控制指标填错")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // The toast, and the notice above the year's list with its button.
    assert_eq!(
        harness
            .get_all_by_label_contains("已作废的旧定稿文本")
            .count(),
        2
    );
    click(&mut harness, "打开第 3 号责任书");
    harness.run();
    assert_eq!(harness.get_all_by_label("新华街道办事处").count(), 2);
}

#[test]
fn the_serial_alone_or_typed_in_full_width_finds_its_agreement() {
    let store = crate::support::demo_store();
    let (code, name) = {
        let agreement = (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.draft.number == 4)
            .unwrap();
        let unit = (store.units().unwrap().into_iter())
            .find(|u| u.id == agreement.draft.unit_id)
            .unwrap();
        (agreement.content_hash.unwrap(), unit.fields.name)
    };
    let mut harness = agreements_window(store, 2025);
    type_into(&mut harness, "查找", "4");
    assert_eq!(harness.get_all_by_label(&name).count(), 1);
    assert!(
        harness.query_by_label("新华街道办事处").is_none(),
        "only the 4th"
    );
    // A code typed in the input method's full-width mode.
    let full_width: String = code[..6]
        .chars()
        .map(|c| char::from_u32(u32::from(c) + 0xFEE0).unwrap())
        .collect();
    crate::support::retype(&mut harness, "查找", &full_width);
    assert_eq!(harness.get_all_by_label(&name).count(), 1);
    crate::support::retype(&mut harness, "查找", "999");
    harness.get_by_label("本年度没有第 999 号责任书");
    // A signed one hidden by the 逾期 filter is said to be hidden, not missing.
    let signed = (harness
        .state()
        .store()
        .unwrap()
        .agreements(2025)
        .unwrap()
        .into_iter())
    .find(|a| a.status == zerenshu::model::AgreementStatus::Signed)
    .unwrap();
    click(&mut harness, "只看逾期未签");
    crate::support::retype(&mut harness, "查找", &signed.draft.number.to_string());
    harness.get_by_label_contains(&format!(
        "第 {} 号责任书不在当前筛选结果中",
        signed.draft.number
    ));
}
