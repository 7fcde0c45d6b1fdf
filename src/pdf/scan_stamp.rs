//! A PDF scan made the signed copy: its bytes are kept whole, pages and all, and an incremental
//! update (PDF 32000-1 §7.5.6) is appended holding a new information dictionary with the
//! agreement's facts (the scan's own entries, such as its producer and dates, kept beside
//! them) and a cross-reference section of the same kind as the file's last one. Nothing in it
//! depends on the time, so the same scan always gives the same file.

use std::fmt::Write as _;

use lopdf::{Dictionary, Object};

use super::scan::SignedCopyFacts;

/// What an update is appended to: the parsed scan, the offset of its last cross-reference
/// section and its catalog.
struct Base {
    document: lopdf::Document,
    prev_xref: usize,
    root: lopdf::ObjectId,
}

/// Reads what an update needs from a PDF scan, or says in Chinese why it cannot be had.
fn base(bytes: &[u8]) -> Result<Base, String> {
    let document = lopdf::Document::load_mem(bytes)
        .map_err(|_| "PDF 文件无法读取：文件已损坏，或不是 PDF 文件".to_owned())?;
    let prev_xref = last_startxref(bytes).ok_or("PDF 文件缺少交叉引用表（startxref）")?;
    let root = document
        .trailer
        .get(b"Root")
        .and_then(Object::as_reference)
        .map_err(|_| "PDF 文件缺少文档目录（Root）".to_owned())?;
    Ok(Base {
        document,
        prev_xref,
        root,
    })
}

/// Checks that an update can be appended to a PDF scan; returns why not, in Chinese.
pub(super) fn check(bytes: &[u8]) -> Result<(), String> {
    base(bytes).map(|_| ())
}

/// The scan with the facts appended, or a Chinese message when it cannot be read as a PDF.
pub(super) fn stamp(bytes: &[u8], facts: &SignedCopyFacts) -> Result<Vec<u8>, String> {
    let Base {
        document,
        prev_xref,
        root,
    } = base(bytes)?;
    let trailer = &document.trailer;
    let size = trailer
        .get(b"Size")
        .and_then(Object::as_i64)
        .ok()
        .and_then(|size| u32::try_from(size).ok())
        .unwrap_or(0)
        .max(document.max_id + 1);
    let old_info = trailer
        .get(b"Info")
        .and_then(|info| match info {
            Object::Reference(id) => document.get_dictionary(*id),
            other => other.as_dict(),
        })
        .ok();

    let mut out = bytes.to_vec();
    if out.last() != Some(&b'\n') {
        out.push(b'\n');
    }
    let info_id = size;
    let info_at = out.len();
    out.extend_from_slice(format!("{info_id} 0 obj\n").as_bytes());
    out.extend_from_slice(info_dictionary(old_info, facts).as_bytes());
    out.extend_from_slice(b"\nendobj\n");

    let mut entries = format!(
        "/Root {} {} R /Info {info_id} 0 R /Prev {prev_xref}",
        root.0, root.1
    );
    if let Ok(Object::Reference(id)) = trailer.get(b"Encrypt") {
        let _ = write!(entries, " /Encrypt {} {} R", id.0, id.1);
    }
    entries.push_str(&id_entry(trailer, facts));

    let xref_at = out.len();
    if is_table_at(bytes, prev_xref) {
        let _ = write!(entries, " /Size {}", info_id + 1);
        let section = format!(
            "xref\n0 1\n0000000000 65535 f \n{info_id} 1\n{info_at:010} 00000 n \ntrailer\n<<{entries}>>\n"
        );
        out.extend_from_slice(section.as_bytes());
    } else {
        // A cross-reference stream of two entries, the information dictionary and itself:
        // type 1 (in use), a 4-byte offset and a 2-byte generation each, uncompressed.
        let stream_id = info_id + 1;
        let mut rows = Vec::with_capacity(14);
        for at in [info_at, xref_at] {
            rows.push(1);
            rows.extend_from_slice(&u32::try_from(at).unwrap_or(u32::MAX).to_be_bytes());
            rows.extend_from_slice(&[0, 0]);
        }
        let header = format!(
            "{stream_id} 0 obj\n<</Type /XRef /Size {} /W [1 4 2] /Index [{info_id} 2] /Length {}{entries}>>\nstream\n",
            stream_id + 1,
            rows.len()
        );
        out.extend_from_slice(header.as_bytes());
        out.extend_from_slice(&rows);
        out.extend_from_slice(b"\nendstream\nendobj\n");
    }
    out.extend_from_slice(format!("startxref\n{xref_at}\n%%EOF\n").as_bytes());
    Ok(out)
}

