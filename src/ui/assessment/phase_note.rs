//! The note beside the 考核 heading: the year's phase while it is not yet at 考核, and the
//! agreements still out.

use crate::model::Phase;

/// Beside the heading until the results are published: while the year is not yet at 考核,
/// that it is not (scores can be entered once an agreement is signed) and where the phase is
/// moved on; and, at 考核 too, the agreements still out (a unit scored on a draft is so seen).
pub(super) fn phase_note(
    ui: &mut egui::Ui,
    year: &crate::model::Year,
    agreements: &[crate::model::Agreement],
    archived: &std::collections::HashSet<i64>,
) {
    if year.phase == Phase::Published {
        return;
    }
    // Counted as the tracker counts them: a unit archived since (`archived`) signs nothing more.
    let is_in_use = |a: &crate::model::Agreement| !archived.contains(&a.draft.unit_id);
    let unsigned = (agreements.iter())
        .filter(|a| crate::model::agreement::awaits_signature(a.status, is_in_use(a)))
        .count();
    let drafts = (agreements.iter())
        .filter(|a| a.status == crate::model::AgreementStatus::Draft && is_in_use(a))
        .count();
    let still_out = match (unsigned, drafts) {
        (0, _) => String::new(),
        (_, 0) => format!("，{unsigned} 份责任书尚未签订（序号标橙）"),
        _ => format!("，{unsigned} 份责任书尚未签订（其中 {drafts} 份还是草稿；序号标橙）"),
    };
    if year.phase == Phase::Assessing {
        if let Some(out) = still_out.strip_prefix('，') {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("{} 年度 {out}", year.year),
            )
            .on_hover_text("这些单位的评分照常录入；签订后在“责任书”中登记");
        }
        return;
    }
    // Scores are refused until an agreement is signed (see `Writer::start_assessing`).
    let is_any_signed =
        (agreements.iter()).any(|a| a.status >= crate::model::AgreementStatus::Signed);
    if !is_any_signed {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} 年度还没有已签订的责任书：评分在责任书签订之后进行",
                year.year
            ),
        );
        return;
    }
    let note = format!(
        "{} 年度还在“{}”阶段{still_out}",
        year.year,
        year.phase.label()
    );
    ui.colored_label(ui.visuals().warn_fg_color, note)
        .on_hover_text(
            "可以录入评分：录入第一个评分时，年度阶段自动转为“考核”（也可在“设置 → 年度设置”中修改）",
        );
}
