//! What the 考核 grid shows in its cells: in the fixed columns the unit's number and name and
//! its computed total, grade, rank, bonus, deduction and veto; in the scrolled columns, per
//! indicator, the 自评 and 考核 inputs under their sub-headers, with a "注" where a note is.

use std::collections::HashMap;

use crate::model::assessment::HeldBack;
use crate::model::{Agreement, AssessmentRow, Indicator, Points, Score, UNSCORED_GRADE};
use crate::ui::command::Command;
use crate::ui::write_access::WriteAccess;

use super::cells::{CellEditor, CellRequest, CellSpec, INPUT_WIDTH, cell_label};
use super::grid::{FixedCells, GridContents};
use super::navigation::{CellKey, GridShape, Half};

/// The fixed columns, left to right, with their widths in points.
pub const FIXED_COLUMNS: [(&str, f32); 8] = [
    ("序号", 34.0),
    ("单位", 110.0),
    ("总分", 50.0),
    // "不合格" whole, or "未评分" with the ⚠ of earlier years' failures beside it.
    ("等次", 64.0),
    ("排名", 38.0),
    ("加分", 40.0),
    ("扣分", 40.0),
    ("否决", 38.0),
];

/// Width of one indicator's column: two inputs and the note mark.
pub const CELL_WIDTH: f32 = 132.0;

/// Said on hover of a unit marked "*": what waits in its detail.
const TYPED_ENTRY_NOTE: &str = "明细中有已输入而尚未录入的加分、扣分或否决（已保留）：点单位名称打开明细，点相应的按钮（录入加扣分、保存修改或一票否决）才计入";

/// Height of a unit's row.
pub const ROW_HEIGHT: f32 = 26.0;

/// Height of the header: the indicator's name over 自评 and 考核.
pub const HEADER_HEIGHT: f32 = 56.0;

/// Space between the inputs of a cell, and between their sub-headers.
const CELL_SPACING: f32 = 6.0;

/// Height of the 自评 / 考核 sub-headers.
const SUB_HEADER_HEIGHT: f32 = 16.0;

/// What a click or key in the grid asks of the unit's detail under it.
#[derive(Debug, Clone, Copy)]
pub enum DetailRequest {
    /// The unit's name was activated; from the keyboard, the keyboard goes along and back.
    Unit {
        /// The unit's agreement.
        agreement_id: i64,
        /// True when activated from the keyboard.
        by_keyboard: bool,
    },
    /// F2 in a cell: the note of its indicator.
    Note(CellKey),
    /// F3 in a cell: the unit's bonuses, deductions and veto.
    Detail(CellKey),
    /// Esc in a cell with nothing typed: the detail closes.
    Close,
}

/// The data and editors the grid's cells draw with, for one year and category.
pub struct ScoreRows<'a> {
    /// The category's agreements, one per row.
    pub agreements: &'a [&'a Agreement],
    /// Units' short names by unit id.
    pub names: &'a HashMap<i64, &'a str>,
    /// The ids of the units archived since (they sign nothing more).
    pub archived: &'a std::collections::HashSet<i64>,
    /// The agreements with a bonus, deduction or veto typed in their detail and not recorded.
    pub typed_entries: &'a std::collections::HashSet<i64>,
    /// Totals, grades and ranks by agreement id.
    pub results: &'a HashMap<i64, AssessmentRow>,
    /// True once every unit of the category is fully scored: the ranks are final.
    pub ranks_are_final: bool,
    /// Units that failed two years in a row, and the years.
    pub failures: &'a super::RepeatedFailures,
    /// The vetoes' conditions and reasons ("瞒报、谎报生产安全事故；理由：…"), by agreement id.
    pub vetoes: &'a HashMap<i64, String>,
    /// Scores by agreement and indicator id.
    pub scores: &'a HashMap<(i64, i64), &'a Score>,
    /// The category's indicators, one per scrolled column.
    pub indicators: &'a [Indicator],
    /// Rows and columns for the keyboard.
    pub grid: GridShape<'a>,
    /// False while published results are locked, or in a read-only window.
    pub can_edit: bool,
    /// Whether the window may write.
    pub access: WriteAccess<'a>,
    /// Why published results are being changed.
    pub reason: Option<&'a String>,
    /// The cells' editing state.
    pub cells: &'a mut CellEditor,
    /// Where saved values go.
    pub commands: &'a mut Vec<Command>,
    /// What the cells ask of the detail, in order.
    pub requests: Vec<DetailRequest>,
}

