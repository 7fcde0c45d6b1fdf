//! The score cells and unit names of the 考核 grid, and the keyboard on them. A cell shows its
//! stored value and edits a copy; leaving it checks the value against the indicator's points
//! and either saves it or refuses it: the stored value stays, the cell gets a red outline with
//! the reason on hover, and the reason shows in a status line of fixed height above the grid
//! until something is saved after it (see `stamps`); Tab or Enter move on after a refused value
//! as after any other, so that what is typed next lands in the cell it was typed for.
//! Tab, Enter and their Shift forms move the keyboard in the frame they are typed (see
//! `navigation`), and what is typed after them goes to the stop moved to (see `keys`), kept for
//! it however many frames it takes to be drawn; Esc drops the typing. Values saved in a frame
//! are remembered until the next, so a cell saved right after its neighbour (fast typing puts
//! both in one frame) does not write back the neighbour's old value.

use egui::accesskit::Role;

use crate::model::Points;
use crate::ui::command::Command;
use crate::ui::write_access::WriteAccess;

use super::keys::{self, Routed};
use super::navigation::{CellKey, GridShape, Half, Move, Stop};
use super::stamps::Stamps;

mod commit;
mod status_line;
mod unit_link;
mod values;

pub use values::cell_label;
pub(in crate::ui::assessment) use values::check;
pub(in crate::ui) use values::select_all;

/// Why a cell of a published year does not take typing, on hover.
pub const LOCKED_HINT: &str =
    "本年度考核结果已通报，评分已锁定：先在上方“修改理由”中写明理由，再修改";

/// Said above the grid while red frames are left whose messages were retired.
pub const RED_FRAME_NOTE: &str =
    "红框：在该格输入的值未被接受，格中仍是原来的值；到该格可再看原因，输入正确的值后红框消失";

/// Width of a score input in points: "17.25" shows whole.
pub const INPUT_WIDTH: f32 = 52.0;

/// How many frames a focus request asks to be redrawn while its stop is not drawn yet; after
/// that it still waits, keeping the keys typed for it, but only keys and clicks redraw.
const REPAINT_FRAMES: u8 = 10;

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
    /// False while published results are locked, or in a read-only window.
    pub can_edit: bool,
    /// True in a published year, whose assessed scores are changed, never emptied (the unit
    /// would be 未评完): refused in the cell, as any value not taken.
    pub keeps_assessed: bool,
    /// Whether the window may write: a read-only window says why on hover.
    pub access: WriteAccess<'a>,
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
    /// Esc with nothing typed to drop: close the detail, if one is open.
    CloseDetail,
}

/// The text being typed in a cell.
struct Editing {
    key: CellKey,
    text: String,
    /// True once the clerk has typed in the cell (not just passed through it).
    is_typed: bool,
}

/// A stop to give the keyboard to once it is drawn. It waits until then, however long, unless
/// a click puts the keyboard elsewhere or the stop leaves the grid (another category, say).
#[derive(Debug, Clone, Copy)]
struct PendingFocus {
    stop: Stop,
    /// Frames waited so far, up to [`REPAINT_FRAMES`].
    frames_waited: u8,
    /// False until the next frame for a request made after the grid was drawn.
    is_armed: bool,
    /// True when a key (Tab, Enter) moved the keyboard there, not a click.
    is_by_keys: bool,
}

/// A refused value, marked at its cell until the clerk types a good one there or the cell's
/// value changes otherwise (an imported form, the detail); its message shows above the grid
/// until something is saved after it.
struct Refusal {
    key: CellKey,
    /// The cell's name ("城关街道 组织领导 考核"), as the other refusals' line names it.
    label: String,
    message: String,
    stamp: u64,
    /// The value the cell kept when the typed one was refused.
    kept: Option<Points>,
    /// What was typed and refused, given back to the cell by [`CellEditor::resume_refused`].
    typed: String,
}

