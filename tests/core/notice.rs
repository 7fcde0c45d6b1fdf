//! The results notice (考核结果通报) of the 2024 demo year, read back from the PDF with
//! pdftotext: title, grade headings, every unit under its grade in score order, "无" for an
//! empty group, the vetoed town under the lowest grade, the attachment table with its captions
//! repeated on continuation pages; and the CLI.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::process::Command;

use chrono::NaiveDate;
use zerenshu::document::notice::is_town_category;
use zerenshu::document::{NoticeContent, build_notice};
use zerenshu::pdf::fonts::{FontRole, FontSet};
use zerenshu::pdf::notice::{IDEOGRAPH_TOP_EM, notice_pages, notice_pdf};
use zerenshu::pdf::notice_table::continued_caption;
use zerenshu::pdf::page::Item;
use zerenshu::pdf::writer::FontCache;
use zerenshu::store::Store;
use zerenshu::workflow::results::{CategoryResults, UnitResult, year_results};

use crate::support::demo_store;

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

/// Names of one group's units with `grade`, in score order, as the notice lists them, and
/// those of them vetoed, each with the condition it met ("乙因……").
fn expected_names(
    units: &[&UnitResult],
    grade: &str,
    is_lowest: bool,
) -> (Vec<String>, Vec<String>) {
    let mut listed: Vec<&UnitResult> = units
        .iter()
        .copied()
        .filter(|u| u.row.grade == grade && !u.row.is_vetoed)
        .collect();
    listed.sort_by_key(|u| std::cmp::Reverse(u.row.total));
    let mut names: Vec<String> = listed.iter().map(|u| u.unit_name.clone()).collect();
    let mut vetoed = Vec::new();
    if is_lowest {
        for unit in units.iter().filter(|u| u.row.is_vetoed) {
            names.push(unit.unit_name.clone());
            vetoed.push(match &unit.veto_condition {
                Some(condition) => format!("{}因{condition}", unit.unit_name),
                None => unit.unit_name.clone(),
            });
        }
    }
    (names, vetoed)
}

