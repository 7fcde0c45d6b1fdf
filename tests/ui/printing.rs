//! The print and export flow of the 责任书 screen: the toast's 打开文件夹 button, the question
//! before a print that reprints or leaves drafts out, the copies chosen for one print and for a
//! 补印 from the detail, the
//! question after a print file, and the preview beside unsaved clause edits.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::AgreementStatus;
use zerenshu::ui::{App, Command};

use crate::support::{
    agreements_window, click, demo_store_at, first_in, tick, wait_for_toast, wait_until,
};

/// The demo in a file of `dir` (a background job needs a file) on the 责任书 screen of 2025.
fn harness(dir: &std::path::Path) -> Harness<'static, App> {
    agreements_window(demo_store_at(&dir.join("zerenshu.sqlite3")), 2025)
}

#[test]
fn the_toasts_open_folder_button_takes_its_click() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let folder = dir.path().join("导出");
    std::fs::create_dir(&folder).unwrap();
    let id = first_in(&harness, AgreementStatus::Final).id;
    harness.state_mut().queue_command(Command::ExportPdfs {
        ids: vec![id],
        folder: folder.clone(),
    });
    wait_for_toast(&mut harness, "已导出 1 份 PDF");
    // Gone before the click: the opener's message says so, whatever opener the machine has.
    std::fs::remove_dir_all(&folder).unwrap();
    harness.get_by_label("打开文件夹").click();
    harness.run();
    let texts: Vec<&str> = harness.state().toast_texts().collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("找不到要打开的文件或文件夹")),
        "{texts:?}"
    );
    assert!(
        texts.iter().any(|t| t.starts_with("已导出 1 份 PDF：")),
        "the button does not close its toast: {texts:?}"
    );
    // Its own 关闭 does.
    harness.get_by_label("关闭提示").click();
    harness.run();
    assert!(
        !harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已导出 1 份 PDF"))
    );
}

#[test]
fn an_export_over_files_of_the_same_names_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let folder = dir.path().join("导出");
    std::fs::create_dir(&folder).unwrap();
    let id = first_in(&harness, AgreementStatus::Final).id;
    let export = Command::ExportPdfs {
        ids: vec![id],
        folder: folder.clone(),
    };
    harness.state_mut().queue_command(export.clone());
    wait_for_toast(&mut harness, "已导出 1 份 PDF");
    let file = std::fs::read_dir(&folder)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    std::fs::write(&file, "旧文件").unwrap();

    harness.state_mut().queue_command(export.clone());
    harness.run();
    harness.get_by_label("替换已有的文件？");
    // One file, named as one.
    let name = file.file_name().unwrap().to_str().unwrap();
    harness.get_by_label(&format!(
        "文件夹中已有同名的 PDF“{name}”，导出会用新生成的文件替换它"
    ));
    harness.get_by_label("取消").click();
    harness.run();
    assert_eq!(
        std::fs::read(&file).unwrap(),
        "旧文件".as_bytes(),
        "left alone"
    );

    harness.state_mut().queue_command(export);
    harness.run();
    harness.get_by_label("替换并导出").click();
    harness.run();
    let replaced = wait_until(&mut harness, |_| {
        std::fs::read(&file).unwrap().starts_with(b"%PDF")
    });
    assert!(replaced, "the file was not replaced");
}

#[test]
fn one_agreement_prints_from_its_detail() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let agreement = first_in(&harness, AgreementStatus::Final);
    let name = crate::support::unit_name(&harness, &agreement);
    click(&mut harness, &name);
    assert!(!is_printing(&harness));
    click(&mut harness, "打印…");
    assert!(is_printing(&harness));
}

