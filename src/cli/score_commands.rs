//! `forms` and `import scores`: the self-assessment round trip from the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::io::score_forms::{apply_import, preview_import, write_form_files};
use crate::store::Store;

/// How many numbered forms are named one by one; the rest are counted.
const RENAMED_SHOWN: usize = 5;

/// `zerenshu forms --year Y --out DIR`: one self-assessment form per agreement, into a folder
/// that must exist (as for `export`). A form whose usual name is taken is numbered and said so;
/// a year without agreements produces nothing and fails.
pub fn forms(store: &Store, year: i32, out: &Path, units: &[String]) -> anyhow::Result<ExitCode> {
    super::year_command::require_year(store, year)?;
    crate::workflow::export::check_folder(out)?;
    let only = super::pdf_commands::agreement_ids(store, units, year)?;
    let files = write_form_files(store, year, out, only.as_deref())?;
    if files.is_empty() {
        anyhow::bail!("{year} 年度还没有责任书，没有生成自评表");
    }
    say!(
        "已生成 {} 份 {year} 年度自评表：{}",
        files.len(),
        out.display()
    );
    let renamed: Vec<_> = files
        .iter()
        .filter_map(|form| Some((form.name_taken.as_deref()?, form.path.as_path())))
        .collect();
    if !renamed.is_empty() {
        say!(
            "其中 {} 份因文件夹中已有同名文件（已保留原文件）而加了编号：",
            renamed.len()
        );
        for (taken, path) in renamed.iter().take(RENAMED_SHOWN) {
            say!("  {} → {}", file_name(taken), file_name(path));
        }
        if renamed.len() > RENAMED_SHOWN {
            say!("  ……另有 {} 份", renamed.len() - RENAMED_SHOWN);
        }
    }
    for note in crate::io::score_forms::forms_notes(store, year, only.as_deref())? {
        note!("提示：{note}");
    }
    Ok(ExitCode::SUCCESS)
}

