//! 考核年度: one year's settings: 甲方, planned signing date, grade bands and phase.

use super::points::Points;

/// Where the office stands in the year's cycle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Phase {
    /// 筹备: templates and indicators are being prepared.
    Preparing,
    /// 签订: agreements are out for signing.
    Signing,
    /// 考核: year-end assessment under way.
    Assessing,
    /// 已通报: results published; scores are locked.
    Published,
}

impl Phase {
    /// Every phase in order.
    pub const ALL: [Self; 4] = [
        Self::Preparing,
        Self::Signing,
        Self::Assessing,
        Self::Published,
    ];

    /// The Chinese label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Preparing => "筹备",
            Self::Signing => "签订",
            Self::Assessing => "考核",
            Self::Published => "已通报",
        }
    }

    /// The code stored in the database.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Self::Preparing => "preparing",
            Self::Signing => "signing",
            Self::Assessing => "assessing",
            Self::Published => "published",
        }
    }

    /// The phase for a stored code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|phase| phase.code() == code)
    }
}

/// A grade and the lowest total that earns it ("以上含本数": the bound itself belongs to the grade).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct GradeBand {
    /// Grade name, e.g. "优秀".
    pub name: String,
    /// Lowest total, inclusive.
    pub min_total: Points,
}

/// One assessment year.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Year {
    /// The calendar year, e.g. 2025.
    pub year: i32,
    /// 甲方 name, e.g. "示例市人民政府".
    pub party_a_name: String,
    /// Title of 甲方's signatory, e.g. "副市长".
    pub party_a_signatory_title: String,
    /// Name of 甲方's signatory.
    pub party_a_signatory_name: String,
    /// Planned signing date.
    pub planned_signing_date: Option<chrono::NaiveDate>,
    /// The full score of the indicator table (normally 100).
    pub full_score: Points,
    /// Grade bands, highest first; the last one has a minimum of zero.
    pub grade_bands: Vec<GradeBand>,
    /// Where the year stands.
    pub phase: Phase,
}

/// The grade a vetoed unit gets, and the lowest default band.
pub const FAILING_GRADE: &str = "不合格";

/// A name typed in a year's settings, with its field's label.
type Named<'a> = (String, &'a str);

impl Year {
    /// A new year in preparation with the default bands (优秀 ≥90, 良好 ≥80, 合格 ≥60, else 不合格).
    #[must_use]
    pub fn new(year: i32, party_a_name: &str) -> Self {
        Self {
            year,
            party_a_name: party_a_name.to_owned(),
            party_a_signatory_title: String::new(),
            party_a_signatory_name: String::new(),
            planned_signing_date: None,
            full_score: Points::whole(100),
            grade_bands: default_grade_bands(),
            phase: Phase::Preparing,
        }
    }

    /// The grade for a total: the first band, from the top, whose minimum the total reaches.
    #[must_use]
    pub fn grade_for(&self, total: Points) -> &str {
        self.grade_bands
            .iter()
            .find(|band| total >= band.min_total)
            .or_else(|| self.grade_bands.last())
            .map_or(FAILING_GRADE, |band| band.name.as_str())
    }

    /// The lowest grade, given to vetoed units.
    #[must_use]
    pub fn lowest_grade(&self) -> &str {
        self.grade_bands
            .last()
            .map_or(FAILING_GRADE, |band| band.name.as_str())
    }

    /// Why the lowest band cannot be the grade of a vetoed unit: it names a grade that passes.
    /// Asked of bands as they are set (the year settings saved with other bands), not of a
    /// year's bands set before it was.
    #[must_use]
    pub fn lowest_band_problem(&self) -> Option<String> {
        let lowest = self.grade_bands.last()?;
        PASSING_GRADES.contains(&lowest.name.as_str()).then(|| {
            format!(
                "最低等次“{}”是及格的等次，而分数不到其上一等次的单位和被一票否决的单位都评为最低等次：请在其下再设一个等次（如“{FAILING_GRADE}”，分数线 0）",
                lowest.name
            )
        })
    }

