//! The app's side of data safety: opening the database for the window (read-only when another
//! process holds it or the place is not writable), the daily backup, the screen for a damaged
//! file with the newest good backup, and the backup, restore and audit commands.

use std::path::Path;

use crate::store::{self, Restored, Store, StoreError, backup};

use super::app::App;
use super::backup_job::BackupTarget;
use super::command::Command;

mod damaged;
mod damaged_screen;

pub use damaged::Damaged;

/// What a restore that met a full disk (`error`) needs, for a current file of `current`
/// bytes and a backup of `backup` bytes; nothing for another error.
fn room_needed(error: &StoreError, current: u64, backup: u64) -> String {
    let is_full = match error {
        StoreError::DiskFull => true,
        StoreError::Write { error, .. } => matches!(
            error.kind(),
            std::io::ErrorKind::StorageFull | std::io::ErrorKind::QuotaExceeded
        ),
        _ => false,
    };
    if !is_full || current == 0 {
        return String::new();
    }
    let show = super::byte_size::show;
    format!(
        "（恢复先备份当前数据（约 {}），再复制所选备份（约 {}），共需约 {} 的空闲空间）",
        show(current),
        show(backup),
        show(current + backup)
    )
}

/// How the read-only reason of a file or folder that cannot be written begins.
pub const NOT_WRITABLE: &str = "不能写入";

/// The read-only reason of a database that cannot be written for the store's `reason`
/// ("所在文件夹只读"): "不能写入，因为数据库所在文件夹只读".
#[must_use]
pub fn not_writable_why(reason: &str) -> String {
    format!("{NOT_WRITABLE}，因为数据库{reason}")
}

/// The read-only reason of a damaged file opened to look at it.
const DAMAGED_READ_ONLY: &str = "文件已损坏，仅供查看；要从备份恢复，请点顶部的“从备份恢复…”";

/// True when a window is read-only because its file is damaged (opened to look at it): a
/// backup of it would carry the damage on, and is not offered.
#[must_use]
pub fn is_damaged_look(why: Option<&str>) -> bool {
    why == Some(DAMAGED_READ_ONLY)
}

/// The database as opened for the window.
pub struct Opened {
    /// The store (read-only, with its reason, when another process holds the file), or why
    /// it could not be opened.
    pub store: Result<Store, StoreError>,
    /// True when the window may write the file: the day's first backup is then taken (on a
    /// thread, once the window is up: a large file's copy takes seconds).
    pub takes_daily_backup: bool,
    /// What was at the file's place before it was made, while the clerk has not started: a
    /// file found empty, none where a path was named (perhaps mistyped, or a drive not
    /// connected), or none beside its backups. Kept in the new file, so said at every start
    /// until the clerk starts.
    pub found: Option<store::FoundBeforeStart>,
    /// True when `found` was found at this opening (the file made now), false when an earlier
    /// start made the file and noted it.
    pub is_found_now: bool,
}

/// Opens the database for the window. When another process
/// holds it, or the file or folder cannot be written, it opens read-only; the reason (who holds
/// it and since when) becomes the window's banner.
///
/// A file that is not there while backups of it are beside it is not made anew: the window
/// offers the backups (see [`Damaged::missing`]), as for a file found empty; a new file there
/// is made only when the clerk asks ([`open_anew`]).
#[must_use]
pub fn open_for_window(db: &Path) -> Opened {
    if !db.exists() && !backup::list_backups(db).is_empty() {
        return Opened {
            store: Err(StoreError::Damaged {
                details: MISSING_DETAILS.to_owned(),
                path: db.to_owned(),
            }),
            takes_daily_backup: false,
            found: None,
            is_found_now: false,
        };
    }
    open_anew(db)
}

/// What a missing file beside its backups is said to be, in the error the window opens on.
const MISSING_DETAILS: &str = "文件不存在，备份文件夹中有它以前的备份";

/// Opens the database for the window as [`open_for_window`] does, making it where there is no
/// file, whatever backups are beside it.
#[must_use]
pub fn open_anew(db: &Path) -> Opened {
    let found = found_before_opening(db);
    let mut opened = open_store_for_window(db);
    if let Ok(store) = &mut opened.store {
        // Noted in the file only while nothing is in it yet; a note already there (an
        // earlier start's) is kept, and read back below.
        if let Some(found) = found
            && store.read_only_reason().is_none()
            && !store.is_initialized().unwrap_or(true)
            && let Err(error) = store.write(|w| w.note_found_before_start(found))
        {
            opened.store = Err(error);
            return opened;
        }
        opened.found = store.found_before_start().ok().flatten();
        opened.is_found_now = found.is_some();
    }
    opened
}

