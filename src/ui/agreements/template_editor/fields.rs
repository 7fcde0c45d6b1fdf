//! The template editor's fields: the title, preamble, section headings and clauses, each
//! captioned with its place; the buttons that add, move and remove clauses and sections, and
//! where the keyboard goes after them; and a placeholder put in at the cursor.

use crate::model::template::{Placeholder, TextPlace};
use crate::model::{Section, TemplateDraft};

use super::removal::Removed;

/// The template's text fields drawn so far, by place (kept across frames: a part removed
/// leaves fields no longer drawn, whose places may be drawn again), and whether their places
/// changed this frame (a clause or section moved or removed), which makes their typing
/// histories stale.
struct Drawn {
    ids: Vec<egui::Id>,
    is_reordered: bool,
}

impl Drawn {
    fn load(ctx: &egui::Context) -> Self {
        Self {
            ids: ctx.data(|d| d.get_temp::<Vec<egui::Id>>(drawn_id()).unwrap_or_default()),
            is_reordered: false,
        }
    }

    fn add(&mut self, id: egui::Id) {
        if !self.ids.contains(&id) {
            self.ids.push(id);
        }
    }

    /// Forgets every field's typing history once places changed: egui keeps it by the field's
    /// place, and Ctrl+Z in a clause moved there would bring back another clause's text.
    fn store(self, ctx: &egui::Context) {
        let is_asked = ctx
            .data_mut(|d| d.remove_temp::<bool>(reordered_id()))
            .is_some();
        if self.is_reordered || is_asked {
            for id in &self.ids {
                if let Some(mut state) = egui::TextEdit::load_state(ctx, *id) {
                    state.clear_undoer();
                    state.store(ctx, *id);
                }
            }
        }
        ctx.data_mut(|d| d.insert_temp(drawn_id(), self.ids));
    }
}

/// Says that the fields' texts changed places outside [`edit_fields`] (a removal put back, a
/// part removed after its question, the text given up or another shown): the fields' typing
/// histories are forgotten when next drawn.
pub(super) fn places_changed(ctx: &egui::Context) {
    ctx.data_mut(|d| d.insert_temp(reordered_id(), true));
}

fn reordered_id() -> egui::Id {
    egui::Id::unique("template_places_changed")
}

fn drawn_id() -> egui::Id {
    egui::Id::unique("template_fields_drawn")
}

/// One text field, captioned with its place as placeholder problems name it ("第 1 部分第 2 条");
/// true when it let the keyboard go (not on Esc, which keeps it there).
fn text_field(
    ui: &mut egui::Ui,
    text: &mut String,
    field: TextPlace,
    multiline: bool,
    (last, focused, drawn): (
        &mut Option<(TextPlace, egui::Id)>,
        &mut Option<TextPlace>,
        &mut Drawn,
    ),
) -> bool {
    let label = ui.label(field.to_string());
    // A fixed id per field: a message appearing above the fields (an unclosed brace while
    // typing) must not move the focus away from the field being typed in.
    let edit = if multiline {
        egui::TextEdit::multiline(text)
            .desired_rows(2)
            .desired_width(f32::INFINITY)
    } else {
        egui::TextEdit::singleline(text).desired_width(f32::INFINITY)
    }
    .id_salt(("template_field", field));
    let response = ui.add(edit).labelled_by(label.id);
    // Left empty where saving refuses it: framed red, to be found among the fields (not while
    // the keyboard is in it: a clause just added is being typed).
    let is_blank = !response.has_focus()
        && match field {
            TextPlace::Clause(..) => crate::model::tailoring::is_blank_clause(text),
            TextPlace::Heading(_) | TextPlace::Title => text.trim().is_empty(),
            TextPlace::Preamble => false,
        };
    if is_blank {
        crate::ui::red_frame::frame_red(ui, &response);
    }
    crate::ui::enter_key::keep_on_escape(ui, &response);
    drawn.add(response.id);
    // A field given the keyboard by a button (a clause just added, or the one now in the place
    // of a clause removed) is where the cursor blinks: a placeholder goes there too.
    let is_given = crate::ui::new_field_focus::take(ui, &response, ("template_field", field));
    // Kept once the field lets go (a click on a placeholder button takes its focus); not set
    // again as it lets go, which after a clause was moved is another clause's place, nor as Tab
    // passes through it.
    if is_given || crate::ui::placeholder_insert::is_worked_in(ui, &response) {
        *last = Some((field, response.id));
    }
    if response.has_focus() {
        *focused = Some(field);
    }
    response.lost_focus() && !crate::ui::enter_key::escaped_from(ui, &response)
}

