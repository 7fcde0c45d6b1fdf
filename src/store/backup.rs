//! Backups: consistent copies through SQLite's online backup API, the automatic copies kept in
//! a `backups/` folder beside the database, and what a backup holds (shown before restoring).
//!
//! Every copy is written to a temporary name, checked with `PRAGMA integrity_check`, synced
//! and only then renamed to its final name, so a backup under a final name is always whole.

use std::path::{Path, PathBuf};
use std::time::Duration;

use chrono::{Local, NaiveDateTime};
use rusqlite::Connection;
use rusqlite::backup::Backup;

pub(super) use super::backup_contents::contents_of;
pub use super::backup_contents::{BackupContents, inspect_backup};
use super::{Result, StoreError, open};

/// How many routine automatic backups are kept beside a database (daily starts, before a
/// migration, rollover, import or batch draft); older ones are removed.
pub const KEEP_BACKUPS: usize = 30;

/// How many of the clerk's own backups (立即备份) are kept: pruned only among themselves, so
/// that a busy day of imports and drafts never removes the one taken before a risky step.
pub const KEEP_MANUAL_BACKUPS: usize = 30;

/// How many backups of the day's first start are kept besides: a busy day of imports and
/// manual backups never prunes the restore points of the days before it.
pub const KEEP_DAILY_BACKUPS: usize = 14;

/// How many safety copies are kept beside a database (before a restore, a year deletion or the
/// demo written over the file): pruned only among themselves, never by routine backups.
pub const KEEP_SAFETY_BACKUPS: usize = 10;

/// The folder beside the database that holds the automatic backups.
pub const BACKUP_FOLDER: &str = "backups";

const STAMP_FORMAT: &str = "%Y%m%d-%H%M%S";
const EXTENSION: &str = "sqlite3";

/// Why a backup was taken; part of its file name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BackupReason {
    /// The first start of the day.
    Daily,
    /// Before the schema is migrated to a newer version.
    Migration,
    /// Before a year rollover.
    Rollover,
    /// Before an import of units or scores.
    Import,
    /// Before a batch draft.
    Draft,
    /// Before the database is replaced by a restored backup.
    Restore,
    /// Asked for by the clerk.
    Manual,
    /// Before `demo --force` writes the demo over the file.
    Demo,
    /// Before a year is deleted.
    YearDeletion,
    /// Before every piece of data is replaced by a blank register (清空数据，从空白开始).
    StartOver,
    /// Right after a restore: the data as restored. A file damaged before the next backup is
    /// then offered this state, not a backup from before the restore that holds what the
    /// restore undid.
    AfterRestore,
}

impl BackupReason {
    const ALL: [Self; 11] = [
        Self::Daily,
        Self::Migration,
        Self::Rollover,
        Self::Import,
        Self::Draft,
        Self::Restore,
        Self::Manual,
        Self::Demo,
        Self::YearDeletion,
        Self::StartOver,
        Self::AfterRestore,
    ];

    /// The English word that named the reason in the files of earlier versions, read still.
    fn former_tag(self) -> &'static str {
        match self {
            Self::Daily => "daily",
            Self::Migration => "migration",
            Self::Rollover => "rollover",
            Self::Import => "import",
            Self::Draft => "draft",
            Self::Restore => "restore",
            Self::Manual => "manual",
            Self::Demo => "demo",
            Self::YearDeletion => "yeardelete",
            Self::StartOver => "startover",
            Self::AfterRestore => "afterrestore",
        }
    }

    /// True for a safety copy: taken before the data are replaced or removed (a restore, a
    /// year deletion, the demo written over the file), kept apart from routine backups so that
    /// a burst of those never prunes it (see [`KEEP_SAFETY_BACKUPS`]).
    #[must_use]
    pub fn is_safety_copy(self) -> bool {
        matches!(
            self,
            Self::Restore | Self::YearDeletion | Self::Demo | Self::StartOver
        )
    }

    /// The reason as the backup list shows it.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Daily => "每日首次启动",
            Self::Migration => "升级数据版本前",
            Self::Rollover => "年度结转前",
            Self::Import => "导入前",
            Self::Draft => "批量起草前",
            Self::Restore => "恢复备份前",
            Self::Manual => "手动备份",
            Self::Demo => "写入示例数据前",
            Self::YearDeletion => "删除年度前",
            Self::StartOver => "清空数据前",
            Self::AfterRestore => "恢复之后",
        }
    }
}

