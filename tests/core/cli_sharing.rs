//! Commands beside another holder of the database and on files they must not change: a command
//! waiting for another, a second process told who holds the file, reading commands read-only,
//! a broken record or an altered scan stopping writes, a read-only folder, an empty file left
//! empty, an operator name per login and computer.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::{zerenshu, zerenshu_command};

/// A command holding the database ends by itself: another command waits for it (said once),
/// then does its work; a window holding it is not waited for.
#[test]
fn a_command_waits_for_another_command_holding_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("held.sqlite3");
    let db_text = db.to_str().unwrap();
    let (code, out, err) = zerenshu(&["demo", "--db", db_text]);
    assert_eq!(code, 0, "{out}{err}");
    let holder = zerenshu::store::Store::open(&db).unwrap();
    // The note a `draft` run writes (this test process runs no command).
    let note = dir.path().join("held.sqlite3.lock.json");
    let mut held: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&note).unwrap()).unwrap();
    held["command"] = "draft".into();
    std::fs::write(&note, serde_json::to_vec(&held).unwrap()).unwrap();
    let release = std::thread::spawn(move || {
        std::thread::sleep(std::time::Duration::from_millis(1500));
        drop(holder);
    });
    let score = [
        "score",
        "--db",
        db_text,
        "--year",
        "2025",
        "--unit",
        "城关街道",
        "--indicator",
        "组织领导",
        "--assessed",
        "5",
    ];
    let (code, out, err) = zerenshu(&score);
    release.join().unwrap();
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("起运行命令 zerenshu draft）正在使用此数据库，等它运行完毕（最多 60 秒）"),
        "{err}"
    );
    // A window is not waited for: refused at once, told to wait for it to close.
    let _window = zerenshu::store::Store::open(&db).unwrap();
    let (code, _, err) = zerenshu(&score);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains(" 打开）正在使用此数据库"), "{err}");
    assert!(err.contains("请等那边关闭程序后再试"), "{err}");
    // Only looking at the cell is no change: read while the window holds the database.
    let looking = &score[..score.len() - 2];
    let (code, out, err) = zerenshu(looking);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("已以只读方式打开"), "{err}");
    assert!(out.contains("组织领导"), "{out}");
}

