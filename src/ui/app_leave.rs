//! Leaving unsaved edits behind: choosing another year or another screen while 责任书's
//! template, indicator or clause editor, or 设置's 年度设置 form, holds unsaved edits, or while a
//! value typed in a 考核 cell would be refused, asks once ("放弃未保存的修改？", naming them). 放弃修改 gives them up and goes on; 继续编辑 (or
//! Esc) stays where the clerk was, the edits kept. Closing the window asks the same about
//! any editor or form holding unsaved edits, wherever it is. A value typed in a 考核 cell and a
//! note typed there are saved on the way out, as leaving the cell saves its value.

use super::app::App;
use super::command::Command;
use super::discard_question::DiscardAnswer;
use super::state::View;

/// Where the clerk asked to go while edits were unsaved.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Leave {
    /// Another year.
    Year(Option<i32>),
    /// Another screen.
    View(View),
    /// Closing the window.
    Quit,
}

use super::assessment::{REFUSED_IN_GRID, REFUSED_NOTE};

impl App {
    /// What holds unsaved edits anywhere in the window ("模板、年度设置"), empty when nothing:
    /// closing the window, or opening another database, would give them up. A value typed on
    /// 考核 that would be refused counts too.
    pub(super) fn unsaved_everywhere(&mut self) -> String {
        let refused = self.refused_in_assessment();
        let context = super::app_data::year_context(&self.data, self.store.as_ref());
        let typed_entries = self.assessment_view.unsaved(&context);
        [
            self.agreements_view.unsaved().as_str(),
            self.agreements_view.open_form(),
            self.settings_view.unsaved(),
            self.units_view.unsaved(),
            self.report_actions.unsaved(),
            typed_entries.as_str(),
            refused.unwrap_or_default(),
        ]
        .into_iter()
        .filter(|what| !what.is_empty())
        .collect::<Vec<_>>()
        .join("、")
    }

    /// Shows `year`, asking first when unsaved edits would be given up.
    pub(super) fn choose_year(&mut self, year: Option<i32>) {
        if year != self.state.year {
            let mut unsaved = self.unsaved_in(self.state.view);
            // A click on the year's list leaves the cell first, refusing the value there before
            // the year is chosen: the refusal just shown is asked about as the value would be.
            if unsaved.is_empty()
                && self.state.view == View::Assessment
                && self.assessment_view.shown_refusal().is_some()
            {
                REFUSED_IN_GRID.clone_into(&mut unsaved);
            }
            // The open agreement is not in another year's list: its open form would go too.
            let form = self.agreements_view.open_form();
            if self.state.view == View::Agreements && !form.is_empty() {
                if !unsaved.is_empty() {
                    unsaved.push('、');
                }
                unsaved.push_str(form);
            }
            self.leave(Leave::Year(year), unsaved);
        }
    }

    /// Shows another screen, asking first when leaving 责任书 would give unsaved edits up.
    /// Goes to `place`: another screen as the navigation goes there (asking first about
    /// unsaved edits), or a tab of 责任书, whose editors keep their edits meanwhile.
    pub(super) fn go_to(&mut self, place: super::command::Place) {
        use super::command::Place;
        match place {
            Place::Units => self.choose_view(View::Units),
            Place::YearSettings => {
                self.choose_view(View::Settings);
                // Gone at once (nothing unsaved): on the tab; else after the question, on the
                // tab last shown.
                if self.state.view == View::Settings {
                    self.settings_view.tab = super::settings_view::SettingsTab::Year;
                }
            }
            Place::Templates(_) | Place::Indicators(_) => self.agreements_view.open(place),
        }
    }

    pub(super) fn choose_view(&mut self, view: View) {
        if view == self.state.view {
            return;
        }
        let unsaved = self.unsaved_in(self.state.view);
        self.leave(Leave::View(view), unsaved);
    }

    /// The editors of `view` holding unsaved edits, named as the clerk knows them; empty when
    /// there are none. On 考核 a value typed in a cell that would be refused counts: saved on
    /// the way out it would be lost without a word.
    fn unsaved_in(&self, view: View) -> String {
        match view {
            View::Agreements => self.agreements_view.unsaved(),
            View::Settings => self.settings_view.unsaved().to_owned(),
            View::Assessment => self.refused_in_assessment().unwrap_or_default().to_owned(),
            _ => String::new(),
        }
    }

