//! Tests of the agreement model: codes typed back, counts of unsigned and unarchived
//! agreements, statuses, signing dates and hashes.

use super::*;
use crate::model::agreement_code::misread_code;

#[test]
fn agreements_are_counted_unsigned_before_signing_and_unarchived_between() {
    let agreements: Vec<Agreement> = (AgreementStatus::ALL.iter().enumerate())
        .map(|(index, &status)| Agreement::example(i64::try_from(index).unwrap(), 1, status))
        .collect();
    assert_eq!(unsigned_count(&agreements), 3, "草稿, 已定稿, 已打印");
    assert_eq!(unarchived_count(&agreements), 1, "已签订 alone");
    assert_eq!(
        unarchived_note(&agreements, 3).as_deref(),
        Some("另有 1 份已签订的责任书尚未归档签订件扫描件")
    );
    let signed = &agreements[3..];
    assert_eq!(
        unarchived_note(signed, unsigned_count(signed)).as_deref(),
        Some("本年度有 1 份已签订的责任书尚未归档签订件扫描件")
    );
    assert_eq!(unarchived_note(&agreements[4..], 0), None, "已归档 alone");
}

#[test]
fn full_width_input_and_a_serial_alone_are_read() {
    assert_eq!(typed_code("４５１２ｄ９"), "4512d9");
    assert_eq!(typed_number("２０２５－００４"), Some((2025, 4)));
    assert_eq!(typed_serial("19"), Some(19));
    assert_eq!(typed_serial("０１９"), Some(19));
    for not_a_serial in ["0", "12345", "2025-004", "a1", ""] {
        assert_eq!(typed_serial(not_a_serial), None, "{not_a_serial}");
    }
}

#[test]
fn the_copies_beyond_the_parties_are_kept_on_file() {
    assert_eq!(copy_holders("市", 2), "甲乙双方各执一份");
    assert_eq!(
        copy_holders("市", 3),
        "甲乙双方各执一份，市安委会办公室存档一份"
    );
    assert_eq!(
        copy_holders("县", 4),
        "甲乙双方各执一份，县安委会办公室存档两份"
    );
    assert_eq!(
        copy_holders("区", 12),
        "甲乙双方各执一份，区安委会办公室存档十份"
    );
}

#[test]
fn a_footer_line_or_an_agreement_number_is_read_as_a_clerk_pastes_it() {
    assert_eq!(
        typed_code("编号 2025-004　校验码 40E7 9970 11ef"),
        "40e7997011ef"
    );
    assert_eq!(typed_code("40e7-9970-11ef"), "40e7997011ef");
    // Letters read for the digits they look like on paper, only when that makes a code.
    assert_eq!(
        misread_code("b6ac d9O1 fdf0").as_deref(),
        Some("b6acd901fdf0")
    );
    assert_eq!(misread_code("4Ie7 997l"), Some("41e79971".to_owned()));
    assert_eq!(misread_code("b6ac d901"), None, "a code as typed");
    assert_eq!(misread_code("城关街道"), None);
    assert_eq!(misread_code("oil"), None, "too short to be a code");
    // The signed copy's footer: the code ends where its digits do.
    let signed = "签订件 · 2026年度第5号 · 校验码 1bce 0edc ba6d · 第1页/共4页";
    assert_eq!(typed_code(signed), "1bce0edcba6d");
    assert_eq!(typed_number("2026年度第5号"), Some((2026, 5)));
    assert_eq!(typed_number("2026年度第号"), None);
    assert_eq!(typed_number("2025-004"), Some((2025, 4)));
    assert_eq!(typed_number(" 编号 2025－4 "), Some((2025, 4)));
    assert_eq!(typed_number("40e7-9970"), None);
    // Two groups of a code typed with a dash are not a number: no year starts so.
    assert_eq!(typed_number("3607-7601"), None);
    assert_eq!(typed_number("编号 3607-7601"), Some((3607, 7601)));
    assert_eq!(typed_number("2025"), None);
    assert_eq!(typed_number("青山镇"), None);
}

#[test]
fn the_placeholders_of_both_parties_are_filled() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.party_a_signatory_title = "副市长".into();
    year.party_a_signatory_name = "欧阳赟".into();
    let unit = UnitDraft {
        name: "响嘡街道办事处".into(),
        short_name: "响嘡街道".into(),
        kind: crate::model::UnitKind::Subdistrict,
        category_id: 1,
        principal_title: "主任".into(),
        principal_name: "齐玥".into(),
        contact_name: String::new(),
        contact_phone: String::new(),
        sort_order: 2,
    };
    let values = placeholder_values(&year, &unit, &Tailoring::default(), None, 3);
    let text = "{甲方}{甲方负责人职务}{甲方负责人}与{单位名称}{负责人职务}{负责人}，一式{份数}份";
    assert_eq!(
        crate::model::template::fill(text, &values).unwrap(),
        "示例市人民政府副市长欧阳赟与响嘡街道办事处主任齐玥，一式三份"
    );
    // Without indicators a draft shows its gaps, not empty text.
    let rules = "予以扣分：{扣分事项}；加分最多{加分上限}分";
    assert_eq!(
        crate::model::template::fill(rules, &values).unwrap(),
        "予以扣分：〔尚未设置扣分项目〕；加分最多〔加分上限未设置〕分"
    );
    // The grades are the year's, as many as it has.
    assert_eq!(
        crate::model::template::fill("考核结果分为{等次}。", &values).unwrap(),
        "考核结果分为优秀、良好、合格、不合格四个等次。"
    );
    let mut three = year.clone();
    three.grade_bands.remove(1);
    let values = placeholder_values(&three, &unit, &Tailoring::default(), None, 3);
    assert_eq!(
        crate::model::template::fill("分为{等次}", &values).unwrap(),
        "分为优秀、合格、不合格三个等次"
    );
}

