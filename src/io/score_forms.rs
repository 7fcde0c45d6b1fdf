//! 自评表: one `.xlsx` self-assessment form per agreement, filled in by the unit, and the
//! import of the filled forms back into the scores, all or nothing.
//!
//! Each form carries, in hidden cells, the year (考核年度), the agreement id (责任书编号) and
//! one indicator id per row (指标编号), so the import matches rows exactly whatever a clerk
//! does to names or order. The form shows the unit's own self score and 自评说明, never the
//! assessors' notes. [`write_forms`] writes the forms; [`preview_import`] lists every self
//! score and 自评说明 that would change and every value it refuses; [`apply_import`] writes the
//! preview in one transaction, and only when nothing was refused. The import never touches the
//! assessed scores or the assessors' notes.

mod form_reader;
mod form_rows;
mod form_sheet;
mod form_writer;

use std::path::PathBuf;

use crate::model::Points;

pub use form_reader::{ScoresImported, apply_import, preview_import, year_of_form};
pub use form_writer::{WrittenForm, forms_notes, write_form_files, write_forms};

/// The name of the form's worksheet.
pub const SHEET_NAME: &str = "自评表";
/// The label of the hidden cell whose right neighbour holds the form's year.
pub const YEAR_LABEL: &str = "考核年度";
/// The label of the hidden cell whose right neighbour holds the agreement id.
pub const AGREEMENT_LABEL: &str = "责任书编号";
/// The label of the visible cell whose right neighbour holds the unit's name.
pub const UNIT_LABEL: &str = "单位";
/// The label of the visible cell whose right neighbour holds the agreement's number as printed
/// ("2025-002").
pub const NUMBER_LABEL: &str = "编号";
/// The header of the hidden column holding each row's indicator id.
pub const INDICATOR_ID_HEADER: &str = "指标编号";
/// The header of the hidden column holding each row's self score as the form was written
/// with it: what the unit left as it was is told from what it changed, so that an old form
/// imported again does not take back a score changed since.
pub const EXPORTED_SCORE_HEADER: &str = "导出时自评分";
/// The header of the column the unit fills in.
pub const SELF_SCORE_HEADER: &str = "自评分";
/// The header of the column for the unit's own explanation (stored as the self note).
pub const SELF_NOTE_HEADER: &str = "自评说明";
/// The visible headers of the indicator table, left to right.
pub const VISIBLE_HEADERS: [&str; 6] = [
    "序号",
    "考核项目",
    "分值",
    "评分标准",
    SELF_SCORE_HEADER,
    SELF_NOTE_HEADER,
];

/// Errors of writing or reading forms, worded for a clerk.
#[derive(Debug, thiserror::Error)]
pub enum FormError {
    /// The store could not be read.
    #[error("{0}")]
    Store(#[from] crate::store::StoreError),
    /// The workbook could not be built.
    #[error("无法生成自评表（{reason}）：{path}")]
    Build {
        /// What went wrong.
        reason: String,
        /// The file being built.
        path: PathBuf,
    },
    /// A file could not be written.
    #[error("无法写入文件（{}）：{path}", crate::io::files::reason(.error))]
    Write {
        /// The I/O error.
        error: std::io::Error,
        /// The file.
        path: PathBuf,
    },
}

/// One self score (and 自评说明) that the import will change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreChange {
    /// The form it comes from.
    pub file: PathBuf,
    /// The worksheet.
    pub sheet: String,
    /// The spreadsheet row number, counting from 1.
    pub row: usize,
    /// The agreement scored.
    pub agreement_id: i64,
    /// The indicator scored.
    pub indicator_id: i64,
    /// The unit's name, for showing.
    pub unit_name: String,
    /// The indicator's 考核项目, for showing.
    pub indicator_name: String,
    /// The self score now.
    pub self_before: Option<Points>,
    /// The self score after the import, as the preview shows it.
    pub self_after: Option<Points>,
    /// The self score the form gives (None when its cell is blank, or left as the form was
    /// written while the score here changed since: the one stored stays).
    pub self_typed: Option<Points>,
    /// The unit's 自评说明 now.
    pub self_note_before: String,
    /// The 自评说明 in the form; empty keeps the one now.
    pub self_note_after: String,
}

