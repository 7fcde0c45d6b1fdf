//! One choice in a pull-down list of the assessment detail, closing the list once chosen.

/// A choice chosen by a click, or from the keyboard by Space or Enter on it; the list then
/// closes (picked from the keyboard it would otherwise stay open over the fields under it).
pub(super) fn pick<T: PartialEq>(ui: &mut egui::Ui, current: &mut T, value: T, text: &str) {
    if ui.selectable_label(*current == value, text).clicked() {
        *current = value;
        ui.close();
    }
}
