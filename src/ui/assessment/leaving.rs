//! Leaving 考核 (another screen or year, or closing the window) with a value typed in a cell
//! and not saved yet: it is checked and saved as leaving the cell would save it, or, refused,
//! named in a message; the value stored stays. Also what the screen has refused or not yet
//! recorded, for the question asked on leaving.

use std::fmt::Write as _;

use crate::model::{Phase, Score};
use crate::ui::agreements::Context;
use crate::ui::command::Command;

use super::cells::{cell_label, check};
use super::navigation::CellKey;
use super::rows::half_of;

/// The write that saves `text`, typed in the cell `key`, when it is a good value that differs
/// from the stored one; or why it is refused, naming the cell.
pub fn typed_cell_write(
    context: &Context<'_>,
    key: CellKey,
    text: &str,
    reason: Option<&String>,
) -> Result<Option<Command>, String> {
    let Some(indicator) = (context.data.sets.iter())
        .flat_map(|set| &set.indicators)
        .find(|i| i.id == key.indicator_id)
    else {
        return Ok(None);
    };
    let mut score = (context.data.scores.iter())
        .find(|s| s.agreement_id == key.agreement_id && s.indicator_id == key.indicator_id)
        .cloned()
        .unwrap_or_else(|| Score::empty(key.agreement_id, key.indicator_id));
    let half = half_of(&mut score, key.half);
    let stored = *half;
    match check(text, stored, indicator.points) {
        Ok(value) if value == stored => Ok(None),
        Ok(value) => {
            *half = value;
            Ok(Some(Command::SetScore {
                score,
                reason: reason.cloned(),
            }))
        }
        Err(why) => {
            let unit = (context.data.agreements.iter())
                .find(|a| a.id == key.agreement_id)
                .and_then(|a| context.units.iter().find(|u| u.id == a.draft.unit_id))
                .map_or("", |u| u.fields.display_short_name());
            let cell = cell_label(unit, &indicator.name, key.half);
            Err(format!("离开考核页面时，{cell}中填写的值没有保存：{why}"))
        }
    }
}

impl super::AssessmentView {
    /// Leaving the screen or the year (or closing the window): a value typed in a cell and
    /// the note typed in the open detail are saved, as leaving the cell or Esc saves them, and
    /// the detail closes. Returns those writes, and why a typed value was refused, if it was.
    pub fn leave(&mut self, context: &Context<'_>) -> (Vec<Command>, Option<String>) {
        let typed = self.cells.take_typed();
        // A refusal shown was asked about before leaving (放弃修改): its marks go with it.
        self.cells.clear_refusals();
        let open_detail = self.detail.agreement_id();
        self.detail.close();
        self.detail_keyboard = None;
        let Some(year) = context.data.year.as_ref() else {
            return (Vec::new(), None);
        };
        let reason = self.reason_bar.given(year);
        // The run of changes the reason was given for ends with leaving the screen.
        self.reason_bar.clear();
        let is_published = year.phase == Phase::Published;
        if !context.access.can_write() || (is_published && reason.is_none()) {
            return (Vec::new(), None);
        }
        let mut writes = Vec::new();
        let mut refusal = None;
        if let Some((key, text)) = typed {
            match typed_cell_write(context, key, &text, reason.as_ref()) {
                Ok(write) => writes.extend(write),
                Err(why) => refusal = Some(why),
            }
        }
        let note = open_detail
            .and_then(|id| context.data.agreements.iter().find(|a| a.id == id))
            .and_then(|agreement| self.detail.note_change(context, agreement, reason.as_ref()));
        writes.extend(note);
        // One that could not be saved was asked about (放弃修改): given up.
        self.detail.discard_refused_note();
        (writes, refusal)
    }

    /// Why the note typed in the open detail cannot be saved (too long, a control character),
    /// if one is open and it cannot.
    #[must_use]
    pub fn refused_note(&self) -> Option<String> {
        self.detail.note_refusal()
    }

    /// Why the value typed in a cell and not saved yet would be refused, naming the cell; None
    /// when there is none, or it would be saved.
    #[must_use]
    pub fn refused_typed(&self, context: &Context<'_>) -> Option<String> {
        let (key, text) = self.cells.typed()?;
        let year = context.data.year.as_ref()?;
        let reason = self.reason_bar.given(year);
        typed_cell_write(context, key, text, reason.as_ref()).err()
    }

    /// Forgets what was typed for the data shown (cells, refusals, entries not recorded in
    /// units' details): the database was replaced (a restore, 清空数据), and agreement ids of
    /// the new data may name other agreements. The clerk's choices of the view stay.
    pub fn forget_typed(&mut self) {
        let (skips_self, help_folded) = (self.skips_self, self.help_folded);
        *self = Self {
            skips_self,
            help_folded,
            ..Self::default()
        };
    }

    /// Gives the value refused last back to its cell, with the keyboard (继续编辑 after
    /// leaving was asked about it).
    pub fn resume_refused(&mut self, ctx: &egui::Context) {
        self.cells.resume_refused(ctx);
    }

    /// The refusal shown above the grid, if nothing was saved after it.
    #[must_use]
    pub fn shown_refusal(&self) -> Option<&str> {
        self.cells.shown_refusal()
    }

    /// "考核中城关街道的加分、扣分或否决（未录入）" while one is typed in units' details but
    /// not recorded (it is kept while the window stays open), naming where; else empty.
    #[must_use]
    pub fn unsaved(&self, context: &Context<'_>) -> String {
        let ids = self.detail.agreements_with_typed_entries();
        if ids.is_empty() {
            return String::new();
        }
        let unit_of = |id: i64| {
            let agreement = context.data.agreements.iter().find(|a| a.id == id)?;
            let unit = (context.units.iter()).find(|u| u.id == agreement.draft.unit_id)?;
            Some(unit.fields.display_short_name().to_owned())
        };
        let names: Vec<String> = ids.iter().filter_map(|&id| unit_of(id)).collect();
        let mut shown = match names.len() {
            0 => String::new(),
            1..=3 => names.join("、"),
            count => {
                let first: Vec<&str> = names.iter().take(3).map(String::as_str).collect();
                format!("{}等 {count} 个单位", first.join("、"))
            }
        };
        // Typed while another year was shown: named by the year's absence, as they wait there.
        let elsewhere = ids.len() - names.len();
        if elsewhere > 0 {
            if !shown.is_empty() {
                shown.push('、');
            }
            let _ = write!(shown, "其他年度 {elsewhere} 个单位");
        }
        format!("考核中{shown}的加分、扣分或否决（未录入）")
    }
}
