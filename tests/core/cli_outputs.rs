//! Outputs that would destroy something are refused before any work: the database or a file
//! SQLite keeps beside it as a notice, spreadsheet, print file or backup; a notice or print
//! file named with the wrong extension; a print file that would replace one of the single PDFs
//! the same command exports. `verify` names a results notice as such. A restore onto a
//! database file that is not there builds it from the backup, and a demo in a missing folder
//! says the folder is missing.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::{demo_db, set_signing_date, zerenshu};

#[test]
fn the_database_and_its_companions_are_never_written_over() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let before = std::fs::read(&db).unwrap();
    let wal = format!("{db}-wal");
    for args in [
        vec!["notice", "--db", &db, "--year", "2024", "--out", &db],
        vec!["notice", "--db", &db, "--year", "2024", "--out", &wal],
        vec!["export", "--db", &db, "--year", "2025", "--print", &db],
        vec!["backup", "--db", &db, "--out", &wal],
    ] {
        let (code, out, err) = zerenshu(&args);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains("这是数据库文件"), "{args:?}: {err}");
    }
    let xlsx = dir.path().join("汇总.xlsx");
    let (code, _, err) = zerenshu(&[
        "notice", "--db", &db, "--year", "2024", "--out", "x.pdf", "--xlsx", &db,
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("这是数据库文件"), "{err}");
    assert!(!xlsx.exists() && !dir.path().join("x.pdf").exists());
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is untouched"
    );
}

#[test]
fn a_notice_needs_pdf_and_xlsx_names() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let txt = dir.path().join("通报.txt");
    let (code, _, err) = zerenshu(&[
        "notice",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        txt.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("考核结果通报的文件名须以 .pdf 结尾"), "{err}");
    let pdf = dir.path().join("通报.PDF");
    let csv = dir.path().join("汇总.csv");
    let (code, _, err) = zerenshu(&[
        "notice",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        pdf.to_str().unwrap(),
        "--xlsx",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    // What is written is named once, after the option.
    assert!(
        err.contains("--xlsx：考核得分汇总表的文件名须以 .xlsx 结尾"),
        "{err}"
    );
    assert!(!txt.exists() && !pdf.exists() && !csv.exists());
}

#[test]
fn a_print_file_never_replaces_a_single_pdf_of_the_same_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let clash = out.join("2025-001-城关街道.pdf");
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2025",
        "--out",
        out.to_str().unwrap(),
        "--print",
        clash.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("打印文件与导出的单份 PDF 同名"), "{err}");
    assert_eq!(
        std::fs::read_dir(&out).unwrap().count(),
        0,
        "nothing written"
    );
}

#[test]
fn a_restore_says_what_there_is_now_and_what_it_undoes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let backup = dir.path().join("备份.sqlite3");
    let backup = backup.to_str().unwrap();
    assert_eq!(zerenshu(&["backup", "--db", &db, "--out", backup]).0, 0);
    let (code, out, err) = set_signing_date(&db, 2025, "2025-03-20");
    assert_eq!(code, 0, "{out}{err}");
    // Run from a script, where nobody can answer: told to say --yes, nothing restored, and
    // the file's bytes as they were (it was only read).
    let before = std::fs::read(&db).unwrap();
    let (code, out, err) = zerenshu(&["restore", "--db", &db, "--from", backup]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("确认要执行请加 --yes"), "{err}");
    assert!(out.contains("没有恢复，数据库没有改动"), "{out}");
    assert!(
        std::fs::read(&db).unwrap() == before,
        "the database's bytes are unchanged"
    );
    let (code, out, err) = zerenshu(&["restore", "--db", &db, "--from", backup, "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("当前：年度：2025、2024、2023"), "{out}");
    assert!(out.contains("项操作将被撤销（最近一项："), "{out}");
    assert!(!out.contains("不是这个数据库的备份"), "{out}");
    assert!(out.contains("已恢复"), "{out}");
}

#[test]
fn a_restore_from_another_database_warns_that_everything_is_replaced() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let other_dir = tempfile::tempdir().unwrap();
    let other = demo_db(other_dir.path());
    let (code, out, err) = zerenshu(&["restore", "--db", &db, "--from", &other, "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains(
            "所选文件不是当前这份数据的备份（可能是另一个数据库的文件，或清空重来之前的数据）；恢复后当前的全部数据都将被它替换"
        ),
        "{out}"
    );
    assert!(out.contains("当前数据库的全部 "), "{out}");
    assert!(out.contains("项操作都将被撤销（最近一项："), "{out}");
}

