//! A red refusal message does not outstay its point. On 考核, the message above the grid goes
//! once another cell, a bonus or a veto is saved (the refused cell keeps its red frame), while a
//! refusal typed after a save in the same frame stays. On 责任书, 修改条款… is not offered once the
//! text is frozen (定稿, 已打印, 已签订): disabled, its hover says why. The detail's 控制指标 say
//! they are set for the unit alone.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::AgreementStatus;
use zerenshu::ui::{App, Command, View};

use crate::support::{choose, click, demo_store, showing, type_at, type_cell, type_into, window};

fn harness(view: View, size: [f32; 2]) -> Harness<'static, App> {
    window(Ok(demo_store()), showing(view, 2025), size)
}

/// The message of "abc" typed into 城关街道's 组织领导 考核 cell.
const ABC: &str = "城关街道 组织领导 考核：“abc”不是有效的数字";

fn shows(harness: &Harness<'_, App>, text: &str) -> bool {
    harness.query_by_label_contains(text).is_some()
}

#[test]
fn the_message_above_the_grid_goes_once_something_is_saved_after_it() {
    let mut harness = harness(View::Assessment, [1600.0, 1000.0]);
    let refused = "城关街道 组织领导 考核";

    // Another cell saved.
    type_cell(&mut harness, refused, "abc");
    assert!(shows(&harness, ABC));
    type_cell(&mut harness, "响嘡街道 组织领导 考核", "5");
    harness.run();
    assert!(!shows(&harness, ABC), "gone after another cell is saved");
    let store = harness.state().store().unwrap();
    assert_eq!(
        store.scores(2025).unwrap().len(),
        1,
        "the other cell was saved"
    );

    // A bonus recorded in the detail.
    type_cell(&mut harness, refused, "abc");
    assert!(shows(&harness, ABC));
    harness
        .get_by_role_and_label(Role::Link, "城关街道")
        .click();
    harness.run();
    assert!(shows(&harness, ABC), "opening the detail saves nothing");
    type_into(&mut harness, "分值", "1");
    type_into(&mut harness, "理由", "组织全街道应急演练");
    click(&mut harness, "录入加扣分");
    harness.run();
    assert_eq!(
        harness
            .state()
            .store()
            .unwrap()
            .adjustments(2025)
            .unwrap()
            .len(),
        1
    );
    assert!(!shows(&harness, ABC), "gone after a bonus is recorded");

    // A veto recorded.
    type_cell(&mut harness, refused, "abc");
    assert!(shows(&harness, ABC));
    type_at(&mut harness, "否决理由", "发生较大生产安全事故");
    choose(&mut harness, "否决条件", "发生较大及以上生产安全事故");
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    click(&mut harness, "确认否决");
    harness.run();
    assert_eq!(
        harness.state().store().unwrap().vetoes(2025).unwrap().len(),
        1
    );
    assert!(!shows(&harness, ABC), "gone after a veto is recorded");

    // A refusal in the detail goes too once a cell is saved.
    type_into(&mut harness, "分值", "x");
    click(&mut harness, "录入加扣分");
    assert!(shows(&harness, "加扣分的分值"));
    type_cell(&mut harness, "新华街道 组织领导 考核", "4");
    harness.run();
    assert!(
        !shows(&harness, "加扣分的分值"),
        "the detail's message goes as well"
    );
}

#[test]
fn a_refusal_typed_after_a_save_in_the_same_frame_stays() {
    let mut harness = harness(View::Assessment, [1600.0, 1000.0]);
    let first = "城关街道 组织领导 考核";
    harness.get_by_label(first).focus();
    harness.run();
    // "5", Enter (saved, down to 响嘡街道), "abc", Enter (refused): all in one frame.
    let mut events = vec![egui::Event::Text("5".to_owned())];
    let enter = |pressed| egui::Event::Key {
        key: egui::Key::Enter,
        physical_key: None,
        pressed,
        repeat: false,
        modifiers: egui::Modifiers::NONE,
    };
    events.extend([enter(true), enter(false)]);
    events.push(egui::Event::Text("abc".to_owned()));
    events.extend([enter(true), enter(false)]);
    for event in events {
        harness.event(event);
    }
    for _ in 0..4 {
        harness.run();
    }
    assert_eq!(
        harness.state().store().unwrap().scores(2025).unwrap().len(),
        1
    );
    assert!(
        shows(&harness, "响嘡街道 组织领导 考核：“abc”不是有效的数字"),
        "the later refusal is not retired by the earlier save"
    );
}

