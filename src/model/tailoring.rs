//! 逐单位调整: one unit's control targets and clause changes, and how they apply to a
//! template. Changes remember the template text they were made on, so that a later template
//! version (clauses inserted, moved or reworded) never lets a change land on another clause:
//! a change whose clause is gone is reported as stale instead.

use super::template::TemplateDraft;

/// A per-unit control target, e.g. "生产安全事故死亡人数" ≤ "2人".
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct ControlTarget {
    /// What is limited.
    pub name: String,
    /// The limit as written in the agreement.
    pub limit: String,
}

/// A change to the template's clauses for one unit only.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ClauseChange {
    /// Adds a clause at the end of a section (sections counted from 0).
    Add {
        /// Section index when the change was made.
        section: usize,
        /// The section's heading then (empty in data from before headings were kept).
        #[serde(default)]
        heading: String,
        /// Clause text.
        text: String,
    },
    /// Replaces one clause.
    Replace {
        /// Section index when the change was made.
        section: usize,
        /// Clause index within the section then.
        clause: usize,
        /// The template's clause text it replaces (empty in older data).
        #[serde(default)]
        original: String,
        /// New text.
        text: String,
    },
    /// Drops one clause.
    Drop {
        /// Section index when the change was made.
        section: usize,
        /// Clause index within the section then.
        clause: usize,
        /// The template's clause text it drops (empty in older data).
        #[serde(default)]
        original: String,
    },
}

/// What makes one unit's agreement differ from its template.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Tailoring {
    /// Control targets for this unit.
    #[serde(default)]
    pub control_targets: Vec<ControlTarget>,
    /// Clause changes for this unit.
    #[serde(default)]
    pub clause_changes: Vec<ClauseChange>,
}

/// The section a change applies to in `template`: the one with its heading (at the recorded
/// index first), or the recorded index when no heading was kept.
fn locate_section(template: &TemplateDraft, section: usize, heading: &str) -> Option<usize> {
    if heading.is_empty() {
        return (section < template.sections.len()).then_some(section);
    }
    if template
        .sections
        .get(section)
        .is_some_and(|s| s.heading == heading)
    {
        return Some(section);
    }
    template.sections.iter().position(|s| s.heading == heading)
}

/// The text after a leading "（一）"…"（二十）" number, if the clause starts with one.
#[must_use]
pub fn numbered_rest(clause: &str) -> Option<&str> {
    // "　　（一）" as pasted from Word is numbered too.
    let inner = clause.trim_start().strip_prefix('（')?;
    let end = inner.find('）')?;
    let number = inner.get(..end)?;
    let is_number =
        !number.is_empty() && number.chars().all(|c| "一二三四五六七八九十".contains(c));
    is_number
        .then(|| inner.get(end + '）'.len_utf8()..))
        .flatten()
}

/// `text` with the leading "（一）" number `like` has now, when both are numbered: a unit's
/// reworded clause shown under the number its clause has in the template since it was
/// renumbered ("（二）…" made on the second clause, which is now the first).
#[must_use]
pub fn numbered_like(text: &str, like: &str) -> String {
    match (numbered_rest(text), numbered_rest(like)) {
        // The number with what stands before it (a pasted "　　" indent).
        (Some(rest), Some(like_rest)) => {
            let number = like.get(..like.len() - like_rest.len()).unwrap_or_default();
            format!("{number}{rest}")
        }
        _ => text.to_owned(),
    }
}

/// True when two clause texts are the same but for their leading number: the template editor
/// renumbers "（一）（二）…" when a clause moves, and a unit's change follows its clause there.
fn same_clause(a: &str, b: &str) -> bool {
    numbered_rest(a).unwrap_or(a) == numbered_rest(b).unwrap_or(b)
}

/// The clause a change applies to in `template`: the one with its original text, its number
/// aside (at the recorded place first, then elsewhere in the same section, then anywhere), or
/// the recorded place when no original text was kept.
fn locate_clause(
    template: &TemplateDraft,
    section: usize,
    clause: usize,
    original: &str,
) -> Option<(usize, usize)> {
    let at = |s: usize, c: usize| template.sections.get(s).and_then(|sec| sec.clauses.get(c));
    if original.is_empty() {
        return at(section, clause).map(|_| (section, clause));
    }
    if at(section, clause).is_some_and(|text| same_clause(text, original)) {
        return Some((section, clause));
    }
    let in_section = |s: usize| {
        template
            .sections
            .get(s)
            .and_then(|sec| {
                sec.clauses
                    .iter()
                    .position(|text| same_clause(text, original))
            })
            .map(|c| (s, c))
    };
    in_section(section).or_else(|| (0..template.sections.len()).find_map(in_section))
}

