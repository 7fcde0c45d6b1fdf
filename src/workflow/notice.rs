//! The results notice for a year, shared by the window and the command line: its editable
//! wording (kept in the database per year, so that a past year's notice keeps its words;
//! rollover gives the new year a copy of the old year's) and the PDF.

use chrono::{Datelike as _, NaiveDate};

use crate::document::notice::{RepeatedFailure, reward_note};
use crate::document::{NoticeWording, build_notice};
use crate::model::{Phase, Year};
use crate::pdf::fonts::FontSet;
use crate::pdf::notice::notice_pdf;
use crate::pdf::writer::FontCache;
use crate::store::{Store, StoreError};

mod issue_date;
mod republish;
pub use republish::{republish_note, reused_number_refusal, year_not_begun};
mod wording_check;
pub use issue_date::{
    IssueDateSource, changed_notice_note, changed_since_published, correction_floor,
    correction_floor_note, default_issue_date, default_issue_date_and_source, first_issue_note,
    is_altered_since_issued, issue_date_floor, issue_date_key, issue_date_refusal, issued_date,
    issued_date_kept_note, issued_date_note, issued_date_refusal, publication, published_note,
    published_on, remember_export, remember_issue_date, unusual_issue_date, usual_issue_dates,
};
#[cfg(test)]
use wording_check::is_document_number;
pub use wording_check::{
    document_number_brackets, document_number_clash, document_number_clean, document_number_year,
    wording_problems, wording_problems_in,
};

use super::results::{
    CategoryResults, categories_without_indicators, unscored_units, year_results,
};

/// How many unscored units the refusal names before "等".
const NAMED_UNSCORED: usize = 5;

/// The settings key of the wording saved before it was kept per year (read as a fallback).
pub use crate::store::SETTING_NOTICE_WORDING;

/// The settings key of `year`'s wording.
pub use crate::store::notice_wording_key as wording_key;

/// Why a year without agreements is not moved on to 考核 by hand.
pub const NO_AGREEMENTS_TO_ASSESS: &str =
    "本年度还没有责任书，不能改为“考核”：起草责任书后自动进入“签订”，开始评分后自动进入“考核”";

/// The placeholders the wording may use.
pub const PLACEHOLDERS: [&str; 5] = ["{甲方}", "{本级}", "{年度}", "{最高等次}", "{最低等次}"];

/// The wording of `year`: as saved for it, else as saved before wording was kept per year,
/// else the default. Saving another year's never changes it.
pub fn wording(store: &Store, year: i32) -> Result<NoticeWording, StoreError> {
    let parse = |json: String| serde_json::from_str::<NoticeWording>(&json).ok();
    if let Some(saved) = store.setting(&wording_key(year))?.and_then(parse) {
        return Ok(saved);
    }
    Ok(store
        .setting(SETTING_NOTICE_WORDING)?
        .and_then(parse)
        .unwrap_or_default())
}

/// The 发文字号 of the years whose notices have wording of their own, by year (a year
/// without any takes the general wording, which names no year's number).
pub fn used_document_numbers(store: &Store) -> Result<Vec<(i32, String)>, StoreError> {
    let parse = |json: String| serde_json::from_str::<NoticeWording>(&json).ok();
    let mut used = Vec::new();
    for year in store.years()? {
        if let Some(wording) = store.setting(&wording_key(year.year))?.and_then(parse)
            && !wording.document_number.trim().is_empty()
        {
            used.push((year.year, wording.document_number));
        }
    }
    Ok(used)
}

/// The 主送 the notice of `year` writes when its wording leaves it empty, from the kinds of
/// the units assessed ("各镇人民政府、街道办事处，市安委会各成员单位："); None when the year
/// cannot be read.
#[must_use]
pub fn generated_addressee(store: &Store, year: i32) -> Option<String> {
    let settings = store.year(year).ok()??;
    let results = super::results::year_results(store, year).ok()?;
    Some(crate::document::notice::addressee(
        &results,
        crate::model::year::level_of(&settings.party_a_name),
    ))
}

/// The units the notice of `year` names as failing two years or more running, as it would
/// name them now (the wording editor previews their paragraph); None when the year cannot be
/// read.
#[must_use]
pub fn repeated_failures_now(store: &Store, year: i32) -> Option<Vec<RepeatedFailure>> {
    let results = super::results::year_results(store, year).ok()?;
    repeated_failures(store, year, &results).ok()
}

