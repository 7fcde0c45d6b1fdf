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
