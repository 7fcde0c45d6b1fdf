//! What a year's issued agreements print that differs from the register as that year knows
//! it: the unit's name and the signatories' titles, read from the frozen texts in one pass.

use super::{Result, Store};

/// What a year's issued agreements print that differs from the register as that year knows
/// it (see [`Store::printed_differences`]).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PrintedDifferences {
    /// The unit's name as printed, where the unit was renamed since, by agreement id.
    pub names: std::collections::HashMap<i64, String>,
    /// The signatories' titles as printed (甲方's, 乙方's), where either differs from the
    /// title now, by agreement id.
    pub titles: std::collections::HashMap<i64, (String, String)>,
}

impl Store {
    /// What `year`'s issued agreements print that differs from the register as that year knows
    /// it (its own version of the units, once kept, else the register now), by agreement id,
    /// read in one pass over their frozen texts: the unit's name (乙方; renamed after 定稿,
    /// the name on the paper, which the tracker's search still finds), and the signatories'
    /// titles (甲方's, 乙方's; a principal promoted, a 镇 become a 街道), which the detail names
    /// who signed by.
    pub fn printed_differences(&self, year: i32) -> Result<PrintedDifferences> {
        let mut statement = self.conn.prepare(
            "SELECT a.id, coalesce(v.name, u.name), json_extract(a.issued_json, '$.party_b'),
                    json_extract(a.issued_json, '$.party_a_signatory_title')
                      IS NOT y.party_a_signatory_title
                    OR json_extract(a.issued_json, '$.party_b_signatory_title')
                      IS NOT coalesce(v.principal_title, u.principal_title),
                    json_extract(a.issued_json, '$.party_a_signatory_title'),
                    json_extract(a.issued_json, '$.party_b_signatory_title')
             FROM agreements a JOIN units u ON u.id = a.unit_id JOIN years y ON y.year = a.year
                  LEFT JOIN unit_versions v ON v.unit_id = a.unit_id AND v.year = a.year
             WHERE a.year = ?1 AND a.issued_json IS NOT NULL",
        )?;
        let mut rows = statement.query([year])?;
        let mut differences = PrintedDifferences::default();
        while let Some(row) = rows.next()? {
            let id: i64 = row.get(0)?;
            let name_now: String = row.get(1)?;
            if let Some(printed) = row.get::<_, Option<String>>(2)?
                && printed != name_now
            {
                differences.names.insert(id, printed);
            }
            if row.get::<_, bool>(3)? {
                let title = |at: usize| -> rusqlite::Result<String> {
                    Ok(row.get::<_, Option<String>>(at)?.unwrap_or_default())
                };
                differences.titles.insert(id, (title(4)?, title(5)?));
            }
        }
        Ok(differences)
    }
}
