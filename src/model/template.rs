//! 责任书模板: the text an agreement is drawn from, with placeholders such as {单位名称}.

use std::collections::BTreeMap;

mod placeholder_parse;
pub use placeholder_parse::{PlaceholderError, nearest_name, parse, placeholder_hint};

/// A placeholder that templates may use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Placeholder {
    /// {单位名称}.
    UnitName,
    /// {单位简称}.
    UnitShortName,
    /// {年度}.
    Year,
    /// {甲方}.
    PartyA,
    /// {本级}: 市, 县, 区 or 旗, as 甲方's name says ("{本级}安委会").
    Level,
    /// {甲方负责人职务}.
    PartyATitle,
    /// {甲方负责人}: the 甲方 signatory's name.
    PartyASignatory,
    /// {负责人职务}.
    PrincipalTitle,
    /// {负责人}.
    Principal,
    /// {控制指标}.
    ControlTargets,
    /// {份数}.
    Copies,
    /// {份数分配}: who keeps the copies, "甲乙双方各执一份，市安委会办公室存档一份".
    CopyHolders,
    /// {加分事项}: the category's bonus items, "；" between them.
    BonusItems,
    /// {加分上限}: the most bonus one unit can get.
    BonusCap,
    /// {扣分事项}: the category's deduction items.
    DeductionItems,
    /// {一票否决事项}: the category's veto conditions.
    VetoItems,
    /// {等次}: the year's grades, "优秀、良好、合格、不合格四个等次".
    Grades,
}

impl Placeholder {
    /// Every placeholder, in the order the editor lists them.
    pub const ALL: [Self; 17] = [
        Self::UnitName,
        Self::UnitShortName,
        Self::Year,
        Self::PartyA,
        Self::Level,
        Self::PartyATitle,
        Self::PartyASignatory,
        Self::PrincipalTitle,
        Self::Principal,
        Self::ControlTargets,
        Self::Copies,
        Self::CopyHolders,
        Self::BonusItems,
        Self::BonusCap,
        Self::DeductionItems,
        Self::VetoItems,
        Self::Grades,
    ];

    /// The name between the braces.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::UnitName => "单位名称",
            Self::UnitShortName => "单位简称",
            Self::Year => "年度",
            Self::PartyA => "甲方",
            Self::Level => "本级",
            Self::PartyATitle => "甲方负责人职务",
            Self::PartyASignatory => "甲方负责人",
            Self::PrincipalTitle => "负责人职务",
            Self::Principal => "负责人",
            Self::ControlTargets => "控制指标",
            Self::Copies => "份数",
            Self::CopyHolders => "份数分配",
            Self::BonusItems => "加分事项",
            Self::BonusCap => "加分上限",
            Self::DeductionItems => "扣分事项",
            Self::VetoItems => "一票否决事项",
            Self::Grades => "等次",
        }
    }

    /// What the placeholder prints, in a clerk's words (the editor's buttons say it on hover).
    #[must_use]
    pub fn explanation(self) -> &'static str {
        match self {
            Self::UnitName => "乙方单位的全称",
            Self::UnitShortName => "乙方单位的简称（没有简称时用全称）",
            Self::Year => "考核年度，如 2025",
            Self::PartyA => "甲方名称，如 示例市人民政府（设置 → 年度设置）",
            Self::Level => "按甲方写作市、县或区，如“{本级}安委会办公室”",
            Self::PartyATitle => "甲方签字人的职务（设置 → 年度设置）",
            Self::PartyASignatory => "甲方签字人的姓名（设置 → 年度设置）",
            Self::PrincipalTitle => "乙方负责人的职务（单位信息）",
            Self::Principal => "乙方负责人的姓名（单位信息）",
            Self::ControlTargets => "本单位的控制指标，在该责任书的“修改条款…”中填写",
            Self::Copies => "责任书份数的中文数字，如“一式{份数}份”印作“一式三份”",
            Self::CopyHolders => "各份由谁执存，如“甲乙双方各执一份，市安委会办公室存档一份”",
            Self::BonusItems => "本类别考核指标中的加分项目",
            Self::BonusCap => {
                "本类别加分累计最多的分数（只是数字，如“5”；正文中在其后写“分”，如“累计不超过{加分上限}分”）"
            }
            Self::DeductionItems => "本类别考核指标中的扣分项目",
            Self::VetoItems => "本类别考核指标中的一票否决事项",
            Self::Grades => {
                "本年度的考核等次，如“优秀、良好、合格、不合格四个等次”（设置 → 年度设置）"
            }
        }
    }

    /// The placeholder with this name.
    #[must_use]
    pub fn from_name(name: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// A piece of template text: literal text or a placeholder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text copied as is.
    Text(&'a str),
    /// A known placeholder.
    Field(Placeholder),
}

/// Where a piece of template text is, as the template editor captions its fields (sections
/// and clauses counted from 0 here, shown from 1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TextPlace {
    /// The title.
    Title,
    /// The preamble.
    Preamble,
    /// The heading of a section.
    Heading(usize),
    /// A clause of a section.
    Clause(usize, usize),
}