#[test]
fn the_demo_notice_lists_every_unit_under_its_grade_in_score_order() {
    let (store, results, content) = demo();
    let fonts = FontSet::with_installed();
    let bytes = notice_pdf(&FontCache::new(&fonts), &content).unwrap();
    let text = pdf_text(&bytes);
    let main_end = text.find("附件：").expect("attachment note");
    let main = &text[..main_end];
    // The 版头 (the demo numbers its notices), then the title.
    assert!(
        main.starts_with(
            "示例市人民政府文件示政通〔2025〕3号示例市人民政府关于2024年度安全生产目标管理考核结果的通报"
        ),
        "{main}"
    );
    assert!(main.contains("各镇人民政府、街道办事处，示例经济开发区管委会，市安委会各成员单位："));
    assert!(main.contains("组织考核的基础上，现将2024年度安全生产目标管理考核结果通报如下"));
    assert!(text.contains("2025年3月5日"));

    let year = store.year(2024).unwrap().unwrap();
    let headings = ["（一）优秀", "（二）良好", "（三）合格", "（四）不合格"];
    let starts: Vec<usize> = headings
        .iter()
        .map(|h| main.find(h).unwrap_or_else(|| panic!("{h}")))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] < w[1]), "headings in order");
    let towns: Vec<&UnitResult> = (results.iter())
        .filter(|c| is_town_category(c))
        .flat_map(|c| &c.units)
        .collect();
    let departments: Vec<&UnitResult> = (results.iter())
        .filter(|c| !is_town_category(c))
        .flat_map(|c| &c.units)
        .collect();
    let mut empty_groups = 0;
    for (index, band) in year.grade_bands.iter().enumerate() {
        let end = starts.get(index + 1).copied().unwrap_or(main.len());
        let section = &main[starts[index]..end];
        let is_lowest = index + 1 == year.grade_bands.len();
        for (label, units) in [("镇街", &towns), ("部门", &departments)] {
            let (names, vetoed) = expected_names(units, &band.name, is_lowest);
            let line = if names.is_empty() {
                empty_groups += 1;
                format!("{label}：无。")
            } else if vetoed.is_empty() {
                format!("{label}：{}。", names.join("、"))
            } else if vetoed.len() == names.len() {
                // The demo's one veto names its condition.
                assert_eq!(vetoed.len(), 1);
                let condition = vetoed[0].split_once('因').map_or("", |(_, c)| c);
                format!("{label}：{}（因{condition}被一票否决）。", names.join("、"))
            } else {
                assert_eq!(vetoed.len(), 1);
                format!(
                    "{label}：{}，其中{}被一票否决。",
                    names.join("、"),
                    vetoed[0]
                )
            };
            assert!(section.contains(&line), "{} {line}", band.name);
        }
    }
    assert!(empty_groups > 0, "the demo has an empty group");
    // The same for the demo's towns, written out from its scores (城关 99.5, 响嘡 94, 开发区 93,
    // 新华 92.5, 东城 91, 青山 90 | 杨柳 89.5 … 南湖 81.5 | 白塔 78, 古渡 69.5 | 龙泉, and 石桥
    // vetoed at 88), so that a wrong grade or order in the results shows here too.
    for (grade, line) in [
        (
            "（一）优秀",
            "镇街：城关街道办事处、响嘡街道办事处、示例经济开发区管理委员会、新华街道办事处、东城街道办事处、青山镇人民政府。",
        ),
        (
            "（二）良好",
            "镇街：杨柳镇人民政府、河口镇人民政府、东坡镇人民政府、北岭镇人民政府、南湖镇人民政府。",
        ),
        ("（三）合格", "镇街：白塔镇人民政府、古渡镇人民政府。"),
        (
            "（四）不合格",
            "镇街：龙泉镇人民政府、石桥镇人民政府，其中石桥镇人民政府因发生较大及以上生产安全事故被一票否决。部门：无。",
        ),
    ] {
        let index = headings.iter().position(|h| *h == grade).unwrap();
        let end = starts.get(index + 1).copied().unwrap_or(main.len());
        assert!(main[starts[index]..end].contains(line), "{grade}: {line}");
    }
    let failing = &main[starts[3]..];
    assert!(
        failing.contains("其中石桥镇人民政府因发生较大及以上生产安全事故被一票否决"),
        "{failing}"
    );
    assert!(main.contains("予以通报表扬"));

    let attachment = &text[main_end..];
    assert!(attachment.contains("序号单位基础得分加分扣分总得分一票否决等次排名"));
    assert!(attachment.contains("2024年度安全生产目标管理考核得分情况表"));
    for caption in [
        "镇街序号",
        "部门（一类）序号",
        "部门（二类）序号",
        "部门（三类）序号",
    ] {
        assert!(attachment.contains(caption), "{caption}");
    }
    // 交通局 (91.5 less 2) and 公安局 (89.5) share 一类's fifth place; 消防大队 comes seventh.
    let shared = "5示例市交通运输局91.50289.5良好5";
    assert!(attachment.contains(shared), "{attachment}");
    assert!(
        attachment.contains("示例市公安局89.50089.5良好5"),
        "{attachment}"
    );
}

