//! Entering scores, bonuses, deductions and vetoes from the scoring workbench. Once a year's
//! results are published (已通报) every change needs a reason, which the audit log keeps with
//! the old and new value.

use rusqlite::{OptionalExtension as _, params};
use serde::Serialize;

use super::{Result, StoreError, Writer, read};
use crate::model::{Adjustment, Phase, Points, Score, Veto};

#[derive(Serialize)]
struct Reasoned<'a, T: Serialize> {
    value: &'a T,
    reason: Option<&'a str>,
}

impl Writer<'_> {
    /// Refuses a change to a published year without a reason; returns the reason to audit.
    fn reason_for<'r>(
        &self,
        agreement_id: i64,
        reason: Option<&'r str>,
    ) -> Result<Option<&'r str>> {
        let year: Option<i32> = self
            .tx
            .query_row(
                "SELECT year FROM agreements WHERE id = ?1",
                [agreement_id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(year) = year else {
            return Err(StoreError::NotFound("该责任书".to_owned()));
        };
        let phase = read::year(&self.tx, year)?.map(|y| y.phase);
        let reason = reason.map(str::trim).filter(|r| !r.is_empty());
        if phase == Some(Phase::Published) && reason.is_none() {
            return Err(StoreError::Rejected(format!(
                "{year} 年度考核结果已通报，评分已锁定；修改须写明理由"
            )));
        }
        Ok(reason)
    }

    /// Changes one cell of the workbench; the score must lie between 0 and the indicator's points.
    pub fn change_score(&mut self, score: &Score, reason: Option<&str>) -> Result<()> {
        let reason = self.reason_for(score.agreement_id, reason)?;
        let points: Option<(String, Points)> = self
            .tx
            .query_row(
                "SELECT name, points FROM indicators WHERE id = ?1",
                [score.indicator_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((name, points)) = points else {
            return Err(StoreError::NotFound("该考核指标".to_owned()));
        };
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
        let before: Option<(Option<Points>, Option<Points>, String)> = self
            .tx
            .query_row(
                "SELECT self_score, assessed_score, note FROM scores WHERE agreement_id = ?1 AND indicator_id = ?2",
                params![score.agreement_id, score.indicator_id],
                |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
            )
            .optional()?;
        self.tx.execute(
            "INSERT INTO scores (agreement_id, indicator_id, self_score, assessed_score, note) VALUES (?1, ?2, ?3, ?4, ?5)
             ON CONFLICT(agreement_id, indicator_id) DO UPDATE SET self_score = excluded.self_score,
             assessed_score = excluded.assessed_score, note = excluded.note",
            params![score.agreement_id, score.indicator_id, score.self_score, score.assessed_score, score.note],
        )?;
        let key = format!("{}:{}", score.agreement_id, score.indicator_id);
        self.audit(
            "修改评分",
            "score",
            &key,
            before.as_ref(),
            Some(&Reasoned {
                value: score,
                reason,
            }),
        )
    }

    /// Adds a bonus or deduction from the workbench.
    pub fn add_adjustment(
        &mut self,
        adjustment: &Adjustment,
        reason_for_change: Option<&str>,
    ) -> Result<i64> {
        self.reason_for(adjustment.agreement_id, reason_for_change)?;
        self.insert_adjustment(adjustment)
    }

    /// Removes a bonus or deduction.
    pub fn delete_adjustment(&mut self, id: i64, reason: Option<&str>) -> Result<()> {
        let agreement_id: Option<i64> = self
            .tx
            .query_row(
                "SELECT agreement_id FROM adjustments WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        let Some(agreement_id) = agreement_id else {
            return Err(StoreError::NotFound("该加减分".to_owned()));
        };
        let reason = self.reason_for(agreement_id, reason)?;
        let before: (String, Points, String) = self.tx.query_row(
            "SELECT kind, points, reason FROM adjustments WHERE id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        self.tx
            .execute("DELETE FROM adjustments WHERE id = ?1", [id])?;
        self.audit(
            "删除加减分",
            "adjustment",
            &id.to_string(),
            Some(&before),
            Some(&Reasoned {
                value: &"deleted",
                reason,
            }),
        )
    }

    /// Records a veto from the workbench.
    pub fn veto(&mut self, veto: &Veto, reason_for_change: Option<&str>) -> Result<()> {
        self.reason_for(veto.agreement_id, reason_for_change)?;
        self.set_veto(veto)
    }

    /// Lifts a veto.
    pub fn clear_veto(&mut self, agreement_id: i64, reason: Option<&str>) -> Result<()> {
        let reason = self.reason_for(agreement_id, reason)?;
        let before: Option<String> = self
            .tx
            .query_row(
                "SELECT reason FROM vetoes WHERE agreement_id = ?1",
                [agreement_id],
                |r| r.get(0),
            )
            .optional()?;
        self.tx
            .execute("DELETE FROM vetoes WHERE agreement_id = ?1", [agreement_id])?;
        self.audit(
            "撤销一票否决",
            "veto",
            &agreement_id.to_string(),
            before.as_ref(),
            Some(&Reasoned {
                value: &"cleared",
                reason,
            }),
        )
    }
}
