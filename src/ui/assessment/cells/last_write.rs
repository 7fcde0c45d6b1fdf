//! The latest value saved from a cell, and its undoing: Ctrl+Z in a cell with nothing typed
//! puts the cell saved last back as it was (a slip noticed after Tab is taken back as in a
//! spreadsheet), and an emptied cell is said above the grid with a button that does the same.

use super::CellEditor;
use crate::model::Points;
use crate::model::punctuation::quoted;
use crate::ui::assessment::navigation::Half;
use crate::ui::command::Command;

/// The latest value saved from a cell, with the write that undoes it.
pub(super) struct LastWrite {
    /// The cell's label, e.g. "城关街道 组织领导 考核".
    label: String,
    /// What the cell held before, and holds now.
    old: Option<Points>,
    new: Option<Points>,
    /// The write's stamp: it is undone only while nothing was saved after it.
    pub(super) stamp: u64,
    /// The write that puts the old value back.
    restore: Command,
}

impl LastWrite {
    /// The latest write `write` of a cell labelled `label`, from `old` to `new`; nothing when
    /// it is not a score's write.
    pub(super) fn new(
        label: &str,
        write: &Command,
        half: Half,
        (old, new): (Option<Points>, Option<Points>),
        stamp: u64,
    ) -> Option<Self> {
        let Command::SetScore { score, reason } = write else {
            return None;
        };
        let mut score = score.clone();
        *crate::ui::assessment::rows::half_of(&mut score, half) = old;
        Some(Self {
            label: label.to_owned(),
            old,
            new,
            stamp,
            restore: Command::SetScore {
                score,
                reason: reason.clone(),
            },
        })
    }

    /// "已清除“城关街道 组织领导 考核”的分值（原为 5）" when the write emptied the cell
    /// (emptying deletes the score: the unit is no longer fully scored).
    pub(super) fn cleared_message(&self) -> Option<String> {
        match (self.old, self.new) {
            (Some(old), None) => Some(format!("已清除{}的分值（原为 {old}）", quoted(&self.label))),
            _ => None,
        }
    }
}

/// What an undo put back, said above the grid until the next value is saved.
pub(super) struct Undone {
    pub(super) message: String,
    pub(super) stamp: u64,
}

impl CellEditor {
    /// Undoes the latest write while nothing was saved after it: true when it did.
    pub(super) fn undo_last_write(&mut self, commands: &mut Vec<Command>) -> bool {
        let Some(last) = self
            .last_write
            .take()
            .filter(|last| self.stamps.is_latest_write(last.stamp))
        else {
            return false;
        };
        let back = last
            .old
            .map_or_else(|| "（空）".to_owned(), |old| old.to_string());
        commands.push(last.restore);
        let stamp = self.stamps.write();
        self.undone = Some(Undone {
            message: format!("已撤销上一次录入：{}恢复为 {back}", quoted(&last.label)),
            stamp,
        });
        true
    }
}
