//! The application: owns the store, the loaded data and the views; applies commands.

use std::path::Path;
use std::time::Instant;

use crate::store::{Store, StoreError};

use super::agreements::AgreementsView;
use super::app_data::Loaded;
use super::app_jobs::DraftJob;
use super::app_pdf::PdfJob;
use super::command::Command;
use super::import_dialog::ImportDialog;
use super::preview_window::Preview;
use super::settings_view::SettingsView;
use super::state::{UiState, View};
use super::toasts::Toasts;
use super::units_view::UnitsView;
use super::welcome::Welcome;

mod chrome;

/// Opens a file with the system's program; the error says so in the clerk's words, naming the
/// file.
pub type FileOpener = fn(&Path) -> Result<(), String>;

/// The zerenshu application.
pub struct App {
    pub(super) store: Option<Store>,
    open_error: Option<String>,
    /// The way on from `open_error`: another file, or a new one.
    pub(super) open_other: super::open_other::OpenOther,
    /// Set when the file is damaged: the screen that offers the newest good backup.
    pub(super) damaged: Option<super::app_safety::Damaged>,
    pub(super) state: UiState,
    pub(super) data: Loaded,
    pub(super) units_view: UnitsView,
    pub(super) agreements_view: AgreementsView,
    pub(super) assessment_view: super::assessment::AssessmentView,
    pub(super) statistics_view: super::statistics_view::StatisticsView,
    pub(super) report_actions: super::report_actions::ReportActions,
    pub(super) settings_view: SettingsView,
    pub(super) welcome: Option<Welcome>,
    /// The welcome dialog left for 备份与恢复 (从备份恢复): leaving 设置 with the database
    /// still not started brings it back, not screens with no year.
    pub(super) welcome_set_aside: Option<Welcome>,
    pub(super) import_dialog: Option<ImportDialog>,
    pub(super) toasts: Toasts,
    pub(super) commands: Vec<Command>,
    /// The question before another year or screen gives unsaved edits up, and where to go.
    pub(super) leave_question: super::discard_question::DiscardQuestion,
    pub(super) leaving: Option<super::app_leave::Leave>,
    /// Set once closing the window was asked for and nothing unsaved stands in the way.
    pub(super) is_quitting: bool,
    pub(super) draft_job: Option<DraftJob>,
    /// The page count of a scan chosen in the open scan form, while it runs.
    pub(super) scan_check: Option<super::scan_check_job::ScanCheckJob>,
    pub(super) pdf_job: Option<PdfJob>,
    /// 立即备份 or 备份到其他位置, while it runs.
    pub(super) backup_job: Option<super::backup_job::BackupJob>,
    /// Why the day's automatic backup failed, kept on 备份与恢复 until a backup into the
    /// backups folder succeeds (the toast that said it can be closed).
    pub(super) backup_failure: Option<String>,
    /// When the list of backups was last read while 备份与恢复 was shown.
    pub(super) backups_seen: Option<std::time::Instant>,
    /// A close was refused once because a job ran (a second one closes all the same).
    pub(super) close_refused_for_job: bool,
    /// The screen the publishing question was asked from (it is asked in 设置 → 年度设置):
    /// the clerk goes back there once the results are published, to export the notice.
    pub(super) publish_asked_from: Option<View>,
    /// The screen 导入自评表… was asked from (考核): the import is previewed on 通报与统计,
    /// and the clerk is taken back once it is done or given up.
    pub(super) forms_import_from: Option<View>,
    /// Set by a command that changed nothing (a look, a job started, a form's write refused):
    /// the data is not read again, so the open forms keep what was typed in them.
    pub(super) changed_nothing: bool,
    /// An export waiting for leave to replace files of the same names.
    pub(super) export_overwrite: Option<super::export_overwrite::ExportOverwrite>,
    pub(super) preview: Option<Preview>,
    /// A read-only window's look at the file and at the window that holds it.
    pub(super) read_only_watch: super::read_only_watch::ReadOnlyWatch,
    /// After a print file: mark its 已定稿 agreements 已打印?
    pub(super) printed_question: Option<super::printed_question::PrintedQuestion>,
    /// Opens a print file in the system's PDF viewer (replaced in tests, which have none).
    pub(super) file_opener: FileOpener,
    /// The fonts the PDFs are set in (installed office fonts first), loaded when the first
    /// preview opens.
    pub(super) fonts: std::sync::OnceLock<crate::pdf::fonts::FontSet>,
    /// The missing office fonts were said after an export or print file: once a session is
    /// enough (the fonts found do not change while the window is open).
    pub(super) fonts_warned: std::sync::OnceLock<()>,
    probe: Option<super::frame_probe::FrameProbe>,
    /// The window checked against the screen once.
    window_fit: super::window_fit::WindowFit,
}

