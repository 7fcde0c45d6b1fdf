//! Entering scores, bonuses, deductions and vetoes from the scoring workbench. Once a year's
//! results are published (已通报) every change needs a reason, which the audit log keeps with
//! the old and new value.

use rusqlite::{OptionalExtension as _, params};
use serde::Serialize;

use super::codec::decode;
use super::{Result, StoreError, Writer, read};
use crate::model::{Adjustment, AdjustmentKind, ItemKind, Phase, Points, RuleItem, Score, Veto};

/// An audited value with the reason given for the change.
#[derive(Serialize)]
pub(super) struct Reasoned<'a, T: Serialize> {
    pub(super) value: &'a T,
    pub(super) reason: Option<&'a str>,
}

/// What a self-assessment form gives for one indicator of one agreement: a self score (None
/// when its cell is blank) and a 自评说明 (empty when it gives none).
#[derive(Debug, Clone, Copy)]
pub struct ImportedSelfScore<'a> {
    /// The agreement.
    pub agreement_id: i64,
    /// The indicator.
    pub indicator_id: i64,
    /// The self score the form gives.
    pub self_score: Option<Points>,
    /// The 自评说明 the form gives.
    pub self_note: &'a str,
}

/// A score read from a self-assessment form, in the audit log: the score and the file.
#[derive(Serialize)]
struct ImportedScore<'a> {
    #[serde(flatten)]
    score: &'a Score,
    file_name: &'a str,
    /// Who filled the form in, as written under its table; left out when it says nobody.
    #[serde(skip_serializing_if = "str::is_empty")]
    filled_by: &'a str,
}

/// A veto in the audit log.
#[derive(Serialize)]
struct LoggedVeto {
    agreement_id: i64,
    item_id: Option<i64>,
    /// The condition's words, kept with the entry.
    condition: String,
    reason: String,
}

/// The audit key of a score: agreement and indicator.
fn score_key(score: &Score) -> String {
    format!("{}:{}", score.agreement_id, score.indicator_id)
}

/// Said when an assessed score of a published year is cleared.
pub const CLEARED_AFTER_PUBLISHING: &str = "考核结果已通报，考核组评分只能改为其他分值，不能清空：清空后该单位成为“未评完”，已印发的通报无法再生成";

