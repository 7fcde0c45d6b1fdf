//! `scan`: the signed copy's scan from the command line, over the same services as the window:
//! archive it (one PDF, or images one page each in file-name order), replace a wrong one with a
//! reason, and export the signed copies (签订件) of archived agreements.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Subcommand;

use crate::model::AgreementStatus;
use crate::store::{ScanInput, Store};
use crate::workflow::signed_copy;

/// What `scan` does.
#[derive(Debug, Subcommand)]
pub enum ScanCommand {
    /// 归档扫描件：已签订的责任书存入签订件扫描件（一个 PDF，或多张图片，每张一页，按文件名排序），状态改为已归档
    #[command(
        after_help = "示例：zerenshu scan archive --db 责任书.sqlite3 --year 2025 --unit 石桥镇 第1页.jpg 第2页.jpg"
    )]
    Archive {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = super::chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 单位（全称或简称）
        #[arg(long, value_name = "单位")]
        unit: String,
        /// 扫描件页数少于责任书打印页数（可能漏扫）、图片太小（可能是缩略图）或文件已是另一份责任书的扫描件（可能选错了单位）时也归档，不询问
        #[arg(long, short = 'y')]
        yes: bool,
        /// 扫描文件（PDF、PNG 或 JPEG）
        #[arg(required = true, value_name = "文件")]
        files: Vec<PathBuf>,
    },
    /// 更换扫描件：已归档的责任书换用新的扫描文件；原扫描件仍保存在数据库中，理由记入操作记录
    #[command(
        after_help = "示例：zerenshu scan replace --db 责任书.sqlite3 --year 2025 --unit 杨柳镇 --reason 原扫描件缺第3页 签订件.pdf"
    )]
    Replace {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = super::chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 单位（全称或简称）
        #[arg(long, value_name = "单位")]
        unit: String,
        /// 更换的理由（必填，记入操作记录）
        #[arg(long, value_name = "理由")]
        reason: String,
        /// 新扫描件页数少于责任书打印页数（可能漏扫）、图片太小（可能是缩略图）或文件已是另一份责任书的扫描件（可能选错了单位）时也更换，不询问
        #[arg(long, short = 'y')]
        yes: bool,
        /// 新的扫描文件（PDF、PNG 或 JPEG）
        #[arg(required = true, value_name = "文件")]
        files: Vec<PathBuf>,
    },
    /// 导出签订件 PDF：已归档的责任书各一个文件（“年度-序号-单位简称-签订件.pdf”），带编号和校验码（图片扫描件印在每页下方；PDF 扫描件原样保留，写在文件属性中），可用 verify 核验
    #[command(
        after_help = "示例：zerenshu scan export --db 责任书.sqlite3 --year 2025 --out 签订件 --unit 杨柳镇"
    )]
    Export {
        /// 考核年度
        #[arg(long, value_name = "年度", value_parser = super::chinese::year, allow_negative_numbers = true)]
        year: i32,
        /// 只导出这些单位（全称或简称，可重复）；省略时导出该年度全部已归档的
        #[arg(long = "unit", value_name = "单位")]
        units: Vec<String>,
        /// 导出到的文件夹
        #[arg(long, value_name = "文件夹")]
        out: PathBuf,
    },
}

