//! The unit import behind `zerenshu import units`: valid files in every format and column order
//! preview as exactly their rows and apply exactly. Also the helpers the import properties
//! share: the demo data set, its database file and the check of a preview.

use std::path::{Path, PathBuf};
use std::sync::LazyLock;

use proptest::collection::vec;
use proptest::prelude::*;
use proptest::sample::select;
use proptest::test_runner::{TestCaseError, TestCaseResult, TestRunner};
use tempfile::TempDir;
use zerenshu::demo::CATEGORIES;
use zerenshu::io::{ImportRow, apply, preview, read_table};
use zerenshu::model::unit::MAX_SORT_ORDER;
use zerenshu::model::{Category, Unit, UnitDraft, UnitKind};
use zerenshu::store::Store;

use super::spreadsheets::{Cell, CsvEncoding, csv_bytes, to_gbk, write_xlsx};
pub(super) use super::unit_import_check::check_preview;
use super::{config, odd_char, text_of};

/// The headers of the import columns (mirrors `io::unit_columns`).
pub(super) const HEADERS: [&str; 9] = [
    "单位名称",
    "简称",
    "单位类型",
    "考核类别",
    "负责人职务",
    "负责人",
    "联系人",
    "联系电话",
    "排序号",
];

/// Spaces a clerk leaves around a cell; the importer trims them.
const PADDING: [&str; 6] = ["", "", " ", "  ", "\u{3000}", "\t"];

/// The demo data set's units and categories, loaded once into memory.
pub(super) static DEMO: LazyLock<(Vec<Unit>, Vec<Category>)> = LazyLock::new(|| {
    let mut store = Store::open_in_memory().unwrap();
    zerenshu::demo::load(&mut store).unwrap();
    (store.units().unwrap(), store.categories().unwrap())
});

/// The demo data set in a database file, copied afresh for every case that writes.
pub(super) struct DemoFile {
    dir: TempDir,
}

impl DemoFile {
    /// Writes the demo data set to a temporary file.
    pub(super) fn new() -> Self {
        let dir = tempfile::tempdir().unwrap();
        let mut store = Store::open(&dir.path().join("demo.db")).unwrap();
        zerenshu::demo::load(&mut store).unwrap();
        Self { dir }
    }

    /// A private copy of the demo database in `case_dir`.
    pub(super) fn copy_into(&self, case_dir: &Path) -> Store {
        let path = case_dir.join("case.db");
        std::fs::copy(self.dir.path().join("demo.db"), &path).unwrap();
        Store::open(&path).unwrap()
    }
}

/// Runs `test` on `cases` inputs from `strategy`; for properties that need the demo file.
pub(super) fn run<S: Strategy>(
    cases: u32,
    strategy: &S,
    test: impl Fn(S::Value) -> TestCaseResult,
) -> Result<(), String> {
    TestRunner::new(config(cases))
        .run(strategy, test)
        .map_err(|error| error.to_string())
}

/// `text` with spaces a clerk might leave around it.
pub(super) fn padded(text: impl Strategy<Value = String>) -> impl Strategy<Value = String> {
    (select(PADDING.to_vec()), text, select(PADDING.to_vec()))
        .prop_map(|(before, text, after)| format!("{before}{text}{after}"))
}

/// A character of a unit name or a person's name: ideographs (beyond the BMP too, those the
/// fonts can draw), Latin letters and digits and name punctuation; never a space, a control
/// character or a character no font has (emoji: those are refused, see `odd_char`).
pub(super) fn name_char() -> impl Strategy<Value = char> {
    static BEYOND_BMP: std::sync::OnceLock<Vec<char>> = std::sync::OnceLock::new();
    let beyond_bmp: &'static [char] = BEYOND_BMP.get_or_init(|| {
        ('\u{20000}'..='\u{2A6DF}')
            .filter(|&c| zerenshu::pdf::fonts::can_draw(c))
            .collect()
    });
    prop_oneof![
        8 => proptest::char::range('\u{4E00}', '\u{9FA5}'),
        2 => proptest::char::range('0', '9'),
        2 => proptest::char::range('A', 'z').prop_filter("a letter", char::is_ascii_alphabetic),
        1 => select(beyond_bmp),
        1 => select("·（）()-—《》“”".chars().collect::<Vec<_>>()),
    ]
}