/// Editing, refusals and keyboard movement of the grid's cells.
#[derive(Default)]
pub struct CellEditor {
    editing: Option<Editing>,
    /// Oldest first; the status line shows the last.
    refusals: Vec<Refusal>,
    pending_focus: Option<PendingFocus>,
    /// Keys typed for the pending stop before it has the keyboard, oldest first.
    carried: Vec<egui::Event>,
    /// The stop drawn with the keyboard last frame.
    keyboard_stop: Option<Stop>,
    /// The stop that had the keyboard last, kept after it went elsewhere (to the Tab
    /// setting above the grid, say), for the keyboard to go back to.
    last_stop: Option<Stop>,
    /// The stop the keyboard goes back to in the first frame without a click: in the frame
    /// of the click that asked for it, the click would take it out again.
    refocus: Option<Stop>,
    /// The pass `refocus` was asked in: taken in a later one, once what was sent with it (a
    /// value put back) is in the store and shown.
    refocus_asked_in: u64,
    /// A stop that took the keyboard by a click or a screen reader, to bring into view.
    reveal: Option<Stop>,
    /// Values saved this frame, oldest first: the store has them only after the frame.
    saved: Vec<(CellKey, Option<Points>)>,
    /// The order of refusals and writes, so that a saved write retires older messages.
    pub stamps: Stamps,
    /// The cell locked for want of a reason that was clicked this frame, if one was.
    locked_clicked: Option<CellKey>,
    /// What the cells emptied one after another by the latest writes held, oldest first, said
    /// above the grid until another value is saved (emptying a cell deletes its score: the
    /// unit is no longer fully scored).
    cleared: Vec<Cleared>,
    /// When a key was last pressed (egui's input time): a refusal's hover waits for the
    /// pointer to move after it, so that it does not lie over the cells being typed into.
    keys_at: f64,
}

/// A cell emptied by one of the latest writes, which a button above the grid can undo.
struct Cleared {
    /// The cell.
    key: CellKey,
    /// The cell, as "城关街道 组织领导 考核".
    label: String,
    /// What it held.
    old: Points,
    /// The write's stamp: the message goes once another value is saved.
    stamp: u64,
    /// The write that puts the old value back (the other half of the score as it was then).
    restore: Command,
}

fn cell_id(key: CellKey) -> egui::Id {
    egui::Id::unique(("score_cell", key.agreement_id, key.indicator_id, key.half))
}

fn name_id(agreement_id: i64) -> egui::Id {
    egui::Id::unique(("assessment_unit_name", agreement_id))
}

/// The widget id of a stop.
fn stop_id(stop: Stop) -> egui::Id {
    match stop {
        Stop::Name(agreement_id) => name_id(agreement_id),
        Stop::Cell(key) => cell_id(key),
    }
}

fn shown(value: Option<Points>) -> String {
    value.map(|p| p.to_string()).unwrap_or_default()
}

impl CellEditor {
    /// The cell locked for want of a reason that was clicked, once.
    pub fn take_locked_click(&mut self) -> Option<CellKey> {
        self.locked_clicked.take()
    }

    /// The cell holding typed text that was not saved yet, and the text.
    #[must_use]
    pub fn typed(&self) -> Option<(CellKey, &str)> {
        (self.editing.as_ref())
            .filter(|e| e.is_typed)
            .map(|e| (e.key, e.text.as_str()))
    }

    /// The cell holding typed text that was not saved yet, and the text, taken away: the clerk
    /// is leaving the screen (see `leaving`), so the cell shows its stored value next time.
    pub fn take_typed(&mut self) -> Option<(CellKey, String)> {
        self.editing
            .take()
            .filter(|e| e.is_typed)
            .map(|e| (e.key, e.text))
    }

    /// The agreement of the row whose name or cell has the keyboard this frame, once the grid
    /// is drawn.
    #[must_use]
    pub fn keyboard_row(&self) -> Option<i64> {
        self.keyboard_stop.map(Stop::agreement_id)
    }

    /// The message of the latest refused value while it is shown above the grid (nothing was
    /// saved after it), else `None`.
    #[must_use]
    pub fn shown_refusal(&self) -> Option<&str> {
        (self.refusals.last())
            .filter(|r| self.stamps.is_current(r.stamp))
            .map(|r| r.message.as_str())
    }

    /// Takes the refusal said above the grid as read: the message goes, the red frames stay
    /// (explained in its place).
    pub fn dismiss_refusal(&mut self) {
        self.stamps.dismiss_refusals();
    }

    /// Forgets the refused values, e.g. when another year or category is shown.
    pub fn clear_refusals(&mut self) {
        self.refusals.clear();
        self.cleared.clear();
    }

    /// Puts the keyboard back on the stop that had it last, if any (after a click elsewhere).
    pub fn refocus_last(&mut self, ctx: &egui::Context) {
        self.refocus = self.last_stop;
        self.refocus_asked_in = ctx.cumulative_pass_nr();
        ctx.request_repaint();
    }

