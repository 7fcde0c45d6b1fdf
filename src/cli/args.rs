//! The command line's arguments and subcommands, as clap reads them; the help is Chinese.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use super::{chinese, scan_commands};

/// 安全生产目标管理责任书：起草、打印、签订跟踪与年度考核
#[derive(Debug, Parser)]
#[command(name = "zerenshu", version, about, after_help = chinese::EXAMPLES)]
pub struct Args {
    /// 数据库文件（默认：系统数据目录下的 zerenshu.sqlite3）
    #[arg(long, global = true, value_name = "路径")]
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
    #[command(after_help = "示例：zerenshu demo --db 示例.sqlite3")]
    Demo {
        /// 文件已存在时覆盖它
        #[arg(long)]
        force: bool,
    },
    /// 检查数据库的完整性、外键、数据版本、定稿文本与扫描件的校验，并按年度列出逾期未签订的份数；有问题时以非零状态退出
    #[command(after_help = "示例：zerenshu check --db 责任书.sqlite3")]
    Check,
    /// 为某年度批量起草责任书（已有责任书的单位跳过）
    #[command(
        after_help = "示例：zerenshu draft --db 责任书.sqlite3 --year 2026 --unit 青山镇 --unit 应急局"
    )]
    Draft {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 只为这些单位起草（全称或简称，可重复）；省略时为全部在用单位
        #[arg(long = "unit", value_name = "单位")]
        units: Vec<String>,
        /// Copies each agreement is signed in; the help, from the model's limits, is
        /// `chinese::agreement_copies_help`.
        #[arg(
            long,
            value_name = "份数",
            help = chinese::agreement_copies_help(),
            value_parser = chinese::agreement_copies,
            allow_negative_numbers = true
        )]
        copies: Option<i64>,
    },
    /// 列出某年度的责任书，首行为列名，其后每份一行（序号、单位、类别、状态、定稿/打印/签订日期、签回/份数、校验码、逾期、单位状态），以制表符分隔
    #[command(after_help = "示例：zerenshu list --db 责任书.sqlite3 --year 2026 --status 未签订")]
    List {
        /// 考核年度（省略时为最新的年度）
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: Option<i32>,
        /// 只列出此状态（草稿、已定稿、已打印、已签订、已归档；“未签订”列出尚未签回的草稿、已定稿和已打印；“已签订（含已归档）”列出已签回的；“逾期”只列出未签订中已过计划签订日期的；脚本也可写英文代码 draft、final、printed、signed、archived、unsigned、signed-or-archived、overdue）
        #[arg(long, value_name = "状态")]
        status: Option<String>,
    },
    /// 列出在用单位，每个一行（名称、简称、类别，以制表符分隔；未填简称的写作 -）；其他命令的 --unit 可写名称或简称
    #[command(after_help = "示例：zerenshu units --db 责任书.sqlite3 --xlsx 单位名单.xlsx")]
    Units {
        /// 列出该年度当时的在用单位（省略时为单位名册中现在的）
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: Option<i32>,
        /// 同时把在用单位写成单位名单（.xlsx，列与“import units”相同，改好后可再导入；写的是名册中现在的单位，不与 --year 同用）
        #[arg(long, value_name = "文件", conflicts_with = "year")]
        xlsx: Option<PathBuf>,
        /// --xlsx 的文件已存在时覆盖它（只与 --xlsx 同用）
        #[arg(long, requires = "xlsx")]
        force: bool,
    },
    /// 年度结转：复制甲方设置、等次、模板和考核指标到新年度（不复制责任书）
    #[command(after_help = "示例：zerenshu rollover --db 责任书.sqlite3 --from 2025 --to 2026")]
    Rollover {
        /// 来源年度
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        from: i32,
        /// 新年度
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        to: i32,
        /// 不询问即结转：来源年度还有责任书未签订时，默认先询问（不在终端中运行时拒绝）；来源年度还在筹备、尚未起草责任书时，默认拒绝
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// 导出责任书 PDF：每份一个文件（--out），或合成一个打印文件（--print），两者至少写一个
    #[command(
        after_help = "示例：zerenshu export --db 责任书.sqlite3 --year 2026 --out 导出 --print 打印.pdf --copies 2"
    )]
    Export {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 导出到的文件夹（文件名为“年度-序号-单位简称.pdf”，尚未定稿的为“…-草稿.pdf”）
        #[arg(long, value_name = "文件夹")]
        out: Option<PathBuf>,
        /// 只导出这些单位（全称或简称，可重复）
        #[arg(long = "unit", value_name = "单位")]
        units: Vec<String>,
        /// 另外写一个打印文件（签字本，草稿不放入；不指定单位时只含待打印的已定稿责任书）：每份责任书印其正文写明的份数（一式N份就印N份，或按 --copies 统一印），每一份都从奇数页开始
        #[arg(long, value_name = "文件")]
        print: Option<PathBuf>,
        /// Copies of each agreement in the print file; the help, from the print file's limit,
        /// is `chinese::print_copies_help`.
        #[arg(
            long,
            value_name = "份数",
            help = chinese::print_copies_help(),
            value_parser = chinese::print_copies,
            allow_negative_numbers = true
        )]
        copies: Option<usize>,
        /// 文件夹中已有同名的责任书 PDF，或打印文件已存在时，替换它们（不加时拒绝，以免误覆盖）
        #[arg(long)]
        force: bool,
    },
    /// 核验 PDF：按校验码找到对应责任书，并判断文件是否与导出时完全一致（退出码：0 一致，1 不一致，2 读不出，3 草稿、通报、打印文件等不作整体核验；多个文件时取其中最要紧的，依次为 1、2、3）
    #[command(
        after_help = "示例：zerenshu verify --db 责任书.sqlite3 2026-005-青山镇.pdf\n      zerenshu verify --db 责任书.sqlite3 \"3a86 f6b8 eb89\""
    )]
    Verify {
        /// 要核验的 PDF 文件（可写多个），或纸质件页脚上的校验码（查出是哪一份责任书）
        #[arg(value_name = "文件或校验码", required = true, num_args = 1..)]
        files: Vec<PathBuf>,
    },
    /// 生成自评表：每份责任书一个 .xlsx 文件，供责任单位填写自评分
    #[command(after_help = "示例：zerenshu forms --db 责任书.sqlite3 --year 2025 --out 自评表")]
    Forms {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 写入的文件夹（文件名为“年度-序号-单位简称-自评表.xlsx”）
        #[arg(long, value_name = "文件夹")]
        out: PathBuf,
        /// 只生成这些单位的自评表（全称或简称，可重复；如补发一张）
        #[arg(long = "unit", value_name = "单位")]
        units: Vec<String>,
    },
    /// 生成年度考核结果通报（PDF，附考核得分情况表）
    #[command(
        after_help = "示例：zerenshu notice --db 责任书.sqlite3 --year 2024 --out 通报.pdf --xlsx 汇总.xlsx"
    )]
    Notice {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 写入的 PDF 文件（只要得分汇总表时可不写，只写 --xlsx）
        #[arg(long, value_name = "文件", required_unless_present = "xlsx")]
        out: Option<PathBuf>,
        /// 成文日期，如 2025-03-05（默认：该年度上次导出通报时的日期，发布前未指定日期导出的校对稿不算；没有则为结果通报（已通报）之日，尚未通报则为今天）。已通报年度的通报导出过一次后，成文日期即已定下，--date 只能写同一天
        #[arg(long, value_name = "日期", value_parser = chinese::date)]
        date: Option<chrono::NaiveDate>,
        /// 同时写入考核得分汇总表（.xlsx）；不写 --out 时只写汇总表，尚未评完也可导出（标题注明“未评完”）
        #[arg(long, value_name = "文件")]
        xlsx: Option<PathBuf>,
        /// 文件已存在时覆盖它（不加时拒绝，以免误覆盖）
        #[arg(long)]
        force: bool,
        /// 已通报年度首次导出通报时，--date 不在通常的成文日期范围内也照用（这次导出即定下印发日期，所以不加时拒绝），不写 --date 时在终端中不再先询问默认的成文日期；已定下的日期不能用它更改
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// 备份数据库（程序运行时也可备份），并检查备份的完整性
    #[command(after_help = "示例：zerenshu backup --db 责任书.sqlite3 --out 责任书-备份.sqlite3")]
    Backup {
        /// 备份写入的文件（不能已存在）；不写时备份到数据库旁的 backups 文件夹（与窗口中的“立即备份”相同）
        #[arg(long, value_name = "文件")]
        out: Option<PathBuf>,
    },
    /// 用备份替换数据库：先自动备份当前数据（已损坏的文件原样移到一旁）
    #[command(
        after_help = "示例：zerenshu restore --db 责任书.sqlite3 --from backups/某个备份.sqlite3"
    )]
    Restore {
        /// 要恢复的备份文件
        #[arg(long, value_name = "文件")]
        from: PathBuf,
        /// 不询问“确认恢复？”（在终端中运行时默认先询问；脚本中运行时须加此项才恢复）
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// 查看或修改年度设置（甲方、签字人、计划签订日期、等次分数线、满分、年度阶段；“已通报”锁定评分）
    #[command(
        after_help = "示例：zerenshu year --db 责任书.sqlite3 --year 2026 --signing-date 2026-03-15 --bands \"优秀:90,良好:80,合格:60,不合格:0\""
    )]
    Year {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 甲方名称
        #[arg(long, value_name = "名称")]
        party_a: Option<String>,
        /// 甲方签字人职务
        #[arg(long, value_name = "职务")]
        signatory_title: Option<String>,
        /// 甲方签字人姓名
        #[arg(long, value_name = "姓名")]
        signatory_name: Option<String>,
        /// 计划签订日期，如 2025-03-15 或 2025年3月15日（空字符串为清除）
        #[arg(long, value_name = "日期")]
        signing_date: Option<String>,
        /// 年度阶段：筹备、签订、考核、已通报（脚本也可写 preparing、signing、assessing、published）
        #[arg(long, value_name = "阶段")]
        phase: Option<String>,
        /// 考核指标的满分（默认 100；已有指标定稿时不能改）
        #[arg(long, value_name = "分数", allow_negative_numbers = true)]
        full_score: Option<String>,
        /// 等次分数线，从高到低，如 "优秀:90,良好:80,合格:60,不合格:0"（以上含本数；最低等次为 0）
        #[arg(long, value_name = "等次")]
        bands: Option<String>,
        /// 撤回“已通报”时的理由（记入操作记录）
        #[arg(long, value_name = "理由")]
        reason: Option<String>,
        /// 考核结果通报的发文字号，如 "示政通〔2026〕3号"（同窗口“通报与统计 → 通报措辞…”中的，空字符串为清除；发布后措辞锁定，不能再改）
        #[arg(long, value_name = "文号")]
        document_number: Option<String>,
        /// 发布考核结果时不询问（有未签订的责任书、通报措辞写到了没有单位的等次时，终端中先询问，脚本中须加此项）
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// 录入或修改一个单位一项指标的评分（与考核表格中的一格相同的检查）
    #[command(
        after_help = "示例：zerenshu score --db 责任书.sqlite3 --year 2025 --unit 城关街道 --indicator 组织领导 --assessed 5.5"
    )]
    Score {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 单位（全称或简称）
        #[arg(long, value_name = "单位")]
        unit: String,
        /// 考核指标名称
        #[arg(long, value_name = "指标")]
        indicator: String,
        /// 自评分（写“清除”为清除已录入的自评分）
        #[arg(long = "self", value_name = "分数", allow_negative_numbers = true)]
        self_score: Option<String>,
        /// 考核组评分（写“清除”为清除已录入的考核组评分）
        #[arg(long, value_name = "分数", allow_negative_numbers = true)]
        assessed: Option<String>,
        /// 评分说明（写空字符串 "" 即删除已有的说明）
        #[arg(long, value_name = "说明")]
        note: Option<String>,
        /// 修改已通报年度的评分时的理由（记入操作记录）
        #[arg(long, value_name = "理由")]
        reason: Option<String>,
    },
    /// 从 .xlsx 或 .csv 文件导入数据
    #[command(
        after_help = "示例：zerenshu import units --db 责任书.sqlite3 单位.xlsx\n      zerenshu import scores --db 责任书.sqlite3 自评表/*.xlsx"
    )]
    Import {
        /// 导入的内容
        #[command(subcommand)]
        what: ImportCommand,
    },
    /// 签订件扫描件：归档、更换（须写明理由），导出签订件 PDF
    #[command(
        after_help = "示例：zerenshu scan archive --db 责任书.sqlite3 --year 2025 --unit 石桥镇 第1页.jpg 第2页.jpg"
    )]
    Scan {
        /// 要做的事
        #[command(subcommand)]
        what: scan_commands::ScanCommand,
    },
}

