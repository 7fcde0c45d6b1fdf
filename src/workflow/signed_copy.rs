//! The signed copy (签订件): the archived scan as the PDF the office files and sends on, named
//! `{年度}-{序号}-{简称}-签订件.pdf` and made the same each time from the same scan, so that
//! `verify` checks one by making it again; and the files of a scan read from disk, images in
//! page order by file name (第2页 before 第10页).

use std::cmp::Ordering;
use std::path::{Path, PathBuf};

use crate::document::AgreementContent;
use crate::io::files::{safe_file_name, write_atomically};
use crate::model::Agreement;
use crate::model::agreement::content_hash;
use crate::pdf::scan::{SignedCopyFacts, signed_copy_pdf};
use crate::store::{ScanInput, Store, StoreError, StoredScan};

/// How a PDF that says it is a signed copy compares with the archived scan.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignedCheck {
    /// Byte for byte the signed copy of the current scan.
    Current,
    /// Byte for byte the signed copy of a scan since replaced (更换扫描件).
    Replaced {
        /// The version it was made from.
        version: i64,
        /// When the version after it was added.
        replaced_at: String,
    },
    /// Neither: changed after it was exported, or not made from this agreement's scan.
    Altered,
    /// The agreement has no scan archived in this database: the file was made from another
    /// database (or one restored since), so nothing here can say whether it is whole.
    NoScan,
}

/// `2025-03-20 09:30:00` as a PDF date, `D:20250320093000`.
fn pdf_date(stored: &str) -> String {
    let digits: String = stored.chars().filter(char::is_ascii_digit).collect();
    format!("D:{}", digits.get(..14).unwrap_or(&digits))
}

/// What the signed copy of `scan` says about the agreement: its frozen title and 乙方, number,
/// code, the scan's fingerprint and the day it was archived. Nothing here changes once the
/// agreement is issued, so an old signed copy still checks.
fn facts(
    store: &Store,
    agreement: &Agreement,
    scan: &StoredScan,
) -> Result<SignedCopyFacts, StoreError> {
    let Some(content) = store.issued_content(agreement.id)? else {
        return Err(StoreError::NotFound("该责任书的定稿文本".to_owned()));
    };
    let Some(hash) = agreement.content_hash.as_deref() else {
        return Err(StoreError::NotFound("该责任书的校验码".to_owned()));
    };
    Ok(SignedCopyFacts {
        year: agreement.draft.year,
        number: agreement.draft.number,
        code: AgreementContent::verification_code(hash).to_owned(),
        title: format!("{}（{}）", content.title, content.party_b),
        scan_fingerprint: scan.fingerprint(),
        archived_at: pdf_date(&scan.added_at),
    })
}

/// The signed copy of one version of an agreement's scan, as PDF bytes.
pub fn signed_copy_of(
    store: &Store,
    agreement: &Agreement,
    scan: &StoredScan,
) -> Result<Vec<u8>, StoreError> {
    // A scan whose bytes are no longer those archived (a damaged or tampered file) never
    // becomes a signed copy that would verify as genuine.
    refuse_damaged(agreement, scan)?;
    let facts = facts(store, agreement, scan)?;
    signed_copy_pdf(&scan.pages(), &facts).map_err(|why| {
        StoreError::Rejected(format!(
            "第 {} 号责任书的签订件无法生成：{why}",
            agreement.draft.number
        ))
    })
}

/// The signed copy's file name, `{年度}-{序号}-{简称}-签订件.pdf`.
pub fn file_name(store: &Store, agreement: &Agreement) -> Result<String, StoreError> {
    let year = agreement.draft.year;
    let short = store
        .units_in(year)?
        .into_iter()
        .find(|u| u.id == agreement.draft.unit_id)
        .map_or_else(
            || "未知单位".to_owned(),
            |u| u.fields.display_short_name().to_owned(),
        );
    Ok(safe_file_name(&format!(
        "{year}-{:03}-{short}-签订件.pdf",
        agreement.draft.number
    )))
}

/// What [`export_signed`] did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignedExport {
    /// Where the copy is.
    pub path: PathBuf,
    /// False when the same copy was there already and was left as it is.
    pub is_written: bool,
    /// True for a PDF scan, kept as scanned: its pages carry no printed code, only the
    /// file's properties do.
    pub is_pdf_scan: bool,
    /// True when the agreement's scan was replaced since it was first archived: a file of the
    /// copy's name beside it may be the copy of the scan replaced.
    pub is_scan_replaced: bool,
}

impl SignedExport {
    /// True when it was written beside another file of its name, as "…签订件（2）.pdf".
    #[must_use]
    pub fn is_numbered(&self) -> bool {
        (self.path.file_name()).is_some_and(|name| name.to_string_lossy().ends_with("）.pdf"))
    }

