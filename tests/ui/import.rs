//! The unit import in the window: 导入… opens the file chooser (saying which columns the sheet
//! needs), the 导入单位 dialog previews a real CSV file (additions, changes field by field,
//! rejected rows with their reasons), and nothing is written until 确认导入, which writes
//! exactly the rows shown.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{Unit, UnitDraft};
use zerenshu::ui::{App, Command};

use crate::support::{demo_window, double_click, retype};

fn units(harness: &Harness<'_, App>) -> Vec<Unit> {
    harness.state().store().unwrap().units().unwrap()
}

fn phone_of(units: &[Unit], name: &str) -> String {
    units
        .iter()
        .find(|u| u.fields.name == name)
        .unwrap()
        .fields
        .contact_phone
        .clone()
}

/// One new unit (row 2), a new phone for 青山镇 (row 3), a row without a 单位类型 (row 4) and an
/// unknown 备注 column.
fn write_units_csv(dir: &Path) -> PathBuf {
    let text = "单位名称,单位类型,考核类别,联系电话,备注\n\
                临河镇人民政府,镇,镇街,0399-7654321,新设\n\
                青山镇人民政府,,,0399-1112222,换号\n\
                无类型单位,,镇街,,\n\
                ,,,,（以下空白）\n\
                合计,,,,\n";
    let path = dir.join("单位表.csv");
    std::fs::write(&path, text).unwrap();
    path
}

/// Opens 导入… and enters `path` (a folder to list, or a file to choose) in its 路径.
fn import_from(harness: &mut Harness<'_, App>, path: &str) {
    harness.get_by_label("导入…").click();
    harness.run();
    retype(harness, "路径", path);
    harness.key_press(egui::Key::Enter);
    harness.run();
}

fn open_preview(harness: &mut Harness<'_, App>, path: PathBuf) {
    harness
        .state_mut()
        .queue_command(Command::PreviewUnitImport(path));
    harness.run();
}

#[test]
fn the_import_button_opens_the_file_chooser_and_choosing_a_file_opens_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_units_csv(dir.path());
    let mut harness = demo_window();
    harness.get_by_label("导入…").click();
    harness.run();
    harness.get_by_label("选择要导入的单位表（.xlsx 或 .csv）");
    // What the sheet should hold, for a clerk preparing it the first time.
    harness.get_by_label(
        "表头行写列名（上面可有标题行，列的顺序不限）：单位名称（必填）、简称、单位类型、考核类别、负责人职务、负责人、联系人、联系电话、排序号；新增的单位还须填写单位类型和考核类别。单位类型填街道、镇、乡、开发区、部门、企业之一（写“镇街”的，按单位名称末尾判断街道、镇或乡）",
    );

    harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .set_text_value_accesskit(&path.display().to_string());
    harness.run();
    harness.get_by_label("确定").click();
    harness.run();

    assert!(
        harness
            .query_by_label("选择要导入的单位表（.xlsx 或 .csv）")
            .is_none(),
        "the chooser closed"
    );
    harness.get_by_label("导入单位");
    harness.get_by_label("文件：单位表.csv");
    harness.get_by_label("新增 1 个，修改 1 个，无变化 0 个，拒绝 1 行");
    // Confirmed, the first unit added is shown with the keyboard on it (it is listed last,
    // out of sight before).
    harness.get_by_label("确认导入（跳过被拒绝的行）").click();
    for _ in 0..3 {
        harness.run();
    }
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("临河镇人民政府")
    );
}

/// An old-format sheet is listed, greyed and said what to do with, not hidden as if the
/// folder had none; chosen by its path, it is refused with the same advice.
#[test]
fn an_old_excel_file_is_listed_with_what_to_do_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let old = dir.path().join("旧名单.xls");
    std::fs::write(&old, b"\xD0\xCF\x11\xE0").unwrap();
    let mut harness = demo_window();
    import_from(&mut harness, dir.path().to_str().unwrap());
    harness.get_by_label("旧名单.xls（旧版格式，须另存为 .xlsx）");
    retype(&mut harness, "路径", old.to_str().unwrap());
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label(
        "旧版表格格式（.xls、.et）不能直接导入：请在 Excel 或 WPS 中打开，另存为 .xlsx 后再选择",
    );
    assert!(harness.query_by_label_contains("文件：旧名单").is_none());
}

