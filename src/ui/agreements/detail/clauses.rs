//! The detail's 修改条款…: the button (greyed once the text is frozen, saying why), and the
//! editor of the unit's control targets and clauses it opens, with 保存调整 and 放弃修改 and
//! the problems that stop a save. Esc in the editor closes it as 放弃修改 does, asking first
//! when something changed; the keyboard then goes back to 修改条款…, also after a save.

use crate::model::{Agreement, Template};

use super::super::super::discard_question::DiscardAnswer;
use super::super::tailoring_edit::TailoringEdit;
use super::super::tailoring_form::edit_tailoring;
use super::super::{Command, Context};
use super::facts::frozen_text;
use super::{AfterWrite, Detail, FormShown};

impl Detail {
    /// 修改条款… and, while open, the editor of `agreement`'s clauses drawn from `template`.
    pub(super) fn clauses(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        (agreement, template): (&Agreement, &Template),
        commands: &mut Vec<Command>,
    ) {
        // A frozen text offers the button disabled, its hover saying why and what to do.
        let frozen = frozen_text(agreement.status);
        let edit_clicked = self.edit.is_none() && {
            let access = context.access;
            let button = ui.add_enabled(
                frozen.is_none() && access.can_write(),
                egui::Button::new("修改条款…"),
            );
            let button = match frozen {
                Some(why) => access.explain_or(button, why),
                None => access.explain(button),
            };
            if button.clicked() {
                self.opened_by(FormShown::Clauses, &button);
            }
            if matches!(self.after_write, Some(AfterWrite::EditClauses)) {
                self.after_write = None;
                button.request_focus();
            }
            button.clicked()
        };
        if edit_clicked {
            let loaded =
                TailoringEdit::new(agreement.id, &template.content, &agreement.draft.tailoring);
            // The keyboard goes into the editor, not back to the top of the window.
            super::super::tailoring_form::ask_first_field(ui, &loaded);
            self.edit = Some(loaded.clone());
            self.loaded = Some(loaded);
        }
        if let Some(edit) = &mut self.edit {
            let mut done = false;
            // Esc in the editor (not closing a list in it, nor under a question) closes
            // it as 放弃修改 does: the keyboard does not fall to the top of the window.
            let was_in_editor = std::mem::take(&mut self.is_keyboard_in_clauses);
            let is_escape = ui.input(|i| i.key_pressed(egui::Key::Escape))
                && !egui::Popup::is_any_open(ui.ctx())
                && ui.ctx().memory(egui::Memory::top_modal_layer).is_none();
            let editor_top = ui.cursor().top();
            // Saving and what stops it come before the targets and clauses, as in the
            // template editor: one 限值 changed is saved without scrolling past the text.
            let problems = edit.problems();
            let is_changed = self.loaded.as_ref() != Some(&*edit);
            // What saving would write differs: an added clause left blank is not added, so it
            // alone is nothing to save (nor "已保存" said over nothing, nor asked about).
            let would_change = super::would_save(self.loaded.as_ref(), edit);
            let mut show_problems = false;
            ui.horizontal(|ui| {
                let save = context.access.add_enabled(
                    ui,
                    problems.is_empty() && would_change,
                    egui::Button::new("保存调整"),
                );
                let save = if problems.is_empty() && is_changed {
                    save.on_disabled_hover_text(
                        "保存后内容不变：空白的条款或控制指标不会加入，控制指标前后的空格不计",
                    )
                } else if problems.is_empty() {
                    save.on_disabled_hover_text("条款和控制指标没有改动")
                } else {
                    save.on_disabled_hover_text("请先改正下面列出的问题")
                };
                // Ctrl+S while something stops the save: the reasons brought into view.
                show_problems = !problems.is_empty() && crate::ui::save_key::refused(ui, &save);
                if save.clicked() || crate::ui::save_key::pressed(ui, &save) {
                    commands.push(Command::SetTailoring {
                        id: edit.agreement_id,
                        tailoring: edit.to_tailoring(),
                    });
                    self.is_saving = true;
                }
                if ui.button("放弃修改").clicked() {
                    done = self.discard.ask_if(would_change);
                }
            });
            // Every problem, wrapped, in a room of two lines' height however many there
            // are (more scroll): a problem coming as a 指标 is typed never moves the
            // fields under the pointer.
            let height = 2.0 * ui.text_style_height(&egui::TextStyle::Body) + 4.0;
            let shown = egui::ScrollArea::vertical()
                .id_salt("tailoring_problems")
                .min_scrolled_height(height)
                .max_height(height)
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    for problem in &problems {
                        ui.add(
                            egui::Label::new(
                                egui::RichText::new(problem).color(ui.visuals().error_fg_color),
                            )
                            .wrap(),
                        );
                    }
                });
            if show_problems {
                ui.scroll_to_rect(shown.inner_rect, None);
            }
            edit_tailoring(ui, edit);
            let editor = egui::Rect::from_x_y_ranges(
                ui.max_rect().x_range(),
                editor_top..=ui.cursor().top(),
            );
            self.is_keyboard_in_clauses = (ui.memory(egui::Memory::focused))
                .and_then(|id| ui.ctx().read_response(id))
                .is_some_and(|r| editor.intersects(r.rect));
            if is_escape && was_in_editor {
                done |= self.discard.ask_if(would_change);
            }
            done |= self.discard.show(ui.ctx()) == DiscardAnswer::Discard;
            if done {
                self.discard_unsaved();
                self.give_keyboard_back(ui, FormShown::Clauses);
            }
        }
    }
}
