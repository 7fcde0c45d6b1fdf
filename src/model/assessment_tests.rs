//! Worked examples of scoring: capped deductions, the bonus cap and highest-only, vetoes over
//! high scores, grade bands at their edges and shared ranks.

use super::*;
use crate::model::indicator::Indicator;

pub(super) fn set() -> IndicatorSet {
    let row = |id, points| Indicator {
        id,
        name: format!("指标{id}"),
        points: Points::whole(points),
        criteria: String::new(),
        method: String::new(),
    };
    IndicatorSet {
        id: 1,
        year: 2024,
        category_id: 1,
        bonus_cap: Points::whole(5),
        is_final: true,
        indicators: vec![row(1, 60), row(2, 40)],
        items: vec![],
    }
}

pub(super) fn unit(
    id: i64,
    a: i64,
    b: i64,
    adjustments: Vec<Adjustment>,
    is_vetoed: bool,
) -> UnitAssessment {
    UnitAssessment {
        agreement_id: id,
        assessed: BTreeMap::from([(1, Points::whole(a)), (2, Points::whole(b))]),
        adjustments,
        is_vetoed,
    }
}

pub(super) fn adj(kind: AdjustmentKind, item_id: Option<i64>, points: i64) -> Adjustment {
    Adjustment {
        id: 0,
        agreement_id: 0,
        item_id,
        kind,
        points: Points::whole(points),
        reason: "理由".into(),
        matter: String::new(),
    }
}

pub(super) fn bonus(item_id: Option<i64>, matter: &str, hundredths: i64) -> Adjustment {
    Adjustment {
        matter: matter.to_owned(),
        points: Points(hundredths),
        ..adj(AdjustmentKind::Bonus, item_id, 0)
    }
}

#[test]
fn bonus_counts_highest_per_item_and_is_capped() {
    let adjustments = vec![
        adj(AdjustmentKind::Bonus, Some(7), 2),
        adj(AdjustmentKind::Bonus, Some(7), 1),
        adj(AdjustmentKind::Bonus, Some(8), 1),
    ];
    assert_eq!(
        capped_bonus(&adjustments, &[], Points::whole(5)),
        Points::whole(3)
    );
    let many = vec![
        adj(AdjustmentKind::Bonus, Some(1), 3),
        adj(AdjustmentKind::Bonus, Some(2), 3),
    ];
    assert_eq!(capped_bonus(&many, &[], Points::whole(5)), Points::whole(5));
}

#[test]
fn the_same_matter_counts_once_at_its_highest_level_and_different_matters_add_up() {
    // Rule 7: 国家级 2, 省级 1, 市级 0.5; the same practice counts once at its highest.
    let adjustments = vec![
        bonus(Some(7), "网格化隐患排查", 200),
        bonus(Some(7), "网格化隐患排查", 50),
        bonus(Some(7), "  网格化隐患排查 ", 100),
        bonus(Some(7), "企业安全承诺制", 100),
        bonus(Some(7), "企业安全承诺制", 50),
    ];
    assert_eq!(
        capped_bonus(&adjustments, &[], Points::whole(5)),
        Points(300)
    );
    // Under another rule, the same words are another matter.
    let mut other_rule = adjustments.clone();
    other_rule.push(bonus(Some(8), "网格化隐患排查", 100));
    assert_eq!(
        capped_bonus(&other_rule, &[], Points::whole(5)),
        Points(400)
    );
    // The cap still applies to the sum of the matters.
    assert_eq!(capped_bonus(&other_rule, &[], Points(350)), Points(350));
    // Bonuses under no rule count each, unless they name the same matter.
    let unlinked = vec![
        bonus(None, "", 100),
        bonus(None, "", 100),
        bonus(None, "应急演练", 150),
        bonus(None, "应急演练", 50),
    ];
    assert_eq!(capped_bonus(&unlinked, &[], Points::whole(5)), Points(350));
    // Written differently, a matter is still the same one.
    let spelled = vec![
        bonus(Some(7), "Grid 网格化", 200),
        bonus(Some(7), "grid网格化", 100),
        bonus(Some(7), "ＧＲＩＤ 网格化", 100),
    ];
    assert_eq!(capped_bonus(&spelled, &[], Points::whole(5)), Points(200));
}

