//! Whether a scan has as many pages as the agreement it is the signed copy of: a scan with
//! fewer pages than the agreement prints is archived all the same (an office may scan only
//! what it keeps), with a warning that a page may have been missed; so is an image too small
//! to read on paper, with a warning that it may be a thumbnail, and so is a file that is
//! already another agreement's scan, with a warning that the wrong unit's file may have been
//! chosen.

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

/// Fewer pixels than this on an image's shorter side do not read on an A4 page: a page
/// scanned at 75 dpi is about 620 pixels wide, at the usual 150 dpi about 1,240.
pub const LEAST_SHORT_SIDE: u32 = 600;

/// The warning for a scan of `files` archived for agreement `id`: when it has fewer pages than
/// the agreement's issued text prints, when an image is too small to read on paper (a
/// thumbnail saved by mistake), and when a file is another agreement's current scan; `None`
/// when none of these.
pub fn short_scan_warning(
    store: &Store,
    fonts: &FontSet,
    id: i64,
    files: &[ScanInput],
) -> Result<Option<String>, StoreError> {
    let mut warnings = Vec::new();
    if let Some(content) = store.issued_content(id)? {
        let printed = agreement_pages(fonts, &content, &PrintOptions::default()).len();
        if let Some(scanned) = scan_pages(files).filter(|&scanned| scanned < printed) {
            warnings.push(format!(
                "扫描件共 {scanned} 页，而这份责任书打印出来共 {printed} 页：请确认正文和签字盖章页都已扫描"
            ));
        }
    }
    warnings.extend(small_images_warning(files));
    warnings.extend(others_scan_warning(store, id, files)?);
    Ok((!warnings.is_empty()).then(|| warnings.join("；")))
}

/// The files among `files` that are already the current scan of an agreement other than
/// `id`, each named with that agreement ("2025 年度第 17 号责任书（住建局）"); `None` when there
/// are none. A paper filed under the wrong unit would otherwise go unnoticed until `verify`
/// names only one of the two.
fn others_scan_warning(
    store: &Store,
    id: i64,
    files: &[ScanInput],
) -> Result<Option<String>, StoreError> {
    // Files of one other agreement said together: the pages of one paper are one mistake.
    let mut named: Vec<(String, Vec<String>)> = Vec::new();
    for file in files {
        let mut theirs = Vec::new();
        for other in store.agreements_scanned_as(&file.bytes)? {
            let Some(agreement) = store.agreement(other)?.filter(|_| other != id) else {
                continue;
            };
            let unit = (store.unit(agreement.draft.unit_id)?)
                .map_or_else(String::new, |u| format!("（{}）", u.fields.name));
            theirs.push(format!(
                "{} 年度第 {} 号责任书{unit}",
                agreement.draft.year, agreement.draft.number
            ));
        }
        if theirs.is_empty() {
            continue;
        }
        let theirs = theirs.join("、");
        let quoted = crate::model::punctuation::quoted(&file.file_name);
        match named.iter_mut().find(|(other, _)| *other == theirs) {
            Some((_, files)) => files.push(quoted),
            None => named.push((theirs, vec![quoted])),
        }
    }
    let said: Vec<String> = (named.into_iter())
        .map(|(theirs, files)| format!("{}已是 {theirs}的签订件扫描件", files.join("、")))
        .collect();
    Ok((!said.is_empty()).then(|| format!("{}：请确认没有选错单位的文件", said.join("；"))))
}

