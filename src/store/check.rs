//! `zerenshu check`: SQLite's integrity and foreign-key checks, the schema version, every issued
//! agreement's frozen text against the SHA-256 recorded at 定稿, and every archived scan against
//! the SHA-256 recorded when it was stored.

use std::fmt;
use std::path::Path;

use rusqlite::Connection;

use super::codec::from_json;
use super::{Result, Store, StoreError, schema};
use crate::document::AgreementContent;
use crate::model::agreement::content_hash;

/// What a check of a database file found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CheckReport {
    /// Lines of `PRAGMA integrity_check`; `["ok"]` when sound.
    pub integrity: Vec<String>,
    /// Rows of `PRAGMA foreign_key_check`.
    pub foreign_key_problems: usize,
    /// Schema version in the file.
    pub schema_version: i64,
    /// Schema version this build writes.
    pub latest_version: i64,
    /// Number of years, units and agreements.
    pub counts: (i64, i64, i64),
    /// Issued agreements whose frozen text no longer gives its recorded hash, as "2025 年度第 4 号".
    pub altered_texts: Vec<String>,
    /// Archived agreements whose stored scan no longer gives its recorded hash.
    pub altered_scans: Vec<String>,
    /// Lines about the work rather than the file (agreements past their planned signing
    /// date, say), said before the conclusion; the check leaves it empty for its caller.
    pub reminders: Vec<String>,
    /// Why the data version recorded does not fit the tables (see
    /// [`super::version_fit::version_mismatch`]): the file cannot be upgraded as it is.
    pub version_problem: Option<String>,
}

impl CheckReport {
    /// True when nothing is wrong. A file of an older data version is sound: opening it once
    /// upgrades it.
    #[must_use]
    pub fn is_ok(&self) -> bool {
        self.integrity == ["ok"]
            && self.foreign_key_problems == 0
            && self.schema_version <= self.latest_version
            && self.altered_texts.is_empty()
            && self.altered_scans.is_empty()
            && self.version_problem.is_none()
    }
}

/// How many problems one of SQLite's findings lists: a row of `PRAGMA integrity_check` may
/// hold several, one a line, after a "*** in database main ***" line that is no problem itself.
pub(super) fn problem_count(finding: &str) -> usize {
    finding
        .lines()
        .map(str::trim)
        .filter(|line| !line.is_empty())
        .filter(|line| !(line.starts_with("*** in database") && line.ends_with("***")))
        .count()
        .max(1)
}

impl CheckReport {
    /// The frozen texts' and scans' findings, one line each.
    fn write_hash_findings(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (what, matched, against, altered) in [
            (
                "定稿文本",
                "与校验码一致",
                "定稿时的校验码",
                &self.altered_texts,
            ),
            (
                "签订件扫描件",
                "与归档时的校验值一致",
                "归档时的校验值",
                &self.altered_scans,
            ),
        ] {
            if altered.is_empty() {
                writeln!(f, "{what}：{matched}")?;
            } else {
                writeln!(
                    f,
                    "{what}：{} 份与{against}不符（{}）",
                    altered.len(),
                    altered.join("、")
                )?;
            }
        }
        Ok(())
    }
}

impl fmt::Display for CheckReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.integrity == ["ok"] {
            writeln!(f, "完整性检查：正常")?;
        } else {
            writeln!(
                f,
                "完整性检查：发现 {} 处内部结构问题，数据库已损坏，请从备份恢复",
                self.integrity
                    .iter()
                    .map(|line| problem_count(line))
                    .sum::<usize>()
            )?;
            writeln!(
                f,
                "技术细节（供技术人员查看）：{}",
                self.integrity.join("；")
            )?;
        }
        writeln!(
            f,
            "外键检查：{}",
            if self.foreign_key_problems == 0 {
                "正常".to_owned()
            } else {
                format!("{} 处引用缺失", self.foreign_key_problems)
            }
        )?;
        let version_note = if self.schema_version == self.latest_version {
            "，最新"
        } else {
            "，需要升级：用本程序打开一次即可"
        };
        match &self.version_problem {
            Some(problem) => writeln!(f, "数据版本：{problem}")?,
            None => writeln!(f, "数据版本：{}{version_note}", self.schema_version)?,
        }
        // Not read when the version does not fit the tables: nothing is said to match.
        if self.version_problem.is_some() {
            writeln!(f, "定稿文本、签订件扫描件：未核对（数据版本与内容不符）")?;
        } else {
            self.write_hash_findings(f)?;
        }
        let (years, units, agreements) = self.counts;
        writeln!(
            f,
            "内容：{years} 个年度，{units} 个单位，{agreements} 份责任书"
        )?;
        for reminder in &self.reminders {
            writeln!(f, "{reminder}")?;
        }
        write!(
            f,
            "结论：{}",
            match (self.is_ok(), self.schema_version < self.latest_version) {
                (true, false) => "数据库正常",
                (true, true) => "数据库正常（数据版本较旧，用本程序打开一次即可升级）",
                (false, _) => "发现问题",
            }
        )
    }
}

