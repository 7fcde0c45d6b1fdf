//! Opening database files: recognise ours from the header before SQLite touches the file,
//! check an existing file (CHECK constraints included) before anything writes to it, and back
//! it up before a migration changes it.

use std::io::Read as _;
use std::path::Path;
use std::time::Duration;

use rusqlite::config::DbConfig;
use rusqlite::{Connection, OpenFlags};

use super::place;
use super::schema::{self, APPLICATION_ID};
use super::{Result, StoreError};

/// What the first bytes of a file say about it.
#[derive(Debug, PartialEq, Eq)]
enum FileState {
    /// No file, or an empty one: a new database will be created.
    New,
    /// A zerenshu database at this (header) schema version.
    Ours,
}

const SQLITE_MAGIC: &[u8; 16] = b"SQLite format 3\0";

/// The most findings a check lists (SQLite's rows, a problem or several each): a file with
/// more is said to have at least as many (see [`CHECK_STOPPED`]).
pub(super) const CHECK_LIMIT: usize = 100;

/// Added to the findings of a check that stopped at [`CHECK_LIMIT`]: the problems counted are
/// "至少" so many (see `error::in_words`).
pub const CHECK_STOPPED: &str = "（检查到此为止，可能还有更多问题）";

/// The findings of `pragma` (`quick_check` or `integrity_check`) on `conn`, at most
/// [`CHECK_LIMIT`] problems, with [`CHECK_STOPPED`] after them when it stopped there.
pub(super) fn check_findings(conn: &Connection, pragma: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare(&format!("PRAGMA {pragma}({CHECK_LIMIT})"))?;
    let rows = statement.query_map([], |row| row.get::<_, String>(0))?;
    Ok(marked_if_stopped(rows.collect::<rusqlite::Result<_>>()?))
}

/// `findings` with [`CHECK_STOPPED`] after them when they hold [`CHECK_LIMIT`] problems: the
/// limit counts problems, and one row may hold several (see `check::problem_count`).
pub(super) fn marked_if_stopped(mut findings: Vec<String>) -> Vec<String> {
    let problems: usize = (findings.iter())
        .map(|finding| super::check::problem_count(finding))
        .sum();
    if problems >= CHECK_LIMIT {
        findings.push(CHECK_STOPPED.to_owned());
    }
    findings
}

/// Reads the 100-byte SQLite header and refuses foreign or newer files. A file a connection of
/// this process already has open was inspected then, and is not opened again here (closing a
/// second descriptor would drop SQLite's locks on it; see `in_use`).
fn inspect(path: &Path) -> Result<FileState> {
    if super::in_use::is_open(path) {
        return Ok(FileState::Ours);
    }
    let io_error = |error| StoreError::Io {
        error,
        path: path.to_owned(),
    };
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(FileState::New),
        Err(error) => return Err(io_error(error)),
    };
    let mut header = Vec::with_capacity(100);
    file.by_ref()
        .take(100)
        .read_to_end(&mut header)
        .map_err(io_error)?;
    // A file with backups of its own beside it was one of ours: what is wrong with it now is
    // damage (a zeroed first sector, a file cut to nothing), and the clerk is offered the
    // backups instead of being told it is foreign or given an empty register.
    // Asked only of a file that is not a sound database: a sound one opens without reading
    // the backup folder.
    let was_ours = || !super::backup::list_backups(path).is_empty();
    let damaged = |details: &str| StoreError::Damaged {
        details: details.to_owned(),
        path: path.to_owned(),
    };
    if header.is_empty() {
        if was_ours() {
            return Err(damaged("文件是空的（0 字节），原有内容已丢失"));
        }
        return Ok(FileState::New);
    }
    let not_ours = |reason: &str| {
        if was_ours() {
            damaged("文件开头已被改写，已不能作为数据库打开")
        } else {
            StoreError::NotOurs {
                reason: reason.to_owned(),
                path: path.to_owned(),
            }
        }
    };
    if header.len() < 100 || !header.starts_with(SQLITE_MAGIC) {
        return Err(not_ours("文件内容不是数据库（可能是改了扩展名的其他文件）"));
    }
    let field = |offset: usize| {
        header
            .get(offset..offset + 4)
            .and_then(|bytes| <[u8; 4]>::try_from(bytes).ok())
            .map_or(0, i32::from_be_bytes)
    };
    if field(68) != APPLICATION_ID {
        return Err(not_ours("这是其他程序的数据库"));
    }
    check_version(i64::from(field(60)), path)?;
    Ok(FileState::Ours)
}

