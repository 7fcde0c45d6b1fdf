//! The statistics: grade counts with the share of the top grade, units failing years in a
//! row, a vetoed unit not fully scored, and a unit's history found in the unit list (by name
//! or short name, from the keyboard, only the units in sight drawn).

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::View;

use super::notice_harness;

use crate::support::{demo_store, showing, window};

#[test]
fn a_vetoed_unit_not_fully_scored_is_said_under_the_grade_counts() {
    let mut store = demo_store();
    let agreement = store.agreements(2025).unwrap().remove(0);
    let set = (store.indicator_sets(2025).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let condition = (set.items_of(zerenshu::model::ItemKind::Veto).next())
        .unwrap()
        .id;
    let veto = zerenshu::model::Veto {
        agreement_id: agreement.id,
        item_id: Some(condition),
        reason: "发生较大事故".into(),
    };
    store.write(|w| w.set_veto(&veto)).unwrap();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2025), [1400.0, 1200.0]);
    harness.get_by_label(
        "其中 1 个单位已一票否决、得分尚未评完：等次已定为不合格，计在上表；通报的得分表要列出各项得分，所以通报前仍须评完",
    );
    // The note above counts it among the 45 unfinished, the table under 不合格.
    harness.get_by_label_contains("2025 年度还有 45 个单位未评分或未评完");
    // The share of 优秀 is of the one unit graded, said so.
    harness.get_by_label("优秀率按已评定等次的单位计算，未评分或未评完的 44 个单位不计在内");
    // 龙泉镇's run up to 2024 stands, said to be last year's, not this year's result.
    harness.get_by_label("龙泉镇人民政府（2023、2024 年度）");
    harness.get_by_label(
        "2025 年度还没有结果的单位（尚未评完），按其最近一年的结果列出；未参加其后年度考核的单位不列",
    );
    // Its history says the year is not published yet.
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness.get_by_label(&unit.fields.name).click();
    harness.run();
    harness.get_by_label("2025 年度：未评完，不合格，一票否决（尚未通报）");
    harness.get_by_label_contains("2024 年度：");
    assert!(
        harness
            .query_by_label_contains("2024 年度：")
            .is_some_and(|n| !n.value().unwrap_or_default().contains("尚未通报"))
    );
}

#[test]
fn the_statistics_show_grade_counts_and_a_units_history() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2024),
        [1400.0, 1200.0],
    );
    harness.get_by_label("2024 年度各类别等次分布");
    harness.get_by_label("镇街");
    // A department category as the notice's attachment names it.
    harness.get_by_label("部门（一类）");
    // A 合计 column and a 合计 row: the 45 units of 2024 in all.
    assert_eq!(harness.get_all_by_label("合计").count(), 2);
    harness
        .get_all_by_label("45")
        .next()
        .expect("the units in all");
    // 龙泉镇 failed 2023 and 2024: named under the two-years-running heading.
    harness.get_by_label("连续两年及以上不合格（被一票否决的按不合格计）");
    harness.get_by_label("龙泉镇人民政府（2023、2024 年度）");
    assert!(harness.query_by_label_contains("按其最近一年").is_none());
    // The demo's 2024 veto (东城街道) is said under the chart, where its total puts it.
    harness.get_by_label("其中 1 个单位被一票否决：总得分按 0 分计入上图，等次为不合格");
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    // Typing in the list's search box narrows it to the unit wanted.
    assert!(
        harness.get_by_label("输入名称或简称筛选").is_focused(),
        "the search box has the keyboard as the list opens"
    );
    harness.get_by_label("输入名称或简称筛选").type_text("新华");
    harness.run();
    assert!(harness.query_by_label("城关街道办事处").is_none());
    harness.get_by_label("新华街道办事处").click();
    harness.run();
    harness.get_by_label_contains("2023 年度：");
    harness.get_by_label_contains("2024 年度：");
    // No year in red, so nothing to explain.
    assert!(harness.query_by_label_contains("红色：").is_none());
    // Enter picks the one unit the search leaves.
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness.get_by_label("输入名称或简称筛选").type_text("古渡");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .value()
            .is_some_and(|v| v.contains("古渡镇"))
    );
    // ↓ and ↑ mark a row among those left, Enter picks it.
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness.get_by_label("输入名称或简称筛选").type_text("街道");
    harness.run();
    crate::support::press_each(
        &mut harness,
        &[
            egui::Key::ArrowDown,
            egui::Key::ArrowDown,
            egui::Key::ArrowDown,
            egui::Key::ArrowUp,
            egui::Key::Enter,
        ],
    );
    let chosen = harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .value()
        .unwrap_or_default();
    assert!(chosen.contains("响嘡街道"), "{chosen}");
    // A unit failing two years running opens its years by its name.
    harness
        .get_by_label("龙泉镇人民政府（2023、2024 年度）")
        .click();
    harness.run();
    harness.get_by_label_contains("2024 年度：");
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .value()
            .is_some_and(|v| v.contains("龙泉镇")),
    );
    // Its failed years are red, and what red means is said under them.
    harness.get_by_label("红色：一票否决的年度，或连续两年及以上不合格的各年度");
}

