//! What restoring a backup would undo, and bring back: the audit logs of the current data
//! and of the backup compared from the end of the history they share.

use std::path::Path;

use rusqlite::{Connection, OptionalExtension as _};

use super::Result;

/// What restoring a backup would undo.
#[derive(Debug, Clone, PartialEq, Eq)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent facts about the two files, each worded on its own in the question"
)]
pub struct Undone {
    /// The backup is a file of another database (its log does not begin as this one's): the
    /// restore replaces everything here, not only what came after it.
    pub other_database: bool,
    /// The operations undone, oldest first, one line each in words.
    pub entries: Vec<String>,
    /// How many of them are records of exported files (导出 PDF, 导出 Excel …): the record goes,
    /// the files stay where they were written.
    pub exports: usize,
    /// How many exported agreement PDFs recorded here and not in the backup it holds the text
    /// of: their records are carried over (see `kept_exports`), so they are still verified.
    pub verifiable_exports: usize,
    /// How many exported agreement PDFs recorded here the backup does not hold the text of:
    /// once it is restored they cannot be verified.
    pub unverifiable_exports: usize,
    /// How many draft PDFs exported here the backup does not record: once it is restored
    /// `verify` no longer knows them (see `kept_exports::drafts_after_restoring`).
    pub unknown_drafts: usize,
    /// The operations the backup has that the current data has not (a backup taken before an
    /// earlier restore holds what that restore undid): they come back, oldest first.
    pub brought_back: Vec<String>,
    /// When the chosen file is the one the last restore here kept of the data it replaced
    /// (its "replaced" backup): when that restore was, in words. Restoring it undoes that
    /// restore, and `entries` are what was done after it, after the operations that restore
    /// brought in (`brought_in_by_restore` of them: a backup newer than the data it replaced
    /// holds work that file has not).
    pub undoes_restore_of: Option<String>,
    /// How many of `entries` (the first ones) the restore undone brought in with its backup.
    pub brought_in_by_restore: usize,
    /// True when the file `undoes_restore_of` names is the one a 清空数据 kept of the data it
    /// replaced (restoring it undoes that start over) rather than a restore's.
    pub undoes_start_over: bool,
    /// Nothing was done in the current data yet (a new computer, an empty file): the restore
    /// brings the backup's data whole, nothing comes "back" and nothing is lost.
    pub nothing_here: bool,
    /// The results notices issued here that the backup holds unissued (exported after it):
    /// the restore keeps them issued with their 成文日期, though it undoes their export's
    /// entries. In words: "2024 年度考核结果通报（成文日期 2025年3月20日）".
    pub kept_notices: Vec<String>,
    /// Everything done since is this very backup's restore (and what that restore kept): the
    /// data is the backup's already, and restoring it again loses nothing.
    pub is_restored_already: bool,
}

impl Undone {
    /// Said when the chosen file is another database's.
    pub const OTHER_DATABASE: &str = "注意：所选文件不是当前这份数据的备份（可能是另一个数据库的文件，或清空重来之前的数据）；恢复后当前的全部数据都将被它替换";

    /// What is said of the backup the last restore kept of the data it replaced (restoring it
    /// undoes that restore), or of a file of another database; None for another backup of
    /// this data.
    #[must_use]
    pub fn other_database_warning(&self) -> Option<String> {
        match &self.undoes_restore_of {
            Some(at) if self.undoes_start_over => Some(format!(
                "所选文件是 {at} 清空数据时自动保存的原有数据：恢复它即撤销那次清空，回到清空之前的数据"
            )),
            Some(at) => Some(format!(
                "所选文件是 {at} 恢复备份时自动保存的恢复前数据：恢复它即撤销那次恢复，回到那次恢复之前的数据"
            )),
            None => self.other_database.then(|| Self::OTHER_DATABASE.to_owned()),
        }
    }