/// A character of a phone number as the import accepts it.
pub(super) fn phone_char() -> impl Strategy<Value = char> {
    select("0123456789-()（）+转 ".chars().collect::<Vec<_>>())
}

/// True for what the register refuses as a person's name: digits and date marks only.
fn is_number_or_date(value: &str) -> bool {
    let value = zerenshu::model::unit::without_zero_width(value);
    let value = value.trim();
    value.chars().any(|c| c.is_ascii_digit())
        && (value.chars()).all(|c| c.is_ascii_digit() || "-/.: 年月日".contains(c))
}

/// A phone field the import takes: empty, or one or two numbers of 7 to 20 digits each (an
/// area code starting with 0, as area codes do).
fn phone() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        "0[0-9]{2,3}-[0-9]{7,8}(转[0-9]{1,4})?",
        "1[0-9]{10}",
        "（0[0-9]{3}）[0-9]{7}",
        "\\+86 1[0-9]{2} [0-9]{4} [0-9]{4}",
        "0[0-9]{3}-[0-9]{7}、1[0-9]{10}",
    ]
}

/// One valid unit row as a clerk types it, spaces around the cells included.
#[derive(Debug, Clone)]
struct UnitRow {
    name: String,
    short_name: String,
    kind: UnitKind,
    kind_cell: String,
    category: String,
    principal_title: String,
    principal_name: String,
    contact_name: String,
    contact_phone: String,
    sort_order: Option<i64>,
}

impl UnitRow {
    /// The cell of the row under `header`.
    fn cell(&self, header: &str) -> String {
        match header {
            "单位名称" => self.name.clone(),
            "简称" => self.short_name.clone(),
            "单位类型" => self.kind_cell.clone(),
            "考核类别" => self.category.clone(),
            "负责人职务" => self.principal_title.clone(),
            "负责人" => self.principal_name.clone(),
            "联系人" => self.contact_name.clone(),
            "联系电话" => self.contact_phone.clone(),
            "排序号" => self.sort_order.map(|n| n.to_string()).unwrap_or_default(),
            _ => String::new(),
        }
    }

    /// The row with every character GBK cannot encode replaced.
    fn to_gbk(&self) -> Self {
        Self {
            name: to_gbk(&self.name),
            short_name: to_gbk(&self.short_name),
            principal_title: to_gbk(&self.principal_title),
            principal_name: to_gbk(&self.principal_name),
            contact_name: to_gbk(&self.contact_name),
            ..self.clone()
        }
    }
}

/// A valid unit row: names within their length limits, a known kind and a demo category, a
/// phone number, and a 排序号 that may be missing, 0 or up to the largest allowed.
fn unit_row() -> impl Strategy<Value = UnitRow> {
    let text = |max: usize| padded(text_of(name_char(), 0..=max));
    // A name or short name holds some text: one of punctuation only ("——") is refused.
    let holds_text = |s: &String| s.is_empty() || s.chars().any(char::is_alphanumeric);
    // A unit's name of one character, or of digits and date marks only, is refused too.
    let names_a_unit = move |s: &String| holds_text(s) && !is_number_or_date(s);
    (
        padded(text_of(name_char(), 2..=40).prop_filter("a unit's name", names_a_unit)),
        padded(text_of(name_char(), 0..=12).prop_filter("a name holds text", holds_text)),
        select(UnitKind::ALL.to_vec())
            .prop_flat_map(|kind| (Just(kind), padded(Just(kind.label().to_owned())))),
        padded(select(CATEGORIES.to_vec()).prop_map(str::to_owned)),
        // A person's name of digits and date marks only ("0", "2025-03-01") is refused: a
        // spreadsheet cell read as a number or a date.
        (
            text(30),
            text(30).prop_filter("a name, not a number", |s| !is_number_or_date(s)),
            text(30).prop_filter("a name, not a number", |s| !is_number_or_date(s)),
        ),
        padded(phone()),
        // Never negative: the form and the import refuse that.
        proptest::option::of(prop_oneof![
            4 => 0_i64..100_000,
            1 => Just(MAX_SORT_ORDER),
            1 => Just(0),
            1 => 0..=MAX_SORT_ORDER,
        ]),
    )
        .prop_map(
            |(name, short_name, (kind, kind_cell), category, people, contact_phone, sort_order)| {
                let (principal_title, principal_name, contact_name) = people;
                UnitRow {
                    name,
                    short_name,
                    kind,
                    kind_cell,
                    category,
                    principal_title,
                    principal_name,
                    contact_name,
                    contact_phone,
                    sort_order,
                }
            },
        )
}

