//! A draft whose clause change a template edit left behind (调整待重做), for the tests of the
//! window and of the command line alike.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use zerenshu::model::{Agreement, AgreementStatus, ClauseChange};
use zerenshu::store::Store;

/// Tailors the first draft of 2025 (a clause dropped), then rewords that clause in the
/// template: the drop waits to be redone. The draft, as it was before.
pub(crate) fn leave_a_tailoring_behind(store: &mut Store) -> Agreement {
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == draft.draft.template_id)
        .unwrap();
    let original = template.content.sections[1].clauses[0].clone();
    let mut tailoring = draft.draft.tailoring.clone();
    tailoring.clause_changes.push(ClauseChange::Drop {
        section: 1,
        clause: 0,
        original: original.clone(),
    });
    store
        .write(|w| w.set_tailoring(draft.id, &tailoring))
        .unwrap();
    let mut reworded = template.content.clone();
    reworded.sections[1].clauses[0] = format!("{original}（已修订）");
    store
        .write(|w| w.save_template(Some(template.id), &reworded))
        .unwrap();
    draft
}
