//! The window's frame around the screens: the top bar (the database's state, the year chosen)
//! and the navigation on the left.

use std::path::Path;

use super::App;
use crate::store::Store;
use crate::ui::command::Command;
use crate::ui::state::View;

/// Why a read-only window still cannot write once the window that held the file has closed.
use crate::ui::write_access::WRITER_GONE;

impl App {
    /// Opens the file put in place of the one a window waiting for its holder had open, read
    /// only as before, never taking the lock: the holder may have closed meanwhile, and the
    /// lock is then taken only when the clerk asks (改为可修改).
    fn reopen_waiting(&mut self, path: &Path) {
        let held = crate::store::lock::current_holder(path);
        let why = held.as_ref().map_or_else(
            || WRITER_GONE.to_owned(),
            |holder| crate::ui::app_safety::held_by(holder.as_ref()),
        );
        match Store::open_read_only_because(path, &why) {
            Ok(store) => {
                self.read_only_watch = if held.is_none() {
                    crate::ui::read_only_watch::ReadOnlyWatch::after_writer_gone(&store)
                } else {
                    crate::ui::read_only_watch::ReadOnlyWatch::of(Some(&store))
                };
                self.store = Some(store);
                self.reload();
            }
            // Not readable so (damaged, say): opened as a start would, to say what is wrong.
            Err(_) => self.open_instead(path),
        }
    }

