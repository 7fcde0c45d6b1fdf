//! One worksheet of a filled self-assessment form, read into numbered rows of exact strings
//! (see [`crate::io::table::cell_text`]), with the formulas saved without a result.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use calamine::{Reader as _, Xlsx, open_workbook};

use super::RejectedValue;
use super::SHEET_NAME;
use crate::io::table::cell_text;

/// One worksheet read into numbered rows of exact strings.
pub(super) struct Sheet {
    pub(super) file: PathBuf,
    pub(super) name: String,
    pub(super) rows: Vec<(usize, Vec<String>)>,
    /// Formulas of cells saved without a result, by (row number, column): a tool that does not
    /// calculate (or a sheet never opened in Excel) leaves the value empty.
    pub(super) unresolved: HashMap<(usize, usize), String>,
    /// Cells merged down over several rows, as (top row, bottom row, first column, last
    /// column), rows numbered as `rows` and columns counted as its cells: a value merged over
    /// two indicators' rows is held by the top one only, while the sheet shows it beside both.
    pub(super) merged_down: Vec<(usize, usize, usize, usize)>,
}

impl Sheet {
    /// A refusal pointing at this sheet.
    pub(super) fn reject(&self, row: Option<usize>, reason: String) -> RejectedValue {
        RejectedValue {
            file: self.file.clone(),
            sheet: self.name.clone(),
            row,
            reason,
            is_whole_file: false,
        }
    }

    /// Refuses the whole form, for the reason found at `row`.
    pub(super) fn refuse_whole(&self, row: Option<usize>, reason: String) -> RejectedValue {
        RejectedValue {
            is_whole_file: true,
            ..self.reject(row, reason)
        }
    }

    /// Refuses the whole form as none of this program's: `label`, which every form has, is
    /// not found in it.
    pub(super) fn not_ours(&self, label: &str) -> RejectedValue {
        self.refuse_whole(
            None,
            format!("找不到“{label}”，这不是本程序生成的自评表，请重新下发自评表后填写"),
        )
    }

    /// The rows (top and bottom) of a region merged down over several rows that holds the cell
    /// at `row` and `column`.
    pub(super) fn merged_at(&self, row: usize, column: usize) -> Option<(usize, usize)> {
        (self.merged_down.iter())
            .find(|(top, bottom, left, right)| {
                (*top..=*bottom).contains(&row) && (*left..=*right).contains(&column)
            })
            .map(|(top, bottom, _, _)| (*top, *bottom))
    }

    /// The trimmed cell right of the first cell reading `label`, with its row number.
    pub(super) fn labelled(&self, label: &str) -> Option<(usize, String)> {
        self.rows.iter().find_map(|(number, cells)| {
            let column = cells.iter().position(|c| c.trim() == label)?;
            let value = cells.get(column + 1).map_or("", |c| c.trim());
            Some((*number, value.to_owned()))
        })
    }
}

/// The 自评表 sheet (or else the first sheet) of an `.xlsx` file; errors are reasons, also a
/// panic inside calamine (see [`crate::io::table::guarded`]).
pub(super) fn read_sheet(path: &Path) -> Result<Sheet, String> {
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
            Some(extension) if extension != "xlsx" => {
                "自评表须是本程序导出的 .xlsx 文件，这个文件是别的格式（另存为 .csv、.xls 的表格不能导入评分）：请让填表单位在导出的 .xlsx 自评表中填写后交回".to_owned()
            }
            // A table saved as text loses the form's hidden cells: no renaming brings it back.
            _ => match crate::io::table::unreadable_workbook(path) {
                said if crate::io::table::is_text_said(said) => {
                    "这是文本文件（如 .csv），只是扩展名改成了 .xlsx：自评表须是本程序导出的 .xlsx 文件，另存为 .csv 的表格不能导入评分，请让填表单位在导出的 .xlsx 自评表中填写后交回".to_owned()
                }
                said => said.to_owned(),
            },
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
    let merged_down = (workbook
        .merge_cells_by_sheet_name(&name)
        .unwrap_or_default())
    .into_iter()
    .filter(|region| region.end.0 > region.start.0)
    .filter_map(|region| {
        let at = |value: u32| usize::try_from(value).ok();
        Some((
            at(region.start.0)? + 1,
            at(region.end.0)? + 1,
            at(region.start.1)?.checked_sub(first_column)?,
            at(region.end.1)?.checked_sub(first_column)?,
        ))
    })
    .collect();
    Ok(Sheet {
        file: path.to_owned(),
        name,
        rows,
        unresolved,
        merged_down,
    })
}
