//! The list of a unit's bonuses and deductions in its detail: each entry names its rule item and
//! 事项, a bonus that does not count (another award of the same rule item and 事项 is higher)
//! says so, and lines under the list say when a rule's own limit (累计最多) cuts what its
//! entries add or take, and when the year's cap cuts the bonus. What counts is
//! the model's rule ([`counted_bonuses`]), so the list and the totals agree. Each entry has
//! its 删除 button, which asks once, naming the entry, before it goes, and its 修改 button,
//! which loads it into the form under the list to be changed in place.

use crate::model::assessment::{
    counted_bonuses, items_over_cap, matters_under_several_items, uncapped_bonus,
};
use crate::model::{Adjustment, AdjustmentKind, IndicatorSet, ItemKind};
use crate::ui::command::Command;

use super::{Scope, keyed};

pub use crate::model::assessment::NOT_COUNTED;

/// A 删除 clicked in the list, waiting for the clerk's answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct DeletionQuestion {
    /// The entry to delete.
    id: i64,
    /// "删除“经验做法被省级推广”的加分 2 分？".
    question: String,
    /// The entry's line in the list, in full.
    line: String,
}

impl DeletionQuestion {
    /// The entry to delete.
    pub(super) fn id(&self) -> i64 {
        self.id
    }
}

/// One entry of the list: its line, and whether it counts towards the total.
pub struct ListedAdjustment<'a> {
    /// The stored bonus or deduction.
    pub adjustment: &'a Adjustment,
    /// E.g. "加 2 分，经验做法被省级推广；事项：网格化隐患排查；理由：…".
    pub line: String,
    /// False for a bonus beaten by a higher one of the same rule item and 事项.
    pub counts: bool,
}

/// The entries of one agreement's list, in stored order.
#[must_use]
pub fn listed<'a>(adjustments: &[&'a Adjustment], set: &IndicatorSet) -> Vec<ListedAdjustment<'a>> {
    let owned: Vec<Adjustment> = adjustments.iter().map(|a| (*a).clone()).collect();
    adjustments
        .iter()
        .zip(counted_bonuses(&owned))
        .map(|(adjustment, is_counted)| ListedAdjustment {
            adjustment,
            line: adjustment_line(adjustment, set),
            counts: adjustment.kind == AdjustmentKind::Deduction || is_counted,
        })
        .collect()
}

/// The lines saying where a limit cuts the entries: each rule whose entries go past its own
/// limit, then the year's cap on the bonus.
#[must_use]
pub fn cap_lines(adjustments: &[&Adjustment], set: &IndicatorSet) -> Vec<String> {
    let owned: Vec<Adjustment> = adjustments.iter().map(|a| (*a).clone()).collect();
    let mut lines: Vec<String> = items_over_cap(&owned, &set.items)
        .iter()
        .map(|over| {
            let verb = if over.item.kind == ItemKind::Bonus {
                "加"
            } else {
                "扣"
            };
            format!(
                "“{}”共{verb} {} 分，超过本项累计最多{verb} {} 分，按 {} 分计入",
                over.item.name.trim(),
                over.entered,
                over.cap,
                over.cap
            )
        })
        .collect();
    for (matter, items) in matters_under_several_items(&owned, &set.items) {
        lines.push(format!(
            "事项“{matter}”记在“{}”{} 个加分项目下，各计一次；如是同一事项的不同级别，请只保留最高的一条",
            items.join("”“"),
            items.len()
        ));
    }
    let counted = uncapped_bonus(&owned, &set.items);
    let cap = set.bonus_cap;
    if counted > cap {
        // Said of the sum when an entry of it is passed over, not of a bonus alone.
        let is_passed_over = (owned.iter().zip(counted_bonuses(&owned)))
            .any(|(a, counts)| a.kind == AdjustmentKind::Bonus && !counts);
        let once = if is_passed_over {
            "（同一事项只计最高一次）"
        } else {
            ""
        };
        lines.push(format!(
            "加分合计 {counted} 分{once}，超过本年度加分上限 {cap} 分，按 {cap} 分计入总分"
        ));
    }
    lines
}

