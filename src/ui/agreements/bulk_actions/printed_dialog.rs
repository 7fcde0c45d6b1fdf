//! 标记已打印 on the ticked agreements: the day the signature copies were printed, offered as
//! today while the agreements' year has not passed and typed by the clerk when a past year's
//! printing is entered late, checked as the store would check it.

use chrono::Datelike as _;

use crate::model::Agreement;
use crate::model::agreement::{
    PRINT_CATCH_UP, offered_printing_date, printed_catch_up_ids, printed_catch_ups,
    printing_date_problem,
};
use crate::model::dates::show_date;

use super::super::{Command, Context};
use super::BulkActions;

/// The open dialog: the agreements it applies to, the date as typed and what was wrong with it.
pub(super) struct PrintedDialog {
    ids: Vec<i64>,
    /// How many ticked agreements are not among them (not 已定稿), said under the heading.
    left_out: usize,
    date: String,
    error: Option<String>,
    /// The catch-up date whose note Enter has shown: Enter again takes it (a date before the
    /// 定稿 here is not saved by the Enter that ended the typing, unread).
    noted: Option<chrono::NaiveDate>,
}

impl PrintedDialog {
    /// A dialog for `ids`, offering today when it can be their printing date; `left_out`
    /// more were ticked that are not 已定稿.
    pub(super) fn new(agreements: &[Agreement], ids: Vec<i64>, left_out: usize) -> Self {
        let today = chrono::Local::now().date_naive();
        let chosen = crate::model::agreement::among(agreements, &ids);
        let date = offered_printing_date(chosen, today)
            .map(show_date)
            .unwrap_or_default();
        Self {
            ids,
            left_out,
            date,
            error: None,
            noted: None,
        }
    }
}

impl BulkActions {
    pub(super) fn printed_dialog(
        &mut self,
        ctx: &egui::Context,
        context: &Context<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Some(dialog) = &mut self.printed_dialog else {
            return;
        };
        let year =
            (context.data.year.as_ref()).map_or_else(|| chrono::Local::now().year(), |y| y.year);
        let mut close = false;
        let id = egui::Id::unique("printed_dialog");
        let modal = crate::ui::steady_modal::top_anchored(ctx, id).show(
            ctx,
            |ui| {
                ui.heading(format!("标记已打印（{} 份）", dialog.ids.len()));
                // Which, as the 定稿 question names them.
                if let Some(named) = super::finalize_question::units_named(context, &dialog.ids) {
                    ui.add(egui::Label::new(format!("包括：{named}")).wrap());
                }
                if dialog.left_out > 0 {
                    ui.label(format!(
                        "勾选的另 {} 份责任书不是已定稿的（草稿，或已打印、已签订、已归档），不在其中",
                        dialog.left_out
                    ));
                }
                ui.label("签字用的纸质件已经打印好；打印日期记入责任书和操作记录");
                let typed = super::date_field::date_field(
                    ui,
                    id,
                    ("打印日期", &format!("如 {year}-01-20")),
                    &mut dialog.date,
                );
                if typed.is_changed {
                    dialog.error = None;
                }
                let is_entered = typed.is_entered;
                ui.horizontal(|ui| {
                    let confirm = context
                        .access
                        .add_enabled(ui, true, egui::Button::new("确定已打印"));
                    // Enter in the date field confirms, as the button would.
                    if confirm.clicked() || (is_entered && context.access.can_write()) {
                        match checked_date(
                            &context.data.agreements,
                            &dialog.ids,
                            &dialog.date,
                            year,
                        ) {
                            Ok(printed_on)
                                if !confirm.clicked()
                                    && dialog.noted != Some(printed_on)
                                    && printed_catch_ups(
                                        &context.data.agreements,
                                        &dialog.ids,
                                        printed_on,
                                    ) > 0 =>
                            {
                                dialog.noted = Some(printed_on);
                            }
                            Ok(printed_on) => {
                                commands.push(Command::MarkPrinted {
                                    ids: dialog.ids.clone(),
                                    printed_on,
                                });
                                close = true;
                            }
                            Err(message) => dialog.error = Some(message),
                        }
                    }
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
                // Under the buttons, so that a message never moves them.
                if let Some(error) = &dialog.error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                } else if let Ok(printed_on) =
                    checked_date(&context.data.agreements, &dialog.ids, &dialog.date, year)
                {
                    // Dates before the texts were frozen here are said before saving (of a
                    // date that will be taken: one refused is said so when 确定 is clicked).
                    // Named, so that the clerk knows whose date to look at.
                    let late =
                        printed_catch_up_ids(&context.data.agreements, &dialog.ids, printed_on);
                    let catch_ups = late.len();
                    if catch_ups > 0 {
                        let whose = super::finalize_question::units_named(context, &late)
                            .map(|named| format!("（{named}）"))
                            .unwrap_or_default();
                        let again = if dialog.noted == Some(printed_on) {
                            "；日期无误请再按 Enter 或点“确定已打印”"
                        } else {
                            ""
                        };
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "注意：其中 {catch_ups} 份{whose}在本程序中定稿的日期晚于 {}；确定后{PRINT_CATCH_UP}{again}",
                                show_date(printed_on)
                            ),
                        );
                    }
                }
            },
        );
        if close || modal.should_close() {
            self.printed_dialog = None;
        }
    }
}

/// The printing date typed, or why it cannot be the printing date of the agreements `ids`.
fn checked_date(
    agreements: &[Agreement],
    ids: &[i64],
    text: &str,
    year: i32,
) -> Result<chrono::NaiveDate, String> {
    if text.trim().is_empty() {
        return Err(format!(
            "请填写打印日期，如 {year}年1月20日 或 {year}-01-20"
        ));
    }
    // A date without its year ("1月20日") is in the agreements' year, as the signing date is.
    let printed_on = crate::model::dates::parse_date_in(text, year).ok_or_else(|| {
        crate::model::dates::date_refusal_in("打印日期", text, year, || {
            format!("打印日期应写成 {year}年1月20日 或 {year}-01-20")
        })
    })?;
    let today = chrono::Local::now().date_naive();
    crate::model::agreement::among(agreements, ids)
        .find_map(|a| printing_date_problem(a, printed_on, today))
        .map_or(Ok(printed_on), Err)
}
