//! The file chooser's 上一级 goes up from the path typed into its field, not from the folder
//! listed before; a typed path that is not there is named in Chinese; a folder chooser lists
//! the folder's files too (greyed), and makes a new folder where it is and uses it.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::Path;

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::ui::{App, View};

use crate::support::{demo_store, retype, showing, window};

fn harness() -> Harness<'static, App> {
    window(
        Ok(demo_store()),
        showing(View::Notice, 2025),
        [1400.0, 1000.0],
    )
}

/// The window with the chooser of 导出得分汇总表… open.
fn summary_chooser() -> Harness<'static, App> {
    let mut harness = harness();
    harness.get_by_label("导出得分汇总表…").click();
    harness.run();
    harness
}

/// Replaces the path typed in the chooser, without pressing Enter.
fn type_path(harness: &mut Harness<'_, App>, path: &Path) {
    retype(harness, "路径", path.to_str().unwrap());
}

fn shown_path(harness: &Harness<'_, App>) -> String {
    harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .value()
        .unwrap()
}

fn up(harness: &mut Harness<'_, App>) {
    harness.get_by_label("上一级").click();
    harness.run();
}

#[test]
fn up_goes_from_the_typed_path() {
    let dir = tempfile::tempdir().unwrap();
    let (outer, inner) = (
        dir.path().join("上级"),
        dir.path().join("上级").join("下级"),
    );
    std::fs::create_dir_all(&inner).unwrap();
    std::fs::write(inner.join("说明.txt"), "x").unwrap();
    let mut harness = summary_chooser();

    // Typed, not entered: 上一级 goes above it, wherever the chooser started.
    type_path(&mut harness, &inner);
    up(&mut harness);
    assert_eq!(shown_path(&harness), outer.display().to_string());
    harness.get_by_label("下级/");
    // Nothing typed: above the folder listed.
    up(&mut harness);
    assert_eq!(shown_path(&harness), dir.path().display().to_string());
    harness.get_by_label("上级/");
    // A folder's files are listed too, so the clerk sees what is there already.
    type_path(&mut harness, &inner);
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("说明.txt");
    up(&mut harness);
    up(&mut harness);

    // A file's path: above the folder it is in.
    type_path(&mut harness, &inner.join("说明.txt"));
    up(&mut harness);
    assert_eq!(shown_path(&harness), outer.display().to_string());

    // A path that is not there: said so, and the listing stays.
    let missing = dir.path().join("没有这个文件夹");
    type_path(&mut harness, &missing);
    up(&mut harness);
    harness.get_by_label(&format!(
        "路径中的文件夹不存在，无法转到上一级：{}",
        missing.display()
    ));
    harness.get_by_label("下级/");
    assert_eq!(shown_path(&harness), missing.display().to_string());

    // An empty folder says so: a place to save to, or to go on from.
    let empty = dir.path().join("空文件夹");
    std::fs::create_dir(&empty).unwrap();
    type_path(&mut harness, &empty);
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains(
        "这个文件夹中没有文件或子文件夹（隐藏的不列出）：点“确定”就保存到这里",
    );
}

/// A folder typed that is not there, in one that is: Enter offers to make it, its name ready,
/// and Enter again makes it and lists it, the export not yet done.
#[test]
fn a_missing_folder_typed_is_offered_to_be_made() {
    let dir = tempfile::tempdir().unwrap();
    let wanted = dir.path().join("U盘备份");
    let mut harness = summary_chooser();
    type_path(&mut harness, &wanted);
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    harness.get_by_label(&format!(
        "文件夹“U盘备份”还不存在：按回车或点“新建”，即在 {} 中新建它",
        dir.path().display()
    ));
    assert_eq!(shown_path(&harness), dir.path().display().to_string());
    let name = harness.get_by_role_and_label(Role::TextInput, "新文件夹名称");
    assert_eq!(name.value().as_deref(), Some("U盘备份"));
    assert!(name.is_focused());
    assert!(!wanted.exists(), "nothing made before it is asked for");
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(wanted.is_dir());
    assert_eq!(shown_path(&harness), wanted.display().to_string());
    assert_eq!(
        std::fs::read_dir(&wanted).unwrap().count(),
        0,
        "not exported yet"
    );
    // The keyboard on 路径, which names it: Enter there chooses it.
    harness.run();
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("路径")
    );
    closed_by_enter(&mut harness);
    assert_eq!(std::fs::read_dir(&wanted).unwrap().count(), 1, "exported");
}

