//! Toasts: short messages at the bottom right that fade after a few seconds; a warning naming
//! a file to open by hand stays until closed or for two minutes, and only the newest such
//! warning is kept. A toast
//! with a button (打开文件夹) closes with its own 关闭 button, so that the whole toast does not
//! take the button's click; one without closes with a click anywhere on it. At most three
//! are on screen, so that a burst of messages never covers the window's buttons. A toast under
//! the pointer keeps them all while it is there and was moved lately (a pointer merely left
//! resting there does not). Moving to another screen drops errors and results.

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
/// of the grid), which a toast laid over it would hide.
pub fn keep_clear_of(ctx: &egui::Context, rect: egui::Rect) {
    let pass = ctx.cumulative_pass_nr();
    ctx.data_mut(|d| d.insert_temp(keep_clear_id(), (rect, pass)));
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
            let oldest = first(&|shown| is_note(shown) && shown.action.is_none())
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
        self.items.iter().map(|toast| toast.text.as_str())
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
                    let fill = match toast.kind {
                        ToastKind::Success => egui::Color32::from_rgb(0xE8, 0xF5, 0xE9),
                        ToastKind::Error => egui::Color32::from_rgb(0xFD, 0xEC, 0xEA),
                        ToastKind::Warning => egui::Color32::from_rgb(0xFF, 0xF4, 0xD6),
                    };
                    let frame = egui::Frame::popup(ui.style()).fill(fill).show(ui, |ui| {
                        ui.set_max_width(420.0);
                        ui.label(egui::RichText::new(&toast.text).color(egui::Color32::BLACK));
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
                        closed = Some(index);
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
        if let Some(index) = closed {
            self.items.remove(index);
        }
        if let Some(message) = failed {
            self.error(message);
        }
        ctx.request_repaint_after(Duration::from_millis(500));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_result_stays_long_enough_to_read() {
        let duration = |kind, text: String| {
            let toast = Toast {
                kind,
                text,
                shown_at: None,
                action: None,
                is_screen_hint: false,
            };
            toast.duration().as_secs()
        };
        assert_eq!(duration(ToastKind::Success, "已保存".into()), 4);
        assert_eq!(duration(ToastKind::Success, "一".repeat(80)), 8);
        assert_eq!(duration(ToastKind::Success, "一".repeat(500)), 10);
        assert_eq!(duration(ToastKind::Error, "失败".into()), 10);
        let with_button = Toast {
            kind: ToastKind::Success,
            text: "已导出 45 份 PDF".into(),
            shown_at: None,
            action: Some(("打开文件夹".into(), std::path::PathBuf::from("/tmp"))),
            is_screen_hint: false,
        };
        assert_eq!(with_button.duration().as_secs(), 20);
    }

    #[test]
    fn a_screen_hint_goes_with_its_screen_and_a_warning_stays() {
        let mut toasts = Toasts::default();
        toasts.warning("注意：本机未安装公文字体");
        toasts.screen_hint("请按 F2 一并修改");
        toasts.success("已保存");
        toasts.clear_on_leaving();
        assert_eq!(
            toasts.texts().collect::<Vec<_>>(),
            ["注意：本机未安装公文字体"]
        );
    }

    #[test]
    fn toasts_stay_while_the_pointer_is_on_them() {
        let mut toasts = Toasts::default();
        toasts.success("已保存");
        toasts.warning("注意：本机未安装公文字体");
        let ctx = egui::Context::default();
        let run = |toasts: &mut Toasts, time: f64, events: Vec<egui::Event>| {
            let input = egui::RawInput {
                time: Some(time),
                events,
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| toasts.show(ui.ctx()));
            output.textures_delta.clear();
        };
        // Laid out and placed in the first frames (an area is sized before it is shown).
        for _ in 0..3 {
            run(&mut toasts, 0.0, Vec::new());
        }
        let rect = ctx
            .memory(|m| m.area_rect(egui::Id::unique("toasts")))
            .unwrap();
        // On them from 3 s to 30 s: both stay, long after the result's 4 s and the warning's
        // 10 s (the warning expiring would move the result from under the pointer).
        for second in (3..=30).step_by(3) {
            let moved = egui::Event::PointerMoved(rect.center());
            run(&mut toasts, f64::from(second), vec![moved]);
        }
        assert_eq!(toasts.texts().count(), 2);
        // The pointer gone, they go in their time.
        run(&mut toasts, 31.0, vec![egui::Event::PointerGone]);
        run(&mut toasts, 45.0, Vec::new());
        assert_eq!(toasts.texts().count(), 0);
        // A pointer left resting there (where a dialog's 确定 was) keeps them only a while.
        toasts.success("已导出");
        run(
            &mut toasts,
            46.0,
            vec![egui::Event::PointerMoved(rect.center())],
        );
        for second in 47..=70 {
            run(&mut toasts, f64::from(second), Vec::new());
        }
        assert_eq!(toasts.texts().count(), 0);
    }

    /// A stack that would lie over the field the keyboard is in (a score cell at the window's
    /// foot) goes to the other foot corner, or up to the top right one when that would cover
    /// it too; back to its place once the keyboard is elsewhere.
    #[test]
    fn toasts_keep_clear_of_the_field_the_keyboard_is_in() {
        let mut toasts = Toasts::default();
        toasts.success("已修改评分，新旧分值与理由“复核更正”已记入操作记录");
        let ctx = egui::Context::default();
        let screen = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
        let run = |toasts: &mut Toasts, field: Option<egui::Rect>| {
            let input = egui::RawInput {
                screen_rect: Some(screen),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| {
                if let Some(field) = field {
                    keep_clear_of(ui.ctx(), field);
                }
                toasts.show(ui.ctx());
            });
            output.textures_delta.clear();
        };
        let stack = || {
            ctx.memory(|m| m.area_rect(egui::Id::unique("toasts")))
                .unwrap()
        };
        let at_foot = |stack: egui::Rect| stack.top() > 500.0;
        for _ in 0..3 {
            run(&mut toasts, None);
        }
        assert!(at_foot(stack()) && stack().right() > 900.0, "{:?}", stack());
        // A cell at the right: the stack goes to the left foot corner.
        let cell = egui::Rect::from_min_size(egui::pos2(900.0, 660.0), egui::vec2(60.0, 20.0));
        for _ in 0..3 {
            run(&mut toasts, Some(cell));
        }
        assert!(at_foot(stack()) && stack().left() < 100.0, "{:?}", stack());
        // A field across the whole foot: up to the top right corner.
        let wide = egui::Rect::from_min_size(egui::pos2(10.0, 660.0), egui::vec2(1000.0, 20.0));
        for _ in 0..3 {
            run(&mut toasts, Some(wide));
        }
        assert!(
            stack().top() < 100.0 && stack().right() > 900.0,
            "{:?}",
            stack()
        );
        for _ in 0..3 {
            run(&mut toasts, None);
        }
        assert!(at_foot(stack()) && stack().right() > 900.0, "{:?}", stack());
    }

    #[test]
    fn a_warning_naming_a_file_stays_until_closed_or_two_minutes() {
        let mut toasts = Toasts::default();
        toasts.warning_with_action(
            "已生成打印文件，但无法自动打开",
            "打开文件夹",
            "/tmp".into(),
        );
        toasts.success_with_action("已导出", "打开文件夹", "/tmp".into());
        toasts.warning("另有 1 份与上次打印不同");
        let sticky: Vec<bool> = toasts.items.iter().map(Toast::is_sticky).collect();
        assert_eq!(sticky, [true, false, false]);
        // Long after it was shown, it is still there; the others are gone.
        let ctx = egui::Context::default();
        let run = |toasts: &mut Toasts, time: f64| {
            let input = egui::RawInput {
                time: Some(time),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| toasts.show(ui.ctx()));
            output.textures_delta.clear();
        };
        for time in [0.0, 60.0] {
            run(&mut toasts, time);
        }
        assert_eq!(
            toasts.texts().collect::<Vec<_>>(),
            ["已生成打印文件，但无法自动打开"]
        );
        // Not for good: it would cover the window's last rows.
        run(&mut toasts, 121.0);
        assert_eq!(toasts.texts().count(), 0);
    }

    #[test]
    fn a_newer_warning_naming_a_file_replaces_the_older_one() {
        let mut toasts = Toasts::default();
        for second in ["01", "02", "03"] {
            toasts.warning_with_action(
                format!("已生成打印文件，但本机找不到用来打开它的程序，请手动打开：/tmp/打印-{second}.pdf"),
                "打开文件夹",
                "/tmp".into(),
            );
        }
        toasts.warning("另有 1 份与上次打印不同");
        assert_eq!(
            toasts.texts().collect::<Vec<_>>(),
            [
                "已生成打印文件，但本机找不到用来打开它的程序，请手动打开：/tmp/打印-03.pdf",
                "另有 1 份与上次打印不同"
            ]
        );
    }

    #[test]
    fn a_burst_keeps_the_newest_three_and_the_sticky_warning() {
        let mut toasts = Toasts::default();
        toasts.warning_with_action("请手动打开打印文件", "打开文件夹", "/tmp".into());
        for n in 1..=5 {
            toasts.success(format!("第 {n} 条"));
        }
        assert_eq!(
            toasts.texts().collect::<Vec<_>>(),
            ["请手动打开打印文件", "第 4 条", "第 5 条"]
        );
        // An error stays while later results come and go.
        toasts.error("导出失败");
        toasts.success("第 6 条");
        assert_eq!(
            toasts.texts().collect::<Vec<_>>(),
            ["请手动打开打印文件", "导出失败", "第 6 条"]
        );
        // A result queued after errors is shown: an older error makes room.
        toasts.error("另一个错误");
        toasts.success("第 7 条");
        assert_eq!(
            toasts.texts().collect::<Vec<_>>(),
            ["请手动打开打印文件", "另一个错误", "第 7 条"]
        );
    }

    #[test]
    fn where_a_file_went_outlasts_the_notes_after_it() {
        let mut toasts = Toasts::default();
        toasts.success_with_action("已导出考核结果通报：通报.pdf", "打开文件夹", "/tmp".into());
        for note in [
            "注意：通报后又修改过",
            "提示：本机未安装字体",
            "提示：“嘡”改用",
        ] {
            toasts.warning(note);
        }
        assert_eq!(
            toasts.texts().collect::<Vec<_>>(),
            [
                "已导出考核结果通报：通报.pdf",
                "提示：本机未安装字体",
                "提示：“嘡”改用"
            ]
        );
    }

    #[test]
    fn the_same_message_on_screen_is_shown_once() {
        let mut toasts = Toasts::default();
        toasts.error("数据库以只读方式打开（另一窗口），不能保存修改");
        toasts.error("数据库以只读方式打开（另一窗口），不能保存修改");
        toasts.success("数据库以只读方式打开（另一窗口），不能保存修改");
        toasts.error("另一条");
        assert_eq!(toasts.texts().count(), 3);
    }
}