/// What [`save_wording`] refuses in `wording` of `year` (its placeholders, paragraphs and
/// 发文字号, the other years' numbers), but a published year's lock.
fn check_wording(store: &Store, year: i32, wording: &NoticeWording) -> Result<(), StoreError> {
    let problems = wording_problems(wording);
    if !problems.is_empty() {
        return Err(StoreError::Rejected(problems.join("；")));
    }
    let used = used_document_numbers(store)?;
    match document_number_clash(year, &wording.document_number, &used) {
        Some(clash) => Err(StoreError::Rejected(clash)),
        None => Ok(()),
    }
}

/// `year`'s wording with the 发文字号 `text` (written clean), checked as [`save_wording`]
/// checks it, but for a published year's lock: what saving it would refuse is said before
/// anything else is done.
///
/// # Errors
/// The refusal, or the store's.
pub fn wording_with_number(
    store: &Store,
    year: i32,
    text: &str,
) -> Result<NoticeWording, StoreError> {
    let mut wording = wording(store, year)?;
    wording.document_number = document_number_clean(text);
    check_wording(store, year, &wording)?;
    Ok(wording)
}

/// Saves the wording of `year` after checking its placeholders and its 发文字号 against the
/// other years' (see [`document_number_clash`]).
pub fn save_wording(
    store: &mut Store,
    year: i32,
    wording: &NoticeWording,
) -> Result<(), StoreError> {
    let wording = &NoticeWording {
        document_number: document_number_clean(&wording.document_number),
        ..wording.clone()
    };
    check_wording(store, year, wording)?;
    if store.is_published(year)? {
        return Err(StoreError::Rejected(
            "考核结果已通报，通报措辞不能再修改；确需更正时请先把年度阶段改回“考核”".to_owned(),
        ));
    }
    let json = serde_json::to_string(wording).map_err(|e| StoreError::Rejected(e.to_string()))?;
    // The wording in effect until now (the default, or the one kept for every year): the log
    // names what was changed from it, not every paragraph as new.
    let in_effect = serde_json::to_string(&self::wording(store, year)?)
        .map_err(|e| StoreError::Rejected(e.to_string()))?;
    store.write(|w| w.set_setting_over(&wording_key(year), &json, &in_effect))
}

/// Why the results of `year` cannot be published yet: nothing to publish, or units not fully
/// scored (named, the first few, with how many indicators each lacks); `None` when every unit
/// is complete.
#[must_use]
pub fn unpublishable(year: i32, results: &[CategoryResults]) -> Option<String> {
    if results.iter().all(|c| c.units.is_empty()) {
        return Some(format!("{year} 年度还没有可通报的考核结果"));
    }
    let unscored = unscored_units(results);
    if unscored.is_empty() {
        return None;
    }
    let more = if unscored.len() > NAMED_UNSCORED {
        "等"
    } else {
        ""
    };
    // Those partly scored each with what they lack; those with no assessors' score yet (a unit
    // whose self scores came in has still none) together after them, said once: a bare name
    // between two "缺 14 项" would read as missing 14 too.
    let (partly, not_begun): (Vec<&&super::results::UnitResult>, Vec<_>) =
        (unscored.iter().take(NAMED_UNSCORED))
            .partition(|u| u.row.is_scored || (u.row.is_vetoed && u.row.missing > 0));
    let partly: Vec<String> = (partly.iter())
        .map(|u| {
            if u.row.is_vetoed && u.row.missing > 0 {
                // Graded 不合格 by the veto already, but the score table lists its scores too.
                format!(
                    "{}缺 {} 项（已一票否决，得分仍须评完）",
                    u.unit_name, u.row.missing
                )
            } else {
                format!("{}缺 {} 项", u.unit_name, u.row.missing)
            }
        })
        .collect();
    let not_begun: Vec<&str> = not_begun.iter().map(|u| u.unit_name.as_str()).collect();
    let listed = match (partly.is_empty(), not_begun.is_empty()) {
        (_, true) => format!("{}{more}", partly.join("、")),
        (true, false) => format!("{}{more}尚无考核组评分", not_begun.join("、")),
        // Both: the units not named may be of either, said after the whole list.
        (false, false) => format!(
            "{}；{}尚无考核组评分{more}",
            partly.join("、"),
            not_begun.join("、")
        ),
    };
    Some(format!(
        "{year} 年度还有 {} 个单位未评分或未评完（{listed}），每项指标都有考核组评分后才能生成考核结果通报",
        unscored.len(),
    ))
}

