//! The height of one line of a list drawn only where it is in sight (`show_rows`): measured on
//! Chinese text, whose fallback font stands taller than the body style says, so that the list's
//! scroll range ends at its last row.

/// The height of a label of Chinese body text, without the spacing between rows.
pub fn label_row(ui: &egui::Ui) -> f32 {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let galley = ui
        .painter()
        .layout_no_wrap("单位".to_owned(), font, egui::Color32::PLACEHOLDER);
    galley
        .size()
        .y
        .max(ui.text_style_height(&egui::TextStyle::Body))
}

/// The height of a check box or button labelled with Chinese body text, without spacing.
pub fn widget_row(ui: &egui::Ui) -> f32 {
    label_row(ui).max(ui.spacing().interact_size.y)
}
