//! Publishing a year: the day recorded and the notice date offered from it, a draft exported
//! while the year is taken back, a year not begun, and the changes counted since publication
//! or since the notice issued.

use zerenshu::model::Points;
use zerenshu::workflow::rollover;

use crate::support::demo_store;

#[test]
fn publishing_a_year_records_the_day_the_notice_then_carries() {
    use zerenshu::workflow::notice::IssueDateSource;
    let mut store = demo_store();
    let today = chrono::Local::now().date_naive();
    assert_eq!(
        zerenshu::workflow::notice::default_issue_date(&store, 2024).unwrap(),
        chrono::NaiveDate::from_ymd_opt(2025, 3, 18).unwrap(),
        "the demo's 2024 results were published on 18 March 2025"
    );
    // Before 2025 is published and with no notice of it exported, the date offered is today,
    // and said to be so.
    let source = |store: &zerenshu::store::Store, year| {
        zerenshu::workflow::notice::default_issue_date_and_source(store, year).unwrap()
    };
    assert_eq!(source(&store, 2025), (today, IssueDateSource::Today));
    assert!(IssueDateSource::Today.explanation().starts_with("今天"));
    assert_eq!(source(&store, 2024).1, IssueDateSource::Published);
    let mut year = store.year(2025).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let recorded = store
        .setting(&zerenshu::store::published_on_key(2025))
        .unwrap();
    assert_eq!(recorded, Some(today.format("%Y-%m-%d").to_string()));
    assert_eq!(
        zerenshu::workflow::notice::default_issue_date(&store, 2025).unwrap(),
        today
    );
    assert_eq!(source(&store, 2025), (today, IssueDateSource::Published));
    let exported = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2025, exported, false);
    assert_eq!(
        source(&store, 2025),
        (exported, IssueDateSource::LastNotice)
    );
    // Its export recorded while published, that notice is the one issued: its date stays.
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2025,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("导出的文件"),
    );
    assert_eq!(source(&store, 2025), (exported, IssueDateSource::Issued));
    let later = chrono::NaiveDate::from_ymd_opt(2026, 3, 9).unwrap();
    let refusal = zerenshu::workflow::notice::issued_date_refusal(&store, 2025, later).unwrap();
    assert!(refusal.contains("2026年3月2日"), "{refusal}");
    assert_eq!(
        zerenshu::workflow::notice::issued_date_refusal(&store, 2025, exported),
        None
    );
    // A draft proofread before publication on the date offered fixes no date; one the clerk
    // chose does (a correction's: after the notice it corrects).
    let draft = chrono::NaiveDate::from_ymd_opt(2026, 3, 5).unwrap();
    let mut year = store.year(2025).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("复核"))).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2025, draft, false);
    assert_eq!(source(&store, 2025).0, exported, "unchanged by the draft");
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2025, draft, true);
    assert_eq!(source(&store, 2025), (draft, IssueDateSource::LastNotice));
    // Published again after its notice was issued: the corrected results are a notice of
    // their own, dated the day they are published again, and that day is the one on file.
    year.phase = zerenshu::model::Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert_eq!(source(&store, 2025), (today, IssueDateSource::Published));
    let publication = zerenshu::workflow::notice::publication(&store, 2025)
        .unwrap()
        .unwrap();
    let shown = zerenshu::model::dates::show_date(today);
    assert!(
        publication.starts_with(&format!("考核结果于 {shown} 发布")),
        "{publication}"
    );
}

/// A draft exported while a year is taken back is no issued notice: published again, the
/// year keeps its first day and the date the clerk chose.
#[test]
fn a_draft_exported_while_taken_back_leaves_the_notice_date_as_it_was() {
    use zerenshu::model::Phase;
    use zerenshu::workflow::notice::IssueDateSource;
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("复核"))).unwrap();
    let chosen = chrono::NaiveDate::from_ymd_opt(2025, 3, 25).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2024, chosen, true);
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("草稿.pdf"),
    );
    year.phase = Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert_eq!(
        zerenshu::workflow::notice::default_issue_date_and_source(&store, 2024).unwrap(),
        (chosen, IssueDateSource::LastNotice)
    );
    assert_eq!(
        store
            .setting(&zerenshu::store::published_on_key(2024))
            .unwrap()
            .as_deref(),
        Some("2025-03-18")
    );
}

