//! The red frame drawn around a field whose value is refused or missing, so that it is found
//! among many once the message above names it.

/// Draws a red frame around `response`'s field.
pub fn frame_red(ui: &egui::Ui, response: &egui::Response) {
    ui.painter().rect_stroke(
        response.rect,
        3.0,
        egui::Stroke::new(2.0, ui.visuals().error_fg_color),
        egui::StrokeKind::Inside,
    );
}
