//! The window's backups on the backup thread (see `backup_job`): started, polled each frame,
//! and said when done; at once where no thread can take them (a read-only window, memory).

use super::app::App;
use super::backup_job::{BackupDone, BackupJob, BackupTarget};

impl App {
    /// Backs up to `target`: on a thread for a file database the window may write (its own
    /// connection reads the file while the window goes on), at once otherwise (a read-only
    /// window's data may be a migrated copy in memory, which only its own connection has).
    pub(super) fn start_backup(&mut self, target: BackupTarget) {
        if self.backup_job.is_some() {
            self.toasts.error("正在备份，请等这次备份完成");
            return;
        }
        let Some(store) = &self.store else { return };
        let path = store.path().filter(|_| store.read_only_reason().is_none());
        if let Some(db) = path {
            match BackupJob::start(db, target) {
                Ok(job) => self.backup_job = Some(job),
                Err(message) => self.toasts.error(message),
            }
            return;
        }
        let done = super::backup_job::take_backup(store, target.clone());
        self.backup_done(&target, done);
    }

    /// Takes the answer of a running backup and says it.
    pub(super) fn poll_backup_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.backup_job else { return };
        match job.answer() {
            Some(done) => {
                let target = job.target().clone();
                self.backup_job = None;
                ctx.request_repaint();
                self.backup_done(&target, done);
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(100)),
        }
    }

    /// Says how a backup to `target` went (the day's only when it failed); a new backup in
    /// `backups/` joins the list. Damage found in the database itself (its faithful copy failed
    /// the check) stops the work there: the screen for a damaged file takes over, offering the
    /// newest good backup, as when such a file is opened.
    fn backup_done(&mut self, target: &BackupTarget, done: BackupDone) {
        if let Err(error) = &done
            && let Some(damage) = self.as_damage(error)
        {
            self.show_damage(&damage);
            return;
        }
        // A backup into the folder done: the day's failure, if any, is mended.
        let is_into_folder = matches!(target, BackupTarget::Daily | BackupTarget::BackupsFolder);
        if is_into_folder && done.is_ok() {
            self.backup_failure = None;
        }
        match done {
            Ok(_) if *target == BackupTarget::Daily => self.refresh_backups(),
            Err(error) if *target == BackupTarget::Daily => {
                self.warn_daily_backup_failed(format!("今天的自动备份没有成功：{error}"));
            }
            Ok(None) => {}
            Ok(Some(taken)) => {
                let folder = crate::io::destination::folder_of(&taken.path).to_path_buf();
                let said = match taken.unchanged_since {
                    Some(at) => format!(
                        "数据自上次手动备份（{}）以来没有变化，没有重复备份：\n{}",
                        crate::model::dates::show_date_time(at),
                        taken.path.display()
                    ),
                    None => format!("已备份并通过完整性检查：\n{}", taken.path.display()),
                };
                // What is typed and not saved is not in the database, so not in the backup.
                let unsaved = self.settings_view.unsaved();
                let said = if unsaved.is_empty() {
                    said
                } else {
                    format!("{unsaved}中未保存的修改不在备份中（请先保存）；{said}")
                };
                self.toasts.success_with_action(said, "打开文件夹", folder);
                if *target == BackupTarget::BackupsFolder {
                    self.refresh_backups();
                }
            }
            Err(error) => {
                // The folder beside the database cannot be written (a read-only medium or
                // folder): the copy elsewhere still can be made.
                let elsewhere = if *target == BackupTarget::BackupsFolder
                    && matches!(error, crate::store::StoreError::Write { .. })
                {
                    "；可改用“备份到其他位置…”，备份到 U 盘或其他可写的文件夹"
                } else {
                    ""
                };
                let failure = format!("备份失败：{error}{elsewhere}");
                // A folder chosen for 备份到其他位置 is chosen again, the failure said there.
                if let BackupTarget::File(out) = target {
                    let folder = crate::io::destination::folder_of(out);
                    (self.settings_view.backups)
                        .choose_again_after(folder, format!("{failure}；请换一个文件夹"));
                }
                self.toasts.error(failure);
            }
        }
    }
}