/// A text table saved under an old workbook's name is listed for what it is.
#[test]
fn a_text_table_under_an_old_sheet_s_name_is_said_to_be_text() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("名单.xls"),
        "单位名称,单位类型\n示例市档案馆,部门\n",
    )
    .unwrap();
    let mut harness = demo_window();
    import_from(&mut harness, dir.path().to_str().unwrap());
    harness.get_by_label("名单.xls（文本表格，请把扩展名改为 .csv）");
    assert!(harness.query_by_label_contains("旧版格式").is_none());
}

/// A workbook saved under an old sheet's name (a web system's export "名单.xls" that is an
/// .xlsx inside) is listed and taken as it is, as the command takes it.
#[test]
fn an_xlsx_under_an_old_sheet_s_name_is_taken_as_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let renamed = dir.path().join("网上导出.xls");
    let mut book = rust_xlsxwriter::Workbook::new();
    let sheet = book.add_worksheet();
    for (column, (head, value)) in [
        ("单位名称", "示例市档案馆"),
        ("单位类型", "部门"),
        ("考核类别", "三类"),
    ]
    .into_iter()
    .enumerate()
    {
        let column = u16::try_from(column).unwrap();
        sheet.write_string(0, column, head).unwrap();
        sheet.write_string(1, column, value).unwrap();
    }
    book.save(&renamed).unwrap();
    let mut harness = demo_window();
    import_from(&mut harness, dir.path().to_str().unwrap());
    assert!(harness.query_by_label_contains("（旧版格式").is_none());
    harness.get_by_label("网上导出.xls");
    retype(&mut harness, "路径", renamed.to_str().unwrap());
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("文件：网上导出.xls");
    harness.get_by_label_contains("新增 1 个");
}

#[test]
fn a_file_path_typed_and_entered_in_the_chooser_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_units_csv(dir.path());
    let mut harness = demo_window();
    import_from(&mut harness, path.to_str().unwrap());
    harness.get_by_label("文件：单位表.csv");
}

/// The unit import's chooser, opened on a folder holding a units table.
fn chooser_at_units_table(dir: &Path) -> Harness<'static, App> {
    write_units_csv(dir);
    let mut harness = demo_window();
    import_from(&mut harness, dir.to_str().unwrap());
    harness.get_by_label("选择要导入的单位表（.xlsx 或 .csv）");
    harness
}

#[test]
fn a_file_double_clicked_in_the_chooser_is_chosen() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = chooser_at_units_table(dir.path());
    let file = harness.get_by_label("单位表.csv").rect().center();
    double_click(&mut harness, file);
    harness.get_by_label("文件：单位表.csv");
}

/// A file clicked once, then Enter: chosen, as 确定 would.
#[test]
fn enter_after_a_file_is_clicked_in_the_chooser_chooses_it() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = chooser_at_units_table(dir.path());
    harness.get_by_label("单位表.csv").click();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("文件：单位表.csv");
}

#[test]
fn a_file_that_is_not_there_is_named_as_missing() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("单位表.xlsx");
    let mut harness = demo_window();
    harness.get_by_label("导入…").click();
    harness.run();
    harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .set_text_value_accesskit(&missing.display().to_string());
    harness.run();
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label(&format!("文件不存在：{}", missing.display()));
    harness.get_by_label("选择要导入的单位表（.xlsx 或 .csv）");

    harness.get_by_label("取消").click();
    harness.run();

    // A file gone between choosing and reading says the same.
    open_preview(&mut harness, missing.clone());
    harness.get_by_label("导入单位");
    harness.get_by_label_contains(&format!("文件不存在：{}", missing.display()));
}

