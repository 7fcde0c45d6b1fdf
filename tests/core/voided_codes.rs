//! Void verification codes: an agreement sent back to 草稿 keeps no code, but the code its old
//! frozen text had is still found, as void, with when and why (from the audit log), by the
//! store, by `verify` on an exported file, on a copy not exported as such and in a print
//! file, on the command line; each code of an agreement returned more than once is found.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use zerenshu::model::Agreement;
use zerenshu::store::Store;
use zerenshu::workflow::lifecycle;

use crate::support::{demo_db, demo_store, export_unit, zerenshu};

/// 2025's third agreement (新华街道, 已打印 in the demo).
fn third(store: &Store) -> Agreement {
    store.agreements(2025).unwrap().remove(2)
}

/// Sends agreement `id` back to 草稿 for `reason`, changes its text (one copy more) and
/// finalizes it again; the new hash.
fn reissue_changed(store: &mut Store, id: i64, reason: &str) -> String {
    store.write(|w| w.revert_to_draft(id, reason)).unwrap();
    let copies = store.agreement(id).unwrap().unwrap().draft.copies;
    store.write(|w| w.set_copies(id, copies + 1)).unwrap();
    lifecycle::finalize(store, 2025, &[id]).unwrap();
    store.agreement(id).unwrap().unwrap().content_hash.unwrap()
}

#[test]
fn each_void_code_is_found_with_its_reason_and_the_current_one_as_current() {
    let mut store = demo_store();
    let agreement = third(&store);
    let first = agreement.content_hash.clone().unwrap();
    assert!(store.voided_by_code(&first[..12]).unwrap().is_empty());
    let second = reissue_changed(&mut store, agreement.id, "控制指标填错");
    let third_hash = reissue_changed(&mut store, agreement.id, "份数改为四份");
    assert!(first != second && second != third_hash);

    // Typed as the footer prints it, in capitals, with spaces.
    let typed = format!("{} {} {}", &first[..4], &first[4..8], &first[8..12]).to_uppercase();
    let found = store.voided_by_code(&typed).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    let voided = &found[0];
    assert_eq!(
        (voided.agreement_id, voided.year, voided.number),
        (agreement.id, 2025, 3)
    );
    assert_eq!(voided.unit_name, "新华街道办事处");
    assert_eq!(voided.reason, "控制指标填错");
    assert_eq!(voided.code(), &first[..12]);
    assert!(
        voided.reverted_at.starts_with("20"),
        "{}",
        voided.reverted_at
    );
    assert!(store.agreements_by_code(&first[..12]).unwrap().is_empty());
    // The second code went void at the second return, for its reason.
    let found = store.voided_by_code(&second[..12]).unwrap();
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].reason, "份数改为四份");
    // The current code is current, not void.
    assert!(store.voided_by_code(&third_hash[..12]).unwrap().is_empty());
    let current = store.agreements_by_code(&third_hash[..12]).unwrap();
    assert_eq!(current.len(), 1);
    assert_eq!(current[0].id, agreement.id);
    // The year lists both void codes, in the order they went void.
    let codes: Vec<String> = (store.voided_codes(2025).unwrap().iter())
        .map(|v| v.code().to_owned())
        .collect();
    assert_eq!(codes, [first[..12].to_owned(), second[..12].to_owned()]);
    assert!(store.voided_codes(2024).unwrap().is_empty());
    // Too short a code is refused, as the search refuses it.
    assert!(store.voided_by_code("5dd2").is_err());
}

#[test]
fn a_text_issued_again_unchanged_has_its_code_again() {
    let mut store = demo_store();
    let agreement = third(&store);
    let code = agreement.content_hash.clone().unwrap()[..12].to_owned();
    store
        .write(|w| w.revert_to_draft(agreement.id, "误退回"))
        .unwrap();
    assert_eq!(store.voided_by_code(&code).unwrap().len(), 1);
    assert!(!store.is_reissued_unchanged(agreement.id).unwrap());
    lifecycle::finalize(&mut store, 2025, &[agreement.id]).unwrap();
    assert!(store.voided_by_code(&code).unwrap().is_empty());
    assert_eq!(store.agreements_by_code(&code).unwrap().len(), 1);
    // Said at 定稿: the old printed copies are valid again.
    assert!(store.is_reissued_unchanged(agreement.id).unwrap());
    let note = zerenshu::workflow::voided::reissued_unchanged_note(&store, &[agreement.id]);
    assert!(
        note.contains(&format!(
            "第 {} 号责任书的正文与退回草稿前完全相同",
            agreement.draft.number
        )),
        "{note}"
    );
    // Issued again with another text, the note is not said.
    let other = store.agreements(2025).unwrap().remove(3);
    assert!(zerenshu::workflow::voided::reissued_unchanged_note(&store, &[other.id]).is_empty());
}

