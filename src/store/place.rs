//! Where a database file lies, as far as writing goes: a folder or medium that cannot be
//! written (no `-shm`, `-wal` or lock file can be made there) is opened read-only with SQLite's
//! `immutable=1` URI, which needs none of them.

use std::fmt::Write as _;
use std::path::Path;

use rusqlite::{Connection, OpenFlags};

/// Why the place of `db` cannot be written, judged from the permission bits of its folder and
/// of the file, or `None` when nothing says so (a read-only medium is only found by trying).
///
/// On Windows the read-only attribute of a folder does not stop writing into it (Explorer sets
/// it on customised folders), so only the file's attribute counts there.
#[must_use]
pub fn read_only_reason(db: &Path) -> Option<String> {
    let folder = match db.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    read_only_reason_from(
        std::fs::metadata(folder).ok().as_ref(),
        std::fs::metadata(db).ok().as_ref(),
    )
    .or_else(|| read_only_sibling(db))
}

/// The `-wal` or `-shm` beside `db` that cannot be written, said for the clerk: SQLite makes
/// them with the database's permissions, so a window that read a read-only file leaves them
/// read-only, and a read-write connection would then fail at its first write.
fn read_only_sibling(db: &Path) -> Option<String> {
    SIBLINGS.into_iter().find_map(|suffix| {
        let file = super::lock::sibling(db, suffix);
        let meta = std::fs::metadata(&file).ok()?;
        meta.permissions().readonly().then(|| {
            let name = file.file_name().map(|n| n.to_string_lossy().into_owned());
            // The `-shm` is only an index, made again; the `-wal` may hold saved changes.
            let what_to_do = if suffix == "-shm" {
                "删除该文件或取消它的只读属性"
            } else {
                "取消它的只读属性（不要删除：其中可能有尚未并入数据库的修改）"
            };
            format!(
                "旁边的文件“{}”只读（多半是此前以只读方式打开时留下的）：请关闭本程序，{what_to_do}后再打开",
                name.unwrap_or_default()
            )
        })
    })
}

/// The files SQLite keeps beside a database in WAL mode.
const SIBLINGS: [&str; 2] = ["-wal", "-shm"];

/// Gives a `-wal` or `-shm` left read-only beside a writable `db` the database's permissions
/// again (what SQLite would have made them with), so that a file made writable after a
/// read-only session opens writable; one that cannot be changed is then said by
/// [`read_only_reason`].
pub(super) fn free_left_siblings(db: &Path) {
    let folder = match db.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    };
    let Ok(db_meta) = std::fs::metadata(db) else {
        return;
    };
    if read_only_reason_from(std::fs::metadata(folder).ok().as_ref(), Some(&db_meta)).is_some() {
        return;
    }
    for suffix in SIBLINGS {
        let file = super::lock::sibling(db, suffix);
        if std::fs::metadata(&file).is_ok_and(|meta| meta.permissions().readonly()) {
            let _ = std::fs::set_permissions(&file, db_meta.permissions());
        }
    }
}

/// The read-only reason of a database whose folder cannot be written: nothing can be made
/// beside it (its `backups/` neither).
pub const FOLDER_READ_ONLY: &str = "所在文件夹只读";

/// The read-only reason of a database whose folder took no lock file (no permission there for
/// this user, though its permission bits are not read-only): no backup can be made there
/// either.
pub const FOLDER_NOT_WRITABLE: &str = "所在的文件夹无法新建文件";

/// Why files cannot be made in `folder`, judged from its permission bits (Unix only, see
/// [`read_only_reason`]), or `None` when nothing says so.
pub(super) fn folder_read_only_reason(folder: &Path) -> Option<String> {
    let folder = if folder.as_os_str().is_empty() {
        Path::new(".")
    } else {
        folder
    };
    read_only_reason_from(std::fs::metadata(folder).ok().as_ref(), None)
}

/// The decision of [`read_only_reason`] from the folder's and the file's metadata.
fn read_only_reason_from(
    folder: Option<&std::fs::Metadata>,
    file: Option<&std::fs::Metadata>,
) -> Option<String> {
    if cfg!(unix) && folder.is_some_and(|meta| meta.permissions().readonly()) {
        return Some(FOLDER_READ_ONLY.to_owned());
    }
    if file.is_some_and(|meta| meta.permissions().readonly()) {
        return Some("文件只读".to_owned());
    }
    None
}

/// True for SQLite's errors that mean a file beside the database could not be made or written
/// (`-shm`, `-wal`): what a read-only folder or medium gives a read-write connection.
pub(super) fn is_unwritable_place(error: &rusqlite::Error) -> bool {
    matches!(
        error.sqlite_error_code(),
        Some(rusqlite::ErrorCode::CannotOpen | rusqlite::ErrorCode::ReadOnly)
    )
}

