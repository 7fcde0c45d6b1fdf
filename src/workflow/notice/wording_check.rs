//! What is wrong with a notice's wording, said before it is saved: unknown or broken
//! placeholders, a required paragraph left empty, a 发文字号 not of the standard's form, and
//! characters no font can print.

use super::PLACEHOLDERS;
use crate::document::NoticeWording;
use crate::model::template::{nearest_name, placeholder_hint};
use crate::pdf::fonts::{FontRole, FontSet};

/// What is wrong with the wording, in Chinese messages: unknown placeholders (e.g. "{单位}"),
/// a required paragraph or heading left empty, a 发文字号 without its issuer or with the wrong
/// brackets, characters the fonts the notice is printed in cannot draw.
#[must_use]
pub fn wording_problems(wording: &NoticeWording) -> Vec<String> {
    wording_problems_in(wording, &FontSet::with_installed())
}

/// [`wording_problems`], the characters checked against `fonts`.
#[must_use]
pub fn wording_problems_in(wording: &NoticeWording, fonts: &FontSet) -> Vec<String> {
    // Each named as the dialog labels it, so the clerk knows where to look.
    let texts = [
        ("标题", &wording.title),
        ("开头段落", &wording.opening),
        ("结果部分标题", &wording.results_heading),
        ("奖惩部分标题", &wording.reward_heading),
        ("奖惩段落", &wording.reward),
        ("连续两年及以上不合格的单位", &wording.repeated_failure),
        ("结尾段落", &wording.closing),
        ("附件名称", &wording.attachment),
        ("主送", &wording.addressee),
        ("附注", &wording.annotation),
        ("抄送", &wording.copy_to),
        ("印发机关", &wording.printing_office),
        ("发文机关标志", &wording.issuer_mark),
        ("发文字号", &wording.document_number),
    ];
    let known = PLACEHOLDERS.map(|p| p.trim_start_matches('{').trim_end_matches('}'));
    // After an unknown name: an agreement's placeholder ({单位名称}) said to belong there,
    // else the nearest of the notice's.
    let hint = |name: &str| {
        if crate::model::Placeholder::from_name(name.trim()).is_some() {
            Some("（这是责任书的占位符，通报中不能用；可用的见“插入占位符”）".to_owned())
        } else {
            nearest_name(name, known).map(placeholder_hint)
        }
    };
    let mut problems = Vec::new();
    for (field, text) in texts {
        let mut rest = text.as_str();
        while let Some(open) = rest.find('{') {
            let after = rest.get(open..).unwrap_or("");
            // "{{年度}}": one mistake, said as the template editor says it.
            if let Some((name, after_close)) = (after.strip_prefix("{{"))
                .and_then(|doubled| doubled.split_once("}}"))
                .filter(|(name, _)| !name.contains(['{', '}']))
            {
                // Of a name that is no placeholder either, the one meant (never "{年}").
                let single = format!("{{{name}}}");
                problems.push(if PLACEHOLDERS.contains(&single.as_str()) {
                    format!("【{field}】占位符只用一对括号：请把“{{{{{name}}}}}”改为“{single}”")
                } else {
                    format!(
                        "【{field}】占位符只用一对括号，且没有“{single}”这个占位符{}",
                        hint(name).unwrap_or_else(|| "：可用的见“插入占位符”".to_owned())
                    )
                });
                rest = after_close;
                continue;
            }
            // A "{" whose name runs into the next "{" lacks its "}" ("{甲方关于{年度}").
            let next_open = after.get(1..).and_then(|a| a.find('{')).map(|at| at + 1);
            let close = after
                .find('}')
                .filter(|close| next_open.is_none_or(|n| *close < n));
            let Some(close) = close else {
                // Quoted up to the line's end: a line break inside the quotes would split the
                // message.
                let start: String = after.chars().take_while(|c| *c != '\n').take(6).collect();
                problems.push(format!("【{field}】占位符缺少右括号“}}”（“{start}…”处）"));
                match next_open {
                    Some(next) => {
                        rest = after.get(next..).unwrap_or("");
                        continue;
                    }
                    None => break,
                }
            };
            let token = after.get(..=close).unwrap_or("");
            let name = token.trim_start_matches('{').trim_end_matches('}');
            let joined: String = name.chars().filter(|c| !c.is_whitespace()).collect();
            let rejoined = format!("{{{joined}}}");
            if PLACEHOLDERS.contains(&token) {
                // Written right.
            } else if joined != name && PLACEHOLDERS.contains(&rejoined.as_str()) {
                // A space or a line break typed inside it (Enter in the title): said so, not
                // as a name of its own, which it reads like.
                problems.push(format!(
                    "【{field}】占位符“{rejoined}”中间有空格或换行：请把括号中的空格或换行删去"
                ));
            } else {
                problems.push(format!(
                    "【{field}】未知的占位符“{}”{}",
                    token.replace('\n', " "),
                    hint(name).unwrap_or_default()
                ));
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
        // Full-width braces, as a Chinese input method types them, would print as written.
        let mut rest = text.as_str();
        while let Some(open) = rest.find('｛') {
            let after = rest.get(open + '｛'.len_utf8()..).unwrap_or("");
            let name = after
                .split_once('｝')
                .map_or(after, |(name, _)| name)
                .trim();
            problems.push(format!(
                "【{field}】占位符要用半角括号：请把“｛{name}｝”改为“{{{name}}}”，或用“插入占位符”按钮"
            ));
            rest = after;
        }
        if !text.contains('｛') && text.contains('｝') {
            problems.push(format!(
                "【{field}】多出一个全角右括号“｝”，占位符应写成“{{年度}}”这样"
            ));
        }
    }
    let required = [
        ("标题", &wording.title),
        ("开头段落", &wording.opening),
        ("结果部分标题", &wording.results_heading),
        ("奖惩部分标题", &wording.reward_heading),
        ("奖惩段落", &wording.reward),
        ("附件名称", &wording.attachment),
    ];
    for (field, text) in required {
        if text.trim().is_empty() {
            problems.push(format!("{field}不能为空：通报中会留下一处空白"));
        }
    }
    if wording.printing_office.trim().is_empty() {
        problems.push("版记的印发机关不能为空".to_owned());
    }
    // A paragraph that stops mid-sentence prints as one left unfinished in a document sent
    // out under the seal; the opening may end on "：" before the results.
    // The opening leads into the results ("现将…通报如下："): its mark is the colon.
    for (field, text, mark) in [
        ("开头段落", &wording.opening, "：”（其后接考核结果）或“。"),
        ("奖惩段落", &wording.reward, "。"),
        ("结尾段落", &wording.closing, "。"),
    ] {
        let last = text.trim_end().chars().last();
        if last.is_some_and(|c| !"。！？：；…”’）)】》".contains(c)) {
            problems.push(format!(
                "【{field}】末尾不是句末标点：通报中这一段会像没有写完，请在末尾加“{mark}”"
            ));
        }
    }
    let number = wording.document_number.trim();
    if !number.is_empty() {
        if wording.issuer_mark.trim().is_empty() {
            problems.push(
                "填写了发文字号时，版头的发文机关标志不能为空（发文字号印在红色版头中）".to_owned(),
            );
        }
        // Said as typed, but for the spaces the save takes out.
        if let Some(problem) = document_number_problem(&unspaced(number)) {
            problems.push(problem);
        }
    }
    problems.extend(unprintable(&texts, fonts));
    problems
}

/// How a 发文字号 is written, as every refusal of one shows it.
const NUMBER_EXAMPLE: &str = "如 示政通〔2026〕1号";

/// What is wrong with a 发文字号 (as typed, trimmed), said as precisely as it can be: the
/// year's brackets, a padded or "第" serial, words after 号, else the form as a whole.
fn document_number_problem(number: &str) -> Option<String> {
    let normalized = document_number_brackets(number);
    if is_document_number(&normalized) {
        // Serials count from 1: a 0号 is no number a document is filed under.
        let serial = (normalized.split_once('〕'))
            .and_then(|(_, after_year)| after_year.split_once('号'))
            .map(|(serial, _)| serial);
        return (serial == Some("0"))
            .then(|| format!("发文字号“{number}”的序号是 0：序号从 1 起编，{NUMBER_EXAMPLE}"));
    }
    let example = NUMBER_EXAMPLE;
    let Some((_, after_year)) = normalized.split_once('〕') else {
        return Some(
            if number.contains(['[', ']', '【', '】', '(', ')', '（', '）']) {
                format!("发文字号“{number}”的年份请用六角括号〔〕，{example}")
            } else {
                format!("发文字号“{number}”应写成 机关代字〔年份〕N号（N 为序号），{example}")
            },
        );
    };
    let serial = after_year.split_once('号').map(|(serial, _)| serial);
    let after_number = after_year.split_once('号').map_or("", |(_, rest)| rest);
    // Quoted as typed (the brackets normalized are the year's only, the rest is as it was).
    let typed_after: String = (number.chars())
        .skip(
            normalized
                .chars()
                .count()
                .saturating_sub(after_number.chars().count()),
        )
        .collect();
    let is_zero = serial.is_some_and(|s| {
        let digits = s.trim_start_matches('第');
        !digits.is_empty() && digits.chars().all(|c| c == '0')
    });
    let problem = if is_zero && after_number.trim().is_empty() {
        format!("发文字号“{number}”的序号是 0：序号从 1 起编，{NUMBER_EXAMPLE}")
    } else if !after_number.trim().is_empty() {
        format!(
            "发文字号“{number}”在“号”字之后还有“{}”：发文字号只写 机关代字〔年份〕N号（N 为序号），{example}；紧急程度、密级等不写在其中",
            typed_after.trim()
        )
    } else if let Some(serial) = serial.filter(|s| s.starts_with('第')) {
        corrected(number, &normalized, serial, "的序号前不加“第”字")
    } else if let Some(serial) = serial.filter(|s| s.len() > 1 && s.starts_with('0')) {
        corrected(
            number,
            &normalized,
            serial,
            "的序号不编虚位（1 不写成 01 或 001）",
        )
    } else {
        format!("发文字号“{number}”应写成 机关代字〔年份〕N号（N 为序号），{example}")
    };
    Some(problem)
}

/// What is said of a `serial` written wrong (`what`) in the 发文字号 `number`: the number put
/// right to copy, when that is all that is wrong with it; else the form it must have.
fn corrected(number: &str, normalized: &str, serial: &str, what: &str) -> String {
    let corrected = serial_put_right(normalized, serial);
    if is_document_number(&corrected) {
        format!("发文字号“{number}”{what}：请改为“{corrected}”")
    } else {
        format!(
            "发文字号“{number}”{what}，且应写成 机关代字〔年份〕N号（N 为序号），{NUMBER_EXAMPLE}"
        )
    }
}

/// The 发文字号 `normalized` (its year's brackets put right) with its `serial` put right too:
/// no "第" before it, no 0 in front ("示政通〔2025〕第03号" → "示政通〔2025〕3号").
fn serial_put_right(normalized: &str, serial: &str) -> String {
    let digits = serial.trim_start_matches('第').trim_start_matches('0');
    let digits = if digits.is_empty() { "0" } else { digits };
    normalized.replacen(&format!("{serial}号"), &format!("{digits}号"), 1)
}

/// Each field's characters that no font can print (a blank or a box in the notice), all of
/// them at once, with their code points: one save says everything to change.
fn unprintable(texts: &[(&str, &String)], fonts: &FontSet) -> Vec<String> {
    let mut problems = Vec::new();
    for (field, text) in texts {
        // Each in the roles it prints in (as the export checks it): the 附件 name both in the
        // body and as the attachment's title.
        let roles: &[FontRole] = match *field {
            "标题" | "发文机关标志" => &[FontRole::Title],
            "结果部分标题" | "奖惩部分标题" => &[FontRole::Heading1],
            "附件名称" => &[FontRole::Body, FontRole::Title],
            _ => &[FontRole::Body],
        };
        let mut missing: Vec<char> = Vec::new();
        for c in text.chars() {
            let is_layout = c.is_whitespace() || c.is_control();
            let can_draw = (roles.iter()).all(|role| fonts.face_for(*role, c).is_some());
            if !is_layout && !can_draw && !missing.contains(&c) {
                missing.push(c);
            }
        }
        if missing.is_empty() {
            continue;
        }
        // Where each is (the first time): in the field it shows as nothing, or as a box.
        let listed: Vec<String> = (missing.iter())
            .map(|c| {
                let at = text.chars().position(|x| x == *c).map_or(0, |i| i + 1);
                format!("第 {at} 个字“{c}”（U+{:04X}）", u32::from(*c))
            })
            .collect();
        problems.push(format!(
            "【{field}】中有现有字体都无法打印的字：{}，通报中会缺字，请改用常用字",
            listed.join("、")
        ));
    }
    problems
}

/// A 发文字号 with its year in the brackets a keyboard has ("样政通[2026]12号", "【2026】",
/// "(2026)") written with the 六角括号 GB/T 9704 asks for: "样政通〔2026〕12号". Brackets around
/// anything but a four-digit year are left for [`wording_problems`] to name.
/// Full-width digits, as a Chinese input method types them, become the Arabic digits the
/// standard prints ("〔２０２５〕３号" → "〔2025〕3号"). The text keeps its length, character for
/// character, so the wording editor can apply it as the clerk types (an input method's text
/// in progress is replaced by position); spaces go in [`document_number_clean`].
#[must_use]
pub fn document_number_brackets(number: &str) -> String {
    const OPENINGS: [char; 5] = ['[', '【', '(', '（', '［'];
    const CLOSINGS: [char; 5] = [']', '】', ')', '）', '］'];
    let chars: Vec<char> = crate::model::collation::half_width(number)
        .chars()
        .collect();
    let mut out = chars.clone();
    for (at, c) in chars.iter().enumerate() {
        let Some(kind) = OPENINGS.iter().position(|open| open == c) else {
            continue;
        };
        let year = chars.get(at + 1..at + 5);
        let close = chars.get(at + 5);
        let is_year = year.is_some_and(|digits| digits.iter().all(char::is_ascii_digit));
        if is_year && close == CLOSINGS.get(kind) {
            if let Some(slot) = out.get_mut(at) {
                *slot = '〔';
            }
            if let Some(slot) = out.get_mut(at + 5) {
                *slot = '〕';
            }
        }
    }
    out.into_iter().collect()
}

/// A 发文字号 as it is saved and printed: as [`document_number_brackets`] writes it, the spaces
/// typed between its parts taken out ("示政通 〔2026〕 3 号" → "示政通〔2026〕3号").
#[must_use]
pub fn document_number_clean(number: &str) -> String {
    document_number_brackets(&unspaced(number))
}

/// `text` without the spaces typed in it.
fn unspaced(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

/// What is wrong with `number` as the 发文字号 of `year`'s notice, beside the numbers other
/// years' notices carry (`used`, by year): a year in it before `year` (a results notice is
/// issued once the year's work is done), or another year's number again; `None` when neither
/// (or when there is none).
#[must_use]
pub fn document_number_clash(year: i32, number: &str, used: &[(i32, String)]) -> Option<String> {
    let number = document_number_clean(number);
    if number.is_empty() {
        return None;
    }
    if let Some(written) = document_number_year(&number).filter(|written| *written < year) {
        return Some(format!(
            "发文字号“{number}”的年份 {written} 早于考核年度 {year}：考核结果通报在考核年度的工作完成后印发，请检查年份"
        ));
    }
    // Issued in the year after the one assessed, or the one after that at the latest: a year
    // further on is a slip of the keyboard, met otherwise only at the export.
    if let Some(written) = document_number_year(&number).filter(|written| *written > year + 2) {
        return Some(format!(
            "发文字号“{number}”的年份 {written} 比考核年度 {year} 晚了 {} 年：考核结果通报一般在次年印发，请检查年份",
            written - year
        ));
    }
    // Compared as the serial should be written: "第03号" put right is a number in use too.
    let key = serial_written_right(&number);
    (used.iter())
        .find(|(other, theirs)| {
            *other != year && serial_written_right(&document_number_clean(theirs)) == key
        })
        .map(|(other, _)| {
            let same = if key == number {
                String::new()
            } else {
                format!("即“{key}”，")
            };
            format!(
                "发文字号“{number}”{same}已用于 {other} 年度的通报，同一文号不能用两次，请检查序号"
            )
        })
}

/// A 发文字号 with its serial written as the standard writes it, no "第" and no 0 in front
/// ("示政通〔2025〕第03号" → "示政通〔2025〕3号"); as it is when it has no serial to put right.
fn serial_written_right(number: &str) -> String {
    let normalized = document_number_brackets(number);
    let serial = (normalized.split_once('〕'))
        .and_then(|(_, after_year)| after_year.split_once('号'))
        .map(|(serial, _)| serial.to_owned());
    match serial {
        Some(serial) if !serial.is_empty() => serial_put_right(&normalized, &serial),
        _ => normalized,
    }
}

/// The year written in a 发文字号 ("示政通〔2025〕3号" → 2025), its brackets as a keyboard types
/// them too; `None` when it names none.
#[must_use]
pub fn document_number_year(number: &str) -> Option<i32> {
    let normalized = document_number_brackets(number);
    let (_, rest) = normalized.split_once('〔')?;
    let (year, _) = rest.split_once('〕')?;
    (year.len() == 4 && year.chars().all(|c| c.is_ascii_digit()))
        .then(|| year.parse().ok())
        .flatten()
}

/// True for a 发文字号 of the standard's form: 机关代字, the year in 〔〕, the number and 号
/// ("示政通〔2025〕3号"), its number written without padding zeros.
pub(super) fn is_document_number(number: &str) -> bool {
    let Some((prefix, rest)) = number.split_once('〔') else {
        return false;
    };
    let Some((year, serial)) = rest.split_once('〕') else {
        return false;
    };
    let Some(serial) = serial.strip_suffix('号') else {
        return false;
    };
    !prefix.trim().is_empty()
        && year.len() == 4
        && year.chars().all(|c| c.is_ascii_digit())
        && !serial.is_empty()
        && serial.chars().all(|c| c.is_ascii_digit())
        && (serial.len() == 1 || !serial.starts_with('0'))
}
