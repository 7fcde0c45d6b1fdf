//! Reads the first sheet of an `.xlsx` file (or every sheet, see [`read_sheets`]), or a
//! `.csv` file, into rows of exact strings.
//!
//! Every cell is converted on its own, so a column that mixes numbers, dates and text loses
//! nothing: integers print without a decimal point, decimals print their shortest form at
//! Excel's 15 significant digits, dates print as "2025-03-05" and booleans as "TRUE"/"FALSE".
//! CSV files may be UTF-8 (with or without a BOM) or GBK/GB18030, as Excel in China saves them.

use std::path::{Path, PathBuf};

use calamine::{Data, Reader as _, Xlsx, XlsxError, open_workbook};

mod cell;
mod csv_text;
mod formulas;
pub use cell::{cell_text, is_formula_error, number_text};
pub use csv_text::decode_csv;
use csv_text::read_csv;
use formulas::mark_unresolved_formulas;
pub use formulas::unresolved_formula;

/// A spreadsheet read into strings: the header row and the non-empty rows below it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Table {
    /// The cells of the header row, the first row with any non-blank cell.
    pub header: Vec<String>,
    /// The spreadsheet row number of the header row, counting from 1.
    pub header_row_number: usize,
    /// The rows below the header that have at least one non-blank cell.
    pub rows: Vec<TableRow>,
}

/// One row of a spreadsheet below the header.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TableRow {
    /// The row number as the spreadsheet program shows it, counting from 1.
    pub number: usize,
    /// The cells, left to right, in the same columns as [`Table::header`].
    pub cells: Vec<String>,
}

/// Errors of reading a spreadsheet, worded for a clerk.
#[derive(Debug, thiserror::Error)]
pub enum TableError {
    /// No file is at the path.
    #[error("文件不存在：{path}")]
    Missing {
        /// The path given.
        path: PathBuf,
    },
    /// The file is neither `.xlsx` nor `.csv`.
    #[error(
        "不支持的文件类型，请使用 .xlsx 或 .csv（.xls 等旧格式请先在 Excel 或 WPS 中另存为 .xlsx）：{path}"
    )]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// The file could not be opened or parsed.
    #[error("无法读取文件（{reason}）：{path}")]
    Read {
        /// What went wrong.
        reason: String,
        /// The file.
        path: PathBuf,
    },
    /// A CSV file is neither UTF-8 nor GBK/GB18030.
    #[error("无法识别文件编码，请另存为 UTF-8 或 GBK 编码的 CSV：{path}")]
    Encoding {
        /// The file.
        path: PathBuf,
    },
    /// Every row of the file (or its first sheet) is blank.
    #[error("文件中没有表头行：{path}")]
    NoHeader {
        /// The file.
        path: PathBuf,
    },
}

/// The kinds of file read, chosen by extension.
enum Kind {
    Xlsx,
    Csv,
}

/// The kind of a file that exists and is not a folder, or why it cannot be read.
fn kind_of(path: &Path) -> Result<Kind, TableError> {
    // Said in words before the system's own (English) message would be.
    if !path.exists() {
        return Err(TableError::Missing {
            path: path.to_owned(),
        });
    }
    // A folder named "单位.xlsx" would otherwise be called a damaged workbook.
    if path.is_dir() {
        return Err(TableError::Read {
            reason: crate::io::files::reason(&std::io::Error::from(
                std::io::ErrorKind::IsADirectory,
            )),
            path: path.to_owned(),
        });
    }
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("xlsx") => Ok(Kind::Xlsx),
        // A workbook renamed to .csv (a zip, as every .xlsx is) is read as the workbook it is.
        Some("csv") if is_zip_workbook(path) => Ok(Kind::Xlsx),
        Some("csv") => Ok(Kind::Csv),
        // An old workbook's extension on a workbook (a zip) is read as one; on a text file (a
        // .csv renamed), said as what it is.
        other @ Some("xls" | "et") => match start_of(path) {
            Some(start) if start.starts_with(b"PK\x03\x04") => Ok(Kind::Xlsx),
            Some(start) if is_text(&start) => Err(TableError::Read {
                reason: format!(
                    "这是文本文件（如 .csv），扩展名却是 .{}：请把扩展名改为 .csv 后再导入",
                    other.unwrap_or_default()
                ),
                path: path.to_owned(),
            }),
            _ => Err(TableError::Unsupported {
                path: path.to_owned(),
            }),
        },
        _ => Err(TableError::Unsupported {
            path: path.to_owned(),
        }),
    }
}

