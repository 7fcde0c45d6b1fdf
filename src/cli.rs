//! The command line: no subcommand opens the window; `demo`, `check`, `backup`, `restore`,
//! `forms`, `import`, `notice`, `year`, `scan`, `units` and the rest work headless.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::store::{Store, StoreError};

/// Prints a line like `println!`, but hands a failed write (a closed pipe) to `?` instead of
/// panicking; [`run`] ends quietly when the reader has gone.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::line(format_args!($($arg)*))?
    };
}

/// Writes a line to standard error, never panicking (see [`output::note`]).
macro_rules! note {
    ($($arg:tt)*) => {
        $crate::cli::output::note(format_args!($($arg)*))
    };
}

mod args;
mod backup_commands;
pub mod chinese;
pub mod confirm;
mod import_command;
mod notice_command;
pub mod output;
mod pdf_commands;
mod reading;
mod scan_commands;
mod score_command;
mod score_commands;
mod unit_lookup;
mod units_command;
mod window_ways;
mod workflow_commands;
mod year_command;

pub use args::{Args, Command, ImportCommand};

/// The default database: `zerenshu.sqlite3` in the platform data directory, which is made
/// when missing only if `create_folder` (the window, `demo` and `restore`, which may create the
/// database; a command that only uses one never creates anything).
pub fn default_db_path(create_folder: bool) -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("cn", "zerenshu", "zerenshu")
        .context("无法确定用户数据目录")?;
    let dir = dirs.data_dir();
    if create_folder {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("无法创建数据目录：{}", dir.display()))?;
    }
    Ok(dir.join("zerenshu.sqlite3"))
}

