//! The bar above a published year's grid: the results are locked, and every change needs a
//! reason, which this bar holds for a run of changes in one grid. A click on a locked cell
//! brings the keyboard here and says so; Enter after the reason takes it back to that cell.

use super::navigation::CellKey;
use crate::model::{Phase, Year};
use crate::ui::write_access::WriteAccess;

/// The reason typed, and whether a locked cell asked for it.
#[derive(Default)]
pub struct ReasonBar {
    /// Why a published result is being changed.
    text: String,
    /// True after a locked cell was clicked, until a reason is given.
    is_asked: bool,
    /// The locked cell whose click brought the keyboard here.
    asked_by: Option<CellKey>,
    /// The cell to give the keyboard back to next frame: Enter was pressed after a reason
    /// (in its own frame the grid would take that Enter as a move down).
    entered: Option<CellKey>,
    /// The cell to give the keyboard back to this frame, once.
    back_to: Option<CellKey>,
    /// A score typed right after a click on a locked cell, before any reason: kept out of
    /// the reason (it was meant for the cell) and said to be left out until the reason goes.
    kept_out: String,
    /// When the locked cell was clicked (egui's clock): only digits typed within
    /// [`SCORE_TYPED_WITHIN`] of it are taken for a score, not a reason's first characters
    /// ("2025年复核…") typed after reading the message.
    asked_at: f64,
}

/// How soon after a click on a locked cell a number typed is taken for the cell's score.
const SCORE_TYPED_WITHIN: f64 = 1.5;

fn field_id() -> egui::Id {
    egui::Id::unique("assessment_change_reason")
}

impl ReasonBar {
    /// Forgets the reason: the run of changes it was given for has ended.
    pub fn clear(&mut self) {
        self.text.clear();
        self.is_asked = false;
        self.asked_by = None;
        self.entered = None;
        self.back_to = None;
        self.kept_out.clear();
    }

    /// The locked cell `cell` was clicked: the keyboard goes to the reason, which says it is
    /// needed, and comes back to the cell with Enter once a reason is given.
    pub fn ask(&mut self, ctx: &egui::Context, cell: CellKey) {
        self.is_asked = true;
        self.asked_by = Some(cell);
        self.kept_out.clear();
        self.asked_at = ctx.input(|i| i.time);
        ctx.memory_mut(|m| m.request_focus(field_id()));
    }

    /// The cell to give the keyboard back to, once, after Enter in the reason.
    pub fn take_back_to(&mut self) -> Option<CellKey> {
        self.back_to.take()
    }

