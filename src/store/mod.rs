//! The store: the only module that uses rusqlite.
//!
//! One database file in WAL mode with foreign keys on. Reads are methods on [`Store`];
//! every write goes through [`Store::write`], which runs it in one transaction and writes
//! the audit log beside it. Opening refuses, without touching the file, anything that is
//! not a zerenshu database or that a newer version wrote.

mod check;
mod codec;
mod editing;
mod exports;
mod lifecycle;
mod open;
mod read;
pub mod schema;
mod scoring;
mod writer;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use check::CheckReport;
pub use editing::TemplateSaved;
pub use exports::ExportRecord;
pub use lifecycle::{MAX_SCAN_BYTES, Signing, StoredScan, scan_media_type};
pub use read::AuditEntry;
pub use writer::Writer;

use crate::model::FieldError;

/// Errors of the store, worded for a clerk.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The file is not a zerenshu database; it was not changed.
    #[error("这不是 zerenshu 数据库（{reason}），文件没有做任何改动：{path}")]
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
    #[error("无法读取数据库文件（{source}）：{path}")]
    Io {
        /// The I/O error.
        source: std::io::Error,
        /// The file.
        path: PathBuf,
    },
    /// SQLite refused an operation.
    #[error("数据库操作失败：{0}")]
    Sqlite(#[from] rusqlite::Error),
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

/// Result of store operations.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;

/// An open zerenshu database.
pub struct Store {
    conn: Connection,
    path: Option<PathBuf>,
    operator: String,
}

/// The settings key that marks a database as set up (demo loaded or blank start chosen).
pub const SETTING_INITIALIZED: &str = "initialized";
/// The settings key of the operator name written into the audit log.
pub const SETTING_OPERATOR: &str = "operator";

impl Store {
    /// Opens (or creates) a database file, migrating it to the latest schema.
    pub fn open(path: &Path) -> Result<Self> {
        let conn = open::open_file(path)?;
        Ok(Self::from_connection(conn, Some(path.to_owned())))
    }

    /// Opens an existing database file read-only, without migrating it.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        let conn = open::open_existing(path, true)?;
        Ok(Self::from_connection(conn, Some(path.to_owned())))
    }

    /// A fresh database in memory (tests and benchmarks).
    pub fn open_in_memory() -> Result<Self> {
        let conn = open::open_memory()?;
        Ok(Self::from_connection(conn, None))
    }

    fn from_connection(conn: Connection, path: Option<PathBuf>) -> Self {
        let stored = read::setting(&conn, SETTING_OPERATOR).ok().flatten();
        let operator = stored.unwrap_or_else(system_user);
        Self {
            conn,
            path,
            operator,
        }
    }

    /// The file this store writes, if any.
    #[must_use]
    pub fn path(&self) -> Option<&Path> {
        self.path.as_deref()
    }

    /// The operator name written into the audit log.
    #[must_use]
    pub fn operator(&self) -> &str {
        &self.operator
    }

    /// The schema version of the file.
    pub fn schema_version(&self) -> Result<i64> {
        Ok(schema::version(&self.conn)?)
    }

    /// True once the welcome dialog has been answered for this database.
    pub fn is_initialized(&self) -> Result<bool> {
        Ok(read::setting(&self.conn, SETTING_INITIALIZED)?.is_some_and(|value| value == "1"))
    }

    /// Runs `work` in one transaction; on any error nothing of it is kept.
    pub fn write<T>(&mut self, work: impl FnOnce(&mut Writer<'_>) -> Result<T>) -> Result<T> {
        let tx = self.conn.transaction()?;
        let mut writer = Writer::new(tx, &self.operator);
        let value = work(&mut writer)?;
        writer.commit()?;
        Ok(value)
    }

    /// Changes the operator name used from now on, and stores it.
    pub fn set_operator(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 30 {
            return Err(StoreError::Rejected(
                "操作员姓名应为 1 至 30 个字".to_owned(),
            ));
        }
        self.write(|w| w.set_setting(SETTING_OPERATOR, name))?;
        name.clone_into(&mut self.operator);
        Ok(())
    }
}

/// The login name of the person at the computer.
fn system_user() -> String {
    ["USER", "USERNAME", "LOGNAME"]
        .into_iter()
        .find_map(|key| {
            std::env::var(key)
                .ok()
                .filter(|value| !value.trim().is_empty())
        })
        .unwrap_or_else(|| "未知操作员".to_owned())
}
