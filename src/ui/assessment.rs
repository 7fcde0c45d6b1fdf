//! 考核: the scoring workbench for one year and category: a grid of units × indicators with the
//! self score (自评) and the assessed score (考核) side by side in each cell, filled from the
//! keyboard (Tab and Enter move on; typing replaces the value), bad values refused in the cell
//! with the previous value kept, and totals, grades and ranks recomputed as cells change.

use std::collections::{BTreeMap, HashMap};

use egui_extras::{Column, TableBuilder};

use crate::model::{
    AssessmentRow, Phase, Points, PointsError, Score, UNSCORED_GRADE, UnitAssessment,
    assess_category,
};

use super::agreements::Context;
use super::assessment_detail::RowDetail;
use super::command::Command;

/// Which half of a cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Half {
    SelfScore,
    Assessed,
}

/// State of the 考核 screen.
#[derive(Default)]
pub struct AssessmentView {
    category_id: Option<i64>,
    /// The text of the cell being edited, with the cell's key.
    editing: Option<((i64, i64, Half), String)>,
    /// A refusal shown under the grid, e.g. a score above the points.
    cell_message: Option<String>,
    /// The year and category the message belongs to; another grid drops it.
    message_grid: Option<(i32, i64)>,
    /// Why a published result is being changed.
    change_reason: String,
    detail: RowDetail,
    /// The cell that Enter or Tab moved to, until it is drawn and focused.
    pending_focus: Option<PendingFocus>,
}

/// A cell to focus once the table has scrolled it into view.
#[derive(Debug, Clone, Copy)]
struct PendingFocus {
    key: (i64, i64, Half),
    /// Frames left before giving up (say the category changed meanwhile).
    frames_left: u8,
    /// False in the frame of the key press, whose Enter the new cell must not see.
    is_armed: bool,
}

/// How many frames a focus request waits for its cell to be drawn.
const FOCUS_FRAMES: u8 = 10;

fn cell_id(agreement_id: i64, indicator_id: i64, half: Half) -> egui::Id {
    egui::Id::unique(("score_cell", agreement_id, indicator_id, half))
}

