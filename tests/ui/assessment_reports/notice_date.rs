//! The notice export dialog's 成文日期: asked in Chinese form, refused or questioned beside
//! the field, an unusual date or one in another year than the 发文字号 asked about before it is
//! fixed for good, and a warning when results changed since the notice was issued.

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use zerenshu::model::Points;
use zerenshu::ui::{App, View};

use super::notice_harness;

use crate::support::{demo_store, retype_any, showing, window};

#[test]
fn the_notice_export_dialog_asks_for_the_date_in_chinese_form() {
    let mut harness = notice_harness();
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    // The date offered is the day 2024's results were published (recorded in the demo), and
    // said to be.
    harness.get_by_label("印在落款处");
    harness.get_by_label("成文日期默认为该年度发布考核结果之日");
    // 2024 is published: this export is the notice issued, its date kept from now on.
    harness.get_by_label_contains("这次导出的就是印发的通报");
    let dir = tempfile::tempdir().unwrap();
    // A day not on the calendar is named once, and 确定 waits for a good one.
    retype_any(&mut harness, "成文日期", "2025年2月30日");
    assert_eq!(
        harness
            .query_all_by_label("成文日期有误：2025年2月没有30日")
            .count(),
        1
    );
    harness.get_by_label("确定").click();
    harness.run();
    assert_eq!(
        harness
            .query_all_by_label_contains("2025年2月没有30日")
            .count(),
        1,
        "said once, not again under the dialog"
    );
    // A date before the year is refused in the dialog, not after it closed.
    retype_any(&mut harness, "成文日期", "2023年5月1日");
    harness.get_by_label_contains("成文日期不能早于 2024 年度");
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label("成文日期");
    // Within the year assessed: taken, but questioned beside the field.
    retype_any(&mut harness, "成文日期", "2024-06-01");
    harness.get_by_label_contains("2024年6月1日（通常在 2025年1月17日 至");
    // Long before the results were published: said why the usual dates begin there.
    harness.get_by_label_contains("之间，考核结果于 2025年3月18日 通报，请确认没有写错）");
    // Another year than its 发文字号's (示政通〔2025〕3号): questioned too.
    retype_any(&mut harness, "成文日期", "2026-01-10");
    harness.get_by_label(
        "2026年1月10日：发文字号“示政通〔2025〕3号”写的是 2025 年，与成文日期的年份不同，请核对",
    );
    for (label, text) in [
        ("成文日期", "2025-3-5"),
        ("路径", dir.path().to_str().unwrap()),
    ] {
        retype_any(&mut harness, label, text);
    }
    harness.get_by_label("印作“2025年3月5日”");
    harness.get_by_label("确定").click();
    harness.run();
    // The year is published: the notice exported is the one issued, and its date stays.
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    harness.get_by_label("2025年3月5日");
    harness.get_by_label_contains("再次导出的是同一份通报，日期不变");
    assert!(
        harness
            .query_by_label_contains("这次导出的就是印发的通报")
            .is_none()
    );
    assert!(
        harness.query_by_label("印在落款处").is_none(),
        "no field to change the date"
    );
    harness.get_by_label("取消").click();
    harness.run();
    let path = dir.path().join("2024年度考核结果通报.pdf");
    let text = std::process::Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text: String = String::from_utf8_lossy(&text.stdout)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(text.contains("2025年3月5日"), "{text}");
}

/// The notice export chooser of 2024 opened, `date` typed and `dir` as the folder: the
/// path the notice will be written to.
fn notice_chooser_filled(
    harness: &mut Harness<'static, App>,
    date: &str,
    dir: &std::path::Path,
) -> std::path::PathBuf {
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    for (label, text) in [("成文日期", date), ("路径", dir.to_str().unwrap())] {
        retype_any(harness, label, text);
    }
    dir.join("2024年度考核结果通报.pdf")
}

