//! The signing workflow over a real store: batch drafting, the lifecycle with its freeze
//! trigger, template versions, indicator sets, rollover and the listing.

// Tests unwrap freely: a panic is the failure report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::similar_names
)]

use rusqlite::Connection;
use zerenshu::model::{AgreementStatus, ClauseChange, Points, Tailoring};
use zerenshu::store::{Store, StoreError, TemplateSaved};
use zerenshu::workflow::{drafting, lifecycle, listing, rollover};

use crate::support::{demo_store, zerenshu_command};

/// The first 2025 draft of `store` and the template version it was drawn from.
fn first_draft(store: &Store) -> (zerenshu::model::Agreement, zerenshu::model::Template) {
    let draft = crate::first_agreement::first_with_status(store, AgreementStatus::Draft);
    let template = store
        .templates(2025)
        .unwrap()
        .into_iter()
        .find(|t| t.id == draft.draft.template_id)
        .unwrap();
    (draft, template)
}

fn demo_file() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    let mut store = Store::open(&path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    (dir, path, store)
}

#[test]
fn rollover_copies_exactly_the_year_settings_templates_and_indicators() {
    let mut store = demo_store();
    let numbered = zerenshu::document::NoticeWording {
        document_number: "示政通〔2026〕1号".to_owned(),
        ..zerenshu::workflow::notice::wording(&store, 2025).unwrap()
    };
    zerenshu::workflow::notice::save_wording(&mut store, 2025, &numbered).unwrap();
    let report = rollover::rollover(&mut store, 2025, 2026).unwrap();
    assert_eq!((report.templates, report.indicator_sets), (4, 4));
    assert!(report.unprepared.is_empty(), "{:?}", report.unprepared);
    // One entry names the rollover as a whole, last of its transaction.
    let logged = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(
        (logged.action.as_str(), logged.entity_id.as_str()),
        ("年度结转", "2026")
    );
    assert_eq!(
        logged.after_json.as_deref(),
        Some(r#"{"indicator_sets":4,"rolled_from":2025,"templates":4}"#)
    );
    let (old, new) = (
        store.year(2025).unwrap().unwrap(),
        store.year(2026).unwrap().unwrap(),
    );
    assert_eq!(new.party_a_name, old.party_a_name);
    assert_eq!(new.party_a_signatory_title, old.party_a_signatory_title);
    assert_eq!(new.party_a_signatory_name, old.party_a_signatory_name);
    assert_eq!(new.grade_bands, old.grade_bands);
    assert_eq!(new.full_score, old.full_score);
    assert_eq!(
        new.planned_signing_date,
        chrono::NaiveDate::from_ymd_opt(2026, 3, 15)
    );
    assert_eq!(new.phase, zerenshu::model::Phase::Preparing);
    assert!(
        store.agreements(2026).unwrap().is_empty(),
        "agreements are not copied"
    );
    // The notice's wording carries over, but not last year's 发文字号.
    let (old_wording, new_wording) = (
        zerenshu::workflow::notice::wording(&store, 2025).unwrap(),
        zerenshu::workflow::notice::wording(&store, 2026).unwrap(),
    );
    assert_eq!(old_wording.document_number, "示政通〔2026〕1号");
    assert_eq!(new_wording.document_number, "");
    assert_eq!(new_wording.addressee, old_wording.addressee);
    let templates = store.templates(2026).unwrap();
    assert_eq!(templates.len(), 4);
    assert!(
        templates
            .iter()
            .all(|t| t.version == 1 && t.content.year == 2026)
    );
    // Each category's current 2025 template, word for word, as 2026's first version.
    let old_templates = store.templates(2025).unwrap();
    for new in &templates {
        let current = old_templates
            .iter()
            .filter(|t| t.content.category_id == new.content.category_id)
            .max_by_key(|t| t.version)
            .unwrap();
        let mut expected = current.content.clone();
        expected.year = 2026;
        assert_eq!(new.content, expected);
    }
    let (old_sets, new_sets) = (
        store.indicator_sets(2025).unwrap(),
        store.indicator_sets(2026).unwrap(),
    );
    assert_eq!(old_sets.len(), new_sets.len());
    assert!(
        old_sets
            .iter()
            .flat_map(|s| &s.items)
            .any(|i| i.cap.is_some()),
        "the demo has a rule with its own limit, which must come over"
    );
    for (old, new) in old_sets.iter().zip(&new_sets) {
        // Everything but database ids, the year and the final mark (reviewed again).
        let rows = |s: &zerenshu::model::IndicatorSet| {
            s.indicators
                .iter()
                .map(|i| {
                    (
                        i.name.clone(),
                        i.points,
                        i.criteria.clone(),
                        i.method.clone(),
                    )
                })
                .collect::<Vec<_>>()
        };
        let items = |s: &zerenshu::model::IndicatorSet| {
            s.items
                .iter()
                .map(|i| (i.kind, i.name.clone(), i.points, i.cap))
                .collect::<Vec<_>>()
        };
        assert_eq!(new.category_id, old.category_id);
        assert_eq!(new.bonus_cap, old.bonus_cap);
        assert_eq!(rows(old), rows(new));
        assert_eq!(items(old), items(new));
        assert!(!new.is_final);
    }
    let again = rollover::rollover(&mut store, 2025, 2026);
    assert!(matches!(again, Err(StoreError::Rejected(m)) if m.contains("已存在")));
    // An older year is not rolled over past a newer one.
    let years = store.years().unwrap().len();
    let older = rollover::rollover(&mut store, 2024, 2027);
    assert!(
        matches!(&older, Err(StoreError::Rejected(m)) if m == "只能从最新的年度结转：已有 2026 年度，请从 2026 年度结转"),
        "{older:?}"
    );
    assert_eq!(store.years().unwrap().len(), years);
    // Nor is a year skipped.
    let skipped = rollover::rollover(&mut store, 2026, 2028);
    assert!(
        matches!(&skipped, Err(StoreError::Rejected(m)) if m == "只能结转到下一年度：2026 年度之后是 2027 年度"),
        "{skipped:?}"
    );
    assert_eq!(store.years().unwrap().len(), years);
}

#[test]
fn after_a_rollover_the_old_year_names_its_units_as_they_stood() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    // 城关街道 gets a new name and principal for 2026.
    let mut unit = store.units().unwrap().remove(0);
    unit.fields.name = "城关新区街道办事处".into();
    unit.fields.principal_name = "柏闻溪".into();
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    let first_line = |year| listing::lines(&store, year, None, today()).unwrap()[1].clone();
    assert!(
        first_line(2025).contains("城关街道办事处"),
        "{}",
        first_line(2025)
    );
    assert!(first_line(2024).contains("城关街道办事处"));
    let old = store.units_in(2025).unwrap().remove(0);
    assert_eq!(old.fields.principal_name, zerenshu::demo::person_name(0));
    assert_eq!(
        store.units_in(2026).unwrap()[0].fields.name,
        "城关新区街道办事处"
    );
    let results = zerenshu::workflow::results::year_results(&store, 2024).unwrap();
    assert_eq!(results[0].units[0].unit_name, "城关街道办事处");
    // The kept versions are written once, audited, and a second rollover keeps them.
    rollover::rollover(&mut store, 2026, 2027).unwrap();
    assert_eq!(
        store.units_in(2025).unwrap()[0].fields.name,
        "城关街道办事处"
    );
    assert_eq!(
        store.units_in(2026).unwrap()[0].fields.name,
        "城关新区街道办事处"
    );
}

#[test]
fn a_rollover_names_a_category_in_use_that_has_nothing_to_draft_from() {
    let mut store = demo_store();
    let category = store.write(|w| w.insert_category("专项类")).unwrap();
    let mut draft = zerenshu::model::UnitDraft::empty(category);
    draft.name = "示例市档案馆".into();
    draft.kind = zerenshu::model::UnitKind::Department;
    store.write(|w| w.insert_unit(&draft)).unwrap();
    let report = rollover::rollover(&mut store, 2025, 2026).unwrap();
    assert_eq!(
        report.unprepared,
        [
            "“专项类”还没有模板和考核指标：先在“责任书 → 模板”中写好模板才能起草，在“责任书 → 考核指标”中填好并定稿后责任书才能定稿"
        ]
    );
}

#[test]
fn a_unit_added_before_a_rollover_enters_no_earlier_years_kept_roster() {
    let mut store = demo_store();
    let category = store.categories().unwrap()[1].id;
    let mut draft = zerenshu::model::UnitDraft::empty(category);
    draft.name = "示例市审计局".into();
    draft.kind = zerenshu::model::UnitKind::Department;
    store.write(|w| w.insert_unit(&draft)).unwrap();
    let logged_before = store.audit_entries(100_000).unwrap().len();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    // Only 2025, which read the register until now, keeps its units; 2023 and 2024 keep the
    // rosters they had (their kept rows can never be changed or taken out again).
    let audit = store.audit_entries(100_000).unwrap();
    let new_entries = audit.len() - logged_before;
    let kept: Vec<&str> = (audit.iter().take(new_entries))
        .filter(|e| e.action == "保存年度单位信息")
        .map(|e| e.entity_id.as_str())
        .collect();
    assert_eq!(kept, ["2025"]);
    assert!(
        store
            .units_in(2025)
            .unwrap()
            .iter()
            .any(|u| u.fields.name == "示例市审计局"),
        "2025 kept the register as it stood"
    );
    assert!(
        !(store.units_in(2024).unwrap().iter()).any(|u| u.fields.name == "示例市审计局"),
        "2024 kept its own roster, without the unit added since"
    );
}

