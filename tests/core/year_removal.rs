//! Deleting a year made by mistake: refused for a year with agreements or one that a later year
//! follows (nothing changes), and for the newest without agreements, everything of the year
//! goes in one audited transaction after an automatic backup. The year before keeps the
//! version of the units the rollover kept for it unless it is the register as it is now (then
//! it reads the register again, as before the rollover): a unit renamed or added since never
//! reaches it. The guard on kept unit versions is back afterwards, and the year can be rolled
//! over again.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use zerenshu::store::{BackupReason, Store, StoreError};
use zerenshu::workflow::rollover;

fn demo_file() -> (tempfile::TempDir, std::path::PathBuf, Store) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("demo.sqlite3");
    let mut store = Store::open(&path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    (dir, path, store)
}

fn years(store: &Store) -> Vec<i32> {
    store.years().unwrap().iter().map(|y| y.year).collect()
}

#[test]
fn a_year_with_agreements_is_refused_and_nothing_changes() {
    let (_dir, path, mut store) = demo_file();
    let before = (
        store.year(2025).unwrap(),
        store.templates(2025).unwrap(),
        store.indicator_sets(2025).unwrap(),
        store.agreements(2025).unwrap(),
        store.audit_entries(1).unwrap(),
    );
    let backups = zerenshu::store::backup::list_backups(&path).len();
    let refused = store.write(|w| w.delete_year(2025, &[]));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("2025 年度已有 45 份责任书，不能删除")),
        "{refused:?}"
    );
    let refused = rollover::delete_year(&mut store, 2024);
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("只能删除最新的年度（2025 年度）")),
        "{refused:?}"
    );
    let after = (
        store.year(2025).unwrap(),
        store.templates(2025).unwrap(),
        store.indicator_sets(2025).unwrap(),
        store.agreements(2025).unwrap(),
        store.audit_entries(1).unwrap(),
    );
    assert_eq!(before, after, "nothing was deleted or logged");
    assert_eq!(
        zerenshu::store::backup::list_backups(&path).len(),
        backups,
        "no backup is taken for a refusal"
    );
    assert!(matches!(
        rollover::delete_year(&mut store, 2031),
        Err(StoreError::NotFound(_))
    ));
}

