//! The command line's failures told in Chinese: a database another program holds, a folder
//! where a file was expected, and no display for the window.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

use super::cli::zerenshu;

#[test]
fn a_database_another_program_locks_is_said_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_arg]).0, 0);
    // As `sqlite3` does with BEGIN EXCLUSIVE: another program, not a zerenshu window.
    let other = rusqlite::Connection::open(&db).unwrap();
    other.execute_batch("BEGIN EXCLUSIVE").unwrap();
    let (code, out, err) = zerenshu(&[
        "year",
        "--db",
        db_arg,
        "--year",
        "2025",
        "--party-a",
        "示例市安全生产委员会办公室",
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("数据库正被其他程序占用"), "{err}");
    assert!(err.contains("请稍后重试"), "{err}");
    assert!(!err.contains("database is locked"), "{err}");
    other.execute_batch("ROLLBACK").unwrap();
}

#[test]
fn a_folder_named_like_a_spreadsheet_is_said_to_be_a_folder() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_arg]).0, 0);
    for name in ["单位.csv", "单位.xlsx"] {
        let folder = dir.path().join(name);
        std::fs::create_dir(&folder).unwrap();
        let (code, out, err) =
            zerenshu(&["import", "units", "--db", db_arg, folder.to_str().unwrap()]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains("这是一个文件夹，不是文件"), "{name}: {err}");
        assert!(!err.contains("os error"), "{name}: {err}");
    }
}

#[test]
fn reasons_of_system_errors_are_chinese() {
    use std::io::{Error, ErrorKind};
    use zerenshu::io::files::reason;
    for kind in [
        ErrorKind::IsADirectory,
        ErrorKind::NotADirectory,
        ErrorKind::PermissionDenied,
        ErrorKind::NotFound,
        ErrorKind::StorageFull,
    ] {
        let said = reason(&Error::from(kind));
        assert!(!said.is_ascii(), "{kind:?}: {said}");
    }
    assert_eq!(
        reason(&Error::from_raw_os_error(21)),
        "这是一个文件夹，不是文件",
        "EISDIR as the system gives it"
    );
}

#[cfg(target_os = "linux")]
#[test]
fn the_window_without_a_display_says_so_in_chinese() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("zerenshu.sqlite3");
    let output = Command::new(env!("CARGO_BIN_EXE_zerenshu"))
        .args(["--db", db.to_str().unwrap()])
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .env_remove("WAYLAND_SOCKET")
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{err}");
    let mut lines = err
        .lines()
        .filter(|line| line.starts_with("错误：") || line.starts_with("技术细节"));
    let first = lines.next().unwrap();
    assert!(first.contains("没有可用的图形显示"), "{err}");
    assert!(
        first.contains("DISPLAY") && first.contains("不需要窗口"),
        "{err}"
    );
    assert!(
        lines.next().is_some_and(|l| l.starts_with("技术细节")),
        "{err}"
    );
    assert!(
        !err.contains(".cargo") && !err.contains("registry"),
        "{err}"
    );
    assert!(!db.exists(), "nothing is created");
}
