//! The detail of one unit under the scoring grid: bonuses (加分) and deductions (扣分) with
//! their rule item, 事项 and reason, the 一票否决 with its condition and reason, and the note
//! of each indicator beside the unit's own 自评说明.
//!
//! The keyboard stays in the detail: its controls have ids of their own, so they keep the
//! keyboard when an entry or a message is added above them; after an adjustment is recorded
//! the keyboard goes back to 事项 for the next one. Esc closes an open dropdown and leaves the
//! keyboard on it; with none open, Esc closes the detail (what was typed in it is kept for
//! when it opens again, also while other units' details are shown) and the screen gives the
//! keyboard back to the grid. A read-only window
//! shows the entries, the veto and the notes without the fields and buttons that change them.

mod adjustment_form;
mod adjustment_list;
mod entry_list;
mod notes;
mod typed;
mod veto_panel;

use crate::model::{Agreement, IndicatorSet};

use super::agreements::Context;
use super::command::Command;
use super::pick::pick;
use adjustment_list::{DeletionQuestion, ask_deletion};
use typed::{Typed, VetoCondition};

/// The id of the 事项 field, which takes the keyboard after an adjustment is recorded.
fn matter_id() -> egui::Id {
    egui::Id::unique("assessment_detail_matter")
}

/// The id of the veto's reason, which takes the keyboard when a veto is refused without one.
fn veto_reason_id() -> egui::Id {
    egui::Id::unique("assessment_detail_veto_reason")
}

/// The id of the adjustment's 分值, which takes the keyboard when its value is refused.
fn points_id() -> egui::Id {
    egui::Id::unique("assessment_detail_points")
}

/// The id of the adjustment's 理由, which takes the keyboard when it is missing.
fn adjustment_reason_id() -> egui::Id {
    egui::Id::unique("assessment_detail_adjustment_reason")
}

/// Adds controls in a scope with an id of its own, so that their ids, and the keyboard on
/// them, stay put when entries or a message are added above them.
fn keyed<R>(
    ui: &mut egui::Ui,
    key: impl std::hash::Hash + std::fmt::Debug,
    add: impl FnOnce(&mut egui::Ui) -> R,
) -> R {
    let id = egui::Id::unique(("assessment_detail", key));
    ui.scope_builder(egui::UiBuilder::new().scope_id(id), add)
        .inner
}

/// What the screen is to do after the detail is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DetailOutcome {
    /// Nothing.
    Shown,
    /// Esc closed the detail: the keyboard goes back to the grid.
    ClosedByEscape,
}

/// A field of the detail that takes the keyboard as it is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FocusWanted {
    /// The note field (F2 on a cell).
    Note,
    /// The form's first field (加分): opened from the keyboard, the detail starts a new entry,
    /// not on an entry's 修改 listed before it.
    Form,
}

/// State of the detail under the grid.
#[derive(Default)]
pub struct RowDetail {
    agreement_id: Option<i64>,
    /// The agreement the typed fields below belong to; they are kept while it is closed.
    drafts_of: Option<i64>,
    /// The bonus, deduction or veto being typed for `drafts_of`.
    typed: Typed,
    note_indicator: Option<i64>,
    note: String,
    /// The note as stored when it was loaded: one saved before today's rules (longer than
    /// they allow) is not refused while it is left as it is.
    note_stored: String,
    /// Where the keyboard goes as the detail is next drawn, if anywhere.
    focus_wanted: Option<FocusWanted>,
    /// The field that takes the keyboard on the next frame: 事项 after a rule item was picked
    /// (in the frame of the pick, the Enter that picked it would take the focus out again),
    /// the field a refusal is about (in the frame of a mouse click, the click takes it out).
    focus_next: Option<egui::Id>,
    error: Option<String>,
    /// The detail's control that had the keyboard at the end of the last frame.
    last_focus: Option<egui::Id>,
    /// The height the detail needed last frame to show all of itself without scrolling.
    wanted_height: Option<f32>,
    /// The height of the form and of the veto and note column last frame, the higher: the
    /// list of entries beside them takes it.
    columns_height: f32,
    /// The agreement shown and the id of its newest bonus or deduction last frame (0 for
    /// none): an entry newer than it was just recorded, and is scrolled into sight.
    newest_entry: Option<(i64, i64)>,
    /// What was typed and not recorded in other units' details, kept while the clerk works
    /// on another unit and given back when theirs opens again.
    stashed: std::collections::HashMap<i64, Typed>,
    /// The bonus or deduction whose 删除 was clicked, asked about before it goes.
    deleting: Option<DeletionQuestion>,
    /// 撤销否决 was clicked: asked about before the veto goes (the grade changes with it).
    lifting_veto: bool,
    /// 一票否决 was clicked with a condition and a reason: asked about before it is recorded.
    setting_veto: Option<crate::model::Veto>,
    /// The veto panel's control that takes the keyboard once it is drawn again, after its
    /// question was answered (the question's buttons took the keyboard with them).
    veto_focus: Option<veto_panel::VetoFocus>,
    /// The shown refusal is the veto panel's: choosing a condition or typing a reason takes
    /// it away.
    is_veto_error: bool,
    /// The detail's first field (加分), where Tab from its last control goes, rather than out
    /// of the detail to the top of the window.
    first_field: Option<egui::Id>,
    /// The first entry's 修改, drawn before the form: Tab from the detail's last control comes
    /// round to it when there is one, so that the entries' 修改 and 删除 are reached too.
    first_entry: Option<egui::Id>,
    /// True when a control of the entries' list had the keyboard last frame: the list then
    /// follows the keyboard, not its newest entry at the bottom.
    entries_have_keyboard: bool,
}

