//! The results notice (考核结果通报), pure: the year's ranked results → title, 主送, opening,
//! one section per grade band (镇街 and 部门 listed apart, in score order), 奖惩 (with the
//! units that failed two years or more in a row named), 落款, date and the attached score
//! tables.
//!
//! Which side a category is on follows its units' kinds, not its name: a category whose units
//! are mostly 街道, 镇, 乡 and 开发区 is listed as 镇街, any other as 部门, however the
//! categories are named or renamed.

use chrono::NaiveDate;

pub use super::notice_wording::{NoticeWording, WordingValues};
use crate::model::template::chinese_ordinal;
use crate::model::{UnitKind, Year};
use crate::workflow::results::{CategoryResults, UnitResult};

/// The label of the town side in the grade sections (with several town categories each is
/// labelled by its own name instead, see [`build_notice`]).
pub const TOWN_LABEL: &str = "镇街";
/// The label of the department side in the grade sections and the attachment's captions.
pub const DEPARTMENT_LABEL: &str = "部门";

/// What a category of enterprises alone is called in captions.
const ENTERPRISE_LABEL: &str = "企业";

/// True when a category is listed as 镇街: more than half of its units are of a town kind.
#[must_use]
pub fn is_town_category(category: &CategoryResults) -> bool {
    mostly_towns(category.units.iter().map(|unit| unit.kind))
}

/// True when more than half of `kinds` are town kinds (see [`UnitKind::is_local`]): 部门 and
/// 企业 are listed as 部门.
pub fn mostly_towns(kinds: impl Iterator<Item = UnitKind>) -> bool {
    let (towns, all) = kinds.fold((0_usize, 0_usize), |(towns, all), kind| {
        (towns + usize::from(kind.is_local()), all + 1)
    });
    towns * 2 > all
}

/// One grade band's section.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GradeSection {
    /// The grade, e.g. "优秀".
    pub grade: String,
    /// The heading, e.g. "（一）优秀".
    pub heading: String,
    /// Lines such as "镇街：青山镇人民政府、杨柳镇人民政府。" or "部门：无。".
    pub lines: Vec<String>,
}

/// One row of an attached score table, every cell as printed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreRow {
    /// 序号, 单位, 基础得分, 加分, 扣分, 总得分, 一票否决, 等次, 排名.
    pub cells: [String; 9],
}

/// One category's score table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ScoreTable {
    /// The caption: a 镇街 category's name, e.g. "镇街", or a 部门 category's with the side
    /// named, e.g. "部门（一类）".
    pub caption: String,
    /// Rows in rank order.
    pub rows: Vec<ScoreRow>,
}

/// The header of every score table.
pub const SCORE_HEADER: [&str; 9] = [
    "序号",
    "单位",
    "基础得分",
    "加分",
    "扣分",
    "总得分",
    "一票否决",
    "等次",
    "排名",
];

/// Everything printed on the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeContent {
    /// The year assessed.
    pub year: i32,
    /// True until the year's results are published (已通报): the notice is then a draft, for
    /// checking, and says so on every page.
    pub is_draft: bool,
    /// True for a copy of the issued notice made after the results it shows were changed: it
    /// is not the notice issued (the same 文号 and date, other results), and says 非印发件 on
    /// every page.
    pub is_altered: bool,
    /// The title.
    pub title: String,
    /// 主送, ending with "：".
    pub addressee: String,
    /// The opening paragraph.
    pub opening: String,
    /// The level-1 heading above the grade sections.
    pub results_heading: String,
    /// One section per grade band, highest first.
    pub grades: Vec<GradeSection>,
    /// The level-1 heading above the reward paragraph.
    pub reward_heading: String,
    /// Rewards and penalties.
    pub reward: String,
    /// The units that failed two years or more in a row, named with their years and what they
    /// are told; empty when there are none.
    pub repeated_failures: String,
    /// The closing paragraph, possibly empty.
    pub closing: String,
    /// The attachment's name, e.g. "2024年度安全生产目标管理考核得分情况表".
    pub attachment: String,
    /// 落款: the year's 甲方.
    pub issuer: String,
    /// The date, e.g. "2025年3月5日".
    pub date: String,
    /// 附注 in its parentheses, "（此件公开发布）"; empty when there is none.
    pub annotation: String,
    /// The attached score tables, one per category.
    pub tables: Vec<ScoreTable>,
    /// 版记 抄送 without "抄送：" and the final full stop; empty when none.
    pub copy_to: String,
    /// 版记 印发机关.
    pub printing_office: String,
    /// 版头 发文机关标志 (red); drawn only with a 发文字号.
    pub issuer_mark: String,
    /// 发文字号; empty for a notice without 版头.
    pub document_number: String,
}

