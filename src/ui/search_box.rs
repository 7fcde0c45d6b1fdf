//! A search box beside its label: what is typed filters a list; Esc in it empties it and the
//! whole list shows again (said in its hint); Enter or ↓ in it goes on to the list; Ctrl+F
//! anywhere on its screen (no dialog open over it) brings the keyboard to it, its text
//! selected to be typed over.

/// The box `label`, then the field for `text`, `width` wide, with `hint` and "（Esc 清空）".
/// True when Enter or ↓ was pressed in it: the keyboard is to go on to the list found.
pub fn search_box(
    ui: &mut egui::Ui,
    label: &str,
    text: &mut String,
    hint: &str,
    width: f32,
) -> bool {
    let label = ui.label(label);
    let search = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text(format!("{hint}（Esc 清空）"))
                .desired_width(width),
        )
        .labelled_by(label.id);
    if super::save_key::screen_shortcut(ui, egui::Key::F) {
        search.request_focus();
        if let Some(mut state) = egui::TextEdit::load_state(ui.ctx(), search.id) {
            let all = egui::text::CCursorRange::two(
                egui::text::CCursor::new(0),
                egui::text::CCursor::new(text.chars().count()),
            );
            state.cursor.set_char_range(Some(all));
            state.store(ui.ctx(), search.id);
        }
    }
    // Esc empties the box and keeps the keyboard in it, ready for the next search.
    if super::enter_key::escaped_from(ui, &search) {
        text.clear();
        search.request_focus();
    }
    let is_entered = search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
    // Taken: the list's own ↓ would otherwise move on again from the row it lands on.
    let is_down = search.has_focus()
        && ui.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown));
    is_entered || is_down
}
