//! The units the 单位 screen lists: those found by every word typed (name, short name, former
//! name, people, phone, category or kind), sorted by the column chosen, rebuilt only when the
//! data, the search or the sort changes.

use std::collections::HashMap;

use crate::model::collation::pinyin_key;
use crate::model::phone::digits as phone_digits;
use crate::model::{Unit, UnitKind};

use super::super::state::{UiState, UnitSort};
use super::{PendingScroll, UnitsData, UnitsView};

impl UnitsView {
    pub(super) fn refresh_visible(&mut self, data: &UnitsData<'_>, state: &UiState) {
        let &UnitsData {
            units,
            categories,
            generation,
            former_names,
            ..
        } = data;
        let key = (
            generation,
            state.unit_search.clone(),
            state.show_archived,
            state.unit_sort,
            state.unit_sort_descending,
            former_names.is_some(),
        );
        if self.visible_key.as_ref() == Some(&key) {
            return;
        }
        // Words typed apart ("青山 党委") each have to be found: "青山镇党委" is listed.
        let needles: Vec<String> = (state.unit_search.split_whitespace())
            .map(crate::model::collation::folded)
            .collect();
        // A category or kind typed whole ("二类", "开发区") lists its units: checked before
        // drafting, or counted.
        let category_names: HashMap<i64, String> = (categories.iter())
            .map(|c| (c.id, crate::model::collation::folded(&c.name)))
            .collect();
        let mut found_by_former = Vec::new();
        let mut visible: Vec<usize> = units
            .iter()
            .enumerate()
            .filter(|(_, u)| state.show_archived || u.is_active)
            .filter(|(_, u)| {
                // The people and the phone too: a clerk often has only a name or a number.
                let others = [
                    &u.fields.principal_title,
                    &u.fields.principal_name,
                    &u.fields.contact_name,
                    &u.fields.contact_phone,
                ]
                .map(|text| crate::model::collation::folded(text));
                let category = category_names.get(&u.fields.category_id);
                let kind = crate::model::collation::folded(u.fields.kind.label());
                let unit_digits = phone_digits(&u.fields.contact_phone);
                let mut former = None;
                let found = needles.iter().all(|needle| {
                    let is_now = u.fields.is_named_like(needle)
                        || others.iter().any(|other| other.contains(needle.as_str()))
                        || category == Some(needle)
                        || kind == *needle
                        // A number typed with or without its dash ("03998610296" finds
                        // "0399-8610296").
                        || is_phone_like(needle)
                            && unit_digits.contains(phone_digits(needle).as_str());
                    // A name it had before: found, and said (the list shows the name now).
                    is_now
                        || (former_names.and_then(|f| f.holding(u.id, needle))).is_some_and(
                            |name| {
                                former.get_or_insert(name);
                                true
                            },
                        )
                });
                if found && let Some(former) = former {
                    found_by_former.push((u.fields.name.clone(), former.to_owned()));
                }
                found
            })
            .map(|(index, _)| index)
            .collect();
        // Categories in the office's own order (镇街, 一类, 二类, 三类), kinds in theirs, and
        // names by pinyin, as a clerk reads a register.
        let category_order: HashMap<i64, (i64, i64)> = categories
            .iter()
            .map(|c| (c.id, (c.sort_order, c.id)))
            .collect();
        let kind_order = |u: &Unit| UnitKind::ALL.iter().position(|&k| k == u.fields.kind);
        // Text columns by pinyin (a phone number as written), computed once per sort.
        // A blank cell's key is empty (see below: it goes last).
        let pinyin_key = |text: &str| {
            if text.trim().is_empty() {
                String::new()
            } else {
                pinyin_key(text)
            }
        };
        let text_of = |u: &Unit| -> Option<String> {
            let f = &u.fields;
            match state.unit_sort {
                UnitSort::Name => Some(pinyin_key(&f.name)),
                UnitSort::Principal => Some(pinyin_key(&f.principal_name)),
                UnitSort::ShortName => Some(pinyin_key(f.display_short_name())),
                UnitSort::PrincipalTitle => Some(pinyin_key(&f.principal_title)),
                UnitSort::Contact => Some(pinyin_key(&f.contact_name)),
                UnitSort::Phone => Some(f.contact_phone.clone()),
                UnitSort::Order | UnitSort::Kind | UnitSort::Category | UnitSort::Status => None,
            }
        };
        let text_keys: HashMap<usize, String> = visible
            .iter()
            .filter_map(|&i| Some((i, text_of(units.get(i)?)?)))
            .collect();
        visible.sort_by(|&ia, &ib| {
            let (Some(a), Some(b)) = (units.get(ia), units.get(ib)) else {
                return std::cmp::Ordering::Equal;
            };
            let order = match state.unit_sort {
                UnitSort::Order => a.fields.sort_order.cmp(&b.fields.sort_order),
                UnitSort::Name
                | UnitSort::Principal
                | UnitSort::ShortName
                | UnitSort::PrincipalTitle
                | UnitSort::Contact
                | UnitSort::Phone => text_keys.get(&ia).cmp(&text_keys.get(&ib)),
                UnitSort::Status => b.is_active.cmp(&a.is_active),
                UnitSort::Kind => kind_order(a).cmp(&kind_order(b)),
                UnitSort::Category => category_order
                    .get(&a.fields.category_id)
                    .cmp(&category_order.get(&b.fields.category_id)),
            };
            let order = if state.unit_sort_descending {
                order.reverse()
            } else {
                order
            };
            // A blank (no 负责人 yet) goes last whichever way a text column sorts: the filled
            // ones are what is looked for.
            let is_blank = |i: usize| text_keys.get(&i).is_some_and(String::is_empty);
            let order = is_blank(ia).cmp(&is_blank(ib)).then(order);
            // Units alike in the column keep the register's order, whichever way it sorts.
            order
                .then(a.fields.sort_order.cmp(&b.fields.sort_order))
                .then(a.id.cmp(&b.id))
        });
        self.visible = visible;
        // A search cleared (Esc) lists every unit again: the one selected is brought back into
        // sight, as 编辑… and 归档 act on it.
        let was_searched =
            (self.visible_key.as_ref()).is_some_and(|(_, search, ..)| !search.is_empty());
        if was_searched && key.1.is_empty() && self.selected.is_some() {
            self.pending_scroll = Some(PendingScroll::Selected);
        } else if (self.visible_key.as_ref()).is_some_and(|(_, search, ..)| *search != key.1) {
            // Another search: the units found are read from the first, never left hidden
            // above the view where the list was scrolled before.
            self.pending_scroll = Some(PendingScroll::Top);
        }
        self.visible_key = Some(key);
        self.found_by_former = found_by_former;
    }
}

/// True when a typed search word is a phone number, or four digits of one at least, written
/// with or without dashes, spaces or brackets.
fn is_phone_like(needle: &str) -> bool {
    needle
        .chars()
        .all(|c| c.is_ascii_digit() || "-－ ()（）".contains(c))
        && phone_digits(needle).len() >= 4
}
