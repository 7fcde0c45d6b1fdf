//! Tests of the statistics: counts per grade, the distribution of totals, and units failing
//! two years in a row.

use super::*;

#[test]
fn the_total_row_adds_each_grade_over_the_categories() {
    let row = |category: &str, counts: Vec<usize>, unscored| CategoryCounts {
        category: category.to_owned(),
        counts,
        unscored,
    };
    let stats = Statistics {
        grades: vec!["优秀".into(), "良好".into(), "合格".into(), "不合格".into()],
        counts: vec![
            row("镇街", vec![3, 5, 6, 1], 0),
            row("一类", vec![2, 4, 1, 0], 2),
        ],
        ..Statistics::default()
    };
    assert_eq!(stats.counts_in_all(), [5, 9, 7, 1, 2]);
    assert_eq!(stats.counts[1].units(), 9);
}

#[test]
fn bins_cover_every_total() {
    let totals = [
        Points(5850),
        Points(6000),
        Points(8950),
        Points(9000),
        Points(10300),
    ];
    let bins = distribution(&totals, Points::whole(100));
    assert_eq!(bins.iter().map(|(_, c)| c).sum::<usize>(), 5);
    assert_eq!(bins.first(), Some(&(Points::ZERO, 1)));
    assert_eq!(
        bins.iter()
            .find(|(l, _)| *l == Points::whole(85))
            .map(|(_, c)| *c),
        Some(1)
    );
    assert_eq!(
        bins.iter()
            .find(|(l, _)| *l == Points::whole(100))
            .map(|(_, c)| *c),
        Some(1)
    );
}

#[test]
fn a_unit_vetoed_before_its_scores_are_in_counts_as_failed() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    let before = statistics(&store, 2025).unwrap();
    // 龙泉镇 failed 2023 and 2024; a veto in 2025, scores not yet in, is its third.
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.fields.name.starts_with("龙泉镇"))
        .unwrap();
    let agreement = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.draft.unit_id == unit.id)
        .unwrap();
    store
        .write(|w| {
            w.set_veto(&crate::model::Veto {
                agreement_id: agreement.id,
                item_id: None,
                reason: "发生较大事故".into(),
            })
        })
        .unwrap();
    let stats = statistics(&store, 2025).unwrap();
    let towns = |s: &Statistics| {
        s.counts
            .iter()
            .find(|c| c.category == "镇街")
            .unwrap()
            .clone()
    };
    let failed = stats.grades.len() - 1;
    // The lines across a unit's history: every grade but the lowest, at its lowest total.
    let floors: Vec<(&str, String)> = (stats.band_floors.iter())
        .map(|(grade, points)| (grade.as_str(), points.to_string()))
        .collect();
    assert_eq!(
        floors,
        [
            ("优秀", "90".into()),
            ("良好", "80".into()),
            ("合格", "60".into())
        ]
    );
    assert_eq!(
        towns(&stats).counts[failed],
        towns(&before).counts[failed] + 1
    );
    assert_eq!(towns(&stats).unscored, towns(&before).unscored - 1);
    let history = stats
        .history
        .iter()
        .find(|h| h.name.starts_with("龙泉镇"))
        .unwrap();
    let last = history.years.last().unwrap();
    assert_eq!((last.year, last.total, last.is_vetoed), (2025, None, true));
    assert_eq!(
        stats.totals.len(),
        before.totals.len(),
        "no total until scored"
    );
}