impl<'a> ScoreRows<'a> {
    fn unit(&self, agreement: &Agreement) -> &'a str {
        let names: &'a HashMap<i64, &'a str> = self.names;
        names.get(&agreement.draft.unit_id).copied().unwrap_or("")
    }
}

impl GridContents for ScoreRows<'_> {
    fn fixed_header(&mut self, cells: &mut FixedCells<'_>) {
        for (title, _) in FIXED_COLUMNS {
            cells.col(|ui| {
                ui.strong(title);
            });
        }
    }

    fn scrolled_header(&mut self, ui: &mut egui::Ui, column: usize) {
        let Some(indicator) = self.indicators.get(column) else {
            return;
        };
        let title = egui::RichText::new(format!(
            "{}.{}（{}）",
            column + 1,
            indicator.name,
            indicator.points
        ))
        .strong()
        .size(12.0);
        // The title, the spacing and the sub-headers fit the header's height, so that the
        // sub-headers are never cut at its bottom edge.
        let title_height = HEADER_HEIGHT - SUB_HEADER_HEIGHT - ui.spacing().item_spacing.y - 2.0;
        let title_size = egui::vec2(CELL_WIDTH - 4.0, title_height);
        ui.allocate_ui_with_layout(
            title_size,
            egui::Layout::bottom_up(egui::Align::Min),
            |ui| {
                ui.set_min_size(title_size);
                ui.add(egui::Label::new(title).wrap())
                    .on_hover_text(&indicator.criteria);
            },
        );
        ui.horizontal(|ui| {
            ui.spacing_mut().item_spacing.x = CELL_SPACING;
            for half in ["自评", "考核"] {
                let text = egui::RichText::new(half).size(11.0).weak();
                ui.add_sized([INPUT_WIDTH, SUB_HEADER_HEIGHT], egui::Label::new(text));
            }
        });
    }

    fn fixed_row(&mut self, row: usize, cells: &mut FixedCells<'_>) {
        let Some(agreement) = self.agreements.get(row).copied() else {
            return;
        };
        let unit = self.unit(agreement);
        // Scored all the same (the year's work was done), but the clerk should see it: the
        // number in the warning colour, as the note beside the heading says.
        // Counted as the note beside the heading counts them: an archived unit signs no more.
        let is_active = !self.archived.contains(&agreement.draft.unit_id);
        let unsigned = crate::model::agreement::awaits_signature(agreement.status, is_active)
            .then(|| format!("本单位的责任书尚未签订（{}）", agreement.status.label()));
        cells.col(|ui| {
            let number = agreement.draft.number.to_string();
            match &unsigned {
                Some(why) => {
                    ui.colored_label(ui.visuals().warn_fg_color, number)
                        .on_hover_text(why);
                }
                None => {
                    ui.label(number);
                }
            }
        });
        cells.col(|ui| {
            // Locked for want of a reason (not a read-only window): a score typed on the name
            // asks for the reason, as a click on a locked cell does.
            let asks_reason = !self.can_edit && self.access.can_write();
            let shape = (&self.grid, self.can_edit, asks_reason);
            // As the 责任书 list marks it "（已归档单位）", here shorter for the column (a name
            // cut short shows in full on hover), and why on hover.
            // An entry typed in its detail and not recorded is marked "*", as an unsaved
            // document's title is: it waits there, kept, but counts for nothing yet.
            let is_typed = self.typed_entries.contains(&agreement.id);
            let shown = match (is_active, is_typed) {
                (true, false) => std::borrow::Cow::Borrowed(unit),
                (true, true) => std::borrow::Cow::Owned(format!("{unit} *")),
                (false, false) => std::borrow::Cow::Owned(format!("{unit}（已归档）")),
                (false, true) => std::borrow::Cow::Owned(format!("{unit}（已归档） *")),
            };
            let mut response = self.cells.name(ui, agreement.id, &shown, shape);
            if is_typed {
                response = response.on_hover_text(TYPED_ENTRY_NOTE);
            }
            if let Some(why) = &unsigned {
                response = response.on_hover_text(why);
            }
            if !is_active {
                response = response.on_hover_text(
                    "已归档单位（已撤并或撤销）：本年度的考核照常进行，以后不再签订",
                );
            }
            // F3 on the name opens it too, as in a cell of the row.
            let is_f3 = response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::F3));
            if response.clicked() || is_f3 {
                self.requests.push(DetailRequest::Unit {
                    agreement_id: agreement.id,
                    by_keyboard: is_f3 || !response.clicked_by(egui::PointerButton::Primary),
                });
            }
        });
        // Units with nothing entered yet get no total, grade or rank; a bonus, a deduction
        // or a veto alone give a grade (未评完, or the veto's), not a total of 0.
        let result = self.results.get(&agreement.id).filter(|r| r.is_scored);
        let text = |value: Option<String>| value.unwrap_or_default();
        cells.col(|ui| {
            let total = result.filter(|r| r.has_scores).map(|r| r.total.to_string());
            // Not yet the unit's total while cells are empty: greyed, and said on hover.
            if let Some(vetoed) = result.filter(|r| r.is_vetoed && r.has_scores) {
                // The 0 of a veto, not of the scores: what the unit earned is said on hover.
                let so_far = if vetoed.is_complete() {
                    ""
                } else {
                    "，尚未评完"
                };
                ui.label(text(total)).on_hover_text(format!(
                    "一票否决：总得分按 0 分计（基础得分、加分、扣分合计 {} 分{so_far}）",
                    vetoed.earned
                ));
            } else if result.is_some_and(|r| !r.is_complete()) {
                ui.weak(text(total))
                    .on_hover_text("已录入各项的合计，尚未评完，不是最终得分");
            } else {
                ui.label(text(total));
            }
        });
        cells.col(|ui| {
            let grade = result.map_or(UNSCORED_GRADE, |r| r.grade.as_str());
            // A unit that failed two years in a row shows it: several rules escalate on that.
            let failure = self.failures.get(&agreement.draft.unit_id);
            let failed = failure.map(|failure| {
                let years = crate::workflow::statistics::run_years(failure.years);
                let veto = if failure.is_vetoed {
                    "（含一票否决）"
                } else {
                    ""
                };
                format!("{years} 年度连续不合格{veto}")
            });
            // Named per unit, e.g. "城关街道 等次：优秀", for screen readers and tests.
            let name = match &failed {
                Some(failed) => format!("{unit} 等次：{grade}（{failed}）"),
                None => format!("{unit} 等次：{grade}"),
            };
            let mut text = egui::RichText::new(grade).strong();
            // Red when this year's grade is one of the run; a run of earlier years, with this
            // year not yet graded so (未评分, or a pass), is a mark beside a grade in its own
            // colour: red there would read as an error in this year's work.
            let is_this_year = failure.is_some_and(|f| f.years.1 == agreement.draft.year);
            if is_this_year {
                text = text.color(ui.visuals().error_fg_color).underline();
            }
            // A vetoed unit's grade is the veto's: the reason is read where the grade is.
            let veto = self
                .vetoes
                .get(&agreement.id)
                .map(|why| format!("一票否决：{why}"));
            let hover = match (failed, veto) {
                (Some(failed), Some(veto)) => format!("{veto}\n{failed}"),
                (Some(only), None) | (None, Some(only)) => only,
                (None, None) => format!("{unit} 等次"),
            };
            ui.label(text).on_hover_text(&hover).widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &name)
            });
            if failure.is_some() && !is_this_year {
                let mark = egui::RichText::new("⚠").color(ui.visuals().warn_fg_color);
                ui.label(mark).on_hover_text(hover);
            }
        });
        cells.col(|ui| {
            let rank = result
                .filter(|r| r.is_complete())
                .map(|r| r.rank.to_string());
            // Among the units scored so far only: greyed, and said, so that it is not copied
            // as the final place.
            // Named per unit, e.g. "城关街道 排名：1（暂定）", for screen readers and tests.
            let is_final = self.ranks_are_final || rank.is_none();
            let name = format!(
                "{unit} 排名：{}{}",
                text(rank.clone()),
                if is_final { "" } else { "（暂定）" }
            );
            let shown = if is_final {
                ui.label(text(rank))
            } else {
                ui.weak(text(rank)).on_hover_text(
                    "本类别还有单位未评完：这是已评完单位之间的名次，全部评完后才是最终排名",
                )
            };
            shown.widget_info(|| {
                egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, &name)
            });
        });
        cells.col(|ui| {
            ui.label(text(result.map(|r| r.bonus.to_string())));
        });
        cells.col(|ui| {
            // As the notice counts it; what was entered beyond, on hover.
            let label = ui.label(text(result.map(|r| r.counted_deduction().to_string())));
            if let Some(note) = result.and_then(deduction_hover) {
                label.on_hover_text(note);
            }
        });
        cells.col(|ui| {
            if result.is_some_and(|r| r.is_vetoed) {
                let label = ui.label(egui::RichText::new("否决").strong());
                if let Some(why) = self.vetoes.get(&agreement.id) {
                    label.on_hover_text(format!("一票否决：{why}"));
                }
            }
        });
    }

    fn scrolled_cell(&mut self, ui: &mut egui::Ui, row: usize, column: usize) {
        let (Some(agreement), Some(indicator)) = (
            self.agreements.get(row).copied(),
            self.indicators.get(column),
        ) else {
            return;
        };
        ui.spacing_mut().item_spacing.x = CELL_SPACING;
        let unit = self.unit(agreement);
        let score = self.scores.get(&(agreement.id, indicator.id)).copied();
        for half in [Half::SelfScore, Half::Assessed] {
            let key = CellKey {
                agreement_id: agreement.id,
                indicator_id: indicator.id,
                half,
            };
            // The score as it will be once this frame's saves are in the store: saving one half
            // must not write back the other half's old value.
            let mut next =
                score.map_or_else(|| Score::empty(agreement.id, indicator.id), Score::clone);
            for other in [Half::SelfScore, Half::Assessed] {
                let other_key = CellKey { half: other, ..key };
                self.cells
                    .overlay_saved(other_key, half_of(&mut next, other));
            }
            let label = cell_label(unit, &indicator.name, half);
            let spec = CellSpec {
                key,
                stored: *half_of(&mut next, half),
                points: indicator.points,
                label: &label,
                can_edit: self.can_edit,
                // A reason is asked for only in a published year.
                keeps_assessed: self.reason.is_some(),
                access: self.access,
            };
            let reason = self.reason;
            let command = |value| {
                *half_of(&mut next, half) = value;
                Command::SetScore {
                    score: next,
                    reason: reason.cloned(),
                }
            };
            match self
                .cells
                .cell(ui, &spec, &self.grid, command, self.commands)
            {
                CellRequest::None => {}
                CellRequest::EditNote => self.requests.push(DetailRequest::Note(key)),
                CellRequest::OpenDetail => self.requests.push(DetailRequest::Detail(key)),
                CellRequest::CloseDetail => self.requests.push(DetailRequest::Close),
            }
        }
        // The assessors' note and the unit's own 自评说明 (from its form): either shows the
        // marker, and hovering it reads both.
        let notes: Vec<String> = [
            score
                .map(|s| s.note.trim())
                .filter(|n| !n.is_empty())
                .map(str::to_owned),
            (score.map(|s| s.self_note.trim()))
                .filter(|n| !n.is_empty())
                .map(|n| format!("单位自评说明：{n}")),
        ]
        .into_iter()
        .flatten()
        .collect();
        if !notes.is_empty() {
            note_marker(
                ui,
                &format!("{unit} {} 说明", indicator.name),
                &notes.join("\n"),
            );
        }
    }
}

