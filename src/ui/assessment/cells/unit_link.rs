//! A unit's name in the 考核 grid drawn as a link with an id of its own.

use egui::accesskit::Role;

/// The unit's name as a link with an id of its own, so the keyboard can be sent to it before
/// it is drawn.
pub(super) fn unit_link(ui: &mut egui::Ui, id: egui::Id, unit: &str) -> egui::Response {
    let galley = egui::WidgetText::from(unit).into_galley(
        ui,
        Some(egui::TextWrapMode::Truncate),
        ui.available_width(),
        egui::TextStyle::Body,
    );
    let is_elided = galley.elided;
    let (_, rect) = ui.allocate_space(galley.size());
    let response = ui.interact(rect, id, egui::Sense::click());
    response.widget_info(|| egui::WidgetInfo::labeled(Role::Link, ui.is_enabled(), unit));
    if ui.is_rect_visible(rect) {
        let color = ui.visuals().hyperlink_color;
        let underline = if response.hovered() || response.has_focus() {
            egui::Stroke::new(ui.style().interact(&response).fg_stroke.width, color)
        } else {
            egui::Stroke::NONE
        };
        ui.painter()
            .add(egui::epaint::TextShape::new(rect.min, galley, color).with_underline(underline));
    }
    let response = response.on_hover_cursor(egui::CursorIcon::PointingHand);
    if is_elided {
        // A long name cut short shows in full on hover.
        response.on_hover_text(unit)
    } else {
        response
    }
}
