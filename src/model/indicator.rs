//! 考核指标: the year's indicator table per category, with bonus, deduction and veto items.

use super::points::Points;

/// One row of the indicator table; the rows of a set sum to the year's full score.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Indicator {
    /// Database id (0 before it is stored).
    pub id: i64,
    /// 考核项目.
    pub name: String,
    /// 分值: the most this row can score.
    pub points: Points,
    /// 评分标准.
    pub criteria: String,
    /// 考核方式.
    pub method: String,
}

/// The kind of a rule outside the indicator table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum ItemKind {
    /// 加分 item; `points` is the most one award of it gives.
    Bonus,
    /// 扣分 item; `points` is the deduction per occurrence.
    Deduction,
    /// 一票否决 condition; `points` is unused.
    Veto,
}

impl ItemKind {
    /// Every kind.
    pub const ALL: [Self; 3] = [Self::Bonus, Self::Deduction, Self::Veto];

    /// The Chinese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Bonus => "加分",
            Self::Deduction => "扣分",
            Self::Veto => "一票否决",
        }
    }

    /// The placeholder that lists the category's items of this kind in the agreement text.
    #[must_use]
    pub fn placeholder(self) -> super::template::Placeholder {
        use super::template::Placeholder;
        match self {
            Self::Bonus => Placeholder::BonusItems,
            Self::Deduction => Placeholder::DeductionItems,
            Self::Veto => Placeholder::VetoItems,
        }
    }

    /// The code stored in the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Bonus => "bonus",
            Self::Deduction => "deduction",
            Self::Veto => "veto",
        }
    }

    /// The kind for a stored code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code)
    }
}

/// A bonus, deduction or veto rule.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct RuleItem {
    /// Database id (0 before it is stored).
    pub id: i64,
    /// What kind of rule.
    pub kind: ItemKind,
    /// The condition, e.g. "经验做法被省级推广".
    pub name: String,
    /// Points per award or occurrence (zero for vetoes).
    pub points: Points,
    /// 累计最多: the most all of a unit's entries under this bonus or deduction rule add or
    /// take together ("每处扣1分，累计最多扣4分"); `None` for no limit of its own (a deduction
    /// then stops only where the total reaches zero: 扣完为止). Never set on a veto.
    #[serde(default)]
    pub cap: Option<Points>,
}

impl RuleItem {
    /// True when the name spells out levels of points ("国家级2分，省级1分"): a number of
    /// points in the name, not merely the character 分 ("责任分解").
    #[must_use]
    pub fn names_levels(&self) -> bool {
        let chars: Vec<char> = self.name.chars().collect();
        chars.windows(2).any(|pair| {
            matches!(pair, [digit, '分'] if digit.is_ascii_digit() || ('０'..='９').contains(digit))
        })
    }

    /// Checks the rule's own limit; returns a Chinese message when it cannot be saved.
    #[must_use]
    pub fn cap_problem(&self) -> Option<String> {
        let cap = self.cap?;
        if self.kind == ItemKind::Veto {
            return Some(format!("一票否决事项“{}”没有累计上限", self.name.trim()));
        }
        // "每次" only for a rule counted per occurrence; else its points as an item's.
        let each = if self.is_per_occurrence() {
            "每次的"
        } else {
            "该项的分值"
        };
        (cap < self.points || cap == Points::ZERO).then(|| {
            format!(
                "“{}”的累计上限 {cap} 分应不小于{each} {} 分",
                self.name.trim(),
                self.points
            )
        })
    }

    /// True for a rule counted per occurrence ("被上级通报批评（每次）", "每起"): each occurrence
    /// is one entry of its points.
    #[must_use]
    pub fn is_per_occurrence(&self) -> bool {
        self.occurrence().is_some()
    }

    /// The word its name counts occurrences by ("每起" for "迟报生产安全事故（每起）"), "每次"
    /// when it says none.
    #[must_use]
    pub fn occurrence_word(&self) -> &'static str {
        self.occurrence().unwrap_or("每次")
    }

    /// The first of [`OCCURRENCE_WORDS`] its name holds, else the one of
    /// [`CLOSING_OCCURRENCE_WORDS`] it ends on.
    fn occurrence(&self) -> Option<&'static str> {
        (OCCURRENCE_WORDS.iter())
            .find(|word| self.name.contains(**word))
            .copied()
            .or_else(|| closing_occurrence(&self.name))
    }
}