#[test]
fn a_new_folder_is_made_in_the_folder_listed_and_used() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("说明.txt"), "x").unwrap();
    std::fs::create_dir(dir.path().join("下级")).unwrap();
    let mut harness = summary_chooser();
    // Listing the temporary folder: up from a folder in it.
    type_path(&mut harness, &dir.path().join("下级"));
    up(&mut harness);
    assert_eq!(shown_path(&harness), dir.path().display().to_string());

    let make = |harness: &mut Harness<'_, App>, name: &str| {
        if harness.query_by_label("新建文件夹…").is_some() {
            harness.get_by_label("新建文件夹…").click();
            harness.run();
        }
        retype(harness, "新文件夹名称", name);
        harness.get_by_label("新建").click();
        harness.run();
    };
    make(&mut harness, "a/b");
    harness.get_by_label_contains("文件夹名称不能含有");
    assert!(!dir.path().join("a").exists());
    make(&mut harness, "说明.txt");
    harness.get_by_label("已有同名的文件或文件夹：说明.txt");
    make(&mut harness, "2025年度汇总");
    let new_folder = dir.path().join("2025年度汇总");
    assert!(new_folder.is_dir());
    assert_eq!(shown_path(&harness), new_folder.display().to_string());
    harness.get_by_label("确定").click();
    harness.run();
    let written: Vec<_> = std::fs::read_dir(&new_folder).unwrap().collect();
    assert_eq!(written.len(), 1, "the summary went into the new folder");
}

#[test]
fn enter_on_a_typed_path_that_is_not_there_says_so_at_once() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = summary_chooser();
    type_path(&mut harness, dir.path());
    harness.key_press(egui::Key::Enter);
    harness.run();
    // Not there, nor the folder it would be in (one that is would be offered to be made).
    let missing = dir.path().join("没有").join("out");
    type_path(&mut harness, &missing);
    let confirm = harness.get_by_label("确定").rect();
    harness.key_press(egui::Key::Enter);
    harness.run();
    // The folder missing above it is named, and why nothing is offered to be made.
    harness.get_by_label(&format!(
        "找不到文件夹“{}”：新文件夹只能建在已有的文件夹中，每次新建一级（请先检查路径，或先新建上一级）；下面列出的仍是：{}",
        dir.path().join("没有").display(),
        dir.path().display()
    ));
    // The message comes under the buttons: 确定 stays where the pointer found it.
    assert_eq!(harness.get_by_label("确定").rect(), confirm);
    // The keyboard stays in the path, to put it right.
    harness.run();
    assert!(harness.get_by_label("路径").is_focused());
}

/// A file typed where a folder to save into is asked for: its folder is listed and the file
/// named as not a folder, replacing what was said of an earlier path; 确定 on it says the same.
#[test]
fn a_file_typed_in_a_folder_chooser_lists_its_folder_and_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("通报.pdf");
    std::fs::write(&file, b"x").unwrap();
    let other = tempfile::tempdir().unwrap();
    let elsewhere = other.path().join("旧通报.pdf");
    std::fs::write(&elsewhere, b"x").unwrap();
    let mut harness = summary_chooser();
    type_path(&mut harness, &dir.path().join("没有").join("out"));
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("找不到");
    type_path(&mut harness, &file);
    harness.key_press(egui::Key::Enter);
    harness.run();
    let said = format!(
        "“{}”是文件，不是文件夹：请选择要保存到的文件夹",
        file.display()
    );
    harness.get_by_label_contains(&said);
    assert!(harness.query_by_label_contains("找不到").is_none());
    assert_eq!(shown_path(&harness), dir.path().display().to_string());
    // The keyboard is still in 路径, for the path to be typed again.
    harness.run();
    assert!(
        harness
            .get_by_role_and_label(Role::TextInput, "路径")
            .is_focused()
    );
    // 确定 on a file in another folder lists that folder too, for the next 确定 to take.
    type_path(&mut harness, &elsewhere);
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains(&format!("“{}”是文件，不是文件夹", elsewhere.display()));
    assert!(
        harness
            .query_by_label_contains("请选择一个已存在的文件夹")
            .is_none()
    );
    assert_eq!(shown_path(&harness), other.path().display().to_string());
}

/// Esc is 取消: with a new folder's name open it closes that first, then the chooser, which
/// writes nothing.
#[test]
fn escape_closes_the_new_folder_row_then_the_chooser() {
    let mut harness = summary_chooser();
    harness.get_by_label("新建文件夹…").click();
    harness.run();
    harness.get_by_label("新文件夹名称");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("新文件夹名称").is_none());
    harness.get_by_label("上一级");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(
        harness.query_by_label("上一级").is_none(),
        "the chooser is closed"
    );
}

/// Enter, then the frames the export takes: the chooser has closed.
fn closed_by_enter(harness: &mut Harness<'_, App>) {
    harness.key_press(egui::Key::Enter);
    for _ in 0..20 {
        harness.run();
    }
    assert!(
        harness.query_by_label("上一级").is_none(),
        "the chooser closed"
    );
}

