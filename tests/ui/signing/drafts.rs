//! Drafts: a draft's copies changed in its detail, a batch drafted in the copies chosen, the
//! year rollover from 设置, the batch 定稿 question naming its units, and a draft whose clause
//! changes wait to be redone (in a small window, in its preview and export).

use egui::accesskit::Role;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::{Agreement, AgreementStatus};

use crate::support::{
    agreements, agreements_window, click, click_row, demo_store, first_in, tick, unit_name,
};

#[test]
fn a_draft_s_copies_change_in_its_detail_and_a_final_one_s_do_not() {
    let mut harness = agreements_window(demo_store(), 2025);
    let draft = first_in(&harness, AgreementStatus::Draft);
    let issued = first_in(&harness, AgreementStatus::Final);
    click_row(&mut harness, &draft);
    harness
        .get_by_role_and_label(Role::SpinButton, "一式份数")
        .set_value_accesskit(5.0);
    harness.run();
    // Another row clicked before 保存份数: asked, and 继续编辑 keeps the number typed.
    click_row(&mut harness, &issued);
    harness.get_by_label("尚未保存：一式份数");
    click(&mut harness, "继续编辑");
    click(&mut harness, "保存份数");
    let store = harness.state().store().unwrap();
    assert_eq!(store.agreement(draft.id).unwrap().unwrap().draft.copies, 5);
    assert!(
        harness.query_all_by_label("0/5").count() >= 1,
        "the row and the detail show the new copies"
    );

    click_row(&mut harness, &issued);
    assert!(harness.query_by_label("一式份数").is_none());
    assert!(harness.query_by_label("保存份数").is_none());
}

#[test]
fn a_batch_is_drafted_in_the_copies_chosen_and_skipped_units_show_a_name() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    // A unit without 简称 is listed by its full name among those skipped.
    let mut unit = store.units().unwrap().remove(0);
    unit.fields.short_name.clear();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let mut harness = agreements_window(store, 2026);
    click(&mut harness, "批量起草…");
    harness
        .get_by_role_and_label(Role::SpinButton, "每份责任书一式")
        .set_value_accesskit(4.0);
    harness.run();
    click(&mut harness, "开始起草");
    let drafted = agreements(&harness, 2026);
    assert_eq!(drafted.len(), 45);
    assert!(drafted.iter().all(|a| a.draft.copies == 4));

    click(&mut harness, "批量起草…");
    // Named by its full name where it has no short name: beside the count and in the list.
    let skipped = format!("{}、", unit.fields.name);
    assert_eq!(harness.get_all_by_label_contains(&skipped).count(), 2);
}

#[test]
fn rollover_from_the_settings_window_creates_the_new_year() {
    let mut harness = agreements_window(demo_store(), 2025);
    click(&mut harness, "设置");
    assert!(
        harness
            .state()
            .store()
            .unwrap()
            .year(2026)
            .unwrap()
            .is_none()
    );
    click(&mut harness, "从 2025 年度结转…");
    click(&mut harness, "结转");
    harness.run();
    let store = harness.state().store().unwrap();
    let year = store.year(2026).unwrap().unwrap();
    assert_eq!(
        year.party_a_name,
        store.year(2025).unwrap().unwrap().party_a_name
    );
    assert_eq!(store.templates(2026).unwrap().len(), 4);
    assert!(store.agreements(2026).unwrap().is_empty());
    assert_eq!(harness.state().state().year, Some(2026));
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已建立 2026 年度"))
    );
}

#[test]
fn the_batch_finalize_question_names_its_units_and_what_it_leaves_out() {
    let mut harness = agreements_window(demo_store(), 2025);
    let all = agreements(&harness, 2025);
    let drafts: Vec<&Agreement> = (all.iter())
        .filter(|a| a.status == AgreementStatus::Draft)
        .take(2)
        .collect();
    let issued = first_in(&harness, AgreementStatus::Final);
    for agreement in drafts.iter().copied().chain([&issued]) {
        tick(&mut harness, agreement);
    }
    click(&mut harness, "定稿（2）");
    let store = harness.state().store().unwrap();
    let short = |agreement: &Agreement| {
        let unit = store.unit(agreement.draft.unit_id).unwrap().unwrap();
        unit.fields.display_short_name().to_owned()
    };
    let question = format!(
        "定稿 2 份责任书（{}、{}）？",
        short(drafts[0]),
        short(drafts[1])
    );
    harness.get_by_label(&question);
    harness.get_by_label("勾选的另 1 份责任书已不是草稿，不在其中");
    click(&mut harness, "取消");
    assert!(harness.query_by_label(&question).is_none());
}

#[test]
fn a_draft_whose_tailoring_waits_fits_beside_its_detail_in_a_small_window() {
    let mut store = demo_store();
    let draft = crate::stale_tailoring::leave_a_tailoring_behind(&mut store);
    let mut harness = crate::support::window(
        Ok(store),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1200.0, 760.0],
    );
    click_row(&mut harness, &draft);
    harness.get_by_label_contains("调整待重做");
    // The detail and its buttons stay inside the window.
    let close = harness.get_by_label("关闭").rect();
    assert!(close.max.x <= 1200.0, "{close:?}");
    let edit = harness.get_by_label("修改条款…").rect();
    assert!(edit.max.x <= 1200.0, "{edit:?}");
    let rightmost = harness.get_by_label("更换扫描件…").rect();
    assert!(rightmost.max.x <= 1200.0, "{rightmost:?}");
}

/// A draft whose clause changes wait to be redone reads as the template: its preview and an
/// export of it say so.
#[test]
fn a_preview_and_an_export_of_a_draft_whose_tailoring_waits_say_it_is_missing() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = crate::support::demo_store_at(&dir.path().join("zerenshu.sqlite3"));
    let draft = crate::stale_tailoring::leave_a_tailoring_behind(&mut store);
    let mut harness = agreements_window(store, 2025);
    let name = unit_name(&harness, &draft);
    click(&mut harness, &name);
    click(&mut harness, "预览…");
    harness.get_by_label_contains(
        "本责任书有条款调整因模板修改须重做（见详情），预览的文本不含须重做的调整，其余调整照常在内",
    );
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::ExportPdfs {
            ids: vec![draft.id],
            folder: dir.path().to_owned(),
        });
    crate::support::wait_for_toast(&mut harness, "已导出 1 份 PDF");
    let said = format!("{name} 1 份草稿有条款调整因模板修改须重做");
    assert!(
        harness.state().toast_texts().any(|t| t.starts_with(&said)),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}
