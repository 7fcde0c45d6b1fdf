//! The reason typed under an agreement's detail before a step back (退回草稿, 撤销打印, 撤销签订): the
//! 理由 field, the action's button (disabled until a reason the store takes is typed: a word,
//! not only punctuation) and its 取消.

use crate::ui::discard_question::{DiscardAnswer, DiscardQuestion};
use crate::ui::write_access::WriteAccess;

/// What the clerk did with the form this frame.
pub enum ReasonAnswer {
    /// Nothing yet.
    Waiting,
    /// Confirmed with this reason (trimmed).
    Confirmed(String),
    /// Gave it up.
    Cancelled,
}

/// Says under a reason field why its button stays grey when what is typed is no reason
/// ("。。", or spaces only); nothing while it is empty or a reason.
pub fn not_a_reason_note(ui: &mut egui::Ui, reason: &str) {
    if crate::model::reason::given(reason).is_none() && !reason.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            crate::model::reason::NOT_A_REASON,
        );
    }
}

/// The 理由 field and the buttons `confirm` and `cancel`; `missing` is said on the disabled
/// button while no reason is typed.
pub fn reason_form(
    ui: &mut egui::Ui,
    access: WriteAccess<'_>,
    reason: &mut String,
    (confirm, cancel, missing): (&str, &str, &str),
) -> ReasonAnswer {
    let label = ui.label("理由");
    let field = ui
        .add(
            egui::TextEdit::multiline(reason)
                .desired_rows(2)
                .desired_width(f32::INFINITY),
        )
        .labelled_by(label.id);
    // The form just opened (not drawn last frame): the keyboard goes to the reason.
    let drawn_id = field.id.with("reason_form_drawn");
    let frame = ui.ctx().cumulative_frame_nr();
    let drawn_before = ui.data(|d| d.get_temp::<u64>(drawn_id));
    if drawn_before.is_none_or(|drawn| drawn + 1 < frame) {
        field.request_focus();
    }
    ui.data_mut(|d| d.insert_temp(drawn_id, frame));
    let given = crate::model::reason::given(reason).map(str::to_owned);
    let (confirmed, cancelled) = ui
        .horizontal(|ui| {
            let confirmed = access
                .add_enabled(ui, given.is_some(), egui::Button::new(confirm))
                .on_disabled_hover_text(missing)
                .clicked();
            (confirmed, ui.button(cancel).clicked())
        })
        .inner;
    not_a_reason_note(ui, reason);
    // Esc in an empty field gives the step up, as 取消 does; with a reason typed it asks first
    // (放弃未保存的修改？, as the signing form does), and the keyboard stays in the field. In a
    // dialog of its own, the dialog asks on Esc.
    let is_inline = ui.ctx().memory(egui::Memory::top_modal_layer).is_none();
    let is_escape = crate::ui::enter_key::escaped_from(ui, &field);
    let is_escaped = is_escape && reason.trim().is_empty();
    let question_id = field.id.with("reason_form_discard");
    let mut question: DiscardQuestion = ui.data(|d| d.get_temp(question_id)).unwrap_or_default();
    if is_escape && !is_escaped {
        field.request_focus();
        if is_inline {
            question.ask_if(true);
        }
    }
    // 取消 with a reason typed asks too, as the signing form's does.
    let is_typed = !reason.trim().is_empty();
    if cancelled && is_typed {
        question.ask_if(true);
    }
    let is_discarded = question.show(ui.ctx()) == DiscardAnswer::Discard;
    ui.data_mut(|d| d.insert_temp(question_id, question));
    if let Some(reason) = given.filter(|_| confirmed) {
        ReasonAnswer::Confirmed(reason)
    } else if (cancelled && !is_typed) || is_escaped || is_discarded {
        ReasonAnswer::Cancelled
    } else {
        ReasonAnswer::Waiting
    }
}
