//! 标记已签订 on the ticked agreements: the signing date (offered from the year's plan,
//! checked as the store would check it), who signed for 甲方 (the year's signatory, or another
//! leader at the meeting), who will be recorded for 乙方, and the copies all returned.

use chrono::{Datelike as _, NaiveDate};

use crate::model::Agreement;
use crate::model::agreement::{signing_date_note, signing_date_problem};
use crate::model::dates::show_date;

use super::super::signing_form::parse_signing_date;
use super::super::{Command, Context};
use super::BulkActions;

impl BulkActions {
    pub(super) fn sign_dialog(
        &mut self,
        ctx: &egui::Context,
        context: &Context<'_>,
        commands: &mut Vec<Command>,
    ) {
        let agreements = &context.data.agreements;
        let year = context
            .data
            .year
            .as_ref()
            .map_or_else(|| chrono::Local::now().year(), |y| y.year);
        let Some(date_text) = &mut self.sign_date else {
            return;
        };
        let party_a = self.sign_party_a.get_or_insert_with(|| {
            (context.data.year.as_ref())
                .map(|y| y.party_a_signatory_name.clone())
                .unwrap_or_default()
        });
        let mut close = false;
        let id = egui::Id::unique("sign_dialog");
        let modal = crate::ui::steady_modal::top_anchored(ctx, id).show(
            ctx,
            |ui| {
                ui.heading(format!("标记已签订（{} 份）", self.sign_ids.len()));
                if self.sign_left_out > 0 {
                    ui.label(format!(
                        "勾选的另 {} 份责任书不是已打印的（尚未打印，或已签订、已归档），不在其中",
                        self.sign_left_out
                    ));
                }
                ui.label(
                    "乙方签字人取各单位负责人，签回份数为全部份数（个别不同的，签订后在详情中“修改签订信息”）",
                );
                // Enter here confirms too, as in the date field.
                let mut party_a_entered = false;
                ui.horizontal(|ui| {
                    let label = ui.label("甲方签字人");
                    let field = ui
                        .add(egui::TextEdit::singleline(party_a).desired_width(120.0))
                        .labelled_by(label.id)
                        .on_hover_text("默认为年度设置中的签字人；签订会上由其他领导签字的，改为其姓名");
                    party_a_entered = crate::ui::enter_key::pressed_in(ui, &field);
                    // Kept in the field, as in the date field: a second Enter (after a note on
                    // the date) goes where the first did.
                    if party_a_entered {
                        field.request_focus();
                    }
                });
                // Drawn every frame: only the four named are looked up.
                let party_b: Vec<String> = (self.sign_ids.iter().take(4))
                    .filter_map(|id| agreements.iter().find(|a| a.id == *id))
                    .filter_map(|a| context.units.iter().find(|u| u.id == a.draft.unit_id))
                    .map(|u| {
                        format!(
                            "{}（{}）",
                            u.fields.principal_name,
                            u.fields.display_short_name()
                        )
                    })
                    .collect();
                let shown: Vec<&str> = party_b.iter().map(String::as_str).collect();
                let more = self.sign_ids.len().saturating_sub(shown.len());
                let more = if more > 0 {
                    format!(" 等 {} 人", self.sign_ids.len())
                } else {
                    String::new()
                };
                ui.weak(format!("乙方：{}{more}", shown.join("、")));
                // Left out of the assessment until signed: signing brings them back in (in a
                // year still open; a published year's stay as they were).
                let is_open = context.data.published_year().is_none();
                let rejoining: Vec<&str> = (self.sign_ids.iter())
                    .filter(|id| is_open && context.data.left_out.contains(id))
                    .filter_map(|id| agreements.iter().find(|a| a.id == *id))
                    .filter_map(|a| context.units.iter().find(|u| u.id == a.draft.unit_id))
                    .map(|u| u.fields.display_short_name())
                    .collect();
                if !rejoining.is_empty() {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!(
                            "{} 属于已归档单位：登记签订后，其责任书重新参加本年度考核（评分、排名、通报）",
                            rejoining.join("、")
                        ),
                    );
                }
                let typed = super::date_field::date_field(
                    ui,
                    id,
                    ("签订日期", &format!("如 {year}-03-12")),
                    date_text,
                );
                // A message about the date goes once the date is changed.
                if typed.is_changed {
                    self.sign_error = None;
                }
                let is_entered = typed.is_entered || party_a_entered;
                // Who signs is known before the date is typed: what is missing is said now.
                let missing = missing_signatories(context, party_a, &self.sign_ids);
                ui.horizontal(|ui| {
                    let confirm = context
                        .access
                        .add_enabled(ui, missing.is_none(), egui::Button::new("确定签订"))
                        .on_disabled_hover_text(missing.as_deref().unwrap_or_default());
                    // Enter in the date or signatory field confirms, as the button would if it
                    // could.
                    let is_entered =
                        is_entered && missing.is_none() && context.access.can_write();
                    if confirm.clicked() || is_entered {
                        let checked = parse_signing_date(date_text, year).and_then(|date| {
                            sign_date_problem(context, &self.sign_ids, date)
                                .map_or(Ok(date), Err)
                        });
                        let is_catch_up = |date| {
                            crate::model::agreement::among(agreements, &self.sign_ids)
                                .any(|a| signing_date_note(a, date).is_some())
                        };
                        match checked {
                            // Enter that ended the typing does not save a catch-up date unread.
                            Ok(date)
                                if !confirm.clicked()
                                    && self.sign_noted != Some(date)
                                    && is_catch_up(date) =>
                            {
                                self.sign_noted = Some(date);
                            }
                            Ok(date) => {
                                commands.push(Command::MarkSigned {
                                    ids: self.sign_ids.clone(),
                                    signed_on: date,
                                    party_a: party_a.trim().to_owned(),
                                });
                                close = true;
                            }
                            Err(message) => self.sign_error = Some(message),
                        }
                    }
                    if ui.button("取消").clicked() {
                        close = true;
                    }
                });
                // Under the buttons, so that a message never moves them.
                if let Some(missing) = &missing {
                    ui.colored_label(ui.visuals().error_fg_color, missing);
                } else if let Some(error) = &self.sign_error {
                    ui.colored_label(ui.visuals().error_fg_color, error);
                } else if let Ok(signed_on) = parse_signing_date(date_text, year) {
                    // Dates before the texts were frozen or printed here are said before saving.
                    // Named, so that the clerk knows whose date to look at.
                    let late: Vec<i64> = crate::model::agreement::among(agreements, &self.sign_ids)
                        .filter(|a| signing_date_note(a, signed_on).is_some())
                        .map(|a| a.id)
                        .collect();
                    let catch_ups = late.len();
                    if catch_ups > 0 {
                        let whose = super::finalize_question::units_named(context, &late)
                            .map(|named| format!("（{named}）"))
                            .unwrap_or_default();
                        let again = if self.sign_noted == Some(signed_on) {
                            "；日期无误请再按 Enter 或点“确定签订”"
                        } else {
                            ""
                        };
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            format!(
                                "注意：其中 {catch_ups} 份{whose}在本程序中定稿的日期或登记的打印日期晚于 {}；确定后{}{again}",
                                show_date(signed_on),
                                crate::model::agreement::CATCH_UP
                            ),
                        );
                    }
                }
            },
        );
        // Esc with a date or a signatory typed asks first, as the detail's signing form does.
        if !close && modal.should_close() {
            let signatory =
                (context.data.year.as_ref()).map_or("", |y| y.party_a_signatory_name.as_str());
            let is_typed = self.sign_date.as_deref() != Some(self.sign_offered.as_str())
                || self.sign_party_a.as_deref().unwrap_or_default() != signatory;
            close = self.sign_discard.ask_if(is_typed);
        }
        close |= self.sign_discard.show(ctx) == crate::ui::discard_question::DiscardAnswer::Discard;
        if close {
            self.sign_date = None;
        }
    }
}

