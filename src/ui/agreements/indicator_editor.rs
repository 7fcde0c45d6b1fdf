//! 考核指标: a category's indicator table (name, points, criteria, method), bonus items with a
//! cap, deduction items and veto conditions (a bonus or deduction item may have a limit of its
//! own, 累计最多, left empty for none); the running sum is shown and the set can be marked
//! final only when it equals the year's full score. Choosing another category with unsaved edits
//! asks once before they are thrown away; a reload keeps them unless the set they were loaded
//! from changed (saved, say). A read-only window shows the sets without the means to change
//! them.

use crate::model::{IndicatorSet, ItemKind};

use super::super::command::IndicatorStart;
use super::super::discard_question::{DiscardAnswer, DiscardQuestion};
use super::{Command, Context};

mod rows;
mod set_edit;

use rows::edit_rows;
use set_edit::{ItemEdit, RowEdit, SetEdit};

/// State of the indicator tab.
#[derive(Default)]
pub struct IndicatorEditor {
    category_id: Option<i64>,
    edit: Option<SetEdit>,
    /// The set as it was when `edit` was loaded from it, and the set itself.
    loaded: Option<SetEdit>,
    base: Option<IndicatorSet>,
    /// The question before unsaved edits are thrown away, and the category chosen meanwhile.
    discard: DiscardQuestion,
    switch_to: Option<i64>,
    /// The 模板 tab's category, when unsaved edits here kept this one: said on the tab.
    other_tab: super::super::category_picker::OtherTab,
    /// The category the rows were drawn for last: another one opens at its first row.
    rows_of: Option<i64>,
    /// The kind of rule item a link above the table asked to be shown (below the table, out
    /// of sight in a small window): scrolled to, its first condition given the keyboard.
    jump_to: Option<ItemKind>,
}

/// The height kept under the rows for the buttons and the reasons beside them, in points.
const BUTTON_ROW_ROOM: f32 = 64.0;

impl IndicatorEditor {
    /// Gives the edits up without asking (the clerk answered 放弃修改 to the window's question).
    pub fn discard_unsaved(&mut self) {
        self.edit = None;
        self.loaded = None;
        self.base = None;
    }

    /// True when the buffer differs from the set it was loaded from: written otherwise and
    /// meaning another set ("１０" for "10", retyped as it was, is no change).
    pub fn is_changed(&self) -> bool {
        let (Some(edit), Some(loaded), Some(base)) = (&self.edit, &self.loaded, &self.base) else {
            return false;
        };
        edit != loaded && edit.to_set(base).ok().is_none_or(|set| set != *base)
    }

    /// The category shown, once one is.
    #[must_use]
    pub fn category(&self) -> Option<i64> {
        self.category_id
    }

    /// Shows `category_id` (a step of the first-steps list named it), unless edits here wait
    /// to be saved: those are not given up by a link.
    pub fn show_category(&mut self, category_id: Option<i64>) {
        if let Some(to) = category_id.filter(|_| !self.is_changed())
            && self.category_id != Some(to)
        {
            self.category_id = Some(to);
            self.discard_unsaved();
        }
    }

    /// Shows `category_id`, as the 模板 tab just did, unless edits here wait to be saved.
    pub fn follow_category(&mut self, category_id: Option<i64>) {
        let is_changed = self.is_changed();
        let to = (self.other_tab).follow(self.category_id, category_id, is_changed);
        if let Some(to) = to {
            self.category_id = Some(to);
            self.discard_unsaved();
        }
    }

