//! A notice before publication: 草稿 on every page and in the file's properties, an export
//! made then counted as a draft once published, and bands changed in the save that publishes
//! refused.

use std::process::Command;

use zerenshu::pdf::fonts::FontSet;
use zerenshu::pdf::notice::{notice_pages, notice_pdf};
use zerenshu::pdf::page::Item;
use zerenshu::pdf::writer::FontCache;

use super::demo;

use crate::support::demo_store;

#[test]
fn a_notice_before_publication_says_draft_on_every_page() {
    let (_, _, content) = demo();
    let fonts = FontSet::shipped();
    let watermarked = |pages: &[zerenshu::pdf::page::Page]| -> usize {
        (pages.iter())
            .filter(|p| matches!(p.items.first(), Some(Item::Watermark(w)) if w == "草稿"))
            .count()
    };
    assert!(!content.is_draft, "2024 is published");
    assert_eq!(watermarked(&notice_pages(&fonts, &content)), 0);
    let draft = zerenshu::document::NoticeContent {
        is_draft: true,
        ..content
    };
    let pages = notice_pages(&fonts, &draft);
    assert!(
        pages.iter().any(|p| p.items.len() == 1),
        "the demo's notice has a blank page before its 版记"
    );
    assert_eq!(
        watermarked(&pages),
        pages.len(),
        "every page, the blank one too"
    );
    // A copy of the issued notice whose results changed since says so on every page.
    let altered = zerenshu::document::NoticeContent {
        is_draft: false,
        is_altered: true,
        ..draft.clone()
    };
    let marked = notice_pages(&fonts, &altered);
    assert!(
        marked
            .iter()
            .all(|p| matches!(p.items.first(), Some(Item::Watermark(w)) if w == "非印发件")),
        "every page"
    );
    // The file's properties say so too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.pdf");
    std::fs::write(&path, notice_pdf(&FontCache::new(&fonts), &draft).unwrap()).unwrap();
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Subject:") && l.contains("（草稿）")),
        "{info}"
    );
}

/// A notice exported while the results were being scored is a draft: once they are published
/// it is out of date as such, and said to be the draft.
#[test]
fn a_notice_exported_before_publishing_is_a_draft_once_published() {
    use zerenshu::model::Phase;
    use zerenshu::store::{IssuedAs, ResultFile};
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("核对分数")))
        .unwrap();
    store
        .write(|w| {
            w.record_result_export(
                2024,
                (ResultFile::Notice, "通报（草稿）.pdf"),
                IssuedAs::default(),
            )
        })
        .unwrap();
    let before = store
        .result_export(2024, ResultFile::Notice)
        .unwrap()
        .unwrap();
    assert!(!before.is_draft_before_publication && !before.is_stale());
    year.phase = Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let after = store
        .result_export(2024, ResultFile::Notice)
        .unwrap()
        .unwrap();
    assert!(after.is_draft_before_publication && after.is_stale());
    // The spreadsheet is the same draft or not: publishing does not outdate it.
    store
        .write(|w| {
            w.record_result_export(
                2024,
                (ResultFile::Summary, "汇总.xlsx"),
                IssuedAs::default(),
            )
        })
        .unwrap();
    let summary = store
        .result_export(2024, ResultFile::Summary)
        .unwrap()
        .unwrap();
    assert!(!summary.is_draft_before_publication);
}

/// Bands changed in the same save that publishes would grade the units anew, unseen: refused,
/// and nothing saved; saved first, the year publishes.
#[test]
fn bands_changed_in_the_save_that_publishes_are_refused() {
    let mut store = crate::support::demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("核对分数")))
        .unwrap();
    let mut edited = year.clone();
    edited.grade_bands[0].min_total = zerenshu::model::Points::parse("95").unwrap();
    edited.phase = zerenshu::model::Phase::Published;
    let refused = zerenshu::workflow::notice::save_year(&mut store, &edited, None).unwrap_err();
    assert!(refused.contains("同时修改了等次分数线或满分"), "{refused}");
    assert_eq!(store.year(2024).unwrap().unwrap(), year);
    edited.phase = zerenshu::model::Phase::Assessing;
    zerenshu::workflow::notice::save_year(&mut store, &edited, None).unwrap();
    edited.phase = zerenshu::model::Phase::Published;
    zerenshu::workflow::notice::save_year(&mut store, &edited, None).unwrap();
    assert!(store.is_published(2024).unwrap());
}

