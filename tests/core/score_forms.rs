//! Self-assessment forms: written per agreement with a 合计 row, filled in as a unit would (a
//! modified copy of the workbook), imported all or nothing (the 合计 row passed over), and the
//! `forms` / `import scores` subcommands.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::path::{Path, PathBuf};

use calamine::{Reader as _, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;
use zerenshu::io::score_forms::{apply_import, preview_import, write_forms};
use zerenshu::io::table::cell_text;
use zerenshu::model::{Points, Score};
use zerenshu::store::{Store, StoreError};

use crate::support::{demo_store, zerenshu_command};

const YEAR: i32 = 2025;

/// The rows of a form's sheet as numbered exact strings.
fn read_rows(path: &Path) -> Vec<(usize, Vec<String>)> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range("自评表").unwrap();
    let (first_row, _) = range.start().unwrap();
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            let number = first_row as usize + i + 1;
            (number, cells.iter().map(cell_text).collect())
        })
        .collect()
}

/// A value a unit types into a cell.
#[derive(Clone, Copy)]
pub(crate) enum Typed {
    Number(f64),
    Text(&'static str),
    /// A formula (saved with the result 0; see `strip_formula_results` for none).
    Formula(&'static str),
}

/// Writes `out` as a copy of the form at `path` with some cells (row number, column) retyped.
/// Writes `form` filled in at `out` with `value` as the self score of its first indicator.
fn fill_first_score(form: &Path, out: &Path, value: f64) {
    let (indicators, score_column) = indicator_rows(form);
    fill(
        form,
        out,
        &[(indicators[0].0, score_column, Typed::Number(value))],
    );
}

pub(crate) fn fill(path: &Path, out: &Path, edits: &[(usize, usize, Typed)]) {
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("自评表").unwrap();
    for (number, cells) in read_rows(path) {
        for (column, text) in cells.iter().enumerate() {
            let (row, col) = (
                u32::try_from(number - 1).unwrap(),
                u16::try_from(column).unwrap(),
            );
            let edit = edits.iter().find(|(r, c, _)| (*r, *c) == (number, column));
            match edit.map(|(_, _, typed)| *typed) {
                Some(Typed::Number(value)) => sheet.write_number(row, col, value).map(|_| ()),
                Some(Typed::Text(value)) => sheet.write_string(row, col, value).map(|_| ()),
                Some(Typed::Formula(formula)) => sheet.write_formula(row, col, formula).map(|_| ()),
                None if text.is_empty() => Ok(()),
                None => sheet.write_string(row, col, text).map(|_| ()),
            }
            .unwrap();
        }
    }
    workbook.save(out).unwrap();
}

/// Rewrites the workbook at `path` with its formulas' results taken out, as tools that do not
/// calculate save them (`<f>…</f>` and no `<v>`).
pub(crate) fn strip_formula_results(path: &Path) {
    crate::xlsx_rewrite::rewrite_parts(path, |name, bytes| {
        if !name.starts_with("xl/worksheets/") {
            return bytes;
        }
        let text = String::from_utf8(bytes).unwrap();
        (text.replace("</f><v>0</v>", "</f>"))
            .replace("</f><v></v>", "</f>")
            .into_bytes()
    });
}

/// The indicator rows of a form: (row number, indicator id, 分值), and the 自评分 column.
pub(crate) fn indicator_rows(path: &Path) -> (Vec<(usize, i64, Points)>, usize) {
    let rows = read_rows(path);
    let (header_number, header) = rows
        .iter()
        .find(|(_, cells)| cells.iter().any(|c| c == "指标编号"))
        .unwrap();
    let column = |name: &str| header.iter().position(|c| c == name).unwrap();
    let (id, points, score) = (column("指标编号"), column("分值"), column("自评分"));
    let indicators = rows
        .iter()
        .filter(|(n, cells)| n > header_number && !cells[id].is_empty())
        .map(|(n, cells)| {
            let id = cells[id].parse().unwrap();
            (*n, id, Points::parse(&cells[points]).unwrap())
        })
        .collect();
    (indicators, score)
}

fn self_score(store: &Store, agreement_id: i64, indicator_id: i64) -> Option<Score> {
    store
        .scores(YEAR)
        .unwrap()
        .into_iter()
        .find(|s| (s.agreement_id, s.indicator_id) == (agreement_id, indicator_id))
}

#[test]
fn forms_are_written_per_agreement_with_title_unit_and_ids() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let agreements = store.agreements(YEAR).unwrap();
    assert_eq!(files.len(), agreements.len());
    let first = &agreements[0];
    let name = files[0].file_name().unwrap().to_string_lossy().into_owned();
    assert!(name.starts_with("2025-001-"), "{name}");
    assert!(name.ends_with("-自评表.xlsx"), "{name}");
    let rows = read_rows(&files[0]);
    assert_eq!(rows[0].1[0], "2025年度安全生产目标管理考核自评表");
    let unit = store.unit(first.draft.unit_id).unwrap().unwrap();
    assert!(rows[1].1.contains(&unit.fields.name));
    assert!(rows[1].1.contains(&"责任书编号".to_owned()));
    assert!(rows[1].1.contains(&first.id.to_string()));
    assert_eq!(
        rows[2].1[..6],
        ["序号", "考核项目", "分值", "评分标准", "自评分", "自评说明"]
    );
    let set = store
        .indicator_sets(YEAR)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == first.draft.category_id)
        .unwrap();
    let (indicators, _) = indicator_rows(&files[0]);
    let ids: Vec<i64> = indicators.iter().map(|(_, id, _)| *id).collect();
    let expected: Vec<i64> = set.indicators.iter().map(|i| i.id).collect();
    assert_eq!(ids, expected);
    // Below the table, where the unit signs and seals the printed form.
    let cells: Vec<&String> = rows.iter().flat_map(|(_, cells)| cells).collect();
    for label in [
        "填报单位（盖章）：",
        "单位负责人（签字）：",
        "填表人：",
        "联系电话：",
        "填报日期：",
    ] {
        assert!(cells.iter().any(|c| c.as_str() == label), "{label}");
    }
}

