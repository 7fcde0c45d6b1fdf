//! The one question before 定稿 of the ticked drafts (or the one in a detail): whose texts
//! freeze, what 定稿 would refuse for some of them, which wait for their category's
//! indicators, and the punctuation to look at, said without refusing.

use super::super::{Command, Context};
use super::BulkActions;

/// How many units the question before a batch 定稿 names before "等".
const FINALIZE_NAMED: usize = 5;

impl BulkActions {
    /// The one question before 定稿: the text freezes and only 退回草稿 with a reason opens it
    /// again. Esc or a click beside it is 取消.
    /// Agreements of a category whose indicators are not final cannot be issued: the question
    /// says so before the clerk confirms.
    pub(super) fn finalize_question(
        &mut self,
        ctx: &egui::Context,
        context: &Context<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Some(ids) = &self.finalize_ids else {
            return;
        };
        let check = self
            .finalize_problems
            .get_or_insert_with(|| super::super::issue_check::issue_check(context, ids));
        let problems = &check.problems;
        let issuable = check.issuable.clone();
        let (blocked, categories) = super::super::issue_check::not_final_categories(context, ids);
        let other_problems = (!problems.is_empty()).then(|| {
            let shown: Vec<&str> = problems.iter().take(5).map(String::as_str).collect();
            let more = problems.len().saturating_sub(shown.len());
            let tail = if more > 0 {
                format!("\n另有 {more} 份同样不能定稿")
            } else {
                String::new()
            };
            let lead = if ids.len() > 1 {
                "有责任书不能定稿，勾选的这一批不能一并定稿：请改正后再定稿，或取消勾选这些责任书\n"
            } else {
                ""
            };
            format!("{lead}{}{tail}", shown.join("\n"))
        });
        let refusal = (blocked > 0).then(|| match ids.as_slice() {
            // One agreement, asked from its detail or ticked alone.
            [_] => format!(
                "该责任书所属类别（{}）的考核指标尚未定稿，不能定稿：请先在“考核指标”中定稿该类别",
                categories.join("、")
            ),
            _ => format!(
                "其中 {blocked} 份属于考核指标尚未定稿的类别（{}），勾选的这一批不能一并定稿：请先在“考核指标”中定稿这些类别，或只勾选其他类别的责任书",
                categories.join("、")
            ),
        });
        let refusal = refusal.or(other_problems);
        let punctuation = check.punctuation.clone();
        let default_targets = default_targets_line(&check.default_targets);
        let question = finalize_question_text(context, ids);
        let left_out = self.finalize_left_out;
        let held_back = self.finalize_held_back;
        let mut only_issuable = false;
        // The question on the rest, after "只定稿可以定稿的", is a question of its own: its
        // keyboard starts on 确认定稿 again (the refusal before it had it on 取消).
        let id = if held_back > 0 {
            "finalize_question_rest"
        } else {
            "finalize_question"
        };
        let answer = crate::ui::confirm::ask_unless(
            ctx,
            id,
            "确认定稿",
            refusal.as_deref(),
            |ui| {
                // Blocked, the dialog says so first rather than asking a question it refuses.
                match &refusal {
                    None => {
                        ui.heading(&question);
                        if left_out > 0 {
                            ui.label(format!("勾选的另 {left_out} 份责任书已不是草稿，不在其中"));
                        }
                        if held_back > 0 {
                            ui.label(format!("另 {held_back} 份暂时不能定稿，不在其中，仍为草稿"));
                        }
                        ui.label("定稿后正文冻结并记录校验码，不能再修改；如需更正，须退回草稿并写明理由");
                        punctuation_notice(ui, &punctuation);
                        for line in untitled_signers(context, ids) {
                            ui.colored_label(ui.visuals().warn_fg_color, line);
                        }
                        if let Some(line) = &default_targets {
                            ui.colored_label(ui.visuals().warn_fg_color, line);
                        }
                    }
                    Some(refusal) => {
                        ui.heading("暂时不能定稿");
                        ui.colored_label(ui.visuals().error_fg_color, refusal);
                        // The others need not wait for the ones that cannot go yet.
                        if !issuable.is_empty() {
                            ui.add_space(6.0);
                            ui.label("其余责任书可以先定稿（正文冻结并记录校验码）：");
                            only_issuable = ui
                                .button(format!("只定稿可以定稿的 {} 份", issuable.len()))
                                .clicked();
                        }
                    }
                }
            },
        );
        // The others are asked the usual question (their units named, their punctuation
        // shown) rather than frozen at once.
        if only_issuable {
            self.finalize_held_back += ids.len() - issuable.len();
            self.finalize_ids = Some(issuable);
            self.finalize_problems = None;
            return;
        }
        match answer {
            Some(true) => {
                if let Some(ids) = self.finalize_ids.take() {
                    commands.push(Command::Finalize(ids));
                }
                self.finalize_problems = None;
            }
            Some(false) => {
                self.finalize_ids = None;
                self.finalize_problems = None;
            }
            None => {}
        }
    }
}

