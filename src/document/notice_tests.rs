//! Worked examples for the results notice: grade sections, 主送, vetoes and the score tables.

use super::*;
use crate::model::{AssessmentRow, Category, IndicatorSet, Points};

/// The kind a unit's name suggests, as the register would hold it.
fn kind_of(name: &str) -> UnitKind {
    if name.ends_with("镇人民政府") {
        UnitKind::Town
    } else if name.ends_with("乡人民政府") {
        UnitKind::Township
    } else if name.ends_with("街道办事处") {
        UnitKind::Subdistrict
    } else if name.ends_with("管理委员会") {
        UnitKind::DevelopmentZone
    } else if name.ends_with("公司") {
        UnitKind::Enterprise
    } else {
        UnitKind::Department
    }
}

fn unit(id: i64, name: &str, total: i64, grade: &str, rank: usize, is_vetoed: bool) -> UnitResult {
    UnitResult {
        agreement_id: id,
        number: id,
        unit_id: id,
        unit_name: name.to_owned(),
        short_name: name.to_owned(),
        kind: kind_of(name),
        row: AssessmentRow {
            agreement_id: id,
            base: Points::whole(total - 2),
            bonus: Points::whole(3),
            deduction: Points::whole(1),
            deduction_entered: Points::whole(1),
            total: if is_vetoed {
                Points::ZERO
            } else {
                Points::whole(total)
            },
            earned: Points::whole(total),
            is_vetoed,
            is_scored: true,
            has_scores: true,
            missing: 0,
            grade: grade.to_owned(),
            rank,
        },
        veto_reason: is_vetoed.then(|| "较大事故".to_owned()),
        veto_condition: None,
    }
}

fn category(id: i64, name: &str, units: Vec<UnitResult>) -> CategoryResults {
    CategoryResults {
        category: Category {
            id,
            name: name.to_owned(),
            sort_order: id,
        },
        set: IndicatorSet {
            id,
            year: 2024,
            category_id: id,
            bonus_cap: Points::whole(5),
            is_final: true,
            indicators: Vec::new(),
            items: Vec::new(),
        },
        units,
    }
}

fn example() -> Vec<CategoryResults> {
    vec![
        category(
            1,
            "镇街",
            vec![
                unit(2, "城关街道办事处", 96, "优秀", 1, false),
                unit(1, "青山镇人民政府", 95, "优秀", 2, false),
                unit(3, "示例经济开发区管理委员会", 85, "良好", 3, false),
                unit(4, "石桥镇人民政府", 0, "不合格", 4, true),
            ],
        ),
        category(
            2,
            "一类",
            vec![
                unit(5, "示例市应急管理局", 88, "良好", 1, false),
                unit(6, "示例市公安局", 70, "合格", 2, false),
            ],
        ),
        category(
            3,
            "二类",
            vec![unit(7, "示例市教育局", 93, "优秀", 1, false)],
        ),
    ]
}

fn notice() -> NoticeContent {
    let year = Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    build_notice(&year, &example(), &[], date, &NoticeWording::default())
}

#[test]
fn title_date_issuer_and_addressee_come_from_the_year_and_units() {
    let notice = notice();
    assert_eq!(
        notice.title,
        "示例市人民政府关于2024年度安全生产目标管理考核结果的通报"
    );
    assert_eq!(notice.date, "2025年3月5日");
    assert_eq!(notice.issuer, "示例市人民政府");
    assert_eq!(
        notice.addressee,
        "各镇人民政府、街道办事处，示例经济开发区管委会，市安委会各成员单位："
    );
    assert!(notice.opening.contains("《中华人民共和国安全生产法》"));
    assert!(notice.opening.contains("组织考核的基础上，现将"));
    assert!(notice.opening.contains("2024年度安全生产目标管理责任书"));
    assert!(notice.reward.contains("考核等次为优秀的单位予以通报表扬"));
    assert!(notice.reward.contains("考核等次为不合格的单位"));
}

#[test]
fn grades_list_towns_and_departments_apart_in_score_order() {
    let notice = notice();
    let sections: Vec<(&str, Vec<&str>)> = notice
        .grades
        .iter()
        .map(|g| {
            (
                g.heading.as_str(),
                g.lines.iter().map(String::as_str).collect(),
            )
        })
        .collect();
    assert_eq!(
        sections,
        vec![
            (
                "（一）优秀",
                vec![
                    "镇街：城关街道办事处、青山镇人民政府。",
                    "部门：示例市教育局。"
                ]
            ),
            (
                "（二）良好",
                vec![
                    "镇街：示例经济开发区管理委员会。",
                    "部门：示例市应急管理局。"
                ]
            ),
            ("（三）合格", vec!["镇街：无。", "部门：示例市公安局。"]),
            (
                "（四）不合格",
                vec!["镇街：石桥镇人民政府（被一票否决）。", "部门：无。"]
            ),
        ]
    );
}