    /// The one-line names typed that changed from `before` (all, for a new year), each with
    /// its field's label: 甲方 and its signatory, then the grades' names.
    fn changed_names<'a>(&'a self, before: Option<&'a Year>) -> (Vec<Named<'a>>, Vec<Named<'a>>) {
        let changed = |now: &str, then: Option<&str>| then != Some(now);
        let party = [
            (
                "甲方名称",
                self.party_a_name.as_str(),
                before.map(|b| b.party_a_name.as_str()),
            ),
            (
                "甲方签字人职务",
                self.party_a_signatory_title.as_str(),
                before.map(|b| b.party_a_signatory_title.as_str()),
            ),
            (
                "甲方签字人姓名",
                self.party_a_signatory_name.as_str(),
                before.map(|b| b.party_a_signatory_name.as_str()),
            ),
        ];
        let party = (party.into_iter())
            .filter(|(_, now, then)| changed(now, *then))
            .map(|(label, now, _)| (label.to_owned(), now))
            .collect();
        let bands = (self.grade_bands.iter().enumerate())
            .filter(|(position, band)| {
                let then = before.and_then(|b| b.grade_bands.get(*position));
                changed(&band.name, then.map(|b| b.name.as_str()))
            })
            .map(|(position, band)| {
                (
                    format!("第 {} 个等次的名称", position + 1),
                    band.name.as_str(),
                )
            })
            .collect();
        (party, bands)
    }

    /// Why the one-line names typed (甲方, its signatory, the grades' names) cannot be saved:
    /// a line break or another control character. Only those changed from `before` (all, for a
    /// new year) are looked at: a name stored earlier never stops an unrelated save, such as
    /// the phase moving on at the first score.
    #[must_use]
    pub fn text_problems(&self, before: Option<&Year>) -> Vec<String> {
        let (party, bands) = self.changed_names(before);
        let line_problems = |names: &[Named<'_>]| -> Vec<String> {
            (names.iter())
                .filter_map(|(label, now)| super::free_text::line_problem(label, now))
                .collect()
        };
        let mut problems = line_problems(&party);
        // "示例市 人民政府" is printed in every agreement and the notice's title as typed: a
        // space in it is a slip, refused as in a unit's name.
        let party_a = self.party_a_name.trim();
        if party.iter().any(|(label, _)| label == "甲方名称")
            && party_a
                .chars()
                .any(|c| c.is_whitespace() && !c.is_control())
        {
            problems.push(format!(
                "甲方名称“{party_a}”中有空格：甲方名称不含空格，请删去"
            ));
        }
        problems.extend(line_problems(&bands));
        problems
    }

    /// The names typed (甲方, its signatory, the grades' names) that hold a character no font
    /// has (`can_draw` says which it has), each by its field: printed in every agreement and
    /// the notice, it would be missing there. Only those changed from `before`, as
    /// [`Self::text_problems`] looks at them.
    #[must_use]
    pub fn undrawable_problems(
        &self,
        before: Option<&Year>,
        can_draw: impl Fn(char) -> bool,
    ) -> Vec<String> {
        let (party, bands) = self.changed_names(before);
        (party.iter().chain(&bands))
            .filter_map(|(label, now)| super::free_text::undrawable_problem(label, now, &can_draw))
            .collect()
    }

    /// Why the bands as edited are too few to grade by: one band gives every unit the same
    /// grade. Asked when the bands are edited, not of a year already on file.
    #[must_use]
    pub fn too_few_bands_problem(&self) -> Option<String> {
        (self.grade_bands.len() == 1).then(|| TOO_FEW_BANDS.to_owned())
    }

    /// Checks the settings a clerk typed; returns Chinese messages.
    #[must_use]
    pub fn validate(&self) -> Vec<String> {
        let mut errors = Vec::new();
        if !YEARS.contains(&self.year) {
            errors.push("年度应在 2000 至 2100 之间".to_owned());
        }
        if self.party_a_name.trim().is_empty() {
            errors.push("甲方名称不能为空".to_owned());
        } else if self.party_a_name.chars().count() > 40 {
            errors.push("甲方名称不能超过 40 个字".to_owned());
        }
        if self.grade_bands.is_empty() {
            errors.push("至少需要一个等次".to_owned());
        }
        if self.full_score == Points::ZERO {
            errors.push("满分应大于 0".to_owned());
        } else if self.full_score > MOST_FULL_SCORE {
            // A slip of the keyboard (10000 for 100) would make every band and chart meaningless.
            errors.push(format!(
                "满分不能超过 {MOST_FULL_SCORE} 分（通常为 100 分），现为 {} 分",
                self.full_score
            ));
        } else if let Some(top) =
            (self.grade_bands.first()).filter(|t| t.min_total > self.full_score)
        {
            // Which band and which numbers: a clerk who changed only one of them sees both.
            let name = match top.name.trim() {
                "" => "最高等次".to_owned(),
                name => format!("最高等次“{name}”"),
            };
            errors.push(format!(
                "{name}的分数线 {} 分不能高于满分 {} 分",
                top.min_total, self.full_score
            ));
        }
        errors.extend(band_name_problems(
            self.grade_bands.iter().map(|b| b.name.as_str()),
        ));

        if self.party_a_signatory_title.chars().count() > 30
            || self.party_a_signatory_name.chars().count() > 30
        {
            errors.push("甲方签字人职务和姓名各不超过 30 个字".to_owned());
        }
        errors.extend(bands_order_problem(&self.grade_bands));
        if self
            .grade_bands
            .last()
            .is_some_and(|band| band.min_total != Points::ZERO)
        {
            errors.push("最低等次的分数线应为 0".to_owned());
        }

        // Agreements of a year are signed in it or the year before; a plan for the year after
        // is allowed for a late batch (the signing form accepts such dates for agreements
        // issued that late).
        if let Some(date) = self.planned_signing_date {
            use chrono::Datelike as _;
            if !(self.year - 1..=self.year + 1).contains(&date.year()) {
                errors.push(format!(
                    "计划签订日期应在 {} 年至 {} 年之间",
                    self.year - 1,
                    self.year + 1
                ));
            }
        }
        errors
    }
}