/// What to say when `full`, the year's full score, differs from what its indicator sets add up
/// to (`totals`; they must match before a set is marked final); `None` when all match or there
/// are none yet.
#[must_use]
pub fn full_score_mismatch(full: Points, totals: &[Points]) -> Option<String> {
    let mut differing: Vec<Points> = (totals.iter().copied())
        .filter(|total| *total != full)
        .collect();
    differing.sort_unstable();
    differing.dedup();
    (!differing.is_empty()).then(|| {
        let listed: Vec<String> = differing.iter().map(ToString::to_string).collect();
        format!(
            "考核指标分值合计 {}，与满分 {full} 不一致：请在“责任书 → 考核指标”中调整（相等后指标才能定稿）",
            listed.join("、")
        )
    })
}

/// Why a category's indicators cannot be made editable again: `issued` agreements carry them
/// in their frozen annex, `signed` of them signed or archived (assessed by the text signed: only
/// one marked signed by mistake goes back).
#[must_use]
pub fn frozen_by_issued(issued: i64, signed: i64) -> String {
    if signed == 0 {
        format!(
            "本类别已有 {issued} 份责任书定稿，附件中的考核指标已随之冻结，不能取消定稿；如需更正，请先把这些责任书退回草稿"
        )
    } else {
        format!(
            "本类别已有 {issued} 份责任书定稿（其中 {signed} 份已签订或归档），附件中的考核指标已随之冻结，不能取消定稿：已签订的按签订的文本考核；确需更改指标的，须这些责任书都回到草稿（误标为已签订的可先撤销签订）"
        )
    }
}

/// The words that make a rule count per occurrence wherever its name holds them: "被上级通报
/// 批评（每次）".
pub const OCCURRENCE_WORDS: [&str; 8] = [
    "每次", "每起", "每例", "每件", "每项", "每处", "每人", "每家",
];

/// Measure words that make a rule count per occurrence where its name ends on them, bare or in
/// brackets ("特种设备未检验（每台）", "隐患逾期未整改，每宗"); inside a name they describe
/// ("未落实每日隐患排查"). "每个" is none: "每个事项按最高级别计" is how a bonus by levels reads.
pub const CLOSING_OCCURRENCE_WORDS: [&str; 13] = [
    "每台", "每批", "每宗", "每户", "每条", "每座", "每辆", "每艘", "每名", "每份", "每篇", "每日",
    "每天",
];

/// The word of [`CLOSING_OCCURRENCE_WORDS`] `name` ends on, bare or in brackets, a closing
/// mark after it aside.
fn closing_occurrence(name: &str) -> Option<&'static str> {
    let name = name.trim().trim_end_matches(['。', '；', '，', '、']);
    let name = name.strip_suffix(['）', ')']).unwrap_or(name);
    (CLOSING_OCCURRENCE_WORDS.iter())
        .find(|word| name.ends_with(**word))
        .copied()
}

/// The indicators of one year and category.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct IndicatorSet {
    /// Database id (0 before it is stored).
    pub id: i64,
    /// The year.
    pub year: i32,
    /// The category id.
    pub category_id: i64,
    /// Cap on the sum of bonuses one unit can get.
    pub bonus_cap: Points,
    /// True once the office has marked the set final.
    pub is_final: bool,
    /// The table rows in order.
    pub indicators: Vec<Indicator>,
    /// Bonus, deduction and veto rules in order.
    pub items: Vec<RuleItem>,
}

impl IndicatorSet {
    /// The sum of the table's points.
    #[must_use]
    pub fn total_points(&self) -> Points {
        self.indicators
            .iter()
            .map(|indicator| indicator.points)
            .sum()
    }

    /// The rules of one kind.
    pub fn items_of(&self, kind: ItemKind) -> impl Iterator<Item = &RuleItem> {
        self.items.iter().filter(move |item| item.kind == kind)
    }

    /// Why a bonus rule cannot stand beside the category's 加分上限: one award, or the rule's
    /// own limit, above it would never count in full (a cap of 0 counts no bonus at all, said
    /// by the editor instead).
    #[must_use]
    pub fn bonus_cap_problem(&self) -> Option<String> {
        let cap = self.bonus_cap;
        if cap == Points::ZERO {
            return None;
        }
        self.items_of(ItemKind::Bonus).find_map(|item| {
            if item.points > cap {
                Some(format!(
                    "加分事项“{}”{} {} 分，超过本类别的加分上限 {cap} 分",
                    item.name.trim(),
                    if item.is_per_occurrence() {
                        "每次"
                    } else {
                        "分值"
                    },
                    item.points
                ))
            } else {
                item.cap.filter(|&own| own > cap).map(|own| {
                    format!(
                        "“{}”的累计上限 {own} 分超过本类别的加分上限 {cap} 分",
                        item.name.trim()
                    )
                })
            }
        })
    }

