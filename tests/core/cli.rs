//! The command line, run as a clerk or a script would run it.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::zerenshu;

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
    assert!(out.contains("3 个年度，45 个单位，135 份责任书"), "{out}");
    let mut leftovers: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    leftovers.sort();
    assert_eq!(
        leftovers,
        ["demo.sqlite3", "demo.sqlite3.lock"],
        "no temporary files are left behind, only the lock file every window keeps beside it"
    );
    // Held by a window: checked all the same, and said to be held, as every reading command
    // says it.
    let holder = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
    let (code, out, err) = zerenshu(&["check", "--db", db]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("正在使用此数据库：检查的是此刻的内容，此后的修改不在其中"),
        "{err}"
    );
    drop(holder);
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
    let (code, out, err) = zerenshu(&["demo", "--force", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("原有文件已保存为"), "{out}");
    let (code, out, _) = zerenshu(&["check", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    // The file replaced is kept byte for byte; a database replaced goes to backups/.
    let aside: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.to_string_lossy().contains("-被替换-"))
        .collect();
    assert_eq!(aside.len(), 1);
    assert_eq!(std::fs::read(&aside[0]).unwrap(), b"precious");
    let (code, out, _) = zerenshu(&["demo", "--force", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0);
    assert!(out.contains("backups"), "{out}");
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
    assert!(
        err.contains("这不是本程序（目标责任书管理）的数据库"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), png);
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    // Picked to restore from, it is said to be no backup, and the database to be unchanged.
    let real = dir.path().join("real.sqlite3");
    let (code, _, _) = zerenshu(&["demo", "--db", real.to_str().unwrap()]);
    assert_eq!(code, 0);
    let (code, _, err) = zerenshu(&[
        "restore",
        "--db",
        real.to_str().unwrap(),
        "--from",
        db.to_str().unwrap(),
        "--yes",
    ]);
    assert_ne!(code, 0);
    assert!(
        err.contains("这个文件不是本程序（目标责任书管理）的数据库或备份")
            && err.contains("当前数据库没有改动"),
        "{err}"
    );
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

#[test]
fn rollover_draft_and_list_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("work.sqlite3");
    let db = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db]).0, 0);
    // What is left to do in 2025 is said first, as the window says it before asking; a
    // script (nobody at a terminal to answer) goes on only with --yes.
    let (code, out, err) = zerenshu(&["rollover", "--db", db, "--from", "2025", "--to", "2026"]);
    assert_eq!(code, 1, "{out}{err}");
    let unsigned = "提示：2025 年度还有 27 份责任书尚未签订；结转后仍可在 2025 年度中继续办理";
    assert!(err.contains(unsigned), "{err}");
    assert!(
        err.contains("--year 2025 --status 未签订 逐份列出"),
        "{err}"
    );
    assert!(err.contains("确认要执行请加 --yes"), "{err}");
    assert!(!out.contains("已从 2025 年度结转"), "{out}");
    // The signing date carried a year on: said before the question, with the command that
    // changes it (the demo's 15 March is past by the time the tests run in a later year).
    let today = chrono::Local::now().date_naive();
    if today > chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap() {
        assert!(
            err.contains(&format!(
                "已经过去：请用 zerenshu year --db \"{db}\" --year 2026 --signing-date <日期> 改为"
            )),
            "{err}"
        );
    }
    let store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
    assert!(store.year(2026).unwrap().is_none(), "nothing done");
    drop(store);
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("模板 4 套，考核指标 4 套"), "{out}");
    assert!(err.contains("2026 年度的考核指标均未定稿"), "{err}");
    // Told, with --yes, after: as done, not as a thing to check before.
    assert!(
        err.contains("提示：2025 年度还有 27 份责任书尚未签订，仍可在 2025 年度中继续办理"),
        "{err}"
    );
    assert!(!err.contains("请先核对再结转"), "{err}");
    assert!(
        err.contains("份已签订的责任书没有归档扫描件；仍可在 2025 年度中归档"),
        "{err}"
    );
    let (code, _, err) = zerenshu(&[
        "rollover", "--db", db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("2026 年度已存在"), "{err}");
    // A source year not on file: the way to it said, as `list` and `draft` say it.
    let (code, _, err) = zerenshu(&["rollover", "--db", db, "--from", "2028", "--to", "2029"]);
    assert_eq!(code, 2);
    assert!(
        err.contains("找不到 2028 年度") && err.contains("须从 2026 年度起逐年结转 2 次"),
        "{err}"
    );
    // The year just made is rolled over again only when told so.
    let (code, _, err) = zerenshu(&["rollover", "--db", db, "--from", "2026", "--to", "2027"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("2026 年度还在筹备，还没有起草责任书；每年通常只结转一次")
            && err.contains("确实要结转请加 --yes"),
        "{err}"
    );
    // Listed before anything is drafted: said to have none yet, and how to draft.
    let (code, out, err) = zerenshu(&["list", "--db", db, "--year", "2026"]);
    assert_eq!((code, out.lines().count()), (0, 1), "{out}");
    assert!(
        err.contains(&format!(
            "2026 年度还没有责任书；批量起草：zerenshu draft --db \"{db}\" --year 2026"
        )),
        "{err}"
    );

    let (code, out, err) = zerenshu(&[
        "draft",
        "--db",
        db,
        "--year",
        "2026",
        "--unit",
        "响嘡街道",
        "--unit",
        "示例市应急管理局",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已起草 2 份"), "{out}");
    // The date carried over (2026-03-15) is past: every agreement drafted is overdue.
    assert!(
        err.contains(
            "提示：本年度的计划签订日期 2026年3月15日 已过，起草的责任书都显示为逾期；如需改期："
        ),
        "{err}"
    );
    let (code, out, _) = zerenshu(&["draft", "--db", db, "--year", "2026"]);
    assert_eq!(code, 0);
    assert!(out.contains("已起草 43 份"), "{out}");
    assert!(
        out.contains("跳过（本年度已有责任书）：响嘡街道办事处"),
        "{out}"
    );
    // Drafted again, the whole register is skipped: said in one line.
    let (code, out, err) = zerenshu(&["draft", "--db", db, "--year", "2026"]);
    assert_eq!(code, 0);
    assert!(out.contains("已起草 0 份"), "{out}");
    assert!(
        !err.contains("已过"),
        "nothing drafted, nothing late: {err}"
    );
    assert!(out.contains("跳过 45 个本年度已有责任书的单位"), "{out}");
    assert_eq!(out.lines().count(), 2, "{out}");
    let (code, _, err) = zerenshu(&[
        "draft",
        "--db",
        db,
        "--year",
        "2026",
        "--unit",
        "不存在的单位",
        "--unit",
        "响嘡街道办事处",
        "--unit",
        "另一个没有的单位",
    ]);
    assert_ne!(code, 0);
    // Every name not found is said, not only the first.
    assert!(err.contains("找不到在用单位“不存在的单位”"), "{err}");
    assert!(err.contains("找不到在用单位“另一个没有的单位”"), "{err}");

    let (code, out, _) = zerenshu(&["list", "--db", db, "--year", "2026", "--status", "草稿"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 46, "header and 45 drafts");
    // Without --year, the newest year, said so.
    let (code, newest, err) = zerenshu(&["list", "--db", db, "--status", "草稿"]);
    assert_eq!((code, newest), (0, out));
    assert!(
        err.contains("（未写 --year，列出最新的 2026 年度）"),
        "{err}"
    );
    let (code, out, _) = zerenshu(&["list", "--db", db, "--year", "2025", "--status", "已签订"]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .skip(1)
            .all(|line| line.contains("\t已签订\t2025-02-") && line.contains("\t2025-03-")),
        "{out}"
    );
    // 2025's planned signing date (2025-03-15) is long past: the late ones are counted aside.
    let (code, _, err) = zerenshu(&["list", "--db", db, "--year", "2025", "--status", "未签订"]);
    assert_eq!(code, 0);
    assert!(
        err.starts_with("（列出的 ") && err.contains("份已过计划签订日期 2025年3月15日 仍未签订"),
        "{err}"
    );
    assert!(!err.contains("还没有责任书"), "every unit has one: {err}");
    // A unit added since the batch draft has none: not listed, yet said, with the way to draft.
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
        let mut draft = store.units().unwrap().remove(20).fields;
        draft.name = "示例市新设局".to_owned();
        draft.short_name = "新设局".to_owned();
        store.write(|w| w.insert_unit(&draft)).unwrap();
    }
    let (code, _, err) = zerenshu(&["list", "--db", db, "--year", "2026", "--status", "未签订"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("（另有 1 个在用单位本年度还没有责任书：示例市新设局；起草：zerenshu draft"),
        "{err}"
    );
    // Not of 2025, which keeps the units it was rolled over with (`draft` would not draft it
    // there), nor when asked of archived agreements only.
    let (code, _, err) = zerenshu(&["list", "--db", db, "--year", "2025", "--status", "未签订"]);
    assert_eq!(code, 0);
    assert!(!err.contains("还没有责任书"), "{err}");
    let (code, _, err) = zerenshu(&["list", "--db", db, "--year", "2026", "--status", "已归档"]);
    assert_eq!(code, 0);
    assert!(!err.contains("在用单位本年度还没有责任书"), "{err}");
    // A unit archived before it signed: its draft is listed, marked, and said not to be awaited.
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
        let unit = (store.units().unwrap().into_iter())
            .find(|u| u.fields.name == "响嘡街道办事处")
            .unwrap();
        store.write(|w| w.set_unit_active(unit.id, false)).unwrap();
    }
    let (code, out, err) = zerenshu(&["list", "--db", db, "--year", "2026", "--status", "未签订"]);
    assert_eq!(code, 0);
    assert!(
        out.lines()
            .any(|l| l.contains("\t响嘡街道办事处\t") && l.ends_with("\t已归档"))
    );
    // Past the planned date (2026-03-15), said once, with the late ones.
    assert!(err.contains("；另有 1 份属于已归档单位，不计入"), "{err}");
    assert!(!err.contains("不再等其签回"), "{err}");
    // Without a planned date, said on its own.
    let (code, _, err) = zerenshu(&["year", "--db", db, "--year", "2026", "--signing-date", ""]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = zerenshu(&["list", "--db", db, "--year", "2026", "--status", "未签订"]);
    assert_eq!(code, 0);
    assert!(
        err.contains("份中，1 份属于已归档单位，不再等其签回，不计入未签订份数）"),
        "{err}"
    );
    let (code, _, err) = zerenshu(&["list", "--db", db, "--year", "2025", "--status", "丢失"]);
    assert_ne!(code, 0);
    assert!(err.contains("未知的状态“丢失”"), "{err}");
    let (code, _, err) = zerenshu(&[
        "list",
        "--db",
        dir.path().join("none.sqlite3").to_str().unwrap(),
        "--year",
        "2025",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("数据库文件不存在"), "{err}");
    // The way to a new one named: commands never make one.
    assert!(err.contains("在欢迎界面选“从空白开始”"), "{err}");
    assert!(!dir.path().join("none.sqlite3").exists());
}

#[test]
fn notice_with_the_summary_spreadsheet_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("n.sqlite3");
    let db = db.to_str().unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db]).0, 0);
    let pdf = dir.path().join("通报.pdf");
    let xlsx = dir.path().join("汇总.xlsx");
    let (code, out, err) = zerenshu(&[
        "notice",
        "--db",
        db,
        "--year",
        "2024",
        "--out",
        pdf.to_str().unwrap(),
        "--date",
        "2025-03-05",
        "--xlsx",
        xlsx.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(pdf.exists() && xlsx.exists());
    // Both exports are recorded, for the window to say when later changes outdate them.
    let store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
    let exports = store.result_exports(2024).unwrap();
    let files: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    assert_eq!(
        files,
        [
            (zerenshu::store::ResultFile::Notice, 0),
            (zerenshu::store::ResultFile::Summary, 0)
        ]
    );
    drop(store);
    // Made again onto the same files: refused unless asked to replace them.
    let again = |force: bool| {
        let mut args = vec!["notice", "--db", db, "--year", "2024"];
        args.extend([
            "--out",
            pdf.to_str().unwrap(),
            "--xlsx",
            xlsx.to_str().unwrap(),
        ]);
        args.extend(force.then_some("--force"));
        zerenshu(&args)
    };
    std::fs::write(&xlsx, b"clerk's notes").unwrap();
    let (code, _, err) = again(false);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("文件已存在") && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&xlsx).unwrap(), b"clerk's notes");
    let (code, out, err) = again(true);
    assert_eq!(code, 0, "{out}{err}");
    assert!(std::fs::read(&xlsx).unwrap().starts_with(b"PK"));
    let (code, _, err) = zerenshu(&[
        "notice",
        "--db",
        db,
        "--year",
        "2025",
        "--out",
        dir.path().join("2025.pdf").to_str().unwrap(),
    ]);
    assert_ne!(code, 0, "2025 has no scores yet");
    assert!(err.contains("45 个单位未评分"), "{err}");
}
