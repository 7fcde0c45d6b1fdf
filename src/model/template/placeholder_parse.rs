//! Reading template text: the placeholders in it, and each problem with its braces or names
//! said in Chinese, with the placeholder most likely meant.

use super::{Placeholder, Segment};

/// A problem found while parsing template text.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlaceholderError {
    /// Braces around a name that is not a placeholder; the message offers the nearest one.
    #[error("未知的占位符“{{{0}}}”{hint}", hint = unknown_hint(.0))]
    Unknown(String),
    /// An opening brace without a closing one, with the rest of its line: said where, and
    /// which placeholder it may begin.
    #[error("{}", unclosed_message(.0))]
    Unclosed(String),
    /// One opening brace too many before a placeholder ("{{单位简称}"), with that
    /// placeholder's name.
    #[error("多出一个左括号“{{”：请把“{{{{{0}}}”改为“{{{0}}}”")]
    StrayOpen(String),
    /// A closing brace without an opening one.
    #[error("多出一个右括号“}}”，占位符应写成“{{单位名称}}”这样")]
    StrayClose,
    /// A name in two pairs of braces, as other mail-merge tools write fields; the message
    /// checks the name too.
    #[error("{}", doubled_message(.0))]
    Doubled(String),
    /// Full-width braces (as a Chinese input method types them) around a name (empty for a
    /// closing one alone); the message checks the name too.
    #[error("{}", full_width_message(.0))]
    FullWidth(String),
    /// A name between one half-width and one full-width brace ("{单位名称｝"), as an input
    /// method switched half-way types it; the message checks the name too.
    #[error("{}", mixed_message(.0))]
    Mixed(String),
    /// A full-width opening brace without a closing one.
    #[error(
        "全角括号“｛”没有配对的右括号：占位符要用半角括号，写成“{{单位名称}}”这样，或用“插入占位符”按钮"
    )]
    FullWidthUnclosed,
}

/// The rest of the line after an unclosed "{", "\n" at its end when another line follows.
fn unclosed_line(after: &str) -> String {
    match after.split_once('\n') {
        Some((line, _)) => format!("{line}\n"),
        None => after.to_owned(),
    }
}

/// What is said of a "{" left open before `rest` (the rest of its line, see
/// [`unclosed_line`]): where (its first few characters), and the placeholder it begins when
/// its name is there ("{本级安委会…" is "{本级}" unclosed).
fn unclosed_message(rest: &str) -> String {
    let line = rest.strip_suffix('\n').unwrap_or(rest);
    if line.trim().is_empty() {
        let place = if rest.ends_with('\n') {
            "行末"
        } else {
            "文字末尾"
        };
        return format!("占位符缺少右括号“}}”（{place}的“{{”）");
    }
    let start: String = line.chars().take(6).collect();
    let start = if line.chars().count() > 6 {
        format!("{start}…")
    } else {
        start
    };
    let begun = (Placeholder::ALL.map(Placeholder::name).into_iter())
        .filter(|name| line.starts_with(name))
        .max_by_key(|name| name.chars().count());
    let hint = begun.map_or_else(String::new, |name| {
        format!("：如要写占位符“{{{name}}}”，请在“{name}”之后补上“}}”")
    });
    format!("占位符缺少右括号“}}”（“{{{start}”处）{hint}")
}

/// What is said of `name` in two pairs of braces: the pair to take out, and, when no
/// placeholder has that name, the one it most likely means.
fn doubled_message(name: &str) -> String {
    if Placeholder::from_name(name).is_some() {
        return format!("占位符只用一对括号：请把“{{{{{name}}}}}”改为“{{{name}}}”");
    }
    let hint = unknown_hint(name);
    if hint.is_empty() {
        format!("占位符只用一对括号，且没有“{{{name}}}”这个占位符：可用的见“插入占位符”")
    } else {
        format!("占位符只用一对括号，且没有“{{{name}}}”这个占位符{hint}")
    }
}

/// What is said of full-width braces around `name`: the braces to change, and, when no
/// placeholder has that name, the one it most likely means.
fn full_width_message(name: &str) -> String {
    if name.is_empty() {
        return "占位符要用半角括号“{ }”，不要用全角括号“｛ ｝”：请用“插入占位符”按钮".to_owned();
    }
    if Placeholder::ALL.iter().any(|p| p.name() == name) {
        return format!(
            "占位符要用半角括号：请把“｛{name}｝”改为“{{{name}}}”，或用“插入占位符”按钮"
        );
    }
    let hint = unknown_hint(name);
    if hint.is_empty() {
        format!(
            "全角括号“｛ ｝”只用于占位符，而没有“{name}”这个占位符：如是正文文字，请改用其他括号（如“【{name}】”）；要插入占位符，请用“插入占位符”按钮"
        )
    } else {
        format!("占位符要用半角括号，且没有“{name}”这个占位符{hint}：请改正，或用“插入占位符”按钮")
    }
}

