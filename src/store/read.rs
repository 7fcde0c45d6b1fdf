//! Queries: load domain values from the database.

use rusqlite::{Connection, OptionalExtension as _, Row};

use super::codec::{date_from_sql, decode, from_json};
use super::{Result, Store, StoreError};
use crate::model::{
    Adjustment, AdjustmentKind, Agreement, AgreementDraft, AgreementStatus, Category, GradeBand,
    Indicator, IndicatorSet, ItemKind, Phase, RuleItem, Score, Template, TemplateDraft, Unit,
    UnitDraft, UnitKind, Veto, Year,
};

/// One row of the audit log.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditEntry {
    /// When, as local time "2025-03-05 14:03:22".
    pub at: String,
    /// Who.
    pub operator: String,
    /// What was done, in Chinese (e.g. "新增单位").
    pub action: String,
    /// The kind of record.
    pub entity: String,
    /// The record's key.
    pub entity_id: String,
    /// JSON before the change.
    pub before_json: Option<String>,
    /// JSON after the change.
    pub after_json: Option<String>,
}

/// An agreement of a year whose results are not published (see
/// [`Store::open_agreements`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenAgreement {
    /// Its unit.
    pub unit_id: i64,
    /// Its year.
    pub year: i32,
    /// Where it stands.
    pub status: AgreementStatus,
    /// Its number in the year.
    pub number: i64,
    /// The category it was drafted in.
    pub category_id: i64,
}

pub(super) fn setting(conn: &Connection, key: &str) -> rusqlite::Result<Option<String>> {
    conn.query_row("SELECT value FROM settings WHERE key = ?1", [key], |row| {
        row.get(0)
    })
    .optional()
}

/// The identity a database is given when it is made (the settings key `database_id`, set by a
/// migration and never changed): a backup of it carries the same.
pub(super) fn database_id(conn: &Connection) -> rusqlite::Result<Option<String>> {
    setting(conn, "database_id")
}

pub(super) const UNIT_COLUMNS: &str = "id, name, short_name, kind, category_id, principal_title, principal_name, contact_name, contact_phone, sort_order, is_active";

pub(super) fn unit_from_row(row: &Row<'_>) -> rusqlite::Result<Unit> {
    let kind: String = row.get(3)?;
    Ok(Unit {
        id: row.get(0)?,
        fields: UnitDraft {
            name: row.get(1)?,
            short_name: row.get(2)?,
            kind: decode(&kind, UnitKind::from_code)?,
            category_id: row.get(4)?,
            principal_title: row.get(5)?,
            principal_name: row.get(6)?,
            contact_name: row.get(7)?,
            contact_phone: row.get(8)?,
            sort_order: row.get(9)?,
        },
        is_active: row.get(10)?,
    })
}

pub(super) fn unit(conn: &Connection, id: i64) -> rusqlite::Result<Option<Unit>> {
    conn.query_row(
        &format!("SELECT {UNIT_COLUMNS} FROM units WHERE id = ?1"),
        [id],
        unit_from_row,
    )
    .optional()
}

