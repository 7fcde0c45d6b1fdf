//! Whole forms refused: of another year or naming unknown indicators, a hidden id or a head
//! of another unit, a form saved as .csv, and one of a unit archived before it signed; a
//! unit renamed since is still taken.

use zerenshu::io::score_forms::{preview_import, write_forms};
use zerenshu::store::Store;

use super::{Typed, YEAR, fill, fill_first_score, indicator_rows, read_rows};

use crate::support::demo_store;

#[test]
fn forms_of_another_year_and_unknown_indicators_are_rejected() {
    let mut store = demo_store();
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
    let both = [other_year.clone(), year_2026];
    let all_other = preview_import(&store, YEAR, &both).unwrap();
    assert!(all_other.rejected.is_empty() && all_other.changes.is_empty());
    // The demo's 2024 is published: no way into it is offered.
    assert_eq!(
        all_other.locked.as_deref(),
        Some(
            "所选的 2 个文件都是 2024 年度的自评表，不能导入 2025 年度；而 2024 年度考核结果已通报，评分已锁定，也不能导入"
        )
    );
    assert_eq!(all_other.forms_year, None);
    // Not yet published: the forms' year is named, to go to.
    let mut withdrawn = store.year(2024).unwrap().unwrap();
    withdrawn.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&withdrawn, Some("重新核对")))
        .unwrap();
    let all_other = preview_import(&store, YEAR, &both).unwrap();
    assert_eq!(
        all_other.locked.as_deref(),
        Some("所选的 2 个文件都是 2024 年度的自评表，不能导入 2025 年度，应导入 2024 年度")
    );
    assert_eq!(all_other.forms_year, Some(2024));
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
    // Saved as .csv, and the same renamed .xlsx: no renaming back makes it a form.
    for name in ["自评表.csv", "自评表.xlsx"] {
        let csv = dir.path().join(name);
        std::fs::write(&csv, "序号,考核项目,分值,自评分\n1,组织领导,6,5\n").unwrap();
        let said = match preview_import(&store, YEAR, &[csv]) {
            Ok(preview) => format!("{:?}", preview.rejected),
            Err(error) => error.to_string(),
        };
        assert!(said.contains("自评表须是本程序导出的 .xlsx 文件"), "{said}");
        assert!(!said.contains("已损坏"), "{said}");
        assert!(!said.contains("扩展名改回"), "{said}");
    }
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
