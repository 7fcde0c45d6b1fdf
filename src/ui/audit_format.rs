//! The audit log as a clerk reads it: what each change did, field by field (before → after),
//! with Chinese field names, points as points (not hundredths), statuses, kinds and phases in
//! Chinese, categories by name, and lists (grade bands, indicators, sections) summarised. The
//! record ids the snapshots carry are left out: the entry's record line names the record.

use std::collections::HashMap;

use serde_json::Value;

use crate::model::Points;

/// One field that a change touched.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    /// The field name ("" for a whole value).
    pub field: String,
    /// The value before ("" when absent).
    pub before: String,
    /// The value after ("" when absent).
    pub after: String,
}

/// Names of the records the snapshots point at by id.
#[derive(Debug, Default)]
pub struct Names {
    /// Category names by id.
    pub categories: HashMap<i64, String>,
    /// Unit names by id.
    pub units: HashMap<i64, String>,
}

/// Fields that hold a record's own id or point at another record the entry already names.
const HIDDEN: [&str; 6] = [
    "id",
    "agreement_id",
    "indicator_id",
    "template_id",
    "unit_id",
    "item_id",
];

/// Fields that hold points in hundredths.
const POINTS: [&str; 6] = [
    "self_score",
    "assessed_score",
    "points",
    "full_score",
    "bonus_cap",
    "min_total",
];

/// Fields listed first, in the order the forms show them.
const FIELD_ORDER: [&str; 16] = [
    "name",
    "short_name",
    "kind",
    "category_id",
    "principal_title",
    "principal_name",
    "contact_name",
    "contact_phone",
    "sort_order",
    "is_active",
    "status",
    "self_score",
    "assessed_score",
    "note",
    "self_note",
    "matter",
];

/// Chinese names for the fields the log's JSON snapshots use; others show as written.
fn field_label(key: &str) -> &str {
    match key {
        "name" => "名称",
        "short_name" => "简称",
        "kind" => "类型",
        "category_id" => "考核类别",
        "principal_title" => "负责人职务",
        "principal_name" => "负责人",
        "contact_name" => "联系人",
        "contact_phone" => "联系电话",
        "sort_order" => "排序号",
        "is_active" => "在用",
        "status" => "状态",
        "self_score" => "自评分",
        "assessed_score" => "考核组评分",
        "note" => "评分说明",
        "self_note" => "自评说明",
        "matter" => "事项",
        "reason" => "理由",
        "condition" => "否决条件",
        "points" => "分值",
        "year" => "年度",
        "number" => "序号",
        "copies" => "份数",
        "signed_on" | "signing_date" => "签订日期",
        "finalized_on" => "定稿日期",
        "printed_on" => "打印日期",
        "tailoring" => "单独调整",
        "copies_returned" => "签回份数",
        "party_a_signatory" => "甲方签字人",
        "party_b_signatory" => "乙方签字人",
        "content_hash" => "校验码",
        "revert_reason" => "退回理由",
        "party_a_name" => "甲方",
        "party_a_signatory_title" => "甲方签字人职务",
        "party_a_signatory_name" => "甲方签字人姓名",
        "planned_signing_date" => "计划签订日期",
        "full_score" => "满分",
        "grade_bands" => "等次分数线",
        "phase" => "年度阶段",
        "bonus_cap" => "加分上限",
        "is_final" => "已定稿",
        "indicators" => "考核指标",
        "items" => "加分、扣分与否决项目",
        "title_pattern" | "title" => "标题",
        "preamble" | "opening" => "开头",
        "sections" => "章节",
        "version" => "版本",
        "templates" => "模板版本数",
        "rolled_from" => "结转自",
        "indicator_sets" => "考核指标套数",
        "previous_year_units" => "上一年度的单位信息",
        "backup" => "所用备份",
        "file_name" => "文件名",
        // A notice kept as issued through a restore (`date` in the entries of before).
        "notice_date" | "date" => "成文日期",
        "exported_at" => "导出时间",
        "contents" => "内容",
        "filled_by" => "填表",
        "added" => "新增单位数",
        "units" => "单位数",
        "changed" => "修改单位数",
        "skipped" => "跳过的被拒绝行数",
        "sha256" => "文件校验值",
        "files" => "扫描文件",
        "addressee" => "主送",
        "results_heading" => "结果部分标题",
        "reward_heading" => "奖惩部分标题",
        "reward" => "奖惩措施",
        "closing" => "结尾",
        "repeated_failure" => "连续两年不合格的写法",
        "attachment" => "附件说明",
        "copy_to" => "抄送",
        "annotation" => "附注",
        "printing_office" => "印发机关",
        "issuer_mark" => "发文机关标志",
        "document_number" => "发文字号",
        "replaced" => "原数据保存为",
        "undone" => "恢复时撤销的操作",
        "undoes" => "撤销的是",
        "other_database" => {
            "所用文件不是本数据库的备份：当前数据连同其全部操作记录被替换，操作记录条数"
        }
        "exports_kept" => "保留的导出记录（恢复后仍可核验的责任书 PDF 份数）",
        other => other,
    }
}

