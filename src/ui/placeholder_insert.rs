//! Inserting a placeholder such as "{单位名称}" into a text field at its cursor (at the end when
//! the field was never clicked), for the template and notice wording editors: the clerk picks
//! from a list rather than type braces.

/// Inserts `token` into `text`, the content of the text field `id`, where its cursor was last.
pub fn insert_at_cursor(ctx: &egui::Context, id: egui::Id, text: &mut String, token: &str) {
    let cursor = egui::TextEdit::load_state(ctx, id)
        .and_then(|state| state.cursor.char_range())
        .map(|range| range.primary.index.0);
    let at = cursor.unwrap_or_else(|| text.chars().count());
    let byte = text
        .char_indices()
        .nth(at)
        .map_or(text.len(), |(byte, _)| byte);
    text.insert_str(byte, token);
}
