//! A drop-down list with a search box at its top, for lists as long as the register (45 units
//! and more): the box is empty and has the keyboard as the list opens, typing narrows the list
//! without closing it, and a choice (or Enter when one unit is left) closes it.

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

/// The height of the rows under the search box: about twelve units.
const LIST_HEIGHT: f32 = 300.0;

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
    // Whether the list was open last frame: on opening, the search box takes the keyboard.
    let was_open_id = egui::Id::unique((salt, "searchable_combo_open"));
    let was_open = ui.data(|d| d.get_temp::<bool>(was_open_id).unwrap_or(false));
    // A long name chosen is cut to the width (whole in the list), never widening the row.
    let shown = egui::ComboBox::from_id_salt(salt)
        .selected_text(selected)
        .width(width)
        .truncate()
        // The rows scroll inside the list below the search box, not the list as a whole.
        .height(f32::INFINITY)
        // Typing in the search box must not close the list; a choice does.
        .close_behavior(egui::PopupCloseBehavior::CloseOnClickOutside)
        .show_ui(ui, |ui| {
            // Each opening starts with the whole list.
            if !was_open {
                search.clear();
            }
            let typed = ui.add(
                egui::TextEdit::singleline(search)
                    .hint_text(choices.hint)
                    .desired_width(width - 20.0),
            );
            typed.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, true, choices.hint)
            });
            if !was_open {
                typed.request_focus();
            }
            let mut chosen = choices
                .none
                .is_some_and(|none| ui.selectable_value(value, None, none).clicked());
            let wanted = crate::model::collation::folded(search);
            let fitting: Vec<&(T, &str)> = (choices.items.iter().enumerate())
                .filter(|(index, _)| (choices.fits)(*index, &wanted))
                .map(|(_, item)| item)
                .collect();
            // Only the rows in sight are drawn (a register can hold thousands of units); the
            // search box stays above the rows as they scroll.
            let row_height = super::row_height::widget_row(ui);
            egui::ScrollArea::vertical()
                .max_height(LIST_HEIGHT)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, fitting.len(), |ui, rows| {
                    for (item, label) in fitting.get(rows).unwrap_or_default() {
                        chosen |= ui.selectable_value(value, Some(*item), *label).clicked();
                    }
                });
            // Enter in the search box picks the one unit it leaves; with none or several left
            // the keyboard stays in the box, to type on or correct.
            let entered = crate::ui::enter_key::pressed_in(ui, &typed);
            if let [(only, _)] = fitting.as_slice()
                && entered
            {
                *value = Some(*only);
                chosen = true;
            } else if entered {
                typed.request_focus();
            }
            if fitting.is_empty() {
                ui.weak("没有匹配的单位");
            }
            if chosen {
                ui.close();
            }
        });
    let is_open = shown.inner.is_some();
    ui.data_mut(|d| d.insert_temp(was_open_id, is_open));
    (shown.response, before != *value)
}
