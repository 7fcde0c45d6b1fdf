//! The detail of one agreement: its facts, the copies it is signed in (changeable while 草稿),
//! the per-unit tailoring (control targets and clauses) with what differs from the template,
//! and the lifecycle actions that need one agreement (signing and correcting what was recorded
//! at signing among them). Changed clauses are given up only after one question; a reload keeps
//! them unless the agreement they were loaded from changed (saved, say). 修改条款… is disabled
//! once the text is frozen (定稿 and after), saying why when hovered. A read-only window offers
//! only what reads: the preview and the signed copy's PDF.

use crate::model::{Agreement, AgreementStatus, ClauseChange};

use super::super::discard_question::DiscardQuestion;
use super::clause_differences::{DiffLine, differences};
use super::difference_view::show_differences;
use super::scan_form::ScanForm;
use super::signing_form::SigningForm;
use super::step_back::StepBack;
use super::tailoring_edit::TailoringEdit;
use super::{Command, Context};

mod actions;
mod clauses;
mod copies;
mod fact_grid;
mod facts;
mod pickers;

use facts::{frozen_text, moved_category_note};
use pickers::{Exported, Picking, scan_picker};

/// True when saving `edit` would write something `loaded` (the clauses as opened) does not
/// have: an added clause or target left blank, or spaces around a target, are not.
fn would_save(loaded: Option<&TailoringEdit>, edit: &TailoringEdit) -> bool {
    loaded.is_none_or(|loaded| edit != loaded && edit.to_tailoring() != loaded.to_tailoring())
}

/// State of the detail panel.
#[derive(Default)]
#[allow(
    clippy::struct_excessive_bools,
    reason = "independent flags of one panel's forms and keyboard, not a state machine"
)]
pub struct Detail {
    agreement_id: Option<i64>,
    /// The short name of the unit whose agreement is shown, to name its unsaved edits by.
    unit_short_name: String,
    edit: Option<TailoringEdit>,
    /// The clauses as they were when `edit` was loaded.
    loaded: Option<TailoringEdit>,
    /// Set when 保存调整 was pressed: the edit closes once the app says it was saved.
    is_saving: bool,
    /// True when a field or button of the clause edit had the keyboard at the end of the
    /// last frame: Esc then closes the edit.
    is_keyboard_in_clauses: bool,
    picking: Option<Picking>,
    /// Set by Enter on the shown row's name: the keyboard comes into the detail (to 关闭,
    /// from which Tab goes through its actions) when it is next drawn.
    is_keyboard_wanted: bool,
    signing: Option<SigningForm>,
    /// The scan files chosen, waiting for 确定归档 or 确定更换.
    scan: Option<ScanForm>,
    /// The reason typed for a replacement whose files are being chosen again.
    kept_scan_reason: Option<String>,
    /// The copies as saved and as edited, while a draft is shown.
    copies: Option<(i64, i64)>,
    /// The question before changed clauses are given up.
    discard: DiscardQuestion,
    /// What the tracker is asked to do, once: 定稿… or 关闭 was pressed.
    request: Option<Request>,
    /// The step back asked about (删除草稿, 撤销签订, 退回草稿): open alone, without the
    /// signing or scan form.
    step_back: Option<StepBack>,
    /// The 与模板的差异 lines, for the (agreement, data generation) they were worked out for.
    differences: Option<((i64, u64), Vec<DiffLine>)>,
    /// The copies chosen for a 补印 of a printed agreement, while the choice is open.
    reprint_copies: Option<usize>,
    /// The button that opened the form under the actions from the keyboard: it has the
    /// keyboard again once the form is given up (Esc, 取消), so Tab goes on from there.
    openers: Vec<(FormShown, egui::Id, egui::Rect)>,
    /// The opener given the keyboard back, asked again in the next frames until it has it (a
    /// few at most): a form given up through the 放弃修改 question closed under that question's
    /// modal, which keeps the keyboard from anything beneath it while it was there.
    keyboard_back: Option<(egui::Id, u8)>,
    /// Set when a form's write reloaded the data: the button that opened it (if from the
    /// keyboard) and where it was, to give the keyboard back to when it can take it, else the
    /// first button.
    after_write: Option<AfterWrite>,
    /// Set when the open signing or step-back form sent its write, until the reload after it.
    is_form_sent: bool,
}

