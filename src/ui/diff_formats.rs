//! How a change is drawn wherever one text is shown against another (an agreement's 与模板的
//! 差异, a unit's fields in an import preview): kept text plain, what the old text loses struck
//! through in red, what the new one gains underlined in green.

use crate::model::text_diff::{Change, Run};

/// The text formats of kept, removed and added runs, at the body size.
pub struct DiffFormats {
    plain: egui::TextFormat,
    removed: egui::TextFormat,
    added: egui::TextFormat,
}

impl DiffFormats {
    /// The formats in `ui`'s visuals.
    #[must_use]
    pub fn new(ui: &egui::Ui) -> Self {
        let visuals = ui.visuals();
        let font = egui::TextStyle::Body.resolve(ui.style());
        let added_colour = egui::Color32::from_rgb(0, 120, 40);
        Self {
            plain: egui::TextFormat::simple(font.clone(), visuals.text_color()),
            removed: egui::TextFormat {
                strikethrough: egui::Stroke::new(1.0, visuals.error_fg_color),
                ..egui::TextFormat::simple(font.clone(), visuals.error_fg_color)
            },
            added: egui::TextFormat {
                underline: egui::Stroke::new(1.0, added_colour),
                ..egui::TextFormat::simple(font, added_colour)
            },
        }
    }

    /// The format of a run that is `change`.
    #[must_use]
    pub fn of(&self, change: Change) -> egui::TextFormat {
        match change {
            Change::Same => self.plain.clone(),
            Change::Removed => self.removed.clone(),
            Change::Added => self.added.clone(),
        }
    }

    /// Appends `runs` to `job`.
    pub fn append(&self, job: &mut egui::text::LayoutJob, runs: &[Run]) {
        for (change, text) in runs {
            job.append(text, 0.0, self.of(*change));
        }
    }
}
