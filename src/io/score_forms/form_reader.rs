//! Reads filled self-assessment forms into a preview of changes and refused values, and
//! writes a clean preview in one transaction.
//!
//! Cells are read as exact strings (see [`crate::io::table::cell_text`]), so 19.99 typed in
//! Excel is 19.99 here. An empty 自评分 keeps the stored self score and an empty 自评说明 keeps
//! the stored one; rows without an 指标编号 are passed over, but a score typed in a row added
//! to the table is refused, as is a row whose 考核项目 is not the indicator its hidden id names.
//! The 自评说明 goes to the self note only: the assessed score and the assessors' note stay.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::{Reader as _, Xlsx, open_workbook};

use super::{
    AGREEMENT_LABEL, FormError, INDICATOR_ID_HEADER, NUMBER_LABEL, RejectedValue, SELF_NOTE_HEADER,
    SELF_SCORE_HEADER, SHEET_NAME, ScoreChange, ScoreImportPreview, YEAR_LABEL, published_refusal,
};
use crate::io::table::cell_text;
use crate::model::punctuation::quoted;
use crate::model::{Agreement, Indicator, IndicatorSet, Points, PointsError, Score, Unit};
use crate::store::{ImportedSelfScore, Store, StoreError};

/// One worksheet read into numbered rows of exact strings.
struct Sheet {
    file: PathBuf,
    name: String,
    rows: Vec<(usize, Vec<String>)>,
    /// Formulas of cells saved without a result, by (row number, column): a tool that does not
    /// calculate (or a sheet never opened in Excel) leaves the value empty.
    unresolved: HashMap<(usize, usize), String>,
}

impl Sheet {
    /// A refusal pointing at this sheet.
    fn reject(&self, row: Option<usize>, reason: String) -> RejectedValue {
        RejectedValue {
            file: self.file.clone(),
            sheet: self.name.clone(),
            row,
            reason,
            is_whole_file: false,
        }
    }

    /// Refuses the whole form, for the reason found at `row`.
    fn refuse_whole(&self, row: Option<usize>, reason: String) -> RejectedValue {
        RejectedValue {
            is_whole_file: true,
            ..self.reject(row, reason)
        }
    }

    /// The trimmed cell right of the first cell reading `label`, with its row number.
    fn labelled(&self, label: &str) -> Option<(usize, String)> {
        self.rows.iter().find_map(|(number, cells)| {
            let column = cells.iter().position(|c| c.trim() == label)?;
            let value = cells.get(column + 1).map_or("", |c| c.trim());
            Some((*number, value.to_owned()))
        })
    }
}

/// The year's data the forms are checked against.
struct Basis {
    year: i32,
    agreements: HashMap<i64, Agreement>,
    /// The ids of the agreements left out of the assessment (of units archived before they
    /// signed; see `Store::left_out`).
    left_out: std::collections::BTreeSet<i64>,
    /// True when the year's results are published.
    is_published: bool,
    units: HashMap<i64, Unit>,
    /// Every name each unit has had (see `Store::unit_names_ever`).
    names_ever: HashMap<i64, std::collections::BTreeSet<String>>,
    sets: Vec<IndicatorSet>,
    scores: HashMap<(i64, i64), Score>,
}

