//! 签订跟踪: the year's agreements with filters, search (also by verification code, a void one
//! included, see [`super::code_search`]), a summary strip with what is overdue, the table with
//! its selection, and the detail of one agreement; the bulk actions on the selection are in
//! [`super::bulk_actions`]. Choosing another agreement while the shown one's clauses have
//! unsaved edits asks once before they go.

use std::collections::{BTreeSet, HashMap};

use crate::model::{Agreement, Unit};

use super::super::discard_question::{DiscardAnswer, DiscardQuestion};
use super::bulk_actions::BulkActions;
use super::code_search::code_notice;
use super::detail::Detail;
use super::draft_dialog::DraftProgress;
use super::status_filter::StatusFilter;
use super::{Command, Context};
use crate::model::agreement::{typed_number, typed_serial};

mod escape;
mod filters;
mod keyboard;
mod name_column;
mod sorting;
mod table;
mod visible;

/// What the lines above the list are measured anew for: the year, the width, the first steps
/// shown, and the length of a verification's answer.
type AboveList = (Option<i32>, u32, (FirstSteps, Option<usize>));

/// The first steps above the year's list: an empty year's, and what follows a batch draft
/// (see `first_steps`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FirstSteps {
    /// Agreements drafted and some taken further: none shown.
    Gone,
    /// Agreements drafted, every one still a draft: the steps after drafting, one line.
    AfterDrafting,
    /// Shown with this many still to do (none: one line).
    ToDo(usize),
}

/// State of the tracker tab.
#[derive(Default)]
pub struct Tracker {
    status_filter: StatusFilter,
    category_filter: Option<i64>,
    /// Only agreements not yet signed although the planned signing date has passed.
    overdue_only: bool,
    search: String,
    selected: BTreeSet<i64>,
    /// The row last ticked or unticked by a click: a Shift-click sets the rows from it to the
    /// one clicked alike.
    tick_anchor: Option<i64>,
    focused: Option<i64>,
    detail: Detail,
    actions: BulkActions,
    /// The height the lines above the list took, for the year and window width shown: a
    /// note that goes (勾选 counts, a search's answer) leaves its room, so the rows do not
    /// move under the pointer.
    above_list: crate::ui::kept_room::KeptRoom<AboveList>,
    /// The data generation the selection was last checked against.
    checked_generation: u64,
    /// Drafts whose clause changes lost their clause to a template edit (they cannot be
    /// finalised until adjusted again), worked out once per data generation.
    stale_drafts: BTreeSet<i64>,
    visible: Vec<usize>,
    /// The column the rows are sorted by (序号 until a head is clicked).
    sort: sorting::SortBy,
    visible_key: Option<VisibleKey>,
    /// Whether the 单位 column names its rows by short name, for the list of `VisibleKey` and
    /// the column width (its bits) it was worked out for: not measured again every frame.
    short_names: Option<(VisibleKey, u32, bool)>,
    /// While nothing is listed: the agreements the search finds that the filters hide, as
    /// "青山镇人民政府（已签订）": the first four (three are named, a fourth says "等"); and
    /// which filters (status, category, overdue) hide them.
    hidden_found: Vec<String>,
    hidden_by: ((bool, bool, bool), bool),
    /// The question before another agreement's detail replaces unsaved clause edits, and the
    /// agreement chosen meanwhile.
    switch_question: DiscardQuestion,
    switch_to: Option<i64>,
    /// The list's scroll offset last frame, and whether it was drawn beside the detail: the
    /// list moves into another layout when the detail opens or closes, and keeps its place.
    scroll: (f32, Option<bool>),
    /// The file picker of 核验 PDF…, while open.
    verify_picker: Option<crate::ui::file_picker::FilePicker>,
    /// The last verification's answer and whether the file is exactly the one exported: it
    /// stays under the toolbar until closed or the next one, not a toast that fades unread.
    verification: Option<(String, bool)>,
    /// The list's rows from the keyboard.
    keys: keyboard::RowKeys,
    /// The agreements a bulk change of status just went through for: once the list is read
    /// again, those the filters no longer list are unticked (left ticked out of sight, they
    /// would be taken along by the next bulk action after a change of filter).
    processed: Vec<i64>,
    /// The agreements of the bulk change sent from the dialogs, until it is done: the
    /// keyboard then goes to the first of them still listed.
    bulk_sent: Option<Vec<i64>>,
    /// The units a batch draft just drafted for: once the list is read again, the first of
    /// their agreements listed takes the keyboard, as after a bulk change.
    drafted_units: Option<(i32, Vec<i64>)>,
    /// The agreement whose detail asked 定稿… or 标记已打印…, while its question is open: its
    /// change sent, the keyboard stays in the detail rather than going to the row.
    asked_from_detail: Option<i64>,
    /// Enter or ↓ was pressed in the search box: the first row found takes the keyboard.
    to_list: bool,
    /// Set when a filter or the search changed: the list is shown from its first row.
    to_top: bool,
    /// Where the keyboard was at the end of the last frame, for Esc (see `escape`).
    keyboard_was: escape::KeyboardWas,
    /// The open detail's rect this frame while Esc would close it (no form open in it, no
    /// unsaved clause edits).
    detail_rect: Option<egui::Rect>,
}