    /// Indicator names given to more than one indicator, each said once with where: the grid,
    /// the forms, the notice's table and `zerenshu score --indicator` tell indicators apart by
    /// name.
    #[must_use]
    pub fn repeated_names(&self) -> Vec<String> {
        let mut said = Vec::new();
        let mut problems = Vec::new();
        for indicator in &self.indicators {
            let name = indicator.name.trim();
            if name.is_empty() || said.contains(&name) {
                continue;
            }
            let places: Vec<String> = (self.indicators.iter().enumerate())
                .filter(|(_, other)| other.name.trim() == name)
                .map(|(index, _)| (index + 1).to_string())
                .collect();
            if places.len() > 1 {
                said.push(name);
                problems.push(format!(
                    "第 {} 项指标同名（“{name}”），请改成能区分的名称",
                    places.join("、")
                ));
            }
        }
        problems
    }

    /// Bonus, deduction and veto items of one kind given the same name more than once: the
    /// agreement would print the rule twice, and the 考核 screen could not tell them apart.
    #[must_use]
    pub fn repeated_items(&self) -> Vec<String> {
        let mut problems = Vec::new();
        // Alike whatever ends them or how they are spaced: "…事故。" repeats "…事故".
        let key =
            |name: &str| {
                super::collation::folded(name.trim_end_matches(|c: char| {
                    c.is_whitespace() || "。.；;，,、：:！!".contains(c)
                }))
            };
        for kind in ItemKind::ALL {
            let mut seen: Vec<String> = Vec::new();
            let mut said: Vec<String> = Vec::new();
            for item in self.items_of(kind) {
                let name = item.name.trim();
                let alike = key(name);
                if alike.is_empty() || said.contains(&alike) {
                    continue;
                }
                if seen.contains(&alike) {
                    said.push(alike);
                    problems.push(format!(
                        "{}事项“{name}”重复，请删去重复的一项",
                        kind.label()
                    ));
                } else {
                    seen.push(alike);
                }
            }
        }
        problems
    }

    /// Checks the set before it may be marked final; returns Chinese messages.
    #[must_use]
    pub fn validate_final(&self, full_score: Points) -> Vec<String> {
        let mut errors = Vec::new();
        if self.total_points() != full_score {
            errors.push(format!(
                "指标分值合计为 {}，应为 {}",
                self.total_points(),
                full_score
            ));
        }
        errors.extend(self.final_problems_besides_sum());
        errors
    }

    /// What keeps the set from being marked final other than its sum (which an editor shows
    /// as a running total of its own): unnamed, pointless or criteria-less rows, repeated
    /// names, caps.
    #[must_use]
    pub fn final_problems_besides_sum(&self) -> Vec<String> {
        let mut errors = Vec::new();
        for (index, indicator) in self.indicators.iter().enumerate() {
            if indicator.name.trim().is_empty() {
                errors.push(format!("第 {} 项指标没有名称", index + 1));
            }
            if indicator.points == Points::ZERO {
                errors.push(format!("第 {} 项指标的分值应大于 0", index + 1));
            }
            // The annex of every agreement prints it: an empty cell says nothing to score by.
            if indicator.criteria.trim().is_empty() {
                errors.push(format!(
                    "第 {} 项指标“{}”没有填写考核标准（责任书附件表中会是空格）",
                    index + 1,
                    indicator.name.trim()
                ));
            }
        }
        errors.extend(self.repeated_names());
        errors.extend(self.repeated_items());
        errors.extend(self.items.iter().filter_map(RuleItem::cap_problem));
        errors.extend(self.bonus_cap_problem());
        errors.extend(self.zero_cap_problem());
        errors
    }

