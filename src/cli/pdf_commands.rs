//! `export` and `verify`: agreement PDFs from the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::AtomicBool;

use anyhow::Context as _;

use crate::model::AgreementStatus;
use crate::pdf::fonts::FontSet;
use crate::store::Store;
use crate::workflow::export;
use crate::workflow::verify;
use crate::workflow::verify_report;

/// The ids of the year's agreements with the units named on the command line (full or short
/// name), or None for all; every name not found is said at once.
pub(super) fn agreement_ids(
    store: &Store,
    names: &[String],
    year: i32,
) -> anyhow::Result<Option<Vec<i64>>> {
    if names.is_empty() {
        return Ok(None);
    }
    // A unit is found by the name the year knew it by, or by its name in the register now.
    let units = [store.units_in(year)?, store.units()?].concat();
    let agreements = store.agreements(year)?;
    // `units`, not `list`: `list` lists agreements.
    let listing = super::hinted_command(store, "units", &format!("--year {year}"));
    // Every name not found is said at once, not only the first.
    let found = names.iter().map(|name| {
        let name = name.trim();
        let unit = super::unit_lookup::find_unit(&units, name)?
            .with_context(|| super::unit_lookup::not_found(&units, name, "找不到单位", &listing))?;
        let agreement = agreements
            .iter()
            .find(|a| a.draft.unit_id == unit.id)
            .with_context(|| format!("“{name}”在 {year} 年度没有责任书"))?;
        Ok(agreement.id)
    });
    Ok(Some(super::unit_lookup::all_or_every_error(found)?))
}

/// The names of the units whose agreements among `only` (or all) are still drafts.
fn drafts_among(store: &Store, year: i32, only: Option<&[i64]>) -> anyhow::Result<Vec<String>> {
    names_among(store, year, only, |a| a.status == AgreementStatus::Draft)
}

/// The units of the agreements of `year` (all, or `only` these) that `wanted` picks.
fn names_among(
    store: &Store,
    year: i32,
    only: Option<&[i64]>,
    wanted: impl Fn(&crate::model::Agreement) -> bool,
) -> anyhow::Result<Vec<String>> {
    let units = store.units_in(year)?;
    Ok(store
        .agreements(year)?
        .iter()
        .filter(|a| only.is_none_or(|ids| ids.contains(&a.id)))
        .filter(|a| wanted(a))
        .map(|a| {
            units.iter().find(|u| u.id == a.draft.unit_id).map_or_else(
                || format!("第 {} 号", a.draft.number),
                |u| u.fields.name.clone(),
            )
        })
        .collect())
}

/// Refuses a print file whose name does not end in `.pdf` (in any case: a clerk opening
/// "打印.txt" would see rubbish), that belongs to the database, or that is one of the single
/// files the same command exports into `out`.
fn check_print_path(
    store: &Store,
    year: i32,
    path: &Path,
    out: Option<&Path>,
    replace: bool,
) -> anyhow::Result<()> {
    if !path.is_dir() {
        let output = crate::io::destination::Output {
            what: "打印文件",
            extension: "pdf",
            replace,
        };
        crate::io::destination::check_output(path, store.path(), &output)?;
    }
    let same_folder = |folder: &Path| {
        let folder = folder.canonicalize().ok();
        let print_folder = crate::io::destination::folder_of(path).canonicalize().ok();
        folder.is_some() && folder == print_folder
    };
    if let (Some(folder), Some(name)) = (out, path.file_name())
        && same_folder(folder)
        && (export::file_names(store, year, None)?.iter()).any(|exported| name == exported.as_str())
    {
        anyhow::bail!(
            "打印文件与导出的单份 PDF 同名，会把它覆盖：{}（请给打印文件另起一个名字）",
            path.display()
        );
    }
    Ok(())
}

/// What a print file will hold, known before anything is written.
struct PrintPlan {
    /// The agreements to print.
    ids: Vec<i64>,
    /// Units whose agreements are drafts, left out.
    drafts: Vec<String>,
    /// Agreements left out of a whole year's print file because they were printed already.
    printed_before: usize,
}

