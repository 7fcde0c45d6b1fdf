//! Publishing a year's results from the command line: what is asked first (a grade no unit
//! has, a missing or other year's 发文字号), the 发文字号 set as in the window, and a
//! publication after the notice went out.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::{demo_db, zerenshu};

/// The demo in `dir` with its published 2024 taken back to 考核 (to be published again).
fn demo_with_2024_withdrawn(dir: &std::path::Path) -> String {
    let db = demo_db(dir);
    let withdraw = ["--phase", "考核", "--reason", "重新核定等次"];
    let (code, _, err) =
        zerenshu(&[&["year", "--db", &db, "--year", "2024"][..], &withdraw].concat());
    assert_eq!(code, 0, "{err}");
    db
}

/// Publishing results whose notice wording names a grade no unit has (合格 narrowed to 60 up to
/// 61, and named in the reward paragraph) is asked about first: a script without --yes publishes nothing and says why; with
/// --yes it publishes.
#[test]
fn publishing_a_wording_that_names_an_unheld_grade_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with_2024_withdrawn(dir.path());
    let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    let mut year = store.year(2024).unwrap().unwrap();
    let band = |name: &str| {
        year.grade_bands
            .iter()
            .position(|b| b.name == name)
            .unwrap()
    };
    let (good, pass) = (band("良好"), band("合格"));
    year.grade_bands[good].min_total = zerenshu::model::Points::parse("61").unwrap();
    year.grade_bands[pass].min_total = zerenshu::model::Points::parse("60").unwrap();
    store.write(|w| w.update_year(&year, None)).unwrap();
    let mut wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
    wording.reward = "对考核等次为合格的单位予以提醒。".to_owned();
    zerenshu::workflow::notice::save_wording(&mut store, 2024, &wording).unwrap();
    drop(store);

    let publish = ["year", "--db", &db, "--year", "2024", "--phase", "已通报"];
    let (code, _, err) = zerenshu(&publish);
    assert_eq!(code, 1, "{err}");
    assert!(
        err.contains(
            "提示：本年度没有考核等次为“合格”的单位，奖惩段落却写到了该等次；措辞随发布锁定"
        ),
        "{err}"
    );
    assert!(err.contains("确认要执行请加 --yes"), "{err}");
    assert!(err.contains("未发布 2024 年度考核结果"), "{err}");
    let phase = |db: &str| {
        let store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
        store.year(2024).unwrap().unwrap().phase
    };
    assert_eq!(phase(&db), zerenshu::model::Phase::Assessing);

    // Not asked with --yes, but still said.
    let (code, out, err) = zerenshu(&[&publish[..], &["--yes"]].concat());
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("提示：本年度没有考核等次为“合格”的单位"),
        "{err}"
    );
    assert_eq!(phase(&db), zerenshu::model::Phase::Published);
}

