//! The store: the only module that uses rusqlite.
//!
//! One database file in WAL mode with foreign keys on. Reads are methods on [`Store`];
//! every write goes through [`Store::write`], which runs it in one transaction and writes
//! the audit log beside it. Opening refuses, without touching the file, anything that is
//! not a zerenshu database or that a newer version wrote, and checks an existing file
//! (CHECK constraints included, nothing written) before writing to it; a folder or medium
//! that cannot be written gives a read-only store. One process at a time holds a database for
//! writing; a second one is told who holds it and gets a read-only store.

mod audit;
pub mod backup;
mod backup_contents;
mod backups_taken;
mod categories;
mod check;
mod codec;
mod draft_deletion;
mod editing;
mod exports;
mod first_start;
pub use first_start::FoundBeforeStart;
mod in_use;
mod kept_exports;
mod kept_notices;
mod last_publication;
mod left_out;
mod lifecycle;
pub mod lock;
mod open;
pub use open::CHECK_STOPPED;
mod operator;
pub(crate) use operator::host_name;
mod place;
mod printed;
pub use place::{FOLDER_NOT_WRITABLE, FOLDER_READ_ONLY};
pub use printed::PrintedDifferences;
mod read;
pub mod restore;
mod undone;
pub use undone::Undone;
#[cfg(test)]
mod restore_tests;
mod result_exports;
mod scans;
pub mod schema;
mod scoring;
mod start_over;
pub use start_over::DEFAULT_CATEGORIES;
mod unit_versions;
mod version_fit;
mod voided_codes;
pub use voided_codes::VoidedCode;
mod writer;
mod year_removal;
pub use year_removal::{deletion_not_newest, deletion_only_year};
mod year_settings;
pub use year_settings::PUBLISHED_SETTINGS_LOCKED;

use std::path::{Path, PathBuf};

use rusqlite::Connection;

pub use audit::{AuditFilter, AuditRow, ChangesSincePublished, action_on, is_export};
pub use backup::{BackupContents, BackupFile, BackupReason};
pub use check::CheckReport;
pub use editing::{TemplateSaved, published_template_refusal};
pub use exports::ExportRecord;
pub use lifecycle::{Signing, revert_after_publication};
pub use lock::LockHolder;
pub use read::{AuditEntry, OpenAgreement};
pub use restore::{
    Restored, RestoredOverDamaged, record_restore_in_place, replace_whole, restore_missing,
    restore_over_damaged, set_aside_leftovers,
};
pub use result_exports::{IssuedAs, ResultExport, ResultFile};
pub use scans::{
    MAX_SCAN_BYTES, SAME_SCAN, ScanFile, ScanFileFound, ScanInput, ScanSummary, StoredScan,
    check_scan_files, describe as describe_scan, is_same_scan, scan_media_type,
};
pub use scoring::{CLEARED_AFTER_PUBLISHING, ImportedSelfScore};
pub(crate) use writer::printable_category_name;
pub use writer::{DEMO_HISTORY_OPERATOR, Writer};
pub use year_settings::{
    SETTING_NOTICE_WORDING, notice_date_key, notice_wording_key, published_on_key,
};
mod error;
pub use error::{Result, StoreError, damaged_while_working};
use error::{in_words_alone, out_of_space};

/// An open zerenshu database.
pub struct Store {
    conn: Connection,
    /// Marks the file open for this process while `conn` has it (dropped after `conn`).
    _in_use: Option<in_use::Registration>,
    path: Option<PathBuf>,
    operator: String,
    /// Why this store refuses writes, when opened read-only.
    read_only: Option<String>,
    /// What SQLite reported when damage was met while working; from then on no write is
    /// tried (a damaged file is never written to).
    damage: Option<String>,
    /// The writer lock, held while a file is open for writing.
    lock: Option<lock::WriterLock>,
    /// The time writes are dated at instead of the system clock's (see [`Store::set_clock`]).
    clock: Option<chrono::NaiveDateTime>,
}

/// The settings key that marks a database as set up (demo loaded or blank start chosen).
pub const SETTING_INITIALIZED: &str = "initialized";

