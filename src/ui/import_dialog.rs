//! The 导入单位 dialog: what an import file would add, change and reject, shown before anything
//! is written. The preview is kept here so that 确认导入 writes exactly what the clerk saw.

use crate::io::{ImportPreview, RejectedRow};
use crate::model::text_diff::{Change, Run, char_diff};

/// How a line of the dialog's list is drawn.
#[derive(Debug, Clone, PartialEq, Eq)]
enum LineStyle {
    /// A section title.
    Title,
    /// A unit added or changed.
    Row,
    /// One field of a new unit, indented under it.
    Difference,
    /// One field of a change, indented under its unit, "旧 → 新" in runs: what the new value
    /// drops struck through, what it adds underlined, so that one character changed ("郜燚明
    /// → 部燚明") is seen.
    Changed(Vec<Run>),
    /// A rejected row, in the error colour.
    Rejected,
    /// The rest of a rejected row's reasons, indented under it.
    RejectedMore,
    /// A note on a row written all the same, in the warning colour.
    Note,
    /// The rest of a note, indented under it.
    NoteMore,
}

/// How wide a line of the list may be, in half-width characters (a Chinese one counts two):
/// what the dialog's 640 points hold at the body size, indented.
const LINE_WIDTH: usize = 92;
/// The preview list's height: up to this on a large window,
const MAX_LIST_HEIGHT: f32 = 360.0;
/// and at least this on a small one (the dialog then scrolls as a whole).
const MIN_LIST_HEIGHT: f32 = 120.0;
/// Room kept under the list for the separator and the row of buttons.
const BUTTONS_ROOM: f32 = 56.0;

/// An open 导入单位 dialog over one file.
#[derive(Debug, Clone)]
pub struct ImportDialog {
    file_name: String,
    /// The sheet read, named for a workbook of several.
    sheet: Option<String>,
    preview: Result<ImportPreview, String>,
    /// The list, built once from the preview so that drawing a frame formats nothing.
    lines: Vec<(LineStyle, String)>,
    /// True until the list has been drawn once: a new preview starts at its top, not where
    /// the last one was scrolled to.
    is_new: std::cell::Cell<bool>,
    /// True once the rejected rows were copied, which the dialog says beside the button.
    copied: std::cell::Cell<bool>,
}

/// What the dialog returns after a frame.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DialogOutcome {
    /// Still open.
    Open,
    /// Closed without writing.
    Cancelled,
    /// 确认导入 was clicked.
    Confirmed,
}

impl ImportDialog {
    /// A dialog for the file `file_name` (its sheet `sheet`, for a workbook of several) showing
    /// its preview, or why the file cannot be imported.
    #[must_use]
    pub fn new(
        file_name: String,
        sheet: Option<String>,
        preview: Result<ImportPreview, String>,
    ) -> Self {
        let lines = preview.as_ref().map(list_lines).unwrap_or_default();
        Self {
            file_name,
            sheet,
            preview,
            lines,
            is_new: std::cell::Cell::new(true),
            copied: std::cell::Cell::new(false),
        }
    }

    /// The file's name, as the log keeps it.
    #[must_use]
    pub fn file_name(&self) -> &str {
        &self.file_name
    }

    /// The preview shown, if the file could be read.
    #[must_use]
    pub fn preview(&self) -> Option<&ImportPreview> {
        self.preview.as_ref().ok()
    }

