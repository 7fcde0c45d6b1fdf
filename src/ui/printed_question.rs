//! The question after a print file is written: the 已定稿 agreements in it can be marked
//! 已打印 at once, once the paper copies are out of the printer, rather than found and ticked
//! again in the tracker.

/// 已定稿 agreements just sent to print, waiting for the clerk's answer.
pub struct PrintedQuestion {
    ids: Vec<i64>,
}

/// What the clerk answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PrintedAnswer {
    /// Still asking.
    Waiting,
    /// 标记已打印 these agreements.
    Mark(Vec<i64>),
    /// 以后再说 (or Esc, or a click beside the question): the tracker's 标记已打印 remains.
    Later,
}

impl PrintedQuestion {
    /// The question about `ids`, the printed agreements still 已定稿; none when there are none.
    #[must_use]
    pub fn new(ids: Vec<i64>) -> Option<Self> {
        (!ids.is_empty()).then_some(Self { ids })
    }

    /// Draws the question.
    pub fn show(&self, ctx: &egui::Context) -> PrintedAnswer {
        let mut answer = PrintedAnswer::Waiting;
        let count = self.ids.len();
        let modal = crate::ui::steady_modal::new(ctx, egui::Id::unique("printed_question")).show(ctx, |ui| {
            ui.set_max_width(460.0);
            ui.heading("纸质件打印好了吗？");
            ui.label(format!(
                "打印文件中有 {count} 份责任书的状态还是“已定稿”。纸质件打印无误后，把它们标记为已打印，即可送签并登记签订"
            ));
            ui.weak("打印机卡纸或打错时选“以后再说”，重新打印后在责任书列表中勾选并标记已打印");
            ui.add_space(8.0);
            ui.horizontal(|ui| {
                if ui
                    .button(format!("标记已打印（{count}）"))
                    .clicked()
                {
                    answer = PrintedAnswer::Mark(self.ids.clone());
                }
                if ui.button("以后再说").clicked() {
                    answer = PrintedAnswer::Later;
                }
            });
        });
        if answer == PrintedAnswer::Waiting && modal.should_close() {
            PrintedAnswer::Later
        } else {
            answer
        }
    }
}
