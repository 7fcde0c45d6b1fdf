//! Dates as clerks read and type them: shown "2025年3月5日"; typed that way, or as
//! 2025-03-05, 2025/3/5 or 2025.3.5.

use chrono::{Datelike as _, NaiveDate};

/// A date written the Chinese way, e.g. "2025年3月5日".
#[must_use]
pub fn show_date(date: NaiveDate) -> String {
    format!("{}年{}月{}日", date.year(), date.month(), date.day())
}

/// A moment written the Chinese way, e.g. "2025年3月5日 14:03".
#[must_use]
pub fn show_date_time(at: chrono::NaiveDateTime) -> String {
    format!("{} {}", show_date(at.date()), at.format("%H:%M"))
}

/// A moment to the second, e.g. "2025年3月5日 14:03:27", where two of one minute must be told
/// apart (backups, the operations a restore undid).
#[must_use]
pub fn show_date_time_with_seconds(at: chrono::NaiveDateTime) -> String {
    format!("{} {}", show_date(at.date()), at.format("%H:%M:%S"))
}

/// How the store writes a time: "2025-03-05 14:03:22".
pub const STORED_TIME: &str = "%Y-%m-%d %H:%M:%S";

/// A stored time "2025-03-05 14:03:22" written the Chinese way to the second (see
/// [`show_date_time_with_seconds`]); text that is not such a time is shown as it is.
#[must_use]
pub fn show_stored_time_with_seconds(text: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(text, STORED_TIME)
        .map_or_else(|_| text.to_owned(), show_date_time_with_seconds)
}

/// A stored time "2025-03-05 14:03:22" written the Chinese way (see [`show_date_time`]); text
/// that is not such a time is shown as it is.
#[must_use]
pub fn show_stored_time(text: &str) -> String {
    chrono::NaiveDateTime::parse_from_str(text, STORED_TIME)
        .map_or_else(|_| text.to_owned(), show_date_time)
}

/// Reads a typed date; None when it is not a real date in one of the accepted forms.
#[must_use]
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let (year, month, day) = date_parts(text)?;
    NaiveDate::from_ymd_opt(year, month, day)
}

/// For a date typed in an accepted form that is not on the calendar (2026-02-30), says so:
/// "2026年2月没有30日"; None for a real date or text in no accepted form.
#[must_use]
pub fn missing_day(text: &str) -> Option<String> {
    let (year, month, day) = date_parts(text)?;
    if NaiveDate::from_ymd_opt(year, month, day).is_some() {
        return None;
    }
    Some(if (1..=12).contains(&month) {
        format!("{year}年{month}月没有{day}日")
    } else {
        format!("没有{month}月")
    })
}

/// Why `text` is not a date, for the field called `what`: "签订日期有误：2026年2月没有30日" for
/// a day not on the calendar, else `otherwise` (how to write one).
#[must_use]
pub fn date_refusal(what: &str, text: &str, otherwise: impl FnOnce() -> String) -> String {
    missing_day(text).map_or_else(otherwise, |missing| format!("{what}有误：{missing}"))
}

/// [`date_refusal`] for a date that may be typed without its year ("2月30日"), read in
/// `year`: a day not on the calendar is named with that year ("2025年2月没有30日").
#[must_use]
pub fn date_refusal_in(
    what: &str,
    text: &str,
    year: i32,
    otherwise: impl FnOnce() -> String,
) -> String {
    // A month past 12 ("13月1日") is named too: read as a date of `year`, it has no such month.
    let is_month_day =
        month_day(text).is_some() || month_day_typed(text).is_some_and(|(m, _)| m < 100);
    let dated = if is_month_day {
        format!("{year}年{text}")
    } else {
        text.to_owned()
    };
    date_refusal(what, &dated, otherwise)
}

/// [`parse_date`], a date typed without its year ("3月5日") read in `year`.
#[must_use]
pub fn parse_date_in(text: &str, year: i32) -> Option<NaiveDate> {
    parse_date(text).or_else(|| {
        let (month, day) = month_day(text)?;
        NaiveDate::from_ymd_opt(year, month, day)
    })
}