impl std::fmt::Display for TextPlace {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Title => f.write_str("标题"),
            Self::Preamble => f.write_str("序言"),
            Self::Heading(section) => write!(f, "第 {} 部分标题", section + 1),
            Self::Clause(section, clause) => {
                write!(f, "第 {} 部分第 {} 条", section + 1, clause + 1)
            }
        }
    }
}

/// The placeholder problems of one piece of template text, with where it is; shown as
/// "【第 1 部分第 2 条】未知的占位符“{单位名}”".
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlaceholderProblem {
    /// Where the text is.
    pub place: TextPlace,
    /// What is wrong with it, in order.
    pub errors: Vec<PlaceholderError>,
}

impl std::fmt::Display for PlaceholderProblem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "【{}】", self.place)?;
        for (index, error) in self.errors.iter().enumerate() {
            if index > 0 {
                f.write_str("；")?;
            }
            write!(f, "{error}")?;
        }
        Ok(())
    }
}

/// Fills placeholders with values; placeholders without a value become empty.
pub fn fill(
    text: &str,
    values: &BTreeMap<Placeholder, String>,
) -> Result<String, Vec<PlaceholderError>> {
    let mut out = String::with_capacity(text.len());
    for segment in parse(text)? {
        match segment {
            Segment::Text(literal) => push_printable(&mut out, literal),
            Segment::Field(placeholder) => {
                out.push_str(values.get(&placeholder).map_or("", String::as_str));
            }
        }
    }
    Ok(out)
}

/// Appends `literal` as it prints: what Word pastes besides the text becomes what it shows (a
/// tab a full-width space, a manual line break "\u{b}" a line break, "\r\n" a line break)
/// instead of vanishing in print while the signed text keeps it; other control characters,
/// which show nothing, are left out.
fn push_printable(out: &mut String, literal: &str) {
    for c in literal.chars() {
        match c {
            '\t' => out.push('\u{3000}'),
            '\u{b}' | '\n' => out.push('\n'),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
}

/// A numbered section of the agreement ("一、目标") with its clauses.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Section {
    /// Heading without its number, e.g. "安全生产控制目标".
    pub heading: String,
    /// Clauses in order; each may contain placeholders.
    pub clauses: Vec<String>,
}

/// The editable content of a template.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TemplateDraft {
    /// The year.
    pub year: i32,
    /// The category id.
    pub category_id: i64,
    /// Title pattern, e.g. "{年度}年度安全生产目标管理责任书".
    pub title_pattern: String,
    /// Preamble paragraph(s).
    pub preamble: String,
    /// Sections in order.
    pub sections: Vec<Section>,
}

/// A stored template version; an issued agreement's version is never edited in place.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Template {
    /// Database id.
    pub id: i64,
    /// Version within year and category, from 1.
    pub version: i64,
    /// The content.
    #[serde(flatten)]
    pub content: TemplateDraft,
}

impl TemplateDraft {
    /// A template of 2025 for category 1 with no title or preamble and one section "目标"
    /// holding `clauses`: for tests.
    #[cfg(test)]
    #[must_use]
    pub(crate) fn example(clauses: &[&str]) -> Self {
        Self {
            year: 2025,
            category_id: 1,
            title_pattern: String::new(),
            preamble: String::new(),
            sections: vec![Section {
                heading: "目标".into(),
                clauses: clauses.iter().map(|c| (*c).to_owned()).collect(),
            }],
        }
    }

    /// The placeholders some text of the template (title, preamble, a heading or a clause)
    /// has; None when a text does not parse (what it names is not known then).
    #[must_use]
    pub fn placeholders(&self) -> Option<std::collections::BTreeSet<Placeholder>> {
        let mut found = std::collections::BTreeSet::new();
        for (_, text) in self.texts() {
            for segment in parse(text).ok()? {
                if let Segment::Field(placeholder) = segment {
                    found.insert(placeholder);
                }
            }
        }
        Some(found)
    }

    /// True when some text of the template (title, preamble, a heading or a clause) writes
    /// `placeholder`.
    #[must_use]
    pub fn uses(&self, placeholder: Placeholder) -> bool {
        let token = format!("{{{}}}", placeholder.name());
        self.texts().any(|(_, text)| text.contains(&token))
    }

    /// Every piece of text in the template with where it is, in reading order.
    pub fn texts(&self) -> impl Iterator<Item = (TextPlace, &str)> {
        [
            (TextPlace::Title, self.title_pattern.as_str()),
            (TextPlace::Preamble, self.preamble.as_str()),
        ]
        .into_iter()
        .chain(self.sections.iter().enumerate().flat_map(|(s, section)| {
            std::iter::once((TextPlace::Heading(s), section.heading.as_str())).chain(
                (section.clauses.iter().enumerate())
                    .map(move |(c, clause)| (TextPlace::Clause(s, c), clause.as_str())),
            )
        }))
    }

