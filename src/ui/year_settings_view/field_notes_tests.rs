//! Worked examples of the notes beside the 年度设置 fields: each date problem said once and as
//! saving would say it, 甲方 emptied or changed under frozen agreements, a missing signatory.

use super::*;

fn context(year: &Year) -> NoteContext<'_> {
    NoteContext {
        year,
        issued: 0,
        signed: 0,
        indicator_totals: &[],
        said: None,
        locked: false,
        today: NaiveDate::from_ymd_opt(2025, 2, 1).expect("a date"),
    }
}

fn texts(notes: &[FieldNote]) -> Vec<&str> {
    notes.iter().map(|note| note.text.as_str()).collect()
}

#[test]
fn a_full_score_the_indicators_do_not_add_up_to_is_said() {
    let hundred = crate::model::Points::whole(100);
    assert_eq!(full_score_note("100", &[hundred]), None);
    assert_eq!(full_score_note("100.0", &[hundred, hundred]), None);
    assert_eq!(
        full_score_note("120", &[hundred]).as_deref(),
        Some(
            "考核指标分值合计 100，与满分 120 不一致：请在“责任书 → 考核指标”中调整（相等后指标才能定稿）"
        )
    );
    assert_eq!(full_score_note("一百", &[hundred]), None, "said by saving");
    assert_eq!(full_score_note("120", &[]), None, "no indicators yet");
}

#[test]
fn each_date_problem_is_said_once() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.planned_signing_date = NaiveDate::from_ymd_opt(2025, 3, 15);
    let on = context(&year);
    let said = |value: &str| texts(&field_notes("计划签订日期", value, &on)).join("|");
    assert_eq!(said("2025-03-15"), "");
    assert_eq!(said("3月20日"), "", "later this year");
    assert_eq!(said("2025-01-20"), "这个日期已过");
    assert_eq!(said("2024-12-20"), "这是 2024 年的日期，请确认年份没有写错");
    assert_eq!(said("2026-01-20"), "这是 2026 年的日期，请确认年份没有写错");
    assert_eq!(
        said("2028-01-20"),
        "这是 2028 年的日期：应在 2024 年至 2026 年之间"
    );
    assert_eq!(
        said("三月"),
        "读不出日期，请写成 2025-03-15 或 2025年3月15日"
    );
    assert!(said("2025-02-30").starts_with("计划签订日期有误："));
    assert_eq!(said(" "), "留空后不再设计划签订日期，责任书不再标出“逾期”");
    // Once said by saving, not again beside the field.
    let refused = "计划签订日期应在 2024 年至 2026 年之间";
    let on = NoteContext {
        said: Some(refused),
        ..context(&year)
    };
    assert!(field_notes("计划签订日期", "2028-01-20", &on).is_empty());
    let unread = "计划签订日期有误：读不出日期";
    let on = NoteContext {
        said: Some(unread),
        ..context(&year)
    };
    assert!(field_notes("计划签订日期", "三月", &on).is_empty());
    let missing = missing_day("2025-02-30").unwrap();
    let on = NoteContext {
        said: Some(&missing),
        ..context(&year)
    };
    assert!(field_notes("计划签订日期", "2025-02-30", &on).is_empty());
    // What saving would refuse is said in the refusal's colour.
    let on = context(&year);
    for refused in ["三月", "2028-01-20", "2025-02-30"] {
        let notes = field_notes("计划签订日期", refused, &on);
        assert_eq!(notes[0].tone, Tone::Refused, "{refused}");
    }
    // The past is no news once signing is over.
    year.phase = Phase::Assessing;
    assert!(field_notes("计划签订日期", "2025-01-20", &context(&year)).is_empty());
}

#[test]
fn party_a_changed_under_frozen_agreements_is_said_stacked() {
    let year = Year::new(2025, "示例市人民政府");
    let on = NoteContext {
        issued: 3,
        ..context(&year)
    };
    let notes = field_notes("甲方名称", "示例镇", &on);
    assert_eq!(
        texts(&notes),
        [
            "名称中看不出市、县、区：{本级}按“市”写",
            "已定稿的 3 份责任书不随之改变"
        ]
    );
    assert!(notes.iter().all(|note| note.stacked));
    // Emptied: refused, and nothing said of the frozen texts.
    let notes = field_notes("甲方名称", "", &on);
    assert_eq!(texts(&notes), ["甲方名称不能为空"]);
    assert_eq!(notes[0].tone, Tone::Refused);
    // A published year keeps its settings: nothing to say.
    let on = NoteContext { locked: true, ..on };
    assert!(field_notes("甲方名称", "", &on).is_empty());
    // The signatory's title emptied under frozen agreements: both said, in that order.
    let on = NoteContext {
        issued: 2,
        ..context(&year)
    };
    let mut year_with_title = year.clone();
    year_with_title.party_a_signatory_title = "副市长".to_owned();
    let on = NoteContext {
        year: &year_with_title,
        ..on
    };
    assert_eq!(
        texts(&field_notes("甲方签字人职务", "", &on)),
        ["已定稿的 2 份责任书不随之改变", "未填，定稿前请补上"]
    );
    assert_eq!(
        texts(&field_notes("甲方签字人姓名", "", &on)),
        ["未填，签订前请补上"]
    );
}

#[test]
fn a_new_signatory_is_said_of_the_signings_it_reaches() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.party_a_signatory_name = "李建国".to_owned();
    let said = |on: &NoteContext<'_>| texts(&field_notes("甲方签字人姓名", "王德明", on)).join("|");
    assert_eq!(said(&context(&year)), "", "nothing issued or signed yet");
    let on = NoteContext {
        issued: 6,
        ..context(&year)
    };
    assert_eq!(said(&on), "已定稿的 6 份签订时按新姓名登记（正文不变）");
    let on = NoteContext { signed: 5, ..on };
    assert_eq!(said(&on), "已签订的 5 份仍记原签字人");
    assert!(
        field_notes("甲方签字人姓名", " 李建国 ", &on).is_empty(),
        "the same name"
    );
}

#[test]
fn a_past_date_kept_from_the_rollover_is_said_while_preparing() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.planned_signing_date = NaiveDate::from_ymd_opt(2025, 1, 15);
    let said = |year: &Year| {
        texts(&field_notes(
            "计划签订日期",
            "2025年1月15日",
            &context(year),
        ))
        .join("|")
    };
    assert_eq!(said(&year), "这个日期已过，请改为实际的计划日期");
    // Once signing runs, the tracker marks the overdue copies: nothing more beside the date.
    year.phase = Phase::Signing;
    assert_eq!(said(&year), "");
}
