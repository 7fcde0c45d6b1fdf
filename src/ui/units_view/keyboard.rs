//! The 单位 list from the keyboard: ↑ and ↓ move the selection (PageUp and PageDown a
//! screenful, Home and End to either end), Enter on a selected row opens
//! its form, and keys belong to a dialog while one is open.

use crate::model::Unit;
use crate::ui::list_keys::ListMove;

use super::UnitsView;

impl UnitsView {
    /// A move (↑, ↓, PageUp, PageDown, Home, End) pressed with the keyboard on the list (a
    /// unit's name or row, or nowhere), no dialog open.
    pub(super) fn list_move(&self, ui: &egui::Ui) -> Option<ListMove> {
        let on_list = self.name_focused || self.keyboard_in_table(ui);
        if self.is_dialog_open(ui) || !on_list {
            return None;
        }
        let step = crate::ui::list_keys::pressed(ui);
        if step.is_some() {
            // The keyboard follows the selection, not egui's move to the widget beside.
            ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        }
        step
    }

    /// True while a dialog of the screen (or any modal) is open: keys are the dialog's.
    pub(super) fn is_dialog_open(&self, ui: &egui::Ui) -> bool {
        self.form.is_some()
            || self.archiving.is_some()
            || self.picker.is_some()
            || ui.ctx().memory(|m| m.top_modal_layer().is_some())
    }

    /// True when the keyboard is nowhere or in the table (a name, a row, or a cell, which Tab
    /// reaches too).
    pub(super) fn keyboard_in_table(&self, ui: &egui::Ui) -> bool {
        let in_table = |id: egui::Id| {
            (ui.ctx().read_response(id))
                .is_some_and(|r| self.table_rect.is_some_and(|t| t.contains(r.rect.center())))
        };
        self.focus_at_start.is_none_or(in_table)
    }

    /// Enter with a unit selected and the keyboard on the list but not on a unit's name (after
    /// a click on its row): it opens 编辑…, as Enter on the name does.
    pub(super) fn enter_on_selected(&self, ui: &egui::Ui) -> bool {
        !self.is_dialog_open(ui)
            && !self.name_focused
            && self.keyboard_in_table(ui)
            && self.selected.is_some()
            && ui.input(|input| input.key_pressed(egui::Key::Enter))
    }

    /// Selects the first listed unit and gives its name the keyboard (from the search box).
    pub(super) fn select_first(&mut self, units: &[Unit]) {
        self.selected = (self.visible.first()).and_then(|&i| units.get(i).map(|u| u.id));
        self.pending_scroll = Some(super::PendingScroll::Selected);
        self.focus_selected = self.selected.is_some();
    }

    /// Moves the selection by `step` through the listed units from the unit whose name has
    /// the keyboard, else the selected one (the first listed when neither, or the last for
    /// End), keeping it in sight and giving its name the keyboard.
    pub(super) fn step_selection(&mut self, units: &[Unit], step: ListMove) {
        let ids: Vec<i64> = (self.visible.iter())
            .filter_map(|&i| units.get(i).map(|u| u.id))
            .collect();
        let Some(last) = ids.len().checked_sub(1) else {
            return;
        };
        let from = self.focused_unit.or(self.selected);
        let position = ids.iter().position(|&id| Some(id) == from);
        let next = match position {
            Some(at) => step.from(at, last),
            None if step == ListMove::Last => last,
            None => 0,
        };
        self.selected = ids.get(next).copied();
        self.pending_scroll = Some(super::PendingScroll::Selected);
        self.focus_selected = true;
    }
}
