//! How an agreement is found from what a clerk types or reads off a paper copy: its
//! verification code (the first 12 hex digits of the hash recorded at 定稿, printed grouped by
//! four), its number "2025-004" or its 序号 alone.

/// The verification code printed on issued copies: the first 12 hex digits of the content
/// hash recorded at 定稿.
#[must_use]
pub fn verification_code(hash: &str) -> &str {
    hash.get(..12).unwrap_or(hash)
}

/// True when `code` (as [`typed_code`] gives it) is long enough to look an agreement up by:
/// 6 hex digits or more.
#[must_use]
pub fn is_code_prefix(code: &str) -> bool {
    code.len() >= 6 && code.chars().all(|c| c.is_ascii_hexdigit())
}

/// A verification code in groups of four, as the paper copy's footer prints it
/// ("40e7 9970 11ef").
#[must_use]
pub fn grouped_code(code: &str) -> String {
    let chars: Vec<char> = code.chars().collect();
    chars
        .chunks(4)
        .map(|group| group.iter().collect::<String>())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when `typed` (six hex digits or more, see [`is_code_prefix`]) is part of the code
/// printed for the agreement hashed `hash`: its start (up to the whole hash), or any run within
/// its twelve digits (a clerk may read the last groups off a torn or smudged footer).
#[must_use]
pub fn code_contains(hash: &str, typed: &str) -> bool {
    is_code_prefix(typed) && (hash.starts_with(typed) || verification_code(hash).contains(typed))
}

/// A verification code as a clerk types it off a paper copy — in groups with spaces or
/// dashes, in capitals, or a whole footer line pasted ("编号 2025-004　校验码 40e7…", or the
/// signed copy's "签订件 · 2025年度第4号 · 校验码 40e7 … · 第1页/共4页", whose code ends where
/// the digits do) — as the lowercase hex digits it stands for.
#[must_use]
pub fn typed_code(text: &str) -> String {
    let text = &super::collation::half_width(text);
    let is_separator = |c: char| c.is_whitespace() || matches!(c, '-' | '－' | '：' | ':');
    let code = match text.rsplit_once("校验码") {
        Some((_, code)) => code
            .split(|c: char| !(c.is_ascii_hexdigit() || is_separator(c)))
            .next()
            .unwrap_or_default(),
        None => text,
    };
    code.chars()
        .filter(|&c| !is_separator(c))
        .collect::<String>()
        .to_ascii_lowercase()
}

/// The code `typed` stands for when it is one only with letters read as the digits they
/// look like on paper (O as 0, I and l as 1: none of them is a hex digit), e.g. "b6ac d9O1
/// fdf0"; `None` when it is a code as typed, or not one either way.
#[must_use]
pub fn misread_code(typed: &str) -> Option<String> {
    let code = typed_code(typed);
    if is_code_prefix(&code) {
        return None;
    }
    let read: String = code
        .chars()
        .map(|c| match c {
            'o' => '0',
            'i' | 'l' => '1',
            other => other,
        })
        .collect();
    is_code_prefix(&read).then_some(read)
}

/// The code looked for when `text` is typed in a search: as typed, or with letters read as
/// the digits they look like (see [`misread_code`]).
#[must_use]
pub fn searched_code(text: &str) -> String {
    misread_code(text).unwrap_or_else(|| typed_code(text))
}

/// `part` trimmed, when it is a run of ASCII digits.
fn only_digits(part: &str) -> Option<&str> {
    let part = part.trim();
    (!part.is_empty() && part.chars().all(|c| c.is_ascii_digit())).then_some(part)
}

/// The year and 序号 of an agreement number as printed in the footer and the file names
/// ("2025-004", also "编号 2025-4"), or on a signed copy's pages ("2025年度第4号"), if the
/// text is one.
#[must_use]
pub fn typed_number(text: &str) -> Option<(i32, i64)> {
    let text = &super::collation::half_width(text);
    let text = text.trim();
    if let Some((year, rest)) = text.split_once("年度第")
        && let Some(number) = rest.strip_suffix('号')
    {
        let (year, number) = (only_digits(year)?, only_digits(number)?);
        if year.len() != 4 || number.len() > 4 {
            return None;
        }
        return Some((year.parse().ok()?, number.parse().ok()?));
    }
    let said = text.strip_prefix("编号");
    let text = said.unwrap_or(text).trim_start_matches([' ', '：', ':']);
    let (year, number) = text.split_once(['-', '－'])?;
    let (year, number) = (only_digits(year)?, only_digits(number)?);
    if year.len() != 4 || number.len() > 4 {
        return None;
    }
    let year: i32 = year.parse().ok()?;
    // Without "编号", groups of a code typed with a dash ("3607-7601") are not a number: no
    // year of this program's starts so.
    if said.is_none() && !super::year::YEARS.contains(&year) {
        return None;
    }
    Some((year, number.parse().ok()?))
}

/// The 序号 alone, as the tracker's 序号 column shows it ("19", "019"): one to four digits.
#[must_use]
pub fn typed_serial(text: &str) -> Option<i64> {
    let text = super::collation::half_width(text);
    let digits = only_digits(&text).filter(|d| d.len() <= 4)?;
    digits.parse().ok().filter(|n| *n >= 1)
}
