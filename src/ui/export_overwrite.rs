//! The question before an export replaces files already in the chosen folder: how many, the
//! first of them by name, then 替换并导出 or 取消. An export into a folder without such files
//! starts at once.

use std::path::{Path, PathBuf};

/// An export waiting for the clerk to agree to replace files of the same names.
#[derive(Debug, Clone)]
pub struct ExportOverwrite {
    /// The agreements to export.
    pub ids: Vec<i64>,
    /// The folder chosen.
    pub folder: PathBuf,
    /// The names of the files there that the export would replace.
    existing: Vec<String>,
}

impl ExportOverwrite {
    /// The question for exporting `ids` under `names` into `folder`; `None` when no file of
    /// those names is there (nothing to ask).
    #[must_use]
    pub fn needed(ids: Vec<i64>, folder: PathBuf, names: &[String]) -> Option<Self> {
        let existing: Vec<String> = (names.iter())
            .filter(|name| folder.join(name).exists())
            .cloned()
            .collect();
        (!existing.is_empty()).then_some(Self {
            ids,
            folder,
            existing,
        })
    }

    /// Draws the question; `Some(true)` to export, `Some(false)` to leave it, `None` while it
    /// waits.
    pub fn show(&self, ctx: &egui::Context) -> Option<bool> {
        crate::ui::confirm::ask_cancel_first(ctx, "export_overwrite", "替换并导出", |ui| {
            ui.heading("替换已有的文件？");
            let first = self.existing.first().map_or("", String::as_str);
            ui.label(match self.existing.len() {
                1 => format!("文件夹中已有同名的 PDF“{first}”，导出会用新生成的文件替换它"),
                count => format!(
                    "文件夹中已有 {count} 个同名的 PDF（如“{first}”），导出会用新生成的文件替换它们"
                ),
            });
            ui.label(format!("文件夹：{}", shown(&self.folder)));
            ui.label("如需保留旧文件，请取消后另选一个文件夹，或先把旧文件移走");
        })
    }
}

fn shown(folder: &Path) -> String {
    std::path::absolute(folder)
        .unwrap_or_else(|_| folder.to_owned())
        .display()
        .to_string()
}
