//! How the notice ends: the 落款 sharing its page with the last body lines and centred over
//! the date, the 附注 under the date, and the 版记 on an upright last even page.

use chrono::NaiveDate;
use zerenshu::document::build_notice;
use zerenshu::pdf::fonts::{FontRole, FontSet};
use zerenshu::pdf::notice::notice_pages;
use zerenshu::pdf::page::Item;

use super::demo;

#[test]
fn the_issuer_shares_its_page_with_the_last_body_lines_two_lines_below_the_text() {
    let (_, _, base) = demo();
    let fonts = FontSet::shipped();
    // Longer and longer closings move the page break through every position.
    for extra in 0..24 {
        let mut content = base.clone();
        content.closing = format!("{}{}", base.closing, "各单位要认真落实。".repeat(extra));
        let pages = notice_pages(&fonts, &content);
        // Whatever the length, the 版记 ends the notice on an even page (see
        // `the_colophon_takes_the_last_even_page_and_a_blank_page_only_when_it_must`).
        assert_colophon_ends(&pages, &format!("extra {extra}"));
        let last = pages.iter().position(|p| p.is_landscape).unwrap() - 1;
        let lines: Vec<(f32, String)> = pages[last]
            .items
            .iter()
            .filter_map(|item| match item {
                Item::Text {
                    baseline_mm, text, ..
                } if !text.starts_with('—') => Some((*baseline_mm, text.clone())),
                _ => None,
            })
            .collect();
        let issuer = lines
            .iter()
            .find(|(_, t)| *t == content.issuer)
            .unwrap_or_else(|| panic!("extra {extra}: the issuer is on the last text page"));
        let above: Vec<&(f32, String)> = lines.iter().filter(|(b, _)| *b < issuer.0).collect();
        let body_lines = above
            .iter()
            .filter(|(_, t)| !t.starts_with("附件："))
            .count();
        assert!(
            body_lines >= 2,
            "extra {extra}: {body_lines} body lines with the 落款: {above:?}"
        );
        let lowest = above.iter().map(|(b, _)| *b).fold(0.0_f32, f32::max);
        let gap_lines = ((issuer.0 - lowest) / zerenshu::pdf::page::LINE_PITCH_MM).round();
        assert!(
            (gap_lines - 3.0).abs() < f32::EPSILON,
            "extra {extra}: two blank lines for the seal, not {}",
            gap_lines - 1.0
        );
    }
}

/// The 落款 is centred over the date, which ends four characters in (右空四字); one too long
/// for that keeps two characters to the edge (右空二字), the date centred under it.
#[test]
fn the_issuer_is_centred_over_the_date_and_a_long_one_keeps_two_cells_in() {
    use zerenshu::pdf::page::{CELL_MM, MARGIN_LEFT_MM, TEXT_WIDTH_MM};
    let (_, _, mut content) = demo();
    let fonts = FontSet::shipped();
    let metrics = zerenshu::pdf::layout::Metrics::new(&fonts);
    let right_edge = MARGIN_LEFT_MM + TEXT_WIDTH_MM;
    let span = |pages: &[zerenshu::pdf::page::Page], wanted: &str| -> (f32, f32) {
        // The last drawn: the 落款 and its date close the main text.
        let x = (pages.iter().flat_map(|p| &p.items))
            .rev()
            .find_map(|item| match item {
                Item::Text { x_mm, text, .. } if text == wanted => Some(*x_mm),
                _ => None,
            })
            .unwrap_or_else(|| panic!("{wanted} not drawn"));
        (x, x + metrics.width_mm(FontRole::Body, wanted, 16.0))
    };
    for (issuer, date_ends_four_in) in [
        ("示例市人民政府", true),
        ("示例市人民政府安全生产委员会办公室", false),
    ] {
        content.issuer = issuer.to_owned();
        let pages = notice_pages(&fonts, &content);
        let (name_left, name_right) = span(&pages, issuer);
        let (date_left, date_right) = span(&pages, &content.date);
        let centre = |(left, right): (f32, f32)| f32::midpoint(left, right);
        assert!(
            // Both set on the half-cell grid the rows snap to.
            (centre((name_left, name_right)) - centre((date_left, date_right))).abs()
                <= CELL_MM / 2.0,
            "{issuer}: not centred over the date: {name_left} {name_right} {date_left} {date_right}"
        );
        assert!(
            name_right <= right_edge - 1.5 * CELL_MM,
            "{issuer}: {name_right}"
        );
        let four_in = (date_right - (right_edge - 4.0 * CELL_MM)).abs() <= CELL_MM / 2.0;
        assert_eq!(
            four_in, date_ends_four_in,
            "{issuer}: date ends at {date_right}"
        );
    }
}

fn holds(page: &zerenshu::pdf::page::Page, wanted: &str) -> bool {
    page.items
        .iter()
        .any(|i| matches!(i, Item::Text { text, .. } if text == wanted))
}

fn has_number(page: &zerenshu::pdf::page::Page) -> bool {
    page.items
        .iter()
        .any(|i| matches!(i, Item::Text { text, .. } if text.starts_with('—')))
}

/// What kind of ending the notice has: the 版记 on a page of its own after an odd page, or
/// after a blank page. (Sharing an even portrait page with its last lines is tested with the
/// 版记 itself; the demo's notice ends on turned attachment pages, which never take it.)
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ending {
    OwnPage,
    AfterBlank,
}

