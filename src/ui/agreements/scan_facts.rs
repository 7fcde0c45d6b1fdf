//! What the detail of an archived agreement says of its scan: the files and their size, and
//! when it was archived (and how often replaced), so that the clerk can check that the right
//! paper was filed.

/// The files of a scan as the detail names them: "1 个文件，1.2 MB：签字本.pdf", or "3 张图片，
/// 共 2.1 MB：第1页.jpg、第2页.jpg、第3页.jpg" (every page named, up to twenty-one, then 等: the
/// line cut to fit the column shows them all on hover). The size comes first: a long file
/// name cut off to fit the column never hides it.
pub fn files(scan: &crate::store::ScanSummary) -> String {
    const NAMED: usize = 20;
    let size = |bytes: usize| crate::ui::byte_size::show(bytes as u64);
    match scan.files.as_slice() {
        // One file: a PDF, or one image (a one-page scan), named as several images are.
        [(name, bytes)] if !scan.is_pdf => format!("1 张图片，{}：{name}", size(*bytes)),
        [(name, bytes)] => format!("1 个文件，{}：{name}", size(*bytes)),
        files => {
            // One more than would be named is named too: "等" would stand for that one alone.
            let how_many = if files.len() == NAMED + 1 {
                files.len()
            } else {
                NAMED
            };
            let names: Vec<&str> = (files.iter().take(how_many))
                .map(|(name, _)| name.as_str())
                .collect();
            let more = if files.len() > how_many { "等" } else { "" };
            format!(
                "{} 张图片，共 {}：{}{more}",
                files.len(),
                size(files.iter().map(|(_, bytes)| bytes).sum()),
                names.join("、")
            )
        }
    }
}

/// When the signed copy was first archived (a replacement does not move it).
pub fn time(scan: &crate::store::ScanSummary) -> String {
    crate::model::dates::show_stored_time(&scan.first_added_at)
}

/// How many times a scan was replaced ("已更换 2 次") and when last, each on a line of its own
/// so that the time is never cut short; nothing for the scan archived first.
pub fn replaced(scan: &crate::store::ScanSummary) -> Option<(String, String)> {
    (scan.version > 1).then(|| {
        (
            format!("已更换 {} 次", scan.version - 1),
            crate::model::dates::show_stored_time(&scan.added_at),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::store::ScanSummary;

    #[test]
    fn one_file_is_named_with_its_size_and_several_images_are_counted() {
        let scan = |files: Vec<(&str, usize)>, version| ScanSummary {
            version,
            added_at: "2025-03-10 14:03:22".into(),
            first_added_at: "2025-03-08 09:30:00".into(),
            // As archived: the one PDF here is named so.
            is_pdf: files.first().is_some_and(|(n, _)| n.contains("签字本")),
            files: files.into_iter().map(|(n, b)| (n.to_owned(), b)).collect(),
        };
        let one = scan(vec![("签字本.pdf", 1_300_000)], 1);
        assert_eq!(files(&one), "1 个文件，1.2 MB：签字本.pdf");
        // Told by the content, not the name: an image named without its extension.
        let one_image = scan(vec![("扫描", 15_000)], 1);
        assert_eq!(files(&one_image), "1 张图片，15 KB：扫描");
        let images = scan(vec![("第1页.jpg", 300_000), ("第2页.jpg", 200_000)], 3);
        assert_eq!(files(&images), "2 张图片，共 489 KB：第1页.jpg、第2页.jpg");
        // Every page is named (the line is cut to fit, the whole shown on hover).
        let pages = scan(
            vec![("1.png", 1), ("2.png", 1), ("3.png", 1), ("4.png", 1)],
            1,
        );
        assert!(
            files(&pages).ends_with("：1.png、2.png、3.png、4.png"),
            "{}",
            files(&pages)
        );
        assert_eq!(time(&images), "2025年3月8日 09:30");
        assert_eq!(
            replaced(&images),
            Some(("已更换 2 次".to_owned(), "2025年3月10日 14:03".to_owned()))
        );
        assert_eq!(replaced(&one), None);
    }
}
