//! Unit import details: every reason of a rejected row, filled cells beyond the header told,
//! and a workbook whose units are not on its first sheet (the sheet read named, and another
//! register sheet left unread said so).

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use rust_xlsxwriter::Workbook;
use zerenshu::io::{ExtraCells, Table, TableRow, UnitFileError, preview, read_unit_table};

use crate::support::{demo_store, zerenshu};

fn table(header: &[&str], rows: &[&[&str]]) -> Table {
    Table {
        header: header.iter().map(|s| (*s).to_owned()).collect(),
        header_row_number: 1,
        rows: (2..)
            .zip(rows)
            .map(|(number, cells)| TableRow {
                number,
                cells: cells.iter().map(|s| (*s).to_owned()).collect(),
            })
            .collect(),
    }
}

#[test]
fn a_row_with_several_problems_gives_them_all() {
    let store = demo_store();
    let table = table(
        &["单位名称", "简称", "单位类型", "考核类别", "排序号"],
        &[
            &["示例市档案馆", "档案馆", "机关", "四类", "第一"],
            &["", "无名", "部门", "五类", ""],
            &["示例市气象局", "气象局", "部门", "三类", ""],
            &["示例市气象局", "气象局", "科室", "三类", ""],
        ],
    );
    let preview = preview(
        &table,
        &store.units().unwrap(),
        &store.categories().unwrap(),
    )
    .unwrap();
    let reasons: Vec<(usize, &str)> = (preview.rejected.iter())
        .map(|r| (r.row_number, r.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 4, "{reasons:?}");
    let (_, first) = reasons[0];
    assert_eq!(first.split('；').count(), 3, "{first}");
    assert!(first.contains("单位类型“机关”无效"), "{first}");
    assert!(first.contains("考核类别“四类”不存在"), "{first}");
    assert!(
        first.contains("排序号须是整数（填写的是“第一”）"),
        "{first}"
    );
    let (_, nameless) = reasons[1];
    assert!(nameless.starts_with("未填写单位名称；"), "{nameless}");
    assert!(nameless.contains("考核类别“五类”不存在"), "{nameless}");
    assert!(
        !nameless.contains("不能为空"),
        "the empty name is said once: {nameless}"
    );
    let (_, repeated) = reasons[3];
    assert!(
        repeated.contains("重复出现且内容不同（第 4、5 行）"),
        "{repeated}"
    );
    assert!(repeated.contains("单位类型“科室”无效"), "{repeated}");
}

#[test]
fn filled_cells_beyond_the_header_are_told() {
    let store = demo_store();
    let table = table(
        &["单位名称", "简称", "单位类型", "考核类别", ""],
        &[
            &[
                "示例市档案馆",
                "档案馆",
                "部门",
                "三类",
                "",
                "多出",
                "",
                "又多",
            ],
            &["示例市地方志办公室", "地方志办", "部门", "三类", "  "],
        ],
    );
    let preview = preview(
        &table,
        &store.units().unwrap(),
        &store.categories().unwrap(),
    )
    .unwrap();
    assert_eq!(
        preview.extra_cells,
        [ExtraCells {
            row_number: 2,
            count: 2
        }]
    );
    assert_eq!(
        preview.extra_cells[0].to_string(),
        "第 2 行有 2 个多余的单元格（表头之外），已忽略"
    );
    assert_eq!(preview.additions.len(), 2, "the row itself is still read");
}

#[test]
fn the_units_are_found_on_a_later_sheet_and_the_sheets_are_named_when_none_has_them() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("名册.xlsx");
    let mut workbook = Workbook::new();
    let notes = workbook.add_worksheet();
    notes.set_name("填表说明").unwrap();
    notes.write_string(0, 0, "请在下一张表中填写").unwrap();
    let units = workbook.add_worksheet();
    units.set_name("单位名册").unwrap();
    for (col, text) in (0u16..).zip(["单位名称", "简称", "单位类型", "考核类别", "联系电话"])
    {
        units.write_string(0, col, text).unwrap();
    }
    for (col, text) in (0u16..).zip(["示例市档案馆", "档案馆", "部门", "三类", "0399-1234567"])
    {
        units.write_string(1, col, text).unwrap();
    }
    units.write_string(1, 7, "备忘").unwrap();
    // A second register sheet is not read, and the preview says so.
    let more = workbook.add_worksheet();
    more.set_name("第二批").unwrap();
    more.write_string(0, 0, "单位名称").unwrap();
    workbook.save(&path).unwrap();
    let table = read_unit_table(&path).unwrap();
    assert_eq!(table.header[0], "单位名称");
    assert_eq!(table.rows.len(), 1);

    let dir_db = dir.path().join("demo.sqlite3");
    let db = dir_db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db]).0, 0);
    let (code, out, err) = zerenshu(&[
        "import",
        "units",
        "--db",
        db,
        "--dry-run",
        path.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("读取工作表“单位名册”；工作表“第二批”也有“单位名称”列，本次没有读取"),
        "{out}"
    );
    assert!(
        out.contains("新增 第 2 行：示例市档案馆（部门，三类，排序号 "),
        "{out}"
    );
    assert!(
        out.contains("第 2 行有 1 个多余的单元格（表头之外），已忽略"),
        "{out}"
    );

    let other = dir.path().join("其他.xlsx");
    let mut workbook = Workbook::new();
    workbook
        .add_worksheet()
        .set_name("汇总")
        .unwrap()
        .write_string(0, 0, "姓名")
        .unwrap();
    workbook.add_worksheet().set_name("空表").unwrap();
    workbook.save(&other).unwrap();
    let error = read_unit_table(&other).unwrap_err();
    assert!(
        matches!(error, UnitFileError::NoNameColumn { .. }),
        "{error}"
    );
    let said = error.to_string();
    assert!(said.contains("已查看：“汇总”、“空表”（空白）"), "{said}");
    let (code, _, err) = zerenshu(&["import", "units", "--db", db, other.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(
        err.contains("没有含“单位名称”列的工作表") && err.contains("“汇总”"),
        "{err}"
    );
}

/// With a unit at the largest 排序号 already, rows without one of their own stay at it (never
/// past it, also when a refused row makes them numbered again) and are not pointed at as
/// sharing it: the program chose the number, not the clerk.
#[test]
fn rows_numbered_after_the_largest_sort_number_stay_at_it_unremarked() {
    let mut store = demo_store();
    let mut last = store.units().unwrap().remove(0);
    last.fields.sort_order = 999_999;
    store
        .write(|w| w.update_unit(last.id, &last.fields))
        .unwrap();
    let table = table(
        &["单位名称", "简称", "单位类型", "考核类别"],
        &[
            &["示例市档案馆", "档案馆", "部门", "三类"],
            // Refused for another unit's short name: the rows after it are numbered again.
            &["示例市城关办", "城关街道", "部门", "三类"],
            &["示例市地方志办公室", "地方志办", "部门", "三类"],
        ],
    );
    let preview = preview(
        &table,
        &store.units().unwrap(),
        &store.categories().unwrap(),
    )
    .unwrap();
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    let orders: Vec<i64> = (preview.additions.iter())
        .map(|a| a.draft.sort_order)
        .collect();
    assert_eq!(orders, [999_999, 999_999]);
    assert!(
        preview.shared_sort_orders.is_empty(),
        "{:?}",
        preview.shared_sort_orders
    );
}

/// A new 负责人 for a unit whose agreement is frozen: the preview says the text keeps the one
/// before, as the unit form does.
#[test]
fn a_new_principal_names_the_issued_agreement_that_keeps_the_old_one() {
    let store = demo_store();
    let units = store.units().unwrap();
    let unit = units
        .iter()
        .find(|u| u.fields.name == "示例市住房和城乡建设局")
        .unwrap();
    let agreement = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.draft.unit_id == unit.id)
        .unwrap();
    assert!(agreement.status >= zerenshu::model::AgreementStatus::Final);
    let table = table(&["单位名称", "负责人"], &[&[&unit.fields.name, "甄若岚"]]);
    let mut preview = preview(&table, &units, &store.categories().unwrap()).unwrap();
    assert_eq!(preview.changes.len(), 1);
    preview.note_drafted(&store).unwrap();
    assert_eq!(
        preview.principal_notes,
        [format!(
            "第 2 行“示例市住房和城乡建设局”改负责人：该单位 2025 年度第 {} 号责任书{}，正文和落款中的负责人是定稿时的，不随之改变；尚未定稿的草稿和以后起草的责任书用新的负责人",
            agreement.draft.number,
            agreement.status.label()
        )]
    );
    // The title alone changed: said as what changed.
    let table = self::table(
        &["单位名称", "负责人职务"],
        &[&[&unit.fields.name, "副局长"]],
    );
    let mut retitled = self::preview(&table, &units, &store.categories().unwrap()).unwrap();
    retitled.note_drafted(&store).unwrap();
    assert!(
        retitled.principal_notes[0].starts_with("第 2 行“示例市住房和城乡建设局”改负责人职务："),
        "{:?}",
        retitled.principal_notes
    );
}

/// A short name handed on in one file (公安局 takes 交通局, which 交通运输局 gives up for its
/// own) is written in the order that frees it; a swap, which no order frees, is rejected.
#[test]
fn a_short_name_handed_on_in_one_file_is_written_and_a_swap_is_refused() {
    let mut store = demo_store();
    let handing = table(
        &["单位名称", "简称"],
        &[
            &["示例市公安局", "交通局"],
            &["示例市交通运输局", "交通运输局"],
        ],
    );
    let units = store.units().unwrap();
    let handed = preview(&handing, &units, &store.categories().unwrap()).unwrap();
    assert!(handed.rejected.is_empty(), "{:?}", handed.rejected);
    assert_eq!(handed.changes.len(), 2);
    zerenshu::io::apply(&mut store, &handed, "简称.csv").unwrap();
    let short_of = |store: &zerenshu::store::Store, name: &str| {
        (store.units().unwrap().into_iter())
            .find(|u| u.fields.name == name)
            .unwrap()
            .fields
            .short_name
    };
    assert_eq!(short_of(&store, "示例市公安局"), "交通局");
    assert_eq!(short_of(&store, "示例市交通运输局"), "交通运输局");

    let swap = table(
        &["单位名称", "简称"],
        &[
            &["示例市应急管理局", "住建局"],
            &["示例市住房和城乡建设局", "应急局"],
        ],
    );
    let units = store.units().unwrap();
    let swapped = preview(&swap, &units, &store.categories().unwrap()).unwrap();
    assert!(swapped.changes.is_empty());
    let reasons: Vec<&str> = (swapped.rejected.iter())
        .map(|r| r.reason.as_str())
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert!(
        reasons.iter().all(|r| r.contains("同一次导入中不能互换")),
        "{reasons:?}"
    );

    // A change refused (住建局 is taken) keeps its unit's short name: a new row may not take
    // it, as the store would refuse it when writing.
    let refused = table(
        &["单位名称", "简称", "单位类型", "考核类别"],
        &[
            &["示例市应急管理局", "住建局", "", ""],
            &["示例市档案馆", "应急局", "部门", "三类"],
        ],
    );
    let units = store.units().unwrap();
    let held = preview(&refused, &units, &store.categories().unwrap()).unwrap();
    assert!(
        held.additions.is_empty() && held.changes.is_empty(),
        "{held:?}"
    );
    assert_eq!(held.rejected.len(), 2, "{:?}", held.rejected);
}