impl Writer<'_> {
    /// True when the year of agreement `agreement_id` is published (已通报).
    fn is_published_for(&self, agreement_id: i64) -> Result<bool> {
        let year: Option<i32> = self
            .tx
            .query_row(
                "SELECT year FROM agreements WHERE id = ?1",
                [agreement_id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(match year {
            Some(year) => read::year(&self.tx, year)?.is_some_and(|y| y.phase == Phase::Published),
            None => false,
        })
    }

    /// Refuses a change to a published year without a reason, and any to an agreement left out
    /// of the assessment ([`crate::model::agreement::is_assessed`]); returns the reason to
    /// audit.
    fn reason_for<'r>(
        &self,
        agreement_id: i64,
        reason: Option<&'r str>,
    ) -> Result<Option<&'r str>> {
        let found: Option<(i32, String)> = self
            .tx
            .query_row(
                "SELECT a.year, u.name FROM agreements a
                 JOIN units u ON u.id = a.unit_id WHERE a.id = ?1",
                [agreement_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((year, unit_name)) = found else {
            return Err(StoreError::NotFound("该责任书".to_owned()));
        };
        let phase = read::year(&self.tx, year)?.map(|y| y.phase);
        if super::left_out::is_left_out(&self.tx, year, agreement_id)? {
            let published = (phase == Some(Phase::Published)).then_some(year);
            return Err(StoreError::Rejected(
                crate::model::agreement::left_out_refusal(&unit_name, published),
            ));
        }
        let typed = reason.is_some_and(|r| !r.trim().is_empty());
        let reason = reason.and_then(crate::model::reason::given);
        if phase == Some(Phase::Published) && reason.is_none() {
            // Typed, yet no reason: said as the window says it.
            let why = if typed {
                format!("；{}", crate::model::reason::NOT_A_REASON)
            } else {
                String::new()
            };
            return Err(StoreError::Rejected(format!(
                "{year} 年度考核结果已通报，评分已锁定；修改须写明理由{why}"
            )));
        }
        Ok(reason)
    }

    /// Changes one cell of the workbench; the score must lie between 0 and the indicator's points.
    pub fn change_score(&mut self, score: &Score, reason: Option<&str>) -> Result<()> {
        let reason = self.reason_for(score.agreement_id, reason)?;
        // Published results stay complete: an assessed score is changed, never cleared (the
        // unit would be 未评完 and the notice issued could not be made again).
        if score.assessed_score.is_none()
            && reason.is_some()
            && (self.stored_score(score.agreement_id, score.indicator_id)?)
                .is_some_and(|stored| stored.assessed_score.is_some())
            && self.is_published_for(score.agreement_id)?
        {
            return Err(StoreError::Rejected(CLEARED_AFTER_PUBLISHING.to_owned()));
        }
        let before = self.put_score(score)?;
        // The first value of a cell is entered, as the demo's history and an import say it
        // (the 考核组评分 typed beside a 自评分 too); a later one changes it.
        let changes_a_value = before.as_ref().is_some_and(|b| {
            (b.assessed_score.is_some() && b.assessed_score != score.assessed_score)
                || (b.self_score.is_some() && b.self_score != score.self_score)
                || (!b.note.is_empty() && b.note != score.note)
                || (!b.self_note.is_empty() && b.self_note != score.self_note)
        });
        let action = if changes_a_value {
            "修改评分"
        } else {
            "录入评分"
        };
        self.audit(
            action,
            "score",
            &score_key(score),
            before.as_ref(),
            Some(&Reasoned {
                value: score,
                reason,
            }),
        )
    }

    /// Changes only the note of one indicator's score for one agreement, keeping its values as
    /// they are stored now: a note saved right after a value typed in the same moment must not
    /// write back the value as it was before.
    pub fn change_score_note(
        &mut self,
        agreement_id: i64,
        indicator_id: i64,
        note: &str,
        reason: Option<&str>,
    ) -> Result<()> {
        let mut score = self
            .stored_score(agreement_id, indicator_id)?
            .unwrap_or_else(|| Score::empty(agreement_id, indicator_id));
        note.clone_into(&mut score.note);
        self.change_score(&score, reason)
    }

    /// The score of one indicator for one agreement as stored, if any.
    fn stored_score(&self, agreement_id: i64, indicator_id: i64) -> Result<Option<Score>> {
        Ok(self
            .tx
            .query_row(
                "SELECT self_score, assessed_score, note, self_note FROM scores WHERE agreement_id = ?1 AND indicator_id = ?2",
                params![agreement_id, indicator_id],
                |r| {
                    Ok(Score {
                        agreement_id,
                        indicator_id,
                        self_score: r.get(0)?,
                        assessed_score: r.get(1)?,
                        note: r.get(2)?,
                        self_note: r.get(3)?,
                    })
                },
            )
            .optional()?)
    }

    /// Enters or replaces the scores of one indicator for one agreement (the demo's scores),
    /// under the same rules as the workbench.
    pub fn upsert_score(&mut self, score: &Score) -> Result<()> {
        let before = self.put_score(score)?;
        self.audit(
            "录入评分",
            "score",
            &score_key(score),
            before.as_ref(),
            Some(score),
        )
    }

    /// Enters a unit's self-assessment read from its form `file_name` (导入自评), under the same
    /// rules as the workbench: its self score when the form gives one, its 自评说明 when the form
    /// gives one; everything else of the entry as it stands at this write (the assessed score
    /// and note are kept, and so is the self score when the form's cell is blank). The log
    /// names the file, and who filled it in (`filled_by`, as the form says it; empty when it
    /// does not).
    pub fn import_self_score(
        &mut self,
        imported: &ImportedSelfScore<'_>,
        file_name: &str,
        filled_by: &str,
    ) -> Result<()> {
        let (agreement_id, indicator_id) = (imported.agreement_id, imported.indicator_id);
        // Checked within the write as well: a published year's scores are locked, and an
        // import gives no reason.
        self.reason_for(agreement_id, None)?;
        let mut score = self
            .stored_score(agreement_id, indicator_id)?
            .unwrap_or_else(|| Score::empty(agreement_id, indicator_id));
        if let Some(points) = imported.self_score {
            score.self_score = Some(points);
        }
        if !imported.self_note.is_empty() {
            imported.self_note.clone_into(&mut score.self_note);
        }
        let score = &score;
        let before = self.put_score(score)?;
        self.audit(
            "导入自评",
            "score",
            &score_key(score),
            before.as_ref(),
            Some(&ImportedScore {
                score,
                file_name,
                filled_by,
            }),
        )
    }

    /// Checks a score against its indicator (of the agreement's own set, at most its points),
    /// writes it and returns the value it replaced, with its field names, as the new value
    /// carries them, so the audit viewer can set the two side by side.
    fn put_score(&mut self, score: &Score) -> Result<Option<Score>> {
        let indicator: Option<(String, Points, i64)> = self
            .tx
            .query_row(
                "SELECT name, points, set_id FROM indicators WHERE id = ?1",
                [score.indicator_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        let Some((name, points, set_id)) = indicator else {
            return Err(StoreError::NotFound("该考核指标".to_owned()));
        };
        self.check_same_set(set_id, score.agreement_id, &name, "考核指标")?;
        for value in [score.self_score, score.assessed_score]
            .into_iter()
            .flatten()
        {
            if value > points {
                return Err(StoreError::Rejected(format!(
                    "“{name}”满分 {points} 分，得分不能超过 {points}"
                )));
            }
        }
        let before = self.stored_score(score.agreement_id, score.indicator_id)?;
        // A note is checked when it changes: one stored earlier never stops a score's change.
        let notes = [
            ("评分说明", &score.note, before.as_ref().map(|b| &b.note)),
            (
                "自评说明",
                &score.self_note,
                before.as_ref().map(|b| &b.self_note),
            ),
        ];
        for (label, note, stored) in notes {
            if stored != Some(note)
                && let Some(problem) = crate::model::free_text::note_problem(label, note)
            {
                return Err(StoreError::Rejected(format!("“{name}”的{problem}")));
            }
        }
        self.tx.execute(
            "INSERT INTO scores (agreement_id, indicator_id, self_score, assessed_score, note, self_note) VALUES (?1, ?2, ?3, ?4, ?5, ?6)
             ON CONFLICT(agreement_id, indicator_id) DO UPDATE SET self_score = excluded.self_score,
             assessed_score = excluded.assessed_score, note = excluded.note, self_note = excluded.self_note",
            params![score.agreement_id, score.indicator_id, score.self_score, score.assessed_score, score.note, score.self_note],
        )?;
        Ok(before)
    }

    /// Refuses an indicator or rule item (named `what`, a `kind` of row) of another year's or
    /// category's set than the agreement's own.
    fn check_same_set(&self, set_id: i64, agreement_id: i64, what: &str, kind: &str) -> Result<()> {
        let same: Option<bool> = self
            .tx
            .query_row(
                "SELECT s.year = a.year AND s.category_id = a.category_id
                 FROM indicator_sets s, agreements a WHERE s.id = ?1 AND a.id = ?2",
                params![set_id, agreement_id],
                |r| r.get(0),
            )
            .optional()?;
        match same {
            Some(true) => Ok(()),
            Some(false) => Err(StoreError::Rejected(format!(
                "“{what}”不是该责任书所在年度、考核类别的{kind}"
            ))),
            None => Err(StoreError::NotFound("该责任书".to_owned())),
        }
    }

    /// Adds a bonus or deduction from the workbench; the reason for a change to a published
    /// year goes into the audit entry.
    pub fn add_adjustment(
        &mut self,
        adjustment: &Adjustment,
        reason_for_change: Option<&str>,
    ) -> Result<i64> {
        let reason = self.reason_for(adjustment.agreement_id, reason_for_change)?;
        self.store_adjustment(adjustment, reason)
    }

    /// Records a bonus or deduction; returns its id.
    pub fn insert_adjustment(&mut self, adjustment: &Adjustment) -> Result<i64> {
        self.store_adjustment(adjustment, None)
    }

    /// The rule item an adjustment or veto applies, if it names one; it must be of the
    /// agreement's own set.
    fn rule_item(&self, item_id: Option<i64>, agreement_id: i64) -> Result<Option<RuleItem>> {
        let Some(item_id) = item_id else {
            return Ok(None);
        };
        let item: Option<(String, String, Points, i64, Option<Points>)> = self
            .tx
            .query_row(
                "SELECT kind, name, points, set_id, cap FROM rule_items WHERE id = ?1",
                [item_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?)),
            )
            .optional()?;
        let Some((kind, name, points, set_id, cap)) = item else {
            return Err(StoreError::NotFound("该加扣分项目".to_owned()));
        };
        self.check_same_set(set_id, agreement_id, &name, "加扣分或否决事项")?;
        Ok(Some(RuleItem {
            id: item_id,
            kind: decode(&kind, ItemKind::from_code)?,
            name,
            points,
            cap,
        }))
    }

    /// `adjustment` trimmed, as it is stored, once the model's rules (with its rule item) let
    /// it be recorded.
    fn checked(&self, adjustment: &Adjustment) -> Result<Adjustment> {
        let stored = adjustment.trimmed();
        let item = self.rule_item(stored.item_id, stored.agreement_id)?;
        let problems = stored.validate(item.as_ref());
        if !problems.is_empty() {
            return Err(StoreError::Rejected(problems.join("；")));
        }
        Ok(stored)
    }

    fn store_adjustment(&mut self, adjustment: &Adjustment, reason: Option<&str>) -> Result<i64> {
        let stored = self.checked(adjustment)?;
        self.tx.execute(
            "INSERT INTO adjustments (agreement_id, item_id, kind, points, reason, matter) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![stored.agreement_id, stored.item_id, stored.kind.code(), stored.points, stored.reason, stored.matter],
        )?;
        let id = self.tx.last_insert_rowid();
        let stored = Adjustment { id, ..stored };
        self.audit(
            "录入加减分",
            "adjustment",
            &id.to_string(),
            None::<&()>,
            Some(&Reasoned {
                value: &stored,
                reason,
            }),
        )?;
        Ok(id)
    }

    /// Changes a recorded bonus or deduction (`adjustment.id`) in place: its kind, item,
    /// points, reason or 事项, checked as a new one is; the audit entry keeps it as it was and
    /// as it is, with the reason for a change to a published year. Saved unchanged, nothing is
    /// written.
    pub fn change_adjustment(
        &mut self,
        adjustment: &Adjustment,
        reason_for_change: Option<&str>,
    ) -> Result<()> {
        let before = self.adjustment(adjustment.id)?;
        if before.agreement_id != adjustment.agreement_id {
            return Err(StoreError::Rejected(
                "这条加扣分属于另一份责任书，不能改到这里".to_owned(),
            ));
        }
        if adjustment.trimmed() == before {
            return Ok(());
        }
        let reason = self.reason_for(adjustment.agreement_id, reason_for_change)?;
        let stored = self.checked(adjustment)?;
        self.tx.execute(
            "UPDATE adjustments SET item_id = ?1, kind = ?2, points = ?3, reason = ?4, matter = ?5 WHERE id = ?6",
            params![stored.item_id, stored.kind.code(), stored.points, stored.reason, stored.matter, stored.id],
        )?;
        self.audit(
            "修改加减分",
            "adjustment",
            &stored.id.to_string(),
            Some(&before),
            Some(&Reasoned {
                value: &stored,
                reason,
            }),
        )
    }

    /// The bonus or deduction `id` as recorded.
    fn adjustment(&self, id: i64) -> Result<Adjustment> {
        let row: Option<(i64, Option<i64>, String, Points, String, String)> = self
            .tx
            .query_row(
                "SELECT agreement_id, item_id, kind, points, reason, matter FROM adjustments WHERE id = ?1",
                [id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?, r.get(4)?, r.get(5)?)),
            )
            .optional()?;
        let Some((agreement_id, item_id, kind, points, reason, matter)) = row else {
            return Err(StoreError::NotFound("该加扣分".to_owned()));
        };
        let Some(kind) = AdjustmentKind::from_code(&kind) else {
            return Err(StoreError::Rejected(format!("未知的加扣分类型“{kind}”")));
        };
        Ok(Adjustment {
            id,
            agreement_id,
            item_id,
            kind,
            points,
            reason,
            matter,
        })
    }

    /// Removes a bonus or deduction; the audit entry keeps the whole row and the reason.
    pub fn delete_adjustment(&mut self, id: i64, reason: Option<&str>) -> Result<()> {
        let before = self.adjustment(id)?;
        let reason = self.reason_for(before.agreement_id, reason)?;
        self.tx
            .execute("DELETE FROM adjustments WHERE id = ?1", [id])?;
        self.audit(
            "删除加减分",
            "adjustment",
            &id.to_string(),
            Some(&before),
            Some(&Reasoned {
                value: &None::<Adjustment>,
                reason,
            }),
        )
    }

    /// Records a veto from the workbench; the reason for a change to a published year and the
    /// veto it replaces go into the audit entry.
    pub fn veto(&mut self, veto: &Veto, reason_for_change: Option<&str>) -> Result<()> {
        let reason = self.reason_for(veto.agreement_id, reason_for_change)?;
        self.store_veto(veto, reason)
    }

    /// Records a 一票否决 for an agreement.
    pub fn set_veto(&mut self, veto: &Veto) -> Result<()> {
        self.store_veto(veto, None)
    }

    /// A veto as the audit log keeps it: with its condition in words ("其他" without one),
    /// which outlives the year's rule items.
    fn logged_veto(&self, veto: &Veto) -> Result<LoggedVeto> {
        let condition: Option<String> = match veto.item_id {
            Some(id) => self
                .tx
                .query_row("SELECT name FROM rule_items WHERE id = ?1", [id], |r| {
                    r.get(0)
                })
                .optional()?,
            None => None,
        };
        Ok(LoggedVeto {
            agreement_id: veto.agreement_id,
            item_id: veto.item_id,
            condition: condition
                .unwrap_or_else(|| crate::model::assessment::OTHER_CONDITION.to_owned()),
            reason: veto.reason.clone(),
        })
    }

    /// The veto stored for an agreement, if any, as the audit log keeps it.
    fn logged_stored_veto(&self, agreement_id: i64) -> Result<Option<LoggedVeto>> {
        self.stored_veto(agreement_id)?
            .map(|veto| self.logged_veto(&veto))
            .transpose()
    }

    /// The veto stored for an agreement, if any.
    fn stored_veto(&self, agreement_id: i64) -> Result<Option<Veto>> {
        Ok(self
            .tx
            .query_row(
                "SELECT item_id, reason FROM vetoes WHERE agreement_id = ?1",
                [agreement_id],
                |r| {
                    Ok(Veto {
                        agreement_id,
                        item_id: r.get(0)?,
                        reason: r.get(1)?,
                    })
                },
            )
            .optional()?)
    }

    fn store_veto(&mut self, veto: &Veto, reason: Option<&str>) -> Result<()> {
        if crate::model::reason::given(&veto.reason).is_none() {
            return Err(StoreError::Rejected(crate::model::reason::refusal(
                "一票否决",
                &veto.reason,
            )));
        }
        if let Some(item) = self.rule_item(veto.item_id, veto.agreement_id)?
            && item.kind != ItemKind::Veto
        {
            return Err(StoreError::Rejected(format!(
                "“{}”不是一票否决事项",
                item.name
            )));
        }
        let before = self.logged_stored_veto(veto.agreement_id)?;
        self.tx.execute(
            "INSERT INTO vetoes (agreement_id, item_id, reason) VALUES (?1, ?2, ?3)
             ON CONFLICT(agreement_id) DO UPDATE SET item_id = excluded.item_id, reason = excluded.reason",
            params![veto.agreement_id, veto.item_id, veto.reason.trim()],
        )?;
        let stored = self.logged_veto(&Veto {
            reason: veto.reason.trim().to_owned(),
            ..veto.clone()
        })?;
        self.audit(
            "一票否决",
            "veto",
            &veto.agreement_id.to_string(),
            before.as_ref(),
            Some(&Reasoned {
                value: &stored,
                reason,
            }),
        )
    }

    /// Lifts a veto; the audit entry keeps the veto lifted and the reason.
    pub fn clear_veto(&mut self, agreement_id: i64, reason: Option<&str>) -> Result<()> {
        let before = self.logged_stored_veto(agreement_id)?;
        // No veto to lift: nothing changes, and no entry says one was.
        if before.is_none() {
            return Ok(());
        }
        let reason = self.reason_for(agreement_id, reason)?;
        self.tx
            .execute("DELETE FROM vetoes WHERE agreement_id = ?1", [agreement_id])?;
        self.audit(
            "撤销一票否决",
            "veto",
            &agreement_id.to_string(),
            before.as_ref(),
            // Nothing after it: the log shows what went (an older entry says "cleared").
            Some(&Reasoned {
                value: &None::<LoggedVeto>,
                reason,
            }),
        )
    }
}