/// One automatic backup found beside a database.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupFile {
    /// The file.
    pub path: PathBuf,
    /// When it was taken (local time, from its name).
    pub taken_at: NaiveDateTime,
    /// Why it was taken.
    pub reason: BackupReason,
    /// Its size in bytes.
    pub bytes: u64,
}

/// The `backups/` folder beside a database file.
#[must_use]
pub fn backup_folder(db: &Path) -> PathBuf {
    db.parent()
        .unwrap_or_else(|| Path::new("."))
        .join(BACKUP_FOLDER)
}

/// What the names of `db`'s backups begin with: the file's name without the usual `.sqlite3`
/// (`zerenshu` for `zerenshu.sqlite3`), its whole name with any other extension (`a.db`) and
/// marked when it has none (`a（无扩展名）`), so that `a.db` and `a` beside `a.sqlite3` each
/// list, offer and prune only their own backups.
fn stem(db: &Path) -> String {
    let Some(name) = db.file_name().map(|s| s.to_string_lossy().into_owned()) else {
        return "zerenshu".to_owned();
    };
    match db.extension() {
        Some(extension) if extension == EXTENSION => db
            .file_stem()
            .map_or(name, |s| s.to_string_lossy().into_owned()),
        Some(_) => name,
        None => format!("{name}（无扩展名）"),
    }
}

/// What SQLite's integrity check finds wrong with the database behind `source`, if anything
/// (the full check the copy failed, not the quick one: damage to an index's contents counts);
/// damage met reading it counts as what it found (another error, such as a busy file, does
/// not: the copy's own check stands).
fn source_damage(source: &Connection) -> Option<String> {
    let findings = open::check_findings(source, "integrity_check");
    match findings {
        Ok(findings) if findings == ["ok"] => None,
        Ok(findings) => Some(findings.join("；")),
        Err(error) if open::is_corruption(&error) => Some(error.to_string()),
        Err(_) => None,
    }
}

/// Copies the database behind `source` to `out` with the online backup API: the copy is
/// consistent even while other connections write. The copy is checked before it gets its name.
pub(super) fn copy_database(source: &Connection, out: &Path) -> Result<()> {
    copy_database_as(source, out, "DELETE")
}

