//! The 责任书 list from the keyboard: Tab stops once per row (at the unit's name, after its
//! tick box); ↑ and ↓ move from row to row through the whole list (rows out of view scroll
//! in), PageUp and PageDown ten rows, Home and End to either end, each staying in the column
//! it is in (from a tick box to the next row's, so that Space ticks a run of rows); an open
//! detail follows the row the keyboard moves to, from the names and the tick boxes alike.

/// Where the keyboard is in the list and where it goes next.
#[derive(Default)]
pub(super) struct RowKeys {
    /// The listed row (an index into the visible rows) whose name or tick box has the
    /// keyboard this frame, and whether it is the tick box.
    on_row: Option<(usize, bool)>,
    /// The agreement whose name (or tick box, when true) takes the keyboard when its row is
    /// next drawn.
    give_to: Option<(i64, bool)>,
    /// The row to scroll into view next frame.
    scroll_to: Option<usize>,
}

impl RowKeys {
    /// Sends the keyboard to the name of agreement `id`, listed at `row`, scrolled into sight
    /// (from the search box).
    pub(super) fn give_to_name(&mut self, id: i64, row: usize) {
        self.give_to = Some((id, false));
        self.scroll_to = Some(row);
    }

    /// Sends the keyboard to the tick box of agreement `id`, listed at `row`, scrolled into
    /// sight (after a bulk change of the rows ticked, or Enter on the tick box).
    pub(super) fn give_to_tick(&mut self, id: i64, row: usize) {
        self.give_to = Some((id, true));
        self.scroll_to = Some(row);
    }

    /// Forgets where the keyboard was to go in the list (it goes into the detail instead).
    pub(super) fn keep_keyboard_away(&mut self) {
        self.give_to = None;
    }

    /// The listed row whose name (or tick box, when true) has the keyboard this frame.
    pub(super) fn on_row(&self) -> Option<(usize, bool)> {
        self.on_row
    }

    /// Called before the rows are drawn: forgets last frame's row and gives the scroll wanted.
    pub(super) fn begin(&mut self) -> Option<usize> {
        self.on_row = None;
        self.scroll_to.take()
    }

    /// Called for the row at `index` (agreement `id`) with its name and tick box: notes a row
    /// holding the keyboard, and hands the keyboard to a name it was sent to.
    pub(super) fn row(
        &mut self,
        index: usize,
        id: i64,
        name: &egui::Response,
        tick: &egui::Response,
    ) {
        if let Some((wanted, to_tick)) = self.give_to
            && wanted == id
        {
            if to_tick {
                tick.request_focus();
            } else {
                name.request_focus();
            }
            self.give_to = None;
        }
        if name.has_focus() || tick.has_focus() {
            self.on_row = Some((index, tick.has_focus()));
        }
        // Enter on the name opens the detail, which moves the list: the name keeps the
        // keyboard in its new place. A click takes it there too, so that ↑ and ↓ go on from
        // the row opened with the mouse.
        if name.clicked() {
            self.give_to = Some((id, false));
        }
    }

    /// After the rows: a move key (↑ ↓ PageUp PageDown Home End) pressed on a row, no dialog
    /// open, sends the keyboard to the row it reaches among the `count` listed (`id_at` gives
    /// a listed row's agreement), in the same column, and returns that agreement's id (an open
    /// detail follows it) and whether the keyboard is on the tick boxes.
    pub(super) fn step(
        &mut self,
        ui: &egui::Ui,
        count: usize,
        id_at: impl FnOnce(usize) -> Option<i64>,
    ) -> Option<(i64, bool)> {
        let (at, on_tick) = self.on_row?;
        if ui.ctx().memory(|m| m.top_modal_layer().is_some()) {
            return None;
        }
        let step = crate::ui::list_keys::pressed(ui)?;
        // The keyboard follows the rows, not egui's move to the widget beside.
        ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
        let last = count.checked_sub(1)?;
        let next = step.from(at, last);
        if next == at {
            return None;
        }
        let id = id_at(next)?;
        self.give_to = Some((id, on_tick));
        self.scroll_to = Some(next);
        Some((id, on_tick))
    }
}
