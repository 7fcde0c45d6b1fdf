//! The steps back on one agreement, each asked before it is taken: 删除草稿 (one question
//! naming the unit), 撤销打印, 撤销签订 and 退回草稿 (each with a reason the audit log keeps). One is
//! open at a time, never beside the signing or scan form (the detail closes those), and it
//! closes by itself once the agreement has moved on (a reload shows another status).

use crate::model::{Agreement, AgreementStatus};

use super::reason_form::{ReasonAnswer, reason_form};
use super::{Command, Context};
use crate::ui::write_access::WriteAccess;

/// The step back asked about.
pub enum StepBack {
    /// 删除草稿… was pressed.
    Delete,
    /// 撤销打印… was pressed: the reason typed so far.
    UndoPrinting(String),
    /// 撤销签订… was pressed: the reason typed so far.
    UndoSigning(String),
    /// 退回草稿… was pressed: the reason typed so far.
    Revert(String),
}

impl StepBack {
    /// The form's name when a reason is typed in it (closing the window asks before it is
    /// lost), else empty.
    #[must_use]
    pub fn typed_form(&self) -> &'static str {
        match self {
            Self::UndoPrinting(reason) if !reason.trim().is_empty() => "撤销打印的理由",
            Self::UndoSigning(reason) if !reason.trim().is_empty() => "撤销签订的理由",
            Self::Revert(reason) if !reason.trim().is_empty() => "退回草稿的理由",
            _ => "",
        }
    }

    /// True while the step still applies to an agreement in `status`.
    fn fits(&self, status: AgreementStatus) -> bool {
        match self {
            Self::Delete => status == AgreementStatus::Draft,
            Self::UndoPrinting(_) => status == AgreementStatus::Printed,
            Self::UndoSigning(_) => status == AgreementStatus::Signed,
            Self::Revert(_) => matches!(status, AgreementStatus::Final | AgreementStatus::Printed),
        }
    }

    /// Draws the question or the reason form under the detail's actions; true once it is
    /// answered or given up (or no longer applies), when the detail closes it.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        agreement: &Agreement,
        commands: &mut Vec<Command>,
    ) -> bool {
        if !self.fits(agreement.status) {
            return true;
        }
        let id = agreement.id;
        match self {
            Self::Delete => {
                let answer = crate::ui::confirm::ask_cancel_first(
                    ui.ctx(),
                    "delete_draft",
                    "确认删除",
                    |ui| {
                        let unit = (context.units.iter())
                            .find(|u| u.id == agreement.draft.unit_id)
                            .map_or("", |u| u.fields.name.as_str());
                        ui.label(format!(
                            "删除第 {} 号责任书草稿（{unit}）？",
                            agreement.draft.number
                        ));
                        ui.label(
                        "删除后，该单位本年度没有责任书，需要时可再用“批量起草…”起草；删除记入操作记录",
                    );
                    },
                );
                if answer == Some(true) {
                    commands.push(Command::DeleteDraft(id));
                }
                answer.is_some()
            }
            Self::UndoPrinting(reason) => {
                ui.label("撤销打印的理由（写入操作记录）");
                ui.weak("撤销后回到“已定稿”，打印日期清空，正文和校验码不变；纸质件已打印、只是日期录错的，直接再标记已打印并填写实际日期，不必重印");
                let labels = ("确定撤销打印", "不撤销", "请先写明撤销的理由");
                reason_step(ui, context, reason, labels, commands, |reason| {
                    Command::UndoPrinting { id, reason }
                })
            }
            Self::UndoSigning(reason) => {
                ui.label("撤销签订的理由（写入操作记录）");
                ui.weak("撤销后回到“已打印”，签订日期、签字人和签回份数清空；正文和校验码不变");
                let labels = ("确定撤销签订", "不撤销", "请先写明撤销的理由");
                reason_step(ui, context, reason, labels, commands, |reason| {
                    Command::UndoSigning { id, reason }
                })
            }
            Self::Revert(reason) => {
                ui.label("退回草稿的理由（写入操作记录）");
                // What goes back: the frozen text and its code, and any copies printed from it.
                ui.weak(if agreement.status == AgreementStatus::Printed {
                    "退回后，已打印的签字本作废，改正后须重新定稿、打印"
                } else {
                    "退回后，正文的校验码作废，改正后须重新定稿"
                });
                newer_template_warning(ui, context, agreement);
                let labels = ("确定退回", "不退回", "请先写明退回的理由");
                reason_step(ui, context, reason, labels, commands, |reason| {
                    Command::RevertToDraft {
                        ids: vec![id],
                        reason,
                    }
                })
            }
        }
    }
}

