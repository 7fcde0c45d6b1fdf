//! The command line: no subcommand opens the window; `demo`, `check`, `backup`, `restore`,
//! `forms`, `import`, `notice`, `year`, `scan` and the rest work headless.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;
use clap::{Parser, Subcommand};

use crate::store::{Store, StoreError};

/// Prints a line like `println!`, but hands a failed write (a closed pipe) to `?` instead of
/// panicking; [`run`] ends quietly when the reader has gone.
macro_rules! say {
    ($($arg:tt)*) => {
        $crate::cli::output::line(format_args!($($arg)*))?
    };
}

mod backup_commands;
pub mod chinese;
mod notice_command;
mod output;
mod pdf_commands;
mod reading;
mod scan_commands;
mod score_command;
mod score_commands;
mod unit_lookup;
mod workflow_commands;
mod year_command;

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
    /// Times N frames of the window as opened, prints median, p95 and max, then quits
    /// (frame-time benchmark; see `scripts/frame_times.sh`).
    #[arg(long, hide = true, value_name = "N")]
    pub frame_times: Option<usize>,
    /// With --frame-times: turn the mouse wheel over the window every frame.
    #[arg(long, hide = true, requires = "frame_times")]
    pub scrolling: bool,
    /// 子命令；省略时打开窗口
    #[command(subcommand)]
    pub command: Option<Command>,
}