/// One stored bonus or deduction as the detail lists it, naming the rule item, the 事项 and
/// the reason, e.g. "加 2 分，经验做法被省级推广；事项：网格化隐患排查；理由：…" (no brackets
/// around the item, whose own name may end in "（每次）").
fn adjustment_line(adjustment: &Adjustment, set: &IndicatorSet) -> String {
    let sign = if adjustment.kind == AdjustmentKind::Bonus {
        "加"
    } else {
        "扣"
    };
    let item = adjustment
        .item_id
        .and_then(|id| set.items.iter().find(|i| i.id == id))
        .map(|i| headline(&i.name).to_owned());
    let labelled = |label: &str, text: &str| {
        let text = text.trim();
        (!text.is_empty()).then(|| format!("{label}：{text}"))
    };
    let parts: Vec<String> = item
        .into_iter()
        .chain(labelled("事项", &adjustment.matter))
        .chain(labelled("理由", &adjustment.reason))
        .collect();
    let head = format!("{sign} {} 分", adjustment.points);
    if parts.is_empty() {
        head
    } else {
        format!("{head}，{}", parts.join("；"))
    }
}

/// A rule item's name without the levels in brackets after it, as the list names it (the
/// whole name is in the item's dropdown): "经验做法被推广或表彰（国家级2分，省级1分…）" reads
/// "经验做法被推广或表彰".
fn headline(name: &str) -> &str {
    let name = name.trim();
    name.strip_suffix('）')
        .and_then(|open| open.rfind('（'))
        .filter(|&at| at > 0)
        .and_then(|at| name.get(..at))
        .unwrap_or(name)
}

/// The question asked before `adjustment` is deleted, naming it by its rule item, else its 事项
/// ("删除“经验做法被省级推广”的加分 2 分？"), else saying its reason ("删除这条扣分 2 分
/// （理由：…）？").
fn deletion_question(adjustment: &Adjustment, set: &IndicatorSet) -> String {
    let kind = if adjustment.kind == AdjustmentKind::Bonus {
        "加分"
    } else {
        "扣分"
    };
    let item = adjustment
        .item_id
        .and_then(|id| set.items.iter().find(|i| i.id == id))
        .map(|i| i.name.trim());
    let name = [item, Some(adjustment.matter.trim())]
        .into_iter()
        .flatten()
        .find(|name| !name.is_empty());
    let reason = adjustment.reason.trim();
    match name {
        Some(name) => format!("删除“{name}”的{kind} {} 分？", adjustment.points),
        // A reason is no name: said as the reason it is.
        None if !reason.is_empty() => {
            format!(
                "删除这条{kind} {} 分（理由：{reason}）？",
                adjustment.points
            )
        }
        None => format!("删除这条{kind} {} 分？", adjustment.points),
    }
}

/// Asks the question of a 删除 clicked in the list, while one waits: confirmed, the entry is
/// deleted (under the reason given for changing published results, if any); true then.
pub(super) fn ask_deletion(
    ctx: &egui::Context,
    deleting: &mut Option<DeletionQuestion>,
    reason: Option<&String>,
    commands: &mut Vec<Command>,
) -> bool {
    let Some(asked) = deleting.as_ref() else {
        return false;
    };
    let answer =
        crate::ui::confirm::ask_cancel_first(ctx, "delete_adjustment", "确认删除", |ui| {
            ui.label(&asked.question);
            ui.add(egui::Label::new(egui::RichText::new(&asked.line).weak()).wrap());
        });
    match answer {
        Some(true) => {
            commands.push(Command::DeleteAdjustment {
                id: asked.id,
                reason: reason.cloned(),
            });
            *deleting = None;
            true
        }
        Some(false) => {
            *deleting = None;
            false
        }
        None => false,
    }
}