/// Why the results of `year` cannot be published: a category with agreements has no
/// indicators (its units would be left out of the notice), or indicators not marked final
/// (their points may not add up to the full score), or [`unpublishable`].
fn refusal(
    store: &Store,
    year: i32,
    results: &[CategoryResults],
) -> Result<Option<String>, String> {
    let without = categories_without_indicators(store, year).map_err(|e| e.to_string())?;
    let is_published = (store.year(year).map_err(|e| e.to_string())?)
        .is_some_and(|y| y.phase == crate::model::Phase::Published);
    Ok(publication_refusal(year, &without, results, is_published))
}

/// [`refusal`] with the categories `without` indicators already read; a year whose results
/// are published (`is_published`) was published on its indicators as they are, final or not
/// (before that was asked), and its notice is made again.
#[must_use]
pub fn publication_refusal(
    year: i32,
    without: &[String],
    results: &[CategoryResults],
    is_published: bool,
) -> Option<String> {
    if !without.is_empty() {
        return Some(without_indicators_refusal(year, without));
    }
    let unfinished: Vec<&str> = (results.iter())
        .filter(|c| !is_published && !c.units.is_empty() && !c.set.is_final)
        .map(|c| c.category.name.as_str())
        .collect();
    if !unfinished.is_empty() {
        return Some(format!(
            "{year} 年度“{}”类别的考核指标还没有标记定稿，不能据以通报：请先在“责任书 → 考核指标”中核对分值合计并标记定稿",
            unfinished.join("”“")
        ));
    }
    unpublishable(year, results)
}

/// The words for categories with agreements but no indicators.
#[must_use]
pub fn without_indicators_refusal(year: i32, categories: &[String]) -> String {
    format!(
        "{year} 年度“{}”类别有责任书，但还没有考核指标，这些单位无法考核、不会列入通报；请先在“责任书 → 考核指标”中为该类别填好指标",
        categories.join("”“")
    )
}

/// Whether saving `year` moves it to 已通报 (publishes its results); `Ok(false)` also when
/// nothing would be published, and why it cannot be when the results are not complete.
pub fn publishes(store: &Store, year: &Year) -> Result<bool, String> {
    let before = store.year(year.year).map_err(|e| e.to_string())?;
    let is_publishing = year.phase == Phase::Published
        && before
            .as_ref()
            .is_some_and(|before| before.phase != Phase::Published);
    if is_publishing {
        // The grades published are the ones the clerk has seen: bands (or the full score)
        // changed in the same save would grade the units anew, unseen, and lock that.
        if let Some(before) = &before
            && (before.grade_bands != year.grade_bands || before.full_score != year.full_score)
        {
            return Err(
                "还不能改为“已通报”：这次同时修改了等次分数线或满分；请先保存修改（阶段暂不改为“已通报”），核对按新分数线评定的等次和通报措辞后再发布"
                    .to_owned(),
            );
        }
        // A year's results are published after it is assessed, never before it begins (its
        // notice could carry no date of its own: none may be earlier than the year).
        let today = chrono::Local::now().date_naive();
        if today.year() < year.year {
            return Err(format!(
                "还不能改为“已通报”：{} 年度尚未开始（今天是 {}），该年度的考核结果在年终考核后才能通报",
                year.year,
                crate::model::dates::show_date(today)
            ));
        }
        let results = year_results(store, year.year).map_err(|e| e.to_string())?;
        if let Some(refusal) = refusal(store, year.year, &results)? {
            return Err(format!("还不能改为“已通报”：{refusal}"));
        }
    }
    Ok(is_publishing)
}

/// Saves the settings of a year (see [`crate::store::Writer::update_year`]); moving it to
/// 已通报, which locks the scores, is refused while the notice could not be produced.
pub fn save_year(store: &mut Store, year: &Year, reason: Option<&str>) -> Result<(), String> {
    publishes(store, year)?;
    // Nothing to assess yet: the phase moves on by itself once agreements are drafted and
    // scored (the window greys it in the list, saying so).
    let stored = store.year(year.year).map_err(|e| e.to_string())?;
    if year.phase == crate::model::Phase::Assessing
        && stored.is_some_and(|s| s.phase != crate::model::Phase::Assessing)
        && store
            .agreements(year.year)
            .map_err(|e| e.to_string())?
            .is_empty()
    {
        return Err(NO_AGREEMENTS_TO_ASSESS.to_owned());
    }
    store
        .write(|w| w.update_year(year, reason))
        .map_err(|e| e.to_string())
}

