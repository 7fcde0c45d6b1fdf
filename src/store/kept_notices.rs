//! Results notices issued, remembered through a restore. A notice exported after its year's
//! results were published is the one issued, and fixes the 成文日期 every later export carries
//! (see `workflow::notice::issued_date`). Restoring a backup taken before that export would
//! forget it, and the next export could carry another date under the same 文号: so the issue
//! is carried into the restored data for each year the backup holds published too.

use rusqlite::Connection;

use super::result_exports::{ResultFile, notice_exported_since_last_publication};
use super::{Result, Writer};

/// A year's notice issued, and the 成文日期 it carries (`YYYY-MM-DD`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct IssuedNotice {
    year: i32,
    date: String,
}

/// The notices `conn` records as issued: of the years published, those exported since, with
/// the date kept for them.
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
        if !is_published || !notice_exported_since_last_publication(conn, year)? {
            continue;
        }
        if let Some(date) = super::read::setting(conn, &super::notice_date_key(year))? {
            issued.push(IssuedNotice { year, date });
        }
    }
    Ok(issued)
}

impl Writer<'_> {
    /// Records again those of `notices` the restored data lacks, for the years it holds
    /// published (a year restored to before its publication is published anew, and its notice
    /// with it): the date kept, and the export logged as the one issued. The years kept.
    pub(super) fn keep_issued_notices(&mut self, notices: &[IssuedNotice]) -> Result<Vec<i32>> {
        let mut kept = Vec::new();
        for notice in notices {
            let is_published = super::read::year(&self.tx, notice.year)?
                .is_some_and(|y| y.phase == crate::model::Phase::Published);
            if !is_published || notice_exported_since_last_publication(&self.tx, notice.year)? {
                continue;
            }
            self.put_setting(&super::notice_date_key(notice.year), &notice.date)?;
            let file = format!("恢复备份前已印发的考核结果通报（成文日期 {}）", notice.date);
            self.record_result_export(notice.year, ResultFile::Notice, &file)?;
            kept.push(notice.year);
        }
        Ok(kept)
    }
}
