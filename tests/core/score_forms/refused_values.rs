//! Values and rows refused on their row: a bad value stops the whole import, added rows,
//! moved names and formulas without results or with an error, a renamed item taken by its
//! id, a score merged over two rows, a self note with a control character or too long, and a
//! deleted indicator row said.

use rust_xlsxwriter::Workbook;
use zerenshu::io::score_forms::{apply_import, preview_import, write_forms};
use zerenshu::store::StoreError;

use super::{Typed, YEAR, fill, indicator_rows, read_rows, strip_formula_results};

use crate::support::demo_store;

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

/// A score whose formula went wrong ("#DIV/0!") is said as such, not as text typed.
#[test]
fn a_formula_s_error_is_said_as_one() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let files = write_forms(&store, YEAR, dir.path()).unwrap();
    let (indicators, score_column) = indicator_rows(&files[0]);
    let (row, _, _) = indicators[0];
    let filled = dir.path().join("error.xlsx");
    fill(
        &files[0],
        &filled,
        &[(row, score_column, Typed::Text("#DIV/0!"))],
    );
    let preview = preview_import(&store, YEAR, std::slice::from_ref(&filled)).unwrap();
    assert_eq!(preview.rejected.len(), 1, "{:?}", preview.rejected);
    assert!(
        (preview.rejected[0].reason).contains("的自评分是公式，算出的是错误“#DIV/0!”"),
        "{}",
        preview.rejected[0].reason
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
        let note = preview.incomplete_note();
        (preview.rejected.into_iter().next().unwrap(), note)
    };
    // The two names swapped over the hidden ids.
    let leaked: &'static str = Box::leak(name_b.clone().into_boxed_str());
    let (moved, incomplete) = refused(&[
        (row_a, name_column, Typed::Text(leaked)),
        (row_a, score_column, Typed::Number(1.0)),
    ]);
    // The row refused counts as filled in: the form is not said to be sent back empty.
    let rows = indicators.len();
    let incomplete = incomplete.unwrap();
    assert!(
        incomplete.ends_with(&format!("（{}/{rows} 项尚无自评分）", rows - 1)),
        "{incomplete}"
    );
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
    let (added, _) = refused(&[
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
    // A row added under the 合计 row, numbered as the next indicator: refused too, not
    // passed over as the sign-off cells there are.
    let (below, _) = refused(&[
        (last + 2, 0, Typed::Number(16.0)),
        (last + 2, name_column, Typed::Text("自加项目")),
        (last + 2, score_column, Typed::Number(2.0)),
    ]);
    assert_eq!(below.row, Some(last + 2));
    assert!(
        below
            .reason
            .starts_with("“自加项目”写在合计行下面，不是导出时的指标行，自评分“2”无处导入"),
        "{}",
        below.reason
    );
    // Without a 序号 too.
    let (unnumbered, _) = refused(&[
        (last + 2, name_column, Typed::Text("自加项目")),
        (last + 2, score_column, Typed::Number(2.0)),
    ]);
    assert_eq!(unnumbered.row, Some(last + 2));
    // Without a name: said as the row, not as an empty quote.
    let (nameless, _) = refused(&[(last + 2, score_column, Typed::Number(3.0))]);
    assert!(
        nameless
            .reason
            .starts_with("这一行写在合计行下面，不是导出时的指标行，自评分“3”无处导入"),
        "{}",
        nameless.reason
    );
    let (formula, _) = refused(&[(row_a, score_column, Typed::Formula("=6-0.5"))]);
    assert!(
        formula
            .reason
            .contains("的自评分是公式“=6-0.5”，文件中没有保存计算结果"),
        "{}",
        formula.reason
    );
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
