//! Importing over registered units: a blank cell keeps the value, a short name another
//! unit is shown under, a unit changed since the preview, a change of category.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::import::{named, preview_for, table};
use crate::support::demo_store;
use zerenshu::io::apply;
use zerenshu::store::StoreError;

#[test]
fn a_blank_cell_leaves_a_registered_unit_as_it_is() {
    let mut store = demo_store();
    let before = named(&store.units().unwrap(), "青山镇人民政府")
        .fields
        .clone();
    assert!(!before.contact_phone.is_empty());
    let sheet = table(
        &["单位名称", "负责人", "联系人", "联系电话"],
        &[&["青山镇人民政府", "谢雨桐", "", ""]],
    );
    let preview = preview_for(&store, &sheet);
    assert_eq!(preview.changes.len(), 1);
    let change = &preview.changes[0];
    assert_eq!(change.after.contact_phone, before.contact_phone);
    assert_eq!(change.after.contact_name, before.contact_name);
    assert_eq!(change.after.principal_name, "谢雨桐");
    apply(&mut store, &preview, "单位.csv").unwrap();
    let after = named(&store.units().unwrap(), "青山镇人民政府")
        .fields
        .clone();
    assert_eq!(
        after.contact_phone, before.contact_phone,
        "the phone number stays"
    );
}

#[test]
fn a_short_name_another_unit_is_shown_under_is_refused() {
    let mut store = demo_store();
    let units = store.units().unwrap();
    let taken = units[0].fields.display_short_name().to_owned();
    let file = table(
        &["单位名称", "简称", "单位类型", "考核类别"],
        &[
            &["新甲镇人民政府", taken.as_str(), "镇", "镇街"],
            &["新乙镇人民政府", "新乙镇", "镇", "镇街"],
            &["新丙镇人民政府", "新乙镇", "镇", "镇街"],
            &["新丁镇人民政府", "新丁镇", "镇", "镇街"],
        ],
    );
    let preview = preview_for(&store, &file);
    let rejected: Vec<(usize, &str)> = (preview.rejected.iter())
        .map(|r| (r.row_number, r.reason.as_str()))
        .collect();
    assert_eq!(rejected.len(), 3, "{rejected:?}");
    assert!(
        rejected[0].1.contains(&units[0].fields.name),
        "{rejected:?}"
    );
    assert!(rejected[1].1.contains("新丙镇人民政府"), "{rejected:?}");
    assert_eq!(preview.additions.len(), 1);
    assert_eq!(preview.additions[0].draft.name, "新丁镇人民政府");

    // A swap of two short names is done in two imports: the rows are written one by one.
    let (a, b) = (&units[1].fields, &units[2].fields);
    let swap = table(
        &["单位名称", "简称"],
        &[
            &[a.name.as_str(), b.display_short_name()],
            &[b.name.as_str(), a.display_short_name()],
        ],
    );
    let swapped = preview_for(&store, &swap);
    assert_eq!(swapped.rejected.len(), 2, "{:?}", swapped.rejected);
    assert!(swapped.changes.is_empty());

    // The register refuses it as well, as the 单位 screen shows it.
    let mut draft = preview.additions[0].draft.clone();
    draft.short_name = taken;
    let refused = store.write(|w| w.insert_unit(&draft));
    assert!(
        matches!(&refused, Err(StoreError::Invalid(errors)) if errors[0].message.contains("的简称相同")),
        "{refused:?}"
    );
}

/// A unit edited in the window between the preview and the confirmation is not silently put
/// back as the preview had it: the import is refused, naming the row, and writes nothing.
#[test]
fn a_unit_changed_since_the_preview_stops_the_import() {
    let mut store = demo_store();
    let table = table(
        &["单位名称", "联系电话"],
        &[&["城关街道办事处", "0399-8612345"]],
    );
    let previewed = preview_for(&store, &table);
    assert_eq!(previewed.changes.len(), 1);
    let units = store.units().unwrap();
    let unit = named(&units, "城关街道办事处");
    let mut edited = unit.fields.clone();
    edited.principal_name = "冯立群".to_owned();
    store.write(|w| w.update_unit(unit.id, &edited)).unwrap();
    let refused = apply(&mut store, &previewed, "单位.csv").unwrap_err();
    assert!(
        refused
            .to_string()
            .contains("第 2 行：该单位在预览之后已被修改"),
        "{refused}"
    );
    let now = store.units().unwrap();
    let kept = named(&now, "城关街道办事处");
    assert_eq!(kept.fields.principal_name, "冯立群");
    assert_eq!(kept.fields.contact_phone, unit.fields.contact_phone);
}

#[test]
fn a_change_of_category_names_the_agreement_drafted_in_the_old_one() {
    let store = demo_store();
    let unit = named(&store.units().unwrap(), "示例市气象局").clone();
    let agreement = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.draft.unit_id == unit.id)
        .unwrap();
    let fields = &unit.fields;
    let table = table(
        &[
            "单位名称",
            "简称",
            "单位类型",
            "考核类别",
            "负责人职务",
            "负责人",
        ],
        &[&[
            &fields.name,
            &fields.short_name,
            "部门",
            "一类",
            &fields.principal_title,
            &fields.principal_name,
        ]],
    );
    let mut preview = preview_for(&store, &table);
    assert_eq!(preview.changes.len(), 1);
    preview.note_drafted(&store).unwrap();
    // A draft may be drafted again in the new category, as the unit form says.
    let redraft = if agreement.status == zerenshu::model::AgreementStatus::Draft {
        zerenshu::model::agreement::REDRAFT_IN_NEW_CATEGORY
    } else {
        ""
    };
    assert_eq!(
        preview.category_notes,
        [format!(
            "第 2 行“示例市气象局”改考核类别：该单位 2025 年度第 {} 号责任书（状态：{}）按“二类”起草，本年度仍按“二类”的模板和指标考核、排名；改类别只影响以后起草的责任书{redraft}",
            agreement.draft.number,
            agreement.status.label()
        )]
    );
    // Another field changed alone says nothing of it.
    let table = self::table(
        &["单位名称", "联系电话"],
        &[&[&fields.name, "0399-1234567"]],
    );
    let mut preview = preview_for(&store, &table);
    preview.note_drafted(&store).unwrap();
    assert_eq!(preview.agreement_notes().count(), 0);
}
