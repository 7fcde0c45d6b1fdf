//! Codes made void: an issued agreement sent back to 草稿 (退回草稿, with a reason) loses the
//! verification code of its frozen text. The audit log's 退回草稿 entry keeps the agreement as
//! it stood, its content hash included, and the reason, so a paper copy of the old text is
//! still recognised: as the void text of that agreement.

use std::collections::HashMap;
use std::collections::hash_map::Entry;

use rusqlite::params;

use super::{Result, Store, StoreError};
use crate::model::Unit;
use crate::model::agreement::{is_code_prefix, typed_code, verification_code};

/// The frozen text an agreement had before it went back to 草稿, whose code is void.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VoidedCode {
    /// The agreement.
    pub agreement_id: i64,
    /// Its year.
    pub year: i32,
    /// Its 序号 within the year.
    pub number: i64,
    /// Its unit's name as the year knew it (see [`Store::units_in`]).
    pub unit_name: String,
    /// SHA-256 (hex) of the void text.
    pub content_hash: String,
    /// When it went back to 草稿, as stored ("2026-03-05 14:03:22").
    pub reverted_at: String,
    /// Why, as the clerk wrote it.
    pub reason: String,
}

impl VoidedCode {
    /// The void code, as it was printed (12 hex digits).
    #[must_use]
    pub fn code(&self) -> &str {
        verification_code(&self.content_hash)
    }
}

/// The code a clerk typed (see [`typed_code`]), or a refusal saying how much to type.
pub(super) fn typed_code_or_refusal(code: &str) -> Result<String> {
    let code = typed_code(code);
    if is_code_prefix(&code) {
        Ok(code)
    } else {
        Err(StoreError::Rejected(
            "校验码至少输入连续 6 位（0–9、a–f），见责任书页脚“校验码”".to_owned(),
        ))
    }
}

impl Store {
    /// The void codes of `year`'s agreements, by number, each code once (with its latest
    /// return to 草稿); a code the agreement has again (定稿 anew with the same text) is not
    /// void.
    pub fn voided_codes(&self, year: i32) -> Result<Vec<VoidedCode>> {
        self.voided(Some(year), None)
    }

    /// The void codes, in any year, holding a code typed as the search takes it (6 hex digits
    /// or more, spaces and capitals allowed, anywhere within the 12 printed; else refused with
    /// a message). Used when no current agreement has the code.
    pub fn voided_by_code(&self, code: &str) -> Result<Vec<VoidedCode>> {
        let code = typed_code_or_refusal(code)?;
        self.voided(None, Some(&code))
    }

    /// True for an agreement issued again with the very text it had when it was sent back to
    /// draft (so with the same code): the copies printed before carry a code valid again.
    pub fn is_reissued_unchanged(&self, agreement_id: i64) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1
             FROM audit_log l JOIN agreements g ON g.id = CAST(l.entity_id AS INTEGER)
             WHERE l.action = '退回草稿' AND l.entity = 'agreement' AND g.id = ?1
               AND json_extract(l.before_json, '$.content_hash') = g.content_hash)",
            [agreement_id],
            |row| row.get(0),
        )?)
    }

    /// The void codes, of `year` or every year, holding `code` (already typed_code) or any.
    fn voided(&self, year: Option<i32>, code: Option<&str>) -> Result<Vec<VoidedCode>> {
        // The agreement before the return (`before_json`) holds the hash of the text it had.
        let mut statement = self.conn.prepare(
            "SELECT g.id, g.year, g.number, g.unit_id, l.at,
                    coalesce(json_extract(l.after_json, '$.revert_reason'), ''), l.hash
             FROM (SELECT id, at, entity_id, after_json,
                          json_extract(before_json, '$.content_hash') AS hash
                   FROM audit_log WHERE action = '退回草稿' AND entity = 'agreement') l
             JOIN agreements g ON g.id = CAST(l.entity_id AS INTEGER)
             WHERE l.hash IS NOT NULL AND g.content_hash IS NOT l.hash
               AND (?1 IS NULL OR g.year = ?1)
               AND (?2 IS NULL OR substr(l.hash, 1, length(?2)) = ?2
                    OR instr(substr(l.hash, 1, 12), ?2) > 0)
             ORDER BY g.year, g.number, l.id",
        )?;
        let rows = statement
            .query_map(params![year, code], |r| {
                Ok((
                    VoidedCode {
                        agreement_id: r.get(0)?,
                        year: r.get(1)?,
                        number: r.get(2)?,
                        unit_name: String::new(),
                        reverted_at: r.get(4)?,
                        reason: r.get(5)?,
                        content_hash: r.get(6)?,
                    },
                    r.get::<_, i64>(3)?,
                ))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let mut units: HashMap<i32, Vec<Unit>> = HashMap::new();
        let mut found: Vec<VoidedCode> = Vec::with_capacity(rows.len());
        for (mut voided, unit_id) in rows {
            let year_units = match units.entry(voided.year) {
                Entry::Occupied(known) => known.into_mut(),
                Entry::Vacant(unknown) => unknown.insert(self.units_in(voided.year)?),
            };
            voided.unit_name = (year_units.iter())
                .find(|u| u.id == unit_id)
                .map(|u| u.fields.name.clone())
                .unwrap_or_default();
            // Issued again with the same text and returned again: the latest return counts.
            match found.iter_mut().find(|f| {
                f.agreement_id == voided.agreement_id && f.content_hash == voided.content_hash
            }) {
                Some(earlier) => *earlier = voided,
                None => found.push(voided),
            }
        }
        Ok(found)
    }
}
