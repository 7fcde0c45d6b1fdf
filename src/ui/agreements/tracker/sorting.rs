//! The order of the tracker's rows: by 序号 until a column head is clicked, then by that
//! column (a second click the other way), units by their short names' pinyin, categories in the office's own
//! order, statuses in the order they run, and empty cells (no date yet, no code) last either
//! way; rows alike in the column keep 序号 order.

use std::cmp::Ordering;
use std::collections::HashMap;

use crate::model::{Agreement, Category, Unit};

/// The column the rows are sorted by (its place among the tracker's columns, 0 being 序号)
/// and whether the other way round.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub(super) struct SortBy {
    pub column: usize,
    pub descending: bool,
}

impl SortBy {
    /// The order after a click on `column`'s head: by it, or the other way when it already is.
    pub fn clicked(self, column: usize) -> Self {
        if self.column == column {
            Self {
                column,
                descending: !self.descending,
            }
        } else {
            Self {
                column,
                descending: false,
            }
        }
    }

    /// " ▲" or " ▼" after the head of the column sorted by, else nothing.
    pub fn arrow(self, column: usize) -> &'static str {
        match (self.column == column, self.descending) {
            (true, false) => " ▲",
            (true, true) => " ▼",
            (false, _) => "",
        }
    }
}

/// A cell's sort key: text (pinyin) or a number; `None` for an empty cell, last either way.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Text(String),
    Number(i64),
    Status(crate::model::AgreementStatus),
}

/// Sorts `visible` (indices into `agreements`) by `sort`.
pub(super) fn sort(
    visible: &mut [usize],
    agreements: &[Agreement],
    units: &HashMap<i64, &Unit>,
    categories: &[Category],
    sort: SortBy,
) {
    let text = |text: &str| {
        let text = text.trim();
        (!text.is_empty()).then(|| Key::Text(crate::model::collation::pinyin_key(text)))
    };
    let day = |date: Option<chrono::NaiveDate>| {
        date.map(|d| Key::Number(i64::from(chrono::Datelike::num_days_from_ce(&d))))
    };
    let key_of = |agreement: &Agreement| -> Option<Key> {
        match sort.column {
            // By the short name, as the column shows it when full names do not fit (and
            // in the same order as the full names otherwise: "示例市" aside, they are it).
            1 => units
                .get(&agreement.draft.unit_id)
                .and_then(|u| text(u.fields.display_short_name())),
            2 => (categories.iter())
                .find(|c| c.id == agreement.draft.category_id)
                .map(|c| Key::Number(c.sort_order)),
            3 => Some(Key::Status(agreement.status)),
            4 => text(&agreement.party_a_signatory),
            5 => text(&agreement.party_b_signatory),
            6 => day(agreement.finalized_on),
            7 => day(agreement.printed_on),
            8 => day(agreement.signed_on),
            9 => Some(Key::Number(agreement.copies_returned)),
            10 => (agreement.verification_code()).map(|code| Key::Text(code.to_owned())),
            _ => Some(Key::Number(agreement.draft.number)),
        }
    };
    // Worked out once per row, not at every comparison.
    let keys: HashMap<usize, Option<Key>> = (visible.iter())
        .filter_map(|&i| Some((i, key_of(agreements.get(i)?))))
        .collect();
    let number = |i: usize| agreements.get(i).map(|a| a.draft.number);
    visible.sort_by(|&a, &b| {
        let (key_a, key_b) = (
            keys.get(&a).cloned().flatten(),
            keys.get(&b).cloned().flatten(),
        );
        let order = match (&key_a, &key_b) {
            (Some(x), Some(y)) if sort.descending => y.cmp(x),
            (Some(x), Some(y)) => x.cmp(y),
            // An empty cell goes last, whichever way the column sorts.
            (None, Some(_)) => Ordering::Greater,
            (Some(_), None) => Ordering::Less,
            (None, None) => Ordering::Equal,
        };
        order.then_with(|| number(a).cmp(&number(b)))
    });
}