/// The offset after the file's last `startxref`.
fn last_startxref(bytes: &[u8]) -> Option<usize> {
    let keyword = b"startxref";
    let at = bytes
        .windows(keyword.len())
        .rposition(|window| window == keyword)?;
    let rest = bytes.get(at + keyword.len()..)?;
    let digits: String = rest
        .iter()
        .skip_while(|b| b.is_ascii_whitespace())
        .take_while(|b| b.is_ascii_digit())
        .map(|&b| char::from(b))
        .collect();
    digits.parse().ok().filter(|&offset| offset < bytes.len())
}

/// True when the section at `offset` is a cross-reference table (`xref`), not a stream.
fn is_table_at(bytes: &[u8], offset: usize) -> bool {
    bytes.get(offset..).is_some_and(|rest| {
        rest.iter()
            .skip_while(|b| b.is_ascii_whitespace())
            .take(4)
            .copied()
            .eq(b"xref".iter().copied())
    })
}

/// The file identifier: the scan's own when it has one (an update keeps the first half), else
/// one made from the scan's fingerprint.
fn id_entry(trailer: &Dictionary, facts: &SignedCopyFacts) -> String {
    let own: Vec<String> = trailer
        .get(b"ID")
        .and_then(Object::as_array)
        .map(|items| {
            items
                .iter()
                .filter_map(|item| item.as_str().ok())
                .map(hex_string)
                .collect()
        })
        .unwrap_or_default();
    if own.len() == 2 {
        return format!(" /ID [{}]", own.join(" "));
    }
    let made = hex_string(
        facts
            .scan_fingerprint
            .get(..32)
            .unwrap_or(&facts.scan_fingerprint)
            .as_bytes(),
    );
    format!(" /ID [{made} {made}]")
}

/// The new information dictionary: the scan's own string entries, then the signed copy's
/// title, subject and keywords.
fn info_dictionary(old: Option<&Dictionary>, facts: &SignedCopyFacts) -> String {
    let info = facts.info();
    let ours: [&[u8]; 3] = [b"Title", b"Subject", b"Keywords"];
    let mut text = String::from("<<");
    if let Some(old) = old {
        for (key, value) in old {
            if ours.contains(&key.as_slice()) {
                continue;
            }
            if let Object::String(bytes, _) = value {
                let _ = write!(text, "/{} {}", name(key), hex_string(bytes));
            }
        }
    }
    let _ = write!(
        text,
        "/Title {}/Subject {}/Keywords ({})>>",
        text_string(&info.title),
        text_string(&info.subject),
        // ASCII letters, digits, hyphens and commas: nothing to escape, and the codes stay
        // findable in the file's raw bytes.
        info.keywords.join(",")
    );
    text
}

/// A text string as UTF-16BE with its byte order mark, in hex.
fn text_string(text: &str) -> String {
    let mut bytes = vec![0xFE, 0xFF];
    for unit in text.encode_utf16() {
        bytes.extend_from_slice(&unit.to_be_bytes());
    }
    hex_string(&bytes)
}

/// Bytes as a PDF hex string.
fn hex_string(bytes: &[u8]) -> String {
    let mut hex = String::with_capacity(bytes.len() * 2 + 2);
    hex.push('<');
    for byte in bytes {
        let _ = write!(hex, "{byte:02X}");
    }
    hex.push('>');
    hex
}

