//! What a year without agreements needs before its first batch draft, step by step, each said
//! done or still to do, so that a clerk starting blank sees where they are.

use std::collections::BTreeSet;

use super::Context;
use crate::ui::command::{Command, Place};

/// The steps, in order: each its wording, where it is done, and what is still missing
/// (`None` when done).
fn steps(context: &Context<'_>) -> [(&'static str, Place, Option<String>); 4] {
    let data = context.data;
    let active: Vec<_> = context.units.iter().filter(|u| u.is_active).collect();
    let units = if active.is_empty() {
        Some("名册中还没有单位".to_owned())
    } else {
        None
    };
    let year = data.year.as_ref();
    let unfilled: Vec<&str> = [
        (
            "甲方签字人",
            year.is_some_and(|y| y.party_a_signatory_name.trim().is_empty()),
        ),
        // It names the signing line of the signature block ("负责人（签字）：" without it);
        // said on its own once the name is in (before, "甲方签字人" says both).
        (
            "甲方签字人职务",
            year.is_some_and(|y| {
                !y.party_a_signatory_name.trim().is_empty()
                    && y.party_a_signatory_title.trim().is_empty()
            }),
        ),
        (
            "计划签订日期",
            year.is_some_and(|y| y.planned_signing_date.is_none()),
        ),
    ]
    .into_iter()
    .filter_map(|(name, is_empty)| is_empty.then_some(name))
    .collect();
    // A date already past is filled all the same (a year entered late has no later one that
    // is true): this step is done, and what the date means for the drafts is said under the
    // steps (`passed_date_note`), as 批量起草 says it.
    let settings = (!unfilled.is_empty()).then(|| format!("{}未填", unfilled.join("、")));
    // The categories the register's units are in (every category while it has none yet), in
    // the office's order.
    let used: BTreeSet<i64> = if active.is_empty() {
        context.categories.iter().map(|c| c.id).collect()
    } else {
        active.iter().map(|u| u.fields.category_id).collect()
    };
    let pending_in = |missing: &dyn Fn(i64) -> bool| -> Vec<(i64, &str)> {
        (context.categories.iter())
            .filter(|c| used.contains(&c.id) && missing(c.id))
            .map(|c| (c.id, c.name.as_str()))
            .collect()
    };
    let said = |pending: &[(i64, &str)]| {
        let names: Vec<&str> = pending.iter().map(|(_, name)| *name).collect();
        names.join("、")
    };
    // The link goes to the first category the step names.
    let untemplated = pending_in(&|id| !data.templates.iter().any(|t| t.content.category_id == id));
    let templates = (!untemplated.is_empty()).then(|| format!("{} 还没有模板", said(&untemplated)));
    let unfinal = pending_in(&|id| !data.sets.iter().any(|s| s.category_id == id && s.is_final));
    let indicators =
        (!unfinal.is_empty()).then(|| format!("{} 的指标还没有标记定稿", said(&unfinal)));
    let first = |pending: &[(i64, &str)]| pending.first().map(|(id, _)| *id);
    [
        ("在“单位”中添加或导入责任单位", Place::Units, units),
        (
            "在“设置 → 年度设置”中填写甲方签字人和计划签订日期",
            Place::YearSettings,
            settings,
        ),
        (
            "在上方“模板”中为各考核类别写好责任书文本",
            Place::Templates(first(&untemplated)),
            templates,
        ),
        (
            "在“考核指标”中填好指标并标记定稿",
            Place::Indicators(first(&unfinal)),
            indicators,
        ),
    ]
}

/// Not a step to do (a year entered late has no later date that is true): a planned signing
/// date already past, with what it means for the drafts and where it is changed.
fn passed_date_note(ui: &mut egui::Ui, context: &Context<'_>) {
    let today = chrono::Local::now().date_naive();
    let planned = (context.data.year.as_ref()).and_then(|y| y.planned_signing_date);
    if let Some(date) = planned.filter(|date| *date < today) {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "另：计划签订日期 {} 已过，起草后的责任书都将显示为逾期；如需改期，请在“设置 → 年度设置”中修改",
                crate::model::dates::show_date(date)
            ),
        );
    }
}

/// Shown while every agreement of the year is still a draft: what comes after drafting, in
/// the order the office does it.
pub(super) fn after_drafting(ui: &mut egui::Ui) {
    ui.weak(
        "下一步：逐份打开草稿，核对控制指标和条款（“修改条款…”），无误后勾选并点“定稿”；定稿后“打印…”签字本并标记已打印，签字盖章后“标记已签订…”，收回的签字本扫描后“归档扫描件…”",
    );
}

/// How many steps are still to do (none: one line is said, not the list).
pub(super) fn still_to_do(context: &Context<'_>) -> usize {
    (steps(context).iter())
        .filter(|(_, _, missing)| missing.is_some())
        .count()
}

/// Shown while the year has no agreements: the single next step once everything is ready,
/// else the steps with where each stands; a step still to do goes, clicked, where it is done.
pub(super) fn show(ui: &mut egui::Ui, context: &Context<'_>, commands: &mut Vec<Command>) {
    let steps = steps(context);
    if steps.iter().all(|(_, _, missing)| missing.is_none()) {
        ui.label("本年度还没有责任书：点“批量起草…”，为各单位按本类别的模板起草");
        passed_date_note(ui, context);
        return;
    }
    ui.label("本年度还没有责任书。起草前请依次准备：");
    for (index, (step, place, missing)) in steps.into_iter().enumerate() {
        let number = index + 1;
        match missing {
            None => {
                ui.weak(format!("{number}. {step}（已完成）"));
            }
            Some(missing) => {
                let text = egui::RichText::new(format!("{number}. {step}（待完成：{missing}）"))
                    .color(ui.visuals().warn_fg_color);
                if ui.link(text).on_hover_text("点击前往").clicked() {
                    commands.push(Command::GoTo(place));
                }
            }
        }
    }
    ui.label("然后点“批量起草…”");
    passed_date_note(ui, context);
    // Not a step (drafting goes on without it), but signing in bulk needs it: said now.
    let unnamed: Vec<&str> = (context.units.iter())
        .filter(|u| u.is_active && u.fields.principal_name.trim().is_empty())
        .map(|u| u.fields.display_short_name())
        .collect();
    if !unnamed.is_empty() {
        ui.weak(format!(
            "另：{} 个单位未填负责人（{}）：起草不受影响，批量标记已签订时须有乙方签字人，请在“单位”中补上",
            unnamed.len(),
            unnamed.iter().take(5).copied().collect::<Vec<_>>().join("、")
                + if unnamed.len() > 5 { "等" } else { "" }
        ));
    }
}