impl ScoreChange {
    /// What changes, in words: "自评分 5 → 5.5", "自评说明改为“…”", or both.
    #[must_use]
    pub fn describe(&self) -> String {
        let show = |p: Option<Points>| p.map_or_else(|| "（空）".to_owned(), |p| p.to_string());
        let mut parts = Vec::new();
        if self.self_before != self.self_after {
            // A full-width bracket takes no space before it; a number does.
            let before = match self.self_before {
                Some(points) => format!(" {points}"),
                None => show(None),
            };
            parts.push(format!("自评分{before} → {}", show(self.self_after)));
        }
        if !self.self_note_after.is_empty() && self.self_note_after != self.self_note_before {
            // On one line, as a preview line is: a line break shown as "↵", a tab as a space.
            let note: String = (self.self_note_after.replace("\r\n", "\n").chars())
                .map(|c| match c {
                    '\n' | '\r' => '↵',
                    c if c.is_control() => ' ',
                    c => c,
                })
                .collect();
            parts.push(format!("自评说明改为“{note}”"));
        }
        parts.join("；")
    }
}

/// A value the import refuses, with where it is and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RejectedValue {
    /// The form it comes from.
    pub file: PathBuf,
    /// The worksheet, empty when the file has none to name.
    pub sheet: String,
    /// The spreadsheet row number, counting from 1, when the problem is on one row.
    pub row: Option<usize>,
    /// Why, in Chinese.
    pub reason: String,
    /// True when the whole form is refused (unreadable, of another year or agreement, not a
    /// form of this program), not one value in it.
    pub is_whole_file: bool,
}

impl std::fmt::Display for RejectedValue {
    /// Writes "文件 …，工作表 …，第 N 行：原因" (without the sheet when the file has none).
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "文件 {}", self.file.display())?;
        if !self.sheet.is_empty() {
            write!(f, "，工作表 {}", self.sheet)?;
        }
        if let Some(row) = self.row {
            write!(f, "，第 {row} 行")?;
        }
        write!(f, "：{}", self.reason)
    }
}

/// What importing a set of filled forms would do, shown before anything is written.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ScoreImportPreview {
    /// The year the forms were checked against.
    pub year: i32,
    /// The files read, in the order given.
    pub files: Vec<PathBuf>,
    /// Values that will change, in file and row order.
    pub changes: Vec<ScoreChange>,
    /// Values that are refused; while any is, nothing is written.
    pub rejected: Vec<RejectedValue>,
    /// Rows whose self score and 自评说明 are already stored as written.
    pub unchanged: usize,
    /// Rows left blank (no self score, no 自评说明): they keep what is stored.
    pub blank: usize,
    /// Why nothing may be imported into the year at all (its results are published), in Chinese.
    pub locked: Option<String>,
    /// The year every form chosen is of, when that is not [`Self::year`]: the forms are to be
    /// imported into it (see [`Self::locked`]).
    pub forms_year: Option<i32>,
    /// Forms lacking rows of their agreement's indicators (a row deleted in the spreadsheet),
    /// one line each: said, not refused; those indicators keep what is stored.
    pub missing: Vec<String>,
    /// Forms that fill a row another form given later fills too: the later one's row is
    /// refused, and this one cannot go alone either (either may be the correction).
    pub clashing: Vec<PathBuf>,
    /// Rows whose self score is left blank while one is stored: the import keeps it (said,
    /// since a unit withdrawing a score might expect it cleared).
    pub blank_over_stored: usize,
    /// Which stored values blank cells keep, each as "城关街道办事处“组织领导”的自评分" (or
    /// 自评说明), in file and row order.
    pub kept: Vec<String>,
    /// Rows whose 考核项目 is no indicator's name now (renamed after the forms went out): imported
    /// by their hidden id, and said.
    pub renamed: Vec<String>,
    /// The forms with rows left blank, each as "应急局（13/15 项尚无自评分）" (a row left blank
    /// over a self score stored is not counted) or "应急局（未填写）", by the unit's short name.
    pub incomplete: Vec<String>,
    /// What else the clerk is told before confirming, one line each: the stored scores a
    /// blank keeps, agreements not signed yet, the year moving on to 考核.
    pub notes: Vec<String>,
    /// Who filled each form in, as written under its table ("填表人 岳琇文，联系电话
    /// 0399-8611999，填报日期 2025年1月10日"), for the forms that say it; kept in the log with
    /// the values imported from the form.
    pub filled_by: Vec<(PathBuf, String)>,
}

