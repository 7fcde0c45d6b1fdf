//! 考核评分: scores, adjustments and vetoes, and the derived totals, grades and ranks.

use std::collections::BTreeMap;

use super::indicator::{IndicatorSet, ItemKind, RuleItem};
use super::points::Points;
use super::year::Year;

mod adjustment_sums;
mod veto;
pub use adjustment_sums::{
    ItemOverCap, NOT_COUNTED, capped_bonus, counted_bonuses, counted_deduction, items_over_cap,
    matters_under_several_items, similar_matter, uncapped_bonus,
};
pub use veto::{OTHER_CONDITION, Veto, condition_cause, veto_cause};

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

/// The field of a bonus or deduction a refusal is about, for the form to put the keyboard in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AdjustmentField {
    /// 分值 (also for what is wrong with the value under the item chosen).
    Points,
    /// 理由.
    Reason,
    /// 事项.
    Matter,
}

impl Adjustment {
    /// The entry with its reason and 事项 trimmed, as it is stored.
    #[must_use]
    pub fn trimmed(&self) -> Self {
        Self {
            reason: self.reason.trim().to_owned(),
            matter: self.matter.trim().to_owned(),
            ..self.clone()
        }
    }

    /// Why the adjustment's points cannot be right in a year of `full_score`: more than the
    /// whole score (a 200 typed for 2.00 or 20); `None` when within it.
    #[must_use]
    pub fn above_full_score(&self, full_score: Points) -> Option<String> {
        let kind = match self.kind {
            AdjustmentKind::Bonus => "加分",
            AdjustmentKind::Deduction => "扣分",
        };
        (self.points > full_score).then(|| {
            format!(
                "{kind} {} 分超过了本年度满分 {full_score} 分，请核对分值",
                self.points
            )
        })
    }

    /// Checks the adjustment against the rule item it applies (if any); returns Chinese
    /// messages, none when it may be recorded.
    #[must_use]
    pub fn validate(&self, item: Option<&RuleItem>) -> Vec<String> {
        (self.problems(item).into_iter())
            .map(|(_, message)| message)
            .collect()
    }

    /// As [`Adjustment::validate`], each message with the field it is about, in the order
    /// the messages are said.
    #[must_use]
    pub fn problems(&self, item: Option<&RuleItem>) -> Vec<(AdjustmentField, String)> {
        use AdjustmentField::{Matter, Points as Value, Reason};
        let mut problems = Vec::new();
        if self.points == Points::ZERO {
            problems.push((Value, "加扣分的分值应大于 0".to_owned()));
        }
        if super::reason::given(&self.reason).is_none() {
            problems.push((Reason, super::reason::refusal("加分或扣分", &self.reason)));
        }
        // Under a rule, the 事项 tells two awards of one practice (counted once) from two
        // practices (each counted): left empty, the clerk's entries could not be told apart.
        if self.kind == AdjustmentKind::Bonus
            && item.is_some_and(|item| item.kind == ItemKind::Bonus)
            && super::collation::folded(&self.matter).is_empty()
        {
            // "At its highest level" only where the rule has levels to choose from.
            let counted = if item.is_some_and(|item| bonus_levels(item).len() > 1) {
                "同一事项只按最高级别计一次"
            } else {
                "同一事项只计一次"
            };
            problems.push((
                Matter,
                format!("请填写加分事项（如获得的称号、被推广的做法）：{counted}，凭事项区分"),
            ));
        }
        if self.matter.chars().count() > MAX_MATTER_CHARS {
            problems.push((Matter, format!("事项不能超过 {MAX_MATTER_CHARS} 个字")));
        }
        if self.matter.chars().any(char::is_control) {
            problems.push((Matter, "事项中不能含有换行或控制字符".to_owned()));
        }
        let kind = match self.kind {
            AdjustmentKind::Bonus => "加分",
            AdjustmentKind::Deduction => "扣分",
        };
        let item_kind = match self.kind {
            AdjustmentKind::Bonus => ItemKind::Bonus,
            AdjustmentKind::Deduction => ItemKind::Deduction,
        };
        let levels = item.map(bonus_levels).unwrap_or_default();
        if let Some(item) = item
            && item.kind != item_kind
        {
            problems.push((Value, format!("“{}”不是{kind}项目", item.name)));
        } else if let Some(item) = item
            && self.kind == AdjustmentKind::Bonus
            && !levels.is_empty()
            && !levels.contains(&self.points)
        {
            // "国家级2分，省级1分，市级0.5分": one of the levels the rule names.
            // The refusal and the levels first, the item's (long) name last: cut to a line in
            // the detail, it still says what is wrong and what is right.
            problems.push((
                Value,
                format!(
                    "不能加 {} 分：只能按级别加 {}（“{}”）",
                    self.points,
                    levels_text(&levels),
                    item.name
                ),
            ));
        } else if let Some(item) = item
            && item.points > Points::ZERO
            && self.kind == AdjustmentKind::Deduction
            && item.is_per_occurrence()
            && self.points != item.points
        {
            // "每次扣2分" is exact: each occurrence one entry of its points, said in the
            // name's own word ("每起").
            let each = item.occurrence_word();
            let counter = each.trim_start_matches('每');
            problems.push((
                Value,
                format!(
                    "“{}”{each}扣 {} 分：发生几{counter}就录入几条，每条 {} 分",
                    item.name, item.points, item.points
                ),
            ));
        } else if let Some(item) = item
            && item.points > Points::ZERO
            && self.points > item.points
        {
            let message = match self.kind {
                AdjustmentKind::Bonus => format!(
                    "“{}”每项最多 {} 分，加分不能超过 {} 分",
                    item.name, item.points, item.points
                ),
                AdjustmentKind::Deduction => format!(
                    "“{}”一条最多扣 {} 分，扣分不能超过 {} 分",
                    item.name, item.points, item.points
                ),
            };
            problems.push((Value, message));
        }
        problems
    }
}

