//! Where the commands write and which database they open, checked before any work: a refused
//! destination leaves nothing behind, a folder is told from a file, and a year that does not
//! exist or has nothing to give fails.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::{demo_db, file_names, zerenshu};

#[test]
fn notice_checks_both_destinations_before_writing_either() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let pdf = out.join("通报.pdf");
    let xlsx = dir.path().join("无此文件夹").join("汇总.xlsx");
    let (code, _, err) = zerenshu(&[
        "notice",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        pdf.to_str().unwrap(),
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("--xlsx") && err.contains("文件夹不存在"),
        "{err}"
    );
    assert!(
        file_names(&out).is_empty(),
        "no PDF is left: {:?}",
        file_names(&out)
    );
    // The PDF's own destination a folder: refused before the spreadsheet is built.
    let good_xlsx = out.join("汇总.xlsx");
    let (code, _, err) = zerenshu(&[
        "notice",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        out.to_str().unwrap(),
        "--xlsx",
        good_xlsx.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("这是一个文件夹，不是文件"), "{err}");
    assert!(file_names(&out).is_empty(), "{:?}", file_names(&out));
}

#[test]
fn export_names_a_file_given_as_the_folder_and_refuses_a_print_file_not_named_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let file = dir.path().join("已有.pdf");
    std::fs::write(&file, b"keep").unwrap();
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        file.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("这是一个文件，不是文件夹"), "{err}");
    assert!(!err.contains("不存在"), "{err}");
    assert_eq!(std::fs::read(&file).unwrap(), b"keep");
    for name in ["ptxt.txt", "打印", "打印.PDF.bak"] {
        let print = dir.path().join(name);
        let (code, _, err) = zerenshu(&[
            "export",
            "--db",
            &db,
            "--year",
            "2024",
            "--print",
            print.to_str().unwrap(),
        ]);
        assert_eq!(code, 2, "{name}");
        assert!(err.contains("须以 .pdf 结尾"), "{name}: {err}");
        assert!(!print.exists(), "{name}");
    }
}

/// A print file that cannot be replaced (read-only, or open in a viewer) is found before
/// the single PDFs are written, not after: nothing is exported.
#[test]
fn export_refuses_a_print_file_it_cannot_replace_before_writing_anything() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let print = dir.path().join("签字本.pdf");
    std::fs::write(&print, b"keep").unwrap();
    let mut read_only = std::fs::metadata(&print).unwrap().permissions();
    read_only.set_readonly(true);
    std::fs::set_permissions(&print, read_only).unwrap();
    let out = dir.path().join("导出");
    std::fs::create_dir(&out).unwrap();
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2025",
        "--out",
        out.to_str().unwrap(),
        "--print",
        print.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("已有的文件设为只读，不覆盖"), "{err}");
    assert!(file_names(&out).is_empty());
    assert_eq!(std::fs::read(&print).unwrap(), b"keep");
}

/// A restore onto a read-only database is refused at once, before the backup's contents and
/// the question: not after the clerk confirmed.
#[test]
fn a_restore_onto_a_read_only_database_is_refused_before_the_preview() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let copy = dir.path().join("备份.sqlite3");
    let (code, _, err) = zerenshu(&["backup", "--db", &db, "--out", copy.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let mut read_only = std::fs::metadata(&db).unwrap().permissions();
    read_only.set_readonly(true);
    std::fs::set_permissions(&db, read_only).unwrap();
    let before = std::fs::read(&db).unwrap();
    let (code, out, err) = zerenshu(&[
        "restore",
        "--db",
        &db,
        "--from",
        copy.to_str().unwrap(),
        "--yes",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("不能恢复到这里"), "{err}");
    assert!(out.is_empty(), "no preview: {out}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

#[test]
fn a_folder_given_as_the_database_is_refused_before_anything_is_made() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("资料");
    std::fs::create_dir(&folder).unwrap();
    let folder_arg = folder.to_str().unwrap();
    for args in [
        vec!["demo", "--db", folder_arg],
        vec!["demo", "--force", "--db", folder_arg],
        vec!["check", "--db", folder_arg],
        vec!["list", "--db", folder_arg, "--year", "2024"],
        vec!["draft", "--db", folder_arg, "--year", "2024"],
    ] {
        let (code, _, err) = zerenshu(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(
            err.contains("这是一个文件夹，不是数据库文件"),
            "{args:?}: {err}"
        );
    }
    assert_eq!(
        file_names(dir.path()),
        ["资料"],
        "no lock or temporary file"
    );
    assert!(file_names(&folder).is_empty());
}

#[test]
fn a_missing_database_is_said_missing_and_nothing_is_created() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("无此文件夹").join("zerenshu.sqlite3");
    let missing_arg = missing.to_str().unwrap();
    for args in [
        vec!["check", "--db", missing_arg],
        vec!["list", "--db", missing_arg, "--year", "2024"],
        vec!["forms", "--db", missing_arg, "--year", "2024", "--out", "."],
    ] {
        let (code, _, err) = zerenshu(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("数据库文件不存在"), "{args:?}: {err}");
        assert!(!err.contains("为空"), "{args:?}: {err}");
    }
    assert!(file_names(dir.path()).is_empty());
}

#[test]
fn forms_refuses_a_missing_folder_and_a_year_with_nothing_to_give() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let missing = dir.path().join("自评表");
    let missing_arg = missing.to_str().unwrap();
    let (code, _, err) = zerenshu(&["forms", "--db", &db, "--year", "2024", "--out", missing_arg]);
    assert_eq!(code, 2);
    assert!(
        err.contains("导出文件夹不存在") && err.contains("请先建立这个文件夹"),
        "the words of export: {err}"
    );
    assert!(!missing.exists(), "the folder is not made");
    std::fs::create_dir(&missing).unwrap();
    let (code, out, err) =
        zerenshu(&["forms", "--db", &db, "--year", "2030", "--out", missing_arg]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("找不到 2030 年度"), "{err}");
    assert_eq!(err.matches("找不到").count(), 1, "said once: {err}");
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) =
        zerenshu(&["forms", "--db", &db, "--year", "2026", "--out", missing_arg]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains("2026 年度还没有责任书"), "{err}");
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2026",
        "--out",
        missing_arg,
    ]);
    assert_ne!(
        code, 0,
        "export does the same for a year without agreements: {err}"
    );
    assert!(file_names(&missing).is_empty());
}

