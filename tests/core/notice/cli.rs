//! `zerenshu notice`: the notice written with its date kept or questioned, refused while units
//! are unscored, and said to be no copy of the one issued once results were corrected.

use std::process::Command;

use zerenshu::pdf::fonts::FontSet;
use zerenshu::store::Store;

use super::pdf_text;

#[test]
fn the_cli_writes_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = dir.path().join("通报.pdf");
    let bin = env!("CARGO_BIN_EXE_zerenshu");
    let demo = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "demo"])
        .output()
        .unwrap();
    assert!(demo.status.success());
    // Back at 考核, the notice is a draft for checking, whose date is still open.
    let phase = |phase: &str| {
        let run = Command::new(bin)
            .args(["--db", db.to_str().unwrap(), "year", "--year", "2024"])
            .args(["--phase", phase, "--reason", "重新核对"])
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    };
    phase("考核");
    let notice = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "notice", "--year", "2024"])
        .args(["--out", out.to_str().unwrap(), "--date", "2025-03-05"])
        .output()
        .unwrap();
    assert!(
        notice.status.success(),
        "{}",
        String::from_utf8_lossy(&notice.stderr)
    );
    let text = pdf_text(&std::fs::read(&out).unwrap());
    assert!(text.contains("2025年3月5日"));
    assert!(text.contains("考核结果的通报"));
    // Made again without a date, the notice keeps the date the last one was made with (the
    // draft checked and the copy issued carry one date).
    let again = dir.path().join("通报（正式）.pdf");
    let notice = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "notice", "--year", "2024"])
        .args(["--out", again.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(notice.status.success());
    assert!(pdf_text(&std::fs::read(&again).unwrap()).contains("2025年3月5日"));
    // A date within the year but long before its results is questioned; one before the year
    // is refused, as in the window.
    let run = |date: &str, name: &str| {
        Command::new(bin)
            .args(["--db", db.to_str().unwrap(), "notice", "--year", "2024"])
            .args([
                "--out",
                dir.path().join(name).to_str().unwrap(),
                "--date",
                date,
            ])
            .output()
            .unwrap()
    };
    let unusual = run("2024-03-05", "早.pdf");
    assert!(unusual.status.success());
    let said = String::from_utf8_lossy(&unusual.stderr);
    // (Taken back to 考核 above: the season begins the usual dates, not the day it was
    // published before.)
    assert!(
        said.contains("提示：成文日期 2024年3月5日，通常在 2024年12月1日 至"),
        "{said}"
    );
    let before = run("2023-12-31", "更早.pdf");
    assert_eq!(before.status.code(), Some(2));
    let said = String::from_utf8_lossy(&before.stderr);
    assert!(said.contains("成文日期不能早于 2024 年度"), "{said}");
    assert!(!dir.path().join("更早.pdf").exists());
    // Published, the first notice exported is the one issued: it takes the date last used,
    // and later exports are copies of it, which keep that date.
    phase("已通报");
    let issued = run("2025-03-18", "正式.pdf");
    assert!(issued.status.success());
    // Said of the notice as of the agreements: office fonts missing here are named.
    let fonts = FontSet::with_installed();
    if let Some(warning) = zerenshu::pdf::font_roles::missing_office_fonts_warning(&fonts) {
        let said = String::from_utf8_lossy(&issued.stderr);
        assert!(said.contains(&warning), "{said}");
    }
    let other = run("2025-03-20", "改日期.pdf");
    assert_eq!(other.status.code(), Some(2));
    let said = String::from_utf8_lossy(&other.stderr);
    assert!(
        said.contains("通报已按成文日期 2025年3月18日 导出印发") && said.contains("日期不变"),
        "{said}"
    );
    assert!(!dir.path().join("改日期.pdf").exists());
    assert!(run("2025-03-18", "副本.pdf").status.success());
    // Published again after a correction, the notice is dated anew, under a 发文字号 of its
    // own: the issued one's is asked about before publishing.
    phase("考核");
    let again = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "year", "--year", "2024"])
        .args(["--phase", "已通报"])
        .output()
        .unwrap();
    assert_eq!(again.status.code(), Some(1));
    let said = String::from_utf8_lossy(&again.stderr);
    assert!(said.contains("本年度已印发过发文字号为"), "{said}");
    {
        let mut store = Store::open(&db).unwrap();
        let mut wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
        // Of the year it is published again in.
        let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
        wording.document_number = format!("示政通〔{this_year}〕8号");
        let json = serde_json::to_string(&wording).unwrap();
        let key = zerenshu::workflow::notice::wording_key(2024);
        store.write(|w| w.set_setting(&key, &json)).unwrap();
    }
    phase("已通报");
    // Dated long before it was published again (today): asked about, not fixed untold.
    let early = run("2025-03-20", "更正.pdf");
    assert_eq!(early.status.code(), Some(1));
    let said = String::from_utf8_lossy(&early.stderr);
    let today = chrono::Local::now().date_naive();
    let published = format!(
        "考核结果于 {} 通报",
        zerenshu::model::dates::show_date(today)
    );
    assert!(
        said.contains(&published) && said.contains("请加 --yes"),
        "{said}"
    );
    assert!(!dir.path().join("更正.pdf").exists());
    // Dated before the notice it corrects: refused, not asked about.
    let before_issued = run("2025-03-10", "更早的更正.pdf");
    assert_eq!(before_issued.status.code(), Some(2));
    let said = String::from_utf8_lossy(&before_issued.stderr);
    assert!(
        said.contains("此前印发的通报成文日期为 2025年3月18日"),
        "{said}"
    );
    assert!(!dir.path().join("更早的更正.pdf").exists());
    assert!(run(&today.to_string(), "更正.pdf").status.success());
    let text = pdf_text(&std::fs::read(dir.path().join("更正.pdf")).unwrap());
    let dated = zerenshu::model::dates::show_date(today);
    assert!(text.contains(&dated), "{text}");
}

#[test]
fn the_cli_refuses_the_notice_while_units_are_unscored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = dir.path().join("通报.pdf");
    let bin = env!("CARGO_BIN_EXE_zerenshu");
    let demo = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "demo"])
        .output()
        .unwrap();
    assert!(demo.status.success());
    let notice = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "notice", "--year", "2025"])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&notice.stderr);
    assert!(!notice.status.success());
    assert!(
        stderr.contains("2025 年度还有 45 个单位未评分或未评完（"),
        "{stderr}"
    );
    assert!(!out.exists(), "no notice is written");
}

#[test]
fn a_notice_made_after_its_results_were_corrected_says_it_is_no_copy_of_the_one_issued() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let bin = env!("CARGO_BIN_EXE_zerenshu");
    let run = |args: &[&str]| {
        Command::new(bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["demo"]).status.success());
    let make = |name: &str| {
        let out = dir.path().join(name);
        let made = run(&["notice", "--year", "2024", "--out", out.to_str().unwrap()]);
        assert!(made.status.success(), "{made:?}");
        String::from_utf8(made.stderr).unwrap()
    };
    let warning = "本文件按现在的结果生成，与已印发的通报不同";
    assert!(!make("原样.pdf").contains(warning));
    let mut register = Store::open(&db).unwrap();
    let mut corrected = register.scores(2024).unwrap().remove(0);
    corrected.assessed_score = Some(zerenshu::model::Points::ZERO);
    register
        .write(|w| w.change_score(&corrected, Some("复核更正")))
        .unwrap();
    drop(register);
    let said = make("更正后.pdf");
    assert!(
        said.contains(&format!(
            "又修改过 1 次（评分、加扣分或一票否决），{warning}"
        )),
        "{said}"
    );
}
