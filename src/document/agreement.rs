//! The structured agreement: title, parties, preamble, numbered sections, indicator table and
//! signature titles. At 定稿 it is stored as JSON and its plain text is hashed (SHA-256).

use std::fmt::Write as _;

use crate::model::agreement::{content_hash, placeholder_values};
use crate::model::rule_wording::closed_after_list;
use crate::model::tailoring::{numbered_rest, tailored_sections};
use crate::model::template::{PlaceholderError, chinese_ordinal, fill};
use crate::model::{IndicatorSet, Points, Tailoring, TemplateDraft, UnitDraft, Year};

/// A numbered section with its filled-in clauses.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContentSection {
    /// Heading with its number, e.g. "一、安全生产控制目标".
    pub heading: String,
    /// Clauses in order.
    pub clauses: Vec<String>,
}

/// One row of the agreement's indicator table.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ContentIndicator {
    /// 考核项目.
    pub name: String,
    /// 分值.
    pub points: Points,
    /// 考核标准.
    pub criteria: String,
}

/// Everything printed on one unit's agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct AgreementContent {
    /// The year.
    pub year: i32,
    /// 序号 within the year.
    pub number: i64,
    /// Title, e.g. "2025年度安全生产目标管理责任书".
    pub title: String,
    /// 甲方 name.
    pub party_a: String,
    /// 乙方 name.
    pub party_b: String,
    /// Preamble, filled in.
    pub preamble: String,
    /// Sections, tailored and filled in.
    pub sections: Vec<ContentSection>,
    /// The indicator table.
    pub indicators: Vec<ContentIndicator>,
    /// Title of 甲方's signatory (e.g. 副市长).
    pub party_a_signatory_title: String,
    /// Title of 乙方's principal (e.g. 镇长).
    pub party_b_signatory_title: String,
    /// 一式 N 份.
    pub copies: i64,
}

/// What an agreement is built from.
pub struct AgreementInputs<'a> {
    /// The template version.
    pub template: &'a TemplateDraft,
    /// The year's settings.
    pub year: &'a Year,
    /// The unit.
    pub unit: &'a UnitDraft,
    /// The unit's tailoring.
    pub tailoring: &'a Tailoring,
    /// The category's indicators, if any.
    pub indicators: Option<&'a IndicatorSet>,
    /// 序号.
    pub number: i64,
    /// 一式 N 份.
    pub copies: i64,
}

/// Builds the structured agreement; fails on unknown placeholders.
pub fn build_agreement(
    inputs: &AgreementInputs<'_>,
) -> Result<AgreementContent, Vec<PlaceholderError>> {
    let values = placeholder_values(
        inputs.year,
        inputs.unit,
        inputs.tailoring,
        inputs.indicators,
        inputs.copies,
    );
    let mut sections = Vec::with_capacity(inputs.template.sections.len());
    for (index, (section, clauses)) in inputs
        .template
        .sections
        .iter()
        .zip(tailored_sections(inputs.template, inputs.tailoring))
        .enumerate()
    {
        let heading = format!(
            "{}、{}",
            chinese_ordinal(index + 1),
            fill(&section.heading, &values)?
        );
        // A clause added or reworded for one unit takes a number when the template's clauses
        // around it have one, whether or not the clerk typed it.
        let is_numbered_section = section.clauses.iter().any(|c| numbered_rest(c).is_some());
        let clauses: Vec<(String, bool)> = clauses
            .into_iter()
            .enumerate()
            .filter_map(|(index, clause)| {
                let clause = clause?;
                let takes_number = match section.clauses.get(index) {
                    Some(original) if *original == clause => false,
                    Some(original) => numbered_rest(original).is_some(),
                    None => is_numbered_section,
                };
                Some(
                    fill(&clause, &values)
                        .map(|text| (closed_after_list(&clause, text), takes_number)),
                )
            })
            .collect::<Result<_, _>>()?;
        sections.push(ContentSection {
            heading,
            clauses: renumber_clauses(clauses),
        });
    }
    let indicators = inputs
        .indicators
        .map(|set| {
            set.indicators
                .iter()
                .map(|i| ContentIndicator {
                    name: i.name.clone(),
                    points: i.points,
                    criteria: i.criteria.clone(),
                })
                .collect()
        })
        .unwrap_or_default();
    Ok(AgreementContent {
        year: inputs.year.year,
        number: inputs.number,
        title: fill(&inputs.template.title_pattern, &values)?,
        party_a: inputs.year.party_a_name.clone(),
        party_b: inputs.unit.name.clone(),
        preamble: fill(&inputs.template.preamble, &values)?,
        sections,
        indicators,
        party_a_signatory_title: inputs.year.party_a_signatory_title.clone(),
        party_b_signatory_title: inputs.unit.principal_title.clone(),
        copies: inputs.copies,
    })
}

