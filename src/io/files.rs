//! Writing output files safely: names cleaned so they stay inside the chosen folder, and bytes
//! written to a temporary name and renamed, so an interrupted write never leaves a half file
//! under a final name; listing a folder's input files; and telling a file from another put
//! in its place.

use std::io::Write as _;
use std::path::{Path, PathBuf};

/// The last part of `path` as text ("通报.pdf"), as messages and the 操作记录 name a file;
/// empty for a path without one.
#[must_use]
pub fn file_name_text(path: &Path) -> String {
    (path.file_name()).map_or_else(String::new, |name| name.to_string_lossy().into_owned())
}

/// A file name with anything unsafe replaced: path separators, reserved characters, control
/// characters and leading dots, so `a/../b` stays one name inside its folder.
#[must_use]
pub fn safe_file_name(name: &str) -> String {
    let cleaned: String = name
        .chars()
        .map(|c| {
            if c.is_control() || crate::model::file_name::FILE_NAME_UNSAFE.contains(&c) {
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

/// The temporary name a file is written under beside `path` before it is renamed into place:
/// `.{name}.{pid}-{computer}.tmp`, one of the names [`remove_stale_temporaries`] clears after a
/// crash; `computer` tells this machine's files from a colleague's on a shared folder.
#[must_use]
pub fn temp_name_beside(path: &Path) -> PathBuf {
    let file_name = path
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(
        ".{file_name}.{}-{}.tmp",
        std::process::id(),
        computer_tag()
    ))
}

/// Eight hex digits of the hash of this computer's name, for temporary names.
fn computer_tag() -> &'static str {
    static TAG: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    TAG.get_or_init(|| {
        let hash = crate::model::agreement::content_hash(crate::store::host_name());
        hash.chars().take(8).collect()
    })
}

/// Tries whether files can be made in `folder`, with an empty file under a temporary name
/// (see [`temp_name_beside`]) removed at once: a read-only folder or disk is found before
/// the work that would write there, not after.
pub fn check_writable(folder: &Path) -> std::io::Result<()> {
    // A name of its own for each try: two at once, or one left by a crash, never clash.
    static TRIES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let count = TRIES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let probe = temp_name_beside(&folder.join(format!("zerenshu-probe-{count}")));
    match std::fs::File::create_new(&probe) {
        Ok(file) => {
            drop(file);
            let _ = std::fs::remove_file(&probe);
            Ok(())
        }
        // Only a file can be there already, which a folder that cannot be written has not.
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(error) => Err(error),
    }
}

/// Writes `bytes` to a temporary name beside `path`, syncs them to disk, then renames the file
/// into place. Errors come back with a Chinese explanation (see [`explain`]).
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    Staged::write(path, bytes)?.commit()
}

/// A file written and synced under its temporary name beside its final one, waiting to take
/// it: a batch stages all its files, records them, then commits them, so a file under a final
/// name is always one the database knows. Dropped without [`Staged::commit`], the temporary
/// file is removed.
#[derive(Debug)]
pub struct Staged {
    temp: PathBuf,
    path: PathBuf,
    is_committed: bool,
}

impl Staged {
    /// Writes `bytes` under the temporary name of `path` and syncs them to disk. Errors come
    /// back with a Chinese explanation (see [`explain`]).
    pub fn write(path: &Path, bytes: &[u8]) -> std::io::Result<Self> {
        let staged = Self {
            temp: temp_name_beside(path),
            path: path.to_owned(),
            is_committed: false,
        };
        let mut file = std::fs::File::create(&staged.temp).map_err(explain)?;
        file.write_all(bytes).map_err(explain)?;
        file.sync_all().map_err(explain)?;
        Ok(staged)
    }

    /// The final name.
    #[must_use]
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Gives the file its final name, and makes the new name last through a power cut.
    pub fn commit(mut self) -> std::io::Result<()> {
        std::fs::rename(&self.temp, &self.path).map_err(explain)?;
        self.is_committed = true;
        sync_folder_of(&self.path);
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.is_committed {
            let _ = std::fs::remove_file(&self.temp);
        }
    }
}

/// Syncs the folder holding `path`, so that a rename into it survives a power cut (the file's
/// bytes are synced before it is renamed; the folder's entry is what changed). Best effort: a
/// file system that cannot sync a folder (Windows opens none) keeps the rename all the same.
pub fn sync_folder_of(path: &Path) {
    let folder = match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    if let Ok(folder) = std::fs::File::open(folder) {
        let _ = folder.sync_all();
    }
}

/// `path` when nothing is there yet, else the first free "name（2）.ext", "name（3）.ext" …
/// beside it: a file written earlier (a notice with another date, a form a unit filled in) is
/// never replaced by one that only shares its name.
#[must_use]
pub fn free_name(path: &Path) -> PathBuf {
    numbered_names(path)
        .find(|candidate| !candidate.exists())
        .unwrap_or_else(|| path.to_owned())
}

/// Where `bytes` go under `path`'s name without replacing another file: the first of `path`,
/// "name（2）.ext" … that already holds these very bytes (with `true`: nothing to write), or
/// is free (with `false`).
#[must_use]
pub fn same_or_free_name(path: &Path, bytes: &[u8]) -> (PathBuf, bool) {
    numbered_names(path)
        .find_map(|candidate| match std::fs::read(&candidate) {
            Ok(there) if there == bytes => Some((candidate, true)),
            Ok(_) => None,
            Err(_) if candidate.exists() => None,
            Err(_) => Some((candidate, false)),
        })
        .unwrap_or_else(|| (path.to_owned(), false))
}

/// `path`, then "name（2）.ext", "name（3）.ext" … beside it.
fn numbered_names(path: &Path) -> impl Iterator<Item = PathBuf> + '_ {
    let stem = path
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let extension = path
        .extension()
        .map_or_else(String::new, |e| format!(".{}", e.to_string_lossy()));
    std::iter::once(path.to_owned()).chain(
        (2..=u32::MAX).map(move |n| path.with_file_name(format!("{stem}（{n}）{extension}"))),
    )
}