/// The print file's agreements: the named units' (none of them a draft), or, for the whole
/// year, those waiting to be printed (已定稿). Refuses a destination that cannot be written;
/// `with_singles` says the command exports single PDFs too (which a refusal stops as well).
fn plan_print(
    store: &Store,
    year: i32,
    only: Option<&[i64]>,
    path: &Path,
    with_singles: bool,
) -> anyhow::Result<PrintPlan> {
    if path.is_dir() {
        anyhow::bail!("--print 须是一个文件名，这是一个文件夹：{}", path.display());
    }
    let folder = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or_else(|| Path::new("."));
    if !folder.is_dir() {
        anyhow::bail!("打印文件所在的文件夹不存在：{}", folder.display());
    }
    if let Err(error) = crate::io::files::check_writable(folder) {
        anyhow::bail!(
            "无法在此写入打印文件（{}）：{}",
            crate::io::files::reason(&error),
            folder.display()
        );
    }
    let drafts = drafts_among(store, year, only)?;
    let agreements = store.agreements(year)?;
    // Units named are printed as asked, their drafts left out (and said), as with none named.
    let plan = match only {
        Some(ids) => PrintPlan {
            ids: (agreements.iter())
                .filter(|a| ids.contains(&a.id) && a.status != AgreementStatus::Draft)
                .map(|a| a.id)
                .collect(),
            drafts,
            printed_before: 0,
        },
        None => PrintPlan {
            ids: agreements
                .iter()
                .filter(|a| a.status == AgreementStatus::Final)
                .map(|a| a.id)
                .collect(),
            drafts,
            printed_before: agreements
                .iter()
                .filter(|a| a.status > AgreementStatus::Final)
                .count(),
        },
    };
    // Nothing finalized, and drafts there: they are what stands in the way.
    if only.is_some() && plan.ids.is_empty() {
        let review = if with_singles {
            "；单份 PDF 也没有导出（审阅草稿只要单份 PDF，请去掉 --print）"
        } else {
            "（审阅草稿请用 --out 导出 PDF）"
        };
        anyhow::bail!(
            "所指定单位的责任书都还是草稿，须先定稿才能打印签字本：{}{review}",
            plan.drafts.join("、")
        );
    }
    if plan.ids.is_empty() && plan.printed_before == 0 && !plan.drafts.is_empty() {
        // With --out given too, nothing was exported either: said, with the way to have them.
        let review = if with_singles {
            "；单份 PDF 也没有导出（审阅草稿只要单份 PDF，请去掉 --print）"
        } else {
            "；审阅草稿请用 --out 导出 PDF"
        };
        anyhow::bail!(
            "{year} 年度的 {} 份责任书都还是草稿，须先定稿（在程序窗口的“责任书”中）才能打印签字本{review}",
            plan.drafts.len()
        );
    }
    if plan.ids.is_empty() {
        let singles = if with_singles {
            "；单份 PDF 也没有导出（只要单份 PDF 请去掉 --print）"
        } else {
            ""
        };
        anyhow::bail!(
            "{year} 年度没有待打印（已定稿）的责任书；确需重印已打印、已签订的，请用 --unit 指定单位{singles}"
        );
    }
    Ok(plan)
}