/// The number a clause added at the end of a section starts with: "（四）" after three
/// numbered clauses, "（一）" in a section still empty; nothing in a section whose clauses are
/// not numbered.
fn next_clause_number(clauses: &[String]) -> String {
    let numbered = (clauses.iter())
        .filter(|c| crate::model::tailoring::numbered_rest(c).is_some())
        .count();
    if numbered == 0 && !clauses.is_empty() {
        String::new()
    } else {
        format!(
            "（{}）",
            crate::model::template::chinese_ordinal(numbered + 1)
        )
    }
}

/// Draws the template's fields; a section holding clauses is not removed here but put in
/// `removing`, for the question; what a 删去 removed is put in `removed`.
pub(super) fn edit_fields(
    ui: &mut egui::Ui,
    draft: &mut TemplateDraft,
    (mut last, focused): (Option<(TextPlace, egui::Id)>, &mut Option<TextPlace>),
    removing: &mut Option<usize>,
    removed: &mut Option<Removed>,
) -> Option<(TextPlace, egui::Id)> {
    let mut drawn = Drawn::load(ui.ctx());
    text_field(
        ui,
        &mut draft.title_pattern,
        TextPlace::Title,
        false,
        (&mut last, focused, &mut drawn),
    );
    text_field(
        ui,
        &mut draft.preamble,
        TextPlace::Preamble,
        true,
        (&mut last, focused, &mut drawn),
    );
    // A line always kept for it, so that the fields below stay put as it comes and goes.
    let notes = crate::model::punctuation::clause_notes(&draft.preamble);
    if notes.is_empty() {
        ui.weak(" ");
    } else {
        ui.weak(format!("序言{}", notes.join("；")));
    }
    let sections = draft.sections.len();
    let mut section_action = None;
    for (s, section) in draft.sections.iter_mut().enumerate() {
        ui.separator();
        text_field(
            ui,
            &mut section.heading,
            TextPlace::Heading(s),
            false,
            (&mut last, focused, &mut drawn),
        );
        let clauses = section.clauses.len();
        let mut clause_action = None;
        let mut is_left = false;
        for (c, clause) in section.clauses.iter_mut().enumerate() {
            is_left |= text_field(
                ui,
                clause,
                TextPlace::Clause(s, c),
                true,
                (&mut last, focused, &mut drawn),
            );
            // Wrapped: on a narrow window the buttons go on a second line rather than run
            // over the preview beside.
            ui.horizontal_wrapped(|ui| {
                let moved_here = take_moved(ui, (s, Some(c)));
                if let Some(action) = move_buttons(ui, (c, clauses), "本条", moved_here) {
                    clause_action = Some(action);
                }
                if ui
                    .small_button(format!("删去第 {} 部分第 {} 条", s + 1, c + 1))
                    .clicked()
                {
                    clause_action = Some(Reorder::Remove(c));
                }
                // Beside the buttons, so that it moves nothing when it comes or goes.
                let notes = crate::model::punctuation::clause_notes(clause);
                if !notes.is_empty() {
                    ui.weak(format!("本条{}", notes.join("；")));
                }
            });
        }
        if let Some(action) = clause_action {
            if let Reorder::Remove(index) = action
                && let Some(text) = section.clauses.get(index)
            {
                *removed = Some(Removed::Clause {
                    section: s,
                    index,
                    text: text.clone(),
                });
            }
            action.apply(&mut section.clauses);
            drawn.is_reordered = true;
            // The place clicked last now holds another clause: a placeholder waits for a new
            // click rather than land in it.
            last = None;
            keyboard_after(ui, action, section.clauses.len(), |c| {
                ((s, Some(c)), TextPlace::Clause(s, c))
            });
        }
        // Numbers typed out of order are counted again once the clerk leaves the clause, as the
        // preview and the agreements count them.
        if clause_action.is_some() || is_left {
            crate::document::agreement::renumber_template_clauses(&mut section.clauses);
        }
        ui.horizontal_wrapped(|ui| {
            if ui
                .small_button(format!("在第 {} 部分增加条款", s + 1))
                .clicked()
            {
                section.clauses.push(next_clause_number(&section.clauses));
                let added = TextPlace::Clause(s, section.clauses.len() - 1);
                crate::ui::new_field_focus::ask(ui, ("template_field", added));
            }
            let moved_here = take_moved(ui, (s, None));
            if let Some(action) = move_buttons(ui, (s, sections), "本部分", moved_here) {
                section_action = Some(action);
            }
            if ui.small_button(format!("删去第 {} 部分", s + 1)).clicked() {
                if section.clauses.is_empty() {
                    section_action = Some(Reorder::Remove(s));
                } else {
                    *removing = Some(s);
                }
            }
        });
    }
    if let Some(action) = section_action {
        if let Reorder::Remove(index) = action
            && let Some(section) = draft.sections.get(index)
        {
            *removed = Some(Removed::Section {
                index,
                section: section.clone(),
            });
        }
        action.apply(&mut draft.sections);
        drawn.is_reordered = true;
        last = None;
        keyboard_after(ui, action, draft.sections.len(), |s| {
            ((s, None), TextPlace::Heading(s))
        });
    }
    // Its title left to be written (an empty one is not saved), the keyboard in it: no
    // stand-in title that would print if forgotten.
    if ui.button("增加一部分").clicked() {
        draft.sections.push(Section {
            heading: String::new(),
            clauses: Vec::new(),
        });
        let added = TextPlace::Heading(draft.sections.len() - 1);
        crate::ui::new_field_focus::ask(ui, ("template_field", added));
    }
    drawn.store(ui.ctx());
    last
}

