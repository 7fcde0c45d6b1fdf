//! The grid and its marks: a year still at 签订 said beside the heading, another year closing
//! the detail, an open detail following the row the keyboard goes to, Tab and F3 from a
//! unit's name, a unit failing two years in a row, archived units, and provisional ranks.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::{App, View};

use super::{harness, town_grid};

use crate::support::{choose, demo_store, showing, type_at, type_cell, window};

#[test]
fn a_year_still_at_signing_says_so_beside_the_heading() {
    let harness = harness(2025);
    let store = harness.state().store().unwrap();
    let unsigned = (store.agreements(2025).unwrap().iter())
        .filter(|a| a.status < zerenshu::model::AgreementStatus::Signed)
        .count();
    assert!(unsigned > 0);
    harness.get_by_label_contains(&format!(
        "2025 年度还在“签订”阶段，录入第一个评分后自动转入“考核”，全年度 {unsigned} 份责任书尚未签订"
    ));
    // The note says how such rows are marked.
    harness.get_by_label_contains("序号标橙");
    // A published year is not told so.
    let published = self::harness(2024);
    assert!(
        published
            .query_by_label_contains("还在“签订”阶段")
            .is_none()
    );
    // The first score moves the year to 考核; the agreements still out are said on.
    let mut harness = harness;
    let (rows, indicators) = town_grid(&harness);
    type_cell(
        &mut harness,
        &format!("{} {} 考核", rows[0].1, indicators[0].1),
        "5",
    );
    harness.get_by_label_contains(&format!("2025 年度全年 {unsigned} 份责任书尚未签订"));
    assert!(harness.query_by_label_contains("还在“签订”阶段").is_none());
    // Published with them still out: the orange numbers keep their legend.
    let mut store = demo_store();
    let mut year = store.year(2025).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let published = window(
        Ok(store),
        showing(View::Assessment, 2025),
        crate::support::LAPTOP,
    );
    published.get_by_label_contains(&format!(
        "2025 年度全年 {unsigned} 份责任书尚未签订（表中序号标橙"
    ));
}

/// The 2024 year, scored whole, moved back to 签订: no first score is said to be still to
/// come; the next one moves the year on again.
#[test]
fn a_scored_year_moved_back_says_its_scores_stay() {
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("更正"))).unwrap();
    year.phase = zerenshu::model::Phase::Signing;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let mut harness = window(
        Ok(store),
        showing(View::Assessment, 2024),
        crate::support::LAPTOP,
    );
    assert!(harness.query_by_label_contains("录入第一个评分").is_none());
    harness.get_by_label_contains("2024 年度的阶段已改回“签订”，已录入的");
    let (rows, indicators) = town_grid(&harness);
    type_cell(
        &mut harness,
        &format!("{} {} 考核", rows[0].1, indicators[0].1),
        "0",
    );
    assert!(harness.query_by_label_contains("已改回“签订”").is_none());
    let store = harness.state().store().unwrap();
    assert_eq!(
        store.year(2024).unwrap().unwrap().phase,
        zerenshu::model::Phase::Assessing
    );
}

#[test]
fn another_year_closes_the_detail_and_the_first_score_says_the_year_moved_on() {
    let mut harness = harness(2024);
    harness.get_by_label("城关街道").click();
    harness.run();
    harness.get_by_label("关闭明细");
    choose(&mut harness, "年度", "2025 年度");
    harness.run();
    assert!(
        harness.query_by_label("关闭明细").is_none(),
        "the unit open in 2024 is not in 2025's grid"
    );
    // 2025 is at 签订: its first score moves it to 考核, and a toast says so.
    type_cell(&mut harness, "城关街道 组织领导 考核", "5");
    assert!(
        harness.state().toast_texts().any(|t| t
            == "已开始评分：2025 年度的阶段已转为“考核”（如是误操作，可把年度阶段改回“签订”）"),
    );
}

/// Types a value in a cell and moves on along its row with Tab.
fn type_cell_and_tab(harness: &mut Harness<'_, App>, label: &str, text: &str) {
    type_at(harness, label, text);
    harness.key_press(egui::Key::Tab);
    harness.run();
}

#[test]
fn an_open_detail_follows_the_row_the_keyboard_goes_to() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    let heading = |row: usize| format!("{}：加扣分、一票否决与说明", rows[row].1);
    harness.get_by_label(&rows[0].1).click();
    harness.run();
    harness.get_by_label(&heading(0));
    // Scoring the next unit: the detail below shows that unit, not the one opened before.
    let cell = |row: usize| format!("{} {} 考核", rows[row].1, indicators[0].1);
    type_cell_and_tab(&mut harness, &cell(1), "4");
    harness.get_by_label(&heading(1));
    assert!(harness.query_by_label(&heading(0)).is_none());

    // With a deduction half typed in it, the detail still follows; what was typed waits with
    // its unit and is there again when that unit's detail opens.
    type_at(&mut harness, "分值", "1");
    type_cell_and_tab(&mut harness, &cell(2), "4");
    harness.get_by_label(&heading(2));
    assert!(harness.query_by_label(&heading(1)).is_none());
    type_cell_and_tab(&mut harness, &cell(1), "4");
    harness.get_by_label(&heading(1));
    assert_eq!(harness.get_by_label("分值").value().as_deref(), Some("1"));
}

