//! Unit import from real .xlsx and .csv files: exact cells, preview rules and one-transaction
//! apply. The `import units` command is in `import_cli`, sheets laid out as offices make them in
//! `import_layouts`.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
use zerenshu::io::{
    ImportError, ImportPreview, Table, TableError, TableRow, apply, preview, read_table,
};
use zerenshu::model::{Unit, UnitKind};
use zerenshu::store::{Store, StoreError};

use crate::support::demo_store;

pub(crate) fn preview_for(store: &Store, table: &Table) -> ImportPreview {
    preview(table, &store.units().unwrap(), &store.categories().unwrap()).unwrap()
}

pub(crate) fn named<'a>(units: &'a [Unit], name: &str) -> &'a Unit {
    units.iter().find(|u| u.fields.name == name).unwrap()
}

pub(crate) fn table(header: &[&str], rows: &[&[&str]]) -> Table {
    Table {
        header: header.iter().map(|s| (*s).to_owned()).collect(),
        header_row_number: 1,
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, cells)| TableRow {
                number: i + 2,
                cells: cells.iter().map(|s| (*s).to_owned()).collect(),
            })
            .collect(),
    }
}

pub(crate) fn write_csv(dir: &Path, name: &str, bytes: &[u8]) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// A workbook with shuffled columns, an unknown mixed-type column, numbers, a date and a boolean.
pub(crate) fn write_xlsx(path: &Path) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    let header = [
        "联系电话",
        " 单位名称 ",
        "备注",
        "考核类别",
        "单位类型",
        "负责人",
        "排序号",
    ];
    for (col, text) in (0u16..).zip(header) {
        sheet.write_string(1, col, text).unwrap();
    }
    let date = Format::new().set_num_format("yyyy-mm-dd");
    // Row 3: a new unit; phone and sort order typed as numbers, 备注 a decimal.
    sheet.write_number(2, 0, 13_800_000_000.0).unwrap();
    sheet.write_string(2, 1, "滨河街道办事处").unwrap();
    sheet.write_number(2, 2, 19.99).unwrap();
    sheet.write_string(2, 3, "镇街").unwrap();
    sheet.write_string(2, 4, "街道").unwrap();
    sheet.write_string(2, 5, "韩思远").unwrap();
    sheet.write_number(2, 6, 12.0).unwrap();
    // Row 4: an existing unit gets a new phone and principal; 备注 is a date.
    sheet.write_string(3, 0, "0399-8612345").unwrap();
    sheet.write_string(3, 1, "城关街道办事处").unwrap();
    let day = ExcelDateTime::from_ymd(2025, 3, 5).unwrap();
    sheet.write_datetime_with_format(3, 2, &day, &date).unwrap();
    sheet.write_string(3, 3, "镇街").unwrap();
    sheet.write_string(3, 5, "冯立群").unwrap();
    // Row 5 is left blank. Row 6: another new unit; 备注 is a boolean.
    sheet.write_number(5, 0, 3_991_234.0).unwrap();
    sheet.write_string(5, 1, "示例市数据局").unwrap();
    sheet.write_boolean(5, 2, true).unwrap();
    sheet.write_string(5, 3, "三类").unwrap();
    sheet.write_string(5, 4, "部门").unwrap();
    workbook.save(path).unwrap();
}

#[test]
fn xlsx_cells_are_read_as_exact_strings_with_spreadsheet_row_numbers() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("单位.xlsx");
    write_xlsx(&path);
    let table = read_table(&path).unwrap();
    assert_eq!(table.header_row_number, 2, "row 1 is blank");
    assert_eq!(table.header[1], " 单位名称 ");
    let numbers: Vec<_> = table.rows.iter().map(|r| r.number).collect();
    assert_eq!(numbers, [3, 4, 6], "the blank row 5 is skipped");
    assert_eq!(table.rows[0].cells[0], "13800000000");
    assert_eq!(table.rows[0].cells[6], "12");
    let remarks: Vec<_> = table.rows.iter().map(|r| r.cells[2].as_str()).collect();
    assert_eq!(remarks, ["19.99", "2025-03-05", "TRUE"], "a mixed column");
}

