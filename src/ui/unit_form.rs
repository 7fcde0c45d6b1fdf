//! The unit form: a modal for adding or editing a unit. A field 保存 refuses is framed in red
//! and its Chinese message is said under the buttons, so nothing the clerk clicks moves.

use crate::model::{Category, FieldError, UnitDraft, UnitField, UnitKind};

use super::command::Command;

mod fields;
mod notes;
mod save_checks;

/// Width of a text field.
const FIELD_WIDTH: f32 = 300.0;

/// An open unit form.
#[derive(Debug, Clone)]
pub struct UnitForm {
    /// The unit edited, or None for a new one.
    pub id: Option<i64>,
    /// The fields as typed.
    pub draft: UnitDraft,
    /// Messages to show under fields.
    pub errors: Vec<FieldError>,
    /// The 排序号 as typed; read into the draft on 保存 (a negative or non-integer one refused).
    sort_order_text: String,
    /// The fields as the form opened, so that Esc, 取消 or a click beside the form never
    /// throws away what was typed without asking.
    opened_with: UnitDraft,
    /// The field to be given the keyboard in the next frame: the name as the form opens, the
    /// first refused field after 保存.
    focus: Option<UnitField>,
    /// False on a new unit until its 单位类型 is chosen: a default would file a department
    /// among the towns unnoticed.
    kind_chosen: bool,
    /// True once the clerk picked a 考核类别 in the list: the kind no longer suggests one.
    category_picked: bool,
    /// Esc on a form with changes asks before they go.
    discard: super::discard_question::DiscardQuestion,
    /// The name last looked up among the units in use and the one found like it, if any:
    /// looked up again only when the name changes, not every frame.
    alike: Option<(String, Option<String>)>,
}

/// What the form says beside its fields, from the register and the selected year.
#[derive(Clone, Copy)]
pub struct FormNotes<'a> {
    /// The archived units' names: a new unit named so is pointed to 恢复.
    pub archived: &'a [&'a str],
    /// What renaming means for the unit's agreement of the year, once issued.
    pub issued: Option<&'a str>,
    /// What a new 负责人 means for the unit's agreement of the year, once issued.
    pub principal_issued: Option<&'a str>,
    /// The category the unit's agreement of the year was drafted in, and what moving the unit
    /// to another means for it.
    pub drafted_in: Option<(i64, &'a str)>,
    /// The active units' ids, 排序号 and names: a number another unit has is pointed out.
    pub sort_orders: &'a [(i64, i64, &'a str)],
    /// Every unit: a name or short name another active unit is shown under is refused with
    /// the form's other refusals, not on a second 保存.
    pub units: &'a [crate::model::Unit],
    /// The categories the towns are in (see [`crate::model::category::towns_categories`]),
    /// the first of which a new 镇, 乡, 街道 or 开发区 goes to.
    pub towns_categories: &'a [i64],
    /// The units' former names, once read: a new name that is an active unit's former one
    /// is most likely that unit (renamed since).
    pub former_names: Option<&'a super::former_names::FormerNames>,
}

/// What the form asks for after a frame.
pub enum FormOutcome {
    /// Nothing yet.
    Open,
    /// The clerk cancelled.
    Cancelled,
    /// Save was pressed; the command goes to the app.
    Submitted(Box<Command>),
}

/// Said at the top of an archived unit's form.
const ARCHIVED_NOTE: &str =
    "该单位已归档：这里只修改名册中的记录；要重新参加考核、起草责任书，请在列表中选中它后点“恢复”";

/// Said of a new unit named as an archived one.
const ARCHIVED_NAMESAKE: &str = "已有同名的已归档单位：如是同一单位，请取消，在列表中显示已归档单位，选中它再点“恢复”，其往年记录随之保留";

impl UnitForm {
    /// A form for a new unit: 单位类型 and 考核类别 read 请选择 until chosen (choosing the kind
    /// suggests the category).
    #[must_use]
    pub fn new_unit(sort_order: i64) -> Self {
        let draft = UnitDraft {
            sort_order,
            ..UnitDraft::empty(0)
        };
        Self {
            id: None,
            sort_order_text: sort_order.to_string(),
            opened_with: draft.clone(),
            draft,
            errors: Vec::new(),
            focus: Some(UnitField::Name),
            kind_chosen: false,
            category_picked: false,
            discard: super::discard_question::DiscardQuestion::default(),
            alike: None,
        }
    }

    /// A form for an existing unit.
    #[must_use]
    pub fn edit(id: i64, draft: UnitDraft) -> Self {
        Self {
            id: Some(id),
            sort_order_text: draft.sort_order.to_string(),
            opened_with: draft.clone(),
            draft,
            errors: Vec::new(),
            focus: Some(UnitField::Name),
            kind_chosen: true,
            category_picked: true,
            discard: super::discard_question::DiscardQuestion::default(),
            alike: None,
        }
    }

