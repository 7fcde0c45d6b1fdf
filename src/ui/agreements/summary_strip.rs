//! The strip over the 签订跟踪 table (of the category the list is filtered to, named, when it
//! is): the count of agreements in each status, the planned
//! signing date with how many are overdue (units archived since left aside), and the units in
//! use that have no agreement of the year yet.

use std::collections::BTreeSet;

use crate::model::AgreementStatus;
use crate::model::dates::show_date;

use super::Context;

/// The most units the hover of "另有 N 个在用单位…" names.
const UNDRAFTED_NAMED: usize = 10;

/// Draws the strip, of the agreements of `category` when the list is filtered to one.
pub(super) fn summary(ui: &mut egui::Ui, context: &Context<'_>, category: Option<i64>) {
    let in_category = |id: i64| category.is_none_or(|c| c == id);
    let agreements: Vec<&crate::model::Agreement> = (context.data.agreements.iter())
        .filter(|a| in_category(a.draft.category_id))
        .collect();
    let today = chrono::Local::now().date_naive();
    let planned = context
        .data
        .year
        .as_ref()
        .and_then(|y| y.planned_signing_date);
    ui.horizontal_wrapped(|ui| {
        // Counted as the list is filtered: said, so the numbers are not read as the year's.
        if let Some(name) = category
            .and_then(|c| context.categories.iter().find(|x| x.id == c))
            .map(|c| c.name.as_str())
        {
            ui.strong(format!("{name}："));
        }
        for status in AgreementStatus::ALL {
            let count = agreements.iter().filter(|a| a.status == status).count();
            ui.label(format!("{} {count}", status.label()));
            ui.label("·");
        }
        match planned {
            Some(date) => {
                // A unit archived since (merged, abolished) signs nothing more.
                let archived: BTreeSet<i64> = context
                    .units
                    .iter()
                    .filter(|u| !u.is_active)
                    .map(|u| u.id)
                    .collect();
                let (unsigned_archived, overdue) = agreements
                    .iter()
                    .copied()
                    .filter(|a| a.status < AgreementStatus::Signed)
                    .partition::<Vec<_>, _>(|a| archived.contains(&a.draft.unit_id));
                let overdue = overdue.len();
                let text = format!("计划签订日期 {}", show_date(date));
                let note = crate::workflow::listing::archived_aside(unsigned_archived.len());
                let line = if today > date && overdue > 0 {
                    egui::RichText::new(format!("{text}，已逾期未签 {overdue} 份{note}"))
                        .color(ui.visuals().error_fg_color)
                } else {
                    egui::RichText::new(format!("{text}，尚未签订 {overdue} 份{note}"))
                };
                // Whole on one line, as the note on undrafted units below.
                ui.add(egui::Label::new(line).wrap_mode(egui::TextWrapMode::Extend));
            }
            None => {
                ui.label("未设定计划签订日期");
            }
        }
        // Units left out (their category had no template, or they came later) are said,
        // while the year can still draft.
        let undrafted: Vec<&str> =
            crate::model::agreement::undrafted(context.units, &context.data.agreements)
                .filter(|u| in_category(u.fields.category_id))
                .map(|u| u.fields.name.as_str())
                .collect();
        let can_draft =
            (context.data.year.as_ref()).is_some_and(|y| y.phase != crate::model::Phase::Published);
        // With none drafted yet, the line under the buttons says so already.
        if !undrafted.is_empty() && can_draft && !agreements.is_empty() {
            ui.label("·");
            let text = format!("另有 {} 个在用单位本年度还没有责任书", undrafted.len());
            let shown = (undrafted.iter().take(UNDRAFTED_NAMED))
                .copied()
                .collect::<Vec<_>>()
                .join("、");
            let more = if undrafted.len() > UNDRAFTED_NAMED {
                "等"
            } else {
                ""
            };
            ui.add(
                egui::Label::new(egui::RichText::new(text).color(ui.visuals().warn_fg_color))
                    // Whole on one line: wrapped within, a last character alone below would
                    // push the buttons under the strip down.
                    .wrap_mode(egui::TextWrapMode::Extend),
            )
            .on_hover_text(format!(
                "{shown}{more}。点“批量起草…”为它们起草；所属类别没有模板的，先在“模板”中写好"
            ));
        }
    });
}
