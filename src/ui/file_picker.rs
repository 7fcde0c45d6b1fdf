//! A small file chooser drawn with egui: browse folders, pick a file (or a folder to save into,
//! made there if need be), several files (clicked one by one) or every matching file of a
//! folder, or type a path. Used for scans (several files, never a whole folder), exports and
//! imports.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::document::notice::chinese_date;
use crate::model::dates::parse_date;
use folders::unreadable_folder;
use paths::missing_or;
pub(super) use paths::{file_not_folder, typed_path};
#[cfg(test)]
use remembered::LAST_FOLDERS;
use remembered::{Apart, remember, set_last_folder, start_folder};
pub use remembered::{left_in_previous_run, open_where_left, where_each_was_left, where_left};

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
    /// The year of the notice and the day its results were published, when they are (see
    /// [`Self::published_on`]).
    published_on: Option<(i32, NaiveDate)>,
    /// Whether the folder chosen is this chooser's own (see [`Self::keeps_folder_apart`]).
    apart: Apart,
    /// Why the date cannot be changed (a notice already issued keeps its date): shown instead
    /// of the field.
    date_fixed: Option<String>,
    /// Why an unusual date is asked about once more before it is taken (a published year's
    /// first notice fixes its date for good), and the date 确定 was last pressed on: pressed
    /// again on the same date, it is taken.
    unusual_asked: Option<(String, Option<NaiveDate>)>,
    /// The height the note under the date took before 确定 asked about the date: kept while
    /// the question stands, so that 确定 stays where it was clicked for the second time.
    date_note_height: f32,
    /// The year the date is expected in and what says so (the 发文字号's year): a date of
    /// another year is taken with a warning beside it.
    expected_year: Option<(i32, String)>,
    /// A line under the title saying what the file should hold (an import's columns).
    note: Option<String>,
    /// A caveat shown under the title in the warning colour (what the file will not be).
    warning: Option<String>,
    /// In [`PickMode::OpenFiles`]: only files clicked or typed count, never a whole folder
    /// (a scan's pages, where a folder may hold other agreements' scans).
    is_chosen_only: bool,
    /// The name typed for a new folder, while 新建文件夹 is open ([`PickMode::Folder`] only).
    new_folder: Option<String>,
    /// The field that takes the keyboard when next drawn, if one was just opened.
    focus: Option<Field>,
    error: Option<String>,
    /// What is offered about the path typed (a folder not there yet, to be made), said under
    /// the buttons as the error is, but not as one.
    offer: Option<String>,
    /// A folder was just entered: its list starts at the top, not where another was left.
    to_top: bool,
    /// The files of the folder listed named as an older spreadsheet (.xls, .et) that are
    /// .xlsx workbooks inside (a web system's export, say): taken as they are, as the
    /// commands take them.
    renamed_workbooks: std::collections::HashSet<String>,
    /// The files named as an older spreadsheet that are text tables inside (a CSV saved
    /// under .xls): said for what they are, not as an old workbook.
    text_tables: std::collections::HashSet<String>,
}

/// A field of the chooser that takes the keyboard as it opens.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    /// The 路径 field, as the chooser opens, its text selected: a path typed goes there (and
    /// Enter there opens it, never 确定 by itself).
    Path,
    /// The new folder's name, as 新建文件夹 opens it.
    NewFolder,
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

