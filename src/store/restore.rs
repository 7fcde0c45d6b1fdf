//! Restoring a backup: the current file is backed up first (or, when damaged, kept aside
//! untouched), then the backup is copied beside it under a temporary name and renamed over it.

use std::path::{Path, PathBuf};

use chrono::Local;
use rusqlite::Connection;

use super::backup::{self, BackupReason};
use super::lock::sibling;
use super::undone::{Undone, undone_entries};
use super::{Result, Store, StoreError, lock, open};

/// Copies `backup` beside `db` under a temporary name and syncs it; returns that name.
/// The name is one of this program's temporary names, so a copy a killed restore left behind
/// is removed later (see `crate::io::files::remove_stale_temporaries`). A failure names `db`,
/// where the copy was to go, not the temporary name the clerk never sees.
fn copy_beside(backup: &Path, db: &Path) -> Result<PathBuf> {
    let partial = crate::io::files::temp_name_beside(db);
    let copied = std::fs::copy(backup, &partial)
        .and_then(|_| std::fs::File::open(&partial)?.sync_all())
        .map_err(|error| StoreError::write(error, db));
    if let Err(error) = copied {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    Ok(partial)
}

/// Renames `partial` (a synced copy beside `db`) over `db`. The caller has closed every
/// connection to `db`; its `-wal` and `-shm` belong to the file being replaced, so they are
/// moved aside first (never to be applied to the new file) and removed once it is in place; if
/// the rename fails they go back beside the untouched original.
fn put_in_place(partial: &Path, db: &Path) -> Result<()> {
    let mut aside = Vec::new();
    let swapped = (|| {
        for suffix in ["-wal", "-shm"] {
            let stale = sibling(db, suffix);
            if stale.exists() {
                let moved = sibling(db, &format!("{suffix}.{}.replaced", std::process::id()));
                std::fs::rename(&stale, &moved)
                    .map_err(|error| StoreError::write(error, &stale))?;
                aside.push((moved, stale));
            }
        }
        std::fs::rename(partial, db).map_err(|error| StoreError::write(error, db))?;
        crate::io::files::sync_folder_of(db);
        Ok(())
    })();
    if swapped.is_ok() {
        for (moved, _) in &aside {
            let _ = std::fs::remove_file(moved);
        }
    } else {
        let _ = std::fs::remove_file(partial);
        for (moved, stale) in &aside {
            let _ = std::fs::rename(moved, stale);
        }
    }
    swapped
}

/// Writes a new database over `db` (`demo --force`): the data replaced is kept first, in
/// `backups/` when it is a sound database, else byte for byte beside it with its `-wal` and
/// `-shm` (told to `on_kept` before anything else happens, and returned); then `build` writes a
/// synced, checked file under a temporary name, which is renamed into place. The caller holds
/// the writer lock.
pub fn replace_whole(
    db: &Path,
    on_kept: impl FnOnce(&Path),
    build: impl FnOnce(&Path) -> Result<()>,
) -> Result<PathBuf> {
    let kept = if let Ok(kept) = backup::backup_before_replacing(db) {
        kept
    } else {
        // Named in the clerk's words, its extension kept: "责任书-被替换-20261206-085436.sqlite3".
        let aside = free_name_beside(db, "被替换", "");
        keep_aside(db, &aside)?;
        for suffix in ["-wal", "-shm"] {
            let journal = sibling(db, suffix);
            if journal.exists() {
                keep_aside(&journal, &sibling(&aside, suffix))?;
            }
        }
        aside
    };
    on_kept(&kept);
    let partial = crate::io::files::temp_name_beside(db);
    if let Err(error) = build(&partial) {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    put_in_place(&partial, db)?;
    Ok(kept)
}

/// What a restore did. Once the backup is in place the restore stands, whatever fails after
/// it: that is said beside the success, not as a failure.
#[derive(Debug)]
pub struct Restored {
    /// The backup taken of the data replaced.
    pub safety: PathBuf,
    /// What failed after the backup was put in place, in words for the clerk ("已恢复备份，
    /// 但……").
    pub warning: Option<String>,
    /// False when the restored file could not be opened again: the store then refuses every
    /// write, saying so, and the file is to be opened anew (the window does, and shows why
    /// it cannot be opened if it still cannot).
    pub is_open: bool,
}

/// A restore over a damaged file, done.
#[derive(Debug)]
pub struct RestoredOverDamaged {
    /// Where the damaged file was kept, unchanged.
    pub kept: PathBuf,
    /// What failed after the backup was put in place, in words for the clerk.
    pub warning: Option<String>,
}

/// The read-only reason of a store whose file was not swapped and then could not be opened
/// again.
const ORIGINAL_NOT_REOPENED: &str =
    "没有换成备份，之后也没能重新打开原来的数据库文件，请关闭程序后重新打开";

/// Why writes are refused after a swap whose new file could not be opened.
const NOT_REOPENED: &str = "恢复后没能重新打开数据库文件，请关闭程序后重新打开";

impl Store {
    /// What this database holds now, counted as a backup's contents are (to set beside the
    /// backup's before a restore).
    pub fn contents(&self) -> Result<backup::BackupContents> {
        backup::contents_of(&self.conn)
    }

    /// What a restore of `backup` would undo: the operations in this database's log that the
    /// backup does not have, or, for a file of another database, everything.
    pub fn operations_since(&self, backup: &Path) -> Result<Undone> {
        undone_entries(&self.conn, backup)
    }

    /// Replaces this store's file by `backup`: checks the backup, backs up the current file
    /// into `backups/`, swaps the files and reopens. The writer lock is kept throughout.
    /// An error means nothing was swapped; once the files are swapped the restore is done,
    /// and what failed after that comes back as [`Restored::warning`].
    pub fn restore_from(&mut self, backup: &Path) -> Result<Restored> {
        self.restore_with(backup, open::open_file)
    }

    /// [`Store::restore_from`], opening the restored file with `reopen` (tests make it fail).
    pub(super) fn restore_with(
        &mut self,
        backup: &Path,
        reopen: impl FnOnce(&Path) -> Result<Connection>,
    ) -> Result<Restored> {
        if let Some(db) = &self.path {
            refuse_own_file(backup, db)?;
        }
        backup::inspect_backup(backup)?;
        let undone = undone_entries(&self.conn, backup)?;
        // Read before the swap: the files exported stay, and so do their records where the
        // restored data can hold them.
        let exported = super::kept_exports::export_facts(&self.conn)?;
        let issued = super::kept_notices::issued_notices(&self.conn)?;
        let mut restored = self.swap_in(
            backup,
            reopen,
            "恢复备份",
            BackupReason::Restore,
            |store, safety| store.record_restored(backup, safety, &undone, (&exported, &issued)),
        )?;
        // The data as restored, backed up at once.
        if restored.is_open {
            restored.warning = backed_up_after(self, restored.warning.take());
        }
        Ok(restored)
    }

    /// Writes every change in the `-wal` into the database file itself, so that the `-wal`
    /// moved aside when the file is swapped holds nothing, even when another window's
    /// connection keeps it from being removed on close, and a swap killed between its two
    /// renames loses no change. Refused (for `what`, e.g. "恢复备份") while another window is
    /// in the middle of reading.
    fn write_back_log(&self, what: &str) -> Result<()> {
        let busy: i64 =
            (self.conn).query_row("PRAGMA wal_checkpoint(TRUNCATE)", [], |row| row.get(0))?;
        if busy != 0 {
            return Err(StoreError::Rejected(format!(
                "另一个窗口正在读取这个数据库，最近的修改还不能写回数据库文件；请关闭其他打开这个数据库的窗口后再{what}"
            )));
        }
        Ok(())
    }

    /// Puts the database `file` in place of this store's file: checks it, backs up the
    /// current file into `backups/`, swaps the files, reopens with `reopen` and writes the
    /// swap into the new file's log with `record`. `what` names the action in messages
    /// ("恢复备份"), `reason` the backup of the current file. The writer lock is kept
    /// throughout; an error means nothing was swapped.
    pub(super) fn swap_in(
        &mut self,
        file: &Path,
        reopen: impl FnOnce(&Path) -> Result<Connection>,
        what: &str,
        reason: BackupReason,
        record: impl FnOnce(&mut Self, &Path) -> Result<()>,
    ) -> Result<Restored> {
        let Some(db) = self.path.clone() else {
            return Err(StoreError::Rejected(format!("内存数据库不能{what}")));
        };
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly(why.clone()));
        }
        refuse_own_file(file, &db)?;
        backup::inspect_backup(file)?;
        // Asked before anything is copied or backed up: a refusal then leaves the backups as
        // they were (the safety backup taken below prunes the oldest).
        self.write_back_log(what)?;
        // Copied first: the backup taken next prunes the folder, and the chosen backup may be
        // the oldest one there.
        let partial = copy_beside(file, &db)?;
        let gave_up = |error: StoreError| {
            let _ = std::fs::remove_file(&partial);
            error
        };
        let safety = self
            .auto_backup(reason)
            .and_then(|taken| {
                taken.ok_or_else(|| StoreError::Rejected("无法先备份当前数据".to_owned()))
            })
            .map_err(gave_up)?;
        // Again after the safety backup, which wrote its own entry into the log.
        self.write_back_log(what).map_err(gave_up)?;
        let placeholder = Connection::open_in_memory().map_err(|e| gave_up(e.into()))?;
        let current = std::mem::replace(&mut self.conn, placeholder);
        if let Err((still_open, error)) = current.close() {
            // Not closed: the connection stays in use and nothing is swapped.
            self.conn = still_open;
            return Err(gave_up(error.into()));
        }
        if let Err(error) = put_in_place(&partial, &db) {
            // Not swapped: the untouched original is opened again; failing that, the
            // placeholder stays and every write is refused with the reason.
            match open::open_file(&db) {
                Ok(conn) => self.conn = conn,
                Err(_) => self.read_only = Some(ORIGINAL_NOT_REOPENED.to_owned()),
            }
            return Err(error);
        }
        // From here on the new file is in place: the action is done, whatever fails next.
        match reopen(&db) {
            Ok(conn) => self.conn = conn,
            Err(error) => {
                // The placeholder stays, and every write is refused with the reason.
                self.read_only = Some(NOT_REOPENED.to_owned());
                return Ok(Restored {
                    safety,
                    warning: Some(format!(
                        "已{what}，但之后没能重新打开数据库：{error}。数据库文件已经换好；请先解决这个问题（如磁盘空间不足），再重新打开"
                    )),
                    is_open: false,
                });
            }
        }
        let recorded = record(self, &safety);
        Ok(Restored {
            safety,
            warning: recorded
                .err()
                .map(|error| format!("已{what}，但没能在操作记录中记下：{error}")),
            is_open: true,
        })
    }

    /// Writes the restore of `backup` into the restored file's log, the operator named for
    /// this login, the records of the agreement PDFs `exported` that it can hold, and the
    /// notices `issued` for the years it holds published.
    fn record_restored(
        &mut self,
        backup: &Path,
        safety: &Path,
        undone: &Undone,
        (exported, issued): (
            &[super::kept_exports::ExportFact],
            &[super::kept_notices::IssuedNotice],
        ),
    ) -> Result<()> {
        // The restored log is the backup's: the restore itself is written into it. The operator
        // named in 设置 for this login stays the operator, whatever the backup remembered; with
        // none named, the backup's name for this login is taken.
        let key = super::operator::setting_key();
        let named = super::read::setting(&self.conn, &key)?;
        // Written whenever the restored file would name someone else (or, with no name of its
        // own, anyone but the login), so this session and the next start agree.
        let is_login = self.operator == super::operator::system_user();
        let operator = match named {
            Some(name) if name == self.operator => None,
            // This login gave no name here (a new computer, a blank file): the name the backup
            // kept for this very login is the clerk's own, and stays.
            Some(name) if is_login => {
                if let Some(lock) = &mut self.lock {
                    lock.rename(&name);
                }
                self.operator = name;
                None
            }
            None if is_login => None,
            _ => Some(self.operator.clone()),
        };
        self.write(|w| {
            let kept = w.keep_exports(exported)?;
            record_restore(w, backup, Some(safety), Some((undone, kept)))?;
            // After the restore's own entry: logged since, the notice is issued. Not into another
            // database's data (its years are other years of the same numbers).
            if !undone.other_database {
                w.keep_issued_notices(issued)?;
            }
            // Logged as what it is, not as a name changed by someone at the time of the
            // restore: the name given here before is kept over the backup's.
            match &operator {
                Some(name) => {
                    let before = super::read::setting(&w.tx, &key)?;
                    w.put_setting(&key, name)?;
                    w.audit(KEPT_OPERATOR, "setting", &key, before.as_ref(), Some(name))
                }
                None => Ok(()),
            }
        })
    }
}

