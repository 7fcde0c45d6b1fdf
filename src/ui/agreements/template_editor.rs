//! 模板: edit a category's current template: title, preamble, sections and clauses; insert
//! placeholders from a list; unknown placeholders are flagged before saving, each with the
//! field it is in; a live preview shows the text as it will read for a chosen unit. Unsaved
//! edits are thrown away (放弃修改, or choosing another category) only after one question; a
//! reload keeps them unless the template they were loaded from changed (saved, say).
//! A read-only window shows the template and its preview without the means to change them.

use crate::model::template::{Placeholder, TextPlace};
use crate::model::{Template, TemplateDraft};
use crate::workflow::drafting::current_templates;

use super::super::discard_question::{DiscardAnswer, DiscardQuestion};
use super::{Command, Context};

mod fields;
mod preview;
mod removal;
mod save_notes;

use fields::{Reorder, edit_fields, insert_placeholder, keyboard_after};
use preview::{PreviewPlace, preview};
use removal::{Removal, Removed};
use save_notes::{drafts_with_targets, prints_targets, whom_a_save_reaches};

/// The template being edited.
struct Editing {
    /// The version edited, if any.
    base_id: Option<i64>,
    /// The content as it was when editing began: what 放弃修改 goes back to.
    original: TemplateDraft,
    /// The content as edited.
    draft: TemplateDraft,
}

/// What a 放弃修改 question, once answered 放弃修改, goes on to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum AfterDiscard {
    /// Go back to the saved template.
    Revert,
    /// Show another category's template.
    Switch(i64),
}

/// State of the template tab.
#[derive(Default)]
pub struct TemplateEditor {
    category_id: Option<i64>,
    editing: Option<Editing>,
    preview: PreviewPlace,
    /// Where a placeholder goes: the field clicked, typed in or moved in last (not one Tab
    /// passed through), and its id.
    last_field: Option<(TextPlace, egui::Id)>,
    /// The field that had the keyboard last, however it came there: the preview shows its
    /// part.
    focused_field: Option<TextPlace>,
    /// The question before unsaved edits are thrown away, and what follows a 放弃修改.
    discard: DiscardQuestion,
    after_discard: Option<AfterDiscard>,
    /// Set by 放弃修改 on this category's text: its buttons are greyed then, so the keyboard
    /// goes to the title rather than nowhere.
    title_after_discard: Option<()>,
    /// The section whose 删去 was clicked, waiting for the one question (a whole section of
    /// clauses goes at once, and the next section's button lands under the pointer).
    removing_section: Option<usize>,
    /// The clauses and parts removed, the last on top, for 撤销删去 one by one while nothing
    /// else is edited (each undone leaves the template as the one before it left it).
    removals: Vec<Removal>,
    /// The characters no font has, said of the text they were looked for in.
    undrawable: Option<(TemplateDraft, Vec<String>)>,
    /// The 考核指标 tab's category, when unsaved edits here kept this one: said on the tab.
    other_tab: super::super::category_picker::OtherTab,
    /// True when another category was just chosen: its fields open at the title, not where
    /// they were left when it was shown before.
    to_top: bool,
    /// The year shown last: another year's template opens at the title too.
    shown_year: Option<i32>,
}

impl Editing {
    /// True when the buffer no longer belongs to what is shown: another year or category, or
    /// a template changed since it was loaded (a save makes a new version or changes it).
    fn is_stale(&self, year: i32, category_id: i64, base: Option<&Template>) -> bool {
        self.original.year != year
            || self.original.category_id != category_id
            || self.base_id != base.map(|t| t.id)
            || base.is_some_and(|t| t.content != self.original)
    }
}

impl TemplateEditor {
    /// Gives the edits up without asking (the clerk answered 放弃修改 to the window's question).
    pub fn discard_unsaved(&mut self) {
        self.editing = None;
    }

    /// True when the buffer differs from the template it was loaded from.
    pub fn is_changed(&self) -> bool {
        self.editing
            .as_ref()
            .is_some_and(|editing| editing.draft != editing.original)
    }