/// The reason form of a step back and its answer: the step's command once confirmed (the form
/// stays until the agreement has moved on), true when given up.
fn reason_step(
    ui: &mut egui::Ui,
    context: &Context<'_>,
    reason: &mut String,
    labels: (&str, &str, &str),
    commands: &mut Vec<Command>,
    command: impl FnOnce(String) -> Command,
) -> bool {
    match reason_form(ui, context.access, reason, labels) {
        ReasonAnswer::Waiting => false,
        ReasonAnswer::Confirmed(reason) => {
            commands.push(command(reason));
            false
        }
        ReasonAnswer::Cancelled => true,
    }
}

/// 删除草稿… on a draft, disabled with the store's reason when it cannot go; true when clicked.
pub fn delete_button(ui: &mut egui::Ui, context: &Context<'_>, agreement: &Agreement) -> bool {
    let data = &context.data;
    let id = agreement.id;
    let was_issued = data.voided.iter().any(|v| v.agreement_id == id);
    let is_assessed = data.scores.iter().any(|s| s.agreement_id == id)
        || data.adjustments.iter().any(|a| a.agreement_id == id)
        || data.vetoes.iter().any(|v| v.agreement_id == id);
    let refusal = crate::model::agreement::draft_deletion_refusal(was_issued, is_assessed)
        .map(|why| format!("该责任书{why}"));
    let delete =
        (context.access).add_enabled(ui, refusal.is_none(), egui::Button::new("删除草稿…"));
    match &refusal {
        Some(why) => delete.on_disabled_hover_text(why),
        None => delete.on_hover_text("起草有误（单位改了类别、已撤并）时删除；删除后可重新起草"),
    }
    .clicked()
}

/// 撤销打印… (on a printed agreement), 撤销签订… (on a signed one) and 退回草稿… (enabled on
/// 已定稿 and 已打印 while the year is not published: `published_year`); the step whose button
/// was clicked, with its button. While `busy` says why (another form holds chosen files), all
/// wait.
pub fn buttons(
    ui: &mut egui::Ui,
    access: WriteAccess<'_>,
    agreement: &Agreement,
    published_year: Option<i32>,
    busy: Option<&str>,
) -> Option<(StepBack, egui::Response)> {
    let mut clicked = None;
    let free = busy.is_none();
    let waiting = |button: egui::Response| match busy {
        Some(why) => button.on_disabled_hover_text(why),
        None => button,
    };
    // A printing marked by mistake, or on a wrong day, is undone (back to 已定稿), not reverted.
    if agreement.status == AgreementStatus::Printed {
        let button = waiting(access.add_enabled(ui, free, egui::Button::new("撤销打印…")))
            .on_hover_text("误标为已打印或打印日期有误时使用：回到“已定稿”，打印日期清空");
        if button.clicked() {
            clicked = Some((StepBack::UndoPrinting(String::new()), button));
        }
    }
    // A signing marked by mistake is undone instead (back to 已打印), not reverted.
    if agreement.status == AgreementStatus::Signed {
        let button = waiting(access.add_enabled(ui, free, egui::Button::new("撤销签订…")))
            .on_hover_text("误标为已签订时使用：回到“已打印”，签订信息清空");
        if button.clicked() {
            clicked = Some((StepBack::UndoSigning(String::new()), button));
        }
    }
    let can_revert = matches!(
        agreement.status,
        AgreementStatus::Final | AgreementStatus::Printed
    ) && published_year.is_none();
    let revert = access.add_enabled(ui, can_revert && free, egui::Button::new("退回草稿…"));
    let revert = if let Some(why) = busy.filter(|_| can_revert) {
        revert.on_disabled_hover_text(why)
    } else if access.can_write() {
        revert.on_disabled_hover_text(match (agreement.status, published_year) {
            (AgreementStatus::Draft, _) => "这份责任书还是草稿，可以直接修改".to_owned(),
            (AgreementStatus::Final | AgreementStatus::Printed, Some(year)) => {
                crate::store::revert_after_publication(year)
            }
            _ => "已签订的责任书以签字盖章的纸本为准，不能退回草稿".to_owned(),
        })
    } else {
        revert
    };
    if revert.clicked() {
        clicked = Some((StepBack::Revert(String::new()), revert));
    }
    clicked
}

/// The version of `agreement`'s category's newest template, when it is not the one the
/// agreement was drawn from: a draft again follows it.
pub fn newer_template_version(context: &Context<'_>, agreement: &Agreement) -> Option<i64> {
    (context.data.templates.iter())
        .filter(|t| t.content.category_id == agreement.draft.category_id)
        .max_by_key(|t| t.version)
        .filter(|t| t.id != agreement.draft.template_id)
        .map(|t| t.version)
}

/// A draft again follows its category's newest template version: said before it is reverted.
fn newer_template_warning(ui: &mut egui::Ui, context: &Context<'_>, agreement: &Agreement) {
    if let Some(version) = newer_template_version(context, agreement) {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "本类别的模板已有第 {version} 版：退回后这份责任书改用该版，正文可能随之改变，请核对后再定稿"
            ),
        );
    }
}
