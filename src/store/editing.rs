//! Editing templates and indicator sets. A template version that an issued agreement uses is
//! never changed in place: saving makes a new version, and the year's drafts move to it.
//! Indicator rows that already carry scores are never deleted; a rule item with bonuses,
//! deductions or vetoes recorded under it is never deleted, and keeps its kind and its own
//! limit (its points may change: each entry keeps the points it was recorded with).

use rusqlite::params;

use super::codec::to_json;
use super::{Result, StoreError, Writer, read};
use crate::model::{IndicatorSet, Phase, Points, RuleItem, Template, TemplateDraft};

/// What saving a template did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TemplateSaved {
    /// The version was changed in place (no issued agreement used it).
    InPlace(Template),
    /// A new version was made; this many drafts moved to it.
    NewVersion(Template, usize),
    /// The text was the version's own: nothing was written.
    Unchanged(Template),
}

/// The template version an agreement is drawn from, as the audit log keeps it.
#[derive(serde::Serialize)]
pub(super) struct TemplateVersion {
    pub(super) version: i64,
}

/// Why a published year's template is not saved (the template editor says it too).
#[must_use]
pub fn published_template_refusal(year: i32) -> String {
    format!(
        "{year} 年度考核结果已通报，不再起草责任书，模板只供查阅，不能修改；下一年度的模板请在该年度中修改（还没有下一年度的，可在“设置”中做年度结转）"
    )
}

fn index(position: usize) -> i64 {
    i64::try_from(position).unwrap_or(i64::MAX)
}

/// Refuses the save when an edited row (`changed` rows updated) is no longer in the set: an
/// editor opened before it was removed would otherwise lose the edit without a word.
fn refuse_stale(changed: usize, name: &str) -> Result<()> {
    if changed == 1 {
        return Ok(());
    }
    Err(StoreError::Rejected(format!(
        "“{}”已不在这套考核指标中（可能已在别处删除），没有保存；请重新打开“考核指标”再修改",
        name.trim()
    )))
}