    /// Back to the cell the keyboard was last in; from a unit's name (where Enter opens the
    /// detail) or with none, to `cell`.
    fn refocus_cell(&mut self, ctx: &egui::Context, cell: CellKey) {
        self.refocus = match self.last_stop {
            Some(Stop::Cell(last)) => Some(Stop::Cell(last)),
            Some(Stop::Name(_)) | None => Some(Stop::Cell(cell)),
        };
        self.refocus_asked_in = ctx.cumulative_pass_nr();
        ctx.request_repaint();
    }

    /// The clerk chose 继续编辑 after leaving with a refused value shown: the value typed is
    /// given back to its cell, with the keyboard, to be put right.
    pub fn resume_refused(&mut self, ctx: &egui::Context) {
        // A value being typed in a cell now stays as it is (the question was about it).
        if self.typed().is_some() {
            return;
        }
        let Some(refusal) = (self.refusals.last()).filter(|r| self.stamps.is_current(r.stamp))
        else {
            return;
        };
        self.editing = Some(Editing {
            key: refusal.key,
            text: refusal.typed.clone(),
            is_typed: true,
        });
        // In the first frame without the click that answered the question.
        self.refocus = Some(Stop::Cell(refusal.key));
        ctx.request_repaint();
    }

    /// Puts the keyboard on a stop once it is drawn.
    pub fn focus(&mut self, ctx: &egui::Context, stop: Stop) {
        self.pending_focus = Some(PendingFocus {
            stop,
            frames_waited: 0,
            is_armed: false,
            is_by_keys: false,
        });
        self.carried.clear();
        ctx.request_repaint();
    }

    /// Call once a frame before the grid: the stop to bring into view, if any, and whether a
    /// key (Tab, Enter) took the keyboard there rather than a click. While a stop waits for
    /// the keyboard, the keys typed are kept for it; while a stop has it, Tab is left to the
    /// grid rather than to egui.
    pub fn begin_frame(
        &mut self,
        ctx: &egui::Context,
        grid: &GridShape<'_>,
    ) -> Option<(Stop, bool)> {
        let holder = self.keyboard_stop.take();
        if holder.is_some() {
            self.last_stop = holder;
        }
        if self.refocus.is_some() {
            let is_same_pass = ctx.cumulative_pass_nr() == self.refocus_asked_in;
            if is_same_pass || ctx.input(|i| i.pointer.any_click() || i.pointer.any_pressed()) {
                ctx.request_repaint();
            } else if let Some(stop) = self.refocus.take() {
                self.focus(ctx, stop);
            }
        }
        // Last frame's values are in the store now (or were refused by it).
        self.saved.clear();
        self.stamps.begin_frame();
        if self.pending_focus.is_some() && ctx.input(|i| i.pointer.any_pressed()) {
            // A click puts the keyboard where the clerk wants it.
            self.pending_focus = None;
            self.carried.clear();
        }
        if let Some(pending) = self.pending_focus.as_mut() {
            // Under a question (open last frame) the stop waits: the keys and the keyboard
            // are the question's, and egui gives neither to anything beneath it.
            if ctx.memory(|m| m.top_modal_layer().is_some()) {
                // Looked at again soon: the frame after the question closes may have no input
                // of its own to be drawn for.
                if pending.frames_waited < REPAINT_FRAMES {
                    pending.frames_waited += 1;
                    ctx.request_repaint();
                } else {
                    ctx.request_repaint_after(std::time::Duration::from_millis(250));
                }
                return None;
            }
            if grid.contains(pending.stop) {
                // The keys typed meanwhile wait with the stop until it is drawn and takes them.
                // It is the stop to show: a stop passed on the way must not scroll it away.
                self.reveal = None;
                pending.is_armed = true;
                let stop = pending.stop;
                self.carried.extend(keys::take_typing(ctx));
                ctx.memory_mut(|m| {
                    m.move_focus(egui::FocusDirection::None);
                    m.request_focus(stop_id(stop));
                });
                if pending.frames_waited < REPAINT_FRAMES {
                    pending.frames_waited += 1;
                    ctx.request_repaint();
                }
                return Some((stop, pending.is_by_keys));
            }
            self.pending_focus = None;
            self.carried.clear();
        }
        if let Some(stop) = holder
            && ctx.memory(|m| m.has_focus(stop_id(stop)))
        {
            let enter_moves = matches!(stop, Stop::Cell(_));
            let leaves_the_grid = keys::first_movement(ctx, enter_moves).is_some_and(|movement| {
                movement == Move::Previous && grid.target(stop, movement).is_none()
            });
            if !leaves_the_grid {
                // Shift+Tab on the first unit's name is egui's: to the control before the grid.
                ctx.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
            }
        }
        self.reveal.take().map(|stop| (stop, false))
    }

