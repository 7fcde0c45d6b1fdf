//! 设置 → 年度设置: the selected year's 甲方 and its signatory, the planned signing date (the
//! signing tracker counts overdue copies against it), the full score, the grade bands
//! ("以上含本数") and the phase. Setting the phase to 已通报 locks the year's scores; taking it
//! back asks for a reason. A refused phase change leaves the stored phase showing, under the
//! message that says why; only a missing reason keeps the chosen phase and its reason field,
//! with the keyboard in it, so the clerk types the reason and saves again.

use crate::model::{Phase, Year};

use super::command::Command;
use super::write_access::WriteAccess;
use super::year_form::{REASON_NEEDED, YearForm};

mod field_notes;
mod publish_question;

pub use publish_question::PublishFacts;

/// Said on the 满分 field while an indicator set of the year is final.
const FULL_SCORE_FIXED: &str =
    "本年度已有考核指标定稿，满分不能再修改；如确需修改，请先在“责任书 → 考核指标”中取消定稿";

/// Runtime state of the 年度设置 tab.
#[derive(Default)]
pub struct YearSettingsView {
    /// The settings the form was filled from; a reload with other settings refills it.
    source: Option<Year>,
    form: Option<YearForm>,
    error: Option<String>,
    /// The form as it was when the error was said: once it is edited, the error goes.
    error_for: Option<YearForm>,
    /// The height kept for the error under the buttons: two lines, or the most a longer error
    /// has taken since the year was shown, so that no field moves as errors come and go.
    error_room: f32,
    /// True to put the keyboard in the reason field on the next frame.
    focus_reason: bool,
    /// The field that had the keyboard last, which it goes back to after 保存年度设置 or 还原
    /// pressed from the keyboard.
    last_field: Option<egui::Id>,
    /// The field to give the keyboard back to in the next frame.
    refocus: Option<egui::Id>,
    /// Settings that publish the results, waiting for the clerk to confirm (see
    /// [`Self::ask_publish`]).
    to_publish: Option<Year>,
    /// True once the publishing question was answered 取消, until the app takes it.
    is_publish_cancelled: bool,
}

impl YearSettingsView {
    /// True (once) when the publishing question was just answered 取消.
    pub fn take_publish_cancelled(&mut self) -> bool {
        std::mem::take(&mut self.is_publish_cancelled)
    }

    /// True when the form holds edits not saved: settings that differ from the saved ones
    /// (the same date typed another way, or a reason alone, is no change), or text that is
    /// not valid settings yet.
    #[must_use]
    pub fn is_changed(&self) -> bool {
        match (&self.form, &self.source) {
            (Some(form), Some(source)) => {
                *form != YearForm::from_year(source)
                    && form
                        .to_year(source)
                        .map_or(true, |edited| edited != *source)
            }
            _ => false,
        }
    }

    /// Gives the form's edits up: it is filled from the saved settings again.
    pub fn discard_unsaved(&mut self) {
        self.source = None;
        self.form = None;
        self.error = None;
    }

    /// The settings publish the results and could be saved: the clerk is asked first.
    pub fn ask_publish(&mut self, year: Year) {
        self.error = None;
        self.to_publish = Some(year);
    }

    /// True while the publishing question waits for an answer.
    #[must_use]
    pub fn is_asking_publish(&self) -> bool {
        self.to_publish.is_some()
    }

    /// The app could not save the settings (e.g. 已通报 while units are unscored): the message
    /// stays under the form, and the phase shows the stored one again, as it was not changed.
    /// The other fields keep what was typed, to be corrected.
    pub fn refused(&mut self, message: String) {
        let mut message = message;
        if let (Some(form), Some(source)) = (&mut self.form, &self.source) {
            let phase_refused = form.phase != source.phase;
            form.phase = source.phase;
            // The other fields changed in the same save stay in the form, unsaved: said, so
            // that they are neither thought saved nor typed again.
            if phase_refused && *form != YearForm::from_year(source) {
                message = format!(
                    "{message}。年度阶段仍为“{}”；其余修改尚未保存，再点“保存年度设置”即可保存",
                    source.phase.label()
                );
            }
        }
        self.error = Some(message);
        self.error_for.clone_from(&self.form);
    }

