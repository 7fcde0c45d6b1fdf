//! The one question before a backup is restored: the backup's date and contents beside the
//! data now, and the operations the restore would undo; a backup gone meanwhile closes it.

use crate::store::BackupFile;

use super::super::command::Command;
use super::super::confirm;
use super::{BackupView, modified_text, restored_here_id, taken_text};

/// The most undone operations listed in the confirmation (the rest are counted).
const UNDONE_LISTED: usize = 200;

impl BackupView {
    pub(super) fn confirm(
        &mut self,
        ctx: &egui::Context,
        (backups, unsaved): (&[BackupFile], &str),
        commands: &mut Vec<Command>,
    ) {
        let Some(path) = self.confirming.clone() else {
            return;
        };
        // Looked at again as the question opened and found gone or unreadable (a USB stick
        // pulled out): no question over nothing; the panel under it says what is wrong.
        if (self.inspected.as_ref())
            .is_some_and(|(inspected, contents)| *inspected == path && contents.is_err())
        {
            self.confirming = None;
            return;
        }
        // Gone while the question was open (moved away, a USB stick pulled out): the question
        // goes, and the panel under it says so, not 确认恢复 over a file no longer there.
        if !path.is_file() {
            self.confirming = None;
            self.inspected = Some((
                path.clone(),
                Err(format!(
                    "备份文件已不在原处（可能已被移走或删除，或 U 盘已拔出），不能恢复：{}",
                    path.display()
                )),
            ));
            return;
        }
        let inspected = match &self.inspected {
            Some((inspected, Ok(contents))) if *inspected == path => Some(contents),
            _ => None,
        };
        // An automatic backup is dated by its name; any other file by when it was written.
        let taken = backups
            .iter()
            .find(|b| b.path == path)
            .map(taken_text)
            .or_else(|| {
                let at = inspected?.modified_at?;
                Some(modified_text(at))
            });
        // The last change on a line of its own: a narrow dialog must not break its date in two.
        let contents = inspected.map(|c| format!("{c:#}")).unwrap_or_default();
        // The keyboard starts on 确认恢复 (the current data is backed up first), or on 取消
        // when unsaved edits would be given up or the backup is another database's (not the
        // copy kept by a restore or a start-over, restoring which undoes it).
        let is_warned = !unsaved.is_empty()
            || (self.comparison.as_ref()).is_some_and(|c| {
                c.undone.other_database_warning().is_some() && c.undone.undoes_restore_of.is_none()
            });
        let comparison = self.comparison.as_ref().filter(|_| inspected.is_some());
        let answer = confirm::ask_warned(
            ctx,
            "confirm_restore",
            "确认恢复",
            (None, is_warned),
            |ui| {
                ui.heading("恢复备份");
                ui.label("用这份备份替换当前的全部数据：");
                ui.label(path.display().to_string());
                if let Some(taken) = &taken {
                    ui.label(taken);
                }
                ui.label(format!("备份中的数据：{contents:#}"));
                if let Some(comparison) = comparison {
                    ui.label(format!("当前的数据：{:#}", comparison.current));
                    undone_lines(ui, &comparison.undone);
                }
                // Nothing to keep in an empty database: not said to be kept.
                let is_empty_here = comparison.is_some_and(|c| c.undone.nothing_here);
                if !is_empty_here {
                    ui.label(
                        "恢复前，程序会先把当前数据备份到 backups 文件夹，需要时可以再恢复回来",
                    );
                }
                if !unsaved.is_empty() {
                    ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("{unsaved}中有未保存的修改，恢复后将放弃；如要保留，请先取消，回到“{unsaved}”保存"),
                );
                }
            },
        );
        if answer == Some(true) {
            commands.push(Command::RestoreBackup(path));
            ctx.data_mut(|d| d.insert_temp(restored_here_id(), true));
        }
        if answer.is_some() {
            self.confirming = None;
        }
    }
}

/// What the restore would undo: how many operations since the backup, the latest named, and
/// the list folded away (the audit log keeps it after the restore too).
fn undone_lines(ui: &mut egui::Ui, undone: &crate::store::Undone) {
    if let Some(warning) = undone.other_database_warning() {
        // Undoing the last restore is what the clerk wants, not a danger to be warned of.
        let colour = if undone.undoes_restore_of.is_some() {
            ui.visuals().warn_fg_color
        } else {
            ui.visuals().error_fg_color
        };
        ui.colored_label(colour, warning);
    }
    if let Some(back) = undone.brought_back_summary() {
        ui.colored_label(ui.visuals().warn_fg_color, back);
    }
    let Some(summary) = undone.summary() else {
        // Counted from the restore it undoes, as the CLI says it.
        ui.label(undone.nothing_undone());
        return;
    };
    ui.colored_label(ui.visuals().warn_fg_color, format!("恢复后，{summary}"));
    let undone = &undone.entries;
    egui::CollapsingHeader::new("将被撤销的操作")
        .id_salt("undone_operations")
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .max_height(160.0)
                .show(ui, |ui| {
                    for line in undone.iter().rev().take(UNDONE_LISTED) {
                        ui.label(line);
                    }
                    if undone.len() > UNDONE_LISTED {
                        ui.weak(format!(
                            "……另有 {} 项较早的操作",
                            undone.len() - UNDONE_LISTED
                        ));
                    }
                });
        });
}
