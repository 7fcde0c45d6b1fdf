//! Reading the audit log for the 操作记录 viewer: filtered by date, unit, operator and action,
//! each entry with the unit it concerns resolved from its record.

use chrono::NaiveDate;
use rusqlite::params;

use super::{AuditEntry, Result, Store};

/// What the viewer asks for; `None` means no filter on that field.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    /// First day (inclusive).
    pub from: Option<NaiveDate>,
    /// Last day (inclusive).
    pub to: Option<NaiveDate>,
    /// The unit the entries concern.
    pub unit_id: Option<i64>,
    /// The operator.
    pub operator: Option<String>,
    /// The action, as written in the log (e.g. "修改评分"); "标记已签订" finds its catch-ups
    /// ("标记已签订（补录）") too.
    pub action: Option<String>,
}

/// One entry with the name of the unit it concerns, if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRow {
    /// The entry.
    pub entry: AuditEntry,
    /// The unit's name.
    pub unit: Option<String>,
    /// The record in a clerk's words, e.g. "2025 年度第 3 号责任书，指标：组织领导".
    pub record: Option<String>,
    /// The year of the agreement the entry concerns (its scores, vetoes, scans and adjustments
    /// too), if it concerns one.
    pub year: Option<i32>,
}

/// The unit an entry concerns, worked out from its record: units directly, agreements, vetoes
/// and scans by agreement id, scores by the agreement part of their "agreement:indicator" key,
/// adjustments by the agreement id in their JSON (inside `value` when a reason is kept beside it);
/// and, for the entries of an agreement, the agreement's year, so that the unit is named as
/// that year knew it. A draft deleted since (删除草稿) is known from the snapshot its deletion
/// entry keeps, whatever the entry about it holds (an export's file name, a template version).
pub(super) const RESOLVED: &str = "
WITH linked AS (
  SELECT a.*, CASE
    WHEN a.entity IN ('agreement', 'veto', 'scan') THEN CAST(a.entity_id AS INTEGER)
    WHEN a.entity = 'score' THEN
      CAST(substr(a.entity_id, 1, instr(a.entity_id, ':') - 1) AS INTEGER)
    WHEN a.entity = 'adjustment' THEN COALESCE(
      json_extract(a.after_json, '$.agreement_id'),
      json_extract(a.after_json, '$.value.agreement_id'),
      json_extract(a.before_json, '$.agreement_id'))
  END AS agreement_id
  FROM audit_log a
),
with_snapshot AS (
  SELECT l.*, g.unit_id AS agreement_unit, g.year AS agreement_year_now,
    -- Looked up only for an agreement no longer there (the CASE skips it for the others),
    -- through the (entity, entity_id) index: entries about existing agreements cost nothing.
    CASE WHEN g.id IS NULL AND l.agreement_id IS NOT NULL THEN (
      SELECT d.before_json FROM audit_log d
      WHERE d.entity = 'agreement' AND d.entity_id = CAST(l.agreement_id AS TEXT)
        AND d.action = '删除草稿'
    ) END AS snapshot
  FROM linked l LEFT JOIN agreements g ON g.id = l.agreement_id
),
resolved AS (
  SELECT s.*,
    CASE WHEN s.entity = 'unit' THEN CAST(s.entity_id AS INTEGER)
      ELSE COALESCE(s.agreement_unit, json_extract(s.snapshot, '$.unit_id')) END AS unit_id,
    COALESCE(s.agreement_year_now, json_extract(s.snapshot, '$.year')) AS agreement_year
  FROM with_snapshot s
)";

/// The unit's name as it was at the entry (the `resolved` row `r`, the register's unit `u` and
/// that year's version `v`): a unit's own entry names it as its snapshot has it; another entry
/// as its year knew it (a year rolled over keeps its units' names), else by the name the unit's
/// next change of the register gave up (renamed since, the entry keeps the old name), else as
/// the register has it now.
pub(super) const UNIT_NAME_THEN: &str = "
COALESCE(
  CASE WHEN r.entity = 'unit' THEN COALESCE(
    json_extract(r.after_json, '$.name'),
    json_extract(r.after_json, '$.value.name'),
    json_extract(r.before_json, '$.name')) END,
  v.name,
  (SELECT json_extract(later.before_json, '$.name') FROM audit_log later
   WHERE later.entity = 'unit' AND later.entity_id = CAST(r.unit_id AS TEXT) AND later.id > r.id
   ORDER BY later.id LIMIT 1),
  u.name)";

