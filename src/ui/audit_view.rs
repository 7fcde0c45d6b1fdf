//! 设置 → 操作记录: the audit log as a table, filtered by date, unit, operator and action, with
//! what each change did shown field by field (before → after).

use chrono::NaiveDate;
use egui_extras::{Column, TableBuilder};

use crate::model::{Category, Unit};
use crate::store::{AuditFilter, AuditRow};

use crate::model::dates::{date_refusal, parse_date, show_stored_time_with_seconds};

use super::audit_format::{FieldChange, Names, REASON_FIELD, changes};
use super::command::Command;
use super::searchable_combo::{Choices, searchable_combo};

mod details;

use details::DETAILS_HEIGHT;

/// How many entries one search shows (newest first).
pub const AUDIT_LIMIT: usize = 2000;

const ROW_HEIGHT: f32 = 24.0;
const ANY: &str = "全部";

/// Runtime state of the 操作记录 tab.
#[derive(Default)]
pub struct AuditView {
    from: String,
    to: String,
    unit_id: Option<i64>,
    /// What is typed above the units in the 单位 list, to find one among many.
    unit_search: String,
    operator: Option<String>,
    action: Option<String>,
    /// The last search's rows; `None` until the first search.
    rows: Option<Vec<AuditRow>>,
    operators: Vec<String>,
    actions: Vec<String>,
    selected: Option<usize>,
    /// The entry's time that had the keyboard last frame: ↑ and ↓ move from it.
    time_focus: Option<egui::Id>,
    /// The entry whose time takes the keyboard when its row is next drawn (one scrolled to
    /// by End or PageDown is drawn a frame later).
    focus_row: Option<usize>,
    /// True when the tab was shown again: the search runs again, for entries made meanwhile.
    is_stale: bool,
    /// True until new rows have been drawn once: they start at the newest, at the top.
    is_new_rows: bool,
    /// How many entries the last search asked for: [`AUDIT_LIMIT`] more each time the earlier
    /// ones are asked for.
    limit: usize,
    /// The conditions of the last search, which the earlier entries are asked for under (not
    /// those typed since without searching).
    searched: AuditFilter,
    /// True while the rows asked for are earlier ones of the same search: the table stays
    /// where it was, the selection too.
    is_more: bool,
    /// The width the table's columns were last fitted to.
    fitted_to: f32,
    /// The conditions of a search asked for, until its rows come (or it fails).
    awaiting: Option<AuditFilter>,
}

/// Which sides of a change an entry has: before it, after it.
type Sides = (bool, bool);

/// The sides an entry has. A change (修改…) that cleared what it changed (a setting taken
/// away) has its after side all the same, its fields said empty, not left blank as after a
/// removal.
fn sides_of(entry: &crate::store::AuditEntry) -> Sides {
    let has_before = entry.before_json.is_some();
    let is_cleared = has_before && entry.action.starts_with("修改");
    (has_before, entry.after_json.is_some() || is_cleared)
}

/// True when `entry` deleted a record (a bonus, a veto cleared): it has nothing after it but
/// the reason given.
fn is_deleted(entry: &crate::store::AuditEntry) -> bool {
    (entry.after_json.as_deref()).is_none_or(|json| {
        serde_json::from_str::<serde_json::Value>(json)
            .is_ok_and(|v| v.get("value").is_some_and(serde_json::Value::is_null))
    })
}

/// The after side of an entry that deleted a record, in a table cell: "（已删除）" and the
/// reason given with it, not each field said empty.
fn deleted_line(changes: &[FieldChange]) -> String {
    let reason = (changes.iter())
        .find(|c| c.field == REASON_FIELD && !c.after.is_empty())
        .map(|c| format!("；{}：{}", c.field, c.after.replace('\n', "；")))
        .unwrap_or_default();
    cut_to_cell(format!("（已删除）{reason}"))
}

/// `text` cut at 60 characters with "…", as a table cell shows it.
fn cut_to_cell(text: String) -> String {
    if text.chars().count() > 60 {
        format!("{}…", text.chars().take(60).collect::<String>())
    } else {
        text
    }
}

