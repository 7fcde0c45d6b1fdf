//! `zerenshu export` and `zerenshu verify` from the command line: files, the print file,
//! verification of an exported PDF, and replacing files only when forced.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::zerenshu;

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
    // A file of one agreement is recorded on it: the 操作记录 names its unit and finds it
    // by the unit.
    {
        let store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
        let unit = (store.units().unwrap().into_iter())
            .find(|u| u.fields.name == "杨柳镇人民政府")
            .unwrap();
        let filter = zerenshu::store::AuditFilter {
            unit_id: Some(unit.id),
            action: Some("导出打印文件".to_owned()),
            ..Default::default()
        };
        let rows = store.audit_search(&filter, 10).unwrap();
        assert_eq!(rows.len(), 1, "{rows:?}");
        assert_eq!(rows[0].unit.as_deref(), Some("杨柳镇人民政府"));
        assert!(
            (rows[0].record.as_deref()).is_some_and(|r| r.starts_with("2025 年度第")),
            "{rows:?}"
        );
    }
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
    // Typed without quotes, the footer comes as several words: taken together all the same.
    let mut args = vec!["verify", "--db", db];
    args.extend(footer.split(['　', ' ']));
    let (code, stdout, err) = zerenshu(&args);
    assert_eq!(code, 0, "{stdout}{err}");
    assert!(stdout.contains("是 2025 年度第 2 号责任书"), "{stdout}");
    assert!(!stdout.contains("找不到文件"), "{stdout}");
    // Two whole codes are two lookups, each under its own heading.
    let (code, stdout, err) = zerenshu(&["verify", "--db", db, &hash[..12], &hash[..8]]);
    assert_eq!(code, 0, "{stdout}{err}");
    assert_eq!(stdout.matches("【").count(), 2, "{stdout}");
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
    // Five named, the rest said by "等": a year's drafts would bury the notes after them.
    let drafts = (err.lines())
        .find(|line| line.contains("份草稿未放入打印文件"))
        .unwrap();
    assert!(
        drafts.matches('、').count() == 4 && drafts.ends_with(" 等"),
        "{drafts}"
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