impl Store {
    /// Checks a database file without migrating or writing it.
    pub fn check_file(path: &Path) -> Result<CheckReport> {
        Ok(Self::check_file_then(path, |_| Ok(()))?.0)
    }

    /// Checks a database file as [`Store::check_file`] does and, when it is sound and of the
    /// data version this build reads, reads `read` from it over the same connection (which
    /// writes nothing); `None` for a file with problems or of an older version.
    pub fn check_file_then<T>(
        path: &Path,
        read: impl FnOnce(&Store) -> Result<T>,
    ) -> Result<(CheckReport, Option<T>)> {
        let damaged = |error: StoreError| match error {
            StoreError::Corrupt(details) => StoreError::Damaged {
                details,
                path: path.to_owned(),
            },
            other => other,
        };
        // The checked connection writes nothing until the quick check has passed; on close it
        // folds the WAL back and removes `-wal` and `-shm` as any connection does.
        let conn =
            super::open::open_checked(path).map_err(|error| super::out_of_space(error, path))?;
        let store = Store::from_connection(conn, Some(path.to_owned()));
        let report = store.check().map_err(damaged)?;
        let is_readable = report.is_ok() && report.schema_version == report.latest_version;
        let found = if is_readable {
            Some(read(&store).map_err(damaged)?)
        } else {
            None
        };
        Ok((report, found))
    }

    /// Runs the checks on this store.
    pub fn check(&self) -> Result<CheckReport> {
        let mut statement = self.conn.prepare("PRAGMA integrity_check")?;
        let integrity = statement
            .query_map([], |row| row.get::<_, String>(0))?
            .collect::<rusqlite::Result<_>>()?;
        let mut statement = self.conn.prepare("PRAGMA foreign_key_check")?;
        let foreign_key_problems = statement.query_map([], |_| Ok(()))?.count();
        let count = |table: &str| -> rusqlite::Result<i64> {
            self.conn
                .query_row(&format!("SELECT count(*) FROM {table}"), [], |r| r.get(0))
        };
        let schema_version = schema::version(&self.conn)?;
        let version_problem = super::version_fit::version_mismatch(&self.conn, schema_version)?;
        // Frozen texts and scans exist from schema version 3 on; a version that does not fit
        // says nothing of which tables there are, and its records are not read by it.
        let has_frozen_texts = schema_version >= 3 && version_problem.is_none();
        if version_problem.is_none() {
            self.read_every_record_of(schema_version)?;
        }
        Ok(CheckReport {
            integrity,
            foreign_key_problems,
            schema_version,
            latest_version: schema::latest_version(),
            // A file whose first start stopped before its tables were made holds nothing yet;
            // one whose version does not fit is counted as far as its tables allow.
            counts: if schema_version == 0 && version_problem.is_none() {
                (0, 0, 0)
            } else {
                let or_none = |counted: rusqlite::Result<i64>| counted.unwrap_or(0);
                (
                    or_none(count("years")),
                    or_none(count("units")),
                    or_none(count("agreements")),
                )
            },
            altered_texts: if has_frozen_texts {
                self.altered_texts()?
            } else {
                Vec::new()
            },
            altered_scans: if has_frozen_texts {
                self.altered_scans()?
            } else {
                Vec::new()
            },
            reminders: Vec::new(),
            version_problem,
        })
    }