fn shown(value: Option<Points>) -> String {
    value.map(|p| p.to_string()).unwrap_or_default()
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
        if self.message_grid != Some((year.year, category_id)) {
            self.cell_message = None;
            self.message_grid = Some((year.year, category_id));
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
        if let Some(message) = &self.cell_message {
            ui.colored_label(ui.visuals().error_fg_color, message);
        }
        ui.label("每格左为自评分、右为考核组评分；Tab 或回车移到下一格（Shift+Tab 回上一格），输入即替换原值；F2 编辑本格说明，带“注”的格有说明（悬停查看）。点单位名称录入加减分、一票否决和说明");

        let order: Vec<(i64, i64, Half)> = agreements
            .iter()
            .flat_map(|a| {
                set.indicators.iter().flat_map(move |i| {
                    [(a.id, i.id, Half::SelfScore), (a.id, i.id, Half::Assessed)]
                })
            })
            .collect();
        // A moved-to cell may be below the fold: scroll its row in and keep asking until drawn.
        let scroll_row = self
            .pending_focus
            .and_then(|pending| agreements.iter().position(|a| a.id == pending.key.0));
        if let Some(pending) = &mut self.pending_focus {
            if scroll_row.is_none() || pending.frames_left == 0 {
                self.pending_focus = None;
            } else {
                pending.frames_left -= 1;
                pending.is_armed = true;
                ui.ctx().request_repaint();
            }
        }
        let scroll_row = scroll_row.filter(|_| self.pending_focus.is_some());
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
                                // Clickable but not focusable, so Tab goes from cell to cell.
                                let link = egui::Label::new(
                                    egui::RichText::new(unit).color(ui.visuals().hyperlink_color),
                                )
                                .sense(egui::Sense::CLICK);
                                if ui
                                    .add(link)
                                    .on_hover_cursor(egui::CursorIcon::PointingHand)
                                    .clicked()
                                {
                                    self.detail.open(agreement.id);
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
                                        let stored = score.and_then(|s| {
                                            if half == Half::SelfScore {
                                                s.self_score
                                            } else {
                                                s.assessed_score
                                            }
                                        });
                                        let key = (agreement.id, indicator.id, half);
                                        let label = format!(
                                            "{unit} {} {}",
                                            indicator.name,
                                            if half == Half::SelfScore {
                                                "自评"
                                            } else {
                                                "考核"
                                            }
                                        );
                                        self.cell(
                                            ui,
                                            key,
                                            stored,
                                            indicator.points,
                                            &label,
                                            can_edit,
                                            &order,
                                            score.map_or("", |s| s.note.as_str()),
                                            |value| {
                                                let mut next = score.map_or_else(
                                                    || Score {
                                                        agreement_id: agreement.id,
                                                        indicator_id: indicator.id,
                                                        self_score: None,
                                                        assessed_score: None,
                                                        note: String::new(),
                                                    },
                                                    |s| (*s).clone(),
                                                );
                                                if half == Half::SelfScore {
                                                    next.self_score = value;
                                                } else {
                                                    next.assessed_score = value;
                                                }
                                                Command::SetScore {
                                                    score: next,
                                                    reason: reason.clone(),
                                                }
                                            },
                                            commands,
                                        );
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
    }

    /// One half of a cell: shows the stored value, edits a copy, and on leaving checks it.
    // The cell's key, value, limits, neighbours and command are all per-cell; a struct built
    // per cell and frame would only rename them.
    #[allow(clippy::too_many_arguments)]
    fn cell(
        &mut self,
        ui: &mut egui::Ui,
        key: (i64, i64, Half),
        stored: Option<Points>,
        points: Points,
        label: &str,
        can_edit: bool,
        order: &[(i64, i64, Half)],
        note: &str,
        command: impl FnOnce(Option<Points>) -> Command,
        commands: &mut Vec<Command>,
    ) {
        let id = cell_id(key.0, key.1, key.2);
        if self
            .pending_focus
            .is_some_and(|p| p.key == key && p.is_armed)
        {
            // Drawn at last: focus it before the text edit reads its focus.
            ui.ctx().memory_mut(|m| m.request_focus(id));
            self.pending_focus = None;
        }
        let is_editing = self.editing.as_ref().is_some_and(|(k, _)| *k == key);
        let mut text = if is_editing {
            self.editing
                .as_ref()
                .map(|(_, t)| t.clone())
                .unwrap_or_default()
        } else {
            shown(stored)
        };
        let response = ui.add_enabled(
            can_edit,
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(42.0)
                // A tint of its own, so the inputs show on every row of the grid.
                .background_color(egui::Color32::from_rgb(234, 240, 248)),
        );
        response.widget_info(|| {
            egui::WidgetInfo::labeled(egui::accesskit::Role::TextInput, can_edit, label)
        });
        if response.gained_focus() {
            // Bring a cell right of the window into view too (the table scrolls rows itself).
            response.scroll_to_me(None);
            let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::select_all_str(&text)));
            state.store(ui.ctx(), id);
        }
        if response.has_focus() || response.changed() {
            self.editing = Some((key, text.clone()));
        }
        if response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::F2)) {
            self.detail.open_note(key.0, key.1, note);
        }
        if response.lost_focus() {
            self.editing = None;
            let entered = text.trim();
            let value = if entered.is_empty() {
                Ok(None)
            } else {
                Points::parse(entered).map(Some)
            };
            match value {
                Ok(Some(value)) if value > points => {
                    self.cell_message = Some(format!(
                        "{label}：满分 {points} 分，不能填 {value}；已保留原值 {}",
                        shown(stored)
                    ));
                }
                Ok(value) if value != stored => {
                    self.cell_message = None;
                    commands.push(command(value));
                }
                Ok(_) => {}
                Err(error) => {
                    let error: PointsError = error;
                    self.cell_message =
                        Some(format!("{label}：{error}；已保留原值 {}", shown(stored)));
                }
            }
            let (enter, tab, back_tab) = ui.input(|i| {
                let tab = i.key_pressed(egui::Key::Tab);
                (
                    i.key_pressed(egui::Key::Enter),
                    tab && !i.modifiers.shift,
                    tab && i.modifiers.shift,
                )
            });
            let position = order.iter().position(|k| *k == key);
            let target = if enter || tab {
                position.and_then(|p| order.get(p + 1))
            } else if back_tab {
                position
                    .and_then(|p| p.checked_sub(1))
                    .and_then(|p| order.get(p))
            } else {
                None
            };
            if let Some(target) = target {
                self.pending_focus = Some(PendingFocus {
                    key: *target,
                    frames_left: FOCUS_FRAMES,
                    is_armed: false,
                });
            }
        }
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