#[test]
fn forms_run_twice_says_which_were_numbered_beside_the_old_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let forms = dir.path().join("自评表");
    std::fs::create_dir(&forms).unwrap();
    let forms_arg = forms.to_str().unwrap();
    let (code, out, err) = zerenshu(&["forms", "--db", &db, "--year", "2024", "--out", forms_arg]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已生成 45 份"), "{out}");
    assert!(!out.contains("加了编号"), "{out}");
    let (code, out, err) = zerenshu(&["forms", "--db", &db, "--year", "2024", "--out", forms_arg]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已生成 45 份"), "{out}");
    assert!(out.contains("其中 45 份因文件夹中已有同名文件"), "{out}");
    assert!(
        out.contains("-自评表.xlsx → 2024-001-") && out.contains("自评表（2）.xlsx"),
        "{out}"
    );
    assert!(
        out.contains("另有 40 份"),
        "the first five are listed: {out}"
    );
    assert_eq!(file_names(&forms).len(), 90);
}

#[test]
fn demo_into_a_read_only_folder_names_the_file_asked_for() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("只读");
    std::fs::create_dir(&folder).unwrap();
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o555)).unwrap();
    let db = folder.join("x.sqlite3");
    let (code, _, err) = crate::support::zerenshu(&["demo", "--db", db.to_str().unwrap()]);
    std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(0o755)).unwrap();
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(&db.display().to_string()), "{err}");
    assert!(
        !err.contains(".x.sqlite3."),
        "not the temporary name: {err}"
    );
    assert!(!db.exists());
}

#[test]
fn a_restore_into_a_folder_that_is_not_there_says_so_once() {
    let dir = tempfile::tempdir().unwrap();
    let backup = demo_db(dir.path());
    let db = dir.path().join("没有的文件夹").join("z.sqlite3");
    let (code, out, err) = zerenshu(&[
        "restore",
        "--db",
        db.to_str().unwrap(),
        "--from",
        &backup,
        "--yes",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("数据库文件所在的文件夹不存在，没有恢复"),
        "{err}"
    );
    assert!(out.is_empty(), "nothing said before the refusal: {out}");
    assert!(!db.parent().unwrap().exists());
}

/// One unit's lost form is written again alone, as `export --unit` writes one PDF.
#[test]
fn forms_for_named_units_writes_only_theirs() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let out = dir.path().join("自评表");
    std::fs::create_dir(&out).unwrap();
    let out_arg = out.to_str().unwrap();
    let (code, said, err) = zerenshu(&[
        "forms",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        out_arg,
        "--unit",
        "城关街道",
    ]);
    assert_eq!(code, 0, "{said}{err}");
    let names = file_names(&out);
    assert_eq!(names.len(), 1, "{names:?}");
    assert!(
        names[0].contains("城关街道") && names[0].ends_with("自评表.xlsx"),
        "{names:?}"
    );
    assert!(said.contains("已生成 1 份 2024 年度自评表"), "{said}");
    let (code, _, err) = zerenshu(&[
        "forms",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        out_arg,
        "--unit",
        "无此单位",
        "--unit",
        "城关街道",
        "--unit",
        "也无此单位",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("找不到单位“无此单位”"), "{err}");
    assert!(err.contains("找不到单位“也无此单位”"), "{err}");
    assert_eq!(file_names(&out).len(), 1);
}

/// A backup named as a document (备份.pdf) is refused before anything is written: it would be
/// opened, sent or deleted as one.
#[test]
fn a_backup_named_as_a_document_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("备份.pdf");
    let (code, out, err) = zerenshu(&["backup", "--db", &db, "--out", pdf.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("备份文件名以 .pdf 结尾"), "{err}");
    assert!(err.contains("备份.sqlite3"), "{err}");
    assert!(!pdf.exists());
    // A name already ending in .sqlite3 before the document's ending is offered without it.
    let doubled = dir.path().join("备份.sqlite3.pdf");
    let (code, _, err) = zerenshu(&["backup", "--db", &db, "--out", doubled.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(!err.contains(".sqlite3.sqlite3"), "{err}");
    // Another ending is taken, with a note that the window does not list it.
    let bak = dir.path().join("备份.bak");
    let (code, out, err) = zerenshu(&["backup", "--db", &db, "--out", bak.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("不以 .sqlite3（或 .db）结尾"), "{err}");
}
