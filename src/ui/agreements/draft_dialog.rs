//! 批量起草: choose the units (all active units without an agreement by default) and the copies
//! each is signed in (一式 N 份), see who is skipped and why, then draft; a progress bar shows
//! while a large batch runs.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::agreement::{MAX_COPIES, MIN_COPIES};
use crate::workflow::drafting::DEFAULT_COPIES;

use super::{Command, Context};

/// How many units already drafted are named beside the count; more are listed at the end.
const NAMED: usize = 6;

/// Progress of a running batch, reported by the app.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftProgress {
    /// Agreements drafted so far.
    pub done: usize,
    /// Agreements in the batch.
    pub total: usize,
}

/// The open dialog.
pub struct DraftDialog {
    /// Units left out by the clerk.
    excluded: BTreeSet<i64>,
    /// Copies each new agreement is signed in.
    copies: i64,
    started: bool,
    /// True until the list is first drawn: it opens at its top, not where it was left the
    /// last time the dialog was open.
    is_new: bool,
}

impl Default for DraftDialog {
    fn default() -> Self {
        Self {
            excluded: BTreeSet::new(),
            copies: DEFAULT_COPIES,
            started: false,
            is_new: true,
        }
    }
}

impl DraftDialog {
    /// The dialog for a year whose agreements so far are mostly signed in `usual` copies
    /// (`None` while it has none): a unit drafted late is offered the year's own number.
    #[must_use]
    pub fn for_year(usual: Option<i64>) -> Self {
        Self {
            copies: usual.unwrap_or(DEFAULT_COPIES),
            ..Self::default()
        }
    }