/// As [`copy_database`], leaving the copy in `journal_mode` (`DELETE` for a backup, a single
/// self-contained file; `WAL` for a database to work in, as the app opens it).
pub(super) fn copy_database_as(source: &Connection, out: &Path, journal_mode: &str) -> Result<()> {
    let folder = out.parent().unwrap_or_else(|| Path::new("."));
    // Said as every output's folder is said (see `io::destination`).
    if !folder.as_os_str().is_empty() && !folder.is_dir() {
        let folder = folder.to_path_buf();
        let refusal = if folder.is_file() {
            crate::io::destination::DestinationError::FolderIsAFile(folder)
        } else {
            crate::io::destination::DestinationError::MissingFolder(folder)
        };
        return Err(StoreError::Rejected(refusal.to_string()));
    }
    let file_name = out
        .file_name()
        .map_or_else(|| "backup".into(), |n| n.to_string_lossy().into_owned());
    let partial = out.with_file_name(format!(".{file_name}.{}.partial", std::process::id()));
    if let Some(reason) = super::place::folder_read_only_reason(folder) {
        return Err(StoreError::Write {
            error: std::io::Error::new(
                std::io::ErrorKind::PermissionDenied,
                format!("{reason}，不能在其中新建文件"),
            ),
            path: out.to_owned(),
        });
    }
    let _ = std::fs::remove_file(&partial);
    let copied = (|| -> Result<()> {
        // Made here first, so a folder that refuses new files is named in the clerk's words.
        drop(std::fs::File::create(&partial).map_err(|error| StoreError::write(error, out))?);
        let mut target = Connection::open(&partial).map_err(|error| StoreError::Write {
            error: std::io::Error::other(format!("无法新建备份文件（{error}）")),
            path: out.to_owned(),
        })?;
        copy_in_one_step(&Backup::new(source, &mut target)?)?;
        let mode: String = target.query_row(
            &format!("PRAGMA journal_mode = {journal_mode}"),
            [],
            |row| row.get(0),
        )?;
        if !mode.eq_ignore_ascii_case(journal_mode) {
            return Err(StoreError::Rejected(format!(
                "无法把副本设为 {journal_mode} 日志模式（{mode}）"
            )));
        }
        let check: String = target.query_row("PRAGMA integrity_check", [], |row| row.get(0))?;
        // A faithful copy of a damaged file: the damage is the database's own, said as damage
        // met anywhere is, so that the window stops writing to it and offers a good backup.
        // (A copy in memory, as a read-only window may hold, has no file to name.)
        let source_file = source.path().filter(|path| !path.is_empty());
        if check != "ok"
            && let Some(path) = source_file
            && let Some(details) = source_damage(source)
        {
            return Err(StoreError::Damaged {
                details,
                path: PathBuf::from(path),
            });
        }
        if check != "ok" {
            return Err(StoreError::Rejected(format!(
                "备份副本未通过完整性检查（{check}），已放弃该副本"
            )));
        }
        // The copy is the source's own pages (its integrity passed): damage in its contents
        // is the database's, said as damage so that the window stops writing to it too.
        let target = super::check::check_contents(target, out).map_err(|error| match error {
            StoreError::Damaged { details, .. } => match source_file {
                Some(path) => StoreError::Damaged {
                    details,
                    path: PathBuf::from(path),
                },
                None => StoreError::Rejected(format!(
                    "备份副本未通过检查（{}），已放弃该副本",
                    super::error::in_words(&details)
                )),
            },
            other => other,
        })?;
        target
            .close()
            .map_err(|(_, error)| StoreError::from(error))?;
        std::fs::File::open(&partial)
            .and_then(|file| file.sync_all())
            .map_err(|error| StoreError::write(error, &partial))?;
        std::fs::rename(&partial, out).map_err(|error| StoreError::write(error, out))?;
        crate::io::files::sync_folder_of(out);
        Ok(())
    })();
    copied.map_err(|error| {
        // Asked while the partial copy still fills the disk: SQLite says "disk I/O error".
        let error = super::out_of_space(error, out);
        for suffix in ["", "-journal", "-wal", "-shm"] {
            let _ = std::fs::remove_file(partial.with_extension(format!("partial{suffix}")));
        }
        error
    })
}

/// Runs `backup` in one step, that is one read of the source: a window writing through another
/// connection meanwhile neither restarts the copy nor gets into it. A step that meets the
/// source busy (or any other answer but done) is tried again, for half a minute at most.
fn copy_in_one_step(backup: &Backup<'_, '_>) -> Result<()> {
    use rusqlite::backup::StepResult;
    const PAUSE: Duration = Duration::from_millis(10);
    const TRIES: u32 = 3000;
    for _ in 0..TRIES {
        if backup.step(-1)? == StepResult::Done {
            return Ok(());
        }
        std::thread::sleep(PAUSE);
    }
    Err(StoreError::Rejected(
        "数据库一直被占用，半分钟内没能读完，备份没有完成；请稍后再试".to_owned(),
    ))
}

/// Takes an automatic backup of `source` (the database at `db`) into the backup folder and
/// prunes the folder (see [`prune`]). Returns the new file.
pub(super) fn auto_backup(source: &Connection, db: &Path, reason: BackupReason) -> Result<PathBuf> {
    let path = write_backup(source, db, reason)?;
    let source_id = super::read::database_id(source).ok().flatten();
    prune(db, source_id.as_deref());
    Ok(path)
}