#[test]
fn the_demo_year_has_a_shared_rank_and_every_grade() {
    let (_, results, content) = demo();
    let mut grades: Vec<&str> = (results.iter().flat_map(|c| &c.units))
        .map(|u| u.row.grade.as_str())
        .collect();
    grades.sort_unstable();
    grades.dedup();
    assert_eq!(grades.len(), 4, "{grades:?}");
    let shared: Vec<(&str, usize)> = (content.tables.iter())
        .flat_map(|table| {
            let ranks: Vec<&str> = table.rows.iter().map(|r| r.cells[8].as_str()).collect();
            (table.rows.iter())
                .filter(move |row| ranks.iter().filter(|r| **r == row.cells[8]).count() > 1)
                .map(|row| (row.cells[1].as_str(), row.cells[8].parse().unwrap()))
        })
        .collect();
    assert_eq!(shared, [("示例市交通运输局", 5), ("示例市公安局", 5)]);
    let towns = &results[0].units;
    let longquan = towns.iter().find(|u| u.short_name == "龙泉镇").unwrap();
    assert_eq!(longquan.row.grade, "不合格");
    assert!(!longquan.row.is_vetoed);
    let shiqiao = towns.iter().find(|u| u.short_name == "石桥镇").unwrap();
    assert!(shiqiao.row.is_vetoed);
}

#[test]
fn the_attachment_is_landscape_and_every_page_is_numbered() {
    let (_, _, content) = demo();
    let fonts = FontSet::with_installed();
    let pages = notice_pages(&fonts, &content);
    let first_landscape = pages.iter().position(|p| p.is_landscape).unwrap();
    let last_landscape = pages.iter().rposition(|p| p.is_landscape).unwrap();
    assert!(first_landscape > 0);
    assert!(
        pages[first_landscape..=last_landscape]
            .iter()
            .all(|p| p.is_landscape)
    );
    // The 版记 closes the document on an even, upright page: the demo's attachment ends on the
    // even page 8, turned, so a blank page and then the 版记's own page follow, unnumbered.
    assert_eq!(pages.len(), 10);
    assert_eq!(last_landscape, 7);
    assert!(pages[8].items.is_empty());
    let colophon = pages.last().unwrap();
    assert!(!colophon.is_landscape);
    assert!(
        colophon
            .items
            .iter()
            .any(|i| matches!(i, Item::Text { text, .. } if text == "抄送："))
    );
    let numbers: Vec<String> = (pages.iter())
        .map(|page| {
            (page.items.iter())
                .filter_map(|item| match item {
                    Item::Text { text, .. } if text.starts_with('—') => Some(text.clone()),
                    _ => None,
                })
                .collect()
        })
        .collect();
    // Numbered throughout, unless a blank page had to precede the 版记: then neither is.
    let numbered = if pages[pages.len() - 2].items.is_empty() {
        pages.len() - 2
    } else {
        pages.len()
    };
    let mut expected: Vec<String> = (1..=numbered).map(|n| format!("— {n} —")).collect();
    expected.resize(pages.len(), String::new());
    assert_eq!(numbers, expected);
    let bytes = notice_pdf(&FontCache::new(&fonts), &content).unwrap();
    // Printed as GB/T 9704 prints 横排表格: portrait sheets with the table turned, shown
    // upright on screen by /Rotate 90; the page number stays where the other pages have it.
    let pdf = lopdf::Document::load_mem(&bytes).unwrap();
    for (number, id) in pdf.get_pages() {
        let page = pdf.get_dictionary(id).unwrap();
        // A page inherits the media box from the page tree when it has none of its own.
        let media_box = page
            .get(b"MediaBox")
            .or_else(|_| {
                let parent = page.get(b"Parent")?.as_reference()?;
                pdf.get_dictionary(parent)?.get(b"MediaBox")
            })
            .unwrap()
            .as_array()
            .unwrap();
        let height = media_box[3].as_float().unwrap();
        assert!(
            (height - 841.89).abs() < 0.1,
            "page {number} is a portrait sheet"
        );
        let rotate = page.get(b"Rotate").and_then(lopdf::Object::as_i64).ok();
        let index = usize::try_from(number).unwrap() - 1;
        let is_turned = (first_landscape..=last_landscape).contains(&index);
        assert_eq!(rotate, is_turned.then_some(90), "page {number}");
    }
    for (index, page) in pages.iter().enumerate().take(numbered) {
        let x = page
            .items
            .iter()
            .find_map(|item| match item {
                Item::Text { text, x_mm, .. } if text.starts_with('—') => Some(*x_mm),
                _ => None,
            })
            .unwrap();
        assert_eq!(x > 105.0, index % 2 == 0, "page {} number side", index + 1);
    }
    // Each attachment page has the header row, repeated.
    let page_texts = page_texts(&bytes);
    for (index, page) in page_texts.iter().enumerate() {
        let is_turned = (first_landscape..=last_landscape).contains(&index);
        assert_eq!(page.contains(HEADER), is_turned, "page {}", index + 1);
    }
    let text = pdf_text(&bytes);
    assert!(
        text.contains("抄送：市委办公室，市人大常委会办公室"),
        "{text}"
    );
}

