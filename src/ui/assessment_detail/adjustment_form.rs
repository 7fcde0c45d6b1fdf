//! The form under a unit's entries that records one bonus (加分) or deduction (扣分): the
//! kind, the rule item (an item of one fixed value fills in its points), 事项, 分值 and 理由;
//! Enter in 分值 or 理由 records it as the button does, and the keyboard goes back to 事项
//! for the next one. An entry loaded by its 修改 button is saved in place (保存修改), or left
//! as it was (取消修改).

use crate::model::assessment::AdjustmentField;
use crate::model::collation::ascii_number;
use crate::model::{Adjustment, AdjustmentKind, ItemKind, Points, RuleItem};
use crate::ui::assessment::cells::select_all;
use crate::ui::command::Command;

use super::{RowDetail, Scope, adjustment_reason_id, keyed, matter_id, points_id};

impl RowDetail {
    /// The form that records one bonus or deduction.
    pub(super) fn adjustment_form(
        &mut self,
        ui: &mut egui::Ui,
        scope: Scope<'_>,
        commands: &mut Vec<Command>,
    ) {
        let Scope {
            context,
            set,
            agreement,
            reason,
            can_edit,
        } = scope;
        let was_bonus = self.typed.is_bonus;
        let item_before = self.typed.item_id;
        keyed(ui, "kind", |ui| {
            ui.horizontal(|ui| {
                let bonus = ui.radio_value(&mut self.typed.is_bonus, true, "加分");
                // Where Tab from the detail's last control comes round to.
                self.first_field = Some(bonus.id);
                // Not while a question is over the window (it keeps the keyboard to itself):
                // taken once it has closed.
                let is_asking = ui.ctx().memory(|m| m.top_modal_layer().is_some());
                if self.focus_wanted == Some(super::FocusWanted::Form) && !is_asking {
                    self.focus_wanted = None;
                    bonus.request_focus();
                }
                ui.radio_value(&mut self.typed.is_bonus, false, "扣分");
            });
        });
        if self.typed.is_bonus != was_bonus {
            // A bonus item is no deduction item (and the other way round).
            self.typed.item_id = None;
        }
        let kind = if self.typed.is_bonus {
            ItemKind::Bonus
        } else {
            ItemKind::Deduction
        };
        let items: Vec<_> = set.items_of(kind).collect();
        let label = ui.label("加扣分项目");
        let chosen = self
            .typed
            .item_id
            .and_then(|id| items.iter().find(|i| i.id == id))
            .copied();
        // One line, cut with "…" (whole on hover): a long item's name wrapped would run
        // under the list's arrow.
        let picked = egui::ComboBox::from_id_salt("adjustment_item")
            .width(200.0)
            .truncate()
            .selected_text(chosen.map_or("（其他）", |i| i.name.as_str()))
            .show_ui(ui, |ui| {
                let mut picked = super::pick(ui, &mut self.typed.item_id, None, "（其他）");
                for item in &items {
                    let entry = list_entry(item, self.typed.is_bonus);
                    picked |= super::pick(ui, &mut self.typed.item_id, Some(item.id), &entry);
                }
                picked
            });
        let list = picked.response.labelled_by(label.id);
        let list = match chosen {
            Some(item) => list.on_hover_text(&item.name),
            None => list,
        };
        // Picked (by mouse or keyboard) or given up by Esc, the keyboard goes back to the list
        // in the next frame, as with every list of the program, Tab then going on to 事项: the
        // list's entries, gone with it, would otherwise take the focus out of the form.
        if crate::ui::pick::list_closed(ui, &list, picked.inner == Some(true)) {
            self.focus_next = Some(list.id);
            ui.ctx().request_repaint();
        }
        let chosen = self
            .typed
            .item_id
            .and_then(|id| items.iter().find(|i| i.id == id))
            .copied();
        if self.typed.item_id != item_before {
            // A refusal was about the item chosen before.
            self.error = None;
            // An item of one fixed value fills it in, unless the clerk typed another.
            let previous = item_before
                .and_then(|id| set.items.iter().find(|i| i.id == id))
                .and_then(fixed_points);
            let typed = self.typed.points.trim();
            let is_own = typed.is_empty() || previous.is_some_and(|p| p.to_string() == typed);
            if is_own {
                (self.typed).fill_points(
                    (chosen.and_then(fixed_points))
                        .map(|points| points.to_string())
                        .unwrap_or_default(),
                );
            }
        }
        // Always one line (whole on hover), so that the fields under it stay put.
        let hint = match chosen {
            _ if self.typed.editing.is_some() => {
                "正在修改已录入的一条，改好后点“保存修改”".to_owned()
            }
            Some(item) => item_hint(item, self.typed.is_bonus),
            // An entry under （其他） is told what limits it (the bonus total; none but zero for
            // a deduction), so that a large value surprises no one.
            None if self.typed.is_bonus => format!(
                "规则外加分：自填分值和理由，加分合计最多 {} 分",
                set.bonus_cap
            ),
            None => "规则外扣分：自填分值、理由，扣至 0 分为止".to_owned(),
        };
        // A 事项 a slip away from one already entered under the item would count apart: said
        // in the hint's place, as it is typed.
        let editing = self.typed.editing;
        let entered = (context.data.adjustments.iter())
            .filter(|a| a.agreement_id == agreement.id && Some(a.id) != editing);
        let similar = (self.typed.is_bonus && self.typed.item_id.is_some())
            .then(|| {
                crate::model::assessment::similar_matter(
                    &self.typed.matter,
                    self.typed.item_id,
                    entered,
                )
            })
            .flatten();
        let similar = similar.map(|other| {
            format!("同一事项请写成一样的：与已录入的“{other}”只差一两个字（同一事项只计最高一次）")
        });
        if let Some(text) = &similar {
            // One line in the hint's place, so that the fields under it never move while the
            // 事项 is typed; read whole under the buttons.
            let text = egui::RichText::new(text).color(ui.visuals().warn_fg_color);
            ui.add(egui::Label::new(text).truncate());
        } else {
            // A space keeps the line's height while there is no hint.
            let shown = if hint.is_empty() { " " } else { hint.as_str() };
            // Cut to the line, it shows in full on hover (egui's own tooltip).
            ui.add(egui::Label::new(egui::RichText::new(shown).weak()).truncate());
        }
        let matter_entered = ui.horizontal(|ui| {
            let label = ui.label("事项");
            let matter = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed.matter)
                        .id(matter_id())
                        .hint_text(match (self.typed.is_bonus, self.typed.item_id) {
                            (true, Some(_)) => "必填：加分的事情",
                            (true, None) => "加分的事情（规则外加分可不填）",
                            (false, _) => "被扣分的事情（可不填）",
                        })
                        .desired_width(220.0),
                )
                .labelled_by(label.id)
                .on_hover_text(if self.typed.is_bonus {
                    "按加分项目加分时必填：同一项目下同一事项只按最高级别计一次"
                } else {
                    "被扣分的事情，可不填"
                });
            matter.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter))
        });
        let entered = ui.horizontal(|ui| {
            let label = ui.label("分值");
            let points = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed.points)
                        .id(points_id())
                        .desired_width(50.0),
                )
                .labelled_by(label.id);
            if points.gained_focus() {
                // A value filled in from the item is replaced by what is typed, not added to.
                select_all(ui.ctx(), points.id, &self.typed.points);
            }
            let label = ui.label("理由");
            let reason = ui
                .add(
                    egui::TextEdit::singleline(&mut self.typed.reason)
                        .id(adjustment_reason_id())
                        .hint_text("必填")
                        .desired_width(160.0),
                )
                .labelled_by(label.id);
            // Enter in any of the fields records the entry, as the button does.
            (matter_entered.inner || points.lost_focus() || reason.lost_focus())
                && ui.input(|i| i.key_pressed(egui::Key::Enter))
        });
        // The points an item of one fixed value fills in by itself are not the clerk's typing.
        let filled_in = chosen
            .and_then(fixed_points)
            .map(|points| points.to_string());
        let has_typed = self.typed.has_typed_adjustment();
        let editing = self.typed.editing;
        let (record, clear) = keyed(ui, "record_adjustment", |ui| {
            ui.horizontal(|ui| {
                let label = if editing.is_some() {
                    "保存修改"
                } else {
                    "录入加扣分"
                };
                let record = context.access.explain_or(
                    ui.add_enabled(can_edit, egui::Button::new(label)),
                    crate::ui::assessment::cells::LOCKED_HINT,
                );
                // What was typed and not recorded stays with the unit when the detail closes;
                // this takes it away in one click (and leaves an entry being changed as it is).
                let clear = if editing.is_some() {
                    // Said as it will be: the entry half typed before comes back, if any.
                    let back = if self.typed.set_aside.is_some() {
                        "不保存对这一条的修改，上面回到此前写了一半的加扣分"
                    } else {
                        "不保存对这一条的修改，清空上面的输入"
                    };
                    ui.button("取消修改").on_hover_text(back)
                } else {
                    ui.add_enabled(has_typed, egui::Button::new("清空输入"))
                        .on_hover_text(
                            "清空上面输入但尚未录入的事项、分值和理由（所选项目的固定分值保留）",
                        )
                };
                (record, clear)
            })
            .inner
        });
        if let Some(text) = &similar {
            let text = egui::RichText::new(text).color(ui.visuals().warn_fg_color);
            ui.add(egui::Label::new(text).wrap());
        }
        if clear.clicked() {
            // A change given up: the new entry typed before it comes back, else the fields go
            // back to a new entry's.
            if editing.is_some() && !self.typed.end_edit() {
                self.typed.item_id = None;
                self.typed.fill_points(String::new());
                self.typed.reason.clear();
                self.typed.matter.clear();
            } else if editing.is_none() {
                // Nothing is set aside once the fields are cleared.
                self.typed.set_aside = None;
                self.typed.fill_points(filled_in.unwrap_or_default());
                self.typed.reason.clear();
                self.typed.matter.clear();
            }
            self.error = None;
            // The button greys as the fields empty: the keyboard goes to the first field to
            // type in again, not off the form.
            self.focus_next = Some(matter_id());
        }
        if record.clicked() || (entered.inner && can_edit) {
            self.is_veto_error = false;
            match Points::parse(&ascii_number(&self.typed.points)) {
                Err(error) => {
                    self.error = Some(format!("加扣分的分值：{error}"));
                    self.focus_next = Some(points_id());
                }
                Ok(points) => {
                    let kind = if self.typed.is_bonus {
                        AdjustmentKind::Bonus
                    } else {
                        AdjustmentKind::Deduction
                    };
                    // Only an item of the kind chosen is linked: `chosen` is one of `items`.
                    let item = chosen;
                    let adjustment = Adjustment {
                        id: editing.unwrap_or(0),
                        agreement_id: agreement.id,
                        item_id: item.map(|item| item.id),
                        kind,
                        points,
                        reason: self.typed.reason.trim().to_owned(),
                        matter: self.typed.matter.trim().to_owned(),
                    };
                    let mut problems = adjustment.problems(item);
                    let full_score = context.data.year.as_ref().map(|year| year.full_score);
                    if let Some(above) =
                        full_score.and_then(|full| adjustment.above_full_score(full))
                    {
                        problems.insert(0, (AdjustmentField::Points, above));
                    }
                    if let Some((field, _)) = problems.first() {
                        let messages: Vec<&str> = problems
                            .iter()
                            .map(|(_, message)| message.as_str())
                            .collect();
                        self.error = Some(messages.join("；"));
                        // The keyboard goes to the first field the refusal names.
                        self.focus_next = Some(match field {
                            AdjustmentField::Points => points_id(),
                            AdjustmentField::Reason => adjustment_reason_id(),
                            AdjustmentField::Matter => matter_id(),
                        });
                    } else {
                        commands.push(if editing.is_some() {
                            Command::ChangeAdjustment {
                                adjustment,
                                reason: reason.cloned(),
                            }
                        } else {
                            Command::AddAdjustment {
                                adjustment,
                                reason: reason.cloned(),
                            }
                        });
                        self.error = None;
                        // The new entry typed before a change comes back after it; else the
                        // next entry of the same fixed-value item needs no typing.
                        if !self.typed.end_edit() {
                            (self.typed).fill_points(
                                (item.and_then(fixed_points))
                                    .map(|points| points.to_string())
                                    .unwrap_or_default(),
                            );
                            self.typed.reason.clear();
                            self.typed.matter.clear();
                        }
                        // Ready for the next one.
                        ui.memory_mut(|m| m.request_focus(matter_id()));
                    }
                }
            }
        }
    }
}

