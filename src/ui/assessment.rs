//! 考核: the scoring workbench for one year and category: a grid of units × indicators with the
//! self score (自评) and the assessed score (考核) side by side in each cell, filled from the
//! keyboard (Tab across, Enter down; typing replaces the value), bad values refused at the cell
//! with the previous value kept, and totals, grades and ranks recomputed as cells change. The
//! unit's name (a link Tab reaches) or F3 in a cell opens the unit's bonuses, deductions and veto;
//! Esc in it closes it and gives the keyboard back to the cell or name it was opened from; open,
//! it follows the row the keyboard goes to (an entry half typed in it waits with its unit, and
//! is there again when that unit's detail opens). A unit that
//! failed two years in a row has its grade marked in red, the years on hover. A refusal's red
//! message (above the grid, or in the detail) goes once something is saved after it (see
//! `stamps`).

pub(super) mod cells;
mod grid;
mod help_and_detail;
mod keys;
mod leaving;
mod navigation;
mod phase_note;
mod reason_bar;
mod rows;
mod stamps;

use std::collections::HashMap;
use std::rc::Rc;

use crate::model::{AssessmentRow, Phase, assess_category, unit_inputs};

use super::agreements::Context;
use super::assessment_detail::{DetailOutcome, RowDetail};
use super::command::Command;
use cells::CellEditor;
use grid::{FrozenGrid, GridLayout, Reveal};
use navigation::{GridShape, Stop};
use reason_bar::ReasonBar;
use rows::{CELL_WIDTH, DetailRequest, FIXED_COLUMNS, HEADER_HEIGHT, ROW_HEIGHT, ScoreRows};

/// How to fill the grid from the keyboard, shown above it.
const HELP: &str = "左格自评分、右格考核组评分，输入即替换原值；Tab／Shift+Tab 左右逐格（含单位名称），\
回车／Shift+回车 到下／上一个单位的同一格，Esc 放弃本格输入";

/// The keys that open a unit's detail, shown above the grid.
const HELP_DETAIL: &str = "F2 编辑本格说明（带“注”的格有说明，Esc 保存说明并回到表格）；\
F3 或在单位名称上按回车：加分、扣分和一票否决（在其中按 Esc 关闭并回到表格；表格中格内无输入时按 Esc 也关闭）";

/// Rows of the grid kept in sight while a unit's detail is open below it.
const GRID_ROWS_KEPT: f32 = 6.0;

/// The window height from which the help starts open: above a 1024 × 700 window's, where its
/// four lines would leave the grid (and an open unit's detail) too little room.
const HELP_OPEN_HEIGHT: f32 = 760.0;

/// The arrow keys, and what a refusal looks like, shown above the grid (on a line of its own
/// with room to spare: the first line is full on a window 1280 wide).
const HELP_REFUSAL: &str =
    "↓／↑ 也到下／上一个单位；不被接受的值不保存，原值保留，格子标红框（到该格或悬停看原因）";

/// A unit's latest results, up to this year's or last year's while this one is being scored,
/// 不合格 or vetoed two or more years in a row: its grade is marked, since several rules
/// escalate on a repeated failure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RepeatedFailure {
    /// The first and last year of the run.
    pub years: (i32, i32),
    /// True when a veto was one of them.
    pub is_vetoed: bool,
}

/// The units (by id) that failed two years in a row.
pub type RepeatedFailures = HashMap<i64, RepeatedFailure>;

