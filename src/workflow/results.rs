//! A year's assessment results per category: every unit's base score, bonus, deduction, total,
//! veto, grade and rank, computed from what was entered (never stored), for the notice, the
//! spreadsheets and the statistics.

use std::collections::BTreeMap;

use crate::model::{AssessmentRow, Category, IndicatorSet, UnitKind, assess_category};
use crate::store::{Store, StoreError};

/// One unit's result.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitResult {
    /// The agreement assessed.
    pub agreement_id: i64,
    /// 序号 of the agreement.
    pub number: i64,
    /// The unit's id, which stays when the unit is renamed.
    pub unit_id: i64,
    /// The unit's full name.
    pub unit_name: String,
    /// The unit's short name.
    pub short_name: String,
    /// The unit's kind (街道, 镇, 部门, …), which tells the notice where to list it.
    pub kind: UnitKind,
    /// Totals, grade and rank.
    pub row: AssessmentRow,
    /// The veto's reason, when vetoed.
    pub veto_reason: Option<String>,
    /// What the notice gives as the veto's cause, when vetoed: the condition met (the rule's
    /// name, e.g. "发生较大及以上生产安全事故"), or for one under 其他 its reason's first clause
    /// (see [`crate::model::assessment::veto_cause`]).
    pub veto_condition: Option<String>,
}

/// The results of one category, ranked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryResults {
    /// The category.
    pub category: Category,
    /// Its indicators.
    pub set: IndicatorSet,
    /// Units in rank order (vetoed last).
    pub units: Vec<UnitResult>,
}

/// The units of `results` whose result is not complete yet (nothing entered, or indicators
/// without an assessed score; see [`crate::model::AssessmentRow::is_complete`]), in category
/// and number order.
#[must_use]
pub fn unscored_units(results: &[CategoryResults]) -> Vec<&UnitResult> {
    let mut unscored: Vec<&UnitResult> = Vec::new();
    for category in results {
        let mut units: Vec<&UnitResult> = category
            .units
            .iter()
            .filter(|u| !u.row.is_complete())
            .collect();
        units.sort_by_key(|u| u.number);
        unscored.extend(units);
    }
    unscored
}

/// The categories of `year` that have agreements but no indicators: their units cannot be
/// assessed, and [`year_results`] leaves them out. Named in the year's order of categories.
pub fn categories_without_indicators(store: &Store, year: i32) -> Result<Vec<String>, StoreError> {
    let agreements = store.assessed_agreements(year)?;
    let sets = store.indicator_sets(year)?;
    Ok(store
        .categories()?
        .into_iter()
        .filter(|category| {
            agreements
                .iter()
                .any(|a| a.draft.category_id == category.id)
                && !sets.iter().any(|s| s.category_id == category.id)
        })
        .map(|category| category.name)
        .collect())
}

/// The results of `year` for every category that has indicators and agreements.
pub fn year_results(store: &Store, year: i32) -> Result<Vec<CategoryResults>, StoreError> {
    let Some(settings) = store.year(year)? else {
        return Err(store.missing_year(year));
    };
    let units: BTreeMap<i64, (String, String, UnitKind)> = store
        .units_in(year)?
        .into_iter()
        .map(|u| {
            (
                u.id,
                (
                    u.fields.name.clone(),
                    u.fields.display_short_name().to_owned(),
                    u.fields.kind,
                ),
            )
        })
        .collect();
    let agreements = store.assessed_agreements(year)?;
    let scores = store.scores(year)?;
    let adjustments = store.adjustments(year)?;
    let vetoes = store.vetoes(year)?;
    let sets = store.indicator_sets(year)?;
    let mut results = Vec::new();
    for category in store.categories()? {
        let Some(set) = sets.iter().find(|s| s.category_id == category.id) else {
            continue;
        };
        let members: Vec<_> = agreements
            .iter()
            .filter(|a| a.draft.category_id == category.id)
            .collect();
        if members.is_empty() {
            continue;
        }
        let ids: Vec<i64> = members.iter().map(|a| a.id).collect();
        let inputs = crate::model::unit_inputs(set, &ids, &scores, &adjustments, &vetoes);
        let rows = assess_category(&settings, set, &inputs);
        let units = rows
            .into_iter()
            .filter_map(|row| {
                let agreement = members.iter().find(|a| a.id == row.agreement_id)?;
                let (unit_name, short_name, kind) = units
                    .get(&agreement.draft.unit_id)
                    .cloned()
                    .unwrap_or((String::new(), String::new(), UnitKind::Department));
                let veto = vetoes.iter().find(|v| v.agreement_id == agreement.id);
                let veto_reason = veto.map(|v| v.reason.clone());
                // A veto under 其他 (none of the year's conditions) is told by its reason.
                let veto_condition = veto
                    .map(|v| v.cause(&set.items))
                    .filter(|cause| !cause.is_empty());
                Some(UnitResult {
                    agreement_id: agreement.id,
                    number: agreement.draft.number,
                    unit_id: agreement.draft.unit_id,
                    unit_name,
                    short_name,
                    kind,
                    row,
                    veto_reason,
                    veto_condition,
                })
            })
            .collect();
        results.push(CategoryResults {
            category,
            set: set.clone(),
            units,
        });
    }
    Ok(results)
}

