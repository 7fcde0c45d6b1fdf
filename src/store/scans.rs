//! Scans of the signed copy (已归档), stored whole with each file's SHA-256. A scan is one PDF
//! or one or more images, one page each in the order given. 归档扫描件 stores the first version
//! of an agreement's scan and moves it from 已签订 to 已归档; a wrong or incomplete scan is
//! replaced by 更换扫描件 with a reason, the audit log keeping the old and new files' hashes,
//! and the earlier version stays in the database. Rows are never changed or deleted, and every
//! row follows its audit entry (migration 10).

use rusqlite::{Connection, OptionalExtension as _, params};
use serde::Serialize;

use super::{Result, Store, StoreError, Writer};
use crate::model::AgreementStatus;
use crate::model::agreement::content_hash;
use crate::pdf::scan::{PDF, ScanPage, check_scan};

/// Largest scan accepted, all its files together, in bytes.
pub const MAX_SCAN_BYTES: usize = 50 * 1024 * 1024;

/// The media type of a scan file from its first bytes, or a Chinese message.
pub fn scan_media_type(bytes: &[u8]) -> Result<&'static str, String> {
    if bytes.len() > MAX_SCAN_BYTES {
        return Err("扫描件不能超过 50 MB".to_owned());
    }
    if bytes.starts_with(b"%PDF-") {
        Ok(PDF)
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Ok("image/png")
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Ok("image/jpeg")
    } else if bytes.is_empty() {
        Err("文件是空的（0 字节），请重新扫描或重新复制这个文件".to_owned())
    } else if let Some((kind, advice)) = other_format(bytes) {
        Err(format!(
            "这是{kind}，扫描件只能是 PDF、PNG 或 JPEG：{advice}"
        ))
    } else {
        Err(
            "扫描件只能是 PDF、PNG 或 JPEG 文件（这个文件的内容不是其中任何一种，可能已损坏）"
                .to_owned(),
        )
    }
}

/// The kind of a file a scanner or a phone often saves that is not taken, from its first
/// bytes, and what to do instead: named, so that the clerk knows what to save it as.
fn other_format(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    const IMAGE: &str = "请在扫描软件或看图软件中另存为 PDF 或 JPEG 后再选";
    let at = |range: std::ops::Range<usize>| bytes.get(range).unwrap_or_default();
    let kind = if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        "一张 TIFF 图片"
    } else if bytes.starts_with(b"BM") {
        "一张 BMP 图片"
    } else if bytes.starts_with(b"GIF8") {
        "一张 GIF 图片"
    } else if bytes.starts_with(b"RIFF") && at(8..12) == b"WEBP" {
        "一张 WebP 图片"
    } else if at(4..8) == b"ftyp" && [&b"heic"[..], b"heix", b"mif1", b"heis"].contains(&at(8..12))
    {
        "一张 HEIC 图片（手机照片）"
    } else if bytes.starts_with(b"PK\x03\x04") {
        return Some((
            "一个压缩格式的文件（如 OFD 版式文件、Word 文档或 ZIP 压缩包）",
            "OFD 文件请在 OFD 阅读器中、Word 文档请在 Word 或 WPS 中另存（或打印）为 PDF 后再选；压缩包请先解压",
        ));
    } else {
        return None;
    };
    Some((kind, IMAGE))
}

/// A file chosen for a scan: its name and bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanInput {
    /// The file name it was read from.
    pub file_name: String,
    /// Its bytes.
    pub bytes: Vec<u8>,
}

/// One stored file of a scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanFile {
    /// The file name it was taken from.
    pub file_name: String,
    /// `application/pdf`, `image/png` or `image/jpeg`.
    pub media_type: String,
    /// The file's bytes.
    pub bytes: Vec<u8>,
    /// SHA-256 (hex) of the bytes.
    pub sha256: String,
}

/// One version of an agreement's scan as stored.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StoredScan {
    /// The agreement.
    pub agreement_id: i64,
    /// 1 for the scan archived first, one more for each replacement.
    pub version: i64,
    /// When it was added.
    pub added_at: String,
    /// Its files in page order: one PDF, or one image per page.
    pub files: Vec<ScanFile>,
}

