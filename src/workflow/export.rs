//! 导出: one PDF per agreement into a folder, named `{年度}-{序号}-{单位简称}.pdf`, typeset on
//! both cores, each file written to a temporary name and renamed; and a print file with each
//! agreement in its own number of copies (or a fixed number). Checking a PDF against what was
//! exported is `verify`.

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use crate::document::AgreementContent;
use crate::io::files::{Staged, safe_file_name, write_atomically};
use crate::model::agreement::content_hash;
use crate::model::{Agreement, AgreementStatus, Unit};
use crate::pdf::agreement::{
    MAX_COPIES, PdfError, PrintItem, PrintOptions, agreement_pdf, check_coverage, print_file,
};
use crate::pdf::fonts::FontSet;
use crate::pdf::writer::FontCache;
use crate::store::{Store, StoreError};

use super::lifecycle::{YearBasis, content_of};

/// Why an export stopped; nothing is left under a final name for the file that failed, and a
/// character no font has stops it before any file is written.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    /// Reading the register failed.
    #[error(transparent)]
    Store(#[from] StoreError),
    /// An agreement cannot be typeset.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The output folder does not exist.
    #[error("导出文件夹不存在（请先建立这个文件夹，或换一个已有的文件夹）：{0}")]
    MissingFolder(PathBuf),
    /// The output folder named is a file.
    #[error("这是一个文件，不是文件夹：{0}（请指定一个已有的文件夹）")]
    NotAFolder(PathBuf),
    /// Every agreement chosen for a print file is still a draft.
    #[error("没有已定稿的责任书可打印：草稿须先定稿才能打印签字本（审阅草稿请导出 PDF）")]
    NothingToPrint,
    /// A file could not be written.
    #[error("无法写入文件（{}）：{path}", crate::io::files::reason(.error))]
    Write {
        /// The I/O error.
        error: std::io::Error,
        /// The file.
        path: PathBuf,
    },
    /// The export stopped part-way; the files written before are whole and recorded.
    #[error("{error}\n已写完的 {written} 份（共 {total} 份）完整可用，其余未导出")]
    Stopped {
        /// What stopped it.
        error: Box<ExportError>,
        /// The files written.
        written: usize,
        /// The files asked for.
        total: usize,
    },
}

impl ExportError {
    /// What to do before exporting again after this error stopped an export part-way: make
    /// room when the disk is full, else put right what the message names.
    #[must_use]
    pub fn retry_advice(&self) -> &'static str {
        let cause = match self {
            Self::Stopped { error, .. } => error.as_ref(),
            other => other,
        };
        match cause {
            Self::Write { error, .. }
                if matches!(
                    error.kind(),
                    std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
                ) =>
            {
                "腾出空间或换个文件夹后重新导出即可"
            }
            Self::Write { error, .. } if error.kind() == std::io::ErrorKind::IsADirectory => {
                "移走或改名与文件同名的文件夹后重新导出即可"
            }
            Self::Write { .. } => "按上面所说处理（或换个文件夹）后重新导出即可",
            _ => "按上面所说处理后重新导出即可",
        }
    }
}

/// One agreement ready to typeset.
pub struct Prepared {
    /// The agreement.
    pub agreement: Agreement,
    /// Its content (frozen once issued).
    pub content: AgreementContent,
    /// Verification code for issued agreements.
    pub code: Option<String>,
    /// Output file name.
    pub file_name: String,
}

/// What an export did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportReport {
    /// Files written, in agreement order.
    pub written: Vec<PathBuf>,
    /// True when cancelled before the end.
    pub is_cancelled: bool,
    /// Files an earlier export of these agreements left in the folder whose code is void now
    /// (see [`super::void_files`]).
    pub void_beside: Vec<String>,
}

/// The file name of an agreement: `{年度}-{序号}-{单位简称}.pdf`, made safe; a draft's ends
/// `-草稿.pdf`, so that it is not taken for the text to sign in a folder holding both.
#[must_use]
pub fn file_name(year: i32, agreement: &Agreement, unit: Option<&Unit>) -> String {
    let short = unit.map_or("未知单位", |u| u.fields.display_short_name());
    let draft = if agreement.status == crate::model::AgreementStatus::Draft {
        "-草稿"
    } else {
        ""
    };
    safe_file_name(&format!(
        "{year}-{:03}-{short}{draft}.pdf",
        agreement.draft.number
    ))
}

/// The names the agreements of `year` (all, or `only` these ids) are exported under, without
/// building their content.
pub fn file_names(
    store: &Store,
    year: i32,
    only: Option<&[i64]>,
) -> Result<Vec<String>, StoreError> {
    let basis = YearBasis::load(store, year)?;
    Ok((store.agreements(year)?.iter())
        .filter(|a| only.is_none_or(|ids| ids.contains(&a.id)))
        .map(|a| file_name(year, a, basis.units.get(&a.draft.unit_id)))
        .collect())
}