    /// Draws the tab for the selected year; in a read-only window every field is disabled.
    /// `facts` are named in the question before publishing (agreements not yet 已签订, a
    /// notice without 发文字号).
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        year: Option<&Year>,
        facts: PublishFacts,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Some(year) = year else {
            ui.label("还没有考核年度：请先在“常规”中结转，或在欢迎页从空白开始");
            return;
        };
        if self.source.as_ref() != Some(year) {
            self.source = Some(year.clone());
            self.form = Some(YearForm::from_year(year));
            self.error = None;
            self.error_room = 0.0;
        }
        let Some(form) = &mut self.form else { return };
        ui.horizontal(|ui| {
            ui.strong(format!("{} 年度", year.year));
            // Where a clerk looks for them first: the actions on whole years live in 常规.
            ui.weak("（年度结转、删除年度在“常规”页）");
        });
        // The buttons above the fields: notes that come and go under a field as it is typed
        // in never move them from under the pointer. Nothing to save or take back until
        // something is changed (a published year's fields are locked until another phase is
        // chosen).
        let is_changed = *form != YearForm::from_year(year);
        let (save, restore) = ui
            .horizontal(|ui| {
                let save = access
                    .add_enabled(ui, is_changed, egui::Button::new("保存年度设置"))
                    .on_disabled_hover_text("年度设置没有修改");
                let restore = access
                    .add_enabled(ui, is_changed, egui::Button::new("还原"))
                    .on_disabled_hover_text("年度设置没有修改");
                (save, restore)
            })
            .inner;
        // Pressed from the keyboard, either button greys out at once and would leave the
        // keyboard nowhere: it goes back to the field edited last, Tab going on from there. In
        // the next frame: given now, the field would take this frame's Enter as its own.
        if let Some(field) = self.refocus.take() {
            ui.memory_mut(|m| m.request_focus(field));
        }
        let pressed_by_keyboard =
            (save.clicked() && save.has_focus()) || (restore.clicked() && restore.has_focus());
        if pressed_by_keyboard && self.last_field.is_some() {
            self.refocus = self.last_field;
            ui.ctx().request_repaint();
        }
        let is_restored = restore.clicked();
        // The error's room is kept, said or not, so that the fields under it never move as it
        // comes and goes (a click aimed at one would land in another).
        // A longer error than two lines widens the room, which then stays as wide.
        let two_lines =
            2.0 * ui.text_style_height(&egui::TextStyle::Body) + ui.spacing().item_spacing.y;
        let width = ui.available_width();
        // Broken as the documents break lines: no line ends with "（".
        let size = egui::TextStyle::Body.resolve(ui.style()).size;
        let error_text = self.error.as_ref().map(|error| {
            let broken = super::printed_lines::broken_as_printed(ui, &[error], (width, size));
            egui::RichText::new(broken.concat()).color(ui.visuals().error_fg_color)
        });
        let needed = error_text.clone().map_or(0.0, |text| {
            egui::WidgetText::from(text)
                .into_galley(
                    ui,
                    Some(egui::TextWrapMode::Wrap),
                    width,
                    egui::TextStyle::Body,
                )
                .size()
                .y
        });
        self.error_room = self.error_room.max(two_lines).max(needed);
        ui.allocate_ui(egui::vec2(width, self.error_room), |ui| {
            ui.set_min_height(self.error_room);
            if let Some(error) = self.error.as_deref() {
                let colour = ui.visuals().error_fg_color;
                super::printed_lines::label(ui, error, Some(colour));
            } else if access.can_write() {
                ui.weak("改好后点“保存年度设置”（或按 Ctrl+S、在输入框中按 Enter）；填写有误时在这里说明");
            }
        });
        // A message filling its room is not set against the first field.
        ui.add_space(4.0);
        // Drawn above the fields, before this frame's save or edit sets or clears it: a change
        // is drawn in the next frame, asked for below.
        let error_shown = self.error.clone();
        let focus_reason = std::mem::take(&mut self.focus_reason);
        let focused_before = ui.memory(egui::Memory::focused);
        access.scope(ui, |ui| {
            let said = error_shown.as_deref();
            Self::fields(ui, form, year, (access, &facts, said), focus_reason);
        });
        // Enter in one of the fields (each a single line) saves, as in the unit form: the
        // field lets go of the keyboard in the frame Enter is pressed.
        // The field typed in, for the keyboard to come back to after a button.
        let focused_now = ui.memory(egui::Memory::focused);
        if let Some(id) =
            focused_now.filter(|&id| egui::TextEdit::load_state(ui.ctx(), id).is_some())
        {
            self.last_field = Some(id);
        }
        let is_entered = focused_before
            .is_some_and(|id| egui::TextEdit::load_state(ui.ctx(), id).is_some())
            && ui.memory(egui::Memory::focused) != focused_before
            && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if self.error_for.as_ref() != Some(form) {
            self.error = None;
        }
        let is_changed = *form != YearForm::from_year(year);
        if save.clicked() || super::save_key::pressed(ui, &save) || (is_entered && is_changed) {
            // Saved on Enter, or refused: the keyboard back in the field Enter was pressed in
            // (which let go of it), as Ctrl+S leaves it there; Tab goes on from it.
            if is_entered && let Some(field) = focused_before {
                ui.memory_mut(|m| m.request_focus(field));
            }
            match form.to_year(year) {
                // The same settings typed another way ("2025/3/20"): nothing to write, the
                // fields shown as saved.
                Ok(edited) if edited == *year && form.reason.trim().is_empty() => {
                    self.error = None;
                    *form = YearForm::from_year(year);
                }
                Ok(edited) => {
                    self.error = None;
                    let reason = form.reason.trim();
                    commands.push(Command::SaveYear {
                        year: Box::new(edited),
                        reason: (!reason.is_empty()).then(|| reason.to_owned()),
                        is_confirmed: false,
                    });
                }
                Err(problem) => {
                    // Only the reason is missing: the chosen phase and its reason field
                    // stay, for the reason to be typed.
                    self.focus_reason = problem.starts_with(REASON_NEEDED);
                    self.error = Some(problem);
                    self.error_for = Some(form.clone());
                }
            }
        }
        if is_restored {
            *form = YearForm::from_year(year);
            self.error = None;
        }
        if self.error != error_shown {
            ui.ctx().request_repaint();
        }
        self.confirm_publish(ui.ctx(), facts, commands);
    }

    /// The fields of the form: 甲方, dates, full score, phase (with the reason when leaving
    /// 已通报) and the grade bands.
    fn fields(
        ui: &mut egui::Ui,
        form: &mut YearForm,
        year: &Year,
        (access, facts, said): (WriteAccess<'_>, &PublishFacts, Option<&str>),
        focus_reason: bool,
    ) {
        let unsigned = facts.unsigned;
        // Published results were made from these settings: they stay while the year stays
        // 已通报, open again once another phase is chosen (the store refuses a change too).
        let locked = year.phase == Phase::Published && form.phase == Phase::Published;
        // The example date is in the year edited, as the date usually is.
        let date_hint = format!("如 {}年3月15日", year.year);
        let on = field_notes::NoteContext {
            year,
            issued: facts.issued,
            signed: facts.signed,
            indicator_totals: &facts.indicator_totals,
            said,
            locked,
            today: chrono::Local::now().date_naive(),
        };
        egui::Grid::new("year_settings")
            .num_columns(2)
            .spacing([12.0, 6.0])
            .show(ui, |ui| {
                for (caption, value, width, hint) in [
                    (
                        "甲方名称",
                        &mut form.party_a_name,
                        260.0,
                        "如 示例市人民政府",
                    ),
                    (
                        "甲方签字人职务",
                        &mut form.signatory_title,
                        160.0,
                        "如 副市长、副县长",
                    ),
                    ("甲方签字人姓名", &mut form.signatory_name, 160.0, ""),
                    (
                        "计划签订日期",
                        &mut form.planned_signing_date,
                        160.0,
                        date_hint.as_str(),
                    ),
                    ("满分", &mut form.full_score, 60.0, "100"),
                ] {
                    let label = ui.label(caption);
                    // The full score is fixed once indicators add up to it and are final.
                    let is_fixed = caption == "满分" && facts.has_final_set;
                    // What is said of a field (why the full score is fixed, a date's year) is
                    // said right beside it, in the same cell, not a column away past the
                    // widest field.
                    ui.horizontal(|ui| {
                        let field = ui
                            .add_enabled(
                                !locked && !is_fixed,
                                // An id of its own: the error line above coming or going
                                // must not take the keyboard from the field typed in.
                                egui::TextEdit::singleline(value)
                                    .id_salt(("year_field", caption))
                                    .hint_text(hint)
                                    .desired_width(width)
                                    .min_size(egui::vec2(width, 0.0)),
                            )
                            .labelled_by(label.id);
                        // In a read-only window the window's reason is the one said.
                        if is_fixed && !locked && access.can_write() {
                            field.on_disabled_hover_text(FULL_SCORE_FIXED);
                            ui.weak("已有指标定稿，不能修改（悬停看原因）");
                        }
                        let notes = field_notes::field_notes(caption, value, &on);
                        // Said beside the field, in the same cell, so that nothing under it
                        // moves as it is typed; stacked notes one under the other.
                        for run in notes.chunk_by(|a, b| a.stacked && b.stacked) {
                            if run.iter().all(|note| note.stacked) {
                                ui.vertical(|ui| run.iter().for_each(|note| draw_note(ui, note)));
                            } else {
                                for note in run {
                                    draw_note(ui, note);
                                }
                            }
                        }
                    });
                    ui.end_row();
                }
                let label = ui.label("年度阶段");
                let mut picked = false;
                let phase = egui::ComboBox::from_id_salt("year_phase")
                    .selected_text(form.phase.label())
                    .show_ui(ui, |ui| {
                        // A published year goes back to 考核 only (corrected, then published
                        // again): the others are not offered, as saving would refuse them.
                        let is_published = year.phase == Phase::Published;
                        for phase in Phase::ALL.into_iter().filter(|&phase| {
                            !is_published || matches!(phase, Phase::Assessing | Phase::Published)
                        }) {
                            // A phase saving would refuse is greyed, its reason on hover.
                            match phase_refusal(phase, year.phase, facts) {
                                None => {
                                    picked |= super::pick::pick(
                                        ui,
                                        &mut form.phase,
                                        phase,
                                        phase.label(),
                                    );
                                }
                                Some(why) => {
                                    let item = egui::Button::selectable(false, phase.label());
                                    ui.add_enabled(false, item).on_disabled_hover_text(why);
                                }
                            }
                        }
                    })
                    .response
                    .labelled_by(label.id);
                // Read-only, the form's scope says why over it (see `WriteAccess::scope`).
                super::pick::keyboard_back(ui, &phase, picked);
                ui.end_row();
                // Moving on to 考核 with agreements still out is allowed (they can be signed
                // later), but said. (Publishing says its own facts when asked to confirm.)
                let moves_on = matches!(year.phase, Phase::Preparing | Phase::Signing)
                    && form.phase == Phase::Assessing;
                if moves_on && unsigned > 0 {
                    ui.label("");
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        format!("本年度还有 {unsigned} 份责任书尚未签订；改阶段后仍可继续签订"),
                    );
                    ui.end_row();
                }
                let moves_back = year.phase == Phase::Assessing
                    && matches!(form.phase, Phase::Preparing | Phase::Signing);
                if let Some(note) = moves_back
                    .then(|| {
                        crate::model::phase_notes::scores_stranded_note(
                            facts.entered,
                            facts.signed,
                            form.phase,
                        )
                    })
                    .flatten()
                {
                    ui.label("");
                    ui.colored_label(ui.visuals().warn_fg_color, note);
                    ui.end_row();
                }
                // In a published year the row is always there (usable once another phase is
                // chosen), so that choosing one moves nothing under the pointer.
                if year.phase == Phase::Published {
                    let label = ui.label("撤回通报的理由");
                    let reason = ui
                        .add_enabled(
                            form.phase != Phase::Published,
                            egui::TextEdit::singleline(&mut form.reason)
                                .id_salt("year_reason")
                                .hint_text("改为其他阶段时填写")
                                .desired_width(260.0)
                                .min_size(egui::vec2(260.0, 0.0)),
                        )
                        .labelled_by(label.id);
                    if focus_reason {
                        reason.request_focus();
                    }
                    ui.end_row();
                }
            });
        if locked {
            ui.weak(crate::store::PUBLISHED_SETTINGS_LOCKED);
        }
        ui.label("阶段为“已通报”时，本年度的评分锁定：此后的修改须写明理由并记入操作记录");
        if let Some(publication) = &facts.publication {
            ui.weak(publication);
        }
        ui.add_space(8.0);
        ui.strong("等次分数线（以上含本数，从高到低）");
        ui.add_enabled_ui(!locked, |ui| super::year_bands::show(ui, form));
        // Issued texts name the grades as they were ({等次}): said, as for the 甲方 above;
        // under the rows, so that the field typed in does not move as the line comes.
        let typed: Vec<&str> = form.bands.iter().map(|(name, _)| name.trim()).collect();
        let stored: Vec<&str> = (year.grade_bands.iter())
            .map(|band| band.name.trim())
            .collect();
        let renamed = typed != stored;
        if renamed && facts.issued > 0 && !locked {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                crate::model::phase_notes::issued_bands_note(facts.issued),
            );
        }
    }
}