#[test]
fn forms_written_again_keep_the_ones_already_there() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let first = write_forms(&store, YEAR, dir.path()).unwrap();
    std::fs::write(&first[0], b"filled in by the unit").unwrap();
    let second = write_forms(&store, YEAR, dir.path()).unwrap();
    assert_eq!(std::fs::read(&first[0]).unwrap(), b"filled in by the unit");
    let name = second[0]
        .file_name()
        .unwrap()
        .to_string_lossy()
        .into_owned();
    assert!(name.ends_with("-自评表（2）.xlsx"), "{name}");
    assert_eq!(second.len(), first.len());
}

/// A form that cannot be written stops the run with none of its forms under a final name, so
/// the run made again gives each unit one form, not numbered twins.
#[test]
fn forms_that_fail_part_way_leave_no_forms_behind() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let last = store.agreements(YEAR).unwrap().pop().unwrap();
    let unit = (store.units_in(YEAR).unwrap().into_iter())
        .find(|u| u.id == last.draft.unit_id)
        .unwrap();
    let name = zerenshu::io::score_forms::form_file_name(
        YEAR,
        last.draft.number,
        unit.fields.display_short_name(),
    );
    // A folder where the last form's temporary file would go: its write fails.
    let blocker = zerenshu::io::files::temp_name_beside(&dir.path().join(&name));
    std::fs::create_dir(&blocker).unwrap();
    assert!(write_forms(&store, YEAR, dir.path()).is_err());
    std::fs::remove_dir(&blocker).unwrap();
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    assert!(files.iter().all(|f| !f.to_string_lossy().contains("（2）")));
}

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
    // Neither of the two clashing forms goes alone: either may be the correction.
    assert_eq!(preview.clashing, [first]);
    assert_eq!(preview.files_without_refusals(), [files[1].clone()]);
}

#[test]
fn the_form_totals_the_self_scores_and_the_import_passes_over_the_total() {
    let mut store = demo_store();
    let agreement = store.agreements(YEAR).unwrap().remove(0);
    let set = store
        .indicator_sets(YEAR)
        .unwrap()
        .into_iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    // Half a point and a hundredth below full marks on the first two indicators.
    let stored: Vec<Points> = (set.indicators.iter().zip([50, 1]))
        .map(|(indicator, short)| Points(indicator.points.0 - short))
        .collect();
    store
        .write(|w| {
            for (indicator, points) in set.indicators.iter().zip(&stored) {
                w.upsert_score(&Score {
                    self_score: Some(*points),
                    ..Score::empty(agreement.id, indicator.id)
                })?;
            }
            Ok(())
        })
        .unwrap();
    let sum: Points = stored.iter().copied().sum();
    assert_ne!(sum.0 % 10, 0, "the sum has two decimals");
    let dir = tempfile::tempdir().unwrap();
    let form = write_forms(&store, YEAR, dir.path()).unwrap().remove(0);
    let (indicators, score_column) = indicator_rows(&form);
    let last = indicators.last().unwrap().0;
    let rows = read_rows(&form);
    let (total_row, cells) = rows.iter().find(|(_, cells)| cells[0] == "合计").unwrap();
    assert_eq!(
        *total_row,
        last + 1,
        "the 合计 row is right under the indicators"
    );
    assert_eq!(Points::parse(&cells[2]).unwrap(), set.total_points());
    // The sum of the stored self scores stands until the sheet is recalculated.
    assert_eq!(cells[score_column], sum.to_string());
    let id_column = rows[2].1.iter().position(|c| c == "指标编号").unwrap();
    assert!(cells.get(id_column).is_none_or(String::is_empty));
    let mut workbook: Xlsx<_> = open_workbook(&form).unwrap();
    let formulas = workbook.worksheet_formula("自评表").unwrap();
    let column = u32::try_from(score_column).unwrap();
    let row = u32::try_from(total_row - 1).unwrap();
    let formula = formulas.get_value((row, column)).unwrap();
    assert_eq!(formula, &format!("SUM(E4:E{last})"));

    // A filled form whose 合计 was recalculated imports its indicator rows only.
    let filled = dir.path().join("filled.xlsx");
    let edits = [
        (indicators[2].0, score_column, Typed::Number(1.0)),
        (*total_row, score_column, Typed::Number(999.0)),
    ];
    fill(&form, &filled, &edits);
    let preview = preview_import(&store, YEAR, &[filled]).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    let changed: Vec<usize> = preview.changes.iter().map(|c| c.row).collect();
    assert_eq!(changed, [indicators[2].0]);
    // The two stored values come back as they are; the rest of the rows were left blank.
    assert_eq!(
        (preview.unchanged, preview.blank),
        (stored.len(), indicators.len() - 1 - stored.len())
    );
}

