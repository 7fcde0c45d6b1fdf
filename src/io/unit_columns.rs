//! The columns of a unit import file, found by their Chinese header in any order.

use super::table::TableRow;
use super::unit_import::ImportError;

/// A column the importer knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Column {
    Name,
    ShortName,
    Kind,
    Category,
    PrincipalTitle,
    PrincipalName,
    ContactName,
    ContactPhone,
    SortOrder,
}

impl Column {
    /// Every column, in form order.
    pub(super) const ALL: [Self; 9] = [
        Self::Name,
        Self::ShortName,
        Self::Kind,
        Self::Category,
        Self::PrincipalTitle,
        Self::PrincipalName,
        Self::ContactName,
        Self::ContactPhone,
        Self::SortOrder,
    ];

    /// The header texts that name the column: its own first, then the words a spreadsheet
    /// (or the 单位 screen's table) may use for it.
    fn headers(self) -> &'static [&'static str] {
        match self {
            // 责任单位: the heading of the lists of 目标责任书 and their annexes.
            Self::Name => &[
                "单位名称",
                "单位全称",
                "单位",
                "名称",
                "责任单位",
                "责任单位名称",
            ],
            Self::ShortName => &["简称", "单位简称"],
            Self::Kind => &["单位类型", "类型"],
            Self::Category => &["考核类别", "类别"],
            Self::PrincipalTitle => &["负责人职务", "主要负责人职务", "职务"],
            Self::PrincipalName => &["负责人", "主要负责人", "负责人姓名"],
            Self::ContactName => &["联系人", "联系人姓名"],
            Self::ContactPhone => &["联系电话", "电话", "联系方式", "联系人电话"],
            // Not 序号: in most spreadsheets that only counts the rows.
            Self::SortOrder => &["排序号", "排序"],
        }
    }

    /// The header text that names the column: the first of its [`Self::headers`].
    pub(super) fn header(self) -> &'static str {
        self.headers().first().copied().unwrap_or_default()
    }
}

/// Headers of a mobile number column, read as the 联系电话 when the file has no phone column.
const MOBILE_HEADERS: [&str; 6] = [
    "手机",
    "手机号",
    "手机号码",
    "联系人手机",
    "联系手机",
    "移动电话",
];

/// True when a header cell names the 单位名称 column (in any of its spellings and marks), as
/// the row under a title row is recognised by.
pub(super) fn names_unit_names(cell: &str) -> bool {
    Column::Name.headers().contains(&bare_header(cell).as_str())
}