/// A formula whose result the file does not hold (written by a program, never saved in Excel)
/// is refused, named as the formula, not read as blank; a 合计 row led by "合计" is passed
/// over whatever its name column says.
#[test]
fn formulas_without_results_are_refused_and_a_total_row_passed_over() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("公式.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, title) in (0u16..).zip(["序号", "单位名称", "单位类型", "考核类别", "联系电话"])
    {
        sheet.write_string(0, column, title).unwrap();
    }
    for (column, text) in (0u16..).zip(["1", "示例市公式局", "部门", "一类"]) {
        sheet.write_string(1, column, text).unwrap();
    }
    sheet.write_formula(1, 4, "=\"0399-\"&\"8610003\"").unwrap();
    sheet.write_string(2, 0, "2").unwrap();
    sheet.write_formula(2, 1, "=B2").unwrap();
    for (column, text) in (0u16..).zip(["合计", "2个单位"]) {
        sheet.write_string(3, column, text).unwrap();
    }
    workbook.save(&path).unwrap();
    crate::score_forms::strip_formula_results(&path);
    let store = demo_store();
    let preview = preview_for(&store, &read_table(&path).unwrap());
    assert!(preview.additions.is_empty(), "{:?}", preview.additions);
    let reasons: Vec<(usize, &str, &str)> = (preview.rejected.iter())
        .map(|r| (r.row_number, r.name.as_str(), r.reason.as_str()))
        .collect();
    assert_eq!(reasons.len(), 2, "{reasons:?}");
    assert_eq!(reasons[0].0, 2);
    assert!(
        reasons[0]
            .2
            .starts_with("“联系电话”是公式 =\"0399-\"&\"8610003\"，文件中没有保存它的计算结果"),
        "{reasons:?}"
    );
    assert_eq!((reasons[1].0, reasons[1].1), (3, "=B2"));
    assert_eq!(preview.passed_over, [4], "the 合计 row");
    // A formula whose saved result is an empty text (=IF(…,"",…) as Excel saves it) is a
    // blank cell, not a formula without its result.
    let saved = dir.path().join("已保存.xlsx");
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    for (column, title) in (0u16..).zip(["单位名称", "单位类型", "考核类别", "简称"])
    {
        sheet.write_string(0, column, title).unwrap();
    }
    for (column, text) in (0u16..).zip(["示例市空白局", "部门", "一类"]) {
        sheet.write_string(1, column, text).unwrap();
    }
    let empty = rust_xlsxwriter::Formula::new("=IF(A2=\"\",\"\",\"\")").set_result("");
    sheet.write_formula(1, 3, empty).unwrap();
    workbook.save(&saved).unwrap();
    let preview = preview_for(&store, &read_table(&saved).unwrap());
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.additions.len(), 1);
}

#[test]
fn xlsx_import_adds_and_changes_exactly_its_rows() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("units.xlsx");
    write_xlsx(&path);
    let mut store = demo_store();
    let before = store.units().unwrap();
    let preview = preview_for(&store, &read_table(&path).unwrap());
    assert_eq!(preview.unknown_columns, ["备注"]);
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.unchanged, 0);
    let added: Vec<_> = preview.additions.iter().map(|a| a.row_number).collect();
    assert_eq!(added, [3, 6]);
    assert_eq!(preview.changes.len(), 1);
    let change = &preview.changes[0];
    assert_eq!(change.row_number, 4);
    let labels: Vec<_> = change.differences.iter().map(|d| d.label).collect();
    assert_eq!(labels, ["负责人", "联系电话"]);
    assert_eq!(change.differences[1].after, "0399-8612345");

    let summary = apply(&mut store, &preview, "units.xlsx").unwrap();
    assert_eq!((summary.added, summary.changed), (2, 1));
    // The log says the units came from the file, and which.
    let rows = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 4)
        .unwrap();
    let actions: Vec<&str> = rows.iter().map(|r| r.entry.action.as_str()).collect();
    assert_eq!(
        actions,
        ["导入单位", "导入修改单位", "导入新增单位", "导入新增单位"]
    );
    assert_eq!(rows[0].record.as_deref(), Some("单位导入文件“units.xlsx”"));
    let after = store.units().unwrap();
    assert_eq!(after.len(), before.len() + 2);
    let new = named(&after, "滨河街道办事处");
    assert_eq!(new.fields.kind, UnitKind::Subdistrict);
    assert_eq!(new.fields.contact_phone, "13800000000");
    assert_eq!(new.fields.sort_order, 12);
    let last = before.iter().map(|u| u.fields.sort_order).max().unwrap();
    let second = named(&after, "示例市数据局");
    assert_eq!(
        second.fields.sort_order,
        last.max(12) + 1,
        "goes to the end"
    );
    let category = store.categories().unwrap();
    let third = category.iter().find(|c| c.name == "三类").unwrap();
    assert_eq!(second.fields.category_id, third.id);
    let changed = named(&after, "城关街道办事处");
    let old = named(&before, "城关街道办事处");
    assert_eq!(changed.fields.principal_name, "冯立群");
    assert_eq!(changed.fields.short_name, old.fields.short_name);
    assert_eq!(changed.fields.kind, old.fields.kind);
    for unit in &before {
        if unit.fields.name != "城关街道办事处" {
            assert_eq!(named(&after, &unit.fields.name), unit, "untouched");
        }
    }
    // The same file again changes nothing.
    let again = preview_for(&store, &read_table(&path).unwrap());
    assert_eq!((again.additions.len(), again.changes.len()), (0, 0));
    assert_eq!(again.unchanged, 3);
}