/// The log's action for the operator's name kept through a restore (the backup named another).
pub const KEPT_OPERATOR: &str = "恢复后沿用操作员姓名";

/// Whether two paths name the same file.
fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => false,
    }
}

/// Refuses `chosen` as the backup to restore over `db` when it is `db` itself (chosen by
/// mistake in the file chooser): said as soon as it is chosen, before its contents are shown.
pub fn refuse_own_file(chosen: &Path, db: &Path) -> Result<()> {
    if same_file(chosen, db) {
        return Err(StoreError::Rejected(format!(
            "用来恢复的文件就是这个数据库文件本身，不能用它恢复；请选择一个备份文件（自动备份在“{}”文件夹中）",
            backup::backup_folder(db).display()
        )));
    }
    Ok(())
}

/// Writes the restore into the restored database's own log: which backup, and where the data
/// it replaced went (a backup of it, or the damaged file kept aside), by their full paths.
fn record_restore(
    w: &mut super::Writer<'_>,
    backup: &Path,
    replaced: Option<&Path>,
    undone: Option<(&Undone, usize)>,
) -> Result<()> {
    let name = backup
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    // Full paths, however they were typed: the log is read later, from anywhere.
    let full = |path: &Path| {
        std::path::absolute(path)
            .unwrap_or_else(|_| path.to_owned())
            .display()
            .to_string()
    };
    // The file the last restore or 清空数据 kept of the data it replaced: that step undone,
    // said for good (the log it was written in goes with the data replaced).
    let undoes = undone.and_then(|(undone, _)| {
        let at = undone.undoes_restore_of.as_deref()?;
        Some(if undone.undoes_start_over {
            format!("{at} 的清空数据（用清空前自动保存的原有数据恢复）")
        } else {
            format!("{at} 的恢复备份（用那次恢复前自动保存的数据恢复）")
        })
    });
    // A file of another database replaces the whole log: its length is kept, not every line.
    let mut after = match undone {
        Some((undone, _)) if undone.other_database && undoes.is_none() => serde_json::json!({
            "backup": full(backup),
            "replaced": replaced.map(full),
            "other_database": undone.entries.len(),
        }),
        _ => serde_json::json!({
            "backup": full(backup),
            "replaced": replaced.map(full),
            "undone": undone.map_or(&[][..], |(undone, _)| &undone.entries),
        }),
    };
    if let (Some(undoes), Some(fields)) = (undoes, after.as_object_mut()) {
        fields.insert("undoes".to_owned(), undoes.into());
    }
    // The exported PDFs whose records were carried over, so that `verify` still knows them.
    if let Some((_, kept)) = undone.filter(|(_, kept)| *kept > 0)
        && let Some(fields) = after.as_object_mut()
    {
        fields.insert("exports_kept".to_owned(), kept.into());
    }
    w.audit("恢复备份", "backup", &name, None::<&()>, Some(&after))
}

