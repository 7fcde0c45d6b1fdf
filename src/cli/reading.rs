//! Opening the database for the commands that only read it (`list`, `verify`, `forms`,
//! `notice`, `backup`, `year` without changes, `import units --dry-run`): when another process
//! holds it, or its folder or medium cannot be written, they read it read-only instead of
//! failing.

use std::path::Path;

use crate::store::{Store, StoreError};

/// Said of a database file not there: commands never make one. A file gone (moved, renamed
/// or deleted) whose backups are beside where it was is rebuilt from the newest good one;
/// otherwise the way to a new one is named (the window's first start), and the demo's.
#[must_use]
pub fn missing_database(db: &Path) -> String {
    let path = db.display();
    if let Some((file, _)) = crate::store::backup::newest_good_backup(db) {
        return format!(
            "数据库文件不存在：{path}（可能被移走、改名或删除）。备份文件夹中有它的备份，最新的完好备份（{}）：{}\n用它恢复：zerenshu restore --db \"{path}\" --from \"{}\"",
            crate::model::dates::show_date_time_with_seconds(file.taken_at),
            file.path.display(),
            file.path.display()
        );
    }
    format!(
        "数据库文件不存在：{path}（命令只使用已有的数据库；新建请打开程序窗口：zerenshu --db \"{path}\"，在欢迎界面选“从空白开始”；只想试用可建示例数据库：zerenshu demo --db \"{path}\"）"
    )
}

/// Opens an existing database for a command that does not write it: for writing when it can
/// (so a due migration runs), read-only with a note on standard error when another process
/// holds it or the place cannot be written.
pub fn open_for_reading(db: &Path) -> anyhow::Result<Store> {
    refuse_folder(db)?;
    if !db.exists() {
        anyhow::bail!("{}", missing_database(db));
    }
    // An empty file is not a database yet: a reading command must not make it one.
    if std::fs::metadata(db).is_ok_and(|m| m.len() == 0) {
        anyhow::bail!(
            "数据库文件是空的（0 字节），没有可读的内容；文件未改动：{}",
            db.display()
        );
    }
    match Store::open(db) {
        Err(error @ (StoreError::Locked { .. } | StoreError::NotWritable { .. })) => {
            let why = read_only_reason(&error);
            let store = Store::open_read_only_because(db, &why)?;
            note!("提示：{why}，已以只读方式打开：{}", db.display());
            Ok(store)
        }
        opened => Ok(opened?),
    }
}

/// Like [`open_for_reading`]; a damaged file that SQLite can still read (a frozen text or a scan
/// that no longer matches its hash, say) opens read-only after a warning, so that the clerk can
/// still list and look while arranging the restore. Nothing is ever written to it. Backups and
/// the signed copies' export stay with [`open_for_reading`]: they must not pass damage on.
pub fn open_for_reading_even_damaged(db: &Path) -> anyhow::Result<Store> {
    let error = match open_for_reading(db) {
        Ok(store) => return Ok(store),
        Err(error) => error,
    };
    if !matches!(
        error.downcast_ref::<StoreError>(),
        Some(StoreError::Damaged { .. })
    ) {
        return Err(error);
    }
    let Ok(store) = Store::open_damaged_for_viewing(db, "数据库文件已损坏，仅供查看")
    else {
        return Err(error);
    };
    note!("警告：{error}");
    // What the warning points to ("见技术细节").
    let technical = (error.downcast_ref::<StoreError>()).and_then(StoreError::technical_details);
    if let Some(details) = technical {
        note!("{}", super::output::technical_note(details));
    }
    note!(
        "已以只读方式打开，仅供查看，不会写入；请尽快恢复。\n{}",
        super::backup_commands::restore_advice(db)
    );
    Ok(store)
}

/// Refuses a `--db` that names a folder, before anything touches it (no lock file, no
/// temporary file beside it).
pub(super) fn refuse_folder(db: &Path) -> anyhow::Result<()> {
    if db.is_dir() {
        anyhow::bail!("这是一个文件夹，不是数据库文件：{}", db.display());
    }
    Ok(())
}

/// Why a store is read-only, from the error that refused it for writing, in a clerk's words.
#[must_use]
pub fn read_only_reason(error: &StoreError) -> String {
    match error {
        StoreError::Locked { holder, .. } => holder.as_ref().map_or_else(
            || "另一个程序窗口正在使用此数据库".to_owned(),
            |holder| format!("{holder}正在使用此数据库"),
        ),
        StoreError::NotWritable { reason, .. } => {
            format!("数据库{reason}")
        }
        other => other.to_string(),
    }
}
