//! The demo data set: the numbers the issue asks for, and a 2024 year that covers every grade.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::collections::BTreeMap;

use zerenshu::model::{AgreementStatus, UnitAssessment, UnitKind, assess_category};

use crate::support::demo_store;

#[test]
fn units_and_categories_match_the_plan() {
    let store = demo_store();
    let units = store.units().unwrap();
    let count = |kind| units.iter().filter(|u| u.fields.kind == kind).count();
    assert_eq!(count(UnitKind::Subdistrict), 4);
    assert_eq!(count(UnitKind::Town), 10);
    assert_eq!(count(UnitKind::DevelopmentZone), 1);
    assert_eq!(units.len(), 45, "15 镇街 and 30 成员单位");
    let categories: Vec<String> = store
        .categories()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(categories, ["镇街", "一类", "二类", "三类"]);
    let all_text: String = units
        .iter()
        .flat_map(|u| [u.fields.name.clone(), u.fields.principal_name.clone()])
        .collect();
    for rare in ['嘡', '喆', '堃'] {
        assert!(all_text.contains(rare), "demo uses {rare}, outside GB2312");
    }
}

#[test]
fn year_2025_has_templates_indicators_and_every_status() {
    let store = demo_store();
    let sets = store.indicator_sets(2025).unwrap();
    assert_eq!(sets.len(), 4);
    for set in &sets {
        assert_eq!(set.indicators.len(), 15);
        assert!(
            set.validate_final(zerenshu::model::Points::whole(100))
                .is_empty()
        );
    }
    assert_eq!(store.templates(2025).unwrap().len(), 4);
    let agreements = store.agreements(2025).unwrap();
    assert_eq!(agreements.len(), 45);
    for status in AgreementStatus::ALL {
        assert!(
            agreements.iter().any(|a| a.status == status),
            "2025 has an agreement in {}",
            status.label()
        );
    }
    assert!(
        agreements
            .iter()
            .filter(|a| a.status.is_issued())
            .all(|a| a.content_hash.as_ref().is_some_and(|h| h.len() == 64))
    );
}

#[test]
fn year_2024_covers_every_grade_bonus_deduction_and_a_veto() {
    let store = demo_store();
    let year = store.year(2024).unwrap().unwrap();
    let agreements = store.agreements(2024).unwrap();
    assert!(
        agreements
            .iter()
            .all(|a| a.status == AgreementStatus::Archived)
    );
    let scores = store.scores(2024).unwrap();
    let adjustments = store.adjustments(2024).unwrap();
    let vetoes = store.vetoes(2024).unwrap();
    assert_eq!(scores.len(), 45 * 15);
    assert_eq!(vetoes.len(), 1);
    assert!(
        adjustments
            .iter()
            .any(|a| a.kind == zerenshu::model::AdjustmentKind::Bonus)
    );
    assert!(
        adjustments
            .iter()
            .any(|a| a.kind == zerenshu::model::AdjustmentKind::Deduction)
    );

    let mut grades = BTreeMap::new();
    for set in store.indicator_sets(2024).unwrap() {
        let units: Vec<UnitAssessment> = agreements
            .iter()
            .filter(|a| a.draft.category_id == set.category_id)
            .map(|a| UnitAssessment {
                agreement_id: a.id,
                assessed: scores
                    .iter()
                    .filter(|s| s.agreement_id == a.id)
                    .filter_map(|s| Some((s.indicator_id, s.assessed_score?)))
                    .collect(),
                adjustments: adjustments
                    .iter()
                    .filter(|d| d.agreement_id == a.id)
                    .cloned()
                    .collect(),
                is_vetoed: vetoes.iter().any(|v| v.agreement_id == a.id),
            })
            .collect();
        for row in assess_category(&year, &set, &units) {
            *grades.entry(row.grade).or_insert(0) += 1;
        }
    }
    for grade in ["优秀", "良好", "合格", "不合格"] {
        assert!(
            grades.get(grade).copied().unwrap_or(0) > 0,
            "2024 has a unit graded {grade}: {grades:?}"
        );
    }
}

#[test]
fn the_demo_loads_only_into_an_empty_database() {
    let mut store = demo_store();
    assert!(zerenshu::demo::load(&mut store).is_err());
    assert_eq!(store.units().unwrap().len(), 45);
    assert!(store.is_initialized().unwrap());
    // The log says how the register started, not the flag's value.
    let filter = zerenshu::store::AuditFilter {
        action: Some("开始使用".to_owned()),
        ..Default::default()
    };
    let started = store.audit_search(&filter, 10).unwrap();
    assert_eq!(started.len(), 1);
    assert_eq!(
        started[0].entry.after_json.as_deref(),
        Some("\"载入示例数据\"")
    );
}