/// How an import file is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FileFormat {
    Csv(CsvEncoding),
    Xlsx,
}

/// A valid import file: its format, its columns (the three a new unit needs, the optional ones
/// chosen, and unknown ones with odd headers and cells) in random order, and its rows.
#[derive(Debug, Clone)]
struct ImportCase {
    format: FileFormat,
    /// Each column: its header, and for an unknown column its cells.
    columns: Vec<(String, Option<Vec<String>>)>,
    rows: Vec<UnitRow>,
}

/// Valid import files with up to seven rows.
fn import_case() -> impl Strategy<Value = ImportCase> {
    let formats = vec![
        FileFormat::Csv(CsvEncoding::Utf8),
        FileFormat::Csv(CsvEncoding::Utf8WithBom),
        FileFormat::Csv(CsvEncoding::Gbk),
        FileFormat::Xlsx,
    ];
    (
        select(formats),
        vec(any::<bool>(), HEADERS.len()),
        vec(
            (
                text_of(odd_char(), 1..10),
                vec(text_of(odd_char(), 0..10), 7),
            ),
            0..3,
        ),
        vec(unit_row(), 0..8),
        vec(any::<u16>(), HEADERS.len() + 2),
    )
        .prop_map(|(format, chosen, unknown, rows, order)| {
            let is_gbk = format == FileFormat::Csv(CsvEncoding::Gbk);
            let mut columns: Vec<(String, Option<Vec<String>>)> = (HEADERS.iter().zip(chosen))
                .filter(|(header, chosen)| {
                    *chosen || ["单位名称", "单位类型", "考核类别"].contains(header)
                })
                .map(|(header, _)| ((*header).to_owned(), None))
                .collect();
            for (header, cells) in unknown {
                // A leading U+FEFF in the first header cell would read as a BOM.
                let header = header.replace('\u{FEFF}', "");
                if !HEADERS.contains(&header.trim()) {
                    columns.push((header, Some(cells)));
                }
            }
            let mut keyed: Vec<_> = order.into_iter().zip(columns).collect();
            keyed.sort_by_key(|(key, _)| *key);
            let mut columns: Vec<_> = keyed.into_iter().map(|(_, column)| column).collect();
            // Names are unique in the file and new to the demo data set, and so are the names
            // they are shown under.
            let mut rows: Vec<UnitRow> = rows;
            if is_gbk {
                rows = rows.iter().map(UnitRow::to_gbk).collect();
                for (header, cells) in &mut columns {
                    *header = to_gbk(header);
                    for cell in cells.iter_mut().flatten() {
                        *cell = to_gbk(cell);
                    }
                }
            }
            // Short names too (the name stands for an empty or absent one): no two units may
            // be shown under the same one.
            let has_short =
                (columns.iter()).any(|(header, cells)| cells.is_none() && header == "简称");
            let mut names = Vec::new();
            let mut shown_as = Vec::new();
            rows.retain(|row| {
                let name = row.name.trim().to_owned();
                let short = Some(row.short_name.trim())
                    .filter(|short| has_short && !short.is_empty())
                    .map_or_else(|| name.clone(), str::to_owned);
                let is_new = !names.contains(&name)
                    && !DEMO.0.iter().any(|u| u.fields.name == name)
                    && !shown_as.contains(&short)
                    && !(DEMO.0.iter())
                        .any(|u| u.is_active && u.fields.display_short_name() == short);
                names.push(name);
                shown_as.push(short);
                is_new
            });
            ImportCase {
                format,
                columns,
                rows,
            }
        })
}

