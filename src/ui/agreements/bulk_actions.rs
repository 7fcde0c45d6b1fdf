//! The tracker's actions on many agreements: export and print of the listed or selected ones
//! (the print file holds each agreement in its own number of copies unless the clerk sets one
//! number for all), batch drafting, the selection, and 定稿 (its question in
//! `finalize_question`), 标记已打印 (with its day), 标记已签订 and 退回草稿 (with one reason) on it.
//! Printing ticked agreements asks once when some come out as 补印 or drafts are left out.
//! In a read-only window only the print file and the signed copies (which change nothing) and
//! the selection are offered; an export is recorded for 核验, so it waits for the window that holds the file.

use std::collections::BTreeSet;

use crate::model::agreement::offered_signing_date;
use crate::model::dates::show_date;
use crate::model::{Agreement, AgreementStatus};

use super::super::file_picker::{FilePicker, PickMode, PickOutcome};
use super::super::write_access::WriteAccess;
use super::draft_dialog::{DraftDialog, DraftProgress};
use super::print_question::PrintQuestion;

mod date_field;
mod finalize_question;
mod print_copies;
mod printed_dialog;
mod revert_dialog;
mod sign_dialog;
mod signed_export;
use super::{Command, Context};

/// Copies printed of each agreement when the clerk chooses one number for all and none of the
/// agreements to print says its own (else the number most of them say).
const FIXED_COPIES_START: usize = 2;

/// State of the actions above the tracker's table and of the dialogs they open.
pub struct BulkActions {
    /// The agreement whose clauses the detail holds edited and unsaved: not frozen from under
    /// them (see [`Self::hold_unsaved`]).
    unsaved: Option<i64>,
    draft_dialog: Option<DraftDialog>,
    sign_date: Option<String>,
    /// The agreements the open 标记已签订 dialog applies to.
    sign_ids: Vec<i64>,
    /// How many ticked agreements are not among them (not 已打印), said in the dialog.
    sign_left_out: usize,
    sign_error: Option<String>,
    /// The catch-up signing date whose note Enter has shown (Enter again takes it).
    sign_noted: Option<chrono::NaiveDate>,
    /// Who signs for 甲方 in the open 标记已签订 dialog: the year's signatory (filled in when
    /// it opens), unless changed.
    sign_party_a: Option<String>,
    /// The date the open 标记已签订 dialog offered: one typed over it is asked about before
    /// Esc throws it away.
    sign_offered: String,
    /// Asked before Esc throws away what was typed in the 标记已签订 dialog.
    sign_discard: crate::ui::discard_question::DiscardQuestion,
    printed_dialog: Option<printed_dialog::PrintedDialog>,
    export_picker: Option<(Vec<i64>, FilePicker)>,
    /// The archived agreements 导出签订件… was clicked for, while their folder is chosen.
    signed_picker: Option<(Vec<i64>, FilePicker)>,
    /// The drafts 定稿 was clicked for, while the question is asked.
    finalize_ids: Option<Vec<i64>>,
    /// How many of the agreements ticked with them are not drafts (left out, and said so).
    finalize_left_out: usize,
    /// How many drafts "只定稿可以定稿的" held back (they cannot be issued yet, and are named
    /// as such while the question for the others is asked).
    finalize_held_back: usize,
    /// What 定稿 would refuse for them, worked out once when the question opens.
    finalize_problems: Option<super::issue_check::IssueCheck>,
    /// The ticked agreements 退回草稿… was clicked for, while their reason is asked.
    revert_dialog: Option<revert_dialog::RevertDialog>,
    /// The print of ticked agreements 打印… was clicked for, while its question is asked.
    print_question: Option<PrintQuestion>,
    /// True when every agreement is printed in `fixed_copies` copies rather than its own
    /// number.
    is_fixed_copies: bool,
    /// The copies of each the last print file had when one number was printed for all: said
    /// beside 按各份数, to which the toolbar went back.
    last_fixed: Option<usize>,
    /// The number for all of the print file started from here, until it is made or
    /// cancelled: cancelled, that number is chosen again.
    printing_fixed: Option<usize>,
    fixed_copies: usize,
}

impl Default for BulkActions {
    fn default() -> Self {
        Self {
            unsaved: None,
            draft_dialog: None,
            sign_date: None,
            sign_ids: Vec::new(),
            sign_left_out: 0,
            sign_error: None,
            sign_noted: None,
            sign_party_a: None,
            sign_offered: String::new(),
            sign_discard: crate::ui::discard_question::DiscardQuestion::default(),
            printed_dialog: None,
            export_picker: None,
            signed_picker: None,
            finalize_ids: None,
            finalize_left_out: 0,
            finalize_held_back: 0,
            finalize_problems: None,
            revert_dialog: None,
            print_question: None,
            is_fixed_copies: false,
            last_fixed: None,
            printing_fixed: None,
            fixed_copies: FIXED_COPIES_START,
        }
    }
}