/// The unit's bonuses and deductions, each with its 修改 button (which puts the entry in
/// `to_edit`) and its 删除 button (which puts its question in `deleting`); returns the newest
/// entry's id and where it was drawn, and the first 修改 that can be pressed (where Tab from
/// the detail's last control comes round to).
pub(super) fn adjustment_entries(
    ui: &mut egui::Ui,
    scope: Scope<'_>,
    own: &[&Adjustment],
    deleting: &mut Option<DeletionQuestion>,
    to_edit: &mut Option<Adjustment>,
) -> (Option<(i64, egui::Rect)>, Option<egui::Id>) {
    let newest_id = own.iter().map(|a| a.id).max();
    let mut newest = None;
    let mut first_button = None;
    let Scope {
        context,
        set,
        can_edit,
        ..
    } = scope;
    for entry in listed(own, set) {
        // The buttons first (修改 before 删除), then the entry wrapped in what is left of the
        // column, so that a long item name never runs under the next column.
        let id = entry.adjustment.id;
        let row = ui.horizontal_top(|ui| {
            let edit = keyed(ui, ("edit", entry.adjustment.id), |ui| {
                context.access.explain_or(
                    ui.add_enabled(can_edit, egui::Button::new("修改").small()),
                    crate::ui::assessment::cells::LOCKED_HINT,
                )
            });
            if edit.clicked() {
                *to_edit = Some(entry.adjustment.clone());
            }
            if edit.enabled() && first_button.is_none() {
                first_button = Some(edit.id);
            }
            let delete = keyed(ui, ("delete", entry.adjustment.id), |ui| {
                context.access.explain_or(
                    ui.add_enabled(can_edit, egui::Button::new("删除").small()),
                    crate::ui::assessment::cells::LOCKED_HINT,
                )
            });
            if delete.clicked() {
                *deleting = Some(DeletionQuestion {
                    id,
                    question: deletion_question(entry.adjustment, set),
                    line: entry.line.clone(),
                });
            }
            ui.vertical(|ui| {
                if entry.counts {
                    ui.add(egui::Label::new(&entry.line).wrap());
                } else {
                    ui.add(egui::Label::new(egui::RichText::new(&entry.line).weak()).wrap());
                    ui.colored_label(ui.visuals().warn_fg_color, NOT_COUNTED);
                }
            });
        });
        if Some(id) == newest_id {
            newest = Some((id, row.response.rect));
        }
    }
    (newest, first_button)
}

