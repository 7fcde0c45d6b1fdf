//! Saving a template, with what it does to the drafts drawn from it: a template that prints
//! {控制指标} again (the clause holding it was dropped and is back) gives each of its drafts
//! without targets the ones a batch draft would have given it, so that the clerk does not
//! retype them unit by unit; one that no longer prints it clears the targets of its drafts
//! (the old values stay in the audit log), which would otherwise be refused at 定稿 one by
//! one for targets that are not printed.

use std::collections::BTreeMap;

use crate::model::{AgreementStatus, Tailoring, TemplateDraft};
use crate::store::{Store, StoreError, TemplateSaved};

/// What a save did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveReport {
    /// The save itself.
    pub saved: TemplateSaved,
    /// Drafts that had no control targets and were given their starting ones.
    pub targets_filled: usize,
    /// Drafts whose control targets were cleared, the text printing them no more.
    pub targets_cleared: usize,
}

/// Whether saving `edited` over `base` clears the control targets of a draft tailored by
/// `tailoring`: it has some, and they print no more, because this edit stops printing them
/// for it, or the template's own text no longer prints {控制指标} (the draft's clauses
/// having dropped them before, say: they would be refused at 定稿 as not printed).
#[must_use]
pub fn clears_targets(
    base: Option<&TemplateDraft>,
    edited: &TemplateDraft,
    tailoring: &Tailoring,
) -> bool {
    let prints = super::lifecycle::prints_targets;
    let untailored = Tailoring::default();
    let template_drops =
        base.is_some_and(|b| prints(b, &untailored)) && !prints(edited, &untailored);
    let edit_drops = base.is_some_and(|b| prints(b, tailoring));
    !tailoring.control_targets.is_empty()
        && !prints(edited, tailoring)
        && (edit_drops || template_drops)
}

/// Saves `draft` over version `base_id` (the first version when None) and, in the same
/// transaction, gives the drafts on it that print {控制指标} and have no targets their
/// starting ones (last year's for the unit, else the usual one), and clears the targets of
/// those that print it no more.
pub fn save_template(
    store: &mut Store,
    base_id: Option<i64>,
    draft: &TemplateDraft,
) -> Result<SaveReport, StoreError> {
    let drafts: Vec<(i64, i64, Tailoring)> = match base_id {
        None => Vec::new(),
        Some(base_id) => (store.agreements(draft.year)?.into_iter())
            .filter(|a| a.draft.template_id == base_id && a.status == AgreementStatus::Draft)
            .map(|a| (a.id, a.draft.unit_id, a.draft.tailoring))
            .collect(),
    };
    let base = base_id.map(|id| store.template(id)).transpose()?.flatten();
    let prints_targets = super::lifecycle::prints_targets;
    // Only the drafts whose printing of the targets this save changes, and those the
    // template's own text stops printing them for: one whose own clauses dropped them earlier
    // is left as the clerk made it by an edit elsewhere in the template.
    let (needing, dropping): (Vec<_>, Vec<_>) = (drafts.iter())
        .filter(|(_, _, tailoring)| {
            let now = prints_targets(draft, tailoring);
            let before = (base.as_ref()).is_some_and(|b| prints_targets(&b.content, tailoring));
            (now != before && tailoring.control_targets.is_empty() == now)
                || clears_targets(base.as_ref().map(|b| &b.content), draft, tailoring)
        })
        .partition(|(_, _, tailoring)| tailoring.control_targets.is_empty());
    let previous: BTreeMap<i64, Tailoring> = if needing.is_empty() {
        BTreeMap::new()
    } else {
        (store.agreements(draft.year - 1)?.into_iter())
            .map(|a| (a.draft.unit_id, a.draft.tailoring))
            .collect()
    };
    store.write(|w| {
        let saved = w.save_template(base_id, draft)?;
        if matches!(saved, TemplateSaved::Unchanged(_)) {
            return Ok(SaveReport {
                saved,
                targets_filled: 0,
                targets_cleared: 0,
            });
        }
        for (id, unit_id, tailoring) in &needing {
            let filled = Tailoring {
                control_targets: super::drafting::starting_targets(previous.get(unit_id)),
                clause_changes: tailoring.clause_changes.clone(),
            };
            w.set_tailoring(*id, &filled)?;
        }
        for (id, _, tailoring) in &dropping {
            let cleared = Tailoring {
                control_targets: Vec::new(),
                clause_changes: tailoring.clause_changes.clone(),
            };
            w.set_tailoring(*id, &cleared)?;
        }
        Ok(SaveReport {
            saved,
            targets_filled: needing.len(),
            targets_cleared: dropping.len(),
        })
    })
}
