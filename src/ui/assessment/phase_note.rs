//! The note beside the 考核 heading: the year's phase while it is not yet at 考核, and the
//! agreements still out.

use crate::model::Phase;

/// Beside the heading: while the year is not yet at 考核, that it is not (scores can be
/// entered once an agreement is signed) and where the phase is moved on, or, moved back with
/// `entered` scores, bonuses, deductions or vetoes, that they stay; and, at 考核 and after
/// publishing too, the agreements still out (a unit scored on a draft is so seen).
pub(super) fn phase_note(
    ui: &mut egui::Ui,
    year: &crate::model::Year,
    agreements: &[crate::model::Agreement],
    archived: &std::collections::HashSet<i64>,
    entered: usize,
) {
    // Counted as the tracker counts them: a unit archived since (`archived`) signs nothing more.
    let is_in_use = |a: &crate::model::Agreement| !archived.contains(&a.draft.unit_id);
    let unsigned = (agreements.iter())
        .filter(|a| crate::model::agreement::awaits_signature(a.status, is_in_use(a)))
        .count();
    let drafts = (agreements.iter())
        .filter(|a| a.status == crate::model::AgreementStatus::Draft && is_in_use(a))
        .count();
    // Counted over the whole year (every category): said so, the table showing one.
    let out = match (unsigned, drafts) {
        (0, _) => None,
        (_, 0) => Some(format!("{unsigned} 份责任书尚未签订（表中序号标橙）")),
        _ => Some(format!(
            "{unsigned} 份责任书尚未签订（表中序号标橙，其中 {drafts} 份还是草稿）"
        )),
    };
    let still_out = out
        .as_ref()
        .map(|out| format!("，全年度 {out}"))
        .unwrap_or_default();
    // Published with agreements still out: the orange numbers keep their legend, quietly.
    if year.phase == Phase::Published {
        if let Some(out) = &out {
            let note = format!("{} 年度全年 {out}", year.year);
            one_line(ui, ui.visuals().weak_text_color(), &note).on_hover_text(note);
        }
        return;
    }
    if year.phase == Phase::Assessing {
        if let Some(out) = &out {
            let note = format!("{} 年度全年 {out}", year.year);
            one_line(ui, ui.visuals().warn_fg_color, &note).on_hover_text(format!(
                "{note}\n这些单位的评分照常录入；签订后在“责任书”中登记"
            ));
        }
        return;
    }
    // Scores are refused until an agreement is signed (see `Writer::start_assessing`).
    let is_any_signed =
        (agreements.iter()).any(|a| a.status >= crate::model::AgreementStatus::Signed);
    if !is_any_signed {
        // None at all (a year just rolled over): the way there, not only what is missing.
        let note = if agreements.is_empty() {
            format!(
                "{} 年度还没有责任书：请先在“责任书”中起草，签订后再评分",
                year.year
            )
        } else {
            format!(
                "{} 年度还没有已签订的责任书：评分在责任书签订之后进行",
                year.year
            )
        };
        ui.colored_label(ui.visuals().warn_fg_color, note);
        return;
    }
    // Said as what happens next, not as a block: scores may be entered now. A year not begun
    // yet is most likely the wrong one chosen: said first.
    let today = chrono::Local::now().date_naive();
    let not_begun = if chrono::Datelike::year(&today) < year.year {
        format!("{} 年度还没有开始，请确认顶部没有选错年度；", year.year)
    } else {
        String::new()
    };
    // Moved back after scores were typed: no "first score" to come.
    let phase_now = if entered > 0 {
        crate::model::phase_notes::entered_before_assessing(year.year, year.phase, entered)
    } else {
        format!(
            "{} 年度还在“{}”阶段，录入第一个评分后自动转入“考核”",
            year.year,
            year.phase.label()
        )
    };
    let note = format!("{not_begun}{phase_now}{still_out}");
    let colour = if unsigned == 0 && not_begun.is_empty() {
        ui.visuals().weak_text_color()
    } else {
        ui.visuals().warn_fg_color
    };
    // One line, cut short on a narrow window (all of it on hover): the note that follows the
    // first score is one line too, so the grid does not move up under the pointer.
    let next = if entered > 0 {
        "再录入或修改评分"
    } else {
        "录入第一个评分"
    };
    one_line(ui, colour, &note).on_hover_text(format!(
        "{note}\n可以录入评分：{next}时，年度阶段自动转为“考核”（也可在“设置 → 年度设置”中修改）；加扣分和一票否决随事发生随时录入，不改变年度阶段"
    ));
}

/// `text` in `colour` on one line, cut short with "…" where the window is too narrow; the
/// caller's hover says it whole (egui's own tooltip of the cut text would lie under it).
fn one_line(ui: &mut egui::Ui, colour: egui::Color32, text: &str) -> egui::Response {
    let label = egui::Label::new(egui::RichText::new(text).color(colour)).truncate();
    ui.add(label.show_tooltip_when_elided(false))
}

/// Above the grid, when units of the category were archived before they signed: that they
/// take no part in the year's assessment, and how they come back; in a year whose results
/// are published (`is_published`), that they took none (restored since or not).
pub(super) fn left_out_note(
    ui: &mut egui::Ui,
    left_out: &[&crate::model::Agreement],
    units: &[crate::model::Unit],
    is_published: bool,
) {
    if left_out.is_empty() {
        return;
    }
    let names: Vec<&str> = (left_out.iter())
        .filter_map(|a| units.iter().find(|u| u.id == a.draft.unit_id))
        .map(|u| u.fields.display_short_name())
        .collect();
    if is_published {
        ui.label(format!(
            "通报时已归档、责任书未签订，未参加本年度考核：{}",
            names.join("、")
        ))
        .on_hover_text(
            "已通报年度的结果不再随单位归档或恢复而改变；如需考核，须撤回通报后重新通报",
        );
        return;
    }
    ui.label(format!(
        "已归档、责任书未签订的单位不参加本年度考核：{}",
        names.join("、")
    ))
    .on_hover_text("其已录入的评分予以保留；如需考核，请先在“单位”中恢复该单位");
}