impl Store {
    /// Opens (or creates) a database file for writing, migrating it to the latest schema.
    ///
    /// An existing file is checked first, unwritten ([`StoreError::Damaged`] leaves it as it
    /// was); a place that cannot be written gives [`StoreError::NotWritable`]; then the writer
    /// lock is taken ([`StoreError::Locked`] names the holder).
    pub fn open(path: &Path) -> Result<Self> {
        Self::open_for_writing(path).map_err(|error| out_of_space(error, path))
    }

    fn open_for_writing(path: &Path) -> Result<Self> {
        place::free_left_siblings(path);
        // A file found damaged by either check is left as found, without a `-wal` or `-shm`.
        let checked = open::leaving_no_trace_if_damaged(path, || {
            open::open_checked_if_exists(path)?
                .map(|conn| check::check_contents(conn, path))
                .transpose()
        })?;
        let operator = checked
            .as_ref()
            .and_then(|conn| read::setting(conn, &operator::setting_key()).ok().flatten())
            .unwrap_or_else(operator::system_user);
        drop(checked);
        if path.exists()
            && let Some(reason) = place::read_only_reason(path)
        {
            return Err(StoreError::NotWritable {
                reason,
                path: path.to_owned(),
            });
        }
        let lock =
            lock::acquire(path, &operator).map_err(|failure| failure.into_store_error(path))?;
        // Opened only when no connection of ours has it: closing this descriptor would drop
        // SQLite's locks (see `in_use`).
        if path.exists()
            && !in_use::is_open(path)
            && let Err(error) = std::fs::OpenOptions::new().write(true).open(path)
        {
            return Err(StoreError::NotWritable {
                reason: format!(
                    "文件无法以写入方式打开：{}",
                    crate::io::files::reason(&error)
                ),
                path: path.to_owned(),
            });
        }
        // Copies a killed restore or demo left behind beside the file (never anyone else's).
        if let Some(folder) = path.parent().filter(|f| !f.as_os_str().is_empty()) {
            crate::io::files::remove_stale_temporaries(folder, crate::io::files::STALE_AFTER);
        }
        let mut store = Self::open_unlocked(path)?;
        store.lock = Some(lock);
        Ok(store)
    }

    /// A second connection for work on another thread of the process that holds the writer
    /// lock (batch drafts and exports); takes no lock of its own.
    pub fn open_unlocked(path: &Path) -> Result<Self> {
        let conn = open::open_file(path)?;
        Ok(Self::from_connection(conn, Some(path.to_owned())))
    }