impl ScoreImportPreview {
    /// The forms come back not filled in whole, said after the values that change (a list
    /// for the clerk to chase, not a reason to stop): "有 3 份自评表没有填完：应急局（13/15
    /// 项尚无自评分）、…".
    #[must_use]
    pub fn incomplete_note(&self) -> Option<String> {
        const LISTED: usize = 8;
        (!self.incomplete.is_empty()).then(|| {
            format!(
                "有 {} 份自评表没有填完：{}",
                self.incomplete.len(),
                form_reader::listed(&self.incomplete, LISTED, "份")
            )
        })
    }

    /// What the form `file` says of who filled it in, if anything.
    #[must_use]
    pub fn filled_by(&self, file: &std::path::Path) -> Option<&str> {
        (self.filled_by.iter())
            .find(|(path, _)| path == file)
            .map(|(_, text)| text.as_str())
    }

    /// The counts as the preview opens with them: "将修改 2 项，无变化 13 项，未填写 15 项，
    /// 被拒绝 0 处" (未填写 only when some rows were left blank; 处, as a refusal may be of a
    /// value or of a whole file).
    #[must_use]
    pub fn counts_text(&self) -> String {
        let blank = if self.blank > 0 {
            format!("，未填写 {} 项", self.blank)
        } else {
            String::new()
        };
        format!(
            "将修改 {} 项，无变化 {} 项{blank}，被拒绝 {} 处",
            self.changes.len(),
            self.unchanged,
            self.rejected.len()
        )
    }

    /// What is refused, counted as the clerk corrects it: "有 2 个值被拒绝", "有 1 个文件不能
    /// 导入" (a form of another year, say, refused whole), or both; empty when nothing is.
    #[must_use]
    pub fn refusals_text(&self) -> String {
        let values = self.rejected.iter().filter(|r| !r.is_whole_file).count();
        let mut files: Vec<&PathBuf> = (self.rejected.iter())
            .filter(|r| r.is_whole_file)
            .map(|r| &r.file)
            .collect();
        files.dedup();
        match (files.len(), values) {
            (0, 0) => String::new(),
            (0, values) => format!("有 {values} 个值被拒绝"),
            (files, 0) => format!("有 {files} 个文件不能导入"),
            (files, values) => format!("有 {files} 个文件不能导入、{values} 个值被拒绝"),
        }
    }

    /// The files none of whose values is refused, in the order given: what can be imported
    /// on its own when others are not (empty when the year is locked).
    #[must_use]
    pub fn files_without_refusals(&self) -> Vec<PathBuf> {
        if self.locked.is_some() {
            return Vec::new();
        }
        (self.files.iter())
            .filter(|file| self.rejected.iter().all(|r| &r.file != *file))
            .filter(|file| !self.clashing.contains(file))
            .cloned()
            .collect()
    }

    /// True when applying would write: nothing refused, the year not locked.
    #[must_use]
    pub fn can_apply(&self) -> bool {
        self.rejected.is_empty() && self.locked.is_none()
    }
}

/// Said of the spreadsheets of other formats (.xls, .et, .csv) in the folders of the forms
/// `files` when the clerk chose every .xlsx there (the whole folder): a form saved so by a unit
/// is not imported (only the exported .xlsx is), and the clerk is told which were left out;
/// a workbook that is an .xlsx under another extension is said to need only its name put
/// right. `None` when there are none, or when some of the folder's .xlsx were picked alone.
#[must_use]
pub fn other_sheets_beside(files: &[PathBuf]) -> Option<String> {
    let mut folders: Vec<&std::path::Path> = files
        .iter()
        .map(|file| crate::io::destination::folder_of(file))
        .collect();
    folders.dedup();
    // Files picked one by one: the others beside them were not meant.
    let every_form = (folders.iter())
        .filter_map(|folder| crate::io::files::files_in(folder, &["xlsx"]).ok())
        .flatten()
        .all(|form| files.contains(&form));
    if !every_form {
        return None;
    }
    let mut others: Vec<(String, bool)> = folders
        .iter()
        .filter_map(|folder| std::fs::read_dir(folder).ok())
        .flatten()
        .filter_map(Result::ok)
        .filter(|entry| entry.file_type().is_ok_and(|t| t.is_file()))
        .map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, entry.path())
        })
        // Taken with the forms (a workbook under an older sheet's name): not left out.
        .filter(|(_, path)| !files.contains(path))
        .filter(|(name, _)| {
            let lower = name.to_lowercase();
            !name.starts_with('.')
                && [".xls", ".et", ".csv"]
                    .iter()
                    .any(|ext| lower.ends_with(ext))
        })
        .map(|(name, path)| (name, crate::io::table::is_zip_workbook(&path)))
        .collect();
    if others.is_empty() {
        return None;
    }
    others.sort();
    let (renamed, other): (Vec<_>, Vec<_>) = others.into_iter().partition(|(_, is_xlsx)| *is_xlsx);
    let names = |list: Vec<(String, bool)>| -> Vec<String> {
        list.into_iter().map(|(name, _)| name).collect()
    };
    let mut said = Vec::new();
    if !other.is_empty() {
        said.push(format!(
            "文件夹中另有 {} 个不是 .xlsx 的表格没有导入：{}（自评表须是导出的 .xlsx 文件；单位另存为别的格式的，请让其在原自评表中填写后交回）",
            other.len(),
            names(other).join("、")
        ));
    }
    if !renamed.is_empty() {
        said.push(format!(
            "{} 其实是 .xlsx 工作簿，只是扩展名不是 .xlsx，没有导入：把扩展名改为 .xlsx 后再导入即可",
            names(renamed).join("、")
        ));
    }
    Some(said.join("；"))
}