    /// What the checks find beyond SQLite's own: records that cannot be read, and frozen texts
    /// or scans that no longer match their recorded hashes; empty when the contents are sound.
    fn content_findings(&self) -> Result<Vec<String>> {
        let schema_version = schema::version(&self.conn)?;
        // A version that does not fit the tables: the finding, not the upgrade's SQL error.
        if let Some(problem) = super::version_fit::version_mismatch(&self.conn, schema_version)? {
            return Ok(vec![problem]);
        }
        self.read_every_record_of(schema_version)?;
        if schema_version < 3 {
            return Ok(Vec::new());
        }
        let mut findings = Vec::new();
        let altered = self.altered_texts()?;
        if !altered.is_empty() {
            findings.push(format!("定稿文本与校验码不符：{}", altered.join("、")));
        }
        let altered = self.altered_scans()?;
        if !altered.is_empty() {
            findings.push(format!(
                "签订件扫描件与归档时的校验值不符：{}",
                altered.join("、")
            ));
        }
        Ok(findings)
    }

    /// Reads every record as the program does, so that damage SQLite's checks cannot see (text
    /// that is not UTF-8, a value of the wrong kind) comes out as [`super::StoreError::Corrupt`].
    /// [`Store::read_every_record`] on a file of data version `schema_version`: one from an
    /// older version is read through a migrated copy in memory (the reads are this build's),
    /// so that damage in it is found before opening for writing backs it up and migrates it.
    fn read_every_record_of(&self, schema_version: i64) -> Result<()> {
        if schema_version == schema::latest_version() {
            return self.read_every_record();
        }
        if schema_version < 1 || schema_version > schema::latest_version() {
            return Ok(());
        }
        let mut copy = Connection::open_in_memory()?;
        rusqlite::backup::Backup::new(&self.conn, &mut copy)?.run_to_completion(
            1024,
            std::time::Duration::ZERO,
            None,
        )?;
        schema::migrate(&mut copy)?;
        Store::from_connection(copy, None).read_every_record()
    }

    fn read_every_record(&self) -> Result<()> {
        self.categories()?;
        self.units()?;
        self.audit_entries(usize::MAX)?;
        for year in self.years()? {
            let year = year.year;
            self.units_in(year)?;
            self.agreements(year)?;
            self.templates(year)?;
            self.indicator_sets(year)?;
            self.scores(year)?;
            self.adjustments(year)?;
            self.vetoes(year)?;
        }
        Ok(())
    }

    /// Archived scans whose bytes do not hash to the SHA-256 recorded when they were stored
    /// (from schema version 10 on, each file of each version: "2025 年度第 5 号第 2 版第 3 页").
    fn altered_scans(&self) -> Result<Vec<String>> {
        let has_versions = schema::version(&self.conn)? >= 10;
        let mut statement = self.conn.prepare(if has_versions {
            "SELECT a.year, a.number, s.bytes, s.sha256, s.version, s.page FROM scans s JOIN agreements a ON a.id = s.agreement_id ORDER BY a.year, a.number, s.version, s.page"
        } else {
            "SELECT a.year, a.number, s.bytes, s.sha256, 1, 1 FROM scans s JOIN agreements a ON a.id = s.agreement_id ORDER BY a.year, a.number"
        })?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Vec<u8>>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, i64>(5)?,
            ))
        })?;
        let mut altered = Vec::new();
        for row in rows {
            let (year, number, bytes, hash, version, page) = row?;
            if content_hash(&bytes) != hash {
                altered.push(if (version, page) == (1, 1) {
                    format!("{year} 年度第 {number} 号")
                } else {
                    format!("{year} 年度第 {number} 号第 {version} 版第 {page} 页")
                });
            }
        }
        Ok(altered)
    }

    /// Issued agreements whose frozen text does not hash to the SHA-256 recorded at 定稿 (those
    /// issued before frozen texts were kept, schema version 3, have none to compare).
    fn altered_texts(&self) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare(
            "SELECT year, number, issued_json, content_hash FROM agreements WHERE status <> 'draft' AND issued_json IS NOT NULL ORDER BY year, number",
        )?;
        let rows = statement.query_map([], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, Option<String>>(2)?,
                r.get::<_, Option<String>>(3)?,
            ))
        })?;
        let mut altered = Vec::new();
        for row in rows {
            let (year, number, json, hash) = row?;
            let is_sound = json
                .as_deref()
                .and_then(|text| from_json::<AgreementContent>(text).ok())
                .is_some_and(|content| Some(content.hash()) == hash);
            if !is_sound {
                altered.push(format!("{year} 年度第 {number} 号"));
            }
        }
        Ok(altered)
    }
}