/// Reads the filled forms and lists what importing them would change and what it refuses.
pub fn preview_import(
    store: &Store,
    year: i32,
    files: &[PathBuf],
) -> Result<ScoreImportPreview, FormError> {
    let basis = Basis {
        year,
        agreements: store
            .agreements(year)?
            .into_iter()
            .map(|a| (a.id, a))
            .collect(),
        left_out: store.left_out(year)?,
        is_published: store.is_published(year)?,
        units: store
            .units_in(year)?
            .into_iter()
            .map(|u| (u.id, u))
            .collect(),
        names_ever: store.unit_names_ever()?,
        sets: store.indicator_sets(year)?,
        scores: store
            .scores(year)?
            .into_iter()
            .map(|s| ((s.agreement_id, s.indicator_id), s))
            .collect(),
    };
    let mut preview = ScoreImportPreview {
        year,
        locked: if store.is_published(year)? {
            Some(published_refusal(year))
        } else {
            store.too_early_to_score(year)?
        },
        ..ScoreImportPreview::default()
    };
    let mut seen: HashMap<(i64, i64), FirstFill> = HashMap::new();
    let mut other_years = Vec::new();
    // A form sent twice unchanged (saved again under another name) is read once: the copy
    // adds nothing, and reading both would set the two against each other.
    let mut contents: HashMap<String, PathBuf> = HashMap::new();
    let mut copies = Vec::new();
    for file in files {
        if let Ok(bytes) = std::fs::read(file) {
            let hash = crate::model::agreement::content_hash(&bytes);
            if let Some(first) = contents.get(&hash) {
                copies.push(format!(
                    "文件 {} 与 {} 内容完全相同，只导入一次",
                    shown_name(file),
                    shown_name(first)
                ));
                continue;
            }
            contents.insert(hash, file.clone());
        }
        preview.files.push(file.clone());
        match read_sheet(file) {
            Ok(sheet) => read_form(&basis, &sheet, &mut seen, &mut preview, &mut other_years),
            Err(reason) => preview.rejected.push(RejectedValue {
                file: file.clone(),
                sheet: String::new(),
                row: None,
                reason,
                is_whole_file: true,
            }),
        }
    }
    // Every form of one other year: the year chosen is wrong, not the forms; said once, not
    // once per form.
    if let Some(other) = other_years.first()
        && other_years.len() == preview.files.len()
        && other_years.iter().all(|y| y == other)
    {
        preview.rejected.clear();
        preview.locked = Some(other_year_refusal(preview.files.len(), *other, year));
        return Ok(preview);
    }
    let phase = store.year(year)?.map(|y| y.phase);
    preview.notes = copies;
    preview.notes.extend(notes(&basis, &preview, phase));
    Ok(preview)
}

/// A file as the preview names it: its name, without the folder (all come from one place).
fn shown_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Said when all `count` forms chosen are of year `other`, not of `year`.
fn other_year_refusal(count: usize, other: i32, year: i32) -> String {
    let forms = if count == 1 {
        "所选的自评表是".to_owned()
    } else {
        format!("所选的 {count} 个文件都是")
    };
    format!("{forms} {other} 年度的自评表，不能导入 {year} 年度，应导入 {other} 年度")
}

/// How many kept values or unfinished forms a note names before "等".
const KEPT_LISTED: usize = 8;

/// `items` joined by "、", the first `most` of them and "等 N 项" (`unit`) after.
pub(super) fn listed(items: &[String], most: usize, unit: &str) -> String {
    let shown = items
        .iter()
        .take(most)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if items.len() > most {
        format!("{shown} 等 {} {unit}", items.len())
    } else {
        shown
    }
}

/// What the clerk is told before confirming (see [`ScoreImportPreview::notes`]).
fn notes(
    basis: &Basis,
    preview: &ScoreImportPreview,
    phase: Option<crate::model::Phase>,
) -> Vec<String> {
    use crate::model::{AgreementStatus, Phase};
    let mut notes = Vec::new();
    if !preview.renamed.is_empty() {
        notes.push(format!(
            "表中有 {} 处考核项目与现在的名称不同（多半是导出自评表后改过名称），按隐藏的指标编号导入：{}",
            preview.renamed.len(),
            listed(&preview.renamed, KEPT_LISTED, "处")
        ));
    }
    if !preview.kept.is_empty() {
        notes.push(format!(
            "有 {} 项在表中为空，而系统中已有：导入不清除，保留原值（确需清除请在“考核”中修改）：{}",
            preview.kept.len(),
            listed(&preview.kept, KEPT_LISTED, "项")
        ));
    }

    let mut unsigned: Vec<&str> = Vec::new();
    for change in &preview.changes {
        let is_unsigned = (basis.agreements.get(&change.agreement_id))
            .is_some_and(|a| a.status < AgreementStatus::Signed);
        if is_unsigned && !unsigned.contains(&change.unit_name.as_str()) {
            unsigned.push(&change.unit_name);
        }
    }
    if !unsigned.is_empty() {
        notes.push(format!(
            "本次导入的单位中有 {} 个的责任书尚未签订：{}（自评分照常导入）",
            unsigned.len(),
            unsigned.join("、")
        ));
    }
    if let Some(phase @ (Phase::Preparing | Phase::Signing)) = phase
        && !preview.changes.is_empty()
        && preview.locked.is_none()
    {
        notes.push(format!(
            "确认导入后，{} 年度的阶段将由“{}”转为“考核”（开始评分）",
            preview.year,
            phase.label()
        ));
    }
    notes
}