/// The refusal for importing into a year whose results are published (已通报).
#[must_use]
pub fn published_refusal(year: i32) -> String {
    format!(
        "{year} 年度考核结果已通报，评分已锁定，不能导入自评表；如需更正，请逐项修改并写明理由（考核界面，或命令 zerenshu score … --reason 理由）"
    )
}

/// The file name of one agreement's form: "{年度}-{序号:03}-{单位简称}-自评表.xlsx", made safe.
#[must_use]
pub fn form_file_name(year: i32, number: i64, short_name: &str) -> String {
    crate::io::files::safe_file_name(&format!("{year}-{number:03}-{short_name}-自评表.xlsx"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_spreadsheets_beside_the_forms_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let form = dir.path().join("2025-001-城关街道-自评表.xlsx");
        for name in [
            "2025-001-城关街道-自评表.xlsx",
            "石桥镇.csv",
            "城关街道.XLS",
            "说明.txt",
        ] {
            std::fs::write(dir.path().join(name), b"x").unwrap();
        }
        assert_eq!(
            other_sheets_beside(std::slice::from_ref(&form)).unwrap(),
            "文件夹中另有 2 个不是 .xlsx 的表格没有导入：城关街道.XLS、石桥镇.csv（自评表须是导出的 .xlsx 文件；单位另存为别的格式的，请让其在原自评表中填写后交回）"
        );
        // A form picked alone beside others: the rest were not meant.
        let other_form = dir.path().join("2025-002-新华街道-自评表.xlsx");
        std::fs::write(&other_form, b"x").unwrap();
        assert_eq!(other_sheets_beside(std::slice::from_ref(&form)), None);
        // An .xlsx under another extension: only its name to put right.
        std::fs::write(dir.path().join("东城街道.xls"), b"PK\x03\x04rest").unwrap();
        let said = other_sheets_beside(&[form.clone(), other_form.clone()]).unwrap();
        assert!(
            said.ends_with("；东城街道.xls 其实是 .xlsx 工作簿，只是扩展名不是 .xlsx，没有导入：把扩展名改为 .xlsx 后再导入即可"),
            "{said}"
        );
        for name in ["石桥镇.csv", "城关街道.XLS", "东城街道.xls"] {
            std::fs::remove_file(dir.path().join(name)).unwrap();
        }
        assert_eq!(other_sheets_beside(&[form, other_form]), None);
    }

    #[test]
    fn a_change_is_said_with_no_space_before_a_full_width_bracket() {
        let change = |before: Option<Points>, after: Option<Points>, note: &str| ScoreChange {
            file: PathBuf::from("城关街道-自评表.xlsx"),
            sheet: "自评表".into(),
            row: 4,
            agreement_id: 1,
            indicator_id: 1,
            unit_name: "城关街道办事处".into(),
            indicator_name: "组织领导".into(),
            self_before: before,
            self_after: after,
            self_typed: after,
            self_note_before: String::new(),
            self_note_after: note.into(),
        };
        let half = Points::parse("5.5").unwrap();
        assert_eq!(
            change(None, Some(half), "").describe(),
            "自评分（空） → 5.5"
        );
        assert_eq!(
            change(Some(Points::whole(5)), Some(half), "台账齐全").describe(),
            "自评分 5 → 5.5；自评说明改为“台账齐全”"
        );
        assert_eq!(
            change(Some(half), Some(half), "第一行\r\n第二行\t制表").describe(),
            "自评说明改为“第一行↵第二行 制表”"
        );
    }
}