#[test]
fn the_clause_button_of_a_frozen_text_is_disabled_and_says_why() {
    let mut harness = harness(View::Agreements, [1400.0, 1500.0]);
    let store = harness.state().store().unwrap();
    let agreements = store.agreements(2025).unwrap();
    let final_one = agreements
        .iter()
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap()
        .id;
    let is_disabled = |harness: &Harness<'_, App>| {
        harness
            .get_by_label("修改条款…")
            .accesskit_node()
            .is_disabled()
    };
    let hover_says = |harness: &mut Harness<'_, App>, why: &str| {
        harness.get_by_label("修改条款…").hover();
        harness.run();
        assert!(shows(harness, why), "{why}");
    };
    click(&mut harness, "东城街道办事处");
    harness.get_by_label("控制指标（本单位单独设定，不在模板中）");
    // Frozen: not pointed to an editor it cannot open.
    assert!(harness.query_by_label("在下方“修改条款…”中修改").is_none());
    assert!(is_disabled(&harness), "已定稿");
    let frozen = "责任书已定稿，文本已冻结，不能修改；如需更正，请先“退回草稿”并写明理由";
    hover_says(&mut harness, frozen);

    // 已打印: still frozen.
    harness.state_mut().queue_command(Command::MarkPrinted {
        ids: vec![final_one],
        printed_on: chrono::Local::now().date_naive(),
    });
    harness.run();
    harness.run();
    assert!(is_disabled(&harness), "已打印");
    hover_says(&mut harness, frozen);

    // 已签订 (白塔镇 in the demo): signed on paper. Beside the detail the list names its
    // units by short name.
    click(&mut harness, "白塔镇");
    assert!(is_disabled(&harness), "已签订");
    hover_says(&mut harness, "责任书已签订，文本不能再修改");

    // A draft's clauses open for editing.
    click(&mut harness, "青山镇");
    assert!(!is_disabled(&harness), "草稿");
    click(&mut harness, "修改条款…");
    harness.get_by_label("保存调整");
}

#[test]
fn a_misspelt_placeholder_in_an_added_clause_says_which_clause_first() {
    let mut harness = harness(View::Agreements, [1200.0, 2400.0]);
    click(&mut harness, "青山镇");
    click(&mut harness, "修改条款…");
    let add = harness
        .get_all_by_label_contains("中增加条款")
        .next()
        .unwrap()
        .accesskit_node()
        .label()
        .unwrap();
    let heading = add
        .trim_start_matches("在“")
        .trim_end_matches("”中增加条款")
        .to_owned();
    harness.get_by_label(&add).click_accesskit();
    harness.run();
    let added = harness
        .get_all_by_role_and_label(Role::MultilineTextInput, "新增")
        .count();
    assert_eq!(added, 1);
    // It has the keyboard as it comes.
    harness
        .get_by_role_and_label(Role::MultilineTextInput, "新增")
        .type_text("（四）{单位明称}加强宣传。");
    harness.run();
    // Where it is comes first, and the whole of it is there, wrapped.
    harness.get_by_label(&format!(
        "【{heading}】第 4 条（新增）：未知的占位符“{{单位明称}}”（是否应为“{{单位名称}}”）"
    ));
    // A clause before it dropped: numbered as it prints, among the clauses kept.
    (harness
        .get_all_by_role_and_label(Role::CheckBox, "删去")
        .next())
    .unwrap()
    .click();
    harness.run();
    harness.get_by_label(&format!(
        "【{heading}】第 3 条（新增）：未知的占位符“{{单位明称}}”（是否应为“{{单位名称}}”）"
    ));
    assert!(
        harness
            .get_by_label("保存调整")
            .accesskit_node()
            .is_disabled()
    );
    // Ctrl+S does not save (it brings the reasons into view instead).
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::S);
    harness.run();
    assert!(
        harness.query_by_label("保存调整").is_some(),
        "still editing"
    );
}
