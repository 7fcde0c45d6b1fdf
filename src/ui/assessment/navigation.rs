//! Where the keys of the 考核 grid move the keyboard: Tab and Shift+Tab go stop by stop along a
//! row (the unit's name, then 自评 and 考核 of each indicator; only 考核 when the clerk enters the
//! assessment group's scores alone) and on to the next row; Enter and Shift+Enter go down and up
//! to the same stop of the next or previous unit, as in a spreadsheet.

/// Which half of a score cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Half {
    /// 自评: the unit's own score.
    SelfScore,
    /// 考核组评分: the assessed score that counts.
    Assessed,
}

/// One half of one score cell: an agreement's score of one indicator.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct CellKey {
    /// The row's agreement.
    pub agreement_id: i64,
    /// The column's indicator.
    pub indicator_id: i64,
    /// 自评 or 考核.
    pub half: Half,
}

/// A place in the grid that takes the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Stop {
    /// The unit's name, which opens its detail.
    Name(i64),
    /// One half of a score cell.
    Cell(CellKey),
}

impl Stop {
    /// The agreement of the stop's row.
    #[must_use]
    pub fn agreement_id(self) -> i64 {
        match self {
            Self::Name(agreement_id) => agreement_id,
            Self::Cell(key) => key.agreement_id,
        }
    }
}

/// A key press that moves the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Move {
    /// Tab: the next stop of the row, or the first of the next row.
    Next,
    /// Shift+Tab: the previous stop of the row, or the last of the previous row.
    Previous,
    /// Enter: the same stop of the next unit.
    Down,
    /// Shift+Enter: the same stop of the previous unit.
    Up,
}

/// The rows and columns of the grid, in drawing order.
#[derive(Debug, Clone, Copy)]
pub struct GridShape<'a> {
    /// The agreements, one per row.
    pub agreement_ids: &'a [i64],
    /// The indicators, one per score cell of a row.
    pub indicator_ids: &'a [i64],
    /// True when Tab and Shift+Tab pass over the 自评 halves (the assessment group's scores
    /// are entered alone); Enter and a click still reach them.
    pub skips_self: bool,
    /// True while the cells take no typing (a published year without a reason, a read-only
    /// window): the keys go from name to name, never into a cell that cannot have them.
    pub names_only: bool,
}