    /// Draws the tab.
    pub fn show(&mut self, ui: &mut egui::Ui, context: &Context<'_>, commands: &mut Vec<Command>) {
        let Some(year) = context.data.year.as_ref() else {
            return;
        };
        match self.discard.show(ui.ctx()) {
            // Asked by 放弃修改 (nothing to switch to) or by choosing another category.
            DiscardAnswer::Discard => {
                if let Some(chosen) = self.switch_to.take() {
                    self.category_id = Some(chosen);
                }
                self.discard_unsaved();
            }
            DiscardAnswer::KeepEditing => self.switch_to = None,
            DiscardAnswer::Waiting => {}
        }
        let category_id = super::super::category_picker::shown_category(
            &mut self.category_id,
            context.categories,
        );
        ui.horizontal(|ui| {
            let mut chosen = self.category_id;
            let changed = super::super::category_picker::category_picker(
                ui,
                "indicator_category",
                context.categories,
                &mut chosen,
            );
            if changed && let Some(chosen) = chosen {
                self.other_tab.forget();
                // The category shown stays until the edits of this one are saved or given up.
                if self.discard.ask_if(self.is_changed()) {
                    self.category_id = Some(chosen);
                    self.discard_unsaved();
                } else {
                    self.switch_to = Some(chosen);
                }
            }
            let shown = self.category_id.unwrap_or(category_id);
            let is_changed = self.is_changed();
            (self.other_tab).note(ui, context.categories, shown, is_changed, "模板");
        });
        let category_id = self.category_id.unwrap_or(category_id);
        let access = context.access;
        let Some(base) = context
            .data
            .sets
            .iter()
            .find(|s| s.category_id == category_id)
        else {
            self.discard_unsaved();
            // A published year's grades are done: no set is started in it (the category was
            // added after it).
            let published = (context.data.year.as_ref())
                .filter(|y| y.phase == crate::model::Phase::Published)
                .map(|y| y.year);
            if let Some(year) = published {
                ui.label(format!(
                    "本类别在本年度没有考核指标：{year} 年度考核结果已通报，不再新建考核指标（下一年度的请在该年度中设置）"
                ));
                return;
            }
            ui.label("本类别在本年度还没有考核指标");
            ui.horizontal_wrapped(|ui| {
                if access.button(ui, "新建空白指标").clicked() {
                    commands.push(Command::CreateIndicators {
                        category_id,
                        start: IndicatorStart::Blank,
                    });
                }
                start_buttons(ui, context, category_id, commands);
            });
            return;
        };
        // A blank set (新建空白指标, nothing typed in it yet) can still be filled from the
        // reference indicators or another category's, as a category without a set can.
        let is_blank = base.indicators.is_empty() && base.items.is_empty() && !base.is_final;
        let is_published =
            (context.data.year.as_ref()).is_some_and(|y| y.phase == crate::model::Phase::Published);
        if is_blank && !self.is_changed() && !is_published {
            // With no other set filled in (the first year), the sentence offers the reference
            // indicators alone.
            let has_others = !filled_sets(context, category_id).is_empty();
            ui.horizontal_wrapped(|ui| {
                ui.label(if has_others {
                    "本类别的指标还是空白的，可逐项填写，或从参考指标、已有指标开始："
                } else {
                    "本类别的指标还是空白的，可逐项填写，或从参考指标开始："
                });
                start_buttons(ui, context, category_id, commands);
            });
        }
        // Loaded again when the set changed since (saved, or another year's).
        let fresh = SetEdit::new(base);
        if self.edit.is_none() || self.loaded.as_ref() != Some(&fresh) {
            self.edit = Some(fresh.clone());
            self.loaded = Some(fresh);
            self.base = Some(base.clone());
        }
        let is_changed = self.is_changed();
        let Some(edit) = self.edit.as_mut() else {
            return;
        };
        let mut discard = false;
        let sum = edit.running_sum();
        // The kinds of rule item the category's current template does not print.
        let template = (context.data.templates.iter())
            .filter(|t| t.content.category_id == category_id)
            .max_by_key(|t| t.version);
        // A template that does not parse is not said to leave a kind out.
        let used = template.and_then(|t| t.content.placeholders());
        // A published year's indicators are only looked at: nothing to insert, nothing to undo.
        let is_published = year.phase == crate::model::Phase::Published;
        let unprinted: Vec<ItemKind> = (ItemKind::ALL.into_iter())
            .filter(|_| !is_published)
            .filter(|kind| {
                used.as_ref()
                    .is_some_and(|u| !u.contains(&kind.placeholder()))
            })
            .collect();
        ui.horizontal(|ui| {
            match sum {
                Some(sum) if sum == year.full_score => {
                    ui.label(format!("分值合计 {sum} / {}", year.full_score));
                }
                Some(sum) => {
                    ui.colored_label(
                        ui.visuals().error_fg_color,
                        format!("分值合计 {sum} / {}，须等于满分才能定稿", year.full_score),
                    );
                }
                None => {
                    ui.colored_label(ui.visuals().error_fg_color, "有分值填写有误，见下方说明");
                }
            }
            ui.label(if edit.is_final {
                "状态：已定稿"
            } else {
                "状态：未定稿"
            });
            // The rule items sit below the table, out of sight in a small window: said here,
            // each a link to its place.
            ui.separator();
            for kind in ItemKind::ALL {
                let count = (edit.items.iter()).filter(|i| i.kind == kind).count();
                let link = ui
                    .link(format!("{}项 {count} 条", kind.label()))
                    .on_hover_text("在指标表下方，点此转到该处");
                if link.clicked() {
                    self.jump_to = Some(kind);
                }
            }
        });
        // The rows take the height down to the buttons, whatever they hold: a hint line that
        // comes as a field is typed never moves 保存指标 from under the pointer. The buttons'
        // row keeps room for a reason beside them wrapped to two lines.
        let room = ui.available_width();
        let mut rows = egui::ScrollArea::both()
            .max_height(ui.available_height() - BUTTON_ROW_ROOM)
            .auto_shrink([false, false]);
        if self.rows_of.replace(category_id) != Some(category_id) {
            rows = rows.scroll_offset(egui::Vec2::ZERO);
        }
        rows.show(ui, |ui| {
            let jump = (self.jump_to.take(), access.can_write());
            access.scope(ui, |ui| {
                edit_rows(ui, edit, (&unprinted, jump.0, jump.1), room);
            });
        });
        ui.horizontal(|ui| {
            if edit.is_final {
                // Issued agreements carry these indicators in their frozen annex.
                let issued: Vec<_> = (context.data.agreements.iter())
                    .filter(|a| {
                        a.draft.category_id == base.category_id
                            && a.status != crate::model::AgreementStatus::Draft
                    })
                    .collect();
                let signed = (issued.iter())
                    .filter(|a| a.status >= crate::model::AgreementStatus::Signed)
                    .count();
                let unfinalize = access.add_enabled(
                    ui,
                    issued.is_empty() && !is_published,
                    egui::Button::new("取消定稿"),
                );
                let count = |n: usize| i64::try_from(n).unwrap_or(i64::MAX);
                let frozen = if is_published {
                    format!(
                        "{} 年度考核结果已通报，考核指标只供查阅，不能修改",
                        year.year
                    )
                } else {
                    crate::model::indicator::frozen_by_issued(count(issued.len()), count(signed))
                };
                let issued = issued.len();
                // Said beside the button too: a click on it does nothing, and says why.
                if (issued > 0 || is_published) && access.can_write() {
                    ui.add(egui::Label::new(egui::RichText::new(&frozen).weak()).wrap());
                }
                if unfinalize.on_disabled_hover_text(frozen).clicked() {
                    commands.push(Command::SetIndicatorsFinal {
                        set_id: edit.set_id,
                        is_final: false,
                    });
                }
                return;
            }
            // The button stays where it is, disabled while a field is wrong, the reason beside,
            // or while nothing was changed.
            let checked = edit.to_set(base).and_then(|set| {
                // A cap above the full score is a slip (500 for 5): totals past twice the
                // full score would be ranked as earned.
                if set.bonus_cap > year.full_score {
                    Err(format!(
                        "加分上限 {} 分超过满分 {} 分，请检查（加分上限通常为满分的几个百分点，如 5 分）",
                        set.bonus_cap, year.full_score
                    ))
                } else {
                    Ok(set)
                }
            });
            let save = access.add_enabled(
                ui,
                checked.is_ok() && is_changed,
                egui::Button::new("保存指标"),
            );
            discard = access
                .add_enabled(ui, is_changed, egui::Button::new("放弃修改"))
                .on_disabled_hover_text("指标没有改动")
                .clicked();
            let is_keyed = crate::ui::save_key::pressed(ui, &save);
            // Said after the buttons, wrapped in the width left: before them, a long message
            // pushed 标记定稿 and its hint past the window's edge.
            let mut notes: Vec<(String, egui::Color32)> = Vec::new();
            match checked {
                Ok(set) => {
                    if save.on_disabled_hover_text("指标没有改动").clicked() || is_keyed {
                        commands.push(Command::SaveIndicators(set));
                    }
                }
                Err(message) => {
                    save.on_disabled_hover_text(&message);
                    notes.push((message, ui.visuals().error_fg_color));
                }
            }
            let is_saved = edit.to_set(base).is_ok_and(|set| set == *base);
            // What the template prints that the set has no item of, said before the click
            // (marking final refuses it); only of the saved set, as marking final checks it.
            let rule_lists = (is_saved && !base.is_final)
                .then(|| {
                    crate::workflow::lifecycle::rule_list_missing_in(&context.data.templates, base)
                })
                .flatten();
            // What marking final would refuse in the saved set (the sum is said above).
            let refusals: Vec<String> = if is_saved {
                base.final_problems_besides_sum()
            } else {
                Vec::new()
            };
            let can_finalize = sum == Some(year.full_score)
                && is_saved
                && rule_lists.is_none()
                && refusals.is_empty();
            let finalize = ui.add_enabled(
                can_finalize && access.can_write(),
                egui::Button::new("标记定稿"),
            );
            let finalize = if access.can_write() {
                // Why not yet: every reason, so that the clerk mends them in one go.
                let why = if is_saved {
                    let sum_off = (sum != Some(year.full_score))
                        .then(|| format!("分值合计须等于满分 {}", year.full_score));
                    (rule_lists.iter().cloned())
                        .chain(refusals.iter().cloned())
                        .chain(sum_off)
                        .collect::<Vec<_>>()
                        .join("；")
                } else {
                    "有未保存的修改：请先点“保存指标”，再标记定稿".to_owned()
                };
                finalize.on_disabled_hover_text(why)
            } else {
                access.explain(finalize)
            };
            if access.can_write() && !is_saved {
                ui.weak("（先保存，再定稿）");
            }
            if let Some(missing) = &rule_lists {
                notes.push((missing.clone(), ui.visuals().warn_fg_color));
            }
            // The sum, said beside the button as the other reasons are (the total above is
            // red, but far from the button the clerk is looking at).
            // One sentence of the reasons, parted by "；" (two labels side by side ran
            // together).
            let mut reasons = Vec::new();
            if is_saved && let Some(sum) = sum.filter(|sum| *sum != year.full_score) {
                reasons.push(format!("分值合计为 {sum}，须等于满分 {}", year.full_score));
            }
            if let Some(first) = refusals.first() {
                // "另有 N 处": "等 N 处" after one item's reason read as N items of that kind.
                let more = match refusals.len() {
                    1 => String::new(),
                    n => format!("；另有 {} 处，指向按钮可见全部", n - 1),
                };
                reasons.push(format!("{first}{more}"));
            }
            if !reasons.is_empty() {
                notes.push((
                    format!("不能定稿：{}", reasons.join("；")),
                    ui.visuals().warn_fg_color,
                ));
            }
            // One under another in the width left: side by side, the second was squeezed into a
            // column one character wide.
            if !notes.is_empty() {
                let shown = ui.vertical(|ui| {
                    for (note, color) in notes {
                        ui.add(egui::Label::new(egui::RichText::new(note).color(color)).wrap());
                    }
                });
                // Why the set cannot be marked final: a toast (已保存考核指标) over its end
                // would hide the reason.
                crate::ui::toasts::keep_clear_of(ui.ctx(), shown.response.rect);
            }
            if finalize.clicked() {
                commands.push(Command::SetIndicatorsFinal {
                    set_id: edit.set_id,
                    is_final: true,
                });
            }
        });
        // Asked once, as the template editor asks; loaded again from the set on the next frame.
        if discard {
            self.switch_to = None;
            if self.discard.ask_if(self.is_changed()) {
                self.discard_unsaved();
            }
        }
    }
}