#[test]
fn forms_carry_the_units_own_note_and_importing_it_leaves_the_assessors_note() {
    let mut store = demo_store();
    let agreement_id = store.agreements(YEAR).unwrap()[0].id;
    let dir = tempfile::tempdir().unwrap();
    let blank = write_forms(&store, YEAR, dir.path()).unwrap().remove(0);
    let (indicators, score_column) = indicator_rows(&blank);
    let (row, indicator_id, _) = indicators[0];
    store
        .write(|w| {
            w.upsert_score(&Score {
                self_score: Some(Points::whole(1)),
                assessed_score: Some(Points::whole(1)),
                note: "考核组：现场检查发现台账缺页".into(),
                self_note: "已建立安全生产台账".into(),
                ..Score::empty(agreement_id, indicator_id)
            })
        })
        .unwrap();
    let forms = dir.path().join("again");
    std::fs::create_dir(&forms).unwrap();
    let form = write_forms(&store, YEAR, &forms).unwrap().remove(0);
    let rows = read_rows(&form);
    let cells = &rows.iter().find(|(n, _)| *n == row).unwrap().1;
    assert_eq!(cells[score_column + 1], "已建立安全生产台账");
    assert!(
        rows.iter()
            .flat_map(|(_, cells)| cells)
            .all(|c| !c.contains("考核组")),
        "the assessors' note is not on the unit's form"
    );

    let filled = dir.path().join("filled.xlsx");
    fill(
        &form,
        &filled,
        &[(row, score_column + 1, Typed::Text("台账已补齐，附照片"))],
    );
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&filled)).unwrap();
    assert_eq!(preview.changes.len(), 1, "{:?}", preview.changes);
    let change = &preview.changes[0];
    assert_eq!(
        (
            change.row,
            change.self_before,
            change.self_after,
            change.self_note_before.as_str(),
            change.self_note_after.as_str()
        ),
        (
            row,
            Some(Points::whole(1)),
            Some(Points::whole(1)),
            "已建立安全生产台账",
            "台账已补齐，附照片"
        )
    );
    apply_import(&mut store, &preview).unwrap();
    let stored = self_score(&store, agreement_id, indicator_id).unwrap();
    assert_eq!(stored.self_note, "台账已补齐，附照片");
    assert_eq!(stored.note, "考核组：现场检查发现台账缺页");
    assert_eq!(stored.assessed_score, Some(Points::whole(1)));
}

#[test]
fn one_bad_value_rejects_the_whole_import_and_names_file_sheet_and_row() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (good_row, _, _) = indicators[0];
    let (bad_row, _, bad_points) = indicators[1];
    let (text_row, _, _) = indicators[2];
    let filled = dir.path().join("bad.xlsx");
    let edits = [
        (good_row, score_column, Typed::Number(1.0)),
        (bad_row, score_column, Typed::Number(99.0)),
        (text_row, score_column, Typed::Text("abc")),
    ];
    fill(&files[0], &filled, &edits);
    let before = store.scores(YEAR).unwrap();

    let preview = preview_import(&store, YEAR, std::slice::from_ref(&filled)).unwrap();
    assert_eq!(preview.changes.len(), 1);
    assert_eq!(preview.rejected.len(), 2, "{:?}", preview.rejected);
    let over = &preview.rejected[0];
    assert_eq!(
        (over.file.clone(), over.sheet.as_str(), over.row),
        (filled.clone(), "自评表", Some(bad_row))
    );
    // Each named by its item and the value as typed.
    assert!(over.reason.starts_with('“'), "{}", over.reason);
    assert!(
        (over.reason).ends_with(&format!("”自评分“99”超过该项分值 {bad_points}")),
        "{}",
        over.reason
    );
    assert_eq!(preview.rejected[1].row, Some(text_row));
    assert!(
        preview.rejected[1].reason.ends_with("”自评分“abc”不是数字"),
        "{}",
        preview.rejected[1].reason
    );
    let shown = over.to_string();
    assert!(
        shown.contains(&format!("工作表 自评表，第 {bad_row} 行：")),
        "{shown}"
    );
    assert!(shown.contains("bad.xlsx"), "{shown}");

    let error = apply_import(&mut store, &preview).unwrap_err();
    assert!(matches!(error, StoreError::Rejected(_)));
    assert_eq!(error.to_string(), "有 2 个值被拒绝，没有写入任何数据");
    assert_eq!(store.scores(YEAR).unwrap(), before);
}

