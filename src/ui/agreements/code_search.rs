//! The tracker's search box as the clerk types a name, a number or a verification code off a
//! paper copy: what it matches, and what it says when the year has no agreement with that code
//! now: the void code of an agreement sent back to 草稿 (named, with when and why, and a button
//! to open that agreement), or a button to look in every year.

use std::collections::BTreeSet;

use crate::model::agreement::{code_contains, is_code_prefix, typed_number, typed_serial};
use crate::model::{Agreement, Unit};
use crate::store::VoidedCode;
use crate::workflow::voided::voided_sentence;

use super::Command;

/// What the search box asks for, worked out once: the text as names are compared (see
/// [`crate::model::collation::folded`]) and the verification code it may be.
pub(super) struct Search {
    name: String,
    code: String,
    /// The agreement number typed ("2025-004"), if the text is one.
    number: Option<(i32, i64)>,
    /// The 序号 alone ("19"), as the tracker's first column shows it, if the text is one.
    serial: Option<i64>,
    /// The agreements whose void code was typed (see [`voided_matches`]).
    voided_ids: BTreeSet<i64>,
}

impl Search {
    /// The search for `text`, which also lists the agreements whose void codes hold it.
    pub(super) fn new(text: &str, voided: &[&VoidedCode]) -> Self {
        Self {
            name: crate::model::collation::folded(text),
            // A letter read off the paper for the digit it looks like (O for 0) still finds it.
            code: crate::model::agreement_code::searched_code(text),
            number: typed_number(text),
            serial: typed_serial(text),
            voided_ids: voided.iter().map(|v| v.agreement_id).collect(),
        }
    }

    /// True when the agreement's unit is named so (now, or as the agreement prints it:
    /// `printed`, the name before a rename), the agreement's code (or one of its void codes)
    /// holds what was typed, or it has the number typed.
    pub(super) fn matches(
        &self,
        agreement: &Agreement,
        unit: Option<&Unit>,
        printed: Option<&str>,
    ) -> bool {
        if self.name.is_empty() {
            return true;
        }
        // Two all-digit groups of a code read like a number ("2047-1180"): either is found.
        if let Some(number) = self.number {
            return number == (agreement.draft.year, agreement.draft.number)
                || has_code(agreement, &self.code);
        }
        let by_name = unit.is_some_and(|u| u.fields.is_named_like(&self.name))
            || printed.is_some_and(|p| crate::model::collation::folded(p).contains(&self.name));
        // A number off a unit's name ("1919" of "…1919号") finds that unit as well.
        if let Some(serial) = self.serial {
            return serial == agreement.draft.number || by_name;
        }
        by_name || has_code(agreement, &self.code) || self.voided_ids.contains(&agreement.id)
    }
}

/// True when `agreement`'s current code holds `code` (as [`typed_code`] gives it).
fn has_code(agreement: &Agreement, code: &str) -> bool {
    (agreement.content_hash.as_deref()).is_some_and(|hash| code_contains(hash, code))
}

/// The year's void codes holding the code typed in `text`, when no agreement of the year has
/// it now; none when the text is no code.
pub(super) fn voided_matches<'a>(
    text: &str,
    agreements: &[Agreement],
    voided: &'a [VoidedCode],
) -> Vec<&'a VoidedCode> {
    let Some(code) = code_not_in_year(text, agreements) else {
        return Vec::new();
    };
    voided
        .iter()
        .filter(|v| code_contains(&v.content_hash, &code))
        .collect()
}

/// The code typed in `text` (not a number) when none of the year's `agreements` has it now.
fn code_not_in_year(text: &str, agreements: &[Agreement]) -> Option<String> {
    let code = crate::model::agreement_code::searched_code(text);
    let is_missing = typed_number(text).is_none()
        && is_code_prefix(&code)
        && !agreements.iter().any(|a| has_code(a, &code));
    is_missing.then_some(code)
}

/// Says what a code typed in `text` is when the year has no agreement with that code now: the
/// void code of the year's agreement (with a button to open it; its id is returned when
/// clicked), else a button to look in every year (pushing [`Command::FindCode`]). Returns
/// whether it said anything.
pub(super) fn code_notice(
    ui: &mut egui::Ui,
    text: &str,
    agreements: &[Agreement],
    voided: &[VoidedCode],
    commands: &mut Vec<Command>,
    open: &mut Option<i64>,
) -> bool {
    let found = voided_matches(text, agreements, voided);
    for voided in &found {
        ui.colored_label(ui.visuals().warn_fg_color, voided_sentence(voided));
        if ui
            .button(format!("打开第 {} 号责任书", voided.number))
            .on_hover_text("查看该责任书的现行状态和文本")
            .clicked()
        {
            *open = Some(voided.agreement_id);
        }
    }
    if !found.is_empty() {
        return true;
    }
    let Some(code) = code_not_in_year(text, agreements) else {
        return false;
    };
    ui.horizontal_wrapped(|ui| {
        // A code typed with a slip is the likelier case: what to check, and what else finds
        // an agreement.
        ui.label("本年度没有这个校验码的责任书：请核对校验码（页脚“校验码”后的 12 位字母数字），或按单位名称、简称、序号、编号查找");
        if ui.button("在所有年度中查找").clicked() {
            commands.push(Command::FindCode(code));
        }
    });
    true
}