/// Choosing a folder, Enter (with no field holding the keyboard) takes the folder listed, as
/// 确定 does.
#[test]
fn enter_in_a_folder_chooser_takes_the_folder_listed() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = summary_chooser();
    type_path(&mut harness, dir.path());
    harness.key_press(egui::Key::Enter);
    harness.run();
    // The field took that Enter (it opened the folder): the chooser is still there.
    harness.get_by_label("上一级");
    // So does a new folder's name field: Enter makes the folder and goes into it.
    harness.get_by_label("新建文件夹…").click();
    harness.run();
    harness.get_by_label("新文件夹名称").type_text("汇总");
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.run();
    harness.get_by_label("上一级");
    assert!(dir.path().join("汇总").is_dir());
    closed_by_enter(&mut harness);
    let written: Vec<_> = std::fs::read_dir(dir.path().join("汇总"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert!(
        written
            .iter()
            .any(|path| path.extension().is_some_and(|e| e == "xlsx")),
        "{written:?}"
    );
}

/// Opened, the chooser's 路径 field has the keyboard, its text selected: a folder typed
/// straight away replaces it, Enter opens that folder (never 确定 by itself), and Enter on the
/// folder listed chooses it.
#[test]
fn a_folder_is_typed_and_chosen_from_the_keyboard_alone() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = summary_chooser();
    harness.run();
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("路径"),
        "the path field has the keyboard"
    );
    harness.event(egui::Event::Text(dir.path().display().to_string()));
    harness.run();
    assert_eq!(shown_path(&harness), dir.path().display().to_string());
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label("上一级");
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0, "not yet");
    // A bare name is read in the folder listed.
    std::fs::create_dir(dir.path().join("下级")).unwrap();
    type_path(&mut harness, Path::new("下级"));
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert_eq!(
        shown_path(&harness),
        dir.path().join("下级").display().to_string()
    );
    up(&mut harness);
    // The field shows the folder listed: Enter there (or with the keyboard elsewhere) is 确定.
    harness
        .get_by_role_and_label(Role::TextInput, "路径")
        .focus();
    harness.run();
    closed_by_enter(&mut harness);
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        2,
        "下级 and the file"
    );
}

/// A file's name typed where a folder is asked for is not offered as a new folder.
#[test]
fn a_file_name_typed_for_a_new_folder_is_said_to_be_a_file_name() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = summary_chooser();
    type_path(&mut harness, &dir.path().join("备份.sqlite3"));
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label_contains("“备份.sqlite3”像是文件名");
    assert!(harness.query_by_label_contains("还不存在").is_none());
    assert!(!dir.path().join("备份.sqlite3").exists());
}

/// Lists `folder` in the open chooser, then presses Enter on its entry `sub`.
fn enter_on_listed_folder(harness: &mut Harness<'_, App>, folder: &Path, sub: &str) {
    type_path(harness, folder);
    harness.key_press(egui::Key::Enter);
    harness.run();
    harness.get_by_label(&format!("{sub}/")).focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
}

/// Tab to a file listed and Enter chooses it, as a double click does (the path field is not
/// the only way from the keyboard); a folder listed is opened by Enter.
#[test]
fn enter_on_a_listed_file_chooses_it() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("下级")).unwrap();
    std::fs::write(dir.path().join("下级").join("发回的.pdf"), "不是 PDF").unwrap();
    let mut harness = window(
        Ok(demo_store()),
        showing(View::Agreements, 2025),
        [1400.0, 1000.0],
    );
    harness.get_by_label("核验 PDF…").click();
    harness.run();
    enter_on_listed_folder(&mut harness, dir.path(), "下级");
    assert_eq!(
        shown_path(&harness),
        dir.path().join("下级").display().to_string()
    );
    // In the folder opened, the keyboard starts again in 路径 (not on the entry now at the
    // place of the folder).
    harness.run();
    assert_eq!(
        crate::support::keyboard_on(&harness).as_deref(),
        Some("路径")
    );
    harness.get_by_label("发回的.pdf").focus();
    harness.run();
    harness.key_press(egui::Key::Enter);
    for _ in 0..3 {
        harness.run();
    }
    assert!(
        harness.query_by_label("选择要核验的 PDF 文件").is_none(),
        "chosen and closed"
    );
    harness.get_by_label_contains("发回的.pdf");
}

/// Where several files are chosen (自评表), Enter on a listed folder opens it too.
#[test]
fn enter_on_a_listed_folder_opens_it_where_several_files_are_chosen() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("交回的")).unwrap();
    std::fs::write(dir.path().join("交回的").join("城关街道.xlsx"), "").unwrap();
    let mut harness = harness();
    harness.get_by_label("导入自评表…").click();
    harness.run();
    enter_on_listed_folder(&mut harness, dir.path(), "交回的");
    harness.run();
    // Listed: the folder was opened, not only named in 路径.
    harness.get_by_label_contains("城关街道.xlsx");
}
