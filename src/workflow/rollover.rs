//! 年度结转: a new year from an old one: 甲方 settings, grade bands, the current template of each
//! category and the indicator sets are copied as new versions; agreements are not copied. The
//! units carry over as a new version too: the register becomes the new year's, and every
//! earlier year keeps its units as they stood (see `Store::units_in`), so renaming a unit or
//! changing its principal for the new year leaves the old years' agreements and notice as they
//! were. Categories are shared: renaming one corrects its label in every year. A year made by
//! mistake, with no agreements yet, can be deleted again ([`delete_year`]).

use chrono::{Datelike as _, NaiveDate};

use crate::model::Year;
use crate::store::{Store, StoreError};

use super::drafting::current_templates;

/// What a rollover copied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RolloverReport {
    /// Templates copied (one per category).
    pub templates: usize,
    /// Indicator sets copied.
    pub indicator_sets: usize,
    /// What the new year lacks for categories its active units are in, one line each
    /// ("“专项类”还没有模板和考核指标…"): without a template such units cannot be drafted,
    /// without indicators their agreements cannot be issued.
    pub unprepared: Vec<String>,
    /// What is said of the planned signing date carried over when it has passed already (a
    /// year rolled over late): every agreement drafted would be overdue at once.
    pub passed_signing_date: Option<String>,
    /// What is said of a 甲方 signatory's title or name carried over blank (see
    /// [`blank_signatory`]), as the window says it.
    pub blank_signatory: Option<String>,
}

/// The categories of active `units` without a template or an indicator set among those
/// copied, one line each saying what is missing and where it is prepared.
fn unprepared_categories(
    units: &[crate::model::Unit],
    categories: &[crate::model::Category],
    has_template: impl Fn(i64) -> bool,
    has_set: impl Fn(i64) -> bool,
) -> Vec<String> {
    (categories.iter())
        .filter(|c| (units.iter()).any(|u| u.is_active && u.fields.category_id == c.id))
        .filter_map(|c| {
            let name = &c.name;
            match (has_template(c.id), has_set(c.id)) {
                (true, true) => None,
                (false, false) => Some(format!(
                    "“{name}”还没有模板和考核指标：先在“责任书 → 模板”中写好模板才能起草，在“责任书 → 考核指标”中填好并定稿后责任书才能定稿"
                )),
                (false, true) => Some(format!(
                    "“{name}”还没有模板：先在“责任书 → 模板”中写好，该类别的单位才能起草"
                )),
                (true, false) => Some(format!(
                    "“{name}”还没有考核指标：可以起草，但要在“责任书 → 考核指标”中填好并定稿后，该类别的责任书才能定稿"
                )),
            }
        })
        .collect()
}

/// What a new year copied from one with `templates` and `sets` lacks for the categories
/// active `units` are in, one line each (see [`RolloverReport::unprepared`]): said before a
/// rollover as after it.
#[must_use]
pub fn unprepared_in(
    units: &[crate::model::Unit],
    categories: &[crate::model::Category],
    templates: &[crate::model::Template],
    sets: &[crate::model::IndicatorSet],
) -> Vec<String> {
    unprepared_categories(
        units,
        categories,
        |id| (templates.iter()).any(|t| t.content.category_id == id),
        |id| (sets.iter()).any(|s| s.category_id == id),
    )
}

/// The same day and month in another year; 29 February becomes 28 February in a common year.
fn same_day_in(date: NaiveDate, year: i32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, date.month(), date.day())
        .or_else(|| NaiveDate::from_ymd_opt(year, date.month(), date.day().saturating_sub(1)))
}

/// What is said before rolling over `year` while it is still being prepared (筹备, with no
/// `agreements` drafted): a year just made by a rollover is rarely rolled over again at once.
#[must_use]
pub fn fresh_year_warning(year: &Year, agreements: usize) -> Option<String> {
    (agreements == 0 && year.phase == crate::model::Phase::Preparing).then(|| {
        format!(
            "{} 年度还在筹备，还没有起草责任书；每年通常只结转一次，请确认确实要再建 {} 年度",
            year.year,
            year.year + 1
        )
    })
}

/// The planned signing date `to` gets from `from`'s `planned` one: the same day a year on.
#[must_use]
pub fn carried_signing_date(planned: Option<NaiveDate>, from: i32, to: i32) -> Option<NaiveDate> {
    planned.and_then(|d| same_day_in(d, d.year() + (to - from)))
}

/// Where the window changes a year's planned signing date, as the notes below say it (the
/// command line names its `year` command instead).
pub const IN_YEAR_SETTINGS: &str = "请在年度设置中";

