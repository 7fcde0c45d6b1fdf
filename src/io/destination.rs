//! Where an output file is to go, checked before any work is done: the path must not be a
//! folder, and its folder must exist, be a folder and take a new file. A command writing
//! several files checks them all first, so a refused one leaves nothing half done.

use std::path::{Path, PathBuf};

/// Why an output file cannot go where it was asked to, worded for a clerk.
#[derive(Debug, thiserror::Error)]
pub enum DestinationError {
    /// The path names a folder, not a file.
    #[error("这是一个文件夹，不是文件：{0}（请写出要保存的文件名）")]
    IsAFolder(PathBuf),
    /// The folder the file is to go into is not there.
    #[error("要写入的文件夹不存在：{0}（请先建立这个文件夹，或换一个已有的文件夹）")]
    MissingFolder(PathBuf),
    /// What should be the file's folder is a file.
    #[error("这是一个文件，不是文件夹：{0}")]
    FolderIsAFile(PathBuf),
    /// The folder does not take new files (read-only, no permission, full).
    #[error("无法在此文件夹中写入文件（{reason}）：{folder}")]
    CannotWrite {
        /// Why, in Chinese.
        reason: String,
        /// The folder.
        folder: PathBuf,
    },
}

/// The folder a file path is in ("." for a bare name).
#[must_use]
pub fn folder_of(path: &Path) -> &Path {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."))
}

/// Checks that a file can be written at `path`, without writing it: a probe file is made in
/// its folder and removed again.
pub fn check_file_destination(path: &Path) -> Result<(), DestinationError> {
    if path.is_dir() {
        return Err(DestinationError::IsAFolder(path.to_owned()));
    }
    let folder = folder_of(path);
    if !folder.is_dir() {
        return Err(if folder.exists() {
            DestinationError::FolderIsAFile(folder.to_owned())
        } else {
            DestinationError::MissingFolder(folder.to_owned())
        });
    }
    let probe = folder.join(format!(".zerenshu-probe-{}", std::process::id()));
    match std::fs::write(&probe, b"") {
        Ok(()) => {
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        Err(error) => Err(DestinationError::CannotWrite {
            reason: super::files::reason(&error),
            folder: folder.to_owned(),
        }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_wrong_place_is_named_and_nothing_is_left() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("通报.pdf");
        std::fs::write(&file, b"x").unwrap();
        assert!(check_file_destination(&dir.path().join("新.pdf")).is_ok());
        assert!(
            check_file_destination(&file).is_ok(),
            "replacing a file is allowed"
        );
        assert!(matches!(
            check_file_destination(dir.path()),
            Err(DestinationError::IsAFolder(_))
        ));
        assert!(matches!(
            check_file_destination(&dir.path().join("无此文件夹").join("x.xlsx")),
            Err(DestinationError::MissingFolder(_))
        ));
        assert!(matches!(
            check_file_destination(&file.join("x.xlsx")),
            Err(DestinationError::FolderIsAFile(_))
        ));
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }
}
