//! A unit's 联系电话 as the register takes it: half-width digits, the marks a number is
//! written with (- ( ) + and 转 before an extension), one number or several separated by "、",
//! each of 3 to 20 digits. Refused with a Chinese message that says what to type; a landline
//! whose leading 0 a spreadsheet dropped is recognised.

/// What is said of a phone number that is a date; an import adds where it most likely came
/// from ([`SPREADSHEET_DATE_HINT`]).
pub const PHONE_LIKE_A_DATE: &str = "像是日期，不像电话号码";

/// Why a spreadsheet gives a date where a phone number belongs, and what to do.
pub const SPREADSHEET_DATE_HINT: &str = "（表格中该列可能被设成了日期格式，请设为文本后重新输入）";

/// `phone` without the spaces and separators at its ends ("0399-8610000、" as
/// "0399-8610000"), two numbers separated by "、" however they were typed apart (a comma or
/// semicolon, full- or half-width), as it is stored and as the messages ask for it.
#[must_use]
pub fn tidy(phone: &str) -> String {
    phone
        .trim_matches(|c: char| c.is_whitespace() || PHONE_SEPARATORS.contains(&c))
        .chars()
        .map(|c| {
            if matches!(c, '，' | ',' | '；' | ';') {
                '、'
            } else {
                c
            }
        })
        .collect()
}

/// Why `phone` is not taken, in Chinese; `None` when it is (or is empty).
#[must_use]
pub fn problem(phone: &str) -> Option<String> {
    if phone
        .chars()
        .any(|c| ('０'..='９').contains(&c) || c == '－')
    {
        return Some("联系电话请用半角数字和“-”（输入法切换到半角后再输入）".to_owned());
    }
    let allowed = |c: char| {
        c.is_ascii_digit()
            || matches!(c, '-' | ' ' | '(' | ')' | '（' | '）' | '+' | '转')
            || PHONE_SEPARATORS.contains(&c)
    };
    // A date typed with slashes or dots ("2025/3/4") is said as one, not as the short
    // numbers its "/" would part it into (one with "-" is left to `entry_problem`: stored
    // before that rule, it stays a stored value).
    if phone.contains(['/', '.']) && (is_date(phone.trim()) || is_month_and_day(phone.trim())) {
        return Some(format!("联系电话“{}”{PHONE_LIKE_A_DATE}", phone.trim()));
    }
    if !phone.trim().chars().all(allowed) {
        return Some(
            "联系电话只能包含数字、空格、括号、“-”、“+”和分机号前的“转”；两个号码之间用“、”隔开"
                .to_owned(),
        );
    }
    numbers_problem(phone)
}

/// What may stand between two phone numbers ("0399-8610000、13800001111").
const PHONE_SEPARATORS: [char; 6] = ['、', '/', '，', ',', '；', ';'];

/// Fewest and most digits of one phone number (a 3-digit hotline or an office's 4- to 6-digit
/// 短号; a long number with an extension).
const PHONE_DIGITS: std::ops::RangeInclusive<usize> = 3..=20;

/// Why a phone field of allowed characters still is no phone number: a number (of those
/// separated by "、") with too few or too many digits; `None` when each is one, or the field is
/// empty. A separator left at the end or typed twice holds no number and is passed over.
fn numbers_problem(phone: &str) -> Option<String> {
    (phone.split(PHONE_SEPARATORS))
        .map(str::trim)
        .filter(|number| !number.is_empty())
        .find_map(number_problem)
}

/// Why one number has too few or too many digits, or a 转 after a number with no extension
/// after it (or a second 转).
fn number_problem(number: &str) -> Option<String> {
    if let Some((main, extension)) = number.split_once('转')
        && main.chars().filter(char::is_ascii_digit).count() >= *PHONE_DIGITS.start()
        && (!extension.chars().any(|c| c.is_ascii_digit()) || extension.contains('转'))
    {
        return Some(format!(
            "联系电话“{number}”的“转”后应写分机号，如 0399-8610000转123；没有分机号请删去“转”"
        ));
    }
    let digits = number.chars().filter(char::is_ascii_digit).count();
    let (fewest, most) = (*PHONE_DIGITS.start(), *PHONE_DIGITS.end());
    if digits < fewest {
        Some(format!(
            "联系电话“{number}”不像一个电话号码：至少应有 {fewest} 位数字，如 0399-8610000、13800001111 或短号 6123"
        ))
    } else if digits > most {
        Some(format!(
            "联系电话“{number}”有 {digits} 位数字，太长了：两个号码之间请用“、”隔开"
        ))
    } else {
        None
    }
}

