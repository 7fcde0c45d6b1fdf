//! The inputs of the kill test: the demo rolled over to a new year, a CSV of new fictional
//! units, and self-assessment forms filled in the way a unit returns them.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use calamine::{Reader as _, Xlsx, open_workbook};
use rust_xlsxwriter::Workbook;
use zerenshu::io::table::cell_text;
use zerenshu::model::Points;

use super::{DRAFT_YEAR, NEW_UNITS, SCORED_YEAR, run_ok, zerenshu};

/// The prepared files every run starts from.
pub(super) struct Inputs {
    /// The demo rolled over to 2026: templates but no agreements for 2026.
    pub(super) base: PathBuf,
    /// New fictional units for `import units`.
    pub(super) units_csv: PathBuf,
    /// Filled self-assessment forms of 2025.
    pub(super) forms: Vec<PathBuf>,
}

/// The 2025 demo rolled over to 2026, a CSV of new units and filled self-assessment forms.
pub(super) fn prepare(root: &Path) -> Inputs {
    let base = root.join("base.sqlite3");
    run_ok(&mut zerenshu(&base, &["demo"]), "demo");
    run_ok(
        &mut zerenshu(
            &base,
            &["rollover", "--from", "2025", "--to", DRAFT_YEAR, "--yes"],
        ),
        "rollover",
    );
    assert!(
        !root.join("base.sqlite3-wal").exists(),
        "the base database is one file, so a copy of it is whole"
    );
    let blank_forms = root.join("forms");
    std::fs::create_dir_all(&blank_forms).unwrap();
    run_ok(
        &mut zerenshu(
            &base,
            &[
                "forms",
                "--year",
                SCORED_YEAR,
                "--out",
                blank_forms.to_str().unwrap(),
            ],
        ),
        "forms",
    );
    let filled = root.join("filled");
    std::fs::create_dir_all(&filled).unwrap();
    let mut blanks: Vec<PathBuf> = std::fs::read_dir(&blank_forms)
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    blanks.sort();
    assert_eq!(blanks.len(), 45);
    let forms = blanks
        .iter()
        .enumerate()
        .map(|(index, blank)| {
            let out = filled.join(blank.file_name().unwrap());
            fill_form(blank, &out, index);
            out
        })
        .collect();
    let units_csv = root.join("新单位.csv");
    std::fs::write(&units_csv, units_csv_text()).unwrap();
    Inputs {
        base,
        units_csv,
        forms,
    }
}

/// New fictional units, one a row, with every column the importer knows.
fn units_csv_text() -> String {
    const KINDS: [&str; 6] = ["部门", "企业", "镇", "街道", "乡", "开发区"];
    const CATEGORIES: [&str; 4] = ["一类", "二类", "三类", "镇街"];
    const TITLES: [&str; 4] = ["局长", "主任", "总经理", "镇长"];
    const SURNAMES: [&str; 8] = ["甄", "柏", "钟", "韩", "冯", "秦", "陆", "谢"];
    const GIVEN: [&str; 8] = [
        "思远", "明轩", "立群", "闻溪", "若愚", "景行", "知秋", "望舒",
    ];
    let mut text =
        "单位名称,简称,单位类型,考核类别,负责人职务,负责人,联系人,联系电话,排序号\n".to_owned();
    for n in 1..=usize::try_from(NEW_UNITS).unwrap() {
        let person = |shift: usize| {
            format!(
                "{}{}",
                SURNAMES[(n + shift) % SURNAMES.len()],
                GIVEN[(n / SURNAMES.len() + shift) % GIVEN.len()]
            )
        };
        writeln!(
            text,
            "示例市第{n:03}测试单位,测试{n:03},{},{},{},{},{},0399-86{n:05},{}",
            KINDS[n % KINDS.len()],
            CATEGORIES[n % CATEGORIES.len()],
            TITLES[n % TITLES.len()],
            person(0),
            person(3),
            100 + n
        )
        .unwrap();
    }
    text
}

/// The rows of a form's sheet as numbered exact strings.
fn read_rows(path: &Path) -> Vec<(usize, Vec<String>)> {
    let mut workbook: Xlsx<_> = open_workbook(path).unwrap();
    let range = workbook.worksheet_range("自评表").unwrap();
    let (first_row, _) = range.start().unwrap();
    range
        .rows()
        .enumerate()
        .map(|(i, cells)| {
            (
                first_row as usize + i + 1,
                cells.iter().map(cell_text).collect(),
            )
        })
        .collect()
}

/// Writes `out` as a copy of the form at `blank` with every indicator's 自评分 and 自评说明 filled,
/// the way a unit returns it.
fn fill_form(blank: &Path, out: &Path, index: usize) {
    let rows = read_rows(blank);
    let (header_number, header) = rows
        .iter()
        .find(|(_, cells)| cells.iter().any(|c| c == "指标编号"))
        .unwrap();
    let column = |name: &str| header.iter().position(|c| c == name).unwrap();
    let (id, points, score, note) = (
        column("指标编号"),
        column("分值"),
        column("自评分"),
        column("自评说明"),
    );
    let mut workbook = Workbook::new();
    let sheet = workbook.add_worksheet();
    sheet.set_name("自评表").unwrap();
    for (number, cells) in &rows {
        let is_indicator = number > header_number && !cells[id].is_empty();
        for column in 0..cells.len().max(note + 1) {
            let text = cells.get(column).cloned().unwrap_or_default();
            let text = if is_indicator && column == score {
                let most = Points::parse(&cells[points]).unwrap();
                Points(most.0 * i64::try_from(50 + (index * 7 + number) % 50).unwrap() / 100)
                    .to_string()
            } else if is_indicator && column == note {
                format!("台账齐全，第 {number} 行已自查")
            } else {
                text
            };
            if !text.is_empty() {
                let (row, col) = (
                    u32::try_from(number - 1).unwrap(),
                    u16::try_from(column).unwrap(),
                );
                sheet.write_string(row, col, text).unwrap();
            }
        }
    }
    workbook.save(out).unwrap();
}