/// True when the file starts as a zip archive does, as every `.xlsx` workbook does (whatever
/// its name says).
#[must_use]
pub fn is_zip_workbook(path: &Path) -> bool {
    start_of(path).is_some_and(|start| start.starts_with(b"PK\x03\x04"))
}

/// True when the file at `path` reads as a text table (a CSV saved under an .xls name, say):
/// not empty, no zip, no zero bytes, as the reader tells text, and not begun as an old
/// binary workbook is.
#[must_use]
pub fn is_text_table(path: &Path) -> bool {
    start_of(path).is_some_and(|start| is_text(&start) && !start.starts_with(b"\xD0\xCF\x11\xE0"))
}

/// The first bytes of the file (up to 512), when it can be read.
fn start_of(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let mut start = Vec::with_capacity(512);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, 512), &mut start).ok()?;
    Some(start)
}

/// True when `said` ([`unreadable_workbook`]) is of a text file under a workbook's name.
#[must_use]
pub fn is_text_said(said: &str) -> bool {
    said == TEXT_AS_XLSX
}

/// Said of a text file (.csv) renamed .xlsx.
const TEXT_AS_XLSX: &str = "这是文本文件（如 .csv），只是扩展名改成了 .xlsx，不是 Excel 工作簿：请把扩展名改回原来的，或在 Excel 中打开后另存为 .xlsx";

/// True for the start of a text file (a .csv under another name): neither a zip nor an old
/// workbook, and without the NUL bytes binary files have.
fn is_text(start: &[u8]) -> bool {
    !start.is_empty() && !start.starts_with(b"PK") && !start.contains(&0)
}

/// What is said of a file of 0 bytes, a workbook or a CSV file.
const EMPTY_FILE: &str = "文件是空的（0 字节），可能没有保存完整：请重新保存，或向对方重新要一份";

/// Why a file named `.xlsx` is not read as a workbook, as a clerk can act on it: empty, an
/// old `.xls` renamed, or else damaged or of another kind.
#[must_use]
pub fn unreadable_workbook(path: &Path) -> &'static str {
    match start_of(path) {
        Some(start) if start.is_empty() => EMPTY_FILE,
        // A scan or a picture of the table, not the table: said as what it is.
        Some(start)
            if start.starts_with(b"%PDF")
                || start.starts_with(b"\x89PNG")
                || start.starts_with(&[0xFF, 0xD8, 0xFF]) =>
        {
            "这是 PDF 或图片文件，只是扩展名改成了 .xlsx，不是 Excel 工作簿：请改用原来的 .xlsx 表格"
        }
        Some(start) if is_text(&start) => TEXT_AS_XLSX,
        Some(start) if start.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) => {
            "这是旧版 Excel（.xls）文件，只是扩展名改成了 .xlsx：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入"
        }
        _ => DAMAGED_XLSX,
    }
}

/// Runs `read`, calamine's reading of a workbook: a panic inside it (calamine overflows on
/// some damaged cell references, "AAAAAAAAA1") is a damaged file, said so, never a crash.
pub fn guarded<T>(read: impl FnOnce() -> Result<T, String>) -> Result<T, String> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read))
        .unwrap_or_else(|_| Err(DAMAGED_XLSX.to_owned()))
}

/// Said of a workbook that cannot be read.
const DAMAGED_XLSX: &str = "文件已损坏或不是 .xlsx 格式";

/// Like [`guarded`], for a reading that fails with a [`TableError`].
fn guarded_table<T>(
    path: &Path,
    read: impl FnOnce() -> Result<T, TableError>,
) -> Result<T, TableError> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(read)).unwrap_or_else(|_| {
        Err(TableError::Read {
            reason: DAMAGED_XLSX.to_owned(),
            path: path.to_owned(),
        })
    })
}

/// Reads a `.xlsx` (first sheet) or `.csv` file, chosen by its extension.
pub fn read_table(path: &Path) -> Result<Table, TableError> {
    let rows = match kind_of(path)? {
        Kind::Xlsx => guarded_table(path, || {
            let mut workbook = open_xlsx(path)?;
            sheet_rows(&mut workbook, 0, path)
        })?,
        Kind::Csv => read_csv(path)?,
    };
    table_from_rows(rows).ok_or_else(|| TableError::NoHeader {
        path: path.to_owned(),
    })
}

