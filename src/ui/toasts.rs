//! Toasts: short messages at the bottom right that fade after a few seconds; a warning naming
//! a file to open by hand stays until closed or for two minutes, and only the newest such
//! warning is kept. A toast
//! with a button (打开文件夹) closes with its own 关闭 button, so that the whole toast does not
//! take the button's click; one without closes with a click anywhere on it. At most three
//! are on screen, so that a burst of messages never covers the window's buttons. A toast under
//! the pointer keeps them all while it is there and was moved lately (a pointer merely left
//! resting there does not). Moving to another screen drops errors and results. A toast closed
//! leaves its room empty while the pointer is on the stack: the next one does not slide under
//! the pointer (a second click meant for 关闭提示 would land on 打开文件夹).

use std::time::Duration;

/// How a toast looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ToastKind {
    /// A result.
    Success,
    /// A failure.
    Error,
    /// Something done, with a caveat worth reading (shown as long as an error).
    Warning,
}

#[derive(Debug, Clone)]
struct Toast {
    kind: ToastKind,
    text: String,
    shown_at: Option<f64>,
    /// A button label and the file or folder it opens.
    action: Option<(String, std::path::PathBuf)>,
    /// About the screen it was shown on only (a key to press there): it goes as the clerk
    /// leaves that screen.
    is_screen_hint: bool,
    /// Closed while the pointer was on the stack: its room, kept empty until the pointer
    /// leaves, so that the toasts above it do not slide under the pointer into its place.
    hole: Option<egui::Vec2>,
}

impl Toast {
    /// How long the toast stays: a result a few seconds, longer the more there is to read
    /// (a verification's sentence), up to as long as a failure; a failure or warning longer;
    /// one with a button (打开文件夹) long enough to come back from a look elsewhere to it.
    fn duration(&self) -> Duration {
        if self.is_sticky() {
            return STICKY_DURATION;
        }
        if self.action.is_some() {
            return ACTION_DURATION;
        }
        if self.kind != ToastKind::Success {
            return ERROR_DURATION;
        }
        let chars = u64::try_from(self.text.chars().count()).unwrap_or(u64::MAX);
        let reading = Duration::from_secs(chars / CHARS_PER_SECOND);
        reading.clamp(SUCCESS_DURATION, ERROR_DURATION)
    }

    /// A warning naming a file to open by hand stays until closed, or a good while: left
    /// alone, it would cover the window's last rows and buttons for good.
    fn is_sticky(&self) -> bool {
        self.kind == ToastKind::Warning && self.action.is_some()
    }
}

/// The queue of toasts on screen.
#[derive(Debug, Default)]
pub struct Toasts {
    items: Vec<Toast>,
}

/// The room between the stack and the window's edge.
const EDGE_GAP: f32 = 16.0;

/// Where the field being typed in lies, for the stack to keep clear of (see
/// [`keep_clear_of`]), with the pass it was said in.
fn keep_clear_id() -> egui::Id {
    egui::Id::unique("toasts_keep_clear_of")
}

/// Asks the toasts to keep clear of `rect` this frame: a field being typed in (a score cell
/// of the grid), or lines that explain what was just entered, which a toast laid over them
/// would hide. Asked more than once in a frame, they keep clear of all.
pub fn keep_clear_of(ctx: &egui::Context, rect: egui::Rect) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| {
        let before = d.get_temp::<(egui::Rect, u64)>(keep_clear_id());
        let rect = match before {
            Some((earlier, said)) if said == pass => earlier.union(rect),
            _ => rect,
        };
        d.insert_temp(keep_clear_id(), (rect, pass));
    });
}

/// The rect asked to be kept clear of in this pass or the one before, if any.
fn kept_clear(ctx: &egui::Context) -> Option<egui::Rect> {
    let pass = ctx.cumulative_pass_nr();
    ctx.data(|d| d.get_temp::<(egui::Rect, u64)>(keep_clear_id()))
        .filter(|(_, said)| said.saturating_add(1) >= pass)
        .map(|(rect, _)| rect)
}

/// How far below the window's top a stack moved up starts: under the top bar.
const TOP_GAP: f32 = 40.0;

const SUCCESS_DURATION: Duration = Duration::from_secs(4);
const ERROR_DURATION: Duration = Duration::from_secs(10);
const ACTION_DURATION: Duration = Duration::from_secs(20);
const STICKY_DURATION: Duration = Duration::from_mins(2);
/// How many characters of a result are read in a second, for how long it stays.
const CHARS_PER_SECOND: u64 = 10;
/// How long after the pointer last moved a toast under it is still taken to be read.
const HOVER_HOLD_SECONDS: f32 = 10.0;

/// The most toasts on screen at once; a newer one pushes out the oldest result or warning
/// without a button, else the oldest result or warning (one with 打开文件夹 says where a file
/// went, which the notes after it do not), else the oldest that is not sticky.
const MAX_ON_SCREEN: usize = 3;

