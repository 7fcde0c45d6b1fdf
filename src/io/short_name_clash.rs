//! Short names in a unit import: no two active units may be shown under the same short name
//! (the scoring grid, file names and commands tell units apart by it), nor may one's full name
//! be another's short name, so a row that would make two alike is rejected with the other unit
//! named, as the 单位 screen refuses it. A
//! short name another unit holds now counts even when the file gives that unit a new one:
//! the rows are written one by one, so a swap is done in two imports.

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

/// Files `draft` under its short name, and under its full name where that differs.
fn hold_keys<'a>(
    holders: &mut HashMap<&'a str, Vec<Holder<'a>>>,
    row_number: Option<usize>,
    draft: &'a UnitDraft,
) {
    let shown = draft.display_short_name();
    (holders.entry(shown).or_default()).push(Holder { row_number, draft });
    if draft.name != shown {
        (holders.entry(draft.name.as_str()).or_default()).push(Holder { row_number, draft });
    }
}

/// Moves every addition or change whose short name another active unit has (now, or after
/// the import) into the rejected rows.
pub(super) fn reject_short_name_clashes(preview: &mut ImportPreview, existing: &[Unit]) {
    let mut holders: HashMap<&str, Vec<Holder<'_>>> = HashMap::new();
    let mut hold = |row_number, draft| hold_keys(&mut holders, row_number, draft);
    for unit in existing.iter().filter(|u| u.is_active) {
        hold(None, &unit.fields);
    }
    // A change that keeps the unit's short name is not checked again, as in the 单位 screen.
    let renamed = (preview.changes.iter())
        .filter(|c| c.before.display_short_name() != c.after.display_short_name())
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
