//! The command line, run as a clerk or a script would run it.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::{zerenshu, zerenshu_command};

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
        .filter(|p| p.to_string_lossy().contains(".replaced-"))
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
    let store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
    assert!(store.year(2026).unwrap().is_none(), "nothing done");
    drop(store);
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("模板 4 套，考核指标 4 套"), "{out}");
    assert!(err.contains("2026 年度的考核指标均未定稿"), "{err}");
    // Told, with --yes, after.
    assert!(err.contains(unsigned), "{err}");
    assert!(err.contains("份已签订的责任书没有归档扫描件"), "{err}");
    let (code, _, err) = zerenshu(&[
        "rollover", "--db", db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("2026 年度已存在"), "{err}");
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
        err.contains("2026 年度还没有责任书；批量起草：zerenshu draft --year 2026"),
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
    let (code, out, _) = zerenshu(&["draft", "--db", db, "--year", "2026"]);
    assert_eq!(code, 0);
    assert!(out.contains("已起草 43 份"), "{out}");
    assert!(
        out.contains("跳过（本年度已有责任书）：响嘡街道办事处"),
        "{out}"
    );
    // Drafted again, the whole register is skipped: said in one line.
    let (code, out, _) = zerenshu(&["draft", "--db", db, "--year", "2026"]);
    assert_eq!(code, 0);
    assert!(out.contains("已起草 0 份"), "{out}");
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
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("找不到在用单位“不存在的单位”"), "{err}");

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
        err.contains("份已过计划签订日期 2025年3月15日 仍未签订"),
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
}