/// A code the snapshots write (an enum's name, or the database's lower-case code) in Chinese.
fn code_label(key: &str, code: &str) -> Option<&'static str> {
    Some(match (key, code.to_ascii_lowercase().as_str()) {
        ("status", "draft") => "草稿",
        ("status", "final") => "已定稿",
        ("status", "printed") => "已打印",
        ("status", "signed") => "已签订",
        ("status", "archived") => "已归档",
        ("kind", "subdistrict") => "街道",
        ("kind", "town") => "镇",
        ("kind", "township") => "乡",
        ("kind", "zone") => "开发区",
        ("kind", "department") => "部门",
        ("kind", "enterprise") => "企业",
        ("kind", "bonus") => "加分",
        ("kind", "deduction") => "扣分",
        ("kind", "veto") => "一票否决",
        ("phase", "preparing") => "筹备",
        ("phase", "signing") => "签订",
        ("phase", "assessing") => "考核",
        ("phase", "published") => "已通报",
        _ => return None,
    })
}

/// Points written in hundredths, as the app shows them.
fn points_text(value: &Value) -> Option<String> {
    value
        .as_i64()
        .map(|hundredths| Points(hundredths).to_string())
}

/// The names in a list of objects, e.g. "组织领导 6、…", for lists too long to show whole.
fn list_summary(key: &str, items: &[Value]) -> String {
    let text = |item: &Value, field: &str| {
        item.get(field)
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let parts: Vec<String> = items
        .iter()
        .map(|item| match key {
            "grade_bands" => format!(
                "{} ≥{}",
                text(item, "name"),
                item.get("min_total")
                    .and_then(points_text)
                    .unwrap_or_default()
            ),
            "indicators" | "items" => format!(
                "{} {}{}",
                text(item, "name"),
                item.get("points").and_then(points_text).unwrap_or_default(),
                // A rule's own limit, so that changing only it shows in the entry.
                item.get("cap")
                    .and_then(points_text)
                    .map(|cap| format!("（累计最多 {cap}）"))
                    .unwrap_or_default()
            ),
            "sections" => text(item, "heading"),
            "files" => {
                let sha256 = text(item, "sha256");
                format!(
                    "{}（校验值 {}…）",
                    text(item, "file_name"),
                    sha256.get(..12).unwrap_or(&sha256)
                )
            }
            // Named records (the units a withdrawn notice named): by their names, never as
            // JSON.
            _ if item.get("name").is_some_and(Value::is_string) => text(item, "name"),
            _ => item.to_string(),
        })
        .collect();
    format!("共 {} 项：{}", items.len(), parts.join("、"))
}

/// A value as a clerk reads it.
fn plain(key: &str, value: Option<&Value>, names: &Names) -> String {
    let Some(value) = value else {
        return String::new();
    };
    match value {
        Value::Null => String::new(),
        Value::Bool(true) => "是".to_owned(),
        Value::Bool(false) => "否".to_owned(),
        // Dates as the rest of the window shows them: 2025年3月15日. Only date fields (and a
        // setting's own value, such as a notice's date): a telephone number may look like one.
        Value::String(text)
            if (key.is_empty()
                || key == "date"
                || key.ends_with("_on")
                || key.ends_with("_date"))
                && let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") =>
        {
            crate::model::dates::show_date(date)
        }
        // A setting holding a time (when a summary was exported), or a time field, reads like
        // the log's times.
        Value::String(text)
            if (key.is_empty() || key.ends_with("_at"))
                && let Ok(at) = chrono::NaiveDateTime::parse_from_str(
                    text,
                    crate::model::dates::STORED_TIME,
                ) =>
        {
            crate::model::dates::show_date_time_with_seconds(at)
        }
        // An agreement's hash as its papers print it: the 12-digit code, grouped.
        Value::String(hash) if key == "content_hash" => crate::model::agreement_code::grouped_code(
            crate::model::agreement_code::verification_code(hash),
        ),
        Value::String(code) => code_label(key, code).map_or_else(|| code.clone(), str::to_owned),
        Value::Number(_) if POINTS.contains(&key) => points_text(value).unwrap_or_default(),
        Value::Number(number) if key == "category_id" => number
            .as_i64()
            .and_then(|id| names.categories.get(&id).cloned())
            .unwrap_or_else(|| number.to_string()),
        // The operations a restore undid, one a line, their records in words.
        Value::Array(items) if key == "undone" => items
            .iter()
            .map(|item| match item {
                Value::String(line) => super::audit_undone::undone_line(line, names),
                other => other.to_string(),
            })
            .collect::<Vec<_>>()
            .join("\n"),
        Value::Array(items) if items.iter().all(Value::is_object) && !items.is_empty() => {
            list_summary(key, items)
        }
        Value::Array(items) => items
            .iter()
            .map(|item| plain(key, Some(item), names))
            .collect::<Vec<_>>()
            .join("，"),
        Value::Object(map) if key == "tailoring" => tailoring_text(map),
        other => other.to_string(),
    }
}

/// A unit's tailoring in words, every target and clause change with its text:
/// "控制指标：死亡人数 2人以内；条款调整：改写“…”为“…”；删去“…”；新增“…”".
fn tailoring_text(map: &serde_json::Map<String, Value>) -> String {
    let list = |field: &str| map.get(field).and_then(Value::as_array).cloned();
    let text = |item: &Value, field: &str| {
        (item.get(field).and_then(Value::as_str))
            .unwrap_or_default()
            .trim()
            .to_owned()
    };
    let targets: Vec<String> = (list("control_targets").unwrap_or_default().iter())
        .map(|t| format!("{} {}", text(t, "name"), text(t, "limit")))
        .collect();
    let changes: Vec<String> = (list("clause_changes").unwrap_or_default().iter())
        .filter_map(|change| {
            let (kind, body) = change.as_object()?.iter().next()?;
            Some(match kind.as_str() {
                "Add" => format!("新增“{}”", text(body, "text")),
                "Replace" => format!("改写“{}”为“{}”", text(body, "original"), text(body, "text")),
                "Drop" => format!("删去“{}”", text(body, "original")),
                _ => body.to_string(),
            })
        })
        .collect();
    let or_none = |parts: Vec<String>| {
        if parts.is_empty() {
            "无".to_owned()
        } else {
            parts.join("；")
        }
    };
    format!(
        "控制指标：{}；条款调整：{}",
        or_none(targets),
        or_none(changes)
    )
}

/// The field under which a change's reason is listed (after the change only).
pub const REASON_FIELD: &str = "修改理由";

/// What differs between two JSON snapshots: field by field for objects, else the whole value.
#[must_use]
pub fn changes(before: Option<&str>, after: Option<&str>, names: &Names) -> Vec<FieldChange> {
    // A setting holding JSON of its own (the notice wording) is compared field by field too.
    let parse = |text: Option<&str>| {
        let value: Option<Value> = text.and_then(|t| serde_json::from_str(t).ok());
        match value {
            Some(Value::String(inner)) => match serde_json::from_str::<Value>(&inner) {
                Ok(object @ Value::Object(_)) => Some(object),
                _ => Some(Value::String(inner)),
            },
            other => other,
        }
    };
    let (after, change_reason) = unwrap_reasoned(parse(after));
    let before = named_score(parse(before), after.as_ref());
    let (after, change_reason) = match change_reason {
        Some(reason) => (after, Some(reason)),
        None => reason_beside_record(before.as_ref(), after),
    };
    let mut found = record_changes(before, after, names);
    if let Some(reason) = change_reason {
        found.push(FieldChange {
            field: REASON_FIELD.to_owned(),
            before: String::new(),
            after: reason,
        });
    }
    found
}

/// Splits a scoring write's `{"value": …, "reason": …}` into the value and the reason for
/// changing a published result, so the value compares field by field with the old record.
fn unwrap_reasoned(after: Option<Value>) -> (Option<Value>, Option<String>) {
    match after {
        Some(Value::Object(mut map))
            if map.len() == 2 && map.contains_key("value") && map.contains_key("reason") =>
        {
            let reason = match map.remove("reason") {
                Some(Value::String(reason)) => Some(reason),
                _ => None,
            };
            // A record taken away (a veto lifted, an adjustment deleted) has nothing after
            // it; older entries said so in a word.
            let value = map.remove("value").filter(|value| {
                !matches!(value, Value::Null) && value != "cleared" && value != "deleted"
            });
            (value, reason)
        }
        other => (other, None),
    }
}

/// A record written with the reason for changing it beside its fields (修改签订信息): the
/// reason is the change's, not a field the record had before, so it is listed as one.
fn reason_beside_record(
    before: Option<&Value>,
    after: Option<Value>,
) -> (Option<Value>, Option<String>) {
    match (before, after) {
        (Some(Value::Object(before)), Some(Value::Object(mut after)))
            if !before.is_empty() && !before.contains_key("reason") =>
        {
            let reason = match after.remove("reason") {
                Some(Value::String(reason)) => Some(reason),
                Some(other) => {
                    after.insert("reason".to_owned(), other);
                    None
                }
                None => None,
            };
            (Some(Value::Object(after)), reason)
        }
        (_, after) => (after, None),
    }
}

/// Score entries written by older versions (workbench changes, and every self-assessment
/// import before this one) hold the old value as a list
/// `[self_score, assessed_score, note, self_note]`: named here like the new value.
fn named_score(before: Option<Value>, after: Option<&Value>) -> Option<Value> {
    const FIELDS: [&str; 4] = ["self_score", "assessed_score", "note", "self_note"];
    match (before, after) {
        (Some(Value::Array(items)), Some(Value::Object(after)))
            if items.len() == FIELDS.len() && after.contains_key("assessed_score") =>
        {
            let mut named: serde_json::Map<String, Value> = FIELDS
                .iter()
                .map(|field| (*field).to_owned())
                .zip(items)
                .collect();
            for key in ["agreement_id", "indicator_id"] {
                if let Some(value) = after.get(key) {
                    named.insert(key.to_owned(), value.clone());
                }
            }
            Some(Value::Object(named))
        }
        (before, _) => before,
    }
}

/// What differs between two parsed snapshots.
fn record_changes(before: Option<Value>, after: Option<Value>, names: &Names) -> Vec<FieldChange> {
    // A record created or deleted compares with an empty one, so its fields are listed too.
    let empty = Value::Object(serde_json::Map::new());
    let (before, after) = match (before, after) {
        (None, Some(after @ Value::Object(_))) => (Some(empty), Some(after)),
        (Some(before @ Value::Object(_)), None) => (Some(before), Some(empty)),
        other => other,
    };
    match (&before, &after) {
        (Some(Value::Object(b)), Some(Value::Object(a))) => {
            // Snapshots are whole records, except a change that writes only what it changes
            // (退回草稿: the status and the reason): then only those fields are compared.
            let is_partial = !a.is_empty() && !b.is_empty() && a.len() < b.len();
            let mut keys: Vec<&String> = if is_partial {
                a.keys().collect()
            } else {
                b.keys().chain(a.keys()).collect()
            };
            // In the order the forms show them (名称 first), the rest alphabetically.
            keys.sort_by_key(|key| {
                let place = FIELD_ORDER.iter().position(|k| k == key);
                (place.unwrap_or(FIELD_ORDER.len()), *key)
            });
            keys.dedup();
            keys.into_iter()
                .filter(|key| !HIDDEN.contains(&key.as_str()))
                .filter(|key| b.get(*key) != a.get(*key))
                .flat_map(|key| match (key.as_str(), b.get(key), a.get(key)) {
                    // A template's sections compared clause by clause: the one edited shows,
                    // not the list of headings.
                    ("sections", Some(Value::Array(before)), Some(Value::Array(after))) => {
                        section_changes(before, after)
                    }
                    _ => vec![FieldChange {
                        field: field_label(key).to_owned(),
                        before: plain(key, b.get(key), names),
                        after: plain(key, a.get(key), names),
                    }],
                })
                .collect()
        }
        _ => vec![FieldChange {
            field: String::new(),
            before: plain("", before.as_ref(), names),
            after: plain("", after.as_ref(), names),
        }],
    }
}

/// The headings and clauses that differ between two versions of a template's sections, each
/// named by its place ("第 2 部分第 3 条"); a part or clause added or dropped shows with one
/// side empty.
fn section_changes(before: &[Value], after: &[Value]) -> Vec<FieldChange> {
    let text = |value: Option<&Value>| value.and_then(Value::as_str).unwrap_or_default().to_owned();
    let clauses = |section: Option<&Value>| -> Vec<String> {
        (section
            .and_then(|s| s.get("clauses"))
            .and_then(Value::as_array))
        .map(|clauses| clauses.iter().map(|c| text(Some(c))).collect())
        .unwrap_or_default()
    };
    let mut changes = Vec::new();
    for index in 0..before.len().max(after.len()) {
        let (old, new) = (before.get(index), after.get(index));
        let heading = |section: Option<&Value>| text(section.and_then(|s| s.get("heading")));
        if heading(old) != heading(new) {
            changes.push(FieldChange {
                field: format!("第 {} 部分标题", index + 1),
                before: heading(old),
                after: heading(new),
            });
        }
        let (old, new) = (clauses(old), clauses(new));
        for clause in 0..old.len().max(new.len()) {
            let (was, is) = (old.get(clause), new.get(clause));
            if was != is {
                changes.push(FieldChange {
                    field: format!("第 {} 部分第 {} 条", index + 1, clause + 1),
                    before: was.cloned().unwrap_or_default(),
                    after: is.cloned().unwrap_or_default(),
                });
            }
        }
    }
    changes
}

#[cfg(test)]
#[path = "audit_format_tests.rs"]
mod tests;