/// State of the 考核 screen.
#[derive(Default)]
pub struct AssessmentView {
    category_id: Option<i64>,
    cells: CellEditor,
    /// The year and category shown: another grid drops the refusals and scrolls to the start.
    shown_grid: Option<(i32, i64)>,
    /// Why a published result is being changed.
    reason_bar: ReasonBar,
    detail: RowDetail,
    /// Set while a detail opened from the keyboard is shown.
    detail_keyboard: Option<DetailKeyboard>,
    /// The grid's sideways scroll.
    grid: FrozenGrid,
    /// The stamp of the refusal the detail shows, if any (see `stamps`).
    detail_error_stamp: Option<u64>,
    /// The most height the detail has needed since it opened, its separator included.
    detail_wanted: Option<f32>,
    /// Totals, grades and ranks by agreement, worked out once per reload and category.
    results: Option<(ResultsKey, Rc<HashMap<i64, AssessmentRow>>)>,
    /// True when Tab passes over the 自评 halves: the assessment group's scores typed alone.
    skips_self: bool,
    /// Whether the help above the grid is folded; until the clerk chooses, folded on a low
    /// window only.
    help_folded: Option<bool>,
    /// The category chosen while a refused value was shown, waiting for the answer to the
    /// question before it is shown (as choosing another year asks).
    switching_to: Option<i64>,
    discard: super::discard_question::DiscardQuestion,
    /// The most room the notes above the grid have taken while this grid (year and category)
    /// is shown: kept, so that a note gone (the phase note shortened by a first score, a
    /// reason's warning put right) never moves the rows up under the pointer. The help folded
    /// or not counts as another grid: folding it is the clerk's own choice to make room.
    above_grid: super::kept_room::KeptRoom<(i32, i64, bool)>,
}

/// What the question before leaving the grid names for a value typed that is not taken.
pub const REFUSED_IN_GRID: &str = "考核表中未被接受的值（其余评分都已保存）";

/// Said among the unsaved edits while the note typed in a unit's detail cannot be saved.
pub const REFUSED_NOTE: &str = "考核明细中未能保存的评分说明（其余评分都已保存）";

/// What the cached results were worked out for: the reload's generation and the category.
type ResultsKey = (u64, i64);

/// A detail opened from the keyboard: the keyboard goes into it, and back when it closes.
#[derive(Debug, Clone, Copy)]
struct DetailKeyboard {
    agreement_id: i64,
    /// The name or cell the detail was opened from.
    return_to: Stop,
    step: FocusStep,
}

/// Where a detail opened from the keyboard is in taking the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FocusStep {
    /// Opened this frame: the key that opened it must not reach the detail.
    Wait,
    /// Give the keyboard to the detail's first control this frame.
    Give,
    /// The detail has it (or the note field took it).
    Given,
}

/// Gives the keyboard to the first control drawn after this call, as Tab would.
fn focus_next_drawn(ui: &egui::Ui) {
    let anchor = egui::Id::unique("assessment_focus_next_drawn");
    let layer = ui.layer_id();
    ui.memory_mut(|m| {
        m.request_focus(anchor);
        m.move_focus(egui::FocusDirection::Next);
        // The anchor, focused and moving on, hands the keyboard to the next control drawn.
        m.interested_in_focus(anchor, layer);
        m.ignore_focus(anchor);
    });
}

impl AssessmentView {
    /// True when Tab skips the self scores (the clerk's choice, kept between runs).
    #[must_use]
    pub fn skips_self(&self) -> bool {
        self.skips_self
    }

    /// Sets whether Tab skips the self scores (as the last run left it).
    pub fn set_skips_self(&mut self, skips_self: bool) {
        self.skips_self = skips_self;
    }

    /// The app's answer to the oldest score, bonus, deduction, veto or note change this screen
    /// asked for and that was not answered yet: saved, or refused.
    pub fn answered(&mut self, is_saved: bool) {
        self.cells.stamps.answered(is_saved);
        if let Some(stamp) = self.detail_error_stamp
            && !self.cells.stamps.is_current(stamp)
        {
            self.detail.clear_error();
            self.detail_error_stamp = None;
        }
    }

