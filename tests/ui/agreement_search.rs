//! The 责任书 screen's search as a clerk uses it with a paper copy in hand: overdue only, what
//! the filters hide, a unit renamed since its agreement was issued, a code of another year's
//! copy, the footer line or the number typed, a PDF verified from the window; and the preview's
//! pages.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::ui::App;

use crate::editors::{harness, harness_for};
use crate::support::{click, demo_store, retype, type_into};

#[test]
fn only_overdue_unsigned_agreements_are_listed_when_asked() {
    let mut harness = harness(demo_store());
    harness.get_by_label("城关街道办事处");
    click(&mut harness, "只看逾期未签");
    assert!(
        harness.query_by_label("城关街道办事处").is_none(),
        "an archived agreement is not overdue"
    );
    harness.get_by_label("新华街道办事处");

    // Before the planned date nothing is overdue. The planned date must fall in its year or
    // the one before: a year after today's, drafted, with its planned date tomorrow.
    let tomorrow = chrono::Local::now()
        .date_naive()
        .checked_add_days(chrono::Days::new(1))
        .unwrap();
    let next = chrono::Datelike::year(&tomorrow) + 1;
    let mut store = demo_store();
    for from in 2025..next {
        zerenshu::workflow::rollover::rollover(&mut store, from, from + 1).unwrap();
    }
    zerenshu::workflow::drafting::draft(&mut store, next, None, |_, _| {}).unwrap();
    let mut year = store.year(next).unwrap().unwrap();
    year.planned_signing_date = Some(tomorrow);
    store.write(|w| w.update_year(&year, None)).unwrap();
    let mut harness = harness_for(store, next);
    harness.get_by_label("新华街道办事处");
    click(&mut harness, "只看逾期未签");
    assert!(harness.query_by_label("新华街道办事处").is_none());
}

#[test]
fn a_search_the_filters_hide_says_what_it_found() {
    let mut harness = harness(demo_store());
    click(&mut harness, "只看逾期未签");
    // 城关街道's agreement is archived: not overdue, hidden by the tick.
    crate::support::type_into(&mut harness, "查找", "城关");
    // Only the filter set is named.
    harness.get_by_label(
        "找到“城关”：城关街道办事处（已归档），不在当前筛选结果中：请取消“只看逾期未签”",
    );
    // With a category set too that does not hide it, only the filter that does is named.
    crate::support::choose(&mut harness, "类别", "镇街");
    harness.get_by_label(
        "找到“城关”：城关街道办事处（已归档），不在当前筛选结果中：请取消“只看逾期未签”",
    );
    crate::support::choose(&mut harness, "类别", "一类");
    harness.get_by_label_contains("请把类别筛选改回“全部”，并取消“只看逾期未签”");
    crate::support::choose(&mut harness, "类别", "全部");
    // Its code, typed as the footer prints it: found, said hidden, not "type 6 digits".
    let code = (harness
        .state()
        .store()
        .unwrap()
        .agreements(2025)
        .unwrap()
        .into_iter())
    .find(|a| a.status == zerenshu::model::AgreementStatus::Archived)
    .and_then(|a| a.content_hash)
    .unwrap();
    let typed = format!("{} {}", &code[..4], &code[4..8]);
    crate::support::retype(&mut harness, "查找", &typed);
    harness.get_by_label_contains(&format!("找到“{typed}”："));
    assert!(
        harness
            .query_by_label_contains("至少输入连续 6 位")
            .is_none()
    );
    // Its zeros and ones typed as the letters they look like on paper: found all the same.
    let misread = typed.replace('1', "l").replace('0', "O");
    assert_ne!(misread, typed, "the demo's code has a 0 or a 1 there");
    crate::support::retype(&mut harness, "查找", &misread);
    harness.get_by_label_contains(&format!("找到“{misread}”："));
    crate::support::retype(&mut harness, "查找", "无此单位");
    harness.get_by_label_contains("没有找到“无此单位”");
    // Esc in the box empties it, as in 单位.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label_contains("没有找到").is_none());
    assert_eq!(
        harness
            .get_by_label("查找")
            .accesskit_node()
            .value()
            .as_deref(),
        Some("")
    );
}

#[test]
fn a_unit_renamed_after_its_agreement_was_issued_is_found_by_the_printed_name() {
    let mut store = demo_store();
    crate::support::rename_unit(&mut store, "城关街道办事处", "城关街道办");
    let mut harness = harness(store);
    // The name on the paper copy (2025's agreement is archived) finds it under its name now.
    type_into(&mut harness, "查找", "城关街道办事处");
    assert!(harness.query_by_label_contains("没有找到").is_none());
    harness.get_by_label("城关街道办");
    assert!(
        harness.query_by_label("新华街道办事处").is_none(),
        "only it is listed"
    );
}

