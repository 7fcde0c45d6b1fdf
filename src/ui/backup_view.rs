//! 设置 → 备份与恢复: back up now (into `backups/` or a chosen folder), the automatic backups
//! with what each holds, and restoring one after a single confirmation. A read-only window backs
//! up only into a chosen folder (the holder of the file keeps `backups/`) and restores nothing.

use std::path::{Path, PathBuf};

use crate::store::{BackupContents, BackupFile};

use super::command::Command;
use super::file_picker::{FilePicker, PickMode, PickOutcome};
use super::start_over::StartOverAnswer;
use super::write_access::WriteAccess;

mod restore_question;

/// What the file chooser is open for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Target {
    SaveInto,
    RestoreFrom,
}

/// What a restore of the backup looked at would change: the data now, and the operations
/// since the backup that it would undo.
#[derive(Debug, Clone)]
pub struct RestoreComparison {
    /// What the database holds now.
    pub current: BackupContents,
    /// The operations the backup does not have (or, from another database, all of them).
    pub undone: crate::store::Undone,
}

/// Where the backups are, and whether one is being taken.
pub struct BackupPlace<'a> {
    /// The automatic backups, newest first.
    pub backups: &'a [BackupFile],
    /// Their folder; `None` for an in-memory database.
    pub folder: Option<&'a str>,
    /// True while a backup runs: 立即备份 and 备份到其他位置 wait for it.
    pub is_backing_up: bool,
    /// Why the day's automatic backup failed, until a backup into the folder succeeds.
    pub failure: Option<&'a str>,
    /// True when the file is damaged (opened only to look at it): a backup would carry the
    /// damage on and fails its check, so 备份到其他位置 is not offered.
    pub is_damaged: bool,
}

/// Why a damaged file opened to look at is not backed up, and what to do instead.
pub(super) const DAMAGED_NO_BACKUP: &str = "文件已损坏，备份会把损坏一并带入副本（副本也通不过检查），所以不能备份；请点顶部的“从备份恢复…”，用以前的备份恢复。没有可用的备份时，请把整个数据库文件夹原样复制保存，交技术人员处理";

/// The folder chooser of 备份到其他位置.
fn save_into_picker() -> FilePicker {
    FilePicker::new(SAVE_INTO_TITLE, PickMode::Folder).keeps_folder_apart()
}

/// The title of the chooser of 备份到其他位置….
const SAVE_INTO_TITLE: &str = "选择备份保存到的文件夹（如 U 盘）";

/// The title of the chooser of 从其他备份文件恢复….
const RESTORE_FROM_TITLE: &str = "选择备份文件";

/// Where either chooser was left in the previous run (a USB drive backed up into then): the
/// choosers open there until one is used in this one (see `BackupView::last_elsewhere`).
pub(super) fn elsewhere_before() -> Option<PathBuf> {
    super::file_picker::left_in_previous_run(&[SAVE_INTO_TITLE, RESTORE_FROM_TITLE])
}

/// Runtime state of the 备份与恢复 tab.
#[derive(Default)]
pub struct BackupView {
    /// The backup looked at, and what it holds (or why it cannot be used).
    inspected: Option<(PathBuf, Result<BackupContents, String>)>,
    /// What restoring the backup looked at would change, when it could be worked out.
    comparison: Option<RestoreComparison>,
    /// The backup the clerk asked to restore, awaiting the one confirmation.
    confirming: Option<PathBuf>,
    picking: Option<(Target, FilePicker)>,
    /// 清空数据，从空白开始 asked about, with what the database holds now.
    start_over: Option<(super::start_over::StartOverDialog, String)>,
    /// The folder last chosen elsewhere (a USB drive, say): backed up into, or restored from;
    /// the next choice of either starts there.
    last_elsewhere: Option<PathBuf>,
    /// The id of 备份到其他位置… as last drawn, which takes the keyboard back once the backup
    /// its folder chooser started is done.
    elsewhere_button: Option<egui::Id>,
    /// The height what comes under the list took in the last frame (the backup looked at,
    /// the way to start over), which the list leaves free; `None` before the first.
    under_list: Option<f32>,
}

/// When an automatic backup was taken and why, on two short lines, so that the date and time
/// are never broken apart.
pub(super) fn taken_text(file: &crate::store::BackupFile) -> String {
    format!(
        "备份时间：{}\n备份原因：{}",
        crate::model::dates::show_date_time_with_seconds(file.taken_at),
        file.reason.label()
    )
}

/// "文件修改时间：2026年11月30日 09:30".
fn modified_text(at: chrono::NaiveDateTime) -> String {
    format!(
        "文件修改时间：{}",
        crate::model::dates::show_date_time_with_seconds(at)
    )
}

