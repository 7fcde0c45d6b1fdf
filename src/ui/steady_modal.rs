//! A modal for forms with inline errors: anchored by its top edge rather than its centre, so
//! that an error line appearing or going does not move the fields above it.

/// How far below the top of the window a form's modal starts.
const TOP_GAP: f32 = 72.0;

/// A modal centred across the window whose top edge stays at a fixed height.
#[must_use]
pub fn top_anchored(id: egui::Id) -> egui::Modal {
    egui::Modal::new(id).area(
        egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, TOP_GAP)),
    )
}