/// Writes an import case to `dir` in its format and returns the file's path.
fn write_import_file(dir: &Path, case: &ImportCase) -> PathBuf {
    let cell = |row: &UnitRow, index: usize, (header, cells): &(String, Option<Vec<String>>)| {
        cells
            .as_ref()
            .map_or_else(|| row.cell(header), |cells| cells[index].clone())
    };
    let header: Vec<String> = case
        .columns
        .iter()
        .map(|(header, _)| header.clone())
        .collect();
    if let FileFormat::Csv(encoding) = case.format {
        let mut records = vec![header];
        for (index, row) in case.rows.iter().enumerate() {
            records.push(
                case.columns
                    .iter()
                    .map(|column| cell(row, index, column))
                    .collect(),
            );
        }
        let path = dir.join("units.csv");
        std::fs::write(&path, csv_bytes(&records, encoding)).unwrap();
        return path;
    }
    let mut rows = vec![header.into_iter().map(Cell::Text).collect::<Vec<_>>()];
    for (index, row) in case.rows.iter().enumerate() {
        let cells = case.columns.iter().map(|column| {
            let sort_order = row.sort_order.filter(|n| n.unsigned_abs() < 1 << 53);
            match (column.0.as_str(), sort_order) {
                // A 排序号 Excel can hold exactly is written as a number.
                ("排序号", Some(n)) => Cell::Number(n as f64),
                _ => Cell::Text(cell(row, index, column)),
            }
        });
        rows.push(cells.collect());
    }
    let path = dir.join("units.xlsx");
    write_xlsx(&path, &rows);
    path
}

/// The units `preview` must add for an import case, in file order, against the demo data.
fn expected_additions(case: &ImportCase) -> Vec<ImportRow> {
    let has = |header: &str| {
        case.columns
            .iter()
            .any(|(h, cells)| h == header && cells.is_none())
    };
    let field = |row: &UnitRow, header: &str| {
        if has(header) {
            row.cell(header).trim().to_owned()
        } else {
            String::new()
        }
    };
    let mut last_sort_order = DEMO
        .0
        .iter()
        .map(|u| u.fields.sort_order)
        .max()
        .unwrap_or(0);
    let mut additions = Vec::new();
    for (row_number, row) in (2..).zip(&case.rows) {
        let category = DEMO
            .1
            .iter()
            .find(|c| c.name == row.category.trim())
            .unwrap();
        let sort_order = row
            .sort_order
            .filter(|_| has("排序号"))
            .unwrap_or_else(|| zerenshu::model::unit::next_sort_order([last_sort_order]));
        last_sort_order = last_sort_order.max(sort_order);
        let draft = UnitDraft {
            name: row.name.trim().to_owned(),
            short_name: field(row, "简称"),
            kind: row.kind,
            category_id: category.id,
            principal_title: field(row, "负责人职务"),
            principal_name: field(row, "负责人"),
            contact_name: field(row, "联系人"),
            contact_phone: zerenshu::model::collation::half_width(&field(row, "联系电话")),
            sort_order,
        };
        additions.push(ImportRow {
            row_number,
            draft,
            category_name: category.name.clone(),
        });
    }
    additions
}

/// A valid import file, in any format and column order, previews as exactly its rows, added
/// in order with the 排序号 the importer promises, and writes exactly those units.
#[test]
fn valid_rows_preview_and_apply_exactly() {
    let demo = DemoFile::new();
    run(128, &import_case(), |case| {
        let dir = tempfile::tempdir().unwrap();
        let path = write_import_file(dir.path(), &case);
        let table = read_table(&path).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(table.rows.len(), case.rows.len());
        let preview =
            preview(&table, &DEMO.0, &DEMO.1).map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!(&preview.rejected, &vec![]);
        prop_assert_eq!(&preview.changes, &vec![]);
        prop_assert_eq!(preview.unchanged, 0);
        let expected = expected_additions(&case);
        prop_assert_eq!(&preview.additions, &expected);
        let unknown: Vec<String> = (case.columns.iter())
            .filter(|(_, cells)| cells.is_some())
            .map(|(header, _)| header.trim().to_owned())
            .filter(|header| !header.is_empty())
            .collect();
        prop_assert_eq!(&preview.unknown_columns, &unknown);

        let mut store = demo.copy_into(dir.path());
        let summary = apply(&mut store, &preview, "单位.csv")
            .map_err(|e| TestCaseError::fail(e.to_string()))?;
        prop_assert_eq!((summary.added, summary.changed), (expected.len(), 0));
        let units = store.units().unwrap();
        for addition in &expected {
            let stored = units
                .iter()
                .find(|u| u.is_active && u.fields.name == addition.draft.name);
            prop_assert_eq!(stored.map(|u| &u.fields), Some(&addition.draft));
        }
        Ok(())
    })
    .unwrap();
}