    /// The keys carried to `stop` if it is the armed focus request, once: it takes the keyboard.
    fn take_armed(&mut self, stop: Stop) -> Option<Vec<egui::Event>> {
        let is_due = self
            .pending_focus
            .is_some_and(|p| p.is_armed && p.stop == stop);
        if !is_due {
            return None;
        }
        self.pending_focus = None;
        Some(std::mem::take(&mut self.carried))
    }

    /// Moves the keyboard on from `from` by a key, in this frame, with the keys typed after
    /// that key. Enter on the last unit (Shift+Enter on the first) stays in the cell, and so
    /// does Tab on the last cell: past the end egui would hand the keyboard to the window's
    /// first control, the year chooser, where the next keys typed would change the year.
    fn leave(
        &mut self,
        ui: &egui::Ui,
        from: Stop,
        movement: Move,
        rest: Vec<egui::Event>,
        grid: &GridShape<'_>,
    ) {
        ui.memory_mut(|m| m.surrender_focus(stop_id(from)));
        // Passed on the way: not to be scrolled back to once the keyboard has moved on.
        self.reveal = None;
        let target = grid.target(from, movement).or(match movement {
            Move::Down | Move::Up | Move::Next => Some(from),
            Move::Previous => None,
        });
        let Some(target) = target else {
            return;
        };
        self.pending_focus = Some(PendingFocus {
            stop: target,
            frames_waited: 0,
            is_armed: true,
            is_by_keys: true,
        });
        self.carried = rest;
        // Drawn later in this frame, the stop takes the keyboard at once; else in the next.
        ui.memory_mut(|m| m.request_focus(stop_id(target)));
        ui.ctx().request_repaint();
    }

