//! The red banner (版头): printed for a numbered notice only, said when an official notice has
//! no number, the 发文机关标志 keeping its top edge when set smaller, and read first in drawing
//! order.

use std::process::Command;

use chrono::NaiveDate;
use zerenshu::document::NoticeContent;
use zerenshu::pdf::fonts::FontSet;
use zerenshu::pdf::notice::{IDEOGRAPH_TOP_EM, notice_pages, notice_pdf};
use zerenshu::pdf::page::Item;
use zerenshu::pdf::writer::FontCache;

use super::demo;

#[test]
fn a_numbered_notice_has_a_red_banner_and_an_unnumbered_one_none() {
    let (_, _, mut content) = demo();
    let fonts = FontSet::shipped();
    let red_on = |content: &NoticeContent| -> Vec<usize> {
        notice_pages(&fonts, content)
            .iter()
            .map(|p| p.items.iter().filter(|i| matches!(i, Item::Red(_))).count())
            .collect()
    };
    assert_eq!(content.document_number, "示政通〔2025〕3号");
    let numbered = red_on(&content);
    assert_eq!(numbered[0], 2, "the 发文机关标志 and the separator");
    assert!(numbered[1..].iter().all(|&n| n == 0));
    content.document_number.clear();
    assert!(red_on(&content).iter().all(|&n| n == 0));

    // A year in a keyboard's brackets is put in 六角括号 as it is saved; other brackets are
    // named.
    let wording = zerenshu::document::NoticeWording {
        document_number: "示政通[2025]3号".to_owned(),
        issuer_mark: "示例市人民政府文件".to_owned(),
        ..zerenshu::document::NoticeWording::default()
    };
    assert!(zerenshu::workflow::notice::wording_problems(&wording).is_empty());
    let mut wording = zerenshu::document::NoticeWording {
        document_number: "示政通[二〇二五]3号".to_owned(),
        ..zerenshu::document::NoticeWording::default()
    };
    let problems = zerenshu::workflow::notice::wording_problems(&wording);
    assert!(
        problems.iter().any(|p| p.contains("六角括号")),
        "{problems:?}"
    );
    wording.document_number = "示政通〔2025〕3号".to_owned();
    wording.issuer_mark.clear();
    let problems = zerenshu::workflow::notice::wording_problems(&wording);
    assert!(
        problems.iter().any(|p| p.contains("发文机关标志")),
        "{problems:?}"
    );
    // A paragraph that stops mid-sentence is said; the opening may end on "：".
    let mut wording = zerenshu::document::NoticeWording::default();
    wording.reward = wording.reward.trim_end_matches('。').to_owned();
    assert_eq!(
        zerenshu::workflow::notice::wording_problems(&wording),
        ["【奖惩段落】末尾不是句末标点：通报中这一段会像没有写完，请在末尾加“。”"]
    );
    // The opening, which leads into the results, is offered its colon first.
    let mut wording = zerenshu::document::NoticeWording::default();
    wording.opening = wording.opening.trim_end_matches('：').to_owned();
    assert_eq!(
        zerenshu::workflow::notice::wording_problems(&wording),
        [
            "【开头段落】末尾不是句末标点：通报中这一段会像没有写完，请在末尾加“：”（其后接考核结果）或“。”"
        ]
    );
}

/// The official notice of a year published without a 发文字号 says, when exported, that it
/// prints without its 版头; one with a number does not.
#[test]
fn an_official_notice_without_a_number_says_it_has_no_banner() {
    let (mut store, _, _) = demo();
    let date = NaiveDate::from_ymd_opt(2025, 3, 18).unwrap();
    let said = "2024 年度的通报措辞中没有填写发文字号，本通报不印红色版头和文号";
    let (_, notes) = zerenshu::workflow::notice::notice_for_year(&store, 2024, date).unwrap();
    assert!(!notes.iter().any(|n| n.starts_with(said)), "{notes:?}");
    let mut wording = zerenshu::workflow::notice::wording(&store, 2024).unwrap();
    wording.document_number.clear();
    let json = serde_json::to_string(&wording).unwrap();
    let key = zerenshu::workflow::notice::wording_key(2024);
    store.write(|w| w.set_setting(&key, &json)).unwrap();
    let (_, notes) = zerenshu::workflow::notice::notice_for_year(&store, 2024, date).unwrap();
    assert!(notes.iter().any(|n| n.starts_with(said)), "{notes:?}");
}

/// The 发文机关标志's top edge is 35 mm below the text block's (37 mm from the page's top),
/// also when a long name is set smaller to fit the width.
#[test]
fn the_issuer_mark_keeps_its_top_edge_when_set_smaller() {
    let (_, _, mut content) = demo();
    let fonts = FontSet::shipped();
    let mut tops = Vec::new();
    for mark in [
        "示例市人民政府文件",
        "示例市人民政府安全生产委员会办公室文件",
    ] {
        content.issuer_mark = mark.to_owned();
        let pages = notice_pages(&fonts, &content);
        let Some((baseline_mm, size_pt)) = pages[0].items.iter().find_map(|item| match item {
            Item::Red(inner) => match inner.as_ref() {
                Item::Text {
                    baseline_mm,
                    size_pt,
                    ..
                } => Some((*baseline_mm, *size_pt)),
                _ => None,
            },
            _ => None,
        }) else {
            panic!("no 发文机关标志 in red on page 1");
        };
        let top_mm = baseline_mm - size_pt * IDEOGRAPH_TOP_EM * 25.4 / 72.0;
        assert!((top_mm - 72.0).abs() < 0.01, "{mark}: top at {top_mm} mm");
        tops.push(size_pt);
    }
    assert!(tops[1] < tops[0], "the long name is set smaller: {tops:?}");
}

#[test]
fn the_banner_is_read_first_in_drawing_order() {
    let (_, _, content) = demo();
    let fonts = FontSet::shipped();
    let bytes = notice_pdf(&FontCache::new(&fonts), &content).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, &bytes).unwrap();
    // -raw keeps the order the page draws its text in, as copy and paste does.
    let output = Command::new("pdftotext")
        .args(["-raw", "-f", "1", "-l", "1", "-enc", "UTF-8"])
        .args([path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    let text: String = String::from_utf8(output.stdout)
        .unwrap()
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    assert!(
        text.starts_with(
            "示例市人民政府文件示政通〔2025〕3号示例市人民政府关于2024年度安全生产目标管理考核结果的通报"
        ),
        "{text}"
    );
    assert!(text.ends_with("—1—"), "the page number last: {text}");
}