/// Runs a `scan` command on the database `db`.
pub fn run(db: &Path, command: &ScanCommand) -> anyhow::Result<ExitCode> {
    if let ScanCommand::Export { year, units, out } = command {
        // Export only reads: it works while the window has the database open, too.
        // Logged when the database can be written (else the file is written all the same).
        let mut store = super::reading::open_for_reading(db)?;
        return export(&mut store, *year, units, out);
    }
    let mut store = super::open_existing(db)?;
    match command {
        ScanCommand::Archive {
            year,
            unit,
            yes,
            files,
        } => {
            let (id, name) = one_agreement(&store, *year, unit)?;
            let inputs = signed_copy::read_scan_files(&store, files)?;
            // Asked only of an agreement that can take it: another is refused as it is.
            let is_signed = has_status(&store, id, AgreementStatus::Signed)?;
            // Signing is marked in the window only: said where, as the command cannot.
            if let Some(agreement) = store.agreement(id)?.filter(|_| !is_signed)
                && matches!(
                    agreement.status,
                    AgreementStatus::Draft | AgreementStatus::Final | AgreementStatus::Printed
                )
            {
                // Named by the unit, as it was asked for.
                anyhow::bail!(
                    "{year} 年度{name}的责任书（第 {} 号）当前为“{}”，不能归档：{}",
                    agreement.draft.number,
                    agreement.status.label(),
                    to_be_signed(agreement.status)
                );
            }
            if is_signed && !may_store_short(&mut store, id, &inputs, *yes, "仍要归档？")? {
                say!("没有归档");
                return Ok(ExitCode::FAILURE);
            }
            store.write(|w| w.archive_files(id, &inputs))?;
            say!("已归档签订件扫描件（{}）", described(&inputs));
        }
        ScanCommand::Replace {
            year,
            unit,
            reason,
            yes,
            files,
        } => {
            let (id, name) = one_agreement(&store, *year, unit)?;
            // Only an archived agreement has a scan to replace; said by the unit asked for.
            if let Some(agreement) = store.agreement(id)?
                && agreement.status != AgreementStatus::Archived
            {
                // The way to a scan from where it is: archiving a signed one, else signing.
                let way = if agreement.status == AgreementStatus::Signed {
                    let archive = super::hinted_command(
                        &store,
                        "scan archive",
                        &format!("--year {year} --unit \"{name}\" 文件…"),
                    );
                    format!("归档用 {archive}")
                } else {
                    format!("归档前{}", to_be_signed(agreement.status))
                };
                anyhow::bail!(
                    "{year} 年度{name}的责任书（第 {} 号）当前为“{}”，还没有归档扫描件，不能更换；{way}",
                    agreement.draft.number,
                    agreement.status.label(),
                );
            }
            let inputs = signed_copy::read_scan_files(&store, files)?;
            // The reason first: its refusal does not wait for an answer.
            if crate::model::reason::given(reason).is_none() {
                let refusal = crate::model::reason::refusal("更换扫描件", reason);
                return Err(crate::store::StoreError::Rejected(refusal).into());
            }
            let is_archived = has_status(&store, id, AgreementStatus::Archived)?;
            if is_archived && !may_store_short(&mut store, id, &inputs, *yes, "仍要更换？")? {
                say!("没有更换扫描件");
                return Ok(ExitCode::FAILURE);
            }
            store.write(|w| w.replace_scan(id, &inputs, reason))?;
            say!(
                "已更换扫描件（{}），原扫描件仍保存在数据库中，理由已记入操作记录",
                described(&inputs)
            );
        }
        ScanCommand::Export { .. } => {}
    }
    Ok(ExitCode::SUCCESS)
}

/// True when the agreement `id` has `status`.
fn has_status(store: &Store, id: i64, status: AgreementStatus) -> anyhow::Result<bool> {
    Ok(store.agreement(id)?.is_some_and(|a| a.status == status))
}

/// Whether a scan may be stored: at once when it has as many pages as the agreement prints,
/// no image too small to read and no file of another agreement's scan; else (a page perhaps
/// not scanned, a thumbnail, the wrong unit's file) once the clerk
/// answers `question` at a terminal, or given `yes` (`--yes`). A scan stored stays in the database for good, so the
/// question comes before, as the window asks before 确定归档.
fn may_store_short(
    store: &mut Store,
    id: i64,
    inputs: &[ScanInput],
    yes: bool,
    question: &str,
) -> anyhow::Result<bool> {
    // A file that could never be stored is refused as such, before pages are asked about.
    crate::store::check_scan_files(inputs)?;
    let fonts = crate::pdf::fonts::FontSet::with_installed();
    let Some(warning) = crate::workflow::scan_pages::short_scan_warning(store, &fonts, id, inputs)?
    else {
        return Ok(true);
    };
    note!("提示：{warning}");
    // The database let go while the question waits; what it was about, looked at again.
    let look = |store: &mut Store| -> anyhow::Result<_> {
        let again = crate::workflow::scan_pages::short_scan_warning(store, &fonts, id, inputs)?;
        Ok((again, store.agreement(id)?))
    };
    let shown = (Some(warning), store.agreement(id)?);
    super::confirm::may_go_on_unlocked(store, (yes, question), &shown, look)
}

