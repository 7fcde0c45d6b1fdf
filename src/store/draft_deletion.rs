//! 删除草稿: a draft made by mistake (the unit was moved to another category, merged or
//! abolished before signing) is taken out, so that the unit can be drafted again or left out.
//! Only a draft that nothing else stands on: never issued (an agreement sent back to 草稿 keeps
//! its void code, which is checked against it), with no score, bonus, deduction or veto. Its
//! exported draft PDFs' records go with it; the audit log keeps the agreement as it was.

use rusqlite::params;

use super::writer::Writer;
use super::{Result, StoreError};
use crate::model::AgreementStatus;
use crate::model::agreement::draft_deletion_refusal;

impl Writer<'_> {
    /// Deletes draft agreement `id`, or says in Chinese why it cannot be deleted.
    pub fn delete_draft(&mut self, id: i64) -> Result<()> {
        let before = self.agreement_in(id, &[AgreementStatus::Draft], "删除（只能删除草稿）")?;
        let count = |sql: &str| -> Result<i64> {
            Ok(self.tx.query_row(sql, params![id], |row| row.get(0))?)
        };
        let assessed = count(
            "SELECT (SELECT count(*) FROM scores WHERE agreement_id = ?1)
                  + (SELECT count(*) FROM adjustments WHERE agreement_id = ?1)
                  + (SELECT count(*) FROM vetoes WHERE agreement_id = ?1)",
        )?;
        let reverted = count(
            "SELECT count(*) FROM audit_log
             WHERE action = '退回草稿' AND entity = 'agreement' AND entity_id = CAST(?1 AS TEXT)",
        )?;
        if let Some(refusal) = draft_deletion_refusal(reverted > 0, assessed > 0) {
            return Err(StoreError::Rejected(format!(
                "第 {} 号责任书{refusal}",
                before.draft.number
            )));
        }
        self.tx
            .execute("DELETE FROM exports WHERE agreement_id = ?1", params![id])?;
        self.tx
            .execute("DELETE FROM agreements WHERE id = ?1", params![id])?;
        // The highest id deleted, which no agreement drafted later takes (see `insert_agreement`).
        self.tx.execute(
            "INSERT INTO settings (key, value) VALUES ('deleted_agreement_id', CAST(?1 AS TEXT))
             ON CONFLICT(key) DO UPDATE SET value = CAST(max(CAST(value AS INTEGER), ?1) AS TEXT)",
            params![id],
        )?;
        self.audit(
            "删除草稿",
            "agreement",
            &id.to_string(),
            Some(&before),
            None::<&()>,
        )
    }
}
