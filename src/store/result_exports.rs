//! When a year's results notice (PDF) and score summary (xlsx) were last exported, kept as a
//! setting per year and file, and the changes to the year's results made since: an export
//! made before them no longer matches the results.

use rusqlite::OptionalExtension as _;

use super::audit::RESOLVED;
use super::{Result, Store, Writer};

/// The two files of a year's results that the office hands out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFile {
    /// 考核结果通报, the PDF: totals, grades and vetoes.
    Notice,
    /// 得分汇总表, the xlsx: every score, both notes, every bonus, deduction and veto.
    Summary,
}

impl ResultFile {
    /// Both files, the notice first.
    pub const ALL: [Self; 2] = [Self::Notice, Self::Summary];

    /// The settings key of the time `year`'s file was last exported, `YYYY-MM-DD HH:MM:SS`.
    #[must_use]
    pub fn exported_at_key(self, year: i32) -> String {
        match self {
            Self::Notice => format!("notice_exported_at.{year}"),
            Self::Summary => format!("summary_exported_at.{year}"),
        }
    }

    /// The file's name in a clerk's words.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Notice => "考核结果通报",
            Self::Summary => "得分汇总表",
        }
    }
}

/// The last export of one of a year's result files and what changed since.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResultExport {
    /// Which file.
    pub file: ResultFile,
    /// When it was last exported.
    pub exported_at: Option<chrono::NaiveDateTime>,
    /// How many changes to the results it shows were made since (a cell changed twice counts
    /// twice).
    pub changes_since: usize,
    /// True for a notice exported before the results were published (a draft, watermarked)
    /// while they are published now: the official one is still to be exported.
    pub is_draft_before_publication: bool,
}

impl ResultExport {
    /// True when the results changed after the file was exported.
    #[must_use]
    pub fn is_stale(&self) -> bool {
        self.changes_since > 0
    }
}

/// What the audit log keeps of a notice or summary exported.
#[derive(serde::Serialize)]
struct ExportedResult<'a> {
    exported_at: &'a str,
    file_name: &'a str,
    /// The 发文字号 of a notice issued (exported while its year is published).
    #[serde(skip_serializing_if = "Option::is_none")]
    document_number: Option<&'a str>,
    /// An issued notice's 成文日期 (`YYYY-MM-DD`; the audit viewer's 成文日期), so that a
    /// correction issued later is never dated before it.
    #[serde(skip_serializing_if = "Option::is_none")]
    notice_date: Option<&'a str>,
}

impl Writer<'_> {
    /// Records that `year`'s `file` was exported now as `file_name`: a setting (the time),
    /// logged as an export (导出 PDF as an agreement's export is, or 导出 Excel) naming the
    /// file (and an issued notice's 发文字号 and 成文日期, `issued`), rather than as a change of
    /// settings.
    pub fn record_result_export(
        &mut self,
        year: i32,
        (file, file_name): (ResultFile, &str),
        issued: IssuedAs<'_>,
    ) -> Result<()> {
        let now = self.now.clone();
        let action = match file {
            ResultFile::Notice => super::exports::EXPORT_PDF,
            ResultFile::Summary => "导出 Excel",
        };
        let key = file.exported_at_key(year);
        self.put_setting(&key, &now)?;
        // An export, not a change: the entry keeps the file and when, as an agreement's does.
        self.audit(
            action,
            "setting",
            &key,
            None::<&()>,
            Some(&ExportedResult {
                exported_at: &now,
                file_name,
                document_number: issued.document_number,
                notice_date: issued.date,
            }),
        )
    }
}

/// What an exported notice was issued as: its 发文字号 and 成文日期, when it was exported while
/// its year stood published (both `None` for a draft or the summary).
#[derive(Debug, Clone, Copy, Default)]
pub struct IssuedAs<'a> {
    /// The 发文字号, when one was set.
    pub document_number: Option<&'a str>,
    /// The 成文日期, `YYYY-MM-DD`.
    pub date: Option<&'a str>,
}

impl Store {
    /// The 成文日期 (`YYYY-MM-DD`) of the last notice of `year` issued since the year was last
    /// made (a year deleted and made again has issued none), if one was exported with it
    /// kept.
    pub fn last_issued_notice_date(&self, year: i32) -> Result<Option<String>> {
        Ok(self
            .conn
            .query_row(
                "SELECT json_extract(after_json, '$.notice_date') FROM audit_log
                 WHERE entity = 'setting' AND entity_id = ?1
                   AND json_extract(after_json, '$.notice_date') IS NOT NULL
                   AND id > (SELECT coalesce(max(id), 0) FROM audit_log
                             WHERE entity = 'year' AND entity_id = ?2 AND after_json IS NULL)
                 ORDER BY id DESC LIMIT 1",
                rusqlite::params![ResultFile::Notice.exported_at_key(year), year.to_string()],
                |row| row.get(0),
            )
            .optional()?)
    }