impl StoredScan {
    /// What identifies this scan: a single file's SHA-256, else the SHA-256 of the files'
    /// SHA-256s, one a line in page order.
    #[must_use]
    pub fn fingerprint(&self) -> String {
        fingerprint(self.files.iter().map(|f| f.sha256.as_str()))
    }

    /// The files as the PDF writer takes them.
    #[must_use]
    pub fn pages(&self) -> Vec<ScanPage<'_>> {
        self.files
            .iter()
            .map(|file| ScanPage {
                media_type: &file.media_type,
                bytes: &file.bytes,
            })
            .collect()
    }
}

/// The fingerprint of a scan of files with these SHA-256s (see [`StoredScan::fingerprint`]).
fn fingerprint<'a>(hashes: impl Iterator<Item = &'a str>) -> String {
    let hashes: Vec<&str> = hashes.collect();
    match hashes.as_slice() {
        [only] => (*only).to_owned(),
        several => content_hash(several.join("\n")),
    }
}

/// A scan's file names in a few words: "签订件.pdf", or "3 张图片：第1页.jpg、第2页.jpg、第3页.jpg".
#[must_use]
pub fn describe<'a>(names: impl Iterator<Item = &'a str>) -> String {
    let names: Vec<&str> = names.collect();
    match names.as_slice() {
        [only] => (*only).to_owned(),
        several => format!("{} 张图片：{}", several.len(), several.join("、")),
    }
}

/// What the audit log keeps of a scan: its version and each file's name, type and hash.
#[derive(Serialize)]
struct ScanRecord<'a> {
    version: i64,
    files: Vec<FileRecord<'a>>,
}

/// What the audit log keeps of one file of a scan.
#[derive(Serialize)]
struct FileRecord<'a> {
    file_name: &'a str,
    media_type: &'a str,
    sha256: &'a str,
}

/// A replacement scan with the reason for it, as the audit log keeps it.
#[derive(Serialize)]
struct ScanReplaced<'a> {
    #[serde(flatten)]
    scan: ScanRecord<'a>,
    reason: &'a str,
}

/// A file checked for storing: the input, its media type and SHA-256.
struct Checked<'a> {
    input: &'a ScanInput,
    media_type: &'static str,
    sha256: String,
}

impl Checked<'_> {
    fn record(&self) -> FileRecord<'_> {
        FileRecord {
            file_name: &self.input.file_name,
            media_type: self.media_type,
            sha256: &self.sha256,
        }
    }
}

/// Checks files chosen for a scan as storing them would, without storing anything, so that
/// the form can say what is wrong while the clerk can still choose other files.
pub fn check_scan_files(files: &[ScanInput]) -> Result<()> {
    checked(files).map(|_| ())
}

/// Why a replacement of the very files stored is refused.
pub const SAME_SCAN: &str = "所选文件与现有扫描件完全相同，无需更换";

/// True when `files` are, byte for byte and in order, the files of the scan `stored`: a
/// replacement by them changes nothing (refused, and said as soon as they are chosen).
#[must_use]
pub fn is_same_scan(stored: &StoredScan, files: &[ScanInput]) -> bool {
    (files.iter().map(|f| content_hash(&f.bytes))).eq(stored.files.iter().map(|f| f.sha256.clone()))
}

/// Reads each file whole before it is stored (rows are never changed, so a damaged file is
/// refused while it can still be scanned again): one PDF, or images only, each once, within
/// [`MAX_SCAN_BYTES`] together.
fn checked(files: &[ScanInput]) -> Result<Vec<Checked<'_>>> {
    if files.is_empty() {
        return Err(StoreError::Rejected("请选择扫描件文件".to_owned()));
    }
    if files.iter().map(|f| f.bytes.len()).sum::<usize>() > MAX_SCAN_BYTES {
        return Err(StoreError::Rejected("扫描件合计不能超过 50 MB".to_owned()));
    }
    let mut found: Vec<Checked<'_>> = Vec::with_capacity(files.len());
    // Every file that cannot be filed is named, so that the clerk chooses again once.
    let mut problems = Vec::new();
    for input in files {
        let media_type = scan_media_type(&input.bytes)
            .and_then(|media_type| check_scan(&input.bytes, media_type).map(|()| media_type));
        let media_type = match media_type {
            Ok(media_type) => media_type,
            Err(why) => {
                problems.push(format!("扫描件“{}”不能归档：{why}", input.file_name));
                continue;
            }
        };
        let sha256 = content_hash(&input.bytes);
        if let Some(twin) = found.iter().find(|f| f.sha256 == sha256) {
            problems.push(format!(
                "同一个文件选了两次：“{}”与“{}”内容相同",
                twin.input.file_name, input.file_name
            ));
            continue;
        }
        found.push(Checked {
            input,
            media_type,
            sha256,
        });
    }
    if !problems.is_empty() {
        // A line each: a reason may hold a "；" of its own.
        return Err(StoreError::Rejected(problems.join("\n")));
    }
    if found.len() > 1 && found.iter().any(|f| f.media_type == PDF) {
        return Err(StoreError::Rejected(
            "PDF 扫描件只能单独归档：多页的签订件请选一个多页 PDF，或多张图片（每张一页）"
                .to_owned(),
        ));
    }
    Ok(found)
}