/// Why the phase list does not offer `phase` to a year now at `current`: back to 筹备 once
/// agreements are frozen, on to 考核 while the year has no agreement to assess, on to 已通报
/// while the results cannot be published.
fn phase_refusal(phase: Phase, current: Phase, facts: &PublishFacts) -> Option<String> {
    match phase {
        Phase::Preparing if current != Phase::Preparing && facts.issued > 0 => Some(format!(
            "本年度已有 {} 份责任书定稿，年度阶段不能回到“筹备”",
            facts.issued
        )),
        Phase::Assessing
            if current != Phase::Assessing
                && facts.unsigned + facts.signed + facts.left_out.len() == 0 =>
        {
            Some(crate::workflow::notice::NO_AGREEMENTS_TO_ASSESS.to_owned())
        }
        Phase::Published if current != Phase::Published => {
            (facts.publish_refusal.as_deref()).map(|why| format!("还不能改为“已通报”：{why}"))
        }
        _ => None,
    }
}

/// Draws one note beside a field: short, the whole reason on hover. A stacked note keeps to
/// one line (wrapped, it would take the width of the field's row only).
fn draw_note(ui: &mut egui::Ui, note: &field_notes::FieldNote) {
    let colour = match note.tone {
        field_notes::Tone::Refused => ui.visuals().error_fg_color,
        field_notes::Tone::Warning => ui.visuals().warn_fg_color,
    };
    let label = egui::Label::new(egui::RichText::new(&note.text).color(colour));
    let shown = ui.add(if note.stacked { label.extend() } else { label });
    if let Some(hover) = &note.hover {
        shown.on_hover_text(hover);
    }
}

#[cfg(test)]
#[path = "year_settings_view_tests.rs"]
mod tests;
