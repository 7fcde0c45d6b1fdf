//! Whether the data version a file records fits the tables in it. A version set by hand or by
//! another program (0 over a full database, an older number over newer tables) would make the
//! upgrade fail half-way with SQLite's own words and statements: it is found first, and said.
//! So is a table or column missing from a file of the newest version (dropped by another
//! tool), which would otherwise fail the first read with SQLite's words.

use rusqlite::Connection;

use super::schema;

/// Why the data version `version` recorded in `conn` does not fit its tables; `None` when it
/// fits (a file of a newer version than this program's is not judged here).
///
/// # Errors
/// SQLite's, reading the file or copying it into memory.
pub fn version_mismatch(conn: &Connection, version: i64) -> rusqlite::Result<Option<String>> {
    if version == 0 {
        let tables: i64 = conn.query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
            [],
            |row| row.get(0),
        )?;
        return Ok((tables > 0).then(|| {
            "文件记录的数据版本为 0（空白文件），其中却已有数据表：版本号与内容不符，文件可能被其他软件改动过".to_owned()
        }));
    }
    if version > schema::latest_version() {
        return Ok(None);
    }
    if version == schema::latest_version() {
        return Ok(missing_parts(conn)?.map(|missing| {
            format!(
                "文件记录的数据版本为 {version}（最新），其中却缺少数据表或字段，文件可能被其他软件改动过或已损坏：缺少{missing}"
            )
        }));
    }
    // Its tables' definitions (not their rows: nothing of the data is copied) upgraded in
    // memory, as opening it would upgrade them: an upgrade that meets a table or column already
    // there does not fit the version recorded.
    let mut shape = Connection::open_in_memory()?;
    let definitions: Vec<String> = {
        let mut statement = conn.prepare(
            "SELECT sql FROM sqlite_master WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite_%'
             ORDER BY CASE type WHEN 'table' THEN 0 WHEN 'index' THEN 1 WHEN 'view' THEN 2 ELSE 3 END",
        )?;
        let rows = statement.query_map([], |row| row.get(0))?;
        rows.collect::<rusqlite::Result<_>>()?
    };
    for definition in &definitions {
        shape.execute_batch(definition)?;
    }
    shape.pragma_update(None, "user_version", version)?;
    match schema::migrate(&mut shape) {
        Ok(()) => Ok(missing_parts(&shape)?.map(|missing| {
            format!(
                "文件记录的数据版本为 {version}，升级后却缺少数据表或字段，文件可能被其他软件改动过或已损坏：缺少{missing}"
            )
        })),
        Err(error) if is_already_there(&error) || is_missing(&error) => Ok(Some(format!(
            "文件记录的数据版本为 {version}，其中的数据表却与这一版本不符，无法升级：版本号可能被其他软件改动过"
        ))),
        Err(error) => Err(error),
    }
}

/// The tables and columns of the newest version that `conn` lacks, in words ("数据表 scans"、
/// "数据表 units 的字段 phone"); `None` when it has them all.
fn missing_parts(conn: &Connection) -> rusqlite::Result<Option<String>> {
    let mut missing = Vec::new();
    for (table, wanted) in newest_shape()? {
        let present = columns(conn, table)?;
        if present.is_empty() {
            missing.push(format!("数据表 {table}"));
            continue;
        }
        let lacking: Vec<&String> = (wanted.iter())
            .filter(|column| !present.contains(column))
            .collect();
        if !lacking.is_empty() {
            let lacking: Vec<&str> = lacking.iter().map(|c| c.as_str()).collect();
            missing.push(format!("数据表 {table} 的字段 {}", lacking.join("、")));
        }
    }
    Ok((!missing.is_empty()).then(|| missing.join("、")))
}

/// The column names of `table` in `conn`; empty when there is no such table.
fn columns(conn: &Connection, table: &str) -> rusqlite::Result<Vec<String>> {
    let mut statement = conn.prepare("SELECT name FROM pragma_table_info(?1)")?;
    let names = statement.query_map([table], |row| row.get(0))?;
    names.collect()
}

