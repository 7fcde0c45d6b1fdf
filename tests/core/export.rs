//! Exporting agreements into a folder and into a print file: file names kept inside the folder,
//! the coverage check before any file is written, files recorded before they take their names
//! (and even when a later one fails), verification against the record, the print file's
//! progress, cancel and copies (each agreement its own number unless one is given), and the
//! signed copy's scan: refused when it cannot be read, exported again as a PDF page at its
//! full resolution when it can.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::atomic::AtomicBool;

use zerenshu::model::AgreementStatus;
use zerenshu::pdf::agreement::PdfError;
use zerenshu::pdf::fonts::FontSet;
use zerenshu::store::{Store, StoreError};
use zerenshu::workflow::verify::{self, Verification};
use zerenshu::workflow::{export, lifecycle, signed_copy};

use crate::support::{demo_store, zerenshu};

#[test]
fn an_unsafe_unit_name_stays_inside_the_output_folder() {
    let mut store = demo_store();
    let unit = store.units().unwrap().remove(0);
    let mut fields = unit.fields.clone();
    fields.short_name = "a/../b".into();
    store.write(|w| w.update_unit(unit.id, &fields)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let first = store.agreements(2025).unwrap().remove(0);
    let report = export::export(
        &mut store,
        &FontSet::shipped(),
        2025,
        Some(&[first.id]),
        &out,
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(report.written.len(), 1);
    assert!(report.written[0].starts_with(&out));
    assert_eq!(
        report.written[0].file_name().unwrap().to_str().unwrap(),
        "2025-001-a_.._b.pdf"
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        1,
        "nothing lands beside the folder"
    );
    // A draft's name says so: in a folder holding both, it is not taken for the text to sign.
    let draft = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status == zerenshu::model::AgreementStatus::Draft)
        .unwrap();
    let names = export::file_names(&store, 2025, Some(&[draft.id])).unwrap();
    assert!(names[0].ends_with("-草稿.pdf"), "{names:?}");
}

#[test]
fn verify_tells_the_exported_file_from_an_altered_one() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let issued = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.status.is_issued())
        .unwrap();
    let report = export::export(
        &mut store,
        &FontSet::shipped(),
        2025,
        Some(&[issued.id]),
        dir.path(),
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    let bytes = std::fs::read(&report.written[0]).unwrap();
    assert!(
        matches!(verify::verify(&store, &bytes).unwrap(), Verification::Exact { agreement, .. } if agreement.id == issued.id)
    );
    let mut altered = bytes.clone();
    let last = altered.len() - 10;
    altered[last] ^= 0x20;
    assert!(
        matches!(verify::verify(&store, &altered).unwrap(), Verification::Altered { agreement } if agreement.id == issued.id)
    );
    assert_eq!(
        verify::verify(&store, b"%PDF-1.7 nothing\n%%EOF\n").unwrap(),
        Verification::NoCode
    );
    // A file cut off (a download not finished) is said to be one, not to be someone else's.
    let cut = &bytes[..bytes.len() / 2];
    assert_eq!(verify::verify(&store, cut).unwrap(), Verification::CutOff);
    let report =
        zerenshu::workflow::verify_report::report(&store, Verification::CutOff, "").unwrap();
    assert!(
        report.lines[0].starts_with("文件不完整"),
        "{:?}",
        report.lines
    );
    // A draft's export is known, and said to be a draft, also once the agreement is issued.
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    let report = export::export(
        &mut store,
        &FontSet::shipped(),
        2025,
        Some(&[draft.id]),
        dir.path(),
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    let bytes = std::fs::read(&report.written[0]).unwrap();
    let unchanged = verify::verify(&store, &bytes).unwrap();
    assert!(
        matches!(
            &unchanged,
            Verification::Draft {
                edited_since: None,
                ..
            }
        ),
        "{unchanged:?}"
    );
    // Its copies changed later: the file is said to be no longer the draft's text.
    let later = chrono::Local::now().naive_local() + chrono::Duration::minutes(5);
    store.set_clock(later);
    let copies = if draft.draft.copies == 4 { 5 } else { 4 };
    store.write(|w| w.set_copies(draft.id, copies)).unwrap();
    let edited = verify::verify(&store, &bytes).unwrap();
    assert!(
        matches!(
            &edited,
            Verification::Draft {
                edited_since: Some((1, _)),
                ..
            }
        ),
        "{edited:?}"
    );
    let report = zerenshu::workflow::verify_report::report(&store, edited, "").unwrap();
    assert!(
        report.lines[1].starts_with("此后该草稿的条款、份数或模板又修改过 1 次"),
        "{:?}",
        report.lines
    );
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    assert!(
        matches!(verify::verify(&store, &bytes).unwrap(), Verification::Draft { agreement, .. } if agreement.id == draft.id)
    );
    // A draft changed after export still names its agreement, and is said to be changed.
    let mut changed = bytes.clone();
    changed.extend_from_slice(b"\n%x\n");
    let found = verify::verify(&store, &changed).unwrap();
    assert!(
        matches!(&found, Verification::DraftAltered { agreement } if agreement.id == draft.id),
        "{found:?}"
    );
    let report = zerenshu::workflow::verify_report::report(&store, found, "").unwrap();
    assert!(!report.is_exact && !report.is_not_checked);
    assert!(
        report.lines[0].starts_with("不一致：此文件标为"),
        "{:?}",
        report.lines
    );
}

#[test]
fn a_file_exported_before_a_return_to_draft_verifies_as_withdrawn() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let final_one = crate::first_agreement::first_with_status(&store, AgreementStatus::Final);
    let report = export::export(
        &mut store,
        &FontSet::shipped(),
        2025,
        Some(&[final_one.id]),
        dir.path(),
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    let bytes = std::fs::read(&report.written[0]).unwrap();
    store
        .write(|w| w.revert_to_draft(final_one.id, "控制指标填错"))
        .unwrap();
    let found = verify::verify(&store, &bytes).unwrap();
    assert!(
        matches!(&found, Verification::Withdrawn { agreement, code, .. }
            if agreement.id == final_one.id && Some(code.as_str()) == final_one.content_hash.as_deref().map(|h| &h[..12])),
        "{found:?}"
    );
}

/// The demo store with the fifth agreement's unit (a draft, so its text follows the unit)
/// renamed with a character no font has; returns the store and that agreement's index.
fn demo_with_a_bad_fifth_agreement() -> (Store, usize) {
    let mut store = demo_store();
    let agreements = store.agreements(2025).unwrap();
    let (index, bad) = agreements
        .iter()
        .enumerate()
        .skip(4)
        .find(|(_, a)| !a.status.is_issued())
        .unwrap();
    let unit = store
        .units()
        .unwrap()
        .into_iter()
        .find(|u| u.id == bad.draft.unit_id)
        .unwrap();
    let mut fields = unit.fields.clone();
    fields.name.push('\u{1F600}');
    store.write(|w| w.update_unit(unit.id, &fields)).unwrap();
    (store, index)
}

#[test]
fn a_character_no_font_has_in_a_later_agreement_stops_the_export_before_any_file() {
    let (mut store, index) = demo_with_a_bad_fifth_agreement();
    let dir = tempfile::tempdir().unwrap();
    let error = export::export(
        &mut store,
        &FontSet::shipped(),
        2025,
        None,
        dir.path(),
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap_err();
    assert!(
        matches!(
            &error,
            export::ExportError::Pdf(PdfError::MissingGlyph {
                character: '\u{1F600}',
                ..
            })
        ),
        "agreement {index}: {error}"
    );
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "no file written: {left:?}");
}

#[test]
fn files_written_before_a_write_error_are_recorded_and_verify_as_exact() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let prepared = export::prepare(&store, 2025, None).unwrap();
    // A folder with content under the sixth file's final name: the rename onto it fails.
    let blocked = dir.path().join(&prepared[5].file_name);
    std::fs::create_dir(&blocked).unwrap();
    std::fs::write(blocked.join("keep"), b"x").unwrap();
    let error = export::export(
        &mut store,
        &FontSet::shipped(),
        2025,
        None,
        dir.path(),
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap_err();
    // Counted as written, and only those: the blocked file is named, not recorded.
    let export::ExportError::Stopped {
        error: stopped_by,
        written,
        total,
    } = &error
    else {
        panic!("{error}");
    };
    assert_eq!((*written, *total), (prepared.len() - 1, prepared.len()));
    assert!(
        matches!(&**stopped_by, export::ExportError::Write { path, .. } if *path == blocked),
        "{error}"
    );
    assert!(error.to_string().contains(&format!(
        "已写完的 {} 份（共 {} 份）",
        prepared.len() - 1,
        prepared.len()
    )));
    let recorded: Vec<String> = (store.audit_entries(1000).unwrap().into_iter())
        .filter(|e| e.action == "导出 PDF")
        .filter_map(|e| e.after_json)
        .collect();
    assert_eq!(recorded.len(), prepared.len() - 1);
    assert!(
        !(recorded.iter()).any(|json| json.contains(&prepared[5].file_name)),
        "the file that never landed is not recorded"
    );
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.is_file())
        .collect();
    assert!(files.len() >= 5, "the first five files landed: {files:?}");
    for file in files {
        let bytes = std::fs::read(&file).unwrap();
        assert!(
            matches!(
                verify::verify(&store, &bytes).unwrap(),
                Verification::Exact { .. } | Verification::Draft { .. }
            ),
            "{} was recorded",
            file.display()
        );
    }
}

