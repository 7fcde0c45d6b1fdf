//! A small screen (1366×768 or 1024×768 at 125 %, less the taskbar): every button of a screen
//! or dialog can still be reached, by scrolling where the content does not fit.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::{App, View};

use crate::support::{click, demo_store, showing, window};

/// 1366×700 at 125 %: the room a clerk's window gets on a common office screen.
const SMALL: [f32; 2] = [1092.0, 560.0];

/// Scrolls the wheel over the middle of a window of `size` (`sideways`: as a tilted wheel or
/// Shift+wheel does) until `label` is inside it.
fn scroll_to(
    harness: &mut Harness<'_, App>,
    label: &str,
    size: [f32; 2],
    sideways: bool,
) -> egui::Rect {
    let window = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
    for _ in 0..20 {
        let rect = harness.get_all_by_label(label).next().unwrap().rect();
        if window.contains_rect(rect) {
            return rect;
        }
        harness.hover_at(window.center());
        let delta = if sideways {
            egui::vec2(-200.0, 0.0)
        } else {
            egui::vec2(0.0, -200.0)
        };
        crate::support::wheel(harness, delta);
        // A steps count, not `run`: the pointer left resting may open a cell's tooltip, whose
        // delay keeps asking for frames.
        harness.run_steps(8);
    }
    panic!(
        "{label} cannot be scrolled into the window: {:?}",
        harness.get_all_by_label(label).next().unwrap().rect()
    );
}

#[test]
fn the_notice_wording_can_be_saved_on_a_small_screen() {
    let mut harness = window(Ok(demo_store()), showing(View::Notice, 2025), SMALL);
    click(&mut harness, "通报措辞…");
    let button = scroll_to(&mut harness, "保存措辞", SMALL, false);
    // The fields take the screen's height: the buttons sit near its bottom (above the room
    // kept for problems), not halfway.
    assert!(button.bottom() > SMALL[1] - 130.0, "{button:?}");
    // A problem said under the buttons does not move them up under the pointer.
    crate::support::type_into(
        &mut harness,
        "发文字号（如 示政通〔2026〕1号；留空则不印红色版头）",
        "abc2024-03",
    );
    harness.run_steps(4);
    harness.get_by_label_contains("发文字号“abc2024-03”应写成");
    let after = harness.get_by_label("保存措辞").rect();
    assert!(
        (after.top() - button.top()).abs() < 0.5,
        "{button:?} → {after:?}"
    );
}

/// 1024×700 at 125 %.
const NARROW: [f32; 2] = [820.0, 560.0];

#[test]
fn an_agreement_s_detail_stays_inside_a_narrow_window() {
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2024), NARROW);
    // The last columns are there, to scroll to sideways. So narrow a list names its units
    // by short name.
    click(&mut harness, "城关街道");
    for button in ["预览…", "修改签订信息…", "导出签订件 PDF…", "关闭"] {
        let rect = harness.get_by_label(button).rect();
        assert!(rect.right() <= NARROW[0], "{button}: {rect:?}");
    }
    click(&mut harness, "关闭");
    scroll_to(&mut harness, "校验码", NARROW, true);
}

/// A unit whose name is longer than the window: the detail and the template preview wrap or
/// cut it, and keep their buttons and lines inside the window.
#[test]
fn a_long_unit_name_keeps_the_detail_and_the_preview_inside_the_window() {
    const LONG: &str =
        "示例市城关街道办事处（示例市城关街道安全生产委员会办公室、防灾减灾救灾办公室）";
    let mut store = demo_store();
    let mut unit = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "城关街道办事处")
        .unwrap();
    unit.fields.name = LONG.to_owned();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let size = [1280.0, 760.0];
    let mut harness = window(Ok(store), showing(View::Agreements, 2025), size);
    click(&mut harness, "城关街道");
    for button in ["预览…", "修改签订信息…", "导出签订件 PDF…", "关闭"] {
        let rect = harness.get_by_label(button).rect();
        assert!(rect.right() <= size[0], "{button}: {rect:?}");
    }
    click(&mut harness, "关闭");
    click(&mut harness, "模板");
    harness.run();
    for line in harness.get_all_by_label_contains("乙方：示例市城关街道办事处") {
        let rect = line.rect();
        assert!(rect.right() <= size[0], "{rect:?}");
    }
}

#[test]
fn the_register_and_the_log_keep_their_last_columns_on_a_narrow_window() {
    let mut harness = window(Ok(demo_store()), showing(View::Units, 2025), NARROW);
    scroll_to(&mut harness, "联系电话", NARROW, true);
    let mut harness = window(Ok(demo_store()), showing(View::Settings, 2025), NARROW);
    click(&mut harness, "操作记录");
    scroll_to(&mut harness, "修改后", NARROW, true);
}

