//! A search box beside its label: what is typed filters a list; Esc in it empties it and the
//! whole list shows again (said in its hint).

/// The box `label`, then the field for `text`, `width` wide, with `hint` and "（Esc 清空）".
pub fn search_box(ui: &mut egui::Ui, label: &str, text: &mut String, hint: &str, width: f32) {
    let label = ui.label(label);
    let search = ui
        .add(
            egui::TextEdit::singleline(text)
                .hint_text(format!("{hint}（Esc 清空）"))
                .desired_width(width),
        )
        .labelled_by(label.id);
    if search.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
        text.clear();
    }
}