/// The clauses with their "（一）" numbers counted again in order: a clause moved, dropped or
/// added for one unit never leaves a gap or a repeat in the signed text. A clause marked to
/// take a number (one added or reworded for a unit among numbered clauses) gets one if it was
/// typed without, or with a number in another form ("(3)", "（３）"); other clauses that do
/// not start with a "（一）" number keep their text and are not counted.
fn renumber_clauses(clauses: Vec<(String, bool)>) -> Vec<String> {
    let mut count = 0;
    clauses
        .into_iter()
        .map(|(clause, takes_number)| {
            let rest = numbered_rest(&clause).or_else(|| {
                takes_number.then(|| loosely_numbered_rest(&clause).unwrap_or(clause.trim_start()))
            });
            match rest {
                Some(rest) => {
                    count += 1;
                    format!("（{}）{rest}", chinese_ordinal(count))
                }
                None => clause,
            }
        })
        .collect()
}

/// Counts the "（一）" numbers of a template section's clauses again after the clerk moved or
/// removed one, so the editor shows what the agreements will read; clauses without such a
/// number are left as typed.
pub fn renumber_template_clauses(clauses: &mut Vec<String>) {
    let taken = std::mem::take(clauses);
    *clauses = renumber_clauses(taken.into_iter().map(|c| (c, false)).collect());
}

/// The text after a number typed in another form than "（一）": half-width brackets, or
/// Arabic digits (half- or full-width) in either kind of bracket.
fn loosely_numbered_rest(clause: &str) -> Option<&str> {
    let clause = clause.trim_start();
    let inner = clause
        .strip_prefix('(')
        .or_else(|| clause.strip_prefix('（'))?;
    let end = inner.find([')', '）'])?;
    let number = inner.get(..end)?;
    let is_number = !number.is_empty()
        && (number.chars().all(|c| "一二三四五六七八九十".contains(c))
            || number
                .chars()
                .all(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)));
    let close = inner.get(end..)?.chars().next()?;
    is_number
        .then(|| inner.get(end + close.len_utf8()..))
        .flatten()
        .map(str::trim_start)
}

impl AgreementContent {
    /// The plain text in reading order; this is what the SHA-256 at 定稿 covers.
    #[must_use]
    pub fn to_text(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(text, "{}", self.title);
        let _ = writeln!(text, "甲方：{}", self.party_a);
        let _ = writeln!(text, "乙方：{}", self.party_b);
        let _ = writeln!(text, "{}", self.preamble);
        for section in &self.sections {
            let _ = writeln!(text, "{}", section.heading);
            for clause in &section.clauses {
                let _ = writeln!(text, "{clause}");
            }
        }
        if !self.indicators.is_empty() {
            let _ = writeln!(text, "附：考核指标");
            for (index, indicator) in self.indicators.iter().enumerate() {
                let _ = writeln!(
                    text,
                    "{}\t{}\t{}\t{}",
                    index + 1,
                    indicator.name,
                    indicator.points,
                    indicator.criteria
                );
            }
        }
        let _ = writeln!(
            text,
            "甲方：{}（盖章）\t{}（签字）",
            self.party_a, self.party_a_signatory_title
        );
        let _ = writeln!(
            text,
            "乙方：{}（盖章）\t{}（签字）",
            self.party_b, self.party_b_signatory_title
        );
        text
    }

