//! 批量起草: one agreement per active unit (or a chosen subset) from its category's current
//! template, each in the copies asked for (一式 N 份); units that already have one for the year
//! are listed and skipped.

use std::collections::BTreeMap;

use crate::model::{AgreementDraft, ControlTarget, Tailoring, Template, Unit};
use crate::store::{Store, StoreError};

/// Copies to sign when nothing else is known (甲方, 乙方 and the office's file).
pub const DEFAULT_COPIES: i64 = 3;

/// The copies most of `agreements` are signed in (the fewer of two as common), if any.
#[must_use]
pub fn usual_copies(agreements: &[crate::model::Agreement]) -> Option<i64> {
    usual_copies_of(agreements)
}

/// [`usual_copies`] of any run of agreements (those about to be printed, say).
#[must_use]
pub fn usual_copies_of<'a>(
    agreements: impl IntoIterator<Item = &'a crate::model::Agreement>,
) -> Option<i64> {
    let mut counts: BTreeMap<i64, usize> = BTreeMap::new();
    for agreement in agreements {
        *counts.entry(agreement.draft.copies).or_default() += 1;
    }
    // The first of the most common, in ascending order: max_by_key keeps the last of equals.
    (counts.into_iter().rev())
        .max_by_key(|&(_, count)| count)
        .map(|(copies, _)| copies)
}

/// What a batch would do, before anything is written.
#[derive(Debug, Clone, Default)]
pub struct DraftPlan {
    /// Units that will get a new agreement.
    pub to_draft: Vec<Unit>,
    /// Units that already have one this year.
    pub skipped: Vec<Unit>,
    /// Units whose category has no template for the year.
    pub without_template: Vec<Unit>,
}

/// What a batch did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DraftReport {
    /// Agreements created.
    pub created: usize,
    /// Names of units skipped because they already had an agreement.
    pub skipped: Vec<String>,
    /// Names of units skipped because their category has no template.
    pub without_template: Vec<String>,
    /// Categories (in list order) of the agreements drafted whose indicators are not final
    /// yet: drafted all the same, but they cannot be issued until the indicators are.
    pub indicators_not_final: Vec<String>,
    /// True when the batch moved the year on from 筹备 to 签订.
    pub signing_started: bool,
}

/// What the window says before a batch and the command line after it when agreements are
/// drafted in categories whose indicators are not final (`category_names`, in list order);
/// `None` when there are none.
#[must_use]
pub fn indicators_not_final_warning<S: AsRef<str>>(category_names: &[S]) -> Option<String> {
    if category_names.is_empty() {
        return None;
    }
    let names: Vec<&str> = category_names.iter().map(AsRef::as_ref).collect();
    let these = if names.len() == 1 {
        "该类别"
    } else {
        "这些类别"
    };
    Some(format!(
        "“{}”的考核指标尚未设置或尚未定稿：{these}的责任书可以起草，但要等指标定稿（责任书 → 考核指标）后才能定稿",
        names.join("”“")
    ))
}

/// The categories (names, in list order) of `units` whose indicators for `year` are not final.
fn categories_not_final(
    store: &Store,
    year: i32,
    units: &[Unit],
) -> Result<Vec<String>, StoreError> {
    let is_final: std::collections::BTreeSet<i64> = (store.indicator_sets(year)?.iter())
        .filter(|set| set.is_final)
        .map(|set| set.category_id)
        .collect();
    Ok((store.categories()?.into_iter())
        .filter(|c| !is_final.contains(&c.id))
        .filter(|c| units.iter().any(|u| u.fields.category_id == c.id))
        .map(|c| c.name)
        .collect())
}

/// The newest template version per category of a year.
#[must_use]
pub fn current_templates(templates: &[Template]) -> BTreeMap<i64, &Template> {
    let mut current: BTreeMap<i64, &Template> = BTreeMap::new();
    for template in templates {
        let category_id = template.content.category_id;
        if current
            .get(&category_id)
            .is_none_or(|t| t.version < template.version)
        {
            current.insert(category_id, template);
        }
    }
    current
}

/// Plans a batch for `year`; `only` limits it to these unit ids.
pub fn plan(store: &Store, year: i32, only: Option<&[i64]>) -> Result<DraftPlan, StoreError> {
    if store.year(year)?.is_none() {
        return Err(store.missing_year(year));
    }
    let all_templates = store.templates(year)?;
    let templates = current_templates(&all_templates);
    let drafted: Vec<i64> = store
        .agreements(year)?
        .iter()
        .map(|a| a.draft.unit_id)
        .collect();
    let mut plan = DraftPlan::default();
    for unit in store.units_in_now(year)? {
        let chosen = unit.is_active && only.is_none_or(|ids| ids.contains(&unit.id));
        if !chosen {
            continue;
        }
        if drafted.contains(&unit.id) {
            plan.skipped.push(unit);
        } else if templates.contains_key(&unit.fields.category_id) {
            plan.to_draft.push(unit);
        } else {
            plan.without_template.push(unit);
        }
    }
    Ok(plan)
}

/// The control targets a new agreement starts with: last year's for the unit, if any, else
/// the usual one; none when its template prints no {控制指标} (定稿 would refuse targets
/// that are not printed).
fn starting_tailoring(template: &Template, previous: Option<&Tailoring>) -> Tailoring {
    if !super::lifecycle::prints_targets(&template.content, &Tailoring::default()) {
        return Tailoring::default();
    }
    Tailoring {
        control_targets: starting_targets(previous),
        clause_changes: Vec::new(),
    }
}