#[test]
fn scores_and_rules_of_another_category_or_year_are_refused() {
    use zerenshu::model::{Adjustment, AdjustmentKind, ItemKind, Points, Score, Veto};
    use zerenshu::store::StoreError;
    let mut store = demo_store();
    let agreement = store.agreements(2025).unwrap()[0].clone();
    let sets = store.indicator_sets(2025).unwrap();
    let own = sets
        .iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let other = sets
        .iter()
        .find(|s| s.category_id != agreement.draft.category_id)
        .unwrap();
    let before = store.scores(2025).unwrap();
    let foreign = Score {
        assessed_score: Some(Points::whole(1)),
        ..Score::empty(agreement.id, other.indicators[0].id)
    };
    for result in [
        store.write(|w| w.change_score(&foreign, None)),
        store.write(|w| w.upsert_score(&foreign)),
    ] {
        assert!(
            matches!(&result, Err(StoreError::Rejected(m)) if m.contains("不是该责任书所在年度、考核类别的考核指标")),
            "{result:?}"
        );
    }
    let too_high = Score {
        self_score: Some(own.indicators[0].points + Points::whole(1)),
        ..Score::empty(agreement.id, own.indicators[0].id)
    };
    assert!(store.write(|w| w.upsert_score(&too_high)).is_err());
    assert_eq!(store.scores(2025).unwrap(), before, "nothing written");

    let item = |set: &zerenshu::model::IndicatorSet, kind| {
        set.items.iter().find(|i| i.kind == kind).unwrap().id
    };
    let adjustment = |item_id, kind| Adjustment {
        id: 0,
        agreement_id: agreement.id,
        item_id: Some(item_id),
        kind,
        points: Points::whole(1),
        reason: "核查".into(),
        matter: String::new(),
    };
    let wrong_kind = adjustment(item(own, ItemKind::Deduction), AdjustmentKind::Bonus);
    assert!(store.write(|w| w.insert_adjustment(&wrong_kind)).is_err());
    let other_set = adjustment(item(other, ItemKind::Bonus), AdjustmentKind::Bonus);
    assert!(store.write(|w| w.insert_adjustment(&other_set)).is_err());
    let veto = Veto {
        agreement_id: agreement.id,
        item_id: Some(item(own, ItemKind::Bonus)),
        reason: "较大事故".into(),
    };
    assert!(store.write(|w| w.set_veto(&veto)).is_err());
    let good = Adjustment {
        matter: "执法规范化".into(),
        ..adjustment(item(own, ItemKind::Bonus), AdjustmentKind::Bonus)
    };
    assert!(store.write(|w| w.insert_adjustment(&good)).is_ok());
}

/// The demo's own texts are punctuated as a signed agreement should be: the checks the 定稿
/// question makes find nothing in them.
#[test]
fn the_demo_texts_need_no_punctuation_check() {
    let store = demo_store();
    for year in [2023, 2024, 2025] {
        for agreement in store.agreements(year).unwrap() {
            let template = (store.templates(year).unwrap().into_iter())
                .find(|t| t.id == agreement.draft.template_id)
                .unwrap();
            let sections = zerenshu::model::tailoring::tailored_sections(
                &template.content,
                &agreement.draft.tailoring,
            );
            let preamble = &template.content.preamble;
            let notes = zerenshu::model::punctuation::clause_notes(preamble);
            assert!(notes.is_empty(), "{year} {preamble}: {notes:?}");
            for clause in sections.iter().flatten().flatten() {
                let notes = zerenshu::model::punctuation::clause_notes(clause);
                assert!(notes.is_empty(), "{year} {clause}: {notes:?}");
            }
        }
    }
}

/// The demo's fictional history (its 定稿, printing, signing and publishing, dated in the
/// past) names no real person: not the clerk who loaded it either.
#[test]
fn the_demo_history_is_by_no_one_real() {
    let mut store = zerenshu::store::Store::open_in_memory().unwrap();
    store.set_operator("柏闻溪").unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let entries = store.audit_entries(usize::MAX).unwrap();
    let operator_of = |action: &str| {
        (entries.iter())
            .filter(|e| e.action == action)
            .map(|e| e.operator.as_str())
            .collect::<std::collections::BTreeSet<_>>()
    };
    for action in ["更改年度阶段", "发布考核结果"] {
        assert_eq!(
            operator_of(action),
            [zerenshu::store::DEMO_HISTORY_OPERATOR].into(),
            "{action}"
        );
    }
    assert!(
        entries.iter().any(|e| e.operator == "柏闻溪"),
        "the loading itself is the clerk's"
    );
}
