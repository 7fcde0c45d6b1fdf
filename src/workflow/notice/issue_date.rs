//! The notice's 成文日期 and its publication: the date a notice carries by default and why,
//! the date kept once the notice is issued, the usual dates for a year, and what is said when
//! the results changed after they were published.

use chrono::NaiveDate;

use crate::store::{Store, StoreError};

/// The settings key of the date the last notice of `year` was exported with, `YYYY-MM-DD`.
#[must_use]
pub fn issue_date_key(year: i32) -> String {
    crate::store::notice_date_key(year)
}

/// Where the date a notice carries by default comes from (see [`default_issue_date`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IssueDateSource {
    /// The date of the notice issued (see [`issued_date`]), which later exports keep.
    Issued,
    /// The date the year's last notice was exported with.
    LastNotice,
    /// The day the year's results were published (已通报).
    Published,
    /// Today: no notice exported yet and no day of publication recorded.
    Today,
    /// The first day results are usually dated (1 December of the year): today is before it,
    /// a day the notice cannot carry (a draft made early, for the year still ahead).
    SeasonStart,
    /// The date of the notice issued before the results were withdrawn (see
    /// [`correction_floor`]): the date otherwise offered was before it.
    IssuedBefore,
}

impl IssueDateSource {
    /// Where the date comes from, in a clerk's words.
    #[must_use]
    pub fn explanation(self) -> &'static str {
        match self {
            Self::Issued => "该年度已印发通报的成文日期，不能更改",
            Self::LastNotice => "该年度上次导出通报时所用的日期",
            Self::Published => "该年度发布考核结果之日",
            Self::Today => {
                "今天：该年度还没有导出过记下日期的通报（发布前的校对稿不记日期），也没有记下结果通报之日"
            }
            Self::SeasonStart => {
                "该年度 12 月 1 日：今天还在该年度之前，通报的成文日期不能早于该年度；请按实际印发之日修改"
            }
            Self::IssuedBefore => {
                "此前印发的通报的成文日期：更正的通报不能早于这一天；请按实际印发之日修改"
            }
        }
    }
}

/// The date a notice of `year` carries unless the clerk gives another: the date its last
/// notice was exported with (once published, or chosen for a proofreading draft: then the draft
/// checked and the official copy carry one date), else the day its results were published
/// (已通报), else today.
pub fn default_issue_date(store: &Store, year: i32) -> Result<NaiveDate, StoreError> {
    Ok(default_issue_date_and_source(store, year)?.0)
}

/// [`default_issue_date`] and where it comes from, for a hint that says why.
pub fn default_issue_date_and_source(
    store: &Store,
    year: i32,
) -> Result<(NaiveDate, IssueDateSource), StoreError> {
    let stored = |key: String| -> Result<Option<NaiveDate>, StoreError> {
        Ok(store
            .setting(&key)?
            .and_then(|text| crate::model::dates::parse_date(&text)))
    };
    if let Some(date) = issued_date(store, year) {
        return Ok((date, IssueDateSource::Issued));
    }
    let (date, source) = offered_date(year, stored)?;
    // A correction is not offered a day before the notice it corrects.
    Ok(match correction_floor(store, year) {
        Some(floor) if date < floor => (floor, IssueDateSource::IssuedBefore),
        _ => (date, source),
    })
}

/// The date offered for a notice of `year` not issued: the last one's, the day of
/// publication, or today (see [`default_issue_date`]); `stored` reads a date setting.
fn offered_date(
    year: i32,
    stored: impl Fn(String) -> Result<Option<NaiveDate>, StoreError>,
) -> Result<(NaiveDate, IssueDateSource), StoreError> {
    if let Some(date) = stored(issue_date_key(year))? {
        return Ok((date, IssueDateSource::LastNotice));
    }
    if let Some(date) = stored(crate::store::published_on_key(year))? {
        return Ok((date, IssueDateSource::Published));
    }
    let today = chrono::Local::now().date_naive();
    // Today before the year itself (a draft of a year still ahead) is a date the export
    // refuses: offered is the season's first day instead.
    match chrono::NaiveDate::from_ymd_opt(year, 12, 1) {
        Some(season) if chrono::Datelike::year(&today) < year => {
            Ok((season, IssueDateSource::SeasonStart))
        }
        _ => Ok((today, IssueDateSource::Today)),
    }
}

