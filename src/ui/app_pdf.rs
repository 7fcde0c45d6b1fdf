//! PDF work from the window: exporting into a folder and writing a print file run on a named
//! thread with a progress bar and a cancel button, and end with a toast that opens the result;
//! the preview window (see `preview_window`) is opened on an agreement's laid-out pages.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::pdf::agreement::{MAX_COPIES, PrintOptions, agreement_pages};
use crate::pdf::fonts::FontSet;
use crate::store::Store;
use crate::workflow::export;

use super::app::App;
use job_work::{Done, PrintJob, run_export, run_print};

mod job_work;
use super::export_overwrite::ExportOverwrite;

/// Where a verification says a code read off a paper copy is looked up, in the window.
const VERIFY_CODE_HINT: &str = "在“责任书”上方的“查找”框中输入";
use super::preview_fonts;
use super::preview_window::Preview;
use super::printed_question::{PrintedAnswer, PrintedQuestion};
use crate::model::AgreementStatus;

/// Said when an export or print is asked for while another runs.
const JOB_RUNNING: &str = "已有一个导出或打印任务在进行中，请等它完成后再试";

/// A running export or print.
pub struct PdfJob {
    title: String,
    done: Arc<AtomicUsize>,
    total: usize,
    cancel: Arc<AtomicBool>,
    receiver: Receiver<Result<Done, String>>,
}

impl PdfJob {
    /// Asks the job to stop after the file at hand.
    pub(super) fn stop(&self) {
        self.cancel.store(true, Ordering::Relaxed);
    }

    /// Whether the job has ended (its outcome set aside).
    pub(super) fn has_ended(&self) -> bool {
        !matches!(self.receiver.try_recv(), Err(TryRecvError::Empty))
    }
}

impl App {
    /// After an export or a print file: says which office fonts were not installed, since
    /// offices judge a document by its title's 小标宋 (after the first, once a session: 设置
    /// lists them), and which characters printed in another typeface than their neighbours'.
    fn warn_of_fonts(&mut self, borrowed: &[char]) {
        let fonts = self.fonts.get_or_init(FontSet::with_installed);
        if let Some(warning) = crate::pdf::font_roles::missing_office_fonts_warning(fonts)
            && self.fonts_warned.set(()).is_ok()
        {
            self.toasts
                .warning(format!("{warning}（所用字体见“设置”）"));
        }
        if let Some(warning) = crate::pdf::font_roles::borrowed_chars_warning(borrowed) {
            self.toasts.warning(warning);
        }
    }

    fn start_pdf_job(
        &mut self,
        title: &str,
        total: usize,
        work: impl FnOnce(&Path, &AtomicUsize, &AtomicBool) -> Result<Done, String> + Send + 'static,
    ) {
        if self.pdf_job.is_some() {
            self.toasts.error(JOB_RUNNING);
            return;
        }
        let Some(db) = self
            .store
            .as_ref()
            .and_then(Store::path)
            .map(Path::to_path_buf)
        else {
            self.toasts.error("内存数据库不能在后台导出");
            return;
        };
        let (sender, receiver) = channel();
        let (done, cancel) = (
            Arc::new(AtomicUsize::new(0)),
            Arc::new(AtomicBool::new(false)),
        );
        let (thread_done, thread_cancel) = (Arc::clone(&done), Arc::clone(&cancel));
        let spawned = std::thread::Builder::new()
            .name("pdf-export".to_owned())
            .spawn(move || {
                let _ = sender.send(work(&db, &thread_done, &thread_cancel));
            });
        match spawned {
            Ok(_) => {
                self.pdf_job = Some(PdfJob {
                    title: title.to_owned(),
                    done,
                    total,
                    cancel,
                    receiver,
                });
            }
            Err(e) => self.toasts.error(format!(
                "无法启动导出任务：{}",
                crate::io::files::reason(&e)
            )),
        }
    }