impl Command {
    /// True for the commands that may make a new database file (`demo`, and `restore` onto a
    /// missing one); the others use an existing one or refuse.
    #[must_use]
    pub fn may_create_database(&self) -> bool {
        matches!(self, Self::Demo { .. } | Self::Restore { .. })
    }

    /// The command's name as typed ("draft"), for the note of a lock it holds.
    #[must_use]
    pub fn name(&self) -> &'static str {
        match self {
            Self::Demo { .. } => "demo",
            Self::Check => "check",
            Self::Draft { .. } => "draft",
            Self::List { .. } => "list",
            Self::Units { .. } => "units",
            Self::Rollover { .. } => "rollover",
            Self::Export { .. } => "export",
            Self::Verify { .. } => "verify",
            Self::Forms { .. } => "forms",
            Self::Notice { .. } => "notice",
            Self::Backup { .. } => "backup",
            Self::Restore { .. } => "restore",
            Self::Year { .. } => "year",
            Self::Score { .. } => "score",
            Self::Import { .. } => "import",
            Self::Scan { .. } => "scan",
        }
    }
}

/// What `import` reads.
#[derive(Debug, Subcommand)]
pub enum ImportCommand {
    /// 导入责任单位：按“单位名称”新增或修改；有被拒绝的行时默认不写入任何数据；在终端中运行时先显示预览并询问是否写入
    #[command(after_help = "示例：zerenshu import units --db 责任书.sqlite3 --dry-run 单位.xlsx")]
    Units {
        /// .xlsx 或 .csv 文件（表头含“单位名称”等列）
        #[arg(value_name = "文件")]
        file: PathBuf,
        /// 跳过被拒绝的行，只写入其余各行
        #[arg(long)]
        skip_rejected: bool,
        /// 只显示预览，不写入任何数据（有被拒绝的行时以非零状态退出）
        #[arg(long, conflicts_with = "yes")]
        dry_run: bool,
        /// 不询问，显示预览后直接写入（在终端中运行时默认先询问“确认写入？”；脚本中运行时须加此项才写入）
        #[arg(long, short = 'y')]
        yes: bool,
    },
    /// 导入填好的自评表：有被拒绝的值时不写入任何数据；在终端中运行时先显示预览并询问是否写入
    #[command(
        after_help = "示例：zerenshu import scores --db 责任书.sqlite3 --year 2025 自评表/*.xlsx"
    )]
    Scores {
        /// 考核年度（不填则按自评表上的年度；所选的表分属几个年度时须填写）
        #[arg(long, value_name = "年度", value_parser = chinese::year, allow_negative_numbers = true)]
        year: Option<i32>,
        /// 填好的自评表（.xlsx，可多个）
        #[arg(required = true, value_name = "文件")]
        files: Vec<PathBuf>,
        /// 只显示预览，不写入任何数据（有被拒绝的值时以非零状态退出）
        #[arg(long, conflicts_with = "yes")]
        dry_run: bool,
        /// 不询问，显示预览后直接写入（在终端中运行时默认先询问“确认写入？”；脚本中运行时须加此项才写入）
        #[arg(long, short = 'y')]
        yes: bool,
    },
}