impl BulkActions {
    /// Draws the two rows of actions; `visible` indexes `agreements` in the listed order, and
    /// the actions apply to the selected rows that are listed, or to every listed row when
    /// nothing is selected. Selected rows that a filter or search hides stay selected (so a
    /// clerk can search for one unit after another and tick each) but are not acted on while
    /// hidden; the selection count says how many that is. In a `published` year nothing goes
    /// back to 草稿.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        (agreements, published): (&[Agreement], Option<i32>),
        visible: &[usize],
        selected: &mut BTreeSet<i64>,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        let listed = || visible.iter().filter_map(|&i| agreements.get(i));
        let chosen: Vec<&Agreement> = listed().filter(|a| selected.contains(&a.id)).collect();
        let hidden = selected.len().saturating_sub(chosen.len());
        let ids_in = |statuses: &[AgreementStatus]| -> Vec<i64> {
            chosen
                .iter()
                .filter(|a| statuses.contains(&a.status))
                .map(|a| a.id)
                .collect()
        };
        let targets: Vec<i64> = if selected.is_empty() {
            listed().map(|a| a.id).collect()
        } else {
            chosen.iter().map(|a| a.id).collect()
        };
        // Everything selected is hidden by the filter or search: the counts say 0, and why.
        let all_hidden = !selected.is_empty() && chosen.is_empty();
        let hidden_reason = "勾选的责任书都不在当前列表中：清空查找、把筛选改回“全部”即可看到它们；或点“清除勾选”，改为处理当前列出的";
        ui.horizontal_wrapped(|ui| {
            let scope = if selected.is_empty() {
                "当前列出的"
            } else {
                "勾选的"
            };
            let export = ui.add_enabled(
                !targets.is_empty() && access.can_write(),
                egui::Button::new(format!("导出 PDF…（{}）", targets.len())),
            );
            let export = access
                .explain_as(export, &super::export_refusal::export_needs_writing(access.why()))
                .on_hover_text(format!("导出{scope}责任书，每份一个文件"));
            // Read-only, the reason is the window's; else what keeps it disabled.
            let export = if access.can_write() {
                export.on_disabled_hover_text(if all_hidden {
                    hidden_reason
                } else {
                    "当前列表中没有责任书"
                })
            } else {
                export
            };
            if export.clicked() {
                self.export_picker = Some((
                    targets.clone(),
                    FilePicker::new(
                        &format!("选择导出到的文件夹：{scope}责任书 PDF（{} 份）", targets.len()),
                        PickMode::Folder,
                    ),
                ));
            }
            // Printing is for signing: drafts are left out (export gives a draft for review,
            // marked 草稿). Unselected, only what waits to be printed (已定稿) is printed; a
            // selection may reprint 已打印, 已签订 or 已归档 ones on purpose.
            let print_targets: Vec<&Agreement> = if selected.is_empty() {
                listed()
                    .filter(|a| a.status == AgreementStatus::Final)
                    .collect()
            } else {
                chosen
                    .iter()
                    .copied()
                    .filter(|a| a.status != AgreementStatus::Draft)
                    .collect()
            };
            // Said before the file is made: copies that will not match the text's 一式 N 份.
            let differing = (print_targets.iter())
                .filter(|a| crate::model::agreement::copies_differ(a, self.fixed_copies))
                .count();
            // 统一印 starts from the number most of them are in (一式三份 usually), not 2:
            // counted when it is chosen, not every frame. First prints count (reprints are
            // left out, as they are from `differing`); with none (a reprint of those ticked,
            // or only printed ones listed), the reprints, else the agreements listed.
            let copies_note = self.print_copies(ui, differing, || {
                use crate::workflow::drafting::usual_copies_of;
                let first_prints = (print_targets.iter().copied())
                    .filter(|a| a.status == AgreementStatus::Final);
                (usual_copies_of(first_prints))
                    .or_else(|| usual_copies_of(print_targets.iter().copied()))
                    .or_else(|| usual_copies_of(listed()))
            });
            let print_targets: Vec<i64> = print_targets.iter().map(|a| a.id).collect();
            let print_scope = if selected.is_empty() {
                "当前列出的待打印（已定稿）"
            } else {
                "勾选的（草稿除外）"
            };
            if ui
                .add_enabled(
                    !print_targets.is_empty(),
                    egui::Button::new(format!("打印…（{}）", print_targets.len())),
                )
                .on_hover_text(format!(
                    "把{print_scope}责任书合成一个打印文件，每份从奇数页开始，并用 PDF 阅读器打开"
                ))
                .on_disabled_hover_text(if all_hidden {
                    hidden_reason
                } else if selected.is_empty() {
                    "当前列出的责任书中没有待打印（已定稿）的；草稿须先定稿才能打印签字本（审阅草稿请用“导出 PDF…”），重印已打印或已签订的请先勾选"
                } else {
                    "勾选的都是草稿；草稿须先定稿才能打印签字本（审阅草稿请用“导出 PDF…”）"
                })
                .clicked()
            {
                let copies = self.is_fixed_copies.then_some(self.fixed_copies);
                // Ticked agreements printed before come out as 补印 and ticked drafts are left
                // out: asked once first. The listed 已定稿 ones print at once.
                let question = if selected.is_empty() {
                    None
                } else {
                    PrintQuestion::new(&chosen, copies)
                };
                // Copies that will not match the text (said beside 统一印 too): asked, not
                // only noted after the file is made.
                let question = match (question, copies) {
                    (Some(question), Some(copies)) => {
                        Some(question.with_differing(copies, differing))
                    }
                    (None, Some(copies)) if differing > 0 => Some(
                        PrintQuestion::for_differing(print_targets.clone(), copies, differing),
                    ),
                    (question, _) => question,
                };
                match question {
                    Some(question) => self.print_question = Some(question),
                    None => self.print(print_targets, copies, commands),
                }
            }
            // The archived among the targets, read from the rows at hand (not looked up by id
            // among thousands every frame).
            let is_archived = |a: &&Agreement| a.status == AgreementStatus::Archived;
            let archived: Vec<i64> = if selected.is_empty() {
                listed().filter(is_archived).map(|a| a.id).collect()
            } else {
                chosen.iter().copied().filter(is_archived).map(|a| a.id).collect()
            };
            self.signed_export_button(ui, archived, scope, all_hidden.then_some(hidden_reason));
            // After the buttons, so that they keep their places as it comes and goes.
            if let Some(note) = copies_note {
                note.show(ui);
            }
        });
        ui.horizontal_wrapped(|ui| {
            // A published year's results are final: no agreement is added to it.
            let can_draft = published.is_none() && access.can_write();
            let draft = ui.add_enabled(can_draft, egui::Button::new("批量起草…"));
            let draft = match published {
                Some(year) => access.explain_or(
                    draft,
                    &format!("{year} 年度考核结果已通报，不能再起草责任书"),
                ),
                None => access.explain(draft),
            };
            if draft.clicked() {
                self.draft_dialog = Some(DraftDialog::for_year(
                    crate::workflow::drafting::usual_copies(agreements),
                ));
            }
            ui.separator();
            // Added to what is ticked: ticks made under another filter stay.
            let has_listed = listed().next().is_some();
            let tick_all = ui
                .add_enabled(has_listed, egui::Button::new("全部勾选"))
                .on_disabled_hover_text("列表中没有责任书");
            if tick_all.clicked() {
                selected.extend(listed().map(|a| a.id));
            }
            let untick = ui.add_enabled(!selected.is_empty(), egui::Button::new("清除勾选"));
            if untick.clicked() {
                selected.clear();
                // The button greys as it acts: the keyboard, which it had, goes to its
                // neighbour rather than nowhere.
                if untick.has_focus() {
                    tick_all.request_focus();
                }
            }
            // A status changes for what is ticked only, never for a whole list by default.
            let tick_first = |what: &str| {
                if selected.is_empty() {
                    format!("{what}只作用于勾选的责任书：请先勾选（或点“全部勾选”）")
                } else if all_hidden {
                    hidden_reason.to_owned()
                } else {
                    format!("勾选的责任书中没有可{what}的")
                }
            };
            let drafts = ids_in(&[AgreementStatus::Draft]);
            // Frozen from under unsaved clause edits, they would be lost unsaid.
            let is_held = self.unsaved.is_some_and(|id| drafts.contains(&id));
            let finalize = ui.add_enabled(
                !drafts.is_empty() && !is_held && access.can_write(),
                egui::Button::new(format!("定稿（{}）", drafts.len())),
            );
            let why = if is_held {
                "勾选的责任书中有一份正在修改条款（详情中），尚未保存：请先保存或放弃修改，再定稿"
                    .to_owned()
            } else {
                tick_first("定稿")
            };
            if access.explain_or(finalize, &why).clicked() {
                // Freezing the text is asked once, below.
                self.finalize_left_out = ids_in(&AgreementStatus::ALL).len() - drafts.len();
                self.finalize_held_back = 0;
                self.finalize_ids = Some(drafts);
                self.finalize_problems = None;
            }
            let finals = ids_in(&[AgreementStatus::Final]);
            let unprinted = finals.len();
            let printed = ui.add_enabled(
                !finals.is_empty() && access.can_write(),
                egui::Button::new(format!("标记已打印（{}）", finals.len())),
            );
            if access
                .explain_or(printed, &tick_first("标记已打印"))
                .clicked()
            {
                // The printing day is asked (a past year's printing is entered late).
                let left_out = ids_in(&AgreementStatus::ALL).len() - finals.len();
                self.printed_dialog = Some(printed_dialog::PrintedDialog::new(
                    agreements, finals, left_out,
                ));
            }
            // 已签订 follows 已打印: the signature copies come from the print file.
            let signable = ids_in(&[AgreementStatus::Printed]);
            let sign = access.add_enabled(
                ui,
                !signable.is_empty(),
                egui::Button::new(format!("标记已签订…（{}）", signable.len())),
            );
            let sign = if !access.can_write() {
                sign
            } else if selected.is_empty() || all_hidden {
                sign.on_disabled_hover_text(tick_first("标记已签订"))
            } else if unprinted == 0 {
                sign
            } else if signable.is_empty() {
                sign.on_disabled_hover_text("须先标记已打印")
            } else {
                sign.on_hover_text(format!(
                    "勾选的另有 {unprinted} 份尚未打印，不在其中：须先标记已打印"
                ))
            };
            if sign.clicked() {
                let today = chrono::Local::now().date_naive();
                let offered = offered_signing_date(
                    agreements.iter().filter(|a| signable.contains(&a.id)),
                    today,
                );
                self.sign_offered = offered.map(show_date).unwrap_or_default();
                self.sign_date = Some(self.sign_offered.clone());
                self.sign_error = None;
                self.sign_noted = None;
                self.sign_party_a = None;
                self.sign_left_out = ids_in(&AgreementStatus::ALL).len() - signable.len();
                self.sign_ids.clone_from(&signable);
            }
            // An error found after a batch 定稿 sends the batch back with one reason.
            let revertible = ids_in(&[AgreementStatus::Final, AgreementStatus::Printed]);
            let revert = ui.add_enabled(
                !revertible.is_empty() && published.is_none() && access.can_write(),
                egui::Button::new(format!("退回草稿…（{}）", revertible.len())),
            );
            let why_not_revert = published.map_or_else(
                || tick_first("退回草稿"),
                crate::store::revert_after_publication,
            );
            if access
                .explain_or(revert, &why_not_revert)
                .on_hover_text("已定稿或已打印的责任书发现错误时，写明理由一并退回草稿")
                .clicked()
            {
                let left_out = ids_in(&AgreementStatus::ALL).len() - revertible.len();
                self.revert_dialog = Some(revert_dialog::RevertDialog::new(revertible, left_out));
            }
            // Last in the row, so that the buttons keep their places as its length changes.
            ui.separator();
            if hidden == 0 {
                ui.label(format!("已勾选 {} 份", chosen.len()));
            } else {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "已勾选 {} 份（其中 {hidden} 份不在当前列表中，不会处理）",
                        selected.len()
                    ),
                )
                .on_hover_text("清空查找、把筛选改回“全部”即可看到它们");
            }
        });
    }

    /// Starts the print file of `ids` in `copies`; the next print is again in each agreement's
    /// own number unless the clerk chooses one for all again, so that a number chosen once is
    /// never used unnoticed.
    fn print(&mut self, ids: Vec<i64>, copies: Option<usize>, commands: &mut Vec<Command>) {
        commands.push(Command::PrintAgreements { ids, copies });
        // 统一印 is for one print file: the toolbar says the next prints each its own.
        self.last_fixed = copies;
        self.printing_fixed = copies;
        self.is_fixed_copies = false;
    }

    /// The print file last started was cancelled: a number for all chosen for it here
    /// (统一印) is chosen again, as no print used it.
    pub fn print_not_made(&mut self) {
        if let Some(copies) = self.printing_fixed.take() {
            self.last_fixed = None;
            self.is_fixed_copies = true;
            self.fixed_copies = copies;
        }
    }

    /// The print file last started was made (or failed): a print cancelled after it, started
    /// elsewhere (the detail's), brings no number for all back.
    pub fn print_done(&mut self) {
        self.printing_fixed = None;
    }

    /// Says which agreement's clauses are edited and unsaved in the detail (`None` when none),
    /// before the buttons are drawn: 定稿 waits for them.
    pub fn hold_unsaved(&mut self, id: Option<i64>) {
        self.unsaved = id;
    }

    /// Asks the printing day of `ids` (标记已打印… in an agreement's detail).
    pub fn ask_printed(&mut self, agreements: &[Agreement], ids: Vec<i64>) {
        self.printed_dialog = Some(printed_dialog::PrintedDialog::new(agreements, ids, 0));
    }

    /// Asks the one 定稿 question for `ids` (定稿… in a draft's detail).
    pub fn ask_finalize(&mut self, ids: Vec<i64>) {
        self.finalize_left_out = 0;
        self.finalize_held_back = 0;
        self.finalize_ids = Some(ids);
        self.finalize_problems = None;
    }

    /// True while the 批量起草 dialog is open.
    #[must_use]
    pub fn is_drafting(&self) -> bool {
        self.draft_dialog.is_some()
    }

    /// True while the question a detail asks (标记已打印…, 定稿…) is open.
    #[must_use]
    pub fn is_asking_for_detail(&self) -> bool {
        self.printed_dialog.is_some() || self.finalize_ids.is_some()
    }

    /// Draws the dialogs the actions opened: batch drafting, 标记已签订, the export folder and
    /// the questions before 定稿 and before a print.
    pub fn dialogs(
        &mut self,
        ctx: &egui::Context,
        context: &Context<'_>,
        progress: Option<&DraftProgress>,
        commands: &mut Vec<Command>,
    ) {
        if let Some(dialog) = &mut self.draft_dialog
            && !dialog.show(ctx, context, progress, commands)
        {
            self.draft_dialog = None;
        }
        self.sign_dialog(ctx, context, commands);
        self.printed_dialog(ctx, context, commands);
        self.revert_dialog(ctx, context, commands);
        self.export_dialog(ctx, commands);
        self.signed_dialog(ctx, commands);
        self.finalize_question(ctx, context, commands);
        if let Some(question) = &self.print_question
            && let Some(answer) = question.show(ctx)
            && let Some(question) = self.print_question.take()
            && answer
        {
            self.print(question.ids, question.copies, commands);
        }
    }

    fn export_dialog(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some((ids, folder)) = chosen_folder(&mut self.export_picker, ctx) {
            commands.push(Command::ExportPdfs { ids, folder });
        }
    }
}