/// Why a file at `path` cannot be reached, as far as its folder tells: not there, not a
/// folder, or (there, so most likely) no permission.
pub(super) fn unreachable_place(path: &Path) -> &'static str {
    let folder = crate::io::destination::folder_of(path);
    if !folder.exists() {
        "所在文件夹不存在"
    } else if !folder.is_dir() {
        "所在位置不是文件夹"
    } else {
        "文件夹不存在或没有读写权限"
    }
}

/// A clerk-readable error for a file SQLite cannot open (missing folder, no permission).
fn cannot_open(error: rusqlite::Error, path: &Path) -> StoreError {
    if error.sqlite_error_code() == Some(rusqlite::ErrorCode::CannotOpen) {
        let error = std::io::Error::new(std::io::ErrorKind::NotFound, unreachable_place(path));
        StoreError::Io {
            error,
            path: path.to_owned(),
        }
    } else {
        StoreError::Sqlite(error)
    }
}

fn check_version(found: i64, path: &Path) -> Result<()> {
    let supported = schema::latest_version();
    if found > supported {
        return Err(StoreError::TooNew {
            found,
            supported,
            path: path.to_owned(),
        });
    }
    Ok(())
}

/// Opens an existing file and runs SQLite's quick check on it, without writing it. A damaged
/// file is reported with what is wrong and is not changed; `Ok(None)` means there is no file yet.
pub fn open_checked_if_exists(path: &Path) -> Result<Option<Connection>> {
    if inspect(path)? == FileState::New {
        return Ok(None);
    }
    open_checked(path).map(Some)
}

/// Opens an existing database after checking it (see [`open_checked_if_exists`]); the
/// connection refuses writes (`PRAGMA query_only`).
///
/// SQLite reads CHECK constraints only on a connection that could write, so the check runs on a
/// read-write connection made `query_only` before anything else, with the checkpoint on close
/// off until the check has passed: nothing reaches the file before it is known to be sound. In
/// a place that cannot be written the file is opened immutable instead (see [`place`]); the
/// check there covers the structure but not the CHECK constraints.
pub fn open_checked(path: &Path) -> Result<Connection> {
    leaving_no_trace_if_damaged(path, || check_and_open(path))
}

/// Runs `check` (which opens the database at `path` and checks it); when it finds the file
/// damaged, the `-wal` and `-shm` that opening it made are taken away again, so that the
/// damaged file's folder is left as found.
pub(super) fn leaving_no_trace_if_damaged<T>(
    path: &Path,
    check: impl FnOnce() -> Result<T>,
) -> Result<T> {
    let made_here: Vec<_> = ["-wal", "-shm"]
        .into_iter()
        .map(|suffix| super::lock::sibling(path, suffix))
        .filter(|file| !file.exists())
        .collect();
    let opened = check();
    if matches!(opened, Err(StoreError::Damaged { .. })) {
        for file in made_here {
            let is_index = file.to_string_lossy().ends_with("-shm");
            if is_index || std::fs::metadata(&file).is_ok_and(|m| m.len() == 0) {
                let _ = std::fs::remove_file(&file);
            }
        }
    }
    opened
}

/// [`open_checked`] without the tidying after a damaged file.
fn check_and_open(path: &Path) -> Result<Connection> {
    let damaged = |details: String| StoreError::Damaged {
        details,
        path: path.to_owned(),
    };
    let as_damage = |error: StoreError| match error {
        StoreError::Sqlite(error) if is_corruption(&error) => damaged(error.to_string()),
        StoreError::Corrupt(details) => damaged(details),
        other => other,
    };
    let (conn, is_writable) = open_for_check(path).map_err(as_damage)?;
    let findings = check_findings(&conn, "quick_check")
        .map_err(|error| as_damage(StoreError::Sqlite(error)))?;
    if findings.len() != 1 || findings.first().map(String::as_str) != Some("ok") {
        return Err(damaged(findings.join("；")));
    }
    if is_writable {
        // Sound: closing may fold the WAL back into the file as any connection's close does.
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, false)?;
    }
    Ok(conn)
}

