//! The results notice (考核结果通报) of the 2024 demo year, read back from the PDF with
//! pdftotext, in parts: what the notice says, its attachment table, the red banner, the
//! ending (落款, 附注 and 版记), drafts and publication, and the CLI. The helpers here build the
//! demo's notice and read a PDF's text for every part.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

use chrono::NaiveDate;
use zerenshu::document::{NoticeContent, build_notice};
use zerenshu::store::Store;
use zerenshu::workflow::results::{CategoryResults, year_results};

use crate::support::demo_store;

mod attachment;
mod banner;
mod cli;
mod content;
mod drafts;
mod ending;

fn demo() -> (Store, Vec<CategoryResults>, NoticeContent) {
    let store = demo_store();
    let year = store.year(2024).unwrap().unwrap();
    let results = year_results(&store, 2024).unwrap();
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
    let content = build_notice(&year, &results, &[], date, &wording);
    (store, results, content)
}

/// The PDF's text with all whitespace removed, so wrapped lines read as one.
fn pdf_text(bytes: &[u8]) -> String {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("pdftotext")
        .args(["-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(output.status.success());
    let squeezed: String = String::from_utf8(output.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    without_page_numbers(&squeezed)
}

/// The text without page numbers ("—3—"), so a list broken across pages reads as one.
fn without_page_numbers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('—') {
        out.push_str(&rest[..start]);
        let after = &rest[start + '—'.len_utf8()..];
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && after[digits..].starts_with('—') {
            rest = &after[digits + '—'.len_utf8()..];
        } else {
            out.push('—');
            rest = after;
        }
    }
    out.push_str(rest);
    out
}
