//! The one question before a unit is archived: what archiving does, and that the unit's
//! agreement in the selected year is still being worked on when it is.

use crate::model::{Agreement, AgreementStatus, Unit};

/// A unit waiting for the clerk's answer before it is archived.
pub struct ArchiveQuestion {
    id: i64,
    name: String,
    /// "该单位 2026 年度的责任书仍在办理中（已定稿）", when it is.
    in_progress: Option<String>,
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
    /// The question about `unit`, given the agreements of the selected `year`.
    #[must_use]
    pub fn new(unit: &Unit, year: Option<i32>, agreements: &[Agreement]) -> Self {
        let in_progress = year.and_then(|year| {
            let agreement = agreements
                .iter()
                .find(|a| a.draft.unit_id == unit.id && a.draft.year == year)?;
            let done = matches!(
                agreement.status,
                AgreementStatus::Signed | AgreementStatus::Archived
            );
            (!done).then(|| {
                format!(
                    "该单位 {year} 年度的责任书仍在办理中（{}）",
                    agreement.status.label()
                )
            })
        });
        Self {
            id: unit.id,
            name: unit.fields.name.clone(),
            in_progress,
        }
    }

    /// Draws the question.
    pub fn show(&self, ctx: &egui::Context) -> ArchiveAnswer {
        let mut answer = ArchiveAnswer::Waiting;
        let modal = crate::ui::steady_modal::new(ctx, egui::Id::unique("archive_unit_question")).show(ctx, |ui| {
            ui.set_max_width(480.0);
            ui.heading(format!("归档“{}”？", self.name));
            ui.label(
                "归档后该单位不出现在名册的在用单位中，也不参加批量起草；历史责任书和评分保留，可随时恢复。",
            );
            if let Some(line) = &self.in_progress {
                ui.colored_label(ui.visuals().warn_fg_color, line);
            }
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui.button("归档").clicked() {
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