    /// The bar above every screen: the database's state (read-only, reloaded), the year
    /// chosen and what it is for.
    pub(super) fn top_bar(&mut self, ui: &mut egui::Ui) {
        let seen = (self.store.as_ref()).map(|store| self.read_only_watch.poll(ui.ctx(), store));
        match seen {
            // Another window saved a change: what this one shows follows it, read again after
            // the frame as every change is.
            // The 操作记录 listed is searched again too (its rows are a search's, kept).
            Some(crate::ui::read_only_watch::Seen::Changed) => {
                self.settings_view.audit.refresh();
                // The operator name saved there is this login's (one name per login). Not read:
                // the name stays as it was, and the reload that follows says what is wrong.
                if let Some(store) = &mut self.store {
                    let _ = store.reread_operator();
                }
                self.commands.push(Command::Reload);
            }
            // Another window or a command put another file in place (a restore, 清空数据): the
            // file open here is the one replaced. Not while a print runs from it: looked at
            // again once it is done.
            Some(crate::ui::read_only_watch::Seen::Replaced) if self.pdf_job.is_none() => {
                if let Some(path) = self
                    .store
                    .as_ref()
                    .and_then(Store::path)
                    .map(Path::to_path_buf)
                {
                    self.store = None;
                    // The 设置 tab looked at (备份与恢复, say) stays in view.
                    let tab = self.settings_view.tab;
                    if self.read_only_watch.watches_writer() {
                        self.reopen_waiting(&path);
                    } else {
                        self.open_instead(&path);
                    }
                    self.settings_view.tab = tab;
                    self.settings_view.audit.refresh();
                    if self.store.is_some() {
                        self.toasts.warning(
                            "数据库文件已被另一窗口或命令替换（如恢复备份、清空数据），已重新打开，显示的是替换后的数据",
                        );
                    }
                }
            }
            _ => {}
        }
        let mut reopen = None;
        let mut back_to_backups = None;
        // The window that held the file has closed: the controls' hover no longer sends the
        // clerk to it.
        // (Taken again by another window meanwhile: said so, not as free.)
        let gone = self.read_only_watch.is_writer_gone();
        if let Some(store) = &mut self.store
            && let Some(why) = store.read_only_reason()
        {
            // The holder as its note says now (its operator renamed in 设置, say).
            let holder = (self.read_only_watch.changed_holder())
                .map(|holder| crate::ui::app_safety::held_by(Some(holder)));
            if gone && why != WRITER_GONE {
                store.reword_read_only_reason(WRITER_GONE);
            } else if !gone && let Some(holder) = holder.filter(|words| words != why) {
                store.reword_read_only_reason(&holder);
            } else if !gone && why == WRITER_GONE {
                store.reword_read_only_reason(crate::ui::write_access::WRITER_BACK);
            }
        }
        let is_read_only = (self.store.as_ref()).is_some_and(|s| s.read_only_reason().is_some());
        self.read_only_watch.title(ui.ctx(), is_read_only);
        if let Some(store) = &self.store
            && let Some(why) = store.read_only_reason()
        {
            let writer_gone = self.read_only_watch.is_writer_gone();
            let watches_writer = self.read_only_watch.watches_writer();
            egui::Panel::top("read_only_banner").show(ui, |ui| {
                ui.horizontal_wrapped(|ui| {
                    let colour = egui::Color32::from_rgb(0xA0, 0x40, 0x00);
                    if writer_gone {
                        ui.colored_label(
                            colour,
                            "数据库以只读方式打开；持有它的窗口或命令已经结束，现在可以改为可修改",
                        );
                        if ui.button("改为可修改").clicked() {
                            reopen = store.path().map(Path::to_path_buf);
                        }
                    } else {
                        ui.colored_label(
                            colour,
                            format!("数据库以只读方式打开：{why}；可以查看，不能修改"),
                        );
                        if watches_writer {
                            ui.weak("在另一处保存的修改会自动显示在这里");
                        }
                        // A damaged file looked at: the way back to its backups, without
                        // closing the program.
                        if crate::ui::app_safety::is_damaged_look(Some(why))
                            && ui.button("从备份恢复…").clicked()
                        {
                            back_to_backups = store.path().map(Path::to_path_buf);
                        }
                        // What the clerk can do about it, when it is the file or its folder.
                        if why.starts_with(crate::ui::app_safety::NOT_WRITABLE) {
                            ui.weak("要修改：请关闭程序，取消该文件（或所在文件夹）的只读属性，或把文件复制到可写的文件夹，再重新打开");
                        }
                    }
                });
            });
        }
        if let Some(path) = reopen {
            self.reopen_writable(&path);
        }
        if let Some(path) = back_to_backups {
            // Opened again, the file is found damaged as before: the screen of its backups.
            self.store = None;
            self.open_instead(&path);
        }
        let mut chosen = self.state.year;
        let mut go_to_settings = false;
        egui::Panel::top("top_bar").show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.strong(crate::ui::WINDOW_TITLE);
                ui.add_space(24.0);
                let label = ui.label("年度");
                let selected = self
                    .state
                    .year
                    .map_or_else(|| "无".to_owned(), |y| format!("{y} 年度"));
                // Picked by Enter as by a click, the list closes and the keyboard stays on it,
                // as with every list of the program.
                let mut picked = false;
                let combo = egui::ComboBox::from_id_salt("year_selector")
                    .selected_text(selected)
                    .show_ui(ui, |ui| {
                        for &year in &self.data.years {
                            let text = format!("{year} 年度");
                            picked |= crate::ui::pick::pick(ui, &mut chosen, Some(year), &text);
                        }
                    })
                    .response
                    .labelled_by(label.id);
                crate::ui::pick::keyboard_back(ui, &combo, picked);
                // A login that never gave its name signs the log with its login name.
                let can_write = self
                    .store
                    .as_ref()
                    .is_some_and(|s| s.read_only_reason().is_none());
                if self.data.operator_unnamed && can_write {
                    ui.add_space(24.0);
                    let operator = self.store.as_ref().map_or("", Store::operator);
                    let link = ui
                        .link(format!(
                            "操作记录中的操作员为“{operator}”：点此填写您的姓名"
                        ))
                        .on_hover_text("在“设置 → 常规”中填写，写入此后的每一条操作记录");
                    if link.clicked() {
                        go_to_settings = true;
                    }
                }
            });
        });
        if go_to_settings {
            self.settings_view.tab = crate::ui::settings_view::SettingsTab::General;
            self.choose_view(View::Settings);
        }
        // Unsaved edits are given up only after one question.
        self.choose_year(chosen);
    }

    /// The navigation on the left, one button per screen; leaving one with unsaved edits
    /// asks once.
    pub(super) fn navigation(&mut self, ui: &mut egui::Ui) {
        let mut chosen = None;
        egui::Panel::left("navigation")
            .resizable(false)
            .exact_size(120.0)
            .show(ui, |ui| {
                ui.add_space(8.0);
                for view in View::ALL {
                    let button = egui::Button::selectable(
                        self.state.view == view,
                        egui::RichText::new(view.label()).size(16.0),
                    );
                    if ui.add_sized([104.0, 32.0], button).clicked() {
                        chosen = Some(view);
                    }
                }
            });
        // Leaving 责任书 with unsaved edits asks once.
        if let Some(view) = chosen {
            self.choose_view(view);
        }
    }
}
