//! The 设置 screen, in four tabs: 常规 (assessment categories, year rollover and deletion, the
//! operator name, the data file), 年度设置, 备份与恢复 and 操作记录.

use crate::model::{Category, Unit};

use super::audit_view::AuditView;
use super::backup_view::BackupView;
use super::category_list::CategoryList;
use super::command::Command;
use super::write_access::WriteAccess;
use super::year_actions::YearActions;
use super::year_settings_view::YearSettingsView;

/// The tabs of the 设置 screen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SettingsTab {
    /// Categories, rollover and deletion of a year, operator, data file.
    #[default]
    General,
    /// 年度设置 of the selected year.
    Year,
    /// 备份与恢复.
    Backups,
    /// 操作记录.
    Audit,
}

/// What the 设置 screen shows, loaded by the app.
pub struct SettingsData<'a> {
    /// Assessment categories.
    pub categories: &'a [Category],
    /// What uses each category in use, in words, by id.
    pub category_uses: &'a std::collections::HashMap<i64, String>,
    /// Every unit (the audit filter).
    pub units: &'a [Unit],
    /// The operator name.
    pub operator: &'a str,
    /// True while this login never gave its name (the log is signed with the login name):
    /// 保存操作员 then takes the name shown as it is.
    pub operator_unnamed: bool,
    /// The database file, if not in memory.
    pub db_path: Option<&'a str>,
    /// The automatic backups, their folder, and the backup under way (the 备份与恢复 tab).
    pub backup_place: super::backup_view::BackupPlace<'a>,
    /// The selected year.
    pub year: Option<i32>,
    /// The newest year there is (a rollover starts from it).
    pub newest_year: Option<i32>,
    /// The year before the selected one, if there is one, and whether it is published (what
    /// deleting the selected year does to its units depends on it).
    pub previous_year: Option<(i32, bool)>,
    /// The selected year's data (its settings, and what 删除年度 would remove).
    pub year_data: &'a super::agreements::YearData,
    /// The font that draws each role of the PDFs.
    pub role_fonts: &'a [crate::pdf::font_roles::RoleFont],
    /// True when the selected year's notice has a 发文字号 (asked about before publishing).
    pub has_document_number: bool,
    /// What publishing the selected year's results would lock in wrongly (see
    /// [`crate::workflow::statistics::Statistics::publish_note`]).
    pub publish_note: Option<String>,
    /// Why the year's notice cannot be made now (see
    /// [`crate::workflow::statistics::Statistics::notice_refusal`]).
    pub notice_refusal: Option<String>,
    /// What is said before the year is published again with other grade bands (see
    /// [`crate::workflow::notice::republish_note`]).
    pub republish_note: Option<String>,
    /// When the selected year's results were published and its notice dated, while it is
    /// 已通报 (see [`crate::workflow::notice::publication`]).
    pub publication: Option<String>,
    /// Whether the window may write (categories, rollover, operator, year settings, restore).
    pub access: WriteAccess<'a>,
}

/// What the year settings and the publishing question name of the selected year: its
/// agreements not yet signed or archived, its indicators, the units left out, and the notes
/// given: what publishing would lock in wrongly, when it was published, and what publishing it
/// again with other bands means.
#[must_use]
pub fn publish_facts(
    year_data: &super::agreements::YearData,
    units: &[Unit],
    has_document_number: bool,
    (wording_note, publication, republish_note): (Option<String>, Option<String>, Option<String>),
) -> super::year_settings_view::PublishFacts {
    // Not those of units archived before they signed: they await nothing.
    let in_use: Vec<crate::model::Agreement> = (year_data.agreements.iter())
        .filter(|a| !year_data.left_out.contains(&a.id))
        .cloned()
        .collect();
    let unsigned = crate::model::agreement::unsigned_count(&in_use);
    super::year_settings_view::PublishFacts {
        unsigned,
        drafts: crate::model::agreement::draft_count(&in_use),
        unarchived: crate::model::agreement::unarchived_note(&in_use, unsigned),
        has_document_number,
        indicator_totals: {
            let mut totals: Vec<_> = (year_data.sets.iter())
                .map(crate::model::IndicatorSet::total_points)
                .collect();
            totals.sort_unstable();
            totals.dedup();
            totals
        },
        has_final_set: (year_data.sets.iter()).any(|s| s.is_final),
        publication,
        left_out: (year_data.agreements.iter())
            .filter(|a| year_data.left_out.contains(&a.id))
            .filter_map(|a| units.iter().find(|u| u.id == a.draft.unit_id))
            .map(|u| u.fields.display_short_name().to_owned())
            .collect(),
        wording_note,
        entered: crate::model::phase_notes::entered_count(
            &year_data.scores,
            &year_data.adjustments,
            &year_data.vetoes,
        ),
        signed: year_data.agreements.len()
            - crate::model::agreement::unsigned_count(&year_data.agreements),
        issued: (year_data.agreements.iter())
            .filter(|a| a.status >= crate::model::AgreementStatus::Final)
            .count(),
        publish_refusal: None,
        republish_note,
    }
}