impl BackupView {
    /// Shows what a backup holds (after [`Command::InspectBackup`]).
    pub fn show_contents(
        &mut self,
        path: PathBuf,
        contents: Result<BackupContents, String>,
        comparison: Option<RestoreComparison>,
    ) {
        self.inspected = Some((path, contents));
        self.comparison = comparison;
    }

    /// Opens the folder chooser of 备份到其他位置 again at `folder`, where a backup just
    /// failed, saying why under its title: another folder is chosen without starting over.
    pub fn choose_again_after(&mut self, folder: &Path, failure: String) {
        let picker = save_into_picker().starting_in(folder).with_warning(failure);
        self.picking = Some((Target::SaveInto, picker));
    }

    /// Forgets the looked-at backup (after a restore or when the list changed).
    pub fn reset(&mut self) {
        self.inspected = None;
        self.comparison = None;
        self.confirming = None;
        self.start_over = None;
    }

    /// Asks before 清空数据，从空白开始 (after [`Command::AskStartOver`]): `contents` says what
    /// the database holds now, `year` is the year offered; `is_own_data` when the data did not
    /// begin as the demo (清空 is typed then).
    pub fn ask_start_over(&mut self, contents: String, year: i32, is_own_data: bool) {
        let dialog = super::start_over::StartOverDialog::new(year, is_own_data);
        self.start_over = Some((dialog, contents));
    }

