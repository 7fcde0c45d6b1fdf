//! The 一票否决 panel of a unit's detail: the veto recorded, with its condition and reason and
//! the means to lift it; or the condition (chosen on purpose: none is preselected, 其他 when
//! none fits), the reason (required) and the button that records one. Both are asked about
//! first, as the grade changes with them.

use crate::model::{ItemKind, Veto};
use crate::ui::command::Command;

use super::{RowDetail, Scope, VetoCondition, keyed, veto_reason_id};

/// The veto panel's control that takes the keyboard when next drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum VetoFocus {
    /// 撤销否决: a veto was recorded, or lifting it was cancelled.
    Lift,
    /// 一票否决: recording one was cancelled.
    Set,
    /// 否决条件: the veto was lifted.
    Condition,
}

/// Said when 一票否决 is clicked before a condition is chosen.
const CHOOSE_CONDITION: &str = "请选择否决条件（没有相符的条件时选“其他（在理由中写明）”）";

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
            let condition = veto.condition_name(&set.items);
            // Not justified as the column is: a Latin word in the reason would be spaced out
            // letter by letter.
            ui.vertical(|ui| {
                ui.colored_label(
                    ui.visuals().error_fg_color,
                    format!("已一票否决（{condition}）：{}", veto.reason),
                );
            });
            let clear = keyed(ui, "clear_veto", |ui| {
                context.access.explain_or(
                    ui.add_enabled(can_edit, egui::Button::new("撤销否决")),
                    crate::ui::assessment::cells::LOCKED_HINT,
                )
            });
            if self.takes_veto_focus(VetoFocus::Lift) {
                clear.request_focus();
            }
            if clear.clicked() {
                self.lifting_veto = true;
            }
            if self.lifting_veto {
                // Starts on 取消: Enter pressed on after 一票否决 was recorded (the keyboard
                // then rests on 撤销否决) must not lift it again.
                let answer = crate::ui::confirm::ask_cancel_first(
                    ui.ctx(),
                    "lift_veto",
                    "确认撤销",
                    |ui| {
                        ui.label(format!("撤销本单位的一票否决（{condition}）？"));
                        ui.add(egui::Label::new(egui::RichText::new(&veto.reason).weak()).wrap());
                        ui.label("撤销后，该单位按得分评定等次");
                        logged_reason(ui, reason);
                    },
                );
                if answer == Some(true) {
                    commands.push(Command::ClearVeto {
                        agreement_id: agreement.id,
                        reason: reason.cloned(),
                    });
                    // Its condition and reason stay typed in: a veto lifted by mistake is
                    // recorded again with one click.
                    self.typed.veto_condition = veto
                        .item_id
                        .map_or(VetoCondition::Other, VetoCondition::Item);
                    self.typed.veto_reason.clone_from(&veto.reason);
                    // Put back, not typed: the unit is not marked as holding a new entry.
                    self.typed.lifted_veto = Some((self.typed.veto_condition, veto.reason.clone()));
                }
                if let Some(is_lifted) = answer {
                    self.lifting_veto = false;
                    self.veto_focus = Some(if is_lifted {
                        VetoFocus::Condition
                    } else {
                        VetoFocus::Lift
                    });
                }
            }
            return;
        }
        if !context.access.can_write() {
            ui.disable();
        }
        let items: Vec<_> = set.items_of(ItemKind::Veto).collect();
        // A condition no longer among the year's (the indicators were edited) is chosen again.
        if let VetoCondition::Item(id) = self.typed.veto_condition
            && !items.iter().any(|i| i.id == id)
        {
            self.typed.veto_condition = VetoCondition::Unchosen;
        }
        let label = ui.label("否决条件");
        let shown = match self.typed.veto_condition {
            VetoCondition::Unchosen => "请选择",
            VetoCondition::Other => OTHER,
            VetoCondition::Item(id) => (items.iter())
                .find(|i| i.id == id)
                .map_or("请选择", |i| i.name.as_str()),
        };
        let mut is_picked = false;
        // One line, cut with "…": a long condition wrapped would run under the list's arrow.
        let condition = egui::ComboBox::from_id_salt("veto_item")
            .width(200.0)
            .truncate()
            .selected_text(shown)
            .show_ui(ui, |ui| {
                for item in &items {
                    is_picked |= super::pick(
                        ui,
                        &mut self.typed.veto_condition,
                        VetoCondition::Item(item.id),
                        &item.name,
                    );
                }
                is_picked |= super::pick(
                    ui,
                    &mut self.typed.veto_condition,
                    VetoCondition::Other,
                    OTHER,
                );
            })
            .response
            .labelled_by(label.id)
            .on_hover_text(shown);
        if self.takes_veto_focus(VetoFocus::Condition) {
            condition.request_focus();
        }
        if crate::ui::pick::list_closed(ui, &condition, is_picked) {
            // Back to the list, as with every list of the program, Tab then going on to the
            // reason (the closed list's entries took the keyboard with them).
            self.focus_next = Some(condition.id);
        }
        // Beside the caption, a few words with the rest on hover: under the reason, lines that
        // came as 其他 was chosen moved the reason and the button under the pointer, and
        // lines always there took rows from the grid.
        let label = ui
            .horizontal(|ui| {
                let label = ui.label("否决理由");
                ui.weak(OTHER_IN_NOTICE_SHORT)
                    .on_hover_text(OTHER_IN_NOTICE);
                label
            })
            .inner;
        let typed_reason = ui
            .add(
                egui::TextEdit::multiline(&mut self.typed.veto_reason)
                    .id(veto_reason_id())
                    .desired_rows(2)
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        // The refusal goes once the clerk sees to what it asked for.
        if self.is_veto_error && (is_picked || typed_reason.changed()) {
            self.is_veto_error = false;
            self.error = None;
        }
        let set_veto = keyed(ui, "set_veto", |ui| {
            context.access.explain_or(
                ui.add_enabled(can_edit, egui::Button::new("一票否决")),
                crate::ui::assessment::cells::LOCKED_HINT,
            )
        });
        if self.takes_veto_focus(VetoFocus::Set) {
            set_veto.request_focus();
        }
        if set_veto.clicked() {
            self.is_veto_error = true;
            if self.typed.veto_condition == VetoCondition::Unchosen {
                self.error = Some(CHOOSE_CONDITION.to_owned());
                self.focus_next = Some(condition.id);
            } else if crate::model::reason::given(&self.typed.veto_reason).is_none() {
                let typed = &self.typed.veto_reason;
                self.error = Some(crate::model::reason::refusal("一票否决", typed));
                // The keyboard goes where the reason is missing.
                self.focus_next = Some(veto_reason_id());
            } else {
                self.error = None;
                self.is_veto_error = false;
                self.setting_veto = Some(Veto {
                    agreement_id: agreement.id,
                    item_id: match self.typed.veto_condition {
                        VetoCondition::Item(id) => Some(id),
                        VetoCondition::Unchosen | VetoCondition::Other => None,
                    },
                    reason: self.typed.veto_reason.trim().to_owned(),
                });
            }
        }
        let Some(veto) = self.setting_veto.clone() else {
            return;
        };
        let condition = veto.condition_name(items.iter().copied());
        let unit = (context.units.iter())
            .find(|u| u.id == agreement.draft.unit_id)
            .map_or("本单位", |u| u.fields.name.as_str());
        let cause = veto.cause(items.iter().copied());
        // As the notice words it (a cause left empty gives no "因").
        let told = if cause.is_empty() {
            format!("{unit}被一票否决")
        } else {
            format!("{unit}因{cause}被一票否决")
        };
        let lowest = (context.data.year.as_ref()).map_or("不合格", |year| year.lowest_grade());
        let answer = crate::ui::confirm::ask(ui.ctx(), "set_veto", "确认否决", |ui| {
            ui.label(format!("对{unit}一票否决（{condition}）？"));
            ui.add(egui::Label::new(egui::RichText::new(&veto.reason).weak()).wrap());
            ui.label(format!(
                "否决后，该单位不论得分，等次均为{lowest}，总得分按 0 分计，通报中写明：{told}"
            ));
            logged_reason(ui, reason);
        });
        if answer == Some(true) {
            commands.push(Command::SetVeto {
                veto,
                reason: reason.cloned(),
            });
            self.typed.veto_reason.clear();
            self.typed.lifted_veto = None;
            self.typed.veto_condition = VetoCondition::Unchosen;
        }
        if let Some(is_set) = answer {
            self.setting_veto = None;
            self.veto_focus = Some(if is_set {
                VetoFocus::Lift
            } else {
                VetoFocus::Set
            });
        }
    }

    /// True, once, when `control` is the one to take the keyboard (another waits for its own
    /// panel: the data may not have reloaded yet).
    fn takes_veto_focus(&mut self, control: VetoFocus) -> bool {
        let is_it = self.veto_focus == Some(control);
        if is_it {
            self.veto_focus = None;
        }
        is_it
    }
}

/// The choice for a veto that none of the year's conditions describes.
const OTHER: &str = "其他（在理由中写明）";

/// Said beside the veto reason's caption, for one under 其他 ([`OTHER_IN_NOTICE`] on hover).
const OTHER_IN_NOTICE_SHORT: &str = "（选“其他”时第一句写入通报）";

/// Said on hover of the short note beside the reason's caption, for a veto under 其他: the
/// notice gives the reason as its cause.
const OTHER_IN_NOTICE: &str = "否决条件选“其他”时，通报写作“因（理由的第一句）被一票否决”：请把第一句写成一个短语，如“瞒报生产安全事故。”，详情写在其后";

/// After publication a veto set or lifted is logged under the reason typed above the grid for
/// every change: said in its question, where a reason left from a score correction is caught.
fn logged_reason(ui: &mut egui::Ui, reason: Option<&String>) {
    if let Some(reason) = reason {
        ui.add(
            egui::Label::new(format!(
                "考核结果已通报：操作记录中的修改理由将是“{reason}”；理由不符请先取消，在表格上方改写理由"
            ))
            .wrap(),
        );
    }
}
