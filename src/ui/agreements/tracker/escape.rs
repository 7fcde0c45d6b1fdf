//! Esc in the 责任书 list or an open detail keeps the keyboard in the list rather than letting
//! it drop to the top of the window (egui lets a widget's keyboard go on Esc): on a row it
//! closes the open detail, as 关闭 does, and the row keeps the keyboard; on one of the detail's
//! own buttons it closes the detail and gives the keyboard back to its row. A detail with a
//! form open, or unsaved clause edits, is left to them.

/// Where the keyboard was at the end of the last frame.
#[derive(Debug, Default, Clone, Copy)]
pub(super) struct KeyboardWas {
    /// The row whose name (or tick box, when true) had it, by agreement.
    on_row: Option<(i64, bool)>,
    /// The widget that had it.
    focused: Option<egui::Id>,
    /// The open detail's rect, while Esc would close it (no form open, no unsaved edits).
    detail: Option<egui::Rect>,
}

/// Where Esc took the keyboard from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum EscapedFrom {
    /// A row's name, or its tick box when true.
    Row(i64, bool),
    /// A button of the open detail.
    Detail,
}

impl KeyboardWas {
    /// Notes where the keyboard is at the end of this frame (nothing else is read now: a
    /// widget's response read in a frame with a click elsewhere would give up its keyboard).
    pub(super) fn now(
        ui: &egui::Ui,
        on_row: Option<(i64, bool)>,
        detail: Option<egui::Rect>,
    ) -> Self {
        Self {
            on_row,
            focused: ui.ctx().memory(egui::Memory::focused),
            detail,
        }
    }

    /// Where Esc, pressed this frame, took the keyboard from (nothing has it now, no dialog
    /// is open): a row, or a widget of the central layer inside the open detail that is no
    /// text field; `None` when from anywhere else.
    pub(super) fn escaped(self, ui: &egui::Ui) -> Option<EscapedFrom> {
        let ctx = ui.ctx();
        let is_escaped = ui.input(|input| input.key_pressed(egui::Key::Escape))
            && ctx.memory(|m| m.focused().is_none() && m.top_modal_layer().is_none());
        if !is_escaped {
            return None;
        }
        if let Some((id, on_tick)) = self.on_row {
            return Some(EscapedFrom::Row(id, on_tick));
        }
        let (focused, detail) = self.focused.zip(self.detail)?;
        let is_text = egui::text_edit::TextEditState::load(ctx, focused).is_some();
        // Read now that it has no keyboard left to give up.
        let response = ctx.read_response(focused)?;
        let in_detail =
            response.layer_id == ui.layer_id() && detail.contains(response.rect.center());
        (in_detail && !is_text).then_some(EscapedFrom::Detail)
    }
}