/// Runs a headless subcommand and returns the process exit code.
#[must_use]
pub fn run(command: &Command, db: &Path) -> ExitCode {
    crate::store::lock::set_command(command.name());
    let result = match command {
        Command::Demo { force } => write_demo(db, *force).and_then(|()| {
            say!("已写入示例数据库：{}", db.display());
            Ok(ExitCode::SUCCESS)
        }),
        Command::Check => check(db),
        Command::Backup { out } => match out {
            Some(out) => backup_commands::backup(db, out),
            None => backup_commands::backup_into_folder(db),
        },
        Command::Restore { from, yes } => backup_commands::restore(db, from, *yes),
        Command::Draft {
            year,
            units,
            copies,
        } => open_existing(db)
            .and_then(|mut store| workflow_commands::draft(&mut store, *year, units, *copies)),
        Command::List { year, status } => reading::open_for_reading_even_damaged(db)
            .and_then(|store| workflow_commands::list(&store, *year, status.as_deref())),
        Command::Units { year, xlsx, force } => reading::open_for_reading_even_damaged(db)
            .and_then(|store| {
                let xlsx = xlsx.as_deref().map(|path| (path, *force));
                units_command::units(&store, *year, xlsx)
            }),
        Command::Export {
            year,
            out,
            units,
            print,
            copies,
            force,
        } => open_existing(db)
            .map_err(|error| {
                let held = (error.downcast_ref::<StoreError>()).and_then(|e| {
                    e.held_while((
                        "导出时要把每个文件的校验信息登记到数据库（供日后核验），同一时间只能有一处写入",
                        "请在已打开的程序窗口中导出，或等那边关闭后再运行此命令",
                    ))
                });
                held.map_or(error, |said| anyhow::anyhow!(said))
            })
            .and_then(|mut store| {
            pdf_commands::export(
                &mut store,
                *year,
                out.as_deref(),
                units,
                print.as_deref(),
                *copies,
                *force,
            )
        }),
        Command::Verify { files } => reading::open_for_reading_even_damaged(db)
            .and_then(|store| pdf_commands::verify_all(&store, files)),
        Command::Rollover { from, to, yes } => open_existing(db)
            .and_then(|mut store| workflow_commands::rollover(&mut store, *from, *to, *yes)),
        Command::Import {
            what:
                ImportCommand::Units {
                    file,
                    skip_rejected,
                    dry_run,
                    yes,
                },
        } => import_command::import_units(
            db,
            file,
            import_command::Choices {
                skip_rejected: *skip_rejected,
                dry_run: *dry_run,
                yes: *yes,
            },
        ),
        Command::Year {
            year,
            party_a,
            signatory_title,
            signatory_name,
            signing_date,
            phase,
            full_score,
            bands,
            reason,
            document_number,
            yes,
        } => {
            let changes = year_command::YearChanges {
                party_a: party_a.clone(),
                signatory_title: signatory_title.clone(),
                signatory_name: signatory_name.clone(),
                signing_date: signing_date.clone(),
                phase: phase.clone(),
                full_score: full_score.clone(),
                bands: bands.clone(),
                reason: reason.clone(),
                document_number: document_number.clone(),
                yes: *yes,
            };
            let store = if changes.is_empty() {
                reading::open_for_reading(db)
            } else {
                open_existing(db)
            };
            store.and_then(|mut store| year_command::year(&mut store, *year, &changes))
        }

        Command::Score {
            year,
            unit,
            indicator,
            self_score,
            assessed,
            note,
            reason,
        } => {
            let change = score_command::CellChange {
                self_score: self_score.clone(),
                assessed: assessed.clone(),
                note: note.clone(),
                reason: reason.clone(),
            };
            // Only looking at a cell: read, also while a window holds the database.
            let is_looking =
                change.self_score.is_none() && change.assessed.is_none() && change.note.is_none();
            let opened = if is_looking {
                reading::open_for_reading(db)
            } else {
                open_existing(db)
            };
            opened.and_then(|mut store| {
                score_command::score(&mut store, *year, unit, indicator, &change)
            })
        }
        Command::Forms { year, out, units } => reading::open_for_reading_even_damaged(db)
            .and_then(|store| score_commands::forms(&store, *year, out, units)),
        Command::Notice {
            year,
            out,
            date,
            xlsx,
            force,
            yes,
        } => reading::open_for_reading_even_damaged(db).and_then(|mut store| {
            let date = notice_command::DateChoice {
                date: *date,
                is_confirmed: *yes,
            };
            match out {
                Some(out) => {
                    notice_command::notice(&mut store, *year, out, date, xlsx.as_deref(), *force)
                }
                None => match xlsx {
                    Some(xlsx) if date.date.is_none() => {
                        notice_command::summary_only(&mut store, *year, xlsx, *force)
                    }
                    Some(_) => anyhow::bail!(
                        "--date 是通报 PDF 的成文日期：只导出得分汇总表时不用写；要导出通报请加 --out"
                    ),
                    None => anyhow::bail!("请用 --out 指定通报 PDF，或用 --xlsx 指定得分汇总表"),
                },
            }
        }),
        Command::Import {
            what:
                ImportCommand::Scores {
                    year,
                    files,
                    dry_run,
                    yes,
                },
        } => if *dry_run {
            reading::open_for_reading(db)
        } else {
            open_existing(db)
        }
        .and_then(|mut store| {
            score_commands::import_scores(&mut store, *year, files, *dry_run, *yes)
        }),
        Command::Scan { what } => scan_commands::run(db, what),
    };
    result.unwrap_or_else(|error| {
        if output::is_closed_pipe(&error) {
            return ExitCode::SUCCESS;
        }
        // Damage met while reading is said as damage found at opening is: nothing written,
        // and the `restore` to run (the window's 设置 is not where a command's user is).
        let corrupt = error.chain().find_map(|cause| match cause.downcast_ref() {
            Some(StoreError::Corrupt(details)) => Some(details.clone()),
            _ => None,
        });
        let error = match corrupt {
            Some(details) => anyhow::Error::new(StoreError::Damaged {
                details,
                path: db.to_owned(),
            }),
            None => error,
        };
        note!("错误：{}", in_chinese(&error));
        let technical = error
            .chain()
            .find_map(|cause| cause.downcast_ref::<StoreError>()?.technical_details());
        if let Some(details) = technical {
            note!("{}", output::technical_note(details));
        }
        // The database itself damaged: the backup to restore it from, as the window offers it.
        let is_damaged = error.chain().any(|cause| {
            matches!(cause.downcast_ref::<StoreError>(),
                Some(StoreError::Damaged { path, .. }) if path == db)
        });
        if is_damaged {
            note!("{}", backup_commands::restore_advice(db));
        }
        ExitCode::from(2)
    })
}

/// An error and its causes joined by "：", a system I/O error told in Chinese; a cause whose
/// words its wrapper has said already (an error shown as "{0}" of its source) is not repeated.
#[must_use]
pub fn in_chinese(error: &anyhow::Error) -> String {
    let mut parts: Vec<String> = Vec::new();
    for cause in error.chain() {
        let text = cause
            .downcast_ref::<std::io::Error>()
            .map_or_else(|| cause.to_string(), crate::io::files::reason);
        if !parts.last().is_some_and(|last| last.ends_with(&text)) {
            parts.push(text);
        }
    }
    parts.join("：")
}

