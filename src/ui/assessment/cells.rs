//! The score cells and unit names of the 考核 grid, and the keyboard on them. A cell shows its
//! stored value and edits a copy; leaving it checks the value against the indicator's points
//! and either saves it or refuses it: the stored value stays, the cell gets a red outline with
//! the reason on hover, and the reason shows in a status line of fixed height above the grid.
//! Tab, Enter and their Shift forms move the keyboard (see `navigation`); Esc drops the typing.

use egui::accesskit::Role;

use crate::model::Points;
use crate::ui::command::Command;

use super::navigation::{CellKey, GridShape, Half, Move, Stop};

/// How many frames a focus request waits for its stop to be drawn.
const FOCUS_FRAMES: u8 = 10;

/// What one half of a score cell shows and checks.
pub struct CellSpec<'a> {
    /// Which cell.
    pub key: CellKey,
    /// The saved value, if any.
    pub stored: Option<Points>,
    /// The indicator's points: the highest value allowed.
    pub points: Points,
    /// The cell's name for screen readers and messages, e.g. "城关街道 组织领导 考核".
    pub label: &'a str,
    /// False while published results are locked.
    pub can_edit: bool,
}

/// What a cell asks of the screen besides saving its value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CellRequest {
    /// Nothing.
    None,
    /// F2: edit the note of the cell's indicator.
    EditNote,
    /// F3: open the unit's bonuses, deductions and veto.
    OpenDetail,
}

/// The text being typed in a cell.
struct Editing {
    key: CellKey,
    text: String,
    /// True once the clerk has typed in the cell (not just passed through it).
    is_typed: bool,
}

/// A stop to focus once the table has scrolled it into view.
#[derive(Debug, Clone, Copy)]
struct PendingFocus {
    stop: Stop,
    /// Frames left before giving up (say the category changed meanwhile).
    frames_left: u8,
    /// False in the frame of the key press, whose Enter the new stop must not see.
    is_armed: bool,
}

/// A refused value, marked at its cell until the clerk types a good one there.
struct Refusal {
    key: CellKey,
    message: String,
}

/// Editing, refusals and keyboard movement of the grid's cells.
#[derive(Default)]
pub struct CellEditor {
    editing: Option<Editing>,
    /// Oldest first; the status line shows the last.
    refusals: Vec<Refusal>,
    pending_focus: Option<PendingFocus>,
}

fn cell_id(key: CellKey) -> egui::Id {
    egui::Id::unique(("score_cell", key.agreement_id, key.indicator_id, key.half))
}

fn shown(value: Option<Points>) -> String {
    value.map(|p| p.to_string()).unwrap_or_default()
}

/// Checks what was typed in a cell: the value to save (none for an emptied cell), or why it is
/// refused, naming the value kept.
fn check(text: &str, stored: Option<Points>, points: Points) -> Result<Option<Points>, String> {
    let entered = text.trim();
    if entered.is_empty() {
        return Ok(None);
    }
    let kept = stored.map_or_else(
        || "已保留原值（空）".to_owned(),
        |value| format!("已保留原值 {value}"),
    );
    match Points::parse(entered) {
        Ok(value) if value > points => Err(format!("满分 {points} 分，不能填 {value}；{kept}")),
        Ok(value) => Ok(Some(value)),
        Err(error) => Err(format!("{error}；{kept}")),
    }
}

/// The move asked for by the keys pressed this frame, if any. The modifiers come with the key
/// press itself, as egui's own Tab handling reads them: the frame's modifiers can lag behind
/// a quick Shift+Enter.
fn movement(ui: &egui::Ui) -> Option<Move> {
    ui.input(|i| {
        i.events.iter().find_map(|event| match event {
            egui::Event::Key {
                key: egui::Key::Tab,
                pressed: true,
                modifiers,
                ..
            } => Some(if modifiers.shift {
                Move::Previous
            } else {
                Move::Next
            }),
            egui::Event::Key {
                key: egui::Key::Enter,
                pressed: true,
                modifiers,
                ..
            } => Some(if modifiers.shift {
                Move::Up
            } else {
                Move::Down
            }),
            _ => None,
        })
    })
}

impl CellEditor {
    /// Forgets the refused values, e.g. when another year or category is shown.
    pub fn clear_refusals(&mut self) {
        self.refusals.clear();
    }

