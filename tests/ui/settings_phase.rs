//! 设置 → 年度设置's phase driven as a clerk would: 已通报 with grade bands changed in the same
//! save is refused and keeps the edits unsaved (the phase refused not left showing), taking
//! back a published year asks for a reason (keeping the chosen phase and the reason field to
//! type it in), and a year without agreements cannot be set to 考核.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::Phase;
use zerenshu::ui::UiState;

use crate::settings::{choose_phase, harness_for, shown_phase, year_of};
use crate::support::{LAPTOP, click, demo_store, retype, type_into, window};

/// A phase refused only at the save (publishing with the bands changed in the same save)
/// keeps the other edits, said to be unsaved still, over frames.
#[test]
fn publishing_with_bands_changed_in_the_same_save_keeps_the_edits_unsaved() {
    let mut harness = harness_for(UiState {
        year: Some(2024),
        ..UiState::default()
    });
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    choose_phase(&mut harness, "考核");
    type_into(&mut harness, "撤回通报的理由", "发现计分错误");
    click(&mut harness, "保存年度设置");
    harness.run();
    assert_eq!(year_of(&harness, 2024).phase, Phase::Assessing);
    let before = year_of(&harness, 2024);
    retype(&mut harness, "等次 2 的最低总分", "85");
    choose_phase(&mut harness, "已通报");
    click(&mut harness, "保存年度设置");
    let refused = "还不能改为“已通报”：这次同时修改了等次分数线或满分";
    harness.get_by_label_contains(refused);
    harness.get_by_label_contains(
        "。年度阶段仍为“考核”；其余修改尚未保存，再点“保存年度设置”即可保存",
    );
    assert_eq!(year_of(&harness, 2024), before, "nothing saved");
    assert_eq!(
        shown_phase(&harness),
        "考核",
        "the refused phase is not shown"
    );
    harness.run();
    harness.get_by_label_contains(refused);
    // The bands saved, then published: the question says the grades are those of the new
    // bands, not of the last publication.
    click(&mut harness, "保存年度设置");
    harness.run();
    choose_phase(&mut harness, "已通报");
    click(&mut harness, "保存年度设置");
    harness.get_by_label("发布 2024 年度考核结果？");
    harness.get_by_label_contains("上次通报时的等次分数线为 优秀 ≥90、良好 ≥80");
    harness.get_by_label_contains("现为 优秀 ≥90、良好 ≥85");
    click(&mut harness, "取消");
}

