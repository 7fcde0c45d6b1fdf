//! The question after a print file is written: the 已定稿 agreements in it can be marked
//! 已打印 at once, once the paper copies are out of the printer, rather than found and ticked
//! again in the tracker. Named are the file and how many agreements it holds; when no viewer
//! opened the file, the question says to open it by hand first, with a button that opens its
//! folder.

/// 已定稿 agreements just sent to print, waiting for the clerk's answer.
pub struct PrintedQuestion {
    ids: Vec<i64>,
    /// The print file's name.
    file_name: String,
    /// The agreements in the print file, 已定稿 or not.
    total: usize,
    /// The folder of a print file no viewer opened: to be opened by hand before printing.
    folder_to_open: Option<std::path::PathBuf>,
    /// The agreements' year.
    year: i32,
    /// The date 标记已打印 records: the day the file was written.
    today: chrono::NaiveDate,
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
    /// The question about `ids`, the agreements of `year` still 已定稿 in the print file
    /// `file_name` of `total` agreements, written `today`; none when there are none.
    #[must_use]
    pub fn new(
        ids: Vec<i64>,
        file_name: String,
        total: usize,
        (year, today): (i32, chrono::NaiveDate),
    ) -> Option<Self> {
        (!ids.is_empty()).then_some(Self {
            ids,
            file_name,
            total,
            folder_to_open: None,
            year,
            today,
        })
    }

    /// The date 标记已打印 records.
    #[must_use]
    pub fn printed_on(&self) -> chrono::NaiveDate {
        self.today
    }

    /// Said for a year already over: papers of it printed before are marked with their own
    /// date in the tracker, not today's.
    fn past_year_note(&self) -> Option<String> {
        use chrono::Datelike as _;
        (self.year < self.today.year()).then(|| {
            format!(
                "这是已经过去的 {} 年度的责任书：如果纸质件是以前打印的，请选“以后再说”，在列表中勾选后点“标记已打印”（或在详情中点“标记已打印…”），填写实际的打印日期",
                self.year
            )
        })
    }

    /// The question for a print file no viewer opened, in `folder`.
    #[must_use]
    pub fn not_opened(mut self, folder: std::path::PathBuf) -> Self {
        self.folder_to_open = Some(folder);
        self
    }

    /// What the question says of the file and its agreements.
    fn body(&self) -> String {
        let (count, total) = (self.ids.len(), self.total);
        let which = if count == total && total == 1 {
            "状态还是“已定稿”".to_owned()
        } else if count == total {
            "状态都还是“已定稿”".to_owned()
        } else {
            format!("其中 {count} 份的状态还是“已定稿”")
        };
        format!(
            "打印文件“{}”共 {total} 份责任书，{which}。纸质件打印无误后，把{}标记为已打印（打印日期记为今天，{}），即可送签并登记签订",
            self.file_name,
            if count == 1 { "它" } else { "它们" },
            crate::model::dates::show_date(self.today)
        )
    }

    /// Draws the question; a failure to open the print file's folder is said in `failed`.
    pub fn show(&self, ctx: &egui::Context, failed: &mut Option<String>) -> PrintedAnswer {
        let mut answer = PrintedAnswer::Waiting;
        let count = self.ids.len();
        let modal_id = egui::Id::unique("printed_question");
        let modal = crate::ui::steady_modal::new(ctx, modal_id).show(
            ctx,
            |ui| {
                ui.set_max_width(460.0);
                ui.heading("纸质件打印好了吗？");
                ui.label(self.body());
                if let Some(note) = self.past_year_note() {
                    ui.colored_label(ui.visuals().warn_fg_color, note);
                }
                if let Some(folder) = &self.folder_to_open {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        "本机没有自动打开打印文件：请先打开它所在的文件夹，用 PDF 阅读器打开并打印，打印好后再回答",
                    );
                    let open = ui.button("打开打印文件所在文件夹");
                    // Nothing printed yet: the keyboard starts where the file is found.
                    crate::ui::steady_modal::focus_on_open(ui, modal_id, &open);
                    if open.clicked()
                        && let Err(message) = crate::ui::open_path::open_in_system(folder)
                    {
                        *failed = Some(message);
                    }
                }
                ui.weak("打印机卡纸或打错时选“以后再说”，重新打印后在责任书列表中勾选并标记已打印");
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    let mark = ui.button(format!("标记已打印（{count}）"));
                    // The viewer opened the file: the keyboard starts on the answer asked for.
                    if self.folder_to_open.is_none() {
                        crate::ui::steady_modal::focus_on_open(ui, modal_id, &mark);
                    }
                    if mark.clicked() {
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
        let today = chrono::NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let question = PrintedQuestion::new(vec![3], name.to_owned(), 2, (2025, today)).unwrap();
        assert!(question.body().starts_with(
            "打印文件“2025年度责任书-打印-20250301-093000.pdf”共 2 份责任书，其中 1 份的状态还是“已定稿”。"
        ));
        assert!(
            question
                .body()
                .contains("（打印日期记为今天，2025年3月1日）")
        );
        assert_eq!(question.past_year_note(), None);
        let question = PrintedQuestion::new(vec![3, 4], name.to_owned(), 2, (2025, today)).unwrap();
        assert!(
            question
                .body()
                .contains("共 2 份责任书，状态都还是“已定稿”。")
        );
        assert!(PrintedQuestion::new(Vec::new(), name.to_owned(), 2, (2025, today)).is_none());
    }

    #[test]
    fn a_past_year_s_papers_are_said_to_take_their_own_date_if_printed_before() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
        let question = PrintedQuestion::new(vec![3], "打印.pdf".to_owned(), 1, (2025, today));
        let note = question.unwrap().past_year_note().unwrap();
        assert!(
            note.starts_with("这是已经过去的 2025 年度的责任书"),
            "{note}"
        );
    }
}
