//! Reading a unit import file: a `.csv` file, or of an `.xlsx` workbook the first sheet whose
//! header row names the 单位名称 column (a register often sits behind a cover or notes sheet).
//! When no sheet does, the sheets looked at are named; of a workbook with several sheets, the
//! sheet read is named, and any other that names 单位名称 too, as it is not read.

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
    /// The workbook is one of the program's self-assessment forms.
    #[error("{}：{path}", super::unit_import::ImportError::ScoreForm)]
    ScoreForm {
        /// The file.
        path: PathBuf,
    },
}

/// A unit import file as read: its table and, for a workbook of several sheets, the sheet it
/// came from and the other sheets that name 单位名称 too (not read).
#[derive(Debug, Clone)]
pub struct UnitFile {
    /// The units' table.
    pub table: Table,
    /// The sheet read, when the workbook has more than one.
    pub sheet: Option<String>,
    /// Other sheets with a 单位名称 column, left unread.
    pub unread: Vec<String>,
    /// True when the sheet read is one the workbook hides (no visible sheet names 单位名称).
    pub is_hidden: bool,
}

impl UnitFile {
    /// Where the table came from in words, for the preview: "工作表“名册”", with the sheets left
    /// unread named; None for a CSV file or a workbook of one sheet.
    #[must_use]
    pub fn source(&self) -> Option<String> {
        let sheet = self.sheet.as_ref()?;
        let hidden = if self.is_hidden {
            "（隐藏的工作表）"
        } else {
            ""
        };
        if self.unread.is_empty() {
            return Some(format!("读取工作表“{sheet}”{hidden}"));
        }
        let unread: Vec<String> = self.unread.iter().map(|s| format!("“{s}”")).collect();
        Some(format!(
            "读取工作表“{sheet}”{hidden}；工作表{}也有“单位名称”列，本次没有读取（需要时请另存为单独的文件再导入）",
            unread.join("、")
        ))
    }
}

/// The table of units in `path`; see [`read_unit_file`].
pub fn read_unit_table(path: &Path) -> Result<Table, UnitFileError> {
    read_unit_file(path).map(|file| file.table)
}

/// What is said of a unit file `path` with a header row and no units under it.
#[must_use]
pub fn header_only_message(path: &Path) -> String {
    format!(
        "文件中只有表头，没有单位：{}（每个单位占一行，写在表头下面）",
        path.display()
    )
}

/// The units in `path`: the `.csv` file, or the first sheet of the workbook whose header row
/// (or a row just below a title) names the 单位名称 column.
pub fn read_unit_file(path: &Path) -> Result<UnitFile, UnitFileError> {
    let is_csv = path
        .extension()
        .is_some_and(|extension| extension.eq_ignore_ascii_case("csv"));
    let sheets = read_sheets(path)?;
    if is_csv {
        // One table: what is wrong with its header is said by the preview.
        let table = sheets.into_iter().find_map(|sheet| sheet.table);
        return table
            .map(|table| UnitFile {
                table,
                sheet: None,
                unread: Vec::new(),
                is_hidden: false,
            })
            .ok_or_else(|| {
                TableError::NoHeader {
                    path: path.to_owned(),
                }
                .into()
            });
    }
    let several = sheets.len() > 1;
    // A visible register is read before a hidden one (an old copy kept out of sight).
    let mut sheets = sheets;
    sheets.sort_by_key(|sheet| sheet.is_hidden);
    let mut looked_at = Vec::with_capacity(sheets.len());
    let mut found: Option<UnitFile> = None;
    let mut is_form = false;
    for sheet in sheets {
        is_form |= (sheet.table.as_ref()).is_some_and(super::unit_import::is_score_form);
        match (sheet.table, &mut found) {
            (Some(table), None) if super::unit_import::names_units(&table) => {
                found = Some(UnitFile {
                    table,
                    sheet: several.then_some(sheet.name),
                    unread: Vec::new(),
                    is_hidden: sheet.is_hidden,
                });
            }
            (Some(table), Some(file)) if super::unit_import::names_units(&table) => {
                file.unread.push(sheet.name);
            }
            (Some(_), _) => looked_at.push(format!("“{}”", sheet.name)),
            (None, _) => looked_at.push(format!("“{}”（空白）", sheet.name)),
        }
    }
    if let Some(file) = found {
        return Ok(file);
    }
    if is_form {
        return Err(UnitFileError::ScoreForm {
            path: path.to_owned(),
        });
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
