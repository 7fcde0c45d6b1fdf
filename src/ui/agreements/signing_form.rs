//! 标记已签订 for one agreement: the signing date, who signed for each side and how many signed
//! copies came back, checked before the command is sent.

use crate::model::Agreement;
use crate::model::agreement::signing_date_problem;
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
    error: Option<String>,
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

impl SigningForm {
    /// A form prefilled with today, the year's signatory, the unit's principal and all copies.
    #[must_use]
    pub fn new(party_a: &str, party_b: &str, copies: i64) -> Self {
        Self {
            date: crate::model::dates::show_date(chrono::Local::now().date_naive()),
            party_a: party_a.to_owned(),
            party_b: party_b.to_owned(),
            returned: copies.to_string(),
            copies,
            error: None,
        }
    }

    fn check(&self, agreement: &Agreement) -> Result<Signing, String> {
        let signed_on = crate::model::dates::parse_date(&self.date)
            .ok_or_else(|| "签订日期应写成 2025年3月12日 或 2025-03-12".to_owned())?;
        let today = chrono::Local::now().date_naive();
        if let Some(problem) = signing_date_problem(agreement, signed_on, today) {
            return Err(problem);
        }
        if self.party_a.trim().is_empty() || self.party_b.trim().is_empty() {
            return Err("请填写双方签字人".to_owned());
        }
        let returned: i64 = self
            .returned
            .trim()
            .parse()
            .map_err(|_| "签回份数应为整数".to_owned())?;
        if !(0..=self.copies).contains(&returned) {
            return Err(format!("签回份数应在 0 至 {} 之间", self.copies));
        }
        Ok(Signing {
            signed_on,
            party_a_signatory: self.party_a.trim().to_owned(),
            party_b_signatory: self.party_b.trim().to_owned(),
            copies_returned: returned,
        })
    }

    /// Draws the form for `agreement`.
    pub fn show(&mut self, ui: &mut egui::Ui, agreement: &Agreement) -> SigningOutcome {
        let mut outcome = SigningOutcome::Open;
        ui.strong("标记已签订");
        egui::Grid::new("signing_form")
            .num_columns(2)
            .show(ui, |ui| {
                for (caption, value) in [
                    ("签订日期", &mut self.date),
                    ("甲方签字人", &mut self.party_a),
                    ("乙方签字人", &mut self.party_b),
                    ("签回份数", &mut self.returned),
                ] {
                    let label = ui.label(caption);
                    ui.add(egui::TextEdit::singleline(value).desired_width(160.0))
                        .labelled_by(label.id);
                    ui.end_row();
                }
            });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        ui.horizontal(|ui| {
            if ui.button("保存签订信息").clicked() {
                match self.check(agreement) {
                    Ok(signing) => {
                        outcome = SigningOutcome::Submitted(Box::new(Command::SignOne {
                            id: agreement.id,
                            signing,
                        }));
                    }
                    Err(message) => self.error = Some(message),
                }
            }
            if ui.button("取消签订").clicked() {
                outcome = SigningOutcome::Cancelled;
            }
        });
        outcome
    }
}
