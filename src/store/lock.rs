//! One writer at a time: an operating-system lock on `<database>.lock`, and a note beside it
//! (`<database>.lock.json`) saying who holds it and since when.
//!
//! The lock dies with the process that holds it (also when it is killed), so a crash never
//! leaves a database locked. The note is a separate file because on Windows a locked file
//! cannot be read by others.

use std::fs::{File, OpenOptions};
use std::path::{Path, PathBuf};

use super::place::FOLDER_NOT_WRITABLE;
use serde::{Deserialize, Serialize};

/// Who holds a database open for writing.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LockHolder {
    /// The operator name of the holder.
    pub operator: String,
    /// The holder's computer.
    pub host: String,
    /// The holder's process id.
    pub pid: u32,
    /// Since when, as local time "2026-11-30 09:30".
    pub since: String,
    /// The holder's login on its computer (empty in notes written before it was kept).
    #[serde(default)]
    pub login: String,
    /// The command the holder runs ("draft"), empty for a window: a command ends by itself,
    /// so another command waits for it.
    #[serde(default)]
    pub command: String,
}

/// The command this process runs, named in the lock notes it writes (see [`set_command`]).
static COMMAND: std::sync::OnceLock<String> = std::sync::OnceLock::new();

/// Names the command this process runs ("draft"), for the notes of the locks it takes: a
/// colleague or another command meeting the lock is told a command holds it, not a window.
pub fn set_command(name: &str) {
    let _ = COMMAND.set(name.to_owned());
}

impl std::fmt::Display for LockHolder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            // The name is the one given last (renamed in 设置), the time the window's opening.
            // No process number: it means nothing to a clerk (the lock file keeps it).
            "{}（计算机 {}，{}）",
            self.operator,
            self.host,
            self.since_what()
        )
    }
}

impl LockHolder {
    /// Since when, written the Chinese way as every time the window shows: "2026年11月30日
    /// 09:30".
    #[must_use]
    pub fn since_shown(&self) -> String {
        chrono::NaiveDateTime::parse_from_str(&self.since, "%Y-%m-%d %H:%M")
            .map_or_else(|_| self.since.clone(), crate::model::dates::show_date_time)
    }

    /// Since when and what: "2026年11月30日 09:30 打开" for a window, "2026年11月30日 09:30
    /// 起运行命令 zerenshu draft" for a command.
    fn since_what(&self) -> String {
        if self.command.is_empty() {
            format!("{} 打开", self.since_shown())
        } else {
            format!(
                "{} 起运行命令 zerenshu {}",
                self.since_shown(),
                self.command
            )
        }
    }

    /// What to wait for before trying again: the command to end, or the window to close.
    #[must_use]
    pub fn wait_for(&self) -> &'static str {
        if self.command.is_empty() {
            "请等那边关闭程序后再试"
        } else {
            "请等该命令运行完毕后再试"
        }
    }

    /// True when the holder is this login on this computer (the clerk's own window opened
    /// twice): not a colleague on a terminal server, nor a computer whose name is not known.
    #[must_use]
    pub fn is_this_computer(&self) -> bool {
        let host = super::operator::host_name();
        self.host == host
            && host != super::operator::UNKNOWN_HOST
            && (self.login.is_empty() || self.login == super::operator::system_user())
    }
}

/// Why the lock could not be taken.
pub(super) enum LockFailure {
    /// Another process holds it; the holder, if its note could be read.
    Held(Option<Box<LockHolder>>),
    /// The folder cannot take the lock file (read-only folder or medium).
    NotWritable(std::io::Error),
}