    /// What is said when the restore undoes nothing: that the backup's data comes whole into
    /// an empty database, or that nothing was done since the backup (or the restore it undoes).
    #[must_use]
    pub fn nothing_undone(&self) -> &'static str {
        if self.nothing_here {
            "当前数据库中还没有数据，恢复后即为备份中的全部数据"
        } else if self.undoes_start_over {
            "那次清空之后没有新的操作，恢复不会丢失任何修改"
        } else if self.undoes_restore_of.is_some() {
            "那次恢复之后没有新的操作，恢复不会丢失任何修改"
        } else if self.is_restored_already {
            "当前数据就是上次从这份备份恢复的，之后没有新的操作；再次恢复不会丢失任何修改"
        } else {
            "备份之后没有新的操作，恢复不会丢失任何修改"
        }
    }

    /// How many operations go, the latest named: "备份之后的 3 项操作将被撤销（最近一项：…）";
    /// None when none do.
    #[must_use]
    pub fn summary(&self) -> Option<String> {
        self.said("将被撤销")
    }

    /// "备份中另有 2 项当前数据没有的操作，恢复后将重新生效（最近一项：…）"; None when the
    /// backup has none (it was taken on the way to the current data).
    #[must_use]
    pub fn brought_back_summary(&self) -> Option<String> {
        let latest = self.brought_back.last()?;
        Some(format!(
            "备份中另有 {} 项当前数据没有的操作（例如此前某次恢复所撤销的），恢复后将重新生效（最近一项：{latest}）",
            self.brought_back.len()
        ))
    }

    /// As [`Self::brought_back_summary`], once the restore is done: "备份中另有 2 项恢复前
    /// 数据没有的操作，已重新生效（最近一项：…）".
    #[must_use]
    pub fn brought_back_done(&self) -> Option<String> {
        let latest = self.brought_back.last()?;
        Some(format!(
            "备份中另有 {} 项恢复前数据没有的操作，已重新生效（最近一项：{latest}）",
            self.brought_back.len()
        ))
    }

    /// As [`Self::summary`], once the restore is done: "备份之后的 3 项操作已撤销（…）".
    #[must_use]
    pub fn done_summary(&self) -> Option<String> {
        self.said("已撤销")
    }

    fn said(&self, verb: &str) -> Option<String> {
        if self.is_restored_already {
            return None;
        }
        let latest = self.entries.last()?;
        let count = self.entries.len();
        let said = if self.undoes_start_over {
            format!("那次清空之后的 {count} 项操作{verb}（最近一项：{latest}）")
        } else if self.undoes_restore_of.is_some() {
            match (
                self.brought_in_by_restore,
                count - self.brought_in_by_restore,
            ) {
                (0, _) => format!("那次恢复之后的 {count} 项操作{verb}（最近一项：{latest}）"),
                (brought, 0) => {
                    format!("那次恢复所带回的 {brought} 项操作{verb}（最近一项：{latest}）")
                }
                (brought, after) => format!(
                    "那次恢复所带回的 {brought} 项操作及其后的 {after} 项操作{verb}（最近一项：{latest}）"
                ),
            }
        } else if self.other_database {
            format!("当前数据库的全部 {count} 项操作都{verb}（最近一项：{latest}）")
        } else {
            format!("备份之后的 {count} 项操作{verb}（最近一项：{latest}）")
        };
        let said = if self.kept_notices.is_empty() {
            said
        } else {
            format!(
                "{said}；已印发的通报不随之撤销：{}仍为已印发",
                self.kept_notices.join("、")
            )
        };
        let which = match self.exports {
            0 => return Some(said),
            exports if exports == count => "这些都是导出文件的记录".to_owned(),
            exports => format!("其中 {exports} 项是导出文件的记录"),
        };
        let issued = if self.unknown_drafts == 0 {
            "导出的责任书 PDF"
        } else {
            "导出的定稿责任书 PDF"
        };
        let said = match (self.verifiable_exports, self.unverifiable_exports) {
            (0, 0) => format!("{said}；{which}，导出的文件仍在原处，不受影响"),
            (_, 0) => {
                format!("{said}；{which}，导出的文件仍在原处，不受影响（{issued} 恢复后仍可核验）")
            }
            (_, lost) => format!(
                "{said}；{which}，导出的文件仍在原处，但其中 {lost} 份责任书 PDF 所依据的定稿文本不在备份中，恢复后不能再核验"
            ),
        };
        Some(match self.unknown_drafts {
            0 => said,
            drafts => format!(
                "{said}；另有 {drafts} 份现为草稿的责任书 PDF 的导出记录不能保留，恢复后核验它们时将认不出或判为不一致（草稿不供签字，需要时重新导出）"
            ),
        })
    }
}

/// The most of an undone restore's own undone operations named in its line.
const NESTED_NAMED: usize = 20;

