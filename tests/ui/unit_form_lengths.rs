//! The unit form says a field is too long as it is typed, not first at 保存: a clerk pasting a
//! unit's full name sees the limit before anything else, and the form does not suggest a short
//! name for a name that cannot be saved at all.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use egui_kittest::kittest::Queryable as _;

use crate::support::{demo_window, retype};

#[test]
fn an_over_long_name_is_said_while_typing() {
    let mut harness = demo_window();
    harness.get_by_label("新建单位…").click();
    harness.run();
    let name = "示".repeat(41);
    retype(&mut harness, "单位名称", &name);
    harness.get_by_label("单位名称不能超过 40 个字（现有 41 个）：请缩短后再保存");
    assert!(
        harness.query_by_label_contains("未填简称").is_none(),
        "no short name suggested for a name that cannot be saved"
    );
    retype(&mut harness, "负责人", &"李".repeat(31));
    harness.get_by_label("负责人不能超过 30 个字（现有 31 个）：请缩短后再保存");
    // Within the limit: the note goes, and the short-name suggestion comes.
    retype(&mut harness, "单位名称", &"示".repeat(40));
    assert!(
        harness
            .query_by_label_contains("单位名称不能超过")
            .is_none()
    );
    harness.get_by_label_contains("未填简称");
    // Refused at 保存: said once, beside the field's refusal only.
    harness.get_by_label("保存").click();
    harness.run();
    assert_eq!(
        harness
            .query_all_by_label_contains("负责人不能超过")
            .count(),
        1
    );
    // Shortened but still too long: the refusal stands, not a second note beside it.
    retype(&mut harness, "负责人", &"李".repeat(32));
    assert_eq!(
        harness
            .query_all_by_label_contains("负责人不能超过")
            .count(),
        1
    );
}