impl Args {
    /// The benchmark the window is asked to run, if any.
    #[must_use]
    pub fn probe(&self) -> crate::ui::Probe {
        match (self.exit_after_first_frame, self.frame_times) {
            (_, Some(frames)) => crate::ui::Probe::Frames {
                frames: frames.max(1),
                scroll: self.scrolling,
            },
            (true, None) => crate::ui::Probe::FirstFrame,
            (false, None) => crate::ui::Probe::None,
        }
    }
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
    /// 为某年度批量起草责任书（已有责任书的单位跳过）
    Draft {
        /// 考核年度
        #[arg(long, value_parser = chinese::year)]
        year: i32,
        /// 只为这些单位起草（全称或简称，可重复）；省略时为全部在用单位
        #[arg(long = "unit", value_name = "NAME")]
        units: Vec<String>,
        /// 每份责任书一式几份（1 至 20，写入“一式N份”；定稿前可在窗口中逐份修改）
        #[arg(long, default_value_t = 3, value_parser = chinese::copies::<i64>)]
        copies: i64,
    },
    /// 列出某年度的责任书，每份一行（序号、单位、类别、状态、定稿/打印/签订日期、签回/份数、校验码）
    List {
        /// 考核年度
        #[arg(long, value_parser = chinese::year)]
        year: i32,
        /// 只列出此状态（草稿、已定稿、已打印、已签订、已归档；“未签订”列出尚未签回的草稿、已定稿和已打印）
        #[arg(long)]
        status: Option<String>,
    },
    /// 年度结转：复制甲方设置、等次、模板和考核指标到新年度（不复制责任书）
    Rollover {
        /// 来源年度
        #[arg(long, value_parser = chinese::year)]
        from: i32,
        /// 新年度
        #[arg(long, value_parser = chinese::year)]
        to: i32,
    },
    /// 导出责任书 PDF：每份一个文件，或合成一个打印文件
    Export {
        /// 考核年度
        #[arg(long, value_parser = chinese::year)]
        year: i32,
        /// 导出到的文件夹（文件名为“年度-序号-单位简称.pdf”）
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// 只导出这些单位（全称或简称，可重复）
        #[arg(long = "unit", value_name = "NAME")]
        units: Vec<String>,
        /// 另外写一个打印文件（签字本，草稿不放入；不指定单位时只含待打印的已定稿责任书）：每份责任书按其份数（一式N份）各印一份，每份从奇数页开始
        #[arg(long, value_name = "FILE")]
        print: Option<PathBuf>,
        /// 打印文件中每份责任书统一印几份（1 至 20）；省略时按各责任书自己的份数
        #[arg(long, requires = "print", value_parser = chinese::copies::<usize>)]
        copies: Option<usize>,
    },
    /// 核验 PDF：按校验码找到对应责任书，并判断文件是否与导出时完全一致
    Verify {
        /// 要核验的 PDF 文件
        file: PathBuf,
    },
    /// 生成自评表：每份责任书一个 .xlsx 文件，供责任单位填写自评分
    Forms {
        /// 考核年度
        #[arg(long, value_parser = chinese::year)]
        year: i32,
        /// 写入的文件夹（文件名为“年度-序号-单位简称-自评表.xlsx”）
        #[arg(long, value_name = "DIR")]
        out: PathBuf,
    },
    /// 生成年度考核结果通报（PDF，附考核得分情况表）
    Notice {
        /// 考核年度
        #[arg(long, value_parser = chinese::year)]
        year: i32,
        /// 写入的 PDF 文件
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
        /// 成文日期，如 2025-03-05（默认：该年度结果通报（已通报）之日，尚未通报则为今天）
        #[arg(long, value_name = "YYYY-MM-DD", value_parser = chinese::date)]
        date: Option<chrono::NaiveDate>,
        /// 同时写入考核得分汇总表（.xlsx）
        #[arg(long, value_name = "FILE")]
        xlsx: Option<PathBuf>,
    },
    /// 备份数据库（程序运行时也可备份），并检查备份的完整性
    Backup {
        /// 备份写入的文件（不能已存在）
        #[arg(long, value_name = "FILE")]
        out: PathBuf,
    },
    /// 用备份替换数据库：先自动备份当前数据（已损坏的文件原样移到一旁）
    Restore {
        /// 要恢复的备份文件
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// 查看或修改年度设置（甲方、签字人、计划签订日期、年度阶段；“已通报”锁定评分）
    Year {
        /// 考核年度
        #[arg(long, value_parser = chinese::year)]
        year: i32,
        /// 甲方名称
        #[arg(long, value_name = "NAME")]
        party_a: Option<String>,
        /// 甲方签字人职务
        #[arg(long, value_name = "TITLE")]
        signatory_title: Option<String>,
        /// 甲方签字人姓名
        #[arg(long, value_name = "NAME")]
        signatory_name: Option<String>,
        /// 计划签订日期，如 2025-03-15 或 2025年3月15日（空字符串为清除）
        #[arg(long, value_name = "DATE")]
        signing_date: Option<String>,
        /// 年度阶段：筹备、签订、考核、已通报
        #[arg(long)]
        phase: Option<String>,
        /// 考核指标的满分（默认 100；已有指标定稿时不能改）
        #[arg(long, value_name = "POINTS")]
        full_score: Option<String>,
        /// 撤回“已通报”时的理由（记入操作记录）
        #[arg(long)]
        reason: Option<String>,
    },
    /// 录入或修改一个单位一项指标的评分（与考核表格中的一格相同的检查）
    Score {
        /// 考核年度
        #[arg(long, value_parser = chinese::year)]
        year: i32,
        /// 单位（全称或简称）
        #[arg(long, value_name = "NAME")]
        unit: String,
        /// 考核指标名称
        #[arg(long, value_name = "NAME")]
        indicator: String,
        /// 自评分（空字符串为清除）
        #[arg(long = "self", value_name = "POINTS", allow_hyphen_values = true)]
        self_score: Option<String>,
        /// 考核组评分（空字符串为清除）
        #[arg(long, value_name = "POINTS", allow_hyphen_values = true)]
        assessed: Option<String>,
        /// 评分说明
        #[arg(long)]
        note: Option<String>,
        /// 修改已通报年度的评分时的理由（记入操作记录）
        #[arg(long)]
        reason: Option<String>,
    },
    /// 从 .xlsx 或 .csv 文件导入数据
    Import {
        /// 导入的内容
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// 签订件扫描件：归档、更换（须写明理由），导出签订件 PDF
    Scan {
        /// 要做的事
        #[command(subcommand)]
        what: scan_commands::ScanCommand,
    },
}

/// What `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// 导入责任单位：按“单位名称”新增或修改；有被拒绝的行时默认不写入任何数据
    Units {
        /// .xlsx 或 .csv 文件（表头含“单位名称”等列）
        file: PathBuf,
        /// 跳过被拒绝的行，只写入其余各行
        #[arg(long)]
        skip_rejected: bool,
        /// 只显示预览，不写入任何数据
        #[arg(long)]
        dry_run: bool,
    },
    /// 导入填好的自评表：有被拒绝的值时不写入任何数据
    Scores {
        /// 考核年度
        #[arg(long, value_parser = chinese::year)]
        year: i32,
        /// 填好的自评表（.xlsx，可多个）
        #[arg(required = true)]
        files: Vec<PathBuf>,
    },
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
        Command::Demo { force } => write_demo(db, *force).and_then(|()| {
            say!("已写入示例数据库：{}", db.display());
            Ok(ExitCode::SUCCESS)
        }),
        Command::Check => check(db),
        Command::Backup { out } => backup_commands::backup(db, out),
        Command::Restore { from } => backup_commands::restore(db, from),
        Command::Draft {
            year,
            units,
            copies,
        } => open_existing(db)
            .and_then(|mut store| workflow_commands::draft(&mut store, *year, units, *copies)),
        Command::List { year, status } => reading::open_for_reading(db)
            .and_then(|store| workflow_commands::list(&store, *year, status.as_deref())),
        Command::Export {
            year,
            out,
            units,
            print,
            copies,
        } => open_existing(db)
            .map_err(|error| {
                let locked = matches!(error.downcast_ref(), Some(StoreError::Locked { .. }));
                if locked {
                    error.context("导出时要把每个文件的校验信息登记到数据库（供日后核验），须能写入数据库：请在已打开的程序窗口中导出，或关闭窗口后再运行此命令")
                } else {
                    error
                }
            })
            .and_then(|mut store| {
            pdf_commands::export(
                &mut store,
                *year,
                out.as_deref(),
                units,
                print.as_deref(),
                *copies,
            )
        }),
        Command::Verify { file } => {
            reading::open_for_reading(db).and_then(|store| pdf_commands::verify(&store, file))
        }
        Command::Rollover { from, to } => open_existing(db)
            .and_then(|mut store| workflow_commands::rollover(&mut store, *from, *to)),
        Command::Import {
            what:
                ImportCommand::Units {
                    file,
                    skip_rejected,
                    dry_run,
                },
        } => import_units(db, file, *skip_rejected, *dry_run),
        Command::Year {
            year,
            party_a,
            signatory_title,
            signatory_name,
            signing_date,
            phase,
            full_score,
            reason,
        } => {
            let changes = year_command::YearChanges {
                party_a: party_a.clone(),
                signatory_title: signatory_title.clone(),
                signatory_name: signatory_name.clone(),
                signing_date: signing_date.clone(),
                phase: phase.clone(),
                full_score: full_score.clone(),
                reason: reason.clone(),
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
            open_existing(db).and_then(|mut store| {
                score_command::score(&mut store, *year, unit, indicator, &change)
            })
        }
        Command::Forms { year, out } => reading::open_for_reading(db)
            .and_then(|store| score_commands::forms(&store, *year, out)),
        Command::Notice {
            year,
            out,
            date,
            xlsx,
        } => reading::open_for_reading(db)
            .and_then(|store| notice_command::notice(&store, *year, out, *date, xlsx.as_deref())),
        Command::Import {
            what: ImportCommand::Scores { year, files },
        } => open_existing(db)
            .and_then(|mut store| score_commands::import_scores(&mut store, *year, files)),
        Command::Scan { what } => scan_commands::run(db, what),
    };
    result.unwrap_or_else(|error| {
        if output::is_closed_pipe(&error) {
            return ExitCode::SUCCESS;
        }
        eprintln!("错误：{}", in_chinese(&error));
        let technical = error
            .chain()
            .find_map(|cause| cause.downcast_ref::<StoreError>()?.technical_details());
        if let Some(details) = technical {
            eprintln!("技术细节（供技术人员查看）：{details}");
        }
        ExitCode::from(2)
    })
}

/// An error and its causes joined by "：", a system I/O error told in Chinese.
fn in_chinese(error: &anyhow::Error) -> String {
    error
        .chain()
        .map(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .map_or_else(|| cause.to_string(), crate::io::files::reason)
        })
        .collect::<Vec<_>>()
        .join("：")
}

