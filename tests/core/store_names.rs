//! Store rules about unit names and short names: restoring under a taken short name,
//! full names that are another unit's short name, unprintable category names, and values
//! stored before a rule refused them.

// Tests unwrap freely: a panic is the failure report.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::similar_names
)]

use crate::store::{field_errors, store_with_category, unit};
use crate::support::demo_store;
use rusqlite::Connection;
use zerenshu::model::{UnitDraft, UnitField};
use zerenshu::store::{Store, StoreError};

#[test]
fn a_unit_is_not_restored_under_a_short_name_another_has_taken() {
    let (mut store, category) = store_with_category();
    let named = |name: &str, short: &str| UnitDraft {
        short_name: short.into(),
        ..unit(name, category)
    };
    let first = store
        .write(|w| w.insert_unit(&named("甲镇人民政府", "甲镇")))
        .unwrap();
    store.write(|w| w.set_unit_active(first, false)).unwrap();
    // Archived, its short name is free for another unit.
    let second = store
        .write(|w| w.insert_unit(&named("乙镇人民政府", "甲镇")))
        .unwrap();
    let refused = store.write(|w| w.set_unit_active(first, true));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("“乙镇人民政府”的简称相同，不能恢复；请先修改其中一个的简称")),
        "{refused:?}"
    );
    // Taken as another unit's name (it has no short name to change): this one's is named.
    let third = store
        .write(|w| w.insert_unit(&named("丁镇人民政府", "丁镇")))
        .unwrap();
    store.write(|w| w.set_unit_active(third, false)).unwrap();
    store.write(|w| w.insert_unit(&named("丁镇", ""))).unwrap();
    let refused = store.write(|w| w.set_unit_active(third, true));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("与在用单位“丁镇”的名称相同，不能恢复；请先修改要恢复的这个单位的简称")),
        "{refused:?}"
    );
    // Its own short name kept, the other unit's other fields still change.
    let mut changed = named("乙镇人民政府", "甲镇");
    changed.contact_phone = "0399-8610999".into();
    store.write(|w| w.update_unit(second, &changed)).unwrap();
    // A short name that is another unit's full name would find that unit by `--unit`.
    let refused = store.write(|w| w.insert_unit(&named("丙镇人民政府", "乙镇人民政府")));
    assert!(
        matches!(&refused, Err(StoreError::Invalid(errors))
            if errors[0].message.starts_with("简称“乙镇人民政府”与在用单位“乙镇人民政府”的名称相同")),
        "{refused:?}"
    );
}

#[test]
fn a_full_name_may_not_be_another_units_short_name() {
    let (mut store, category) = store_with_category();
    let named = |name: &str, short: &str| UnitDraft {
        short_name: short.into(),
        ..unit(name, category)
    };
    store
        .write(|w| w.insert_unit(&named("城关镇人民政府", "城关镇")))
        .unwrap();
    // `--unit 城关镇` finds a full name first: a unit named so would take the other's scores.
    let expected = "单位名称“城关镇”是在用单位“城关镇人民政府”的简称，请另取名称";
    let refused = store.write(|w| w.insert_unit(&named("城关镇", "城关")));
    assert!(
        matches!(&refused, Err(StoreError::Invalid(errors))
            if errors[0].field == UnitField::Name && errors[0].message.starts_with(expected)),
        "{refused:?}"
    );
    // Without a short name it is said the same way, once: a short name would not help.
    let refused = store.write(|w| w.insert_unit(&named("城关镇", "")));
    assert!(
        matches!(&refused, Err(StoreError::Invalid(errors))
            if errors.len() == 1 && errors[0].field == UnitField::Name
                && errors[0].message.starts_with(expected)),
        "{refused:?}"
    );
    // Nor renamed so.
    let other = store
        .write(|w| w.insert_unit(&named("城南镇人民政府", "城南镇")))
        .unwrap();
    let refused = store.write(|w| w.update_unit(other, &named("城关镇", "城南镇")));
    assert!(
        matches!(&refused, Err(StoreError::Invalid(_))),
        "{refused:?}"
    );
    // Nor restored so: archived, 城关镇's name was free to be 城北镇人民政府's short name.
    let archived = store
        .write(|w| w.insert_unit(&named("城北镇", "城北")))
        .unwrap();
    store.write(|w| w.set_unit_active(archived, false)).unwrap();
    store
        .write(|w| w.insert_unit(&named("城北镇人民政府", "城北镇")))
        .unwrap();
    let refused = store.write(|w| w.set_unit_active(archived, true));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m))
            if m.starts_with("单位名称“城北镇”是在用单位“城北镇人民政府”的简称，不能恢复")),
        "{refused:?}"
    );
}

#[test]
fn a_category_name_no_font_can_print_is_refused() {
    let mut store = demo_store();
    let refused = store.write(|w| w.insert_category("专项😀"));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("（U+1F600）") && m.contains("打印时会缺字")),
        "{refused:?}"
    );
    let id = store.categories().unwrap()[0].id;
    assert!(store.write(|w| w.rename_category(id, "镇街😀")).is_err());
    assert_eq!(store.categories().unwrap()[0].name, "镇街");
    store.write(|w| w.insert_category("专项类")).unwrap();
}

