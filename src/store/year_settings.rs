//! Changing a year's settings: 甲方 and its signatory, the planned signing date, the grade
//! bands and the phase. Once the results are published (已通报) the bands are fixed, since the
//! grades in the notice come from them; moving the phase back first is a deliberate, audited step.

use rusqlite::params;

use super::codec::date_to_sql;
use super::{Result, StoreError, Writer, read};
use crate::model::{Phase, Year};

impl Writer<'_> {
    /// Saves the settings of an existing year (its full score stays as it was).
    pub fn update_year(&mut self, year: &Year) -> Result<()> {
        let errors = year.validate();
        if !errors.is_empty() {
            return Err(StoreError::Rejected(errors.join("；")));
        }
        let Some(before) = read::year(&self.tx, year.year)? else {
            return Err(StoreError::NotFound(format!("{} 年度", year.year)));
        };
        if before.phase == Phase::Published
            && year.phase == Phase::Published
            && before.grade_bands != year.grade_bands
        {
            return Err(StoreError::Rejected(
                "考核结果已通报，等次分数线不能再改；确需更正时请先把年度阶段改回“考核”".to_owned(),
            ));
        }
        self.tx.execute(
            "UPDATE years SET party_a_name = ?1, party_a_signatory_title = ?2, party_a_signatory_name = ?3,
                 planned_signing_date = ?4, phase = ?5 WHERE year = ?6",
            params![
                year.party_a_name.trim(),
                year.party_a_signatory_title.trim(),
                year.party_a_signatory_name.trim(),
                date_to_sql(year.planned_signing_date),
                year.phase.code(),
                year.year
            ],
        )?;
        if before.grade_bands != year.grade_bands {
            self.tx
                .execute("DELETE FROM grade_bands WHERE year = ?1", [year.year])?;
            for (position, band) in year.grade_bands.iter().enumerate() {
                self.tx.execute(
                    "INSERT INTO grade_bands (year, position, name, min_total) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        year.year,
                        i64::try_from(position).unwrap_or(i64::MAX),
                        band.name.trim(),
                        band.min_total
                    ],
                )?;
            }
        }
        let after = read::year(&self.tx, year.year)?;
        let action = if before.phase == year.phase {
            "修改年度设置"
        } else {
            "更改年度阶段"
        };
        self.audit(
            action,
            "year",
            &year.year.to_string(),
            Some(&before),
            after.as_ref(),
        )
    }
}
