//! Worked examples for the agreement built from a template: clause numbering, tailoring,
//! placeholders filled, and the text in printed and hashed order.

use super::*;
use crate::model::{ClauseChange, Section};

#[test]
fn clause_numbers_are_counted_again_after_a_clause_is_dropped_or_moved() {
    let clauses = |texts: &[&str]| texts.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
    let kept = |texts: &[&str]| {
        texts
            .iter()
            .map(|t| ((*t).to_owned(), false))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        renumber_clauses(kept(&[
            "（一）甲。",
            "（三）丙。",
            "说明文字。",
            "（二）乙。"
        ])),
        clauses(&["（一）甲。", "（二）丙。", "说明文字。", "（三）乙。"])
    );
    let many: Vec<(String, bool)> = (0..12)
        .map(|_| ("（一）条款。".to_owned(), false))
        .collect();
    let renumbered = renumber_clauses(many);
    assert_eq!(renumbered[9], "（十）条款。");
    assert_eq!(renumbered[11], "（十二）条款。");
    // Brackets that do not hold a number are left alone.
    assert_eq!(
        renumber_clauses(kept(&["（注）见附件。", "（）空。"])),
        clauses(&["（注）见附件。", "（）空。"])
    );
}

#[test]
fn a_clause_added_or_reworded_for_a_unit_is_numbered_like_its_neighbours() {
    let template = TemplateDraft {
        year: 2025,
        category_id: 1,
        title_pattern: "{年度}年度安全生产目标管理责任书".into(),
        preamble: String::new(),
        sections: vec![
            Section {
                heading: "目标".into(),
                clauses: vec![
                    "（一）{控制指标}。".into(),
                    "（二）乙。".into(),
                    "（三）丙。".into(),
                    "说明：以上为年度目标。".into(),
                ],
            },
            Section {
                heading: "附则".into(),
                clauses: vec!["本责任书一式{份数}份。".into()],
            },
        ],
    };
    let replace = |clause: usize, original: &str, text: &str| ClauseChange::Replace {
        section: 0,
        clause,
        original: original.into(),
        text: text.into(),
    };
    let add = |section: usize, heading: &str, text: &str| ClauseChange::Add {
        section,
        heading: heading.into(),
        text: text.into(),
    };
    let tailoring = Tailoring {
        control_targets: Vec::new(),
        clause_changes: vec![
            replace(1, "（二）乙。", "乙（本单位）。"),
            replace(2, "（三）丙。", "(3) 丙（本单位）。"),
            replace(3, "说明：以上为年度目标。", "说明：以上为本单位目标。"),
            add(0, "目标", "  新增的丁。"),
            add(0, "目标", "（５）新增的戊。"),
            add(1, "附则", "本责任书自签订之日起生效。"),
            // Pasted from Word: its indent, a blank line and a second paragraph.
            add(
                1,
                "附则",
                "\u{3000}\u{3000}（一）未尽事宜另行商定。\n\n\u{3000}\u{3000}补充说明。",
            ),
        ],
    };
    let year = Year::new(2025, "示例市人民政府");
    let unit = UnitDraft {
        name: "响嘡街道办事处".into(),
        ..UnitDraft::empty(1)
    };
    let inputs = AgreementInputs {
        template: &template,
        year: &year,
        unit: &unit,
        tailoring: &tailoring,
        indicators: None,
        number: 1,
        copies: 2,
    };
    let content = build_agreement(&inputs).unwrap();
    assert_eq!(
        content.sections[0].clauses,
        [
            "（一）〔控制指标未填写〕。",
            "（二）乙（本单位）。",
            "（三）丙（本单位）。",
            "说明：以上为本单位目标。",
            "（四）新增的丁。",
            "（五）新增的戊。",
        ]
    );
    assert_eq!(
        content.sections[1].clauses,
        [
            "本责任书一式两份。",
            "本责任书自签订之日起生效。",
            "（一）未尽事宜另行商定。\n补充说明。"
        ],
        "a section without numbers numbers no clause; a pasted indent goes, so a typed number leads"
    );
}