/// One practice entered under 省级推广 and under 国家级推广, kept as items of their own,
/// counts twice: the clerk is told which matter stands under which items.
#[test]
fn a_matter_under_two_bonus_items_is_named_with_them() {
    let item = |id, name: &str| RuleItem {
        id,
        kind: crate::model::ItemKind::Bonus,
        name: name.into(),
        points: Points(200),
        cap: None,
    };
    let items = [item(7, "经验被省级推广"), item(8, "经验被国家级推广")];
    let adjustments = vec![
        bonus(Some(7), "网格化隐患排查", 100),
        bonus(Some(8), " 网格化隐患排查", 200),
        bonus(Some(7), "企业安全承诺制", 100),
        bonus(Some(7), "企业安全承诺制", 50),
        adj(AdjustmentKind::Deduction, Some(8), 1),
    ];
    assert_eq!(capped_bonus(&adjustments, &items, Points(900)), Points(400));
    assert_eq!(
        matters_under_several_items(&adjustments, &items),
        [(
            "网格化隐患排查".to_owned(),
            vec!["经验被省级推广".to_owned(), "经验被国家级推广".to_owned()]
        )]
    );
}

#[test]
fn the_bonuses_that_count_are_the_highest_of_each_matter_and_all_unlinked_ones() {
    let adjustments = vec![
        bonus(Some(7), "网格化隐患排查", 50),
        bonus(Some(7), " 网格化隐患排查", 200),
        bonus(Some(7), "网格化隐患排查", 200),
        adj(AdjustmentKind::Deduction, Some(7), 1),
        bonus(Some(8), "网格化隐患排查", 100),
        bonus(None, "", 100),
        bonus(None, "", 100),
    ];
    // The later of two equal highest awards is the one that does not count.
    assert_eq!(
        counted_bonuses(&adjustments),
        [false, true, false, false, true, true, true]
    );
    assert_eq!(uncapped_bonus(&adjustments, &[]), Points(500));
    assert_eq!(capped_bonus(&adjustments, &[], Points(450)), Points(450));
    assert_eq!(capped_bonus(&adjustments, &[], Points(900)), Points(500));
    assert!(counted_bonuses(&[]).is_empty());
}

#[test]
fn deductions_are_capped_at_the_indicator_and_at_zero_in_all() {
    let year = Year::new(2024, "示例市人民政府");
    // A score above its indicator's points counts as the points (the store refuses it; a
    // value from before a points change is capped here): 70 → 60.
    let over = unit(1, 70, 30, vec![], false);
    // Deductions outside the table come off the total, 扣完为止: 15 − 30 is 0, not −15.
    let wiped = unit(
        2,
        10,
        5,
        vec![
            adj(AdjustmentKind::Deduction, None, 20),
            adj(AdjustmentKind::Deduction, None, 10),
        ],
        false,
    );
    // A bonus counts before deductions are taken: 50 + 5 (capped from 8) − 3 = 52.
    let both = unit(
        3,
        30,
        20,
        vec![
            adj(AdjustmentKind::Bonus, None, 8),
            adj(AdjustmentKind::Deduction, None, 3),
        ],
        false,
    );
    let rows = assess_category(&year, &set(), &[over, wiped, both]);
    let totals: BTreeMap<i64, (Points, Points, Points, Points)> = rows
        .iter()
        .map(|r| (r.agreement_id, (r.base, r.bonus, r.deduction, r.total)))
        .collect();
    assert_eq!(
        totals[&1],
        (
            Points::whole(90),
            Points::ZERO,
            Points::ZERO,
            Points::whole(90)
        )
    );
    assert_eq!(
        totals[&2],
        (
            Points::whole(15),
            Points::ZERO,
            Points::whole(30),
            Points::ZERO
        )
    );
    assert_eq!(
        totals[&3],
        (
            Points::whole(50),
            Points::whole(5),
            Points::whole(3),
            Points::whole(52)
        )
    );
}

