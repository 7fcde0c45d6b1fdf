//! The grid fills the height the window gives it, in a 1280×800 window on 2024 (已通报, so the
//! lock line shows): with no detail every 镇街 row shows, and with a unit's detail open the
//! detail takes only the height it needs, the grid the rest: no empty band under the detail
//! while rows of the grid are scrolled out of sight. The form for a new bonus or deduction
//! stays where it is as entries are recorded, and the entry just recorded is in sight. A lower
//! unit's row stays in sight as its detail opens and the grid shrinks.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::App;

use super::harness_sized;

use crate::support::{retype, type_into};

const WINDOW: [f32; 2] = [1280.0, 800.0];

/// The 镇街 rows drawn, by the unit names' links (rows out of sight are not drawn).
fn rows_drawn(harness: &Harness<'_, App>) -> usize {
    harness
        .query_all_by(|node| {
            // The top bar's link to fill in the operator's name is not a row.
            node.role() == Role::Link
                && !(node.label()).is_some_and(|label| label.starts_with("操作记录中的操作员"))
        })
        .filter(|link| link.rect().bottom() <= WINDOW[1])
        .count()
}

/// How far the lowest control of the detail is from the bottom of the window.
fn space_under_detail(harness: &Harness<'_, App>) -> f32 {
    let buttons = ["录入加扣分", "一票否决"].into_iter().map(|button| {
        harness
            .get_by_role_and_label(Role::Button, button)
            .rect()
            .bottom()
    });
    let note = harness
        .get_by_role_and_label(Role::MultilineTextInput, "说明")
        .rect()
        .bottom();
    WINDOW[1] - buttons.fold(note, f32::max)
}

#[test]
fn the_grid_takes_the_height_the_detail_does_not_need() {
    let mut harness = harness_sized(2024, WINDOW);
    harness.get_by_label_contains("2024 年度考核结果已通报，评分已锁定");
    assert_eq!(
        rows_drawn(&harness),
        15,
        "every row shows without the detail"
    );

    // A unit without bonuses has a short detail: the grid keeps every row.
    harness
        .get_by_role_and_label(Role::Link, "响嘡街道")
        .click();
    harness.run();
    harness.get_by_label("响嘡街道：加扣分、一票否决与说明");
    let (rows, space) = (rows_drawn(&harness), space_under_detail(&harness));
    assert!(
        rows == 15 || space < 26.0,
        "{rows} rows drawn with {space} points left empty under the detail"
    );

    // A longer detail gets no more than its share: most rows stay in sight.
    harness
        .get_by_role_and_label(Role::Link, "城关街道")
        .click();
    harness.run();
    harness.get_by_label("城关街道：加扣分、一票否决与说明");
    assert!(rows_drawn(&harness) >= 10, "{}", rows_drawn(&harness));

    harness.get_by_label("关闭明细").click();
    harness.run();
    assert_eq!(rows_drawn(&harness), 15, "every row shows again");
}