#[test]
fn a_year_without_agreements_goes_whole_after_a_backup_and_can_be_made_again() {
    let (_dir, path, mut store) = demo_file();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    rollover::rollover(&mut store, 2026, 2027).unwrap();
    assert!(
        store.has_unit_versions(2026).unwrap(),
        "kept by the rollover to 2027"
    );
    let units_2025 = store.units_in(2025).unwrap();
    // A year in the middle cannot go: 2026 is followed by 2027.
    let refused = rollover::delete_year(&mut store, 2026);
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("只能删除最新的年度（2027 年度）")),
        "{refused:?}"
    );

    rollover::delete_year(&mut store, 2027).unwrap();
    assert_eq!(years(&store), [2026, 2025, 2024, 2023]);
    let backups = zerenshu::store::backup::list_backups(&path);
    assert_eq!(backups[0].reason, BackupReason::YearDeletion);
    assert_eq!(backups[0].reason.label(), "删除年度前");

    assert!(
        !store.has_unit_versions(2026).unwrap(),
        "2026, newest again, reads the register: its version was the register unchanged"
    );
    let entry = &store.audit_entries(1).unwrap()[0];
    let before = entry.before_json.as_deref().unwrap();
    assert!(
        before.contains("2026 年度保存的单位信息与现在的名册相同，已删除"),
        "{before}"
    );
    // A unit corrected in the register after the rollover to 2026…
    let mut corrected = store.units().unwrap().remove(0);
    corrected.fields.contact_phone = "0399-8619999".into();
    store
        .write(|w| w.update_unit(corrected.id, &corrected.fields))
        .unwrap();
    rollover::delete_year(&mut store, 2026).unwrap();
    assert_eq!(years(&store), [2025, 2024, 2023]);
    assert!(store.templates(2026).unwrap().is_empty());
    assert!(store.indicator_sets(2026).unwrap().is_empty());
    assert!(!store.has_unit_versions(2026).unwrap());
    let wording = zerenshu::workflow::notice::wording_key(2026);
    assert_eq!(store.setting(&wording).unwrap(), None);
    // …reaches 2025 once 2026 is gone: 2025, newest again and not yet published, reads the
    // register, so that a principal's name corrected there reaches its agreements.
    assert!(!store.has_unit_versions(2025).unwrap());
    let units_now = store.units_in(2025).unwrap();
    assert_ne!(units_now, units_2025);
    assert_eq!(units_now, store.units().unwrap());
    assert_eq!(
        store.units_in(2024).unwrap().len(),
        units_2025.len(),
        "earlier years keep theirs"
    );
    let entry = &store.audit_entries(1).unwrap()[0];
    assert_eq!(
        (
            entry.action.as_str(),
            entry.entity.as_str(),
            entry.entity_id.as_str()
        ),
        ("删除考核年度", "year", "2026")
    );
    let before = entry.before_json.as_deref().unwrap();
    assert!(before.contains("\"templates\":4"), "{before}");
    assert!(before.contains("\"indicator_sets\":4"), "{before}");
    assert!(
        before.contains("2025 年度尚未通报，结转时保存的单位信息已删除"),
        "{before}"
    );
    assert!(entry.after_json.is_none());
    // The log still names what the deleted year's entries were about.
    let rows = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 10_000)
        .unwrap();
    let named = |entity: &str| {
        (rows.iter())
            .filter(|r| r.entry.entity == entity)
            .filter_map(|r| r.record.as_deref())
            .any(|record| record.starts_with("2026 年度") && record.ends_with("（该年度已删除）"))
    };
    assert!(named("template"), "a 2026 template");
    assert!(named("indicator_set"), "a 2026 indicator set");

    // The guard on kept unit versions is back.
    let removed = store.write(|w| w.delete_year(2025, &[]));
    assert!(removed.is_err());
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{report}");
    drop(store);
    let conn = rusqlite::Connection::open(&path).unwrap();
    let refused = conn.execute("DELETE FROM unit_versions WHERE year = 2024", []);
    assert!(refused.unwrap_err().to_string().contains("不能删除"));
    drop(conn);

    let mut store = Store::open(&path).unwrap();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    assert_eq!(store.templates(2026).unwrap().len(), 4);
    assert_eq!(
        store.units_in(2025).unwrap(),
        units_now,
        "saved again by the second rollover"
    );
}

#[test]
fn deleting_a_new_year_after_renames_and_new_units_leaves_a_published_year_as_it_stood() {
    let (_dir, _path, mut store) = demo_file();
    let units_2025 = store.units_in(2025).unwrap();
    // 2025's results were published before the rollover: its units are part of its record.
    let mut published = store.year(2025).unwrap().unwrap();
    published.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&published, None)).unwrap();
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    // The new year's register changes: a unit renamed with a new principal, a unit added.
    let mut renamed = store.units().unwrap().remove(0);
    renamed.fields.name = format!("{}（更名）", renamed.fields.name);
    renamed.fields.principal_name = "新负责人".into();
    store
        .write(|w| w.update_unit(renamed.id, &renamed.fields))
        .unwrap();
    let mut added = renamed.fields.clone();
    added.name = "新设单位".into();
    added.short_name = "新设".into();
    let added_id = store.write(|w| w.insert_unit(&added)).unwrap();

    rollover::delete_year(&mut store, 2026).unwrap();
    assert_eq!(years(&store), [2025, 2024, 2023]);
    assert!(store.has_unit_versions(2025).unwrap());
    let in_2025 = store.units_in(2025).unwrap();
    let shown = in_2025.iter().find(|u| u.id == renamed.id).unwrap();
    let original = units_2025.iter().find(|u| u.id == renamed.id).unwrap();
    assert_eq!(shown.fields.name, original.fields.name, "the old name");
    assert_eq!(shown.fields.principal_name, original.fields.principal_name);
    // A unit added since is read from the register, as in every earlier year (`units_in`);
    // the units 2025 had keep their names, principals and order.
    let as_they_stood: Vec<_> = in_2025.into_iter().filter(|u| u.id != added_id).collect();
    assert_eq!(as_they_stood, units_2025);
    let entry = &store.audit_entries(1).unwrap()[0];
    assert_eq!(entry.action, "删除考核年度");
    let before = entry.before_json.as_deref().unwrap();
    assert!(
        before.contains("2025 年度已通报，保留结转时保存的单位信息（名册已有改动）"),
        "{before}"
    );
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{report}");
}