#[test]
fn a_restore_onto_a_missing_file_builds_it_from_the_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let backup = dir.path().join("备份.sqlite3");
    let backup = backup.to_str().unwrap();
    let (code, out, err) = zerenshu(&["backup", "--db", &db, "--out", backup]);
    assert_eq!(code, 0, "{out}{err}");
    let bytes = std::fs::read(backup).unwrap();
    let new = dir.path().join("新电脑").join("责任书.sqlite3");
    std::fs::create_dir(new.parent().unwrap()).unwrap();
    // In a script, asked for --yes like any restore: a misspelt --db is not "restored".
    let (code, out, _) = zerenshu(&["restore", "--db", new.to_str().unwrap(), "--from", backup]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("没有恢复，数据库文件未建立或改动"), "{out}");
    assert!(!new.exists());
    // An empty file is no database either: refused alike, and left empty.
    std::fs::write(&new, b"").unwrap();
    let (code, out, _) = zerenshu(&["restore", "--db", new.to_str().unwrap(), "--from", backup]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("数据库文件是空的（0 字节）"), "{out}");
    assert_eq!(std::fs::metadata(&new).unwrap().len(), 0);
    let (code, out, err) = zerenshu(&[
        "restore",
        "--db",
        new.to_str().unwrap(),
        "--from",
        backup,
        "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("数据库文件原先是空的（0 字节），已从备份建立"),
        "{out}"
    );
    // The backup is only read: its bytes stay, and nothing is made beside it.
    assert!(
        std::fs::read(backup).unwrap() == bytes,
        "the backup's bytes are unchanged"
    );
    for suffix in [".lock", ".lock.json", "-wal", "-shm"] {
        assert!(
            !std::path::Path::new(&format!("{backup}{suffix}")).exists(),
            "{suffix}"
        );
    }
    assert!(!out.contains("原数据已先备份"), "{out}");
    let (code, out, err) = zerenshu(&["check", "--db", new.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}{err}");
    // Logged, and the data as restored backed up at once, as any restore is.
    let backups = zerenshu::store::backup::list_backups(&new);
    let reasons: Vec<_> = backups.iter().map(|b| b.reason).collect();
    assert_eq!(reasons, [zerenshu::store::BackupReason::AfterRestore]);
    let store = zerenshu::store::Store::open_read_only(&new).unwrap();
    let entries = store.audit_entries(1).unwrap();
    assert_eq!(entries[0].action, "恢复备份", "{entries:?}");
}

#[test]
fn a_demo_in_a_missing_folder_names_the_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("无此文件夹").join("demo.sqlite3");
    let (code, _, err) = zerenshu(&["demo", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("要写入的文件夹不存在"), "{err}");
    assert!(!err.contains("备份"), "{err}");
    // A backup "into" a file is told that it is a file, as the other commands say it.
    let db = demo_db(dir.path());
    let file = dir.path().join("说明.txt");
    std::fs::write(&file, "x").unwrap();
    let out = file.join("备份.sqlite3");
    let (code, _, err) = zerenshu(&["backup", "--db", &db, "--out", out.to_str().unwrap()]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("这是一个文件，不是文件夹"), "{err}");
}

#[test]
fn verify_names_a_results_notice_as_such() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    let pdf = pdf.to_str().unwrap();
    let (code, out, err) = zerenshu(&["notice", "--db", &db, "--year", "2024", "--out", pdf]);
    assert_eq!(code, 0, "{out}{err}");
    // Not checked (exit 3), rather than found altered (exit 1).
    let (code, out, _) = zerenshu(&["verify", "--db", &db, pdf]);
    assert_eq!(code, 3);
    assert!(
        out.contains("这是本程序生成的考核结果通报，不是责任书"),
        "{out}"
    );
    // A picture given by mistake is named as not a PDF at all: unreadable (exit 2), as is a
    // PDF cut off, not taken for an altered copy (exit 1).
    let png = dir.path().join("扫描.png");
    std::fs::write(&png, zerenshu::demo::signed_copy_png()).unwrap();
    // Said on standard error, as a missing file is.
    let (code, out, err) = zerenshu(&["verify", "--db", &db, png.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("错误：这不是 PDF 文件"), "{out}{err}");
    let bytes = std::fs::read(pdf).unwrap();
    let cut = dir.path().join("半个.pdf");
    std::fs::write(&cut, &bytes[..500]).unwrap();
    let (code, out, err) = zerenshu(&["verify", "--db", &db, cut.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("错误：文件不完整"), "{out}{err}");
    // An empty file (a download that failed) is said to be empty.
    let empty = dir.path().join("空.pdf");
    std::fs::write(&empty, b"").unwrap();
    let (code, out, err) = zerenshu(&["verify", "--db", &db, empty.to_str().unwrap()]);
    assert_eq!(code, 2);
    assert!(err.contains("错误：文件是空的（0 字节）"), "{out}{err}");
}

#[test]
fn a_reader_that_closes_both_pipes_ends_the_command_without_a_panic() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let missing = dir.path().join("没有这个文件.sqlite3");
    for args in [
        vec!["list", "--db", db.as_str(), "--year", "2025"],
        vec!["list", "--db", missing.to_str().unwrap(), "--year", "2025"],
    ] {
        let mut child = crate::support::zerenshu_command()
            .args(&args)
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        // Both ends closed before the command writes a line, as `2>&1 | head -0` does.
        drop(child.stdout.take());
        drop(child.stderr.take());
        let code = child.wait().unwrap().code();
        assert!(matches!(code, Some(0 | 2)), "{args:?}: {code:?}");
    }
}

/// `notice --xlsx` without `--out`: the score summary alone, an interim one while the year is
/// being scored, as the window exports it.
#[test]
fn notice_with_xlsx_alone_writes_an_interim_summary() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::support::demo_db(dir.path());
    let xlsx = dir.path().join("汇总.xlsx");
    // 2025's summary written to `xlsx`, with `more` arguments.
    let summary = |xlsx: &str, more: &[&str]| {
        let mut args = vec!["notice", "--db", &db, "--year", "2025", "--xlsx", xlsx];
        args.extend_from_slice(more);
        crate::support::zerenshu(&args)
    };
    let (code, out, err) = summary(xlsx.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("已写入考核得分汇总表（尚有 45 个单位未评完"),
        "{out}"
    );
    assert!(xlsx.exists());
    let (code, _, err) = summary("x.xlsx", &["--date", "2025-03-01"]);
    assert_eq!(code, 2);
    assert!(err.contains("只导出得分汇总表时不用写"), "{err}");
}

