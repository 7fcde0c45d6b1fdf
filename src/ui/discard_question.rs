//! The one question before unsaved edits are thrown away: "放弃未保存的修改？", answered
//! 放弃修改 or 继续编辑. Editors ask it only when something was changed; with nothing changed
//! they close or revert at once. Asked by the window (another year, another screen), it names
//! the editors whose edits would go.

/// What the clerk answered, once the question is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DiscardAnswer {
    /// Not asked, or not answered yet.
    Waiting,
    /// Throw the edits away.
    Discard,
    /// Keep them and go on editing.
    KeepEditing,
}

/// Whether the question is on screen.
#[derive(Debug, Clone, Default)]
pub struct DiscardQuestion {
    is_asking: bool,
    /// The editors with unsaved edits, named under the question when known.
    what: String,
}

impl DiscardQuestion {
    /// Asks before discarding when `is_changed`; returns true when the edits may go at once
    /// (nothing was changed).
    pub fn ask_if(&mut self, is_changed: bool) -> bool {
        self.is_asking = is_changed;
        self.what.clear();
        !is_changed
    }

    /// Asks before the edits of the editors named in `what` ("模板、考核指标") are discarded.
    pub fn ask_about(&mut self, what: String) {
        self.is_asking = true;
        self.what = what;
    }

    /// Draws the question while it is asked; Esc or a click beside it answers 继续编辑.
    pub fn show(&mut self, ctx: &egui::Context) -> DiscardAnswer {
        if !self.is_asking {
            return DiscardAnswer::Waiting;
        }
        let mut answer = DiscardAnswer::Waiting;
        let modal_id = egui::Id::unique("discard_question");
        let modal = crate::ui::steady_modal::new(ctx, modal_id).show(ctx, |ui| {
            ui.heading("放弃未保存的修改？");
            if !self.what.is_empty() {
                ui.label(format!("尚未保存：{}", self.what));
            }
            ui.label(if self.what.is_empty() {
                "放弃后，本次所做的修改都不会保存"
            } else {
                "放弃后，以上内容不会保存；已经保存的不受影响"
            });
            ui.horizontal(|ui| {
                if ui.button("放弃修改").clicked() {
                    answer = DiscardAnswer::Discard;
                }
                let keep = ui.button("继续编辑");
                // The keyboard starts on 继续编辑: edits thrown away cannot come back.
                crate::ui::steady_modal::focus_on_open(ui, modal_id, &keep);
                if keep.clicked() {
                    answer = DiscardAnswer::KeepEditing;
                }
            });
        });
        // Asked over a form's own modal (the unit form's 取消): kept above it, as the click
        // that asked may have raised the form in the same frame.
        ctx.move_to_top(modal.response.layer_id);
        if answer == DiscardAnswer::Waiting && modal.should_close() {
            answer = DiscardAnswer::KeepEditing;
        }
        if answer != DiscardAnswer::Waiting {
            self.is_asking = false;
        }
        answer
    }
}
