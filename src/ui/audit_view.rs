//! 设置 → 操作记录: the audit log as a table, filtered by date, unit, operator and action, with
//! what each change did shown field by field (before → after).

use chrono::NaiveDate;
use egui_extras::{Column, TableBuilder};

use crate::model::Unit;
use crate::store::{AuditFilter, AuditRow};

use super::command::Command;

/// How many entries one search shows (newest first).
pub const AUDIT_LIMIT: usize = 2000;

const ROW_HEIGHT: f32 = 24.0;
const ANY: &str = "全部";

/// Runtime state of the 操作记录 tab.
#[derive(Default)]
pub struct AuditView {
    from: String,
    to: String,
    unit_id: Option<i64>,
    operator: Option<String>,
    action: Option<String>,
    /// The last search's rows; `None` until the first search.
    rows: Option<Vec<AuditRow>>,
    operators: Vec<String>,
    actions: Vec<String>,
    selected: Option<usize>,
}

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
        "sort_order" => "排序",
        "is_active" => "在用",
        "status" => "状态",
        "self_score" => "自评分",
        "assessed_score" => "考核组评分",
        "note" => "说明",
        "self_note" => "自评说明",
        "matter" => "事项",
        "reason" => "理由",
        "points" => "分值",
        "year" => "年度",
        "number" => "序号",
        "copies" => "份数",
        "signed_on" | "signing_date" => "签订日期",
        "tailoring" => "个性化条款",
        "template_id" => "模板",
        "agreement_id" => "责任书",
        "unit_id" => "单位",
        "indicator_id" => "指标",
        "copies_returned" => "签回份数",
        "party_a_signatory" => "甲方签字人",
        "party_b_signatory" => "乙方签字人",
        "content_hash" => "内容校验值",
        "revert_reason" => "退回理由",
        other => other,
    }
}

