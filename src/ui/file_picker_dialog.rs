//! The file chooser's window, drawn each frame: its title and notes, the path field (Enter
//! opens a folder or chooses a file), the folder's entries, the date when one is asked for,
//! and the buttons.

use std::path::PathBuf;

use chrono::Datelike as _;

use super::{FilePicker, PickMode, Pressed};
use crate::document::notice::chinese_date;
use crate::model::dates::{date_refusal, parse_date};

impl FilePicker {
    /// Draws the chooser for a frame: title, notes, the path field, the folder's entries,
    /// the date when asked for, and the buttons; says which button (or Enter) was pressed.
    pub(super) fn draw(&mut self, ctx: &egui::Context) -> Pressed {
        let mut pressed = Pressed::Nothing;
        let mut enter = None;
        // True when a field took this frame's Enter (the path, a new folder's name): not also 确定.
        let mut enter_taken = false;
        // What is offered about the path typed, said once the folder it leads to is listed.
        let mut offered = None;
        // Said of a file typed where a folder is asked for, once its folder is listed.
        let mut file_typed = None;
        let is_many = matches!(self.mode, PickMode::OpenFiles(_));
        super::super::steady_modal::top_anchored(ctx, egui::Id::unique("file_picker")).show(ctx, |ui| {
            ui.set_width(560.0);
            crate::ui::printed_lines::heading(ui, &self.title);
            if let Some(note) = &self.note {
                ui.label(note);
            }
            if let Some(warning) = &self.warning {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(warning).color(ui.visuals().warn_fg_color),
                    )
                    .wrap(),
                );
            }
            ui.horizontal(|ui| {
                let label = ui.label("路径");
                let path_field = ui
                    .add(egui::TextEdit::singleline(&mut self.path_text).desired_width(420.0))
                    .labelled_by(label.id);
                if self.focus == Some(super::Field::Path) {
                    self.focus = None;
                    path_field.request_focus();
                    crate::ui::assessment::cells::select_all(ctx, path_field.id, &self.path_text);
                }
                // Enter on a typed folder opens it, as in the system's own dialogs, and on a
                // typed file chooses it; on a path that is not there it says so at once, and
                // the folder listed stays named as the one listed. Choosing a folder, Enter on
                // the folder already listed chooses it, as 确定 does.
                // A bare name is read in the folder listed, as the system's dialogs read it.
                let typed = super::typed_path(&self.path_text);
                let typed = if typed.is_relative() && !typed.as_os_str().is_empty() {
                    self.folder.join(typed)
                } else {
                    typed
                };
                enter_taken = crate::ui::enter_key::pressed_in(ui, &path_field);
                if enter_taken {
                    if self.mode == PickMode::Folder && typed == self.folder {
                        pressed = Pressed::Confirm;
                    } else if typed.is_dir() {
                        enter = Some(typed);
                        // The keyboard stays in 路径 (Enter let go of it), its text selected:
                        // typing goes on there, a second Enter takes the folder listed.
                        self.focus = Some(super::Field::Path);
                    } else if typed.is_file() && self.mode != PickMode::Folder {
                        // A whole file path typed or pasted: Enter chooses it, as 确定 does.
                        pressed = Pressed::Confirm;
                    } else if typed.is_file() {
                        // A file where a folder is asked for: its folder is listed, and said.
                        enter = typed.parent().map(std::path::Path::to_path_buf);
                        file_typed = Some(super::file_not_folder(&typed));
                        self.focus = Some(super::Field::Path);
                    } else if let Some(name) = (self.mode == PickMode::Folder)
                        .then(|| missing_folder(&typed))
                        .flatten()
                        .map(|(_, name)| name)
                        .filter(|name| looks_like_a_file_name(name))
                    {
                        // "备份.sqlite3" typed where a folder is asked for: a file's name, not
                        // a folder to make; the program names the files it saves.
                        self.error = Some(format!(
                            "“{name}”像是文件名：这里请选择（或新建）要保存到的文件夹，文件名由程序按内容取"
                        ));
                        self.focus = Some(super::Field::Path);
                    } else if let Some((parent, name)) = (self.mode == PickMode::Folder)
                        .then(|| missing_folder(&typed))
                        .flatten()
                    {
                        // A folder to save into that is not there yet (a new one on a USB
                        // stick): offered to be made, its name ready in 新文件夹名称.
                        offered = Some(format!(
                            "文件夹“{name}”还不存在：按回车或点“新建”，即在 {} 中新建它",
                            parent.display()
                        ));
                        if parent != self.folder {
                            enter = Some(parent);
                        }
                        self.new_folder = Some(name);
                        self.focus = Some(super::Field::NewFolder);
                    } else if !typed.as_os_str().is_empty() && !typed.exists() {
                        // Two folders or more missing (a typo in the drive's path, as likely
                        // as a new folder in a new one): said which, nothing made.
                        let missing_above = (self.mode == PickMode::Folder)
                            .then(|| typed.parent())
                            .flatten()
                            .filter(|parent| !parent.as_os_str().is_empty() && !parent.exists());
                        self.error = Some(match missing_above {
                            Some(parent) => format!(
                                "找不到文件夹“{}”：新文件夹只能建在已有的文件夹中，每次新建一级（请先检查路径，或先新建上一级）；下面列出的仍是：{}",
                                parent.display(),
                                self.folder.display()
                            ),
                            None => format!(
                                "找不到“{}”，下面列出的仍是：{}",
                                typed.display(),
                                self.folder.display()
                            ),
                        });
                        // Back to the path, to be put right: a correction typed next is not
                        // lost, nor the next Enter taken for 确定.
                        self.focus = Some(super::Field::Path);
                    }
                }
                if ui.button("上一级").clicked() {
                    enter = self.parent_folder();
                }
            });
            if self.mode == PickMode::Folder {
                enter_taken |= self.new_folder_row(ui);
            }
            if is_many && self.is_chosen_only {
                ui.horizontal(|ui| {
                    ui.label("逐个点选文件（再点一次取消）；多张图片按文件名排序为页序");
                    // Every page of a scan is usually in one folder: chosen at once.
                    if ui.small_button("全选").clicked() {
                        self.selected = (self.entries.iter())
                            .filter(|(_, is_dir)| !*is_dir)
                            .map(|(name, _)| name.clone())
                            .collect();
                    }
                    if ui.small_button("全不选").clicked() {
                        self.selected.clear();
                    }
                });
            } else if let PickMode::OpenFiles(exts) = self.mode {
                ui.label(format!(
                    "点选一个或多个文件；不选文件直接确定，则导入当前文件夹中的全部 {} 文件",
                    exts.iter()
                        .map(|e| format!(".{e}"))
                        .collect::<Vec<_>>()
                        .join("、")
                ));
            }
            // A single click on a folder only puts it in 路径: said, since the list stays.
            ui.weak(if self.mode == PickMode::Folder {
                "单击文件夹选中它（点“确定”即保存到其中），双击进入该文件夹"
            } else {
                "双击文件夹进入该文件夹"
            });
            // A fixed size, so the dialog does not grow (and move under the pointer) as the
            // entries of a folder are laid out.
            let mut list = egui::ScrollArea::vertical()
                .id_salt("file_picker_entries")
                .auto_shrink([false, false])
                .max_height(300.0);
            if std::mem::take(&mut self.to_top) {
                list = list.vertical_scroll_offset(0.0);
            }
            list.show(ui, |ui| {
                    ui.set_min_width(540.0);
                    // Not beside a message about the path typed: the two would read as one.
                    // Choosing where to save, an empty folder is a place like any other.
                    if self.entries.is_empty() && self.error.is_none() && self.mode == PickMode::Folder {
                        ui.weak("这个文件夹中没有文件或子文件夹（隐藏的不列出）：点“确定”就保存到这里；要换地方，点“上一级”，或在“路径”中输入文件夹后按回车");
                    } else if self.entries.is_empty() && self.error.is_none() {
                        // Said by what is looked for: a folder full of other files is not empty.
                        let wanted = self.mode.extensions().map_or_else(
                            || "子文件夹".to_owned(),
                            |exts| {
                                let names: Vec<String> =
                                    exts.iter().map(|e| format!(".{e}")).collect();
                                format!(" {} 文件或子文件夹", names.join("、"))
                            },
                        );
                        ui.weak(format!(
                            "这个文件夹中没有{wanted}（隐藏的不列出）：点“上一级”，或在“路径”中输入文件夹后按回车"
                        ));
                    }
                    for (name, is_dir) in &self.entries {
                        if !*is_dir && self.mode == PickMode::Folder {
                            ui.label(egui::RichText::new(name).weak())
                                .on_hover_text("文件夹中已有的文件（此处选择的是文件夹）");
                            continue;
                        }
                        let wanted = self.mode.extensions().unwrap_or_default();
                        // A text table under an old workbook's name, for what it is.
                        if !*is_dir && self.text_tables.contains(name) {
                            let (said, hover) = if wanted.contains(&"csv") {
                                ("（文本表格，请把扩展名改为 .csv）", "这个文件名为 .xls（或 .et），内容却是文本表格（如 CSV）：把扩展名改为 .csv 后即可导入")
                            } else {
                                ("（文本表格，不是 .xlsx 工作簿）", "这个文件名为 .xls（或 .et），内容却是文本表格（如 CSV）：这里要的是导出的 .xlsx 文件")
                            };
                            ui.label(egui::RichText::new(format!("{name}{said}")).weak())
                                .on_hover_text(hover);
                            continue;
                        }
                        if !*is_dir
                            && super::is_old_sheet(name, wanted)
                            && !self.renamed_workbooks.contains(name)
                        {
                            ui.label(egui::RichText::new(format!("{name}（旧版格式，须另存为 .xlsx）")).weak())
                                .on_hover_text(super::OLD_SHEET);
                            continue;
                        }
                        let text = if *is_dir {
                            format!("{name}/")
                        } else {
                            name.clone()
                        };
                        let is_selected = !*is_dir && self.selected.contains(name);
                        let mut response = ui.selectable_label(is_selected, text);
                        if *is_dir {
                            response = response.on_hover_text("双击进入");
                        }
                        // Enter on an entry the keyboard is on is its double click: a file is
                        // chosen, a folder opened (choosing a folder, Enter takes the one
                        // listed, as before). Space picks it, as a click does.
                        // (A key held and repeating is not pressed again: it would go on
                        // to the entry at the same place in the folder opened.)
                        let by_enter = response.clicked()
                            && response.has_focus()
                            && crate::ui::enter_key::pressed_once(ui)
                            && self.mode != PickMode::Folder
                            && (*is_dir || !is_many);
                        if (response.double_clicked() || by_enter) && *is_dir {
                            enter = Some(self.folder.join(name));
                            if by_enter {
                                // In the folder opened, the keyboard starts again in 路径.
                                self.focus = Some(super::Field::Path);
                            }
                        } else if response.double_clicked() || by_enter {
                            // A file double-clicked is chosen, as in the system's dialogs.
                            if is_many && !self.selected.contains(name) {
                                self.selected.push(name.clone());
                            } else if !is_many {
                                self.path_text = self.folder.join(name).display().to_string();
                            }
                            pressed = Pressed::Confirm;
                        } else if response.clicked() && is_many && !*is_dir {
                            if is_selected {
                                self.selected.retain(|n| n != name);
                            } else {
                                self.selected.push(name.clone());
                            }
                        } else if response.clicked() {
                            self.path_text = self.folder.join(name).display().to_string();
                        }
                    }
                });
            if let (Some((caption, text)), Some(why)) = (&self.date, &self.date_fixed) {
                ui.horizontal(|ui| {
                    ui.label(caption.as_str());
                    ui.strong(text.as_str());
                });
                ui.add(egui::Label::new(why.as_str()).wrap());
            } else if let Some((caption, text)) = &mut self.date {
                let retyped = ui.horizontal(|ui| {
                    let label = ui.label(caption.as_str());
                    ui.add(egui::TextEdit::singleline(text).desired_width(140.0))
                        .labelled_by(label.id)
                        .changed()
                });
                // A question about the date typed before goes with it.
                if retyped.inner
                    && let Some((_, pressed_on @ Some(_))) = &mut self.unusual_asked
                {
                    *pressed_on = None;
                    // Only the question: a folder that cannot be written is still said.
                    if self.error.as_deref().is_some_and(|e| e.starts_with("成文日期")) {
                        self.error = None;
                    }
                }
                // While an unusual date is asked about under the buttons, its note here gives
                // way to one line: the room it took is kept, so that 确定 stays under the
                // pointer for the second click.
                let is_pending = (self.unusual_asked.as_ref())
                    .is_some_and(|(_, asked)| asked.is_some() && *asked == parse_date(text));
                // Under the field, wrapped: a long warning does not widen the dialog.
                let note = ui.horizontal_wrapped(|ui| {
                    let too_early = self.earliest.as_ref().filter(|(earliest, _)| {
                        parse_date(text).is_some_and(|date| date < *earliest)
                    });
                    // Once asked about under the buttons, the date's note is not said twice.
                    let is_asked = |date: chrono::NaiveDate| {
                        self.error.is_some()
                            && (self.unusual_asked.as_ref())
                                .is_some_and(|(_, asked)| *asked == Some(date))
                    };
                    match parse_date(text) {
                        Some(_) if too_early.is_some() => ui.colored_label(
                            ui.visuals().error_fg_color,
                            too_early.map_or("", |(_, why)| why.as_str()),
                        ),
                        Some(date) => match self.usual {
                            Some((from, to))
                                if (date < from || date > to) && !is_asked(date) =>
                            {
                                ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!(
                                    "{}（通常在 {} 至 {} 之间{}，请确认没有写错）",
                                    chinese_date(date),
                                    chinese_date(from),
                                    chinese_date(to),
                                    super::published_note(self.published_on, date)
                                ),
                            )
                            }
                            _ if !is_asked(date)
                                && other_year(self.expected_year.as_ref(), date).is_some() =>
                            {
                                let note = other_year(self.expected_year.as_ref(), date);
                                ui.colored_label(ui.visuals().warn_fg_color, note.unwrap_or_default())
                            }
                            // How a date typed another way will print; one line always, so
                            // that the dialog keeps its height.
                            _ if text.trim() == chinese_date(date) => ui.weak("印在落款处"),
                            _ => ui.label(format!("印作“{}”", chinese_date(date))),
                        },
                        None => ui.colored_label(
                            ui.visuals().error_fg_color,
                            date_refusal(caption, text, || {
                                "请写成“2025年3月5日”“2025-03-05”或“2025/3/5”".to_owned()
                            }),
                        ),
                    };
                });
                let drawn = note.response.rect.height();
                if is_pending {
                    ui.add_space((self.date_note_height - drawn).max(0.0));
                } else {
                    self.date_note_height = drawn;
                }
            }
            if is_many {
                // Always one line, so the dialog keeps its place as files are clicked.
                ui.label(if self.selected.is_empty() && self.is_chosen_only {
                    "未选文件".to_owned()
                } else if self.selected.is_empty() {
                    "未选文件：确定则导入当前文件夹中的全部文件".to_owned()
                } else {
                    format!("已选 {} 个文件", self.selected.len())
                });
            }
            ui.horizontal(|ui| {
                if ui.button("确定").clicked() {
                    pressed = Pressed::Confirm;
                }
                if ui.button("取消").clicked() {
                    pressed = Pressed::Cancel;
                }
            });
            // Enter after a file was clicked in the list is 确定, as in the system's dialogs
            // (the list's entries do not keep the keyboard; a field that had it took its own
            // Enter this frame); choosing a folder, Enter takes the folder listed.
            let file_chosen = if is_many {
                !self.selected.is_empty()
            } else if self.mode == PickMode::Folder {
                true
            } else {
                super::typed_path(&self.path_text).is_file()
            };
            if pressed == Pressed::Nothing
                && enter.is_none()
                && !enter_taken
                && file_chosen
                && self.new_folder.is_none()
                && ui.memory(|m| m.focused().is_none())
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
            {
                pressed = Pressed::Confirm;
            }
            // Esc is 取消, as in the other dialogs; with a new folder's name open, it closes
            // that first.
            if pressed == Pressed::Nothing && ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                if self.new_folder.take().is_none() {
                    pressed = Pressed::Cancel;
                }
                self.offer = None;
            }
            // Under the buttons, so that they keep their place as a message comes and goes.
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            } else if let Some(offer) = &self.offer {
                ui.colored_label(ui.visuals().warn_fg_color, offer);
            }
        });
        if let Some(folder) = enter {
            self.enter(folder);
        }
        if offered.is_some() {
            self.offer = offered;
            self.error = None;
        }
        if file_typed.is_some() {
            self.error = file_typed;
        }
        pressed
    }
}