/// Loads the agreements of `year` (all, or `only` these ids) ready to typeset.
pub fn prepare(
    store: &Store,
    year: i32,
    only: Option<&[i64]>,
) -> Result<Vec<Prepared>, StoreError> {
    let basis = YearBasis::load(store, year)?;
    store
        .agreements(year)?
        .into_iter()
        .filter(|a| only.is_none_or(|ids| ids.contains(&a.id)))
        .map(|agreement| {
            let content = content_of(store, &basis, &agreement)?;
            let code = agreement.verification_code().map(str::to_owned);
            let file_name = file_name(year, &agreement, basis.units.get(&agreement.draft.unit_id));
            Ok(Prepared {
                agreement,
                content,
                code,
                file_name,
            })
        })
        .collect()
}

/// The ideographs the agreements of `year` (all, or `only` these ids) print in another
/// typeface than their body's (see [`crate::pdf::font_roles::borrowed_chars`]).
pub fn borrowed_chars(
    store: &Store,
    fonts: &FontSet,
    year: i32,
    only: Option<&[i64]>,
) -> Result<Vec<char>, StoreError> {
    let texts: Vec<String> = (prepare(store, year, only)?.iter())
        .map(|prepared| prepared.content.to_text())
        .collect();
    Ok(crate::pdf::font_roles::borrowed_chars(
        fonts,
        texts.iter().map(String::as_str),
    ))
}

/// A written file: the agreement, the file's SHA-256 and its path.
pub type Written = (i64, String, PathBuf);

/// What a batch wrote: the files that landed (in agreement order), whether it was cancelled,
/// and the error that stopped it, if any. Files written before an error are listed too, so that
/// they can be recorded.
#[derive(Debug, Default)]
pub struct Batch {
    /// Files written, in agreement order.
    pub written: Vec<Written>,
    /// True when cancelled before the end.
    pub is_cancelled: bool,
    /// What stopped the batch early.
    pub error: Option<ExportError>,
}

/// Refuses an output folder that is not there, or that is a file.
pub fn check_folder(folder: &Path) -> Result<(), ExportError> {
    if folder.is_dir() {
        Ok(())
    } else if folder.exists() {
        Err(ExportError::NotAFolder(folder.to_owned()))
    } else {
        Err(ExportError::MissingFolder(folder.to_owned()))
    }
}

/// Checks every prepared agreement for characters no font has, before anything is written.
pub fn check_all(fonts: &FontSet, prepared: &[Prepared]) -> Result<(), PdfError> {
    prepared
        .iter()
        .try_for_each(|item| check_coverage(fonts, &item.content))
}

/// What a batch records of its files before they take their final names: per file the
/// agreement, the file's SHA-256 and its name, in one write.
pub type Record<'a> = dyn FnMut(&[(i64, &str, &str)]) -> Result<(), StoreError> + 'a;

/// A file typeset and staged under its temporary name: its place in the batch, the agreement
/// and the file's SHA-256.
type StagedFile = (usize, i64, String, Staged);

/// Typesets every prepared agreement on all cores and writes each under a temporary name in
/// `folder`; `progress(done, total)` is called as files are staged; `cancel` stops before the
/// next file. Then the staged files are `record`ed in one write and only then take their final
/// names, so the database holds all of a batch's fingerprints or none, and every file under a
/// final name is one `verify` knows, however the export ends.
///
/// The coverage check runs on all of them first, so a character no font has stops the batch
/// before any file is written; a later error (a file that cannot be written) stops it, and the
/// files staged before it are still recorded and given their names.
pub fn write_all(
    fonts: &FontSet,
    prepared: &[Prepared],
    folder: &Path,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
    record: &mut Record<'_>,
) -> Batch {
    if let Err(error) = check_folder(folder) {
        return Batch {
            error: Some(error),
            ..Batch::default()
        };
    }
    if let Err(error) = check_all(fonts, prepared) {
        return Batch {
            error: Some(error.into()),
            ..Batch::default()
        };
    }
    crate::io::files::remove_stale_temporaries(folder, crate::io::files::STALE_AFTER);
    let (mut staged, mut error) = stage_all(fonts, prepared, folder, cancel, progress);
    staged.sort_by_key(|(index, ..)| *index);
    let is_cancelled = error.is_none() && staged.len() < prepared.len();
    // A final name a folder holds cannot be renamed onto: that file is neither recorded nor
    // kept, and the export says which name it is.
    let (staged, blocked): (Vec<_>, Vec<_>) =
        (staged.into_iter()).partition(|(.., file)| !file.path().is_dir());
    if let Some((.., file)) = blocked.first() {
        error.get_or_insert(ExportError::Write {
            error: std::io::ErrorKind::IsADirectory.into(),
            path: file.path().to_owned(),
        });
    }
    let rows: Vec<(i64, &str, &str)> = staged
        .iter()
        .map(|(index, id, sha256, _)| {
            let name = prepared.get(*index).map_or("", |p| p.file_name.as_str());
            (*id, sha256.as_str(), name)
        })
        .collect();
    if let Err(recording) = record(&rows) {
        // Dropped, the staged files are removed: nothing is left under a final name.
        return Batch {
            error: Some(recording.into()),
            ..Batch::default()
        };
    }
    let mut written = Vec::with_capacity(staged.len());
    for (_, id, sha256, file) in staged {
        let path = file.path().to_owned();
        match file.commit() {
            Ok(()) => written.push((id, sha256, path)),
            Err(io) => {
                error.get_or_insert(ExportError::Write { error: io, path });
            }
        }
    }
    Batch {
        written,
        is_cancelled,
        error,
    }
}

