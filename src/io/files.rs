//! Writing output files safely: names cleaned so they stay inside the chosen folder, and bytes
//! written to a temporary name and renamed, so an interrupted write never leaves a half file
//! under a final name.

use std::io::Write as _;
use std::path::Path;

/// A file name with anything unsafe replaced: path separators, reserved characters, control
/// characters and leading dots, so `a/../b` stays one name inside its folder.
#[must_use]
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || matches!(c, '/' | '\\' | ':' | '*' | '?' | '"' | '<' | '>' | '|') {
                '_'
            } else {
                c
            }
        })
        .collect();
    let trimmed = cleaned.trim_matches(|c: char| c == '.' || c.is_whitespace());
    let limited: String = trimmed.chars().take(120).collect();
    if limited.is_empty() {
        "未命名".to_owned()
    } else {
        limited
    }
}

/// Writes `bytes` to a temporary name beside `path`, syncs them to disk, then renames the file
/// into place. Errors come back with a Chinese explanation (see [`explain`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let file_name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    let temp = path.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    let written = (|| {
        let mut file = std::fs::File::create(&temp)?;
        file.write_all(bytes)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, path)
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written.map_err(explain)
}

/// The same error with a clerk-readable Chinese reason in front of the system's message:
/// a full disk, a read-only file or folder, a missing folder.
#[must_use]
pub fn explain(error: std::io::Error) -> std::io::Error {
    use std::io::ErrorKind;
    let reason = match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘空间不足",
        ErrorKind::PermissionDenied => "没有写入权限，文件或文件夹可能是只读的",
        ErrorKind::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        ErrorKind::NotFound => "文件夹不存在",
        ErrorKind::FileTooLarge => "文件过大",
        _ => return error,
    };
    std::io::Error::new(error.kind(), format!("{reason}：{error}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsafe_names_stay_one_name() {
        assert_eq!(safe_file_name("2025-001-a/../b.pdf"), "2025-001-a_.._b.pdf");
        assert_eq!(safe_file_name("../../etc"), "_.._etc");
        assert_eq!(safe_file_name("  .. "), "未命名");
        assert_eq!(safe_file_name("响嘡街道\n"), "响嘡街道_");
    }

    #[test]
    fn a_missing_folder_is_explained_in_chinese_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("无此文件夹").join("out.pdf");
        let error = write_atomically(&path, b"%PDF-1.7").unwrap_err();
        assert!(error.to_string().starts_with("文件夹不存在"), "{error}");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_full_disk_is_explained_in_chinese() {
        // /dev/full accepts opening and refuses every write with ENOSPC.
        let mut file = std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap();
        let error = explain(
            file.write_all(&[0; 4096])
                .and_then(|()| file.sync_all())
                .unwrap_err(),
        );
        assert!(error.to_string().starts_with("磁盘空间不足"), "{error}");
    }

    #[test]
    fn atomic_write_leaves_only_the_final_file() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.pdf");
        write_atomically(&path, b"%PDF-1.7").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"%PDF-1.7");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