/// What an import of self-assessments wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoresImported {
    /// Values written.
    pub count: usize,
    /// True when the import moved the year on to 考核 (scoring had not started).
    pub started_assessing: bool,
}

impl ScoresImported {
    /// What the window and the command line say of it: "已导入 15 项自评分", and that the year
    /// is at 考核 now when the import moved it there.
    #[must_use]
    pub fn message(&self, year: i32) -> String {
        let started = if self.started_assessing {
            format!("；{}", crate::model::year::scoring_started(year))
        } else {
            String::new()
        };
        format!("已导入 {} 项自评分{started}", self.count)
    }
}

/// Writes every change of a preview in one transaction, after an automatic backup; refuses if
/// anything was rejected or the year's results are published (checked again here, since the
/// phase may have changed since the preview).
pub fn apply_import(
    store: &mut Store,
    preview: &ScoreImportPreview,
) -> Result<ScoresImported, StoreError> {
    if let Some(locked) = &preview.locked {
        return Err(StoreError::Rejected(locked.clone()));
    }
    if store.is_published(preview.year)? {
        return Err(StoreError::Rejected(published_refusal(preview.year)));
    }
    if !preview.rejected.is_empty() {
        return Err(StoreError::Rejected(format!(
            "{}，没有写入任何数据",
            preview.refusals_text()
        )));
    }
    store.backup_before(crate::store::BackupReason::Import)?;
    store.write(|writer| {
        for change in &preview.changes {
            // Only what the form gives changes, onto the entry as it stands now: the assessed
            // score and note stay, and so does a self score the form leaves blank (also one
            // typed in the grid since the preview).
            let entry = ImportedSelfScore {
                agreement_id: change.agreement_id,
                indicator_id: change.indicator_id,
                self_score: change.self_typed,
                self_note: &change.self_note_after,
            };
            let file = (change.file.file_name())
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
            // The form's own word of who filled it in goes into the log with its values.
            let filled_by = preview.filled_by(&change.file).unwrap_or_default();
            writer.import_self_score(&entry, &file, filled_by)?;
        }
        // Self-assessments in: the year is at 考核, if it was not yet.
        let started_assessing =
            !preview.changes.is_empty() && writer.start_assessing(preview.year)?;
        Ok(ScoresImported {
            count: preview.changes.len(),
            started_assessing,
        })
    })
}

/// The year written on the form at `path` (its 年度 cell), for an import not told the year;
/// the reason in Chinese when the file is no form of this program.
pub fn year_of_form(path: &Path) -> Result<i32, String> {
    let sheet = read_sheet(path)?;
    let (_, text) = sheet
        .labelled(YEAR_LABEL)
        .ok_or_else(|| format!("找不到“{YEAR_LABEL}”，这不是本程序生成的自评表"))?;
    text.parse()
        .map_err(|_| format!("表中的年度“{text}”不是一个年份"))
}

/// The 自评表 sheet (or else the first sheet) of an `.xlsx` file; errors are reasons, also a
/// panic inside calamine (see [`crate::io::table::guarded`]).
fn read_sheet(path: &Path) -> Result<Sheet, String> {
    crate::io::table::guarded(|| read_sheet_unguarded(path))
}

