//! Whether the window (or one view of it) may change the database. A read-only window (another
//! window holds the file, the file or its folder cannot be written, or damage was met while
//! working), or a view whose data are closed to changes (a published year's template), draws
//! every control that would write disabled, with the reason on hover; controls that only read
//! (export, preview, search) stay as they are.

use crate::store::Store;

/// Why a read-only window cannot write once the window that held the file has closed: what to
/// do is said in it.
pub const WRITER_GONE: &str = "持有它的窗口或命令已经结束，点上方“改为可修改”后即可修改";

/// Why, once another window or command took the file again after [`WRITER_GONE`] (who, not
/// yet read from its note).
pub const WRITER_BACK: &str = "另一窗口或命令又打开了此数据库并持有它，修改请在那里进行";

/// Why the window cannot write, borrowed from the store; nothing when it can.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteAccess<'a> {
    why: Option<&'a str>,
    /// True when the data, not the file, is closed to this view (a published year's
    /// template): said without "只读打开".
    is_lock: bool,
}

impl<'a> WriteAccess<'a> {
    /// What the open store allows (a damaged store is read-only too, "文件已损坏").
    #[must_use]
    pub fn of(store: Option<&'a Store>) -> Self {
        Self {
            why: store.and_then(Store::read_only_reason),
            is_lock: false,
        }
    }

    /// A window that cannot write, for `why` (tests of the views).
    #[must_use]
    pub fn read_only(why: &'a str) -> Self {
        Self {
            why: Some(why),
            is_lock: false,
        }
    }

    /// A view whose data is closed to changes, for `why` ("2024 年度考核结果已通报"), in a
    /// window that may write otherwise.
    #[must_use]
    pub fn locked(why: &'a str) -> Self {
        Self {
            why: Some(why),
            is_lock: true,
        }
    }

    /// True when the window (or the view given a [`WriteAccess::locked`]) may write.
    #[must_use]
    pub fn can_write(self) -> bool {
        self.why.is_none()
    }

    /// Why the window cannot write, if it cannot.
    #[must_use]
    pub fn why(self) -> Option<&'a str> {
        self.why
    }

    /// The hover text of a disabled write control: "只读打开：{why}，{consequence}" (for a
    /// locked view "{why}，{consequence}").
    #[must_use]
    pub fn refusal(self, consequence: &str) -> Option<String> {
        self.why.map(|why| {
            let opened = if self.is_lock { "" } else { "只读打开：" };
            // Said what to do already ("…即可修改"): no "，不能修改" after it (another
            // consequence, such as why an export waits, is still said).
            if why == WRITER_GONE && consequence == "不能修改" {
                format!("{opened}{why}")
            } else {
                format!("{opened}{why}，{consequence}")
            }
        })
    }

    /// Adds a control that writes: enabled when `enabled` and the window may write; in a
    /// read-only window disabled, saying why on hover.
    pub fn add_enabled(
        self,
        ui: &mut egui::Ui,
        enabled: bool,
        widget: impl egui::Widget,
    ) -> egui::Response {
        let response = ui.add_enabled(enabled && self.can_write(), widget);
        self.explain(response)
    }

    /// A button that writes (see [`WriteAccess::add_enabled`]).
    pub fn button(self, ui: &mut egui::Ui, text: impl Into<egui::WidgetText>) -> egui::Response {
        self.add_enabled(ui, true, egui::Button::new(text))
    }

    /// Adds the read-only reason to a control's disabled hover text ("不能修改").
    #[must_use]
    pub fn explain(self, response: egui::Response) -> egui::Response {
        self.explain_as(response, "不能修改")
    }

    /// Like [`WriteAccess::explain`], and in a window that may write, `otherwise` as the
    /// disabled hover text (what else keeps the control disabled, such as a frozen text).
    #[must_use]
    pub fn explain_or(self, response: egui::Response, otherwise: &str) -> egui::Response {
        match self.why {
            Some(_) => self.explain(response),
            None => response.on_disabled_hover_text(otherwise),
        }
    }

    /// Adds the read-only reason to a control's disabled hover text, ending in `consequence`
    /// (e.g. "请用“备份到其他位置…”").
    #[must_use]
    pub fn explain_as(self, response: egui::Response, consequence: &str) -> egui::Response {
        match self.why {
            // Worded only when hovered, not every frame.
            Some(_) => response.on_disabled_hover_ui(|ui| {
                ui.label(self.refusal(consequence).unwrap_or_default());
            }),
            None => response,
        }
    }

    /// Draws `add` with its controls disabled in a read-only window (a form whose every field
    /// is saved to the database); the pointer over any of them says why.
    pub fn scope<R>(self, ui: &mut egui::Ui, add: impl FnOnce(&mut egui::Ui) -> R) -> R {
        let shown = ui.add_enabled_ui(self.can_write(), add);
        let _ = self.explain(shown.response);
        shown.inner
    }
}

#[cfg(test)]
mod tests {
    use super::{WRITER_GONE, WriteAccess};

    #[test]
    fn a_reason_that_says_what_to_do_gets_no_refusal_after_it() {
        let held = WriteAccess::read_only("另一个窗口正在使用此数据库");
        assert_eq!(
            held.refusal("不能修改").as_deref(),
            Some("只读打开：另一个窗口正在使用此数据库，不能修改")
        );
        let gone = WriteAccess::read_only(WRITER_GONE);
        assert_eq!(
            gone.refusal("不能修改"),
            Some(format!("只读打开：{WRITER_GONE}"))
        );
        // Another consequence (why an export waits) is still said.
        assert_eq!(
            gone.refusal("导出要登记导出记录"),
            Some(format!("只读打开：{WRITER_GONE}，导出要登记导出记录"))
        );
    }
}
