//! A unit's name in the 考核 grid drawn as a link with an id of its own, which Tab reaches and
//! Enter or a click activates, and a score typed on it goes on into the row's first cell.

use egui::accesskit::Role;

use super::super::keys::{self, Routed};
use super::super::navigation::{GridShape, Stop};
use super::{CellEditor, name_id};

/// The unit's name as a link with an id of its own, so the keyboard can be sent to it before
/// it is drawn.
fn unit_link(ui: &mut egui::Ui, id: egui::Id, unit: &str) -> egui::Response {
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

impl CellEditor {
    /// The unit's name: a link that Tab reaches and Enter or a click activates. A score typed on
    /// it goes on into the row's first cell, when the row has one that `can_type` into; when
    /// the cells are locked for want of a reason (`asks_reason`), it asks for the reason, as
    /// a click on a locked cell does, and the keys typed go nowhere.
    pub fn name(
        &mut self,
        ui: &mut egui::Ui,
        agreement_id: i64,
        unit: &str,
        (grid, can_type, asks_reason): (&GridShape<'_>, bool, bool),
    ) -> egui::Response {
        let stop = Stop::Name(agreement_id);
        let id = name_id(agreement_id);
        let mut carried = self.take_armed(stop);
        if carried.is_some() {
            ui.memory_mut(|m| m.request_focus(id));
        }
        if asks_reason && ui.memory(|m| m.has_focus(id)) {
            let is_text = |e: &egui::Event| matches!(e, egui::Event::Text(_));
            let typed = (carried.as_ref()).is_some_and(|keys| keys.iter().any(is_text))
                || ui.input(|i| i.events.iter().any(is_text));
            if typed && let Some(&indicator_id) = grid.indicator_ids.first() {
                if let Some(keys) = carried.as_mut() {
                    keys.retain(|e| !is_text(e));
                }
                ui.ctx().input_mut(|i| i.events.retain(|e| !is_text(e)));
                self.locked_clicked = Some(super::CellKey {
                    agreement_id,
                    indicator_id,
                    half: super::Half::Assessed,
                });
            }
        }
        let routed = ui.memory(|m| m.has_focus(id)).then(|| {
            // A score typed on the name goes on into the row's first cell.
            if can_type && !grid.indicator_ids.is_empty() {
                match &mut carried {
                    Some(keys) => keys::typing_moves_on(keys),
                    None => ui.ctx().input_mut(|i| keys::typing_moves_on(&mut i.events)),
                }
            }
            Routed::route(ui.ctx(), carried, false)
        });
        let response = unit_link(ui, id, unit);
        let (movement, rest) = routed.map(|r| r.finish(ui.ctx())).unwrap_or_default();
        if response.gained_focus() {
            self.reveal = Some(stop);
        }
        if let Some(movement) = movement {
            self.leave(ui, stop, movement, rest, grid);
        } else if response.has_focus() {
            self.keyboard_stop = Some(stop);
            // Egui only underlines a focused link; a frame makes it plain where the keyboard is.
            ui.painter().rect_stroke(
                response.rect.expand(2.0),
                2.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
        response
    }
}
