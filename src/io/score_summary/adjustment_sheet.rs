//! The sheet 加扣分与否决: every bonus and deduction outside the indicator table and every
//! 一票否决 of the year's assessed units, with the rule item applied, the 事项, the points
//! and the reason, one row each.

use std::collections::HashMap;

use rust_xlsxwriter::{Worksheet, XlsxError};

use super::sheet_format::{Formats, HEADER_ROW, set_up_page, write_head};
use crate::model::assessment::{
    HeldBack, NOT_COUNTED, counted_bonuses, items_over_cap, uncapped_bonus,
};
use crate::model::{Adjustment, AdjustmentKind, Points, RuleItem, Veto};
use crate::store::{Store, StoreError};
use crate::workflow::results::CategoryResults;

/// The name of the sheet.
pub(super) const ADJUSTMENT_SHEET_NAME: &str = "加扣分与否决";
/// The headers of the sheet, left to right.
const ADJUSTMENT_HEADERS: [&str; 8] = [
    "类别",
    "单位",
    "类型",
    "加扣分项目或否决条件",
    "事项",
    "分值",
    "是否计入",
    "理由",
];
/// Column widths of the sheet in characters.
const ADJUSTMENT_WIDTHS: [f64; 8] = [14.0, 30.0, 10.0, 30.0, 20.0, 8.0, 22.0, 44.0];
/// What the item column shows when no rule item was chosen, as the scoring screen does.
const OTHER_ITEM: &str = "（其他）";
/// The type of a veto row.
const VETO_LABEL: &str = "一票否决";

/// One row of the sheet.
pub(super) struct AdjustmentRow {
    category: String,
    unit_name: String,
    kind: &'static str,
    item: String,
    matter: String,
    points: Option<Points>,
    /// 是否计入: "计入", or why not, or that a rule's own limit or the year's cap cuts it;
    /// empty for a veto.
    counted: String,
    reason: String,
    is_veto: bool,
}

/// Every bonus, deduction and veto of `year`: by category and the units' rank order as the
/// category sheets list them; each unit's bonuses and deductions in the order entered, then
/// its veto. `captions` names each category (by id) as the notice does.
pub(super) fn adjustment_rows(
    store: &Store,
    year: i32,
    results: &[CategoryResults],
    captions: &HashMap<i64, String>,
) -> Result<Vec<AdjustmentRow>, StoreError> {
    let adjustments = store.adjustments(year)?;
    let vetoes = store.vetoes(year)?;
    Ok(rows_of(results, captions, &adjustments, &vetoes))
}

