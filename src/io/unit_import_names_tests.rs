//! Worked examples of how the unit import reads names: short names, other brackets and
//! punctuation, hidden characters and spaces, kinds and categories unlike the name.

use super::tests::{table, towns, unit_in_use};
use super::*;
use crate::model::UnitKind;

#[test]
fn a_refused_row_also_names_a_short_name_an_active_unit_has() {
    let categories = towns();
    let mut fields = UnitDraft::empty(1);
    fields.name = "青石镇人民政府".to_owned();
    fields.short_name = "青石镇".to_owned();
    let existing = [Unit {
        id: 7,
        fields,
        is_active: true,
    }];
    let table = table(
        &["单位名称", "简称", "单位类型", "考核类别", "排序号"],
        &[&["青石乡人民政府", "青石镇", "乡", "镇街", "abc"]],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    let reason = &preview.rejected[0].reason;
    assert!(reason.contains("排序号须是整数"), "{reason}");
    assert!(
        reason.contains("简称“青石镇”与在用单位“青石镇人民政府”的简称相同"),
        "{reason}"
    );
}

#[test]
fn a_group_word_as_type_is_read_from_the_name_or_asked_for() {
    let categories = towns();
    let table = table(
        &["单位名称", "单位类型", "考核类别"],
        &[
            &["青石乡人民政府", "镇街", "镇街"],
            &["示例市应急管理局", "镇街", "镇街"],
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    assert_eq!(preview.additions.len(), 1);
    assert_eq!(preview.additions[0].draft.kind, UnitKind::Township);
    let reason = &preview.rejected[0].reason;
    assert!(
        reason.contains("单位类型写“镇街”时按单位名称的结尾（…街道、…镇、…乡）区分，从名称“示例市应急管理局”看不出是街道、镇还是乡"),
        "{reason}"
    );
    assert!(!reason.contains("无效"), "{reason}");
}

#[test]
fn a_name_that_is_another_units_short_name_is_rejected_as_the_store_would() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "城关镇人民政府".to_owned();
        fields.short_name = "城关镇".to_owned();
    })];
    let table = table(
        &["单位名称", "简称", "单位类型", "考核类别"],
        &[
            &["城关镇", "城关", "镇", "镇街"],
            &["红岭乡人民政府", "城关镇人民政府", "乡", "镇街"],
            &["白沙乡人民政府", "白沙乡", "乡", "镇街"],
            &["白沙乡", "", "乡", "镇街"],
            &["青石乡人民政府", "青石乡", "乡", "镇街"],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    let reasons: Vec<(usize, &str)> = (preview.rejected.iter())
        .map(|r| (r.row_number, r.reason.as_str()))
        .collect();
    let said = |row: usize, start: &str| {
        reasons
            .iter()
            .any(|&(number, reason)| number == row && reason.starts_with(start))
    };
    assert!(
        said(
            2,
            "“城关镇”是在用单位“城关镇人民政府”的简称：要修改该单位，请在“单位名称”列写全称“城关镇人民政府”"
        ),
        "{reasons:?}"
    );
    assert!(
        said(
            3,
            "简称“城关镇人民政府”与在用单位“城关镇人民政府”的名称相同"
        ),
        "{reasons:?}"
    );
    // Two rows of the file: each is named for the other.
    assert!(
        said(4, "简称“白沙乡”与文件中的“白沙乡”的名称相同"),
        "{reasons:?}"
    );
    assert!(
        said(
            5,
            "单位名称“白沙乡”是文件中的“白沙乡人民政府”的简称，请另取名称"
        ),
        "{reasons:?}"
    );
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    assert_eq!(preview.additions.len(), 1);
    assert_eq!(preview.additions[0].draft.name, "青石乡人民政府");
    // Numbered next after the units there, with no gap for the rows refused.
    let last = existing.iter().map(|u| u.fields.sort_order).max().unwrap();
    assert_eq!(preview.additions[0].draft.sort_order, last + 1);
}

#[test]
fn a_unit_named_by_its_short_name_is_told_to_use_the_full_name() {
    let existing = [unit_in_use(|fields| {
        fields.name = "城关街道办事处".to_owned();
        fields.short_name = "城关街道".to_owned();
    })];
    // A sheet of new principals, without the columns a new unit needs.
    let table = table(&["单位名称", "负责人"], &[&["城关街道", "新人"]]);
    let preview = preview(&table, &existing, &towns()).unwrap();
    let reason = &preview.rejected[0].reason;
    assert_eq!(
        reason,
        "“城关街道”是在用单位“城关街道办事处”的简称：要修改该单位，请在“单位名称”列写全称“城关街道办事处”；如是另一个单位，请改用能区分的名称"
    );
}

#[test]
fn a_name_typed_with_other_brackets_or_full_width_letters_is_the_same_unit() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "示例市疾控中心（XQ）".to_owned();
        fields.kind = crate::model::UnitKind::Town;
    })];
    let table = table(
        &["单位名称", "联系电话"],
        &[
            &["示例市疾控中心(ＸＱ)", "0000-1234567"],
            &["青石镇(新区)", ""],
            &["青石镇（新区）", ""],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert!(preview.additions.is_empty(), "{preview:?}");
    assert_eq!(preview.changes.len(), 1, "{preview:?}");
    // The unit keeps its name; only the phone changes.
    assert_eq!(preview.changes[0].after.name, "示例市疾控中心（XQ）");
    let reasons: Vec<&str> = (preview.rejected.iter())
        .map(|r| r.reason.as_str())
        .collect();
    assert!(
        reasons
            .iter()
            .all(|r| r.contains("在文件中重复出现且内容不同（第 3、4 行）")),
        "{reasons:?}"
    );
    assert_eq!(reasons.len(), 2);
}

/// A new name typed with half-width punctuation is imported, and pointed out as the unit form
/// points it out.
#[test]
fn a_new_name_with_half_width_punctuation_is_pointed_out() {
    let table = table(
        &["单位名称", "单位类型", "考核类别"],
        &[
            &["示例市\"新区\"管委会", "开发区", "镇街"],
            &["甲镇（新区）", "镇", "镇街"],
        ],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    assert_eq!(preview.additions.len(), 2, "{:?}", preview.rejected);
    assert_eq!(
        preview.half_width_names.len(),
        1,
        "{:?}",
        preview.half_width_names
    );
    assert!(
        preview.half_width_names[0]
            .starts_with("第 2 行“示例市\"新区\"管委会”：单位名称中有半角标点"),
        "{:?}",
        preview.half_width_names
    );
}

/// A 部门 filed among the towns, or a 镇 among the departments, is imported and pointed out;
/// a changed row only when the file changes its kind or category.
#[test]
fn a_unit_filed_on_the_other_side_of_the_towns_is_pointed_out() {
    let categories = [
        towns()[0].clone(),
        Category {
            id: 2,
            name: "一类".to_owned(),
            sort_order: 2,
        },
    ];
    let existing = [unit_in_use(|fields| {
        fields.name = "示例市气象局".to_owned();
        fields.kind = UnitKind::Department;
        fields.category_id = 1;
    })];
    let table = table(
        &["单位名称", "单位类型", "考核类别", "联系人"],
        &[
            &["甲镇", "镇", "一类", ""],
            &["示例市统计局", "部门", "镇街", ""],
            &["示例市审计局", "部门", "一类", ""],
            &["示例市气象局", "部门", "镇街", "某某"],
        ],
    );
    let preview = preview(&table, &existing, &categories).unwrap();
    assert_eq!(preview.additions.len(), 3, "{:?}", preview.rejected);
    assert_eq!(preview.changes.len(), 1);
    assert_eq!(
        preview.kinds_across_categories,
        [
            "第 2 行“甲镇”：单位类型为“镇”，考核类别却是“一类”：将在“一类”中考核、排名，不在“镇街”中",
            "第 3 行“示例市统计局”：单位类型为“部门”，考核类别却是镇街所在的“镇街”：将与镇、街道一同考核、排名",
        ]
    );
}

/// A sub-district typed as a 镇 (its name says 街道) is pointed out: the notice's 主送 calls
/// the units by their kind, and would leave it out.
#[test]
fn a_kind_unlike_the_name_is_pointed_out() {
    let categories = towns();
    let table = table(
        &["单位名称", "单位类型", "考核类别"],
        &[
            &["南湖街道办事处", "镇", "镇街"],
            &["北岭镇", "镇", "镇街"],
            &["西山乡", "街道", "镇街"],
            // A department filed as a 镇: ranked with the towns, called one in the 主送.
            &["示例市档案馆", "镇", "镇街"],
            &["示例市消防救援大队", "街道", "镇街"],
            // A town's own offices and a 街道办 are no departments.
            &["东城街道办", "街道", "镇街"],
            &["白塔镇党委", "镇", "镇街"],
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    assert_eq!(preview.additions.len(), 7, "{:?}", preview.rejected);
    assert_eq!(
        preview.kinds_across_categories,
        [
            "第 2 行“南湖街道办事处”：从名称看是街道，单位类型却是“镇”：通报的主送等处按单位类型称呼各单位，请核对",
            "第 4 行“西山乡”：从名称看是乡，单位类型却是“街道”：通报的主送等处按单位类型称呼各单位，请核对",
            "第 5 行“示例市档案馆”：从名称看是部门，单位类型却是“镇”：通报的主送等处按单位类型称呼各单位，请核对",
            "第 6 行“示例市消防救援大队”：从名称看是部门，单位类型却是“街道”：通报的主送等处按单位类型称呼各单位，请核对",
        ]
    );
}

/// A name that came with zero-width characters (a copy from a web page or a chat) is the
/// unit saved without them: found, not added a second time nor refused as unknown.
#[test]
fn a_name_with_zero_width_characters_finds_the_unit() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "城关街道办事处".to_owned();
        fields.principal_name = "甲".to_owned();
    })];
    for name in ["城关街道\u{200B}办事处", "\u{FEFF}城关街道办事处\u{2060}"] {
        let table = table(&["单位名称", "负责人"], &[&[name, "乙"]]);
        let preview = preview(&table, &existing, &categories).unwrap();
        assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
        assert!(preview.additions.is_empty(), "{:?}", preview.additions);
        assert_eq!(preview.changes.len(), 1);
    }
}