fn read_sheet_unguarded(path: &Path) -> Result<Sheet, String> {
    if path.is_dir() {
        return Err(crate::io::files::reason(&std::io::Error::from(
            std::io::ErrorKind::IsADirectory,
        )));
    }
    let mut workbook: Xlsx<_> = open_workbook(path).map_err(|error| match error {
        calamine::XlsxError::Io(error) if error.kind() == std::io::ErrorKind::NotFound => {
            "文件不存在".to_owned()
        }
        calamine::XlsxError::Io(error) => {
            format!("无法读取文件（{}）", crate::io::files::explain(error))
        }
        // A file of another kind is said as that, not as a damaged workbook.
        _ => match (path.extension())
            .map(|e| e.to_string_lossy().to_lowercase())
            .as_deref()
        {
            Some("csv" | "xls" | "et" | "txt") => {
                "自评表须是本程序导出的 .xlsx 文件，这个文件是别的格式（另存为 .csv、.xls 的表格不能导入评分）：请让填表单位在导出的 .xlsx 自评表中填写后交回".to_owned()
            }
            _ => "文件已损坏或不是 .xlsx 格式".to_owned(),
        },
    })?;
    let names = workbook.sheet_names();
    let name = names
        .iter()
        .find(|n| n.as_str() == SHEET_NAME)
        .or_else(|| names.first())
        .cloned()
        .ok_or_else(|| "文件中没有工作表".to_owned())?;
    let range = workbook
        .worksheet_range(&name)
        .map_err(|error| match error {
            calamine::XlsxError::Io(error) => {
                format!(
                    "无法读取工作表“{name}”（{}）",
                    crate::io::files::reason(&error)
                )
            }
            _ => format!("无法读取工作表“{name}”（工作表已损坏或格式无法识别）"),
        })?;
    let first_row = range
        .start()
        .map_or(0, |(row, _)| usize::try_from(row).unwrap_or(0));
    let rows: Vec<(usize, Vec<String>)> = range
        .rows()
        .enumerate()
        .map(|(index, cells)| (first_row + index + 1, cells.iter().map(cell_text).collect()))
        .collect();
    // Formulas whose cell holds no value: a form unreadable as a whole for want of them is
    // still read, and each such cell said where it matters.
    let mut unresolved = HashMap::new();
    // Cells are counted from the values' first column, the formulas' from theirs.
    let first_column =
        (range.start()).map_or(0, |(_, column)| usize::try_from(column).unwrap_or(0));
    if let Ok(formulas) = workbook.worksheet_formula(&name) {
        let (top, left) = formulas.start().unwrap_or((0, 0));
        let (top, left) = (
            usize::try_from(top).unwrap_or(0),
            usize::try_from(left).unwrap_or(0),
        );
        for (index, cells) in formulas.rows().enumerate() {
            for (column, formula) in cells.iter().enumerate() {
                let row = top + index + 1;
                let Some(column) = (left + column).checked_sub(first_column) else {
                    continue;
                };
                let value = (rows.iter().find(|(number, _)| *number == row))
                    .and_then(|(_, cells)| cells.get(column))
                    .map_or("", |text| text.trim());
                // Shown as typed in Excel, with its "=" (the file stores it without).
                let formula = formula.trim();
                if !formula.is_empty() && value.is_empty() {
                    let shown = if formula.starts_with('=') {
                        formula.to_owned()
                    } else {
                        format!("={formula}")
                    };
                    unresolved.insert((row, column), shown);
                }
            }
        }
    }
    Ok(Sheet {
        file: path.to_owned(),
        name,
        rows,
        unresolved,
    })
}

/// Where a unit's indicator was first filled in among the forms read, and with what: a
/// second form of the unit filling it alike adds nothing; filling it otherwise clashes.
struct FirstFill {
    file: PathBuf,
    sheet: String,
    row: usize,
    score: String,
    note: String,
}

