//! 标记已签订 for one agreement: the signing date, who signed for each side and how many signed
//! copies came back, checked before the command is sent; and 修改签订信息, the same form
//! prefilled with what was recorded, which also asks why (the audit log keeps the reason).

use chrono::NaiveDate;

use crate::model::Agreement;
use crate::model::agreement::{offered_signing_date, signing_date_problem, signing_date_warning};
use crate::model::dates::show_date;
use crate::store::Signing;

use super::Command;

/// The form's fields as typed.
#[derive(Debug, Clone)]
pub struct SigningForm {
    date: String,
    party_a: String,
    party_b: String,
    returned: String,
    copies: i64,
    /// The reason, when the form corrects recorded signing information.
    reason: Option<String>,
    error: Option<String>,
    /// True until the form is drawn once: it is then brought into sight, its buttons
    /// included (opened at the foot of a long detail, it may lie below the panel's edge).
    is_new: bool,
    /// True once something was typed in it: Esc then asks before it goes.
    is_touched: bool,
    /// The question Esc asks when something was typed.
    discard: crate::ui::discard_question::DiscardQuestion,
    /// The most room the note under the buttons took: a note that goes (a date corrected)
    /// leaves its height, so that a detail scrolled to its foot does not move the fields
    /// under the pointer.
    note_room: crate::ui::kept_room::KeptRoom<()>,
}

/// What the form asks for after a frame.
pub enum SigningOutcome {
    /// Still open.
    Open,
    /// Closed without saving.
    Cancelled,
    /// Saved: the command goes to the app.
    Submitted(Box<Command>),
}

/// A typed signing date (one without its year, "3月20日", in the agreements' `year`), or how to
/// write one, with an example in that year, or today when that year's would be after it (a
/// later date is refused).
pub(super) fn parse_signing_date(text: &str, year: i32) -> Result<NaiveDate, String> {
    crate::model::dates::parse_date_in(text, year).ok_or_else(|| {
        crate::model::dates::date_refusal_in("签订日期", text, year, || {
            let today = chrono::Local::now().date_naive();
            let example = NaiveDate::from_ymd_opt(year, 3, 12)
                .filter(|date| *date <= today)
                .unwrap_or(today);
            format!(
                "签订日期应写成 {} 或 {}",
                show_date(example),
                example.format("%Y-%m-%d")
            )
        })
    })
}

impl SigningForm {
    /// A form prefilled with today (when it can be the signing date), the year's signatory,
    /// the unit's principal and all copies.
    #[must_use]
    pub fn new(party_a: &str, party_b: &str, agreement: &Agreement) -> Self {
        let today = chrono::Local::now().date_naive();
        Self {
            date: offered_signing_date([agreement], today)
                .map(show_date)
                .unwrap_or_default(),
            party_a: party_a.to_owned(),
            party_b: party_b.to_owned(),
            returned: agreement.draft.copies.to_string(),
            copies: agreement.draft.copies,
            reason: None,
            error: None,
            is_new: true,
            is_touched: false,
            discard: crate::ui::discard_question::DiscardQuestion::default(),
            note_room: None,
        }
    }

    /// A form correcting the signing information recorded for `agreement`, prefilled with it.
    #[must_use]
    pub fn correcting(agreement: &Agreement) -> Self {
        Self {
            date: agreement.signed_on.map(show_date).unwrap_or_default(),
            party_a: agreement.party_a_signatory.clone(),
            party_b: agreement.party_b_signatory.clone(),
            returned: agreement.copies_returned.to_string(),
            copies: agreement.draft.copies,
            reason: Some(String::new()),
            error: None,
            is_new: true,
            is_touched: false,
            discard: crate::ui::discard_question::DiscardQuestion::default(),
            note_room: None,
        }
    }