    /// A connection for a job on another thread of the window (a batch draft, an export, a
    /// scan check), like [`Store::open_unlocked`], whose close never folds the `-wal` into the
    /// file: should the window meet damage while the job runs, the job's end writes nothing
    /// into the damaged file. The window's own connection folds it in when it closes.
    pub fn open_for_job(path: &Path) -> Result<Self> {
        let store = Self::open_unlocked(path)?;
        store.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        )?;
        Ok(store)
    }

    /// Closes a store that met damage without folding its `-wal` into the file, so that a
    /// damaged file is never written to, not even by the close.
    pub fn close_unwritten(self) {
        let _ = self.conn.set_db_config(
            rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
            true,
        );
    }

    /// Opens an existing database file read-only, without migrating it; `why` is shown when a
    /// write is attempted.
    pub fn open_read_only(path: &Path) -> Result<Self> {
        Self::open_read_only_because(path, "只读打开")
    }

    /// Like [`Store::open_read_only`], with the reason shown when a write is attempted.
    ///
    /// A file from an older version (which only a writable open migrates) is read through a
    /// migrated copy in memory, so that every query of this build works on it; the file itself
    /// is never written.
    pub fn open_read_only_because(path: &Path, why: &str) -> Result<Self> {
        Self::read_only_from(open::open_checked(path)?, path, why)
    }

    /// Opens a file found damaged, only to look at it while a restore is arranged: without the
    /// check that found the damage (it would refuse again), read-only like
    /// [`Store::open_read_only_because`], the file never written. What SQLite cannot read any
    /// more fails when it is read ([`StoreError::Corrupt`]).
    pub fn open_damaged_for_viewing(path: &Path, why: &str) -> Result<Self> {
        Self::read_only_from(open::open_unchecked(path)?, path, why)
    }

    fn read_only_from(mut conn: Connection, path: &Path, why: &str) -> Result<Self> {
        let version = schema::version(&conn)?;
        if let Some(details) = version_fit::version_mismatch(&conn, version)? {
            return Err(StoreError::Damaged {
                details,
                path: path.to_owned(),
            });
        }
        if version < schema::latest_version() {
            let mut copy = Connection::open_in_memory()?;
            rusqlite::backup::Backup::new(&conn, &mut copy)?.run_to_completion(
                1024,
                std::time::Duration::ZERO,
                None,
            )?;
            schema::migrate(&mut copy)?;
            conn = copy;
        }
        let mut store = Self::from_connection(conn, Some(path.to_owned()));
        store.read_only = Some(why.to_owned());
        Ok(store)
    }

    /// A fresh database in memory (tests and benchmarks).
    pub fn open_in_memory() -> Result<Self> {
        let conn = open::open_memory()?;
        Ok(Self::from_connection(conn, None))
    }

    fn from_connection(conn: Connection, path: Option<PathBuf>) -> Self {
        let stored = read::setting(&conn, &operator::setting_key())
            .ok()
            .flatten();
        let operator = stored.unwrap_or_else(operator::system_user);
        Self {
            conn,
            _in_use: path.as_deref().map(in_use::register),
            path,
            operator,
            read_only: None,
            damage: None,
            lock: None,
            clock: None,
        }
    }

    /// A number that changes whenever another connection (another window, a command) commits
    /// a change to the file: a read-only window reloads when it does.
    pub fn data_version(&self) -> Result<i64> {
        Ok(self
            .conn
            .query_row("PRAGMA data_version", [], |row| row.get(0))?)
    }

    /// Why this store refuses writes, if it was opened read-only.
    #[must_use]
    pub fn read_only_reason(&self) -> Option<&str> {
        self.read_only.as_deref()
    }

    /// Words anew why a store opened read-only refuses writes (the window that held the file
    /// has closed since: the old reason would send the clerk to it); a store that may write
    /// stays so.
    pub fn reword_read_only_reason(&mut self, why: &str) {
        if let Some(reason) = &mut self.read_only {
            why.clone_into(reason);
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

    /// True when this computer's login has given its name (else the log gets the login's own
    /// name, "root" or "Administrator", say).
    pub fn has_operator_name(&self) -> Result<bool> {
        Ok(read::setting(&self.conn, &operator::setting_key())?.is_some())
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
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly(why.clone()));
        }
        let written = (|| {
            // Immediate: the write lock is taken (waiting out another connection's write, a
            // background job's, say) before anything is read, so that a write which reads first
            // never finds its snapshot stale and fails with "busy" half-way.
            let tx = self
                .conn
                .transaction_with_behavior(rusqlite::TransactionBehavior::Immediate)?;
            let now = self
                .clock
                .unwrap_or_else(|| chrono::Local::now().naive_local());
            let mut writer = Writer::new(tx, &self.operator, now, self.path.as_deref());
            let value = work(&mut writer)?;
            writer.commit()?;
            Ok(value)
        })();
        match &written {
            Ok(_) => self.fold_log_into_file(),
            Err(StoreError::Corrupt(details)) => {
                self.read_only = Some("文件已损坏".to_owned());
                self.damage = Some(details.clone());
            }
            Err(_) => {}
        }
        written
    }

    /// Copies what the write-ahead log holds into the database file (a passive checkpoint,
    /// which never waits for a reader), so that the file alone holds every saved change: a
    /// clerk who copies just the `.sqlite3` to a USB stick while the program runs, or a program
    /// ended by a shutdown, loses nothing. A checkpoint that cannot finish is no error to
    /// report: the changes are safe in the log, and the next write or the close folds them in.
    fn fold_log_into_file(&self) {
        let _unfinished_is_harmless =
            self.conn
                .query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |row| {
                    row.get::<_, i64>(0)
                });
    }

    /// Dates every later write at `at`, and takes `at`'s day for today where a write checks a
    /// date against it (a signing date may not be later), instead of the system clock's: for
    /// tests that take an agreement through 定稿 and 签订 on days of a past year.
    #[doc(hidden)]
    pub fn set_clock(&mut self, at: chrono::NaiveDateTime) {
        self.clock = Some(at);
    }

    /// Damage met while working (see [`StoreError::Corrupt`]), after which the store refuses
    /// writes; the window then offers the newest good backup.
    #[must_use]
    pub fn damage(&self) -> Option<StoreError> {
        self.damage.as_ref().map(|details| StoreError::Damaged {
            details: details.clone(),
            path: self.path.clone().unwrap_or_default(),
        })
    }

    /// Reads this login's operator name again, for a window that follows another's changes
    /// (read-only): a name saved there is this login's too.
    pub fn reread_operator(&mut self) -> Result<()> {
        if let Some(name) = read::setting(&self.conn, &operator::setting_key())? {
            self.operator = name;
        }
        Ok(())
    }

    /// Changes the operator name used from now on, and stores it for this login on this
    /// computer (a colleague opening the same file elsewhere keeps their own name).
    pub fn set_operator(&mut self, name: &str) -> Result<()> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 30 {
            return Err(StoreError::Rejected(
                "操作员姓名应为 1 至 30 个字".to_owned(),
            ));
        }
        if let Some(refusal) = demo_operator_refusal(name) {
            return Err(StoreError::Rejected(refusal));
        }
        // Saved again as it is: nothing changes, and the log gets no "张三 → 张三". The name
        // before is the one the log was written under, the login's own until a name is set.
        let key = operator::setting_key();
        // The login's own name given as the name: stored, not logged as "root → root".
        if self.setting(&key)?.as_deref() != Some(name) {
            let before = self.operator.clone();
            self.write(|w| {
                w.put_setting(&key, name)?;
                if before == name {
                    return Ok(());
                }
                w.audit("修改设置", "setting", &key, Some(&before), Some(&name))
            })?;
        }
        name.clone_into(&mut self.operator);
        if let Some(lock) = &mut self.lock {
            lock.rename(name);
        }
        Ok(())
    }
}

