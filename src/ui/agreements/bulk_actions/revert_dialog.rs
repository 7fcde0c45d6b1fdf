//! 退回草稿 on the ticked agreements (已定稿 or 已打印): one reason for all of them, as when an
//! error in the template is found after a batch 定稿. Each is sent back as from its own
//! detail, in one write: all of them or none.

use crate::model::{Agreement, AgreementStatus};

use super::super::reason_form::{ReasonAnswer, reason_form};
use super::super::{Command, Context};
use super::BulkActions;

/// The open dialog: the agreements it applies to and the reason as typed.
pub(super) struct RevertDialog {
    ids: Vec<i64>,
    reason: String,
    /// How many of the ticked are left out (drafts, or signed and archived copies).
    left_out: usize,
    /// Asked before a reason typed is thrown away by Esc.
    discard: crate::ui::discard_question::DiscardQuestion,
}

impl RevertDialog {
    pub(super) fn new(ids: Vec<i64>, left_out: usize) -> Self {
        Self {
            ids,
            reason: String::new(),
            left_out,
            discard: crate::ui::discard_question::DiscardQuestion::default(),
        }
    }
}

impl BulkActions {
    pub(super) fn revert_dialog(
        &mut self,
        ctx: &egui::Context,
        context: &Context<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Some(dialog) = &mut self.revert_dialog else {
            return;
        };
        let mut close = false;
        let modal = crate::ui::steady_modal::top_anchored(ctx, egui::Id::unique("revert_dialog"))
            .show(ctx, |ui| {
                ui.heading(format!("退回草稿（{} 份）", dialog.ids.len()));
                if let Some(named) = super::finalize_question::units_named(context, &dialog.ids) {
                    ui.add(egui::Label::new(format!("包括：{named}")).wrap());
                }
                // As the 定稿 question says it: the ticked ones this does not touch.
                if dialog.left_out > 0 {
                    ui.label(format!(
                        "勾选的另 {} 份责任书不是已定稿或已打印的（草稿，或已签订、已归档），不在其中",
                        dialog.left_out
                    ));
                }
                let chosen: Vec<&Agreement> =
                    crate::model::agreement::among(&context.data.agreements, &dialog.ids).collect();
                let printed = (chosen.iter())
                    .filter(|a| a.status == AgreementStatus::Printed)
                    .count();
                ui.label("退回后，这些责任书正文的校验码作废，改正后须重新定稿");
                if printed > 0 {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "其中 {printed} 份已打印：已打印的签字本作废，重新定稿后须重新打印"
                        ),
                    );
                }
                // As the detail says it of one: said before, not found out in the toast after.
                let renewed = (chosen.iter())
                    .filter(|a| super::super::step_back::newer_template_version(context, a).is_some())
                    .count();
                if renewed > 0 {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "其中 {renewed} 份所属类别的模板已有新版：退回后改用最新版，正文可能随之改变，请核对后再定稿"
                        ),
                    );
                }
                ui.label("同一理由写入每一份的操作记录");
                match reason_form(
                    ui,
                    context.access,
                    &mut dialog.reason,
                    ("确定退回", "不退回", "请先写明退回的理由"),
                ) {
                    ReasonAnswer::Waiting => {}
                    ReasonAnswer::Confirmed(reason) => {
                        commands.push(Command::RevertToDraft {
                            ids: dialog.ids.clone(),
                            reason,
                        });
                        close = true;
                    }
                    // With a reason typed, asked first, as Esc does.
                    ReasonAnswer::Cancelled => {
                        close = dialog.discard.ask_if(!dialog.reason.trim().is_empty());
                    }
                }
            });
        // Esc with a reason typed asks first, as the inline forms do.
        if !close && modal.should_close() {
            close = dialog.discard.ask_if(!dialog.reason.trim().is_empty());
        }
        close |= dialog.discard.show(ctx) == crate::ui::discard_question::DiscardAnswer::Discard;
        if close {
            self.revert_dialog = None;
        }
    }
}