/// Restores `backup` over a database that cannot be opened (damaged): the damaged file and its
/// `-wal` (if not empty) are kept unchanged as `<name>-损坏-<time>.sqlite3` (its extension
/// kept, so that the file chooser still offers it to be looked at), and the backup is put in
/// place.
/// Returns the path the damaged file was kept under; once the backup is in place the restore
/// stands, and what fails after that (opening it to log the restore) comes back as a warning.
///
/// The backup is copied beside the database first; the damaged file is then kept under its new
/// name as a hard link (a copy where the file system has none), its `-wal` moved beside it
/// (an empty one and the `-shm` removed), and the copy renamed over the database in one step.
/// A process killed at any point leaves a database under the name (the damaged one or the
/// restored one) and the damaged bytes kept.
pub fn restore_over_damaged(db: &Path, backup: &Path) -> Result<RestoredOverDamaged> {
    backup::inspect_backup(backup)?;
    let _lock = lock::acquire(db, "恢复备份").map_err(|failure| failure.into_store_error(db))?;
    let kept = free_name_beside(db, "损坏", "");
    let partial = copy_beside(backup, db)?;
    let swapped = (|| -> Result<()> {
        keep_aside(db, &kept)?;
        for suffix in ["-wal", "-shm"] {
            let stale = sibling(db, suffix);
            // Only a `-wal` holding something is kept beside it: an empty one, and the `-shm`
            // (an index SQLite makes again), would only leave clutter.
            let is_empty = std::fs::metadata(&stale).is_ok_and(|meta| meta.len() == 0);
            if stale.exists() && (suffix == "-shm" || is_empty) {
                // One that cannot be removed holds nothing of the data: left, harmless.
                let _ = std::fs::remove_file(&stale);
            } else if stale.exists() {
                let aside = sibling(&kept, suffix);
                std::fs::rename(&stale, &aside)
                    .map_err(|error| StoreError::write(error, &aside))?;
            }
        }
        std::fs::rename(&partial, db).map_err(|error| StoreError::write(error, db))?;
        crate::io::files::sync_folder_of(db);
        Ok(())
    })();
    if swapped.is_err() {
        let _ = std::fs::remove_file(&partial);
    }
    swapped?;
    // From here on the backup is in place: the restore is done, whatever fails next. Still
    // under the lock taken above, so opened without taking it again.
    Ok(RestoredOverDamaged {
        warning: record_restore_in_place(db, backup, Some(&kept)),
        kept,
    })
}

