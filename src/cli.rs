//! The command line: no subcommand opens the window; `demo` and `check` work headless.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::store::Store;

/// 安全生产目标管理责任书：起草、打印、签订跟踪与年度考核
#[derive(Debug, Parser)]
#[command(name = "zerenshu", version, about)]
pub struct Args {
    /// 数据库文件（默认：系统数据目录下的 zerenshu.sqlite3）
    #[arg(long, global = true, value_name = "PATH")]
    pub db: Option<PathBuf>,
    /// Prints the time from start to the first frame, then quits (start-up benchmark).
    #[arg(long, hide = true)]
    pub exit_after_first_frame: bool,
    /// 子命令；省略时打开窗口
    #[command(subcommand)]
    pub command: Option<Command>,
}

/// The headless subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// 写入一个全新的示例数据库（示例市）
    Demo {
        /// 文件已存在时覆盖它
        #[arg(long)]
        force: bool,
    },
    /// 检查数据库的完整性、外键与数据版本；有问题时以非零状态退出
    Check,
}

/// The default database: `zerenshu.sqlite3` in the platform data directory.
pub fn default_db_path() -> anyhow::Result<PathBuf> {
    let dirs = directories::ProjectDirs::from("cn", "zerenshu", "zerenshu")
        .context("无法确定用户数据目录")?;
    let dir = dirs.data_dir();
    std::fs::create_dir_all(dir).with_context(|| format!("无法创建数据目录：{}", dir.display()))?;
    Ok(dir.join("zerenshu.sqlite3"))
}

/// Runs a headless subcommand and returns the process exit code.
#[must_use]
pub fn run(command: &Command, db: &Path) -> ExitCode {
    let result = match command {
        Command::Demo { force } => write_demo(db, *force).map(|()| {
            println!("已写入示例数据库：{}", db.display());
            ExitCode::SUCCESS
        }),
        Command::Check => check(db),
    };
    result.unwrap_or_else(|error| {
        eprintln!("错误：{error:#}");
        ExitCode::from(2)
    })
}

fn check(db: &Path) -> anyhow::Result<ExitCode> {
    let report = Store::check_file(db)?;
    println!("数据库：{}", db.display());
    println!("{report}");
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Writes the demo to a temporary file beside `db`, then renames it into place.
pub fn write_demo(db: &Path, force: bool) -> anyhow::Result<()> {
    if db.exists() && !force {
        anyhow::bail!("文件已存在，如需覆盖请加 --force：{}", db.display());
    }
    let file_name = db
        .file_name()
        .context("数据库路径缺少文件名")?
        .to_string_lossy();
    let temp = db.with_file_name(format!(".{file_name}.{}.tmp", std::process::id()));
    let result = (|| {
        let mut store = Store::open(&temp)?;
        crate::demo::load(&mut store)?;
        drop(store);
        for suffix in ["-wal", "-shm"] {
            let stale = PathBuf::from(format!("{}{suffix}", db.display()));
            if stale.exists() {
                std::fs::remove_file(&stale)
                    .with_context(|| format!("无法删除旧的日志文件：{}", stale.display()))?;
            }
        }
        std::fs::rename(&temp, db).with_context(|| format!("无法写入：{}", db.display()))
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    result
}
