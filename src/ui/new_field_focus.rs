//! The keyboard for a field a button just added (a clause, a control target): the button asks
//! for it under a key naming the new field, and the field takes it when it is drawn in the
//! next frames (scrolled into sight), so that what the clerk types next goes into it. A request no field took (the
//! field was not drawn) lapses, so it never takes the keyboard later.

use std::hash::Hash;

/// Frames a request waits for its field.
const FRAMES_TO_WAIT: u64 = 2;

/// Where the pending request is kept, in egui's temporary memory.
fn slot() -> egui::Id {
    egui::Id::unique("new_field_focus")
}

/// Asks that the field drawn with `key` takes the keyboard.
pub(crate) fn ask(ui: &egui::Ui, key: impl Hash + std::fmt::Debug) {
    let wanted = (egui::Id::unique(key), ui.ctx().cumulative_frame_nr());
    ui.data_mut(|data| data.insert_temp(slot(), wanted));
}

/// Gives the keyboard to `response`'s field if it was asked for under `key`; true when it did.
pub(crate) fn take(
    ui: &egui::Ui,
    response: &egui::Response,
    key: impl Hash + std::fmt::Debug,
) -> bool {
    let Some((wanted, asked_in)) = ui.data(|data| data.get_temp::<(egui::Id, u64)>(slot())) else {
        return false;
    };
    let now = ui.ctx().cumulative_frame_nr();
    if now > asked_in + FRAMES_TO_WAIT {
        ui.data_mut(|data| data.remove::<(egui::Id, u64)>(slot()));
        false
    } else if wanted == egui::Id::unique(key) {
        response.request_focus();
        // What the button put in the field (a clause's number) is kept: typing goes after it.
        let mut state = egui::TextEdit::load_state(ui.ctx(), response.id).unwrap_or_default();
        let end = egui::text::CCursor::new(usize::MAX);
        state
            .cursor
            .set_char_range(Some(egui::text::CCursorRange::one(end)));
        state.store(ui.ctx(), response.id);
        // Below the fold of a long form, the field comes into sight too (scrolled no further:
        // what is above it, the unit's name, stays in sight when it can).
        response.scroll_to_me(None);
        // The mouse click that pressed the button drops the focus of a field it lands beside,
        // in this frame: asked again in the next, which the click is over by.
        if ui.input(|i| i.pointer.any_released()) {
            ui.data_mut(|data| data.insert_temp(slot(), (wanted, now)));
        } else {
            ui.data_mut(|data| data.remove::<(egui::Id, u64)>(slot()));
        }
        true
    } else {
        false
    }
}
