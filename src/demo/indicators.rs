//! The demo indicator sets: 15 indicators summing to 100 for 镇街, for regulating departments and
//! for the 三类 members that regulate no sector,
//! with bonus, deduction and veto rules (after the synthesis in the domain brief).

use crate::model::{Indicator, IndicatorSet, ItemKind, Points, RuleItem};

fn indicator(name: &str, points: i64, criteria: &str, method: &str) -> Indicator {
    Indicator {
        id: 0,
        name: name.to_owned(),
        points: Points::whole(points),
        criteria: criteria.to_owned(),
        method: method.to_owned(),
    }
}

fn rule(kind: ItemKind, name: &str, hundredths: i64) -> RuleItem {
    RuleItem {
        id: 0,
        kind,
        name: name.to_owned(),
        points: Points(hundredths),
        cap: None,
    }
}

fn rules() -> Vec<RuleItem> {
    vec![
        rule(
            ItemKind::Bonus,
            "经验做法被推广或表彰（国家级2分，省级1分，市级0.5分，同一事项按最高级别计一次）",
            200,
        ),
        rule(ItemKind::Bonus, "获评省级安全发展示范或标准化示范称号", 100),
        RuleItem {
            // 每次扣2分，累计最多扣6分: a rule with a limit of its own.
            cap: Some(Points(600)),
            ..rule(ItemKind::Deduction, "被上级通报批评（每次）", 200)
        },
        rule(ItemKind::Deduction, "考核材料未按时报送或缺少影像资料", 300),
        rule(ItemKind::Deduction, "迟报生产安全事故（每起）", 500),
        rule(ItemKind::Veto, "发生较大及以上生产安全事故", 0),
        rule(ItemKind::Veto, DEATH_CAP_VETO, 0),
        rule(ItemKind::Veto, "瞒报、谎报生产安全事故", 0),
        rule(ItemKind::Veto, "考核中弄虚作假", 0),
    ]
}

/// The veto on a death cap, which only units given one (镇街, regulating departments) have.
const DEATH_CAP_VETO: &str = "生产安全事故死亡人数超过控制指标";

/// The rules of the 三类 members: their control target is 0 accidents, not a death cap, so
/// the veto names a fatal accident of their own instead (one without a death is deducted
/// under 本单位事故控制, which a veto on every accident would make void).
fn support_rules() -> Vec<RuleItem> {
    (rules().into_iter())
        .map(|rule| {
            if rule.name == DEATH_CAP_VETO {
                RuleItem {
                    name: "本单位发生负有责任的生产安全亡人事故".to_owned(),
                    ..rule
                }
            } else {
                rule
            }
        })
        .collect()
}

/// The 镇街 set for a year and category.
#[must_use]
pub fn town_set(year: i32, category_id: i64) -> IndicatorSet {
    let indicators = vec![
        indicator(
            "组织领导",
            6,
            "安委会未及时调整扣1分；党政联席会议研究安全生产每少1次扣1分",
            "查文件、会议纪要",
        ),
        indicator(
            "党政同责、一岗双责落实",
            6,
            "主要负责人督查每缺1次扣0.5分",
            "查记录",
        ),
        indicator(
            "责任书签订与分解",
            4,
            "每缺一个环节扣1分；未全覆盖扣0.5分；针对性不强扣1分",
            "查责任书",
        ),
        indicator(
            "事故控制指标",
            20,
            "每起一般事故扣2分，每死亡1人扣3分，扣完为止",
            "统计数据",
        ),
        indicator(
            "隐患排查治理",
            10,
            "重大隐患未按期整改每项扣2分",
            "查台账、抽查企业",
        ),
        indicator(
            "重点行业领域专项整治",
            8,
            "每项任务未完成扣2分",
            "查方案、抽查",
        ),
        indicator(
            "打非治违",
            5,
            "被举报或上级查实非法违法行为每起扣3分",
            "查案卷",
        ),
        indicator(
            "道路交通安全",
            5,
            "按事故数与工作落实情况扣分",
            "数据、查资料",
        ),
        indicator(
            "消防安全",
            8,
            "亡人火灾每起扣4分；检查不到位每处扣1分",
            "抽查场所",
        ),
        indicator(
            "森林防灭火",
            5,
            "过火面积超过15亩的火灾每起扣2分；零报告未落实每次扣1分",
            "查值班记录",
        ),
        indicator("应急管理", 7, "缺预案扣2分；未组织演练扣2分", "查资料"),
        indicator("防汛及自然灾害防治", 3, "未落实转移预案扣1分", "查资料"),
        indicator("宣传教育培训", 5, "未开展“安全生产月”活动扣2分", "查资料"),
        indicator("基层基础", 5, "人员或经费未落实扣2分", "查文件"),
        indicator(
            "信息报送与数据统计",
            3,
            "迟报、漏报每次扣0.5分",
            "查报送记录",
        ),
    ];
    IndicatorSet {
        id: 0,
        year,
        category_id,
        bonus_cap: Points::whole(5),
        is_final: true,
        indicators,
        items: rules(),
    }
}