    /// The 发文字号 of `year`'s notices issued (exported while the year was published, in any
    /// of its publications), each with when it was exported, oldest first.
    pub fn issued_notice_numbers(&self, year: i32) -> Result<Vec<(String, String)>> {
        let mut statement = self.conn.prepare(
            "SELECT json_extract(after_json, '$.document_number'), at FROM audit_log
             WHERE entity = 'setting' AND entity_id = ?1
               AND json_extract(after_json, '$.document_number') IS NOT NULL
             ORDER BY id",
        )?;
        let key = ResultFile::Notice.exported_at_key(year);
        let rows = statement.query_map([key], |row| Ok((row.get(0)?, row.get(1)?)))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

impl Store {
    /// The last export of `year`'s `file`, if it was ever exported, with the changes to
    /// `year`'s scores, bonuses, deductions and vetoes made after it, and to the settings the
    /// file is made from (甲方, full score, grade bands; publishing, which outdates a draft). A
    /// score entry counts for the notice only when its assessed score changed (the notice
    /// shows no notes or self scores); for the summary every one counts.
    pub fn result_export(&self, year: i32, file: ResultFile) -> Result<Option<ResultExport>> {
        let key = file.exported_at_key(year);
        // A year deleted and made again forgets its exports with its settings.
        if super::read::setting(&self.conn, &key)?.is_none() {
            return Ok(None);
        }
        // The audit entry of the setting orders the export among the changes, to the entry.
        let exported: Option<(i64, String)> = self
            .conn
            .query_row(
                "SELECT id, at FROM audit_log WHERE entity = 'setting' AND entity_id = ?1
                 ORDER BY id DESC LIMIT 1",
                [&key],
                |row| Ok((row.get(0)?, row.get(1)?)),
            )
            .optional()?;
        let Some((export_id, exported_at)) = exported else {
            return Ok(None);
        };
        // A result changed and put back since the export (a score 5 → 4.5 → 5, a bonus added
        // and deleted) leaves the file as it is: each value's entries count only when the value
        // after the last differs from the one before the first (for the notice, a score's
        // assessed score; for the summary, its four values).
        let score_part = |json: &str, path: &str| {
            let value = |field: &str| {
                format!(
                    "COALESCE(json_extract({json}, '{path}.{field}'), json_extract({json}, '$.{field}'))"
                )
            };
            format!(
                "CASE WHEN ?3 = 1 THEN {assessed} ELSE json_array({assessed}, {own}, {note}, {own_note}) END",
                assessed = value("assessed_score"),
                own = value("self_score"),
                note = value("note"),
                own_note = value("self_note"),
            )
        };
        let before_score = score_part("before_json", "$");
        let after_score = score_part("after_json", "$.value");
        let results = super::audit::net_changes(
            "results",
            "id > ?2 AND entity IN ('score', 'adjustment', 'veto') AND agreement_year = ?1
             AND (?3 = 0 OR entity <> 'score'
                  OR COALESCE(json_extract(after_json, '$.value.assessed_score'),
                              json_extract(after_json, '$.assessed_score'))
                     IS NOT json_extract(before_json, '$.assessed_score'))",
            &format!("CASE WHEN entity = 'score' THEN {before_score} ELSE json(before_json) END"),
            &format!(
                "CASE WHEN entity = 'score' THEN {after_score}
                      WHEN json_type(after_json, '$.value') IS NOT NULL
                        THEN json_extract(after_json, '$.value')
                      ELSE json(after_json) END"
            ),
        );
        let sql = format!(
            "{RESOLVED},
             {results}
             SELECT (SELECT count(*) FROM results WHERE was IS NOT now) + count(*) FROM resolved
             WHERE id > ?2 AND (
               -- The year's settings the files are made from: 甲方, full score, grade bands;
               -- and publishing, after which a notice exported as a draft (watermarked) is
               -- out of date (a notice exported published, and the spreadsheet, are not).
               (entity = 'year' AND entity_id = CAST(?1 AS TEXT)
                   AND json_extract(after_json, '$.value.year') IS NOT NULL
                   AND (json_extract(before_json, '$.grade_bands')
                          IS NOT json_extract(after_json, '$.value.grade_bands')
                        OR json_extract(before_json, '$.party_a_name')
                          IS NOT json_extract(after_json, '$.value.party_a_name')
                        OR json_extract(before_json, '$.full_score')
                          IS NOT json_extract(after_json, '$.value.full_score')
                        OR (?3 = 1 AND ?4 = 0
                            AND json_extract(after_json, '$.value.phase') = 'Published'
                            AND json_extract(before_json, '$.phase') IS NOT 'Published')))
               -- The notice's wording (title, paragraphs, 文号 …), for the notice only.
               OR (?3 = 1 AND entity = 'setting' AND entity_id = ?5
                   AND before_json IS NOT after_json))"
        );
        let assessed_only = i64::from(file == ResultFile::Notice);
        // The year's phase when the file was written, as its last entry before then left it.
        let phase_then: Option<String> = self
            .conn
            .query_row(
                "SELECT COALESCE(json_extract(after_json, '$.value.phase'),
                                 json_extract(after_json, '$.phase'))
                 FROM audit_log WHERE entity = 'year' AND entity_id = CAST(?1 AS TEXT) AND id < ?2
                   AND COALESCE(json_extract(after_json, '$.value.phase'),
                                json_extract(after_json, '$.phase')) IS NOT NULL
                 ORDER BY id DESC LIMIT 1",
                rusqlite::params![year, export_id],
                |row| row.get(0),
            )
            .optional()?
            .flatten();
        let was_published = i64::from(phase_then.as_deref() == Some("Published"));
        let is_draft_before_publication =
            file == ResultFile::Notice && was_published == 0 && self.is_published(year)?;
        let count: i64 = self.conn.query_row(
            &sql,
            rusqlite::params![
                year,
                export_id,
                assessed_only,
                was_published,
                super::notice_wording_key(year)
            ],
            |row| row.get(0),
        )?;
        Ok(Some(ResultExport {
            file,
            exported_at: chrono::NaiveDateTime::parse_from_str(
                &exported_at,
                crate::model::dates::STORED_TIME,
            )
            .ok(),
            changes_since: usize::try_from(count).unwrap_or(usize::MAX),
            is_draft_before_publication,
        }))
    }

    /// True when publishing `year` now would date its results today: a first publication, or
    /// a correction of a notice exported since the last one (see `update_year`); false when
    /// the earlier publication's day stands.
    pub fn publishes_anew(&self, year: i32) -> Result<bool> {
        publishes_anew(&self.conn, year)
    }

    /// True when `year`'s results are published (已通报) and its notice was exported after they
    /// were last published: that notice is the one issued, and its date is the notice's own.
    /// Moving the year back to 考核 and publishing again starts over.
    pub fn notice_issued_since_published(&self, year: i32) -> Result<bool> {
        if !self.is_published(year)? {
            return Ok(false);
        }
        notice_exported_since_last_publication(&self.conn, year)
    }

    /// The last exports of `year`'s notice and summary, those that were ever exported, the
    /// notice first.
    pub fn result_exports(&self, year: i32) -> Result<Vec<ResultExport>> {
        let mut exports = Vec::new();
        for file in ResultFile::ALL {
            if let Some(export) = self.result_export(year, file)? {
                exports.push(export);
            }
        }
        Ok(exports)
    }
}

/// See [`Store::publishes_anew`]; read by `update_year` before the publication is logged.
pub(super) fn publishes_anew(conn: &rusqlite::Connection, year: i32) -> Result<bool> {
    let was_published = super::read::setting(conn, &super::published_on_key(year))?.is_some();
    Ok(!was_published || notice_exported_since_last_publication(conn, year)?)
}

/// True when `year`'s notice was exported while its results stood published the last time
/// (after the last move to 已通报, before any move away from it since): read while
/// publishing again, it says whether a notice was issued in between; a draft exported while
/// the year was taken back is no issued notice.
pub(super) fn notice_exported_since_last_publication(
    conn: &rusqlite::Connection,
    year: i32,
) -> Result<bool> {
    let issued: i64 = conn.query_row(
        "WITH moves AS (
           SELECT id,
                  COALESCE(json_extract(before_json, '$.phase'), '') AS was,
                  COALESCE(json_extract(after_json, '$.value.phase'),
                           json_extract(after_json, '$.phase')) AS is_now
           FROM audit_log WHERE entity = 'year' AND entity_id = CAST(?1 AS TEXT)),
         published AS (
           SELECT coalesce(max(id), 0) AS at FROM moves
           WHERE is_now = 'Published' AND was <> 'Published'),
         withdrawn AS (
           SELECT min(m.id) AS at FROM moves m, published p
           WHERE m.id > p.at AND m.was = 'Published' AND m.is_now <> 'Published')
         SELECT EXISTS (
           SELECT 1 FROM audit_log, published p, withdrawn w
           WHERE entity = 'setting' AND entity_id = ?2
             AND audit_log.id > p.at AND (w.at IS NULL OR audit_log.id < w.at))",
        rusqlite::params![year, ResultFile::Notice.exported_at_key(year)],
        |row| row.get(0),
    )?;
    Ok(issued == 1)
}