    /// Draws the tab.
    /// `unsaved` names the edits of 设置 not saved yet (empty when none): a restore gives
    /// them up, and its question says so.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        place: &BackupPlace<'_>,
        (access, unsaved): (WriteAccess<'_>, &str),
        commands: &mut Vec<Command>,
    ) {
        let backups = place.backups;
        let Some(folder) = place.folder else {
            ui.label("内存数据库没有备份");
            return;
        };
        let routine = crate::store::backup::KEEP_BACKUPS;
        let safety = crate::store::backup::KEEP_SAFETY_BACKUPS;
        let daily = crate::store::backup::KEEP_DAILY_BACKUPS;
        let manual = crate::store::backup::KEEP_MANUAL_BACKUPS;
        // Broken as the documents break lines: "自动备份" / "到：" never split.
        crate::ui::printed_lines::label(
            ui,
            &format!(
                "程序每天第一次启动时，以及每次升级数据版本、年度结转、删除年度、导入、批量起草、恢复备份和清空数据之前，自动备份到：{folder}（保留最近 {routine} 份，每天第一次启动时的备份另外保留最近 {daily} 天的；“立即备份”的另外保留最近 {manual} 份；恢复备份、删除年度、清空数据之前的备份另外保留最近 {safety} 份）。备份在程序运行时进行，并经完整性检查后才保存。"
            ),
            None,
        );
        let is_folder_read_only = (access.why()).is_some_and(|why| {
            why.contains(crate::store::FOLDER_READ_ONLY)
                || why.contains(crate::store::FOLDER_NOT_WRITABLE)
        });
        if place.is_damaged {
            ui.colored_label(ui.visuals().warn_fg_color, DAMAGED_NO_BACKUP);
        } else if is_folder_read_only {
            // Said in sight: the line above promises backups this folder cannot take.
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "数据库所在的文件夹不能写入，以上自动备份都无法进行：请用“备份到其他位置…”另存备份，或把数据库移到可以写入的文件夹",
            );
        } else if let Some(failure) = place.failure {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{failure}。请尽快排除（如清理磁盘空间、检查文件夹权限），然后点“立即备份”"
                ),
            );
        } else if !access.can_write() {
            // The line above speaks of a window that writes: this one changes nothing.
            ui.weak("这个窗口以只读方式打开，不做上述自动备份（这时数据不会改动）；需要时可点“立即备份”");
        }
        ui.horizontal(|ui| {
            // A backup only reads the file: offered in a read-only window too (another
            // window holds the file, or the file is read-only while `backups/` may not be),
            // not where `backups/` cannot be made (the folder is read-only), nor for a
            // damaged file, whose damage it would carry on.
            let can_back_up = !place.is_damaged && !is_folder_read_only && !place.is_backing_up;
            let backup_now = ui.add_enabled(can_back_up, egui::Button::new("立即备份"));
            let backup_now = if place.is_damaged {
                backup_now.on_disabled_hover_text(DAMAGED_NO_BACKUP)
            } else if is_folder_read_only {
                access.explain_as(backup_now, "请用“备份到其他位置…”")
            } else {
                backup_now
            };
            if backup_now.clicked() {
                commands.push(Command::BackupNow);
            }
            let elsewhere = egui::Button::new("备份到其他位置…");
            let elsewhere = ui.add_enabled(!place.is_backing_up && !place.is_damaged, elsewhere);
            self.elsewhere_button = Some(elsewhere.id);
            let elsewhere = if place.is_damaged {
                elsewhere.on_disabled_hover_text(DAMAGED_NO_BACKUP)
            } else {
                elsewhere
            };
            if backup_now.clicked() && backup_now.has_focus() {
                keyboard_after_backup(ui, Some(backup_now.id));
            }
            keyboard_after_backup(ui, None);
            keyboard_after_restore(ui, &backup_now);
            if elsewhere.clicked() {
                let picker = match self.last_elsewhere.clone().or_else(elsewhere_before) {
                    Some(folder) => save_into_picker().starting_where_left(&folder),
                    None => save_into_picker(),
                };
                self.picking = Some((Target::SaveInto, picker));
            }
            if access.button(ui, "从其他备份文件恢复…").clicked() {
                self.picking = Some((
                    Target::RestoreFrom,
                    // Where a file was last chosen elsewhere, else where the automatic backups
                    // are (the database's folder without them).
                    {
                        let picker = FilePicker::new(
                            RESTORE_FROM_TITLE,
                            PickMode::OpenFile(&["sqlite3", "db"]),
                        )
                        .keeps_folder_apart();
                        // (A USB drive not plugged in now: the automatic backups, said so.)
                        match self.last_elsewhere.clone().or_else(elsewhere_before) {
                            Some(left) => picker.starting_where_left_or(&left, Path::new(folder)),
                            None => picker.starting_in(Path::new(folder)),
                        }
                    },
                ));
            }
            if place.is_backing_up {
                ui.spinner();
                ui.label("正在备份并检查副本，可以继续其他工作…");
            }
        });
        ui.add_space(8.0);
        if backups.is_empty() {
            // Not "yet" where none can be made (said above); a folder never made is said so.
            ui.label(if !is_folder_read_only {
                "还没有自动备份".to_owned()
            } else if Path::new(folder).is_dir() {
                "备份文件夹中没有备份".to_owned()
            } else {
                format!(
                    "没有备份：数据库所在的文件夹无法新建文件，备份文件夹无法建立，现不存在：{folder}"
                )
            });
        } else {
            self.list(ui, backups, commands);
        }
        let list_end = ui.cursor().top();
        self.inspected_panel(ui, access, commands);
        ui.add_space(12.0);
        ui.separator();
        ui.label("要清空全部数据、从头开始（例如试用示例数据之后）？清空前程序会先备份现有数据");
        if access.button(ui, "清空数据，从空白开始…").clicked() {
            commands.push(Command::AskStartOver);
        }
        // Measured for the next frame, drawn again at once when it changed (a backup looked
        // at, a read-only window's shorter panel).
        let under = ui.cursor().top() - list_end;
        if self.under_list.is_none_or(|was| (was - under).abs() > 1.0) {
            self.under_list = Some(under);
            ui.ctx().request_repaint();
        }
        self.pick(ui.ctx(), commands);
        if access.can_write() {
            self.confirm(ui.ctx(), (backups, unsaved), commands);
            if let Some((dialog, contents)) = &mut self.start_over {
                match dialog.show(ui.ctx(), contents) {
                    StartOverAnswer::Waiting => {}
                    StartOverAnswer::Cancelled => self.start_over = None,
                    StartOverAnswer::Confirmed(command) => {
                        commands.push(*command);
                        self.start_over = None;
                    }
                }
            }
        }
    }

    fn list(&self, ui: &mut egui::Ui, backups: &[BackupFile], commands: &mut Vec<Command>) {
        // The list takes the page's height, less what comes under it: the backup looked at,
        // and the way to start over (as tall as last frame; guessed before).
        let guessed = if self.inspected.is_some() {
            300.0
        } else {
            80.0
        };
        let under = self.under_list.unwrap_or(guessed);
        egui::ScrollArea::vertical()
            .id_salt("backup_list")
            .max_height((ui.available_height() - under).clamp(160.0, 2000.0))
            .show(ui, |ui| {
                egui::Grid::new("backups")
                    .num_columns(4)
                    .striped(true)
                    .spacing([16.0, 4.0])
                    .show(ui, |ui| {
                        ui.strong("备份时间");
                        ui.strong("原因");
                        ui.strong("大小");
                        ui.strong("");
                        ui.end_row();
                        for backup in backups {
                            let is_open = self
                                .inspected
                                .as_ref()
                                .is_some_and(|(path, _)| *path == backup.path);
                            let text =
                                crate::model::dates::show_date_time_with_seconds(backup.taken_at);
                            if ui.selectable_label(is_open, text).clicked() {
                                commands.push(Command::InspectBackup(backup.path.clone()));
                            }
                            ui.label(backup.reason.label());
                            ui.label(super::byte_size::show(backup.bytes));
                            if ui.button("查看内容").clicked() {
                                commands.push(Command::InspectBackup(backup.path.clone()));
                            }
                            ui.end_row();
                        }
                    });
            });
    }

    fn inspected_panel(
        &mut self,
        ui: &mut egui::Ui,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Some((path, contents)) = &self.inspected else {
            return;
        };
        ui.add_space(8.0);
        ui.group(|ui| {
            ui.label(format!("备份文件：{}", path.display()));
            match contents {
                Ok(contents) => {
                    if let Some(at) = contents.modified_at {
                        ui.label(modified_text(at));
                    }
                    ui.label(format!("{contents:#}"));
                    if let Some(comparison) = &self.comparison
                        && let Some(warning) = comparison.undone.other_database_warning()
                    {
                        let colour = if comparison.undone.undoes_restore_of.is_some() {
                            ui.visuals().warn_fg_color
                        } else {
                            ui.visuals().error_fg_color
                        };
                        ui.colored_label(colour, warning);
                    }
                    if access.button(ui, "恢复此备份…").clicked() {
                        // Looked at again as the question opens: what the restore undoes
                        // includes what was done since the backup was first looked at.
                        commands.push(Command::InspectBackup(path.clone()));
                        self.confirming = Some(path.clone());
                    }
                }
                Err(message) => {
                    // The path is on the line above: not said twice.
                    let tail = format!("：{}", path.display());
                    let message = message.strip_suffix(&tail).unwrap_or(message);
                    // Refused, the database open here is said to be unchanged.
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("{message}；当前数据库没有改动"),
                    );
                }
            }
        });
    }

    fn pick(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some((target, picker)) = &mut self.picking else {
            return;
        };
        let target = *target;
        match picker.show(ctx) {
            PickOutcome::Open => {}
            PickOutcome::Cancelled => self.picking = None,
            PickOutcome::Chosen(path) => {
                if target == Target::SaveInto
                    && let Some(button) = self.elsewhere_button
                {
                    ctx.data_mut(|d| d.insert_temp(started_by_id(), (button, false)));
                }
                self.last_elsewhere = match target {
                    Target::SaveInto => Some(path.clone()),
                    Target::RestoreFrom => path.parent().map(std::path::Path::to_path_buf),
                };
                commands.push(match target {
                    Target::SaveInto => Command::BackupInto(path),
                    Target::RestoreFrom => Command::InspectBackup(path),
                });
                self.picking = None;
            }
        }
    }
}