    /// What the window and the command line say of it.
    #[must_use]
    pub fn message(&self) -> String {
        let done = if self.is_written {
            "已导出签订件"
        } else {
            "文件夹中已有这份签订件（内容相同，未重写）"
        };
        let note = if self.is_pdf_scan {
            "（PDF 扫描件原样保留，编号和校验码写在文件属性中，可用“核验 PDF…”或命令 zerenshu verify 核验）"
        } else {
            ""
        };
        let beside = self
            .beside_note()
            .map_or_else(String::new, |beside| format!("；{beside}"));
        format!("{done}：{}{note}{beside}", self.path.display())
    }

    /// Said of a copy written under a number beside another file of its name: that file is
    /// kept, and, the scan having been replaced, may be the old copy, not to be sent on.
    fn beside_note(&self) -> Option<&'static str> {
        (self.is_written && self.is_numbered()).then_some(if self.is_scan_replaced {
            "文件夹中已有同名的另一文件（原文件保留），另存为此名；扫描件更换过，同名文件如是更换前导出的旧签订件，核验时为“已更换”，请勿再寄出，可删去或移走"
        } else {
            "文件夹中已有同名的另一文件（原文件保留），另存为此名"
        })
    }

    /// What is said of this copy among several already counted: "其中 …：" and only what is
    /// particular to it (its number beside another file, a PDF scan kept as it was).
    #[must_use]
    pub fn note_among_many(&self) -> String {
        let name = crate::io::files::file_name_text(&self.path);
        let mut notes = Vec::new();
        if let Some(beside) = self.beside_note() {
            notes.push(beside);
        }
        if self.is_pdf_scan {
            notes.push(
                "PDF 扫描件原样保留，编号和校验码写在文件属性中，可用“核验 PDF…”或命令 zerenshu verify 核验",
            );
        }
        format!("其中 {name}：{}", notes.join("；"))
    }
}

/// Writes the signed copy of agreement `id`'s current scan into `folder`. A file already there
/// under its name is never replaced: the same copy is left as it is, and another one kept, the
/// new copy written as "…签订件（2）.pdf".
pub fn export_signed(store: &Store, id: i64, folder: &Path) -> Result<SignedExport, StoreError> {
    let Some(agreement) = store.agreement(id)? else {
        return Err(StoreError::NotFound("该责任书".to_owned()));
    };
    let Some(scan) = store.scan(id)? else {
        return Err(StoreError::NotFound("该责任书的签订件扫描件".to_owned()));
    };
    let pdf = signed_copy_of(store, &agreement, &scan)?;
    let usual = folder.join(file_name(store, &agreement)?);
    // The same copy exported before is left as it is; another file of that name (the copy of
    // a scan replaced since, or anything else) is kept, and this one numbered beside it.
    let is_pdf_scan = (scan.files.iter()).any(|file| file.media_type == crate::pdf::scan::PDF);
    let is_scan_replaced = scan.version > 1;
    let (path, is_there) = crate::io::files::same_or_free_name(&usual, &pdf);
    if is_there {
        return Ok(SignedExport {
            path,
            is_written: false,
            is_pdf_scan,
            is_scan_replaced,
        });
    }
    write_atomically(&path, &pdf).map_err(|error| {
        StoreError::Rejected(format!(
            "无法写入（{}）：{}",
            crate::io::files::reason(&error),
            path.display()
        ))
    })?;
    Ok(SignedExport {
        path,
        is_written: true,
        is_pdf_scan,
        is_scan_replaced,
    })
}

/// Records in the audit log, in one write, the signed copies of `exports` (each with its
/// agreement's id) that were written (not those whose same file was there already); a window
/// or a command that cannot write leaves it, the files written all the same.
pub fn remember_signed_exports(store: &mut Store, exports: &[(i64, SignedExport)]) {
    let written: Vec<(i64, String)> = (exports.iter())
        .filter(|(_, export)| export.is_written)
        .map(|(id, export)| (*id, crate::io::files::file_name_text(&export.path)))
        .collect();
    if written.is_empty() || store.read_only_reason().is_some() {
        return;
    }
    let _ = store.write(|w| {
        for (id, name) in &written {
            w.record_signed_copy_export(*id, name)?;
        }
        Ok(())
    });
}

/// What is said of `exports` into `folder` as a whole: how many were written, and how many
/// were there already, the same, and left as they were.
#[must_use]
pub fn exported_count(exports: &[SignedExport], folder: &Path) -> String {
    let written = exports.iter().filter(|export| export.is_written).count();
    let kept = exports.len() - written;
    match (written, kept) {
        (_, 0) => format!("已导出 {written} 份签订件 PDF 到：{}", folder.display()),
        (0, _) => format!(
            "{} 中已有这 {kept} 份签订件（内容相同，未重写）",
            folder.display()
        ),
        _ => format!(
            "已导出 {written} 份签订件 PDF 到：{}；另有 {kept} 份文件夹中已有（内容相同，未重写）",
            folder.display()
        ),
    }
}

