//! The agreements left out of a year's assessment: those of units archived before they
//! signed (see [`crate::model::agreement::is_assessed`]). While the year is open the rule
//! says which, now; once its results are published, they are those left out at publication
//! (kept in the settings), so that the results issued stay as they were whatever is archived
//! or restored since.

use std::collections::BTreeSet;

use rusqlite::{Connection, OptionalExtension as _};

use super::{Result, Store, StoreError, Writer, read};
use crate::model::{AgreementStatus, Phase};

/// The settings key of the agreements of `year` left out when its results were published:
/// their ids, separated by commas.
fn published_key(year: i32) -> String {
    format!("left_out.{year}")
}

/// The agreements of `year` the rule leaves out now.
fn by_rule(conn: &Connection, year: i32) -> Result<BTreeSet<i64>> {
    let mut statement = conn.prepare(
        "SELECT a.id, a.status, u.is_active FROM agreements a
         JOIN units u ON u.id = a.unit_id WHERE a.year = ?1",
    )?;
    let rows = statement.query_map([year], |r| {
        Ok((r.get::<_, i64>(0)?, r.get::<_, String>(1)?, r.get(2)?))
    })?;
    let mut left_out = BTreeSet::new();
    for row in rows {
        let (id, status, is_unit_active) = row?;
        let status = AgreementStatus::from_code(&status).unwrap_or(AgreementStatus::Draft);
        if !crate::model::agreement::is_assessed(status, is_unit_active) {
            left_out.insert(id);
        }
    }
    Ok(left_out)
}

/// The agreements of `year` left out of its assessment: by the rule while the year is open,
/// as at publication once published (none for a year published before they were kept).
pub(super) fn left_out(conn: &Connection, year: i32) -> Result<BTreeSet<i64>> {
    let is_published = read::year(conn, year)?.is_some_and(|y| y.phase == Phase::Published);
    if !is_published {
        return by_rule(conn, year);
    }
    Ok(read::setting(conn, &published_key(year))?
        .unwrap_or_default()
        .split(',')
        .filter_map(|id| id.trim().parse().ok())
        .collect())
}

/// True when agreement `id` of `year` is left out of its assessment: the rule on it alone
/// while the year is open (what a score's write asks, without reading the whole year), the
/// set kept at publication once published.
pub(super) fn is_left_out(conn: &Connection, year: i32, id: i64) -> Result<bool> {
    let is_published = read::year(conn, year)?.is_some_and(|y| y.phase == Phase::Published);
    if is_published {
        return Ok(left_out(conn, year)?.contains(&id));
    }
    let found: Option<(String, bool)> = conn
        .query_row(
            "SELECT a.status, u.is_active FROM agreements a
             JOIN units u ON u.id = a.unit_id WHERE a.id = ?1",
            [id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )
        .optional()?;
    Ok(found.is_some_and(|(status, is_unit_active)| {
        let status = AgreementStatus::from_code(&status).unwrap_or(AgreementStatus::Draft);
        !crate::model::agreement::is_assessed(status, is_unit_active)
    }))
}

impl Store {
    /// The agreements of `year` left out of its assessment (see the module doc).
    pub fn left_out(&self, year: i32) -> Result<BTreeSet<i64>> {
        left_out(&self.conn, year)
    }

    /// The agreements of `year` that take part in its assessment: all but those
    /// [`Store::left_out`], by number.
    pub fn assessed_agreements(&self, year: i32) -> Result<Vec<crate::model::Agreement>> {
        let left_out = self.left_out(year)?;
        let mut agreements = self.agreements(year)?;
        agreements.retain(|a| !left_out.contains(&a.id));
        Ok(agreements)
    }

    /// The refusal for `year` having no agreement in its assessment (see
    /// [`crate::model::agreement::no_assessed_note`]); `what` says what cannot be made.
    pub fn no_assessed_refusal(&self, year: i32, what: &str) -> Result<StoreError> {
        let drafted = !self.agreements(year)?.is_empty();
        let note = crate::model::agreement::no_assessed_note(&format!("{year} "), drafted, what);
        Ok(StoreError::Rejected(note))
    }
}

impl Writer<'_> {
    /// Keeps the agreements of `year` the rule leaves out now, as its results are published.
    pub(super) fn keep_left_out(&mut self, year: i32) -> Result<()> {
        let ids: Vec<String> = (by_rule(&self.tx, year)?.iter())
            .map(ToString::to_string)
            .collect();
        self.put_setting(&published_key(year), &ids.join(","))
    }
}