/// The units `names` whose text prints the control targets a draft starts with when the unit
/// had none the year before ("较大及以上生产安全事故0起", see
/// [`super::super::issue_check::IssueCheck::default_targets`]), said before the text freezes
/// with them. `None` when there are none.
fn default_targets_line(names: &[String]) -> Option<String> {
    if names.is_empty() {
        return None;
    }
    let usual = crate::workflow::drafting::starting_targets(None);
    let target = usual
        .first()
        .map_or_else(String::new, |t| format!("{}{}", t.name, t.limit));
    let whose = named_few(names);
    Some(format!(
        "{whose}的控制指标仍是起草时的默认值（{target}）：如需按单位实际设定，请先取消，在该责任书详情中点“修改条款…”"
    ))
}

/// The units `names`, the first few named and the rest counted: "甲镇、乙镇等 12 份".
fn named_few(names: &[String]) -> String {
    super::super::issue_check::named_few(names, FINALIZE_NAMED)
}

/// What the signature block of `ids` would print as "负责人（签字）" for want of a title, said
/// before the text freezes with it: the 甲方 signatory's title (year settings), and how many
/// units have no principal's title.
fn untitled_signers(context: &Context<'_>, ids: &[i64]) -> Vec<String> {
    const FALLBACK: &str = "落款将印为“负责人（签字）：”；要印职务，请先取消，填写后再定稿";
    let mut lines = Vec::new();
    let year = context.data.year.as_ref();
    if year.is_some_and(|y| y.party_a_signatory_title.trim().is_empty()) {
        lines.push(format!(
            "甲方签字人职务未填写（设置 → 年度设置），{FALLBACK}"
        ));
    }
    let units: std::collections::HashMap<i64, &crate::model::Unit> =
        context.units.iter().map(|u| (u.id, u)).collect();
    // Named, as the units whose control targets are the defaults are, so that the clerk
    // knows which to open in 单位.
    let untitled: Vec<String> = crate::model::agreement::among(&context.data.agreements, ids)
        .filter_map(|a| units.get(&a.draft.unit_id))
        .filter(|u| u.fields.principal_title.trim().is_empty())
        .map(|u| u.fields.display_short_name().to_owned())
        .collect();
    if !untitled.is_empty() {
        let whose = named_few(&untitled);
        lines.push(format!(
            "{whose}的单位未填写负责人职务（单位 → 编辑），乙方{FALLBACK}"
        ));
    }
    lines
}

/// The punctuation to look at before the text freezes, said under the 定稿 question without
/// refusing: up to five clauses, and how many more.
fn punctuation_notice(ui: &mut egui::Ui, lines: &[String]) {
    if lines.is_empty() {
        return;
    }
    ui.add_space(4.0);
    ui.colored_label(
        ui.visuals().warn_fg_color,
        "请核对标点（可以定稿；要改正请先取消，在模板或“修改条款…”中改）：",
    );
    for line in lines.iter().take(5) {
        ui.label(line);
    }
    if lines.len() > 5 {
        ui.label(format!("另有 {} 条", lines.len() - 5));
    }
}

/// The question before 定稿 of `ids`: one agreement by its number and unit, several by a few
/// of their units' short names, so that the clerk sees whose texts freeze.
fn finalize_question_text(context: &Context<'_>, ids: &[i64]) -> String {
    let agreements: Vec<&crate::model::Agreement> =
        crate::model::agreement::among(&context.data.agreements, ids).collect();
    let units: std::collections::HashMap<i64, &crate::model::Unit> =
        context.units.iter().map(|u| (u.id, u)).collect();
    let unit_of =
        |agreement: &crate::model::Agreement| units.get(&agreement.draft.unit_id).copied();
    if let [agreement] = agreements.as_slice() {
        return unit_of(agreement).map_or_else(
            || "定稿 1 份责任书？".to_owned(),
            |unit| {
                format!(
                    "定稿第 {} 号责任书（{}）？",
                    agreement.draft.number, unit.fields.name
                )
            },
        );
    }
    match units_named(context, ids) {
        Some(named) => format!("定稿 {} 份责任书（{named}）？", ids.len()),
        None => format!("定稿 {} 份责任书？", ids.len()),
    }
}

/// The units of the agreements `ids` by their short names, the first five, "等" after them
/// when there are more: "北岭镇、开发区"; `None` when none is known.
pub(super) fn units_named(context: &Context<'_>, ids: &[i64]) -> Option<String> {
    let units: std::collections::HashMap<i64, &crate::model::Unit> =
        context.units.iter().map(|u| (u.id, u)).collect();
    let names: Vec<&str> = crate::model::agreement::among(&context.data.agreements, ids)
        .filter_map(|agreement| units.get(&agreement.draft.unit_id))
        .map(|unit| unit.fields.display_short_name())
        .collect();
    if names.is_empty() {
        return None;
    }
    // One more than would be named is named too: "等" would stand for only that one.
    let how_many = if names.len() == FINALIZE_NAMED + 1 {
        names.len()
    } else {
        FINALIZE_NAMED
    };
    let shown: Vec<&str> = names.iter().take(how_many).copied().collect();
    let more = if names.len() > how_many { "等" } else { "" };
    Some(format!("{}{more}", shown.join("、")))
}