/// The text of each page of a PDF as pdftotext lays it out (which keeps the rows of a turned
/// page in order), whitespace and page numbers removed.
fn page_texts(bytes: &[u8]) -> Vec<String> {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("notice.pdf");
    std::fs::write(&path, bytes).unwrap();
    let output = Command::new("pdftotext")
        .args(["-layout", "-enc", "UTF-8", path.to_str().unwrap(), "-"])
        .output()
        .unwrap();
    assert!(output.status.success());
    // pdftotext ends every page with a form feed.
    (String::from_utf8(output.stdout).unwrap().split('\u{c}'))
        .map(|page| {
            let squeezed: String = page.chars().filter(|c| !c.is_whitespace()).collect();
            without_page_numbers(&squeezed)
        })
        .collect()
}

/// The attachment's header row as the PDF's text reads it.
const HEADER: &str = "序号单位基础得分加分扣分总得分一票否决等次排名";

#[test]
fn a_table_carried_over_to_the_next_page_repeats_its_caption_marked_continued() {
    let (_, _, content) = demo();
    let fonts = FontSet::with_installed();
    let bytes = notice_pdf(&FontCache::new(&fonts), &content).unwrap();
    let pages = page_texts(&bytes);
    // A table too long for one page goes on under its caption marked 续, from the row
    // after the last one on the page it began on.
    let start = (pages.iter())
        .position(|p| p.contains(&format!("部门（二类）{HEADER}")))
        .expect("部门（二类） begins");
    let table = &content.tables[2];
    assert_eq!(table.caption, "部门（二类）");
    let on_first = (table.rows.iter())
        .filter(|row| pages[start].contains(&row.cells[..2].concat()))
        .count();
    assert!(on_first >= 3, "never one or two rows at a page's foot");
    let next = &pages[start + 1];
    let goes_on = &table.rows[on_first].cells[..2].concat();
    assert!(
        next.starts_with(&format!("部门（二类，续）{HEADER}{goes_on}")),
        "{next}"
    );
    for row in &table.rows[on_first..] {
        assert!(next.contains(&row.cells[..2].concat()), "{next}");
    }
    // Every attachment page after the first opens with a caption and the header row, and a
    // table is marked 续 only on the pages after the one it began on.
    let captions: Vec<&str> = content.tables.iter().map(|t| t.caption.as_str()).collect();
    let first = pages.iter().position(|p| p.starts_with("附件")).unwrap();
    let last = pages.iter().rposition(|p| p.contains(HEADER)).unwrap();
    let mut begun = vec![false; captions.len()];
    let mut continued = 0;
    for (index, page) in pages.iter().enumerate().take(last + 1).skip(first) {
        let mut opens = index == first;
        for (table, caption) in captions.iter().enumerate() {
            let fresh = format!("{caption}{HEADER}");
            let carried = format!("{}{HEADER}", continued_caption(caption));
            if page.contains(&carried) {
                assert!(begun[table], "{caption} is continued before it begins");
                continued += 1;
                // Never one or two rows under a repeated header.
                let rows_here = content.tables[table]
                    .rows
                    .iter()
                    .filter(|row| page.contains(&row.cells[..2].concat()))
                    .count();
                assert!(
                    rows_here >= 3,
                    "page {}: {caption} goes on with {rows_here} rows",
                    index + 1
                );
            }
            begun[table] |= page.contains(&fresh);
            opens |= page.starts_with(&fresh) || page.starts_with(&carried);
        }
        assert!(opens, "page {}: {page}", index + 1);
    }
    assert!(begun.iter().all(|b| *b), "every table is drawn");
    // A table that fits on one page (一类 with 10 units, 三类 with 6) is never split: it
    // starts on the next page instead; the 15 towns and the 二类 do run onto a second page.
    for short in ["部门（一类）", "部门（三类）"] {
        let carried = continued_caption(short);
        assert!(pages.iter().all(|p| !p.contains(&carried)), "{short} split");
    }
    assert_eq!(continued, 2);
}

