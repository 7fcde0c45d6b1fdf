//! The preview of a self-assessment form import: every rejected value, missing form and value
//! that will change, one line each; nothing is written until 确认导入, and then all or nothing.
//! The lines are worked out once per preview and only those in sight are drawn, so a city's
//! whole set of forms previews smoothly.

use crate::io::score_forms::ScoreImportPreview;

use super::command::Command;
use super::write_access::WriteAccess;

/// How a line of the list is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum LineStyle {
    Rejected,
    Missing,
    Plain,
}

/// The open preview, if any.
#[derive(Default)]
pub struct ScoreImportDialog {
    preview: Option<ScoreImportPreview>,
    lines: Vec<(LineStyle, String)>,
    /// True until the list has been drawn once: a new preview starts at its top.
    is_new: bool,
    /// What 只看没有错误的文件 left out (the forms with errors, the tables not read), said
    /// at the top of the narrowed preview that follows: those units are not done.
    left_out: Option<Vec<String>>,
    /// The left-out lines the preview shown carries: a second narrowing keeps them.
    left_out_shown: Vec<String>,
}

impl ScoreImportDialog {
    /// Shows a preview of a score import.
    pub fn open(&mut self, preview: ScoreImportPreview) {
        let left_out = self.left_out.take().unwrap_or_default();
        self.left_out_shown.clone_from(&left_out);
        self.lines = (left_out.into_iter())
            .flat_map(|line| fitted(LineStyle::Missing, &line))
            .chain(list_lines(&preview))
            .collect();
        self.preview = Some(preview);
        self.is_new = true;
    }

    /// Closes the preview (after it was applied, or given up).
    pub fn close(&mut self) {
        self.preview = None;
        self.lines.clear();
        self.left_out = None;
    }

    /// The preview being shown, for the app to apply.
    #[must_use]
    pub fn preview(&self) -> Option<&ScoreImportPreview> {
        self.preview.as_ref()
    }

    /// Draws the dialog while a preview is open.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Some(preview) = &self.preview else { return };
        let mut close = false;
        let mut narrowed = None;
        let left_out_before = &self.left_out_shown;
        let is_new = std::mem::take(&mut self.is_new);
        let lines = &self.lines;
        let modal =
            crate::ui::steady_modal::new(ctx, egui::Id::unique("score_import")).show(ctx, |ui| {
                ui.set_width(DIALOG_WIDTH);
                ui.heading("导入自评表");
                // A year that takes no import says so below, alone: counts of what "will"
                // change would read as a promise.
                if preview.locked.is_none() {
                    ui.label(format!(
                        "{} 个文件：{}；全部写入或全部不写入",
                        preview.files.len(),
                        preview.counts_text()
                    ));
                }
                let row_height = super::row_height::label_row(ui);
                let mut list = egui::ScrollArea::vertical()
                    .max_height(320.0)
                    .auto_shrink([false, true]);
                if is_new {
                    list = list.vertical_scroll_offset(0.0);
                }
                list.show_rows(ui, row_height, lines.len(), |ui, range| {
                    for (style, text) in lines.get(range).unwrap_or_default() {
                        let text = egui::RichText::new(text);
                        let text = match style {
                            LineStyle::Rejected => text.color(ui.visuals().error_fg_color),
                            LineStyle::Missing => text.color(ui.visuals().warn_fg_color),
                            LineStyle::Plain => text,
                        };
                        // One line each, as the rows are counted (long ones were broken into
                        // lines that fit); anything still too long shows whole on hover.
                        ui.add(egui::Label::new(text).truncate());
                    }
                });
                if let Some(locked) = &preview.locked {
                    ui.colored_label(ui.visuals().error_fg_color, locked);
                    // Forms of another year: that year is a click away, the same files
                    // previewed there.
                    if let Some(other) = preview.forms_year
                        && ui.button(format!("转到 {other} 年度并预览这些自评表")).clicked()
                    {
                        commands.push(Command::ShowYear(other));
                        commands.push(Command::PreviewScoreImport(preview.files.clone()));
                    }
                } else if !preview.rejected.is_empty() {
                    // Said with their count and where they are: scrolled down the list, the
                    // red lines at its top are out of sight.
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!(
                            "{}（红字，列在上面列表的开头）：请改正自评表后重新导入，本次不会写入任何数据",
                            preview.refusals_text()
                        ),
                    );
                }
                // With a few forms refused, the others can go in on their own: previewed
                // again first, so that what is confirmed is what is shown.
                let good = preview.files_without_refusals();
                let can_narrow = !preview.rejected.is_empty() && !good.is_empty();
                ui.horizontal(|ui| {
                    let can_apply = preview.can_apply() && !preview.changes.is_empty();
                    if access
                        .add_enabled(ui, can_apply, egui::Button::new("确认导入"))
                        .clicked()
                    {
                        commands.push(Command::ApplyScoreImport);
                    }
                    if can_narrow
                        && access
                            .button(ui, format!("只看没有错误的 {} 个文件", good.len()))
                            .on_hover_text(
                                "有错误的文件留待改正后再导入；先预览其余文件，确认后才写入",
                            )
                            .clicked()
                    {
                        commands.push(Command::PreviewScoreImport(good.clone()));
                        narrowed = Some(
                            (left_out_before.iter().cloned())
                                .chain(left_out_lines(preview))
                                .collect::<Vec<_>>(),
                        );
                    }
                    close = ui.button("取消").clicked();
                });
            });
        if narrowed.is_some() {
            self.left_out = narrowed;
        }
        // Esc is 取消: nothing has been written. A click beside the preview is not, so that a
        // long preview being read is not lost to a stray click.
        let is_escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if close || (modal.should_close() && is_escape) {
            self.close();
        }
    }
}