#[test]
fn a_reprint_from_the_detail_asks_how_many_copies_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let agreement = first_in(&harness, AgreementStatus::Printed);
    let name = crate::support::unit_name(&harness, &agreement);
    click(&mut harness, &name);
    click(&mut harness, "补印…");
    assert!(!is_printing(&harness), "the copies are chosen first");
    harness.run();
    let copies = harness.get_by_role_and_label(Role::SpinButton, "补印份数");
    assert_eq!(
        copies.accesskit_node().numeric_value(),
        Some(1.0),
        "one spoiled copy"
    );
    assert!(copies.is_focused(), "the number is typed at once");
    // The most it takes is said beside it.
    harness.get_by_label_contains("每次最多补印 20 份");
    // Esc in it gives the choice up, printing nothing; so does 取消.
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("补印份数").is_none());
    click(&mut harness, "补印…");
    click(&mut harness, "取消");
    assert!(harness.query_by_label("补印份数").is_none());
    assert!(!is_printing(&harness));
    // Enter in the number makes the file, as the button does.
    click(&mut harness, "补印…");
    harness.run();
    harness.key_press(egui::Key::Enter);
    harness.run();
    assert!(is_printing(&harness));
    assert!(harness.query_by_label("补印份数").is_none());
    // One copy where the text says more is meant: no mismatch said.
    wait_for_toast(&mut harness, "已生成");
    assert!(
        !(harness.state().toast_texts()).any(|t| t.contains("与打印份数不同")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
}

/// Whether a print file was started: its progress, or the toast it ends with.
fn is_printing(harness: &Harness<'_, App>) -> bool {
    harness.query_by_label("正在生成打印文件").is_some()
        || harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已生成"))
}

#[test]
fn printing_ticked_agreements_asks_first_when_some_are_reprints_or_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    for status in [
        AgreementStatus::Final,
        AgreementStatus::Signed,
        AgreementStatus::Draft,
    ] {
        let agreement = first_in(&harness, status);
        tick(&mut harness, &agreement);
    }
    click(&mut harness, "打印…（2）");
    // The paper copies it makes are said with it.
    let sheets: i64 = ([AgreementStatus::Final, AgreementStatus::Signed].iter())
        .map(|status| first_in(&harness, *status).draft.copies)
        .sum();
    harness.get_by_label(&format!("打印 2 份责任书（共 {sheets} 份纸质件）？"));
    harness.get_by_label("其中 1 份已签订，将作为补印（每份首页标“补印”）；1 份草稿不打印");
    click(&mut harness, "取消");
    assert!(harness.query_by_label_contains("打印 2 份责任书").is_none());
    assert!(!is_printing(&harness), "取消 prints nothing");

    click(&mut harness, "打印…（2）");
    click(&mut harness, "继续打印");
    wait_for_toast(&mut harness, "已生成");
}

#[test]
fn printing_ticked_final_agreements_alone_asks_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let agreement = first_in(&harness, AgreementStatus::Final);
    tick(&mut harness, &agreement);
    click(&mut harness, "打印…（1）");
    assert!(harness.query_by_label("继续打印").is_none());
    assert!(is_printing(&harness));
}

#[test]
fn one_number_for_all_is_used_for_one_print_only() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let is_chosen = |harness: &Harness<'_, App>, label: &str| {
        harness
            .get_by_role_and_label(Role::RadioButton, label)
            .accesskit_node()
            .toggled()
            == Some(egui::accesskit::Toggled::True)
    };
    harness
        .get_by_role_and_label(Role::RadioButton, "统一印")
        .click();
    harness.run();
    assert!(is_chosen(&harness, "统一印"));
    let agreement = first_in(&harness, AgreementStatus::Final);
    tick(&mut harness, &agreement);
    click(&mut harness, "打印…（1）");
    assert!(is_printing(&harness));
    assert!(
        is_chosen(&harness, "按各份数"),
        "back to each one's own number"
    );
    assert!(!is_chosen(&harness, "统一印"));
    // Said beside it, not found out at the next print.
    harness.get_by_label("（上次统一印 3 份，已回到按各份数）");
}

/// With none listed left to print for the first time (only signed ones shown), 统一印 starts
/// from the number most of those listed are in (the demo's 一式三份), not 2.
#[test]
fn one_number_for_all_starts_from_the_listed_ones_when_none_waits_for_printing() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    harness
        .get_by_role_and_label(Role::ComboBox, "状态")
        .click();
    harness.run();
    harness
        .get_by_role_and_label(Role::Button, "已签订")
        .click();
    harness.run();
    assert!(
        harness.query_by_label("已定稿").is_none(),
        "only signed ones listed"
    );
    harness
        .get_by_role_and_label(Role::RadioButton, "统一印")
        .click();
    harness.run();
    let copies = harness
        .get_all_by_label("统一印")
        .find(|node| node.accesskit_node().role() != Role::RadioButton)
        .unwrap();
    assert_eq!(copies.accesskit_node().numeric_value(), Some(3.0));
}

