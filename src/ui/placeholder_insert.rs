//! Inserting a placeholder such as "{单位名称}" into a text field at its cursor (at the end when
//! the field was never clicked), for the template and notice wording editors: the clerk picks
//! from a list rather than type braces.

/// Inserts `token` into `text`, the content of the text field `id`, where its cursor was last,
/// and puts the cursor after it: a second placeholder follows the first, as typing would. The
/// keyboard goes back to the field, so that the clerk types on (or pastes) right after it.
pub fn insert_at_cursor(ctx: &egui::Context, id: egui::Id, text: &mut String, token: &str) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let cursor = state.cursor.char_range().map(|range| range.primary.index.0);
    let at = cursor.unwrap_or_else(|| text.chars().count());
    let byte = text
        .char_indices()
        .nth(at)
        .map_or(text.len(), |(byte, _)| byte);
    text.insert_str(byte, token);
    let after = egui::text::CCursor::new(at + token.chars().count());
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::one(after)));
    state.store(ctx, id);
    // Given back once the frame is drawn: the click on the list is still being handled, and
    // the field would let the keyboard go again for a click outside it.
    ctx.data_mut(|data| data.insert_temp(pending_id(), Some(id)));
}

/// True when the clerk worked in the text field `response` this frame — clicked into it, typed
/// in it, or moved its cursor with the keys — so that a placeholder chosen next goes there. A
/// field Tab only passes through (on the way back to the placeholder buttons, say) is not
/// chosen by that.
#[must_use]
pub fn is_worked_in(ui: &egui::Ui, response: &egui::Response) -> bool {
    let moves_cursor = |key: &egui::Key| {
        use egui::Key::{ArrowDown, ArrowLeft, ArrowRight, ArrowUp, End, Home};
        matches!(
            key,
            ArrowDown | ArrowLeft | ArrowRight | ArrowUp | End | Home
        )
    };
    let keys_moved = response.has_focus()
        && ui.input(|i| {
            (i.events.iter()).any(
                |e| matches!(e, egui::Event::Key { key, pressed: true, .. } if moves_cursor(key)),
            )
        });
    // A selection dragged with the mouse too: a placeholder then replaces it there.
    response.clicked() || response.drag_started() || response.changed() || keys_moved
}

fn pending_id() -> egui::Id {
    egui::Id::unique("placeholder_insert_refocus")
}

/// Gives the keyboard back to the field a placeholder was just inserted into; called once
/// every view is drawn.
pub fn refocus_after_insert(ctx: &egui::Context) {
    if let Some(id) = ctx
        .data_mut(|data| data.remove_temp::<Option<egui::Id>>(pending_id()))
        .flatten()
    {
        ctx.memory_mut(|memory| memory.request_focus(id));
    }
}
