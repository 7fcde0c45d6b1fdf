//! Before the 定稿 question is asked: what 定稿 itself would refuse for drafts whose category's
//! indicators are final (a control target without its limit, targets the text no longer
//! prints, a clause left empty, a change whose clause the template lost, rule lists the
//! category lacks), so that the dialog says so instead of asking a question it then refuses;
//! which drafts wait for their category's indicators; and the punctuation to look at before
//! the text freezes (half-width marks in Chinese text, a clause or the preamble without its
//! full stop, a clause with two numbers), said without refusing.

use crate::model::AgreementStatus;
use crate::workflow::lifecycle::YearBasis;

use super::Context;

/// What 定稿 would make of the drafts among `ids`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IssueCheck {
    /// Why drafts cannot be issued, one line per draft; drafts of a category whose indicators
    /// are not final are left to the question's own wording.
    pub problems: Vec<String>,
    /// The drafts that can be issued now.
    pub issuable: Vec<i64>,
    /// Punctuation to look at, one line per clause (and one for the preamble, "序言：…"):
    /// "二、主要任务 “城区燃气事故死亡人数下降…”：末尾没有句号", named as printed; a line not in
    /// every text checked begins with the units whose it is ("河口镇：二、…").
    pub punctuation: Vec<String>,
    /// The units (short names) whose text prints the control targets a draft starts with
    /// when the unit had none the year before: likely never set for the unit.
    pub default_targets: Vec<String>,
}

/// Checks the drafts among `ids` as 定稿 will.
#[must_use]
pub fn issue_check(context: &Context<'_>, ids: &[i64]) -> IssueCheck {
    let Some(year) = context.data.year.clone() else {
        return IssueCheck::default();
    };
    let basis = YearBasis {
        year,
        units: context.units.iter().map(|u| (u.id, u.clone())).collect(),
        templates: (context.data.templates.iter())
            .map(|t| (t.id, t.clone()))
            .collect(),
        sets: (context.data.sets.iter())
            .map(|s| (s.category_id, s.clone()))
            .collect(),
    };
    let mut check = IssueCheck::default();
    // Each punctuation line with the units whose texts have it, in the order first met.
    let mut punctuation: Vec<(String, Vec<String>)> = Vec::new();
    let mut checked = 0;
    let usual = crate::workflow::drafting::starting_targets(None);
    for agreement in crate::model::agreement::among(&context.data.agreements, ids)
        .filter(|a| a.status == AgreementStatus::Draft)
    {
        let is_final = (basis.sets.get(&agreement.draft.category_id)).is_some_and(|s| s.is_final);
        match basis.check_issuable(agreement) {
            Ok(_) => check.issuable.push(agreement.id),
            Err(error) if is_final => check.problems.push(error.to_string()),
            Err(_) => {}
        }
        if let Some(template) = basis.templates.get(&agreement.draft.template_id) {
            checked += 1;
            let mut lines = Vec::new();
            punctuation_lines(&template.content, agreement, &mut lines);
            let unit = (basis.units.get(&agreement.draft.unit_id))
                .map_or_else(String::new, |u| u.fields.display_short_name().to_owned());
            for line in lines {
                match punctuation.iter_mut().find(|(known, _)| *known == line) {
                    Some((_, units)) => units.push(unit.clone()),
                    None => punctuation.push((line, vec![unit.clone()])),
                }
            }
            let tailoring = &agreement.draft.tailoring;
            if tailoring.control_targets == usual
                && crate::workflow::lifecycle::prints_targets(&template.content, tailoring)
                && let Some(unit) = basis.units.get(&agreement.draft.unit_id)
            {
                let name = unit.fields.display_short_name().to_owned();
                check.default_targets.push(name);
            }
        }
    }
    check.punctuation = (punctuation.into_iter())
        .map(|(line, units)| {
            if units.len() == checked {
                line
            } else {
                format!("{}：{line}", named_few(&units, 3))
            }
        })
        .collect();
    check
}

/// Up to `shown` units by name, then how many in all: "河口镇、北岭镇、东坡镇等 5 份".
pub(super) fn named_few(units: &[String], shown: usize) -> String {
    match units.get(..shown) {
        Some(named) if units.len() > shown => format!("{}等 {} 份", named.join("、"), units.len()),
        _ => units.join("、"),
    }
}

/// Adds the punctuation notes of `agreement`'s clauses (the template's with the unit's changes)
/// to `lines`, each clause once however many agreements share it.
fn punctuation_lines(
    template: &crate::model::TemplateDraft,
    agreement: &crate::model::Agreement,
    lines: &mut Vec<String>,
) {
    let preamble = crate::model::punctuation::clause_notes(&template.preamble);
    if !preamble.is_empty() {
        let line = format!("序言：{}", preamble.join("；"));
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    let sections = crate::model::tailoring::tailored_sections(template, &agreement.draft.tailoring);
    let ordinal = crate::model::template::chinese_ordinal;
    for (s, clauses) in sections.iter().enumerate() {
        let heading = template.sections.get(s).map_or("", |h| h.heading.as_str());
        // Named as the clerk finds it on the page: the section's number and heading, and the
        // clause's opening words (its number may be counted again once clauses are dropped or
        // added).
        for clause in clauses.iter().flatten() {
            let notes = crate::model::punctuation::clause_notes(clause);
            if notes.is_empty() {
                continue;
            }
            let line = format!(
                "{}、{heading} “{}”：{}",
                ordinal(s + 1),
                opening_words(clause),
                notes.join("；")
            );
            if !lines.contains(&line) {
                lines.push(line);
            }
        }
    }
}

/// The first words of a clause, enough to find it on the page: fourteen characters after its
/// number (which the page may count otherwise once clauses are dropped or added), then "…".
fn opening_words(clause: &str) -> String {
    const SHOWN: usize = 14;
    let clause = crate::model::tailoring::numbered_rest(clause)
        .unwrap_or(clause)
        .trim();
    let mut words: String = clause.chars().take(SHOWN).collect();
    if clause.chars().count() > SHOWN {
        words.push('…');
    }
    words
}

/// How many of `ids` belong to a category whose indicators are missing or not final, and the
/// names of those categories.
pub fn not_final_categories(context: &Context<'_>, ids: &[i64]) -> (usize, Vec<String>) {
    let is_final = |category_id: i64| {
        (context.data.sets.iter()).any(|s| s.category_id == category_id && s.is_final)
    };
    let mut blocked = 0;
    let mut names: Vec<String> = Vec::new();
    for agreement in crate::model::agreement::among(&context.data.agreements, ids) {
        let category_id = agreement.draft.category_id;
        if is_final(category_id) {
            continue;
        }
        blocked += 1;
        let name = (context.categories.iter())
            .find(|c| c.id == category_id)
            .map_or_else(String::new, |c| c.name.clone());
        if !names.contains(&name) {
            names.push(name);
        }
    }
    (blocked, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clause_is_quoted_by_its_words_not_its_number() {
        assert_eq!(
            opening_words("（四）各镇街全年生产安全事故死亡人数不超过上年"),
            "各镇街全年生产安全事故死亡人…"
        );
        assert_eq!(opening_words("  加强宣传。"), "加强宣传。");
    }
}
