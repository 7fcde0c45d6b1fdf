//! Imports on the command line: `import scores --dry-run` previews and writes nothing, and at a
//! terminal both imports ask 确认写入？ before writing (scripts are not asked, `--yes` skips it);
//! a missing file, a folder, a missing year or a file with only its header is said so first.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use zerenshu::cli::confirm::ask;
use zerenshu::io::score_forms::write_forms;
use zerenshu::model::Points;
use zerenshu::store::Store;

use super::score_forms::{Typed, fill, indicator_rows};

use crate::support::zerenshu;

/// A demo database and two copies of its first 2025 form: one with a self score of 0.5, one
/// with a refused "-2".
fn demo_with_forms(dir: &Path) -> (String, PathBuf, PathBuf) {
    let db = dir.join("demo.sqlite3");
    let db_arg = db.to_str().unwrap().to_owned();
    assert_eq!(zerenshu(&["demo", "--db", &db_arg]).0, 0);
    let forms = dir.join("forms");
    std::fs::create_dir(&forms).unwrap();
    let store = Store::open(&db).unwrap();
    let form = write_forms(&store, 2025, &forms).unwrap().remove(0);
    drop(store);
    let (indicators, column) = indicator_rows(&form);
    let good = dir.join("good.xlsx");
    fill(
        &form,
        &good,
        &[(indicators[0].0, column, Typed::Number(0.5))],
    );
    let bad = dir.join("bad.xlsx");
    fill(&form, &bad, &[(indicators[0].0, column, Typed::Text("-2"))]);
    (db_arg, good, bad)
}

fn first_self_score(db: &str) -> Option<Points> {
    let store = Store::open(Path::new(db)).unwrap();
    let agreement = store.agreements(2025).unwrap()[0].id;
    store
        .scores(2025)
        .unwrap()
        .into_iter()
        .filter(|s| s.agreement_id == agreement)
        .find_map(|s| s.self_score)
}

/// Runs `import scores` of 2025 with `flag` (`--dry-run`, `--yes` or none) on `form`.
fn import_scores(db: &str, flag: Option<&str>, form: &Path) -> (i32, String, String) {
    let mut args = vec!["import", "scores", "--db", db, "--year", "2025"];
    args.extend(flag);
    args.push(form.to_str().unwrap());
    zerenshu(&args)
}

#[test]
fn import_scores_dry_run_previews_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, good, bad) = demo_with_forms(dir.path());
    let before = first_self_score(&db);
    let (code, out, err) = import_scores(&db, Some("--dry-run"), &good);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("将修改 1 项") && out.contains("自评分"),
        "{out}"
    );
    assert!(out.contains("没有写入任何数据"), "{out}");
    assert_eq!(first_self_score(&db), before);
    // Without --year: the year the form was written for.
    let (code, out, err) = zerenshu(&[
        "import",
        "scores",
        "--db",
        &db,
        "--dry-run",
        good.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("将修改 1 项"), "{out}");
    let (code, out, err) = import_scores(&db, Some("--dry-run"), &bad);
    assert_eq!(code, 1, "a refused value fails the dry run: {out}{err}");
    assert!(out.contains("不能为负数"), "{out}");
    // Not told that leaving --dry-run out would write it.
    assert!(out.contains("去掉 --dry-run 也不会写入，须先改正"), "{out}");
    assert!(!out.contains("即写入）"), "{out}");
    // Not at a terminal, and with --yes: written without a question.
    let (code, out, err) = import_scores(&db, Some("--yes"), &good);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!out.contains("确认写入"), "{out}");
    assert_eq!(first_self_score(&db), Some(Points::parse("0.5").unwrap()));
}

#[test]
fn only_y_or_shi_goes_on() {
    for (answer, expected) in [
        ("y\n", true),
        ("Y\r\n", true),
        ("是\n", true),
        (" y \n", true),
        ("n\n", false),
        ("\n", false),
        ("", false),
        ("yes\n", true),
        ("YES\n", true),
        ("是的\n", true),
        ("否\n", false),
    ] {
        let mut shown = Vec::new();
        let said = ask(&mut answer.as_bytes(), &mut shown).unwrap();
        assert_eq!(said, expected, "{answer:?}");
        assert_eq!(String::from_utf8(shown).unwrap(), "确认写入？[y/N] ");
    }
}