/// One sheet of a workbook read into a table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SheetTable {
    /// The sheet's name; empty for a `.csv` file.
    pub name: String,
    /// Its header and rows; `None` when every row is blank.
    pub table: Option<Table>,
    /// True for a sheet the workbook hides (an old copy kept out of sight, often).
    pub is_hidden: bool,
}

/// Reads every sheet of a `.xlsx` file in workbook order, or a `.csv` file as one unnamed sheet.
pub fn read_sheets(path: &Path) -> Result<Vec<SheetTable>, TableError> {
    match kind_of(path)? {
        Kind::Csv => Ok(vec![SheetTable {
            name: String::new(),
            table: table_from_rows(read_csv(path)?),
            is_hidden: false,
        }]),
        Kind::Xlsx => guarded_table(path, || {
            let mut workbook = open_xlsx(path)?;
            let metadata = workbook.sheets_metadata().to_vec();
            let mut sheets = Vec::with_capacity(metadata.len());
            for (index, sheet) in metadata.into_iter().enumerate() {
                let rows = sheet_rows(&mut workbook, index, path)?;
                sheets.push(SheetTable {
                    name: sheet.name,
                    table: table_from_rows(rows),
                    is_hidden: sheet.visible != calamine::SheetVisible::Visible,
                });
            }
            Ok(sheets)
        }),
    }
}

/// Splits numbered rows into the header (the first non-blank row) and the non-blank rows below.
fn table_from_rows(rows: Vec<TableRow>) -> Option<Table> {
    let mut rows = rows.into_iter().filter(|row| !is_blank(&row.cells));
    let header = rows.next()?;
    Some(Table {
        header: header.cells,
        header_row_number: header.number,
        rows: rows.collect(),
    })
}

/// Row numbers as a note says them: "第 4、5、18 至 30 行", runs of three or more joined.
#[must_use]
pub fn rows_said(numbers: &[usize]) -> String {
    let mut sorted = numbers.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let runs: Vec<String> = sorted
        .chunk_by(|a, b| a + 1 == *b)
        .flat_map(|run| match run {
            [first, .., last] if run.len() >= 3 => vec![format!("{first} 至 {last}")],
            _ => run.iter().map(ToString::to_string).collect(),
        })
        .collect();
    format!("第 {} 行", runs.join("、"))
}

/// True when every cell is empty or only spaces.
#[must_use]
pub fn is_blank(cells: &[String]) -> bool {
    cells.iter().all(|cell| cell.trim().is_empty())
}

/// A clerk's reason for a workbook that cannot be read.
fn xlsx_error(error: XlsxError, path: &Path) -> TableError {
    TableError::Read {
        reason: match error {
            XlsxError::Io(error) => crate::io::files::reason(&error),
            // A broken package, or parts missing inside it (calamine says so in English).
            _ => unreadable_workbook(path).to_owned(),
        },
        path: path.to_owned(),
    }
}

fn open_xlsx(path: &Path) -> Result<Xlsx<std::io::BufReader<std::fs::File>>, TableError> {
    open_workbook(path).map_err(|error| xlsx_error(error, path))
}

/// The numbered rows of the sheet at `index` (none for a workbook without sheets).
fn sheet_rows(
    workbook: &mut Xlsx<std::io::BufReader<std::fs::File>>,
    index: usize,
    path: &Path,
) -> Result<Vec<TableRow>, TableError> {
    let Some(range) = workbook.worksheet_range_at(index) else {
        return Ok(Vec::new());
    };
    let range = range.map_err(|error| xlsx_error(error, path))?;
    let first_row = range
        .start()
        .map_or(0, |(row, _)| usize::try_from(row).unwrap_or(0));
    let first_column = range
        .start()
        .map_or(0, |(_, column)| usize::try_from(column).unwrap_or(0));
    let mut rows: Vec<TableRow> = range
        .rows()
        .enumerate()
        .map(|(index, cells)| TableRow {
            number: first_row + index + 1,
            cells: cells.iter().map(cell_text).collect(),
        })
        .collect();
    // A value saved, even an empty text (what `=IF(A2="","",…)` leaves), is a result.
    let has_value = |row: usize, column: usize| {
        let at = (u32::try_from(row), u32::try_from(column));
        matches!(at, (Ok(row), Ok(column))
            if range.get_value((row, column)).is_some_and(|data| *data != Data::Empty))
    };
    mark_unresolved_formulas(workbook, index, first_column, &mut rows, has_value);
    let merged = workbook.merge_cells_by_sheet_id(index).unwrap_or_default();
    fill_merged_down(&mut rows, &merged, first_row, first_column);
    Ok(rows)
}

