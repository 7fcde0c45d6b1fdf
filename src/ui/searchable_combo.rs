//! A drop-down list with a search box at its top, for lists as long as the register (45 units
//! and more): typing narrows the list without closing it, a choice closes it.

/// What the list offers: each item's value and label, and whether the item at an index fits
/// the folded search text (see [`crate::model::collation::folded`]).
pub struct Choices<'a, T> {
    /// The items in order.
    pub items: Vec<(T, &'a str)>,
    /// Whether the item at an index fits the search.
    pub fits: &'a dyn Fn(usize, &str) -> bool,
    /// The first entry, for no choice (e.g. "全部"); none when a choice is required.
    pub none: Option<&'a str>,
    /// The search box's hint (what the search compares), also its name for screen readers.
    pub hint: &'a str,
}

/// Draws the list, returning its response (to label it) and whether the value changed.
pub fn searchable_combo<T: Copy + PartialEq>(
    ui: &mut egui::Ui,
    salt: &str,
    width: f32,
    value: &mut Option<T>,
    search: &mut String,
    choices: &Choices<'_, T>,
) -> (egui::Response, bool) {
    let before = *value;
    let selected = value
        .and_then(|v| choices.items.iter().find(|(item, _)| *item == v))
        .map_or_else(|| choices.none.unwrap_or("请选择"), |(_, label)| *label);
    let response = egui::ComboBox::from_id_salt(salt)
        .selected_text(selected)
        .width(width)
        // Typing in the search box must not close the list; a choice does.
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            let typed = ui.add(
                egui::TextEdit::singleline(search)
                    .hint_text(choices.hint)
                    .desired_width(width - 20.0),
            );
            typed.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, choices.hint)
            });
            let mut chosen = choices
                .none
                .is_some_and(|none| ui.selectable_value(value, None, none).clicked());
            let wanted = crate::model::collation::folded(search);
            let mut any = false;
            for (index, (item, label)) in choices.items.iter().enumerate() {
                if (choices.fits)(index, &wanted) {
                    any = true;
                    chosen |= ui.selectable_value(value, Some(*item), *label).clicked();
                }
            }
            if !any {
                ui.weak("没有匹配的单位");
            }
            if chosen {
                ui.close();
            }
        })
        .response;
    (response, before != *value)
}