/// A manual backup of data unchanged since the last one is not copied again (a burst of them
/// would push older, different backups out of the folder); once the data changes, it is.
#[test]
fn a_manual_backup_of_unchanged_data_is_not_copied_again() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let backups = || {
        let folder = zerenshu::store::backup::backup_folder(std::path::Path::new(&db));
        (std::fs::read_dir(folder).unwrap())
            .filter_map(Result::ok)
            .filter(|e| e.file_name().to_string_lossy().contains("手动备份"))
            .count()
    };
    let (code, out, err) = zerenshu(&["backup", "--db", &db]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("已备份到："), "{out}");
    let (code, out, err) = zerenshu(&["backup", "--db", &db]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("数据自上次手动备份（"), "{out}");
    assert!(out.contains("以来没有变化，没有重复备份"), "{out}");
    assert_eq!(backups(), 1);
    let (code, out, err) = set_signing_date(&db, 2025, "2025-03-20");
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = zerenshu(&["backup", "--db", &db]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.starts_with("已备份到："), "{out}");
    assert_eq!(backups(), 2);
}

/// Restoring the copy kept before an earlier restore brings back what that restore undid:
/// said before asking, as what it undoes is.
#[test]
fn a_restore_says_what_it_brings_back() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let backup = dir.path().join("备份.sqlite3");
    let backup = backup.to_str().unwrap();
    assert_eq!(zerenshu(&["backup", "--db", &db, "--out", backup]).0, 0);
    let (code, out, err) = set_signing_date(&db, 2025, "2025-03-20");
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = zerenshu(&["restore", "--db", &db, "--from", backup, "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("恢复后将重新生效"), "{out}");
    let safety = (out.lines())
        .find_map(|line| line.strip_prefix("原数据已先备份到："))
        .unwrap()
        .to_owned();
    let (code, out, err) = zerenshu(&["restore", "--db", &db, "--from", &safety]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(
        out.contains("备份中另有 1 项当前数据没有的操作") && out.contains("修改年度设置"),
        "{out}"
    );
}

/// A new database that cannot be made where asked (a name too long for the file system) is
/// said to be made elsewhere, not to have its read-only flag taken off. (300 bytes pass
/// Linux's 255-byte limit; on NTFS the same name would fit.)
#[cfg(target_os = "linux")]
#[test]
fn a_new_database_that_cannot_be_made_says_to_choose_another_place() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join(format!("{}.sqlite3", "长".repeat(100)));
    let (code, out, err) = zerenshu(&["demo", "--db", db.to_str().unwrap()]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains("新的数据库文件不能建在这里"), "{err}");
    assert!(!err.contains("取消只读属性"), "{err}");
}
