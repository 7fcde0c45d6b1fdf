//! Reads the first sheet of an `.xlsx` file (or every sheet, see [`read_sheets`]), or a
//! `.csv` file, into rows of exact strings.
//!
//! Every cell is converted on its own, so a column that mixes numbers, dates and text loses
//! nothing: integers print without a decimal point, decimals print their shortest form at
//! Excel's 15 significant digits, dates print as "2025-03-05" and booleans as "是"/"否".
//! CSV files may be UTF-8 (with or without a BOM) or GBK/GB18030, as Excel in China saves them.

use std::path::{Path, PathBuf};

use calamine::{Data, ExcelDateTime, Reader as _, Xlsx, XlsxError, open_workbook};

mod formulas;
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
        Some("csv") if is_zip(path) => Ok(Kind::Xlsx),
        Some("csv") => Ok(Kind::Csv),
        _ => Err(TableError::Unsupported {
            path: path.to_owned(),
        }),
    }
}

/// True when the file starts as a zip archive does, as every `.xlsx` workbook does.
fn is_zip(path: &Path) -> bool {
    start_of(path).is_some_and(|start| start.starts_with(b"PK\x03\x04"))
}

/// The first bytes of the file (up to 512), when it can be read.
fn start_of(path: &Path) -> Option<Vec<u8>> {
    let file = std::fs::File::open(path).ok()?;
    let mut start = Vec::with_capacity(512);
    std::io::Read::read_to_end(&mut std::io::Read::take(file, 512), &mut start).ok()?;
    Some(start)
}

/// True for the start of a text file (a .csv under another name): neither a zip nor an old
/// workbook, and without the NUL bytes binary files have.
fn is_text(start: &[u8]) -> bool {
    !start.is_empty() && !start.starts_with(b"PK") && !start.contains(&0)
}

/// Why a file named `.xlsx` is not read as a workbook, as a clerk can act on it: empty, an
/// old `.xls` renamed, or else damaged or of another kind.
#[must_use]
pub fn unreadable_workbook(path: &Path) -> &'static str {
    match start_of(path) {
        Some(start) if start.is_empty() => {
            "文件是空的（0 字节），可能没有保存完整：请重新保存，或向对方重新要一份"
        }
        Some(start) if is_text(&start) => {
            "这是文本文件（如 .csv），只是扩展名改成了 .xlsx，不是 Excel 工作簿：请把扩展名改回原来的，或在 Excel 中打开后另存为 .xlsx"
        }
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

fn read_csv(path: &Path) -> Result<Vec<TableRow>, TableError> {
    let bytes = std::fs::read(path).map_err(|error| TableError::Read {
        reason: crate::io::files::reason(&error),
        path: path.to_owned(),
    })?;
    let text = decode_csv(&bytes).ok_or_else(|| TableError::Encoding {
        path: path.to_owned(),
    })?;
    // Excel's "Unicode 文本" is UTF-16 with tabs between the cells, not commas.
    let first_line = text.lines().next().unwrap_or_default();
    if is_utf16(&bytes) && first_line.contains('\t') && !first_line.contains(',') {
        return Err(TableError::Read {
            reason: "这是制表符分隔的“Unicode 文本”，不是逗号分隔的 CSV：请在 Excel 或 WPS 中另存为“CSV UTF-8（逗号分隔）”或 .xlsx 后再导入".to_owned(),
            path: path.to_owned(),
        });
    }
    let rows = parse_csv(&text).map_err(|error| TableError::Read {
        reason: format!("CSV 格式有误：{error}"),
        path: path.to_owned(),
    })?;
    // The csv crate reads an unclosed quote as a cell running to the end of the file; say so
    // rather than report that cell's line breaks or missing columns.
    if ends_inside_quote(&text) {
        let row = rows.last().map_or(1, |row| row.number);
        return Err(TableError::Read {
            reason: format!(
                "CSV 格式有误：第 {row} 行有一个引号没有配对，从这里起到文件末尾都被读成了一格"
            ),
            path: path.to_owned(),
        });
    }
    Ok(rows)
}

/// True when the text ends inside a quoted cell: a `"` opened a cell and never closed it.
fn ends_inside_quote(text: &str) -> bool {
    let mut in_quote = false;
    let mut at_cell_start = true;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if in_quote {
            if c == '"' && chars.next_if_eq(&'"').is_none() {
                in_quote = false;
            }
            continue;
        }
        match c {
            '"' if at_cell_start => in_quote = true,
            ',' | '\n' | '\r' => {
                at_cell_start = true;
                continue;
            }
            _ => {}
        }
        at_cell_start = false;
    }
    in_quote
}