#[test]
fn a_grade_no_unit_has_is_said_once() {
    // Without its vetoed town, no unit of either group is 不合格.
    let mut results = example();
    for category in &mut results {
        category.units.retain(|u| !u.row.is_vetoed);
    }
    let year = Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let notice = build_notice(&year, &results, &[], date, &NoticeWording::default());
    let lowest = notice.grades.last().unwrap();
    assert_eq!(lowest.heading, "（四）不合格");
    assert_eq!(lowest.lines, ["无。"]);
    // A grade one group has keeps both lines.
    assert_eq!(
        notice.grades[2].lines,
        ["镇街：无。", "部门：示例市公安局。"]
    );
    // The default reward paragraph has the 不合格 units interviewed: the clerk is told.
    assert_eq!(
        reward_note(&notice).as_deref(),
        Some(
            "本年度没有考核等次为“不合格”的单位，奖惩段落却写到了该等次：请在“通报措辞…”中按实际情况修改奖惩段落后再导出"
        )
    );
    // Worded for the year: nothing to say. 合格 has units, and "不合格" does not name it.
    let wording = NoticeWording {
        reward: "对考核等次为{最高等次}的单位予以通报表扬；合格以上单位继续保持。".into(),
        ..NoticeWording::default()
    };
    let notice = build_notice(&year, &results, &[], date, &wording);
    assert_eq!(reward_note(&notice), None);
}

#[test]
fn merely_ending_another_grades_name_is_no_mention() {
    let mut results = example();
    // No 合格 unit: the vetoed town stays, 不合格.
    for category in &mut results {
        category.units.retain(|u| u.row.grade != "合格");
    }
    let year = Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let notice = build_notice(&year, &results, &[], date, &NoticeWording::default());
    assert_eq!(notice.grades[2].lines, ["无。"]);
    assert_eq!(
        reward_note(&notice),
        None,
        "the paragraph names 不合格 only"
    );
}

#[test]
fn the_side_of_a_category_follows_its_units_kinds_not_its_name() {
    let mut results = example();
    // The clerk renames every category and lists the departments first.
    results[0].category.name = "乡镇和街道".into();
    results[1].category.name = "甲类".into();
    results[2].category.name = "重点部门".into();
    results.rotate_left(1);
    // A town category may hold an odd unit of another kind; the majority decides.
    results[2]
        .units
        .push(unit(8, "示例市某某公司", 80, "合格", 5, false));
    let year = Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let notice = build_notice(&year, &results, &[], date, &NoticeWording::default());
    let first = &notice.grades[0].lines;
    assert_eq!(
        first,
        &[
            "镇街：城关街道办事处、青山镇人民政府。",
            "部门：示例市教育局。"
        ]
    );
    assert_eq!(
        notice.grades[2].lines,
        ["镇街：示例市某某公司。", "部门：示例市公安局。"]
    );
    assert_eq!(
        notice.addressee,
        "各镇人民政府、街道办事处，示例经济开发区管委会，市安委会各成员单位："
    );
    let captions: Vec<&str> = notice.tables.iter().map(|t| t.caption.as_str()).collect();
    assert_eq!(captions, ["部门（甲类）", "重点部门", "乡镇和街道"]);
}

/// A 园区 of its own beside the 镇街: each town category is listed under its own name, as its
/// table is captioned, not lumped under "镇街".
#[test]
fn several_town_categories_are_listed_each_under_its_name() {
    let mut results = example();
    let zone = results[0].units.remove(2);
    results.insert(1, category(4, "园区", vec![zone]));
    let year = Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let notice = build_notice(&year, &results, &[], date, &NoticeWording::default());
    assert_eq!(
        notice.grades[1].lines,
        [
            "镇街：无。",
            "园区：示例经济开发区管理委员会。",
            "部门：示例市应急管理局。"
        ]
    );
    let captions: Vec<&str> = notice.tables.iter().map(|t| t.caption.as_str()).collect();
    assert_eq!(captions, ["镇街", "园区", "部门（一类）", "部门（二类）"]);
}

#[test]
fn vetoed_units_go_under_the_lowest_band_even_when_it_is_renamed() {
    let mut year = Year::new(2024, "示例市人民政府");
    if let Some(last) = year.grade_bands.last_mut() {
        "较差".clone_into(&mut last.name);
    }
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let notice = build_notice(&year, &example(), &[], date, &NoticeWording::default());
    let last = notice.grades.last().unwrap();
    assert_eq!(last.heading, "（四）较差");
    assert_eq!(last.lines[0], "镇街：石桥镇人民政府（被一票否决）。");
}

