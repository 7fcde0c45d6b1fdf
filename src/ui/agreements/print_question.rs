//! The one question before printing ticked agreements when the print is not simply the
//! 已定稿 ones: those printed before come out as 补印 (each copy marked so) and ticked drafts
//! are left out. Said with their counts, before the file is made; 已定稿 alone prints at once.

use crate::model::{Agreement, AgreementStatus};

/// A print of ticked agreements waiting for the clerk's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PrintQuestion {
    /// The agreements to print (drafts left out).
    pub ids: Vec<i64>,
    /// Copies of each, or `None` for each agreement's own number.
    pub copies: Option<usize>,
    /// What the print does beyond printing 已定稿 agreements, in words.
    what: String,
    /// The paper copies the print makes in all.
    sheets: i64,
}

impl PrintQuestion {
    /// The question before printing the ticked `chosen` agreements in `copies`; `None` when
    /// there is nothing to ask (every one of them 已定稿).
    #[must_use]
    pub fn new(chosen: &[&Agreement], copies: Option<usize>) -> Option<Self> {
        let what = reprints_and_drafts(chosen)?;
        let printed: Vec<&&Agreement> = (chosen.iter())
            .filter(|a| a.status != AgreementStatus::Draft)
            .collect();
        let sheets = (printed.iter())
            // Clamped as the print file clamps them.
            .map(|a| {
                copies.map_or(a.draft.copies, |c| {
                    i64::try_from(c.clamp(1, crate::pdf::agreement::MAX_COPIES)).unwrap_or(i64::MAX)
                })
            })
            .sum();
        let ids = printed.iter().map(|a| a.id).collect();
        Some(Self {
            ids,
            copies,
            what,
            sheets,
        })
    }

    /// The question when the print is otherwise plain: `differing` of the agreements `ids`
    /// say another 一式 N 份 in their text than the `copies` 统一印 prints.
    #[must_use]
    pub fn for_differing(ids: Vec<i64>, copies: usize, differing: usize) -> Self {
        let each = i64::try_from(copies).unwrap_or(i64::MAX);
        let sheets = i64::try_from(ids.len()).map_or(i64::MAX, |n| n.saturating_mul(each));
        Self {
            ids,
            copies: Some(copies),
            what: differing_note(differing, copies),
            sheets,
        }
    }

    /// The question with what it says of `differing` agreements whose text says another
    /// number of copies than `copies`, when there are any.
    #[must_use]
    pub fn with_differing(mut self, copies: usize, differing: usize) -> Self {
        if differing > 0 {
            self.what = format!("{}；{}", self.what, differing_note(differing, copies));
        }
        self
    }

    /// Draws the question: `Some(true)` for 继续打印, `Some(false)` for 取消, `None` while it
    /// waits.
    pub fn show(&self, ctx: &egui::Context) -> Option<bool> {
        crate::ui::confirm::ask(ctx, "print_question", "继续打印", |ui| {
            ui.set_max_width(460.0);
            ui.heading(format!(
                "打印 {} 份责任书（共 {} 份纸质件）？",
                self.ids.len(),
                self.sheets
            ));
            ui.label(&self.what);
            ui.add_space(8.0);
        })
    }
}

/// What a print of `copies` each says of `differing` agreements whose text says another
/// 一式 N 份: their signed copies will not match their text.
fn differing_note(differing: usize, copies: usize) -> String {
    format!(
        "其中 {differing} 份正文写明的“一式几份”不是 {copies} 份：统一印 {copies} 份，签字本份数将与正文不符"
    )
}

/// "其中 N 份已签订或已归档，将作为补印（每份首页标“补印”）；M 份草稿不打印" for the
/// ticked `chosen`: the ones printed before, named by their statuses, and the drafts; `None`
/// when there are neither.
fn reprints_and_drafts(chosen: &[&Agreement]) -> Option<String> {
    let drafts = (chosen.iter())
        .filter(|a| a.status == AgreementStatus::Draft)
        .count();
    let reprints = (chosen.iter())
        .filter(|a| a.status > AgreementStatus::Final)
        .count();
    let statuses: Vec<&str> = [
        AgreementStatus::Printed,
        AgreementStatus::Signed,
        AgreementStatus::Archived,
    ]
    .into_iter()
    .filter(|status| chosen.iter().any(|a| a.status == *status))
    .map(AgreementStatus::label)
    .collect();
    let statuses = match statuses.split_last() {
        Some((last, [])) => (*last).to_owned(),
        Some((last, rest)) => format!("{}或{last}", rest.join("、")),
        None => String::new(),
    };
    let mut parts = Vec::new();
    if reprints > 0 {
        parts.push(format!(
            "{reprints} 份{statuses}，将作为补印（每份首页标“补印”）"
        ));
    }
    if drafts > 0 {
        parts.push(format!("{drafts} 份草稿不打印"));
    }
    (!parts.is_empty()).then(|| format!("其中 {}", parts.join("；")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn with_status(id: i64, status: AgreementStatus) -> Agreement {
        Agreement::example(id, 1, status)
    }

    fn question(statuses: &[AgreementStatus]) -> Option<PrintQuestion> {
        let agreements: Vec<Agreement> = (statuses.iter().zip(1..))
            .map(|(status, id)| with_status(id, *status))
            .collect();
        let chosen: Vec<&Agreement> = agreements.iter().collect();
        PrintQuestion::new(&chosen, None)
    }

    #[test]
    fn final_agreements_alone_are_printed_without_a_question() {
        assert_eq!(
            question(&[AgreementStatus::Final, AgreementStatus::Final]),
            None
        );
    }

    #[test]
    fn the_question_counts_reprints_by_status_and_drafts_left_out() {
        use AgreementStatus::{Archived, Draft, Final, Printed, Signed};
        let asked = question(&[Final, Signed, Archived, Draft, Draft]).unwrap();
        assert_eq!(asked.ids, [1, 2, 3]);
        assert_eq!(
            asked.what,
            "其中 2 份已签订或已归档，将作为补印（每份首页标“补印”）；2 份草稿不打印"
        );
        let asked = question(&[Printed, Signed, Archived]).unwrap();
        assert_eq!(
            asked.what,
            "其中 3 份已打印、已签订或已归档，将作为补印（每份首页标“补印”）"
        );
        assert_eq!(
            question(&[Final, Draft]).unwrap().what,
            "其中 1 份草稿不打印"
        );
    }
}