/// Gives every indicator of agreement `id` its full points as the assessed score (tests).
#[cfg(test)]
pub(crate) fn score_fully(store: &mut Store, year: i32, id: i64) {
    let agreement = store
        .agreements(year)
        .ok()
        .and_then(|list| list.into_iter().find(|a| a.id == id))
        .expect("the agreement");
    let set = store
        .indicator_sets(year)
        .ok()
        .and_then(|sets| {
            sets.into_iter()
                .find(|s| s.category_id == agreement.draft.category_id)
        })
        .expect("its indicators");
    store
        .write(|w| {
            for indicator in &set.indicators {
                w.upsert_score(&crate::model::Score {
                    assessed_score: Some(indicator.points),
                    ..crate::model::Score::empty(id, indicator.id)
                })?;
            }
            Ok(())
        })
        .expect("scores saved");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_demo_year_2024_has_every_grade_and_one_veto() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store).unwrap();
        let results = year_results(&store, 2024).unwrap();
        assert_eq!(results.len(), 4);
        let all: Vec<&UnitResult> = results.iter().flat_map(|c| &c.units).collect();
        assert_eq!(all.len(), 45);
        for grade in ["优秀", "良好", "合格", "不合格"] {
            assert!(all.iter().any(|u| u.row.grade == grade), "{grade}");
        }
        let vetoed: Vec<_> = all.iter().filter(|u| u.row.is_vetoed).collect();
        assert_eq!(vetoed.len(), 1);
        assert_eq!(vetoed[0].unit_name, "石桥镇人民政府");
        assert!(vetoed[0].veto_reason.is_some());
        assert_eq!(
            vetoed[0].veto_condition.as_deref(),
            Some("发生较大及以上生产安全事故")
        );
        assert!(unscored_units(&results).is_empty());
        let towns = &results[0];
        assert!(
            towns
                .units
                .windows(2)
                .all(|w| w[0].row.rank <= w[1].row.rank),
            "ranked"
        );
    }

    /// A category added in the year, with a template but no indicators yet: its drafted
    /// agreement cannot be assessed, and the notice is refused naming the category.
    #[test]
    fn a_category_drafted_without_indicators_stops_the_notice() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store).unwrap();
        let model = store.templates(2025).unwrap().remove(0);
        let unit = store
            .write(|w| {
                let category_id = w.insert_category("四类")?;
                let mut template = model.content.clone();
                template.year = 2025;
                template.category_id = category_id;
                w.save_template(None, &template)?;
                w.insert_unit(&crate::model::UnitDraft {
                    name: "示例市新设事务中心".into(),
                    short_name: String::new(),
                    kind: UnitKind::Department,
                    category_id,
                    principal_title: "主任".into(),
                    principal_name: "甄堃".into(),
                    contact_name: "柏闻溪".into(),
                    contact_phone: "0399-8610001".into(),
                    sort_order: 99,
                })
            })
            .unwrap();
        let report =
            crate::workflow::drafting::draft(&mut store, 2025, Some(&[unit]), |_, _| {}).unwrap();
        assert_eq!(report.created, 1);
        assert_eq!(
            categories_without_indicators(&store, 2025).unwrap(),
            vec!["四类".to_owned()]
        );
        let refused = crate::workflow::notice::check_notice_possible(&store, 2025).unwrap_err();
        assert!(
            refused.contains("“四类”类别有责任书，但还没有考核指标"),
            "{refused}"
        );
        let statistics = crate::workflow::statistics::statistics(&store, 2025).unwrap();
        assert_eq!(statistics.notice_refusal.as_deref(), Some(refused.as_str()));
    }

    #[test]
    fn the_demo_year_2025_is_unscored_until_a_score_is_entered() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store).unwrap();
        let results = year_results(&store, 2025).unwrap();
        assert_eq!(unscored_units(&results).len(), 45);
        let first = store.agreements(2025).unwrap().remove(0);
        let indicator = store
            .indicator_sets(2025)
            .unwrap()
            .into_iter()
            .find(|s| s.category_id == first.draft.category_id)
            .unwrap()
            .indicators[0]
            .id;
        store
            .write(|w| {
                w.upsert_score(&crate::model::Score {
                    agreement_id: first.id,
                    indicator_id: indicator,
                    self_score: None,
                    assessed_score: Some(crate::model::Points::whole(5)),
                    note: String::new(),
                    self_note: String::new(),
                })
            })
            .unwrap();
        let results = year_results(&store, 2025).unwrap();
        let unscored = unscored_units(&results);
        assert_eq!(unscored.len(), 45, "one score of 15 is not a result yet");
        let partial = unscored
            .iter()
            .find(|u| u.agreement_id == first.id)
            .unwrap();
        assert_eq!(partial.row.grade, crate::model::INCOMPLETE_GRADE);
        assert_eq!((partial.row.missing, partial.row.rank), (14, 0));
        assert_eq!(
            partial.row.total,
            crate::model::Points::whole(5),
            "the running total shows"
        );
        assert!(
            unscored
                .iter()
                .filter(|u| u.agreement_id != first.id)
                .all(|u| u.row.grade == crate::model::UNSCORED_GRADE && u.row.rank == 0)
        );
        let refused = super::super::notice::unpublishable(2025, &results).unwrap();
        assert!(refused.contains("城关街道办事处缺 14 项"), "{refused}");
    }

    #[test]
    fn a_unit_archived_before_it_signed_takes_no_part_until_restored() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store).unwrap();
        let agreements = store.agreements(2025).unwrap();
        let unsigned = (agreements.iter())
            .find(|a| a.status == crate::model::AgreementStatus::Final)
            .unwrap()
            .clone();
        let unit_id = unsigned.draft.unit_id;
        // Its 2024 agreement, published, stays in 2024's results whatever happens since.
        let in_2024 = |store: &Store| {
            (year_results(store, 2024).unwrap().iter())
                .flat_map(|c| &c.units)
                .any(|u| u.unit_id == unit_id)
        };
        assert!(in_2024(&store));
        store.write(|w| w.set_unit_active(unit_id, false)).unwrap();
        for agreement in agreements.iter().filter(|a| a.id != unsigned.id) {
            score_fully(&mut store, 2025, agreement.id);
        }
        let results = year_results(&store, 2025).unwrap();
        let listed = |results: &[CategoryResults]| {
            (results.iter().flat_map(|c| &c.units)).any(|u| u.agreement_id == unsigned.id)
        };
        assert!(!listed(&results));
        assert_eq!(super::super::notice::unpublishable(2025, &results), None);
        assert!(in_2024(&store));
        // No score goes to it, and the refusal says how it comes back.
        let indicator = (store.indicator_sets(2025).unwrap().into_iter())
            .find(|s| s.category_id == unsigned.draft.category_id)
            .unwrap()
            .indicators[0]
            .id;
        let mut entry = crate::model::Score::empty(unsigned.id, indicator);
        entry.assessed_score = Some(crate::model::Points::whole(1));
        let refused = store
            .write(|w| w.change_score(&entry, None))
            .unwrap_err()
            .to_string();
        assert!(
            refused.contains("已归档，其责任书未签订，不参加本年度考核"),
            "{refused}"
        );
        assert!(refused.contains("先在“单位”中恢复该单位"), "{refused}");
        // Restored, it is assessed again: unscored, so the year waits for it.
        store.write(|w| w.set_unit_active(unit_id, true)).unwrap();
        let results = year_results(&store, 2025).unwrap();
        assert!(listed(&results));
        assert!(super::super::notice::unpublishable(2025, &results).is_some());
        // Archived again and the results published: what was left out then stays left out,
        // the unit restored since or not.
        store.write(|w| w.set_unit_active(unit_id, false)).unwrap();
        let open = store.year(2025).unwrap().unwrap();
        let published = crate::model::Year {
            phase: crate::model::Phase::Published,
            ..open
        };
        store.write(|w| w.update_year(&published, None)).unwrap();
        assert_eq!(store.left_out(2025).unwrap(), [unsigned.id].into());
        store.write(|w| w.set_unit_active(unit_id, true)).unwrap();
        let results = year_results(&store, 2025).unwrap();
        assert!(!listed(&results));
        assert_eq!(super::super::notice::unpublishable(2025, &results), None);
        // Restoring does not bring it back: said so, with the way that does.
        let refused = store
            .write(|w| w.change_score(&entry, Some("复核")))
            .unwrap_err()
            .to_string();
        assert!(
            refused.starts_with("2025 年度考核结果通报时，") && refused.contains("撤回通报"),
            "{refused}"
        );
        // A year published before any was kept leaves none out.
        assert!(store.left_out(2024).unwrap().is_empty());
    }
}