    /// Puts the keyboard on a stop once it is drawn.
    pub fn focus(&mut self, ctx: &egui::Context, stop: Stop) {
        self.pending_focus = Some(PendingFocus {
            stop,
            frames_left: FOCUS_FRAMES,
            is_armed: false,
        });
        ctx.request_repaint();
    }

    /// Call once a frame before the grid: the row to scroll to so a moved-to stop gets drawn.
    pub fn begin_frame(&mut self, ctx: &egui::Context, grid: &GridShape<'_>) -> Option<usize> {
        let pending = self.pending_focus.as_mut()?;
        let row = grid.row_of(pending.stop.agreement_id());
        if row.is_none() || pending.frames_left == 0 {
            self.pending_focus = None;
            return None;
        }
        pending.frames_left -= 1;
        pending.is_armed = true;
        ctx.request_repaint();
        row
    }

    /// True, once, when `stop` is the armed focus request.
    fn take_armed(&mut self, stop: Stop) -> bool {
        let is_due = self
            .pending_focus
            .is_some_and(|p| p.is_armed && p.stop == stop);
        if is_due {
            self.pending_focus = None;
        }
        is_due
    }

    /// After leaving `from` by a key: asks for the stop it leads to. Enter on the last unit
    /// (Shift+Enter on the first) stays in the cell; Tab past the end leaves the grid.
    fn move_on(&mut self, ui: &egui::Ui, from: Stop, grid: &GridShape<'_>) {
        let Some(movement) = movement(ui) else {
            return;
        };
        let target = grid.target(from, movement).or(match movement {
            Move::Down | Move::Up => Some(from),
            Move::Next | Move::Previous => None,
        });
        if let Some(target) = target {
            self.focus(ui.ctx(), target);
        }
    }

    /// The status line above the grid: the latest refusal, in a line of fixed height so the
    /// grid does not move when a message comes or goes.
    pub fn status_line(&self, ui: &mut egui::Ui) {
        let size = egui::vec2(
            ui.available_width(),
            ui.text_style_height(&egui::TextStyle::Body) + 6.0,
        );
        ui.allocate_ui_with_layout(
            size,
            egui::Layout::left_to_right(egui::Align::Center),
            |ui| {
                ui.set_min_size(size);
                let Some(latest) = self.refusals.last() else {
                    return;
                };
                let others = self.refusals.len() - 1;
                let text = if others == 0 {
                    latest.message.clone()
                } else {
                    format!("{}（另有 {others} 格的值未被接受，见红框）", latest.message)
                };
                let text = egui::RichText::new(text).color(ui.visuals().error_fg_color);
                ui.add(egui::Label::new(text).truncate());
            },
        );
    }

    /// The unit's name: a link that Tab reaches and Enter or a click activates.
    pub fn name(
        &mut self,
        ui: &mut egui::Ui,
        agreement_id: i64,
        unit: &str,
        grid: &GridShape<'_>,
    ) -> egui::Response {
        let stop = Stop::Name(agreement_id);
        let response = ui.add(egui::Link::new(unit));
        if self.take_armed(stop) {
            response.request_focus();
            response.scroll_to_me(None);
        }
        if response.gained_focus() {
            response.scroll_to_me(None);
        }
        if response.has_focus() {
            // Egui only underlines a focused link; a frame makes it plain where the keyboard is.
            ui.painter().rect_stroke(
                response.rect.expand(2.0),
                2.0,
                ui.visuals().selection.stroke,
                egui::StrokeKind::Outside,
            );
        }
        if response.lost_focus() {
            self.move_on(ui, stop, grid);
        }
        response
    }