/// Writes a backup of `source` for `reason` into the backup folder, pruning nothing.
fn write_backup(source: &Connection, db: &Path, reason: BackupReason) -> Result<PathBuf> {
    let folder = backup_folder(db);
    // A file where the folder goes: named for what it is, not as a file that cannot be written.
    if folder.exists() && !folder.is_dir() {
        return Err(StoreError::Rejected(format!(
            "数据库旁的 backups 不是文件夹而是一个文件，备份无处存放：请把这个文件改名或移走（程序会自动新建 backups 文件夹）：{}",
            folder.display()
        )));
    }
    std::fs::create_dir_all(&folder).map_err(|error| StoreError::write(error, &folder))?;
    let stamp = Local::now().format(STAMP_FORMAT).to_string();
    // Named in the clerk's words, as the list shows it: "zerenshu-20261130-093000-每日首次启动".
    let base = format!("{}-{stamp}-{}", stem(db), reason.label());
    let mut path = folder.join(format!("{base}.{EXTENSION}"));
    let mut counter = 2;
    while path.exists() {
        path = folder.join(format!("{base}-{counter}.{EXTENSION}"));
        counter += 1;
    }
    copy_database(source, &path)?;
    Ok(path)
}

/// A backup taken on request: the file written, or, when the data is just as the newest manual
/// backup holds it, that backup (a second copy of the same data is not kept: a burst of
/// clicks on 立即备份 would push older, different backups out of the folder).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TakenBackup {
    /// The backup file.
    pub path: PathBuf,
    /// When the data is unchanged since the newest manual backup: when that was taken.
    pub unchanged_since: Option<NaiveDateTime>,
}

/// Takes a manual backup of `source` (the database at `db`) into the backup folder; see
/// [`TakenBackup`].
pub(super) fn manual_backup(source: &Connection, db: &Path) -> Result<TakenBackup> {
    let previous = (list_backups(db).into_iter()).find(|b| b.reason == BackupReason::Manual);
    // Pruned only once kept: a copy given up as a repeat pushes no older backup out.
    let path = write_backup(source, db, BackupReason::Manual)?;
    if let Some(previous) = previous
        && previous.path != path
        && same_bytes(&previous.path, &path)
    {
        std::fs::remove_file(&path).map_err(|error| StoreError::write(error, &path))?;
        crate::io::files::sync_folder_of(&path);
        return Ok(TakenBackup {
            path: previous.path,
            unchanged_since: Some(previous.taken_at),
        });
    }
    let source_id = super::read::database_id(source).ok().flatten();
    prune(db, source_id.as_deref());
    Ok(TakenBackup {
        path,
        unchanged_since: None,
    })
}

/// True when the files at `a` and `b` hold the same bytes (read a piece at a time: a backup
/// with years of scans is large); false when either cannot be read.
fn same_bytes(a: &Path, b: &Path) -> bool {
    use std::io::Read as _;
    let (Ok(a), Ok(b)) = (std::fs::File::open(a), std::fs::File::open(b)) else {
        return false;
    };
    let sizes = (a.metadata().map(|m| m.len()), b.metadata().map(|m| m.len()));
    if !matches!(sizes, (Ok(x), Ok(y)) if x == y) {
        return false;
    }
    let (mut a, mut b) = (std::io::BufReader::new(a), std::io::BufReader::new(b));
    let (mut left, mut right) = (vec![0u8; 1 << 16], vec![0u8; 1 << 16]);
    loop {
        let Ok(n) = a.read(&mut left) else {
            return false;
        };
        if n == 0 {
            return true;
        }
        let (Some(ours), Some(theirs)) = (left.get(..n), right.get_mut(..n)) else {
            return false;
        };
        if b.read_exact(theirs).is_err() || ours != theirs {
            return false;
        }
    }
}

/// Backs up the file at `db` into its `backups/` folder before something replaces it whole
/// (`demo --force`); the file is read, never written. A file that is not a sound zerenshu
/// database cannot be backed up and is refused with the reason.
pub fn backup_before_replacing(db: &Path) -> Result<PathBuf> {
    let conn = super::check::check_contents(open::open_checked(db)?, db)?;
    auto_backup(&conn, db, BackupReason::Demo)
}