#[test]
fn forms_of_another_year_and_unknown_indicators_are_rejected() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let rows = read_rows(&files[0]);
    let year_cell = rows[0].1.iter().position(|c| c == "考核年度").unwrap() + 1;
    let other_year = dir.path().join("2024.xlsx");
    fill(
        &files[0],
        &other_year,
        &[(1, year_cell, Typed::Text("2024"))],
    );
    let (indicators, _) = indicator_rows(&files[0]);
    let id_column = rows[2].1.iter().position(|c| c == "指标编号").unwrap();
    let unknown = dir.path().join("unknown.xlsx");
    let edits = [(indicators[0].0, id_column, Typed::Text("999999"))];
    fill(&files[0], &unknown, &edits);

    // Every form chosen of one other year: the year chosen is wrong, said once.
    let year_2026 = dir.path().join("2026.xlsx");
    fill(
        &files[1],
        &year_2026,
        &[(1, year_cell, Typed::Text("2024"))],
    );
    let all_other = preview_import(&store, YEAR, &[other_year.clone(), year_2026]).unwrap();
    assert!(all_other.rejected.is_empty() && all_other.changes.is_empty());
    assert_eq!(
        all_other.locked.as_deref(),
        Some("所选的 2 个文件都是 2024 年度的自评表，不能导入 2025 年度，应导入 2024 年度")
    );
    let preview = preview_import(&store, YEAR, &[other_year, unknown]).unwrap();
    let reasons: Vec<(Option<usize>, &str)> = preview
        .rejected
        .iter()
        .map(|r| (r.row, r.reason.as_str()))
        .collect();
    assert_eq!(
        reasons,
        [
            (Some(1), "这是 2024 年度的自评表，不能导入 2025 年度"),
            (
                Some(indicators[0].0),
                "指标编号“999999”不是该责任书的考核指标"
            ),
        ]
    );
    // Counted as the clerk corrects them: a form to send back whole, a value to correct.
    assert_eq!(preview.refusals_text(), "有 1 个文件不能导入、1 个值被拒绝");
}

fn run(args: &[&str]) -> std::process::Output {
    zerenshu_command().args(args).output().unwrap()
}

#[test]
fn cli_writes_forms_and_imports_them_all_or_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert!(run(&["demo", "--db", db_arg]).status.success());
    let out = dir.path().join("forms");
    std::fs::create_dir(&out).unwrap();
    let forms = run(&["forms", "--db", db_arg, "--year", "2025", "--out"]
        .into_iter()
        .chain([out.to_str().unwrap()])
        .collect::<Vec<_>>());
    assert!(forms.status.success(), "{forms:?}");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let good = dir.path().join("good.xlsx");
    fill_first_score(&files[0], &good, 0.5);
    let bad = dir.path().join("bad.xlsx");
    fill(
        &files[0],
        &bad,
        &[(indicators[0].0, score_column, Typed::Text("-2"))],
    );

    let refused = run(&["import", "scores", "--db", db_arg, "--year", "2025"]
        .into_iter()
        .chain([bad.to_str().unwrap()])
        .collect::<Vec<_>>());
    assert_eq!(refused.status.code(), Some(1), "{refused:?}");
    let stdout = String::from_utf8(refused.stdout).unwrap();
    let row = indicators[0].0;
    assert!(
        stdout.contains(&format!("工作表 自评表，第 {row} 行：“"))
            && stdout.contains("”自评分“-2”不能为负数"),
        "{stdout}"
    );
    // Given with another unit's form, which has no error: that one is named to go alone.
    let mixed = run(&["import", "scores", "--db", db_arg, "--year", "2025"]
        .into_iter()
        .chain([bad.to_str().unwrap(), files[1].to_str().unwrap()])
        .collect::<Vec<_>>());
    assert_eq!(mixed.status.code(), Some(1), "{mixed:?}");
    let stderr = String::from_utf8(mixed.stderr).unwrap();
    // Named as given, folder and all, to be pasted into the next command.
    let other = files[1].display();
    assert!(
        stderr.contains(&format!("没有错误的 1 个文件可以先单独导入：{other}")),
        "{stderr}"
    );
    assert!(
        String::from_utf8(refused.stderr)
            .unwrap()
            .contains("没有写入任何数据")
    );

    let imported = run(&[
        "import", "scores", "--yes", "--db", db_arg, "--year", "2025",
    ]
    .into_iter()
    .chain([good.to_str().unwrap()])
    .collect::<Vec<_>>());
    assert!(imported.status.success(), "{imported:?}");
    let stdout = String::from_utf8(imported.stdout).unwrap();
    assert!(stdout.contains("已导入 1 项自评分"), "{stdout}");
    let store = Store::open(&db).unwrap();
    let agreement_id = store.agreements(YEAR).unwrap()[0].id;
    let entered = self_score(&store, agreement_id, indicators[0].1).unwrap();
    assert_eq!(entered.self_score, Some(Points(50)));
}

