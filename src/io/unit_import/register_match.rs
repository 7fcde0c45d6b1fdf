//! How a row of a unit list meets the register when it is refused or taken as new: the active
//! unit its name may mean ("示例市城关街道办事处" for 城关街道办事处), and the unit that already
//! goes by its short name or name.

use crate::io::table::TableRow;
use crate::io::unit_columns::{Column, Columns};
use crate::model::unit_names::name_key;
use crate::model::{Unit, UnitDraft};

/// "名册中没有在用单位“X”，须作为新单位新增", naming an active unit whose name holds it or
/// is held in it ("示例市城关街道办事处" for 城关街道办事处), which the row may mean (not for a
/// name of one character, which many names hold); the name said as `shown` (a line break in
/// it written out).
pub(super) fn not_in_register(name: &str, shown: &str, existing: &[Unit]) -> String {
    let shown = said_name(name, shown);
    let key = name_key(name);
    let like = (existing.iter())
        .filter(|_| key.chars().count() > 1)
        .filter(|u| u.is_active)
        .find(|u| {
            let theirs = name_key(&u.fields.name);
            theirs.contains(&key) || key.contains(&theirs)
        });
    match like {
        Some(unit) => format!(
            "名册中没有在用单位“{shown}”，须作为新单位新增（如指“{}”，请照名册写单位名称）",
            unit.fields.name
        ),
        None => format!("名册中没有在用单位“{shown}”，须作为新单位新增"),
    }
}

/// How many characters of a name longer than a name may be are quoted.
const QUOTED_START_CHARS: usize = 20;

/// `name` as a message quotes it: as `shown`, or, longer than a name may be (a cell pasted by
/// mistake), its start (line breaks written out) and its length, so that the reason after it
/// is not lost behind it.
fn said_name(name: &str, shown: &str) -> String {
    let count = name.chars().count();
    if count <= crate::model::unit::MAX_NAME_CHARS {
        return shown.to_owned();
    }
    let start: String = name.chars().take(QUOTED_START_CHARS).collect();
    format!("{}…（共 {count} 字）", super::row_draft::quoted(&start))
}

/// Why the short name (or name) of a refused row cannot be used: another active unit is shown
/// under it, or is named so.
pub(super) fn taken_short_name(
    columns: &Columns,
    row: &TableRow,
    name: &str,
    existing: &[Unit],
) -> Option<String> {
    let short = columns.cell(row, Column::ShortName).unwrap_or_default();
    if name.is_empty() && short.is_empty() {
        return None;
    }
    let mut row_unit = UnitDraft::empty(0);
    name.clone_into(&mut row_unit.name);
    short.clone_into(&mut row_unit.short_name);
    (existing.iter().filter(|u| u.is_active))
        .find_map(|u| crate::io::short_name_clash::clash(&row_unit, &u.fields, true))
}
