//! The record of exported PDFs: which agreement, the file's SHA-256 and when.

use rusqlite::{OptionalExtension as _, params};

use super::{Result, Store, Writer};

/// One exported file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExportRecord {
    /// The agreement exported.
    pub agreement_id: i64,
    /// SHA-256 (hex) of the file's bytes.
    pub sha256: String,
    /// The file's name.
    pub file_name: String,
    /// When it was written.
    pub exported_at: String,
}

/// The audit action of a PDF written for the office (an agreement, the results notice).
pub(super) const EXPORT_PDF: &str = "导出 PDF";

impl Writer<'_> {
    /// Records an exported file, and in the audit log who exported it and when.
    pub fn record_export(
        &mut self,
        agreement_id: i64,
        sha256: &str,
        file_name: &str,
    ) -> Result<()> {
        self.tx.execute(
            "INSERT INTO exports (agreement_id, sha256, file_name, exported_at) VALUES (?1, ?2, ?3, ?4)",
            params![agreement_id, sha256, file_name, self.now],
        )?;
        self.audit(
            EXPORT_PDF,
            "agreement",
            &agreement_id.to_string(),
            None::<&()>,
            Some(&ExportedFile { file_name, sha256 }),
        )
    }
}

impl Writer<'_> {
    /// Records in the audit log that a print file of `year` holding `contents` ("12 份责任书，
    /// 按各自份数") was written as `file_name`.
    ///
    /// A file of one agreement (a 补印, or one printed from its detail) is recorded on that
    /// agreement, `only`: the 操作记录 names its unit and finds it by the unit.
    pub fn record_print_file(
        &mut self,
        year: i32,
        file_name: &str,
        contents: &str,
        only: Option<i64>,
    ) -> Result<()> {
        let (entity, id) = match only {
            Some(agreement_id) => ("agreement", agreement_id.to_string()),
            None => ("year", year.to_string()),
        };
        self.audit(
            PRINT_FILE,
            entity,
            &id,
            None::<&()>,
            Some(&PrintedFile {
                file_name,
                contents,
            }),
        )
    }
}

impl Writer<'_> {
    /// Records in the audit log that agreement `agreement_id`'s signed copy (its scan as a
    /// PDF) was written as `file_name`.
    pub fn record_signed_copy_export(&mut self, agreement_id: i64, file_name: &str) -> Result<()> {
        self.audit(
            EXPORT_PDF,
            "scan",
            &agreement_id.to_string(),
            None::<&()>,
            Some(&SignedCopyFile { file_name }),
        )
    }
}

/// What the audit log keeps of a signed copy exported.
#[derive(serde::Serialize)]
struct SignedCopyFile<'a> {
    file_name: &'a str,
}

/// The audit action of a print file written (all the agreements chosen, in their copies).
pub(super) const PRINT_FILE: &str = "导出打印文件";

/// What the audit log keeps of a print file.
#[derive(serde::Serialize)]
struct PrintedFile<'a> {
    file_name: &'a str,
    contents: &'a str,
}

/// What the audit log keeps of an exported file.
#[derive(serde::Serialize)]
struct ExportedFile<'a> {
    file_name: &'a str,
    sha256: &'a str,
}

impl Store {
    /// The names an agreement's PDFs were exported under, oldest first, each once.
    pub fn export_file_names(&self, agreement_id: i64) -> Result<Vec<String>> {
        let mut statement = self.conn.prepare(
            "SELECT file_name FROM exports WHERE agreement_id = ?1 GROUP BY file_name ORDER BY min(id)",
        )?;
        let names = statement.query_map([agreement_id], |r| r.get(0))?;
        Ok(names.collect::<rusqlite::Result<Vec<String>>>()?)
    }

    /// The newest export whose file had this SHA-256.
    pub fn export_by_hash(&self, sha256: &str) -> Result<Option<ExportRecord>> {
        Ok(self
            .conn
            .query_row(
                "SELECT agreement_id, sha256, file_name, exported_at FROM exports WHERE sha256 = ?1 ORDER BY id DESC LIMIT 1",
                [sha256],
                |r| Ok(ExportRecord { agreement_id: r.get(0)?, sha256: r.get(1)?, file_name: r.get(2)?, exported_at: r.get(3)? }),
            )
            .optional()?)
    }
}