    /// Draws the dialog.
    pub fn show(&self, ctx: &egui::Context) -> DialogOutcome {
        let mut outcome = DialogOutcome::Open;
        let response = crate::ui::steady_modal::new(ctx, egui::Id::unique("unit_import_dialog"))
            .show(ctx, |ui| {
                ui.set_width(640.0);
                ui.heading("导入单位");
                match &self.sheet {
                    Some(sheet) => ui.label(format!("文件：{}（{sheet}）", self.file_name)),
                    None => ui.label(format!("文件：{}", self.file_name)),
                };
                ui.add_space(6.0);
                match &self.preview {
                    Ok(preview) => self.summary(ui, preview),
                    Err(message) => {
                        ui.colored_label(ui.visuals().error_fg_color, message);
                    }
                }
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let preview = self.preview.as_ref().ok();
                    let text = if preview.is_some_and(|p| !p.rejected.is_empty()) {
                        "确认导入（跳过被拒绝的行）"
                    } else {
                        "确认导入"
                    };
                    let can_write = preview.is_some_and(ImportPreview::has_writes);
                    let confirm = ui.add_enabled(can_write, egui::Button::new(text));
                    // The dialog opens on its action, as the confirmation boxes do: Enter
                    // imports what is shown, Esc cancels. Not when rows were refused: leaving
                    // them out is chosen by a click, not by an Enter pressed out of habit.
                    if can_write && preview.is_some_and(|p| p.rejected.is_empty()) {
                        crate::ui::steady_modal::focus_on_open(
                            ui,
                            egui::Id::unique("unit_import_confirm"),
                            &confirm,
                        );
                    }
                    if confirm.clicked() {
                        outcome = DialogOutcome::Confirmed;
                    }
                    if ui.button("取消").clicked() {
                        outcome = DialogOutcome::Cancelled;
                    }
                    // The reasons go with the dialog: copied, the clerk keeps them to correct
                    // the file (pasted into a note or beside the sheet).
                    if let Some(preview) = preview.filter(|p| !p.rejected.is_empty()) {
                        let copy = ui.button("复制被拒绝的行").on_hover_text(
                            "把被拒绝的各行复制到剪贴板：行号、单位名称、原因各一列，可粘贴到 Excel 或 WPS 表格中对照改正文件",
                        );
                        if copy.clicked() {
                            ui.ctx().copy_text(rejected_table(&preview.rejected));
                            self.copied.set(true);
                        }
                        if self.copied.get() {
                            ui.weak("已复制");
                        }
                    }
                });
            });
        // Esc is 取消; a click beside the preview is not, so that a long preview being read is
        // not lost to a stray click.
        let is_escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if outcome == DialogOutcome::Open && response.should_close() && is_escape {
            outcome = DialogOutcome::Cancelled;
        }
        outcome
    }

    fn summary(&self, ui: &mut egui::Ui, preview: &ImportPreview) {
        ui.label(format!(
            "新增 {} 个，修改 {} 个，无变化 {} 个，拒绝 {} 行",
            preview.additions.len(),
            preview.changes.len(),
            preview.unchanged,
            preview.rejected.len()
        ));
        // The notes take at most a third of the window's room, scrolled when they need more:
        // the list and the buttons under them stay in sight however many rows they name.
        let notes_room = crate::ui::steady_modal::room(ui.ctx()) / 3.0;
        egui::ScrollArea::vertical()
            .id_salt("import_notes")
            .max_height(notes_room)
            .auto_shrink([false, true])
            .show(ui, |ui| notes(ui, preview));
        ui.add_space(4.0);
        ui.separator();
        let row_height = super::row_height::label_row(ui);
        // The list takes what the window leaves under the notes above it, keeping room for
        // the buttons below: on a small window they stay in reach however many notes there are.
        let used = ui.min_rect().height();
        let left = crate::ui::steady_modal::room(ui.ctx()) - used - BUTTONS_ROOM;
        let mut list = egui::ScrollArea::vertical()
            .max_height(left.clamp(MIN_LIST_HEIGHT, MAX_LIST_HEIGHT))
            .auto_shrink([false, true]);
        if self.is_new.replace(false) {
            list = list.vertical_scroll_offset(0.0);
        }
        list.show_rows(ui, row_height, self.lines.len(), |ui, range| {
            for (style, text) in self.lines.get(range).unwrap_or_default() {
                // One line each, as the rows are counted; a long one is cut and shows whole
                // on hover.
                let line = |text: egui::RichText| egui::Label::new(text).truncate();
                match style {
                    LineStyle::Title => {
                        ui.add(line(egui::RichText::new(text).strong()));
                    }
                    LineStyle::Row => {
                        ui.add(line(egui::RichText::new(text)));
                    }
                    LineStyle::Difference => {
                        ui.horizontal(|ui| {
                            ui.add_space(24.0);
                            ui.add(line(egui::RichText::new(text)));
                        });
                    }
                    LineStyle::Changed(runs) => {
                        let job = changed_line(ui, runs);
                        ui.horizontal(|ui| {
                            ui.add_space(24.0);
                            // A line cut short shows whole on hover, marked as it is.
                            ui.add(egui::Label::new(job).truncate());
                        });
                    }
                    LineStyle::Rejected => {
                        let text = egui::RichText::new(text).color(ui.visuals().error_fg_color);
                        ui.add(line(text));
                    }
                    LineStyle::RejectedMore => {
                        let text = egui::RichText::new(text).color(ui.visuals().error_fg_color);
                        ui.horizontal(|ui| {
                            ui.add_space(24.0);
                            ui.add(line(text));
                        });
                    }
                    LineStyle::Note => {
                        let text = egui::RichText::new(text).color(ui.visuals().warn_fg_color);
                        ui.add(line(text));
                    }
                    LineStyle::NoteMore => {
                        let text = egui::RichText::new(text).color(ui.visuals().warn_fg_color);
                        ui.horizontal(|ui| {
                            ui.add_space(24.0);
                            ui.add(line(text));
                        });
                    }
                }
            }
        });
    }
}

