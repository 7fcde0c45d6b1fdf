//! The 单位 screen's table: sortable column heads, one virtualised row per visible unit, the
//! selected row kept in view, and the keyboard on the names.

use std::collections::HashMap;

use egui_extras::{Column, TableBuilder};

use super::{ROW_HEIGHT, UnitsView};
use crate::model::Unit;
use crate::ui::state::{UiState, UnitSort};
use crate::ui::unit_form::UnitForm;

impl UnitsView {
    /// The table of units: sortable by its heads, one row per visible unit, the selected
    /// one kept in view and reachable from the keyboard; its columns start fitted to the
    /// width `in_sight`.
    pub(super) fn table(
        &mut self,
        ui: &mut egui::Ui,
        in_sight: f32,
        units: &[Unit],
        category_names: &HashMap<i64, &str>,
        state: &mut UiState,
    ) {
        let headers: [(&str, UnitSort); 10] = [
            // Named as the form and the import name it.
            ("排序号", UnitSort::Order),
            ("单位名称", UnitSort::Name),
            ("简称", UnitSort::ShortName),
            ("类型", UnitSort::Kind),
            ("考核类别", UnitSort::Category),
            ("负责人职务", UnitSort::PrincipalTitle),
            ("负责人", UnitSort::Principal),
            ("联系人", UnitSort::Contact),
            ("联系电话", UnitSort::Phone),
            ("状态", UnitSort::Status),
        ];
        if let Some(step) = self.list_move(ui) {
            self.step_selection(units, step);
        }
        // Esc lets go of a widget's keyboard: a unit's name keeps it rather than dropping it
        // to the top of the window.
        let escaped =
            ui.input(|i| i.key_pressed(egui::Key::Escape)) && ui.memory(|m| m.focused().is_none());
        if escaped
            && self.name_focused
            && !self.is_dialog_open(ui)
            && let Some(id) = self.focused_unit
        {
            self.selected = Some(id);
            self.focus_selected = true;
        }
        let enter_on_selected = self.enter_on_selected(ui);
        self.table_rect = Some(ui.available_rect_before_wrap());
        let mut name_focused = false;
        let mut focused_unit = None;
        let mut clicked_row = None;
        let mut double_clicked_row = None;
        // The rows' scroll bar takes its share of the width in sight.
        let available = in_sight - ui.spacing().scroll.allocated_width();
        let spacing = ui.spacing().item_spacing.x;
        let [
            order,
            name,
            short,
            kind,
            category,
            title,
            principal,
            contact,
            phone,
            status,
        ] = super::columns::fitted(available, spacing);
        // The table keeps the widths it started with: a window made narrower or wider (where
        // the natural widths do not fit) starts the columns fitted to it again.
        let is_resized = (available - self.fitted_to).abs() > 1.0;
        let refit = is_resized
            && (super::columns::is_narrowed(available, spacing)
                || super::columns::is_narrowed(self.fitted_to, spacing));
        self.fitted_to = available;
        // A scroll position of its own: the 责任书 tracker's is not the register's.
        let mut builder = TableBuilder::new(ui).id_salt("units_table");
        if refit {
            builder.reset();
        }
        let pending = self.pending_scroll.take();
        let mut is_sorted_anew = false;
        if pending == Some(super::PendingScroll::Top) {
            builder = builder.vertical_scroll_offset(0.0);
        }
        if pending == Some(super::PendingScroll::Selected)
            && let Some(position) = self
                .visible
                .iter()
                .position(|&i| units.get(i).map(|u| u.id) == self.selected)
        {
            builder = builder.scroll_to_row(position, Some(egui::Align::Center));
        }
        builder
            .striped(true)
            // Clicks, not the keyboard: Tab stops at each unit's name, not at every cell.
            .sense(egui::Sense::CLICK)
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::exact(order))
            .column(Column::initial(name).at_least(120.0).clip(true))
            .column(Column::initial(short).clip(true))
            .column(Column::initial(kind))
            .column(Column::initial(category).clip(true))
            .column(Column::initial(title).clip(true))
            .column(Column::initial(principal).clip(true))
            .column(Column::initial(contact).clip(true))
            .column(Column::initial(phone).clip(true))
            // 已归档 whole at the window's first size.
            .column(Column::remainder().at_least(status))
            .header(ROW_HEIGHT, |mut header| {
                for (title, sort) in headers {
                    let mut text_clicked = false;
                    // The whole cell sorts, not only its text: a click beside the title counts.
                    let (_, cell) = header.col(|ui| {
                        let arrow = match (state.unit_sort == sort, state.unit_sort_descending) {
                            (true, false) => " ▲",
                            (true, true) => " ▼",
                            (false, _) => "",
                        };
                        let head = ui
                            .add(
                                egui::Button::new(
                                    egui::RichText::new(format!("{title}{arrow}")).strong(),
                                )
                                .frame(false),
                            )
                            .on_hover_text("点击按此列排序，再点一次倒序");
                        crate::ui::focus_ring::show(ui, &head);
                        text_clicked = head.clicked();
                    });
                    if text_clicked || cell.clicked() {
                        is_sorted_anew = true;
                        if state.unit_sort == sort {
                            state.unit_sort_descending = !state.unit_sort_descending;
                        } else {
                            state.unit_sort = sort;
                            state.unit_sort_descending = false;
                        }
                    }
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, self.visible.len(), |mut row| {
                    let Some(unit) = self.visible.get(row.index()).and_then(|&i| units.get(i))
                    else {
                        return;
                    };
                    row.set_selected(self.selected == Some(unit.id));
                    let f = &unit.fields;
                    let category = category_names.get(&f.category_id).copied().unwrap_or("");
                    let status = if unit.is_active {
                        "在用"
                    } else {
                        "已归档"
                    };
                    let cells = [
                        f.sort_order.to_string(),
                        f.name.clone(),
                        // None given: the name it is shown under elsewhere, greyed.
                        f.display_short_name().to_owned(),
                        f.kind.label().to_owned(),
                        category.to_owned(),
                        f.principal_title.clone(),
                        f.principal_name.clone(),
                        f.contact_name.clone(),
                        f.contact_phone.clone(),
                        status.to_owned(),
                    ];
                    let is_selected = self.selected == Some(unit.id);
                    for (column, text) in cells.into_iter().enumerate() {
                        // An archived unit's row is greyed, so it stands apart from those in use;
                        // a short name not given (the name shown for it) too.
                        let is_stand_in = column == 2 && f.short_name.trim().is_empty();
                        let text = if unit.is_active && !is_stand_in {
                            egui::RichText::new(text)
                        } else {
                            egui::RichText::new(text).weak()
                        };
                        row.col(|ui| {
                            if column != 1 {
                                ui.add(egui::Label::new(text).selectable(false).truncate());
                                return;
                            }
                            // The name takes the keyboard (Tab), with its ring shown: Enter or
                            // Space selects the unit, and on a selected one opens 编辑….
                            let name = ui.add(
                                egui::Label::new(text)
                                    .selectable(false)
                                    .truncate()
                                    .sense(egui::Sense::click()),
                            );
                            if is_selected && std::mem::take(&mut self.focus_selected) {
                                name.request_focus();
                            }
                            name_focused |= name.has_focus();
                            if name.has_focus() {
                                focused_unit = Some(unit.id);
                            }
                            crate::ui::focus_ring::show(ui, &name);
                            if name.clicked() {
                                let by_keyboard = name.has_focus()
                                    && ui.input(|i| {
                                        i.key_pressed(egui::Key::Enter)
                                            || i.key_pressed(egui::Key::Space)
                                    });
                                if by_keyboard && is_selected {
                                    double_clicked_row = Some(unit.id);
                                }
                                clicked_row = Some(unit.id);
                            }
                            if name.double_clicked() {
                                double_clicked_row = Some(unit.id);
                            }
                        });
                    }
                    let response = row.response();
                    // The selected unit (one just saved or imported is selected to be looked
                    // at) is not covered by a toast.
                    if is_selected {
                        crate::ui::toasts::keep_clear_of(&response.ctx, response.rect);
                    }
                    // A row clicked takes the keyboard: ↑/↓ go on from it.
                    name_focused |= response.has_focus();
                    if response.clicked() {
                        clicked_row = Some(unit.id);
                    }
                    if response.double_clicked() {
                        double_clicked_row = Some(unit.id);
                    }
                });
            });
        self.name_focused = name_focused;
        // Sorted anew: the unit selected is brought into sight in its new place (编辑… and
        // 归档 act on it), as after a save.
        if is_sorted_anew && self.selected.is_some() {
            self.pending_scroll = Some(super::PendingScroll::Selected);
        }
        // The row the keyboard moved to (Tab) is the one selected: Enter then opens it.
        if let Some(id) = focused_unit
            && self.focused_unit != Some(id)
        {
            self.selected = Some(id);
        }
        self.focused_unit = focused_unit;
        if let Some(id) = clicked_row {
            self.selected = Some(id);
            self.edit_refused = self.edit_refused.filter(|refused| *refused == id);
        }
        if enter_on_selected && double_clicked_row.is_none() {
            double_clicked_row = self.selected;
        }
        // A double click edits, as 编辑… does: not in a read-only window, which says so.
        if let Some(unit) = double_clicked_row.and_then(|id| units.iter().find(|u| u.id == id)) {
            if self.read_only.is_none() {
                self.form = Some(UnitForm::edit(unit.id, unit.fields.clone()));
            } else {
                self.edit_refused = Some(unit.id);
                ui.ctx().request_repaint();
            }
        }
    }
}
