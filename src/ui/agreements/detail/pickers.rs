//! The file dialogs the detail opens: the scan's files to archive (or to replace the archived
//! scan with), and the folder to export the signed copy or the agreement's PDF to.

use crate::model::Agreement;

use super::super::super::file_picker::{FilePicker, PickManyOutcome, PickMode, PickOutcome};
use super::super::Command;
use super::super::scan_form::ScanForm;
use super::Detail;

/// Which file dialog is open.
pub(super) enum Picking {
    /// The files of a scan to archive, or to replace the archived one with (`true`).
    Scan(FilePicker, bool),
    /// The folder to export the signed copy or the agreement's PDF to.
    Export(FilePicker, Exported),
}

/// What the detail exports into the folder chosen.
#[derive(Clone, Copy)]
pub(super) enum Exported {
    /// The signed copy (签订件).
    Signed,
    /// The agreement's PDF.
    Agreement,
}

impl Detail {
    /// The open file dialog, shown; what is chosen becomes a command or the scan form.
    pub(super) fn pickers(
        &mut self,
        ctx: &egui::Context,
        agreement: &Agreement,
        commands: &mut Vec<Command>,
    ) {
        match &mut self.picking {
            Some(Picking::Scan(picker, is_replacement)) => match picker.show_many(ctx) {
                PickManyOutcome::Open => {}
                PickManyOutcome::Cancelled => {
                    self.picking = None;
                    self.kept_scan_reason = None;
                }
                PickManyOutcome::Chosen(paths) => {
                    let form = ScanForm::new(paths, *is_replacement)
                        .with_reason(self.kept_scan_reason.take());
                    // Checked before anything is stored: a bad file or a page missed is said now.
                    commands.push(Command::CheckScanPages {
                        id: agreement.id,
                        paths: form.paths().to_vec(),
                    });
                    self.scan = Some(form);
                    self.picking = None;
                }
            },
            Some(Picking::Export(picker, exported)) => match picker.show(ctx) {
                PickOutcome::Open => {}
                PickOutcome::Cancelled => self.picking = None,
                PickOutcome::Chosen(folder) => {
                    let ids = vec![agreement.id];
                    commands.push(match exported {
                        Exported::Signed => Command::ExportSigned { ids, folder },
                        Exported::Agreement => Command::ExportPdfs { ids, folder },
                    });
                    self.picking = None;
                }
            },
            None => {}
        }
    }
}

/// The chooser of a scan's files: one PDF, or several images clicked one by one. The formats
/// scanners and phones often save that are not taken (TIFF, HEIC, OFD …) are listed too, so
/// that a clerk who chooses one is told at once how to save it instead, not shown an empty
/// folder.
pub(super) fn scan_picker(title: &str, unit: &str) -> FilePicker {
    FilePicker::new(
        &format!("{title}：{unit}（一个 PDF，或一张或多张 PNG、JPEG 图片）"),
        PickMode::OpenFiles(&[
            "pdf", "png", "jpg", "jpeg", "tif", "tiff", "heic", "heif", "webp", "bmp", "gif", "ofd",
        ]),
    )
    .chosen_files_only()
}
