//! A small file chooser drawn with egui: browse folders, pick a file (or a folder to save into,
//! made there if need be), several files (clicked one by one) or every matching file of a
//! folder, or type a path. Used for scans (several files, never a whole folder), exports and
//! imports.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::document::notice::chinese_date;
use crate::model::dates::{date_refusal, parse_date};
use folders::unreadable_folder;

/// Whether the chooser opens a file or picks a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickMode {
    /// Choose an existing file with one of the extensions.
    OpenFile(&'static [&'static str]),
    /// Choose a folder.
    Folder,
    /// Choose several files with one of the extensions, or a folder for all of them (see
    /// [`FilePicker::show_many`]).
    OpenFiles(&'static [&'static str]),
}

/// An open chooser.
#[derive(Debug, Clone)]
pub struct FilePicker {
    title: String,
    mode: PickMode,
    folder: PathBuf,
    path_text: String,
    entries: Vec<(String, bool)>,
    /// Files clicked in [`PickMode::OpenFiles`], by name in the current folder.
    selected: Vec<String>,
    /// An optional date asked with the choice (the notice's date): its caption and text.
    date: Option<(String, String)>,
    /// The earliest date taken, and why no earlier one is (a year's notice is not dated
    /// before the year).
    earliest: Option<(NaiveDate, String)>,
    /// The dates a notice is usually dated between; one outside is taken with a warning
    /// beside it (a year's notice dated within the year, or a year ahead).
    usual: Option<(NaiveDate, NaiveDate)>,
    /// Why the date cannot be changed (a notice already issued keeps its date): shown instead
    /// of the field.
    date_fixed: Option<String>,
    /// A line under the title saying what the file should hold (an import's columns).
    note: Option<String>,
    /// A caveat shown under the title in the warning colour (what the file will not be).
    warning: Option<String>,
    /// In [`PickMode::OpenFiles`]: only files clicked or typed count, never a whole folder
    /// (a scan's pages, where a folder may hold other agreements' scans).
    is_chosen_only: bool,
    /// The name typed for a new folder, while 新建文件夹 is open ([`PickMode::Folder`] only).
    new_folder: Option<String>,
    /// The new folder's name field was just opened and takes the keyboard.
    focus_new_folder: bool,
    error: Option<String>,
    /// A folder was just entered: its list starts at the top, not where another was left.
    to_top: bool,
}

/// What the chooser returns after a frame.
pub enum PickOutcome {
    /// Still open.
    Open,
    /// Closed without a choice.
    Cancelled,
    /// The chosen path.
    Chosen(PathBuf),
}

/// What a chooser of several files returns after a frame.
pub enum PickManyOutcome {
    /// Still open.
    Open,
    /// Closed without a choice.
    Cancelled,
    /// The chosen files, in folder order.
    Chosen(Vec<PathBuf>),
}

/// The button pressed in a frame.
#[derive(PartialEq, Eq)]
enum Pressed {
    Nothing,
    Confirm,
    Cancel,
}

/// The folder the last chooser of each kind showed, so the next one of that kind opens there
/// (this run): scans are looked for where scans were, a notice saved where exports went.
static LAST_FOLDERS: std::sync::Mutex<Vec<(PickMode, PathBuf)>> = std::sync::Mutex::new(Vec::new());

/// The folder the last chooser of the previous run was left in (kept in the window's state),
/// where choosers open until one is used in this run.
static PREVIOUS_RUN: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Choosers open in `folder` until one is used (the last folder of the previous run).
pub fn open_where_left(folder: Option<PathBuf>) {
    *PREVIOUS_RUN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = folder;
}

/// The folder the last chooser used was left in, this run or (none used yet) the one before;
/// kept for the next run.
#[must_use]
pub fn where_left() -> Option<PathBuf> {
    let this_run = (LAST_FOLDERS.lock())
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .last()
        .map(|(_, folder)| folder.clone());
    this_run.or_else(|| {
        PREVIOUS_RUN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    })
}