#[test]
fn a_print_file_reports_progress_per_agreement_and_stops_when_cancelled() {
    let store = demo_store();
    let fonts = FontSet::shipped();
    let ids: Vec<i64> = store
        .agreements(2025)
        .unwrap()
        .iter()
        .filter(|a| a.status != AgreementStatus::Draft)
        .take(6)
        .map(|a| a.id)
        .collect();
    let dir = tempfile::tempdir().unwrap();

    let whole = dir.path().join("whole.pdf");
    let seen = std::cell::RefCell::new(Vec::new());
    let printed = export::print(
        &store,
        &fonts,
        2025,
        Some(&ids),
        2,
        &whole,
        &AtomicBool::new(false),
        &|done, total| seen.borrow_mut().push((done, total)),
    )
    .unwrap();
    assert_eq!(printed, Some(6));
    assert_eq!(
        seen.into_inner(),
        (1..=6).map(|n| (n, 6)).collect::<Vec<_>>()
    );
    assert!(whole.is_file());

    let cancelled = dir.path().join("cancelled.pdf");
    let cancel = AtomicBool::new(false);
    let printed = export::print(
        &store,
        &fonts,
        2025,
        Some(&ids),
        2,
        &cancelled,
        &cancel,
        &|done, _| {
            if done == 2 {
                cancel.store(true, std::sync::atomic::Ordering::Relaxed);
            }
        },
    )
    .unwrap();
    assert_eq!(printed, None);
    let names: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(
        names,
        vec![std::ffi::OsString::from("whole.pdf")],
        "nothing else written"
    );
}