#[test]
fn a_new_year_keeps_the_last_results_runs_while_the_year_before_is_unscored() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    crate::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    // 2025 is being signed, with no results: 2024's are the last, and 龙泉镇 failed it and
    // 2023.
    let stats = statistics(&store, 2026).unwrap();
    let flagged: Vec<(&str, (i32, i32))> = (stats.history.iter())
        .filter_map(|h| Some((h.name.as_str(), h.repeated_failure?)))
        .collect();
    assert_eq!(flagged, [("龙泉镇人民政府", (2023, 2024))]);
    // Its failed years are the red ones, and the years without a result say why.
    let longquan = (stats.history.iter())
        .find(|h| h.name == "龙泉镇人民政府")
        .unwrap();
    let red: Vec<i32> = (longquan.years.iter())
        .filter(|p| longquan.is_red(p))
        .map(|p| p.year)
        .collect();
    assert_eq!(red, [2023, 2024]);
    assert_eq!(
        longquan.missing,
        [(2025, "尚未评完"), (2026, "还没有责任书")]
    );
    // 2025 being scored (December, the new year rolled over): a unit whose 2025 result
    // is still to come keeps 2024's run.
    let agreement = store.agreements(2025).unwrap().remove(0);
    crate::workflow::results::score_fully(&mut store, 2025, agreement.id);
    let later = statistics(&store, 2026).unwrap();
    let flagged: Vec<(&str, (i32, i32))> = (later.history.iter())
        .filter_map(|h| Some((h.name.as_str(), h.repeated_failure?)))
        .collect();
    assert_eq!(flagged, [("龙泉镇人民政府", (2023, 2024))]);
    // Left out of 2025 (archived before it signed), it was not assessed since: no flag.
    let longquan = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "龙泉镇人民政府")
        .unwrap();
    store
        .write(|w| w.set_unit_active(longquan.id, false))
        .unwrap();
    let archived = statistics(&store, 2026).unwrap();
    assert!(
        archived
            .history
            .iter()
            .all(|h| h.repeated_failure.is_none())
    );
    // In use again, its agreement of 2026 not drafted while another unit's is: its run of
    // failures stands, the year's result for it still to come.
    store
        .write(|w| w.set_unit_active(longquan.id, true))
        .unwrap();
    let other = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "城关街道办事处")
        .unwrap();
    crate::workflow::drafting::draft(&mut store, 2026, Some(&[other.id]), |_, _| {}).unwrap();
    let partly_drafted = statistics(&store, 2026).unwrap();
    let flagged: Vec<&str> = (partly_drafted.history.iter())
        .filter(|h| h.repeated_failure.is_some())
        .map(|h| h.name.as_str())
        .collect();
    assert_eq!(flagged, ["龙泉镇人民政府"]);
}

#[test]
fn a_unit_failing_two_years_running_is_flagged() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    // 石桥镇 was vetoed in 2024; veto it again in 2025 with a score.
    let agreement = store.agreements(2025).unwrap().remove(6);
    store
        .write(|w| {
            w.set_veto(&crate::model::Veto {
                agreement_id: agreement.id,
                item_id: None,
                reason: "再次发生较大事故".into(),
            })
        })
        .unwrap();
    crate::workflow::results::score_fully(&mut store, 2025, agreement.id);
    let stats = statistics(&store, 2025).unwrap();
    let flagged: Vec<(&str, (i32, i32))> = stats
        .history
        .iter()
        .filter_map(|h| Some((h.name.as_str(), h.repeated_failure?)))
        .collect();
    // 龙泉镇 failed 2023 and 2024 in the demo; 石桥镇 now 2024 and 2025.
    assert_eq!(
        flagged,
        [
            ("石桥镇人民政府", (2024, 2025)),
            ("龙泉镇人民政府", (2023, 2024))
        ]
    );
    let earlier = statistics(&store, 2024).unwrap();
    assert!(
        earlier
            .history
            .iter()
            .all(|h| h.repeated_failure.is_some() == (h.name == "龙泉镇人民政府"))
    );
    // 龙泉镇 fails 2025 too: the whole run is named, three years.
    let longquan = store.agreements(2025).unwrap().remove(13);
    store
        .write(|w| {
            w.set_veto(&crate::model::Veto {
                agreement_id: longquan.id,
                item_id: None,
                reason: "瞒报事故".into(),
            })
        })
        .unwrap();
    let third = statistics(&store, 2025).unwrap();
    let run = (third.history.iter())
        .find(|h| h.name.starts_with("龙泉镇"))
        .and_then(|h| h.repeated_failure);
    assert_eq!(run, Some((2023, 2025)));
    assert_eq!(run_years((2023, 2025)), "2023、2024、2025");
    store.write(|w| w.clear_veto(longquan.id, None)).unwrap();
    // 龙泉镇 passes 2025: its failures are behind it, no longer flagged.
    // 龙泉镇 is 14th in the register, as its agreement is in the year's list.
    let longquan = store.agreements(2025).unwrap().remove(13);
    crate::workflow::results::score_fully(&mut store, 2025, longquan.id);
    let now = statistics(&store, 2025).unwrap();
    let longquan = now
        .history
        .iter()
        .find(|h| h.name.starts_with("龙泉镇"))
        .unwrap();
    assert_eq!(longquan.years.last().unwrap().grade, "优秀");
    assert_eq!(longquan.repeated_failure, None);
    let stats_2024 = statistics(&store, 2024).unwrap();
    assert_eq!(stats_2024.grades, ["优秀", "良好", "合格", "不合格"]);
    // 2023 named its lowest grade 不达标: 龙泉镇 failed it all the same.
    let mut year_2023 = store.year(2023).unwrap().unwrap();
    store
        .write(|w| {
            year_2023.phase = crate::model::Phase::Assessing;
            w.update_year(&year_2023, Some("更正等次名称"))?;
            if let Some(band) = year_2023.grade_bands.last_mut() {
                "不达标".clone_into(&mut band.name);
            }
            w.update_year(&year_2023, None)?;
            year_2023.phase = crate::model::Phase::Published;
            w.update_year(&year_2023, None)
        })
        .unwrap();
    let renamed = statistics(&store, 2024).unwrap();
    let longquan = (renamed.history.iter())
        .find(|h| h.name.starts_with("龙泉镇"))
        .unwrap();
    assert_eq!(longquan.years.first().unwrap().grade, "不达标");
    assert_eq!(longquan.repeated_failure, Some((2023, 2024)));
    assert_eq!(stats_2024.counts.len(), 4);
    assert_eq!(stats_2024.totals.len(), 45);
}