/// A year not yet scored for the unit is said under its history, not left out unsaid.
#[test]
fn a_units_history_says_the_year_shown_is_not_scored_yet() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1400.0, 1200.0],
    );
    show_history_of(&mut harness, "新华", "新华街道办事处");
    harness.get_by_label_contains("2024 年度：");
    harness.get_by_label("2025 年度：尚未评完，不在图中");
}

#[test]
fn a_units_history_is_found_by_its_short_name_too() {
    let mut harness = notice_harness();
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    // The short name the 考核 grid shows.
    harness
        .get_by_label("输入名称或简称筛选")
        .type_text("应急局");
    harness.run();
    assert!(harness.query_by_label_contains("没有匹配的单位").is_none());
    harness.get_by_label("示例市应急管理局").click();
    harness.run();
    harness.get_by_label_contains("2024 年度：");
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .value()
            .is_some_and(|v| v.contains("示例市应急管理局"))
    );
}

#[test]
fn enter_with_no_unit_matching_keeps_the_keyboard_in_the_filter() {
    let mut harness = notice_harness();
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness
        .get_by_label("输入名称或简称筛选")
        .type_text("没有这个单位");
    harness.run();
    harness.get_by_label("没有匹配的单位");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert!(
        harness.get_by_label("输入名称或简称筛选").is_focused(),
        "the clerk corrects what was typed"
    );
}

#[test]
fn the_unit_list_draws_only_the_units_in_sight() {
    let mut harness = notice_harness();
    let names = unit_names(&harness);
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    let drawn = (names.iter())
        .filter(|name| harness.query_by_label(name).is_some())
        .count();
    assert!(
        (5..names.len()).contains(&drawn),
        "{drawn} of {} units drawn",
        names.len()
    );
    // The last unit is still found by typing.
    let last = names.last().unwrap();
    harness.get_by_label("输入名称或简称筛选").type_text(last);
    harness.run();
    harness.get_by_label(last).click();
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .value()
            .is_some_and(|v| v.contains(last.as_str()))
    );
}

/// A run of failures ending in a year not yet published says that year may still change.
#[test]
fn a_run_of_failures_ending_in_an_unpublished_year_says_so() {
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("更正评分")))
        .unwrap();
    let harness = window(Ok(store), showing(View::Notice, 2024), [1400.0, 1200.0]);
    harness.get_by_label("龙泉镇人民政府（2023、2024 年度，2024 年度尚未通报）");
    // The units' years go up to the year shown, which the heading says.
    harness.get_by_label("单位历年得分（截至 2024 年度）");
}

/// The grade table gives the top grade's share of the units graded, per category and in all.
#[test]
fn the_grade_table_gives_the_share_of_the_top_grade() {
    let harness = notice_harness();
    harness.get_by_label("优秀率");
    let stats =
        zerenshu::workflow::statistics::statistics(harness.state().store().unwrap(), 2024).unwrap();
    let towns = stats.counts.iter().find(|c| c.category == "镇街").unwrap();
    let graded: usize = towns.counts.iter().sum();
    let rate = format!(
        "{:.1}%",
        f64::from(u32::try_from(towns.counts[0] * 100).unwrap())
            / f64::from(u32::try_from(graded).unwrap())
    );
    assert!(harness.query_all_by_label(&rate).count() >= 1, "{rate}");
}

