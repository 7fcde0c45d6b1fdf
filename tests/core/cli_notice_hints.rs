//! What the notice command says beside its work: no date for a refused notice, a change
//! before the notice is issued, where its date comes from and that an issued notice's date is
//! fixed, an unusual date refused without --yes, and a reused 发文字号 refused with the
//! commands that change it.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use crate::support::{demo_db, notice_2024, zerenshu};

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
