//! The command line for a year's settings, a unit import's preview, `demo --force` against a
//! held database, and `check` on an orphaned row and an old file.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::support::{demo_db, set_signing_date, zerenshu};

#[test]
fn year_settings_are_shown_changed_and_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, out, _) = zerenshu(&["year", "--db", &db, "--year", "2025"]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("年度阶段：签订"), "{out}");
    // 2025 is not scored yet: it cannot be published, and nothing of the change is saved.
    let (code, _, err) = zerenshu(&[
        "year",
        "--db",
        &db,
        "--year",
        "2025",
        "--signing-date",
        "2025-03-31",
        "--phase",
        "已通报",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("还不能改为“已通报”"), "{err}");
    assert!(err.contains("未评分或未评完"), "{err}");
    let (_, out, _) = zerenshu(&["year", "--db", &db, "--year", "2025"]);
    assert!(out.contains("年度阶段：签订"), "{out}");
    assert!(!out.contains("2025-03-31"), "{out}");
    // A day without its year is in the year set, as the window reads it.
    let set = |date: &str| {
        let args = [
            "year",
            "--db",
            &db,
            "--year",
            "2025",
            "--signing-date",
            date,
        ];
        zerenshu(&args)
    };
    let (code, _, err) = set("3月20日");
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = zerenshu(&["year", "--db", &db, "--year", "2025"]);
    assert!(out.contains("计划签订日期：2025年3月20日"), "{out}");
    let (code, _, err) = set("2月30日");
    assert_eq!(code, 2);
    assert!(err.contains("2025年2月没有30日"), "{err}");
    // A year and a month is no month 2025: how to write the date is said.
    let (code, _, err) = set("2025-3");
    assert_eq!(code, 2);
    assert!(err.contains("应写成 2025-03-15"), "{err}");
    // 2024 is complete: leaving 已通报 needs a reason, publishing again does not.
    let (code, _, err) = zerenshu(&["year", "--db", &db, "--year", "2024", "--phase", "考核"]);
    assert_eq!(code, 2, "leaving 已通报 needs a reason");
    assert!(err.contains("请写明理由（加 --reason 理由）"), "{err}");
    let (code, out, err) = zerenshu(&[
        "year",
        "--db",
        &db,
        "--year",
        "2024",
        "--phase",
        "考核",
        "--reason",
        "通报有误，重新核分",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("已撤回 2024 年度考核结果的通报，阶段改为“考核”"),
        "{out}"
    );
    let store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    let audit = store.audit_entries(1).unwrap().remove(0);
    assert!(audit.after_json.unwrap().contains("通报有误，重新核分"));
    drop(store);
    let (code, out, err) = zerenshu(&["year", "--db", &db, "--year", "2024", "--phase", "已通报"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("年度阶段：已通报"), "{out}");
    assert!(
        out.contains("已发布 2024 年度考核结果，评分已锁定"),
        "{out}"
    );
    // A reason with nothing to change is said, not taken in silence.
    let (code, _, err) = zerenshu(&["year", "--db", &db, "--year", "2024", "--reason", "无"]);
    assert_eq!(code, 0);
    assert!(err.contains("未作任何修改"), "{err}");
    let store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    assert_eq!(
        store.year(2024).unwrap().unwrap().phase,
        zerenshu::model::Phase::Published
    );
    assert_eq!(
        store.audit_entries(1).unwrap().remove(0).action,
        "发布考核结果"
    );
    drop(store);
    let (code, _, err) = zerenshu(&["year", "--db", &db, "--year", "2025", "--full-score", "120"]);
    assert_eq!(code, 2, "2025's indicators are final");
    assert!(err.contains("满分不能再修改"), "{err}");
    let (code, out, err) = set_signing_date(&db, 2025, "2025年4月1日");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("计划签订日期：2025年4月1日"), "{out}");
    assert!(!err.contains("请确认年份"), "{err}");
    // A date of the year before is taken, and the likely slip said, as the window says it.
    let (code, out, err) = set_signing_date(&db, 2025, "2024-12-28");
    assert_eq!(code, 0, "{err}");
    assert!(out.contains("计划签订日期：2024年12月28日"), "{out}");
    assert!(
        err.contains("提示：计划签订日期 2024年12月28日 不在 2025 年内，请确认年份没有写错"),
        "{err}"
    );
    assert_eq!(err.matches("请确认年份").count(), 1, "said once: {err}");
    let (code, _, err) = set_signing_date(&db, 2025, "2019-03-20");
    assert_eq!(code, 2);
    assert!(
        !err.contains("请确认年份"),
        "refused, not questioned: {err}"
    );
    let (code, _, err) = set_signing_date(&db, 2025, "2030-01-01");
    assert_eq!(code, 2);
    assert!(
        err.contains("计划签订日期应在 2024 年至 2026 年之间"),
        "{err}"
    );
    let (code, _, err) = zerenshu(&["year", "--db", &db, "--year", "2025", "--phase", "筹备"]);
    assert_eq!(code, 2, "2025 has issued agreements");
    assert!(err.contains("不能回到“筹备”"), "{err}");
    let pdf = dir.path().join("early.pdf");
    let (code, _, err) = zerenshu(&[
        "notice",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        pdf.to_str().unwrap(),
        "--date",
        "2023-01-01",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("早于 2024 年度"), "{err}");
    assert!(!pdf.exists());
    let (code, _, err) = zerenshu(&["year", "--db", &db, "--year", "2025", "--phase", "结束"]);
    assert_eq!(code, 2);
    assert!(err.contains("未知的年度阶段“结束”"), "{err}");
    assert!(
        err.contains("preparing、signing、assessing、published"),
        "{err}"
    );
    // The codes in any case, as `list --status` takes them.
    let (code, out, _) = zerenshu(&["year", "--db", &db, "--year", "2025", "--phase", "Signing"]);
    assert_eq!(code, 0, "{out}");
    let (code, _, err) = zerenshu(&["year", "--db", &db, "--year", "2025", "--party-a", " "]);
    assert_eq!(code, 2);
    assert!(err.contains("甲方名称不能为空"), "{err}");
    // A negative full score is read as one, and refused in words.
    let (code, _, err) = zerenshu(&["year", "--db", &db, "--year", "2025", "--full-score", "-5"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("负数"), "{err}");
    // A tab or an escape sequence would print as nothing, or break the line.
    for (option, value, label) in [
        ("--party-a", "示例市\t人民政府", "甲方名称"),
        ("--signatory-name", "王\u{1b}[31m五", "甲方签字人姓名"),
    ] {
        let (code, _, err) = zerenshu(&["year", "--db", &db, "--year", "2025", option, value]);
        assert_eq!(code, 2, "{err}");
        assert!(
            err.contains(&format!("{label}中不能含有换行或控制字符")),
            "{err}"
        );
    }
    // A signatory cleared is allowed (not named yet), but said.
    let (code, _, err) = zerenshu(&[
        "year",
        "--db",
        &db,
        "--year",
        "2025",
        "-y",
        "--signatory-name",
        "",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("提示：甲方签字人姓名已清空"), "{err}");
    let (code, out, err) = zerenshu(&["year", "--db", &db, "--year", "2025"]);
    assert_eq!(code, 0, "{err}");
    // The title alone, with no space after it.
    assert!(out.contains("甲方签字人：副市长\n"), "{out}");
    // Changed while texts are frozen: said not to reach them.
    let (code, _, err) = zerenshu(&[
        "year",
        "--db",
        &db,
        "--year",
        "2025",
        "--party-a",
        "示例市人民政府办公室",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("份责任书正文中的甲方和签字人是定稿时的，不随之改变"),
        "{err}"
    );
    // 2024 is published: its notice was made from these settings, which stay.
    let (code, _, err) = zerenshu(&[
        "year",
        "--db",
        &db,
        "--year",
        "2024",
        "--party-a",
        "示例市安全生产委员会",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("考核结果已通报，年度设置"), "{err}");
}

#[test]
fn a_dry_run_import_previews_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let csv = dir.path().join("units.csv");
    std::fs::write(
        &csv,
        "单位名称,简称,单位类型,考核类别,负责人职务,负责人,联系人\n示例市档案馆,档案馆,部门,三类,馆长,甄若岚,柯以宁\n",
    )
    .unwrap();
    let before = std::fs::read(&db).unwrap();
    let dry_run = |csv: &std::path::Path| {
        zerenshu(&[
            "import",
            "units",
            "--db",
            &db,
            "--dry-run",
            csv.to_str().unwrap(),
        ])
    };
    let (code, out, err) = dry_run(&csv);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("新增 第 2 行：示例市档案馆（部门，三类，排序号 "),
        "{out}"
    );
    // The short name the grid, the file names and --unit go by.
    // Every field written is shown, the people's too.
    assert!(
        out.contains("，简称 档案馆，负责人职务 馆长，负责人 甄若岚，联系人 柯以宁）"),
        "{out}"
    );
    assert!(
        // Run as a script: --yes is named, without which nothing is written.
        out.contains("没有写入任何数据（去掉 --dry-run 并加 --yes 即写入）"),
        "{out}"
    );
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // A row refused: the way on is named, not "leave --dry-run out".
    let refused = dir.path().join("refused.csv");
    std::fs::write(
        &refused,
        "单位名称,简称,单位类型,考核类别\n示例市档案馆,档案馆,部门,三类\n示例市方志办,方志办,部门,九类\n",
    )
    .unwrap();
    let (code, out, err) = dry_run(&refused);
    assert_eq!(code, 1, "{out}{err}");
    assert!(out.contains("或加 --skip-rejected 只写入其余各行"), "{out}");
    assert!(!out.contains("即写入）"), "{out}");
    assert_eq!(std::fs::read(&db).unwrap(), before);
    // While a window holds the database, why it cannot be written now is said.
    let window = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    let (code, out, err) = dry_run(&csv);
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("正在使用此数据库，现在不能写入；能写入时去掉 --dry-run 即写入）"),
        "{out}"
    );
    drop(window);
}

#[test]
fn demo_force_refuses_a_database_another_window_holds() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let holder = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
    let (code, _, err) = zerenshu(&["demo", "--force", "--db", &db]);
    assert_ne!(code, 0);
    assert!(err.contains("同一时间只能有一处修改"), "{err}");
    assert_eq!(holder.units().unwrap().len(), 45);
    drop(holder);
    let (code, _, err) = zerenshu(&["demo", "--force", "--db", &db]);
    assert_eq!(code, 0, "{err}");
}

#[test]
fn demo_refuses_a_new_file_another_program_is_making() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("new.sqlite3");
    let held = zerenshu::store::lock::acquire_for_replace(&db, "另一个窗口").unwrap();
    let (code, _, err) = zerenshu(&["demo", "--db", db.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("同一时间只能有一处修改"), "{err}");
    assert!(!db.exists());
    drop(held);
    let (code, _, err) = zerenshu(&["demo", "--db", db.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    assert!(db.exists());
}

#[test]
fn restore_says_who_holds_the_database_before_anything_else() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let backup = dir.path().join("备份.sqlite3");
    let (code, _, err) = zerenshu(&["backup", "--db", &db, "--out", backup.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let held = zerenshu::store::lock::acquire_for_replace(std::path::Path::new(&db), "另一个窗口")
        .unwrap();
    let (code, out, err) = zerenshu(&["restore", "--db", &db, "--from", backup.to_str().unwrap()]);
    assert_ne!(code, 0);
    assert!(err.contains("同一时间只能有一处修改"), "{err}");
    assert!(out.is_empty(), "nothing of the backup said first: {out}");
    drop(held);
}

#[test]
fn check_fails_on_an_orphaned_row_and_on_an_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    {
        let conn = rusqlite::Connection::open(&db).unwrap();
        conn.execute_batch(
            "PRAGMA foreign_keys = OFF;
             INSERT INTO scores (agreement_id, indicator_id, self_score) VALUES (99999, 1, 0);",
        )
        .unwrap();
    }
    let (code, out, _) = zerenshu(&["check", "--db", &db]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("外键检查：1 处引用缺失"), "{out}");

    let old = dir.path().join("old.sqlite3");
    {
        let mut conn = rusqlite::Connection::open(&old).unwrap();
        conn.pragma_update(
            None,
            "application_id",
            zerenshu::store::schema::APPLICATION_ID,
        )
        .unwrap();
        zerenshu::store::schema::migrate_to(&mut conn, 3).unwrap();
    }
    let (code, out, _) = zerenshu(&["check", "--db", old.to_str().unwrap()]);
    // Sound, only older: not a failure, and said how to upgrade.
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("数据版本：3，需要升级"), "{out}");
    assert!(out.contains("结论：数据库正常（数据版本较旧"), "{out}");

    // A first start stopped after marking the file ours and before making its tables: said
    // in Chinese, as a file to be set up, never SQLite's "no such table".
    let unfinished = dir.path().join("unfinished.sqlite3");
    rusqlite::Connection::open(&unfinished)
        .unwrap()
        .pragma_update(
            None,
            "application_id",
            zerenshu::store::schema::APPLICATION_ID,
        )
        .unwrap();
    let (code, out, err) = zerenshu(&["check", "--db", unfinished.to_str().unwrap()]);
    assert!(!err.contains("no such table"), "{err}");
    assert!(out.contains("数据版本：0"), "{out}{err}");
    assert_eq!(code, 0, "{out}{err}");
}

#[test]
fn a_full_score_the_indicators_do_not_add_up_to_is_said() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, _, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{err}");
    // The planned signing date carried over (15 March) is said once it has passed.
    let carried = chrono::NaiveDate::from_ymd_opt(2026, 3, 15).unwrap();
    let passed = "2026 年度的计划签订日期沿用为 2026年3月15日，已经过去";
    assert_eq!(
        err.contains(passed),
        carried < chrono::Local::now().date_naive(),
        "{err}"
    );
    let (code, out, err) =
        zerenshu(&["year", "--db", &db, "--year", "2026", "--full-score", "120"]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("满分：120"), "{out}");
    assert!(
        err.contains("提示：考核指标分值合计 100，与满分 120 不一致"),
        "{err}"
    );
    // Put back, nothing is said.
    let (_, _, err) = zerenshu(&["year", "--db", &db, "--year", "2026", "--full-score", "100"]);
    assert!(!err.contains("不一致"), "{err}");
}

#[test]
fn a_print_file_of_drafts_only_says_they_are_drafts() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, _, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = zerenshu(&["draft", "--db", &db, "--year", "2026"]);
    assert_eq!(code, 0, "{err}");
    let print = dir.path().join("打印.pdf");
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2026",
        "--print",
        print.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("2026 年度的 45 份责任书都还是草稿，须先定稿")
            && err.contains("；审阅草稿请用 --out 导出 PDF"),
        "{err}"
    );
    assert!(!print.exists());
    // With --out given too: said that nothing was exported there either.
    let out = dir.path().join("导出");
    std::fs::create_dir(&out).unwrap();
    let (code, _, err) = zerenshu(&[
        "export",
        "--db",
        &db,
        "--year",
        "2026",
        "--out",
        out.to_str().unwrap(),
        "--print",
        print.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("；单份 PDF 也没有导出（审阅草稿只要单份 PDF，请去掉 --print）"),
        "{err}"
    );
}

#[test]
fn a_rollover_to_a_year_it_cannot_make_is_refused_before_anything_is_asked() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    // 2025 has agreements still out: a rollover that could go would ask first.
    let (code, _, err) = zerenshu(&["rollover", "--db", &db, "--from", "2025", "--to", "2027"]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("只能结转到下一年度"), "{err}");
    assert!(!err.contains("确认") && !err.contains("提示："), "{err}");
}

