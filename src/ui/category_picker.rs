//! The 考核类别 drop-down shared by the template, indicator and scoring screens.

use crate::model::Category;

/// Draws a labelled category drop-down over `selected`; returns true when the choice changed.
pub fn category_picker(
    ui: &mut egui::Ui,
    id_salt: &str,
    categories: &[Category],
    selected: &mut Option<i64>,
) -> bool {
    let label = ui.label("考核类别");
    let name = categories
        .iter()
        .find(|c| Some(c.id) == *selected)
        .map_or("", |c| c.name.as_str());
    let before = *selected;
    egui::ComboBox::from_id_salt(id_salt)
        .selected_text(name)
        .show_ui(ui, |ui| {
            for category in categories {
                ui.selectable_value(selected, Some(category.id), &category.name);
            }
        })
        .response
        .labelled_by(label.id);
    *selected != before
}

/// The category an editor showing `shown` switches to when the other tab showed `other`: that
/// one, unless the editor's own edits wait to be saved (`is_changed`); then it stays, and
/// `not_followed` keeps `other` for [`kept_note`].
pub fn follow(
    shown: Option<i64>,
    other: Option<i64>,
    is_changed: bool,
    not_followed: &mut Option<i64>,
) -> Option<i64> {
    *not_followed = None;
    let other = other.filter(|id| Some(*id) != shown)?;
    if is_changed {
        *not_followed = Some(other);
        return None;
    }
    Some(other)
}

/// Said beside an editor's category when it did not follow the category the other tab showed,
/// because its own edits wait to be saved: which one that was, so that nobody takes one
/// category's indicators or text for another's.
pub fn kept_note(
    ui: &mut egui::Ui,
    categories: &[Category],
    other: Option<i64>,
    shown: i64,
    other_tab: &str,
) {
    let Some(other) = other.filter(|id| *id != shown) else {
        return;
    };
    let Some(other) = categories.iter().find(|c| c.id == other) else {
        return;
    };
    ui.colored_label(
        ui.visuals().warn_fg_color,
        format!(
            "仍显示本类别（有未保存的修改）；“{other_tab}”页看的是“{}”",
            other.name
        ),
    );
}

/// The category a screen shows: the one chosen while it still exists (a category deleted in
/// 设置 is not shown on), else the first; 0 when there is none.
pub fn shown_category(selected: &mut Option<i64>, categories: &[Category]) -> i64 {
    if selected.is_none_or(|id| !categories.iter().any(|c| c.id == id)) {
        *selected = categories.first().map(|c| c.id);
    }
    selected.unwrap_or(0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_deleted_category_gives_way_to_the_first() {
        let category = |id, name: &str| Category {
            id,
            name: name.to_owned(),
            sort_order: id,
        };
        let categories = [category(1, "镇街"), category(2, "一类")];
        let mut selected = Some(2);
        assert_eq!(shown_category(&mut selected, &categories), 2);
        let mut selected = Some(9);
        assert_eq!(shown_category(&mut selected, &categories), 1);
        assert_eq!(selected, Some(1));
        let mut selected = None;
        assert_eq!(shown_category(&mut selected, &[]), 0);
    }
}
