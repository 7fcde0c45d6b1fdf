//! The clause editor of an agreement's detail (修改条款…): the unit's control targets, and every
//! clause of the template kept, reworded, dropped (删去) or added for this unit alone, with
//! changes the template no longer has a clause for listed first to be redone.

use crate::model::ClauseChange;
use crate::model::template::Placeholder;

use super::tailoring_edit::{ClauseEdit, TailoringEdit};

/// The id of a field of the editor, by what it is and where: a line of warning coming or going
/// above a field as the clerk types must not hand the keyboard to another field (egui's own
/// ids count the widgets drawn before).
fn field_id(what: &str, place: impl std::hash::Hash + std::fmt::Debug) -> egui::Id {
    egui::Id::unique(("tailoring_field", what, place))
}

/// Asks that the keyboard start in the editor as it opens: in the first control target's name,
/// or the first clause when the unit has no targets.
pub(super) fn ask_first_field(ui: &egui::Ui, edit: &TailoringEdit) {
    if edit.targets.is_empty() {
        crate::ui::new_field_focus::ask(ui, ("tailored_clause", 0_usize, 0_usize));
    } else {
        crate::ui::new_field_focus::ask(ui, ("control_target", 0_usize));
    }
}

/// The editor's fields for `edit`, drawn in the detail below its facts.
pub(super) fn edit_tailoring(ui: &mut egui::Ui, edit: &mut TailoringEdit) {
    if !edit.stale.is_empty() {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "以下调整在现行模板中找不到原条款：请在下面的条款中重新调整（同一条改好保存即替换原调整），不再需要的点“放弃此调整”",
        );
        let mut discarded = None;
        for (index, change) in edit.stale.iter().enumerate() {
            ui.horizontal_wrapped(|ui| {
                let text = match change {
                    ClauseChange::Add { text, .. } => format!("新增：{text}"),
                    ClauseChange::Replace { original, text, .. } => {
                        format!("修改：{original} → {text}")
                    }
                    ClauseChange::Drop { original, .. } => format!("删除：{original}"),
                };
                ui.label(text);
                if ui.small_button("放弃此调整").clicked() {
                    discarded = Some(index);
                }
            });
        }
        if let Some(index) = discarded {
            edit.stale.remove(index);
        }
        ui.separator();
    }
    ui.strong("控制指标（本单位）");
    if let Some(warning) = edit.unprinted_targets() {
        ui.colored_label(ui.visuals().warn_fg_color, warning);
    }
    let mut removed = None;
    // The name on a line of its own and the limit with 删除 under it, each field as wide as
    // the detail panel allows: a name such as "生产安全事故死亡人数" is seen whole, and no row
    // is wider than the panel (which would push the clauses' 删去 out of sight).
    let width = ui.available_width();
    let (name_width, limit_width) = ((width - 50.0).max(160.0), (width - 110.0).max(120.0));
    for (index, (name, limit)) in edit.targets.iter_mut().enumerate() {
        ui.horizontal(|ui| {
            let label = ui.label("指标");
            let response = ui
                .add(
                    egui::TextEdit::singleline(name)
                        .id(field_id("target_name", index))
                        .desired_width(name_width),
                )
                .labelled_by(label.id);
            crate::ui::new_field_focus::take(ui, &response, ("control_target", index));
        });
        ui.horizontal(|ui| {
            let label = ui.label("限值");
            ui.add(
                egui::TextEdit::singleline(limit)
                    .id(field_id("target_limit", index))
                    .desired_width(limit_width),
            )
            .labelled_by(label.id);
            if ui.small_button("删除").clicked() {
                removed = Some(index);
            }
        });
        ui.add_space(4.0);
    }
    if let Some(index) = removed {
        edit.targets.remove(index);
    }
    if ui.small_button("添加控制指标").clicked() {
        edit.targets.push((String::new(), String::new()));
        crate::ui::new_field_focus::ask(ui, ("control_target", edit.targets.len() - 1));
    }
    // The numbers typed in the clauses stay as they are here; the agreement counts them again.
    // Always said, so that nothing below moves when the first clause is dropped or added.
    ui.weak("条款前的（一）（二）等编号在责任书正文中按删去、新增后的顺序自动重排");
    for (s, (heading, clauses)) in edit.sections.iter_mut().enumerate() {
        ui.strong(heading.as_str());
        let mut removed_clause = None;
        for (c, clause) in clauses.iter_mut().enumerate() {
            ui.horizontal(|ui| {
                let label = ui.label(if clause.original.is_some() {
                    "条款"
                } else {
                    "新增"
                });
                let id = field_id("clause", (s, c));
                // The rest of the row after the caption, less room for 删去 with the
                // placeholders' menu under it.
                let width = (ui.available_width() - 72.0).max(120.0);
                // The clause's notes right under its text, beside its buttons, so that they
                // read as its own, not as a heading of the clause below.
                ui.vertical(|ui| {
                    ui.set_width(width);
                    let response = ui
                        .add_enabled(
                            !clause.is_dropped,
                            egui::TextEdit::multiline(&mut clause.text)
                                .id(id)
                                .desired_rows(2)
                                .desired_width(width),
                        )
                        .labelled_by(label.id);
                    crate::ui::new_field_focus::take(ui, &response, ("tailored_clause", s, c));
                    clause_notes(ui, clause);
                });
                ui.vertical(|ui| {
                    if clause.original.is_some() {
                        ui.checkbox(&mut clause.is_dropped, "删去");
                    } else if ui.small_button("删除").clicked() {
                        // A clause added for this unit only goes as it came.
                        removed_clause = Some(c);
                    }
                    ui.add_enabled_ui(!clause.is_dropped, |ui| {
                        placeholder_menu(ui, id, &mut clause.text);
                    });
                });
            });
            ui.add_space(4.0);
        }
        if let Some(c) = removed_clause {
            clauses.remove(c);
        }
        if ui
            .small_button(format!("在“{heading}”中增加条款"))
            .clicked()
        {
            clauses.push(ClauseEdit {
                original: None,
                text: String::new(),
                is_dropped: false,
            });
            crate::ui::new_field_focus::ask(ui, ("tailored_clause", s, clauses.len() - 1));
        }
    }
    // Tab through a form taller than the panel: the field reached is scrolled into sight.
    crate::ui::follow_focus::follow_focus(ui, "tailoring_form");
}