/// Opens a database that must already exist (commands other than `demo` never create one).
fn open_existing(db: &Path) -> anyhow::Result<Store> {
    if !db.exists() {
        anyhow::bail!("数据库文件不存在：{}", db.display());
    }
    Ok(Store::open(db)?)
}

fn check(db: &Path) -> anyhow::Result<ExitCode> {
    let report = Store::check_file(db)?;
    say!("数据库：{}", db.display());
    say!("{report}");
    Ok(if report.is_ok() {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    })
}

/// Prints the preview of a unit import, then writes it unless rows were rejected.
fn import_units(
    db: &Path,
    file: &Path,
    skip_rejected: bool,
    dry_run: bool,
) -> anyhow::Result<ExitCode> {
    let mut store = if dry_run {
        reading::open_for_reading(db)?
    } else {
        open_existing(db)?
    };
    let table = crate::io::read_table(file)?;
    let preview = crate::io::preview(&table, &store.units()?, &store.categories()?)?;
    say!("文件：{}", file.display());
    say!(
        "新增 {} 个单位，修改 {} 个单位，{} 个单位无变化，拒绝 {} 行",
        preview.additions.len(),
        preview.changes.len(),
        preview.unchanged,
        preview.rejected.len()
    );
    if !preview.unknown_columns.is_empty() {
        say!(
            "未识别的列（已忽略）：{}；可识别的列：{}",
            preview.unknown_columns.join("、"),
            crate::io::known_headers()
        );
    }
    for row in &preview.additions {
        say!("新增 第 {} 行：{}", row.row_number, row.draft.name);
    }
    for change in &preview.changes {
        let fields: Vec<String> = (change.differences.iter())
            .map(|d| format!("{} “{}” → “{}”", d.label, d.before, d.after))
            .collect();
        let name = &change.after.name;
        say!(
            "修改 第 {} 行：{name}：{}",
            change.row_number,
            fields.join("；")
        );
    }
    for row in &preview.rejected {
        say!("第 {} 行：{}", row.row_number, row.reason);
    }
    if dry_run {
        say!("预览完毕，没有写入任何数据（去掉 --dry-run 即写入）");
        return Ok(if preview.rejected.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    if !preview.rejected.is_empty() && !skip_rejected {
        eprintln!(
            "有 {} 行被拒绝，没有写入任何数据；请改正后重新导入，或加 --skip-rejected 只写入其余各行",
            preview.rejected.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    let summary = crate::io::apply(&mut store, &preview)?;
    say!(
        "已写入：新增 {} 个单位，修改 {} 个单位",
        summary.added,
        summary.changed
    );
    Ok(ExitCode::SUCCESS)
}

/// Writes the demo to a temporary file beside `db`, then renames it into place; data it
/// replaces is kept first (see `store::replace_whole`).
pub fn write_demo(db: &Path, force: bool) -> anyhow::Result<()> {
    if db.exists() && !force {
        anyhow::bail!("文件已存在，如需覆盖请加 --force：{}", db.display());
    }
    // Built in memory and written out as a checked, synced copy: a full disk fails the copy,
    // never leaves a damaged file under the final name.
    let build = |path: &Path| {
        let mut store = Store::open_in_memory()?;
        crate::demo::load(&mut store)?;
        store.save_as(path)
    };
    if !db.exists() {
        let temp = crate::io::files::temp_name_beside(db);
        let written = build(&temp).map_err(anyhow::Error::from).and_then(|()| {
            std::fs::rename(&temp, db).with_context(|| format!("无法写入：{}", db.display()))
        });
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        return written;
    }
    // Overwriting a database another window holds would pull its file away under it.
    let _lock = crate::store::lock::acquire_for_replace(db)?;
    let kept = crate::store::replace_whole(db, build)
        .with_context(|| format!("没有写入示例数据，原有文件未改动：{}", db.display()))?;
    say!("原有文件已保存为：{}", kept.display());
    Ok(())
}