/// What is said of one half-width and one full-width brace around `name`: the brace to
/// change, and, when no placeholder has that name, the one it most likely means or, when none
/// is near, that braces are for placeholders only.
fn mixed_message(name: &str) -> String {
    if name.is_empty() {
        return "占位符的两个括号都要用半角，写成“{单位名称}”这样：请用“插入占位符”按钮".to_owned();
    }
    if Placeholder::from_name(name).is_some() {
        return format!("占位符的两个括号都要用半角：请改为“{{{name}}}”");
    }
    let hint = unknown_hint(name);
    if hint.is_empty() {
        format!(
            "括号“{{ }}”只用于占位符，而没有“{name}”这个占位符：如是正文文字，请改用其他括号（如“【{name}】”）；要插入占位符，请用“插入占位符”按钮"
        )
    } else {
        format!(
            "占位符的两个括号都要用半角，且没有“{name}”这个占位符{hint}：请改正，或用“插入占位符”按钮"
        )
    }
}

/// "（是否应为“{单位名称}”）" for a name one or two characters away from a placeholder's
/// ("{单位名}", "{年份}"), or one a clerk may write for it ("{乙方}"); empty when none is near.
fn unknown_hint(name: &str) -> String {
    let names = Placeholder::ALL.map(Placeholder::name);
    let meant = ALIASES
        .iter()
        .find(|(alias, _)| *alias == name.trim())
        .map(|(_, meant)| *meant)
        .or_else(|| nearest_name(name, names));
    meant.map_or_else(String::new, placeholder_hint)
}

/// Names a clerk may write for a placeholder, and the placeholder meant: the agreement's 乙方
/// is the unit (a nearest-name guess would offer {甲方}).
const ALIASES: [(&str, &str); 5] = [
    ("乙方", "单位名称"),
    ("乙方名称", "单位名称"),
    ("单位", "单位名称"),
    ("乙方负责人", "负责人"),
    ("甲方名称", "甲方"),
];

/// "（是否应为“{年度}”）": the hint after an unknown placeholder's message.
#[must_use]
pub fn placeholder_hint(name: &str) -> String {
    format!("（是否应为“{{{name}}}”）")
}

/// The one of `known` a mistyped `name` most likely means: one or two characters away, and
/// not all of a short name changed ("{年}" is "{年度}" short, "{月}" is no near name).
#[must_use]
pub fn nearest_name<'a>(name: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let known: Vec<&str> = known.into_iter().collect();
    // "负责人姓名" means the person, "{负责人}" (never "{负责人职务}", one edit nearer).
    let name = name.trim();
    for suffix in ["姓名", "名字"] {
        if let Some(person) = name.strip_suffix(suffix)
            && let Some(found) = known.iter().find(|k| **k == person)
        {
            return Some(found);
        }
    }
    let name: Vec<char> = name.chars().collect();
    known
        .into_iter()
        .map(|k| (edit_distance(&name, &k.chars().collect::<Vec<_>>()), k))
        .filter(|(distance, k)| {
            *distance <= 2 && (*distance < name.len() || name.iter().any(|c| k.contains(*c)))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

/// The fewest characters to insert, delete or replace to turn `a` into `b`.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let replace = previous
                .get(j)
                .map_or(usize::MAX, |d| d + usize::from(ca != cb));
            let delete = previous.get(j + 1).map_or(usize::MAX, |d| d + 1);
            let insert = current.get(j).map_or(usize::MAX, |d| d + 1);
            current.push(replace.min(delete).min(insert));
        }
        previous = current;
    }
    previous.last().copied().unwrap_or(0)
}