#[test]
fn the_cli_writes_the_notice() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = dir.path().join("通报.pdf");
    let bin = env!("CARGO_BIN_EXE_zerenshu");
    let demo = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "demo"])
        .output()
        .unwrap();
    assert!(demo.status.success());
    // Back at 考核, the notice is a draft for checking, whose date is still open.
    let phase = |phase: &str| {
        let run = Command::new(bin)
            .args(["--db", db.to_str().unwrap(), "year", "--year", "2024"])
            .args(["--phase", phase, "--reason", "重新核对"])
            .output()
            .unwrap();
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    };
    phase("考核");
    let notice = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "notice", "--year", "2024"])
        .args(["--out", out.to_str().unwrap(), "--date", "2025-03-05"])
        .output()
        .unwrap();
    assert!(
        notice.status.success(),
        "{}",
        String::from_utf8_lossy(&notice.stderr)
    );
    let text = pdf_text(&std::fs::read(&out).unwrap());
    assert!(text.contains("2025年3月5日"));
    assert!(text.contains("考核结果的通报"));
    // Made again without a date, the notice keeps the date the last one was made with (the
    // draft checked and the copy issued carry one date).
    let again = dir.path().join("通报（正式）.pdf");
    let notice = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "notice", "--year", "2024"])
        .args(["--out", again.to_str().unwrap()])
        .output()
        .unwrap();
    assert!(notice.status.success());
    assert!(pdf_text(&std::fs::read(&again).unwrap()).contains("2025年3月5日"));
    // A date within the year but long before its results is questioned; one before the year
    // is refused, as in the window.
    let run = |date: &str, name: &str| {
        Command::new(bin)
            .args(["--db", db.to_str().unwrap(), "notice", "--year", "2024"])
            .args([
                "--out",
                dir.path().join(name).to_str().unwrap(),
                "--date",
                date,
            ])
            .output()
            .unwrap()
    };
    let unusual = run("2024-03-05", "早.pdf");
    assert!(unusual.status.success());
    let said = String::from_utf8_lossy(&unusual.stderr);
    assert!(
        said.contains("提示：成文日期 2024年3月5日，通常在 2024年12月1日 至"),
        "{said}"
    );
    let before = run("2023-12-31", "更早.pdf");
    assert_eq!(before.status.code(), Some(2));
    let said = String::from_utf8_lossy(&before.stderr);
    assert!(said.contains("成文日期不能早于 2024 年度"), "{said}");
    assert!(!dir.path().join("更早.pdf").exists());
    // Published, the first notice exported is the one issued: it takes the date last used,
    // and later exports are copies of it, which keep that date.
    phase("已通报");
    let issued = run("2025-03-18", "正式.pdf");
    assert!(issued.status.success());
    // Said of the notice as of the agreements: office fonts missing here are named.
    let fonts = FontSet::with_installed();
    if let Some(warning) = zerenshu::pdf::font_roles::missing_office_fonts_warning(&fonts) {
        let said = String::from_utf8_lossy(&issued.stderr);
        assert!(said.contains(&warning), "{said}");
    }
    let other = run("2025-03-20", "改日期.pdf");
    assert_eq!(other.status.code(), Some(2));
    let said = String::from_utf8_lossy(&other.stderr);
    assert!(
        said.contains("通报已按成文日期 2025年3月18日 导出印发") && said.contains("日期不变"),
        "{said}"
    );
    assert!(!dir.path().join("改日期.pdf").exists());
    assert!(run("2025-03-18", "副本.pdf").status.success());
    // Published again after a correction, the notice is dated anew.
    phase("考核");
    phase("已通报");
    assert!(run("2025-03-20", "更正.pdf").status.success());
    let text = pdf_text(&std::fs::read(dir.path().join("更正.pdf")).unwrap());
    assert!(text.contains("2025年3月20日"), "{text}");
}

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

