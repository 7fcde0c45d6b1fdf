//! Publishing the results from the 通报与统计 screen: the question asked over the results,
//! and what it says of a reward paragraph naming a grade no unit holds.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::{App, View};

use crate::support::{demo_store, showing, window};

/// Published from 通报与统计, where the results are checked: the question of 年度设置 is asked,
/// and the year is published once it is answered.
#[test]
fn the_results_are_published_from_the_notice_screen() {
    let mut harness = asked_to_publish_2024(None, |_| {});
    // Asked over the results it publishes, not over the year's settings.
    assert_eq!(harness.state().state().view, View::Notice);
    harness.get_by_label("2024 年度各类别等次分布");
    assert!(
        harness
            .query_by_label_contains("评分已锁定，修改须填写理由")
            .is_none()
    );
    harness.get_by_role_and_label(Role::Button, "发布").click();
    harness.run();
    let store = harness.state().store().unwrap();
    assert!(store.is_published(2024).unwrap());
    // Back on 通报与统计, where the official notice is exported next.
    assert_eq!(harness.state().state().view, View::Notice);
    harness.get_by_label("已发布 2024 年度考核结果，评分已锁定；现在可以导出正式的考核结果通报");
    // Said on the screen too, after the toast has gone.
    let line = harness.get_by_label_contains("评分已锁定，修改须填写理由");
    let line = line.accesskit_node();
    let line = line.label().or(line.value()).unwrap_or_default();
    assert!(line.starts_with("2024 年度考核结果于 2025年"), "{line:?}");
    // Answered 取消, the clerk is back there too, nothing published.
    let mut harness = asked_to_publish_2024(None, |_| {});
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    assert_eq!(harness.state().state().view, View::Notice);
    assert!(!harness.state().store().unwrap().is_published(2024).unwrap());
}

/// A year not fully scored (the demo's 2025): the 发布考核结果… button is there, greyed, with
/// why on hover, so that the clerk knows where the results are published.
#[test]
fn a_year_not_scored_shows_where_it_is_published_greyed() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1280.0, 800.0],
    );
    harness.get_by_label_contains("2025 年度的考核结果尚未通报：通报能生成后");
    let button = harness.get_by_role_and_label(Role::Button, "发布考核结果…");
    assert!(button.accesskit_node().is_disabled());
    harness
        .ctx
        .all_styles_mut(|style| style.interaction.tooltip_delay = 0.0);
    let before = harness
        .query_all_by_label_contains("考核组评分后才能生成")
        .count();
    harness
        .get_by_role_and_label(Role::Button, "发布考核结果…")
        .hover();
    harness.run();
    let after = harness
        .query_all_by_label_contains("考核组评分后才能生成")
        .count();
    assert_eq!(after, before + 1, "the reason said on hover too");
}

/// The question before publishing says what the wording would say wrongly once locked: a
/// reward paragraph naming a grade no unit has.
#[test]
fn the_question_before_publishing_says_a_reward_paragraph_names_an_unheld_grade() {
    let reward = Some("对考核等次为合格的单位予以提醒。");
    let harness = asked_to_publish_2024(reward, |_| {});
    assert!(
        harness
            .query_by_label_contains("奖惩段落却写到了")
            .is_none()
    );

    // With 合格 narrowed to 60 up to 61, the paragraph speaks to nobody.
    let harness = asked_to_publish_2024(reward, |year| {
        let band = |name: &str| {
            year.grade_bands
                .iter()
                .position(|b| b.name == name)
                .unwrap()
        };
        let (good, pass) = (band("良好"), band("合格"));
        year.grade_bands[good].min_total = zerenshu::model::Points::parse("61").unwrap();
        year.grade_bands[pass].min_total = zerenshu::model::Points::parse("60").unwrap();
    });
    harness.get_by_label_contains(
        "本年度没有考核等次为“合格”的单位，奖惩段落却写到了该等次；措辞随发布锁定",
    );
}

/// 2024 taken back to 考核 (its settings changed by `change` on the way, its wording's reward
/// paragraph by `reward`), and 发布考核结果… clicked on the 通报与统计 screen: the question
/// is open.
fn asked_to_publish_2024(
    reward: Option<&str>,
    change: impl FnOnce(&mut zerenshu::model::Year),
) -> Harness<'static, App> {
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    change(&mut year);
    store
        .write(|w| w.update_year(&year, Some("核对分数")))
        .unwrap();
    if let Some(reward) = reward {
        let mut wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
        reward.clone_into(&mut wording.reward);
        zerenshu::workflow::notice::save_wording(&mut store, 2024, &wording).unwrap();
    }
    let mut harness = window(Ok(store), showing(View::Notice, 2024), [1400.0, 1000.0]);
    // Taken back after publication: said to be a correction, not a first publication.
    harness.get_by_label_contains("2024 年度的考核结果已撤回通报，正在更正");
    harness.get_by_label("发布考核结果…").click();
    harness.run();
    harness.get_by_label("发布 2024 年度考核结果？");
    harness
}

/// A unit in use without an agreement this year is said to be left out of the assessment and
/// the notice, where the results are published.
#[test]
fn a_unit_without_an_agreement_is_said_to_be_left_out() {
    let mut store = demo_store();
    let category_id = store.categories().unwrap()[0].id;
    let mut draft = zerenshu::model::UnitDraft::empty(category_id);
    "临河镇人民政府".clone_into(&mut draft.name);
    draft.kind = zerenshu::model::UnitKind::Town;
    store.write(|w| w.insert_unit(&draft)).unwrap();
    let harness = window(Ok(store), showing(View::Notice, 2025), [1280.0, 800.0]);
    harness.get_by_label_contains(
        "另有 1 个在用单位本年度没有责任书，不参加考核，也不列入通报：临河镇",
    );
}

/// Published again under the 发文字号 of the notice issued before: the toast does not say to
/// export now, and the screen does not ask for the official notice beside the red refusal.
#[test]
fn published_again_under_a_used_number_is_not_told_to_export() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2024),
        [1400.0, 1000.0],
    );
    let dir = tempfile::tempdir().unwrap();
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::ExportNotice {
            folder: dir.path().to_owned(),
            issued_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 18).unwrap(),
        });
    harness.run();
    assert!(dir.path().join("2024年度考核结果通报.pdf").is_file());
    let mut year = (harness.state().store().unwrap().year(2024).unwrap()).unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SaveYear {
            year: Box::new(year),
            reason: Some("更正一项评分".to_owned()),
            is_confirmed: false,
        });
    harness.run();
    harness.run();
    harness.get_by_label("发布考核结果…").click();
    harness.run();
    harness.get_by_role_and_label(Role::Button, "发布").click();
    harness.run();
    assert!(harness.state().store().unwrap().is_published(2024).unwrap());
    assert!(
        harness.state().toast_texts().any(|t| t.contains(
            "发文字号已用于此前印发的通报，须先撤回、改用新的发文字号并重新发布后才能导出"
        )),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    assert!(
        !harness
            .state()
            .toast_texts()
            .any(|t| t.contains("现在可以导出"))
    );
    harness.get_by_label_contains("更正的通报须另行成文，不能再用这个文号");
    assert!(
        harness
            .query_by_label_contains("请导出正式的考核结果通报")
            .is_none()
    );
}
