//! The score summary spreadsheet (考核得分汇总表) of the 2024 demo year, read back with calamine:
//! sheet names and titles as the notice names the categories, headers, rows in rank order with
//! the totals `year_results` computes, the vetoed unit, both notes of every indicator score,
//! every bonus, deduction and veto, exact decimals such as 19.99, and the atomic replace.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]
// Cells must read back bit-exact, so floats are compared strictly on purpose.
#![allow(clippy::float_cmp)]

use std::path::Path;

use calamine::{Data, Range, Reader as _, open_workbook_auto};
use zerenshu::document::notice::is_town_category;
use zerenshu::io::score_summary::{SummaryError, write_summary};
use zerenshu::model::{AdjustmentKind, Points, Score};
use zerenshu::workflow::results::year_results;

use crate::support::demo_store;

const YEAR: i32 = 2024;
const CATEGORY_HEADERS: [&str; 9] = [
    "序号",
    "单位",
    "基础得分",
    "加分",
    "扣分",
    "总得分",
    "一票否决",
    "等次",
    "排名",
];
const INDICATOR_HEADERS: [&str; 9] = [
    "类别",
    "单位",
    "序号",
    "考核项目",
    "分值",
    "自评分",
    "自评说明",
    "考核组评分",
    "评分说明",
];
const ADJUSTMENT_HEADERS: [&str; 8] = [
    "类别",
    "单位",
    "类型",
    "加扣分项目或否决条件",
    "事项",
    "分值",
    "是否计入",
    "理由",
];
/// The sheets of the demo year's summary, in order.
const SHEET_NAMES: [&str; 6] = [
    "镇街",
    "部门（一类）",
    "部门（二类）",
    "部门（三类）",
    "指标得分",
    "加扣分与否决",
];
/// The sheets of the categories.
const CATEGORY_SHEETS: usize = 4;

pub(crate) fn sheets(path: &Path) -> (Vec<String>, Vec<Range<Data>>) {
    let mut workbook = open_workbook_auto(path).unwrap();
    let names = workbook.sheet_names();
    let ranges = names
        .iter()
        .map(|name| workbook.worksheet_range(name).unwrap())
        .collect();
    (names, ranges)
}

/// The rows below the header (the title is row 1, the header row 2 of the sheet), up to the
/// note under an interim table.
pub(crate) fn body(range: &Range<Data>) -> Vec<&[Data]> {
    assert_eq!(range.start(), Some((0, 0)));
    (range.rows().skip(2))
        .take_while(|row| !matches!(row.first(), Some(Data::String(s)) if s.starts_with("注：")))
        .collect()
}

/// The note under an interim table, if any.
pub(crate) fn note_under(range: &Range<Data>) -> Option<String> {
    (range.rows().skip(2)).find_map(|row| match row.first() {
        Some(Data::String(s)) if s.starts_with("注：") => Some(s.clone()),
        _ => None,
    })
}

pub(crate) fn header(range: &Range<Data>) -> Vec<String> {
    range.rows().nth(1).unwrap().iter().map(text).collect()
}

pub(crate) fn text(cell: &Data) -> String {
    match cell {
        Data::String(s) => s.clone(),
        Data::Empty => String::new(),
        other => panic!("not text: {other:?}"),
    }
}

pub(crate) fn number(cell: &Data) -> f64 {
    match cell {
        Data::Float(value) => *value,
        Data::Int(value) => *value as f64,
        other => panic!("not a number: {other:?}"),
    }
}

/// True when `cell` holds exactly the number the points stand for.
pub(crate) fn holds(cell: &Data, points: Points) -> bool {
    let value = number(cell);
    value.to_bits() == (points.0 as f64 / 100.0).to_bits()
}