impl App {
    /// Builds the app for eframe: installs the fonts, restores UI state and opens the database.
    #[must_use]
    pub fn new(cc: &eframe::CreationContext<'_>, db: &Path) -> Self {
        crate::fonts::install(&cc.egui_ctx);
        cc.egui_ctx.set_theme(egui::Theme::Light);
        // A scroll bar's handle shows before the pointer comes near: a page whose lower part
        // is out of sight (扣分项 and 一票否决项 under the indicator table, say) says so.
        cc.egui_ctx.all_styles_mut(|style| {
            style.spacing.scroll.dormant_handle_opacity = 0.6;
            style.spacing.scroll.dormant_background_opacity = 0.3;
        });
        let state: UiState = cc
            .storage
            .and_then(|storage| eframe::get_value(storage, eframe::APP_KEY))
            .unwrap_or_default();
        super::file_picker::open_where_left(
            state.last_folder.clone(),
            state.chooser_folders.clone(),
        );
        let mut app = Self::from_opened(super::app_safety::open_for_window(db), state);
        // A new database made elsewhere takes the name asked for: made in the folder the
        // start named, it is the file the next start opens.
        app.open_other.name_new_files_as(db);
        app
    }

    /// The welcome dialog again once the clerk who left it to restore a backup leaves 设置 with
    /// nothing restored: the database is still not started, and no other screen has a year.
    fn welcome_again_unless_restored(&mut self) {
        if self.state.view == View::Settings {
            return;
        }
        let Some(welcome) = self.welcome_set_aside.take() else {
            return;
        };
        if let Some(store) = &self.store
            && store.read_only_reason().is_none()
            && matches!(store.is_initialized(), Ok(false))
        {
            self.welcome = Some(welcome);
        }
    }

    /// Builds the app on the database as the window opened it, with what the opening found.
    pub(super) fn from_opened(opened: super::app_safety::Opened, state: UiState) -> Self {
        let mut app = Self::with_store(opened.store, state);
        // A file not started yet gets its first one once the welcome dialog has set it up
        // (see `first_daily_backup`): a job started now could race that.
        let is_started = (app.store.as_ref()).is_some_and(|s| s.is_initialized().unwrap_or(true));
        if opened.takes_daily_backup && is_started {
            app.start_backup(super::backup_job::BackupTarget::Daily);
        }
        if let Some(found) = opened.found
            && let Some(welcome) = &mut app.welcome
        {
            welcome.warn_of(found, opened.is_found_now);
        }
        app
    }

    /// Builds the app on an opened store (or the error opening it); used by `new` and by tests.
    #[must_use]
    pub fn with_store(store: Result<Store, StoreError>, state: UiState) -> Self {
        let (store, open_error, damaged) = match store {
            Ok(store) => (Some(store), None, None),
            Err(error) => match &error {
                StoreError::Damaged { path, .. } => {
                    let damaged = super::app_safety::Damaged::new(path, &error, state.year);
                    (None, None, Some(damaged))
                }
                _ => (None, Some(error.to_string()), None),
            },
        };
        let read_only_watch = super::read_only_watch::ReadOnlyWatch::of(store.as_ref());
        let mut app = Self {
            read_only_watch,
            store,
            open_error,
            open_other: super::open_other::OpenOther::default(),
            damaged,
            state,
            data: Loaded::default(),
            units_view: UnitsView::default(),
            agreements_view: AgreementsView::default(),
            assessment_view: super::assessment::AssessmentView::default(),
            statistics_view: super::statistics_view::StatisticsView::default(),
            report_actions: super::report_actions::ReportActions::default(),
            settings_view: SettingsView::default(),
            welcome: None,
            welcome_set_aside: None,
            import_dialog: None,
            toasts: Toasts::default(),
            commands: Vec::new(),
            leave_question: super::discard_question::DiscardQuestion::default(),
            leaving: None,
            is_quitting: false,
            draft_job: None,
            scan_check: None,
            pdf_job: None,
            backup_job: None,
            backup_failure: None,
            backups_seen: None,
            close_refused_for_job: false,
            publish_asked_from: None,
            forms_import_from: None,
            changed_nothing: false,
            export_overwrite: None,
            preview: None,
            printed_question: None,
            file_opener: super::open_path::open_in_system,
            fonts: std::sync::OnceLock::new(),
            fonts_warned: std::sync::OnceLock::new(),
            probe: None,
            window_fit: super::window_fit::WindowFit::default(),
        };
        app.assessment_view.set_skips_self(app.state.skips_self);
        if let Some(store) = &app.store {
            match store.is_initialized() {
                // A read-only window cannot load or start anything: it shows what is there.
                Ok(false) if store.read_only_reason().is_none() => {
                    let path = (store.path()).map(|p| p.display().to_string());
                    let path = path.unwrap_or_default();
                    app.welcome = Some(Welcome::for_operator(store.operator(), path));
                    // A new database starts at its register, not at the screen another
                    // database was left on.
                    app.state.view = View::Units;
                }
                Ok(_) => {}
                Err(error) => app.toasts.error(error.to_string()),
            }
        }
        app.reload();
        app
    }

