//! 校验: which agreement a PDF is, from the code in its metadata, and whether it is exactly
//! a file that was exported (an agreement or a print file), or, for a signed copy, exactly what
//! its archived scan makes (see `signed_copy`).

use std::fmt::Write as _;

use crate::model::Agreement;
use crate::model::agreement::content_hash;
use crate::pdf::agreement::{CODE_MARKER, DRAFT_MARKER, PRINT_MARKER, PRINTED_MARKER};
use crate::pdf::scan::SIGNED_MARKER;
use crate::store::{Store, StoreError, VoidedCode};

use super::signed_copy::{SignedCheck, check_signed};

/// True when `bytes` look like a PDF: its header, within the first kilobyte (a PDF's header may
/// follow some junk).
#[must_use]
pub fn looks_like_pdf(bytes: &[u8]) -> bool {
    let head = bytes.get(..1024).unwrap_or(bytes);
    head.windows(5).any(|window| window == b"%PDF-")
}

/// True when a PDF's end is missing: no "%%EOF" in its last kilobyte (a file cut off while
/// downloading or copying).
#[must_use]
pub fn is_cut_off(bytes: &[u8]) -> bool {
    let tail = bytes
        .get(bytes.len().saturating_sub(1024)..)
        .unwrap_or(bytes);
    !tail.windows(5).any(|window| window == b"%%EOF")
}

/// What `verify` found about a PDF.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// The file is byte for byte one that was exported.
    Exact {
        /// The agreement.
        agreement: Agreement,
        /// When it was exported.
        exported_at: String,
    },
    /// The file is byte for byte one that was exported, but as a draft (草稿, with the
    /// watermark and no code): not the agreement's issued text.
    Draft {
        /// The agreement.
        agreement: Agreement,
        /// When the draft was exported.
        exported_at: String,
        /// The edits of its text logged since (see [`Store::draft_edits_since`]): how many,
        /// and when the last was.
        edited_since: Option<(usize, String)>,
    },
    /// The code names an agreement, but the file differs from every export of it.
    Altered {
        /// The agreement the code names.
        agreement: Agreement,
        /// The number the file's properties give ("2025-046") when it is not that
        /// agreement's: the code or the number was changed in the file.
        other_number: Option<String>,
    },
    /// The file is one that was exported, but its code was withdrawn since: the agreement went
    /// back to 草稿 (and may have been issued again with another code).
    Withdrawn {
        /// The agreement.
        agreement: Agreement,
        /// The code printed in the file.
        code: String,
        /// When the file was exported.
        exported_at: String,
        /// The return to 草稿 that made the code void, from the audit log.
        reverted: Option<VoidedCode>,
    },
    /// The file is not one that was exported, but its code is one an agreement's frozen text
    /// had before that agreement went back to 草稿: a copy of a void text.
    Voided {
        /// The code in the file.
        code: String,
        /// Whose text it was, and when and why it went back to 草稿.
        voided: VoidedCode,
    },
    /// The file is marked as a draft of an agreement (no code) but differs from every export:
    /// changed after it was exported.
    DraftAltered {
        /// The agreement whose draft it is.
        agreement: Agreement,
    },
    /// The code matches no agreement, current or void.
    UnknownCode(String),
    /// The file carries no verification code (a draft, or not ours).
    NoCode,
    /// Not exported as it is, and its end is missing (see [`is_cut_off`]): a file cut off,
    /// whose code (in the document properties at the end) may be lost with the rest.
    CutOff,
    /// A results notice made by this program: it carries no code, as it is not an agreement.
    Notice {
        /// True when it is marked 非印发件: made after the issued notice's results changed.
        is_altered: bool,
    },
    /// A signed copy (签订件) of an archived agreement, compared with the signed copy its
    /// archived scan makes.
    SignedCopy {
        /// The agreement the code names.
        agreement: Agreement,
        /// Whether it is the current scan's signed copy, a replaced one's, or neither.
        check: SignedCheck,
    },
    /// A scan archived here, the file itself (a scan carries no code; its signed copy does):
    /// the current one, or one replaced since.
    Scan {
        /// The agreement it was archived for.
        agreement: Agreement,
        /// The archived file's scan version, the agreement's current one, and when it was
        /// archived.
        found: crate::store::ScanFileFound,
    },
    /// A print file (several agreements, for the printer): not checked as a whole; these are
    /// the issued agreements in it, found by the codes it carries.
    PrintFile {
        /// The agreements, in the file's order.
        agreements: Vec<Agreement>,
        /// The texts in it made void since (their agreements went back to 草稿), in the file's
        /// order.
        voided: Vec<VoidedCode>,
    },
}

