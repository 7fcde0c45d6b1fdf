//! What is typed in a unit's detail and not recorded yet: a bonus, deduction or veto, kept
//! with the unit while other units' details are shown. Points an item fills in by itself are
//! told apart from the clerk's own typing.

/// The fields of a unit's detail as typed: a bonus, deduction or veto not recorded yet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Typed {
    pub(super) is_bonus: bool,
    pub(super) item_id: Option<i64>,
    pub(super) points: String,
    /// The points the chosen item filled in by itself (empty when none): not the clerk's.
    pub(super) filled_points: String,
    pub(super) reason: String,
    /// 事项: bonuses of one rule item with the same 事项 count once, at the highest level.
    pub(super) matter: String,
    pub(super) veto_condition: VetoCondition,
    pub(super) veto_reason: String,
    /// The veto just lifted, put back in the fields so that one lifted by mistake is recorded
    /// again with one click: while the fields hold it unchanged, nothing new is typed.
    pub(super) lifted_veto: Option<(VetoCondition, String)>,
    /// The recorded bonus or deduction the fields above were loaded from by its 修改 button,
    /// changed in place when saved; none while a new one is typed.
    pub(super) editing: Option<i64>,
    /// A new bonus or deduction half typed when 修改 loaded a recorded one: put back once the
    /// change is saved or given up, not lost.
    pub(super) set_aside: Option<Box<Typed>>,
}

/// The 否决条件 chosen for a veto not recorded yet: none until the clerk picks one, so that
/// no condition reaches the notice by default.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(super) enum VetoCondition {
    /// Not chosen yet.
    #[default]
    Unchosen,
    /// One of the year's veto conditions.
    Item(i64),
    /// None of them (其他): the reason says what happened.
    Other,
}

impl Default for Typed {
    fn default() -> Self {
        Self {
            is_bonus: true,
            item_id: None,
            points: String::new(),
            filled_points: String::new(),
            reason: String::new(),
            matter: String::new(),
            veto_condition: VetoCondition::Unchosen,
            veto_reason: String::new(),
            lifted_veto: None,
            editing: None,
            set_aside: None,
        }
    }
}

impl Typed {
    /// True when an entry is typed (points, 事项, a reason), not only an item chosen (with the
    /// points it fills in by itself).
    pub(super) fn has_entry(&self) -> bool {
        let is_lifted_one = self
            .lifted_veto
            .as_ref()
            .is_some_and(|(condition, reason)| {
                *condition == self.veto_condition && *reason == self.veto_reason
            });
        self.has_typed_adjustment()
            || self.set_aside.is_some()
            || (!self.veto_reason.trim().is_empty() && !is_lifted_one)
    }

    /// True when a bonus or deduction is typed: 事项, a reason, or points of the clerk's own.
    pub(super) fn has_typed_adjustment(&self) -> bool {
        let points = self.points.trim();
        let has_own_points = !points.is_empty() && points != self.filled_points;
        has_own_points || !self.reason.trim().is_empty() || !self.matter.trim().is_empty()
    }

    /// Loads a recorded bonus or deduction into the fields, to be changed and saved in place.
    pub(super) fn edit(&mut self, adjustment: &crate::model::Adjustment) {
        // A new entry half typed is kept aside, to come back after the change; one already
        // aside (its change's entry deleted meanwhile) stays, the fields holding that entry.
        if self.editing.is_none() && self.set_aside.is_none() && self.has_typed_adjustment() {
            self.set_aside = Some(Box::new(Self {
                set_aside: None,
                ..self.clone()
            }));
        }
        self.is_bonus = adjustment.kind == crate::model::AdjustmentKind::Bonus;
        self.item_id = adjustment.item_id;
        self.points = adjustment.points.to_string();
        self.filled_points.clear();
        self.reason.clone_from(&adjustment.reason);
        self.matter.clone_from(&adjustment.matter);
        self.editing = Some(adjustment.id);
    }

    /// Ends a change (saved or given up): the new entry set aside when it began comes back to
    /// the fields; false when there was none (the fields are the caller's to clear).
    pub(super) fn end_edit(&mut self) -> bool {
        self.editing = None;
        let Some(aside) = self.set_aside.take() else {
            return false;
        };
        self.is_bonus = aside.is_bonus;
        self.item_id = aside.item_id;
        self.points = aside.points;
        self.filled_points = aside.filled_points;
        self.reason = aside.reason;
        self.matter = aside.matter;
        true
    }

    /// Puts the points of the chosen item (empty for none) in the 分值 field.
    pub(super) fn fill_points(&mut self, points: String) {
        self.filled_points.clone_from(&points);
        self.points = points;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn points_an_item_fills_in_are_not_typing_but_other_points_are() {
        let mut typed = Typed::default();
        assert!(!typed.has_entry());
        typed.fill_points("2".to_owned());
        assert!(!typed.has_entry(), "filled in by the item");
        typed.points = "3".to_owned();
        assert!(typed.has_entry(), "the clerk's own");
        typed.fill_points(String::new());
        typed.veto_reason = "瞒报".to_owned();
        assert!(typed.has_entry());
        assert!(!typed.has_typed_adjustment());
    }

    /// 修改 on a recorded entry while a new one is half typed: the new one is set aside and
    /// comes back when the change ends, not lost.
    #[test]
    fn an_entry_half_typed_comes_back_after_a_change() {
        let mut typed = Typed {
            matter: "半截事项".to_owned(),
            points: "3".to_owned(),
            ..Typed::default()
        };
        let recorded = crate::model::Adjustment {
            id: 7,
            agreement_id: 1,
            item_id: None,
            kind: crate::model::AdjustmentKind::Deduction,
            points: crate::model::Points::whole(2),
            reason: "迟报".to_owned(),
            matter: String::new(),
        };
        typed.edit(&recorded);
        assert_eq!((typed.editing, typed.reason.as_str()), (Some(7), "迟报"));
        assert!(typed.has_entry(), "still said to hold an entry (*)");
        assert!(typed.end_edit());
        assert_eq!(typed.editing, None);
        assert_eq!(
            (typed.matter.as_str(), typed.points.as_str()),
            ("半截事项", "3")
        );
        assert!(typed.is_bonus && typed.reason.is_empty());
        // Nothing set aside: the caller clears the fields.
        typed.matter.clear();
        typed.points.clear();
        typed.edit(&recorded);
        assert!(!typed.end_edit());
    }

    /// The entry being changed deleted meanwhile (`editing` dropped, the fields holding it):
    /// 修改 on another entry keeps the entry first set aside, not the deleted one.
    #[test]
    fn an_entry_set_aside_survives_a_second_change_after_a_deletion() {
        let mut typed = Typed {
            matter: "半截事项".to_owned(),
            ..Typed::default()
        };
        let entry = |id, reason: &str| crate::model::Adjustment {
            id,
            agreement_id: 1,
            item_id: None,
            kind: crate::model::AdjustmentKind::Deduction,
            points: crate::model::Points::whole(2),
            reason: reason.to_owned(),
            matter: String::new(),
        };
        typed.edit(&entry(7, "迟报"));
        // Deleted in another window: what the window does then.
        typed.editing = None;
        typed.edit(&entry(8, "漏报"));
        assert_eq!(typed.reason, "漏报");
        assert!(typed.end_edit());
        assert_eq!(typed.matter, "半截事项");
    }
}