/// Names of grades that pass, which the lowest band (the grade of a vetoed unit, and of any
/// total below the band above it) cannot be.
const PASSING_GRADES: [&str; 15] = [
    "优秀",
    "良好",
    "较好",
    "合格",
    "基本合格",
    "及格",
    "达标",
    "基本达标",
    "通过",
    "称职",
    "基本称职",
    "先进",
    "突出",
    "比较突出",
    "一般突出",
];

/// 优秀 ≥90, 良好 ≥80, 合格 ≥60, 不合格 below.
#[must_use]
pub fn default_grade_bands() -> Vec<GradeBand> {
    [("优秀", 90), ("良好", 80), ("合格", 60), (FAILING_GRADE, 0)]
        .into_iter()
        .map(|(name, min)| GradeBand {
            name: name.to_owned(),
            min_total: Points::whole(min),
        })
        .collect()
}

/// The level of government 甲方 is, as its name says: the last of 市, 县, 区 or 旗 in it
/// ("县" for 清川县人民政府 and for 样板县安全生产委员会, "区" for 示例市北湖区人民政府),
/// "市" when it names none.
#[must_use]
pub fn level_of(party_a: &str) -> &'static str {
    match party_a.chars().rev().find(|c| "市县区旗".contains(*c)) {
        Some('县') => "县",
        Some('区') => "区",
        Some('旗') => "旗",
        _ => "市",
    }
}

/// The years the database keeps (its CHECK constraint).
pub const YEARS: std::ops::RangeInclusive<i32> = 2000..=2100;

/// The highest full score a year may have: ten times the usual 100.
pub const MOST_FULL_SCORE: Points = Points::whole(1000);

/// Reads the first year of a database begun on `today` from `text` (see [`parse_year`]): a year
/// after next is refused, as a slip ("2099" for "2029") that could not be taken back (the only
/// year cannot be deleted).
///
/// # Errors
/// Why it is not taken, in Chinese.
pub fn parse_first_year(text: &str, today: chrono::NaiveDate) -> Result<i32, String> {
    let year = parse_year(text)?;
    let next = chrono::Datelike::year(&today) + 1;
    if year > next {
        return Err(format!(
            "{year} 年度太远：第一个考核年度通常是今年或明年（{next} 年度），请检查是否输错"
        ));
    }
    Ok(year)
}