/// What a restore's record (`after`) says it undid, as said after its line in the list of a
/// later restore that undoes it: "（那次恢复撤销了 3 项操作：…；…）". Nothing for another entry.
fn restore_undid(after: &serde_json::Value) -> String {
    let Some(undid) = after.get("undone").and_then(serde_json::Value::as_array) else {
        return String::new();
    };
    let lines: Vec<&str> = undid.iter().filter_map(serde_json::Value::as_str).collect();
    if lines.is_empty() {
        return String::new();
    }
    let named = lines
        .iter()
        .take(NESTED_NAMED)
        .copied()
        .collect::<Vec<_>>()
        .join("；");
    let more = if lines.len() > NESTED_NAMED {
        "等"
    } else {
        ""
    };
    format!("（那次恢复撤销了 {} 项操作：{named}{more}）", lines.len())
}

/// An entry of an audit log: its id, time, operator and action.
type LogEntry = (i64, String, String, String);

/// The entry of `conn`'s log that `order` ("ASC" or "DESC") puts first; None for an empty log.
fn log_end(conn: &Connection, order: &str) -> Result<Option<LogEntry>> {
    let entry = conn.query_row(
        &format!("SELECT id, at, operator, action FROM audit_log ORDER BY id {order} LIMIT 1"),
        [],
        |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
    );
    match entry {
        Ok(entry) => Ok(Some(entry)),
        Err(rusqlite::Error::QueryReturnedNoRows) => Ok(None),
        Err(other) => Err(other.into()),
    }
}

/// The id of the last entry two logs of one database share (same id, time, operator, action
/// and record), 0 when they share none. A log is only ever appended to, so two copies agree
/// up to where their histories parted and differ after it: found by halving.
fn shared_through(current: &Connection, copy: &Connection) -> Result<i64> {
    type Fields = (String, String, String, String, String);
    let entry = |conn: &Connection, id: i64| -> Result<Option<Fields>> {
        Ok(conn
            .query_row(
                "SELECT at, operator, action, entity, entity_id FROM audit_log WHERE id = ?1",
                [id],
                |row| Fields::try_from(row),
            )
            .optional()?)
    };
    let last_id = |conn: &Connection| -> Result<i64> {
        Ok(
            conn.query_row("SELECT COALESCE(max(id), 0) FROM audit_log", [], |row| {
                row.get(0)
            })?,
        )
    };
    let (mut shared, mut differs) = (0, last_id(copy)?.min(last_id(current)?) + 1);
    while differs - shared > 1 {
        let middle = shared + (differs - shared) / 2;
        if entry(current, middle)? == entry(copy, middle)? {
            shared = middle;
        } else {
            differs = middle;
        }
    }
    Ok(shared)
}

/// What a score's log entry changed, from its `before` and `after` records (a score's own, or
/// wrapped as `value` with a reason): "：自评分 4，考核组评分 5 → 6"; empty when neither
/// score changed (a note alone).
fn score_change(before: Option<&str>, after: Option<&str>) -> String {
    let read = |text: Option<&str>| -> Option<serde_json::Value> {
        let value: serde_json::Value = serde_json::from_str(text?).ok()?;
        Some(value.get("value").cloned().unwrap_or(value))
    };
    let (before, after) = (read(before), read(after));
    let points = |record: Option<&serde_json::Value>, key: &str| {
        (record.and_then(|r| r.get(key)?.as_i64())).map(|p| crate::model::Points(p).to_string())
    };
    let changes: Vec<String> = [("self_score", "自评分"), ("assessed_score", "考核组评分")]
        .into_iter()
        .filter_map(|(key, caption)| {
            let (was, now) = (points(before.as_ref(), key), points(after.as_ref(), key));
            match (was, now) {
                (was, now) if was == now => None,
                (None, Some(now)) => Some(format!("{caption} {now}")),
                (Some(was), Some(now)) => Some(format!("{caption} {was} → {now}")),
                (Some(was), None) => Some(format!("{caption} {was} → （空）")),
                (None, None) => None,
            }
        })
        .collect();
    if changes.is_empty() {
        String::new()
    } else {
        format!("：{}", changes.join("，"))
    }
}