#[test]
fn a_second_process_is_told_who_holds_the_database_and_a_backup_still_works() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("held.sqlite3");
    let db_text = db.to_str().unwrap();
    let (code, out, err) = zerenshu(&["demo", "--db", db_text]);
    assert_eq!(code, 0, "{out}{err}");
    let mut holder = zerenshu::store::Store::open(&db).unwrap();
    holder.set_operator("柏闻溪").unwrap();
    drop(holder);
    let holder = zerenshu::store::Store::open(&db).unwrap();

    let (code, _, err) = zerenshu(&[
        "rollover", "--db", db_text, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_ne!(code, 0, "a second writer is refused");
    assert!(
        err.contains("柏闻溪") && err.contains("同一时间只能有一处修改"),
        "{err}"
    );
    assert!(holder.year(2026).unwrap().is_none(), "nothing was written");
    // An export is refused too, and says why it needs to write and what to do.
    let out_dir = dir.path().join("pdfs");
    std::fs::create_dir(&out_dir).unwrap();
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        db_text,
        "--year",
        "2025",
        "--out",
        out_dir.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(
        err.contains("校验信息登记到数据库") && err.contains("在已打开的程序窗口中导出"),
        "{err}"
    );
    // Who holds it said once, the advice once.
    assert_eq!(err.matches("正在使用此数据库").count(), 1, "{err}");
    assert_eq!(err.matches("再试").count(), 0, "{err}");

    let copy = dir.path().join("copy.sqlite3");
    let (code, out, err) = zerenshu(&["backup", "--db", db_text, "--out", copy.to_str().unwrap()]);
    assert_eq!(
        code, 0,
        "an online backup works while the database is held: {err}"
    );
    assert!(out.contains("单位 45 个"), "{out}");
    assert!(!err.contains("不以 .sqlite3"), "{err}");
    // A name the window's restore chooser would not list is written, and said.
    let text = dir.path().join("copy.bak");
    let (code, _, err) = zerenshu(&["backup", "--db", db_text, "--out", text.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("备份文件名不以 .sqlite3（或 .db）结尾"),
        "{err}"
    );
    // Without --out, into the backups folder beside the database, as 立即备份 does.
    let (code, out, err) = zerenshu(&["backup", "--db", db_text]);
    assert_eq!(code, 0, "{err}");
    let backups = zerenshu::store::backup::list_backups(std::path::Path::new(db_text));
    let manual = backups
        .iter()
        .find(|b| b.reason == zerenshu::store::BackupReason::Manual)
        .unwrap();
    assert!(out.contains(&manual.path.display().to_string()), "{out}");
    drop(holder);
    let (code, _, err) = zerenshu(&[
        "rollover", "--db", db_text, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "once released, the next process writes: {err}");
}

fn sha(path: &std::path::Path) -> Vec<u8> {
    use sha2::Digest as _;
    sha2::Sha256::digest(std::fs::read(path).unwrap()).to_vec()
}

#[test]
fn commands_that_only_read_work_read_only_while_another_process_holds_the_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("held.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        db_text,
        "--year",
        "2025",
        "--out",
        out.to_str().unwrap(),
        "--unit",
        "城关街道",
    ]);
    assert_eq!(code, 0, "{err}");
    let exported = std::fs::read_dir(&out)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path();
    let notice = dir.path().join("通报.pdf");
    let notice_text = notice.to_str().unwrap();
    // 2024 is published and its notice not yet issued: the first notice is the issued one,
    // whose date a read-only store cannot keep, so it waits until the store can be written.
    let holder = zerenshu::store::Store::open(&db).unwrap();
    let first_notice = [
        "notice",
        "--db",
        db_text,
        "--year",
        "2024",
        "--out",
        notice_text,
    ];
    for date in [&[][..], &["--date", "2025-03-20"]] {
        let (code, stdout, err) = zerenshu(&[&first_notice[..], date].concat());
        assert_eq!(code, 2, "{date:?}: {stdout}{err}");
        assert!(
            err.contains("记不下来") && err.contains("两份日期不同的通报"),
            "{err}"
        );
        assert!(!notice.exists());
    }
    drop(holder);
    let (code, stdout, err) = zerenshu(&first_notice);
    assert_eq!(code, 0, "{stdout}{err}");
    std::fs::remove_file(&notice).unwrap();
    let holder = zerenshu::store::Store::open(&db).unwrap();

    let forms = dir.path().join("forms");
    std::fs::create_dir(&forms).unwrap();
    let copy = dir.path().join("copy.sqlite3");
    for args in [
        vec!["list", "--year", "2025"],
        vec!["verify", exported.to_str().unwrap()],
        vec!["forms", "--year", "2025", "--out", forms.to_str().unwrap()],
        vec![
            "notice",
            "--year",
            "2024",
            "--out",
            notice.to_str().unwrap(),
        ],
        vec!["backup", "--out", copy.to_str().unwrap()],
    ] {
        let mut all = args.clone();
        all.extend(["--db", db_text]);
        let (code, stdout, err) = zerenshu(&all);
        assert_eq!(code, 0, "{args:?} while held: {stdout}{err}");
        assert!(err.contains("只读方式打开"), "{args:?}: {err}");
        // An export it cannot record is said to be unrecorded: no reminder will come for it.
        if args[0] == "notice" {
            assert!(
                err.contains("这次导出的考核结果通报没有记入操作记录；此后修改评分时，“通报与统计”不会为它提醒重新导出"),
                "{err}"
            );
        }
    }
    let (code, stdout, err) = zerenshu(&["check", "--db", db_text]);
    assert_eq!(code, 0, "check while held: {stdout}{err}");
    assert!(notice.exists() && copy.exists());
    assert!(std::fs::read_dir(&forms).unwrap().count() > 0);
    let (code, _, err) = zerenshu(&["draft", "--db", db_text, "--year", "2025"]);
    assert_ne!(code, 0, "a writing command is still refused");
    assert!(err.contains("同一时间只能有一处修改"), "{err}");
    drop(holder);
}

#[test]
fn a_record_breaking_a_check_constraint_stops_every_command_and_is_never_written() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("damaged.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    crate::safety_opening::break_a_check_constraint(&db);
    let before = sha(&db);
    let copy = dir.path().join("copy.sqlite3");
    for args in [
        vec!["list", "--year", "2025"],
        vec!["check"],
        vec!["backup", "--out", copy.to_str().unwrap()],
        vec!["draft", "--year", "2025"],
        vec!["rollover", "--from", "2025", "--to", "2026", "--yes"],
    ] {
        let mut all = args.clone();
        all.extend(["--db", db_text]);
        let (code, stdout, err) = zerenshu(&all);
        assert_ne!(code, 0, "{args:?} on a damaged file: {stdout}{err}");
        // check reports it as a finding on standard output; the others refuse on standard error.
        let said = if args[0] == "check" { &stdout } else { &err };
        assert!(said.contains("已损坏"), "{args:?}: {stdout}{err}");
        assert_eq!(sha(&db), before, "{args:?} wrote the damaged file");
    }
    assert!(!copy.exists());
}

/// Damage that SQLite's check finds where nothing listed lies (a log entry that is no JSON):
/// the file is listed read-only with the warning, and not written.
#[test]
fn a_file_whose_check_fails_in_the_log_is_still_listed_read_only() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("damaged.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    crate::damage::break_a_log_entry(&db);
    let before = sha(&db);
    let (code, stdout, err) = zerenshu(&["list", "--db", db_text, "--year", "2025"]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("青山镇"), "{stdout}");
    assert!(err.contains("已以只读方式打开，仅供查看"), "{err}");
    assert_eq!(zerenshu(&["check", "--db", db_text]).0, 1);
    assert_eq!(sha(&db), before, "the damaged file is never written");
    for suffix in ["-wal", "-shm"] {
        assert!(!dir.path().join(format!("damaged.sqlite3{suffix}")).exists());
    }
}

#[test]
fn a_file_with_an_altered_scan_is_listed_read_only_with_a_warning_and_never_backed_up() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("altered.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute_batch(
        "DROP TRIGGER scans_kept_update;
         UPDATE scans SET bytes = x'00' WHERE rowid = (SELECT min(rowid) FROM scans);",
    )
    .unwrap();
    drop(conn);
    let before = sha(&db);
    let (code, stdout, err) = zerenshu(&["list", "--db", db_text, "--year", "2025"]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("青山镇"), "{stdout}");
    assert!(
        err.contains("已损坏") && err.contains("已以只读方式打开，仅供查看"),
        "{err}"
    );
    // What would pass the damage on, or write, is refused.
    let copy = dir.path().join("copy.sqlite3");
    for args in [
        vec!["backup", "--out", copy.to_str().unwrap()],
        vec!["draft", "--year", "2025"],
        vec!["check"],
    ] {
        let mut all = args.clone();
        all.extend(["--db", db_text]);
        let (code, stdout, err) = zerenshu(&all);
        assert_ne!(code, 0, "{args:?}: {stdout}{err}");
    }
    assert!(!copy.exists());
    assert_eq!(sha(&db), before, "the damaged file is never written");
}

