//! `zerenshu backup` and `zerenshu restore`: a consistent copy while the app may be running,
//! and putting a copy back (the current data is backed up first, a damaged file moved aside);
//! and, for a damaged database, the backup to restore it from.

use std::path::Path;
use std::process::ExitCode;

use crate::store::{self, Store, StoreError};

/// Backs the database up into its `backups/` folder (手动备份), as the window's 立即备份 does.
pub fn backup_into_folder(db: &Path) -> anyhow::Result<ExitCode> {
    let store = super::reading::open_for_reading(db)?;
    // Where the backups folder cannot be made, the way to a copy elsewhere is named.
    let out = store.backup_into_folder().map_err(|error| {
        anyhow::Error::new(error).context("备份到数据库旁的 backups 文件夹没有成功；可用 --out 备份到别处（如 U 盘上的 备份.sqlite3）")
    })?;
    let contents = store::backup::inspect_backup(&out.path)?;
    match out.unchanged_since {
        Some(at) => say!(
            "数据自上次手动备份（{}）以来没有变化，没有重复备份；该备份：{}",
            crate::model::dates::show_date_time(at),
            out.path.display()
        ),
        None => say!("已备份到：{}（通过完整性检查）", out.path.display()),
    }
    say!("{contents}");
    Ok(ExitCode::SUCCESS)
}