/// True when the bytes start with a UTF-16 byte-order mark.
fn is_utf16(bytes: &[u8]) -> bool {
    bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF")
}

/// Decodes CSV bytes: UTF-16 with its BOM (as Excel's "Unicode" saves), UTF-8 without its BOM,
/// or else GB18030 (a superset of GBK); Big5 (a traditional-Chinese Excel's CSV), whose bytes
/// mostly read as GB18030 too, but as nonsense, when it reads as Big5 and names a unit list's
/// columns there ("單位名稱", "單位") while the GB18030 reading names none.
#[must_use]
pub fn decode_csv(bytes: &[u8]) -> Option<String> {
    if is_utf16(bytes) {
        let (text, _, had_errors) = encoding_rs::UTF_16LE.decode(bytes);
        return (!had_errors).then(|| text.into_owned());
    }
    let without_bom = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Ok(text) = std::str::from_utf8(without_bom) {
        return Some(text.to_owned());
    }
    // Not UTF-8: the first bytes were no byte-order mark either (in GBK they read 锘…).
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    let names_units = |text: &str| {
        ["单位", "單位", "名称", "名稱"]
            .iter()
            .any(|w| text.contains(w))
    };
    if had_errors || !names_units(&text) {
        let (big5, big5_errors) = encoding_rs::BIG5.decode_without_bom_handling(bytes);
        if !big5_errors && names_units(&big5) {
            return Some(big5.into_owned());
        }
    }
    (!had_errors).then(|| text.into_owned())
}

/// Parses CSV text into rows numbered as a spreadsheet program shows them.
fn parse_csv(text: &str) -> Result<Vec<TableRow>, csv::Error> {
    // The csv crate skips a leading BOM itself but then reports byte positions after it, which
    // would miscount the blank lines before the first record; take it off here instead.
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    let mut number = 0;
    for record in reader.records() {
        let record = record?;
        let start = record
            .position()
            .map_or(0, |p| usize::try_from(p.byte()).unwrap_or(0));
        number += blank_lines_at(text, start) + 1;
        rows.push(TableRow {
            number,
            cells: record
                .iter()
                .map(|cell| text_formula_value(cell).to_owned())
                .collect(),
        });
    }
    Ok(rows)
}

/// The text of a cell written as an Excel text formula, `="0399-7654321"`, as programs
/// exporting CSV write numbers to keep their leading zeros: the value Excel shows; any other
/// cell as it is.
fn text_formula_value(cell: &str) -> &str {
    cell.trim()
        .strip_prefix("=\"")
        .and_then(|rest| rest.strip_suffix('"'))
        .filter(|inner| !inner.contains('"'))
        .unwrap_or(cell)
}

/// The blank lines the csv crate skipped before the record starting at `byte`; a spreadsheet
/// program shows each of them as a row.
fn blank_lines_at(text: &str, byte: usize) -> usize {
    let bytes = text.as_bytes();
    let mut previous = byte.checked_sub(1).and_then(|i| bytes.get(i)).copied();
    let mut count = 0;
    for &current in bytes.iter().skip(byte) {
        match current {
            b'\r' => count += 1,
            b'\n' if previous != Some(b'\r') => count += 1,
            b'\n' => {}
            _ => break,
        }
        previous = Some(current);
    }
    count
}