/// Checks one form against the year and adds its changes and refusals to the preview.
fn read_form(
    basis: &Basis,
    sheet: &Sheet,
    seen: &mut HashMap<(i64, i64), FirstFill>,
    preview: &mut ScoreImportPreview,
    other_years: &mut Vec<i32>,
) {
    let not_ours = |label: &str| {
        sheet.refuse_whole(
            None,
            format!("找不到“{label}”，这不是本程序生成的自评表，请重新下发自评表后填写"),
        )
    };
    let Some((year_row, year_text)) = sheet.labelled(YEAR_LABEL) else {
        preview.rejected.push(not_ours(YEAR_LABEL));
        return;
    };
    if year_text != basis.year.to_string() {
        preview.rejected.push(sheet.refuse_whole(
            Some(year_row),
            // A year as a year; anything else typed there quoted, so that it can be found.
            if year_text.is_empty() {
                format!("表中没有填写年度，不能导入 {} 年度", basis.year)
            } else if let Ok(other) = year_text.parse::<i32>() {
                other_years.push(other);
                format!(
                    "这是 {year_text} 年度的自评表，不能导入 {} 年度",
                    basis.year
                )
            } else {
                format!("表中的年度“{year_text}”不是 {} 年度，不能导入", basis.year)
            },
        ));
        return;
    }
    let Some((agreement_row, agreement_text)) = sheet.labelled(AGREEMENT_LABEL) else {
        preview.rejected.push(not_ours(AGREEMENT_LABEL));
        return;
    };
    let agreement = agreement_text
        .parse::<i64>()
        .ok()
        .and_then(|id| basis.agreements.get(&id));
    let Some(agreement) = agreement else {
        preview.rejected.push(sheet.refuse_whole(
            Some(agreement_row),
            format!(
                "表中的责任书（内部编号 {agreement_text}）不是 {} 年度的责任书：表格可能被改动过，或是别的年度、别的数据库生成的，请用本年度导出的自评表",
                basis.year
            ),
        ));
        return;
    };
    // The number printed at the head is the one the hidden id was written with: another
    // number there means a form pieced together from two units' (or a hidden cell retyped),
    // whose scores would land on a unit the clerk did not read on it.
    let expected = format!("{}-{:03}", basis.year, agreement.draft.number);
    if let Some((number_row, shown)) = sheet.labelled(NUMBER_LABEL)
        && !shown.is_empty()
        && shown != expected
    {
        let unit = (basis.units.get(&agreement.draft.unit_id))
            .map_or("", |unit| unit.fields.name.as_str());
        preview.rejected.push(sheet.refuse_whole(
            Some(number_row),
            format!(
                "表头的编号“{shown}”与表中隐藏的责任书（编号 {expected}，{unit}）不符：表格可能被改动过，或拼接了别的单位的自评表；请用本年度为该单位导出的自评表"
            ),
        ));
        return;
    }
    // The unit named at the head is the hidden agreement's, under one of its names: another
    // unit there means the agreement ids were given out anew since the form went out (the
    // data started over, or a backup from before the drafting restored and drafted again).
    if let Some((unit_row, shown)) = sheet.labelled(super::UNIT_LABEL)
        && !shown.is_empty()
        && !(basis.names_ever.get(&agreement.draft.unit_id)).is_some_and(|n| n.contains(&shown))
    {
        let unit = (basis.units.get(&agreement.draft.unit_id))
            .map_or("", |unit| unit.fields.name.as_str());
        preview.rejected.push(sheet.refuse_whole(
            Some(unit_row),
            format!(
                "表头的单位“{shown}”不是表中隐藏的责任书（编号 {expected}）的单位“{unit}”：这份自评表可能是清空数据或恢复备份、重新起草之前导出的，或拼接了别的单位的自评表；请用本年度为该单位导出的自评表"
            ),
        ));
        return;
    }
    if basis.left_out.contains(&agreement.id) {
        let unit = (basis.units.get(&agreement.draft.unit_id))
            .map_or("", |unit| unit.fields.name.as_str());
        let published = basis.is_published.then_some(basis.year);
        let refusal = crate::model::agreement::left_out_refusal(unit, published);
        preview.rejected.push(sheet.refuse_whole(None, refusal));
        return;
    }
    let sign_off: Vec<String> = [
        ("填表人：", "填表人"),
        ("联系电话：", "联系电话"),
        ("填报日期：", "填报日期"),
    ]
    .into_iter()
    .filter_map(|(label, name)| {
        let (_, value) = sheet.labelled(label)?;
        // A date Excel stored as one reads "2025-01-10": written the Chinese way.
        let value =
            crate::model::dates::parse_date(&value).map_or(value, crate::model::dates::show_date);
        // A landline typed into a number cell lost its leading 0: said beside it.
        let value = if name == "联系电话" && crate::model::phone::lost_leading_zero(&value) {
            format!("{value}（像是丢了开头的 0：0{value}？）")
        } else {
            value
        };
        (!value.is_empty()).then(|| format!("{name} {value}"))
    })
    .collect();
    if !sign_off.is_empty() {
        preview
            .filled_by
            .push((sheet.file.clone(), sign_off.join("，")));
    }
    let header = sheet.rows.iter().find_map(|(number, cells)| {
        let column = |name: &str| cells.iter().position(|c| c.trim() == name);
        Some(Columns {
            header_row: *number,
            id: column(INDICATOR_ID_HEADER)?,
            score: column(SELF_SCORE_HEADER)?,
            note: column(SELF_NOTE_HEADER),
            name: column(super::VISIBLE_HEADERS[1]),
        })
    });
    let Some(columns) = header else {
        preview.rejected.push(not_ours(INDICATOR_ID_HEADER));
        return;
    };
    let Columns {
        header_row,
        id: id_column,
        score: score_column,
        note: note_column,
        name: name_column,
    } = columns;
    // The table's rows run down to its 合计 row; below it are the sign-off cells (the phone
    // number sits in the 自评分 column there).
    let total_row = (sheet.rows.iter())
        .filter(|(n, _)| *n > header_row)
        .find(|(_, cells)| cells.first().is_some_and(|c| c.trim() == TOTAL_LABEL))
        .map_or(usize::MAX, |(n, _)| *n);
    let indicators: HashMap<i64, &Indicator> = basis
        .sets
        .iter()
        .filter(|set| set.category_id == agreement.draft.category_id)
        .flat_map(|set| set.indicators.iter())
        .map(|indicator| (indicator.id, indicator))
        .collect();
    let unit_name = basis
        .units
        .get(&agreement.draft.unit_id)
        .map_or_else(|| "未知单位".to_owned(), |u| u.fields.name.clone());
    let cell = |cells: &[String], column: usize| {
        cells
            .get(column)
            .map_or(String::new(), |c| c.trim().to_owned())
    };
    let listed: std::collections::HashSet<String> = (sheet.rows.iter())
        .filter(|(n, _)| *n > header_row)
        .map(|(_, cells)| cell(cells, id_column))
        .collect();
    let mut lacking: Vec<&Indicator> = (basis.sets.iter())
        .filter(|set| set.category_id == agreement.draft.category_id)
        .flat_map(|set| set.indicators.iter())
        .filter(|indicator| !listed.contains(&indicator.id.to_string()))
        .collect();
    lacking.dedup_by_key(|indicator| indicator.id);
    if !lacking.is_empty() {
        let names: Vec<&str> = lacking.iter().map(|i| i.name.as_str()).collect();
        let file = sheet
            .file
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        preview.missing.push(format!(
            "文件 {file}（{unit_name}）缺少 {} 项指标：{}；这些指标的自评分不变",
            lacking.len(),
            names.join("、")
        ));
    }
    let mut form_blank = 0;
    let mut form_rows = 0;
    for (row, cells) in sheet.rows.iter().filter(|(n, _)| *n > header_row) {
        let id_text = cell(cells, id_column);
        if id_text.is_empty() {
            // A row the unit added in the table (the sheet unprotected): its score has no
            // indicator to go to, and is not dropped unsaid.
            // Only within the table: below its 合计 row are the sign-off cells (the phone sits
            // in the 自评分 column there), and a form without one has no table rows to add to.
            let score_text = cell(cells, score_column);
            let note_text = note_column.map_or_else(String::new, |c| cell(cells, c));
            let typed = [("自评分", &score_text), ("自评说明", &note_text)]
                .into_iter()
                .find(|(_, text)| !text.is_empty());
            if *row < total_row
                && total_row != usize::MAX
                && let Some((what, text)) = typed
            {
                let name = name_column.map_or_else(String::new, |c| cell(cells, c));
                let text: String = text.chars().take(20).collect();
                preview.rejected.push(sheet.reject(
                    Some(*row),
                    format!(
                        "“{name}”不是导出时的指标行（没有指标编号），{what}“{text}”无处导入：请勿在表中增加行，其他情况请写在某项指标的自评说明中"
                    ),
                ));
            }
            continue;
        }
        let indicator = id_text
            .parse::<i64>()
            .ok()
            .and_then(|id| indicators.get(&id));
        let Some(indicator) = indicator else {
            preview.rejected.push(sheet.reject(
                Some(*row),
                format!("指标编号“{id_text}”不是该责任书的考核指标"),
            ));
            continue;
        };
        // The item shown beside the hidden id is the one the id names: rows moved, or a form
        // pieced together, would put a score under another item than the unit read.
        // Another indicator's name there is rows moved or pieced together: refused. A name
        // that is no indicator's now was most likely corrected after the forms went out: the
        // hidden id stands, and it is said.
        let shown = name_column.map_or_else(String::new, |c| cell(cells, c));
        if !shown.is_empty() && shown != indicator.name.trim() {
            let is_other = (indicators.values()).any(|other| other.name.trim() == shown);
            if is_other {
                preview.rejected.push(sheet.reject(
                    Some(*row),
                    format!(
                        "考核项目{}与该行隐藏编号所指的指标{}不符：行可能被移动或拼接过；请用导出的自评表重新填写",
                        quoted(&shown),
                        quoted(&indicator.name)
                    ),
                ));
                continue;
            }
            preview.renamed.push(format!(
                "{}第 {row} 行的{}现名为{}",
                shown_name(&sheet.file),
                quoted(&shown),
                quoted(&indicator.name)
            ));
        }
        form_rows += 1;
        let key = (agreement.id, indicator.id);
        let score_text = cell(cells, score_column);
        if score_text.is_empty()
            && let Some(formula) = sheet.unresolved.get(&(*row, score_column))
        {
            preview.rejected.push(sheet.reject(
                Some(*row),
                format!(
                    "{}的自评分是公式“{formula}”，文件中没有保存计算结果：请在 Excel 或 WPS 中打开、保存后再交回，或直接填写数字",
                    quoted(&indicator.name)
                ),
            ));
            continue;
        }
        let self_note = note_column.map_or_else(String::new, |column| cell(cells, column));
        let stored = basis.scores.get(&key);
        let item = format!("{unit_name}{}", quoted(&indicator.name));
        if score_text.is_empty() && stored.is_some_and(|stored| stored.self_score.is_some()) {
            preview.blank_over_stored += 1;
            preview.kept.push(format!("{item}的自评分"));
        }
        // Unfinished: a row that leaves the indicator without a self score.
        if score_text.is_empty() && stored.is_none_or(|stored| stored.self_score.is_none()) {
            form_blank += 1;
        }
        if self_note.is_empty() && stored.is_some_and(|stored| !stored.self_note.is_empty()) {
            preview.kept.push(format!("{item}的自评说明"));
        }
        // A row left blank keeps what is stored: it fills nothing, so it clashes with nothing
        // (a unit may send its form twice, the second time with only the rows it corrects).
        if score_text.is_empty() && self_note.is_empty() {
            preview.blank += 1;
            continue;
        }
        if let Some(first) = seen.get(&key) {
            // Filled alike in both forms of the unit: nothing to choose between.
            if first.score == score_text && first.note == self_note {
                continue;
            }
            // Either may be the right one: both forms are refused, each naming the other.
            if !preview.clashing.contains(&first.file) {
                preview.clashing.push(first.file.clone());
            }
            let filled = |score: &str, note: &str| match (score.is_empty(), note.is_empty()) {
                (false, true) => format!("自评分 {score}"),
                (true, false) => format!("自评说明“{note}”"),
                _ => format!("自评分 {score}、自评说明“{note}”"),
            };
            let clash = |file: &Path, row: usize, theirs: String, ours: String| {
                format!(
                    "{}在文件 {} 第 {row} 行填的是{theirs}，这里是{ours}：同一单位交来的两份自评表不一致，请核对后只导入其中一份",
                    quoted(&indicator.name),
                    shown_name(file)
                )
            };
            let (theirs, ours) = (
                filled(&first.score, &first.note),
                filled(&score_text, &self_note),
            );
            preview.rejected.push(RejectedValue {
                file: first.file.clone(),
                sheet: first.sheet.clone(),
                row: Some(first.row),
                reason: clash(&sheet.file, *row, ours.clone(), theirs.clone()),
                is_whole_file: false,
            });
            preview
                .rejected
                .push(sheet.reject(Some(*row), clash(&first.file, first.row, theirs, ours)));
            continue;
        }
        seen.insert(
            key,
            FirstFill {
                file: sheet.file.clone(),
                sheet: sheet.name.clone(),
                row: *row,
                score: score_text.clone(),
                note: self_note.clone(),
            },
        );
        let typed = match parse_self_score(&score_text, indicator.points) {
            Ok(typed) => typed,
            Err(reason) => {
                // Named by its item too: the row number alone sends the clerk counting.
                let reason = format!("{}{reason}", quoted(&indicator.name));
                preview.rejected.push(sheet.reject(Some(*row), reason));
                continue;
            }
        };
        let self_before = stored.and_then(|s| s.self_score);
        let self_note_before = stored.map_or_else(String::new, |s| s.self_note.clone());
        let self_after = typed.or(self_before);
        if self_after == self_before && (self_note.is_empty() || self_note == self_note_before) {
            preview.unchanged += 1;
            continue;
        }
        preview.changes.push(ScoreChange {
            file: sheet.file.clone(),
            sheet: sheet.name.clone(),
            row: *row,
            agreement_id: agreement.id,
            indicator_id: indicator.id,
            unit_name: unit_name.clone(),
            indicator_name: indicator.name.clone(),
            self_before,
            self_after,
            self_typed: typed,
            self_note_before,
            self_note_after: self_note,
        });
    }
    // A form come back partly (or not at all) filled is named, so that the clerk can ask the
    // unit for the rest.
    if form_blank > 0 {
        let short = (basis.units.get(&agreement.draft.unit_id))
            .map_or(unit_name.as_str(), |unit| unit.fields.display_short_name());
        preview.incomplete.push(if form_blank == form_rows {
            format!("{short}（未填写）")
        } else {
            format!("{short}（{form_blank}/{form_rows} 项未填）")
        });
    }
}

