//! Where each file chooser was left: the folder the last chooser of each purpose (its title)
//! and kind showed, this run and the one before, so that the next one opens there.

use std::path::{Path, PathBuf};

use super::PickMode;

/// The folder the last chooser of each purpose (its title) and kind showed, so the next one
/// opens there (this run): scans are looked for where scans were, a notice saved where the
/// last notice went, not where the scans were.
pub(super) static LAST_FOLDERS: std::sync::Mutex<Vec<(PickMode, String, PathBuf, Apart)>> =
    std::sync::Mutex::new(Vec::new());

/// The folder the last chooser of the previous run was left in (kept in the window's state),
/// where choosers open until one is used in this run.
static PREVIOUS_RUN: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// How many choosers' folders are kept for the next run, the most recent.
const CHOOSER_FOLDERS_KEPT: usize = 32;

/// The folder each chooser (by title) was left in in the previous run.
static PREVIOUS_RUN_BY_TITLE: std::sync::Mutex<Vec<(String, PathBuf)>> =
    std::sync::Mutex::new(Vec::new());

/// Choosers open in `folder` until one is used (the last folder of the previous run), each
/// one left before in its own folder of `by_title`.
pub fn open_where_left(folder: Option<PathBuf>, by_title: Vec<(String, PathBuf)>) {
    *PREVIOUS_RUN
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = folder;
    *PREVIOUS_RUN_BY_TITLE
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner) = by_title;
}

/// Where the last of the choosers titled one of `titles` was left in the previous run, if
/// one of them was used then.
#[must_use]
pub fn left_in_previous_run(titles: &[&str]) -> Option<PathBuf> {
    (PREVIOUS_RUN_BY_TITLE.lock())
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .iter()
        .rev()
        .find(|(title, _)| titles.contains(&title.as_str()))
        .map(|(_, folder)| folder.clone())
}

/// The folder each chooser was left in, by title, this run or (not used yet) the one before;
/// kept for the next run.
#[must_use]
pub fn where_each_was_left() -> Vec<(String, PathBuf)> {
    let mut by_title: Vec<(String, PathBuf)> = (PREVIOUS_RUN_BY_TITLE.lock())
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    let this_run = (LAST_FOLDERS.lock())
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .clone();
    for (_, title, folder, _) in this_run {
        by_title.retain(|(kept, _)| *kept != title);
        by_title.push((title, folder));
    }
    // The most recent only: a title naming a count ("…（3 份）") adds one each time.
    let excess = by_title.len().saturating_sub(CHOOSER_FOLDERS_KEPT);
    by_title.drain(..excess);
    by_title
}

/// The folder the last chooser used was left in, this run or (none used yet) the one before;
/// kept for the next run.
#[must_use]
pub fn where_left() -> Option<PathBuf> {
    let this_run = (LAST_FOLDERS.lock())
        .unwrap_or_else(std::sync::PoisonError::into_inner)
        .iter()
        .rev()
        .find(|(_, _, _, apart)| !apart.0)
        .map(|(_, _, folder, _)| folder.clone());
    this_run.or_else(|| {
        PREVIOUS_RUN
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    })
}

/// Whether a chooser's folder is its own only (see [`FilePicker::keeps_folder_apart`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(super) struct Apart(pub(super) bool);

/// Keeps `folder` as the one the next chooser titled `title` of `mode` opens in; not `apart`,
/// also the one other choosers not used yet open in.
pub(super) fn set_last_folder(mode: PickMode, title: &str, folder: &Path, apart: Apart) {
    let mut folders = LAST_FOLDERS
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    folders.retain(|(kept, kept_title, _, _)| *kept != mode || kept_title != title);
    folders.push((mode, title.to_owned(), folder.to_path_buf(), apart));
}

/// Remembers where a chosen file or folder is, so that the next chooser titled `title` of
/// `mode` opens there (also when the path was typed and confirmed without the folder being
/// opened first).
pub(super) fn remember(mode: PickMode, title: &str, chosen: &Path, apart: Apart) {
    let folder = if chosen.is_dir() {
        Some(chosen)
    } else {
        chosen.parent()
    };
    if let Some(folder) = folder.filter(|f| f.is_dir()) {
        set_last_folder(mode, title, folder, apart);
    }
}

/// Where a chooser titled `title` of `mode` opens: where the last one for the same purpose was
/// left (this run, else the previous one), else the last one of its kind, else where the last
/// chooser of any kind was (in the previous run, if none was used yet), else the documents or
/// home folder.
pub(super) fn start_folder(mode: PickMode, title: &str) -> PathBuf {
    let last = {
        let folders = (LAST_FOLDERS.lock()).unwrap_or_else(std::sync::PoisonError::into_inner);
        let same_purpose = (folders.iter().rev())
            .find(|(kept, kept_title, _, _)| *kept == mode && kept_title == title);
        let same_kind =
            || (folders.iter().rev()).find(|(kept, _, _, apart)| *kept == mode && !apart.0);
        let same_purpose_before = || {
            (PREVIOUS_RUN_BY_TITLE.lock())
                .unwrap_or_else(std::sync::PoisonError::into_inner)
                .iter()
                .find(|(kept, _)| kept == title)
                .map(|(_, folder)| folder.clone())
        };
        (same_purpose.map(|(_, _, folder, _)| folder.clone()))
            .or_else(same_purpose_before)
            .or_else(|| same_kind().map(|(_, _, folder, _)| folder.clone()))
    }
    .or_else(where_left);
    if let Some(folder) = last.filter(|f| f.is_dir()) {
        return folder;
    }
    directories::UserDirs::new()
        .and_then(|dirs| {
            dirs.document_dir()
                .map(Path::to_path_buf)
                .or_else(|| Some(dirs.home_dir().to_path_buf()))
        })
        .or_else(|| std::env::current_dir().ok())
        .unwrap_or_else(|| PathBuf::from("."))
}
