//! The work an export or print job does on its own thread: the store opened for the job, the
//! agreements laid out and written, and what was produced, sent back to the window.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::model::AgreementStatus;
use crate::pdf::fonts::FontSet;
use crate::store::Store;
use crate::workflow::export;

/// What a finished job produced.
pub(super) enum Done {
    Exported {
        folder: PathBuf,
        count: usize,
        /// How many of the agreements exported are drafts (watermarked, not for signing).
        drafts: usize,
        is_cancelled: bool,
        /// Ideographs printed in another typeface than the body's.
        borrowed: Vec<char>,
        /// Older files of these agreements in the folder whose code is void now.
        void_beside: Vec<String>,
    },
    Printed {
        path: PathBuf,
        /// The year printed, and what the file holds in words, for the 操作记录.
        year: i32,
        contents: String,
        /// The agreements in the file.
        ids: Vec<i64>,
        count: usize,
        /// Agreements whose 一式 N 份 differs from the copies printed.
        differing: usize,
        /// Ideographs printed in another typeface than the body's.
        borrowed: Vec<char>,
    },
    PrintCancelled,
    /// An export stopped part-way: what stopped it and how many files were written whole.
    Stopped {
        folder: PathBuf,
        message: String,
    },
}

/// Exports the agreements `ids` of `year` into `folder` on the job's thread, counting the
/// files written in `done` and stopping when `cancel` is set.
pub(super) fn run_export(
    db: &Path,
    year: i32,
    ids: &[i64],
    folder: &Path,
    done: &AtomicUsize,
    cancel: &AtomicBool,
) -> Result<Done, String> {
    let mut store = Store::open_for_job(db).map_err(|e| e.to_string())?;
    let fonts = FontSet::with_installed();
    let progress = |count: usize, _total: usize| done.store(count, Ordering::Relaxed);
    let report = match export::export(
        &mut store,
        &fonts,
        year,
        Some(ids),
        folder,
        cancel,
        &progress,
    ) {
        Ok(report) => report,
        // The files written before the error are whole and recorded: the clerk is told so.
        Err(stopped @ export::ExportError::Stopped { .. }) => {
            return Ok(Done::Stopped {
                folder: folder.to_owned(),
                message: format!("{stopped}；{}", stopped.retry_advice()),
            });
        }
        Err(error) => return Err(error.to_string()),
    };
    let borrowed =
        export::borrowed_chars(&store, &fonts, year, Some(ids)).map_err(|e| e.to_string())?;
    let drafts = (store.agreements(year).map_err(|e| e.to_string())?.iter())
        .filter(|a| ids.contains(&a.id) && a.status == AgreementStatus::Draft)
        .count();
    Ok(Done::Exported {
        folder: folder.to_owned(),
        count: report.written.len(),
        drafts,
        is_cancelled: report.is_cancelled,
        borrowed,
        void_beside: report.void_beside,
    })
}

/// Where a print file goes and how many copies of each agreement it holds.
pub(super) struct PrintJob {
    pub(super) year: i32,
    pub(super) ids: Vec<i64>,
    pub(super) copies: Option<usize>,
    pub(super) path: PathBuf,
    /// True in a read-only window: the file is read through a read-only connection, which
    /// never writes (a print file changes nothing in the database).
    pub(super) is_read_only: bool,
    /// True when the window looks at a damaged file: it is read as the window reads it,
    /// without the check that found the damage (see [`Store::open_damaged_for_viewing`]).
    pub(super) is_damaged: bool,
}

/// Writes the print file `job` asks for on the job's thread, counting the agreements laid
/// out in `done` and stopping when `cancel` is set.
pub(super) fn run_print(
    db: &Path,
    job: &PrintJob,
    done: &AtomicUsize,
    cancel: &AtomicBool,
) -> Result<Done, String> {
    let PrintJob {
        year,
        ref ids,
        copies,
        ref path,
        is_read_only,
        is_damaged,
    } = *job;
    let opened = if is_damaged {
        Store::open_damaged_for_viewing(db, "文件已损坏，仅供查看")
    } else if is_read_only {
        Store::open_read_only(db)
    } else {
        Store::open_for_job(db)
    };
    let store = opened.map_err(|e| e.to_string())?;
    let fonts = FontSet::with_installed();
    let progress = |count: usize, _total: usize| done.store(count, Ordering::Relaxed);
    let differing =
        export::copies_differing(&store, year, Some(ids), copies).map_err(|e| e.to_string())?;
    let printed = export::print(
        &store,
        &fonts,
        year,
        Some(ids),
        copies,
        path,
        cancel,
        &progress,
    )
    .map_err(|e| e.to_string())?;
    let borrowed =
        export::borrowed_chars(&store, &fonts, year, Some(ids)).map_err(|e| e.to_string())?;
    Ok(match printed {
        Some(count) => Done::Printed {
            borrowed,
            path: path.to_owned(),
            year,
            contents: export::PrintCopies::from(copies).contents(count),
            ids: ids.clone(),
            count,
            differing,
        },
        None => Done::PrintCancelled,
    })
}