#[test]
fn the_cli_refuses_the_notice_while_units_are_unscored() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let out = dir.path().join("通报.pdf");
    let bin = env!("CARGO_BIN_EXE_zerenshu");
    let demo = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "demo"])
        .output()
        .unwrap();
    assert!(demo.status.success());
    let notice = Command::new(bin)
        .args(["--db", db.to_str().unwrap(), "notice", "--year", "2025"])
        .args(["--out", out.to_str().unwrap()])
        .output()
        .unwrap();
    let stderr = String::from_utf8_lossy(&notice.stderr);
    assert!(!notice.status.success());
    assert!(
        stderr.contains("2025 年度还有 45 个单位未评分或未评完（"),
        "{stderr}"
    );
    assert!(!out.exists(), "no notice is written");
}

#[test]
fn a_long_unit_name_widens_its_column_within_the_landscape_page() {
    let (_, _, mut content) = demo();
    let fonts = FontSet::shipped();
    let landscape_texts = |content: &NoticeContent| -> (Vec<String>, f32) {
        let pages = notice_pages(&fonts, content);
        let mut texts = Vec::new();
        let mut right_mm = 0.0_f32;
        for page in pages.iter().filter(|p| p.is_landscape) {
            for item in &page.items {
                match item {
                    Item::Text { text, .. } => texts.push(text.clone()),
                    Item::Rule { x1_mm, x2_mm, .. } => right_mm = right_mm.max(*x1_mm).max(*x2_mm),
                    Item::Watermark(_) | Item::Red(_) => {}
                }
            }
        }
        (texts, right_mm)
    };
    let (texts, right_mm) = landscape_texts(&content);
    assert!(
        texts.iter().any(|t| t == "示例市城市管理综合行政执法局"),
        "the longest demo name stays on one line"
    );
    // The table never runs past the landscape text block: 297 mm less the 37 mm on the right,
    // which is the sheet's 天头 turned.
    assert!((right_mm - 260.0).abs() < 0.01, "{right_mm}");
    // A name too long for any column still wraps inside the page.
    let long = "示例市某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某某局";
    content.tables[1].rows[0].cells[1] = long.to_owned();
    let (texts, right_mm) = landscape_texts(&content);
    assert!(!texts.iter().any(|t| t == long));
    assert!(
        texts
            .iter()
            .any(|t| long.starts_with(t.as_str()) && t.len() > 3)
    );
    assert!((right_mm - 260.0).abs() < 0.01, "{right_mm}");
}

