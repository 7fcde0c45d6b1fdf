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
    Ok(name.to_owned())
}
