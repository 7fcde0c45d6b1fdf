//! The score summary spreadsheet (考核得分汇总表): one sheet per category with every unit's base
//! score, bonus, deduction, total, veto, grade and rank in rank order, a sheet 指标得分 with
//! every indicator score and both notes (units in the same order), and a sheet 加扣分与否决
//! with every bonus, deduction and veto, built in memory and written atomically.
//!
//! Categories are named as the notice's attachment names them: a 镇街 category by its own
//! name, a 部门 category with the side named, e.g. "部门（一类）"; which side a category is on
//! follows its units' kinds ([`caption`]).
//!
//! Points are written as numbers, each with a number format that shows exactly its own decimals
//! (95, 95.5, 19.99), as the app shows them; vetoed rows are filled red and carry the veto's
//! reason as a cell note.

mod adjustment_sheet;
mod indicator_sheet;
mod sheet_format;

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Note, Workbook, Worksheet, XlsxError};

use crate::document::notice::caption;
use crate::store::{Store, StoreError};
use crate::workflow::results::{CategoryResults, UnitResult, year_results};
use adjustment_sheet::{ADJUSTMENT_SHEET_NAME, AdjustmentRow, adjustment_rows, write_adjustments};
use indicator_sheet::{INDICATOR_SHEET_NAME, IndicatorRow, indicator_rows, write_indicators};
use sheet_format::{Formats, HEADER_ROW, set_up_page, write_head};

/// The headers of a category sheet, left to right.
const CATEGORY_HEADERS: [&str; 9] = [
    "序号",
    "单位",
    "基础得分",
    "加分",
    "扣分",
    "总得分",
    "一票否决",
    "等次",
    "排名",
];
/// Column widths of a category sheet in characters.
const CATEGORY_WIDTHS: [f64; 9] = [6.0, 32.0, 10.0, 8.0, 8.0, 10.0, 10.0, 8.0, 6.0];

/// Errors of writing the score summary, worded for a clerk.
#[derive(Debug, thiserror::Error)]
pub enum SummaryError {
    /// The store could not be read.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The workbook could not be built.
    #[error("无法生成考核得分汇总表（{reason}）：{path}")]
    Build {
        /// What went wrong.
        reason: String,
        /// The file being built.
        path: PathBuf,
    },
    /// The file could not be written.
    #[error("无法写入文件（{}）：{path}", crate::io::files::reason(.error))]
    Write {
        /// The I/O error.
        error: std::io::Error,
        /// The file.
        path: PathBuf,
    },
}

/// Where a year's results stand, which the summary's titles, notes and file name say.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Standing {
    /// Not published yet: the tables are a draft.
    Draft,
    /// Published, and unchanged since the notice was issued (or no notice issued yet: the
    /// first one exported will show these results): the tables are final.
    Published,
    /// Published, and changed (with reasons) since the notice was issued: the tables show
    /// the results as they are now, so they are not the ones issued.
    Altered,
}

impl Standing {
    /// Where `year`'s results stand now.
    fn of(store: &Store, year: i32) -> Result<Self, StoreError> {
        let is_published =
            (store.year(year)?).is_some_and(|y| y.phase == crate::model::Phase::Published);
        Ok(if !is_published {
            Self::Draft
        } else if crate::workflow::notice::is_altered_since_issued(store, year) {
            Self::Altered
        } else {
            Self::Published
        })
    }
}

/// The usual file name of a year's summary, e.g. "2024年度考核得分汇总表.xlsx"; before the
/// results are published "…（草稿）.xlsx", while units are not fully scored
/// "…（未评完）.xlsx", and after the issued results were changed "…（非印发件）.xlsx", as the
/// tables' titles say.
#[must_use]
pub fn summary_file_name(year: i32, standing: Standing, is_unfinished: bool) -> String {
    // Named a draft until the results are published, as the notice's draft is: the final
    // table later takes the plain name, never "（2）" beside the draft.
    format!(
        "{year}年度考核得分汇总表{}.xlsx",
        interim_marker(standing, is_unfinished)
    )
}

/// What a table's title and file name end in when it is not the final one: "（未评完）" while
/// units are not fully scored, "（草稿）" until the results are published, "（非印发件）" after
/// the issued results were changed, else nothing.
fn interim_marker(standing: Standing, is_unfinished: bool) -> &'static str {
    match (is_unfinished, standing) {
        (true, _) => "（未评完）",
        (false, Standing::Draft) => "（草稿）",
        (false, Standing::Published) => "",
        (false, Standing::Altered) => "（非印发件）",
    }
}

