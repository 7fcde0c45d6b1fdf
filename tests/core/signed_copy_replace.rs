//! The signed copy's replacement and command line: a wrong scan is replaced with a reason the
//! audit log keeps, the old one stays in the database and its signed copy is named as replaced;
//! the command line archives, replaces and exports scans.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::signed_copy::{input, jpeg, signed_file, verify_cli};
use crate::support::zerenshu;
use std::path::PathBuf;
use zerenshu::model::AgreementStatus;
use zerenshu::store::{Store, StoreError};
use zerenshu::workflow::signed_copy::{self, SignedCheck};
use zerenshu::workflow::verify::{self, Verification};

#[test]
fn a_wrong_scan_is_replaced_with_a_reason_and_the_old_one_is_kept() {
    let (dir, db, mut store, id) = signed_file();
    let first = jpeg(300, 420, 240);
    let at = |day: u32| {
        chrono::NaiveDate::from_ymd_opt(2025, 3, day)
            .unwrap()
            .and_hms_opt(9, 30, 0)
            .unwrap()
    };
    store.set_clock(at(10));
    store
        .write(|w| w.archive(id, "签订件.jpg", &first))
        .unwrap();
    store.set_clock(at(12));
    let before = store.agreement(id).unwrap().unwrap();
    let text_before = store.issued_content(id).unwrap();
    let old_copy = signed_copy::export_signed(&store, id, dir.path())
        .unwrap()
        .path;
    let old_bytes = std::fs::read(&old_copy).unwrap();

    let pages = vec![
        input("第1页.jpg", jpeg(300, 420, 10)),
        input("第2页.jpg", jpeg(300, 420, 20)),
    ];
    let refused = store.write(|w| w.replace_scan(id, &pages, "  "));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("必须写明理由")),
        "{refused:?}"
    );
    let same = vec![input("again.jpg", first.clone())];
    let refused = store.write(|w| w.replace_scan(id, &same, "重扫"));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("完全相同")),
        "{refused:?}"
    );
    store
        .write(|w| w.replace_scan(id, &pages, "原扫描件缺第2页"))
        .unwrap();

    // The audit log keeps the reason and both scans' hashes.
    // (The demo's entries are dated now, after this test's clock: the entry is found by name.)
    let entry = store
        .audit_entries(usize::MAX)
        .unwrap()
        .into_iter()
        .find(|e| e.action == "更换扫描件")
        .unwrap();
    assert_eq!(entry.entity, "scan");
    let old_hash = zerenshu::model::agreement::content_hash(&first);
    let before_json = entry.before_json.clone().unwrap();
    let after_json = entry.after_json.clone().unwrap();
    assert!(before_json.contains(&old_hash), "{before_json}");
    for page in &pages {
        let hash = zerenshu::model::agreement::content_hash(&page.bytes);
        assert!(after_json.contains(&hash), "{after_json}");
    }
    assert!(after_json.contains("原扫描件缺第2页"), "{after_json}");

    // The text, its hash and the status are untouched; the old scan stays in the database.
    let after = store.agreement(id).unwrap().unwrap();
    assert_eq!(after.status, AgreementStatus::Archived);
    assert_eq!(after.content_hash, before.content_hash);
    assert_eq!(store.issued_content(id).unwrap(), text_before);
    let versions = store.scan_versions(id).unwrap();
    assert_eq!(versions.len(), 2);
    assert_eq!(versions[0].files[0].bytes, first);
    assert_eq!(store.scan(id).unwrap().unwrap().version, 2);
    // The detail's summary keeps the first archiving's time beside the replacement's.
    let summary = store.scan_summaries(2025).unwrap().remove(&id).unwrap();
    assert_eq!(
        (summary.version, &summary.first_added_at, &summary.added_at),
        (2, &versions[0].added_at, &versions[1].added_at)
    );
    assert_ne!(summary.first_added_at, summary.added_at);

    // The old signed copy is named as made from the replaced scan; the new one verifies.
    assert!(matches!(
        verify::verify(&store, &old_bytes).unwrap(),
        Verification::SignedCopy {
            check: SignedCheck::Replaced { version: 1, .. },
            ..
        }
    ));
    let (status, said) = verify_cli(&db, &old_copy);
    assert_eq!(status, 1, "{said}");
    assert!(said.contains("出自第 1 版扫描件"), "{said}");
    let new_export = signed_copy::export_signed(&store, id, dir.path()).unwrap();
    // The old copy beside it is said to be, perhaps, the replaced scan's.
    assert!(
        new_export
            .message()
            .contains("同名文件如是更换前导出的旧签订件"),
        "{}",
        new_export.message()
    );
    let new_copy = new_export.path;
    let (status, said) = verify_cli(&db, &new_copy);
    assert_eq!(status, 0, "{said}");
    // The old copy in that folder is kept, the new one numbered beside it; exported again,
    // the same copy is left as it is.
    assert_eq!(std::fs::read(&old_copy).unwrap(), old_bytes);
    assert_ne!(new_copy, old_copy);
    assert!(
        new_copy.to_string_lossy().ends_with("-签订件（2）.pdf"),
        "{new_copy:?}"
    );
    let again = signed_copy::export_signed(&store, id, dir.path()).unwrap();
    assert_eq!((again.path, again.is_written), (new_copy.clone(), false));
    // Among several, the copy left as it was under its number has nothing particular to say:
    // no "其中 …：" line with nothing after it.
    let said = signed_copy::export_signed_many(&mut store, &[id, id], dir.path()).unwrap();
    assert!(said.contains("中已有这 2 份签订件"), "{said}");
    assert!(!said.lines().any(|line| line.ends_with('：')), "{said}");
    assert_eq!(
        lopdf::Document::load(&new_copy).unwrap().get_pages().len(),
        2
    );

    // Only an archived agreement's scan is replaced, and the file still checks sound.
    let signed = store
        .agreements(2025)
        .unwrap()
        .into_iter()
        .find(|a| a.status == AgreementStatus::Signed)
        .unwrap();
    let refused = store.write(|w| w.replace_scan(signed.id, &pages, "理由"));
    assert!(
        matches!(&refused, Err(StoreError::Rejected(m)) if m.contains("只有已归档")),
        "{refused:?}"
    );
    drop(store);
    assert!(Store::check_file(&db).unwrap().is_ok());
}