#[test]
fn the_preview_lists_every_row_and_only_confirming_writes_it() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_units_csv(dir.path());
    let mut harness = demo_window();
    let before = units(&harness);
    let old_phone = phone_of(&before, "青山镇人民政府");
    assert_ne!(old_phone, "0399-1112222");
    // A search typed before the import would hide the unit it adds: cleared once it is done.
    retype(&mut harness, "搜索", "城关");
    harness.get_by_label_contains("当前列出 1 个");

    open_preview(&mut harness, path);
    harness.get_by_label("导入单位");
    harness.get_by_label("文件：单位表.csv");
    harness.get_by_label("新增 1 个，修改 1 个，无变化 0 个，拒绝 1 行");
    harness.get_by_label("下列各列无法识别，已忽略：备注");
    harness.get_by_label("第 2 行  临河镇人民政府");
    // No 简称 column: the preview says the unit gets none, as it is stored.
    harness.get_by_label_contains("简称：（未填，按单位名称显示）；单位类型：镇；考核类别：镇街");
    // The principal's title and name each under its own column's name.
    harness.get_by_label_contains("负责人职务：（空）");
    // Every field written is shown, the place in the register too.
    let last = (before.iter().map(|u| u.fields.sort_order)).max().unwrap();
    harness.get_by_label_contains(&format!("排序号：{}", last + 1));
    harness.get_by_label("第 3 行  青山镇人民政府");
    let old_shown = if old_phone.is_empty() {
        "（空）"
    } else {
        old_phone.as_str()
    };
    harness.get_by_label(&format!("联系电话：{old_shown} → 0399-1112222"));
    let rejected = "行号\t单位名称\t被拒绝的原因\n4\t无类型单位\t名册中没有在用单位“无类型单位”，须作为新单位新增；未填写单位类型";
    // Wrapped in the list: its first line.
    harness.get_by_label_contains("第 4 行（无类型单位）：名册中没有在用单位“无类型单位”");
    // Rows refused: leaving them out is clicked, not the Enter that would import at once.
    assert!(
        !harness
            .get_by_label("确认导入（跳过被拒绝的行）")
            .accesskit_node()
            .is_focused()
    );
    // A stray click beside the preview keeps it open.
    crate::support::queue_click(&mut harness, egui::pos2(4.0, 600.0));
    harness.run();
    harness.get_by_label("导入单位");
    // The reasons can be copied, to correct the file with them at hand: a table to paste.
    harness.get_by_label("复制被拒绝的行").click();
    harness.step();
    let copied: Vec<String> = (harness.output().platform_output.commands.iter())
        .filter_map(|command| match command {
            egui::OutputCommand::CopyText(text) => Some(text.clone()),
            _ => None,
        })
        .collect();
    assert_eq!(copied, [rejected]);
    harness.run();
    harness.get_by_label("已复制");
    // A row with only a note, and the totals line, have nothing to import: passed over.
    harness.get_by_label(
        "第 5、6 行没有要导入的内容（只填了序号等不导入的列，或是合计行、表头行、表下的注释），已跳过",
    );
    assert_eq!(units(&harness), before, "nothing is written by the preview");

    harness.get_by_label("确认导入（跳过被拒绝的行）").click();
    harness.run();

    assert!(
        harness.query_by_label("导入单位").is_none(),
        "the dialog closed"
    );
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t
                == "已导入：新增 1 个，修改 1 个；跳过被拒绝的 1 行（第 4 行），改正后可再导入")
    );
    let after = units(&harness);
    assert_eq!(after.len(), before.len() + 1);
    let added = after
        .iter()
        .find(|u| u.fields.name == "临河镇人民政府")
        .unwrap();
    assert_eq!(added.fields.contact_phone, "0399-7654321");
    assert!(added.is_active);
    assert_eq!(phone_of(&after, "青山镇人民政府"), "0399-1112222");
    assert!(!after.iter().any(|u| u.fields.name == "无类型单位"));
    for unit in &before {
        let now = after.iter().find(|u| u.id == unit.id).unwrap();
        if unit.fields.name == "青山镇人民政府" {
            let mut expected = unit.fields.clone();
            "0399-1112222".clone_into(&mut expected.contact_phone);
            assert_eq!(now.fields, expected, "only the phone changed");
        } else {
            assert_eq!(now, unit, "untouched: {}", unit.fields.name);
        }
    }
    // The search typed before is cleared: every unit is listed, the one added too.
    harness.get_by_label("共 46 个在用单位，0 个已归档；当前列出 46 个");
}

