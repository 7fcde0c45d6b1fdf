//! Leaving 考核 (another screen or year, or closing the window) with a value typed in a cell
//! and not saved yet: it is checked and saved as leaving the cell would save it, or, refused,
//! named in a message; the value stored stays.

use crate::model::Score;
use crate::ui::agreements::Context;
use crate::ui::command::Command;

use super::cells::{cell_label, check};
use super::navigation::CellKey;
use super::rows::half_of;

/// The write that saves `text`, typed in the cell `key`, when it is a good value that differs
/// from the stored one; or why it is refused, naming the cell.
pub fn typed_cell_write(
    context: &Context<'_>,
    key: CellKey,
    text: &str,
    reason: Option<&String>,
) -> Result<Option<Command>, String> {
    let Some(indicator) = (context.data.sets.iter())
        .flat_map(|set| &set.indicators)
        .find(|i| i.id == key.indicator_id)
    else {
        return Ok(None);
    };
    let mut score = (context.data.scores.iter())
        .find(|s| s.agreement_id == key.agreement_id && s.indicator_id == key.indicator_id)
        .cloned()
        .unwrap_or_else(|| Score::empty(key.agreement_id, key.indicator_id));
    let half = half_of(&mut score, key.half);
    let stored = *half;
    match check(text, stored, indicator.points) {
        Ok(value) if value == stored => Ok(None),
        Ok(value) => {
            *half = value;
            Ok(Some(Command::SetScore {
                score,
                reason: reason.cloned(),
            }))
        }
        Err(why) => {
            let unit = (context.data.agreements.iter())
                .find(|a| a.id == key.agreement_id)
                .and_then(|a| context.units.iter().find(|u| u.id == a.draft.unit_id))
                .map_or("", |u| u.fields.display_short_name());
            let cell = cell_label(unit, &indicator.name, key.half);
            Err(format!("离开考核页面时，{cell}中填写的值没有保存：{why}"))
        }
    }
}
