//! The command line's failures told in Chinese: a database another program holds, a folder
//! where a file was expected, no display for the window, a year not on file (with the years
//! that are, and for a later one the rollover to the next year that begins the way to it), and
//! a damaged file without backups of its own (the damaged file and the backups folder named by
//! full path). A restore from paths typed relative is logged with full paths.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::{zerenshu, zerenshu_command, zerenshu_in};

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
    let output = zerenshu_command()
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

/// `check` on a damaged file counts the problems it lists and names the backup to restore, as
/// the window's damaged-file screen offers it.
#[test]
fn check_on_a_damaged_file_counts_what_it_lists_and_names_the_newest_good_backup() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("damaged.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    let backup = zerenshu::store::Store::open(&db)
        .unwrap()
        .auto_backup(zerenshu::store::BackupReason::Manual)
        .unwrap()
        .unwrap();
    // The second page's header damaged: SQLite lists several problems in one finding
    // ("Page 2: free space corruption", "Page … is never used" …).
    let mut bytes = std::fs::read(&db).unwrap();
    let page_size = usize::from(u16::from_be_bytes([bytes[16], bytes[17]]));
    let mut damage = vec![0x0D, 0, 0, 0, 0, 0, 0, 0];
    damage.extend([0xFF; 16]);
    bytes[page_size..page_size + damage.len()].copy_from_slice(&damage);
    std::fs::write(&db, bytes).unwrap();
    let (code, out, err) = zerenshu(&["check", "--db", db_text]);
    assert_eq!(
        code, 1,
        "damage is a problem found, as the rest's findings: {out}{err}"
    );
    let all = format!("{out}{err}");
    assert!(all.contains("结论：发现问题——数据库文件已损坏"), "{all}");
    // The pointer to the details is said within the message's brackets, not in its own.
    assert!(all.contains("处内部结构问题，见技术细节）"), "{all}");
    assert!(!all.contains("））"), "{all}");
    let name = backup.file_name().unwrap().to_str().unwrap();
    assert!(all.contains("最新的完好备份（"), "{all}");
    assert!(all.contains(name), "{all}");
    // The number said is the number of problems listed under 技术细节.
    let (_, said) = all.split_once("发现 ").expect(&all);
    let (said, _) = said.split_once(" 处内部结构问题").expect(&all);
    let (_, technical) = all.split_once("技术细节（供技术人员查看）：").expect(&all);
    let (technical, _) = technical.split_once("最新的完好备份").expect(&all);
    let listed = technical
        .split(['；', '\n'])
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with("*** in database"))
        .count();
    assert_eq!(said.parse::<usize>().unwrap(), listed, "{all}");
}

#[test]
fn a_year_not_on_file_is_said_with_the_years_that_are() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_arg]).0, 0);
    for args in [
        ["list", "--year", "2099"],
        ["year", "--year", "2099"],
        ["draft", "--year", "2099"],
    ] {
        let mut all = args.to_vec();
        all.extend(["--db", db_arg]);
        let (code, out, err) = zerenshu(&all);
        assert_eq!(code, 2, "{out}{err}");
        assert!(
            err.contains("找不到 2099 年度（现有：2023、2024、2025）"),
            "{args:?}: {err}"
        );
    }
    // `year` of the year after the newest points to the rollover that makes it.
    let (_, _, err) = zerenshu(&["year", "--year", "2026", "--db", db_arg]);
    assert!(err.contains("新的年度请先结转"), "{err}");
    assert!(err.contains("逐年结转"), "{err}");
    assert!(
        err.ends_with(&format!(
            "：zerenshu rollover --db \"{db_arg}\" --from 2025 --to 2026\n"
        )),
        "{err}"
    );
}

