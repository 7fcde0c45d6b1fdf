//! 单位导入: turns the rows of a spreadsheet into a preview of additions, changes and rejected
//! rows, then writes the preview in one transaction.
//!
//! Columns are found by their Chinese header, in any order; only 单位名称 is required. A row
//! whose name matches an active unit changes that unit: each filled cell overwrites its field,
//! while an empty cell keeps the current value. Any other row adds a unit and needs a 单位类型 and an existing 考核类别; new
//! units without a 排序号 go to the end of the list. Units missing from the file are left alone.
//! A rejected row's reasons quote the values refused, and name a phone number that Excel turned
//! into scientific notation.

use std::collections::HashMap;

mod applying;
mod header_rows;
mod register_match;
mod row_draft;

pub use applying::apply;

use super::extra_cells::{ExtraCells, extra_cells};
use super::table::{Table, TableRow, is_blank};
use super::unit_columns::{Column, Columns};
use crate::model::unit_names::name_key;
use crate::model::{Category, Unit, UnitDraft};
use header_rows::{
    TITLE_ROWS, below_title_rows, is_header_row, is_note_row, is_total_row, two_line_header,
};
use register_match::{not_in_register, taken_short_name};
use row_draft::{differences, row_draft};

/// Problems that make the whole file unusable, worded for a clerk.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ImportError {
    /// The header row has no 单位名称 column; the header cells read, as
    /// [`super::headers_read`] says them.
    #[error(
        "缺少“单位名称”列：读到的表头是{0}（第一行，或标题行下面的一行，应为列名；可用的列：{known}）",
        known = super::unit_columns::known_headers()
    )]
    MissingNameColumn(String),
    /// No 单位名称 column, and the header row holds tabs: a tab-separated file saved as .csv.
    #[error(
        "文件的第一行是用制表符（Tab）分隔的，不是逗号，所以读不出“单位名称”列；请在 Excel 中另存为“CSV（逗号分隔）”或 .xlsx 文件后再导入"
    )]
    TabSeparated,
    /// No 单位名称 column, and a header cell holds it between semicolons: a file saved with
    /// semicolons (as some regional settings of Excel do).
    #[error(
        "文件的第一行是用分号（;）分隔的，不是逗号，所以读不出“单位名称”列；请在 Excel 中另存为“CSV（逗号分隔）”或 .xlsx 文件后再导入"
    )]
    SemicolonSeparated,
    /// A known column appears twice in the header row.
    #[error("“{0}”列出现了不止一次")]
    DuplicateColumn(String),
    /// Two header cells name the same field in different words ("单位名称" and "单位").
    #[error("“{0}”列和“{1}”列是同一项，请只保留一列")]
    SameColumn(String, String),
    /// The file is one of the program's own self-assessment forms, not a list of units.
    #[error(
        "这是自评表（责任单位填报自评分用），不是单位名单：自评表请在“通报与统计 → 导入自评表…”中导入（命令行：zerenshu import scores）"
    )]
    ScoreForm,
}

/// True when `table` is one of the program's self-assessment forms (its 责任书编号 label, or
/// the hidden 指标编号 column, near the top), which a clerk may pick here by mistake.
pub(super) fn is_score_form(table: &Table) -> bool {
    let marks = [
        super::score_forms::AGREEMENT_LABEL,
        super::score_forms::INDICATOR_ID_HEADER,
    ];
    std::iter::once(&table.header)
        .chain(table.rows.iter().take(2 * TITLE_ROWS).map(|row| &row.cells))
        .flatten()
        .any(|cell| marks.contains(&cell.trim()))
}

/// A unit the import will add.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportRow {
    /// Spreadsheet row number, counting the header as row 1.
    pub row_number: usize,
    /// The unit to add.
    pub draft: UnitDraft,
    /// The name of its 考核类别, shown in the preview.
    pub category_name: String,
}

