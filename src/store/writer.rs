//! Writes: every change runs inside one transaction and appends to the audit log.

use crate::model::dates::STORED_TIME as TIME_FORMAT;
use rusqlite::{OptionalExtension as _, Transaction, params};
use serde::Serialize;

use super::codec::{date_to_sql, to_json};
use super::{Result, StoreError, read};
use crate::model::category::validate_category_name;
use crate::model::{AgreementDraft, IndicatorSet, Template, TemplateDraft, Year};

mod units;

/// The operator named in the demo's fictional history (its 定稿, printing, signing and
/// publishing, dated in the past).
pub const DEMO_HISTORY_OPERATOR: &str = "示例数据";

/// The open transaction of one [`super::Store::write`] call.
pub struct Writer<'a> {
    pub(super) tx: Transaction<'a>,
    operator: &'a str,
    /// The operator of the store, whom [`Writer::stop_backdating`] gives the entries back to.
    own_operator: &'a str,
    /// When the transaction started, by the store's clock.
    started: chrono::NaiveDateTime,
    pub(super) now: String,
    /// The database file, as it was given (for the commands a message names).
    pub(super) db: Option<&'a std::path::Path>,
}

impl<'a> Writer<'a> {
    pub(super) fn new(
        tx: Transaction<'a>,
        operator: &'a str,
        now: chrono::NaiveDateTime,
        db: Option<&'a std::path::Path>,
    ) -> Self {
        Self {
            tx,
            operator,
            own_operator: operator,
            started: now,
            now: now.format(TIME_FORMAT).to_string(),
            db,
        }
    }

    /// Today, by the store's clock (backdating does not move it).
    pub(super) fn today(&self) -> chrono::NaiveDate {
        self.started.date()
    }

    /// Dates what this transaction writes from here on at `at` instead of now; only for the
    /// demo's fictional history, so that its 定稿 and printing days fall before its signing days.
    /// That history was made by no one real: its entries name [`DEMO_HISTORY_OPERATOR`], not
    /// the clerk who loaded the demo.
    pub(crate) fn backdate(&mut self, at: chrono::NaiveDateTime) {
        self.now = at.format(TIME_FORMAT).to_string();
        self.operator = DEMO_HISTORY_OPERATOR;
    }

    /// Dates what this transaction writes from here on at the time it started again, by the
    /// store's operator again.
    pub(crate) fn stop_backdating(&mut self) {
        self.now = self.started.format(TIME_FORMAT).to_string();
        self.operator = self.own_operator;
    }

    pub(super) fn commit(self) -> Result<()> {
        Ok(self.tx.commit()?)
    }

    /// Appends one audit entry.
    pub(super) fn audit<B: Serialize, A: Serialize>(
        &self,
        action: &str,
        entity: &str,
        entity_id: &str,
        before: Option<&B>,
        after: Option<&A>,
    ) -> Result<()> {
        let before = before.map(to_json).transpose()?;
        let after = after.map(to_json).transpose()?;
        self.tx.execute(
            "INSERT INTO audit_log (at, operator, action, entity, entity_id, before_json, after_json) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![self.now, self.operator, action, entity, entity_id, before, after],
        )?;
        Ok(())
    }

    /// Stores a setting.
    pub fn set_setting(&mut self, key: &str, value: &str) -> Result<()> {
        let before = read::setting(&self.tx, key)?;
        self.put_setting(key, value)?;
        self.audit("修改设置", "setting", key, before.as_ref(), Some(&value))
    }

    /// Sets a setting that, while not stored, stood at `in_effect` (a default the program
    /// supplies): logged as changed from that, so that the log names only what was changed.
    pub fn set_setting_over(&mut self, key: &str, value: &str, in_effect: &str) -> Result<()> {
        let before = read::setting(&self.tx, key)?.unwrap_or_else(|| in_effect.to_owned());
        self.put_setting(key, value)?;
        self.audit("修改设置", "setting", key, Some(&before), Some(&value))
    }

    /// Removes a setting (nothing when it is not set), logged with the value it had.
    pub fn remove_setting(&mut self, key: &str) -> Result<()> {
        let Some(before) = read::setting(&self.tx, key)? else {
            return Ok(());
        };
        self.tx
            .execute("DELETE FROM settings WHERE key = ?1", [key])?;
        self.audit("修改设置", "setting", key, Some(&before), None::<&String>)
    }

