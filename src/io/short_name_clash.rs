//! Short names in a unit import: no two active units may be shown under the same short name
//! (the scoring grid, file names and commands tell units apart by it), so a row that would
//! make two alike is rejected with the other unit named, as the 单位 screen refuses it. A
//! short name another unit holds now counts even when the file gives that unit a new one:
//! the rows are written one by one, so a swap is done in two imports.

use std::collections::HashMap;

use crate::model::unit::SHORT_NAME_ADVICE;
use crate::model::{Unit, UnitDraft};

use super::unit_import::{ImportPreview, RejectedRow};

/// A unit shown under a short name: a file row, or a unit in the register as it is now.
struct Holder<'a> {
    row_number: Option<usize>,
    draft: &'a UnitDraft,
}

/// Moves every addition or change whose short name another active unit has (now, or after
/// the import) into the rejected rows.
pub(super) fn reject_short_name_clashes(preview: &mut ImportPreview, existing: &[Unit]) {
    let mut holders: HashMap<&str, Vec<Holder<'_>>> = HashMap::new();
    let mut hold = |row_number: Option<usize>, draft| {
        let holder = Holder { row_number, draft };
        holders
            .entry(holder.draft.display_short_name())
            .or_default()
            .push(holder);
    };
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
            // Names are unique among active units and in the file: another name is another unit.
            let Some(other) = (holders.iter()).find(|other| other.draft.name != holder.draft.name)
            else {
                continue;
            };
            let clash = holder.draft.short_name_taken(
                &other.draft.name,
                &other.draft.short_name,
                other.row_number.is_none(),
            );
            clashes.insert(row_number, clash + SHORT_NAME_ADVICE);
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
