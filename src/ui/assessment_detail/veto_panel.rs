//! The 一票否决 panel of a unit's detail: the veto recorded, with its condition and reason and
//! the means to lift it (asked about first, as the grade changes with it); or the condition, the reason (required) and the button that records
//! one.

use crate::model::{ItemKind, Veto};
use crate::ui::command::Command;

use super::{RowDetail, Scope, keyed, veto_reason_id};

impl RowDetail {
    /// Draws the panel.
    pub(super) fn veto(
        &mut self,
        ui: &mut egui::Ui,
        scope: Scope<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Scope {
            context,
            set,
            agreement,
            reason,
            can_edit,
        } = scope;
        ui.strong("一票否决");
        if let Some(veto) = context
            .data
            .vetoes
            .iter()
            .find(|v| v.agreement_id == agreement.id)
        {
            let condition = veto
                .item_id
                .and_then(|id| set.items.iter().find(|i| i.id == id))
                .map_or("其他", |i| i.name.as_str());
            ui.colored_label(
                ui.visuals().error_fg_color,
                format!("已一票否决（{condition}）：{}", veto.reason),
            );
            let clear = keyed(ui, "clear_veto", |ui| {
                context.access.explain_or(
                    ui.add_enabled(can_edit, egui::Button::new("撤销否决")),
                    crate::ui::assessment::cells::LOCKED_HINT,
                )
            });
            if clear.clicked() {
                self.lifting_veto = true;
            }
            if self.lifting_veto {
                let answer = crate::ui::confirm::ask(ui.ctx(), "lift_veto", "确认撤销", |ui| {
                    ui.label(format!("撤销本单位的一票否决（{condition}）？"));
                    ui.add(egui::Label::new(egui::RichText::new(&veto.reason).weak()).wrap());
                    ui.label("撤销后，该单位按得分评定等次");
                });
                if answer == Some(true) {
                    commands.push(Command::ClearVeto {
                        agreement_id: agreement.id,
                        reason: reason.cloned(),
                    });
                }
                if answer.is_some() {
                    self.lifting_veto = false;
                }
            }
            return;
        }
        if !context.access.can_write() {
            ui.disable();
        }
        let items: Vec<_> = set.items_of(ItemKind::Veto).collect();
        if self.typed.veto_item.is_none() {
            self.typed.veto_item = items.first().map(|i| i.id);
        }
        let label = ui.label("否决条件");
        let chosen = self
            .typed
            .veto_item
            .and_then(|id| items.iter().find(|i| i.id == id));
        egui::ComboBox::from_id_salt("veto_item")
            .width(200.0)
            .selected_text(chosen.map_or("（其他）", |i| i.name.as_str()))
            .show_ui(ui, |ui| {
                for item in &items {
                    ui.selectable_value(&mut self.typed.veto_item, Some(item.id), &item.name);
                }
            })
            .response
            .labelled_by(label.id);
        let label = ui.label("否决理由");
        ui.add(
            egui::TextEdit::multiline(&mut self.typed.veto_reason)
                .id(veto_reason_id())
                .desired_rows(2)
                .desired_width(220.0),
        )
        .labelled_by(label.id);
        let set_veto = keyed(ui, "set_veto", |ui| {
            context.access.explain_or(
                ui.add_enabled(can_edit, egui::Button::new("一票否决")),
                crate::ui::assessment::cells::LOCKED_HINT,
            )
        });
        if set_veto.clicked() {
            if self.typed.veto_reason.trim().is_empty() {
                self.error = Some("一票否决必须写明理由".to_owned());
                // The keyboard goes where the reason is missing.
                ui.memory_mut(|m| m.request_focus(veto_reason_id()));
            } else {
                let veto = Veto {
                    agreement_id: agreement.id,
                    item_id: self.typed.veto_item,
                    reason: self.typed.veto_reason.trim().to_owned(),
                };
                commands.push(Command::SetVeto {
                    veto,
                    reason: reason.cloned(),
                });
                self.error = None;
                self.typed.veto_reason.clear();
            }
        }
    }
}
