//! Forms as they are written: one per agreement with its title, unit and ids, kept when
//! written again, none left by a run that fails, the 合计 row, the unit's own note, the bonus,
//! deduction and veto items for the unit to read, and what is said of forms that cannot come
//! back.

use calamine::{Reader as _, Xlsx, open_workbook};
use zerenshu::io::score_forms::{apply_import, preview_import, write_forms};
use zerenshu::model::{Points, Score};

use super::{Typed, YEAR, fill, indicator_rows, read_rows, self_score};

use crate::support::demo_store;

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

/// A year whose results are published takes no more self scores: its forms say they are for
/// reading, not to be filled in and handed back.
#[test]
fn forms_of_a_published_year_say_they_are_for_reading() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let published = write_forms(&store, 2024, dir.path()).unwrap();
    let rows = read_rows(&published[0]);
    assert_eq!(
        rows[0].1[0],
        "2024年度安全生产目标管理考核自评表（只供查阅）"
    );
    let cells: Vec<&String> = rows.iter().flat_map(|(_, cells)| cells).collect();
    assert!(
        cells
            .iter()
            .any(|c| c.starts_with("本年度考核结果已通报，评分已锁定：本表只供查阅"))
    );
    assert!(!cells.iter().any(|c| c.contains("交回安委办导入")));
    // Nothing to sign or hand back.
    assert!(!cells.iter().any(|c| c.as_str() == "填表人："));
    // One still being assessed asks for them.
    let folder = dir.path().join("open");
    std::fs::create_dir(&folder).unwrap();
    let open = write_forms(&store, YEAR, &folder).unwrap();
    let cells: Vec<String> = (read_rows(&open[0]).into_iter())
        .flat_map(|(_, cells)| cells)
        .collect();
    assert!(cells.iter().any(|c| c.ends_with("填好后交回安委办导入")));
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
fn forms_of_indicators_not_yet_final_or_of_a_published_year_are_said_to_be_so() {
    use zerenshu::io::score_forms::forms_notes;
    let mut store = demo_store();
    assert!(forms_notes(&store, 2025, None).unwrap().is_empty());
    // The published year's forms cannot come back in.
    let published = forms_notes(&store, 2024, None).unwrap();
    assert!(
        published.len() == 1 && published[0].contains("2024 年度考核结果已通报，评分已锁定"),
        "{published:?}"
    );
    zerenshu::workflow::rollover::rollover(&mut store, 2025, 2026).unwrap();
    // No agreements yet: no forms, nothing to say.
    assert!(forms_notes(&store, 2026, None).unwrap().is_empty());
    zerenshu::workflow::drafting::draft(&mut store, 2026, None, |_, _| {}).unwrap();
    let notes = forms_notes(&store, 2026, None).unwrap();
    assert!(
        notes.len() == 1 && notes[0].starts_with("“镇街”“一类”") && notes[0].contains("须重新导出"),
        "{notes:?}"
    );
    // The forms of one unit: only its category is said.
    let agreement = (store.agreements(2026).unwrap().into_iter())
        .find(|a| a.draft.category_id == store.categories().unwrap()[1].id)
        .unwrap();
    let category = &store.categories().unwrap()[1].name;
    let one = forms_notes(&store, 2026, Some(&[agreement.id])).unwrap();
    assert_eq!(one.len(), 1, "{one:?}");
    assert!(
        one[0].starts_with(&format!("“{category}”的考核指标尚未定稿")),
        "{one:?}"
    );
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
