//! Reading a unit import file: a `.csv` file, or of an `.xlsx` workbook the first sheet whose
//! header row names the 单位名称 column (a register often sits behind a cover or notes sheet).
//! When no sheet does, the sheets looked at are named.

use std::path::{Path, PathBuf};

use super::table::{Table, TableError, read_sheets};

/// Why a unit import file cannot be used, worded for a clerk.
#[derive(Debug, thiserror::Error)]
pub enum UnitFileError {
    /// The file could not be read.
    #[error(transparent)]
    Table(#[from] TableError),
    /// No sheet of the workbook has a 单位名称 column.
    #[error(
        "工作簿中没有含“单位名称”列的工作表（已查看：{}；表头行应含“单位名称”，可用的列：{}）：{path}",
        .sheets.join("、"),
        super::unit_columns::known_headers()
    )]
    NoNameColumn {
        /// The sheets looked at, in workbook order, each as "“名称”" or "“名称”（空白）".
        sheets: Vec<String>,
        /// The file.
        path: PathBuf,
    },
}

/// The table of units in `path`: the `.csv` file, or the first sheet of the workbook whose
/// header row (or a row just below a title) names the 单位名称 column.
pub fn read_unit_table(path: &Path) -> Result<Table, UnitFileError> {
    let is_csv = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
    let sheets = read_sheets(path)?;
    if is_csv {
        // One table: what is wrong with its header is said by the preview.
        return sheets
            .into_iter()
            .find_map(|sheet| sheet.table)
            .ok_or_else(|| {
                TableError::NoHeader {
                    path: path.to_owned(),
                }
                .into()
            });
    }
    let mut looked_at = Vec::with_capacity(sheets.len());
    for sheet in sheets {
        match sheet.table {
            Some(table) if super::unit_import::names_units(&table) => return Ok(table),
            Some(_) => looked_at.push(format!("“{}”", sheet.name)),
            None => looked_at.push(format!("“{}”（空白）", sheet.name)),
        }
    }
    if looked_at.is_empty() {
        return Err(TableError::NoHeader {
            path: path.to_owned(),
        }
        .into());
    }
    Err(UnitFileError::NoNameColumn {
        sheets: looked_at,
        path: path.to_owned(),
    })
}
