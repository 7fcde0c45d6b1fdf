//! The detail's row of buttons for the agreement shown (预览, 导出 PDF, 定稿, 打印 or 补印, 签订 and its
//! correction, the steps back, and the scan's 归档, 更换 and export, each enabled as the
//! agreement's status allows) and the one form a button opened under it.

use crate::model::{Agreement, AgreementStatus};

use super::super::super::file_picker::{FilePicker, PickMode};
use super::super::scan_form::ScanOutcome;
use super::super::signing_form::{SigningForm, SigningOutcome};
use super::super::step_back::StepBack;
use super::super::{Command, Context};
use super::{AfterWrite, Detail, Exported, FormShown, Picking, Request, scan_picker};

impl Detail {
    pub(super) fn actions(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        agreement: &Agreement,
        commands: &mut Vec<Command>,
    ) {
        let access = context.access;
        // The folder choosers name what goes into the folder.
        let unit = (context.units.iter())
            .find(|u| u.id == agreement.draft.unit_id)
            .map_or("本单位", |u| u.fields.name.as_str());
        let mut first_button = None;
        ui.horizontal_wrapped(|ui| {
            let preview = ui.button("预览…");
            if preview.clicked() {
                commands.push(Command::Preview(agreement.id));
            }
            first_button = Some(preview.id);
            // This one agreement, whatever rows are ticked.
            let export = ui.add_enabled(access.can_write(), egui::Button::new("导出 PDF…"));
            let export = access
                .explain_as(
                    export,
                    &super::super::export_refusal::export_needs_writing(access.why()),
                )
                .on_hover_text("导出本责任书的 PDF 文件（只此一份，不论勾选了哪些）");
            if export.clicked() {
                self.picking = Some(Picking::Export(
                    FilePicker::new(
                        &format!("选择导出到的文件夹：{unit}的责任书 PDF（1 份）"),
                        PickMode::Folder,
                    ),
                    Exported::Agreement,
                ));
            }
            if agreement.status == AgreementStatus::Draft {
                // Clause edits or 份数 not saved would not be in the frozen text.
                let is_clean = !self.is_changed()
                    && self.copies.is_none_or(|(_, c)| c == agreement.draft.copies);
                let finalize = access.add_enabled(ui, is_clean, egui::Button::new("定稿…"));
                let finalize = if is_clean {
                    finalize
                } else {
                    finalize.on_disabled_hover_text("请先保存或放弃条款调整和份数")
                };
                if finalize.clicked() {
                    self.request = Some(Request::Finalize);
                }
                if super::super::step_back::delete_button(ui, context, agreement) {
                    self.step_back = Some(StepBack::Delete);
                }
            }
            // One agreement's print file from its own detail, in its own number of copies; a
            // second print is a 补印, each copy marked so, in as many copies as the clerk
            // chooses (usually one spoiled copy).
            if agreement.status == AgreementStatus::Final
                && ui
                    .button("打印…")
                    .on_hover_text(format!(
                        "生成本责任书的打印文件（一式 {} 份）并打开",
                        agreement.draft.copies
                    ))
                    .clicked()
            {
                commands.push(Command::PrintAgreements {
                    ids: vec![agreement.id],
                    copies: None,
                });
            }
            // Printed without the 打印… above (on another computer, or before this program):
            // the printing day is asked, as for the ticked rows.
            if agreement.status == AgreementStatus::Final
                && access
                    .add_enabled(ui, true, egui::Button::new("标记已打印…"))
                    .on_hover_text("签字用的纸质件已另行打印好：填写打印日期")
                    .clicked()
            {
                self.request = Some(Request::MarkPrinted);
            }
            if agreement.status == AgreementStatus::Printed {
                let reprint = ui
                    .button("补印…")
                    .on_hover_text("补印损坏或遗失的签字本，每份标明“补印”；先选择份数");
                if reprint.clicked() {
                    self.reprint_copies = Some(1);
                    self.opened_by(FormShown::Reprint, &reprint);
                }
            }
            // The signature copies come from the print file: 已签订 follows 已打印.
            let can_sign = agreement.status == AgreementStatus::Printed;
            let sign = access.add_enabled(ui, can_sign, egui::Button::new("标记已签订…"));
            let sign = if agreement.status == AgreementStatus::Final {
                sign.on_disabled_hover_text("须先标记已打印")
            } else {
                sign
            };
            if sign.clicked() {
                let party_a = context
                    .data
                    .year
                    .as_ref()
                    .map_or("", |y| y.party_a_signatory_name.as_str());
                let party_b = context
                    .units
                    .iter()
                    .find(|u| u.id == agreement.draft.unit_id)
                    .map_or("", |u| u.fields.principal_name.as_str());
                self.signing = Some(SigningForm::new(party_a, party_b, agreement));
                self.step_back = None;
                self.opened_by(FormShown::Signing, &sign);
            }
            // What was recorded at 签订 stays correctable after the scan is filed: copies often
            // come back later, and the scan shows the true date.
            let can_correct = matches!(
                agreement.status,
                AgreementStatus::Signed | AgreementStatus::Archived
            );
            let correct = access
                .add_enabled(ui, can_correct, egui::Button::new("修改签订信息…"))
                .on_hover_text("更正签订日期、签字人或签回份数；须写明理由，记入操作记录");
            if correct.clicked() {
                self.signing = Some(SigningForm::correcting(agreement));
                self.step_back = None;
                self.opened_by(FormShown::Signing, &correct);
            }
            let published = context.data.published_year();
            // Not while scan files are chosen for archiving: a step back would drop them unsaid.
            let busy = (self.scan.is_some())
                .then_some("正在归档扫描件：请先点“确定归档”或“取消归档”，再撤销或退回");
            let stepped = super::super::step_back::buttons(ui, access, agreement, published, busy);
            if let Some((step, button)) = stepped {
                // One form at a time: the signing form would correct what is undone.
                self.close_forms();
                self.step_back = Some(step);
                self.opened_by(FormShown::StepBack, &button);
            }
            if access
                .add_enabled(
                    ui,
                    agreement.status == AgreementStatus::Signed,
                    egui::Button::new("归档扫描件…"),
                )
                .on_hover_text("一个 PDF，或一张或多张图片（每张一页，按文件名排序）")
                .clicked()
            {
                self.picking = Some(Picking::Scan(
                    scan_picker("选择签订件扫描文件", unit),
                    false,
                ));
                self.step_back = None;
            }
            if access
                .add_enabled(
                    ui,
                    agreement.status == AgreementStatus::Archived,
                    egui::Button::new("更换扫描件…"),
                )
                .on_hover_text(
                    "扫描件有误或缺页时用新的扫描文件替换；须写明理由，原扫描件仍保存在数据库中",
                )
                .clicked()
            {
                self.picking = Some(Picking::Scan(
                    scan_picker("选择新的签订件扫描文件", unit),
                    true,
                ));
                self.step_back = None;
            }
            if ui
                .add_enabled(
                    agreement.status == AgreementStatus::Archived,
                    egui::Button::new("导出签订件 PDF…"),
                )
                .clicked()
            {
                self.picking = Some(Picking::Export(
                    FilePicker::new(
                        &format!("选择导出到的文件夹：{unit}的签订件 PDF（1 份）"),
                        PickMode::Folder,
                    ),
                    Exported::Signed,
                ));
            }
        });
        // A form's write done (the data reloaded): the keyboard to its button if that can still
        // take it (not greyed by the status the write made), else to the row's first button,
        // rather than nowhere.
        // (The same button: as wide and as far along its row as it was, the buttons before it
        // unchanged by the new status; the row itself may have moved up or down, as a line
        // above it came or went with the write.)
        if let Some(after) = (self.after_write).take_if(|a| !matches!(a, AfterWrite::EditClauses)) {
            let opener = match after {
                AfterWrite::Opener(id, rect) => (ui.ctx().read_response(id))
                    .is_some_and(|r| {
                        r.enabled()
                            && r.rect.size() == rect.size()
                            && (r.rect.min.x - rect.min.x).abs() < 0.5
                    })
                    .then_some(id),
                // (EditClauses is left for 修改条款…, drawn below: not taken here.)
                AfterWrite::FirstButton | AfterWrite::EditClauses => None,
            };
            if let Some(target) = opener.or(first_button) {
                ui.memory_mut(|m| m.request_focus(target));
            }
        }
        // A toast (an export's result, say) never lies over an open form's fields and buttons.
        let forms_top = ui.cursor().top();
        if agreement.status == AgreementStatus::Printed
            && let Some(copies) = &mut self.reprint_copies
        {
            let mut close = false;
            ui.horizontal(|ui| {
                let label = ui.label("补印份数");
                let field = ui
                    .add(egui::DragValue::new(copies).range(1..=crate::pdf::agreement::MAX_COPIES))
                    .labelled_by(label.id);
                // The number is typed at once; Esc in it gives the 补印 up, as 取消 does.
                let form_id = egui::Id::unique(("reprint_copies", agreement.id));
                crate::ui::steady_modal::focus_on_open(ui, form_id, &field);
                close |= crate::ui::enter_key::escaped_from(ui, &field);
                // Enter in the number makes the file, as the button does.
                let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                ui.label(format!("（一式 {} 份）", agreement.draft.copies));
                if ui.button("生成补印文件").clicked() || entered {
                    commands.push(Command::PrintAgreements {
                        ids: vec![agreement.id],
                        copies: Some(*copies),
                    });
                    close = true;
                }
                close |= ui.button("取消").clicked();
            });
            // A larger number typed is taken as the most: said before, not found in the file,
            // and said again, in colour, once the number is at the most.
            let most = crate::pdf::agreement::MAX_COPIES;
            if *copies >= most {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("每次最多补印 {most} 份，已按 {most} 份；输入份数后按回车即生成"),
                );
            } else {
                ui.weak(format!("每次最多补印 {most} 份；输入份数后按回车即生成"));
            }
            if close {
                self.reprint_copies = None;
                self.give_keyboard_back(ui, FormShown::Reprint);
            }
        }
        // Filing the scan usually waits for every copy: said, not refused, as the last copy may
        // be corrected in later.
        if agreement.status == AgreementStatus::Signed
            && agreement.copies_returned < agreement.draft.copies
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "签回 {}/{} 份：归档前请确认其余各份已收回（收回后可用“修改签订信息…”更正份数）",
                    agreement.copies_returned, agreement.draft.copies
                ),
            );
        }
        if let Some(form) = &mut self.signing {
            match form.show(ui, agreement) {
                SigningOutcome::Open => {}
                SigningOutcome::Cancelled => {
                    self.signing = None;
                    self.give_keyboard_back(ui, FormShown::Signing);
                }
                SigningOutcome::Submitted(command) => {
                    commands.push(*command);
                    self.is_form_sent = true;
                }
            }
        }
        if let Some(form) = &mut self.scan {
            match form.show(ui, agreement.id) {
                ScanOutcome::Open => {}
                ScanOutcome::Cancelled => self.scan = None,
                ScanOutcome::Submitted(command) => {
                    commands.push(*command);
                    self.scan = None;
                }
                ScanOutcome::Repick(reason) => {
                    let is_replacement = reason.is_some();
                    let title = if is_replacement {
                        "选择新的签订件扫描文件"
                    } else {
                        "选择签订件扫描文件"
                    };
                    self.picking = Some(Picking::Scan(scan_picker(title, unit), is_replacement));
                    self.kept_scan_reason = reason;
                    self.scan = None;
                }
            }
        }
        let sent_before = commands.len();
        let is_done = (self.step_back.as_mut())
            .is_some_and(|step| step.show(ui, context, agreement, commands));
        self.is_form_sent |= commands.len() > sent_before;
        if is_done {
            self.step_back = None;
            self.give_keyboard_back(ui, FormShown::StepBack);
        }
        let forms_bottom = ui.cursor().top();
        let is_form_open = self.reprint_copies.is_some()
            || self.signing.is_some()
            || self.scan.is_some()
            || self.step_back.is_some();
        if is_form_open && forms_bottom > forms_top {
            let area = ui.max_rect();
            crate::ui::toasts::keep_clear_of(
                ui.ctx(),
                egui::Rect::from_x_y_ranges(area.x_range(), forms_top..=forms_bottom),
            );
        }
    }
}
