//! The welcome dialog on a database's first start, asking the clerk's name for the audit log
//! (the login name offered): demo data (the default), a blank register (for this year, or from
//! October on for the next), or a backup restored (a new computer, or data to be found again;
//! also the way back after a restore of an empty backup brought this dialog up).

use chrono::Datelike as _;

use super::command::Command;
use crate::store::FoundBeforeStart;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Choice {
    Demo,
    Blank,
    Restore,
}

/// Said beside 考核年度: why the year offered may be the next one.
const YEAR_HINT: &str = "要签订责任书的年度；10月起默认为下一年度";

/// The 考核年度 offered on `today`: the year itself until September; from October on the
/// next one, whose agreements offices prepare in the last quarter.
#[must_use]
pub(super) fn proposed_year(today: chrono::NaiveDate) -> i32 {
    if today.month() >= 10 {
        today.year() + 1
    } else {
        today.year()
    }
}

/// The dialog's fields.
#[derive(Debug, Clone)]
pub struct Welcome {
    choice: Choice,
    party_a_name: String,
    year_text: String,
    /// The clerk's name for the audit log, offered as the login name.
    operator: String,
    /// The login name offered, said to be one while it stands (easy to take for a name).
    offered: String,
    /// What was at the file's place before the window made it, when worth saying.
    found: Option<FoundBeforeStart>,
    /// True when `found` was noted by an earlier start (the window opened again before the
    /// clerk started), not at this one.
    is_found_earlier: bool,
    /// The database file, said under the heading.
    path: String,
    error: Option<String>,
    /// The field the error is about, when it is about one.
    error_field: Option<Field>,
    /// True when the name was refused: its field takes the keyboard back (Enter let go of
    /// it), so that what is typed next goes into it.
    focus_operator: bool,
}

/// The dialog's fields, for clearing an error when its field is edited.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    PartyA,
    Year,
    Operator,
}

impl Default for Welcome {
    fn default() -> Self {
        Self {
            choice: Choice::Demo,
            party_a_name: String::new(),
            year_text: proposed_year(chrono::Local::now().date_naive()).to_string(),
            operator: String::new(),
            offered: String::new(),
            found: None,
            is_found_earlier: false,
            path: String::new(),
            error: None,
            error_field: None,
            focus_operator: false,
        }
    }
}

impl Welcome {
    /// The dialog on the database at `path`, with `operator` (the name the store uses now: the
    /// login) offered.
    #[must_use]
    pub fn for_operator(operator: &str, path: String) -> Self {
        Self {
            operator: operator.to_owned(),
            offered: operator.to_owned(),
            path,
            ..Self::default()
        }
    }

    /// Says what was at the file's place before it was made: a file found empty (perhaps data
    /// lost), none where a path was named (perhaps mistyped), or none beside its backups (the
    /// clerk chose to start anew rather than restore). Restoring is offered first for the
    /// two that may mean data lost.
    pub fn warn_of(&mut self, found: FoundBeforeStart, is_now: bool) {
        self.found = Some(found);
        self.is_found_earlier = !is_now;
        if found != FoundBeforeStart::NoFile {
            self.choice = Choice::Restore;
        }
    }

