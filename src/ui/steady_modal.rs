//! A modal for forms with inline errors: anchored by its top edge rather than its centre, so
//! that an error line appearing or going does not move the fields above it; and dropdowns in
//! a modal kept above it.

/// How far below the top of the window a form's modal starts.
const TOP_GAP: f32 = 72.0;

/// A modal centred across the window whose top edge stays at a fixed height.
#[must_use]
pub fn top_anchored(id: egui::Id) -> egui::Modal {
    egui::Modal::new(id).area(
        egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, TOP_GAP)),
    )
}

/// Keeps the list of a dropdown (`combo`, the response of a `ComboBox` in a modal) drawn above
/// the modal. A quick click (a touchpad tap: press and release in one frame) raises the modal
/// and the list together, and egui then keeps their old order, which can leave the list hidden
/// behind the modal; as the modal's sublayer it always comes right above it.
pub fn keep_list_above(ui: &egui::Ui, combo: &egui::Response) {
    let list = egui::LayerId::new(
        egui::Order::Foreground,
        egui::Popup::default_response_id(combo),
    );
    ui.ctx().set_sublayer(ui.layer_id(), list);
}
