//! Enter in a single-line field: the field lets go of the keyboard in the frame Enter is
//! pressed, and forms take that as "confirm", as their button would.

/// True when Enter was pressed in the single-line field `field` (which then lets go of the
/// keyboard).
pub fn pressed_in(ui: &egui::Ui, field: &egui::Response) -> bool {
    field.lost_focus() && ui.input(|input| input.key_pressed(egui::Key::Enter))
}
