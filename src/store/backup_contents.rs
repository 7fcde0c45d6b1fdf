//! What a backup holds (years, units, agreements, scores, last change), read before a
//! restore: the file opened read-only and checked, never changed.

use std::path::Path;

use chrono::{Local, NaiveDateTime};

use super::{Result, StoreError, open};

/// What a backup holds, read before restoring it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupContents {
    /// Its schema version.
    pub schema_version: i64,
    /// Its assessment years, newest first.
    pub years: Vec<i32>,
    /// Number of units (active and archived).
    pub units: i64,
    /// Number of agreements over all years.
    pub agreements: i64,
    /// Scores given by the assessment group (考核组评分) over all years.
    pub scores: i64,
    /// Self-assessment scores (自评分, typed or imported from the units' forms) over all years.
    pub self_scores: i64,
    /// Bonuses and deductions over all years.
    pub adjustments: i64,
    /// Vetoes (一票否决) over all years.
    pub vetoes: i64,
    /// Time of the last change recorded in its audit log.
    pub last_change: Option<String>,
    /// When the file was last written (local time, from the file system): the date of a copy
    /// kept outside `backups/`, whose name says nothing.
    pub modified_at: Option<NaiveDateTime>,
}

/// One line; `{:#}` puts the last change on a line of its own, so that a narrow dialog does not
/// break its date in two ("2026年12" / "月6日").
impl std::fmt::Display for BackupContents {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let years: Vec<String> = self.years.iter().map(ToString::to_string).collect();
        write!(
            f,
            "年度：{}；单位 {} 个；责任书 {} 份；考核评分 {} 项、自评分 {} 项、加扣分 {} 条、一票否决 {} 个{}最后修改：{}",
            if years.is_empty() {
                "无".to_owned()
            } else {
                years.join("、")
            },
            self.units,
            self.agreements,
            self.scores,
            self.self_scores,
            self.adjustments,
            self.vetoes,
            if f.alternate() { "\n" } else { "；" },
            self.last_change.as_deref().map_or_else(
                || "无记录".to_owned(),
                crate::model::dates::show_stored_time
            )
        )
    }
}

/// Opens a backup read-only, checks it and says what it holds; the file is not changed.
pub fn inspect_backup(path: &Path) -> Result<BackupContents> {
    if !path.is_file() {
        let what = if path.is_dir() {
            "这是一个文件夹，不是备份文件"
        } else {
            "备份文件不存在"
        };
        return Err(StoreError::Rejected(format!("{what}：{}", path.display())));
    }
    // A database a window is working in changes under the copy a restore makes of it.
    if let Some(holder) = super::lock::in_use_by(path) {
        return Err(StoreError::Rejected(format!(
            "这个文件是{holder}正在使用的数据库，不是备份，不能用来恢复：请选择 backups 文件夹中的备份；确要用它的数据，请在使用它的窗口中“立即备份”，再用那份备份恢复：{}",
            path.display()
        )));
    }
    // A working copy still in use (or left by a program that stopped) keeps its latest
    // changes in the "-wal" beside it: read through SQLite they would be shown, but the file
    // alone, which is what a restore puts in place, lacks them.
    let log = super::lock::sibling(path, "-wal");
    if std::fs::metadata(&log).is_ok_and(|meta| meta.len() > 0) {
        return Err(StoreError::Rejected(format!(
            "这个文件旁边还有未合并的日志文件（{}），可能仍有程序在使用它，直接恢复会丢失其中最近的修改：请先关闭正在使用它的程序（若是程序异常退出后留下的，用本程序打开这个文件一次再正常退出即可合并），或选择 backups 文件夹中的备份：{}",
            log.file_name().unwrap_or_default().to_string_lossy(),
            path.display()
        )));
    }
    let checked =
        open::open_checked(path).and_then(|conn| super::check::check_contents(conn, path));
    let conn = checked.map_err(|error| match error {
        StoreError::Damaged { details, .. } | StoreError::Corrupt(details) => {
            // Said in words only: the refusal has no technical details to point to.
            StoreError::Rejected(format!(
                "这个备份已损坏（{}），不能用来恢复，请选择别的备份：{}",
                super::in_words_alone(&details),
                path.display()
            ))
        }
        // What worries the clerk here is the database restored into, not the file picked.
        StoreError::NotOurs { reason, path } => StoreError::Rejected(format!(
            "这个文件不是本程序（目标责任书管理）的数据库或备份：{reason}；不能用来恢复：{}",
            path.display()
        )),
        other => other,
    })?;
    let mut contents = contents_of(&conn)?;
    contents.modified_at = std::fs::metadata(path)
        .and_then(|meta| meta.modified())
        .ok()
        .map(|at| chrono::DateTime::<Local>::from(at).naive_local());
    Ok(contents)
}

/// What a database holds, counted on its connection (no file time).
pub(super) fn contents_of(conn: &rusqlite::Connection) -> Result<BackupContents> {
    let count = |sql: &str| -> Result<i64> { Ok(conn.query_row(sql, [], |row| row.get(0))?) };
    let mut statement = conn.prepare("SELECT year FROM years ORDER BY year DESC")?;
    let years = statement
        .query_map([], |row| row.get(0))?
        .collect::<rusqlite::Result<Vec<i32>>>()?;
    Ok(BackupContents {
        schema_version: super::schema::version(conn)?,
        years,
        units: count("SELECT count(*) FROM units")?,
        agreements: count("SELECT count(*) FROM agreements")?,
        scores: count("SELECT count(*) FROM scores WHERE assessed_score IS NOT NULL")?,
        self_scores: count("SELECT count(*) FROM scores WHERE self_score IS NOT NULL")?,
        adjustments: count("SELECT count(*) FROM adjustments")?,
        vetoes: count("SELECT count(*) FROM vetoes")?,
        last_change: conn.query_row("SELECT max(at) FROM audit_log", [], |row| row.get(0))?,
        modified_at: None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_alternate_form_puts_the_last_change_on_a_line_of_its_own() {
        let contents = BackupContents {
            schema_version: 1,
            years: vec![2025, 2024],
            units: 45,
            agreements: 90,
            scores: 900,
            self_scores: 0,
            adjustments: 3,
            vetoes: 1,
            last_change: Some("2026-12-06 10:46:52".to_owned()),
            modified_at: None,
        };
        let tail = "加扣分 3 条、一票否决 1 个";
        assert!(
            contents
                .to_string()
                .ends_with(&format!("{tail}；最后修改：2026年12月6日 10:46")),
            "{contents}"
        );
        assert!(
            format!("{contents:#}").ends_with(&format!("{tail}\n最后修改：2026年12月6日 10:46")),
            "{contents:#}"
        );
    }
}