/// Whether the log's `action` records files written out (导出 PDF、打印文件、汇总表 …),
/// which change nothing in the database.
#[must_use]
pub fn is_export(action: &str) -> bool {
    action.starts_with("导出")
}

/// An operation and its record in words, the record's kind said once when the operation ends
/// with it: "新增单位“白塔镇”", not "新增单位 单位“白塔镇”", "恢复备份“demo.sqlite3”", not
/// "恢复备份 备份文件“demo.sqlite3”"; else the two with a space between.
#[must_use]
pub fn action_on(action: &str, record: &str) -> String {
    let kinds = [
        ("单位", "单位"),
        ("考核类别", "考核类别"),
        ("备份", "备份文件"),
    ];
    let named_once = kinds.into_iter().find_map(|(kind, prefix)| {
        let name = record.strip_prefix(prefix)?;
        (action.ends_with(kind) && name.starts_with('“')).then_some(name)
    });
    match named_once {
        Some(name) => format!("{action}{name}"),
        None => format!("{action} {record}"),
    }
}

/// The record of an entry (the `resolved` row `r`, or any `audit_log` row named `r`) described
/// in Chinese.
pub(super) const RECORD: &str = "
CASE r.entity
  WHEN 'agreement' THEN COALESCE(
    (SELECT year || ' 年度第 ' || number || ' 号责任书' FROM agreements
     WHERE id = CAST(r.entity_id AS INTEGER)),
    -- A draft deleted since: named from the snapshot its deletion entry keeps.
    (SELECT json_extract(d.before_json, '$.year') || ' 年度第 '
            || json_extract(d.before_json, '$.number') || ' 号责任书（草稿已删除）'
     FROM audit_log d
     WHERE d.entity = 'agreement' AND d.entity_id = r.entity_id AND d.action = '删除草稿'))
  WHEN 'scan' THEN (SELECT year || ' 年度第 ' || number || ' 号责任书的签订件扫描件' FROM agreements
                    WHERE id = CAST(r.entity_id AS INTEGER))
  WHEN 'veto' THEN (SELECT year || ' 年度第 ' || number || ' 号责任书的一票否决' FROM agreements
                    WHERE id = CAST(r.entity_id AS INTEGER))
  WHEN 'score' THEN COALESCE(
    (SELECT a.year || ' 年度第 ' || a.number || ' 号责任书，指标：' || i.name
     FROM agreements a, indicators i
     WHERE a.id = CAST(substr(r.entity_id, 1, instr(r.entity_id, ':') - 1) AS INTEGER)
       AND i.id = CAST(substr(r.entity_id, instr(r.entity_id, ':') + 1) AS INTEGER)),
    (SELECT json_extract(d.before_json, '$.year') || ' 年度第 '
            || json_extract(d.before_json, '$.number') || ' 号责任书（草稿已删除），指标：' || i.name
     FROM audit_log d, indicators i
     WHERE d.entity = 'agreement' AND d.action = '删除草稿'
       AND d.entity_id = substr(r.entity_id, 1, instr(r.entity_id, ':') - 1)
       AND i.id = CAST(substr(r.entity_id, instr(r.entity_id, ':') + 1) AS INTEGER)))
  WHEN 'adjustment' THEN '加扣分' || COALESCE('：' || (SELECT name FROM rule_items WHERE id = COALESCE(
                           json_extract(r.after_json, '$.item_id'),
                           json_extract(r.after_json, '$.value.item_id'),
                           json_extract(r.before_json, '$.item_id'))), '')
  WHEN 'year' THEN r.entity_id || ' 年度'
  WHEN 'template' THEN COALESCE(
    (SELECT t.year || ' 年度“' || c.name || '”模板第 ' || t.version || ' 版'
     FROM templates t JOIN categories c ON c.id = t.category_id
     WHERE t.id = CAST(r.entity_id AS INTEGER)),
    -- A template of a year deleted since: named from the snapshot the entry keeps.
    (SELECT json_extract(r.after_json, '$.year') || ' 年度“' || c.name || '”模板第 '
            || json_extract(r.after_json, '$.version') || ' 版（该年度已删除）'
     FROM categories c WHERE c.id = json_extract(r.after_json, '$.category_id')))
  WHEN 'indicator_set' THEN COALESCE(
    (SELECT s.year || ' 年度“' || c.name || '”考核指标'
     FROM indicator_sets s JOIN categories c ON c.id = s.category_id
     WHERE s.id = CAST(r.entity_id AS INTEGER)),
    (SELECT COALESCE(json_extract(r.after_json, '$.year'), json_extract(r.before_json, '$.year'))
            || ' 年度“' || c.name || '”考核指标（该年度已删除）'
     FROM categories c WHERE c.id = COALESCE(json_extract(r.after_json, '$.category_id'),
                                             json_extract(r.before_json, '$.category_id'))))
  -- Named as the entry knew it (a category renamed since keeps its old name in its older
  -- entries, as a unit does); the name it has now only for an entry without one.
  WHEN 'category' THEN '考核类别' || COALESCE('“' || COALESCE(
                        -- A move keeps 名称上移: the name is it without its last two characters.
                        CASE WHEN r.action = '调整考核类别顺序' THEN
                          substr(json_extract(r.after_json, '$'), 1,
                                 length(json_extract(r.after_json, '$')) - 2) END,
                        json_extract(r.after_json, '$'), json_extract(r.before_json, '$'),
                        (SELECT name FROM categories WHERE id = CAST(r.entity_id AS INTEGER)))
                        || '”', '')
  WHEN 'unit' THEN '单位' || COALESCE('“' || COALESCE(
                    json_extract(r.after_json, '$.name'), json_extract(r.after_json, '$.value.name'),
                    json_extract(r.before_json, '$.name'),
                    (SELECT name FROM units WHERE id = CAST(r.entity_id AS INTEGER))) || '”', '')
  WHEN 'backup' THEN '备份文件“' || r.entity_id || '”'
  WHEN 'unit_import' THEN '单位导入文件“' || r.entity_id || '”'
  WHEN 'unit_list' THEN '单位名单“' || r.entity_id || '”'
  WHEN 'database' THEN '整个数据库'
  WHEN 'setting' THEN CASE
    WHEN r.entity_id = 'operator' THEN '设置：操作员'
    WHEN r.entity_id LIKE 'operator:%/%' THEN '设置：操作员（计算机 '
      || substr(r.entity_id, 10, instr(r.entity_id, '/') - 10) || '，登录名 '
      || substr(r.entity_id, instr(r.entity_id, '/') + 1) || '）'
    WHEN r.entity_id LIKE 'operator:%' THEN '设置：操作员（' || substr(r.entity_id, 10) || '）'
    WHEN r.entity_id = 'initialized' THEN '本数据库'
    WHEN r.entity_id LIKE 'notice_wording.%' THEN '设置：' || substr(r.entity_id, 16) || ' 年度通报措辞'
    WHEN r.entity_id = 'notice_wording' THEN '设置：通报措辞'
    WHEN r.entity_id LIKE 'published_on.%' THEN '设置：' || substr(r.entity_id, 14) || ' 年度结果通报日期'
    WHEN r.entity_id LIKE 'notice_date.%' THEN '设置：' || substr(r.entity_id, 13) || ' 年度通报成文日期'
    -- An export named by its file (entries before files were named: by the time set).
    WHEN r.entity_id LIKE 'notice_exported_at.%' THEN COALESCE(
      substr(r.entity_id, 20) || ' 年度考核结果通报“' || json_extract(r.after_json, '$.file_name') || '”',
      '设置：' || substr(r.entity_id, 20) || ' 年度考核结果通报导出时间')
    WHEN r.entity_id LIKE 'summary_exported_at.%' THEN COALESCE(
      substr(r.entity_id, 21) || ' 年度得分汇总表“' || json_extract(r.after_json, '$.file_name') || '”',
      '设置：' || substr(r.entity_id, 21) || ' 年度得分汇总表导出时间')
    ELSE '设置：' || r.entity_id END
  ELSE r.entity || ' ' || r.entity_id