#[test]
fn utf8_csv_with_bom_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text =
        "\u{feff}单位名称,单位类型,考核类别,联系电话\r\n城南镇人民政府,镇,镇街,0399-1234567\r\n";
    let path = write_csv(dir.path(), "units.CSV", text.as_bytes());
    let table = read_table(&path).unwrap();
    assert_eq!(table.header[0], "单位名称", "the BOM is stripped");
    let mut store = demo_store();
    let preview = preview_for(&store, &table);
    assert_eq!(preview.additions.len(), 1);
    apply(&mut store, &preview, "单位.csv").unwrap();
    let units = store.units().unwrap();
    assert_eq!(named(&units, "城南镇人民政府").fields.kind, UnitKind::Town);
}

#[test]
fn gbk_csv_as_excel_saves_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let text = "单位名称,简称,单位类型,考核类别,负责人职务,负责人\n\
                示例市应急管理局,应急局,部门,一类,局长,钟明远\n\
                青山镇人民政府,青山,,,镇长,谢雨桐\n";
    let (bytes, _, unmappable) = encoding_rs::GBK.encode(text);
    assert!(!unmappable);
    assert!(std::str::from_utf8(&bytes).is_err(), "really GBK");
    let path = write_csv(dir.path(), "gbk.csv", &bytes);
    let table = read_table(&path).unwrap();
    assert_eq!(table.rows[0].cells[0], "示例市应急管理局");
    let store = demo_store();
    let preview = preview_for(&store, &table);
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    let exists = store
        .units()
        .unwrap()
        .iter()
        .any(|u| u.fields.name == "示例市应急管理局");
    let expected = if exists { (0, 2) } else { (1, 1) };
    assert_eq!((preview.additions.len(), preview.changes.len()), expected);
    let change = preview.changes.last().unwrap();
    assert_eq!(change.after.principal_name, "谢雨桐");
    assert_eq!(change.after.kind, change.before.kind, "empty type keeps it");
}

#[test]
fn a_workbook_renamed_to_csv_and_a_utf16_csv_are_read_as_they_are() {
    let dir = tempfile::tempdir().unwrap();
    // A workbook whose name says .csv is still the workbook.
    let path = dir.path().join("单位.csv");
    write_xlsx(&path);
    let table = read_table(&path).unwrap();
    assert_eq!(table.rows[0].cells[1], "滨河街道办事处");
    // UTF-16 with its byte-order mark, comma-separated: read.
    let utf16 = |text: &str| -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend(text.encode_utf16().flat_map(u16::to_le_bytes));
        bytes
    };
    let path = write_csv(
        dir.path(),
        "utf16.csv",
        &utf16("单位名称,单位类型,考核类别\n响嘡街道办事处,街道,镇街\n"),
    );
    let table = read_table(&path).unwrap();
    assert_eq!(table.rows[0].cells[0], "响嘡街道办事处");
    // Excel's "Unicode 文本" (tabs between the cells): said what it is and how to save it.
    let path = write_csv(
        dir.path(),
        "unicode.csv",
        &utf16("单位名称\t单位类型\n响嘡街道办事处\t街道\n"),
    );
    let message = read_table(&path).unwrap_err().to_string();
    assert!(message.contains("制表符分隔的“Unicode 文本”"), "{message}");
    assert!(
        message.contains("另存为“CSV UTF-8（逗号分隔）”或 .xlsx"),
        "{message}"
    );
}

#[test]
fn unsupported_and_headerless_files_are_refused_with_the_path_last() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["photo.png", "list.txt", "noextension"] {
        let path = write_csv(dir.path(), name, b"\x89PNG");
        let error = read_table(&path).unwrap_err();
        assert!(matches!(error, TableError::Unsupported { .. }), "{error}");
        let message = error.to_string();
        assert!(message.starts_with("不支持的文件类型，请使用 .xlsx 或 .csv（"));
        assert!(message.ends_with(name), "{message}");
    }
    let empty = write_csv(dir.path(), "empty.csv", b",,\n\n");
    assert!(matches!(
        read_table(&empty),
        Err(TableError::NoHeader { .. })
    ));
    let fake = write_csv(dir.path(), "fake.xlsx", b"not a zip");
    assert!(matches!(read_table(&fake), Err(TableError::Read { .. })));
}

