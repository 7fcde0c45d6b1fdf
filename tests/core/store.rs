//! Store round-trips, migrations, validation rules, constraints and the audit trigger.

// Tests unwrap freely: a panic is the failure report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::similar_names
)]

use rusqlite::Connection;
use zerenshu::model::{
    Adjustment, AdjustmentKind, AgreementDraft, AgreementStatus, ClauseChange, ControlTarget,
    Indicator, IndicatorSet, ItemKind, Points, RuleItem, Score, Section, Tailoring, TemplateDraft,
    UnitDraft, UnitField, UnitKind, Veto, Year,
};
use zerenshu::store::{Signing, Store, StoreError};

pub(crate) fn unit(name: &str, category_id: i64) -> UnitDraft {
    UnitDraft {
        name: name.into(),
        // No short name: each unit is shown under its own name, never two alike.
        short_name: String::new(),
        kind: UnitKind::Town,
        category_id,
        principal_title: "镇长".into(),
        principal_name: "许喆然".into(),
        contact_name: "岳琇文".into(),
        contact_phone: "0399-8610000".into(),
        sort_order: 1,
    }
}

pub(crate) fn store_with_category() -> (Store, i64) {
    let mut store = Store::open_in_memory().unwrap();
    let category = store.write(|w| w.insert_category("镇街")).unwrap();
    (store, category)
}

pub(crate) fn field_errors(result: Result<i64, StoreError>) -> Vec<(UnitField, String)> {
    match result {
        Err(StoreError::Invalid(errors)) => {
            errors.into_iter().map(|e| (e.field, e.message)).collect()
        }
        other => panic!("expected validation errors, got {other:?}"),
    }
}

#[test]
fn units_round_trip_edit_archive_and_restore() {
    let (mut store, category) = store_with_category();
    let id = store
        .write(|w| w.insert_unit(&unit(" 响嘡街道办事处 ", category)))
        .unwrap();
    let stored = store.unit(id).unwrap().unwrap();
    assert_eq!(
        stored.fields,
        unit("响嘡街道办事处", category),
        "text is stored trimmed"
    );
    assert!(stored.is_active);

    let mut changed = unit("响嘡街道办事处", category);
    changed.principal_name = "齐堃".into();
    store.write(|w| w.update_unit(id, &changed)).unwrap();
    assert_eq!(
        store.unit(id).unwrap().unwrap().fields.principal_name,
        "齐堃"
    );

    store.write(|w| w.set_unit_active(id, false)).unwrap();
    assert!(!store.unit(id).unwrap().unwrap().is_active);
    // An archived unit's name is free again for a new active unit ...
    let successor = store
        .write(|w| w.insert_unit(&unit("响嘡街道办事处", category)))
        .unwrap();
    // ... and then the archived one cannot come back under the same name.
    let refused = store.write(|w| w.set_unit_active(id, true));
    assert!(matches!(refused, Err(StoreError::Rejected(message)) if message.contains("已有名为")));
    // It keeps its name, and may be edited under it; but no archived unit is renamed to an
    // active unit's name.
    store.write(|w| w.update_unit(id, &changed)).unwrap();
    let other = store
        .write(|w| w.insert_unit(&unit("白塔镇人民政府", category)))
        .unwrap();
    store.write(|w| w.set_unit_active(other, false)).unwrap();
    let refused = store.write(|w| w.update_unit(other, &unit("响嘡街道办事处", category)));
    assert!(
        matches!(&refused, Err(StoreError::Invalid(errors))
            if errors[0].message == "已有名为“响嘡街道办事处”的在用单位"),
        "{refused:?}"
    );
    store
        .write(|w| w.set_unit_active(successor, false))
        .unwrap();
    store.write(|w| w.set_unit_active(id, true)).unwrap();
    assert_eq!(store.units().unwrap().len(), 3);
}

#[test]
fn names_differing_only_in_half_or_full_width_brackets_are_one_name() {
    let (mut store, category) = store_with_category();
    let first = store
        .write(|w| w.insert_unit(&unit("示例市疾控中心（新区）", category)))
        .unwrap();
    assert_eq!(
        field_errors(store.write(|w| w.insert_unit(&unit("示例市疾控中心(新区)", category)))),
        vec![(
            UnitField::Name,
            "已有在用单位“示例市疾控中心（新区）”，与“示例市疾控中心(新区)”只差括号的全角半角"
                .into()
        )]
    );
    // Archived, it cannot come back beside a unit named so with other brackets.
    store.write(|w| w.set_unit_active(first, false)).unwrap();
    store
        .write(|w| w.insert_unit(&unit("示例市疾控中心(新区)", category)))
        .unwrap();
    let refused = store.write(|w| w.set_unit_active(first, true));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("已有名为“示例市疾控中心(新区)”的在用单位")),
        "{refused:?}"
    );
}

