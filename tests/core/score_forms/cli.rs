//! The `forms` and `import scores` subcommands: forms written and imported all or nothing,
//! a published year refused, and forms of two years asking for `--year`.

use std::path::PathBuf;

use zerenshu::io::score_forms::{apply_import, preview_import, write_forms};
use zerenshu::model::Points;
use zerenshu::store::Store;

use super::{Typed, YEAR, fill, fill_first_score, indicator_rows, self_score};

use crate::support::zerenshu_command;

fn run(args: &[&str]) -> std::process::Output {
    zerenshu_command().args(args).output().unwrap()
}

#[test]
fn cli_writes_forms_and_imports_them_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert!(run(&["demo", "--db", db_arg]).status.success());
    let out = dir.path().join("forms");
    std::fs::create_dir(&out).unwrap();
    let forms = run(&["forms", "--db", db_arg, "--year", "2025", "--out"]
        .into_iter()
        .chain([out.to_str().unwrap()])
        .collect::<Vec<_>>());
    assert!(forms.status.success(), "{forms:?}");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let good = dir.path().join("good.xlsx");
    fill_first_score(&files[0], &good, 0.5);
    let bad = dir.path().join("bad.xlsx");
    fill(
        &files[0],
        &bad,
        &[(indicators[0].0, score_column, Typed::Text("-2"))],
    );

    let refused = run(&["import", "scores", "--db", db_arg, "--year", "2025"]
        .into_iter()
        .chain([bad.to_str().unwrap()])
        .collect::<Vec<_>>());
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    let stdout = String::from_utf8(refused.stdout).unwrap();
    let row = indicators[0].0;
    assert!(
        stdout.contains(&format!("工作表 自评表，第 {row} 行：“"))
            && stdout.contains("”自评分“-2”不能为负数"),
        "{stdout}"
    );
    // Given with another unit's form, which has no error: that one is named to go alone.
    let mixed = run(&["import", "scores", "--db", db_arg, "--year", "2025"]
        .into_iter()
        .chain([bad.to_str().unwrap(), files[1].to_str().unwrap()])
        .collect::<Vec<_>>());
    assert_eq!(mixed.status.code(), Some(1), "{mixed:?}");
    let stderr = String::from_utf8(mixed.stderr).unwrap();
    // Named as given, folder and all, to be pasted into the next command.
    let other = files[1].display();
    assert!(
        stderr.contains(&format!("没有错误的 1 个文件可以先单独导入：{other}")),
        "{stderr}"
    );
    assert!(
        String::from_utf8(refused.stderr)
            .unwrap()
            .contains("没有写入任何数据")
    );

    let imported = run(&[
        "import", "scores", "--yes", "--db", db_arg, "--year", "2025",
    ]
    .into_iter()
    .chain([good.to_str().unwrap()])
    .collect::<Vec<_>>());
    assert!(imported.status.success(), "{imported:?}");
    let stdout = String::from_utf8(imported.stdout).unwrap();
    assert!(stdout.contains("已导入 1 项自评分"), "{stdout}");
    let store = Store::open(&db).unwrap();
    let agreement_id = store.agreements(YEAR).unwrap()[0].id;
    let entered = self_score(&store, agreement_id, indicators[0].1).unwrap();
    assert_eq!(entered.self_score, Some(Points(50)));
}

#[test]
fn forms_cannot_be_imported_into_a_published_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert!(run(&["demo", "--db", db_arg]).status.success());
    let mut store = Store::open(&db).unwrap();
    let files = write_forms(&store, 2024, dir.path()).unwrap();
    let filled = dir.path().join("filled-2024.xlsx");
    fill_first_score(&files[0], &filled, 0.5);
    let before = store.scores(2024).unwrap();
    let preview = preview_import(&store, 2024, std::slice::from_ref(&filled)).unwrap();
    let locked = preview.locked.clone().unwrap();
    assert!(locked.contains("2024 年度考核结果已通报"), "{locked}");
    assert!(!preview.can_apply());
    let refused = apply_import(&mut store, &preview).unwrap_err().to_string();
    assert!(refused.contains("已通报"), "{refused}");
    // A preview built before publication is refused too.
    let mut stale = preview.clone();
    stale.locked = None;
    assert!(apply_import(&mut store, &stale).is_err());
    assert_eq!(store.scores(2024).unwrap(), before, "nothing written");
    drop(store);

    let cli = run(&["import", "scores", "--db", db_arg, "--year", "2024"]
        .into_iter()
        .chain([filled.to_str().unwrap()])
        .collect::<Vec<_>>());
    assert_eq!(cli.status.code(), Some(2), "{cli:?}");
    assert!(
        String::from_utf8(cli.stderr)
            .unwrap()
            .contains("错误：2024 年度考核结果已通报，评分已锁定，不能导入自评表")
    );
    // Said alone, with no line of what "will" change, also on a dry run.
    let dry = run(&[
        "import",
        "scores",
        "--db",
        db_arg,
        "--year",
        "2024",
        "--dry-run",
    ]
    .into_iter()
    .chain([filled.to_str().unwrap()])
    .collect::<Vec<_>>());
    let out = String::from_utf8(dry.stdout).unwrap();
    assert!(!out.contains("将修改"), "{out}");
    assert!(
        String::from_utf8(dry.stderr)
            .unwrap()
            .contains("评分已锁定")
    );
}

/// Forms of two years named without --year: the year is asked for, not taken from whichever
/// file came first.
#[test]
fn forms_of_two_years_without_a_year_ask_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert!(run(&["demo", "--db", db_arg]).status.success());
    let store = Store::open_read_only(&db).unwrap();
    for folder in ["2024", "2025"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
    }
    let older = write_forms(&store, 2024, &dir.path().join("2024")).unwrap();
    let newer = write_forms(&store, YEAR, &dir.path().join("2025")).unwrap();
    drop(store);
    for order in [[&older[0], &newer[0]], [&newer[0], &older[0]]] {
        let out = run(&[
            "import",
            "scores",
            "--db",
            db_arg,
            "--dry-run",
            order[0].to_str().unwrap(),
            order[1].to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("所选的自评表分属 2024、2025 年度：请用 --year 指定"),
            "{err}"
        );
    }
}
