//! Files an earlier export left in a folder whose verification code is void: an agreement
//! exported as issued, sent back to 草稿 since and exported again as a draft, leaves its old
//! file (no watermark, a code in the footer) beside the new one under another name. An
//! export says so, so that the old text is not printed and signed.

use std::path::{Path, PathBuf};

use crate::store::{Store, StoreError};

use super::verify::code_in_pdf;

/// A PDF larger than this in the folder is not read to look for a void code: an agreement's
/// export is some hundred kilobytes (a scan's signed copy, some megabytes, is no export).
const LARGEST_READ: u64 = 4 * 1024 * 1024;

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
/// now (as `verify` finds it 已作废: known by its hash, its code no longer the agreement's);
/// false for a file that cannot be read, or that the register cannot be asked about (one such
/// file is passed over, not the others). Only the export records are asked: any other PDF
/// of the folder costs its reading and hashing alone.
fn is_void(store: &Store, path: &Path, of: impl Fn(i64) -> bool) -> bool {
    let Ok(bytes) = std::fs::read(path) else {
        return false;
    };
    let Ok(Some(record)) = store.export_by_hash(&crate::model::agreement::content_hash(&bytes))
    else {
        return false;
    };
    if !of(record.agreement_id) {
        return false;
    }
    let Ok(Some(agreement)) = store.agreement(record.agreement_id) else {
        return false;
    };
    // A draft's export carries no code: nothing void.
    let Some(code) = code_in_pdf(&bytes) else {
        return false;
    };
    let current =
        (agreement.content_hash.as_deref()).map(crate::model::agreement::verification_code);
    current != Some(code.as_str())
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
    let these = if names.len() == 1 { "该" } else { "这些" };
    Some(format!(
        "文件夹中还有 {} 份以前导出的旧文件（{}）：{these}责任书已退回草稿，旧文件上的校验码已作废，请勿打印、签订，可删去或移走",
        names.len(),
        listed.join("、")
    ))
}