#[test]
fn forms_cannot_be_imported_into_a_published_year() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert!(run(&["demo", "--db", db_arg]).status.success());
    let mut store = Store::open(&db).unwrap();
    let files = write_forms(&store, 2024, dir.path()).unwrap();
    let filled = dir.path().join("filled-2024.xlsx");
    fill_first_score(&files[0], &filled, 0.5);
    let before = store.scores(2024).unwrap();
    let preview = preview_import(&store, 2024, std::slice::from_ref(&filled)).unwrap();
    let locked = preview.locked.clone().unwrap();
    assert!(locked.contains("2024 年度考核结果已通报"), "{locked}");
    assert!(!preview.can_apply());
    let refused = apply_import(&mut store, &preview).unwrap_err().to_string();
    assert!(refused.contains("已通报"), "{refused}");
    // A preview built before publication is refused too.
    let mut stale = preview.clone();
    stale.locked = None;
    assert!(apply_import(&mut store, &stale).is_err());
    assert_eq!(store.scores(2024).unwrap(), before, "nothing written");
    drop(store);

    let cli = run(&["import", "scores", "--db", db_arg, "--year", "2024"]
        .into_iter()
        .chain([filled.to_str().unwrap()])
        .collect::<Vec<_>>());
    assert_eq!(cli.status.code(), Some(2), "{cli:?}");
    assert!(
        String::from_utf8(cli.stderr)
            .unwrap()
            .contains("错误：2024 年度考核结果已通报，评分已锁定，不能导入自评表")
    );
    // Said alone, with no line of what "will" change, also on a dry run.
    let dry = run(&[
        "import",
        "scores",
        "--db",
        db_arg,
        "--year",
        "2024",
        "--dry-run",
    ]
    .into_iter()
    .chain([filled.to_str().unwrap()])
    .collect::<Vec<_>>());
    let out = String::from_utf8(dry.stdout).unwrap();
    assert!(!out.contains("将修改"), "{out}");
    assert!(
        String::from_utf8(dry.stderr)
            .unwrap()
            .contains("评分已锁定")
    );
}

#[test]
fn a_form_with_an_indicator_row_deleted_says_so_and_imports_the_rest() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (rows, score_column) = indicator_rows(&files[0]);
    let header = read_rows(&files[0])
        .into_iter()
        .find(|(_, cells)| cells.iter().any(|c| c == "指标编号"))
        .unwrap()
        .1;
    let id_column = header.iter().position(|c| c == "指标编号").unwrap();
    // The second indicator's row loses its id (as a deleted row would), the first is filled.
    let filled = dir.path().join("filled.xlsx");
    fill(
        &files[0],
        &filled,
        &[
            (rows[1].0, id_column, Typed::Text("")),
            (rows[0].0, score_column, Typed::Number(1.0)),
        ],
    );
    let preview = preview_import(&store, YEAR, &[filled]).unwrap();
    assert!(preview.can_apply(), "{:?}", preview.rejected);
    assert_eq!(preview.changes.len(), 1);
    let agreement = &store.agreements(YEAR).unwrap()[0];
    let set = (store.indicator_sets(YEAR).unwrap().into_iter())
        .find(|s| s.category_id == agreement.draft.category_id)
        .unwrap();
    let lost = set.indicators.iter().find(|i| i.id == rows[1].1).unwrap();
    assert_eq!(preview.missing.len(), 1, "{:?}", preview.missing);
    assert!(
        preview.missing[0].contains(&format!("缺少 1 项指标：{}", lost.name)),
        "{}",
        preview.missing[0]
    );
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
        "有 1 份自评表没有填完：新华街道（13/15 项未填）"
    );
    apply_import(&mut store, &preview).unwrap();
    assert_eq!(
        self_score(&store, agreement.id, id_b).unwrap().self_score,
        Some(Points(200)),
        "the blank kept it"
    );
}

/// A form whose hidden agreement id is not the one its head prints (a hidden cell retyped, or
/// two units' forms pieced together) is refused: its scores would land on another unit.
#[test]
fn a_form_whose_hidden_id_is_another_unit_s_is_refused() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let rows = read_rows(&files[0]);
    let id_cell = rows[1].1.iter().position(|c| c == "责任书编号").unwrap() + 1;
    let first: i64 = rows[1].1[id_cell].parse().unwrap();
    let agreements = store.agreements(YEAR).unwrap();
    let other = agreements
        .iter()
        .find(|a| a.id != first && a.draft.category_id == agreements[0].draft.category_id)
        .unwrap();
    let pieced = dir.path().join("pieced.xlsx");
    #[allow(clippy::cast_precision_loss)]
    let other_id = Typed::Number(other.id as f64);
    fill(&files[0], &pieced, &[(rows[1].0, id_cell, other_id)]);

    let preview = preview_import(&store, YEAR, &[pieced]).unwrap();
    assert!(preview.changes.is_empty(), "{:?}", preview.changes);
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    let reason = &preview.rejected[0].reason;
    let unit = store
        .unit(other.draft.unit_id)
        .unwrap()
        .unwrap()
        .fields
        .name;
    assert!(
        reason.starts_with(&format!(
            "表头的编号“2025-{:03}”与表中隐藏的责任书（编号 2025-{:03}，{unit}）不符",
            first_number(&store, first),
            other.draft.number
        )),
        "{reason}"
    );
}