/// Prints the first 已定稿 agreement with `opener` as the PDF viewer and waits for the file;
/// returns the toast that names it.
fn print_one(harness: &mut Harness<'_, App>, opener: zerenshu::ui::FileOpener) -> String {
    harness.state_mut().set_file_opener(opener);
    let id = first_in(harness, AgreementStatus::Final).id;
    harness.state_mut().queue_command(Command::PrintAgreements {
        ids: vec![id],
        copies: None,
    });
    wait_for_toast(harness, "已生成");
    harness.run();
    (harness.state().toast_texts())
        .find(|t| t.starts_with("已生成"))
        .unwrap()
        .to_owned()
}

#[test]
fn a_print_file_no_viewer_opened_asks_after_it_is_opened_by_hand() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let toast = print_one(&mut harness, |path| {
        Err(format!(
            "本机找不到用来打开它的程序，请手动打开：{}",
            path.display()
        ))
    });
    assert!(toast.starts_with("已生成打印文件，但本机找不到"), "{toast}");
    harness.get_by_label("纸质件打印好了吗？");
    harness.get_by_label_contains("本机没有自动打开打印文件：请先打开它所在的文件夹");
    harness.get_by_label("打开打印文件所在文件夹");
}

/// Where the 打印文件 folder cannot be made (a file of that name is in the way), the print
/// file goes to the temporary folder, and the clerk is told it may not be kept.
#[test]
fn a_print_file_in_the_temporary_folder_is_said_to_be_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    std::fs::write(dir.path().join("打印文件"), b"not a folder").unwrap();
    let toast = print_one(&mut harness, |_| Ok(()));
    assert!(
        toast.contains(&std::env::temp_dir().display().to_string()),
        "{toast}"
    );
    // Said in the toast naming the file, which stays until closed: not one of its own that
    // the notes after it would push out.
    assert!(
        toast.contains("的打印文件（数据库旁的“打印文件”文件夹无法建立或写入，已存到系统临时文件夹，可能被自动清理"),
        "{toast}"
    );
    // The path last, as in every message naming a file.
    let file = toast.rsplit("：").next().unwrap();
    std::fs::remove_file(file).unwrap();
}

#[test]
fn a_print_file_opened_in_a_viewer_asks_naming_the_file_and_its_count() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let toast = print_one(&mut harness, |_| Ok(()));
    harness.get_by_label("纸质件打印好了吗？");
    let file_name = toast.rsplit(['/', '\\']).next().unwrap();
    assert!(file_name.starts_with("2025年度责任书-打印-"), "{toast}");
    harness.get_by_label_contains(&format!(
        "打印文件“{file_name}”共 1 份责任书，状态还是“已定稿”"
    ));
}

#[test]
fn a_preview_beside_unsaved_clause_edits_says_it_shows_the_saved_text() {
    const WARNING: &str = "预览为已保存的文本，不含尚未保存的条款修改";
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    click(&mut harness, "青山镇人民政府");
    click(&mut harness, "预览…");
    harness.get_by_label("适合宽度");
    assert!(harness.query_by_label(WARNING).is_none(), "nothing unsaved");
    // Closed, so that it covers none of the clause editor.
    harness.key_press(egui::Key::Escape);
    harness.run();

    click(&mut harness, "修改条款…");
    click(&mut harness, "添加控制指标");
    // Named: a blank target is nothing unsaved.
    crate::support::type_in_last(&mut harness, "指标", "渡口事故");
    click(&mut harness, "预览…");
    harness.get_by_label(WARNING);
}

#[test]
fn esc_closes_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    click(&mut harness, "青山镇人民政府");
    click(&mut harness, "预览…");
    harness.get_by_label("适合宽度");
    // The keyboard on the detail's 预览… (as after a click or Enter there).
    harness.get_by_label("预览…").focus();
    harness.run();
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("适合宽度").is_none());
    // Only the preview in front: the detail behind it stays open.
    harness.get_by_label("修改条款…");
    // With a dialog over it, Esc is the dialog's: it closes, the preview stays.
    click(&mut harness, "预览…");
    click(&mut harness, "修改条款…");
    harness.get_by_label("添加控制指标");
    harness.key_press(egui::Key::Escape);
    harness.run();
    assert!(harness.query_by_label("添加控制指标").is_none());
    harness.get_by_label("适合宽度");
}