/// How old a temporary file must be before it counts as left behind by a program that was
/// killed or lost power while writing (no write takes this long).
pub const STALE_AFTER: std::time::Duration = std::time::Duration::from_mins(15);

/// The temporary names this program writes: `.NAME.PID-COMPUTER.tmp` (`.NAME.PID.tmp` before
/// the computer was named), `.NAME.PID.partial` (and SQLite's `-journal`, `-wal` and `-shm`
/// beside the latter). Gives the writer's process id when it ran on this computer, and true
/// for a `.tmp`.
fn our_temporary(name: &str) -> Option<(Option<u32>, bool)> {
    let rest = name.strip_prefix('.')?;
    let (stem, is_tmp) = match rest.strip_suffix(".tmp") {
        Some(stem) => (stem, true),
        None => (
            rest.strip_suffix(".partial")
                .or_else(|| rest.strip_suffix(".partial-journal"))
                .or_else(|| rest.strip_suffix(".partial-wal"))
                .or_else(|| rest.strip_suffix(".partial-shm"))?,
            false,
        ),
    };
    let (base, writer) = stem.rsplit_once('.')?;
    let (pid, computer) = match writer.split_once('-') {
        Some((pid, computer)) => (pid, Some(computer)),
        None => (writer, None),
    };
    if base.is_empty() || pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let is_here = computer == Some(computer_tag());
    Some((pid.parse().ok().filter(|_| is_here), is_tmp))
}

/// How old a `.tmp` file of this computer must be to go as soon as its writer has ended
/// (closed with its terminal, say): a moment, so that a file just made is never taken.
const DEAD_WRITER_AFTER: std::time::Duration = std::time::Duration::from_secs(10);

/// True when the process `pid` of this machine has ended, as far as can be told (on Linux by
/// `/proc`; elsewhere never, and the file waits for [`STALE_AFTER`]).
fn has_ended(pid: u32) -> bool {
    if pid == std::process::id() {
        return false;
    }
    let proc = Path::new("/proc");
    cfg!(target_os = "linux") && proc.join("self").exists() && !proc.join(pid.to_string()).exists()
}

