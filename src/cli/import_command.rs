//! `import units`: the preview of a unit import printed, then written in one transaction
//! unless rows were rejected (or `--skip-rejected` is given); at a terminal the clerk is asked
//! first (see [`super::confirm`]).

use std::path::Path;
use std::process::ExitCode;

use super::{open_existing, reading};

/// The flags of `import units`.
#[derive(Debug, Clone, Copy)]
pub(super) struct Choices {
    /// Write the other rows when some are rejected.
    pub skip_rejected: bool,
    /// Only show the preview.
    pub dry_run: bool,
    /// Write without asking, even at a terminal.
    pub yes: bool,
}

/// Prints the preview of a unit import, then writes it unless rows were rejected.
pub(super) fn import_units(db: &Path, file: &Path, choices: Choices) -> anyhow::Result<ExitCode> {
    let Choices {
        skip_rejected,
        dry_run,
        yes,
    } = choices;
    let mut store = if dry_run {
        reading::open_for_reading(db)?
    } else {
        open_existing(db)?
    };
    let read = crate::io::read_unit_file(file)?;
    let table = &read.table;
    // A file whose one row is not a header of units is said to lack the column, below.
    if table.rows.is_empty() && crate::io::names_units(table) {
        anyhow::bail!(crate::io::unit_file::header_only_message(file));
    }
    // Looked at again after the question, which lets the database go while it waits.
    let look = |store: &mut crate::store::Store| -> anyhow::Result<crate::io::ImportPreview> {
        let mut preview = crate::io::preview(table, &store.units()?, &store.categories()?)?;
        preview.note_drafted(store)?;
        preview.note_former_names(store);
        Ok(preview)
    };
    let preview = look(&mut store)?;
    say!("文件：{}", file.display());
    if let Some(source) = read.source() {
        say!("{source}");
    }
    say!(
        "新增 {} 个单位，修改 {} 个单位，{} 个单位无变化，拒绝 {} 行",
        preview.additions.len(),
        preview.changes.len(),
        preview.unchanged,
        preview.rejected.len()
    );
    let (counting, unknown) = crate::io::not_imported_parts(&preview.unknown_columns);
    if !counting.is_empty() {
        say!("{}列只是行的编号，不导入", counting.join("、"));
    }
    if !unknown.is_empty() {
        say!(
            "未识别的列（已忽略）：{}；可识别的列：{}",
            unknown.join("、"),
            crate::io::known_headers()
        );
    }
    for extra in &preview.extra_cells {
        say!("{extra}");
    }
    for note in [preview.passed_over_note(), preview.repeated_note()]
        .into_iter()
        .flatten()
    {
        say!("{note}");
    }
    for note in preview.row_notes() {
        say!("提示：{note}");
    }
    for row in &preview.additions {
        // Where it is filed, as the window's preview says: checked before it lands; with the
        // people and the phone, every field written, as the window shows them too; the short
        // name too, which the grid, the file names and --unit go by.
        let draft = &row.draft;
        let short = Some(draft.short_name.trim()).filter(|s| *s != draft.name.trim());
        let people: String = [
            ("简称", short.unwrap_or_default()),
            ("负责人职务", draft.principal_title.trim()),
            ("负责人", draft.principal_name.trim()),
            ("联系人", draft.contact_name.trim()),
            ("联系电话", draft.contact_phone.trim()),
        ]
        .iter()
        .filter(|(_, value)| !value.is_empty())
        .fold(String::new(), |said, (label, value)| {
            format!("{said}，{label} {value}")
        });
        say!(
            "新增 第 {} 行：{}（{}，{}，排序号 {}{people}）",
            row.row_number,
            draft.name,
            draft.kind.label(),
            row.category_name,
            draft.sort_order
        );
    }
    for change in &preview.changes {
        let fields: Vec<String> = (change.differences.iter())
            .map(|d| format!("{}“{}” → “{}”", d.label, d.before, d.after))
            .collect();
        let name = &change.after.name;
        say!(
            "修改 第 {} 行：{name}：{}",
            change.row_number,
            fields.join("；")
        );
    }
    for row in &preview.rejected {
        say!("{}", row.line());
    }
    if dry_run {
        // A script writes only with --yes, as the preview's end says for the other case.
        let if_rejected = if skip_rejected && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            "有被拒绝的行：去掉 --dry-run 即跳过它们、写入其余各行（先询问一次）"
        } else if skip_rejected {
            "有被拒绝的行：去掉 --dry-run 并加 --yes 即跳过它们、写入其余各行"
        } else {
            "有被拒绝的行：改正后再导入，或加 --skip-rejected 只写入其余各行"
        };
        let has_changes = !preview.additions.is_empty() || !preview.changes.is_empty();
        return super::confirm::dry_run_done(
            store.read_only_reason(),
            (!preview.rejected.is_empty(), has_changes),
            if_rejected,
        );
    }
    if !preview.rejected.is_empty() && !skip_rejected {
        note!(
            "有 {} 行被拒绝，没有写入任何数据；请改正后重新导入，或加 --skip-rejected 只写入其余各行",
            preview.rejected.len()
        );
        return Ok(ExitCode::FAILURE);
    }
    if preview.has_writes()
        && !super::confirm::may_go_on_unlocked(&mut store, (yes, "确认写入？"), &preview, look)?
    {
        say!("没有写入任何数据");
        return Ok(ExitCode::FAILURE);
    }
    if !preview.has_writes() {
        say!("没有需要写入的单位，数据库没有改动");
        // Every row refused (with --skip-rejected) is a failure; all unchanged is not.
        return Ok(if preview.rejected.is_empty() {
            ExitCode::SUCCESS
        } else {
            ExitCode::FAILURE
        });
    }
    let file_name = file.file_name().map_or_else(
        || file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    );
    let summary = crate::io::apply(&mut store, &preview, &file_name)?;
    say!(
        "已写入：新增 {} 个单位，修改 {} 个单位",
        summary.added,
        summary.changed
    );
    Ok(ExitCode::SUCCESS)
}