    /// Draws the dialog; returns the command when the clerk starts.
    pub fn show(&mut self, ctx: &egui::Context) -> Option<Command> {
        let mut command = None;
        // Enter in a field starts as 开始使用 does.
        let mut entered = false;
        super::steady_modal::top_anchored(ctx, egui::Id::unique("welcome")).show(ctx, |ui| {
            ui.set_width(480.0);
            ui.heading("欢迎使用目标责任书管理");
            ui.add_space(6.0);
            if self.found == Some(FoundBeforeStart::EmptyFile) {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "注意：这个数据库文件原来是空的（0 字节）。如果它以前存有数据，说明内容已经丢失：请先从备份恢复（例如 U 盘或其他电脑上的备份），不要在这里重新开始",
                );
                ui.add_space(4.0);
            }
            // Said plainly, not as a warning: starting a new file on purpose is the usual case;
            // the path mistyped is the one to catch.
            if self.found == Some(FoundBeforeStart::LostFile) {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "注意：这里原来的数据库文件不见了（被移走、改名或删除），已在原处新建了空的数据库。它以前的备份仍在 backups 文件夹中，没有删除：要找回原来的数据，请选“从备份恢复”",
                );
                ui.add_space(4.0);
            }
            if self.found == Some(FoundBeforeStart::NoFile) {
                // Opened again before starting: the file is the one made then, not new now.
                let made = if self.is_found_earlier {
                    "这个数据库文件是此前一次启动时在这里新建的（当时该位置没有文件），还没有开始使用。"
                } else {
                    "指定的数据库文件原来不存在，已在该位置新建。"
                };
                ui.label(format!(
                    "{made}如果本想打开已有的数据库，可能是路径写错，或网络盘、U 盘没有连上：请关闭程序，检查路径后再打开（新建的这个文件可以删除）"
                ));
                ui.add_space(4.0);
            }
            ui.label("这是一个新的数据库。请选择如何开始：");
            if !self.path.is_empty() {
                ui.weak(format!("数据库文件：{}", self.path));
            }
            ui.add_space(6.0);
            let chosen_before = self.choice;
            ui.radio_value(
                &mut self.choice,
                Choice::Demo,
                "载入示例数据（虚构的示例市，适合先试用）",
            );
            ui.radio_value(&mut self.choice, Choice::Blank, "从空白开始（正式使用）");
            ui.radio_value(
                &mut self.choice,
                Choice::Restore,
                "从备份恢复（换了电脑，或要找回以前的数据）",
            );
            // A message about the fields of another choice goes with it.
            if self.choice != chosen_before
                && matches!(self.error_field, Some(Field::PartyA | Field::Year))
            {
                self.error = None;
                self.error_field = None;
            }
            if self.choice == Choice::Restore {
                ui.weak("转到“设置 → 备份与恢复”：可选自动备份，或“从其他备份文件恢复…”");
            }
            if self.choice == Choice::Demo {
                ui.weak("试用后要正式使用时，可在“设置 → 备份与恢复”中清空数据，从空白开始");
            }
            if self.choice == Choice::Blank {
                ui.add_space(6.0);
                let typed = super::blank_start_fields::show(
                    ui,
                    "welcome_grid",
                    &mut self.party_a_name,
                    &mut self.year_text,
                    Some(YEAR_HINT),
                );
                entered |= typed.entered;
                // A message about the old text goes once the clerk types; 开始使用 checks
                // again.
                if (typed.party_a_edited && self.error_field == Some(Field::PartyA))
                    || (typed.year_edited && self.error_field == Some(Field::Year))
                {
                    self.error = None;
                    self.error_field = None;
                }
            }
            if self.choice != Choice::Restore {
                ui.add_space(6.0);
                ui.horizontal(|ui| {
                    let label = ui.label("您的姓名");
                    let operator = ui
                        .add(
                            egui::TextEdit::singleline(&mut self.operator)
                                .hint_text("写入操作记录，以后可在“设置”中修改")
                                .desired_width(300.0),
                        )
                        .labelled_by(label.id);
                    if std::mem::take(&mut self.focus_operator) {
                        operator.request_focus();
                    }
                    entered |= super::enter_key::pressed_in(ui, &operator);
                    // Its room kept once the name is changed: the dialog keeps its size, and
                    // 开始使用 stays under the pointer.
                    if !self.offered.is_empty() {
                        let is_offered = self.operator.trim() == self.offered;
                        ui.add_visible(
                            is_offered,
                            egui::Label::new(
                                egui::RichText::new("（本机登录名，请改为您的姓名）").weak(),
                            ),
                        );
                    }
                    let edited = operator.changed();
                    if edited && self.error_field == Some(Field::Operator) {
                        self.error = None;
                        self.error_field = None;
                    }
                });
            }
            ui.add_space(8.0);
            let start = if self.choice == Choice::Restore {
                "去恢复备份"
            } else {
                "开始使用"
            };
            let button = ui.button(start);
            // The keyboard starts on it: Enter starts with the choice made (示例数据 at first);
            // Shift+Tab goes back to the name and the choices.
            super::steady_modal::focus_on_open(ui, egui::Id::unique("welcome"), &button);
            if button.clicked() || entered {
                command = self.submit();
            }
            // Under the button, which keeps its place as a message comes and goes.
            if let Some(error) = &self.error {
                ui.colored_label(ui.visuals().error_fg_color, error);
            }
        });
        command
    }

    fn submit(&mut self) -> Option<Command> {
        if self.choice == Choice::Restore {
            return Some(Command::ShowBackups);
        }
        let operator = self.operator.trim().to_owned();
        let is_operator_named = !operator.is_empty() && operator.chars().count() <= 30;
        let operator_refusal = || {
            (
                Field::Operator,
                "请填写您的姓名（1 至 30 个字），它写入操作记录".to_owned(),
            )
        };
        // Said in the order the fields stand: 甲方 and 年度 above the name.
        let (field, message) = if self.choice == Choice::Demo {
            if is_operator_named {
                return Some(Command::LoadDemo { operator });
            }
            operator_refusal()
        } else {
            let party_a_name = self.party_a_name.trim().to_owned();
            let today = chrono::Local::now().date_naive();
            let year = crate::model::year::parse_first_year(&self.year_text, today);
            match (party_a_name.is_empty(), year) {
                (true, _) => (Field::PartyA, "请填写甲方名称".to_owned()),
                (false, Err(why)) => (Field::Year, why),
                (false, Ok(_)) if !is_operator_named => operator_refusal(),
                (false, Ok(year)) => {
                    return Some(Command::StartBlank {
                        party_a_name,
                        year,
                        operator,
                    });
                }
            }
        };
        self.focus_operator = field == Field::Operator;
        self.error = Some(message);
        self.error_field = Some(field);
        None
    }

    /// Shows an error from applying the command.
    pub fn set_error(&mut self, message: String) {
        self.error = Some(message);
        self.error_field = None;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_next_year_is_offered_from_october_on() {
        let day = |month, day| chrono::NaiveDate::from_ymd_opt(2025, month, day).unwrap();
        assert_eq!(proposed_year(day(1, 1)), 2025);
        assert_eq!(proposed_year(day(9, 30)), 2025);
        assert_eq!(proposed_year(day(10, 1)), 2026);
        assert_eq!(proposed_year(day(12, 31)), 2026);
    }
}
