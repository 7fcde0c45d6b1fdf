//! `forms` and `import scores`: the self-assessment round trip from the command line.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context as _;

use crate::io::score_forms::{apply_import, preview_import, write_forms};
use crate::store::Store;

/// `zerenshu forms --year Y --out DIR`: one self-assessment form per agreement.
pub fn forms(store: &Store, year: i32, out: &Path) -> anyhow::Result<ExitCode> {
    std::fs::create_dir_all(out).with_context(|| format!("无法创建文件夹：{}", out.display()))?;
    let files = write_forms(store, year, out)?;
    if files.is_empty() {
        say!("{year} 年度还没有责任书，没有生成自评表");
    } else {
        say!(
            "已生成 {} 份 {year} 年度自评表：{}",
            files.len(),
            out.display()
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `zerenshu import scores --year Y FILE...`: prints the preview, then writes it unless a
/// value was rejected.
pub fn import_scores(store: &mut Store, year: i32, files: &[PathBuf]) -> anyhow::Result<ExitCode> {
    let preview = preview_import(store, year, files)?;
    say!(
        "{} 个文件：将修改 {} 项，{} 项无变化，拒绝 {} 个值",
        files.len(),
        preview.changes.len(),
        preview.unchanged,
        preview.rejected.len()
    );
    for change in &preview.changes {
        let line = format!(
            "将修改 {} 第 {} 行：{}，{}：{}",
            change.file.display(),
            change.row,
            change.unit_name,
            change.indicator_name,
            change.describe()
        );
        say!("{line}");
    }
    for rejected in &preview.rejected {
        say!("{rejected}");
    }
    if let Some(locked) = &preview.locked {
        eprintln!("{locked}");
        return Ok(ExitCode::FAILURE);
    }
    if !preview.rejected.is_empty() {
        eprintln!(
            "有 {} 个值被拒绝，没有写入任何数据；请改正后重新导入",
            preview.rejected.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    let written = apply_import(store, &preview)?;
    say!("已写入 {written} 项自评分");
    Ok(ExitCode::SUCCESS)
}