impl Writer<'_> {
    /// Saves a template edited from version `base_id` (or the first version when None).
    pub fn save_template(
        &mut self,
        base_id: Option<i64>,
        draft: &TemplateDraft,
    ) -> Result<TemplateSaved> {
        // No agreement is drafted in a published year: an edit would reach nothing.
        if read::year(&self.tx, draft.year)?.is_some_and(|y| y.phase == Phase::Published) {
            return Err(StoreError::Rejected(published_template_refusal(draft.year)));
        }
        // A clause with nothing in it would be printed as an empty paragraph, a character no
        // font has would stop the export.
        let mut blank = draft.blank_clause_problems();
        blank.extend(draft.undrawable_problems(crate::pdf::fonts::can_draw));
        if !blank.is_empty() {
            return Err(StoreError::Rejected(format!(
                "模板有误：{}",
                blank.join("；")
            )));
        }
        let Some(base_id) = base_id else {
            return Ok(TemplateSaved::NewVersion(self.insert_template(draft)?, 0));
        };
        // Saved unchanged: nothing is written, no version made, no draft moved.
        if let Some(base) = read::template(&self.tx, base_id)?
            && base.content == *draft
        {
            return Ok(TemplateSaved::Unchanged(base));
        }
        let issued: i64 = self.tx.query_row(
            "SELECT count(*) FROM agreements WHERE template_id = ?1 AND status <> 'draft'",
            [base_id],
            |r| r.get(0),
        )?;
        if issued > 0 {
            let base = read::template(&self.tx, base_id)?;
            let base_version = base.as_ref().map_or(0, |t| t.version);
            let template = self.insert_template_after(draft, base.as_ref())?;
            let drafts: Vec<i64> = {
                let mut statement = self.tx.prepare(
                    "SELECT id FROM agreements WHERE template_id = ?1 AND status = 'draft' ORDER BY id",
                )?;
                statement
                    .query_map([base_id], |r| r.get(0))?
                    .collect::<rusqlite::Result<_>>()?
            };
            for id in &drafts {
                self.tx.execute(
                    "UPDATE agreements SET template_id = ?1 WHERE id = ?2",
                    params![template.id, id],
                )?;
                // Each moved draft gets its entry, so the log filtered by unit shows it.
                self.audit(
                    "改用新模板版本",
                    "agreement",
                    &id.to_string(),
                    Some(&TemplateVersion {
                        version: base_version,
                    }),
                    Some(&TemplateVersion {
                        version: template.version,
                    }),
                )?;
            }
            return Ok(TemplateSaved::NewVersion(template, drafts.len()));
        }
        let problems = draft.placeholder_errors();
        if !problems.is_empty() {
            let text = problems
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join("；");
            return Err(StoreError::Rejected(format!("模板有误：{text}")));
        }
        // The whole version before and after, so the log compares them field by field.
        let Some(before) = read::template(&self.tx, base_id)? else {
            return Err(StoreError::NotFound("该模板版本".to_owned()));
        };
        self.tx.execute(
            "UPDATE templates SET title_pattern = ?1, preamble = ?2, sections_json = ?3 WHERE id = ?4",
            params![draft.title_pattern, draft.preamble, to_json(&draft.sections)?, base_id],
        )?;
        let version: i64 = self.tx.query_row(
            "SELECT version FROM templates WHERE id = ?1",
            [base_id],
            |r| r.get(0),
        )?;
        let template = Template {
            id: base_id,
            version,
            content: draft.clone(),
        };
        self.audit(
            "修改模板",
            "template",
            &base_id.to_string(),
            Some(&before),
            Some(&template),
        )?;
        Ok(TemplateSaved::InPlace(template))
    }

    /// Saves an indicator set's cap, rows and rules (rows with id 0 are new); not its final mark.
    pub fn save_indicator_set(&mut self, set: &IndicatorSet) -> Result<()> {
        let before = read::indicator_set_by_id(&self.tx, set.id)?
            .ok_or_else(|| StoreError::NotFound("该指标体系".to_owned()))?;
        if before.is_final {
            return Err(StoreError::Rejected(
                "指标已定稿，请先取消定稿再修改".to_owned(),
            ));
        }
        // The published grades were worked out with these points, caps and rules.
        if read::year(&self.tx, before.year)?.is_some_and(|y| y.phase == Phase::Published) {
            return Err(StoreError::Rejected(format!(
                "{} 年度考核结果已通报，考核指标不能再修改；如确需更正，请先在“设置 → 年度设置”中把阶段退回“考核”",
                before.year
            )));
        }
        for row in &set.indicators {
            self.check_points_cover_scores(row)?;
        }
        if let Some(problem) = (set.items.iter())
            .find_map(crate::model::RuleItem::cap_problem)
            .or_else(|| set.bonus_cap_problem())
            .or_else(|| set.repeated_names().into_iter().next())
        {
            return Err(StoreError::Rejected(problem));
        }
        for old in &before.indicators {
            if !set.indicators.iter().any(|i| i.id == old.id) {
                let scored: i64 = self.tx.query_row(
                    "SELECT count(*) FROM scores WHERE indicator_id = ?1",
                    [old.id],
                    |r| r.get(0),
                )?;
                if scored > 0 {
                    return Err(StoreError::Rejected(format!(
                        "指标“{}”已有评分，不能删除",
                        old.name
                    )));
                }
                self.tx
                    .execute("DELETE FROM indicators WHERE id = ?1", [old.id])?;
            }
        }
        for old in &before.items {
            if let Some(new) = set.items.iter().find(|i| i.id == old.id) {
                self.check_item_change(old, new)?;
                continue;
            }
            let (adjustments, vetoes) = self.item_uses(old.id)?;
            if adjustments + vetoes > 0 {
                return Err(StoreError::Rejected(format!(
                    "“{}”已被使用，不能删除",
                    old.name
                )));
            }
            self.tx
                .execute("DELETE FROM rule_items WHERE id = ?1", [old.id])?;
        }
        // Positions are unique per set: move the kept rows out of the way first.
        self.tx.execute(
            "UPDATE indicators SET position = -1 - position WHERE set_id = ?1",
            [set.id],
        )?;
        self.tx.execute(
            "UPDATE rule_items SET position = -1 - position WHERE set_id = ?1",
            [set.id],
        )?;
        for (position, row) in set.indicators.iter().enumerate() {
            if row.id == 0 {
                self.tx.execute(
                    "INSERT INTO indicators (set_id, position, name, points, criteria, method) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![set.id, index(position), row.name.trim(), row.points, row.criteria, row.method],
                )?;
            } else {
                let changed = self.tx.execute(
                    "UPDATE indicators SET position = ?1, name = ?2, points = ?3, criteria = ?4, method = ?5 WHERE id = ?6 AND set_id = ?7",
                    params![index(position), row.name.trim(), row.points, row.criteria, row.method, row.id, set.id],
                )?;
                refuse_stale(changed, &row.name)?;
            }
        }
        for (position, item) in set.items.iter().enumerate() {
            if item.id == 0 {
                self.tx.execute(
                    "INSERT INTO rule_items (set_id, position, kind, name, points, cap) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                    params![set.id, index(position), item.kind.code(), item.name.trim(), item.points, item.cap],
                )?;
            } else {
                let changed = self.tx.execute(
                    "UPDATE rule_items SET position = ?1, kind = ?2, name = ?3, points = ?4, cap = ?5 WHERE id = ?6 AND set_id = ?7",
                    params![index(position), item.kind.code(), item.name.trim(), item.points, item.cap, item.id, set.id],
                )?;
                refuse_stale(changed, &item.name)?;
            }
        }
        self.tx.execute(
            "UPDATE indicator_sets SET bonus_cap = ?1 WHERE id = ?2",
            params![set.bonus_cap, set.id],
        )?;
        let after = read::indicator_set_by_id(&self.tx, set.id)?;
        self.audit(
            "修改考核指标",
            "indicator_set",
            &set.id.to_string(),
            Some(&before),
            after.as_ref(),
        )
    }

    /// Refuses points for a stored indicator below a score already entered for it: the score
    /// would count for less than it shows.
    fn check_points_cover_scores(&self, row: &crate::model::Indicator) -> Result<()> {
        if row.id == 0 {
            return Ok(());
        }
        let highest: Option<Points> = self.tx.query_row(
            "SELECT max(max(coalesce(self_score, 0), coalesce(assessed_score, 0))) FROM scores WHERE indicator_id = ?1",
            [row.id],
            |r| r.get(0),
        )?;
        match highest {
            Some(highest) if highest > row.points => Err(StoreError::Rejected(format!(
                "指标“{}”已有单位得 {} 分，分值不能改为低于 {} 分；如需降低，请先在“考核”中改低这些得分",
                row.name.trim(),
                highest,
                highest
            ))),
            _ => Ok(()),
        }
    }

    /// How many bonuses or deductions, and how many vetoes, are recorded under rule item `id`.
    fn item_uses(&self, id: i64) -> Result<(i64, i64)> {
        Ok(self.tx.query_row(
            "SELECT (SELECT count(*) FROM adjustments WHERE item_id = ?1),
                    (SELECT count(*) FROM vetoes WHERE item_id = ?1)",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?)
    }

    /// Refuses a change to a rule item in use that would change what its entries mean: its
    /// kind (a veto made a bonus, a bonus a deduction), or its own limit, which totals read
    /// from the item. Its points may change: every entry keeps the points it was recorded with.
    fn check_item_change(&self, old: &RuleItem, new: &RuleItem) -> Result<()> {
        if old.kind == new.kind && old.cap == new.cap {
            return Ok(());
        }
        let (adjustments, vetoes) = self.item_uses(old.id)?;
        let recorded = match (adjustments, vetoes) {
            (0, 0) => return Ok(()),
            (n, 0) => format!("已录入 {n} 条加扣分"),
            (0, n) => format!("已有 {n} 个单位按它一票否决"),
            (a, v) => format!("已录入 {a} 条加扣分，并有 {v} 个单位按它一票否决"),
        };
        let name = &old.name;
        if old.kind != new.kind {
            return Err(StoreError::Rejected(format!(
                "“{name}”{recorded}，不能从{}项目改为{}项目；如需另一类项目，请新增一项",
                old.kind.label(),
                new.kind.label()
            )));
        }
        if adjustments > 0 {
            return Err(StoreError::Rejected(format!(
                "“{name}”{recorded}，不能修改它的累计最多分值（已录入单位的得分会随之改变）；如需修改，请先删除这些加扣分"
            )));
        }
        Ok(())
    }

    /// Marks an indicator set final (only when its points sum to the year's full score) or not.
    pub fn set_indicator_set_final(&mut self, set_id: i64, is_final: bool) -> Result<()> {
        let set = read::indicator_set_by_id(&self.tx, set_id)?
            .ok_or_else(|| StoreError::NotFound("该指标体系".to_owned()))?;
        if is_final {
            let year = read::year(&self.tx, set.year)?
                .ok_or_else(|| read::missing_year(&self.tx, set.year))?;
            let errors = set.validate_final(year.full_score);
            if !errors.is_empty() {
                return Err(StoreError::Rejected(format!(
                    "不能定稿：{}",
                    errors.join("；")
                )));
            }
        } else {
            // Issued agreements carry these indicators in their frozen annex; scoring must
            // keep to what was signed.
            let (issued, signed): (i64, i64) = self.tx.query_row(
                "SELECT count(*), count(CASE WHEN status IN ('signed', 'archived') THEN 1 END) \
                 FROM agreements WHERE year = ?1 AND category_id = ?2 AND status <> 'draft'",
                params![set.year, set.category_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )?;
            if issued > 0 {
                return Err(StoreError::Rejected(
                    crate::model::indicator::frozen_by_issued(issued, signed),
                ));
            }
        }
        self.tx.execute(
            "UPDATE indicator_sets SET is_final = ?1 WHERE id = ?2",
            params![is_final, set_id],
        )?;
        let action = if is_final {
            "考核指标定稿"
        } else {
            "取消指标定稿"
        };
        self.audit(
            action,
            "indicator_set",
            &set_id.to_string(),
            Some(&set.is_final),
            Some(&is_final),
        )
    }
}
