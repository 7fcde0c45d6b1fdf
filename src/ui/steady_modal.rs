//! The program's modals: each noted as shown, so that for a moment after one closes the screen
//! under it takes no clicks (the second click of a double-click on 保存 must not open the row
//! that lay under the button); a modal for forms with inline errors anchored by its top edge
//! rather than its centre, so that an error line appearing or going does not move the fields
//! above it; and dropdowns in a modal kept above it.

use std::time::Duration;

/// How far below the top of the window a form's modal starts.
const TOP_GAP: f32 = 72.0;

/// How long after a modal closes the screen under it takes no clicks: longer than the time
/// between the two clicks of a double-click.
const CLOSED_GUARD_SECONDS: f64 = 0.4;

fn shown_at_id() -> egui::Id {
    egui::Id::unique("modal_shown_at")
}

/// A modal, noted as shown in this frame.
#[must_use]
pub fn new(ctx: &egui::Context, id: egui::Id) -> egui::Modal {
    let now = ctx.input(|i| i.time);
    ctx.data_mut(|d| d.insert_temp(shown_at_id(), now));
    // Room around the words: egui's popup margin leaves a question's text on its edge.
    let frame = egui::Frame::popup(&ctx.global_style()).inner_margin(MARGIN);
    egui::Modal::new(id).frame(frame)
}

/// The margin inside a modal's frame, in points.
const MARGIN: f32 = 12.0;

/// A modal centred across the window whose top edge stays at a fixed height.
#[must_use]
pub fn top_anchored(ctx: &egui::Context, id: egui::Id) -> egui::Modal {
    new(ctx, id).area(
        egui::Modal::default_area(id).anchor(egui::Align2::CENTER_TOP, egui::vec2(0.0, TOP_GAP)),
    )
}

/// Gives the keyboard to `field` in the first two frames the modal `id` shows it (it was not
/// shown the frame before), so that a clerk types at once, however the last opening ended:
/// the second too, as the click that opened the modal takes the keyboard away from what its
/// first frame focused (egui drops the focus of a widget a click lands beside).
pub fn focus_on_open(ui: &egui::Ui, id: egui::Id, field: &egui::Response) {
    let (shown, opened) = (id.with("shown_in_pass"), id.with("opened_in_pass"));
    let pass = ui.ctx().cumulative_pass_nr();
    let last = ui.data(|d| d.get_temp::<u64>(shown));
    if last.is_none_or(|last| last.saturating_add(1) < pass) {
        ui.data_mut(|d| d.insert_temp(opened, pass));
    }
    let opened_in = ui.data(|d| d.get_temp::<u64>(opened)).unwrap_or(pass);
    if pass.saturating_sub(opened_in) <= 1 {
        field.request_focus();
    }
    ui.data_mut(|d| d.insert_temp(shown, pass));
}

/// The height a top-anchored modal's content has below its top edge on this window: a small
/// screen (1024×768 at 125 %) leaves far less than a dialog's natural height.
#[must_use]
pub fn room(ctx: &egui::Context) -> f32 {
    // The modal's frame and a margin under it.
    (ctx.content_rect().height() - TOP_GAP - 28.0 - 2.0 * MARGIN).max(120.0)
}

/// Called once a frame after everything is drawn: while a modal is shown and for a moment
/// after it closed, an invisible cover above the panels (below modals, dropdowns and toasts)
/// takes the clicks meant for them.
pub fn cover_after_close(ctx: &egui::Context) {
    let Some(shown_at) = ctx.data(|d| d.get_temp::<f64>(shown_at_id())) else {
        return;
    };
    let since = ctx.input(|i| i.time) - shown_at;
    if since >= CLOSED_GUARD_SECONDS {
        return;
    }
    let screen = ctx.content_rect();
    egui::Area::new(egui::Id::unique("modal_closed_cover"))
        .order(egui::Order::Middle)
        .fixed_pos(screen.min)
        .show(ctx, |ui| {
            ui.allocate_rect(screen, egui::Sense::click_and_drag());
        });
    ctx.request_repaint_after(Duration::from_secs_f64(CLOSED_GUARD_SECONDS - since));
}