/// The last part of a path, for a listing inside one folder.
fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// `zerenshu import scores [--year Y] [--dry-run] [--yes] FILE...`: prints the preview, then
/// writes it unless a value was rejected (asking first at a terminal, see [`super::confirm`]).
pub fn import_scores(
    store: &mut Store,
    year: Option<i32>,
    files: &[PathBuf],
    dry_run: bool,
    yes: bool,
) -> anyhow::Result<ExitCode> {
    // A path that is not a form at all is said so, as `import units` does, before any reading.
    for file in files {
        if file.is_dir() {
            anyhow::bail!("这是一个文件夹，不是自评表文件：{}", file.display());
        }
        if !file.exists() {
            anyhow::bail!("文件不存在：{}", file.display());
        }
    }
    // One file named twice (maybe by two paths, or by two patterns such as 自评表/*.xlsx and
    // 自评表/2025-001*) is read once: each row would otherwise refuse itself.
    let mut seen: Vec<(PathBuf, usize)> = Vec::new();
    let mut once: Vec<PathBuf> = Vec::new();
    for file in files {
        let canonical = std::fs::canonicalize(file).unwrap_or_else(|_| file.clone());
        if let Some((_, times)) = seen.iter_mut().find(|(seen, _)| *seen == canonical) {
            *times += 1;
        } else {
            seen.push((canonical, 1));
            once.push(file.clone());
        }
    }
    // Said once a file, with how many times it was named.
    for (file, (_, times)) in once.iter().zip(&seen) {
        if *times > 1 {
            note!("提示：文件指定了 {times} 次，只读一次：{}", file.display());
        }
    }
    let files = once.as_slice();
    let year = match (year, files.first()) {
        (Some(year), _) => year,
        // Not told: the year the first form was written for; a form of another year among
        // them is refused as usual.
        // --year helps only a form whose year cell was typed over, not another kind of file.
        (None, Some(first)) => {
            let year = crate::io::score_forms::year_of_form(first).map_err(|why| {
                let hint = if why.starts_with("表中的年度") {
                    "（可用 --year 指定年度）"
                } else {
                    ""
                };
                anyhow::anyhow!("{why}：{}{hint}", first.display())
            })?;
            // Forms of several years: which one is meant is not the first file's to decide
            // (the others' refusals would depend on the order they were named in).
            let mut years: Vec<i32> = (files.iter())
                .filter_map(|file| crate::io::score_forms::year_of_form(file).ok())
                .collect();
            years.sort_unstable();
            years.dedup();
            if years.len() > 1 {
                let listed: Vec<String> = years.iter().map(ToString::to_string).collect();
                anyhow::bail!(
                    "所选的自评表分属 {} 年度：请用 --year 指定要导入的年度（其他年度的表将被拒绝），或分开导入",
                    listed.join("、")
                );
            }
            year
        }
        (None, None) => anyhow::bail!("请指定要导入的自评表文件"),
    };
    if store.year(year)?.is_none() {
        return Err(super::year_command::missing_year(store, year));
    }
    let preview = preview_import(store, year, files)?;
    // A year that takes no import (published, or not yet to be scored) is said first, and
    // alone: lines of what "will" change would read as a promise.
    // Not a question left open (exit 1) but a state of the data: an error, like a year that
    // does not exist.
    if let Some(locked) = preview.locked {
        anyhow::bail!("{locked}");
    }
    say!("{} 个文件：{}", files.len(), preview.counts_text());
    // What is refused comes first: while any value is, nothing below is written.
    if !preview.rejected.is_empty() {
        say!("{}，改正前不会写入任何数据：", preview.refusals_text());
    }
    for rejected in &preview.rejected {
        say!("{rejected}");
    }
    let will = if preview.rejected.is_empty() {
        "将修改"
    } else {
        "改正后将修改"
    };
    for change in &preview.changes {
        let line = format!(
            "{will} {} 第 {} 行：{}，{}：{}",
            change.file.display(),
            change.row,
            change.unit_name,
            change.indicator_name,
            change.describe()
        );
        say!("{line}");
    }
    for missing in preview.missing.iter().chain(&preview.notes) {
        say!("提示：{missing}");
    }
    if let Some(incomplete) = preview.incomplete_note() {
        say!("提示：{incomplete}");
    }
    for (file, who) in &preview.filled_by {
        say!("{}：{who}", crate::io::files::file_name_text(file));
    }
    if dry_run {
        return super::confirm::dry_run_done(
            store.read_only_reason(),
            (!preview.rejected.is_empty(), !preview.changes.is_empty()),
            "有被拒绝的值：去掉 --dry-run 也不会写入，须先改正",
        );
    }
    if !preview.rejected.is_empty() {
        note!(
            "{}，没有写入任何数据；请改正后重新导入",
            preview.refusals_text()
        );
        // The others can go in on their own, named so that they can be given alone.
        let good = preview.files_without_refusals();
        if !good.is_empty() {
            // As given (with its folder), so that the list can be pasted into the command.
            let names: Vec<String> = (good.iter())
                .map(|file| {
                    let path = file.display().to_string();
                    if path.contains(char::is_whitespace) {
                        format!("\"{path}\"")
                    } else {
                        path
                    }
                })
                .collect();
            note!(
                "没有错误的 {} 个文件可以先单独导入：{}",
                names.len(),
                names.join(" ")
            );
        }
        return Ok(ExitCode::FAILURE);
    }
    if preview.changes.is_empty() {
        say!("没有需要写入的值：自评表中的自评分和自评说明与已登记的相同，或都未填写");
        return Ok(ExitCode::SUCCESS);
    }
    let look = |store: &mut Store| Ok(preview_import(store, year, files)?);
    if !super::confirm::may_go_on_unlocked(store, (yes, "确认写入？"), &preview, look)? {
        say!("没有写入任何数据");
        return Ok(ExitCode::FAILURE);
    }
    let written = apply_import(store, &preview)?;
    say!("{}", written.message(preview.year));
    Ok(ExitCode::SUCCESS)
}
