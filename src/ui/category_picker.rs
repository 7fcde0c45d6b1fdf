//! The 考核类别 drop-down shared by the template, indicator and scoring screens.

use crate::model::Category;

/// Draws a labelled category drop-down over `selected`; returns true when the choice changed.
pub fn category_picker(
    ui: &mut egui::Ui,
    id_salt: &str,
    categories: &[Category],
    selected: &mut Option<i64>,
) -> bool {
    let label = ui.label("考核类别");
    let name = categories
        .iter()
        .find(|c| Some(c.id) == *selected)
        .map_or("", |c| c.name.as_str());
    let before = *selected;
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(name)
        .show_ui(ui, |ui| {
            for category in categories {
                ui.selectable_value(selected, Some(category.id), &category.name);
            }
        })
        .response
        .labelled_by(label.id);
    *selected != before
}
