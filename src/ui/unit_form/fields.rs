//! The unit form's fields: a labelled text row framed in red while 保存 refuses it, and a
//! new unit's category following the kind chosen.

use crate::model::{Category, UnitDraft, UnitField};

use super::{FIELD_WIDTH, UnitForm};

impl UnitForm {
    /// A new unit's category after its kind was chosen: a 镇, 乡, 街道 or 开发区 goes to the
    /// first of the towns' categories (`towns`, whatever the office named them) unless it is
    /// in one of them, a 部门 or 企业 out of them (to the only other), so that a department is
    /// not left among the towns; the clerk sees the category chosen and may change it.
    pub(super) fn follow_kind(&mut self, categories: &[Category], towns: &[i64]) {
        let Some(&first) = towns.first() else {
            return;
        };
        // Among the towns' categories already (乡镇 and 街道 ranked apart), a town stays.
        if self.draft.kind.is_local() {
            if !towns.contains(&self.draft.category_id) {
                self.draft.category_id = first;
            }
        } else if towns.contains(&self.draft.category_id) || self.draft.category_id == 0 {
            // A department or enterprise goes in one of the other categories: the only one is
            // suggested; among several (一类、二类 …) the clerk chooses, none is guessed.
            let mut others = categories.iter().filter(|c| !towns.contains(&c.id));
            self.draft.category_id = match (others.next(), others.next()) {
                (Some(only), None) => only.id,
                _ => 0,
            };
        }
    }

    /// One labelled field, framed in red while 保存 refuses it; true when Enter was pressed in
    /// it (保存).
    pub(super) fn text_row(
        &mut self,
        ui: &mut egui::Ui,
        caption: &str,
        field: UnitField,
        value: impl FnOnce(&mut UnitDraft) -> &mut String,
    ) -> bool {
        let label = ui.label(caption);
        let response = ui
            .add(egui::TextEdit::singleline(value(&mut self.draft)).desired_width(FIELD_WIDTH))
            .labelled_by(label.id);
        // The form opens ready for the name to be typed; after 保存, the first field refused.
        self.take_focus(field, &response);
        // A message about the old text goes once the clerk types; 保存 checks again.
        if response.changed() {
            self.errors.retain(|error| error.field != field);
        }
        self.mark_if_refused(ui, field, response.rect);
        ui.end_row();
        super::super::enter_key::pressed_in(ui, &response)
    }

    /// Frames the control at `rect` in red while 保存 has refused its `field` (the message is
    /// under the buttons).
    pub(super) fn mark_if_refused(&self, ui: &egui::Ui, field: UnitField, rect: egui::Rect) {
        if self.error_for(field).is_some() {
            let stroke = egui::Stroke::new(1.5, ui.visuals().error_fg_color);
            ui.painter()
                .rect_stroke(rect.expand(1.0), 2.0, stroke, egui::StrokeKind::Outside);
        }
    }
}