impl Writer<'_> {
    /// 已归档 with a scan of one file (see [`Writer::archive_files`]).
    pub fn archive(&mut self, id: i64, file_name: &str, bytes: &[u8]) -> Result<()> {
        self.archive_files(
            id,
            &[ScanInput {
                file_name: file_name.to_owned(),
                bytes: bytes.to_vec(),
            }],
        )
    }

    /// 已归档: stores the scan of the signed copy (one PDF, or images in page order) with each
    /// file's hash.
    pub fn archive_files(&mut self, id: i64, files: &[ScanInput]) -> Result<()> {
        // Archived already: another scan replaces it, with a reason, rather than archives it.
        if super::read::agreement(&self.tx, id)?
            .is_some_and(|a| a.status == AgreementStatus::Archived)
        {
            return Err(StoreError::Rejected(
                "该责任书已归档扫描件；如需换用新的扫描件，请用“更换扫描件”（命令行 zerenshu scan replace，须写明理由）".to_owned(),
            ));
        }
        let before = self.agreement_in(id, &[AgreementStatus::Signed], "归档（须先标记已签订）")?;
        let files = checked(files)?;
        let record = ScanRecord {
            version: 1,
            files: files.iter().map(Checked::record).collect(),
        };
        // The entry goes first: the database takes a scan's rows only right after it.
        self.audit(
            "归档扫描件",
            "scan",
            &id.to_string(),
            None::<&()>,
            Some(&record),
        )?;
        self.insert_scan(id, 1, &files)?;
        self.audited_update(
            &before,
            "归档",
            "UPDATE agreements SET status = 'archived' WHERE id = ?1",
            params![id],
        )
    }

    /// 更换扫描件: replaces the scan of an 已归档 agreement (a wrong or incomplete one) by a new
    /// version; the reason and both versions' file hashes go into the audit log, and the old
    /// version stays in the database. The agreement's text and status do not change.
    pub fn replace_scan(&mut self, id: i64, files: &[ScanInput], reason: &str) -> Result<()> {
        let Some(reason) = crate::model::reason::given(reason) else {
            return Err(StoreError::Rejected(crate::model::reason::refusal(
                "更换扫描件",
                reason,
            )));
        };
        self.agreement_in(
            id,
            &[AgreementStatus::Archived],
            "更换扫描件（只有已归档的责任书有扫描件）",
        )?;
        let Some(old) = latest(&self.tx, id)? else {
            return Err(StoreError::NotFound("该责任书的扫描件".to_owned()));
        };
        let files = checked(files)?;
        if files
            .iter()
            .map(|f| f.sha256.as_str())
            .eq(old.files.iter().map(|f| f.sha256.as_str()))
        {
            return Err(StoreError::Rejected(SAME_SCAN.to_owned()));
        }
        let version = old.version + 1;
        let before = ScanRecord {
            version: old.version,
            files: old
                .files
                .iter()
                .map(|f| FileRecord {
                    file_name: &f.file_name,
                    media_type: &f.media_type,
                    sha256: &f.sha256,
                })
                .collect(),
        };
        let after = ScanReplaced {
            scan: ScanRecord {
                version,
                files: files.iter().map(Checked::record).collect(),
            },
            reason,
        };
        self.audit(
            "更换扫描件",
            "scan",
            &id.to_string(),
            Some(&before),
            Some(&after),
        )?;
        self.insert_scan(id, version, &files)
    }

    fn insert_scan(&mut self, id: i64, version: i64, files: &[Checked<'_>]) -> Result<()> {
        for (page, file) in (1_i64..).zip(files) {
            self.tx.execute(
                "INSERT INTO scans (agreement_id, version, page, file_name, media_type, bytes, sha256, added_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                params![
                    id,
                    version,
                    page,
                    file.input.file_name,
                    file.media_type,
                    file.input.bytes,
                    file.sha256,
                    self.now
                ],
            )?;
        }
        Ok(())
    }
}