#[test]
fn a_code_from_another_years_paper_copy_is_found_in_its_year() {
    let store = demo_store();
    let old = store.agreements(2024).unwrap().remove(4);
    let code = old.content_hash.clone().unwrap()[..12].to_owned();
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == old.draft.unit_id)
        .unwrap()
        .fields
        .name;
    let mut harness = harness(store);
    type_into(&mut harness, "查找", &code);
    harness.get_by_label_contains("本年度没有这个校验码的责任书：请核对校验码");
    click(&mut harness, "在所有年度中查找");
    harness.run();
    assert_eq!(harness.state().state().year, Some(2024));
    harness.get_by_label(&unit);
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.contains("2024 年度第 5 号责任书"))
    );
}

#[test]
fn the_footer_line_or_the_number_of_a_paper_copy_finds_its_agreement() {
    let store = demo_store();
    let fourth = store.agreements(2025).unwrap().remove(3);
    let code = fourth.content_hash.clone().unwrap()[..12].to_owned();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == fourth.draft.unit_id)
        .unwrap()
        .fields
        .name;
    let other = (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == "城关街道办事处")
        .unwrap()
        .fields
        .name;
    let mut harness = harness(store);
    let grouped = format!("{} {} {}", &code[..4], &code[4..8], &code[8..]);
    for typed in [
        format!("编号 2025-004　校验码 {code}"),
        "2025-004".to_owned(),
        // The signed copy's footer, pasted whole.
        format!("签订件 · 2025年度第4号 · 校验码 {grouped} · 第1页/共4页"),
        "2025年度第4号".to_owned(),
    ] {
        retype(&mut harness, "查找", &typed);
        harness.get_by_label(&unit);
        assert!(harness.query_by_label(&other).is_none(), "{typed}");
        assert!(
            harness
                .query_by_label_contains("本年度没有这个校验码的责任书")
                .is_none()
        );
    }
    // What finds nothing says so, and what may be searched for.
    retype(&mut harness, "查找", "不存在的单位");
    harness.get_by_label_contains("没有找到“不存在的单位”");
}

#[test]
fn the_preview_shows_the_pages_with_zoom_and_page_buttons() {
    let mut harness = harness(demo_store());
    click(&mut harness, "新华街道办事处");
    click(&mut harness, "预览…");
    harness.get_by_label("第 1 页，共 4 页");
    harness.get_by_label("第 1 / 4 页");
    harness.get_by_label("58%");
    click(&mut harness, "下一页");
    harness.run();
    harness.get_by_label("第 2 / 4 页");
    click(&mut harness, "放大");
    harness.get_by_label("73%");
    harness.get_by_label("第 2 / 4 页");
    click(&mut harness, "上一页");
    harness.run();
    harness.get_by_label("第 1 / 4 页");
    // From the keyboard too: PageDown, PageUp, End and Home turn the pages.
    for (key, shown) in [
        (egui::Key::PageDown, "第 2 / 4 页"),
        (egui::Key::PageDown, "第 3 / 4 页"),
        (egui::Key::PageUp, "第 2 / 4 页"),
        (egui::Key::End, "第 4 / 4 页"),
        (egui::Key::Home, "第 1 / 4 页"),
    ] {
        harness.key_press(key);
        harness.run();
        harness.run();
        harness.get_by_label(shown);
    }
    // With the keyboard on a row of the list behind, PageDown is the list's: the preview's
    // page stays.
    harness.get_by_label("城关街道").focus();
    harness.run();
    harness.key_press(egui::Key::PageDown);
    harness.run();
    harness.run();
    harness.get_by_label("第 1 / 4 页");
}

#[test]
fn a_search_that_hides_the_open_agreement_closes_its_detail() {
    let mut harness = harness(demo_store());
    click(&mut harness, "新华街道办事处");
    harness.get_by_label("预览…");
    type_into(&mut harness, "查找", "古渡");
    harness.get_by_label("古渡镇人民政府");
    assert!(
        harness.query_by_label("预览…").is_none(),
        "the detail closed"
    );
}

