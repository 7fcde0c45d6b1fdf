//! Inserting a placeholder such as "{单位名称}" into a text field at its cursor (at the end when
//! the field was never clicked), for the template and notice wording editors: the clerk picks
//! from a list rather than type braces.

/// Inserts `token` into `text`, the content of the text field `id`, where its cursor was last
/// (in place of the text selected there, as typing would), and puts the cursor after it: a
/// second placeholder follows the first. The keyboard goes back to the field, so that the
/// clerk types on (or pastes) right after it. The insertion is a step of its own for Ctrl+Z:
/// undone alone, not with the typing before it.
pub fn insert_at_cursor(ctx: &egui::Context, id: egui::Id, text: &mut String, token: &str) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    let mut undoer = state.undoer();
    let before = state.cursor.char_range().unwrap_or_default();
    undoer.add_undo(&(before, text.clone()));
    let end = text.chars().count();
    let selected = (state.cursor.char_range()).map_or((end, end), |range| {
        let (a, b) = (range.primary.index.0, range.secondary.index.0);
        (a.min(b).min(end), a.max(b).min(end))
    });
    let at = replace_chars(text, selected, token);
    let after = egui::text::CCursor::new(at + token.chars().count());
    let after = egui::text::CCursorRange::one(after);
    state.cursor.set_char_range(Some(after));
    undoer.add_undo(&(after, text.clone()));
    state.set_undoer(undoer);
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

/// Replaces the characters `from..to` of `text` with `token`; returns `from`.
fn replace_chars(text: &mut String, (from, to): (usize, usize), token: &str) -> usize {
    let byte = |at: usize| {
        text.char_indices()
            .nth(at)
            .map_or(text.len(), |(byte, _)| byte)
    };
    let range = byte(from)..byte(to);
    text.replace_range(range, token);
    from
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

#[cfg(test)]
mod tests {
    use super::replace_chars;

    #[test]
    fn a_placeholder_takes_the_place_of_the_text_selected() {
        let mut title = "{年度}年度安全生产目标管理责任书（{单位简称}）".to_owned();
        let end = title.chars().count();
        let at = replace_chars(&mut title, (end - 8, end), "{年度}");
        assert_eq!(title, "{年度}年度安全生产目标管理责任书{年度}");
        assert_eq!(at, end - 8);
        // Nothing selected: put in at the cursor.
        let mut text = "责任人".to_owned();
        replace_chars(&mut text, (2, 2), "{负责人}");
        assert_eq!(text, "责任{负责人}人");
    }
}