/// A unit whose results failed (its grade the lowest, or vetoed) in a run of years reaching
/// the year of the notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RepeatedFailure {
    /// The unit's name as the notice names it.
    pub unit_name: String,
    /// The name it had in the run's first year, when renamed since (撤镇设街): said after the
    /// name, so that a reader finds it in that year's notice.
    pub former_name: Option<String>,
    /// The first and last year of the run.
    pub years: (i32, i32),
    /// True when the lowest grade had another name in a year of the run than in the notice's
    /// year (its bands renamed): the notice then says "当年最低等次", not a grade that year did
    /// not have.
    pub lowest_renamed: bool,
}

/// The paragraph naming the units that failed two years or more in a row: "龙泉镇2023、2024
/// 年度连续两年考核等次为不合格，其主要负责人须向市安委会作出书面检查。" (the years once after
/// the names when every run has the same years, else in brackets after each name; "连续三年"
/// when every run is three years, "连续两年及以上" when the runs differ; "均为当年最低等次" when
/// the lowest grade was named otherwise in a year of a run); empty when none.
#[must_use]
pub fn repeated_failures_paragraph(
    failures: &[RepeatedFailure],
    lowest_grade: &str,
    told: &str,
) -> String {
    let Some(first) = failures.first() else {
        return String::new();
    };
    let run_years = |f: &RepeatedFailure| crate::workflow::statistics::run_years(f.years);
    let same_years = failures.iter().all(|f| f.years == first.years);
    let former = |f: &RepeatedFailure| f.former_name.as_ref().map(|old| format!("原{old}"));
    let names = if same_years {
        let names: Vec<String> = (failures.iter())
            .map(|f| match former(f) {
                Some(old) => format!("{}（{old}）", f.unit_name),
                None => f.unit_name.clone(),
            })
            .collect();
        format!("{}{}年度", names.join("、"), run_years(first))
    } else {
        (failures.iter())
            .map(|f| match former(f) {
                Some(old) => format!("{}（{old}，{}年度）", f.unit_name, run_years(f)),
                None => format!("{}（{}年度）", f.unit_name, run_years(f)),
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    // One length for all is said as it is ("连续三年"); runs of different lengths, as the
    // least of them and more.
    let years = |f: &RepeatedFailure| usize::try_from(f.years.1 - f.years.0 + 1).unwrap_or(2);
    let shortest = failures.iter().map(years).min().unwrap_or(2);
    let count = |n: usize| match n {
        2 => "两".to_owned(),
        n => crate::model::template::chinese_ordinal(n),
    };
    let run = if failures.iter().all(|f| years(f) == shortest) {
        format!("{}年", count(shortest))
    } else {
        format!("{}年及以上", count(shortest))
    };
    let told = told.trim().trim_end_matches(['。', '；', '，']);
    let told = if told.is_empty() {
        String::new()
    } else {
        format!("，{told}")
    };
    let grade = if failures.iter().any(|f| f.lowest_renamed) {
        "均为当年最低等次".to_owned()
    } else {
        format!("为{lowest_grade}")
    };
    format!("{names}连续{run}考核等次{grade}{told}。")
}

/// A date written the Chinese way, e.g. "2025年3月5日".
pub use crate::model::dates::show_date as chinese_date;

/// A 主送 the wording writes, as it prints: ending in one full-width colon, typed or not.
#[must_use]
pub fn addressee_line(written: &str) -> String {
    format!("{}：", written.trim().trim_end_matches(['：', ':']))
}

/// 主送, from the kinds of the units assessed and the `level` of 甲方 ("市"): "各镇人民政府、
/// 街道办事处，开发区管委会，市安委会各成员单位：".
#[must_use]
pub fn addressee(results: &[CategoryResults], level: &str) -> String {
    let mut kinds = Vec::new();
    let mut others = Vec::new();
    let mut has_departments = false;
    for unit in results.iter().flat_map(|category| &category.units) {
        let kind = match unit.kind {
            UnitKind::Town => Some("各镇人民政府"),
            UnitKind::Township => Some("各乡人民政府"),
            UnitKind::Subdistrict => Some("街道办事处"),
            UnitKind::DevelopmentZone => None,
            UnitKind::Department | UnitKind::Enterprise => {
                has_departments = true;
                continue;
            }
        };
        match kind {
            Some(kind) if !kinds.contains(&kind) => kinds.push(kind),
            Some(_) => {}
            None => others.push(unit.unit_name.replace("管理委员会", "管委会")),
        }
    }
    // 镇 before 乡 before 街道, whatever order the units come in.
    kinds.sort_by_key(|kind| {
        ["各镇人民政府", "各乡人民政府", "街道办事处"]
            .iter()
            .position(|k| k == kind)
    });
    // Both 镇 and 乡 are addressed as one, the usual way: "各乡镇人民政府".
    if let [first, second, ..] = kinds.as_mut_slice()
        && *first == "各镇人民政府"
        && *second == "各乡人民政府"
    {
        *first = "各乡镇人民政府";
        kinds.remove(1);
    }
    let mut parts = Vec::new();
    if !kinds.is_empty() {
        parts.push(kinds.join("、"));
    }
    parts.extend(others);
    if has_departments {
        parts.push(format!("{level}安委会各成员单位"));
    }
    format!("{}：", parts.join("，"))
}

/// The units of one group, best first, vetoed last (a stable sort keeps ranks for ties).
fn by_score<'a>(categories: impl Iterator<Item = &'a CategoryResults>) -> Vec<&'a UnitResult> {
    let mut units: Vec<&UnitResult> = categories.flat_map(|c| &c.units).collect();
    units.sort_by(|a, b| {
        a.row
            .is_vetoed
            .cmp(&b.row.is_vetoed)
            .then(b.row.total.cmp(&a.row.total))
    });
    units
}

/// What the vetoed units are told, as one clause: "乙因发生较大及以上生产安全事故被一票否决"
/// for one, "乙、丙均被一票否决" for several without conditions, and one clause each, joined
/// with "，", when any names the condition it met.
fn veto_clause(vetoed: &[&&UnitResult]) -> String {
    let verdict = |u: &UnitResult| match &u.veto_condition {
        Some(condition) => format!("{}因{condition}被一票否决", u.unit_name),
        None => format!("{}被一票否决", u.unit_name),
    };
    match vetoed {
        [only] => verdict(only),
        several if several.iter().any(|u| u.veto_condition.is_some()) => several
            .iter()
            .map(|u| verdict(u))
            .collect::<Vec<_>>()
            .join("，"),
        several => format!(
            "{}均被一票否决",
            several
                .iter()
                .map(|u| u.unit_name.as_str())
                .collect::<Vec<_>>()
                .join("、")
        ),
    }
}

/// The line for one group under one grade, e.g. "镇街：甲、乙。" or "部门：无。". Vetoed
/// units come last under the lowest grade, said so in words that cannot be read as covering
/// the others, with the condition each met (see [`veto_clause`]): "镇街：甲、乙，其中乙因发生
/// 较大及以上生产安全事故被一票否决。", or "镇街：乙（因……被一票否决）。" when all are.
fn group_line(label: &str, units: &[&UnitResult], grade: &str, is_lowest: bool) -> String {
    let listed: Vec<&&UnitResult> = units
        .iter()
        .filter(|u| {
            if u.row.is_vetoed {
                is_lowest
            } else {
                u.row.grade == grade
            }
        })
        .collect();
    let names = |vetoed: Option<bool>| {
        (listed.iter())
            .filter(|u| vetoed.is_none_or(|v| u.row.is_vetoed == v))
            .map(|u| u.unit_name.as_str())
            .collect::<Vec<_>>()
            .join("、")
    };
    let vetoed: Vec<&&UnitResult> = listed.iter().copied().filter(|u| u.row.is_vetoed).collect();
    if listed.is_empty() {
        format!("{label}：无。")
    } else if vetoed.is_empty() {
        format!("{label}：{}。", names(None))
    } else if listed.iter().all(|u| u.row.is_vetoed) {
        // The names are listed already: the bracket repeats them only to tell several
        // conditions apart.
        let has_condition = vetoed.iter().any(|u| u.veto_condition.is_some());
        let clause = veto_clause(&vetoed);
        let bracketed = match vetoed.as_slice() {
            [only] => clause
                .strip_prefix(only.unit_name.as_str())
                .unwrap_or(&clause)
                .to_owned(),
            _ if has_condition => clause,
            _ => "均被一票否决".to_owned(),
        };
        format!("{label}：{}（{bracketed}）。", names(Some(true)))
    } else {
        format!("{label}：{}，其中{}。", names(None), veto_clause(&vetoed))
    }
}

/// The attachment's caption of a category: a 镇街 category's name as it is, a 部门 category's
/// with the side named, e.g. "部门（一类）", a category of enterprises alone "企业（重点）"
/// (unless its name already says what its units are: 部门, 企业, 单位). The score summary's
/// sheets are named the same way.
#[must_use]
pub fn caption(category: &CategoryResults) -> String {
    let name = category.category.name.as_str();
    let says_itself = [DEPARTMENT_LABEL, ENTERPRISE_LABEL, "单位"]
        .iter()
        .any(|word| name.contains(word));
    let is_enterprises = !category.units.is_empty()
        && (category.units.iter()).all(|unit| unit.kind == UnitKind::Enterprise);
    if is_town_category(category) || says_itself {
        name.to_owned()
    } else if is_enterprises {
        format!("{ENTERPRISE_LABEL}（{name}）")
    } else {
        format!("{DEPARTMENT_LABEL}（{name}）")
    }
}

fn score_table(category: &CategoryResults) -> ScoreTable {
    let rows = category
        .units
        .iter()
        .enumerate()
        .map(|(index, unit)| ScoreRow {
            cells: [
                (index + 1).to_string(),
                unit.unit_name.clone(),
                unit.row.base.to_string(),
                unit.row.bonus.to_string(),
                // As counted: the row adds up even where the total stopped at zero.
                unit.row.counted_deduction().to_string(),
                unit.row.total.to_string(),
                if unit.row.is_vetoed { "是" } else { "" }.to_owned(),
                unit.row.grade.clone(),
                unit.row.rank.to_string(),
            ],
        })
        .collect();
    ScoreTable {
        caption: caption(category),
        rows,
    }
}

/// The names of a 抄送 line as the 版记 prints them after its own "抄送：": the label typed
/// with either colon and the closing stop taken off (the 版记 adds its own); empty for none.
pub(crate) fn copy_to_names(text: &str) -> String {
    text.trim()
        .trim_start_matches("抄送：")
        .trim_start_matches("抄送:")
        .trim()
        .trim_end_matches(['。', '.'])
        .to_owned()
}

/// `text` as a 附注 is printed: trimmed and in full-width parentheses (whether typed with
/// them, half-width ones or none); empty stays empty.
pub(crate) fn in_parentheses(text: &str) -> String {
    let inner = text
        .trim()
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')'])
        .trim();
    if inner.is_empty() {
        String::new()
    } else {
        format!("（{inner}）")
    }
}