/// Month and day of a date typed without its year ("3月5日", "3-5", "３月５日"), before the
/// calendar is asked; None for anything else.
#[must_use]
pub fn month_day(text: &str) -> Option<(u32, u32)> {
    // "2025-3" is a year and a month, not month 2025.
    month_day_typed(text).filter(|(month, _)| (1..=12).contains(month))
}

/// Month and day as typed without a year, whatever the month's number.
fn month_day_typed(text: &str) -> Option<(u32, u32)> {
    let normalised = super::collation::ascii_number(text.trim().trim_end_matches('日'));
    let (month, day) = normalised.split_once(['月', '-', '/', '／', '.'])?;
    Some((month.trim().parse().ok()?, day.trim().parse().ok()?))
}

/// Year, month and day as typed, before the calendar is asked.
fn date_parts(text: &str) -> Option<(i32, u32, u32)> {
    // Digits typed with a Chinese input method come full width: ２０２５／３／５.
    let normalised: String = super::collation::ascii_number(text.trim().trim_end_matches('日'))
        .chars()
        .map(|c| match c {
            '年' | '月' | '/' | '／' | '.' => '-',
            other => other,
        })
        .collect();
    // 20250305, as clerks type it into spreadsheets.
    if normalised.len() == 8 && normalised.bytes().all(|b| b.is_ascii_digit()) {
        let number = |range: std::ops::Range<usize>| normalised.get(range)?.parse::<u32>().ok();
        let year = i32::try_from(number(0..4)?).ok()?;
        return Some((year, number(4..6)?, number(6..8)?));
    }
    let mut parts = normalised.split('-').map(str::trim);
    let year = parts.next()?.parse().ok()?;
    let month = parts.next()?.parse().ok()?;
    let day = parts.next()?.parse().ok()?;
    if parts.next().is_some() {
        return None;
    }
    Some((year, month, day))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_not_on_the_calendar_is_named() {
        assert_eq!(
            missing_day("2026-02-30").as_deref(),
            Some("2026年2月没有30日")
        );
        assert_eq!(missing_day("2026年13月1日").as_deref(), Some("没有13月"));
        assert_eq!(missing_day("2024-02-29"), None);
        assert_eq!(missing_day("明天"), None);
        // Typed without its year, read in the agreements' year.
        let refusal =
            |text: &str| date_refusal_in("打印日期", text, 2026, || "如何写".to_owned());
        assert_eq!(refusal("13月1日"), "打印日期有误：没有13月");
        assert_eq!(refusal("2月30日"), "打印日期有误：2026年2月没有30日");
        assert_eq!(refusal("2025-3"), "如何写");
        assert_eq!(refusal("下周一"), "如何写");
    }

    #[test]
    fn a_date_without_its_year_is_told_apart() {
        assert_eq!(month_day("3月5日"), Some((3, 5)));
        assert_eq!(month_day("３月５日"), Some((3, 5)));
        assert_eq!(month_day("3-5"), Some((3, 5)));
        assert_eq!(month_day("2025-03-05"), None);
        assert_eq!(month_day("20250305"), None);
        assert_eq!(month_day("三月"), None);
    }

    #[test]
    fn times_read_the_chinese_way() {
        assert_eq!(
            show_stored_time("2025-03-05 14:03:22"),
            "2025年3月5日 14:03"
        );
        assert_eq!(show_stored_time("不是时间"), "不是时间");
    }

    #[test]
    fn every_accepted_form_reads_the_same_date() {
        let date = NaiveDate::from_ymd_opt(2025, 3, 5).unwrap();
        for text in [
            "2025-03-05",
            "2025-3-5",
            "2025/3/5",
            "2025.03.05",
            "2025年3月5日",
            " 2025年03月05日 ",
            "２０２５年３月５日",
            "２０２５／３／５",
            "20250305",
        ] {
            assert_eq!(parse_date(text), Some(date), "{text}");
        }
        assert_eq!(show_date(date), "2025年3月5日");
    }

    #[test]
    fn impossible_or_partial_dates_are_refused() {
        for text in [
            "",
            "2025",
            "2025-02-30",
            "2025-13-01",
            "三月五日",
            "2025-3-5-1",
            "2025035",
            "202503050",
        ] {
            assert_eq!(parse_date(text), None, "{text}");
        }
    }
}
