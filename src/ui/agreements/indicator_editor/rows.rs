//! The rows of the indicator tab: the indicator table as typed, and the bonus, deduction and
//! veto items with the reading of each kind as the agreement text will give it.

use crate::model::{IndicatorSet, ItemKind, Points, RuleItem};
use crate::ui::red_frame::frame_red;

use super::{ItemEdit, RowEdit, SetEdit};

/// True when `text` reads as points (an empty field does not).
fn reads_as_points(text: &str) -> bool {
    Points::parse(text).is_ok()
}

/// True when an item's 累计最多 is taken: it reads, and the rule it makes has no problem (see
/// [`RuleItem::cap_problem`]).
fn cap_is_taken(item: &ItemEdit) -> bool {
    let Ok(cap) = Points::parse(&item.cap) else {
        return false;
    };
    // Points not read yet are framed themselves: the cap is judged beside them later.
    let Ok(points) = Points::parse(&item.points) else {
        return true;
    };
    let rule = RuleItem {
        id: 0,
        kind: item.kind,
        name: item.name.trim().to_owned(),
        points,
        cap: Some(cap),
    };
    rule.cap_problem().is_none()
}

/// Draws the indicator table and the rule items; `unprinted` are the kinds of rule item the
/// category's template has no placeholder for. The criteria and the items' conditions take
/// what the `room` (the width in sight) leaves, so that every row and its 删除 fit a window
/// 1024 points wide; the readings below wrap within it.
pub(super) fn edit_rows(
    ui: &mut egui::Ui,
    edit: &mut SetEdit,
    (unprinted, jump, may_type): (&[ItemKind], Option<ItemKind>, bool),
    room: f32,
) {
    let enabled = !edit.is_final;
    // Clear of the scroll bar, drawn over the right edge.
    let room = room - 16.0;
    ui.set_max_width(room);
    let spacing = ui.spacing().item_spacing.x;
    // 序号, 考核项目, 分值 and 考核方式 as they are, and 上移, 下移 and 删除.
    let criteria_width =
        (room - 30.0 - 190.0 - 50.0 - 140.0 - 124.0 - 8.0 * spacing).clamp(240.0, 420.0);
    // 条件, 分值 and 累计最多 with their fields, and 删除.
    let condition_width = (room - 300.0 - 8.0 * spacing).clamp(240.0, 560.0);
    let mut remove = None;
    let mut moved = None;
    let count = edit.rows.len();
    egui::Grid::new("indicator_rows")
        .num_columns(6)
        .striped(true)
        .show(ui, |ui| {
            ui.strong("序号");
            let captions = ["考核项目", "分值", "考核标准", "考核方式（不印出）"].map(|title| {
                let caption = ui.strong(title);
                let caption = if title == "考核方式（不印出）" {
                    // Filled in for the 考核组; the annex prints the other columns.
                    caption.on_hover_text(
                        "考核方式供考核组评分时使用，不印在责任书附件的指标表中（表中印序号、考核项目、分值、考核标准）",
                    )
                } else {
                    caption
                };
                caption.id
            });
            ui.label("");
            ui.end_row();
            for (index, row) in edit.rows.iter_mut().enumerate() {
                ui.label((index + 1).to_string());
                // Each with about how many characters show whole in it.
                let cells = [
                    // "党政同责、一岗双责落实" shows whole.
                    (&mut row.name, 190.0, 13),
                    (&mut row.points, 50.0, 4),
                    (&mut row.criteria, criteria_width, 12),
                    (&mut row.method, 140.0, 9),
                ];
                for (column, ((text, width, fits), caption)) in
                    cells.into_iter().zip(captions).enumerate()
                {
                    // Copied only where the hover shows it: a one-line field (the criteria
                    // wrap while editable), or any field locked by 定稿.
                    let whole = (!enabled || column != 2)
                        .then(|| text.clone())
                        .filter(|whole| whole.chars().count() > fits);
                    // The criteria run long: they wrap, the row growing to show them whole.
                    let input = if column == 2 {
                        egui::TextEdit::multiline(text).desired_rows(1)
                    } else {
                        egui::TextEdit::singleline(text)
                    };
                    // Grid columns start narrow; the minimum size keeps each input readable.
                    // An id by place: a line coming or going above as the clerk types must not
                    // hand the keyboard to another cell (egui's own ids count the widgets).
                    let input = input
                        .id(egui::Id::unique(("indicator_cell", index, column)))
                        .desired_width(width)
                        .min_size(egui::vec2(width, 0.0));
                    let response = ui.add_enabled(enabled, input).labelled_by(caption);
                    crate::ui::enter_key::keep_on_escape(ui, &response);
                    // A 分值 that does not read is framed red where it stands, as every one
                    // such is named under the table.
                    let is_zero = Points::parse(text).is_ok_and(|p| p == Points::ZERO);
                    if column == 1 && enabled && (!reads_as_points(text) || is_zero) {
                        frame_red(ui, &response);
                    }
                    if column == 0 {
                        crate::ui::new_field_focus::take(ui, &response, ("indicator_row", index));
                    }
                    if column == 1 {
                        // Tabbing into 分值 selects its "0", so that what is typed replaces it.
                        select_on_focus(ui, &response, text);
                    }
                    show_whole_on_hover(response, whole);
                }
                // For the mouse only: Tab along a row goes on to the next row's first cell,
                // never through a 删除 that one stray Enter or Space would press.
                ui.horizontal(|ui| {
                    if ui.add_enabled(enabled && index > 0, row_button("上移")).clicked() {
                        moved = Some((index, index - 1));
                    }
                    if ui
                        .add_enabled(enabled && index + 1 < count, row_button("下移"))
                        .clicked()
                    {
                        moved = Some((index, index + 1));
                    }
                    if ui.add_enabled(enabled, delete_button()).clicked() {
                        remove = Some(index);
                    }
                });
                ui.end_row();
            }
        });
    if let Some((from, to)) = moved {
        edit.rows.swap(from, to);
        forget_cells(ui.ctx(), from.min(to)..edit.rows.len());
    }
    if let Some(index) = remove {
        let row = edit.rows.remove(index);
        edit.removed = Some((index, row));
        forget_cells(ui.ctx(), index..=edit.rows.len());
    }
    // A row deleted by a slip of the mouse comes back where it was, its text whole.
    if let Some((index, row)) = edit.removed.as_ref().filter(|_| enabled) {
        let mut is_undone = false;
        ui.horizontal(|ui| {
            // Its own quotes nested as single ones: “‘三个必须’责任落实”.
            let name = if row.name.trim().is_empty() {
                "（未填写名称）".to_owned()
            } else {
                crate::model::punctuation::quoted(row.name.trim())
            };
            ui.weak(format!("已删除第 {} 项{name}", index + 1));
            is_undone = ui.small_button("撤销删除").clicked();
        });
        if is_undone && let Some((index, row)) = edit.removed.take() {
            let index = index.min(edit.rows.len());
            edit.rows.insert(index, row);
            forget_cells(ui.ctx(), index..edit.rows.len());
            // The keyboard goes to the row back in its place, not to whichever cell.
            crate::ui::new_field_focus::ask(ui, ("indicator_row", index));
        }
    }
    if ui
        .add_enabled(enabled, egui::Button::new("增加指标"))
        .clicked()
    {
        edit.rows.push(RowEdit {
            id: 0,
            name: String::new(),
            points: "0".to_owned(),
            criteria: String::new(),
            method: String::new(),
        });
        crate::ui::new_field_focus::ask(ui, ("indicator_row", edit.rows.len() - 1));
    }
    ui.separator();
    ui.horizontal(|ui| {
        let label = ui.label("加分上限");
        let cap = ui
            .add_enabled(
                enabled,
                egui::TextEdit::singleline(&mut edit.bonus_cap).desired_width(50.0),
            )
            .labelled_by(label.id);
        crate::ui::enter_key::keep_on_escape(ui, &cap);
        if enabled && !reads_as_points(&edit.bonus_cap) {
            frame_red(ui, &cap);
        }
        // On the same line, so that nothing below moves as it comes and goes: a cap of 0
        // leaves every bonus out of the total, which "0" does not say by itself.
        let has_bonus = (edit.items.iter()).any(|i| i.kind == ItemKind::Bonus);
        let is_zero = Points::parse(&edit.bonus_cap).is_ok_and(|cap| cap == Points::ZERO);
        if has_bonus && is_zero {
            ui.colored_label(
                ui.visuals().warn_fg_color,
                "加分上限为 0：下列加分项目都不会计入总分；要计入请填写上限，如 5",
            );
        } else {
            ui.weak("各项加分合计不超过此数；0 表示不加分");
        }
    });
    let mut remove = None;
    for kind in ItemKind::ALL {
        let heading = ui.strong(format!("{}项", kind.label()));
        let is_jumped = jump == Some(kind);
        if is_jumped {
            heading.scroll_to_me(Some(egui::Align::TOP));
        }
        let mut is_first = true;
        for (index, item) in edit
            .items
            .iter_mut()
            .enumerate()
            .filter(|(_, item)| item.kind == kind)
        {
            ui.horizontal(|ui| {
                let label = ui.label("条件");
                // A one-line field: a condition longer than it shows whole on hover.
                let is_long = u16::try_from(item.name.chars().count())
                    .map_or(true, |chars| f32::from(chars) * 15.0 > condition_width);
                let whole = is_long.then(|| item.name.clone());
                let response = ui
                    .add_enabled(
                        enabled,
                        egui::TextEdit::singleline(&mut item.name)
                            .id(egui::Id::unique(("rule_item_name", index)))
                            .desired_width(condition_width),
                    )
                    .labelled_by(label.id);
                crate::ui::enter_key::keep_on_escape(ui, &response);
                // Not in a window that cannot write: a greyed field would let the keyboard drop.
                if is_jumped && is_first && enabled && may_type {
                    response.request_focus();
                }
                is_first = false;
                crate::ui::new_field_focus::take(ui, &response, ("indicator_item", index));
                // Whether an item counts each time it happens is read from its words.
                let response = if kind == ItemKind::Veto {
                    response
                } else {
                    response.on_hover_text(
                        "条件中写有“每次”“每起”“每项”“每处”等，或以“（每台）”“（每宗）”等结尾的，发生几次录入几条，每条就是分值；其他的每条最多为分值（可酌情少计）；填了“累计最多”的，同一项合计不超过它",
                    )
                };
                show_whole_on_hover(response, whole);
                if kind != ItemKind::Veto {
                    let label = ui.label("分值");
                    let points = ui
                        .add_enabled(
                            enabled,
                            egui::TextEdit::singleline(&mut item.points)
                                .id(egui::Id::unique(("rule_item_points", index)))
                                .desired_width(50.0),
                        )
                        .labelled_by(label.id)
                        .on_hover_text("每项（每次）的分值；填 0 表示不定分值，由考核组酌情确定");
                    crate::ui::enter_key::keep_on_escape(ui, &points);
                    if enabled && !reads_as_points(&item.points) {
                        frame_red(ui, &points);
                    }
                    select_on_focus(ui, &points, &item.points);
                    let label = ui.label("累计最多");
                    let cap = ui
                        .add_enabled(
                            enabled,
                            egui::TextEdit::singleline(&mut item.cap)
                                .id(egui::Id::unique(("rule_item_cap", index)))
                                .desired_width(50.0)
                                .hint_text("不限"),
                        )
                        .labelled_by(label.id);
                    crate::ui::enter_key::keep_on_escape(ui, &cap);
                    // Empty is 不限; anything else must read, and make sense beside the points.
                    if enabled && !item.cap.trim().is_empty() && !cap_is_taken(item) {
                        frame_red(ui, &cap);
                    }
                    cap.on_hover_text("本项各条合计最多加（扣）的分数；留空则不设本项上限");
                }
                // For the mouse only: Tab along a row goes on to the next row's first cell,
                // never through a 删除 that one stray Enter or Space would press.
                if ui
                    .add_enabled(enabled, delete_button())
                    .clicked()
                {
                    remove = Some(index);
                }
            });
        }
        // How the agreement text reads these rules, where its template uses {加分事项},
        // {扣分事项} or {一票否决事项}.
        let reading = rule_reading(edit, kind);
        // Said from the first row of the kind on, not from its first character typed: the
        // buttons under them then move as a row is added, never under the pointer while typing.
        let has_rows = edit.items.iter().any(|item| item.kind == kind);
        if has_rows && unprinted.contains(&kind) {
            // Typed for the agreement, the items would be missed on the paper.
            ui.colored_label(
                ui.visuals().warn_fg_color,
                format!(
                    "本类别的模板中没有{{{}}}，这些{}项目不会印在责任书正文中（考核时照常适用）；如需印出，请在“模板”中插入该占位符",
                    kind.placeholder().name(),
                    kind.label()
                ),
            );
        }
        if has_rows {
            let lead = if unprinted.contains(&kind) {
                format!("插入{{{}}}后，", kind.placeholder().name())
            } else {
                String::new()
            };
            let reading = if reading.is_empty() {
                "（填写条件后在此显示）".to_owned()
            } else {
                reading
            };
            // Of the kind's rows together, not of the row above it (an empty one just added).
            let rows = kind.label();
            ui.add(egui::Label::new(
                egui::RichText::new(format!("{lead}以上各{rows}项在正文中读作：{reading}")).weak(),
            ));
        }
        let add = ui.add_enabled(
            enabled,
            egui::Button::new(format!("增加{}项", kind.label())),
        );
        // A kind with no rule yet: the link above the table leads to its 增加… button.
        if is_jumped && is_first && enabled && may_type {
            add.request_focus();
        }
        if add.clicked() {
            edit.items.push(ItemEdit {
                id: 0,
                kind,
                name: String::new(),
                points: "0".to_owned(),
                cap: String::new(),
            });
            // The new rule's 条件 takes the keyboard, as a new indicator row's name does.
            crate::ui::new_field_focus::ask(ui, ("indicator_item", edit.items.len() - 1));
        }
    }
    if let Some(index) = remove {
        edit.items.remove(index);
    }
}