/// Every version of an agreement's scan, oldest first (`only_latest`: the current one alone).
fn versions(conn: &Connection, id: i64, only_latest: bool) -> Result<Vec<StoredScan>> {
    let mut statement = conn.prepare(
        "SELECT version, file_name, media_type, bytes, sha256, added_at FROM scans
         WHERE agreement_id = ?1
           AND (?2 = 0 OR version = (SELECT max(version) FROM scans WHERE agreement_id = ?1))
         ORDER BY version, page",
    )?;
    let rows = statement.query_map(params![id, only_latest], |r| {
        Ok((
            r.get::<_, i64>(0)?,
            ScanFile {
                file_name: r.get(1)?,
                media_type: r.get(2)?,
                bytes: r.get(3)?,
                sha256: r.get(4)?,
            },
            r.get::<_, String>(5)?,
        ))
    })?;
    let mut found: Vec<StoredScan> = Vec::new();
    for row in rows {
        let (version, file, added_at) = row?;
        match found.last_mut() {
            Some(scan) if scan.version == version => scan.files.push(file),
            _ => found.push(StoredScan {
                agreement_id: id,
                version,
                added_at,
                files: vec![file],
            }),
        }
    }
    Ok(found)
}

/// The current scan of an agreement.
fn latest(conn: &Connection, id: i64) -> Result<Option<StoredScan>> {
    Ok(versions(conn, id, true)?.pop())
}

/// What an agreement's current scan is, without its bytes: what the detail shows of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanSummary {
    /// 1 for the scan archived first, one more for each replacement.
    pub version: i64,
    /// When it was added, as stored ("2025-03-10 14:03:22").
    pub added_at: String,
    /// When the agreement's first scan was archived (the same as `added_at` for version 1).
    pub first_added_at: String,
    /// Its files in page order: name and size in bytes.
    pub files: Vec<(String, usize)>,
    /// True for a PDF scan; false for images (told by their content when archived).
    pub is_pdf: bool,
}

impl Store {
    /// The current scans of a year's agreements, without their bytes, by agreement id.
    pub fn scan_summaries(&self, year: i32) -> Result<std::collections::HashMap<i64, ScanSummary>> {
        let mut statement = self.conn.prepare(
            "SELECT s.agreement_id, s.version, s.added_at, s.file_name, length(s.bytes),
                    s.media_type,
                    (SELECT added_at FROM scans
                     WHERE agreement_id = s.agreement_id AND version = 1 LIMIT 1)
             FROM scans s JOIN agreements a ON a.id = s.agreement_id
             WHERE a.year = ?1
               AND s.version = (SELECT max(version) FROM scans WHERE agreement_id = s.agreement_id)
             ORDER BY s.agreement_id, s.page",
        )?;
        let rows = statement.query_map([year], |r| {
            Ok((
                r.get::<_, i64>(0)?,
                r.get::<_, i64>(1)?,
                r.get::<_, String>(2)?,
                r.get::<_, String>(3)?,
                r.get::<_, i64>(4)?,
                r.get::<_, String>(5)?,
                r.get::<_, String>(6)?,
            ))
        })?;
        let mut summaries = std::collections::HashMap::new();
        for row in rows {
            let (id, version, added_at, name, size, media_type, first_added_at) = row?;
            summaries
                .entry(id)
                .or_insert_with(|| ScanSummary {
                    version,
                    added_at,
                    first_added_at,
                    files: Vec::new(),
                    is_pdf: media_type == PDF,
                })
                .files
                .push((name, usize::try_from(size).unwrap_or(0)));
        }
        Ok(summaries)
    }

