//! The list of a unit's bonuses and deductions recorded, beside the form and the veto: each
//! with its 修改 and 删除, the lines on limits under them, the newest kept in sight.

use crate::model::Adjustment;

use super::adjustment_list::{self, adjustment_entries, cap_lines};
use super::{RowDetail, Scope, points_id};

/// The least height of the list of a unit's bonuses and deductions; it is as high as the form
/// and the veto beside it, and more entries scroll in it.
const ENTRIES_HEIGHT: f32 = 96.0;

impl RowDetail {
    /// The unit's bonuses and deductions recorded, beside the form and the veto.
    pub(super) fn entries(&mut self, ui: &mut egui::Ui, scope: Scope<'_>) {
        let Scope {
            context,
            set,
            agreement,
            ..
        } = scope;
        let own: Vec<&Adjustment> = context
            .data
            .adjustments
            .iter()
            .filter(|d| d.agreement_id == agreement.id)
            .collect();
        ui.horizontal_wrapped(|ui| {
            ui.strong("已录入的加扣分");
            if !own.is_empty() {
                ui.weak(format!("{} 条，最新的在最下面", own.len()));
            }
        });
        let heading = ui.min_rect().height();
        // A bar beside the entries, not floating over the ends of their lines.
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        // The entries scroll in a list of their own, as high as the form and the veto beside
        // it, the lines on limits last among them; the newest stays in sight, and the scroll
        // bar shows that there are more above.
        egui::ScrollArea::vertical()
            .id_salt(("adjustment_entries", agreement.id))
            .max_height((self.columns_height - heading).max(ENTRIES_HEIGHT))
            .auto_shrink([false, false])
            .stick_to_bottom(!self.entries_have_keyboard)
            .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
            .show(ui, |ui| {
                if own.is_empty() {
                    ui.weak("尚未录入加分或扣分");
                }
                let mut to_edit = None;
                let (newest, first_button) =
                    adjustment_entries(ui, scope, &own, &mut self.deleting, &mut to_edit);
                self.first_entry = first_button;
                // Loaded into the form under the list, its fields ready to change.
                if let Some(adjustment) = to_edit {
                    self.typed.edit(&adjustment);
                    self.error = None;
                    self.focus_next = Some(points_id());
                }
                // Wrapped in the column: the figures at a long line's end are what it says.
                // Lines on what was counted, read as an entry is recorded: its toast keeps
                // clear of them.
                let warn = |ui: &mut egui::Ui, line: String| {
                    let text = egui::RichText::new(line).color(ui.visuals().warn_fg_color);
                    let shown = ui.add(egui::Label::new(text).wrap());
                    crate::ui::toasts::keep_clear_of(ui.ctx(), shown.rect);
                };
                for line in cap_lines(&own, set) {
                    warn(ui, line);
                }
                if let Some(line) = adjustment_list::past_zero_line(context, set, agreement.id) {
                    warn(ui, line);
                }
                // An entry just recorded is brought into sight at the top of the list, the
                // lines on limits under it (sticking to the bottom alone could leave it above
                // them, out of sight).
                let shown = (agreement.id, newest.map_or(0, |(id, _)| id));
                if let (Some((of, before)), Some((id, rect))) = (self.newest_entry, newest)
                    && of == agreement.id
                    && id > before
                {
                    ui.scroll_to_rect(rect, Some(egui::Align::TOP));
                }
                self.newest_entry = Some(shown);
                // An entry's 修改 or 删除 reached by Tab, in this list's own sight (the
                // detail's scrolling alone leaves it above the list's top); the list stops
                // sticking to its newest entry meanwhile.
                self.entries_have_keyboard = (ui.memory(egui::Memory::focused))
                    .and_then(|id| ui.ctx().read_response(id))
                    .is_some_and(|r| ui.min_rect().contains_rect(r.rect));
                crate::ui::follow_focus::follow_focus(ui, "adjustment_entries");
            });
        // A question about an entry gone meanwhile (another window deleted it) is not asked.
        if (self.deleting.as_ref()).is_some_and(|asked| !own.iter().any(|a| a.id == asked.id())) {
            self.deleting = None;
        }
        // An entry being changed that is gone (deleted meanwhile): what is typed is a new one.
        // (An entry set aside when the change began comes back once this one is recorded.)
        if (self.typed.editing).is_some_and(|id| !own.iter().any(|a| a.id == id)) {
            self.typed.editing = None;
        }
    }
}