/// "，考核结果于 … 通报" when the day the results were `published_on` (with the notice's year)
/// is why `date` is out of the usual dates, else nothing.
fn published_note(published_on: Option<(i32, NaiveDate)>, date: NaiveDate) -> String {
    published_on.map_or_else(String::new, |(year, day)| {
        crate::workflow::notice::published_note(year, Some(day), date)
    })
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
            published_on: None,
            apart: Apart::default(),
            unusual_asked: None,
            date_note_height: 0.0,
            expected_year: None,
            note: None,
            warning: None,
            is_chosen_only: false,
            new_folder: None,
            focus: Some(Field::Path),
            error: None,
            offer: None,
            renamed_workbooks: std::collections::HashSet::new(),
            text_tables: std::collections::HashSet::new(),
            to_top: true,
        };
        picker.enter(start_folder(mode, title));
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

    /// Opens in `folder`, the one used last (a USB drive backed up into), as
    /// [`Self::starting_in`] does; one no longer there (the drive pulled out) is said to be
    /// gone.
    #[must_use]
    pub fn starting_where_left(mut self, folder: &Path) -> Self {
        if !folder.is_dir() {
            self.warning = Some(format!(
                "上次使用的文件夹已不存在（如是 U 盘，请检查是否已插好）：{}",
                folder.display()
            ));
        }
        self.starting_in(folder)
    }

    /// Opens in `left`, the folder used last, when it is there; else in `fallback` (the
    /// automatic backups), saying that `left` is gone (a USB drive pulled out).
    #[must_use]
    pub fn starting_where_left_or(self, left: &Path, fallback: &Path) -> Self {
        if left.is_dir() {
            self.starting_in(left)
        } else {
            self.starting_where_left(left).starting_in(fallback)
        }
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

    /// Keeps the folder chosen for this chooser alone: others not used yet do not open there
    /// (a backup's USB stick is no place for exported agreements).
    #[must_use]
    pub fn keeps_folder_apart(mut self) -> Self {
        self.apart = Apart(true);
        self
    }

    /// The day the results were published, said when a date is long before it
    /// (see [`crate::workflow::notice::published_note`]).
    #[must_use]
    pub fn published_on(mut self, year: i32, day: Option<NaiveDate>) -> Self {
        self.published_on = day.map(|day| (year, day));
        self
    }

    /// Takes a date outside the usual ones (see [`Self::date_usually_between`]) only at a
    /// second 确定, the first saying the warning again with `why` (what the date is for).
    #[must_use]
    pub fn unusual_date_asked(mut self, why: String) -> Self {
        self.unusual_asked = Some((why, None));
        self
    }

    /// Takes a date outside `year` with a warning beside it naming `what` says that year.
    #[must_use]
    pub fn date_in_year(mut self, year: i32, what: String) -> Self {
        self.expected_year = Some((year, what));
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
            Pressed::Confirm if self.asks_about_date() => PickOutcome::Open,
            Pressed::Confirm => {
                let outcome = self.choose();
                if let PickOutcome::Chosen(path) = &outcome {
                    remember(self.mode, &self.title, path, self.apart);
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
                    remember(self.mode, &self.title, first, self.apart);
                }
                outcome
            }
        }
    }

    /// True at a first 确定 on a date outside the usual ones when such a date is asked about
    /// ([`Self::unusual_date_asked`]): the question is put under the buttons, a second 确定
    /// on the same date takes it.
    fn asks_about_date(&mut self) -> bool {
        let (Some(date), Some((from, to))) = (self.date(), self.usual) else {
            return false;
        };
        let published = published_note(self.published_on, date);
        let Some((why, pressed_on)) = &mut self.unusual_asked else {
            return false;
        };
        let other_year = dialog::other_year(self.expected_year.as_ref(), date);
        if ((from..=to).contains(&date) && other_year.is_none()) || *pressed_on == Some(date) {
            return false;
        }
        *pressed_on = Some(date);
        self.error = Some(if (from..=to).contains(&date) {
            // In the usual days but not in the year its number says: one of the two is wrong.
            // Begun as every question about the date is, so that retyping the date takes it
            // away (see the dialog).
            format!(
                "成文日期{}；{why}。日期无误请再点“确定”",
                other_year.unwrap_or_default()
            )
        } else {
            // Both said when both hold: the 发文字号's year too.
            let also = other_year
                .map(|other| format!("；又，{other}"))
                .unwrap_or_default();
            format!(
                "成文日期{}不在通常的 {} 至 {} 之间{}{also}；{why}。日期无误请再点“确定”",
                chinese_date(date),
                chinese_date(from),
                chinese_date(to),
                published
            )
        });
        true
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
        let path = typed_path(&self.path_text);
        if path.is_file() && is_wanted_file(&path, exts) {
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
        // The workbooks under an older sheet's name go with the rest, as one chosen alone does.
        let files = crate::io::files::files_in(&path, exts).map(|mut files| {
            files.extend(self.renamed_workbooks.iter().map(|name| path.join(name)));
            files.sort();
            files
        });
        match files {
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
        let path = typed_path(&self.path_text);
        match self.mode {
            // Every folder chosen here is saved into: one that cannot be written is said
            // now, with the dialog (and the date typed in it) still open.
            PickMode::Folder if path.is_dir() => match crate::io::files::check_writable(&path) {
                Ok(()) => PickOutcome::Chosen(path),
                Err(error) => {
                    self.error = Some(format!(
                        "不能保存到这个文件夹（{}）：{}，请另选文件夹",
                        crate::io::files::reason(&error),
                        path.display()
                    ));
                    PickOutcome::Open
                }
            },
            // Its folder listed, as Enter lists it, so that the next 确定 saves there.
            PickMode::Folder if path.is_file() => {
                if let Some(folder) = path.parent() {
                    self.enter(folder.to_path_buf());
                }
                self.error = Some(file_not_folder(&path));
                PickOutcome::Open
            }
            PickMode::Folder => {
                self.error = Some(missing_or(
                    &path,
                    "文件夹不存在",
                    "请选择一个已存在的文件夹",
                ));
                PickOutcome::Open
            }
            // 确定 with no file clicked, the folder shown in the path: said, not passed over.
            PickMode::OpenFile(exts) if path.is_dir() && path == self.folder => {
                // As the kinds are named elsewhere: "PDF", "XLSX"; a database by its ending.
                let kinds: Vec<String> = (exts.iter())
                    .map(|e| match *e {
                        "pdf" | "xlsx" | "csv" => e.to_uppercase(),
                        other => format!(".{other}"),
                    })
                    .collect();
                self.error = Some(format!("请点选一个 {} 文件", kinds.join("、")));
                PickOutcome::Open
            }
            PickMode::OpenFile(_) if path.is_dir() => {
                self.enter(path);
                PickOutcome::Open
            }
            PickMode::OpenFile(exts) if path.is_file() && is_wanted_file(&path, exts) => {
                PickOutcome::Chosen(path)
            }
            PickMode::OpenFile(exts) | PickMode::OpenFiles(exts)
                if path.is_file() && is_old_sheet(&path.to_string_lossy(), exts) =>
            {
                self.error = Some(OLD_SHEET.to_owned());
                PickOutcome::Open
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

/// True for a file of `extensions`, or a workbook under an older spreadsheet's name where
/// .xlsx is wanted (read as the .xlsx it is).
fn is_wanted_file(path: &Path, extensions: &[&str]) -> bool {
    let name = path.to_string_lossy();
    has_extension(&name, extensions)
        || (is_old_sheet(&name, extensions) && crate::io::table::is_zip_workbook(path))
}

/// True for a spreadsheet of an older format (.xls, WPS's .et) where .xlsx is wanted: listed
/// greyed, with what to do, rather than hidden as if the folder had none.
fn is_old_sheet(name: &str, extensions: &[&str]) -> bool {
    extensions.contains(&"xlsx") && has_extension(name, &["xls", "et"])
}

/// What to do with a spreadsheet of an older format.
const OLD_SHEET: &str =
    "旧版表格格式（.xls、.et）不能直接导入：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再选择";

#[path = "file_picker_dialog.rs"]
mod dialog;
#[path = "file_picker_folders.rs"]
mod folders;
#[path = "file_picker_paths.rs"]
mod paths;
#[path = "file_picker_remembered.rs"]
mod remembered;

#[cfg(test)]
#[path = "file_picker_tests.rs"]
mod tests;
