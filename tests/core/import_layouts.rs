//! Sheets laid out as offices make them: a title row above the header, headers marked as
//! required or named otherwise, merged cells, a hidden sheet, a two-line header.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use rust_xlsxwriter::{Format, Workbook};
use zerenshu::io::read_table;
use zerenshu::model::UnitKind;

use crate::import::{preview_for, write_csv};
use crate::support::demo_store;

#[test]
fn a_title_row_above_the_header_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let csv = "2026年度安全生产责任单位名册,,\n\
               填报日期：2026年1月5日,,\n\
               单位名称,考核类别,单位类型\n\
               临河镇人民政府,镇街,镇\n";
    let path = write_csv(dir.path(), "名册.csv", csv.as_bytes());
    let store = demo_store();
    let found = preview_for(&store, &read_table(&path).unwrap());
    assert!(found.rejected.is_empty(), "{:?}", found.rejected);
    assert_eq!(found.additions.len(), 1);
    assert_eq!(
        found.additions[0].row_number, 4,
        "rows keep the numbers the clerk sees"
    );
}

#[test]
fn a_title_row_above_a_header_marked_as_required_or_named_otherwise_is_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    for header in [
        "单位名称（必填）,单位类型,考核类别",
        "*单位名称,类型,类别",
        "单位,类型,类别",
    ] {
        let csv = format!("2026年度单位名册\n{header}\n示例市审计局,部门,二类\n");
        let path = write_csv(dir.path(), "名册.csv", csv.as_bytes());
        let store = demo_store();
        let found = preview_for(&store, &read_table(&path).unwrap());
        assert!(found.rejected.is_empty(), "{header}: {:?}", found.rejected);
        assert_eq!(found.additions.len(), 1, "{header}");
    }
}

/// A 单位类型 and 考核类别 merged down over a group of units reach every unit of the group, as
/// the clerk sees them; a two-line header (its 单位名称 merged over both lines) is no unit; a
/// visible register is read before a hidden old copy, and a hidden one read is said to be.
#[test]
fn merged_cells_reach_each_row_and_a_hidden_sheet_comes_last() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("合并.xlsx");
    let mut workbook = Workbook::new();
    let plain = Format::new();
    let old = workbook.add_worksheet();
    old.set_name("旧名册").unwrap();
    old.write_string(0, 0, "单位名称").unwrap();
    old.write_string(1, 0, "示例市旧局").unwrap();
    old.set_hidden(true);
    let sheet = workbook.add_worksheet();
    // The first sheet is hidden only behind an active one, as Excel saves it.
    sheet.set_name("名册").unwrap().set_active(true);
    for (column, title) in (0u16..).zip(["单位名称", "单位类型", "考核类别"]) {
        sheet
            .merge_range(0, column, 1, column, title, &plain)
            .unwrap();
    }
    for (row, name) in (2u32..).zip(["示例市甲局", "示例市乙局", "示例市丙局"]) {
        sheet.write_string(row, 0, name).unwrap();
    }
    sheet.merge_range(2, 1, 4, 1, "部门", &plain).unwrap();
    sheet.merge_range(2, 2, 4, 2, "一类", &plain).unwrap();
    workbook.save(&path).unwrap();

    let file = zerenshu::io::read_unit_file(&path).unwrap();
    let source = file.source().unwrap();
    assert!(
        source.starts_with("读取工作表“名册”；工作表“旧名册”"),
        "{source}"
    );
    let store = demo_store();
    let preview = preview_for(&store, &file.table);
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.passed_over, [2], "the header's second line");
    let added: Vec<_> = (preview.additions.iter()).map(|a| a.row_number).collect();
    assert_eq!(added, [3, 4, 5]);
    let categories = store.categories().unwrap();
    let first = categories.iter().find(|c| c.name == "一类").unwrap();
    for addition in &preview.additions {
        assert_eq!(addition.draft.kind, UnitKind::Department);
        assert_eq!(addition.draft.category_id, first.id);
    }

    // Only the hidden sheet names 单位名称: it is read, and said to be hidden.
    let hidden_only = dir.path().join("隐藏.xlsx");
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("说明").unwrap();
    notes.write_string(0, 0, "填表说明").unwrap();
    let old = workbook.add_worksheet();
    old.set_name("旧名册").unwrap();
    old.write_string(0, 0, "单位名称").unwrap();
    old.write_string(1, 0, "示例市旧局").unwrap();
    old.set_hidden(true);
    workbook.save(&hidden_only).unwrap();
    let file = zerenshu::io::read_unit_file(&hidden_only).unwrap();
    assert_eq!(file.source().unwrap(), "读取工作表“旧名册”（隐藏的工作表）");
}

/// A register headed on two lines, 负责人 over its 职务 and 姓名, reads each part into its own
/// field (never the 职务 into 负责人); a 合计 line counting the units is passed over.
#[test]
fn a_two_line_header_reads_each_part_into_its_own_field() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("两行表头.xlsx");
    let mut workbook = Workbook::new();
    let plain = Format::new();
    let sheet = workbook.add_worksheet();
    for (column, title) in (0u16..).zip(["单位名称", "单位类型", "考核类别"]) {
        sheet
            .merge_range(0, column, 1, column, title, &plain)
            .unwrap();
    }
    sheet.merge_range(0, 3, 0, 4, "负责人", &plain).unwrap();
    sheet.write_string(1, 3, "职务").unwrap();
    sheet.write_string(1, 4, "姓名").unwrap();
    for (column, text) in (0u16..).zip(["示例市甲局", "部门", "一类", "局长", "甄乙丙"])
    {
        sheet.write_string(2, column, text).unwrap();
    }
    sheet.write_string(3, 0, "合计：1个单位").unwrap();
    workbook.save(&path).unwrap();

    let store = demo_store();
    let preview = preview_for(&store, &read_table(&path).unwrap());
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert!(
        preview.unknown_columns.is_empty(),
        "{:?}",
        preview.unknown_columns
    );
    assert_eq!(preview.passed_over, [4], "the 合计 line");
    let [added] = &preview.additions[..] else {
        panic!("{:?}", preview.additions)
    };
    assert_eq!(added.row_number, 3);
    assert_eq!(added.draft.principal_title, "局长");
    assert_eq!(added.draft.principal_name, "甄乙丙");
}