#[test]
fn every_category_sheet_lists_the_ranked_results() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    write_summary(&store, YEAR, &path).unwrap();
    let (names, ranges) = sheets(&path);
    assert_eq!(names, SHEET_NAMES);
    let results = year_results(&store, YEAR).unwrap();
    assert_eq!(results.len(), CATEGORY_SHEETS);
    // The notice's attachment captions the categories as the sheets are named.
    let year = store.year(YEAR).unwrap().unwrap();
    let date = chrono::NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let wording = zerenshu::workflow::notice::wording(&store, YEAR).unwrap();
    let notice = zerenshu::document::build_notice(&year, &results, &[], date, &wording);
    let captions: Vec<&str> = notice.tables.iter().map(|t| t.caption.as_str()).collect();
    assert_eq!(captions, names[..CATEGORY_SHEETS]);
    for ((category, range), name) in results.iter().zip(&ranges).zip(&names) {
        assert_eq!(is_town_category(category), name == "镇街");
        let title = text(&range[(0, 0)]);
        assert_eq!(
            title,
            format!("2024年度{name}安全生产目标管理考核得分汇总表")
        );
        assert_eq!(header(range), CATEGORY_HEADERS);
        let rows = body(range);
        assert_eq!(
            rows.len(),
            category.units.len(),
            "{}",
            category.category.name
        );
        for (index, (cells, unit)) in rows.iter().zip(&category.units).enumerate() {
            assert_eq!(number(&cells[0]), (index + 1) as f64);
            assert_eq!(text(&cells[1]), unit.unit_name);
            let expected = [
                unit.row.base,
                unit.row.bonus,
                unit.row.deduction,
                unit.row.total,
            ];
            for (cell, points) in cells[2..6].iter().zip(expected) {
                assert!(
                    holds(cell, points),
                    "{}: {cell:?} ≠ {points}",
                    unit.unit_name
                );
            }
            let veto = if unit.row.is_vetoed { "是" } else { "" };
            assert_eq!(text(&cells[6]), veto);
            assert_eq!(text(&cells[7]), unit.row.grade);
            assert_eq!(number(&cells[8]), unit.row.rank as f64);
        }
    }
    assert_eq!(body(&ranges[0]).len(), 15);
    let vetoed: Vec<_> = ranges[..CATEGORY_SHEETS]
        .iter()
        .flat_map(body)
        .filter(|cells| text(&cells[6]) == "是")
        .collect();
    assert_eq!(vetoed.len(), 1);
    assert_eq!(text(&vetoed[0][1]), "石桥镇人民政府");
    assert_eq!(text(&vetoed[0][7]), "不合格");
}

/// The range of the sheet named `name`.
pub(crate) fn sheet<'a>(
    names: &[String],
    ranges: &'a [Range<Data>],
    name: &str,
) -> &'a Range<Data> {
    let index = names.iter().position(|n| n == name).unwrap();
    &ranges[index]
}

