//! Starting afresh: the blank register an office begins with (a year with its 甲方, and the
//! usual assessment categories), written into an empty database at the first start, or put in
//! place of a database whose data are to go (the demo data a clerk tried first). The data
//! replaced are backed up first, and can be restored from that backup.

use std::path::Path;

use super::backup::BackupReason;
use super::restore::Restored;
use super::writer::Writer;
use super::{Result, Store, StoreError, open, operator};
use crate::model::Year;

/// The categories a blank register starts with; the office can rename, add and remove them.
pub const DEFAULT_CATEGORIES: [&str; 4] = ["镇街", "一类", "二类", "三类"];

impl Writer<'_> {
    /// Writes the blank register: `year` with 甲方 `party_a_name`, the usual categories, and
    /// the mark that the office has started (no welcome dialog at the next start).
    pub fn start_blank(&mut self, party_a_name: &str, year: i32) -> Result<()> {
        self.insert_year(&Year::new(year, party_a_name.trim()))?;
        for name in DEFAULT_CATEGORIES {
            self.insert_category(name)?;
        }
        self.mark_initialized("从空白开始")
    }
}

impl Store {
    /// Replaces every piece of data in this database by a blank register of `year` with 甲方
    /// `party_a_name`: the current file is backed up into `backups/` first (see
    /// [`Store::restore_from`], whose swap this uses), and the new file's log says what
    /// happened and where the old data went. An error means nothing was replaced.
    pub fn start_over(&mut self, party_a_name: &str, year: i32) -> Result<Restored> {
        let Some(db) = self.path.clone() else {
            return Err(StoreError::Rejected("内存数据库不能清空数据".to_owned()));
        };
        if let Some(why) = &self.read_only {
            return Err(StoreError::ReadOnly(why.clone()));
        }
        if party_a_name.trim().is_empty() {
            return Err(StoreError::Rejected("请填写甲方名称".to_owned()));
        }
        let mut blank = Store::open_in_memory()?;
        blank.operator.clone_from(&self.operator);
        blank.write(|w| {
            w.set_setting(&operator::setting_key(), &self.operator)?;
            w.start_blank(party_a_name, year)
        })?;
        // Not the name the swap copies it under (that is the database's own temporary name).
        let file = crate::io::files::temp_name_beside(&super::lock::sibling(&db, "-blank"));
        // Written as a backup is: one self-contained file, nothing of it in a `-wal`.
        blank.backup_to(&file)?;
        drop(blank);
        let party_a = party_a_name.trim().to_owned();
        let reason = BackupReason::StartOver;
        let swapped = self.swap_in(
            &file,
            open::open_file,
            "清空数据",
            reason,
            |store, safety| {
                let after = serde_json::json!({
                    "replaced": std::path::absolute(safety)
                        .unwrap_or_else(|_| safety.to_owned())
                        .display()
                        .to_string(),
                    "year": year,
                    "party_a_name": party_a,
                });
                store.write(|w| {
                    w.audit(
                        "清空数据重新开始",
                        "database",
                        "",
                        None::<&()>,
                        Some(&after),
                    )
                })
            },
        );
        remove_file_and_index(&file);
        swapped
    }
}

/// Removes the blank file built for a start over, with any `-wal` or `-shm` beside it.
fn remove_file_and_index(file: &Path) {
    for suffix in ["", "-wal", "-shm"] {
        let _ = std::fs::remove_file(super::lock::sibling(file, suffix));
    }
}

#[cfg(test)]
mod tests {
    // Tests unwrap freely: a panic is the failure report.
    #![allow(clippy::unwrap_used)]

    use super::*;

    #[test]
    fn starting_over_leaves_a_blank_register_and_keeps_the_old_data_in_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let db = dir.path().join("z.sqlite3");
        let mut store = Store::open(&db).unwrap();
        crate::demo::load(&mut store).unwrap();
        let before = store.contents().unwrap();
        let refused = store.start_over(" ", 2027).unwrap_err();
        assert_eq!(refused.to_string(), "请填写甲方名称");
        assert_eq!(store.contents().unwrap().to_string(), before.to_string());

        let done = store.start_over("样板县人民政府", 2027).unwrap();
        assert!(done.is_open && done.warning.is_none(), "{done:?}");
        assert!(store.units().unwrap().is_empty());
        assert_eq!(store.years().unwrap().len(), 1);
        assert_eq!(
            store.year(2027).unwrap().unwrap().party_a_name,
            "样板县人民政府"
        );
        assert_eq!(store.categories().unwrap().len(), DEFAULT_CATEGORIES.len());
        assert!(store.is_initialized().unwrap());
        assert_eq!(
            store.audit_entries(1).unwrap()[0].action,
            "清空数据重新开始"
        );
        // The old data are in the backup, which a restore can bring back.
        let kept = super::super::backup::inspect_backup(&done.safety).unwrap();
        assert_eq!(kept.to_string(), before.to_string());
        // Chosen to restore, it is said to undo the start over, not to be another database's.
        let undone = store.operations_since(&done.safety).unwrap();
        assert!(undone.undoes_start_over, "{undone:?}");
        let warning = undone.other_database_warning().unwrap();
        assert!(
            warning.contains("清空数据时自动保存的原有数据：恢复它即撤销那次清空"),
            "{warning}"
        );
        assert_eq!(
            undone.nothing_undone(),
            "那次清空之后没有新的操作，恢复不会丢失任何修改"
        );
        assert!(undone.summary().is_none(), "{undone:?}");
        // Restored, the log says for good that a 清空数据 was undone, not that another
        // database's file came in.
        store.restore_from(&done.safety).unwrap();
        let restore = &store.audit_entries(1).unwrap()[0];
        assert_eq!(restore.action, "恢复备份");
        let after = restore.after_json.as_deref().unwrap();
        assert!(
            after.contains("的清空数据（用清空前自动保存的原有数据恢复）"),
            "{after}"
        );
        assert!(!after.contains("other_database"), "{after}");
        // Nothing of the blank file built on the way is left beside the database.
        let left: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|name| name.contains(".tmp") || name.contains("partial"))
            .collect();
        assert!(left.is_empty(), "{left:?}");
    }
}
