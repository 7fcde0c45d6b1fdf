//! The command line's refusals name the next step: a negative count or year is said to be out
//! of range (not taken for an unknown option), a year after the newest points every command to
//! the rollover, a file of one row that is no header of units is said to lack the column, an
//! export stopped by a folder in a file's way says to move that folder (not to free space), a
//! `check` finding a changed text gives the way to restore, an indicator name quoting a
//! phrase is listed with its inner quotes as single ones, and `list --status` takes a
//! script's code in any case.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::zerenshu;

fn demo() -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap().to_owned();
    assert_eq!(zerenshu(&["demo", "--db", &db_arg]).0, 0);
    (dir, db_arg)
}

#[test]
fn negative_counts_and_years_are_said_to_be_out_of_range() {
    let (dir, db) = demo();
    let print = dir.path().join("p.pdf");
    let print = print.to_str().unwrap();
    for (args, said) in [
        (
            vec![
                "export", "--year", "2025", "--print", print, "--copies", "-1",
            ],
            "--copies <份数> 的值“-1”无效：份数应为 1 至 20 之间的整数",
        ),
        (
            vec!["draft", "--year", "2025", "--copies", "-3"],
            "--copies <份数> 的值“-3”无效",
        ),
        (
            vec!["list", "--year", "-2025"],
            "--year <年度> 的值“-2025”无效：年度应为四位数字",
        ),
    ] {
        let mut all = args.clone();
        all.extend(["--db", &db]);
        let (code, out, err) = zerenshu(&all);
        assert_eq!(code, 2, "{args:?}: {out}{err}");
        assert!(err.contains(said), "{args:?}: {err}");
        assert!(!err.contains("不认识的参数"), "{args:?}: {err}");
    }
    assert!(!dir.path().join("p.pdf").exists());
}

#[test]
fn every_command_of_a_year_after_the_newest_points_to_the_rollover() {
    let (dir, db) = demo();
    let out = dir.path().to_str().unwrap().to_owned();
    let notice = dir.path().join("n.pdf");
    let notice = notice.to_str().unwrap();
    let rollover = format!("zerenshu rollover --db \"{db}\" --from 2025 --to 2026");
    for args in [
        vec!["draft", "--year", "2026"],
        vec!["list", "--year", "2026"],
        vec!["forms", "--year", "2026", "--out", &out],
        vec!["notice", "--year", "2026", "--out", notice],
        vec!["export", "--year", "2026", "--out", &out],
    ] {
        let mut all = args.clone();
        all.extend(["--db", &db]);
        let (code, _, err) = zerenshu(&all);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(
            err.contains("找不到 2026 年度（现有：2023、2024、2025）"),
            "{err}"
        );
        assert!(err.contains(&rollover), "{args:?}: {err}");
    }
    // An earlier year missing is a typo, not a rollover to make.
    let (_, _, err) = zerenshu(&["list", "--year", "2020", "--db", &db]);
    assert!(!err.contains("rollover"), "{err}");
}

#[test]
fn a_one_row_file_that_names_no_unit_column_is_said_to_lack_it() {
    let (dir, db) = demo();
    let file = dir.path().join("名单.csv");
    std::fs::write(&file, "foo,bar\n").unwrap();
    let (code, _, err) = zerenshu(&[
        "import",
        "units",
        "--db",
        &db,
        file.to_str().unwrap(),
        "--yes",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("缺少“单位名称”列：读到的表头是“foo、bar”"),
        "{err}"
    );
    assert!(!err.contains("只有表头"), "{err}");
    // A true header with no rows under it is still said to be only a header.
    std::fs::write(&file, "单位名称,简称\n").unwrap();
    let (_, _, err) = zerenshu(&["import", "units", "--db", &db, file.to_str().unwrap()]);
    assert!(err.contains("文件中只有表头，没有单位"), "{err}");
}

#[test]
fn an_export_stopped_by_a_folder_in_a_file_s_way_says_to_move_it() {
    let (dir, db) = demo();
    let out = dir.path().join("导出");
    std::fs::create_dir_all(out.join("2025-016-应急局.pdf")).unwrap();
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2025",
        "--unit",
        "住建局",
        "--unit",
        "应急局",
        "--out",
        out.to_str().unwrap(),
        "--force",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("已写完的 1 份（共 2 份）完整可用"), "{err}");
    assert!(
        err.contains("移走或改名与文件同名的文件夹后重新导出"),
        "{err}"
    );
    assert!(!err.contains("腾出空间"), "{err}");
}

#[test]
fn a_changed_text_found_by_check_is_given_the_way_to_restore() {
    let (_dir, db) = demo();
    crate::support::alter_a_frozen_text(std::path::Path::new(&db));
    let (code, out, err) = zerenshu(&["check", "--db", &db]);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("发现问题"), "{out}");
    assert!(out.contains("restore"), "{out}");
}

#[test]
fn an_indicator_name_quoting_a_phrase_is_listed_with_single_inner_quotes() {
    let (_dir, db) = demo();
    let (code, _, err) = zerenshu(&[
        "score",
        "--db",
        &db,
        "--year",
        "2025",
        "--unit",
        "应急局",
        "--indicator",
        "不存在",
        "--assessed",
        "5",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("没有“不存在”；现有："), "{err}");
    assert!(err.contains("“组织领导”“‘三个必须’责任落实”"), "{err}");
}

#[test]
fn a_status_code_is_taken_in_any_case_and_a_wrong_one_lists_the_codes() {
    let (_dir, db) = demo();
    let (code, out, err) = zerenshu(&["list", "--db", &db, "--year", "2025", "--status", "DRAFT"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.lines().skip(1).all(|line| line.contains("草稿")),
        "{out}"
    );
    assert!(out.lines().count() > 1, "{out}");
    let (code, _, err) = zerenshu(&["list", "--db", &db, "--year", "2025", "--status", "drafts"]);
    assert_ne!(code, 0);
    assert!(
        err.contains("未知的状态“drafts”") && err.contains("draft、final"),
        "{err}"
    );
}

/// Without --copies, a unit drafted later in a year takes the copies most of the year's
/// agreements have, as the window's 批量起草 offers them.
#[test]
fn a_draft_without_copies_takes_the_years_usual_number() {
    let (_dir, db) = demo();
    let (code, _, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{err}");
    let draft = |unit: &str, copies: Option<&str>| {
        let mut args = vec!["draft", "--db", &db, "--year", "2026", "--unit", unit];
        if let Some(copies) = copies {
            args.extend(["--copies", copies]);
        }
        let (code, _, err) = zerenshu(&args);
        assert_eq!(code, 0, "{err}");
    };
    draft("青山镇", Some("2"));
    draft("北岭镇", None);
    let store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    let copies: Vec<i64> = (store.agreements(2026).unwrap().iter())
        .map(|a| a.draft.copies)
        .collect();
    assert_eq!(copies, [2, 2]);
}