/// A rule item as its list offers it: with its points after an ideographic space ("迟报生产安全
/// 事故（每起）　每起扣 5 分"), a bonus by levels with its most ("…（国家级2分，省级1分）　按级别
/// 最多加 2 分"), any other whose name says its points as it is, and its limit across entries
/// ("，累计最多扣 6 分") if it has one, so that bonus and deduction items read alike.
fn list_entry(item: &RuleItem, is_bonus: bool) -> String {
    // A name with points in it ("…每起扣5分") says them; "责任分解" only holds the character.
    let by_levels = is_bonus && item.names_levels();
    if item.points <= Points::ZERO || (item.names_levels() && !by_levels) {
        return item.name.clone();
    }
    let verb = if is_bonus { "加" } else { "扣" };
    let limit = item
        .cap
        .map(|cap| format!("，累计最多{verb} {cap} 分"))
        .unwrap_or_default();
    let points = item.points;
    let said = if by_levels {
        format!("按级别最多加 {points} 分")
    } else if is_bonus {
        format!("最多加 {points} 分")
    } else if item.is_per_occurrence() {
        // In the name's own word: "迟报生产安全事故（每起）　每起扣 5 分".
        format!("{}扣 {points} 分", item.occurrence_word())
    } else {
        format!("最多扣 {points} 分")
    };
    format!("{}\u{3000}{said}{limit}", item.name)
}