/// Where the keyboard goes once a form's write has reloaded the data.
#[derive(Debug, Clone, Copy)]
enum AfterWrite {
    /// To the button that opened the form (and where it was), while it can take it.
    Opener(egui::Id, egui::Rect),
    /// To the detail's first button.
    FirstButton,
    /// To 修改条款…, after its edit was saved (drawn below the actions, so taken there).
    EditClauses,
}

/// A form under the detail's buttons, which one of them opened.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FormShown {
    /// The clause edit (修改条款…).
    Clauses,
    /// The copies of a 补印.
    Reprint,
    /// The signing form (标记已签订…, 修改签订信息…).
    Signing,
    /// A step back's reason (撤销打印…, 撤销签订…, 退回草稿…).
    StepBack,
}

/// A request of the detail that the tracker carries out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Request {
    /// Ask the one 定稿 question for the shown draft.
    Finalize,
    /// Ask the printing day of the shown 已定稿 agreement (printed elsewhere, or earlier).
    MarkPrinted,
    /// Show the whole table again.
    Close,
}

impl Detail {
    /// True once after `request` was made (and takes it).
    fn take_request(&mut self, request: Request) -> bool {
        let is_made = self.request == Some(request);
        if is_made {
            self.request = None;
        }
        is_made
    }

    /// True once after 定稿… was pressed on the shown draft.
    pub fn take_finalize_request(&mut self) -> bool {
        self.take_request(Request::Finalize)
    }

    /// True once after 标记已打印… was pressed on the shown 已定稿 agreement.
    pub fn take_mark_printed_request(&mut self) -> bool {
        self.take_request(Request::MarkPrinted)
    }

    /// True once after 关闭 was pressed.
    pub fn take_close_request(&mut self) -> bool {
        self.take_request(Request::Close)
    }

    /// Brings the keyboard into the detail (Enter on the shown row's name): a row's actions
    /// are reached without Tab through every row of the list.
    pub fn take_keyboard(&mut self) {
        self.is_keyboard_wanted = true;
    }

    /// Shows another agreement (or the same again: the keyboard is then where the clerk put
    /// it, not where a form's write would give it).
    pub fn focus(&mut self, id: i64) {
        self.after_write = None;
        if self.agreement_id != Some(id) {
            *self = Self {
                agreement_id: Some(id),
                ..Self::default()
            };
        }
    }

    /// The check of the files `paths` chosen for agreement `id` (see [`ScanForm::checked`]):
    /// given to the open form only when it holds those files (not ones chosen again since).
    pub fn scan_checked(
        &mut self,
        id: i64,
        paths: &[std::path::PathBuf],
        check: crate::ui::scan_check_job::ScanCheck,
    ) {
        if self.agreement_id == Some(id)
            && let Some(form) = &mut self.scan
            && form.paths() == paths
        {
            form.checked(check);
        }
    }

    /// What the clerk did succeeded: the clause edit closes if it was what was saved.
    pub fn succeeded(&mut self) {
        if self.is_saving {
            self.discard_unsaved();
            // 修改条款… has the keyboard back, as after 放弃修改.
            if self
                .openers
                .iter()
                .any(|(shown, ..)| *shown == FormShown::Clauses)
            {
                self.after_write = Some(AfterWrite::EditClauses);
            }
        }
    }

    /// The status change its 定稿… or 标记已打印… asked about was sent: the keyboard, which
    /// the question's button took with it, goes to the detail's first button once the data
    /// is read again (the button pressed is greyed by then).
    pub fn question_answered(&mut self) {
        self.after_write = Some(AfterWrite::FirstButton);
    }

