//! Vetoes: a veto turns the unit's grade into 不合格 whatever its score, asked about with its
//! condition named (and with a reason once published), and lifting one is asked about
//! first.

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::App;

use super::harness;

use crate::support::{choose, type_at};

#[test]
fn a_veto_makes_the_grade_fail_whatever_the_score_and_published_results_need_a_reason() {
    let mut harness = harness(2024);
    // 城关街道 scored 96.5 plus a capped bonus in 2024: 优秀 before the veto.
    harness.get_by_label("城关街道 等次：优秀");
    assert!(harness.query_by_label("城关街道 等次：不合格").is_none());
    let vetoed =
        |harness: &Harness<'_, App>| harness.state().store().unwrap().vetoes(2024).unwrap().len();
    harness.get_by_label("城关街道").click();
    harness.run();
    type_at(&mut harness, "否决理由", "复核发现瞒报一起事故");
    assert!(
        harness
            .query_by_role_and_label(Role::Button, "一票否决")
            .is_some()
    );
    type_at(&mut harness, "修改理由", "复核更正");
    // No condition is chosen for the clerk: one must be, before anything is recorded.
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    harness.get_by_label_contains("请选择否决条件");
    assert_eq!(vetoed(&harness), 1, "only 石桥镇's, from the demo");
    choose(&mut harness, "否决条件", "发生较大及以上生产安全事故");
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    // Asked once, naming the condition and the reason it is logged under; 取消 records
    // nothing.
    harness.get_by_label("对城关街道办事处一票否决（发生较大及以上生产安全事故）？");
    harness.get_by_label(
        "考核结果已通报：操作记录中的修改理由将是“复核更正”；理由不符请先取消，在表格上方改写理由",
    );
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    assert_eq!(vetoed(&harness), 1, "only 石桥镇's, from the demo");
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "确认否决")
        .click();
    harness.run();
    let store = harness.state().store().unwrap();
    let agreement = store.agreements(2024).unwrap().remove(0);
    assert!(
        store
            .vetoes(2024)
            .unwrap()
            .iter()
            .any(|v| v.agreement_id == agreement.id)
    );
    let audit = store.audit_entries(5).unwrap();
    assert!(audit.iter().any(|e| e.action == "一票否决"));
    harness.get_by_label_contains("已一票否决");
    harness.get_by_label("城关街道 等次：不合格");
    assert!(harness.query_by_label("城关街道 等次：优秀").is_none());
    // The grade's hover names the condition with the reason, as the notice names it.
    harness.get_by_label("城关街道 等次：不合格").hover();
    harness.run();
    harness
        .get_by_label_contains("一票否决：发生较大及以上生产安全事故；理由：复核发现瞒报一起事故");
    // Lifting it asks, and says under which reason it will be logged.
    harness
        .get_by_role_and_label(Role::Button, "撤销否决")
        .click();
    harness.run();
    harness.get_by_label(
        "考核结果已通报：操作记录中的修改理由将是“复核更正”；理由不符请先取消，在表格上方改写理由",
    );
    harness.get_by_role_and_label(Role::Button, "取消").click();
    harness.run();
    // Esc after the button goes back to the grid, as the help line says, also when the
    // keyboard was left nowhere (as a mouse click on the button leaves it).
    if let Some(focused) = harness.ctx.memory(egui::Memory::focused) {
        harness.ctx.memory_mut(|m| m.surrender_focus(focused));
    }
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    harness.run();
    assert!(
        harness.query_by_label("否决理由").is_none(),
        "back at the grid"
    );
}

#[test]
fn lifting_a_veto_is_asked_about_first() {
    let mut harness = harness(2025);
    harness.get_by_label("城关街道").click();
    harness.run();
    type_at(&mut harness, "否决理由", "发生瞒报");
    choose(&mut harness, "否决条件", "其他（在理由中写明）");
    harness
        .get_by_role_and_label(Role::Button, "一票否决")
        .click();
    harness.run();
    harness.get_by_label("对城关街道办事处一票否决（其他）？");
    // Opened by a click too, the question has the keyboard on its button.
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::Button, "确认否决")
            .is_focused(),
        "Enter confirms"
    );
    harness
        .get_by_role_and_label(Role::Button, "确认否决")
        .click();
    harness.run();
    let vetoes =
        |harness: &Harness<'_, App>| harness.state().store().unwrap().vetoes(2025).unwrap().len();
    assert_eq!(vetoes(&harness), 1);
    for (answer, left) in [("取消", 1), ("确认撤销", 0)] {
        harness
            .get_by_role_and_label(Role::Button, "撤销否决")
            .click();
        harness.run();
        harness.get_by_label_contains("撤销本单位的一票否决（");
        harness.get_by_label("撤销后，该单位按得分评定等次");
        assert!(
            harness
                .query_by_label_contains("操作记录中的修改理由")
                .is_none(),
            "not published: no reason to name"
        );
        assert_eq!(vetoes(&harness), 1, "nothing lifted before the answer");
        harness.get_by_role_and_label(Role::Button, answer).click();
        harness.run();
        assert_eq!(vetoes(&harness), left, "{answer}");
    }
    // Lifted, its condition and reason are put back for a veto lifted by mistake, but the
    // unit is not marked as holding a new, unrecorded entry.
    harness.run();
    assert!(
        harness.query_by_label("城关街道 *").is_none(),
        "no unsaved mark for what was put back"
    );
    let reason = harness.get_by_label("否决理由");
    assert_eq!(reason.value().as_deref(), Some("发生瞒报"), "put back");
}
