//! The store's backups: a copy to a chosen file while it stays open, the automatic backups into
//! `backups/` (the day's first, and before an operation, which does not go on without it), and
//! 立即备份.

use std::path::{Path, PathBuf};

use super::backup::{self, BackupReason};
use super::{Result, Store, StoreError};

impl Store {
    /// Copies the database to `out` while it stays open (SQLite's online backup API); the copy
    /// is checked before it gets its name.
    pub fn backup_to(&self, out: &Path) -> Result<()> {
        backup::copy_database(&self.conn, out)
    }

    /// Writes the database to `out` as a file to work in (as [`Store::backup_to`], in WAL
    /// mode as the app keeps its files): how a database built in memory is saved.
    pub fn save_as(&self, out: &Path) -> Result<()> {
        backup::copy_database_as(&self.conn, out, "WAL")
    }

    /// Takes an automatic backup into the `backups/` folder beside the file and prunes old
    /// ones; nothing for an in-memory store.
    pub fn auto_backup(&self, reason: BackupReason) -> Result<Option<PathBuf>> {
        match &self.path {
            Some(path) if self.read_only.is_none() => {
                backup::auto_backup(&self.conn, path, reason).map(Some)
            }
            _ => Ok(None),
        }
    }

    /// [`Store::auto_backup`] before an operation (an import, a batch draft …): when it fails
    /// the operation is not to go on, and the message says so, with the reason.
    pub fn backup_before(&self, reason: BackupReason) -> Result<Option<PathBuf>> {
        self.auto_backup(reason).map_err(|error| {
            let label = reason.label();
            let action = label.strip_suffix('前').unwrap_or(label);
            StoreError::Rejected(format!(
                "{label}的自动备份没有成功，为免出错后无法挽回，本次{action}没有进行。原因：{error}"
            ))
        })
    }

    /// A backup into the `backups/` folder beside the file, as 立即备份 takes it (手动备份): the
    /// file is only read, so a store opened read-only (another window holds it) backs up too.
    /// Data unchanged since the last manual backup is not copied again (see
    /// [`backup::TakenBackup`]).
    pub fn backup_into_folder(&self) -> Result<backup::TakenBackup> {
        let Some(path) = &self.path else {
            return Err(StoreError::Rejected("内存数据库没有备份文件夹".to_owned()));
        };
        backup::manual_backup(&self.conn, path)
    }

    /// The day's first automatic backup, if none was taken today; none of a database not yet
    /// started (it holds nothing, and restoring such a backup would only bring back the welcome
    /// dialog).
    pub fn daily_backup(&self) -> Result<Option<PathBuf>> {
        match &self.path {
            Some(path) if backup::daily_backup_due(path) && self.is_initialized()? => {
                self.auto_backup(BackupReason::Daily)
            }
            _ => Ok(None),
        }
    }
}