    /// Stores a setting without logging it: for callers that log what it records in their
    /// own words (the register started, a file exported).
    pub(super) fn put_setting(&mut self, key: &str, value: &str) -> Result<()> {
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES (?1, ?2) ON CONFLICT(key) DO UPDATE SET value = excluded.value",
            [key, value],
        )?;
        Ok(())
    }

    /// Records that the register is in use, so the welcome dialog does not come again; the
    /// audit log says how it started (`how`, e.g. "载入示例数据") rather than the flag's value.
    pub fn mark_initialized(&mut self, how: &str) -> Result<()> {
        self.put_setting(super::SETTING_INITIALIZED, "1")?;
        self.audit(
            "开始使用",
            "setting",
            super::SETTING_INITIALIZED,
            None::<&()>,
            Some(&how),
        )
    }

    /// Adds an assessment category and returns its id.
    pub fn insert_category(&mut self, name: &str) -> Result<i64> {
        let name = printable_category_name(name).map_err(StoreError::Rejected)?;
        let exists: Option<i64> = self
            .tx
            .query_row("SELECT id FROM categories WHERE name = ?1", [&name], |r| {
                r.get(0)
            })
            .optional()?;
        if exists.is_some() {
            return Err(StoreError::Rejected(crate::model::category::name_taken(
                &name,
            )));
        }
        self.tx.execute("INSERT INTO categories (name, sort_order) VALUES (?1, (SELECT coalesce(max(sort_order), 0) + 1 FROM categories))", [&name])?;
        let id = self.tx.last_insert_rowid();
        self.audit(
            "新增考核类别",
            "category",
            &id.to_string(),
            None::<&()>,
            Some(&name),
        )?;
        Ok(id)
    }

    /// Renames an assessment category.
    pub fn rename_category(&mut self, id: i64, name: &str) -> Result<()> {
        let name = printable_category_name(name).map_err(StoreError::Rejected)?;
        let before: Option<String> = self
            .tx
            .query_row("SELECT name FROM categories WHERE id = ?1", [id], |r| {
                r.get(0)
            })
            .optional()?;
        let Some(before) = before else {
            return Err(StoreError::NotFound("该考核类别".to_owned()));
        };
        if before == name {
            return Ok(());
        }
        let clash: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM categories WHERE name = ?1 AND id <> ?2",
                params![name, id],
                |r| r.get(0),
            )
            .optional()?;
        if clash.is_some() {
            return Err(StoreError::Rejected(crate::model::category::name_taken(
                &name,
            )));
        }
        self.tx.execute(
            "UPDATE categories SET name = ?1 WHERE id = ?2",
            params![name, id],
        )?;
        self.audit(
            "重命名考核类别",
            "category",
            &id.to_string(),
            Some(&before),
            Some(&name),
        )
    }

    /// Adds a year with its grade bands.
    pub fn insert_year(&mut self, year: &Year) -> Result<()> {
        self.insert_year_after(year, None)
    }

    /// Adds a year copied from `source` (a rollover): its names are looked at only where they
    /// differ from the source's, so that one stored earlier never stops the copy.
    pub fn insert_copied_year(&mut self, year: &Year, source: &Year) -> Result<()> {
        self.insert_year_after(year, Some(source))
    }

    fn insert_year_after(&mut self, year: &Year, source: Option<&Year>) -> Result<()> {
        let mut errors = year.validate();
        errors.extend(year.text_problems(source));
        errors.extend(year.undrawable_problems(source, crate::pdf::fonts::can_draw));
        if !errors.is_empty() {
            return Err(StoreError::Rejected(errors.join("；")));
        }
        if read::year(&self.tx, year.year)?.is_some() {
            return Err(StoreError::Rejected(format!("{} 年度已存在", year.year)));
        }
        self.tx.execute(
            "INSERT INTO years (year, party_a_name, party_a_signatory_title, party_a_signatory_name, planned_signing_date, full_score, phase)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![year.year, year.party_a_name.trim(), year.party_a_signatory_title.trim(), year.party_a_signatory_name.trim(), date_to_sql(year.planned_signing_date), year.full_score, year.phase.code()],
        )?;
        for (position, band) in year.grade_bands.iter().enumerate() {
            self.tx.execute(
                "INSERT INTO grade_bands (year, position, name, min_total) VALUES (?1, ?2, ?3, ?4)",
                params![
                    year.year,
                    i64::try_from(position).unwrap_or(i64::MAX),
                    band.name.trim(),
                    band.min_total
                ],
            )?;
        }
        self.audit(
            "新增考核年度",
            "year",
            &year.year.to_string(),
            None::<&()>,
            Some(year),
        )
    }

    /// Stores a new template version (versions count from 1 per year and category).
    pub fn insert_template(&mut self, draft: &TemplateDraft) -> Result<Template> {
        self.insert_template_after(draft, None)
    }

    /// [`Writer::insert_template`] as the version after `previous`, which the log keeps as
    /// the entry's before, so that it shows what the new version changed.
    pub(super) fn insert_template_after(
        &mut self,
        draft: &TemplateDraft,
        previous: Option<&Template>,
    ) -> Result<Template> {
        let problems = draft.placeholder_errors();
        if !problems.is_empty() {
            let text = problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("；");
            return Err(StoreError::Rejected(format!("模板有误：{text}")));
        }
        let version: i64 = self.tx.query_row(
            "SELECT coalesce(max(version), 0) + 1 FROM templates WHERE year = ?1 AND category_id = ?2",
            params![draft.year, draft.category_id],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "INSERT INTO templates (year, category_id, version, title_pattern, preamble, sections_json, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![draft.year, draft.category_id, version, draft.title_pattern, draft.preamble, to_json(&draft.sections)?, self.now],
        )?;
        let template = Template {
            id: self.tx.last_insert_rowid(),
            version,
            content: draft.clone(),
        };
        self.audit(
            "新增模板版本",
            "template",
            &template.id.to_string(),
            previous,
            Some(&template),
        )?;
        Ok(template)
    }

    /// Stores an indicator set with its rows and rules; returns it with ids filled in.
    pub fn insert_indicator_set(&mut self, set: &IndicatorSet) -> Result<IndicatorSet> {
        let Some(year) = read::year(&self.tx, set.year)? else {
            return Err(read::missing_year(&self.tx, set.year));
        };
        // The published grades were worked out without it: a set started now reaches nothing.
        if year.phase == crate::model::Phase::Published {
            return Err(StoreError::Rejected(format!(
                "{} 年度考核结果已通报，不再新建考核指标；下一年度的考核指标请在该年度中设置",
                set.year
            )));
        }
        if let Some(problem) = set
            .items
            .iter()
            .find_map(crate::model::RuleItem::cap_problem)
        {
            return Err(StoreError::Rejected(problem));
        }
        let mut stored = set.clone();
        self.tx.execute(
            "INSERT INTO indicator_sets (year, category_id, bonus_cap, is_final) VALUES (?1, ?2, ?3, ?4)",
            params![set.year, set.category_id, set.bonus_cap, set.is_final],
        )?;
        stored.id = self.tx.last_insert_rowid();
        for (position, indicator) in stored.indicators.iter_mut().enumerate() {
            self.tx.execute(
                "INSERT INTO indicators (set_id, position, name, points, criteria, method) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![stored.id, i64::try_from(position).unwrap_or(i64::MAX), indicator.name, indicator.points, indicator.criteria, indicator.method],
            )?;
            indicator.id = self.tx.last_insert_rowid();
        }
        for (position, item) in stored.items.iter_mut().enumerate() {
            self.tx.execute(
                "INSERT INTO rule_items (set_id, position, kind, name, points, cap) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![stored.id, i64::try_from(position).unwrap_or(i64::MAX), item.kind.code(), item.name, item.points, item.cap],
            )?;
            item.id = self.tx.last_insert_rowid();
        }
        self.audit(
            "新增考核指标",
            "indicator_set",
            &stored.id.to_string(),
            None::<&()>,
            Some(&stored),
        )?;
        Ok(stored)
    }

    /// Creates a draft agreement; returns its id. Its copies must be within the model's
    /// limits ([`crate::model::agreement::copies_problem`]).
    pub fn insert_agreement(&mut self, draft: &AgreementDraft) -> Result<i64> {
        if let Some(problem) = crate::model::agreement::copies_problem(draft.copies) {
            return Err(StoreError::Rejected(problem));
        }
        let existing: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM agreements WHERE year = ?1 AND unit_id = ?2",
                params![draft.year, draft.unit_id],
                |r| r.get(0),
            )
            .optional()?;
        if existing.is_some() {
            return Err(StoreError::Rejected("该单位本年度已有责任书".to_owned()));
        }
        // Never the id of a draft deleted before (删除草稿): the log keeps that one's entries
        // under its id, which would otherwise name the new agreement.
        self.tx.execute(
            "INSERT INTO agreements (id, year, unit_id, category_id, template_id, number, tailoring_json, copies)
             VALUES (1 + max(coalesce((SELECT max(id) FROM agreements), 0),
                             coalesce((SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'deleted_agreement_id'), 0)),
                     ?1, ?2, ?3, ?4, ?5, ?6, ?7)",
            params![draft.year, draft.unit_id, draft.category_id, draft.template_id, draft.number, to_json(&draft.tailoring)?, draft.copies],
        )?;
        let id = self.tx.last_insert_rowid();
        self.audit(
            "起草责任书",
            "agreement",
            &id.to_string(),
            None::<&()>,
            Some(draft),
        )?;
        Ok(id)
    }
}

/// A category name as typed, checked as the model checks it and drawable by the fonts the
/// notice is printed in (its 附件 table and the agreements' titles name it); the 设置 screen
/// checks a name typed the same way before it is sent.
pub(crate) fn printable_category_name(name: &str) -> std::result::Result<String, String> {
    let name = validate_category_name(name)?;
    match name.chars().find(|&c| !crate::pdf::fonts::can_draw(c)) {
        Some(c) => Err(format!(
            "类别名称中{}",
            crate::pdf::fonts::undrawable_said(c)
        )),
        None => Ok(name),
    }
}
