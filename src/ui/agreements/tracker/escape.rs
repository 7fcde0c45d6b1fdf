//! Esc in the 责任书 list or an open detail keeps the keyboard in the list rather than letting
//! it drop to the top of the window (egui lets a widget's keyboard go on Esc): on a row it
//! closes the open detail, as 关闭 does, and the row keeps the keyboard; on one of the detail's
//! own buttons it closes the detail and gives the keyboard back to its row. A detail with a
//! form open, or unsaved clause edits, is left to them.

/// Where the keyboard was at the end of the last frame.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub(super) enum KeyboardWas {
    /// Nowhere the tracker answers Esc for (a field, a dialog, another screen).
    #[default]
    Elsewhere,
    /// On a row's name, or its tick box when true.
    OnRow(i64, bool),
    /// On a button of the open detail, no form open in it.
    InDetail,
}

/// Where the keyboard is now: on the row `on_row` names, else on a widget of the central
/// layer inside `detail` (the open detail's rect) that is no text field.
pub(super) fn keyboard_now(
    ui: &egui::Ui,
    on_row: Option<(i64, bool)>,
    detail: Option<egui::Rect>,
) -> KeyboardWas {
    if let Some((id, on_tick)) = on_row {
        return KeyboardWas::OnRow(id, on_tick);
    }
    let ctx = ui.ctx();
    let Some(focused) = ctx.memory(egui::Memory::focused) else {
        return KeyboardWas::Elsewhere;
    };
    let in_detail = (ctx.read_response(focused)).is_some_and(|response| {
        response.layer_id == ui.layer_id()
            && detail.is_some_and(|rect| rect.contains(response.rect.center()))
    });
    let is_text = egui::text_edit::TextEditState::load(ctx, focused).is_some();
    if in_detail && !is_text {
        KeyboardWas::InDetail
    } else {
        KeyboardWas::Elsewhere
    }
}

/// True when Esc was pressed this frame and took the keyboard from a widget (nothing has it
/// now), no dialog open.
pub(super) fn escaped(ui: &egui::Ui) -> bool {
    ui.input(|input| input.key_pressed(egui::Key::Escape))
        && ui
            .ctx()
            .memory(|m| m.focused().is_none() && m.top_modal_layer().is_none())
}