/// Opens a database that must already exist (commands other than `demo` never create one).
fn open_existing(db: &Path) -> anyhow::Result<Store> {
    reading::refuse_folder(db)?;
    if !db.exists() {
        anyhow::bail!("{}", reading::missing_database(db));
    }
    // An empty file is not a database yet (a copy that failed, say): a command does not make
    // it one; the window asks what to do with it, `demo --force` or `restore` fill it.
    if std::fs::metadata(db).is_ok_and(|m| m.len() == 0) {
        anyhow::bail!(
            "数据库文件是空的（0 字节），不是责任书数据库；文件未改动：{}（要从备份恢复请用 restore，要放入示例数据请用 demo --force）",
            db.display()
        );
    }
    // Another command holding the file ends by itself: waited for a while, said once.
    let deadline = std::time::Instant::now() + COMMAND_WAIT;
    let mut is_told = false;
    // Since when the lock has been seen held without a note (see below).
    let mut unnamed_since: Option<std::time::Instant> = None;
    loop {
        let opened = Store::open(db);
        if !matches!(opened, Err(StoreError::Locked { holder: None, .. })) {
            unnamed_since = None;
        }
        match opened {
            // Held without a note saying by whom: a holder between taking the lock and
            // writing its note, or between deleting it and letting go. Looked at again for a
            // moment before it is taken for a window.
            Err(StoreError::Locked { holder: None, .. })
                if unnamed_since
                    .get_or_insert_with(std::time::Instant::now)
                    .elapsed()
                    < UNNAMED_HOLDER_WAIT =>
            {
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            Err(StoreError::Locked {
                holder: Some(holder),
                ..
            }) if !holder.command.is_empty() && std::time::Instant::now() < deadline => {
                if !is_told {
                    note!(
                        "提示：{holder}正在使用此数据库，等它运行完毕（最多 {} 秒）……",
                        COMMAND_WAIT.as_secs()
                    );
                    is_told = true;
                }
                std::thread::sleep(std::time::Duration::from_millis(200));
            }
            opened => return Ok(opened?),
        }
    }
}

/// How long a lock held without a note is looked at again before it counts as a window's.
const UNNAMED_HOLDER_WAIT: std::time::Duration = std::time::Duration::from_millis(1500);

/// How long a command waits for another command holding the database to end.
const COMMAND_WAIT: std::time::Duration = std::time::Duration::from_mins(1);

/// `zerenshu check`: never creates or changes anything, not even for a missing file.
fn check(db: &Path) -> anyhow::Result<ExitCode> {
    reading::refuse_folder(db)?;
    if !db.exists() {
        anyhow::bail!("{}", reading::missing_database(db));
    }
    // Past the planned signing date, what is still out in every year being signed or scored.
    let today = chrono::Local::now().date_naive();
    let checked = Store::check_file_then(db, |store| {
        crate::workflow::listing::late_by_year(store, today)
    });
    // Damage SQLite's own check finds before the rest can run is a problem found, as the
    // rest's findings are (exit 1); 2 stays for a file that could not be checked at all.
    let (mut report, late) = match checked {
        Err(error @ StoreError::Damaged { .. }) => {
            say!("数据库：{}", db.display());
            say!("结论：发现问题——{error}");
            if let Some(details) = error.technical_details() {
                say!("技术细节（供技术人员查看）：{details}");
            }
            say!("{}", backup_commands::restore_advice(db));
            held_while_damaged(db)?;
            return Ok(ExitCode::FAILURE);
        }
        checked => checked?,
    };
    report.reminders = late.unwrap_or_default().iter().map(late_reminder).collect();
    // As every reading command says it: the window's changes after this check are not in it
    // (a file with problems says who holds it with the advice, below).
    if report.is_ok()
        && let Some(holder) = crate::store::lock::in_use_by(db)
    {
        note!(
            "提示：{holder}正在使用此数据库：检查的是此刻的内容，此后的修改不在其中：{}",
            db.display()
        );
    }
    say!("数据库：{}", db.display());
    say!("{report}");
    // Damage or changed texts are mended from a backup; a newer program's file is not.
    if !report.is_ok() && report.schema_version <= report.latest_version {
        say!("{}", backup_commands::restore_advice(db));
        held_while_damaged(db)?;
    }
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Said after a damaged file's advice when a window holds it: this check wrote nothing, but
/// the window may still be saving into it, and a restore waits for it to close.
fn held_while_damaged(db: &Path) -> std::io::Result<()> {
    if let Some(holder) = crate::store::lock::in_use_by(db) {
        say!(
            "注意：{holder}正在使用此数据库，它的修改可能仍在写入这个有问题的文件：请先关闭那边的程序窗口（或等那边的命令运行完毕），再从备份恢复"
        );
    }
    Ok(())
}

/// "签订提醒：2025 年度有 27 份责任书已过计划签订日期 2025年3月15日 仍未签订".
fn late_reminder(late: &crate::workflow::listing::LateYear) -> String {
    format!(
        "签订提醒：{} 年度有 {} 份责任书已过计划签订日期 {} 仍未签订{}",
        late.year,
        late.late,
        crate::model::dates::show_date(late.planned),
        crate::workflow::listing::archived_aside(late.archived_unsigned)
    )
}

/// Checks an output file given with `option` (see `check_output`); a refusal is said after the
/// option and what it writes ("--out（考核结果通报）：文件已存在…"), or after the option alone
/// when it names what is written itself.
pub(crate) fn check_destination(
    option: &str,
    path: &Path,
    db: Option<&Path>,
    output: &crate::io::destination::Output<'_>,
) -> anyhow::Result<()> {
    use crate::io::destination::DestinationError;
    crate::io::destination::check_output(path, db, output).map_err(|error| match error {
        // Names what is written already: "--xlsx：单位名单的文件名须以 .xlsx 结尾".
        error @ DestinationError::WrongExtension { .. } => {
            anyhow::Error::new(error).context(option.to_owned())
        }
        error => anyhow::Error::new(error).context(format!("{option}（{}）", output.what)),
    })
}

/// A command a hint names, on the database `store` is: `zerenshu list --db "…" --year 2025`
/// (`command`: "list", `rest`: "--year 2025"), so that a clerk who copies it acts on this
/// file, not on the default one.
pub(crate) fn hinted_command(store: &Store, command: &str, rest: &str) -> String {
    match store.path() {
        Some(db) => format!("zerenshu {command} --db \"{}\" {rest}", db.display()),
        None => format!("zerenshu {command} {rest}"),
    }
}

/// Writes the demo to a temporary file beside `db`, then renames it into place; data it
/// replaces is kept first (see `store::replace_whole`).
pub fn write_demo(db: &Path, force: bool) -> anyhow::Result<()> {
    // Refused before the lock file or a temporary name is made beside it.
    reading::refuse_folder(db)?;
    let refuse_existing = || {
        if db.exists() && !force {
            anyhow::bail!("文件已存在，如需覆盖请加 --force：{}", db.display());
        }
        Ok(())
    };
    refuse_existing()?;
    if !crate::io::destination::folder_of(db).is_dir() {
        // Said as an export says it (a missing folder, or a file where it should be), before
        // the lock file is tried there.
        crate::io::destination::check_file_destination(db)?;
    }
    // A window or another `demo` making the same new file would race this one: the writer
    // lock is taken for a file not there yet too, and the file looked for again under it.
    let _lock = crate::store::lock::acquire_for_replace(db, "zerenshu demo")?;
    refuse_existing()?;
    // Built in memory and written out as a checked, synced copy: a full disk fails the copy,
    // never leaves a damaged file under the final name.
    let build = |path: &Path| {
        let mut store = Store::open_in_memory()?;
        crate::demo::load(&mut store)?;
        store.save_as(path)
    };
    if !db.exists() {
        let temp = crate::io::files::temp_name_beside(db);
        // A failure names the file asked for, not the temporary one it is built under.
        let written = build(&temp)
            .map_err(|error| {
                let shown = error
                    .to_string()
                    .replace(&temp.display().to_string(), &db.display().to_string());
                anyhow::anyhow!(shown)
            })
            .and_then(|()| {
                std::fs::rename(&temp, db)
                    .with_context(|| format!("无法写入：{}", db.display()))?;
                crate::io::files::sync_folder_of(db);
                Ok(())
            });
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        return written;
    }
    // Said before the demo is built, so that the clerk knows where the old data is even if
    // writing fails.
    let said = |kept: &Path| {
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), "原有文件已保存为：{}", kept.display());
    };
    crate::store::replace_whole(db, said, build)
        .with_context(|| format!("没有写入示例数据，原有文件未改动：{}", db.display()))?;
    Ok(())
}