/// The automatic backups of `db`, newest first. Files that do not follow the naming scheme
/// are not ours and are left out (and never pruned).
#[must_use]
pub fn list_backups(db: &Path) -> Vec<BackupFile> {
    let mut prefixes = vec![format!("{}-", stem(db))];
    // A file without an extension had its backups named after its plain name before they were
    // marked; they are its own unless a `.sqlite3` twin beside it shares that name.
    if db.extension().is_none()
        && let Some(name) = db.file_name().map(|s| s.to_string_lossy().into_owned())
        && !db.with_file_name(format!("{name}.{EXTENSION}")).exists()
    {
        prefixes.push(format!("{name}-"));
    }
    let Ok(entries) = std::fs::read_dir(backup_folder(db)) else {
        return Vec::new();
    };
    // Several backups can share a second: within it, the file written last and the higher
    // counter ("…-daily-10" after "…-daily-9") count as newer.
    let mut found: Vec<(BackupFile, std::time::SystemTime, u32)> = entries
        .filter_map(std::result::Result::ok)
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let rest = prefixes
                .iter()
                .find_map(|prefix| name.strip_prefix(prefix.as_str()))?
                .strip_suffix(&format!(".{EXTENSION}"))?;
            let (taken_at, reason, counter) = parse_name(rest)?;
            let metadata = entry.metadata().ok()?;
            let written = metadata.modified().unwrap_or(std::time::UNIX_EPOCH);
            let file = BackupFile {
                path: entry.path(),
                taken_at,
                reason,
                bytes: metadata.len(),
            };
            Some((file, written, counter))
        })
        .collect();
    found.sort_by(|a, b| {
        (b.0.taken_at, b.1, b.2)
            .cmp(&(a.0.taken_at, a.1, a.2))
            .then(b.0.path.cmp(&a.0.path))
    });
    found.into_iter().map(|(file, _, _)| file).collect()
}

/// The backup to offer for a damaged database among `candidates` (newest first, each with what
/// it holds or why it cannot be used): the newest good one, passing over "恢复备份前" backups
/// (they hold the data a restore replaced) while an older good one is there.
#[must_use]
pub fn offered_backup<E>(
    candidates: &[(BackupFile, std::result::Result<BackupContents, E>)],
) -> Option<&(BackupFile, std::result::Result<BackupContents, E>)> {
    let good = || candidates.iter().filter(|(_, contents)| contents.is_ok());
    good()
        .find(|(file, _)| file.reason != BackupReason::Restore)
        .or_else(|| good().next())
}