#[test]
fn preview_rejects_bad_rows_with_reasons_and_row_numbers() {
    let store = demo_store();
    let (units, categories) = (store.units().unwrap(), store.categories().unwrap());
    let header = ["单位名称", "单位类型", "考核类别", "排序号", "联系电话"];
    let rows: &[&[&str]] = &[
        &["甲单位", "镇", "镇街", "", ""],
        &["", "镇", "镇街", "", ""],
        &["乙单位", "村", "四类", "", ""],
        &["丙单位", "镇", "镇街", "3.5", "电话"],
        &["甲单位", "镇", "镇街", "", "0101-8800"],
        &["", "", "", "", ""],
        &["丁单位", "镇", "镇街"],
    ];
    let preview = preview(&table(&header, rows), &units, &categories).unwrap();
    let rejected: Vec<_> = preview
        .rejected
        .iter()
        .map(|r| (r.row_number, r.reason.as_str()))
        .collect();
    assert_eq!(
        rejected,
        [
            (
                2,
                "单位名称“甲单位”在文件中重复出现且内容不同（第 2、6 行）：请核对后只保留一行"
            ),
            (3, "未填写单位名称"),
            (
                4,
                "单位类型“村”无效，应为街道、镇、乡、开发区、部门、企业之一；考核类别“四类”不存在，现有类别：镇街、一类、二类、三类（新的类别请先在“设置 → 常规 → 考核类别”中添加）"
            ),
            (
                5,
                "排序号须是整数（填写的是“3.5”），如 10；联系电话只能包含数字、空格、括号、“-”、“+”和分机号前的“转”；两个号码之间用“、”隔开（文件中为“电话”）"
            ),
            (
                6,
                "单位名称“甲单位”在文件中重复出现且内容不同（第 2、6 行）：请核对后只保留一行"
            ),
        ]
    );
    assert_eq!(preview.additions.len(), 1, "the short row 8 is fine");
    assert_eq!(preview.additions[0].row_number, 8);

    // A negative 排序号 is refused as the form refuses it.
    let negative = table(
        &["单位名称", "单位类型", "考核类别", "排序号"],
        &[&["戊单位", "镇", "镇街", "-5"]],
    );
    let refused = zerenshu::io::preview(&negative, &units, &categories).unwrap();
    assert_eq!(
        refused.rejected[0].reason,
        "排序号不能是负数（填写的是“-5”），请填 0 或更大的整数"
    );

    // Rows that differ only by a zero-width space (pasted from a chat) are one row, as the
    // import stores it: imported once, not refused as differing.
    let pasted = table(
        &["单位名称", "单位类型", "考核类别", "负责人"],
        &[
            &["示例市新甲局", "部门", "三类", "张三"],
            &["示例市新\u{200B}甲局", "部门", "三类", "张\u{200B}三"],
        ],
    );
    let once = zerenshu::io::preview(&pasted, &units, &categories).unwrap();
    assert!(once.rejected.is_empty(), "{:?}", once.rejected);
    assert_eq!(once.additions.len(), 1);
    assert_eq!(once.repeated.len(), 1);

    // A line break in a name cell (Alt+Enter) is said as one, written out, not as a space.
    let broken = table(&["单位名称", "联系人"], &[&["示例市\n公安局", "柯以宁"]]);
    let said = zerenshu::io::preview(&broken, &units, &categories).unwrap();
    assert_eq!(
        said.rejected[0].reason,
        "单位名称“示例市〔换行〕公安局”中有换行：名册中有在用单位“示例市公安局”，如指该单位，请删去换行后再导入"
    );
    assert_eq!(said.rejected[0].name, "示例市〔换行〕公安局");

    let only_names = table(&["单位名称"], &[&["新单位"]]);
    let preview = preview_for(&store, &only_names);
    assert_eq!(
        preview.rejected[0].reason,
        "名册中没有在用单位“新单位”，须作为新单位新增；新增单位须有“单位类型”列，文件中没有此列；新增单位须有“考核类别”列，文件中没有此列"
    );
    // A name the register holds within a longer one is pointed to.
    let misspelt = table(
        &["单位名称", "联系电话"],
        &[&["示例市城关街道办事处", "0399-8610001"]],
    );
    let preview = preview_for(&store, &misspelt);
    assert!(
        preview.rejected[0].reason.starts_with(
            "名册中没有在用单位“示例市城关街道办事处”，须作为新单位新增（如指“城关街道办事处”，请照名册写单位名称）"
        ),
        "{}",
        preview.rejected[0].reason
    );
    // A name of one character, which many names hold, is pointed to none of them.
    let one_character = table(&["单位名称"], &[&["局"]]);
    let preview = preview_for(&store, &one_character);
    assert!(
        !preview.rejected[0].reason.contains("如指"),
        "{}",
        preview.rejected[0].reason
    );
    let no_name = table(&["简称", "单位类型"], &[]);
    let error = zerenshu::io::preview(&no_name, &units, &categories).unwrap_err();
    assert_eq!(
        error,
        ImportError::MissingNameColumn("“简称、单位类型”".to_owned())
    );
    assert!(error.to_string().starts_with(
        "缺少“单位名称”列：读到的表头是“简称、单位类型”（第一行，或标题行下面的一行，应为列名；可用的列："
    ));
    // A tab-separated file saved as .csv reads as one column: said so, with what to do.
    let tabbed = table(&["单位名称\t简称\t单位类型"], &[&["新单位\t新\t镇"]]);
    let error = zerenshu::io::preview(&tabbed, &units, &categories).unwrap_err();
    assert_eq!(error, ImportError::TabSeparated);
    assert!(error.to_string().contains("制表符"), "{error}");
    assert!(error.to_string().contains("CSV（逗号分隔）"), "{error}");
    let semicolons = table(&["单位名称;简称;单位类型"], &[&["新单位;新;镇"]]);
    let error = zerenshu::io::preview(&semicolons, &units, &categories).unwrap_err();
    assert_eq!(error, ImportError::SemicolonSeparated);
    // Also under the shorter headers the importer reads.
    let semicolons = table(&["名称;类型;类别"], &[&["新单位;镇;镇街"]]);
    let error = zerenshu::io::preview(&semicolons, &units, &categories).unwrap_err();
    assert_eq!(error, ImportError::SemicolonSeparated);
    let twice = table(&["单位名称", " 单位名称"], &[]);
    let error = zerenshu::io::preview(&twice, &units, &categories).unwrap_err();
    assert_eq!(error, ImportError::DuplicateColumn("单位名称".to_owned()));
}