/// Keeps `folder` as the one the next chooser of `mode` opens in.
fn set_last_folder(mode: PickMode, folder: &Path) {
    let mut folders = LAST_FOLDERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    folders.retain(|(kept, _)| *kept != mode);
    folders.push((mode, folder.to_path_buf()));
}

/// Remembers where a chosen file or folder is, so that the next chooser of `mode` opens there
/// (also when the path was typed and confirmed without the folder being opened first).
fn remember(mode: PickMode, chosen: &Path) {
    let folder = if chosen.is_dir() {
        Some(chosen)
    } else {
        chosen.parent()
    };
    if let Some(folder) = folder.filter(|f| f.is_dir()) {
        set_last_folder(mode, folder);
    }
}

/// Where a chooser of `mode` opens: where the last one of its kind was left, else where the
/// last chooser of any kind was (in the previous run, if none was used yet), else the documents
/// or home folder.
fn start_folder(mode: PickMode) -> PathBuf {
    let last = {
        let folders = (LAST_FOLDERS.lock()).unwrap_or_else(std::sync::PoisonError::into_inner);
        (folders.iter())
            .find(|(kept, _)| *kept == mode)
            .map(|(_, folder)| folder.clone())
    }
    .or_else(where_left);
    if let Some(folder) = last.filter(|f| f.is_dir()) {
        return folder;
    }
    directories::UserDirs::new()
        .and_then(|dirs| {
            dirs.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(dirs.home_dir().to_path_buf()))
        })
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}

impl FilePicker {
    /// A chooser titled `title`.
    #[must_use]
    pub fn new(title: &str, mode: PickMode) -> Self {
        let mut picker = Self {
            title: title.to_owned(),
            mode,
            folder: PathBuf::new(),
            path_text: String::new(),
            entries: Vec::new(),
            selected: Vec::new(),
            date: None,
            earliest: None,
            date_fixed: None,
            usual: None,
            note: None,
            warning: None,
            is_chosen_only: false,
            new_folder: None,
            focus_new_folder: false,
            error: None,
            to_top: true,
        };
        picker.enter(start_folder(mode));
        picker
    }

    /// Opens in `folder` (a database's `backups/`), or in the folder it is in when it is not
    /// there, instead of where the last chooser was left.
    #[must_use]
    pub fn starting_in(mut self, folder: &Path) -> Self {
        let start = std::iter::successors(Some(folder), |f| f.parent())
            .take(2)
            .find(|f| f.is_dir());
        if let Some(start) = start {
            self.enter(start.to_path_buf());
        }
        self
    }

    /// Asks for a date too, captioned `caption` and starting at `date`, written "2025年3月5日".
    #[must_use]
    pub fn with_date(mut self, caption: &str, date: NaiveDate) -> Self {
        self.date = Some((caption.to_owned(), chinese_date(date)));
        self
    }

    /// Shows the date without a field to change it, saying `why`.
    #[must_use]
    pub fn date_fixed(mut self, why: String) -> Self {
        self.date_fixed = Some(why);
        self
    }

    /// Takes a date outside `from..=to` with a warning beside it.
    #[must_use]
    pub fn date_usually_between(mut self, from: NaiveDate, to: NaiveDate) -> Self {
        self.usual = Some((from, to));
        self
    }

    /// Takes no date before `earliest`, saying `why` under the field.
    #[must_use]
    pub fn date_not_before(mut self, earliest: NaiveDate, why: &str) -> Self {
        self.earliest = Some((earliest, why.to_owned()));
        self
    }

    /// Says under the title what the file should hold.
    #[must_use]
    pub fn with_note(mut self, note: String) -> Self {
        self.note = Some(note);
        self
    }

    /// Warns under the title (in the warning colour) of what the file will not be.
    #[must_use]
    pub fn with_warning(mut self, warning: String) -> Self {
        self.warning = Some(warning);
        self
    }

    /// Takes only the files clicked (or the one typed), never every file of a folder.
    #[must_use]
    pub fn chosen_files_only(mut self) -> Self {
        self.is_chosen_only = true;
        self
    }

