//! 考核评分: scores, adjustments and vetoes, and the derived totals, grades and ranks.

use std::collections::BTreeMap;

use super::indicator::{IndicatorSet, ItemKind, RuleItem};
use super::points::Points;
use super::year::Year;

/// One indicator's scores for one agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Score {
    /// The agreement scored.
    pub agreement_id: i64,
    /// The indicator scored.
    pub indicator_id: i64,
    /// 自评: the unit's own score.
    pub self_score: Option<Points>,
    /// 考核组评分: the assessed score that counts.
    pub assessed_score: Option<Points>,
    /// The assessors' note: evidence or the reason for a deduction.
    pub note: String,
    /// 自评说明: the unit's own explanation of its self score, from its self-assessment form.
    #[serde(default)]
    pub self_note: String,
}

impl Score {
    /// An empty score of one indicator for one agreement, to be filled in.
    #[must_use]
    pub fn empty(agreement_id: i64, indicator_id: i64) -> Self {
        Self {
            agreement_id,
            indicator_id,
            self_score: None,
            assessed_score: None,
            note: String::new(),
            self_note: String::new(),
        }
    }
}

/// Bonus or deduction outside the indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum AdjustmentKind {
    /// 加分.
    Bonus,
    /// 扣分.
    Deduction,
}

impl AdjustmentKind {
    /// The code stored in the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Bonus => "bonus",
            Self::Deduction => "deduction",
        }
    }

    /// The kind for a stored code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        [Self::Bonus, Self::Deduction]
            .into_iter()
            .find(|kind| kind.code() == code)
    }
}

/// A bonus or deduction given to one agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Adjustment {
    /// Database id (0 before it is stored).
    pub id: i64,
    /// The agreement adjusted.
    pub agreement_id: i64,
    /// The rule applied, if any.
    pub item_id: Option<i64>,
    /// Bonus or deduction.
    pub kind: AdjustmentKind,
    /// Points added or taken.
    pub points: Points,
    /// Why.
    pub reason: String,
    /// 事项: the practice or event rewarded, e.g. "网格化隐患排查"; bonuses for the same rule
    /// item and the same matter count once, at the highest level.
    #[serde(default)]
    pub matter: String,
}

/// Longest 事项 accepted, in characters.
pub const MAX_MATTER_CHARS: usize = 40;

impl Adjustment {
    /// Checks the adjustment against the rule item it applies (if any); returns Chinese
    /// messages, none when it may be recorded.
    #[must_use]
    pub fn validate(&self, item: Option<&RuleItem>) -> Vec<String> {
        let mut problems = Vec::new();
        if self.points == Points::ZERO {
            problems.push("加扣分的分值应大于 0".to_owned());
        }
        if self.reason.trim().is_empty() {
            problems.push("加分或扣分必须写明理由".to_owned());
        }
        if self.matter.chars().count() > MAX_MATTER_CHARS {
            problems.push(format!("事项不能超过 {MAX_MATTER_CHARS} 个字"));
        }
        if self.matter.chars().any(char::is_control) {
            problems.push("事项中不能含有换行或控制字符".to_owned());
        }
        let kind = match self.kind {
            AdjustmentKind::Bonus => "加分",
            AdjustmentKind::Deduction => "扣分",
        };
        let item_kind = match self.kind {
            AdjustmentKind::Bonus => ItemKind::Bonus,
            AdjustmentKind::Deduction => ItemKind::Deduction,
        };
        if let Some(item) = item
            && item.kind != item_kind
        {
            problems.push(format!("“{}”不是{kind}项目", item.name));
        } else if let Some(item) = item
            && item.points > Points::ZERO
            && self.kind == AdjustmentKind::Deduction
            && item.is_per_occurrence()
            && self.points != item.points
        {
            // "每次扣2分" is exact: each occurrence one entry of its points.
            problems.push(format!(
                "“{}”每次扣 {} 分：发生几次就录入几条，每条 {} 分",
                item.name, item.points, item.points
            ));
        } else if let Some(item) = item
            && item.points > Points::ZERO
            && self.points > item.points
        {
            problems.push(match self.kind {
                AdjustmentKind::Bonus => format!(
                    "“{}”每项最多 {} 分，加分不能超过 {} 分",
                    item.name, item.points, item.points
                ),
                AdjustmentKind::Deduction => format!(
                    "“{}”一条最多扣 {} 分，扣分不能超过 {}",
                    item.name, item.points, item.points
                ),
            });
        }
        problems
    }
}