#[test]
fn totals_grades_and_shared_ranks() {
    let year = Year::new(2024, "示例市人民政府");
    let units = vec![
        unit(1, 50, 35, vec![], false),
        unit(
            2,
            55,
            35,
            vec![adj(AdjustmentKind::Deduction, None, 2)],
            false,
        ),
        unit(3, 58, 40, vec![], true),
        unit(4, 45, 40, vec![], false),
        unit(
            5,
            10,
            5,
            vec![adj(AdjustmentKind::Deduction, None, 30)],
            false,
        ),
    ];
    let rows = assess_category(&year, &set(), &units);
    let summary: Vec<(i64, String, String, usize)> = rows
        .iter()
        .map(|r| (r.agreement_id, r.total.to_string(), r.grade.clone(), r.rank))
        .collect();
    assert_eq!(
        summary,
        vec![
            (2, "88".into(), "良好".into(), 1),
            (1, "85".into(), "良好".into(), 2),
            (4, "85".into(), "良好".into(), 2),
            (5, "0".into(), "不合格".into(), 4),
            (3, "0".into(), "不合格".into(), 5),
        ]
    );
    // A vetoed unit's total counts as 0 (总成绩按 0 分计), after a unit that scored 0; what
    // it earned is kept beside it.
    let vetoed = rows.iter().find(|r| r.agreement_id == 3).unwrap();
    assert_eq!(vetoed.earned, Points::whole(98));
    // Two vetoed units share the last rank, listed as they earned.
    let units = vec![
        unit(1, 50, 35, vec![], false),
        unit(2, 20, 30, vec![], true),
        unit(3, 58, 40, vec![], true),
    ];
    let ranked: Vec<(i64, String, usize)> = assess_category(&year, &set(), &units)
        .iter()
        .map(|r| (r.agreement_id, r.total.to_string(), r.rank))
        .collect();
    assert_eq!(
        ranked,
        vec![(1, "85".into(), 1), (3, "0".into(), 2), (2, "0".into(), 2)]
    );
}

#[test]
fn unscored_and_incomplete_units_get_no_grade_or_rank_and_do_not_push_vetoed_units_down() {
    let year = Year::new(2025, "示例市人民政府");
    let self_only = UnitAssessment {
        agreement_id: 9,
        ..UnitAssessment::default()
    };
    let deduction_only = UnitAssessment {
        agreement_id: 8,
        adjustments: vec![adj(AdjustmentKind::Deduction, None, 1)],
        ..UnitAssessment::default()
    };
    let units = vec![
        self_only,
        unit(1, 50, 35, vec![], false),
        unit(3, 58, 40, vec![], true),
        deduction_only,
    ];
    assert!(!units[0].is_scored() && units[3].is_scored());
    let rows = assess_category(&year, &set(), &units);
    let summary: Vec<(i64, bool, &str, usize)> = rows
        .iter()
        .map(|r| (r.agreement_id, r.is_scored, r.grade.as_str(), r.rank))
        .collect();
    assert_eq!(
        summary,
        vec![
            (1, true, "良好", 1),
            (3, true, "不合格", 2),
            (8, true, INCOMPLETE_GRADE, 0),
            (9, false, UNSCORED_GRADE, 0),
        ]
    );
}

#[test]
fn a_vetoed_unit_shows_its_grade_at_once_but_is_ranked_only_when_fully_scored() {
    let year = Year::new(2025, "示例市人民政府");
    let mut half_scored = unit(4, 5, 0, vec![], true);
    half_scored.assessed.remove(&2);
    let units = vec![half_scored, unit(5, 40, 30, vec![], false)];
    let rows = assess_category(&year, &set(), &units);
    let summary: Vec<(i64, &str, usize, bool)> = rows
        .iter()
        .map(|r| (r.agreement_id, r.grade.as_str(), r.rank, r.is_complete()))
        .collect();
    assert_eq!(
        summary,
        vec![(5, "合格", 1, true), (4, "不合格", 0, false)],
        "the vetoed unit is 不合格 but not ranked first on a partial total"
    );
}