/// An existing unit the import will change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportChange {
    /// Spreadsheet row number, counting the header as row 1.
    pub row_number: usize,
    /// The id of the unit to change.
    pub unit_id: i64,
    /// The unit's fields now.
    pub before: UnitDraft,
    /// The unit's fields after the import.
    pub after: UnitDraft,
    /// The fields that differ, in form order, for showing "before → after".
    pub differences: Vec<FieldDifference>,
}

/// One field that an import changes, as text a clerk reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldDifference {
    /// The field's Chinese label, e.g. "联系电话".
    pub label: &'static str,
    /// The value now.
    pub before: String,
    /// The value after the import.
    pub after: String,
}

/// A row the import will not write, with the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedRow {
    /// Spreadsheet row number, counting the header as row 1.
    pub row_number: usize,
    /// The 单位名称 cell as written, possibly empty.
    pub name: String,
    /// Why the row was rejected, in Chinese; several reasons are joined with "；".
    pub reason: String,
}

impl RejectedRow {
    /// The row as a list says it: "第 10 行（示例市机关事务管理局）：单位类型“机关”无效…", the
    /// name (cut at 20 characters) found by the clerk in the sheet beside its number.
    #[must_use]
    pub fn line(&self) -> String {
        const CHARS: usize = 20;
        let name = self.name.trim();
        if name.is_empty() {
            return format!("第 {} 行：{}", self.row_number, self.reason);
        }
        // A line break typed in the cell (Alt+Enter) is shown as a space: one row, one line.
        let mut shown: String = (name.chars())
            .map(|c| if c.is_control() { ' ' } else { c })
            .take(CHARS)
            .collect();
        if name.chars().count() > CHARS {
            shown.push('…');
        }
        format!("第 {} 行（{shown}）：{}", self.row_number, self.reason)
    }
}

/// What an import file would do, shown to the clerk before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ImportPreview {
    /// Units to add, in file order.
    pub additions: Vec<ImportRow>,
    /// Units to change, in file order.
    pub changes: Vec<ImportChange>,
    /// Rows naming an existing unit whose fields already match.
    pub unchanged: usize,
    /// Rows that will not be written.
    pub rejected: Vec<RejectedRow>,
    /// Header cells that are not import columns; their cells are ignored.
    pub unknown_columns: Vec<String>,
    /// Rows with filled cells right of the last header cell, which are ignored.
    pub extra_cells: Vec<ExtraCells>,
    /// Rows with nothing to import, passed over: only cells of columns not imported (a 序号
    /// numbered ahead of the units), a 合计 or 小计 line, or a note under the table.
    pub passed_over: Vec<usize>,
    /// The row the column names were read from, counting from 1: the second line of a header
    /// of two lines ("负责人" over "职务" and "姓名"), or the row under a title.
    pub header_row: usize,
    /// Rows repeating an earlier row in every imported column: passed over, the first kept.
    pub repeated: Vec<super::repeated_rows::RepeatedRow>,
    /// Rows written with a 排序号 another active unit has (in the register or the file), as
    /// the unit form points it out: "第 3 行“甲镇”的排序号 5 与“乙镇”相同…". Written anyway.
    pub shared_sort_orders: Vec<String>,
    /// New rows that may be an existing unit renamed (the same kind and 负责人): the import
    /// adds a unit, while a rename is made on the unit itself so that its history stays one.
    pub possible_renames: Vec<String>,
    /// New rows named like a unit on the register (a part of an active unit's name, or an
    /// archived unit's short name), not named among the possible renames: perhaps that unit.
    pub look_alikes: Vec<String>,
    /// New rows named as an active unit was before it was renamed (see
    /// [`ImportPreview::note_former_names`]): most likely that unit, on an old list.
    pub former_names: Vec<String>,
    /// New rows whose names hold half-width punctuation, as the unit form points it out:
    /// "第 4 行“示例市\"新区\"管委会”：单位名称中有半角标点…". Written anyway.
    pub half_width_names: Vec<String>,
    /// Rows written with a 单位类型 on the other side of the towns' category from their
    /// 考核类别 (a 部门 among the towns, a 镇 among the departments), as the unit form points
    /// it out. Written anyway.
    pub kinds_across_categories: Vec<String>,
    /// Rows written whose 简称 is longer than their name ("第 3 行“…”：简称（14 个字）比单位名称
    /// …"): perhaps the two columns swapped. Written anyway.
    pub long_short_names: Vec<String>,
    /// Rows written whose 简称 holds characters a file name cannot ("/"): exported files put
    /// "_" there. Written anyway.
    pub file_name_marks: Vec<String>,
    /// Rows written whose 负责人职务 is another kind of body's (a 镇长 for a 部门), as the unit
    /// form points it out. Written anyway.
    pub mismatched_titles: Vec<String>,
    /// Changed rows that move a unit to another 考核类别 while an agreement of a year not yet
    /// published was drafted in the old one, which that year keeps (see
    /// [`ImportPreview::note_drafted`]).
    pub category_notes: Vec<String>,
    /// Changed rows that give a unit another 负责人 while an agreement of a year not yet
    /// published has its text frozen with the one before.
    pub principal_notes: Vec<String>,
}