#[test]
fn a_row_named_as_an_archived_unit_is_refused_with_the_way_to_restore_it() {
    let mut store = demo_store();
    let unit = named(&store.units().unwrap(), "示例市公安局").clone();
    store.write(|w| w.set_unit_active(unit.id, false)).unwrap();
    let header = ["单位名称", "单位类型", "考核类别"];
    let rows: &[&[&str]] = &[&["示例市公安局", "部门", "一类"]];
    let preview = preview_for(&store, &table(&header, rows));
    assert!(preview.additions.is_empty(), "no second unit of the name");
    let reason = &preview.rejected[0].reason;
    assert!(
        reason.starts_with("与一个已归档单位同名") && reason.contains("恢复"),
        "{reason}"
    );
    // Without 单位类型 and 考核类别 columns, only the archived namesake is said: the row is
    // to be restored, not added.
    let preview = preview_for(&store, &table(&["单位名称"], &[&["示例市公安局"]]));
    assert!(!preview.rejected[0].reason.contains("新增单位须有"));
}

#[test]
fn headers_marked_required_or_starred_are_read_as_their_columns() {
    let store = demo_store();
    let header = [
        "单位名称（必填）",
        "*单位类型",
        "考核类别(必填)",
        "排序号＊",
        "备注",
    ];
    let rows: &[&[&str]] = &[&["示例市测绘局", "部门", "一类", "60", "新设"]];
    let preview = preview_for(&store, &table(&header, rows));
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.additions.len(), 1);
    assert_eq!(preview.additions[0].draft.sort_order, 60);
    assert_eq!(preview.unknown_columns, ["备注"]);
}

#[test]
fn apply_writes_nothing_when_any_row_fails() {
    let mut store = demo_store();
    let file = table(
        &["单位名称", "单位类型", "考核类别"],
        &[&["甲单位", "镇", "镇街"], &["乙单位", "镇", "镇街"]],
    );
    let preview = preview_for(&store, &file);
    // Someone adds 乙单位 between the preview and the apply.
    let mut clash = preview.additions[1].draft.clone();
    clash.sort_order = 999;
    store.write(|w| w.insert_unit(&clash)).unwrap();
    let before = store.units().unwrap();
    let error = apply(&mut store, &preview, "单位.csv").unwrap_err();
    assert!(matches!(error, StoreError::Rejected(_)), "{error:?}");
    assert!(error.to_string().starts_with("第 3 行："), "{error}");
    assert_eq!(store.units().unwrap(), before);
}
