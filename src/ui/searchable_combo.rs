//! A drop-down list with a search box at its top, for lists as long as the register (45 units
//! and more): the box is empty and has the keyboard as the list opens, typing narrows the list
//! without closing it, ↓ and ↑ in the box mark a row, and a choice (or Enter on the row
//! marked, or when one unit is left) closes it.

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
    // The row marked with ↓ and ↑, among those the search leaves.
    let marked_id = egui::Id::unique((salt, "searchable_combo_marked"));
    let mut marked = ui.data(|d| d.get_temp::<Option<usize>>(marked_id).flatten());
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
            // Each opening starts with the whole list, the row chosen marked: ↓ goes on to the
            // one after it, as in every list.
            if !was_open {
                search.clear();
                marked =
                    value.and_then(|v| (choices.items.iter()).position(|(item, _)| *item == v));
            }
            let search_before = search.clone();
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
            // Another search marks nothing; ↓ and ↑ move the mark among the rows left.
            if *search != search_before {
                marked = None;
            }
            let (down, up) = if typed.has_focus() {
                ui.input_mut(|i| {
                    (
                        i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowDown),
                        i.consume_key(egui::Modifiers::NONE, egui::Key::ArrowUp),
                    )
                })
            } else {
                (false, false)
            };
            let last = fitting.len().checked_sub(1);
            if down {
                marked = last.map(|last| marked.map_or(0, |at| (at + 1).min(last)));
            } else if up {
                marked = marked.and_then(|at| at.checked_sub(1));
            }
            marked = marked.filter(|at| last.is_some_and(|last| *at <= last));
            // Only the rows in sight are drawn (a register can hold thousands of units); the
            // search box stays above the rows as they scroll.
            let row_height = super::row_height::widget_row(ui);
            let mut rows_area = egui::ScrollArea::vertical()
                .max_height(LIST_HEIGHT)
                .auto_shrink([false, true]);
            // The row marked is brought to the middle: rows out of sight are not drawn, so
            // they cannot bring themselves in.
            if let Some(at) = marked.filter(|_| down || up) {
                let pitch = row_height + ui.spacing().item_spacing.y;
                #[allow(clippy::cast_precision_loss)] // a row index, far below 2^23
                let middle = at as f32 * pitch - (LIST_HEIGHT - pitch) / 2.0;
                rows_area = rows_area.vertical_scroll_offset(middle.max(0.0));
            }
            rows_area.show_rows(ui, row_height, fitting.len(), |ui, rows| {
                let first = rows.start;
                for (offset, (item, label)) in
                    fitting.get(rows).unwrap_or_default().iter().enumerate()
                {
                    // The row Enter would pick is the one lit: the current choice only while
                    // the keys have marked none, so that two rows are never lit alike.
                    let is_marked = marked == Some(first + offset);
                    let is_current = marked.is_none() && *value == Some(*item);
                    let row = ui.selectable_label(is_current || is_marked, *label);
                    if row.clicked() {
                        *value = Some(*item);
                        chosen = true;
                    }
                }
            });
            // Enter in the search box picks the one unit it leaves; with none or several left
            // the keyboard stays in the box, to type on or correct.
            let entered = crate::ui::enter_key::pressed_in(ui, &typed);
            if let Some((item, _)) = marked.and_then(|at| fitting.get(at))
                && entered
            {
                *value = Some(*item);
                chosen = true;
            } else if let [(only, _)] = fitting.as_slice()
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
            chosen
        });
    let is_open = shown.inner.is_some();
    // Closed with a choice or by Esc: the keyboard goes back to the list's button, as for
    // every list, not nowhere.
    let chosen = shown.inner.unwrap_or(false);
    super::pick::keyboard_back(ui, &shown.response, chosen);
    ui.data_mut(|d| {
        d.insert_temp(was_open_id, is_open);
        d.insert_temp(marked_id, marked);
    });
    (shown.response, before != *value)
}