/// Writes the signed copies of the agreements `ids` into `folder`, each as [`export_signed`]
/// does, and says what was done: one by its own message, several counted (those left as they
/// were among them), with each one written under a number beside another file, or a PDF scan
/// whose pages carry no code, said. One that cannot be written does not stop the others;
/// any such makes the whole a refusal naming them by number, after what was written. Each
/// copy written goes into the audit log.
pub fn export_signed_many(
    store: &mut Store,
    ids: &[i64],
    folder: &Path,
) -> Result<String, StoreError> {
    let mut exports = Vec::new();
    let mut failures = Vec::new();
    for &id in ids {
        match export_signed(store, id, folder) {
            Ok(export) => exports.push((id, export)),
            Err(error) if ids.len() == 1 => return Err(error),
            Err(error) => {
                let number = store.agreement(id)?.map_or(0, |a| a.draft.number);
                failures.push(format!("第 {number} 号：{error}"));
            }
        }
    }
    remember_signed_exports(store, &exports);
    let exports: Vec<SignedExport> = exports.into_iter().map(|(_, export)| export).collect();
    if let ([export], []) = (exports.as_slice(), failures.as_slice()) {
        return Ok(export.message());
    }
    let mut lines = vec![exported_count(&exports, folder)];
    lines.extend(
        (exports.iter())
            .filter(|export| export.beside_note().is_some() || export.is_pdf_scan)
            .map(SignedExport::note_among_many),
    );
    if failures.is_empty() {
        return Ok(lines.join("\n"));
    }
    lines.push(format!("{} 份未能导出：", failures.len()));
    lines.extend(failures);
    Err(StoreError::Rejected(lines.join("\n")))
}

/// Refuses a scan whose files' bytes no longer have the SHA-256 recorded when it was archived.
fn refuse_damaged(agreement: &Agreement, scan: &StoredScan) -> Result<(), StoreError> {
    if (scan.files.iter()).all(|file| content_hash(&file.bytes) == file.sha256) {
        return Ok(());
    }
    Err(StoreError::Rejected(format!(
        "{} 年度第 {} 号责任书的签订件扫描件与归档时的校验值不符（数据库文件可能已损坏或被改动）：不能据此生成签订件；请从备份恢复",
        agreement.draft.year, agreement.draft.number
    )))
}

/// Compares a PDF with the signed copies of the agreement's scans: the current one first,
/// then the versions it replaced. A stored scan found damaged matches nothing; when no intact
/// one matches either, the check stops with a message naming the damaged versions: the file
/// is not said to differ from a scan that is not what was archived.
pub fn check_signed(
    store: &Store,
    agreement: &Agreement,
    bytes: &[u8],
) -> Result<SignedCheck, StoreError> {
    let versions = store.scan_versions(agreement.id)?;
    if versions.is_empty() {
        return Ok(SignedCheck::NoScan);
    }
    let mut newer_added_at = None;
    let mut damaged = Vec::new();
    for scan in versions.iter().rev() {
        if refuse_damaged(agreement, scan).is_err() {
            damaged.push(scan.version);
            newer_added_at = Some(scan.added_at.clone());
            continue;
        }
        // A scan whose signed copy cannot be made matches nothing.
        if signed_copy_of(store, agreement, scan).is_ok_and(|made| made == bytes) {
            return Ok(match newer_added_at {
                None => SignedCheck::Current,
                Some(replaced_at) => SignedCheck::Replaced {
                    version: scan.version,
                    replaced_at,
                },
            });
        }
        newer_added_at = Some(scan.added_at.clone());
    }
    if !damaged.is_empty() {
        damaged.reverse();
        let versions: Vec<String> = damaged.iter().map(|v| format!("第 {v} 版")).collect();
        return Err(StoreError::Rejected(format!(
            "{} 年度第 {} 号责任书的签订件扫描件（{}）与归档时的校验值不符（数据库文件可能已损坏或被改动），无法判断此文件是否与之一致；请从备份恢复后再核验",
            agreement.draft.year,
            agreement.draft.number,
            versions.join("、")
        )));
    }
    Ok(SignedCheck::Altered)
}

