//! 设置 → 考核类别: the office's list of assessment categories, which it can add to, rename,
//! reorder (the order of every list and statistics table) and prune of a category nothing uses.
//! A rename is typed in place: Enter saves it, Esc or 取消 leaves the old name.

use std::collections::HashMap;

use super::command::Command;
use super::write_access::WriteAccess;
use crate::model::Category;

/// One category's row, with its place in the list and what uses it.
struct Row<'a> {
    category: &'a Category,
    place: usize,
    last: usize,
    /// What uses the category, in words; `None` when nothing does.
    in_use: Option<&'a str>,
}

/// Runtime state of the category list.
#[derive(Default)]
pub struct CategoryList {
    new_category: String,
    /// The category being renamed, with the name typed so far.
    renaming: Option<(i64, String)>,
    /// True to give the keyboard to the rename field on the next frame (it was just opened).
    focus_rename: bool,
    /// The category whose removal waits for confirmation.
    deleting: Option<(i64, String)>,
    /// Why the new category's name was refused, said under the list where it was typed, not
    /// only in a toast in the corner.
    error: Option<String>,
    /// Why the name typed for the category being renamed was refused, said under it.
    rename_error: Option<String>,
    /// The category just moved by a 上移 or 下移 (up or not), its place then and the pass:
    /// the keyboard follows it to its new place.
    moved: Option<Moved>,
    /// The category whose rename just closed (saved, or given up): its 重命名… takes the
    /// keyboard back, rather than leave it nowhere.
    renamed: Option<i64>,
}

/// A category just moved, whose buttons take the keyboard at its new place.
#[derive(Debug, Clone, Copy)]
struct Moved {
    id: i64,
    up: bool,
    from: usize,
    pass: u64,
}

/// The passes a move may take to be drawn (the store written, the list loaded again).
const MOVE_PASSES: u64 = 4;

/// Why `name` cannot name a category (other than `own`, the one being renamed), as the store
/// would refuse it (a character the fonts cannot print among it); `None` when it can.
fn refusal(name: &str, categories: &[Category], own: Option<i64>) -> Option<String> {
    match crate::store::printable_category_name(name) {
        Err(message) => Some(message),
        Ok(name) => (categories.iter())
            .any(|c| c.name == name && Some(c.id) != own)
            .then(|| crate::model::category::name_taken(&name)),
    }
}

