//! 归档扫描件 and 更换扫描件 after the files are chosen: the pages in the order they will be
//! stored (by file name, 第2页 before 第10页), and for a replacement the reason, which the
//! audit log keeps with the old and new files' hashes. What is wrong with the files (an empty
//! file, the program's own export) is said before anything is stored, and other files can be
//! chosen with the reason kept. Nothing is stored until it is confirmed.

use std::path::PathBuf;

use crate::workflow::signed_copy::page_order;

use super::Command;

/// Said of a PDF chosen together with other files: it cannot be stored so.
const MIXED: &str =
    "PDF 扫描件只能单独归档：请点“重新选择文件…”，选一个多页 PDF，或多张图片（每张一页）";

/// The chosen files, in page order, and the reason typed for a replacement.
#[derive(Debug, Clone)]
pub struct ScanForm {
    paths: Vec<PathBuf>,
    /// The reason, when the form replaces an archived scan.
    reason: Option<String>,
    /// Said when the files hold fewer pages than the agreement prints (worked out by the app
    /// after the files are chosen).
    page_warning: Option<String>,
    /// Why the files cannot be stored, found by the same check.
    refusal: Option<String>,
    /// Whether the files are still being checked.
    is_counting: bool,
    /// True when the form or what the check found is new: its buttons are scrolled into
    /// sight, under a long detail on a small window.
    to_buttons: bool,
}

/// What the form asks for after a frame.
pub enum ScanOutcome {
    /// Still open.
    Open,
    /// Closed without storing.
    Cancelled,
    /// Confirmed: the command goes to the app.
    Submitted(Box<Command>),
    /// Other files to be chosen; the reason typed so far is kept for the next form.
    Repick(Option<String>),
}

fn name_of(path: &std::path::Path) -> String {
    path.file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned())
}

impl ScanForm {
    /// A form for `paths`, put in page order; `is_replacement` asks for a reason.
    #[must_use]
    pub fn new(mut paths: Vec<PathBuf>, is_replacement: bool) -> Self {
        paths.sort_by(|a, b| page_order(&name_of(a), &name_of(b)));
        Self {
            paths,
            reason: is_replacement.then(String::new),
            page_warning: None,
            refusal: None,
            is_counting: true,
            to_buttons: true,
        }
    }

    /// The files chosen, in page order.
    #[must_use]
    pub fn paths(&self) -> &[PathBuf] {
        &self.paths
    }

    /// The reason typed in an earlier form of this replacement, whose files were changed.
    #[must_use]
    pub fn with_reason(mut self, reason: Option<String>) -> Self {
        if let (Some(kept), Some(reason)) = (reason, &mut self.reason) {
            *reason = kept;
        }
        self
    }

    /// Says, before anything is stored, what the check of the files found: why they cannot
    /// be stored, or that they hold fewer pages than the agreement.
    pub fn checked(&mut self, check: Result<Option<String>, String>) {
        (self.page_warning, self.refusal) = match check {
            Ok(warning) => (warning, None),
            Err(refusal) => (None, Some(refusal)),
        };
        self.is_counting = false;
        self.to_buttons = true;
    }

    /// Draws the form for agreement `id`.
    pub fn show(&mut self, ui: &mut egui::Ui, id: i64) -> ScanOutcome {
        let is_replacement = self.reason.is_some();
        ui.strong(if is_replacement {
            "更换扫描件"
        } else {
            "归档扫描件"
        });
        let is_pdf = |path: &PathBuf| name_of(path).to_lowercase().ends_with(".pdf");
        let is_mixed = self.paths.len() > 1 && self.paths.iter().any(is_pdf);
        // Files the check refused make no pages: not called images before it is said why.
        let makes_pages = self.paths.len() > 1 && !is_mixed && self.refusal.is_none();
        if is_mixed {
            ui.colored_label(ui.visuals().error_fg_color, MIXED);
        } else if self.paths.len() > 1 && !makes_pages {
            ui.label(format!("已选 {} 个文件：", self.paths.len()));
        } else if makes_pages {
            ui.label(format!(
                "{} 张图片合成一份签订件，每张一页，按文件名排序：",
                self.paths.len()
            ));
        }
        for (page, path) in self.paths.iter().enumerate() {
            // Mixed, they make no pages: listed as the files chosen.
            ui.label(if makes_pages {
                format!("第 {} 页：{}", page + 1, name_of(path))
            } else {
                name_of(path)
            });
        }
        if let Some(reason) = &mut self.reason {
            ui.label("现有扫描件将被替换（原扫描件仍保存在数据库中），理由写入操作记录");
            let label = ui.label("更换理由");
            ui.add(
                egui::TextEdit::multiline(reason)
                    .desired_rows(2)
                    .desired_width(f32::INFINITY),
            )
            .labelled_by(label.id);
            super::reason_form::not_a_reason_note(ui, reason);
        }
        if self.is_counting {
            ui.weak("正在核对扫描件……");
        }
        // A PDF among other files is said once, above (the check says the same).
        if let Some(refusal) = self.refusal.as_ref().filter(|_| !is_mixed) {
            let color = ui.visuals().error_fg_color;
            crate::ui::printed_lines::label(
                ui,
                &format!("{refusal}；请点“重新选择文件…”"),
                Some(color),
            );
        }
        // Broken as the documents break lines: "（400×566 像素）" and file names kept whole.
        if let Some(warning) = &self.page_warning {
            let color = ui.visuals().warn_fg_color;
            crate::ui::printed_lines::label(
                ui,
                &format!("{warning}；需要时请点“重新选择文件…”"),
                Some(color),
            );
        }
        let has_reason =
            (self.reason.as_deref()).is_none_or(|r| crate::model::reason::given(r).is_some());
        // Not before the check has said what it found: a page missing is said first.
        let is_ready = !self.paths.is_empty()
            && !is_mixed
            && has_reason
            && self.refusal.is_none()
            && !self.is_counting;
        let mut outcome = ScanOutcome::Open;
        let buttons = ui.horizontal(|ui| {
            let confirm = if is_replacement {
                "确定更换"
            } else {
                "确定归档"
            };
            let button = ui
                .add_enabled(is_ready, egui::Button::new(confirm))
                .on_disabled_hover_text(match &self.refusal {
                    _ if is_mixed => MIXED,
                    _ if self.is_counting => "正在核对扫描件，请稍候",
                    Some(refusal) => refusal.as_str(),
                    None => match self.reason.as_deref() {
                        Some(typed) if !typed.is_empty() => crate::model::reason::NOT_A_REASON,
                        _ => "请写明更换的理由",
                    },
                });
            if button.clicked() {
                let paths = self.paths.clone();
                outcome = ScanOutcome::Submitted(Box::new(match &self.reason {
                    Some(reason) => Command::ReplaceScan {
                        id,
                        paths,
                        reason: reason.trim().to_owned(),
                    },
                    None => Command::ArchiveScan { id, paths },
                }));
            }
            let cancel = if is_replacement {
                "取消更换"
            } else {
                "取消归档"
            };
            if ui.button("重新选择文件…").clicked() {
                outcome = ScanOutcome::Repick(self.reason.clone());
            }
            if ui.button(cancel).clicked() {
                outcome = ScanOutcome::Cancelled;
            }
        });
        if std::mem::take(&mut self.to_buttons) {
            buttons.response.scroll_to_me(Some(egui::Align::BOTTOM));
        }
        outcome
    }
}