#[test]
fn the_points_in_the_score_tables_line_up_on_their_decimal_points() {
    let (_, _, content) = demo();
    let fonts = FontSet::shipped();
    let metrics = zerenshu::pdf::layout::Metrics::new(&fonts);
    let pages = notice_pages(&fonts, &content);
    // Where each number with a fraction has its point, and where each whole number ends.
    let mut points = Vec::new();
    let mut ends = Vec::new();
    for page in pages.iter().filter(|p| p.is_landscape) {
        for item in &page.items {
            if let Item::Text {
                x_mm,
                text,
                size_pt,
                role,
                ..
            } = item
                && let Some((whole, _)) = text.split_once('.')
                && whole.chars().all(|c| c.is_ascii_digit())
            {
                points.push(x_mm + metrics.width_mm(*role, whole, *size_pt));
            } else if let Item::Text {
                x_mm,
                text,
                size_pt,
                role,
                ..
            } = item
                && text.len() == 2
                && text.chars().all(|c| c.is_ascii_digit())
            {
                ends.push(x_mm + metrics.width_mm(*role, text, *size_pt));
            }
        }
    }
    assert!(points.len() > 10, "the demo has scores with fractions");
    // Every point lies on one of the points columns' anchors, and a whole total such as 94
    // ends at one of them too (序号 and 排名 are centred, and end elsewhere).
    let mut anchors: Vec<f32> = Vec::new();
    for point in &points {
        if !anchors.iter().any(|a| (a - point).abs() < 0.01) {
            anchors.push(*point);
        }
    }
    assert!(
        anchors.len() <= 4,
        "one anchor per points column: {anchors:?}"
    );
    assert!(
        ends.iter()
            .any(|end| anchors.iter().any(|a| (a - end).abs() < 0.01)),
        "whole numbers end where the others have their point"
    );
}

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

#[test]
fn a_notice_before_publication_says_draft_on_every_page() {
    let (_, _, content) = demo();
    let fonts = FontSet::shipped();
    let watermarked = |pages: &[zerenshu::pdf::page::Page]| -> usize {
        (pages.iter())
            .filter(|p| matches!(p.items.first(), Some(Item::Watermark(w)) if w == "草稿"))
            .count()
    };
    assert!(!content.is_draft, "2024 is published");
    assert_eq!(watermarked(&notice_pages(&fonts, &content)), 0);
    let draft = zerenshu::document::NoticeContent {
        is_draft: true,
        ..content
    };
    let pages = notice_pages(&fonts, &draft);
    let written = pages.iter().filter(|p| !p.items.is_empty()).count();
    assert_eq!(watermarked(&pages), written, "every page but the blank one");
    // The file's properties say so too.
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("draft.pdf");
    std::fs::write(&path, notice_pdf(&FontCache::new(&fonts), &draft).unwrap()).unwrap();
    let info = Command::new("pdfinfo").arg(&path).output().unwrap();
    let info = String::from_utf8_lossy(&info.stdout);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Subject:") && l.contains("（草稿）")),
        "{info}"
    );
}

#[test]
fn the_demo_notice_names_the_town_that_failed_two_years_in_a_row() {
    let store = demo_store();
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let bytes = zerenshu::workflow::notice::notice_for_year(&store, 2024, date)
        .unwrap()
        .0;
    let text = pdf_text(&bytes);
    assert!(
        text.contains("龙泉镇人民政府2023、2024年度连续两年考核等次为不合格，其主要负责人须向市安委会作出书面检查。"),
        "{text}"
    );
    // 2023 is the first year on file: no run reaches it.
    let first = zerenshu::workflow::notice::notice_for_year(&store, 2023, date)
        .unwrap()
        .0;
    assert!(!pdf_text(&first).contains("连续两年"));
}