/// What is at the database's place before it is opened, when worth saying.
fn found_before_opening(db: &Path) -> Option<store::FoundBeforeStart> {
    if std::fs::metadata(db).is_ok_and(|m| m.is_file() && m.len() == 0) {
        return Some(store::FoundBeforeStart::EmptyFile);
    }
    if db.exists() {
        return None;
    }
    if !backup::list_backups(db).is_empty() {
        return Some(store::FoundBeforeStart::LostFile);
    }
    let is_default = crate::cli::default_db_path(false).is_ok_and(|default| default == db);
    (!is_default).then_some(store::FoundBeforeStart::NoFile)
}

/// Why a window is read-only while `holder` has the database. The clerk's own window opened
/// twice is said to be so, not named as a colleague would be.
pub(super) fn held_by(holder: Option<&crate::store::lock::LockHolder>) -> String {
    match holder {
        // A command at a terminal (an import waiting for its answer, say): named as such,
        // not sent looking for a window.
        Some(holder) if holder.is_this_computer() && !holder.command.is_empty() => format!(
            "本机正在运行的命令“zerenshu {}”（操作员 {}，{} 开始）正在使用，命令运行完毕后即可修改",
            holder.command,
            holder.operator,
            holder.since_shown()
        ),
        Some(holder) if holder.is_this_computer() => format!(
            "本机另一个程序窗口（操作员 {}，{} 打开）正在使用，修改请在那个窗口中进行",
            holder.operator,
            holder.since_shown()
        ),
        Some(holder) => format!("{holder}正在使用"),
        None => "另一个窗口正在使用".to_owned(),
    }
}

fn open_store_for_window(db: &Path) -> Opened {
    match Store::open(db) {
        Err(error @ (StoreError::Locked { .. } | StoreError::NotWritable { .. })) => {
            let why = match &error {
                StoreError::Locked { holder, .. } => held_by(holder.as_deref()),
                StoreError::NotWritable { reason, .. } => not_writable_why(reason),
                _ => String::new(),
            };
            Opened {
                store: Store::open_read_only_because(db, &why),
                takes_daily_backup: false,
                found: None,
                is_found_now: false,
            }
        }
        Ok(store) => Opened {
            store: Ok(store),
            takes_daily_backup: true,
            found: None,
            is_found_now: false,
        },
        Err(error) => Opened {
            store: Err(error),
            takes_daily_backup: false,
            found: None,
            is_found_now: false,
        },
    }
}

