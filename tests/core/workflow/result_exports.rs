//! When an exported notice or summary is out of date: results changed after it, also across
//! a new publication, and a draft notice published; the phase going back and forth alone
//! outdates nothing.

use zerenshu::model::Points;
use zerenshu::store::{IssuedAs, Store};

use crate::support::demo_store;

#[test]
fn an_export_is_out_of_date_once_the_results_change_after_it_even_across_a_new_publication() {
    use zerenshu::model::Phase;
    use zerenshu::store::ResultFile::{Notice, Summary};
    let mut store = demo_store();
    assert!(
        store.result_exports(2024).unwrap().is_empty(),
        "never exported"
    );
    store
        .write(|w| {
            w.record_result_export(
                2024,
                (Notice, "2024年度考核结果通报.pdf"),
                IssuedAs::default(),
            )
        })
        .unwrap();
    let notice = store.result_export(2024, Notice).unwrap().unwrap();
    assert_eq!(notice.changes_since, 0);
    assert!(notice.exported_at.is_some());
    assert!(store.result_export(2024, Summary).unwrap().is_none());
    // The 操作记录 says the notice was exported, naming the file, not that a setting changed.
    let newest = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 1)
        .unwrap();
    assert_eq!(newest[0].entry.action, "导出 PDF");
    assert_eq!(
        newest[0].record.as_deref(),
        Some("2024 年度考核结果通报“2024年度考核结果通报.pdf”")
    );
    // A note changed after publication: the summary shows notes, the notice does not.
    store
        .write(|w| w.record_result_export(2024, (Summary, "导出的文件"), IssuedAs::default()))
        .unwrap();
    let mut score = store.scores(2024).unwrap().remove(0);
    score.note = "补充说明".to_owned();
    store
        .write(|w| w.change_score(&score, Some("补记说明")))
        .unwrap();
    assert_eq!(
        store
            .result_export(2024, Notice)
            .unwrap()
            .unwrap()
            .changes_since,
        0
    );
    assert_eq!(
        store
            .result_export(2024, Summary)
            .unwrap()
            .unwrap()
            .changes_since,
        1
    );
    // Taken back, corrected (no reason asked at 考核) and published again: the exports made
    // before stay out of date, while the count since publication starts again.
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Assessing;
    store.write(|w| w.update_year(&year, Some("更正"))).unwrap();
    score.assessed_score = Some(Points::ZERO);
    store.write(|w| w.change_score(&score, None)).unwrap();
    year.phase = Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    assert_eq!(store.changes_since_published(2024).unwrap(), None);
    let exports = store.result_exports(2024).unwrap();
    let counts: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    // The score (publishing again adds nothing: the files were exported published).
    assert_eq!(counts, [(Notice, 1), (Summary, 2)]);
    // Another year's changes are not this one's.
    assert!(store.result_exports(2025).unwrap().is_empty());
    // A draft notice of 2025 is out of date once the grade bands it used change.
    store
        .write(|w| w.record_result_export(2025, (Notice, "导出的文件"), IssuedAs::default()))
        .unwrap();
    let mut settings = store.year(2025).unwrap().unwrap();
    settings.grade_bands[0].min_total = Points::whole(95);
    store.write(|w| w.update_year(&settings, None)).unwrap();
    let draft = store.result_export(2025, Notice).unwrap().unwrap();
    assert_eq!(draft.changes_since, 1);
    // So it is once its wording changes (the title, a paragraph); the summary has no wording.
    store
        .write(|w| w.record_result_export(2025, (Summary, "导出的文件"), IssuedAs::default()))
        .unwrap();
    let wording = zerenshu::document::NoticeWording {
        closing: "各单位要认真整改。".to_owned(),
        ..zerenshu::workflow::notice::wording(&store, 2025).unwrap()
    };
    zerenshu::workflow::notice::save_wording(&mut store, 2025, &wording).unwrap();
    // Saved again unchanged, it adds nothing.
    zerenshu::workflow::notice::save_wording(&mut store, 2025, &wording).unwrap();
    let exports = store.result_exports(2025).unwrap();
    let counts: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    assert_eq!(counts, [(Notice, 2), (Summary, 0)]);
    // Exported again, the notice matches; the summary still does not.
    store
        .write(|w| w.record_result_export(2024, (Notice, "导出的文件"), IssuedAs::default()))
        .unwrap();
    let exports = store.result_exports(2024).unwrap();
    let counts: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    assert_eq!(counts, [(Notice, 0), (Summary, 2)]);
    // The audit viewer names the file.
    let logged = store
        .audit_search(&zerenshu::store::AuditFilter::default(), 1)
        .unwrap();
    assert_eq!(
        logged[0].record.as_deref(),
        Some("2024 年度考核结果通报“导出的文件”")
    );
    // Exported again, both match; a score changed and put back, a bonus added and deleted,
    // leave them matching.
    for file in [Notice, Summary] {
        store
            .write(|w| w.record_result_export(2024, (file, "导出的文件"), IssuedAs::default()))
            .unwrap();
    }
    let mut score = store.scores(2024).unwrap().remove(3);
    let exported = score.clone();
    score.assessed_score = Some(Points::ZERO);
    score.note = "复核".to_owned();
    store
        .write(|w| w.change_score(&score, Some("复核")))
        .unwrap();
    store
        .write(|w| w.change_score(&exported, Some("复核后改回")))
        .unwrap();
    let mut bonus = store.adjustments(2024).unwrap().remove(0);
    bonus.points = Points(50);
    let added = store
        .write(|w| w.add_adjustment(&bonus, Some("误录")))
        .unwrap();
    store
        .write(|w| w.delete_adjustment(added, Some("误录")))
        .unwrap();
    let exports = store.result_exports(2024).unwrap();
    let counts: Vec<_> = exports.iter().map(|e| (e.file, e.changes_since)).collect();
    assert_eq!(counts, [(Notice, 0), (Summary, 0)]);
}

#[test]
fn leaving_and_returning_to_published_outdates_no_export_but_publishing_a_draft_notice_does() {
    use zerenshu::model::Phase;
    use zerenshu::store::ResultFile;
    let mut store = demo_store();
    let set_phase = |store: &mut Store, phase: Phase| {
        let year = store.year(2024).unwrap().unwrap();
        store
            .write(|w| w.update_year(&zerenshu::model::Year { phase, ..year }, Some("复核")))
            .unwrap();
    };
    let outdated = |store: &Store| -> Vec<(ResultFile, usize)> {
        (store.result_exports(2024).unwrap().into_iter())
            .map(|e| (e.file, e.changes_since))
            .collect()
    };
    // Exported published: the phase going to 考核 and back changes nothing in the files.
    for file in ResultFile::ALL {
        zerenshu::workflow::notice::remember_export(
            &mut store,
            2024,
            file,
            std::path::Path::new("导出的文件"),
        );
    }
    set_phase(&mut store, Phase::Assessing);
    set_phase(&mut store, Phase::Published);
    assert_eq!(
        outdated(&store),
        [(ResultFile::Notice, 0), (ResultFile::Summary, 0)]
    );
    // Exported while not published: the notice was a draft, the spreadsheet is the same.
    set_phase(&mut store, Phase::Assessing);
    for file in ResultFile::ALL {
        zerenshu::workflow::notice::remember_export(
            &mut store,
            2024,
            file,
            std::path::Path::new("导出的文件"),
        );
    }
    set_phase(&mut store, Phase::Published);
    assert_eq!(
        outdated(&store),
        [(ResultFile::Notice, 1), (ResultFile::Summary, 0)]
    );
}