    /// Draws the dialog; returns false once it should close.
    pub fn show(
        &mut self,
        ctx: &egui::Context,
        context: &Context<'_>,
        progress: Option<&DraftProgress>,
        commands: &mut Vec<Command>,
    ) -> bool {
        let year = context.data.year.as_ref().map_or(0, |y| y.year);
        // Categories that have a template: a unit in any other cannot be drafted yet.
        let templated: BTreeSet<i64> = (context.data.templates.iter())
            .map(|t| t.content.category_id)
            .collect();
        let drafted: BTreeSet<i64> = context
            .data
            .agreements
            .iter()
            .map(|a| a.draft.unit_id)
            .collect();
        let categories: BTreeMap<i64, &str> = context
            .categories
            .iter()
            .map(|c| (c.id, c.name.as_str()))
            .collect();
        let active = context.units.iter().filter(|u| u.is_active);
        let (candidates, rest): (Vec<_>, Vec<_>) = active.partition(|u| !drafted.contains(&u.id));
        let (ready, without_template): (Vec<_>, Vec<_>) = candidates
            .into_iter()
            .partition(|u| templated.contains(&u.fields.category_id));
        let mut keep_open = true;
        let modal = crate::ui::steady_modal::top_anchored(ctx, egui::Id::unique("draft_dialog"));
        let shown = modal.show(ctx, |ui| {
            ui.set_width(520.0);
            ui.heading(format!("批量起草 {year} 年度责任书"));
            if let Some(progress) = progress {
                ui.label(format!("正在起草：{} / {}", progress.done, progress.total));
                let fraction = if progress.total == 0 {
                    1.0
                } else {
                    progress.done as f32 / progress.total as f32
                };
                ui.add(egui::ProgressBar::new(fraction).show_percentage());
                return;
            }
            if self.started {
                keep_open = false;
                return;
            }
            // An empty register (a blank start): said, with where units are added.
            if !context.units.iter().any(|u| u.is_active) {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "名册中还没有单位：请先在“单位”中点“新建单位…”逐个添加，或点“导入…”从表格导入",
                );
            }
            let drafting = ready.len()
                - ready
                    .iter()
                    .filter(|u| self.excluded.contains(&u.id))
                    .count();
            // The skipped said only when there are any (a first draft of the year has none).
            ui.label(if rest.is_empty() && ready.is_empty() {
                // Every unit lacks its category's template (said below).
                "没有可以起草的单位".to_owned()
            } else if rest.is_empty() {
                format!("将为 {drafting} 个单位起草（按各类别当前模板）")
            } else if ready.is_empty() && without_template.is_empty() {
                format!(
                    "在用的 {} 个单位本年度都已有责任书，没有要起草的",
                    rest.len()
                )
            } else if ready.is_empty() {
                // The others lack a template (said below): not "all" of the active units.
                format!("{} 个单位本年度已有责任书，跳过；没有可以起草的", rest.len())
            } else {
                format!(
                    "将为 {drafting} 个单位起草（按各类别当前模板）；{} 个单位本年度已有责任书，将跳过",
                    rest.len()
                )
            });
            // Who is skipped, named where the count is (the whole list is at its end).
            if !rest.is_empty() {
                let names: Vec<&str> = (rest.iter().take(NAMED))
                    .map(|u| u.fields.display_short_name())
                    .collect();
                let more = if rest.len() > NAMED {
                    "等（全部列在下方）"
                } else {
                    ""
                };
                names_kept_whole(ui, "已有责任书，将跳过：", &names, more, true);
            }
            // A planned signing date carried over from last year and already past: every new
            // draft would show as overdue at once.
            let planned = context.data.year.as_ref().and_then(|y| y.planned_signing_date);
            // Nothing to draft, nothing would be late for it. (Whether any unit can be
            // drafted, not how many are ticked: a line coming and going above the list as
            // the first is ticked would move the rows under the pointer.)
            let is_past = |date: &chrono::NaiveDate| *date < chrono::Local::now().date_naive();
            if let Some(planned) = planned.filter(|date| !ready.is_empty() && is_past(date)) {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "本年度的计划签订日期 {} 已过，起草后的责任书都将显示为逾期：如需改期，请在“设置 → 年度设置”中修改",
                        crate::model::dates::show_date(planned)
                    ),
                );
            }
            // Not needed to draft, but to sign in bulk (and by a text that prints the name):
            // said now, not first at 定稿.
            if let Some(year) = context.data.year.as_ref()
                && !ready.is_empty()
                && year.party_a_signatory_name.trim().is_empty()
            {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    "本年度的甲方签字人尚未填写：可以先起草，定稿、签订前请在“设置 → 年度设置”中补上",
                );
            }
            // Said above the list, where it is seen without scrolling.
            if !without_template.is_empty() {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "另有 {} 个单位所属类别本年度没有模板，不能起草（列在下面）：请先在“模板”中为其类别写好模板",
                        without_template.len()
                    ),
                );
            }
            // Nothing to choose from: no buttons to choose with.
            if !ready.is_empty() {
                ui.horizontal(|ui| {
                    if ui.small_button("全选").clicked() {
                        self.excluded.clear();
                    }
                    if ui.small_button("全不选").clicked() {
                        self.excluded.extend(ready.iter().map(|u| u.id));
                    }
                });
            }
            // Only the rows in sight are drawn: a city's thousands of units stay smooth.
            let row_height = crate::ui::row_height::widget_row(ui);
            let mut list = egui::ScrollArea::vertical();
            if std::mem::take(&mut self.is_new) {
                list = list.vertical_scroll_offset(0.0);
            }
            list.id_salt("draft_units")
                .max_height(260.0)
                .auto_shrink([false, true])
                .show_rows(ui, row_height, ready.len(), |ui, rows| {
                    // The scroll bar at the dialog's edge, however short the names in sight.
                    ui.set_min_width(ui.available_width());
                    for unit in ready.get(rows).unwrap_or_default() {
                        let mut chosen = !self.excluded.contains(&unit.id);
                        let category = categories
                            .get(&unit.fields.category_id)
                            .copied()
                            .unwrap_or("");
                        if ui
                            .checkbox(&mut chosen, format!("{}（{category}）", unit.fields.name))
                            .changed()
                        {
                            if chosen {
                                self.excluded.remove(&unit.id);
                            } else {
                                self.excluded.insert(unit.id);
                            }
                        }
                    }
                });
            if rest.len() > NAMED || !without_template.is_empty() {
                ui.separator();
            }
            egui::ScrollArea::vertical()
                .id_salt("draft_left_out")
                .max_height(120.0)
                .show(ui, |ui| {
                    // The whole list, when the line above could not name them all.
                    if rest.len() > NAMED {
                        ui.label(format!("已有责任书而跳过的 {} 个单位：", rest.len()));
                        let names: Vec<&str> =
                            rest.iter().map(|u| u.fields.display_short_name()).collect();
                        names_kept_whole(ui, "", &names, "", false);
                    }
                    if !without_template.is_empty() {
                        if rest.len() > NAMED {
                            ui.separator();
                        }
                        ui.colored_label(
                            ui.visuals().warn_fg_color,
                            "所属类别本年度没有模板，不能起草：",
                        );
                        let names: Vec<&str> =
                            without_template.iter().map(|u| u.fields.name.as_str()).collect();
                        names_kept_whole(ui, "", &names, "", false);
                    }
                });
            // Drafts of such a category are written, but cannot be issued until its
            // indicators are marked final: said before, not found out at 定稿.
            let not_final: Vec<&str> = (context.categories.iter())
                .filter(|c| {
                    ready.iter().any(|u| {
                        u.fields.category_id == c.id && !self.excluded.contains(&u.id)
                    }) && !(context.data.sets.iter())
                        .any(|s| s.category_id == c.id && s.is_final)
                })
                .map(|c| c.name.as_str())
                .collect();
            // Wrapped within the dialog's width: a row wider than it would widen the dialog
            // past the warnings above, which then read as cut short.
            ui.horizontal_wrapped(|ui| {
                let label = ui.label("每份责任书一式");
                ui.add(
                    egui::DragValue::new(&mut self.copies)
                        .range(MIN_COPIES..=MAX_COPIES)
                        .clamp_existing_to_range(true)
                        .suffix(" 份"),
                )
                .labelled_by(label.id);
                // The range said: a number outside it is taken as its nearest end.
                ui.label(format!(
                    "（可填 {MIN_COPIES} 至 {MAX_COPIES} 份）写入正文“本责任书一式{}份”；定稿前可在各责任书中单独修改",
                    crate::model::template::chinese_count(
                        usize::try_from(self.copies).unwrap_or(0)
                    )
                ));
            });
            // What each new agreement starts with, so that it is not found out one by one.
            ui.weak(
                "控制指标沿用该单位上一年度的；没有的先填“较大及以上生产安全事故 0起”，定稿前可在各责任书中修改（模板正文中没有{控制指标}的类别不写控制指标）",
            );
            ui.horizontal(|ui| {
                let ids: Vec<i64> = ready
                    .iter()
                    .map(|u| u.id)
                    .filter(|id| !self.excluded.contains(id))
                    .collect();
                let start = (context.access).add_enabled(
                    ui,
                    !ids.is_empty(),
                    egui::Button::new("开始起草"),
                );
                // Enter starts the batch as soon as the dialog shows.
                crate::ui::steady_modal::focus_on_open(ui, egui::Id::unique("draft_dialog"), &start);
                if start.clicked() {
                    commands.push(Command::DraftAgreements {
                        ids,
                        copies: self.copies,
                    });
                    self.started = true;
                }
                if ui.button("关闭").clicked() {
                    keep_open = false;
                }
            });
            // Under the buttons: it follows the units ticked, and coming and going above
            // them it would move 开始起草 under the pointer.
            if let Some(warning) = crate::workflow::drafting::indicators_not_final_warning(&not_final) {
                ui.colored_label(ui.visuals().warn_fg_color, warning);
            }
        });
        // Esc closes it as 关闭 does (not while a batch runs); a click beside it does not, so
        // that the units chosen are not lost to a stray click.
        let is_escape = ctx.input(|i| i.key_pressed(egui::Key::Escape));
        if shown.should_close() && is_escape && progress.is_none() {
            keep_open = false;
        }
        keep_open
    }
}

/// `lead`, then `names` joined by "、", then `tail`, wrapped between names only: a unit's name
/// is never split across lines ("文" / "旅局"). Weak (grey) when `weak`.
fn names_kept_whole(ui: &mut egui::Ui, lead: &str, names: &[&str], tail: &str, weak: bool) {
    let last = names.len().saturating_sub(1);
    let parts = std::iter::once(lead.to_owned())
        .filter(|lead| !lead.is_empty())
        .chain(names.iter().enumerate().map(|(at, name)| {
            if at == last {
                format!("{name}{tail}")
            } else {
                format!("{name}、")
            }
        }));
    ui.horizontal_wrapped(|ui| {
        ui.spacing_mut().item_spacing.x = 0.0;
        for part in parts {
            let text = egui::RichText::new(part);
            let text = if weak { text.weak() } else { text };
            ui.add(egui::Label::new(text).wrap_mode(egui::TextWrapMode::Extend));
        }
    });
}
