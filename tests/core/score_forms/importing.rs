//! Filled forms imported: exactly the values filled change, what the grid changed since the
//! preview or since the form was written is kept, a form sent twice clashes only where both
//! are filled or is imported once, and the preview says what a blank keeps.

use zerenshu::io::score_forms::{apply_import, preview_import, write_forms};
use zerenshu::model::{Points, Score};
use zerenshu::store::Store;

use super::{Typed, YEAR, fill, fill_first_score, indicator_rows, read_rows, self_score};

use crate::support::demo_store;

/// A form that gives only a 自评说明 changes only the 说明: a self score typed in the grid
/// between the preview and the import stays, and so does the assessed score typed meanwhile.
#[test]
fn an_import_keeps_what_the_grid_changed_since_its_preview() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let agreement_id = store.agreements(YEAR).unwrap()[0].id;
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (row, indicator_id, _) = indicators[0];
    let filled = dir.path().join("filled.xlsx");
    fill(
        &files[0],
        &filled,
        &[(row, score_column + 1, Typed::Text("见台账"))],
    );
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&filled)).unwrap();
    assert_eq!(preview.changes.len(), 1, "{:?}", preview.changes);
    let mut typed = self_score(&store, agreement_id, indicator_id)
        .unwrap_or_else(|| Score::empty(agreement_id, indicator_id));
    typed.self_score = Some(Points(100));
    typed.assessed_score = Some(Points(50));
    store.write(|w| w.change_score(&typed, None)).unwrap();
    apply_import(&mut store, &preview).unwrap();
    let after = self_score(&store, agreement_id, indicator_id).unwrap();
    assert_eq!(after.self_note, "见台账");
    assert_eq!(after.self_score, Some(Points(100)));
    assert_eq!(after.assessed_score, Some(Points(50)));
}

/// An old form imported again: what the unit left as the form was written does not take back
/// a score changed here since, and a value it changed over one changed here is said.
#[test]
fn an_old_form_does_not_take_back_a_score_changed_since_it_was_written() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let agreement_id = store.agreements(YEAR).unwrap()[0].id;
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (row_a, id_a, _) = indicators[0];
    let (row_b, id_b, _) = indicators[1];
    // Filled in and imported: two scores.
    let first = dir.path().join("first.xlsx");
    fill(
        &files[0],
        &first,
        &[
            (row_a, score_column, Typed::Number(1.0)),
            (row_b, score_column, Typed::Number(1.0)),
        ],
    );
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&first)).unwrap();
    apply_import(&mut store, &preview).unwrap();
    // A new form goes out and comes back with one score corrected; the other left.
    let again = tempfile::tempdir().unwrap();
    let second_forms = write_forms(&store, YEAR, again.path()).unwrap();
    let second = dir.path().join("second.xlsx");
    fill(
        &second_forms[0],
        &second,
        &[(row_a, score_column, Typed::Number(2.0))],
    );
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&second)).unwrap();
    assert_eq!(preview.changes.len(), 1);
    assert!(preview.notes.is_empty(), "{:?}", preview.notes);
    apply_import(&mut store, &preview).unwrap();
    let self_points = |store: &Store, id| self_score(store, agreement_id, id).unwrap().self_score;
    assert_eq!(self_points(&store, id_a), Some(Points(200)));
    // The first form imported again by mistake: its row A, as filled then, over the change
    // made since, is said; a row it left as written (none here) would be kept.
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&first)).unwrap();
    assert!(
        preview.notes.iter().any(|note| note.ends_with(
            "系统中的自评分导出时为空，此后填为 2，导入将改为表中的 1；如是旧表，请勿导入"
        )),
        "{:?}",
        preview.notes
    );
    // The second form, left as written on row B while B is changed here since: B stays.
    let mut changed = self_score(&store, agreement_id, id_b).unwrap();
    changed.self_score = Some(Points(50));
    store.write(|w| w.change_score(&changed, None)).unwrap();
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&second)).unwrap();
    assert!(preview.changes.is_empty(), "{:?}", preview.changes);
    assert!(
        preview.notes.iter().any(|note| note.ends_with(
            "表中的自评分仍是导出时的 1，而系统中的自评分导出后已由 1 改为 0.5，保留系统中的"
        )),
        "{:?}",
        preview.notes
    );
    apply_import(&mut store, &preview).unwrap();
    assert_eq!(self_points(&store, id_b), Some(Points(50)));
}