fn first_number(store: &Store, id: i64) -> i64 {
    store.agreement(id).unwrap().unwrap().draft.number
}

/// A form saved as .csv is said to be of another kind, not a damaged workbook.
#[test]
fn a_form_saved_as_csv_is_said_to_be_of_another_kind() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let csv = dir.path().join("自评表.csv");
    std::fs::write(&csv, "序号,考核项目,分值,自评分\n1,组织领导,6,5\n").unwrap();
    let said = match preview_import(&store, YEAR, &[csv]) {
        Ok(preview) => format!("{:?}", preview.rejected),
        Err(error) => error.to_string(),
    };
    assert!(said.contains("自评表须是本程序导出的 .xlsx 文件"), "{said}");
    assert!(!said.contains("已损坏"), "{said}");
}

#[test]
fn forms_of_indicators_not_yet_final_or_of_a_published_year_are_said_to_be_so() {
    use zerenshu::io::score_forms::forms_notes;
    let mut store = demo_store();
    assert!(forms_notes(&store, 2025).unwrap().is_empty());
    // The published year's forms cannot come back in.
    let published = forms_notes(&store, 2024).unwrap();
    assert!(
        published.len() == 1 && published[0].contains("2024 年度考核结果已通报，评分已锁定"),
        "{published:?}"
    );
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    // No agreements yet: no forms, nothing to say.
    assert!(forms_notes(&store, 2026).unwrap().is_empty());
    zerenshu::workflow::drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let notes = forms_notes(&store, 2026).unwrap();
    assert!(
        notes.len() == 1 && notes[0].starts_with("“镇街”“一类”") && notes[0].contains("须重新导出"),
        "{notes:?}"
    );
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

/// What would land elsewhere than the unit read, or nowhere, is refused with its row: a score
/// in a row the unit added, a row whose 考核项目 is not the indicator its hidden id names, a
/// formula saved without its result.
#[test]
fn added_rows_moved_names_and_formulas_without_results_are_refused() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (row_a, _, _) = indicators[0];
    let (row_b, _, _) = indicators[1];
    let name_column = score_column - 3;
    let rows = read_rows(&files[0]);
    let name_of = |row: usize| rows.iter().find(|(n, _)| *n == row).unwrap().1[name_column].clone();
    let (name_a, name_b) = (name_of(row_a), name_of(row_b));
    let refused = |edits: &[(usize, usize, Typed)]| {
        let out = dir.path().join("改过.xlsx");
        fill(&files[0], &out, edits);
        strip_formula_results(&out);
        let preview = preview_import(&store, YEAR, &[out]).unwrap();
        assert!(!preview.can_apply(), "{preview:?}");
        assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
        preview.rejected.into_iter().next().unwrap()
    };
    // The two names swapped over the hidden ids.
    let leaked: &'static str = Box::leak(name_b.clone().into_boxed_str());
    let moved = refused(&[
        (row_a, name_column, Typed::Text(leaked)),
        (row_a, score_column, Typed::Number(1.0)),
    ]);
    assert_eq!(moved.row, Some(row_a));
    assert!(
        moved.reason.starts_with(&format!(
            "考核项目“{name_b}”与该行隐藏编号所指的指标“{name_a}”不符"
        )),
        "{}",
        moved.reason
    );
    // A row added inside the table, above the 合计 row: the last indicator's row made one
    // (its hidden 指标编号 empty, a new item and score typed).
    let last = indicators.last().unwrap().0;
    let id_column = score_column + 2;
    let added = refused(&[
        (last, id_column, Typed::Text("")),
        (last, name_column, Typed::Text("新增项目")),
        (last, score_column, Typed::Number(3.0)),
    ]);
    assert_eq!(added.row, Some(last));
    assert!(
        added.reason.starts_with("“新增项目”不是导出时的指标行"),
        "{}",
        added.reason
    );
    let formula = refused(&[(row_a, score_column, Typed::Formula("=6-0.5"))]);
    assert!(
        formula
            .reason
            .contains("的自评分是公式“=6-0.5”，文件中没有保存计算结果"),
        "{}",
        formula.reason
    );
}

/// Forms of two years named without --year: the year is asked for, not taken from whichever
/// file came first.
#[test]
fn forms_of_two_years_without_a_year_ask_for_one() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let db_arg = db.to_str().unwrap();
    assert!(run(&["demo", "--db", db_arg]).status.success());
    let store = Store::open_read_only(&db).unwrap();
    for folder in ["2024", "2025"] {
        std::fs::create_dir(dir.path().join(folder)).unwrap();
    }
    let older = write_forms(&store, 2024, &dir.path().join("2024")).unwrap();
    let newer = write_forms(&store, YEAR, &dir.path().join("2025")).unwrap();
    drop(store);
    for order in [[&older[0], &newer[0]], [&newer[0], &older[0]]] {
        let out = run(&[
            "import",
            "scores",
            "--db",
            db_arg,
            "--dry-run",
            order[0].to_str().unwrap(),
            order[1].to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(2), "{err}");
        assert!(
            err.contains("所选的自评表分属 2024、2025 年度：请用 --year 指定"),
            "{err}"
        );
    }
}