#[test]
fn export_print_and_verify_from_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("pdf.sqlite3");
    let db = db.to_str().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db]).0, 0);
    let print = dir.path().join("print.pdf");
    let (code, stdout, err) = zerenshu(&[
        "export",
        "--db",
        db,
        "--year",
        "2025",
        "--out",
        out.to_str().unwrap(),
        "--unit",
        "响嘡街道",
        "--unit",
        "青山镇",
    ]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("已导出 2 份 PDF"), "{stdout}");
    // The draft among them is said to be one: its file is named as the issued ones are.
    assert!(
        err.contains(
            "其中 1 份是草稿（每页带“草稿”水印，没有校验码，不能用于签订）：青山镇人民政府"
        ),
        "{err}"
    );
    // 嘡 prints in another typeface where the 仿宋 used lacks it: said so.
    let fonts = zerenshu::pdf::fonts::FontSet::with_installed();
    if !zerenshu::pdf::font_roles::borrowed_chars(&fonts, ["嘡"]).is_empty() {
        assert!(err.contains("“嘡”在所用的仿宋字体中没有"), "{err}");
    }
    // A draft named for the print file is refused, and no print file is written.
    let print_args = |units: &[&'static str]| {
        let mut args = vec!["export", "--db", db, "--year", "2025"];
        for unit in units {
            args.extend(["--unit", unit]);
        }
        // The same print file is made again below: replacing it is asked for.
        args.extend([
            "--print",
            print.to_str().unwrap(),
            "--copies",
            "2",
            "--force",
        ]);
        zerenshu(&args)
    };
    let (code, _, err) = print_args(&["青山镇"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("所指定单位的责任书都还是草稿，须先定稿才能打印签字本：青山镇人民政府（审阅草稿请用 --out 导出 PDF）"),
        "{err}"
    );
    assert!(!print.exists());
    let (code, stdout, err) = print_args(&["响嘡街道", "东城街道"]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("2 份责任书"), "{stdout}");
    assert!(print.exists());
    // Their status stays; how to record the printing is said.
    assert!(err.contains("打印文件不改变责任书的状态"), "{err}");
    // The one whose text says another number of copies is named (响嘡's is a 补印).
    assert!(
        err.contains("提示：其中 1 份责任书正文写明的份数（一式几份）与打印份数（2 份）不同，请核对：东城街道办事处"),
        "{err}"
    );
    // Who printed what, and when, is in the 操作记录.
    let logged = {
        let store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
        (store.audit_entries(usize::MAX).unwrap().into_iter())
            .filter(|e| e.action == "导出打印文件")
            .map(|e| e.after_json.unwrap_or_default())
            .collect::<Vec<_>>()
    };
    assert_eq!(logged.len(), 1, "{logged:?}");
    assert!(
        logged[0].contains("2 份责任书，每份印 2 份")
            && logged[0].contains(print.file_name().unwrap().to_str().unwrap()),
        "{logged:?}"
    );
    // A draft named with others is left out of the print file, as without names, and said;
    // 响嘡 (signed) is a 补印, with nothing to mark printed afterwards.
    let (code, stdout, err) = print_args(&["响嘡街道", "青山镇"]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("1 份责任书"), "{stdout}");
    assert!(
        err.contains("另有 1 份草稿未放入打印文件（须先定稿）：青山镇人民政府"),
        "{err}"
    );
    assert!(!err.contains("标记已打印"), "{err}");
    // The fonts' note is of the agreements printed, not of every one of the year.
    let (code, stdout, err) = print_args(&["杨柳镇"]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(!err.contains('嘡'), "{err}");
    let (code, stdout, err) = print_args(&["响嘡街道", "杨柳镇"]);
    assert_eq!(code, 0, "{stdout}{err}");
    let exported = out.join("2025-002-响嘡街道.pdf");
    let (code, stdout, _) = zerenshu(&["verify", "--db", db, exported.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("一致") && stdout.contains("响嘡街道办事处"),
        "{stdout}"
    );
    // The code read off the paper copy (here its footer line pasted) names the agreement too.
    let hash = {
        let store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
        (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.draft.number == 2)
            .and_then(|a| a.content_hash)
            .unwrap()
    };
    let footer = format!(
        "编号 2025-002　校验码 {}",
        zerenshu::model::agreement::grouped_code(&hash[..12])
    );
    let (code, stdout, err) = zerenshu(&["verify", "--db", db, &footer]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(
        stdout.contains("是 2025 年度第 2 号责任书（响嘡街道办事处，现为"),
        "{stdout}"
    );
    // Its zeros and ones typed as the letters they look like: found, said so.
    let misread: String = (hash[..12].chars())
        .map(|c| match c {
            '0' => 'O',
            '1' => 'l',
            other => other,
        })
        .collect();
    assert_ne!(misread, hash[..12], "the demo's code has a 0 or a 1");
    let (code, stdout, err) = zerenshu(&["verify", "--db", db, &misread]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("是 2025 年度第 2 号责任书"), "{stdout}");
    assert!(err.contains("字母 O 按数字 0"), "{err}");
    let (code, stdout, _) = zerenshu(&["verify", "--db", db, "ffff ffff ffff"]);
    assert_ne!(code, 0);
    assert!(
        stdout.contains("所有年度中都没有校验码含 ffffffffffff"),
        "{stdout}"
    );
    // The 编号 typed for the code is said to be the number, not looked up as digits.
    let (code, _, err) = zerenshu(&["verify", "--db", db, "2025-002"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("“2025-002”是责任书编号，不是校验码"), "{err}");
    let missing = dir.path().join("没有这个文件.pdf");
    let (code, _, err) = zerenshu(&["verify", "--db", db, missing.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(
        err.contains("找不到文件") && err.contains("校验码"),
        "{err}"
    );
    // Renamed since in the register, the unit is named as the paper names it.
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
        let mut unit = (store.units().unwrap().into_iter())
            .find(|u| u.fields.name == "响嘡街道办事处")
            .unwrap();
        unit.fields.name = "响嘡新区街道办事处".to_owned();
        store
            .write(|w| w.update_unit(unit.id, &unit.fields))
            .unwrap();
    }
    let (code, stdout, _) = zerenshu(&["verify", "--db", db, exported.to_str().unwrap()]);
    assert_eq!(code, 0, "{stdout}");
    assert!(
        stdout.contains("（响嘡街道办事处，") && !stdout.contains("新区"),
        "{stdout}"
    );
    let mut bytes = std::fs::read(&exported).unwrap();
    let last = bytes.len() - 20;
    bytes[last] ^= 0x01;
    let altered = dir.path().join("altered.pdf");
    std::fs::write(&altered, bytes).unwrap();
    let (code, stdout, _) = zerenshu(&["verify", "--db", db, altered.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(stdout.contains("不一致"), "{stdout}");
    // A file whose document properties another program dropped: the clerk is pointed to the
    // code printed in the footer instead.
    let bytes = std::fs::read(out.join("2025-005-青山镇-草稿.pdf")).unwrap();
    let at = bytes.windows(9).position(|w| w == b"/Keywords").unwrap();
    let mut stripped = bytes.clone();
    stripped[at + 4] = b'x';
    // The draft's number marker goes with the properties too.
    let marker = b"zerenshu-draft-";
    let draft_at = stripped
        .windows(marker.len())
        .position(|w| w == marker)
        .unwrap();
    stripped[draft_at] = b'x';
    let resaved = dir.path().join("resaved.pdf");
    std::fs::write(&resaved, stripped).unwrap();
    let (code, stdout, _) = zerenshu(&["verify", "--db", db, resaved.to_str().unwrap()]);
    assert_ne!(code, 0);
    let by_code = format!("zerenshu verify --db \"{db}\" <校验码>");
    assert!(
        stdout.contains("没有责任书校验码") && stdout.contains(&by_code),
        "{stdout}"
    );
    // The print file is named as one, with the agreements in it.
    // Not checked as a whole: its own exit code, apart from one found altered.
    let (code, stdout, _) = zerenshu(&["verify", "--db", db, print.to_str().unwrap()]);
    assert_eq!(code, 3);
    assert!(stdout.contains("这是打印文件"), "{stdout}");
    assert!(stdout.contains(&by_code), "{stdout}");
    // Several files at once, each under its name; one not verified fails the whole.
    let (several_code, several, _) = zerenshu(&[
        "verify",
        "--db",
        db,
        exported.to_str().unwrap(),
        altered.to_str().unwrap(),
    ]);
    assert_eq!(several_code, 1, "{several}");
    // One altered among files not checked still fails as altered.
    let (mixed_code, mixed, _) = zerenshu(&[
        "verify",
        "--db",
        db,
        print.to_str().unwrap(),
        altered.to_str().unwrap(),
        exported.to_str().unwrap(),
    ]);
    assert_eq!(mixed_code, 1, "{mixed}");
    let (mixed_code, mixed, _) = zerenshu(&[
        "verify",
        "--db",
        db,
        exported.to_str().unwrap(),
        print.to_str().unwrap(),
    ]);
    assert_eq!(mixed_code, 3, "{mixed}");
    // A file that could not be read does not hide an altered one.
    let unreadable = altered.with_file_name("not-a-pdf.pdf");
    std::fs::write(&unreadable, "hello").unwrap();
    let (mixed_code, mixed, _) = zerenshu(&[
        "verify",
        "--db",
        db,
        altered.to_str().unwrap(),
        unreadable.to_str().unwrap(),
    ]);
    assert_eq!(mixed_code, 1, "{mixed}");
    assert!(
        several.contains(&format!("【{}】", exported.display()))
            && several.contains(&format!("【{}】", altered.display()))
            && several.contains("不一致"),
        "{several}"
    );
    assert!(
        stdout.contains("含：2025 年度第 2 号责任书（响嘡街道办事处"),
        "{stdout}"
    );
    assert!(stdout.contains("杨柳镇人民政府"), "{stdout}");
    // The whole year's print file holds what waits to be printed (已定稿): drafts are left
    // out and named, printed ones are not printed again.
    let (code, stdout, err) = print_args(&[]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(
        err.contains("份草稿未放入打印文件") && err.contains("青山镇人民政府"),
        "{err}"
    );
    assert!(err.contains("不重印"), "{err}");
    let (_, stdout, _) = zerenshu(&["verify", "--db", db, print.to_str().unwrap()]);
    assert!(stdout.contains("东城街道办事处"), "已定稿: {stdout}");
    assert!(!stdout.contains("响嘡街道办事处"), "已签订: {stdout}");
    // A refused print file is refused before any single file is exported.
    let untouched = dir.path().join("untouched");
    std::fs::create_dir(&untouched).unwrap();
    // 2025's agreements exported with `more` arguments.
    let export_2025 = |more: &[&str]| {
        let mut args = vec!["export", "--db", db, "--year", "2025"];
        args.extend_from_slice(more);
        zerenshu(&args)
    };
    let p2 = dir.path().join("p2.pdf");
    let untouched_arg = untouched.to_str().unwrap();
    let (code, _, err) = export_2025(&[
        "--out",
        untouched_arg,
        "--unit",
        "青山镇",
        "--print",
        p2.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(err.contains("都还是草稿"), "{err}");
    assert_eq!(
        std::fs::read_dir(&untouched).unwrap().count(),
        0,
        "nothing exported"
    );
    let missing = dir.path().join("missing");
    let (code, _, err) = export_2025(&["--out", missing.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("导出文件夹不存在"), "{err}");
    let zero_copies = dir.path().join("zero.pdf");
    let (code, _, err) = export_2025(&["--print", zero_copies.to_str().unwrap(), "--copies", "0"]);
    assert_ne!(code, 0, "no print file of 0 copies (第1份/共0份)");
    assert!(err.contains("1 至 20"), "{err}");
    assert!(!zero_copies.exists());
    // --copies is of the print file: without one, said so.
    let (code, _, err) = export_2025(&["--out", untouched_arg, "--copies", "2"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("--copies 只用于打印文件，须与 --print 一起使用"),
        "{err}"
    );
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

    let copy = dir.path().join("copy.sqlite3");
    let (code, out, err) = zerenshu(&["backup", "--db", db_text, "--out", copy.to_str().unwrap()]);
    assert_eq!(
        code, 0,
        "an online backup works while the database is held: {err}"
    );
    assert!(out.contains("单位 45 个"), "{out}");
    assert!(!err.contains("不以 .sqlite3 结尾"), "{err}");
    // A name the window's restore chooser would not list is written, and said.
    let text = dir.path().join("copy.txt");
    let (code, _, err) = zerenshu(&["backup", "--db", db_text, "--out", text.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("备份文件名不以 .sqlite3 结尾"), "{err}");
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
            err.contains("不可写") && err.contains("只读方式打开"),
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
        assert!(err.contains("不可写") && err.contains("只读"), "{err}");

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

#[test]
fn an_export_replaces_files_of_the_same_names_only_when_forced() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("again.sqlite3");
    let db = db.to_str().unwrap();
    let out = dir.path().join("out");
    std::fs::create_dir(&out).unwrap();
    assert_eq!(zerenshu(&["demo", "--db", db]).0, 0);
    let export = |force: bool| {
        let mut args = vec![
            "export",
            "--db",
            db,
            "--year",
            "2025",
            "--out",
            out.to_str().unwrap(),
            "--unit",
            "青山镇",
        ];
        if force {
            args.push("--force");
        }
        zerenshu(&args)
    };
    assert_eq!(export(false).0, 0);
    let file = out.join("2025-005-青山镇-草稿.pdf");
    std::fs::write(&file, b"the clerk's own notes").unwrap();
    let (code, _, err) = export(false);
    assert_ne!(code, 0);
    assert!(
        err.contains("文件夹中已有 1 个同名的责任书 PDF（2025-005-青山镇-草稿.pdf）")
            && err.contains("--force"),
        "{err}"
    );
    assert_eq!(std::fs::read(&file).unwrap(), b"the clerk's own notes");
    let (code, stdout, err) = export(true);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(std::fs::read(&file).unwrap().starts_with(b"%PDF-"));
}