/// The rows of [`adjustment_rows`] from what the store holds.
fn rows_of(
    results: &[CategoryResults],
    captions: &HashMap<i64, String>,
    adjustments: &[Adjustment],
    vetoes: &[Veto],
) -> Vec<AdjustmentRow> {
    let mut rows = Vec::new();
    for category in results {
        let caption = captions
            .get(&category.category.id)
            .map_or(category.category.name.as_str(), String::as_str);
        let item_name = |item_id: Option<i64>| {
            item_id
                .and_then(|id| category.set.items.iter().find(|i| i.id == id))
                .map_or(OTHER_ITEM, |item: &RuleItem| item.name.as_str())
                .to_owned()
        };
        for unit in &category.units {
            let row = |kind, item, matter, points, reason: &str| AdjustmentRow {
                category: caption.to_owned(),
                unit_name: unit.unit_name.clone(),
                kind,
                item,
                matter,
                points,
                counted: String::new(),
                reason: reason.to_owned(),
                is_veto: false,
            };
            let own: Vec<Adjustment> = adjustments
                .iter()
                .filter(|a| a.agreement_id == unit.agreement_id)
                .cloned()
                .collect();
            let counts = counted_bonuses(&own);
            let cap = category.set.bonus_cap;
            // Bonuses past the year's cap count only up to it: said on each counted bonus.
            let capped = (uncapped_bonus(&own, &category.set.items) > cap)
                .then(|| format!("计入（加分合计超过上限，按 {cap} 分计）"));
            // Entries of a rule past its own limit count only up to it: said on each of them.
            let over = items_over_cap(&own, &category.set.items);
            let limited = |item_id: Option<i64>| {
                over.iter()
                    .find(|o| Some(o.item.id) == item_id)
                    .map(|o| format!("本项合计 {}，按累计最多 {} 分计", o.entered, o.cap))
            };
            // Deductions past the base and bonus stop at zero (扣完为止): said on each of them,
            // after its rule's own limit when that applies too.
            // (Of a unit not scored in full, as counted so far.)
            let (entered, counted) = (unit.row.deduction, unit.row.counted_deduction());
            let past_zero = unit
                .row
                .deduction_held_back()
                .map(|held_back| match held_back {
                    HeldBack::PastZero(_) => {
                        format!("扣分合计 {entered} 分，扣完为止，按 {counted} 分计")
                    }
                    HeldBack::UntilScored => {
                        format!("扣分合计 {entered} 分，尚未评完，暂按已有得分计 {counted} 分")
                    }
                });
            let counted_as = |item_id: Option<i64>, is_deduction: bool| {
                let zero = past_zero.clone().filter(|_| is_deduction);
                let parts: Vec<String> = limited(item_id).into_iter().chain(zero).collect();
                if parts.is_empty() {
                    "计入".to_owned()
                } else {
                    format!("计入（{}）", parts.join("；"))
                }
            };
            for (adjustment, counts) in own.iter().zip(counts) {
                let kind = match adjustment.kind {
                    AdjustmentKind::Bonus => "加分",
                    AdjustmentKind::Deduction => "扣分",
                };
                let counted = match (adjustment.kind, &capped) {
                    (AdjustmentKind::Bonus, _) if !counts => NOT_COUNTED.to_owned(),
                    (AdjustmentKind::Bonus, Some(capped)) => capped.clone(),
                    (kind, _) => counted_as(adjustment.item_id, kind == AdjustmentKind::Deduction),
                };
                rows.push(AdjustmentRow {
                    counted,
                    ..row(
                        kind,
                        item_name(adjustment.item_id),
                        adjustment.matter.clone(),
                        Some(adjustment.points),
                        &adjustment.reason,
                    )
                });
            }
            for veto in vetoes
                .iter()
                .filter(|v| v.agreement_id == unit.agreement_id)
            {
                rows.push(AdjustmentRow {
                    is_veto: true,
                    ..row(
                        VETO_LABEL,
                        item_name(veto.item_id),
                        String::new(),
                        None,
                        &veto.reason,
                    )
                });
            }
        }
    }
    rows
}

/// Every bonus, deduction and veto, filterable by column; veto rows are filled red.
pub(super) fn write_adjustments(
    sheet: &mut Worksheet,
    formats: &Formats,
    (year, marker): (i32, &str),
    rows: &[AdjustmentRow],
) -> Result<(), XlsxError> {
    let title = format!("{year}年度安全生产目标管理考核加扣分与一票否决情况{marker}");
    write_head(sheet, formats, &title, &ADJUSTMENT_HEADERS)?;
    let mut last_row = HEADER_ROW;
    for (row, item) in (HEADER_ROW + 1..).zip(rows) {
        let cells = if item.is_veto {
            &formats.vetoed
        } else {
            &formats.plain
        };
        sheet.write_string_with_format(row, 0, &item.category, &cells.centered)?;
        sheet.write_string_with_format(row, 1, &item.unit_name, &cells.text)?;
        sheet.write_string_with_format(row, 2, item.kind, &cells.centered)?;
        sheet.write_string_with_format(row, 3, &item.item, &cells.wrapped)?;
        sheet.write_string_with_format(row, 4, &item.matter, &cells.wrapped)?;
        match item.points {
            Some(points) => {
                sheet.write_number_with_format(row, 5, points.as_number(), &cells.number)?
            }
            None => sheet.write_blank(row, 5, &cells.text)?,
        };
        sheet.write_string_with_format(row, 6, &item.counted, &cells.centered)?;
        sheet.write_string_with_format(
            row,
            7,
            crate::io::cell_text(&item.reason),
            &cells.wrapped,
        )?;
        last_row = row;
    }
    // A year without any says so, rather than leave a table of headers only.
    if rows.is_empty() {
        last_row = HEADER_ROW + 1;
        sheet.write_string_with_format(last_row, 0, "无", &formats.plain.centered)?;
    }
    let last_column = u16::try_from(ADJUSTMENT_HEADERS.len().saturating_sub(1)).unwrap_or(0);
    sheet.autofilter(HEADER_ROW, 0, last_row, last_column)?;
    set_up_page(sheet, &ADJUSTMENT_WIDTHS)
}
