//! The order Chinese names are sorted in: by pinyin, syllable by syllable, as a register or a
//! dictionary lists them (长安 before 城关 before 东城), instead of by code point; and the form
//! texts are compared in when searching or matching.

use std::cmp::Ordering;

use pinyin::ToPinyin as _;

/// `text` as it is compared when searching or matching: without spaces, full-width letters,
/// digits and signs as plain ones, and in lower case, so that "ＧＲＩＤ 网格" finds "grid网格".
#[must_use]
pub fn folded(text: &str) -> String {
    half_width(text)
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_lowercase)
        .collect()
}

/// `text` with the full-width letters, digits and signs a Chinese input method types in its
/// 全角 mode ("４５１２ｄ９", "２０２５－００４") as plain ones, and the ideographic space as a
/// space.
#[must_use]
pub fn half_width(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
            '\u{3000}' => ' ',
            _ => c,
        })
        .collect()
}

/// `text` as typed for a number or a date: [`half_width`], with the ideographic full stops
/// (。 ｡) typed for a decimal point read as `.` and a typographic minus (−) as `-`, so that
/// "５。５" is 5.5 and "−１" a negative (refused as one).
#[must_use]
pub fn ascii_number(text: &str) -> String {
    half_width(text)
        .chars()
        .map(|c| match c {
            '。' | '｡' => '.',
            '−' => '-',
            other => other,
        })
        .collect()
}

/// A sort key for `name`: each character's toneless pinyin (a character without one, such as
/// a Latin letter or a digit, stands for itself), then the name itself so that names reading
/// the same still have a fixed order.
#[must_use]
pub fn pinyin_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len() * 3);
    for c in name.chars() {
        match c.to_pinyin() {
            Some(syllable) => key.push_str(syllable.plain()),
            None => key.extend(c.to_lowercase()),
        }
        // Sorts before any letter, so "xi an" comes before "xian".
        key.push('\u{1}');
    }
    key.push('\u{2}');
    key.push_str(name);
    key
}

/// Compares two names by [`pinyin_key`].
#[must_use]
pub fn by_pinyin(a: &str, b: &str) -> Ordering {
    pinyin_key(a).cmp(&pinyin_key(b))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_typed_full_width_become_ascii() {
        assert_eq!(ascii_number("５"), "5");
        assert_eq!(ascii_number("5。5"), "5.5");
        assert_eq!(ascii_number("１２．７５"), "12.75");
        assert_eq!(ascii_number("０｡５"), "0.5");
        assert_eq!(ascii_number("－１"), "-1");
        assert_eq!(ascii_number("−１"), "-1");
        assert_eq!(ascii_number("\u{3000}３\u{3000}"), " 3 ");
        assert_eq!(ascii_number("4.5"), "4.5");
        assert_eq!(ascii_number("五分"), "五分");
    }

    #[test]
    fn names_sort_by_pinyin_not_by_code_point() {
        let mut names = vec![
            "东城街道",
            "城关街道",
            "北关街道",
            "响嘡街道",
            "古渡镇",
            "安平镇",
        ];
        names.sort_by(|a, b| by_pinyin(a, b));
        assert_eq!(
            names,
            [
                "安平镇",
                "北关街道",
                "城关街道",
                "东城街道",
                "古渡镇",
                "响嘡街道"
            ]
        );
    }

    #[test]
    fn a_shorter_reading_comes_first_and_equal_readings_keep_an_order() {
        assert_eq!(by_pinyin("西安", "先"), Ordering::Less);
        assert_eq!(by_pinyin("公安局", "公安局"), Ordering::Equal);
        assert_ne!(by_pinyin("市公安局", "市攻安局"), Ordering::Equal);
        assert_eq!(by_pinyin("A区", "b区"), Ordering::Less);
    }

    #[test]
    fn search_text_folds_spaces_width_and_case() {
        assert_eq!(folded(" Test 单位 "), "test单位");
        assert_eq!(folded("ＧＲＩＤ 网格１号"), "grid网格1号");
        assert!(folded("示例市 应急管理局").contains(&folded("应急 管理")));
    }
}