    /// The name of the attached indicator table (附件), as the 附件说明 line and the
    /// attachment's title print it.
    #[must_use]
    pub fn annex_title(&self) -> String {
        format!("{}年度安全生产目标管理考核指标", self.year)
    }

    /// The text in the order the pages print it, for a preview: the body, the 附件说明 line,
    /// the signature block, then the attached indicator table. (The hash covers
    /// [`Self::to_text`], whose order issued agreements keep.)
    #[must_use]
    pub fn reading_text(&self) -> String {
        let mut text = String::new();
        let _ = writeln!(text, "{}\n", self.title);
        let _ = writeln!(text, "甲方：{}", self.party_a);
        let _ = writeln!(text, "乙方：{}\n", self.party_b);
        let _ = writeln!(text, "{}", self.preamble);
        for section in &self.sections {
            let _ = writeln!(text, "{}", section.heading);
            for clause in &section.clauses {
                let _ = writeln!(text, "{clause}");
            }
        }
        if !self.indicators.is_empty() {
            let _ = writeln!(text, "\n附件：{}", self.annex_title());
        }
        for (side, party, title) in [
            ("甲方", &self.party_a, &self.party_a_signatory_title),
            ("乙方", &self.party_b, &self.party_b_signatory_title),
        ] {
            let signer = if title.is_empty() { "负责人" } else { title };
            let _ = writeln!(text, "\n{side}：{party}（盖章）\n{signer}（签字）：");
        }
        let _ = writeln!(text, "　　　　年　　月　　日");
        if !self.indicators.is_empty() {
            let _ = writeln!(text, "\n附件\n{}", self.annex_title());
            let _ = writeln!(text, "序号\t考核项目\t分值\t考核标准");
            for (index, indicator) in self.indicators.iter().enumerate() {
                let _ = writeln!(
                    text,
                    "{}\t{}\t{}\t{}",
                    index + 1,
                    indicator.name,
                    indicator.points,
                    indicator.criteria
                );
            }
        }
        text
    }

    /// SHA-256 (hex) of [`Self::to_text`].
    #[must_use]
    pub fn hash(&self) -> String {
        content_hash(self.to_text())
    }

    /// The verification code printed on issued copies: the first 12 hex digits of the hash.
    #[must_use]
    pub fn verification_code(hash: &str) -> &str {
        crate::model::agreement::verification_code(hash)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClauseChange, Section};

    #[test]
    fn clause_numbers_are_counted_again_after_a_clause_is_dropped_or_moved() {
        let clauses = |texts: &[&str]| texts.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
        let kept = |texts: &[&str]| {
            texts
                .iter()
                .map(|t| ((*t).to_owned(), false))
                .collect::<Vec<_>>()
        };
        assert_eq!(
            renumber_clauses(kept(&[
                "（一）甲。",
                "（三）丙。",
                "说明文字。",
                "（二）乙。"
            ])),
            clauses(&["（一）甲。", "（二）丙。", "说明文字。", "（三）乙。"])
        );
        let many: Vec<(String, bool)> = (0..12)
            .map(|_| ("（一）条款。".to_owned(), false))
            .collect();
        let renumbered = renumber_clauses(many);
        assert_eq!(renumbered[9], "（十）条款。");
        assert_eq!(renumbered[11], "（十二）条款。");
        // Brackets that do not hold a number are left alone.
        assert_eq!(
            renumber_clauses(kept(&["（注）见附件。", "（）空。"])),
            clauses(&["（注）见附件。", "（）空。"])
        );
    }