#[test]
fn a_unit_failing_two_years_in_a_row_is_marked_in_the_grid() {
    // 龙泉镇 was 不合格 in 2023 and in 2024; 石桥镇 only in 2024 (its veto).
    // Never vetoed, 龙泉镇 is not said to have been.
    let marked = "（2023、2024 年度连续不合格）";
    let harness = harness(2024);
    harness.get_by_label(&format!("龙泉镇 等次：不合格{marked}"));
    harness.get_by_label("石桥镇 等次：不合格");
    // While 2025 is scored, last year's standing still shows.
    let harness = self::harness(2025);
    harness.get_by_label(&format!("龙泉镇 等次：未评分{marked}"));
}

#[test]
fn tab_after_clicking_a_name_goes_along_that_row() {
    let mut harness = harness(2025);
    let (rows, indicators) = town_grid(&harness);
    harness.get_by_label(&rows[3].1).click();
    harness.run();
    harness.key_press(egui::Key::Tab);
    harness.run();
    harness.run();
    let first = format!("{} {} 自评", rows[3].1, indicators[0].1);
    assert!(
        harness.get_by_label(&first).is_focused(),
        "the clicked unit's first cell"
    );
}

/// A unit archived after it signed is still assessed, marked in its row; one archived before
/// it signed (北岭镇's agreement is only 已定稿) takes no part, and the grid says so.
#[test]
fn an_archived_units_name_is_marked_and_says_why_on_hover() {
    let mut store = demo_store();
    let archive = |store: &mut zerenshu::store::Store, name: &str| {
        let (id, short) = (store.units().unwrap().into_iter())
            .find(|u| u.fields.name == name)
            .map(|u| (u.id, u.fields.display_short_name().to_owned()))
            .unwrap();
        store.write(|w| w.set_unit_active(id, false)).unwrap();
        short
    };
    let signed = archive(&mut store, "响嘡街道办事处");
    let unsigned = archive(&mut store, "北岭镇人民政府");
    let mut harness = window(Ok(store), showing(View::Assessment, 2025), [1600.0, 1000.0]);
    // Marked in the row itself, not only on hover.
    harness
        .get_by_role_and_label(Role::Link, &format!("{signed}（已归档）"))
        .hover();
    harness.run();
    harness.get_by_label_contains("已归档单位（已撤并或撤销）");
    assert!(
        (harness.query_by_label_contains(&format!("{unsigned}（已归档）"))).is_none(),
        "not in the grid"
    );
    harness.get_by_label(&format!(
        "已归档、责任书未签订的单位不参加本年度考核：{unsigned}"
    ));
}

/// F3 on a unit's name opens its detail, as F3 in a cell of its row does and as the help says.
#[test]
fn f3_on_a_unit_name_opens_its_detail() {
    let mut harness = harness(2025);
    let (rows, _) = town_grid(&harness);
    let heading = format!("{}：加扣分、一票否决与说明", rows[0].1);
    harness.get_by_label(&rows[0].1).focus();
    harness.run();
    assert!(harness.query_by_label(&heading).is_none());
    harness.key_press(egui::Key::F3);
    harness.run();
    harness.get_by_label(&heading);
}

/// A unit fully scored while others of its category are not gets its place among those
/// scored, marked 暂定; a year all scored shows final ranks.
#[test]
fn a_rank_among_units_still_being_scored_is_marked_provisional() {
    let mut store = demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let set = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    store
        .write(|w| {
            for indicator in &set.indicators {
                w.upsert_score(&zerenshu::model::Score {
                    assessed_score: Some(indicator.points),
                    ..zerenshu::model::Score::empty(agreement.id, indicator.id)
                })?;
            }
            Ok(())
        })
        .unwrap();
    let harness = window(Ok(store), showing(View::Assessment, 2025), [1600.0, 1000.0]);
    let (rows, _) = town_grid(&harness);
    harness.get_by_label(&format!("{} 排名：1（暂定）", rows[0].1));
    let published = self::harness(2024);
    assert!(published.query_all_by_label_contains(" 排名：1").count() >= 1);
    assert!(published.query_by_label_contains("（暂定）").is_none());
}

/// A year without agreements (just rolled over) says where they come from, not that none is
/// signed yet.
#[test]
fn a_year_without_agreements_says_to_draft_them_first() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let harness = window(
        Ok(store),
        showing(View::Assessment, 2026),
        crate::support::LAPTOP,
    );
    harness.get_by_label("2026 年度还没有责任书：请先在“责任书”中起草，签订后再评分");
    assert!(harness.query_by_label_contains("已签订的责任书").is_none());
}