#[test]
fn verify_names_an_old_export_and_a_resaved_copy_of_it_as_void() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let exported = export_unit(dir.path(), &db, "新华街道");
    assert!(exported.ends_with("2025-003-新华街道.pdf"));
    let print = dir.path().join("print.pdf");
    let (code, stdout, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2025",
        "--unit",
        "新华街道",
        "--unit",
        "东城街道",
        "--print",
        print.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{stdout}{err}");
    let (old_code, today) = {
        let mut store = Store::open(std::path::Path::new(&db)).unwrap();
        let agreement = third(&store);
        reissue_changed(&mut store, agreement.id, "控制指标填错");
        let old_code = agreement.content_hash.unwrap()[..12].to_owned();
        let voided = store.voided_by_code(&old_code).unwrap().remove(0);
        (old_code, zerenshu::workflow::voided::reverted_on(&voided))
    };
    assert!(today.ends_with('日'), "{today}");
    // The file as exported: named, with the day and the reason of the return.
    let (code, stdout, _) = zerenshu(&["verify", "--db", &db, exported.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        stdout.contains("已作废")
            && stdout.contains("新华街道办事处")
            && stdout.contains(&format!("于 {today} 退回草稿（理由：控制指标填错）"))
            && stdout.contains(&old_code),
        "{stdout}"
    );
    // A copy not byte for byte the export (saved again by a viewer): still named as void.
    let mut bytes = std::fs::read(&exported).unwrap();
    let last = bytes.len() - 20;
    bytes[last] ^= 0x01;
    let resaved = dir.path().join("resaved.pdf");
    std::fs::write(&resaved, bytes).unwrap();
    let (code, stdout, _) = zerenshu(&["verify", "--db", &db, resaved.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        stdout.contains("2025 年度第 3 号（新华街道办事处）责任书已作废的旧定稿文本")
            && stdout.contains(&format!("于 {today} 退回草稿，理由：控制指标填错"))
            && !stdout.contains("不对应本数据库中的任何现行责任书"),
        "{stdout}"
    );
    // The void code typed off the paper: named, and not "一致" (exit 1) for a script.
    let (code, stdout, _) = zerenshu(&["verify", "--db", &db, &old_code]);
    assert_eq!(code, 1, "{stdout}");
    assert!(stdout.contains("已作废"), "{stdout}");
    // A print file holding it names it among the void texts, beside the current one.
    let (_, stdout, _) = zerenshu(&["verify", "--db", &db, print.to_str().unwrap()]);
    assert!(
        stdout.contains("含：2025 年度第 4 号责任书（东城街道办事处")
            && stdout.contains("含已作废的文本：校验码")
            && stdout.contains("2025 年度第 3 号（新华街道办事处）责任书已作废"),
        "{stdout}"
    );
}

/// Once a year's results are published, its issued agreements stay issued: none goes back to
/// 草稿 under the results that count it.
#[test]
fn an_agreement_of_a_published_year_is_not_sent_back_to_draft() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::support::demo_file(dir.path());
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("UPDATE years SET phase = 'published' WHERE year = 2025", [])
        .unwrap();
    drop(conn);
    let mut store = Store::open(&db).unwrap();
    let agreement = third(&store);
    let refused = store
        .write(|w| w.revert_to_draft(agreement.id, "条款笔误"))
        .unwrap_err()
        .to_string();
    assert!(
        refused.starts_with("2025 年度考核结果已通报，责任书不能再退回草稿"),
        "{refused}"
    );
    assert_eq!(third(&store).status, agreement.status);
}

/// An agreement sent back to 草稿 and exported again into the folder of its issued file: the
/// old file, whose code is void now, is named, so that it is not printed; once it is gone,
/// nothing is said.
#[test]
fn an_export_names_the_void_files_left_beside_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let exported = export_unit(dir.path(), &db, "新华街道");
    {
        let mut store = Store::open(std::path::Path::new(&db)).unwrap();
        let agreement = third(&store);
        store
            .write(|w| w.revert_to_draft(agreement.id, "控制指标填错"))
            .unwrap();
    }
    let folder = exported.parent().unwrap().to_str().unwrap().to_owned();
    let export_unit = |unit: &str| {
        zerenshu(&[
            "export", "--db", &db, "--year", "2025", "--out", &folder, "--unit", unit, "--force",
        ])
    };
    let export = || export_unit("新华街道");
    let (code, stdout, err) = export();
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(
        stdout.contains(
            "文件夹中还有 1 份以前导出的旧文件（2025-003-新华街道.pdf）：该责任书已退回草稿，旧文件上的校验码已作废"
        ),
        "{stdout}"
    );
    // Named too when another unit is exported into the folder.
    let (code, stdout, err) = export_unit("东城街道");
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(
        stdout.contains("文件夹中还有 1 份以前导出的旧文件（2025-003-新华街道.pdf）"),
        "{stdout}"
    );
    // Renamed by the clerk, it is found all the same, by what it holds.
    let renamed = exported.with_file_name("新华旧件.pdf");
    std::fs::rename(&exported, &renamed).unwrap();
    let (code, stdout, err) = export_unit("东城街道");
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(
        stdout.contains("文件夹中还有 1 份以前导出的旧文件（新华旧件.pdf）"),
        "{stdout}"
    );
    std::fs::remove_file(&renamed).unwrap();
    let (code, stdout, err) = export();
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(!stdout.contains("旧文件"), "{stdout}");
}