#[test]
fn a_unit_added_after_a_rollover_is_not_one_of_the_old_years_units() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let category = store.categories().unwrap()[1].id;
    let mut draft = zerenshu::model::UnitDraft::empty(category);
    draft.name = "示例市数据局".into();
    draft.kind = zerenshu::model::UnitKind::Department;
    store.write(|w| w.insert_unit(&draft)).unwrap();
    let has_it =
        |units: Vec<zerenshu::model::Unit>| units.iter().any(|u| u.fields.name == "示例市数据局");
    assert!(has_it(store.units_in(2026).unwrap()));
    assert!(!has_it(store.units_in(2025).unwrap()));
    assert!(!has_it(store.units_in(2024).unwrap()));
    // Not drafted into 2025, which it did not exist in.
    let plan = drafting::plan(&store, 2025, None).unwrap();
    assert!(!has_it(plan.to_draft.clone()), "{:?}", plan.to_draft);
    let report = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert_eq!(report.created, 46);
}

#[test]
fn batch_drafting_twice_creates_no_duplicates() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut calls = 0;
    let first = drafting::draft(&mut store, 2026, None, |_, _| calls += 1).unwrap();
    assert_eq!(first.created, 45);
    assert_eq!(calls, 45, "progress is reported per agreement");
    let second = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert_eq!(second.created, 0);
    assert_eq!(second.skipped.len(), 45);
    let agreements = store.agreements(2026).unwrap();
    assert_eq!(agreements.len(), 45);
    let numbers: std::collections::BTreeSet<i64> =
        agreements.iter().map(|a| a.draft.number).collect();
    assert_eq!(numbers.len(), 45);
    // Last year's control targets carry over.
    let old = store.agreements(2025).unwrap();
    assert_eq!(
        agreements[0].draft.tailoring.control_targets,
        old[0].draft.tailoring.control_targets
    );
}

#[test]
fn drafting_a_subset_and_archived_units_stay_out() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let units = store.units().unwrap();
    store
        .write(|w| w.set_unit_active(units[1].id, false))
        .unwrap();
    let report = drafting::draft(&mut store, 2026, Some(&[units[0].id]), |_, _| {}).unwrap();
    assert_eq!(report.created, 1);
    let rest = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert_eq!(
        rest.created, 43,
        "45 minus the one drafted and the archived one"
    );
}

#[test]
fn the_lifecycle_freezes_the_text_and_a_direct_update_is_refused() {
    let (_dir, path, mut store) = demo_file();
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    let tailoring = Tailoring {
        clause_changes: vec![ClauseChange::Add {
            section: 1,
            heading: String::new(),
            text: "（七）本镇特有任务。".into(),
        }],
        ..draft.draft.tailoring.clone()
    };
    // A misspelt placeholder is refused when the change is stored, not first at 定稿.
    let misspelt = Tailoring {
        clause_changes: vec![ClauseChange::Add {
            section: 1,
            heading: String::new(),
            text: "（七）{单位明称}特有任务。".into(),
        }],
        ..draft.draft.tailoring.clone()
    };
    let refused = store
        .write(|w| w.set_tailoring(draft.id, &misspelt))
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("【（七）{单位明称}特有任务。】未知的占位符“{单位明称}”"),
        "{refused}"
    );
    store
        .write(|w| w.set_tailoring(draft.id, &tailoring))
        .unwrap();
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    let content = store.issued_content(draft.id).unwrap().unwrap();
    assert!(
        content.sections[1]
            .clauses
            .iter()
            .any(|c| c == "（七）本镇特有任务。")
    );
    let finalized = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.id == draft.id)
        .unwrap();
    assert_eq!(
        finalized.content_hash.as_deref(),
        Some(content.hash().as_str())
    );

    let refused = store.write(|w| w.set_tailoring(draft.id, &Tailoring::default()));
    assert!(matches!(refused, Err(StoreError::Rejected(m)) if m.contains("已定稿")));
    let conn = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE agreements SET tailoring_json = '{}' WHERE id = ?1",
        "UPDATE agreements SET issued_json = '{}' WHERE id = ?1",
        "UPDATE agreements SET content_hash = 'x' WHERE id = ?1",
        "UPDATE agreements SET template_id = template_id + 1 WHERE id = ?1",
    ] {
        let error = conn.execute(sql, [draft.id]).unwrap_err().to_string();
        assert!(
            error.contains("责任书已定稿，文本不能修改"),
            "{sql}: {error}"
        );
    }
    // The way around: back to 草稿 with the text rewritten in the same statement, or back to
    // 草稿 without the audited reason, then 定稿 again; and deleting the issued agreement.
    for sql in [
        "UPDATE agreements SET status = 'draft', issued_json = replace(issued_json, '镇', '乡') WHERE id = ?1",
        "UPDATE agreements SET status = 'draft', issued_json = NULL, content_hash = NULL WHERE id = ?1",
        "DELETE FROM agreements WHERE id = ?1",
    ] {
        let error = conn.execute(sql, [draft.id]).unwrap_err().to_string();
        assert!(
            error.contains("退回草稿") || error.contains("不能删除"),
            "{sql}: {error}"
        );
    }
    assert!(store.check().unwrap().altered_texts.is_empty());

    assert!(
        store.write(|w| w.revert_to_draft(draft.id, "  ")).is_err(),
        "a reason is required"
    );
    store
        .write(|w| w.revert_to_draft(draft.id, "条款笔误，需更正"))
        .unwrap();
    let audit = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(audit.action, "退回草稿");
    assert!(audit.after_json.unwrap().contains("条款笔误，需更正"));
    assert!(store.issued_content(draft.id).unwrap().is_none());
}

#[test]
fn printed_signed_archived_and_the_signed_copy_comes_back_as_pdf() {
    let mut store = demo_store();
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    assert!(
        store
            .write(|w| w.archive(draft.id, "scan.png", &zerenshu::demo::signed_copy_png()))
            .is_err()
    );
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    store.set_clock(date.and_hms_opt(9, 30, 0).unwrap());
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    lifecycle::mark_printed(&mut store, 2025, &[draft.id], date).unwrap();
    lifecycle::mark_signed(&mut store, 2025, &[draft.id], date).unwrap();
    assert!(
        store
            .write(|w| w.archive(draft.id, "scan.txt", b"plain text"))
            .is_err(),
        "only PDF, PNG or JPEG"
    );
    let png = zerenshu::demo::signed_copy_png();
    store
        .write(|w| w.archive(draft.id, "scan.png", &png))
        .unwrap();
    let signed = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.id == draft.id)
        .unwrap();
    assert_eq!(signed.status, AgreementStatus::Archived);
    assert_eq!(signed.signed_on, Some(date));
    assert_eq!(signed.copies_returned, signed.draft.copies);
    let scan = store.scan(draft.id).unwrap().unwrap();
    assert_eq!(scan.files[0].bytes, png);
    assert_eq!(
        scan.files[0].sha256,
        zerenshu::model::agreement::content_hash(&png)
    );
    let pdf = zerenshu::workflow::signed_copy::signed_copy_of(&store, &signed, &scan).unwrap();
    assert!(pdf.starts_with(b"%PDF-"));
    assert!(
        store
            .write(|w| w.revert_to_draft(draft.id, "想改"))
            .is_err(),
        "a signed agreement cannot go back"
    );
    let code = &signed.content_hash.unwrap()[..12];
    assert_eq!(store.agreement_by_code(code).unwrap().unwrap().id, draft.id);
}