#[cfg(unix)]
#[test]
fn a_read_only_folder_is_read_and_writing_into_it_is_refused_in_chinese() {
    use std::os::unix::fs::PermissionsExt as _;
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("只读");
    std::fs::create_dir(&folder).unwrap();
    let db = folder.join("ro.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    let before = sha(&db);
    let mode = |bits| std::fs::set_permissions(&folder, std::fs::Permissions::from_mode(bits));
    mode(0o555).unwrap();
    let outcome = std::panic::catch_unwind(|| {
        let (code, stdout, err) = zerenshu(&["list", "--db", db_text, "--year", "2025"]);
        assert_eq!(code, 0, "{stdout}{err}");
        assert!(stdout.contains("青山镇"), "{stdout}");
        assert!(
            err.contains("提示：数据库所在文件夹只读，已以只读方式打开"),
            "{err}"
        );
        let (code, stdout, err) = zerenshu(&["check", "--db", db_text]);
        assert_eq!(code, 0, "{stdout}{err}");
        let copy = dir.path().join("copy.sqlite3");
        let (code, _, err) =
            zerenshu(&["backup", "--db", db_text, "--out", copy.to_str().unwrap()]);
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = zerenshu(&["draft", "--db", db_text, "--year", "2025"]);
        assert_ne!(code, 0);
        assert!(err.contains("数据库所在文件夹只读"), "{err}");

        // A backup into the read-only folder is refused cleanly, the path last.
        let into = folder.join("b.sqlite3");
        let (code, _, err) = zerenshu(&[
            "backup",
            "--db",
            copy.to_str().unwrap(),
            "--out",
            into.to_str().unwrap(),
        ]);
        assert_ne!(code, 0);
        assert!(
            err.contains("只读") && err.trim_end().ends_with(into.to_str().unwrap()),
            "{err}"
        );
        assert!(!err.contains("unable to open"), "{err}");
        let mut names: Vec<_> = std::fs::read_dir(&folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().into_string().unwrap())
            .collect();
        names.sort();
        // The lock file is demo's, made before the folder was made read-only.
        assert_eq!(
            names,
            ["ro.sqlite3", "ro.sqlite3.lock"],
            "nothing was made in it"
        );
        assert_eq!(sha(&db), before);
    });
    mode(0o755).unwrap();
    if let Err(panic) = outcome {
        std::panic::resume_unwind(panic);
    }
}

/// So does one that would write: an empty file is not made a database by a command.
#[test]
fn a_reading_command_leaves_an_empty_file_empty() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("空.sqlite3");
    std::fs::write(&db, b"").unwrap();
    let path = db.to_str().unwrap();
    for args in [
        vec!["list", "--db", path, "--year", "2025"],
        vec!["check", "--db", path],
        vec!["draft", "--db", path, "--year", "2025"],
        vec![
            "rollover", "--db", path, "--from", "2025", "--to", "2026", "--yes",
        ],
    ] {
        let (code, out, err) = zerenshu(&args);
        assert_ne!(code, 0, "{args:?}: {out}{err}");
        assert!(!err.is_empty() || !out.is_empty());
        assert_eq!(std::fs::metadata(&db).unwrap().len(), 0, "{args:?}");
    }
}