    /// True while a form, a file choice or a 补印 choice is open in the panel: Esc is theirs
    /// (it gives them up), not the detail's.
    pub fn has_form_open(&self) -> bool {
        self.edit.is_some()
            || self.picking.is_some()
            || self.signing.is_some()
            || self.scan.is_some()
            || self.step_back.is_some()
            || self.reprint_copies.is_some()
            || self.is_form_sent
    }

    /// True while the clauses and targets are being edited (修改条款… open).
    pub fn is_editing_clauses(&self) -> bool {
        self.edit.is_some()
    }

    /// True when clauses or targets were changed and not saved: what saving would write
    /// differs (an added clause or target left blank, or spaces around a target, are not).
    pub fn is_changed(&self) -> bool {
        self.edit
            .as_ref()
            .is_some_and(|edit| would_save(self.loaded.as_ref(), edit))
    }

    /// "城关街道的条款调整" while the clauses or targets shown were changed and not saved,
    /// naming the unit: the question before they are given up says whose they are.
    pub fn changed_clauses(&self) -> Option<String> {
        self.is_changed()
            .then(|| format!("{}的条款调整", self.unit_short_name))
    }

    /// True when the clauses or targets of agreement `id` were changed and not saved.
    pub fn is_changed_for(&self, id: i64) -> bool {
        self.edit
            .as_ref()
            .is_some_and(|edit| edit.agreement_id == id)
            && self.is_changed()
    }

