//! Where an output file is to go, checked before any work is done: the path must not be a
//! folder, and its folder must exist, be a folder and take a new file; it must have the
//! extension of what is written, and never be the database or one of the files SQLite and the
//! lock keep beside it. A command writing several files checks them all first, so a refused
//! one leaves nothing half done.

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
    /// The path is the database or a file that belongs to it.
    #[error(
        "这是数据库文件（或数据库旁属于它的文件），不能用来保存导出的内容：{0}（请另写一个文件名）"
    )]
    DatabaseFile(PathBuf),
    /// The file name does not end in the extension of what is written.
    #[error("{what}的文件名须以 .{extension} 结尾：{path}")]
    WrongExtension {
        /// What is written ("考核结果通报").
        what: String,
        /// The extension wanted, without the dot.
        extension: &'static str,
        /// The path given.
        path: PathBuf,
    },
    /// A file is already there, and the command was not told to replace it.
    #[error("文件已存在（加 --force 覆盖它，或换一个文件名）：{0}")]
    Exists(PathBuf),
    /// A file already there is marked read-only: not replaced.
    #[error("已有的文件设为只读，不覆盖（请去掉只读属性，或换一个文件名）：{0}")]
    ReadOnlyFile(PathBuf),
    /// A file already there cannot be replaced (held open by another program, as Excel or a
    /// PDF viewer holds it on Windows).
    #[error(
        "无法替换已有的文件（{reason}；如正在 Excel、PDF 阅读器等程序中打开，请关闭后再试，或换一个文件名）：{path}"
    )]
    CannotReplace {
        /// Why, in Chinese.
        reason: String,
        /// The file.
        path: PathBuf,
    },
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

/// The path with its folder resolved (links and `..` followed), for comparing two paths to a
/// file that may not exist yet.
fn resolved(path: &Path) -> Option<PathBuf> {
    let folder = folder_of(path).canonicalize().ok()?;
    Some(folder.join(path.file_name()?))
}

/// True when `path` is the database `db` or one of the files beside it that belong to it:
/// SQLite's `-wal`, `-shm` and `-journal`, and the writer lock and its note.
#[must_use]
pub fn belongs_to_database(path: &Path, db: &Path) -> bool {
    let (Some(target), Some(name)) = (resolved(path), db.file_name()) else {
        return false;
    };
    ["", "-wal", "-shm", "-journal", ".lock", ".lock.json"]
        .iter()
        .filter_map(|suffix| {
            let mut companion = name.to_owned();
            companion.push(suffix);
            resolved(&db.with_file_name(companion))
        })
        .any(|companion| companion == target)
}

/// An output file of a command: what is written (e.g. "考核结果通报"), its extension, and
/// whether a file already at the path may be replaced (`--force`).
pub struct Output<'a> {
    /// What is written, e.g. "考核结果通报".
    pub what: &'a str,
    /// The extension wanted, without the dot.
    pub extension: &'static str,
    /// True when an existing file may be replaced.
    pub replace: bool,
}

/// Checks an output file of a command on the database `db`: it goes to `path`, which must end
/// in the output's extension, must not belong to the database, must not be a file already
/// there unless it may be replaced, and must be writable (see [`check_file_destination`]).
pub fn check_output(
    path: &Path,
    db: Option<&Path>,
    output: &Output<'_>,
) -> Result<(), DestinationError> {
    let Output {
        what,
        extension,
        replace,
    } = *output;
    if db.is_some_and(|db| belongs_to_database(path, db)) {
        return Err(DestinationError::DatabaseFile(path.to_owned()));
    }
    if !replace && path.is_file() {
        return Err(DestinationError::Exists(path.to_owned()));
    }
    let has_extension = (path.extension()).is_some_and(|e| e.eq_ignore_ascii_case(extension));
    if !has_extension && !path.is_dir() {
        return Err(DestinationError::WrongExtension {
            what: what.to_owned(),
            extension,
            path: path.to_owned(),
        });
    }
    check_file_destination(path)
}

/// Checks that a file can be written at `path`, without writing it: a probe file is made in
/// its folder and removed again, and a file already there is opened for writing (not
/// changed), so that one that cannot be replaced is found before other files are written.
pub fn check_file_destination(path: &Path) -> Result<(), DestinationError> {
    if path.is_dir() {
        return Err(DestinationError::IsAFolder(path.to_owned()));
    }
    if let Some(refusal) = unreplaceable(path) {
        return Err(refusal);
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

/// Why the file at `path` is not replaced: marked read-only (as Windows marks it; on Unix a
/// rename would replace it, but the mark says the file is to be kept), or not opened for
/// writing (open in Excel or a viewer on Windows, immutable); `None` when it can be, or is
/// not there.
fn unreplaceable(path: &Path) -> Option<DestinationError> {
    let meta = std::fs::metadata(path)
        .ok()
        .filter(std::fs::Metadata::is_file)?;
    if meta.permissions().readonly() {
        return Some(DestinationError::ReadOnlyFile(path.to_owned()));
    }
    let opened = std::fs::OpenOptions::new().append(true).open(path);
    opened.err().map(|error| DestinationError::CannotReplace {
        reason: super::files::reason(&error),
        path: path.to_owned(),
    })
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

    const NOTICE: Output<'static> = Output {
        what: "考核结果通报",
        extension: "pdf",
        replace: false,
    };

    #[test]
    fn a_file_already_there_is_replaced_only_when_asked() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("通报.pdf");
        std::fs::write(&path, b"clerk's copy").unwrap();
        assert!(matches!(
            check_output(&path, None, &NOTICE),
            Err(DestinationError::Exists(_))
        ));
        let replace = Output {
            replace: true,
            ..NOTICE
        };
        assert!(check_output(&path, None, &replace).is_ok());
        assert_eq!(std::fs::read(&path).unwrap(), b"clerk's copy");
        // A read-only file is not replaced, even when asked.
        let mut read_only = std::fs::metadata(&path).unwrap().permissions();
        read_only.set_readonly(true);
        std::fs::set_permissions(&path, read_only).unwrap();
        let refused = check_output(&path, None, &replace).unwrap_err().to_string();
        assert!(
            refused.starts_with("已有的文件设为只读，不覆盖"),
            "{refused}"
        );
        assert_eq!(std::fs::read(&path).unwrap(), b"clerk's copy");
    }

    #[test]
    fn the_database_and_its_companions_are_never_an_output() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("责任书.sqlite3");
        std::fs::write(&db, b"x").unwrap();
        for name in [
            "责任书.sqlite3",
            "责任书.sqlite3-wal",
            "责任书.sqlite3.lock.json",
        ] {
            let path = dir.path().join("子").join("..").join(name);
            std::fs::create_dir_all(dir.path().join("子")).unwrap();
            assert!(belongs_to_database(&path, &db), "{name}");
            assert!(matches!(
                check_output(&path, Some(&db), &NOTICE),
                Err(DestinationError::DatabaseFile(_))
            ));
        }
        assert!(!belongs_to_database(&dir.path().join("通报.pdf"), &db));
        assert!(check_output(&dir.path().join("通报.PDF"), Some(&db), &NOTICE).is_ok());
        let wrong = check_output(&dir.path().join("通报.txt"), Some(&db), &NOTICE);
        assert_eq!(
            wrong.unwrap_err().to_string(),
            format!(
                "考核结果通报的文件名须以 .pdf 结尾：{}",
                dir.path().join("通报.txt").display()
            )
        );
    }
}
