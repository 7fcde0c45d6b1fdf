//! The `score` command: one score checked like a grid cell and written once, an indicator name
//! two share refused, one typed with straight quotes found, a year with nothing signed taking
//! no score, moving on to scoring saying what is unsigned.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::{demo_db, zerenshu};

#[test]
fn moving_on_to_scoring_says_what_is_still_unsigned() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = zerenshu(&["year", "--db", &db, "--year", "2025", "--phase", "考核"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("本年度还有 27 份责任书尚未签订；改阶段后仍可继续签订"),
        "{err}"
    );
    // A draft's score is saved, and said to be a draft's.
    let score = |unit: &str| score_cell(&db, "2025", unit, "组织领导", ("--self", "1"));
    let (code, out, err) = score("青山镇");
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("已保存 青山镇人民政府 组织领导"), "{out}");
    assert!(
        err.contains("青山镇人民政府的责任书尚未签订（草稿），评分照常保存"),
        "{err}"
    );
    // A signed one's is not.
    let (code, out, err) = score("响嘡街道");
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("尚未签订"), "{err}");
}

#[test]
fn one_score_is_checked_like_a_grid_cell_and_written_once() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let cell = [
        "--year",
        "2025",
        "--unit",
        "城关街道",
        "--indicator",
        "组织领导",
    ];
    let run = |extra: &[&str]| {
        let mut args = vec!["score", "--db", &db];
        args.extend(cell);
        args.extend(extra);
        zerenshu(&args)
    };
    for (value, message) in [
        ("9", "满分 6 分"),
        ("-1", "负数"),
        ("1.234", "两位小数"),
        ("五", "“五”"),
    ] {
        let (code, _, err) = run(&["--assessed", value]);
        assert_eq!(code, 2, "{value}: {err}");
        assert!(err.contains(message), "{value}: {err}");
    }
    // A year not on file is named as such, with the years there are.
    let (code, _, err) = score_cell(&db, "2026", "城关街道", "组织领导", ("--assessed", "1"));
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("找不到 2026 年度（现有："), "{err}");
    // A note with an escape sequence in it, or longer than a page, is refused whole.
    let (code, _, err) = run(&["--note", "台账\u{1b}[2J待补"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("评分说明中含有控制字符（U+001B）"), "{err}");
    let long = "字".repeat(1001);
    let (code, _, err) = run(&["--note", &long]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("评分说明不能超过 1000 个字"), "{err}");
    // A note alone is evidence, not a score: the year stays at 签订.
    let (code, out, err) = run(&["--note", "台账待补"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("评分说明已更新"), "{out}");
    assert!(!out.contains("已开始评分"), "{out}");

    // A note stored that long earlier (or by an older version) does not stop a score.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let updated = conn
        .execute(
            "UPDATE scores SET self_note = ?1 WHERE note = '台账待补'",
            [&long],
        )
        .unwrap();
    assert_eq!(updated, 1);
    drop(conn);
    let (code, out, err) = run(&["--assessed", "5.5", "--note", "台账齐全"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("考核组评分（空） → 5.5"), "{out}");
    // The first score of the year moves it to 考核, and says so.
    assert!(
        out.contains("已开始评分：2025 年度的阶段已转为“考核”"),
        "{out}"
    );
    let (code, out, _) = run(&["--assessed", "5.5", "--note", "台账齐全"]);
    assert_eq!(code, 0);
    assert!(out.contains("无变化"), "{out}");
    // No value given: the cell as it is, and how to change it.
    let (code, out, err) = run(&[]);
    assert_eq!(code, 0);
    assert!(
        out.contains("组织领导（满分 6 分）：自评分（空），考核组评分 5.5，评分说明“台账齐全”"),
        "{out}"
    );
    assert!(
        err.contains("（以上为查看，没有写入；要修改请加 --self"),
        "{err}"
    );
    // The unit's own note from its form is shown too, as the grid's 注 shows it.
    assert!(out.contains(&format!("，单位自评说明“{long}”")), "{out}");
    let store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    let changes = store
        .audit_entries(usize::MAX)
        .unwrap()
        .into_iter()
        .filter(|e| e.action == "修改评分" || e.action == "录入评分")
        .filter(|e| e.operator != zerenshu::store::DEMO_HISTORY_OPERATOR)
        .count();
    assert_eq!(changes, 2, "the note, then the score, each written once");
    drop(store);
    // A later score, with the year at 考核 already, says nothing of the phase.
    let (code, out, _) = run(&["--assessed", "5"]);
    assert_eq!(code, 0);
    assert!(out.contains("考核组评分 5.5 → 5"), "{out}");
    assert!(!out.contains("已开始评分"), "{out}");
    // An empty note takes it away, said so.
    let (code, out, err) = run(&["--note", ""]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("评分说明已删除"), "{out}");
    // An indicator named by part of its name is not guessed at: the names holding it are
    // offered, each quoted whole (a name may hold "、").
    let (code, _, err) = score_cell(&db, "2025", "城关街道", "党政同责", ("--assessed", "1"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("没有名为“党政同责”的；是否指“党政同责、一岗双责落实”？请写全指标名称"),
        "{err}"
    );
    // An empty value (a script's empty variable) wipes nothing; the word clears.
    let (code, _, err) = run(&["--assessed", ""]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("考核组评分是空的，没有写入；要清除已录入的考核组评分，请写“清除”"),
        "{err}"
    );
    let (code, out, err) = run(&["--assessed", "清除"]);
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("考核组评分 5 → （空）"), "{out}");
    let (code, _, _) = run(&["--assessed", "5"]);
    assert_eq!(code, 0);
    // 2024 is published: a change needs a reason.
    let published = |extra: &[&str]| {
        let mut args = vec!["score", "--db", &db, "--year", "2024"];
        args.extend([
            "--unit",
            "城关街道",
            "--indicator",
            "组织领导",
            "--assessed",
            "1",
        ]);
        args.extend(extra);
        zerenshu(&args)
    };
    let (code, _, err) = published(&[]);
    assert_eq!(code, 2);
    assert!(
        err.contains("已通报") && err.contains("加 --reason"),
        "{err}"
    );
    let (code, _, err) = published(&["--reason", "，"]);
    assert_eq!(code, 2);
    assert!(err.contains("只有空格、标点或数字不算理由"), "{err}");
    // The notice issued (exported since publishing): a correction makes it out of date.
    let notice = dir.path().join("通报.pdf");
    let (code, _, err) = crate::support::notice_2024(&db, notice.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{err}");
    // Corrected with a reason, it names the note it keeps, as the window does.
    let (code, out, err) = published(&["--reason", "复核更正"]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.contains("该项评分说明仍为“") && out.contains("请加 --note 一并修改"),
        "{out}"
    );
    // And says then that the notice issued no longer shows the results.
    assert!(
        err.contains("2024 年度的结果已通报，这次修改后与已印发的通报不同"),
        "{err}"
    );
    // Put back as it was published, the notice reads true again: no warning.
    let was = (out.split("考核组评分 ").nth(1))
        .and_then(|rest| rest.split(" → ").next())
        .unwrap_or_else(|| panic!("{out}"))
        .to_owned();
    let mut back = vec!["score", "--db", &db, "--year", "2024", "--unit", "城关街道"];
    back.extend([
        "--indicator",
        "组织领导",
        "--assessed",
        &was,
        "--reason",
        "改回",
    ]);
    let (code, _, err) = zerenshu(&back);
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("已印发的通报不同"), "{err}");
    // A 2025 score (not published) says nothing of it.
    let (_, _, err) = run(&["--assessed", "4"]);
    assert!(!err.contains("已印发的通报"), "{err}");
    // Changed again and withdrawn: the notice made now is not told to go back to 考核 (it is).
    let (code, _, err) = published(&["--reason", "复核更正"]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = zerenshu(&[
        "year", "--db", &db, "--year", "2024", "--phase", "考核", "--reason", "更正",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = crate::support::notice_2024(&db, notice.to_str().unwrap(), &[]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("本年度已撤回通报、回到“考核”阶段"), "{err}");
    assert!(!err.contains("把年度阶段改回"), "{err}");
}

#[test]
fn score_refuses_an_indicator_name_two_indicators_share() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // Saved by an older version, which let two indicators of a set share a name.
    let conn = rusqlite::Connection::open(&db).unwrap();
    let changed = conn
        .execute(
            "UPDATE indicators SET name = '组织领导'
             WHERE position = 2 AND set_id IN (SELECT id FROM indicator_sets WHERE year = 2025)",
            [],
        )
        .unwrap();
    assert!(changed > 0);
    drop(conn);
    let (code, _, err) = score_cell(&db, "2025", "城关街道", "组织领导", ("--assessed", "1"));
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("有 2 项名为“组织领导”（第 1、3 项），不知道是哪一项"),
        "{err}"
    );
}

#[test]
fn a_year_with_no_signed_agreement_takes_no_score_and_keeps_its_phase() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    for args in [
        vec![
            "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
        ],
        vec!["draft", "--db", &db, "--year", "2026"],
    ] {
        let (code, _, err) = zerenshu(&args);
        assert_eq!(code, 0, "{args:?}: {err}");
    }
    let score = |year: &str| score_cell(&db, year, "城关街道", "组织领导", ("--assessed", "5"));
    let (code, _, err) = score("2026");
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("2026 年度还没有已签订的责任书，不能评分"),
        "{err}"
    );
    let phase = |year: i32| {
        let opened = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
        opened.year(year).unwrap().unwrap().phase
    };
    assert_eq!(phase(2026), zerenshu::model::Phase::Signing);
    // The way on is named, and a form import says so in its preview already.
    assert!(err.contains("把年度阶段改为“考核”"), "{err}");
    // The command to copy names this database, as every other hint does.
    let command = format!("zerenshu year --db \"{db}\" --year 2026 --phase 考核");
    assert!(err.contains(&command), "{err}");
    let form = crate::support::first_form(dir.path(), &db, "2026");
    let (code, said, err) = zerenshu(&[
        "import",
        "scores",
        "--db",
        &db,
        "--dry-run",
        form.to_str().unwrap(),
    ]);
    assert_ne!(code, 0);
    assert!(
        format!("{said}{err}").contains("2026 年度还没有已签订的责任书"),
        "{said}{err}"
    );
    // 2025 has signed agreements: scoring starts, and the copies still out are still late.
    let (code, out, err) = score("2025");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("已开始评分"), "{out}");
    assert_eq!(phase(2025), zerenshu::model::Phase::Assessing);
    let (_, out, _) = zerenshu(&["check", "--db", &db]);
    assert!(out.contains("签订提醒：2025 年度有 "), "{out}");
}

