//! What the command line says beside its work: the warning after drafting in categories whose
//! indicators are not final, the notice's date hint (only for a notice made, with where the
//! date comes from), the units listing the unit-not-found message points to, and the overdue
//! agreements `check` reports for every year being signed.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::{demo_db, notice_2024, zerenshu};

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
fn a_refused_notice_says_no_date() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    let pdf = pdf.to_str().unwrap();
    // 2025 is not scored yet; 2022 is not on file.
    for (year, refusal) in [("2025", "45 个单位未评分"), ("2022", "找不到 2022 年度")] {
        let (code, out, err) = zerenshu(&["notice", "--db", &db, "--year", year, "--out", pdf]);
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains(refusal), "{err}");
        assert!(!err.contains("成文日期"), "{year}: {err}");
    }
    assert!(!std::path::Path::new(pdf).exists());
}

/// A score corrected after publication but before the notice went out: the first notice
/// exported is the one issued, with no other to differ from; once issued, a later change is
/// said to make the next file differ, with the command that takes the year back.
#[test]
fn a_change_before_the_notice_is_issued_is_not_said_to_differ_from_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    let pdf = pdf.to_str().unwrap();
    let score = |points: &str| {
        zerenshu(&[
            "score",
            "--db",
            &db,
            "--year",
            "2024",
            "--unit",
            "城关街道",
            "--indicator",
            "组织领导",
            "--assessed",
            points,
            "--reason",
            "复核更正",
        ])
    };
    let (code, out, err) = score("4");
    assert_eq!(code, 0, "{out}{err}");
    // No notice issued yet: nothing to differ from.
    assert!(!err.contains("与已印发的通报不同"), "{err}");
    let (code, out, err) = notice_2024(&db, pdf, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("与已印发的通报不同"), "{err}");
    let verify = || zerenshu(&["verify", "--db", &db, pdf]).1;
    assert!(!verify().contains("非印发件"), "the notice issued");
    let (code, out, err) = score("4.5");
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = notice_2024(&db, pdf, &[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("通报后又修改过 1 次"), "{err}");
    assert!(
        err.contains("与已印发的通报不同（文号和日期相同）"),
        "{err}"
    );
    // Under the issued notice's 文号 and date with other results: marked on every page, in
    // its properties, and by verify.
    assert!(err.contains("每页印有“非印发件”"), "{err}");
    assert!(
        verify().contains("此通报每页印有“非印发件”"),
        "{}",
        verify()
    );
    let info = std::process::Command::new("pdfinfo")
        .arg(pdf)
        .output()
        .unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Subject:") && l.contains("（非印发件）")),
        "{info}"
    );
    assert!(
        err.contains("--year 2024 --phase 考核 --reason 理由"),
        "{err}"
    );
}

