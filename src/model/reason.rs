//! A reason the audit log keeps (退回草稿, 撤销打印, 撤销签订, 修改签订信息, 更换扫描件, a change after
//! publication): it says something, not only spaces, punctuation ("。", "…") or a number (a
//! score typed where the reason goes, "9").

/// `text` trimmed, when it holds a word: a letter or an ideograph.
#[must_use]
pub fn given(text: &str) -> Option<&str> {
    let text = text.trim();
    text.chars().any(char::is_alphabetic).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

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
