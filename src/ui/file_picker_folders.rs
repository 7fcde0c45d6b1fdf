//! The chooser's folders: listing one, going up, making a new one inside it, and the message
//! when one cannot be read.

use std::path::{Path, PathBuf};

use super::{FilePicker, PickMode, has_extension, is_old_sheet};

impl FilePicker {
    pub(super) fn enter(&mut self, folder: PathBuf) {
        let read = match std::fs::read_dir(&folder) {
            Ok(read) => read,
            Err(error) => {
                self.error = Some(unreadable_folder(&error, &folder));
                return;
            }
        };
        super::set_last_folder(self.mode, &self.title, &folder, self.apart);
        let mut entries: Vec<(String, bool)> = read
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let is_dir = entry.file_type().ok()?.is_dir();
                // Choosing a folder, its files are listed too (greyed), so the clerk sees
                // what is there already.
                let shown = !name.starts_with('.')
                    && (is_dir
                        || self.mode == PickMode::Folder
                        || self.mode.extensions().is_some_and(|exts| {
                            has_extension(&name, exts) || is_old_sheet(&name, exts)
                        }));
                shown.then_some((name, is_dir))
            })
            .collect();
        // Folders first; names as the pages of a scan are ordered ("扫描2" before "扫描10"),
        // the order a multi-image scan is filed in.
        entries.sort_by(|a, b| {
            (b.1.cmp(&a.1)).then_with(|| crate::workflow::signed_copy::page_order(&a.0, &b.0))
        });
        // Files under an old workbook's name, told by their content: an .xlsx inside, or a
        // text table. Looked at once here, not at every frame the list is drawn.
        self.renamed_workbooks.clear();
        self.text_tables.clear();
        let old_named = (entries.iter()).filter(|(name, is_dir)| {
            !is_dir && (self.mode.extensions()).is_some_and(|exts| is_old_sheet(name, exts))
        });
        for (name, _) in old_named {
            let path = folder.join(name);
            if crate::io::table::is_zip_workbook(&path) {
                self.renamed_workbooks.insert(name.clone());
            } else if crate::io::table::is_text_table(&path) {
                self.text_tables.insert(name.clone());
            }
        }
        self.entries = entries;
        self.path_text = folder.display().to_string();
        self.folder = folder;
        self.selected.clear();
        self.error = None;
        self.offer = None;
        self.to_top = true;
    }

    /// The folder 上一级 goes to: above the path typed into the field (a folder, or the folder
    /// of a file), else above the folder listed; `None` with a message when the typed path is
    /// not there, or at the top of the disk.
    pub(super) fn parent_folder(&mut self) -> Option<PathBuf> {
        let typed = super::typed_path(&self.path_text);
        let from = if typed.as_os_str().is_empty() {
            self.folder.clone()
        } else {
            // Relative to the working folder, as the other path checks take it.
            let typed = std::path::absolute(&typed).unwrap_or(typed);
            if typed.is_dir() {
                typed
            } else if typed.is_file() {
                // A file clicked in the list or typed: up from the folder it is in.
                typed
                    .parent()
                    .map_or_else(|| self.folder.clone(), Path::to_path_buf)
            } else {
                self.error = Some(format!(
                    "路径中的文件夹不存在，无法转到上一级：{}",
                    typed.display()
                ));
                return None;
            }
        };
        match from.parent() {
            Some(parent) => Some(parent.to_path_buf()),
            // Already at the top: show it (it may be a typed folder not listed yet).
            None if from != self.folder => Some(from),
            None => None,
        }
    }

    /// Makes the folder named in the 新建文件夹 field inside the folder listed and opens it; a
    /// name that is empty, holds a path separator or is taken is refused in Chinese.
    fn make_folder(&mut self) {
        let name = self
            .new_folder
            .as_deref()
            .unwrap_or_default()
            .trim()
            .to_owned();
        let refusal = if name.is_empty() {
            Some("请填写新文件夹的名称".to_owned())
        } else if name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])
            || name == "."
            || name == ".."
        {
            Some("文件夹名称不能含有 / \\ : * ? \" < > | 等字符".to_owned())
        } else if self.folder.join(&name).exists() {
            Some(format!("已有同名的文件或文件夹：{name}"))
        } else {
            None
        };
        if let Some(refusal) = refusal {
            self.error = Some(refusal);
            return;
        }
        let folder = self.folder.join(&name);
        match std::fs::create_dir(&folder) {
            Ok(()) => {
                self.new_folder = None;
                self.enter(folder);
                // The keyboard to 路径, which names the new folder: Enter there chooses it.
                self.focus = Some(super::Field::Path);
            }
            Err(error) => {
                self.error = Some(format!(
                    "无法新建文件夹（{}）：{}",
                    crate::io::files::reason(&error),
                    folder.display()
                ));
            }
        }
    }

    /// 新建文件夹: a button, then a name field to make the folder inside the one listed; true
    /// when Enter in that field made it this frame (the Enter is not also 确定).
    pub(super) fn new_folder_row(&mut self, ui: &mut egui::Ui) -> bool {
        ui.horizontal(|ui| {
            let Some(name) = &mut self.new_folder else {
                if ui.button("新建文件夹…").clicked() {
                    self.new_folder = Some(String::new());
                    self.focus = Some(super::Field::NewFolder);
                }
                return false;
            };
            let label = ui.label("新文件夹名称");
            let field = ui
                .add(egui::TextEdit::singleline(name).desired_width(200.0))
                .labelled_by(label.id);
            // Opened just now: the name is typed straight away.
            if self.focus == Some(super::Field::NewFolder) {
                self.focus = None;
                field.request_focus();
            }
            let entered = crate::ui::enter_key::pressed_in(ui, &field);
            if ui.button("新建").clicked() || entered {
                self.make_folder();
            }
            if ui.button("不新建").clicked() {
                self.new_folder = None;
                self.error = None;
                self.offer = None;
            }
            entered
        })
        .inner
    }
}

/// "无法打开文件夹（reason）：path", the reason in Chinese rather than the system's English.
pub(super) fn unreadable_folder(error: &std::io::Error, folder: &Path) -> String {
    format!(
        "无法打开文件夹（{}）：{}",
        crate::io::files::reason(error),
        folder.display()
    )
}