/// The images among `files` whose shorter side has fewer than [`LEAST_SHORT_SIDE`] pixels,
/// named with their size; `None` when there are none (or none can be read: storing them says
/// what is wrong).
fn small_images_warning(files: &[ScanInput]) -> Option<String> {
    let small: Vec<String> = (files.iter())
        .filter(|file| !file.bytes.starts_with(b"%PDF"))
        .filter_map(|file| {
            let reader = image::ImageReader::new(std::io::Cursor::new(&file.bytes))
                .with_guessed_format()
                .ok()?;
            let (width, height) = reader.into_dimensions().ok()?;
            (width.min(height) < LEAST_SHORT_SIDE)
                .then(|| format!("{}（{width}×{height} 像素）", file.file_name))
        })
        .collect();
    (!small.is_empty()).then(|| {
        format!(
            "图片 {}太小，印在 A4 纸上看不清（可能是缩略图）：请用原图或按 150 dpi 以上重新扫描",
            small.join("、")
        )
    })
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

    #[test]
    fn a_file_that_is_another_agreements_scan_is_warned_of() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store).unwrap();
        let fonts = FontSet::shipped();
        let agreements = store.agreements(2025).unwrap();
        let archived = (agreements.iter())
            .find(|a| a.status == AgreementStatus::Archived)
            .unwrap();
        let signed = (agreements.iter())
            .find(|a| a.status == AgreementStatus::Signed)
            .unwrap();
        let stored = store.scan(archived.id).unwrap().unwrap();
        let files: Vec<ScanInput> = (stored.files.iter())
            .map(|f| ScanInput {
                file_name: f.file_name.clone(),
                bytes: f.bytes.clone(),
            })
            .collect();
        let unit = store.unit(archived.draft.unit_id).unwrap().unwrap();
        let warning = short_scan_warning(&store, &fonts, signed.id, &files)
            .unwrap()
            .unwrap();
        assert!(
            warning.contains(&format!(
                "“{}”已是 2025 年度第 {} 号责任书（{}）的签订件扫描件",
                files[0].file_name, archived.draft.number, unit.fields.name
            )),
            "{warning}"
        );
        assert!(warning.ends_with("请确认没有选错单位的文件"), "{warning}");
        // Pages of one other paper: said once, the files together.
        let pages: Vec<ScanInput> = ["第1页.png", "第2页.png"]
            .map(|name| ScanInput {
                file_name: name.to_owned(),
                bytes: files[0].bytes.clone(),
            })
            .into();
        let together = short_scan_warning(&store, &fonts, signed.id, &pages)
            .unwrap()
            .unwrap();
        assert!(
            together.contains("“第1页.png”、“第2页.png”已是 2025 年度第")
                && together.matches("已是").count() == 1,
            "{together}"
        );
        // Its own scan is not another's.
        let own = short_scan_warning(&store, &fonts, archived.id, &files).unwrap();
        assert!(own.as_ref().is_none_or(|w| !w.contains("已是")), "{own:?}");
        // Filed for another agreement by mistake and replaced there since, the file is that
        // one's old scan, with a later version than its first agreement's: it is still named
        // as the first one's scan.
        let other = (agreements.iter())
            .filter(|a| a.status == AgreementStatus::Archived)
            .nth(1)
            .unwrap();
        store
            .write(|w| w.replace_scan(other.id, &files, "选错了文件"))
            .unwrap();
        let right = vec![png("正确扫描.png", 1240, 1754)];
        store
            .write(|w| w.replace_scan(other.id, &right, "改回本单位的扫描件"))
            .unwrap();
        let still = short_scan_warning(&store, &fonts, signed.id, &files)
            .unwrap()
            .unwrap();
        assert!(
            still.contains(&format!("2025 年度第 {} 号责任书", archived.draft.number)),
            "{still}"
        );
        // Once replaced there, the file is no one's current scan: nothing said.
        let new = vec![png("新扫描.png", 1240, 1754)];
        store
            .write(|w| w.replace_scan(archived.id, &new, "原扫描件缺页"))
            .unwrap();
        let after = short_scan_warning(&store, &fonts, signed.id, &files).unwrap();
        assert!(
            after.as_ref().is_none_or(|w| !w.contains("已是")),
            "{after:?}"
        );
        let taken = short_scan_warning(&store, &fonts, signed.id, &new)
            .unwrap()
            .unwrap();
        assert!(taken.contains("“新扫描.png”已是 2025 年度第"), "{taken}");
    }

    fn png(name: &str, width: u32, height: u32) -> ScanInput {
        let mut bytes = Vec::new();
        image::RgbImage::new(width, height)
            .write_to(
                &mut std::io::Cursor::new(&mut bytes),
                image::ImageFormat::Png,
            )
            .unwrap();
        ScanInput {
            file_name: name.to_owned(),
            bytes,
        }
    }

    #[test]
    fn an_image_too_small_to_read_on_paper_is_warned_of() {
        let mut store = Store::open_in_memory().unwrap();
        crate::demo::load(&mut store).unwrap();
        let fonts = FontSet::shipped();
        let signed = (store.agreements(2025).unwrap().into_iter())
            .find(|a| a.status == AgreementStatus::Signed)
            .unwrap();
        let printed = agreement_pages(
            &fonts,
            &store.issued_content(signed.id).unwrap().unwrap(),
            &PrintOptions::default(),
        )
        .len();
        let mut pages: Vec<ScanInput> = (1..=printed)
            .map(|n| png(&format!("{n}.png"), 600, 850))
            .collect();
        assert_eq!(
            short_scan_warning(&store, &fonts, signed.id, &pages).unwrap(),
            None
        );
        pages[0] = png("1.png", 20, 30);
        assert_eq!(
            short_scan_warning(&store, &fonts, signed.id, &pages).unwrap(),
            Some(
                "图片 1.png（20×30 像素）太小，印在 A4 纸上看不清（可能是缩略图）：请用原图或按 150 dpi 以上重新扫描"
                    .to_owned()
            )
        );
        // Said with the pages missing, each in its own words.
        let warning = short_scan_warning(&store, &fonts, signed.id, &pages[..1])
            .unwrap()
            .unwrap();
        assert!(
            warning.starts_with("扫描件共 1 页")
                && warning.contains("；图片 1.png（20×30 像素）太小"),
            "{warning}"
        );
    }
}