#[test]
fn editing_a_template_in_use_makes_a_new_version_and_drafts_follow() {
    let mut store = demo_store();
    // A published year drafts nothing more: its template is not saved.
    let published = store.templates(2024).unwrap().remove(0);
    let mut edited = published.content.clone();
    edited.preamble.push_str("（修订）");
    let refused = store
        .write(|w| w.save_template(Some(published.id), &edited))
        .unwrap_err()
        .to_string();
    assert!(refused.contains("2024 年度考核结果已通报"), "{refused}");
    let agreements = store.agreements(2025).unwrap();
    let town = &agreements[0];
    let template = store
        .templates(2025)
        .unwrap()
        .into_iter()
        .find(|t| t.id == town.draft.template_id)
        .unwrap();
    // Saved as it is: nothing written, no version made, no draft moved.
    let entries = store.audit_entries(1_000_000).unwrap().len();
    let unchanged = store
        .write(|w| w.save_template(Some(template.id), &template.content))
        .unwrap();
    assert_eq!(unchanged, TemplateSaved::Unchanged(template.clone()));
    assert_eq!(store.audit_entries(1_000_000).unwrap().len(), entries);
    let mut draft = template.content.clone();
    draft.preamble.push_str("（修订）");
    let saved = store
        .write(|w| w.save_template(Some(template.id), &draft))
        .unwrap();
    let TemplateSaved::NewVersion(new, moved) = saved else {
        panic!("expected a new version")
    };
    assert_eq!(new.version, 2);
    // The log keeps the version it came from as its before: the change can be read there.
    let made = (store.audit_entries(1_000_000).unwrap().into_iter())
        .find(|e| e.action == "新增模板版本" && e.entity_id == new.id.to_string())
        .unwrap();
    let before = made.before_json.unwrap();
    assert!(before.contains(&template.content.preamble) && !before.contains("（修订）"));
    let after = store.agreements(2025).unwrap();
    let users = |id| after.iter().filter(move |a| a.draft.template_id == id);
    assert!(
        users(template.id).all(|a| a.status.is_issued()),
        "issued agreements keep version 1"
    );
    assert_eq!(users(new.id).count(), moved);
    assert!(users(new.id).all(|a| a.status == AgreementStatus::Draft));
    let logged = store
        .audit_entries(1000)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "改用新模板版本")
        .count();
    assert_eq!(logged, moved, "each moved draft is in the audit log");
    let mut bad = draft.clone();
    bad.title_pattern = "{单位名}".into();
    assert!(
        store
            .write(|w| w.save_template(Some(new.id), &bad))
            .is_err(),
        "unknown placeholders are refused"
    );
    // A part heading or the title left empty would print a bare "二、" or no title.
    let mut headless = draft.clone();
    headless.sections[1].heading = "  ".into();
    headless.title_pattern = String::new();
    let refused = store
        .write(|w| w.save_template(Some(new.id), &headless))
        .unwrap_err()
        .to_string();
    assert!(refused.contains("【第 2 部分标题】是空的"), "{refused}");
    assert!(refused.contains("【标题】是空的"), "{refused}");
    draft.preamble.push_str("（再修订）");
    let unused = store
        .write(|w| w.save_template(Some(new.id), &draft))
        .unwrap();
    assert!(
        matches!(unused, TemplateSaved::InPlace(_)),
        "a version only drafts use is edited in place"
    );
}

#[test]
fn an_indicator_set_with_a_repeated_name_or_a_row_of_another_set_is_not_saved() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let sets = store.indicator_sets(2026).unwrap();
    let (set, other) = (&sets[0], &sets[1]);
    let mut repeated = set.clone();
    repeated.indicators[2]
        .name
        .clone_from(&set.indicators[0].name);
    let refused = store.write(|w| w.save_indicator_set(&repeated));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.starts_with("第 1、3 项指标同名")),
        "{refused:?}"
    );
    // A row whose id belongs to another set (an editor opened before it was moved or
    // deleted) is not dropped in silence.
    let mut stale = set.clone();
    stale.indicators[1].id = other.indicators[1].id;
    stale.indicators[1].name = "改过的名称".into();
    let refused = store.write(|w| w.save_indicator_set(&stale));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("“改过的名称”已不在这套考核指标中")),
        "{refused:?}"
    );
    assert_eq!(store.indicator_sets(2026).unwrap(), sets, "nothing changed");
}

#[test]
fn an_indicator_set_is_final_only_when_it_sums_to_the_full_score() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut set = store.indicator_sets(2026).unwrap().remove(0);
    set.indicators[0].points = Points::whole(1);
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    let refused = store.write(|w| w.set_indicator_set_final(set.id, true));
    assert!(matches!(refused, Err(StoreError::Rejected(m)) if m.contains("应为 100")));
    set.indicators[0].points = Points::whole(6);
    set.indicators.swap(0, 1);
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    store
        .write(|w| w.set_indicator_set_final(set.id, true))
        .unwrap();
    let stored = store.indicator_sets(2026).unwrap().remove(0);
    assert!(stored.is_final);
    assert_eq!(
        stored.indicators[0].name, set.indicators[0].name,
        "order is kept"
    );
    assert!(
        store.write(|w| w.save_indicator_set(&set)).is_err(),
        "a final set is not edited"
    );
    let signed = store.indicator_sets(2024).unwrap().remove(0);
    let refused = store.write(|w| w.set_indicator_set_final(signed.id, false));
    assert!(
        matches!(refused, Err(StoreError::Rejected(m)) if m.contains("不能取消定稿")),
        "the indicators of signed agreements stay as signed"
    );

    // Drafts only: the set may be reopened, but a scored row is never deleted.
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let agreement = store.agreements(2026).unwrap()[0].clone();
    let mut scored = store
        .indicator_sets(2026)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let last = scored.indicators.last().unwrap().id;
    store
        .write(|w| {
            w.change_score(
                &zerenshu::model::Score {
                    agreement_id: agreement.id,
                    indicator_id: last,
                    self_score: Some(Points::whole(1)),
                    assessed_score: None,
                    note: String::new(),
                    self_note: String::new(),
                },
                None,
            )
        })
        .unwrap();
    if scored.is_final {
        store
            .write(|w| w.set_indicator_set_final(scored.id, false))
            .unwrap();
    }
    scored.indicators.pop();
    let refused = store.write(|w| w.save_indicator_set(&scored));
    assert!(matches!(refused, Err(StoreError::Rejected(m)) if m.contains("已有评分")));
}

#[test]
fn the_listing_has_one_line_per_agreement_and_filters_by_status() {
    let store = demo_store();
    let all = listing::lines(&store, 2025, None, today()).unwrap();
    assert_eq!(all.len(), 46, "header and 45 agreements");
    let printed = listing::lines(&store, 2025, listing::parse_status("已打印"), today()).unwrap();
    assert_eq!(printed.len(), 10);
    assert!(printed[1].contains("\t已打印\t"));
    assert_eq!(
        listing::parse_status("signed"),
        Some(listing::StatusFilter::Is(AgreementStatus::Signed))
    );
    // Who has not returned the signed copy: 草稿, 已定稿 and 已打印 together.
    let out = listing::lines(&store, 2025, listing::parse_status("未签订"), today()).unwrap();
    assert_eq!(out.len(), 1 + 27);
    assert!(out[1..].iter().all(|l| {
        ["\t草稿\t", "\t已定稿\t", "\t已打印\t"]
            .iter()
            .any(|s| l.contains(s))
    }));
    // Every copy back: 已签订 and 已归档 together, typed as the window's filter says it.
    for typed in ["已签订（含已归档）", "已签订(含已归档)", "已签订含已归档"]
    {
        let back = listing::lines(&store, 2025, listing::parse_status(typed), today()).unwrap();
        assert_eq!(back.len(), 1 + 18, "{typed}");
        assert!(
            back[1..]
                .iter()
                .all(|l| { ["\t已签订\t", "\t已归档\t"].iter().any(|s| l.contains(s)) })
        );
    }
    assert!(listing::lines(&store, 1999, None, today()).is_err());
    // Past the planned signing date (2025-03-15) the ones still out are marked 逾期, and 逾期
    // lists only them; before it, none is.
    let after = chrono::NaiveDate::from_ymd_opt(2025, 3, 16).unwrap();
    let overdue = listing::lines(&store, 2025, listing::parse_status("逾期"), after).unwrap();
    assert_eq!(overdue.len(), 1 + 27);
    assert!(overdue[1..].iter().all(|l| l.ends_with("\t逾期")));
    assert!(all[0].ends_with("\t逾期"), "the header names the column");
    let before = chrono::NaiveDate::from_ymd_opt(2025, 3, 15).unwrap();
    let none = listing::lines(&store, 2025, listing::parse_status("逾期"), before).unwrap();
    assert_eq!(none.len(), 1);
    // An archived unit's agreement is marked so, as the window marks it, and is not 逾期.
    let mut store = store;
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    store
        .write(|w| w.set_unit_active(draft.draft.unit_id, false))
        .unwrap();
    let all = listing::lines(&store, 2025, None, after).unwrap();
    let line = (all.iter())
        .find(|l| l.starts_with(&format!("{}\t", draft.draft.number)))
        .unwrap();
    assert!(line.contains("（已归档单位）\t"), "{line}");
    assert!(line.ends_with("\t-"), "{line}");
}

#[test]
fn check_finds_a_frozen_text_altered_behind_the_triggers_back() {
    let (_dir, path, store) = demo_file();
    assert!(store.check().unwrap().is_ok());
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER agreements_frozen_text;
         UPDATE agreements SET issued_json = replace(issued_json, '示例市', '某市')
         WHERE id = (SELECT min(id) FROM agreements WHERE year = 2025 AND status = 'final');",
    )
    .unwrap();
    drop(conn);
    let report = Store::check_file(&path).unwrap();
    assert!(!report.is_ok());
    assert_eq!(report.altered_texts.len(), 1, "{report}");
    assert!(report.to_string().contains("与定稿时的校验码不符"));
}

