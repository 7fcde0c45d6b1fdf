//! Toasts: short messages at the bottom right that fade after a few seconds; a warning naming
//! a file to open by hand stays until clicked away.

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
}

impl Toast {
    /// A warning naming a file to open by hand stays until clicked away.
    fn is_sticky(&self) -> bool {
        self.kind == ToastKind::Warning && self.action.is_some()
    }
}

/// The queue of toasts on screen.
#[derive(Debug, Default)]
pub struct Toasts {
    items: Vec<Toast>,
}

const SUCCESS_DURATION: Duration = Duration::from_secs(4);
const ERROR_DURATION: Duration = Duration::from_secs(10);

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

    /// Queues a warning with a button that opens `path`; it stays until clicked away, since
    /// it names a file the clerk has to open by hand.
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
    /// again, rather than twice (a refusal met by two commands of one frame, say).
    fn push(
        &mut self,
        kind: ToastKind,
        text: String,
        action: Option<(String, std::path::PathBuf)>,
    ) {
        let same = self
            .items
            .iter_mut()
            .find(|toast| toast.kind == kind && toast.text == text && toast.action == action);
        match same {
            Some(toast) => toast.shown_at = None,
            None => self.items.push(Toast {
                kind,
                text,
                shown_at: None,
                action,
            }),
        }
    }

    /// Drops the error messages (the screen they were about is left).
    pub fn clear_errors(&mut self) {
        self.items.retain(|toast| toast.kind != ToastKind::Error);
    }

    /// The texts on screen (for tests).
    pub fn texts(&self) -> impl Iterator<Item = &str> {
        self.items.iter().map(|toast| toast.text.as_str())
    }

    /// Draws the toasts and drops expired ones; a click closes one.
    pub fn show(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|input| input.time);
        self.items.retain(|toast| {
            let limit = if toast.kind == ToastKind::Success {
                SUCCESS_DURATION
            } else {
                ERROR_DURATION
            };
            toast.is_sticky()
                || toast
                    .shown_at
                    .is_none_or(|at| now - at < limit.as_secs_f64())
        });
        if self.items.is_empty() {
            return;
        }
        let mut closed = None;
        let mut failed = None;
        egui::Area::new(egui::Id::unique("toasts"))
            .anchor(egui::Align2::RIGHT_BOTTOM, [-16.0, -16.0])
            .order(egui::Order::Foreground)
            .show(ctx, |ui| {
                for (index, toast) in self.items.iter_mut().enumerate() {
                    toast.shown_at.get_or_insert(now);
                    let fill = match toast.kind {
                        ToastKind::Success => egui::Color32::from_rgb(0xE8, 0xF5, 0xE9),
                        ToastKind::Error => egui::Color32::from_rgb(0xFD, 0xEC, 0xEA),
                        ToastKind::Warning => egui::Color32::from_rgb(0xFF, 0xF4, 0xD6),
                    };
                    let response = egui::Frame::popup(ui.style())
                        .fill(fill)
                        .show(ui, |ui| {
                            ui.set_max_width(420.0);
                            ui.label(egui::RichText::new(&toast.text).color(egui::Color32::BLACK));
                            if toast.is_sticky() {
                                ui.label(
                                    egui::RichText::new("（点击此处关闭）")
                                        .small()
                                        .color(egui::Color32::DARK_GRAY),
                                );
                            }
                            if let Some((label, path)) = &toast.action
                                && ui.button(label.as_str()).clicked()
                                && let Err(message) = super::open_path::open_in_system(path)
                            {
                                failed = Some(message);
                            }
                        })
                        .response
                        .interact(egui::Sense::click());
                    if response.clicked() {
                        closed = Some(index);
                    }
                }
            });
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
    fn a_warning_naming_a_file_stays_until_clicked_away() {
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
        for time in [0.0, 60.0] {
            let input = egui::RawInput {
                time: Some(time),
                ..Default::default()
            };
            let mut output = ctx.run_ui(input, |ui| toasts.show(ui.ctx()));
            output.textures_delta.clear();
        }
        assert_eq!(
            toasts.texts().collect::<Vec<_>>(),
            ["已生成打印文件，但无法自动打开"]
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
