//! The questions before 定稿 and batch drafting, and a draft's deletion: what they name (indicators
//! not final, a missing signatory title, half-width marks, control targets left at their start,
//! a draft that cannot be issued), the copies printed for all, the detail's close button.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::store::Store;
use zerenshu::ui::App;

use crate::editors::{harness, harness_for, qingshan_2025};
use crate::support::{click, demo_store};

#[test]
fn the_finalize_question_names_categories_whose_indicators_are_not_final() {
    // After a rollover every category's indicators start not final, to be reviewed.
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    zerenshu::workflow::drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let drafts = store.agreements(2026).unwrap().len();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "全部勾选");
    click(&mut harness, &format!("定稿（{drafts}）"));
    harness.get_by_label_contains(&format!(
        "其中 {drafts} 份属于考核指标尚未定稿的类别（镇街、一类、二类、三类）"
    ));
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "确认定稿")
            .accesskit_node()
            .is_disabled(),
        "a 定稿 known to fail cannot be confirmed"
    );
    click(&mut harness, "取消");
    assert!(
        harness
            .state()
            .store()
            .unwrap()
            .agreements(2026)
            .unwrap()
            .iter()
            .all(|a| a.status == zerenshu::model::AgreementStatus::Draft)
    );
}

#[test]
fn the_finalize_question_says_a_missing_signatory_title_prints_as_the_principal() {
    let mut store = demo_store();
    let mut year = store.year(2025).unwrap().unwrap();
    year.party_a_signatory_title = String::new();
    store.write(|w| w.update_year(&year, None)).unwrap();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Draft)
        .unwrap();
    // The unit's own principal without a title: named, so that the clerk knows which to edit.
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap();
    unit.fields.principal_title = String::new();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = harness_for(store, 2025);
    harness
        .get_by_role_and_label(Role::CheckBox, &draft.draft.number.to_string())
        .click();
    harness.run();
    click(&mut harness, "定稿（1）");
    harness.get_by_label_contains(
        "甲方签字人职务未填写（设置 → 年度设置），落款将印为“负责人（签字）：”",
    );
    harness.get_by_label_contains(&format!(
        "{}的单位未填写负责人职务（单位 → 编辑）",
        unit.fields.display_short_name()
    ));
    click(&mut harness, "取消");
}

#[test]
fn batch_drafting_warns_of_categories_whose_indicators_are_not_final() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = harness_for(store, 2026);
    click(&mut harness, "批量起草…");
    harness.get_by_label_contains("“镇街”“一类”“二类”“三类”的考核指标尚未设置或尚未定稿");
    // Left out, a category is not named.
    click(&mut harness, "全不选");
    assert!(
        harness
            .query_by_label_contains("的考核指标尚未设置或尚未定稿：")
            .is_none()
    );
    // Ticking the first unit again moves neither the rows nor 开始起草: the lines that come
    // with it are under the buttons.
    let first_row = "城关街道办事处（镇街）";
    let row_before = harness.get_by_label(first_row).rect();
    let start_before = harness.get_by_label("开始起草").rect();
    harness.get_by_label(first_row).click();
    harness.run();
    harness.get_by_label_contains("的考核指标尚未设置或尚未定稿");
    assert_eq!(harness.get_by_label(first_row).rect(), row_before);
    assert_eq!(harness.get_by_label("开始起草").rect(), start_before);
    // Esc closes it as 关闭 does, drafting nothing.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("全不选").is_none());
    assert!(
        harness
            .state()
            .store()
            .unwrap()
            .agreements(2026)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn the_detail_closes_by_its_button_and_the_table_shows_every_column_again() {
    let mut harness = harness(demo_store());
    assert!(harness.query_by_label("打印日期").is_some());
    click(&mut harness, "青山镇人民政府");
    harness.get_by_label("定稿…");
    // Beside the detail the table leaves the signatories and earlier dates to it.
    assert!(harness.query_by_label("打印日期").is_none());
    click(&mut harness, "关闭");
    assert!(
        harness.query_by_label("定稿…").is_none(),
        "the detail is closed"
    );
    assert!(harness.query_by_label("打印日期").is_some());
}

#[test]
fn a_draft_is_finalized_from_its_detail_after_the_one_question() {
    let mut harness = harness(demo_store());
    click(&mut harness, "青山镇人民政府");
    click(&mut harness, "定稿…");
    click(&mut harness, "确认定稿");
    let store = harness.state().store().unwrap();
    let agreement = qingshan_2025(store);
    assert_eq!(agreement.status, zerenshu::model::AgreementStatus::Final);
}

/// The window on `store` with 青山镇's draft (agreement `id`) given `tailoring` and its 定稿
/// question asked.
fn finalize_question_with(
    mut store: Store,
    id: i64,
    tailoring: &zerenshu::model::Tailoring,
) -> Harness<'static, App> {
    store.write(|w| w.set_tailoring(id, tailoring)).unwrap();
    let mut harness = harness(store);
    click(&mut harness, "青山镇人民政府");
    click(&mut harness, "定稿…");
    harness
}