/// The rules of `kind` as typed, as the agreement text reads them (those whose points do not
/// parse yet are left out).
fn rule_reading(edit: &SetEdit, kind: ItemKind) -> String {
    let items = (edit.items.iter())
        .filter(|item| item.kind == kind && !item.name.trim().is_empty())
        .filter_map(|item| {
            let points = match kind {
                ItemKind::Veto => Points::ZERO,
                _ => Points::parse(&item.points).ok()?,
            };
            // A 累计最多 refused (framed red) is not read as if it were right; the item is
            // read without it rather than left out, as if deleted.
            let cap = Points::parse(&item.cap).ok().filter(|_| cap_is_taken(item));
            Some(RuleItem {
                id: 0,
                kind,
                name: item.name.trim().to_owned(),
                points,
                cap: cap.filter(|_| kind != ItemKind::Veto),
            })
        })
        .collect();
    let set = IndicatorSet {
        id: 0,
        year: 0,
        category_id: 0,
        bonus_cap: Points::ZERO,
        is_final: false,
        indicators: Vec::new(),
        items,
    };
    crate::model::rule_wording::rule_list(&set, kind)
}

/// Selects a field's text when it gains the keyboard, so that what is typed replaces it.
fn select_on_focus(ui: &egui::Ui, response: &egui::Response, text: &str) {
    if response.gained_focus() {
        crate::ui::assessment::cells::select_all(ui.ctx(), response.id, text);
    }
}