#[test]
fn the_form_for_a_new_entry_stays_where_it_is_as_entries_are_recorded() {
    let mut harness = super::harness(2025);
    harness.get_by_label("城关街道").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::RadioButton, "扣分")
        .click();
    harness.run();
    let top = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::Button, "录入加扣分")
            .rect()
            .top()
    };
    let before = top(&harness);
    for reason in ["材料迟报", "会议缺席", "台账缺失"] {
        for (label, text) in [("分值", "1"), ("理由", reason)] {
            type_into(&mut harness, label, text);
        }
        harness.get_by_label("录入加扣分").click();
        harness.run();
        harness.run();
        assert!(
            (top(&harness) - before).abs() < 0.5,
            "after “{reason}” the button moved from {before} to {}",
            top(&harness)
        );
    }
    // Nor as an item's hint, its limit's line past four entries, or a refusal come.
    harness
        .get_by_role_and_label(Role::ComboBox, "加扣分项目")
        .click();
    harness.run();
    harness
        .get_by_label("被上级通报批评（每次）\u{3000}每次扣 2 分，累计最多扣 6 分")
        .click();
    harness.run();
    for issue in ["第1期", "第2期", "第3期", "第4期"] {
        let field = harness.get_by_role_and_label(Role::TextInput, "理由");
        field.focus();
        harness.run();
        harness
            .get_by_role_and_label(Role::TextInput, "理由")
            .type_text(&format!(
                "市安委办通报{issue}，专项检查中发现隐患整改不及时、台账资料不全、应急演练未按计划开展"
            ));
        harness.run();
        harness.get_by_label("录入加扣分").click();
        harness.run();
        harness.run();
    }
    harness.get_by_label_contains("超过本项累计最多扣 6 分，按 6 分计入");
    assert!(
        (top(&harness) - before).abs() < 0.5,
        "moved to {}",
        top(&harness)
    );
    // The entry just recorded is in sight in the list beside the form, under its heading,
    // although the line on the limit comes after it.
    let list_top = harness.get_by_label("已录入的加扣分").rect().bottom();
    let newest = harness
        .get_by_label_contains("理由：市安委办通报第4期")
        .rect();
    // The list is as high as the columns beside it, down to the note's field.
    let list_bottom = harness
        .get_by_role_and_label(Role::MultilineTextInput, "说明")
        .rect()
        .bottom();
    assert!(
        newest.top() >= list_top - 0.5 && newest.bottom() <= list_bottom + 0.5,
        "the newest entry at {newest:?}, the list from {list_top} to {list_bottom}"
    );
    retype(&mut harness, "分值", "abc");
    harness.get_by_label("录入加扣分").click();
    harness.run();
    harness.get_by_label_contains("加扣分的分值：");
    assert!(
        (top(&harness) - before).abs() < 0.5,
        "moved to {}",
        top(&harness)
    );
}

#[test]
fn a_lower_units_row_stays_in_sight_as_its_detail_opens() {
    // Lower than `WINDOW`: all 15 rows show until the detail takes its share.
    let mut harness = harness_sized(2025, [1280.0, 700.0]);
    let (rows, _) = super::town_grid(&harness);
    assert_eq!(rows.len(), 15);
    for row in [9, 14] {
        let name = rows[row].1.clone();
        harness.get_by_role_and_label(Role::Link, &name).click();
        // A few frames: the detail takes its height, the grid scrolls as it shrinks.
        harness.run_steps(10);
        let heading = harness
            .get_by_label(&format!("{name}：加扣分、一票否决与说明"))
            .rect();
        let grid_top = harness.get_by_label("序号").rect().bottom();
        let link = harness
            .query_by_role_and_label(Role::Link, &name)
            .unwrap_or_else(|| panic!("row {row} ({name}) is not drawn"))
            .rect();
        assert!(
            link.top() >= grid_top - 0.5 && link.bottom() <= heading.top(),
            "row {row} ({name}) at {link:?}, the grid from {grid_top} to above {heading:?}"
        );
        harness.get_by_label("关闭明细").click();
        harness.run();
    }
}

/// A note above the grid that shortens (the year moved on to 考核 by its first score, on a
/// narrow window where the note took two lines) leaves its room: the rows do not move up under
/// the pointer.
#[test]
fn the_rows_stay_put_as_a_note_above_them_shortens() {
    let mut harness = super::harness_sized(2025, [1024.0, 700.0]);
    let (rows, indicators) = super::town_grid(&harness);
    let second = format!("{} {} 考核", rows[1].1, indicators[0].1);
    let before = harness.get_by_label(&second).rect();
    crate::support::type_cell(
        &mut harness,
        &format!("{} {} 考核", rows[0].1, indicators[0].1),
        "5",
    );
    harness.run();
    assert!(harness.query_by_label_contains("还在“签订”阶段").is_none());
    let after = harness.get_by_label(&second).rect();
    assert!(
        after.top() >= before.top() - 0.5,
        "moved from {before:?} to {after:?}"
    );
}