    /// Opens another database file in place of the one that could not be opened.
    pub(super) fn open_instead(&mut self, path: &Path) {
        let opened = super::app_safety::open_for_window(path);
        // The name a new database takes stays that of the start (see `OpenOther`).
        let open_other = std::mem::take(&mut self.open_other);
        *self = Self::from_opened(opened, self.state.clone());
        self.open_other.keep_name_of(&open_other);
    }

    /// Opens the database again for writing, once the window that held it has closed; says
    /// who holds it if another took it meanwhile.
    fn reopen_writable(&mut self, path: &Path) {
        // The read-only connection goes first, so that only one of this window's is open.
        self.store = None;
        // The 设置 tab looked at stays in view (年度设置, say, to change what was only read).
        let tab = self.settings_view.tab;
        self.open_instead(path);
        self.settings_view.tab = tab;
        match self.store.as_ref().map(Store::read_only_reason) {
            Some(None) => self.toasts.success("已改为可修改"),
            Some(Some(why)) => {
                let message = format!("仍不能修改：{why}");
                self.toasts.error(message);
            }
            None => {}
        }
    }

    /// Prints the time to the first frame and closes the window after it (start-up benchmark).
    pub fn exit_after_first_frame(&mut self, started: Instant) {
        self.probe = Some(super::frame_probe::FrameProbe::FirstFrame(started));
    }

    /// Times `frames` frames of the opened screen (scrolling its table when `scroll` is set),
    /// prints the median, 95th percentile and maximum, and closes the window (benchmark).
    pub fn time_frames(&mut self, frames: usize, scroll: bool) {
        self.probe = Some(super::frame_probe::FrameProbe::Frames {
            wanted: frames,
            scroll,
            samples: Vec::new(),
        });
    }

    /// The UI state (for tests).
    #[must_use]
    pub fn state(&self) -> &UiState {
        &self.state
    }

    /// The store, if it opened (for tests).
    #[must_use]
    pub fn store(&self) -> Option<&Store> {
        self.store.as_ref()
    }

