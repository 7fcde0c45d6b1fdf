//! The 通报与统计 screen, driven by its Chinese labels, in parts: grade counts and a unit's
//! history, the notice, summary and forms exported, the notice's date asked in the export
//! dialog, the notice wording, filled forms imported from several files or a folder as one
//! import, and publishing the results.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui_kittest::Harness;
use zerenshu::ui::{App, View};

use crate::support::{demo_store, showing, window};

mod exports;
mod forms_import;
mod notice_date;
mod publishing;
mod statistics;
mod wording;

/// The demo's 通报与统计 screen on 2024 (published).
fn notice_harness() -> Harness<'static, App> {
    window(
        Ok(demo_store()),
        showing(View::Notice, 2024),
        [1400.0, 1000.0],
    )
}
