//! Whether the data version a file records fits the tables in it. A version set by hand or by
//! another program (0 over a full database, an older number over newer tables) would make the
//! upgrade fail half-way with SQLite's own words and statements: it is found first, and said.

use rusqlite::Connection;

use super::schema;

/// Why the data version `version` recorded in `conn` does not fit its tables; `None` when it
/// fits (or when a file of the newest version is met, whose tables are read as they are).
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
    if version >= schema::latest_version() {
        return Ok(None);
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
        Ok(()) => Ok(None),
        Err(error) if is_already_there(&error) => Ok(Some(format!(
            "文件记录的数据版本为 {version}，其中的数据表却与这一版本不符，无法升级：版本号可能被其他软件改动过"
        ))),
        Err(error) => Err(error),
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
}