    #[test]
    fn a_clause_added_or_reworded_for_a_unit_is_numbered_like_its_neighbours() {
        let template = TemplateDraft {
            year: 2025,
            category_id: 1,
            title_pattern: "{年度}年度安全生产目标管理责任书".into(),
            preamble: String::new(),
            sections: vec![
                Section {
                    heading: "目标".into(),
                    clauses: vec![
                        "（一）{控制指标}。".into(),
                        "（二）乙。".into(),
                        "（三）丙。".into(),
                        "说明：以上为年度目标。".into(),
                    ],
                },
                Section {
                    heading: "附则".into(),
                    clauses: vec!["本责任书一式{份数}份。".into()],
                },
            ],
        };
        let replace = |clause: usize, original: &str, text: &str| ClauseChange::Replace {
            section: 0,
            clause,
            original: original.into(),
            text: text.into(),
        };
        let add = |section: usize, heading: &str, text: &str| ClauseChange::Add {
            section,
            heading: heading.into(),
            text: text.into(),
        };
        let tailoring = Tailoring {
            control_targets: Vec::new(),
            clause_changes: vec![
                replace(1, "（二）乙。", "乙（本单位）。"),
                replace(2, "（三）丙。", "(3) 丙（本单位）。"),
                replace(3, "说明：以上为年度目标。", "说明：以上为本单位目标。"),
                add(0, "目标", "  新增的丁。"),
                add(0, "目标", "（５）新增的戊。"),
                add(1, "附则", "本责任书自签订之日起生效。"),
            ],
        };
        let year = Year::new(2025, "示例市人民政府");
        let unit = UnitDraft {
            name: "响嘡街道办事处".into(),
            ..UnitDraft::empty(1)
        };
        let inputs = AgreementInputs {
            template: &template,
            year: &year,
            unit: &unit,
            tailoring: &tailoring,
            indicators: None,
            number: 1,
            copies: 2,
        };
        let content = build_agreement(&inputs).unwrap();
        assert_eq!(
            content.sections[0].clauses,
            [
                "（一）〔控制指标未填写〕。",
                "（二）乙（本单位）。",
                "（三）丙（本单位）。",
                "说明：以上为本单位目标。",
                "（四）新增的丁。",
                "（五）新增的戊。",
            ]
        );
        assert_eq!(
            content.sections[1].clauses,
            ["本责任书一式两份。", "本责任书自签订之日起生效。"],
            "a section without numbers gets none"
        );
    }

    #[test]
    fn rule_placeholders_read_what_the_indicator_set_holds() {
        use crate::model::{ItemKind, RuleItem};
        let template = TemplateDraft {
            year: 2025,
            category_id: 1,
            title_pattern: "{年度}年度安全生产目标管理责任书".into(),
            preamble: String::new(),
            sections: vec![Section {
                heading: "考核与奖惩".into(),
                clauses: vec![
                    "（一）加分项目：{加分事项}，累计不超过{加分上限}分。".into(),
                    "（二）扣分项目：{扣分事项}。".into(),
                    "（三）有下列情形之一的，实行一票否决：{一票否决事项}。".into(),
                ],
            }],
        };
        let rule = |kind, name: &str, points| RuleItem {
            id: 0,
            kind,
            name: name.into(),
            points: Points(points),
            cap: None,
        };
        let mut set = IndicatorSet {
            id: 1,
            year: 2025,
            category_id: 1,
            bonus_cap: Points::whole(5),
            is_final: true,
            indicators: Vec::new(),
            items: vec![
                rule(ItemKind::Bonus, "获评省级安全发展示范称号", 100),
                rule(ItemKind::Deduction, "被上级通报批评（每次）", 200),
                rule(ItemKind::Veto, "发生较大及以上生产安全事故", 0),
                rule(ItemKind::Veto, "瞒报、谎报生产安全事故", 0),
            ],
        };
        let year = Year::new(2025, "示例市人民政府");
        let unit = UnitDraft {
            name: "青山镇人民政府".into(),
            ..UnitDraft::empty(1)
        };
        let tailoring = Tailoring::default();
        let clauses_of = |template: &TemplateDraft, set: &IndicatorSet| {
            let inputs = AgreementInputs {
                template,
                year: &year,
                unit: &unit,
                tailoring: &tailoring,
                indicators: Some(set),
                number: 1,
                copies: 3,
            };
            build_agreement(&inputs).unwrap().sections[0]
                .clauses
                .clone()
        };
        let clauses = |set: &IndicatorSet| clauses_of(&template, set);
        assert_eq!(
            clauses(&set),
            [
                "（一）加分项目：获评省级安全发展示范称号，加1分，累计不超过5分。",
                "（二）扣分项目：被上级通报批评，每次扣2分。",
                "（三）有下列情形之一的，实行一票否决：发生较大及以上生产安全事故；瞒报、谎报生产安全事故。",
            ]
        );
        // A veto condition added in the indicator editor reaches the agreement's text.
        set.items.push(rule(ItemKind::Veto, "考核中弄虚作假", 0));
        set.bonus_cap = Points::whole(3);
        let changed = clauses(&set);
        assert!(changed[0].ends_with("累计不超过3分。"));
        assert!(changed[2].ends_with("瞒报、谎报生产安全事故；考核中弄虚作假。"));
        // A clause that ends on the list without a closing mark gets one after it.
        let mut open = template.clone();
        open.sections[0].clauses[1] = "（二）扣分项目：{扣分事项}".into();
        assert_eq!(
            clauses_of(&open, &set)[1],
            "（二）扣分项目：被上级通报批评，每次扣2分。"
        );
    }

