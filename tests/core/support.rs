//! What the core tests share: the demo in a store or a file, and the program run as a clerk
//! or a script runs it, with what it said.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use zerenshu::store::Store;

/// A store in memory loaded with the demo.
pub(crate) fn demo_store() -> Store {
    let mut store = Store::open_in_memory().unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    store
}

/// The demo in `zerenshu.sqlite3` of `dir`, closed again; the file's path.
pub(crate) fn demo_file(dir: &Path) -> PathBuf {
    let path = dir.join("zerenshu.sqlite3");
    let mut store = Store::open(&path).unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    path
}

/// Changes the text of the first 2025 已定稿 agreement in the database at `path` behind the
/// freeze trigger's back (dropped first), as a tool editing the file directly could.
pub(crate) fn alter_a_frozen_text(path: &Path) {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch(
        "DROP TRIGGER agreements_frozen_text;
         UPDATE agreements SET issued_json = replace(issued_json, '示例市', '某市')
         WHERE id = (SELECT min(id) FROM agreements WHERE year = 2025 AND status = 'final');",
    )
    .unwrap();
}

/// A demo database in `dir`, made by the command `zerenshu demo`; its path as typed.
pub(crate) fn demo_db(dir: &Path) -> String {
    let db = dir.join("demo.sqlite3");
    let db = db.to_str().unwrap().to_owned();
    let (code, out, err) = zerenshu(&["demo", "--db", &db]);
    assert_eq!(code, 0, "{out}{err}");
    db
}

/// The program, to be given its arguments (and any environment) by the caller.
pub(crate) fn zerenshu_command() -> Command {
    Command::new(env!("CARGO_BIN_EXE_zerenshu"))
}

/// The exit code (-1 when killed), standard output and standard error of a run.
pub(crate) fn said(output: &Output) -> (i32, String, String) {
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

/// Runs the program with `args`: its exit code, standard output and standard error.
pub(crate) fn zerenshu(args: &[&str]) -> (i32, String, String) {
    said(&zerenshu_command().args(args).output().unwrap())
}

/// `notice` of the demo's 2024 (published) into `pdf`, replacing a file there, with `extra`
/// arguments.
pub(crate) fn notice_2024(db: &str, pdf: &str, extra: &[&str]) -> (i32, String, String) {
    let mut args = vec![
        "notice", "--db", db, "--year", "2024", "--out", pdf, "--force",
    ];
    args.extend(extra);
    zerenshu(&args)
}

/// `zerenshu year --db DB --year YEAR --signing-date DATE`: sets a year's planned signing date.
pub(crate) fn set_signing_date(db: &str, year: i32, date: &str) -> (i32, String, String) {
    zerenshu(&[
        "year",
        "--db",
        db,
        "--year",
        &year.to_string(),
        "--signing-date",
        date,
    ])
}

/// Runs the program in `folder`, as a clerk who typed paths relative to it.
pub(crate) fn zerenshu_in(folder: &Path, args: &[&str]) -> (i32, String, String) {
    said(
        &zerenshu_command()
            .args(args)
            .current_dir(folder)
            .output()
            .unwrap(),
    )
}

/// The names of the files in `dir`, sorted.
pub(crate) fn file_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Exports `unit`'s agreement of 2025 from `db` into a new folder `out` under `dir`, by the
/// command, and returns the file written.
pub(crate) fn export_unit(dir: &Path, db: &str, unit: &str) -> PathBuf {
    let out = dir.join("out");
    std::fs::create_dir(&out).unwrap();
    let folder = out.to_str().unwrap();
    let (code, stdout, err) = zerenshu(&[
        "export", "--db", db, "--year", "2025", "--out", folder, "--unit", unit,
    ]);
    assert_eq!(code, 0, "{stdout}{err}");
    let file = std::fs::read_dir(&out).unwrap().next().unwrap().unwrap();
    file.path()
}

/// `zerenshu forms` for `year` into a new folder in `dir`: the first form written.
pub(crate) fn first_form(dir: &Path, db: &str, year: &str) -> PathBuf {
    let forms = dir.join(format!("自评表-{year}"));
    std::fs::create_dir(&forms).unwrap();
    let out = forms.to_str().unwrap();
    let (code, _, err) = zerenshu(&["forms", "--db", db, "--year", year, "--out", out]);
    assert_eq!(code, 0, "{err}");
    std::fs::read_dir(&forms)
        .unwrap()
        .next()
        .unwrap()
        .unwrap()
        .path()
}
