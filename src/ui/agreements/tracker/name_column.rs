//! The tracker's 单位 column names every row one way. Where the longest name listed does not
//! fit the column (beside the detail, or in a narrow window), every row shows its unit's
//! short name (简称) and the column's head says so, rather than some rows by full name and
//! others by short, which reads as two kinds of unit. A unit without a short name keeps its
//! full name, cut short; a row's full name shows on hover.

use crate::model::Unit;

/// How many of the longest names (by characters) are measured: a name of Latin letters and
/// digits may be wider than one of more ideographs, but not wider than three of them.
const MEASURED: usize = 3;

/// The 单位 cell's text in full: the unit's name, "（已归档单位）" after an archived one's.
pub(super) fn full_name(unit: Option<&Unit>) -> String {
    match unit {
        Some(unit) if !unit.is_active => format!("{}（已归档单位）", unit.fields.name),
        Some(unit) => unit.fields.name.clone(),
        None => String::new(),
    }
}

/// The cell's text by short name ("（已归档单位）" stays after it), or `None` for a unit
/// without one.
pub(super) fn short_name(unit: Option<&Unit>) -> Option<String> {
    let unit = unit?;
    let short = unit.fields.short_name.as_str();
    if short.is_empty() {
        return None;
    }
    Some(if unit.is_active {
        short.to_owned()
    } else {
        format!("{short}（已归档单位）")
    })
}

/// Whether the column shows short names: the widest of the listed full names does not fit in
/// `width` points.
pub(super) fn shows_short<'a>(
    ui: &egui::Ui,
    listed: impl Iterator<Item = Option<&'a Unit>>,
    width: f32,
) -> bool {
    let mut longest: Vec<(usize, String)> = Vec::with_capacity(MEASURED + 1);
    for unit in listed {
        let Some(name) = unit.map(|u| u.fields.name.as_str()) else {
            continue;
        };
        // A cheap look at the length before the name is copied: most rows are passed by.
        let chars = name.chars().count()
            + if unit.is_some_and(|u| !u.is_active) {
                7
            } else {
                0
            };
        if longest.len() == MEASURED && longest.last().is_some_and(|(most, _)| *most >= chars) {
            continue;
        }
        let at = longest.partition_point(|(most, _)| *most >= chars);
        longest.insert(at, (chars, full_name(unit)));
        longest.truncate(MEASURED);
    }
    let font = egui::TextStyle::Body.resolve(ui.style());
    longest.into_iter().any(|(_, name)| {
        let galley = ui
            .painter()
            .layout_no_wrap(name, font.clone(), egui::Color32::PLACEHOLDER);
        galley.size().x > width
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::unit::{UnitDraft, UnitKind};

    fn unit(name: &str, short: &str, is_active: bool) -> Unit {
        Unit {
            id: 1,
            fields: UnitDraft {
                name: name.to_owned(),
                short_name: short.to_owned(),
                kind: UnitKind::Department,
                category_id: 1,
                principal_title: String::new(),
                principal_name: String::new(),
                contact_name: String::new(),
                contact_phone: String::new(),
                sort_order: 0,
            },
            is_active,
        }
    }

    #[test]
    fn an_archived_unit_is_said_archived_by_either_name() {
        let archived = unit("示例市粮食局", "粮食局", false);
        assert_eq!(full_name(Some(&archived)), "示例市粮食局（已归档单位）");
        assert_eq!(
            short_name(Some(&archived)).as_deref(),
            Some("粮食局（已归档单位）")
        );
        assert_eq!(short_name(Some(&unit("示例市粮食局", "", true))), None);
    }

    #[test]
    fn the_column_goes_short_when_its_longest_name_does_not_fit() {
        let ctx = egui::Context::default();
        // Latin letters: egui's own fonts, which a bare context has, lack the ideographs.
        let units = [
            unit("Example City Emergency Bureau", "EB", true),
            unit(
                "Example City Human Resources and Social Security Bureau",
                "HR",
                true,
            ),
            unit("Qingshan", "QS", true),
        ];
        let mut answers = Vec::new();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let listed = || units.iter().map(Some);
            answers.push(shows_short(ui, listed(), 600.0));
            answers.push(shows_short(ui, listed(), 200.0));
            // Only the short names listed: they fit.
            answers.push(shows_short(ui, listed().skip(2), 200.0));
        });
        output.textures_delta.clear();
        assert_eq!(answers, [false, true, false]);
    }
}