/// Writes the restore of `backup` into the database just put in place at `db` (under the
/// caller's lock), with the file it replaced (`replaced`: a damaged one kept aside, or none),
/// and backs the restored data up at once (恢复之后), as a restore over a sound file does.
/// Returns what failed, in words for the clerk: the restore itself is done.
#[must_use]
pub fn record_restore_in_place(
    db: &Path,
    backup: &Path,
    replaced: Option<&Path>,
) -> Option<String> {
    let mut restored = match Store::open_unlocked(db) {
        Ok(restored) => restored,
        Err(error) => return Some(format!("已恢复备份，但没能在操作记录中记下：{error}")),
    };
    // Each tried whatever the other did: said together, as after a restore over a sound file.
    let logged = (restored
        .write(|w| record_restore(w, backup, replaced, None))
        .err())
    .map(|error| format!("已恢复备份，但没能在操作记录中记下：{error}"));
    backed_up_after(&restored, logged)
}

/// Backs up the data `restored` at once (恢复之后): until the next backup, the newest one
/// before the restore (which may hold what it undid) would be the one offered for a file
/// damaged meanwhile. Returns `warning` (what failed before), with this backup's failure
/// added to it.
fn backed_up_after(restored: &Store, warning: Option<String>) -> Option<String> {
    let Err(error) = restored.auto_backup(BackupReason::AfterRestore) else {
        return warning;
    };
    let failed = format!("恢复后的数据没能立即备份：{error}");
    Some(match warning {
        Some(warning) => format!("{warning}；{failed}"),
        None => failed,
    })
}