#[test]
fn an_operator_name_belongs_to_one_login_on_one_computer() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("shared.sqlite3");
    let db_text = db.to_str().unwrap();
    let (code, out, err) = zerenshu(&["demo", "--db", db_text]);
    assert_eq!(code, 0, "{out}{err}");
    zerenshu::store::Store::open(&db)
        .unwrap()
        .set_operator("柏闻溪")
        .unwrap();
    // A colleague at another computer writes to the same file: under their own login name.
    let output = zerenshu_command()
        .args([
            "rollover", "--db", db_text, "--from", "2025", "--to", "2026", "--yes",
        ])
        .env("COMPUTERNAME", "PC-2")
        .env("USER", "yuezhao")
        .output()
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let store = zerenshu::store::Store::open(&db).unwrap();
    let newest = &store.audit_entries(1).unwrap()[0];
    assert_eq!(newest.operator, "yuezhao");
    assert_eq!(
        store.operator(),
        "柏闻溪",
        "here the name set in 设置 stays"
    );
}

/// A file whose damage lies where `list` reads (the agreements' pages) stops it with the
/// damage said as at opening, nothing written, and the `restore` to run, not the window's
/// menus nor a save that never was.
#[test]
fn damage_met_while_listing_is_said_with_the_restore_command() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("damaged.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    crate::damage::damage_agreements(&db);
    let before = sha(&db);
    let (code, out, err) = zerenshu(&["list", "--db", db_text, "--year", "2025"]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains("错误：数据库文件已损坏"), "{err}");
    assert!(!err.contains("修改都没有保存"), "{err}");
    assert!(!err.contains("在“设置”中"), "{err}");
    assert!(err.contains("zerenshu restore --db"), "{err}");
    assert_eq!(sha(&db), before, "the damaged file is never written");
}

/// `check` on a file a window holds and that is damaged: the window may still be saving into
/// it, so it is named, and closed before a restore.
#[test]
fn check_on_a_damaged_file_a_window_holds_names_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("held.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    let holder = zerenshu::store::Store::open(&db).unwrap();
    crate::damage::damage_agreements(&db);
    let (code, out, err) = zerenshu(&["check", "--db", db_text]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("已损坏"), "{out}");
    assert!(
        out.contains(
            "正在使用此数据库，它的修改可能仍在写入这个有问题的文件：请先关闭那边的程序窗口"
        ),
        "{out}"
    );
    drop(holder);
}

/// A database file gone with its backups beside where it was: the commands name the newest
/// good one and the restore that rebuilds it, and that restore works.
#[test]
fn a_missing_file_with_backups_beside_it_names_the_restore() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("gone.sqlite3");
    let db_text = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db_text]).0, 0);
    assert_eq!(zerenshu(&["backup", "--db", db_text]).0, 0);
    std::fs::remove_file(&db).unwrap();
    let (code, out, err) = zerenshu(&["check", "--db", db_text]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("备份文件夹中有它的备份"), "{err}");
    let restore = err
        .lines()
        .find_map(|line| line.strip_prefix("用它恢复："))
        .unwrap();
    let from = restore.rsplit_once("--from ").unwrap().1.trim_matches('"');
    let (code, out, err) = zerenshu(&["restore", "--db", db_text, "--from", from, "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(zerenshu(&["check", "--db", db_text]).0, 0);
}