#[test]
fn tailoring_follows_its_clause_into_a_new_template_version_and_a_lost_clause_blocks_finalizing() {
    let mut store = demo_store();
    let (draft, template) = first_draft(&store);
    let second = template.content.sections[1].clauses[1].clone();
    let tailoring = Tailoring {
        clause_changes: vec![ClauseChange::Drop {
            section: 1,
            clause: 1,
            original: second.clone(),
        }],
        ..draft.draft.tailoring.clone()
    };
    store
        .write(|w| w.set_tailoring(draft.id, &tailoring))
        .unwrap();

    // A clause inserted before it: the drop still removes the same clause.
    let mut inserted = template.content.clone();
    inserted.sections[1]
        .clauses
        .insert(0, "（零）新增的第一条。".into());
    store
        .write(|w| w.save_template(Some(template.id), &inserted))
        .unwrap();
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    let content = store.issued_content(draft.id).unwrap().unwrap();
    let clauses = &content.sections[1].clauses;
    assert!(clauses.iter().any(|c| c == "（零）新增的第一条。"));
    assert!(!clauses.contains(&second), "still dropped");
    assert_eq!(clauses.len(), inserted.sections[1].clauses.len() - 1);
    store
        .write(|w| w.revert_to_draft(draft.id, "模板再次修订"))
        .unwrap();

    // The clause reworded in the template: the drop no longer finds it and 定稿 is refused.
    let current = store
        .templates(2025)
        .unwrap()
        .into_iter()
        .filter(|t| t.content.category_id == template.content.category_id)
        .max_by_key(|t| t.version)
        .unwrap();
    let mut reworded = current.content.clone();
    for clause in &mut reworded.sections[1].clauses {
        if *clause == second {
            clause.push_str("（修订）");
        }
    }
    let category = template.content.category_id;
    assert!(
        lifecycle::drafts_with_stale_changes(&store, 2025, category)
            .unwrap()
            .is_empty()
    );
    store
        .write(|w| w.save_template(Some(current.id), &reworded))
        .unwrap();
    // Said when the template is saved, naming the unit, not first at 定稿.
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap();
    assert_eq!(
        lifecycle::drafts_with_stale_changes(&store, 2025, category).unwrap(),
        [unit.fields.name]
    );
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(
        matches!(&error, StoreError::Rejected(m) if m.contains("1 处逐单位调整在现行模板中找不到原条款")),
        "{error}"
    );
    // In a selection with another draft, the message says that none was finalised, and none
    // was.
    let drafts: Vec<i64> = (store.agreements(2025).unwrap().into_iter())
        .filter(|a| a.status == AgreementStatus::Draft)
        .map(|a| a.id)
        .take(2)
        .collect();
    assert!(drafts.contains(&draft.id));
    let error = lifecycle::finalize(&mut store, 2025, &drafts).unwrap_err();
    assert!(
        error
            .to_string()
            .ends_with("所选 2 份均未定稿，请处理后再定稿"),
        "{error}"
    );
    assert!(
        (store.agreements(2025).unwrap().iter())
            .filter(|a| drafts.contains(&a.id))
            .all(|a| a.status == AgreementStatus::Draft)
    );
}

#[test]
fn an_archived_scan_is_never_changed_and_check_notices_one_altered_behind_its_back() {
    let (_dir, path, store) = demo_file();
    drop(store);
    let conn = Connection::open(&path).unwrap();
    for sql in [
        "UPDATE scans SET bytes = x'00' WHERE rowid = (SELECT min(rowid) FROM scans)",
        "DELETE FROM scans WHERE rowid = (SELECT min(rowid) FROM scans)",
        "INSERT OR REPLACE INTO scans SELECT agreement_id, version, page, file_name, media_type, x'00', sha256, added_at FROM scans LIMIT 1",
    ] {
        let error = conn.execute(sql, []).unwrap_err().to_string();
        assert!(error.contains("扫描件"), "{sql}: {error}");
    }
    conn.execute_batch(
        "DROP TRIGGER scans_kept_update;
         UPDATE scans SET bytes = x'00' WHERE rowid = (SELECT min(rowid) FROM scans);",
    )
    .unwrap();
    drop(conn);
    let report = Store::check_file(&path).unwrap();
    assert_eq!(report.altered_scans.len(), 1, "{report}");
    assert!(report.to_string().contains("1 份与归档时的校验值不符"));
    assert!(!report.is_ok());
    // Looked at read-only, the altered scan makes no signed copy, and a copy made before is
    // not said to match it (nor not to).
    let store = Store::open_read_only_because(&path, "文件已损坏").unwrap();
    let conn = Connection::open(&path).unwrap();
    let id: i64 = conn
        .query_row(
            "SELECT agreement_id FROM scans WHERE rowid = (SELECT min(rowid) FROM scans)",
            [],
            |r| r.get(0),
        )
        .unwrap();
    let dir = tempfile::tempdir().unwrap();
    let refused = zerenshu::workflow::signed_copy::export_signed(&store, id, dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        refused.contains("签订件扫描件与归档时的校验值不符"),
        "{refused}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let agreement = store.agreement(id).unwrap().unwrap();
    let checked = zerenshu::workflow::signed_copy::check_signed(&store, &agreement, b"%PDF-1.7");
    assert!(checked.is_err(), "{checked:?}");
}

#[test]
fn a_batch_drafts_in_the_copies_asked_and_a_draft_s_copies_change_until_final() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    assert!(drafting::draft_in_copies(&mut store, 2026, None, 0, |_, _| {}).is_err());
    drafting::draft_in_copies(&mut store, 2026, None, 5, |_, _| {}).unwrap();
    let drafts = store.agreements(2026).unwrap();
    assert!(drafts.iter().all(|a| a.draft.copies == 5));

    // 2025's first draft: its copies go into the text (一式{份数}份) and freeze at 定稿.
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    assert!(store.write(|w| w.set_copies(draft.id, 21)).is_err());
    store.write(|w| w.set_copies(draft.id, 4)).unwrap();
    assert_eq!(store.audit_entries(1).unwrap()[0].action, "修改份数");
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    let text = store.issued_content(draft.id).unwrap().unwrap().to_text();
    assert!(text.contains("本责任书一式四份"), "{text}");
    let refused = store.write(|w| w.set_copies(draft.id, 2));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("已定稿")),
        "{refused:?}"
    );
}

#[test]
fn list_into_a_closed_pipe_ends_quietly() {
    let (_dir, path, store) = demo_file();
    drop(store);
    // `zerenshu list … | head -0`: the reader is gone before the first line is written.
    let mut child = zerenshu_command()
        .args(["list", "--db", path.to_str().unwrap(), "--year", "2025"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let output = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(stderr.is_empty(), "{stderr}");
    assert_eq!(output.status.code(), Some(0), "{stderr}");
}

#[test]
fn publishing_a_year_records_the_day_the_notice_then_carries() {
    use zerenshu::workflow::notice::IssueDateSource;
    let mut store = demo_store();
    let today = chrono::Local::now().date_naive();
    assert_eq!(
        zerenshu::workflow::notice::default_issue_date(&store, 2024).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2025, 3, 18).unwrap(),
        "the demo's 2024 results were published on 18 March 2025"
    );
    // Before 2025 is published and with no notice of it exported, the date offered is today,
    // and said to be so.
    let source = |store: &zerenshu::store::Store, year| {
        zerenshu::workflow::notice::default_issue_date_and_source(store, year).unwrap()
    };
    assert_eq!(source(&store, 2025), (today, IssueDateSource::Today));
    assert!(IssueDateSource::Today.explanation().starts_with("今天"));
    assert_eq!(source(&store, 2024).1, IssueDateSource::Published);
    let mut year = store.year(2025).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let recorded = store
        .setting(&zerenshu::store::published_on_key(2025))
        .unwrap();
    assert_eq!(recorded, Some(today.format("%Y-%m-%d").to_string()));
    assert_eq!(
        zerenshu::workflow::notice::default_issue_date(&store, 2025).unwrap(),
        today
    );
    assert_eq!(source(&store, 2025), (today, IssueDateSource::Published));
    let exported = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2025, exported, false);
    assert_eq!(
        source(&store, 2025),
        (exported, IssueDateSource::LastNotice)
    );
    // Its export recorded while published, that notice is the one issued: its date stays.
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2025,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("导出的文件"),
    );
    assert_eq!(source(&store, 2025), (exported, IssueDateSource::Issued));
    let later = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let refusal = zerenshu::workflow::notice::issued_date_refusal(&store, 2025, later).unwrap();
    assert!(refusal.contains("2026年3月2日"), "{refusal}");
    assert_eq!(
        zerenshu::workflow::notice::issued_date_refusal(&store, 2025, exported),
        None
    );
    // A draft proofread before publication on the date offered fixes no date; one the clerk
    // chose does.
    let draft = chrono::NaiveDate::from_ymd_opt(2026, 1, 5).unwrap();
    let mut year = store.year(2025).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("复核"))).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2025, draft, false);
    assert_eq!(source(&store, 2025).0, exported, "unchanged by the draft");
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2025, draft, true);
    assert_eq!(source(&store, 2025), (draft, IssueDateSource::LastNotice));
    // Published again after its notice was issued: the corrected results are a notice of
    // their own, dated the day they are published again, and that day is the one on file.
    year.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert_eq!(source(&store, 2025), (today, IssueDateSource::Published));
    let publication = zerenshu::workflow::notice::publication(&store, 2025)
        .unwrap()
        .unwrap();
    let shown = zerenshu::model::dates::show_date(today);
    assert!(
        publication.starts_with(&format!("考核结果于 {shown} 通报")),
        "{publication}"
    );
}