/// What is said after the name of a summary written with `unfinished` units not fully scored
/// and its results standing so: "（尚有 3 个单位未评完，表中已注明）", "（非印发件：…）",
/// or nothing for the final tables.
#[must_use]
pub fn summary_said(unfinished: usize, standing: Standing) -> String {
    if unfinished > 0 {
        format!("（尚有 {unfinished} 个单位未评完，表中已注明）")
    } else if standing == Standing::Altered {
        format!("（{ALTERED_SAID}）")
    } else {
        String::new()
    }
}

/// Writes the score summary of `year` into `folder` under its usual name (see
/// [`summary_file_name`]; a free one beside a file of that name): the name wanted, the path
/// written, and what is said after its name (see [`summary_said`]).
pub fn write_summary_into(
    store: &Store,
    year: i32,
    folder: &Path,
) -> Result<(PathBuf, PathBuf, String), SummaryError> {
    // Built first: its name says whether it is finished.
    let (bytes, unfinished, standing) = summary_parts(store, year, folder)?;
    let wanted = folder.join(summary_file_name(year, standing, unfinished > 0));
    let path = crate::io::files::free_name(&wanted);
    crate::io::files::write_atomically(&path, &bytes).map_err(|error| SummaryError::Write {
        error,
        path: path.clone(),
    })?;
    Ok((wanted, path, summary_said(unfinished, standing)))
}

/// Writes the score summary of `year` to `path`, replacing any file there in one step.
/// Returns what is said after its name (see [`summary_said`]): an interim or altered summary
/// says so.
pub fn write_summary(store: &Store, year: i32, path: &Path) -> Result<String, SummaryError> {
    let (bytes, unfinished, standing) = summary_parts(store, year, path)?;
    crate::io::files::write_atomically(path, &bytes).map_err(|error| SummaryError::Write {
        error,
        path: path.to_owned(),
    })?;
    Ok(summary_said(unfinished, standing))
}

/// The score summary of `year` as `.xlsx` bytes, built in memory (`path`, the file it is meant
/// for, is named in errors), and what is said after its name (see [`summary_said`]).
pub fn summary_bytes(
    store: &Store,
    year: i32,
    path: &Path,
) -> Result<(Vec<u8>, String), SummaryError> {
    summary_parts(store, year, path)
        .map(|(bytes, unfinished, standing)| (bytes, summary_said(unfinished, standing)))
}

/// The summary's bytes, how many units it lists as not fully scored yet, and where the
/// results it shows stand.
fn summary_parts(
    store: &Store,
    year: i32,
    path: &Path,
) -> Result<(Vec<u8>, usize, Standing), SummaryError> {
    let results = year_results(store, year)?;
    if results.iter().all(|c| c.units.is_empty()) {
        // Agreements assessed, yet no results: their categories have no indicators.
        if !store.assessed_agreements(year)?.is_empty() {
            let without = crate::workflow::results::categories_without_indicators(store, year)?;
            let refusal = crate::workflow::notice::without_indicators_refusal(year, &without);
            return Err(crate::store::StoreError::Rejected(refusal).into());
        }
        return Err(store
            .no_assessed_refusal(year, "没有可汇总的考核得分")?
            .into());
    }
    // Until the results are published the tables are a draft, as the notice's 草稿 is; after
    // the issued results changed they are no copy of the issued ones, as the notice's 非印发件.
    let standing = Standing::of(store, year)?;
    let unfinished: usize = results.iter().map(|c| unfinished(c).len()).sum();
    let captions: HashMap<i64, String> = results
        .iter()
        .map(|category| (category.category.id, caption(category)))
        .collect();
    let sheets = Sheets {
        indicators: indicator_rows(store, year, &results, &captions)?,
        adjustments: adjustment_rows(store, year, &results, &captions)?,
    };
    let bytes = build(year, standing, &results, &sheets).map_err(|error| SummaryError::Build {
        reason: error.to_string(),
        path: path.to_owned(),
    })?;
    Ok((bytes, unfinished, standing))
}

/// How many unfinished units the note under an interim table names.
const NOTE_NAMES: usize = 20;

/// Who Excel says wrote a veto's note: the office.
const NOTE_AUTHOR: &str = "安委会办公室";

/// The rows of the sheets after the category sheets.
struct Sheets {
    indicators: Vec<IndicatorRow>,
    adjustments: Vec<AdjustmentRow>,
}

