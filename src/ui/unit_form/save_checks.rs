//! What 保存 checks on the unit form before the command goes to the store: the fields' own
//! rules, a kind and a category chosen, the 排序号, and the names other units have (an archived
//! namesake, an active unit of the same name or short name), all said at once.

use crate::model::unit::{ARCHIVED_NAMESAKE_REFUSED, RENAMED_TO_ARCHIVED_NAMESAKE};
use crate::model::{Category, FieldError, UnitDraft, UnitField};
use crate::ui::command::Command;

use super::{FormNotes, UnitForm};

impl UnitForm {
    /// The command that saves the unit as typed, or `None` with the form's refusals shown
    /// (and the keyboard on the first field refused).
    pub(super) fn checked_on_save(
        &mut self,
        categories: &[Category],
        notes: &FormNotes<'_>,
    ) -> Option<Command> {
        let FormNotes {
            archived,
            sort_orders,
            units,
            ..
        } = *notes;
        let mut draft = self.draft.trimmed();
        // The number the unit has is taken as it is (see the store's limit).
        let kept = self.id.map(|_| self.opened_with.sort_order);
        let sort_order = UnitDraft::parse_sort_order_keeping(&self.sort_order_text, kept);
        if let Ok(number) = sort_order {
            draft.sort_order = number;
        }
        // A value the unit already had is not refused again (see
        // `UnitDraft::entry_problems`).
        self.errors = draft.validate_entry(crate::pdf::fonts::can_draw, Some(&self.opened_with));
        for error in &mut self.errors {
            error.message = crate::ui::drawable_text::drawable(&error.message);
        }
        if !self.kind_chosen {
            self.errors.push(FieldError {
                field: UnitField::Kind,
                message: "请选择单位类型".to_owned(),
            });
        }
        if !categories.iter().any(|c| c.id == draft.category_id) {
            self.errors.push(FieldError {
                field: UnitField::Category,
                message: "请选择考核类别".to_owned(),
            });
        }
        if let Err(message) = sort_order {
            self.errors.push(FieldError {
                field: UnitField::SortOrder,
                message,
            });
        }
        // A second unit of an archived unit's name would be drafted a second
        // agreement of a year the archived one has.
        let name = draft.name.as_str();
        if name != self.opened_with.name.trim() && archived.contains(&name) {
            self.errors.push(FieldError {
                field: UnitField::Name,
                message: if self.id.is_some() {
                    RENAMED_TO_ARCHIVED_NAMESAKE
                } else {
                    ARCHIVED_NAMESAKE_REFUSED
                }
                .to_owned(),
            });
        }
        // Said with the form's other refusals, not on a second 保存 (the store
        // checks it again). An archived unit (not among the active) may keep an
        // active unit's name, but not be renamed to one.
        let key = crate::model::unit_names::name_key(name);
        let is_active = (self.id).is_none_or(|own| sort_orders.iter().any(|(id, _, _)| *id == own));
        if (is_active || name != self.opened_with.name.trim())
            && self.errors.iter().all(|e| e.field != UnitField::Name)
            && let Some((_, _, other)) = (sort_orders.iter()).find(|(id, _, other)| {
                Some(*id) != self.id && crate::model::unit_names::name_key(other) == key
            })
        {
            self.errors.push(FieldError {
                field: UnitField::Name,
                message: crate::model::unit_names::name_taken(name, other),
            });
        }
        // As the store refuses it, said now with the rest: the name or short name
        // another active unit is shown under (of a unit whose names changed).
        let opened = self.opened_with.trimmed();
        let is_named_anew = self.id.is_none()
            || draft.name != opened.name
            || draft.display_short_name() != opened.display_short_name();
        if is_active && is_named_anew {
            let others = (units.iter()).filter(|u| u.is_active && Some(u.id) != self.id);
            for (field, message) in others.filter_map(|u| draft.clash_with(&u.fields, true)) {
                // One refusal a field: the first unit it clashes with.
                if self.errors.iter().all(|e| e.field != field) {
                    self.errors.push(FieldError { field, message });
                }
            }
        }
        if self.errors.is_empty() {
            return Some(Command::SaveUnit { id: self.id, draft });
        }
        let errors = std::mem::take(&mut self.errors);
        self.refuse(errors);
        None
    }
}