/// The typesetting and staging half of [`write_all`], on all cores: the files staged, and the
/// first error that stopped the work, if any.
fn stage_all(
    fonts: &FontSet,
    prepared: &[Prepared],
    folder: &Path,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> (Vec<StagedFile>, Option<ExportError>) {
    let cache = FontCache::new(fonts);
    let next = AtomicUsize::new(0);
    let done = AtomicUsize::new(0);
    let results: Mutex<Vec<StagedFile>> = Mutex::new(Vec::new());
    let first_error: Mutex<Option<ExportError>> = Mutex::new(None);
    let workers = std::thread::available_parallelism()
        .map_or(2, std::num::NonZero::get)
        .min(prepared.len().max(1));
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    if cancel.load(Ordering::Relaxed)
                        || first_error.lock().is_ok_and(|e| e.is_some())
                    {
                        return;
                    }
                    let index = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = prepared.get(index) else {
                        return;
                    };
                    let options = PrintOptions {
                        code: item.code.clone(),
                        copy_marker: None,
                        draft_id: Some(item.agreement.id),
                    };
                    let outcome = agreement_pdf(&cache, &item.content, &options)
                        .map_err(ExportError::from)
                        .and_then(|bytes| {
                            let path = folder.join(&item.file_name);
                            let file = Staged::write(&path, &bytes)
                                .map_err(|error| ExportError::Write { error, path })?;
                            Ok((content_hash(&bytes), file))
                        });
                    match outcome {
                        Ok((sha256, file)) => {
                            if let Ok(mut results) = results.lock() {
                                results.push((index, item.agreement.id, sha256, file));
                            }
                            progress(done.fetch_add(1, Ordering::Relaxed) + 1, prepared.len());
                        }
                        Err(error) => {
                            if let Ok(mut slot) = first_error.lock() {
                                slot.get_or_insert(error);
                            }
                            return;
                        }
                    }
                }
            });
        }
    });
    let error = first_error.into_inner().ok().flatten();
    (results.into_inner().unwrap_or_default(), error)
}

/// Exports the agreements of `year` (or `only` these) into `folder`; the files' hashes are
/// recorded in one write before they take their final names (the files written before an
/// error or a cancel too), then any error is returned.
pub fn export(
    store: &mut Store,
    fonts: &FontSet,
    year: i32,
    only: Option<&[i64]>,
    folder: &Path,
    cancel: &AtomicBool,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<ExportReport, ExportError> {
    let prepared = prepare(store, year, only)?;
    let mut record = |rows: &[(i64, &str, &str)]| {
        if rows.is_empty() {
            return Ok(());
        }
        store.write(|w| {
            rows.iter()
                .try_for_each(|(id, sha256, name)| w.record_export(*id, sha256, name))
        })
    };
    let batch = write_all(fonts, &prepared, folder, cancel, progress, &mut record);
    if let Some(error) = batch.error {
        if batch.written.is_empty() {
            return Err(error);
        }
        return Err(ExportError::Stopped {
            error: Box::new(error),
            written: batch.written.len(),
            total: prepared.len(),
        });
    }
    let mut ids: Vec<i64> = batch.written.iter().map(|(id, _, _)| *id).collect();
    let written: Vec<PathBuf> = batch.written.into_iter().map(|(_, _, path)| path).collect();
    // Every void file of the year in the folder is named, also of agreements not exported
    // this time. Read after the files are out: a failure to read loses no file, only the note.
    for voided in store.voided_codes(year).unwrap_or_default() {
        if !ids.contains(&voided.agreement_id) {
            ids.push(voided.agreement_id);
        }
    }
    let void_beside =
        super::void_files::void_files_beside(store, folder, &ids, &written).unwrap_or_default();
    Ok(ExportReport {
        written,
        is_cancelled: batch.is_cancelled,
        void_beside,
    })
}

/// How many copies of each agreement a print file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PrintCopies {
    /// Each agreement in its own number of copies (一式 N 份).
    #[default]
    Each,
    /// Every agreement in this many copies (1 to [`MAX_COPIES`]).
    Fixed(usize),
}

