//! What a unit's text fields must not hold, and how that is said: invisible characters pasted
//! along, numbers or dates where a name belongs, and the advice given with a name clash.

/// Why a short name must differ from every other active unit's, said after the clash.
pub const SHORT_NAME_ADVICE: &str = "，请另填一个简称（考核表、文件名和命令行按简称区分单位）";

/// Why a full name must differ from every other active unit's short name, said after the clash.
pub const NAME_ADVICE: &str =
    "，请另取名称，或先改那个单位的简称（考核表、文件名和命令行按简称区分单位）";

/// True for characters that print nothing and change how text around them reads: zero-width
/// and direction marks, the byte-order mark, soft hyphens, tag characters, private-use code
/// points and noncharacters. Pasted from web pages or chat, they make two names that look
/// the same differ.
#[must_use]
pub fn is_invisible(c: char) -> bool {
    let code = u32::from(c);
    matches!(
        code,
        0x00AD
            | 0x061C
            | 0x180E
            | 0x200B..=0x200F
            | 0x2028..=0x202E
            | 0x2060..=0x206F
            | 0xFEFF
            | 0xFFF9..=0xFFFB
            | 0xE000..=0xF8FF
            | 0xFDD0..=0xFDEF
            | 0xE0000..=0xE007F
            | 0xF0000..
    ) || code & 0xFFFE == 0xFFFE
}

/// What is said of a person's name that is a number or a date; an import adds where it most
/// likely came from ([`SPREADSHEET_NUMBER_HINT`]).
pub const NOT_A_NAME: &str = "不像姓名，像是数字或日期";

/// What is said of a unit's name that is a number or a date (a name column shifted, or a cell
/// read as a date); an import adds [`SPREADSHEET_NUMBER_HINT`].
pub const NOT_A_UNIT_NAME: &str = "不像单位名称，像是数字或日期";

/// Why a spreadsheet gives a number or a date where a name or phone number belongs.
pub const SPREADSHEET_NUMBER_HINT: &str = "（表格中该列可能被设成了日期或数值格式）";

/// True for a person's name field holding only digits and the marks of a date or a number
/// ("2025-03-01", "45658", also in full-width digits "１２３"): a spreadsheet cell read as a
/// date or a number, not a name.
pub(crate) fn is_number_or_date(value: &str) -> bool {
    let value = super::collation::ascii_number(value.trim());
    let value = value.trim();
    value.chars().any(|c| c.is_ascii_digit())
        && value
            .chars()
            .all(|c| c.is_ascii_digit() || "-/.: 年月日".contains(c))
}

/// `text` without the zero-width characters a copy brings along unseen (see
/// [`UnitDraft::trimmed`](super::unit::UnitDraft::trimmed)).
#[must_use]
pub fn without_zero_width(text: &str) -> String {
    text.chars()
        .filter(|c| !matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
        .collect()
}

/// What is said of a field holding an invisible character.
pub(super) fn invisible_message(label: &str, c: char) -> String {
    format!(
        "{label}中含有看不见的字符（U+{:04X}），多半是从网页或聊天软件复制带来的，请删去后重新输入",
        u32::from(c)
    )
}