#[test]
fn a_planned_signing_date_in_another_year_is_pointed_out() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let (code, _, err) = set_signing_date(&db, 2025, "2026-03-01");
    assert_eq!(code, 0, "{err}");
    assert!(
        err.contains("提示：计划签订日期 2026年3月1日 不在 2025 年内，请确认年份没有写错"),
        "{err}"
    );
    let (code, _, err) = set_signing_date(&db, 2025, "2025-03-01");
    assert_eq!(code, 0, "{err}");
    assert!(!err.contains("不在 2025 年内"), "{err}");
}

/// The grade bands set from the command line, with the year settings' own checks: one band is
/// too few, a line out of order or a band without its line is said in words, nothing saved.
#[test]
fn grade_bands_are_set_from_the_command_line_and_refused_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let year = |bands: &str| zerenshu(&["year", "--db", &db, "--year", "2025", "--bands", bands]);
    let (code, out, err) = year("优秀：95，良好：85，合格：60，不合格：0");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        out.contains("等次分数线（以上含本数）：优秀 ≥95，良好 ≥85，合格 ≥60，不合格 ≥0"),
        "{out}"
    );
    // The names as before: the frozen texts still name them right, nothing to say.
    assert!(!err.contains("写的等次是定稿时的"), "{err}");
    // Renamed, while the year's frozen texts name the grades of their day: said.
    let (code, out, err) = year("优秀:90,较好:80,合格:60,不合格:0");
    assert_eq!(code, 0, "{out}{err}");
    assert!(
        err.contains("份责任书正文中写的等次是定稿时的，不随之改变"),
        "{err}"
    );
    let (code, _, _) = year("优秀：95，良好：85，合格：60，不合格：0");
    assert_eq!(code, 0);
    for (bands, said) in [
        ("不合格:0", "至少需要两个等次"),
        (
            "优秀:80,良好:90,不合格:0",
            "“良好”的 90 分不低于上一等次“优秀”的 80 分",
        ),
        // Out of order with a passing grade last: the order is what is wrong.
        (
            "优秀:90,不合格:0,良好:80",
            "“良好”的 80 分不低于上一等次“不合格”的 0 分",
        ),
        ("优秀 90,不合格:0", "“优秀 90”没有分数线"),
        ("优秀:九十,不合格:0", "等次“优秀”的分数线"),
        ("，", "等次分数线应写成"),
        ("优秀:90,优秀:0", "等次名称不能重复：“优秀”出现了不止一次"),
        // A band left out between two commas is a slip, not nothing.
        (
            "优秀:90,,不合格:0",
            "第 2 项是空的（两个分隔符之间没有内容）",
        ),
        ("一票否决:60,不合格:0", "等次名称不能含“否决”"),
    ] {
        let (code, _, err) = year(bands);
        assert_eq!(code, 2, "{bands}: {err}");
        assert!(err.contains(said), "{bands}: {err}");
        assert!(!err.contains("等次分数线：等次分数线"), "said once: {err}");
    }
    let (_, out, _) = zerenshu(&["year", "--db", &db, "--year", "2025"]);
    assert!(out.contains("优秀 ≥95，良好 ≥85"), "nothing saved: {out}");
    // A name printed in every agreement with a character no font has: refused, by its field.
    let (code, _, err) = zerenshu(&[
        "year",
        "--db",
        &db,
        "--year",
        "2025",
        "--signatory-name",
        "司马🔥和",
    ]);
    assert_eq!(code, 2, "{err}");
    assert!(
        err.contains("甲方签字人姓名中的“🔥”（U+1F525）现有字体都无法显示"),
        "{err}"
    );
}