/// Who would sign the agreements `ids` and has no name yet: the 甲方 signatory (`party_a`), or
/// the principals of their units (named, the first three); `None` when every name is there.
fn missing_signatories(context: &Context<'_>, party_a: &str, ids: &[i64]) -> Option<String> {
    let units_by_id: std::collections::HashMap<i64, &crate::model::Unit> =
        context.units.iter().map(|u| (u.id, u)).collect();
    let units = crate::model::agreement::among(&context.data.agreements, ids)
        .filter_map(|a| units_by_id.get(&a.draft.unit_id).copied());
    crate::workflow::lifecycle::unnamed_signatories(party_a, units)
}

/// Why `signed_on` cannot be the signing date of the agreements `ids`, as the store would
/// refuse it: the first reason, and when only some of several are refused, which ones (the
/// first three, by number and unit), so that the clerk can leave them out.
fn sign_date_problem(context: &Context<'_>, ids: &[i64], signed_on: NaiveDate) -> Option<String> {
    let today = chrono::Local::now().date_naive();
    let refused: Vec<(&Agreement, String)> =
        crate::model::agreement::among(&context.data.agreements, ids)
            .filter_map(|a| signing_date_problem(a, signed_on, today).map(|why| (a, why)))
            .collect();
    let (_, problem) = refused.first()?;
    if refused.len() == ids.len() {
        return Some(problem.clone());
    }
    let named: Vec<String> = (refused.iter().take(3))
        .map(|(a, _)| {
            let unit = (context.units.iter()).find(|u| u.id == a.draft.unit_id);
            let unit = unit.map_or("", |u| u.fields.display_short_name());
            format!("第 {} 号（{unit}）", a.draft.number)
        })
        .collect();
    let more = if refused.len() > 3 {
        format!(" 等 {} 份", refused.len())
    } else {
        String::new()
    };
    Some(format!(
        "{}{more}：{problem}；其余各份可取消勾选这些后再标记",
        named.join("、")
    ))
}