impl GridShape<'_> {
    /// The stop a key moves to from `from`; none past either end of the grid.
    #[must_use]
    pub fn target(&self, from: Stop, movement: Move) -> Option<Stop> {
        if self.names_only {
            let (row, _) = self.position(from)?;
            let row = match movement {
                Move::Next | Move::Down => row + 1,
                Move::Previous | Move::Up => row.checked_sub(1)?,
            };
            return self.stop_at(row, 0);
        }
        let along_row = matches!(movement, Move::Next | Move::Previous);
        let mut at = self.step(from, movement)?;
        while self.skips_self
            && along_row
            && matches!(at, Stop::Cell(key) if key.half == Half::SelfScore)
        {
            at = self.step(at, movement)?;
        }
        Some(at)
    }

    /// The stop next to `from` in the direction of `movement`, every stop counted.
    fn step(&self, from: Stop, movement: Move) -> Option<Stop> {
        let (row, column) = self.position(from)?;
        let width = 1 + 2 * self.indicator_ids.len();
        let (row, column) = match movement {
            Move::Next if column + 1 < width => (row, column + 1),
            Move::Next => (row + 1, 0),
            Move::Previous if column > 0 => (row, column - 1),
            Move::Previous => (row.checked_sub(1)?, width - 1),
            Move::Down => (row + 1, column),
            Move::Up => (row.checked_sub(1)?, column),
        };
        self.stop_at(row, column)
    }

    /// True when the stop is in the grid: its unit's row and, for a cell, its indicator.
    #[must_use]
    pub fn contains(&self, stop: Stop) -> bool {
        self.position(stop).is_some()
    }

    /// The row of an agreement.
    #[must_use]
    pub fn row_of(&self, agreement_id: i64) -> Option<usize> {
        self.agreement_ids.iter().position(|id| *id == agreement_id)
    }

    /// The indicator of a stop, by position: none for a unit's name.
    #[must_use]
    pub fn indicator_index(&self, stop: Stop) -> Option<usize> {
        let Stop::Cell(key) = stop else {
            return None;
        };
        self.indicator_ids
            .iter()
            .position(|id| *id == key.indicator_id)
    }

    /// Row and column of a stop; column 0 is the name, then 自评 and 考核 of each indicator.
    fn position(&self, stop: Stop) -> Option<(usize, usize)> {
        let row = self.row_of(stop.agreement_id())?;
        let column = match stop {
            Stop::Name(_) => 0,
            Stop::Cell(key) => {
                let index = self
                    .indicator_ids
                    .iter()
                    .position(|id| *id == key.indicator_id)?;
                1 + 2 * index + usize::from(key.half == Half::Assessed)
            }
        };
        Some((row, column))
    }

    fn stop_at(&self, row: usize, column: usize) -> Option<Stop> {
        let agreement_id = *self.agreement_ids.get(row)?;
        let Some(cell) = column.checked_sub(1) else {
            return Some(Stop::Name(agreement_id));
        };
        let indicator_id = *self.indicator_ids.get(cell / 2)?;
        let half = if cell % 2 == 0 {
            Half::SelfScore
        } else {
            Half::Assessed
        };
        Some(Stop::Cell(CellKey {
            agreement_id,
            indicator_id,
            half,
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROWS: [i64; 3] = [10, 20, 30];
    const COLUMNS: [i64; 2] = [7, 8];

    fn shape() -> GridShape<'static> {
        GridShape {
            agreement_ids: &ROWS,
            indicator_ids: &COLUMNS,
            skips_self: false,
            names_only: false,
        }
    }

    fn cell(agreement_id: i64, indicator_id: i64, half: Half) -> Stop {
        Stop::Cell(CellKey {
            agreement_id,
            indicator_id,
            half,
        })
    }

    #[test]
    fn tab_walks_the_row_and_wraps_to_the_next_units_name() {
        let grid = shape();
        let walk = [
            Stop::Name(10),
            cell(10, 7, Half::SelfScore),
            cell(10, 7, Half::Assessed),
            cell(10, 8, Half::SelfScore),
            cell(10, 8, Half::Assessed),
            Stop::Name(20),
        ];
        for pair in walk.windows(2) {
            assert_eq!(grid.target(pair[0], Move::Next), Some(pair[1]));
            assert_eq!(grid.target(pair[1], Move::Previous), Some(pair[0]));
        }
        assert_eq!(grid.target(Stop::Name(10), Move::Previous), None);
        assert_eq!(grid.target(cell(30, 8, Half::Assessed), Move::Next), None);
    }

    #[test]
    fn with_the_assessed_scores_alone_tab_passes_over_the_self_scores() {
        let grid = GridShape {
            skips_self: true,
            ..shape()
        };
        let walk = [
            Stop::Name(10),
            cell(10, 7, Half::Assessed),
            cell(10, 8, Half::Assessed),
            Stop::Name(20),
        ];
        for pair in walk.windows(2) {
            assert_eq!(grid.target(pair[0], Move::Next), Some(pair[1]));
            assert_eq!(grid.target(pair[1], Move::Previous), Some(pair[0]));
        }
        // From a 自评 cell clicked into, Tab goes on to its 考核; Enter keeps its column.
        assert_eq!(
            grid.target(cell(10, 8, Half::SelfScore), Move::Next),
            Some(cell(10, 8, Half::Assessed))
        );
        assert_eq!(
            grid.target(cell(10, 8, Half::SelfScore), Move::Down),
            Some(cell(20, 8, Half::SelfScore))
        );
    }

    #[test]
    fn with_the_cells_locked_the_keys_go_from_name_to_name() {
        let grid = GridShape {
            names_only: true,
            ..shape()
        };
        for movement in [Move::Next, Move::Down] {
            assert_eq!(grid.target(Stop::Name(10), movement), Some(Stop::Name(20)));
            assert_eq!(grid.target(Stop::Name(30), movement), None);
        }
        for movement in [Move::Previous, Move::Up] {
            assert_eq!(grid.target(Stop::Name(20), movement), Some(Stop::Name(10)));
            assert_eq!(grid.target(Stop::Name(10), movement), None);
        }
    }

    #[test]
    fn enter_goes_down_the_same_column_and_shift_enter_up() {
        let grid = shape();
        let here = cell(10, 8, Half::Assessed);
        assert_eq!(
            grid.target(here, Move::Down),
            Some(cell(20, 8, Half::Assessed))
        );
        assert_eq!(
            grid.target(cell(20, 7, Half::SelfScore), Move::Up),
            Some(cell(10, 7, Half::SelfScore))
        );
        assert_eq!(
            grid.target(Stop::Name(20), Move::Down),
            Some(Stop::Name(30))
        );
        assert_eq!(grid.target(cell(30, 7, Half::Assessed), Move::Down), None);
        assert_eq!(grid.target(here, Move::Up), None);
    }

    #[test]
    fn a_stop_outside_the_grid_goes_nowhere() {
        let grid = shape();
        assert_eq!(grid.target(Stop::Name(99), Move::Next), None);
        assert_eq!(grid.target(cell(10, 99, Half::SelfScore), Move::Down), None);
        assert!(grid.contains(cell(10, 8, Half::Assessed)) && grid.contains(Stop::Name(30)));
        assert!(!grid.contains(cell(10, 99, Half::SelfScore)) && !grid.contains(Stop::Name(99)));
    }
}
