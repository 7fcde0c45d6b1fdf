//! 年度设置's grade bands and full score: a band added above the lowest, a full score the
//! indicators do not add up to, fixed once they are final, bands refused at one save.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::settings::{harness_for, year_2025};
use crate::support::{LAPTOP, click, demo_store, retype, type_into, window};
use egui_kittest::kittest::{NodeT as _, Queryable as _};

#[test]
fn a_band_added_above_the_lowest_is_saved_in_its_place() {
    let mut harness = harness_for(crate::support::showing(zerenshu::ui::View::Settings, 2025));
    click(&mut harness, "年度设置");
    click(&mut harness, "添加等次");
    // Added above the lowest band (its line 0), its own line to type; its name has the
    // keyboard.
    assert_eq!(
        harness.get_by_label("等次 4 的最低总分").value().as_deref(),
        Some("")
    );
    harness.run();
    assert!(harness.get_by_label("等次 4 名称").is_focused());
    type_into(&mut harness, "等次 4 名称", "基本合格");
    type_into(&mut harness, "等次 4 的最低总分", "70");
    // 优秀 良好 合格 基本合格 不合格: 基本合格 belongs between 良好 and 合格, moved up by
    // its button (named by place); left below 合格, its line would be refused as out of order.
    click(&mut harness, "等次 4 上移");
    let name = harness.get_by_label("等次 3 名称").value();
    assert_eq!(name.as_deref(), Some("基本合格"));
    assert!(
        harness
            .get_by_label("等次 1 上移")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        harness
            .get_by_label("等次 5 下移")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "保存年度设置");
    let bands: Vec<(String, String)> = year_2025(&harness)
        .grade_bands
        .iter()
        .map(|b| (b.name.clone(), b.min_total.to_string()))
        .collect();
    let expected = [
        ("优秀", "90"),
        ("良好", "80"),
        ("基本合格", "70"),
        ("合格", "60"),
        ("不合格", "0"),
    ];
    assert_eq!(
        bands,
        expected.map(|(n, m)| (n.to_owned(), m.to_owned())).to_vec()
    );
}

#[test]
fn a_full_score_the_indicators_do_not_add_up_to_is_said_as_it_is_typed() {
    // 2026, rolled over: its indicators are not final yet.
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let showing = crate::support::showing(zerenshu::ui::View::Settings, 2026);
    let mut harness = window(Ok(store), showing, LAPTOP);
    click(&mut harness, "年度设置");
    assert!(
        harness
            .query_by_label_contains("与考核指标分值合计不一致")
            .is_none()
    );
    retype(&mut harness, "满分", "120");
    harness
        .get_by_label("与考核指标分值合计不一致（悬停看说明）")
        .hover();
    harness.run();
    harness.get_by_label_contains("考核指标分值合计 100，与满分 120 不一致");
}

#[test]
fn the_full_score_is_fixed_once_indicators_are_final_and_says_why() {
    let mut harness = harness_for(crate::support::showing(zerenshu::ui::View::Settings, 2025));
    click(&mut harness, "年度设置");
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "满分");
    assert!(
        field.accesskit_node().is_disabled(),
        "2025's indicators are final"
    );
    harness.get_by_label("已有指标定稿，不能修改（悬停看原因）");
}

/// One 保存 names a band's number that does not read and, as typed, a name left empty and
/// two names alike, beside each other; nothing is saved.
#[test]
fn a_bands_unreadable_number_and_its_names_are_refused_at_one_save() {
    let mut harness = harness_for(crate::support::showing(zerenshu::ui::View::Settings, 2025));
    click(&mut harness, "年度设置");
    retype(&mut harness, "等次 2 名称", "优秀");
    retype(&mut harness, "等次 3 名称", "x");
    harness.key_press(egui::Key::Backspace);
    harness.run();
    retype(&mut harness, "等次 4 的最低总分", "-5");
    click(&mut harness, "保存年度设置");
    harness.get_by_label_contains("分数线：分值不能为负数");
    harness.get_by_label_contains("第 3 个等次的名称不能为空");
    harness.get_by_label_contains("等次名称不能重复：“优秀”出现了不止一次");
    let bands = year_2025(&harness).grade_bands;
    assert_eq!(bands[1].name, "良好", "nothing saved");
}

/// The lowest band is what a vetoed unit gets: bands set so that it passes are refused.
#[test]
fn a_passing_lowest_band_is_refused() {
    let mut harness = harness_for(crate::support::showing(zerenshu::ui::View::Settings, 2025));
    click(&mut harness, "年度设置");
    retype(&mut harness, "等次 4 名称", "称职");
    click(&mut harness, "保存年度设置");
    harness.get_by_label_contains("最低等次“称职”是及格的等次");
    let bands = year_2025(&harness).grade_bands;
    assert_eq!(bands[3].name, "不合格", "nothing saved");
}

/// Many grades on a low window: the settings scroll, 添加等次 and what follows stay reachable.
#[test]
fn many_grades_scroll_on_a_low_window() {
    let mut harness = window(
        Ok(demo_store()),
        crate::support::showing(zerenshu::ui::View::Settings, 2025),
        [1024.0, 700.0],
    );
    click(&mut harness, "年度设置");
    for _ in 0..10 {
        click(&mut harness, "添加等次");
    }
    harness.get_by_label("添加等次").scroll_to_me();
    harness.run();
    let add = harness.get_by_label("添加等次").rect();
    assert!(add.bottom() <= 700.0, "{add:?}");
}