#[test]
fn the_indicator_table_scrolls_sideways_on_a_narrow_window() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(Ok(store), showing(View::Agreements, 2026), NARROW);
    click(&mut harness, "考核指标");
    scroll_to(&mut harness, "考核方式（不印出）", NARROW, true);
}

#[test]
fn the_scoring_help_starts_folded_on_a_low_window_and_opens_on_a_click() {
    let help = "F2 编辑本格说明";
    let mut harness = window(Ok(demo_store()), showing(View::Assessment, 2025), SMALL);
    assert!(harness.query_by_label_contains(help).is_none());
    harness.get_by_label("Tab 跳过自评分");
    click(&mut harness, "键盘操作说明…");
    harness.get_by_label_contains(help);
    click(&mut harness, "收起说明");
    assert!(harness.query_by_label_contains(help).is_none());
    // Folded on a 1024 × 700 window too.
    let harness = window(
        Ok(demo_store()),
        showing(View::Assessment, 2025),
        [1024.0, 700.0],
    );
    assert!(harness.query_by_label_contains(help).is_none());
    // A taller window shows it from the start.
    let harness = window(
        Ok(demo_store()),
        showing(View::Assessment, 2025),
        [1280.0, 800.0],
    );
    harness.get_by_label_contains(help);
}

/// 1024×700 at 100 %: the tracker's columns of least use in the list (甲方签字人, 定稿日期)
/// give way, so that 签回/份数 and the code show without scrolling sideways; a wider window
/// shows them all.
#[test]
fn the_tracker_fits_a_window_1024_wide() {
    let size = [1024.0, 700.0];
    let harness = window(Ok(demo_store()), showing(View::Agreements, 2025), size);
    let window_rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
    for header in ["签回/份数", "校验码", "签订日期", "乙方签字人"] {
        let rect = harness.get_by_label(header).rect();
        assert!(window_rect.contains_rect(rect), "{header}: {rect:?}");
    }
    assert!(harness.query_by_label("甲方签字人").is_none());
    // Listing the printed ones, their 打印日期 stays and the 签订日期 none has gives way.
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), size);
    harness
        .get_by_role_and_label(Role::ComboBox, "状态")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "已打印")
        .click();
    harness.run();
    harness.get_by_label("打印日期");
    assert!(harness.query_by_label("签订日期").is_none());
    let harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1280.0, 800.0],
    );
    harness.get_by_label("甲方签字人");
    harness.get_by_label("定稿日期");
}

/// 1024×700 with an agreement's detail open: 签回/份数 (in the detail) gives way too, so
/// that the list still shows the code whole beside the detail.
#[test]
fn the_code_shows_whole_beside_the_detail_in_a_window_1024_wide() {
    let size = [1024.0, 700.0];
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), size);
    let first = crate::support::first_in(&harness, zerenshu::model::AgreementStatus::Archived);
    let name = crate::support::unit_name(&harness, &first);
    let short = name.trim_end_matches("办事处");
    click(&mut harness, short);
    let heading = harness.get_by_label(&name).rect();
    assert_eq!(
        harness.get_all_by_label("签回/份数").count(),
        1,
        "the detail's only"
    );
    assert_code_whole_beside(&harness, &first, heading);
}

/// The same while a draft waits for its tailoring to be redone (its status "草稿（逾期，调整待
/// 重做）" widening that column): the status gives way, not the code.
#[test]
fn the_code_shows_whole_beside_the_detail_while_a_tailoring_waits() {
    let mut store = demo_store();
    let draft = crate::stale_tailoring::leave_a_tailoring_behind(&mut store);
    assert_code_whole_beside_the_clauses_of(store, &draft);
}

/// In a window 1024×700, `draft`'s clause editor open: an archived agreement's code shows
/// whole in the list beside it.
fn assert_code_whole_beside_the_clauses_of(
    store: zerenshu::store::Store,
    draft: &zerenshu::model::Agreement,
) {
    let short = (store.units().unwrap().into_iter())
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap()
        .fields
        .display_short_name()
        .to_owned();
    let size = [1024.0, 700.0];
    let mut harness = window(Ok(store), showing(View::Agreements, 2025), size);
    let archived = crate::support::first_in(&harness, zerenshu::model::AgreementStatus::Archived);
    let name = crate::support::unit_name(&harness, draft);
    click(&mut harness, &short);
    click(&mut harness, "修改条款…");
    harness.run();
    harness.get_by_label("保存调整");
    let heading = harness.get_by_label(&name).rect();
    assert_code_whole_beside(&harness, &archived, heading);
}

