//! The 单位 screen: a searchable, sortable, virtualised table with add, edit, archive and restore.

use std::collections::HashMap;

use crate::model::{Agreement, Category, FieldError, Unit};

use super::archive_question::{ArchiveAnswer, ArchiveQuestion};
use super::command::Command;
use super::file_picker::{FilePicker, PickMode, PickOutcome};
use super::state::{UiState, UnitSort};
use super::unit_form::{FormOutcome, UnitForm};
use super::write_access::WriteAccess;

mod columns;
mod keyboard;
mod table;
mod visible;

/// What the file chooser of the 单位 screen is open for.
#[derive(Clone, Copy)]
enum FileAction {
    /// 导入…: a unit file to read.
    Import,
    /// 导出名单…: the folder to write the unit list into.
    Export,
}

/// The passes an archive may take to show in the data (written, the list loaded again).
const ARCHIVE_PASSES: u64 = 6;

/// Where the list is to scroll when next drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PendingScroll {
    /// The selected unit into sight.
    Selected,
    /// The list's top.
    Top,
}

/// Runtime state of the 单位 screen.
#[derive(Default)]
pub struct UnitsView {
    form: Option<UnitForm>,
    /// The unit whose 归档 waits for the one question.
    archiving: Option<ArchiveQuestion>,
    /// The unit just archived, its place in the list then and the pass: once archived, the
    /// keyboard goes to it (still listed) or to the unit in its place, not to the window's top.
    archived_at: Option<(i64, usize, u64)>,
    /// The file chooser of 导入… or 导出名单…, while open.
    picker: Option<(FileAction, FilePicker)>,
    selected: Option<i64>,
    /// Indices into the unit list, filtered and sorted; rebuilt when its key changes.
    visible: Vec<usize>,
    visible_key: Option<(u64, String, bool, UnitSort, bool, bool)>,
    /// The units listed for a former name only, with that name (said above the list).
    found_by_former: Vec<(String, String)>,
    /// Where the list scrolls when next drawn: to the selected unit, or to its top (another
    /// search typed: its first rows in sight).
    pending_scroll: Option<PendingScroll>,
    /// A unit's name or row had the keyboard in the last frame (↑/↓ then move the selection).
    name_focused: bool,
    /// The unit whose name had the keyboard in the last frame: ↑/↓ go on from it (reached by
    /// Tab, it need not be the selected one).
    focused_unit: Option<i64>,
    /// The selected unit's name takes the keyboard when next drawn (after ↑/↓).
    focus_selected: bool,
    /// Where the keyboard was as the screen began to draw this frame.
    focus_at_start: Option<egui::Id>,
    /// Where the table was drawn in the last frame.
    table_rect: Option<egui::Rect>,
    /// The width in sight the columns were last fitted to (see `columns`).
    fitted_to: f32,
    /// Why the database refuses writes, if it does: the buttons that would change it are
    /// disabled, saying why on hover.
    read_only: Option<String>,
    /// The unit Enter or a double click was on in a read-only window, which opens no form:
    /// said above the table until another row is clicked.
    edit_refused: Option<i64>,
}

const ROW_HEIGHT: f32 = 26.0;

/// What the 单位 screen reads while drawing.
pub struct UnitsData<'a> {
    /// Every unit.
    pub units: &'a [Unit],
    /// The names and short names units had before, once read (a search typed, the unit form
    /// open): the search finds them by these too, and the form points them out.
    pub former_names: Option<&'a super::former_names::FormerNames>,
    /// The categories.
    pub categories: &'a [Category],
    /// Changes whenever the unit list is reloaded.
    pub generation: u64,
    /// The selected year's agreements.
    pub agreements: &'a [Agreement],
    /// The selected year when it kept its own units at rollover (the register's changes
    /// leave it as it was).
    pub year_keeps_units: Option<i32>,
    /// The agreements of every year not published: those still being worked on are named
    /// before 归档, and a change of category is said of the newest.
    pub open_agreements: &'a [crate::store::OpenAgreement],
}

impl UnitsView {
    /// Says why the database refuses writes (read-only or found damaged), or that it does not.
    pub fn set_read_only(&mut self, why: Option<&str>) {
        if self.read_only.as_deref() != why {
            self.read_only = why.map(str::to_owned);
        }
    }