/// A click on a locked cell of a published year at 1024 wide: what the reason needs is said in
/// the lock's own line, so the rows do not move down under the pointer (the next click would
/// land on the unit below).
#[test]
fn the_rows_stay_put_as_a_locked_cell_asks_for_a_reason() {
    let mut harness = super::harness_sized(2024, [1024.0, 700.0]);
    let (rows, indicators) = super::town_grid(&harness);
    let second = format!("{} {} 考核", rows[1].1, indicators[0].1);
    let before = harness.get_by_label(&second).rect();
    harness
        .get_by_label(&format!("{} {} 考核", rows[0].1, indicators[0].1))
        .click();
    harness.run();
    // The line starts where the field's label does, not centred.
    let said = harness
        .get_by_label_contains("评分已锁定：请先在下面写明修改理由")
        .rect();
    let label = harness
        .get_by_role_and_label(Role::Label, "修改理由")
        .rect();
    assert!(
        (said.left() - label.left()).abs() < 1.0,
        "{said:?} vs {label:?}"
    );
    harness.get_by_label("修改理由").type_text("4");
    harness.run();
    harness.get_by_label_contains("（刚才输入的“4”是分值，没有写进理由）");
    harness.get_by_label("修改理由").type_text("，");
    harness.run();
    harness.get_by_label_contains("这里填写的是修改理由，不是分值");
    let after = harness.get_by_label(&second).rect();
    assert!(
        (after.top() - before.top()).abs() < 0.5,
        "moved from {before:?} to {after:?}"
    );
}

/// The clerk folding the keyboard help away gets its room: the grid moves up (a note that goes
/// by itself keeps its room, as above).
#[test]
fn folding_the_help_gives_the_grid_its_room() {
    let mut harness = super::harness_sized(2025, [1024.0, 900.0]);
    let (rows, indicators) = super::town_grid(&harness);
    let first = format!("{} {} 考核", rows[0].1, indicators[0].1);
    let before = harness.get_by_label(&first).rect();
    harness.get_by_label("收起说明").click();
    harness.run();
    harness.run();
    harness.get_by_label("键盘操作说明…");
    let after = harness.get_by_label(&first).rect();
    assert!(
        after.top() < before.top() - 20.0,
        "stayed at {after:?} (was {before:?})"
    );
}

/// Another category's grid opens at its first column, whatever column the last one was
/// scrolled to.
#[test]
fn another_category_opens_at_its_first_column() {
    let mut harness = super::harness_sized(2025, [1024.0, 700.0]);
    let (rows, indicators) = super::town_grid(&harness);
    // The keyboard on the town grid's last column, scrolled there.
    let last = format!("{} {} 考核", rows[0].1, indicators.last().unwrap().1);
    harness
        .get_by_label(&format!("{} {} 考核", rows[0].1, indicators[0].1))
        .focus();
    harness.run();
    for _ in 0..2 * indicators.len() {
        if harness
            .query_by_label(&last)
            .is_some_and(|c| c.is_focused())
        {
            break;
        }
        harness.key_press(egui::Key::Tab);
        harness.run();
    }
    assert!(harness.get_by_label(&last).is_focused());
    crate::support::choose(&mut harness, "考核类别", "一类");
    harness.run();
    harness.run();
    let store = harness.state().store().unwrap();
    let sets = store.indicator_sets(2025).unwrap();
    let categories = store.categories().unwrap();
    let first_class = categories.iter().find(|c| c.name == "一类").unwrap();
    let set = sets
        .iter()
        .find(|s| s.category_id == first_class.id)
        .unwrap();
    let first = &set.indicators[0].name;
    let header = harness.get_all_by_label_contains(first).next();
    let header = header.expect("the first column's heading is drawn");
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, egui::vec2(1024.0, 700.0));
    assert!(
        window.contains_rect(header.rect()),
        "first column out of sight: {:?}",
        header.rect()
    );
}