    /// The date typed, when asked for and valid.
    #[must_use]
    pub fn date(&self) -> Option<NaiveDate> {
        self.date
            .as_ref()
            .and_then(|(_, text)| parse_date(text))
            .filter(|date| {
                self.earliest
                    .as_ref()
                    .is_none_or(|(earliest, _)| date >= earliest)
            })
    }

    /// Draws the chooser of one file or folder.
    pub fn show(&mut self, ctx: &egui::Context) -> PickOutcome {
        match self.draw(ctx) {
            Pressed::Nothing => PickOutcome::Open,
            Pressed::Cancel => PickOutcome::Cancelled,
            // The line under the date field says what is wrong with it.
            Pressed::Confirm if self.date.is_some() && self.date().is_none() => PickOutcome::Open,
            Pressed::Confirm => {
                let outcome = self.choose();
                if let PickOutcome::Chosen(path) = &outcome {
                    remember(self.mode, path);
                }
                outcome
            }
        }
    }

    /// Draws the chooser of several files ([`PickMode::OpenFiles`]): the files clicked, else the
    /// file typed, else every matching file of the folder shown.
    pub fn show_many(&mut self, ctx: &egui::Context) -> PickManyOutcome {
        match self.draw(ctx) {
            Pressed::Nothing => PickManyOutcome::Open,
            Pressed::Cancel => PickManyOutcome::Cancelled,
            Pressed::Confirm => {
                let outcome = self.choose_many();
                if let PickManyOutcome::Chosen(paths) = &outcome
                    && let Some(first) = paths.first()
                {
                    remember(self.mode, first);
                }
                outcome
            }
        }
    }

