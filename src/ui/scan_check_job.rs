//! The page count of a chosen scan, off the UI thread: reading a large scanned PDF and laying
//! out the agreement it is the signed copy of take long enough to freeze the window, so a
//! thread with its own read-only connection does it and the app polls for the answer.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::pdf::fonts::FontSet;
use crate::store::Store;
use crate::workflow::scan_pages::short_scan_warning;
use crate::workflow::signed_copy::read_scan_files;

/// A page check under way for agreement `id`.
pub struct ScanCheckJob {
    id: i64,
    receiver: Receiver<Option<String>>,
}

/// The warning for `paths` as the scan of agreement `id`; `None` when the pages are enough or
/// cannot be counted (storing the files says what is wrong with them).
#[must_use]
pub fn page_warning(store: &Store, fonts: &FontSet, id: i64, paths: &[PathBuf]) -> Option<String> {
    let files = read_scan_files(store, paths).ok()?;
    short_scan_warning(store, fonts, id, &files).ok().flatten()
}

impl ScanCheckJob {
    /// Starts counting the pages of `paths` against agreement `id` of the database at `db`.
    pub fn start(db: &Path, id: i64, paths: Vec<PathBuf>) -> Result<Self, String> {
        let (sender, receiver) = channel();
        let db = db.to_owned();
        std::thread::Builder::new()
            .name("scan-pages".to_owned())
            .spawn(move || {
                let warning = Store::open_read_only(&db)
                    .ok()
                    .and_then(|store| page_warning(&store, &FontSet::with_installed(), id, &paths));
                let _ = sender.send(warning);
            })
            .map_err(|e| format!("无法核对扫描件页数：{}", crate::io::files::reason(&e)))?;
        Ok(Self { id, receiver })
    }

    /// The agreement and its warning once the count is done; `None` while it runs. A thread
    /// that ended without an answer counts as no warning.
    pub fn answer(&self) -> Option<(i64, Option<String>)> {
        match self.receiver.try_recv() {
            Ok(warning) => Some((self.id, warning)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some((self.id, None)),
        }
    }
}