/// A value as a clerk reads it; agreement statuses in Chinese.
fn plain(key: &str, value: Option<&serde_json::Value>) -> String {
    if key == "status"
        && let Some(serde_json::Value::String(status)) = value
    {
        let label = match status.as_str() {
            "Draft" => "草稿",
            "Final" => "已定稿",
            "Printed" => "已打印",
            "Signed" => "已签订",
            "Archived" => "已归档",
            other => other,
        };
        return label.to_owned();
    }
    match value {
        None | Some(serde_json::Value::Null) => String::new(),
        Some(serde_json::Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

/// What differs between two JSON snapshots: field by field for objects, else the whole value.
#[must_use]
pub fn changes(before: Option<&str>, after: Option<&str>) -> Vec<FieldChange> {
    let parse = |text: Option<&str>| text.and_then(|t| serde_json::from_str(t).ok());
    let before: Option<serde_json::Value> = parse(before);
    let (after, change_reason) = unwrap_reasoned(parse(after));
    let mut found = record_changes(before, after);
    if let Some(reason) = change_reason {
        found.push(FieldChange {
            field: "修改理由".to_owned(),
            before: String::new(),
            after: reason,
        });
    }
    found
}

/// Splits a scoring write's `{"value": …, "reason": …}` into the value and the reason for
/// changing a published result, so the value compares field by field with the old record.
fn unwrap_reasoned(
    after: Option<serde_json::Value>,
) -> (Option<serde_json::Value>, Option<String>) {
    match after {
        Some(serde_json::Value::Object(mut map))
            if map.len() == 2 && map.contains_key("value") && map.contains_key("reason") =>
        {
            let reason = match map.remove("reason") {
                Some(serde_json::Value::String(reason)) => Some(reason),
                _ => None,
            };
            (map.remove("value"), reason)
        }
        other => (other, None),
    }
}

/// What differs between two parsed snapshots.
fn record_changes(
    before: Option<serde_json::Value>,
    after: Option<serde_json::Value>,
) -> Vec<FieldChange> {
    // A record created or deleted compares with an empty one, so its fields are listed too.
    let empty = serde_json::Value::Object(serde_json::Map::new());
    let (before, after) = match (before, after) {
        (None, Some(after @ serde_json::Value::Object(_))) => (Some(empty), Some(after)),
        (Some(before @ serde_json::Value::Object(_)), None) => (Some(before), Some(empty)),
        other => other,
    };
    match (&before, &after) {
        (Some(serde_json::Value::Object(b)), Some(serde_json::Value::Object(a))) => {
            let mut keys: Vec<&String> = b.keys().chain(a.keys()).collect();
            keys.sort();
            keys.dedup();
            keys.into_iter()
                .filter(|key| b.get(*key) != a.get(*key))
                .map(|key| FieldChange {
                    field: field_label(key).to_owned(),
                    before: plain(key, b.get(key)),
                    after: plain(key, a.get(key)),
                })
                .collect()
        }
        _ => vec![FieldChange {
            field: String::new(),
            before: plain("", before.as_ref()),
            after: plain("", after.as_ref()),
        }],
    }
}

fn one_line(changes: &[FieldChange], pick: fn(&FieldChange) -> &str) -> String {
    let parts: Vec<String> = changes
        .iter()
        .filter(|c| !pick(c).is_empty())
        .map(|c| {
            if c.field.is_empty() {
                pick(c).to_owned()
            } else {
                format!("{}：{}", c.field, pick(c))
            }
        })
        .collect();
    let text = parts.join("；");
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

impl AuditView {
    /// Takes the rows and drop-down choices of a search.
    pub fn show_results(
        &mut self,
        rows: Vec<AuditRow>,
        operators: Vec<String>,
        actions: Vec<String>,
    ) {
        self.rows = Some(rows);
        self.operators = operators;
        self.actions = actions;
        self.selected = None;
    }

    /// The filter as typed, or the message for a date that does not parse.
    fn filter(&self) -> Result<AuditFilter, String> {
        let date = |text: &str, what: &str| -> Result<Option<NaiveDate>, String> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            NaiveDate::parse_from_str(text, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| format!("{what}应写成 2025-03-05 这样的日期"))
        };
        Ok(AuditFilter {
            from: date(&self.from, "起始日期")?,
            to: date(&self.to, "截止日期")?,
            unit_id: self.unit_id,
            operator: self.operator.clone(),
            action: self.action.clone(),
        })
    }

    /// Draws the tab.
    pub fn show(&mut self, ui: &mut egui::Ui, units: &[Unit], commands: &mut Vec<Command>) {
        if self.rows.is_none() {
            self.rows = Some(Vec::new());
            commands.push(Command::SearchAudit(AuditFilter::default()));
        }
        ui.label("每一次修改都记入操作记录（时间、操作员、操作、修改前后的内容），记录只能追加，不能修改或删除");
        let mut search = false;
        ui.horizontal_wrapped(|ui| {
            for (caption, text) in [("起始日期", &mut self.from), ("截止日期", &mut self.to)]
            {
                let label = ui.label(caption);
                let response = ui
                    .add(
                        egui::TextEdit::singleline(text)
                            .hint_text("2025-03-05")
                            .desired_width(90.0),
                    )
                    .labelled_by(label.id);
                search |= response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            }
            let unit_name = self
                .unit_id
                .and_then(|id| units.iter().find(|u| u.id == id))
                .map_or(ANY, |u| u.fields.name.as_str());
            let label = ui.label("单位");
            let before = self.unit_id;
            egui::ComboBox::from_id_salt("audit_unit")
                .selected_text(unit_name)
                .width(180.0)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.unit_id, None, ANY);
                    for unit in units {
                        ui.selectable_value(&mut self.unit_id, Some(unit.id), &unit.fields.name);
                    }
                })
                .response
                .labelled_by(label.id);
            search |= before != self.unit_id;
            for (caption, salt, value, choices) in [
                (
                    "操作员",
                    "audit_operator",
                    &mut self.operator,
                    &self.operators,
                ),
                ("操作", "audit_action", &mut self.action, &self.actions),
            ] {
                let label = ui.label(caption);
                let before = value.clone();
                egui::ComboBox::from_id_salt(salt)
                    .selected_text(value.as_deref().unwrap_or(ANY))
                    .show_ui(ui, |ui| {
                        ui.selectable_value(value, None, ANY);
                        for choice in choices {
                            ui.selectable_value(value, Some(choice.clone()), choice);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                search |= before != *value;
            }
            search |= ui.button("查询").clicked();
            if ui.button("清除条件").clicked() {
                self.from.clear();
                self.to.clear();
                self.unit_id = None;
                self.operator = None;
                self.action = None;
                search = true;
            }
        });
        match self.filter() {
            Ok(filter) if search => commands.push(Command::SearchAudit(filter)),
            Ok(_) => {}
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
            }
        }
        let rows = self.rows.take().unwrap_or_default();
        ui.label(if rows.len() >= AUDIT_LIMIT {
            format!("显示最近的 {AUDIT_LIMIT} 条；请用条件缩小范围")
        } else {
            format!("共 {} 条", rows.len())
        });
        self.details(ui, &rows);
        self.table(ui, &rows);
        self.rows = Some(rows);
    }

    fn table(&mut self, ui: &mut egui::Ui, rows: &[AuditRow]) {
        TableBuilder::new(ui)
            .id_salt("audit_table")
            .striped(true)
            .sense(egui::Sense::click())
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(140.0))
            .column(Column::initial(80.0).clip(true))
            .column(Column::initial(100.0).clip(true))
            .column(Column::initial(160.0).clip(true))
            .column(Column::initial(220.0).clip(true))
            .column(Column::remainder().clip(true))
            .header(ROW_HEIGHT, |mut header| {
                for title in ["时间", "操作员", "操作", "单位", "修改前", "修改后"] {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                    let index = row.index();
                    let Some(audit) = rows.get(index) else { return };
                    row.set_selected(self.selected == Some(index));
                    let changes = changes(
                        audit.entry.before_json.as_deref(),
                        audit.entry.after_json.as_deref(),
                    );
                    let cells = [
                        audit.entry.at.clone(),
                        audit.entry.operator.clone(),
                        audit.entry.action.clone(),
                        audit.unit.clone().unwrap_or_default(),
                        one_line(&changes, |c| &c.before),
                        one_line(&changes, |c| &c.after),
                    ];
                    for text in cells {
                        row.col(|ui| {
                            ui.add(egui::Label::new(text).truncate().selectable(false));
                        });
                    }
                    if row.response().clicked() {
                        self.selected = Some(index);
                    }
                });
            });
    }

    /// The selected entry, field by field.
    fn details(&self, ui: &mut egui::Ui, rows: &[AuditRow]) {
        let Some(audit) = self.selected.and_then(|i| rows.get(i)) else {
            ui.weak("点一行查看修改前后的全部内容");
            return;
        };
        ui.group(|ui| {
            ui.strong(format!(
                "{}　{}　{}　{}",
                audit.entry.at,
                audit.entry.operator,
                audit.entry.action,
                audit.unit.as_deref().unwrap_or("")
            ));
            ui.weak(format!(
                "记录：{} {}",
                audit.entry.entity, audit.entry.entity_id
            ));
            egui::ScrollArea::vertical()
                .id_salt("audit_details")
                .max_height(160.0)
                .show(ui, |ui| {
                    egui::Grid::new("audit_changes")
                        .num_columns(3)
                        .striped(true)
                        .show(ui, |ui| {
                            ui.strong("项目");
                            ui.strong("修改前");
                            ui.strong("修改后");
                            ui.end_row();
                            for change in changes(
                                audit.entry.before_json.as_deref(),
                                audit.entry.after_json.as_deref(),
                            ) {
                                ui.label(if change.field.is_empty() {
                                    "内容"
                                } else {
                                    change.field.as_str()
                                });
                                ui.add(egui::Label::new(change.before).wrap());
                                ui.add(egui::Label::new(change.after).wrap());
                                ui.end_row();
                            }
                        });
                });
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_list_only_the_fields_that_differ() {
        let found = changes(
            Some(r#"{"name":"城关街道","contact_phone":"0399-1","sort":1}"#),
            Some(r#"{"name":"城关街道","contact_phone":"0399-2","sort":1}"#),
        );
        assert_eq!(
            found,
            [FieldChange {
                field: "联系电话".into(),
                before: "0399-1".into(),
                after: "0399-2".into()
            }]
        );
        let set = changes(None, Some(r#""2024""#));
        assert_eq!(set[0].before, "");
        assert_eq!(set[0].after, "2024");
        let created = changes(None, Some(r#"{"status":"Final","copies":3}"#));
        assert_eq!(created.len(), 2, "a new record lists its fields");
        assert_eq!(created[1].field, "状态");
        assert_eq!(created[1].after, "已定稿");
        let vetoed = changes(
            Some(r#"{"agreement_id":1,"item_id":null,"reason":"旧理由"}"#),
            Some(
                r#"{"value":{"agreement_id":1,"item_id":null,"reason":"新理由"},"reason":"复核更正"}"#,
            ),
        );
        assert_eq!(
            vetoed,
            [
                FieldChange {
                    field: "理由".into(),
                    before: "旧理由".into(),
                    after: "新理由".into()
                },
                FieldChange {
                    field: "修改理由".into(),
                    before: String::new(),
                    after: "复核更正".into()
                }
            ]
        );
    }
}