/// The columns of a form's indicator table, found by their headers.
struct Columns {
    header_row: usize,
    id: usize,
    score: usize,
    note: Option<usize>,
    /// 考核项目, checked against the indicator the hidden id names.
    name: Option<usize>,
}

/// The label of a form's 合计 row, in its first column (see the form writer).
const TOTAL_LABEL: &str = "合计";

/// A typed self score: `None` when blank, or the reason it is refused. A unit written after
/// the number ("6分") is what units often type, and read as the number (see [`Points::parse`]).
fn parse_self_score(text: &str, most: Points) -> Result<Option<Points>, String> {
    let points = match Points::parse(text) {
        Ok(points) => points,
        Err(PointsError::Empty) => return Ok(None),
        Err(PointsError::NotANumber(_)) => return Err(format!("自评分“{text}”不是数字")),
        Err(PointsError::CommaForPoint(_)) => {
            return Err(format!("自评分“{text}”不是数字：小数点请用“.”"));
        }
        Err(PointsError::Negative) => return Err(format!("自评分“{text}”不能为负数")),
        Err(PointsError::TooManyDecimals) => {
            return Err(format!("自评分“{text}”最多保留两位小数"));
        }
        Err(PointsError::TooLarge) => return Err(format!("自评分“{text}”过大")),
    };
    if points > most {
        return Err(format!("自评分“{text}”超过该项分值 {most}"));
    }
    Ok(Some(points))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn self_scores_are_checked_against_the_indicator() {
        let six = Points::whole(6);
        assert_eq!(parse_self_score("", six), Ok(None));
        assert_eq!(parse_self_score("5.5", six), Ok(Some(Points(550))));
        assert_eq!(parse_self_score("6", six), Ok(Some(six)));
        assert_eq!(parse_self_score("5分", six), Ok(Some(Points::whole(5))));
        assert_eq!(parse_self_score(" 5.5 分", six), Ok(Some(Points(550))));
        assert_eq!(
            parse_self_score("99", six),
            Err("自评分“99”超过该项分值 6".to_owned())
        );
        assert_eq!(
            parse_self_score("分", six),
            Err("自评分“分”不是数字".to_owned())
        );
        assert_eq!(
            parse_self_score("abc", six),
            Err("自评分“abc”不是数字".to_owned())
        );
        assert_eq!(
            parse_self_score("-1", six),
            Err("自评分“-1”不能为负数".to_owned())
        );
        assert_eq!(
            parse_self_score("1.234", six),
            Err("自评分“1.234”最多保留两位小数".to_owned())
        );
    }
}