/// What to tell the clerk when the reward paragraph speaks of a grade no unit has this year
/// ("对考核等次为优秀的单位予以通报表扬" in a year without 优秀): the wording is the office's, so
/// it is said, not rewritten. `None` when every grade it names has units.
#[must_use]
pub fn reward_note(content: &NoticeContent) -> Option<String> {
    reward_problem(content)
        .map(|problem| format!("{problem}：请在“通报措辞…”中按实际情况修改奖惩段落后再导出"))
}

/// "本年度没有考核等次为“不合格”的单位，奖惩段落却写到了该等次", the fact [`reward_note`] tells.
#[must_use]
pub fn reward_problem(content: &NoticeContent) -> Option<String> {
    let names: Vec<&str> = content.grades.iter().map(|g| g.grade.as_str()).collect();
    let is_empty = |section: &GradeSection| {
        (section.lines.iter()).all(|line| line == "无。" || line.ends_with("：无。"))
    };
    let unheld: Vec<String> = (content.grades.iter())
        .filter(|section| is_empty(section) && mentions(&content.reward, &section.grade, &names))
        .map(|section| format!("“{}”", section.grade))
        .collect();
    (!unheld.is_empty()).then(|| {
        let these = if unheld.len() > 1 { "这些" } else { "该" };
        format!(
            "本年度没有考核等次为{}的单位，奖惩段落却写到了{these}等次",
            unheld.join("、")
        )
    })
}

