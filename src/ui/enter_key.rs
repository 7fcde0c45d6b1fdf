//! Enter in a single-line field: the field lets go of the keyboard in the frame Enter is
//! pressed, and forms take that as "confirm", as their button would.

/// True when Enter was pressed in the single-line field `field` (which then lets go of the
/// keyboard). A key held down and repeating does not count: a question asked on the first
/// Enter is not answered by the same key still held.
pub fn pressed_in(ui: &egui::Ui, field: &egui::Response) -> bool {
    field.lost_focus() && pressed_once(ui)
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
