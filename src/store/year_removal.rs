//! Removing a year made by mistake (a rollover one year too far, say): only the newest year,
//! and only with no agreements, hence no scores, bonuses, deductions or vetoes, can go. Its
//! settings, grade bands, templates, indicator sets and settings keys go with it, in one
//! transaction that the audit log records. The year before, newest again, keeps the version of
//! the units the rollover kept for it (it may be published, and the register may have been
//! renamed or added to since): only a version that is the register as it is now is dropped, so
//! that the year reads the register again, as before the rollover, without any change to what
//! it shows. Units and categories are shared by every year and stay.

use rusqlite::{OptionalExtension as _, params};
use serde::Serialize;

use super::{Result, StoreError, Writer, read};
use crate::model::Year;

/// The trigger that keeps a year's version of the units from being deleted.
const UNIT_VERSIONS_KEPT: &str = "unit_versions_kept_delete";

/// What a removed year held, for the audit log.
#[derive(Debug, Serialize)]
struct RemovedYear {
    #[serde(flatten)]
    year: Year,
    /// Template versions removed.
    templates: i64,
    /// Indicator sets removed.
    indicator_sets: i64,
    /// What became of the units the year before kept at the rollover, in words.
    #[serde(skip_serializing_if = "Option::is_none")]
    previous_year_units: Option<String>,
}

/// Why `year` cannot be deleted while `newest` is there.
#[must_use]
pub fn deletion_not_newest(year: i32, newest: i32) -> String {
    format!("只能删除最新的年度（{newest} 年度）：{year} 年度之后还有年度，删除它会使年度结转断开")
}

/// Why `year`, the only year there is, cannot be deleted: no year could be made after it.
#[must_use]
pub fn deletion_only_year(year: i32) -> String {
    format!(
        "{year} 年度是数据库中唯一的考核年度，不能删除：删除后再也无法新建年度（新年度要从已有年度结转）；甲方等请在“年度设置”中修改，年度建错了可在“备份与恢复”中清空数据，从空白开始"
    )
}

