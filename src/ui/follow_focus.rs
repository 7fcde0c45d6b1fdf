//! Keeps the control the keyboard just moved to in sight inside a scrolled area: egui scrolls
//! an area for the wheel and the scroll bar, not for Tab, so a form taller than its panel (a
//! unit's clauses, the notice's wording) would take the keyboard out of sight.

/// Called at the end of a scrolled area's content (`salt` naming the area): when the keyboard
/// moved to a control drawn in it since the last call, the area scrolls just enough to show
/// that control whole.
pub fn follow_focus(ui: &egui::Ui, salt: &str) {
    let ctx = ui.ctx();
    let key = egui::Id::unique(("follow_focus", salt));
    let focused = ctx.memory(egui::Memory::focused);
    let before = ui.data(|d| d.get_temp::<Option<egui::Id>>(key)).flatten();
    if focused == before {
        return;
    }
    ui.data_mut(|d| d.insert_temp(key, focused));
    let Some(response) = focused.and_then(|id| ctx.read_response(id)) else {
        return;
    };
    // Only a control of this area cut off by its edge: one seen whole where it is (a button
    // beside the area, over content scrolled past) is left as it is.
    let is_cut = response.interact_rect != response.rect;
    if is_cut && ui.min_rect().contains_rect(response.rect) {
        ui.scroll_to_rect(response.rect, None);
    }
}