/// What the three panels of the detail read: the year's data, the unit's indicators and
/// agreement, the reason given for a change after publication, and whether changes are allowed.
#[derive(Clone, Copy)]
struct Scope<'a> {
    context: &'a Context<'a>,
    set: &'a IndicatorSet,
    agreement: &'a Agreement,
    reason: Option<&'a String>,
    can_edit: bool,
}

impl RowDetail {
    /// Shows the detail of an agreement, with what was typed in it before if it was closed
    /// since or another unit's was shown meanwhile (a detail never opened starts empty).
    pub fn open(&mut self, agreement_id: i64) {
        // A note that cannot be saved is not dropped by going to another unit: the detail
        // stays, saying why, until it is shortened or cleared.
        if self.drafts_of.is_some_and(|shown| shown != agreement_id)
            && let Some(refusal) = self.note_refusal()
        {
            self.error = Some(format!("{refusal}：请先改短或清空这条说明，再看其他单位"));
            self.agreement_id = self.drafts_of;
            return;
        }
        if self.drafts_of != Some(agreement_id) {
            let typed = std::mem::take(&mut self.typed);
            if let Some(previous) = self.drafts_of
                && typed.has_entry()
            {
                self.stashed.insert(previous, typed);
            }
            let mut stashed = std::mem::take(&mut self.stashed);
            let typed = stashed.remove(&agreement_id).unwrap_or_default();
            *self = Self {
                drafts_of: Some(agreement_id),
                typed,
                stashed,
                ..Self::default()
            };
        }
        self.agreement_id = Some(agreement_id);
        self.error = None;
        self.last_focus = None;
        self.deleting = None;
        self.lifting_veto = false;
        self.setting_veto = None;
        self.veto_focus = None;
    }

    /// Closes the detail, keeping what was typed in it.
    pub fn close(&mut self) {
        self.agreement_id = None;
        self.last_focus = None;
        self.deleting = None;
        self.lifting_veto = false;
        self.setting_veto = None;
    }

    /// Shows the detail of an agreement with the note of one indicator ready to edit (F2 in a
    /// cell of the grid): the stored note, or the one typed for it before the detail closed.
    pub fn open_note(&mut self, agreement_id: i64, indicator_id: i64, note: &str) {
        let is_typed_here =
            self.drafts_of == Some(agreement_id) && self.note_indicator == Some(indicator_id);
        if self.agreement_id != Some(agreement_id) {
            self.open(agreement_id);
        }
        // Refused to leave a note that cannot be saved (see `open`): it stays.
        if self.note_refusal().is_some() && !is_typed_here {
            return;
        }
        if !is_typed_here {
            self.note_indicator = Some(indicator_id);
            note.clone_into(&mut self.note);
            note.clone_into(&mut self.note_stored);
        }
        self.focus_wanted = Some(FocusWanted::Note);
    }

    /// The agreements whose details hold a bonus, deduction or veto typed (points, 事项, reason)
    /// but not recorded, shown or not, in id order.
    #[must_use]
    pub fn agreements_with_typed_entries(&self) -> Vec<i64> {
        let shown = (self.drafts_of).filter(|_| self.typed.has_entry());
        let mut ids: Vec<i64> = shown
            .into_iter()
            .chain(self.stashed.keys().copied())
            .collect();
        ids.sort_unstable();
        ids.dedup();
        ids
    }

    /// Puts the keyboard in the form's first field as it is drawn (opened from the keyboard).
    pub fn focus_form(&mut self) {
        self.focus_wanted = Some(FocusWanted::Form);
    }

    /// The message of the detail's last refusal, if it shows one.
    #[must_use]
    pub fn error(&self) -> Option<&str> {
        self.error.as_deref()
    }

    /// Takes the refusal's message away (something was saved since).
    pub fn clear_error(&mut self) {
        self.error = None;
    }

