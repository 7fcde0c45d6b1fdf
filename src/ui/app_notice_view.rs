//! The 通报与统计 screen: the notice, summary and forms actions, publishing the year's results
//! from where they are checked, what changed since, and the statistics below.

use super::app::App;
use super::command::Command;
use super::write_access::WriteAccess;

impl App {
    /// Draws the 通报与统计 screen in the central panel.
    pub(super) fn notice_view(&mut self, ui: &mut egui::Ui) {
        let access = WriteAccess::of(self.store.as_ref());
        ui.heading("通报与统计");
        match self.state.year {
            Some(year) => {
                self.report_actions.show(
                    ui,
                    self.data.year_data.year.as_ref(),
                    self.data.notice_date.as_ref(),
                    self.data.statistics.notice_refusal.as_deref(),
                    super::report_actions::AgreementCounts {
                        drafted: self.data.year_data.agreements.len(),
                        left_out: self.data.year_data.left_out.len(),
                    },
                    access,
                    &mut self.commands,
                );
                let is_published = (self.data.year_data.year.as_ref())
                    .is_some_and(|y| y.phase == crate::model::Phase::Published);
                // Said once published, so the clerk who just published sees it took.
                if is_published && let Some(publication) = &self.data.publication {
                    ui.label(format!(
                        "{year} 年度{publication}；评分已锁定，修改须填写理由"
                    ));
                }
                // While the notice cannot be made, the refusal above says why; the button shows
                // greyed, so that where the results are published is known before they can be.
                let can_export = self.data.statistics.notice_refusal.is_none();
                if !is_published && let Some(refusal) = &self.data.statistics.notice_refusal {
                    ui.horizontal_wrapped(|ui| {
                        ui.weak(if self.data.is_withdrawn {
                            format!("{year} 年度的考核结果已撤回通报，正在更正：通报能生成后，核对无误即可在此重新发布")
                        } else {
                            format!("{year} 年度的考核结果尚未通报：通报能生成后，核对无误即可在此发布")
                        });
                        ui.add_enabled(false, egui::Button::new("发布考核结果…"))
                            .on_disabled_hover_text(refusal.as_str());
                    });
                }
                if !is_published && can_export {
                    // Published from here, where the results are checked: the same
                    // question as 设置 → 年度设置 asks, shown there.
                    ui.horizontal_wrapped(|ui| {
                        // Taken back after publication: a correction, not a first publication.
                        ui.weak(if self.data.is_withdrawn {
                            format!(
                                "{year} 年度的考核结果已撤回通报，正在更正：现在导出的通报每页带“草稿”水印，供核对；更正无误后重新发布（即把年度阶段改回“已通报”），评分随之锁定"
                            )
                        } else {
                            format!(
                                "{year} 年度的考核结果尚未通报：导出的通报每页带“草稿”水印，供核对；核对无误后发布（即把年度阶段改为“已通报”），评分随之锁定"
                            )
                        });
                        let stored = self.data.year_data.year.as_ref();
                        // A year not begun yet is not published (its notice could carry
                        // no date of its own): greyed, saying so, not refused after.
                        let ahead_note = stored
                            .and_then(|y| crate::workflow::notice::year_not_begun(y.year));
                        let publish = access.add_enabled(
                            ui,
                            ahead_note.is_none(),
                            egui::Button::new("发布考核结果…"),
                        );
                        // Said beside the greyed button too, not only on hover.
                        let publish = if let Some(ahead_note) = ahead_note
                            && access.can_write()
                        {
                            ui.colored_label(
                                ui.visuals().warn_fg_color,
                                ahead_note.as_str(),
                            );
                            publish.on_disabled_hover_text(ahead_note)
                        } else {
                            publish
                        };
                        if let Some(stored) = stored
                            && publish.clicked()
                        {
                            let mut published = stored.clone();
                            published.phase = crate::model::Phase::Published;
                            self.commands.push(Command::SaveYear {
                                year: Box::new(published),
                                reason: None,
                                is_confirmed: false,
                            });
                        }
                    });
                }
                // Asked here, over the results it publishes.
                if self.settings_view.is_asking_publish() {
                    let facts = super::settings_view::publish_facts(
                        &self.data.year_data,
                        &self.data.units,
                        self.data.has_document_number,
                        (
                            self.data.statistics.publish_note.clone(),
                            self.data.publication.clone(),
                            self.data.republish_note.clone(),
                        ),
                    );
                    self.settings_view
                        .confirm_publish(ui.ctx(), facts, &mut self.commands);
                }
                super::stale_exports::show(
                    ui,
                    self.data.changes_since_published.as_ref(),
                    &self.data.result_exports,
                    self.data.statistics.notice_refusal.is_none(),
                );
                if !is_published && let Some(note) = self.undrafted_note() {
                    ui.colored_label(ui.visuals().warn_fg_color, note);
                }
                ui.separator();
                // A bar beside the charts, not floating over their right edge.
                ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
                egui::ScrollArea::vertical().show(ui, |ui| {
                    self.statistics_view.show(ui, &self.data.statistics, year);
                });
            }
            None => {
                ui.label("数据库中还没有考核年度");
            }
        }
    }

    /// Units in use without an agreement this year, left out of the assessment and the notice
    /// unless drafted: said where the results are published, not only in the tracker.
    fn undrafted_note(&self) -> Option<String> {
        let agreements = &self.data.year_data.agreements;
        let undrafted: Vec<&str> =
            crate::model::agreement::undrafted(&self.data.year_units, agreements)
                .map(|u| u.fields.display_short_name())
                .collect();
        if undrafted.is_empty() || self.data.year_data.agreements.is_empty() {
            return None;
        }
        Some(format!(
            "另有 {} 个在用单位本年度没有责任书，不参加考核，也不列入通报：{}；要参加的，请先在“责任书 → 签订跟踪”中起草",
            undrafted.len(),
            undrafted.join("、")
        ))
    }
}