/// The line saying that deductions past the unit's base score and bonus did not count: the
/// total stops at zero (扣完为止) and would otherwise show 0 unexplained.
pub(super) fn past_zero_line(
    context: &crate::ui::agreements::Context<'_>,
    set: &IndicatorSet,
    agreement_id: i64,
) -> Option<String> {
    let year = context.data.year.as_ref()?;
    let data = &context.data;
    let inputs = crate::model::unit_inputs(
        set,
        &[agreement_id],
        &data.scores,
        &data.adjustments,
        &data.vetoes,
    );
    let row = crate::model::assessment::assess_category(year, set, &inputs).pop()?;
    // Said of a unit scored in full only: before that the base is still growing.
    let past = row.deduction_past_zero()?;
    Some(format!(
        "扣分共 {} 分，超过基础得分与加分之和 {} 分，超出的 {past} 分不计，总得分为 0 分（扣完为止）",
        row.deduction,
        row.base + row.bonus
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Points, RuleItem};

    fn set() -> IndicatorSet {
        IndicatorSet {
            id: 1,
            year: 2025,
            category_id: 1,
            bonus_cap: Points::whole(5),
            is_final: true,
            indicators: Vec::new(),
            items: vec![RuleItem {
                id: 7,
                kind: ItemKind::Bonus,
                name: "经验做法被省级推广".to_owned(),
                points: Points::whole(2),
                cap: None,
            }],
        }
    }

    fn bonus(matter: &str, points: i64) -> Adjustment {
        Adjustment {
            id: 1,
            agreement_id: 1,
            item_id: Some(7),
            kind: AdjustmentKind::Bonus,
            points: Points::whole(points),
            reason: "省应急厅发文推广".to_owned(),
            matter: matter.to_owned(),
        }
    }

    #[test]
    fn an_adjustment_names_its_rule_item_and_matter() {
        let set = set();
        let mut adjustment = bonus("grid", 2);
        assert_eq!(
            adjustment_line(&adjustment, &set),
            "加 2 分，经验做法被省级推广；事项：grid；理由：省应急厅发文推广"
        );
        adjustment.item_id = None;
        adjustment.matter.clear();
        adjustment.kind = AdjustmentKind::Deduction;
        assert_eq!(
            adjustment_line(&adjustment, &set),
            "扣 2 分，理由：省应急厅发文推广"
        );
    }

    #[test]
    fn the_deletion_question_names_the_entry() {
        let set = set();
        let mut adjustment = bonus("grid", 2);
        assert_eq!(
            deletion_question(&adjustment, &set),
            "删除“经验做法被省级推广”的加分 2 分？"
        );
        adjustment.item_id = None;
        adjustment.kind = AdjustmentKind::Deduction;
        assert_eq!(
            deletion_question(&adjustment, &set),
            "删除“grid”的扣分 2 分？"
        );
        adjustment.matter.clear();
        assert_eq!(
            deletion_question(&adjustment, &set),
            "删除这条扣分 2 分（理由：省应急厅发文推广）？"
        );
    }

    #[test]
    fn a_lower_award_of_the_same_matter_is_marked_and_the_cap_is_named() {
        let set = set();
        let deduction = Adjustment {
            kind: AdjustmentKind::Deduction,
            ..bonus("grid", 3)
        };
        let stored = [
            bonus("grid", 1),
            bonus("grid", 2),
            deduction,
            bonus("drill", 2),
        ];
        let refs: Vec<&Adjustment> = stored.iter().collect();
        let counts: Vec<bool> = listed(&refs, &set).iter().map(|l| l.counts).collect();
        assert_eq!(counts, [false, true, true, true]);
        assert!(cap_lines(&refs, &set).is_empty());
        let tight = IndicatorSet {
            bonus_cap: Points(350),
            ..set.clone()
        };
        assert_eq!(
            cap_lines(&refs, &tight),
            ["加分合计 4 分（同一事项只计最高一次），超过本年度加分上限 3.5 分，按 3.5 分计入总分"]
        );
        // One bonus alone above the cap: nothing passed over to speak of.
        let alone = [bonus("drill", 4)];
        let refs: Vec<&Adjustment> = alone.iter().collect();
        assert_eq!(
            cap_lines(&refs, &tight),
            ["加分合计 4 分，超过本年度加分上限 3.5 分，按 3.5 分计入总分"]
        );
    }

    #[test]
    fn a_rule_past_its_own_limit_is_named_with_what_counts() {
        let mut set = set();
        set.items[0].cap = Some(Points::whole(3));
        let stored = [bonus("grid", 2), bonus("drill", 2)];
        let refs: Vec<&Adjustment> = stored.iter().collect();
        assert_eq!(
            cap_lines(&refs, &set),
            ["“经验做法被省级推广”共加 4 分，超过本项累计最多加 3 分，按 3 分计入"]
        );
    }

    #[test]
    fn the_list_names_a_rule_without_its_levels_in_brackets() {
        assert_eq!(
            headline("经验做法被推广或表彰（国家级2分，省级1分，市级0.5分）"),
            "经验做法被推广或表彰"
        );
        assert_eq!(headline(" 经验做法被省级推广 "), "经验做法被省级推广");
        assert_eq!(headline("（仅括号）"), "（仅括号）");
    }
}