#[test]
fn a_unit_renamed_after_the_newest_year_is_published_leaves_its_results_as_published() {
    let (_dir, _path, mut store) = demo_file();
    let unit_of = |store: &Store, id: i64| {
        (zerenshu::workflow::results::year_results(store, 2025).unwrap())
            .into_iter()
            .flat_map(|category| category.units)
            .find(|result| result.unit_id == id)
            .map(|result| result.unit_name)
    };
    let agreement = store.agreements(2025).unwrap().remove(0);
    let unit_id = agreement.draft.unit_id;
    let before = unit_of(&store, unit_id).unwrap();
    // Published while still the newest year: nothing rolled over yet.
    let mut year = store.year(2025).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert!(store.has_unit_versions(2025).unwrap());
    let mut renamed = store.unit(unit_id).unwrap().unwrap();
    renamed.fields.name = format!("{}（撤镇设街）", renamed.fields.name);
    store
        .write(|w| w.update_unit(unit_id, &renamed.fields))
        .unwrap();
    assert_eq!(unit_of(&store, unit_id).unwrap(), before, "as published");
    let register = store.units().unwrap();
    let now = register.iter().find(|u| u.id == unit_id).unwrap();
    assert_eq!(
        now.fields.name, renamed.fields.name,
        "the register has the new name"
    );
    // Taken back for a correction, the newest year reads the register again.
    year.phase = zerenshu::model::Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("更正"))).unwrap();
    assert!(!store.has_unit_versions(2025).unwrap());
    assert_eq!(unit_of(&store, unit_id).unwrap(), renamed.fields.name);
    // A year rolled over from keeps the version saved then, published again or not: a unit
    // added since does not join it.
    let mut added = renamed.fields.clone();
    added.name = "新设单位".into();
    added.short_name = "新设".into();
    let added_id = store.write(|w| w.insert_unit(&added)).unwrap();
    let mut older = store.year(2024).unwrap().unwrap();
    let kept = store.units_in(2024).unwrap();
    older.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&older, Some("复核")))
        .unwrap();
    older.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&older, None)).unwrap();
    assert_eq!(store.units_in(2024).unwrap(), kept);
    assert!(
        store
            .units_in(2024)
            .unwrap()
            .iter()
            .all(|u| u.id != added_id)
    );
    // The release logged what the notice issued named its units, and the rows' guard is back.
    let released = (store.audit_entries(50).unwrap().into_iter())
        .find(|entry| entry.action == "年度单位信息改按名册")
        .unwrap();
    assert!(
        released.before_json.unwrap().contains(&before),
        "the name the notice was published under"
    );
    let report = store.check().unwrap();
    assert!(report.is_ok(), "{report}");
}

#[test]
fn the_only_year_is_refused_since_no_year_could_be_made_after_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("blank.sqlite3");
    let mut store = Store::open(&path).unwrap();
    store
        .write(|w| w.start_blank("示例市人民政府", 2027))
        .unwrap();
    let refused = rollover::delete_year(&mut store, 2027);
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("2027 年度是数据库中唯一的考核年度，不能删除")),
        "{refused:?}"
    );
    assert_eq!(years(&store), [2027]);
}