/// The levels of a bonus rule as said to a clerk: "2 分、1 分或 0.5 分".
#[must_use]
pub fn levels_text(levels: &[Points]) -> String {
    let named: Vec<String> = levels.iter().map(|level| format!("{level} 分")).collect();
    match named.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{}或 {last}", rest.join("、")),
        _ => named.concat(),
    }
}

/// The levels a bonus rule names in its words ("国家级2分，省级1分，市级0.5分" gives 2, 1 and
/// 0.5), highest first: each number written before "分" (full-width digits too, as an input
/// method types them), when there are two or more and the highest is the rule's points. A limit
/// written beside them ("累计最多3分") is no level. A rule naming one value or none has no
/// levels.
#[must_use]
pub fn bonus_levels(item: &RuleItem) -> Vec<Points> {
    if item.kind != ItemKind::Bonus {
        return Vec::new();
    }
    let chars: Vec<char> = crate::model::collation::half_width(&item.name)
        .chars()
        .collect();
    let mut levels: Vec<Points> = Vec::new();
    let mut start = None;
    for (at, c) in chars.iter().enumerate() {
        let is_number_char = c.is_ascii_digit() || *c == '.';
        match (start, is_number_char) {
            (None, true) => start = Some(at),
            (Some(from), false) => {
                if *c == '分' && !is_limit(&chars, from, at + 1) {
                    let text: String = chars.get(from..at).unwrap_or_default().iter().collect();
                    if let Ok(points) = Points::parse(&text)
                        && !levels.contains(&points)
                    {
                        levels.push(points);
                    }
                }
                start = None;
            }
            _ => {}
        }
    }
    // The rule's points are its highest level.
    let fits = levels.iter().max() == Some(&item.points);
    if levels.len() < 2 || !fits {
        return Vec::new();
    }
    levels.sort_by(|a, b| b.cmp(a));
    levels
}