#[test]
fn an_indicator_is_found_by_its_name_typed_with_straight_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = score_cell(
        &db,
        "2025",
        "应急局",
        "\"三个必须\" 责任落实",
        ("--self", "7"),
    );
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("已保存 示例市应急管理局 “三个必须”责任落实"),
        "{out}"
    );
}

/// `zerenshu score` on one cell of `db`: the year, unit and indicator, and the half with its
/// value (("--assessed", "5")); the exit code, stdout and stderr.
fn score_cell(
    db: &str,
    year: &str,
    unit: &str,
    indicator: &str,
    (half, value): (&str, &str),
) -> (i32, String, String) {
    zerenshu(&[
        "score",
        "--db",
        db,
        "--year",
        year,
        "--unit",
        unit,
        "--indicator",
        indicator,
        half,
        value,
    ])
}

/// A reason where none is needed (the year not published) is kept with the change, and said.
#[test]
fn a_reason_before_publication_is_kept_and_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, err) = zerenshu(&[
        "score",
        "--db",
        &db,
        "--year",
        "2025",
        "--unit",
        "新华街道",
        "--indicator",
        "组织领导",
        "--self",
        "5",
        "--reason",
        "单位补交材料",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains(
            "2025 年度尚未通报，修改评分不需要 --reason；所写理由已随这次修改记入操作记录"
        ),
        "{err}"
    );
}
