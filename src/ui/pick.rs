//! One choice in a pull-down list, closing the list once chosen.

/// A choice chosen by a click, or from the keyboard by Space or Enter on it; the list then
/// closes (picked from the keyboard it would otherwise stay open over the fields under it).
/// True when it was chosen (the caller moves the keyboard on: the closed list's entries take
/// the focus with them).
pub fn pick<T: PartialEq>(ui: &mut egui::Ui, current: &mut T, value: T, text: &str) -> bool {
    let response = ui.selectable_label(*current == value, text);
    // The list opens with the keyboard on the current choice: ↓ then goes on to the next
    // one, as in other programs, rather than to the first (a ↓ and Enter meant to move one
    // step would otherwise pick the top of the list).
    if *current == value && opened_now(ui) {
        response.request_focus();
    }
    // The choice the keys moved to is framed, and brought into sight in a long list.
    crate::ui::focus_ring::show(ui, &response);
    let is_picked = response.clicked();
    if is_picked {
        *current = value;
        ui.close();
    }
    is_picked
}

/// True in the first two frames of the list holding `ui` (it was not drawn the frame before
/// the first); asked once per choice, answered the same for all of them. Two: a list opened by
/// a click has its keyboard taken away again as the click ends (egui lets go of the focus of
/// a widget a click lands beside), and ↓ would then only come to the current choice.
pub fn opened_now(ui: &egui::Ui) -> bool {
    let (seen, opened) = (
        ui.scope_id().with("pick_seen"),
        ui.scope_id().with("pick_opened"),
    );
    let pass = ui.ctx().cumulative_pass_nr();
    let last = ui.data(|d| d.get_temp::<u64>(seen));
    if last != Some(pass) {
        if last.is_none_or(|last| last.saturating_add(1) < pass) {
            ui.data_mut(|d| d.insert_temp(opened, pass));
        }
        ui.data_mut(|d| d.insert_temp(seen, pass));
    }
    ui.data(|d| d.get_temp::<u64>(opened))
        .is_some_and(|at| pass.saturating_sub(at) <= 1)
}

/// True when the list of `combo` (a `ComboBox`'s response, asked after it is drawn) closed
/// this frame with a choice (`picked`) or by Esc: the keyboard, taken away with the list's
/// entries, goes back to the list's field then, as with every list of the program (Tab goes
/// on to the next field). A click elsewhere leaves the keyboard where it was clicked.
pub fn list_closed(ui: &egui::Ui, combo: &egui::Response, picked: bool) -> bool {
    let is_open = egui::ComboBox::is_open(ui.ctx(), combo.id);
    popup_closed(ui, combo, is_open, picked)
}

/// As [`list_closed`], for any pop-up opened by `button` (a menu too), open now or not
/// (`is_open`).
pub fn popup_closed(ui: &egui::Ui, button: &egui::Response, is_open: bool, picked: bool) -> bool {
    let was_open_id = button.id.with("list_was_open");
    let was_open = ui.data(|d| d.get_temp::<bool>(was_open_id)) == Some(true);
    ui.data_mut(|d| d.insert_temp(was_open_id, is_open));
    picked || (was_open && ui.input(|i| i.key_pressed(egui::Key::Escape)))
}

/// Gives the keyboard back to `combo` once its list closed with a choice or by Esc (see
/// [`list_closed`]).
pub fn keyboard_back(ui: &egui::Ui, combo: &egui::Response, picked: bool) {
    if list_closed(ui, combo, picked) {
        combo.request_focus();
    }
}
