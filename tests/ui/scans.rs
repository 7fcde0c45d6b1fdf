//! The scan of the signed copy in an agreement's detail, driven by its Chinese labels: several
//! images clicked in the file chooser become one scan, a page each in file-name order, shown
//! before 确定归档; 更换扫描件 on an archived agreement asks for a reason, which the log keeps;
//! and 标记已签订 waits for 已打印.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{Agreement, AgreementStatus};
use zerenshu::store::Store;
use zerenshu::ui::App;

use crate::support::{agreements_window, click, demo_store, first_in, retype_any, unit_name};

/// The demo on the 责任书 screen for 2025.
fn harness() -> Harness<'static, App> {
    agreements_window(demo_store(), 2025)
}

/// Opens the detail of `agreement` by its unit's name.
fn open(harness: &mut Harness<'_, App>, agreement: &Agreement) {
    let name = unit_name(harness, agreement);
    click(harness, &name);
}

fn jpeg(width: u32) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, 400, |x, y| {
        image::Rgb([
            230,
            u8::try_from(x % 200).unwrap(),
            u8::try_from(y % 200).unwrap(),
        ])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(
            &mut std::io::Cursor::new(&mut bytes),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    bytes
}

#[test]
fn several_images_clicked_in_the_chooser_are_archived_a_page_each_in_name_order() {
    let mut harness = harness();
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let dir = tempfile::tempdir().unwrap();
    for (name, width) in [("第10页.jpg", 330), ("第1页.jpg", 310), ("第2页.jpg", 320)] {
        std::fs::write(dir.path().join(name), jpeg(width)).unwrap();
    }
    std::fs::write(dir.path().join("别的单位.jpg"), jpeg(100)).unwrap();
    open(&mut harness, &agreement);
    click(&mut harness, "归档扫描件…");
    // A folder typed in is opened; with nothing clicked, 确定 does not take the whole folder.
    retype_any(&mut harness, "路径", dir.path().to_str().unwrap());
    click(&mut harness, "确定");
    click(&mut harness, "确定");
    harness.get_by_label("请点选文件（可选多个）");
    for name in ["第2页.jpg", "第10页.jpg", "第1页.jpg"] {
        click(&mut harness, name);
    }
    harness.get_by_label("已选 3 个文件");
    // 全选 takes every image of the folder, 全不选 none; the three are clicked again.
    click(&mut harness, "全选");
    harness.get_by_label("已选 4 个文件");
    click(&mut harness, "全不选");
    for name in ["第2页.jpg", "第10页.jpg", "第1页.jpg"] {
        click(&mut harness, name);
    }
    click(&mut harness, "确定");
    // The pages in the order they will be stored, before anything is stored.
    harness.get_by_label("3 张图片合成一份签订件，每张一页，按文件名排序：");
    harness.get_by_label("第 1 页：第1页.jpg");
    harness.get_by_label("第 2 页：第2页.jpg");
    harness.get_by_label("第 3 页：第10页.jpg");
    assert!(
        harness
            .state()
            .store()
            .unwrap()
            .scan(agreement.id)
            .unwrap()
            .is_none()
    );
    click(&mut harness, "确定归档");
    let store = harness.state().store().unwrap();
    let scan = store.scan(agreement.id).unwrap().unwrap();
    let names: Vec<&str> = scan.files.iter().map(|f| f.file_name.as_str()).collect();
    assert_eq!(names, ["第1页.jpg", "第2页.jpg", "第10页.jpg"]);
    // The detail says what was archived.
    harness.get_by_label_contains("3 张图片，共");
    assert_eq!(
        store.agreement(agreement.id).unwrap().unwrap().status,
        AgreementStatus::Archived
    );
}

/// Opens `agreement`, then 归档扫描件… with one signature page written into `dir` and chosen.
fn choose_one_signature_page(
    harness: &mut Harness<'_, App>,
    agreement: &Agreement,
    dir: &std::path::Path,
) {
    std::fs::write(dir.join("签字页.jpg"), jpeg(300)).unwrap();
    open(harness, agreement);
    click(harness, "归档扫描件…");
    retype_any(harness, "路径", dir.to_str().unwrap());
    click(harness, "确定");
    click(harness, "签字页.jpg");
    click(harness, "确定");
}

#[test]
fn a_scan_of_fewer_pages_than_the_agreement_is_said_before_it_is_stored() {
    let mut harness = harness();
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let dir = tempfile::tempdir().unwrap();
    choose_one_signature_page(&mut harness, &agreement, dir.path());
    harness.run();
    // Said in the form, with nothing stored yet: the clerk can cancel and scan again.
    harness.get_by_label_contains("扫描件共 1 页，而这份责任书打印出来共");
    assert!(
        harness
            .state()
            .store()
            .unwrap()
            .scan(agreement.id)
            .unwrap()
            .is_none()
    );
    click(&mut harness, "确定归档");
    assert_eq!(
        harness
            .state()
            .store()
            .unwrap()
            .agreement(agreement.id)
            .unwrap()
            .unwrap()
            .status,
        AgreementStatus::Archived,
        "archived all the same when confirmed"
    );
}

#[test]
fn the_pages_of_a_scan_for_a_database_file_are_counted_off_the_ui_thread() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = Store::open(&dir.path().join("责任书.sqlite3")).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let mut harness = agreements_window(store, 2025);
    let agreement = first_in(&harness, AgreementStatus::Signed);
    choose_one_signature_page(&mut harness, &agreement, dir.path());
    // The thread answers within moments; the form says so meanwhile, and then the pages.
    let said = (0..200).any(|_| {
        harness.step();
        if harness
            .query_by_label_contains("扫描件共 1 页，而这份责任书打印出来共")
            .is_some()
        {
            return true;
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
        false
    });
    assert!(said, "the page count never came");
    assert!(harness.query_by_label_contains("正在核对").is_none());
}

#[test]
fn a_pdf_chosen_with_images_cannot_be_confirmed() {
    let mut harness = harness();
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("第1页.jpg"), jpeg(310)).unwrap();
    // A sound PDF (the 2024 notice), so that only its company is wrong.
    let day = chrono::NaiveDate::from_ymd_opt(2025, 1, 20).unwrap();
    let store = harness.state().store().unwrap();
    let pdf = zerenshu::workflow::notice::notice_for_year(store, 2024, day)
        .unwrap()
        .0;
    std::fs::write(dir.path().join("扫描.pdf"), pdf).unwrap();
    open(&mut harness, &agreement);
    click(&mut harness, "归档扫描件…");
    retype_any(&mut harness, "路径", dir.path().to_str().unwrap());
    click(&mut harness, "确定");
    for name in ["第1页.jpg", "扫描.pdf"] {
        click(&mut harness, name);
    }
    click(&mut harness, "确定");
    // Said once, also after the check of the files has come back.
    for _ in 0..20 {
        std::thread::sleep(std::time::Duration::from_millis(20));
        harness.run();
    }
    assert_eq!(
        harness
            .query_all_by_label_contains("PDF 扫描件只能单独归档")
            .count(),
        1
    );
    // Listed as the files chosen, not as pages they do not make.
    assert!(harness.query_by_label_contains("第 2 页").is_none());
    assert!(
        harness
            .get_by_label("确定归档")
            .accesskit_node()
            .is_disabled()
    );
}

