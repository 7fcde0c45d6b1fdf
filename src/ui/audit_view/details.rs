//! The box under the audit table: the chosen entry, field by field, before and after.

use crate::store::AuditRow;

use super::super::audit_format::{Names, REASON_FIELD, changes};
use crate::model::dates::show_stored_time_with_seconds;

use super::{AuditView, shown_action};

/// The height kept under the table for the entry chosen.
pub(super) const DETAILS_HEIGHT: f32 = 240.0;

impl AuditView {
    /// The selected entry, field by field.
    pub(super) fn details(&self, ui: &mut egui::Ui, rows: &[AuditRow], names: &Names) {
        // The box fills the room under the table, chosen or not: all of it under a short
        // table (a filter that finds a few entries).
        ui.group(|ui| {
            ui.set_min_size(egui::vec2(
                ui.available_width(),
                (ui.available_height() - 16.0).max(40.0),
            ));
            let Some(audit) = self.selected.and_then(|i| rows.get(i)) else {
                // Nothing listed (said above the table): no row to point at.
                if !rows.is_empty() {
                    ui.weak("点一行查看修改前后的全部内容");
                }
                return;
            };
            ui.strong(format!(
                "{}　{}　{}　{}",
                show_stored_time_with_seconds(&audit.entry.at),
                audit.entry.operator,
                shown_action(&audit.entry.action),
                audit.unit.as_deref().unwrap_or("")
            ));
            ui.weak(format!(
                "记录：{}",
                audit.record.as_deref().unwrap_or(&audit.entry.entity_id)
            ));
            // Each field on its own lines, before above after, the whole width of the panel:
            // hashes and long texts wrap as text, not into narrow columns.
            // Each record's own: another one opens at its top, not where the last was left.
            egui::ScrollArea::vertical()
                .id_salt((
                    "audit_details",
                    &audit.entry.at,
                    &audit.entry.entity_id,
                    &audit.entry.action,
                ))
                .max_height((ui.available_height() - 8.0).max(60.0))
                // The box's whole width, its scroll bar at the right edge: a short first
                // field must not make the box narrow for the long lines under it.
                .auto_shrink([false, true])
                .show(ui, |ui| {
                    // A record deleted (a bonus, a veto cleared) has no after: said so, not as
                    // each field emptied.
                    let is_deleted = super::is_deleted(&audit.entry);
                    for change in changes(
                        audit.entry.before_json.as_deref(),
                        audit.entry.after_json.as_deref(),
                        names,
                    ) {
                        // A field empty before and after (a score entered without a note)
                        // says nothing.
                        if change.before.is_empty() && change.after.is_empty() {
                            continue;
                        }
                        ui.strong(if change.field.is_empty() {
                            "内容"
                        } else {
                            change.field.as_str()
                        });
                        if !change.before.is_empty() {
                            ui.add(egui::Label::new(format!("修改前：{}", change.before)).wrap());
                        }
                        // A restore changed no field: what it used, kept and undid is listed
                        // as it is; nor is a reason a field changed, nor the file an export
                        // wrote.
                        if audit.entry.entity == "backup"
                            || change.field == REASON_FIELD
                            || crate::store::is_export(&audit.entry.action)
                        {
                            let text = match change.after.as_str() {
                                "" => "（无）",
                                text => text,
                            };
                            ui.add(egui::Label::new(text).wrap());
                            ui.add_space(4.0);
                            continue;
                        }
                        ui.add(
                            egui::Label::new(if change.after.is_empty() && is_deleted {
                                "修改后：（已删除）".to_owned()
                            } else if change.after.is_empty() {
                                "修改后：（空）".to_owned()
                            } else {
                                format!("修改后：{}", change.after)
                            })
                            .wrap(),
                        );
                        ui.add_space(4.0);
                    }
                });
        });
    }
}
