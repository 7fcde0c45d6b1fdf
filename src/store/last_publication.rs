//! The year settings a year's results were published with, read back from the audit log when
//! they were withdrawn (a published year's settings are locked, so the settings the withdrawal
//! left are the published ones): publishing again after the grade bands or the full score
//! changed grades the units anew, which the question before publishing says.

use rusqlite::OptionalExtension as _;

use super::{Result, Store};
use crate::model::Year;

impl Store {
    /// The settings of `year` as they were when its results were last withdrawn; `None` when
    /// they never were.
    pub fn settings_when_withdrawn(&self, year: i32) -> Result<Option<Year>> {
        let json: Option<String> = self
            .conn
            .query_row(
                "SELECT before_json FROM audit_log
                 WHERE entity = 'year' AND entity_id = ?1
                   AND json_extract(before_json, '$.phase') = 'Published'
                   AND COALESCE(json_extract(after_json, '$.value.phase'),
                                json_extract(after_json, '$.phase')) <> 'Published'
                 ORDER BY id DESC LIMIT 1",
                [year.to_string()],
                |row| row.get(0),
            )
            .optional()?;
        // An entry that does not read as a year (written by an older version) says nothing.
        Ok(json.and_then(|json| serde_json::from_str(&json).ok()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Phase;

    #[test]
    fn the_settings_published_are_read_back_from_the_withdrawal() {
        let mut store = Store::open_in_memory().unwrap();
        let mut year = Year::new(2024, "示例市人民政府");
        year.phase = Phase::Published;
        store.write(|w| w.insert_year(&year)).unwrap();
        assert_eq!(store.settings_when_withdrawn(2024).unwrap(), None);
        let published = store.year(2024).unwrap().unwrap();
        let mut withdrawn = published.clone();
        withdrawn.phase = Phase::Assessing;
        store
            .write(|w| w.update_year(&withdrawn, Some("发现计分错误")))
            .unwrap();
        let mut changed = withdrawn.clone();
        changed.grade_bands[1].min_total = crate::model::Points::whole(85);
        store.write(|w| w.update_year(&changed, None)).unwrap();
        assert_eq!(
            store.settings_when_withdrawn(2024).unwrap(),
            Some(published)
        );
    }
}