#[test]
fn a_file_that_cannot_be_stored_is_said_at_once_and_other_files_keep_the_reason() {
    let mut harness = harness();
    let agreement = first_in(&harness, AgreementStatus::Archived);
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("空白.pdf");
    std::fs::write(&empty, b"").unwrap();
    let good = dir.path().join("重扫.jpg");
    std::fs::write(&good, jpeg(300)).unwrap();
    open(&mut harness, &agreement);
    click(&mut harness, "更换扫描件…");
    retype_any(&mut harness, "路径", empty.to_str().unwrap());
    click(&mut harness, "确定");
    retype_any(&mut harness, "更换理由", "原扫描件缺少盖章页");
    // Said in the form, before anything is stored, and the form cannot be confirmed.
    harness.get_by_label_contains("文件是空的（0 字节）");
    assert!(
        harness
            .get_by_label("确定更换")
            .accesskit_node()
            .is_disabled()
    );
    click(&mut harness, "重新选择文件…");
    retype_any(&mut harness, "路径", good.to_str().unwrap());
    click(&mut harness, "确定");
    assert_eq!(
        harness.get_by_label("更换理由").value().as_deref(),
        Some("原扫描件缺少盖章页"),
        "the reason typed is kept"
    );
    click(&mut harness, "确定更换");
    let store = harness.state().store().unwrap();
    assert_eq!(store.scan_versions(agreement.id).unwrap().len(), 2);
}

/// A TIFF a scanner saved is listed and, once clicked, said to be saved as PDF or JPEG first,
/// not hidden as if the folder held nothing.
#[test]
fn a_tiff_in_the_chooser_is_listed_and_said_how_to_save() {
    let mut harness = harness();
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("扫描.tif"), b"II*\0\x08\0\0\0").unwrap();
    open(&mut harness, &agreement);
    click(&mut harness, "归档扫描件…");
    retype_any(&mut harness, "路径", dir.path().to_str().unwrap());
    click(&mut harness, "确定");
    click(&mut harness, "扫描.tif");
    click(&mut harness, "确定");
    harness.get_by_label_contains("这是一张 TIFF 图片");
    harness.get_by_label_contains("另存为 PDF 或 JPEG 后再选");
}