#[test]
fn a_bonus_rule_naming_its_levels_takes_only_those() {
    let rule = |name: &str, hundredths: i64| RuleItem {
        id: 7,
        kind: ItemKind::Bonus,
        name: name.to_owned(),
        points: Points(hundredths),
        cap: None,
    };
    let levelled = rule("经验做法被推广或表彰（国家级2分，省级1分，市级0.5分）", 200);
    assert_eq!(
        bonus_levels(&levelled),
        [Points(200), Points(100), Points(50)]
    );
    let mut adjustment = bonus(Some(7), "网格化", 150);
    adjustment.reason = "省级推广".to_owned();
    let problems = adjustment.validate(Some(&levelled));
    assert_eq!(
        problems,
        [
            "不能加 1.5 分：只能按级别加 2 分、1 分或 0.5 分（“经验做法被推广或表彰（国家级2分，省级1分，市级0.5分）”）"
        ]
    );
    adjustment.points = Points(50);
    assert!(adjustment.validate(Some(&levelled)).is_empty());
    // One value, or a limit written beside it, is no list of levels.
    assert!(bonus_levels(&rule("获评省级示范称号（1分）", 100)).is_empty());
    assert!(bonus_levels(&rule("每项1分，累计最多3分", 100)).is_empty());
    assert!(bonus_levels(&rule("经验做法（国家级2分，省级1分）", 0)).is_empty());
    // Nor is a limit, even equal to the rule's points; the levels beside it still count.
    assert!(bonus_levels(&rule("每项1分，累计最多3分", 300)).is_empty());
    assert_eq!(
        bonus_levels(&rule("国家级2分，省级1分，累计最多3分", 200)),
        [Points(200), Points(100)]
    );
    for limited in [
        "国家级2分，省级1分，最多加3分",
        "国家级2分，省级1分，累计最多加 3 分",
        "国家级2分，省级1分，上限为3分",
        "国家级2分，省级1分，3分封顶",
        "国家级2分，省级1分，以3分为限",
    ] {
        assert_eq!(
            bonus_levels(&rule(limited, 200)),
            [Points(200), Points(100)],
            "{limited}"
        );
    }
    // Typed with full-width digits, as a Chinese input method gives them.
    assert_eq!(
        bonus_levels(&rule("国家级２分，省级１分", 200)),
        [Points(200), Points(100)]
    );
}

#[test]
fn a_vetos_cause_is_its_reasons_first_sentence() {
    assert_eq!(veto_cause("瞒报生产安全事故。"), "瞒报生产安全事故");
    assert_eq!(
        veto_cause("瞒报生产安全事故。经调查核实，涉及3人。"),
        "瞒报生产安全事故"
    );
    assert_eq!(
        veto_cause("  拒不整改重大隐患；已约谈  "),
        "拒不整改重大隐患"
    );
    assert_eq!(veto_cause("。"), "");
    assert_eq!(veto_cause("瞒报事故的。另查明……"), "瞒报事故");
}

/// A veto's cause: its condition's, or under none of the year's conditions (其他, or an item
/// no longer among them) its reason's first sentence, the same wherever it is said.
#[test]
fn a_vetos_cause_comes_from_its_condition_or_else_its_reason() {
    let item = crate::model::RuleItem {
        id: 9,
        kind: crate::model::ItemKind::Veto,
        name: "发生较大及以上生产安全事故的".into(),
        points: Points::ZERO,
        cap: None,
    };
    let veto = |item_id| Veto {
        agreement_id: 1,
        item_id,
        reason: "瞒报事故。另查明……".into(),
    };
    let items = [item];
    assert_eq!(veto(Some(9)).cause(&items), "发生较大及以上生产安全事故");
    assert_eq!(veto(None).cause(&items), "瞒报事故");
    assert_eq!(veto(Some(5)).cause(&items), "瞒报事故", "an item gone");
}

