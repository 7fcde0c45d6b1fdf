//! The store's errors, worded for a clerk: SQLite's own reports (a busy file, a full disk,
//! damage, text that is no text) said in Chinese, with SQLite's words kept for a technician.

use std::path::{Path, PathBuf};

use super::{LockHolder, check, open, place};
use crate::model::FieldError;

/// Errors of the store, worded for a clerk.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not a zerenshu database; it was not changed.
    #[error("这不是本程序（目标责任书管理）的数据库：{reason}；文件没有做任何改动：{path}")]
    NotOurs {
        /// Why it was recognised as foreign.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// A newer zerenshu wrote this file; it was not changed.
    #[error(
        "此数据库由更新版本的 zerenshu 创建（数据版本 {found}，本程序最高支持 {supported}），请升级程序后再打开，文件没有做任何改动：{path}"
    )]
    TooNew {
        /// Version in the file.
        found: i64,
        /// Latest version this build knows.
        supported: i64,
        /// The file.
        path: PathBuf,
    },
    /// The file could not be read.
    #[error("无法读取数据库文件（{}）：{path}", crate::io::files::reason(.error))]
    Io {
        /// The I/O error (not a `source`, so that a printed chain does not repeat it after the
        /// path).
        error: std::io::Error,
        /// The file.
        path: PathBuf,
    },
    /// The file's contents are damaged; it was not written to.
    #[error(
        "数据库文件已损坏（{}）。为免损坏扩大，程序没有写入该文件，请从备份恢复（损坏的文件：{path}）",
        in_words(details)
    )]
    Damaged {
        /// What SQLite's check found.
        details: String,
        /// The file.
        path: PathBuf,
    },
    /// Damage met while working; the change was not saved.
    #[error(
        "数据库文件已损坏（{}），这次的操作没有完成，修改都没有保存；请从备份恢复",
        in_words(.0)
    )]
    Corrupt(String),
    /// Another process holds the database for writing.
    #[error(
        "{}正在使用此数据库，同一时间只能有一处修改；{}：{path}",
        holder_text(.holder.as_deref()),
        .holder.as_deref().map_or("请等那边关闭程序后再试", LockHolder::wait_for)
    )]
    Locked {
        /// Who holds it, if its note could be read.
        holder: Option<Box<LockHolder>>,
        /// The file.
        path: PathBuf,
    },
    /// The file or its folder cannot be written (read-only file, folder or medium).
    #[error("数据库{reason}；{}：{path}", not_writable_advice(path))]
    NotWritable {
        /// Why.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// A write was asked of a store opened read-only.
    #[error("数据库以只读方式打开：{0}；不能保存修改")]
    ReadOnly(String),
    /// The disk is full; the change was not saved.
    #[error("磁盘空间已满，操作没有完成，原有数据未受影响；请清理磁盘后重试")]
    DiskFull,
    /// A file could not be written.
    #[error("无法写入文件（{}）：{path}", crate::io::files::reason(.error))]
    Write {
        /// The I/O error (not a `source`, see [`StoreError::Io`]).
        error: std::io::Error,
        /// The file.
        path: PathBuf,
    },
    /// SQLite refused an operation; another program holding the file is said in words.
    #[error("{}", sqlite_in_words(.0))]
    Sqlite(rusqlite::Error),
    /// A form's fields are invalid; nothing was saved.
    #[error("{}", .0.iter().map(|e| e.message.as_str()).collect::<Vec<_>>().join("；"))]
    Invalid(Vec<FieldError>),
    /// The action is not allowed in the current state; nothing was saved.
    #[error("{0}")]
    Rejected(String),
    /// A record is missing.
    #[error("找不到{0}")]
    NotFound(String),
}

impl StoreError {
    /// SQLite's own words about damage, for a technician (the message says it in Chinese):
    /// `None` when there are none.
    #[must_use]
    pub fn technical_details(&self) -> Option<&str> {
        match self {
            Self::Damaged { details, .. } | Self::Corrupt(details)
                if details.chars().any(|c| c.is_ascii_alphabetic()) =>
            {
                Some(details)
            }
            _ => None,
        }
    }