impl LockFailure {
    /// The failure as the store reports it for the database `db`.
    pub(super) fn into_store_error(self, db: &Path) -> super::StoreError {
        use super::StoreError;
        match self {
            Self::Held(holder) => StoreError::Locked {
                holder,
                path: db.to_owned(),
            },
            Self::NotWritable(error) if error.kind() == std::io::ErrorKind::NotFound => {
                StoreError::Io {
                    error: std::io::Error::new(
                        std::io::ErrorKind::NotFound,
                        super::open::unreachable_place(db),
                    ),
                    path: db.to_owned(),
                }
            }
            // The lock file beside the database could not be made: it is the folder.
            Self::NotWritable(error) => StoreError::NotWritable {
                reason: if error.kind() == std::io::ErrorKind::PermissionDenied {
                    // Not "或被其他程序占用": a folder nobody may write in.
                    format!("{FOLDER_NOT_WRITABLE}（当前用户没有权限）")
                } else {
                    format!(
                        "{FOLDER_NOT_WRITABLE}（{}）",
                        crate::io::files::reason(&error)
                    )
                },
                path: db.to_owned(),
            },
        }
    }
}

/// The held lock; released when dropped (and by the system if the process dies).
#[derive(Debug)]
pub struct WriterLock {
    _file: File,
    note: PathBuf,
    holder: LockHolder,
}

impl WriterLock {
    /// Names `operator` as the holder from now on (the operator was renamed in 设置), so that
    /// a colleague finding the file held reads the name the clerk goes by now.
    pub fn rename(&mut self, operator: &str) {
        operator.clone_into(&mut self.holder.operator);
        write_note(&self.note, &self.holder);
    }
}

/// Writes the note saying who holds the lock; informative only, so failing to write it does
/// not stop the clerk.
fn write_note(note: &Path, holder: &LockHolder) {
    if let Ok(json) = serde_json::to_vec(holder) {
        let _ = crate::io::files::write_atomically(note, &json);
    }
}

impl Drop for WriterLock {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.note);
    }
}

