//! The agreement lifecycle: 定稿 freezes the text and its SHA-256, then 已打印, 已签订 (date
//! and signatories, only once printed) and 已归档 (the scan, in `scans`). A
//! correction goes back to 草稿 only with a reason, which the audit log keeps; so does a
//! correction of what was recorded at 签订 (date, signatories, copies back). A draft's number
//! of copies (一式 N 份) can change until 定稿.

use rusqlite::{OptionalExtension as _, params};
use serde::Serialize;

use super::codec::{date_to_sql, from_json, to_json};
use super::{Result, Store, StoreError, Writer, read};
use crate::document::AgreementContent;
use crate::model::agreement::signing_date_problem;
use crate::model::{Agreement, AgreementStatus, ClauseChange, Tailoring};
use crate::pdf::fonts::{first_undrawable, undrawable_said};

/// What is recorded at 已签订.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Signing {
    /// The signing date.
    pub signed_on: chrono::NaiveDate,
    /// Who signed for 甲方.
    pub party_a_signatory: String,
    /// Who signed for 乙方.
    pub party_b_signatory: String,
    /// Signed copies that came back.
    pub copies_returned: i64,
}

/// What a return to 草稿 changes, as the audit log keeps it: the status, the code voided and
/// the dates cleared (each shown as … → 空 beside the record before), and why.
#[derive(Serialize)]
struct Reverted<'a> {
    status: AgreementStatus,
    content_hash: Option<&'a str>,
    finalized_on: Option<chrono::NaiveDate>,
    printed_on: Option<chrono::NaiveDate>,
    revert_reason: &'a str,
}

/// An agreement after 撤销打印, as the audit log keeps it: 已定稿 again, its printing date
/// cleared (shown as 打印日期 … → 空), and why.
#[derive(Serialize)]
struct UndonePrinting<'a> {
    status: AgreementStatus,
    printed_on: Option<chrono::NaiveDate>,
    reason: &'a str,
}

/// An agreement after 撤销签订, as the audit log keeps it: 已打印 again, its signing cleared
/// (so that the log shows the date, signatories and copies it had), and why.
#[derive(Serialize)]
struct UndoneSigning<'a> {
    status: AgreementStatus,
    signed_on: Option<chrono::NaiveDate>,
    party_a_signatory: &'a str,
    party_b_signatory: &'a str,
    copies_returned: i64,
    reason: &'a str,
}

/// An agreement after a correction of its signing information, with the reason, as the audit
/// log keeps it.
#[derive(Serialize)]
struct SigningCorrected<'a> {
    #[serde(flatten)]
    agreement: &'a Agreement,
    reason: &'a str,
}

