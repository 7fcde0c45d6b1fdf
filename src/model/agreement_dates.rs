//! The dates of an agreement's printing and signing: the date a form offers, what is refused
//! (before 定稿, outside the year) or warned about, and entries made late (补录).

use super::agreement::Agreement;
use super::dates::show_date;

/// The signing date a form offers for `agreements`: today when it is a good date for each of
/// them and their year has not passed, else none (entering a past year's signings late, the
/// clerk types the true date rather than correct a wrong one offered; an agreement issued late
/// in this program would otherwise take today as a good date).
#[must_use]
pub fn offered_signing_date<'a>(
    agreements: impl IntoIterator<Item = &'a Agreement>,
    today: chrono::NaiveDate,
) -> Option<chrono::NaiveDate> {
    agreements
        .into_iter()
        .all(|agreement| {
            chrono::Datelike::year(&today) <= agreement.draft.year
                && signing_date_problem(agreement, today, today).is_none()
        })
        .then_some(today)
}

/// Why `signed_on` cannot be `agreement`'s signing date when today is `today`, in Chinese: an
/// agreement for a year is signed in that year or the one before (offices sign at the year's
/// safety meeting, often in December), in a later year only when it was issued that late, and
/// not later than today. (A date before its 定稿 or printing is a catch-up, see
/// [`signing_date_note`].)
#[must_use]
pub fn signing_date_problem(
    agreement: &Agreement,
    signed_on: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Option<String> {
    let shown = show_date(signed_on);
    let year = agreement.draft.year;
    let signed_year = chrono::Datelike::year(&signed_on);
    // An agreement issued late (定稿 or printed after its year) is signed after it, too.
    let last_year = [agreement.finalized_on, agreement.printed_on]
        .into_iter()
        .flatten()
        .map(|day| chrono::Datelike::year(&day))
        .fold(year, i32::max);
    // A day still to come is said as such first: it is the likelier slip.
    if signed_on > today {
        return Some(format!(
            "签订日期 {shown} 晚于今天（{}），不能预先登记，请检查",
            show_date(today)
        ));
    }
    if signed_year > last_year || signed_year < year - 1 {
        return Some(format!(
            "签订日期 {shown} 不在 {year} 年度责任书的签订期内（应在 {} 年至 {last_year} 年），请检查",
            year - 1
        ));
    }
    None
}

/// Why `printed_on` cannot be the day `agreement` was printed when today is `today`, in
/// Chinese: signature copies are printed in the year before the agreement's year at the
/// earliest (for a December safety meeting), and not later than today.
#[must_use]
pub fn printing_date_problem(
    agreement: &Agreement,
    printed_on: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Option<String> {
    let year = agreement.draft.year;
    let shown = show_date(printed_on);
    if chrono::Datelike::year(&printed_on) < year - 1 {
        return Some(format!(
            "打印日期 {shown} 早于 {year} 年度责任书的签订期（{} 年起），请检查",
            year - 1
        ));
    }
    if printed_on > today {
        return Some(format!(
            "打印日期 {shown} 晚于今天（{}），请检查",
            show_date(today)
        ));
    }
    None
}

/// The printing date a form offers for `agreements`: today, unless today is past their year
/// (entering a past year's printing late, the clerk types the true date instead).
#[must_use]
pub fn offered_printing_date<'a>(
    agreements: impl IntoIterator<Item = &'a Agreement>,
    today: chrono::NaiveDate,
) -> Option<chrono::NaiveDate> {
    agreements
        .into_iter()
        .all(|agreement| chrono::Datelike::year(&today) <= agreement.draft.year)
        .then_some(today)
}

/// What is unusual about `signed_on` without being wrong: a date before the agreement's 定稿
/// or printing in this program is a paper copy signed before it was entered here (a catch-up
/// when an office starts using the program mid-year, or a typo), said with the signing.
#[must_use]
pub fn signing_date_note(agreement: &Agreement, signed_on: chrono::NaiveDate) -> Option<String> {
    let (what, day) = catch_up(agreement, signed_on)?;
    Some(format!(
        "签订日期 {} 早于{what} {}，已按补录登记（操作记录中注明“补录”）；如是笔误，请用“修改签订信息…”更正",
        show_date(signed_on),
        show_date(day)
    ))
}

/// The same said before the signing is saved, while the date can still be changed.
#[must_use]
pub fn signing_date_warning(agreement: &Agreement, signed_on: chrono::NaiveDate) -> Option<String> {
    let (what, day) = catch_up(agreement, signed_on)?;
    Some(format!(
        "注意：签订日期 {} 早于这份责任书{what} {}；保存后{CATCH_UP}",
        show_date(signed_on),
        show_date(day)
    ))
}

/// What happens to a signing dated before its 定稿 or printing here, said before it is saved.
pub const CATCH_UP: &str = "按补录登记（纸质件先签好、后在本程序中补登时如此），如是笔误请改正日期";

/// True when `printed_on` is before the agreement's 定稿 in this program: copies printed on
/// paper before the agreement was entered here (a catch-up), or a typo. Not wrong, so not
/// refused; said before it is saved and with the result.
#[must_use]
pub fn printed_before_finalized(agreement: &Agreement, printed_on: chrono::NaiveDate) -> bool {
    agreement.finalized_on.is_some_and(|day| printed_on < day)
}

/// The `agreements` whose id is among `ids`, in their own order. The ids are made a set once,
/// so that a dialog over thousands of ticked agreements stays quick frame after frame.
pub fn among<'a>(
    agreements: &'a [Agreement],
    ids: &[i64],
) -> impl Iterator<Item = &'a Agreement> + use<'a> {
    let wanted: std::collections::HashSet<i64> = ids.iter().copied().collect();
    agreements.iter().filter(move |a| wanted.contains(&a.id))
}

/// The ids of the `agreements` with an id in `ids` that a printing on `printed_on` dates
/// before their 定稿 here (see [`printed_before_finalized`]), in the agreements' order.
#[must_use]
pub fn printed_catch_up_ids(
    agreements: &[Agreement],
    ids: &[i64],
    printed_on: chrono::NaiveDate,
) -> Vec<i64> {
    among(agreements, ids)
        .filter(|a| printed_before_finalized(a, printed_on))
        .map(|a| a.id)
        .collect()
}

/// How many of them there are (see [`printed_catch_up_ids`]).
#[must_use]
pub fn printed_catch_ups(
    agreements: &[Agreement],
    ids: &[i64],
    printed_on: chrono::NaiveDate,
) -> usize {
    printed_catch_up_ids(agreements, ids, printed_on).len()
}

/// What happens to a printing dated before its 定稿 here, said before it is saved.
pub const PRINT_CATCH_UP: &str = "按补录登记（纸质件先印、后录入时如此），如是笔误请改正日期";

/// The step in this program (打印, else 定稿) dated after `signed_on`, and its day: the
/// printing first, the date the clerk gave for the paper copies, which a signing can least
/// come before.
fn catch_up(
    agreement: &Agreement,
    signed_on: chrono::NaiveDate,
) -> Option<(&'static str, chrono::NaiveDate)> {
    [
        ("登记的打印日期", agreement.printed_on),
        ("在本程序中定稿的日期", agreement.finalized_on),
    ]
    .into_iter()
    .find_map(|(what, day)| day.filter(|&day| signed_on < day).map(|day| (what, day)))
}
