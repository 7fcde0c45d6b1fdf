//! What the template editor says of a save before it is made: whom it reaches, and whether
//! the text still prints the units' control targets.

/// Who a save of the template `template_id` reaches, said before it is saved: the issued
/// agreements keep their version (a new one is made), the drafts follow it, and those of them
/// tailored may have to be redone. None while no agreement uses it.
pub(super) fn whom_a_save_reaches(
    agreements: &[crate::model::Agreement],
    template_id: i64,
) -> Option<String> {
    let (mut issued, mut drafts, mut tailored) = (0, 0, 0);
    for agreement in agreements
        .iter()
        .filter(|a| a.draft.template_id == template_id)
    {
        if agreement.status.is_issued() {
            issued += 1;
        } else {
            drafts += 1;
            if !agreement.draft.tailoring.clause_changes.is_empty() {
                tailored += 1;
            }
        }
    }
    let tailored = if tailored > 0 {
        format!("，其中 {tailored} 份调整过条款，改到它们调整过的条款时须重做调整")
    } else {
        String::new()
    };
    match (issued, drafts) {
        (0, 0) => None,
        (0, _) => Some(format!(
            "（{drafts} 份草稿使用此版，保存后随之更新{tailored}）"
        )),
        (_, 0) => Some(format!(
            "（{issued} 份已定稿（含已打印、已签订、已归档）的责任书使用此版，保存后生成新版本，它们保留原版）"
        )),
        (_, _) => Some(format!(
            "（{issued} 份已定稿（含已打印、已签订、已归档）的责任书使用此版，保存后生成新版本，它们保留原版；{drafts} 份草稿改用新版本{tailored}）"
        )),
    }
}

/// How many drafts drawn from the template `template_id` have control targets written that a
/// template saved without {控制指标} clears (unless a clause of the unit's own prints them),
/// as the save decides it (`template_save::clears_targets`). Asked only when the edit drops
/// {控制指标} from the template itself.
pub(super) fn drafts_with_targets(
    agreements: &[crate::model::Agreement],
    template_id: i64,
    (original, edited): (&crate::model::TemplateDraft, &crate::model::TemplateDraft),
) -> usize {
    (agreements.iter())
        .filter(|a| a.draft.template_id == template_id && !a.status.is_issued())
        // As the save clears them: a clause of the unit's own may still print them.
        .filter(|a| {
            crate::workflow::template_save::clears_targets(
                Some(original),
                edited,
                &a.draft.tailoring,
            )
        })
        .count()
}

/// Whether `template`'s text prints the unit's control targets somewhere.
pub(super) fn prints_targets(template: &crate::model::TemplateDraft) -> bool {
    crate::workflow::lifecycle::prints_targets(template, &crate::model::Tailoring::default())
}
