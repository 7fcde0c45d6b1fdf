//! 清空数据，从空白开始 (设置 → 备份与恢复): for an office that tried the demo data first, or
//! wants to begin again. The dialog asks the 甲方 and the year, as the welcome dialog's blank
//! start does, says that everything now in the database goes (backed up first, so that it can
//! be restored), and asks once. Data that did not begin as the demo is an office's own
//! records: then 清空 must be typed before 确认清空 goes.

use super::command::Command;

/// What the clerk did in the dialog this frame.
pub enum StartOverAnswer {
    /// Nothing yet.
    Waiting,
    /// 取消 or Esc: the dialog closes.
    Cancelled,
    /// 确认清空 with a 甲方 and a year that are sound.
    Confirmed(Box<Command>),
}

/// The open dialog, with what was typed.
#[derive(Debug, Default)]
pub struct StartOverDialog {
    party_a_name: String,
    year_text: String,
    error: Option<String>,
    /// True when the data is the office's own (not the demo): the word must be typed.
    is_own_data: bool,
    /// What was typed to confirm.
    typed_word: String,
}

/// The word typed to clear an office's own data.
const CONFIRM_WORD: &str = "清空";

impl StartOverDialog {
    /// The dialog with the year offered (the one the welcome dialog would offer);
    /// `is_own_data` when the data did not begin as the demo.
    #[must_use]
    pub fn new(year: i32, is_own_data: bool) -> Self {
        Self {
            year_text: year.to_string(),
            is_own_data,
            ..Self::default()
        }
    }

    /// Draws the dialog; `contents` says what the database holds now.
    pub fn show(&mut self, ctx: &egui::Context, contents: &str) -> StartOverAnswer {
        let mut answer = StartOverAnswer::Waiting;
        // Enter in a field confirms, as 确认清空 does.
        let mut entered = false;
        let modal = super::steady_modal::top_anchored(ctx, egui::Id::unique("start_over")).show(
            ctx,
            |ui| {
                ui.set_width(480.0);
                ui.heading("清空数据，从空白开始？");
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!("数据库中现有的全部数据都将被清空：{contents:#}"),
                );
                ui.label(
                    "清空前，程序先把现有数据备份到 backups 文件夹（原因为“清空数据前”），需要时可在本页恢复回来",
                );
                if self.is_own_data {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        "这些不是示例数据，而是本单位录入的记录（责任书、签订、评分等）",
                    );
                    ui.horizontal(|ui| {
                        let label = ui.label(format!("确认清空，请输入“{CONFIRM_WORD}”"));
                        ui.add(
                            egui::TextEdit::singleline(&mut self.typed_word).desired_width(80.0),
                        )
                        .labelled_by(label.id);
                    });
                }
                ui.add_space(6.0);
                let typed = super::blank_start_fields::show(
                    ui,
                    "start_over_grid",
                    &mut self.party_a_name,
                    &mut self.year_text,
                    None,
                );
                // A message about what was typed goes once it is edited.
                if typed.party_a_edited || typed.year_edited {
                    self.error = None;
                }
                entered = typed.entered;
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let is_word_typed =
                        !self.is_own_data || self.typed_word.trim() == CONFIRM_WORD;
                    let confirm = ui
                        .add_enabled(is_word_typed, egui::Button::new("确认清空"))
                        .on_disabled_hover_text(format!("请先输入“{CONFIRM_WORD}”"));
                    if (confirm.clicked() || entered && is_word_typed)
                        && let Some(command) = self.submit()
                    {
                        answer = StartOverAnswer::Confirmed(Box::new(command));
                    }
                    let cancel = ui.button("取消");
                    // The keyboard starts on 取消, as before other steps that wipe data.
                    super::steady_modal::focus_on_open(
                        ui,
                        egui::Id::unique("start_over"),
                        &cancel,
                    );
                    if cancel.clicked() {
                        answer = StartOverAnswer::Cancelled;
                    }
                });
                // Under the buttons, so that they keep their place as a message comes and
                // goes (a second click would otherwise miss 确认清空).
                if let Some(error) = &self.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                }
            },
        );
        if matches!(answer, StartOverAnswer::Waiting) && modal.should_close() {
            answer = StartOverAnswer::Cancelled;
        }
        answer
    }

    fn submit(&mut self) -> Option<Command> {
        let party_a_name = self.party_a_name.trim().to_owned();
        let today = chrono::Local::now().date_naive();
        let year = crate::model::year::parse_first_year(&self.year_text, today);
        match (party_a_name.is_empty(), year) {
            (true, _) => self.error = Some("请填写甲方名称".to_owned()),
            (false, Err(why)) => self.error = Some(why),
            (false, Ok(year)) => return Some(Command::StartOver { party_a_name, year }),
        }
        None
    }
}