/// A change to the order of clauses or sections.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Reorder {
    Up(usize),
    Down(usize),
    Remove(usize),
}

impl Reorder {
    fn apply<T>(self, items: &mut Vec<T>) {
        match self {
            Self::Up(index) if index > 0 && index < items.len() => items.swap(index - 1, index),
            Self::Down(index) if index + 1 < items.len() => items.swap(index, index + 1),
            Self::Remove(index) if index < items.len() => {
                items.remove(index);
            }
            _ => {}
        }
    }
}

/// 上移/下移 buttons for item `index` of `count`; `what` names it ("本条", "本部分"). The item
/// just moved here by one of them (`moved_here`: up or down) has that button take the keyboard
/// again, so that Enter moves the same item on (or its other button, at the end it reached).
fn move_buttons(
    ui: &mut egui::Ui,
    (index, count): (usize, usize),
    what: &str,
    moved_here: Option<Reorder>,
) -> Option<Reorder> {
    let mut action = None;
    let up = ui.add_enabled(index > 0, egui::Button::new(format!("{what}上移")).small());
    if up.clicked() {
        action = Some(Reorder::Up(index));
    }
    let down = ui.add_enabled(
        index + 1 < count,
        egui::Button::new(format!("{what}下移")).small(),
    );
    if down.clicked() {
        action = Some(Reorder::Down(index));
    }
    match moved_here {
        Some(Reorder::Up(_)) if up.enabled() => up.request_focus(),
        Some(Reorder::Up(_) | Reorder::Down(_)) if down.enabled() => down.request_focus(),
        Some(Reorder::Down(_)) if up.enabled() => up.request_focus(),
        _ => {}
    }
    action
}

/// Where the keyboard goes once a clause or section was moved or removed by its button
/// (`action`), `count` of them now left; `at` gives the place of the one at an index (its
/// section and clause, or the section alone) and its text field. After a move, to the same
/// button of the item moved (see [`move_buttons`]); after a removal, into the text of the
/// item now in its place, not onto the next one's 删去, where a second Enter would remove that
/// one too.
pub(super) fn keyboard_after(
    ui: &egui::Ui,
    action: Reorder,
    count: usize,
    at: impl Fn(usize) -> ((usize, Option<usize>), TextPlace),
) {
    let moved_to = match action {
        Reorder::Up(index) => index.checked_sub(1),
        Reorder::Down(index) => Some(index + 1),
        Reorder::Remove(index) => {
            if count > 0 {
                let (_, field) = at(index.min(count - 1));
                crate::ui::new_field_focus::ask(ui, ("template_field", field));
            }
            None
        }
    };
    if let Some(to) = moved_to.filter(|to| *to < count) {
        let (place, _) = at(to);
        ui.data_mut(|d| d.insert_temp(moved_id(), (place, action)));
    }
}

/// The item just moved to `place`, if it is this one (taken: asked once).
fn take_moved(ui: &egui::Ui, place: (usize, Option<usize>)) -> Option<Reorder> {
    let moved = ui.data(|d| d.get_temp::<((usize, Option<usize>), Reorder)>(moved_id()))?;
    (moved.0 == place).then(|| {
        ui.data_mut(|d| d.remove::<((usize, Option<usize>), Reorder)>(moved_id()));
        moved.1
    })
}

/// Where the item moved last is kept until its buttons are drawn again.
fn moved_id() -> egui::Id {
    egui::Id::unique("template_item_moved")
}

pub(super) fn insert_placeholder(
    ctx: &egui::Context,
    draft: &mut TemplateDraft,
    last: Option<(TextPlace, egui::Id)>,
    placeholder: Placeholder,
) {
    let Some((field, id)) = last else { return };
    let text = match field {
        TextPlace::Title => Some(&mut draft.title_pattern),
        TextPlace::Preamble => Some(&mut draft.preamble),
        TextPlace::Heading(s) => draft
            .sections
            .get_mut(s)
            .map(|section| &mut section.heading),
        TextPlace::Clause(s, c) => draft
            .sections
            .get_mut(s)
            .and_then(|section| section.clauses.get_mut(c)),
    };
    let Some(text) = text else { return };
    let token = format!("{{{}}}", placeholder.name());
    crate::ui::placeholder_insert::insert_at_cursor(ctx, id, text, &token);
}