impl Toasts {
    /// Queues a success message.
    pub fn success(&mut self, text: impl Into<String>) {
        self.push(ToastKind::Success, text.into(), None);
    }

    /// Queues an error message.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(ToastKind::Error, text.into(), None);
    }

    /// Queues a warning: the work was done, but something deserves attention.
    pub fn warning(&mut self, text: impl Into<String>) {
        self.push(ToastKind::Warning, text.into(), None);
    }

    /// Queues a warning about the screen shown only ("请按 F2 …"), which goes when the clerk
    /// moves to another screen, where it would mean nothing.
    pub fn screen_hint(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.push(ToastKind::Warning, text.clone(), None);
        let is_it = |shown: &&mut Toast| shown.kind == ToastKind::Warning && shown.text == text;
        if let Some(shown) = self.items.iter_mut().find(is_it) {
            shown.is_screen_hint = true;
        }
    }

    /// Queues a warning with a button that opens `path`; it stays until closed, since it names
    /// a file the clerk has to open by hand. It replaces such a warning already on screen, so
    /// that they never pile up over the window (the newest file is the one to open).
    pub fn warning_with_action(
        &mut self,
        text: impl Into<String>,
        label: &str,
        path: std::path::PathBuf,
    ) {
        self.push(
            ToastKind::Warning,
            text.into(),
            Some((label.to_owned(), path)),
        );
    }

    /// Queues a success message with a button that opens `path` (a folder or a file).
    pub fn success_with_action(
        &mut self,
        text: impl Into<String>,
        label: &str,
        path: std::path::PathBuf,
    ) {
        self.push(
            ToastKind::Success,
            text.into(),
            Some((label.to_owned(), path)),
        );
    }

    /// Queues a toast; the same message already on screen is shown once, its time started
    /// again, rather than twice (a refusal met by two commands of one frame, say). A sticky
    /// toast replaces the sticky one on screen.
    fn push(
        &mut self,
        kind: ToastKind,
        text: String,
        action: Option<(String, std::path::PathBuf)>,
    ) {
        let toast = Toast {
            kind,
            text,
            shown_at: None,
            action,
            is_screen_hint: false,
            hole: None,
        };
        let is_same = |shown: &Toast| {
            shown.kind == toast.kind && shown.text == toast.text && shown.action == toast.action
        };
        if toast.is_sticky() {
            self.items
                .retain(|shown| !shown.is_sticky() || is_same(shown));
        }
        match self.items.iter_mut().find(|shown| is_same(shown)) {
            Some(shown) => shown.shown_at = None,
            None => self.items.push(toast),
        }
        // An error is not pushed out before it was read, nor where a file went: the oldest
        // plain result or warning goes first; the toast just queued never goes.
        while self.items.len() > MAX_ON_SCREEN {
            let older = self.items.len() - 1;
            let goes = |shown: &Toast| !shown.is_sticky();
            let is_note = |shown: &Toast| shown.kind != ToastKind::Error && goes(shown);
            let first =
                |wanted: &dyn Fn(&Toast) -> bool| self.items.iter().take(older).position(wanted);
            let oldest = first(&|shown| shown.hole.is_some())
                .or_else(|| first(&|shown| is_note(shown) && shown.action.is_none()))
                .or_else(|| first(&is_note))
                .or_else(|| first(&goes))
                .unwrap_or(0);
            self.items.remove(oldest);
        }
    }

    /// Drops the errors and results as the clerk moves to another screen: about the screen
    /// left, or seen done there, they would only cover the next one. Warnings stay to be read.
    pub fn clear_on_leaving(&mut self) {
        self.items
            .retain(|toast| toast.kind == ToastKind::Warning && !toast.is_screen_hint);
    }

    /// Drops the hints about the screen shown (see [`Self::screen_hint`]) as another year is
    /// shown on it: a cell or note they point to is not there any more.
    pub fn clear_screen_hints(&mut self) {
        self.items.retain(|toast| !toast.is_screen_hint);
    }

    /// The texts on screen (for tests).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        (self.items.iter())
            .filter(|toast| toast.hole.is_none())
            .map(|toast| toast.text.as_str())
    }

    /// Draws the toasts and drops expired ones; 关闭 closes one with a button, a click anywhere
    /// on it one without.
    pub fn show(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|input| input.time);
        self.items.retain(|toast| {
            let limit = toast.duration();
            toast
                .shown_at
                .is_none_or(|at| now - at < limit.as_secs_f64())
        });
        if self.items.is_empty() {
            return;
        }
        let mut closed = None;
        let mut failed = None;
        // At the window's foot, unless that is where the keyboard is (a score cell of the
        // grid's last rows, the cell Enter just moved to): the stack goes to the other foot
        // corner then, or up to the top right one, never over what is being typed in.
        let screen = ctx.content_rect();
        let focused = kept_clear(ctx);
        let covers = |at: egui::Rect| focused.is_some_and(|f| at.intersects(f));
        // The size the stack took when last drawn, kept by egui with its area.
        let size = ctx
            .memory(|m| m.area_rect(egui::Id::unique("toasts")))
            .map_or(egui::Vec2::ZERO, |rect| rect.size());
        let right_foot = egui::Rect::from_min_size(
            screen.right_bottom() - size - egui::vec2(EDGE_GAP, EDGE_GAP),
            size,
        );
        let left_foot = egui::Rect::from_min_size(
            egui::pos2(
                screen.left() + EDGE_GAP,
                screen.bottom() - size.y - EDGE_GAP,
            ),
            size,
        );
        // The other foot corner first (a cell at the right is typed in while the units'
        // names are at the left); the top only when both would cover it.
        let (align, offset) = if !covers(right_foot) {
            (egui::Align2::RIGHT_BOTTOM, [-EDGE_GAP, -EDGE_GAP])
        } else if !covers(left_foot) {
            (egui::Align2::LEFT_BOTTOM, [EDGE_GAP, -EDGE_GAP])
        } else {
            (egui::Align2::RIGHT_TOP, [-EDGE_GAP, TOP_GAP])
        };
        let area = egui::Area::new(egui::Id::unique("toasts"))
            .anchor(align, offset)
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (index, toast) in self.items.iter_mut().enumerate() {
                    toast.shown_at.get_or_insert(now);
                    if let Some(room) = toast.hole {
                        ui.allocate_space(room);
                        continue;
                    }
                    let fill = match toast.kind {
                        ToastKind::Success => egui::Color32::from_rgb(0xE8, 0xF5, 0xE9),
                        ToastKind::Error => egui::Color32::from_rgb(0xFD, 0xEC, 0xEA),
                        ToastKind::Warning => egui::Color32::from_rgb(0xFF, 0xF4, 0xD6),
                    };
                    let frame = egui::Frame::popup(ui.style()).fill(fill).show(ui, |ui| {
                        ui.set_max_width(420.0);
                        // Broken as the documents break lines: a date or a number kept
                        // with its unit ("2025年3月18日" never split before its "日").
                        super::printed_lines::label(ui, &toast.text, Some(egui::Color32::BLACK));
                        let Some((label, path)) = &toast.action else {
                            // A warning or failure stays a while: how to put it away is said.
                            if toast.kind != ToastKind::Success {
                                ui.label(
                                    egui::RichText::new("点击此提示即可关闭")
                                        .small()
                                        .color(egui::Color32::DARK_GRAY),
                                );
                            }
                            return false;
                        };
                        ui.horizontal(|ui| {
                            if ui.button(label.as_str()).clicked()
                                && let Err(message) = super::open_path::open_in_system(path)
                            {
                                failed = Some(message);
                            }
                            ui.button("关闭提示").clicked()
                        })
                        .inner
                    });
                    // Made clickable only without buttons: laid over them, it would take
                    // their clicks.
                    let is_closed = if toast.action.is_some() {
                        frame.inner
                    } else {
                        (frame.response.interact(egui::Sense::click()))
                            .on_hover_cursor(egui::CursorIcon::PointingHand)
                            .clicked()
                    };
                    if is_closed {
                        closed = Some((index, frame.response.rect.size()));
                    }
                }
            });
        // Toasts read with the pointer on them stay while it is there: all of them, as one
        // expiring would move the others from under the pointer.
        // Over the whole stack, the gaps between toasts too; and only while the pointer was
        // moved lately: one left resting where a dialog's 确定 was (where toasts come up)
        // would keep them over the window for good.
        let is_read = ctx.input(|i| i.pointer.time_since_last_movement()) < HOVER_HOLD_SECONDS;
        let is_hovered =
            (ctx.pointer_hover_pos()).is_some_and(|at| area.response.rect.contains(at));
        if is_hovered && is_read {
            for toast in &mut self.items {
                toast.shown_at = Some(now);
            }
        }
        if let Some((index, room)) = closed {
            if is_hovered {
                if let Some(toast) = self.items.get_mut(index) {
                    toast.hole = Some(room);
                    toast.text.clear();
                    toast.action = None;
                }
            } else {
                self.items.remove(index);
            }
        }
        // The pointer gone, the stack closes up. Meanwhile only a room with a toast beyond it
        // (away from the corner the stack grows from) is kept: one at the stack's far end
        // moves nothing as it goes, and kept empty it would only take clicks meant for what
        // lies under it.
        if is_hovered {
            let is_hole = |toast: Option<&Toast>| toast.is_some_and(|t| t.hole.is_some());
            if align.y() == egui::Align::Max {
                while is_hole(self.items.first()) {
                    self.items.remove(0);
                }
            } else {
                while is_hole(self.items.last()) {
                    self.items.pop();
                }
            }
        } else {
            self.items.retain(|toast| toast.hole.is_none());
        }
        if let Some(message) = failed {
            self.error(message);
        }
        ctx.request_repaint_after(Duration::from_millis(500));
    }
}

#[cfg(test)]
#[path = "toasts_tests.rs"]
mod tests;