/// The two forms a metadata string takes in the file: plain text, or UTF-16BE in hex
/// (`<FEFF…>`); each with the bytes one character takes.
fn marker_forms(marker: &str) -> [(Vec<u8>, usize); 2] {
    let hex = marker.chars().fold(String::new(), |mut hex, c| {
        let _ = write!(hex, "{:04X}", u32::from(c));
        hex
    });
    [(marker.as_bytes().to_vec(), 1), (hex.into_bytes(), 4)]
}

/// Where each occurrence of `needle` ends in `bytes`.
fn ends_of(bytes: &[u8], needle: &[u8]) -> Vec<usize> {
    bytes
        .windows(needle.len())
        .enumerate()
        .filter(|(_, window)| window.eq_ignore_ascii_case(needle))
        .map(|(at, _)| at + needle.len())
        .collect()
}

/// True when the metadata carries `marker`.
fn has_marker(bytes: &[u8], marker: &str) -> bool {
    marker_forms(marker)
        .iter()
        .any(|(needle, _)| !ends_of(bytes, needle).is_empty())
}

/// Every 12-hex-digit code written after `marker` in a PDF's metadata, in order.
fn codes_after(bytes: &[u8], marker: &str) -> Vec<String> {
    for (needle, width) in marker_forms(marker) {
        let codes: Vec<String> = ends_of(bytes, &needle)
            .into_iter()
            .filter_map(|start| {
                let code: String = bytes
                    .get(start..start + 12 * width)?
                    .chunks(width)
                    .map(|unit| match width {
                        1 => unit.first().map(|&b| char::from(b)),
                        _ => std::str::from_utf8(unit)
                            .ok()
                            .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                            .and_then(char::from_u32),
                    })
                    .collect::<Option<String>>()?;
                code.chars()
                    .all(|c| c.is_ascii_hexdigit())
                    .then(|| code.to_ascii_lowercase())
            })
            .collect();
        if !codes.is_empty() {
            return codes;
        }
    }
    Vec::new()
}

/// True when the PDF is a file this program wrote (an exported agreement, even re-saved by a
/// viewer, a print file or a signed copy): never a scan of signed paper. An exported
/// agreement sealed electronically afterwards (电子签章, a digital signature in the file) is
/// the signed copy, and is taken.
pub fn is_own_pdf(store: &Store, bytes: &[u8]) -> Result<bool, StoreError> {
    let is_sealed = contains(bytes, b"/ByteRange")
        && (contains(bytes, b"/Type /Sig") || contains(bytes, b"/Type/Sig"));
    Ok(store.export_by_hash(&content_hash(bytes))?.is_some()
        || (has_marker(bytes, CODE_MARKER) && !is_sealed)
        || [PRINT_MARKER, SIGNED_MARKER, DRAFT_MARKER]
            .iter()
            .any(|marker| has_marker(bytes, marker)))
}

/// The agreement a signed copy this program made (归档扫描件 exported as a PDF) is of, when
/// `bytes` is one and its agreement is current.
pub fn signed_copy_agreement(
    store: &Store,
    bytes: &[u8],
) -> Result<Option<crate::model::Agreement>, StoreError> {
    match codes_after(bytes, SIGNED_MARKER).pop() {
        Some(code) => store.agreement_by_code(&code),
        None => Ok(None),
    }
}

/// Whether `needle` occurs in `bytes`.
fn contains(bytes: &[u8], needle: &[u8]) -> bool {
    bytes.windows(needle.len()).any(|window| window == needle)
}

/// The verification code in a PDF's metadata, if any.
#[must_use]
pub fn code_in_pdf(bytes: &[u8]) -> Option<String> {
    codes_after(bytes, CODE_MARKER).into_iter().next()
}