    fn check(&self, agreement: &Agreement) -> Result<Signing, String> {
        // Every problem at once, in the order of the fields: one save says them all.
        let mut problems = Vec::new();
        let today = chrono::Local::now().date_naive();
        let signed_on = match parse_signing_date(&self.date, agreement.draft.year) {
            Ok(date) => {
                problems.extend(signing_date_problem(agreement, date, today));
                Some(date)
            }
            Err(problem) => {
                problems.push(problem);
                None
            }
        };
        problems.extend(crate::model::agreement::signatory_problem(
            &self.party_a,
            &self.party_b,
        ));
        let returned = match self.returned.trim().parse::<i64>() {
            Ok(returned) if (0..=self.copies).contains(&returned) => Some(returned),
            Ok(_) => {
                problems.push(format!("签回份数应在 0 至 {} 之间", self.copies));
                None
            }
            Err(_) => {
                problems.push("签回份数应为整数".to_owned());
                None
            }
        };
        let (Some(signed_on), Some(returned), true) = (signed_on, returned, problems.is_empty())
        else {
            return Err(problems.join("；"));
        };
        let signing = Signing {
            signed_on,
            party_a_signatory: self.party_a.trim().to_owned(),
            party_b_signatory: self.party_b.trim().to_owned(),
            copies_returned: returned,
        };
        if self.reason.is_some() {
            let unchanged = agreement.signed_on == Some(signing.signed_on)
                && agreement.party_a_signatory == signing.party_a_signatory
                && agreement.party_b_signatory == signing.party_b_signatory
                && agreement.copies_returned == signing.copies_returned;
            if unchanged {
                return Err("签订信息没有变化，无需修改".to_owned());
            }
        }
        Ok(signing)
    }

    /// The command the form sends for `agreement` when its fields are right.
    fn command(&self, agreement: &Agreement) -> Result<Command, String> {
        let signing = self.check(agreement)?;
        let id = agreement.id;
        Ok(match &self.reason {
            None => Command::SignOne { id, signing },
            Some(reason) => match crate::model::reason::given(reason) {
                None => return Err("请写明修改的理由（写入操作记录）".to_owned()),
                Some(reason) => Command::CorrectSigning {
                    id,
                    signing,
                    reason: reason.to_owned(),
                },
            },
        })
    }

