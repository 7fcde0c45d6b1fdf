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
                Some(fill(&clause, &values).map(|text| {
                    (
                        closed_after_list(&clause, tidy_paragraphs(&text)),
                        takes_number,
                    )
                }))
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

/// A clause as it prints: each paragraph without the spaces pasted before or after it (Word's
/// "　　" indent; the layout indents every paragraph itself, and a "（一）" number must lead
/// for the clause to be counted and set as a level-2 heading), blank paragraphs left out.
fn tidy_paragraphs(text: &str) -> String {
    text.split('\n')
        .map(str::trim)
        .filter(|paragraph| !paragraph.is_empty())
        .collect::<Vec<_>>()
        .join("\n")
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
        self.write_sections(&mut text);
        if !self.indicators.is_empty() {
            let _ = writeln!(text, "附：考核指标");
            self.write_indicator_rows(&mut text);
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
    /// attachment's title print it. (Not taken from the title: an issued agreement reprinted
    /// must read as the paper signed.)
    #[must_use]
    pub fn annex_title(&self) -> String {
        format!("{}年度安全生产目标管理考核指标", self.year)
    }

    /// The text in the order the pages print it, for a preview: the body, the 附件说明 line,
    /// the signature block, then the attached indicator table. (The hash covers
    /// [`Self::to_text`], whose order issued agreements keep.)
    #[must_use]
    pub fn reading_text(&self) -> String {
        self.reading_blocks().concat()
    }

    /// [`Self::reading_text`] in blocks: the title, parties and preamble; each section (its
    /// heading and clauses); the rest. A preview shows the block being edited.
    #[must_use]
    pub fn reading_blocks(&self) -> Vec<String> {
        let mut head = String::new();
        let _ = writeln!(head, "{}\n", self.title);
        let _ = writeln!(head, "甲方：{}", self.party_a);
        let _ = writeln!(head, "乙方：{}\n", self.party_b);
        let _ = writeln!(head, "{}", self.preamble);
        let mut blocks = vec![head];
        for section in &self.sections {
            let mut text = String::new();
            write_section(&mut text, section);
            blocks.push(text);
        }
        let mut text = String::new();
        if !self.indicators.is_empty() {
            let _ = writeln!(text, "\n附件：{}", self.annex_title());
        }
        for (side, party, title) in [
            ("甲方", &self.party_a, &self.party_a_signatory_title),
            ("乙方", &self.party_b, &self.party_b_signatory_title),
        ] {
            let signer = if title.is_empty() { "负责人" } else { title };
            // Each side dated under its signature, as the page prints it.
            let _ = writeln!(
                text,
                "\n{side}：{party}（盖章）\n{signer}（签字）：\n　　　　年　　月　　日"
            );
        }
        if !self.indicators.is_empty() {
            let _ = writeln!(text, "\n附件\n{}", self.annex_title());
            let _ = writeln!(text, "序号\t考核项目\t分值\t考核标准");
            self.write_indicator_rows(&mut text);
        }
        blocks.push(text);
        blocks
    }

    /// The section headings and clauses, a line each.
    fn write_sections(&self, text: &mut String) {
        for section in &self.sections {
            write_section(text, section);
        }
    }

    /// The indicator table's rows, a line each: 序号, 考核项目, 分值 and 考核标准 by tabs.
    fn write_indicator_rows(&self, text: &mut String) {
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
#[path = "agreement_tests.rs"]
mod tests;

/// A section's heading and clauses, a line each.
fn write_section(text: &mut String, section: &ContentSection) {
    let _ = writeln!(text, "{}", section.heading);
    for clause in &section.clauses {
        let _ = writeln!(text, "{clause}");
    }
}