    /// Queues a command as if a view had pushed it; applied after the next frame (for tests).
    #[doc(hidden)]
    pub fn queue_command(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// Replaces what opens a print file in the system's PDF viewer (for tests: whether a
    /// viewer opened decides what follows the file).
    #[doc(hidden)]
    pub fn set_file_opener(&mut self, opener: FileOpener) {
        self.file_opener = opener;
    }

    /// Toast texts on screen (for tests).
    pub fn toast_texts(&self) -> impl Iterator<Item = &str> {
        self.toasts.texts()
    }

    pub(super) fn apply(&mut self, command: Command) {
        // Only looks: the open form waits for its answer, and nothing is read again.
        if let Command::CheckScanPages { id, paths } = &command {
            self.check_scan_pages(*id, paths);
            return;
        }
        if let Command::GoTo(place) = command {
            self.go_to(place);
            return;
        }
        let Some(command) = self
            .apply_safety(command)
            .and_then(|command| self.apply_workflow(command))
            .and_then(|command| self.apply_import(command))
            .and_then(|command| self.apply_report(command))
        else {
            if !std::mem::take(&mut self.changed_nothing) {
                self.reload();
            }
            return;
        };
        if command == Command::RefreshBackups {
            self.refresh_backups();
            return;
        }
        self.apply_register(command);
        self.reload();
    }
}

/// The key under which eframe keeps egui's memory between runs.
const EGUI_MEMORY_KEY: &str = "egui";

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, frame: &mut eframe::Frame) {
        self.window_fit.check(ui.ctx());
        if let Some(closed) = self.preview.take_if(|p| p.takes_escape(ui.ctx())) {
            closed.give_keyboard_back(ui.ctx());
        }
        if let Some(preview) = &mut self.preview {
            preview.take_page_keys(ui.ctx());
        }
        if let Some(damage) = self.store.as_ref().and_then(Store::damage) {
            self.show_damage(&damage);
        }
        // Another window (or a command) put another file in its place (a backup restored, a
        // new database made): opened again, as a read-only window does when its file is
        // replaced; said once it opened, whatever the file is.
        let replaced = (self.damaged.as_mut())
            .and_then(|d| d.was_replaced(ui.ctx()).then(|| d.db().to_owned()));
        if let Some(db) = replaced
            && !self.jobs_still_running()
        {
            self.open_instead(&db);
            if self.store.is_some() {
                self.toasts.success(
                    "数据库文件已被另一窗口或命令换成了另一个文件（如从备份恢复），已重新打开",
                );
            }
        }
        if self.damaged.is_some() {
            if self.jobs_still_running() {
                ui.ctx()
                    .request_repaint_after(std::time::Duration::from_millis(100));
            }
            self.show_damaged(ui);
            self.toasts.show(ui.ctx());
            super::steady_modal::cover_after_close(ui.ctx());
            for command in std::mem::take(&mut self.commands) {
                self.apply(command);
            }
            if self.store.is_some() {
                self.reload();
            }
            return;
        }
        if let Some(error) = &self.open_error {
            if let Some(path) = self.open_other.show(ui, error) {
                self.open_instead(&path);
            }
            self.toasts.show(ui.ctx());
            super::steady_modal::cover_after_close(ui.ctx());
            return;
        }
        self.top_bar(ui);
        self.navigation(ui);
        // Another database chosen from 设置 (nothing left unsaved when it was asked for).
        if let Some(path) = self.open_other.chosen(ui.ctx()) {
            self.open_instead(&path);
            ui.ctx().request_repaint();
            return;
        }
        // 考核 marks the units that failed two years in a row, which the statistics find; 设置
        // asks before publishing what the notice would say wrongly, which they say.
        if matches!(
            self.state.view,
            View::Notice | View::Assessment | View::Settings
        ) {
            self.fresh_statistics();
        }
        if self.state.view == View::Settings
            && self.settings_view.tab == super::settings_view::SettingsTab::Backups
        {
            self.watch_backups(ui.ctx());
        }
        if self.state.view == View::Notice {
            egui::CentralPanel::default().show(ui, |ui| self.notice_view(ui));
        } else {
            if self.state.view == View::Units {
                self.read_former_names();
            }
            let access = super::write_access::WriteAccess::of(self.store.as_ref());
            egui::CentralPanel::default().show(ui, |ui| match self.state.view {
                View::Units => {
                    self.units_view.set_read_only(access.why());
                    let data = super::units_view::UnitsData {
                        units: &self.data.units,
                        former_names: self.data.former_names.as_ref(),
                        categories: &self.data.categories,
                        generation: self.data.generation,
                        agreements: &self.data.year_data.agreements,
                        year_keeps_units: self.data.year_keeps_units,
                        open_agreements: &self.data.open_agreements,
                    };
                    self.units_view
                        .show(ui, &data, &mut self.state, &mut self.commands);
                }
                View::Settings => {
                    let operator = self.store.as_ref().map_or("", Store::operator);
                    // Shown in full, so the clerk can find the files whatever folder the program
                    // was started in.
                    let path = (self.store.as_ref().and_then(Store::path))
                        .map(|p| std::path::absolute(p).unwrap_or_else(|_| p.to_owned()));
                    let shown = path.as_ref().map(|p| p.display().to_string());
                    let folder = (path.as_ref())
                        .map(|p| crate::store::backup::backup_folder(p).display().to_string());
                    let data = super::settings_view::SettingsData {
                        categories: &self.data.categories,
                        category_uses: &self.data.category_uses,
                        units: &self.data.units,
                        operator,
                        operator_unnamed: self.data.operator_unnamed,
                        db_path: shown.as_deref(),
                        backup_place: super::backup_view::BackupPlace {
                            backups: &self.data.backups,
                            folder: folder.as_deref(),
                            is_backing_up: self.backup_job.is_some(),
                            failure: self.backup_failure.as_deref(),
                            is_damaged: super::app_safety::is_damaged_look(access.why()),
                        },
                        year: self.state.year,
                        newest_year: self.data.years.iter().copied().max(),
                        previous_year: (self.data.years.iter().copied())
                            .filter(|y| self.state.year.is_some_and(|shown| *y < shown))
                            .max()
                            .map(|y| (y, self.data.published_years.contains(&y))),
                        year_data: &self.data.year_data,
                        has_document_number: self.data.has_document_number,
                        publish_note: self.data.statistics.publish_note.clone(),
                        notice_refusal: self.data.statistics.notice_refusal.clone(),
                        republish_note: self.data.republish_note.clone(),
                        publication: self.data.publication.clone(),
                        access,
                        role_fonts: &crate::pdf::font_roles::role_fonts(
                            self.fonts
                                .get_or_init(crate::pdf::fonts::FontSet::with_installed),
                        ),
                    };
                    self.settings_view.show(ui, &data, &mut self.commands);
                }
                View::Agreements => {
                    let context = super::app_data::year_context(&self.data, self.store.as_ref());
                    let progress = self.draft_job.as_ref().map(DraftJob::progress);
                    self.agreements_view
                        .show(ui, &context, progress.as_ref(), &mut self.commands);
                }
                View::Assessment => {
                    let context = super::app_data::year_context(&self.data, self.store.as_ref());
                    self.assessment_view.show(
                        ui,
                        &context,
                        &self.data.repeated_failures,
                        &mut self.commands,
                    );
                    // Kept for the next run, as the window's other choices are.
                    self.state.skips_self = self.assessment_view.skips_self();
                }
                // Drawn above, by `notice_view`.
                View::Notice => {}
            });
        }
        self.welcome_again_unless_restored();
        if let Some(welcome) = &mut self.welcome
            && let Some(command) = welcome.show(ui.ctx())
        {
            self.commands.push(command);
        }
        if let Some(command) = self.show_import_dialog(ui.ctx()) {
            self.commands.push(command);
        }
        // The publishing question answered 取消: back where it was asked from.
        if self.settings_view.take_publish_cancelled()
            && let Some(view) = self.publish_asked_from.take()
        {
            self.state.view = view;
        }
        // Polled after the panels are drawn: each answer taken here asks for a repaint, so that
        // it shows at once, not when the mouse next moves.
        self.poll_draft_job(ui.ctx());
        self.poll_scan_check(ui.ctx());
        self.poll_backup_job(ui.ctx());
        self.show_pdf_job(ui.ctx());
        self.show_printed_question(ui.ctx());
        self.show_export_overwrite(ui.ctx());
        self.show_preview(ui.ctx());
        if self.running_job().is_none() {
            self.close_refused_for_job = false;
        }
        self.on_close_request(ui.ctx());
        self.show_leave_question(ui.ctx());
        if self.is_quitting {
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
        self.toasts.show(ui.ctx());
        super::steady_modal::cover_after_close(ui.ctx());
        super::steady_modal::return_focus_after_close(ui.ctx());
        super::placeholder_insert::refocus_after_insert(ui.ctx());
        let commands = std::mem::take(&mut self.commands);
        if !commands.is_empty() {
            // The frame just drawn predates the commands' effects, so draw another.
            ui.ctx().request_repaint();
        }
        for command in commands {
            self.apply(command);
        }
        self.back_from_forms_import();
        if let Some(probe) = &mut self.probe
            && probe.after_frame(ui.ctx(), frame.info().cpu_usage)
        {
            self.probe = None;
            // A benchmark closes at once, whatever job runs (the day's backup at start).
            self.is_quitting = true;
            ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
        }
    }

    fn raw_input_hook(&mut self, _ctx: &egui::Context, raw_input: &mut egui::RawInput) {
        if let Some(probe) = &self.probe {
            probe.add_input(raw_input);
        }
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        self.state.last_folder = super::file_picker::where_left();
        self.state.chooser_folders = super::file_picker::where_each_was_left();
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
        // egui's memory saved by an earlier version (see `persist_egui_memory`) would still be
        // read at every start: it is blanked, and read as nothing.
        storage.set_string(EGUI_MEMORY_KEY, String::new());
    }

    /// What is kept between runs is `UiState` (screen, year, filters) and the window's size;
    /// not egui's own memory, so that every list opens at its top and every editor at its
    /// title, not scrolled where it was left the day before.
    fn persist_egui_memory(&self) -> bool {
        false
    }
}