#[test]
fn two_filled_values_change_exactly_those_two_scores() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let agreement_id = store.agreements(YEAR).unwrap()[0].id;
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (row_a, id_a, points_a) = indicators[0];
    let (row_b, id_b, _) = indicators[1];
    let value_a = points_a.0 as f64 / 100.0 - 0.25;
    let filled = dir.path().join("filled.xlsx");
    // Who filled it in, under the table: kept with the values in the log.
    let rows = read_rows(&files[0]);
    let labelled = |label: &str| {
        (rows.iter())
            .find_map(|(n, cells)| Some((*n, cells.iter().position(|c| c == label)? + 1)))
            .unwrap()
    };
    let (filler_row, filler_column) = labelled("填表人：");
    let (phone_row, phone_column) = labelled("联系电话：");
    let edits = [
        (row_a, score_column, Typed::Number(value_a)),
        (row_b, score_column, Typed::Text("3.5")),
        (row_b, score_column + 1, Typed::Text("台账齐全")),
        (filler_row, filler_column, Typed::Text("岳琇文")),
        (phone_row, phone_column, Typed::Text("0399-8611999")),
    ];
    fill(&files[0], &filled, &edits);
    let before = store.scores(YEAR).unwrap();

    let preview = preview_import(&store, YEAR, &[filled.clone(), files[1].clone()]).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.changes.len(), 2, "{:?}", preview.changes);
    let rows_changed: Vec<usize> = preview.changes.iter().map(|c| c.row).collect();
    assert_eq!(rows_changed, [row_a, row_b]);
    assert_eq!(preview.changes[0].file, filled);
    assert_eq!(
        preview.filled_by(&filled),
        Some("填表人 岳琇文，联系电话 0399-8611999")
    );
    assert_eq!(
        preview.filled_by(&files[1]),
        None,
        "a form left blank says nobody"
    );
    // A landline typed into a number cell lost its leading 0: said beside it.
    let numbered = dir.path().join("numbered.xlsx");
    fill(
        &files[2],
        &numbered,
        &[(phone_row, phone_column, Typed::Number(3_998_611_999.0))],
    );
    let lost = preview_import(&store, YEAR, std::slice::from_ref(&numbered)).unwrap();
    assert_eq!(
        lost.filled_by(&numbered),
        Some("联系电话 3998611999（像是丢了开头的 0：03998611999？）")
    );
    // The rows left blank keep what is stored, and are counted as such.
    let blank = indicators.len() - 2 + indicator_rows(&files[1]).0.len();
    assert_eq!((preview.unchanged, preview.blank), (0, blank));
    assert_eq!(
        preview.counts_text(),
        format!("将修改 2 项，无变化 0 项，未填写 {blank} 项，被拒绝 0 处")
    );

    let imported = apply_import(&mut store, &preview).unwrap();
    assert_eq!(imported.count, 2);
    // The demo's 2025 was at 签订: the import starts scoring, and says so.
    assert!(imported.started_assessing);
    assert_eq!(
        imported.message(YEAR),
        "已导入 2 项自评分；已开始评分：2025 年度的阶段已转为“考核”（如是误操作，可把年度阶段改回“签订”）"
    );
    assert_eq!(
        store.year(YEAR).unwrap().unwrap().phase,
        zerenshu::model::Phase::Assessing
    );
    // The log tells imported self-scores from typed ones, and names the form.
    let logged: Vec<_> = (store.audit_entries(10).unwrap().into_iter())
        .filter(|e| e.action == "导入自评")
        .collect();
    assert_eq!(logged.len(), 2);
    let name = filled.file_name().unwrap().to_string_lossy().into_owned();
    assert!(
        logged[0].after_json.as_deref().unwrap().contains(&name),
        "{:?}",
        logged[0].after_json
    );
    assert!(
        (logged[0].after_json.as_deref().unwrap()).contains("填表人 岳琇文"),
        "{:?}",
        logged[0].after_json
    );
    let a = self_score(&store, agreement_id, id_a).unwrap();
    assert_eq!(a.self_score, Some(Points(points_a.0 - 25)));
    let b = self_score(&store, agreement_id, id_b).unwrap();
    assert_eq!(b.self_score, Some(Points(350)));
    assert_eq!(b.self_note, "台账齐全");
    let old_b = before
        .iter()
        .find(|s| (s.agreement_id, s.indicator_id) == (agreement_id, id_b));
    assert_eq!(b.assessed_score, old_b.and_then(|s| s.assessed_score));
    assert_eq!(b.note, old_b.map_or("", |s| s.note.as_str()));
    let untouched = |scores: Vec<Score>| -> Vec<Score> {
        scores
            .into_iter()
            .filter(|s| s.agreement_id != agreement_id || ![id_a, id_b].contains(&s.indicator_id))
            .collect()
    };
    assert_eq!(untouched(store.scores(YEAR).unwrap()), untouched(before));

    let again = preview_import(&store, YEAR, &[filled]).unwrap();
    assert!(again.changes.is_empty(), "a second import changes nothing");
}