/// What is to check in a clause, as the template editor says it: its half-width marks or
/// missing full stop, already while it is typed (so that the line never appears just as the
/// clerk leaves the clause and moves what is under the pointer), and a faulty placeholder,
/// said here where the clerk types: the line above the targets is out of sight down here.
fn clause_notes(ui: &mut egui::Ui, clause: &ClauseEdit) {
    if clause.is_dropped {
        return;
    }
    let notes = crate::model::punctuation::clause_notes(&clause.text);
    if !clause.text.trim().is_empty() && !notes.is_empty() {
        ui.weak(format!("本条{}", notes.join("；")));
    }
    if let Some(refusal) = crate::model::template::placeholder_refusal(&clause.text) {
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!("本条占位符有误：{refusal}"))
                    .color(ui.visuals().error_fg_color),
            )
            .wrap(),
        );
    }
    // Saving refuses it: said where it is typed (the character itself shows as its code).
    if let Some(c) = crate::pdf::fonts::first_undrawable(&clause.text) {
        ui.add(
            egui::Label::new(
                egui::RichText::new(format!(
                    "本条有现有字体都无法显示的字〔U+{:04X}〕，打印时会缺字，请改用常用字",
                    u32::from(c)
                ))
                .color(ui.visuals().error_fg_color),
            )
            .wrap(),
        );
    }
}

/// A menu of the placeholders beside a clause: the one picked goes in at the clause's cursor
/// (typed braces from a Chinese input method come out full-width, which no placeholder is).
fn placeholder_menu(ui: &mut egui::Ui, field: egui::Id, text: &mut String) {
    let menu = ui.menu_button("占位符", |ui| {
        let opened_now = crate::ui::pick::opened_now(ui);
        for (index, placeholder) in Placeholder::ALL.into_iter().enumerate() {
            let entry = ui.button(format!("{{{}}}", placeholder.name()));
            // Opened from the keyboard too: ↓ and Enter go through the list from its top.
            if index == 0 && opened_now {
                entry.request_focus();
            }
            if entry.clicked() {
                let token = format!("{{{}}}", placeholder.name());
                crate::ui::placeholder_insert::insert_at_cursor(ui.ctx(), field, text, &token);
                ui.close();
            }
        }
    });
    // Given up with Esc, the keyboard goes back to the button, as with every list (a choice
    // gives it to the clause).
    if crate::ui::pick::popup_closed(ui, &menu.response, menu.inner.is_some(), false) {
        menu.response.request_focus();
    }
    menu.response.on_hover_text("在本条光标处插入占位符");
}