#[test]
fn publishing_from_the_command_line_names_a_missing_document_number_before_it_asks() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, _, err) = zerenshu(&[
        "year", "--db", &db, "--year", "2024", "--phase", "考核", "--reason", "复核",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = document_number(&db, "", &[]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已清除 2024 年度通报的发文字号"), "{out}");
    assert!(out.contains("通报发文字号：未填"), "{out}");
    let publish = ["year", "--db", &db, "--year", "2024", "--phase", "已通报"];
    let (code, out, err) = zerenshu(&publish);
    assert_eq!(code, 1, "asked, not published: {out}{err}");
    assert!(err.contains("没有填写发文字号"), "{err}");
    assert!(err.contains("--year 2024 --document-number 文号"), "{err}");
    assert!(err.contains("未发布 2024 年度考核结果"), "{err}");
    let (code, out, err) = zerenshu(&[&publish[..], &["--yes"]].concat());
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已发布 2024 年度考核结果"), "{out}");
    // Said once, before: not again after it is done.
    assert_eq!(err.matches("没有填写发文字号").count(), 1, "{err}");
}

/// `year --document-number text` on 2024 in `db`, with `extra` options.
fn document_number(db: &str, text: &str, extra: &[&str]) -> (i32, String, String) {
    let args = [
        "year",
        "--db",
        db,
        "--year",
        "2024",
        "--document-number",
        text,
    ];
    zerenshu(&[&args[..], extra].concat())
}

/// The 发文字号 is set from the command line as in 通报措辞…: written clean, checked, locked
/// once published, and set after a withdrawal given with it.
#[test]
fn the_document_number_is_set_from_the_command_line_as_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let number = |text: &str, extra: &[&str]| document_number(&db, text, extra);
    let number_now = || {
        let store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
        zerenshu::workflow::notice::wording(&store, 2024)
            .unwrap()
            .document_number
    };
    let before = number_now();
    // Published: the wording is locked.
    let (code, _, err) = number("示政通〔2025〕9号", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("通报措辞不能再修改"), "{err}");
    assert_eq!(number_now(), before);
    // Withdrawn in the same command: set after it, written clean.
    let (code, out, err) = number(
        "示政通 [2025] 9 号",
        &["--phase", "考核", "--reason", "更正"],
    );
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("已保存 2024 年度通报的发文字号：示政通〔2025〕9号"),
        "{out}"
    );
    assert_eq!(number_now(), "示政通〔2025〕9号");
    // A year before the one assessed: refused, the number kept.
    let (code, _, err) = number("示政通〔2023〕9号", &[]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("早于考核年度 2024"), "{err}");
    assert_eq!(number_now(), "示政通〔2025〕9号");
    // Another value of the command refused: nothing saved, the number neither.
    let (code, _, err) = number("示政通〔2025〕10号", &["--bands", "优秀:90"]);
    assert_eq!(code, 2, "{err}");
    assert_eq!(number_now(), "示政通〔2025〕9号");
    // Publishing with the number cleared is asked about (as it will be, not as it is), and
    // declined, the number stays.
    let (code, _, err) = number("", &["--phase", "已通报"]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains("没有填写发文字号"), "{err}");
    assert_eq!(number_now(), "示政通〔2025〕9号");
}

/// A published year's first notice fixes its date: dated in another year than its 发文字号
/// says, it is written only with --yes, and then pointed out again.
#[test]
fn a_notice_dated_in_another_year_than_its_document_number_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    let notice = |extra: &[&str]| {
        let mut args = vec![
            "notice",
            "--db",
            &db,
            "--year",
            "2024",
            "--out",
            pdf.to_str().unwrap(),
            "--date",
            "2026-01-10",
        ];
        args.extend_from_slice(extra);
        zerenshu(&args)
    };
    // The demo's 2024 notice is 示政通〔2025〕3号.
    let mismatch = "发文字号“示政通〔2025〕3号”写的是 2025 年，成文日期 2026年1月10日 是另一年";
    let (code, _, err) = notice(&[]);
    assert_eq!(code, 1, "{err}");
    assert!(err.contains(mismatch), "{err}");
    assert!(err.contains("所以没有导出"), "{err}");
    assert!(!pdf.exists());
    let (code, _, err) = notice(&["--yes"]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains(&format!("提示：{mismatch}，请核对")), "{err}");
    assert!(pdf.exists());
}

/// Published again the same day after the notice went out: no entry says the publication date
/// changed to itself, and the issued notice's 成文日期 is said to await the next export rather
/// than to have been emptied.
#[test]
fn publishing_again_after_the_notice_went_out_logs_what_it_does() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let out = dir.path().join("通报.pdf");
    let (code, _, err) = zerenshu(&[
        "notice",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        out.to_str().unwrap(),
        "--yes",
    ]);
    assert_eq!(code, 0, "{err}");
    let year = ["year", "--db", &db, "--year", "2024"];
    // Twice: the second time published again on the day of the first.
    for round in 0..2 {
        let (code, _, err) =
            zerenshu(&[&year[..], &["--phase", "考核", "--reason", "更正一项评分"]].concat());
        assert_eq!(code, 0, "{err}");
        let (code, _, err) = zerenshu(&[&year[..], &["--phase", "已通报", "--yes"]].concat());
        assert_eq!(code, 0, "{err}");
        if round == 0 {
            // The corrected notice under a number of its own, as it must be.
            let (code, _, err) =
                zerenshu(&[&year[..], &["--phase", "考核", "--reason", "改发文字号"]].concat());
            assert_eq!(code, 0, "{err}");
            let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
            let mut wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
            // Of this year, as its date will be (today's).
            let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
            wording.document_number = format!("示政通〔{this_year}〕9号");
            zerenshu::workflow::notice::save_wording(&mut store, 2024, &wording).unwrap();
            drop(store);
            let (code, _, err) = zerenshu(&[&year[..], &["--phase", "已通报", "--yes"]].concat());
            assert_eq!(code, 0, "{err}");
            let again = dir.path().join("通报（更正）.pdf");
            let (code, _, err) = zerenshu(&[
                "notice",
                "--db",
                &db,
                "--year",
                "2024",
                "--out",
                again.to_str().unwrap(),
                "--yes",
            ]);
            assert_eq!(code, 0, "{err}");
        }
    }
    let store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    let entries = store.audit_entries(6).unwrap();
    let actions: Vec<&str> = entries.iter().map(|e| e.action.as_str()).collect();
    assert!(actions.contains(&"再次通报，成文日期待重定"), "{actions:?}");
    assert!(
        !entries
            .iter()
            .any(|e| e.action == "修改设置" && e.before_json == e.after_json),
        "{entries:?}"
    );
}