    /// Draws the form for `agreement`.
    pub fn show(&mut self, ui: &mut egui::Ui, agreement: &Agreement) -> SigningOutcome {
        let mut outcome = SigningOutcome::Open;
        let is_correction = self.reason.is_some();
        ui.strong(if is_correction {
            "修改签订信息"
        } else {
            "标记已签订"
        });
        let mut edited = false;
        // Esc in a field closes the form, as its 取消 (放弃修改) does.
        let mut escaped = false;
        // Enter in a one-line field saves, as 保存 does (the README's "回车即保存").
        let mut entered: Option<egui::Response> = None;
        let mut reason_field = None;
        egui::Grid::new("signing_form")
            .num_columns(2)
            .show(ui, |ui| {
                // The date's example says it is one (a late entry finds the field empty).
                let date_hint = format!("如 {}-03-12", agreement.draft.year);
                for (caption, value, hint) in [
                    ("签订日期", &mut self.date, date_hint.as_str()),
                    ("甲方签字人", &mut self.party_a, ""),
                    ("乙方签字人", &mut self.party_b, ""),
                    ("签回份数", &mut self.returned, ""),
                ] {
                    let label = ui.label(caption);
                    let typed = ui
                        .add(
                            egui::TextEdit::singleline(value)
                                .hint_text(hint)
                                .desired_width(160.0),
                        )
                        .labelled_by(label.id);
                    // Typing starts in the date, as in the bulk dialog.
                    if caption == "签订日期" {
                        crate::ui::steady_modal::focus_on_open(
                            ui,
                            egui::Id::unique(("signing_form", agreement.id)),
                            &typed,
                        );
                    }
                    edited |= typed.changed();
                    escaped |= escaped_from(ui, &typed);
                    if crate::ui::enter_key::pressed_in(ui, &typed) {
                        entered = Some(typed);
                    }
                    ui.end_row();
                }
                if let Some(reason) = &mut self.reason {
                    let label = ui.label("修改理由");
                    let typed = ui
                        .add(
                            egui::TextEdit::multiline(reason)
                                .desired_rows(2)
                                .desired_width(240.0)
                                .hint_text("写入操作记录，连同修改前后的内容"),
                        )
                        .labelled_by(label.id);
                    // A reason typed answers "请写明修改的理由" as the other fields answer theirs.
                    edited |= typed.changed();
                    reason_field = Some(typed.id);
                    escaped |= escaped_from(ui, &typed);
                    ui.end_row();
                }
            });
        // A message about what was typed goes once it is changed; its line stays, empty, so
        // that nothing under the pointer moves.
        if edited && self.error.is_some() {
            self.error = Some(String::new());
        }
        self.is_touched |= edited;
        let (save, cancel) = if is_correction {
            ("保存修改", "放弃修改")
        } else {
            ("保存签订信息", "取消")
        };
        let mut is_refused_now = false;
        let buttons = ui.horizontal(|ui| {
            if ui.button(save).clicked() || entered.is_some() {
                match self.command(agreement) {
                    Ok(command) => outcome = SigningOutcome::Submitted(Box::new(command)),
                    Err(message) => {
                        is_refused_now = true;
                        // The keyboard stays in the field, to correct what was refused; a reason
                        // missing takes it to the reason.
                        let to_reason = reason_field.filter(|_| message.contains("理由"));
                        if let Some(reason) = to_reason {
                            ui.memory_mut(|m| m.request_focus(reason));
                        } else if let Some(field) = &entered {
                            field.request_focus();
                        }
                        self.error = Some(message);
                    }
                }
            }
            // Esc or 取消 with something typed asks first, as the unit form does (a reason
            // written at length is not thrown away by a stray key or click).
            let closes =
                (ui.button(cancel).clicked() || escaped) && self.discard.ask_if(self.is_touched);
            if closes {
                outcome = SigningOutcome::Cancelled;
            }
        });
        if std::mem::take(&mut self.is_new) {
            buttons.response.scroll_to_me(Some(egui::Align::BOTTOM));
        }
        // Under the buttons, so that a message never moves them.
        let note_top = ui.cursor().min.y;
        if let Some(error) = self.error.as_ref().filter(|error| !error.is_empty()) {
            let said = ui.colored_label(ui.visuals().error_fg_color, error);
            // At the foot of a long detail it may lie below the panel's edge: brought in.
            if is_refused_now {
                said.scroll_to_me(None);
            }
        } else if let Ok(signed_on) = parse_signing_date(&self.date, agreement.draft.year)
            && let Some(warning) = signing_date_warning(agreement, signed_on)
        {
            // A date before the text was frozen or printed here is said before it is saved.
            ui.colored_label(ui.visuals().warn_fg_color, warning);
        } else if self.error.is_some() {
            ui.label(" ");
        }
        crate::ui::kept_room::keep(ui, &mut self.note_room, note_top, ());
        if self.discard.show(ui.ctx()) == crate::ui::discard_question::DiscardAnswer::Discard {
            outcome = SigningOutcome::Cancelled;
        }
        outcome
    }
}

/// True when Esc took the keyboard out of `field` this frame (with no dialog over the form).
fn escaped_from(ui: &egui::Ui, field: &egui::Response) -> bool {
    crate::ui::enter_key::escaped_from(ui, field)
        && ui.ctx().memory(egui::Memory::top_modal_layer).is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_example_of_a_signing_date_is_in_the_agreement_s_year() {
        assert_eq!(
            parse_signing_date("3月20日", 2031),
            Ok(NaiveDate::from_ymd_opt(2031, 3, 20).unwrap())
        );
        assert_eq!(
            parse_signing_date("3月", 2025),
            Err("签订日期应写成 2025年3月12日 或 2025-03-12".to_owned())
        );
        // A year's example after today would be refused in turn: today is the example then.
        let today = chrono::Local::now().date_naive();
        assert_eq!(
            parse_signing_date("3月", 2031),
            Err(format!(
                "签订日期应写成 {} 或 {}",
                show_date(today),
                today.format("%Y-%m-%d")
            ))
        );
        assert_eq!(
            parse_signing_date("2031年3月5日", 2031),
            Ok(NaiveDate::from_ymd_opt(2031, 3, 5).unwrap())
        );
        // Typed with the input method in full-width mode.
        assert_eq!(
            parse_signing_date("２０２５年１２月７日", 2025),
            Ok(NaiveDate::from_ymd_opt(2025, 12, 7).unwrap())
        );
        // A day not on the calendar, typed without its year: said so, in that year.
        assert_eq!(
            parse_signing_date("2月30日", 2031),
            Err("签订日期有误：2031年2月没有30日".to_owned())
        );
    }
}