/// The department set for a year and category.
#[must_use]
pub fn department_set(year: i32, category_id: i64) -> IndicatorSet {
    let indicators = vec![
        indicator("组织领导", 6, "未专题研究安全生产工作扣2分", "查会议纪要"),
        indicator(
            "“三个必须”责任落实",
            8,
            "责任清单未建立扣3分；未落实到岗每处扣1分",
            "查文件",
        ),
        indicator("责任书签订与分解", 4, "未分解到行业企业扣2分", "查责任书"),
        indicator(
            "行业领域事故控制",
            20,
            "每起一般事故扣2分，每死亡1人扣3分，扣完为止",
            "统计数据",
        ),
        indicator("隐患排查治理", 10, "重大隐患未按期整改每项扣2分", "查台账"),
        indicator(
            "行业监督管理",
            10,
            "检查计划未完成扣3分；发现问题未督促整改每项扣1分",
            "查资料、抽查",
        ),
        indicator("行业专项整治", 8, "牵头任务未完成每项扣2分", "查方案、抽查"),
        indicator(
            "源头管控",
            5,
            "违规审批或把关不严每件扣2分；无审批职能的按督促落实情况考核",
            "查审批档案",
        ),
        indicator(
            "指导企业落实主体责任",
            6,
            "标准化、培训持证工作未开展扣2分",
            "抽查企业",
        ),
        indicator(
            "应急管理",
            6,
            "缺行业应急预案扣2分；未组织演练扣2分",
            "查资料",
        ),
        indicator("宣传教育培训", 5, "未开展行业宣传培训扣2分", "查资料"),
        indicator("安全生产标准化建设", 4, "达标率低于年度目标扣2分", "查数据"),
        indicator(
            "安委会工作部署落实",
            3,
            "交办事项逾期每项扣1分",
            "查督办记录",
        ),
        indicator(
            "信息报送与数据统计",
            3,
            "迟报、漏报每次扣0.5分",
            "查报送记录",
        ),
        indicator("配合事故调查处理", 2, "未按要求配合扣1分", "查记录"),
    ];
    IndicatorSet {
        id: 0,
        year,
        category_id,
        bonus_cap: Points::whole(5),
        is_final: true,
        indicators,
        items: rules(),
    }
}

/// The set for 三类 members, which regulate no sector: their own safety and their support work.
#[must_use]
pub fn support_set(year: i32, category_id: i64) -> IndicatorSet {
    let indicators = vec![
        indicator("组织领导", 8, "未专题研究安全生产工作扣2分", "查会议纪要"),
        indicator(
            "安全生产责任制落实",
            10,
            "责任清单未建立扣3分；“一岗双责”未落实每处扣1分",
            "查文件",
        ),
        indicator(
            "责任书签订与分解",
            4,
            "未分解到内设机构和所属单位扣2分",
            "查责任书",
        ),
        indicator(
            "本单位事故控制",
            15,
            "发生生产安全责任事故每起扣5分，扣完为止",
            "统计数据",
        ),
        indicator(
            "成员单位职责任务落实",
            15,
            "安委会分工任务未完成每项扣3分",
            "查资料、听汇报",
        ),
        indicator(
            "办公场所和所属单位安全管理",
            10,
            "安全管理制度不健全扣2分；检查发现问题未整改每项扣1分",
            "实地检查",
        ),
        indicator("隐患排查治理", 8, "未定期开展隐患排查扣2分", "查台账"),
        indicator("消防安全", 6, "消防设施失效每处扣1分", "实地检查"),
        indicator("宣传教育培训", 6, "未组织本单位人员培训扣2分", "查资料"),
        indicator(
            "应急管理",
            5,
            "未制定应急预案扣2分；未组织演练扣2分",
            "查资料",
        ),
        indicator(
            "安委会工作部署落实",
            4,
            "交办事项逾期每项扣1分",
            "查督办记录",
        ),
        indicator("信息报送", 3, "迟报、漏报每次扣0.5分", "查报送记录"),
        indicator("配合事故调查处理", 2, "未按要求配合扣1分", "查记录"),
        indicator("“安全生产月”活动", 2, "未组织活动扣1分", "查资料"),
        indicator("安全文化建设", 2, "未开展安全文化活动扣1分", "查资料"),
    ];
    IndicatorSet {
        id: 0,
        year,
        category_id,
        bonus_cap: Points::whole(5),
        is_final: true,
        indicators,
        items: support_rules(),
    }
}

/// The indicators a category's first set can start from in a database of the office's own:
/// the 镇街 set for a category of towns and sub-districts (`is_towns`), else the set for
/// departments in general (as [`super::reference_template`] chooses its text); not final, for
/// the office to adapt.
#[must_use]
pub fn reference_indicators(year: i32, category_id: i64, is_towns: bool) -> IndicatorSet {
    let set = if is_towns {
        town_set(year, category_id)
    } else {
        support_set(year, category_id)
    };
    IndicatorSet {
        is_final: false,
        ..set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_set_has_fifteen_indicators_summing_to_100() {
        for set in [
            town_set(2025, 1),
            department_set(2025, 2),
            support_set(2025, 4),
        ] {
            assert_eq!(set.indicators.len(), 15);
            assert!(set.validate_final(Points::whole(100)).is_empty());
            assert!(set.items_of(ItemKind::Veto).count() >= 3);
        }
    }
}
