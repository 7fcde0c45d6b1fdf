//! A small file chooser drawn with egui: browse folders, pick a file (or a folder to save into),
//! or type a path. Used for scans, exports and imports.

use std::path::{Path, PathBuf};

/// Whether the chooser opens a file or picks a folder.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PickMode {
    /// Choose an existing file with one of the extensions.
    OpenFile(&'static [&'static str]),
    /// Choose a folder.
    Folder,
}

/// An open chooser.
#[derive(Debug, Clone)]
pub struct FilePicker {
    title: String,
    mode: PickMode,
    folder: PathBuf,
    path_text: String,
    entries: Vec<(String, bool)>,
    error: Option<String>,
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

fn start_folder() -> PathBuf {
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
            error: None,
        };
        picker.enter(start_folder());
        picker
    }

    fn enter(&mut self, folder: PathBuf) {
        let read = std::fs::read_dir(&folder);
        let Ok(read) = read else {
            self.error = Some(format!("无法打开文件夹：{}", folder.display()));
            return;
        };
        let mut entries: Vec<(String, bool)> = read
            .filter_map(Result::ok)
            .filter_map(|entry| {
                let name = entry.file_name().into_string().ok()?;
                let is_dir = entry.file_type().ok()?.is_dir();
                let shown = !name.starts_with('.')
                    && (is_dir || matches!(self.mode, PickMode::OpenFile(exts) if has_extension(&name, exts)));
                shown.then_some((name, is_dir))
            })
            .collect();
        entries.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        self.entries = entries;
        self.path_text = folder.display().to_string();
        self.folder = folder;
        self.error = None;
    }

    /// Draws the chooser.
    pub fn show(&mut self, ctx: &egui::Context) -> PickOutcome {
        let mut outcome = PickOutcome::Open;
        let mut enter = None;
        egui::Modal::new(egui::Id::unique("file_picker")).show(ctx, |ui| {
            ui.set_width(560.0);
            ui.heading(&self.title);
            ui.horizontal(|ui| {
                let label = ui.label("路径");
                ui.add(egui::TextEdit::singleline(&mut self.path_text).desired_width(420.0))
                    .labelled_by(label.id);
                if ui.button("上一级").clicked() {
                    enter = self.folder.parent().map(Path::to_path_buf);
                }
            });
            egui::ScrollArea::vertical()
                .max_height(300.0)
                .show(ui, |ui| {
                    ui.set_min_width(540.0);
                    for (name, is_dir) in &self.entries {
                        let text = if *is_dir {
                            format!("{name}/")
                        } else {
                            name.clone()
                        };
                        let response = ui.selectable_label(false, text);
                        if response.double_clicked() && *is_dir {
                            enter = Some(self.folder.join(name));
                        } else if response.clicked() {
                            self.path_text = self.folder.join(name).display().to_string();
                        }
                    }
                });
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
            ui.horizontal(|ui| {
                if ui.button("确定").clicked() {
                    outcome = self.choose();
                }
                if ui.button("取消").clicked() {
                    outcome = PickOutcome::Cancelled;
                }
            });
        });
        if let Some(folder) = enter {
            self.enter(folder);
        }
        outcome
    }

    fn choose(&mut self) -> PickOutcome {
        let path = PathBuf::from(self.path_text.trim());
        match self.mode {
            PickMode::Folder if path.is_dir() => PickOutcome::Chosen(path),
            PickMode::Folder => {
                self.error = Some("请选择一个已存在的文件夹".to_owned());
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
            PickMode::OpenFile(exts) => {
                self.error = Some(format!("请选择一个 {} 文件", exts.join("、")));
                PickOutcome::Open
            }
        }
    }
}

fn has_extension(name: &str, extensions: &[&str]) -> bool {
    let lower = name.to_lowercase();
    extensions
        .iter()
        .any(|ext| lower.ends_with(&format!(".{ext}")))
}