/// The 发文字号 a publication of `year` goes out under: `pending_number`, about to be saved
/// with it (the `year` command's `--document-number`), else the one saved, written clean.
///
/// # Errors
/// When the year's wording cannot be read.
pub fn number_to_publish(
    store: &Store,
    year: i32,
    pending_number: Option<&str>,
) -> Result<String, StoreError> {
    Ok(match pending_number {
        Some(pending) => publishing_number(Some(pending), ""),
        None => publishing_number(None, &wording(store, year)?.document_number),
    })
}

/// `pending_number` (see [`number_to_publish`]), else `saved`, written clean.
fn publishing_number(pending_number: Option<&str>, saved: &str) -> String {
    document_number_clean(pending_number.unwrap_or(saved))
}

/// What publishing `year`'s `results` would lock in wrongly, said before it is done: the
/// notice wording's reward paragraph speaks of a grade no unit has (see
/// [`crate::document::notice::reward_problem`]), or its 发文字号 is of another year than
/// today's, the notice's date once published today; the wording cannot change once
/// published. `pending_number` is a 发文字号 about to be saved with the publication (the
/// `year` command's `--document-number`), read instead of the saved one.
///
/// # Errors
/// When the year's wording cannot be read.
pub fn wording_note_before_publishing(
    store: &Store,
    settings: &Year,
    results: &[CategoryResults],
    pending_number: Option<&str>,
) -> Result<Option<String>, StoreError> {
    let wording = wording(store, settings.year)?;
    // Units failing two years running fail this year too: the grade is held, whatever the
    // paragraph says of them, so they are not needed here.
    let today = chrono::Local::now().date_naive();
    let content = build_notice(settings, results, &[], today, &wording);
    let mut problems: Vec<String> = crate::document::notice::reward_problem(&content)
        .into_iter()
        .collect();
    // Published for the first time, or again after an issued notice (a correction issued
    // anew), the notice is dated the day published (today) unless the clerk gives another
    // date; published again without a notice issued in between, the date follows the earlier
    // notice's (see `issue_date`), and the export says a year apart then.
    let dated_today = store.publishes_anew(settings.year)?;
    let number = publishing_number(pending_number, &wording.document_number);
    if let Some(written) = document_number_year(&number)
        .filter(|written| dated_today && *written != chrono::Datelike::year(&today))
    {
        problems.push(format!(
            "发文字号“{number}”写的是 {written} 年，而今天发布后通报的成文日期默认为今天（{}），年份不同",
            crate::model::dates::show_date(today)
        ));
    }
    if problems.is_empty() {
        return Ok(None);
    }
    Ok(Some(format!(
        "{}；措辞随发布锁定，如需修改，请先在“通报与统计 → 通报措辞…”中修改，再发布",
        problems.join("；")
    )))
}

/// The units of `results` whose failures run two years or more up to `year`, in the order the
/// results list them, named as the notice names them.
fn repeated_failures(
    store: &Store,
    year: i32,
    results: &[CategoryResults],
) -> Result<Vec<RepeatedFailure>, StoreError> {
    let history = super::statistics::statistics(store, year)?.history;
    let runs: Vec<(&super::results::UnitResult, (i32, i32))> = (results.iter())
        .flat_map(|c| &c.units)
        .filter_map(|unit| {
            let run = (history.iter())
                .find(|h| h.unit_id == unit.unit_id)?
                .repeated_failure
                .filter(|(_, last)| *last == year)?;
            Some((unit, run))
        })
        .collect();
    // The units as each run's first year had them (one read per year), for a name since
    // changed.
    let mut then: std::collections::HashMap<i32, Vec<crate::model::Unit>> =
        std::collections::HashMap::new();
    // Each year's lowest grade, for a grade renamed since a run began.
    let mut lowest: std::collections::HashMap<i32, Option<String>> =
        std::collections::HashMap::new();
    let mut lowest_in = |y: i32| -> Result<Option<String>, StoreError> {
        if let std::collections::hash_map::Entry::Vacant(slot) = lowest.entry(y) {
            let name = (store.year(y)?)
                .and_then(|settings| settings.grade_bands.last().map(|b| b.name.clone()));
            slot.insert(name);
        }
        Ok(lowest.get(&y).cloned().flatten())
    };
    let own_lowest = lowest_in(year)?;
    let mut failures = Vec::new();
    for (unit, run) in runs {
        let mut lowest_renamed = false;
        for y in run.0..=run.1 {
            lowest_renamed |= lowest_in(y)? != own_lowest;
        }
        if let std::collections::hash_map::Entry::Vacant(slot) = then.entry(run.0) {
            slot.insert(store.units_in(run.0)?);
        }
        let former_name = (then.get(&run.0))
            .and_then(|units| units.iter().find(|u| u.id == unit.unit_id))
            .map(|u| u.fields.name.clone())
            .filter(|name| *name != unit.unit_name);
        failures.push(RepeatedFailure {
            unit_name: unit.unit_name.clone(),
            former_name,
            years: run,
            lowest_renamed,
        });
    }
    Ok(failures)
}