/// Checks a PDF against the register: which agreement, and whether it is exactly as exported.
pub fn verify(store: &Store, bytes: &[u8]) -> Result<Verification, StoreError> {
    if let Some(record) = store.export_by_hash(&content_hash(bytes))? {
        let agreement = store.agreement(record.agreement_id)?;
        if let Some(agreement) = agreement {
            // A file exported before a return to 草稿 carries a code the agreement no longer has.
            let current = agreement
                .content_hash
                .as_deref()
                .map(crate::model::agreement::verification_code);
            let Some(code) = code_in_pdf(bytes) else {
                let edited_since = store.draft_edits_since(&agreement, &record.exported_at)?;
                return Ok(Verification::Draft {
                    agreement,
                    exported_at: record.exported_at,
                    edited_since,
                });
            };
            if current != Some(code.as_str()) {
                let reverted = (store.voided_by_code(&code)?.into_iter())
                    .find(|voided| voided.agreement_id == agreement.id);
                return Ok(Verification::Withdrawn {
                    agreement,
                    code,
                    exported_at: record.exported_at,
                    reverted,
                });
            }
            return Ok(Verification::Exact {
                agreement,
                exported_at: record.exported_at,
            });
        }
    }
    // The scan itself, sent on as it came from the scanner: known by its hash.
    if let Some(found) = store.scan_file_by_hash(bytes)?
        && let Some(agreement) = store.agreement(found.agreement_id)?
    {
        return Ok(Verification::Scan { agreement, found });
    }
    // A signed copy is checked by making it again from the scan: its file is not recorded.
    if let Some(code) = codes_after(bytes, SIGNED_MARKER).pop() {
        return Ok(match store.agreement_by_code(&code)? {
            Some(agreement) => Verification::SignedCopy {
                check: check_signed(store, &agreement, bytes)?,
                agreement,
            },
            None => not_current(store, code)?,
        });
    }
    if has_marker(bytes, PRINT_MARKER) {
        let mut agreements = Vec::new();
        let mut voided = Vec::new();
        for code in codes_after(bytes, PRINTED_MARKER) {
            if let Some(agreement) = store.agreement_by_code(&code)? {
                agreements.push(agreement);
            } else if let Verification::Voided { voided: text, .. } = not_current(store, code)? {
                voided.push(text);
            }
        }
        return Ok(Verification::PrintFile { agreements, voided });
    }
    if is_cut_off(bytes) {
        return Ok(Verification::CutOff);
    }
    let Some(code) = code_in_pdf(bytes) else {
        if let Some(agreement) = draft_of(store, bytes)? {
            return Ok(Verification::DraftAltered { agreement });
        }
        return Ok(if has_marker(bytes, crate::pdf::notice::NOTICE_MARKER) {
            Verification::Notice {
                is_altered: has_marker(bytes, crate::pdf::notice::ALTERED_MARKER),
            }
        } else {
            Verification::NoCode
        });
    };
    Ok(match store.agreement_by_code(&code)? {
        Some(agreement) => {
            let own = number_of(&agreement);
            let other_number = number_in_pdf(bytes).filter(|number| *number != own);
            Verification::Altered {
                agreement,
                other_number,
            }
        }
        None => not_current(store, code)?,
    })
}

/// The agreement a draft's PDF names by its id (see [`DRAFT_MARKER`]), if it is still there
/// under the number the file's keywords give too (in another database the id may be another
/// agreement's).
fn draft_of(store: &Store, bytes: &[u8]) -> Result<Option<Agreement>, StoreError> {
    let Some(Ok(id)) = (codes_after(bytes, DRAFT_MARKER).pop()).map(|digits| digits.parse::<i64>())
    else {
        return Ok(None);
    };
    Ok(store
        .agreement(id)?
        .filter(|agreement| has_marker(bytes, &number_of(agreement))))
}

/// An agreement's number as the file's properties give it: "2025-046".
fn number_of(agreement: &Agreement) -> String {
    format!("{}-{:03}", agreement.draft.year, agreement.draft.number)
}

/// The number in the file's keywords ("/Keywords(2025-046,…"), if it has one: the last
/// given (a file saved again by another program adds its properties after the first).
fn number_in_pdf(bytes: &[u8]) -> Option<String> {
    const KEYWORDS: &[u8] = b"/Keywords(";
    let at = bytes.windows(KEYWORDS.len()).rposition(|w| w == KEYWORDS)? + KEYWORDS.len();
    let rest = bytes.get(at..)?;
    let end = rest.iter().position(|&b| b == b',' || b == b')')?;
    let number = std::str::from_utf8(rest.get(..end)?).ok()?;
    let (year, serial) = number.split_once('-')?;
    let is_digits = |text: &str| !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit());
    (year.len() == 4 && is_digits(year) && is_digits(serial)).then(|| number.to_owned())
}

/// What a code no current agreement has is: the void code of a text an agreement had before it
/// went back to 草稿 (the store gives each void code once, with its latest return), or
/// unknown.
fn not_current(store: &Store, code: String) -> Result<Verification, StoreError> {
    Ok(match store.voided_by_code(&code)?.into_iter().next() {
        Some(voided) => Verification::Voided { code, voided },
        None => Verification::UnknownCode(code),
    })
}