    /// The form open in the panel with something typed or chosen in it ("签订信息"), else
    /// empty: closing the window asks before it goes.
    #[must_use]
    pub fn open_form(&self) -> &'static str {
        let typed = self.step_back.as_ref().map_or("", StepBack::typed_form);
        if !typed.is_empty() {
            typed
        } else if self.signing.is_some() {
            "签订信息"
        } else if self.scan.is_some() {
            "扫描件"
        } else if self.copies.is_some_and(|(saved, typed)| saved != typed) {
            "一式份数"
        } else {
            ""
        }
    }

    /// Gives the clause edit up without asking (the clerk answered 放弃修改).
    pub fn discard_unsaved(&mut self) {
        self.edit = None;
        self.loaded = None;
    }

    /// After a reload the forms that follow a write are rebuilt from saved data; the clause
    /// edit is kept unless the agreement changed underneath (see `show`).
    pub fn reloaded(&mut self) {
        // A form that sent its write has done it: the keyboard, which its button took with it,
        // goes back to the button that opened it, or to the detail's first (see `actions`).
        // Not on a reload of another's making (a batch finishing) while a form is open.
        let sent = if std::mem::take(&mut self.is_form_sent) {
            [
                (self.signing.is_some(), FormShown::Signing),
                (self.step_back.is_some(), FormShown::StepBack),
            ]
            .into_iter()
            .find_map(|(is_open, form)| is_open.then_some(form))
        } else {
            None
        };
        // A step back moves the agreement to another status, whose buttons are others: its
        // button is gone (last frame's place would be taken for it), so the first button.
        if let Some(form) = sent {
            self.after_write = Some(
                (self.openers.iter())
                    .filter(|_| form != FormShown::StepBack)
                    .find(|(shown, ..)| *shown == form)
                    .map_or(AfterWrite::FirstButton, |(_, id, rect)| {
                        AfterWrite::Opener(*id, *rect)
                    }),
            );
        }
        self.is_saving = false;
        self.step_back = None;
        self.signing = None;
        self.scan = None;
        self.copies = None;
        self.openers.clear();
    }

    /// Remembers `button` as the opener of `form`, just opened (with Enter, Space or a click:
    /// the keyboard goes on from what the clerk last used, as around the dialogs).
    fn opened_by(&mut self, form: FormShown, button: &egui::Response) {
        self.openers.retain(|(shown, ..)| *shown != form);
        self.openers.push((form, button.id, button.rect));
    }

    /// `form` was given up: the keyboard goes back to the button that opened it.
    fn give_keyboard_back(&mut self, ui: &egui::Ui, form: FormShown) {
        if let Some(at) = self.openers.iter().position(|(shown, ..)| *shown == form) {
            let (_, opener, _) = self.openers.remove(at);
            ui.memory_mut(|m| m.request_focus(opener));
            self.keyboard_back = Some((opener, 6));
            ui.ctx().request_repaint();
        }
    }

    /// Closes the signing and scan forms (a step back is asked alone).
    fn close_forms(&mut self) {
        self.signing = None;
        self.scan = None;
        self.picking = None;
        self.kept_scan_reason = None;
    }

    /// Draws the panel.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        context: &Context<'_>,
        agreement: &Agreement,
        commands: &mut Vec<Command>,
    ) {
        let unit = context
            .units
            .iter()
            .find(|u| u.id == agreement.draft.unit_id);
        let short_name = unit.map_or("", |u| u.fields.display_short_name());
        if self.unit_short_name != short_name {
            short_name.clone_into(&mut self.unit_short_name);
        }
        let template = context
            .data
            .templates
            .iter()
            .find(|t| t.id == agreement.draft.template_id);
        let is_changed = self.is_changed();
        if let Some((opener, tries)) = self.keyboard_back.take() {
            let has_it = ui.memory(|m| m.has_focus(opener));
            if !has_it {
                ui.memory_mut(|m| m.request_focus(opener));
            }
            // Held only once no modal is left to take it away again.
            let is_settled = has_it && ui.memory(egui::Memory::top_modal_layer).is_none();
            if !is_settled && tries > 0 {
                self.keyboard_back = Some((opener, tries - 1));
                ui.ctx().request_repaint();
            }
        }
        // Each agreement's own place: another row's detail opens at its top, not scrolled as
        // the last one was left. A bar of its own beside the text, never over its last
        // characters (as egui's floating one is on a narrow panel).
        ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
        egui::ScrollArea::vertical()
            .id_salt(("agreement_detail", agreement.id))
            .show(ui, |ui| {
                // Wrapped: a long unit name would widen the panel past the window's edge, and the
                // buttons under it with it.
                ui.horizontal_wrapped(|ui| {
                    let name = unit.map_or("", |u| u.fields.name.as_str());
                    ui.add(egui::Label::new(egui::RichText::new(name).heading()).wrap());
                    // Unsaved clause edits are saved or given up first, as before another row.
                    let close = ui
                        .add_enabled(!is_changed, egui::Button::new("关闭"))
                        .on_hover_text("关闭详情，表格显示全部列")
                        .on_disabled_hover_text("条款或控制指标有未保存的修改：请先保存或放弃");
                    if std::mem::take(&mut self.is_keyboard_wanted) {
                        close.request_focus();
                        close.scroll_to_me(None);
                    }
                    if close.clicked() {
                        self.request = Some(Request::Close);
                    }
                });
                // Sent back to draft before, as the log keeps it.
                let last_revert = (context.data.voided.iter())
                    .filter(|v| v.agreement_id == agreement.id)
                    .max_by(|a, b| a.reverted_at.cmp(&b.reverted_at));
                fact_grid::show(ui, context, agreement, (unit, template), last_revert);
                // Wrapped to the panel: a reason typed at length widens nothing.
                if let Some(revert) = last_revert {
                    let label = if agreement.status == AgreementStatus::Draft {
                        "退回理由"
                    } else {
                        "上次退回理由"
                    };
                    ui.add(egui::Label::new(format!("{label}：{}", revert.reason)).wrap());
                }
                if agreement.status == AgreementStatus::Draft {
                    self.copies_row(ui, agreement, context.access, commands);
                    moved_category_note(ui, context, agreement);
                }
                ui.separator();
                self.actions(ui, context, agreement, commands);
                ui.separator();
                let Some(template) = template else {
                    ui.label("找不到该责任书的模板版本");
                    return;
                };
                // The clause edit holds while the agreement is the draft it was loaded from (looked
                // at before the targets and differences, which would show another agreement's edit
                // otherwise).
                if let Some(loaded) = &self.loaded {
                    let now = TailoringEdit::new(
                        agreement.id,
                        &template.content,
                        &agreement.draft.tailoring,
                    );
                    if agreement.status != AgreementStatus::Draft || *loaded != now {
                        self.discard_unsaved();
                    }
                }
                // Targets are set for this unit alone; the template has none (the list of
                // differences below covers clauses). While they are edited below, as edited.
                // As saved, while an edit below waits (said so): lines coming as a clause or target
                // is typed would move the fields under the clerk's hands.
                let is_changed = self.is_changed();
                let targets = &agreement.draft.tailoring.control_targets;
                // Where they are changed, while they can be: the clause editor holds them too.
                ui.strong(if is_changed {
                    "控制指标（本单位单独设定；已保存的，下方的修改尚未保存）"
                } else {
                    "控制指标（本单位单独设定，不在模板中）"
                });
                // On a line of its own: beside the heading it wrapped a word or two onto the next.
                if !is_changed
                    && self.edit.is_none()
                    && frozen_text(agreement.status).is_none()
                    && context.access.can_write()
                {
                    ui.weak("在下方“修改条款…”中修改");
                }
                for target in targets {
                    ui.label(format!("{}{}", target.name, target.limit));
                }
                // Said here, not first when 定稿 refuses it; of the unit's own text (a clause
                // with {控制指标} dropped for this unit prints none).
                let is_printed = crate::workflow::lifecycle::prints_targets(
                    &template.content,
                    &agreement.draft.tailoring,
                );
                if !targets.is_empty() && !is_printed && agreement.status == AgreementStatus::Draft
                {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        "正文中没有{控制指标}（用到它的条款已删去或改写），以上控制指标不会印出：定稿前请在“修改条款…”中恢复该条款，或清空控制指标",
                    );
                }
                if targets.is_empty() {
                    ui.weak(if is_printed {
                        "未填写：正文用到{控制指标}，定稿前须点“修改条款…”填写"
                    } else {
                        "无（正文不写控制指标，不必填写）"
                    });
                }
                // While the clauses are changed, as they stand in the edit: what a save would make.
                let tailoring = &agreement.draft.tailoring;
                ui.strong(if is_changed {
                    "与模板的差异（已保存的，下方的修改尚未保存）"
                } else {
                    "与模板的差异"
                });
                // Worked out once per agreement, load and edit, not every frame (a character diff
                // each).
                let key = (agreement.id, context.generation);
                if self.differences.as_ref().is_none_or(|(at, _)| *at != key) {
                    // Read as the agreement prints: the unit's names in the placeholders (a text
                    // that does not parse stays as typed).
                    let unit = (context.units.iter()).find(|u| u.id == agreement.draft.unit_id);
                    let set = (context.data.sets.iter())
                        .find(|s| s.category_id == agreement.draft.category_id);
                    let values = match (context.data.year.as_ref(), unit) {
                        (Some(year), Some(unit)) => crate::model::agreement::placeholder_values(
                            year,
                            &unit.fields,
                            tailoring,
                            set,
                            agreement.draft.copies,
                        ),
                        _ => std::collections::BTreeMap::new(),
                    };
                    let fill = |text: &str| {
                        if values.is_empty() {
                            return text.to_owned();
                        }
                        crate::model::template::fill(text, &values)
                            .unwrap_or_else(|_| text.to_owned())
                    };
                    let lines = differences(&template.content, tailoring, &fill);
                    self.differences = Some((key, lines));
                }
                if let Some((_, lines)) = &self.differences {
                    show_differences(ui, lines);
                }
                // The numbers above are as typed: a clause added "（四）" after one dropped
                // prints as "（三）".
                if (tailoring.clause_changes.iter()).any(|change| {
                    matches!(change, ClauseChange::Add { .. } | ClauseChange::Drop { .. })
                }) {
                    ui.weak("以上是输入的原文；条款前的（一）（二）等编号在正文中按删去、新增后的顺序自动重排，以预览和打印为准");
                }
                ui.add_space(6.0);
                self.clauses(ui, context, (agreement, template), commands);
            });
        self.pickers(ui.ctx(), agreement, commands);
    }
}