#[test]
fn a_condition_written_with_its_de_reads_as_a_cause() {
    // "因发生较大及以上生产安全责任事故被一票否决", not "……事故的被一票否决".
    assert_eq!(
        condition_cause("发生较大及以上生产安全责任事故的"),
        "发生较大及以上生产安全责任事故"
    );
    assert_eq!(
        condition_cause("因瞒报、谎报生产安全事故；"),
        "瞒报、谎报生产安全事故"
    );
    assert_eq!(condition_cause(" 发生重大事故 "), "发生重大事故");
}

#[test]
fn deductions_past_zero_are_the_part_the_total_does_not_take() {
    let row = |base: i64, bonus: i64, deduction: i64| AssessmentRow {
        agreement_id: 1,
        base: Points::whole(base),
        bonus: Points::whole(bonus),
        deduction: Points::whole(deduction),
        deduction_entered: Points::whole(deduction),
        total: (Points::whole(base) + Points::whole(bonus))
            .saturating_sub(Points::whole(deduction)),
        earned: (Points::whole(base) + Points::whole(bonus))
            .saturating_sub(Points::whole(deduction)),
        is_vetoed: false,
        is_scored: true,
        has_scores: true,
        missing: 0,
        grade: String::new(),
        rank: 0,
    };
    assert_eq!(row(46, 0, 50).deduction_past_zero(), Some(Points::whole(4)));
    assert_eq!(
        row(46, 4, 50).deduction_past_zero(),
        None,
        "exactly used up"
    );
    assert_eq!(row(80, 2, 5).deduction_past_zero(), None);
    // Counted, the row adds up: 46 + 0 − 46 = 0, and 80 + 2 − 5 = 77.
    for (base, bonus, deduction) in [(46, 0, 50), (46, 4, 50), (80, 2, 5)] {
        let r = row(base, bonus, deduction);
        assert_eq!(
            (r.base + r.bonus).saturating_sub(r.counted_deduction()),
            r.total
        );
    }
    assert_eq!(row(46, 0, 50).counted_deduction(), Points::whole(46));
    assert_eq!(row(80, 2, 5).counted_deduction(), Points::whole(5));
    // Not scored in full: the row adds up as it stands (1 + 0 − 1 = 0), nothing said to be
    // past zero yet, as the base is still growing.
    let partial = AssessmentRow {
        missing: 14,
        ..row(1, 0, 5)
    };
    assert_eq!(partial.counted_deduction(), Points::whole(1));
    assert_eq!(partial.deduction_past_zero(), None);
    assert_eq!(partial.deduction_held_back(), Some(HeldBack::UntilScored));
    assert_eq!(
        row(46, 0, 50).deduction_held_back(),
        Some(HeldBack::PastZero(Points::whole(4)))
    );
    assert_eq!(row(80, 2, 5).deduction_held_back(), None);
    assert_eq!(
        (partial.base + partial.bonus).saturating_sub(partial.counted_deduction()),
        partial.total
    );
    // A deduction within the base so far counts whole: 12 + 0 − 5 = 7.
    let within = AssessmentRow {
        missing: 14,
        ..row(12, 0, 5)
    };
    assert_eq!(within.counted_deduction(), Points::whole(5));
    assert_eq!(within.total, Points::whole(7));
    assert_eq!(within.deduction_held_back(), None);
}

#[test]
fn an_adjustment_above_the_full_score_is_caught() {
    let full = Points::whole(100);
    assert_eq!(
        adj(AdjustmentKind::Deduction, None, 200).above_full_score(full),
        Some("扣分 200 分超过了本年度满分 100 分，请核对分值".to_owned())
    );
    assert_eq!(
        adj(AdjustmentKind::Deduction, None, 100).above_full_score(full),
        None
    );
    assert!(
        adj(AdjustmentKind::Bonus, None, 101)
            .above_full_score(full)
            .is_some()
    );
}