#[test]
fn rule_placeholders_read_what_the_indicator_set_holds() {
    use crate::model::{ItemKind, RuleItem};
    let template = TemplateDraft {
        year: 2025,
        category_id: 1,
        title_pattern: "{年度}年度安全生产目标管理责任书".into(),
        preamble: String::new(),
        sections: vec![Section {
            heading: "考核与奖惩".into(),
            clauses: vec![
                "（一）加分项目：{加分事项}，累计不超过{加分上限}分。".into(),
                "（二）扣分项目：{扣分事项}。".into(),
                "（三）有下列情形之一的，实行一票否决：{一票否决事项}。".into(),
            ],
        }],
    };
    let rule = |kind, name: &str, points| RuleItem {
        id: 0,
        kind,
        name: name.into(),
        points: Points(points),
        cap: None,
    };
    let mut set = IndicatorSet {
        id: 1,
        year: 2025,
        category_id: 1,
        bonus_cap: Points::whole(5),
        is_final: true,
        indicators: Vec::new(),
        items: vec![
            rule(ItemKind::Bonus, "获评省级安全发展示范称号", 100),
            rule(ItemKind::Deduction, "被上级通报批评（每次）", 200),
            rule(ItemKind::Veto, "发生较大及以上生产安全事故", 0),
            rule(ItemKind::Veto, "瞒报、谎报生产安全事故", 0),
        ],
    };
    let year = Year::new(2025, "示例市人民政府");
    let unit = UnitDraft {
        name: "青山镇人民政府".into(),
        ..UnitDraft::empty(1)
    };
    let tailoring = Tailoring::default();
    let clauses_of = |template: &TemplateDraft, set: &IndicatorSet| {
        let inputs = AgreementInputs {
            template,
            year: &year,
            unit: &unit,
            tailoring: &tailoring,
            indicators: Some(set),
            number: 1,
            copies: 3,
        };
        build_agreement(&inputs).unwrap().sections[0]
            .clauses
            .clone()
    };
    let clauses = |set: &IndicatorSet| clauses_of(&template, set);
    assert_eq!(
        clauses(&set),
        [
            "（一）加分项目：获评省级安全发展示范称号，加1分，累计不超过5分。",
            "（二）扣分项目：被上级通报批评，每次扣2分。",
            "（三）有下列情形之一的，实行一票否决：发生较大及以上生产安全事故；瞒报、谎报生产安全事故。",
        ]
    );
    // A veto condition added in the indicator editor reaches the agreement's text.
    set.items.push(rule(ItemKind::Veto, "考核中弄虚作假", 0));
    set.bonus_cap = Points::whole(3);
    let changed = clauses(&set);
    assert!(changed[0].ends_with("累计不超过3分。"));
    assert!(changed[2].ends_with("瞒报、谎报生产安全事故；考核中弄虚作假。"));
    // A clause that ends on the list without a closing mark gets one after it.
    let mut open = template.clone();
    open.sections[0].clauses[1] = "（二）扣分项目：{扣分事项}".into();
    assert_eq!(
        clauses_of(&open, &set)[1],
        "（二）扣分项目：被上级通报批评，每次扣2分。"
    );
}

#[test]
fn builds_numbered_sections_and_hashes_the_text() {
    let template = TemplateDraft {
        year: 2025,
        category_id: 1,
        title_pattern: "{年度}年度安全生产目标管理责任书".into(),
        preamble: "{甲方}与{单位名称}签订本责任书。".into(),
        sections: vec![
            Section {
                heading: "目标".into(),
                clauses: vec!["（一）{控制指标}。".into()],
            },
            Section {
                heading: "附则".into(),
                clauses: vec!["（一）一式{份数}份。".into()],
            },
        ],
    };
    let year = Year::new(2025, "示例市人民政府");
    let unit = UnitDraft {
        name: "响嘡街道办事处".into(),
        principal_title: "主任".into(),
        ..UnitDraft::empty(1)
    };
    let tailoring = Tailoring::default();
    let inputs = AgreementInputs {
        template: &template,
        year: &year,
        unit: &unit,
        tailoring: &tailoring,
        indicators: None,
        number: 2,
        copies: 3,
    };
    let content = build_agreement(&inputs).unwrap();
    assert_eq!(content.title, "2025年度安全生产目标管理责任书");
    assert_eq!(content.sections[1].heading, "二、附则");
    assert_eq!(content.sections[1].clauses, ["（一）一式三份。"]);
    assert!(
        content
            .to_text()
            .contains("乙方：响嘡街道办事处（盖章）\t主任（签字）")
    );
    assert_eq!(
        AgreementContent::verification_code(&content.hash()).len(),
        12
    );
}