#[test]
fn each_line_of_the_opening_is_a_paragraph_indented_two_characters() {
    let (_, _, mut content) = demo();
    content.opening = "第一段说明考核依据。\n\n第二段说明考核过程。".to_owned();
    let fonts = FontSet::with_installed();
    let pages = notice_pages(&fonts, &content);
    let start_of = |wanted: &str| {
        (pages.iter().flat_map(|p| &p.items))
            .find_map(|item| match item {
                Item::Text { x_mm, text, .. } if text.starts_with(wanted) => Some(*x_mm),
                _ => None,
            })
            .unwrap()
    };
    let (first, second) = (start_of("第一段"), start_of("第二段"));
    assert!((first - second).abs() < 0.01, "{first} and {second}");
    // Two characters of 16 pt in from the left margin.
    assert!(
        (first - (28.0 + 2.0 * 16.0 / 72.0 * 25.4)).abs() < 0.5,
        "{first}"
    );
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

#[test]
fn a_notice_made_after_its_results_were_corrected_says_it_is_no_copy_of_the_one_issued() {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("demo.sqlite3");
    let bin = env!("CARGO_BIN_EXE_zerenshu");
    let run = |args: &[&str]| {
        Command::new(bin)
            .arg("--db")
            .arg(&db)
            .args(args)
            .output()
            .unwrap()
    };
    assert!(run(&["demo"]).status.success());
    let make = |name: &str| {
        let out = dir.path().join(name);
        let made = run(&["notice", "--year", "2024", "--out", out.to_str().unwrap()]);
        assert!(made.status.success(), "{made:?}");
        String::from_utf8(made.stderr).unwrap()
    };
    let warning = "本文件按现在的结果生成，与已印发的通报不同";
    assert!(!make("原样.pdf").contains(warning));
    let mut register = Store::open(&db).unwrap();
    let mut corrected = register.scores(2024).unwrap().remove(0);
    corrected.assessed_score = Some(zerenshu::model::Points::ZERO);
    register
        .write(|w| w.change_score(&corrected, Some("复核更正")))
        .unwrap();
    drop(register);
    let said = make("更正后.pdf");
    assert!(
        said.contains(&format!(
            "又修改过 1 次（评分、加扣分或一票否决），{warning}"
        )),
        "{said}"
    );
}

/// A notice exported while the results were being scored is a draft: once they are published
/// it is out of date as such, and said to be the draft.
#[test]
fn a_notice_exported_before_publishing_is_a_draft_once_published() {
    use zerenshu::model::Phase;
    use zerenshu::store::ResultFile;
    let mut store = demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("核对分数")))
        .unwrap();
    store
        .write(|w| w.record_result_export(2024, ResultFile::Notice, "通报（草稿）.pdf"))
        .unwrap();
    let before = store
        .result_export(2024, ResultFile::Notice)
        .unwrap()
        .unwrap();
    assert!(!before.is_draft_before_publication && !before.is_stale());
    year.phase = Phase::Published;
    store.write(|w| w.update_year(&year, None)).unwrap();
    let after = store
        .result_export(2024, ResultFile::Notice)
        .unwrap()
        .unwrap();
    assert!(after.is_draft_before_publication && after.is_stale());
    // The spreadsheet is the same draft or not: publishing does not outdate it.
    store
        .write(|w| w.record_result_export(2024, ResultFile::Summary, "汇总.xlsx"))
        .unwrap();
    let summary = store
        .result_export(2024, ResultFile::Summary)
        .unwrap()
        .unwrap();
    assert!(!summary.is_draft_before_publication);
}

/// Bands changed in the same save that publishes would grade the units anew, unseen: refused,
/// and nothing saved; saved first, the year publishes.
#[test]
fn bands_changed_in_the_save_that_publishes_are_refused() {
    let mut store = crate::support::demo_store();
    let mut year = store.year(2024).unwrap().unwrap();
    year.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&year, Some("核对分数")))
        .unwrap();
    let mut edited = year.clone();
    edited.grade_bands[0].min_total = zerenshu::model::Points::parse("95").unwrap();
    edited.phase = zerenshu::model::Phase::Published;
    let refused = zerenshu::workflow::notice::save_year(&mut store, &edited, None).unwrap_err();
    assert!(refused.contains("同时修改了等次分数线或满分"), "{refused}");
    assert_eq!(store.year(2024).unwrap().unwrap(), year);
    edited.phase = zerenshu::model::Phase::Assessing;
    zerenshu::workflow::notice::save_year(&mut store, &edited, None).unwrap();
    edited.phase = zerenshu::model::Phase::Published;
    zerenshu::workflow::notice::save_year(&mut store, &edited, None).unwrap();
    assert!(store.is_published(2024).unwrap());
}
