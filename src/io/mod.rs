//! Files in and out: spreadsheet and CSV import (previews, then one transaction into the
//! store) and safe output files ([`files`], checked before any work by [`destination`]).
//!
//! [`table`] reads an `.xlsx` or `.csv` file into exact strings; [`unit_file`] finds the sheet
//! holding the units; [`unit_import`] turns its rows into a preview of additions, changes and
//! rejected rows, and applies it; `unit_columns` finds the unit columns by their Chinese
//! headers. [`score_forms`] writes one self-assessment form per agreement and imports the
//! filled forms, all or nothing. [`score_summary`] writes a year's 考核得分汇总表: one sheet per
//! category plus every indicator score. [`unit_export`] writes the units in use in the unit
//! import's columns, to be corrected in a spreadsheet and imported back.

pub mod destination;
mod extra_cells;
pub mod files;
mod import_notes;
mod register_index;
mod repeated_rows;
pub mod score_forms;
pub mod score_summary;
mod short_name_clash;
pub mod table;
mod unit_columns;
pub mod unit_export;
pub mod unit_file;
pub mod unit_import;

/// The typeface of the workbooks we write: Chinese offices' Excel and WPS have 宋体, and a
/// sheet left in Excel's default (Calibri) draws its Chinese in a fallback face.
pub(crate) const SHEET_FONT: &str = "宋体";

/// A cell format in [`SHEET_FONT`], where every format of our workbooks starts.
pub(crate) fn sheet_format() -> rust_xlsxwriter::Format {
    rust_xlsxwriter::Format::new().set_font_name(SHEET_FONT)
}

/// Most characters an Excel cell holds.
const CELL_MAX_CHARS: usize = 32_767;

/// What a cell shows of a free text (a note, a reason): the text, or for one past what a cell
/// holds its beginning and a word that the rest is left out, so that the workbook is still
/// written.
pub(crate) fn cell_text(text: &str) -> std::borrow::Cow<'_, str> {
    const LEFT_OUT: &str = "……（以下过长，表格中略去，全文见程序）";
    if text.char_indices().nth(CELL_MAX_CHARS).is_none() {
        return std::borrow::Cow::Borrowed(text);
    }
    let keep = CELL_MAX_CHARS - LEFT_OUT.chars().count();
    let end = text
        .char_indices()
        .nth(keep)
        .map_or(text.len(), |(at, _)| at);
    let mut shown = text.get(..end).unwrap_or_default().to_owned();
    shown.push_str(LEFT_OUT);
    std::borrow::Cow::Owned(shown)
}

pub use extra_cells::ExtraCells;
pub use score_summary::{SummaryError, summary_bytes, summary_file_name, write_summary};
pub use table::{SheetTable, Table, TableError, TableRow, read_sheets, read_table, rows_said};
pub use unit_columns::{expected_columns, headers_read, known_headers, not_imported_parts};
pub use unit_export::{UnitExportError, record_unit_list, units_file_name, write_units};
pub use unit_file::{UnitFile, UnitFileError, read_unit_file, read_unit_table};
pub use unit_import::{
    FieldDifference, ImportChange, ImportError, ImportPreview, ImportRow, ImportSummary,
    RejectedRow, apply, names_units, preview,
};

#[cfg(test)]
mod tests {
    use super::*;

    /// A text past what a cell holds is cut to fit with a word that the rest is left out;
    /// anything shorter is written as it is.
    #[test]
    fn a_text_too_long_for_a_cell_is_cut_to_fit() {
        assert_eq!(cell_text("整改到位"), "整改到位");
        let exact = "理".repeat(CELL_MAX_CHARS);
        assert_eq!(cell_text(&exact), exact.as_str());
        let long = "理".repeat(CELL_MAX_CHARS + 1);
        let shown = cell_text(&long);
        assert_eq!(shown.chars().count(), CELL_MAX_CHARS);
        assert!(
            shown.ends_with("全文见程序）"),
            "{}",
            &shown[shown.len() - 60..]
        );
    }
}