/// The list's code of `agreement` and its column ends before the detail's heading: the code
/// shows whole, on one line, not cut to the column's least width.
fn assert_code_whole_beside(
    harness: &Harness<'_, App>,
    agreement: &zerenshu::model::Agreement,
    heading: egui::Rect,
) {
    let leftmost = |label: &str| {
        (harness.get_all_by_label(label))
            .map(|node| node.rect())
            .min_by(|a, b| a.min.x.total_cmp(&b.min.x))
            .unwrap()
    };
    let hash = agreement.content_hash.as_deref().unwrap();
    let in_list = leftmost(&zerenshu::model::agreement::grouped_code(&hash[..12]));
    assert!(
        in_list.max.x < heading.min.x,
        "{in_list:?} runs under the detail at {heading:?}"
    );
    let header = leftmost("校验码");
    assert!(
        heading.min.x - header.min.x >= 100.0,
        "the code column has {header:?} before the detail at {heading:?}"
    );
}

/// The same while a draft's clauses are edited (修改条款…, which widens the detail): the list
/// keeps the room for the code whole.
#[test]
fn the_code_shows_whole_beside_the_clause_editor_in_a_window_1024_wide() {
    let store = demo_store();
    let draft =
        crate::first_agreement::first_with_status(&store, zerenshu::model::AgreementStatus::Draft);
    assert_code_whole_beside_the_clauses_of(store, &draft);
}

/// The indicator editor's rows, 删除 included, fit a window 1024 wide.
#[test]
fn the_indicator_rows_fit_a_window_1024_wide() {
    let size = [1024.0, 700.0];
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), size);
    click(&mut harness, "考核指标");
    let window_rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
    let first_delete = harness.get_all_by_label("删除").next().unwrap().rect();
    assert!(window_rect.contains_rect(first_delete), "{first_delete:?}");
}

/// 1024×600: the signing form opened at the foot of a printed agreement's detail is brought
/// into sight, its save button included.
#[test]
fn the_signing_form_opens_in_sight_in_a_low_window() {
    let size = [1024.0, 600.0];
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), size);
    let printed = {
        let store = harness.state().store().unwrap();
        let agreement = (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.status == zerenshu::model::AgreementStatus::Printed)
            .unwrap();
        (store.units().unwrap().into_iter())
            .find(|u| u.id == agreement.draft.unit_id)
            .unwrap()
            .fields
            .display_short_name()
            .to_owned()
    };
    // Named by its short name in a window this narrow.
    harness.get_by_label(&printed).click();
    harness.run();
    harness.get_by_label("标记已签订…").click();
    harness.run_steps(4);
    let save = harness.get_by_label("保存签订信息").rect();
    assert!(save.bottom() <= size[1], "{save:?}");
}

/// The preview of an agreement on a narrow window stays below the top bar, whose year list
/// stays in sight, and its foot inside the window.
#[test]
fn the_preview_window_stays_below_the_top_bar() {
    const SMALL: [f32; 2] = [1024.0, 700.0];
    // Opened on a large window, which the clerk then makes smaller.
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2024),
        [1280.0, 800.0],
    );
    click(&mut harness, "城关街道办事处");
    click(&mut harness, "预览…");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    while harness.query_by_label_contains("第 1 页，共").is_none() {
        assert!(std::time::Instant::now() < deadline, "no preview");
        harness.run();
    }
    harness.set_size(egui::Vec2::from(SMALL));
    harness.run();
    let year = harness
        .get_by_role_and_label(egui::accesskit::Role::ComboBox, "年度")
        .rect();
    let title = harness.get_by_label_contains("预览：").rect();
    assert!(title.top() >= year.bottom(), "{title:?} {year:?}");
    let zoom = harness.get_by_label("缩小").rect();
    assert!(zoom.bottom() <= SMALL[1], "{zoom:?}");
}

/// The indicator rows scrolled down in one category open at their first row in the next one
/// chosen, as the README says of a category change.
#[test]
fn another_indicator_category_opens_at_its_first_row() {
    let size = [1280.0, 600.0];
    let mut harness = window(Ok(demo_store()), showing(View::Agreements, 2025), size);
    click(&mut harness, "考核指标");
    let window_rect = egui::Rect::from_min_size(egui::Pos2::ZERO, size.into());
    let head = |harness: &Harness<'_, App>| {
        harness
            .get_by_role_and_label(Role::Label, "考核方式（不印出）")
            .rect()
    };
    let top = head(&harness);
    scroll_to(&mut harness, "一票否决项", size, false);
    assert!(head(&harness).min.y < top.min.y, "scrolled down");
    crate::support::choose(&mut harness, "考核类别", "一类");
    assert!(
        window_rect.contains_rect(head(&harness)),
        "{:?}",
        head(&harness)
    );
    assert!((head(&harness).min.y - top.min.y).abs() < 1.0);
}