#[test]
fn the_indicator_sheet_holds_every_score_with_both_notes() {
    let mut store = demo_store();
    // One unit explains its self score; the assessors' note stays beside it.
    let mut entry = (store.scores(YEAR).unwrap().into_iter())
        .find(|s| s.note.starts_with("经查阅资料"))
        .unwrap();
    entry.self_note = "已按要求完成，佐证材料见附件3".to_owned();
    store.write(|w| w.upsert_score(&entry)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    write_summary(&store, YEAR, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let range = sheet(&names, &ranges, "指标得分");
    assert_eq!(text(&range[(0, 0)]), "2024年度安全生产目标管理考核指标得分");
    assert_eq!(header(range), INDICATOR_HEADERS);
    let rows = body(range);
    let scores = store.scores(YEAR).unwrap();
    assert_eq!(rows.len(), scores.len());
    let assessed = rows.iter().filter(|cells| cells[7] != Data::Empty).count();
    let expected = scores.iter().filter(|s| s.assessed_score.is_some()).count();
    assert_eq!(assessed, expected);
    let first = rows[0];
    assert_eq!(text(&first[0]), "镇街");
    assert_eq!(number(&first[2]), 1.0);
    assert!(!text(&first[3]).is_empty());
    assert!(number(&first[4]) > 0.0);
    // The 类别 column names the categories as the sheets do.
    let mut categories: Vec<String> = rows.iter().map(|cells| text(&cells[0])).collect();
    categories.dedup();
    assert_eq!(categories, SHEET_NAMES[..CATEGORY_SHEETS]);
    // The units in the order the category sheets list them, so each is found by its rank.
    let mut units: Vec<String> = (rows.iter())
        .filter(|cells| text(&cells[0]) == "镇街")
        .map(|cells| text(&cells[1]))
        .collect();
    units.dedup();
    let ranked: Vec<String> = (body(sheet(&names, &ranges, "镇街")).iter())
        .map(|cells| text(&cells[1]))
        .collect();
    assert_eq!(units, ranked);
    let noted: Vec<_> = rows
        .iter()
        .filter(|cells| text(&cells[8]).starts_with("经查阅资料"))
        .collect();
    assert!(
        noted
            .iter()
            .all(|cells| number(&cells[7]) < number(&cells[4]))
    );
    let explained: Vec<_> = rows
        .iter()
        .filter(|cells| !text(&cells[6]).is_empty())
        .collect();
    assert_eq!(explained.len(), 1);
    assert_eq!(text(&explained[0][6]), "已按要求完成，佐证材料见附件3");
    assert_eq!(text(&explained[0][8]), entry.note);
    assert!(holds(&explained[0][5], entry.self_score.unwrap()));
    assert!(holds(&explained[0][7], entry.assessed_score.unwrap()));
}

#[test]
fn the_adjustment_sheet_lists_every_bonus_deduction_and_veto() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    write_summary(&store, YEAR, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let range = sheet(&names, &ranges, "加扣分与否决");
    assert_eq!(
        text(&range[(0, 0)]),
        "2024年度安全生产目标管理考核加扣分与一票否决情况"
    );
    assert_eq!(header(range), ADJUSTMENT_HEADERS);
    let rows: Vec<Vec<String>> = body(range)
        .iter()
        .map(|cells| (cells.iter()).map(zerenshu::io::table::cell_text).collect())
        .collect();
    let adjustments = store.adjustments(YEAR).unwrap();
    let vetoes = store.vetoes(YEAR).unwrap();
    assert_eq!(rows.len(), adjustments.len() + vetoes.len());
    assert_eq!((adjustments.len(), vetoes.len()), (9, 1));
    // Categories in order, each unit's rows together in the category's rank order.
    let results = year_results(&store, YEAR).unwrap();
    let set = &results[0].set;
    let item_name = |id: Option<i64>| {
        set.items
            .iter()
            .find(|i| Some(i.id) == id)
            .unwrap()
            .name
            .clone()
    };
    let first_bonus = &adjustments[0];
    assert_eq!(first_bonus.kind, AdjustmentKind::Bonus);
    assert_eq!(
        rows[0],
        [
            "镇街",
            "城关街道办事处",
            "加分",
            &item_name(first_bonus.item_id),
            "网格化隐患排查",
            "2",
            "计入",
            "做法被国家级推广",
        ]
    );
    // The lower award of the same 事项 is listed, marked as not counted.
    assert_eq!(rows[1][4], "网格化隐患排查");
    assert_eq!(rows[1][6], "不计入：同一事项只计最高一次");
    let units: Vec<(&str, &str, &str)> = (rows.iter())
        .map(|r| (r[0].as_str(), r[1].as_str(), r[2].as_str()))
        .collect();
    assert_eq!(
        units,
        [
            ("镇街", "城关街道办事处", "加分"),
            ("镇街", "城关街道办事处", "加分"),
            ("镇街", "城关街道办事处", "加分"),
            ("镇街", "古渡镇人民政府", "扣分"),
            ("镇街", "石桥镇人民政府", "一票否决"),
            ("部门（一类）", "示例市应急管理局", "加分"),
            ("部门（一类）", "示例市应急管理局", "加分"),
            ("部门（一类）", "示例市应急管理局", "加分"),
            ("部门（一类）", "示例市应急管理局", "加分"),
            ("部门（一类）", "示例市交通运输局", "扣分"),
        ]
    );
    // 应急局's bonuses add up to 6 against the cap of 5: each says it counts up to the cap.
    for row in &rows[5..9] {
        assert_eq!(row[6], "计入（加分合计超过上限，按 5 分计）");
    }
    let deduction = &rows[3];
    assert_eq!(deduction[5], "3");
    assert_eq!(deduction[6], "计入");
    assert_eq!(deduction[7], "年终考核材料未按时报送");
    let veto = &rows[4];
    assert_eq!(veto[3], item_name(vetoes[0].item_id));
    assert_eq!(veto[4], "");
    assert_eq!(veto[5], "");
    assert_eq!(veto[6], "");
    assert_eq!(veto[7], vetoes[0].reason);
    let transport = &rows[9];
    assert_eq!(transport[5], "2");
    assert_eq!(transport[7], "2024年6月被省安委办通报批评一次");
}

/// Deductions past the base and bonus count only down to zero (扣完为止): the sheet says so
/// on each, with the points counted.
#[test]
fn deductions_past_zero_say_how_much_counted() {
    let mut store = demo_store();
    let results = year_results(&store, YEAR).unwrap();
    let gudu = (results.iter().flat_map(|c| &c.units))
        .find(|u| u.unit_name == "古渡镇人民政府")
        .unwrap()
        .clone();
    let counted = gudu.row.base + gudu.row.bonus;
    for _ in 0..2 {
        let deduction = zerenshu::model::Adjustment {
            id: 0,
            agreement_id: gudu.agreement_id,
            item_id: None,
            kind: AdjustmentKind::Deduction,
            points: Points::whole(60),
            reason: "发生较大事故".to_owned(),
            matter: String::new(),
        };
        store
            .write(|w| w.add_adjustment(&deduction, Some("复核后补录")))
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    write_summary(&store, YEAR, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let range = sheet(&names, &ranges, "加扣分与否决");
    let counted_notes: Vec<String> = (body(range).iter())
        .filter(|cells| text(&cells[1]) == "古渡镇人民政府")
        .map(|cells| text(&cells[6]))
        .collect();
    let total = Points::whole(123);
    let expected = format!("计入（扣分合计 {total} 分，扣完为止，按 {counted} 分计）");
    assert_eq!(
        counted_notes,
        [expected.clone(), expected.clone(), expected]
    );
}

#[test]
fn hundredths_stay_exact() {
    let mut store = demo_store();
    let results = year_results(&store, YEAR).unwrap();
    let town = &results[0].units[0];
    let set = &results[0].set;
    let indicator = set.indicators.iter().max_by_key(|i| i.points).unwrap();
    let mut entry = store
        .scores(YEAR)
        .unwrap()
        .into_iter()
        .find(|s| s.agreement_id == town.agreement_id && s.indicator_id == indicator.id)
        .unwrap();
    let odd = Points(indicator.points.0.min(2000) - 1);
    entry.assessed_score = Some(odd);
    store
        .write(|w| {
            w.upsert_score(&Score {
                note: "19.99 分".to_owned(),
                ..entry.clone()
            })
        })
        .unwrap();
    let results = year_results(&store, YEAR).unwrap();
    let town = results[0]
        .units
        .iter()
        .find(|u| u.agreement_id == town.agreement_id)
        .unwrap();
    assert_ne!(town.row.total.0 % 10, 0, "the total now has two decimals");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    write_summary(&store, YEAR, &path).unwrap();
    let (_, ranges) = sheets(&path);
    let row = body(&ranges[0])
        .into_iter()
        .find(|cells| text(&cells[1]) == town.unit_name)
        .unwrap();
    assert!(
        holds(&row[5], town.row.total),
        "{:?} ≠ {}",
        row[5],
        town.row.total
    );
    let (names, _) = sheets(&path);
    let cell = body(sheet(&names, &ranges, "指标得分"))
        .into_iter()
        .find(|cells| text(&cells[8]) == "19.99 分")
        .map(|cells| cells[7].clone())
        .unwrap();
    assert!(holds(&cell, odd));
    assert_eq!(zerenshu::io::table::cell_text(&cell), odd.to_string());
}

#[test]
fn the_file_is_replaced_in_one_step() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("2024年度考核得分汇总表.xlsx");
    std::fs::write(&path, b"old contents").unwrap();
    write_summary(&store, YEAR, &path).unwrap();
    let entries: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(entries, [path.file_name().unwrap()]);
    let (names, _) = sheets(&path);
    assert_eq!(names, SHEET_NAMES);
}

#[test]
fn errors_name_the_problem_and_the_path_last() {
    let store = demo_store();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("missing").join("汇总表.xlsx");
    let error = write_summary(&store, YEAR, &path).unwrap_err();
    assert!(matches!(error, SummaryError::Write { .. }), "{error:?}");
    let message = error.to_string();
    assert!(message.starts_with("无法写入文件"), "{message}");
    assert!(message.ends_with(&path.display().to_string()), "{message}");
    assert!(!message.ends_with('。'));
    assert!(std::fs::read_dir(dir.path()).unwrap().next().is_none());

    let unknown = write_summary(&store, 1999, &dir.path().join("x.xlsx")).unwrap_err();
    assert!(matches!(unknown, SummaryError::Store(_)), "{unknown:?}");
}

#[test]
fn a_year_without_bonuses_deductions_or_vetoes_says_so_in_their_sheet() {
    let mut store = demo_store();
    for adjustment in store.adjustments(2023).unwrap() {
        store
            .write(|w| w.delete_adjustment(adjustment.id, Some("测试")))
            .unwrap();
    }
    for veto in store.vetoes(2023).unwrap() {
        store
            .write(|w| w.clear_veto(veto.agreement_id, Some("测试")))
            .unwrap();
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("汇总表.xlsx");
    write_summary(&store, 2023, &path).unwrap();
    let (names, ranges) = sheets(&path);
    let range = sheet(&names, &ranges, "加扣分与否决");
    assert_eq!(header(range), ADJUSTMENT_HEADERS);
    let rows = body(range);
    assert_eq!(rows.len(), 1);
    assert_eq!(zerenshu::io::table::cell_text(&rows[0][0]), "无");
}
