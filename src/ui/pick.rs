//! One choice in a pull-down list, closing the list once chosen.

/// A choice chosen by a click, or from the keyboard by Space or Enter on it; the list then
/// closes (picked from the keyboard it would otherwise stay open over the fields under it).
/// True when it was chosen (the caller moves the keyboard on: the closed list's entries take
/// the focus with them).
pub fn pick<T: PartialEq>(ui: &mut egui::Ui, current: &mut T, value: T, text: &str) -> bool {
    let is_picked = ui.selectable_label(*current == value, text).clicked();
    if is_picked {
        *current = value;
        ui.close();
    }
    is_picked
}
