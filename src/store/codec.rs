//! Conversions between domain values and SQLite values.

use rusqlite::types::{FromSql, FromSqlError, FromSqlResult, ToSql, ToSqlOutput, ValueRef};

use crate::model::Points;

impl ToSql for Points {
    fn to_sql(&self) -> rusqlite::Result<ToSqlOutput<'_>> {
        Ok(ToSqlOutput::from(self.0))
    }
}

impl FromSql for Points {
    fn column_result(value: ValueRef<'_>) -> FromSqlResult<Self> {
        i64::column_result(value).map(Points)
    }
}

/// Formats a date as stored: `2025-03-05`.
pub fn date_to_sql(date: Option<chrono::NaiveDate>) -> Option<String> {
    date.map(|d| d.format("%Y-%m-%d").to_string())
}

/// Parses a stored date.
pub fn date_from_sql(text: Option<String>) -> rusqlite::Result<Option<chrono::NaiveDate>> {
    text.map(|t| {
        chrono::NaiveDate::parse_from_str(&t, "%Y-%m-%d")
            .map_err(|e| conversion_error(&e.to_string()))
    })
    .transpose()
}

/// Decodes a stored code into an enum through its `from_code`.
pub fn decode<T>(code: &str, from_code: fn(&str) -> Option<T>) -> rusqlite::Result<T> {
    from_code(code).ok_or_else(|| conversion_error(&format!("未知的代码“{code}”")))
}

/// Decodes stored JSON.
pub fn from_json<T: serde::de::DeserializeOwned>(text: &str) -> rusqlite::Result<T> {
    serde_json::from_str(text).map_err(|e| conversion_error(&e.to_string()))
}

/// Encodes a value as JSON for storage.
pub fn to_json<T: serde::Serialize>(value: &T) -> rusqlite::Result<String> {
    serde_json::to_string(value).map_err(|e| rusqlite::Error::ToSqlConversionFailure(Box::new(e)))
}

fn conversion_error(message: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        0,
        rusqlite::types::Type::Text,
        Box::new(FromSqlError::Other(message.into())),
    )
}