/// A draft exported while a year is taken back is no issued notice: published again, the
/// year keeps its first day and the date the clerk chose.
#[test]
fn a_draft_exported_while_taken_back_leaves_the_notice_date_as_it_was() {
    use zerenshu::model::Phase;
    use zerenshu::workflow::notice::IssueDateSource;
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("复核"))).unwrap();
    let chosen = chrono::NaiveDate::from_ymd_opt(2025, 3, 25).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2024, chosen, true);
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("草稿.pdf"),
    );
    year.phase = Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert_eq!(
        zerenshu::workflow::notice::default_issue_date_and_source(&store, 2024).unwrap(),
        (chosen, IssueDateSource::LastNotice)
    );
    assert_eq!(
        store
            .setting(&zerenshu::store::published_on_key(2024))
            .unwrap()
            .as_deref(),
        Some("2025-03-18")
    );
}

#[test]
fn changes_after_publication_are_counted_until_the_year_is_published_again() {
    use zerenshu::model::Phase;
    let mut store = demo_store();
    // The demo entered 2024's results with the year: nothing changed since.
    assert_eq!(store.changes_since_published(2024).unwrap(), None);
    let adjustment = store.adjustments(2024).unwrap().remove(0);
    store
        .write(|w| w.delete_adjustment(adjustment.id, Some("重复录入")))
        .unwrap();
    let veto = store.vetoes(2024).unwrap().remove(0);
    store
        .write(|w| w.clear_veto(veto.agreement_id, Some("复核撤销")))
        .unwrap();
    // A note changed with a reason changes no published result.
    let score = store.scores(2024).unwrap().remove(0);
    store
        .write(|w| {
            w.change_score_note(
                score.agreement_id,
                score.indicator_id,
                "补记",
                Some("补记说明"),
            )
        })
        .unwrap();
    let changes = store.changes_since_published(2024).unwrap().unwrap();
    assert_eq!(changes.count, 2);
    assert!(changes.latest_at.is_some());
    // A score changed and put back, a bonus added and deleted again: the notice reads the
    // same, so they are no changes.
    let mut score = store.scores(2024).unwrap().remove(1);
    let published = score.assessed_score;
    for value in [Some(zerenshu::model::Points(0)), published] {
        score.assessed_score = value;
        store
            .write(|w| w.change_score(&score, Some("复核")))
            .unwrap();
    }
    let mut again = adjustment.clone();
    again.points = zerenshu::model::Points(50);
    let added = store
        .write(|w| w.add_adjustment(&again, Some("误录")))
        .unwrap();
    store
        .write(|w| w.delete_adjustment(added, Some("误录")))
        .unwrap();
    assert_eq!(store.changes_since_published(2024).unwrap(), Some(changes));
    // Another year's changes are not this one's.
    assert_eq!(store.changes_since_published(2023).unwrap(), None);
    // Taken back and published again: counted from the new publication. A published year
    // goes back to 考核 only, where its results are corrected.
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Signing;
    let refused = store
        .write(|w| w.update_year(&year, Some("更正")))
        .unwrap_err()
        .to_string();
    assert!(refused.contains("只能退回“考核”"), "{refused}");
    year.phase = Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("更正"))).unwrap();
    year.phase = Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert_eq!(store.changes_since_published(2024).unwrap(), None);
    // Published again, the year keeps the day it was first published (its notice's date).
    assert_eq!(
        store
            .setting(&zerenshu::store::published_on_key(2024))
            .unwrap()
            .as_deref(),
        Some("2025-03-18")
    );
}

/// The notice issued is the first one exported after publication: the changes made before it
/// are in it, and only those after it call for a correction.
#[test]
fn changes_are_counted_from_the_notice_issued_once_there_is_one() {
    let mut store = demo_store();
    let mut score = store.scores(2024).unwrap().remove(0);
    score.assessed_score = Some(Points::ZERO);
    store
        .write(|w| w.change_score(&score, Some("复核更正")))
        .unwrap();
    assert_eq!(
        store
            .changes_since_published(2024)
            .unwrap()
            .map(|c| c.count),
        Some(1),
        "no notice issued yet: counted from the publication"
    );
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("导出的文件"),
    );
    assert_eq!(store.changes_since_published(2024).unwrap(), None);
    score.assessed_score = Some(Points::whole(1));
    store
        .write(|w| w.change_score(&score, Some("再次复核")))
        .unwrap();
    // Exported again: a copy, not the notice issued, which the count still goes by.
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("导出的文件"),
    );
    assert_eq!(
        store
            .changes_since_published(2024)
            .unwrap()
            .map(|c| c.count),
        Some(1)
    );
}

#[test]
fn an_export_is_out_of_date_once_the_results_change_after_it_even_across_a_new_publication() {
    use zerenshu::model::Phase;
    use zerenshu::store::ResultFile::{Notice, Summary};
    let mut store = demo_store();
    assert!(
        store.result_exports(2024).unwrap().is_empty(),
        "never exported"
    );
    store
        .write(|w| w.record_result_export(2024, Notice, "2024年度考核结果通报.pdf"))
        .unwrap();
    let notice = store.result_export(2024, Notice).unwrap().unwrap();
    assert_eq!(notice.changes_since, 0);
    assert!(notice.exported_at.is_some());
    assert!(store.result_export(2024, Summary).unwrap().is_none());
    // The 操作记录 says the notice was exported, naming the file, not that a setting changed.
    let newest = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 1)
        .unwrap();
    assert_eq!(newest[0].entry.action, "导出 PDF");
    assert_eq!(
        newest[0].record.as_deref(),
        Some("2024 年度考核结果通报“2024年度考核结果通报.pdf”")
    );
    // A note changed after publication: the summary shows notes, the notice does not.
    store
        .write(|w| w.record_result_export(2024, Summary, "导出的文件"))
        .unwrap();
    let mut score = store.scores(2024).unwrap().remove(0);
    score.note = "补充说明".to_owned();
    store
        .write(|w| w.change_score(&score, Some("补记说明")))
        .unwrap();
    assert_eq!(
        store
            .result_export(2024, Notice)
            .unwrap()
            .unwrap()
            .changes_since,
        0
    );
    assert_eq!(
        store
            .result_export(2024, Summary)
            .unwrap()
            .unwrap()
            .changes_since,
        1
    );
    // Taken back, corrected (no reason asked at 考核) and published again: the exports made
    // before stay out of date, while the count since publication starts again.
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("更正"))).unwrap();
    score.assessed_score = Some(Points::ZERO);
    store.write(|w| w.change_score(&score, None)).unwrap();
    year.phase = Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert_eq!(store.changes_since_published(2024).unwrap(), None);
    let exports = store.result_exports(2024).unwrap();
    let counts: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    // The score (publishing again adds nothing: the files were exported published).
    assert_eq!(counts, [(Notice, 1), (Summary, 2)]);
    // Another year's changes are not this one's.
    assert!(store.result_exports(2025).unwrap().is_empty());
    // A draft notice of 2025 is out of date once the grade bands it used change.
    store
        .write(|w| w.record_result_export(2025, Notice, "导出的文件"))
        .unwrap();
    let mut settings = store.year(2025).unwrap().unwrap();
    settings.grade_bands[0].min_total = Points::whole(95);
    store.write(|w| w.update_year(&settings, None)).unwrap();
    let draft = store.result_export(2025, Notice).unwrap().unwrap();
    assert_eq!(draft.changes_since, 1);
    // So it is once its wording changes (the title, a paragraph); the summary has no wording.
    store
        .write(|w| w.record_result_export(2025, Summary, "导出的文件"))
        .unwrap();
    let wording = zerenshu::document::NoticeWording {
        closing: "各单位要认真整改。".to_owned(),
        ..zerenshu::workflow::notice::wording(&store, 2025).unwrap()
    };
    zerenshu::workflow::notice::save_wording(&mut store, 2025, &wording).unwrap();
    // Saved again unchanged, it adds nothing.
    zerenshu::workflow::notice::save_wording(&mut store, 2025, &wording).unwrap();
    let exports = store.result_exports(2025).unwrap();
    let counts: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    assert_eq!(counts, [(Notice, 2), (Summary, 0)]);
    // Exported again, the notice matches; the summary still does not.
    store
        .write(|w| w.record_result_export(2024, Notice, "导出的文件"))
        .unwrap();
    let exports = store.result_exports(2024).unwrap();
    let counts: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    assert_eq!(counts, [(Notice, 0), (Summary, 2)]);
    // The audit viewer names the file.
    let logged = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 1)
        .unwrap();
    assert_eq!(
        logged[0].record.as_deref(),
        Some("2024 年度考核结果通报“导出的文件”")
    );
    // Exported again, both match; a score changed and put back, a bonus added and deleted,
    // leave them matching.
    for file in [Notice, Summary] {
        store
            .write(|w| w.record_result_export(2024, file, "导出的文件"))
            .unwrap();
    }
    let mut score = store.scores(2024).unwrap().remove(3);
    let exported = score.clone();
    score.assessed_score = Some(Points::ZERO);
    score.note = "复核".to_owned();
    store
        .write(|w| w.change_score(&score, Some("复核")))
        .unwrap();
    store
        .write(|w| w.change_score(&exported, Some("复核后改回")))
        .unwrap();
    let mut bonus = store.adjustments(2024).unwrap().remove(0);
    bonus.points = Points(50);
    let added = store
        .write(|w| w.add_adjustment(&bonus, Some("误录")))
        .unwrap();
    store
        .write(|w| w.delete_adjustment(added, Some("误录")))
        .unwrap();
    let exports = store.result_exports(2024).unwrap();
    let counts: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    assert_eq!(counts, [(Notice, 0), (Summary, 0)]);
}