    /// The template with every faulty placeholder made plain text in 〔〕 ("{单位名}" reads
    /// "〔单位名〕", a lone brace "〔"), so that a preview can show the rest filled in while the
    /// clerk corrects it; good placeholders are kept.
    #[must_use]
    pub fn with_faults_marked(&self) -> Self {
        let mut marked = self.clone();
        marked.title_pattern = mark_faults(&self.title_pattern);
        marked.preamble = mark_faults(&self.preamble);
        for section in &mut marked.sections {
            section.heading = mark_faults(&section.heading);
            for clause in &mut section.clauses {
                *clause = mark_faults(clause);
            }
        }
        marked
    }

    /// What is said of each clause with nothing to read (empty, or only its number "（一）"),
    /// e.g. "【第 1 部分第 3 条】条款是空的：请填写，或删去这一条", of each part with no
    /// clause under its heading, and of an empty title or part heading (printed as a bare
    /// "二、").
    #[must_use]
    pub fn blank_clause_problems(&self) -> Vec<String> {
        let empty_parts = (self.sections.iter().enumerate())
            .filter(|(_, section)| section.clauses.is_empty())
            .map(|(s, _)| format!("【第 {} 部分】没有条款：请增加条款，或删去这一部分", s + 1));
        // Agreements drawn from it would hold only the preamble and the signatures.
        let no_parts = self
            .sections
            .is_empty()
            .then(|| "模板没有正文：请至少增加一个部分和它的条款".to_owned());
        self.texts()
            .filter_map(|(place, text)| match place {
                TextPlace::Clause(..) if super::tailoring::is_blank_clause(text) => {
                    Some(format!("【{place}】条款是空的：请填写，或删去这一条"))
                }
                TextPlace::Heading(_) if text.trim().is_empty() => Some(format!(
                    "【{place}】是空的（会印成只有编号的一行）：请填写这一部分的标题，或删去这一部分"
                )),
                TextPlace::Title if text.trim().is_empty() => Some(format!(
                    "【{place}】是空的：请填写，如“{{年度}}年度安全生产目标管理责任书”"
                )),
                _ => None,
            })
            .chain(empty_parts)
            .chain(no_parts)
            .collect()
    }

    /// What is said of each piece of text holding a character `can_draw` refuses (no font has
    /// it: the agreement's export would stop on it after 定稿 froze the text), e.g.
    /// "【标题】中的“🚒”（U+1F692）现有字体都无法显示…".
    #[must_use]
    pub fn undrawable_problems(&self, can_draw: impl Fn(char) -> bool) -> Vec<String> {
        self.texts()
            .filter_map(|(place, text)| {
                super::free_text::undrawable_problem(&format!("【{place}】"), text, &can_draw)
            })
            .collect()
    }

    /// All placeholder problems in the template, one per piece of text that has any.
    #[must_use]
    pub fn placeholder_errors(&self) -> Vec<PlaceholderProblem> {
        self.texts()
            .filter_map(|(place, text)| {
                let errors = parse(text).err()?;
                Some(PlaceholderProblem { place, errors })
            })
            .collect()
    }
}

/// What is wrong with the placeholders of `text`, in words ("；" between problems); None when
/// it parses.
#[must_use]
pub fn placeholder_refusal(text: &str) -> Option<String> {
    let errors = parse(text).err()?;
    let said: Vec<String> = errors.iter().map(ToString::to_string).collect();
    Some(said.join("；"))
}

/// `text` with unknown placeholders, stray braces and full-width braces turned into 〔〕 text:
/// the result always parses. A "{" whose name runs into another "{" before its "}" is a lone
/// brace ("{单位名称，{年度}" keeps {年度}).
fn mark_faults(text: &str) -> String {
    let plain = |literal: &str| literal.replace(['}', '｝'], "〕").replace('｛', "〔");
    let mut marked = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let (before, after_open) = rest.split_at(open);
        marked.push_str(&plain(before));
        let inner = after_open.get(1..).unwrap_or("");
        match inner.split_once('}') {
            Some((name, after)) if !name.contains('{') => {
                if Placeholder::from_name(name.trim()).is_some() {
                    marked.push('{');
                    marked.push_str(name);
                    marked.push('}');
                } else {
                    marked.push('〔');
                    marked.push_str(&plain(name));
                    marked.push('〕');
                }
                rest = after;
            }
            _ => {
                marked.push('〔');
                rest = inner;
            }
        }
    }
    marked.push_str(&plain(rest));
    marked
}

/// The Chinese ordinal used for section numbers: 一, 二 … 二十.
#[must_use]
pub fn chinese_ordinal(number: usize) -> String {
    const DIGITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let digit = |n: usize| DIGITS.get(n).copied().unwrap_or("");
    match number {
        0 => "零".to_owned(),
        1..=9 => digit(number).to_owned(),
        10 => "十".to_owned(),
        11..=19 => format!("十{}", digit(number - 10)),
        20..=99 => format!("{}十{}", digit(number / 10), digit(number % 10)),
        _ => number.to_string(),
    }
}

/// A count as written in Chinese text: 两 for two (一式两份), otherwise as [`chinese_ordinal`].
#[must_use]
pub fn chinese_count(number: usize) -> String {
    if number == 2 {
        "两".to_owned()
    } else {
        chinese_ordinal(number)
    }
}

#[cfg(test)]
#[path = "template_tests.rs"]
mod tests;