/// One side (before or after) of an entry's changes in a table cell, cut at 60 characters.
/// A side the entry does not have (before an addition, after a removal) stays blank. In an
/// edit (both sides there) a field that was or became empty says so; an addition or removal
/// lists only the fields that hold something. The reason given with a change (only ever after
/// it) is not listed as an empty field before it.
fn one_line(
    changes: &[FieldChange],
    pick: fn(&FieldChange) -> &str,
    sides: Sides,
    is_before: bool,
) -> String {
    let (has_before, has_after) = sides;
    if !(if is_before { has_before } else { has_after }) {
        return String::new();
    }
    let is_edit = has_before && has_after;
    let parts: Vec<String> = changes
        .iter()
        .filter(|c| !(pick(c).is_empty() && (c.field == REASON_FIELD || !is_edit)))
        .map(|c| {
            let value = match pick(c) {
                "" => "（空）",
                value => value,
            };
            // A list of one item a line (the operations a restore undid) runs on in a cell.
            let value = value.replace('\n', "；");
            if c.field.is_empty() {
                value
            } else {
                format!("{}：{value}", c.field)
            }
        })
        .collect();
    cut_to_cell(parts.join("；"))
}

impl AuditView {
    /// The search asked for could not be made (said in a toast): the rows shown stay, no
    /// longer said to be on their way.
    pub fn search_failed(&mut self) {
        self.awaiting = None;
    }

    /// Takes the rows and drop-down choices of a search.
    pub fn show_results(
        &mut self,
        rows: Vec<AuditRow>,
        operators: Vec<String>,
        actions: Vec<String>,
    ) {
        self.rows = Some(rows);
        self.awaiting = None;
        self.operators = operators;
        self.actions = actions;
        if !std::mem::take(&mut self.is_more) {
            self.selected = None;
            self.focus_row = None;
            self.is_new_rows = true;
        }
    }

    /// Asks for the entries of `filter`, the newest `limit` (a new search starts again at
    /// [`AUDIT_LIMIT`]).
    fn search(&mut self, filter: AuditFilter, limit: usize, commands: &mut Vec<Command>) {
        self.limit = limit;
        self.awaiting = Some(filter.clone());
        self.searched = filter.clone();
        commands.push(Command::SearchAudit { filter, limit });
    }

    /// The filter as typed, or the message for a date that does not parse or a range that ends
    /// before it starts.
    fn filter(&self) -> Result<AuditFilter, String> {
        let date = |text: &str, what: &str| -> Result<Option<NaiveDate>, String> {
            let text = text.trim();
            if text.is_empty() {
                return Ok(None);
            }
            parse_date(text).map(Some).ok_or_else(|| {
                date_refusal(what, text, || {
                    format!("{what}应写成 2025-03-05、2025/3/5 或 2025年3月5日 这样的日期")
                })
            })
        };
        // Both said at once when both are wrong: one correction, not two rounds.
        let (from, to) = match (date(&self.from, "起始日期"), date(&self.to, "截止日期")) {
            (Ok(from), Ok(to)) => (from, to),
            (Err(from), Err(to)) => return Err(format!("{from}；{to}")),
            (Err(error), _) | (_, Err(error)) => return Err(error),
        };
        if let (Some(from), Some(to)) = (from, to)
            && from > to
        {
            return Err("起始日期晚于截止日期，请对调两个日期".to_owned());
        }
        Ok(AuditFilter {
            from,
            to,
            unit_id: self.unit_id,
            operator: self.operator.clone(),
            action: self.action.clone(),
        })
    }

    /// The tab is shown again: its search runs again with the conditions set, so that what was
    /// done meanwhile (a rollover, a restore) is listed.
    pub fn refresh(&mut self) {
        self.is_stale = true;
    }

