//! The spreadsheet reader: random cells written as CSV (UTF-8, UTF-8 with a BOM, GBK) and as
//! `.xlsx` read back exactly, and any bytes under any name are read or refused in Chinese;
//! whatever is read is previewed as a unit import.

use std::path::Path;
use std::sync::LazyLock;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::{Index, select};
use rust_xlsxwriter::Workbook;
use zerenshu::demo::CATEGORIES;
use zerenshu::io::table::{is_blank, number_text};
use zerenshu::io::{Table, TableError, TableRow, read_table};
use zerenshu::model::UnitKind;

use super::unit_import::{DEMO, HEADERS, check_preview};
use super::{config, is_chinese_message, long_text, odd_char, odd_text, text_of};

/// The UTF-8 byte order mark.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// How a CSV file is encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum CsvEncoding {
    Utf8,
    Utf8WithBom,
    Gbk,
}

/// Whether GBK can encode `c`.
fn is_gbk(c: char) -> bool {
    let mut buffer = [0; 4];
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(c.encode_utf8(&mut buffer));
    // A few private-use characters encode to bytes that read back as another character
    // (U+E78D is written A6 D9, which GB 18030-2022 reads as U+FE10): a GBK file cannot hold
    // them as themselves.
    !unmappable
        && encoding_rs::GBK
            .decode_without_bom_handling(&bytes)
            .0
            .chars()
            .eq([c])
}

/// `text` with every character GBK cannot encode replaced by 字.
pub(super) fn to_gbk(text: &str) -> String {
    text.chars()
        .map(|c| if is_gbk(c) { c } else { '字' })
        .collect()
}

/// `records` as the bytes of a CSV file, quoted as needed.
pub(super) fn csv_bytes(records: &[Vec<String>], encoding: CsvEncoding) -> Vec<u8> {
    let mut writer = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    for record in records {
        writer.write_record(record).unwrap();
    }
    let text = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    match encoding {
        CsvEncoding::Utf8 => text.into_bytes(),
        CsvEncoding::Utf8WithBom => [BOM, text.as_bytes()].concat(),
        CsvEncoding::Gbk => {
            let (bytes, _, has_unmappable) = encoding_rs::GBK.encode(&text);
            assert!(!has_unmappable, "{text:?} is not GBK");
            bytes.into_owned()
        }
    }
}

/// A cell of a spreadsheet as written.
#[derive(Debug, Clone)]
pub(super) enum Cell {
    Text(String),
    Number(f64),
}

impl Cell {
    /// The text the reader must give for the cell.
    fn shown(&self) -> String {
        match self {
            Self::Text(text) => text.clone(),
            Self::Number(value) => number_text(*value),
        }
    }
}

/// `rows` written to an `.xlsx` file from cell A1; empty text cells are left unwritten.
pub(super) fn write_xlsx(path: &Path, rows: &[Vec<Cell>]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (row, cells) in (0_u32..).zip(rows) {
        for (column, cell) in (0_u16..).zip(cells) {
            match cell {
                Cell::Text(text) if text.is_empty() => {}
                Cell::Text(text) => {
                    sheet.write_string(row, column, text).unwrap();
                }
                Cell::Number(value) => {
                    sheet.write_number(row, column, *value).unwrap();
                }
            }
        }
    }
    workbook.save(path).unwrap();
}

/// The table a spreadsheet program shows for `records` (record `i` on row `i + 1`): the first
/// non-blank record is the header, blank records are skipped; `None` if all are blank.
fn expected_table(records: &[Vec<String>]) -> Option<Table> {
    let mut rows = (1..)
        .zip(records)
        .filter(|(_, cells)| !is_blank(cells))
        .map(|(number, cells)| TableRow {
            number,
            cells: cells.clone(),
        });
    let header = rows.next()?;
    Some(Table {
        header: header.cells,
        header_row_number: header.number,
        rows: rows.collect(),
    })
}

