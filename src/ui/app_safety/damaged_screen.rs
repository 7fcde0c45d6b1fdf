//! The screen shown instead of the register when the database file is damaged: what is wrong,
//! SQLite's findings folded away, and every way to restore (the newest good backup, any listed
//! one, a file picked), each asking once with the backup's date and contents.

use std::path::PathBuf;

use crate::store::{Store, StoreError, backup};

use super::super::app::App;
use super::super::command::Command;
use super::super::confirm;
use super::super::file_picker::{FilePicker, PickMode, PickOutcome};
use super::DAMAGED_READ_ONLY;

impl App {
    /// The screen shown instead of the register when the file is damaged. Every way to restore
    /// (the newest good backup, any listed one, a file picked) asks once, showing the backup's
    /// date and contents.
    pub(in crate::ui) fn show_damaged(&mut self, ui: &mut egui::Ui) {
        let Some(damaged) = &mut self.damaged else {
            return;
        };
        let open_other = &mut self.open_other;
        let mut chosen: Option<PathBuf> = None;
        let mut look_read_only = false;
        let mut make_anew = false;
        // The whole page scrolls: a long list of backups never pushes the other ways out of
        // reach.
        egui::CentralPanel::default().show(ui, |ui| {
            egui::ScrollArea::vertical().auto_shrink([false, false]).show(ui, |ui| {
                if damaged.missing {
                    missing_file(ui, damaged);
                } else {
                    ui.heading(HEADING);
                    ui.add_space(8.0);
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        without_heading(&damaged.message),
                    );
                    technical_details(ui, damaged.technical.as_deref());
                }
                // Said of what there is: a backup below, or only a file to be chosen.
                let offered = backup::offered_backup(&damaged.candidates);
                ui.label(if damaged.missing {
                    "可以用下面的备份恢复：在原处重建数据库文件。"
                } else if matches!(offered, Some((_, Ok(_)))) {
                    "可以用下面的备份恢复：损坏的文件会原样移到一旁保存，不会删除。"
                } else {
                    "可以用别处的备份文件恢复（点“选择其他备份文件…”）：损坏的文件会原样移到一旁保存，不会删除。"
                });
                ui.add_space(8.0);
                match offered {
                    Some((file, Ok(contents))) => {
                        let newest = damaged.candidates.iter().find(|(_, c)| c.is_ok());
                        let passed_over = newest.is_some_and(|(newest, _)| newest.path != file.path);
                        let which = if passed_over {
                            "建议使用的完好备份"
                        } else {
                            "最新的完好备份"
                        };
                        ui.strong(format!(
                            "{which}：{}（{}）",
                            crate::model::dates::show_date_time_with_seconds(file.taken_at),
                            file.reason.label()
                        ));
                        if passed_over {
                            ui.label(
                                "更新的“恢复备份前”备份保存的是上次恢复时被替换掉的数据，没有推荐；需要时可在下面“全部备份”中选用",
                            );
                        }
                        // The last change on a line of its own: its date is never broken in two.
                        ui.label(format!("{contents:#}"));
                        if ui.button("用此备份恢复…").clicked() {
                            chosen = Some(file.path.clone());
                        }
                    }
                    _ => {
                        ui.label(&damaged.no_good_backup);
                    }
                }
                ui.add_space(8.0);
                if ui.button("选择其他备份文件…").clicked() {
                    damaged.picker = Some(
                        FilePicker::new("选择备份文件", PickMode::OpenFile(&["sqlite3", "db"]))
                            .keeps_folder_apart()
                            .starting_in(&backup::backup_folder(&damaged.db)),
                    );
                }
                // Only when there are backups to list: with none, the line above says so.
                if !damaged.candidates.is_empty() {
                    egui::CollapsingHeader::new("全部备份").show(ui, |ui| {
                    // The button first and the description wrapping after it: a long description
                    // never pushes 恢复… out of the window.
                    for (file, contents) in &damaged.candidates {
                        ui.horizontal_wrapped(|ui| {
                            let status = match contents {
                                Ok(contents) => format!("{contents:#}"),
                                Err(error) => format!("不可用：{error}"),
                            };
                            if contents.is_ok() && ui.button("恢复…").clicked() {
                                chosen = Some(file.path.clone());
                            }
                            ui.label(format!(
                                "{}（{}）　{status}",
                                crate::model::dates::show_date_time_with_seconds(file.taken_at),
                                file.reason.label()
                            ));
                        });
                    }
                    });
                }
                ui.add_space(12.0);
                ui.label("或者不恢复，改用别的数据库文件：");
                open_other.buttons(ui);
                ui.add_space(12.0);
                if damaged.missing {
                    make_anew = ui
                        .button("不恢复，在原处新建数据库")
                        .on_hover_text("新建一个空的数据库文件（可载入示例数据或从空白开始）；备份文件夹中原有的备份保留不动")
                        .clicked();
                } else {
                    ui.horizontal_wrapped(|ui| {
                        look_read_only = ui
                            .add_enabled(damaged.can_look, egui::Button::new("只读查看损坏的文件"))
                            .on_hover_text("不恢复，先以只读方式打开查看（不会写入它）")
                            .clicked();
                        // Why it is greyed, in sight: a hover is not found.
                        if !damaged.can_look {
                            ui.weak("（损坏之处在打开时就要读取的数据中，无法只读打开查看）");
                        }
                    });
                }
            });
        });
        if make_anew {
            let db = damaged.db.clone();
            self.make_missing_anew(&db);
            return;
        }
        if look_read_only {
            let how = if damaged.candidates.iter().any(|(_, c)| c.is_ok()) {
                "请用上面列出的备份恢复"
            } else {
                "请用“选择其他备份文件…”选择备份恢复"
            };
            match Store::open_damaged_for_viewing(&damaged.db, DAMAGED_READ_ONLY) {
                Ok(store) => {
                    self.store = Some(store);
                    self.damaged = None;
                    self.reload();
                    // The file opened, but the data to be shown are where the damage is: this
                    // screen comes back, saying so, without the button that cannot help.
                    if let Some(again) = &mut self.damaged {
                        again.can_look = false;
                        self.toasts.error(format!(
                            "损坏之处正在要显示的数据中，无法只读查看；{how}，或改用别的数据库文件"
                        ));
                    }
                }
                // What is damaged is said on this screen already (技术细节 among it).
                Err(StoreError::Damaged { .. } | StoreError::Corrupt(_)) => {
                    self.toasts.error(format!(
                        "损坏之处在打开时就要读取的数据中，无法只读打开查看；{how}，或改用别的数据库文件"
                    ));
                }
                Err(error) => self
                    .toasts
                    .error(format!("无法只读打开损坏的文件：{error}")),
            }
            return;
        }
        if let Some(path) = open_other.chosen(ui.ctx()) {
            self.open_instead(&path);
            return;
        }
        if let Some(picker) = &mut damaged.picker {
            match picker.show(ui.ctx()) {
                PickOutcome::Open => {}
                PickOutcome::Cancelled => damaged.picker = None,
                PickOutcome::Chosen(path) => {
                    damaged.picker = None;
                    chosen = Some(path);
                }
            }
        }
        if let Some(path) = chosen {
            // The damaged file itself is no backup of it: said as such, not as a damaged backup.
            let is_itself = matches!(
                (std::fs::canonicalize(&path), std::fs::canonicalize(&damaged.db)),
                (Ok(picked), Ok(db)) if picked == db
            );
            let contents = if is_itself {
                Err(format!(
                    "所选的 {} 就是损坏的数据库文件本身，不是它的备份：请选择 backups 文件夹中的备份，或别处保存的备份文件",
                    path.display()
                ))
            } else {
                backup::inspect_backup(&path).map_err(|e| e.to_string())
            };
            damaged.confirming_other = backup::is_other_database(&damaged.db, &path);
            damaged.confirming = Some((path, contents));
        }
        let mut confirmed = None;
        if let Some((path, contents)) = &damaged.confirming {
            // The time in an automatic backup's name, as the list shows it; else the file's.
            let automatic = damaged
                .candidates
                .iter()
                .find(|(file, _)| &file.path == path)
                .map(|(file, _)| file);
            // A file that is no usable backup is said in the question, its button disabled.
            let refusal = contents.as_ref().err().map(String::as_str);
            // The keyboard on 取消 when the file is another database's.
            let answer = confirm::ask_warned(
                ui.ctx(),
                "confirm_restore_over_damaged",
                "确认恢复",
                (refusal, damaged.confirming_other),
                |ui| {
                    ui.heading("恢复备份");
                    ui.label(format!("所选备份：{}", path.display()));
                    ui.label(if damaged.missing {
                        format!("将在原处重建数据库：{}", damaged.db.display())
                    } else {
                        format!("将替换损坏的数据库：{}", damaged.db.display())
                    });
                    match contents {
                        Ok(contents) => {
                            if let Some(file) = automatic {
                                ui.label(super::super::backup_view::taken_text(file));
                            } else if let Some(at) = contents.modified_at {
                                ui.label(format!(
                                    "文件修改时间：{}",
                                    crate::model::dates::show_date_time_with_seconds(at)
                                ));
                            }
                            ui.label(format!("{contents:#}"));
                            if damaged.confirming_other {
                                ui.colored_label(
                                ui.visuals().warn_fg_color,
                                "注意：所选文件不是这个数据库的备份（可能是另一个数据库的文件，或清空重来之前的数据）；恢复后看到的将是它的数据",
                            );
                            }
                            ui.label(if damaged.missing {
                            "备份之后所做的修改不在备份中，恢复后请核对并重新录入"
                        } else {
                            "备份之后所做的修改不在备份中，恢复后请核对并重新录入；损坏的文件会原样改名保存在旁边，不会删除"
                        });
                        }
                        Err(error) => {
                            ui.colored_label(ui.visuals().error_fg_color, error);
                        }
                    }
                },
            );
            if answer == Some(true) {
                confirmed = Some(path.clone());
            }
            if answer.is_some() {
                damaged.confirming = None;
            }
        }
        if let Some(path) = confirmed {
            self.queue_command(Command::RestoreOverDamaged(path));
        }
    }
}

