//! What a score cell holds: the value typed checked against the indicator's points (full-width
//! digits read as plain ones), its text selected to be typed over, and its label.

use crate::model::Points;
use crate::model::collation::ascii_number;

use super::super::navigation::Half;

/// Selects all of a cell's text, so that what is typed next replaces the value.
pub(in crate::ui) fn select_all(ctx: &egui::Context, id: egui::Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ctx, id).unwrap_or_default();
    state
        .cursor
        .set_char_range(Some(egui::text::CCursorRange::select_all_str(text)));
    state.store(ctx, id);
}

/// Checks what was typed in a cell: the value to save (none for an emptied cell), or why it is
/// refused, naming the value kept. Full-width digits and stops count as plain ones.
pub(in crate::ui::assessment) fn check(
    text: &str,
    stored: Option<Points>,
    points: Points,
) -> Result<Option<Points>, String> {
    let entered = ascii_number(text);
    let entered = entered.trim();
    if entered.is_empty() {
        return Ok(None);
    }
    let kept = stored.map_or_else(
        || "已保留原值（空）".to_owned(),
        |value| format!("已保留原值 {value}"),
    );
    match Points::parse(entered) {
        Ok(value) if value > points => Err(format!("该项分值 {points} 分，不能填 {value}；{kept}")),
        Ok(value) => Ok(Some(value)),
        Err(error) => Err(format!("{}；{kept}", error.of_score())),
    }
}

/// The label of one half of a cell, e.g. "城关街道 组织领导 考核".
#[must_use]
pub fn cell_label(unit: &str, indicator: &str, half: Half) -> String {
    let half = match half {
        Half::SelfScore => "自评",
        Half::Assessed => "考核",
    };
    format!("{unit} {indicator} {half}")
}

#[cfg(test)]
#[path = "values_tests.rs"]
mod tests;