/// Why `name` cannot be an operator's name: the demo's own history is written under it, and
/// a clerk's entries must not mix with it under one operator in the log.
#[must_use]
pub fn demo_operator_refusal(name: &str) -> Option<String> {
    (name.trim() == writer::DEMO_HISTORY_OPERATOR).then(|| {
        format!(
            "“{}”是示例数据的操作记录所用的名称，不能用作操作员姓名；请填写您的姓名",
            name.trim()
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sqlites_disk_error_is_said_in_chinese() {
        let failure = |code: i32, text: &str| {
            StoreError::from(rusqlite::Error::SqliteFailure(
                rusqlite::ffi::Error::new(code),
                Some(text.to_owned()),
            ))
            .to_string()
        };
        let io = failure(rusqlite::ffi::SQLITE_IOERR_WRITE, "disk I/O error");
        assert!(io.starts_with("读写数据库文件时磁盘出错"), "{io}");
        assert!(io.contains("原有数据未受影响"), "{io}");
        let full = failure(rusqlite::ffi::SQLITE_FULL, "database or disk is full");
        assert!(full.starts_with("磁盘空间已满"), "{full}");
        let open = failure(
            rusqlite::ffi::SQLITE_CANTOPEN,
            "unable to open database file",
        );
        assert!(open.starts_with("无法打开数据库文件"), "{open}");
        let big = failure(rusqlite::ffi::SQLITE_TOOBIG, "string or blob too big");
        assert!(big.starts_with("数据太大，无法保存"), "{big}");
        let memory = failure(rusqlite::ffi::SQLITE_NOMEM, "out of memory");
        assert!(memory.starts_with("内存不足"), "{memory}");
    }
}
