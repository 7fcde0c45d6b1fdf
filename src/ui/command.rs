//! What views ask the app to do; applied after the frame is drawn.

use crate::model::UnitDraft;

/// A request from a view.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Saves a new unit (`id` None) or changes one.
    SaveUnit {
        /// The unit edited, if not new.
        id: Option<i64>,
        /// The form's fields.
        draft: UnitDraft,
    },
    /// Archives or restores a unit.
    SetUnitActive {
        /// The unit.
        id: i64,
        /// True to restore.
        is_active: bool,
    },
    /// Loads the demo data (welcome dialog).
    LoadDemo,
    /// Starts an empty register with one year (welcome dialog).
    StartBlank {
        /// 甲方 name.
        party_a_name: String,
        /// The first year.
        year: i32,
    },
    /// Adds an assessment category.
    AddCategory(String),
    /// Renames an assessment category.
    RenameCategory {
        /// The category.
        id: i64,
        /// The new name.
        name: String,
    },
    /// Sets the operator name for the audit log.
    SetOperator(String),
}