#[test]
fn taking_back_a_published_year_asks_for_a_reason() {
    let mut harness = harness_for(UiState {
        year: Some(2024),
        ..UiState::default()
    });
    click(&mut harness, "设置");
    click(&mut harness, "年度设置");
    assert_eq!(year_of(&harness, 2024).phase, Phase::Published);
    // When it was published, and that its notice is not dated yet.
    harness.get_by_label("考核结果于 2025年3月18日 发布；通报尚未正式导出：导出时定下成文日期");
    // Only 考核 is offered to go back to: saving would refuse the others.
    harness
        .get_by_role_and_label(Role::ComboBox, "年度阶段")
        .click();
    harness.run();
    assert!(harness.query_by_label("筹备").is_none());
    assert!(harness.query_by_label("签订").is_none());
    harness.key_press(egui::Key::Escape);
    harness.run();
    // The bands the results were graded by stay while the year stays 已通报.
    harness.get_by_label_contains(
        "考核结果已通报，年度设置（甲方、签字人、满分、等次分数线等）不能再修改",
    );
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "甲方名称")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        harness
            .get_by_label("添加等次")
            .accesskit_node()
            .is_disabled()
    );
    assert!(
        harness
            .get_by_label("保存年度设置")
            .accesskit_node()
            .is_disabled(),
        "nothing changed, nothing to save"
    );
    choose_phase(&mut harness, "考核");
    assert!(
        !harness
            .get_by_label("添加等次")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "保存年度设置");
    harness.get_by_label("撤回“已通报”会解除评分锁定，请写明理由");
    assert_eq!(year_of(&harness, 2024).phase, Phase::Published);
    // Only the reason is missing: the chosen phase and the reason field stay, with the
    // keyboard in it, and over frames.
    harness.run();
    assert_eq!(shown_phase(&harness), "考核", "the chosen phase stays");
    let reason = harness.get_by_role_and_label(Role::TextInput, "撤回通报的理由");
    assert!(reason.is_focused(), "the keyboard is in the reason");
    // Punctuation alone is no reason, and is said to be none.
    reason.type_text("。。");
    harness.run();
    click(&mut harness, "保存年度设置");
    harness.get_by_label(
        "撤回“已通报”会解除评分锁定，请写明理由：只有空格、标点或数字不算理由，请用文字写明",
    );
    harness.run();
    let reason = harness.get_by_role_and_label(Role::TextInput, "撤回通报的理由");
    assert!(reason.is_focused(), "the keyboard is in the reason again");
    reason.type_text("发现计分错误");
    harness.run();
    // The message was about the form as it was: once it is edited, the message goes.
    assert!(
        harness
            .query_by_label("撤回“已通报”会解除评分锁定，请写明理由")
            .is_none()
    );
    click(&mut harness, "保存年度设置");
    harness.run();
    assert_eq!(year_of(&harness, 2024).phase, Phase::Assessing);
    assert!(
        (harness.state().toast_texts()).any(|t| t.starts_with("已撤回 2024 年度考核结果的通报")),
        "said as a withdrawal, not as settings saved"
    );
    // Every unit of 2024 is scored: it can be published again, once the clerk confirms that
    // the scores lock; 取消 saves nothing.
    choose_phase(&mut harness, "已通报");
    click(&mut harness, "保存年度设置");
    harness.get_by_label("发布 2024 年度考核结果？");
    assert!(
        harness.query_by_label_contains("尚未归档").is_none(),
        "every 2024 agreement is archived"
    );
    let no_number = "通报措辞中没有填写发文字号";
    assert!(
        harness.query_by_label_contains(no_number).is_none(),
        "2024's notice has its 发文字号"
    );
    click(&mut harness, "取消");
    // Without a 发文字号 the question says the notice prints without its 版头.
    let wording =
        zerenshu::workflow::notice::wording(harness.state().store().unwrap(), 2024).unwrap();
    let without = zerenshu::document::NoticeWording {
        document_number: String::new(),
        ..wording.clone()
    };
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SaveNoticeWording(without));
    harness.run();
    click(&mut harness, "保存年度设置");
    harness.get_by_label_contains(no_number);
    click(&mut harness, "取消");
    harness
        .state_mut()
        .queue_command(zerenshu::ui::Command::SaveNoticeWording(wording));
    harness.run();
    assert!(harness.query_by_label("发布 2024 年度考核结果？").is_none());
    assert_eq!(year_of(&harness, 2024).phase, Phase::Assessing);
    click(&mut harness, "保存年度设置");
    // Publishing locks the scores: the keyboard starts on 取消, and Enter there publishes
    // nothing.
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "取消")
            .is_focused()
    );
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(year_of(&harness, 2024).phase, Phase::Assessing);
    click(&mut harness, "保存年度设置");
    click(&mut harness, "发布");
    harness.run();
    assert_eq!(year_of(&harness, 2024).phase, Phase::Published);
}

/// A year without agreements is not moved on to 考核 by hand: the phase is greyed, saying
/// how the year gets there.
#[test]
fn a_year_without_agreements_cannot_be_set_to_assessing() {
    let mut store = demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut harness = window(
        Ok(store),
        crate::support::showing(zerenshu::ui::View::Settings, 2026),
        LAPTOP,
    );
    click(&mut harness, "年度设置");
    harness
        .get_by_role_and_label(Role::ComboBox, "年度阶段")
        .click();
    harness.run();
    let item = harness.get_all_by_label("考核").last().unwrap();
    assert!(item.accesskit_node().is_disabled());
    item.hover();
    harness.run();
    harness.get_by_label_contains("本年度还没有责任书，不能改为“考核”");
}
