//! Paths as typed in the chooser's 路径 field: "~" read as the home folder, and what is said
//! when a file is typed where a folder is asked for, or nothing is at the path typed.

use std::path::{Path, PathBuf};

/// Said when a file is typed where a folder to save into is asked for.
#[must_use]
pub(in crate::ui) fn file_not_folder(path: &Path) -> String {
    format!(
        "“{}”是文件，不是文件夹：请选择要保存到的文件夹（下面列出的是它所在的文件夹，点“确定”即保存到其中）",
        path.display()
    )
}

/// "`missing`：path" when a path was typed and nothing is there, else `otherwise`.
pub(super) fn missing_or(path: &Path, missing: &str, otherwise: &str) -> String {
    if path.as_os_str().is_empty() || path.exists() {
        otherwise.to_owned()
    } else {
        format!("{missing}：{}", path.display())
    }
}

/// The path typed in 路径 (`text`): trimmed, a leading "~" read as the home folder, as shells
/// read it (not taken for a new folder named "~").
pub(in crate::ui) fn typed_path(text: &str) -> PathBuf {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix('~')
        && (rest.is_empty() || rest.starts_with(['/', '\\']))
        && let Some(dirs) = directories::UserDirs::new()
    {
        return dirs.home_dir().join(rest.trim_start_matches(['/', '\\']));
    }
    PathBuf::from(text)
}
