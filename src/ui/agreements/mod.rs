//! The 责任书 screen: the signing tracker with per-unit tailoring, the template editor and the
//! indicator editor, as tabs. Unsaved edits in them survive a reload that leaves what they edit
//! as it was; the window asks before another year or screen would give them up.

mod bulk_actions;
mod clause_differences;
mod code_search;
mod detail;
mod difference_view;
mod draft_dialog;
pub(crate) mod export_refusal;
mod first_steps;
mod indicator_editor;
mod issue_check;
mod print_question;
mod reason_form;
mod scan_facts;
mod scan_form;
mod signing_form;
mod status_filter;
mod step_back;
mod summary_strip;
mod tailoring_edit;
mod tailoring_form;
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
    /// The archived agreements' current scans, without their bytes, by agreement id.
    pub scans: std::collections::HashMap<i64, crate::store::ScanSummary>,
    /// The void codes of the year's agreements (sent back to 草稿 since), which the search
    /// still recognises.
    pub voided: Vec<crate::store::VoidedCode>,
    /// The unit's name as issued agreements print it, where the unit was renamed since (see
    /// [`crate::store::Store::printed_differences`]), by agreement id: the search finds it too.
    pub printed_names: std::collections::HashMap<i64, String>,
    /// The signatories' titles (甲方's, 乙方's) as issued agreements print them, where they
    /// differ from the titles the year knows (see [`crate::store::Store::printed_differences`]),
    /// by agreement id.
    pub printed_titles: std::collections::HashMap<i64, (String, String)>,
    /// The agreements left out of the year's assessment (of units archived before they
    /// signed; see `Store::left_out`).
    pub left_out: std::collections::BTreeSet<i64>,
}

impl YearData {
    /// The year, when its results are published (已通报): its agreements stay as issued.
    #[must_use]
    pub fn published_year(&self) -> Option<i32> {
        (self.year.as_ref())
            .filter(|y| y.phase == crate::model::Phase::Published)
            .map(|y| y.year)
    }
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
    /// The years on file.
    pub years: &'a [i32],
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
    /// Shows the tab of `place` (模板 or 考核指标).
    pub fn open(&mut self, place: super::command::Place) {
        match place {
            super::command::Place::Templates(category) => {
                self.tab = Tab::Templates;
                self.templates.show_category(category);
            }
            super::command::Place::Indicators(category) => {
                self.tab = Tab::Indicators;
                self.indicators.show_category(category);
            }
            super::command::Place::Units | super::command::Place::YearSettings => {}
        }
    }

