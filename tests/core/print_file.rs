//! The print file: progress per agreement and a cancel, each copy marked and starting on an odd
//! page with each font embedded once, each agreement in its own copies unless one number is
//! given (the command too), a reprint in fewer copies no mismatch.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::atomic::AtomicBool;

use zerenshu::model::AgreementStatus;
use zerenshu::pdf::fonts::FontSet;
use zerenshu::store::{Store, StoreError};
use zerenshu::workflow::{export, lifecycle};

use crate::support::{demo_store, zerenshu};

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
