//! The keyboard for a field a button just added (a clause, a control target): the button asks
//! for it under a key naming the new field, and the field takes it when it is first drawn, so
//! that what the clerk types next goes into it.

use std::hash::Hash;

/// Where the pending request is kept, in egui's temporary memory.
fn slot() -> egui::Id {
    egui::Id::unique("new_field_focus")
}

/// Asks that the field drawn with `key` takes the keyboard.
pub(crate) fn ask(ui: &egui::Ui, key: impl Hash + std::fmt::Debug) {
    let wanted = egui::Id::unique(key);
    ui.data_mut(|data| data.insert_temp(slot(), wanted));
}

/// Gives the keyboard to `response`'s field if it was asked for under `key`.
pub(crate) fn take(ui: &egui::Ui, response: &egui::Response, key: impl Hash + std::fmt::Debug) {
    let wanted = egui::Id::unique(key);
    let is_asked = ui.data(|data| data.get_temp::<egui::Id>(slot())) == Some(wanted);
    if is_asked {
        response.request_focus();
        ui.data_mut(|data| data.remove::<egui::Id>(slot()));
    }
}