    /// True when the message says already that the data was not touched ("原有数据未受影响": a
    /// full disk, a disk that failed under SQLite), so that a caller adding it says it once.
    #[must_use]
    pub fn says_data_untouched(&self) -> bool {
        match self {
            Self::DiskFull => true,
            Self::Sqlite(error) => {
                !is_busy(error)
                    && error.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure)
            }
            _ => false,
        }
    }

    /// A file that could not be written, with the reason explained in Chinese.
    pub(super) fn write(source: std::io::Error, path: &Path) -> Self {
        Self::Write {
            error: crate::io::files::explain(source),
            path: path.to_owned(),
        }
    }

    /// For a database held by another: who holds it and the file, then `why` this command
    /// needs it and the way on, said once: `in_window` while a window holds it, and for a
    /// command holding it "请等该命令运行完毕后再运行此命令"; `None` for any other error.
    #[must_use]
    pub fn held_while(&self, (why, in_window): (&str, &str)) -> Option<String> {
        match self {
            Self::Locked { holder, path } => {
                let is_command = holder.as_deref().is_some_and(|h| !h.command.is_empty());
                let way = if is_command {
                    "请等该命令运行完毕后再运行此命令"
                } else {
                    in_window
                };
                Some(format!(
                    "{}正在使用此数据库（{}）；{why}：{way}",
                    holder_text(holder.as_deref()),
                    path.display()
                ))
            }
            _ => None,
        }
    }
}

fn holder_text(holder: Option<&LockHolder>) -> String {
    holder.map_or_else(|| "另一个程序窗口".to_owned(), ToString::to_string)
}

impl From<rusqlite::Error> for StoreError {
    fn from(error: rusqlite::Error) -> Self {
        match error.sqlite_error_code() {
            Some(rusqlite::ErrorCode::DiskFull) => Self::DiskFull,
            Some(rusqlite::ErrorCode::ReadOnly) => Self::ReadOnly("文件或文件夹只读".to_owned()),
            _ if open::is_corruption(&error) => Self::Corrupt(error.to_string()),
            // Text that is not UTF-8 was never written by this program: damaged bytes.
            _ if is_bad_text(&error) => Self::Corrupt(format!("部分文字已损坏，无法读出：{error}")),
            // A trigger's RAISE carries a message written for the clerk.
            _ => match error {
                rusqlite::Error::SqliteFailure(failure, Some(message))
                    if failure.extended_code == rusqlite::ffi::SQLITE_CONSTRAINT_TRIGGER =>
                {
                    Self::Rejected(message)
                }
                other => Self::Sqlite(other),
            },
        }
    }
}

/// SQLite reports a full disk met while opening (creating `-wal` or `-shm`) as a plain I/O
/// error: when the folder cannot take a small file either, the error is a full disk.
pub(super) fn out_of_space(error: StoreError, db: &Path) -> StoreError {
    let is_io = matches!(
        &error,
        StoreError::Sqlite(e) if e.sqlite_error_code() == Some(rusqlite::ErrorCode::SystemIoFailure)
    );
    if is_io && place::folder_is_full(db) {
        StoreError::DiskFull
    } else {
        error
    }
}

/// A refusal of SQLite's for the clerk: a file another program holds (`SQLITE_BUSY`,
/// `SQLITE_LOCKED`, e.g. `sqlite3` in a `BEGIN EXCLUSIVE`) in Chinese, anything else with
/// SQLite's own words after a Chinese lead.
fn sqlite_in_words(error: &rusqlite::Error) -> String {
    use rusqlite::ErrorCode;
    match error.sqlite_error_code() {
        _ if is_busy(error) => "数据库正被其他程序占用（另一个程序正在读写此文件），请稍后重试；若一直如此，请关闭正在使用该数据库的其他程序".to_owned(),
        // SQLite's "disk I/O error": the medium failed under it (full, removed, network gone).
        Some(ErrorCode::SystemIoFailure) => format!(
            "读写数据库文件时磁盘出错（磁盘可能已满，或 U 盘、移动硬盘被拔出，或网络盘断开），操作没有完成，原有数据未受影响；请检查磁盘后重试（{error}）"
        ),
        Some(ErrorCode::CannotOpen) => format!(
            "无法打开数据库文件（文件夹不存在、没有权限，或磁盘已断开），请检查文件位置后重试（{error}）"
        ),
        Some(ErrorCode::TooBig) => format!("数据太大，无法保存（{error}）"),
        Some(ErrorCode::OutOfMemory) => {
            format!("内存不足，操作没有完成；请关闭其他程序后重试（{error}）")
        }
        _ => format!("数据库操作失败：{error}"),
    }
}