/// Published for the first time today, the notice is dated today: a 发文字号 of another year
/// is said before the wording is locked; published again (a day kept), it is not asked here.
#[test]
fn a_document_number_of_another_year_is_said_before_the_first_publication() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with_2024_withdrawn(dir.path());
    let note = |db: &str| {
        let store = zerenshu::store::Store::open(std::path::Path::new(db)).unwrap();
        zerenshu::workflow::statistics::statistics(&store, 2024)
            .unwrap()
            .publish_note
            .unwrap_or_default()
    };
    // A number of another year than this one, within the years a 2024 number may have
    // (2024 to 2026), whatever year it is now.
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    let written = if this_year == 2025 { 2024 } else { 2025 };
    let number = format!("示政通〔{written}〕3号");
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
        let mut wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
        wording.document_number.clone_from(&number);
        zerenshu::workflow::notice::save_wording(&mut store, 2024, &wording).unwrap();
    }
    let said =
        format!("发文字号“{number}”写的是 {written} 年，而今天发布后通报的成文日期默认为今天");
    // Published before: its day is kept, nothing said of the number.
    assert!(!note(&db).contains(&said), "{}", note(&db));
    // As if never published: the day published is today.
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM settings WHERE key = 'published_on.2024'", [])
        .unwrap();
    drop(conn);
    assert!(note(&db).contains(&said), "{}", note(&db));
    assert!(
        note(&db)
            .ends_with("措辞随发布锁定，如需修改，请先在“通报与统计 → 通报措辞…”中修改，再发布")
    );
}

/// A 发文字号 given with `year --phase 已通报` is the one the note reads, not the one it
/// replaces: its year is the one said (and asked about), whatever year it is now; this year's
/// is not asked about.
#[test]
fn the_document_number_given_with_the_publication_is_the_one_checked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_with_2024_withdrawn(dir.path());
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    // Two years a 2024 number may have (2024 to 2026), neither this one: the saved number
    // has one, the number given the other.
    let others: Vec<i32> = (2024..=2026).filter(|y| *y != this_year).collect();
    let (saved, other) = (others[0], others[1]);
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
        let mut wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
        wording.document_number = format!("示政通〔{saved}〕3号");
        zerenshu::workflow::notice::save_wording(&mut store, 2024, &wording).unwrap();
    }
    let conn = rusqlite::Connection::open(&db).unwrap();
    conn.execute("DELETE FROM settings WHERE key = 'published_on.2024'", [])
        .unwrap();
    drop(conn);
    let publish = |number: &str| {
        zerenshu(&[
            "year",
            "--db",
            &db,
            "--year",
            "2024",
            "--phase",
            "已通报",
            "--document-number",
            number,
        ])
    };
    let (code, out, err) = publish(&format!("示政通〔{other}〕5号"));
    assert_eq!(code, 1, "asked, not published: {out}{err}");
    assert!(err.contains(&format!("写的是 {other} 年")), "{err}");
    assert!(!err.contains(&format!("写的是 {saved} 年")), "{err}");
    // This year's number, given in place of the saved one: nothing to ask (from 2027 on, a
    // 2024 number cannot have this year: refused for its year, not asked about).
    let (code, out, err) = publish(&format!("示政通〔{this_year}〕5号"));
    assert!(!err.contains("写的是"), "{err}");
    if (2024..=2026).contains(&this_year) {
        assert_eq!(code, 0, "{out}{err}");
    } else {
        assert_eq!(code, 2, "{out}{err}");
        assert!(err.contains("比考核年度 2024 晚了"), "{err}");
    }
}
