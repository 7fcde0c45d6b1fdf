//! Leaving unsaved edits behind: choosing another year or another screen while 责任书's
//! template, indicator or clause editor, or 设置's 年度设置 form, holds unsaved edits asks once
//! ("放弃未保存的修改？", naming them). 放弃修改 gives them up and goes on; 继续编辑 (or
//! Esc) stays where the clerk was, the edits kept.

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
}

impl App {
    /// Shows `year`, asking first when unsaved edits would be given up.
    pub(super) fn choose_year(&mut self, year: Option<i32>) {
        if year != self.state.year {
            let unsaved = self.unsaved_in(self.state.view);
            self.leave(Leave::Year(year), unsaved);
        }
    }

    /// Shows another screen, asking first when leaving 责任书 would give unsaved edits up.
    pub(super) fn choose_view(&mut self, view: View) {
        if view == self.state.view {
            return;
        }
        let unsaved = self.unsaved_in(self.state.view);
        self.leave(Leave::View(view), unsaved);
    }

    /// The editors of `view` holding unsaved edits, named as the clerk knows them; empty when
    /// there are none.
    fn unsaved_in(&self, view: View) -> String {
        match view {
            View::Agreements => self.agreements_view.unsaved(),
            View::Settings => self.settings_view.unsaved().to_owned(),
            _ => String::new(),
        }
    }

    /// Goes at once with nothing `unsaved`, else asks.
    fn leave(&mut self, to: Leave, unsaved: String) {
        if unsaved.is_empty() {
            self.go(to);
        } else {
            self.leaving = Some(to);
            self.leave_question.ask_about(unsaved);
        }
    }

    fn go(&mut self, to: Leave) {
        match to {
            Leave::Year(year) => {
                self.state.year = year;
                self.commands.push(Command::Reload);
            }
            Leave::View(view) => {
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
                if let Some(to) = self.leaving.take() {
                    self.go(to);
                }
            }
            DiscardAnswer::KeepEditing => self.leaving = None,
            DiscardAnswer::Waiting => {}
        }
    }
}