/// A name with the characters a name cannot hold written as `#xx`.
fn name(bytes: &[u8]) -> String {
    bytes.iter().fold(String::new(), |mut name, &byte| {
        if byte.is_ascii_alphanumeric() || matches!(byte, b'-' | b'_' | b'.') {
            name.push(char::from(byte));
        } else {
            let _ = write!(name, "#{byte:02X}");
        }
        name
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pdf::scan::{PDF, ScanPage, signed_copy_pdf};

    fn facts() -> SignedCopyFacts {
        SignedCopyFacts {
            year: 2025,
            number: 5,
            code: "1a2b3c4d5e6f".to_owned(),
            title: "2025年度安全生产目标管理责任书（青山镇人民政府）".to_owned(),
            scan_fingerprint: "cd".repeat(32),
            archived_at: "D:20250320093000".to_owned(),
        }
    }

    /// A small PDF with a classic cross-reference table, as many scanners write.
    fn table_pdf() -> Vec<u8> {
        let mut document = lopdf::Document::with_version("1.4");
        let pages_id = document.new_object_id();
        let content = document.add_object(lopdf::Stream::new(
            Dictionary::new(),
            b"0 0 m 100 100 l S".to_vec(),
        ));
        let page = document.add_object(Dictionary::from_iter(vec![
            ("Type", Object::from("Page")),
            ("Parent", pages_id.into()),
            ("Contents", content.into()),
            (
                "MediaBox",
                vec![0.into(), 0.into(), 595.into(), 842.into()].into(),
            ),
        ]));
        document.objects.insert(
            pages_id,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::from("Pages")),
                ("Kids", vec![page.into()].into()),
                ("Count", 1.into()),
            ])),
        );
        let catalog = document.add_object(Dictionary::from_iter(vec![
            ("Type", Object::from("Catalog")),
            ("Pages", pages_id.into()),
        ]));
        let info = document.add_object(Dictionary::from_iter(vec![(
            "Producer",
            Object::string_literal("Scanner 3000"),
        )]));
        document.trailer.set("Root", catalog);
        document.trailer.set("Info", info);
        let mut bytes = Vec::new();
        document.save_to(&mut bytes).unwrap();
        bytes
    }

    fn info_of(bytes: &[u8]) -> Dictionary {
        let document = lopdf::Document::load_mem(bytes).unwrap();
        let id = document
            .trailer
            .get(b"Info")
            .unwrap()
            .as_reference()
            .unwrap();
        document.get_dictionary(id).unwrap().clone()
    }

    fn text(info: &Dictionary, key: &[u8]) -> String {
        lopdf::decode_text_string(info.get(key).unwrap()).unwrap()
    }

    #[test]
    fn a_pdf_scan_keeps_its_bytes_and_gains_the_facts_in_an_update() {
        let scan = table_pdf();
        let stamped = stamp(&scan, &facts()).unwrap();
        assert!(
            stamped.starts_with(&scan),
            "the scan's bytes are kept whole"
        );
        assert_eq!(
            stamp(&scan, &facts()).unwrap(),
            stamped,
            "the same each time"
        );
        let info = info_of(&stamped);
        assert_eq!(
            text(&info, b"Title"),
            "2025年度安全生产目标管理责任书（青山镇人民政府）签订件"
        );
        assert!(text(&info, b"Subject").contains("校验码 1a2b3c4d5e6f"));
        let keywords = text(&info, b"Keywords");
        assert!(
            keywords.contains("zerenshu-code-1a2b3c4d5e6f"),
            "{keywords}"
        );
        assert!(
            keywords.contains("zerenshu-signed-1a2b3c4d5e6f"),
            "{keywords}"
        );
        assert_eq!(
            text(&info, b"Producer"),
            "Scanner 3000",
            "the scan's own entries stay"
        );
        let document = lopdf::Document::load_mem(&stamped).unwrap();
        assert_eq!(document.get_pages().len(), 1);
    }

    #[test]
    fn a_scan_with_a_cross_reference_stream_gets_one_too() {
        // The program's own image PDFs use object and cross-reference streams.
        let png = crate::demo::signed_copy_png();
        let page = ScanPage {
            media_type: "image/png",
            bytes: &png,
        };
        let scan = signed_copy_pdf(&[page], &facts()).unwrap();
        assert!(!is_table_at(&scan, last_startxref(&scan).unwrap()));
        let stamped = signed_copy_pdf(
            &[ScanPage {
                media_type: PDF,
                bytes: &scan,
            }],
            &SignedCopyFacts {
                number: 7,
                ..facts()
            },
        )
        .unwrap();
        assert!(stamped.starts_with(&scan));
        let info = info_of(&stamped);
        assert!(text(&info, b"Subject").contains("编号 2025-007"));
        let document = lopdf::Document::load_mem(&stamped).unwrap();
        assert_eq!(document.get_pages().len(), 1);
        let page = *document.get_pages().values().next().unwrap();
        assert_eq!(document.get_page_images(page).unwrap().len(), 1);
    }

    #[test]
    fn names_escape_what_they_cannot_hold() {
        assert_eq!(name(b"Producer"), "Producer");
        assert_eq!(name(b"A B/C"), "A#20B#2FC");
    }
}