/// What narrowing `preview` to its forms without errors leaves out, one line each: each form
/// with errors (and how many), and the tables of the folder not read.
fn left_out_lines(preview: &ScoreImportPreview) -> Vec<String> {
    let mut errors: Vec<(&std::path::Path, usize)> = Vec::new();
    for rejected in &preview.rejected {
        match errors
            .iter_mut()
            .find(|(file, _)| *file == rejected.file.as_path())
        {
            Some((_, count)) => *count += 1,
            None => errors.push((&rejected.file, 1)),
        }
    }
    let forms = errors.into_iter().map(|(file, count)| {
        let name = file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        format!("已放下 {name}（{count} 处错误）：这次不导入，改正后再导入")
    });
    let tables = (preview.notes.iter())
        .filter(|note| note.starts_with("文件夹中另有") || note.contains("没有导入"))
        .cloned();
    forms.chain(tables).collect()
}

/// The list: the rejections first (they are why nothing can be written), the forms missing,
/// who filled each form in, every value that will change, then the forms not filled in whole.
fn list_lines(preview: &ScoreImportPreview) -> Vec<(LineStyle, String)> {
    let file_name = |path: &std::path::Path| {
        path.file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
    };
    let rejected = preview.rejected.iter().map(|rejected| {
        let row = (rejected.row).map_or_else(String::new, |r| format!("，第 {r} 行"));
        let sheet = if rejected.sheet.is_empty() {
            String::new()
        } else {
            format!("，工作表 {}", rejected.sheet)
        };
        let file = file_name(&rejected.file);
        (
            LineStyle::Rejected,
            format!("文件 {file}{sheet}{row}：{}", rejected.reason),
        )
    });
    let missing = (preview.missing.iter())
        .chain(&preview.notes)
        .map(|missing| (LineStyle::Missing, missing.clone()));
    // The values each form changes under one line naming it, its unit and who filled it in:
    // the file's long name once, not on every value.
    let mut changes: Vec<(LineStyle, String)> = Vec::new();
    let mut files_listed: Vec<&std::path::Path> = Vec::new();
    for change in &preview.changes {
        if files_listed.last() != Some(&change.file.as_path()) {
            files_listed.push(&change.file);
            let who = preview
                .filled_by(&change.file)
                .map_or_else(String::new, |who| format!("，{who}"));
            changes.push((
                LineStyle::Plain,
                format!("{}（{}{who}）：", file_name(&change.file), change.unit_name),
            ));
        }
        changes.push((
            LineStyle::Plain,
            format!(
                "  第 {} 行 {}：{}",
                change.row,
                change.indicator_name,
                change.describe()
            ),
        ));
    }
    // Who filled in a form that changes nothing is still said.
    let filled_by = (preview.filled_by.iter())
        .filter(|(file, _)| !files_listed.contains(&file.as_path()))
        .map(|(file, who)| (LineStyle::Plain, format!("{}：{who}", file_name(file))));
    // Broken to the dialog's width, the rest of a line indented under its start: a reason or
    // value cut off would hide what the clerk must check.
    // The forms not filled in whole last: a list to chase, under what the import does.
    let incomplete = (preview.incomplete_note().into_iter()).map(|note| (LineStyle::Missing, note));
    rejected
        .chain(missing)
        .chain(filled_by)
        .chain(changes)
        .chain(incomplete)
        .flat_map(|(style, text)| fitted(style, &text))
        .collect()
}

/// One line of the list broken to the dialog's width, the rest indented under its start.
fn fitted(style: LineStyle, text: &str) -> Vec<(LineStyle, String)> {
    // Under a line indented already (a form's value), further in.
    let indent = if text.starts_with(' ') { "    " } else { "  " };
    let parts = super::wrapped_lines::wrapped(text, LINE_WIDTH);
    (parts.into_iter().enumerate())
        .map(|(index, part)| {
            let part = if index == 0 {
                part
            } else {
                format!("{indent}{part}")
            };
            (style, part)
        })
        .collect()
}

/// The dialog's width: the widest that leaves a 1024-point window's navigation in sight.
const DIALOG_WIDTH: f32 = 700.0;

/// How wide a line of the list may be, in half-width characters (a Chinese one counts two):
/// what the dialog's 700 points hold at the body size (about 6.2 points a half-width
/// character), less the scroll bar and the indent.
const LINE_WIDTH: usize = 104;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_refusal_goes_on_over_indented_lines_that_fit() {
        let reason = "第 6 项“重点行业领域专项整治”的考核组评分 21 超过该项分值 20；请改正后重新导入，本次不会写入任何数据";
        let preview = ScoreImportPreview {
            rejected: vec![crate::io::score_forms::RejectedValue {
                file: "2025-05-青山镇-自评表.xlsx".into(),
                sheet: "自评表".to_owned(),
                row: Some(11),
                reason: reason.to_owned(),
                is_whole_file: false,
            }],
            ..ScoreImportPreview::default()
        };
        let lines = list_lines(&preview);
        assert!(lines.len() > 1, "{lines:?}");
        let width =
            |text: &str| -> usize { text.chars().map(|c| if c.is_ascii() { 1 } else { 2 }).sum() };
        assert!(lines.iter().all(|(_, text)| width(text) <= LINE_WIDTH + 2));
        assert!(lines.iter().skip(1).all(|(_, text)| text.starts_with("  ")));
        // Nothing lost but the spaces a line breaks at.
        let unspaced = |text: &str| text.replace(' ', "");
        let whole: String = lines.iter().map(|(_, text)| unspaced(text)).collect();
        assert!(whole.ends_with(&unspaced(reason)), "{whole}");
        assert!(lines.iter().all(|(style, _)| *style == LineStyle::Rejected));
    }
}
