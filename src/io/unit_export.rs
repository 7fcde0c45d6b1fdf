//! The register's units in use as a workbook (单位名单.xlsx) whose header row is the unit
//! import's own columns, so that a clerk can correct the list in Excel or WPS and import it
//! back ([`super::unit_import`]): unchanged, it imports as "no changes". The same file with
//! its rows deleted is the template for a new register.
//!
//! Every cell but 排序号 is text (a phone keeps its leading 0 and is never turned into a
//! number when edited); 排序号 is a whole number.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use super::unit_columns::Column;
use crate::model::{Category, Unit};
use crate::store::{Store, StoreError};

/// The sheet's name, as the file is titled.
const SHEET_NAME: &str = "单位名单";
/// Column widths in characters, in [`Column::ALL`]'s order.
const WIDTHS: [f64; 9] = [30.0, 14.0, 10.0, 10.0, 16.0, 10.0, 10.0, 18.0, 8.0];

/// Errors of writing the unit list, worded for a clerk.
#[derive(Debug, thiserror::Error)]
pub enum UnitExportError {
    /// The store could not be read.
    #[error("{0}")]
    Store(#[from] StoreError),
    /// The workbook could not be built.
    #[error("无法生成单位名单（{0}）")]
    Build(String),
    /// The file could not be written.
    #[error("无法写入文件（{}）：{}", crate::io::files::reason(.error), .path.display())]
    Write {
        /// Why.
        error: std::io::Error,
        /// The file.
        path: PathBuf,
    },
}

/// The file name the list is offered under: "单位名单.xlsx".
#[must_use]
pub fn units_file_name() -> String {
    format!("{SHEET_NAME}.xlsx")
}

/// The workbook of `units` in use, in list order, their categories named from `categories`.
///
/// # Errors
/// The workbook could not be built.
pub fn units_workbook(units: &[Unit], categories: &[Category]) -> Result<Vec<u8>, XlsxError> {
    let category_names: HashMap<i64, &str> = categories
        .iter()
        .map(|category| (category.id, category.name.as_str()))
        .collect();
    let cell = super::sheet_format()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::VerticalCenter);
    let text = cell.clone().set_num_format("@");
    let header = cell.clone().set_bold().set_align(FormatAlign::Center);
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name(SHEET_NAME)?;
    for (column, (kind, width)) in (0u16..).zip(Column::ALL.iter().zip(WIDTHS)) {
        sheet.write_string_with_format(0, column, kind.header(), &header)?;
        // Cells typed below the list are text too, as the phone column must be.
        let format: &Format = if *kind == Column::SortOrder {
            &cell
        } else {
            &text
        };
        sheet.set_column_width(column, width)?;
        sheet.set_column_format(column, format)?;
    }
    sheet.set_row_format(0, &header)?;
    sheet.set_freeze_panes(1, 0)?;
    let active = units.iter().filter(|unit| unit.is_active);
    for (row, unit) in (1u32..).zip(active) {
        let fields = &unit.fields;
        for (column, kind) in (0u16..).zip(Column::ALL) {
            let value = match kind {
                Column::Name => fields.name.as_str(),
                Column::ShortName => fields.short_name.as_str(),
                Column::Kind => fields.kind.label(),
                Column::Category => category_names
                    .get(&fields.category_id)
                    .copied()
                    .unwrap_or_default(),
                Column::PrincipalTitle => fields.principal_title.as_str(),
                Column::PrincipalName => fields.principal_name.as_str(),
                Column::ContactName => fields.contact_name.as_str(),
                Column::ContactPhone => fields.contact_phone.as_str(),
                Column::SortOrder => {
                    // Sort numbers are whole and far below 2^53: exact as a number.
                    #[allow(clippy::cast_precision_loss)]
                    let number = fields.sort_order as f64;
                    sheet.write_number_with_format(row, column, number, &cell)?;
                    continue;
                }
            };
            sheet.write_string_with_format(row, column, value, &text)?;
        }
    }
    sheet.autofilter(0, 0, 0, u16::try_from(Column::ALL.len() - 1).unwrap_or(0))?;
    workbook.save_to_buffer()
}

/// Writes the register's units in use to `path` (written under a temporary name and renamed);
/// returns how many.
///
/// # Errors
/// The store could not be read, or the file not written.
pub fn write_units(store: &Store, path: &Path) -> Result<usize, UnitExportError> {
    let units = store.units()?;
    let categories = store.categories()?;
    let bytes = units_workbook(&units, &categories)
        .map_err(|error| UnitExportError::Build(error.to_string()))?;
    super::files::write_atomically(path, &bytes).map_err(|error| UnitExportError::Write {
        error,
        path: path.to_owned(),
    })?;
    Ok(units.iter().filter(|unit| unit.is_active).count())
}

/// Logs the unit list written to `path` (导出 Excel, with its file name and count), as the
/// other exports are; a store that cannot write leaves it, the file being out all the same.
pub fn record_unit_list(store: &mut Store, path: &Path, count: usize) {
    if store.read_only_reason().is_some() {
        return;
    }
    let name = super::files::file_name_text(path);
    let _logged_or_not = store.write(|w| w.record_unit_list_export(&name, count));
}