impl ImportPreview {
    /// "第 18 至 30 行没有要导入的内容…，已跳过", when rows were passed over.
    #[must_use]
    pub fn passed_over_note(&self) -> Option<String> {
        (!self.passed_over.is_empty()).then(|| {
            format!(
                "{}没有要导入的内容（只填了序号等不导入的列，或是合计行、表头行、表下的注释），已跳过",
                super::table::rows_said(&self.passed_over)
            )
        })
    }

    /// "第 5 行与第 3 行（甲镇）完全相同，只导入一次", when rows repeat others whole; one that
    /// repeats a rejected row goes with it.
    #[must_use]
    pub fn repeated_note(&self) -> Option<String> {
        let rejected = (self.rejected.iter()).map(|r| r.row_number).collect();
        super::repeated_rows::repeated_note(&self.repeated, &rejected)
    }

    /// Notes the changed rows that move a unit to another 考核类别 while it has an agreement
    /// of a year of `store` whose results are not published yet (the year being scored, and
    /// the new one rolled over to): such a year still assesses it in the category it was
    /// drafted in, as the unit form says of the same change; and those that give it another
    /// 负责人 while that agreement's text is frozen with the one before.
    pub fn note_drafted(
        &mut self,
        store: &crate::store::Store,
    ) -> Result<(), crate::store::StoreError> {
        let categories = store.categories()?;
        let (mut moved, mut principals) = (Vec::new(), Vec::new());
        for year in store.years()? {
            if year.phase == crate::model::Phase::Published {
                continue;
            }
            let agreements = store.agreements(year.year)?;
            moved.extend(super::import_notes::drafted_in_old_category(
                self,
                &agreements,
                &categories,
                store.has_unit_versions(year.year)?,
            ));
            principals.extend(super::import_notes::principal_after_issue(
                self,
                &agreements,
            ));
        }
        self.category_notes = moved;
        self.principal_notes = principals;
        Ok(())
    }

    /// Notes the new rows named as an active unit of `store` was before it was renamed (its
    /// 曾用名, from the audit log): an old list imported after the rename would add the unit
    /// a second time. A log that cannot be read leaves them out (a help only).
    pub fn note_former_names(&mut self, store: &crate::store::Store) {
        let ever = store.unit_names_ever().unwrap_or_default();
        let units = store.units().unwrap_or_default();
        self.former_names = super::import_notes::former_names(self, &units, &ever);
    }

    /// The notes about agreements drafted already ([`Self::category_notes`], then
    /// [`Self::principal_notes`]).
    pub fn agreement_notes(&self) -> impl Iterator<Item = &String> {
        self.category_notes.iter().chain(&self.principal_notes)
    }

