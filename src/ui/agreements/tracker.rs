//! 签订跟踪: the year's agreements with filters, search (also by verification code, a void one
//! included, see [`super::code_search`]), a summary strip with what is overdue, the table with
//! its selection, and the detail of one agreement; the bulk actions on the selection are in
//! [`super::bulk_actions`]. Choosing another agreement while the shown one's clauses have
//! unsaved edits asks once before they go.

use std::collections::{BTreeSet, HashMap};

use egui_extras::{Column, TableBuilder};

use crate::model::{Agreement, Unit};

use super::super::discard_question::{DiscardAnswer, DiscardQuestion};
use super::bulk_actions::BulkActions;
use super::code_search::{Search, code_notice, voided_matches};
use super::detail::Detail;
use super::draft_dialog::DraftProgress;
use super::status_filter::StatusFilter;
use super::{Command, Context};
use crate::model::agreement::{grouped_code, typed_code, typed_number, typed_serial};
use crate::model::dates::show_date;

mod keyboard;
mod name_column;

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
    /// The data generation the selection was last checked against.
    checked_generation: u64,
    /// Drafts whose clause changes lost their clause to a template edit (they cannot be
    /// finalised until adjusted again), worked out once per data generation.
    stale_drafts: BTreeSet<i64>,
    visible: Vec<usize>,
    visible_key: Option<VisibleKey>,
    /// Whether the 单位 column names its rows by short name, for the list of `VisibleKey` and
    /// the column width (its bits) it was worked out for: not measured again every frame.
    short_names: Option<(VisibleKey, u32, bool)>,
    /// While nothing is listed: the agreements the search finds that the filters hide, as
    /// "青山镇人民政府（已签订）": the first four (three are named, a fourth says "等").
    hidden_found: Vec<String>,
    /// The question before another agreement's detail replaces unsaved clause edits, and the
    /// agreement chosen meanwhile.
    switch_question: DiscardQuestion,
    switch_to: Option<i64>,
    /// The list's scroll offset last frame, and whether it was drawn beside the detail: the
    /// list moves into another layout when the detail opens or closes, and keeps its place.
    scroll: (f32, Option<bool>),
    /// The file picker of 核验 PDF…, while open.
    verify_picker: Option<crate::ui::file_picker::FilePicker>,
    /// The list's rows from the keyboard.
    keys: keyboard::RowKeys,
}

/// What the list of visible rows was computed from: data generation, status and category
/// filters, the overdue filter (when ticked, whether the planned date has passed), and the
/// search text.
type VisibleKey = (u64, StatusFilter, Option<i64>, Option<bool>, String);

const ROW_HEIGHT: f32 = 24.0;

/// Width of the detail beside the table.
const DETAIL_WIDTH: f32 = 420.0;

/// Room the 校验码 column keeps (the code grouped "f319 89c9 55d6" and the scroll bar).
const CODE_COLUMN_ROOM: f32 = 150.0;

/// The least the 校验码 column (the rest of the width) may have.
const CODE_COLUMN_LEAST: f32 = 40.0;

impl Tracker {
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