/// What a phone field typed or imported most likely is not, once [`problem`] takes it: a
/// date (a date cell of a spreadsheet reads "2025-01-02"), or a mobile number a digit short
/// or long (of its numbers separated by "、", the first such).
#[must_use]
pub fn entry_problem(phone: &str) -> Option<String> {
    (phone.split(PHONE_SEPARATORS))
        .map(str::trim)
        .filter(|number| !number.is_empty())
        .find_map(|number| {
            let digits = number.chars().filter(char::is_ascii_digit).count();
            if is_date(number) {
                Some(format!("联系电话“{number}”{PHONE_LIKE_A_DATE}"))
            } else if lost_leading_zero(number) || area_code_without_zero(number) {
                Some(format!(
                    "联系电话“{number}”像是少了开头“0”的固定电话（区号以 0 开头，如 0399）：请核对，如 0{number}"
                ))
            } else if number.starts_with('1')
                && !number.starts_with("10")
                && number.chars().all(|c| c.is_ascii_digit())
                // Hotlines (110, 12350) and 短号 are shorter: from seven digits on, a mobile.
                && digits >= 7
                && digits != 11
            {
                Some(format!(
                    "联系电话“{number}”有 {digits} 位数字：手机号码应为 11 位，请核对"
                ))
            } else {
                None
            }
        })
}

/// True for "3/5" (or "3.5"): a month and day, as a spreadsheet shows a date of this year.
fn is_month_and_day(text: &str) -> bool {
    let Some((month, day)) = text.split_once(['/', '.']) else {
        return false;
    };
    let number = |part: &str, most: u32| {
        part.len() <= 2
            && part.chars().all(|c| c.is_ascii_digit())
            && part.parse::<u32>().is_ok_and(|n| (1..=most).contains(&n))
    };
    number(month, 12) && number(day, 31)
}