/// The operations in the current log that the backup does not have, oldest first, one line
/// each with its record in words ("2025-03-05 14:03:22 柏闻溪 退回草稿 2025 年度第 12 号责任书
/// （理由：……）"): the restore takes the data back to the backup, and its log entry keeps what
/// was undone, named while the records are still there to name.
///
/// A backup whose log does not begin with this database's first entry is a file of another
/// database (or of this one before it was started afresh): everything here is undone.
pub(super) fn undone_entries(current: &Connection, backup: &Path) -> Result<Undone> {
    // Only read, and not changed while read: nothing is made beside the chosen file.
    let copy = super::place::open_immutable(backup)?;
    let identity = super::read::database_id;
    let first_here = log_end(current, "ASC")?;
    let other_database = match (identity(&copy)?, identity(current)?) {
        // Nothing done here yet (a new computer): nothing to lose, whichever file it is.
        _ if first_here.is_none() => false,
        (Some(backup), Some(current)) => backup != current,
        // A backup from before databases had an identity: told by the first entry of its log.
        _ => log_end(&copy, "ASC")? != first_here,
    };
    // The same history up to the backup: what came after its last entry. A history that parted
    // from it (an older backup restored on one side, more work on the other): what came after
    // the last entry both still share, however late the backup's own entries are.
    let undone_restore = restore_that_kept(current, backup)?;
    let shared = if other_database {
        0
    } else {
        shared_through(current, &copy)?
    };
    // Undoing that restore loses only what was done after it, and what it brought in: the
    // operations of this data's history since the history it shares with the file, but that
    // restore's own entry (what undoing it does, said on its own). A restore of another
    // database's file, or a start over, brought in another history: only what came after.
    let restore_id = undone_restore.as_ref().map_or(0, |(id, _, _)| *id);
    let id = match &undone_restore {
        Some((_, _, false)) if !other_database => shared.min(restore_id),
        Some((restore, _, _)) => *restore,
        None => shared,
    };
    // The operator named for this login is kept through a restore (see `record_restored`):
    // naming it is not undone.
    let operator_key = super::operator::setting_key();
    let condition = "r.id > ?1 AND NOT (r.entity = 'setting' AND r.entity_id = ?2)";
    let (resolved, record) = (super::audit::RESOLVED, super::audit::RECORD);
    let unit = super::audit::UNIT_NAME_THEN;
    // An agreement's entries name its unit too: a number alone says little to the clerk.
    let mut statement = current.prepare(&format!(
        "{resolved}
         SELECT r.at, r.operator, r.action, {record}, r.after_json,
                CASE WHEN r.unit_id IS NULL OR r.entity = 'unit' THEN NULL ELSE {unit} END,
                r.entity, r.before_json, r.id
         FROM resolved r LEFT JOIN units u ON u.id = r.unit_id
           LEFT JOIN unit_versions v ON v.unit_id = r.unit_id AND v.year = r.agreement_year
         WHERE {condition} AND r.id <> ?3 ORDER BY r.id"
    ))?;
    let mut exports = 0;
    let mut brought_in_by_restore = 0;
    let rows = statement.query_map(rusqlite::params![id, operator_key, restore_id], |row| {
        let after: Option<String> = row.get(4)?;
        // A score's entries differ by what was scored and to what: said, or two lines of one
        // indicator read the same.
        let scored = if row.get::<_, String>(6)? == "score" {
            score_change(
                row.get::<_, Option<String>>(7)?.as_deref(),
                after.as_deref(),
            )
        } else {
            String::new()
        };
        let after = after.and_then(|text| serde_json::from_str::<serde_json::Value>(&text).ok());
        let reason = (after.as_ref())
            .and_then(|value| {
                ["reason", "revert_reason"]
                    .iter()
                    .find_map(|key| value.get(key)?.as_str().map(str::to_owned))
            })
            .filter(|reason| !reason.is_empty())
            .map(|reason| format!("（理由：{reason}）"))
            .unwrap_or_default();
        // A restore undone takes what it undid along: its entry goes with the log it was
        // written in, and the new restore's record keeps the list instead.
        let nested = after.as_ref().map_or_else(String::new, restore_undid);
        let unit = (row.get::<_, Option<String>>(5)?)
            .filter(|name| !name.is_empty())
            .map(|name| format!("（{name}）"))
            .unwrap_or_default();
        let operation = row.get::<_, String>(2)?;
        if row.get::<_, i64>(8)? < restore_id {
            brought_in_by_restore += 1;
        }
        if super::audit::is_export(&operation) {
            exports += 1;
        }
        let action = super::audit::action_on(
            &operation,
            &row.get::<_, Option<String>>(3)?.unwrap_or_default(),
        );
        Ok(format!(
            "{} {} {action}{unit}{scored}{reason}{nested}",
            crate::model::dates::show_stored_time_with_seconds(&row.get::<_, String>(0)?),
            row.get::<_, String>(1)?,
        ))
    })?;
    let entries: Vec<String> = rows.collect::<rusqlite::Result<_>>()?;
    // The entries a restore of this file writes: its own (named by the file's full path, as
    // `record_restore` writes it) and the notices it keeps issued.
    let chosen = std::path::absolute(backup).unwrap_or_else(|_| backup.to_owned());
    let others: i64 = current.query_row(
        &format!(
            "SELECT count(*) FROM audit_log r WHERE {condition}
               AND NOT (r.action = '恢复备份'
                        AND json_extract(r.after_json, '$.backup') IS ?3)
               AND r.action <> ?4"
        ),
        rusqlite::params![
            id,
            operator_key,
            chosen.display().to_string(),
            super::kept_notices::KEPT_ACTION
        ],
        |row| row.get(0),
    )?;
    let is_restored_already =
        !entries.is_empty() && others == 0 && !other_database && undone_restore.is_none();
    // The backup's own later history: named plainly, from its log alone.
    let brought_back = if other_database || first_here.is_none() {
        Vec::new()
    } else {
        let mut statement = copy.prepare(
            "SELECT at, operator, action FROM audit_log r WHERE r.id > ?1
               AND NOT (r.entity = 'setting' AND r.entity_id = ?2) ORDER BY r.id",
        )?;
        let rows = statement.query_map(rusqlite::params![shared, operator_key], |row| {
            Ok(format!(
                "{} {} {}",
                crate::model::dates::show_stored_time_with_seconds(&row.get::<_, String>(0)?),
                row.get::<_, String>(1)?,
                row.get::<_, String>(2)?,
            ))
        })?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    // As `restore_with` keeps them: not into another database's data.
    let kept_notices = if other_database {
        Vec::new()
    } else {
        super::kept_notices::kept_through(&super::kept_notices::issued_notices(current)?, &copy)?
    };
    let facts = super::kept_exports::export_facts(current)?;
    let (verifiable_exports, unverifiable_exports) =
        super::kept_exports::after_restoring(&facts, &copy)?;
    let unknown_drafts = super::kept_exports::drafts_after_restoring(current, &copy)?;
    Ok(Undone {
        other_database,
        entries,
        exports,
        verifiable_exports,
        unverifiable_exports,
        unknown_drafts,
        brought_back,
        undoes_start_over: undone_restore.as_ref().is_some_and(|(_, _, start)| *start),
        undoes_restore_of: undone_restore.map(|(_, at, _)| at),
        brought_in_by_restore,
        kept_notices,
        is_restored_already,
        // No log, and no data a log-less older file could hold either.
        nothing_here: first_here.is_none()
            && current.query_row(
                "SELECT NOT EXISTS (SELECT 1 FROM years) AND NOT EXISTS (SELECT 1 FROM units)",
                [],
                |row| row.get::<_, bool>(0),
            )?,
    })
}

/// The last restore (or 清空数据) of `current`'s log, when it kept the data it replaced in
/// the file `backup`: its entry's id, its time in words, and whether it was a 清空数据.
fn restore_that_kept(current: &Connection, backup: &Path) -> Result<Option<(i64, String, bool)>> {
    let last: Option<(i64, String, Option<String>, String)> = current
        .query_row(
            "SELECT id, at, after_json, action FROM audit_log
             WHERE action IN ('恢复备份', '清空数据重新开始')
             ORDER BY id DESC LIMIT 1",
            [],
            |row| Ok((row.get(0)?, row.get(1)?, row.get(2)?, row.get(3)?)),
        )
        .optional()?;
    let Some((id, at, Some(after), action)) = last else {
        return Ok(None);
    };
    let replaced = serde_json::from_str::<serde_json::Value>(&after)
        .ok()
        .and_then(|value| {
            value
                .get("replaced")?
                .as_str()
                .map(std::path::PathBuf::from)
        });
    let chosen = std::path::absolute(backup).unwrap_or_else(|_| backup.to_owned());
    Ok((replaced.as_deref() == Some(chosen.as_path())).then(|| {
        let at = crate::model::dates::show_stored_time_with_seconds(&at);
        (id, at, action == "清空数据重新开始")
    }))
}
