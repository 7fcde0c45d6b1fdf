//! The one question before a unit is archived: what archiving does, and which of the unit's
//! agreements are still being worked on (in any year whose results are not published).

use crate::model::Unit;
use crate::store::OpenAgreement;

/// A unit waiting for the clerk's answer before it is archived.
pub struct ArchiveQuestion {
    id: i64,
    name: String,
    /// "该单位 2026 年度的责任书仍在办理中（已定稿）", when it is.
    in_progress: Vec<String>,
    /// True when one of them is a draft, which can be deleted instead of finished.
    has_draft: bool,
    /// True when the unit has an agreement in the year shown or one in progress.
    has_agreement: bool,
}

/// What the clerk answered.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ArchiveAnswer {
    /// Still asking.
    Waiting,
    /// 归档 the unit with this id.
    Archive(i64),
    /// 取消 (or Esc, or a click beside the question).
    Cancel,
}

impl ArchiveQuestion {
    /// The question about `unit`, given the `open` agreements of the years not published
    /// (those not yet signed are named), and whether it has an agreement in the year shown
    /// (`has_agreement`).
    #[must_use]
    pub fn new(unit: &Unit, open: &[OpenAgreement], has_agreement: bool) -> Self {
        let unfinished: Vec<&OpenAgreement> = (open.iter())
            .filter(|a| a.status < crate::model::AgreementStatus::Signed)
            .collect();
        let in_progress: Vec<String> = (unfinished.iter())
            .filter(|a| a.unit_id == unit.id)
            .map(|a| {
                format!(
                    "该单位 {} 年度的责任书仍在办理中（{}）",
                    a.year,
                    a.status.label()
                )
            })
            .collect();
        let has_draft = (unfinished.iter())
            .any(|a| a.unit_id == unit.id && a.status == crate::model::AgreementStatus::Draft);
        Self {
            id: unit.id,
            name: unit.fields.name.clone(),
            has_agreement: has_agreement || !in_progress.is_empty(),
            in_progress,
            has_draft,
        }
    }

    /// Draws the question.
    pub fn show(&self, ctx: &egui::Context) -> ArchiveAnswer {
        let mut answer = ArchiveAnswer::Waiting;
        let modal_id = egui::Id::unique("archive_unit_question");
        let modal = crate::ui::steady_modal::new(ctx, modal_id).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading(format!("归档“{}”？", self.name));
            ui.label(
                "归档后该单位不出现在名册的在用单位中，也不参加批量起草；历史责任书和评分保留，可随时恢复。",
            );
            for line in &self.in_progress {
                ui.colored_label(ui.visuals().warn_fg_color, line);
            }
            // Said whatever their state: a signed agreement of a year not yet published is
            // still scored and ranked; one not signed takes no part (see
            // `crate::model::agreement::is_assessed`).
            if self.has_agreement {
                ui.label(
                    "归档不改变已起草的责任书：它们仍列在各自年度的责任书中。尚未通报的年度里，已签订的照常考核、排名，尚未签订的不再参加考核（已录入的评分保留，恢复单位后重新列入），也不计入逾期未签份数；已通报年度的考核结果不变。",
                );
            }
            if self.has_draft {
                ui.label(
                    "尚未定稿的草稿如不再签订，可在“责任书”中选中后点“删除草稿…”（未曾定稿、未录入评分的草稿可以删除）。",
                );
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                let archive = ui.button("归档");
                // The keyboard starts on 归档 (Enter takes it, Esc is 取消): it can be undone.
                crate::ui::steady_modal::focus_on_open(ui, modal_id, &archive);
                if archive.clicked() {
                    answer = ArchiveAnswer::Archive(self.id);
                }
                if ui.button("取消").clicked() {
                    answer = ArchiveAnswer::Cancel;
                }
            });
        });
        if answer == ArchiveAnswer::Waiting && modal.should_close() {
            ArchiveAnswer::Cancel
        } else {
            answer
        }
    }
}