#[test]
fn a_pdf_file_is_verified_from_the_window() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let first = store.agreements(2025).unwrap().remove(0);
    let report = zerenshu::workflow::export::export(
        &mut store,
        &zerenshu::pdf::fonts::FontSet::shipped(),
        2025,
        Some(&[first.id]),
        dir.path(),
        &std::sync::atomic::AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    let exported = report.written[0].clone();
    let mut altered = std::fs::read(&exported).unwrap();
    let last = altered.len() - 10;
    altered[last] ^= 1;
    let altered_path = dir.path().join("改过的.pdf");
    std::fs::write(&altered_path, &altered).unwrap();
    let text_path = dir.path().join("说明.pdf");
    std::fs::write(&text_path, "不是 PDF").unwrap();
    let mut harness = harness(store);
    let first_row =
        |harness: &Harness<'static, App>| harness.get_by_label("城关街道办事处").rect().top();
    let row_before = first_row(&harness);
    // The button opens a file picker.
    click(&mut harness, "核验 PDF…");
    harness.get_by_label("选择要核验的 PDF 文件");
    let verify = |harness: &mut Harness<'static, App>, path: &std::path::Path| {
        harness
            .state_mut()
            .queue_command(zerenshu::ui::Command::VerifyPdf(path.to_owned()));
        harness.run();
    };
    verify(&mut harness, &exported);
    // The answer stays under the toolbar (a toast would fade unread), until closed or the next.
    harness.get_by_label_contains("一致：此文件是 2025 年度第 1 号责任书");
    verify(&mut harness, &altered_path);
    harness.get_by_label_contains("不一致：校验码对应 2025 年度第 1 号责任书");
    assert!(
        (harness.query_by_label_contains("一致：此文件是 2025 年度第 1 号责任书")).is_none(),
        "the one before replaced"
    );
    // (The picker opened above is still up: the button is pressed through accessibility.)
    assert!(
        first_row(&harness) > row_before,
        "the answer takes room above the list"
    );
    harness.get_by_label("关闭").click_accesskit();
    harness.run();
    assert!(
        (harness.query_by_label_contains("不一致：校验码对应 2025 年度第 1 号责任书")).is_none()
    );
    // Closed, the room it took goes with it: the list comes back up.
    assert!((first_row(&harness) - row_before).abs() < 1.0);
    verify(&mut harness, &exported);
    harness.get_by_label_contains("一致：此文件是 2025 年度第 1 号责任书");
    // A file that cannot be checked takes the place of the answer before, not only a toast.
    verify(&mut harness, &text_path);
    harness.get_by_label_contains("“说明.pdf”不是 PDF 文件");
    assert!(
        (harness.query_by_label_contains("一致：此文件是 2025 年度第 1 号责任书")).is_none(),
        "the one before replaced"
    );
    // A shorter answer after a longer one: the list comes up to it, no empty band kept.
    let row_short = first_row(&harness);
    verify(&mut harness, &altered_path);
    assert!(
        first_row(&harness) > row_short,
        "the longer answer takes more room"
    );
    verify(&mut harness, &text_path);
    assert!((first_row(&harness) - row_short).abs() < 1.0);
}

/// A verification's answer closed from the keyboard gives it back to 核验 PDF…; 清除勾选,
/// greyed as it acts, gives it to 全部勾选: never nowhere.
#[test]
fn buttons_that_go_or_grey_as_they_act_give_the_keyboard_to_a_neighbour() {
    let mut harness = harness(demo_store());
    let dir = tempfile::tempdir().unwrap();
    let text_path = dir.path().join("说明.pdf");
    std::fs::write(&text_path, "不是 PDF").unwrap();
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::VerifyPdf(text_path));
    harness.run();
    harness.get_by_label("关闭").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert!(harness.get_by_label("核验 PDF…").is_focused());
    // One ticked, then untick all from the keyboard.
    click(&mut harness, "全部勾选");
    harness.get_by_label("清除勾选").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    assert!(
        harness
            .get_by_label("清除勾选")
            .accesskit_node()
            .is_disabled()
    );
    assert!(harness.get_by_label("全部勾选").is_focused());
}

/// Presses `key` and lets the window settle (the preview opens or closes over two frames).
fn press(harness: &mut Harness<'static, App>, key: egui::Key) {
    harness.key_press(key);
    harness.run();
    harness.run();
}

/// The preview opened from the keyboard and closed with Esc gives the keyboard back to 预览…,
/// as a dialog gives it back to its button: Tab goes on from there, not from the top.
#[test]
fn esc_on_the_preview_gives_the_keyboard_back_to_its_button() {
    let mut harness = harness(demo_store());
    click(&mut harness, "新华街道办事处");
    harness.get_by_label("预览…").focus();
    harness.run();
    let keyboard_after_esc = |harness: &mut Harness<'static, App>| {
        press(harness, egui::Key::Escape);
        assert!(harness.query_by_label("第 1 / 4 页").is_none(), "closed");
        crate::support::keyboard_on(harness)
    };
    press(&mut harness, egui::Key::Enter);
    harness.get_by_label("第 1 / 4 页");
    assert_eq!(keyboard_after_esc(&mut harness).as_deref(), Some("预览…"));
    // Gone on to a row of the list behind meanwhile: the keyboard stays on that row.
    press(&mut harness, egui::Key::Enter);
    harness.get_by_label("第 1 / 4 页");
    harness.get_by_label("城关街道").focus();
    harness.run();
    assert_eq!(
        keyboard_after_esc(&mut harness).as_deref(),
        Some("城关街道")
    );
}