/// The form lists the category's bonus, deduction and veto items under the table for the
/// unit to read; the import passes over them.
#[test]
fn forms_list_the_bonus_deduction_and_veto_items_for_the_unit_to_read() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let form = write_forms(&store, YEAR, dir.path()).unwrap().remove(0);
    let cells: Vec<String> = read_rows(&form)
        .into_iter()
        .flat_map(|(_, cells)| cells)
        .collect();
    for lead in [
        "加分事项（考核时认定，本表不填）：",
        "扣分事项（考核时认定，本表不填）：",
        "一票否决事项：",
    ] {
        assert!(
            cells.iter().any(|c| c.starts_with(lead)),
            "{lead} {cells:?}"
        );
    }
    assert!(cells.iter().any(|c| c.contains("加分累计不超过 5 分")));
    let preview = preview_import(&store, YEAR, &[form]).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
}

/// A 考核项目 that is no indicator's name now (corrected after the forms went out) is imported
/// by its hidden id and said; a 自评说明 typed in an added row is refused, as a score is.
#[test]
fn a_renamed_item_is_imported_by_its_id_and_a_note_in_an_added_row_is_refused() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (row_a, _, _) = indicators[0];
    let name_column = score_column - 3;
    let renamed = dir.path().join("改名.xlsx");
    fill(
        &files[0],
        &renamed,
        &[
            (row_a, name_column, Typed::Text("组织领导（旧称）")),
            (row_a, score_column, Typed::Number(1.0)),
        ],
    );
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&renamed)).unwrap();
    assert!(preview.can_apply(), "{:?}", preview.rejected);
    assert_eq!(preview.changes.len(), 1);
    assert!(
        preview
            .notes
            .iter()
            .any(|n| n.starts_with("表中有 1 处考核项目与现在的名称不同")
                && n.contains("改名.xlsx第 4 行的“组织领导（旧称）”现名为“组织领导”")),
        "{:?}",
        preview.notes
    );
    let last = indicators.last().unwrap().0;
    let added = dir.path().join("加行.xlsx");
    fill(
        &files[0],
        &added,
        &[
            (last, score_column + 2, Typed::Text("")),
            (last, name_column, Typed::Text("新增项目")),
            (last, score_column + 1, Typed::Text("另有亮点工作")),
        ],
    );
    let preview = preview_import(&store, YEAR, &[added]).unwrap();
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    assert!(
        preview.rejected[0].reason.starts_with(
            "“新增项目”不是导出时的指标行（没有指标编号），自评说明“另有亮点工作”无处导入"
        ),
        "{}",
        preview.rejected[0].reason
    );
}

/// A unit archived before it signed takes no part in the assessment: no form is written for
/// it, and a form it sent earlier is refused with how it comes back.
#[test]
fn a_unit_archived_before_it_signed_gets_no_form_and_its_form_is_refused() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    // 新华街道 (No. 3) is printed, not signed.
    let agreement = (store.agreements(YEAR).unwrap().into_iter())
        .find(|a| a.draft.number == 3)
        .unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let form = (files.iter())
        .find(|f| f.to_string_lossy().contains("新华街道"))
        .unwrap();
    let filled = dir.path().join("filled.xlsx");
    fill_first_score(form, &filled, 1.0);
    let unit_id = agreement.draft.unit_id;
    store.write(|w| w.set_unit_active(unit_id, false)).unwrap();

    let preview = preview_import(&store, YEAR, std::slice::from_ref(&filled)).unwrap();
    assert!(preview.changes.is_empty(), "{:?}", preview.changes);
    assert_eq!(
        (preview.rejected.iter().map(|r| r.reason.as_str())).collect::<Vec<_>>(),
        [
            "“新华街道办事处”已归档，其责任书未签订，不参加本年度考核；如需考核，请先在“单位”中恢复该单位"
        ]
    );
    let again = tempfile::tempdir().unwrap();
    let written = write_forms(&store, YEAR, again.path()).unwrap();
    assert_eq!(written.len(), files.len() - 1);
    assert!(
        !(written.iter()).any(|f| f.to_string_lossy().contains("新华街道")),
        "{written:?}"
    );
}

/// The unit named at the head must be the hidden agreement's: a form whose agreement id now
/// belongs to another unit (the data started over and was drafted again) is refused whole.
#[test]
fn a_form_headed_with_another_unit_is_refused() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let rows = read_rows(&files[0]);
    let unit_cell = rows[1].1.iter().position(|c| c == "单位").unwrap() + 1;
    let shown = rows[1].1[unit_cell].clone();
    let other = "石桥镇人民政府";
    assert_ne!(shown, other);
    let pieced = dir.path().join("pieced.xlsx");
    fill(
        &files[0],
        &pieced,
        &[(rows[1].0, unit_cell, Typed::Text(other))],
    );

    let preview = preview_import(&store, YEAR, &[pieced]).unwrap();
    assert!(preview.changes.is_empty(), "{:?}", preview.changes);
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    let reason = &preview.rejected[0].reason;
    assert!(
        reason.starts_with(&format!("表头的单位“{other}”不是表中隐藏的责任书")),
        "{reason}"
    );
    assert!(reason.contains(&format!("的单位“{shown}”")), "{reason}");
}

