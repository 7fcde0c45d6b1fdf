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

/// The move asked for by the keys pressed this frame, if any: each press counts, so that
/// presses coming faster than frames (a key held with a quick repeat) are not lost.
pub fn pressed(ui: &egui::Ui) -> Option<ListMove> {
    #[expect(clippy::cast_possible_wrap, reason = "PAGE_ROWS is a small constant")]
    let page = PAGE_ROWS as isize;
    ui.input(|input| {
        let count = |key| isize::try_from(input.num_presses(key)).unwrap_or(isize::MAX);
        if count(egui::Key::Home) > 0 {
            return Some(ListMove::First);
        }
        if count(egui::Key::End) > 0 {
            return Some(ListMove::Last);
        }
        let rows = count(egui::Key::ArrowDown) - count(egui::Key::ArrowUp);
        let pages = count(egui::Key::PageDown) - count(egui::Key::PageUp);
        // Presses that cancel out (↓ then ↑ within a frame) move nothing.
        let by = rows.saturating_add(pages.saturating_mul(page));
        (by != 0).then_some(ListMove::By(by))
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

    /// The move asked for by `keys`, all pressed within one frame.
    fn moved_by(keys: &[egui::Key]) -> Option<ListMove> {
        let ctx = egui::Context::default();
        let events = (keys.iter())
            .flat_map(|&key| {
                [true, false].map(|pressed| egui::Event::Key {
                    key,
                    physical_key: None,
                    pressed,
                    repeat: false,
                    modifiers: egui::Modifiers::NONE,
                })
            })
            .collect();
        let input = egui::RawInput {
            events,
            ..Default::default()
        };
        let mut moved = None;
        let mut output = ctx.run_ui(input, |ui| moved = pressed(ui));
        output.textures_delta.clear();
        moved
    }

    #[test]
    fn presses_within_one_frame_all_count() {
        use egui::Key::{ArrowDown, ArrowUp, End, PageDown};
        assert_eq!(
            moved_by(&[PageDown, PageDown, PageDown]),
            Some(ListMove::By(30))
        );
        assert_eq!(
            moved_by(&[ArrowDown, ArrowDown, ArrowUp]),
            Some(ListMove::By(1))
        );
        assert_eq!(moved_by(&[PageDown, End]), Some(ListMove::Last));
        assert_eq!(moved_by(&[ArrowDown, ArrowUp]), None);
        assert_eq!(moved_by(&[]), None);
    }
}
