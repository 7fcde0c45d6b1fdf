//! How unit names are compared and said: a name's half-width marks, two names that are
//! likely one unit's, a short name longer than the name, a name taken, and the key names are
//! told apart by (brackets and full-width letters alike).

use super::unit_text::without_zero_width;

/// What a name's half-width marks beside Chinese text (",", "(", a straight quote …, typed
/// in an English input mode) would look like on the signed paper, where the name is printed:
/// said, never refused. `None` when there are none.
#[must_use]
pub fn name_punctuation_note(name: &str) -> Option<String> {
    let mut marks = super::punctuation::half_width_marks(name);
    marks.extend(['"', '\''].into_iter().filter(|mark| name.contains(*mark)));
    (!marks.is_empty()).then(|| {
        let said: Vec<String> = marks.iter().map(|mark| format!("“{mark}”")).collect();
        format!(
            "单位名称中有半角标点{}（英文输入法下打出的），责任书和通报上会照样印出；公文中宜用全角标点，如（）“”，请确认",
            said.join("")
        )
    })
}

/// True when one of two different names holds the other, the shorter of four characters or
/// more ("应急管理局" and "示例市应急管理局", "城关街道办" and "城关街道办事处"): most likely
/// one unit named two ways.
#[must_use]
pub fn names_alike(a: &str, b: &str) -> bool {
    /// Shorter parts are words many names share ("管理局").
    const SHORTEST: usize = 4;
    let holds = |longer: &str, shorter: &str| {
        shorter.chars().count() >= SHORTEST && longer != shorter && longer.contains(shorter)
    };
    holds(a, b) || holds(b, a)
}

/// What is said of a short name longer than the unit's name: most likely the two were typed
/// into each other's place. `None` otherwise.
#[must_use]
pub fn short_name_note(name: &str, short_name: &str) -> Option<String> {
    let (name, short) = (
        name.trim().chars().count(),
        short_name.trim().chars().count(),
    );
    (short > name && name > 0)
        .then(|| format!("简称（{short} 个字）比单位名称（{name} 个字）还长：请检查两栏是否填反了"))
}

/// That `name` is taken by the active unit `other` (the same name, or one differing only in
/// its brackets or full-width letters), in Chinese.
#[must_use]
pub fn name_taken(name: &str, other: &str) -> String {
    if other == name {
        format!("已有名为“{name}”的在用单位")
    } else {
        format!("已有在用单位“{other}”，与“{name}”只差括号的全角半角")
    }
}

/// `name` as unit names are told apart: without the zero-width characters a copy brings
/// along (as a unit is saved without them), trimmed, its letters and digits plain, its
/// brackets full-width, so that "中心(XQ)" and "中心（ＸＱ）" are one name.
#[must_use]
pub fn name_key(name: &str) -> String {
    plain_letters_and_digits(without_zero_width(name).trim())
        .replace('(', "（")
        .replace(')', "）")
}

/// `text` with the full-width letters and digits a Chinese input method types in its 全角
/// mode as plain ones ("第１中学" → "第1中学"), so that a name typed either way is one name;
/// full-width punctuation such as "（）" stays as it is.
pub(super) fn plain_letters_and_digits(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ' => {
                char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c)
            }
            _ => c,
        })
        .collect()
}