#[test]
fn a_print_file_marks_each_copy_starts_it_on_an_odd_page_and_embeds_each_font_once() {
    let store = demo_store();
    let fonts = FontSet::shipped();
    let ids: Vec<i64> = store
        .agreements(2025)
        .unwrap()
        .iter()
        .take(2)
        .map(|a| a.id)
        .collect();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("print.pdf");
    export::print(
        &store,
        &fonts,
        2025,
        Some(&ids),
        2,
        &path,
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();

    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text = String::from_utf8(output.stdout).unwrap();
    let pages: Vec<String> = text
        .split('\u{c}')
        .map(|page| page.chars().filter(|c| !c.is_whitespace()).collect())
        .collect();
    let marked: Vec<(usize, &str)> = pages
        .iter()
        .enumerate()
        .filter_map(|(index, page)| {
            ["第1份/共2份", "第2份/共2份"]
                .into_iter()
                .find(|marker| page.contains(marker))
                .map(|marker| (index, marker))
        })
        .collect();
    let markers: Vec<&str> = marked.iter().map(|(_, m)| *m).collect();
    assert_eq!(
        markers,
        ["第1份/共2份", "第2份/共2份", "第1份/共2份", "第2份/共2份"]
    );
    assert!(
        marked.iter().all(|(index, _)| index % 2 == 0),
        "every copy starts on an odd page: {marked:?}"
    );
    // The two were printed (and signed) before: their copies say they are reprints.
    assert!(
        marked
            .iter()
            .all(|(index, marker)| pages[*index].contains(&format!("{marker}（补印）"))),
        "{marked:?}"
    );

    let pdf = lopdf::Document::load(&path).unwrap();
    let mut base_fonts: Vec<String> = pdf
        .objects
        .values()
        .filter_map(|object| object.as_dict().ok())
        .filter(|dict| dict.get(b"Subtype").and_then(lopdf::Object::as_name).ok() == Some(b"Type0"))
        .filter_map(|dict| dict.get(b"BaseFont").and_then(lopdf::Object::as_name).ok())
        .map(|name| {
            let name = String::from_utf8_lossy(name).into_owned();
            name.split_once('+')
                .map_or(name.clone(), |(_, rest)| rest.to_owned())
        })
        .collect();
    let all = base_fonts.len();
    base_fonts.sort();
    base_fonts.dedup();
    assert_eq!(
        all,
        base_fonts.len(),
        "each face embedded once: {base_fonts:?}"
    );
    assert!(all >= 4);
}

/// Page texts of a PDF without white space, by `pdftotext`.
fn page_texts(path: &std::path::Path) -> Vec<String> {
    let output = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    String::from_utf8(output.stdout)
        .unwrap()
        .split('\u{c}')
        .map(|page| page.chars().filter(|c| !c.is_whitespace()).collect())
        .collect()
}

#[test]
fn a_print_file_holds_each_agreement_in_its_own_copies_unless_one_number_is_given() {
    let mut store = demo_store();
    let drafts: Vec<i64> = store
        .agreements(2025)
        .unwrap()
        .iter()
        .filter(|a| a.status == AgreementStatus::Draft)
        .take(2)
        .map(|a| a.id)
        .collect();
    // One copy is no agreement between two parties.
    let one = store.write(|w| w.set_copies(drafts[0], 1));
    assert!(matches!(one, Err(StoreError::Rejected(m)) if m.contains("甲乙双方至少各执一份")));
    store.write(|w| w.set_copies(drafts[0], 2)).unwrap();
    store.write(|w| w.set_copies(drafts[1], 3)).unwrap();
    // Only issued agreements are printed for signing.
    let fonts = FontSet::shipped();
    let refused = export::print(
        &store,
        &fonts,
        2025,
        Some(&drafts),
        None,
        &tempfile::tempdir().unwrap().path().join("drafts.pdf"),
        &AtomicBool::new(false),
        &|_, _| {},
    );
    assert!(matches!(refused, Err(export::ExportError::NothingToPrint)));
    lifecycle::finalize(&mut store, 2025, &drafts).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let marks = |path: &std::path::Path| -> Vec<String> {
        page_texts(path)
            .into_iter()
            .filter_map(|page| {
                (1..=3)
                    .flat_map(|n| (1..=n).map(move |i| format!("第{i}份/共{n}份")))
                    .find(|marker| page.contains(marker.as_str()))
            })
            .collect()
    };

    let each = dir.path().join("each.pdf");
    let printed = export::print(
        &store,
        &fonts,
        2025,
        Some(&drafts),
        None,
        &each,
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(printed, Some(2));
    assert!(
        page_texts(&each).iter().all(|page| !page.contains("补印")),
        "a first print is no reprint"
    );
    assert_eq!(
        marks(&each),
        [
            "第1份/共2份",
            "第2份/共2份",
            "第1份/共3份",
            "第2份/共3份",
            "第3份/共3份"
        ]
    );

    let fixed = dir.path().join("fixed.pdf");
    export::print(
        &store,
        &fonts,
        2025,
        Some(&drafts),
        Some(3),
        &fixed,
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .unwrap();
    assert_eq!(marks(&fixed).len(), 6);
    assert!(marks(&fixed).iter().all(|m| m.ends_with("/共3份")));
}

/// The demo's first 2025 草稿, taken through 定稿 and 已打印 to 已签订 on 20 March 2025.
fn signed_agreement(store: &mut Store) -> i64 {
    let day = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    store.set_clock(day.and_hms_opt(9, 30, 0).unwrap());
    let id = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.status == AgreementStatus::Draft)
        .unwrap()
        .id;
    lifecycle::finalize(store, 2025, &[id]).unwrap();
    lifecycle::mark_printed(store, 2025, &[id], day).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    lifecycle::mark_signed(store, 2025, &[id], date).unwrap();
    id
}

/// A PDF of one image page, as a scanner's "scan to PDF" would save it.
fn image_pdf(image: &[u8]) -> Vec<u8> {
    let facts = zerenshu::pdf::scan::SignedCopyFacts {
        year: 2025,
        number: 1,
        code: "0123456789ab".to_owned(),
        title: "扫描件".to_owned(),
        scan_fingerprint: "00".repeat(32),
        archived_at: "D:20250320093000".to_owned(),
    };
    let page = zerenshu::pdf::scan::ScanPage {
        media_type: "image/png",
        bytes: image,
    };
    zerenshu::pdf::scan::signed_copy_pdf(&[page], &facts).unwrap()
}

/// A whole JPEG of a coloured page, as a scanner would save it.
fn jpeg_scan() -> Vec<u8> {
    let picture = image::RgbImage::from_fn(300, 420, |x, y| {
        image::Rgb([
            250,
            u8::try_from(x % 200).unwrap(),
            u8::try_from(y % 200).unwrap(),
        ])
    });
    let mut jpeg = Vec::new();
    picture
        .write_to(
            &mut std::io::Cursor::new(&mut jpeg),
            image::ImageFormat::Jpeg,
        )
        .unwrap();
    jpeg
}

#[test]
fn a_scan_that_cannot_be_read_is_refused_and_nothing_is_stored() {
    let mut store = demo_store();
    let id = signed_agreement(&mut store);
    let png = zerenshu::demo::signed_copy_png();
    let pdf = image_pdf(&png);
    let jpeg = jpeg_scan();
    // A cut-off JPEG decodes (grey where the data stops): its missing end marker gives it away.
    for (name, bytes) in [
        ("签订件扫描.png", &png[..png.len() / 2]),
        ("签订件扫描.pdf", &pdf[..pdf.len() / 3]),
        ("签订件扫描.jpg", &jpeg[..jpeg.len() * 2 / 3]),
    ] {
        let refused = store.write(|w| w.archive(id, name, bytes));
        assert!(
            matches!(&refused, Err(StoreError::Rejected(m)) if m.contains(name) && (m.contains("无法读取") || m.contains("不完整"))),
            "{refused:?}"
        );
    }
    assert!(store.scan(id).unwrap().is_none(), "nothing stored");
    let agreement = store.agreement(id).unwrap().unwrap();
    assert_eq!(agreement.status, AgreementStatus::Signed);
}

#[test]
fn a_jpeg_scan_is_archived_and_comes_back_as_a_pdf_page_holding_the_image() {
    let mut store = demo_store();
    let id = signed_agreement(&mut store);
    let jpeg = jpeg_scan();
    store.write(|w| w.archive(id, "签订件.jpg", &jpeg)).unwrap();
    let agreement = store.agreement(id).unwrap().unwrap();
    assert_eq!(agreement.status, AgreementStatus::Archived);
    let scan = store.scan(id).unwrap().unwrap();
    assert_eq!(scan.files[0].media_type, "image/jpeg");

    let pdf = signed_copy::signed_copy_of(&store, &agreement, &scan).unwrap();
    let document = lopdf::Document::load_mem(&pdf).unwrap();
    let pages = document.get_pages();
    assert_eq!(pages.len(), 1);
    let page = *pages.values().next().unwrap();
    let images = document.get_page_images(page).unwrap();
    assert_eq!(
        images.len(),
        1,
        "the page holds the scan as an image XObject"
    );
    assert_eq!((images[0].width, images[0].height), (300, 420));
}

/// A page scanned at 300 dpi (2480 x 3508 pixels) in `format`: lines of "text" on white and a
/// coloured pattern, so that it packs no smaller than a real scan would.
fn page_scan(format: image::ImageFormat) -> Vec<u8> {
    let picture = image::RgbImage::from_fn(2480, 3508, |x, y| {
        let ink = if y % 40 < 3 && x % 7 != 0 { 60 } else { 245 };
        image::Rgb([ink, u8::try_from((x ^ y) % 251).unwrap(), ink])
    });
    let mut bytes = Vec::new();
    picture
        .write_to(&mut std::io::Cursor::new(&mut bytes), format)
        .unwrap();
    bytes
}

#[test]
fn a_full_page_scan_is_exported_at_its_full_resolution() {
    for (format, name) in [
        (image::ImageFormat::Jpeg, "签订件.jpg"),
        (image::ImageFormat::Png, "签订件.png"),
    ] {
        let mut store = demo_store();
        let id = signed_agreement(&mut store);
        let bytes = page_scan(format);
        store.write(|w| w.archive(id, name, &bytes)).unwrap();
        let scan = store.scan(id).unwrap().unwrap();
        let agreement = store.agreement(id).unwrap().unwrap();
        let pdf = signed_copy::signed_copy_of(&store, &agreement, &scan).unwrap();
        let document = lopdf::Document::load_mem(&pdf).unwrap();
        let page = *document.get_pages().values().next().unwrap();
        let images = document.get_page_images(page).unwrap();
        assert_eq!(images.len(), 1, "{name}");
        assert_eq!(
            (images[0].width, images[0].height),
            (2480, 3508),
            "{name}: every pixel of the scan is kept"
        );
        if format == image::ImageFormat::Jpeg {
            assert_eq!(
                images[0].filters.as_deref(),
                Some(&["DCTDecode".to_owned()][..])
            );
            assert!(
                images[0].content == bytes.as_slice(),
                "the JPEG is embedded as it is, not compressed again"
            );
        }
    }
}

#[test]
fn the_print_command_uses_each_agreement_s_copies_unless_told_a_number() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("copies.sqlite3");
    let mut store = Store::open(&db).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    let draft = crate::first_agreement::first_with_status(&store, AgreementStatus::Draft);
    store.write(|w| w.set_copies(draft.id, 2)).unwrap();
    // Print files hold issued text only.
    lifecycle::finalize(&mut store, 2025, &[draft.id]).unwrap();
    let unit = store
        .unit(draft.draft.unit_id)
        .unwrap()
        .unwrap()
        .fields
        .name;
    drop(store);
    let db = db.to_str().unwrap();
    for (copies, expected) in [
        (None, vec!["第1份/共2份", "第2份/共2份"]),
        (Some("1"), vec!["第1份/共1份"]),
    ] {
        let print = dir.path().join("print.pdf");
        let mut args = vec!["export", "--db", db, "--year", "2025", "--unit", &unit];
        args.extend(["--print", print.to_str().unwrap(), "--force"]);
        args.extend(copies.map(|n| ["--copies", n]).into_iter().flatten());
        let (code, out, err) = zerenshu(&args);
        assert_eq!(code, 0, "{out}{err}");
        let found: Vec<&str> = page_texts(&print)
            .iter()
            .filter_map(|page| expected.iter().copied().find(|m| page.contains(m)))
            .collect();
        assert_eq!(found, expected, "{out}");
    }
}

#[test]
fn files_take_their_final_names_only_once_recorded() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let prepared = export::prepare(&store, 2025, None).unwrap();
    let fonts = FontSet::shipped();
    let never = AtomicBool::new(false);

    // The record cannot be written (a full disk, a lost lock): no file is left at all.
    let mut refuse = |_: &[(i64, &str, &str)]| Err(StoreError::DiskFull);
    let batch = export::write_all(
        &fonts,
        &prepared[..3],
        dir.path(),
        &never,
        &|_, _| {},
        &mut refuse,
    );
    assert!(matches!(
        batch.error,
        Some(export::ExportError::Store(StoreError::DiskFull))
    ));
    assert!(batch.written.is_empty());
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing left, temporaries included"
    );

    // Recorded, every file lands under its name with the hash that was recorded.
    let mut rows = Vec::new();
    let mut keep = |batch: &[(i64, &str, &str)]| {
        assert!(
            batch
                .iter()
                .all(|(_, _, name)| !dir.path().join(name).exists()),
            "recorded before any file takes its name"
        );
        rows.extend(
            batch
                .iter()
                .map(|(id, sha, name)| (*id, (*sha).to_owned(), (*name).to_owned())),
        );
        Ok(())
    };
    let batch = export::write_all(
        &fonts,
        &prepared[..3],
        dir.path(),
        &never,
        &|_, _| {},
        &mut keep,
    );
    assert!(batch.error.is_none());
    assert_eq!(rows.len(), 3);
    for (id, sha, name) in &rows {
        let bytes = std::fs::read(dir.path().join(name)).unwrap();
        assert_eq!(&zerenshu::model::agreement::content_hash(&bytes), sha);
        assert!(
            prepared
                .iter()
                .any(|p| p.agreement.id == *id && &p.file_name == name)
        );
    }
}

