//! The 与模板的差异 list of an agreement's detail: each change captioned in the warning colour,
//! its text with what was removed struck through in red and what was added underlined in green,
//! so that the clerk sees at a glance which words this unit's agreement says differently.

use crate::model::text_diff::Change;

use super::clause_differences::DiffLine;

/// Draws the lines, or says that the agreement reads as its template.
pub fn show_differences(ui: &mut egui::Ui, lines: &[DiffLine]) {
    if lines.is_empty() {
        ui.label("与模板一致，没有单独调整的条款");
        return;
    }
    let formats = crate::ui::diff_formats::DiffFormats::new(ui);
    let font = egui::TextStyle::Body.resolve(ui.style());
    let caption = egui::TextFormat::simple(font, ui.visuals().warn_fg_color);
    for line in lines {
        let mut job = egui::text::LayoutJob::default();
        job.append(&line.caption, 0.0, caption.clone());
        let arrow = (!line.old.is_empty() && !line.new.is_empty())
            .then(|| (Change::Same, " → ".to_owned()));
        formats.append(&mut job, &line.old);
        formats.append(&mut job, arrow.as_slice());
        formats.append(&mut job, &line.new);
        ui.add(egui::Label::new(job).wrap());
    }
}
