//! Tests of the year settings: bands, phases and their messages.

use super::*;

/// A first year after next is refused as a slip; this year, next year and past ones are taken.
#[test]
fn a_first_year_far_ahead_is_refused() {
    let today = chrono::NaiveDate::from_ymd_opt(2026, 12, 7).unwrap();
    assert_eq!(parse_first_year("2027", today), Ok(2027));
    assert_eq!(parse_first_year("2023年度", today), Ok(2023));
    assert_eq!(
        parse_first_year("2099", today),
        Err(
            "2099 年度太远：第一个考核年度通常是今年或明年（2027 年度），请检查是否输错".to_owned()
        )
    );
}

/// A top band above the full score is said with its name and both numbers.
#[test]
fn a_top_band_above_the_full_score_says_both_numbers() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.full_score = Points::parse("50").unwrap();
    let problems = year.validate();
    assert!(
        problems.contains(&"最高等次“优秀”的分数线 90 分不能高于满分 50 分".to_owned()),
        "{problems:?}"
    );
}

/// A full score typed with two zeros too many is refused with the limit and the usual value.
#[test]
fn a_full_score_above_a_thousand_is_refused() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.full_score = Points::parse("10000").unwrap();
    assert!(
        year.validate()
            .contains(&"满分不能超过 1000 分（通常为 100 分），现为 10000 分".to_owned()),
        "{:?}",
        year.validate()
    );
    year.full_score = Points::parse("1000").unwrap();
    year.grade_bands.clear();
    assert!(!year.validate().iter().any(|p| p.contains("满分")));
}

/// A band not named yet is called by its place in the order problem, not by "“”".
#[test]
fn a_band_out_of_order_without_a_name_is_called_by_its_place() {
    let band = |name: &str, min: &str| GradeBand {
        name: name.to_owned(),
        min_total: Points::parse(min).unwrap(),
    };
    let bands = [band("优秀", "90"), band("合格", "60"), band("", "70")];
    assert_eq!(
        bands_order_problem(&bands).unwrap(),
        format!("{BANDS_OUT_OF_ORDER}：第 3 个等次的 70 分不低于上一等次“合格”的 60 分")
    );
}

#[test]
fn years_are_read_as_clerks_type_them() {
    for text in ["2027", " ２０２７ ", "2027年", "２０２７年度"] {
        assert_eq!(parse_year(text), Ok(2027), "{text}");
    }
    assert_eq!(
        parse_year("1999").unwrap_err(),
        "年度应在 2000 至 2100 之间，如 2025"
    );
    assert_eq!(
        parse_year("二〇二七").unwrap_err(),
        "年度应为四位数字，如 2025"
    );
    assert!(parse_year("").is_err());
}

#[test]
fn a_grade_name_longer_than_six_characters_is_refused() {
    assert!(band_name_problems(["优秀", "基本合格", "不合格"].into_iter()).is_empty());
    let long = "良好等次名称很长很长";
    assert_eq!(
        band_name_problems(["优秀", long, "不合格"].into_iter()),
        ["等次名称不能超过 6 个字：“良好等次名称…”有 10 个字"]
    );
}

#[test]
fn bands_include_their_bound() {
    let year = Year::new(2025, "示例市人民政府");
    assert_eq!(year.grade_for(Points(8999)), "良好");
    assert_eq!(year.grade_for(Points::whole(90)), "优秀");
    assert_eq!(year.grade_for(Points::whole(80)), "良好");
    assert_eq!(year.grade_for(Points(5999)), "不合格");
    assert_eq!(year.grade_for(Points::whole(60)), "合格");
    assert_eq!(year.grade_for(Points::ZERO), "不合格");
    // As typed: 89.99, 90 and 90.0 (以上含本数).
    let typed = |text: &str| year.grade_for(Points::parse(text).unwrap());
    assert_eq!(typed("89.99"), "良好");
    assert_eq!(typed("90"), "优秀");
    assert_eq!(typed("90.0"), "优秀");
    assert_eq!(typed("90.00"), "优秀");
}

#[test]
fn validation_catches_bad_settings() {
    let mut year = Year::new(1999, " ");
    year.grade_bands.swap(0, 1);
    let errors = year.validate();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(Year::new(2025, "示例市人民政府").validate().is_empty());
}

#[test]
fn band_names_are_refused_by_place_or_by_name_and_one_band_is_too_few() {
    let problems = band_name_problems(["优秀", "合格", " ", "合格", "优秀"].into_iter());
    assert_eq!(
        problems,
        [
            "第 3 个等次的名称不能为空",
            "等次名称不能重复：“合格”出现了不止一次"
        ]
    );
    assert!(band_name_problems(["优秀", "不合格"].into_iter()).is_empty());
    let mut year = Year::new(2025, "示例市人民政府");
    year.grade_bands.truncate(1);
    assert_eq!(year.too_few_bands_problem().as_deref(), Some(TOO_FEW_BANDS));
    // A year already on file with one band (saved by an earlier version) still reads and
    // rolls over: the rule is the editor's.
    assert!(!year.validate().contains(&TOO_FEW_BANDS.to_owned()));
    year.grade_bands = default_grade_bands();
    assert_eq!(year.too_few_bands_problem(), None);
}