    /// [`REFUSED_IN_GRID`] while a value typed on 考核 would be refused, [`REFUSED_NOTE`]
    /// while the note typed in a unit's detail cannot be saved, else `None`.
    fn refused_in_assessment(&self) -> Option<&'static str> {
        if self.state.view != View::Assessment {
            return None;
        }
        let context = super::app_data::year_context(&self.data, self.store.as_ref());
        if self.assessment_view.refused_typed(&context).is_some() {
            return Some(REFUSED_IN_GRID);
        }
        self.assessment_view.refused_note().map(|_| REFUSED_NOTE)
    }

    /// The window's close button (or Alt+F4) was pressed: what was typed on 考核 is saved, and
    /// the window stays open with one question when unsaved edits would be lost.
    pub(super) fn on_close_request(&mut self, ctx: &egui::Context) {
        if self.is_quitting || !ctx.input(|i| i.viewport().close_requested()) {
            return;
        }
        // Closing would stop the job half way: the first press is refused with the reason, a
        // second one while it still runs closes all the same.
        if let Some(job) = self.running_job()
            && !std::mem::replace(&mut self.close_refused_for_job, true)
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.toasts.error(format!(
                "正在{job}，请等它结束后再关闭窗口；一定要现在关闭，请再点一次关闭，未完成的{job}不会保存"
            ));
            return;
        }
        let unsaved = self.unsaved_everywhere();
        if !unsaved.is_empty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        }
        self.leave(Leave::Quit, unsaved);
    }

    /// The work a job of the window is doing, while one runs.
    pub(super) fn running_job(&self) -> Option<&'static str> {
        if self.draft_job.is_some() {
            Some("起草责任书")
        } else if self.pdf_job.is_some() {
            Some("生成 PDF")
        } else if self.scan_check.is_some() {
            Some("核对扫描件")
        } else if self.backup_job.is_some() {
            Some("备份")
        } else {
            None
        }
    }

    /// Goes at once with nothing `unsaved` (what was typed on 考核 saved first), else asks:
    /// 继续编辑 then leaves everything as it was, the detail and the typed cell included.
    fn leave(&mut self, to: Leave, unsaved: String) {
        if unsaved.is_empty() {
            self.keep_typed_scores_and_go(to, true);
        } else {
            self.leaving = Some(to);
            self.leave_question.ask_about(unsaved);
        }
    }

    /// Leaving 考核 (another year or screen, or closing): a value typed in a cell and the note
    /// typed in a unit's detail are saved now, for the year they were typed in; then goes. A
    /// refusal is said after going (when `says_refusal`: not after the clerk chose 放弃修改
    /// for it), so that leaving the screen does not take it away.
    fn keep_typed_scores_and_go(&mut self, to: Leave, says_refusal: bool) {
        let mut refusal = None;
        // The messages of the screen left go first: those of the saves made on leaving are
        // news, said on the next screen.
        if matches!(to, Leave::View(view) if view != self.state.view) {
            self.toasts.clear_on_leaving();
        }
        if matches!(to, Leave::Year(year) if year != self.state.year) {
            self.toasts.clear_screen_hints();
        }
        if self.state.view == View::Assessment {
            let context = super::app_data::year_context(&self.data, self.store.as_ref());
            let (writes, refused) = self.assessment_view.leave(&context);
            refusal = refused;
            for write in writes {
                self.apply(write);
            }
        }
        self.go(to);
        if let Some(refusal) = refusal.filter(|_| says_refusal) {
            self.toasts.error(refusal);
        }
    }

    fn go(&mut self, to: Leave) {
        match to {
            Leave::Quit => self.is_quitting = true,
            Leave::Year(year) => {
                self.state.year = year;
                self.commands.push(Command::Reload);
            }
            Leave::View(view) => {
                // A refusal or result on the screen left was cleared before leaving it (see
                // `keep_typed_scores_and_go`).
                self.state.view = view;
                if view == View::Settings {
                    self.commands.push(Command::RefreshBackups);
                }
            }
        }
    }

    /// Draws the question while it is asked, and acts on the answer.
    pub(super) fn show_leave_question(&mut self, ctx: &egui::Context) {
        match self.leave_question.show(ctx) {
            DiscardAnswer::Discard => {
                self.agreements_view.discard_unsaved();
                self.settings_view.discard_unsaved();
                self.units_view.discard_unsaved();
                self.report_actions.discard_unsaved();
                if let Some(to) = self.leaving.take() {
                    self.keep_typed_scores_and_go(to, false);
                }
            }
            DiscardAnswer::KeepEditing => {
                self.leaving = None;
                // The value refused on the way out goes back into its cell to be put right.
                if self.state.view == View::Assessment {
                    self.assessment_view.resume_refused(ctx);
                }
            }
            DiscardAnswer::Waiting => {}
        }
    }
}