    /// Draws the tab.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        units: &[Unit],
        categories: &[Category],
        commands: &mut Vec<Command>,
    ) {
        let names = Names {
            categories: categories.iter().map(|c| (c.id, c.name.clone())).collect(),
            units: units
                .iter()
                .map(|u| (u.id, u.fields.name.clone()))
                .collect(),
        };
        if self.rows.is_none() {
            self.rows = Some(Vec::new());
            self.search(AuditFilter::default(), AUDIT_LIMIT, commands);
        }
        // Broken as the documents break lines: "“恢复备份”" never split.
        crate::ui::printed_lines::label(
            ui,
            "每一次修改都记入操作记录（时间、操作员、操作、修改前后的内容），记录只能追加，不能修改或删除；恢复备份时，操作记录随数据回到备份时的样子，恢复本身和被撤销的操作另记一条“恢复备份”",
            None,
        );
        let mut search = std::mem::take(&mut self.is_stale);
        let mut date_edited = false;
        let mut date_left = false;
        ui.horizontal_wrapped(|ui| {
            for (caption, text) in [("起始日期", &mut self.from), ("截止日期", &mut self.to)]
            {
                let label = ui.label(caption);
                let response = ui
                    .add(
                        // "2026年12月31日" whole, as the message about a bad date suggests it.
                        egui::TextEdit::singleline(text)
                            .hint_text("年-月-日")
                            .desired_width(120.0),
                    )
                    .labelled_by(label.id);
                // Enter applies it; so does leaving it, when that changes the conditions (Tab
                // through the dates keeps the rows loaded, 再显示更早的记录 too).
                // The keyboard stays in the field: a date refused is put right where it is,
                // and Tab goes on from here, not from the top of the window.
                let entered = crate::ui::enter_key::pressed_in(ui, &response);
                if entered {
                    response.request_focus();
                }
                search |= entered;
                date_left |= response.lost_focus() && !entered;
                // Applied as typed once it is a whole date, as the choosers are when chosen:
                // not "2025-03-1" on the way to 2025-03-19 (the 1st of March searched for, and
                // then shown as the last search's rows when the 19th is refused).
                date_edited |= response.changed() && is_typed_whole(text);
            }
            let fits = |index: usize, wanted: &str| {
                units
                    .get(index)
                    .is_some_and(|u| u.fields.is_named_like(wanted))
            };
            // An archived unit is marked: a new unit may carry its name.
            let captions: Vec<String> = units.iter().map(unit_caption).collect();
            let choices = Choices {
                items: units
                    .iter()
                    .zip(&captions)
                    .map(|(u, caption)| (u.id, caption.as_str()))
                    .collect(),
                fits: &fits,
                none: Some(ANY),
                hint: "输入名称或简称筛选",
            };
            let label = ui.label("单位");
            let (response, changed) = searchable_combo(
                ui,
                "audit_unit",
                180.0,
                &mut self.unit_id,
                &mut self.unit_search,
                &choices,
            );
            response.labelled_by(label.id);
            search |= changed;
            // Two lines whatever the window's width, each caption beside its field; the
            // choosers of a fixed width: a long choice (新增考核指标) moves nothing after it,
            // 查询 staying under the pointer.
            ui.end_row();
            for (caption, salt, value, choices, width) in [
                (
                    "操作员",
                    "audit_operator",
                    &mut self.operator,
                    &self.operators,
                    110.0,
                ),
                (
                    "操作",
                    "audit_action",
                    &mut self.action,
                    &self.actions,
                    130.0,
                ),
            ] {
                let before = value.clone();
                let label = ui.label(caption);
                let mut picked = false;
                let combo = egui::ComboBox::from_id_salt(salt)
                    .width(width)
                    .truncate()
                    .selected_text(
                        value
                            .as_deref()
                            .map_or_else(|| ANY.to_owned(), shown_action),
                    )
                    .show_ui(ui, |ui| {
                        picked |= super::pick::pick(ui, value, None, ANY);
                        for choice in choices {
                            let shown = shown_action(choice);
                            picked |= super::pick::pick(ui, value, Some(choice.clone()), &shown);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                super::pick::keyboard_back(ui, &combo, picked);
                search |= before != *value;
            }
            search |= ui.button("查询").clicked();
            if ui.button("清除条件").clicked() {
                self.from.clear();
                self.to.clear();
                self.unit_id = None;
                self.operator = None;
                self.action = None;
                search = true;
            }
        });
        let is_filter_wrong = match self.filter() {
            Ok(filter) if search || date_edited || (date_left && filter != self.searched) => {
                self.search(filter, AUDIT_LIMIT, commands);
                false
            }
            Ok(_) => false,
            Err(message) => {
                ui.colored_label(ui.visuals().error_fg_color, message);
                true
            }
        };
        let rows = self.rows.take().unwrap_or_default();
        let is_cut = rows.len() >= self.limit.max(1);
        // Asked for and not come yet (a long log takes a moment): not said to be empty.
        let count = if self.awaiting.is_some() {
            "正在读取操作记录…".to_owned()
        } else if is_cut {
            format!("显示最近的 {} 条；可用条件缩小范围", rows.len())
        } else if rows.is_empty() {
            // Not a blank table under "共 0 条": what to change is said.
            none_found(&self.searched)
        } else {
            format!("共 {} 条", rows.len())
        };
        ui.horizontal(|ui| {
            // The rows below are not of the conditions as they now stand: said so.
            ui.label(if is_filter_wrong {
                format!("以下为上一次查询的结果：{count}")
            } else {
                count
            });
            if is_cut
                && ui
                    // There may be fewer: "至多", not a count the log may not have.
                    .button(format!("再显示更早的记录（至多 {AUDIT_LIMIT} 条）"))
                    .clicked()
            {
                self.is_more = true;
                let filter = self.searched.clone();
                self.search(filter, self.limit.saturating_add(AUDIT_LIMIT), commands);
            }
        });
        // The entry chosen is shown under the table, which keeps its place: a row clicked never
        // moves the rows under the pointer.
        // The entry's box takes at most a third of the room on a small window (1024×700):
        // the rows come first.
        let details_height = (ui.available_height() / 3.0).clamp(120.0, DETAILS_HEIGHT);
        let table_height = (ui.available_height() - details_height).max(160.0);
        ui.allocate_ui(egui::vec2(ui.available_width(), table_height), |ui| {
            // A narrow window scrolls the columns sideways rather than lose 修改后 past its edge.
            super::sideways::show(ui, "audit_columns", |ui| self.table(ui, &rows, &names));
        });
        self.details(ui, &rows, &names);
        self.rows = Some(rows);
    }

    fn table(&mut self, ui: &mut egui::Ui, rows: &[AuditRow], names: &Names) {
        // ↑ and ↓ go through the entries from the one chosen, while no field takes the keys;
        // the keyboard goes along to the entry's time.
        let focused = ui.memory(egui::Memory::focused);
        let is_free = focused.is_none() || focused == self.time_focus.take();
        let mut moved_to = None;
        if let Some(chosen) = self.selected.filter(|_| is_free) {
            // PageUp/PageDown a screenful at a time, Home/End to either end of a long log.
            let last = rows.len().saturating_sub(1);
            let next = super::list_keys::pressed(ui).map(|step| step.from(chosen, last));
            // The keyboard follows the entries, not egui's move to the widget above or below
            // (which took it to a filter's list, one row off what was shown).
            if next.is_some() {
                ui.memory_mut(|m| m.move_focus(egui::FocusDirection::None));
            }
            if let Some(next) = next.filter(|next| *next != chosen) {
                self.selected = Some(next);
                moved_to = Some(next);
                self.focus_row = Some(next);
            }
        }
        // The columns fit the window, 修改前 and 修改后 sharing what the others leave; a
        // window made narrower or wider fits them again (a column widened by hand meanwhile
        // too). Below 150 points each they scroll sideways.
        let available = ui.available_width();
        let spacing = ui.spacing().item_spacing.x;
        let rest = (available - 165.0 - 72.0 - 125.0 - 6.0 * spacing).max(450.0);
        let mut builder = TableBuilder::new(ui).id_salt("audit_table");
        if (available - self.fitted_to).abs() > 1.0 {
            builder.reset();
            self.fitted_to = available;
        }
        if std::mem::take(&mut self.is_new_rows) {
            builder = builder.vertical_scroll_offset(0.0);
        }
        if let Some(row) = moved_to {
            builder = builder.scroll_to_row(row, None);
        }
        builder
            .id_salt("audit_table")
            .striped(true)
            // Clicks, not the keyboard: Tab stops once per row, at its time, not at every
            // cell and column head unseen.
            .sense(egui::Sense::CLICK)
            .resizable(true)
            .cell_layout(egui::Layout::left_to_right(egui::Align::Center))
            .column(Column::initial(165.0))
            .column(Column::initial(72.0).clip(true))
            .column(Column::initial(125.0).clip(true))
            .column(Column::initial(rest * 0.3).clip(true))
            .column(Column::initial(rest * 0.35).clip(true))
            // On a narrow window the columns scroll sideways rather than squeeze 修改后 to
            // nothing.
            .column(Column::remainder().at_least(150.0).clip(true))
            .header(ROW_HEIGHT, |mut header| {
                for title in ["时间", "操作员", "操作", "单位或记录", "修改前", "修改后"]
                {
                    header.col(|ui| {
                        ui.strong(title);
                    });
                }
            })
            .body(|body| {
                body.rows(ROW_HEIGHT, rows.len(), |mut row| {
                    let index = row.index();
                    let Some(audit) = rows.get(index) else { return };
                    row.set_selected(self.selected == Some(index));
                    let changes = changes(
                        audit.entry.before_json.as_deref(),
                        audit.entry.after_json.as_deref(),
                        names,
                    );
                    let sides = sides_of(&audit.entry);
                    let cells = [
                        show_stored_time_with_seconds(&audit.entry.at),
                        audit.entry.operator.clone(),
                        shown_action(&audit.entry.action),
                        who_or_what(audit),
                        one_line(&changes, |c| &c.before, sides, true),
                        if sides.0 && is_deleted(&audit.entry) {
                            deleted_line(&changes)
                        } else {
                            one_line(&changes, |c| &c.after, sides, false)
                        },
                    ];
                    let mut is_chosen = false;
                    for (column, text) in cells.into_iter().enumerate() {
                        row.col(|ui| {
                            let label = egui::Label::new(text).truncate().selectable(false);
                            if column > 0 {
                                ui.add(label);
                                return;
                            }
                            // The time takes the keyboard: Enter or Space shows the entry.
                            let time = ui.add(label.sense(egui::Sense::click()));
                            // Esc (egui's "let go") keeps the keyboard on the entry: the pane
                            // under the table is the entry's, not a detail to close, and the
                            // keyboard would go back to the top of the window.
                            let is_escaped = crate::ui::enter_key::escaped_from(ui, &time);
                            if self.focus_row == Some(index) || is_escaped {
                                time.request_focus();
                                self.focus_row = None;
                            }
                            if time.has_focus() {
                                self.time_focus = Some(time.id);
                            }
                            crate::ui::focus_ring::show(ui, &time);
                            // Shown as the keyboard reaches it (Tab), not only on Enter.
                            is_chosen = time.clicked() || time.gained_focus();
                        });
                    }
                    if is_chosen || row.response().clicked() {
                        self.selected = Some(index);
                    }
                });
            });
    }
}

/// A unit as the 单位 filter lists it: its name, "（已归档）" after it once archived.
fn unit_caption(unit: &Unit) -> String {
    if unit.is_active {
        unit.fields.name.clone()
    } else {
        format!("{}（已归档）", unit.fields.name)
    }
}

/// The 单位或记录 cell: the unit, with the indicator a score change touched or the rule item of a
/// bonus or deduction; an entry about no unit names its record (a year, a setting …).
fn who_or_what(audit: &AuditRow) -> String {
    let record = audit.record.as_deref().unwrap_or_default();
    let Some(unit) = &audit.unit else {
        return record.to_owned();
    };
    let detail = match audit.entry.entity.as_str() {
        "score" => record.split_once('，').map(|(_, indicator)| indicator),
        "adjustment" => Some(record),
        _ => None,
    };
    // Scores of two years read alike but for the year, so an agreement's entries say theirs.
    let year = audit.year.map(|y| format!("{y} 年度 ")).unwrap_or_default();
    match detail {
        Some(detail) if !detail.is_empty() => format!("{year}{unit}，{detail}"),
        _ => format!("{year}{unit}"),
    }
}

/// What a search of `filter` that found nothing says: the conditions set, to loosen (a date
/// range only when one was set).
fn none_found(filter: &AuditFilter) -> String {
    let mut ways = Vec::new();
    if filter.from.is_some() || filter.to.is_some() {
        ways.push("放宽日期范围".to_owned());
    }
    let chosen: Vec<&str> = [
        ("单位", filter.unit_id.is_some()),
        ("操作员", filter.operator.is_some()),
        ("操作", filter.action.is_some()),
    ]
    .into_iter()
    .filter_map(|(name, is_set)| is_set.then_some(name))
    .collect();
    if !chosen.is_empty() {
        ways.push(format!("把{}改回“全部”", chosen.join("、")));
    }
    if ways.is_empty() {
        "还没有操作记录".to_owned()
    } else {
        format!("没有符合条件的操作记录：请{}", ways.join("，或"))
    }
}

/// An action as the log names it, in today's words: entries written as 录入加减分 before the
/// screens said 加扣分 read as 加扣分 (the log itself is never rewritten).
fn shown_action(action: &str) -> String {
    action.replace("加减分", "加扣分")
}

/// True when `text` is a date typed to its end: its day written with two digits or followed
/// by 日 ("2025-03-19", "2025/3/09", "2025年3月5日", full-width digits too), so that no digit
/// typed next makes another date of it; or nothing (a date cleared). Others ("2025/3/5") are
/// applied on Enter or when the field is left.
fn is_typed_whole(text: &str) -> bool {
    let text = text.trim();
    let day_digits = (text.chars().rev())
        .take_while(|c| crate::pdf::linebreak::is_digit(*c))
        .count();
    text.is_empty() || ((text.ends_with('日') || day_digits == 2) && parse_date(text).is_some())
}

#[cfg(test)]
#[path = "audit_view_tests.rs"]
mod tests;