#[test]
fn changes_after_publication_are_counted_until_the_year_is_published_again() {
    use zerenshu::model::Phase;
    let mut store = demo_store();
    // The demo entered 2024's results with the year: nothing changed since.
    assert_eq!(store.changes_since_published(2024).unwrap(), None);
    let adjustment = store.adjustments(2024).unwrap().remove(0);
    store
        .write(|w| w.delete_adjustment(adjustment.id, Some("重复录入")))
        .unwrap();
    let veto = store.vetoes(2024).unwrap().remove(0);
    store
        .write(|w| w.clear_veto(veto.agreement_id, Some("复核撤销")))
        .unwrap();
    // A note changed with a reason changes no published result.
    let score = store.scores(2024).unwrap().remove(0);
    store
        .write(|w| {
            w.change_score_note(
                score.agreement_id,
                score.indicator_id,
                "补记",
                Some("补记说明"),
            )
        })
        .unwrap();
    let changes = store.changes_since_published(2024).unwrap().unwrap();
    assert_eq!(changes.count, 2);
    assert!(changes.latest_at.is_some());
    // A score changed and put back, a bonus added and deleted again: the notice reads the
    // same, so they are no changes.
    let mut score = store.scores(2024).unwrap().remove(1);
    let published = score.assessed_score;
    for value in [Some(zerenshu::model::Points(0)), published] {
        score.assessed_score = value;
        store
            .write(|w| w.change_score(&score, Some("复核")))
            .unwrap();
    }
    let mut again = adjustment.clone();
    again.points = zerenshu::model::Points(50);
    let added = store
        .write(|w| w.add_adjustment(&again, Some("误录")))
        .unwrap();
    store
        .write(|w| w.delete_adjustment(added, Some("误录")))
        .unwrap();
    assert_eq!(store.changes_since_published(2024).unwrap(), Some(changes));
    // Another year's changes are not this one's.
    assert_eq!(store.changes_since_published(2023).unwrap(), None);
    // Taken back and published again: counted from the new publication. A published year
    // goes back to 考核 only, where its results are corrected.
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Signing;
    let refused = store
        .write(|w| w.update_year(&year, Some("更正")))
        .unwrap_err()
        .to_string();
    assert!(refused.contains("只能退回“考核”"), "{refused}");
    year.phase = Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("更正"))).unwrap();
    year.phase = Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert_eq!(store.changes_since_published(2024).unwrap(), None);
    // Published again, the year keeps the day it was first published (its notice's date).
    assert_eq!(
        store
            .setting(&zerenshu::store::published_on_key(2024))
            .unwrap()
            .as_deref(),
        Some("2025-03-18")
    );
}

/// The notice issued is the first one exported after publication: the changes made before it
/// are in it, and only those after it call for a correction.
#[test]
fn changes_are_counted_from_the_notice_issued_once_there_is_one() {
    let mut store = demo_store();
    let mut score = store.scores(2024).unwrap().remove(0);
    score.assessed_score = Some(Points::ZERO);
    store
        .write(|w| w.change_score(&score, Some("复核更正")))
        .unwrap();
    assert_eq!(
        store
            .changes_since_published(2024)
            .unwrap()
            .map(|c| c.count),
        Some(1),
        "no notice issued yet: counted from the publication"
    );
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("导出的文件"),
    );
    assert_eq!(store.changes_since_published(2024).unwrap(), None);
    score.assessed_score = Some(Points::whole(1));
    store
        .write(|w| w.change_score(&score, Some("再次复核")))
        .unwrap();
    // Exported again: a copy, not the notice issued, which the count still goes by.
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        std::path::Path::new("导出的文件"),
    );
    assert_eq!(
        store
            .changes_since_published(2024)
            .unwrap()
            .map(|c| c.count),
        Some(1)
    );
}