/// What is said when the signing date `to` carries over from `from` (`carried`) is not in the
/// year `to` (the old one was mistyped in another year, most likely): carried as it is.
#[must_use]
pub fn off_year_signing_date(carried: Option<NaiveDate>, from: i32, to: i32) -> Option<String> {
    carried.filter(|date| date.year() != to).map(|date| {
        format!(
            "{from} 年度的计划签订日期不在 {from} 年，顺延后为 {}，不在 {to} 年：结转后{IN_YEAR_SETTINGS}核对",
            crate::model::dates::show_date(date)
        )
    })
}

/// What is said when the new year `to` carries over a blank 甲方 signatory's title or name
/// from `year`: the agreements drafted leave that place empty. `where_to` says where it is
/// filled in ([`IN_YEAR_SETTINGS`], or the command that does it).
#[must_use]
pub fn blank_signatory(year: &Year, to: i32, where_to: &str) -> Option<String> {
    let blank: Vec<&str> = [
        ("甲方签字人职务", &year.party_a_signatory_title),
        ("甲方签字人姓名", &year.party_a_signatory_name),
    ]
    .into_iter()
    .filter(|(_, value)| value.trim().is_empty())
    .map(|(caption, _)| caption)
    .collect();
    let places = if blank.len() == 2 {
        "这两处"
    } else {
        "这一处"
    };
    (!blank.is_empty()).then(|| {
        format!(
            "{to} 年度沿用的{}为空：{where_to}填写，否则起草的责任书中{places}留空",
            blank.join("、")
        )
    })
}

/// What is said when the signing date `to` carries over (`carried`) is before `today`: every
/// agreement drafted would be overdue at once. Said before (the window's question) and after.
#[must_use]
pub fn passed_signing_date(
    carried: Option<NaiveDate>,
    to: i32,
    today: NaiveDate,
) -> Option<String> {
    carried.filter(|planned| *planned < today).map(|planned| {
        format!(
            "{to} 年度的计划签订日期沿用为 {}，已经过去：{IN_YEAR_SETTINGS}改为实际的计划日期，否则责任书起草后即显示逾期",
            crate::model::dates::show_date(planned)
        )
    })
}

/// What of `from` (its `agreements`) is unfinished when it is rolled over, one line each: the
/// agreements not signed yet and the signed ones without their scan, each still done in
/// `from` afterwards. Said before (the window's question) and after (the command line).
#[must_use]
pub fn unfinished_in<'a>(
    from: i32,
    agreements: impl IntoIterator<Item = &'a crate::model::Agreement> + Clone,
) -> Vec<String> {
    unfinished(from, agreements, false)
}

/// [`unfinished_in`] as said once the rollover is done (no longer "请先核对再结转").
pub fn unfinished_after<'a>(
    from: i32,
    agreements: impl IntoIterator<Item = &'a crate::model::Agreement> + Clone,
) -> Vec<String> {
    unfinished(from, agreements, true)
}

fn unfinished<'a>(
    from: i32,
    agreements: impl IntoIterator<Item = &'a crate::model::Agreement> + Clone,
    is_done: bool,
) -> Vec<String> {
    let mut lines = Vec::new();
    let unsigned = crate::model::agreement::unsigned_count(agreements.clone());
    if unsigned > 0 {
        lines.push(if is_done {
            format!(
                "{from} 年度还有 {unsigned} 份责任书尚未签订，仍可在 {from} 年度中继续办理；{from} 年度的单位名称、负责人等已按结转时的名册保存，此后在“单位”中的修改不再用于 {from} 年度的责任书"
            )
        } else {
            format!(
                "{from} 年度还有 {unsigned} 份责任书尚未签订；结转后仍可在 {from} 年度中继续办理，但 {from} 年度的单位名称、负责人等按结转时的名册保存，之后在“单位”中的修改不再用于 {from} 年度的责任书，请先核对再结转"
            )
        });
    }
    let unfiled = crate::model::agreement::unarchived_count(agreements);
    if unfiled > 0 {
        let when = if is_done { "" } else { "结转后" };
        lines.push(format!(
            "{from} 年度还有 {unfiled} 份已签订的责任书没有归档扫描件；{when}仍可在 {from} 年度中归档"
        ));
    }
    lines
}

/// Why `from` cannot be rolled over into `to`: `to` not after it, or there already, or
/// `from` not the newest year, or `to` not the year after it; `None` when it can.
pub fn rollover_refusal(store: &Store, from: i32, to: i32) -> Result<Option<String>, StoreError> {
    let refused = |text: String| Ok(Some(text));
    if to <= from {
        return refused(format!("新年度 {to} 必须晚于来源年度 {from}"));
    }
    if store.year(to)?.is_some() {
        // What can be done instead: the next year made from the newest, or the year there
        // changed as it is.
        let newest = (store.years()?.iter().map(|y| y.year).max()).unwrap_or(to);
        return refused(format!(
            "{to} 年度已存在，不能结转：下一个可建的是 {} 年度（从 {newest} 年度结转）；{to} 年度的设置可直接修改，不需要结转",
            newest + 1
        ));
    }
    // A new year follows on from the newest: rolling an older year over would give it old
    // templates and indicators and freeze the newer year's units half-way.
    if let Some(newer) = store
        .years()?
        .iter()
        .map(|y| y.year)
        .filter(|y| *y > from)
        .max()
    {
        return refused(format!(
            "只能从最新的年度结转：已有 {newer} 年度，请从 {newer} 年度结转"
        ));
    }
    // Years follow one another: a skipped year could never be made afterwards, and drafting
    // takes each unit's control targets from the year before.
    if to != from + 1 {
        return refused(format!(
            "只能结转到下一年度：{from} 年度之后是 {} 年度",
            from + 1
        ));
    }
    Ok(None)
}

