//! 设置 → 年度设置 driven as a clerk would: a date that is not a date is refused in words and
//! saves nothing; a changed signatory and the phase 已通报 are saved and audited.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::Phase;
use zerenshu::store::Store;
use zerenshu::ui::{App, UiState};

fn harness() -> Harness<'static, App> {
    let mut store = Store::open_in_memory().unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let mut harness = Harness::builder()
        .with_size([1280.0, 800.0])
        .build_eframe(move |cc| {
            zerenshu::fonts::install(&cc.egui_ctx);
            App::with_store(Ok(store), UiState::default())
        });
    harness.run();
    harness
}

fn click(harness: &mut Harness<'_, App>, label: &str) {
    harness.get_by_label(label).click();
    harness.run();
}

fn type_into(harness: &mut Harness<'_, App>, field: &str, text: &str) {
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .focus();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, field)
        .type_text(text);
    harness.run();
}

fn year_2025(harness: &Harness<'_, App>) -> zerenshu::model::Year {
    harness
        .state()
        .store()
        .unwrap()
        .year(2025)
        .unwrap()
        .unwrap()
}

#[test]
fn year_settings_refuse_a_bad_date_and_save_the_phase() {
    let mut harness = harness();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    let before = year_2025(&harness);
    assert_eq!(before.phase, Phase::Signing);

    type_into(&mut harness, "计划签订日期", "号");
    click(&mut harness, "保存年度设置");
    harness.get_by_label(
        "计划签订日期“2025年3月15日号”不是有效日期，请写成 2025年3月15日 或 2025-03-15",
    );
    assert_eq!(year_2025(&harness), before, "nothing saved");

    click(&mut harness, "还原");
    type_into(&mut harness, "甲方签字人姓名", "甲");
    harness
        .get_by_role_and_label(Role::ComboBox, "年度阶段")
        .click();
    harness.run();
    click(&mut harness, "已通报");
    click(&mut harness, "保存年度设置");
    harness.run();
    let after = year_2025(&harness);
    assert_eq!(after.phase, Phase::Published);
    assert_eq!(
        after.party_a_signatory_name,
        format!("{}甲", before.party_a_signatory_name)
    );
    assert_eq!(after.planned_signing_date, before.planned_signing_date);
    let audit = harness.state().store().unwrap().audit_entries(1).unwrap();
    assert_eq!(audit[0].action, "更改年度阶段");
}

#[test]
fn taking_back_a_published_year_asks_for_a_reason() {
    let mut harness = harness();
    let mut year = year_2025(&harness);
    year.phase = Phase::Published;
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SaveYear {
            year: Box::new(year),
            reason: None,
        });
    harness.run();
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    harness
        .get_by_role_and_label(Role::ComboBox, "年度阶段")
        .click();
    harness.run();
    // The navigation has a 考核 button too; the drop-down's item comes last.
    harness.get_all_by_label("考核").last().unwrap().click();
    harness.run();
    click(&mut harness, "保存年度设置");
    harness.get_by_label("撤回“已通报”会解除评分锁定，请写明理由");
    assert_eq!(year_2025(&harness).phase, Phase::Published);
    type_into(&mut harness, "撤回通报的理由", "发现计分错误");
    click(&mut harness, "保存年度设置");
    harness.run();
    assert_eq!(year_2025(&harness).phase, Phase::Assessing);
}
