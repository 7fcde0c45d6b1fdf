//! Results notices issued, remembered through a restore. A notice exported after its year's
//! results were published is the one issued, and fixes the 成文日期 every later export carries
//! (see `workflow::notice::issued_date`). Restoring a backup taken before that export would
//! forget it, and the next export could carry another date under the same 文号: so the issue
//! is carried into the restored data for each year the backup holds published too.

use rusqlite::Connection;

use super::result_exports::{ResultFile, notice_exported_since_last_publication};
use super::{Result, Writer};

/// The audit log's action for a notice kept as issued through a restore.
pub(super) const KEPT_ACTION: &str = "保留已印发的通报";

/// A year's notice issued: the 成文日期 it carries (`YYYY-MM-DD`), and when it was exported.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub(super) struct IssuedNotice {
    year: i32,
    /// Logged as `notice_date` (the audit viewer's 成文日期).
    #[serde(rename = "notice_date")]
    date: String,
    exported_at: Option<String>,
}

/// The notices `conn` records as issued: exported while their year's results stood published
/// the last time (published still, or withdrawn since for a correction: the notice went out
/// all the same), with the date kept for them.
pub(super) fn issued_notices(conn: &Connection) -> Result<Vec<IssuedNotice>> {
    let years: Vec<i32> = {
        let mut statement = conn.prepare("SELECT year FROM years ORDER BY year")?;
        let rows = statement.query_map([], |row| row.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    let mut issued = Vec::new();
    for year in years {
        let is_published = super::read::year(conn, year)?
            .is_some_and(|y| y.phase == crate::model::Phase::Published);
        // A year not published now counts only once it was (a draft of a year never published
        // is no notice issued).
        if !(is_published || was_published(conn, year)?)
            || !notice_exported_since_last_publication(conn, year)?
            // Withdrawn, its date or export time set again since (a draft of the correction):
            // the issued notice's own are no longer known, and none is kept.
            || (!is_published && notice_set_since_withdrawn(conn, year)?)
        {
            continue;
        }
        if let Some(date) = super::read::setting(conn, &super::notice_date_key(year))? {
            let key = ResultFile::Notice.exported_at_key(year);
            let exported_at = super::read::setting(conn, &key)?;
            issued.push(IssuedNotice {
                year,
                date,
                exported_at,
            });
        }
    }
    Ok(issued)
}

/// True when `year`'s notice date or export time was set after its results were last
/// withdrawn.
fn notice_set_since_withdrawn(conn: &Connection, year: i32) -> Result<bool> {
    let keys = [
        super::notice_date_key(year),
        ResultFile::Notice.exported_at_key(year),
    ];
    Ok(conn.query_row(
        "WITH withdrawn AS (
           SELECT coalesce(max(id), 0) AS at FROM audit_log
           WHERE entity = 'year' AND entity_id = ?1
             AND json_extract(before_json, '$.phase') = 'Published'
             AND COALESCE(json_extract(after_json, '$.value.phase'),
                          json_extract(after_json, '$.phase')) <> 'Published')
         SELECT EXISTS (SELECT 1 FROM audit_log, withdrawn w
           WHERE entity = 'setting' AND entity_id IN (?2, ?3) AND audit_log.id > w.at)",
        rusqlite::params![year.to_string(), keys[0], keys[1]],
        |row| row.get(0),
    )?)
}

/// True when the log records `year`'s results moved to 已通报 at some time.
fn was_published(conn: &Connection, year: i32) -> Result<bool> {
    Ok(conn.query_row(
        "SELECT EXISTS (SELECT 1 FROM audit_log WHERE entity = 'year' AND entity_id = ?1
           AND COALESCE(json_extract(after_json, '$.value.phase'),
                        json_extract(after_json, '$.phase')) = 'Published')",
        [year.to_string()],
        |row| row.get(0),
    )?)
}

/// Whether restoring data `conn` leaves `notice` to be kept as issued: its year is published
/// there, and no notice was exported there since.
fn needs_keeping(conn: &Connection, notice: &IssuedNotice) -> Result<bool> {
    let is_published = super::read::year(conn, notice.year)?
        .is_some_and(|y| y.phase == crate::model::Phase::Published);
    Ok(is_published && !notice_exported_since_last_publication(conn, notice.year)?)
}

/// The notices of `issued` a restore of `backup` keeps as issued, in words for the question
/// that asks before it: "2024 年度考核结果通报（成文日期 2025年3月20日）".
pub(super) fn kept_through(issued: &[IssuedNotice], backup: &Connection) -> Result<Vec<String>> {
    let mut kept = Vec::new();
    for notice in issued {
        if needs_keeping(backup, notice)? {
            let date = chrono::NaiveDate::parse_from_str(&notice.date, "%Y-%m-%d")
                .map_or_else(|_| notice.date.clone(), crate::model::dates::show_date);
            kept.push(format!(
                "{} 年度考核结果通报（成文日期 {date}）",
                notice.year
            ));
        }
    }
    Ok(kept)
}

impl Writer<'_> {
    /// Records again those of `notices` the restored data lacks, for the years it holds
    /// published (a year restored to before its publication is published anew, and its notice
    /// with it): the date kept, and the notice logged as issued, in its own words (保留已印发的
    /// 通报, with the date and when it was exported), not as an export made now.
    pub(super) fn keep_issued_notices(&mut self, notices: &[IssuedNotice]) -> Result<()> {
        for notice in notices {
            if !needs_keeping(&self.tx, notice)? {
                continue;
            }
            self.put_setting(&super::notice_date_key(notice.year), &notice.date)?;
            let key = ResultFile::Notice.exported_at_key(notice.year);
            let exported_at = notice
                .exported_at
                .clone()
                .unwrap_or_else(|| self.now.clone());
            self.put_setting(&key, &exported_at)?;
            // The entry that marks the notice issued since the year's publication.
            self.audit(KEPT_ACTION, "setting", &key, None::<&()>, Some(notice))?;
        }
        Ok(())
    }
}