/// The pointer on a bar of the distribution names its range, its count and each unit in it
/// with its total; across the bars, every scored unit of 2024 is named once.
#[test]
fn a_bar_of_the_distribution_names_its_units_under_the_pointer() {
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Notice, 2024),
        [1400.0, 1200.0],
    );
    // The pointer stops at each place for a moment only: no wait before the tooltip.
    harness
        .ctx
        .all_styles_mut(|style| style.interaction.tooltip_delay = 0.0);
    let title = harness.get_by_label("总得分分布").rect();
    let mut bands = std::collections::BTreeMap::new();
    for step in 0..170 {
        let x = title.left() + 8.0 * step as f32;
        harness.hover_at(egui::pos2(x, title.bottom() + 110.0));
        harness.run();
        let labels: Vec<String> = (harness.root().query_all(egui_kittest::kittest::by()))
            .filter_map(|node| {
                node.accesskit_node()
                    .label()
                    .or(node.accesskit_node().value())
            })
            .collect();
        let Some(header) = labels
            .iter()
            .find(|l| l.contains("：") && l.ends_with(" 个"))
        else {
            continue;
        };
        let count: usize = (header.rsplit_once("：").unwrap().1)
            .trim_end_matches(" 个")
            .parse()
            .unwrap();
        let at = labels.iter().position(|l| l == header).unwrap();
        let units: Vec<String> = labels[at + 1..at + 1 + count].to_vec();
        assert!(units.iter().all(|u| u.contains('　')), "{units:?}");
        bands.insert(header.clone(), units);
    }
    let named: usize = bands.values().map(Vec::len).sum();
    assert_eq!(named, 45, "{bands:?}");
    // The vetoed unit is said to be, whatever band its total puts it in.
    let vetoed: Vec<&String> = (bands.values().flatten())
        .filter(|u| u.contains("（一票否决）"))
        .collect();
    assert_eq!(vetoed.len(), 1, "{bands:?}");
    assert!(vetoed[0].starts_with("石桥镇（一票否决）　"), "{vetoed:?}");
    assert!(bands.keys().all(|k| !k.contains("以下")), "{bands:?}");
}

/// A year between the first and the one shown, not scored for the unit (still being signed),
/// is said in its place, not skipped.
#[test]
fn a_units_history_says_a_year_between_not_scored() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2026), [1400.0, 1200.0]);
    show_history_of(&mut harness, "新华", "新华街道办事处");
    // In the years' order, the one between in its place.
    let top = |harness: &egui_kittest::Harness<'_, zerenshu::ui::App>, year: &str| {
        harness.get_by_label_contains(year).rect().top()
    };
    let (y2024, y2025, y2026) = (
        top(&harness, "2024 年度："),
        top(&harness, "2025 年度：尚未评完，不在图中"),
        top(
            &harness,
            // Nothing drafted in the new year yet: said so, not "not scored".
            "2026 年度：还没有责任书，不在图中",
        ),
    );
    assert!(y2024 < y2025 && y2025 < y2026, "{y2024} {y2025} {y2026}");
}

/// The names of the units on the register.
fn unit_names(harness: &egui_kittest::Harness<'_, zerenshu::ui::App>) -> Vec<String> {
    let store = harness.state().store().unwrap();
    (store.units().unwrap().into_iter())
        .map(|u| u.fields.name)
        .collect()
}

/// Shows the history of the unit found by `typed` in the 单位 list, named `name`.
fn show_history_of(
    harness: &mut egui_kittest::Harness<'_, zerenshu::ui::App>,
    typed: &str,
    name: &str,
) {
    harness
        .get_by_role_and_label(Role::ComboBox, "单位")
        .click();
    harness.run();
    harness.get_by_label("输入名称或简称筛选").type_text(typed);
    harness.run();
    harness.get_by_label(name).click();
    harness.run();
}