    #[test]
    fn builds_numbered_sections_and_hashes_the_text() {
        let template = TemplateDraft {
            year: 2025,
            category_id: 1,
            title_pattern: "{年度}年度安全生产目标管理责任书".into(),
            preamble: "{甲方}与{单位名称}签订本责任书。".into(),
            sections: vec![
                Section {
                    heading: "目标".into(),
                    clauses: vec!["（一）{控制指标}。".into()],
                },
                Section {
                    heading: "附则".into(),
                    clauses: vec!["（一）一式{份数}份。".into()],
                },
            ],
        };
        let year = Year::new(2025, "示例市人民政府");
        let unit = UnitDraft {
            name: "响嘡街道办事处".into(),
            principal_title: "主任".into(),
            ..UnitDraft::empty(1)
        };
        let tailoring = Tailoring::default();
        let inputs = AgreementInputs {
            template: &template,
            year: &year,
            unit: &unit,
            tailoring: &tailoring,
            indicators: None,
            number: 2,
            copies: 3,
        };
        let content = build_agreement(&inputs).unwrap();
        assert_eq!(content.title, "2025年度安全生产目标管理责任书");
        assert_eq!(content.sections[1].heading, "二、附则");
        assert_eq!(content.sections[1].clauses, ["（一）一式三份。"]);
        assert!(
            content
                .to_text()
                .contains("乙方：响嘡街道办事处（盖章）\t主任（签字）")
        );
        assert_eq!(
            AgreementContent::verification_code(&content.hash()).len(),
            12
        );
    }

    #[test]
    fn the_preview_text_reads_in_the_printed_order_the_table_after_the_signatures() {
        let content = AgreementContent {
            year: 2025,
            number: 1,
            title: "2025年度安全生产目标管理责任书".into(),
            party_a: "示例市人民政府".into(),
            party_b: "响嘡街道办事处".into(),
            preamble: "为落实安全生产责任，签订本责任书。".into(),
            sections: vec![ContentSection {
                heading: "一、目标".into(),
                clauses: vec!["（一）不发生较大事故。".into()],
            }],
            indicators: vec![ContentIndicator {
                name: "组织领导".into(),
                points: Points::parse("10").unwrap(),
                criteria: "未按要求的扣2分".into(),
            }],
            party_a_signatory_title: "市长".into(),
            party_b_signatory_title: String::new(),
            copies: 3,
        };
        let text = content.reading_text();
        let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle}"));
        let order = [
            "为落实安全生产责任",
            "（一）不发生较大事故。",
            "附件：2025年度安全生产目标管理考核指标",
            "甲方：示例市人民政府（盖章）",
            "市长（签字）：",
            "乙方：响嘡街道办事处（盖章）",
            "负责人（签字）：",
            "年　　月　　日",
            "\n附件\n2025年度安全生产目标管理考核指标",
            "1\t组织领导\t10\t未按要求的扣2分",
        ];
        for pair in order.windows(2) {
            assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
        }
        // The hashed text keeps its own order, so issued agreements verify as before.
        assert!(
            content.to_text().find("附：考核指标")
                < content.to_text().find("甲方：示例市人民政府（盖章）")
        );
    }
}