/// What the preview says above its list: the blank cells kept, columns not read, and the
/// first note of each kind on rows written all the same (every one is in the list).
fn notes(ui: &mut egui::Ui, preview: &ImportPreview) {
    ui.weak("已有单位的空白单元格不改变原内容");
    let (counting, unknown) = crate::io::not_imported_parts(&preview.unknown_columns);
    if !counting.is_empty() {
        ui.weak(format!("{}列只是行的编号，不导入", counting.join("、")));
    }
    if !unknown.is_empty() {
        ui.label(format!("下列各列无法识别，已忽略：{}", unknown.join("、")))
            .on_hover_text(format!("可识别的列：{}", crate::io::known_headers()));
    }
    if let Some(first) = preview.extra_cells.first() {
        let more = preview.extra_cells.len() - 1;
        let text = if more == 0 {
            first.to_string()
        } else {
            format!("{first}；另有 {more} 行也有表头之外的单元格")
        };
        ui.label(text).on_hover_text(
            (preview.extra_cells.iter())
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("\n"),
        );
    }
    // Counted by rows, but the type notes, of which a row may have two (its type against
    // its category and against its name).
    // In the order of the list's 提示 (see `ImportPreview::row_notes`). The agreements' notes
    // are counted as notes: a row changed with agreements in two years has one for each.
    for (notes, counted, others) in [
        (
            &preview.shared_sort_orders,
            "行",
            "的排序号也与其他单位相同",
        ),
        (
            &preview.possible_renames,
            "行",
            "也与在用单位的负责人或联系电话相同",
        ),
        (&preview.look_alikes, "行", "的名称也与已有单位相近"),
        (&preview.former_names, "行", "的名称也是在用单位的曾用名"),
        (&preview.half_width_names, "行", "的单位名称也有半角标点"),
        (
            &preview.kinds_across_categories,
            "处",
            "的单位类型也与考核类别或单位名称不符",
        ),
        (&preview.long_short_names, "行", "的简称也比单位名称长"),
        (
            &preview.file_name_marks,
            "行",
            "的简称也有文件名不能用的字符",
        ),
        (
            &preview.mismatched_titles,
            "行",
            "的负责人职务也与单位类型不符",
        ),
        (
            &preview.category_notes,
            "条",
            "同类提醒：已起草责任书的单位改了考核类别",
        ),
        (
            &preview.principal_notes,
            "条",
            "同类提醒：责任书已定稿的单位改了负责人",
        ),
    ] {
        let Some(first) = notes.first() else { continue };
        let more = notes.len() - 1;
        let text = if more == 0 {
            first.clone()
        } else {
            format!("{first}；另有 {more} {counted}{others}（各行见下方“提示”）")
        };
        ui.colored_label(ui.visuals().warn_fg_color, text);
    }
    for note in [preview.passed_over_note(), preview.repeated_note()]
        .into_iter()
        .flatten()
    {
        ui.weak(note);
    }
    if !preview.has_writes() && preview.rejected.is_empty() {
        ui.label("文件中的单位与现有数据一致，没有需要写入的内容");
    }
}

