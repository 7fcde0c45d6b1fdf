//! 考核: the scoring workbench for one year and category: a grid of units × indicators with the
//! self score (自评) and the assessed score (考核) side by side in each cell, filled from the
//! keyboard (Tab across, Enter down; typing replaces the value), bad values refused at the cell
//! with the previous value kept, and totals, grades and ranks recomputed as cells change. The
//! unit's name (a link Tab reaches) or F3 in a cell opens the unit's bonuses, deductions and veto.

mod cells;
mod navigation;

use std::collections::{BTreeMap, HashMap};

use egui_extras::{Column, TableBuilder};

use crate::model::{AssessmentRow, Phase, Score, UNSCORED_GRADE, UnitAssessment, assess_category};

use super::agreements::Context;
use super::assessment_detail::RowDetail;
use super::command::Command;
use cells::{CellEditor, CellRequest, CellSpec, cell_label};
use navigation::{CellKey, GridShape, Half, Stop};

/// How to fill the grid from the keyboard, shown above it.
const HELP: &str = "左格自评分、右格考核组评分，输入即替换原值；Tab／Shift+Tab 左右逐格（含单位名称），\
回车／Shift+回车 到下／上一个单位的同一格，Esc 放弃本格输入";

/// The keys that open a unit's detail, and what a refusal looks like, shown above the grid.
const HELP_DETAIL: &str = "F2 编辑本格说明（带“注”的格有说明）；F3 或在单位名称上按回车：加分、扣分和一票否决；\
不被接受的值不保存，原值保留，格子标红框（悬停看原因）";

