//! Start-up only: parse the arguments, then run a subcommand or open the window.

use std::process::ExitCode;
use std::time::Instant;

use zerenshu::cli;

/// mimalloc instead of the system's allocator: typesetting and writing a PDF allocates and
/// frees many small pieces (font tables, content operations), and with it an agreement takes
/// about a fifth less time (`cargo bench --bench pdf`).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let started = Instant::now();
    let args = match cli::chinese::parse_args() {
        Ok(args) => args,
        Err(code) => return code,
    };
    // Only the window, `demo` and `restore` may make a database, so only they make the data
    // folder for the default one.
    let may_create = args
        .command
        .as_ref()
        .is_none_or(cli::Command::may_create_database);
    let db = match args
        .db
        .clone()
        .map_or_else(|| cli::default_db_path(may_create), Ok)
    {
        Ok(db) => db,
        Err(error) => {
            cli::output::note(format_args!("错误：{}", cli::in_chinese(&error)));
            return ExitCode::from(2);
        }
    };
    match &args.command {
        Some(command) => {
            let code = cli::run(command, &db);
            // Without --db the default file was used: a failure names it, which may not be
            // the one meant.
            if args.db.is_none() && code != ExitCode::SUCCESS {
                cli::output::note(format_args!(
                    "（未指定 --db，用的是默认位置的数据库：{}）",
                    db.display()
                ));
            }
            code
        }
        None => match zerenshu::ui::run(&db, started, args.probe()) {
            Ok(()) => ExitCode::SUCCESS,
            Err(error) => {
                cli::output::note(format_args!("错误：{}", cli::in_chinese(&error)));
                ExitCode::from(2)
            }
        },
    }
}
