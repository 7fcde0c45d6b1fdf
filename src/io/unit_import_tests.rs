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

/// A "?" among Chinese characters is what a character the file's encoding could not hold
/// became (a GBK CSV saved by Excel): refused, not imported as a name with a hole.
#[test]
fn a_character_lost_to_the_files_encoding_is_refused_not_imported() {
    let categories = towns();
    let table = table(
        &["单位名称", "简称", "单位类型", "考核类别", "负责人"],
        &[
            &["示例市?局", "?局", "部门", "镇街", "王某"],
            &["甲镇", "", "镇", "镇街", "张?"],
            &["乙镇", "", "镇", "镇街", "What?"],
        ],
    );
    let preview = preview(&table, &[], &categories).unwrap();
    let reasons: Vec<&str> = (preview.rejected.iter())
        .map(|row| row.reason.as_str())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons[0]
            .contains("“单位名称”中的“?”多半是丢失的字（示例市?局）：表格另存为 GBK 编码的 CSV 时"),
        "{}",
        reasons[0]
    );
    assert!(reasons[0].contains("“简称”中的“?”"), "{}", reasons[0]);
    assert!(reasons[1].contains("“负责人”中的“?”"), "{}", reasons[1]);
    // Latin text with a question mark is no hole in a Chinese name.
    assert_eq!(preview.additions.len(), 1);
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

/// A 简称 with a character no file name holds is imported and pointed out, as the unit form
/// does: the exported files say "_" there.
#[test]
fn a_short_name_no_file_name_can_hold_is_pointed_out() {
    let table = table(
        &["单位名称", "简称", "单位类型", "考核类别"],
        &[&["示例市甲乙联合办公室", "甲/乙办", "部门", "镇街"]],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    assert_eq!(preview.additions.len(), 1, "{:?}", preview.rejected);
    assert_eq!(preview.file_name_marks.len(), 1);
    assert!(
        preview.file_name_marks[0]
            .starts_with("第 2 行“示例市甲乙联合办公室”：简称中的“/”不能用在文件名中"),
        "{:?}",
        preview.file_name_marks
    );
    assert_eq!(preview.row_notes().count(), 1);
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
            // Notes under the table, as offices add them.
            &["注：排序号按上年通报顺序填写", "", "", "", ""],
            &["", "填表人：甲某      联系电话：0399-1234567", "", "", ""],
            &["单位负责人：乙某", "", "", "", ""],
        ],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    assert_eq!(preview.additions.len(), 1, "{preview:?}");
    assert_eq!(preview.additions[0].draft.name, "甲镇");
    assert_eq!(preview.passed_over, [3, 4, 5, 6, 7, 9, 10, 11]);
    assert_eq!(
        preview.passed_over_note().unwrap(),
        "第 3 至 7、9 至 11 行没有要导入的内容（只填了序号等不导入的列，或是合计行、表头行、表下的注释），已跳过"
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
            .contains("重复出现且内容不同（第 3、5 行）"),
        "{:?}",
        preview.rejected
    );
}

/// A row repeating a row refused for its own cells (a 考核类别 not on the list) is said to go
/// with it, not to be imported once.
#[test]
fn a_repeat_of_a_row_refused_for_its_cells_is_said_to_go_with_it() {
    let table = table(
        &["单位名称", "单位类型", "考核类别", "负责人"],
        &[
            &["甲镇", "镇", "四类", "甲某"],
            &["乙镇", "镇", "镇街", "乙某"],
            &["甲镇", "镇", "四类", "甲某"],
        ],
    );
    let preview = preview(&table, &[], &towns()).unwrap();
    let refused: Vec<usize> = preview.rejected.iter().map(|r| r.row_number).collect();
    assert_eq!(refused, [2], "{:?}", preview.rejected);
    assert_eq!(
        preview.repeated_note().as_deref(),
        Some("第 4 行与第 2 行（甲镇）完全相同，随第 2 行一并不导入")
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
        (preview.rejected.iter()).all(|r| r.reason.contains("重复出现且内容不同（第 2、4、5 行）")),
        "{:?}",
        preview.rejected
    );
    let added: Vec<&str> = (preview.additions.iter())
        .map(|row| row.draft.name.as_str())
        .collect();
    assert_eq!(added, ["乙镇"]);
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