/// The 版记 is on the last page, which is even and upright; after an odd last content page it
/// takes the next page, and after an even turned one it comes after a blank page. Only the
/// blank page and the 版记 page after it go unnumbered.
fn assert_colophon_ends(pages: &[zerenshu::pdf::page::Page], case: &str) -> Ending {
    assert_eq!(pages.len() % 2, 0, "{case}");
    let holding: Vec<usize> = (0..pages.len())
        .filter(|&i| holds(&pages[i], "示例市人民政府办公室"))
        .collect();
    assert_eq!(
        holding,
        [pages.len() - 1],
        "{case}: the 版记 on the last page alone"
    );
    let blank: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].items.is_empty())
        .collect();
    let last = pages.last().unwrap();
    assert!(!last.is_landscape, "{case}: the 版记 reads upright");
    let ending = if blank.is_empty() {
        assert!(has_number(last), "{case}");
        // The content ended on an odd page.
        Ending::OwnPage
    } else {
        assert_eq!(
            blank,
            [pages.len() - 2],
            "{case}: a blank page only before the 版记"
        );
        assert!(!has_number(last), "{case}");
        // The page before the blank one is even and could not take the 版记.
        assert_eq!((pages.len() - 2) % 2, 0, "{case}");
        Ending::AfterBlank
    };
    let numbered = if blank.is_empty() {
        pages.len()
    } else {
        pages.len() - 2
    };
    for page in &pages[..numbered] {
        assert!(has_number(page), "{case}: every page before is numbered");
    }
    ending
}

#[test]
fn the_colophon_takes_an_upright_last_even_page_after_the_turned_table() {
    let (_, _, base) = demo();
    let fonts = FontSet::shipped();
    let mut seen = Vec::new();
    // More and more rows in the last table move its end from an even page onto an odd one.
    for extra in 0..24 {
        let mut content = base.clone();
        let last = content.tables.last_mut().unwrap();
        let row = last.rows[0].clone();
        for _ in 0..extra {
            last.rows.push(row.clone());
        }
        let pages = notice_pages(&fonts, &content);
        let ending = assert_colophon_ends(&pages, &format!("{extra} rows more"));
        if ending == Ending::AfterBlank {
            // The blank page is needed: the last content page is a turned table page.
            assert!(pages[pages.len() - 3].is_landscape);
        }
        seen.push(ending);
    }
    for ending in [Ending::OwnPage, Ending::AfterBlank] {
        assert!(seen.contains(&ending), "{ending:?} in {seen:?}");
    }
}

#[test]
fn the_annotation_goes_in_parentheses_two_cells_in_on_the_line_under_the_date() {
    let (_, _, content) = demo();
    assert_eq!(content.annotation, "（此件公开发布）");
    let pages = notice_pages(&FontSet::shipped(), &content);
    let placed = |wanted: &str| {
        pages.iter().enumerate().find_map(|(index, page)| {
            page.items.iter().find_map(|item| match item {
                Item::Text {
                    x_mm,
                    baseline_mm,
                    text,
                    ..
                } if text == wanted => Some((index, *x_mm, *baseline_mm)),
                _ => None,
            })
        })
    };
    let (date_page, _, date_line) = placed(&content.date).unwrap();
    let (page, x, line) = placed("（此件公开发布）").unwrap();
    assert_eq!(page, date_page, "on the page of the date");
    let pitch = zerenshu::pdf::page::LINE_PITCH_MM;
    assert!(
        (line - date_line - pitch).abs() < 0.01,
        "{line} after {date_line}"
    );
    let two_cells = zerenshu::pdf::page::MARGIN_LEFT_MM + 2.0 * zerenshu::pdf::page::CELL_MM;
    assert!((x - two_cells).abs() < 0.01, "{x}");
    // Typed with half-width parentheses or none, it is printed the same; empty, not at all.
    let year = zerenshu::model::Year::new(2024, "示例市人民政府");
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    for typed in ["此件公开发布", " (此件公开发布) ", "（此件公开发布）"] {
        let wording = zerenshu::document::NoticeWording {
            annotation: typed.to_owned(),
            ..zerenshu::document::NoticeWording::default()
        };
        let built = build_notice(&year, &[], &[], date, &wording);
        assert_eq!(built.annotation, "（此件公开发布）", "{typed:?}");
    }
    let plain = build_notice(
        &year,
        &[],
        &[],
        date,
        &zerenshu::document::NoticeWording::default(),
    );
    assert_eq!(plain.annotation, "");
    let plain_pages = notice_pages(&FontSet::shipped(), &plain);
    let mentions = |page: &zerenshu::pdf::page::Page| {
        (page.items.iter())
            .any(|i| matches!(i, Item::Text { text, .. } if text.contains("公开发布")))
    };
    assert!(pages.iter().any(mentions));
    assert!(!plain_pages.iter().any(mentions));
}

/// A 附注 longer than a line runs on at the left margin, as a paragraph does; only its first
/// line is two cells in.
#[test]
fn a_long_annotation_runs_on_at_the_margin() {
    let (_, _, content) = demo();
    let long = zerenshu::document::NoticeContent {
        annotation: "（此件公开发布，联系人：柯以宁，联系电话：0399-8610000，传真：0399-8610001）"
            .to_owned(),
        ..content
    };
    let pages = notice_pages(&FontSet::shipped(), &long);
    let lines: Vec<(f32, String)> = (pages.iter().flat_map(|page| page.items.iter()))
        .filter_map(|item| match item {
            Item::Text { x_mm, text, .. }
                if text.starts_with("（此件") || text.contains("8610001") =>
            {
                Some((*x_mm, text.clone()))
            }
            _ => None,
        })
        .collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    let margin = zerenshu::pdf::page::MARGIN_LEFT_MM;
    let cell = zerenshu::pdf::page::CELL_MM;
    assert!((lines[0].0 - margin - 2.0 * cell).abs() < 0.01, "{lines:?}");
    assert!((lines[1].0 - margin).abs() < 0.01, "{lines:?}");
}
