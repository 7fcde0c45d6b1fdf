//! Worked examples of adjustments under rule items: an entry above its item's points, an
//! item's own limit over its entries, per-occurrence deductions, and limits refused.

use super::tests::{adj, bonus, set, unit};
use super::*;

#[test]
fn an_adjustment_may_not_exceed_its_rule_items_points() {
    let item = RuleItem {
        id: 7,
        kind: crate::model::ItemKind::Bonus,
        name: "经验做法被推广".into(),
        points: Points(200),
        cap: None,
    };
    assert!(
        bonus(Some(7), "网格化", 200)
            .validate(Some(&item))
            .is_empty()
    );
    assert_eq!(
        bonus(Some(7), "网格化", 250).validate(Some(&item)),
        ["“经验做法被推广”每项最多 2 分，加分不能超过 2 分"]
    );
    let unpriced = RuleItem {
        points: Points::ZERO,
        ..item
    };
    assert!(
        bonus(Some(7), "网格化", 900)
            .validate(Some(&unpriced))
            .is_empty()
    );
    assert!(bonus(None, "", 900).validate(None).is_empty());
    // Under a rule the 事项 is asked for: without it two awards of one practice and two
    // practices could not be told apart.
    assert_eq!(
        bonus(Some(7), " ", 100).validate(Some(&unpriced)),
        ["请填写加分事项（如获得的称号、被推广的做法）：同一事项只计一次，凭事项区分"]
    );
    // Only a rule with levels to choose from speaks of the highest level.
    let levelled = RuleItem {
        name: "经验做法被推广（国家级2分，省级1分，市级0.5分）".into(),
        points: Points(200),
        ..unpriced.clone()
    };
    assert_eq!(
        bonus(Some(7), "", 100).validate(Some(&levelled)),
        ["请填写加分事项（如获得的称号、被推广的做法）：同一事项只按最高级别计一次，凭事项区分"]
    );
    let deduction_item = RuleItem {
        kind: crate::model::ItemKind::Deduction,
        ..unpriced
    };
    assert_eq!(
        bonus(Some(7), "", 100).validate(Some(&deduction_item)),
        ["“经验做法被推广”不是加分项目"]
    );
    let mut empty = bonus(None, &"长".repeat(MAX_MATTER_CHARS + 1), 0);
    empty.reason = " ".into();
    assert_eq!(
        empty.validate(None),
        [
            "加扣分的分值应大于 0",
            "加分或扣分必须写明理由",
            "事项不能超过 40 个字"
        ]
    );
}

#[test]
fn a_rule_items_own_limit_caps_its_entries_together() {
    // 烟花爆竹经营点违规，每处扣1分，累计最多扣4分: five places take 4, not 5; another rule's
    // deduction and an unlinked one come on top: 4 + 2 + 1 = 7.
    let mut set = set();
    let rule = |id, kind, points, cap: Option<i64>| RuleItem {
        id,
        kind,
        name: format!("规则{id}"),
        points: Points::whole(points),
        cap: cap.map(Points::whole),
    };
    set.items = vec![
        rule(7, ItemKind::Deduction, 1, Some(4)),
        rule(8, ItemKind::Deduction, 2, None),
        rule(9, ItemKind::Bonus, 1, Some(2)),
    ];
    let mut adjustments = vec![adj(AdjustmentKind::Deduction, Some(7), 1); 5];
    adjustments.push(adj(AdjustmentKind::Deduction, Some(8), 2));
    adjustments.push(adj(AdjustmentKind::Deduction, None, 1));
    // Three practices under one bonus rule of at most 2 in all: 2, not 3.
    for matter in ["甲", "乙", "丙"] {
        adjustments.push(bonus(Some(9), matter, 100));
    }
    assert_eq!(
        counted_deduction(&adjustments, &set.items),
        Points::whole(7)
    );
    assert_eq!(uncapped_bonus(&adjustments, &set.items), Points::whole(2));
    let over: Vec<(i64, Points, Points)> = items_over_cap(&adjustments, &set.items)
        .iter()
        .map(|o| (o.item.id, o.cap, o.entered))
        .collect();
    assert_eq!(
        over,
        [
            (7, Points::whole(4), Points::whole(5)),
            (9, Points::whole(2), Points::whole(3))
        ]
    );
    // The row keeps what was entered too, for the 扣分 cell's hover: 5 + 2 + 1 = 8, counted 7.
    let year = Year::new(2024, "示例市人民政府");
    let over_cap = assess_category(&year, &set, &[unit(1, 60, 40, adjustments.clone(), false)]);
    assert_eq!(
        (over_cap[0].deduction, over_cap[0].deduction_entered),
        (Points::whole(7), Points::whole(8))
    );
    // At the limit exactly, nothing is over.
    adjustments.remove(0);
    assert_eq!(items_over_cap(&adjustments, &set.items).len(), 1);
    let rows = assess_category(&year, &set, &[unit(1, 60, 40, adjustments, false)]);
    // 100 + 2 − (4 + 2 + 1) = 95.
    assert_eq!(rows[0].total, Points::whole(95));
}

#[test]
fn a_per_occurrence_deduction_takes_exactly_its_points() {
    let item = RuleItem {
        id: 7,
        kind: ItemKind::Deduction,
        name: "迟报生产安全事故（每起）".into(),
        points: Points::whole(5),
        cap: None,
    };
    let entry = |points| adj(AdjustmentKind::Deduction, Some(7), points);
    assert!(entry(5).validate(Some(&item)).is_empty());
    assert_eq!(
        entry(3).validate(Some(&item)),
        ["“迟报生产安全事故（每起）”每起扣 5 分：发生几起就录入几条，每条 5 分"]
    );
    assert!(!entry(10).validate(Some(&item)).is_empty());
    // A deduction of one amount at most still takes less.
    let once = RuleItem {
        name: "考核材料未按时报送".into(),
        ..item
    };
    assert!(entry(3).validate(Some(&once)).is_empty());
}

#[test]
fn a_limit_below_the_points_or_on_a_veto_is_refused() {
    let item = |kind, cap| RuleItem {
        id: 1,
        kind,
        name: "烟花爆竹经营点违规（每处）".into(),
        points: Points::whole(2),
        cap,
    };
    assert_eq!(item(ItemKind::Deduction, None).cap_problem(), None);
    assert_eq!(
        item(ItemKind::Deduction, Some(Points::whole(2))).cap_problem(),
        None
    );
    assert_eq!(
        item(ItemKind::Deduction, Some(Points::whole(1))).cap_problem(),
        Some("“烟花爆竹经营点违规（每处）”的累计上限 1 分应不小于每次的 2 分".to_owned())
    );
    assert!(
        item(ItemKind::Veto, Some(Points::whole(3)))
            .cap_problem()
            .is_some()
    );
}
