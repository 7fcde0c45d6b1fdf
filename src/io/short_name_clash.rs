//! Short names in a unit import: no two active units may be shown under the same short name
//! (the scoring grid, file names and commands tell units apart by it), nor may one's full name
//! be another's short name, so a row that would make two alike is rejected with the other unit
//! named, as the 单位 screen refuses it. A short name (or name) a unit of the file gives up may
//! be taken by another row: that row is written after the change that frees it. Two rows
//! taking each other's (a swap) cannot be written one after the other, and are rejected: a
//! swap is done in two imports.

use std::collections::HashMap;

use crate::model::{Unit, UnitDraft};

use super::unit_import::{ImportPreview, RejectedRow};

/// A unit known by a key (its short name, and its full name too where that differs): a file
/// row, or a unit in the register as it is now.
struct Holder<'a> {
    row_number: Option<usize>,
    draft: &'a UnitDraft,
}

/// Why `draft` and `other` (in use, or else a row of the same file) cannot both be in use
/// (see [`UnitDraft::clash_with`]).
pub(super) fn clash(draft: &UnitDraft, other: &UnitDraft, is_in_use: bool) -> Option<String> {
    draft
        .clash_with(other, is_in_use)
        .map(|(_, message)| message)
}

/// The keys a unit is known by: its short name (its name when it has none), and its full
/// name too where that differs.
fn keys(draft: &UnitDraft) -> impl Iterator<Item = &str> {
    let shown = draft.display_short_name();
    std::iter::once(shown).chain((draft.name != shown).then_some(draft.name.as_str()))
}

/// Files `draft` under each of its [`keys`].
fn hold_keys<'a>(
    holders: &mut HashMap<&'a str, Vec<Holder<'a>>>,
    row_number: Option<usize>,
    draft: &'a UnitDraft,
) {
    for key in keys(draft) {
        (holders.entry(key).or_default()).push(Holder { row_number, draft });
    }
}

/// Moves every addition or change whose short name another active unit has (now, or after
/// the import) into the rejected rows. Looked at again after each refusal, until nothing more
/// is refused: a change refused leaves its unit's short name where it is, for no other row to
/// take.
pub(super) fn reject_short_name_clashes(preview: &mut ImportPreview, existing: &[Unit]) {
    loop {
        let clashes = clashes(preview, existing);
        if clashes.is_empty() {
            return;
        }
        let mut reject = |row_number: usize, name: &str| {
            let reason = clashes.get(&row_number)?;
            preview.rejected.push(RejectedRow {
                row_number,
                name: name.to_owned(),
                reason: reason.clone(),
            });
            Some(())
        };
        let additions = std::mem::take(&mut preview.additions);
        let changed = std::mem::take(&mut preview.changes);
        preview.additions = (additions.into_iter())
            .filter(|a| reject(a.row_number, &a.draft.name).is_none())
            .collect();
        preview.changes = (changed.into_iter())
            .filter(|c| reject(c.row_number, &c.after.name).is_none())
            .collect();
        preview.rejected.sort_by_key(|r| r.row_number);
    }
}