/// Copies `from` into a new year `to`; refuses if `to` exists or `from` is not the newest year.
/// An automatic backup, then one transaction.
pub fn rollover(store: &mut Store, from: i32, to: i32) -> Result<RolloverReport, StoreError> {
    let Some(source) = store.year(from)? else {
        return Err(store.missing_year(from));
    };
    if let Some(refusal) = rollover_refusal(store, from, to)? {
        return Err(StoreError::Rejected(refusal));
    }
    store.backup_before(crate::store::BackupReason::Rollover)?;
    let year = Year {
        year: to,
        planned_signing_date: carried_signing_date(source.planned_signing_date, from, to),
        phase: crate::model::Phase::Preparing,
        ..source.clone()
    };
    let all_templates = store.templates(from)?;
    let templates = current_templates(&all_templates);
    let sets = store.indicator_sets(from)?;
    let unprepared = unprepared_categories(
        &store.units()?,
        &store.categories()?,
        |id| templates.contains_key(&id),
        |id| sets.iter().any(|s| s.category_id == id),
    );
    let today = chrono::Local::now().date_naive();
    let passed_signing_date = passed_signing_date(year.planned_signing_date, to, today);
    let blank_signatory = blank_signatory(&year, to, IN_YEAR_SETTINGS);
    // The new year's notice gets a number of its own: last year's would print twice.
    let wording = crate::document::NoticeWording {
        document_number: String::new(),
        ..super::notice::wording(store, from)?
    };
    let wording =
        serde_json::to_string(&wording).map_err(|e| StoreError::Rejected(e.to_string()))?;
    // The years that read the register until now (the one rolled over from) keep its units
    // as they stand; a year that keeps its own version already is left as it was, so that a
    // unit added since never enters an earlier year's roster.
    let mut reading_register = Vec::new();
    for number in store
        .years()?
        .into_iter()
        .map(|y| y.year)
        .filter(|y| *y < to)
    {
        if !store.has_unit_versions(number)? {
            reading_register.push(number);
        }
    }
    store.write(|w| {
        for number in &reading_register {
            w.keep_unit_versions(*number)?;
        }
        w.insert_copied_year(&year, &source)?;
        for template in templates.values() {
            let mut content = template.content.clone();
            content.year = to;
            w.insert_template(&content)?;
        }
        for set in &sets {
            let mut copy = set.clone();
            copy.year = to;
            copy.is_final = false;
            w.insert_indicator_set(&copy)?;
        }
        // The new year's notice starts from the old year's wording (its 发文字号 left to fill
        // in), kept as its own.
        w.set_setting(&super::notice::wording_key(to), &wording)?;
        w.record_rollover(from, to, templates.len(), sets.len())?;
        Ok(RolloverReport {
            templates: templates.len(),
            indicator_sets: sets.len(),
            unprepared,
            passed_signing_date,
            blank_signatory,
        })
    })
}

/// Deletes `year`, which must have no agreements and no scores (a rollover made by mistake):
/// an automatic backup first, then one transaction with its audit entry.
pub fn delete_year(store: &mut Store, year: i32) -> Result<(), StoreError> {
    if store.year(year)?.is_none() {
        return Err(store.missing_year(year));
    }
    // A year with agreements is refused by the transaction itself: no backup is taken for it.
    if store.agreements(year)?.is_empty() {
        store.backup_before(crate::store::BackupReason::YearDeletion)?;
    }
    let wording = super::notice::wording_key(year);
    let issue_date = super::notice::issue_date_key(year);
    let [notice_exported, summary_exported] =
        crate::store::ResultFile::ALL.map(|file| file.exported_at_key(year));
    store.write(|w| {
        w.delete_year(
            year,
            &[
                wording.as_str(),
                issue_date.as_str(),
                notice_exported.as_str(),
                summary_exported.as_str(),
            ],
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_planned_date_keeps_its_day_except_a_leap_day() {
        let date = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert_eq!(
            same_day_in(date(2025, 3, 31), 2026),
            Some(date(2026, 3, 31))
        );
        assert_eq!(
            same_day_in(date(2024, 2, 29), 2025),
            Some(date(2025, 2, 28))
        );
    }
}
