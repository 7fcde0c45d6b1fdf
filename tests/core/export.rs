//! Exporting agreements into a folder: file names kept inside the folder, the coverage check
//! before any file is written, files recorded before they take their names (and even when a
//! later one fails), verification against the record, a withdrawn or deleted draft's file, a
//! draft exported without its clause changes. The print file is in `print_file`, the scans of
//! signed copies in `scan_archive`.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::sync::atomic::AtomicBool;

use zerenshu::model::AgreementStatus;
use zerenshu::pdf::agreement::PdfError;
use zerenshu::pdf::fonts::FontSet;
use zerenshu::store::{Store, StoreError};
use zerenshu::workflow::verify::{self, Verification};
use zerenshu::workflow::{export, lifecycle};

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
        matches!(verify::verify(&store, &altered).unwrap(), Verification::Altered { agreement, other_number: None } if agreement.id == issued.id)
    );
    // Another agreement's code put in its properties: the file's own number is said too.
    let other = (store.agreements(2025).unwrap().into_iter())
        .find(|a| a.status.is_issued() && a.id != issued.id)
        .unwrap();
    let (own_code, other_code) = (
        issued.verification_code().unwrap(),
        other.verification_code().unwrap(),
    );
    let swapped: Vec<u8> = (bytes.windows(own_code.len()).enumerate())
        .filter(|(_, w)| *w == own_code.as_bytes())
        .map(|(at, _)| at)
        .fold(bytes.clone(), |mut file, at| {
            file[at..at + own_code.len()].copy_from_slice(other_code.as_bytes());
            file
        });
    let own_number = format!("2025-{:03}", issued.draft.number);
    match verify::verify(&store, &swapped).unwrap() {
        Verification::Altered {
            agreement,
            other_number,
        } => {
            assert_eq!(agreement.id, other.id);
            assert_eq!(other_number.as_deref(), Some(own_number.as_str()));
        }
        found => panic!("{found:?}"),
    }
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
            "提示：{} 1 份草稿有条款调整因模板修改须重做（列表中标“调整待重做”），导出的文本不含须重做的调整，其余调整照常在内",
            unit.fields.name
        )),
        "{err}"
    );
}