    /// Shows `errors` (the form's own, or the store's) and gives the keyboard to the first
    /// field refused, so that the clerk corrects it at once.
    pub fn refuse(&mut self, errors: Vec<FieldError>) {
        self.focus = errors.iter().map(|e| e.field).min();
        self.errors = errors;
    }

    /// Gives the keyboard to `response` when its `field` is to have it.
    fn take_focus(&mut self, field: UnitField, response: &egui::Response) {
        if self.focus == Some(field) {
            self.focus = None;
            response.request_focus();
        }
    }

    /// The unit edited, or `None` for a new one.
    #[must_use]
    pub fn unit_id(&self) -> Option<i64> {
        self.id
    }

    /// True when the fields differ from what the form opened with.
    #[must_use]
    pub fn is_changed(&self) -> bool {
        // A new unit's kind chosen counts, even when it is the value the form began with.
        let kind_chosen_now = self.id.is_none() && self.kind_chosen;
        self.draft != self.opened_with
            || kind_chosen_now
            || self.sort_order_text.trim() != self.opened_with.sort_order.to_string()
    }

    fn error_for(&self, field: UnitField) -> Option<&str> {
        self.errors
            .iter()
            .find(|error| error.field == field)
            .map(|error| error.message.as_str())
    }

    /// Draws the form in a modal, with the `notes` that apply: a new unit named as an archived
    /// one is pointed to 恢复; a unit renamed or moved to another category is told what that
    /// means for its agreement of the year.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        categories: &[Category],
        notes: &FormNotes<'_>,
    ) -> FormOutcome {
        let FormNotes {
            units,
            towns_categories,
            ..
        } = *notes;
        let mut outcome = FormOutcome::Open;
        // An archived unit's record can be corrected, but it is said to be archived.
        let is_archived =
            (self.id).is_some_and(|own| units.iter().any(|u| u.id == own && !u.is_active));
        let title = if self.id.is_some() {
            "编辑单位"
        } else {
            "新建单位"
        };
        // Read before the modal takes the key for itself.
        let is_escape = ctx.input(|input| input.key_pressed(egui::Key::Escape));
        let modal =
            super::steady_modal::top_anchored(ctx, egui::Id::unique("unit_form")).show(ctx, |ui| {
                ui.set_width(460.0);
                ui.heading(title);
                if is_archived {
                    ui.colored_label(
                        ui.visuals().warn_fg_color,
                        ARCHIVED_NOTE,
                    );
                }
                ui.add_space(6.0);
                let mut entered = false;
                egui::Grid::new("unit_form_grid")
                    .num_columns(2)
                    .spacing([12.0, 6.0])
                    .show(ui, |ui| {
                        entered |=
                            self.text_row(ui, "单位名称", UnitField::Name, |d| &mut d.name);
                        entered |= self
                            .text_row(ui, "简称", UnitField::ShortName, |d| &mut d.short_name);
                        let kind_label = ui.label("单位类型");
                        let kind_before = self.draft.kind;
                        let mut picked = false;
                        let kind = egui::ComboBox::from_id_salt("unit_kind")
                            .selected_text(if self.kind_chosen {
                                self.draft.kind.label()
                            } else {
                                "请选择"
                            })
                            .show_ui(ui, |ui| {
                                // None marked while it reads 请选择: the draft's kind is only
                                // a placeholder until one is chosen.
                                for kind in UnitKind::ALL {
                                    let is_chosen = self.kind_chosen && self.draft.kind == kind;
                                    let choice = ui.selectable_label(is_chosen, kind.label());
                                    // Opened with the keyboard on the kind chosen, as every
                                    // list: ↓ goes on to the next one.
                                    if is_chosen && super::pick::opened_now(ui) {
                                        choice.request_focus();
                                    }
                                    if choice.clicked() {
                                        self.draft.kind = kind;
                                        picked = true;
                                        // Closed also when chosen with Enter, not only
                                        // by a click: the keyboard goes on to the next field.
                                        ui.close();
                                    }
                                }
                            })
                            .response
                            .labelled_by(kind_label.id);
                        super::steady_modal::keep_list_above(ui, &kind);
                        super::pick::keyboard_back(ui, &kind, picked);
                        self.take_focus(UnitField::Kind, &kind);
                        self.mark_if_refused(ui, UnitField::Kind, kind.rect);
                        let first_choice = picked && !self.kind_chosen;
                        if picked {
                            self.kind_chosen = true;
                            self.errors.retain(|e| e.field != UnitField::Kind);
                        }
                        // A category the clerk picked stays whatever kind is chosen after it.
                        let suggests = self.id.is_none() && !self.category_picked;
                        if suggests && (self.draft.kind != kind_before || first_choice) {
                            self.follow_kind(categories, towns_categories);
                            // A category suggested is a category chosen: its message goes.
                            if categories.iter().any(|c| c.id == self.draft.category_id) {
                                self.errors.retain(|e| e.field != UnitField::Category);
                            }
                        }
                        ui.end_row();
                        let category_label = ui.label("考核类别");
                        let selected = categories
                            .iter()
                            .find(|c| c.id == self.draft.category_id)
                            .map_or("请选择", |c| c.name.as_str());
                        let mut picked = false;
                        let category = egui::ComboBox::from_id_salt("unit_category")
                            .selected_text(selected)
                            .show_ui(ui, |ui| {
                                for category in categories {
                                    picked |= super::pick::pick(
                                        ui,
                                        &mut self.draft.category_id,
                                        category.id,
                                        &category.name,
                                    );
                                }
                            })
                            .response
                            .labelled_by(category_label.id)
                            // What the categories are for, to a clerk meeting them first.
                            .on_hover_text(
                                "同一类别的单位使用同一模板和考核指标，并在类别内排名：镇街一类，各部门按安全生产监管职责的轻重分为一类、二类、三类（本办自定，可在“设置 → 常规 → 考核类别”中增改）",
                            );
                        // Chosen: the message asking for it goes, as the kind's does.
                        if picked {
                            self.category_picked = true;
                            self.errors.retain(|e| e.field != UnitField::Category);
                        }
                        super::steady_modal::keep_list_above(ui, &category);
                        super::pick::keyboard_back(ui, &category, picked);
                        self.take_focus(UnitField::Category, &category);
                        self.mark_if_refused(ui, UnitField::Category, category.rect);
                        ui.end_row();
                        // A register without categories (a backup not restored yet, say).
                        if categories.is_empty() {
                            ui.label("");
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                "还没有考核类别：请先在“设置 → 常规”中添加（如 镇街、一类），或在“设置 → 备份与恢复”中恢复备份",
                            );
                            ui.end_row();
                        }
                        entered |=
                            self.text_row(ui, "负责人职务", UnitField::PrincipalTitle, |d| {
                                &mut d.principal_title
                            });
                        entered |= self.text_row(ui, "负责人", UnitField::PrincipalName, |d| {
                            &mut d.principal_name
                        });
                        entered |= self.text_row(ui, "联系人", UnitField::ContactName, |d| {
                            &mut d.contact_name
                        });
                        entered |=
                            self.text_row(ui, "联系电话", UnitField::ContactPhone, |d| {
                                &mut d.contact_phone
                            });
                        let order_label = ui.label("排序号");
                        let order = ui
                            .add(
                                egui::TextEdit::singleline(&mut self.sort_order_text)
                                    .desired_width(80.0),
                            )
                            .labelled_by(order_label.id);
                        entered |= super::enter_key::pressed_in(ui, &order);
                        self.take_focus(UnitField::SortOrder, &order);
                        ui.end_row();
                        if order.changed() {
                            self.errors.retain(|e| e.field != UnitField::SortOrder);
                        }
                        self.mark_if_refused(ui, UnitField::SortOrder, order.rect);
                    });
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    // Enter in a field saves, as the button does, and Ctrl+S as in the editors.
                    let save = ui.button("保存");
                    let keyed = super::save_key::pressed_in_dialog(ui, &save);
                    if (save.clicked() || entered || keyed)
                        && let Some(command) = self.checked_on_save(categories, notes)
                    {
                        outcome = FormOutcome::Submitted(Box::new(command));
                    }
                    // Like Esc: typed changes are not thrown away without asking.
                    if ui.button("取消").clicked() && self.discard.ask_if(self.is_changed()) {
                        outcome = FormOutcome::Cancelled;
                    }
                });
                // Under the buttons, so that nothing above them moves as they come and go; the
                // fields they are about are framed in red.
                for error in &self.errors {
                    ui.add(
                        egui::Label::new(
                            egui::RichText::new(&error.message).color(ui.visuals().error_fg_color),
                        )
                        .wrap(),
                    );
                }
                self.show_notes(ui, categories, notes);
            });
        if modal.should_close() && matches!(outcome, FormOutcome::Open) {
            // Esc on typed changes asks; a click beside the form never throws them away.
            if !self.is_changed() {
                outcome = FormOutcome::Cancelled;
            } else if is_escape {
                self.discard.ask_if(true);
            }
        }
        if self.discard.show(ctx) == super::discard_question::DiscardAnswer::Discard {
            outcome = FormOutcome::Cancelled;
        }
        outcome
    }
}
