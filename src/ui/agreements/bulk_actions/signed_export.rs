//! 导出签订件… on the tracker: the signed copies (the archived scans, each made a PDF carrying
//! the agreement's number and code) of the ticked or listed archived agreements, written into
//! a folder the clerk chooses, for sending on or filing at year end.

use super::super::super::file_picker::{FilePicker, PickMode};
use super::super::Command;
use super::BulkActions;

impl BulkActions {
    /// The button, for the `archived` agreements among those acted on; `hidden` is why none
    /// is acted on when every ticked agreement is hidden by the filter or search.
    pub(super) fn signed_export_button(
        &mut self,
        ui: &mut egui::Ui,
        archived: Vec<i64>,
        scope: &str,
        hidden: Option<&str>,
    ) {
        if ui
            .add_enabled(
                !archived.is_empty(),
                egui::Button::new(format!("导出签订件…（{}）", archived.len())),
            )
            .on_hover_text(format!(
                "把{scope}已归档责任书的签订件（签字盖章后的扫描件）各导出为一个 PDF"
            ))
            .on_disabled_hover_text(hidden.unwrap_or("其中没有已归档（已存扫描件）的责任书"))
            .clicked()
        {
            // Named as the other exports' choosers name theirs: what, and how many.
            let title = format!(
                "选择导出到的文件夹：{scope}已归档责任书的签订件 PDF（{} 份）",
                archived.len()
            );
            self.signed_picker = Some((archived, FilePicker::new(&title, PickMode::Folder)));
        }
    }

    /// The folder chooser the button opened.
    pub(super) fn signed_dialog(&mut self, ctx: &egui::Context, commands: &mut Vec<Command>) {
        if let Some((ids, folder)) = super::chosen_folder(&mut self.signed_picker, ctx) {
            commands.push(Command::ExportSigned { ids, folder });
        }
    }
}
