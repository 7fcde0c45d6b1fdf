//! The command line, run as a clerk or a script would run it.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

fn zerenshu(args: &[&str]) -> (i32, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_zerenshu"))
        .args(args)
        .output()
        .unwrap();
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn demo_then_check_reports_a_sound_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db = db.to_str().unwrap();
    let (code, out, err) = zerenshu(&["demo", "--db", db]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = zerenshu(&["check", "--db", db]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("结论：数据库正常"), "{out}");
    assert!(out.contains("2 个年度，45 个单位，90 份责任书"), "{out}");
    let leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    assert_eq!(
        leftovers,
        ["demo.sqlite3"],
        "no temporary files are left behind"
    );
}

#[test]
fn demo_refuses_to_overwrite_without_force() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("keep.sqlite3");
    std::fs::write(&db, b"precious").unwrap();
    let (code, _, err) = zerenshu(&["demo", "--db", db.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("--force"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), b"precious");
    let (code, _, err) = zerenshu(&["demo", "--force", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, _) = zerenshu(&["check", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}

#[test]
fn check_on_a_png_exits_non_zero_and_leaves_it_unchanged() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("photo.sqlite3");
    let mut png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    png.extend(std::iter::repeat_n(0x42_u8, 2048));
    std::fs::write(&db, &png).unwrap();
    let (code, _, err) = zerenshu(&["check", "--db", db.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("这不是 zerenshu 数据库"), "{err}");
    assert_eq!(std::fs::read(&db).unwrap(), png);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn check_reports_a_missing_file_without_creating_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("missing.sqlite3");
    let (code, _, err) = zerenshu(&["check", "--db", db.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("文件不存在"), "{err}");
    assert!(!db.exists());
}