/// True for a name ending in the extension of a file this program reads or writes
/// ("备份.sqlite3", "通报.pdf"): a file's name, not a folder's ("资料.old" may be a folder).
fn looks_like_a_file_name(name: &str) -> bool {
    const FILES: [&str; 10] = [
        "pdf", "xlsx", "xls", "csv", "sqlite3", "sqlite", "db", "docx", "doc", "zip",
    ];
    name.rsplit_once('.')
        .is_some_and(|(stem, _)| !stem.is_empty() && super::has_extension(name, &FILES))
}

/// The folder `typed` is in and its name, when `typed` is not there but that folder is: a
/// folder the clerk means to make.
fn missing_folder(typed: &std::path::Path) -> Option<(PathBuf, String)> {
    if typed.as_os_str().is_empty() || typed.exists() {
        return None;
    }
    let parent = typed.parent().filter(|parent| parent.is_dir())?;
    let name = typed.file_name()?.to_string_lossy().into_owned();
    Some((parent.to_path_buf(), name))
}

/// What is said of `date` in another year than `expected` (the year and what says it).
pub(super) fn other_year(
    expected: Option<&(i32, String)>,
    date: chrono::NaiveDate,
) -> Option<String> {
    let (year, what) = expected.filter(|(year, _)| date.year() != *year)?;
    Some(format!(
        "{}：{what}写的是 {year} 年，与成文日期的年份不同，请核对",
        chinese_date(date)
    ))
}