    /// True when the detail's clauses have unsaved edits.
    pub fn is_changed(&self) -> bool {
        self.detail.is_changed()
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
        super::summary_strip::summary(ui, context, self.category_filter);
        self.filters(ui, context);
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
        // The buttons first: a message about an empty list (below) never moves them.
        self.actions.show(
            ui,
            agreements,
            &self.visible,
            &mut self.selected,
            context.access,
            commands,
        );
        // A void code, or a code from another year's paper copy.
        let code = typed_code(&self.search);
        let mut open = None;
        let voided = &context.data.voided;
        if code_notice(ui, &self.search, agreements, voided, commands, &mut open) {
            if let Some(id) = open {
                self.open_found(id);
            }
        } else if let Some((year, number)) = typed_number(&self.search)
            && self.visible.is_empty()
        {
            let shown_year = context.data.year.as_ref().map(|y| y.year);
            ui.label(if shown_year == Some(year) && has_number(agreements, number) {
                format!("编号 {year}-{number:03} 的责任书{HIDDEN_BY_FILTERS}")
            } else {
                format!(
                    "本年度没有编号 {year}-{number:03} 的责任书（编号前四位是年度，请在顶部选择该年度）"
                )
            });
        } else if let Some(serial) = typed_serial(&self.search)
            && self.visible.is_empty()
        {
            ui.label(if has_number(agreements, serial) {
                format!("第 {serial} 号责任书{HIDDEN_BY_FILTERS}")
            } else {
                format!("本年度没有第 {serial} 号责任书")
            });
        } else if self.visible.is_empty()
            && !code.is_empty()
            && code.chars().all(|c| c.is_ascii_hexdigit())
        {
            // Too short to be taken for a code, and no name matches it either.
            ui.label("按校验码查找请至少输入连续 6 位（页脚“校验码”后的 12 位字母数字）");
        } else if self.visible.is_empty() && !agreements.is_empty() {
            let found = &self.hidden_found;
            ui.label(if self.search.trim().is_empty() {
                "没有符合筛选条件的责任书".to_owned()
            } else if !found.is_empty() {
                // Found, only hidden: "not found" would send the clerk looking elsewhere.
                let named: Vec<&str> = found.iter().take(3).map(String::as_str).collect();
                let more = if found.len() > 3 { "等" } else { "" };
                format!(
                    "找到“{}”：{}{more}，{HIDDEN_BY_FILTERS}",
                    self.search.trim(),
                    named.join("、")
                )
            } else {
                format!(
                    "没有找到“{}”：可按单位名称、简称、编号（如 {}-001）或页脚的校验码查找",
                    self.search.trim(),
                    context.data.year.as_ref().map_or(0, |y| y.year)
                )
            });
        }
        if agreements.is_empty() {
            // A first year says the order things are set up in, before there is anything to draft.
            let has_units = context.units.iter().any(|u| u.is_active);
            let has_templates = !context.data.templates.is_empty();
            ui.label(if has_units && has_templates {
                "本年度还没有责任书：点“批量起草…”，为各单位按本类别的模板起草"
            } else {
                "本年度还没有责任书。起草前请依次准备：在“单位”中添加或导入责任单位，在“设置 → 年度设置”中填写甲方签字人和计划签订日期，在上方“模板”中为各考核类别写好责任书文本，在“考核指标”中填好指标并标记定稿；然后点“批量起草…”"
            });
        }
        // A narrow window (1024 at 125 %) scrolls the columns sideways rather than lose the
        // last ones (签回/份数, 校验码) past its edge.
        if let Some(agreement) = self
            .focused
            .and_then(|id| agreements.iter().find(|a| a.id == id))
        {
            egui_extras::StripBuilder::new(ui)
                .size(egui_extras::Size::remainder().at_least(300.0))
                .size(egui_extras::Size::exact(DETAIL_WIDTH))
                .horizontal(|mut strip| {
                    strip.cell(|ui| {
                        let scrolled = egui::ScrollArea::horizontal().id_salt("tracker_beside");
                        scrolled.show(ui, |ui| {
                            self.table(ui, context.data, &units, &categories, is_overdue, true);
                        });
                    });
                    strip.cell(|ui| {
                        egui::Frame::group(ui.style()).show(ui, |ui| {
                            ui.set_min_height(ui.available_height());
                            self.detail.show(ui, context, agreement, commands);
                        });
                    });
                });
        } else {
            let scrolled = egui::ScrollArea::horizontal().id_salt("tracker_alone");
            scrolled.show(ui, |ui| {
                self.table(ui, context.data, &units, &categories, is_overdue, false);
            });
        }
        if self.detail.take_close_request() {
            // Reopened, the row starts afresh: no half-filled form or old message.
            self.focused = None;
            self.detail = Detail::default();
        }
        if self.detail.take_finalize_request()
            && let Some(id) = self.focused
        {
            self.actions.ask_finalize(vec![id]);
        }
        if self.detail.take_mark_printed_request()
            && let Some(id) = self.focused
        {
            self.actions.ask_printed(agreements, vec![id]);
        }
        self.actions.dialogs(ui.ctx(), context, progress, commands);
    }