/// The unit list from the keyboard: ↓ goes on from the unit shown, and Enter closes the list
/// with the keyboard back on it, not nowhere.
#[test]
fn the_unit_list_goes_on_from_the_unit_shown_and_gives_the_keyboard_back() {
    let mut harness = notice_harness();
    let combo = |harness: &egui_kittest::Harness<'_, zerenshu::ui::App>| {
        (harness.get_by_role_and_label(Role::ComboBox, "单位"))
            .value()
            .unwrap_or_default()
    };
    let open_and_down = |harness: &mut egui_kittest::Harness<'_, zerenshu::ui::App>| {
        harness
            .get_by_role_and_label(Role::ComboBox, "单位")
            .click();
        harness.run();
        harness.key_press(egui::Key::ArrowDown);
        harness.run();
    };
    let pick_next = |harness: &mut egui_kittest::Harness<'_, zerenshu::ui::App>| {
        open_and_down(harness);
        harness.key_press(egui::Key::Enter);
        harness.run();
        harness.run();
    };
    pick_next(&mut harness);
    let first = combo(&harness);
    assert!(
        (harness.get_by_role_and_label(Role::ComboBox, "单位")).is_focused(),
        "the keyboard is back on the list"
    );
    pick_next(&mut harness);
    let second = combo(&harness);
    assert_ne!(first, second, "↓ went on from {first}");
    // Open again and ↓: one row is lit, the one Enter picks, not the current one too.
    open_and_down(&mut harness);
    let units = unit_names(&harness);
    let lit: Vec<String> = (harness.root().query_all(egui_kittest::kittest::by()))
        .filter(|n| n.accesskit_node().toggled() == Some(egui::accesskit::Toggled::True))
        .filter_map(|n| n.accesskit_node().label())
        // The list's rows only (the screens' own list lights the one shown too).
        .filter(|label| units.iter().any(|name| label.starts_with(name.as_str())))
        .collect();
    assert_eq!(lit.len(), 1, "{lit:?}");
    assert!(!lit[0].contains(second.as_str()), "{lit:?} {second}");
}

/// The demo with a unit new in 2025 (示例市数据局), its agreement drafted.
fn with_new_unit_drafted() -> zerenshu::store::Store {
    let mut store = demo_store();
    let category = store.categories().unwrap()[1].id;
    let unit = store
        .write(|w| {
            w.insert_unit(&zerenshu::model::UnitDraft {
                name: "示例市数据局".to_owned(),
                kind: zerenshu::model::UnitKind::Department,
                principal_title: "局长".to_owned(),
                principal_name: "甄新".to_owned(),
                ..zerenshu::model::UnitDraft::empty(category)
            })
        })
        .unwrap();
    zerenshu::workflow::drafting::draft(&mut store, 2025, Some(&[unit]), |_, _| {}).unwrap();
    store
}

/// A unit with no result yet in any year (new this year) is in the list too, its year said
/// 尚未评完: a clerk looking it up does not take it for missing.
#[test]
fn a_unit_without_any_result_yet_is_found_in_the_history_list() {
    let store = with_new_unit_drafted();
    let mut harness = window(Ok(store), showing(View::Notice, 2025), [1400.0, 1200.0]);
    show_history_of(&mut harness, "数据局", "示例市数据局");
    harness.get_by_label("2025 年度：尚未评完");
    // Nothing to draw yet: no chart, nor its note on the grade lines, nor "不在图中".
    assert!(harness.query_by_label_contains("虚线为").is_none());
}

/// Looked up from a later year, a unit whose only year is still being scored has that year
/// said, not skipped, and the later year said in its place.
#[test]
fn a_unit_s_unfinished_earlier_year_is_said_from_a_later_year() {
    let mut store = with_new_unit_drafted();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2026), [1400.0, 1200.0]);
    show_history_of(&mut harness, "数据局", "示例市数据局");
    harness.get_by_label("2025 年度：尚未评完");
    harness.get_by_label("2026 年度：还没有责任书");
}