/// What a rule item allows, for the line under the item's list; empty for an item without
/// points of its own.
fn item_hint(item: &RuleItem, is_bonus: bool) -> String {
    if item.points <= Points::ZERO {
        return String::new();
    }
    let levels = crate::model::assessment::bonus_levels(item);
    let each = if is_bonus && !levels.is_empty() {
        format!(
            "按级别加 {}",
            crate::model::assessment::levels_text(&levels)
        )
    } else if is_bonus {
        format!("每个事项最多加 {} 分", item.points)
    } else if item.is_per_occurrence() {
        // In the name's own word: "每起扣 5 分，发生几起录入几条".
        let each = item.occurrence_word();
        let counter = each.trim_start_matches('每');
        format!("{each}扣 {} 分，发生几{counter}录入几条", item.points)
    } else {
        format!("一条最多扣 {} 分", item.points)
    };
    let verb = if is_bonus { "加" } else { "扣" };
    match item.cap {
        Some(cap) => format!("{each}；累计最多{verb} {cap} 分"),
        None => each,
    }
}

/// The one value an entry of `item` takes, filled in when it is chosen: a deduction's points
/// (per occurrence or once), or a bonus's when its name sets no levels ("国家级2分，省级1分"
/// leave the level to the clerk).
fn fixed_points(item: &RuleItem) -> Option<Points> {
    let has_levels = item.kind == ItemKind::Bonus && item.names_levels();
    (item.points > Points::ZERO && !has_levels).then_some(item.points)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::ItemKind;

    fn item(kind: ItemKind, name: &str, points: i64) -> RuleItem {
        RuleItem {
            id: 0,
            kind,
            name: name.to_owned(),
            points: Points::whole(points),
            cap: None,
        }
    }

    #[test]
    fn every_bonus_in_the_list_says_its_most() {
        assert_eq!(
            list_entry(&item(ItemKind::Bonus, "获评省级示范称号", 1), true),
            "获评省级示范称号\u{3000}最多加 1 分"
        );
        assert_eq!(
            list_entry(
                &item(ItemKind::Bonus, "经验做法被推广（国家级2分，省级1分）", 2),
                true
            ),
            "经验做法被推广（国家级2分，省级1分）\u{3000}按级别最多加 2 分"
        );
        // "分" in a word is no points said.
        assert_eq!(
            list_entry(&item(ItemKind::Bonus, "责任分解落实到位", 1), true),
            "责任分解落实到位\u{3000}最多加 1 分"
        );
        // A deduction whose name says its points is offered as it is.
        assert_eq!(
            list_entry(
                &item(ItemKind::Deduction, "发生事故的，每起扣5分", 5),
                false
            ),
            "发生事故的，每起扣5分"
        );
    }
}