    /// Puts the value saved in a cell this frame, if any, in place of `stored`: the store has
    /// it only after the frame.
    pub fn overlay_saved(&self, key: CellKey, stored: &mut Option<Points>) {
        if let Some((_, value)) = self.saved.iter().rev().find(|(saved, _)| *saved == key) {
            *stored = *value;
        }
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
        let stop = Stop::Cell(key);
        let id = cell_id(key);
        // Under a question that was open last frame, egui gives the keyboard to nothing
        // beneath it: the cell waits for the next frame.
        let carried = if ui.memory(|m| m.is_above_modal_layer(ui.layer_id())) {
            self.take_armed(stop)
        } else {
            None
        };
        let editing = self.editing.take_if(|e| e.key == key);
        let mut was_typed = editing.as_ref().is_some_and(|e| e.is_typed);
        // Nothing typed: the value as stored now, not as it was when the cell took the
        // keyboard (a value put back by 恢复原值 in that very frame lands after it).
        let mut text = match editing {
            Some(editing) if editing.is_typed => editing.text,
            _ => shown(spec.stored),
        };
        let is_taking = carried.is_some();
        if is_taking {
            // Taking the keyboard: what is typed replaces the value.
            ui.memory_mut(|m| m.request_focus(id));
            select_all(ui.ctx(), id, &text);
        }
        let routed = (spec.can_edit && ui.memory(|m| m.has_focus(id)))
            .then(|| Routed::route(ui.ctx(), carried, true));
        // Ctrl+Z puts back the value stored, what was typed undone; with nothing typed it
        // changes nothing (see `take_undo`).
        if routed.is_some() && super::keys::take_undo(ui.ctx()) {
            text = shown(spec.stored);
            was_typed = false;
            select_all(ui.ctx(), id, &text);
        }
        let response = spec.access.explain(
            ui.add_enabled(
                spec.can_edit,
                egui::TextEdit::singleline(&mut text)
                    .id(id)
                    .desired_width(INPUT_WIDTH)
                    // A tint of its own, so the inputs show on every row of the grid.
                    .background_color(egui::Color32::from_rgb(234, 240, 248)),
            ),
        );
        // In a window that may write, a locked cell is a published year's: say how to open it,
        // and a click on it is taken to the reason (see `take_locked_click`).
        let response = if spec.can_edit || !spec.access.can_write() {
            response
        } else {
            if ui.rect_contains_pointer(response.rect) && ui.input(|i| i.pointer.primary_clicked())
            {
                self.locked_clicked = Some(key);
            }
            response.on_disabled_hover_text(LOCKED_HINT)
        };
        response.widget_info(|| {
            let mut info = egui::WidgetInfo::labeled(Role::TextInput, spec.can_edit, spec.label);
            info.current_text_value = Some(text.clone());
            info
        });
        // A value saved since by other means answers the refusal: its message would be stale.
        self.refusals
            .retain(|r| r.key != key || r.kept == spec.stored);
        let response = match self.refusals.iter().find(|r| r.key == key) {
            Some(refusal) => {
                ui.painter().rect_stroke(
                    response.rect,
                    3.0,
                    egui::Stroke::new(2.0, ui.visuals().error_fg_color),
                    egui::StrokeKind::Inside,
                );
                // The red frame covers the focus ring: the keyboard's place is ringed outside it.
                if response.has_focus() {
                    ui.painter().rect_stroke(
                        response.rect,
                        3.0,
                        egui::Stroke::new(2.0, ui.visuals().selection.stroke.color),
                        egui::StrokeKind::Outside,
                    );
                }
                // The status line says it while typing; the hover once the pointer moves.
                let is_typing = ui.input(|i| {
                    f64::from(i.pointer.time_since_last_movement()) > i.time - self.keys_at
                });
                if is_typing {
                    response
                } else {
                    response.on_hover_text(&refusal.message)
                }
            }
            None => response,
        };
        if response.gained_focus() {
            self.reveal = Some(stop);
            if !is_taking {
                // Reached by a click or a screen reader: select all, as the keyboard does.
                select_all(ui.ctx(), id, &text);
            }
        }
        let is_typed = was_typed || response.changed();
        if response.clicked() && !is_typed && !is_taking {
            // A click on a value not typed into selects it whole, also in the cell that has the
            // keyboard already (kept there after a refused value): what is typed next replaces
            // the value, as the hint says, and is never added to it ("4" then "5" is not 45).
            select_all(ui.ctx(), id, &text);
        }
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
        let (movement, rest) = routed.map(|r| r.finish(ui.ctx())).unwrap_or_default();
        if request != CellRequest::None {
            // The detail takes the keyboard: save what was typed first.
            self.commit(spec, &text, is_typed, command, commands);
        } else if let Some(movement) = movement {
            // A refused value is marked red and named above the grid, the old value kept; the
            // keyboard moves on all the same, so that values typed in one go from a paper
            // sheet keep landing in their own cells (stopping here, the next value would go
            // into this cell and every one after it one cell early). The clerk comes back to
            // the red cell.
            self.commit(spec, &text, is_typed, command, commands);
            self.leave(ui, stop, movement, rest, grid);
        } else if response.lost_focus() {
            if ui.input(|i| i.key_pressed(egui::Key::Escape)) {
                // Esc drops what was typed and, as in a spreadsheet, leaves the keyboard in the
                // cell with the kept value selected, ready for the next key; with nothing
                // typed, it closes the unit's detail under the grid. The kept value is the
                // clerk's answer to a refusal there: its red frame and message go (and the
                // keyboard stays, as for an Esc that drops what was typed).
                let answered = self.refusals.iter().any(|r| r.key == spec.key);
                self.refusals.retain(|r| r.key != spec.key);
                self.stay(ui, stop, spec.stored);
                if !is_typed && !answered {
                    return CellRequest::CloseDetail;
                }
            } else {
                self.commit(spec, &text, is_typed, command, commands);
            }
        } else if response.has_focus() {
            self.keyboard_stop = Some(stop);
            // A toast never lies over the cell being typed in.
            crate::ui::toasts::keep_clear_of(ui.ctx(), response.rect);
            self.editing = Some(Editing {
                key,
                text,
                is_typed,
            });
        } else if is_typed
            && (self.refocus == Some(stop) || self.pending_focus.is_some_and(|p| p.stop == stop))
        {
            // Given back to the cell (see `resume_refused`), waiting for the keyboard.
            self.editing = Some(Editing {
                key,
                text,
                is_typed,
            });
        }
        request
    }
}