/// Runs frames until `path` is written by the export in the background (a second at most).
fn wait_for_file(harness: &mut Harness<'static, App>, path: &std::path::Path) {
    for _ in 0..50 {
        harness.run();
        if path.exists() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

/// A published year's first notice fixes its date: an unusual one (a slip for 2025) is asked
/// about at the first 确定 and taken at the second; retyping it takes the question away.
#[test]
fn an_unusual_date_that_would_be_fixed_for_good_is_asked_about_first() {
    let mut harness = notice_harness();
    let dir = tempfile::tempdir().unwrap();
    let path = notice_chooser_filled(&mut harness, "2099-1-1", dir.path());
    let asked = "日期无误请再点“确定”";
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains("成文日期2099年1月1日不在通常的 2025年1月17日 至");
    // The 发文字号's other year is said too, not only the date's range.
    harness.get_by_label_contains("之间；又，2099年1月1日：发文字号");
    harness.get_by_label_contains(asked);
    assert!(!path.exists(), "nothing exported at the first 确定");
    retype_any(&mut harness, "成文日期", "2099-1-2");
    assert!(harness.query_by_label_contains(asked).is_none());
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains("成文日期2099年1月2日不在通常的");
    assert!(!path.exists(), "another date is asked about again");
    harness.get_by_label("确定").click();
    wait_for_file(&mut harness, &path);
    assert!(path.exists(), "taken at the second 确定");
}

/// A published year's first notice dated in another year than its 发文字号 says is asked
/// about at the first 确定, and taken at the second; the message then says the date it went
/// out with.
#[test]
fn a_date_in_another_year_than_the_number_is_asked_about_before_it_is_fixed() {
    let mut harness = notice_harness();
    let dir = tempfile::tempdir().unwrap();
    let path = notice_chooser_filled(&mut harness, "2026-1-10", dir.path());
    let before = harness.get_by_label("确定").rect();
    harness.get_by_label("确定").click();
    harness.run();
    // The note beside the date gives way to the question: 确定 stays under the pointer for
    // the second click.
    let after = harness.get_by_label("确定").rect();
    assert!(
        (after.min.y - before.min.y).abs() < 0.5,
        "{before:?} {after:?}"
    );
    let asked =
        "发文字号“示政通〔2025〕3号”写的是 2025 年，与成文日期的年份不同，请核对；2024 年度已通报";
    harness.get_by_label_contains(asked);
    assert!(!path.exists(), "nothing exported at the first 确定");
    // Asked under the buttons, it is not said a second time beside the date.
    let said = "发文字号“示政通〔2025〕3号”写的是 2025 年，与成文日期的年份不同";
    assert_eq!(harness.get_all_by_label_contains(said).count(), 1);
    // Another date typed takes the question away; typed back, it is asked again.
    retype_any(&mut harness, "成文日期", "2025-12-20");
    assert!(harness.query_by_label_contains(asked).is_none());
    retype_any(&mut harness, "成文日期", "2026-1-10");
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label_contains(asked);
    assert!(!path.exists());
    harness.get_by_label("确定").click();
    wait_for_file(&mut harness, &path);
    assert!(path.exists(), "taken at the second 确定");
    harness.run();
    harness.get_by_label_contains("已导出考核结果通报（成文日期2026年1月10日）：");
}

/// A notice issued, then a result changed: the export dialog says, before the export, that the
/// file will not be the notice issued.
#[test]
fn the_notice_dialog_warns_when_results_changed_since_the_notice_was_issued() {
    let mut store = demo_store();
    let issued_on = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2024, issued_on, true);
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("导出的文件"),
    );
    let mut changed = store.scores(2024).unwrap().remove(0);
    changed.assessed_score = Some(Points::whole(1));
    store
        .write(|w| w.change_score(&changed, Some("复核更正")))
        .unwrap();
    let mut harness = window(Ok(store), showing(View::Notice, 2024), [1400.0, 1000.0]);
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    harness.get_by_label_contains("通报已按成文日期 2025年3月20日 印发，再次导出日期不变");
    assert!(harness.query_by_label_contains("同一份通报").is_none());
    harness.get_by_label_contains(
        "注意：2024 年度的结果在通报后又修改过 1 次，这次导出的文件按现在的结果生成",
    );
}

/// The results withdrawn after the notice was issued and published again: the correction's
/// date is refused in the dialog when it is before the notice it corrects, not after the
/// dialog closed.
#[test]
fn a_correction_dated_before_the_notice_it_corrects_is_refused_in_the_dialog() {
    use zerenshu::model::Phase;
    use zerenshu::workflow::notice;
    let (_dir, mut store, mut year) = issued_then_withdrawn();
    let mut wording = notice::wording(&store, 2024).unwrap();
    let this_year = chrono::Datelike::year(&chrono::Local::now().date_naive());
    wording.document_number = format!("示政通〔{this_year}〕8号");
    notice::save_wording(&mut store, 2024, &wording).unwrap();
    year.phase = Phase::Published;
    notice::save_year(&mut store, &year, None).unwrap();
    refuses_a_date_before_the_issued_one(store);
}

/// Withdrawn and not yet published again: the draft of the correction is not dated before
/// the notice it corrects either (its date could never be used).
#[test]
fn a_draft_correction_dated_before_the_notice_it_corrects_is_refused_too() {
    let (_dir, store, _) = issued_then_withdrawn();
    refuses_a_date_before_the_issued_one(store);
}

/// The notice export dialog on `store` refuses 2025-03-10, before the notice issued.
fn refuses_a_date_before_the_issued_one(store: zerenshu::store::Store) {
    let mut harness = window(Ok(store), showing(View::Notice, 2024), [1400.0, 1000.0]);
    harness.get_by_label("导出考核结果通报 PDF…").click();
    harness.run();
    retype_any(&mut harness, "成文日期", "2025-03-10");
    harness.get_by_label_contains(
        "2024 年度此前印发的通报成文日期为 2025年3月18日，更正的通报在它之后印发",
    );
    harness.get_by_label("确定").click();
    harness.run();
    harness.get_by_label("成文日期");
}

/// The demo with 2024's notice issued dated 2025-03-18, then the year withdrawn to 考核.
/// The folder the issued notice was written into is kept with them.
fn issued_then_withdrawn() -> (
    tempfile::TempDir,
    zerenshu::store::Store,
    zerenshu::model::Year,
) {
    use zerenshu::model::Phase;
    use zerenshu::workflow::notice;
    let mut store = demo_store();
    let issued = chrono::NaiveDate::from_ymd_opt(2025, 3, 18).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024年度考核结果通报.pdf");
    let (bytes, _) = notice::notice_for_year(&store, 2024, issued).unwrap();
    std::fs::write(&path, bytes).unwrap();
    notice::remember_issue_date(&mut store, 2024, issued, true);
    notice::remember_export(&mut store, 2024, zerenshu::store::ResultFile::Notice, &path);
    // Withdrawn to 考核.
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Assessing;
    notice::save_year(&mut store, &year, Some("更正等次")).unwrap();
    (dir, store, year)
}
