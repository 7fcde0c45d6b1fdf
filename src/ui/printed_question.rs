//! The question after a print file is written: the 已定稿 agreements in it can be marked
//! 已打印 at once, once the paper copies are out of the printer, rather than found and ticked
//! again in the tracker. Asked only once a viewer opened the file (nothing can have been
//! printed before), naming the file and how many agreements it holds.

/// 已定稿 agreements just sent to print, waiting for the clerk's answer.
pub struct PrintedQuestion {
    ids: Vec<i64>,
    /// The print file's name.
    file_name: String,
    /// The agreements in the print file, 已定稿 or not.
    total: usize,
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
    /// The question about `ids`, the agreements still 已定稿 in the print file `file_name` of
    /// `total` agreements; none when there are none.
    #[must_use]
    pub fn new(ids: Vec<i64>, file_name: String, total: usize) -> Option<Self> {
        (!ids.is_empty()).then_some(Self {
            ids,
            file_name,
            total,
        })
    }

    /// What the question says of the file and its agreements.
    fn body(&self) -> String {
        let (count, total) = (self.ids.len(), self.total);
        let which = if count == total {
            "状态都还是“已定稿”".to_owned()
        } else {
            format!("其中 {count} 份的状态还是“已定稿”")
        };
        format!(
            "打印文件“{}”共 {total} 份责任书，{which}。纸质件打印无误后，把它们标记为已打印，即可送签并登记签订",
            self.file_name
        )
    }

    /// Draws the question.
    pub fn show(&self, ctx: &egui::Context) -> PrintedAnswer {
        let mut answer = PrintedAnswer::Waiting;
        let count = self.ids.len();
        let modal = crate::ui::steady_modal::new(ctx, egui::Id::unique("printed_question")).show(
            ctx,
            |ui| {
                ui.set_max_width(460.0);
                ui.heading("纸质件打印好了吗？");
                ui.label(self.body());
                ui.weak("打印机卡纸或打错时选“以后再说”，重新打印后在责任书列表中勾选并标记已打印");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    if ui.button(format!("标记已打印（{count}）")).clicked() {
                        answer = PrintedAnswer::Mark(self.ids.clone());
                    }
                    if ui.button("以后再说").clicked() {
                        answer = PrintedAnswer::Later;
                    }
                });
            },
        );
        if answer == PrintedAnswer::Waiting && modal.should_close() {
            PrintedAnswer::Later
        } else {
            answer
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_question_names_the_file_and_how_many_agreements_it_holds() {
        let name = "2025年度责任书-打印-20250301-093000.pdf";
        let question = PrintedQuestion::new(vec![3], name.to_owned(), 2).unwrap();
        assert!(question.body().starts_with(
            "打印文件“2025年度责任书-打印-20250301-093000.pdf”共 2 份责任书，其中 1 份的状态还是“已定稿”。"
        ));
        let question = PrintedQuestion::new(vec![3, 4], name.to_owned(), 2).unwrap();
        assert!(
            question
                .body()
                .contains("共 2 份责任书，状态都还是“已定稿”。")
        );
        assert!(PrintedQuestion::new(Vec::new(), name.to_owned(), 2).is_none());
    }
}