/// Reports braces in literal text: a stray "}", full-width "｛…｝" and "｛…}".
fn check_literal(text: &str, errors: &mut Vec<PlaceholderError>) {
    let mut full_width = Vec::new();
    // The "}" closing a "｛" is not a stray one.
    let mut closes_taken = 0;
    let mut rest = text;
    while let Some(open) = rest.find('｛') {
        let after = rest.get(open + '｛'.len_utf8()..).unwrap_or("");
        // Closed before the next opening brace, if at all.
        let next_open = after.find('｛');
        let half = after.find('}').filter(|h| next_open.is_none_or(|n| *h < n));
        let full = after.find('｝');
        match (half, full) {
            (Some(half), _) if full.is_none_or(|full| half < full) => {
                let name = after.get(..half).unwrap_or_default();
                full_width.push(PlaceholderError::Mixed(name.trim().to_owned()));
                closes_taken += 1;
                // Past the close it claimed: no later brace claims it too.
                rest = after.get(half + '}'.len_utf8()..).unwrap_or_default();
                continue;
            }
            (_, Some(full)) => {
                let name = after.get(..full).unwrap_or_default();
                full_width.push(PlaceholderError::FullWidth(name.trim().to_owned()));
            }
            _ => full_width.push(PlaceholderError::FullWidthUnclosed),
        }
        rest = after;
    }
    if text.matches('}').count() > closes_taken {
        errors.push(PlaceholderError::StrayClose);
    }
    errors.extend(full_width);
    if !text.contains('｛') && text.contains('｝') {
        errors.push(PlaceholderError::FullWidth(String::new()));
    }
}

/// Splits template text into literal text and placeholders; every problem is reported.
pub fn parse(text: &str) -> Result<Vec<Segment<'_>>, Vec<PlaceholderError>> {
    let mut segments = Vec::new();
    let mut errors = Vec::new();
    let mut rest = text;
    while let Some(open) = rest.find('{') {
        let (before, after_open) = rest.split_at(open);
        check_literal(before, &mut errors);
        if !before.is_empty() {
            segments.push(Segment::Text(before));
        }
        let inner_start = after_open.strip_prefix('{').unwrap_or(after_open);
        // "{单位名称｝": closed by a full-width brace, before any half-width one or next "{".
        if let Some(full) = inner_start.find('｝')
            && [
                inner_start.find('}'),
                inner_start.find('{'),
                inner_start.find('｛'),
            ]
            .iter()
            .all(|other| other.is_none_or(|other| full < other))
        {
            let name = inner_start.get(..full).unwrap_or_default();
            errors.push(PlaceholderError::Mixed(name.trim().to_owned()));
            rest = inner_start
                .get(full + '｝'.len_utf8()..)
                .unwrap_or_default();
            continue;
        }
        // "{{单位名称}}": one mistake, said as one, not as a brace left open and one too many.
        if let Some((name, after_close)) = (inner_start.strip_prefix('{'))
            .and_then(|doubled| doubled.split_once("}}"))
            .filter(|(name, _)| !name.contains(['{', '}']))
        {
            errors.push(PlaceholderError::Doubled(name.to_owned()));
            rest = after_close;
            continue;
        }
        let Some((name, after_close)) = inner_start.split_once('}') else {
            errors.push(PlaceholderError::Unclosed(unclosed_line(inner_start)));
            rest = "";
            break;
        };
        // "{{单位简称}": one "{" too many, said as such (the placeholder is read as one).
        if let Some(placeholder) = (name.strip_prefix('{'))
            .filter(|doubled| !doubled.contains('{'))
            .and_then(|doubled| Placeholder::from_name(doubled.trim()))
        {
            errors.push(PlaceholderError::StrayOpen(placeholder.name().to_owned()));
            segments.push(Segment::Field(placeholder));
            rest = after_close;
            continue;
        }
        // "{abc … {年度}": the first brace is the one left open, not a placeholder named by
        // all the text up to the next one's end; parsing goes on from the next brace.
        if let Some(next_open) = name.find('{') {
            // Said by what follows it: the text before the next brace, or that brace on.
            let start = if next_open == 0 {
                name
            } else {
                name.get(..next_open).unwrap_or_default()
            };
            errors.push(PlaceholderError::Unclosed(unclosed_line(start)));
            rest = inner_start.get(next_open..).unwrap_or_default();
            continue;
        }
        match Placeholder::from_name(name.trim()) {
            Some(placeholder) => segments.push(Segment::Field(placeholder)),
            None => errors.push(PlaceholderError::Unknown(name.to_owned())),
        }
        rest = after_close;
    }
    check_literal(rest, &mut errors);
    if !rest.is_empty() {
        segments.push(Segment::Text(rest));
    }
    if errors.is_empty() {
        Ok(segments)
    } else {
        Err(errors)
    }
}
