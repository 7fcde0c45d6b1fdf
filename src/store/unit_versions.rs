//! Each year's version of the units. The register (`units`) is the newest year's; a rollover
//! keeps the old year's units as they stood (`unit_versions`), and every reading of a year's
//! agreements, results and forms names its units as that year knew them.

use std::collections::{BTreeSet, HashMap};

use rusqlite::params;

use super::read::{UNIT_COLUMNS, unit_from_row};
use super::writer::Writer;
use super::{Result, Store};
use crate::model::Unit;

impl Store {
    /// The units as `year` knew them, in list order: for a year that kept its units (it was
    /// rolled over, or its results published), the versions kept, and a unit added since only where it has an agreement
    /// of that year; for a year that kept none (the newest, usually) the register.
    pub fn units_in(&self, year: i32) -> Result<Vec<Unit>> {
        let columns: String = UNIT_COLUMNS
            .split(", ")
            .map(|column| match column {
                "id" => "u.id".to_owned(),
                other => format!("coalesce(v.{other}, u.{other})"),
            })
            .collect::<Vec<_>>()
            .join(", ");
        let mut statement = self.conn.prepare(&format!(
            "SELECT {columns} FROM units u
             LEFT JOIN unit_versions v ON v.unit_id = u.id AND v.year = ?1
             WHERE v.unit_id IS NOT NULL
                OR NOT EXISTS (SELECT 1 FROM unit_versions k WHERE k.year = ?1)
                OR EXISTS (SELECT 1 FROM agreements a WHERE a.year = ?1 AND a.unit_id = u.id)
             ORDER BY coalesce(v.sort_order, u.sort_order), u.id"
        ))?;
        let rows = statement.query_map([year], unit_from_row)?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The units of `year` ([`Store::units_in`]) named as the year knew them, but archived as
    /// they are now: a unit merged or abolished since signs nothing more in any year. What the
    /// window lists and what a batch draft of any year takes.
    pub fn units_in_now(&self, year: i32) -> Result<Vec<Unit>> {
        self.units_in_as(year, &self.units()?)
    }

    /// [`Store::units_in_now`] with the register `now` already read.
    pub fn units_in_as(&self, year: i32, now: &[Unit]) -> Result<Vec<Unit>> {
        let archived: std::collections::HashSet<i64> = (now.iter())
            .filter(|unit| !unit.is_active)
            .map(|unit| unit.id)
            .collect();
        let mut units = self.units_in(year)?;
        for unit in &mut units {
            unit.is_active = !archived.contains(&unit.id);
        }
        Ok(units)
    }

    /// True when `year` keeps its own version of the units (it was rolled over, or its results
    /// published).
    pub fn has_unit_versions(&self, year: i32) -> Result<bool> {
        Ok(self.conn.query_row(
            "SELECT EXISTS (SELECT 1 FROM unit_versions WHERE year = ?1)",
            [year],
            |row| row.get(0),
        )?)
    }

    /// Every name and short name each unit has had: in the register now, in any year's
    /// version, and before and after each change the audit log keeps. A paper or sheet made
    /// under a former name is still recognised as the unit's.
    pub fn unit_names_ever(&self) -> Result<HashMap<i64, BTreeSet<String>>> {
        let mut statement = self.conn.prepare(
            "SELECT id, name FROM units UNION SELECT id, short_name FROM units
             UNION SELECT unit_id, name FROM unit_versions
             UNION SELECT unit_id, short_name FROM unit_versions
             UNION SELECT CAST(entity_id AS INTEGER), json_extract(j, '$.name')
                   FROM (SELECT entity_id, before_json AS j FROM audit_log WHERE entity = 'unit'
                         UNION ALL
                         SELECT entity_id, after_json FROM audit_log WHERE entity = 'unit')
                   WHERE json_valid(j)
             UNION SELECT CAST(entity_id AS INTEGER), json_extract(j, '$.short_name')
                   FROM (SELECT entity_id, before_json AS j FROM audit_log WHERE entity = 'unit'
                         UNION ALL
                         SELECT entity_id, after_json FROM audit_log WHERE entity = 'unit')
                   WHERE json_valid(j)",
        )?;
        let rows = statement.query_map([], |row| {
            Ok((row.get::<_, i64>(0)?, row.get::<_, Option<String>>(1)?))
        })?;
        let mut names: HashMap<i64, BTreeSet<String>> = HashMap::new();
        for row in rows {
            if let (id, Some(name)) = row? {
                names.entry(id).or_default().insert(name);
            }
        }
        Ok(names)
    }
}

/// A unit as a year's version kept it, as the log records a released version.
#[derive(serde::Serialize)]
struct ReleasedUnit {
    unit_id: i64,
    name: String,
    short_name: String,
    category_id: i64,
}

impl Writer<'_> {
    /// Keeps the register's units as `year`'s version (those not kept for it already), so
    /// that later changes to the register leave that year as it was. Returns how many.
    pub fn keep_unit_versions(&mut self, year: i32) -> Result<usize> {
        let kept = self.tx.execute(
            "INSERT INTO unit_versions
             SELECT ?1, u.id, u.name, u.short_name, u.kind, u.category_id, u.principal_title,
                    u.principal_name, u.contact_name, u.contact_phone, u.sort_order, u.is_active
             FROM units u
             WHERE NOT EXISTS (SELECT 1 FROM unit_versions v WHERE v.year = ?1 AND v.unit_id = u.id)",
            params![year],
        )?;
        if kept > 0 {
            self.audit(
                "保存年度单位信息",
                "year",
                &year.to_string(),
                None::<&()>,
                Some(&format!("{year} 年度的 {kept} 个单位按当时的信息保存")),
            )?;
        }
        Ok(kept)
    }

    /// Lets `year` read the register again: its version (saved when its results were
    /// published, the newest year then) is deleted, and the log keeps what it held (how the
    /// notice issued named its units) as the record before.
    pub(super) fn release_unit_versions(&mut self, year: i32) -> Result<()> {
        let released = {
            let mut statement = self.tx.prepare(
                "SELECT unit_id, name, short_name, category_id FROM unit_versions
                 WHERE year = ?1 ORDER BY sort_order, unit_id",
            )?;
            let rows = statement.query_map([year], |row| {
                Ok(ReleasedUnit {
                    unit_id: row.get(0)?,
                    name: row.get(1)?,
                    short_name: row.get(2)?,
                    category_id: row.get(3)?,
                })
            })?;
            rows.collect::<rusqlite::Result<Vec<_>>>()?
        };
        self.delete_unit_versions(year)?;
        self.audit(
            "年度单位信息改按名册",
            "year",
            &year.to_string(),
            Some(&released),
            Some(&format!(
                "{year} 年度撤回通报，其单位信息改为按单位名册显示（再次通报时重新保存）"
            )),
        )
    }
}