/// The workbook as `.xlsx` bytes.
fn build(
    year: i32,
    standing: Standing,
    results: &[CategoryResults],
    rows: &Sheets,
) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    let formats = Formats::new();
    let mut taken = BTreeSet::from([
        INDICATOR_SHEET_NAME.to_lowercase(),
        ADJUSTMENT_SHEET_NAME.to_lowercase(),
    ]);
    let year_unfinished: usize = results.iter().map(|c| unfinished(c).len()).sum();
    for category in results {
        let caption = caption(category);
        let sheet = workbook.add_worksheet();
        sheet.set_name(sheet_name(&caption, &mut taken))?;
        // The notes' author list names the office only, never the library's "Author".
        sheet.set_default_note_author(NOTE_AUTHOR);
        let table = Table {
            year,
            caption: &caption,
            standing,
            others_unfinished: year_unfinished - unfinished(category).len(),
        };
        write_category(sheet, &formats, &table, category)?;
    }
    // The sheets after the categories' say as theirs do what the table is not yet: printed
    // alone, they are not taken for the final one either.
    let is_unfinished = results.iter().any(|c| !unfinished(c).is_empty());
    let marker = interim_marker(standing, is_unfinished);
    let sheet = workbook.add_worksheet();
    sheet.set_name(INDICATOR_SHEET_NAME)?;
    write_indicators(sheet, &formats, (year, marker), &rows.indicators)?;
    let sheet = workbook.add_worksheet();
    sheet.set_name(ADJUSTMENT_SHEET_NAME)?;
    write_adjustments(sheet, &formats, (year, marker), &rows.adjustments)?;
    workbook.save_to_buffer()
}

/// A valid sheet name for a category, unique within the workbook (Excel compares them
/// case-insensitively and refuses `[]:*?/\` and more than 31 characters).
fn sheet_name(category: &str, taken: &mut BTreeSet<String>) -> String {
    let cleaned: String = category
        .chars()
        .map(|c| {
            if matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\') || c.is_control() {
                '_'
            } else {
                c
            }
        })
        .collect();
    let cleaned = cleaned.trim_matches(|c: char| c == '\'' || c.is_whitespace());
    let base: String = if cleaned.is_empty() {
        "类别".to_owned()
    } else {
        cleaned.chars().take(27).collect()
    };
    let mut name = base.clone();
    let mut suffix = 2;
    while taken.contains(&name.to_lowercase()) {
        name = format!("{base}({suffix})");
        suffix += 1;
    }
    taken.insert(name.to_lowercase());
    name
}

/// What a category's table is titled by: the year, the category's caption, and where the
/// results stand (a draft, published, or changed since they were issued); and how many units
/// of the year's other categories are not fully scored yet, which a finished category's note
/// says.
struct Table<'a> {
    year: i32,
    caption: &'a str,
    standing: Standing,
    others_unfinished: usize,
}

/// Said under a fully scored table of a year not yet published.
const DRAFT_NOTE: &str = "注：本年度考核结果尚未通报，表中为暂定结果，以正式通报为准";

/// What the app says of a summary written after the issued results were changed.
pub const ALTERED_SAID: &str = "非印发件：通报印发后结果又有修改，表中已注明";

/// Said under a table of a year whose results were changed after its notice was issued.
const ALTERED_NOTE: &str =
    "注：本年度考核结果在通报印发后又有修改，本表按现在的结果生成，与已印发的通报不同，非印发件";

/// One category's units in rank order, titled e.g. "2024年度部门（一类）安全生产目标管理考核
/// 得分汇总表".
fn write_category(
    sheet: &mut Worksheet,
    formats: &Formats,
    table: &Table<'_>,
    results: &CategoryResults,
) -> Result<(), XlsxError> {
    let Table {
        year,
        caption,
        standing,
        others_unfinished,
    } = *table;
    let unfinished = unfinished(results);
    // An interim table is never taken for the final one: its title and a note under the
    // table say so, on screen and on paper.
    let title = format!(
        "{year}年度{caption}安全生产目标管理考核得分汇总表{}",
        interim_marker(standing, !unfinished.is_empty())
    );
    write_head(sheet, formats, &title, &CATEGORY_HEADERS)?;
    let mut next = HEADER_ROW + 1;
    for ((row, index), unit) in (HEADER_ROW + 1..).zip(1u32..).zip(&results.units) {
        write_unit(sheet, formats, row, index, unit)?;
        next = row + 1;
    }
    if !unfinished.is_empty() {
        // The first few named, as a printed note holds them; the table shows the rest.
        let named: Vec<&str> = unfinished
            .iter()
            .take(NOTE_NAMES)
            .map(String::as_str)
            .collect();
        let more = if unfinished.len() > NOTE_NAMES {
            "等"
        } else {
            ""
        };
        let note = format!(
            "注：{} 个单位尚未评完，表中得分不是最终结果：{}{more}",
            unfinished.len(),
            named.join("、")
        );
        let last_column = u16::try_from(CATEGORY_HEADERS.len() - 1).unwrap_or(0);
        sheet.merge_range(next, 0, next, last_column, &note, &formats.note)?;
        // About 50 characters to a line across the table's width; Excel's rows stop at 409.
        let lines = note.chars().count().div_ceil(50).max(1);
        let height = 18.0 * f64::from(u32::try_from(lines).unwrap_or(1));
        sheet.set_row_height(next, height.min(409.0))?;
    } else if standing != Standing::Published {
        // A finished category of a year still being scored: printed alone, its sheet says
        // that the file is interim because of the others (its name says 未评完); one of a year
        // changed since its notice was issued says it is no copy of the issued table.
        let note = if standing == Standing::Altered {
            ALTERED_NOTE.to_owned()
        } else if others_unfinished > 0 {
            format!(
                "注：本类别已评完；本年度其他类别还有 {others_unfinished} 个单位尚未评完，考核结果尚未通报，表中为暂定结果，以正式通报为准"
            )
        } else {
            DRAFT_NOTE.to_owned()
        };
        let last_column = u16::try_from(CATEGORY_HEADERS.len() - 1).unwrap_or(0);
        sheet.merge_range(next, 0, next, last_column, &note, &formats.note)?;
        let lines = note.chars().count().div_ceil(50).max(1);
        sheet.set_row_height(next, 18.0 * f64::from(u32::try_from(lines).unwrap_or(1)))?;
    }
    set_up_page(sheet, &CATEGORY_WIDTHS)
}