#[test]
fn a_deleted_drafts_file_is_said_to_carry_no_code_and_match_no_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::support::demo_db(dir.path());
    let file = crate::support::export_unit(dir.path(), &db, "青山镇");
    let (_, said, _) = crate::support::zerenshu(&["verify", "--db", &db, file.to_str().unwrap()]);
    assert!(said.contains("草稿："), "{said}");
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
        let draft = (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.draft.number == 5)
            .unwrap();
        store.write(|w| w.delete_draft(draft.id)).unwrap();
    }
    let (code, said, _) =
        crate::support::zerenshu(&["verify", "--db", &db, file.to_str().unwrap()]);
    assert_eq!(code, 1);
    assert!(said.contains("或是已删除的草稿导出的"), "{said}");
}

#[test]
fn a_reprint_in_fewer_copies_is_no_mismatch_and_a_first_print_is() {
    use zerenshu::model::AgreementStatus;
    let store = demo_store();
    let agreements = store.agreements(2025).unwrap();
    let first = |status| agreements.iter().find(|a| a.status == status).unwrap();
    let (issued, printed) = (
        first(AgreementStatus::Final),
        first(AgreementStatus::Printed),
    );
    let ids = [issued.id, printed.id];
    let one = usize::try_from(issued.draft.copies).unwrap() - 1;
    assert_ne!(usize::try_from(printed.draft.copies).unwrap(), one);
    assert_eq!(
        export::copies_differing(&store, 2025, Some(&ids), Some(one)).unwrap(),
        1,
        "the first print only: the printed one differs too, and is a 补印"
    );
}

/// A draft whose clause change a template edit left behind is exported as the template
/// reads, and the command says so, as the window does.
#[test]
fn the_command_says_a_draft_exported_without_its_clause_changes() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::support::demo_db(dir.path());
    let mut store = Store::open(std::path::Path::new(&db)).unwrap();
    let draft = crate::stale_tailoring::leave_a_tailoring_behind(&mut store);
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.id == draft.draft.unit_id)
        .unwrap();
    drop(store);
    let out = dir.path().join("导出");
    std::fs::create_dir(&out).unwrap();
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2025",
        "--unit",
        &unit.fields.name,
        "--out",
        out.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "提示：{} 1 份草稿的条款调整因模板修改须重做（列表中标“调整待重做”），导出的文本不含这些调整",
            unit.fields.name
        )),
        "{err}"
    );
}