#[test]
fn unit_validation_rules_save_nothing() {
    let (mut store, category) = store_with_category();
    store
        .write(|w| w.insert_unit(&unit("城关街道办事处", category)))
        .unwrap();
    let before = store.audit_entries(1000).unwrap().len();

    assert_eq!(
        field_errors(store.write(|w| w.insert_unit(&unit("  ", category)))),
        vec![(UnitField::Name, "单位名称不能为空".into())]
    );
    assert_eq!(
        field_errors(store.write(|w| w.insert_unit(&unit("城关街道办事处", category)))),
        vec![(UnitField::Name, "已有名为“城关街道办事处”的在用单位".into())]
    );
    // Typed in full-width mode, a name with letters or digits is the same name.
    store
        .write(|w| w.insert_unit(&unit("示例市第１中学", category)))
        .unwrap();
    assert!(
        store
            .units()
            .unwrap()
            .iter()
            .any(|u| u.fields.name == "示例市第1中学")
    );
    assert_eq!(
        field_errors(store.write(|w| w.insert_unit(&unit("示例市第1中学", category)))),
        vec![(UnitField::Name, "已有名为“示例市第1中学”的在用单位".into())]
    );
    assert_eq!(
        field_errors(store.write(|w| w.insert_unit(&unit(&"长".repeat(41), category)))),
        vec![(
            UnitField::Name,
            "单位名称不能超过 40 个字（现有 41 个）".into()
        )]
    );
    assert_eq!(
        field_errors(store.write(|w| w.insert_unit(&unit("新单位", 999)))),
        vec![(UnitField::Category, "请选择考核类别".into())]
    );

    assert_eq!(store.units().unwrap().len(), 2);
    assert_eq!(
        store.audit_entries(1000).unwrap().len(),
        before + 1,
        "a refused write leaves no audit entry"
    );
    // Renaming another unit to an active unit's name is refused too.
    let other = store
        .write(|w| w.insert_unit(&unit("响嘡街道办事处", category)))
        .unwrap();
    let before = store.audit_entries(1000).unwrap().len();
    let renamed = store.write(|w| {
        w.update_unit(other, &unit("城关街道办事处", category))
            .map(|()| other)
    });
    assert_eq!(
        field_errors(renamed),
        vec![(UnitField::Name, "已有名为“城关街道办事处”的在用单位".into())]
    );
    let names: Vec<String> = store
        .units()
        .unwrap()
        .into_iter()
        .map(|u| u.fields.name)
        .collect();
    assert_eq!(names, ["城关街道办事处", "示例市第1中学", "响嘡街道办事处"]);
    assert_eq!(
        store.audit_entries(1000).unwrap().len(),
        before,
        "a refused write leaves no audit entry"
    );
}

#[test]
fn a_failing_write_rolls_back_everything_in_it() {
    let (mut store, category) = store_with_category();
    let result = store.write(|w| {
        w.insert_unit(&unit("第一个", category))?;
        w.insert_unit(&unit("第一个", category))
    });
    assert!(result.is_err());
    assert!(store.units().unwrap().is_empty());
}

#[test]
fn categories_are_unique_and_renamable() {
    let (mut store, category) = store_with_category();
    assert!(matches!(
        store.write(|w| w.insert_category("镇街")),
        Err(StoreError::Rejected(_))
    ));
    assert!(matches!(
        store.write(|w| w.insert_category(" ")),
        Err(StoreError::Rejected(_))
    ));
    let second = store.write(|w| w.insert_category("一类")).unwrap();
    assert!(matches!(
        store.write(|w| w.rename_category(second, "镇街")),
        Err(StoreError::Rejected(_))
    ));
    store
        .write(|w| w.rename_category(category, "镇（街道）"))
        .unwrap();
    let names: Vec<String> = store
        .categories()
        .unwrap()
        .into_iter()
        .map(|c| c.name)
        .collect();
    assert_eq!(names, ["镇（街道）", "一类"]);
}

