//! The one question before a year's results are published (设置 → 年度设置 → 已通报): the
//! lock, and what publishing now fixes for good, each said before it is.

use super::super::command::Command;
use super::YearSettingsView;

/// What the question before publishing names besides the lock.
#[derive(Debug, Clone)]
pub struct PublishFacts {
    /// Agreements of the year not yet signed.
    pub unsigned: usize,
    /// Of those, the ones still drafts (never finalised).
    pub drafts: usize,
    /// What is said of agreements signed but not archived, if any (see
    /// [`crate::model::agreement::unarchived_note`]).
    pub unarchived: Option<String>,
    /// True when the notice wording has a 发文字号.
    pub has_document_number: bool,
    /// The points the year's indicator sets add up to, each total once (the full score is
    /// said to differ from them as it is typed).
    pub indicator_totals: Vec<crate::model::Points>,
    /// True when one of the year's indicator sets is marked final: the full score is fixed.
    pub has_final_set: bool,
    /// When a published year's results were published and its notice dated, in words.
    pub publication: Option<String>,
    /// The units whose agreements are left out of the year's assessment (archived before they
    /// signed): publishing leaves them out for good.
    pub left_out: Vec<String>,
    /// What the notice wording says wrongly of this year's results, which publishing locks in
    /// (see [`crate::workflow::notice::wording_note_before_publishing`]).
    pub wording_note: Option<String>,
    /// Scores, bonuses, deductions and vetoes entered in the year, and agreements signed: with
    /// none signed, a year moved back before 考核 takes no more scores (said before the save).
    pub entered: usize,
    /// Agreements of the year signed (their 甲方 signatory recorded).
    pub signed: usize,
    /// Agreements of the year whose text is frozen (定稿 or later): their 甲方 and signatory
    /// are those of the settings then.
    pub issued: usize,
    /// Why the year's results cannot be published now (its notice could not be made, or the
    /// year has not begun): 已通报 is greyed in the phase list, saying so.
    pub publish_refusal: Option<String>,
    /// What is said when the year is published again with other grade bands or another full
    /// score than last time (see [`crate::workflow::notice::republish_note`]).
    pub republish_note: Option<String>,
}

impl YearSettingsView {
    /// Asks once before the results are published: the scores lock, agreements not yet signed
    /// (and those signed but not archived) are named, a notice without 发文字号 is said to
    /// print without its 版头, and a reward paragraph naming a grade no unit has is said. Esc
    /// or a click beside it answers 取消.
    pub fn confirm_publish(
        &mut self,
        ctx: &egui::Context,
        facts: PublishFacts,
        commands: &mut Vec<Command>,
    ) {
        let PublishFacts {
            unsigned,
            drafts,
            signed,
            unarchived,
            has_document_number,
            left_out,
            wording_note,
            republish_note,
            ..
        } = facts;
        let Some(edited) = &self.to_publish else {
            return;
        };
        let answer = crate::ui::confirm::ask_cancel_first(ctx, "confirm_publish", "发布", |ui| {
            ui.heading(format!("发布 {} 年度考核结果？", edited.year));
            ui.label("发布后本年度的评分锁定：此后每项修改都须写明理由，并记入操作记录；本年度的年度设置和通报措辞也随之锁定，撤回通报后才能修改");
            let note = crate::model::phase_notes::unsigned_before_publishing(
                edited.year,
                (unsigned, drafts),
                signed,
            );
            if let Some(note) = note {
                ui.colored_label(ui.visuals().warn_fg_color, note);
            }
            if let Some(note) = unarchived {
                ui.label(format!("{note}；发布后仍可归档"));
            }
            if !left_out.is_empty() {
                ui.label(format!(
                    "已归档、责任书未签订、不参加本年度考核的单位：{}；发布后本年度结果即按此确定，此后恢复这些单位也不再列入",
                    left_out.join("、")
                ));
            }
            if !has_document_number {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "通报措辞中没有填写发文字号：发布后措辞锁定，通报将不印红色版头和文号；如需文号，请先取消，到“通报与统计 → 通报措辞…”中填写后再发布",
                );
            }
            if let Some(note) = &wording_note {
                ui.colored_label(ui.visuals().warn_fg_color, note);
            }
            if let Some(note) = &republish_note {
                ui.colored_label(ui.visuals().warn_fg_color, note);
            }
        });
        match answer {
            Some(true) => {
                if let Some(edited) = self.to_publish.take() {
                    commands.push(Command::SaveYear {
                        year: Box::new(edited),
                        reason: None,
                        is_confirmed: true,
                    });
                }
            }
            Some(false) => {
                self.to_publish = None;
                self.is_publish_cancelled = true;
            }
            None => {}
        }
    }
}
