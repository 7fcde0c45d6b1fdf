//! The 考核 screen's keyboard help above the grid (folding to one line on a low window), and
//! the detail of one unit beside the grid: opened from a name or the keyboard, and closed
//! back to where the keyboard was.

use std::collections::HashMap;

use super::{
    AssessmentView, Command, Context, DetailKeyboard, DetailOutcome, FocusStep, HELP, HELP_DETAIL,
    HELP_OPEN_HEIGHT, HELP_REFUSAL, Stop, focus_next_drawn,
};

impl AssessmentView {
    /// The keyboard help above the grid, with the Tab setting. It folds to one line: on a low
    /// window (1366×768 at 125 %) its three lines are three rows of units fewer, so it starts
    /// folded there and open on a taller one, until the clerk chooses.
    /// Returns whether it was drawn folded.
    pub(super) fn help(&mut self, ui: &mut egui::Ui) -> bool {
        let is_tall = ui.ctx().content_rect().height() >= HELP_OPEN_HEIGHT;
        let folded = self.help_folded.get_or_insert(!is_tall);
        // Ticked with the mouse while typing scores: the keyboard goes back to the grid. Ticked
        // with Space, the keyboard stays on it, where the clerk took it (Tab goes on from
        // there, and the Space is no key for a cell).
        let skip_self = |ui: &mut egui::Ui, skips_self: &mut bool| {
            let check = ui
                .checkbox(skips_self, "Tab 跳过自评分")
                .on_hover_text("只录考核组评分时勾选：Tab 只在单位名称和各项考核组评分之间移动");
            check.changed() && !check.has_focus()
        };
        // The fold sits in the row the check box makes tall already: a row of its own would
        // cost the grid height.
        let was_folded = *folded;
        let clicked = ui
            .horizontal_wrapped(|ui| {
                if !was_folded {
                    ui.label(HELP);
                }
                let clicked = skip_self(ui, &mut self.skips_self);
                let fold = if was_folded {
                    "键盘操作说明…"
                } else {
                    "收起说明"
                };
                // Its id changes with its name: pressed from the keyboard, the keyboard is
                // given to it again under the other name, so that Tab goes on from there.
                let keeps_keyboard = egui::Id::unique("assessment_help_fold_keeps_keyboard");
                let button = ui.small_button(fold);
                if ui.data_mut(|d| d.remove_temp::<bool>(keeps_keyboard)) == Some(true) {
                    button.request_focus();
                }
                if button.clicked() {
                    *folded = !was_folded;
                    if button.has_focus() {
                        ui.data_mut(|d| d.insert_temp(keeps_keyboard, true));
                    }
                }
                clicked
            })
            .inner;
        if clicked {
            self.cells.refocus_last(ui.ctx());
        }
        if !was_folded {
            ui.label(HELP_DETAIL);
            ui.label(HELP_REFUSAL);
        }
        was_folded
    }

    /// The open unit's bonuses, deductions, veto and notes under the grid, at the height it
    /// needed last frame; Esc in it gives the keyboard back where it came from.
    #[allow(clippy::too_many_arguments)] // the grid's borrowed data, passed on as drawn
    pub(super) fn show_detail(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        set: &crate::model::IndicatorSet,
        agreements: &[&crate::model::Agreement],
        names: &HashMap<i64, &str>,
        reason: Option<&String>,
        can_edit: bool,
        commands: &mut Vec<Command>,
    ) {
        if let Some(agreement) = self
            .detail
            .agreement_id()
            .and_then(|id| agreements.iter().find(|a| a.id == id))
        {
            let separator_top = ui.cursor().top();
            ui.separator();
            let separator_height = ui.cursor().top() - separator_top;
            let unit = names.get(&agreement.draft.unit_id).copied().unwrap_or("");
            if let Some(keyboard) = &mut self.detail_keyboard
                && keyboard.step == FocusStep::Give
            {
                // A new entry is where the keyboard starts; read-only, the first control
                // (the note's indicator, to read the notes).
                if context.access.can_write() {
                    self.detail.focus_form();
                } else {
                    focus_next_drawn(ui);
                }
                keyboard.step = FocusStep::Given;
            }
            let outcome = self.detail.show(
                ui, context, set, agreement, unit, reason, can_edit, commands,
            );
            if let Some(wanted) = self.detail.wanted_height() {
                // With room below the last button, so it is never cut at the window's edge.
                let wanted = separator_height + wanted + 2.0 * ui.spacing().item_spacing.y;
                // It only grows while open (another bonus item whose name wraps, 加分 for 扣分,
                // the next unit): the grid does not jump and the buttons stay under the mouse.
                if self
                    .detail_wanted
                    .is_none_or(|before| wanted > before + 0.5)
                {
                    // The grid's height follows in the next frame.
                    self.detail_wanted = Some(wanted);
                    ui.ctx().request_repaint();
                }
            }
            if outcome == DetailOutcome::ClosedByEscape {
                // Back where the keyboard came from: the cell or name it was opened from, else
                // (opened by a click) the unit's name.
                let return_to = self
                    .detail_keyboard
                    .take()
                    .map_or(Stop::Name(agreement.id), |k| k.return_to);
                self.cells.focus(ui.ctx(), return_to);
            }
        }
    }

    /// Opens an agreement's detail (keeping what is typed there if it is open already); from
    /// the keyboard, `return_to` is where the keyboard goes back when it closes.
    pub(super) fn open_detail(
        &mut self,
        agreement_id: i64,
        return_to: Option<Stop>,
        step: FocusStep,
    ) {
        if self.detail.agreement_id() != Some(agreement_id) {
            self.detail.open(agreement_id);
        }
        self.detail_keyboard = return_to.map(|return_to| DetailKeyboard {
            agreement_id,
            return_to,
            step,
        });
    }
}
