//! Ctrl+S saves, as in Word: the editor's own 保存 button taken from the keyboard, wherever the
//! keyboard is in the editor.

/// True when Ctrl+S was pressed this frame for the enabled save button `save`, with no
/// dialog over the editor; the key is consumed, so that one press saves once.
pub fn pressed(ui: &egui::Ui, save: &egui::Response) -> bool {
    if !save.enabled() || ui.ctx().memory(|m| m.top_modal_layer().is_some()) {
        return false;
    }
    let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
    ui.input_mut(|input| input.consume_shortcut(&shortcut))
}