/// Opens an existing database as [`open_checked`] does, without its check: for looking at a
/// file found damaged. Closing folds nothing back into the file; without a `-wal` beside it
/// (nothing committed waits there) it is opened immutable, leaving no file beside it either.
pub fn open_unchecked(path: &Path) -> Result<Connection> {
    if inspect(path)? != FileState::New && !super::lock::sibling(path, "-wal").exists() {
        let conn = place::open_immutable(path).map_err(|error| cannot_open(error, path))?;
        check_version(schema::version(&conn)?, path)?;
        return Ok(conn);
    }
    let (conn, _) = open_for_check(path).map_err(|error| match error {
        StoreError::Sqlite(error) if is_corruption(&error) => StoreError::Damaged {
            details: error.to_string(),
            path: path.to_owned(),
        },
        other => other,
    })?;
    Ok(conn)
}

/// The connection the check runs on, and whether it is a read-write one (see [`open_checked`]).
fn open_for_check(path: &Path) -> Result<(Connection, bool)> {
    if inspect(path)? == FileState::New {
        return Err(missing(path));
    }
    let immutable = || -> Result<(Connection, bool)> {
        let conn = place::open_immutable(path).map_err(|error| cannot_open(error, path))?;
        check_version(schema::version(&conn)?, path)?;
        Ok((conn, false))
    };
    if place::read_only_reason(path).is_some() {
        return immutable();
    }
    let writable = (|| -> rusqlite::Result<Connection> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(path, flags)?;
        conn.set_db_config(DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE, true)?;
        conn.pragma_update(None, "query_only", true)?;
        conn.busy_timeout(Duration::from_secs(5))?;
        // The first read: where no `-shm` can be made (a read-only medium), it fails here.
        schema::version(&conn)?;
        Ok(conn)
    })();
    match writable {
        Ok(conn) => {
            check_version(schema::version(&conn)?, path)?;
            Ok((conn, true))
        }
        Err(error) if place::is_unwritable_place(&error) => immutable(),
        Err(error) => Err(cannot_open(error, path)),
    }
}

/// A file that is not there, or is empty, where a database was expected.
fn missing(path: &Path) -> StoreError {
    if path.exists() {
        StoreError::NotOurs {
            reason: "文件是空的，0 字节".to_owned(),
            path: path.to_owned(),
        }
    } else {
        StoreError::Io {
            error: std::io::Error::new(std::io::ErrorKind::NotFound, "文件不存在"),
            path: path.to_owned(),
        }
    }
}

/// True for SQLite errors that mean the file's contents are damaged.
pub(super) fn is_corruption(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::DatabaseCorrupt | rusqlite::ErrorCode::NotADatabase)
    )
}

/// Opens or creates a database file and migrates it; an existing file is backed up into the
/// `backups/` folder before a migration changes it.
pub fn open_file(path: &Path) -> Result<Connection> {
    let state = inspect(path)?;
    let mut conn = Connection::open(path).map_err(|error| cannot_open(error, path))?;
    if state == FileState::New {
        // Written before WAL is switched on, so the header carries it from the first write.
        conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    }
    configure(&conn)?;
    // The header's version can lag behind the WAL; ask SQLite as well.
    let version = schema::version(&conn)?;
    check_version(version, path)?;
    // A version that does not fit the tables would fail the upgrade half-way: said, and the
    // file left as it is, as a damaged one is.
    if state == FileState::Ours
        && let Some(details) = super::version_fit::version_mismatch(&conn, version)?
    {
        return Err(StoreError::Damaged {
            details,
            path: path.to_owned(),
        });
    }
    if state == FileState::Ours && version < schema::latest_version() {
        super::backup::auto_backup(&conn, path, super::backup::BackupReason::Migration)?;
    }
    schema::migrate(&mut conn)?;
    Ok(conn)
}

/// A migrated in-memory database.
pub fn open_memory() -> Result<Connection> {
    let mut conn = Connection::open_in_memory()?;
    conn.pragma_update(None, "application_id", APPLICATION_ID)?;
    configure(&conn)?;
    schema::migrate(&mut conn)?;
    Ok(conn)
}

fn configure(conn: &Connection) -> Result<()> {
    conn.busy_timeout(Duration::from_secs(5))?;
    conn.pragma_update(None, "foreign_keys", true)?;
    // Returns the new mode as a row, so it is read rather than executed.
    let _mode: String = conn.query_row("PRAGMA journal_mode = WAL", [], |row| row.get(0))?;
    conn.pragma_update(None, "synchronous", "FULL")?;
    Ok(())
}