/// Why no notice of `year` can be made whatever its date: the year is not on file, or its
/// results cannot be published yet (see [`unpublishable`]); checked before a date is offered.
///
/// # Errors
/// The refusal, in Chinese.
pub fn check_notice_possible(store: &Store, year: i32) -> Result<(), String> {
    if store.year(year).map_err(|e| e.to_string())?.is_none() {
        return Err(store.missing_year(year).to_string());
    }
    let results = year_results(store, year).map_err(|e| e.to_string())?;
    refusal(store, year, &results)?.map_or(Ok(()), Err)
}

/// The notice of `year`, dated `issued_on`, as PDF bytes, with the notes to say after writing
/// it: its reward paragraph speaks of a grade no unit has (see [`reward_note`]), the official
/// notice has no 发文字号 and so no 版头, office fonts
/// are not installed, characters print in another typeface than their neighbours'. Refuses
/// while any unit is unscored.
pub fn notice_for_year(
    store: &Store,
    year: i32,
    issued_on: NaiveDate,
) -> Result<(Vec<u8>, Vec<String>), String> {
    let settings = store
        .year(year)
        .map_err(|e| e.to_string())?
        .ok_or_else(|| store.missing_year(year).to_string())?;
    if issued_on.year() < year {
        return Err(format!(
            "成文日期 {} 早于 {year} 年度，{year} 年度的考核结果通报不能早于该年度，请检查日期",
            crate::model::dates::show_date(issued_on)
        ));
    }
    let results = year_results(store, year).map_err(|e| e.to_string())?;
    if let Some(refusal) = refusal(store, year, &results)? {
        return Err(refusal);
    }
    let repeated = repeated_failures(store, year, &results).map_err(|e| e.to_string())?;
    let mut content = build_notice(
        &settings,
        &results,
        &repeated,
        issued_on,
        &wording(store, year).map_err(|e| e.to_string())?,
    );
    content.is_altered = is_altered_since_issued(store, year);
    let fonts = FontSet::with_installed();
    let bytes = notice_pdf(&FontCache::new(&fonts), &content).map_err(|e| e.to_string())?;
    // Once published the wording is locked: a correction goes back to 考核 first.
    let reward = if settings.phase == Phase::Published {
        crate::document::notice::reward_problem(&content).map(|problem| {
            format!(
                "{problem}：措辞已随发布锁定；如需更正，须先把年度阶段改回“考核”，在“通报与统计 → 通报措辞…”中修改奖惩段落后再发布"
            )
        })
    } else {
        reward_note(&content)
    };
    let mut notes: Vec<String> = reward.into_iter().collect();
    // The official notice of a year published without a 发文字号 prints without its 版头: said
    // at every export, not only in the question before publishing.
    if settings.phase == Phase::Published && content.document_number.is_empty() {
        notes.push(format!(
            "{year} 年度的通报措辞中没有填写发文字号，本通报不印红色版头和文号；如需文号，须先把年度阶段改回“考核”，在“通报与统计 → 通报措辞…”中填写后再发布"
        ));
    }
    notes.extend(crate::pdf::font_roles::missing_office_fonts_warning(&fonts));
    // The units' names are where rare characters (嘡) come in; the paragraphs too.
    let paragraphs = [
        &content.title,
        &content.opening,
        &content.reward,
        &content.closing,
    ];
    let texts = (paragraphs.into_iter().map(String::as_str)).chain(
        results
            .iter()
            .flat_map(|c| &c.units)
            .map(|u| u.unit_name.as_str()),
    );
    let borrowed = crate::pdf::font_roles::borrowed_chars(&fonts, texts);
    notes.extend(crate::pdf::font_roles::borrowed_chars_warning(&borrowed));
    Ok((bytes, notes))
}

#[cfg(test)]
#[path = "notice_tests.rs"]
mod tests;
