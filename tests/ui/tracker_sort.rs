//! The 责任书 list sorted by a click on a column head: by that column, a second click the
//! other way, empty cells last either way, rows alike kept in 序号 order; the list starts
//! in 序号 order.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{Agreement, AgreementStatus};
use zerenshu::ui::App;

use crate::support::{agreements, agreements_window, demo_store};

/// The 序号 of the rows as listed, top to bottom (their tick boxes are labelled so).
fn row_numbers(harness: &Harness<'_, App>) -> Vec<i64> {
    (harness.query_all_by_role(Role::CheckBox))
        .filter_map(|node| node.accesskit_node().label()?.parse().ok())
        .collect()
}

/// Clicks the head of the column titled `title` (its arrow, when sorted, follows the title;
/// the status filter's caption, above the list, says "状态" too).
fn click_head(harness: &mut Harness<'_, App>, title: &str) {
    let heads = [title.to_owned(), format!("{title} ▲"), format!("{title} ▼")];
    let head = (heads.iter())
        .filter_map(|head| harness.query_all_by_label(head).last())
        .last()
        .unwrap();
    head.click();
    harness.run();
}

#[test]
fn a_click_on_a_column_head_sorts_by_it_and_a_second_the_other_way() {
    let mut harness = agreements_window(demo_store(), 2025);
    let all = agreements(&harness, 2025);
    let by_number = |numbers: &[i64]| -> Vec<Agreement> {
        (numbers.iter())
            .map(|n| all.iter().find(|a| a.draft.number == *n).unwrap().clone())
            .collect()
    };
    let first = row_numbers(&harness);
    assert_eq!(first.len(), all.len());
    assert!(first.is_sorted(), "{first:?}");

    click_head(&mut harness, "状态");
    let rows = by_number(&row_numbers(&harness));
    let statuses: Vec<AgreementStatus> = rows.iter().map(|a| a.status).collect();
    assert!(statuses.is_sorted(), "{statuses:?}");
    // Alike in the column: in 序号 order.
    let drafts: Vec<i64> = (rows.iter())
        .filter(|a| a.status == AgreementStatus::Draft)
        .map(|a| a.draft.number)
        .collect();
    assert!(drafts.is_sorted(), "{drafts:?}");
    harness.get_by_label("状态 ▲");

    click_head(&mut harness, "状态");
    let rows = by_number(&row_numbers(&harness));
    assert_eq!(rows.first().unwrap().status, AgreementStatus::Archived);
    assert_eq!(rows.last().unwrap().status, AgreementStatus::Draft);
    harness.get_by_label("状态 ▼");

    // A date: the earliest first, and those not signed yet last either way.
    click_head(&mut harness, "签订日期");
    for descending in [false, true] {
        let rows = by_number(&row_numbers(&harness));
        let signed = rows.iter().filter(|a| a.signed_on.is_some()).count();
        assert!(signed > 1 && signed < rows.len());
        assert!(rows[signed..].iter().all(|a| a.signed_on.is_none()));
        let days: Vec<_> = rows[..signed].iter().map(|a| a.signed_on).collect();
        if descending {
            assert!(days.iter().rev().is_sorted(), "{days:?}");
        } else {
            assert!(days.is_sorted(), "{days:?}");
            click_head(&mut harness, "签订日期");
        }
    }

    // Units by the short names the column shows when full names do not fit.
    let head = if harness.query_by_label("单位（简称）").is_some() {
        "单位（简称）"
    } else {
        "单位"
    };
    click_head(&mut harness, head);
    let units = harness.state().store().unwrap().units().unwrap();
    let keys: Vec<String> = (by_number(&row_numbers(&harness)).iter())
        .map(|a| {
            let unit = units.iter().find(|u| u.id == a.draft.unit_id).unwrap();
            zerenshu::model::collation::pinyin_key(unit.fields.display_short_name())
        })
        .collect();
    assert!(keys.is_sorted(), "{keys:?}");

    // Back to 序号.
    click_head(&mut harness, "序号");
    assert_eq!(row_numbers(&harness), first);
}
