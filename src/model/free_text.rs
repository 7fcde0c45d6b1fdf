//! Checks of the free texts the office types or imports: a score's note, the one-line names
//! of a year's settings, and any printed text's characters. Each says what is wrong in
//! Chinese, or nothing.

/// The longest note a score takes (the evidence, or the reason for a deduction), in
/// characters: a page of text, more than a cell or the notice's annex shows.
pub const MAX_NOTE_CHARS: usize = 1000;

/// Why a score's note (`label`: 评分说明, 自评说明) cannot be kept: a control character other
/// than a line break or tab (an escape sequence pasted from a terminal, a bell), or more than
/// [`MAX_NOTE_CHARS`] characters.
#[must_use]
pub fn note_problem(label: &str, note: &str) -> Option<String> {
    let count = note.chars().count();
    if count > MAX_NOTE_CHARS {
        return Some(format!(
            "{label}不能超过 {MAX_NOTE_CHARS} 个字（现有 {count} 个）"
        ));
    }
    note.chars()
        .find(|&c| c.is_control() && !matches!(c, '\n' | '\r' | '\t'))
        .map(|c| {
            format!(
                "{label}中含有控制字符（U+{:04X}），请删去后再保存",
                u32::from(c)
            )
        })
}

/// Why a one-line name (`label`: 甲方名称, 甲方签字人姓名 …) cannot be kept: a line break or
/// another control character, which would print as nothing or break the line.
#[must_use]
pub fn line_problem(label: &str, text: &str) -> Option<String> {
    text.chars()
        .any(char::is_control)
        .then(|| format!("{label}中不能含有换行或控制字符"))
}

/// Why a text (`label`: 单位名称, 甲方签字人姓名, 【标题】 …) cannot be printed: a character
/// `can_draw` says no font has, named by its code as well (the window may not show it).
#[must_use]
pub fn undrawable_problem(
    label: &str,
    text: &str,
    can_draw: impl Fn(char) -> bool,
) -> Option<String> {
    let c = text.chars().find(|&c| !c.is_control() && !can_draw(c))?;
    Some(format!(
        "{label}中的“{c}”（U+{:04X}）现有字体都无法显示，打印时会缺字，请改用常用字",
        u32::from(c)
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_note_keeps_its_lines_and_refuses_escapes_and_length() {
        assert_eq!(
            note_problem("评分说明", "台账不全\n扣1分\t（见附件）"),
            None
        );
        assert_eq!(
            note_problem("评分说明", "王\u{1b}[31m五").as_deref(),
            Some("评分说明中含有控制字符（U+001B），请删去后再保存")
        );
        assert_eq!(note_problem("自评说明", &"字".repeat(MAX_NOTE_CHARS)), None);
        assert_eq!(
            note_problem("自评说明", &"字".repeat(MAX_NOTE_CHARS + 1)).as_deref(),
            Some("自评说明不能超过 1000 个字（现有 1001 个）")
        );
    }

    #[test]
    fn a_name_is_one_line_of_printable_characters() {
        assert_eq!(line_problem("甲方名称", "示例市人民政府"), None);
        for bad in ["A\tB", "王\u{7}五", "第一行\n第二行"] {
            assert_eq!(
                line_problem("甲方名称", bad).as_deref(),
                Some("甲方名称中不能含有换行或控制字符"),
                "{bad:?}"
            );
        }
    }
}