/// What the list of visible rows was computed from: data generation, status and category
/// filters, the overdue filter (when ticked, whether the planned date has passed), the
/// search text, and the column sorted by.
type VisibleKey = (
    u64,
    StatusFilter,
    Option<i64>,
    Option<bool>,
    String,
    sorting::SortBy,
);

const ROW_HEIGHT: f32 = 24.0;

/// Width of the detail beside the table.
const DETAIL_WIDTH: f32 = 420.0;
/// Width of the detail while its clauses are edited (修改条款…), on a window wide enough.
const EDITING_DETAIL_WIDTH: f32 = 760.0;
/// The least the detail is narrowed to on a small window.
const MIN_DETAIL_WIDTH: f32 = 320.0;

/// The least the list keeps beside clauses being edited: 序号, a short name, the status and
/// the code whole (see `table`), so that a narrow window does not cut the code.
const LIST_BESIDE_EDITING: f32 = 420.0;

/// Room the 校验码 column keeps (the code grouped "f319 89c9 55d6" and the scroll bar).
const CODE_COLUMN_ROOM: f32 = 150.0;

/// Where the tracker notes that the verification's answer was closed from the keyboard, for
/// 核验 PDF… to take it back.
fn verify_refocus_id() -> egui::Id {
    egui::Id::unique("verify_refocus")
}

/// The least the 校验码 column (the rest of the width) may have.
const CODE_COLUMN_LEAST: f32 = 40.0;

impl Tracker {
    /// Shows what 核验 PDF… found (`is_exact` when the file is the one exported).
    pub fn verified(&mut self, text: String, is_exact: bool) {
        self.verification = Some((text, is_exact));
    }

    /// The check of the scan chosen for agreement `id` (see [`Detail::scan_checked`]).
    pub fn scan_checked(
        &mut self,
        id: i64,
        paths: &[std::path::PathBuf],
        check: crate::ui::scan_check_job::ScanCheck,
    ) {
        self.detail.scan_checked(id, paths, check);
    }

    /// Something the clerk did succeeded (see [`Detail::succeeded`]).
    pub fn succeeded(&mut self) {
        self.detail.succeeded();
    }

    /// A bulk change of status went through for the agreements `ids` (see `processed`).
    pub fn processed(&mut self, ids: Vec<i64>) {
        self.processed = ids;
    }

    /// The print file last started was cancelled (see [`BulkActions::print_not_made`]).
    pub fn print_not_made(&mut self) {
        self.actions.print_not_made();
    }

    /// The print file last started was made or failed (see [`BulkActions::print_done`]).
    pub fn print_done(&mut self) {
        self.actions.print_done();
    }

    /// A batch draft of `year` for the units `unit_ids` is done (see `drafted_units`).
    pub fn drafted(&mut self, year: i32, unit_ids: Vec<i64>) {
        self.drafted_units = Some((year, unit_ids));
    }

