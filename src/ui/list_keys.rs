//! The keys that move through a long list, the same in the 单位, 责任书 and 操作记录 lists: ↑ and
//! ↓ a row, PageUp and PageDown a screenful, Home and End to either end (a list of thousands is
//! not walked a row at a time).

/// Rows a PageUp or PageDown moves: about what a list shows at 1024×700.
pub const PAGE_ROWS: usize = 10;

/// A move through a list asked for by a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ListMove {
    /// Rows down (positive) or up (negative).
    By(isize),
    /// To the first row.
    First,
    /// To the last row.
    Last,
}

impl ListMove {
    /// The row it reaches from row `at` of a list whose last row is `last`.
    #[must_use]
    pub fn from(self, at: usize, last: usize) -> usize {
        match self {
            Self::By(step) => at.saturating_add_signed(step).min(last),
            Self::First => 0,
            Self::Last => last,
        }
    }
}

/// The move asked for by a key pressed this frame, if any.
pub fn pressed(ui: &egui::Ui) -> Option<ListMove> {
    #[expect(clippy::cast_possible_wrap, reason = "PAGE_ROWS is a small constant")]
    let page = PAGE_ROWS as isize;
    ui.input(|input| {
        let key = |key| input.key_pressed(key);
        if key(egui::Key::ArrowDown) {
            Some(ListMove::By(1))
        } else if key(egui::Key::ArrowUp) {
            Some(ListMove::By(-1))
        } else if key(egui::Key::PageDown) {
            Some(ListMove::By(page))
        } else if key(egui::Key::PageUp) {
            Some(ListMove::By(-page))
        } else if key(egui::Key::Home) {
            Some(ListMove::First)
        } else if key(egui::Key::End) {
            Some(ListMove::Last)
        } else {
            None
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_move_stops_at_either_end() {
        assert_eq!(ListMove::By(10).from(95, 99), 99);
        assert_eq!(ListMove::By(-10).from(3, 99), 0);
        assert_eq!(ListMove::By(1).from(5, 99), 6);
        assert_eq!(ListMove::First.from(50, 99), 0);
        assert_eq!(ListMove::Last.from(0, 99), 99);
    }
}