#[test]
fn agreement_numbers_follow_the_register_whatever_is_drafted_first() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let units = store.units_in(2026).unwrap();
    let third = units[2].id;
    drafting::draft(&mut store, 2026, Some(&[third]), |_, _| {}).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let agreements = store.agreements(2026).unwrap();
    let number_of = |unit_id: i64| {
        agreements
            .iter()
            .find(|a| a.draft.unit_id == unit_id)
            .unwrap()
            .draft
            .number
    };
    assert_eq!(number_of(third), 3, "drafted first, numbered by its place");
    assert_eq!(number_of(units[0].id), 1);
    let mut numbers: Vec<i64> = agreements.iter().map(|a| a.draft.number).collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=45).collect::<Vec<_>>());
}

#[test]
fn a_unit_added_ahead_of_the_register_after_a_subset_was_drafted_leaves_no_number_out() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let units = store.units_in(2026).unwrap();
    // Two units far down the list first, one place apart, numbered by their places.
    let (a, b) = (units[40].id, units[42].id);
    drafting::draft(&mut store, 2026, Some(&[a, b]), |_, _| {}).unwrap();
    // A unit added at the head of the register moves every place one down.
    let mut fields = units[0].fields.clone();
    fields.name = "示例市新设局".into();
    fields.short_name = "新设局".into();
    fields.sort_order = -1;
    store.write(|w| w.insert_unit(&fields).map(|_| ())).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let mut numbers: Vec<i64> = (store.agreements(2026).unwrap().iter())
        .map(|a| a.draft.number)
        .collect();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=46).collect::<Vec<_>>(), "no number skipped");
}

#[test]
fn drafting_moves_a_year_to_signing_and_scoring_to_assessing_never_back() {
    use zerenshu::model::Phase;
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let phase = |store: &Store, year| store.year(year).unwrap().unwrap().phase;
    assert_eq!(phase(&store, 2026), Phase::Preparing);
    // Indicators rolled over are not final; drafting does not need them to be.
    let report = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert!(
        report.signing_started,
        "said, as the window and the command say it"
    );
    assert_eq!(phase(&store, 2026), Phase::Signing);
    // A batch drafted again moves nothing.
    let again = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert!(!again.signing_started);
    store
        .write(|w| {
            w.advance_phase(2026, Phase::Assessing)
                .map(|moved| assert!(moved))
        })
        .unwrap();
    assert_eq!(phase(&store, 2026), Phase::Assessing);
    // Never back, and never on to 已通报 by itself.
    store
        .write(|w| {
            w.advance_phase(2026, Phase::Signing)
                .map(|moved| assert!(!moved))
        })
        .unwrap();
    assert_eq!(phase(&store, 2026), Phase::Assessing);
    store
        .write(|w| w.advance_phase(2026, Phase::Published).map(|_| ()))
        .unwrap();
    assert_eq!(phase(&store, 2026), Phase::Assessing);
    store
        .write(|w| w.advance_phase(2024, Phase::Assessing).map(|_| ()))
        .unwrap();
    assert_eq!(phase(&store, 2024), Phase::Published);
    let audit = store.audit_entries(5).unwrap();
    assert!(audit.iter().any(|e| e.action == "更改年度阶段"));
}

#[test]
fn a_draft_without_control_targets_is_not_finalised_when_its_text_names_them() {
    let mut store = demo_store();
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    let without = Tailoring {
        control_targets: Vec::new(),
        ..draft.draft.tailoring.clone()
    };
    store
        .write(|w| w.set_tailoring(draft.id, &without))
        .unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(
        error.to_string().contains("的控制指标还没有填写"),
        "{error}"
    );
    store
        .write(|w| w.set_tailoring(draft.id, &draft.draft.tailoring))
        .unwrap();
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
}

#[test]
fn targets_the_text_no_longer_prints_or_without_a_limit_are_not_finalised() {
    let mut store = demo_store();
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap();
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == draft.draft.template_id)
        .unwrap();
    // The clause holding {控制指标} dropped: the targets would not be printed.
    let (section, clause) = (template.content.sections.iter().enumerate())
        .find_map(|(s, section)| {
            (section.clauses.iter())
                .position(|c| c.contains("{控制指标}"))
                .map(|c| (s, c))
        })
        .unwrap();
    let mut dropped = draft.draft.tailoring.clone();
    assert!(!dropped.control_targets.is_empty());
    dropped
        .clause_changes
        .push(zerenshu::model::ClauseChange::Drop {
            section,
            clause,
            original: template.content.sections[section].clauses[clause].clone(),
        });
    store
        .write(|w| w.set_tailoring(draft.id, &dropped))
        .unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(error.to_string().contains("控制指标不会印出"), "{error}");
    assert!(
        error.to_string().contains("该单位调整后的正文中没有"),
        "the unit's own change: {error}"
    );
    // The template itself dropped it: the refusal says the template did, and where to mend it.
    let mut without = template.content.clone();
    without.sections[section].clauses.remove(clause);
    store
        .write(|w| w.save_template(Some(template.id), &without))
        .unwrap();
    store
        .write(|w| w.set_tailoring(draft.id, &draft.draft.tailoring))
        .unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("现行模板的正文中已没有{控制指标}")
            && error.to_string().contains("“责任书 → 模板”"),
        "{error}"
    );
    // Put back in the version the draft follows now.
    let current = store
        .agreement(draft.id)
        .unwrap()
        .unwrap()
        .draft
        .template_id;
    store
        .write(|w| w.save_template(Some(current), &template.content))
        .unwrap();
    // A target without its limit, or a clause changed to nothing, is not even saved.
    let mut no_limit = draft.draft.tailoring.clone();
    no_limit.control_targets[0].limit = " ".into();
    let error = store
        .write(|w| w.set_tailoring(draft.id, &no_limit))
        .unwrap_err();
    assert!(error.to_string().contains("没有填写限值"), "{error}");
    let mut emptied = draft.draft.tailoring.clone();
    emptied
        .clause_changes
        .push(zerenshu::model::ClauseChange::Replace {
            section,
            clause,
            original: template.content.sections[section].clauses[clause].clone(),
            text: "（一）".into(),
        });
    let error = store
        .write(|w| w.set_tailoring(draft.id, &emptied))
        .unwrap_err();
    assert!(error.to_string().contains("改成了空的"), "{error}");
    store
        .write(|w| w.set_tailoring(draft.id, &draft.draft.tailoring))
        .unwrap();
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
}

#[test]
fn a_template_naming_rules_the_category_lacks_is_not_finalised() {
    use zerenshu::model::ItemKind;
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    // 2026's 镇街 set loses its veto conditions, which the 镇街 template lists.
    let towns = store.categories().unwrap()[0].id;
    let mut set = (store.indicator_sets(2026).unwrap().into_iter())
        .find(|s| s.category_id == towns)
        .unwrap();
    set.items.retain(|item| item.kind != ItemKind::Veto);
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    store
        .write(|w| w.set_indicator_set_final(set.id, true))
        .unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let town = (store.agreements(2026).unwrap().into_iter())
        .find(|a| a.draft.category_id == towns)
        .unwrap();
    let mut with_targets = town.draft.tailoring.clone();
    with_targets
        .control_targets
        .push(zerenshu::model::ControlTarget {
            name: "死亡人数".into(),
            limit: "1人以内".into(),
        });
    store
        .write(|w| w.set_tailoring(town.id, &with_targets))
        .unwrap();
    let error = lifecycle::finalize(&mut store, 2026, &[town.id]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("所属类别的考核指标中没有一票否决项目，模板中的{一票否决事项}将是空的"),
        "{error}"
    );
    // A unit whose agreement drops that clause says nothing empty, and is finalised.
    let template = (store.templates(2026).unwrap().into_iter())
        .find(|t| t.id == town.draft.template_id)
        .unwrap();
    let (section, clause, original) = (template.content.sections.iter().enumerate())
        .find_map(|(s, section)| {
            (section.clauses.iter().enumerate())
                .find(|(_, text)| text.contains("{一票否决事项}"))
                .map(|(c, text)| (s, c, text.clone()))
        })
        .unwrap();
    with_targets.clause_changes.push(ClauseChange::Drop {
        section,
        clause,
        original,
    });
    store
        .write(|w| w.set_tailoring(town.id, &with_targets))
        .unwrap();
    lifecycle::finalize(&mut store, 2026, &[town.id]).unwrap();
}