    /// The agreement shown, if any.
    #[must_use]
    pub fn agreement_id(&self) -> Option<i64> {
        self.agreement_id
    }

    /// The height the detail needed last frame to show all of itself without scrolling (the
    /// screen gives the grid the rest), if it was shown.
    #[must_use]
    pub fn wanted_height(&self) -> Option<f32> {
        self.wanted_height
    }

    /// True when a detail is shown.
    #[must_use]
    pub fn is_open(&self) -> bool {
        self.agreement_id.is_some()
    }

    /// Draws the detail.
    // Each input is a separate borrow of the screen's loaded data; the panels get them as a `Scope`.
    #[allow(clippy::too_many_arguments)]
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        set: &IndicatorSet,
        agreement: &Agreement,
        unit: &str,
        reason: Option<&String>,
        can_edit: bool,
        commands: &mut Vec<Command>,
    ) -> DetailOutcome {
        // Esc goes back to the grid from the detail: from a control in it, or with the
        // keyboard nowhere (after a button in it was clicked and its action reloaded the data).
        // While a deletion (or lifting a veto) is asked about, Esc is the question's 取消.
        if let Some(id) = self.focus_next.take() {
            ui.memory_mut(|m| m.request_focus(id));
        }
        let nothing_focused = ui.memory(|m| m.focused().is_none());
        if (self.last_focus.is_some() || nothing_focused)
            && self.deleting.is_none()
            && !self.lifting_veto
            && self.setting_veto.is_none()
            && ui.input(|i| i.key_pressed(egui::Key::Escape))
        {
            if egui::Popup::is_any_open(ui.ctx()) {
                // Esc closes the dropdown (egui drops the keyboard): the keyboard stays on it.
                if let Some(focused) = self.last_focus {
                    ui.memory_mut(|m| m.request_focus(focused));
                }
            } else {
                // Esc after typing a note (F2) keeps it, as leaving a grid cell keeps its value;
                // one that cannot be saved keeps the detail open, the reason under the note.
                if can_edit && self.note_refusal().is_none() {
                    if let Some(save) = self.note_change(context, agreement, reason) {
                        commands.push(save);
                    }
                    self.close();
                    return DetailOutcome::ClosedByEscape;
                }
                if !can_edit {
                    self.close();
                    return DetailOutcome::ClosedByEscape;
                }
            }
        }
        let top = ui.cursor().top();
        let drawn = ui.scope(|ui| {
            self.contents(
                ui, context, set, agreement, unit, reason, can_edit, commands,
            )
        });
        let (panels_top, panels_height) = drawn.inner;
        self.wanted_height = Some(panels_top - top + panels_height);
        self.track_focus(ui, drawn.response.rect);
        if self.focus_next.is_some() {
            ui.ctx().request_repaint();
        }
        DetailOutcome::Shown
    }

    /// The write that saves the note typed for the chosen indicator, when it differs from the
    /// stored one.
    pub(super) fn note_change(
        &self,
        context: &Context<'_>,
        agreement: &Agreement,
        reason: Option<&String>,
    ) -> Option<Command> {
        let indicator_id = self.note_indicator?;
        let stored = context
            .data
            .scores
            .iter()
            .find(|s| s.agreement_id == agreement.id && s.indicator_id == indicator_id);
        let typed = self.note.trim();
        // A note the store would refuse is not sent: it stays typed, said under the field,
        // and leaving asks first (see `note_refusal`).
        if stored.map_or("", |s| s.note.trim()) == typed || self.note_refusal().is_some() {
            return None;
        }
        Some(Command::SetScoreNote {
            agreement_id: agreement.id,
            indicator_id,
            note: typed.to_owned(),
            reason: reason.cloned(),
        })
    }

    /// Gives up a note that cannot be saved, back to the one stored (the clerk answered
    /// 放弃修改 on leaving).
    pub(super) fn discard_refused_note(&mut self) {
        if self.note_refusal().is_some() {
            self.note = self.note_stored.clone();
        }
    }

    /// Why the note typed for the chosen indicator cannot be saved (too long, a control
    /// character), if it cannot.
    #[must_use]
    pub(super) fn note_refusal(&self) -> Option<String> {
        self.note_indicator?;
        if self.note.trim() == self.note_stored.trim() {
            return None;
        }
        crate::model::free_text::note_problem("评分说明", self.note.trim())
    }

    /// Remembers the detail's control that has the keyboard, for Esc; while a dropdown is open
    /// the keyboard may be in it, and the control that opened it is kept.
    fn track_focus(&mut self, ui: &egui::Ui, detail: egui::Rect) {
        let focused = ui.memory(egui::Memory::focused);
        let inside = focused.filter(|id| {
            ui.ctx().read_response(*id).is_some_and(|response| {
                response.layer_id == ui.layer_id() && detail.intersects(response.rect)
            })
        });
        if inside.is_some() || !egui::Popup::is_any_open(ui.ctx()) {
            self.last_focus = inside;
        }
    }

    // The same borrows as `show`.
    #[allow(clippy::too_many_arguments)]
    fn contents(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        set: &IndicatorSet,
        agreement: &Agreement,
        unit: &str,
        reason: Option<&String>,
        can_edit: bool,
        commands: &mut Vec<Command>,
    ) -> (f32, f32) {
        // A refusal goes on the heading's line after 关闭明细, one line however long (whole
        // on hover), so that neither the fields below nor the button move as it comes and
        // goes.
        ui.horizontal(|ui| {
            // The unit named large on the colour of the grid's selected row: the detail
            // follows the keyboard from row to row, and says at a glance whose it is.
            let mut heading = egui::text::LayoutJob::default();
            let style = ui.style();
            heading.append(
                unit,
                0.0,
                egui::TextFormat {
                    font_id: egui::FontId::proportional(17.0),
                    color: style.visuals.strong_text_color(),
                    background: style.visuals.selection.bg_fill,
                    ..Default::default()
                },
            );
            heading.append(
                "：加扣分、一票否决与说明",
                0.0,
                egui::TextFormat {
                    font_id: egui::TextStyle::Body.resolve(style),
                    color: style.visuals.strong_text_color(),
                    valign: egui::Align::Center,
                    ..Default::default()
                },
            );
            ui.label(heading);
            // For the mouse only: Esc closes the detail from the keyboard, and F3 or Enter on a
            // name put the keyboard in the detail's first field, not on this button, where a
            // stray Enter or Space would close what was just opened.
            let close = egui::Button::new("关闭明细").sense(egui::Sense::CLICK);
            if keyed(ui, "close", |ui| ui.add(close)).clicked() {
                self.close();
            }
            if let Some(error) = &self.error {
                ui.add(
                    egui::Label::new(
                        egui::RichText::new(error.as_str()).color(ui.visuals().error_fg_color),
                    )
                    // Cut to the line, it shows in full on hover (egui's own tooltip).
                    .truncate(),
                );
            }
        });
        // The panels scroll under the heading, so their lower fields are reachable in a low
        // window. Where they start and how high they are tell the screen what the detail needs.
        // Each unit's detail scrolls on its own: another unit's opens at its top, not half
        // cut off where the last one was left. Its bar beside the columns, not floating over
        // the ends of the right column's lines (set for the panels alone).
        let panels = ui
            .scope(|ui| {
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                egui::ScrollArea::vertical()
                    .id_salt(("assessment_detail", agreement.id))
                    .auto_shrink([false, true])
                    // A bar in sight says there is more below, in a low window.
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysVisible)
                    .show(ui, |ui| {
                        ui.columns(3, |columns| {
                            let [left, middle, right] = columns else {
                                return;
                            };
                            let scope = Scope {
                                context,
                                set,
                                agreement,
                                reason,
                                can_edit,
                            };
                            // The entries first: Tab goes through their 修改 and 删除 before the form,
                            // and from the last field of the detail comes round to the form, not to
                            // them (see `notes`).
                            self.entries(right, scope);
                            self.adjustments(left, scope, commands);
                            self.veto(middle, scope, commands);
                            middle.add_space(8.0);
                            self.notes(middle, scope, commands);
                            self.columns_height =
                                left.min_rect().height().max(middle.min_rect().height());
                        });
                        scroll_to_new_focus(ui);
                    })
            })
            .inner;
        (panels.inner_rect.top(), panels.content_size.y)
    }

    /// The form that records a bonus or deduction, or changes one chosen in the list.
    fn adjustments(&mut self, ui: &mut egui::Ui, scope: Scope<'_>, commands: &mut Vec<Command>) {
        ui.strong("加分与扣分");
        // The entry deleted, its buttons go with it: the keyboard goes to a new entry.
        if ask_deletion(ui.ctx(), &mut self.deleting, scope.reason, commands) {
            self.focus_wanted = Some(FocusWanted::Form);
        }
        ui.scope(|ui| {
            if !scope.context.access.can_write() {
                ui.disable();
            }
            self.adjustment_form(ui, scope, commands);
        });
    }
}

/// Brings a control that took the keyboard this frame (by Tab, say) into the scrolled view.
fn scroll_to_new_focus(ui: &egui::Ui) {
    let Some(id) = ui.memory(egui::Memory::focused) else {
        return;
    };
    if let Some(response) = ui.ctx().read_response(id)
        && response.gained_focus()
        // Only the detail's own controls: those within its scrolled content.
        && ui.min_rect().contains_rect(response.rect)
    {
        ui.scroll_to_rect(response.rect, None);
    }
}