impl Writer<'_> {
    /// The agreement `id` when its status is one of `allowed`; else a refusal naming what it
    /// is and that it cannot be `action`.
    pub(super) fn agreement_in(
        &self,
        id: i64,
        allowed: &[AgreementStatus],
        action: &str,
    ) -> Result<Agreement> {
        let Some(agreement) = read::agreement(&self.tx, id)? else {
            return Err(StoreError::NotFound("该责任书".to_owned()));
        };
        if !allowed.contains(&agreement.status) {
            return Err(StoreError::Rejected(format!(
                "{} 年度第 {} 号责任书当前为“{}”，不能{action}",
                agreement.draft.year,
                agreement.draft.number,
                agreement.status.label()
            )));
        }
        Ok(agreement)
    }

    /// Runs `sql` on agreement `before` and logs the agreement before and after as `action`.
    pub(super) fn audited_update(
        &mut self,
        before: &Agreement,
        action: &str,
        sql: &str,
        values: &[&dyn rusqlite::ToSql],
    ) -> Result<()> {
        self.tx.execute(sql, values)?;
        let after = read::agreement(&self.tx, before.id)?;
        self.audit(
            action,
            "agreement",
            &before.id.to_string(),
            Some(before),
            after.as_ref(),
        )
    }

    /// Sets a draft's control targets and clause changes.
    pub fn set_tailoring(&mut self, id: i64, tailoring: &Tailoring) -> Result<()> {
        let before = self.agreement_in(
            id,
            &[AgreementStatus::Draft],
            "修改（已定稿的文本不能改动）",
        )?;
        // A target without its limit, or a clause changed to nothing, would be signed so.
        let mut problems = crate::model::tailoring::target_problems(&tailoring.control_targets);
        let blank_replacement = tailoring.clause_changes.iter().any(|change| {
            matches!(change, ClauseChange::Replace { text, .. }
                if crate::model::tailoring::is_blank_clause(text))
        });
        if blank_replacement {
            problems.push("有一条条款改成了空的：请填写条款内容，或勾选“删去”".to_owned());
        }
        // A misspelt placeholder is refused here, as in a template, not first at 定稿.
        for change in &tailoring.clause_changes {
            let (ClauseChange::Add { text, .. } | ClauseChange::Replace { text, .. }) = change
            else {
                continue;
            };
            // The clause named by its start: a long one would bury the problem.
            let trimmed = text.trim();
            let start: String = trimmed.chars().take(16).collect();
            let more = if start.len() < trimmed.len() {
                "…"
            } else {
                ""
            };
            if let Some(refusal) = crate::model::template::placeholder_refusal(text) {
                problems.push(format!("【{start}{more}】{refusal}"));
            }
            if let Some(c) = first_undrawable(text) {
                // The clause named without the character, which the window cannot show.
                let start = start.replace(c, "□");
                problems.push(format!("【{start}{more}】中{}", undrawable_said(c)));
            }
        }
        // A character no font has would freeze with the text and never print.
        let mut targets = (tailoring.control_targets.iter())
            .flat_map(|target| [target.name.as_str(), target.limit.as_str()]);
        if let Some(c) = targets.find_map(first_undrawable) {
            problems.push(format!("控制指标中{}", undrawable_said(c)));
        }
        if !problems.is_empty() {
            return Err(StoreError::Rejected(problems.join("；")));
        }
        let json = to_json(tailoring)?;
        self.audited_update(
            &before,
            "调整责任书条款",
            "UPDATE agreements SET tailoring_json = ?1 WHERE id = ?2",
            params![json, id],
        )
    }

    /// Sets how many copies a draft is signed in (一式 N 份, within
    /// [`crate::model::agreement::MIN_COPIES`] and [`crate::model::agreement::MAX_COPIES`]);
    /// the text says so.
    pub fn set_copies(&mut self, id: i64, copies: i64) -> Result<()> {
        if let Some(problem) = crate::model::agreement::copies_problem(copies) {
            return Err(StoreError::Rejected(problem));
        }
        let before = self.agreement_in(
            id,
            &[AgreementStatus::Draft],
            "修改份数（已定稿的文本不能改动）",
        )?;
        if before.draft.copies == copies {
            return Ok(());
        }
        self.audited_update(
            &before,
            "修改份数",
            "UPDATE agreements SET copies = ?1, copies_returned = min(copies_returned, ?1) WHERE id = ?2",
            params![copies, id],
        )
    }

    /// 定稿: freezes the built content and records its SHA-256.
    pub fn finalize(&mut self, id: i64, content: &AgreementContent) -> Result<String> {
        let before = self.agreement_in(id, &[AgreementStatus::Draft], "定稿")?;
        let hash = content.hash();
        let json = to_json(content)?;
        let now = self.now.clone();
        self.audited_update(
            &before,
            "定稿",
            "UPDATE agreements SET status = 'final', issued_json = ?1, content_hash = ?2, finalized_at = ?3 WHERE id = ?4",
            params![json, hash, now, id],
        )?;
        Ok(hash)
    }

    /// 已打印: the signature copies have been printed.
    pub fn mark_printed(&mut self, id: i64, printed_on: chrono::NaiveDate) -> Result<()> {
        let before = self.agreement_in(
            id,
            &[AgreementStatus::Final, AgreementStatus::Printed],
            "标记为已打印",
        )?;
        if before.status == AgreementStatus::Printed {
            return Ok(());
        }
        if let Some(problem) =
            crate::model::agreement::printing_date_problem(&before, printed_on, self.today())
        {
            return Err(StoreError::Rejected(problem));
        }
        // The day the clerk gave, at the time of day it was recorded.
        let now = format!(
            "{} {}",
            printed_on.format("%Y-%m-%d"),
            self.now.get(11..).unwrap_or("00:00:00")
        );
        // A date before its 定稿 here is a catch-up (printed on paper before it was entered),
        // as the clerk was told: the log names it so.
        let action = if crate::model::agreement::printed_before_finalized(&before, printed_on) {
            "标记已打印（补录）"
        } else {
            "标记已打印"
        };
        self.audited_update(
            &before,
            action,
            "UPDATE agreements SET status = 'printed', printed_at = ?2 WHERE id = ?1",
            params![id, now],
        )
    }

    /// Refuses a signing without both signatories, a signing date outside the agreement's
    /// signing period, before its 定稿 or printing or after today (a slip of the keyboard),
    /// and returned copies it does not have.
    fn check_signing(&self, agreement: &Agreement, signing: &Signing) -> Result<()> {
        if let Some(problem) = crate::model::agreement::signatory_problem(
            &signing.party_a_signatory,
            &signing.party_b_signatory,
        ) {
            return Err(StoreError::Rejected(problem));
        }
        if let Some(problem) = signing_date_problem(agreement, signing.signed_on, self.today()) {
            return Err(StoreError::Rejected(problem));
        }
        if signing.copies_returned < 0 || signing.copies_returned > agreement.draft.copies {
            return Err(StoreError::Rejected(format!(
                "签回份数应在 0 至 {} 之间",
                agreement.draft.copies
            )));
        }
        Ok(())
    }

    /// 已签订: both sides signed and sealed on a date. Only a printed agreement is signed: the
    /// signature copies come from the print file of the issued text.
    pub fn mark_signed(&mut self, id: i64, signing: &Signing) -> Result<()> {
        let before = self.agreement_in(
            id,
            &[AgreementStatus::Printed],
            "标记为已签订（须先标记已打印）",
        )?;
        self.check_signing(&before, signing)?;
        // A date before its 定稿 or printing here is a catch-up, as the clerk was told: the log
        // names it so.
        let action =
            if crate::model::agreement::signing_date_note(&before, signing.signed_on).is_some() {
                "标记已签订（补录）"
            } else {
                "标记已签订"
            };
        self.audited_update(
            &before,
            action,
            "UPDATE agreements SET status = 'signed', signed_on = ?1, party_a_signatory = ?2, party_b_signatory = ?3, copies_returned = ?4 WHERE id = ?5",
            params![
                date_to_sql(Some(signing.signed_on)),
                signing.party_a_signatory.trim(),
                signing.party_b_signatory.trim(),
                signing.copies_returned,
                id
            ],
        )
    }

    /// 撤销打印: takes an agreement marked 已打印 by mistake (or on a wrong day) back to 已定稿,
    /// its printing date cleared; the reason goes into the audit log with the printing as it
    /// was. The text and its code stay; the copies are marked printed again when they are.
    pub fn undo_printing(&mut self, id: i64, reason: &str) -> Result<()> {
        let Some(reason) = crate::model::reason::given(reason) else {
            return Err(StoreError::Rejected(crate::model::reason::refusal(
                "撤销打印",
                reason,
            )));
        };
        let before = self.agreement_in(
            id,
            &[AgreementStatus::Printed],
            "撤销打印（只有已打印、尚未签订的责任书可以撤销打印）",
        )?;
        self.audit(
            "撤销打印",
            "agreement",
            &id.to_string(),
            Some(&before),
            Some(&UndonePrinting {
                status: AgreementStatus::Final,
                printed_on: None,
                reason,
            }),
        )?;
        self.tx.execute(
            "UPDATE agreements SET status = 'final', printed_at = NULL WHERE id = ?1",
            params![id],
        )?;
        Ok(())
    }

    /// 撤销签订: takes an agreement marked 已签订 by mistake (not yet archived) back to 已打印,
    /// its signing date, signatories and returned copies cleared; the reason goes into the
    /// audit log first, with the signing as it was, which the database asks for.
    pub fn undo_signing(&mut self, id: i64, reason: &str) -> Result<()> {
        let Some(reason) = crate::model::reason::given(reason) else {
            return Err(StoreError::Rejected(crate::model::reason::refusal(
                "撤销签订",
                reason,
            )));
        };
        let before = self.agreement_in(
            id,
            &[AgreementStatus::Signed],
            "撤销签订（只有已签订、尚未归档的责任书可以撤销签订）",
        )?;
        self.audit(
            "撤销签订",
            "agreement",
            &id.to_string(),
            Some(&before),
            Some(&UndoneSigning {
                status: AgreementStatus::Printed,
                signed_on: None,
                party_a_signatory: "",
                party_b_signatory: "",
                copies_returned: 0,
                reason,
            }),
        )?;
        self.tx.execute(
            "UPDATE agreements SET status = 'printed', signed_on = NULL, party_a_signatory = '',
                    party_b_signatory = '', copies_returned = 0 WHERE id = ?1",
            params![id],
        )?;
        Ok(())
    }

    /// Corrects what was recorded at 签订 of a 已签订 or 已归档 agreement (a mistyped date or
    /// signatory, copies that came back later); the reason goes into the audit log with the
    /// values before and after. The text stays frozen.
    pub fn correct_signing(&mut self, id: i64, signing: &Signing, reason: &str) -> Result<()> {
        let Some(reason) = crate::model::reason::given(reason) else {
            return Err(StoreError::Rejected(crate::model::reason::refusal(
                "修改签订信息",
                reason,
            )));
        };
        let before = self.agreement_in(
            id,
            &[AgreementStatus::Signed, AgreementStatus::Archived],
            "修改签订信息（只有已签订或已归档的责任书有签订信息）",
        )?;
        let (party_a, party_b) = (
            signing.party_a_signatory.trim(),
            signing.party_b_signatory.trim(),
        );
        self.check_signing(&before, signing)?;
        if before.signed_on == Some(signing.signed_on)
            && before.party_a_signatory == party_a
            && before.party_b_signatory == party_b
            && before.copies_returned == signing.copies_returned
        {
            return Err(StoreError::Rejected(
                "签订信息没有变化，无需修改".to_owned(),
            ));
        }
        self.tx.execute(
            "UPDATE agreements SET signed_on = ?1, party_a_signatory = ?2, party_b_signatory = ?3, copies_returned = ?4 WHERE id = ?5",
            params![
                date_to_sql(Some(signing.signed_on)),
                party_a,
                party_b,
                signing.copies_returned,
                id
            ],
        )?;
        let Some(after) = read::agreement(&self.tx, id)? else {
            return Err(StoreError::NotFound("该责任书".to_owned()));
        };
        // Moved to a date before its 定稿 or printing here: a catch-up, named so in the log as
        // the clerk is told.
        let is_catch_up = before.signed_on != Some(signing.signed_on)
            && crate::model::agreement::signing_date_note(&before, signing.signed_on).is_some();
        self.audit(
            if is_catch_up {
                "修改签订信息（补录）"
            } else {
                "修改签订信息"
            },
            "agreement",
            &id.to_string(),
            Some(&before),
            Some(&SigningCorrected {
                agreement: &after,
                reason,
            }),
        )
    }

    /// Takes a 定稿 or 已打印 agreement back to 草稿 for a correction; the reason is audited.
    pub fn revert_to_draft(&mut self, id: i64, reason: &str) -> Result<()> {
        let Some(reason) = crate::model::reason::given(reason) else {
            return Err(StoreError::Rejected(crate::model::reason::refusal(
                "退回草稿",
                reason,
            )));
        };
        let before = self.agreement_in(
            id,
            &[AgreementStatus::Final, AgreementStatus::Printed],
            "退回草稿（已签订的责任书不能退回）",
        )?;
        // The published results count it as issued: its text is not reopened under them.
        let year = before.draft.year;
        if read::year(&self.tx, year)?.is_some_and(|y| y.phase == crate::model::Phase::Published) {
            return Err(StoreError::Rejected(revert_after_publication(year)));
        }
        // The reason goes into the log first: the database lets an issued agreement back to
        // 草稿 only right after its audited 退回草稿 entry.
        self.audit(
            "退回草稿",
            "agreement",
            &id.to_string(),
            Some(&before),
            Some(&Reverted {
                status: AgreementStatus::Draft,
                content_hash: None,
                finalized_on: None,
                printed_on: None,
                revert_reason: reason,
            }),
        )?;
        self.tx.execute(
            "UPDATE agreements SET status = 'draft', issued_json = NULL, content_hash = NULL, finalized_at = NULL, printed_at = NULL WHERE id = ?1",
            params![id],
        )?;
        self.follow_newest_template(&before)
    }

    /// A draft again, the agreement moves to its category's newest template version, as the
    /// drafts did when that version was saved (the unit's clause changes follow their
    /// clauses there, or are reported to be redone).
    fn follow_newest_template(&mut self, before: &Agreement) -> Result<()> {
        let newest: Option<(i64, i64)> = self
            .tx
            .query_row(
                "SELECT id, version FROM templates WHERE year = ?1 AND category_id = ?2 ORDER BY version DESC LIMIT 1",
                params![before.draft.year, before.draft.category_id],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()?;
        let Some((newest_id, newest_version)) = newest else {
            return Ok(());
        };
        if newest_id == before.draft.template_id {
            return Ok(());
        }
        let old_version: i64 = self.tx.query_row(
            "SELECT version FROM templates WHERE id = ?1",
            [before.draft.template_id],
            |r| r.get(0),
        )?;
        self.tx.execute(
            "UPDATE agreements SET template_id = ?1 WHERE id = ?2",
            params![newest_id, before.id],
        )?;
        self.audit(
            "改用新模板版本",
            "agreement",
            &before.id.to_string(),
            Some(&super::editing::TemplateVersion {
                version: old_version,
            }),
            Some(&super::editing::TemplateVersion {
                version: newest_version,
            }),
        )
    }
}