/// A cell of a random grid: empty, blank, a word the importer knows, odd text, or rarely
/// 10,000 characters.
fn grid_cell() -> impl Strategy<Value = String> {
    let words: Vec<&'static str> = HEADERS
        .into_iter()
        .chain(CATEGORIES)
        .chain(UnitKind::ALL.map(UnitKind::label))
        .chain(["城关街道办事处", "9223372036854775807", "1.5", "=1+1"])
        .collect();
    prop_oneof![
        12 => Just(String::new()),
        4 => select(vec![" ", "\u{3000}", "\t", "\r\n"]).prop_map(str::to_owned),
        8 => select(words).prop_map(str::to_owned),
        24 => text_of(odd_char(), 1..12),
        1 => long_text(),
    ]
}

/// Writes `bytes` to a file called `name` in a new temporary folder and reads it as a table.
fn read_bytes(name: &str, bytes: &[u8]) -> Result<Table, TableError> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(name);
    std::fs::write(&path, bytes).unwrap();
    read_table(&path)
}

/// A small valid workbook, to be damaged.
static WORKBOOK: LazyLock<Vec<u8>> = LazyLock::new(|| {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, header) in (0_u16..).zip(HEADERS) {
        sheet.write_string(0, column, header).unwrap();
    }
    sheet.write_string(1, 0, "滨河街道办事处").unwrap();
    sheet.write_string(1, 2, "街道").unwrap();
    sheet.write_string(1, 3, "镇街").unwrap();
    sheet.write_number(1, 8, 12.0).unwrap();
    workbook.save_to_buffer().unwrap()
});

/// Bytes for a file: random, the small workbook cut short or with bytes overwritten, or text.
fn file_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => vec(any::<u8>(), 0..600),
        3 => (
            proptest::option::of(any::<Index>()),
            vec((any::<Index>(), any::<u8>()), 0..6),
        )
            .prop_map(|(cut, overwrites)| {
                let mut bytes = WORKBOOK.clone();
                for (at, byte) in overwrites {
                    let at = at.index(bytes.len());
                    bytes[at] = byte;
                }
                if let Some(cut) = cut {
                    bytes.truncate(cut.index(bytes.len()));
                }
                bytes
            }),
        2 => odd_text().prop_map(String::into_bytes),
        1 => odd_text().prop_map(|text| encoding_rs::GBK.encode(&text).0.into_owned()),
    ]
}