fn indicator_set(year: i32, category_id: i64) -> IndicatorSet {
    IndicatorSet {
        id: 0,
        year,
        category_id,
        bonus_cap: Points::whole(5),
        is_final: false,
        indicators: vec![
            Indicator {
                id: 0,
                name: "组织领导".into(),
                points: Points::whole(60),
                criteria: "未调整扣1分".into(),
                method: "查文件".into(),
            },
            Indicator {
                id: 0,
                name: "事故控制".into(),
                points: Points(4000),
                criteria: String::new(),
                method: String::new(),
            },
        ],
        items: vec![
            RuleItem {
                id: 0,
                kind: ItemKind::Bonus,
                name: "省级推广".into(),
                points: Points::whole(1),
                cap: Some(Points::whole(3)),
            },
            RuleItem {
                id: 0,
                kind: ItemKind::Veto,
                name: "较大事故".into(),
                points: Points::ZERO,
                cap: None,
            },
        ],
    }
}

#[test]
fn the_whole_year_round_trips() {
    let (mut store, category) = store_with_category();
    // Worked through on the signing day: 定稿 may not come after it, nor it after today.
    let signing_day = chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap();
    store.set_clock(signing_day.and_hms_opt(9, 30, 0).unwrap());
    let mut year = Year::new(2025, "示例市人民政府");
    year.planned_signing_date = chrono::NaiveDate::from_ymd_opt(2025, 3, 15);
    year.party_a_signatory_title = "副市长".into();
    let draft = TemplateDraft {
        year: 2025,
        category_id: category,
        title_pattern: "{年度}年度安全生产目标管理责任书".into(),
        preamble: "{甲方}与{单位名称}签订本责任书。".into(),
        sections: vec![Section {
            heading: "目标".into(),
            clauses: vec!["（一）{控制指标}。".into()],
        }],
    };
    let tailoring = Tailoring {
        control_targets: vec![ControlTarget {
            name: "死亡人数控制在".into(),
            limit: "2人以内".into(),
        }],
        clause_changes: vec![ClauseChange::Add {
            section: 0,
            heading: String::new(),
            text: "（二）特别条款。".into(),
        }],
    };
    let (template, set, unit_id, agreement_id) = store
        .write(|w| {
            w.insert_year(&year)?;
            let template = w.insert_template(&draft)?;
            let again = w.insert_template(&draft)?;
            assert_eq!((template.version, again.version), (1, 2));
            let set = w.insert_indicator_set(&indicator_set(2025, category))?;
            let unit_id = w.insert_unit(&unit("响嘡街道办事处", category))?;
            let agreement = AgreementDraft {
                year: 2025,
                unit_id,
                category_id: category,
                template_id: template.id,
                number: 1,
                tailoring: tailoring.clone(),
                copies: 3,
            };
            let agreement_id = w.insert_agreement(&agreement)?;
            Ok((template, set, unit_id, agreement_id))
        })
        .unwrap();

    assert_eq!(store.year(2025).unwrap().unwrap(), year);
    assert_eq!(store.templates(2025).unwrap().first(), Some(&template));
    assert_eq!(store.indicator_sets(2025).unwrap(), vec![set.clone()]);
    let agreements = store.agreements(2025).unwrap();
    assert_eq!(agreements.len(), 1);
    assert_eq!(agreements[0].draft.tailoring, tailoring);
    assert_eq!(agreements[0].status, AgreementStatus::Draft);
    assert_eq!(agreements[0].draft.unit_id, unit_id);

    let signing = Signing {
        signed_on: chrono::NaiveDate::from_ymd_opt(2025, 3, 12).unwrap(),
        party_a_signatory: "许喆然".into(),
        party_b_signatory: "齐堃".into(),
        copies_returned: 2,
    };
    let content = zerenshu::workflow::lifecycle::YearBasis::load(&store, 2025)
        .unwrap()
        .build(&agreements[0])
        .unwrap();
    store.write(|w| w.finalize(agreement_id, &content)).unwrap();
    // The signature copies come from the print file: 已签订 waits for 已打印.
    let refused = store.write(|w| w.mark_signed(agreement_id, &signing));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("当前为“已定稿”") && m.contains("须先标记已打印")),
        "{refused:?}"
    );
    // A printing day after today is a slip, refused by the store as by the dialog.
    let tomorrow = signing_day + chrono::Days::new(1);
    let refused = store.write(|w| w.mark_printed(agreement_id, tomorrow));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("晚于今天")),
        "{refused:?}"
    );
    store
        .write(|w| w.mark_printed(agreement_id, signing_day))
        .unwrap();
    // A signing date outside the agreement's year (or the last weeks before it) is refused.
    // (A day still to come is said to be ahead of today first.)
    for (slip, said) in [
        ((2026, 11, 30), "晚于今天"),
        ((2023, 12, 20), "不在 2025 年度责任书的签订期内"),
    ] {
        let wrong = Signing {
            signed_on: chrono::NaiveDate::from_ymd_opt(slip.0, slip.1, slip.2).unwrap(),
            ..signing.clone()
        };
        let refused = store.write(|w| w.mark_signed(agreement_id, &wrong));
        assert!(
            matches!(&refused, Err(StoreError::Rejected(m)) if m.contains(said)),
            "{refused:?}"
        );
    }
    store
        .write(|w| w.mark_signed(agreement_id, &signing))
        .unwrap();
    let signed = store.agreements(2025).unwrap().remove(0);
    assert_eq!(
        (signed.status, signed.signed_on, signed.copies_returned),
        (AgreementStatus::Signed, Some(signing.signed_on), 2)
    );
    assert_eq!(signed.content_hash, Some(content.hash()));

    let first = set.indicators[0].id;
    let score = Score {
        agreement_id,
        indicator_id: first,
        self_score: Some(Points(5950)),
        assessed_score: Some(Points(5800)),
        note: "查阅会议纪要".into(),
        self_note: "会议纪要已上传".into(),
    };
    let bonus = Adjustment {
        id: 0,
        agreement_id,
        item_id: Some(set.items[0].id),
        kind: AdjustmentKind::Bonus,
        points: Points::whole(1),
        reason: "省级推广".into(),
        matter: "网格化隐患排查".into(),
    };
    let veto = Veto {
        agreement_id,
        item_id: Some(set.items[1].id),
        reason: "较大事故".into(),
    };
    store
        .write(|w| {
            w.upsert_score(&score)?;
            w.insert_adjustment(&bonus)?;
            w.set_veto(&veto)
        })
        .unwrap();
    assert_eq!(store.scores(2025).unwrap(), vec![score]);
    let stored = &store.adjustments(2025).unwrap()[0];
    assert_eq!(
        (stored.reason.as_str(), stored.matter.as_str()),
        ("省级推广", "网格化隐患排查")
    );
    let too_much = Adjustment {
        points: Points::whole(2),
        ..bonus.clone()
    };
    let refused = store.write(|w| w.insert_adjustment(&too_much)).unwrap_err();
    assert_eq!(
        refused.to_string(),
        "“省级推广”每项最多 1 分，加分不能超过 1 分"
    );
    assert_eq!(store.adjustments(2025).unwrap().len(), 1);
    assert_eq!(store.vetoes(2025).unwrap(), vec![veto]);

    let duplicate = AgreementDraft {
        year: 2025,
        unit_id,
        category_id: category,
        template_id: template.id,
        number: 2,
        tailoring: Tailoring::default(),
        copies: 3,
    };
    assert!(
        matches!(
            store.write(|w| w.insert_agreement(&duplicate)),
            Err(StoreError::Rejected(_))
        ),
        "one agreement per year and unit"
    );
}