pub(super) fn active_unit_named(
    conn: &Connection,
    name: &str,
) -> rusqlite::Result<Option<(i64, String)>> {
    // Exactly, then with its brackets either way: "中心(xq)" and "中心（xq）" are one name
    // (the letters and digits in a name are kept plain already).
    let exact = conn
        .query_row(
            "SELECT id, name FROM units WHERE name = ?1 AND is_active = 1",
            [name],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )
        .optional()?;
    if exact.is_some() || !name.contains(['(', ')', '（', '）']) {
        return Ok(exact);
    }
    conn.query_row(
        "SELECT id, name FROM units
         WHERE is_active = 1 AND replace(replace(name, '(', '（'), ')', '）') = ?1
         LIMIT 1",
        // Names are stored with plain letters and digits: only the brackets differ.
        [crate::model::unit_names::name_key(name)],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

/// An active unit other than `except` shown under `short_name` (its short name, or its name
/// when it has none) or named so in full, as its name and, when the short name is what
/// matched, its short name (empty when its name is: `--unit` finds a full name first, so a
/// short name equal to another unit's name would find that unit).
pub(super) fn other_unit_short_named(
    conn: &Connection,
    short_name: &str,
    except: Option<i64>,
) -> rusqlite::Result<Option<(String, String)>> {
    // A unit so named first, then one shown so: each found by its index (one query with
    // both read the whole register).
    let named: Option<String> = conn
        .query_row(
            "SELECT name FROM units WHERE name = ?1 AND is_active = 1 AND id IS NOT ?2 LIMIT 1",
            rusqlite::params![short_name, except],
            |row| row.get(0),
        )
        .optional()?;
    if let Some(name) = named {
        return Ok(Some((name, String::new())));
    }
    conn.query_row(
        "SELECT name, short_name FROM units
         WHERE coalesce(nullif(short_name, ''), name) = ?1 AND is_active = 1 AND id IS NOT ?2
         LIMIT 1",
        rusqlite::params![short_name, except],
        |row| Ok((row.get(0)?, row.get(1)?)),
    )
    .optional()
}

/// The name of an active unit other than `except` whose short name (not empty) is `name`.
pub(super) fn other_unit_with_short_name(
    conn: &Connection,
    name: &str,
    except: Option<i64>,
) -> rusqlite::Result<Option<String>> {
    conn.query_row(
        "SELECT name FROM units
         WHERE short_name = ?1 AND short_name != '' AND is_active = 1 AND id IS NOT ?2
         LIMIT 1",
        rusqlite::params![name, except],
        |row| row.get(0),
    )
    .optional()
}

pub(super) fn year(conn: &Connection, year: i32) -> rusqlite::Result<Option<Year>> {
    let Some(mut found) = conn
        .query_row(
            "SELECT year, party_a_name, party_a_signatory_title, party_a_signatory_name, planned_signing_date, full_score, phase FROM years WHERE year = ?1",
            [year],
            |row| {
                let phase: String = row.get(6)?;
                Ok(Year {
                    year: row.get(0)?,
                    party_a_name: row.get(1)?,
                    party_a_signatory_title: row.get(2)?,
                    party_a_signatory_name: row.get(3)?,
                    planned_signing_date: date_from_sql(row.get(4)?)?,
                    full_score: row.get(5)?,
                    grade_bands: Vec::new(),
                    phase: decode(&phase, Phase::from_code)?,
                })
            },
        )
        .optional()?
    else {
        return Ok(None);
    };
    let mut statement =
        conn.prepare("SELECT name, min_total FROM grade_bands WHERE year = ?1 ORDER BY position")?;
    found.grade_bands = statement
        .query_map([year], |row| {
            Ok(GradeBand {
                name: row.get(0)?,
                min_total: row.get(1)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(Some(found))
}

/// "找不到 1999 年度（现有：2023、2024、2025）": `year` is not on file; the years that are
/// are named, so that a typo or a year not yet rolled over is seen at once.
pub(super) fn missing_year(conn: &Connection, year: i32) -> StoreError {
    let numbers = conn
        .prepare("SELECT year FROM years ORDER BY year")
        .and_then(|mut statement| {
            statement
                .query_map([], |row| row.get::<_, i32>(0))?
                .collect::<rusqlite::Result<Vec<_>>>()
        })
        // Listing the years is a courtesy: the message stands without it.
        .ok();
    let known = match numbers {
        None => return StoreError::NotFound(format!(" {year} 年度")),
        Some(numbers) if numbers.is_empty() => "数据库中还没有考核年度".to_owned(),
        Some(numbers) => {
            let numbers: Vec<String> = numbers.iter().map(ToString::to_string).collect();
            format!("现有：{}", numbers.join("、"))
        }
    };
    StoreError::NotFound(format!(" {year} 年度（{known}）"))
}

/// One template version.
pub(super) fn template(conn: &Connection, id: i64) -> rusqlite::Result<Option<Template>> {
    conn.query_row(
        "SELECT id, year, category_id, version, title_pattern, preamble, sections_json FROM templates WHERE id = ?1",
        [id],
        template_from_row,
    )
    .optional()
}

fn template_from_row(row: &Row<'_>) -> rusqlite::Result<Template> {
    let sections: String = row.get(6)?;
    Ok(Template {
        id: row.get(0)?,
        version: row.get(3)?,
        content: TemplateDraft {
            year: row.get(1)?,
            category_id: row.get(2)?,
            title_pattern: row.get(4)?,
            preamble: row.get(5)?,
            sections: from_json(&sections)?,
        },
    })
}

fn indicator_set(
    conn: &Connection,
    row: (i64, i32, i64, crate::model::Points, bool),
) -> rusqlite::Result<IndicatorSet> {
    let (id, year, category_id, bonus_cap, is_final) = row;
    let mut statement = conn.prepare("SELECT id, name, points, criteria, method FROM indicators WHERE set_id = ?1 ORDER BY position")?;
    let indicators = statement
        .query_map([id], |r| {
            Ok(Indicator {
                id: r.get(0)?,
                name: r.get(1)?,
                points: r.get(2)?,
                criteria: r.get(3)?,
                method: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    let mut statement = conn.prepare(
        "SELECT id, kind, name, points, cap FROM rule_items WHERE set_id = ?1 ORDER BY position",
    )?;
    let items = statement
        .query_map([id], |r| {
            let kind: String = r.get(1)?;
            Ok(RuleItem {
                id: r.get(0)?,
                kind: decode(&kind, ItemKind::from_code)?,
                name: r.get(2)?,
                points: r.get(3)?,
                cap: r.get(4)?,
            })
        })?
        .collect::<rusqlite::Result<_>>()?;
    Ok(IndicatorSet {
        id,
        year,
        category_id,
        bonus_cap,
        is_final,
        indicators,
        items,
    })
}

pub(super) fn indicator_set_by_id(
    conn: &Connection,
    id: i64,
) -> rusqlite::Result<Option<IndicatorSet>> {
    let head = conn
        .query_row(
            "SELECT id, year, category_id, bonus_cap, is_final FROM indicator_sets WHERE id = ?1",
            [id],
            |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            },
        )
        .optional()?;
    head.map(|head| indicator_set(conn, head)).transpose()
}

const AGREEMENT_COLUMNS: &str = "id, year, unit_id, category_id, template_id, number, status, tailoring_json, copies, copies_returned, party_a_signatory, party_b_signatory, signed_on, content_hash, finalized_at, printed_at";

fn agreement_from_row(row: &Row<'_>) -> rusqlite::Result<Agreement> {
    let status: String = row.get(6)?;
    let tailoring: String = row.get(7)?;
    Ok(Agreement {
        id: row.get(0)?,
        draft: AgreementDraft {
            year: row.get(1)?,
            unit_id: row.get(2)?,
            category_id: row.get(3)?,
            template_id: row.get(4)?,
            number: row.get(5)?,
            tailoring: from_json(&tailoring)?,
            copies: row.get(8)?,
        },
        status: decode(&status, AgreementStatus::from_code)?,
        copies_returned: row.get(9)?,
        party_a_signatory: row.get(10)?,
        party_b_signatory: row.get(11)?,
        signed_on: date_from_sql(row.get(12)?)?,
        content_hash: row.get(13)?,
        finalized_on: day_of(row.get(14)?),
        printed_on: day_of(row.get(15)?),
    })
}

/// The day of a stored "YYYY-MM-DD HH:MM:SS" time.
fn day_of(stamp: Option<String>) -> Option<chrono::NaiveDate> {
    let stamp = stamp?;
    chrono::NaiveDate::parse_from_str(stamp.get(..10)?, "%Y-%m-%d").ok()
}

pub(super) fn agreement(conn: &Connection, id: i64) -> rusqlite::Result<Option<Agreement>> {
    conn.query_row(
        &format!("SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE id = ?1"),
        [id],
        agreement_from_row,
    )
    .optional()
}

impl Store {
    /// The assessment categories in list order.
    pub fn categories(&self) -> Result<Vec<Category>> {
        let mut statement = self
            .conn
            .prepare("SELECT id, name, sort_order FROM categories ORDER BY sort_order, id")?;
        let rows = statement.query_map([], |row| {
            Ok(Category {
                id: row.get(0)?,
                name: row.get(1)?,
                sort_order: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// Every unit, active and archived, in list order.
    pub fn units(&self) -> Result<Vec<Unit>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {UNIT_COLUMNS} FROM units ORDER BY sort_order, id"
        ))?;
        let rows = statement.query_map([], unit_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// One unit.
    pub fn unit(&self, id: i64) -> Result<Option<Unit>> {
        Ok(unit(&self.conn, id)?)
    }

    /// The years on file, newest first.
    pub fn years(&self) -> Result<Vec<Year>> {
        let mut statement = self
            .conn
            .prepare("SELECT year FROM years ORDER BY year DESC")?;
        let numbers: Vec<i32> = statement
            .query_map([], |row| row.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut years = Vec::with_capacity(numbers.len());
        for number in numbers {
            years.extend(year(&self.conn, number)?);
        }
        Ok(years)
    }

    /// One year's settings.
    pub fn year(&self, number: i32) -> Result<Option<Year>> {
        Ok(year(&self.conn, number)?)
    }

    /// True when the results of the year `number` are published (已通报); false for a year
    /// not on file.
    pub fn is_published(&self, number: i32) -> Result<bool> {
        Ok(self
            .year(number)?
            .is_some_and(|y| y.phase == crate::model::Phase::Published))
    }

    /// The error for `year` not on file, naming the years that are (see [`StoreError::NotFound`]).
    #[must_use]
    pub fn missing_year(&self, year: i32) -> StoreError {
        missing_year(&self.conn, year)
    }

    /// One template version, by its id.
    pub fn template(&self, id: i64) -> Result<Option<Template>> {
        Ok(template(&self.conn, id)?)
    }

    /// All template versions of a year, by category then version.
    pub fn templates(&self, year: i32) -> Result<Vec<Template>> {
        let mut statement = self.conn.prepare(
            "SELECT id, year, category_id, version, title_pattern, preamble, sections_json FROM templates WHERE year = ?1 ORDER BY category_id, version",
        )?;
        let rows = statement.query_map([year], template_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The indicator sets of a year, one per category.
    pub fn indicator_sets(&self, year: i32) -> Result<Vec<IndicatorSet>> {
        let mut statement =
            self.conn.prepare("SELECT id, year, category_id, bonus_cap, is_final FROM indicator_sets WHERE year = ?1 ORDER BY category_id")?;
        let heads: Vec<_> = statement
            .query_map([year], |row| {
                Ok((
                    row.get(0)?,
                    row.get(1)?,
                    row.get(2)?,
                    row.get(3)?,
                    row.get(4)?,
                ))
            })?
            .collect::<rusqlite::Result<_>>()?;
        Ok(heads
            .into_iter()
            .map(|head| indicator_set(&self.conn, head))
            .collect::<rusqlite::Result<_>>()?)
    }

    /// The agreements of a year, by number.
    pub fn agreements(&self, year: i32) -> Result<Vec<Agreement>> {
        let mut statement = self.conn.prepare(&format!(
            "SELECT {AGREEMENT_COLUMNS} FROM agreements WHERE year = ?1 ORDER BY number"
        ))?;
        let rows = statement.query_map([year], agreement_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The agreements of the years whose results are not published, oldest year first: the
    /// ones a unit's change of category can still matter to.
    pub fn open_agreements(&self) -> Result<Vec<OpenAgreement>> {
        let mut statement = self.conn.prepare(
            "SELECT unit_id, year, status, number, category_id FROM agreements
             WHERE year IN (SELECT year FROM years WHERE phase <> 'published')
             ORDER BY year, number",
        )?;
        let rows = statement.query_map([], |row| {
            let status: String = row.get(2)?;
            Ok(OpenAgreement {
                unit_id: row.get(0)?,
                year: row.get(1)?,
                status: decode(&status, AgreementStatus::from_code)?,
                number: row.get(3)?,
                category_id: row.get(4)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The scores entered for a year's agreements.
    pub fn scores(&self, year: i32) -> Result<Vec<Score>> {
        let mut statement = self.conn.prepare(
            "SELECT s.agreement_id, s.indicator_id, s.self_score, s.assessed_score, s.note, s.self_note FROM scores s
             JOIN agreements a ON a.id = s.agreement_id WHERE a.year = ?1 ORDER BY s.agreement_id, s.indicator_id",
        )?;
        let rows = statement.query_map([year], |row| {
            Ok(Score {
                agreement_id: row.get(0)?,
                indicator_id: row.get(1)?,
                self_score: row.get(2)?,
                assessed_score: row.get(3)?,
                note: row.get(4)?,
                self_note: row.get(5)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The bonuses and deductions of a year's agreements.
    pub fn adjustments(&self, year: i32) -> Result<Vec<Adjustment>> {
        let mut statement = self.conn.prepare(
            "SELECT d.id, d.agreement_id, d.item_id, d.kind, d.points, d.reason, d.matter FROM adjustments d
             JOIN agreements a ON a.id = d.agreement_id WHERE a.year = ?1 ORDER BY d.id",
        )?;
        let rows = statement.query_map([year], |row| {
            let kind: String = row.get(3)?;
            Ok(Adjustment {
                id: row.get(0)?,
                agreement_id: row.get(1)?,
                item_id: row.get(2)?,
                kind: decode(&kind, AdjustmentKind::from_code)?,
                points: row.get(4)?,
                reason: row.get(5)?,
                matter: row.get(6)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The vetoes of a year's agreements.
    pub fn vetoes(&self, year: i32) -> Result<Vec<Veto>> {
        let mut statement = self.conn.prepare(
            "SELECT v.agreement_id, v.item_id, v.reason FROM vetoes v JOIN agreements a ON a.id = v.agreement_id WHERE a.year = ?1 ORDER BY v.agreement_id",
        )?;
        let rows = statement.query_map([year], |row| {
            Ok(Veto {
                agreement_id: row.get(0)?,
                item_id: row.get(1)?,
                reason: row.get(2)?,
            })
        })?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The newest audit entries, newest first.
    pub fn audit_entries(&self, limit: usize) -> Result<Vec<AuditEntry>> {
        let rows = self.audit_search(&super::AuditFilter::default(), limit)?;
        Ok(rows.into_iter().map(|row| row.entry).collect())
    }

    /// One agreement.
    pub fn agreement(&self, id: i64) -> Result<Option<Agreement>> {
        Ok(agreement(&self.conn, id)?)
    }

    /// One setting.
    pub fn setting(&self, key: &str) -> Result<Option<String>> {
        Ok(setting(&self.conn, key)?)
    }

    /// True when the data began as the demo (its latest 开始使用 was 载入示例数据): clearing it
    /// is asked more lightly than clearing an office's own records.
    pub fn started_with_demo(&self) -> Result<bool> {
        let how: Option<Option<String>> = self
            .conn
            .query_row(
                "SELECT after_json FROM audit_log WHERE action = '开始使用' ORDER BY id DESC LIMIT 1",
                [],
                |row| row.get(0),
            )
            .optional()?;
        Ok(how.flatten().as_deref() == Some("\"载入示例数据\""))
    }
}