#[test]
fn a_year_further_ahead_is_reached_one_rollover_at_a_time() {
    let dir = tempfile::tempdir().unwrap();
    let db = crate::support::demo_db(dir.path());
    let (code, out, err) = zerenshu(&["year", "--year", "2030", "--db", &db]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("找不到 2030 年度"), "{err}");
    assert!(err.contains("年度只能逐年结转，每次增加一个年度"), "{err}");
    // From the newest year on file, as many times as it takes (not "from 2026").
    assert!(
        err.contains("要有 2030 年度，须从 2025 年度起逐年结转 5 次，第一步："),
        "{err}"
    );
    // The command named is one a rollover accepts: to the year after the newest.
    assert!(
        err.ends_with(&format!(
            "：zerenshu rollover --db \"{db}\" --from 2025 --to 2026\n"
        )),
        "{err}"
    );
    assert!(!err.contains("--to 2030"), "{err}");
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_damaged_file_without_backups_names_itself_and_the_folder_looked_in() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("damaged.sqlite3");
    assert_eq!(zerenshu(&["demo", "--db", db.to_str().unwrap()]).0, 0);
    crate::safety_opening::break_a_check_constraint(&db);
    let backups = dir.path().join("backups");
    let _ = std::fs::remove_dir_all(&backups);
    // Typed relative to the folder the command runs in.
    let (code, out, err) = zerenshu_in(
        dir.path(),
        &["list", "--year", "2025", "--db", "damaged.sqlite3"],
    );
    assert_eq!(code, 2, "{out}{err}");
    assert!(
        err.contains("请从备份恢复（损坏的文件：damaged.sqlite3）"),
        "{err}"
    );
    assert!(
        err.contains(&format!("没有找到备份文件夹：{}", backups.display())),
        "{err}"
    );
    assert!(!err.contains("：backups"), "{err}");
    std::fs::create_dir(&backups).unwrap();
    let (_, _, err) = zerenshu_in(
        dir.path(),
        &["list", "--year", "2025", "--db", "damaged.sqlite3"],
    );
    let none_of_this_one = format!(
        "备份文件夹中没有这个数据库（damaged.sqlite3）的完好备份：{}",
        backups.display()
    );
    assert!(err.contains(&none_of_this_one), "{err}");
    // Good backups of another database in the same folder are not this one's: the message
    // names the file it has none of.
    let other = dir.path().join("other.sqlite3");
    let other = other.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", other]).0, 0);
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", other, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        crate::support::file_names(&backups)
            .iter()
            .any(|name| name.starts_with("other-")),
        "a good backup of the other database"
    );
    let (code, out, err) = zerenshu_in(dir.path(), &["check", "--db", "damaged.sqlite3"]);
    assert_ne!(code, 0, "{out}{err}");
    let said = format!("{out}{err}");
    assert!(said.contains(&none_of_this_one), "{said}");
    assert!(!said.contains("没有完好的备份"), "{said}");
}

#[test]
fn a_restore_typed_with_relative_paths_is_logged_with_full_ones() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("z.sqlite3");
    assert_eq!(zerenshu(&["demo", "--db", db.to_str().unwrap()]).0, 0);
    let (code, out, err) = zerenshu_in(
        dir.path(),
        &["backup", "--db", "z.sqlite3", "--out", "b1.sqlite3"],
    );
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = zerenshu_in(
        dir.path(),
        &[
            "restore",
            "--db",
            "z.sqlite3",
            "--from",
            "b1.sqlite3",
            "--yes",
        ],
    );
    assert_eq!(code, 0, "{out}{err}");
    let store = zerenshu::store::Store::open(&db).unwrap();
    let entry = store.audit_entries(1).unwrap().remove(0);
    assert_eq!(entry.action, "恢复备份");
    let after: serde_json::Value =
        serde_json::from_str(entry.after_json.as_deref().unwrap()).unwrap();
    let backup = after["backup"].as_str().unwrap();
    assert_eq!(
        std::path::Path::new(backup),
        dir.path().join("b1.sqlite3"),
        "{after}"
    );
    let replaced = std::path::Path::new(after["replaced"].as_str().unwrap());
    assert!(replaced.is_absolute(), "{after}");
    assert!(replaced.starts_with(dir.path().join("backups")), "{after}");
}

/// Every command's help ends with an example to copy, and the top help with the year's work
/// in order.
#[test]
fn every_help_shows_an_example() {
    let (code, out, _) = zerenshu(&["--help"]);
    assert_eq!(code, 0);
    assert!(out.contains("示例（一年的工作顺序）："), "{out}");
    for command in [
        &["demo"][..],
        &["check"],
        &["draft"],
        &["list"],
        &["units"],
        &["rollover"],
        &["export"],
        &["verify"],
        &["forms"],
        &["notice"],
        &["backup"],
        &["restore"],
        &["year"],
        &["score"],
        &["scan"],
        &["import"],
        &["import", "units"],
        &["import", "scores"],
    ] {
        let mut args = command.to_vec();
        args.push("--help");
        let (code, out, _) = zerenshu(&args);
        assert_eq!(code, 0, "{command:?}");
        assert!(
            out.contains(&format!("示例：zerenshu {}", command.join(" "))),
            "{command:?}: {out}"
        );
    }
}

/// --db given before the command and again after it is refused, as twice after it is: the
/// last would otherwise be taken in silence.
#[test]
fn a_database_given_twice_is_refused() {
    for args in [
        vec![
            "--db",
            "a.sqlite3",
            "list",
            "--db",
            "b.sqlite3",
            "--year",
            "2025",
        ],
        vec![
            "--db=a.sqlite3",
            "list",
            "--year",
            "2025",
            "--db",
            "b.sqlite3",
        ],
    ] {
        let (code, _, stderr) = zerenshu(&args);
        assert_eq!(code, 2, "{stderr}");
        assert!(stderr.contains("参数 --db <路径> 只能给一次"), "{stderr}");
    }
}
