//! Where a template prints the unit's control targets: the clause holding {控制指标}, for the
//! tests that drop it for one unit or from the template, in the window and on the command line.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use zerenshu::model::TemplateDraft;

/// The section and clause (counted from 0) of the first clause holding {控制指标}, and its
/// text.
///
/// # Panics
/// When no clause holds it (the demo's templates all do).
pub(crate) fn targets_clause(template: &TemplateDraft) -> (usize, usize, String) {
    (template.sections.iter().enumerate())
        .find_map(|(s, section)| {
            let (c, text) = (section.clauses.iter().enumerate())
                .find(|(_, text)| text.contains("{控制指标}"))?;
            Some((s, c, text.clone()))
        })
        .expect("a clause holding {控制指标}")
}
