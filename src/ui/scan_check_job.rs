//! The check of files chosen for a scan, off the UI thread: whether they can be stored at all
//! (an empty file, one of the program's own exports, a PDF with images) and whether they have
//! as many pages as the agreement prints. Reading a large scanned PDF and laying out the
//! agreement take long enough to freeze the window, so a thread with its own read-only
//! connection does it and the app polls for the answer.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::pdf::fonts::FontSet;
use crate::store::{SAME_SCAN, Store, StoreError, check_scan_files, is_same_scan};
use crate::workflow::scan_pages::short_scan_warning;
use crate::workflow::signed_copy::read_scan_files;

/// What the check found: why the files cannot be stored, or else the warning that they hold
/// fewer pages than the agreement prints, if they do.
pub type ScanCheck = Result<Option<String>, String>;

/// A check under way for the files `paths` chosen for agreement `id`.
pub struct ScanCheckJob {
    id: i64,
    paths: Vec<PathBuf>,
    receiver: Receiver<ScanCheck>,
}

/// Checks `paths` as the scan of agreement `id`: what storing them would refuse is said now;
/// any other trouble (the database busy, say) is met when they are stored.
pub fn check_scan(store: &Store, fonts: &FontSet, id: i64, paths: &[PathBuf]) -> ScanCheck {
    let checked = read_scan_files(store, paths).and_then(|files| {
        check_scan_files(&files)?;
        // A replacement by the very files stored is said now, not after the reason is typed.
        if let Ok(Some(stored)) = store.scan(id)
            && is_same_scan(&stored, &files)
        {
            return Err(StoreError::Rejected(SAME_SCAN.to_owned()));
        }
        Ok(files)
    });
    match checked {
        Ok(files) => Ok(short_scan_warning(store, fonts, id, &files).ok().flatten()),
        Err(StoreError::Rejected(why)) => Err(why),
        Err(_) => Ok(None),
    }
}

impl ScanCheckJob {
    /// Starts checking `paths` against agreement `id` of the database at `db`.
    /// The thread has a second connection of this process, as a batch draft's has (no check
    /// of the whole file, nothing written): a restore waits until it has finished.
    pub fn start(db: &Path, id: i64, paths: Vec<PathBuf>) -> Result<Self, String> {
        let (sender, receiver) = channel();
        let db = db.to_owned();
        let checked = paths.clone();
        std::thread::Builder::new()
            .name("scan-pages".to_owned())
            .spawn(move || {
                // A database that cannot be read here is said when the scan is stored.
                let check = Store::open_for_job(&db).map_or(Ok(None), |store| {
                    check_scan(&store, &FontSet::with_installed(), id, &checked)
                });
                let _ = sender.send(check);
            })
            .map_err(|e| format!("无法核对扫描件页数：{}", crate::io::files::reason(&e)))?;
        Ok(Self {
            id,
            paths,
            receiver,
        })
    }

    /// The agreement, the files checked and what was found once the check is done; `None`
    /// while it runs. A thread that ended without an answer counts as nothing found (storing
    /// checks again).
    pub fn answer(&self) -> Option<(i64, &[PathBuf], ScanCheck)> {
        let check = match self.receiver.try_recv() {
            Ok(check) => check,
            Err(TryRecvError::Empty) => return None,
            Err(TryRecvError::Disconnected) => Ok(None),
        };
        Some((self.id, &self.paths, check))
    }
}
