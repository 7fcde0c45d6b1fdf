//! Files an earlier export left in a folder whose verification code is void: an agreement
//! exported as issued, sent back to 草稿 since and exported again as a draft, leaves its old
//! file (no watermark, a code in the footer) beside the new one under another name. An
//! export says so, so that the old text is not printed and signed.

use std::path::{Path, PathBuf};

use crate::store::{Store, StoreError};

use super::verify::{Verification, verify};

/// The names of files in `folder`, other than those just `written`, that an export of one of
/// `agreement_ids` wrote and whose code is void now, in the order of the agreements.
pub fn void_files_beside(
    store: &Store,
    folder: &Path,
    agreement_ids: &[i64],
    written: &[PathBuf],
) -> Result<Vec<String>, StoreError> {
    let mut void = Vec::new();
    for &id in agreement_ids {
        for name in store.export_file_names(id)? {
            let path = folder.join(&name);
            if written.contains(&path) || void.contains(&name) {
                continue;
            }
            // Only a file still as exported: one the clerk replaced is not named.
            let Ok(bytes) = std::fs::read(&path) else {
                continue;
            };
            // One file the register cannot be asked about is passed over, not the others.
            if matches!(verify(store, &bytes), Ok(Verification::Withdrawn { .. })) {
                void.push(name);
            }
        }
    }
    Ok(void)
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