    /// Throws the edits away, asking first when there are any; `then` says what follows.
    fn discard(&mut self, then: AfterDiscard) {
        if self.discard.ask_if(self.is_changed()) {
            self.apply_discard(then);
        } else {
            self.after_discard = Some(then);
        }
    }

    /// The category shown, once one is.
    #[must_use]
    pub fn category(&self) -> Option<i64> {
        self.category_id
    }

    /// Shows `category_id`, as the 考核指标 tab just did, unless edits here wait to be saved.
    pub fn follow_category(&mut self, category_id: Option<i64>) {
        let is_changed = self.is_changed();
        let to = (self.other_tab).follow(self.category_id, category_id, is_changed);
        if let Some(to) = to {
            self.editing = None;
            self.switch_to(to);
        }
    }

    fn apply_discard(&mut self, then: AfterDiscard) {
        self.editing = None;
        match then {
            AfterDiscard::Switch(category_id) => self.switch_to(category_id),
            AfterDiscard::Revert => self.title_after_discard = Some(()),
        }
    }

    /// Shows `category_id` (a step of the first-steps list named it), unless edits here wait
    /// to be saved: those are not given up by a link.
    pub fn show_category(&mut self, category_id: Option<i64>) {
        if let Some(to) = category_id.filter(|_| !self.is_changed())
            && self.category_id != Some(to)
        {
            self.editing = None;
            self.switch_to(to);
        }
    }

    /// Shows another category, its fields and preview opened at the top.
    fn switch_to(&mut self, category_id: i64) {
        self.category_id = Some(category_id);
        self.preview = PreviewPlace::default();
        self.preview.to_top = Some(category_id);
        self.to_top = true;
    }