    /// Once the year is published: the warning and the field; returns the reason when given.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        year: &Year,
        access: WriteAccess<'_>,
    ) -> Option<String> {
        // A reason belongs to one round of changes: once the results are withdrawn, the next
        // publication's changes need their own.
        if year.phase != Phase::Published {
            self.clear();
            return None;
        }
        self.back_to = self.entered.take();
        // A read-only window changes nothing: the lock is said, and no reason is asked for.
        if !access.can_write() {
            ui.weak(format!(
                "{} 年度考核结果已通报，评分已锁定（本窗口只读，不能修改）",
                year.year
            ));
            return None;
        }
        // One line above the field says the lock, or what the reason typed needs: its
        // messages take that line's place, so that nothing moves under the pointer as they
        // come and go (a click on a locked cell, a number typed). Drawn once the field has
        // read this frame's typing.
        let line_height = ui.text_style_height(&egui::TextStyle::Body);
        let (line, _) = ui.allocate_exact_size(
            egui::vec2(ui.available_width(), line_height),
            egui::Sense::hover(),
        );
        self.keep_out_score(ui.ctx());
        ui.horizontal_wrapped(|ui| {
            let label = ui.label("修改理由");
            let field = access
                .add_enabled(
                    ui,
                    true,
                    egui::TextEdit::singleline(&mut self.text)
                        .id(field_id())
                        .desired_width(360.0)
                        .hint_text("填写后格子才能修改"),
                )
                .labelled_by(label.id);
            // One reason covers a run of changes; said, so that it is not carried on unseen.
            let is_given = crate::model::reason::given(&self.text).is_some();
            if is_given {
                self.is_asked = false;
            }
            let is_entered = crate::ui::enter_key::pressed_in(ui, &field);
            // Said while the reason is written; once the clerk moves on, it is old news.
            if is_given && field.lost_focus() {
                self.kept_out.clear();
            }
            if is_given && is_entered && self.asked_by.is_some() {
                self.entered = self.asked_by.take();
                self.kept_out.clear();
                ui.ctx().request_repaint();
            }
            if is_given && access.can_write() {
                ui.weak("此后的每项修改都记这个理由，改完请清空");
                if ui.small_button("清空理由").clicked() {
                    self.clear();
                    // The cells lock again: the keyboard goes where the next reason is typed,
                    // not nowhere.
                    ui.memory_mut(|m| m.request_focus(field_id()));
                }
            }
        });
        let (colour, said) = self.line(ui.visuals(), year.year);
        // At the line's left, as the lines around it; cut to the line on a very narrow
        // window, whole on hover. A child of its own: a scope would move the cursor back up
        // to under that line, and what follows the bar would be drawn over it.
        let mut at_line = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(line)
                .layout(egui::Layout::left_to_right(egui::Align::Center)),
        );
        at_line.add(egui::Label::new(egui::RichText::new(said).color(colour)).truncate());
        self.given(year)
    }

    /// The line above the field, in its colour: what the reason typed needs, or the lock.
    fn line(&self, visuals: &egui::Visuals, year: i32) -> (egui::Color32, String) {
        let is_given = crate::model::reason::given(&self.text).is_some();
        if is_given {
            if self.kept_out.is_empty() {
                (visuals.warn_fg_color, Self::locked(year))
            } else {
                (visuals.warn_fg_color, self.kept_out_note())
            }
        } else if !self.text.trim().is_empty() {
            // Typed, yet no reason: said, or the cells stay locked unexplained. After a click
            // on a locked cell, a number typed here was most likely meant as the cell's score:
            // that too is said.
            let not_a_reason = crate::model::reason::NOT_A_REASON;
            let said = if self.is_asked {
                let kept_out = self.kept_out_note();
                format!("评分已锁定，这里填写的是修改理由，不是分值：{not_a_reason}{kept_out}")
            } else {
                not_a_reason.to_owned()
            };
            (visuals.warn_fg_color, said)
        } else if self.is_asked {
            let kept_out = self.kept_out_note();
            (
                visuals.error_fg_color,
                format!("评分已锁定：请先在下面写明修改理由，再回到格子修改{kept_out}"),
            )
        } else {
            (visuals.warn_fg_color, Self::locked(year))
        }
    }

    /// The lock, as the line says it while nothing else is to be said.
    fn locked(year: i32) -> String {
        format!(
            "{year} 年度考核结果已通报，评分已锁定。修改须填写理由，理由与新旧分值记入操作记录。"
        )
    }

    /// Takes out of this frame's input, before the field reads it, a number typed into the
    /// empty reason right after a click on a locked cell: a score meant for the cell, which
    /// would otherwise begin the reason ("6复核更正…") unseen.
    fn keep_out_score(&mut self, ctx: &egui::Context) {
        let is_soon = ctx.input(|i| i.time) - self.asked_at <= SCORE_TYPED_WITHIN;
        // Also over a no-reason typed before ("。"): the number would be added to it unseen.
        if !self.is_asked
            || !is_soon
            || crate::model::reason::given(&self.text).is_some()
            || !ctx.memory(|m| m.has_focus(field_id()))
        {
            return;
        }
        ctx.input_mut(|input| {
            input.events.retain(|event| match event {
                egui::Event::Text(text)
                    if !text.is_empty()
                        && text.chars().all(|c| {
                            c.is_ascii_digit() || ('０'..='９').contains(&c) || ".．".contains(c)
                        }) =>
                {
                    self.kept_out.push_str(text);
                    false
                }
                _ => true,
            });
        });
    }

    /// "（刚才输入的“6”是分值，没有写进理由）" while a score was kept out; else empty.
    fn kept_out_note(&self) -> String {
        if self.kept_out.is_empty() {
            String::new()
        } else {
            format!("（刚才输入的“{}”是分值，没有写进理由）", self.kept_out)
        }
    }

    /// The reason given for changing a published result; None before publication or while
    /// the field holds no reason.
    pub fn given(&self, year: &Year) -> Option<String> {
        (year.phase == Phase::Published)
            .then(|| crate::model::reason::given(&self.text).map(str::to_owned))
            .flatten()
    }
}
