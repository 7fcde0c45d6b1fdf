//! The tracker's table: the columns fitted to the window (giving way beside the detail), one
//! row per visible agreement with its tick box (Shift-click ticks a range) and the unit's name
//! that opens the detail.

use std::collections::HashMap;

use egui_extras::{Column, TableBuilder};

use super::super::YearData;
use super::{CODE_COLUMN_LEAST, CODE_COLUMN_ROOM, ROW_HEIGHT, Tracker, is_late, name_column};
use crate::model::Unit;
use crate::model::agreement::grouped_code;
use crate::model::dates::show_date;

/// The least width of the unit's name column beside the other columns in full.
const NAME_COLUMN_LEAST: f32 = 140.0;

/// The least width of the unit's name column beside the detail (a short name fits).
const COMPACT_NAME_LEAST: f32 = 100.0;

impl Tracker {
    /// The list of agreements: one row each, with its tick box, and the unit's name that
    /// opens the detail (by click, or Enter from the keyboard).
    pub(super) fn table(
        &mut self,
        ui: &mut egui::Ui,
        data: &YearData,
        units: &HashMap<i64, &Unit>,
        categories: &HashMap<i64, &str>,
        is_overdue: bool,
        is_compact: bool,
    ) {
        let agreements = &data.agreements;
        let mut headers = [
            "序号",
            "单位",
            "类别",
            "状态",
            "甲方签字人",
            "乙方签字人",
            "定稿日期",
            "打印日期",
            "签订日期",
            "签回/份数",
            "校验码",
        ];
        let mut toggled = None;
        let mut sort_clicked = None;
        let mut entered_tick = None;
        let mut focused = None;
        // Beside the detail the unit's name column gives way, so that the table and the
        // detail both fit a window 1200 points wide.
        // The code column (the rest of the width) keeps room for the whole code, and the
        // scroll bar beside it, in a window 1200 points wide, as printed on the paper it is
        // compared with.
        // A wider window gives the room left to the unit's name, so that long names show whole.
        let mut widths = [
            56.0, 166.0, 50.0, 96.0, 72.0, 72.0, 100.0, 100.0, 100.0, 66.0,
        ];
        // The category column holds the longest category name (镇街 by default; an office's
        // own "重点行业部门" whole), within reason.
        let longest = categories.values().map(|name| name.chars().count()).max();
        widths[2] = longest.map_or(50.0, |chars| {
            (chars as f32 * 14.0 + 10.0).clamp(50.0, 110.0)
        });
        // A draft whose tailoring a template edit left behind says so in its status
        // ("草稿（逾期，调整待重做）"): the column holds it whole while there is one.
        if !self.stale_drafts.is_empty() {
            widths[3] = 170.0;
        }
        // With the detail open, the signatory and date columns (shown in the detail) make room,
        // so that the unit's name and the whole code still show. In a window too narrow for
        // every column (1024 points wide), those of least use in the list give way first:
        // 甲方签字人 (the same on most rows), then a date no row listed has, then 定稿日期 and
        // 打印日期; the detail shows them. Listing the 已打印, 打印日期 stays.
        let dates = {
            let listed = || self.visible.iter().filter_map(|&i| agreements.get(i));
            let filled =
                |date: fn(&crate::model::Agreement) -> bool| listed().filter(|a| date(a)).count();
            let mut dates = [
                (filled(|a| a.finalized_on.is_some()), 6),
                (filled(|a| a.printed_on.is_some()), 7),
                (filled(|a| a.signed_on.is_some()), 8),
            ];
            dates.sort_by_key(|&(count, column)| (count > 0, column));
            dates.map(|(_, column)| column)
        };
        let one_date = [4, dates[0]];
        let two_dates = [4, dates[0], dates[1]];
        let spacing = ui.spacing().item_spacing.x;
        let needed = |hidden: &[usize], name_least: f32| {
            (widths.iter().enumerate())
                .filter(|&(column, _)| column != 1 && !hidden.contains(&column))
                .map(|(_, width)| width + spacing)
                .sum::<f32>()
                + name_least
                // The code's room less the scroll bar's, which it may give up.
                + CODE_COLUMN_ROOM
                - 20.0
        };
        let available = ui.available_width();
        // Beside the detail (which shows them all), on a narrow window (1024 points wide)
        // 签回/份数 and then 类别 make room too, so that the code still shows whole.
        let hidden: &[usize] = if is_compact {
            [
                &[4, 5, 6, 7, 8][..],
                &[4, 5, 6, 7, 8, 9],
                &[2, 4, 5, 6, 7, 8, 9],
            ]
            .into_iter()
            .find(|hidden| needed(hidden, COMPACT_NAME_LEAST) <= available)
            .unwrap_or(&[2, 4, 5, 6, 7, 8, 9])
        } else {
            [&[][..], &one_date, &two_dates]
                .into_iter()
                .find(|hidden| needed(hidden, NAME_COLUMN_LEAST) <= available)
                .unwrap_or(&two_dates)
        };
        // Beside the detail with every column that may give way gone, a status widened for
        // "草稿（逾期，调整待重做）" gives way too (cut short, whole on hover): the code is read
        // whole against the paper.
        if is_compact {
            let excess = needed(hidden, COMPACT_NAME_LEAST) - available;
            if excess > 0.0 {
                widths[3] = (widths[3] - excess).max(96.0);
            }
        }
        let shown = |column: usize| !hidden.contains(&column);
        let others: f32 = (widths.iter().enumerate())
            .filter(|&(column, _)| column != 1 && shown(column))
            .map(|(_, width)| width + ui.spacing().item_spacing.x)
            .sum();
        let spare = ui.available_width() - others - CODE_COLUMN_ROOM;
        widths[1] = if is_compact {
            // Beside the detail the code keeps its room but for the scroll bar's (it is read
            // whole), and the name gives way to a wide status ("草稿（逾期，调整待重做）")
            // rather than push the detail out of the window; a name cut short shows whole on
            // hover.
            (spare + 20.0).clamp(COMPACT_NAME_LEAST, 160.0)
        } else {
            // A long category name (重点企业) takes from the unit's name before the code, which
            // is read whole against the paper.
            spare.clamp(NAME_COLUMN_LEAST, 260.0)
        };
        // One way of naming for the whole column (see [`name_column`]); the cell's padding
        // taken off its width.
        let name_width = widths[1] - ui.spacing().item_spacing.x;
        let by_short_name = match (&self.short_names, &self.visible_key) {
            (Some((key, width, answer)), Some(now))
                if key == now && *width == name_width.to_bits() =>
            {
                *answer
            }
            _ => {
                let answer = name_column::shows_short(
                    ui,
                    (self.visible.iter())
                        .filter_map(|&i| agreements.get(i))
                        .map(|agreement| units.get(&agreement.draft.unit_id).copied()),
                    name_width,
                );
                self.short_names =
                    (self.visible_key.clone()).map(|key| (key, name_width.to_bits(), answer));
                answer
            }
        };
        if by_short_name {
            headers[1] = "单位（简称）";
        }
        let mut builder = TableBuilder::new(ui)
            .id_salt("tracker_table")
            .striped(true)
            // Clicks, not the keyboard: Tab stops at each row's tick box and name, not at
            // every cell and column head unseen.
            .sense(egui::Sense::CLICK)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center));
        let (offset, was_compact) = self.scroll;
        if std::mem::take(&mut self.to_top) {
            builder = builder.vertical_scroll_offset(0.0);
        } else if was_compact.is_some_and(|was| was != is_compact) {
            builder = builder.vertical_scroll_offset(offset);
        }
        if let Some(row) = self.keys.begin() {
            builder = builder.scroll_to_row(row, None);
        }
        for (_, width) in widths
            .into_iter()
            .enumerate()
            .filter(|(column, _)| shown(*column))
        {
            builder = builder.column(Column::initial(width).at_least(40.0).clip(true));
        }
        let scrolled = builder
            .column(Column::remainder().at_least(CODE_COLUMN_LEAST).clip(true))
            .header(ROW_HEIGHT, |mut header| {
                let sort = self.sort;
                for (column, title) in headers
                    .into_iter()
                    .enumerate()
                    .filter(|(column, _)| shown(*column))
                {
                    // The whole cell sorts (a click, not a Tab stop: see the builder).
                    let (_, cell) = header.col(|ui| {
                        let head = egui::RichText::new(format!("{title}{}", sort.arrow(column)));
                        let title = ui.add(
                            egui::Label::new(head.strong())
                                .selectable(false)
                                .sense(egui::Sense::CLICK),
                        );
                        let title = if by_short_name && column == 1 {
                            title.on_hover_text(
                                "全称放不下，本列显示简称；指向一行可见全称。点击按此列排序，再点一次倒序",
                            )
                        } else {
                            title.on_hover_text("点击按此列排序，再点一次倒序")
                        };
                        if title.clicked() {
                            sort_clicked = Some(column);
                        }
                    });
                    if cell.clicked() {
                        sort_clicked = Some(column);
                    }
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, self.visible.len(), |mut row| {
                    let row_index = row.index();
                    let mut tick = None;
                    let Some(agreement) =
                        self.visible.get(row_index).and_then(|&i| agreements.get(i))
                    else {
                        return;
                    };
                    row.set_selected(self.focused == Some(agreement.id));
                    let unit = units.get(&agreement.draft.unit_id);
                    let unit_name = unit.map_or("", |u| u.fields.name.as_str());
                    let mut is_selected = self.selected.contains(&agreement.id);
                    row.col(|ui| {
                        let number = agreement.draft.number.to_string();
                        let response = ui
                            .checkbox(&mut is_selected, number)
                            .on_hover_text(format!("选择{unit_name}（按住 Shift 点击可连选）"));
                        // Enter opens the row, as on its name (the keyboard stays here); only
                        // Space and clicks tick. A second Enter after a batch dialog, whose
                        // keyboard lands here, must not untick a row unsaid.
                        let entered =
                            response.has_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
                        if entered {
                            focused = Some(agreement.id);
                            entered_tick = Some((agreement.id, row_index));
                        } else if response.changed() {
                            toggled = Some((agreement.id, ui.input(|i| i.modifiers.shift)));
                        }
                        // Reached by Tab in a row drawn below the edge: brought into sight.
                        if response.gained_focus() {
                            response.scroll_to_me(None);
                        }
                        // Ticked with the mouse, it takes the keyboard too: ↓ and Space then
                        // go on down the rows from there, not from the top of the window.
                        if response.clicked() {
                            response.request_focus();
                        }
                        tick = Some(response);
                    });
                    let day =
                        |date: Option<chrono::NaiveDate>| date.map(show_date).unwrap_or_default();
                    let code = agreement.verification_code().unwrap_or("");
                    let cells = [
                        name_column::full_name(unit.copied()),
                        categories
                            .get(&agreement.draft.category_id)
                            .copied()
                            .unwrap_or("")
                            .to_owned(),
                        // Past the planned signing date and not signed, or a draft whose clause
                        // changes a template edit left behind: said in the row.
                        match (
                            is_late(agreement, units, is_overdue),
                            self.stale_drafts.contains(&agreement.id),
                        ) {
                            (true, true) => {
                                format!("{}（逾期，调整待重做）", agreement.status.label())
                            }
                            (true, false) => format!("{}（逾期）", agreement.status.label()),
                            (false, true) => {
                                format!("{}（调整待重做）", agreement.status.label())
                            }
                            (false, false) => agreement.status.label().to_owned(),
                        },
                        agreement.party_a_signatory.clone(),
                        agreement.party_b_signatory.clone(),
                        day(agreement.finalized_on),
                        day(agreement.printed_on),
                        day(agreement.signed_on),
                        format!("{}/{}", agreement.copies_returned, agreement.draft.copies),
                        grouped_code(code),
                    ];
                    for (cell, text) in cells
                        .into_iter()
                        .enumerate()
                        .filter(|(cell, _)| shown(cell + 1))
                    {
                        row.col(|ui| {
                            // The unit's name takes the keyboard (Tab), its ring shown: Enter
                            // or Space opens the agreement, as a click on its row does.
                            if cell != 0 {
                                ui.add(egui::Label::new(text).selectable(false).truncate());
                                return;
                            }
                            // The column's names too long for it give way to short ones, whole,
                            // rather than be cut; the full name shows on hover.
                            let shown_name = by_short_name
                                .then(|| name_column::short_name(unit.copied()))
                                .flatten()
                                .unwrap_or_else(|| text.clone());
                            let label = egui::Label::new(shown_name.as_str())
                                .selectable(false)
                                .truncate();
                            let name = ui.add(label.sense(egui::Sense::click()));
                            // Renamed after 定稿: the paper copy says the old name.
                            let printed = (data.printed_names.get(&agreement.id))
                                .map(|old| format!("责任书上的名称：{old}（定稿后单位已更名）"));
                            let hover = match (shown_name == text, printed) {
                                (true, None) => None,
                                (true, Some(printed)) => Some(printed),
                                (false, None) => Some(text.clone()),
                                (false, Some(printed)) => Some(format!("{text}\n{printed}")),
                            };
                            let name = match hover {
                                Some(hover) => name.on_hover_text(hover),
                                None => name,
                            };
                            crate::ui::focus_ring::show(ui, &name);
                            if let Some(tick) = &tick {
                                self.keys.row(row_index, agreement.id, &name, tick);
                            }
                            if name.clicked() {
                                // Enter on the row already shown goes on into its detail (to
                                // 关闭, which unsaved edits grey: then the name keeps it).
                                let is_shown = self.focused == Some(agreement.id);
                                if is_shown
                                    && !self.detail.is_changed()
                                    && name.has_focus()
                                    && ui.input(|i| i.key_pressed(egui::Key::Enter))
                                {
                                    self.keys.keep_keyboard_away();
                                    self.detail.take_keyboard();
                                }
                                focused = Some(agreement.id);
                            }
                        });
                    }
                    if row.response().clicked() {
                        focused = Some(agreement.id);
                    }
                });
            });
        self.scroll = (scrolled.state.clamped_offset().y, Some(is_compact));
        if let Some(column) = sort_clicked {
            self.sort = self.sort.clicked(column);
        }
        // With the detail open it follows the keyboard from row to row.
        let visible = &self.visible;
        let id_at = |row: usize| {
            visible
                .get(row)
                .and_then(|&i| agreements.get(i))
                .map(|a| a.id)
        };
        // Not from the tick boxes while the detail holds unsaved edits: ticking a run of rows
        // would ask about them at every step.
        let is_unsaved = self.detail.is_changed() || !self.detail.open_form().is_empty();
        if let Some((id, on_tick)) = self.keys.step(ui, visible.len(), id_at)
            && self.focused.is_some()
            && !(on_tick && is_unsaved)
        {
            focused = Some(id);
        }
        if let Some((id, is_range)) = toggled {
            let is_ticked = !self.selected.contains(&id);
            let listed: Vec<i64> = (self.visible.iter())
                .filter_map(|&i| agreements.get(i))
                .map(|a| a.id)
                .collect();
            let range = (self.tick_anchor.filter(|_| is_range))
                .and_then(|anchor| listed.iter().position(|&a| a == anchor))
                .zip(listed.iter().position(|&a| a == id))
                .and_then(|(from, to)| listed.get(from.min(to)..=from.max(to)));
            for &each in range.unwrap_or(std::slice::from_ref(&id)) {
                if is_ticked {
                    self.selected.insert(each);
                } else {
                    self.selected.remove(&each);
                }
            }
            self.tick_anchor = Some(id);
        }
        // The tick box keeps the keyboard once the list is drawn beside the open detail: ↑／↓
        // and Space go on ticking rows from there (the detail follows).
        if let Some((id, row)) = entered_tick {
            self.keys.give_to_tick(id, row);
        }
        if let Some(id) = focused {
            self.open(id);
        }
    }
}