/// A space inside a unit's name ("示例市 气象局") is taken for that unit mistyped: the row is
/// refused with the name to write, not as a new unit lacking its type and category.
#[test]
fn a_name_with_a_space_inside_points_to_the_unit_without_it() {
    let categories = towns();
    let existing = [unit_in_use(|fields| {
        fields.name = "示例市气象局".to_owned();
        fields.kind = UnitKind::Town;
        fields.category_id = 1;
    })];
    let spaced = table(&["单位名称", "负责人"], &[&["示例市 气象局", "甄一鸣"]]);
    let refused = preview(&spaced, &existing, &categories).unwrap();
    assert_eq!(refused.rejected.len(), 1);
    assert_eq!(
        refused.rejected[0].reason,
        "单位名称“示例市 气象局”中有空格：名册中有在用单位“示例市气象局”，如指该单位，请删去空格后再导入"
    );
    // A name with a space that is no unit's is refused as before.
    let other = table(
        &["单位名称", "单位类型", "考核类别"],
        &[&["示例市 档案馆", "部门", "镇街"]],
    );
    let refused = preview(&other, &existing, &categories).unwrap();
    assert!(
        refused.rejected[0].reason.contains("中有空格"),
        "{}",
        refused.rejected[0].reason
    );
}

#[test]
fn a_name_pasted_far_too_long_is_quoted_short_so_the_reasons_show() {
    let categories = towns();
    let name = format!("示{}", "长".repeat(10_000));
    let table = table(&["单位名称", "简称"], &[&[name.as_str(), "长"]]);
    let preview = preview(&table, &[], &categories).unwrap();
    let reason = &preview.rejected[0].reason;
    assert!(reason.chars().count() < 300, "{reason}");
    assert!(reason.contains("…（共 10001 字）"), "{reason}");
    assert!(reason.contains("单位名称不能超过 40 个字"), "{reason}");
}
