//! Files in and out: spreadsheet and CSV import (previews, then one transaction into the
//! store) and safe output files ([`files`], checked before any work by [`destination`]).
//!
//! [`table`] reads an `.xlsx` or `.csv` file into exact strings; [`unit_file`] finds the sheet
//! holding the units; [`unit_import`] turns its rows into a preview of additions, changes and
//! rejected rows, and applies it; `unit_columns` finds the unit columns by their Chinese
//! headers. [`score_forms`] writes one self-assessment form per agreement and imports the
//! filled forms, all or nothing. [`score_summary`] writes a year's 考核得分汇总表: one sheet per
//! category plus every indicator score.

pub mod destination;
mod extra_cells;
pub mod files;
mod import_notes;
pub mod score_forms;
pub mod score_summary;
mod short_name_clash;
pub mod table;
mod unit_columns;
pub mod unit_file;
pub mod unit_import;

/// The typeface of the workbooks we write: Chinese offices' Excel and WPS have 宋体, and a
/// sheet left in Excel's default (Calibri) draws its Chinese in a fallback face.
pub(crate) const SHEET_FONT: &str = "宋体";

/// A cell format in [`SHEET_FONT`], where every format of our workbooks starts.
pub(crate) fn sheet_format() -> rust_xlsxwriter::Format {
    rust_xlsxwriter::Format::new().set_font_name(SHEET_FONT)
}

pub use extra_cells::ExtraCells;
pub use score_summary::{SummaryError, summary_bytes, summary_file_name, write_summary};
pub use table::{SheetTable, Table, TableError, TableRow, read_sheets, read_table};
pub use unit_columns::{expected_columns, known_headers};
pub use unit_file::{UnitFile, UnitFileError, read_unit_file, read_unit_table};
pub use unit_import::{
    FieldDifference, ImportChange, ImportError, ImportPreview, ImportRow, ImportSummary,
    RejectedRow, apply, preview,
};