/// The unit imported is selected and brought into sight at the list's foot, where the toast
/// saying so comes: the toast is not laid over its row.
#[test]
fn the_toast_of_an_import_keeps_clear_of_the_unit_it_selected() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新单位.csv");
    std::fs::write(
        &path,
        "单位名称,单位类型,考核类别\n临河镇人民政府,镇,镇街\n",
    )
    .unwrap();
    let mut harness = crate::support::window(
        Ok(crate::support::demo_store()),
        crate::support::showing(zerenshu::ui::View::Units, 2025),
        [1200.0, 760.0],
    );
    harness
        .state_mut()
        .queue_command(Command::PreviewUnitImport(path));
    harness.run_steps(8);
    harness.get_by_label("确认导入").click();
    harness.run_steps(8);
    let toast = harness.get_by_label_contains("已导入：新增 1 个").rect();
    let rows: Vec<egui::Rect> = (harness.get_all_by_label("临河镇人民政府"))
        .map(|node| node.rect())
        .collect();
    assert!(!rows.is_empty());
    // Not over any of its cells: the row's whole height is kept clear.
    for row in rows {
        assert!(
            !toast.y_range().intersects(row.y_range()),
            "{row:?} beside {toast:?}"
        );
    }
}

#[test]
fn cancelling_the_preview_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_units_csv(dir.path());
    let mut harness = demo_window();
    let before = units(&harness);
    open_preview(&mut harness, path.clone());
    harness.get_by_label("取消").click();
    harness.run();

    assert!(harness.query_by_label("导入单位").is_none());
    assert_eq!(units(&harness), before);
    // Esc is 取消 too.
    open_preview(&mut harness, path);
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("导入单位").is_none());
    assert_eq!(units(&harness), before);
}

#[test]
fn a_file_without_a_name_column_shows_why_and_cannot_be_confirmed() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.csv");
    std::fs::write(&path, "全称,单位类型\n临河镇人民政府,镇\n").unwrap();
    let mut harness = demo_window();
    let before = units(&harness);
    open_preview(&mut harness, path);

    harness.get_by_label_contains(
        "缺少“单位名称”列：读到的表头是“全称、单位类型”（第一行，或标题行下面的一行，应为列名；可用的列：单位名称、简称",
    );
    let confirm = harness.get_by_label("确认导入");
    assert!(confirm.accesskit_node().is_disabled());
    confirm.click();
    harness.run();
    assert_eq!(units(&harness), before);
    harness.get_by_label("导入单位");
}