#[test]
fn a_form_sent_twice_clashes_only_on_rows_filled_in_both() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (row_a, _, _) = indicators[0];
    let (row_b, _, _) = indicators[1];
    // The first copy fills row a; the second (a correction) fills row b and then row a again.
    let first = dir.path().join("first.xlsx");
    fill(
        &files[0],
        &first,
        &[(row_a, score_column, Typed::Text("1"))],
    );
    let second = dir.path().join("second.xlsx");
    fill(
        &files[0],
        &second,
        &[(row_b, score_column, Typed::Text("2"))],
    );
    let preview = preview_import(&store, YEAR, &[first.clone(), second]).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.changes.len(), 2, "{:?}", preview.changes);
    // Both left partly blank: the second is told apart by its file.
    assert_eq!(preview.incomplete.len(), 2, "{:?}", preview.incomplete);
    assert!(
        !preview.incomplete[0].contains("文件"),
        "{:?}",
        preview.incomplete
    );
    assert!(
        preview.incomplete[1].contains("（文件 second.xlsx，"),
        "{:?}",
        preview.incomplete
    );
    let again = dir.path().join("again.xlsx");
    fill(
        &files[0],
        &again,
        &[(row_a, score_column, Typed::Text("1.5"))],
    );
    let preview = preview_import(
        &store,
        YEAR,
        &[first.clone(), again.clone(), files[1].clone()],
    )
    .unwrap();
    // Each of the two forms is refused on that row, naming the other and both values.
    assert_eq!(preview.rejected.len(), 2, "{:?}", preview.rejected);
    let by_file = |file: &std::path::Path| {
        (preview.rejected.iter())
            .find(|r| r.file == file)
            .unwrap()
            .clone()
    };
    let (in_first, in_again) = (by_file(&first), by_file(&again));
    assert_eq!((in_first.row, in_again.row), (Some(row_a), Some(row_a)));
    assert!(
        in_first.reason.contains("again.xlsx")
            && in_first
                .reason
                .contains("填的是自评分 1.5，这里是自评分 1："),
        "{}",
        in_first.reason
    );
    assert!(
        in_again.reason.contains("first.xlsx")
            && in_again
                .reason
                .contains("填的是自评分 1，这里是自评分 1.5："),
        "{}",
        in_again.reason
    );
    assert!(in_again.reason.ends_with("请核对后只导入其中一份"));
    // The value of neither is listed as a change to be made.
    let rows_changed = (preview.changes.iter())
        .filter(|change| change.file == first || change.file == again)
        .map(|change| change.row)
        .collect::<Vec<_>>();
    assert!(!rows_changed.contains(&row_a), "{:?}", preview.changes);
    // Neither of the two clashing forms goes alone: either may be the correction.
    assert_eq!(preview.clashing, [first]);
    assert_eq!(preview.files_without_refusals(), [files[1].clone()]);
}