/// True when the number from `from` to its "分" (ending before `after`) is a limit, not a
/// level: its clause (from the last comma or bracket) says so before it ("累计最多3分",
/// "最多加3分", "上限为3分", "不超过3分"), or the words after it do ("3分封顶", "以3分为限").
fn is_limit(chars: &[char], from: usize, after: usize) -> bool {
    let clause_start = (chars.get(..from).unwrap_or_default().iter())
        .rposition(|c| "，,；;（(：:".contains(*c))
        .map_or(0, |at| at + 1);
    let before: String = chars
        .get(clause_start..from)
        .unwrap_or_default()
        .iter()
        .collect();
    let next: String = chars
        .get(after..)
        .unwrap_or_default()
        .iter()
        .take(2)
        .collect();
    [
        "最多", "累计", "超过", "上限", "合计", "总计", "最高", "封顶",
    ]
    .iter()
    .any(|word| before.contains(word))
        || next == "封顶"
        || next == "为限"
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
    /// 扣分, each item no more than its 累计最多.
    pub deduction: Points,
    /// 扣分 as entered, before any item's 累计最多 (shown on hover where it differs).
    pub deduction_entered: Points,
    /// 总得分, never below zero; 0 for a vetoed unit (存在一票否决的，总成绩按 0 分计).
    pub total: Points,
    /// 基础得分 + 加分 − 扣分 (never below zero), as the unit earned it: its total but for a
    /// veto (shown on hover beside a vetoed unit's 0).
    pub earned: Points,
    /// True when vetoed.
    pub is_vetoed: bool,
    /// True when anything was entered (see [`UnitAssessment::is_scored`]).
    pub is_scored: bool,
    /// True when some indicator has an assessed score: until then the unit has no 基础得分 or
    /// 总得分 to show (a bonus, a deduction or a veto alone make none), only a blank.
    pub has_scores: bool,
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
    /// 扣分 as counted: the deductions, but no more than the base score and bonus (扣完为止),
    /// so that a table reads 基础得分 + 加分 − 扣分 = 总得分, also while indicators are
    /// missing (the base still growing, more of the deductions may count once they are in).
    /// Before any score there is no base or total to add up to: the deductions as entered.
    #[must_use]
    pub fn counted_deduction(&self) -> Points {
        if self.has_scores {
            self.deduction.min(self.base + self.bonus)
        } else {
            self.deduction
        }
    }

    /// The deductions that did not count because the total stopped at zero (扣完为止), when
    /// they go past the base score and bonus of a complete result (while indicators are
    /// missing the base is still growing, and all of them may count yet).
    #[must_use]
    pub fn deduction_past_zero(&self) -> Option<Points> {
        match self.deduction_held_back()? {
            HeldBack::PastZero(past) => Some(past),
            HeldBack::UntilScored => None,
        }
    }

    /// Why part of the deductions is not counted, when a part is not: past zero for good, or
    /// for now, until the missing scores grow the base (see [`Self::counted_deduction`]).
    #[must_use]
    pub fn deduction_held_back(&self) -> Option<HeldBack> {
        if self.deduction <= self.counted_deduction() {
            return None;
        }
        let room = self.base + self.bonus;
        if self.is_complete() {
            (self.deduction > room).then(|| HeldBack::PastZero(self.deduction.saturating_sub(room)))
        } else {
            (self.deduction > self.counted_deduction()).then_some(HeldBack::UntilScored)
        }
    }

    /// True when the result is final: every indicator has an assessed score. Only complete
    /// results are ranked, counted and published. A vetoed unit shows 不合格 at once, but its
    /// total and rank wait for its scores like anyone's (the notice's table lists them).
    #[must_use]
    pub fn is_complete(&self) -> bool {
        self.is_scored && self.missing == 0
    }
}

/// Why deductions entered are not all counted (see [`AssessmentRow::deduction_held_back`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeldBack {
    /// The unit is scored in full and its total stopped at zero (扣完为止): this much does not
    /// count.
    PastZero(Points),
    /// The unit is not scored in full: counted only as far as the scores so far go.
    UntilScored,
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
            let earned = (base + bonus).saturating_sub(deduction);
            let total = if unit.is_vetoed { Points::ZERO } else { earned };
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
                deduction_entered: unit
                    .adjustments
                    .iter()
                    .filter(|a| a.kind == AdjustmentKind::Deduction)
                    .map(|a| a.points)
                    .sum(),
                total,
                earned,
                is_vetoed: unit.is_vetoed,
                is_scored,
                has_scores: !unit.assessed.is_empty(),
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
            // Vetoed units, all at 0, share their rank; listed as they earned.
            .then(b.earned.cmp(&a.earned))
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
#[path = "assessment_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "assessment_rule_tests.rs"]
mod rule_tests;