/// Why the year shown cannot be published now: its notice could not be made, or the year
/// has not begun (its notice could carry no date of its own).
fn publish_refusal(data: &SettingsData<'_>) -> Option<String> {
    let year = data.year_data.year.as_ref()?;
    crate::workflow::notice::year_not_begun(year.year).or_else(|| data.notice_refusal.clone())
}

/// Runtime state of the 设置 screen.
#[derive(Default)]
pub struct SettingsView {
    /// The open tab.
    pub tab: SettingsTab,
    categories: CategoryList,
    /// The operator name as typed, and the stored name it was filled from: a name stored since
    /// (in the welcome dialog, or another window) fills the field again.
    operator: Option<(String, String)>,
    /// 年度结转 and 删除年度.
    year_actions: YearActions,
    /// The 年度设置 tab.
    year: YearSettingsView,
    /// The 备份与恢复 tab.
    pub backups: BackupView,
    /// The 操作记录 tab.
    pub audit: AuditView,
}

impl SettingsView {
    /// "年度设置" when the 年度设置 form holds unsaved edits, "操作员姓名" when a name is typed
    /// and not saved (both when both), else empty.
    #[must_use]
    pub fn unsaved(&self) -> &'static str {
        let is_operator_typed =
            (self.operator.as_ref()).is_some_and(|(typed, stored)| typed.trim() != stored.trim());
        match (self.year.is_changed(), is_operator_typed) {
            (true, true) => "年度设置、操作员姓名",
            (true, false) => "年度设置",
            (false, true) => "操作员姓名",
            (false, false) => "",
        }
    }

    /// Gives the 年度设置 form's edits and a typed operator name up.
    pub fn discard_unsaved(&mut self) {
        self.year.discard_unsaved();
        self.operator = None;
    }

    /// Draws the screen.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        data: &SettingsData<'_>,
        commands: &mut Vec<Command>,
    ) {
        ui.heading("设置");
        ui.horizontal(|ui| {
            for (tab, label) in [
                (SettingsTab::General, "常规"),
                (SettingsTab::Year, "年度设置"),
                (SettingsTab::Backups, "备份与恢复"),
                (SettingsTab::Audit, "操作记录"),
            ] {
                if ui.selectable_value(&mut self.tab, tab, label).clicked()
                    && tab == SettingsTab::Audit
                {
                    self.audit.refresh();
                }
            }
            // Edits left on the 年度设置 tab wait there, kept: said beside the tabs, as leaving
            // the screen asks about them.
            if self.tab != SettingsTab::Year && self.year.is_changed() {
                ui.colored_label(ui.visuals().warn_fg_color, "（年度设置有未保存的修改）");
            }
        });
        ui.separator();
        match self.tab {
            SettingsTab::General => self.general(ui, data, commands),
            SettingsTab::Year => {
                let mut facts = publish_facts(
                    data.year_data,
                    data.units,
                    data.has_document_number,
                    (
                        data.publish_note.clone(),
                        data.publication.clone(),
                        data.republish_note.clone(),
                    ),
                );
                facts.publish_refusal = publish_refusal(data);
                // Scrolled on a low window, however many grades are added.
                egui::ScrollArea::vertical()
                    .id_salt("year_settings")
                    .auto_shrink([false, false])
                    .show(ui, |ui| {
                        self.year.show(
                            ui,
                            data.year_data.year.as_ref(),
                            facts,
                            data.access,
                            commands,
                        );
                    });
            }
            SettingsTab::Backups => {
                // A restore reads everything again: the edits of another tab go with it.
                let unsaved = self.unsaved();
                self.backups
                    .show(ui, &data.backup_place, (data.access, unsaved), commands);
            }
            SettingsTab::Audit => self.audit.show(ui, data.units, data.categories, commands),
        }
    }

    fn general(&mut self, ui: &mut egui::Ui, data: &SettingsData<'_>, commands: &mut Vec<Command>) {
        egui::ScrollArea::vertical()
            .auto_shrink([false, false])
            .show(ui, |ui| {
                self.general_contents(ui, data, commands);
                ui.add_space(16.0);
                Self::fonts(ui, data.role_fonts);
            });
    }

    /// Which font draws each role of the PDFs: the office's installed one, or the one shipped
    /// (said plainly: the shipped fonts print properly, an installed office font is better).
    fn fonts(ui: &mut egui::Ui, role_fonts: &[crate::pdf::font_roles::RoleFont]) {
        ui.strong("公文字体");
        for font in role_fonts {
            ui.label(font.describe());
        }
        ui.label("导出和打印时优先使用本机安装的公文字体；安装字体后请重新启动程序。");
    }

    fn general_contents(
        &mut self,
        ui: &mut egui::Ui,
        data: &SettingsData<'_>,
        commands: &mut Vec<Command>,
    ) {
        let (operator, db_path, year, access) =
            (data.operator, data.db_path, data.year, data.access);
        self.categories
            .show(ui, data.categories, data.category_uses, access, commands);
        ui.add_space(16.0);
        let unsaved = self.unsaved();
        // What a rollover leaves the new year without, for the categories units are in: worked
        // out while its question is open, not every frame.
        let unprepared = if self.year_actions.is_asking_rollover() {
            crate::workflow::rollover::unprepared_in(
                data.units,
                data.categories,
                &data.year_data.templates,
                &data.year_data.sets,
            )
        } else {
            Vec::new()
        };
        self.year_actions.show(
            ui,
            year,
            (data.newest_year, data.previous_year),
            (data.year_data, &unprepared),
            unsaved,
            access,
            commands,
        );
        ui.add_space(16.0);
        ui.strong("操作员");
        let problem = ui.horizontal(|ui| {
            let label = ui.label("操作员姓名");
            if self
                .operator
                .as_ref()
                .is_none_or(|(_, from)| from != operator)
            {
                self.operator = Some((operator.to_owned(), operator.to_owned()));
            }
            let Some((name, stored)) = &mut self.operator else {
                return None;
            };
            // The name is stored in the database; Enter saves it, as 保存操作员 does.
            let field = access
                .add_enabled(
                    ui,
                    true,
                    egui::TextEdit::singleline(name).desired_width(160.0),
                )
                .labelled_by(label.id);
            let entered = crate::ui::enter_key::pressed_in(ui, &field);
            let is_typed = name.trim() != stored.trim();
            // Refused where it is typed, the field keeping the keyboard: never saved blank.
            let problem = match name.trim().chars().count() {
                0 => Some("操作员姓名不能为空；不想改时点“还原”".to_owned()),
                31.. => Some("操作员姓名最多 30 个字".to_owned()),
                _ => crate::store::demo_operator_refusal(name),
            };
            // Enabled once something is typed, or to take the login name shown as the name.
            let can_save = problem.is_none() && (is_typed || data.operator_unnamed);
            let save = access.add_enabled(ui, can_save, egui::Button::new("保存操作员"));
            if (save.clicked() || (entered && is_typed && problem.is_none())) && access.can_write()
            {
                commands.push(Command::SetOperator(name.clone()));
            }
            // Saved or refused, the keyboard stays in the field (Tab goes on from there).
            if entered {
                field.request_focus();
            }
            // A name typed and not wanted goes back to the one stored.
            if ui
                .add_enabled(is_typed, egui::Button::new("还原"))
                .on_hover_text("改回已保存的操作员姓名")
                .clicked()
            {
                name.clone_from(stored);
            }
            problem.filter(|_| is_typed)
        });
        if let Some(problem) = problem.inner {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.label("操作员姓名写入每一条操作记录，保存在这个数据文件中（打开其他数据文件时另行填写）；只用于本机的当前登录用户，同事在别的电脑上打开此文件时用各自的姓名");
        ui.add_space(16.0);
        ui.strong("数据文件");
        ui.horizontal_wrapped(|ui| {
            ui.label(db_path.unwrap_or("（内存数据库）"));
            if ui
                .button("打开其他数据库文件…")
                .on_hover_text("改用另一个数据库文件（如另一个单位的、恢复出来查看的旧文件）；只在本次运行中使用，下次启动仍打开原来的")
                .clicked()
            {
                commands.push(Command::ChooseOtherDatabase);
            }
        });
        ui.label("所有数据保存在这一个文件中，请放在本机硬盘上（不要放在网络共享文件夹）。备份和恢复见“备份与恢复”。");
        // Each save is folded into the file at once (see `Store::write`), but a copy made in
        // the middle of a save may be torn; a backup is checked after it is written.
        ui.label(
            egui::RichText::new("要把数据复制到别处（如 U 盘），请用“备份到其他位置…”：得到的副本经过完整性检查，程序运行时也可以复制")
                .weak(),
        );
    }

    /// Shows why the year settings were not saved under their form (see
    /// [`YearSettingsView::refused`]).
    pub fn year_refused(&mut self, message: String) {
        self.year.refused(message);
    }

    /// True (once) when the publishing question was just answered 取消 (see
    /// [`YearSettingsView::take_publish_cancelled`]).
    pub fn take_publish_cancelled(&mut self) -> bool {
        self.year.take_publish_cancelled()
    }

    /// Asks before the year's results are published (see [`YearSettingsView::ask_publish`]).
    pub fn ask_publish(&mut self, year: crate::model::Year) {
        self.year.ask_publish(year);
    }

    /// True while the publishing question waits for an answer.
    #[must_use]
    pub fn is_asking_publish(&self) -> bool {
        self.year.is_asking_publish()
    }

    /// Puts the publishing question over another screen (通报与统计, where it was asked from),
    /// with what it names (see [`publish_facts`]).
    pub fn confirm_publish(
        &mut self,
        ctx: &egui::Context,
        facts: super::year_settings_view::PublishFacts,
        commands: &mut Vec<Command>,
    ) {
        self.year.confirm_publish(ctx, facts, commands);
    }

    /// Clears the new category's name after it was added.
    pub fn category_added(&mut self) {
        self.categories.added();
    }

    /// Closes the rename after a category was renamed.
    pub fn category_renamed(&mut self) {
        self.categories.renamed();
    }
}