/// Reads a typed year: "2025", "２０２５" as a Chinese input method types it, or "2025年" and
/// "2025年度" as a clerk writes it.
///
/// # Errors
/// Why it is not a year the database keeps, in Chinese.
pub fn parse_year(text: &str) -> Result<i32, String> {
    let digits = super::collation::ascii_number(
        text.trim()
            .trim_end_matches('度')
            .trim_end_matches('年')
            .trim(),
    );
    match digits.parse::<i32>() {
        Ok(year) if YEARS.contains(&year) => Ok(year),
        Ok(_) if digits.len() == 4 => Err("年度应在 2000 至 2100 之间，如 2025".to_owned()),
        _ => Err("年度应为四位数字，如 2025".to_owned()),
    }
}

/// What is said of grade bands that do not run from high to low.
pub const BANDS_OUT_OF_ORDER: &str = "等次分数线必须从高到低排列且互不相同";

/// Why the bands do not run from high to low, naming the first band out of place:
/// "等次分数线必须从高到低排列且互不相同：“良好”的 95 分不低于上一等次“优秀”的 90 分".
#[must_use]
pub fn bands_order_problem(bands: &[GradeBand]) -> Option<String> {
    // A band not named yet is called by its place ("第 3 个等次"), not by empty quotes.
    let called = |band: &GradeBand, at: usize| match band.name.trim() {
        "" => format!("第 {} 个等次", at + 1),
        name => format!("“{name}”"),
    };
    bands
        .windows(2)
        .enumerate()
        .find_map(|(at, pair)| match pair {
            [higher, lower] if higher.min_total <= lower.min_total => Some(format!(
                "{BANDS_OUT_OF_ORDER}：{}的 {} 分不低于上一等次{}的 {} 分",
                called(lower, at + 1),
                lower.min_total,
                called(higher, at),
                higher.min_total
            )),
            _ => None,
        })
}

/// What is said of a year with fewer than two grade bands: every unit would get one grade.
pub const TOO_FEW_BANDS: &str =
    "至少需要两个等次（如“合格”和“不合格”）：只有一个等次时，所有单位的等次都相同";

/// What is wrong with the grade names `names` as typed, by the band's place in the list
/// ("第 3 个等次的名称不能为空") or by name ("等次名称“合格”重复了").
pub fn band_name_problems<'a>(names: impl Iterator<Item = &'a str>) -> Vec<String> {
    let names: Vec<&str> = names.map(str::trim).collect();
    let mut problems = Vec::new();
    if let Some(at) = names.iter().position(|name| name.is_empty()) {
        problems.push(format!("第 {} 个等次的名称不能为空", at + 1));
    }
    let repeated = (names.iter().enumerate())
        .find(|&(at, name)| !name.is_empty() && names.get(..at).is_some_and(|s| s.contains(name)));
    if let Some((_, name)) = repeated {
        problems.push(format!("等次名称不能重复：“{name}”出现了不止一次"));
    }
    // The notice and the tables say "一票否决" of a vetoed unit beside its grade: no grade
    // reads as a veto.
    if let Some(name) = names.iter().find(|name| name.contains("否决")) {
        problems.push(format!(
            "等次名称不能含“否决”：“{name}”会与一票否决相混（被一票否决的单位另行注明，等次按最低等次）"
        ));
    }
    // A grade is printed in the notice's headings and the tables' narrow 等次 column.
    if let Some(name) = names
        .iter()
        .find(|name| name.chars().count() > MAX_BAND_NAME_CHARS)
    {
        let shown: String = name.chars().take(MAX_BAND_NAME_CHARS).collect();
        problems.push(format!(
            "等次名称不能超过 {MAX_BAND_NAME_CHARS} 个字：“{shown}…”有 {} 个字",
            name.chars().count()
        ));
    }
    problems
}

/// The most characters a grade's name has ("优秀", "基本合格", "较好等次").
pub const MAX_BAND_NAME_CHARS: usize = 6;

#[cfg(test)]
#[path = "year_tests.rs"]
mod tests;