/// Said before confirming, not refused: a stored self score the form leaves blank is kept,
/// the agreement is not signed yet, and the import moves the year on to 考核.
#[test]
fn the_preview_says_what_a_blank_keeps_unsigned_agreements_and_the_phase_to_come() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    // 新华街道 (No. 3) is printed, not signed; the year is at 签订.
    let agreement = (store.agreements(YEAR).unwrap().into_iter())
        .find(|a| a.draft.number == 3)
        .unwrap();
    assert_eq!(agreement.status, zerenshu::model::AgreementStatus::Printed);
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let form = (files.iter())
        .find(|f| f.to_string_lossy().contains("新华街道"))
        .unwrap();
    let (indicators, score_column) = indicator_rows(form);
    let (row_a, _, _) = indicators[0];
    let (_, id_b, _) = indicators[1];
    // A self score stored for the second row, which the form leaves blank.
    let mut stored = Score::empty(agreement.id, id_b);
    stored.self_score = Some(Points(200));
    store.write(|w| w.change_score(&stored, None)).unwrap();
    let filled = dir.path().join("filled.xlsx");
    fill(form, &filled, &[(row_a, score_column, Typed::Number(1.0))]);
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&filled)).unwrap();
    assert!(preview.can_apply(), "{:?}", preview.rejected);
    assert_eq!(preview.blank_over_stored, 1);
    // The year's agreements still out are counted with the phase moving on.
    let statuses: Vec<_> = (store.agreements(YEAR).unwrap().into_iter())
        .map(|a| a.status)
        .collect();
    let unsigned = (statuses.iter())
        .filter(|s| **s < zerenshu::model::AgreementStatus::Signed)
        .count();
    let drafts = (statuses.iter())
        .filter(|s| **s == zerenshu::model::AgreementStatus::Draft)
        .count();
    assert!(unsigned > drafts && drafts > 0, "the demo has both");
    assert_eq!(
        preview.notes,
        [
            "有 1 项在表中为空，而系统中已有：导入不清除，保留原值（确需清除请在“考核”中修改）：新华街道办事处“党政同责、一岗双责落实”的自评分".to_owned(),
            "本次导入的单位中有 1 个的责任书尚未签订：新华街道办事处（自评分照常导入）".to_owned(),
            format!("确认导入后，2025 年度的阶段将由“签订”转为“考核”（开始评分）；本年度还有 {unsigned} 份责任书尚未签订（其中 {drafts} 份还是草稿），转入考核后照常签订、登记"),
        ]
    );
    assert_eq!(
        preview.incomplete_note().unwrap(),
        "有 1 份自评表没有填完：新华街道（13/15 项尚无自评分）"
    );
    apply_import(&mut store, &preview).unwrap();
    assert_eq!(
        self_score(&store, agreement.id, id_b).unwrap().self_score,
        Some(Points(200)),
        "the blank kept it"
    );
}

/// Two forms of one unit left unfilled in part are told apart by the second's file, also when
/// the first filled nothing at all.
#[test]
fn a_second_form_of_a_unit_is_named_by_its_file_when_the_first_is_blank() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let filled = dir.path().join("自评（2）.xlsx");
    fill_first_score(&files[0], &filled, 1.0);
    let preview = preview_import(&store, YEAR, &[files[0].clone(), filled]).unwrap();
    let note = preview.incomplete_note().unwrap();
    assert!(note.starts_with("有 2 份自评表没有填完："), "{note}");
    assert!(note.contains("（未填写）、"), "{note}");
    assert!(note.contains("（文件 自评（2）.xlsx，"), "{note}");
}

/// A unit's form saved again under another name and sent with the first is read once: the
/// copy is said, and the first is imported.
#[test]
fn a_form_sent_twice_unchanged_is_imported_once() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let filled = dir.path().join("自评.xlsx");
    fill_first_score(&files[0], &filled, 1.0);
    let again = dir.path().join("自评（再次发来）.xlsx");
    std::fs::copy(&filled, &again).unwrap();
    let preview = preview_import(&store, YEAR, &[filled.clone(), again]).unwrap();
    assert!(preview.can_apply(), "{:?}", preview.rejected);
    assert_eq!(preview.changes.len(), 1);
    assert_eq!(preview.files, [filled]);
    assert!(
        preview.notes[0] == "文件 自评（再次发来）.xlsx 与 自评.xlsx 内容完全相同，只导入一次",
        "{:?}",
        preview.notes
    );
}

/// A row that brought only a 自评说明 is not counted as a self score imported.
#[test]
fn notes_alone_are_counted_apart_from_scores() {
    let said = |count, notes_only| {
        zerenshu::io::score_forms::ScoresImported {
            count,
            notes_only,
            started_assessing: false,
        }
        .message(YEAR)
    };
    assert_eq!(said(26, 0), "已导入 26 项自评分");
    assert_eq!(said(26, 1), "已导入 26 项自评分，另有 1 项只导入了自评说明");
    assert_eq!(said(0, 2), "已导入 2 项自评说明（自评分没有改变）");
}
