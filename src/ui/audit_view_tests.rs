//! Tests of how the audit viewer words an entry's unit or record and its before and after.

use super::*;

fn row(entity: &str, unit: Option<&str>, record: Option<&str>) -> AuditRow {
    AuditRow {
        entry: crate::store::AuditEntry {
            at: "2025-03-05 14:03:22".into(),
            operator: "操作员".into(),
            action: "修改评分".into(),
            entity: entity.into(),
            entity_id: "3:7".into(),
            before_json: None,
            after_json: None,
        },
        unit: unit.map(str::to_owned),
        record: record.map(str::to_owned),
        year: (entity != "unit" && unit.is_some()).then_some(2025),
    }
}

#[test]
fn a_score_change_names_its_unit_and_indicator_and_others_their_unit_or_record() {
    let score = row(
        "score",
        Some("城关街道办事处"),
        Some("2025 年度第 1 号责任书，指标：组织领导"),
    );
    assert_eq!(
        who_or_what(&score),
        "2025 年度 城关街道办事处，指标：组织领导"
    );
    let bonus = row("adjustment", Some("应急局"), Some("加扣分：经验做法"));
    assert_eq!(who_or_what(&bonus), "2025 年度 应急局，加扣分：经验做法");
    let agreement = row("agreement", Some("应急局"), Some("2025 年度第 16 号责任书"));
    assert_eq!(who_or_what(&agreement), "2025 年度 应急局");
    let unit = row("unit", Some("应急局"), Some("单位“应急局”"));
    assert_eq!(who_or_what(&unit), "应急局");
    let year = row("year", None, Some("2025 年度"));
    assert_eq!(who_or_what(&year), "2025 年度");
}

#[test]
fn an_emptied_field_reads_empty_and_a_missing_side_stays_blank() {
    let change = |field: &str, before: &str, after: &str| FieldChange {
        field: field.into(),
        before: before.into(),
        after: after.into(),
    };
    let edited = [change("联系人", "", "甲某"), change("电话", "1", "2")];
    let edit = (true, true);
    assert_eq!(
        one_line(&edited, |c| &c.before, edit, true),
        "联系人：（空）；电话：1"
    );
    assert_eq!(
        one_line(&edited, |c| &c.after, edit, false),
        "联系人：甲某；电话：2"
    );
    // One field filled in: the before side says it was empty.
    let filled = [change("联系人", "", "甲某")];
    assert_eq!(
        one_line(&filled, |c| &c.before, edit, true),
        "联系人：（空）"
    );
    // An addition: nothing before it, and after it only what holds something.
    let added = [change("名称", "", "甲镇"), change("考核组评分", "", "")];
    let addition = (false, true);
    assert_eq!(one_line(&added, |c| &c.before, addition, true), "");
    assert_eq!(
        one_line(&added, |c| &c.after, addition, false),
        "名称：甲镇"
    );
    // The reason of a change to a published score is no field emptied before it.
    let reasoned = [
        change("考核组评分", "5", "4"),
        change(REASON_FIELD, "", "复核"),
    ];
    assert_eq!(
        one_line(&reasoned, |c| &c.before, edit, true),
        "考核组评分：5"
    );
    assert_eq!(
        one_line(&reasoned, |c| &c.after, edit, false),
        "考核组评分：4；修改理由：复核"
    );
}

#[test]
fn a_change_that_cleared_a_setting_has_its_after_side_said_empty() {
    let entry = |action: &str, after: Option<&str>| crate::store::AuditEntry {
        at: "2026-12-06 07:17:06".into(),
        operator: "操作员".into(),
        action: action.into(),
        entity: "setting".into(),
        entity_id: "notice_date".into(),
        before_json: Some(r#""2025-03-18""#.into()),
        after_json: after.map(str::to_owned),
    };
    assert_eq!(sides_of(&entry("修改设置", None)), (true, true));
    assert_eq!(
        sides_of(&entry("修改设置", Some(r#""2025-03-20""#))),
        (true, true)
    );
    // A removal has no after side.
    assert_eq!(sides_of(&entry("删除草稿", None)), (true, false));
    let cleared = [FieldChange {
        field: "设置".into(),
        before: "2025年3月18日".into(),
        after: String::new(),
    }];
    assert_eq!(
        one_line(
            &cleared,
            |c| &c.after,
            sides_of(&entry("修改设置", None)),
            false
        ),
        "设置：（空）"
    );
}

#[test]
fn a_date_is_whole_once_its_day_has_two_digits_or_its_character() {
    for whole in [
        "2025-03-19",
        "2025/3/09",
        "2025年3月5日",
        " 2025-03-05 ",
        "２０２５-０３-０５",
        "",
    ] {
        assert!(is_typed_whole(whole), "{whole}");
    }
    for partial in [
        "2025-03-1",
        "2025/3/5",
        "2025-03-",
        "2025-02-30",
        "2025年3月5",
    ] {
        assert!(!is_typed_whole(partial), "{partial}");
    }
}

/// A search that found nothing names only the conditions that were set, to loosen.
#[test]
fn nothing_found_names_the_conditions_set() {
    let filter = AuditFilter {
        unit_id: Some(3),
        operator: Some("岳琇文".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        none_found(&filter),
        "没有符合条件的操作记录：请把单位、操作员改回“全部”"
    );
    let dated = AuditFilter {
        to: chrono::NaiveDate::from_ymd_opt(2000, 1, 1),
        action: Some("修改评分".to_owned()),
        ..AuditFilter::default()
    };
    assert_eq!(
        none_found(&dated),
        "没有符合条件的操作记录：请放宽日期范围，或把操作改回“全部”"
    );
    assert_eq!(none_found(&AuditFilter::default()), "还没有操作记录");
}