    /// "单位表单" while the unit form is open with fields changed, else empty.
    #[must_use]
    pub fn unsaved(&self) -> &'static str {
        if self.form.as_ref().is_some_and(UnitForm::is_changed) {
            "单位表单"
        } else {
            ""
        }
    }

    /// Closes the unit form, giving its edits up (the clerk answered 放弃修改).
    pub fn discard_unsaved(&mut self) {
        self.form = None;
    }

    /// True while the unit form is open.
    #[must_use]
    pub fn has_form(&self) -> bool {
        self.form.is_some()
    }

    /// Shows `errors` on the open form (the store's refusal of its 保存).
    pub fn show_form_errors(&mut self, errors: Vec<FieldError>) {
        if let Some(form) = &mut self.form {
            form.refuse(errors);
        }
    }

    /// Closes the form after a successful save and brings the saved row into view.
    pub fn saved(&mut self, id: i64) {
        self.form = None;
        self.selected = Some(id);
        self.pending_scroll = Some(PendingScroll::Selected);
    }

    /// An import added (or changed) the unit `id`, the first in the file: it is selected,
    /// brought into view and given the keyboard, as after a bulk change of the agreements.
    pub fn imported(&mut self, id: i64) {
        self.selected = Some(id);
        self.pending_scroll = Some(PendingScroll::Selected);
        self.focus_selected = true;
    }

    /// Draws the screen.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        data: &UnitsData<'_>,
        state: &mut UiState,
        commands: &mut Vec<Command>,
    ) {
        // Where the keyboard was before the search field (which lets go of it on Enter).
        self.focus_at_start = ui.memory(egui::Memory::focused);
        let &UnitsData {
            units, categories, ..
        } = data;
        let category_names: HashMap<i64, &str> =
            categories.iter().map(|c| (c.id, c.name.as_str())).collect();
        let to_list = ui
            .horizontal(|ui| {
                ui.heading("责任单位");
                ui.add_space(16.0);
                let hint = "名称、负责人、电话、类别等";
                let search = &mut state.unit_search;
                let to_list = crate::ui::search_box::search_box(ui, "搜索", search, hint, 300.0);
                ui.checkbox(&mut state.show_archived, "显示已归档");
                to_list
            })
            .inner;
        // Under the heading, beside which year is meant, not above the screen's title.
        if let Some(year) = data.year_keeps_units {
            ui.label(
                egui::RichText::new(format!(
                    "名册为最新信息。{year} 年度的单位信息已在结果通报或年度结转时保存，该年度的责任书、评分和通报按保存的单位信息显示，这里的修改不影响该年度"
                ))
                .weak(),
            );
        }
        ui.add_space(4.0);
        self.refresh_visible(data, state);
        self.after_archive(ui, units);
        // A search just typed: the former names are read for the next frame, which lists again.
        if data.former_names.is_none() && !state.unit_search.trim().is_empty() {
            ui.ctx().request_repaint();
        }
        // Enter or ↓ in the search box goes on to the first unit found.
        if to_list {
            self.select_first(units);
        }
        // A unit just saved under a name the search no longer finds (renamed from 青山区 to
        // 青山新区 while "青山区" is typed) is shown all the same: the search is cleared.
        let is_saved_hidden = self.pending_scroll == Some(PendingScroll::Selected)
            && !state.unit_search.is_empty()
            && self.selected.is_some_and(|id| {
                !(self.visible.iter()).any(|&i| units.get(i).is_some_and(|u| u.id == id))
            });
        if is_saved_hidden {
            state.unit_search.clear();
            self.refresh_visible(data, state);
        }
        // A unit the list no longer shows (archived, filtered out) is not acted on.
        let selected_unit = self.selected.and_then(|id| {
            self.visible
                .iter()
                .filter_map(|&i| units.get(i))
                .find(|u| u.id == id)
        });
        if selected_unit.is_none() {
            self.selected = None;
        }
        let access = self
            .read_only
            .as_deref()
            .map_or_else(WriteAccess::default, WriteAccess::read_only);
        ui.horizontal(|ui| {
            // Ctrl+N as well, while no dialog is open over the list.
            let is_new_pressed = self.form.is_none()
                && access.can_write()
                && super::save_key::screen_shortcut(ui, egui::Key::N);
            let new_button = access
                .button(ui, "新建单位…")
                .on_hover_text("快捷键 Ctrl+N");
            if new_button.clicked() || is_new_pressed {
                let next_order =
                    crate::model::unit::next_sort_order(units.iter().map(|u| u.fields.sort_order));
                self.form = Some(UnitForm::new_unit(next_order));
            }
            if access
                .button(ui, "导入…")
                .on_hover_text("从 .xlsx 或 .csv 文件按“单位名称”新增或修改单位，写入前先预览")
                .clicked()
            {
                let picker = FilePicker::new(
                    "选择要导入的单位表（.xlsx 或 .csv）",
                    PickMode::OpenFile(&["xlsx", "csv"]),
                );
                let picker = picker.with_note(crate::io::expected_columns());
                self.picker = Some((FileAction::Import, picker));
            }
            // Reading only: offered in a read-only window too.
            if ui
                .button("导出名单…")
                .on_hover_text(
                    "把在用单位写成 .xlsx（列与导入相同）：在 Excel 或 WPS 中改好后可再导入；删去各行即是空白模板",
                )
                .clicked()
            {
                let picker = FilePicker::new("选择单位名单保存到的文件夹", PickMode::Folder);
                self.picker = Some((FileAction::Export, picker));
            }
            if access
                .add_enabled(ui, selected_unit.is_some(), egui::Button::new("编辑…"))
                .clicked()
                && let Some(unit) = selected_unit
            {
                self.form = Some(UnitForm::edit(unit.id, unit.fields.clone()));
            }
            let can_archive = selected_unit.is_some_and(|u| u.is_active);
            if access
                .add_enabled(ui, can_archive, egui::Button::new("归档"))
                .on_hover_text("单位撤并或撤销后归档，保留其历史和往年责任书")
                .clicked()
                && let Some(unit) = selected_unit
            {
                let has_agreement = (data.agreements.iter()).any(|a| a.draft.unit_id == unit.id);
                self.archiving = Some(ArchiveQuestion::new(unit, data.open_agreements, has_agreement));
            }
            let can_restore = selected_unit.is_some_and(|u| !u.is_active);
            if access
                .add_enabled(ui, can_restore, egui::Button::new("恢复"))
                .clicked()
                && let Some(unit) = selected_unit
            {
                commands.push(Command::SetUnitActive {
                    id: unit.id,
                    is_active: true,
                });
            }
        });
        ui.add_space(4.0);
        let active = units.iter().filter(|u| u.is_active).count();
        ui.label(format!(
            "共 {} 个在用单位，{} 个已归档；当前列出 {} 个",
            active,
            units.len() - active,
            self.visible.len()
        ));
        if self.edit_refused.is_some()
            && let Some(why) = &self.read_only
        {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!("本窗口只读，不能编辑单位；单位的各项信息都列在表中。只读的原因：{why}"),
            );
        }
        let search = state.unit_search.trim();
        // A blank start: where the register comes from, said where it will be.
        if units.is_empty() {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "名册中还没有单位：点“新建单位…”逐个添加，或点“导入…”从 Excel（.xlsx）或 CSV 表格成批导入（列名如 单位名称、简称、单位类型、考核类别、负责人）",
            );
        }
        if let Some(note) = super::former_names::found_note(&self.found_by_former) {
            ui.label(egui::RichText::new(note).weak());
        }
        if self.visible.is_empty() && !search.is_empty() {
            let archived_hint = if state.show_archived || active == units.len() {
                ""
            } else {
                "（已归档的单位勾选“显示已归档”后才列出）"
            };
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "没有找到与“{search}”相符的单位（按名称、简称、曾用名、负责人职务或姓名、联系人、电话、考核类别或类型查找）{archived_hint}"
                ),
            );
        }
        ui.separator();
        // A narrow window scrolls the columns sideways rather than lose the last ones.
        // The width in sight, measured outside the sideways scroll (whose content is as wide as
        // the columns make it): the columns start fitted to it.
        let in_sight = ui.available_width();
        super::sideways::show(ui, "units_columns", |ui| {
            self.table(ui, in_sight, units, &category_names, state);
        });

        if let Some(form) = &mut self.form {
            // A new unit named as an archived one is most likely that one back: said so.
            let archived: Vec<&str> = (units.iter())
                .filter(|u| !u.is_active)
                .map(|u| u.fields.name.as_str())
                .collect();
            // The unit's agreement of the year, once its text is frozen: said when it is renamed.
            let issued_agreement = (form.unit_id()).and_then(|id| {
                (data.agreements.iter()).find(|a| {
                    a.draft.unit_id == id && a.status >= crate::model::AgreementStatus::Final
                })
            });
            let issued = issued_agreement.map(renamed_after_issue);
            let principal_issued =
                issued_agreement.map(crate::model::agreement::principal_after_issue);
            // The unit's agreement of the newest year not published keeps the category it was
            // drafted in, whichever year is chosen above.
            let drafted_in = (form.unit_id())
                .and_then(|id| (data.open_agreements.iter()).rfind(|a| a.unit_id == id))
                .map(|a| {
                    let name = (categories.iter())
                        .find(|c| c.id == a.category_id)
                        .map_or("原类别", |c| c.name.as_str());
                    let mut note = format!(
                        "该单位 {} 年度第 {} 号责任书（状态：{}）按“{name}”起草：改考核类别只影响以后起草的责任书，{} 年度仍按“{name}”的模板和指标考核、排名",
                        a.year,
                        a.number,
                        a.status.label(),
                        a.year
                    );
                    // A draft can be drafted again in the new category, unless the year kept
                    // its units (it drafts in the category kept).
                    let keeps_units = data.year_keeps_units == Some(a.year);
                    if a.status == crate::model::AgreementStatus::Draft && !keeps_units {
                        note.push_str(crate::model::agreement::REDRAFT_IN_NEW_CATEGORY);
                    }
                    (a.category_id, note)
                });
            let sort_orders: Vec<(i64, i64, &str)> = (units.iter())
                .filter(|u| u.is_active)
                .map(|u| (u.id, u.fields.sort_order, u.fields.name.as_str()))
                .collect();
            let towns = crate::model::category::towns_categories(categories, units);
            let notes = super::unit_form::FormNotes {
                sort_orders: &sort_orders,
                units,
                towns_categories: &towns,
                archived: &archived,
                issued: issued.as_deref(),
                principal_issued: principal_issued.as_deref(),
                drafted_in: drafted_in.as_ref().map(|(id, note)| (*id, note.as_str())),
                former_names: data.former_names,
            };
            match form.show(ui.ctx(), categories, &notes) {
                FormOutcome::Open => {}
                FormOutcome::Cancelled => self.form = None,
                FormOutcome::Submitted(command) => commands.push(*command),
            }
        }
        if let Some(question) = &self.archiving {
            match question.show(ui.ctx()) {
                ArchiveAnswer::Waiting => {}
                ArchiveAnswer::Cancel => self.archiving = None,
                ArchiveAnswer::Archive(id) => {
                    self.archiving = None;
                    let place = (self.visible.iter())
                        .position(|&i| units.get(i).is_some_and(|u| u.id == id));
                    let pass = ui.ctx().cumulative_pass_nr();
                    self.archived_at = place.map(|place| (id, place, pass));
                    commands.push(Command::SetUnitActive {
                        id,
                        is_active: false,
                    });
                }
            }
        }
        if let Some((action, picker)) = &mut self.picker {
            match picker.show(ui.ctx()) {
                PickOutcome::Open => {}
                PickOutcome::Cancelled => self.picker = None,
                PickOutcome::Chosen(path) => {
                    commands.push(match action {
                        FileAction::Import => Command::PreviewUnitImport(path),
                        FileAction::Export => Command::ExportUnits(path),
                    });
                    self.picker = None;
                }
            }
        }
    }

    /// Once the unit just archived is archived in the data shown, selects it (listed still,
    /// with 显示已归档) or the unit now in its place (the last when it was the last), its name
    /// taking the keyboard: the buttons that acted on it are greyed, and the keyboard is not
    /// left nowhere. Given up after a few passes (the archive refused).
    fn after_archive(&mut self, ui: &egui::Ui, units: &[Unit]) {
        let Some((id, place, pass)) = self.archived_at else {
            return;
        };
        if ui.ctx().cumulative_pass_nr() > pass + ARCHIVE_PASSES {
            self.archived_at = None;
            return;
        }
        if !units.iter().any(|u| u.id == id && !u.is_active) {
            return;
        }
        self.archived_at = None;
        let listed = |i: &usize| units.get(*i).map(|u| u.id);
        let is_listed = self.visible.iter().filter_map(listed).any(|u| u == id);
        let next = if is_listed {
            Some(id)
        } else {
            let last = self.visible.len().checked_sub(1);
            last.and_then(|last| self.visible.get(place.min(last)))
                .and_then(listed)
        };
        if let Some(next) = next {
            self.selected = Some(next);
            self.focus_selected = true;
            self.pending_scroll = Some(PendingScroll::Selected);
        }
    }
}

/// What renaming a unit means for its agreement `issued` (定稿 or later): the frozen text keeps
/// the name it was issued under; one not yet signed can be reissued under the new name.
fn renamed_after_issue(issued: &Agreement) -> String {
    use crate::model::AgreementStatus;
    let head = format!(
        "该单位 {} 年度第 {} 号责任书{}，正文中的单位名称是定稿时的名称：改名只改名册，不改已定稿的文本",
        issued.draft.year,
        issued.draft.number,
        issued.status.label()
    );
    match issued.status {
        AgreementStatus::Final | AgreementStatus::Printed => {
            format!("{head}；如需按新名称签订，请先退回草稿，再重新定稿")
        }
        _ => format!("{head}；已签订的责任书以签订时的名称为准"),
    }
}