/// True when SQLite gave up because another connection holds the file or a table.
fn is_busy(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked)
    )
}

/// What is said of damage found while the window was working in the file (`details` as in
/// [`StoreError::Damaged`]): writing stopped when it was found, but the window's changes of
/// this session before that may be in the damaged file, and a backup lacks them.
#[must_use]
pub fn damaged_while_working(details: &str, path: &Path) -> String {
    format!(
        "数据库文件已损坏（{}）。发现损坏后程序已停止写入该文件；此前本次所做的修改可能已写入损坏的文件，恢复备份后请核对、重新录入（损坏的文件：{}）",
        in_words(details),
        path.display()
    )
}

/// SQLite's findings in a clerk's words where they are its common English phrases, pointing
/// to the technical details shown beside them for the rest.
pub(super) fn in_words(details: &str) -> String {
    // Said within the brackets of the messages around it: no bracket of its own.
    said_in_words(details, "，见技术细节")
}

/// As [`in_words`], for a message shown without technical details: nothing points to them.
pub(super) fn in_words_alone(details: &str) -> String {
    said_in_words(details, "")
}

/// SQLite's findings in words, the count of its own findings followed by `pointer`.
fn said_in_words(details: &str, pointer: &str) -> String {
    let mut said = Vec::new();
    let mut technical = 0;
    let mut is_stopped = false;
    for part in details.split('；').map(str::trim).filter(|p| !p.is_empty()) {
        if part == super::open::CHECK_STOPPED {
            is_stopped = true;
            continue;
        }
        let part = part
            .replace("database disk image is malformed", "文件内部结构损坏")
            .replace(
                "file is encrypted or is not a database",
                "文件内容不是数据库",
            )
            .replace("file is not a database", "文件内容不是数据库");
        if let Some(table) = part.strip_prefix("CHECK constraint failed in ") {
            // Said once a table, however many of its records SQLite lists.
            let words = format!("表 {table} 中有记录违反数据规则（CHECK 约束），是不应出现的数据");
            if !said.contains(&words) {
                said.push(words);
            }
        } else if part.chars().any(|c| c.is_ascii_alphabetic()) {
            // "部分文字已损坏，无法读出：invalid utf-8 …": the Chinese lead is said, the rest is detail.
            match part.split_once('：') {
                Some((lead, _)) if !lead.chars().any(|c| c.is_ascii_alphabetic()) => {
                    said.push(lead.to_owned());
                }
                _ => technical += check::problem_count(&part),
            }
        } else if !said.contains(&part) {
            said.push(part);
        }
    }
    // SQLite's own findings ("*** in database main *** Tree 29 page 345 …") are counted here
    // and shown whole only as technical details (see `StoreError::technical_details`).
    if technical > 0 {
        let other = if said.is_empty() { "" } else { "另外" };
        // The check at opening stops at its limit: there may be more.
        let at_least = if is_stopped { "至少" } else { "" };
        said.push(format!(
            "完整性检查{other}发现{at_least} {technical} 处内部结构问题{pointer}"
        ));
    }
    said.join("；")
}

/// True for text in the file that is not UTF-8.
fn is_bad_text(error: &rusqlite::Error) -> bool {
    match error {
        rusqlite::Error::Utf8Error(..) => true,
        rusqlite::Error::FromSqlConversionFailure(_, _, source) => {
            source.is::<std::str::Utf8Error>()
        }
        _ => false,
    }
}

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// What to do about a database that cannot be written at `path`: an existing file is made
/// writable or copied; a new one (nothing there to copy) is made elsewhere.
fn not_writable_advice(path: &std::path::Path) -> &'static str {
    if path.exists() {
        "请取消只读属性，或把文件复制到可写的文件夹再打开"
    } else {
        "新的数据库文件不能建在这里：请换一个可以写入的文件夹，或用较短的文件名"
    }
}
