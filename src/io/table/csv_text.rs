//! Reads a `.csv` file into rows numbered as a spreadsheet program shows them: UTF-8 (with or
//! without a BOM), UTF-16 as Excel's "Unicode" saves it, GBK/GB18030 as Excel in China saves
//! it, or Big5; an unclosed quote and a tab-separated file said for what they are.

use std::path::Path;

use super::{TableError, TableRow};

pub(super) fn read_csv(path: &Path) -> Result<Vec<TableRow>, TableError> {
    let bytes = std::fs::read(path).map_err(|error| TableError::Read {
        reason: crate::io::files::reason(&error),
        path: path.to_owned(),
    })?;
    if bytes.is_empty() {
        return Err(TableError::Read {
            reason: super::EMPTY_FILE.to_owned(),
            path: path.to_owned(),
        });
    }
    // A workbook, a scan or a picture renamed .csv: said for what it is, not as an encoding.
    let renamed = if bytes.starts_with(b"%PDF")
        || bytes.starts_with(b"\x89PNG")
        || bytes.starts_with(&[0xFF, 0xD8, 0xFF])
    {
        Some(
            "这是 PDF 或图片文件，只是扩展名改成了 .csv，不是表格：请改用原来的 .csv 或 .xlsx 表格",
        )
    } else if bytes.starts_with(b"PK\x03\x04") {
        Some("这是 Excel 工作簿（.xlsx），只是扩展名改成了 .csv：请把扩展名改回 .xlsx 后再导入")
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]) {
        Some(
            "这是旧版 Excel（.xls）文件，只是扩展名改成了 .csv：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再导入",
        )
    } else {
        None
    };
    if let Some(reason) = renamed {
        return Err(TableError::Read {
            reason: reason.to_owned(),
            path: path.to_owned(),
        });
    }
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

#[cfg(test)]
mod tests {
    use super::super::table_from_rows;
    use super::*;

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
    fn an_empty_csv_file_is_said_to_be_empty() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("名单.csv");
        std::fs::write(&path, b"").unwrap();
        match read_csv(&path) {
            Err(TableError::Read { reason, .. }) => {
                assert!(reason.starts_with("文件是空的（0 字节）"), "{reason}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_file_of_another_kind_renamed_csv_is_said_to_be_what_it_is() {
        let dir = tempfile::tempdir().unwrap();
        for (bytes, said) in [
            (
                &b"%PDF-1.7 ..."[..],
                "这是 PDF 或图片文件，只是扩展名改成了 .csv",
            ),
            (&b"\x89PNG\r\n\x1a\n..."[..], "这是 PDF 或图片文件"),
            (
                &b"PK\x03\x04..."[..],
                "这是 Excel 工作簿（.xlsx），只是扩展名改成了 .csv",
            ),
        ] {
            let path = dir.path().join("名单.csv");
            std::fs::write(&path, bytes).unwrap();
            match read_csv(&path) {
                Err(TableError::Read { reason, .. }) => {
                    assert!(reason.starts_with(said), "{reason}");
                }
                other => panic!("{other:?}"),
            }
        }
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
