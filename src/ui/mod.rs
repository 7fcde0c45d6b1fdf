//! The egui application: one file per view, an [`App`] that owns them, toasts and shared widgets.
//!
//! Views draw from already-loaded data and push [`Command`]s; the app applies them after the
//! frame, writes through the store and reloads what changed. No SQL runs while drawing.

mod agreements;
mod app;
mod app_backup;
mod app_data;
mod app_import;
mod app_jobs;
mod app_leave;
mod app_notice_view;
mod app_pdf;
mod app_register;
mod app_reports;
mod app_safety;
mod app_workflow;
mod archive_question;
mod assessment;
mod assessment_detail;
mod audit_format;
mod audit_undone;
mod audit_view;
mod backup_job;
mod backup_view;
mod blank_start_fields;
mod byte_size;
mod category_list;
mod category_picker;
mod command;
mod confirm;
mod diff_formats;
mod discard_question;
mod drawable_text;
mod enter_key;
mod export_overwrite;
mod file_picker;
mod focus_ring;
mod follow_focus;
mod former_names;
mod frame_probe;
mod import_dialog;
mod kept_room;
mod list_keys;
mod new_field_focus;
mod open_other;
mod open_path;
mod pick;
mod placeholder_insert;
mod preview_fonts;
mod preview_window;
mod printed_lines;
mod printed_question;
mod read_only_watch;
mod red_frame;
mod redo_pending;
mod report_actions;
mod row_height;
mod save_key;
mod scan_check_job;
mod score_import_dialog;
mod search_box;
mod searchable_combo;
mod settings_view;
mod sideways;
mod stale_exports;
mod start_over;
mod state;
mod statistics_view;
mod steady_modal;
mod toasts;
mod unit_form;
mod units_view;
mod welcome;
mod window_error;
mod window_fit;
mod wording_dialog;
mod wording_preview;
mod wrapped_lines;
mod write_access;
mod year_actions;
mod year_bands;
mod year_form;
mod year_settings_view;

use std::path::Path;
use std::time::Instant;

pub use app::{App, FileOpener};
pub use command::Command;
pub use state::{UiState, View};

/// The window title.
pub const WINDOW_TITLE: &str = "目标责任书管理";

/// The app id: eframe keeps the UI state and window size under it (beside the default database).
const APP_STORAGE_NAME: &str = "zerenshu";

/// A benchmark the window runs before closing itself, asked for on the command line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Probe {
    /// None: the window stays open.
    None,
    /// Print the time to the first frame.
    FirstFrame,
    /// Print frame times over this many frames, scrolling or not.
    Frames {
        /// How many.
        frames: usize,
        /// Turn the wheel every frame.
        scroll: bool,
    },
}

/// Opens the window on the database at `db` and runs until it is closed.
pub fn run(db: &Path, started: Instant, probe: Probe) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title(WINDOW_TITLE)
            .with_app_id(APP_STORAGE_NAME)
            .with_inner_size([1200.0, 760.0])
            .with_min_inner_size([800.0, 500.0]),
        ..Default::default()
    };
    let db = db.to_owned();
    eframe::run_native(
        APP_STORAGE_NAME,
        options,
        Box::new(move |cc| {
            let mut app = App::new(cc, &db);
            match probe {
                Probe::None => {}
                Probe::FirstFrame => app.exit_after_first_frame(started),
                Probe::Frames { frames, scroll } => app.time_frames(frames, scroll),
            }
            Ok(Box::new(app))
        }),
    )
    .map_err(|error| window_error::explain(&error))
}