/// Checks the contents of a connection that passed SQLite's quick check (see
/// [`Store::content_findings`]) and hands it back; damage gives [`StoreError::Damaged`] naming
/// what is wrong. Run before a file is opened for writing and on every backup, so that damage
/// SQLite cannot see is neither written to nor copied into a backup that looks good.
pub(super) fn check_contents(conn: Connection, path: &Path) -> Result<Connection> {
    let store = Store::from_connection(conn, None);
    let findings = store.content_findings();
    let Store { conn, .. } = store;
    let damaged = |details: String| StoreError::Damaged {
        details,
        path: path.to_owned(),
    };
    match findings {
        Ok(findings) if findings.is_empty() => Ok(conn),
        Ok(findings) => Err(unwritten(conn, damaged(findings.join("；")))),
        Err(StoreError::Corrupt(details)) => Err(unwritten(conn, damaged(details))),
        Err(other) => Err(other),
    }
}

/// Closes `conn` without folding its `-wal` into the damaged file, and hands `error` back.
fn unwritten(conn: Connection, error: StoreError) -> StoreError {
    let _ = conn.set_db_config(
        rusqlite::config::DbConfig::SQLITE_DBCONFIG_NO_CKPT_ON_CLOSE,
        true,
    );
    drop(conn);
    error
}

#[cfg(test)]
mod tests {
    use super::*;

    /// SQLite lists several problems in one row, one a line: each is counted.
    #[test]
    fn every_problem_listed_is_counted() {
        let details = "*** in database main ***\nTree 29 page 345 cell 0: invalid page number 1234\nTree 29 page 345: btreeInitPage() returns error code 11\nPage 400 is never used；row 3 missing from index units_name";
        let error = StoreError::Damaged {
            details: details.to_owned(),
            path: "a.sqlite3".into(),
        };
        let message = error.to_string();
        assert!(message.contains("发现 4 处内部结构问题"), "{message}");
        let report = CheckReport {
            integrity: vec![
                "*** in database main ***\nPage 5: never used\nPage 6: never used".to_owned(),
                "row 3 missing from index units_name".to_owned(),
            ],
            foreign_key_problems: 0,
            schema_version: 1,
            latest_version: 1,
            counts: (0, 0, 0),
            altered_texts: Vec::new(),
            altered_scans: Vec::new(),
            reminders: Vec::new(),
            version_problem: None,
        };
        let text = report.to_string();
        assert!(text.contains("发现 3 处内部结构问题"), "{text}");
    }

    /// Records of one table breaking a CHECK rule are said once, however many SQLite lists.
    #[test]
    fn a_table_s_broken_rules_are_said_once() {
        let said = StoreError::Damaged {
            details: "CHECK constraint failed in agreements；CHECK constraint failed in agreements"
                .to_owned(),
            path: "a.sqlite3".into(),
        }
        .to_string();
        assert_eq!(
            said.matches("表 agreements 中有记录违反数据规则").count(),
            1,
            "{said}"
        );
    }

    /// The check at opening stops at its limit of problems: as many are said to be at least so
    /// many, fewer are counted as they are, also when a row holds several.
    #[test]
    fn findings_up_to_the_check_s_limit_are_said_to_be_at_least_so_many() {
        let said_of = |rows: Vec<String>| {
            let details = crate::store::open::marked_if_stopped(rows).join("；");
            StoreError::Damaged {
                details,
                path: "a.sqlite3".into(),
            }
            .to_string()
        };
        let said = |count: usize| said_of(vec!["Page 7: never used".to_owned(); count]);
        let limit = crate::store::open::CHECK_LIMIT;
        assert!(
            said(limit).contains(&format!("发现至少 {limit} 处内部结构问题")),
            "{}",
            said(limit)
        );
        assert!(said(18).contains("发现 18 处内部结构问题"), "{}", said(18));
        // Half as many rows, two problems each: the check stopped all the same.
        let pairs = vec![
            "*** in database main ***\nPage 5: never used\nPage 6: never used"
                .to_owned();
            limit / 2
        ];
        let text = said_of(pairs);
        assert!(text.contains(&format!("发现至少 {limit} 处")), "{text}");
    }
}
