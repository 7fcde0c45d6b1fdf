//! The one question before an action that is hard to take back: what it does, then the
//! action's own button and 取消. Esc or a click beside it is 取消.

/// Draws the question while it is asked: `body` says what the action does, `confirm` names
/// its button. Returns `Some(true)` when confirmed, `Some(false)` when cancelled, `None` while
/// it waits.
pub fn ask(
    ctx: &egui::Context,
    id: &str,
    confirm: &str,
    body: impl FnOnce(&mut egui::Ui),
) -> Option<bool> {
    let mut answer = None;
    let modal = egui::Modal::new(egui::Id::unique(id)).show(ctx, |ui| {
        body(ui);
        ui.horizontal(|ui| {
            if ui.button(confirm).clicked() {
                answer = Some(true);
            }
            if ui.button("取消").clicked() {
                answer = Some(false);
            }
        });
    });
    if modal.should_close() && answer.is_none() {
        answer = Some(false);
    }
    answer
}
