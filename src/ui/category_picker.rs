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
    let mut picked = false;
    let combo = egui::ComboBox::from_id_salt(id_salt)
        .selected_text(name)
        .show_ui(ui, |ui| {
            for category in categories {
                picked |= super::pick::pick(ui, selected, Some(category.id), &category.name);
            }
        })
        .response
        .labelled_by(label.id);
    super::pick::keyboard_back(ui, &combo, picked);
    *selected != before
}

/// An editor's (模板, 考核指标) following of the category the other tab showed: the category
/// it did not follow because its own edits waited to be saved, said beside its own.
#[derive(Debug, Default)]
pub struct OtherTab {
    not_followed: Option<i64>,
}

impl OtherTab {
    /// The category an editor showing `shown` switches to when the other tab showed `other`:
    /// that one, unless the editor's own edits wait to be saved (`is_changed`); then it stays,
    /// and `other` is kept for [`OtherTab::note`].
    pub fn follow(
        &mut self,
        shown: Option<i64>,
        other: Option<i64>,
        is_changed: bool,
    ) -> Option<i64> {
        self.not_followed = None;
        let other = other.filter(|id| Some(*id) != shown)?;
        if is_changed {
            self.not_followed = Some(other);
            return None;
        }
        Some(other)
    }

    /// Forgets the category not followed: the clerk chose one in this editor.
    pub fn forget(&mut self) {
        self.not_followed = None;
    }

    /// Said beside the editor's category `shown` while its edits wait (`is_changed`) and the
    /// other tab (`other_tab`) showed another: which one, so that nobody takes one category's
    /// indicators or text for another's.
    pub fn note(
        &self,
        ui: &mut egui::Ui,
        categories: &[Category],
        shown: i64,
        is_changed: bool,
        other_tab: &str,
    ) {
        if is_changed {
            kept_note(ui, categories, self.not_followed, shown, other_tab);
        }
    }
}

/// Which category the other tab showed, when not `shown`.
fn kept_note(
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
