//! What the command line says beside its work: the warning after drafting in categories whose
//! indicators are not final, the units listing the unit-not-found message points to, the
//! overdue agreements `check` reports for every year being signed, and hints that name a
//! command (the notice's are in `cli_notice_hints`).

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::{demo_db, zerenshu};

#[test]
fn drafting_after_a_rollover_warns_that_the_indicators_are_not_final() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = zerenshu(&["draft", "--db", &db, "--year", "2026"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已起草 45 份"), "{out}");
    // The window's words, for the categories drafted.
    let warning = zerenshu::workflow::drafting::indicators_not_final_warning(&[
        "镇街", "一类", "二类", "三类",
    ])
    .unwrap();
    assert!(err.contains(&warning), "{err}");
    assert!(
        err.contains("“镇街”“一类”“二类”“三类”的考核指标尚未设置或尚未定稿"),
        "{err}"
    );
    // Nothing drafted, nothing to warn of.
    let (code, out, err) = zerenshu(&["draft", "--db", &db, "--year", "2026"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("尚未定稿"), "{err}");
}

#[test]
fn a_year_still_being_prepared_is_rolled_over_again_only_with_yes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let again = ["rollover", "--db", &db, "--from", "2026", "--to", "2027"];
    let (code, _, err) = zerenshu(&again);
    assert_eq!(code, 1, "not done until confirmed: {err}");
    assert!(err.contains("确实要结转请加 --yes"), "{err}");
    let (code, out, err) = zerenshu(&[&again[..], &["--yes"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已从 2026 年度结转到 2027 年度"), "{out}");
}

#[test]
fn drafting_one_category_names_only_that_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) =
        zerenshu(&["draft", "--db", &db, "--year", "2026", "--unit", "响嘡街道"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("“镇街”的考核指标尚未设置或尚未定稿：该类别的责任书可以起草"),
        "{err}"
    );
    assert!(!err.contains("一类"), "{err}");
}

#[test]
fn units_lists_the_units_in_use_that_commands_take() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = zerenshu(&["units", "--db", &db]);
    assert_eq!(code, 0, "{out}{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines[0], "名称\t简称\t类别");
    assert_eq!(lines.len(), 46, "header and 45 units: {out}");
    assert!(lines.contains(&"城关街道办事处\t城关街道\t镇街"), "{out}");
    let (code, out, err) = zerenshu(&["units", "--db", &db, "--year", "2025"]);
    assert_eq!(code, 0, "{out}{err}");
    assert_eq!(out.lines().count(), 46, "{out}");
    // Moved to another category after its 2025 agreement was drafted: listed for 2025 in the
    // category it is assessed under there, now in its new one.
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
        let mut unit = (store.units().unwrap().into_iter())
            .find(|u| u.fields.name == "示例市教育局")
            .unwrap();
        let second = (store.categories().unwrap().into_iter())
            .find(|c| c.name == "二类")
            .unwrap();
        unit.fields.category_id = second.id;
        store
            .write(|w| w.update_unit(unit.id, &unit.fields))
            .unwrap();
    }
    let (_, out, _) = zerenshu(&["units", "--db", &db, "--year", "2025"]);
    assert!(out.contains("示例市教育局\t教育局\t一类"), "{out}");
    let (_, out, _) = zerenshu(&["units", "--db", &db]);
    assert!(out.contains("示例市教育局\t教育局\t二类"), "{out}");
    let (code, _, err) = zerenshu(&["units", "--db", &db, "--year", "2022"]);
    assert_eq!(code, 2);
    assert!(err.contains("找不到 2022 年度"), "{err}");
    // A name like none of them points to the listing, not to `list` (agreements only).
    let (code, _, err) = zerenshu(&[
        "draft",
        "--db",
        &db,
        "--year",
        "2025",
        "--unit",
        "不存在的单位",
    ]);
    assert_eq!(code, 2);
    // On this database, as it is copied: not on the default one.
    assert!(
        err.contains(&format!("zerenshu units --db \"{db}\" --year 2025")),
        "{err}"
    );
    assert!(!err.contains("zerenshu list"), "{err}");
}

#[test]
fn check_reports_the_late_agreements_of_every_year_being_signed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, _) = zerenshu(&["check", "--db", &db]);
    assert_eq!(code, 0, "{out}");
    let late_2025 = "签订提醒：2025 年度有 27 份责任书已过计划签订日期 2025年3月15日 仍未签订";
    assert!(out.contains(late_2025), "{out}");
    // Published years are signed and done: nothing said of them.
    assert!(!out.contains("2024 年度有"), "{out}");
    assert!(out.trim_end().ends_with("结论：数据库正常"), "{out}");
    let (code, out, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = zerenshu(&["draft", "--db", &db, "--year", "2026"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, _) = zerenshu(&["check", "--db", &db]);
    assert_eq!(code, 0, "{out}");
    // 2025 is still being signed after the rollover, and so is 2026 now.
    assert!(out.contains(late_2025), "{out}");
    let planned_2026 = chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
    if chrono::Local::now().date_naive() > planned_2026 {
        assert!(
            out.contains(
                "签订提醒：2026 年度有 45 份责任书已过计划签订日期 2026年3月15日 仍未签订"
            ),
            "{out}"
        );
    }
}

#[test]
fn the_late_count_says_what_it_leaves_out_for_archived_units() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
        let unsigned = (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.status < zerenshu::model::AgreementStatus::Signed)
            .unwrap();
        store
            .write(|w| w.set_unit_active(unsigned.draft.unit_id, false))
            .unwrap();
    }
    let aside = "（另有 1 份属于已归档单位，不计入）";
    let (code, out, _) = zerenshu(&["check", "--db", &db]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!(
            "签订提醒：2025 年度有 26 份责任书已过计划签订日期 2025年3月15日 仍未签订{aside}"
        )),
        "{out}"
    );
    let (code, out, err) = zerenshu(&["list", "--db", &db, "--year", "2025"]);
    assert_eq!(code, 0, "{out}{err}");
    // Within the listing's brackets, after a "；" rather than in brackets again.
    assert!(
        err.contains("仍未签订；另有 1 份属于已归档单位，不计入）"),
        "{err}"
    );
}

