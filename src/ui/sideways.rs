//! A table's columns scrolled sideways in a window too narrow for them, with a solid scroll
//! bar seen without a hover: a floating one shows only under the pointer, and the clerk would
//! not know that more columns lie past the edge.

/// Shows `add_contents` in a sideways scroll area named `id` with a solid bar.
pub fn show<R>(ui: &mut egui::Ui, id: &str, add_contents: impl FnOnce(&mut egui::Ui) -> R) -> R {
    ui.scope(|ui| {
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::horizontal()
            .id_salt(id)
            .show(ui, add_contents)
            .inner
    })
    .inner
}