#[test]
fn the_notice_says_where_its_date_comes_from() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    let pdf = pdf.to_str().unwrap();
    let notice = |extra: &[&str]| notice_2024(&db, pdf, extra);
    // The demo published 2024's results on 18 March 2025 and exported no notice of it.
    let (code, out, err) = notice(&[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("提示：成文日期为 2025年3月18日（该年度发布考核结果之日）；这是结果通报后导出的第一份，即印发的通报，成文日期已随之定下"),
        "{err}"
    );
    // Not told to give another date, which would now be refused.
    assert!(!err.contains("请加 --date"), "{err}");
    // That notice was the one issued: another date is refused, and the next notice takes its
    // date.
    let (code, out, err) = notice(&["--date", "2025-03-20"]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("日期不变"), "{err}");
    let (code, out, err) = notice(&[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("提示：成文日期为 2025年3月18日（该年度已印发通报的成文日期，不能更改）"),
        "{err}"
    );
    assert!(!err.contains("请加 --date"), "{err}");
    // The year's settings say so too.
    let (_, out, _) = zerenshu(&["year", "--db", &db, "--year", "2024"]);
    assert!(
        out.contains(
            "考核结果于 2025年3月18日 发布；通报成文日期 2025年3月18日（已印发，不能更改）"
        ),
        "{out}"
    );
    // Given the phase it has, nothing is saved, and said so.
    let (code, out, _) = zerenshu(&["year", "--db", &db, "--year", "2024", "--phase", "已通报"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("2024 年度设置没有改动（所给的值与现有的相同）"),
        "{out}"
    );
    // A draft's date, before publishing, is the last one used.
    let withdraw = ["year", "--db", &db, "--year", "2024", "--phase", "考核"];
    let (code, _, err) = zerenshu(&[&withdraw[..], &["--reason", "重新核分"]].concat());
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = notice(&["--date", "2025-03-20"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        !err.contains("成文日期为"),
        "a date given is not hinted: {err}"
    );
    let (code, out, err) = notice(&[]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("提示：成文日期为 2025年3月20日（该年度上次导出通报时所用的日期）"),
        "{err}"
    );
}

/// A date given to the first notice exported after publishing is fixed by it: said, as a
/// default one is.
#[test]
fn a_date_given_to_the_issued_notice_is_said_to_be_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    let (code, out, err) = notice_2024(&db, pdf.to_str().unwrap(), &["--date", "2025-03-20"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("提示：成文日期为 2025年3月20日（--date 所给）；这是结果通报后导出的第一份，即印发的通报，成文日期已随之定下"),
        "{err}"
    );
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

#[test]
fn an_unusual_date_that_would_be_fixed_for_good_is_refused_without_yes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    let pdf = pdf.to_str().unwrap();
    let notice = |extra: &[&str]| notice_2024(&db, pdf, extra);
    // 2024 is published and no notice was issued yet: this export would fix 2099 for good.
    let (code, out, err) = notice(&["--date", "2099-12-31"]);
    assert_eq!(code, 1, "not done until confirmed: {out}{err}");
    assert!(
        err.contains("成文日期 2099年12月31日，通常在 2025年1月17日 至"),
        "{err}"
    );
    assert!(err.contains("日期无误请加 --yes 再导出"), "{err}");
    assert!(!std::path::Path::new(pdf).exists(), "nothing written");
    let (_, out, _) = zerenshu(&["year", "--db", &db, "--year", "2024"]);
    assert!(!out.contains("2099年"), "no date fixed: {out}");
    // With --yes it is taken, and said.
    let (code, out, err) = notice(&["--date", "2099-12-31", "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(err.contains("提示：成文日期 2099年12月31日"), "{err}");
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

/// A notice issued, the results withdrawn and published again: the 文号 issued cannot be used
/// again, and the command line names the commands for the window's ways it gives.
#[test]
fn a_reused_document_number_is_refused_with_the_commands_that_change_it() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    let pdf = pdf.to_str().unwrap();
    let (code, out, err) = notice_2024(&db, pdf, &["--date", "2025-03-20", "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    let year = |extra: &[&str]| {
        let mut args = vec!["year", "--db", &db, "--year", "2024"];
        args.extend(extra);
        zerenshu(&args)
    };
    let (code, out, err) = year(&["--phase", "考核", "--reason", "更正评分"]);
    assert_eq!(code, 0, "{out}{err}");
    // Publishing again is asked about (a script is not asked: not published), saying how to
    // give the corrected notice a number of its own from here.
    let (code, out, err) = year(&["--phase", "已通报"]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(err.contains("请先不要发布，到"), "{err}");
    assert!(
        err.contains("--year 2024 --document-number 新文号"),
        "{err}"
    );
    assert!(!err.contains("请先取消"), "{err}");
    let (code, out, err) = year(&["--phase", "已通报", "--yes"]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = notice_2024(&db, pdf, &[]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("不能再用这个文号"), "{err}");
    assert!(
        err.contains("--year 2024 --phase 考核 --reason 理由"),
        "{err}"
    );
    assert!(
        err.contains("--year 2024 --document-number 新文号"),
        "{err}"
    );
}