/// Remembers the date a notice of `year` was exported with, for the next one; a window or a
/// command that cannot write leaves it (the notice was written all the same). A draft printed
/// for proofreading before the results are published, on the date offered (`is_chosen` false),
/// fixes nothing: the official copy is dated when it is made.
pub fn remember_issue_date(store: &mut Store, year: i32, date: NaiveDate, is_chosen: bool) {
    if store.read_only_reason().is_some() {
        return;
    }
    let is_published = store.is_published(year).unwrap_or(false);
    if !is_published && !is_chosen {
        return;
    }
    let key = issue_date_key(year);
    let text = date.format("%Y-%m-%d").to_string();
    if store.setting(&key).ok().flatten().as_deref() != Some(text.as_str()) {
        let _ = store.write(|w| w.set_setting(&key, &text));
    }
}

/// The date of `year`'s issued notice: once its results are published (已通报) and the notice
/// was exported since, every later export is a copy of that notice and carries its date.
/// `None` while no notice has been issued (a draft's date, or a date before publishing, is
/// still open).
#[must_use]
pub fn issued_date(store: &Store, year: i32) -> Option<NaiveDate> {
    if !store.notice_issued_since_published(year).unwrap_or(false) {
        return None;
    }
    store
        .setting(&issue_date_key(year))
        .ok()
        .flatten()
        .and_then(|text| crate::model::dates::parse_date(&text))
}

/// When `year`'s results were published and its notice dated, while it is 已通报: "考核结果于
/// 2025年3月18日 发布；通报成文日期 2025年3月20日（已印发，不能更改）"; `None` for a year not
/// published (or not on file).
///
/// # Errors
/// The store's, reading the year and its settings.
pub fn publication(store: &Store, year: i32) -> Result<Option<String>, StoreError> {
    if !store.is_published(year)? {
        return Ok(None);
    }
    let show = crate::model::dates::show_date;
    let published_on = (store.setting(&crate::store::published_on_key(year))?)
        .and_then(|text| crate::model::dates::parse_date(&text));
    let published = published_on.map_or_else(
        || "考核结果已发布".to_owned(),
        // "发布", as the button says: "通报" twice in one line would read as a slip.
        |day| format!("考核结果于 {} 发布", show(day)),
    );
    let notice = issued_date(store, year).map_or_else(
        || "通报尚未正式导出：导出时定下成文日期".to_owned(),
        |date| format!("通报成文日期 {}（已印发，不能更改）", show(date)),
    );
    Ok(Some(format!("{published}；{notice}")))
}

/// Why `year`'s notice cannot be exported dated `date`: its notice was issued with another
/// date (see [`issued_date`]), and the way to a new date is to publish again; or it was not
/// issued yet and the store is read-only, so the date of this first official copy could not
/// be kept, and the next export could carry another.
#[must_use]
pub fn issued_date_refusal(store: &Store, year: i32, date: NaiveDate) -> Option<String> {
    if let Some(issued) = issued_date(store, year) {
        return (issued != date).then(|| issued_date_note(year, issued));
    }
    // Published again, nothing issued since: a number a notice was issued under before
    // (before a withdrawal) would name two different documents.
    if store.is_published(year).unwrap_or(false)
        && let Some(reused) = super::reused_number_refusal(store, year)
    {
        return Some(reused);
    }
    if let Some(floor) = correction_floor(store, year).filter(|floor| date < *floor) {
        return Some(correction_floor_note(year, floor));
    }
    let reason = store.read_only_reason()?;
    store.is_published(year).unwrap_or(false).then(|| {
        format!(
            "{year} 年度的结果已通报，现在导出的就是印发的通报，它的成文日期要记入数据库，以后再导出的都用这个日期；但数据库现在只读，记不下来。只读的原因：{reason}。请在能写入数据库时再导出，以免印发两份日期不同的通报"
        )
    })
}

/// The earliest date a notice of `year` can carry as the correction of one issued before:
/// that one's 成文日期, while no notice was issued since the year was withdrawn (the draft of
/// the correction too: a date before it could never be used); `None` otherwise.
#[must_use]
pub fn correction_floor(store: &Store, year: i32) -> Option<NaiveDate> {
    if issued_date(store, year).is_some() {
        return None;
    }
    let text = store.last_issued_notice_date(year).ok().flatten()?;
    crate::model::dates::parse_date(&text)
}

/// Why a notice of `year` withdrawn (its draft, or published again) cannot be dated before
/// `issued`, the date of the notice it corrects.
#[must_use]
pub fn correction_floor_note(year: i32, issued: NaiveDate) -> String {
    let show = crate::model::dates::show_date;
    format!(
        "{year} 年度此前印发的通报成文日期为 {}，更正的通报在它之后印发，成文日期不能早于这一天：请改为 {} 或以后",
        show(issued),
        show(issued)
    )
}

/// What the notice's export dialog says before the first export of a published `year`'s
/// notice: that export is the notice issued, and the date chosen stays with it.
#[must_use]
pub fn first_issue_note(year: i32) -> String {
    format!(
        "注意：{year} 年度的结果已通报，这次导出的就是印发的通报：所填成文日期记入数据库，以后再导出都用这个日期，不能再改；请先核对日期"
    )
}