END";

/// Changes made to a year's results after they were published.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChangesSincePublished {
    /// How many changes to scores, bonuses, deductions and vetoes were made (a cell changed
    /// twice counts twice).
    pub count: usize,
    /// When the latest was.
    pub latest_at: Option<chrono::NaiveDateTime>,
}

/// A common table `name` of the entries of `resolved` that `filter` keeps, each with the value
/// its entity had before the first of them (`was`, read from an entry by `was_value`) and has
/// after the last (`now`, by `now_value`): a value changed and put back has `was IS now`, and
/// its entries are no change.
pub(super) fn net_changes(name: &str, filter: &str, was_value: &str, now_value: &str) -> String {
    format!(
        "{name} AS (
           SELECT id, at, entity,
             first_value({was_value}) OVER value_changes AS was,
             last_value({now_value}) OVER value_changes AS now
           FROM resolved
           WHERE {filter}
           WINDOW value_changes AS (PARTITION BY entity, entity_id ORDER BY id
             ROWS BETWEEN UNBOUNDED PRECEDING AND UNBOUNDED FOLLOWING)
         )"
    )
}

impl Store {
    /// The edits of a draft's text logged after `since` (a stored time): its clauses or
    /// control targets, its copies, its template version, or its template edited in place;
    /// how many and when the last was, `None` when there were none. (A change of the year's
    /// indicators or settings, or of the unit's name, also reads in its text and is not
    /// counted: this says that a draft changed, never that it did not.)
    pub fn draft_edits_since(
        &self,
        agreement: &crate::model::Agreement,
        since: &str,
    ) -> Result<Option<(usize, String)>> {
        let (count, latest): (i64, Option<String>) = self.conn.query_row(
            "SELECT count(*), max(at) FROM audit_log
             WHERE at > ?1
               AND ((entity = 'agreement' AND entity_id = ?2
                     AND action IN ('调整责任书条款', '修改份数', '改用新模板版本'))
                    OR (entity = 'template' AND entity_id = ?3 AND action = '修改模板'))",
            rusqlite::params![
                since,
                agreement.id.to_string(),
                agreement.draft.template_id.to_string()
            ],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(latest
            .filter(|_| count > 0)
            .map(|latest| (usize::try_from(count).unwrap_or(usize::MAX), latest)))
    }

    /// The changes to `year`'s scores, bonuses, deductions and vetoes since its notice was
    /// issued (the first notice exported after the results were last published, 已通报), or
    /// while none was, since they were published, if any: the notice issued no longer
    /// matches. Changes made before the notice was issued are in it. A value changed and then
    /// put back (a score 5 → 4.5 → 5, a bonus added and deleted again)
    /// is no change: its entries are left out, so that a clerk is not told to issue a
    /// correction of a notice that reads the same.
    pub fn changes_since_published(&self, year: i32) -> Result<Option<ChangesSincePublished>> {
        let sql = format!(
            "{RESOLVED},
             published AS (
               SELECT max(id) AS id FROM audit_log
               WHERE entity = 'year' AND entity_id = ?1
                 AND COALESCE(json_extract(after_json, '$.value.phase'),
                              json_extract(after_json, '$.phase')) = 'Published'
                 AND COALESCE(json_extract(before_json, '$.phase'), '') <> 'Published'
             ),
             since AS (
               SELECT COALESCE(
                 (SELECT min(id) FROM audit_log
                  WHERE entity = 'setting' AND entity_id = ?2 AND id > (SELECT id FROM published)),
                 (SELECT id FROM published)) AS id
             ),
             {changes}
             SELECT count(*), max(at) FROM changes WHERE was IS NOT now",
            // The published part of a value: a score's assessed score.
            changes = net_changes(
                "changes",
                "entity IN ('score', 'adjustment', 'veto') AND agreement_year = ?1
                 AND id > (SELECT id FROM since)
                 -- A published year's results change only with a reason: the entries that
                 -- give one (not the scores entered with the year, as the demo's).
                 AND json_extract(after_json, '$.reason') IS NOT NULL
                 -- What was published is the assessed scores: a note or a self score is not.
                 AND (entity <> 'score'
                      OR COALESCE(json_extract(after_json, '$.value.assessed_score'),
                                  json_extract(after_json, '$.assessed_score'))
                         IS NOT json_extract(before_json, '$.assessed_score'))",
                "CASE WHEN entity = 'score' THEN json_extract(before_json, '$.assessed_score')
                      ELSE json(before_json) END",
                "CASE WHEN entity = 'score' THEN json_extract(after_json, '$.value.assessed_score')
                      ELSE json_extract(after_json, '$.value') END",
            )
        );
        let (count, latest_at): (i64, Option<String>) = self.conn.query_row(
            &sql,
            params![year, super::ResultFile::Notice.exported_at_key(year)],
            |row| Ok((row.get(0)?, row.get(1)?)),
        )?;
        Ok(latest_at
            .filter(|_| count > 0)
            .map(|latest_at| ChangesSincePublished {
                count: usize::try_from(count).unwrap_or(usize::MAX),
                latest_at: chrono::NaiveDateTime::parse_from_str(
                    &latest_at,
                    crate::model::dates::STORED_TIME,
                )
                .ok(),
            }))
    }

    /// The newest `limit` entries matching `filter`, newest first.
    pub fn audit_search(&self, filter: &AuditFilter, limit: usize) -> Result<Vec<AuditRow>> {
        // Newest first by the time recorded; entries of one second in the order written. The
        // page is chosen first and only its rows are described: the sort would otherwise
        // describe every entry of the log.
        let sql = format!(
            "{RESOLVED},
             page AS (
               SELECT * FROM resolved r
               WHERE (?1 IS NULL OR r.at >= ?1) AND (?2 IS NULL OR r.at < ?2)
                 AND (?3 IS NULL OR r.unit_id = ?3) AND (?4 IS NULL OR r.operator = ?4)
                 AND (?5 IS NULL OR r.action = ?5 OR r.action = ?5 || '（补录）')
               ORDER BY r.at DESC, r.id DESC LIMIT ?6)
             SELECT r.at, r.operator, r.action, r.entity, r.entity_id, r.before_json, r.after_json,
                    CASE WHEN r.unit_id IS NULL THEN NULL ELSE {UNIT_NAME_THEN} END,
                    {RECORD}, r.agreement_year
             FROM page r LEFT JOIN units u ON u.id = r.unit_id
               LEFT JOIN unit_versions v ON v.unit_id = r.unit_id AND v.year = r.agreement_year
             ORDER BY r.at DESC, r.id DESC"
        );
        let day = |date: NaiveDate| date.format("%Y-%m-%d").to_string();
        let from = filter.from.map(day);
        let to = filter.to.and_then(|d| d.succ_opt()).map(day);
        let mut statement = self.conn.prepare(&sql)?;
        let rows = statement.query_map(
            params![
                from,
                to,
                filter.unit_id,
                filter.operator,
                filter.action,
                i64::try_from(limit).unwrap_or(i64::MAX)
            ],
            |row| {
                Ok(AuditRow {
                    entry: AuditEntry {
                        at: row.get(0)?,
                        operator: row.get(1)?,
                        action: row.get(2)?,
                        entity: row.get(3)?,
                        entity_id: row.get(4)?,
                        before_json: row.get(5)?,
                        after_json: row.get(6)?,
                    },
                    unit: row.get(7)?,
                    record: row.get(8)?,
                    year: row.get(9)?,
                })
            },
        )?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }

    /// The distinct operators and actions in the log, for the viewer's drop-downs: the most
    /// recently used first, as a clerk looks for what just happened.
    pub fn audit_choices(&self) -> Result<(Vec<String>, Vec<String>)> {
        let distinct = |column: &str| -> Result<Vec<String>> {
            let mut statement = self.conn.prepare(&format!(
                "SELECT {column} FROM audit_log GROUP BY {column} ORDER BY max(id) DESC, {column}"
            ))?;
            let rows = statement.query_map([], |row| row.get(0))?;
            Ok(rows.collect::<rusqlite::Result<_>>()?)
        };
        Ok((distinct("operator")?, distinct("action")?))
    }
}