/// A value stored before it was refused (a date read from a spreadsheet as a contact's name)
/// keeps its unit editable; a new such value is refused.
#[test]
fn a_value_stored_before_it_was_refused_keeps_the_unit_editable() {
    let dir = tempfile::tempdir().unwrap();
    let path = std::path::PathBuf::from(crate::support::demo_db(dir.path()));
    let id: i64 = {
        let conn = Connection::open(&path).unwrap();
        conn.execute(
            "UPDATE units SET contact_name = '2025-03-01' WHERE name = '城关街道办事处'",
            [],
        )
        .unwrap();
        conn.query_row(
            "SELECT id FROM units WHERE name = '城关街道办事处'",
            [],
            |r| r.get(0),
        )
        .unwrap()
    };
    let mut store = Store::open(&path).unwrap();
    let mut unit = store.unit(id).unwrap().unwrap();
    unit.fields.contact_phone = "0399-8610001".to_owned();
    store.write(|w| w.update_unit(id, &unit.fields)).unwrap();
    unit.fields.contact_name = "2025-04-01".to_owned();
    let refused = field_errors(store.write(|w| w.update_unit(id, &unit.fields)).map(|()| 0));
    assert_eq!(refused.len(), 1, "{refused:?}");
    assert!(refused[0].1.contains("不像姓名"), "{refused:?}");
}

/// An exported 名单 imported back is "no change" also for values stored before today's rules
/// (a phone that lost its 0, a name with a space): the file is not the place to correct them.
#[test]
fn an_exported_list_with_values_stored_before_the_rules_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let path = std::path::PathBuf::from(crate::support::demo_db(dir.path()));
    {
        let conn = Connection::open(&path).unwrap();
        conn.execute_batch(
            "UPDATE units SET contact_phone = '3998610666' WHERE name = '示例市公安局';
             UPDATE units SET name = '示例市 统计局' WHERE name = '示例市财政局';",
        )
        .unwrap();
    }
    let store = Store::open(&path).unwrap();
    let list = dir.path().join("名单.xlsx");
    zerenshu::io::unit_export::write_units(&store, &list).unwrap();
    let table = zerenshu::io::read_table(&list).unwrap();
    let preview = zerenshu::io::preview(
        &table,
        &store.units().unwrap(),
        &store.categories().unwrap(),
    )
    .unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert!(preview.changes.is_empty(), "{:?}", preview.changes);
    assert!(preview.additions.is_empty());
    // A row that changes something is checked whole, as the write checks it: the name with a
    // space is said, not passed to a write that would refuse it.
    let csv = dir.path().join("改联系人.csv");
    std::fs::write(&csv, "单位名称,联系人\n示例市 统计局,柯以宁\n").unwrap();
    let table = zerenshu::io::read_table(&csv).unwrap();
    let preview = zerenshu::io::preview(
        &table,
        &store.units().unwrap(),
        &store.categories().unwrap(),
    )
    .unwrap();
    assert_eq!(preview.rejected.len(), 1, "{preview:?}");
    assert!(
        preview.rejected[0].reason.contains("中有空格"),
        "{preview:?}"
    );
}

/// A published year keeps its own version of the units: a unit renamed, and its principal
/// promoted, after publication is not said to differ on that year's papers, which print the
/// name and title the year knows; a year without kept versions still compares with now.
#[test]
fn a_year_with_its_own_unit_versions_compares_its_papers_with_them() {
    let mut store = demo_store();
    assert!(store.has_unit_versions(2024).unwrap());
    let issued = (store.agreements(2024).unwrap().into_iter())
        .find(|a| a.content_hash.is_some())
        .unwrap();
    let unit = store.unit(issued.draft.unit_id).unwrap().unwrap();
    let mut fields = unit.fields.clone();
    fields.name = format!("{}（新）", fields.name);
    fields.principal_title = "党工委书记".to_owned();
    store.write(|w| w.update_unit(unit.id, &fields)).unwrap();
    let differences = store.printed_differences(2024).unwrap();
    assert!(
        !differences.names.contains_key(&issued.id),
        "{differences:?}"
    );
    assert!(
        !differences.titles.contains_key(&issued.id),
        "{differences:?}"
    );
    // A year without kept versions compares with the register now: a unit renamed after
    // its paper was issued is said to differ there.
    assert!(!store.has_unit_versions(2025).unwrap());
    let issued = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.content_hash.is_some())
        .unwrap();
    let unit = store.unit(issued.draft.unit_id).unwrap().unwrap();
    let printed = store.issued_content(issued.id).unwrap().unwrap().party_b;
    let mut fields = unit.fields.clone();
    fields.name = format!("{}（再新）", fields.name);
    store.write(|w| w.update_unit(unit.id, &fields)).unwrap();
    let differences = store.printed_differences(2025).unwrap();
    assert_eq!(differences.names.get(&issued.id), Some(&printed));
}