impl Writer<'_> {
    /// Deletes `year` and everything that belongs to it alone, with the settings `keys` kept
    /// for it (its notice wording, its publication day); refuses a year that has agreements
    /// or scores.
    pub fn delete_year(&mut self, year: i32, keys: &[&str]) -> Result<()> {
        let Some(before) = read::year(&self.tx, year)? else {
            return Err(read::missing_year(&self.tx, year));
        };
        // Years follow one another by rollover: one taken out of the middle could never be
        // made again, and the year after it would lose the year it was rolled over from.
        let newest: i32 = self
            .tx
            .query_row("SELECT max(year) FROM years", [], |row| row.get(0))?;
        if year != newest {
            return Err(StoreError::Rejected(deletion_not_newest(year, newest)));
        }
        let years: i64 = self
            .tx
            .query_row("SELECT count(*) FROM years", [], |row| row.get(0))?;
        if years == 1 {
            return Err(StoreError::Rejected(deletion_only_year(year)));
        }
        let count =
            |sql: &str| -> Result<i64> { Ok(self.tx.query_row(sql, [year], |row| row.get(0))?) };
        let agreements = count("SELECT count(*) FROM agreements WHERE year = ?1")?;
        if agreements > 0 {
            return Err(StoreError::Rejected(format!(
                "{year} 年度已有 {agreements} 份责任书，不能删除；只能删除还没有责任书和评分的年度"
            )));
        }
        // Scores, bonuses, deductions and vetoes all hang on agreements; checked all the same,
        // so that no score is ever lost with a year.
        let scores = count(
            "SELECT (SELECT count(*) FROM scores s JOIN agreements a ON a.id = s.agreement_id WHERE a.year = ?1)
                  + (SELECT count(*) FROM adjustments d JOIN agreements a ON a.id = d.agreement_id WHERE a.year = ?1)
                  + (SELECT count(*) FROM vetoes v JOIN agreements a ON a.id = v.agreement_id WHERE a.year = ?1)",
        )?;
        if scores > 0 {
            return Err(StoreError::Rejected(format!(
                "{year} 年度已有评分，不能删除"
            )));
        }
        let mut removed = RemovedYear {
            templates: count("SELECT count(*) FROM templates WHERE year = ?1")?,
            indicator_sets: count("SELECT count(*) FROM indicator_sets WHERE year = ?1")?,
            year: before,
            previous_year_units: None,
        };
        for sql in [
            "DELETE FROM indicators WHERE set_id IN (SELECT id FROM indicator_sets WHERE year = ?1)",
            "DELETE FROM rule_items WHERE set_id IN (SELECT id FROM indicator_sets WHERE year = ?1)",
            "DELETE FROM indicator_sets WHERE year = ?1",
            "DELETE FROM templates WHERE year = ?1",
            "DELETE FROM grade_bands WHERE year = ?1",
        ] {
            self.tx.execute(sql, [year])?;
        }
        self.delete_unit_versions(year)?;
        // The year before becomes the newest again. Its version of the units says how its
        // agreements, results and notice name them (it may be published already), so it stays
        // unless it is the register as it is now: then reading the register changes nothing
        // it shows, and the year reads it again, as before the rollover.
        let previous: Option<i32> = self.tx.query_row(
            "SELECT max(year) FROM years WHERE year < ?1",
            [year],
            |row| row.get(0),
        )?;
        if let Some(previous) = previous {
            removed.previous_year_units = self.settle_previous_unit_versions(previous)?;
        }
        for key in keys {
            self.tx
                .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        }
        self.tx.execute(
            "DELETE FROM settings WHERE key = ?1",
            [super::published_on_key(year)],
        )?;
        self.tx
            .execute("DELETE FROM years WHERE year = ?1", params![year])?;
        self.audit(
            "删除考核年度",
            "year",
            &year.to_string(),
            Some(&removed),
            None::<&()>,
        )
    }

    /// Drops `year`'s version of the units when it is the register exactly (the same units,
    /// every field alike), or when the year's results are not published yet (the year is
    /// the newest again and still worked on: the register is its units, and a principal's
    /// name corrected there must reach its agreements); keeps it otherwise. Says which in
    /// words for the audit log, or `None` when the year kept no version.
    fn settle_previous_unit_versions(&mut self, year: i32) -> Result<Option<String>> {
        let differences: i64 = self.tx.query_row(
            "SELECT
               (SELECT count(*) FROM units u WHERE NOT EXISTS (
                  SELECT 1 FROM unit_versions v
                  WHERE v.year = ?1 AND v.unit_id = u.id AND v.name = u.name
                    AND v.short_name = u.short_name AND v.kind = u.kind
                    AND v.category_id = u.category_id AND v.principal_title = u.principal_title
                    AND v.principal_name = u.principal_name AND v.contact_name = u.contact_name
                    AND v.contact_phone = u.contact_phone AND v.sort_order = u.sort_order
                    AND v.is_active = u.is_active))
             + (SELECT count(*) FROM unit_versions v WHERE v.year = ?1
                  AND NOT EXISTS (SELECT 1 FROM units u WHERE u.id = v.unit_id))",
            [year],
            |row| row.get(0),
        )?;
        let kept: i64 = self.tx.query_row(
            "SELECT count(*) FROM unit_versions WHERE year = ?1",
            [year],
            |row| row.get(0),
        )?;
        if kept == 0 {
            return Ok(None);
        }
        let is_published: bool = self.tx.query_row(
            "SELECT phase = 'published' FROM years WHERE year = ?1",
            [year],
            |row| row.get(0),
        )?;
        if differences > 0 && is_published {
            return Ok(Some(format!(
                "{year} 年度已通报，保留结转时保存的单位信息（名册已有改动）"
            )));
        }
        if differences > 0 {
            self.delete_unit_versions(year)?;
            return Ok(Some(format!(
                "{year} 年度尚未通报，结转时保存的单位信息已删除，该年度改读名册（含结转后的改动）"
            )));
        }
        self.delete_unit_versions(year)?;
        Ok(Some(format!(
            "{year} 年度保存的单位信息与现在的名册相同，已删除，该年度改读名册"
        )))
    }

    /// Deletes the version of the units kept for `year` (saved when it was rolled over from or
    /// published). The rows are otherwise never deleted: they say how the year's agreements
    /// and notice name their units. A year without agreements names none, so its version goes
    /// with it; a version that is the register as it is now names them as the register does;
    /// a newest year taken back from 已通报 reads the register again; the trigger
    /// that guards the rows steps aside for this one statement, inside the transaction.
    pub(super) fn delete_unit_versions(&mut self, year: i32) -> Result<()> {
        let kept: i64 = self.tx.query_row(
            "SELECT count(*) FROM unit_versions WHERE year = ?1",
            [year],
            |row| row.get(0),
        )?;
        if kept == 0 {
            return Ok(());
        }
        let guard: Option<String> = self
            .tx
            .query_row(
                "SELECT sql FROM sqlite_master WHERE type = 'trigger' AND name = ?1",
                [UNIT_VERSIONS_KEPT],
                |row| row.get(0),
            )
            .optional()?;
        if guard.is_some() {
            self.tx
                .execute_batch(&format!("DROP TRIGGER {UNIT_VERSIONS_KEPT}"))?;
        }
        self.tx
            .execute("DELETE FROM unit_versions WHERE year = ?1", [year])?;
        if let Some(sql) = guard {
            self.tx.execute_batch(&sql)?;
        }
        Ok(())
    }
}
