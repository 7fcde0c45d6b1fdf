//! The exact text of one spreadsheet cell, as Excel shows it: integers without a decimal
//! point, decimals in their shortest form at 15 significant digits, dates as "2025-03-05",
//! booleans as "TRUE"/"FALSE" (as Excel and WPS show them, so that a message quoting one names
//! what the clerk sees in the cell).

use calamine::{Data, ExcelDateTime};

/// The exact text of one spreadsheet cell.
#[must_use]
pub fn cell_text(cell: &Data) -> String {
    match cell {
        Data::Empty => String::new(),
        Data::String(text) | Data::DurationIso(text) => text.clone(),
        Data::Int(value) => value.to_string(),
        Data::Float(value) => number_text(*value),
        Data::Bool(value) => if *value { "TRUE" } else { "FALSE" }.to_owned(),
        Data::DateTime(value) => datetime_text(value),
        Data::DateTimeIso(text) => text
            .strip_suffix("T00:00:00")
            .unwrap_or(text)
            .replacen('T', " ", 1),
        Data::Error(error) => error.to_string(),
    }
}

/// The texts Excel and WPS show in a cell whose formula went wrong (as [`cell_text`] gives
/// them).
const FORMULA_ERRORS: [&str; 8] = [
    "#DIV/0!", "#N/A", "#NAME?", "#NULL!", "#NUM!", "#REF!", "#VALUE!", "#DATA!",
];

/// True for a cell's text that is a formula's error ("#DIV/0!"), not something typed.
#[must_use]
pub fn is_formula_error(text: &str) -> bool {
    FORMULA_ERRORS.contains(&text.trim())
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
        assert_eq!(cell_text(&Data::Bool(true)), "TRUE");
        assert_eq!(cell_text(&Data::Bool(false)), "FALSE");
        assert_eq!(cell_text(&Data::Empty), "");
        assert_eq!(cell_text(&Data::String(" 城关 ".into())), " 城关 ");
        assert_eq!(cell_text(&Data::Error(CellErrorType::NA)), "#N/A");
        for error in [
            CellErrorType::Div0,
            CellErrorType::Value,
            CellErrorType::Ref,
            CellErrorType::GettingData,
        ] {
            assert!(is_formula_error(&cell_text(&Data::Error(error))));
        }
        assert!(!is_formula_error("5") && !is_formula_error("#3"));
    }
}