/// Gives each row of a cell merged down over several rows (a 考核类别 written once for a
/// group of units) the value the clerk sees beside it: the one held by its top cell. Cells
/// merged across columns are left blank; only the column a value sits in gets it.
fn fill_merged_down(
    rows: &mut [TableRow],
    merged: &[calamine::Dimensions],
    first_row: usize,
    first_column: usize,
) {
    let index = |at: u32, first: usize| usize::try_from(at).ok()?.checked_sub(first);
    for region in merged.iter().filter(|r| r.end.0 > r.start.0) {
        let (Some(top), Some(bottom), Some(column)) = (
            index(region.start.0, first_row),
            index(region.end.0, first_row),
            index(region.start.1, first_column),
        ) else {
            continue;
        };
        let Some(value) = (rows.get(top))
            .and_then(|row| row.cells.get(column))
            .cloned()
        else {
            continue;
        };
        for row in rows.iter_mut().take(bottom + 1).skip(top + 1) {
            if let Some(cell) = row.cells.get_mut(column)
                && cell.trim().is_empty()
            {
                cell.clone_from(&value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_panic_while_reading_a_workbook_is_a_damaged_file() {
        let read = || -> Result<(), String> { panic!("attempt to multiply with overflow") };
        assert_eq!(guarded(read), Err(DAMAGED_XLSX.to_owned()));
        assert_eq!(guarded(|| Ok(3)), Ok(3));
        let path = Path::new("表.xlsx");
        let refused = guarded_table(path, || -> Result<(), TableError> { panic!("overflow") });
        assert!(
            matches!(&refused, Err(TableError::Read { reason, .. }) if reason == DAMAGED_XLSX),
            "{refused:?}"
        );
    }

    /// A file named .xlsx that is not a workbook is said for what it is: empty, an old .xls
    /// renamed, a text table renamed.
    #[test]
    fn a_renamed_or_empty_workbook_is_said_for_what_it_is() {
        let dir = tempfile::tempdir().unwrap();
        let reason = |name: &str, bytes: &[u8]| {
            let path = dir.path().join(name);
            std::fs::write(&path, bytes).unwrap();
            match read_table(&path) {
                Err(TableError::Read { reason, .. }) => reason,
                other => panic!("{other:?}"),
            }
        };
        assert!(reason("空.xlsx", b"").starts_with("文件是空的（0 字节）"));
        let old = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0, 0];
        assert!(reason("旧.xlsx", &old).starts_with("这是旧版 Excel（.xls）文件"));
        assert_eq!(reason("坏.xlsx", b"PK\x03\x04broken"), DAMAGED_XLSX);
        for picture in [
            &b"\x89PNG\r\n\x1a\n\0\0"[..],
            b"%PDF-1.7\n",
            b"\xFF\xD8\xFF\xE0\0",
        ] {
            assert!(
                reason("扫描.xlsx", picture).starts_with("这是 PDF 或图片文件"),
                "{picture:?}"
            );
        }
        assert!(
            reason("名单.xlsx", "单位名称,简称\n".as_bytes())
                .starts_with("这是文本文件（如 .csv），只是扩展名改成了 .xlsx")
        );
        // Under an old workbook's extension, a text table is said as one too.
        assert_eq!(
            reason("名单.xls", "单位名称,简称\n".as_bytes()),
            "这是文本文件（如 .csv），扩展名却是 .xls：请把扩展名改为 .csv 后再导入"
        );
        // A real old workbook is refused with the way to save it anew.
        let path = dir.path().join("旧.xls");
        std::fs::write(&path, old).unwrap();
        assert!(matches!(
            read_table(&path),
            Err(TableError::Unsupported { .. })
        ));
    }
}