/// The files of a scan in a few words, with each image's page.
fn described(inputs: &[ScanInput]) -> String {
    crate::store::describe_scan(inputs.iter().map(|f| f.file_name.as_str()))
}

/// What an agreement at `status` (草稿, 已定稿 or 已打印) needs before a scan: to be marked
/// signed, which the window does (no command marks it), with the steps still to go from there.
fn to_be_signed(status: AgreementStatus) -> String {
    let steps = match status {
        AgreementStatus::Draft => "点“定稿”、打印后点“标记已打印…”，签回后点“标记已签订…”",
        AgreementStatus::Final => "打印后点“标记已打印…”，签回后点“标记已签订…”",
        _ => "点“标记已签订…”",
    };
    format!("须先标记已签订（在窗口“责任书 → 签订跟踪”中打开它，{steps}，填写签订日期和签字人）")
}

/// The agreement of `unit` in `year`, with the unit's name as the year has it.
fn one_agreement(store: &Store, year: i32, unit: &str) -> anyhow::Result<(i64, String)> {
    // A year not there is said as such, as every command says it.
    super::year_command::require_year(store, year)?;
    let ids = super::pdf_commands::agreement_ids(store, &[unit.to_owned()], year)?;
    let id = (ids.and_then(|ids| ids.first().copied()))
        .ok_or_else(|| anyhow::anyhow!("找不到单位“{unit}”"))?;
    let unit_id = store.agreement(id)?.map(|a| a.draft.unit_id);
    let name = (store.units_in(year)?.into_iter())
        .find(|u| Some(u.id) == unit_id)
        .map_or_else(|| unit.to_owned(), |u| u.fields.name);
    Ok((id, name))
}

fn export(store: &mut Store, year: i32, units: &[String], out: &Path) -> anyhow::Result<ExitCode> {
    // Said as `export` says it: a missing folder, or a file where the folder should be.
    crate::workflow::export::check_folder(out)?;
    super::year_command::require_year(store, year)?;
    let only = super::pdf_commands::agreement_ids(store, units, year)?;
    let chosen: Vec<_> = store
        .agreements(year)?
        .into_iter()
        .filter(|a| only.as_ref().is_none_or(|ids| ids.contains(&a.id)))
        .collect();
    let (archived, others): (Vec<_>, Vec<_>) = chosen
        .into_iter()
        .partition(|a| a.status == AgreementStatus::Archived);
    if !units.is_empty() && !others.is_empty() {
        // Named by the unit too, as it was asked for.
        let names: std::collections::HashMap<i64, String> = (store.units_in(year)?.into_iter())
            .map(|u| (u.id, u.fields.name))
            .collect();
        let numbers: Vec<String> = others
            .iter()
            .map(|a| {
                let name = names.get(&a.draft.unit_id).map_or("", String::as_str);
                format!("第 {} 号{name}（{}）", a.draft.number, a.status.label())
            })
            .collect();
        anyhow::bail!(
            "以下责任书尚未归档扫描件，没有签订件可导出：{}",
            numbers.join("、")
        );
    }
    if archived.is_empty() {
        anyhow::bail!(
            "{year} 年度还没有归档扫描件的责任书，没有签订件可导出（先用 zerenshu scan archive 归档）"
        );
    }
    // Each file said when it is not simply written under its own name: left as it was (the
    // same copy), numbered beside another one, or a PDF scan whose pages carry no code.
    let mut exports = Vec::new();
    let mut failed = None;
    for agreement in &archived {
        match signed_copy::export_signed(store, agreement.id, out) {
            Ok(export) => exports.push((agreement.id, export)),
            Err(error) => {
                failed = Some(error);
                break;
            }
        }
    }
    // What was written is logged, also when a later copy could not be.
    signed_copy::remember_signed_exports(store, &exports);
    if let Some(error) = failed {
        return Err(error.into());
    }
    let exports: Vec<_> = exports.into_iter().map(|(_, export)| export).collect();
    if let [export] = exports.as_slice() {
        say!("{}", export.message());
        return Ok(ExitCode::SUCCESS);
    }
    for export in &exports {
        if export.is_numbered() || export.is_pdf_scan {
            say!("{}", export.message());
        }
    }
    say!("{}", signed_copy::exported_count(&exports, out));
    Ok(ExitCode::SUCCESS)
}