/// Choosing the very file already stored is said as soon as it is chosen, not once the
/// reason is typed and 确定更换 clicked.
#[test]
fn the_stored_scan_chosen_again_is_said_at_once() {
    let mut harness = harness();
    let agreement = first_in(&harness, AgreementStatus::Archived);
    let stored = (harness.state().store().unwrap().scan(agreement.id))
        .unwrap()
        .unwrap();
    assert_eq!(stored.files.len(), 1, "the demo's scans are one file each");
    let dir = tempfile::tempdir().unwrap();
    let again = dir.path().join(&stored.files[0].file_name);
    std::fs::write(&again, &stored.files[0].bytes).unwrap();
    open(&mut harness, &agreement);
    click(&mut harness, "更换扫描件…");
    retype_any(&mut harness, "路径", again.to_str().unwrap());
    click(&mut harness, "确定");
    harness.get_by_label_contains("所选文件与现有扫描件完全相同，无需更换");
    assert!(
        harness
            .get_by_label("确定更换")
            .accesskit_node()
            .is_disabled()
    );
    harness.get_by_label("重新选择文件…");
}

#[test]
fn an_archived_scan_is_replaced_from_the_detail_with_a_reason() {
    let mut harness = harness();
    let agreement = first_in(&harness, AgreementStatus::Archived);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("重扫.jpg");
    std::fs::write(&path, jpeg(300)).unwrap();
    open(&mut harness, &agreement);
    assert!(
        harness
            .get_by_label("归档扫描件…")
            .accesskit_node()
            .is_disabled(),
        "an archived agreement has its scan"
    );
    click(&mut harness, "更换扫描件…");
    retype_any(&mut harness, "路径", path.to_str().unwrap());
    click(&mut harness, "确定");
    harness.get_by_label("重扫.jpg");
    assert!(
        harness
            .get_by_label("确定更换")
            .accesskit_node()
            .is_disabled(),
        "a replacement needs a reason"
    );
    retype_any(&mut harness, "更换理由", "原扫描件缺少盖章页");
    click(&mut harness, "确定更换");
    let store = harness.state().store().unwrap();
    let versions = store.scan_versions(agreement.id).unwrap();
    assert_eq!(versions.len(), 2, "the old scan is kept");
    assert_eq!(versions[1].files[0].file_name, "重扫.jpg");
    let entry = store
        .audit_entries(usize::MAX)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "更换扫描件")
        .unwrap();
    assert!(entry.after_json.unwrap().contains("原扫描件缺少盖章页"));
    assert_eq!(
        store.agreement(agreement.id).unwrap().unwrap().status,
        AgreementStatus::Archived
    );
    assert!(
        harness
            .state()
            .toast_texts()
            .any(|t| t.starts_with("已更换扫描件"))
    );
}

#[test]
fn a_final_agreement_is_marked_printed_before_it_can_be_signed() {
    let mut harness = harness();
    let agreement = first_in(&harness, AgreementStatus::Final);
    open(&mut harness, &agreement);
    let sign = harness.get_by_label("标记已签订…");
    assert!(sign.accesskit_node().is_disabled());
    sign.hover();
    harness.run();
    harness.get_by_label("须先标记已打印");
}

/// On a small window, what the check of the chosen files found and the form's buttons are
/// scrolled into sight under the long detail, not left below its edge.
#[test]
fn the_scan_forms_buttons_come_into_sight_on_a_small_window() {
    let mut harness = crate::support::window(
        Ok(demo_store()),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1024.0, 700.0],
    );
    let agreement = first_in(&harness, AgreementStatus::Archived);
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("空白.pdf");
    std::fs::write(&empty, b"").unwrap();
    crate::support::click_row(&mut harness, &agreement);
    harness.get_by_label("更换扫描件…").scroll_to_me();
    harness.run();
    click(&mut harness, "更换扫描件…");
    retype_any(&mut harness, "路径", empty.to_str().unwrap());
    click(&mut harness, "确定");
    harness.run();
    let said = harness.get_by_label_contains("文件是空的（0 字节）").rect();
    let button = harness.get_by_label("重新选择文件…").rect();
    assert!(
        said.bottom() <= 700.0 && button.bottom() <= 700.0,
        "{said:?} {button:?}"
    );
}

/// A scan's fact longer than a short cut but with room on the panel shows whole (the cut is
/// the panel's edge, not a count of characters): a file name in Latin letters is narrow.
#[test]
fn a_scan_s_long_file_name_with_room_shows_whole() {
    let mut store = demo_store();
    let signed = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == AgreementStatus::Signed)
        .unwrap();
    let name = "qingshan-2025-p1.jpg";
    store
        .write(|w| w.archive(signed.id, name, &jpeg(300)))
        .unwrap();
    // A wide window: the detail panel has room for the whole line.
    let mut harness = crate::support::window(
        Ok(store),
        crate::support::showing(zerenshu::ui::View::Agreements, 2025),
        [1920.0, 1000.0],
    );
    open(&mut harness, &signed);
    let fact = harness.get_by_label_contains(name);
    let text = fact.value().unwrap_or_default();
    assert!(text.chars().count() > 24, "{text}");
    let font = egui::TextStyle::Body.resolve(&harness.ctx.global_style());
    let whole = harness.ctx.fonts_mut(|fonts| {
        fonts
            .layout_no_wrap(text.clone(), font, egui::Color32::PLACEHOLDER)
            .size()
            .x
    });
    let drawn = fact.rect().width();
    assert!(drawn >= whole - 1.0, "{text}: {drawn} drawn of {whole}");
}
