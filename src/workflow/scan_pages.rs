//! Whether a scan has as many pages as the agreement it is the signed copy of: a scan with
//! fewer pages than the agreement prints is archived all the same (an office may scan only
//! what it keeps), with a warning that a page may have been missed.

use crate::pdf::agreement::{PrintOptions, agreement_pages};
use crate::pdf::fonts::FontSet;
use crate::store::{ScanInput, Store, StoreError};

/// The pages of a scan: an image is one, a PDF as many as it has; `None` when a PDF cannot
/// be read (its pages are not guessed: storing it says what is wrong with it).
#[must_use]
pub fn scan_pages(files: &[ScanInput]) -> Option<usize> {
    files
        .iter()
        .map(|file| {
            if file.bytes.starts_with(b"%PDF") {
                lopdf::Document::load_mem(&file.bytes)
                    .ok()
                    .map(|pdf| pdf.get_pages().len())
            } else {
                Some(1)
            }
        })
        .sum()
}

/// The warning for a scan of `files` archived for agreement `id`, when it has fewer pages than
/// the agreement's issued text prints; `None` when it has as many or more.
pub fn short_scan_warning(
    store: &Store,
    fonts: &FontSet,
    id: i64,
    files: &[ScanInput],
) -> Result<Option<String>, StoreError> {
    let Some(content) = store.issued_content(id)? else {
        return Ok(None);
    };
    let printed = agreement_pages(fonts, &content, &PrintOptions::default()).len();
    let Some(scanned) = scan_pages(files) else {
        return Ok(None);
    };
    Ok((scanned < printed).then(|| {
        format!(
            "扫描件共 {scanned} 页，而这份责任书打印出来共 {printed} 页：请确认正文和签字盖章页都已扫描"
        )
    }))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::AgreementStatus;

    fn image(name: &str) -> ScanInput {
        ScanInput {
            file_name: name.to_owned(),
            bytes: vec![0xFF, 0xD8, 0xFF],
        }
    }

    #[test]
    fn a_scan_with_fewer_pages_than_the_agreement_prints_is_warned_of() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store).unwrap();
        let fonts = FontSet::shipped();
        let signed = (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.status == AgreementStatus::Signed)
            .unwrap();
        let content = store.issued_content(signed.id).unwrap().unwrap();
        let printed = agreement_pages(&fonts, &content, &PrintOptions::default()).len();
        assert!(printed >= 2, "{printed}");
        let one = short_scan_warning(&store, &fonts, signed.id, &[image("签字页.jpg")])
            .unwrap()
            .unwrap();
        assert!(
            one.starts_with(&format!(
                "扫描件共 1 页，而这份责任书打印出来共 {printed} 页"
            )),
            "{one}"
        );
        let whole: Vec<ScanInput> = (1..=printed).map(|n| image(&format!("{n}.jpg"))).collect();
        assert_eq!(
            short_scan_warning(&store, &fonts, signed.id, &whole).unwrap(),
            None
        );
        // A PDF counts its pages.
        let cache = crate::pdf::writer::FontCache::new(&fonts);
        let pdf = crate::pdf::agreement::agreement_pdf(&cache, &content, &PrintOptions::default())
            .unwrap();
        let scan = ScanInput {
            file_name: "扫描.pdf".to_owned(),
            bytes: pdf,
        };
        assert_eq!(scan_pages(std::slice::from_ref(&scan)), Some(printed));
        // A PDF that cannot be read gives no count, and no warning.
        let broken = ScanInput {
            file_name: "坏.pdf".to_owned(),
            bytes: b"%PDF-1.7 not really".to_vec(),
        };
        assert_eq!(scan_pages(std::slice::from_ref(&broken)), None);
        assert_eq!(
            short_scan_warning(&store, &fonts, signed.id, &[broken]).unwrap(),
            None
        );
    }
}