#[test]
fn hashes_are_lowercase_hex_sha256() {
    assert_eq!(
        content_hash("abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
}

#[test]
fn a_signing_date_falls_between_final_text_or_printing_and_today() {
    let day = |m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(2025, m, d).unwrap();
    let agreement = Agreement {
        finalized_on: Some(day(2, 20)),
        printed_on: Some(day(3, 2)),
        ..Agreement::example(1, 1, AgreementStatus::Printed)
    };
    let today = day(3, 10);
    let problem = |signed_on| signing_date_problem(&agreement, signed_on, today);
    assert_eq!(problem(day(3, 2)), None);
    assert_eq!(problem(today), None);
    // Before 定稿 or printing here: a catch-up, recorded with a note naming the printing
    // (the date the paper copies were given) when the signing is before both.
    assert_eq!(problem(day(2, 19)), None);
    assert_eq!(
        signing_date_note(&agreement, day(2, 19)).unwrap(),
        "签订日期 2025年2月19日 早于登记的打印日期 2025年3月2日，已按补录登记（操作记录中注明“补录”）；如是笔误，请用“修改签订信息…”更正"
    );
    let unprinted = Agreement {
        printed_on: None,
        ..agreement.clone()
    };
    assert!(
        signing_date_note(&unprinted, day(2, 19))
            .unwrap()
            .contains("早于在本程序中定稿的日期 2025年2月20日")
    );
    assert!(
        signing_date_note(&agreement, day(2, 25))
            .unwrap()
            .contains("早于登记的打印日期 2025年3月2日")
    );
    assert_eq!(signing_date_note(&agreement, day(3, 2)), None);
    assert_eq!(
        problem(day(3, 11)).unwrap(),
        "签订日期 2025年3月11日 晚于今天（2025年3月10日），不能预先登记，请检查"
    );
    let long_ago = chrono::NaiveDate::from_ymd_opt(2023, 12, 30).unwrap();
    assert!(
        problem(long_ago)
            .unwrap()
            .contains("不在 2025 年度责任书的签订期内")
    );
    let unprinted = Agreement {
        printed_on: None,
        ..agreement.clone()
    };
    assert_eq!(signing_date_problem(&unprinted, day(2, 25), today), None);
    // Issued after its year (定稿 in November of the next): signed after it too.
    let late_day = chrono::NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
    let late = Agreement {
        finalized_on: Some(late_day),
        printed_on: None,
        ..agreement.clone()
    };
    assert_eq!(signing_date_problem(&late, late_day, late_day), None);
    // Tomorrow, past the year as well: said to be ahead of today, the likelier slip.
    let tomorrow = late_day.succ_opt().unwrap();
    assert!(
        signing_date_problem(&agreement, tomorrow, late_day)
            .unwrap()
            .contains("晚于今天（2026年11月30日）")
    );
    // Today is offered in the agreement's year; once it has passed, the clerk types the day.
    assert_eq!(offered_signing_date([&agreement], today), Some(today));
    assert_eq!(offered_signing_date([&late], late_day), None);
}

#[test]
fn a_printing_date_falls_between_the_year_before_and_today() {
    let day = |y: i32, m: u32, d: u32| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let agreement = Agreement::example(1, 1, AgreementStatus::Final);
    let today = day(2025, 3, 10);
    assert_eq!(printing_date_problem(&agreement, today, today), None);
    assert_eq!(
        printing_date_problem(&agreement, day(2024, 12, 20), today),
        None
    );
    assert_eq!(
        printing_date_problem(&agreement, day(2025, 3, 11), today).unwrap(),
        "打印日期 2025年3月11日 晚于今天（2025年3月10日），请检查"
    );
    assert!(
        printing_date_problem(&agreement, day(2023, 12, 30), today)
            .unwrap()
            .contains("早于 2025 年度责任书的签订期（2024 年起）")
    );
    assert_eq!(offered_printing_date([&agreement], today), Some(today));
    assert_eq!(offered_printing_date([&agreement], day(2026, 1, 5)), None);
}

#[test]
fn statuses_round_trip() {
    for status in AgreementStatus::ALL {
        assert_eq!(AgreementStatus::from_code(status.code()), Some(status));
    }
    assert!(!AgreementStatus::Draft.is_issued());
    assert!(AgreementStatus::Final.is_issued());
}

#[test]
fn a_signatory_is_a_name_not_a_number_or_a_date() {
    assert_eq!(
        signatory_problem("  ", "李四").as_deref(),
        Some("请填写甲方签字人")
    );
    assert_eq!(signatory_problem("张三", "李四"), None);
    assert_eq!(
        signatory_problem("张三", " 123 ").as_deref(),
        Some("乙方签字人“123”不像姓名，像是数字或日期：请填写签字人的姓名")
    );
    assert!(
        signatory_problem("2025-03-20", "李四")
            .is_some_and(|problem| problem.starts_with("甲方签字人“2025-03-20”"))
    );
    // Full-width digits are digits too.
    assert!(signatory_problem("张三", "１２３").is_some());
    // A name with a digit in it is still a name.
    assert_eq!(signatory_problem("张三", "李四2"), None);
}
