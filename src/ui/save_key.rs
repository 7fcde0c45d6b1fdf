//! Ctrl+S saves, as in Word: the editor's own 保存 button taken from the keyboard, wherever the
//! keyboard is in the editor. A screen's other shortcuts (Ctrl+F to its search, Ctrl+N for a
//! new unit) are taken the same way: only with no dialog over the screen.

/// True when Ctrl+S was pressed this frame for the enabled save button `save`, with no
/// dialog over the editor; the key is consumed, so that one press saves once.
pub fn pressed(ui: &egui::Ui, save: &egui::Response) -> bool {
    let top = ui.ctx().memory(egui::Memory::top_modal_layer);
    consumed(ui, save, top.is_none())
}

/// True when Ctrl+`key` was pressed this frame with no dialog over the screen; the key is
/// consumed, so that one press acts once.
pub fn screen_shortcut(ui: &egui::Ui, key: egui::Key) -> bool {
    let is_on_top = ui.ctx().memory(egui::Memory::top_modal_layer).is_none();
    is_on_top && ui.input_mut(|input| input.consume_key(egui::Modifiers::COMMAND, key))
}

/// [`screen_shortcut`] seen but left for the one who takes it (a field drawn later in the
/// frame, on a tab this switches to).
pub fn screen_shortcut_pressed(ui: &egui::Ui, key: egui::Key) -> bool {
    let is_on_top = ui.ctx().memory(egui::Memory::top_modal_layer).is_none();
    is_on_top
        && ui.input(|input| {
            input.events.iter().any(|event| {
                matches!(event, egui::Event::Key { key: k, pressed: true, modifiers, .. }
                    if *k == key && modifiers.matches_logically(egui::Modifiers::COMMAND))
            })
        })
}

/// [`pressed`] for the save button of a dialog: true when Ctrl+S was pressed this frame and
/// the dialog holding `ui` is the one on top (not under a question of its own).
pub fn pressed_in_dialog(ui: &egui::Ui, save: &egui::Response) -> bool {
    let top = ui.ctx().memory(egui::Memory::top_modal_layer);
    consumed(ui, save, top == Some(ui.layer_id()))
}

/// True when Ctrl+S was pressed this frame while the save button `save` is disabled (something
/// stops the save), with no dialog over the editor; the key is consumed, so that the caller
/// can show why once.
pub fn refused(ui: &egui::Ui, save: &egui::Response) -> bool {
    let is_on_top = ui.ctx().memory(egui::Memory::top_modal_layer).is_none();
    if save.enabled() || !is_on_top {
        return false;
    }
    let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
    ui.input_mut(|input| input.consume_shortcut(&shortcut))
}

/// Takes Ctrl+S for the enabled `save` when `is_on_top`.
fn consumed(ui: &egui::Ui, save: &egui::Response, is_on_top: bool) -> bool {
    if !save.enabled() || !is_on_top {
        return false;
    }
    let shortcut = egui::KeyboardShortcut::new(egui::Modifiers::COMMAND, egui::Key::S);
    ui.input_mut(|input| input.consume_shortcut(&shortcut))
}