impl ClauseChange {
    /// Where this change applies in `template`: (section, Some(clause)) for a replaced or
    /// dropped clause, (section, None) for an added one; None when the template no longer has
    /// the clause or section it was made on.
    #[must_use]
    pub fn locate(&self, template: &TemplateDraft) -> Option<(usize, Option<usize>)> {
        match self {
            Self::Add {
                section, heading, ..
            } => locate_section(template, *section, heading).map(|s| (s, None)),
            Self::Replace {
                section,
                clause,
                original,
                ..
            }
            | Self::Drop {
                section,
                clause,
                original,
            } => locate_clause(template, *section, *clause, original).map(|(s, c)| (s, Some(c))),
        }
    }

    /// The template's text of the clause this change applies to now (renumbered since, maybe),
    /// else the text it was made on (see [`Self::original_text`]).
    #[must_use]
    pub fn current_text<'a>(&'a self, template: &'a TemplateDraft) -> &'a str {
        (self.locate(template))
            .and_then(|(section, clause)| template.sections.get(section)?.clauses.get(clause?))
            .map_or_else(|| self.original_text(template), String::as_str)
    }

    /// The template text this change was made on, as recorded or as found at its place.
    #[must_use]
    pub fn original_text<'a>(&'a self, template: &'a TemplateDraft) -> &'a str {
        match self {
            Self::Add { .. } => "",
            Self::Replace {
                section,
                clause,
                original,
                ..
            }
            | Self::Drop {
                section,
                clause,
                original,
            } => {
                if original.is_empty() {
                    template
                        .sections
                        .get(*section)
                        .and_then(|s| s.clauses.get(*clause))
                        .map_or("", String::as_str)
                } else {
                    original
                }
            }
        }
    }
}

/// Applies a unit's clause changes to the template's sections: each clause's text, None where
/// dropped; changes whose clause is gone from the template are left out (see [`stale_changes`]).
#[must_use]
pub fn tailored_sections(
    template: &TemplateDraft,
    tailoring: &Tailoring,
) -> Vec<Vec<Option<String>>> {
    let mut sections: Vec<Vec<Option<String>>> = template
        .sections
        .iter()
        .map(|section| section.clauses.iter().cloned().map(Some).collect())
        .collect();
    let mut added: Vec<Vec<String>> = vec![Vec::new(); sections.len()];
    for change in &tailoring.clause_changes {
        let Some((section, clause)) = change.locate(template) else {
            continue;
        };
        match (change, clause) {
            (ClauseChange::Add { text, .. }, _) => {
                if let Some(list) = added.get_mut(section) {
                    list.push(text.clone());
                }
            }
            (ClauseChange::Replace { text, .. }, Some(clause)) => {
                if let Some(slot) = sections.get_mut(section).and_then(|s| s.get_mut(clause)) {
                    *slot = Some(text.clone());
                }
            }
            (ClauseChange::Drop { .. }, Some(clause)) => {
                if let Some(slot) = sections.get_mut(section).and_then(|s| s.get_mut(clause)) {
                    *slot = None;
                }
            }
            _ => {}
        }
    }
    for (clauses, extra) in sections.iter_mut().zip(added) {
        clauses.extend(extra.into_iter().map(Some));
    }
    sections
}

/// The changes that no longer find their clause or section in `template` (the template was
/// edited after the unit was tailored): they must be redone before 定稿.
#[must_use]
pub fn stale_changes<'a>(
    template: &TemplateDraft,
    tailoring: &'a Tailoring,
) -> Vec<&'a ClauseChange> {
    tailoring
        .clause_changes
        .iter()
        .filter(|change| change.locate(template).is_none())
        .collect()
}

/// True for a clause with nothing to read: empty, or only its number ("（一）").
#[must_use]
pub fn is_blank_clause(text: &str) -> bool {
    let text = text.trim();
    numbered_rest(text).unwrap_or(text).trim().is_empty()
}

