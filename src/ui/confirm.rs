//! The one question before an action that is hard to take back: what it does, then the
//! action's own button and 取消. Esc or a click beside it is 取消. The keyboard starts on the
//! action's button (Enter takes it), or, before an action that cannot be undone at all (a
//! deletion, files replaced, results published), on 取消.

/// Draws the question while it is asked: `body` says what the action does, `confirm` names
/// its button. Returns `Some(true)` when confirmed, `Some(false)` when cancelled, `None` while
/// it waits.
pub fn ask(
    ctx: &egui::Context,
    id: &str,
    confirm: &str,
    body: impl FnOnce(&mut egui::Ui),
) -> Option<bool> {
    question(ctx, id, confirm, None, false, body)
}

/// Like [`ask`], for an action that cannot be undone: the keyboard starts on 取消, so that an
/// Enter meant for something else never takes it.
pub fn ask_cancel_first(
    ctx: &egui::Context,
    id: &str,
    confirm: &str,
    body: impl FnOnce(&mut egui::Ui),
) -> Option<bool> {
    question(ctx, id, confirm, None, true, body)
}

/// [`ask_unless`], the keyboard on 取消 when `is_warned` too: for a question whose danger
/// shows only in what it found (unsaved edits given up, another database's file).
pub fn ask_warned(
    ctx: &egui::Context,
    id: &str,
    confirm: &str,
    (refusal, is_warned): (Option<&str>, bool),
    body: impl FnOnce(&mut egui::Ui),
) -> Option<bool> {
    question(ctx, id, confirm, refusal, is_warned, body)
}

/// Like [`ask`], with the confirm button disabled when `refusal` says why the action would
/// fail (the body shows the reason too; the button repeats it on hover).
pub fn ask_unless(
    ctx: &egui::Context,
    id: &str,
    confirm: &str,
    refusal: Option<&str>,
    body: impl FnOnce(&mut egui::Ui),
) -> Option<bool> {
    question(ctx, id, confirm, refusal, false, body)
}

/// The question, its keyboard on 取消 when `is_cancel_first` or the action is refused.
fn question(
    ctx: &egui::Context,
    id: &str,
    confirm: &str,
    refusal: Option<&str>,
    is_cancel_first: bool,
    body: impl FnOnce(&mut egui::Ui),
) -> Option<bool> {
    let mut answer = None;
    let modal_id = egui::Id::unique(id);
    let modal = crate::ui::steady_modal::new(ctx, modal_id).show(ctx, |ui| {
        // A long sentence wraps rather than stretch the question across the window.
        ui.set_max_width(480.0);
        body(ui);
        ui.horizontal(|ui| {
            let button = ui.add_enabled(refusal.is_none(), egui::Button::new(confirm));
            let cancel = ui.button("取消");
            // The keyboard starts on the action's button (Enter or Space takes it, Esc is
            // 取消), or on 取消 while the action cannot be taken or cannot be undone.
            let first = if refusal.is_some() || is_cancel_first {
                &cancel
            } else {
                &button
            };
            crate::ui::steady_modal::focus_on_open(ui, modal_id, first);
            if let Some(refusal) = refusal {
                button.on_disabled_hover_text(refusal);
            } else if button.clicked() {
                answer = Some(true);
            }
            if cancel.clicked() {
                answer = Some(false);
            }
        });
    });
    // A question asked over a form's modal comes above it, whatever order the two were in
    // when it was asked before (see `discard_question`).
    ctx.move_to_top(modal.response.layer_id);
    if modal.should_close() && answer.is_none() {
        answer = Some(false);
    }
    answer
}
