//! One category's scores, bonuses, deductions and vetoes gathered per agreement: the inputs
//! `assess_category` totals, grades and ranks, read the same way by the scoring workbench, the
//! results, the statistics and the notice. Only scores of the category's own indicators count.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::assessment::{Adjustment, Score, UnitAssessment, Veto};
use super::indicator::IndicatorSet;
use super::points::Points;

/// The assessment inputs of `agreement_ids` (in that order) under `set`, from the year's
/// scores, adjustments and vetoes.
#[must_use]
pub fn unit_inputs(
    set: &IndicatorSet,
    agreement_ids: &[i64],
    scores: &[Score],
    adjustments: &[Adjustment],
    vetoes: &[Veto],
) -> Vec<UnitAssessment> {
    let wanted: HashSet<i64> = agreement_ids.iter().copied().collect();
    let indicators: HashSet<i64> = set.indicators.iter().map(|i| i.id).collect();
    let mut assessed: HashMap<i64, BTreeMap<i64, Points>> = HashMap::new();
    for score in scores {
        if let Some(value) = score.assessed_score
            && wanted.contains(&score.agreement_id)
            && indicators.contains(&score.indicator_id)
        {
            assessed
                .entry(score.agreement_id)
                .or_default()
                .insert(score.indicator_id, value);
        }
    }
    let mut adjusted: HashMap<i64, Vec<Adjustment>> = HashMap::new();
    for adjustment in adjustments {
        if wanted.contains(&adjustment.agreement_id) {
            adjusted
                .entry(adjustment.agreement_id)
                .or_default()
                .push(adjustment.clone());
        }
    }
    let vetoed_ids: HashSet<i64> = vetoes.iter().map(|v| v.agreement_id).collect();
    agreement_ids
        .iter()
        .map(|&agreement_id| UnitAssessment {
            agreement_id,
            assessed: assessed.remove(&agreement_id).unwrap_or_default(),
            adjustments: adjusted.remove(&agreement_id).unwrap_or_default(),
            is_vetoed: vetoed_ids.contains(&agreement_id),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AdjustmentKind, Indicator};

    #[test]
    fn gathers_per_agreement_and_ignores_other_sets_indicators() {
        let set = IndicatorSet {
            id: 1,
            year: 2025,
            category_id: 1,
            bonus_cap: Points::ZERO,
            is_final: true,
            items: Vec::new(),
            indicators: vec![Indicator {
                id: 1,
                name: "组织领导".into(),
                points: Points(1000),
                criteria: String::new(),
                method: String::new(),
            }],
        };
        let score = |agreement_id, indicator_id, value| Score {
            assessed_score: Some(Points(value)),
            ..Score::empty(agreement_id, indicator_id)
        };
        let scores = [score(10, 1, 800), score(10, 99, 500), score(30, 1, 100)];
        let adjustments = [Adjustment {
            id: 1,
            agreement_id: 20,
            item_id: None,
            kind: AdjustmentKind::Deduction,
            points: Points(100),
            reason: "事故".into(),
            matter: String::new(),
        }];
        let vetoes = [Veto {
            agreement_id: 20,
            item_id: None,
            reason: "较大事故".into(),
        }];
        let inputs = unit_inputs(&set, &[20, 10], &scores, &adjustments, &vetoes);
        assert_eq!(inputs.len(), 2);
        assert_eq!(inputs[0].agreement_id, 20);
        assert!(inputs[0].assessed.is_empty());
        assert_eq!(inputs[0].adjustments.len(), 1);
        assert!(inputs[0].is_vetoed);
        assert_eq!(inputs[1].assessed, BTreeMap::from([(1, Points(800))]));
        assert!(inputs[1].adjustments.is_empty() && !inputs[1].is_vetoed);
    }
}
