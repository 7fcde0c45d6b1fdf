//! The year rollover: exactly the year's settings, templates and indicators copied (never
//! past a newer year, never skipping one), a category with nothing to draft from named, the
//! units each year keeps as they stood, and a unit added or archived around a rollover.

use zerenshu::store::StoreError;
use zerenshu::workflow::{drafting, listing, rollover};

use super::today;

use crate::support::demo_store;

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

/// A 甲方名称 stored with a space by an earlier version (now refused when typed) is carried
/// over as it is: a name stored earlier never stops the rollover.
#[test]
fn a_name_stored_earlier_with_a_space_does_not_stop_the_rollover() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    let mut store = zerenshu::store::Store::open(&db).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    drop(store);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute(
        "UPDATE years SET party_a_name = '示例市 人民政府' WHERE year = 2025",
        [],
    )
    .unwrap();
    drop(conn);
    let mut store = zerenshu::store::Store::open(&db).unwrap();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    assert_eq!(
        store.year(2026).unwrap().unwrap().party_a_name,
        "示例市 人民政府"
    );
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