/// The rejected rows as a table to paste into a spreadsheet: a header, then 行号, 单位名称 and
/// 原因 a column each (tabs, which Excel and WPS split into cells), one row a line.
fn rejected_table(rejected: &[RejectedRow]) -> String {
    let cell = |text: &str| text.replace(['\t', '\n', '\r'], " ");
    std::iter::once("行号\t单位名称\t被拒绝的原因".to_owned())
        .chain(rejected.iter().map(|row| {
            format!(
                "{}\t{}\t{}",
                row.row_number,
                cell(row.name.trim()),
                cell(&row.reason)
            )
        }))
        .collect::<Vec<_>>()
        .join("\n")
}

/// A change's line: the kept text plain, what the old value loses struck through in red, what
/// the new one gains underlined in green (as the agreement's 与模板的差异 shows them).
fn changed_line(ui: &egui::Ui, runs: &[Run]) -> egui::text::LayoutJob {
    let mut job = egui::text::LayoutJob::default();
    super::diff_formats::DiffFormats::new(ui).append(&mut job, runs);
    job
}

/// Adds `text` to the list wrapped to its width: the first line in the first style, the rest
/// in the second (indented under it).
fn push_wrapped(
    lines: &mut Vec<(LineStyle, String)>,
    text: &str,
    (first, more): (LineStyle, LineStyle),
) {
    let text = super::drawable_text::drawable(text);
    for (index, part) in super::wrapped_lines::wrapped(&text, LINE_WIDTH)
        .into_iter()
        .enumerate()
    {
        let style = if index == 0 {
            first.clone()
        } else {
            more.clone()
        };
        lines.push((style, part));
    }
}