    /// Draws the screen.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        progress: Option<&DraftProgress>,
        commands: &mut Vec<Command>,
    ) {
        // One row: the note of unsaved edits at its end is cut to it, never a second row.
        ui.horizontal(|ui| {
            ui.heading("责任书");
            ui.add_space(16.0);
            let before = self.tab;
            // Ctrl+F from the editors goes to 签订跟踪's 查找 (taken there, drawn below; edits
            // in the editors are kept, as on any change of tab).
            if crate::ui::save_key::screen_shortcut_pressed(ui, egui::Key::F) {
                self.tab = Tab::Tracker;
            }
            ui.selectable_value(&mut self.tab, Tab::Tracker, "签订跟踪");
            ui.selectable_value(&mut self.tab, Tab::Templates, "模板");
            ui.selectable_value(&mut self.tab, Tab::Indicators, "考核指标");
            // The category looked at in one editor is the one the other opens on.
            match (before, self.tab) {
                (Tab::Templates, Tab::Indicators) => {
                    self.indicators.follow_category(self.templates.category());
                }
                (Tab::Indicators, Tab::Templates) => {
                    self.templates.follow_category(self.indicators.category());
                }
                _ => {}
            }
            // Edits in another tab are kept while the clerk looks elsewhere: said here.
            let unsaved = self.unsaved();
            if !unsaved.is_empty() {
                ui.add_space(8.0);
                // One line, cut with "…" (whole on hover): a long unit's name wrapping to a
                // second line would move the page down under the field being typed in.
                let text = egui::RichText::new(format!("有未保存的修改（{unsaved}）"))
                    .color(ui.visuals().warn_fg_color);
                ui.add(egui::Label::new(text).truncate());
            }
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

    /// Shows what 核验 PDF… found, under the tracker's toolbar (see [`Tracker::verified`]).
    pub fn verified(&mut self, text: String, is_exact: bool) {
        self.tracker.verified(text, is_exact);
    }

    /// The check of the scan chosen for agreement `id`: said in its form before it is stored.
    pub fn scan_checked(
        &mut self,
        id: i64,
        paths: &[std::path::PathBuf],
        check: crate::ui::scan_check_job::ScanCheck,
    ) {
        self.tracker.scan_checked(id, paths, check);
    }

    /// Something the clerk did succeeded: a clause edit that was being saved closes.
    pub fn succeeded(&mut self) {
        self.tracker.succeeded();
    }

    /// A bulk change of status went through for the agreements `ids`: the list unticks those
    /// it no longer shows.
    pub fn processed(&mut self, ids: Vec<i64>) {
        self.tracker.processed(ids);
    }

    /// The print file last started was cancelled: the copies chosen for it stay chosen.
    pub fn print_not_made(&mut self) {
        self.tracker.print_not_made();
    }

    /// The print file last started was made or failed: a later print cancelled brings back
    /// no number chosen for this one.
    pub fn print_done(&mut self) {
        self.tracker.print_done();
    }

    /// A batch draft for the units `unit_ids` is done: the first new row takes the keyboard,
    /// as after a bulk change of status.
    pub fn drafted(&mut self, year: i32, unit_ids: Vec<i64>) {
        self.tracker.drafted(year, unit_ids);
    }

    /// The editors with unsaved edits, named as the clerk knows them ("模板、考核指标"); empty
    /// when there are none.
    #[must_use]
    pub fn unsaved(&self) -> String {
        [
            (self.templates.is_changed()).then(|| "模板".to_owned()),
            (self.indicators.is_changed()).then(|| "考核指标".to_owned()),
            self.tracker.changed_clauses(),
        ]
        .into_iter()
        .flatten()
        .collect::<Vec<_>>()
        .join("、")
    }

    /// True when the clauses or control targets of agreement `id` have edits not yet saved
    /// (保存调整): a preview of it shows the saved text without them.
    #[must_use]
    pub fn has_unsaved_clauses(&self, id: i64) -> bool {
        self.tracker.is_changed_for(id)
    }

    /// A form of the open agreement (签订信息, 退回草稿的理由, 扫描件) with something in it,
    /// else empty: closing the window asks before it goes.
    #[must_use]
    pub fn open_form(&self) -> &'static str {
        self.tracker.open_form()
    }

    /// Gives every unsaved edit up (the clerk answered 放弃修改 before another year or screen).
    pub fn discard_unsaved(&mut self) {
        self.templates.discard_unsaved();
        self.indicators.discard_unsaved();
        self.tracker.discard_unsaved();
    }

    /// After a reload: forms that follow a write are rebuilt; the editors keep their edits
    /// unless what they edit changed underneath (each checks as it draws).
    pub fn reloaded(&mut self) {
        self.tracker.reloaded();
    }
}

/// True when the category's active units are mostly towns and sub-districts, as the notice
/// lists it; a category with no units yet goes by its name (镇街).
fn is_town_category(context: &Context<'_>, category_id: i64) -> bool {
    let mut kinds = (context.units.iter())
        .filter(|u| u.is_active && u.fields.category_id == category_id)
        .map(|u| u.fields.kind)
        .peekable();
    if kinds.peek().is_none() {
        return (context.categories.iter())
            .find(|c| c.id == category_id)
            .is_some_and(|c| crate::model::category::is_named_for_towns(&c.name));
    }
    crate::document::notice::mostly_towns(kinds)
}