    /// Why bonus items beside a 加分上限 of 0 cannot be final: none of them would count, and
    /// an agreement would print them with "加分合计不超过0分". Saved so while being worked on,
    /// but not issued.
    #[must_use]
    pub fn zero_cap_problem(&self) -> Option<String> {
        let count = self.items_of(ItemKind::Bonus).count();
        (self.bonus_cap == Points::ZERO && count > 0).then(|| {
            format!(
                "加分上限为 0，却列有 {count} 项加分事项：它们都不会计入总分，责任书中会印成“加分合计不超过0分”；请填写加分上限（如 5），或删去加分事项"
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rule_counts_occurrences_by_the_word_its_name_uses() {
        let rule = |name: &str| RuleItem {
            id: 0,
            kind: ItemKind::Deduction,
            name: name.to_owned(),
            points: Points::whole(5),
            cap: None,
        };
        assert_eq!(rule("迟报生产安全事故（每起）").occurrence_word(), "每起");
        assert_eq!(rule("被上级通报批评（每次）").occurrence_word(), "每次");
        assert_eq!(rule("考核材料未按时报送").occurrence_word(), "每次");
        assert_eq!(rule("特种设备未检验（每台）").occurrence_word(), "每台");
        assert!(rule("隐患逾期未整改，每宗").is_per_occurrence());
        // Inside a name a measure word only describes.
        assert!(!rule("未落实每日隐患排查制度").is_per_occurrence());
    }

    #[test]
    fn final_set_must_sum_to_full_score() {
        let row = |points| Indicator {
            id: 0,
            name: format!("指标{points}"),
            points: Points::whole(points),
            criteria: "按要求完成得满分".into(),
            method: String::new(),
        };
        let mut set = IndicatorSet {
            id: 0,
            year: 2025,
            category_id: 1,
            bonus_cap: Points::whole(5),
            is_final: false,
            indicators: vec![row(60), row(30)],
            items: vec![],
        };
        assert_eq!(
            set.validate_final(Points::whole(100)),
            vec!["指标分值合计为 90，应为 100".to_owned()]
        );
        set.indicators.push(row(10));
        assert!(set.validate_final(Points::whole(100)).is_empty());
        set.indicators[2].name = " 指标60".into();
        assert_eq!(
            set.validate_final(Points::whole(100)),
            vec!["第 1、3 项指标同名（“指标60”），请改成能区分的名称".to_owned()]
        );
        set.indicators[2].name = "指标10".into();
        // The annex prints the criteria: a row without them says nothing to score by.
        set.indicators[1].criteria = " ".into();
        assert_eq!(
            set.validate_final(Points::whole(100)),
            vec!["第 2 项指标“指标30”没有填写考核标准（责任书附件表中会是空格）".to_owned()]
        );
        set.indicators[1].criteria = "按要求完成得满分".into();
        // One award above the category's 加分上限 never counts in full.
        let bonus = |points, cap: Option<i64>| RuleItem {
            id: 0,
            kind: ItemKind::Bonus,
            name: "经验做法被推广".into(),
            points: Points::whole(points),
            cap: cap.map(Points::whole),
        };
        set.items = vec![bonus(5, None)];
        assert_eq!(set.bonus_cap_problem(), None, "at the cap is fine");
        set.items = vec![bonus(7, None)];
        assert_eq!(
            set.validate_final(Points::whole(100)),
            vec!["加分事项“经验做法被推广”分值 7 分，超过本类别的加分上限 5 分".to_owned()]
        );
        set.items = vec![bonus(2, Some(6))];
        assert_eq!(
            set.bonus_cap_problem().as_deref(),
            Some("“经验做法被推广”的累计上限 6 分超过本类别的加分上限 5 分")
        );
        set.bonus_cap = Points::ZERO;
        assert_eq!(
            set.bonus_cap_problem(),
            None,
            "no bonus counts: said elsewhere"
        );
        // Said where it matters: the set is not made final so.
        assert!(
            set.final_problems_besides_sum()
                .iter()
                .any(|p| p.starts_with("加分上限为 0，却列有 1 项加分事项")),
            "{:?}",
            set.final_problems_besides_sum()
        );
        set.items.clear();
        assert_eq!(set.zero_cap_problem(), None, "no bonus at all is fine");
    }

    #[test]
    fn items_of_one_kind_named_alike_keep_the_set_from_being_final() {
        let item = |kind, name: &str| RuleItem {
            id: 0,
            kind,
            name: name.into(),
            points: Points::ZERO,
            cap: None,
        };
        let set = IndicatorSet {
            id: 0,
            year: 2025,
            category_id: 1,
            bonus_cap: Points::whole(5),
            is_final: false,
            indicators: vec![],
            items: vec![
                item(ItemKind::Veto, "考核中弄虚作假"),
                item(ItemKind::Deduction, "考核中弄虚作假"),
                item(ItemKind::Veto, " 考核中弄虚作假"),
                item(ItemKind::Veto, "考核中弄虚作假"),
                item(ItemKind::Veto, "发生较大及以上生产安全事故"),
                item(ItemKind::Veto, "发生较大及以上生产安全事故。"),
            ],
        };
        // Once for the veto named three times; the deduction of that name is another rule.
        // Ended with a full stop, the same rule still.
        assert_eq!(
            set.repeated_items(),
            [
                "一票否决事项“考核中弄虚作假”重复，请删去重复的一项",
                "一票否决事项“发生较大及以上生产安全事故。”重复，请删去重复的一项"
            ]
        );
        assert!(
            set.final_problems_besides_sum()
                .contains(&"一票否决事项“考核中弄虚作假”重复，请删去重复的一项".to_owned())
        );
    }
}