    /// Exports the agreements `ids` of the selected year into `folder`, after asking when
    /// files of their names are there already.
    pub(super) fn ask_export(&mut self, ids: Vec<i64>, folder: PathBuf) {
        let (Some(year), Some(store)) = (self.state.year, &self.store) else {
            return;
        };
        // Said before any question: a running job would refuse the export after it.
        if self.pdf_job.is_some() {
            self.toasts.error(JOB_RUNNING);
            return;
        }
        let names = crate::workflow::export::file_names(store, year, Some(&ids));
        match names.map(|names| ExportOverwrite::needed(ids.clone(), folder.clone(), &names)) {
            Ok(Some(question)) => self.export_overwrite = Some(question),
            // A name that cannot be worked out now is met again, and said, by the export.
            Ok(None) | Err(_) => self.start_export(ids, folder),
        }
    }

    /// The question before an export replaces files, while it is asked.
    pub(super) fn show_export_overwrite(&mut self, ctx: &egui::Context) {
        let Some(question) = &self.export_overwrite else {
            return;
        };
        match question.show(ctx) {
            None => {}
            Some(answer) => {
                if let Some(question) = self.export_overwrite.take()
                    && answer
                {
                    self.start_export(question.ids, question.folder);
                }
            }
        }
    }

    /// Exports the agreements `ids` of the selected year into `folder`.
    fn start_export(&mut self, ids: Vec<i64>, folder: PathBuf) {
        let Some(year) = self.state.year else { return };
        // Each exported file is recorded, so that 核验 knows it; a print file is not, and is
        // written from a read-only window too.
        if let Some(why) = self.store.as_ref().and_then(Store::read_only_reason) {
            let instead = super::agreements::export_refusal::export_instead(why);
            self.toasts.error(format!(
                "数据库以只读方式打开：{why}；导出要登记导出记录，{instead}"
            ));
            return;
        }
        let pending =
            super::redo_pending::redo_pending(&self.data.year_data, &self.data.year_units, &ids);
        if let Some(note) = crate::model::tailoring::redo_export_note(&pending) {
            self.toasts.warning(note);
        }
        let total = ids.len();
        self.start_pdf_job("正在导出 PDF", total, move |db, done, cancel| {
            run_export(db, year, &ids, &folder, done, cancel)
        });
    }

    /// Writes a print file of `ids` with `copies` copies each (each its own number when
    /// `None`) and opens it.
    pub(super) fn start_print(&mut self, ids: Vec<i64>, copies: Option<usize>) {
        let Some(year) = self.state.year else { return };
        let folder = print_folder(self.store.as_ref().and_then(Store::path));
        let path = folder.join(format!(
            "{year}年度责任书-打印-{}.pdf",
            chrono::Local::now().format("%Y%m%d-%H%M%S")
        ));
        let job = PrintJob {
            year,
            copies: copies.map(|n| n.clamp(1, MAX_COPIES)),
            path,
            is_read_only: self
                .store
                .as_ref()
                .is_some_and(|store| store.read_only_reason().is_some()),
            is_damaged: super::app_safety::is_damaged_look(
                self.store.as_ref().and_then(Store::read_only_reason),
            ),
            ids,
        };
        self.start_pdf_job(
            "正在生成打印文件",
            job.ids.len(),
            move |db, done, cancel| run_print(db, &job, done, cancel),
        );
    }