/// Puts `backup` in place of a database file that is no longer there (moved, renamed or
/// deleted, with its backups left beside where it was): copied beside under a temporary name,
/// then renamed to the database's name, so that a process killed on the way leaves no half
/// file under it. Nothing is kept aside, there being nothing; a file that has appeared there
/// meanwhile is refused, never replaced. Returns what failed after the backup was put in place
/// (writing the restore into its log), in words for the clerk.
pub fn restore_missing(db: &Path, backup: &Path) -> Result<Option<String>> {
    backup::inspect_backup(backup)?;
    let _lock = lock::acquire(db, "恢复备份").map_err(|failure| failure.into_store_error(db))?;
    let appeared = || {
        StoreError::Rejected(format!(
            "数据库文件已经在了，没有恢复：{}；请关闭程序后重新打开",
            db.display()
        ))
    };
    if db.exists() {
        return Err(appeared());
    }
    let partial = copy_beside(backup, db)?;
    // The lost file's last changes, if its `-wal` is still there, would be played into the
    // backup when it is first opened: kept aside instead.
    if let Err(error) = set_aside_leftovers(db) {
        let _ = std::fs::remove_file(&partial);
        return Err(error);
    }
    // Linked, not renamed, into place: a file that appeared meanwhile (a drive reconnected,
    // the file copied back) makes the link fail rather than be replaced.
    let placed = match std::fs::hard_link(&partial, db) {
        Ok(()) => Ok(()),
        Err(error) if error.kind() == std::io::ErrorKind::AlreadyExists => Err(appeared()),
        // No links on this file system (FAT, exFAT): checked again just before the rename.
        Err(_) if db.exists() => Err(appeared()),
        Err(_) => std::fs::rename(&partial, db).map_err(|error| StoreError::write(error, db)),
    };
    let _ = std::fs::remove_file(&partial);
    placed?;
    crate::io::files::sync_folder_of(db);
    Ok(record_restore_in_place(db, backup, None))
}

