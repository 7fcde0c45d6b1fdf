//! Scans and signed copies: a scan archived from the window (a damaged one refused) and the
//! signed copy exported again, and the signed copies of the listed archived agreements
//! exported at once.

use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use zerenshu::model::{Agreement, AgreementStatus};
use zerenshu::ui::App;

use crate::support::{
    agreements, agreements_window, click, demo_store, first_in, retype_any, tick, unit_name,
};

/// A JPEG "scan" of 300 x 420 pixels.
fn jpeg_scan() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(300, 420, |x, y| {
        image::Rgb([
            240,
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

/// Types `path` into the open file chooser and confirms it.
fn choose(harness: &mut Harness<'_, App>, path: &std::path::Path) {
    retype_any(harness, "路径", path.to_str().unwrap());
    click(harness, "确定");
    harness.run();
}

#[test]
fn a_scan_is_archived_and_the_signed_copy_exported_from_the_window() {
    let mut harness = agreements_window(demo_store(), 2025);
    let agreement = first_in(&harness, AgreementStatus::Signed);
    let name = unit_name(&harness, &agreement);
    let dir = tempfile::tempdir().unwrap();
    let png = zerenshu::demo::signed_copy_png();
    let damaged = dir.path().join("破损.png");
    std::fs::write(&damaged, &png[..png.len() / 2]).unwrap();
    let scan = dir.path().join("签订件.jpg");
    std::fs::write(&scan, jpeg_scan()).unwrap();
    click(&mut harness, &name);

    click(&mut harness, "归档扫描件…");
    choose(&mut harness, &damaged);
    // Refused by name in the form, before anything is stored; other files can be chosen.
    harness.get_by_label_contains("扫描件“破损.png”不能归档");
    assert!(
        harness
            .get_by_label("确定归档")
            .accesskit_node()
            .is_disabled()
    );
    let store = harness.state().store().unwrap();
    assert!(store.scan(agreement.id).unwrap().is_none());
    // While files are chosen, 撤销签订 waits: it would drop them unsaid. Greyed in its place
    // in the row, one line high, not squeezed into a column of characters.
    let step_back = harness.get_by_label("撤销签订…");
    assert!(step_back.accesskit_node().is_disabled());
    assert!(step_back.rect().height() < 30.0, "{:?}", step_back.rect());

    click(&mut harness, "重新选择文件…");
    choose(&mut harness, &scan);
    click(&mut harness, "确定归档");
    let store = harness.state().store().unwrap();
    assert_eq!(
        store.agreement(agreement.id).unwrap().unwrap().status,
        AgreementStatus::Archived
    );
    assert_eq!(
        store.scan(agreement.id).unwrap().unwrap().files[0].file_name,
        "签订件.jpg"
    );

    let out = tempfile::tempdir().unwrap();
    click(&mut harness, "导出签订件 PDF…");
    choose(&mut harness, out.path());
    let files: Vec<_> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(files.len(), 1, "{files:?}");
    assert!(files[0].to_string_lossy().ends_with("-签订件.pdf"));
    let pdf = lopdf::Document::load(&files[0]).unwrap();
    let page = *pdf.get_pages().values().next().unwrap();
    assert_eq!(pdf.get_page_images(page).unwrap().len(), 1);
    // An image scan's pages carry the code printed: nothing more to say.
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.starts_with("已导出签订件：") && !t.contains("文件属性")),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Its toast opens the folder, as an export's does.
    harness.get_by_label("打开文件夹");
    // Exported again into that folder, the same copy is left as it is.
    click(&mut harness, "导出签订件 PDF…");
    choose(&mut harness, out.path());
    assert_eq!(std::fs::read_dir(out.path()).unwrap().count(), 1);
    assert!(
        (harness.state().toast_texts())
            .any(|t| t.starts_with("文件夹中已有这份签订件（内容相同，未重写）"))
    );
}

#[test]
fn the_signed_copies_of_the_listed_archived_agreements_are_exported_at_once() {
    let mut harness = agreements_window(demo_store(), 2025);
    let archived: Vec<Agreement> = (agreements(&harness, 2025).into_iter())
        .filter(|a| a.status == AgreementStatus::Archived)
        .collect();
    assert!(archived.len() > 1, "the demo archives several");
    let out = tempfile::tempdir().unwrap();
    click(&mut harness, &format!("导出签订件…（{}）", archived.len()));
    // The chooser says what it exports, and how many.
    harness.get_by_label_contains(&format!(
        "已归档责任书的签订件 PDF（{} 份）",
        archived.len()
    ));
    choose(&mut harness, out.path());
    let mut names: Vec<String> = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(names.len(), archived.len(), "{names:?}");
    assert!(
        names.iter().all(|n| n.ends_with("-签订件.pdf")),
        "{names:?}"
    );
    let said = format!(
        "已导出 {} 份签订件 PDF 到：{}",
        archived.len(),
        out.path().display()
    );
    assert!(
        harness.state().toast_texts().any(|t| t.starts_with(&said)),
        "{:?}",
        harness.state().toast_texts().collect::<Vec<_>>()
    );
    // Ticked, only those: one archived and one not gives one file.
    let other = first_in(&harness, AgreementStatus::Signed);
    tick(&mut harness, &archived[0]);
    tick(&mut harness, &other);
    let again = tempfile::tempdir().unwrap();
    click(&mut harness, "导出签订件…（1）");
    choose(&mut harness, again.path());
    assert_eq!(std::fs::read_dir(again.path()).unwrap().count(), 1);
}