    fn filters(&mut self, ui: &mut egui::Ui, context: &Context<'_>) {
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("状态");
            egui::ComboBox::from_id_salt("status_filter")
                .selected_text(self.status_filter.label())
                // "已签订（含已归档）" whole.
                .width(150.0)
                .show_ui(ui, |ui| {
                    for choice in StatusFilter::choices() {
                        ui.selectable_value(&mut self.status_filter, choice, choice.label());
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("类别");
            let category_name = self
                .category_filter
                .and_then(|id| context.categories.iter().find(|c| c.id == id))
                .map_or("全部", |c| c.name.as_str());
            egui::ComboBox::from_id_salt("category_filter")
                .selected_text(category_name)
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut self.category_filter, None, "全部");
                    for category in context.categories {
                        ui.selectable_value(
                            &mut self.category_filter,
                            Some(category.id),
                            &category.name,
                        );
                    }
                })
                .response
                .labelled_by(label.id);
            let label = ui.label("查找");
            ui.add(
                egui::TextEdit::singleline(&mut self.search)
                    .hint_text("单位名称、编号或校验码")
                    .desired_width(200.0),
            )
            .labelled_by(label.id);
            ui.checkbox(&mut self.overdue_only, "只看逾期未签")
                .on_hover_text("计划签订日期已过、尚未签订的责任书");
            // Reads only: open in a read-only window too.
            if ui
                .button("核验 PDF…")
                .on_hover_text(
                    "选择一个 PDF（导出的责任书、签订件或打印文件，如别人发回的），核对它是哪份责任书、是否与导出时完全一致",
                )
                .clicked()
            {
                self.verify_picker = Some(crate::ui::file_picker::FilePicker::new(
                    "选择要核验的 PDF 文件",
                    crate::ui::file_picker::PickMode::OpenFile(&["pdf"]),
                ));
            }
        });
    }

    fn refresh_visible(
        &mut self,
        context: &Context<'_>,
        units: &HashMap<i64, &Unit>,
        is_overdue: bool,
    ) {
        let agreements = &context.data.agreements;
        let printed_names = &context.data.printed_names;
        let key = (
            context.generation,
            self.status_filter,
            self.category_filter,
            // Ticked before the planned date lists nothing: not the same as not ticked.
            self.overdue_only.then_some(is_overdue),
            self.search.clone(),
        );
        if self.visible_key.as_ref() == Some(&key) {
            return;
        }
        let voided = voided_matches(self.search.trim(), agreements, &context.data.voided);
        let search = Search::new(self.search.trim(), &voided);
        self.visible = agreements
            .iter()
            .enumerate()
            .filter(|(_, a)| self.status_filter.matches(a.status))
            .filter(|(_, a)| {
                self.category_filter
                    .is_none_or(|c| c == a.draft.category_id)
            })
            .filter(|(_, a)| !self.overdue_only || is_late(a, units, is_overdue))
            .filter(|(_, a)| {
                let printed = printed_names.get(&a.id).map(String::as_str);
                search.matches(a, units.get(&a.draft.unit_id).copied(), printed)
            })
            .map(|(index, _)| index)
            .collect();
        self.hidden_found.clear();
        if self.visible.is_empty() && !self.search.trim().is_empty() {
            self.hidden_found = (agreements.iter())
                .filter_map(|a| {
                    let unit = units.get(&a.draft.unit_id).copied();
                    let name = unit.map_or("", |u| u.fields.name.as_str());
                    let printed = printed_names.get(&a.id).map(String::as_str);
                    search
                        .matches(a, unit, printed)
                        .then(|| format!("{name}（{}）", a.status.label()))
                })
                .take(4)
                .collect();
        }
        self.visible_key = Some(key);
        // Another list: the place in the one before is not carried into it.
        self.scroll.1 = None;
        // The detail belongs to a listed row: a search or filter that hides it closes it.
        if let Some(id) = self.focused
            && !self
                .visible
                .iter()
                .any(|&i| agreements.get(i).is_some_and(|a| a.id == id))
        {
            self.focused = None;
        }
    }

    fn table(
        &mut self,
        ui: &mut egui::Ui,
        data: &super::YearData,
        units: &HashMap<i64, &Unit>,
        categories: &HashMap<i64, &str>,
        is_overdue: bool,
        is_compact: bool,
    ) {
        let agreements = &data.agreements;
        // With the detail open, the signatory and date columns (shown in the detail) make room,
        // so that the unit's name and the whole code still show.
        let shown = |column: usize| !is_compact || !matches!(column, 4..=8);
        let mut headers = [
            "序号",
            "单位",
            "类别",
            "状态",
            "甲方签字人",
            "乙方签字人",
            "定稿日期",
            "打印日期",
            "签订日期",
            "签回/份数",
            "校验码",
        ];
        let mut toggled = None;
        let mut focused = None;
        // Beside the detail the unit's name column gives way, so that the table and the
        // detail both fit a window 1200 points wide.
        // The code column (the rest of the width) keeps room for the whole code, and the
        // scroll bar beside it, in a window 1200 points wide, as printed on the paper it is
        // compared with.
        // A wider window gives the room left to the unit's name, so that long names show whole.
        let mut widths = [
            56.0, 166.0, 50.0, 96.0, 72.0, 72.0, 100.0, 100.0, 100.0, 66.0,
        ];
        // The category column holds the longest category name (镇街 by default; an office's
        // own "重点行业部门" whole), within reason.
        let longest = categories.values().map(|name| name.chars().count()).max();
        widths[2] = longest.map_or(50.0, |chars| {
            (chars as f32 * 14.0 + 10.0).clamp(50.0, 110.0)
        });
        // A draft whose tailoring a template edit left behind says so in its status
        // ("草稿（逾期，调整待重做）"): the column holds it whole while there is one.
        if !self.stale_drafts.is_empty() {
            widths[3] = 170.0;
        }
        let others: f32 = (widths.iter().enumerate())
            .filter(|&(column, _)| column != 1 && shown(column))
            .map(|(_, width)| width + ui.spacing().item_spacing.x)
            .sum();
        let spare = ui.available_width() - others - CODE_COLUMN_ROOM;
        widths[1] = if is_compact {
            // Beside the detail the code column keeps only its least, and the name gives way
            // to a wide status ("草稿（逾期，调整待重做）") rather than push the detail out of the
            // window; a name cut short shows whole on hover.
            (spare + CODE_COLUMN_ROOM - CODE_COLUMN_LEAST - ui.spacing().item_spacing.x)
                .clamp(100.0, 160.0)
        } else {
            // A long category name (重点企业) takes from the unit's name before the code, which
            // is read whole against the paper.
            spare.clamp(140.0, 260.0)
        };
        // One way of naming for the whole column (see [`name_column`]); the cell's padding
        // taken off its width.
        let name_width = widths[1] - ui.spacing().item_spacing.x;
        let by_short_name = match (&self.short_names, &self.visible_key) {
            (Some((key, width, answer)), Some(now))
                if key == now && *width == name_width.to_bits() =>
            {
                *answer
            }
            _ => {
                let answer = name_column::shows_short(
                    ui,
                    (self.visible.iter())
                        .filter_map(|&i| agreements.get(i))
                        .map(|agreement| units.get(&agreement.draft.unit_id).copied()),
                    name_width,
                );
                self.short_names =
                    (self.visible_key.clone()).map(|key| (key, name_width.to_bits(), answer));
                answer
            }
        };
        if by_short_name {
            headers[1] = "单位（简称）";
        }
        let mut builder = TableBuilder::new(ui)
            .id_salt("tracker_table")
            .striped(true)
            // Clicks, not the keyboard: Tab stops at each row's tick box and name, not at
            // every cell and column head unseen.
            .sense(egui::Sense::CLICK)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        let (offset, was_compact) = self.scroll;
        if was_compact.is_some_and(|was| was != is_compact) {
            builder = builder.vertical_scroll_offset(offset);
        }
        if let Some(row) = self.keys.begin() {
            builder = builder.scroll_to_row(row, None);
        }
        for (_, width) in widths
            .into_iter()
            .enumerate()
            .filter(|(column, _)| shown(*column))
        {
            builder = builder.column(Column::initial(width).at_least(40.0).clip(true));
        }
        let scrolled = builder
            .column(Column::remainder().at_least(CODE_COLUMN_LEAST).clip(true))
            .header(ROW_HEIGHT, |mut header| {
                for (_, title) in headers
                    .into_iter()
                    .enumerate()
                    .filter(|(column, _)| shown(*column))
                {
                    header.col(|ui| {
                        let title = ui.strong(title);
                        if by_short_name {
                            title.on_hover_text("全称放不下，本列显示简称；指向一行可见全称");
                        }
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, self.visible.len(), |mut row| {
                    let row_index = row.index();
                    let mut tick = None;
                    let Some(agreement) =
                        self.visible.get(row_index).and_then(|&i| agreements.get(i))
                    else {
                        return;
                    };
                    row.set_selected(self.focused == Some(agreement.id));
                    let unit = units.get(&agreement.draft.unit_id);
                    let unit_name = unit.map_or("", |u| u.fields.name.as_str());
                    let mut is_selected = self.selected.contains(&agreement.id);
                    row.col(|ui| {
                        let number = agreement.draft.number.to_string();
                        let response = ui
                            .checkbox(&mut is_selected, number)
                            .on_hover_text(format!("选择{unit_name}（按住 Shift 点击可连选）"));
                        if response.changed() {
                            toggled = Some((agreement.id, ui.input(|i| i.modifiers.shift)));
                        }
                        tick = Some(response);
                    });
                    let day =
                        |date: Option<chrono::NaiveDate>| date.map(show_date).unwrap_or_default();
                    let code = agreement.verification_code().unwrap_or("");
                    let cells = [
                        name_column::full_name(unit.copied()),
                        categories
                            .get(&agreement.draft.category_id)
                            .copied()
                            .unwrap_or("")
                            .to_owned(),
                        // Past the planned signing date and not signed, or a draft whose clause
                        // changes a template edit left behind: said in the row.
                        match (
                            is_late(agreement, units, is_overdue),
                            self.stale_drafts.contains(&agreement.id),
                        ) {
                            (true, true) => {
                                format!("{}（逾期，调整待重做）", agreement.status.label())
                            }
                            (true, false) => format!("{}（逾期）", agreement.status.label()),
                            (false, true) => {
                                format!("{}（调整待重做）", agreement.status.label())
                            }
                            (false, false) => agreement.status.label().to_owned(),
                        },
                        agreement.party_a_signatory.clone(),
                        agreement.party_b_signatory.clone(),
                        day(agreement.finalized_on),
                        day(agreement.printed_on),
                        day(agreement.signed_on),
                        format!("{}/{}", agreement.copies_returned, agreement.draft.copies),
                        grouped_code(code),
                    ];
                    for (cell, text) in cells
                        .into_iter()
                        .enumerate()
                        .filter(|(cell, _)| shown(cell + 1))
                    {
                        row.col(|ui| {
                            // The unit's name takes the keyboard (Tab), its ring shown: Enter
                            // or Space opens the agreement, as a click on its row does.
                            if cell != 0 {
                                ui.add(egui::Label::new(text).selectable(false).truncate());
                                return;
                            }
                            // The column's names too long for it give way to short ones, whole,
                            // rather than be cut; the full name shows on hover.
                            let shown_name = by_short_name
                                .then(|| name_column::short_name(unit.copied()))
                                .flatten()
                                .unwrap_or_else(|| text.clone());
                            let label = egui::Label::new(shown_name.as_str())
                                .selectable(false)
                                .truncate();
                            let name = ui.add(label.sense(egui::Sense::click()));
                            // Renamed after 定稿: the paper copy says the old name.
                            let printed = (data.printed_names.get(&agreement.id))
                                .map(|old| format!("责任书上的名称：{old}（定稿后单位已更名）"));
                            let hover = match (shown_name == text, printed) {
                                (true, None) => None,
                                (true, Some(printed)) => Some(printed),
                                (false, None) => Some(text.clone()),
                                (false, Some(printed)) => Some(format!("{text}\n{printed}")),
                            };
                            let name = match hover {
                                Some(hover) => name.on_hover_text(hover),
                                None => name,
                            };
                            crate::ui::focus_ring::show(ui, &name);
                            if let Some(tick) = &tick {
                                self.keys.row(row_index, agreement.id, &name, tick);
                            }
                            if name.clicked() {
                                focused = Some(agreement.id);
                            }
                        });
                    }
                    if row.response().clicked() {
                        focused = Some(agreement.id);
                    }
                });
            });
        self.scroll = (scrolled.state.clamped_offset().y, Some(is_compact));
        // With the detail open it follows the keyboard from row to row.
        let visible = &self.visible;
        let id_at = |row: usize| {
            visible
                .get(row)
                .and_then(|&i| agreements.get(i))
                .map(|a| a.id)
        };
        if let Some(id) = self.keys.step(ui, visible.len(), id_at)
            && self.focused.is_some()
        {
            focused = Some(id);
        }
        if let Some((id, is_range)) = toggled {
            let is_ticked = !self.selected.contains(&id);
            let listed: Vec<i64> = (self.visible.iter())
                .filter_map(|&i| agreements.get(i))
                .map(|a| a.id)
                .collect();
            let range = (self.tick_anchor.filter(|_| is_range))
                .and_then(|anchor| listed.iter().position(|&a| a == anchor))
                .zip(listed.iter().position(|&a| a == id))
                .and_then(|(from, to)| listed.get(from.min(to)..=from.max(to)));
            for &each in range.unwrap_or(std::slice::from_ref(&id)) {
                if is_ticked {
                    self.selected.insert(each);
                } else {
                    self.selected.remove(&each);
                }
            }
            self.tick_anchor = Some(id);
        }
        if let Some(id) = focused {
            self.open(id);
        }
    }

    /// Shows agreement `id`'s detail; while the shown one has unsaved clause edits or a form
    /// with something typed in it (a reason, the signing facts), after the question whether to
    /// give them up.
    fn open(&mut self, id: i64) {
        let unsaved: Vec<&str> = [
            if self.detail.is_changed() {
                "条款调整"
            } else {
                ""
            },
            self.detail.open_form(),
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

/// Said of an agreement searched for by number that the status, category or 逾期 filter hides.
const HIDDEN_BY_FILTERS: &str =
    "不在当前筛选结果中：请把状态、类别筛选改回“全部”，或取消“只看逾期未签”";

/// True when the year has an agreement with 序号 `number`.
fn has_number(agreements: &[Agreement], number: i64) -> bool {
    agreements.iter().any(|a| a.draft.number == number)
}