/// The screen's heading, which a damage message also begins with.
const HEADING: &str = "数据库文件已损坏";

/// The heading and words for a database file that is not there while its backups are.
fn missing_file(ui: &mut egui::Ui, damaged: &super::Damaged) {
    ui.heading("找不到数据库文件");
    ui.add_space(8.0);
    ui.colored_label(
        ui.visuals().warn_fg_color,
        format!("数据库文件不存在：{}", damaged.db.display()),
    );
    ui.label(
        "备份文件夹中有它以前的备份，说明这里原来有数据库文件：它可能被移走、改名或删除了。如果只是网络盘、U 盘没有连上，或路径写错，请关闭程序，检查后再打开；文件确已丢失的，请用备份恢复。",
    );
    ui.add_space(6.0);
}

/// A damage message under the heading that already says the file is damaged: "数据库文件已损坏
/// （X）。为免…" becomes "X。为免…"; any other message is shown as it is.
fn without_heading(message: &str) -> String {
    let Some(rest) = message
        .strip_prefix(HEADING)
        .and_then(|rest| rest.strip_prefix('（'))
    else {
        return message.to_owned();
    };
    // The findings may hold brackets of their own: split where the message goes on.
    ["）。", "），"]
        .iter()
        .filter_map(|end| {
            rest.find(&format!("{end}为免"))
                .or_else(|| rest.find(&format!("{end}本次")))
                .map(|at| (at, end.len()))
        })
        .min_by_key(|(at, _)| *at)
        .and_then(|(at, len)| Some(format!("{}。{}", rest.get(..at)?, rest.get(at + len..)?)))
        .unwrap_or_else(|| message.to_owned())
}

/// SQLite's own findings, folded away under a header a clerk can pass by.
fn technical_details(ui: &mut egui::Ui, details: Option<&str>) {
    let Some(details) = details else { return };
    egui::CollapsingHeader::new("技术细节（供技术人员查看）")
        .default_open(false)
        .show(ui, |ui| {
            ui.add(egui::Label::new(egui::RichText::new(details).monospace()).wrap());
        });
}