    /// Loads the pages of agreement `id` for the preview window, saying so when they leave out
    /// clause edits not yet saved.
    /// Says which agreement the PDF at `path` is and whether it is exactly the file exported
    /// (or, for a signed copy, the one its archived scan makes), as `zerenshu verify` does.
    pub(super) fn verify_pdf(&mut self, path: &std::path::Path) {
        let Some(store) = &self.store else {
            return;
        };
        let name = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        // Every answer, a file that cannot be checked too, takes the place of the one before
        // under the toolbar: an earlier "一致" is never left beside a file that failed.
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(error) => {
                let reason = crate::io::files::reason(&error);
                self.agreements_view.verified(
                    format!("核验“{name}”：无法读取文件（{reason}）：{}", path.display()),
                    false,
                );
                return;
            }
        };
        if !crate::workflow::verify::looks_like_pdf(&bytes) {
            self.agreements_view.verified(
                format!("核验“{name}”：“{name}”不是 PDF 文件：核验的是导出的责任书、打印文件和签订件 PDF"),
                false,
            );
            return;
        }
        let report = crate::workflow::verify::verify(store, &bytes).and_then(|found| {
            crate::workflow::verify_report::report(store, found, VERIFY_CODE_HINT)
        });
        match report {
            Ok(report) => {
                let text = format!("核验“{name}”：{}", report.lines.join("\n"));
                self.agreements_view.verified(text, report.is_exact);
            }
            Err(error) => self
                .agreements_view
                .verified(format!("核验“{name}”：{error}"), false),
        }
    }

    pub(super) fn open_preview(&mut self, id: i64) {
        let Some(store) = &self.store else { return };
        let Some(year) = self.state.year else { return };
        let built = crate::workflow::export::prepare(store, year, Some(&[id])).and_then(|found| {
            (found.into_iter().next())
                .ok_or_else(|| crate::store::StoreError::NotFound("该责任书".to_owned()))
        });
        match built {
            Ok(crate::workflow::export::Prepared { content, code, .. }) => {
                let fonts = self.fonts.get_or_init(FontSet::with_installed);
                let pages = agreement_pages(
                    fonts,
                    &content,
                    &PrintOptions {
                        code,
                        ..PrintOptions::default()
                    },
                );
                let preview = Preview::new(format!("预览：{}", content.party_b), pages);
                // The pages are the stored text: edits in the detail are not in them yet, nor
                // clause changes a template edit left behind.
                let warnings: Vec<&str> = [
                    (self.agreements_view.has_unsaved_clauses(id))
                        .then_some("预览为已保存的文本，不含尚未保存的条款修改"),
                    (!super::redo_pending::redo_pending(
                        &self.data.year_data,
                        &self.data.year_units,
                        &[id],
                    )
                    .is_empty())
                    .then_some(super::redo_pending::PREVIEW_NOTE),
                ]
                .into_iter()
                .flatten()
                .collect();
                self.preview = Some(if warnings.is_empty() {
                    preview
                } else {
                    preview.with_warning(warnings.join("；"))
                });
            }
            Err(error) => self.toasts.error(error.to_string()),
        }
    }

    /// Takes news from a running job and draws its progress window.
    pub(super) fn show_pdf_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &self.pdf_job else { return };
        let finished = match job.receiver.try_recv() {
            Ok(result) => Some(result),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(Err("导出任务意外中止".to_owned())),
        };
        if let Some(result) = finished {
            self.pdf_job = None;
            ctx.request_repaint();
            // Only a print cancelled brings back the copies chosen for it.
            if !matches!(result, Ok(Done::PrintCancelled)) {
                self.agreements_view.print_done();
            }
            match result {
                Ok(Done::Exported {
                    folder,
                    count,
                    drafts,
                    is_cancelled,
                    borrowed,
                    void_beside,
                }) => {
                    // Drafts are named as the issued are: said, so none goes out to be signed.
                    let drafts = if drafts > 0 && !is_cancelled {
                        format!("（其中 {drafts} 份是草稿，带“草稿”水印，不能用于签订）")
                    } else {
                        String::new()
                    };
                    let text = if is_cancelled {
                        format!("已取消，已导出 {count} 份：{}", folder.display())
                    } else {
                        format!("已导出 {count} 份 PDF{drafts}：{}", folder.display())
                    };
                    // Said with the folder to open: the clerk moves the old files away there.
                    match crate::workflow::void_files::void_files_note(&void_beside) {
                        Some(note) => self.toasts.warning_with_action(
                            format!("{text}\n{note}"),
                            "打开文件夹",
                            folder,
                        ),
                        None => self.toasts.success_with_action(text, "打开文件夹", folder),
                    }
                    self.warn_of_fonts(&borrowed);
                }
                Ok(Done::Printed {
                    path,
                    year,
                    contents,
                    ids,
                    count,
                    differing,
                    borrowed,
                }) => {
                    if let Some(store) = &mut self.store {
                        export::remember_print(store, year, &path, &contents, &ids);
                    }
                    let folder = folder_of(&path);
                    let is_temporary = folder == std::env::temp_dir();
                    let opened = (self.file_opener)(&path);
                    // Not where the clerk looks for it, and not kept: said in the toast that
                    // names the file, which stays until closed (a toast of its own would be
                    // pushed out by the notes after it).
                    let temporary = if is_temporary {
                        "（数据库旁的“打印文件”文件夹无法建立或写入，已存到系统临时文件夹，可能被自动清理：请及时打印，或另存到别处）"
                    } else {
                        ""
                    };
                    match &opened {
                        Ok(()) if !is_temporary => self.toasts.success_with_action(
                            format!(
                                "已生成 {count} 份责任书的打印文件并用 PDF 阅读器打开：{}",
                                path.display()
                            ),
                            "打开文件夹",
                            folder,
                        ),
                        Ok(()) => self.toasts.warning_with_action(
                            format!(
                                "已生成 {count} 份责任书的打印文件{temporary}并用 PDF 阅读器打开：{}",
                                path.display()
                            ),
                            "打开文件夹",
                            folder,
                        ),
                        // The message names the file; the folder is a click away.
                        Err(message) => self.toasts.warning_with_action(
                            format!("已生成打印文件{temporary}，但{message}"),
                            "打开文件夹",
                            folder,
                        ),
                    }
                    if differing > 0 {
                        self.toasts.warning(format!(
                            "其中 {differing} 份责任书正文写明的份数（一式几份）与打印份数不同，请核对"
                        ));
                    }
                    self.warn_of_fonts(&borrowed);
                    // A file no viewer opened is printed by hand: the question says so.
                    let folder_to_open = opened.is_err().then(|| folder_of(&path));
                    self.ask_to_mark_printed(&path, &ids, folder_to_open);
                }
                Ok(Done::PrintCancelled) => {
                    // No print was made: a number for all chosen for it stays chosen.
                    self.agreements_view.print_not_made();
                    self.toasts.success("已取消打印，未生成打印文件");
                }
                Ok(Done::Stopped { folder, message }) => {
                    self.toasts
                        .warning_with_action(message, "打开文件夹", folder);
                }
                Err(message) => self.toasts.error(message),
            }
            return;
        }
        let done = job.done.load(Ordering::Relaxed);
        let mut cancel = false;
        crate::ui::steady_modal::new(ctx, egui::Id::unique("pdf_job")).show(ctx, |ui| {
            ui.heading(&job.title);
            let fraction = if job.total == 0 {
                0.0
            } else {
                done as f32 / job.total as f32
            };
            ui.label(format!("{done} / {}", job.total));
            ui.add(egui::ProgressBar::new(fraction).show_percentage());
            cancel = ui.button("取消").clicked();
        });
        if cancel {
            job.cancel.store(true, Ordering::Relaxed);
        }
        ctx.request_repaint_after(std::time::Duration::from_millis(100));
    }

    /// Asks whether the agreements `ids` of the print file at `path` that are still 已定稿 are
    /// to be marked 已打印 (a window that cannot write does not ask); `folder_to_open` when no
    /// viewer opened the file.
    fn ask_to_mark_printed(&mut self, path: &Path, ids: &[i64], folder_to_open: Option<PathBuf>) {
        let access = super::write_access::WriteAccess::of(self.store.as_ref());
        if let Some(why) = access.why() {
            // The status is kept where the file may be written: said, so that it is done there.
            let printed_finals = (self.data.year_data.agreements.iter())
                .any(|a| a.status == AgreementStatus::Final && ids.contains(&a.id));
            if printed_finals {
                let where_to = if why.starts_with(super::app_safety::NOT_WRITABLE) {
                    "取消数据库文件（或所在文件夹）的只读属性，或把它复制到可写的文件夹，重新打开后再标记已打印"
                } else if super::app_safety::is_damaged_look(Some(why)) {
                    "请从备份恢复后再标记已打印"
                } else {
                    "请在可以修改的窗口（或关闭另一窗口后在本窗口点“改为可修改”）中标记已打印"
                };
                self.toasts.warning(format!(
                    "本窗口为只读，不能标记已打印，这次打印也不记入操作记录：打印好后，{where_to}"
                ));
            }
            return;
        }
        let finals = (self.data.year_data.agreements.iter())
            .filter(|a| a.status == AgreementStatus::Final && ids.contains(&a.id))
            .map(|a| a.id)
            .collect();
        let file_name = path.file_name().map_or_else(
            || path.display().to_string(),
            |name| name.to_string_lossy().into_owned(),
        );
        let today = chrono::Local::now().date_naive();
        // The year the agreements in it were found in (the list's data), whatever is shown.
        let year =
            (self.data.year_data.year.as_ref()).map_or(chrono::Datelike::year(&today), |y| y.year);
        self.printed_question = PrintedQuestion::new(finals, file_name, ids.len(), (year, today))
            .map(|question| match folder_to_open {
                Some(folder) => question.not_opened(folder),
                None => question,
            });
    }

    /// Draws the question after a print file, if one is asked.
    pub(super) fn show_printed_question(&mut self, ctx: &egui::Context) {
        let Some(question) = &self.printed_question else {
            return;
        };
        let mut failed = None;
        let answer = question.show(ctx, &mut failed);
        if let Some(message) = failed {
            self.toasts.error(message);
        }
        match answer {
            PrintedAnswer::Waiting => {}
            PrintedAnswer::Mark(ids) => {
                // Asked right after the print file was written: printed that day.
                let printed_on = question.printed_on();
                self.printed_question = None;
                self.commands
                    .push(super::command::Command::MarkPrinted { ids, printed_on });
            }
            PrintedAnswer::Later => self.printed_question = None,
        }
    }

    /// Draws the preview window, if open; the first preview registers the role font families,
    /// drawn from the next frame on (the window's font until then).
    pub(super) fn show_preview(&mut self, ctx: &egui::Context) {
        let Some(preview) = &mut self.preview else {
            return;
        };
        let has_families = preview_fonts::is_installed(ctx);
        if !has_families
            && !preview.has_requested_fonts
            && let Some(fonts) = self.fonts.get()
        {
            preview_fonts::install(ctx, fonts);
            preview.has_requested_fonts = true;
            ctx.request_repaint();
        }
        if !preview.show(ctx, has_families) {
            preview.give_keyboard_back(ctx);
            self.preview = None;
        }
    }
}

/// Where print files go: a 打印文件 folder beside the database, where the clerk finds them
/// again (the system's temporary folder when it cannot be made or written, e.g. on a
/// read-only medium; the toast names the file either way).
fn print_folder(db: Option<&Path>) -> PathBuf {
    db.and_then(|db| std::path::absolute(db).ok())
        .and_then(|db| db.parent().map(|parent| parent.join("打印文件")))
        .filter(|folder| is_writable(folder))
        .unwrap_or_else(std::env::temp_dir)
}

/// Whether files can be written into `folder` (made if missing): tried with a small file.
fn is_writable(folder: &Path) -> bool {
    std::fs::create_dir_all(folder)
        .and_then(|()| crate::io::files::check_writable(folder))
        .is_ok()
}

/// The folder a written file is in.
fn folder_of(path: &Path) -> PathBuf {
    path.parent().map(Path::to_path_buf).unwrap_or_default()
}
