//! The signed copy (签订件) read back: an agreement taken through 定稿, 已打印 and 已签订 gets
//! its scan archived (a JPEG, several images, or a PDF); the exported signed copy carries the
//! agreement number and verification code in its metadata (and, for images, a footer line
//! under each page's image), `verify` recognises it from the workflow and the command line,
//! and one changed byte makes it 不一致 (replacement and the command line: `signed_copy_replace`).

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use zerenshu::model::AgreementStatus;
use zerenshu::store::{ScanInput, Store, StoreError};
use zerenshu::workflow::export;
use zerenshu::workflow::signed_copy::{self, SignedCheck};
use zerenshu::workflow::verify::{self, Verification};

use crate::support::zerenshu;

/// A demo file with its first 2025 草稿 taken through 定稿 and 已打印 to 已签订 on 20 March 2025.
pub(super) fn signed_file() -> (tempfile::TempDir, PathBuf, Store, i64) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("z.sqlite3");
    let mut store = Store::open(&path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let id = crate::scan_archive::signed_agreement(&mut store);
    (dir, path, store, id)
}

/// A JPEG page of `width` × `height` pixels, shaded by `shade`.
pub(crate) fn jpeg(width: u32, height: u32, shade: u8) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([
            shade,
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

pub(super) fn input(name: &str, bytes: Vec<u8>) -> ScanInput {
    ScanInput {
        file_name: name.to_owned(),
        bytes,
    }
}

pub(super) fn pdftotext(path: &Path) -> String {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    String::from_utf8(output.stdout).unwrap()
}

/// The document information's text entry `key`.
pub(super) fn info(path: &Path, key: &str) -> String {
    let document = lopdf::Document::load(path).unwrap();
    let id = document
        .trailer
        .get(b"Info")
        .unwrap()
        .as_reference()
        .unwrap();
    let dictionary = document.get_dictionary(id).unwrap();
    lopdf::decode_text_string(dictionary.get(key.as_bytes()).unwrap()).unwrap()
}

pub(super) fn verify_cli(db: &Path, file: &Path) -> (i32, String) {
    let (code, out, err) = zerenshu(&[
        "verify",
        "--db",
        db.to_str().unwrap(),
        file.to_str().unwrap(),
    ]);
    (code, format!("{out}{err}"))
}

#[test]
fn a_jpeg_scan_s_signed_copy_carries_the_code_and_verifies_until_a_byte_changes() {
    let (dir, db, mut store, id) = signed_file();
    store
        .write(|w| w.archive(id, "签订件.jpg", &jpeg(300, 420, 240)))
        .unwrap();
    let agreement = store.agreement(id).unwrap().unwrap();
    let code = agreement.content_hash.as_deref().unwrap()[..12].to_owned();
    let number = agreement.draft.number;
    let unit = store.unit(agreement.draft.unit_id).unwrap().unwrap().fields;
    let path = signed_copy::export_signed(&store, id, dir.path())
        .unwrap()
        .path;
    assert_eq!(
        path.file_name().unwrap().to_str().unwrap(),
        format!("2025-{number:03}-{}-签订件.pdf", unit.display_short_name())
    );

    // The metadata names the agreement, its code and that this is the signed copy.
    let subject = info(&path, "Subject");
    assert!(
        subject.contains(&format!("编号 2025-{number:03}")),
        "{subject}"
    );
    assert!(subject.contains(&format!("校验码 {code}")), "{subject}");
    let keywords = info(&path, "Keywords");
    assert!(
        keywords.contains(&format!("zerenshu-code-{code}")),
        "{keywords}"
    );
    assert!(
        keywords.contains(&format!("zerenshu-signed-{code}")),
        "{keywords}"
    );
    assert!(info(&path, "Title").ends_with(&format!("（{}）签订件", unit.name)));
    assert_eq!(
        verify::code_in_pdf(&std::fs::read(&path).unwrap()),
        Some(code.clone())
    );
    // The footer line under the image, in text a reader can copy.
    let text = pdftotext(&path);
    let grouped = format!("{} {} {}", &code[..4], &code[4..8], &code[8..]);
    assert!(
        text.contains(&format!("签订件 · 2025年度第{number}号 · 校验码 {grouped}")),
        "{text}"
    );
    // The 责任书 search finds the agreement by the code on the paper, in groups.
    assert_eq!(store.agreements_by_code(&grouped).unwrap()[0].id, id);

    let bytes = std::fs::read(&path).unwrap();
    assert!(matches!(
        verify::verify(&store, &bytes).unwrap(),
        Verification::SignedCopy { agreement, check: SignedCheck::Current } if agreement.id == id
    ));
    let (status, said) = verify_cli(&db, &path);
    assert_eq!(status, 0, "{said}");
    assert!(
        said.contains(&format!(
            "这是 2025 年度第 {number} 号责任书（{}）的签订件（归档扫描件），与归档的扫描件一致",
            unit.name
        )),
        "{said}"
    );

    // One byte changed inside the image: 不一致.
    let mut altered = bytes.clone();
    let at = altered.len() / 2;
    altered[at] ^= 0x01;
    assert!(matches!(
        verify::verify(&store, &altered).unwrap(),
        Verification::SignedCopy {
            check: SignedCheck::Altered,
            ..
        }
    ));
    let altered_path = dir.path().join("改过.pdf");
    std::fs::write(&altered_path, &altered).unwrap();
    let (status, said) = verify_cli(&db, &altered_path);
    assert_eq!(status, 1, "{said}");
    assert!(said.starts_with("不一致"), "{said}");
    assert!(said.contains("与归档的扫描件不一致"), "{said}");
}

/// The width in pixels of the one image a page draws.
fn drawn_image_width(document: &lopdf::Document, page: lopdf::ObjectId) -> i64 {
    let deref = |object: &lopdf::Object| match object {
        lopdf::Object::Reference(id) => document.get_object(*id).unwrap().clone(),
        other => other.clone(),
    };
    let content = document.get_and_decode_page_content(page).unwrap();
    let drawn = content
        .operations
        .iter()
        .find(|op| op.operator == "Do")
        .unwrap()
        .operands[0]
        .as_name()
        .unwrap()
        .to_vec();
    let page = document.get_dictionary(page).unwrap();
    let resources = deref(page.get(b"Resources").unwrap());
    let xobjects = deref(resources.as_dict().unwrap().get(b"XObject").unwrap());
    let image = deref(xobjects.as_dict().unwrap().get(&drawn).unwrap());
    image
        .as_stream()
        .unwrap()
        .dict
        .get(b"Width")
        .unwrap()
        .as_i64()
        .unwrap()
}

#[test]
fn several_images_become_one_signed_copy_a_page_each_in_file_name_order() {
    let (dir, db, mut store, id) = signed_file();
    // Chosen in any order; 第10页 comes after 第2页. Each page a different size.
    let pages = [("第10页.jpg", 330), ("第1页.jpg", 310), ("第2页.jpg", 320)];
    let mut paths = Vec::new();
    for (name, width) in pages {
        let path = dir.path().join(name);
        std::fs::write(&path, jpeg(width, 400, 200)).unwrap();
        paths.push(path);
    }
    let files = signed_copy::read_scan_files(&store, &paths).unwrap();
    let names: Vec<&str> = files.iter().map(|f| f.file_name.as_str()).collect();
    assert_eq!(names, ["第1页.jpg", "第2页.jpg", "第10页.jpg"]);
    store.write(|w| w.archive_files(id, &files)).unwrap();
    let scan = store.scan(id).unwrap().unwrap();
    assert_eq!((scan.version, scan.files.len()), (1, 3));
    assert_eq!(
        store.agreement(id).unwrap().unwrap().status,
        AgreementStatus::Archived
    );

    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let path = signed_copy::export_signed(&store, id, &out).unwrap().path;
    let document = lopdf::Document::load(&path).unwrap();
    let widths: Vec<i64> = document
        .get_pages()
        .values()
        .map(|&page| drawn_image_width(&document, page))
        .collect();
    assert_eq!(widths, [310, 320, 330], "one image a page, in page order");
    let text = pdftotext(&path);
    for page in 1..=3 {
        assert!(text.contains(&format!("第{page}页/共3页")), "{text}");
    }
    let (status, said) = verify_cli(&db, &path);
    assert_eq!(status, 0, "{said}");

    // A PDF goes alone, and the same image twice is a slip.
    let pdf = std::fs::read(&path).unwrap();
    for files in [
        vec![input("a.pdf", pdf), input("b.jpg", jpeg(10, 10, 1))],
        vec![
            input("a.jpg", jpeg(10, 10, 1)),
            input("b.jpg", jpeg(10, 10, 1)),
        ],
    ] {
        let refused = store.write(|w| w.replace_scan(id, &files, "缺页"));
        assert!(
            matches!(refused, Err(StoreError::Rejected(_))),
            "{refused:?}"
        );
    }
}

#[test]
fn a_pdf_scan_keeps_its_bytes_and_pages_and_gains_the_facts() {
    let (dir, db, mut store, id) = signed_file();
    // A scanner's PDF: here the program's own PDF of an image page, made outside the register.
    let scan = std::fs::read({
        let (_other_dir, _other_db, mut other, other_id) = signed_file();
        other
            .write(|w| w.archive(other_id, "x.jpg", &jpeg(200, 280, 90)))
            .unwrap();
        signed_copy::export_signed(&other, other_id, dir.path())
            .unwrap()
            .path
    })
    .unwrap();
    let scan = {
        // Strip it of its agreement facts: a scanner knows nothing of them.
        let mut document = lopdf::Document::load_mem(&scan).unwrap();
        document.trailer.remove(b"Info");
        let mut bytes = Vec::new();
        document.save_to(&mut bytes).unwrap();
        bytes
    };
    store
        .write(|w| w.archive(id, "签订件扫描.pdf", &scan))
        .unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let export = signed_copy::export_signed(&store, id, &out).unwrap();
    // Its pages carry no printed code: the clerk is told where it is.
    assert!(export.is_written && export.is_pdf_scan);
    assert!(export.message().contains("编号和校验码写在文件属性中"));
    let path = export.path;
    let signed = std::fs::read(&path).unwrap();
    assert!(signed.starts_with(&scan), "the scan's bytes are kept whole");
    assert_eq!(
        lopdf::Document::load_mem(&signed)
            .unwrap()
            .get_pages()
            .len(),
        1
    );
    let code = store.agreement(id).unwrap().unwrap().content_hash.unwrap()[..12].to_owned();
    assert!(info(&path, "Keywords").contains(&format!("zerenshu-signed-{code}")));
    let (status, said) = verify_cli(&db, &path);
    assert_eq!(status, 0, "{said}");
    assert!(said.contains("与归档的扫描件一致"), "{said}");
    // The scan itself, sent on as scanned, is known too: the current one, then a replaced one.
    let scan_file = dir.path().join("扫描原件.pdf");
    std::fs::write(&scan_file, &scan).unwrap();
    let (status, said) = verify_cli(&db, &scan_file);
    assert_eq!(status, 0, "{said}");
    assert!(said.contains("归档的扫描件本身"), "{said}");
    let rescanned = {
        let mut document = lopdf::Document::load_mem(&scan).unwrap();
        document
            .trailer
            .set("ID", lopdf::Object::string_literal("重扫"));
        let mut bytes = Vec::new();
        document.save_to(&mut bytes).unwrap();
        bytes
    };
    store
        .write(|w| w.replace_scan(id, &[input("重扫.pdf", rescanned)], "原扫描件不清晰"))
        .unwrap();
    let (status, said) = verify_cli(&db, &scan_file);
    assert_ne!(status, 0, "{said}");
    assert!(said.contains("已更换：此文件是"), "{said}");
    assert!(said.contains("已被更换的第 1 版"), "{said}");
    // qpdf checks the structure; CI installs it, a developer without it skips this check.
    let qpdf = std::process::Command::new("qpdf")
        .args(["--check", path.to_str().unwrap()])
        .output();
    match qpdf {
        Ok(qpdf) => assert!(
            qpdf.status.success(),
            "{}",
            String::from_utf8_lossy(&qpdf.stdout)
        ),
        Err(error) => assert!(std::env::var_os("CI").is_none(), "qpdf: {error}"),
    }
}

#[test]
fn the_unsigned_export_is_refused_as_a_scan() {
    let (dir, _db, mut store, id) = signed_file();
    let report = export::export(
        &mut store,
        &zerenshu::pdf::fonts::FontSet::shipped(),
        2025,
        Some(&[id]),
        dir.path(),
        &std::sync::atomic::AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    let refused = signed_copy::read_scan_files(&store, &report.written);
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("本程序导出的文件")),
        "{refused:?}"
    );
    assert!(store.scan(id).unwrap().is_none());
    // A signed copy exported from an archived scan is named as the copy of its agreement.
    store
        .write(|w| w.archive(id, "签订件.jpg", &jpeg(300, 420, 240)))
        .unwrap();
    let number = store.agreement(id).unwrap().unwrap().draft.number;
    let copy = signed_copy::export_signed(&store, id, dir.path())
        .unwrap()
        .path;
    let refused = signed_copy::read_scan_files(&store, &[copy]);
    let expected = format!("是本程序从 2025 年度第 {number} 号责任书已归档的扫描件导出的签订件");
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains(&expected)),
        "{refused:?}"
    );
}

