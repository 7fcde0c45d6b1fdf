//! Worked examples of the unit import's preview: refused values quoted, spreadsheet number
//! traps named, and what is added, changed or rejected.

use super::row_draft::is_scientific_notation;
use super::*;
use crate::model::UnitKind;

pub(super) fn table(header: &[&str], rows: &[&[&str]]) -> Table {
    let cells = |row: &[&str]| row.iter().map(|&cell| cell.to_owned()).collect();
    Table {
        header: cells(header),
        header_row_number: 1,
        rows: (2..)
            .zip(rows)
            .map(|(number, row)| TableRow {
                number,
                cells: cells(row),
            })
            .collect(),
    }
}

/// The one category the examples use, 镇街 (id 1).
pub(super) fn towns() -> [Category; 1] {
    [Category {
        id: 1,
        name: "镇街".to_owned(),
        sort_order: 1,
    }]
}

#[test]
fn a_landline_whose_leading_zero_was_dropped_is_refused_and_mobiles_are_not() {
    let categories = towns();
    let table = table(
        &["单位名称", "单位类型", "考核类别", "联系电话"],
        &[
            &["甲镇", "镇", "镇街", "3998610185"],
            &["乙镇", "镇", "镇街", "13812345678"],
            &["丙镇", "镇", "镇街", "4008123456"],
            &["丁镇", "镇", "镇街", "8610185"],
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    assert_eq!(preview.rejected[0].name, "甲镇");
    assert!(
        preview.rejected[0]
            .reason
            .contains("像是丢了开头“0”的固定电话"),
        "{}",
        preview.rejected[0].reason
    );
    assert_eq!(preview.additions.len(), 3);
    // The register exported and imported back after Excel dropped the zero: the unit's own
    // number is left as it is; another number without its zero is refused as before.
    let existing = [unit_in_use(|fields| {
        fields.name = "甲镇".to_owned();
        fields.kind = UnitKind::Town;
        fields.category_id = 1;
        fields.contact_phone = "0399-8610185".to_owned();
    })];
    let back = self::table(&["单位名称", "联系电话"], &[&["甲镇", "3998610185"]]);
    let preview = self::preview(&back, &existing, &categories).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert!(preview.changes.is_empty(), "{:?}", preview.changes);
    assert_eq!(preview.unchanged, 1);
    let other = self::table(&["单位名称", "联系电话"], &[&["甲镇", "3998610186"]]);
    let preview = self::preview(&other, &existing, &categories).unwrap();
    assert_eq!(preview.rejected.len(), 1);
}

/// A formula that failed in the sheet ("#N/A") is never taken for a principal's name.
#[test]
fn an_excel_error_value_is_refused_by_its_column() {
    let categories = towns();
    let table = table(
        &["单位名称", "单位类型", "考核类别", "负责人"],
        &[
            &["甲镇", "镇", "镇街", "#N/A"],
            &["乙镇", "镇", "镇街", "甄堃"],
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    assert_eq!(preview.rejected[0].name, "甲镇");
    assert!(
        preview.rejected[0]
            .reason
            .contains("“负责人”是 Excel 的错误值 #N/A（公式出错）"),
        "{}",
        preview.rejected[0].reason
    );
    assert_eq!(preview.additions.len(), 1);
}

#[test]
fn a_refused_value_is_quoted_and_scientific_notation_is_named() {
    let categories = towns();
    let table = table(
        &["单位名称", "单位类型", "考核类别", "联系电话", "联系人"],
        &[
            &["甲镇", "镇", "镇街", "1.38E+10", ""],
            &["乙镇", "镇", "镇街", "0399-123456 总机", ""],
            &["丙镇", "镇", "镇街", "", "王\u{202E}五"],
            &["丁镇", "镇", "镇街", &"8".repeat(31), ""],
            &["戊镇", "镇", "镇街", "1380000111", ""],
            &["\u{20000}家庄镇", "镇", "镇街", "", ""],
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    let reasons: Vec<&str> = (preview.rejected.iter())
        .map(|r| r.reason.as_str())
        .collect();
    assert_eq!(
        reasons[0],
        "联系电话“1.38E+10”：Excel 把号码变成了科学计数法，请把该列设为文本后重新输入"
    );
    assert!(
        reasons[1].starts_with("联系电话只能包含数字")
            && reasons[1].ends_with("（文件中为“0399-123456 总机”）"),
        "{}",
        reasons[1]
    );
    assert!(
        reasons[2].ends_with("（文件中为“王〔U+202E〕五”）"),
        "{}",
        reasons[2]
    );
    // One bracket for the count and the value.
    assert_eq!(
        reasons[3],
        format!(
            "联系电话不能超过 30 个字（现有 31 个，文件中为“{}”）",
            "8".repeat(31)
        )
    );
    // A value the message quotes already, or the name the row's heading gives, is not
    // repeated after it.
    assert!(reasons[4].contains("“1380000111”"), "{}", reasons[4]);
    assert!(!reasons[4].contains("文件中为"), "{}", reasons[4]);
    assert!(!reasons[5].contains("文件中为"), "{}", reasons[5]);
    for (text, is_scientific) in [
        ("1.38E+10", true),
        ("1.3812345678e10", true),
        ("2E-3", true),
        ("E10", false),
        ("1.E5", false),
        ("0399-12345678", false),
    ] {
        assert_eq!(is_scientific_notation(text), is_scientific, "{text}");
    }
}

/// Found by the property tests in `tests/core/fuzz_inputs.rs`: a 排序号 of i64::MAX followed
/// by a row without one overflowed (a panic in debug builds, a wrap to i64::MIN in release
/// builds).
#[test]
fn largest_sort_order_does_not_overflow() {
    let categories = towns();
    let table = table(
        &["单位名称", "单位类型", "考核类别", "排序号"],
        &[
            &["一街道", "街道", "镇街", "999999"],
            &["丁街道", "街道", "镇街", ""],
            &["乙街道", "街道", "镇街", "9223372036854775807"],
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    let orders: Vec<i64> = (preview.additions.iter())
        .map(|addition| addition.draft.sort_order)
        .collect();
    assert_eq!(orders, [999_999, 999_999]);
    let reason = &preview.rejected[0].reason;
    assert!(
        reason
            .contains("排序号最大为 999999（填写的是“9223372036854775807”），请检查是否多打了数字"),
        "{reason}"
    );
}

/// Shorter column names (类型, 类别, 排序 …) are read like the full ones; two names of one
/// field are refused; a file without any name column says which columns are read.
#[test]
fn shorter_column_names_are_read_and_a_missing_name_column_lists_the_known_ones() {
    let categories = towns();
    let screen = table(
        &["排序", "单位", "类型", "类别", "主要负责人", "电话", "状态"],
        &[&[
            "7",
            "甲镇人民政府",
            "镇",
            "镇街",
            "甲某",
            "0399-1234567",
            "在用",
        ]],
    );
    let read = preview(&screen, &[], &categories).unwrap();
    assert!(read.rejected.is_empty(), "{:?}", read.rejected);
    assert_eq!(read.unknown_columns, ["状态"]);
    let draft = &read.additions[0].draft;
    assert_eq!(draft.name, "甲镇人民政府");
    assert_eq!(draft.kind, UnitKind::Town);
    assert_eq!(draft.sort_order, 7);
    assert_eq!(draft.principal_name, "甲某");
    assert_eq!(draft.contact_phone, "0399-1234567");
    let twice = table(&["单位名称", "单位"], &[]);
    assert_eq!(
        preview(&twice, &[], &categories).unwrap_err().to_string(),
        "“单位名称”列和“单位”列是同一项，请只保留一列"
    );
    let nameless = table(&["简称", "类型"], &[&["甲镇", "镇"]]);
    let error = preview(&nameless, &[], &categories)
        .unwrap_err()
        .to_string();
    assert!(
        error.contains("可用的列：单位名称、简称、单位类型、考核类别"),
        "{error}"
    );
}

/// A list giving only a mobile number ("手机") has it read as the 联系电话; beside a 联系电话
/// column it is another column, reported and not read.
#[test]
fn a_mobile_column_is_the_phone_when_there_is_no_other() {
    let categories = towns();
    let mobile = table(
        &["单位名称", "单位类型", "考核类别", "手机号码"],
        &[&["甲镇", "镇", "镇街", "13800001111"]],
    );
    let read = preview(&mobile, &[], &categories).unwrap();
    assert!(
        read.unknown_columns.is_empty(),
        "{:?}",
        read.unknown_columns
    );
    assert_eq!(read.additions[0].draft.contact_phone, "13800001111");
    let both = table(
        &["单位名称", "单位类型", "考核类别", "手机", "联系电话"],
        &[&["甲镇", "镇", "镇街", "13800001111", "0399-1234567"]],
    );
    let read = preview(&both, &[], &categories).unwrap();
    assert_eq!(read.unknown_columns, ["手机"]);
    assert_eq!(read.additions[0].draft.contact_phone, "0399-1234567");
}

/// A 简称 longer than the name is imported and pointed out: the columns may be swapped.
#[test]
fn a_short_name_longer_than_the_name_is_pointed_out() {
    let table = table(
        &["单位名称", "简称", "单位类型", "考核类别"],
        &[&["短局", "示例市非常长的简称局", "部门", "镇街"]],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    assert_eq!(preview.additions.len(), 1, "{:?}", preview.rejected);
    assert_eq!(
        preview.long_short_names,
        ["第 2 行“短局”：简称（10 个字）比单位名称（2 个字）还长：请检查两栏是否填反了"]
    );
}

/// A phone number a program wrote out as a decimal ("13800001111.0") is its digits; a
/// landline so written without its 0 is still refused for the 0.
#[test]
fn a_phone_written_as_a_decimal_is_its_digits() {
    let table = table(
        &["单位名称", "单位类型", "考核类别", "联系电话"],
        &[
            &["甲镇", "镇", "镇街", "13800001111.0"],
            &["乙镇", "镇", "镇街", "3998610185.0"],
        ],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    assert_eq!(preview.additions.len(), 1, "{:?}", preview.rejected);
    assert_eq!(preview.additions[0].draft.contact_phone, "13800001111");
    assert!(
        preview.rejected[0]
            .reason
            .contains("像是丢了开头“0”的固定电话")
    );
}

/// A kind or category spaced out ("部 门", "镇　街") is read as the word it is.
#[test]
fn a_spaced_out_kind_or_category_is_read_as_its_word() {
    let categories = towns();
    let table = table(
        &["单位名称", "单位类型", "考核类别"],
        &[
            &["甲镇", "镇 ", "镇\u{3000}街"],
            &["示例市统计局", "部 门", "镇 街"],
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.additions[1].draft.kind, UnitKind::Department);
}

#[test]
fn headers_wrapped_onto_two_lines_or_spaced_out_are_recognised() {
    let categories = towns();
    let table = table(
        &["单位\n名称", "单位 类型", "考核\r\n类别", "联 系 人"],
        &[&["甲镇", "镇", "镇街", "林小满"]],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    assert!(
        preview.unknown_columns.is_empty(),
        "{:?}",
        preview.unknown_columns
    );
    assert_eq!(preview.additions.len(), 1);
    assert_eq!(preview.additions[0].draft.contact_name, "林小满");
}

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

/// An existing unit in use (id 7, category 1) with the fields `set` gives it.
pub(super) fn unit_in_use(set: impl FnOnce(&mut UnitDraft)) -> Unit {
    let mut fields = UnitDraft::empty(1);
    set(&mut fields);
    Unit {
        id: 7,
        fields,
        is_active: true,
    }
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
            .all(|r| r.contains("在文件中重复出现（第 3、4 行）")),
        "{reasons:?}"
    );
    assert_eq!(reasons.len(), 2);
}

/// A list numbered ahead of its units (序号 filled in down the sheet) and its totals line have
/// nothing to import: passed over and said once, not each refused for a missing name.
#[test]
fn numbered_empty_rows_and_totals_are_passed_over() {
    let table = table(
        &["序号", "责任单位", "单位类型", "考核类别", "主要负责人"],
        &[
            &["1", "甲镇", "镇", "镇街", "甲某"],
            &["2", "", "", "", ""],
            &["3", "", "", "", ""],
            &["4", "", "", "", ""],
            &["", "合 计", "", "", ""],
            &["小计", "", "", "", ""],
            &["7", "", "镇", "", ""],
        ],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    assert_eq!(preview.additions.len(), 1, "{preview:?}");
    assert_eq!(preview.additions[0].draft.name, "甲镇");
    assert_eq!(preview.passed_over, [3, 4, 5, 6, 7]);
    assert_eq!(
        preview.passed_over_note().unwrap(),
        "第 3 至 7 行没有要导入的内容（只填了序号等不导入的列，或是合计行、表头行），已跳过"
    );
    // A row with something to import and no name is still refused, naming what is missing.
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    assert_eq!(
        preview.rejected[0].line(),
        "第 8 行：未填写单位名称；未填写考核类别"
    );
}

#[test]
fn rows_are_said_in_runs() {
    assert_eq!(super::super::table::rows_said(&[4]), "第 4 行");
    assert_eq!(
        super::super::table::rows_said(&[20, 4, 5, 18, 19, 7]),
        "第 4、5、7、18 至 20 行"
    );
}

/// A rejected row is named beside its number, a long name cut.
#[test]
fn a_rejected_row_names_its_unit() {
    let row = |name: &str| RejectedRow {
        row_number: 10,
        name: name.to_owned(),
        reason: "单位类型“机关”无效".to_owned(),
    };
    assert_eq!(
        row("示例市机关事务管理局").line(),
        "第 10 行（示例市机关事务管理局）：单位类型“机关”无效"
    );
    let long = "示".repeat(25);
    assert_eq!(
        row(&long).line(),
        format!("第 10 行（{}…）：单位类型“机关”无效", "示".repeat(20))
    );
    // A line break in the cell stays out of the one line.
    assert_eq!(
        row("测试\n换行").line(),
        "第 10 行（测试 换行）：单位类型“机关”无效"
    );
}

/// A unit pasted twice is imported once, the repeat said; rows of one name that differ are
/// both refused, since which is meant is the clerk's to say.
#[test]
fn a_row_repeated_whole_is_imported_once() {
    let table = table(
        &["单位名称", "单位类型", "考核类别", "负责人"],
        &[
            &["甲镇", "镇", "镇街", "甲某"],
            &["乙镇", "镇", "镇街", "乙某"],
            &["甲镇 ", "镇", "镇街", "甲某"],
            &["乙镇", "镇", "镇街", "丙某"],
        ],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    let added: Vec<(usize, &str)> = (preview.additions.iter())
        .map(|row| (row.row_number, row.draft.name.as_str()))
        .collect();
    assert_eq!(added, [(2, "甲镇")]);
    assert_eq!(
        preview.repeated_note().as_deref(),
        Some("第 4 行与第 2 行（甲镇）完全相同，只导入一次")
    );
    let refused: Vec<usize> = preview.rejected.iter().map(|r| r.row_number).collect();
    assert_eq!(refused, [3, 5], "{:?}", preview.rejected);
    assert!(
        preview.rejected[0]
            .reason
            .contains("重复出现（第 3、5 行）"),
        "{:?}",
        preview.rejected
    );
}

/// A row repeating one of a name written otherwise elsewhere is refused with the others of
/// its name, never said to be imported once while none of them is.
#[test]
fn a_repeat_of_a_refused_row_is_refused_with_it() {
    let table = table(
        &["单位名称", "单位类型", "考核类别", "负责人"],
        &[
            &["甲镇", "镇", "镇街", "甲某"],
            &["乙镇", "镇", "镇街", "乙某"],
            &["甲镇", "镇", "镇街", "甲某"],
            &["甲镇", "镇", "镇街", "丙某"],
        ],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    assert_eq!(preview.repeated_note(), None);
    let refused: Vec<usize> = preview.rejected.iter().map(|r| r.row_number).collect();
    assert_eq!(refused, [2, 4, 5], "{:?}", preview.rejected);
    assert!(
        (preview.rejected.iter()).all(|r| r.reason.contains("重复出现（第 2、4、5 行）")),
        "{:?}",
        preview.rejected
    );
    let added: Vec<&str> = (preview.additions.iter())
        .map(|row| row.draft.name.as_str())
        .collect();
    assert_eq!(added, ["乙镇"]);
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
            "第 2 行“甲镇”：单位类型为“镇”，考核类别却是“一类”：将与部门一同考核、排名，不在“镇街”中",
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
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    assert_eq!(preview.additions.len(), 3, "{:?}", preview.rejected);
    assert_eq!(
        preview.kinds_across_categories,
        [
            "第 2 行“南湖街道办事处”：从名称看是街道，单位类型却是“镇”：通报的主送等处按单位类型称呼各单位，请核对",
            "第 4 行“西山乡”：从名称看是乡，单位类型却是“街道”：通报的主送等处按单位类型称呼各单位，请核对",
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

/// A line under the header naming a column the header names elsewhere is no second header
/// line (found by the fuzz target): the header stays, and nothing is refused for it.
#[test]
fn a_second_line_that_would_name_a_column_twice_is_no_header() {
    let odd = table(
        &["", "单位名称"],
        &[&["单位名称", ""], &["", "滨河街道办事处"]],
    );
    assert!(two_line_header(&odd).is_none());
    let categories = towns();
    assert!(preview(&odd, &[], &categories).is_ok());
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