    /// Every note on rows written all the same, kind by kind, as the window's list and the
    /// command line say them.
    pub fn row_notes(&self) -> impl Iterator<Item = &String> {
        (self.shared_sort_orders.iter())
            .chain(&self.possible_renames)
            .chain(&self.look_alikes)
            .chain(&self.former_names)
            .chain(&self.half_width_names)
            .chain(&self.kinds_across_categories)
            .chain(&self.long_short_names)
            .chain(&self.file_name_marks)
            .chain(&self.mismatched_titles)
            .chain(self.agreement_notes())
    }

    /// True when applying the preview would write anything.
    #[must_use]
    pub fn has_writes(&self) -> bool {
        !self.additions.is_empty() || !self.changes.is_empty()
    }
}

/// What [`apply`] wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct ImportSummary {
    /// Units added.
    pub added: usize,
    /// Units changed.
    pub changed: usize,
}

/// True when the table's header row, or a row just below a title, names the 单位名称 column:
/// the sheet holds units.
#[must_use]
pub fn names_units(table: &Table) -> bool {
    if is_score_form(table) {
        return false;
    }
    let below_title = below_title_rows(table);
    let table = below_title.as_ref().unwrap_or(table);
    !matches!(
        Columns::find(&table.header),
        Err(ImportError::MissingNameColumn(_)
            | ImportError::TabSeparated
            | ImportError::SemicolonSeparated)
    )
}