/// Long text is cut at a one-line field's edge (and criteria at a locked field's, which
/// cannot be scrolled through): the pointer shows the whole text, except over the field being
/// typed in.
fn show_whole_on_hover(response: egui::Response, whole: Option<String>) {
    let Some(whole) = whole else {
        return;
    };
    if !response.enabled() {
        response.on_disabled_hover_text(whole);
    } else if !response.has_focus() {
        response.on_hover_text(whole);
    }
}

/// Forgets what the cells of the rows at `places` remember (their undo history, the cursor):
/// they are found by place, and another row's text has come to stand there, which Ctrl+Z must
/// not turn into the text of the row that stood there before.
fn forget_cells(ctx: &egui::Context, places: impl IntoIterator<Item = usize>) {
    ctx.data_mut(|data| {
        for index in places {
            for column in 0..4 {
                data.remove::<egui::text_edit::TextEditState>(egui::Id::unique((
                    "indicator_cell",
                    index,
                    column,
                )));
            }
        }
    });
}

/// A row's 删除, for the mouse only (not reached by Tab).
fn delete_button() -> egui::Button<'static> {
    row_button("删除")
}

/// A small button of a row (上移, 下移, 删除), for the mouse only (not reached by Tab).
fn row_button(caption: &str) -> egui::Button<'_> {
    egui::Button::new(caption).small().sense(egui::Sense::CLICK)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_item_with_a_refused_cap_is_not_read_into_the_text() {
        let item = |points: &str, cap: &str| ItemEdit {
            id: 0,
            kind: ItemKind::Bonus,
            name: "创建安全发展示范镇街（每次）".to_owned(),
            points: points.to_owned(),
            cap: cap.to_owned(),
        };
        let edit = |items| SetEdit {
            set_id: 0,
            is_final: false,
            bonus_cap: "5".to_owned(),
            rows: Vec::new(),
            items,
            removed: None,
        };
        let good = rule_reading(&edit(vec![item("0.5", "2")]), ItemKind::Bonus);
        assert!(good.contains("累计最多加2分"), "{good}");
        let refused = rule_reading(&edit(vec![item("0.5", "0.25")]), ItemKind::Bonus);
        assert!(!refused.contains("0.25"), "{refused}");
    }
}