/// Said of a clause kept with nothing in it.
#[must_use]
pub fn blank_clause_problem(heading: &str, index: usize) -> String {
    format!(
        "【{heading}】第 {} 条是空的：请填写条款内容，或勾选“删去”",
        index + 1
    )
}

/// What is wrong with the control targets as written, in Chinese: a target named without its
/// limit would be signed as "较大及以上生产安全事故。", promising nothing.
#[must_use]
pub fn target_problems(targets: &[ControlTarget]) -> Vec<String> {
    targets
        .iter()
        .enumerate()
        .filter_map(
            |(index, target)| match (target.name.trim(), target.limit.trim()) {
                ("", "") => None,
                ("", _) => Some(format!("第 {} 项控制指标没有名称", index + 1)),
                (name, "") => Some(format!("控制指标“{name}”没有填写限值")),
                // The agreement reads name and limit as one phrase: "控制在5" says nothing.
                (name, limit) if is_bare_number(limit) => Some(format!(
                    "控制指标“{name}”的限值“{limit}”只有数字，请写明单位，如“{limit}人以内”“{limit}起”"
                )),
                _ => None,
            },
        )
        .collect()
}

/// True for a limit of digits alone (half- or full-width, a decimal point allowed): no unit.
fn is_bare_number(limit: &str) -> bool {
    let plain = super::collation::ascii_number(limit);
    !plain.is_empty() && plain.chars().all(|c| c.is_ascii_digit() || c == '.')
}

/// What stops a tailoring from being saved or issued, in Chinese: targets without a name or a
/// limit, and clauses kept empty (a clause not wanted is dropped, never left as a bare "（一）").
#[must_use]
pub fn tailoring_problems(template: &TemplateDraft, tailoring: &Tailoring) -> Vec<String> {
    let mut problems = target_problems(&tailoring.control_targets);
    for (section, clauses) in template
        .sections
        .iter()
        .zip(tailored_sections(template, tailoring))
    {
        // Numbered as printed, among the clauses kept.
        for (index, clause) in clauses.iter().flatten().enumerate() {
            if is_blank_clause(clause) {
                problems.push(blank_clause_problem(&section.heading, index));
            }
        }
        if !clauses.iter().flatten().any(|c| !is_blank_clause(c)) {
            problems.push(emptied_section_problem(&section.heading));
        }
    }
    problems
}

/// That every clause of the part headed `heading` was dropped for a unit: its agreement would
/// print the heading with nothing under it.
#[must_use]
pub fn emptied_section_problem(heading: &str) -> String {
    format!(
        "【{heading}】的条款都删去了，这一部分将只印出标题：请至少保留或新增一条（各单位都不需要这一部分的，请在“模板”中删去它）"
    )
}

/// What an export of the drafts of `units` whose clause changes wait to be redone (see
/// [`stale_drafts`]) says: their PDFs lack the changes. At most three are named.
#[must_use]
pub fn redo_export_note(units: &[String]) -> Option<String> {
    let named: Vec<&str> = units.iter().take(3).map(String::as_str).collect();
    let more = if units.len() > named.len() { "等" } else { "" };
    (!units.is_empty()).then(|| {
        format!(
            "{}{more} {} 份草稿有条款调整因模板修改须重做（列表中标“调整待重做”），导出的文本不含须重做的调整，其余调整照常在内",
            named.join("、"),
            units.len()
        )
    })
}

/// The drafts among `agreements` whose clause changes no longer find their clause in the
/// template version they follow (see [`stale_changes`]): the tracker marks them, since they
/// cannot be finalised until adjusted again.
#[must_use]
pub fn stale_drafts(
    agreements: &[super::Agreement],
    templates: &[super::Template],
) -> std::collections::BTreeSet<i64> {
    (agreements.iter())
        .filter(|a| {
            a.status == super::AgreementStatus::Draft
                && !a.draft.tailoring.clause_changes.is_empty()
        })
        .filter(|a| {
            (templates.iter().find(|t| t.id == a.draft.template_id))
                .is_some_and(|t| !stale_changes(&t.content, &a.draft.tailoring).is_empty())
        })
        .map(|a| a.id)
        .collect()
}

#[cfg(test)]
#[path = "tailoring_tests.rs"]
mod tests;