/// A 一票否决 on one agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Veto {
    /// The agreement vetoed.
    pub agreement_id: i64,
    /// The veto condition met, if recorded.
    pub item_id: Option<i64>,
    /// Why.
    pub reason: String,
}

/// The grade shown for a unit with nothing entered yet; it is not one of the year's bands.
pub const UNSCORED_GRADE: &str = "未评分";

/// The grade shown while some indicators still lack an assessed score.
pub const INCOMPLETE_GRADE: &str = "未评完";

/// Everything entered for one unit, as input to [`assess_category`].
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct UnitAssessment {
    /// The agreement.
    pub agreement_id: i64,
    /// Assessed scores by indicator id.
    pub assessed: BTreeMap<i64, Points>,
    /// Bonuses and deductions.
    pub adjustments: Vec<Adjustment>,
    /// True when vetoed.
    pub is_vetoed: bool,
}

impl UnitAssessment {
    /// True once any assessed score, adjustment or veto was entered; a unit with none of them
    /// has no total, grade or rank yet (self scores and notes alone do not count).
    #[must_use]
    pub fn is_scored(&self) -> bool {
        !self.assessed.is_empty() || !self.adjustments.is_empty() || self.is_vetoed
    }
}

/// The derived result for one unit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AssessmentRow {
    /// The agreement.
    pub agreement_id: i64,
    /// 基础得分: the indicator table's sum.
    pub base: Points,
    /// 加分 after the highest-only rule and the cap.
    pub bonus: Points,
    /// 扣分.
    pub deduction: Points,
    /// 总得分, never below zero.
    pub total: Points,
    /// True when vetoed.
    pub is_vetoed: bool,
    /// True when anything was entered (see [`UnitAssessment::is_scored`]).
    pub is_scored: bool,
    /// Indicators still without an assessed score.
    pub missing: usize,
    /// 等次; [`UNSCORED_GRADE`] while unscored, [`INCOMPLETE_GRADE`] while indicators are
    /// missing (a vetoed unit is graded whatever is missing).
    pub grade: String,
    /// 排名 within the category; equal totals share a rank, vetoed units come after the others;
    /// units not yet complete come last, with rank 0.
    pub rank: usize,
}

impl AssessmentRow {
    /// True when the result is final: every indicator has an assessed score. Only complete
    /// results are ranked, counted and published. A vetoed unit shows 不合格 at once, but its
    /// total and rank wait for its scores like anyone's (the notice's table lists them).
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.is_scored && self.missing == 0
    }
}

/// Which adjustments count towards the bonus under "the same item counts once, at its highest
/// level", one flag per adjustment in order. The same item is the same rule item and the same
/// 事项: two practices under one rule both count, two awards of one practice count once (the
/// highest; the first of equal ones). Bonuses under no rule item and no 事项 all count;
/// deductions never count here.
#[must_use]
pub fn counted_bonuses(adjustments: &[Adjustment]) -> Vec<bool> {
    let mut best_by_matter: BTreeMap<(Option<i64>, String), (usize, Points)> = BTreeMap::new();
    let mut counted = vec![false; adjustments.len()];
    for (index, adjustment) in adjustments.iter().enumerate() {
        if adjustment.kind != AdjustmentKind::Bonus {
            continue;
        }
        // The same matter however spaced, cased or written in full-width letters.
        let matter = super::collation::folded(&adjustment.matter);
        if adjustment.item_id.is_none() && matter.is_empty() {
            if let Some(flag) = counted.get_mut(index) {
                *flag = true;
            }
            continue;
        }
        let best = best_by_matter
            .entry((adjustment.item_id, matter))
            .or_insert((index, adjustment.points));
        if adjustment.points > best.1 {
            *best = (index, adjustment.points);
        }
    }
    for (index, _) in best_by_matter.into_values() {
        if let Some(flag) = counted.get_mut(index) {
            *flag = true;
        }
    }
    counted
}

