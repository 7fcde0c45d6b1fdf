//! The indicator table of a filled self-assessment form: each row's self score and 自评说明
//! checked against the indicator its hidden id names, and added to the import preview as a
//! change, a refusal, a kept value or a clash with another form of the same unit.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::form_reader::{Basis, shown_name};
use super::form_sheet::Sheet;
use super::{
    INDICATOR_ID_HEADER, RejectedValue, SELF_NOTE_HEADER, SELF_SCORE_HEADER, ScoreChange,
    ScoreImportPreview,
};
use crate::model::punctuation::quoted;
use crate::model::{Agreement, Indicator, Points, PointsError};

/// Where a unit's indicator was first filled in among the forms read, and with what: a
/// second form of the unit filling it alike adds nothing; filling it otherwise clashes.
pub(super) struct FirstFill {
    file: PathBuf,
    sheet: String,
    row: usize,
    score: String,
    note: String,
}

/// The indicator id under which `seen` marks a form read for its agreement: no indicator
/// has it (ids start at 1), so no row is ever compared with the mark.
const FORM_READ: i64 = 0;

/// Reads the indicator table of a form whose head was checked (the form is `agreement`'s)
/// and adds its changes and refusals to the preview.
pub(super) fn read_rows(
    basis: &Basis,
    sheet: &Sheet,
    agreement: &Agreement,
    seen: &mut HashMap<(i64, i64), FirstFill>,
    preview: &mut ScoreImportPreview,
) {
    let header = sheet.rows.iter().find_map(|(number, cells)| {
        let column = |name: &str| cells.iter().position(|c| c.trim() == name);
        Some(Columns {
            header_row: *number,
            id: column(INDICATOR_ID_HEADER)?,
            score: column(SELF_SCORE_HEADER)?,
            note: column(SELF_NOTE_HEADER),
            name: column(super::VISIBLE_HEADERS[1]),
            exported: column(super::EXPORTED_SCORE_HEADER),
        })
    });
    let Some(columns) = header else {
        preview.rejected.push(sheet.not_ours(INDICATOR_ID_HEADER));
        return;
    };
    // The form is marked read for its agreement, so that another form of the unit is told
    // apart by its file even when this one filled nothing.
    seen.entry((agreement.id, FORM_READ))
        .or_insert_with(|| FirstFill {
            file: sheet.file.clone(),
            sheet: sheet.name.clone(),
            row: 0,
            score: String::new(),
            note: String::new(),
        });
    let Columns {
        header_row,
        id: id_column,
        score: score_column,
        note: note_column,
        name: name_column,
        exported: exported_column,
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
            // Below it, a row that is no sign-off line (those begin with a label such as
            // "填表人：") is one the unit added there: not dropped unsaid either.
            let first = cell(cells, 0);
            let is_sign_off = first.ends_with('：') || first.ends_with(':');
            let is_in_table = *row < total_row && total_row != usize::MAX;
            let is_added_below = *row > total_row && total_row != usize::MAX && !is_sign_off;
            if (is_in_table || is_added_below)
                && let Some((what, text)) = typed
            {
                let name = name_column.map_or_else(String::new, |c| cell(cells, c));
                let text: String = text.chars().take(20).collect();
                let place = if is_in_table {
                    "不是导出时的指标行（没有指标编号）"
                } else {
                    "写在合计行下面，不是导出时的指标行"
                };
                // A row without a name is said as the row alone, not as an empty quote.
                let row_said = if name.is_empty() {
                    format!("这一行{place}")
                } else {
                    format!("“{name}”{place}")
                };
                preview.rejected.push(sheet.reject(
                    Some(*row),
                    format!(
                        "{row_said}，{what}“{text}”无处导入：请勿在表中增加行，其他情况请写在某项指标的自评说明中"
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
        // One of the form's rows, refused below or not: a form whose values were all refused
        // was filled in, not sent back empty.
        form_rows += 1;
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
        // A score or note merged down over several indicators' rows shows beside each, but
        // is held by the top row only: the rows under it would read as left blank.
        // Only a merge holding something, over two or more indicators' rows, loses anything.
        let indicator_rows = |top: usize, bottom: usize| {
            (sheet.rows.iter())
                .filter(|(n, cells)| {
                    (top..=bottom).contains(n) && !cell(cells, id_column).is_empty()
                })
                .count()
        };
        let holds_text = |top: usize, column: usize| {
            (sheet.rows.iter()).any(|(n, cells)| *n == top && !cell(cells, column).is_empty())
        };
        let merged = ([Some(score_column), note_column].into_iter().flatten())
            .filter_map(|column| Some((column, sheet.merged_at(*row, column)?)))
            .find(|(column, (top, bottom))| {
                indicator_rows(*top, *bottom) >= 2 && holds_text(*top, *column)
            })
            .map(|(_, region)| region);
        if let Some((top, bottom)) = merged {
            preview.rejected.push(sheet.reject(
                Some(*row),
                format!(
                    "{}的自评分或自评说明单元格与第 {top}–{bottom} 行合并在一起，合并后只有第 {top} 行的内容能读出：每项指标须分别填写，请取消合并后重新填写",
                    quoted(&indicator.name)
                ),
            ));
            continue;
        }
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
        if crate::io::table::is_formula_error(&score_text) {
            preview.rejected.push(sheet.reject(
                Some(*row),
                format!(
                    "{}的自评分是公式，算出的是错误“{score_text}”：请在 Excel 或 WPS 中改正公式，或直接填写数字",
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
            // Either may be the right one: both forms are refused, each naming the other, and
            // the first's value is no change to be made any more.
            (preview.changes).retain(|c| (c.agreement_id, c.indicator_id) != key);
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
        // Checked when it would change what is stored: one given back as it was is no refusal.
        if self_note != self_note_before
            && let Some(problem) = crate::model::free_text::note_problem("自评说明", &self_note)
        {
            let reason = format!("{}的{problem}", quoted(&indicator.name));
            preview.rejected.push(sheet.reject(Some(*row), reason));
            continue;
        }
        // Against the score the form was written with (forms written before it was kept have
        // none): what the unit left as it was does not take back a score changed here since.
        // An empty cell: the form went out without a score; one that does not read (edited
        // in an unprotected sheet) is no record at all.
        let exported =
            exported_column
                .map(|column| cell(cells, column))
                .and_then(|text| match text.as_str() {
                    "" => Some(None),
                    text => Points::parse(text).ok().map(Some),
                });
        let typed = match exported {
            Some(base) => since_exported(typed, base, self_before, &item, &mut preview.notes),
            None => typed,
        };
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
        // A second form of the unit among those chosen is named by its file, told apart.
        let is_second =
            (seen.iter()).any(|((of, _), first)| *of == agreement.id && first.file != sheet.file);
        let file = if is_second {
            let name = (sheet.file.file_name())
                .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
            format!("文件 {name}，")
        } else {
            String::new()
        };
        preview.incomplete.push(if form_blank == form_rows {
            format!("{short}（{file}未填写）")
        } else {
            format!("{short}（{file}{form_blank}/{form_rows} 项尚无自评分）")
        });
    }
}

/// The self score to import from a form that kept the score it was written with (`base`),
/// given the score `typed` in it and the one stored now: none when the unit left it as it was
/// and it was changed here since (the newer one stays), said in `notes`; a change over one made
/// here since is imported, and said too, as an old form may be imported by mistake.
fn since_exported(
    typed: Option<Points>,
    base: Option<Points>,
    stored: Option<Points>,
    item: &str,
    notes: &mut Vec<String>,
) -> Option<Points> {
    let typed_points = typed?;
    if stored == base || stored == typed {
        return typed;
    }
    // How the score here changed since the form was written.
    let since = match (base, stored) {
        (None, Some(now)) => format!("导出时为空，此后填为 {now}"),
        (Some(then), Some(now)) => format!("导出后已由 {then} 改为 {now}"),
        (Some(then), None) => format!("导出后已由 {then} 清空"),
        (None, None) => String::new(),
    };
    if typed == base {
        notes.push(format!(
            "{item}：表中的自评分仍是导出时的 {typed_points}，而系统中的自评分{since}，保留系统中的"
        ));
        return None;
    }
    notes.push(format!(
        "{item}：系统中的自评分{since}，导入将改为表中的 {typed_points}；如是旧表，请勿导入"
    ));
    typed
}

/// The columns of a form's indicator table, found by their headers.
struct Columns {
    header_row: usize,
    id: usize,
    score: usize,
    note: Option<usize>,
    /// 考核项目, checked against the indicator the hidden id names.
    name: Option<usize>,
    /// The hidden score each row was written with, in forms that keep it.
    exported: Option<usize>,
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