/// 导出 PDF… in an agreement's detail exports that one agreement, whatever rows are ticked.
#[test]
fn the_details_export_writes_only_its_own_agreement() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let folder = dir.path().join("一份");
    std::fs::create_dir(&folder).unwrap();
    let shown = first_in(&harness, AgreementStatus::Final);
    let ticked = first_in(&harness, AgreementStatus::Draft);
    tick(&mut harness, &ticked);
    let name = crate::support::unit_name(&harness, &shown);
    harness.get_by_label(&name).click();
    harness.run();
    click(&mut harness, "导出 PDF…");
    // The chooser names what goes into the folder.
    harness.get_by_label(&format!("选择导出到的文件夹：{name}的责任书 PDF（1 份）"));
    crate::support::retype(&mut harness, "路径", folder.to_str().unwrap());
    click(&mut harness, "确定");
    wait_for_toast(&mut harness, "已导出 1 份 PDF");
    let files: Vec<String> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    let number = format!("2025-{:03}-", shown.draft.number);
    assert!(files[0].starts_with(&number), "{files:?}");
}

/// The office fonts missing on this machine are said after the first export of a session,
/// not after every one.
#[test]
fn missing_office_fonts_are_said_once_a_session() {
    let fonts = zerenshu::pdf::fonts::FontSet::with_installed();
    if zerenshu::pdf::font_roles::missing_office_fonts_warning(&fonts).is_none() {
        // Every office font is installed here: nothing to say.
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let id = first_in(&harness, AgreementStatus::Final).id;
    let said = |harness: &Harness<'_, App>| {
        (harness.state().toast_texts())
            .filter(|t| t.starts_with("本机未安装"))
            .count()
    };
    for (round, expected) in [("一", 1), ("二", 0)] {
        let folder = dir.path().join(round);
        std::fs::create_dir(&folder).unwrap();
        harness.state_mut().queue_command(Command::ExportPdfs {
            ids: vec![id],
            folder,
        });
        wait_for_toast(&mut harness, "已导出 1 份 PDF");
        assert_eq!(said(&harness), expected, "export {round}");
        if expected == 1 {
            // A click on it closes it.
            harness.get_by_label_contains("本机未安装").click();
            harness.run();
            assert_eq!(said(&harness), 0);
        }
    }
}

#[test]
fn an_export_with_drafts_says_how_many_are_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let folder = dir.path().join("导出");
    std::fs::create_dir(&folder).unwrap();
    let ids = vec![
        first_in(&harness, AgreementStatus::Final).id,
        first_in(&harness, AgreementStatus::Draft).id,
    ];
    harness
        .state_mut()
        .queue_command(Command::ExportPdfs { ids, folder });
    wait_for_toast(&mut harness, "已导出 2 份 PDF");
    let texts: Vec<&str> = harness.state().toast_texts().collect();
    assert!(
        texts
            .iter()
            .any(|t| t
                .starts_with("已导出 2 份 PDF（其中 1 份是草稿，带“草稿”水印，不能用于签订）：")),
        "{texts:?}"
    );
}

/// Chooses 统一印 and types `copies` as its number.
fn print_each(harness: &mut Harness<'_, App>, copies: i64) {
    harness
        .get_by_role_and_label(Role::RadioButton, "统一印")
        .click();
    harness.run();
    crate::support::type_fixed_copies(harness, copies);
}

/// 统一印 in a number another than a text's 一式 N 份 is asked about before the file is made,
/// not only noted after it.
#[test]
fn one_number_for_all_unlike_a_texts_copies_is_asked_about_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut harness = harness(dir.path());
    let agreement = first_in(&harness, AgreementStatus::Final);
    let other = if agreement.draft.copies == 2 { 4 } else { 2 };
    print_each(&mut harness, other);
    tick(&mut harness, &agreement);
    click(&mut harness, "打印…（1）");
    harness.get_by_label(&format!("打印 1 份责任书（共 {other} 份纸质件）？"));
    harness.get_by_label(&format!(
        "其中 1 份正文写明的“一式几份”不是 {other} 份：统一印 {other} 份，签字本份数将与正文不符"
    ));
    click(&mut harness, "取消");
    assert!(!is_printing(&harness), "取消 prints nothing");
    // In the number its text says: printed at once.
    print_each(&mut harness, agreement.draft.copies);
    click(&mut harness, "打印…（1）");
    assert!(harness.query_by_label("继续打印").is_none());
    assert!(is_printing(&harness));
}