impl Store {
    /// The frozen content of an issued agreement.
    pub fn issued_content(&self, id: i64) -> Result<Option<AgreementContent>> {
        let json: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT issued_json FROM agreements WHERE id = ?1",
                [id],
                |r| r.get(0),
            )
            .optional()?;
        Ok(json.flatten().map(|text| from_json(&text)).transpose()?)
    }

    /// The agreement whose printed code holds a verification code typed (6 hex digits or more;
    /// the printed code has 12, see `model::agreement::code_contains`), if any.
    pub fn agreement_by_code(&self, code: &str) -> Result<Option<Agreement>> {
        if !crate::model::agreement::is_code_prefix(&crate::model::agreement::typed_code(code)) {
            return Ok(None);
        }
        Ok(self.agreements_by_code(code)?.into_iter().next())
    }

    /// Every agreement, in any year, whose printed code holds `code` (6 hex digits or more, else
    /// refused with a message; a short code may fit several).
    pub fn agreements_by_code(&self, code: &str) -> Result<Vec<Agreement>> {
        let code = super::voided_codes::typed_code_or_refusal(code)?;
        // Anywhere within the twelve digits printed (see `code_contains`).
        let mut statement = self.conn.prepare(
            "SELECT id FROM agreements
             WHERE substr(content_hash, 1, length(?1)) = ?1
                OR instr(substr(content_hash, 1, 12), ?1) > 0
             ORDER BY year, number",
        )?;
        let ids: Vec<i64> = statement
            .query_map(params![code], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut found = Vec::with_capacity(ids.len());
        for id in ids {
            if let Some(agreement) = read::agreement(&self.conn, id)? {
                found.push(agreement);
            }
        }
        Ok(found)
    }
}

/// Why an agreement of `year`, whose results are published, cannot go back to 草稿.
#[must_use]
pub fn revert_after_publication(year: i32) -> String {
    format!(
        "{year} 年度考核结果已通报，责任书不能再退回草稿；如确需更正，请先在“设置 → 年度设置”中把阶段退回“考核”"
    )
}
