//! A reason the audit log keeps (退回草稿, 撤销打印, 撤销签订, 修改签订信息, 更换扫描件, a change after
//! publication): it says something, not only spaces or punctuation ("。", "…").

/// `text` trimmed, when it holds a word: a letter, an ideograph or a digit.
#[must_use]
pub fn given(text: &str) -> Option<&str> {
    let text = text.trim();
    text.chars().any(char::is_alphanumeric).then_some(text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reason_needs_a_word() {
        assert_eq!(given("  负责人变更 "), Some("负责人变更"));
        assert_eq!(given("x"), Some("x"));
        for empty in ["", "   ", "。", "……", "—— ", "？！"] {
            assert_eq!(given(empty), None, "{empty}");
        }
    }
}
