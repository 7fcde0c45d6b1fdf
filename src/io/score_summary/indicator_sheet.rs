//! The sheet 指标得分: every indicator score of every agreement of the year, with the self
//! score and the unit's 自评说明, the assessed score and the assessors' 评分说明.

use std::collections::HashMap;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::sheet_format::{Formats, HEADER_ROW, set_up_page, write_head};
use crate::model::{Points, Score};
use crate::store::{Store, StoreError};
use crate::workflow::results::CategoryResults;

/// The name of the sheet.
pub(super) const INDICATOR_SHEET_NAME: &str = "指标得分";
/// The headers of the indicator score sheet, left to right.
const INDICATOR_HEADERS: [&str; 9] = [
    "类别",
    "单位",
    "序号",
    "考核项目",
    "分值",
    "自评分",
    "自评说明",
    "考核组评分",
    "评分说明",
];
/// Column widths of the indicator score sheet in characters.
const INDICATOR_WIDTHS: [f64; 9] = [14.0, 30.0, 6.0, 40.0, 8.0, 8.0, 30.0, 11.0, 40.0];

/// One row of the indicator score sheet.
pub(super) struct IndicatorRow {
    category: String,
    unit_name: String,
    number: usize,
    name: String,
    points: Points,
    self_score: Option<Points>,
    self_note: String,
    assessed_score: Option<Points>,
    note: String,
}

/// Every indicator of every unit in `results`, by category and unit as the category sheets
/// list them (rank order, so that a unit's scores are found where its total is), then in
/// table order; `captions` names each category (by id) as the notice does, else its own name
/// stands.
pub(super) fn indicator_rows(
    store: &Store,
    year: i32,
    results: &[CategoryResults],
    captions: &HashMap<i64, String>,
) -> Result<Vec<IndicatorRow>, StoreError> {
    let scores: HashMap<(i64, i64), Score> = store
        .scores(year)?
        .into_iter()
        .map(|s| ((s.agreement_id, s.indicator_id), s))
        .collect();
    let mut rows = Vec::new();
    for category in results {
        let caption = (captions.get(&category.category.id)).unwrap_or(&category.category.name);
        for unit in &category.units {
            for (index, indicator) in category.set.indicators.iter().enumerate() {
                let entry = scores.get(&(unit.agreement_id, indicator.id));
                rows.push(IndicatorRow {
                    category: caption.clone(),
                    unit_name: unit.unit_name.clone(),
                    number: index + 1,
                    name: indicator.name.clone(),
                    points: indicator.points,
                    self_score: entry.and_then(|s| s.self_score),
                    self_note: entry.map_or_else(String::new, |s| s.self_note.clone()),
                    assessed_score: entry.and_then(|s| s.assessed_score),
                    note: entry.map_or_else(String::new, |s| s.note.clone()),
                });
            }
        }
    }
    Ok(rows)
}

/// Every indicator score, filterable by column.
pub(super) fn write_indicators(
    sheet: &mut Worksheet,
    formats: &Formats,
    (year, marker): (i32, &str),
    rows: &[IndicatorRow],
) -> Result<(), XlsxError> {
    let title = format!("{year}年度安全生产目标管理考核指标得分{marker}");
    write_head(sheet, formats, &title, &INDICATOR_HEADERS)?;
    let cells = &formats.plain;
    let mut last_row = HEADER_ROW;
    for (row, item) in (HEADER_ROW + 1..).zip(rows) {
        sheet.write_string_with_format(row, 0, &item.category, &cells.centered)?;
        sheet.write_string_with_format(row, 1, &item.unit_name, &cells.text)?;
        sheet.write_number_with_format(row, 2, item.number as f64, &cells.centered)?;
        sheet.write_string_with_format(row, 3, &item.name, &cells.wrapped)?;
        let scores = [
            (4, Some(item.points)),
            (5, item.self_score),
            (7, item.assessed_score),
        ];
        for (column, value) in scores {
            match value {
                Some(points) => sheet.write_number_with_format(
                    row,
                    column,
                    points.as_number(),
                    &cells.number,
                )?,
                None => sheet.write_blank(row, column, &cells.text)?,
            };
        }
        sheet.write_string_with_format(
            row,
            6,
            crate::io::cell_text(&item.self_note),
            &cells.wrapped,
        )?;
        sheet.write_string_with_format(row, 8, crate::io::cell_text(&item.note), &cells.wrapped)?;
        last_row = row;
    }
    let last_column = u16::try_from(INDICATOR_HEADERS.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(HEADER_ROW, 0, last_row, last_column)?;
    set_up_page(sheet, &INDICATOR_WIDTHS)
}