/// Why each row of `preview` that cannot be written as it stands is refused, by row number.
fn clashes(preview: &ImportPreview, existing: &[Unit]) -> HashMap<usize, String> {
    let mut holders: HashMap<&str, Vec<Holder<'_>>> = HashMap::new();
    let mut hold = |row_number, draft| hold_keys(&mut holders, row_number, draft);
    // A change that keeps the unit's short name is not checked again, as in the 单位 screen;
    // one that gives it another stands for the unit as it will be.
    let is_renamed = |c: &&super::unit_import::ImportChange| {
        c.before.display_short_name() != c.after.display_short_name()
    };
    let renamed_ids: Vec<i64> = (preview.changes.iter())
        .filter(is_renamed)
        .map(|c| c.unit_id)
        .collect();
    for unit in existing.iter().filter(|u| u.is_active) {
        if !renamed_ids.contains(&unit.id) {
            hold(None, &unit.fields);
        }
    }
    let renamed = (preview.changes.iter())
        .filter(is_renamed)
        .map(|c| (c.row_number, &c.after));
    let rows = (preview.additions.iter().map(|a| (a.row_number, &a.draft))).chain(renamed);
    for (row_number, draft) in rows {
        hold(Some(row_number), draft);
    }
    let mut clashes: HashMap<usize, String> = HashMap::new();
    for holders in holders.values() {
        for holder in holders {
            let Some(row_number) = holder.row_number else {
                continue;
            };
            let found = (holders.iter())
                .find_map(|other| clash(holder.draft, other.draft, other.row_number.is_none()));
            if let Some(found) = found {
                clashes.insert(row_number, found);
            }
        }
    }
    // Rows waiting on each other's change in a circle (a swap) cannot be written in one.
    let (_, circular) = write_order(preview);
    for at in circular {
        let row_number = match at {
            RowAt::Addition(i) => preview.additions.get(i).map(|a| a.row_number),
            RowAt::Change(i) => preview.changes.get(i).map(|c| c.row_number),
        };
        if let Some(row_number) = row_number {
            clashes
                .entry(row_number)
                .or_insert_with(|| SWAPPED.to_owned());
        }
    }
    clashes
}

/// Said of rows that wait on each other's short name or name (a swap, or a row waiting on one).
const SWAPPED: &str = "与文件中其他行互换简称（或名称）：同一次导入中不能互换，请分两次导入，先把其中一个改为别的简称";

/// A row of a preview by its place: an addition, or a change.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum RowAt {
    Addition(usize),
    Change(usize),
}

/// The rows of `preview` in an order they can be written in, and those that cannot be: a row
/// taking the short name or name a changed unit has now (see [`hold_keys`]) comes after that
/// change, which gives it up; rows waiting on each other in a circle are left out, in the
/// second list.
pub(super) fn write_order(preview: &ImportPreview) -> (Vec<RowAt>, Vec<RowAt>) {
    // Who holds each key now, of the units the file changes.
    let mut held: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, change) in preview.changes.iter().enumerate() {
        for key in keys(&change.before) {
            held.entry(key).or_default().push(i);
        }
    }
    let rows: Vec<(RowAt, &UnitDraft)> = (preview.additions.iter().enumerate())
        .map(|(i, a)| (RowAt::Addition(i), &a.draft))
        .chain((preview.changes.iter().enumerate()).map(|(i, c)| (RowAt::Change(i), &c.after)))
        .collect();
    // Each row's changes to wait for (not its own unit's).
    let waits: Vec<Vec<usize>> = (rows.iter())
        .map(|(at, draft)| {
            let mut on: Vec<usize> = keys(draft)
                .filter_map(|key| held.get(key))
                .flatten()
                .copied()
                .filter(|change| *at != RowAt::Change(*change))
                .collect();
            on.sort_unstable();
            on.dedup();
            on
        })
        .collect();
    let mut written = vec![false; preview.changes.len()];
    let mut done = vec![false; rows.len()];
    let mut order = Vec::with_capacity(rows.len());
    // Passes until none moves: a handful for chains, one for most files.
    loop {
        let mut moved = false;
        for (index, (at, _)) in rows.iter().enumerate() {
            let ready = (waits.get(index))
                .is_some_and(|on| on.iter().all(|c| written.get(*c) == Some(&true)));
            if done.get(index) == Some(&false) && ready {
                order.push(*at);
                if let Some(flag) = done.get_mut(index) {
                    *flag = true;
                }
                if let RowAt::Change(change) = at
                    && let Some(flag) = written.get_mut(*change)
                {
                    *flag = true;
                }
                moved = true;
            }
        }
        if !moved {
            break;
        }
    }
    let left = (rows.iter().zip(&done))
        .filter(|(_, is_done)| !**is_done)
        .map(|((at, _), _)| *at)
        .collect();
    (order, left)
}