/// Runs the program with a terminal as its standard input (through util-linux `script`),
/// typing `typed`; `None` where `script` is not installed.
fn at_a_terminal(args: &[&str], typed: &str) -> Option<(i32, String)> {
    use std::io::Write as _;
    let quoted: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_zerenshu"))
        .chain(args.iter().copied())
        .map(|arg| format!("'{}'", arg.replace('\'', r"'\''")))
        .collect();
    let mut child = std::process::Command::new("script")
        .args(["-q", "-e", "-c", &quoted.join(" "), "/dev/null"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    let mut stdin = child.stdin.take().unwrap();
    stdin.write_all(typed.as_bytes()).unwrap();
    let output = child.wait_with_output().unwrap();
    drop(stdin);
    Some((
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

#[cfg(target_os = "linux")]
#[test]
fn at_a_terminal_both_imports_ask_before_writing() {
    let dir = tempfile::tempdir().unwrap();
    let (db, good, _) = demo_with_forms(dir.path());
    let before = first_self_score(&db);
    let scores = [
        "import",
        "scores",
        "--db",
        &db,
        "--year",
        "2025",
        good.to_str().unwrap(),
    ];
    let Some((code, out)) = at_a_terminal(&scores, "n\n") else {
        eprintln!("util-linux script is not installed: the terminal is not tried");
        return;
    };
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("将修改") && out.contains("确认写入？[y/N]"),
        "{out}"
    );
    assert!(out.contains("没有写入任何数据"), "{out}");
    assert_eq!(first_self_score(&db), before);
    let (code, out) = at_a_terminal(&scores, "是\n").unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("已导入 1 项自评分"), "{out}");
    assert_eq!(first_self_score(&db), Some(Points::parse("0.5").unwrap()));

    let csv = dir.path().join("units.csv");
    std::fs::write(
        &csv,
        "单位名称,简称,单位类型,考核类别\n示例市档案馆,档案馆,部门,三类\n",
    )
    .unwrap();
    let units = ["import", "units", "--db", &db, csv.to_str().unwrap()];
    let (code, out) = at_a_terminal(&units, "\n").unwrap();
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("新增 第 2 行：示例市档案馆") && out.contains("确认写入？"),
        "{out}"
    );
    let count = || Store::open(Path::new(&db)).unwrap().units().unwrap().len();
    assert_eq!(count(), 45);
    let with_yes = [
        "import",
        "units",
        "--db",
        &db,
        "--yes",
        csv.to_str().unwrap(),
    ];
    let (code, out) = at_a_terminal(&with_yes, "").unwrap();
    assert_eq!(code, 0, "{out}");
    assert!(!out.contains("确认写入"), "{out}");
    assert_eq!(count(), 46);
}

#[test]
fn imports_say_what_is_wrong_with_the_file_or_year_before_reading() {
    let dir = tempfile::tempdir().unwrap();
    let (db, good, _) = demo_with_forms(dir.path());
    let missing = dir.path().join("无此文件.xlsx");
    let (code, _, err) = import_scores(&db, None, &missing);
    assert_eq!(code, 2);
    assert!(err.contains("文件不存在"), "{err}");
    let (code, _, err) = import_scores(&db, None, dir.path());
    assert_eq!(code, 2);
    assert!(err.contains("这是一个文件夹"), "{err}");
    let (code, _, err) = zerenshu(&[
        "import",
        "scores",
        "--db",
        &db,
        "--year",
        "2030",
        good.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("找不到 2030 年度"), "{err}");

    let header_only = dir.path().join("units.csv");
    std::fs::write(&header_only, "单位名称,简称,单位类型,考核类别\n").unwrap();
    let (code, out, err) = zerenshu(&[
        "import",
        "units",
        "--db",
        &db,
        header_only.to_str().unwrap(),
    ]);
    assert_eq!(code, 2, "{out}{err}");
    assert!(err.contains("文件中只有表头，没有单位"), "{err}");
}

/// A form named twice (also by another path to it) is read once and said so, not refused row
/// by row as "filled in already" by itself.
#[test]
fn a_form_named_twice_is_read_once() {
    let dir = tempfile::tempdir().unwrap();
    let (db, good, _) = demo_with_forms(dir.path());
    let before = first_self_score(&db);
    let other_path = dir.path().join("forms").join("..").join("good.xlsx");
    let (code, out, err) = zerenshu(&[
        "import",
        "scores",
        "--db",
        &db,
        "--year",
        "2025",
        "--yes",
        good.to_str().unwrap(),
        other_path.to_str().unwrap(),
        good.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}{err}");
    // Said once, with the times it was named.
    assert_eq!(
        err.matches("提示：文件指定了 3 次，只读一次").count(),
        1,
        "{err}"
    );
    assert!(out.contains("1 个文件："), "{out}");
    assert!(!out.contains("填写过"), "{out}");
    assert_ne!(first_self_score(&db), before, "the form was imported");
}

#[test]
fn a_restore_at_a_terminal_asks_its_own_question() {
    let mut output = Vec::new();
    let yes = zerenshu::cli::confirm::ask_with("确认恢复？", &mut "是\n".as_bytes(), &mut output)
        .unwrap();
    assert!(yes);
    assert_eq!(String::from_utf8(output).unwrap(), "确认恢复？[y/N] ");
    let mut output = Vec::new();
    assert!(
        !zerenshu::cli::confirm::ask_with("确认恢复？", &mut "\n".as_bytes(), &mut output).unwrap()
    );
}
