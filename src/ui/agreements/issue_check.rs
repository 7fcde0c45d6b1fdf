//! Before the 定稿 question is asked: what 定稿 itself would refuse for drafts whose category's
//! indicators are final (a control target without its limit, targets the text no longer
//! prints, a clause left empty, a change whose clause the template lost, rule lists the
//! category lacks), so that the dialog says so instead of asking a question it then refuses.

use crate::model::AgreementStatus;
use crate::workflow::lifecycle::YearBasis;

use super::Context;

/// Why drafts among `ids` cannot be issued, one line per draft; drafts of a category whose
/// indicators are not final are left to the question's own wording.
#[must_use]
pub fn issue_problems(context: &Context<'_>, ids: &[i64]) -> Vec<String> {
    let Some(year) = context.data.year.clone() else {
        return Vec::new();
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
    (context.data.agreements.iter())
        .filter(|a| ids.contains(&a.id) && a.status == AgreementStatus::Draft)
        .filter(|a| (basis.sets.get(&a.draft.category_id)).is_some_and(|set| set.is_final))
        .filter_map(|a| basis.check_issuable(a).err())
        .map(|error| error.to_string())
        .collect()
}
