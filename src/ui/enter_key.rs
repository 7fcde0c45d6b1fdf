//! Enter and Esc in a field: the field lets go of the keyboard in the frame either is pressed;
//! forms take Enter as "confirm", as their button would, and Esc as "give up" (or keep the
//! keyboard where it was).

/// True when Enter was pressed in the single-line field `field` (which then lets go of the
/// keyboard). A key held down and repeating does not count: a question asked on the first
/// Enter is not answered by the same key still held.
pub fn pressed_in(ui: &egui::Ui, field: &egui::Response) -> bool {
    field.lost_focus() && pressed_once(ui)
}

/// True when Esc took the keyboard out of `field` this frame (egui lets go of it on Esc).
pub fn escaped_from(ui: &egui::Ui, field: &egui::Response) -> bool {
    field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Escape))
}

/// Keeps the keyboard on `field` when Esc would let it go (egui's way), for the fields of a
/// page with nothing of its own to close: the next Tab goes on from the field, not from the
/// top of the window.
pub fn keep_on_escape(ui: &egui::Ui, field: &egui::Response) {
    if escaped_from(ui, field) {
        field.request_focus();
    }
}

/// True when Enter went down this frame, not as a held key repeating.
pub fn pressed_once(ui: &egui::Ui) -> bool {
    ui.input(|input| {
        input.events.iter().any(|event| {
            matches!(
                event,
                egui::Event::Key {
                    key: egui::Key::Enter,
                    pressed: true,
                    repeat: false,
                    ..
                }
            )
        })
    })
}