#[test]
fn a_file_with_only_its_header_row_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("empty.csv");
    std::fs::write(&path, "单位名称,简称,单位类型\n").unwrap();
    let mut harness = demo_window();
    open_preview(&mut harness, path);

    harness.get_by_label_contains("文件中只有表头，没有单位");
    assert!(harness.query_by_label_contains("与现有数据一致").is_none());
    assert!(
        harness
            .get_by_label("确认导入")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_file_that_matches_the_register_has_nothing_to_confirm() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("same.csv");
    std::fs::write(&path, "单位名称,简称\n青山镇人民政府,青山镇\n").unwrap();
    let mut harness = demo_window();
    open_preview(&mut harness, path);

    harness.get_by_label("新增 0 个，修改 0 个，无变化 1 个，拒绝 0 行");
    harness.get_by_label("文件中的单位与现有数据一致，没有需要写入的内容");
    assert!(
        harness
            .get_by_label("确认导入")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_row_the_store_refuses_on_confirm_writes_nothing_and_says_which_row() {
    let dir = tempfile::tempdir().unwrap();
    let path = write_units_csv(dir.path());
    let mut harness = demo_window();
    open_preview(&mut harness, path);
    // Another clerk's unit takes the new name after the preview was built.
    let category_id = harness.state().store().unwrap().categories().unwrap()[0].id;
    let mut draft = UnitDraft::empty(category_id);
    "临河镇人民政府".clone_into(&mut draft.name);
    harness
        .state_mut()
        .queue_command(Command::SaveUnit { id: None, draft });
    harness.run();
    let before = units(&harness);

    harness.get_by_label("确认导入（跳过被拒绝的行）").click();
    harness.run();

    let toast = harness
        .state()
        .toast_texts()
        .find(|t| t.starts_with("导入失败"))
        .unwrap()
        .to_owned();
    assert!(
        toast.starts_with("导入失败，未写入任何数据：第 2 行："),
        "{toast}"
    );
    assert!(
        toast.contains("已有名为“临河镇人民政府”的在用单位"),
        "{toast}"
    );
    assert_eq!(
        units(&harness),
        before,
        "the change in row 3 was rolled back"
    );
    assert!(harness.query_by_label("导入单位").is_none());
}

/// 导出名单 writes the units in use in the import's columns; a second export keeps the first
/// file; and the list imported back unchanged has nothing to write.
#[test]
fn the_unit_list_is_exported_and_imports_back_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = demo_window();
    let export = |harness: &mut Harness<'_, App>| {
        harness.get_by_label("导出名单…").click();
        harness.run();
        harness.get_by_label("选择单位名单保存到的文件夹");
        retype(harness, "路径", dir.path().to_str().unwrap());
        harness.get_by_label("确定").click();
        harness.run();
    };
    export(&mut harness);
    let path = dir.path().join("单位名单.xlsx");
    assert!(path.is_file());
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.starts_with("已导出单位名单（45 个单位）：") && t.contains("单位名单.xlsx")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Logged as the other exports are, by its file.
    let logged = (harness.state().store().unwrap())
        .audit_search(&zerenshu::store::AuditFilter::default(), 10)
        .unwrap();
    assert!(
        logged.iter().any(|row| row.entry.action == "导出 Excel"
            && row.record.as_deref() == Some("单位名单“单位名单.xlsx”")),
        "{:?}",
        logged.iter().map(|row| &row.record).collect::<Vec<_>>()
    );
    let first = std::fs::read(&path).unwrap();
    export(&mut harness);
    assert_eq!(
        std::fs::read(&path).unwrap(),
        first,
        "the first file is kept"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 2);
    assert!(
        (harness.state().toast_texts()).any(|t| t.contains("原文件保留未动")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );

    harness
        .state_mut()
        .queue_command(Command::PreviewUnitImport(path));
    harness.run();
    harness.get_by_label("新增 0 个，修改 0 个，无变化 45 个，拒绝 0 行");
}

/// A new head for every unit (the yearly update after a reshuffle) says a note for each
/// unit whose agreement is issued: the first above the list, every one in the list, and the
/// dialog's summary and buttons stay on a small window.
#[test]
fn many_notes_leave_the_summary_and_the_buttons_in_sight_on_a_small_window() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新负责人.csv");
    let store = crate::support::demo_store();
    let active: Vec<Unit> = (store.units().unwrap().into_iter())
        .filter(|u| u.is_active)
        .collect();
    let rows: Vec<String> = (active.iter().enumerate())
        .map(|(index, unit)| format!("{},新任负责人{index}", unit.fields.name))
        .collect();
    let text = format!("单位名称,负责人\n{}\n", rows.join("\n"));
    std::fs::write(&path, text).unwrap();
    let state = crate::support::showing(zerenshu::ui::View::Units, 2025);
    let mut harness = crate::support::window(Ok(store), state, [1024.0, 700.0]);
    open_preview(&mut harness, path);
    let screen = harness.ctx.content_rect();
    for label in ["确认导入", "取消"] {
        let rect = harness.get_by_label(label).rect();
        assert!(screen.contains_rect(rect), "{label} {rect:?} {screen:?}");
    }
    let summary = harness.get_by_label_contains("新增 0 个，修改").rect();
    assert!(screen.contains_rect(summary), "{summary:?}");
    harness.get_by_label_contains("条同类提醒：责任书已定稿的单位改了负责人（各行见下方“提示”）");
    harness.get_by_label("提示（照常写入，请核对）");
}

/// Two new 街道 whose 负责人职务 is a 镇's: the first said above the list, with the count of
/// the others, as every other kind of note.
#[test]
fn a_title_of_another_kind_of_body_is_counted_above_the_list() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("新街道.csv");
    let text = "单位名称,单位类型,考核类别,负责人职务\n白沙街道办事处,街道,镇街,镇长\n白云街道办事处,街道,镇街,镇长\n";
    std::fs::write(&path, text).unwrap();
    let state = crate::support::showing(zerenshu::ui::View::Units, 2025);
    let mut harness =
        crate::support::window(Ok(crate::support::demo_store()), state, [1024.0, 700.0]);
    open_preview(&mut harness, path);
    harness.get_by_label_contains(
        "第 2 行“白沙街道办事处”：负责人职务“镇长”是镇的职务，而单位类型是“街道”：请核对（职务印在责任书正文和落款中）；另有 1 行的负责人职务也与单位类型不符（各行见下方“提示”）",
    );
}