/// Removes the temporary files this program left in `folder` when it was interrupted, once
/// they are older than `max_age`, or, for a `.tmp` written on this computer, once its writer
/// has ended. Other files are never touched (a colleague's on a shared folder wait their
/// time). Returns how many went.
pub fn remove_stale_temporaries(folder: &Path, max_age: std::time::Duration) -> usize {
    let Ok(entries) = std::fs::read_dir(folder) else {
        return 0;
    };
    entries
        .filter_map(Result::ok)
        .filter(|entry| {
            let Some((pid, is_tmp)) = our_temporary(&entry.file_name().to_string_lossy()) else {
                return false;
            };
            let age = entry
                .metadata()
                .and_then(|m| m.modified())
                .ok()
                .and_then(|modified| modified.elapsed().ok());
            age.is_some_and(|age| {
                age >= max_age || (is_tmp && age >= DEAD_WRITER_AFTER && pid.is_some_and(has_ended))
            })
        })
        .filter(|entry| std::fs::remove_file(entry.path()).is_ok())
        .count()
}

/// The same error with a clerk-readable Chinese reason instead of the system's English
/// message: a full disk, a read-only file or folder, a missing folder and the rest.
#[must_use]
pub fn explain(error: std::io::Error) -> std::io::Error {
    if is_explained(&error) {
        return error;
    }
    std::io::Error::new(error.kind(), reason(&error))
}

/// Whether the error was made with a Chinese reason already.
fn is_explained(error: &std::io::Error) -> bool {
    error.get_ref().is_some() && !error.to_string().is_ascii()
}

/// Why an I/O operation failed, in Chinese: the message of an error made with a Chinese reason
/// already, else the kind of failure in words (the system's code when it has no kind we name).
#[must_use]
pub fn reason(error: &std::io::Error) -> String {
    use std::io::ErrorKind;
    if is_explained(error) {
        return error.to_string();
    }
    let reason = match error.kind() {
        ErrorKind::StorageFull | ErrorKind::QuotaExceeded => "磁盘空间已满",
        ErrorKind::PermissionDenied => "没有权限，文件或文件夹可能是只读的或被其他程序占用",
        ErrorKind::ReadOnlyFilesystem => "磁盘或文件夹是只读的",
        ErrorKind::NotFound => "文件或文件夹不存在",
        ErrorKind::IsADirectory => "这是一个文件夹，不是文件",
        ErrorKind::NotADirectory => "路径中有一段不是文件夹",
        ErrorKind::AlreadyExists => "文件已存在",
        ErrorKind::FileTooLarge => "文件过大",
        ErrorKind::InvalidFilename => "文件名无效或过长",
        ErrorKind::DirectoryNotEmpty => "文件夹不是空的",
        ErrorKind::ResourceBusy | ErrorKind::ExecutableFileBusy => "文件正被其他程序使用",
        ErrorKind::UnexpectedEof | ErrorKind::InvalidData => "文件内容不完整或已损坏",
        ErrorKind::Interrupted | ErrorKind::TimedOut => "操作被中断，请重试",
        ErrorKind::CrossesDevices => "不能跨磁盘移动文件",
        _ => {
            return error.raw_os_error().map_or_else(
                || "读写失败".to_owned(),
                |code| format!("读写失败（系统错误代码 {code}）"),
            );
        }
    };
    reason.to_owned()
}

/// The files of `folder` (not its subfolders) with one of the extensions, by name; hidden
/// files and Office's "~$" lock files are left out.
pub fn files_in(folder: &Path, extensions: &[&str]) -> std::io::Result<Vec<PathBuf>> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(folder)?
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|entry| {
            let name = entry.file_name().into_string().ok()?;
            let wanted = !name.starts_with('.') && !name.starts_with("~$") && {
                let lower = name.to_lowercase();
                extensions
                    .iter()
                    .any(|ext| lower.ends_with(&format!(".{}", ext.to_lowercase())))
            };
            wanted.then(|| entry.path())
        })
        .collect();
    files.sort();
    Ok(files)
}