/// The bonuses that count (see [`counted_bonuses`]) added up, each rule item's share limited
/// to its own 累计最多 ([`RuleItem::cap`]), before the year's cap.
#[must_use]
pub fn uncapped_bonus(adjustments: &[Adjustment], items: &[RuleItem]) -> Points {
    let counted = adjustments
        .iter()
        .zip(counted_bonuses(adjustments))
        .filter(|(_, counts)| *counts)
        .map(|(adjustment, _)| adjustment);
    item_limited_sum(counted, items)
}

/// Bonus after "the same item counts once, at its highest level" (see [`counted_bonuses`]),
/// each rule item's own limit, and the year's cap.
#[must_use]
pub fn capped_bonus(adjustments: &[Adjustment], items: &[RuleItem], cap: Points) -> Points {
    uncapped_bonus(adjustments, items).min(cap)
}

/// The deductions added up, each rule item's share limited to its own 累计最多.
#[must_use]
pub fn counted_deduction(adjustments: &[Adjustment], items: &[RuleItem]) -> Points {
    let deductions = adjustments
        .iter()
        .filter(|adjustment| adjustment.kind == AdjustmentKind::Deduction);
    item_limited_sum(deductions, items)
}

/// A rule item whose entries for one unit add up to more than its own limit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ItemOverCap<'a> {
    /// The rule.
    pub item: &'a RuleItem,
    /// Its limit.
    pub cap: Points,
    /// What its entries add up to (counted bonuses only).
    pub entered: Points,
}

/// The rule items whose entries go past their own limit, in the set's order.
#[must_use]
pub fn items_over_cap<'a>(
    adjustments: &[Adjustment],
    items: &'a [RuleItem],
) -> Vec<ItemOverCap<'a>> {
    let sums = item_sums(
        adjustments
            .iter()
            .zip(counted_bonuses(adjustments))
            .filter(|(adjustment, counts)| *counts || adjustment.kind == AdjustmentKind::Deduction)
            .map(|(adjustment, _)| adjustment),
    );
    items
        .iter()
        .filter_map(|item| {
            let cap = item.cap?;
            let entered = *sums.get(&Some(item.id))?;
            (entered > cap).then_some(ItemOverCap { item, cap, entered })
        })
        .collect()
}

/// The points of the given entries per rule item (`None` for entries under no item).
fn item_sums<'a>(
    adjustments: impl Iterator<Item = &'a Adjustment>,
) -> BTreeMap<Option<i64>, Points> {
    let mut sums: BTreeMap<Option<i64>, Points> = BTreeMap::new();
    for adjustment in adjustments {
        let sum = sums.entry(adjustment.item_id).or_default();
        *sum = *sum + adjustment.points;
    }
    sums
}

/// The given entries added up, each rule item's share at most its own limit.
fn item_limited_sum<'a>(
    adjustments: impl Iterator<Item = &'a Adjustment>,
    items: &[RuleItem],
) -> Points {
    item_sums(adjustments)
        .into_iter()
        .map(|(item_id, sum)| {
            let cap = item_id
                .and_then(|id| items.iter().find(|item| item.id == id))
                .and_then(|item| item.cap);
            cap.map_or(sum, |cap| sum.min(cap))
        })
        .sum()
}