/// A year prepared ahead (the office drafts next year's agreements in December) cannot have
/// its results published before it begins; the dates offered for its notice are the months
/// after its assessment, not a single day.
#[test]
fn a_year_not_begun_is_not_published_and_its_usual_notice_dates_are_months() {
    use chrono::Datelike as _;
    let mut store = demo_store();
    let today = chrono::Local::now().date_naive();
    let ahead = today.year() + 1;
    rollover::rollover(&mut store, 2025, 2026).unwrap();
    if ahead > 2026 {
        rollover::rollover(&mut store, 2026, ahead).unwrap();
    }
    let mut year = store.year(ahead).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Published;
    let refused = zerenshu::workflow::notice::save_year(&mut store, &year, None).unwrap_err();
    assert!(
        refused.starts_with(&format!("还不能改为“已通报”：{ahead} 年度尚未开始")),
        "{refused}"
    );
    let (from, to) = zerenshu::workflow::notice::usual_issue_dates(ahead, None, today).unwrap();
    assert_eq!(
        (from, to),
        (
            chrono::NaiveDate::from_ymd_opt(ahead, 12, 1).unwrap(),
            chrono::NaiveDate::from_ymd_opt(ahead + 1, 4, 30).unwrap()
        )
    );
}

/// A notice dated long before its results were published (a year before, by a slip of the
/// year) is out of the usual dates, saying when they were published; a week before is not.
#[test]
fn a_notice_dated_long_before_publication_is_unusual() {
    use zerenshu::workflow::notice::{unusual_issue_date, usual_issue_dates};
    let day = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let today = day(2026, 12, 6);
    let (from, _) = usual_issue_dates(2024, None, today).unwrap();
    assert_eq!(from, day(2024, 12, 1));
    let (from, to) = usual_issue_dates(2024, Some(day(2026, 12, 6)), today).unwrap();
    assert_eq!((from, to), (day(2026, 10, 7), day(2027, 1, 6)));
    // Published in the season itself: the season still begins the usual dates.
    let (from, _) = usual_issue_dates(2024, Some(day(2024, 12, 10)), today).unwrap();
    assert_eq!(from, day(2024, 12, 1));
    let note = unusual_issue_date(2024, Some(day(2026, 12, 6)), day(2025, 12, 20), today).unwrap();
    assert!(
        note.contains("之间，考核结果于 2026年12月6日 通报，请确认"),
        "{note}"
    );
    // Published within two months of the season: the season begins the usual dates, and the
    // publication is not given as the reason.
    let note = unusual_issue_date(2024, Some(day(2025, 1, 20)), day(2024, 6, 1), today).unwrap();
    assert!(!note.contains("考核结果于"), "{note}");
    assert_eq!(
        unusual_issue_date(2024, Some(day(2026, 12, 6)), day(2026, 10, 20), today),
        None
    );
}

/// A blank start has no wording saved: the first save is logged as changed from the default
/// in effect, so that the log names only the 发文字号 typed, not every paragraph as new.
#[test]
fn the_first_wording_saved_is_logged_against_the_default_in_effect() {
    let dir = tempfile::tempdir().unwrap();
    let mut store = zerenshu::store::Store::open(&dir.path().join("blank.sqlite3")).unwrap();
    store
        .write(|w| w.start_blank("示例市人民政府", 2026))
        .unwrap();
    let wording = zerenshu::document::NoticeWording {
        document_number: "示政通〔2027〕8号".to_owned(),
        ..zerenshu::workflow::notice::wording(&store, 2026).unwrap()
    };
    zerenshu::workflow::notice::save_wording(&mut store, 2026, &wording).unwrap();
    let entry = store.audit_entries(1).unwrap().remove(0);
    let read = |json: Option<&String>| -> serde_json::Value {
        serde_json::from_str::<serde_json::Value>(json.unwrap())
            .map(|v| match v {
                serde_json::Value::String(s) => serde_json::from_str(&s).unwrap(),
                other => other,
            })
            .unwrap()
    };
    let (before, after) = (
        read(entry.before_json.as_ref()),
        read(entry.after_json.as_ref()),
    );
    let changed: Vec<&String> = (after.as_object().unwrap().iter())
        .filter(|(key, value)| before.get(key.as_str()) != Some(value))
        .map(|(key, _)| key)
        .collect();
    assert_eq!(changed, ["document_number"], "{before}\n{after}");
}
