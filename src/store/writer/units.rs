//! Writes of units: checked before they are written (fields, category, names and short names
//! clashing with other active units), added, imported, changed, archived and restored, each
//! with its audit entry.

use rusqlite::{OptionalExtension as _, params};
use serde::Serialize;

use super::super::{Result, StoreError, read};
use super::Writer;
use crate::model::{FieldError, UnitDraft, UnitField};

impl Writer<'_> {
    /// Checks a unit before it is written: its fields, its category, and that no other active
    /// unit has its name or is shown under its short name. `before` is the unit as stored, for
    /// a change: a short name it already had is not checked again (a register with two alike
    /// from before the rule can still be edited).
    fn validate_unit(
        &self,
        draft: &UnitDraft,
        own_id: Option<i64>,
        before: Option<&crate::model::Unit>,
    ) -> Result<()> {
        let is_active = before.is_none_or(|b| b.is_active);
        let mut errors = draft.validate();
        // Checked on values new since `before` only: one stored earlier keeps the unit
        // editable.
        for new in draft.entry_problems(before.map(|b| &b.fields)) {
            if errors.iter().all(|e| e.field != new.field) {
                errors.push(new);
            }
        }
        let category: Option<i64> = self
            .tx
            .query_row(
                "SELECT id FROM categories WHERE id = ?1",
                [draft.category_id],
                |r| r.get(0),
            )
            .optional()?;
        if category.is_none() {
            errors.push(FieldError {
                field: UnitField::Category,
                message: "请选择考核类别".to_owned(),
            });
        }
        // An archived unit may keep a name an active unit took after it, but not be renamed to
        // one: two units of one name would mix up their years' agreements and results.
        let is_renamed = before.is_none_or(|b| b.fields.name != draft.name);
        if (is_active || is_renamed)
            && errors.iter().all(|e| e.field != UnitField::Name)
            && let Some((other, other_name)) = read::active_unit_named(&self.tx, &draft.name)?
            && Some(other) != own_id
        {
            errors.push(FieldError {
                field: UnitField::Name,
                message: crate::model::unit_names::name_taken(&draft.name, &other_name),
            });
        }
        // The short name tells units apart in the scoring grid, file names and commands.
        let field = if draft.short_name.is_empty() {
            UnitField::Name
        } else {
            UnitField::ShortName
        };
        let is_unchanged =
            before.is_some_and(|b| b.fields.display_short_name() == draft.display_short_name());
        if is_active
            && !is_unchanged
            && errors.iter().all(|e| e.field != field)
            && let Some((other_name, other_short)) =
                read::other_unit_short_named(&self.tx, draft.display_short_name(), own_id)?
        {
            errors.push(FieldError {
                field,
                message: draft.shown_name_clash(&other_name, &other_short, true),
            });
        }
        // Nor may its full name be another's short name: `--unit` finds a full name first.
        if is_active
            && is_renamed
            && errors.iter().all(|e| e.field != UnitField::Name)
            && let Some(other_name) =
                read::other_unit_with_short_name(&self.tx, &draft.name, own_id)?
        {
            errors.push(FieldError {
                field: UnitField::Name,
                message: draft.name_is_short_name_of(&other_name, true)
                    + crate::model::unit::NAME_ADVICE,
            });
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(StoreError::Invalid(errors))
        }
    }

    /// Adds a unit after validating it; returns its id.
    pub fn insert_unit(&mut self, draft: &UnitDraft) -> Result<i64> {
        self.insert_unit_as(draft, "新增单位")
    }

    /// Adds a unit read from an import file (导入新增单位 in the log); returns its id.
    pub fn import_unit(&mut self, draft: &UnitDraft) -> Result<i64> {
        self.insert_unit_as(draft, "导入新增单位")
    }

    /// Changes a unit as an import file has it (导入修改单位 in the log), when the unit is still
    /// `previewed` (as the preview showed it): a change made in the window since is refused
    /// rather than silently undone.
    pub fn import_unit_change(
        &mut self,
        id: i64,
        previewed: &UnitDraft,
        draft: &UnitDraft,
    ) -> Result<()> {
        let now = read::unit(&self.tx, id)?.map(|unit| unit.fields);
        if now.as_ref() != Some(previewed) {
            return Err(StoreError::Rejected(
                "该单位在预览之后已被修改，请重新选择文件、预览后再导入".to_owned(),
            ));
        }
        self.update_unit_as(id, draft, "导入修改单位")
    }

    /// Records an import of units from `file_name` (导入单位): the file, how many units it
    /// added and changed, beside the entries of the units themselves, and how many rejected
    /// rows were passed over (written only when some were).
    pub fn record_unit_import(
        &mut self,
        file_name: &str,
        (added, changed): (usize, usize),
        skipped: usize,
    ) -> Result<()> {
        #[derive(Serialize)]
        struct UnitImport<'a> {
            file_name: &'a str,
            added: usize,
            changed: usize,
            #[serde(skip_serializing_if = "Option::is_none")]
            skipped: Option<usize>,
        }
        self.audit(
            "导入单位",
            "unit_import",
            file_name,
            None::<&()>,
            Some(&UnitImport {
                file_name,
                added,
                changed,
                skipped: (skipped > 0).then_some(skipped),
            }),
        )
    }

    /// Records an export of the unit list into `file_name` (导出 Excel): the file and how many
    /// units it holds, as the other exports are logged.
    pub fn record_unit_list_export(&mut self, file_name: &str, units: usize) -> Result<()> {
        #[derive(Serialize)]
        struct UnitList<'a> {
            file_name: &'a str,
            units: usize,
        }
        self.audit(
            "导出 Excel",
            "unit_list",
            file_name,
            None::<&()>,
            Some(&UnitList { file_name, units }),
        )
    }

    fn insert_unit_as(&mut self, draft: &UnitDraft, action: &str) -> Result<i64> {
        let draft = draft.trimmed();
        self.validate_unit(&draft, None, None)?;
        self.tx.execute(
            "INSERT INTO units (name, short_name, kind, category_id, principal_title, principal_name, contact_name, contact_phone, sort_order)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
            params![draft.name, draft.short_name, draft.kind.code(), draft.category_id, draft.principal_title, draft.principal_name, draft.contact_name, draft.contact_phone, draft.sort_order],
        )?;
        let id = self.tx.last_insert_rowid();
        let after = read::unit(&self.tx, id)?;
        self.audit(action, "unit", &id.to_string(), None::<&()>, after.as_ref())?;
        Ok(id)
    }

    /// Changes a unit's fields after validating them.
    pub fn update_unit(&mut self, id: i64, draft: &UnitDraft) -> Result<()> {
        self.update_unit_as(id, draft, "修改单位")
    }

    fn update_unit_as(&mut self, id: i64, draft: &UnitDraft, action: &str) -> Result<()> {
        let Some(before) = read::unit(&self.tx, id)? else {
            return Err(StoreError::NotFound("该单位".to_owned()));
        };
        let draft = draft.trimmed();
        // Saved as it was: nothing to write, and no empty entry in the log.
        if draft == before.fields {
            return Ok(());
        }
        self.validate_unit(&draft, Some(id), Some(&before))?;
        self.tx.execute(
            "UPDATE units SET name = ?1, short_name = ?2, kind = ?3, category_id = ?4, principal_title = ?5, principal_name = ?6,
             contact_name = ?7, contact_phone = ?8, sort_order = ?9 WHERE id = ?10",
            params![draft.name, draft.short_name, draft.kind.code(), draft.category_id, draft.principal_title, draft.principal_name, draft.contact_name, draft.contact_phone, draft.sort_order, id],
        )?;
        let after = read::unit(&self.tx, id)?;
        self.audit(
            action,
            "unit",
            &id.to_string(),
            Some(&before),
            after.as_ref(),
        )
    }

    /// Archives (merged, abolished) or restores a unit; its history stays.
    pub fn set_unit_active(&mut self, id: i64, is_active: bool) -> Result<()> {
        let Some(before) = read::unit(&self.tx, id)? else {
            return Err(StoreError::NotFound("该单位".to_owned()));
        };
        if before.is_active == is_active {
            return Ok(());
        }
        if is_active
            && let Some((_, other_name)) = read::active_unit_named(&self.tx, &before.fields.name)?
        {
            return Err(StoreError::Rejected(format!(
                "已有名为“{other_name}”的在用单位，不能恢复；请先修改其中一个的名称"
            )));
        }
        if is_active
            && let Some((other_name, other_short)) = read::other_unit_short_named(
                &self.tx,
                before.fields.display_short_name(),
                Some(id),
            )?
        {
            // Shown by its name, the unit in use has no short name to change: this one's is.
            let which = if other_short.is_empty() {
                "要恢复的这个单位"
            } else {
                "其中一个"
            };
            return Err(StoreError::Rejected(format!(
                "{}，不能恢复；请先修改{which}的简称（已归档的单位也可以编辑：勾选“显示已归档”，选中它再点“编辑…”）",
                before
                    .fields
                    .short_name_taken(&other_name, &other_short, true)
            )));
        }
        if is_active
            && let Some(other_name) =
                read::other_unit_with_short_name(&self.tx, &before.fields.name, Some(id))?
        {
            return Err(StoreError::Rejected(format!(
                "{}，不能恢复；请先修改其中一个的名称或简称",
                before.fields.name_is_short_name_of(&other_name, true)
            )));
        }
        self.tx.execute(
            "UPDATE units SET is_active = ?1 WHERE id = ?2",
            params![is_active, id],
        )?;
        let after = read::unit(&self.tx, id)?;
        let action = if is_active {
            "恢复单位"
        } else {
            "归档单位"
        };
        self.audit(
            action,
            "unit",
            &id.to_string(),
            Some(&before),
            after.as_ref(),
        )
    }
}