#[test]
fn scans_are_archived_replaced_and_exported_from_the_command_line() {
    let (dir, db, store, id) = signed_file();
    let agreement = store.agreement(id).unwrap().unwrap();
    let unit = store
        .unit(agreement.draft.unit_id)
        .unwrap()
        .unwrap()
        .fields
        .name;
    drop(store);
    let db_arg = db.to_str().unwrap();
    let write = |name: &str, shade: u8| {
        let path = dir.path().join(name);
        std::fs::write(&path, jpeg(200, 280, shade)).unwrap();
        path.to_str().unwrap().to_owned()
    };
    let (one, two) = (write("p1.jpg", 1), write("p2.jpg", 2));
    // Signed, nothing archived yet: a replacement is pointed to archiving, by the unit's name.
    let (code, _, err) = zerenshu(&[
        "scan", "replace", "--db", db_arg, "--year", "2025", "--unit", &unit, "--reason", "漏扫",
        &one,
    ]);
    assert_eq!(code, 2, "{err}");
    let archive_hint = format!(
        "当前为“已签订”，还没有归档扫描件，不能更换；归档用 zerenshu scan archive --db \"{db_arg}\" --year 2025 --unit \"{unit}\" 文件…"
    );
    assert!(err.contains(&archive_hint), "{err}");
    let archive = [
        "scan", "archive", "--db", db_arg, "--year", "2025", "--unit", &unit,
    ];
    // A file no scan can be is refused as such, not asked about its pages first.
    let csv = dir.path().join("名单.csv");
    std::fs::write(&csv, "单位名称\n青山镇人民政府\n").unwrap();
    let (code, out, err) = zerenshu(&[&archive[..], &[csv.to_str().unwrap()]].concat());
    assert_eq!(code, 2, "{out}{err}");
    assert!(!err.contains("--yes"), "{err}");
    assert!(err.contains("名单.csv"), "{err}");
    // Fewer pages than the agreement prints: asked before it is stored for good, and a script
    // (nobody to answer) stores it only with --yes.
    let (code, out, err) = zerenshu(&[&archive[..], &[&two, &one]].concat());
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("页") && err.contains("--yes"), "{err}");
    assert!(out.contains("没有归档"), "{out}");
    assert!(Store::open(&db).unwrap().scan(id).unwrap().is_none());
    let (code, out, err) = zerenshu(&[&archive[..], &["--yes", &two, &one]].concat());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("2 张图片：p1.jpg、p2.jpg"), "{out}");
    // Archived again: pointed to replacing, not told to mark it signed.
    let (code, _, err) = zerenshu(&[
        "scan", "archive", "--db", db_arg, "--year", "2025", "--unit", &unit, &one,
    ]);
    assert_ne!(code, 0);
    assert!(
        err.contains("已归档扫描件") && err.contains("scan replace"),
        "{err}"
    );
    let (code, out, err) = zerenshu(&[
        "scan", "replace", "--db", db_arg, "--year", "2025", "--unit", &unit, "--reason", "", &one,
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("必须写明理由"), "{err}");
    let three = write("p3.jpg", 3);
    let (code, out, err) = zerenshu(&[
        "scan",
        "replace",
        "--db",
        db_arg,
        "--year",
        "2025",
        "--unit",
        &unit,
        "--reason",
        "漏扫一页",
        "--yes",
        &one,
        &two,
        &three,
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let folder = dir.path().join("签订件");
    std::fs::create_dir(&folder).unwrap();
    let (code, out, err) = zerenshu(&[
        "scan",
        "export",
        "--db",
        db_arg,
        "--year",
        "2025",
        "--unit",
        &unit,
        "--out",
        folder.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let exported: Vec<PathBuf> = std::fs::read_dir(&folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    assert_eq!(exported.len(), 1);
    assert_eq!(
        lopdf::Document::load(&exported[0])
            .unwrap()
            .get_pages()
            .len(),
        3
    );
    let (status, said) = verify_cli(&db, &exported[0]);
    assert_eq!(status, 0, "{said}");
    let store = Store::open(&db).unwrap();
    assert_eq!(store.scan(id).unwrap().unwrap().version, 2);
    // The export is logged after the replacement, naming the file.
    let newest = store.audit_entries(2).unwrap();
    assert_eq!(newest[0].action, "导出 PDF");
    assert!(
        (newest[0].after_json.as_deref()).is_some_and(|after| after.contains("签订件.pdf")),
        "{:?}",
        newest[0].after_json
    );
    assert_eq!(newest[1].action, "更换扫描件");
}