#[test]
fn the_finalize_question_points_out_half_width_marks_without_refusing() {
    let store = demo_store();
    let agreement = qingshan_2025(&store);
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring
        .clause_changes
        .push(zerenshu::model::tailoring::ClauseChange::Add {
            section: 0,
            heading: String::new(),
            text: "全年道路交通事故死亡人数下降5%以上,由镇长负责".to_owned(),
        });
    let mut harness = finalize_question_with(store, agreement.id, &tailoring);
    harness.get_by_label_contains("请核对标点");
    // Named as the clerk finds it on the page: its section and its opening words.
    harness.get_by_label(
        "一、安全生产控制目标 “全年道路交通事故死亡人数下降…”：半角逗号 , 应为全角 ，；末尾没有句号",
    );
    click(&mut harness, "确认定稿");
    let agreement = qingshan_2025(harness.state().store().unwrap());
    assert_eq!(agreement.status, zerenshu::model::AgreementStatus::Final);
}

/// Several drafts asked about at once: a clause of one unit's own is said with the unit's
/// name, so that the clerk knows which text to open.
#[test]
fn the_finalize_question_for_several_names_whose_punctuation_it_is() {
    let mut store = demo_store();
    let agreement = qingshan_2025(&store);
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring
        .clause_changes
        .push(zerenshu::model::tailoring::ClauseChange::Add {
            section: 0,
            heading: String::new(),
            text: "全年道路交通事故死亡人数下降5%以上".to_owned(),
        });
    store
        .write(|w| w.set_tailoring(agreement.id, &tailoring))
        .unwrap();
    let other = (store.agreements(2025).unwrap().into_iter())
        .find(|a| {
            a.status == zerenshu::model::AgreementStatus::Draft
                && a.id != agreement.id
                && a.draft.category_id == agreement.draft.category_id
        })
        .unwrap();
    let mut harness = harness(store);
    for ticked in [&agreement, &other] {
        harness
            .get_by_role_and_label(Role::CheckBox, &ticked.draft.number.to_string())
            .click();
        harness.run();
    }
    click(&mut harness, "定稿（2）");
    harness
        .get_by_label("青山镇：一、安全生产控制目标 “全年道路交通事故死亡人数下降…”：末尾没有句号");
}

#[test]
fn a_draft_that_cannot_be_issued_is_said_so_before_the_question() {
    let store = demo_store();
    // 青山镇's clause holding {控制指标} dropped, its targets kept: they would not be printed.
    let agreement = qingshan_2025(&store);
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == agreement.draft.template_id)
        .unwrap();
    let (section, clause, _) = crate::targets_clause::targets_clause(&template.content);
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring
        .clause_changes
        .push(zerenshu::model::ClauseChange::Drop {
            section,
            clause,
            original: template.content.sections[section].clauses[clause].clone(),
        });
    let harness = finalize_question_with(store, agreement.id, &tailoring);
    harness.get_by_label("暂时不能定稿");
    // In the question (the detail behind it says so too).
    harness.get_by_label_contains("填写了控制指标，但该单位调整后的正文中没有{控制指标}");
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "确认定稿")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn printing_one_number_for_all_says_how_many_texts_say_another() {
    let store = demo_store();
    let finals: Vec<i64> = (store.agreements(2025).unwrap().iter())
        .filter(|a| a.status == zerenshu::model::AgreementStatus::Final)
        .map(|a| a.draft.copies)
        .collect();
    let usual = zerenshu::workflow::drafting::usual_copies(
        &(store.agreements(2025).unwrap().into_iter())
            .filter(|a| a.status == zerenshu::model::AgreementStatus::Final)
            .collect::<Vec<_>>(),
    )
    .unwrap();
    let mut harness = harness(store);
    assert!(
        harness
            .query_by_label_contains("份正文写明的份数与统一印的")
            .is_none()
    );
    let print_button = |harness: &egui_kittest::Harness<'_, zerenshu::ui::App>| {
        harness.get_by_label_contains("打印…（").rect()
    };
    let before = print_button(&harness);
    harness
        .get_by_role_and_label(Role::RadioButton, "统一印")
        .click();
    harness.run();
    // It starts from the number most of them say, so only the others are counted.
    let say = |copies: i64| {
        let differing = finals.iter().filter(|&&c| c != copies).count();
        format!("其中 {differing} 份正文写明的份数与统一印的 {copies} 份不同")
    };
    let differing_from_usual = finals.iter().filter(|&&c| c != usual).count();
    if differing_from_usual == 0 {
        assert!(
            harness
                .query_by_label_contains("份正文写明的份数与统一印的")
                .is_none()
        );
    } else {
        harness.get_by_label(&say(usual));
    }
    // One fewer than most: every text that says the usual number is counted too.
    crate::support::type_fixed_copies(&mut harness, usual - 1);
    harness.get_by_label(&say(usual - 1));
    // Said after the buttons: 打印… stays where the pointer found it.
    assert_eq!(print_button(&harness), before);
}

