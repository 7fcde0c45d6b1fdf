//! The date field of the bulk dialogs (标记已打印, 标记已签订): it has the keyboard when the
//! dialog opens, and Enter confirms while leaving the keyboard in it.

/// What happened in a dialog's date field this frame.
pub(super) struct TypedDate {
    /// The text changed (a message about the old date goes).
    pub is_changed: bool,
    /// Enter was pressed in it (the dialog confirms, as its button would).
    pub is_entered: bool,
}

/// The date field of the modal `id` (`label` and a `hint` such as "如 2025-03-12"), which has
/// the keyboard when the modal opens.
pub(super) fn date_field(
    ui: &mut egui::Ui,
    id: egui::Id,
    (label, hint): (&str, &str),
    text: &mut String,
) -> TypedDate {
    ui.horizontal(|ui| {
        let label = ui.label(label);
        let typed = ui
            .add(
                egui::TextEdit::singleline(text)
                    .hint_text(hint)
                    .desired_width(170.0),
            )
            .labelled_by(label.id);
        crate::ui::steady_modal::focus_on_open(ui, id, &typed);
        let is_entered = crate::ui::enter_key::pressed_in(ui, &typed);
        // Enter leaves a one-line field: the keyboard stays in it, so that a date refused (or
        // a note to read first) is corrected by typing on, without a click.
        if is_entered {
            typed.request_focus();
        }
        TypedDate {
            is_changed: typed.changed(),
            is_entered,
        }
    })
    .inner
}
