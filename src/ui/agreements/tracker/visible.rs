//! Which of the year's agreements the tracker lists: the filters and the search applied,
//! worked out again only when one of them or the data changed; while nothing is listed, what
//! the search finds that the filters hide, and which filters hide it.

use std::collections::HashMap;

use crate::model::{Agreement, Unit};

use super::super::Context;
use super::super::code_search::{Search, voided_matches};
use super::{Tracker, is_late};

impl Tracker {
    /// Works out which agreements are listed (indices into the year's), when the data, a
    /// filter or the search changed since the last time.
    pub(super) fn refresh_visible(
        &mut self,
        context: &Context<'_>,
        units: &HashMap<i64, &Unit>,
        is_overdue: bool,
    ) {
        let agreements = &context.data.agreements;
        let printed_names = &context.data.printed_names;
        let key = (
            context.generation,
            self.status_filter,
            self.category_filter,
            // Ticked before the planned date lists nothing: not the same as not ticked.
            self.overdue_only.then_some(is_overdue),
            self.search.clone(),
            self.sort,
        );
        if self.visible_key.as_ref() == Some(&key) {
            return;
        }
        // Another filter or search (not the same list read again after a write) starts at
        // the top: its first rows are never left hidden above the view.
        // (Sorted another way, it is read from the top too.)
        let filters = |key: &super::VisibleKey| (key.1, key.2, key.3, key.4.clone(), key.5);
        if (self.visible_key.as_ref()).is_some_and(|old| filters(old) != filters(&key)) {
            self.to_top = true;
        }
        let voided = voided_matches(self.search.trim(), agreements, &context.data.voided);
        let search = Search::new(self.search.trim(), &voided);
        self.visible = agreements
            .iter()
            .enumerate()
            .filter(|(_, a)| self.status_filter.matches(a.status))
            .filter(|(_, a)| {
                self.category_filter
                    .is_none_or(|c| c == a.draft.category_id)
            })
            .filter(|(_, a)| !self.overdue_only || is_late(a, units, is_overdue))
            .filter(|(_, a)| {
                let printed = printed_names.get(&a.id).map(String::as_str);
                search.matches(a, units.get(&a.draft.unit_id).copied(), printed)
            })
            .map(|(index, _)| index)
            .collect();
        if self.sort != super::sorting::SortBy::default() {
            super::sorting::sort(
                &mut self.visible,
                agreements,
                units,
                context.categories,
                self.sort,
            );
        }
        self.hidden_found.clear();
        self.hidden_by = ((false, false, false), true);
        if self.visible.is_empty() && !self.search.trim().is_empty() {
            let found: Vec<&Agreement> = (agreements.iter())
                .filter(|a| {
                    let printed = printed_names.get(&a.id).map(String::as_str);
                    search.matches(a, units.get(&a.draft.unit_id).copied(), printed)
                })
                .collect();
            self.hidden_found = (found.iter().take(4))
                .map(|a| {
                    let unit = units.get(&a.draft.unit_id).copied();
                    let name = unit.map_or("", |u| u.fields.name.as_str());
                    format!("{name}（{}）", a.status.label())
                })
                .collect();
            // Only the filters that hide what was found are named, to be undone: each of them
            // needed when every one found is hidden by the same, else any of them.
            let category = self.category_filter;
            let hiding: Vec<(bool, bool, bool)> = (found.iter())
                .map(|a| {
                    (
                        !self.status_filter.matches(a.status),
                        category.is_some_and(|c| c != a.draft.category_id),
                        self.overdue_only && !is_late(a, units, is_overdue),
                    )
                })
                .collect();
            let union = hiding.iter().fold((false, false, false), |all, one| {
                (all.0 || one.0, all.1 || one.1, all.2 || one.2)
            });
            let each_needed = hiding.iter().all(|one| Some(one) == hiding.first());
            self.hidden_by = (union, each_needed);
        }
        self.visible_key = Some(key);
        // Another list: the place in the one before is not carried into it.
        self.scroll.1 = None;
        // The detail belongs to a listed row: a search or filter that hides it closes it.
        if let Some(id) = self.focused
            && !self
                .visible
                .iter()
                .any(|&i| agreements.get(i).is_some_and(|a| a.id == id))
        {
            self.focused = None;
        }
    }
}
