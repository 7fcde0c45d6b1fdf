//! A typed value leaving its cell: saved (with the way to restore a value cleared by mistake)
//! or refused and marked, the keyboard kept in the cell when refused.

use crate::model::Points;
use crate::ui::command::Command;

use super::super::navigation::{Half, Stop};
use super::{CellEditor, CellSpec, Cleared, Refusal, check, select_all, shown, stop_id};

impl CellEditor {
    /// Keeps the keyboard in the cell of `stop`, its stored value shown and selected.
    pub(super) fn stay(&mut self, ui: &egui::Ui, stop: Stop, stored: Option<Points>) {
        let id = stop_id(stop);
        ui.memory_mut(|m| m.request_focus(id));
        select_all(ui.ctx(), id, &shown(stored));
        self.keyboard_stop = Some(stop);
    }

    /// Saves a typed value, or refuses it and marks the cell; false when refused.
    pub(super) fn commit(
        &mut self,
        spec: &CellSpec<'_>,
        text: &str,
        is_typed: bool,
        command: impl FnOnce(Option<Points>) -> Command,
        commands: &mut Vec<Command>,
    ) -> bool {
        // Spaces alone are no value typed (the Space that pressed 恢复原值 may arrive in the
        // cell it gives the keyboard to): the value stays; only a cell emptied clears it.
        if !text.is_empty() && text.trim().is_empty() {
            return true;
        }
        let checked = (check(text, spec.stored, spec.points)).and_then(|value| match spec.stored {
            Some(old)
                if value.is_none() && spec.keeps_assessed && spec.key.half == Half::Assessed =>
            {
                // As the store would refuse it, said in the cell: the value kept first, as
                // the line above the grid is cut at a narrow window's edge.
                Err(format!(
                    "已保留原值 {old}（{}）",
                    crate::store::CLEARED_AFTER_PUBLISHING
                ))
            }
            _ => Ok(value),
        });
        match checked {
            Ok(value) => {
                if is_typed || value != spec.stored {
                    self.refusals.retain(|r| r.key != spec.key);
                }
                if value != spec.stored {
                    let write = command(value);
                    // Cells emptied one after another are undone together; another value
                    // saved in between ends the run.
                    let goes_on = (self.cleared.last())
                        .is_some_and(|last| self.stamps.is_latest_write(last.stamp));
                    if !goes_on {
                        self.cleared.clear();
                    }
                    let stamp = self.stamps.write();
                    self.saved.push((spec.key, value));
                    if let (None, Some(old)) = (value, spec.stored)
                        && let Some(restore) = restoring(&write, spec.key.half, old)
                    {
                        self.cleared.push(Cleared {
                            key: spec.key,
                            label: spec.label.to_owned(),
                            old,
                            stamp,
                            restore,
                        });
                    }
                    commands.push(write);
                }
                true
            }
            Err(reason) => {
                self.refusals.retain(|r| r.key != spec.key);
                self.refusals.push(Refusal {
                    key: spec.key,
                    label: spec.label.to_owned(),
                    message: format!("{}：{reason}", spec.label),
                    stamp: self.stamps.refusal(),
                    kept: spec.stored,
                    typed: text.to_owned(),
                });
                false
            }
        }
    }
}

/// The write that undoes `write`, which emptied the `half` of a score that held `old`: the
/// same score with the value back (the message offering it goes once anything else is saved,
/// so the other half is still as written).
fn restoring(write: &Command, half: Half, old: Points) -> Option<Command> {
    let Command::SetScore { score, reason } = write else {
        return None;
    };
    let mut score = score.clone();
    *super::super::rows::half_of(&mut score, half) = Some(old);
    Some(Command::SetScore {
        score,
        reason: reason.clone(),
    })
}