/// Puts the keyboard back where it was before a modal opened (or on the button clicked to open
/// it), once the modal has closed
/// leaving it nowhere (a question answered, Esc): Tab then goes on from the button that opened
/// it, not from the top of the window; a question over a dialog (放弃未保存的修改？ over the
/// 通报措辞 dialog) gives it back to the dialog's field it was asked from. A modal that gives
/// the keyboard elsewhere on closing (a row, a cell) keeps its choice. Where that widget was
/// the entry of a dropdown that asked the question as it closed (gone with it), the keyboard
/// goes to the one used before it (the dropdown itself). Called at the end of each frame.
pub fn return_focus_after_close(ctx: &egui::Context) {
    let id = egui::Id::unique("focus_before_modal");
    let top = ctx.memory(egui::Memory::top_modal_layer);
    let focused = ctx.memory(egui::Memory::focused);
    // A button clicked with the mouse does not take the keyboard: it is where the keyboard
    // goes back to all the same, as Tab then goes on from what the clerk last used (a widget
    // that can take the keyboard only: not a row sensed for clicks, nor a modal's cover).
    let clicked = ctx
        .interaction_snapshot(|s| s.clicked)
        .filter(|id| widget_at(ctx, *id).is_some_and(|(_, sense)| sense.is_focusable()));
    let mut kept = ctx
        .data(|d| d.get_temp::<FocusAround>(id))
        .unwrap_or_default();
    if top != kept.top {
        kept.top_changed(ctx, top);
    }
    if kept.give_back.is_some() {
        kept.give_keyboard_back(ctx, focused);
    } else {
        kept.remember(clicked.or(focused));
    }
    ctx.data_mut(|d| d.insert_temp(id, kept));
}

/// Gives the keyboard back to nothing after the modal closing now: the button that opened it
/// may stand for another action once the answer is carried out (从 2026 年度结转… in place of
/// 从 2025 年度结转… after a rollover), a second Enter away.
pub fn give_keyboard_back_to_nothing(ctx: &egui::Context) {
    let id = egui::Id::unique("focus_before_modal");
    ctx.data_mut(|d| {
        if let Some(kept) = d
            .get_temp_mut_or_default::<FocusAround>(id)
            .opened
            .last_mut()
        {
            kept.1.clear();
        }
    });
}

impl FocusAround {
    /// The modal on top is now `top`: back to a layer shown before (the modals opened over it
    /// closed, the keyboard to be given back), or a modal opened over the one on top (or the
    /// window), where the keyboard was is kept.
    fn top_changed(&mut self, ctx: &egui::Context, top: Option<egui::LayerId>) {
        if let Some(at) = self.opened.iter().rposition(|(over, _)| *over == top) {
            let closed = self.opened.split_off(at);
            self.give_back = closed
                .into_iter()
                .next()
                .map(|(_, before)| before)
                .filter(|before| !before.is_empty())
                .map(|before| (before, 0));
        } else {
            // Where the keyboard was last, not counting the new modal's own button or field,
            // which may take it in the frames before the modal counts as open.
            // Then the widgets used before it, newest first, in case it is gone by then.
            let mut seen = Vec::new();
            let left: Vec<Left> = (self.recent.iter().rev().flatten())
                .chain(self.earlier.iter().rev())
                .copied()
                .filter(|id| {
                    top.is_none()
                        || ctx
                            .read_response(*id)
                            .is_none_or(|r| Some(r.layer_id) != top)
                })
                .filter(|id| {
                    let is_new = !seen.contains(id);
                    seen.push(*id);
                    is_new
                })
                .map(|id| (id, widget_at(ctx, id)))
                .collect();
            // The widgets before are for one that goes with the pop-up it was in (the entry of
            // a dropdown that asked the question): one on the window itself is gone back to,
            // or nothing is, as before.
            let left = match left.split_first() {
                Some((first, _)) if !is_in_popup(ctx, *first) => vec![*first],
                _ => left,
            };
            // A modal opening as another closes (an answer's result asked next) carries the
            // keyboard's way back on.
            let left = match self.give_back.take() {
                Some((carried, _)) if left.is_empty() => carried,
                _ => left,
            };
            self.opened.push((self.top, left));
        }
        self.top = top;
        self.recent.clear();
        self.earlier.clear();
    }

