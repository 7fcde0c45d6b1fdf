//! The 与模板的差异 list of an agreement's detail: each change captioned in the warning colour,
//! its text with what was removed struck through in red and what was added underlined in green,
//! so that the clerk sees at a glance which words this unit's agreement says differently.

use crate::model::text_diff::Change;

use super::tailoring_edit::DiffLine;

/// Draws the lines, or says that the agreement reads as its template.
pub fn show_differences(ui: &mut egui::Ui, lines: &[DiffLine]) {
    if lines.is_empty() {
        ui.label("与模板一致，没有单独调整的条款");
        return;
    }
    let visuals = ui.visuals();
    let font = egui::TextStyle::Body.resolve(ui.style());
    let plain = egui::TextFormat::simple(font.clone(), visuals.text_color());
    let caption = egui::TextFormat::simple(font.clone(), visuals.warn_fg_color);
    let removed = egui::TextFormat {
        strikethrough: egui::Stroke::new(1.0, visuals.error_fg_color),
        ..egui::TextFormat::simple(font.clone(), visuals.error_fg_color)
    };
    let added_colour = egui::Color32::from_rgb(0, 120, 40);
    let added = egui::TextFormat {
        underline: egui::Stroke::new(1.0, added_colour),
        ..egui::TextFormat::simple(font, added_colour)
    };
    for line in lines {
        let mut job = egui::text::LayoutJob::default();
        job.append(&line.caption, 0.0, caption.clone());
        let format_of = |change: &Change| match change {
            Change::Same => plain.clone(),
            Change::Removed => removed.clone(),
            Change::Added => added.clone(),
        };
        let arrow = (!line.old.is_empty() && !line.new.is_empty())
            .then(|| (Change::Same, " → ".to_owned()));
        for (change, text) in line.old.iter().chain(&arrow).chain(&line.new) {
            job.append(text, 0.0, format_of(change));
        }
        ui.add(egui::Label::new(job).wrap());
    }
}