impl From<usize> for PrintCopies {
    fn from(copies: usize) -> Self {
        Self::Fixed(copies)
    }
}

impl From<Option<usize>> for PrintCopies {
    /// `None` is each agreement's own number.
    fn from(copies: Option<usize>) -> Self {
        copies.map_or(Self::Each, Self::Fixed)
    }
}

impl PrintCopies {
    /// What a print file of `total` agreements holds, in words: "12 份责任书，按各自份数".
    #[must_use]
    pub fn contents(self, total: usize) -> String {
        match self {
            Self::Each => format!("{total} 份责任书，按各自份数"),
            Self::Fixed(n) => format!("{total} 份责任书，每份印 {n} 份"),
        }
    }

    /// The copies printed of an agreement signed in `own` copies.
    #[must_use]
    pub fn of(self, own: i64) -> usize {
        let copies = match self {
            Self::Each => usize::try_from(own).unwrap_or(1),
            Self::Fixed(copies) => copies,
        };
        copies.clamp(1, MAX_COPIES)
    }
}

/// Writes a print file of `year` at `path` holding `contents` into the 操作记录 (导出打印文件), so
/// that who printed what, and when, can be looked up; a window that cannot write leaves it out,
/// as the file itself is written all the same.
pub fn remember_print(store: &mut Store, year: i32, path: &Path, contents: &str, ids: &[i64]) {
    if store.read_only_reason().is_some() {
        return;
    }
    let file_name = path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    // One agreement's file is recorded on the agreement (its unit named in the 操作记录).
    let only = match ids {
        [id] => Some(*id),
        _ => None,
    };
    let _ = store.write(|w| w.record_print_file(year, &file_name, contents, only));
}

/// How many of the agreements (all of `year`, or `only` these) printed for the first time (已定稿)
/// say 一式 N 份 with an N other than `copies`, the number about to be printed of each (none
/// when each prints its own): the clerk is told, since the text and the pile of paper would
/// disagree. A 补印 of printed ones is left out: one spoiled copy is printed again on purpose.
pub fn copies_differing(
    store: &Store,
    year: i32,
    only: Option<&[i64]>,
    copies: Option<usize>,
) -> Result<usize, StoreError> {
    let Some(copies) = copies else {
        return Ok(0);
    };
    Ok(store
        .agreements(year)?
        .iter()
        .filter(|a| only.is_none_or(|ids| ids.contains(&a.id)))
        .filter(|a| crate::model::agreement::copies_differ(a, copies))
        .count())
}

/// Writes one print file of the agreements, each in `copies` copies (each its own number by
/// default) marked 第 i 份 / 共 N 份 and starting on an odd page, the fonts embedded once;
/// `progress(done, total)` is called as each agreement is drawn, and `cancel` stops the work
/// with nothing written. Drafts are left out. Returns how many agreements the file holds, or
/// `None` when cancelled.
#[allow(
    clippy::too_many_arguments,
    reason = "the arguments of `export` plus the copies; a struct would only rename them"
)]
pub fn print(
    store: &Store,
    fonts: &FontSet,
    year: i32,
    only: Option<&[i64]>,
    copies: impl Into<PrintCopies>,
    path: &Path,
    cancel: &AtomicBool,
    progress: &dyn Fn(usize, usize),
) -> Result<Option<usize>, ExportError> {
    let copies = copies.into();
    // Drafts are never printed for signing: only issued text goes before the signatories.
    let prepared: Vec<Prepared> = prepare(store, year, only)?
        .into_iter()
        .filter(|item| item.agreement.status != AgreementStatus::Draft)
        .collect();
    if prepared.is_empty() {
        return Err(ExportError::NothingToPrint);
    }
    check_all(fonts, &prepared)?;
    let total = prepared.len();
    let items: Vec<PrintItem<'_>> = prepared
        .iter()
        .map(|item| PrintItem {
            content: &item.content,
            code: item.code.as_deref(),
            copies: copies.of(item.agreement.draft.copies),
            is_reprint: item.agreement.status > AgreementStatus::Final,
        })
        .collect();
    let subject = copies.contents(total);
    let cache = FontCache::new(fonts);
    let drawn = print_file(&cache, &items, subject, &mut |done| {
        progress(done, total);
        !cancel.load(Ordering::Relaxed)
    });
    let Some(bytes) = drawn.filter(|_| !cancel.load(Ordering::Relaxed)) else {
        return Ok(None);
    };
    write_atomically(path, &bytes).map_err(|error| ExportError::Write {
        error,
        path: path.to_owned(),
    })?;
    Ok(Some(total))
}