/// Why no backup of `db` is offered, with the backups folder's full path: the folder is not
/// there, or holds no good backup of this database (it may hold those of others beside it,
/// so the file is named). Looks at the disk: worked out once, not every frame.
#[must_use]
pub fn no_good_backup(db: &Path) -> String {
    let folder = backup_folder(db);
    let folder = std::path::absolute(&folder).unwrap_or(folder);
    if folder.is_dir() {
        let name = db.file_name().map_or_else(
            || db.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        format!(
            "备份文件夹中没有这个数据库（{name}）的完好备份：{}",
            folder.display()
        )
    } else {
        format!("没有找到备份文件夹：{}", folder.display())
    }
}

/// True when `backup` is known to be a file of another database than `db` (their identities,
/// read without writing, differ); false when they match or either cannot be read (`db` may be
/// too damaged to tell).
#[must_use]
pub fn is_other_database(db: &Path, backup: &Path) -> bool {
    let identity = |path: &Path| {
        super::place::open_immutable(path)
            .ok()
            .and_then(|conn| super::read::database_id(&conn).ok().flatten())
    };
    matches!((identity(db), identity(backup)), (Some(here), Some(there)) if here != there)
}

/// The backup of `db` to restore it from (see [`offered_backup`]), with what it holds; `None`
/// when `backups/` holds no good one.
#[must_use]
pub fn newest_good_backup(db: &Path) -> Option<(BackupFile, BackupContents)> {
    let candidates: Vec<_> = list_backups(db)
        .into_iter()
        .map(|file| {
            let contents = inspect_backup(&file.path);
            (file, contents)
        })
        .collect();
    match offered_backup(&candidates) {
        Some((file, Ok(contents))) => Some((file.clone(), contents.clone())),
        _ => None,
    }
}

/// Splits "20261130-093000-每日首次启动" (or "…-每日首次启动-2", or with the English word of
/// earlier versions, "…-daily") into its time, reason and counter (1 when there is none).
fn parse_name(rest: &str) -> Option<(NaiveDateTime, BackupReason, u32)> {
    let stamp = rest.get(..15)?;
    let taken_at = NaiveDateTime::parse_from_str(stamp, STAMP_FORMAT).ok()?;
    let mut parts = rest.get(16..)?.split('-');
    let tag = parts.next()?;
    let reason =
        (BackupReason::ALL.into_iter()).find(|r| r.label() == tag || r.former_tag() == tag)?;
    let counter = match parts.next() {
        Some(number) => number.parse().ok()?,
        None => 1,
    };
    Some((taken_at, reason, counter))
}

/// Removes all but the newest [`KEEP_BACKUPS`] routine backups of `db` (keeping besides the
/// newest [`KEEP_DAILY_BACKUPS`] of the day's first start), the newest [`KEEP_MANUAL_BACKUPS`]
/// manual ones and the newest [`KEEP_SAFETY_BACKUPS`] safety copies, each kind counted on its
/// own, and copies that a killed process left half-written under a temporary name.
///
/// Only backups of the same data as `source_id` (the database's identity) are pruned: the
/// backups of a file that was lost, moved or started over beside them are never removed by
/// the new file's backups, however many it takes.
fn prune(db: &Path, source_id: Option<&str>) {
    crate::io::files::remove_stale_temporaries(&backup_folder(db), crate::io::files::STALE_AFTER);
    let is_same_data = |backup: &BackupFile| {
        let id = super::place::open_immutable(&backup.path)
            .ok()
            .and_then(|conn| super::read::database_id(&conn).ok().flatten());
        match (source_id, id) {
            (Some(here), Some(there)) => here == there,
            // A file from before identities backed up ahead of its migration: the backups
            // that carry one are another database's.
            (None, Some(_)) => false,
            // Backups from before identities, of this file as far as can be told.
            (_, None) => true,
        }
    };
    let (manual, others): (Vec<_>, Vec<_>) = list_backups(db)
        .into_iter()
        .filter(is_same_data)
        .partition(|backup| backup.reason == BackupReason::Manual);
    let (safety, routine): (Vec<_>, Vec<_>) = others
        .into_iter()
        .partition(|backup| backup.reason.is_safety_copy());
    let mut dailies = 0;
    let old_routine = routine.into_iter().enumerate().filter(|(index, backup)| {
        let is_kept_daily = backup.reason == BackupReason::Daily && {
            dailies += 1;
            dailies <= KEEP_DAILY_BACKUPS
        };
        *index >= KEEP_BACKUPS && !is_kept_daily
    });
    let old_safety = safety.into_iter().skip(KEEP_SAFETY_BACKUPS);
    let old_manual = manual.into_iter().skip(KEEP_MANUAL_BACKUPS);
    let old_routine = old_routine.map(|(_, backup)| backup);
    for old in old_routine.chain(old_safety).chain(old_manual) {
        let _ = std::fs::remove_file(old.path);
    }
}

/// True when no daily backup of `db` was taken today. Backups taken for other reasons do not
/// count: one taken before an import holds the data as it was before that import.
#[must_use]
pub fn daily_backup_due(db: &Path) -> bool {
    let today = Local::now().date_naive();
    !list_backups(db)
        .iter()
        .any(|backup| backup.reason == BackupReason::Daily && backup.taken_at.date() == today)
}

#[cfg(test)]
#[path = "backup_tests.rs"]
mod tests;