/// The dialog's list: rejected rows first (what the clerk may want to fix before importing,
/// in sight without scrolling past every addition), then the notes on rows written all the
/// same (above the list only the first of each kind is said), then additions, then changes
/// with each field "旧 → 新".
fn list_lines(preview: &ImportPreview) -> Vec<(LineStyle, String)> {
    let shown = |value: &str| {
        if value.is_empty() {
            "（空）".to_owned()
        } else {
            value.to_owned()
        }
    };
    let mut lines = Vec::new();
    if !preview.rejected.is_empty() {
        lines.push((LineStyle::Title, "被拒绝的行（不会写入）".to_owned()));
        for row in &preview.rejected {
            let styles = (LineStyle::Rejected, LineStyle::RejectedMore);
            push_wrapped(&mut lines, &row.line(), styles);
        }
    }
    if preview.row_notes().next().is_some() {
        lines.push((LineStyle::Title, "提示（照常写入，请核对）".to_owned()));
        for note in preview.row_notes() {
            push_wrapped(&mut lines, note, (LineStyle::Note, LineStyle::NoteMore));
        }
    }
    if !preview.additions.is_empty() {
        lines.push((LineStyle::Title, "新增的单位".to_owned()));
        for row in &preview.additions {
            let text = format!("第 {} 行  {}", row.row_number, row.draft.name);
            lines.push((LineStyle::Row, text));
            // What a clerk checks of a new unit before it lands: where it is filed and who
            // heads it.
            let draft = &row.draft;
            let text = format!(
                "简称：{}；单位类型：{}；考核类别：{}；负责人职务：{}；负责人：{}；联系人：{}；联系电话：{}；排序号：{}",
                // Stored as given: an empty one is shown as such (lists then use the name).
                if draft.short_name.is_empty() {
                    "（未填，按单位名称显示）"
                } else {
                    &draft.short_name
                },
                draft.kind.label(),
                shown(&row.category_name),
                shown(&draft.principal_title),
                shown(&draft.principal_name),
                shown(&draft.contact_name),
                shown(&draft.contact_phone),
                draft.sort_order
            );
            for part in super::wrapped_lines::wrapped(&text, LINE_WIDTH) {
                lines.push((LineStyle::Difference, part));
            }
        }
    }
    if !preview.changes.is_empty() {
        lines.push((LineStyle::Title, "修改的单位".to_owned()));
        for change in &preview.changes {
            let text = format!("第 {} 行  {}", change.row_number, change.before.name);
            lines.push((LineStyle::Row, text));
            for difference in &change.differences {
                let (before, after) = (shown(&difference.before), shown(&difference.after));
                let text = format!("{}：{before} → {after}", difference.label);
                // The values compared as they are: "（空）" stands for nothing, and is no text
                // of the other value kept.
                // The 排序号 is another number, not digits struck and kept (a phone keeps its
                // one digit's difference in sight).
                let whole = difference.label == "排序号";
                let (old, new) = match (difference.before.is_empty(), difference.after.is_empty()) {
                    (true, _) => (vec![(Change::Same, before)], vec![(Change::Added, after)]),
                    (_, true) => (vec![(Change::Removed, before)], vec![(Change::Same, after)]),
                    _ if whole => (
                        vec![(Change::Removed, before)],
                        vec![(Change::Added, after)],
                    ),
                    _ => char_diff(&difference.before, &difference.after),
                };
                let runs = std::iter::once((Change::Same, format!("{}：", difference.label)))
                    .chain(old)
                    .chain(std::iter::once((Change::Same, " → ".to_owned())))
                    .chain(new)
                    .collect();
                lines.push((LineStyle::Changed(runs), text));
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rejected_rows_come_before_the_additions() {
        let preview = ImportPreview {
            additions: vec![crate::io::ImportRow {
                row_number: 2,
                draft: crate::model::UnitDraft::empty(1),
                category_name: "镇街".to_owned(),
            }],
            rejected: vec![crate::io::RejectedRow {
                row_number: 3,
                name: "青石镇".to_owned(),
                reason: "未填写单位类型".to_owned(),
            }],
            ..ImportPreview::default()
        };
        let lines = list_lines(&preview);
        let titles: Vec<&str> = (lines.iter())
            .filter(|(style, _)| *style == LineStyle::Title)
            .map(|(_, text)| text.as_str())
            .collect();
        assert_eq!(titles, ["被拒绝的行（不会写入）", "新增的单位"]);
        assert_eq!(lines[1].1, "第 3 行（青石镇）：未填写单位类型");
    }

    /// One character changed in a name is marked, not shown as two names alike.
    #[test]
    fn a_changed_field_marks_the_characters_that_differ() {
        let preview = ImportPreview {
            changes: vec![crate::io::ImportChange {
                row_number: 4,
                unit_id: 7,
                before: crate::model::UnitDraft::empty(1),
                after: crate::model::UnitDraft::empty(1),
                differences: vec![crate::io::FieldDifference {
                    label: "负责人",
                    before: "郜燚明".to_owned(),
                    after: "部燚明".to_owned(),
                }],
            }],
            ..ImportPreview::default()
        };
        let lines = list_lines(&preview);
        let (style, text) = lines.last().unwrap();
        assert_eq!(text, "负责人：郜燚明 → 部燚明");
        let LineStyle::Changed(runs) = style else {
            panic!("{style:?}")
        };
        let marked: Vec<(Change, &str)> = runs
            .iter()
            .filter(|(change, _)| *change != Change::Same)
            .map(|(change, text)| (*change, text.as_str()))
            .collect();
        assert_eq!(marked, [(Change::Removed, "郜"), (Change::Added, "部")]);
        // A value filled in is added whole: the "空" of "（空）" is not kept in "空管站".
        let mut filled = preview;
        filled.changes[0].differences[0] = crate::io::FieldDifference {
            label: "简称",
            before: String::new(),
            after: "空管站".to_owned(),
        };
        let lines = list_lines(&filled);
        let (LineStyle::Changed(runs), _) = lines.last().unwrap() else {
            panic!("{lines:?}")
        };
        assert!(
            runs.contains(&(Change::Added, "空管站".to_owned())),
            "{runs:?}"
        );
        assert!(
            runs.contains(&(Change::Same, "（空）".to_owned())),
            "{runs:?}"
        );
        // A number is another number: struck and added whole, not digit by digit.
        filled.changes[0].differences[0] = crate::io::FieldDifference {
            label: "排序号",
            before: "103".to_owned(),
            after: "38".to_owned(),
        };
        let lines = list_lines(&filled);
        let (LineStyle::Changed(runs), _) = lines.last().unwrap() else {
            panic!("{lines:?}")
        };
        let marked: Vec<(Change, &str)> = (runs.iter())
            .filter(|(change, _)| *change != Change::Same)
            .map(|(change, text)| (*change, text.as_str()))
            .collect();
        assert_eq!(marked, [(Change::Removed, "103"), (Change::Added, "38")]);
    }
}
