//! Applying the unit import's commands: read a file into a preview for the 导入单位 dialog, then
//! write exactly that preview in one transaction when the clerk confirms; and the unit list
//! written out in the import's columns (导出名单).

use std::path::Path;

use crate::io::ImportPreview;
use crate::store::Store;

use super::app::App;
use super::command::Command;
use super::import_dialog::{DialogOutcome, ImportDialog};

impl App {
    /// Applies an import command; returns any other command untouched.
    pub(super) fn apply_import(&mut self, command: Command) -> Option<Command> {
        match command {
            Command::ExportUnits(folder) => {
                let store = self.store.as_mut()?;
                let wanted = folder.join(crate::io::units_file_name());
                let path = crate::io::files::free_name(&wanted);
                match crate::io::write_units(store, &path) {
                    Ok(count) => {
                        crate::io::record_unit_list(store, &path, count);
                        self.toasts.success_with_action(
                            format!(
                                "{}；在 Excel 或 WPS 中改好后可用“导入…”导回",
                                super::app_reports::saved_as(
                                    &format!("单位名单（{count} 个单位）"),
                                    &wanted,
                                    &path
                                )
                            ),
                            "打开文件夹",
                            folder,
                        );
                    }
                    Err(error) => self.toasts.error(error.to_string()),
                }
            }
            Command::PreviewUnitImport(path) => {
                let store = self.store.as_ref()?;
                let file_name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                let (preview, source) = match read_preview(store, &path) {
                    Ok((preview, source)) => (Ok(preview), source),
                    Err(error) => (Err(error), None),
                };
                // Of a workbook of several sheets, the one read is named beside the file.
                let sheet = source;
                self.import_dialog = Some(ImportDialog::new(file_name, sheet, preview));
            }
            Command::ApplyUnitImport => {
                let dialog = self.import_dialog.take()?;
                let (Some(store), Some(preview)) = (&mut self.store, dialog.preview()) else {
                    return None;
                };
                // The rows skipped are named again: the clerk has them still to correct.
                let skipped: Vec<usize> = preview.rejected.iter().map(|r| r.row_number).collect();
                // The first unit added (else changed) is shown with the keyboard on it: an
                // addition found by its name as stored.
                let added = (preview.additions.first()).map(|row| row.draft.trimmed().name);
                let changed = preview.changes.first().map(|change| change.unit_id);
                let applied = crate::io::apply(store, preview, dialog.file_name());
                // A search typed before would hide the units just added or changed.
                if applied.as_ref().is_ok_and(|s| s.added + s.changed > 0) {
                    self.state.unit_search.clear();
                    let units = store.units().unwrap_or_default();
                    let found = (units.iter())
                        .find(|u| u.is_active && Some(&u.fields.name) == added.as_ref())
                        .map(|u| u.id)
                        .or(changed);
                    if let Some(id) = found {
                        self.units_view.imported(id);
                    }
                }
                match applied {
                    Ok(summary) if skipped.is_empty() => self.toasts.success(format!(
                        "已导入：新增 {} 个，修改 {} 个",
                        summary.added, summary.changed
                    )),
                    Ok(summary) => self.toasts.warning(format!(
                        "已导入：新增 {} 个，修改 {} 个；跳过被拒绝的 {} 行（{}），改正后可再导入",
                        summary.added,
                        summary.changed,
                        skipped.len(),
                        crate::io::rows_said(&skipped)
                    )),
                    Err(error) => self
                        .toasts
                        .error(format!("导入失败，未写入任何数据：{error}")),
                }
            }
            other => return Some(other),
        }
        None
    }

    /// Draws the 导入单位 dialog if one is open; returns the command when the clerk confirms.
    pub(super) fn show_import_dialog(&mut self, ctx: &egui::Context) -> Option<Command> {
        match self.import_dialog.as_ref()?.show(ctx) {
            DialogOutcome::Open => None,
            DialogOutcome::Cancelled => {
                self.import_dialog = None;
                None
            }
            DialogOutcome::Confirmed => Some(Command::ApplyUnitImport),
        }
    }
}

/// Reads an import file and sorts its rows against the units and categories in the store;
/// with the sheet read, for a workbook of several sheets.
fn read_preview(store: &Store, path: &Path) -> Result<(ImportPreview, Option<String>), String> {
    let file = crate::io::read_unit_file(path).map_err(|error| error.to_string())?;
    // A file whose one row is not a header of units is said to lack the column, below.
    if file.table.rows.is_empty() && crate::io::names_units(&file.table) {
        return Err(crate::io::unit_file::header_only_message(path));
    }
    let units = store.units().map_err(|error| error.to_string())?;
    let categories = store.categories().map_err(|error| error.to_string())?;
    let mut preview =
        crate::io::preview(&file.table, &units, &categories).map_err(|error| error.to_string())?;
    preview
        .note_drafted(store)
        .map_err(|error| error.to_string())?;
    preview.note_former_names(store);
    Ok((preview, file.source()))
}