/// Moves the `-wal` and `-shm` a database file that is no longer there left beside its place
/// to `<name>-丢失-<time>.sqlite3-wal` (and `-shm`): the `-wal` may hold its last changes, which
/// SQLite would play into whatever file is next opened under the name (a restored backup, a
/// new database). Kept for a technician, never deleted. Returns where they went.
pub fn set_aside_leftovers(db: &Path) -> Result<Vec<std::path::PathBuf>> {
    let mut moved = Vec::new();
    for suffix in ["-wal", "-shm"] {
        let left = sibling(db, suffix);
        if !left.exists() {
            continue;
        }
        let kept = free_name_beside(db, "丢失", suffix);
        std::fs::rename(&left, &kept).map_err(|error| StoreError::write(error, &left))?;
        moved.push(kept);
    }
    Ok(moved)
}

/// A name beside `db` not taken yet for keeping something of it: `<name>-{mark}-<time>` with
/// its extension (so that the file chooser still offers it) and `suffix` ("-wal"); two in one
/// second get a counter after the time.
fn free_name_beside(db: &Path, mark: &str, suffix: &str) -> std::path::PathBuf {
    let stamp = Local::now().format("%Y%m%d-%H%M%S");
    let stem = db
        .file_stem()
        .map_or_else(String::new, |s| s.to_string_lossy().into_owned());
    let extension =
        (db.extension()).map_or_else(String::new, |e| format!(".{}", e.to_string_lossy()));
    let named =
        |time: String| db.with_file_name(format!("{stem}-{mark}-{time}{extension}{suffix}"));
    (1..=u32::MAX)
        .map(|n| match n {
            1 => named(stamp.to_string()),
            _ => named(format!("{stamp}-{n}")),
        })
        .find(|path| !path.exists())
        .unwrap_or_else(|| named(stamp.to_string()))
}

/// Keeps the bytes of `db` under `kept` too: a hard link, or a synced copy where links are not
/// supported (FAT and exFAT media).
fn keep_aside(db: &Path, kept: &Path) -> Result<()> {
    if std::fs::hard_link(db, kept).is_ok() {
        return Ok(());
    }
    std::fs::copy(db, kept)
        .and_then(|_| std::fs::File::open(kept)?.sync_all())
        .map_err(|error| {
            let _ = std::fs::remove_file(kept);
            StoreError::write(error, kept)
        })
}