    /// The current scan of a signed copy (the latest version).
    pub fn scan(&self, id: i64) -> Result<Option<StoredScan>> {
        latest(&self.conn, id)
    }

    /// Every version of an agreement's scan, oldest first: the current one last, the ones it
    /// replaced before it.
    pub fn scan_versions(&self, id: i64) -> Result<Vec<StoredScan>> {
        versions(&self.conn, id, false)
    }

    /// The archived scan file of `bytes`, the newest if several: its agreement, its version,
    /// the agreement's current version, and when it was archived.
    pub fn scan_file_by_hash(&self, bytes: &[u8]) -> Result<Option<ScanFileFound>> {
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        let sha256 = content_hash(bytes);
        Ok(self
            .conn
            .query_row(
                "SELECT s.agreement_id, s.version,
                        (SELECT max(version) FROM scans l WHERE l.agreement_id = s.agreement_id),
                        s.added_at
                 FROM scans s WHERE length(s.bytes) = ?2 AND s.sha256 = ?1
                 ORDER BY s.version DESC LIMIT 1",
                // The size first: SQLite knows it from the row's header, while the hash lies
                // past the file's bytes, read through only for a file of the same size.
                params![sha256, size],
                |row| {
                    Ok(ScanFileFound {
                        agreement_id: row.get(0)?,
                        version: row.get(1)?,
                        current_version: row.get(2)?,
                        added_at: row.get(3)?,
                    })
                },
            )
            .optional()?)
    }
}

impl Store {
    /// The agreements whose current scan holds a file of `bytes` (its hash and size), in
    /// number order: a file chosen again for another agreement is pointed out by them.
    pub fn agreements_scanned_as(&self, bytes: &[u8]) -> Result<Vec<i64>> {
        let size = i64::try_from(bytes.len()).unwrap_or(i64::MAX);
        let sha256 = content_hash(bytes);
        let mut statement = self.conn.prepare(
            "SELECT DISTINCT s.agreement_id FROM scans s
             WHERE length(s.bytes) = ?2 AND s.sha256 = ?1
               AND s.version = (SELECT max(version) FROM scans l WHERE l.agreement_id = s.agreement_id)
             ORDER BY s.agreement_id",
        )?;
        let ids = statement
            .query_map(params![sha256, size], |row| row.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok(ids)
    }
}

/// An archived scan file found by its hash (see [`Store::scan_file_by_hash`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScanFileFound {
    /// The agreement it was archived for.
    pub agreement_id: i64,
    /// The scan's version it belongs to.
    pub version: i64,
    /// The agreement's current scan version: another when this one was replaced.
    pub current_version: i64,
    /// When it was archived (stored time).
    pub added_at: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_scanner_s_other_formats_are_named_with_what_to_save_them_as() {
        let said = |bytes: &[u8]| scan_media_type(bytes).unwrap_err();
        assert!(said(b"II*\0\x08\0\0\0").starts_with("这是一张 TIFF 图片，扫描件只能是"));
        assert!(said(b"MM\0*\0\0\0\x08").starts_with("这是一张 TIFF 图片"));
        assert!(said(b"RIFF\0\0\0\0WEBPVP8 ").starts_with("这是一张 WebP 图片"));
        assert!(said(b"\0\0\0\x18ftypheic\0\0").contains("HEIC"));
        assert!(said(b"PK\x03\x04 rest").contains("OFD"));
        assert!(said(b"BM rest").contains("另存为 PDF 或 JPEG"));
        assert!(said(b"plain text").contains("不是其中任何一种"));
    }

    #[test]
    fn a_single_file_s_fingerprint_is_its_hash_and_several_hash_their_hashes() {
        assert_eq!(fingerprint(["ab"].into_iter()), "ab");
        assert_eq!(
            fingerprint(["ab", "cd"].into_iter()),
            content_hash("ab\ncd")
        );
        assert_ne!(
            fingerprint(["ab", "cd"].into_iter()),
            fingerprint(["cd", "ab"].into_iter()),
            "the page order counts"
        );
        assert_eq!(describe(["a.pdf"].into_iter()), "a.pdf");
        assert_eq!(
            describe(["1.jpg", "2.jpg"].into_iter()),
            "2 张图片：1.jpg、2.jpg"
        );
    }
}
