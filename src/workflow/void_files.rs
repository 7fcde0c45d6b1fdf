//! Files an earlier export left in a folder whose verification code is void: an agreement
//! exported as issued, sent back to 草稿 since and exported again as a draft, leaves its old
//! file (no watermark, a code in the footer) beside the new one under another name. An
//! export says so, so that the old text is not printed and signed.

use std::path::{Path, PathBuf};

use crate::store::{Store, StoreError};

use super::verify::{Verification, verify};

/// A PDF larger than this in the folder is not read to look for a void code: an export is
/// some hundred kilobytes, a scan's signed copy some megabytes.
const LARGEST_READ: u64 = 32 * 1024 * 1024;

/// The names of files in `folder`, other than those just `written`, that an export of one of
/// `agreement_ids` wrote and whose code is void now: under the names they were exported with,
/// in the order of the agreements, then any other PDF there that is such a file renamed
/// ("东坡旧件.pdf"), by name.
pub fn void_files_beside(
    store: &Store,
    folder: &Path,
    agreement_ids: &[i64],
    written: &[PathBuf],
) -> Result<Vec<String>, StoreError> {
    let mut void = Vec::new();
    let mut looked_at = Vec::new();
    for &id in agreement_ids {
        for name in store.export_file_names(id)? {
            let path = folder.join(&name);
            if written.contains(&path) || looked_at.contains(&name) {
                continue;
            }
            looked_at.push(name.clone());
            if is_void(store, &path, |_| true) {
                void.push(name);
            }
        }
    }
    // Renamed: each PDF of the folder read once.
    let Ok(entries) = std::fs::read_dir(folder) else {
        return Ok(void);
    };
    let mut renamed: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|entry| {
            entry
                .metadata()
                .is_ok_and(|m| m.is_file() && m.len() <= LARGEST_READ)
        })
        .map(|entry| entry.path())
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext.eq_ignore_ascii_case("pdf"))
                && !written.contains(path)
        })
        .filter_map(|path| Some((path.file_name()?.to_str()?.to_owned(), path)))
        .filter(|(name, _)| !looked_at.contains(name))
        .filter(|(_, path)| is_void(store, path, |id| agreement_ids.contains(&id)))
        .map(|(name, _)| name)
        .collect();
    renamed.sort();
    void.extend(renamed);
    Ok(void)
}

/// True when the file at `path` is an export of an agreement `of` takes whose code is void
/// now; false for a file that cannot be read, or that the register cannot be asked about (one
/// such file is passed over, not the others).
fn is_void(store: &Store, path: &Path, of: impl Fn(i64) -> bool) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    matches!(
        verify(store, &bytes),
        Ok(Verification::Withdrawn { agreement, .. }) if of(agreement.id)
    )
}

/// What is said of the void files found: "文件夹中还有 2 份已作废的旧文件（2026-017-住建局.pdf、
/// …）：…", or nothing.
#[must_use]
pub fn void_files_note(names: &[String]) -> Option<String> {
    const NAMED: usize = 3;
    if names.is_empty() {
        return None;
    }
    let mut listed: Vec<&str> = names.iter().take(NAMED).map(String::as_str).collect();
    if names.len() > NAMED {
        listed.push("…");
    }
    Some(format!(
        "文件夹中还有 {} 份以前导出的旧文件（{}）：这些责任书已退回草稿，旧文件上的校验码已作废，请勿打印、签订，可删去或移走",
        names.len(),
        listed.join("、")
    ))
}
