//! Short names in a unit import: after the import no two active units may be shown under the
//! same short name (the scoring grid, file names and commands tell units apart by it), so a
//! row that would make two alike is rejected with the other unit named, as the 单位 screen
//! refuses it.

use std::collections::HashMap;

use crate::model::Unit;

use super::unit_import::{ImportPreview, RejectedRow};

/// Who would be shown under a short name after the import: a file row, or a unit the file
/// leaves as it is.
struct Holder {
    row_number: Option<usize>,
    name: String,
}

/// Moves every addition or change whose short name another active unit would share into the
/// rejected rows.
pub(super) fn reject_short_name_clashes(preview: &mut ImportPreview, existing: &[Unit]) {
    let mut holders: HashMap<String, Vec<Holder>> = HashMap::new();
    let changed_ids: Vec<i64> = preview.changes.iter().map(|c| c.unit_id).collect();
    for unit in existing
        .iter()
        .filter(|u| u.is_active && !changed_ids.contains(&u.id))
    {
        holders
            .entry(unit.fields.display_short_name().to_owned())
            .or_default()
            .push(Holder {
                row_number: None,
                name: unit.fields.name.clone(),
            });
    }
    let rows = (preview.additions.iter().map(|a| (a.row_number, &a.draft)))
        .chain(preview.changes.iter().map(|c| (c.row_number, &c.after)));
    for (row_number, draft) in rows {
        holders
            .entry(draft.display_short_name().to_owned())
            .or_default()
            .push(Holder {
                row_number: Some(row_number),
                name: draft.name.clone(),
            });
    }
    let mut clashes: HashMap<usize, String> = HashMap::new();
    for (short_name, holders) in &holders {
        for holder in holders {
            let Some(row_number) = holder.row_number else {
                continue;
            };
            let others: Vec<&str> = (holders.iter())
                .filter(|other| other.name != holder.name)
                .map(|other| other.name.as_str())
                .collect();
            if !others.is_empty() {
                clashes.insert(
                    row_number,
                    format!(
                        "简称“{short_name}”与“{}”相同；考核表、文件名和命令行按简称区分单位，请换一个",
                        others.join("”“")
                    ),
                );
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
    let changes = std::mem::take(&mut preview.changes);
    preview.additions = (additions.into_iter())
        .filter(|a| reject(a.row_number, &a.draft.name).is_none())
        .collect();
    preview.changes = (changes.into_iter())
        .filter(|c| reject(c.row_number, &c.after.name).is_none())
        .collect();
    preview.rejected.sort_by_key(|r| r.row_number);
}
