//! Tests of per-unit tailoring: control targets and changed, added or dropped clauses.

use super::*;

#[test]
fn an_export_names_three_units_and_counts_all() {
    let units: Vec<String> = [
        "青山镇人民政府",
        "杨柳镇人民政府",
        "石桥镇人民政府",
        "河口镇人民政府",
    ]
    .map(str::to_owned)
    .to_vec();
    assert_eq!(
        redo_export_note(&units).unwrap(),
        "青山镇人民政府、杨柳镇人民政府、石桥镇人民政府等 4 份草稿有条款调整因模板修改须重做（列表中标“调整待重做”），导出的文本不含须重做的调整，其余调整照常在内"
    );
    assert!(
        redo_export_note(&units[..1])
            .unwrap()
            .starts_with("青山镇人民政府 1 份草稿")
    );
    assert_eq!(redo_export_note(&[]), None);
}

fn template(clauses: &[&str]) -> TemplateDraft {
    TemplateDraft::example(clauses)
}

fn changes() -> Tailoring {
    Tailoring {
        control_targets: vec![],
        clause_changes: vec![
            ClauseChange::Drop {
                section: 0,
                clause: 1,
                original: "乙".into(),
            },
            ClauseChange::Replace {
                section: 0,
                clause: 2,
                original: "丙".into(),
                text: "丁".into(),
            },
            ClauseChange::Add {
                section: 0,
                heading: "目标".into(),
                text: "戊".into(),
            },
            ClauseChange::Add {
                section: 9,
                heading: String::new(),
                text: "无效".into(),
            },
        ],
    }
}

#[test]
fn tailoring_adds_replaces_and_drops_clauses() {
    let got = tailored_sections(&template(&["甲", "乙", "丙"]), &changes());
    assert_eq!(
        got,
        vec![vec![
            Some("甲".into()),
            None,
            Some("丁".into()),
            Some("戊".into())
        ]]
    );
}

#[test]
fn changes_follow_their_clause_when_the_template_inserts_one_before_it() {
    let got = tailored_sections(&template(&["新", "甲", "乙", "丙"]), &changes());
    assert_eq!(
        got,
        vec![vec![
            Some("新".into()),
            Some("甲".into()),
            None,
            Some("丁".into()),
            Some("戊".into())
        ]]
    );
}

#[test]
fn changes_follow_their_clause_when_the_template_moves_and_renumbers_it() {
    // The unit dropped (二) and reworded (三); the template then moved (一) to the end,
    // the editor renumbering every clause.
    let tailoring = Tailoring {
        control_targets: vec![],
        clause_changes: vec![
            ClauseChange::Drop {
                section: 0,
                clause: 1,
                original: "（二）乙。".into(),
            },
            ClauseChange::Replace {
                section: 0,
                clause: 2,
                original: "（三）丙。".into(),
                text: "（三）丙，本单位补充。".into(),
            },
        ],
    };
    let moved = template(&["（一）乙。", "（二）丙。", "（三）甲。"]);
    assert!(stale_changes(&moved, &tailoring).is_empty());
    assert_eq!(
        tailored_sections(&moved, &tailoring),
        vec![vec![
            None,
            Some("（三）丙，本单位补充。".into()),
            Some("（三）甲。".into())
        ]]
    );
}

#[test]
fn a_change_whose_clause_was_reworded_is_stale_and_touches_nothing_else() {
    let edited = template(&["甲", "乙（修订）", "丙"]);
    let tailoring = changes();
    let stale = stale_changes(&edited, &tailoring);
    assert_eq!(stale.len(), 2, "the drop of 乙 and the add to section 9");
    let got = tailored_sections(&edited, &tailoring);
    assert_eq!(
        got,
        vec![vec![
            Some("甲".into()),
            Some("乙（修订）".into()),
            Some("丁".into()),
            Some("戊".into())
        ]]
    );
}