/// `zerenshu export --year Y [--out DIR] [--unit NAME]... [--print FILE [--copies N]]
/// [--force]`: the print file holds each agreement in its own number of copies, or N of each
/// when given; a print file already there, or single PDFs of the same names in `out`, are
/// replaced only with `replace` (`--force`).
pub fn export(
    store: &mut Store,
    year: i32,
    out: Option<&Path>,
    units: &[String],
    print: Option<&Path>,
    copies: Option<usize>,
    replace: bool,
) -> anyhow::Result<ExitCode> {
    if copies.is_some() && print.is_none() {
        anyhow::bail!(
            "--copies 只用于打印文件，须与 --print 一起使用（如 --print 签字本.pdf --copies 3）"
        );
    }
    if out.is_none() && print.is_none() {
        anyhow::bail!("请用 --out 指定导出文件夹，或用 --print 指定打印文件");
    }
    // Destinations are checked before any work.
    if let Some(path) = print {
        check_print_path(store, year, path, out, replace)?;
    }
    if let Some(folder) = out {
        export::check_folder(folder)?;
    }
    // A year that is not there gives nothing, for a print file too: said as every command
    // says it.
    if store.year(year)?.is_none() {
        return Err(super::year_command::missing_year(store, year));
    }
    if out.is_some() {
        // No agreements give nothing: said, and a failure, as `forms` does.
        if store.agreements(year)?.is_empty() {
            anyhow::bail!("{year} 年度还没有责任书，没有导出 PDF");
        }
    }
    let only = agreement_ids(store, units, year)?;
    // Files of the same names already in the folder are replaced only when asked, as the
    // window asks before replacing them.
    if let Some(folder) = out
        && !replace
    {
        let names = export::file_names(store, year, only.as_deref())?;
        let existing: Vec<&str> = (names.iter())
            .filter(|name| folder.join(name).exists())
            .map(String::as_str)
            .collect();
        if let Some(first) = existing.first() {
            let more = if existing.len() > 1 { " 等" } else { "" };
            anyhow::bail!(
                "文件夹中已有 {} 个同名的责任书 PDF（{first}{more}）：要替换请加 --force，或换一个文件夹：{}",
                existing.len(),
                folder.display()
            );
        }
    }
    // Everything that can refuse the print file is checked first: a refused command does
    // nothing, not half of it.
    let plan = print
        .map(|path| plan_print(store, year, only.as_deref(), path, out.is_some()))
        .transpose()?;
    let fonts = FontSet::with_installed();
    // The agreements written: those of the folder (all asked for), else those of the print
    // file (the drafts and those printed before left out), for the fonts' note.
    let written_ids: Option<Vec<i64>> = match (out, &plan) {
        (None, Some(plan)) => Some(plan.ids.clone()),
        _ => only.clone(),
    };
    if let Some(folder) = out {
        let cancel = AtomicBool::new(false);
        let report = export::export(
            store,
            &fonts,
            year,
            only.as_deref(),
            folder,
            &cancel,
            &|_, _| {},
        )
        .map_err(|error| match error {
            export::ExportError::Stopped { .. } => anyhow::anyhow!(
                "{error}；{}（仍用同一文件夹时加 --force）",
                error.retry_advice()
            ),
            error => anyhow::Error::new(error),
        })?;
        say!(
            "已导出 {} 份 PDF 到：{}",
            report.written.len(),
            folder.display()
        );
        if let Some(note) = crate::workflow::void_files::void_files_note(&report.void_beside) {
            say!("{note}");
        }
        // Drafts carry the same kind of name as the issued: said, so none goes out to be signed.
        let drafts = drafts_among(store, year, only.as_deref())?;
        if !drafts.is_empty() {
            note!(
                "提示：其中 {} 份是草稿（每页带“草稿”水印，没有校验码，不能用于签订）：{}",
                drafts.len(),
                first_few(&drafts)
            );
        }
        // Said as the window says it: drafts whose clause changes a template edit left behind
        // print as the template reads.
        let stale = crate::model::tailoring::stale_drafts(
            &store.agreements(year)?,
            &store.templates(year)?,
        );
        let pending = names_among(store, year, only.as_deref(), |a| stale.contains(&a.id))?;
        if let Some(note) = crate::model::tailoring::redo_export_note(&pending) {
            note!("提示：{note}");
        }
    }
    if let (Some(path), Some(plan)) = (print, plan) {
        let cancel = AtomicBool::new(false);
        let count = export::print(
            store,
            &fonts,
            year,
            Some(&plan.ids),
            copies,
            path,
            &cancel,
            &|_, _| {},
        )?
        .unwrap_or_default();
        let contents = export::PrintCopies::from(copies).contents(count);
        export::remember_print(store, year, path, &contents, &plan.ids);
        say!("已写入打印文件（{contents}）：{}", path.display());
        // The command leaves their status as it was: a second run would put them in again
        // (a 补印 of those printed before is no such case).
        let finals = names_among(store, year, Some(&plan.ids), |a| {
            a.status == AgreementStatus::Final
        })?;
        if !finals.is_empty() {
            note!(
                "提示：打印文件不改变责任书的状态；打印并核对无误后，请在窗口“责任书 → 签订跟踪”中勾选这些责任书，点“标记已打印”（否则下次打印仍会放入它们）"
            );
        }
        if !plan.drafts.is_empty() {
            note!(
                "提示：另有 {} 份草稿未放入打印文件（须先定稿）：{}",
                plan.drafts.len(),
                first_few(&plan.drafts)
            );
        }
        if plan.printed_before > 0 {
            note!(
                "提示：已打印、已签订或已归档的 {} 份不重印；确需重印时用 --unit 指定单位",
                plan.printed_before
            );
        }
        if let Some(copies) = copies {
            let differing = names_among(store, year, Some(&plan.ids), |a| {
                crate::model::agreement::copies_differ(a, copies)
            })?;
            if !differing.is_empty() {
                let which = if differing.len() == 1 && plan.ids.len() == 1 {
                    "这份".to_owned()
                } else if differing.len() == plan.ids.len() {
                    format!("全部 {} 份", differing.len())
                } else {
                    format!("其中 {} 份", differing.len())
                };
                note!(
                    "提示：{which}责任书正文写明的份数（一式几份）与打印份数（{copies} 份）不同，请核对：{}",
                    first_few(&differing)
                );
            }
        }
    }
    if let Some(warning) = crate::pdf::font_roles::missing_office_fonts_warning(&fonts) {
        note!("提示：{warning}");
    }
    let borrowed = export::borrowed_chars(store, &fonts, year, written_ids.as_deref())?;
    if let Some(warning) = crate::pdf::font_roles::borrowed_chars_warning(&borrowed) {
        note!("提示：{warning}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The exit code of a file of a kind not checked as a whole (a draft, a results notice, a
/// print file): ours, and not found altered, but not verified either.
const NOT_CHECKED: u8 = 3;

/// The exit code of a file that could not be read as a PDF (not one, or cut off): to be
/// fetched again, not taken for an altered copy.
const UNREADABLE: u8 = 2;

/// `zerenshu verify FILE...`: each file (or code) in turn, under its name when there are
/// several; exits 0 when every one verified, 1 when one did not (altered, unknown), 2 when one
/// could not be read (missing, not a PDF, cut off) and none did not verify, 3 ([`NOT_CHECKED`])
/// when one is of a kind not checked as a whole and none did worse.
pub fn verify_all(store: &Store, files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    // Worse to better: did not verify (an altered copy is what verifying is for: never hidden
    // behind a file that could not be read), could not be read, not checked, verified.
    let rank = |code: u8| match code {
        0 => 0,
        NOT_CHECKED => 1,
        1 => 3,
        _ => 2,
    };
    // A code (or a footer line) typed without quotes comes as several words, some of them no
    // code on their own ("3a86", "校验码"): none a file, they are taken together, as the quoted
    // code would be. Several whole codes are looked up each.
    let is_code = |typed: &str| {
        use crate::model::agreement_code::{is_code_prefix, misread_code, typed_code};
        is_code_prefix(&typed_code(typed))
            || misread_code(typed).is_some_and(|c| is_code_prefix(&c))
    };
    if files.len() > 1
        && files.iter().all(|file| !file.exists())
        && files.iter().any(|file| !is_code(&file.to_string_lossy()))
    {
        let joined = (files.iter())
            .map(|file| file.to_string_lossy())
            .collect::<Vec<_>>()
            .join(" ");
        if is_code(&joined) {
            return verify(store, &PathBuf::from(joined)).map(ExitCode::from);
        }
    }
    let [file] = files else {
        let mut worst = 0_u8;
        for file in files {
            say!("【{}】", file.display());
            let code = match verify(store, file) {
                Ok(code) => code,
                Err(error) if super::output::is_closed_pipe(&error) => return Err(error),
                Err(error) => {
                    say!("错误：{}", super::in_chinese(&error));
                    UNREADABLE
                }
            };
            if rank(code) > rank(worst) {
                worst = code;
            }
        }
        return Ok(ExitCode::from(worst));
    };
    verify(store, file).map(ExitCode::from)
}

/// One file (or a code typed instead): which agreement, and whether the file is exactly as
/// exported; its exit code (see [`verify_all`]).
fn verify(store: &Store, file: &PathBuf) -> anyhow::Result<u8> {
    // A code read off a paper copy (or its footer line pasted) rather than a file.
    if !file.exists() {
        let typed = file.to_string_lossy();
        // The 编号 printed beside the code, typed for it: said, not looked up as hex digits.
        if crate::model::agreement_code::typed_number(&typed).is_some() {
            anyhow::bail!(
                "“{}”是责任书编号，不是校验码：校验码印在编号之后（如“校验码 f319 89c9 55d6”），请输入它的至少 6 位",
                typed.trim()
            );
        }
        let mut code = crate::model::agreement_code::typed_code(&typed);
        // A letter read off the paper for the digit it looks like: looked up as that digit.
        if let Some(read) = crate::model::agreement_code::misread_code(&typed) {
            note!(
                "（校验码只含 0-9 和 a-f：字母 O 按数字 0、字母 I 或 l 按数字 1 查找，即 {read}）"
            );
            code = read;
        }
        if crate::model::agreement_code::is_code_prefix(&code) {
            return match crate::workflow::code_lookup::find_code(store, &code) {
                // A void code (its text sent back to 草稿) names its agreement, but the paper
                // carrying it is not the text in force: not "一致".
                Ok((sentence, _, is_current)) => {
                    say!("{sentence}");
                    Ok(u8::from(!is_current))
                }
                Err(crate::store::StoreError::Rejected(message)) => {
                    say!("{message}");
                    Ok(1)
                }
                Err(error) => Err(error.into()),
            };
        }
        anyhow::bail!(
            "找不到文件：{}（verify 核验 PDF 文件；要按纸质件上的校验码查找，请输入校验码的至少 6 位，校验码只含 0-9 和 a-f）",
            file.display()
        );
    }
    let bytes = std::fs::read(file).with_context(|| format!("无法读取文件：{}", file.display()))?;
    // A file that cannot be read is an error (exit 2; one file's said on standard error, as
    // a missing one is, each of several under its name).
    if bytes.is_empty() {
        anyhow::bail!(
            "文件是空的（0 字节），可能没有保存完整：请向发来的人重新要一份：{}",
            file.display()
        );
    }
    if !verify::looks_like_pdf(&bytes) {
        anyhow::bail!(
            "这不是 PDF 文件（verify 核验导出的责任书、打印文件和签订件 PDF）：{}",
            file.display()
        );
    }
    let hint = super::hinted_command(store, "verify", "<校验码>");
    let report = verify_report::report(store, verify::verify(store, &bytes)?, &hint)?;
    if report.is_unreadable {
        anyhow::bail!("{}：{}", report.lines.join("\n"), file.display());
    }
    for line in &report.lines {
        say!("{line}");
    }
    Ok(if report.is_exact {
        0
    } else if report.is_not_checked {
        NOT_CHECKED
    } else {
        1
    })
}

/// How many units a note names before "等": a whole year's list would bury the notes after it.
const NAMED_IN_NOTE: usize = 5;

/// The first few of `names` joined, " 等" after them when there are more: "甲镇、乙镇 等".
fn first_few(names: &[String]) -> String {
    match names.get(..NAMED_IN_NOTE) {
        Some(first) if names.len() > NAMED_IN_NOTE => format!("{} 等", first.join("、")),
        _ => names.join("、"),
    }
}