/// `db` with `suffix` appended to its file name (`x.sqlite3` → `x.sqlite3-wal`).
pub(super) fn sibling(db: &Path, suffix: &str) -> PathBuf {
    let mut name = db.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// The lock file of a database.
#[must_use]
pub fn lock_path(db: &Path) -> PathBuf {
    sibling(db, ".lock")
}

/// How many times more a held lock is tried before it counts as held.
const LOCK_TRIES: u32 = 3;

/// Takes the writer lock of `db` for `operator`, or says who has it.
pub(super) fn acquire(db: &Path, operator: &str) -> Result<WriterLock, LockFailure> {
    let note = sibling(db, ".lock.json");
    let file = OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(lock_path(db))
        .map_err(LockFailure::NotWritable)?;
    // A read-only window looks whether the lock is free by taking it for a moment (see
    // `is_free`): met at that moment, the lock is tried again shortly before it counts as held.
    let mut tries = 0;
    loop {
        match file.try_lock() {
            Ok(()) => break,
            Err(std::fs::TryLockError::WouldBlock) if tries < LOCK_TRIES => {
                tries += 1;
                std::thread::sleep(std::time::Duration::from_millis(40));
            }
            Err(std::fs::TryLockError::WouldBlock) => {
                return Err(LockFailure::Held(holder(&note).map(Box::new)));
            }
            Err(std::fs::TryLockError::Error(error)) => {
                return Err(LockFailure::NotWritable(error));
            }
        }
    }
    let holder = LockHolder {
        operator: operator.to_owned(),
        host: super::operator::host_name(),
        pid: std::process::id(),
        since: chrono::Local::now().format("%Y-%m-%d %H:%M").to_string(),
        login: super::operator::system_user(),
        command: COMMAND.get().cloned().unwrap_or_default(),
    };
    write_note(&note, &holder);
    Ok(WriterLock {
        _file: file,
        note,
        holder,
    })
}

/// Takes the writer lock of `db` before the file is replaced as a whole (`demo --force`, or
/// `restore` onto a file not there yet) by the command `by`, or says who holds it.
pub fn acquire_for_replace(db: &Path, by: &str) -> Result<WriterLock, super::StoreError> {
    acquire(db, by).map_err(|failure| failure.into_store_error(db))
}

/// True when no process holds the writer lock of `db` now: the lock is taken for a moment to
/// see, and let go at once. False when it is held or cannot be taken here (read-only folder).
#[must_use]
pub fn is_free(db: &Path) -> bool {
    match OpenOptions::new().write(true).open(lock_path(db)) {
        // The lock file goes only with its folder's other files: nobody holds it.
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => true,
        Err(_) => false,
        // Dropping the file lets the lock go.
        Ok(file) => file.try_lock().is_ok(),
    }
}

/// Who holds the writer lock of `db` now, in words ("张三（计算机 PC-7，… 打开）"), or None
/// when nobody does: a database a window is working in, not a backup of one.
#[must_use]
pub fn in_use_by(db: &Path) -> Option<String> {
    // Opened to read only: a lock file on a read-only place (a copied folder on a CD or a
    // write-protected stick) is no sign of anyone holding it; only a lock taken is.
    let file = std::fs::File::open(lock_path(db)).ok()?;
    let is_held = matches!(file.try_lock(), Err(std::fs::TryLockError::WouldBlock));
    drop(file);
    if !is_held {
        return None;
    }
    Some(
        holder(&sibling(db, ".lock.json"))
            .map_or_else(|| "另一个程序窗口".to_owned(), |holder| holder.to_string()),
    )
}

/// Whether the writer lock of `db` is held now: `None` when free, else who holds it as its
/// note says (`Some(None)` when the note cannot be read).
#[must_use]
pub fn current_holder(db: &Path) -> Option<Option<LockHolder>> {
    in_use_by(db)?;
    Some(holder(&sibling(db, ".lock.json")))
}

/// Reads the note of the current holder.
#[must_use]
pub fn holder(note: &Path) -> Option<LockHolder> {
    let bytes = std::fs::read(note).ok()?;
    serde_json::from_slice(&bytes).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_holder_is_dated_the_chinese_way() {
        let holder = LockHolder {
            operator: "柏闻溪".to_owned(),
            host: "PC-7".to_owned(),
            pid: 42,
            since: "2026-12-01 00:05".to_owned(),
            login: "bowenxi".to_owned(),
            command: String::new(),
        };
        assert_eq!(
            holder.to_string(),
            "柏闻溪（计算机 PC-7，2026年12月1日 00:05 打开）"
        );
        assert_eq!(holder.wait_for(), "请等那边关闭程序后再试");
        // A command holding it is named, and waited for.
        let command = LockHolder {
            command: "draft".to_owned(),
            ..holder.clone()
        };
        assert_eq!(
            command.to_string(),
            "柏闻溪（计算机 PC-7，2026年12月1日 00:05 起运行命令 zerenshu draft）"
        );
        assert_eq!(command.wait_for(), "请等该命令运行完毕后再试");
        // A colleague's computer is not this one; this one's window is.
        assert!(!holder.is_this_computer());
        let here = LockHolder {
            host: super::super::operator::host_name(),
            login: super::super::operator::system_user(),
            ..holder
        };
        assert_eq!(
            here.is_this_computer(),
            here.host != super::super::operator::UNKNOWN_HOST
        );
        // Another login on this computer (a terminal server) is a colleague.
        let colleague = LockHolder {
            login: "另一登录名".to_owned(),
            ..here
        };
        assert!(!colleague.is_this_computer());
    }

    #[test]
    fn a_second_holder_is_refused_and_told_who_has_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("z.sqlite3");
        let first = acquire(&db, "张晓喆").ok().unwrap();
        match acquire(&db, "李四") {
            Err(LockFailure::Held(Some(holder))) => {
                assert_eq!(holder.operator, "张晓喆");
                assert_eq!(holder.pid, std::process::id());
            }
            _ => panic!("second lock should be refused"),
        }
        drop(first);
        assert!(acquire(&db, "李四").is_ok());
    }
}
