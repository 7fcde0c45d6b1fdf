//! The register's and settings' commands: units, categories, the welcome dialog's start,
//! 年度设置 and the operator; each answered with a toast or a message where it was asked.

use crate::store::StoreError;

use super::app::App;
use super::command::Command;
use super::settings_view::SettingsTab;
use super::state::View;

impl App {
    /// Applies a command of the register or 设置; others were applied before (see `App::apply`).
    pub(super) fn apply_register(&mut self, command: Command) {
        let Some(store) = &mut self.store else { return };
        match command {
            Command::SaveUnit { id, draft } => {
                let name = draft.name.clone();
                // A 排序号 typed that another active unit has is said again after saving, as an
                // import says it: the form's note may have gone unread.
                let units = &self.data.units;
                let before = id
                    .and_then(|id| units.iter().find(|u| u.id == id))
                    .map(|u| u.fields.sort_order);
                let sharing = (before != Some(draft.sort_order))
                    .then(|| {
                        (units.iter())
                            .find(|u| {
                                u.is_active
                                    && Some(u.id) != id
                                    && u.fields.sort_order == draft.sort_order
                            })
                            .map(|u| {
                                format!(
                                    "；排序号 {} 与“{}”相同，两个单位排在一起，按录入的先后",
                                    draft.sort_order, u.fields.name
                                )
                            })
                    })
                    .flatten()
                    .unwrap_or_default();
                // An archived unit of the same short name is said again too, when the short
                // name shown is new: it cannot be restored until one of the two changes it
                // (the form's note may have gone unread).
                let shown = draft.display_short_name();
                let was = id
                    .and_then(|id| units.iter().find(|u| u.id == id))
                    .map(|u| u.fields.display_short_name());
                let twin = (was != Some(shown))
                    .then(|| {
                        (units.iter()).find(|u| {
                            !u.is_active && Some(u.id) != id && u.fields.display_short_name() == shown
                        })
                    })
                    .flatten()
                    .map(|u| {
                        format!(
                            "；注意：已归档单位“{}”的简称也是“{shown}”，恢复它之前须改其中一个的简称",
                            u.fields.name
                        )
                    });
                let saved = store.write(|w| match id {
                    Some(id) => w.update_unit(id, &draft).map(|()| id),
                    None => w.insert_unit(&draft),
                });
                match saved {
                    Ok(id) => {
                        self.units_view.saved(id);
                        match twin {
                            Some(twin) => self
                                .toasts
                                .warning(format!("已保存单位“{name}”{sharing}{twin}")),
                            None => self.toasts.success(format!("已保存单位“{name}”{sharing}")),
                        }
                    }
                    Err(StoreError::Invalid(errors)) => self.units_view.show_form_errors(errors),
                    Err(error) => self.toasts.error(error.to_string()),
                }
            }
            Command::SetUnitActive { id, is_active } => {
                let name = self
                    .data
                    .units
                    .iter()
                    .find(|u| u.id == id)
                    .map(|u| u.fields.name.clone())
                    .unwrap_or_default();
                match store.write(|w| w.set_unit_active(id, is_active)) {
                    Ok(()) if is_active => self.toasts.success(format!("已恢复单位“{name}”")),
                    Ok(()) => self.toasts.success(format!(
                        "已归档单位“{name}”：不再列入在用单位，其记录都保留，可随时恢复"
                    )),
                    Err(error) => self.toasts.error(error.to_string()),
                }
            }
            Command::LoadDemo { operator } => match store
                .set_operator(&operator)
                .and_then(|()| crate::demo::load(store))
            {
                Ok(()) => {
                    self.welcome = None;
                    // A first look starts at the register, whatever screen an earlier file
                    // was left on.
                    self.state.view = View::Units;
                    self.toasts.success("已载入示例数据（示例市）");
                    self.first_daily_backup();
                }
                Err(error) => self.welcome_error(error.to_string()),
            },
            Command::StartBlank {
                party_a_name,
                year,
                operator,
            } => {
                if let Err(error) = store.set_operator(&operator) {
                    self.welcome_error(error.to_string());
                    return;
                }
                let started = store.write(|w| w.start_blank(&party_a_name, year));
                match started {
                    Ok(()) => {
                        self.welcome = None;
                        self.state.year = Some(year);
                        // Where the toast sends the clerk: the units come first.
                        self.state.view = View::Units;
                        self.toasts
                            .success(format!("已建立 {year} 年度，请在“单位”中添加责任单位"));
                        self.first_daily_backup();
                    }
                    Err(error) => self.welcome_error(error.to_string()),
                }
            }
            Command::ChooseOtherDatabase => {
                let folder = (store.path())
                    .and_then(std::path::Path::parent)
                    .map(std::path::Path::to_path_buf);
                let unsaved = self.unsaved_everywhere();
                if unsaved.is_empty() {
                    self.open_other.choose_existing(folder.as_deref());
                } else {
                    self.toasts.warning(format!(
                        "{unsaved}有未保存的修改：请先保存或放弃，再打开其他数据库文件"
                    ));
                }
            }
            Command::ShowBackups => {
                self.welcome_set_aside = self.welcome.take();
                self.state.view = View::Settings;
                self.settings_view.tab = SettingsTab::Backups;
                self.refresh_backups();
            }
            Command::AddCategory(name) => match store.write(|w| w.insert_category(&name)) {
                Ok(_) => {
                    self.settings_view.category_added();
                    self.toasts
                        .success(format!("已添加考核类别“{}”", name.trim()));
                }
                Err(error) => self.toasts.error(error.to_string()),
            },
            Command::RenameCategory { id, name } => {
                match store.write(|w| w.rename_category(id, &name)) {
                    Ok(()) => {
                        self.settings_view.category_renamed();
                        self.toasts
                            .success(format!("考核类别已改名为“{}”", name.trim()));
                    }
                    Err(error) => self.toasts.error(error.to_string()),
                }
            }
            Command::DeleteCategory(id) => match store.write(|w| w.delete_category(id)) {
                Ok(()) => self.toasts.success("考核类别已删除"),
                Err(error) => self.toasts.error(error.to_string()),
            },
            Command::MoveCategory { id, up } => {
                if let Err(error) = store.write(|w| w.move_category(id, up)) {
                    self.toasts.error(error.to_string());
                }
            }
            Command::SaveYear {
                year,
                reason,
                is_confirmed,
            } => match if is_confirmed {
                // Confirmed: saving checks again itself.
                Ok(false)
            } else {
                crate::workflow::notice::publishes(store, &year)
            } {
                // Publishing locks the scores: asked once, and only when it can be done; over
                // 通报与统计 when asked from there (the results stay in sight behind it), else in
                // 设置 → 年度设置.
                Ok(true) => {
                    self.publish_asked_from = Some(self.state.view);
                    if self.state.view != View::Notice {
                        self.state.view = View::Settings;
                        self.settings_view.tab = SettingsTab::Year;
                    }
                    self.settings_view.ask_publish(*year);
                }
                Ok(false) => {
                    use crate::model::Phase;
                    // Taken back from 已通报 (for a correction): said as such, not as settings.
                    let was_published = store.is_published(year.year).unwrap_or(false);
                    let withdrawn = was_published && year.phase != Phase::Published;
                    match crate::workflow::notice::save_year(store, &year, reason.as_deref()) {
                        Ok(()) if is_confirmed => {
                            // Back where it was asked (通报与统计): the notice is exported next.
                            let from = self.publish_asked_from.take();
                            // Not "export now" under a 发文字号 used before: said why not.
                            let reused =
                                crate::workflow::notice::reused_number_refusal(store, year.year)
                                    .is_some();
                            let next = match (from == Some(View::Notice), reused) {
                                (_, true) => "；但发文字号已用于此前印发的通报，须先撤回、改用新的发文字号并重新发布后才能导出（见“通报与统计”）",
                                (true, false) => "；现在可以导出正式的考核结果通报",
                                (false, false) => "",
                            };
                            if from == Some(View::Notice) {
                                self.state.view = View::Notice;
                            }
                            self.toasts.success(format!(
                                "已发布 {} 年度考核结果，评分已锁定{next}",
                                year.year
                            ));
                        }
                        Ok(()) if withdrawn => self.toasts.success(format!(
                            "已撤回 {} 年度考核结果的通报，阶段改为“{}”，评分可以修改；改完后请重新发布",
                            year.year,
                            year.phase.label()
                        )),
                        Ok(()) => self.toasts.success(format!("{} 年度设置已保存", year.year)),
                        Err(error) => self.settings_view.year_refused(error),
                    }
                }
                // Shown under the form, which shows the stored phase again; asked from
                // 通报与统计, also where the clerk is.
                Err(error) => {
                    if self.state.view != View::Settings {
                        self.toasts.error(error.clone());
                    }
                    self.settings_view.year_refused(error);
                }
            },
            Command::SetOperator(name) => match store.set_operator(&name) {
                Ok(()) => self
                    .toasts
                    .success(format!("操作员已设为“{}”", name.trim())),
                Err(error) => self.toasts.error(error.to_string()),
            },
            // The other commands were applied before; reloading (all `Command::Reload` asks
            // for) follows every command.
            _ => {}
        }
    }

    /// Shows a message on the welcome dialog, if it is open; else as a toast.
    fn welcome_error(&mut self, message: String) {
        match &mut self.welcome {
            Some(welcome) => welcome.set_error(message),
            None => self.toasts.error(message),
        }
    }

    /// The day's first backup, taken once the new database is set up (demo loaded or blank
    /// start chosen): a file not set up yet gets none at start (see `Store::daily_backup`), and
    /// the promise of a backup on each day's first start holds from the first day.
    fn first_daily_backup(&mut self) {
        let Some(store) = &self.store else { return };
        if let Err(error) = store.daily_backup() {
            self.warn_daily_backup_failed(format!("今天的自动备份没有成功：{error}"));
        }
    }
}
