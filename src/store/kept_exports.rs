//! Exported agreement PDFs remembered through a restore. The files stay where they were
//! written, and a clerk still files and sends them on: so that `verify` still knows them, the
//! records of those exported after the backup are carried into the restored data, for each
//! agreement the backup holds with the very text the file was made from. Those whose text the
//! backup does not hold (frozen after it was taken, say) cannot be verified against it, and
//! are counted so that the restore says so before it is confirmed.

use rusqlite::{Connection, params};

use super::{Result, Writer};

/// An exported PDF of an issued agreement, with the frozen text's hash it was made from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ExportFact {
    agreement_id: i64,
    sha256: String,
    file_name: String,
    exported_at: String,
    content_hash: String,
}

/// The exports of issued agreements recorded in `conn` (a draft's PDF carries no code and is
/// never verified).
pub(super) fn export_facts(conn: &Connection) -> Result<Vec<ExportFact>> {
    let mut statement = conn.prepare(
        "SELECT e.agreement_id, e.sha256, e.file_name, e.exported_at, a.content_hash
         FROM exports e JOIN agreements a ON a.id = e.agreement_id
         WHERE a.content_hash IS NOT NULL ORDER BY e.id",
    )?;
    let rows = statement.query_map([], |row| {
        Ok(ExportFact {
            agreement_id: row.get(0)?,
            sha256: row.get(1)?,
            file_name: row.get(2)?,
            exported_at: row.get(3)?,
            content_hash: row.get(4)?,
        })
    })?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

/// Whether `conn` records the file `sha256` exported of agreement `agreement_id` already.
fn is_recorded(conn: &Connection, agreement_id: i64, sha256: &str) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM exports WHERE agreement_id = ?1 AND sha256 = ?2)",
        params![agreement_id, sha256],
        |row| row.get(0),
    )?)
}

/// Whether `conn` holds `fact`'s agreement with the text the file was made from.
fn holds_text(conn: &Connection, fact: &ExportFact) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM agreements WHERE id = ?1 AND content_hash = ?2)",
        params![fact.agreement_id, fact.content_hash],
        |row| row.get(0),
    )?)
}

/// Of `facts` the data in `backup` does not record: how many it can hold (their records are
/// carried over, the files still verified once it is restored), and how many it cannot (their
/// agreements' text is not in it).
pub(super) fn after_restoring(facts: &[ExportFact], backup: &Connection) -> Result<(usize, usize)> {
    let (mut kept, mut lost) = (0, 0);
    for fact in facts {
        if is_recorded(backup, fact.agreement_id, &fact.sha256)? {
            continue;
        }
        if holds_text(backup, fact)? {
            kept += 1;
        } else {
            lost += 1;
        }
    }
    Ok((kept, lost))
}

/// How many PDFs recorded in `current` of agreements now drafts the data in `backup` does not
/// record: a draft's record is not carried over (its text is not frozen, so the backup's draft
/// may read otherwise), and once it is restored `verify` no longer knows the file. (A file made
/// while the agreement stood issued, before it went back to 草稿, is among them: the exports
/// do not keep what the agreement was then.)
pub(super) fn drafts_after_restoring(current: &Connection, backup: &Connection) -> Result<usize> {
    let mut statement = current.prepare(
        "SELECT e.agreement_id, e.sha256 FROM exports e JOIN agreements a ON a.id = e.agreement_id
         WHERE a.content_hash IS NULL",
    )?;
    let rows = statement.query_map([], |row| {
        Ok((row.get::<_, i64>(0)?, row.get::<_, String>(1)?))
    })?;
    let mut lost = 0;
    for row in rows {
        let (agreement_id, sha256) = row?;
        lost += usize::from(!is_recorded(backup, agreement_id, &sha256)?);
    }
    Ok(lost)
}

impl Writer<'_> {
    /// Records again those of `facts` the restored data lacks and can hold (the agreement there
    /// with the same text); how many.
    pub(super) fn keep_exports(&mut self, facts: &[ExportFact]) -> Result<usize> {
        let mut kept = 0;
        for fact in facts {
            if is_recorded(&self.tx, fact.agreement_id, &fact.sha256)?
                || !holds_text(&self.tx, fact)?
            {
                continue;
            }
            self.tx.execute(
                "INSERT INTO exports (agreement_id, sha256, file_name, exported_at)
                 VALUES (?1, ?2, ?3, ?4)",
                params![
                    fact.agreement_id,
                    fact.sha256,
                    fact.file_name,
                    fact.exported_at
                ],
            )?;
            kept += 1;
        }
        Ok(kept)
    }
}