/// Which file is at `path`: it differs once another file is renamed over it (a restore), while
/// writes to the file itself leave it alone. `None` when the file cannot be looked at.
#[must_use]
pub fn identity(path: &Path) -> Option<String> {
    let metadata = std::fs::metadata(path).ok()?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::MetadataExt as _;
        Some(format!("{}:{}", metadata.dev(), metadata.ino()))
    }
    #[cfg(not(unix))]
    {
        metadata
            .created()
            .ok()
            .map(|created| format!("{created:?}"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A folder files can be made in passes and keeps nothing of the try; one that cannot
    /// (the system's /proc, read-only even to root) is refused with a reason.
    #[test]
    fn a_folder_is_tried_for_writing_and_left_as_it_was() {
        let dir = tempfile::tempdir().unwrap();
        check_writable(dir.path()).unwrap();
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
        if cfg!(target_os = "linux") {
            let error = check_writable(Path::new("/proc")).unwrap_err();
            assert!(!reason(&error).is_empty());
        }
    }

    #[test]
    fn unsafe_names_stay_one_name() {
        assert_eq!(safe_file_name("2025-001-a/../b.pdf"), "2025-001-a_.._b.pdf");
        assert_eq!(safe_file_name("../../etc"), "_.._etc");
        assert_eq!(safe_file_name("  .. "), "未命名");
        assert_eq!(safe_file_name("响嘡街道\n"), "响嘡街道_");
    }

    #[test]
    fn a_name_in_use_gets_the_next_number() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("2024年度考核结果通报.pdf");
        assert_eq!(free_name(&path), path);
        std::fs::write(&path, b"1").unwrap();
        let second = dir.path().join("2024年度考核结果通报（2）.pdf");
        assert_eq!(free_name(&path), second);
        std::fs::write(&second, b"2").unwrap();
        assert_eq!(
            free_name(&path),
            dir.path().join("2024年度考核结果通报（3）.pdf")
        );
    }

    #[test]
    fn a_missing_folder_is_explained_in_chinese_and_leaves_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("无此文件夹").join("out.pdf");
        let error = write_atomically(&path, b"%PDF-1.7").unwrap_err();
        assert!(
            error.to_string().starts_with("文件或文件夹不存在"),
            "{error}"
        );
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
        assert_eq!(error.to_string(), "磁盘空间已满", "{error}");
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn an_export_s_temporary_goes_once_its_writer_here_has_ended_not_before() {
        let dir = tempfile::tempdir().unwrap();
        let mut ended = std::process::Command::new("true").spawn().unwrap();
        let ended_pid = ended.id();
        ended.wait().unwrap();
        let here = computer_tag();
        let names = [
            format!(".2025-001-城关街道.pdf.{ended_pid}-{here}.tmp"),
            format!(".2025-002-东城街道.pdf.{}-{here}.tmp", std::process::id()),
            format!(".d-20261130-daily.sqlite3.{ended_pid}.partial"),
            // A colleague's computer on a shared folder: its process is not seen here.
            format!(".2025-003-新华街道.pdf.{ended_pid}-0badcafe.tmp"),
            // Written before the computer was named in temporary names.
            format!(".2025-004-东城街道.pdf.{ended_pid}.tmp"),
            // Just made: the moment before its writer could be looked for.
            format!(".2025-005-青山镇.pdf.{ended_pid}-{here}.tmp"),
        ];
        let now = std::time::SystemTime::now();
        for (index, name) in names.iter().enumerate() {
            let file = std::fs::File::create(dir.path().join(name)).unwrap();
            let age = if index == 5 { 2 } else { 20 };
            file.set_modified(now - std::time::Duration::from_secs(age))
                .unwrap();
        }
        let hour = std::time::Duration::from_hours(1);
        assert_eq!(remove_stale_temporaries(dir.path(), hour), 1);
        assert!(!dir.path().join(&names[0]).exists());
        for (name, why) in names
            .iter()
            .zip([
                "",
                "still being written",
                "a backup waits its time",
                "another computer's waits its time",
                "an unnamed computer's waits its time",
                "too young to judge",
            ])
            .skip(1)
        {
            assert!(dir.path().join(name).exists(), "{why}");
        }
    }

    #[test]
    fn only_our_old_temporaries_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let names = [
            ".2025-001-城关街道.pdf.4242.tmp",
            ".d-20261130-daily.sqlite3.77.partial",
            ".hidden",
            "note.tmp",
            ".x.notapid.tmp",
            "2025-001.pdf",
        ];
        for name in names {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        assert_eq!(
            remove_stale_temporaries(dir.path(), std::time::Duration::from_hours(1)),
            0,
            "fresh ones may still be being written"
        );
        assert_eq!(
            remove_stale_temporaries(dir.path(), std::time::Duration::ZERO),
            2
        );
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        left.sort();
        assert_eq!(
            left,
            [".hidden", ".x.notapid.tmp", "2025-001.pdf", "note.tmp"]
        );
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