#[test]
fn a_published_year_takes_no_new_agreements() {
    let mut store = demo_store();
    let before = store.agreements(2024).unwrap().len();
    let refused = drafting::draft(&mut store, 2024, None, |_, _| {});
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m == "2024 年度的考核结果已通报，不能再起草责任书"),
        "{refused:?}"
    );
    assert_eq!(store.agreements(2024).unwrap().len(), before);
}

#[test]
fn an_agreement_back_to_draft_moves_to_the_newest_template_version() {
    let mut store = demo_store();
    // A printed 镇街 agreement stays on its version when the template is saved anew…
    let printed = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Printed)
        .unwrap();
    let template = (store.templates(2025).unwrap().into_iter())
        .find(|t| t.id == printed.draft.template_id)
        .unwrap();
    let mut draft = template.content.clone();
    draft.sections[0]
        .clauses
        .push("（九）新增的一条。".to_owned());
    let saved = store
        .write(|w| w.save_template(Some(template.id), &draft))
        .unwrap();
    let TemplateSaved::NewVersion(newest, _) = saved else {
        panic!("a version issued agreements use makes a new one: {saved:?}");
    };
    assert_eq!(
        store
            .agreement(printed.id)
            .unwrap()
            .unwrap()
            .draft
            .template_id,
        template.id
    );
    // …and moves to the new one when it goes back to 草稿, the move logged.
    store
        .write(|w| w.revert_to_draft(printed.id, "模板已更新"))
        .unwrap();
    let after = store.agreement(printed.id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Draft);
    assert_eq!(after.draft.template_id, newest.id);
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "改用新模板版本");
}

#[test]
fn a_draft_nothing_stands_on_can_be_deleted_and_drafted_again() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let agreements = store.agreements(2026).unwrap();
    let (first, second, third) = (&agreements[0], &agreements[1], &agreements[2]);
    // An entry whose own snapshot names neither the year nor the unit: a draft PDF exported.
    store
        .write(|w| w.record_export(first.id, &"ab".repeat(32), "2026-001-草稿.pdf"))
        .unwrap();
    store.write(|w| w.delete_draft(first.id)).unwrap();
    assert_eq!(store.agreements(2026).unwrap().len(), 44);
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "删除草稿");
    assert!(
        entry.before_json.is_some(),
        "the log keeps the draft as it was"
    );
    // The 操作记录 still names it, and its unit, from what the log kept.
    let row = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 1)
        .unwrap()
        .remove(0);
    assert_eq!(
        row.record.as_deref(),
        Some(format!("2026 年度第 {} 号责任书（草稿已删除）", first.draft.number).as_str())
    );
    assert!(row.unit.is_some(), "{row:?}");
    // The export before it is named and found under the unit too.
    let of_unit = zerenshu::store::AuditFilter {
        unit_id: Some(first.draft.unit_id),
        ..Default::default()
    };
    let rows = store.audit_search(&of_unit, 10).unwrap();
    let export = rows.iter().find(|r| r.entry.action == "导出 PDF").unwrap();
    assert_eq!(export.record, row.record, "{export:?}");
    assert_eq!(export.year, Some(2026));
    // The unit is drafted again, not skipped.
    let again = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert_eq!(again.created, 1);

    // A draft with a score is kept.
    let indicator = store.indicator_sets(2026).unwrap()[0].indicators[0].id;
    let score = zerenshu::model::Score {
        agreement_id: second.id,
        indicator_id: indicator,
        self_score: Some(Points(100)),
        assessed_score: None,
        note: String::new(),
        self_note: String::new(),
    };
    store.write(|w| w.upsert_score(&score)).unwrap();
    let refused = store.write(|w| w.delete_draft(second.id)).unwrap_err();
    assert!(refused.to_string().contains("已录入考核评分"), "{refused}");

    // An issued one, and one sent back to 草稿 (its void code is checked against it), too.
    let set = (store.indicator_sets(2026).unwrap().into_iter())
        .find(|s| s.category_id == third.draft.category_id)
        .unwrap();
    store
        .write(|w| w.set_indicator_set_final(set.id, true))
        .unwrap();
    lifecycle::finalize(&mut store, 2026, &[third.id]).unwrap();
    let refused = store.write(|w| w.delete_draft(third.id)).unwrap_err();
    assert!(refused.to_string().contains("不能删除"), "{refused}");
    store
        .write(|w| w.revert_to_draft(third.id, "单位名称有误"))
        .unwrap();
    let refused = store.write(|w| w.delete_draft(third.id)).unwrap_err();
    assert!(refused.to_string().contains("曾经定稿"), "{refused}");
    assert_eq!(store.agreements(2026).unwrap().len(), 45);
}

#[test]
fn leaving_and_returning_to_published_outdates_no_export_but_publishing_a_draft_notice_does() {
    use zerenshu::model::Phase;
    use zerenshu::store::ResultFile;
    let mut store = demo_store();
    let set_phase = |store: &mut Store, phase: Phase| {
        let year = store.year(2024).unwrap().unwrap();
        store
            .write(|w| w.update_year(&zerenshu::model::Year { phase, ..year }, Some("复核")))
            .unwrap();
    };
    let outdated = |store: &Store| -> Vec<(ResultFile, usize)> {
        (store.result_exports(2024).unwrap().into_iter())
            .map(|e| (e.file, e.changes_since))
            .collect()
    };
    // Exported published: the phase going to 考核 and back changes nothing in the files.
    for file in ResultFile::ALL {
        zerenshu::workflow::notice::remember_export(
            &mut store,
            2024,
            file,
            std::path::Path::new("导出的文件"),
        );
    }
    set_phase(&mut store, Phase::Assessing);
    set_phase(&mut store, Phase::Published);
    assert_eq!(
        outdated(&store),
        [(ResultFile::Notice, 0), (ResultFile::Summary, 0)]
    );
    // Exported while not published: the notice was a draft, the spreadsheet is the same.
    set_phase(&mut store, Phase::Assessing);
    for file in ResultFile::ALL {
        zerenshu::workflow::notice::remember_export(
            &mut store,
            2024,
            file,
            std::path::Path::new("导出的文件"),
        );
    }
    set_phase(&mut store, Phase::Published);
    assert_eq!(
        outdated(&store),
        [(ResultFile::Notice, 1), (ResultFile::Summary, 0)]
    );
}

#[test]
fn a_draft_drafted_after_the_newest_one_was_deleted_takes_a_new_id() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let newest = (store.agreements(2026).unwrap().into_iter())
        .max_by_key(|a| a.id)
        .unwrap();
    store.write(|w| w.delete_draft(newest.id)).unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let again = (store.agreements(2026).unwrap().into_iter())
        .find(|a| a.draft.unit_id == newest.draft.unit_id)
        .unwrap();
    assert!(
        again.id > newest.id,
        "the log keeps {} for the deleted draft",
        newest.id
    );
}

/// Today, as the listing is asked on.
fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// The demo with 2026 rolled over, its first template edited by `edit` and every unit
/// drafted; the edited template's category.
fn drafted_2026_after(edit: impl FnOnce(&mut zerenshu::model::TemplateDraft)) -> (Store, i64) {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut template = store.templates(2026).unwrap().remove(0);
    edit(&mut template.content);
    store
        .write(|w| w.save_template(Some(template.id), &template.content))
        .unwrap();
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    (store, template.content.category_id)
}

/// Marks the indicators of `category_id` in `year` final.
fn indicators_final(store: &mut Store, year: i32, category_id: i64) {
    let set = store
        .indicator_sets(year)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == category_id)
        .unwrap();
    store
        .write(|w| w.set_indicator_set_final(set.id, true))
        .unwrap();
}

/// A template that prints no {控制指标}: its units' drafts start without control targets (and
/// without last year's), so that 定稿 goes through without a visit to each agreement.
#[test]
fn drafts_of_a_template_without_control_targets_start_without_them() {
    let (mut store, category_id) = drafted_2026_after(|template| {
        for section in &mut template.sections {
            section
                .clauses
                .retain(|clause| !clause.contains("{控制指标}"));
        }
    });
    let agreements = store.agreements(2026).unwrap();
    let (without, with): (Vec<_>, Vec<_>) = agreements
        .iter()
        .partition(|a| a.draft.category_id == category_id);
    assert!(!without.is_empty() && !with.is_empty());
    assert!(
        without
            .iter()
            .all(|a| a.draft.tailoring.control_targets.is_empty())
    );
    assert!(
        with.iter()
            .all(|a| !a.draft.tailoring.control_targets.is_empty())
    );
    indicators_final(&mut store, 2026, category_id);
    let ids: Vec<i64> = without.iter().map(|a| a.id).collect();
    assert_eq!(
        lifecycle::finalize(&mut store, 2026, &ids).unwrap(),
        ids.len()
    );
}

