//! The score summary for years with nothing to summarise: no agreements, all left out,
//! or no indicators; an interim table with units not scored yet; and a table made after the
//! issued results were changed.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
#![allow(clippy::float_cmp)]

use crate::score_summary::{body, holds, note_under, sheet, sheets, text};
use crate::support::demo_store;
use calamine::Data;
use zerenshu::io::score_summary::write_summary;
use zerenshu::model::{AdjustmentKind, Points};

#[test]
fn an_interim_table_leaves_the_units_not_scored_yet_blank() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2025汇总表.xlsx");
    // 2025 is being scored: nothing is entered yet.
    write_summary(&store, 2025, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let rows = body(sheet(&names, &ranges, "镇街"));
    assert!(!rows.is_empty());
    for row in rows {
        for cell in &row[2..6] {
            assert!(matches!(cell, Data::Empty), "{row:?}");
        }
        assert_eq!(text(&row[7]), "未评分");
    }
    // The title and a note under the table say it is interim.
    let range = sheet(&names, &ranges, "镇街");
    assert!(text(&range.rows().next().unwrap()[0]).ends_with("得分汇总表（未评完）"));
    // So do the sheets after the categories', printed alone.
    for (name, title) in [
        ("指标得分", "2025年度安全生产目标管理考核指标得分（未评完）"),
        (
            "加扣分与否决",
            "2025年度安全生产目标管理考核加扣分与一票否决情况（未评完）",
        ),
    ] {
        let range = sheet(&names, &ranges, name);
        assert_eq!(text(&range.rows().next().unwrap()[0]), title);
    }
    let note = note_under(range).unwrap();
    assert!(
        note.starts_with("注：15 个单位尚未评完，表中得分不是最终结果：城关街道办事处（未评分）、"),
        "{note}"
    );
    // A deduction before any indicator's score: it shows, the base and total wait for them.
    let mut store = store;
    let first = store.agreements(2025).unwrap().remove(0);
    store
        .write(|w| {
            w.add_adjustment(
                &zerenshu::model::Adjustment {
                    id: 0,
                    agreement_id: first.id,
                    item_id: None,
                    kind: AdjustmentKind::Deduction,
                    points: Points::whole(6),
                    reason: "台账缺失".to_owned(),
                    matter: String::new(),
                },
                None,
            )
        })
        .unwrap();
    write_summary(&store, 2025, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let rows = body(sheet(&names, &ranges, "镇街"));
    let row = rows
        .iter()
        .find(|r| text(&r[1]) == unit_name(&store, &first))
        .unwrap();
    assert!(matches!(row[2], Data::Empty), "no base yet: {row:?}");
    assert!(
        holds(&row[3], Points::ZERO) && holds(&row[4], Points::whole(6)),
        "{row:?}"
    );
    assert!(matches!(row[5], Data::Empty), "no total yet: {row:?}");
    // A finished year's tables are final: no such title or note.
    let path = dir.path().join("2024汇总表.xlsx");
    write_summary(&store, 2024, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let range = sheet(&names, &ranges, "镇街");
    assert!(text(&range.rows().next().unwrap()[0]).ends_with("得分汇总表"));
    assert_eq!(note_under(range), None);
    // Fully scored but withdrawn from publication: a draft, as the notice would be.
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("更正评分")))
        .unwrap();
    write_summary(&store, 2024, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let range = sheet(&names, &ranges, "镇街");
    assert!(text(&range.rows().next().unwrap()[0]).ends_with("得分汇总表（草稿）"));
    assert_eq!(
        note_under(range).as_deref(),
        Some("注：本年度考核结果尚未通报，表中为暂定结果，以正式通报为准")
    );
    // One town's score cleared: the towns' table is unfinished; the finished departments'
    // tables, printed alone, say why the file is (the others are).
    let towns = (store.categories().unwrap().into_iter())
        .find(|c| c.name == "镇街")
        .unwrap()
        .id;
    let town = (store.agreements(2024).unwrap().into_iter())
        .find(|a| a.draft.category_id == towns)
        .unwrap();
    let mut cleared = (store.scores(2024).unwrap().into_iter())
        .find(|s| s.agreement_id == town.id && s.assessed_score.is_some())
        .unwrap();
    cleared.assessed_score = None;
    store.write(|w| w.change_score(&cleared, None)).unwrap();
    write_summary(&store, 2024, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let range = sheet(&names, &ranges, "镇街");
    assert!(text(&range.rows().next().unwrap()[0]).ends_with("得分汇总表（未评完）"));
    let range = sheet(&names, &ranges, "部门（一类）");
    assert!(text(&range.rows().next().unwrap()[0]).ends_with("得分汇总表（草稿）"));
    assert_eq!(
        note_under(range).as_deref(),
        Some(
            "注：本类别已评完；本年度其他类别还有 1 个单位尚未评完，考核结果尚未通报，表中为暂定结果，以正式通报为准"
        )
    );
}

/// The name of the unit `agreement` is with.
fn unit_name(store: &zerenshu::store::Store, agreement: &zerenshu::model::Agreement) -> String {
    (store.units().unwrap().into_iter())
        .find(|u| u.id == agreement.draft.unit_id)
        .unwrap()
        .fields
        .name
}

/// A year without agreements (just rolled over) has nothing to summarise or send out: both
/// exports say so, and write nothing.
#[test]
fn a_year_without_agreements_exports_no_summary_and_no_forms() {
    let mut store = crate::support::demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("汇总.xlsx");
    let refused = zerenshu::io::score_summary::write_summary(&store, 2026, &summary)
        .unwrap_err()
        .to_string();
    assert_eq!(refused, "2026 年度还没有责任书，没有可汇总的考核得分");
    let refused = zerenshu::io::score_forms::write_forms(&store, 2026, dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        refused.starts_with("2026 年度还没有责任书，没有可导出的自评表"),
        "{refused}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// A year whose only agreement is of a unit archived before it signed assesses nobody: both
/// exports say why in those words, not that the year has no agreements.
#[test]
fn a_year_whose_agreements_are_all_left_out_exports_nothing_and_says_why() {
    let mut store = crate::support::demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let unit = store.units().unwrap().into_iter().next().unwrap();
    zerenshu::workflow::drafting::draft(&mut store, 2026, Some(&[unit.id]), |_, _| {}).unwrap();
    store.write(|w| w.set_unit_active(unit.id, false)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let summary = dir.path().join("汇总.xlsx");
    let refused = zerenshu::io::score_summary::write_summary(&store, 2026, &summary)
        .unwrap_err()
        .to_string();
    assert_eq!(
        refused,
        "2026 年度的责任书都属于签订前已归档的单位，不参加考核，没有可汇总的考核得分"
    );
    let refused = zerenshu::io::score_forms::write_forms(&store, 2026, dir.path())
        .unwrap_err()
        .to_string();
    assert!(
        refused.starts_with(
            "2026 年度的责任书都属于签订前已归档的单位，不参加考核，没有可导出的自评表"
        ),
        "{refused}"
    );
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

/// Agreements whose category has no indicators yet give no results: the summary says so, not
/// that the units were archived.
#[test]
fn a_year_whose_agreements_have_no_indicators_says_so() {
    let mut store = crate::support::demo_store();
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    let category = store.write(|w| w.insert_category("四类")).unwrap();
    // A template for the new category, copied from the first one, and no indicators.
    let mut template = store.templates(2026).unwrap().remove(0).content;
    template.category_id = category;
    store.write(|w| w.insert_template(&template)).unwrap();
    let unit = store.units().unwrap().into_iter().next().unwrap();
    let mut moved = unit.fields.clone();
    moved.category_id = category;
    store.write(|w| w.update_unit(unit.id, &moved)).unwrap();
    zerenshu::workflow::drafting::draft(&mut store, 2026, Some(&[unit.id]), |_, _| {}).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let refused =
        zerenshu::io::score_summary::write_summary(&store, 2026, &dir.path().join("汇总.xlsx"))
            .unwrap_err()
            .to_string();
    assert!(
        refused.starts_with("2026 年度“四类”类别有责任书，但还没有考核指标"),
        "{refused}"
    );
}

/// Results changed with a reason after the notice was issued: the summary is no copy of the
/// issued table, and its titles, the note under each table and its file name say 非印发件.
#[test]
fn a_summary_after_the_issued_results_changed_says_it_is_not_the_issued_one() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let issued = chrono::NaiveDate::from_ymd_opt(2025, 3, 20).unwrap();
    zerenshu::workflow::notice::remember_issue_date(&mut store, 2024, issued, true);
    zerenshu::workflow::notice::remember_export(
        &mut store,
        2024,
        zerenshu::store::ResultFile::Notice,
        &dir.path().join("通报.pdf"),
    );
    // Issued and unchanged: the final name.
    let (wanted, _, _) =
        zerenshu::io::score_summary::write_summary_into(&store, 2024, dir.path()).unwrap();
    assert!(
        wanted.ends_with("2024年度考核得分汇总表.xlsx"),
        "{wanted:?}"
    );
    let mut corrected = (store.scores(2024).unwrap().into_iter())
        .find(|s| s.assessed_score.is_some_and(|p| p > Points::ZERO))
        .unwrap();
    corrected.assessed_score = Some(Points::ZERO);
    store
        .write(|w| w.change_score(&corrected, Some("复核更正")))
        .unwrap();
    let (wanted, path, _) =
        zerenshu::io::score_summary::write_summary_into(&store, 2024, dir.path()).unwrap();
    assert!(
        wanted.ends_with("2024年度考核得分汇总表（非印发件）.xlsx"),
        "{wanted:?}"
    );
    let (names, ranges) = sheets(&path);
    for name in ["镇街", "部门（一类）", "指标得分", "加扣分与否决"] {
        let range = sheet(&names, &ranges, name);
        let title = text(&range.rows().next().unwrap()[0]);
        assert!(title.ends_with("（非印发件）"), "{name}: {title}");
    }
    assert_eq!(
        note_under(sheet(&names, &ranges, "镇街")).as_deref(),
        Some(
            "注：本年度考核结果在通报印发后又有修改，本表按现在的结果生成，与已印发的通报不同，非印发件"
        )
    );
}
