//! 考核类别: the office's editable list of assessment categories (镇街, 一类, 二类 …).

/// One assessment category; units in the same category share a template and are ranked together.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Category {
    /// Database id.
    pub id: i64,
    /// Display name, e.g. "镇街" or "一类".
    pub name: String,
    /// Position in lists.
    pub sort_order: i64,
}

/// Longest category name accepted, in characters.
pub const MAX_CATEGORY_NAME_CHARS: usize = 20;

/// Checks a category name typed by a clerk and returns it trimmed.
pub fn validate_category_name(name: &str) -> Result<String, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err("类别名称不能为空".to_owned());
    }
    if name.chars().count() > MAX_CATEGORY_NAME_CHARS {
        return Err(format!("类别名称不能超过 {MAX_CATEGORY_NAME_CHARS} 个字"));
    }
    // "一 类" or "一类" with an invisible character would look like "一类" and be another.
    if name
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || super::unit::is_invisible(c))
    {
        return Err("类别名称中不能有空格、换行或看不见的字符".to_owned());
    }
    Ok(name.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A name that would look like another ("一 类", "一类" with a zero-width space) is
    /// refused; a plain one is kept trimmed.
    #[test]
    fn a_category_name_that_looks_like_another_is_refused() {
        assert_eq!(validate_category_name(" 四类 "), Ok("四类".to_owned()));
        for name in ["一 类", "一\u{200B}类", "一\t类", "一\u{3000}类"] {
            assert!(validate_category_name(name).is_err(), "{name:?}");
        }
    }
}