/// The demo's 2025 set with the year command's `settings`, then rolled over into 2026: what
/// the rollover said on its standard error.
fn rollover_after(settings: &[&str]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let mut year = vec!["year", "--db", &db, "--year", "2025"];
    year.extend_from_slice(settings);
    let (code, _, err) = zerenshu(&year);
    assert_eq!(code, 0, "{err}");
    let (code, _, err) = zerenshu(&[
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ]);
    assert_eq!(code, 0, "{err}");
    err
}

/// A planned signing date typed in the wrong year is carried a year on as it is: the rollover
/// says so, as the window's question does.
#[test]
fn a_rollover_says_a_signing_date_carried_into_another_year() {
    let err = rollover_after(&["--signing-date", "2026-03-01"]);
    assert!(
        err.contains("2025 年度的计划签订日期不在 2025 年，顺延后为 2027年3月1日，不在 2026 年"),
        "{err}"
    );
    assert!(!err.contains("沿用的甲方签字人"), "{err}");
}

/// A 甲方 signatory's name left blank is carried into the new year: the rollover says so, as
/// the year command does when it is cleared.
#[test]
fn a_rollover_says_a_blank_signatory_carried_over() {
    let err = rollover_after(&["--signatory-name", ""]);
    assert!(
        err.contains("提示：2026 年度沿用的甲方签字人姓名为空：请用 zerenshu year")
            && err.contains("--signatory-name <姓名> 填写，否则起草的责任书中这一处留空"),
        "{err}"
    );
}

/// A year without agreements is not moved on to 考核 by `year --phase`, as the window greys it.
#[test]
fn a_year_without_agreements_is_not_set_to_assessing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let rollover = [
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ];
    let (code, out, err) = zerenshu(&rollover);
    assert_eq!(code, 0, "{out}{err}");
    let (code, out, err) = zerenshu(&["year", "--db", &db, "--year", "2026", "--phase", "考核"]);
    assert_ne!(code, 0, "{out}{err}");
    assert!(err.contains("本年度还没有责任书，不能改为“考核”"), "{err}");
    let (_, out, _) = zerenshu(&["year", "--db", &db, "--year", "2026"]);
    assert!(out.contains("筹备"), "{out}");
}