/// One half of a score.
pub(super) fn half_of(score: &mut Score, half: Half) -> &mut Option<Points> {
    match half {
        Half::SelfScore => &mut score.self_score,
        Half::Assessed => &mut score.assessed_score,
    }
}

/// The small "注" beside a cell that has a note or a 自评说明; hovering shows them.
fn note_marker(ui: &mut egui::Ui, label: &str, note: &str) {
    let marker = egui::RichText::new("注")
        .size(10.0)
        .color(ui.visuals().warn_fg_color);
    ui.add(egui::Label::new(marker).sense(egui::Sense::HOVER))
        .on_hover_text(note)
        .widget_info(|| egui::WidgetInfo::labeled(egui::accesskit::Role::Label, true, label));
}

/// What the 扣分 cell says on hover when it shows less than was entered: an item's 累计最多
/// cut it, the total stopped at zero (扣完为止), or the unit is not scored in full yet.
fn deduction_hover(row: &AssessmentRow) -> Option<String> {
    let over_cap = row.deduction_entered.saturating_sub(row.deduction);
    let entered = if over_cap > Points::ZERO {
        format!(
            "录入扣分共 {} 分，其中 {over_cap} 分超过所在项目的累计最多，按 {} 分计入",
            row.deduction_entered, row.deduction
        )
    } else {
        format!("录入扣分共 {} 分", row.deduction)
    };
    Some(match row.deduction_held_back() {
        Some(HeldBack::PastZero(past)) => {
            format!("{entered}；超出基础得分与加分之和的 {past} 分不计（扣完为止）")
        }
        // Not complete: the row adds up as it stands, and more may count later.
        Some(HeldBack::UntilScored) => format!(
            "{entered}；本单位尚未评完，暂按已有的基础得分与加分之和 {} 分计，评完后按实际得分计算（扣完为止）",
            row.counted_deduction()
        ),
        None if over_cap > Points::ZERO => entered,
        None => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(base: i64, deduction: i64, entered: i64, missing: usize) -> AssessmentRow {
        AssessmentRow {
            agreement_id: 1,
            base: Points::whole(base),
            bonus: Points::ZERO,
            deduction: Points::whole(deduction),
            deduction_entered: Points::whole(entered),
            total: Points::whole(base).saturating_sub(Points::whole(deduction)),
            earned: Points::whole(base).saturating_sub(Points::whole(deduction)),
            is_vetoed: false,
            is_scored: true,
            has_scores: true,
            missing,
            grade: String::new(),
            rank: 0,
        }
    }

    #[test]
    fn the_deduction_hover_counts_what_was_entered_before_each_item_s_cap() {
        // Within bounds: nothing to say.
        assert_eq!(deduction_hover(&row(90, 6, 6, 0)), None);
        // 4 × 2 entered against a cap of 6.
        assert_eq!(
            deduction_hover(&row(90, 6, 8, 0)).unwrap(),
            "录入扣分共 8 分，其中 2 分超过所在项目的累计最多，按 6 分计入"
        );
        // Capped, and then stopped at the 5 points scored so far.
        assert_eq!(
            deduction_hover(&row(5, 6, 8, 3)).unwrap(),
            "录入扣分共 8 分，其中 2 分超过所在项目的累计最多，按 6 分计入；本单位尚未评完，暂按已有的基础得分与加分之和 5 分计，评完后按实际得分计算（扣完为止）"
        );
        assert_eq!(
            deduction_hover(&row(4, 6, 6, 0)).unwrap(),
            "录入扣分共 6 分；超出基础得分与加分之和的 2 分不计（扣完为止）"
        );
    }
}