/// A text that names the unit's principal is not frozen while the principal is blank: it
/// would be signed with a gap where the name stands.
#[test]
fn a_text_naming_a_blank_principal_is_not_issued() {
    let (mut store, category_id) = drafted_2026_after(|template| {
        template.sections[0]
            .clauses
            .push("乙方由{负责人职务}{负责人}代表签订。".to_owned());
    });
    let agreement = store
        .agreements(2026)
        .unwrap()
        .into_iter()
        .find(|a| a.draft.category_id == category_id)
        .unwrap();
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap();
    let mut blank = unit.fields.clone();
    blank.principal_name.clear();
    store.write(|w| w.update_unit(unit.id, &blank)).unwrap();
    indicators_final(&mut store, 2026, category_id);
    let message = lifecycle::finalize(&mut store, 2026, &[agreement.id])
        .unwrap_err()
        .to_string();
    assert!(
        message.contains("正文用到了{负责人}，但还没有填写"),
        "{message}"
    );
    assert!(
        message.contains("在“单位”中填写该单位的负责人"),
        "{message}"
    );
    store
        .write(|w| w.update_unit(unit.id, &unit.fields))
        .unwrap();
    assert_eq!(
        lifecycle::finalize(&mut store, 2026, &[agreement.id]).unwrap(),
        1
    );
}

/// A unit archived after the rollover is archived for every year: a batch draft of the new
/// year leaves it out, as the window's draft dialog does.
#[test]
fn a_unit_archived_after_the_rollover_is_not_drafted() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let unit = store.units().unwrap().remove(3);
    store.write(|w| w.set_unit_active(unit.id, false)).unwrap();
    let report = drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    assert_eq!(report.created, 44);
    assert!(
        store
            .agreements(2026)
            .unwrap()
            .iter()
            .all(|a| a.draft.unit_id != unit.id)
    );
}

#[test]
fn a_batch_sent_back_to_draft_is_all_or_none() {
    let mut store = demo_store();
    let all = store.agreements(2025).unwrap();
    let final_one = all
        .iter()
        .find(|a| a.status == AgreementStatus::Final)
        .unwrap();
    let signed = all
        .iter()
        .find(|a| a.status == AgreementStatus::Signed)
        .unwrap();
    let ids = [final_one.id, signed.id];
    let refused = store.write(|w| ids.iter().try_for_each(|&id| w.revert_to_draft(id, "错字")));
    assert!(refused.is_err());
    assert_eq!(
        store.agreement(final_one.id).unwrap().unwrap().status,
        AgreementStatus::Final,
        "the one that could go back stayed, as the other could not"
    );
}

#[test]
fn every_list_of_rules_a_set_lacks_is_named_at_once() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let mut set = store.indicator_sets(2026).unwrap().remove(0);
    set.items.clear();
    store.write(|w| w.save_indicator_set(&set)).unwrap();
    // The demo's template lists the vetoes only; said as the store would say it.
    let missing = lifecycle::rule_list_missing(&store, &set).unwrap().unwrap();
    assert!(
        missing.starts_with(
            "不能定稿：本类别的模板用到了{一票否决事项}，但考核指标中还没有一票否决项目"
        ),
        "{missing}"
    );
    // A template listing all three has all three named in one message.
    let mut templates = store.templates(2026).unwrap();
    for template in &mut templates {
        template.content.preamble.push_str("{加分事项}{扣分事项}");
    }
    let missing = lifecycle::rule_list_missing_in(&templates, &set).unwrap();
    assert!(
        missing.starts_with(
            "不能定稿：本类别的模板用到了{加分事项}、{扣分事项}、{一票否决事项}，但考核指标中还没有加分、扣分、一票否决项目"
        ),
        "{missing}"
    );
}

/// A year prepared ahead (the office drafts next year's agreements in December) cannot have
/// its results published before it begins; the dates offered for its notice are the months
/// after its assessment, not a single day.
#[test]
fn a_year_not_begun_is_not_published_and_its_usual_notice_dates_are_months() {
    use chrono::Datelike as _;
    let mut store = demo_store();
    let today = chrono::Local::now().date_naive();
    let ahead = today.year() + 1;
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    if ahead > 2026 {
        rollover::rollover(&mut store, 2026, ahead).unwrap();
    }
    let mut year = store.year(ahead).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Published;
    let refused = zerenshu::workflow::notice::save_year(&mut store, &year, None).unwrap_err();
    assert!(
        refused.starts_with(&format!("还不能改为“已通报”：{ahead} 年度尚未开始")),
        "{refused}"
    );
    let (from, to) = zerenshu::workflow::notice::usual_issue_dates(ahead, today).unwrap();
    assert_eq!(
        (from, to),
        (
            chrono::NaiveDate::from_ymd_opt(ahead, 12, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(ahead + 1, 4, 30).unwrap()
        )
    );
}

#[test]
fn a_template_printing_control_targets_again_gives_its_drafts_last_years() {
    let mut store = demo_store();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    let category = store.agreements(2025).unwrap()[0].draft.category_id;
    let template = (store.templates(2026).unwrap().into_iter())
        .find(|t| t.content.category_id == category)
        .unwrap();
    // The clause holding {控制指标} dropped: the drafts of 2026 get no targets.
    let mut without = template.content.clone();
    for section in &mut without.sections {
        section.clauses.retain(|c| !c.contains("{控制指标}"));
    }
    assert_ne!(without, template.content);
    let saved =
        zerenshu::workflow::template_save::save_template(&mut store, Some(template.id), &without)
            .unwrap();
    assert_eq!(saved.targets_filled, 0);
    drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let of_category = |store: &Store, year| {
        (store.agreements(year).unwrap().into_iter())
            .filter(|a| a.draft.category_id == category)
            .map(|a| (a.draft.unit_id, a.draft.tailoring.control_targets))
            .collect::<std::collections::BTreeMap<_, _>>()
    };
    let drafted = of_category(&store, 2026);
    assert!(drafted.values().all(Vec::is_empty));
    // Put back: each draft gets its unit's targets of 2025 (the usual one where it had none),
    // in the save's one transaction, each change in the audit log.
    let report = zerenshu::workflow::template_save::save_template(
        &mut store,
        Some(template.id),
        &template.content,
    )
    .unwrap();
    assert_eq!(report.targets_filled, drafted.len());
    let last_year = of_category(&store, 2025);
    let refilled = of_category(&store, 2026);
    for (unit, targets) in &refilled {
        match last_year.get(unit).filter(|t| !t.is_empty()) {
            Some(before) => assert_eq!(targets, before),
            None => assert_eq!(targets[0].name, "较大及以上生产安全事故"),
        }
    }
    assert!(
        last_year.values().any(|t| t.len() > 1),
        "the demo has a unit with several targets, carried over whole"
    );
}

/// A text that would freeze with nothing to sign, or with a character no font has (from a
/// file written before such characters were refused), is not finalised; a template and a
/// unit's clauses refuse such a character where it is typed.
#[test]
fn a_text_without_clauses_or_with_an_unprintable_character_is_not_finalised() {
    let (_dir, path, mut store) = demo_file();
    let (draft, template) = first_draft(&store);
    // Every clause dropped for the unit: only the preamble and the signatures would be signed.
    let mut bare = draft.draft.tailoring.clone();
    for (s, section) in template.content.sections.iter().enumerate() {
        for (c, clause) in section.clauses.iter().enumerate() {
            bare.clause_changes.push(ClauseChange::Drop {
                section: s,
                clause: c,
                original: clause.clone(),
            });
        }
    }
    // Said first, though the targets no clause prints are amiss too.
    store.write(|w| w.set_tailoring(draft.id, &bare)).unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(error.to_string().contains("正文没有任何条款"), "{error}");
    store
        .write(|w| w.set_tailoring(draft.id, &draft.draft.tailoring))
        .unwrap();
    // A template with no part at all is not saved.
    let mut empty = template.content.clone();
    empty.sections.clear();
    let error = store
        .write(|w| w.save_template(Some(template.id), &empty))
        .unwrap_err();
    assert!(error.to_string().contains("模板没有正文"), "{error}");
    // Nor one with an emoji in its title, nor a unit's clause with one.
    let mut emoji = template.content.clone();
    emoji.title_pattern.push('🚒');
    let error = store
        .write(|w| w.save_template(Some(template.id), &emoji))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("【标题】中的“🚒”（U+1F692）现有字体都无法显示"),
        "{error}"
    );
    let mut added = draft.draft.tailoring.clone();
    added.clause_changes.push(ClauseChange::Add {
        section: 0,
        heading: template.content.sections[0].heading.clone(),
        text: "做好消防🔥工作。".into(),
    });
    let error = store
        .write(|w| w.set_tailoring(draft.id, &added))
        .unwrap_err();
    assert!(
        error
            .to_string()
            .contains("有现有字体都无法显示的字（U+1F525）"),
        "{error}"
    );
    // Written behind the program's back, it stops 定稿, not first the export after it.
    drop(store);
    let conn = Connection::open(&path).unwrap();
    conn.execute_batch("DROP TRIGGER templates_in_use_frozen")
        .unwrap();
    conn.execute(
        "UPDATE templates SET title_pattern = title_pattern || '🚒' WHERE id = ?1",
        [template.id],
    )
    .unwrap();
    drop(conn);
    let mut store = Store::open(&path).unwrap();
    let error = lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap_err();
    assert!(
        error
            .to_string()
            .contains("“🚒”（U+1F692），现有字体都无法显示，定稿后将无法印出"),
        "{error}"
    );
    assert_eq!(
        store.agreement(draft.id).unwrap().unwrap().status,
        AgreementStatus::Draft
    );
}