impl App {
    /// Applies the backup, restore and audit commands; hands others back.
    pub(super) fn apply_safety(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::RestoreOverDamaged(path) => self.restore_over_damaged(&path),
            Command::InspectBackup(path) => {
                let own_file = (self.store.as_ref().and_then(Store::path)).map_or(Ok(()), |db| {
                    crate::store::restore::refuse_own_file(&path, db)
                });
                let contents = own_file
                    .and_then(|()| backup::inspect_backup(&path))
                    .map_err(|e| e.to_string());
                // Beside what the backup holds: what there is now, and what a restore undoes.
                let comparison =
                    (self.store.as_ref())
                        .filter(|_| contents.is_ok())
                        .and_then(|store| {
                            Some(super::backup_view::RestoreComparison {
                                current: store.contents().ok()?,
                                undone: store.operations_since(&path).ok()?,
                            })
                        });
                self.settings_view
                    .backups
                    .show_contents(path, contents, comparison);
            }
            Command::SearchAudit { filter, limit } => {
                let Some(store) = &self.store else {
                    // Nothing to read: the list does not wait for it.
                    self.settings_view.audit.search_failed();
                    return None;
                };
                let found = store.audit_search(&filter, limit).and_then(|rows| {
                    let (operators, actions) = store.audit_choices()?;
                    Ok((rows, operators, actions))
                });
                match found {
                    Ok((rows, operators, actions)) => {
                        self.settings_view
                            .audit
                            .show_results(rows, operators, actions);
                    }
                    Err(error) => {
                        self.settings_view.audit.search_failed();
                        self.toasts.error(format!("读取操作记录失败：{error}"));
                    }
                }
            }
            Command::BackupNow => {
                let Some(store) = &self.store else {
                    return None;
                };
                // A backup only reads the file, read-only or not; a damaged one's would carry
                // the damage on.
                if is_damaged_look(store.read_only_reason()) {
                    self.toasts.error(super::backup_view::DAMAGED_NO_BACKUP);
                } else {
                    self.start_backup(BackupTarget::BackupsFolder);
                }
            }
            Command::BackupInto(folder) => {
                let Some(store) = &self.store else {
                    return None;
                };
                let stem = store
                    .path()
                    .and_then(Path::file_stem)
                    .map_or_else(|| "zerenshu".into(), |s| s.to_string_lossy().into_owned());
                let stamp = chrono::Local::now().format("%Y%m%d-%H%M%S");
                let out = folder.join(format!("{stem}-备份-{stamp}.sqlite3"));
                self.start_backup(BackupTarget::File(out));
            }
            Command::RestoreBackup(path) => self.restore(&path),
            Command::AskStartOver => {
                let Some(store) = &self.store else {
                    return None;
                };
                match store.contents() {
                    Ok(contents) => {
                        let year = super::welcome::proposed_year(chrono::Local::now().date_naive());
                        // Asked more firmly when in doubt (the log cannot be read).
                        let is_own_data = !store.started_with_demo().unwrap_or(false);
                        (self.settings_view.backups).ask_start_over(
                            contents.to_string(),
                            year,
                            is_own_data,
                        );
                    }
                    Err(error) => self.toasts.error(error.to_string()),
                }
            }
            Command::StartOver { party_a_name, year } => self.start_over(&party_a_name, year),
            other => return Some(other),
        }
        None
    }

    /// Whether a job that reads the file runs; the file is not swapped under it.
    fn refuse_swap_while_busy(&mut self, what: &str) -> bool {
        let running = self.running_job();
        if let Some(job) = running {
            self.toasts.error(format!("请等{job}结束后再{what}"));
        }
        running.is_some()
    }

    fn restore(&mut self, path: &Path) {
        if self.refuse_swap_while_busy("恢复备份") {
            return;
        }
        let Some(store) = &mut self.store else { return };
        // What the restore undoes, said once it is done (the question said it before).
        let undone = store.operations_since(path).ok();
        // A file made anew (nothing in it yet) has no operation to undo, yet all it shows changes.
        let was_blank = store.is_initialized().is_ok_and(|done| !done);
        match store.restore_from(path) {
            Ok(restored) => {
                // What comes back with it, as the question said.
                let back = (undone.as_ref())
                    .and_then(crate::store::Undone::brought_back_done)
                    .map_or_else(String::new, |back| format!("；{back}"));
                let undone = match undone
                    .as_ref()
                    .map(|u| (u.other_database || was_blank, u.done_summary()))
                {
                    Some((_, Some(summary))) => format!("：数据已回到备份时的样子，{summary}"),
                    // The last restore undone: what it undid is back, nothing since is lost.
                    _ if undone.as_ref().is_some_and(|u| u.undoes_start_over) => {
                        "：已撤销清空数据，数据回到清空之前的样子".to_owned()
                    }
                    _ if undone
                        .as_ref()
                        .is_some_and(|u| u.undoes_restore_of.is_some()) =>
                    {
                        "：已撤销上次恢复，数据回到那次恢复之前的样子".to_owned()
                    }
                    // Another database's file, or data into a file not started yet: all there
                    // was is replaced, with no operation of its own to undo.
                    Some((true, None)) => "：当前的数据已全部换成备份中的数据".to_owned(),
                    _ if undone.as_ref().is_some_and(|u| u.is_restored_already) => {
                        "：当前数据本就是上次从这份备份恢复的，数据没有变化".to_owned()
                    }
                    // Unchanged, unless operations the backup has come back (said after).
                    Some((false, None)) if back.is_empty() => {
                        "：备份之后没有新的操作，数据没有变化".to_owned()
                    }
                    Some((false, None)) => "：备份之后没有新的操作".to_owned(),
                    None => String::new(),
                };
                let done = format!("已恢复备份{undone}{back}\n{}", path.display());
                let kept = format!("恢复前的数据已备份到：\n{}", restored.safety.display());
                self.after_swap(&restored, "恢复备份", &done, &kept);
                if restored.is_open {
                    self.welcome_if_blank();
                }
            }
            // Damage the quick check at opening missed, found by the backup taken first: the
            // screen for a damaged file takes over, its backups on offer, the file kept aside.
            Err(error) => {
                if let Some(damage) = self.as_damage(&error) {
                    self.show_damage(&damage);
                    return;
                }
                // Nothing swapped (see `Store::restore_from`): said, as the clerk fears it,
                // unless the reason says so already.
                let room = self.room_for_restore(&error, path);
                let untouched = if error.says_data_untouched() {
                    ""
                } else {
                    "；当前数据没有改动"
                };
                self.toasts
                    .error(format!("恢复失败：{error}{room}{untouched}"));
            }
        }
    }

    /// For a restore that ran out of disk space, how much it needs: a backup of the current
    /// data first, then the chosen backup's copy (the disk may have room for one, not both).
    fn room_for_restore(&self, error: &StoreError, backup: &Path) -> String {
        let size = |path: &Path| std::fs::metadata(path).map_or(0, |m| m.len());
        let current = (self.store.as_ref().and_then(Store::path)).map_or(0, size);
        room_needed(error, current, size(backup))
    }

    /// Replaces the data by a blank register of `year` (清空数据，从空白开始).
    fn start_over(&mut self, party_a_name: &str, year: i32) {
        if self.refuse_swap_while_busy("清空数据") {
            return;
        }
        let Some(store) = &mut self.store else { return };
        match store.start_over(party_a_name, year) {
            Ok(restored) => {
                self.state.year = Some(year);
                let done = format!("已清空原有数据，建立了 {year} 年度，请在“单位”中添加责任单位");
                let kept = format!("原有数据已备份到：\n{}", restored.safety.display());
                self.after_swap(&restored, "清空数据", &done, &kept);
            }
            Err(error) => self.toasts.error(format!("没有清空：{error}")),
        }
    }

    /// After the database file was swapped (`what`: 恢复备份, 清空数据): the views that held
    /// the old data forget it, and a file that could not be opened again is opened anew, as
    /// at a start (which shows why it cannot be opened if it still cannot; never a window
    /// over an empty placeholder). The toast says `done` or what went wrong, and `kept`.
    fn after_swap(&mut self, restored: &Restored, what: &str, done: &str, kept: &str) {
        let mut warning = restored.warning.clone();
        if restored.is_open {
            self.settings_view.backups.reset();
            self.settings_view.audit = super::audit_view::AuditView::default();
            // Edits of the data replaced were given up (the question said so): none is
            // named later as if it were still waiting.
            self.settings_view.discard_unsaved();
            self.agreements_view.discard_unsaved();
            self.units_view.discard_unsaved();
            self.report_actions.discard_unsaved();
            self.assessment_view.forget_typed();
        } else if let Some(db) = (self.store.as_ref()).and_then(|s| s.path().map(Path::to_owned)) {
            self.store = None;
            self.open_instead(&db);
            if (self.store.as_ref()).is_some_and(|s| s.read_only_reason().is_none()) {
                warning = Some(format!(
                    "{done}。之后第一次重新打开没有成功，已再次打开，可以照常使用；这次{what}没有记入操作记录"
                ));
            }
        }
        match &warning {
            Some(warning) => self.toasts.warning(format!("{warning}\n{kept}")),
            None => self.toasts.success(format!("{done}\n{kept}")),
        }
    }

    /// After a restore: a backup taken before the office started (no demo, no blank start)
    /// brings the welcome dialog back, as at a first start.
    fn welcome_if_blank(&mut self) {
        if let Some(store) = &self.store
            && store.read_only_reason().is_none()
            && store.is_initialized().is_ok_and(|done| !done)
        {
            self.welcome = Some(super::welcome::Welcome::default());
        }
    }

    /// Asks a running export to stop (a damaged file is worked on no further), and lets the
    /// screen of the damaged file see the window's jobs end, their results set aside.
    pub(super) fn stop_jobs(&mut self) {
        if let Some(job) = &self.pdf_job {
            job.stop();
        }
    }

    /// Clears the jobs that ended; true while one still runs.
    pub(super) fn jobs_still_running(&mut self) -> bool {
        if self
            .draft_job
            .as_mut()
            .is_some_and(super::app_jobs::DraftJob::has_ended)
        {
            self.draft_job = None;
        }
        if self
            .pdf_job
            .as_ref()
            .is_some_and(super::app_pdf::PdfJob::has_ended)
        {
            self.pdf_job = None;
        }
        if self
            .scan_check
            .as_ref()
            .is_some_and(|job| job.answer().is_some())
        {
            self.scan_check = None;
        }
        if (self.backup_job.as_ref()).is_some_and(|job| job.answer().is_some()) {
            self.backup_job = None;
        }
        self.running_job().is_some()
    }

    /// The day's backup failed (`warning` says so and why): it stays on screen until closed (a
    /// clerk who looked away must still learn there is no backup of today), with the way to
    /// the backups folder, or to the database's own when that could not be made.
    pub(super) fn warn_daily_backup_failed(&mut self, warning: String) {
        self.backup_failure = Some(warning.clone());
        let db = self.store.as_ref().and_then(Store::path);
        let folder = (db.map(store::backup::backup_folder))
            .filter(|folder| folder.is_dir())
            .or_else(|| db.map(|db| crate::io::destination::folder_of(db).to_path_buf()));
        match folder {
            Some(folder) => self
                .toasts
                .warning_with_action(warning, "打开备份文件夹", folder),
            None => self.toasts.error(warning),
        }
    }

    /// Says on the screen of the damaged (or missing) file that restoring failed, and why.
    fn say_restore_failed(&mut self, error: &StoreError) {
        if let Some(damaged) = &mut self.damaged {
            damaged.message = format!("恢复失败：{error}");
            damaged.technical = error.technical_details().map(str::to_owned);
        }
    }

    /// Rebuilds a database file that is no longer there from `backup` (see
    /// [`store::restore_missing`]) and opens it.
    fn restore_missing(&mut self, db: &Path, backup: &Path) {
        let warning = match store::restore_missing(db, backup) {
            Ok(warning) => warning,
            Err(error) => {
                self.say_restore_failed(&error);
                return;
            }
        };
        let state = self.state.clone();
        *self = Self::from_opened(open_anew(db), state);
        if self.store.is_some() {
            self.toasts.success(format!(
                "已从备份恢复，数据库文件已在原处重建：{}",
                db.display()
            ));
        }
        if let Some(warning) = warning {
            self.toasts.warning(warning);
        }
    }

    /// Makes a new database where the missing one was, leaving its backups as they are; the
    /// welcome dialog then says the file was lost, its backups kept, and offers them first
    /// (see [`open_anew`]).
    pub(super) fn make_missing_anew(&mut self, db: &Path) {
        // The lost file's `-wal` would be dropped by the new file's first open: kept aside.
        if let Err(error) = store::set_aside_leftovers(db) {
            self.toasts.error(format!("没有新建：{error}"));
            return;
        }
        let state = self.state.clone();
        *self = Self::from_opened(open_anew(db), state);
    }

    fn restore_over_damaged(&mut self, backup: &Path) {
        if self.jobs_still_running() {
            self.refuse_swap_while_busy("恢复备份");
            return;
        }
        let Some(damaged) = &self.damaged else { return };
        let db = damaged.db.clone();
        if damaged.missing {
            self.restore_missing(&db, backup);
            return;
        }
        let restored = match store::restore_over_damaged(&db, backup) {
            Ok(restored) => restored,
            Err(error) => {
                self.say_restore_failed(&error);
                return;
            }
        };
        let kept = restored.kept.display();
        match Store::open(&db) {
            Ok(store) => {
                // The day's backup the damaged start could not take, taken of the restored
                // data now (a backup picked from elsewhere may be the only copy).
                let daily = store.daily_backup();
                self.store = Some(store);
                self.damaged = None;
                self.toasts
                    .success(format!("已从备份恢复。损坏的文件已原样保存为：{kept}"));
                if let Err(error) = daily {
                    self.warn_daily_backup_failed(format!("今天的自动备份没有成功：{error}"));
                }
                if let Some(warning) = restored.warning {
                    self.toasts.warning(warning);
                }
                self.welcome_if_blank();
            }
            // The backup is in place: restoring again would put the restored file aside too.
            Err(error) => {
                if let Some(damaged) = &mut self.damaged {
                    // The file in place is this restore's: not taken later for another's.
                    damaged.own_file_in_place();
                    damaged.message = format!(
                        "已从备份恢复（损坏的文件已原样保存为：{kept}），但没能打开恢复后的文件：{error}。请先解决这个问题（如磁盘空间不足），再关闭程序重新打开，不要再次恢复"
                    );
                    damaged.technical = error.technical_details().map(str::to_owned);
                }
            }
        }
    }
}

#[cfg(test)]
#[path = "app_safety_tests.rs"]
mod tests;