/// Noted when a restore is confirmed on this page.
fn restored_here_id() -> egui::Id {
    egui::Id::unique("backup_view_restored_here")
}

/// A restore confirmed here closes the panel of the backup (and its 恢复此备份…, which the
/// keyboard would go back to): once the question has gone, the keyboard goes to 立即备份 at the
/// page's top, not to the top of the window, unless it is somewhere already.
fn keyboard_after_restore(ui: &egui::Ui, backup_now: &egui::Response) {
    let id = restored_here_id();
    if ui.data(|d| d.get_temp::<bool>(id)).is_none()
        || ui.ctx().memory(egui::Memory::top_modal_layer).is_some()
    {
        return;
    }
    ui.data_mut(|d| d.remove::<bool>(id));
    if ui.memory(egui::Memory::focused).is_none() && backup_now.enabled() {
        backup_now.request_focus();
    }
}

/// Where the button that started a backup (立即备份 from the keyboard, or 备份到其他位置…
/// once its folder was chosen) is noted, with whether the backup was seen running.
fn started_by_id() -> egui::Id {
    egui::Id::unique("backup_started_by")
}

/// A backup greys both buttons while it runs, which takes the keyboard from the one that
/// started it: noted (`started`) as it starts, given back once the backup has run, unless the
/// clerk went on elsewhere meanwhile. Called every frame with `None`.
fn keyboard_after_backup(ui: &egui::Ui, started: Option<egui::Id>) {
    if let Some(button) = started {
        ui.data_mut(|d| d.insert_temp(started_by_id(), (button, false)));
        return;
    }
    let Some((button, has_run)) = ui.data(|d| d.get_temp::<(egui::Id, bool)>(started_by_id()))
    else {
        return;
    };
    let focused = ui.memory(egui::Memory::focused);
    let is_running = ui.read_response(button).is_some_and(|r| !r.enabled());
    if is_running {
        ui.data_mut(|d| d.insert_temp(started_by_id(), (button, true)));
    } else if focused.is_some_and(|id| id != button) {
        // Gone on elsewhere: nothing to give back.
        ui.data_mut(|d| d.remove::<(egui::Id, bool)>(started_by_id()));
    } else if has_run {
        if focused.is_none() {
            ui.memory_mut(|m| m.request_focus(button));
        }
        ui.data_mut(|d| d.remove::<(egui::Id, bool)>(started_by_id()));
    }
}