    /// One half of a score cell: shows the stored value, edits a copy, and on leaving checks
    /// it, saves it with `command` or refuses it, and moves the keyboard on.
    pub fn cell(
        &mut self,
        ui: &mut egui::Ui,
        spec: &CellSpec<'_>,
        grid: &GridShape<'_>,
        command: impl FnOnce(Option<Points>) -> Command,
        commands: &mut Vec<Command>,
    ) -> CellRequest {
        let key = spec.key;
        let id = cell_id(key);
        if self.take_armed(Stop::Cell(key)) {
            // Drawn at last: focus it before the text edit reads its focus.
            ui.ctx().memory_mut(|m| m.request_focus(id));
        }
        let editing = self.editing.take_if(|e| e.key == key);
        let was_typed = editing.as_ref().is_some_and(|e| e.is_typed);
        let mut text = editing.map_or_else(|| shown(spec.stored), |e| e.text);
        let response = ui.add_enabled(
            spec.can_edit,
            egui::TextEdit::singleline(&mut text)
                .id(id)
                .desired_width(42.0)
                // A tint of its own, so the inputs show on every row of the grid.
                .background_color(egui::Color32::from_rgb(234, 240, 248)),
        );
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::labeled(Role::TextInput, spec.can_edit, spec.label);
            info.current_text_value = Some(text.clone());
            info
        });
        let response = match self.refusals.iter().find(|r| r.key == key) {
            Some(refusal) => {
                ui.painter().rect_stroke(
                    response.rect,
                    3.0,
                    egui::Stroke::new(2.0, ui.visuals().error_fg_color),
                    egui::StrokeKind::Inside,
                );
                response.on_hover_text(&refusal.message)
            }
            None => response,
        };
        if response.gained_focus() {
            // Bring a cell right of the window into view too (the table scrolls rows itself).
            response.scroll_to_me(None);
            let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
            state
                .cursor
                .set_char_range(Some(egui::text::CCursorRange::select_all_str(&text)));
            state.store(ui.ctx(), id);
        }
        let is_typed = was_typed || response.changed();
        let request = if response.has_focus() {
            ui.input(|i| {
                if i.key_pressed(egui::Key::F2) {
                    CellRequest::EditNote
                } else if i.key_pressed(egui::Key::F3) {
                    CellRequest::OpenDetail
                } else {
                    CellRequest::None
                }
            })
        } else {
            CellRequest::None
        };
        if request != CellRequest::None {
            // The detail takes the keyboard: save what was typed first.
            self.commit(spec, &text, is_typed, command, commands);
        } else if response.lost_focus() {
            if !ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                self.commit(spec, &text, is_typed, command, commands);
            }
            self.move_on(ui, Stop::Cell(key), grid);
        } else if response.has_focus() {
            self.editing = Some(Editing {
                key,
                text,
                is_typed,
            });
        }
        request
    }

    /// Saves a typed value, or refuses it and marks the cell.
    fn commit(
        &mut self,
        spec: &CellSpec<'_>,
        text: &str,
        is_typed: bool,
        command: impl FnOnce(Option<Points>) -> Command,
        commands: &mut Vec<Command>,
    ) {
        match check(text, spec.stored, spec.points) {
            Ok(value) => {
                if is_typed || value != spec.stored {
                    self.refusals.retain(|r| r.key != spec.key);
                }
                if value != spec.stored {
                    commands.push(command(value));
                }
            }
            Err(reason) => {
                self.refusals.retain(|r| r.key != spec.key);
                self.refusals.push(Refusal {
                    key: spec.key,
                    message: format!("{}：{reason}", spec.label),
                });
            }
        }
    }
}

/// The label of one half of a cell, e.g. "城关街道 组织领导 考核".
#[must_use]
pub fn cell_label(unit: &str, indicator: &str, half: Half) -> String {
    let half = match half {
        Half::SelfScore => "自评",
        Half::Assessed => "考核",
    };
    format!("{unit} {indicator} {half}")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_value_is_checked_against_the_points_and_names_the_value_kept() {
        let points = Points::whole(6);
        assert_eq!(check(" 5.5 ", None, points), Ok(Some(Points(550))));
        assert_eq!(check("6", None, points), Ok(Some(Points::whole(6))));
        assert_eq!(check("  ", Some(Points(550)), points), Ok(None));
        assert_eq!(
            check("9", Some(Points(550)), points),
            Err("满分 6 分，不能填 9；已保留原值 5.5".to_owned())
        );
        assert_eq!(
            check("9", None, points),
            Err("满分 6 分，不能填 9；已保留原值（空）".to_owned())
        );
        assert_eq!(
            check("-1", None, points),
            Err("分值不能为负数；已保留原值（空）".to_owned())
        );
        assert_eq!(
            check("1.234", Some(Points::whole(1)), points),
            Err("分值最多保留两位小数；已保留原值 1".to_owned())
        );
    }
}
