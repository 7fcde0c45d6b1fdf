//! The detail's 考核组评分说明: the indicator chosen, the unit's own note under it, the note
//! with its 保存说明 button, and Tab from the last control going round to the detail's first.

use super::super::command::Command;
use super::super::pick::pick;
use super::{FocusWanted, RowDetail, Scope, keyed};

impl RowDetail {
    /// The note of one indicator, written and saved (only where it can be).
    pub(super) fn notes(
        &mut self,
        ui: &mut egui::Ui,
        parts: Scope<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Scope {
            context,
            set,
            agreement,
            reason,
            can_edit,
        } = parts;
        // The assessment group's note, beside its score; the unit's own (自评说明, from its
        // form) shows under it when there is one.
        ui.strong("考核组评分说明（依据或扣分理由）");
        let label = ui.label("指标");
        let chosen = self
            .note_indicator
            .and_then(|id| set.indicators.iter().find(|i| i.id == id));
        let before = self.note_indicator;
        let mut is_picked = false;
        let picker = egui::ComboBox::from_id_salt("note_indicator")
            .width(200.0)
            .truncate()
            .selected_text(chosen.map_or("请选择", |i| i.name.as_str()))
            .show_ui(ui, |ui| {
                for indicator in &set.indicators {
                    is_picked |= pick(
                        ui,
                        &mut self.note_indicator,
                        Some(indicator.id),
                        &indicator.name,
                    );
                }
            })
            .response
            .labelled_by(label.id);
        // Cut to one line: whole on hover.
        let picker = match chosen {
            Some(indicator) => picker.on_hover_text(&indicator.name),
            None => picker,
        };
        super::super::pick::keyboard_back(ui, &picker, is_picked);
        let score = self.note_indicator.and_then(|id| {
            context
                .data
                .scores
                .iter()
                .find(|s| s.agreement_id == agreement.id && s.indicator_id == id)
        });
        if self.note_indicator != before {
            // Not away from a note that cannot be saved: the indicator chosen goes back.
            if let Some(refusal) = self.note_refusal() {
                self.note_indicator = before;
                self.error = Some(format!("{refusal}：请先改短或清空这条说明，再选其他指标"));
            } else {
                self.note = score.map(|s| s.note.clone()).unwrap_or_default();
                self.note.clone_into(&mut self.note_stored);
            }
        }
        if let Some(self_note) = score.map(|s| s.self_note.trim()).filter(|n| !n.is_empty()) {
            ui.label(format!("单位自评说明：{self_note}"));
        }
        // The indicator stays choosable, to read each note; the note is written only if allowed.
        if !context.access.can_write() {
            ui.disable();
        }
        let label = ui.label("说明");
        // Written for one indicator and only where it can be saved: a note typed before an
        // indicator is chosen, or in a locked year, would have nowhere to go.
        let is_chosen = self.note_indicator.is_some();
        let hint = if is_chosen {
            ""
        } else {
            "先在上面选择指标"
        };
        let edit = ui
            .add_enabled(
                is_chosen && can_edit,
                egui::TextEdit::multiline(&mut self.note)
                    .id_salt("score_note")
                    .hint_text(hint)
                    .desired_rows(2)
                    .desired_width(220.0),
            )
            .labelled_by(label.id);
        let edit = if is_chosen {
            edit.on_disabled_hover_text(crate::ui::assessment::cells::LOCKED_HINT)
        } else {
            edit.on_disabled_hover_text("先在上面选择指标，再写它的评分说明")
        };
        if self.focus_wanted == Some(FocusWanted::Note) {
            self.focus_wanted = None;
            edit.request_focus();
        }
        if let Some(refusal) = self.note_refusal() {
            ui.colored_label(ui.visuals().error_fg_color, format!("{refusal}；没有保存"));
        }
        // The last control the keyboard reaches: the note, or the indicator before one is
        // chosen (the note takes nothing then).
        let mut last = if edit.enabled() { edit } else { picker };
        if self.note_indicator.is_some() {
            let save_note = keyed(ui, "save_note", |ui| {
                context.access.explain_or(
                    ui.add_enabled(can_edit, egui::Button::new("保存说明")),
                    crate::ui::assessment::cells::LOCKED_HINT,
                )
            });
            if save_note.clicked()
                && let Some(save) = self.note_change(context, agreement, reason)
            {
                commands.push(save);
            }
            // Choosing the indicator brings the note and its button into sight: in a low
            // window they come below the detail's lower edge.
            if self.note_indicator != before {
                save_note.scroll_to_me(Some(egui::Align::BOTTOM));
            }
            if save_note.enabled() {
                last = save_note;
            }
        }
        // Tab from the last control goes round to the first field of the detail.
        // (egui hands the keyboard on as each control is drawn: the last one has let it go,
        // to be taken by the next control drawn, the top of the window's; the first field
        // takes it now instead.)
        let is_tab = ui.input(|i| i.key_pressed(egui::Key::Tab) && !i.modifiers.shift);
        let was_last = ui.memory(|m| m.had_focus_last_frame(last.id) && m.focused().is_none());
        if is_tab
            && was_last
            && let Some(first) = self.first_entry.or(self.first_field)
        {
            let layer = ui.layer_id();
            ui.memory_mut(|m| m.interested_in_focus(first, layer));
        }
    }
}