/// The header a cell names: without its marks (see [`marked_header`]) and without the line
/// breaks and spaces a wrapped or spaced-out heading has ("单位\n名称", "联 系 人").
fn bare_header(cell: &str) -> String {
    marked_header(cell)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// A header cell without the marks a prepared sheet puts on it: a note in brackets after it
/// ("单位名称（必填）", "排序号(选填)") and a required-field star ("*单位名称", "单位名称＊").
fn marked_header(cell: &str) -> &str {
    let cell = cell.trim_matches(|c: char| c == '*' || c == '＊' || c.is_whitespace());
    let without_note = ['（', '(']
        .into_iter()
        .filter(|_| cell.ends_with(['）', ')']))
        .find_map(|open| cell.rfind(open))
        .filter(|&at| at > 0)
        .and_then(|at| cell.get(..at));
    without_note.map_or(cell, |name| {
        name.trim_matches(|c: char| c == '*' || c == '＊' || c.is_whitespace())
    })
}

/// The header cells of columns a unit list has that are known and not imported: the row
/// count (序号), which numbers the rows, not the units.
const COUNTING_HEADERS: [&str; 2] = ["序号", "行号"];

/// `unknown`, the header cells not read (as the preview lists them), parted into those known
/// and not imported (序号) and those not recognised.
#[must_use]
pub fn not_imported_parts(unknown: &[String]) -> (Vec<&str>, Vec<&str>) {
    (unknown.iter().map(String::as_str))
        .partition(|cell| COUNTING_HEADERS.contains(&bare_header(cell).as_str()))
}

/// Where each known column is in the header row.
pub(super) struct Columns([Option<usize>; Column::ALL.len()]);

impl Columns {
    /// Finds the known columns and lists the unknown header cells.
    pub(super) fn find(header: &[String]) -> Result<(Self, Vec<String>), ImportError> {
        let mut positions = [None; Column::ALL.len()];
        let mut unknown = Vec::new();
        for (index, cell) in header.iter().enumerate() {
            let cell = cell.trim();
            let name = bare_header(cell);
            let found = Column::ALL
                .iter()
                .position(|c| c.headers().contains(&name.as_str()));
            match found.and_then(|slot| positions.get_mut(slot)) {
                Some(Some(earlier)) => {
                    let first = header.get(*earlier).map_or("", |h: &String| h.trim());
                    return Err(if first == cell {
                        ImportError::DuplicateColumn(cell.to_owned())
                    } else {
                        ImportError::SameColumn(first.to_owned(), cell.to_owned())
                    });
                }
                Some(position) => *position = Some(index),
                None if cell.is_empty() => {}
                None => unknown.push(cell.to_owned()),
            }
        }
        // A list with only a mobile number ("手机") gives it as the 联系电话; beside a phone
        // column it is another column, not read.
        let phone = Column::ALL.iter().position(|c| *c == Column::ContactPhone);
        if let Some(slot @ None) = phone.and_then(|at| positions.get_mut(at))
            && let Some(at) = (unknown.iter())
                .position(|cell| MOBILE_HEADERS.contains(&bare_header(cell).as_str()))
        {
            let cell = unknown.remove(at);
            *slot = header.iter().position(|h| h.trim() == cell);
        }
        let columns = Self(positions);
        if columns.index(Column::Name).is_none() {
            // "单位名称\t简称" in one cell: the file was saved tab-separated.
            let has_tab = header.iter().any(|cell| cell.contains('\t'));
            // "单位名称;简称" (or "名称;类型") likewise, with semicolons.
            let has_semicolon = (header.iter()).any(|cell| {
                let mut parts = cell.split([';', '；']);
                parts.clone().count() > 1
                    && parts.any(|part| {
                        Column::Name
                            .headers()
                            .contains(&bare_header(part.trim()).as_str())
                    })
            });
            return Err(if has_tab {
                ImportError::TabSeparated
            } else if has_semicolon {
                ImportError::SemicolonSeparated
            } else {
                ImportError::MissingNameColumn(headers_read(header))
            });
        }
        Ok((columns, unknown))
    }

    /// True when a header cell names a column the importer knows (in any of its spellings).
    pub(super) fn is_known(cell: &str) -> bool {
        let name = bare_header(cell.trim());
        Column::ALL
            .iter()
            .any(|c| c.headers().contains(&name.as_str()))
    }

    /// The position of a column in the header row, if the file has it.
    pub(super) fn index(&self, column: Column) -> Option<usize> {
        let slot = Column::ALL.iter().position(|c| *c == column)?;
        self.0.get(slot).copied().flatten()
    }

    /// True when a cell of an imported column holds something: a row with only a 序号 or other
    /// columns not imported filled in has nothing to import.
    pub(super) fn has_content(&self, row: &TableRow) -> bool {
        (Column::ALL.iter()).any(|column| self.cell(row, *column).is_some_and(|c| !c.is_empty()))
    }

    /// The trimmed cell of a column: `None` if the file has no such column, "" if the row is short.
    pub(super) fn cell<'a>(&self, row: &'a TableRow, column: Column) -> Option<&'a str> {
        let index = self.index(column)?;
        Some(row.cells.get(index).map_or("", |cell| cell.trim()))
    }
}

/// The cells of a header row as a message quotes them: "“序号、责任单位、联系电话”", each cut
/// at 20 characters and the row at 12 cells; "空的" for a row with nothing in it.
#[must_use]
pub fn headers_read(header: &[String]) -> String {
    const CELLS: usize = 12;
    const CHARS: usize = 20;
    let cells: Vec<String> = (header.iter())
        .map(|cell| cell.trim())
        .filter(|cell| !cell.is_empty())
        .map(|cell| {
            let shown: String = cell
                .chars()
                .filter(|c| !c.is_control())
                .take(CHARS)
                .collect();
            if cell.chars().count() > CHARS {
                shown + "…"
            } else {
                shown
            }
        })
        .collect();
    if cells.is_empty() {
        return "空的".to_owned();
    }
    let more = if cells.len() > CELLS { " 等" } else { "" };
    let shown: Vec<&str> = cells.iter().take(CELLS).map(String::as_str).collect();
    format!("“{}”{more}", shown.join("、"))
}

/// The headers the importer reads, for messages: "单位名称、简称、…".
#[must_use]
pub fn known_headers() -> String {
    Column::ALL.map(Column::header).join("、")
}

/// One line for a clerk preparing a file: the headers read, which are required, and what a new
/// unit needs ("表头行写列名（上面可有标题行）：单位名称（必填）、简称、…").
#[must_use]
pub fn expected_columns() -> String {
    let headers = Column::ALL.map(|column| match column {
        Column::Name => format!("{}（必填）", column.header()),
        _ => column.header().to_owned(),
    });
    let kinds: Vec<&str> = crate::model::UnitKind::ALL
        .iter()
        .map(|k| k.label())
        .collect();
    format!(
        "表头行写列名（上面可有标题行，列的顺序不限）：{}；新增的单位还须填写{}和{}。{}填{}之一（写“镇街”的，按单位名称末尾判断街道、镇或乡）",
        headers.join("、"),
        Column::Kind.header(),
        Column::Category.header(),
        Column::Kind.header(),
        kinds.join("、")
    )
}
