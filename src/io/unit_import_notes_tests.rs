//! Worked examples of the notes a unit import's preview adds about rows it writes all the
//! same: a 排序号 another unit has, a possible rename, a name like one on the register, a
//! 负责人职务 of another kind of body.

use super::tests::{table, towns, unit_in_use};
use super::*;

#[test]
fn a_sort_order_another_unit_has_is_pointed_out_and_the_row_still_written() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "青石镇人民政府".to_owned();
        fields.sort_order = 5;
    })];
    let table = table(
        &["单位名称", "单位类型", "考核类别", "排序号"],
        &[
            &["红岭乡人民政府", "乡", "镇街", "5"],
            &["白沙街道办事处", "街道", "镇街", "6"],
            &["青石镇人民政府", "镇", "镇街", "5"],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert_eq!(preview.additions.len(), 2, "written all the same");
    assert_eq!(
        preview.shared_sort_orders,
        [
            "第 2 行“红岭乡人民政府”的排序号 5 与“青石镇人民政府”相同：两个单位排在一起，按录入的先后"
        ]
    );
}

#[test]
fn a_unit_changed_in_another_field_still_holds_its_sort_order() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "青石镇人民政府".to_owned();
        fields.kind = crate::model::UnitKind::Town;
        fields.sort_order = 5;
    })];
    let table = table(
        &["单位名称", "单位类型", "考核类别", "排序号", "联系电话"],
        &[
            &["青石镇人民政府", "镇", "镇街", "5", "0000-1234567"],
            &["红岭乡人民政府", "乡", "镇街", "5", ""],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert_eq!(preview.changes.len(), 1, "{preview:?}");
    assert_eq!(
        preview.shared_sort_orders,
        [
            "第 3 行“红岭乡人民政府”的排序号 5 与“青石镇人民政府”相同：两个单位排在一起，按录入的先后"
        ]
    );
}

#[test]
fn a_new_row_with_a_units_kind_and_principal_is_pointed_out_as_a_possible_rename() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "示例市卫生健康局".to_owned();
        fields.kind = crate::model::UnitKind::Department;
        fields.principal_name = "隋玥".to_owned();
    })];
    let table = table(
        &["单位名称", "单位类型", "考核类别", "负责人"],
        &[
            &["示例市卫生健康委员会", "部门", "镇街", "隋玥"],
            &["示例市医疗保障局", "部门", "镇街", "柏闻溪"],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert_eq!(preview.additions.len(), 2, "written as new all the same");
    assert_eq!(
        preview.possible_renames,
        [
            "第 2 行“示例市卫生健康委员会”与在用单位“示例市卫生健康局”的负责人（隋玥）相同：如是该单位改名，请改在“单位”中编辑“示例市卫生健康局”（照此导入会另建一个单位）"
        ]
    );
}

#[test]
fn a_new_row_named_like_a_unit_on_the_register_is_pointed_out() {
    let categories = towns();
    let mut archived = unit_in_use(|fields| {
        fields.name = "示例市融媒体中心".to_owned();
        fields.short_name = "融媒体中心".to_owned();
    });
    archived.is_active = false;
    archived.id = 8;
    let existing = [
        unit_in_use(|fields| "示例市应急管理局".clone_into(&mut fields.name)),
        archived,
    ];
    let table = table(
        &["单位名称", "单位类型", "考核类别"],
        &[
            &["应急管理局", "部门", "镇街"],
            &["示例市应急管理局本级", "部门", "镇街"],
            &["融媒体中心", "部门", "镇街"],
            &["示例市档案馆", "部门", "镇街"],
            // Too short to be told by a part of a name.
            &["应急局", "部门", "镇街"],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert_eq!(preview.additions.len(), 5, "written as new all the same");
    assert!(preview.possible_renames.is_empty());
    assert_eq!(
        preview.look_alikes,
        [
            "第 2 行“应急管理局”与在用单位“示例市应急管理局”的名称相近：如是同一单位，请在“单位名称”列写“示例市应急管理局”，否则导入会另建一个单位",
            "第 3 行“示例市应急管理局本级”与在用单位“示例市应急管理局”的名称相近：如是同一单位，请在“单位名称”列写“示例市应急管理局”，否则导入会另建一个单位",
            "第 4 行“融媒体中心”与已归档单位“示例市融媒体中心”的简称“融媒体中心”相同：如是同一单位，请在“单位”中恢复该单位，不要导入这一行；如不是，请另取简称，以免以后恢复它时两个单位简称相同",
        ]
    );
}

#[test]
fn a_town_become_a_sub_district_with_its_phone_is_pointed_out_as_a_possible_rename() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "青石镇人民政府".to_owned();
        fields.kind = crate::model::UnitKind::Town;
        fields.principal_name = "柏闻溪".to_owned();
        fields.contact_phone = "0399-8610148".to_owned();
    })];
    let table = table(
        &["单位名称", "单位类型", "考核类别", "负责人", "联系电话"],
        &[
            // 撤镇设街: a new principal, the office's number kept.
            &["青石街道办事处", "街道", "镇街", "隋玥", "0399 8610148"],
            // A department with that number is not the town.
            &["示例市医疗保障局", "部门", "镇街", "", "0399-8610148"],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert_eq!(preview.additions.len(), 2, "written as new all the same");
    assert_eq!(
        preview.possible_renames,
        [
            "第 2 行“青石街道办事处”与在用单位“青石镇人民政府”的联系电话（0399 8610148）相同：如是该单位改名，请改在“单位”中编辑“青石镇人民政府”（照此导入会另建一个单位）"
        ]
    );
}

#[test]
fn departments_sharing_a_switchboard_number_are_not_taken_for_a_rename() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "示例市审计局".to_owned();
        fields.kind = crate::model::UnitKind::Department;
        fields.contact_phone = "0399-8610000".to_owned();
    })];
    let table = table(
        &["单位名称", "单位类型", "考核类别", "联系电话"],
        &[&["示例市统计局", "部门", "镇街", "0399-8610000"]],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert_eq!(preview.additions.len(), 1);
    assert!(
        preview.possible_renames.is_empty(),
        "{:?}",
        preview.possible_renames
    );
}

/// A 负责人职务 of another kind of body is pointed out as the unit form does, the row still
/// written; a changed row only when the file changes the title or the kind.
#[test]
fn a_principal_s_title_of_another_kind_of_body_is_pointed_out() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "青石镇人民政府".to_owned();
        fields.principal_title = "镇长".to_owned();
    })];
    let table = table(
        &["单位名称", "单位类型", "考核类别", "负责人职务"],
        &[
            &["白沙街道办事处", "街道", "镇街", "镇长"],
            &["青石镇人民政府", "镇", "镇街", "镇长"],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert_eq!(preview.additions.len(), 1, "written all the same");
    assert_eq!(
        preview.mismatched_titles,
        [
            "第 2 行“白沙街道办事处”：负责人职务“镇长”是镇的职务，而单位类型是“街道”：请核对（职务印在责任书正文和落款中）"
        ]
    );
}