    /// Draws the screen.
    /// `failures` are the units that failed two years in a row (see `RepeatedFailures`).
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        failures: &RepeatedFailures,
        commands: &mut Vec<Command>,
    ) {
        let Some(year) = context.data.year.as_ref() else {
            ui.label("数据库中还没有考核年度");
            return;
        };
        let top = ui.cursor().min.y;
        let category_id =
            super::category_picker::shown_category(&mut self.category_id, context.categories);
        // The units archived since: their agreements await no signature (the note and the
        // orange numbers count alike).
        let archived: std::collections::HashSet<i64> = (context.units.iter())
            .filter(|u| !u.is_active)
            .map(|u| u.id)
            .collect();
        // Wrapped: on a narrow window the note and 导入自评表… go on below, never wider than it.
        ui.horizontal_wrapped(|ui| {
            ui.heading("年度考核评分");
            let before = self.category_id;
            let is_changed = super::category_picker::category_picker(
                ui,
                "assessment_category",
                context.categories,
                &mut self.category_id,
            );
            // A refused value shown goes with its grid: asked first, as for another year.
            if is_changed && self.cells.shown_refusal().is_some() {
                self.switching_to = self.category_id;
                self.category_id = before;
                self.discard.ask_about(REFUSED_IN_GRID.to_owned());
            }
            // A window that cannot write says so here, where scores would be typed, not what
            // typing one would do.
            if let Some(why) = context.access.why() {
                ui.colored_label(ui.visuals().warn_fg_color, format!("不能录入评分：{why}"));
            } else {
                let data = &context.data;
                let entered = crate::model::phase_notes::entered_count(
                    &data.scores,
                    &data.adjustments,
                    &data.vetoes,
                );
                phase_note::phase_note(ui, year, &data.agreements, &archived, entered);
            }
            // The units' own scores come in here too, from their filled forms; not into a
            // published year, whose scores are locked (said on the greyed button).
            let button = super::report_actions::forms_import_button(ui, Some(year), context.access)
                .on_hover_text(
                    "选择各单位填好交回的自评表，预览后导入自评分（在“通报与统计”中预览，完成或取消后回到这里）",
                );
            if button.clicked() {
                commands.push(Command::StartFormsImport);
            }
        });
        let help_folded = self.help(ui);
        match self.discard.show(ui.ctx()) {
            super::discard_question::DiscardAnswer::Discard => {
                if let Some(chosen) = self.switching_to.take() {
                    self.category_id = Some(chosen);
                    ui.ctx().request_repaint();
                }
            }
            super::discard_question::DiscardAnswer::KeepEditing => self.switching_to = None,
            super::discard_question::DiscardAnswer::Waiting => {}
        }
        if self.shown_grid != Some((year.year, category_id)) {
            self.cells.clear_refusals();
            // Another year's or category's grid opens at its first row and column, with no
            // detail below it (the unit open before is not in it).
            if self.shown_grid.is_some() {
                self.grid.reset();
                self.detail.close();
                self.detail_keyboard = None;
            }
            // A reason is given for the changes in one grid: another year's or category's
            // are other changes, asked for again rather than logged under a reason not meant
            // for them.
            self.reason_bar.clear();
            self.shown_grid = Some((year.year, category_id));
        }
        if let Some(keyboard) = &mut self.detail_keyboard
            && keyboard.step == FocusStep::Wait
        {
            keyboard.step = FocusStep::Give;
            ui.ctx().request_repaint();
        }
        let access = context.access;
        let is_published = year.phase == Phase::Published;
        let reason = self.reason_bar.show(ui, year, access);
        // Enter after the reason: back to the cell whose click asked for it.
        if let Some(cell) = self.reason_bar.take_back_to() {
            self.cells.focus(ui.ctx(), Stop::Cell(cell));
        }
        // A read-only window scores nothing: the cells, bonuses, deductions, veto and notes are
        // shown, not edited.
        let can_edit = access.can_write() && (!is_published || reason.is_some());
        let Some(set) = context
            .data
            .sets
            .iter()
            .find(|s| s.category_id == category_id)
        else {
            // Where they are set, as the other empty screens say what to do next.
            ui.label("本类别在本年度还没有考核指标：请先在“责任书 → 考核指标”中设置并定稿，再评分");
            return;
        };
        // A unit archived before it signed takes no part (its scores are kept meanwhile).
        let (agreements, left_out): (Vec<_>, Vec<_>) = (context.data.agreements.iter())
            .filter(|a| a.draft.category_id == category_id)
            .partition(|a| !context.data.left_out.contains(&a.id));
        phase_note::left_out_note(ui, &left_out, context.units, is_published);
        let scores: HashMap<(i64, i64), &crate::model::Score> = context
            .data
            .scores
            .iter()
            .map(|s| ((s.agreement_id, s.indicator_id), s))
            .collect();
        let cache_key = (context.generation, category_id);
        if self
            .results
            .as_ref()
            .is_none_or(|(key, _)| *key != cache_key)
        {
            let ids: Vec<i64> = agreements.iter().map(|a| a.id).collect();
            let data = context.data;
            let inputs = unit_inputs(set, &ids, &data.scores, &data.adjustments, &data.vetoes);
            let rows = assess_category(year, set, &inputs)
                .into_iter()
                .map(|r| (r.agreement_id, r))
                .collect();
            self.results = Some((cache_key, Rc::new(rows)));
        }
        let results = (self.results.as_ref()).map_or_else(Rc::default, |(_, rows)| Rc::clone(rows));
        let names: HashMap<i64, &str> = context
            .units
            .iter()
            .map(|u| (u.id, u.fields.display_short_name()))
            .collect();
        // The condition with the reason, as the notice names the condition.
        let vetoes: HashMap<i64, String> = (context.data.vetoes.iter())
            .map(|v| {
                let condition = v.condition_name(&set.items);
                (v.agreement_id, format!("{condition}；理由：{}", v.reason))
            })
            .collect();
        let agreement_ids: Vec<i64> = agreements.iter().map(|a| a.id).collect();
        let indicator_ids: Vec<i64> = set.indicators.iter().map(|i| i.id).collect();
        let grid = GridShape {
            agreement_ids: &agreement_ids,
            indicator_ids: &indicator_ids,
            skips_self: self.skips_self,
            names_only: !can_edit,
        };
        self.cells.status_line(ui, commands);
        // Its rows stay where they were as a note above goes.
        super::kept_room::keep(
            ui,
            &mut self.above_grid,
            top,
            (year.year, category_id, help_folded),
        );
        // A stop the keyboard moved to, or that was clicked, is scrolled into view; on a unit's
        // name, with the row's first cells beside it (Tab from the row before's last cell would
        // otherwise leave the columns scrolled to that row's end).
        let reveal = self
            .cells
            .begin_frame(ui.ctx(), &grid)
            .and_then(|(stop, by_keys)| {
                // By the keys only: a name clicked keeps the columns where the clerk was looking.
                let on_name = matches!(stop, Stop::Name(_)) && by_keys && !indicator_ids.is_empty();
                Some(Reveal {
                    row: grid.row_of(stop.agreement_id())?,
                    column: grid.indicator_index(stop).or(on_name.then_some(0)),
                })
            });
        // The grid takes the height the detail does not need: the detail gets what it needed
        // last frame, as long as the grid keeps a few rows in sight (it scrolls beyond that);
        // a grid with few rows is no higher than its rows, and the detail then has the rest.
        let is_detail_shown =
            (self.detail.agreement_id()).is_some_and(|id| agreements.iter().any(|a| a.id == id));
        if !is_detail_shown {
            self.detail_wanted = None;
        }
        let detail_height = if is_detail_shown {
            let least_grid = HEADER_HEIGHT + GRID_ROWS_KEPT * ROW_HEIGHT + 16.0;
            let share = (ui.available_height() - least_grid).max(160.0);
            self.detail_wanted.map_or(share, |wanted| wanted.min(share))
        } else {
            0.0
        };
        let fixed_widths = FIXED_COLUMNS.map(|(_, width)| width);
        let layout = GridLayout {
            fixed_widths: &fixed_widths,
            scrolled_width: CELL_WIDTH,
            scrolled_columns: set.indicators.len(),
            rows: agreements.len(),
            row_height: ROW_HEIGHT,
            header_height: HEADER_HEIGHT,
        };
        let typed_entries: std::collections::HashSet<i64> = self
            .detail
            .agreements_with_typed_entries()
            .into_iter()
            .collect();
        let mut rows = ScoreRows {
            agreements: &agreements,
            names: &names,
            archived: &archived,
            typed_entries: &typed_entries,
            results: &results,
            ranks_are_final: results.values().all(AssessmentRow::is_complete),
            failures,
            vetoes: &vetoes,
            scores: &scores,
            indicators: &set.indicators,
            grid,
            can_edit,
            access,
            reason: reason.as_ref(),
            cells: &mut self.cells,
            commands,
            requests: Vec::new(),
        };
        let grid_height = ui.available_height() - detail_height;
        // The unit whose detail is open stays in sight as the detail takes room from the grid.
        let kept = (self.detail.agreement_id())
            .filter(|_| is_detail_shown)
            .and_then(|id| grid.row_of(id));
        self.grid
            .show(ui, grid_height, &layout, reveal, kept, &mut rows);
        let requests = rows.requests;
        // A click on a cell locked for want of a reason goes to the reason.
        if let Some(cell) = self.cells.take_locked_click() {
            self.reason_bar.ask(ui.ctx(), cell);
        }
        // The detail's writes and refusal are stamped after the grid's, drawn before it.
        let (writes_before, error_before) =
            (commands.len(), self.detail.error().map(str::to_owned));
        // Another cell or unit chosen while a note is typed in the detail: the note is kept,
        // as Esc keeps it.
        if !requests.is_empty()
            && can_edit
            && let Some(current) = self
                .detail
                .agreement_id()
                .and_then(|id| agreements.iter().find(|a| a.id == id))
            && let Some(save) = self.detail.note_change(context, current, reason.as_ref())
        {
            commands.push(save);
        }
        // An open detail follows the row the keyboard goes to, so a bonus, deduction or veto
        // is never recorded against the unit shown before (one half typed waits with its unit).
        // (Not while its note cannot be saved: it would be lost with the unit; said there.)
        if requests.is_empty()
            && let Some(row) = self.cells.keyboard_row()
            && let Some(shown) = self.detail.agreement_id()
            && shown != row
            && self.detail.note_refusal().is_none()
        {
            if can_edit
                && let Some(current) = agreements.iter().find(|a| a.id == shown)
                && let Some(save) = self.detail.note_change(context, current, reason.as_ref())
            {
                commands.push(save);
            }
            self.detail.open(row);
            self.detail_keyboard = None;
        }
        for request in requests {
            match request {
                DetailRequest::Unit {
                    agreement_id,
                    by_keyboard,
                } => {
                    self.open_detail(
                        agreement_id,
                        // From the keyboard, the keyboard follows into the detail.
                        by_keyboard.then_some(Stop::Name(agreement_id)),
                        FocusStep::Wait,
                    );
                    if !by_keyboard {
                        // Clicked, the keyboard goes to the name, so Tab goes on along its row
                        // (not from the top of the window into the first unit's cells).
                        self.cells.focus(ui.ctx(), Stop::Name(agreement_id));
                    }
                }
                DetailRequest::Note(key) => {
                    let note = scores
                        .get(&(key.agreement_id, key.indicator_id))
                        .map_or("", |s| s.note.as_str());
                    self.detail
                        .open_note(key.agreement_id, key.indicator_id, note);
                    // The note field takes the keyboard itself.
                    self.open_detail(key.agreement_id, Some(Stop::Cell(key)), FocusStep::Given);
                }
                DetailRequest::Detail(key) => {
                    self.open_detail(key.agreement_id, Some(Stop::Cell(key)), FocusStep::Wait);
                }
                // The keyboard stays in the cell; a note typed in the detail was kept above,
                // as for any request. With no detail open, Esc leaves the grid (which keeps
                // Tab on its last cell): the next Tab starts from the top of the window.
                // While a refusal is said above the grid, that Esc is for it: the message goes
                // (the red frame stays, explained), and the next Esc leaves the grid.
                DetailRequest::Close => {
                    if !self.detail.is_open() {
                        if self.cells.shown_refusal().is_some() {
                            self.cells.dismiss_refusal();
                        } else {
                            ui.memory_mut(egui::Memory::stop_text_input);
                        }
                    }
                    self.detail.close();
                    self.detail_keyboard = None;
                }
            }
        }
        self.show_detail(
            ui,
            context,
            set,
            &agreements,
            &names,
            reason.as_ref(),
            can_edit,
            commands,
        );
        for _ in writes_before..commands.len() {
            self.cells.stamps.write();
        }
        match self.detail.error() {
            None => self.detail_error_stamp = None,
            Some(error) if error_before.as_deref() != Some(error) => {
                self.detail_error_stamp = Some(self.cells.stamps.refusal());
            }
            Some(_) => {}
        }
        // A detail opened from the keyboard gives it back where it came from when it closes.
        if let Some(keyboard) = self.detail_keyboard
            && self.detail.agreement_id() != Some(keyboard.agreement_id)
        {
            if !self.detail.is_open() {
                self.cells.focus(ui.ctx(), keyboard.return_to);
            }
            self.detail_keyboard = None;
        }
    }
}