#[test]
fn drafting_with_no_units_says_why_nothing_was_drafted() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("空白.sqlite3");
    {
        let mut store = zerenshu::store::Store::open(&db).unwrap();
        store
            .write(|w| w.start_blank("样板县人民政府", 2026))
            .unwrap();
    }
    let db = db.to_str().unwrap();
    let (code, out, err) = zerenshu(&["draft", "--db", db, "--year", "2026"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已起草 0 份 2026 年度责任书"), "{out}");
    assert!(
        out.contains("没有可起草的单位：请先添加或导入责任单位"),
        "{out}"
    );
}

#[test]
fn a_command_without_db_that_fails_names_the_default_file_it_used() {
    let home = tempfile::tempdir().unwrap();
    let output = crate::support::zerenshu_command()
        .args(["list", "--year", "2025"])
        .env("HOME", home.path())
        .env("XDG_DATA_HOME", home.path().join("data"))
        .output()
        .unwrap();
    let (code, _, err) = crate::support::said(&output);
    assert_ne!(code, 0);
    assert!(
        err.contains("未指定 --db，用的是默认位置的数据库："),
        "{err}"
    );
    assert!(err.contains(&home.path().display().to_string()), "{err}");
}

#[test]
fn help_help_shows_the_help() {
    let (code, out, err) = zerenshu(&["help", "--help"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("用法：zerenshu"), "{out}");
    // A command's help asked for twice is that command's help.
    let (code, out, err) = zerenshu(&["help", "import", "--help"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("用法：zerenshu import"), "{out}");
}

#[test]
fn a_unit_added_after_the_rollover_is_said_to_be_outside_the_older_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, _, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{err}");
    let csv = dir.path().join("新单位.csv");
    std::fs::write(
        &csv,
        "单位名称,简称,单位类型,考核类别\n示例新村镇人民政府,新村镇,镇,镇街\n",
    )
    .unwrap();
    let (code, _, err) = zerenshu(&[
        "import",
        "units",
        "--db",
        &db,
        "--yes",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let said = "“示例新村镇人民政府”不在 2025 年度的单位名册中";
    for args in [
        vec!["draft", "--db", &db, "--year", "2025", "--unit", "新村镇"],
        vec![
            "score",
            "--db",
            &db,
            "--year",
            "2025",
            "--unit",
            "新村镇",
            "--indicator",
            "组织领导",
            "--assessed",
            "1",
        ],
    ] {
        let (code, _, err) = zerenshu(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains(said) && !err.contains("是不是"), "{err}");
    }
    // A unit renamed since the rollover is still its year's unit, found by its new name.
    let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    let unit = (store.units().unwrap().into_iter())
        .find(|u| u.fields.short_name == "城关街道")
        .unwrap();
    let mut renamed = unit.fields.clone();
    renamed.name = "示例市城关街道办事处".to_owned();
    renamed.short_name = "城关".to_owned();
    store.write(|w| w.update_unit(unit.id, &renamed)).unwrap();
    drop(store);
    let (code, out, err) = zerenshu(&[
        "score",
        "--db",
        &db,
        "--year",
        "2025",
        "--unit",
        "示例市城关街道办事处",
        "--indicator",
        "组织领导",
        "--assessed",
        "5",
    ]);
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_missing_year_or_a_file_for_a_folder_is_said_alike_by_every_export() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let print = dir.path().join("打印.pdf");
    let out = dir.path().to_str().unwrap();
    for args in [
        vec![
            "export",
            "--db",
            &db,
            "--year",
            "2030",
            "--print",
            print.to_str().unwrap(),
        ],
        vec![
            "scan", "export", "--db", &db, "--year", "2030", "--out", out,
        ],
    ] {
        let (code, _, err) = zerenshu(&args);
        assert_eq!(code, 2, "{args:?}");
        assert!(err.contains("找不到 2030 年度（现有："), "{args:?}: {err}");
    }
    let (code, _, err) = zerenshu(&[
        "scan", "export", "--db", &db, "--year", "2024", "--out", &db,
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("这是一个文件，不是文件夹"), "{err}");
}

#[test]
fn a_command_a_hint_names_runs_on_the_same_database() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let notice = dir.path().join("通报.pdf");
    // 2024, scored in full, taken back from 已通报: its notice is a draft.
    let (code, _, err) = zerenshu(&[
        "year", "--db", &db, "--year", "2024", "--phase", "考核", "--reason", "复核",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = zerenshu(&[
        "notice",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        notice.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains(&format!(
            "zerenshu year --db \"{db}\" --year 2024 --phase 已通报"
        )),
        "{err}"
    );
}

#[test]
fn a_file_that_is_no_form_is_not_told_to_name_a_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // A table saved as text, a script and a picture: each of another kind than .xlsx, said
    // so (not "renamed to .xlsx", not "damaged").
    for (name, bytes) in [
        ("单位.csv", &b"\xE5\x8D\x95\xE4\xBD\x8D\n"[..]),
        ("r.sh", b"echo 1\n"),
        ("img.png", b"\x89PNG\r\n\x1a\n\0\0"),
    ] {
        let file = dir.path().join(name);
        std::fs::write(&file, bytes).unwrap();
        let (code, _, err) = zerenshu(&["import", "scores", "--db", &db, file.to_str().unwrap()]);
        assert_eq!(code, 2);
        assert!(
            err.contains("须是本程序导出的 .xlsx 文件，这个文件是别的格式")
                && !err.contains("--year"),
            "{name}: {err}"
        );
    }
}

#[test]
fn a_self_assessment_form_picked_as_a_unit_list_is_named_for_what_it_is() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let form = crate::support::first_form(dir.path(), &db, "2025");
    let (code, out, err) = zerenshu(&["import", "units", "--db", &db, form.to_str().unwrap()]);
    assert_eq!(code, 2, "{out}");
    assert!(
        err.contains("这是自评表") && err.contains("zerenshu import scores"),
        "{err}"
    );
}

/// A scan for an agreement not signed yet is refused naming the year, unit and number, and where
/// signing is marked (the window: no command marks it); a replacement of a scan never archived
/// is refused as such; the database stays unchanged.
#[test]
fn a_scan_of_an_unsigned_agreement_says_where_signing_is_marked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let scan = dir.path().join("扫描.png");
    image::RgbImage::new(40, 56).save(&scan).unwrap();
    let before = std::fs::read(&db).unwrap();
    // `scan <action> … --unit 青山镇 [extra] --yes 扫描.png`.
    let scan_of_qingshan = |action: &str, extra: &[&str]| {
        let mut args = vec![
            "scan",
            action,
            "--db",
            &db,
            "--year",
            "2025",
            "--unit",
            "青山镇",
        ];
        args.extend(extra);
        args.extend(["--yes", scan.to_str().unwrap()]);
        zerenshu(&args)
    };
    let (code, _, err) = scan_of_qingshan("archive", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("2025 年度青山镇人民政府的责任书（第 5 号）当前为“草稿”，不能归档：须先标记已签订（在窗口“责任书 → 签订跟踪”中"),
        "{err}"
    );
    // A draft has 定稿 and printing still to go, said in their order.
    assert!(
        err.contains("点“定稿”、打印后点“标记已打印…”，签回后点“标记已签订…”"),
        "{err}"
    );
    // Nothing archived to replace: said by the unit, with the command that archives.
    let (code, _, err) = scan_of_qingshan("replace", &["--reason", "漏扫一页"]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("2025 年度青山镇人民政府的责任书（第 5 号）当前为“草稿”，还没有归档扫描件，不能更换；归档前须先标记已签订（在窗口“责任书 → 签订跟踪”中打开它，点“定稿”"),
        "{err}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
}

/// The scan commands read --year as every command does: a year that is no year, or one not
/// there, is said so.
#[test]
fn the_scan_commands_read_the_year_as_the_others_do() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let scan = dir.path().join("扫描.png");
    image::RgbImage::new(40, 56).save(&scan).unwrap();
    let scan = scan.to_str().unwrap();
    for (year, said) in [("0", "年度应为四位数字"), ("2030", "找不到 2030 年度")] {
        let (code, _, err) = zerenshu(&[
            "scan",
            "archive",
            "--db",
            &db,
            "--year",
            year,
            "--unit",
            "应急局",
            scan,
        ]);
        assert_eq!(code, 2, "{err}");
        assert!(err.contains(said), "{err}");
    }
}