    /// Gives the keyboard back once nothing has it (`focused`). The keyboard left on the
    /// closed modal's button (gone now) is let go of a frame later: looked at in two frames.
    /// Given back only to a widget where it was when the modal opened (the one it left, or
    /// for a dropdown's entry gone with its list, the one used before): what the modal did
    /// may have moved the window's widgets (a year deleted, a row gone), and another one may
    /// have the id now.
    fn give_keyboard_back(&mut self, ctx: &egui::Context, focused: Option<egui::Id>) {
        let Some((before, frames)) = self.give_back.take() else {
            return;
        };
        if focused.is_none() {
            let still_there = (before.iter())
                .find(|(id, place)| place.is_some() && widget_at(ctx, *id) == *place);
            if let Some((id, _)) = still_there {
                ctx.memory_mut(|m| m.request_focus(*id));
                // Where the keyboard is now, should another modal open at once.
                self.remember(Some(*id));
            }
        } else if frames < 1 {
            self.give_back = Some((before, frames + 1));
        }
    }

    /// Keeps where the keyboard is at the end of this frame, with the few frames before.
    fn remember(&mut self, focused: Option<egui::Id>) {
        if self.recent.len() == RECENT_FRAMES {
            let older = self.recent.remove(0);
            if let Some(id) = older.filter(|id| self.earlier.last() != Some(id)) {
                if self.earlier.len() == EARLIER_WIDGETS {
                    self.earlier.remove(0);
                }
                self.earlier.push(id);
            }
        }
        self.recent.push(focused);
    }
}

/// The frames a modal may take to count as open after it first drew (and gave its own button
/// the keyboard): where the keyboard was before it is looked for in as many.
const RECENT_FRAMES: usize = 4;

/// How many widgets used before those frames are kept, to go back to the newest still there.
const EARLIER_WIDGETS: usize = 3;

/// Where the keyboard was around the modals (see [`return_focus_after_close`]).
#[derive(Debug, Clone, Default)]
struct FocusAround {
    /// The modal on top at the end of the last frame (None: the window itself).
    top: Option<egui::LayerId>,
    /// The modals open, oldest first: the layer each opened over and where the keyboard was
    /// on it before (the widgets, newest first, and their places then).
    opened: Vec<(Option<egui::LayerId>, Vec<Left>)>,
    /// Where the keyboard was on the top layer at the end of the last few frames, oldest
    /// first (see [`RECENT_FRAMES`]).
    recent: Vec<Option<egui::Id>>,
    /// The widgets the keyboard was on (or clicked) on the top layer before those frames,
    /// oldest first, each once (see [`EARLIER_WIDGETS`]).
    earlier: Vec<egui::Id>,
    /// Where the keyboard goes back to once a modal closed (the widgets, newest first, and
    /// their places when the modal opened), and the frames since.
    give_back: Option<(Vec<Left>, u8)>,
}

/// Where a widget is drawn and what it senses, to tell it from another given its id since.
type Place = Option<(egui::Rect, egui::Sense)>;

/// The widget the keyboard left for a modal, and its place then.
type Left = (egui::Id, Place);

/// True when the widget `left` (with its place as the modal opened) was gone already or is in
/// a pop-up (a dropdown's list), which closes with the choice that asked the question.
fn is_in_popup(ctx: &egui::Context, (id, place): Left) -> bool {
    place.is_none()
        || ctx
            .read_response(id)
            .is_some_and(|r| r.layer_id.order == egui::Order::Foreground)
}

/// The place of the widget `id` as last drawn.
fn widget_at(ctx: &egui::Context, id: egui::Id) -> Place {
    ctx.read_response(id).map(|r| (r.rect, r.sense))
}

/// Keeps the list of a dropdown (`combo`, the response of a `ComboBox` in a modal) drawn above
/// the modal. A quick click (a touchpad tap: press and release in one frame) raises the modal
/// and the list together, and egui then keeps their old order, which can leave the list hidden
/// behind the modal; as the modal's sublayer it always comes right above it.
pub fn keep_list_above(ui: &egui::Ui, combo: &egui::Response) {
    let list = egui::LayerId::new(
        egui::Order::Foreground,
        egui::Popup::default_response_id(combo),
    );
    ui.ctx().set_sublayer(ui.layer_id(), list);
}