    fn draw(&mut self, ctx: &egui::Context) -> Pressed {
        let mut pressed = Pressed::Nothing;
        let mut enter = None;
        let is_many = matches!(self.mode, PickMode::OpenFiles(_));
        super::steady_modal::top_anchored(ctx, egui::Id::unique("file_picker")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&self.title);
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
                // Enter on a typed folder opens it, as in the system's own dialogs, and on a
                // typed file chooses it; on a path that is not there it says so at once, and the folder listed stays named as
                // the one listed.
                let typed = PathBuf::from(self.path_text.trim());
                if crate::ui::enter_key::pressed_in(ui, &path_field)
                {
                    if typed.is_dir() {
                        enter = Some(typed);
                    } else if typed.is_file() && self.mode != PickMode::Folder {
                        // A whole file path typed or pasted: Enter chooses it, as 确定 does.
                        pressed = Pressed::Confirm;
                    } else if !typed.as_os_str().is_empty() && !typed.exists() {
                        self.error = Some(format!(
                            "找不到“{}”，下面列出的仍是：{}",
                            typed.display(),
                            self.folder.display()
                        ));
                    }
                }
                if ui.button("上一级").clicked() {
                    enter = self.parent_folder();
                }
            });
            if self.mode == PickMode::Folder {
                self.new_folder_row(ui);
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
                        if response.double_clicked() && *is_dir {
                            enter = Some(self.folder.join(name));
                        } else if response.double_clicked() {
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
                ui.horizontal(|ui| {
                    let label = ui.label(caption.as_str());
                    ui.add(egui::TextEdit::singleline(text).desired_width(140.0))
                        .labelled_by(label.id);
                });
                // Under the field, wrapped: a long warning does not widen the dialog.
                ui.horizontal_wrapped(|ui| {
                    let too_early = self.earliest.as_ref().filter(|(earliest, _)| {
                        parse_date(text).is_some_and(|date| date < *earliest)
                    });
                    match parse_date(text) {
                        Some(_) if too_early.is_some() => ui.colored_label(
                            ui.visuals().error_fg_color,
                            too_early.map_or("", |(_, why)| why.as_str()),
                        ),
                        Some(date) => match self.usual {
                            Some((from, to)) if date < from || date > to => ui.colored_label(
                                ui.visuals().warn_fg_color,
                                format!(
                                    "{}（通常在 {} 至 {} 之间，请确认没有写错）",
                                    chinese_date(date),
                                    chinese_date(from),
                                    chinese_date(to)
                                ),
                            ),
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
            // Esc is 取消, as in the other dialogs; with a new folder's name open, it closes
            // that first.
            if pressed == Pressed::Nothing
                && ui.input(|i| i.key_pressed(egui::Key::Escape))
                && self.new_folder.take().is_none()
            {
                pressed = Pressed::Cancel;
            }
            // Under the buttons, so that they keep their place as a message comes and goes.
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
        });
        if let Some(folder) = enter {
            self.enter(folder);
        }
        pressed
    }

    fn choose_many(&mut self) -> PickManyOutcome {
        let exts = self.mode.extensions().unwrap_or(&[]);
        if !self.selected.is_empty() {
            let files = self
                .entries
                .iter()
                .filter(|(name, is_dir)| !is_dir && self.selected.contains(name))
                .map(|(name, _)| self.folder.join(name))
                .collect();
            return PickManyOutcome::Chosen(files);
        }
        let path = PathBuf::from(self.path_text.trim());
        if path.is_file() && has_extension(&path.to_string_lossy(), exts) {
            return PickManyOutcome::Chosen(vec![path]);
        }
        if self.is_chosen_only && path.is_dir() && path == self.folder {
            self.error = Some("请点选文件（可选多个）".to_owned());
            return PickManyOutcome::Open;
        }
        if !path.is_dir() {
            self.error = Some(missing_or(
                &path,
                "文件或文件夹不存在",
                "请选择文件，或一个已存在的文件夹",
            ));
            return PickManyOutcome::Open;
        }
        if path != self.folder {
            // A folder typed in is opened first, so its files can be seen before importing them all.
            self.enter(path);
            return PickManyOutcome::Open;
        }
        match crate::io::files::files_in(&path, exts) {
            Ok(files) if !files.is_empty() => PickManyOutcome::Chosen(files),
            Ok(_) => {
                self.error = Some(format!(
                    "文件夹中没有 {} 文件：{}",
                    exts.join("、"),
                    path.display()
                ));
                PickManyOutcome::Open
            }
            Err(error) => {
                self.error = Some(unreadable_folder(&error, &path));
                PickManyOutcome::Open
            }
        }
    }

    fn choose(&mut self) -> PickOutcome {
        let path = PathBuf::from(self.path_text.trim());
        match self.mode {
            PickMode::Folder if path.is_dir() => PickOutcome::Chosen(path),
            PickMode::Folder => {
                self.error = Some(missing_or(
                    &path,
                    "文件夹不存在",
                    "请选择一个已存在的文件夹",
                ));
                PickOutcome::Open
            }
            PickMode::OpenFile(_) if path.is_dir() => {
                self.enter(path);
                PickOutcome::Open
            }
            PickMode::OpenFile(exts)
                if path.is_file() && has_extension(&path.to_string_lossy(), exts) =>
            {
                PickOutcome::Chosen(path)
            }
            PickMode::OpenFile(exts) | PickMode::OpenFiles(exts) => {
                self.error = Some(missing_or(
                    &path,
                    "文件不存在",
                    &format!("请选择一个 {} 文件", exts.join("、")),
                ));
                PickOutcome::Open
            }
        }
    }
}

/// "`missing`：path" when a path was typed and nothing is there, else `otherwise`.
fn missing_or(path: &Path, missing: &str, otherwise: &str) -> String {
    if path.as_os_str().is_empty() || path.exists() {
        otherwise.to_owned()
    } else {
        format!("{missing}：{}", path.display())
    }
}

impl PickMode {
    /// The extensions of the files shown, or `None` for folders only.
    fn extensions(self) -> Option<&'static [&'static str]> {
        match self {
            Self::OpenFile(exts) | Self::OpenFiles(exts) => Some(exts),
            Self::Folder => None,
        }
    }
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    let lower = name.to_lowercase();
    extensions
        .iter()
        .any(|ext| lower.ends_with(&format!(".{ext}")))
}

#[path = "file_picker_folders.rs"]
mod folders;

#[cfg(test)]
#[path = "file_picker_tests.rs"]
mod tests;