    /// Draws the tab.
    pub fn show(&mut self, ui: &mut egui::Ui, context: &Context<'_>, commands: &mut Vec<Command>) {
        let Some(year) = context.data.year.as_ref() else {
            return;
        };
        match self.discard.show(ui.ctx()) {
            DiscardAnswer::Discard => {
                if let Some(then) = self.after_discard.take() {
                    self.apply_discard(then);
                }
            }
            DiscardAnswer::KeepEditing => self.after_discard = None,
            DiscardAnswer::Waiting => {}
        }
        let category_id = super::super::category_picker::shown_category(
            &mut self.category_id,
            context.categories,
        );
        let current = current_templates(&context.data.templates);
        let base = current.get(&category_id).copied();
        ui.horizontal(|ui| {
            let mut chosen = self.category_id;
            let changed = super::super::category_picker::category_picker(
                ui,
                "template_category",
                context.categories,
                &mut chosen,
            );
            if changed && let Some(chosen) = chosen {
                self.other_tab.forget();
                // The category shown stays until the edits of this one are saved or given up.
                self.discard(AfterDiscard::Switch(chosen));
            }
            let shown = self.category_id.unwrap_or(category_id);
            let is_changed = self.is_changed();
            (self.other_tab).note(ui, context.categories, shown, is_changed, "考核指标");
            match base {
                Some(template) => {
                    ui.label(format!("当前第 {} 版", template.version));
                }
                // Nothing is saved in a published year (said below): no first version either.
                None if year.phase == crate::model::Phase::Published => {
                    ui.label("本类别在本年度没有模板");
                }
                None => {
                    ui.label("本类别尚无模板，保存后生成第 1 版");
                }
            }
        });
        // Under the row, wrapped: beside it, a long note widened the whole editor past the
        // window, cutting off the placeholders and the preview. (A published year's template
        // is not saved: whom a save would reach is no matter then.)
        if let Some(whom) = (base.filter(|_| year.phase != crate::model::Phase::Published))
            .and_then(|template| whom_a_save_reaches(&context.data.agreements, template.id))
        {
            ui.add(egui::Label::new(whom).wrap());
        }
        // Past signing, a template edit reaches only agreements drafted from now on (a unit
        // added late): said, so that it is not taken for a correction of the signed ones. A
        // published year drafts nothing more: its templates are for reading.
        let lock = (year.phase == crate::model::Phase::Published)
            .then(|| format!("{} 年度考核结果已通报", year.year));
        let access = lock
            .as_deref()
            .filter(|_| context.access.can_write())
            .map_or(context.access, crate::ui::write_access::WriteAccess::locked);
        if lock.is_some() {
            ui.add(
                egui::Label::new(
                    egui::RichText::new(crate::store::published_template_refusal(year.year))
                        .color(ui.visuals().warn_fg_color),
                )
                .wrap(),
            );
        } else if year.phase == crate::model::Phase::Assessing {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "{} 年度已到“{}”阶段：这里的修改只用于此后新起草的责任书，已定稿、已签订的责任书保持原文",
                    year.year,
                    year.phase.label()
                ),
            );
        }
        let category_id = self.category_id.unwrap_or(category_id);
        if self
            .shown_year
            .replace(year.year)
            .is_some_and(|shown| shown != year.year)
        {
            self.preview = PreviewPlace::default();
            self.preview.to_top = Some(category_id);
            self.to_top = true;
        }
        let base = current.get(&category_id).copied();
        if self
            .editing
            .as_ref()
            .is_some_and(|editing| editing.is_stale(year.year, category_id, base))
        {
            self.editing = None;
        }
        if self.editing.is_none() {
            // The field last typed in was another buffer's: a placeholder must not land in
            // this one at its place; the removals undone were another buffer's too (a save
            // ends them).
            self.last_field = None;
            self.focused_field = None;
            self.removals.clear();
        }
        if self.editing.is_none() {
            // A text given up, saved or shown anew: the fields' typing histories are another
            // text's.
            fields::places_changed(ui.ctx());
        }
        let editing = self.editing.get_or_insert_with(|| {
            // A category's first template starts from a whole reference text (towns' or
            // departments', as its units are), not from an empty page.
            let initial = base.map_or_else(
                || {
                    let is_towns = super::is_town_category(context, category_id);
                    crate::demo::reference_template(year.year, category_id, is_towns)
                },
                |t| t.content.clone(),
            );
            Editing {
                base_id: base.map(|t| t.id),
                original: initial.clone(),
                draft: initial,
            }
        });
        // A category without a template can start from another category's, as indicators can.
        // The lines stay while it is edited, so that the fields below do not move under the
        // pointer at the first key typed.
        if editing.base_id.is_none() && access.can_write() {
            let others: Vec<(&str, &crate::model::Template)> = (context.categories.iter())
                .filter(|c| c.id != category_id)
                .filter_map(|c| Some((c.name.as_str(), *current.get(&c.id)?)))
                .collect();
            let is_edited = editing.draft != editing.original;
            ui.colored_label(
                ui.visuals().warn_fg_color,
                if is_edited {
                    "本类别还没有模板：下面的文本尚未保存"
                } else {
                    "本类别还没有模板：下面是参考文本，请按本地实际修改后保存"
                },
            );
            if !others.is_empty() {
                ui.horizontal_wrapped(|ui| {
                    ui.label("或从已有模板开始：");
                    for (name, template) in others {
                        let copy = ui
                            .add_enabled(
                                !is_edited,
                                egui::Button::new(format!("复制“{name}”的模板")),
                            )
                            .on_disabled_hover_text("已有修改：先保存模板，或点“放弃修改”，再复制");
                        if copy.clicked() {
                            self.last_field = None;
                            self.focused_field = None;
                            editing.draft = TemplateDraft {
                                year: year.year,
                                category_id,
                                ..template.content.clone()
                            };
                        }
                    }
                });
            }
        }
        let base_id = editing.base_id;
        let original = &editing.original;
        let draft = &mut editing.draft;
        access.scope(ui, |ui| {
            ui.horizontal_wrapped(|ui| {
                ui.label("插入占位符：");
                for placeholder in Placeholder::ALL {
                    if ui
                        .small_button(format!("{{{}}}", placeholder.name()))
                        .on_hover_text(placeholder.explanation())
                        .clicked()
                    {
                        insert_placeholder(ui.ctx(), draft, self.last_field, placeholder);
                    }
                }
                // Where a click inserts, so that it never lands somewhere unseen.
                ui.weak(self.last_field.map_or_else(
                    || "（先点一下要插入的位置）".to_owned(),
                    |(place, _)| format!("（插入到：{place}）"),
                ));
            });
        });
        // Saving and the placeholder errors come before the fields and the preview, which take
        // the rest of the height: they stay in sight however long the template is.
        let errors = draft.placeholder_errors();
        let mut blank = draft.blank_clause_problems();
        // Every character looked up in the fonts: once per change of the text, not per frame.
        if self
            .undrawable
            .as_ref()
            .is_none_or(|(checked, _)| checked != draft)
        {
            let problems = (draft
                .undrawable_problems(crate::pdf::fonts::can_draw)
                .iter())
            .map(|problem| crate::ui::drawable_text::drawable(problem))
            .collect();
            self.undrawable = Some((draft.clone(), problems));
        }
        blank.extend(
            self.undrawable
                .iter()
                .flat_map(|(_, problems)| problems.clone()),
        );
        let mut discard = false;
        // Nothing to save or give up until something is edited (a category without a template
        // saves its starting text as version 1).
        let is_edited = *draft != *original;
        // Ctrl+S while something stops the save: the reasons are brought into view.
        let mut is_save_refused = false;
        ui.horizontal(|ui| {
            let save = access.add_enabled(
                ui,
                errors.is_empty() && blank.is_empty() && (is_edited || base_id.is_none()),
                egui::Button::new("保存模板"),
            );
            // A window that cannot write says why (above); otherwise what stops the save.
            let save = if access.can_write() {
                save.on_disabled_hover_text(match (errors.is_empty(), blank.is_empty()) {
                    (true, true) => "模板没有改动",
                    (false, _) => "请先改正下面标出的占位符",
                    (true, false) => "请先改正下面标出的问题（空的标题或条款、无法印出的字）",
                })
            } else {
                save
            };
            is_save_refused = crate::ui::save_key::refused(ui, &save);
            if save.clicked() || crate::ui::save_key::pressed(ui, &save) {
                commands.push(Command::SaveTemplate {
                    base_id,
                    draft: draft.clone(),
                });
            }
            // Giving edits up writes nothing: open also where saving is not.
            discard = ui
                .add_enabled(is_edited, egui::Button::new("放弃修改"))
                .on_disabled_hover_text("模板没有改动")
                .clicked();
            // Only while the template is as the last removal left it: an edit since ends them.
            if self.removals.last().is_some_and(|r| !r.is_current(draft)) {
                self.removals.clear();
            }
            if let Some(removal) = self.removals.last()
                && access
                    .add_enabled(ui, true, egui::Button::new(removal.label()))
                    .on_hover_text("放回刚删去的内容，其他修改不变；再点可逐个放回更早删去的")
                    .clicked()
                && let Some(removal) = self.removals.pop()
            {
                removal.undo(draft);
                fields::places_changed(ui.ctx());
                // The place clicked last may now hold another clause, as after a removal.
                self.last_field = None;
                self.focused_field = None;
            }
        });
        // Always three lines' height here (more scroll), so that the fields and buttons below
        // stay put however many problems come or go; a warning wrapped in a narrow window
        // (1024) is read whole beside an error.
        // (A scroll area is at least 64 points high unless told otherwise.)
        let problems_height = 3.0 * ui.text_style_height(&egui::TextStyle::Body) + 6.0;
        let mut problems = egui::ScrollArea::vertical();
        if is_save_refused {
            // The first reason in sight, where the clerk scrolled it away.
            problems = problems.vertical_scroll_offset(0.0);
        }
        problems
            .id_salt("template_problems")
            .min_scrolled_height(problems_height)
            .max_height(problems_height)
            .auto_shrink([false, false])
            .show(ui, |ui| {
                // Wrapped: a long line cut at the window's edge would hide what to do.
                let said = |ui: &mut egui::Ui, colour: egui::Color32, text: String| {
                    ui.add(egui::Label::new(egui::RichText::new(text).color(colour)).wrap());
                };
                let drops_targets = prints_targets(original) && !prints_targets(draft);
                if errors.is_empty() && blank.is_empty() && !drops_targets {
                    ui.weak("占位符均有效");
                }
                for error in &errors {
                    said(ui, ui.visuals().error_fg_color, error.to_string());
                }
                for problem in &blank {
                    said(ui, ui.visuals().error_fg_color, problem.clone());
                }
                // Saved without it, drafts drawn from now on get no targets: said before the
                // save, not found at the next 批量起草.
                if drops_targets {
                    let with_targets = base.map_or(0, |template| {
                        drafts_with_targets(
                            &context.data.agreements,
                            template.id,
                            (original, draft),
                        )
                    });
                    let blocked = if with_targets > 0 {
                        format!(
                            "；已有 {with_targets} 份草稿填写了控制指标，保存后随之清空（原值记入操作记录）"
                        )
                    } else {
                        String::new()
                    };
                    said(
                        ui,
                        ui.visuals().warn_fg_color,
                        format!("正文中已没有{{控制指标}}：按此模板起草的责任书不写控制指标，也不沿用上一年度的；如只是移动该条款，请在新的位置插入{{控制指标}}{blocked}"),
                    );
                }
            });
        // Under an id of their own, so the fields keep their ids (and the focus) when a message
        // line above them comes or goes.
        let to_top = std::mem::take(&mut self.to_top);
        ui.push_id("template_columns", |ui| {
            ui.columns(2, |columns| {
                let [left, right] = columns else { return };
                // A scroll of its own per category, opened at its title when chosen.
                let mut fields =
                    egui::ScrollArea::vertical().id_salt(("template_fields", category_id));
                if to_top {
                    fields = fields.vertical_scroll_offset(0.0);
                }
                fields.show(left, |ui| {
                    if self.title_after_discard.take().is_some() {
                        crate::ui::new_field_focus::ask(ui, ("template_field", TextPlace::Title));
                    }
                    let removing = &mut self.removing_section;
                    let mut removed = None;
                    let focused = &mut self.focused_field;
                    self.last_field = access.scope(ui, |ui| {
                        let places = (self.last_field, focused);
                        edit_fields(ui, draft, places, removing, &mut removed)
                    });
                    if let Some(removed) = removed {
                        self.removals.push(Removal::new(removed, draft));
                    }
                    // Tab past the fields in sight scrolls the next one into view.
                    crate::ui::follow_focus::follow_focus(ui, "template_fields");
                });
                let editing = self.focused_field;
                preview(right, context, draft, base_id, editing, &mut self.preview);
            });
        });
        if let Some(index) = self.removing_section {
            let section = draft.sections.get(index);
            let answer = crate::ui::confirm::ask(ui.ctx(), "remove_section", "删去", |ui| {
                ui.heading(format!("删去第 {} 部分？", index + 1));
                if let Some(section) = section {
                    let heading = section.heading.trim();
                    let named = if heading.is_empty() {
                        "这一部分（没有标题）".to_owned()
                    } else {
                        format!("“{heading}”")
                    };
                    ui.label(format!(
                        "{named}连同其中的 {} 条条款一并删去；删去后可点“撤销删去”放回（其后未做其他修改时），或用“放弃修改”全部还原",
                        section.clauses.len()
                    ));
                }
            });
            match answer {
                Some(true) => {
                    if index < draft.sections.len() {
                        let section = draft.sections.remove(index);
                        fields::places_changed(ui.ctx());
                        let removed = Removed::Section { index, section };
                        self.removals.push(Removal::new(removed, draft));
                        // The keyboard to the heading now in its place, as after a clause.
                        keyboard_after(ui, Reorder::Remove(index), draft.sections.len(), |s| {
                            ((s, None), TextPlace::Heading(s))
                        });
                    }
                    self.removing_section = None;
                }
                Some(false) => self.removing_section = None,
                None => {}
            }
        }
        if discard {
            self.discard(AfterDiscard::Revert);
        }
    }
}