#[test]
fn the_preview_text_reads_in_the_printed_order_the_table_after_the_signatures() {
    let content = AgreementContent {
        year: 2025,
        number: 1,
        title: "2025年度安全生产目标管理责任书".into(),
        party_a: "示例市人民政府".into(),
        party_b: "响嘡街道办事处".into(),
        preamble: "为落实安全生产责任，签订本责任书。".into(),
        sections: vec![ContentSection {
            heading: "一、目标".into(),
            clauses: vec!["（一）不发生较大事故。".into()],
        }],
        indicators: vec![ContentIndicator {
            name: "组织领导".into(),
            points: Points::parse("10").unwrap(),
            criteria: "未按要求的扣2分".into(),
        }],
        party_a_signatory_title: "市长".into(),
        party_b_signatory_title: String::new(),
        copies: 3,
    };
    let text = content.reading_text();
    let at = |needle: &str| text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    let order = [
        "为落实安全生产责任",
        "（一）不发生较大事故。",
        "附件：2025年度安全生产目标管理考核指标",
        "甲方：示例市人民政府（盖章）",
        "市长（签字）：",
        "乙方：响嘡街道办事处（盖章）",
        "负责人（签字）：",
        "\n附件\n2025年度安全生产目标管理考核指标",
        "1\t组织领导\t10\t未按要求的扣2分",
    ];
    for pair in order.windows(2) {
        assert!(at(pair[0]) < at(pair[1]), "{} before {}", pair[0], pair[1]);
    }
    // Each side dated under its signature, as the page prints it.
    let dated: Vec<usize> = text
        .match_indices("年　　月　　日")
        .map(|(i, _)| i)
        .collect();
    assert_eq!(dated.len(), 2, "{text}");
    assert!(at("市长（签字）：") < dated[0] && dated[0] < at("乙方：响嘡街道办事处（盖章）"));
    assert!(at("负责人（签字）：") < dated[1] && dated[1] < at("\n附件\n"));
    // The hashed text keeps its own order, so issued agreements verify as before.
    assert!(
        content.to_text().find("附：考核指标")
            < content.to_text().find("甲方：示例市人民政府（盖章）")
    );
}

#[test]
fn the_reference_text_reads_the_level_of_its_party_a() {
    let template = crate::demo::reference_template(2027, 1, true);
    let unit = UnitDraft {
        name: "城关镇人民政府".into(),
        ..UnitDraft::empty(1)
    };
    let tailoring = Tailoring::default();
    let text = |party_a: &str| {
        let year = Year::new(2027, party_a);
        let inputs = AgreementInputs {
            template: &template,
            year: &year,
            unit: &unit,
            tailoring: &tailoring,
            indicators: None,
            number: 1,
            copies: 3,
        };
        let content = build_agreement(&inputs).unwrap();
        (content.sections.iter())
            .flat_map(|s| s.clauses.clone())
            .collect::<Vec<_>>()
            .concat()
    };
    let county = text("样板县人民政府");
    assert!(county.contains("县安委会办公室"), "{county}");
    assert!(!county.contains("市安委会"), "{county}");
    assert!(text("示例市人民政府").contains("市安委会办公室"));
}

#[test]
fn the_reference_text_prints_the_bonus_and_deduction_rules_it_is_scored_by() {
    for is_towns in [true, false] {
        let template = crate::demo::reference_template(2027, 1, is_towns);
        let assessment = (template.sections.iter())
            .find(|s| s.heading == "考核与奖惩")
            .unwrap();
        assert!(assessment.clauses[1].starts_with("（二）有下列情形的，予以加分：{加分事项}"));
        for (index, clause) in assessment.clauses.iter().enumerate() {
            let number = format!("（{}）", crate::model::template::chinese_ordinal(index + 1));
            let rest = clause
                .strip_prefix(&number)
                .unwrap_or_else(|| panic!("{clause}"));
            assert!(!rest.starts_with('（'), "numbered once: {clause}");
        }
        let set = crate::demo::reference_indicators(2027, 1, is_towns);
        let unit = UnitDraft {
            name: "城关镇人民政府".into(),
            ..UnitDraft::empty(1)
        };
        let year = Year::new(2027, "示例市人民政府");
        let inputs = AgreementInputs {
            template: &template,
            year: &year,
            unit: &unit,
            tailoring: &Tailoring::default(),
            indicators: Some(&set),
            number: 1,
            copies: 3,
        };
        let text = build_agreement(&inputs).unwrap().to_text();
        assert!(text.contains("加分累计不超过5分"), "{text}");
        assert!(
            text.contains("被上级通报批评，每次扣2分，累计最多扣6分"),
            "{text}"
        );
        assert!(!text.contains('{'), "{text}");
    }
}
