//! Long work off the UI thread: a batch draft runs on a named thread with its own connection
//! and reports progress; the app polls it each frame and finishes with a toast.

use std::fmt::Write as _;
use std::path::Path;
use std::sync::mpsc::{Receiver, TryRecvError, channel};

use crate::store::Store;
use crate::workflow::drafting::{self, DraftReport};

use super::agreements::DraftProgress;
use super::app::App;

/// A message from the drafting thread.
enum JobEvent {
    Progress(usize, usize),
    Done(Result<DraftReport, String>),
}

/// A running batch draft.
pub struct DraftJob {
    receiver: Receiver<JobEvent>,
    progress: DraftProgress,
    /// The year and the units drafted for: their rows take the keyboard when the batch is
    /// done.
    units: (i32, Vec<i64>),
}

impl DraftJob {
    /// Starts drafting `ids` of `year`, each in `copies` copies, on a thread with its own
    /// connection to `db`.
    pub fn start(db: &Path, year: i32, ids: Vec<i64>, copies: i64) -> Result<Self, String> {
        let (sender, receiver) = channel();
        let db = db.to_owned();
        let total = ids.len();
        let units = (year, ids.clone());
        std::thread::Builder::new()
            .name("batch-draft".to_owned())
            .spawn(move || {
                let result = Store::open_for_job(&db).and_then(|mut store| {
                    drafting::draft_in_copies(
                        &mut store,
                        year,
                        Some(&ids),
                        copies,
                        |done, total| {
                            let _ = sender.send(JobEvent::Progress(done, total));
                        },
                    )
                });
                let _ = sender.send(JobEvent::Done(result.map_err(|e| e.to_string())));
            })
            .map_err(|e| format!("无法启动起草任务：{}", crate::io::files::reason(&e)))?;
        Ok(Self {
            receiver,
            progress: DraftProgress { done: 0, total },
            units,
        })
    }

    /// Whether the batch has ended (its outcome, if any, set aside); takes the news so far.
    pub fn has_ended(&mut self) -> bool {
        loop {
            match self.receiver.try_recv() {
                Ok(JobEvent::Progress(done, total)) => {
                    self.progress = DraftProgress { done, total }
                }
                Ok(JobEvent::Done(_)) | Err(TryRecvError::Disconnected) => return true,
                Err(TryRecvError::Empty) => return false,
            }
        }
    }

    /// Progress so far.
    #[must_use]
    pub fn progress(&self) -> DraftProgress {
        self.progress
    }
}

/// Words for a finished batch.
pub fn report_text(report: &DraftReport) -> String {
    let mut text = format!("已起草 {} 份责任书", report.created);
    if !report.skipped.is_empty() {
        let _ = write!(text, "；{} 个单位已有责任书，已跳过", report.skipped.len());
    }
    if !report.without_template.is_empty() {
        let _ = write!(
            text,
            "；{} 个单位所属类别没有模板",
            report.without_template.len()
        );
    }
    if report.signing_started {
        text.push_str("；年度阶段已由“筹备”转为“签订”");
    }
    text
}

impl App {
    /// Starts a batch draft, each agreement in `copies` copies: on a thread for a file
    /// database, at once for an in-memory one.
    pub(super) fn start_draft(&mut self, ids: Vec<i64>, copies: i64) {
        let Some(year) = self.state.year else { return };
        if self.draft_job.is_some() {
            self.toasts.error("已有一个起草任务在进行中");
            return;
        }
        let Some(store) = &mut self.store else { return };
        if let Some(why) = store.read_only_reason() {
            self.toasts
                .error(format!("数据库以只读方式打开：{why}；不能起草"));
            return;
        }
        match store.path().map(Path::to_path_buf) {
            Some(path) => match DraftJob::start(&path, year, ids, copies) {
                Ok(job) => self.draft_job = Some(job),
                Err(message) => self.toasts.error(message),
            },
            None => match drafting::draft_in_copies(store, year, Some(&ids), copies, |_, _| {}) {
                Ok(report) => {
                    self.toasts.success(report_text(&report));
                    self.agreements_view.drafted(year, ids);
                }
                Err(error) => self.toasts.error(error.to_string()),
            },
        }
    }

    /// Takes news from a running batch; reloads when it ends.
    pub(super) fn poll_draft_job(&mut self, ctx: &egui::Context) {
        let Some(job) = &mut self.draft_job else {
            return;
        };
        let mut finished = None;
        loop {
            match job.receiver.try_recv() {
                Ok(JobEvent::Progress(done, total)) => job.progress = DraftProgress { done, total },
                Ok(JobEvent::Done(result)) => finished = Some(result),
                Err(TryRecvError::Empty) => break,
                Err(TryRecvError::Disconnected) => {
                    finished.get_or_insert(Err("起草任务意外中止".to_owned()));
                    break;
                }
            }
            if finished.is_some() {
                break;
            }
        }
        match finished {
            Some(result) => {
                let (year, units) = std::mem::take(&mut job.units);
                self.draft_job = None;
                ctx.request_repaint();
                match result {
                    Ok(report) => {
                        self.toasts.success(report_text(&report));
                        self.agreements_view.drafted(year, units);
                    }
                    Err(message) => self.toasts.error(message),
                }
                self.reload();
            }
            None => ctx.request_repaint_after(std::time::Duration::from_millis(50)),
        }
    }
}
