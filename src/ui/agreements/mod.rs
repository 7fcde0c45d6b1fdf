//! The 责任书 screen: the signing tracker with per-unit tailoring, the template editor and the
//! indicator editor, as tabs.

mod bulk_actions;
mod detail;
mod draft_dialog;
mod indicator_editor;
mod signing_form;
mod tailoring_edit;
mod template_editor;
mod tracker;

use crate::model::{Agreement, Category, IndicatorSet, Template, Unit, Year};

use super::command::Command;
use super::write_access::WriteAccess;

pub use draft_dialog::DraftProgress;

/// The data of the selected year, loaded by the app.
#[derive(Debug, Clone, Default)]
pub struct YearData {
    /// The year's settings.
    pub year: Option<Year>,
    /// The agreements, by number.
    pub agreements: Vec<Agreement>,
    /// Every template version.
    pub templates: Vec<Template>,
    /// The indicator sets.
    pub sets: Vec<IndicatorSet>,
    /// Scores entered for the year.
    pub scores: Vec<crate::model::Score>,
    /// Bonuses and deductions.
    pub adjustments: Vec<crate::model::Adjustment>,
    /// Vetoes.
    pub vetoes: Vec<crate::model::Veto>,
}

/// Which tab of the screen is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
enum Tab {
    #[default]
    Tracker,
    Templates,
    Indicators,
}

/// What the views read while drawing.
pub struct Context<'a> {
    /// The year's data.
    pub data: &'a YearData,
    /// All units.
    pub units: &'a [Unit],
    /// The categories.
    pub categories: &'a [Category],
    /// Bumped on every reload.
    pub generation: u64,
    /// Whether the window may write: in a read-only window every control that would is
    /// disabled.
    pub access: WriteAccess<'a>,
}

/// Runtime state of the 责任书 screen.
#[derive(Default)]
pub struct AgreementsView {
    tab: Tab,
    tracker: tracker::Tracker,
    templates: template_editor::TemplateEditor,
    indicators: indicator_editor::IndicatorEditor,
}

impl AgreementsView {
    /// Draws the screen.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        progress: Option<&DraftProgress>,
        commands: &mut Vec<Command>,
    ) {
        ui.horizontal(|ui| {
            ui.heading("责任书");
            ui.add_space(16.0);
            ui.selectable_value(&mut self.tab, Tab::Tracker, "签订跟踪");
            ui.selectable_value(&mut self.tab, Tab::Templates, "模板");
            ui.selectable_value(&mut self.tab, Tab::Indicators, "考核指标");
        });
        ui.separator();
        if context.data.year.is_none() {
            ui.label("数据库中还没有考核年度");
            return;
        }
        match self.tab {
            Tab::Tracker => self.tracker.show(ui, context, progress, commands),
            Tab::Templates => self.templates.show(ui, context, commands),
            Tab::Indicators => self.indicators.show(ui, context, commands),
        }
    }

    /// Something the clerk did succeeded: refusal messages about earlier attempts go.
    pub fn succeeded(&mut self) {
        self.tracker.succeeded();
    }

    /// Forgets edits that a reload made stale (after a save or a year change).
    pub fn reloaded(&mut self) {
        self.tracker.reloaded();
        self.templates.reloaded();
        self.indicators.reloaded();
    }
}
