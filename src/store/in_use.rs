//! The database files this process has open through SQLite.
//!
//! POSIX drops every lock a process holds on a file as soon as any descriptor of that file is
//! closed. So once SQLite has a file open, nothing else in the process may open and close it
//! (to read its header, or to see whether it can be written): another program, finding no
//! locks, could then checkpoint or delete the `-wal` under us and lose committed work. A file
//! listed here was checked when it was first opened; later opens go straight to SQLite.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

static OPEN: Mutex<BTreeMap<PathBuf, usize>> = Mutex::new(BTreeMap::new());

/// The path by which a file is known here: resolved when it exists, as given otherwise.
fn key(path: &Path) -> PathBuf {
    std::fs::canonicalize(path).unwrap_or_else(|_| path.to_owned())
}

/// True while a connection of this process has the file open.
pub(super) fn is_open(path: &Path) -> bool {
    let key = key(path);
    OPEN.lock()
        .unwrap_or_else(PoisonError::into_inner)
        .get(&key)
        .is_some_and(|count| *count > 0)
}

/// Marks a file as open for as long as the returned value lives (held beside the connection,
/// and dropped after it).
pub(super) fn register(path: &Path) -> Registration {
    let key = key(path);
    *OPEN
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .entry(key.clone())
        .or_default() += 1;
    Registration(key)
}

/// A file marked open; unmarked when dropped.
#[derive(Debug)]
pub(super) struct Registration(PathBuf);

impl Drop for Registration {
    fn drop(&mut self) {
        let mut open = OPEN.lock().unwrap_or_else(PoisonError::into_inner);
        if let Some(count) = open.get_mut(&self.0) {
            *count = count.saturating_sub(1);
            if *count == 0 {
                open.remove(&self.0);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_open_while_any_registration_lives() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x.sqlite3");
        std::fs::write(&path, b"").unwrap();
        assert!(!is_open(&path));
        let first = register(&path);
        let second = register(&dir.path().join(".").join("x.sqlite3"));
        drop(first);
        assert!(is_open(&path), "the same file by another spelling");
        drop(second);
        assert!(!is_open(&path));
    }
}