/// Says that `year`'s notice was issued dated `issued`, so that its date stays.
#[must_use]
pub fn issued_date_note(year: i32, issued: NaiveDate) -> String {
    format!(
        "{year} 年度的结果已通报，通报已按成文日期 {} 导出印发，再次导出的是同一份通报，日期不变；如确需改日期，须另行成文：请先在“设置 → 年度设置”中把年度阶段改回“考核”，在“通报措辞…”中改用新的发文字号，再重新发布",
        crate::model::dates::show_date(issued)
    )
}

/// The date of `year`'s issued notice, kept for a file that is not that notice any more (its
/// results changed since): only that the date stays, and how to change it.
#[must_use]
pub fn issued_date_kept_note(year: i32, issued: NaiveDate) -> String {
    format!(
        "{year} 年度的通报已按成文日期 {} 印发，再次导出日期不变；如确需改日期，须另行成文：请先在“设置 → 年度设置”中把年度阶段改回“考核”，在“通报措辞…”中改用新的发文字号，再重新发布",
        crate::model::dates::show_date(issued)
    )
}

/// What stays the same as on the notice issued: its date, and its 文号 when it has one.
fn kept_of_issued(has_number: bool) -> &'static str {
    if has_number {
        "文号和日期相同"
    } else {
        "日期相同"
    }
}

/// What the notice's export dialog says before a notice of `year` is exported whose results
/// were changed `count` times since they were published: the file will not be the notice
/// issued (printed under its date, and its 文号 if `has_number`).
#[must_use]
pub fn changed_notice_note(year: i32, count: usize, has_number: bool) -> String {
    format!(
        "注意：{year} 年度的结果在通报后又修改过 {count} 次，这次导出的文件按现在的结果生成，与已印发的通报内容不同（{}），不是那份通报的副本，每页将印有“非印发件”；如需印发更正，请先在“设置 → 年度设置”中把年度阶段改回“考核”，改标题和发文字号后再发布",
        kept_of_issued(has_number)
    )
}

/// What an export of `year`'s notice says when its results were changed after they were
/// published: the file shows the results as they are now, under the 文号 and date of the
/// notice issued, so it is no copy of that notice; a correction is issued as a notice of its
/// own. `None` when nothing changed since (or the year is not published).
pub fn changed_since_published(store: &Store, year: i32) -> Option<String> {
    let changes = store.changes_since_published(year).ok().flatten()?;
    // Withdrawn already (back at 考核): the phase is where a correction starts.
    let is_withdrawn = (store.year(year).ok().flatten())
        .is_some_and(|y| y.phase != crate::model::Phase::Published);
    let (mark, way) = if is_withdrawn {
        (
            "草稿",
            "本年度已撤回通报、回到“考核”阶段：如需印发更正，请在“通报与统计 → 通报措辞…”中改标题和发文字号后再发布",
        )
    } else {
        (
            crate::pdf::notice::ALTERED,
            "如需印发更正，请先在“设置 → 年度设置”中把年度阶段改回“考核”，在“通报与统计 → 通报措辞…”中改标题和发文字号后再发布",
        )
    };
    let has_number =
        (super::wording(store, year).ok()).is_some_and(|w| !w.document_number.trim().is_empty());
    Some(format!(
        "注意：{year} 年度的结果在通报后又修改过 {} 次（评分、加扣分或一票否决），本文件按现在的结果生成，与已印发的通报不同（{}），每页印有“{mark}”；{way}",
        changes.count,
        kept_of_issued(has_number)
    ))
}

/// True when `year`'s notice was issued and the results it shows were changed since: a notice
/// exported now is no copy of it, and is marked so (see [`changed_since_published`]).
#[must_use]
pub fn is_altered_since_issued(store: &Store, year: i32) -> bool {
    issued_date(store, year).is_some()
        && (store.changes_since_published(year).ok().flatten()).is_some_and(|c| c.count > 0)
}