#[test]
fn a_county_s_notice_names_the_county_committee() {
    let year = Year::new(2024, "清川县人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let notice = build_notice(&year, &example(), &[], date, &NoticeWording::default());
    assert!(
        notice.addressee.ends_with("，县安委会各成员单位："),
        "{}",
        notice.addressee
    );
    assert!(
        notice.opening.contains("县安委会组织考核"),
        "{}",
        notice.opening
    );
    assert!(
        notice.reward.contains("由县安委会约谈"),
        "{}",
        notice.reward
    );
    assert!(
        notice.closing.contains("确保全县安全生产形势"),
        "{}",
        notice.closing
    );
    let all = [
        &notice.opening,
        &notice.reward,
        &notice.closing,
        &notice.addressee,
    ];
    assert!(all.iter().all(|text| !text.contains('市')), "{all:?}");
}

#[test]
fn a_year_without_departments_has_no_department_lines() {
    let results = vec![example().remove(0)];
    let year = Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    let notice = build_notice(&year, &results, &[], date, &NoticeWording::default());
    assert!(notice.grades.iter().all(|g| g.lines.len() == 1));
    assert_eq!(
        notice.addressee,
        "各镇人民政府、街道办事处，示例经济开发区管委会："
    );
    assert_eq!(notice.date, "2025年1月20日");
}

#[test]
fn score_tables_follow_the_ranked_rows() {
    let notice = notice();
    assert_eq!(notice.tables.len(), 3);
    let captions: Vec<&str> = notice.tables.iter().map(|t| t.caption.as_str()).collect();
    assert_eq!(captions, ["镇街", "部门（一类）", "部门（二类）"]);
    let towns = &notice.tables[0];
    assert_eq!(
        towns.rows[0].cells,
        ["1", "城关街道办事处", "94", "3", "1", "96", "", "优秀", "1"].map(String::from)
    );
    assert_eq!(towns.rows[3].cells[6], "是");
    assert_eq!(towns.rows[3].cells[7], "不合格");
}

#[test]
fn a_row_whose_deductions_passed_zero_adds_up_with_the_part_counted() {
    let mut floored = unit(9, "示例市行政审批局", 0, "不合格", 1, false);
    floored.row.base = Points::parse("28.75").unwrap();
    floored.row.bonus = Points::ZERO;
    floored.row.deduction = Points::whole(30);
    let table = score_table(&category(3, "三类", vec![floored]));
    // 28.75 + 0 − 28.75 = 0, not 28.75 + 0 − 30.
    assert_eq!(
        table.rows[0].cells[2..6],
        ["28.75", "0", "28.75", "0"].map(String::from)
    );
}

#[test]
fn a_copy_line_typed_with_its_label_and_full_stop_is_printed_once() {
    let year = Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let wording = NoticeWording {
        copy_to: "抄送：市纪委监委，{甲方}办公室。".into(),
        ..NoticeWording::default()
    };
    let notice = build_notice(&year, &example(), &[], date, &wording);
    assert_eq!(notice.copy_to, "市纪委监委，示例市人民政府办公室");
    assert_eq!(notice.printing_office, "示例市人民政府办公室");
}

#[test]
fn vetoed_units_are_named_with_the_condition_each_met() {
    let vetoed = |id, name: &str, condition: Option<&str>| UnitResult {
        veto_condition: condition.map(str::to_owned),
        ..unit(id, name, 70, "不合格", 3, true)
    };
    let failing = unit(1, "龙泉镇人民政府", 55, "不合格", 1, false);
    let lines = |units: Vec<UnitResult>| {
        let refs: Vec<&UnitResult> = units.iter().collect();
        group_line("镇街", &refs, "不合格", true)
    };
    assert_eq!(
        lines(vec![
            failing.clone(),
            vetoed(2, "石桥镇人民政府", Some("发生较大及以上生产安全事故"))
        ]),
        "镇街：龙泉镇人民政府、石桥镇人民政府，其中石桥镇人民政府因发生较大及以上生产安全事故被一票否决。"
    );
    assert_eq!(
        lines(vec![vetoed(2, "石桥镇人民政府", Some("瞒报生产安全事故"))]),
        "镇街：石桥镇人民政府（因瞒报生产安全事故被一票否决）。"
    );
    assert_eq!(
        lines(vec![
            failing.clone(),
            vetoed(2, "石桥镇人民政府", Some("甲事")),
            vetoed(3, "青山镇人民政府", None),
        ]),
        "镇街：龙泉镇人民政府、石桥镇人民政府、青山镇人民政府，其中石桥镇人民政府因甲事被一票否决，青山镇人民政府被一票否决。"
    );
    assert_eq!(
        lines(vec![
            vetoed(2, "石桥镇人民政府", None),
            vetoed(3, "青山镇人民政府", None)
        ]),
        "镇街：石桥镇人民政府、青山镇人民政府（均被一票否决）。"
    );
}

#[test]
fn units_failing_years_in_a_row_are_named_with_their_years_and_what_they_are_told() {
    let year = Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let run = |name: &str, years| RepeatedFailure {
        unit_name: name.to_owned(),
        former_name: None,
        years,
        lowest_renamed: false,
    };
    let none = build_notice(&year, &example(), &[], date, &NoticeWording::default());
    assert_eq!(none.repeated_failures, "");
    let two = [run("龙泉镇人民政府", (2023, 2024))];
    let notice = build_notice(&year, &example(), &two, date, &NoticeWording::default());
    assert_eq!(
        notice.repeated_failures,
        "龙泉镇人民政府2023、2024年度连续两年考核等次为不合格，其主要负责人须向市安委会作出书面检查。"
    );
    // A longer run says so; an empty wording names the units only.
    let both = [
        run("龙泉镇人民政府", (2023, 2024)),
        run("示例市供销合作社", (2022, 2024)),
    ];
    let wording = NoticeWording {
        repeated_failure: String::new(),
        ..NoticeWording::default()
    };
    let notice = build_notice(&year, &example(), &both, date, &wording);
    assert_eq!(
        notice.repeated_failures,
        "龙泉镇人民政府（2023、2024年度）、示例市供销合作社（2022、2023、2024年度）连续两年及以上考核等次为不合格。"
    );
    // The lowest grade named otherwise in a year of a run: no year is said to have a grade
    // it did not have.
    let renamed_bands = [
        run("龙泉镇人民政府", (2023, 2024)),
        RepeatedFailure {
            lowest_renamed: true,
            ..run("示例市供销合作社", (2023, 2024))
        },
    ];
    let notice = build_notice(&year, &example(), &renamed_bands, date, &wording);
    assert_eq!(
        notice.repeated_failures,
        "龙泉镇人民政府、示例市供销合作社2023、2024年度连续两年考核等次均为当年最低等次。"
    );
    let three = [run("示例市供销合作社", (2022, 2024))];
    let notice = build_notice(&year, &example(), &three, date, &wording);
    assert_eq!(
        notice.repeated_failures,
        "示例市供销合作社2022、2023、2024年度连续三年考核等次为不合格。"
    );
    // Renamed since the run began: the earlier name is said, to be found in that notice.
    let renamed = RepeatedFailure {
        former_name: Some("石桥镇人民政府".to_owned()),
        ..run("石桥街道办事处", (2023, 2024))
    };
    let notice = build_notice(
        &year,
        &example(),
        std::slice::from_ref(&renamed),
        date,
        &wording,
    );
    assert_eq!(
        notice.repeated_failures,
        "石桥街道办事处（原石桥镇人民政府）2023、2024年度连续两年考核等次为不合格。"
    );
    let mixed = [renamed, run("示例市供销合作社", (2022, 2024))];
    let notice = build_notice(&year, &example(), &mixed, date, &wording);
    assert_eq!(
        notice.repeated_failures,
        "石桥街道办事处（原石桥镇人民政府，2023、2024年度）、示例市供销合作社（2022、2023、2024年度）连续两年及以上考核等次为不合格。"
    );
}

#[test]
fn a_category_is_captioned_by_what_its_units_are() {
    let caption_of = |name: &str, units: &[&str]| {
        let units = (units.iter().enumerate())
            .map(|(i, u)| unit(i64::try_from(i).unwrap() + 1, u, 90, "优秀", 1, false))
            .collect();
        caption(&category(1, name, units))
    };
    assert_eq!(caption_of("镇街", &["青山镇人民政府"]), "镇街");
    assert_eq!(caption_of("一类", &["示例市应急管理局"]), "部门（一类）");
    assert_eq!(caption_of("部门一类", &["示例市应急管理局"]), "部门一类");
    assert_eq!(
        caption_of("重点", &["示例供电有限公司", "示例燃气有限公司"]),
        "企业（重点）"
    );
    assert_eq!(caption_of("重点企业", &["示例供电有限公司"]), "重点企业");
    // Departments and enterprises together are 部门, as the notice lists them.
    assert_eq!(
        caption_of("三类", &["示例市气象局", "示例供电有限公司"]),
        "部门（三类）"
    );
}

#[test]
fn towns_and_townships_are_addressed_together() {
    let results = vec![category(
        1,
        "镇街",
        vec![
            unit(1, "甲镇人民政府", 95, "优秀", 1, false),
            unit(2, "乙乡人民政府", 85, "良好", 2, false),
            unit(3, "丙街道办事处", 75, "合格", 3, false),
        ],
    )];
    assert_eq!(addressee(&results, "县"), "各乡镇人民政府、街道办事处：");
    // 乡 alone keeps its own name.
    let townships = vec![category(
        1,
        "镇街",
        vec![unit(2, "乙乡人民政府", 85, "良好", 1, false)],
    )];
    assert_eq!(addressee(&townships, "县"), "各乡人民政府：");
}