#[test]
fn unscored_units_are_counted_apart_and_history_follows_a_renamed_unit() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    let stats = statistics(&store, 2025).unwrap();
    assert!(
        stats
            .counts
            .iter()
            .all(|c| c.counts.iter().all(|n| *n == 0))
    );
    assert_eq!(stats.counts.iter().map(|c| c.unscored).sum::<usize>(), 45);
    assert!(stats.totals.is_empty());
    assert!(
        stats
            .history
            .iter()
            .all(|h| h.years.iter().all(|p| p.year < 2025))
    );
    let agreement = store.agreements(2025).unwrap().remove(0);
    let mut unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap();
    store
        .write(|w| {
            w.set_veto(&crate::model::Veto {
                agreement_id: agreement.id,
                item_id: None,
                reason: "瞒报事故".into(),
            })
        })
        .unwrap();
    crate::workflow::results::score_fully(&mut store, 2025, agreement.id);
    unit.fields.name = "城关街道办事处（更名）".into();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let stats = statistics(&store, 2025).unwrap();
    let town = &stats.counts[0];
    assert_eq!(town.counts.last(), Some(&1));
    assert_eq!(town.counts.iter().sum::<usize>(), 1);
    assert_eq!(stats.totals.len(), 1);
    let history = stats.history.iter().find(|h| h.unit_id == unit.id).unwrap();
    assert_eq!(history.name, "城关街道办事处（更名）");
    assert_eq!(
        history.years.iter().map(|p| p.year).collect::<Vec<_>>(),
        [2023, 2024, 2025]
    );
    // Its former name finds it too.
    assert!(history.other_names.contains(&"城关街道办事处".to_owned()));
    // Seen from 2024, published under the old name, it is named as that year's grid and
    // notice name it; its name now finds it.
    let seen_from_2024 = statistics(&store, 2024).unwrap();
    let history = (seen_from_2024.history.iter())
        .find(|h| h.unit_id == unit.id)
        .unwrap();
    assert_eq!(history.name, "城关街道办事处");
    assert!(
        history
            .other_names
            .contains(&"城关街道办事处（更名）".to_owned())
    );
}

#[test]
fn a_run_of_failures_stays_red_in_the_history_after_the_unit_passes() {
    let mut store = Store::open_in_memory().unwrap();
    crate::demo::load(&mut store).unwrap();
    crate::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    // 龙泉镇 failed 2023 and 2024 and passes 2025: no longer flagged, but its history shows
    // the run in red still.
    let longquan_id = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "龙泉镇人民政府")
        .unwrap()
        .id;
    let agreement = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.draft.unit_id == longquan_id)
        .unwrap();
    crate::workflow::results::score_fully(&mut store, 2025, agreement.id);
    let passed = statistics(&store, 2026).unwrap();
    let longquan = (passed.history.iter())
        .find(|h| h.name == "龙泉镇人民政府")
        .unwrap();
    assert_eq!(longquan.repeated_failure, None);
    let red: Vec<i32> = (longquan.years.iter())
        .filter(|p| longquan.is_red(p))
        .map(|p| p.year)
        .collect();
    assert_eq!(red, [2023, 2024]);
}