/// True for "2025-01-02": a date, as a date cell of a spreadsheet reads (or as typed with
/// "/" or "." between its parts, "2025/3/4").
fn is_date(number: &str) -> bool {
    let parts: Vec<&str> = number.split(['-', '/', '.']).collect();
    let [year, month, day] = parts.as_slice() else {
        return false;
    };
    let value = |text: &str| {
        (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
            .then(|| text.parse::<u32>().ok())
            .flatten()
    };
    year.len() == 4
        && matches!(
            (value(year), value(month), value(day)),
            (Some(1900..=2100), Some(1..=12), Some(1..=31))
        )
}

/// True for a number of 9 to 11 digits that starts with neither 0 nor 1 (a mobile number)
/// nor 400 or 800 (service numbers): a landline with its area code whose leading 0 a
/// spreadsheet dropped, as "0399-8610185" typed into a number cell comes out "3998610185".
#[must_use]
pub fn lost_leading_zero(value: &str) -> bool {
    let value = value.trim();
    (9..=11).contains(&value.len())
        && value.bytes().all(|b| b.is_ascii_digit())
        && !value.starts_with(['0', '1'])
        && !value.starts_with("400")
        && !value.starts_with("800")
}

/// True for a landline written with its area code apart ("399-8611147") whose area code does
/// not start with 0: typed without it (a dash keeps a spreadsheet from dropping it). Not
/// 400 and 800 numbers, nor a mobile number split up ("139-1234-5678").
#[must_use]
pub fn area_code_without_zero(value: &str) -> bool {
    let mut parts = value.trim().split(['-', '－', '—']);
    let (Some(area), Some(local)) = (parts.next(), parts.next()) else {
        return false;
    };
    let all_digits = |part: &str| !part.is_empty() && part.bytes().all(|b| b.is_ascii_digit());
    all_digits(area)
        && all_digits(local)
        && (2..=3).contains(&area.len())
        && (7..=8).contains(&local.len())
        && !area.starts_with('0')
        // Beijing's 010 without its 0; other numbers starting with 1 are no area codes.
        && (area == "10" || !area.starts_with('1'))
        && !matches!(area, "400" | "800")
}

/// The digits of a phone number, without its dashes, spaces and brackets, for comparing two
/// ways of writing it.
#[must_use]
pub fn digits(phone: &str) -> String {
    phone.chars().filter(char::is_ascii_digit).collect()
}

/// True when `value` is `stored` with its leading 0 dropped and its marks gone ("3998610000"
/// for "0399-8610000"): a register exported, opened in Excel and imported back, the number
/// the unit has already.
#[must_use]
pub fn is_stored_without_zero(value: &str, stored: &str) -> bool {
    lost_leading_zero(value) && digits(stored).strip_prefix('0') == Some(value.trim())
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_area_code_typed_without_its_zero_is_known() {
        for typed in ["399-8611147", "10-62345678", "21－12345678"] {
            assert!(super::area_code_without_zero(typed), "{typed}");
        }
        for fine in [
            "0399-8611147",
            "400-8001234",
            "139-1234-5678",
            "8611147",
            "399-12",
        ] {
            assert!(!super::area_code_without_zero(fine), "{fine}");
        }
        assert!(
            (super::entry_problem("399-8611147").unwrap()).contains("像是少了开头“0”的固定电话"),
        );
    }

    #[test]
    fn a_stored_number_without_its_zero_is_known() {
        assert!(super::is_stored_without_zero("3998610000", "0399-8610000"));
        assert!(!super::is_stored_without_zero("3998610001", "0399-8610000"));
        assert!(!super::is_stored_without_zero("3998610000", ""));
    }

    #[test]
    fn a_separator_at_either_end_is_dropped() {
        assert_eq!(super::tidy(" 0399-8610000、 "), "0399-8610000");
        assert_eq!(
            super::tidy("、0399-8610000；13800001111，"),
            "0399-8610000、13800001111"
        );
        // Apart by a comma, full- or half-width, as the messages ask: by "、".
        assert_eq!(
            super::tidy("0399-8610555,13800138000，13900001111"),
            "0399-8610555、13800138000、13900001111"
        );
    }

    #[test]
    fn a_phone_is_one_number_or_several() {
        let problem = |phone: &str| super::problem(phone);
        for good in [
            "",
            "0399-8610000",
            "13800001111",
            "(0399) 8610000转123",
            "0571-88881234、13800001111",
            "+86 138 0000 1111",
            "6123",
            "0399-8610000、",
            "、0399-8610000；",
            "0399-8610000、、13800001111、6123",
        ] {
            assert_eq!(problem(good), None, "{good}");
        }
        for no_extension in ["8610000转", "0399-8610000转 ", "8610000转12转3"] {
            assert!(
                problem(no_extension).is_some_and(|p| p.contains("“转”后应写分机号")),
                "{no_extension}"
            );
        }
        assert_eq!(
            problem("转").as_deref(),
            Some(
                "联系电话“转”不像一个电话号码：至少应有 3 位数字，如 0399-8610000、13800001111 或短号 6123"
            )
        );
        for bad in ["--", "()", "+", "1", "0399-8610000、12"] {
            assert!(problem(bad).unwrap().contains("不像一个电话号码"), "{bad}");
        }
        // A date cell, and a mobile a digit short or long.
        let entry = super::entry_problem;
        for date in ["2025-01-02", "2025-1-2", "0399-8610000、2025-01-02"] {
            assert!(entry(date).unwrap().contains("像是日期"), "{date}");
        }
        // A Beijing landline typed as a number (010-12345678) is no mobile.
        assert_eq!(entry("1012345678"), None);
        assert_eq!(entry("13800001111、0399-8610000"), None);
        assert_eq!(
            entry("1380013800").as_deref(),
            Some("联系电话“1380013800”有 10 位数字：手机号码应为 11 位，请核对")
        );
        assert!(
            entry("138001380001")
                .unwrap()
                .contains("手机号码应为 11 位")
        );
        // From seven digits on, a number starting with 1 is a mobile; hotlines are shorter.
        for wrong in ["1380000", "12345678901234"] {
            assert!(
                entry(wrong).unwrap().contains("手机号码应为 11 位"),
                "{wrong}"
            );
        }
        for hotline in ["110", "12350", "123456"] {
            assert_eq!(entry(hotline), None, "{hotline}");
        }
        // A date typed with slashes is said whole, as a date; so is a month and day.
        assert_eq!(
            problem("2025/3/4").as_deref(),
            Some("联系电话“2025/3/4”像是日期，不像电话号码")
        );
        assert_eq!(
            problem("3/5").as_deref(),
            Some("联系电话“3/5”像是日期，不像电话号码")
        );
        assert!(problem("13/5").unwrap().contains("不像一个电话号码"));
        assert_eq!(
            problem(&"1".repeat(30)).as_deref(),
            Some(
                "联系电话“111111111111111111111111111111”有 30 位数字，太长了：两个号码之间请用“、”隔开"
            )
        );
    }
}