    /// "城关街道的条款调整" while the detail's clauses have unsaved edits.
    pub fn changed_clauses(&self) -> Option<String> {
        self.detail.changed_clauses()
    }

    /// True when the detail's clauses of agreement `id` have unsaved edits.
    pub fn is_changed_for(&self, id: i64) -> bool {
        self.detail.is_changed_for(id)
    }

    /// The detail's open form with something in it, else empty (see `Detail::open_form`).
    #[must_use]
    pub fn open_form(&self) -> &'static str {
        self.detail.open_form()
    }

    /// Gives the detail's clause edits up without asking.
    pub fn discard_unsaved(&mut self) {
        self.detail.discard_unsaved();
    }

    /// Drops a stale detail after a reload.
    pub fn reloaded(&mut self) {
        self.detail.reloaded();
        self.visible_key = None;
    }

    /// Draws the tab.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        progress: Option<&DraftProgress>,
        commands: &mut Vec<Command>,
    ) {
        let units: HashMap<i64, &Unit> = context.units.iter().map(|u| (u.id, u)).collect();
        let categories: HashMap<i64, &str> = context
            .categories
            .iter()
            .map(|c| (c.id, c.name.as_str()))
            .collect();
        let agreements = &context.data.agreements;
        if self.checked_generation != context.generation {
            // After a reload (another year, a batch draft), keep only agreements still listed.
            let listed: BTreeSet<i64> = agreements.iter().map(|a| a.id).collect();
            self.selected.retain(|id| listed.contains(id));
            if self.focused.is_some_and(|id| !listed.contains(&id)) {
                self.focused = None;
            }
            self.stale_drafts =
                crate::model::tailoring::stale_drafts(agreements, &context.data.templates);
            self.checked_generation = context.generation;
        }
        match self.switch_question.show(ui.ctx()) {
            DiscardAnswer::Discard => {
                if let Some(id) = self.switch_to.take() {
                    self.focused = Some(id);
                    self.detail.focus(id);
                }
            }
            DiscardAnswer::KeepEditing => self.switch_to = None,
            DiscardAnswer::Waiting => {}
        }
        let top = ui.cursor().min.y;
        // Measured anew, too, once the first steps go (agreements drafted) or a verification's
        // answer is closed or replaced by another (a shorter one): the room they took is not
        // kept empty. Taken before they are drawn (a 关闭 clicked in this frame still drew its
        // answer).
        // (The first steps, listed until all are done, shrink to a line then.)
        let first_steps = if agreements.is_empty() {
            FirstSteps::ToDo(super::first_steps::still_to_do(context))
        } else if (agreements.iter()).all(|a| a.status == crate::model::AgreementStatus::Draft) {
            FirstSteps::AfterDrafting
        } else {
            FirstSteps::Gone
        };
        let parts = (
            first_steps,
            (self.verification.as_ref()).map(|(text, _)| text.len()),
        );
        super::summary_strip::summary(ui, context, self.category_filter);
        self.filters(ui, context);
        self.show_verification(ui);
        if let Some(picker) = &mut self.verify_picker {
            match picker.show(ui.ctx()) {
                crate::ui::file_picker::PickOutcome::Open => {}
                crate::ui::file_picker::PickOutcome::Cancelled => self.verify_picker = None,
                crate::ui::file_picker::PickOutcome::Chosen(path) => {
                    self.verify_picker = None;
                    commands.push(Command::VerifyPdf(path));
                }
            }
        }
        let is_overdue = context
            .data
            .year
            .as_ref()
            .and_then(|y| y.planned_signing_date)
            .is_some_and(|date| chrono::Local::now().date_naive() > date);
        self.refresh_visible(context, &units, is_overdue);
        if let Some(from) = self.keyboard_was.escaped(ui) {
            self.escape(agreements, from);
        }
        if std::mem::take(&mut self.to_list)
            && let Some(first) = self.visible.first().and_then(|&i| agreements.get(i))
        {
            self.keys.give_to_name(first.id, 0);
        }
        // Once its dialog has closed (giving the keyboard back to 批量起草…).
        // Of the year shown only (another year chosen meanwhile: nothing to go to).
        if self.drafted_units.is_some()
            && !self.actions.is_drafting()
            && let Some((year, units)) = self.drafted_units.take()
        {
            let drafted: Vec<i64> = (agreements.iter())
                .filter(|a| a.draft.year == year && units.contains(&a.draft.unit_id))
                .map(|a| a.id)
                .collect();
            self.bulk_sent = Some(drafted.clone());
            self.processed = drafted;
        }
        if !self.processed.is_empty() {
            let listed: Vec<i64> = (self.visible.iter())
                .filter_map(|&index| agreements.get(index))
                .map(|a| a.id)
                .collect();
            let processed = std::mem::take(&mut self.processed);
            for id in &processed {
                if !listed.contains(id) {
                    self.selected.remove(id);
                }
            }
            // The keyboard, which the dialog's button took with it (the bulk button greyed
            // now), goes to the first row done that is still listed: Tab and the arrows go on
            // from the list, not from the top of the window. Only after a bulk dialog's own
            // change (not the detail's, nor the 已打印 question asked elsewhere).
            let is_bulk = self.bulk_sent.take().is_some_and(|sent| sent == processed);
            let first_done = (listed.iter().enumerate()).find(|(_, id)| processed.contains(id));
            if is_bulk && let Some((row, &id)) = first_done {
                self.keys.give_to_tick(id, row);
            }
        }
        // The buttons first: a message about an empty list (below) never moves them.
        let unsaved = self.focused.filter(|&id| self.detail.is_changed_for(id));
        self.actions.hold_unsaved(unsaved);
        self.actions.show(
            ui,
            (agreements, context.data.published_year()),
            &self.visible,
            &mut self.selected,
            context.access,
            commands,
        );
        // A void code, or a code from another year's paper copy.
        let code = crate::model::agreement_code::searched_code(&self.search);
        let mut open = None;
        let voided = &context.data.voided;
        // Worded only when a search is said to be hidden, not every frame.
        let hidden_by = self.hidden_by;
        let hidden = || super::status_filter::hidden_by_filters(hidden_by);
        if code_notice(ui, &self.search, agreements, voided, commands, &mut open) {
            if let Some(id) = open {
                self.open_found(id);
            }
        } else if let Some((year, number)) = typed_number(&self.search)
            && self.visible.is_empty()
        {
            let shown_year = context.data.year.as_ref().map(|y| y.year);
            if shown_year == Some(year) && has_number(agreements, number) {
                ui.label(format!("编号 {year}-{number:03} 的责任书{}", hidden()));
            } else if shown_year != Some(year) && context.years.contains(&year) {
                // The search text stays: that year's list shows the agreement at once.
                ui.horizontal_wrapped(|ui| {
                    ui.label(format!(
                        "本年度没有编号 {year}-{number:03} 的责任书（编号前四位是年度）"
                    ));
                    if ui.button(format!("转到 {year} 年度")).clicked() {
                        commands.push(Command::ShowYear(year));
                    }
                });
            } else if shown_year == Some(year) {
                ui.label(format!("本年度没有编号 {year}-{number:03} 的责任书"));
            } else {
                ui.label(format!(
                    "没有 {year} 年度，也就没有编号 {year}-{number:03} 的责任书（编号前四位是年度）"
                ));
            }
        } else if let Some(serial) = typed_serial(&self.search)
            && self.visible.is_empty()
        {
            ui.label(if has_number(agreements, serial) {
                format!("第 {serial} 号责任书{}", hidden())
            } else {
                format!("本年度没有第 {serial} 号责任书")
            });
        } else if self.visible.is_empty()
            && self.hidden_found.is_empty()
            && !code.is_empty()
            && code.chars().all(|c| c.is_ascii_hexdigit())
        {
            // Too short to be taken for a code, and no name matches it either (one the filters
            // hide is said as hidden, below).
            ui.label("按校验码查找请至少输入连续 6 位（页脚“校验码”后的 12 位字母数字）");
        } else if self.visible.is_empty() && !agreements.is_empty() {
            let found = &self.hidden_found;
            ui.label(if self.search.trim().is_empty() {
                if self.overdue_only && !self.status_filter.matches_any_unsigned() {
                    format!(
                        "“只看逾期未签”只列尚未签订的责任书，与状态“{}”不会同时成立：请取消其中一个",
                        self.status_filter.label()
                    )
                } else {
                    "没有符合筛选条件的责任书".to_owned()
                }
            } else if !found.is_empty() {
                // Found, only hidden: "not found" would send the clerk looking elsewhere.
                let named: Vec<&str> = found.iter().take(3).map(String::as_str).collect();
                let more = if found.len() > 3 { "等" } else { "" };
                format!(
                    "找到“{}”：{}{more}，{}",
                    self.search.trim(),
                    named.join("、"),
                    hidden()
                )
            } else {
                format!(
                    "没有找到“{}”：可按单位名称、简称、序号（如 19）、编号（如 {}-001）或页脚的校验码查找",
                    self.search.trim(),
                    context.data.year.as_ref().map_or(0, |y| y.year)
                )
            });
        }
        if agreements.is_empty() {
            // A first year says the order things are set up in, before there is anything to draft.
            super::first_steps::show(ui, context, commands);
        } else if first_steps == FirstSteps::AfterDrafting {
            super::first_steps::after_drafting(ui);
        }
        // Whole points of width: a window made wider or narrower measures again.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)] // a width on screen
        let width = ui.available_width().max(0.0) as u32;
        let year = context.data.year.as_ref().map(|y| y.year);
        crate::ui::kept_room::keep(ui, &mut self.above_list, top, (year, width, parts));
        // A narrow window (1024 at 125 %) scrolls the columns sideways rather than lose the
        // last ones (签回/份数, 校验码) past its edge.
        if let Some(agreement) = self
            .focused
            .and_then(|id| agreements.iter().find(|a| a.id == id))
        {
            // On a narrow window (800 px, or 1024 at 125 %) the detail takes what the window
            // has, never running past its edge with its buttons and clause controls cut off;
            // the list keeps the rest and scrolls sideways.
            // Clauses being edited take more of it: a clause of a line or two, not of six.
            let available = ui.available_width();
            let (share, widest) = if self.detail.is_editing_clauses() {
                // No wider than leaves the list its code column whole.
                let beside = available - LIST_BESIDE_EDITING - ui.spacing().item_spacing.x;
                (0.65, EDITING_DETAIL_WIDTH.min(beside.max(DETAIL_WIDTH)))
            } else {
                (0.55, DETAIL_WIDTH)
            };
            let detail_width = (available * share).clamp(MIN_DETAIL_WIDTH, widest);
            let list_width = (available - detail_width - ui.spacing().item_spacing.x).max(120.0);
            egui_extras::StripBuilder::new(ui)
                .size(egui_extras::Size::remainder().at_least(list_width))
                .size(egui_extras::Size::exact(detail_width))
                .horizontal(|mut strip| {
                    strip.cell(|ui| {
                        crate::ui::sideways::show(ui, "tracker_beside", |ui| {
                            self.table(ui, context.data, &units, &categories, is_overdue, true);
                        });
                    });
                    strip.cell(|ui| {
                        let frame = egui::Frame::group(ui.style()).show(ui, |ui| {
                            ui.set_min_height(ui.available_height());
                            self.detail.show(ui, context, agreement, commands);
                        });
                        let is_busy = self.detail.has_form_open()
                            || self.detail.is_changed()
                            || !self.detail.open_form().is_empty();
                        self.detail_rect = (!is_busy).then_some(frame.response.rect);
                    });
                });
        } else {
            crate::ui::sideways::show(ui, "tracker_alone", |ui| {
                self.table(ui, context.data, &units, &categories, is_overdue, false);
            });
        }
        let on_row = (self.keys.on_row()).and_then(|(row, on_tick)| {
            (self.visible.get(row))
                .and_then(|&index| agreements.get(index))
                .map(|agreement| (agreement.id, on_tick))
        });
        self.keyboard_was = escape::KeyboardWas::now(ui, on_row, self.detail_rect.take());
        if self.detail.take_close_request() {
            // Reopened, the row starts afresh: no half-filled form or old message.
            self.focused = None;
            self.detail = Detail::default();
        }
        if self.detail.take_finalize_request()
            && let Some(id) = self.focused
        {
            self.actions.ask_finalize(vec![id]);
            self.asked_from_detail = Some(id);
        }
        if self.detail.take_mark_printed_request()
            && let Some(id) = self.focused
        {
            self.actions.ask_printed(agreements, vec![id]);
            self.asked_from_detail = Some(id);
        }
        let sent_before = commands.len();
        self.actions.dialogs(ui.ctx(), context, progress, commands);
        // A bulk change sent from the dialogs: known by its agreements when it is done. One
        // the detail asked for leaves the keyboard in the detail.
        if let Some(ids) = (commands.iter().skip(sent_before)).find_map(Command::status_change_ids)
        {
            if self.asked_from_detail.take().is_some_and(|id| ids == [id]) {
                self.detail.question_answered();
            } else {
                self.bulk_sent = Some(ids.to_vec());
            }
        }
        // Its question given up (取消, Esc): a later bulk change is the bulk's own.
        if !self.actions.is_asking_for_detail() {
            self.asked_from_detail = None;
        }
    }

    /// Shows agreement `id`'s detail; while the shown one has unsaved clause edits or a form
    /// with something typed in it (a reason, the signing facts), after the question whether to
    /// give them up.
    fn open(&mut self, id: i64) {
        let unsaved: Vec<String> = [
            self.detail.changed_clauses().unwrap_or_default(),
            self.detail.open_form().to_owned(),
        ]
        .into_iter()
        .filter(|what| !what.is_empty())
        .collect();
        if self.focused != Some(id) && !unsaved.is_empty() {
            // The shown agreement stays until its edits are saved or given up.
            self.switch_to = Some(id);
            self.switch_question.ask_about(unsaved.join("、"));
        } else {
            self.focused = Some(id);
            self.detail.focus(id);
        }
    }

    /// Esc took the keyboard from a row or the open detail's button (see `escape`): the
    /// detail closes unless a form or unsaved edits hold it, and the row gets the keyboard
    /// back.
    fn escape(&mut self, agreements: &[Agreement], from: escape::EscapedFrom) {
        let (id, on_tick) = match from {
            escape::EscapedFrom::Row(id, on_tick) => (id, on_tick),
            escape::EscapedFrom::Detail => match self.focused {
                Some(id) => (id, false),
                None => return,
            },
        };
        // Unsaved edits (clauses, 一式份数) or a form keep the detail open.
        let is_busy = self.detail.is_changed()
            || self.detail.has_form_open()
            || !self.detail.open_form().is_empty();
        if self.focused.is_some() && !is_busy {
            self.focused = None;
            self.detail = Detail::default();
        }
        let listed = (self.visible.iter())
            .position(|&index| agreements.get(index).is_some_and(|a| a.id == id));
        if let Some(row) = listed {
            if on_tick {
                self.keys.give_to_tick(id, row);
            } else {
                self.keys.give_to_name(id, row);
            }
        }
    }

    /// Opens agreement `id`, found by a void code: listed by the search, it is shown whatever
    /// the filters were (a filter that hid its row would close its detail again).
    fn open_found(&mut self, id: i64) {
        self.status_filter = StatusFilter::default();
        self.category_filter = None;
        self.overdue_only = false;
        self.open(id);
    }
}

/// Whether `agreement` is late: the year's planned signing date has passed (`is_overdue`) and
/// it is not signed yet, its unit still active.
fn is_late(agreement: &Agreement, units: &HashMap<i64, &Unit>, is_overdue: bool) -> bool {
    let is_active = units
        .get(&agreement.draft.unit_id)
        .is_none_or(|u| u.is_active);
    is_overdue && crate::model::agreement::awaits_signature(agreement.status, is_active)
}

/// True when the year has an agreement with 序号 `number`.
fn has_number(agreements: &[Agreement], number: i64) -> bool {
    agreements.iter().any(|a| a.draft.number == number)
}