/// Sorts the rows of a file into additions, changes, unchanged and rejected rows; writes nothing.
/// A rejected row gives every reason found, joined with "；".
pub fn preview(
    table: &Table,
    existing: &[Unit],
    categories: &[Category],
) -> Result<ImportPreview, ImportError> {
    if is_score_form(table) {
        return Err(ImportError::ScoreForm);
    }
    let below_title = below_title_rows(table);
    let table = below_title.as_ref().unwrap_or(table);
    let two_lines = two_line_header(table);
    let table = two_lines.as_ref().unwrap_or(table);
    let (columns, unknown_columns) = Columns::find(&table.header)?;
    let (rows, passed_over): (Vec<&TableRow>, Vec<&TableRow>) = (table.rows.iter())
        .filter(|r| !is_blank(&r.cells))
        .partition(|r| {
            columns.has_content(r)
                && !is_total_row(r, &columns)
                && !is_header_row(r, &columns)
                && !is_note_row(r, &columns)
        });
    let (rows, repeated) = super::repeated_rows::split_repeats(rows, &columns);
    // Names told apart as the register tells them: "中心(XQ)" is "中心（ＸＱ）".
    let mut rows_by_name: HashMap<String, Vec<usize>> = HashMap::new();
    for row in &rows {
        let name = columns.cell(row, Column::Name).unwrap_or_default();
        if !name.is_empty() {
            rows_by_name
                .entry(name_key(name))
                .or_default()
                .push(row.number);
        }
    }
    let active_by_name: HashMap<String, &Unit> = (existing.iter())
        .filter(|u| u.is_active)
        .map(|u| (name_key(&u.fields.name), u))
        .collect();
    let archived_names: std::collections::HashSet<String> = (existing.iter())
        .filter(|u| !u.is_active)
        .map(|u| name_key(&u.fields.name))
        .collect();
    let mut last_sort_order = existing
        .iter()
        .map(|u| u.fields.sort_order)
        .max()
        .unwrap_or(0);
    // The rows given the next sort number (no 排序号 of their own), numbered again once the
    // rows refused for a short name clash are out: no gap where they would have been.
    let mut numbered_in_turn = std::collections::HashSet::new();
    let mut preview = ImportPreview {
        unknown_columns,
        extra_cells: extra_cells(table),
        passed_over: passed_over.iter().map(|r| r.number).collect(),
        header_row: table.header_row_number,
        repeated,
        ..ImportPreview::default()
    };
    for row in rows {
        let name = columns.cell(row, Column::Name).unwrap_or_default();
        // A name read from a formula without its result is shown as the formula.
        let shown_name = super::table::unresolved_formula(name).unwrap_or(name);
        // A line break in it written out: the preview's line and the terminal's stay one.
        let shown_name = if shown_name.chars().any(char::is_control) {
            row_draft::quoted(shown_name)
        } else {
            shown_name.to_owned()
        };
        let reject = |reason: String| RejectedRow {
            row_number: row.number,
            name: shown_name.clone(),
            reason,
        };
        // Every problem of the row is gathered, so the clerk corrects it in one go.
        let mut reasons = Vec::new();
        if name.is_empty() {
            reasons.push("未填写单位名称".to_owned());
        }
        let key = name_key(name);
        if let Some(numbers) = rows_by_name.get(&key).filter(|n| n.len() > 1) {
            let numbers: Vec<String> = numbers.iter().map(ToString::to_string).collect();
            reasons.push(format!(
                "单位名称“{shown_name}”在文件中重复出现且内容不同（第 {} 行）：请核对后只保留一行",
                numbers.join("、")
            ));
        }
        let current = (!name.is_empty())
            .then(|| active_by_name.get(&key).copied())
            .flatten();
        // A new row named as an archived unit is most likely that unit back: a second unit of
        // the name would take a second agreement of a year it already has one in.
        let is_archived_namesake =
            current.is_none() && !name.is_empty() && archived_names.contains(&key);
        if is_archived_namesake {
            reasons.push(ARCHIVED_NAMESAKE.to_owned());
        }
        // A row naming a unit by its short name most likely means that unit: said so, not as
        // a new unit whose short name clashes.
        let short_name_of = (current.is_none() && !name.is_empty())
            .then(|| {
                (existing.iter()).filter(|u| u.is_active).find(|u| {
                    !u.fields.short_name.is_empty() && name_key(&u.fields.short_name) == key
                })
            })
            .flatten();
        if let Some(unit) = short_name_of {
            reasons.push(format!(
                "“{shown_name}”是在用单位“{full}”的简称：要修改该单位，请在“单位名称”列写全称“{full}”；如是另一个单位，请改用能区分的名称",
                full = unit.fields.name
            ));
        }
        // A name with a space inside that is an active unit's without it ("示例市 气象局")
        // means that unit: said so, not as a new unit lacking its type and category.
        let spaced_of = (current.is_none() && name.chars().any(char::is_whitespace))
            .then(|| {
                let joined: String = name.chars().filter(|c| !c.is_whitespace()).collect();
                let key = name_key(&joined);
                (existing.iter())
                    .filter(|u| u.is_active)
                    .find(|u| name_key(&u.fields.name) == key)
            })
            .flatten();
        if let Some(unit) = spaced_of {
            // A line break (Alt+Enter in a cell) is said as one, written out, not as a space
            // the clerk cannot see.
            let what = if name.contains(['\n', '\r']) {
                "换行"
            } else {
                "空格"
            };
            reasons.push(format!(
                "单位名称“{}”中有{what}：名册中有在用单位“{}”，如指该单位，请删去{what}后再导入",
                row_draft::quoted(name),
                unit.fields.name
            ));
        }
        let is_known_otherwise =
            is_archived_namesake || short_name_of.is_some() || spaced_of.is_some();
        let base = current.map(|u| &u.fields);
        // Never past the largest allowed, whatever is in the list already.
        let next_sort_order = crate::model::unit::next_sort_order([last_sort_order]);
        let draft = row_draft(&columns, row, base, categories, next_sort_order);
        if let Err(more) = &draft {
            // An empty name is said once, not again as the form's "required" message.
            let about_name = |reason: &String| {
                (name.is_empty() && reason.starts_with("单位名称不能为空"))
                    || (spaced_of.is_some()
                        && ((reason.starts_with("单位名称“") && reason.contains("中有空格"))
                            || reason.starts_with("单位名称中不能含有换行")))
            };
            // What adding a unit would need: not said for an archived unit's namesake (to be
            // restored, not added).
            let is_for_adding = |reason: &String| {
                reason.starts_with("新增单位须有")
                    || reason == "未填写单位类型"
                    || reason == "未填写考核类别"
            };
            let about_adding = |reason: &String| is_known_otherwise && is_for_adding(reason);
            // A name not in the register is taken for a new unit: said first, with the unit
            // it may be misspelt for, so that "未填写单位类型" is not all the clerk reads.
            let needs_adding = more.iter().any(is_for_adding);
            if current.is_none() && !name.is_empty() && !is_known_otherwise && needs_adding {
                reasons.push(not_in_register(name, &shown_name, existing));
            }
            reasons.extend(
                (more.iter())
                    .filter(|r| !about_name(r) && !about_adding(r))
                    .cloned(),
            );
        }
        // A row refused for other reasons is not checked with the rows written (see
        // `short_name_clash`): a short name an active unit has is said now, so that the clerk
        // corrects it in the same go.
        if !reasons.is_empty() && short_name_of.is_none() {
            reasons.extend(taken_short_name(&columns, row, name, existing));
        }
        match draft {
            // A draft refused has given its reasons above.
            Err(_) => preview.rejected.push(reject(reasons.join("；"))),
            Ok(_) if !reasons.is_empty() => preview.rejected.push(reject(reasons.join("；"))),
            Ok(draft) => match current {
                Some(unit) if unit.fields == draft => preview.unchanged += 1,
                Some(unit) => preview.changes.push(ImportChange {
                    row_number: row.number,
                    unit_id: unit.id,
                    differences: differences(&unit.fields, &draft, categories),
                    before: unit.fields.clone(),
                    after: draft,
                }),
                None => {
                    if columns
                        .cell(row, Column::SortOrder)
                        .is_none_or(str::is_empty)
                    {
                        numbered_in_turn.insert(row.number);
                    }
                    last_sort_order = last_sort_order.max(draft.sort_order);
                    let category_name = (categories.iter())
                        .find(|c| c.id == draft.category_id)
                        .map_or_else(String::new, |c| c.name.clone());
                    preview.additions.push(ImportRow {
                        row_number: row.number,
                        draft,
                        category_name,
                    });
                }
            },
        }
    }
    let added = preview.additions.len();
    super::short_name_clash::reject_short_name_clashes(&mut preview, existing);
    if preview.additions.len() < added {
        let mut last = existing
            .iter()
            .map(|u| u.fields.sort_order)
            .max()
            .unwrap_or(0);
        for addition in &mut preview.additions {
            if numbered_in_turn.contains(&addition.row_number) {
                // Never past the largest allowed, as when first numbered.
                last = crate::model::unit::next_sort_order([last]);
                addition.draft.sort_order = last;
            } else {
                last = last.max(addition.draft.sort_order);
            }
        }
    }
    preview.shared_sort_orders =
        super::import_notes::shared_sort_orders(&preview, existing, &numbered_in_turn);
    let register = super::register_index::RegisterIndex::new(existing);
    preview.possible_renames = super::import_notes::possible_renames(&preview, &register);
    preview.look_alikes =
        super::import_notes::look_alikes(&preview, existing, &register, &preview.possible_renames);
    preview.half_width_names = super::import_notes::half_width_names(&preview);
    preview.kinds_across_categories =
        super::import_notes::kinds_across_categories(&preview, existing, categories);
    preview.long_short_names = super::import_notes::long_short_names(&preview);
    preview.file_name_marks = super::import_notes::file_name_marks(&preview);
    preview.mismatched_titles = super::import_notes::mismatched_titles(&preview);
    Ok(preview)
}

/// Said of a row named as an archived unit.
const ARCHIVED_NAMESAKE: &str = "与一个已归档单位同名：如是同一单位，请先在“单位”中勾选“显示已归档”后点“恢复”，再导入；如是另一个单位，请改用能区分的名称";

#[cfg(test)]
#[path = "unit_import_tests.rs"]
mod tests;

#[cfg(test)]
#[path = "unit_import_notes_tests.rs"]
mod notes_tests;

#[cfg(test)]
#[path = "unit_import_names_tests.rs"]
mod names_tests;