/// The control targets a draft starts with: `previous` year's for the unit, if any, else the
/// usual one.
#[must_use]
pub fn starting_targets(previous: Option<&Tailoring>) -> Vec<ControlTarget> {
    previous
        .map(|t| t.control_targets.clone())
        .filter(|t| !t.is_empty())
        .unwrap_or_else(|| {
            vec![ControlTarget {
                name: "较大及以上生产安全事故".to_owned(),
                limit: "0起".to_owned(),
            }]
        })
}

/// Drafts the planned agreements in [`DEFAULT_COPIES`] copies each; see [`draft_in_copies`].
pub fn draft(
    store: &mut Store,
    year: i32,
    only: Option<&[i64]>,
    progress: impl FnMut(usize, usize),
) -> Result<DraftReport, StoreError> {
    draft_in_copies(store, year, only, DEFAULT_COPIES, progress)
}

/// Drafts the planned agreements, each in `copies` copies
/// ([`crate::model::agreement::MIN_COPIES`] to [`crate::model::agreement::MAX_COPIES`]), in one
/// transaction (after an automatic backup), calling `progress(done, total)` as it goes.
pub fn draft_in_copies(
    store: &mut Store,
    year: i32,
    only: Option<&[i64]>,
    copies: i64,
    mut progress: impl FnMut(usize, usize),
) -> Result<DraftReport, StoreError> {
    if let Some(problem) = crate::model::agreement::copies_problem(copies) {
        return Err(StoreError::Rejected(problem));
    }
    // A published year's results stand: a unit drafted into it now could never be scored.
    if store.is_published(year)? {
        return Err(StoreError::Rejected(format!(
            "{year} 年度的考核结果已通报，不能再起草责任书"
        )));
    }
    let plan = plan(store, year, only)?;
    let all_templates = store.templates(year)?;
    let templates = current_templates(&all_templates);
    let previous: BTreeMap<i64, Tailoring> = store
        .agreements(year - 1)?
        .into_iter()
        .map(|a| (a.draft.unit_id, a.draft.tailoring))
        .collect();
    // 序号 follow the register: a unit's number is its place among the active units, so a
    // unit drafted later (a subset first) still gets its own; a number already taken (the
    // register changed since) gives way to the lowest one neither taken nor the place of a
    // unit still to be drafted, so that no number is skipped for good.
    let existing = store.agreements(year)?;
    let mut used: std::collections::BTreeSet<i64> =
        existing.iter().map(|a| a.draft.number).collect();
    let places: BTreeMap<i64, i64> = store
        .units_in_now(year)?
        .iter()
        .filter(|u| u.is_active)
        .zip(1..)
        .map(|(unit, place)| (unit.id, place))
        .collect();
    let drafted: std::collections::HashSet<i64> =
        existing.iter().map(|a| a.draft.unit_id).collect();
    let mut pending: std::collections::BTreeSet<i64> = (places.iter())
        .filter(|(unit, _)| !drafted.contains(unit))
        .map(|(_, place)| *place)
        .collect();
    let total = plan.to_draft.len();
    let indicators_not_final = categories_not_final(store, year, &plan.to_draft)?;
    if total > 0 {
        store.backup_before(crate::store::BackupReason::Draft)?;
    }
    let signing_started = store.write(|w| {
        for (done, unit) in plan.to_draft.iter().enumerate() {
            let Some(template) = templates.get(&unit.fields.category_id) else {
                continue;
            };
            let place = places.get(&unit.id).copied();
            if let Some(place) = place {
                pending.remove(&place);
            }
            let number = place
                .filter(|place| !used.contains(place))
                .or_else(|| {
                    // One of these is free: there are more of them than numbers held.
                    let bound = i64::try_from(used.len() + pending.len() + 1).unwrap_or(i64::MAX);
                    (1..=bound).find(|n| !used.contains(n) && !pending.contains(n))
                })
                .unwrap_or_else(|| used.last().map_or(1, |highest| highest + 1));
            used.insert(number);
            let draft = AgreementDraft {
                year,
                unit_id: unit.id,
                category_id: unit.fields.category_id,
                template_id: template.id,
                number,
                tailoring: starting_tailoring(template, previous.get(&unit.id)),
                copies,
            };
            w.insert_agreement(&draft)?;
            progress(done + 1, total);
        }
        // Agreements drafted: the year is at 签订 now, if it was still being prepared.
        if total > 0 {
            return w.advance_phase(year, crate::model::Phase::Signing);
        }
        Ok(false)
    })?;
    Ok(DraftReport {
        created: total,
        skipped: plan.skipped.into_iter().map(|u| u.fields.name).collect(),
        without_template: plan
            .without_template
            .into_iter()
            .map(|u| u.fields.name)
            .collect(),
        indicators_not_final,
        signing_started,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Agreement, AgreementStatus};

    #[test]
    fn the_usual_copies_are_the_most_common_and_the_fewer_of_equals() {
        let with = |copies: &[i64]| -> Vec<Agreement> {
            (copies.iter())
                .map(|&copies| {
                    let mut agreement = Agreement::example(1, 1, AgreementStatus::Draft);
                    agreement.draft.copies = copies;
                    agreement
                })
                .collect()
        };
        assert_eq!(usual_copies(&[]), None);
        assert_eq!(usual_copies(&with(&[2, 2, 3])), Some(2));
        assert_eq!(usual_copies(&with(&[4, 2, 4, 2])), Some(2));
    }
}