/// The newest version's tables (by name) and their columns, made once per run: every file
/// opened is compared with it.
fn newest_shape() -> rusqlite::Result<&'static [(String, Vec<String>)]> {
    static SHAPE: std::sync::OnceLock<Vec<(String, Vec<String>)>> = std::sync::OnceLock::new();
    if let Some(shape) = SHAPE.get() {
        return Ok(shape);
    }
    let mut fresh = Connection::open_in_memory()?;
    schema::migrate(&mut fresh)?;
    let tables: Vec<String> = {
        let mut statement = fresh.prepare(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        )?;
        let names = statement.query_map([], |row| row.get(0))?;
        names.collect::<rusqlite::Result<_>>()?
    };
    let shape = (tables.into_iter())
        .map(|table| {
            let wanted = columns(&fresh, &table)?;
            Ok((table, wanted))
        })
        .collect::<rusqlite::Result<Vec<_>>>()?;
    Ok(SHAPE.get_or_init(|| shape))
}

/// True for an upgrade step that meets a table that is not there: a version recorded higher
/// than the tables are, or a table dropped by another tool.
fn is_missing(error: &rusqlite::Error) -> bool {
    match error {
        rusqlite::Error::SqliteFailure(_, Some(message)) => {
            message.contains("no such table") || message.contains("no such column")
        }
        _ => false,
    }
}

/// True for an upgrade step that meets a table, index or column already made: what a version
/// recorded lower than the tables are gives (any other failure is said as it is).
fn is_already_there(error: &rusqlite::Error) -> bool {
    match error {
        rusqlite::Error::SqliteFailure(_, Some(message)) => {
            message.contains("already exists") || message.contains("duplicate column name")
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_version_that_does_not_fit_the_tables_is_found() {
        let mut conn = Connection::open_in_memory().unwrap();
        assert_eq!(version_mismatch(&conn, 0).unwrap(), None, "a blank file");
        schema::migrate(&mut conn).unwrap();
        let latest = schema::latest_version();
        assert_eq!(version_mismatch(&conn, latest).unwrap(), None);
        conn.pragma_update(None, "user_version", 0).unwrap();
        let said = version_mismatch(&conn, 0).unwrap().unwrap();
        assert!(said.starts_with("文件记录的数据版本为 0"), "{said}");
        conn.pragma_update(None, "user_version", 5).unwrap();
        let said = version_mismatch(&conn, 5).unwrap().unwrap();
        assert!(said.starts_with("文件记录的数据版本为 5，"), "{said}");
        // An old file as it was: fits.
        let mut old = Connection::open_in_memory().unwrap();
        schema::migrate_to(&mut old, 5).unwrap();
        assert_eq!(version_mismatch(&old, 5).unwrap(), None);
    }

    #[test]
    fn a_table_or_column_missing_from_a_file_of_the_newest_version_is_found() {
        let mut conn = Connection::open_in_memory().unwrap();
        schema::migrate(&mut conn).unwrap();
        let latest = schema::latest_version();
        assert_eq!(version_mismatch(&conn, latest).unwrap(), None);
        conn.execute_batch("DROP TABLE exports; ALTER TABLE settings DROP COLUMN value")
            .unwrap();
        let said = version_mismatch(&conn, latest).unwrap().unwrap();
        assert!(
            said.contains("缺少数据表 exports、数据表 settings 的字段 value"),
            "{said}"
        );
        // An old file lacking a table its upgrade alters: found, not SQLite's words.
        let mut old = Connection::open_in_memory().unwrap();
        schema::migrate_to(&mut old, 5).unwrap();
        old.execute_batch("DROP TABLE exports").unwrap();
        let said = version_mismatch(&old, 5).unwrap().unwrap();
        assert!(said.starts_with("文件记录的数据版本为 5"), "{said}");
    }
}