/// Records that `year`'s `file` (the notice or the summary) was exported now to `path`, so
/// that the 通报与统计 screen can say when later changes to the results make it out of date,
/// and the 操作记录 names the file; a window or a command that cannot write leaves it (the file
/// was written all the same).
pub fn remember_export(
    store: &mut Store,
    year: i32,
    file: crate::store::ResultFile,
    path: &std::path::Path,
) {
    if store.read_only_reason().is_some() {
        return;
    }
    let name = crate::io::files::file_name_text(path);
    let is_issued =
        file == crate::store::ResultFile::Notice && store.is_published(year).unwrap_or(false);
    // The issued notice's 文号, kept so that publishing again is warned against reusing it,
    // and its date, so that a correction is not dated before it.
    let number = is_issued
        .then(|| super::wording(store, year).ok())
        .flatten()
        .map(|wording| wording.document_number.trim().to_owned())
        .filter(|number| !number.is_empty());
    let date = is_issued
        .then(|| store.setting(&issue_date_key(year)).ok())
        .flatten()
        .flatten();
    let issued = crate::store::IssuedAs {
        document_number: number.as_deref(),
        date: date.as_deref(),
    };
    let _ = store.write(|w| w.record_result_export(year, (file, &name), issued));
}

/// The day `year`'s results were marked published (已通报), while they are (a year taken
/// back to 考核 keeps the day it was published on, but is not published now).
#[must_use]
pub fn published_on(store: &Store, year: i32) -> Option<NaiveDate> {
    if !store.is_published(year).unwrap_or(false) {
        return None;
    }
    (store.setting(&crate::store::published_on_key(year)).ok())
        .flatten()
        .and_then(|text| crate::model::dates::parse_date(&text))
}

/// How many days before the results were published a notice is still usually dated: the
/// notice is signed, then the results are marked published.
const DAYS_BEFORE_PUBLISHED: u64 = 60;

/// The dates a notice of `year`'s results is usually dated between, `today` being today and
/// `published_on` the day the results were marked published: the results are scored from
/// December and published in the months after, a notice is dated about when they are
/// published (not a year before), and a date far ahead of today is a slip.
#[must_use]
pub fn usual_issue_dates(
    year: i32,
    published_on: Option<NaiveDate>,
    today: chrono::NaiveDate,
) -> Option<(chrono::NaiveDate, chrono::NaiveDate)> {
    let season = chrono::NaiveDate::from_ymd_opt(year, 12, 1)?;
    let from = (published_on)
        .and_then(|day| day.checked_sub_days(chrono::Days::new(DAYS_BEFORE_PUBLISHED)))
        .map_or(season, |months_before| months_before.max(season));
    let to = today.checked_add_days(chrono::Days::new(31))?;
    // A year still ahead (its results prepared early): the months results are usually
    // published in, not one day.
    let spring = chrono::NaiveDate::from_ymd_opt(year + 1, 4, 30)?;
    Some((from, if to < from { spring } else { to }))
}

/// Why `date` cannot be the date of `year`'s notice (before the year itself), in Chinese.
#[must_use]
pub fn issue_date_refusal(year: i32, date: chrono::NaiveDate) -> Option<String> {
    (chrono::Datelike::year(&date) < year).then(|| issue_date_floor(year))
}

/// What is said of a date before `year` for `year`'s notice.
#[must_use]
pub fn issue_date_floor(year: i32) -> String {
    format!("成文日期不能早于 {year} 年度（{year} 年度的考核结果通报不能早于该年度）")
}

/// A note on a `date` outside the usual ones for `year`'s notice (see [`usual_issue_dates`]).
#[must_use]
pub fn unusual_issue_date(
    year: i32,
    published_on: Option<NaiveDate>,
    date: chrono::NaiveDate,
    today: chrono::NaiveDate,
) -> Option<String> {
    let (from, to) = usual_issue_dates(year, published_on, today)?;
    let show = crate::model::dates::show_date;
    (date < from || date > to).then(|| {
        format!(
            "成文日期 {}，通常在 {} 至 {} 之间{}，请确认没有写错",
            show(date),
            show(from),
            show(to),
            published_note(year, published_on, date)
        )
    })
}

/// "，考核结果于 2026年12月6日 通报", when the usual dates of `year`'s notice begin where they
/// do because of that day (two months before it, later than the season's start) and `date`
/// is before them: the reason said.
#[must_use]
pub fn published_note(year: i32, published_on: Option<NaiveDate>, date: NaiveDate) -> String {
    let season = NaiveDate::from_ymd_opt(year, 12, 1);
    match published_on {
        Some(day)
            if day
                .checked_sub_days(chrono::Days::new(DAYS_BEFORE_PUBLISHED))
                .is_some_and(|months_before| {
                    date < months_before && season.is_some_and(|s| months_before > s)
                }) =>
        {
            format!("，考核结果于 {} 通报", crate::model::dates::show_date(day))
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::changed_notice_note;

    #[test]
    fn a_notice_without_a_number_keeps_only_its_date() {
        assert!(changed_notice_note(2025, 1, true).contains("（文号和日期相同）"));
        let without = changed_notice_note(2025, 1, false);
        assert!(without.contains("（日期相同）"), "{without}");
        assert!(!without.contains("文号和日期"), "{without}");
    }
}