/// The exact text of one spreadsheet cell.
#[must_use]
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(value) => value.to_string(),
        Data::Float(value) => number_text(*value),
        Data::Bool(value) => if *value { "是" } else { "否" }.to_owned(),
        Data::DateTime(value) => datetime_text(value),
        Data::DateTimeIso(text) => text
            .strip_suffix("T00:00:00")
            .unwrap_or(text)
            .replacen('T', " ", 1),
        Data::Error(error) => error.to_string(),
    }
}

/// A number as Excel shows it in General format: integers without a decimal point, decimals
/// in their shortest form at 15 significant digits (so 19.99 never prints as 19.989999…).
#[must_use]
pub fn number_text(value: f64) -> String {
    if value == 0.0 {
        return "0".to_owned();
    }
    if !value.is_finite() || value.fract() == 0.0 {
        return value.to_string();
    }
    let rounded: f64 = format!("{value:.14e}").parse().unwrap_or(value);
    rounded.to_string()
}

/// A date as "2025-03-05", a date with a time as "2025-03-05 08:30:00", a time as "08:30:00".
fn datetime_text(value: &ExcelDateTime) -> String {
    if value.is_duration() {
        let total_seconds = (value.as_f64() * 86_400.0).round();
        let hours = (total_seconds / 3600.0).trunc();
        let minutes = ((total_seconds - hours * 3600.0) / 60.0).trunc();
        let seconds = total_seconds - hours * 3600.0 - minutes * 60.0;
        return format!("{hours}:{minutes:02}:{seconds:02}");
    }
    let (year, month, day, hour, minute, second, _) = value.to_ymd_hms_milli();
    let date = format!("{year:04}-{month:02}-{day:02}");
    let time = format!("{hour:02}:{minute:02}:{second:02}");
    if value.as_f64() < 1.0 {
        time
    } else if (hour, minute, second) == (0, 0, 0) {
        date
    } else {
        format!("{date} {time}")
    }
}

#[cfg(test)]
mod tests {
    use calamine::{CellErrorType, ExcelDateTimeType};

    use super::*;

    fn date(serial: f64) -> Data {
        Data::DateTime(ExcelDateTime::new(
            serial,
            ExcelDateTimeType::DateTime,
            false,
        ))
    }

    #[test]
    fn excel_text_formulas_in_a_csv_read_as_their_text() {
        let rows = parse_csv(
            "单位名称,联系电话\n甲镇,=\"0399-7654321\"\n乙镇,\"=\"\"007\"\"\"\n丙镇,=A1\n",
        )
        .unwrap();
        let phones: Vec<&str> = rows.iter().skip(1).map(|r| r.cells[1].as_str()).collect();
        assert_eq!(phones, ["0399-7654321", "007", "=A1"]);
    }

    #[test]
    fn numbers_print_exactly() {
        assert_eq!(cell_text(&Data::Float(13_800_000_000.0)), "13800000000");
        assert_eq!(cell_text(&Data::Float(12.0)), "12");
        assert_eq!(cell_text(&Data::Float(-3.0)), "-3");
        assert_eq!(cell_text(&Data::Float(-0.0)), "0");
        assert_eq!(cell_text(&Data::Float(19.99)), "19.99");
        assert_eq!(cell_text(&Data::Float(0.1 + 0.2)), "0.3");
        assert_eq!(cell_text(&Data::Float(19.99 - 1e-14)), "19.99");
        assert_eq!(cell_text(&Data::Float(0.000_125)), "0.000125");
        assert_eq!(cell_text(&Data::Int(13_800_000_000)), "13800000000");
    }