#[test]
fn a_draft_whose_change_lost_its_clause_is_found_among_the_agreements() {
    use crate::model::{Agreement, AgreementStatus, Template};
    let templates = [
        Template {
            id: 1,
            version: 1,
            content: template(&["甲", "乙", "丙"]),
        },
        Template {
            id: 2,
            version: 2,
            content: template(&["甲", "乙（修订）", "丙"]),
        },
    ];
    let agreement = |id, template_id, status, tailoring: Tailoring| {
        let mut agreement = Agreement::example(id, template_id, status);
        agreement.draft.tailoring = tailoring;
        agreement
    };
    // 乙 dropped for this unit.
    let drop_b = Tailoring {
        control_targets: vec![],
        clause_changes: vec![ClauseChange::Drop {
            section: 0,
            clause: 1,
            original: "乙".into(),
        }],
    };
    let agreements = [
        // Following the version that reworded 乙: marked.
        agreement(1, 2, AgreementStatus::Draft, drop_b.clone()),
        // Still on the version it was tailored on, or untailored, or issued: not marked.
        agreement(2, 1, AgreementStatus::Draft, drop_b.clone()),
        agreement(3, 2, AgreementStatus::Draft, Tailoring::default()),
        agreement(4, 2, AgreementStatus::Final, drop_b),
    ];
    assert_eq!(
        stale_drafts(&agreements, &templates)
            .into_iter()
            .collect::<Vec<_>>(),
        [1]
    );
}

#[test]
fn older_changes_without_original_text_apply_by_position() {
    let tailoring = Tailoring {
        control_targets: vec![],
        clause_changes: vec![ClauseChange::Drop {
            section: 0,
            clause: 0,
            original: String::new(),
        }],
    };
    let parsed: Tailoring =
        serde_json::from_str(r#"{"clause_changes":[{"Drop":{"section":0,"clause":0}}]}"#).unwrap();
    assert_eq!(parsed, tailoring);
    let got = tailored_sections(&template(&["甲", "乙"]), &parsed);
    assert_eq!(got, vec![vec![None, Some("乙".into())]]);
}

#[test]
fn a_limit_of_digits_alone_is_refused_and_one_with_its_unit_is_not() {
    let target = |limit: &str| ControlTarget {
        name: "死亡人数控制在".into(),
        limit: limit.into(),
    };
    for bare in ["5", "０", " 1.5 "] {
        let problems = target_problems(&[target(bare)]);
        assert_eq!(problems.len(), 1, "{bare}");
        assert!(problems[0].contains("只有数字，请写明单位"), "{problems:?}");
    }
    for whole in ["5人以内", "0起", "较去年下降10%"] {
        assert!(target_problems(&[target(whole)]).is_empty(), "{whole}");
    }
}

#[test]
fn empty_clauses_and_targets_without_a_name_or_limit_are_named() {
    let template = template(&["（一）{控制指标}。", "（二）加强宣传。"]);
    let tailoring = Tailoring {
        control_targets: vec![
            ControlTarget {
                name: "死亡人数控制在".into(),
                limit: "2人以内".into(),
            },
            ControlTarget {
                name: "较大及以上生产安全事故".into(),
                limit: " ".into(),
            },
            ControlTarget {
                name: String::new(),
                limit: "0起".into(),
            },
            ControlTarget {
                name: String::new(),
                limit: String::new(),
            },
        ],
        clause_changes: vec![ClauseChange::Replace {
            section: 0,
            clause: 0,
            original: "（一）{控制指标}。".into(),
            text: " （一） ".into(),
        }],
    };
    assert_eq!(
        tailoring_problems(&template, &tailoring),
        [
            "控制指标“较大及以上生产安全事故”没有填写限值",
            "第 3 项控制指标没有名称",
            "【目标】第 1 条是空的：请填写条款内容，或勾选“删去”",
        ]
    );
    assert!(is_blank_clause(""));
    assert!(!is_blank_clause("（三）落实责任。"));
    assert!(!is_blank_clause("（附）"));
}

/// Every clause of a part dropped for a unit: its heading would print alone, so it is named
/// among the problems that stop 定稿.
#[test]
fn a_part_left_without_clauses_is_named() {
    let template = template(&["（一）甲。", "（二）乙。"]);
    let drop = |clause: usize, original: &str| ClauseChange::Drop {
        section: 0,
        clause,
        original: original.into(),
    };
    let mut tailoring = Tailoring {
        control_targets: vec![],
        clause_changes: vec![drop(0, "（一）甲。")],
    };
    assert!(tailoring_problems(&template, &tailoring).is_empty());
    tailoring.clause_changes.push(drop(1, "（二）乙。"));
    assert_eq!(
        tailoring_problems(&template, &tailoring),
        [emptied_section_problem("目标")]
    );
    assert!(emptied_section_problem("目标").starts_with("【目标】的条款都删去了"));
}
