//! What the notice says: title, grade headings, every unit under its grade in score order,
//! "无" for an empty group, the vetoed town under the lowest grade, a shared rank, the town
//! failing two years in a row, and the opening's paragraphs.

use chrono::NaiveDate;
use zerenshu::document::notice::is_town_category;
use zerenshu::pdf::fonts::FontSet;
use zerenshu::pdf::notice::{notice_pages, notice_pdf};
use zerenshu::pdf::page::Item;
use zerenshu::pdf::writer::FontCache;
use zerenshu::workflow::results::UnitResult;

use super::{demo, pdf_text};

use crate::support::demo_store;

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
fn the_demo_notice_names_the_town_that_failed_two_years_in_a_row() {
    let store = demo_store();
    let text = notice_text(&store, 2024);
    assert!(
        text.contains("龙泉镇人民政府2023、2024年度连续两年考核等次为不合格，其主要负责人须向市安委会作出书面检查。"),
        "{text}"
    );
    // 2023 is the first year on file: no run reaches it.
    assert!(!notice_text(&store, 2023).contains("连续两年"));
}

/// The text of `year`'s notice dated 2025-03-05, as pdftotext reads it back.
fn notice_text(store: &zerenshu::store::Store, year: i32) -> String {
    let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
    let bytes = zerenshu::workflow::notice::notice_for_year(store, year, date)
        .unwrap()
        .0;
    pdf_text(&bytes)
}

/// The lowest grade named otherwise in 2023 than in 2024: the notice of 2024 does not say
/// 2023 had a grade it did not have.
#[test]
fn a_lowest_grade_renamed_since_the_run_began_is_said_as_the_year_s_lowest() {
    let mut store = demo_store();
    let mut earlier = store.year(2023).unwrap().unwrap();
    earlier.phase = zerenshu::model::Phase::Assessing;
    store
        .write(|w| w.update_year(&earlier, Some("更正等次名称")))
        .unwrap();
    earlier.grade_bands.last_mut().unwrap().name = "不达标".to_owned();
    store.write(|w| w.update_year(&earlier, None)).unwrap();
    let text = notice_text(&store, 2024);
    assert!(
        text.contains("龙泉镇人民政府2023、2024年度连续两年考核等次均为当年最低等次，"),
        "{text}"
    );
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