#[test]
fn the_lowest_band_is_a_failing_grade_whatever_its_name() {
    let mut year = Year::new(2025, "示例市人民政府");
    year.grade_bands.pop();
    if let Some(lowest) = year.grade_bands.last_mut() {
        lowest.min_total = Points::ZERO;
    }
    assert!(
        year.validate().is_empty(),
        "a year set so before keeps working"
    );
    assert_eq!(
        year.lowest_band_problem().as_deref(),
        Some(
            "最低等次“合格”是及格的等次，而分数不到其上一等次的单位和被一票否决的单位都评为最低等次：请在其下再设一个等次（如“不合格”，分数线 0）"
        )
    );
    // Other names of a pass are refused as well.
    for passing in ["及格", "达标", "通过", "较好"] {
        if let Some(lowest) = year.grade_bands.last_mut() {
            passing.clone_into(&mut lowest.name);
        }
        assert!(year.lowest_band_problem().is_some(), "{passing}");
    }
    // Renamed, it is still the failing grade.
    if let Some(lowest) = year.grade_bands.last_mut() {
        "较差".clone_into(&mut lowest.name);
    }
    assert_eq!(year.lowest_band_problem(), None);
}

#[test]
fn a_name_with_a_character_no_font_has_is_named_by_its_field() {
    let stored = Year::new(2025, "示例市人民政府");
    let mut signed = stored.clone();
    signed.party_a_signatory_name = "司马🔥和".to_owned();
    let no_emoji = |c: char| u32::from(c) < 0x1_F000;
    assert_eq!(
        signed.undrawable_problems(Some(&stored), no_emoji),
        ["甲方签字人姓名中的“🔥”（U+1F525）现有字体都无法显示，打印时会缺字，请改用常用字"]
    );
    // Stored so before: not said again on an unrelated save.
    assert!(
        signed
            .undrawable_problems(Some(&signed), no_emoji)
            .is_empty()
    );
}

#[test]
fn phases_round_trip() {
    for phase in Phase::ALL {
        assert_eq!(Phase::from_code(phase.code()), Some(phase));
    }
}

#[test]
fn a_space_in_the_party_a_name_typed_now_is_refused() {
    let stored = Year::new(2025, "示例市 人民政府");
    assert_eq!(
        stored.text_problems(None),
        ["甲方名称“示例市 人民政府”中有空格：甲方名称不含空格，请删去"]
    );
    // Stored so earlier: another save goes through.
    let mut moved_on = stored.clone();
    moved_on.phase = Phase::Assessing;
    assert!(moved_on.text_problems(Some(&stored)).is_empty());
    // Spaces around it are trimmed, not refused.
    assert!(
        Year::new(2025, " 示例市人民政府　")
            .text_problems(None)
            .is_empty()
    );
}

#[test]
fn only_a_name_changed_is_checked_for_control_characters() {
    let mut stored = Year::new(2025, "示例市\t人民政府");
    // Stored so by an earlier version: a save of something else goes through.
    let mut moved_on = stored.clone();
    moved_on.phase = Phase::Assessing;
    assert!(moved_on.text_problems(Some(&stored)).is_empty());
    // Typed now, it is refused, named by its field.
    assert_eq!(
        stored.text_problems(None),
        ["甲方名称中不能含有换行或控制字符"]
    );
    stored.party_a_name = "示例市人民政府".to_owned();
    let mut renamed = stored.clone();
    renamed.party_a_signatory_name = "王\u{1b}五".to_owned();
    renamed.grade_bands[1].name = "良\n好".to_owned();
    assert_eq!(
        renamed.text_problems(Some(&stored)),
        [
            "甲方签字人姓名中不能含有换行或控制字符",
            "第 2 个等次的名称中不能含有换行或控制字符"
        ]
    );
}

/// A grade named as a veto is refused: the notice says 一票否决 of a vetoed unit.
#[test]
fn a_grade_named_as_a_veto_is_refused() {
    let problems = band_name_problems(["一票否决", "不合格"].into_iter());
    assert_eq!(
        problems,
        [
            "等次名称不能含“否决”：“一票否决”会与一票否决相混（被一票否决的单位另行注明，等次按最低等次）"
        ]
    );
    assert!(band_name_problems(["优秀", "良好", "合格", "不合格"].into_iter()).is_empty());
}