/// Copies the database to `out` with SQLite's online backup API and checks the copy.
pub fn backup(db: &Path, out: &Path) -> anyhow::Result<ExitCode> {
    if out.is_dir() {
        anyhow::bail!(
            "--out 须是备份文件的名字，这是一个文件夹：{}（可写成 {}）",
            out.display(),
            out.join("zerenshu-备份.sqlite3").display()
        );
    }
    if out.exists() {
        anyhow::bail!("目标文件已存在，请换一个文件名：{}", out.display());
    }
    if crate::io::destination::belongs_to_database(out, db) {
        anyhow::bail!(crate::io::destination::DestinationError::DatabaseFile(
            out.to_owned()
        ));
    }
    // A backup named as a document is taken for one: opened, sent or deleted as such.
    let extension = out.extension().map(|e| e.to_string_lossy().to_lowercase());
    if let Some(document) = (extension.as_deref()).filter(|e| DOCUMENT_EXTENSIONS.contains(e)) {
        // "x.sqlite3.pdf" is offered as "x.sqlite3", not "x.sqlite3.sqlite3".
        let stem = out.with_extension("");
        let offered = if stem.extension().is_some_and(|e| e == "sqlite3") {
            stem
        } else {
            out.with_extension("sqlite3")
        };
        anyhow::bail!(
            "备份文件名以 .{document} 结尾，会被当作文档打开、发送或删除：请用 .sqlite3 结尾的文件名，如 {}",
            offered.display()
        );
    }
    // While the window has the database open, or where its folder cannot be written, a
    // read-only connection copies it just as well.
    let store = super::reading::open_for_reading(db)?;
    store.backup_to(out)?;
    let contents = store::backup::inspect_backup(out)?;
    say!("已备份到：{}（通过完整性检查）", out.display());
    say!("{contents}");
    // The window's 从其他备份文件恢复… lists database files only.
    if !matches!(extension.as_deref(), Some("sqlite3" | "db")) {
        note!(
            "提示：备份文件名不以 .sqlite3（或 .db）结尾，程序窗口的“从其他备份文件恢复…”不会列出它；恢复时可改名为 .sqlite3，或用 zerenshu restore --from 指定"
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Endings of documents and pictures, never given to a backup.
const DOCUMENT_EXTENSIONS: [&str; 23] = [
    "pdf", "ofd", "doc", "docx", "wps", "xls", "xlsx", "et", "ppt", "pptx", "dps", "csv", "txt",
    "png", "jpg", "jpeg", "gif", "bmp", "tif", "tiff", "webp", "heic", "zip",
];

/// Replaces the database by the backup `from`.
pub fn restore(db: &Path, from: &Path, yes: bool) -> anyhow::Result<ExitCode> {
    super::reading::refuse_folder(db)?;
    // A database in a folder that is not there is said so, before the backup is looked at.
    let folder = crate::io::destination::folder_of(db);
    if !folder.is_dir() {
        anyhow::bail!(
            "数据库文件所在的文件夹不存在，没有恢复：{}（请先建立该文件夹，或检查 --db 的路径）",
            folder.display()
        );
    }
    store::restore::refuse_own_file(from, db)?;
    // Who holds the database is said first, before the backup's contents and the question:
    // the lock is taken for a moment to see, and taken again for the restore itself.
    if db.exists() && !crate::store::lock::is_free(db) {
        drop(crate::store::lock::acquire_for_replace(
            db,
            "zerenshu restore",
        )?);
    }
    // A database file set read-only is said so first, not after the preview and the
    // question (its folder, and files left beside it, are seen to by the restore itself).
    if std::fs::metadata(db).is_ok_and(|meta| meta.is_file() && meta.permissions().readonly()) {
        anyhow::bail!(
            "数据库文件是只读的，不能恢复到这里；请取消它的只读属性后再恢复：{}",
            db.display()
        );
    }
    // Nothing was changed by a backup refused: said when there is a database to worry about.
    let contents = store::backup::inspect_backup(from).map_err(|error| {
        if db.exists() {
            anyhow::anyhow!("{error}；当前数据库没有改动")
        } else {
            error.into()
        }
    })?;
    say!("备份：{}", from.display());
    if let Some(at) = contents.modified_at {
        say!(
            "文件修改时间：{}",
            crate::model::dates::show_date_time_with_seconds(at)
        );
    }
    say!("{contents}");
    let is_empty = std::fs::metadata(db).is_ok_and(|m| m.is_file() && m.len() == 0);
    if is_empty || !db.exists() {
        // Nothing here to keep: the backup is copied in as the database (a new computer); asked
        // all the same, since a misspelt --db would otherwise be "restored" beside the real one.
        let was = if is_empty {
            "是空的（0 字节）"
        } else {
            "不存在"
        };
        say!("数据库文件{was}：{}", db.display());
        if !super::confirm::may_go_on(yes, "确认用这个备份建立数据库？")? {
            say!("没有恢复，数据库文件未建立或改动");
            return Ok(ExitCode::FAILURE);
        }
        // The backup is only read: opened read-only, it keeps its bytes and gets no lock file
        // beside it. Held across the copy: a window starting on the new path waits for the
        // whole file.
        let _lock = crate::store::lock::acquire_for_replace(db, "zerenshu restore")?;
        Store::open_read_only(from)?.save_as(db)?;
        say!("数据库文件原先{was}，已从备份建立：{}", db.display());
        // Logged, and backed up at once, as any restore is.
        if let Some(warning) = store::record_restore_in_place(db, from, None) {
            note!("提示：{warning}");
        }
        return Ok(ExitCode::SUCCESS);
    }
    // Read-only until the restore is confirmed: a "no" leaves the file's bytes as they were
    // (opening it for writing may migrate it, or switch its journal).
    match Store::open_read_only(db) {
        Ok(current) => {
            say!("当前：{}", current.contents()?);
            let undone = current.operations_since(from)?;
            if let Some(warning) = undone.other_database_warning() {
                say!("{warning}");
            }
            match undone.summary() {
                Some(summary) if undone.other_database => {
                    say!("{summary}（它们仍在恢复前自动做的备份中）");
                }
                Some(summary) => say!("{summary}；撤销了哪些操作，恢复后在操作记录中仍可查到"),
                None => say!("{}", undone.nothing_undone()),
            }
            if let Some(back) = undone.brought_back_summary() {
                say!("{back}");
            }
            if !super::confirm::may_go_on(yes, "确认恢复？")? {
                say!("没有恢复，数据库没有改动");
                return Ok(ExitCode::FAILURE);
            }
            drop(current);
            // Taken meanwhile (a window opened on it): an error (the store's kept in the
            // chain, for its technical details and advice), said to have changed nothing.
            let mut store = anyhow::Context::context(Store::open(db), "没有恢复，数据库没有改动")?;
            // The question may have waited while another command wrote: what the restore
            // undoes is looked at again, now that this command holds the database.
            if store.operations_since(from)? != undone {
                // Not done, as a "no" is not (exit 1), as every question says it.
                note!(
                    "确认期间数据库又有修改，恢复将撤销的操作已与上面所说的不同；请重新运行这条命令，看过将撤销的操作后再确认"
                );
                say!("没有恢复，数据库没有改动");
                return Ok(ExitCode::FAILURE);
            }
            let restored = store.restore_from(from);
            match restored {
                Ok(restored) => {
                    say!("原数据已先备份到：{}", restored.safety.display());
                    if let Some(warning) = &restored.warning {
                        note!("提示：{warning}");
                    }
                }
                // Damage the quick check at opening missed, found by the backup taken first:
                // the file is kept aside as it is, as for a file found damaged at once.
                Err(StoreError::Damaged { .. }) => {
                    // Closed without folding anything more into the damaged file.
                    store.close_unwritten();
                    note!("提示：先备份当前数据时发现数据库文件已损坏，改为把它原样移到一旁后恢复");
                    restore_over(db, from)?;
                }
                Err(error) => return Err(restore_failed(&error)),
            }
        }
        Err(StoreError::Damaged { .. }) => {
            if !super::confirm::may_go_on(yes, "当前数据库文件已损坏，确认用这个备份恢复？")?
            {
                say!("没有恢复，数据库没有改动");
                return Ok(ExitCode::FAILURE);
            }
            restore_over(db, from)?;
        }
        Err(error) => return Err(error.into()),
    }
    say!("已恢复：{}", db.display());
    Ok(ExitCode::SUCCESS)
}

/// Restores `from` over the damaged database `db`, which is kept aside as it is.
fn restore_over(db: &Path, from: &Path) -> anyhow::Result<()> {
    let restored = store::restore_over_damaged(db, from).map_err(|error| restore_failed(&error))?;
    say!("已损坏的原文件已原样移到：{}", restored.kept.display());
    if let Some(warning) = &restored.warning {
        note!("提示：{warning}");
    }
    Ok(())
}

/// A restore that did not happen: nothing was swapped (see `Store::restore_from`), said as the
/// clerk fears it, unless the reason says so already.
fn restore_failed(error: &StoreError) -> anyhow::Error {
    if error.says_data_untouched() {
        anyhow::anyhow!("恢复没有完成：{error}")
    } else {
        anyhow::anyhow!("恢复没有完成：{error}；当前数据没有改动")
    }
}

/// For a damaged `db`: the newest good backup in `backups/` (as the window offers it) and the
/// command that restores it, or that there is none.
#[must_use]
pub fn restore_advice(db: &Path) -> String {
    match store::backup::newest_good_backup(db) {
        Some((file, _)) => format!(
            "最新的完好备份（{}，{}）：{}\n用它恢复（损坏的文件会原样移到一旁保存）：zerenshu restore --db \"{}\" --from \"{}\"",
            crate::model::dates::show_date_time_with_seconds(file.taken_at),
            file.reason.label(),
            file.path.display(),
            db.display(),
            file.path.display()
        ),
        None => format!(
            "{}\n请用其他备份文件恢复（损坏的文件会原样移到一旁保存）：zerenshu restore --db \"{}\" --from <备份文件>",
            store::backup::no_good_backup(db),
            db.display()
        ),
    }
}