/// State of the 考核 screen.
#[derive(Default)]
pub struct AssessmentView {
    category_id: Option<i64>,
    cells: CellEditor,
    /// The year and category the refusals belong to; another grid drops them.
    refusal_grid: Option<(i32, i64)>,
    /// Why a published result is being changed.
    change_reason: String,
    detail: RowDetail,
    /// Set while a detail opened from the keyboard is shown.
    detail_keyboard: Option<DetailKeyboard>,
}

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
    /// Draws the screen.
    pub fn show(&mut self, ui: &mut egui::Ui, context: &Context<'_>, commands: &mut Vec<Command>) {
        let Some(year) = context.data.year.as_ref() else {
            ui.label("数据库中还没有考核年度");
            return;
        };
        let category_id = *self
            .category_id
            .get_or_insert_with(|| context.categories.first().map_or(0, |c| c.id));
        ui.horizontal(|ui| {
            ui.heading("年度考核评分");
            super::category_picker::category_picker(
                ui,
                "assessment_category",
                context.categories,
                &mut self.category_id,
            );
        });
        ui.label(HELP);
        ui.label(HELP_DETAIL);
        if self.refusal_grid != Some((year.year, category_id)) {
            self.cells.clear_refusals();
            self.refusal_grid = Some((year.year, category_id));
        }
        if let Some(keyboard) = &mut self.detail_keyboard
            && keyboard.step == FocusStep::Wait
        {
            keyboard.step = FocusStep::Give;
            ui.ctx().request_repaint();
        }
        let is_published = year.phase == Phase::Published;
        if is_published {
            ui.horizontal(|ui| {
                ui.colored_label(ui.visuals().warn_fg_color, format!("{} 年度考核结果已通报，评分已锁定。修改须填写理由，理由与新旧分值记入操作记录。", year.year));
                let label = ui.label("修改理由");
                ui.add(egui::TextEdit::singleline(&mut self.change_reason).desired_width(200.0)).labelled_by(label.id);
            });
        }
        let reason = is_published
            .then(|| self.change_reason.trim().to_owned())
            .filter(|r| !r.is_empty());
        let can_edit = !is_published || reason.is_some();
        let Some(set) = context
            .data
            .sets
            .iter()
            .find(|s| s.category_id == category_id)
        else {
            ui.label("本类别在本年度还没有考核指标");
            return;
        };
        let agreements: Vec<_> = context
            .data
            .agreements
            .iter()
            .filter(|a| a.draft.category_id == category_id)
            .collect();
        let scores: HashMap<(i64, i64), &Score> = context
            .data
            .scores
            .iter()
            .map(|s| ((s.agreement_id, s.indicator_id), s))
            .collect();
        let inputs: Vec<UnitAssessment> = agreements
            .iter()
            .map(|a| UnitAssessment {
                agreement_id: a.id,
                assessed: set
                    .indicators
                    .iter()
                    .filter_map(|i| Some((i.id, scores.get(&(a.id, i.id))?.assessed_score?)))
                    .collect::<BTreeMap<_, _>>(),
                adjustments: context
                    .data
                    .adjustments
                    .iter()
                    .filter(|d| d.agreement_id == a.id)
                    .cloned()
                    .collect(),
                is_vetoed: context.data.vetoes.iter().any(|v| v.agreement_id == a.id),
            })
            .collect();
        let results: HashMap<i64, AssessmentRow> = assess_category(year, set, &inputs)
            .into_iter()
            .map(|r| (r.agreement_id, r))
            .collect();
        let names: HashMap<i64, &str> = context
            .units
            .iter()
            .map(|u| (u.id, u.fields.display_short_name()))
            .collect();
        let agreement_ids: Vec<i64> = agreements.iter().map(|a| a.id).collect();
        let indicator_ids: Vec<i64> = set.indicators.iter().map(|i| i.id).collect();
        let grid = GridShape {
            agreement_ids: &agreement_ids,
            indicator_ids: &indicator_ids,
        };
        self.cells.status_line(ui);
        // A moved-to stop may be below the fold: scroll its row in and keep asking until drawn.
        let scroll_row = self.cells.begin_frame(ui.ctx(), &grid);
        let detail_height = if self.detail.is_open() { 230.0 } else { 0.0 };
        egui::ScrollArea::horizontal()
            .max_height(ui.available_height() - detail_height)
            .show(ui, |ui| {
                let mut table = TableBuilder::new(ui)
                    .striped(false)
                    .animate_scrolling(false)
                    .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
                if let Some(row) = scroll_row {
                    table = table.scroll_to_row(row, None);
                }
                table = table
                    .column(Column::exact(34.0))
                    .column(Column::exact(110.0));
                table = table.columns(Column::exact(52.0), 6);
                for _ in &set.indicators {
                    table = table.column(Column::exact(116.0));
                }
                table
                    .header(40.0, |mut header| {
                        header.col(|ui| {
                            ui.strong("序号");
                        });
                        header.col(|ui| {
                            ui.strong("单位");
                        });
                        for title in ["总分", "等次", "排名", "加分", "扣分", "否决"] {
                            header.col(|ui| {
                                ui.strong(title);
                            });
                        }
                        for (index, indicator) in set.indicators.iter().enumerate() {
                            header.col(|ui| {
                                ui.add(
                                    egui::Label::new(
                                        egui::RichText::new(format!(
                                            "{}.{}（{}）",
                                            index + 1,
                                            indicator.name,
                                            indicator.points
                                        ))
                                        .strong()
                                        .size(12.0),
                                    )
                                    .wrap(),
                                )
                                .on_hover_text(&indicator.criteria);
                            });
                        }
                    })
                    .body(|body| {
                        body.rows(26.0, agreements.len(), |mut row| {
                            let Some(agreement) = agreements.get(row.index()) else {
                                return;
                            };
                            let unit = names.get(&agreement.draft.unit_id).copied().unwrap_or("");
                            row.col(|ui| {
                                ui.label(agreement.draft.number.to_string());
                            });
                            row.col(|ui| {
                                let response = self.cells.name(ui, agreement.id, unit, &grid);
                                if response.clicked() {
                                    // From the keyboard, the keyboard follows into the detail.
                                    let by_keyboard =
                                        !response.clicked_by(egui::PointerButton::Primary);
                                    self.open_detail(
                                        agreement.id,
                                        by_keyboard.then_some(Stop::Name(agreement.id)),
                                        FocusStep::Wait,
                                    );
                                }
                            });
                            let result = results.get(&agreement.id);
                            // Units with nothing entered yet get no total, grade or rank.
                            let result = result.filter(|r| r.is_scored);
                            let vetoed = result.is_some_and(|r| r.is_vetoed);
                            let cells = [
                                result.map(|r| r.total.to_string()).unwrap_or_default(),
                                result
                                    .map_or_else(|| UNSCORED_GRADE.to_owned(), |r| r.grade.clone()),
                                result
                                    .filter(|r| r.is_complete())
                                    .map(|r| r.rank.to_string())
                                    .unwrap_or_default(),
                                result.map(|r| r.bonus.to_string()).unwrap_or_default(),
                                result.map(|r| r.deduction.to_string()).unwrap_or_default(),
                                if vetoed {
                                    "否决".to_owned()
                                } else {
                                    String::new()
                                },
                            ];
                            for (index, text) in cells.into_iter().enumerate() {
                                row.col(|ui| {
                                    if index == 1 {
                                        // Named per unit, e.g. "城关街道 等次：优秀", for screen readers and tests.
                                        let name = format!("{unit} 等次：{text}");
                                        ui.label(egui::RichText::new(text).strong())
                                            .on_hover_text(format!("{unit} 等次"))
                                            .widget_info(|| {
                                                egui::WidgetInfo::labeled(
                                                    egui::accesskit::Role::Label,
                                                    true,
                                                    &name,
                                                )
                                            });
                                    } else if index == 5 {
                                        ui.label(egui::RichText::new(text).strong());
                                    } else {
                                        ui.label(text);
                                    }
                                });
                            }
                            for indicator in &set.indicators {
                                row.col(|ui| {
                                    let score = scores.get(&(agreement.id, indicator.id));
                                    for half in [Half::SelfScore, Half::Assessed] {
                                        let key = CellKey {
                                            agreement_id: agreement.id,
                                            indicator_id: indicator.id,
                                            half,
                                        };
                                        let label = cell_label(unit, &indicator.name, half);
                                        let spec = CellSpec {
                                            key,
                                            stored: score.and_then(|s| match half {
                                                Half::SelfScore => s.self_score,
                                                Half::Assessed => s.assessed_score,
                                            }),
                                            points: indicator.points,
                                            label: &label,
                                            can_edit,
                                        };
                                        let command = |value| {
                                            let mut next = score.map_or_else(
                                                || Score::empty(agreement.id, indicator.id),
                                                |s| (*s).clone(),
                                            );
                                            match half {
                                                Half::SelfScore => next.self_score = value,
                                                Half::Assessed => next.assessed_score = value,
                                            }
                                            Command::SetScore {
                                                score: next,
                                                reason: reason.clone(),
                                            }
                                        };
                                        match self.cells.cell(ui, &spec, &grid, command, commands) {
                                            CellRequest::None => {}
                                            CellRequest::EditNote => {
                                                let note = score.map_or("", |s| s.note.as_str());
                                                self.detail.open_note(
                                                    agreement.id,
                                                    indicator.id,
                                                    note,
                                                );
                                                // The note field takes the keyboard itself.
                                                self.open_detail(
                                                    agreement.id,
                                                    Some(Stop::Cell(key)),
                                                    FocusStep::Given,
                                                );
                                            }
                                            CellRequest::OpenDetail => self.open_detail(
                                                agreement.id,
                                                Some(Stop::Cell(key)),
                                                FocusStep::Wait,
                                            ),
                                        }
                                    }
                                    if let Some(note) =
                                        score.map(|s| s.note.trim()).filter(|n| !n.is_empty())
                                    {
                                        note_marker(
                                            ui,
                                            &format!("{unit} {} 说明", indicator.name),
                                            note,
                                        );
                                    }
                                });
                            }
                        });
                    });
            });
        if let Some(agreement) = self
            .detail
            .agreement_id()
            .and_then(|id| agreements.iter().find(|a| a.id == id))
        {
            ui.separator();
            let unit = names.get(&agreement.draft.unit_id).copied().unwrap_or("");
            if let Some(keyboard) = &mut self.detail_keyboard
                && keyboard.step == FocusStep::Give
            {
                focus_next_drawn(ui);
                keyboard.step = FocusStep::Given;
            }
            self.detail.show(
                ui,
                context,
                set,
                agreement,
                unit,
                reason.as_ref(),
                can_edit,
                commands,
            );
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

    /// Opens an agreement's detail (keeping what is typed there if it is open already); from
    /// the keyboard, `return_to` is where the keyboard goes back when it closes.
    fn open_detail(&mut self, agreement_id: i64, return_to: Option<Stop>, step: FocusStep) {
        if self.detail.agreement_id() != Some(agreement_id) {
            self.detail.open(agreement_id);
        }
        self.detail_keyboard = return_to.map(|return_to| DetailKeyboard {
            agreement_id,
            return_to,
            step,
        });
    }
}

/// The small "注" beside a cell that has a note; hovering shows the note.
fn note_marker(ui: &mut egui::Ui, label: &str, note: &str) {
    let marker = egui::RichText::new("注")
        .size(10.0)
        .color(ui.visuals().warn_fg_color);
    ui.add(egui::Label::new(marker).sense(egui::Sense::HOVER))
        .on_hover_text(note)
        .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, label));
}
