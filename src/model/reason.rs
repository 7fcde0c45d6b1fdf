//! A reason the audit log keeps (退回草稿, 撤销打印, 撤销签订, 修改签订信息, 更换扫描件, a change after
//! publication): it says something, not only spaces, punctuation ("。", "…") or a number (a
//! score typed where the reason goes, "9").

/// `text` trimmed, when it holds a word: a letter or an ideograph.
#[must_use]
pub fn given(text: &str) -> Option<&str> {
    let text = text.trim();
    text.chars().any(char::is_alphabetic).then_some(text)
}

/// Said of text typed as a reason that is none (see [`given`]).
pub const NOT_A_REASON: &str = "只有空格、标点或数字不算理由，请用文字写明";

/// The refusal of a reason that is not [`given`]: "{what}必须写明理由", saying why when
/// something was typed (a "9" typed there would otherwise read as if nothing was).
#[must_use]
pub fn refusal(what: &str, typed: &str) -> String {
    if typed.trim().is_empty() {
        format!("{what}必须写明理由")
    } else {
        format!("{what}必须写明理由：{NOT_A_REASON}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_refusal_says_why_what_was_typed_is_no_reason() {
        assert_eq!(refusal("撤销打印", " "), "撤销打印必须写明理由");
        assert_eq!(
            refusal("撤销打印", "3"),
            "撤销打印必须写明理由：只有空格、标点或数字不算理由，请用文字写明"
        );
    }

    #[test]
    fn a_reason_needs_a_word() {
        assert_eq!(given("  负责人变更 "), Some("负责人变更"));
        assert_eq!(given("x"), Some("x"));
        assert_eq!(given("2024年复核"), Some("2024年复核"));
        for empty in ["", "   ", "。", "……", "—— ", "？！", "9", " 8.5 ", "９"] {
            assert_eq!(given(empty), None, "{empty}");
        }
    }
}