proptest! {
    #![proptest_config(config(512))]

    /// Random cells written as CSV in UTF-8 (with and without a BOM) and GBK read back exactly,
    /// with the row numbers a spreadsheet program shows; an all-blank file is refused in
    /// Chinese; whatever is read previews without panic.
    #[test]
    fn csv_cells_read_back_exactly(
        records in vec(vec(grid_cell(), 1..6), 0..8),
        encoding in select(vec![CsvEncoding::Utf8, CsvEncoding::Utf8WithBom, CsvEncoding::Gbk]),
    ) {
        let mut records = records;
        if encoding == CsvEncoding::Gbk {
            for cell in records.iter_mut().flatten() {
                cell.retain(is_gbk);
            }
        }
        let bytes = csv_bytes(&records, encoding);
        // Up to three U+FEFF at the very start of a file are taken as byte order marks, the
        // file's own included: `decode_csv` drops one from the bytes, `parse_csv` one from the
        // text and the csv crate a third. Only an unquoted first cell can put one there.
        let own_bom = usize::from(encoding == CsvEncoding::Utf8WithBom);
        if bytes[3 * own_bom..].starts_with(BOM) {
            for _ in own_bom..3 {
                if let Some(rest) = records[0][0].strip_prefix('\u{FEFF}') {
                    records[0][0] = rest.to_owned();
                }
            }
        }
        let read = read_bytes("cells.csv", &bytes);
        // GBK bytes that also happen to be valid UTF-8 are read as UTF-8: decode_csv cannot
        // tell them apart, so such a file only has to be read without panic (or refused in
        // Chinese). A file that has the header 单位名称 in GBK is never valid UTF-8.
        let is_ambiguous = encoding == CsvEncoding::Gbk
            && !bytes.is_ascii()
            && std::str::from_utf8(&bytes).is_ok();
        match (read, expected_table(&records)) {
            (Ok(table), _) if is_ambiguous => {
                check_preview(&table, &DEMO.0, &DEMO.1)?;
            }
            // Read as UTF-8, such bytes may be only blanks or control characters (聟 is C2 85
            // in GBK, a next-line control in UTF-8): refused in Chinese then.
            (Err(error), _) if is_ambiguous => {
                prop_assert!(is_chinese_message(&error.to_string()), "{error}");
            }
            (Ok(table), Some(expected)) => {
                prop_assert_eq!(&table, &expected);
                check_preview(&table, &DEMO.0, &DEMO.1)?;
            }
            // No record, no byte: the file is said to be empty.
            (Err(error @ TableError::Read { .. }), None) if bytes.is_empty() => {
                prop_assert!(error.to_string().contains("文件是空的（0 字节）"), "{error}");
            }
            (Err(error @ TableError::NoHeader { .. }), None) => {
                prop_assert!(is_chinese_message(&error.to_string()), "{error}");
            }
            (read, expected) => prop_assert!(false, "read {read:?}, expected {expected:?}"),
        }
    }

    /// Random cells (text and numbers) written to an `.xlsx` file read back exactly, from the
    /// first column with anything in it, with spreadsheet row numbers.
    #[test]
    fn xlsx_cells_read_back_exactly(
        rows in vec(
            vec(
                prop_oneof![
                    4 => grid_cell().prop_map(Cell::Text),
                    1 => prop_oneof![
                        -1e9_f64..1e9,
                        (-1000_i32..1000).prop_map(f64::from),
                        select(vec![0.0, -0.0, 19.99, 0.1 + 0.2, 1e15, 13_800_000_000.0, 1e-7]),
                    ]
                    .prop_map(Cell::Number),
                ],
                1..6,
            ),
            0..8,
        ),
    ) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("cells.xlsx");
        write_xlsx(&path, &rows);
        let shown: Vec<Vec<String>> =
            rows.iter().map(|row| row.iter().map(Cell::shown).collect()).collect();
        // The sheet starts at the first column that has a cell; trailing empty cells vanish.
        let first_column = (shown.iter())
            .filter_map(|row| row.iter().position(|cell| !cell.is_empty()))
            .min()
            .unwrap_or(0);
        let trim_end = |cells: &[String]| -> Vec<String> {
            let length = cells.iter().rposition(|cell| !cell.is_empty()).map_or(0, |i| i + 1);
            cells[..length].to_vec()
        };
        let records: Vec<Vec<String>> = (shown.iter())
            .map(|row| trim_end(row.get(first_column..).unwrap_or_default()))
            .collect();
        match (read_table(&path), expected_table(&records)) {
            (Ok(mut table), Some(expected)) => {
                table.header = trim_end(&table.header);
                for row in &mut table.rows {
                    row.cells = trim_end(&row.cells);
                }
                prop_assert_eq!(&table, &expected);
                check_preview(&table, &DEMO.0, &DEMO.1)?;
            }
            (Err(error @ TableError::NoHeader { .. }), None) => {
                prop_assert!(is_chinese_message(&error.to_string()), "{error}");
            }
            (read, expected) => prop_assert!(false, "read {read:?}, expected {expected:?}"),
        }
    }

    /// Any bytes under any name are read, and previewed, or refused with a Chinese message.
    #[test]
    fn any_file_is_read_or_refused_in_chinese(
        bytes in file_bytes(),
        name in select(vec!["a.csv", "a.CSV", "a.xlsx", "a.XLSX", "a.xls", "a.txt", "a", ".csv"]),
    ) {
        match read_bytes(name, &bytes) {
            Ok(table) => {
                check_preview(&table, &DEMO.0, &DEMO.1)?;
            }
            Err(error) => prop_assert!(is_chinese_message(&error.to_string()), "{error}"),
        }
    }
}