/// A unit renamed after its form went out (撤镇设街) still has its form taken: the head names
/// it as it was called then.
#[test]
fn a_form_of_a_unit_renamed_since_is_taken() {
    let mut store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let rows = read_rows(&files[0]);
    let id_cell = rows[1].1.iter().position(|c| c == "责任书编号").unwrap() + 1;
    let id: i64 = rows[1].1[id_cell].parse().unwrap();
    let unit_id = store.agreement(id).unwrap().unwrap().draft.unit_id;
    let unit = store.unit(unit_id).unwrap().unwrap();
    let mut renamed = unit.fields.clone();
    renamed.name = "示例新区街道办事处".to_owned();
    renamed.short_name = "示例新区街道".to_owned();
    store.write(|w| w.update_unit(unit.id, &renamed)).unwrap();
    let filled = dir.path().join("filled.xlsx");
    fill_first_score(&files[0], &filled, 1.0);

    let preview = preview_import(&store, YEAR, &[filled]).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
    assert_eq!(preview.changes.len(), 1, "{:?}", preview.changes);
}

/// A score merged down over two indicators' rows shows beside both but is held by the top
/// one: both rows are refused and named, nothing imported. An empty merge loses nothing.
#[test]
fn a_score_merged_over_two_rows_is_refused_and_named() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (row_a, row_b) = (indicators[0].0, indicators[1].0);
    // The form with `merged` merged down over the first two indicators' rows, the top cell
    // holding `top` when given.
    let merged_form = |merged: usize, top: Option<f64>| {
        let out = dir.path().join(format!("合并{merged}.xlsx"));
        let mut workbook = Workbook::new();
        let sheet = workbook.add_worksheet();
        sheet.set_name("自评表").unwrap();
        for (number, cells) in read_rows(&files[0]) {
            for (column, text) in cells.iter().enumerate() {
                let at = (
                    u32::try_from(number - 1).unwrap(),
                    u16::try_from(column).unwrap(),
                );
                let is_merged = column == merged && (number == row_a || number == row_b);
                if !is_merged && !text.is_empty() {
                    sheet.write_string(at.0, at.1, text).unwrap();
                }
            }
        }
        let column = u16::try_from(merged).unwrap();
        let (first, last) = (
            u32::try_from(row_a - 1).unwrap(),
            u32::try_from(row_b - 1).unwrap(),
        );
        sheet
            .merge_range(
                first,
                column,
                last,
                column,
                "",
                &rust_xlsxwriter::Format::new(),
            )
            .unwrap();
        if let Some(value) = top {
            sheet.write_number(first, column, value).unwrap();
        }
        workbook.save(&out).unwrap();
        out
    };
    let out = merged_form(score_column, Some(4.0));
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&out)).unwrap();
    assert!(!preview.can_apply());
    let rows: Vec<Option<usize>> = preview.rejected.iter().map(|r| r.row).collect();
    assert_eq!(rows, [Some(row_a), Some(row_b)], "{:?}", preview.rejected);
    let reason = &preview.rejected[0].reason;
    assert!(
        reason.contains(&format!("单元格与第 {row_a}–{row_b} 行合并在一起")),
        "{reason}"
    );
    // The 自评说明 column merged and left empty: nothing is lost, nothing refused.
    let empty = merged_form(score_column + 1, None);
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&empty)).unwrap();
    assert!(preview.rejected.is_empty(), "{:?}", preview.rejected);
}

/// A 自评说明 with a control character in it (an escape pasted from elsewhere), or longer than
/// a page, is refused on its row with the reason; nothing of the form is written.
#[test]
fn a_self_note_with_a_control_character_or_too_long_is_refused_on_its_row() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (indicators, score_column) = indicator_rows(&files[0]);
    // The filler takes texts that live as long as the test.
    let long: &'static str = Box::leak("字".repeat(1001).into_boxed_str());
    for (note, reason) in [
        ("见台账\u{1b}[2J", "自评说明中含有控制字符（U+001B）"),
        (long, "自评说明不能超过 1000 个字（现有 1001 个）"),
    ] {
        let filled = dir.path().join("filled.xlsx");
        fill(
            &files[0],
            &filled,
            &[(indicators[0].0, score_column + 1, Typed::Text(note))],
        );
        let preview = preview_import(&store, YEAR, std::slice::from_ref(&filled)).unwrap();
        assert!(preview.changes.is_empty(), "{:?}", preview.changes);
        assert!(
            (preview.rejected.iter()).any(|r| r.row.is_some() && r.reason.contains(reason)),
            "{:?}",
            preview.rejected
        );
    }
}