/// 载入参考指标, and 复制“…”的指标 for each other category's set with content: what a category
/// without indicators, or with a blank set, can start from.
fn start_buttons(
    ui: &mut egui::Ui,
    context: &Context<'_>,
    category_id: i64,
    commands: &mut Vec<Command>,
) {
    let access = context.access;
    // Worked out on hover or click only, not every frame.
    let is_towns = || super::is_town_category(context, category_id);
    let load = access.button(ui, "载入参考指标").on_hover_ui(|ui| {
        ui.label(reference_hint(is_towns()));
    });
    if load.clicked() {
        commands.push(Command::CreateIndicators {
            category_id,
            start: IndicatorStart::Reference {
                is_towns: is_towns(),
            },
        });
    }
    for other in filled_sets(context, category_id) {
        let name = (context.categories.iter())
            .find(|c| c.id == other.category_id)
            .map_or("其他类别", |c| c.name.as_str());
        if access.button(ui, format!("复制“{name}”的指标")).clicked() {
            commands.push(Command::CreateIndicators {
                category_id,
                start: IndicatorStart::Copy(other.id),
            });
        }
    }
}

/// The year's sets of categories other than `category_id` that hold something (a blank set
/// has nothing to give).
fn filled_sets<'a>(context: &'a Context<'_>, category_id: i64) -> Vec<&'a IndicatorSet> {
    (context.data.sets.iter())
        .filter(|s| s.category_id != category_id)
        .filter(|s| !(s.indicators.is_empty() && s.items.is_empty()))
        .collect()
}

/// What 载入参考指标 brings in, said before it is clicked: counted from the reference itself.
fn reference_hint(is_towns: bool) -> String {
    let reference = crate::demo::reference_indicators(0, 0, is_towns);
    format!(
        "{}通用的 {} 项指标（合计 {} 分）及加分、扣分和一票否决事项，为示例内容，载入后请按本地实际修改",
        if is_towns { "镇街" } else { "部门" },
        reference.indicators.len(),
        reference.total_points()
    )
}
