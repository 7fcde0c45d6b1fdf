//! The import written: every addition and change of a preview in one transaction, after an
//! automatic backup, in an order that lets a short name pass from one unit to another.

use super::{ImportPreview, ImportSummary};
use crate::io::short_name_clash::RowAt;
use crate::store::{Store, StoreError};

/// Writes every addition and change of a preview read from `file_name` in one transaction,
/// after an automatic backup; rejected rows are skipped. The log names the file (导入单位).
///
/// If the store refuses any row (for example because another unit took its name since the
/// preview), nothing is written and the error names the row.
pub fn apply(
    store: &mut Store,
    preview: &ImportPreview,
    file_name: &str,
) -> Result<ImportSummary, StoreError> {
    let at_row = |row_number: usize| {
        move |error: StoreError| match error {
            StoreError::Invalid(_) | StoreError::Rejected(_) | StoreError::NotFound(_) => {
                StoreError::Rejected(format!("第 {row_number} 行：{error}"))
            }
            other => other,
        }
    };
    if !preview.additions.is_empty() || !preview.changes.is_empty() {
        store.backup_before(crate::store::BackupReason::Import)?;
    }
    // A row taking a short name another changed unit gives up is written after that change.
    let (order, circular) = crate::io::short_name_clash::write_order(preview);
    // The preview refuses such rows; one made otherwise writes nothing rather than part.
    if !circular.is_empty() {
        return Err(StoreError::Rejected(
            "有几行互换简称（或名称），同一次导入中不能互换：请分两次导入".to_owned(),
        ));
    }
    store.write(|w| {
        for at in order {
            match at {
                RowAt::Addition(i) => {
                    if let Some(row) = preview.additions.get(i) {
                        w.import_unit(&row.draft).map_err(at_row(row.row_number))?;
                    }
                }
                RowAt::Change(i) => {
                    if let Some(change) = preview.changes.get(i) {
                        w.import_unit_change(change.unit_id, &change.before, &change.after)
                            .map_err(at_row(change.row_number))?;
                    }
                }
            }
        }
        let counts = (preview.additions.len(), preview.changes.len());
        // Rows rejected are passed over (the clerk chose to import the rest): counted too.
        w.record_unit_import(file_name, counts, preview.rejected.len())?;
        Ok(ImportSummary {
            added: preview.additions.len(),
            changed: preview.changes.len(),
        })
    })
}