/// True when `text` names `grade` itself, not only as the end of another grade's name ("合格"
/// in "不合格").
fn mentions(text: &str, grade: &str, names: &[&str]) -> bool {
    text.match_indices(grade).any(|(at, _)| {
        let before = text.get(..at + grade.len()).unwrap_or("");
        !(names.iter())
            .any(|other| *other != grade && other.ends_with(grade) && before.ends_with(other))
    })
}

/// Builds the notice of `year` from its ranked results, dated `issued_on`, naming the units
/// that failed `repeated`ly.
#[must_use]
pub fn build_notice(
    year: &Year,
    results: &[CategoryResults],
    repeated: &[RepeatedFailure],
    issued_on: NaiveDate,
    wording: &NoticeWording,
) -> NoticeContent {
    let grade_names: Vec<&str> = year.grade_bands.iter().map(|b| b.name.as_str()).collect();
    let values = WordingValues::of(year);
    // The towns' side is one group ("镇街"); with several town categories (a 园区 of its own
    // beside the 镇街) each is listed under its own name, as its table is captioned.
    let town_categories: Vec<&CategoryResults> =
        results.iter().filter(|c| is_town_category(c)).collect();
    let mut groups: Vec<(String, Vec<&UnitResult>)> = if town_categories.len() > 1 {
        (town_categories.iter())
            .map(|c| (c.category.name.clone(), by_score(std::iter::once(*c))))
            .collect()
    } else {
        vec![(
            TOWN_LABEL.to_owned(),
            by_score(town_categories.iter().copied()),
        )]
    };
    groups.push((
        DEPARTMENT_LABEL.to_owned(),
        by_score(results.iter().filter(|c| !is_town_category(c))),
    ));
    let grades = grade_names
        .iter()
        .enumerate()
        .map(|(index, &grade)| {
            let is_lowest = index + 1 == grade_names.len();
            let mut lines = Vec::new();
            for (label, units) in &groups {
                if !units.is_empty() {
                    lines.push(group_line(label, units, grade, is_lowest));
                }
            }
            // A grade no unit of any group has is said once: "无。", not "镇街：无。部门：无。".
            let empty_lines: Vec<String> = (groups.iter())
                .map(|(label, _)| format!("{label}：无。"))
                .collect();
            if lines.len() > 1 && lines.iter().all(|line| empty_lines.contains(line)) {
                lines = vec!["无。".to_owned()];
            }
            GradeSection {
                grade: grade.to_owned(),
                heading: format!("（{}）{grade}", chinese_ordinal(index + 1)),
                lines,
            }
        })
        .collect();
    NoticeContent {
        year: year.year,
        is_draft: year.phase != crate::model::Phase::Published,
        is_altered: false,
        title: values.fill(&wording.title),
        addressee: match wording.addressee.trim() {
            "" => addressee(results, super::notice_wording::level_of(&year.party_a_name)),
            written => addressee_line(&values.fill(written)),
        },
        opening: values.fill(&wording.opening),
        results_heading: values.fill(&wording.results_heading),
        grades,
        reward_heading: values.fill(&wording.reward_heading),
        reward: values.fill(&wording.reward),
        repeated_failures: repeated_failures_paragraph(
            repeated,
            grade_names.last().copied().unwrap_or("不合格"),
            &values.fill(&wording.repeated_failure),
        ),
        closing: values.fill(&wording.closing),
        attachment: values.fill(&wording.attachment),
        issuer: year.party_a_name.clone(),
        date: chinese_date(issued_on),
        annotation: in_parentheses(&values.fill(&wording.annotation)),
        tables: results.iter().map(score_table).collect(),
        copy_to: copy_to_names(&values.fill(wording.copy_to.trim())),
        printing_office: values.fill(wording.printing_office.trim()),
        issuer_mark: values.fill(wording.issuer_mark.trim()),
        document_number: values.fill(wording.document_number.trim()),
    }
}

#[cfg(test)]
#[path = "notice_tests.rs"]
mod tests;