/// Reads the chosen files of a scan, in page order by file name (see [`page_order`]).
pub fn read_scan_files(store: &Store, paths: &[PathBuf]) -> Result<Vec<ScanInput>, StoreError> {
    let mut paths = paths.to_vec();
    paths.sort_by(|a, b| page_order(&name_of(a), &name_of(b)));
    // Sizes first: a multi-gigabyte file chosen by mistake is refused, not read into memory.
    let size: u64 = (paths.iter())
        .filter_map(|path| std::fs::metadata(path).ok())
        .map(|metadata| metadata.len())
        .sum();
    if usize::try_from(size).map_or(true, |size| size > crate::store::MAX_SCAN_BYTES) {
        return Err(StoreError::Rejected("扫描件合计不能超过 50 MB".to_owned()));
    }
    paths
        .iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|error| {
                StoreError::Rejected(format!(
                    "无法读取扫描件（{}）：{}",
                    crate::io::files::explain(error),
                    path.display()
                ))
            })?;
            // The unsigned file the program exported is easily picked by mistake.
            if super::verify::is_own_pdf(store, &bytes)? {
                // A signed copy exported earlier is a scan's copy, not the unsigned text: said.
                let message = match super::verify::signed_copy_agreement(store, &bytes)? {
                    Some(of) => format!(
                        "“{}”是本程序从 {} 年度第 {} 号责任书已归档的扫描件导出的签订件，不是扫描原件：请选用扫描签回纸质责任书得到的文件",
                        name_of(path),
                        of.draft.year,
                        of.draft.number
                    ),
                    None => format!(
                        "“{}”是本程序导出的文件，不是签字盖章后的扫描件：请扫描签回的纸质责任书后再归档",
                        name_of(path)
                    ),
                };
                return Err(StoreError::Rejected(message));
            }
            Ok(ScanInput {
                file_name: name_of(path),
                bytes,
            })
        })
        .collect()
}

fn name_of(path: &Path) -> String {
    path.file_name()
        .map_or_else(|| "扫描件".to_owned(), |n| n.to_string_lossy().into_owned())
}

/// File names in page order: runs of digits compare as numbers ("第2页" before "第10页",
/// "scan-9" before "scan-10"), other text as written.
#[must_use]
pub fn page_order(a: &str, b: &str) -> Ordering {
    let (mut a, mut b) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (a.peek().copied(), b.peek().copied()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(x), Some(y)) if x.is_ascii_digit() && y.is_ascii_digit() => {
                let take = |chars: &mut std::iter::Peekable<std::str::Chars<'_>>| {
                    let mut digits = String::new();
                    while let Some(c) = chars.next_if(char::is_ascii_digit) {
                        digits.push(c);
                    }
                    digits.trim_start_matches('0').to_owned()
                };
                let (x, y) = (take(&mut a), take(&mut b));
                let order = x.len().cmp(&y.len()).then_with(|| x.cmp(&y));
                if order != Ordering::Equal {
                    return order;
                }
            }
            (Some(x), Some(y)) => {
                if x != y {
                    return x.cmp(&y);
                }
                a.next();
                b.next();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_count_says_which_copies_were_there_already() {
        let export = |is_written| SignedExport {
            path: PathBuf::from("出/a.pdf"),
            is_written,
            is_pdf_scan: false,
            is_scan_replaced: false,
        };
        let folder = Path::new("出");
        assert_eq!(
            exported_count(&[export(true), export(true)], folder),
            "已导出 2 份签订件 PDF 到：出"
        );
        assert_eq!(
            exported_count(&[export(false), export(false)], folder),
            "出 中已有这 2 份签订件（内容相同，未重写）"
        );
        assert_eq!(
            exported_count(&[export(true), export(false)], folder),
            "已导出 1 份签订件 PDF 到：出；另有 1 份文件夹中已有（内容相同，未重写）"
        );
        // Among several, a copy is said by what is particular to it, not as if it were the
        // only one exported.
        let scan = SignedExport {
            path: PathBuf::from("出/2025-030-商务局-签订件（2）.pdf"),
            is_written: true,
            is_pdf_scan: true,
            is_scan_replaced: false,
        };
        assert_eq!(
            scan.note_among_many(),
            "其中 2025-030-商务局-签订件（2）.pdf：文件夹中已有同名的另一文件（原文件保留），另存为此名；PDF 扫描件原样保留，编号和校验码写在文件属性中，可用“核验 PDF…”或命令 zerenshu verify 核验"
        );
    }

    #[test]
    fn page_order_reads_numbers_as_numbers() {
        let mut names = vec![
            "第10页.jpg",
            "第2页.jpg",
            "第1页.jpg",
            "scan-010.jpg",
            "scan-9.jpg",
        ];
        names.sort_by(|a, b| page_order(a, b));
        assert_eq!(
            names,
            [
                "scan-9.jpg",
                "scan-010.jpg",
                "第1页.jpg",
                "第2页.jpg",
                "第10页.jpg"
            ]
        );
        assert_eq!(page_order("a.jpg", "a.jpg"), Ordering::Equal);
    }

    #[test]
    fn stored_times_become_pdf_dates() {
        assert_eq!(pdf_date("2025-03-20 09:30:00"), "D:20250320093000");
    }
}