#[test]
fn a_draft_is_deleted_after_one_question_and_can_be_drafted_again() {
    let mut harness = harness(demo_store());
    let count = |harness: &Harness<'_, App>| {
        harness
            .state()
            .store()
            .unwrap()
            .agreements(2025)
            .unwrap()
            .len()
    };
    let before = count(&harness);
    click(&mut harness, "青山镇人民政府");
    click(&mut harness, "删除草稿…");
    harness.get_by_label("删除第 5 号责任书草稿（青山镇人民政府）？");
    click(&mut harness, "取消");
    assert_eq!(count(&harness), before, "取消 deletes nothing");
    click(&mut harness, "删除草稿…");
    click(&mut harness, "确认删除");
    assert_eq!(count(&harness), before - 1);
    harness.get_by_label_contains("已删除责任书草稿");
    let store = harness.state().store().unwrap();
    assert_eq!(store.audit_entries(1).unwrap()[0].action, "删除草稿");
    // The unit is offered to 批量起草 again.
    click(&mut harness, "批量起草…");
    harness.get_by_label("青山镇人民政府（镇街）");
}

#[test]
fn a_draft_with_scores_cannot_be_deleted_and_the_button_says_why() {
    let mut store = demo_store();
    let agreement = qingshan_2025(&store);
    let set = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let mut entered = zerenshu::model::Score::empty(agreement.id, set.indicators[0].id);
    entered.self_score = Some(zerenshu::model::Points::whole(1));
    store.write(|w| w.upsert_score(&entered)).unwrap();
    let mut harness = harness(store);
    click(&mut harness, "青山镇人民政府");
    assert!(
        harness
            .get_by_label("删除草稿…")
            .accesskit_node()
            .is_disabled()
    );
}

/// The question before 定稿 names the agreements whose control targets are still the ones a
/// draft starts with, likely never set for the unit; without refusing.
#[test]
fn the_finalize_question_names_control_targets_left_at_their_start() {
    let store = demo_store();
    let agreement = qingshan_2025(&store);
    let mut tailoring = agreement.draft.tailoring.clone();
    tailoring.control_targets = zerenshu::workflow::drafting::starting_targets(None);
    let mut harness = finalize_question_with(store, agreement.id, &tailoring);
    harness
        .get_by_label_contains("青山镇的控制指标仍是起草时的默认值（较大及以上生产安全事故0起）");
    click(&mut harness, "确认定稿");
    let agreement = qingshan_2025(harness.state().store().unwrap());
    assert_eq!(agreement.status, zerenshu::model::AgreementStatus::Final);
}

/// A planned signing date already behind (a year entered late, or carried over by a late
/// rollover) is filled all the same: the step is done, and what the date means for the drafts
/// is said under the steps, with where it is changed.
#[test]
fn a_planned_signing_date_passed_is_said_under_the_steps() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let yesterday = chrono::Local::now().date_naive() - chrono::Days::new(1);
    let mut year = store.year(2026).unwrap().unwrap();
    year.planned_signing_date = Some(yesterday);
    store.write(|w| w.update_year(&year, None)).unwrap();
    let harness = harness_for(store, 2026);
    harness.get_by_label("2. 在“设置 → 年度设置”中填写甲方签字人和计划签订日期（已完成）");
    harness.get_by_label(&format!(
        "另：计划签订日期 {} 已过，起草后的责任书都将显示为逾期；如需改期，请在“设置 → 年度设置”中修改",
        zerenshu::model::dates::show_date(yesterday)
    ));
}