/// Totals, grades and ranks for the units of one category.
#[must_use]
pub fn assess_category(
    year: &Year,
    set: &IndicatorSet,
    units: &[UnitAssessment],
) -> Vec<AssessmentRow> {
    let mut rows: Vec<AssessmentRow> = units
        .iter()
        .map(|unit| {
            let base = set
                .indicators
                .iter()
                .map(|indicator| {
                    unit.assessed
                        .get(&indicator.id)
                        .map_or(Points::ZERO, |score| (*score).min(indicator.points))
                })
                .sum::<Points>();
            let bonus = capped_bonus(&unit.adjustments, &set.items, set.bonus_cap);
            let deduction = counted_deduction(&unit.adjustments, &set.items);
            let total = (base + bonus).saturating_sub(deduction);
            let is_scored = unit.is_scored();
            let missing = set
                .indicators
                .iter()
                .filter(|indicator| !unit.assessed.contains_key(&indicator.id))
                .count();
            let grade = if !is_scored {
                UNSCORED_GRADE
            } else if unit.is_vetoed {
                year.lowest_grade()
            } else if missing > 0 {
                INCOMPLETE_GRADE
            } else {
                year.grade_for(total)
            };
            AssessmentRow {
                agreement_id: unit.agreement_id,
                base,
                bonus,
                deduction,
                total,
                is_vetoed: unit.is_vetoed,
                is_scored,
                missing,
                grade: grade.to_owned(),
                rank: 0,
            }
        })
        .collect();
    rows.sort_by(|a, b| {
        (!a.is_complete())
            .cmp(&!b.is_complete())
            .then((!a.is_scored).cmp(&!b.is_scored))
            .then(a.is_vetoed.cmp(&b.is_vetoed))
            .then(b.total.cmp(&a.total))
    });
    let mut previous: Option<(bool, Points, usize)> = None;
    for (index, row) in rows.iter_mut().enumerate().filter(|(_, r)| r.is_complete()) {
        row.rank = match previous {
            Some((vetoed, total, rank)) if vetoed == row.is_vetoed && total == row.total => rank,
            _ => index + 1,
        };
        previous = Some((row.is_vetoed, row.total, row.rank));
    }
    rows
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::indicator::Indicator;

    fn set() -> IndicatorSet {
        let row = |id, points| Indicator {
            id,
            name: format!("指标{id}"),
            points: Points::whole(points),
            criteria: String::new(),
            method: String::new(),
        };
        IndicatorSet {
            id: 1,
            year: 2024,
            category_id: 1,
            bonus_cap: Points::whole(5),
            is_final: true,
            indicators: vec![row(1, 60), row(2, 40)],
            items: vec![],
        }
    }

    fn unit(
        id: i64,
        a: i64,
        b: i64,
        adjustments: Vec<Adjustment>,
        is_vetoed: bool,
    ) -> UnitAssessment {
        UnitAssessment {
            agreement_id: id,
            assessed: BTreeMap::from([(1, Points::whole(a)), (2, Points::whole(b))]),
            adjustments,
            is_vetoed,
        }
    }

    fn adj(kind: AdjustmentKind, item_id: Option<i64>, points: i64) -> Adjustment {
        Adjustment {
            id: 0,
            agreement_id: 0,
            item_id,
            kind,
            points: Points::whole(points),
            reason: "理由".into(),
            matter: String::new(),
        }
    }

    fn bonus(item_id: Option<i64>, matter: &str, hundredths: i64) -> Adjustment {
        Adjustment {
            matter: matter.to_owned(),
            points: Points(hundredths),
            ..adj(AdjustmentKind::Bonus, item_id, 0)
        }
    }

    #[test]
    fn bonus_counts_highest_per_item_and_is_capped() {
        let adjustments = vec![
            adj(AdjustmentKind::Bonus, Some(7), 2),
            adj(AdjustmentKind::Bonus, Some(7), 1),
            adj(AdjustmentKind::Bonus, Some(8), 1),
        ];
        assert_eq!(
            capped_bonus(&adjustments, &[], Points::whole(5)),
            Points::whole(3)
        );
        let many = vec![
            adj(AdjustmentKind::Bonus, Some(1), 3),
            adj(AdjustmentKind::Bonus, Some(2), 3),
        ];
        assert_eq!(capped_bonus(&many, &[], Points::whole(5)), Points::whole(5));
    }

    #[test]
    fn the_same_matter_counts_once_at_its_highest_level_and_different_matters_add_up() {
        // Rule 7: 国家级 2, 省级 1, 市级 0.5; the same practice counts once at its highest.
        let adjustments = vec![
            bonus(Some(7), "网格化隐患排查", 200),
            bonus(Some(7), "网格化隐患排查", 50),
            bonus(Some(7), "  网格化隐患排查 ", 100),
            bonus(Some(7), "企业安全承诺制", 100),
            bonus(Some(7), "企业安全承诺制", 50),
        ];
        assert_eq!(
            capped_bonus(&adjustments, &[], Points::whole(5)),
            Points(300)
        );
        // Under another rule, the same words are another matter.
        let mut other_rule = adjustments.clone();
        other_rule.push(bonus(Some(8), "网格化隐患排查", 100));
        assert_eq!(
            capped_bonus(&other_rule, &[], Points::whole(5)),
            Points(400)
        );
        // The cap still applies to the sum of the matters.
        assert_eq!(capped_bonus(&other_rule, &[], Points(350)), Points(350));
        // Bonuses under no rule count each, unless they name the same matter.
        let unlinked = vec![
            bonus(None, "", 100),
            bonus(None, "", 100),
            bonus(None, "应急演练", 150),
            bonus(None, "应急演练", 50),
        ];
        assert_eq!(capped_bonus(&unlinked, &[], Points::whole(5)), Points(350));
        // Written differently, a matter is still the same one.
        let spelled = vec![
            bonus(Some(7), "Grid 网格化", 200),
            bonus(Some(7), "grid网格化", 100),
            bonus(Some(7), "ＧＲＩＤ 网格化", 100),
        ];
        assert_eq!(capped_bonus(&spelled, &[], Points::whole(5)), Points(200));
    }

    #[test]
    fn the_bonuses_that_count_are_the_highest_of_each_matter_and_all_unlinked_ones() {
        let adjustments = vec![
            bonus(Some(7), "网格化隐患排查", 50),
            bonus(Some(7), " 网格化隐患排查", 200),
            bonus(Some(7), "网格化隐患排查", 200),
            adj(AdjustmentKind::Deduction, Some(7), 1),
            bonus(Some(8), "网格化隐患排查", 100),
            bonus(None, "", 100),
            bonus(None, "", 100),
        ];
        // The later of two equal highest awards is the one that does not count.
        assert_eq!(
            counted_bonuses(&adjustments),
            [false, true, false, false, true, true, true]
        );
        assert_eq!(uncapped_bonus(&adjustments, &[]), Points(500));
        assert_eq!(capped_bonus(&adjustments, &[], Points(450)), Points(450));
        assert_eq!(capped_bonus(&adjustments, &[], Points(900)), Points(500));
        assert!(counted_bonuses(&[]).is_empty());
    }

    #[test]
    fn an_adjustment_may_not_exceed_its_rule_items_points() {
        let item = RuleItem {
            id: 7,
            kind: crate::model::ItemKind::Bonus,
            name: "经验做法被推广".into(),
            points: Points(200),
            cap: None,
        };
        assert!(
            bonus(Some(7), "网格化", 200)
                .validate(Some(&item))
                .is_empty()
        );
        assert_eq!(
            bonus(Some(7), "网格化", 250).validate(Some(&item)),
            ["“经验做法被推广”每项最多 2 分，加分不能超过 2 分"]
        );
        let unpriced = RuleItem {
            points: Points::ZERO,
            ..item
        };
        assert!(bonus(Some(7), "", 900).validate(Some(&unpriced)).is_empty());
        assert!(bonus(None, "", 900).validate(None).is_empty());
        let deduction_item = RuleItem {
            kind: crate::model::ItemKind::Deduction,
            ..unpriced
        };
        assert_eq!(
            bonus(Some(7), "", 100).validate(Some(&deduction_item)),
            ["“经验做法被推广”不是加分项目"]
        );
        let mut empty = bonus(None, &"长".repeat(MAX_MATTER_CHARS + 1), 0);
        empty.reason = " ".into();
        assert_eq!(
            empty.validate(None),
            [
                "加扣分的分值应大于 0",
                "加分或扣分必须写明理由",
                "事项不能超过 40 个字"
            ]
        );
    }

    #[test]
    fn a_rule_items_own_limit_caps_its_entries_together() {
        // 烟花爆竹经营点违规，每处扣1分，累计最多扣4分: five places take 4, not 5; another rule's
        // deduction and an unlinked one come on top: 4 + 2 + 1 = 7.
        let mut set = set();
        let rule = |id, kind, points, cap: Option<i64>| RuleItem {
            id,
            kind,
            name: format!("规则{id}"),
            points: Points::whole(points),
            cap: cap.map(Points::whole),
        };
        set.items = vec![
            rule(7, ItemKind::Deduction, 1, Some(4)),
            rule(8, ItemKind::Deduction, 2, None),
            rule(9, ItemKind::Bonus, 1, Some(2)),
        ];
        let mut adjustments = vec![adj(AdjustmentKind::Deduction, Some(7), 1); 5];
        adjustments.push(adj(AdjustmentKind::Deduction, Some(8), 2));
        adjustments.push(adj(AdjustmentKind::Deduction, None, 1));
        // Three practices under one bonus rule of at most 2 in all: 2, not 3.
        for matter in ["甲", "乙", "丙"] {
            adjustments.push(bonus(Some(9), matter, 100));
        }
        assert_eq!(
            counted_deduction(&adjustments, &set.items),
            Points::whole(7)
        );
        assert_eq!(uncapped_bonus(&adjustments, &set.items), Points::whole(2));
        let over: Vec<(i64, Points, Points)> = items_over_cap(&adjustments, &set.items)
            .iter()
            .map(|o| (o.item.id, o.cap, o.entered))
            .collect();
        assert_eq!(
            over,
            [
                (7, Points::whole(4), Points::whole(5)),
                (9, Points::whole(2), Points::whole(3))
            ]
        );
        // At the limit exactly, nothing is over.
        adjustments.remove(0);
        assert_eq!(items_over_cap(&adjustments, &set.items).len(), 1);
        let year = Year::new(2024, "示例市人民政府");
        let rows = assess_category(&year, &set, &[unit(1, 60, 40, adjustments, false)]);
        // 100 + 2 − (4 + 2 + 1) = 95.
        assert_eq!(rows[0].total, Points::whole(95));
    }

    #[test]
    fn a_per_occurrence_deduction_takes_exactly_its_points() {
        let item = RuleItem {
            id: 7,
            kind: ItemKind::Deduction,
            name: "迟报生产安全事故（每起）".into(),
            points: Points::whole(5),
            cap: None,
        };
        let entry = |points| adj(AdjustmentKind::Deduction, Some(7), points);
        assert!(entry(5).validate(Some(&item)).is_empty());
        assert_eq!(
            entry(3).validate(Some(&item)),
            ["“迟报生产安全事故（每起）”每次扣 5 分：发生几次就录入几条，每条 5 分"]
        );
        assert!(!entry(10).validate(Some(&item)).is_empty());
        // A deduction of one amount at most still takes less.
        let once = RuleItem {
            name: "考核材料未按时报送".into(),
            ..item
        };
        assert!(entry(3).validate(Some(&once)).is_empty());
    }

    #[test]
    fn a_limit_below_the_points_or_on_a_veto_is_refused() {
        let item = |kind, cap| RuleItem {
            id: 1,
            kind,
            name: "烟花爆竹经营点违规（每处）".into(),
            points: Points::whole(2),
            cap,
        };
        assert_eq!(item(ItemKind::Deduction, None).cap_problem(), None);
        assert_eq!(
            item(ItemKind::Deduction, Some(Points::whole(2))).cap_problem(),
            None
        );
        assert_eq!(
            item(ItemKind::Deduction, Some(Points::whole(1))).cap_problem(),
            Some("“烟花爆竹经营点违规（每处）”的累计上限 1 分应不小于每次的 2 分".to_owned())
        );
        assert!(
            item(ItemKind::Veto, Some(Points::whole(3)))
                .cap_problem()
                .is_some()
        );
    }

    #[test]
    fn deductions_are_capped_at_the_indicator_and_at_zero_in_all() {
        let year = Year::new(2024, "示例市人民政府");
        // A score above its indicator's points counts as the points (the store refuses it; a
        // value from before a points change is capped here): 70 → 60.
        let over = unit(1, 70, 30, vec![], false);
        // Deductions outside the table come off the total, 扣完为止: 15 − 30 is 0, not −15.
        let wiped = unit(
            2,
            10,
            5,
            vec![
                adj(AdjustmentKind::Deduction, None, 20),
                adj(AdjustmentKind::Deduction, None, 10),
            ],
            false,
        );
        // A bonus counts before deductions are taken: 50 + 5 (capped from 8) − 3 = 52.
        let both = unit(
            3,
            30,
            20,
            vec![
                adj(AdjustmentKind::Bonus, None, 8),
                adj(AdjustmentKind::Deduction, None, 3),
            ],
            false,
        );
        let rows = assess_category(&year, &set(), &[over, wiped, both]);
        let totals: BTreeMap<i64, (Points, Points, Points, Points)> = rows
            .iter()
            .map(|r| (r.agreement_id, (r.base, r.bonus, r.deduction, r.total)))
            .collect();
        assert_eq!(
            totals[&1],
            (
                Points::whole(90),
                Points::ZERO,
                Points::ZERO,
                Points::whole(90)
            )
        );
        assert_eq!(
            totals[&2],
            (
                Points::whole(15),
                Points::ZERO,
                Points::whole(30),
                Points::ZERO
            )
        );
        assert_eq!(
            totals[&3],
            (
                Points::whole(50),
                Points::whole(5),
                Points::whole(3),
                Points::whole(52)
            )
        );
    }

    #[test]
    fn totals_grades_and_shared_ranks() {
        let year = Year::new(2024, "示例市人民政府");
        let units = vec![
            unit(1, 50, 35, vec![], false),
            unit(
                2,
                55,
                35,
                vec![adj(AdjustmentKind::Deduction, None, 2)],
                false,
            ),
            unit(3, 58, 40, vec![], true),
            unit(4, 45, 40, vec![], false),
            unit(
                5,
                10,
                5,
                vec![adj(AdjustmentKind::Deduction, None, 30)],
                false,
            ),
        ];
        let rows = assess_category(&year, &set(), &units);
        let summary: Vec<(i64, String, String, usize)> = rows
            .iter()
            .map(|r| (r.agreement_id, r.total.to_string(), r.grade.clone(), r.rank))
            .collect();
        assert_eq!(
            summary,
            vec![
                (2, "88".into(), "良好".into(), 1),
                (1, "85".into(), "良好".into(), 2),
                (4, "85".into(), "良好".into(), 2),
                (5, "0".into(), "不合格".into(), 4),
                (3, "98".into(), "不合格".into(), 5),
            ]
        );
    }

    #[test]
    fn unscored_and_incomplete_units_get_no_grade_or_rank_and_do_not_push_vetoed_units_down() {
        let year = Year::new(2025, "示例市人民政府");
        let self_only = UnitAssessment {
            agreement_id: 9,
            ..UnitAssessment::default()
        };
        let deduction_only = UnitAssessment {
            agreement_id: 8,
            adjustments: vec![adj(AdjustmentKind::Deduction, None, 1)],
            ..UnitAssessment::default()
        };
        let units = vec![
            self_only,
            unit(1, 50, 35, vec![], false),
            unit(3, 58, 40, vec![], true),
            deduction_only,
        ];
        assert!(!units[0].is_scored() && units[3].is_scored());
        let rows = assess_category(&year, &set(), &units);
        let summary: Vec<(i64, bool, &str, usize)> = rows
            .iter()
            .map(|r| (r.agreement_id, r.is_scored, r.grade.as_str(), r.rank))
            .collect();
        assert_eq!(
            summary,
            vec![
                (1, true, "良好", 1),
                (3, true, "不合格", 2),
                (8, true, INCOMPLETE_GRADE, 0),
                (9, false, UNSCORED_GRADE, 0),
            ]
        );
    }

    #[test]
    fn a_vetoed_unit_shows_its_grade_at_once_but_is_ranked_only_when_fully_scored() {
        let year = Year::new(2025, "示例市人民政府");
        let mut half_scored = unit(4, 5, 0, vec![], true);
        half_scored.assessed.remove(&2);
        let units = vec![half_scored, unit(5, 40, 30, vec![], false)];
        let rows = assess_category(&year, &set(), &units);
        let summary: Vec<(i64, &str, usize, bool)> = rows
            .iter()
            .map(|r| (r.agreement_id, r.grade.as_str(), r.rank, r.is_complete()))
            .collect();
        assert_eq!(
            summary,
            vec![(5, "合格", 1, true), (4, "不合格", 0, false)],
            "the vetoed unit is 不合格 but not ranked first on a partial total"
        );
    }
}