    #[test]
    fn dates_booleans_and_others_print_as_a_clerk_reads_them() {
        assert_eq!(cell_text(&date(45_721.0)), "2025-03-05");
        assert_eq!(cell_text(&date(45_721.5)), "2025-03-05 12:00:00");
        assert_eq!(cell_text(&date(0.25)), "06:00:00");
        let duration = ExcelDateTime::new(1.5, ExcelDateTimeType::TimeDelta, false);
        assert_eq!(cell_text(&Data::DateTime(duration)), "36:00:00");
        assert_eq!(
            cell_text(&Data::DateTimeIso("2025-03-05T00:00:00".into())),
            "2025-03-05"
        );
        assert_eq!(cell_text(&Data::Bool(true)), "是");
        assert_eq!(cell_text(&Data::Bool(false)), "否");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(cell_text(&Data::String(" 城关 ".into())), " 城关 ");
        assert_eq!(cell_text(&Data::Error(CellErrorType::NA)), "#N/A");
    }

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
        assert!(
            reason("名单.xlsx", "单位名称,简称\n".as_bytes())
                .starts_with("这是文本文件（如 .csv），只是扩展名改成了 .xlsx")
        );
    }

    #[test]
    fn an_unclosed_quote_is_found_and_closed_ones_are_not() {
        assert!(ends_inside_quote(
            "名称,简称\n\"示例市测试局,测试局\n乙,乙\n"
        ));
        assert!(ends_inside_quote("名称\n\"甲\"\"乙\n"));
        assert!(!ends_inside_quote(
            "名称,备注\n甲,\"两\n行\"\n乙,\"说\"\"好\"\"\"\n"
        ));
        // A quote inside a cell is a character, not an opening.
        assert!(!ends_inside_quote("名称\n5\"屏,乙\n"));
    }

    #[test]
    fn csv_decodes_utf8_with_bom_and_gbk() {
        assert_eq!(
            decode_csv("\u{feff}单位名称".as_bytes()).as_deref(),
            Some("单位名称")
        );
        let (gbk, _, _) = encoding_rs::GBK.encode("单位名称,联系电话");
        assert_eq!(decode_csv(&gbk).as_deref(), Some("单位名称,联系电话"));
        // In GBK, 锘 is EF BB and 俊 starts with BF: the same bytes as a UTF-8 BOM.
        let (gbk, _, _) = encoding_rs::GBK.encode("锘俊,联系电话");
        assert!(gbk.starts_with(b"\xEF\xBB\xBF"));
        assert_eq!(decode_csv(&gbk).as_deref(), Some("锘俊,联系电话"));
        // A traditional-Chinese Excel's CSV reads as Big5, its headers legible in the message.
        let (big5, _, _) = encoding_rs::BIG5.encode("單位名稱,簡稱\n測試局,測試\n");
        assert_eq!(
            decode_csv(&big5).as_deref(),
            Some("單位名稱,簡稱\n測試局,測試\n")
        );
    }

    #[test]
    fn csv_rows_keep_spreadsheet_numbers_across_blank_lines_and_quoted_breaks() {
        let rows = parse_csv("名称,备注\n\n甲,\"两\n行\"\n乙\n").unwrap();
        let numbers: Vec<_> = rows.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [1, 3, 4]);
        let crlf = parse_csv("\r\n名称\r\n甲\r\n\r\n\r\n乙\r\n丙\r\n").unwrap();
        let numbers: Vec<_> = crlf.iter().map(|r| r.number).collect();
        assert_eq!(numbers, [2, 3, 6, 7]);
        let after_bom = parse_csv("\u{feff}\n名称\n").unwrap();
        assert_eq!(
            after_bom[0].number, 2,
            "a line holding only a BOM is a blank row"
        );
        assert_eq!(rows[1].cells, ["甲", "两\n行"]);
        assert_eq!(rows[2].cells, ["乙"], "rows may be shorter than the header");
        let table = table_from_rows(rows).unwrap();
        assert_eq!(table.header, ["名称", "备注"]);
        assert_eq!(table.rows.len(), 2);
    }
}