/// Opens `db` read-only as immutable: no locks, no `-shm`, nothing created beside it. Only for
/// places nobody can write, as SQLite then assumes the file does not change while open.
pub(super) fn open_immutable(db: &Path) -> rusqlite::Result<Connection> {
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_URI
        | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    Connection::open_with_flags(immutable_uri(db), flags)
}

/// The `file:` URI of `db` with `immutable=1`, its path percent-encoded.
fn immutable_uri(db: &Path) -> String {
    let text = db.to_string_lossy().replace('\\', "/");
    let mut uri = String::from("file:");
    // An absolute path gets an empty authority: `file:///home/…`, `file:///C:/…`.
    if text.starts_with('/') {
        uri.push_str("//");
    } else if text.as_bytes().get(1) == Some(&b':') {
        uri.push_str("///");
    }
    for byte in text.bytes() {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'/' | b'-' | b'.' | b'_' | b'~' | b':') {
            uri.push(char::from(byte));
        } else {
            // Writing into a String cannot fail.
            let _ = write!(uri, "%{byte:02X}");
        }
    }
    uri.push_str("?immutable=1");
    uri
}

/// True when the folder of `db` has no room for a small file (64 KB, written and synced; the
/// probe is removed again).
pub(super) fn folder_is_full(db: &Path) -> bool {
    use std::io::Write as _;
    let folder = db
        .parent()
        .filter(|f| !f.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    let probe = folder.join(format!(".zerenshu-space.{}.tmp", std::process::id()));
    let written = std::fs::File::create(&probe).and_then(|mut file| {
        file.write_all(&vec![0_u8; 64 * 1024])?;
        file.sync_all()
    });
    let _ = std::fs::remove_file(&probe);
    matches!(
        written,
        Err(error) if matches!(
            error.kind(),
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
        )
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris_encode_the_path_and_ask_for_immutable() {
        assert_eq!(
            immutable_uri(Path::new("/数据/a b%#?.sqlite3")),
            "file:///%E6%95%B0%E6%8D%AE/a%20b%25%23%3F.sqlite3?immutable=1"
        );
        assert_eq!(
            immutable_uri(Path::new("C:\\资料\\z.sqlite3")),
            "file:///C:/%E8%B5%84%E6%96%99/z.sqlite3?immutable=1"
        );
        assert_eq!(
            immutable_uri(Path::new("z.sqlite3")),
            "file:z.sqlite3?immutable=1"
        );
    }

    #[test]
    fn a_folder_or_file_without_write_permission_is_read_only() {
        use std::fs::Permissions;
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("z.sqlite3");
        std::fs::write(&db, b"x").unwrap();
        assert_eq!(read_only_reason(&db), None);
        assert_eq!(read_only_reason(Path::new("relative.sqlite3")), None);

        let mut readonly: Permissions = std::fs::metadata(&db).unwrap().permissions();
        readonly.set_readonly(true);
        std::fs::set_permissions(&db, readonly.clone()).unwrap();
        assert_eq!(read_only_reason(&db).as_deref(), Some("文件只读"));
        if cfg!(unix) {
            std::fs::set_permissions(dir.path(), readonly).unwrap();
            assert_eq!(read_only_reason(&db).as_deref(), Some("所在文件夹只读"));
            let mut writable = std::fs::metadata(dir.path()).unwrap().permissions();
            // Giving the folder back its write permission, on purpose (the lint warns that on
            // unix this makes it world-writable; the folder is a test's temporary one).
            #[allow(clippy::permissions_set_readonly_false)]
            writable.set_readonly(false);
            std::fs::set_permissions(dir.path(), writable).unwrap();
        }
    }

    #[test]
    fn a_read_only_shm_left_beside_a_writable_file_is_freed_or_said() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("z.sqlite3");
        std::fs::write(&db, b"x").unwrap();
        let shm = dir.path().join("z.sqlite3-shm");
        std::fs::write(&shm, b"").unwrap();
        let mut readonly = std::fs::metadata(&shm).unwrap().permissions();
        readonly.set_readonly(true);
        std::fs::set_permissions(&shm, readonly).unwrap();
        let said = read_only_reason(&db).unwrap();
        assert!(said.contains("“z.sqlite3-shm”只读"), "{said}");
        free_left_siblings(&db);
        assert!(!std::fs::metadata(&shm).unwrap().permissions().readonly());
        assert_eq!(read_only_reason(&db), None);
    }

    #[test]
    fn an_immutable_connection_reads_without_making_files_beside_it() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("数据 库.sqlite3");
        {
            let conn = Connection::open(&db).unwrap();
            conn.execute_batch(
                "PRAGMA journal_mode = WAL; CREATE TABLE t(x); INSERT INTO t VALUES (7);",
            )
            .unwrap();
        }
        let conn = open_immutable(&db).unwrap();
        let x: i64 = conn.query_row("SELECT x FROM t", [], |r| r.get(0)).unwrap();
        assert_eq!(x, 7);
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names.len(), 1, "{names:?}");
        assert!(conn.execute("INSERT INTO t VALUES (8)", []).is_err());
    }
}