/// A notice issued, the results withdrawn: publishing again under the same 发文字号 is warned
/// before it is done (a correction is a new document); with a new number, not.
#[test]
fn publishing_again_under_an_issued_notice_s_number_is_warned() {
    use zerenshu::workflow::notice;
    let dir = tempfile::tempdir().unwrap();
    let mut store = crate::support::demo_store();
    let number = notice::wording(&store, 2024).unwrap().document_number;
    assert!(!number.is_empty(), "the demo's 2024 notice has a number");
    // Issued, then exported again (a copy, "通报（2）.pdf"): the first is the notice issued.
    let issued = chrono::NaiveDate::from_ymd_opt(2025, 3, 20)
        .unwrap()
        .and_hms_opt(9, 30, 0)
        .unwrap();
    for (minutes, name) in [(0, "通报.pdf"), (5, "通报（2）.pdf")] {
        store.set_clock(issued + chrono::Duration::minutes(minutes));
        notice::remember_export(
            &mut store,
            2024,
            zerenshu::store::ResultFile::Notice,
            &dir.path().join(name),
        );
    }
    assert_eq!(store.issued_notice_numbers(2024).unwrap().len(), 2);
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("更正评分")))
        .unwrap();
    let said = notice::republish_note(&store, 2024, None).unwrap().unwrap();
    assert!(
        said.contains(&format!(
            "本年度已印发过发文字号为“{number}”的通报（2025年3月20日 09:30 导出）"
        )),
        "{said}"
    );
    // Published all the same: the notice is not exported under that number.
    let mut published = year.clone();
    published.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&published, None)).unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 28).unwrap();
    let refused = notice::issued_date_refusal(&store, 2024, date).unwrap();
    assert!(
        refused.starts_with(&format!("发文字号“{number}”已用于此前印发的 2024 年度通报")),
        "{refused}"
    );
    // Said before the export dialog too: the screen's export button is greyed with it.
    let statistics = zerenshu::workflow::statistics::statistics(&store, 2024).unwrap();
    assert_eq!(statistics.notice_refusal.as_deref(), Some(refused.as_str()));
    store
        .write(|w| w.update_year(&year, Some("改用新文号")))
        .unwrap();
    // A new number for the correction: nothing to warn of.
    let mut wording = notice::wording(&store, 2024).unwrap();
    wording.document_number = "示政通〔2026〕9号".to_owned();
    let json = serde_json::to_string(&wording).unwrap();
    let key = notice::wording_key(2024);
    store.write(|w| w.set_setting(&key, &json)).unwrap();
    assert_eq!(notice::republish_note(&store, 2024, None).unwrap(), None);
}

/// The command line asks the same before publishing again under the issued number.
#[test]
fn the_year_command_warns_of_an_issued_notice_s_number_too() {
    use zerenshu::workflow::notice;
    let dir = tempfile::tempdir().unwrap();
    let db = crate::support::demo_db(dir.path());
    {
        let mut store = zerenshu::store::Store::open(std::path::Path::new(&db)).unwrap();
        let out = dir.path().join("通报.pdf");
        notice::remember_export(&mut store, 2024, zerenshu::store::ResultFile::Notice, &out);
        let mut year = store.year(2024).unwrap().unwrap();
        year.phase = zerenshu::model::Phase::Assessing;
        store
            .write(|w| w.update_year(&year, Some("更正评分")))
            .unwrap();
    }
    let (code, out, err) =
        crate::support::zerenshu(&["year", "--db", &db, "--year", "2024", "--phase", "已通报"]);
    assert_eq!(code, 1, "asked, not done: {out}{err}");
    assert!(err.contains("本年度已印发过发文字号为"), "{err}");
}
