//! The ring a frameless control (a unit's name, a column header) shows while it has the
//! keyboard: without a frame, it is the only sign of where the keyboard is.

/// Draws the ring around `control` when it has the keyboard, and brings it into sight as it
/// takes it (a row reached by Tab below the edge of a scrolled list).
pub fn show(ui: &egui::Ui, control: &egui::Response) {
    if control.gained_focus() {
        control.scroll_to_me(None);
    }
    if control.has_focus() {
        ui.painter().rect_stroke(
            control.rect.expand(1.0),
            2.0,
            ui.visuals().selection.stroke,
            egui::StrokeKind::Outside,
        );
    }
}