/// Draws the folder chooser opened for the agreements in `slot`: the agreements and the folder
/// once one is chosen, and nothing while it is open; chosen or cancelled, it closes.
fn chosen_folder(
    slot: &mut Option<(Vec<i64>, FilePicker)>,
    ctx: &egui::Context,
) -> Option<(Vec<i64>, std::path::PathBuf)> {
    let (_, picker) = slot.as_mut()?;
    match picker.show(ctx) {
        PickOutcome::Open => None,
        PickOutcome::Cancelled => {
            *slot = None;
            None
        }
        PickOutcome::Chosen(folder) => slot.take().map(|(ids, _)| (ids, folder)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// 统一印 is for one print: used, the next is in each one's own number; cancelled (no
    /// print made), it stays chosen with its number.
    #[test]
    fn a_cancelled_print_keeps_the_number_for_all() {
        let mut actions = BulkActions::default();
        let mut commands = Vec::new();
        actions.is_fixed_copies = true;
        actions.fixed_copies = 7;
        actions.print(vec![1], Some(7), &mut commands);
        assert!(!actions.is_fixed_copies);
        actions.print_not_made();
        assert!(actions.is_fixed_copies);
        assert_eq!((actions.fixed_copies, actions.last_fixed), (7, None));
        // A print in each one's own number cancelled changes nothing.
        actions.is_fixed_copies = false;
        actions.print(vec![1], None, &mut commands);
        actions.print_not_made();
        assert!(!actions.is_fixed_copies);
        // Made, then another print (the detail's) cancelled: 统一印 is not brought back.
        actions.print(vec![1], Some(7), &mut commands);
        actions.print_done();
        actions.print_not_made();
        assert!(!actions.is_fixed_copies);
        assert_eq!(actions.last_fixed, Some(7), "still said beside 按各份数");
    }
}