#[test]
fn templates_with_unknown_placeholders_are_refused() {
    let (mut store, category) = store_with_category();
    store
        .write(|w| w.insert_year(&Year::new(2025, "示例市人民政府")))
        .unwrap();
    let draft = TemplateDraft {
        year: 2025,
        category_id: category,
        title_pattern: "{年份}责任书".into(),
        preamble: String::new(),
        sections: vec![],
    };
    let result = store.write(|w| w.insert_template(&draft));
    assert!(
        matches!(result, Err(StoreError::Rejected(message)) if message.contains("未知的占位符“{年份}”"))
    );
}

#[test]
fn check_constraints_refuse_what_must_never_be() {
    let path = tempfile::tempdir().unwrap().keep().join("checks.sqlite3");
    let mut store = Store::open(&path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.pragma_update(None, "foreign_keys", true).unwrap();
    let refused = |sql: &str| assert!(conn.execute(sql, []).is_err(), "should be refused: {sql}");
    refused("UPDATE indicators SET points = -1 WHERE id = 1");
    refused("UPDATE agreements SET status = 'lost' WHERE id = 1");
    refused("UPDATE units SET kind = 'castle' WHERE id = 1");
    refused("UPDATE scores SET assessed_score = 999999 WHERE rowid = 1");
    refused("UPDATE scores SET self_score = -5 WHERE rowid = 1");
    refused(
        "INSERT INTO agreements (year, unit_id, category_id, template_id, number) VALUES (2030, 1, 1, 1, 99)",
    );
    refused("UPDATE agreements SET status = 'signed', signed_on = NULL WHERE status = 'printed'");
    refused("UPDATE years SET phase = 'done'");
}