#[test]
fn a_signed_copy_checked_against_a_database_without_its_scan_is_said_to_come_from_another() {
    let (dir, db, mut store, id) = signed_file();
    // A copy taken before the scan was archived: the agreement is there, signed, scanless.
    let before = dir.path().join("归档前.sqlite3");
    store.backup_to(&before).unwrap();
    store
        .write(|w| w.archive(id, "签订件.jpg", &jpeg(300, 420, 240)))
        .unwrap();
    let path = signed_copy::export_signed(&store, id, dir.path())
        .unwrap()
        .path;
    drop(store);
    let bytes = std::fs::read(&path).unwrap();
    let earlier = Store::open(&before).unwrap();
    assert!(matches!(
        verify::verify(&earlier, &bytes).unwrap(),
        Verification::SignedCopy {
            check: SignedCheck::NoScan,
            ..
        }
    ));
    drop(earlier);
    let (status, said) = verify_cli(&before, &path);
    assert_eq!(status, 1, "{said}");
    assert!(said.starts_with("无法对上"), "{said}");
    assert!(said.contains("没有归档的扫描件"), "{said}");
    assert!(!said.contains("被改动过"), "{said}");
    // The database it came from still says it is whole.
    let (status, said) = verify_cli(&db, &path);
    assert_eq!(status, 0, "{said}");
}