/// The units of a category not fully scored yet, each with what it lacks, in table order.
fn unfinished(results: &CategoryResults) -> Vec<String> {
    (results.units.iter())
        .filter(|unit| !unit.row.is_complete())
        .map(|unit| {
            if unit.row.is_scored {
                format!("{}（缺 {} 项）", unit.unit_name, unit.row.missing)
            } else {
                format!("{}（未评分）", unit.unit_name)
            }
        })
        .collect()
}

/// One unit's row; a vetoed row is filled red and its 一票否决 cell notes the reason.
fn write_unit(
    sheet: &mut Worksheet,
    formats: &Formats,
    row: u32,
    index: u32,
    unit: &UnitResult,
) -> Result<(), XlsxError> {
    let result = &unit.row;
    let cells = if result.is_vetoed {
        &formats.vetoed
    } else {
        &formats.plain
    };
    sheet.write_number_with_format(row, 0, index, &cells.centered)?;
    sheet.write_string_with_format(row, 1, &unit.unit_name, &cells.text)?;
    // Nothing entered yet (an interim table): blank, not a score of 0; a bonus or deduction
    // entered before any indicator's score shows, the base and total wait for the scores.
    let points = [
        (result.base, result.has_scores),
        (result.bonus, result.is_scored),
        // As counted: the row adds up even where the total stopped at zero (a vetoed unit's
        // total is 0 whatever the row adds up to: its 一票否决 column says why).
        (result.counted_deduction(), result.is_scored),
        (result.total, result.has_scores),
    ];
    for (column, (value, is_shown)) in (2u16..).zip(points) {
        if is_shown {
            sheet.write_number_with_format(row, column, value.as_number(), &cells.number)?;
        } else {
            sheet.write_blank(row, column, &cells.centered)?;
        }
    }
    if result.is_vetoed {
        sheet.write_string_with_format(row, 6, "是", &cells.centered)?;
        if let Some(reason) = &unit.veto_reason {
            // Excel shows a note's author: the office, not the library's "Author".
            let note = Note::new(reason)
                .set_author(NOTE_AUTHOR)
                .add_author_prefix(false);
            sheet.insert_note(row, 6, &note)?;
        }
    } else {
        sheet.write_blank(row, 6, &cells.centered)?;
    }
    sheet.write_string_with_format(row, 7, &result.grade, &cells.centered)?;
    if result.is_complete() {
        sheet.write_number_with_format(row, 8, result.rank as f64, &cells.centered)?;
    } else {
        sheet.write_blank(row, 8, &cells.centered)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sheet_names_are_valid_and_unique() {
        let mut taken = BTreeSet::from([INDICATOR_SHEET_NAME.to_lowercase()]);
        assert_eq!(sheet_name("镇街", &mut taken), "镇街");
        assert_eq!(sheet_name("镇街", &mut taken), "镇街(2)");
        assert_eq!(sheet_name("指标得分", &mut taken), "指标得分(2)");
        assert_eq!(sheet_name("a/b?", &mut taken), "a_b_");
        assert_eq!(sheet_name(" '' ", &mut taken), "类别");
    }
}