impl CategoryList {
    /// Draws the list with its buttons.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        categories: &[Category],
        uses: &HashMap<i64, String>,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        ui.strong("考核类别");
        ui.label("同一类别的单位使用同一模板和指标，并在类别内排名；列表的顺序也是各处显示的顺序");
        // Names get room for eight characters, so that renaming one to a longer name does not
        // move every row's buttons from under the pointer.
        egui::Grid::new("categories")
            .num_columns(2)
            .striped(true)
            .spacing([12.0, 4.0])
            .min_col_width(120.0)
            .show(ui, |ui| {
                let last = categories.len().saturating_sub(1);
                for (place, category) in categories.iter().enumerate() {
                    match &mut self.renaming {
                        Some((id, name)) if *id == category.id => {
                            // The name it had stays in sight while the new one is typed.
                            ui.label(format!("{} →", category.name));
                            let mut cancelled = false;
                            ui.vertical(|ui| {
                                ui.horizontal(|ui| {
                                    let label = ui.label("新名称");
                                    let field = access
                                        .add_enabled(
                                            ui,
                                            true,
                                            egui::TextEdit::singleline(name).desired_width(120.0),
                                        )
                                        .labelled_by(label.id);
                                    if std::mem::take(&mut self.focus_rename) {
                                        field.request_focus();
                                    }
                                    // Egui takes the keyboard from the field on Esc and on Enter.
                                    let (escape, enter) = ui.input(|i| {
                                        (
                                            i.key_pressed(egui::Key::Escape),
                                            i.key_pressed(egui::Key::Enter),
                                        )
                                    });
                                    let left = field.has_focus() || field.lost_focus();
                                    let confirmed = access.button(ui, "确定").clicked()
                                        || (left && enter && access.can_write());
                                    if confirmed {
                                        self.rename_error = refusal(name, categories, Some(*id));
                                        // Refused, the name stays ready to correct.
                                        if self.rename_error.is_some() {
                                            field.request_focus();
                                        }
                                        if self.rename_error.is_none() {
                                            commands.push(Command::RenameCategory {
                                                id: *id,
                                                name: name.clone(),
                                            });
                                        }
                                    }
                                    cancelled = ui.button("取消").clicked() || (left && escape);
                                });
                                // A category has one name for all years: said before it changes,
                                // under the field, wrapping on a narrow window.
                                ui.add(
                                    egui::Label::new(
                                        egui::RichText::new(
                                            "改名后，各年度（含已通报的）重新导出的通报和汇总表也用新名称",
                                        )
                                        .weak(),
                                    )
                                    .wrap(),
                                );
                                if let Some(error) = &self.rename_error {
                                    ui.colored_label(ui.visuals().error_fg_color, error);
                                }
                            });
                            if cancelled {
                                self.renaming = None;
                                self.rename_error = None;
                                self.renamed = Some(category.id);
                            }
                        }
                        _ => {
                            ui.label(&category.name);
                            ui.horizontal(|ui| {
                                let in_use = uses.get(&category.id).map(String::as_str);
                                let row = Row {
                                    category,
                                    place,
                                    last,
                                    in_use,
                                };
                                self.row_buttons(ui, &row, access, commands);
                            });
                        }
                    }
                    ui.end_row();
                }
            });
        ui.horizontal(|ui| {
            let label = ui.label("新类别");
            let field = access
                .add_enabled(
                    ui,
                    true,
                    egui::TextEdit::singleline(&mut self.new_category).desired_width(120.0),
                )
                .labelled_by(label.id);
            if field.changed() {
                self.error = None;
            }
            // Enter in the field adds, as the button does.
            let entered = crate::ui::enter_key::pressed_in(ui, &field);
            if entered {
                // The keyboard stays in the field, for the next category.
                field.request_focus();
            }
            if access.button(ui, "添加类别").clicked() || entered {
                self.error = refusal(&self.new_category, categories, None);
                if self.error.is_none() {
                    commands.push(Command::AddCategory(self.new_category.clone()));
                }
            }
        });
        if let Some(error) = &self.error {
            ui.colored_label(ui.visuals().error_fg_color, error);
        }
        self.confirm_delete(ui.ctx(), commands);
    }

    fn row_buttons(
        &mut self,
        ui: &mut egui::Ui,
        row: &Row<'_>,
        access: WriteAccess<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Row {
            category,
            place,
            last,
            in_use,
        } = *row;
        let rename = access.button(ui, "重命名…");
        if self.renamed == Some(category.id) {
            self.renamed = None;
            rename.request_focus();
        }
        if rename.clicked() {
            self.renaming = Some((category.id, category.name.clone()));
            self.focus_rename = true;
            // What was said of another name typed is not about this one.
            self.error = None;
            self.rename_error = None;
        }
        let id = category.id;
        let up = access.add_enabled(ui, place > 0, egui::Button::new("上移"));
        let down = access.add_enabled(ui, place < last, egui::Button::new("下移"));
        let pass = ui.ctx().cumulative_pass_nr();
        for (button, is_up) in [(&up, true), (&down, false)] {
            if button.clicked() {
                commands.push(Command::MoveCategory { id, up: is_up });
                // The keyboard (or, after a click, where Tab goes on from) stays with the
                // category, not with the place on the screen (another category's button now).
                self.moved = Some(Moved {
                    id,
                    up: is_up,
                    from: place,
                    pass,
                });
            }
        }
        // A move not drawn in time (refused, say) is let go of before it could take the
        // keyboard later, unasked.
        if self.moved.is_some_and(|m| pass > m.pass + MOVE_PASSES) {
            self.moved = None;
        }
        if let Some(moved) = self.moved.filter(|m| m.id == id && m.from != place) {
            // The same button, unless the category has reached that end of the list.
            let same = if moved.up { &up } else { &down };
            let other = if moved.up { &down } else { &up };
            if same.enabled() {
                same.request_focus();
            } else {
                other.request_focus();
            }
            self.moved = None;
        }
        // A category in use cannot be deleted: the button says so before any question.
        let delete = access.add_enabled(ui, in_use.is_none(), egui::Button::new("删除…"));
        let delete = match in_use {
            Some(uses) => delete.on_disabled_hover_text(format!(
                "“{}”仍在使用（{uses}），不能删除；可以改名",
                category.name
            )),
            None => delete.on_hover_text("只能删除没有单位、模板、指标或责任书使用的类别"),
        };
        if delete.clicked() {
            self.deleting = Some((id, category.name.clone()));
        }
    }

    fn confirm_delete(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        let Some((id, name)) = &self.deleting else {
            return;
        };
        let (id, name) = (*id, name.clone());
        // A deletion: the keyboard starts on 取消, Esc or a click beside it cancels.
        let answer = crate::ui::confirm::ask_cancel_first(
            ctx,
            "confirm_delete_category",
            "确认删除",
            |ui| {
                ui.heading("删除考核类别");
                ui.label(format!("从列表中删除考核类别“{name}”？"));
            },
        );
        match answer {
            Some(true) => {
                commands.push(Command::DeleteCategory(id));
                self.deleting = None;
            }
            Some(false) => self.deleting = None,
            None => {}
        }
    }

    /// Clears the typed name after a category was added.
    pub fn added(&mut self) {
        self.new_category.clear();
    }

    /// Closes the rename after a category was renamed; a name typed for a new category stays
    /// (it is not what was saved).
    pub fn renamed(&mut self) {
        self.renamed = self.renaming.take().map(|(id, _)| id);
        self.rename_error = None;
    }
}
