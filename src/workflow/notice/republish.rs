//! What is said before a year's results are published again, when the grade bands or the full
//! score are no longer those they were published with (every unit is graded anew by them), or
//! when the notice would go out under the 发文字号 of one issued before (a correction is a new
//! document, with a number of its own).

use crate::model::{GradeBand, Phase, Year};
use crate::store::{Store, StoreError};

/// "2027 年度尚未开始，…": why `year` cannot be published yet, while it has not begun (its
/// notice could carry no date of its own); `None` from its first day on.
#[must_use]
pub fn year_not_begun(year: i32) -> Option<String> {
    let this_year = chrono::Datelike::year(&chrono::Local::now());
    (year > this_year).then(|| format!("{year} 年度尚未开始，该年度的考核结果在年终考核后才能通报"))
}

/// "上次通报时的等次分数线为 优秀 ≥90、…；现为 …：…" for `year` about to be published again
/// with other bands or another full score than its last publication; `None` otherwise (never
/// published, or published with these).
///
/// # Errors
/// The store's, reading the year and the audit log.
pub fn republish_note(
    store: &Store,
    year: i32,
    pending_number: Option<&str>,
) -> Result<Option<String>, StoreError> {
    let Some(now) = store.year(year)? else {
        return Ok(None);
    };
    if now.phase == Phase::Published {
        return Ok(None);
    }
    let grading = match store.settings_when_withdrawn(year)? {
        Some(then) => changed_grading(&then, &now),
        None => None,
    };
    let number = super::number_to_publish(store, year, pending_number)?;
    let reused = reused_number(&number, &store.issued_notice_numbers(year)?);
    Ok(match (grading, reused) {
        (Some(grading), Some(reused)) => Some(format!("{grading}\n{reused}")),
        (grading, reused) => grading.or(reused),
    })
}

/// Why `year`'s notice, published again, cannot be exported as issued: its 发文字号 is that of
/// a notice issued before (a correction is a new document). `None` when it is not, or when the
/// store cannot be read (the export says what fails then).
#[must_use]
pub fn reused_number_refusal(store: &Store, year: i32) -> Option<String> {
    let number = super::document_number_clean(&super::wording(store, year).ok()?.document_number);
    let at = issued_at(&number, &store.issued_notice_numbers(year).ok()?)?;
    Some(format!(
        "发文字号“{number}”已用于此前印发的 {year} 年度通报（{at} 导出），更正的通报须另行成文，不能再用这个文号：请先在“设置 → 年度设置”中撤回通报（年度阶段改回“考核”），到“通报与统计 → 通报措辞…”中改用新的发文字号，重新发布后再导出"
    ))
}

/// What is said when `number` is the 发文字号 of a notice issued before (`issued`: each number
/// with when it was exported).
fn reused_number(number: &str, issued: &[(String, String)]) -> Option<String> {
    let at = issued_at(number, issued)?;
    Some(format!(
        "本年度已印发过发文字号为“{number}”的通报（{at} 导出）：再次发布后印发的是更正的通报，须另行成文；请先取消，到“通报与统计 → 通报措辞…”中改用新的发文字号（标题可注明更正）后再发布"
    ))
}

/// When the notice issued under `number` (written clean) was exported, in words: its first
/// export under the number (the one issued; later ones are copies of it); numbers compared
/// as written clean (spaces out, brackets made full-width), as a clash is.
fn issued_at(number: &str, issued: &[(String, String)]) -> Option<String> {
    let (_, at) = (issued.iter())
        .find(|(used, _)| super::document_number_clean(used) == number && !number.is_empty())?;
    Some(crate::model::dates::show_stored_time(at))
}

/// What differs in how `now` grades from how `then` did.
fn changed_grading(then: &Year, now: &Year) -> Option<String> {
    if then.grade_bands == now.grade_bands && then.full_score == now.full_score {
        return None;
    }
    let said = |year: &Year| {
        format!(
            "{}（满分 {}）",
            bands_said(&year.grade_bands),
            year.full_score
        )
    };
    Some(format!(
        "上次通报时的等次分数线为 {}，现为 {}：发布后各单位按现在的分数线评定等次，与上次通报的等次可能不同，请先在“通报与统计”中核对",
        said(then),
        said(now)
    ))
}

/// "优秀 ≥90、良好 ≥80、合格 ≥60、不合格 ≥0".
fn bands_said(bands: &[GradeBand]) -> String {
    (bands.iter())
        .map(|band| format!("{} ≥{}", band.name, band.min_total))
        .collect::<Vec<_>>()
        .join("、")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_number_of_a_notice_issued_before_is_said() {
        let issued = [(
            "示政通〔2025〕3号".to_owned(),
            "2025-03-18 09:30:00".to_owned(),
        )];
        assert_eq!(reused_number("示政通〔2025〕4号", &issued), None);
        assert_eq!(reused_number("", &issued), None);
        let said = reused_number("示政通〔2025〕3号", &issued).unwrap();
        assert!(
            said.starts_with(
                "本年度已印发过发文字号为“示政通〔2025〕3号”的通报（2025年3月18日 09:30 导出）"
            ),
            "{said}"
        );
    }

    #[test]
    fn bands_changed_since_the_publication_are_said() {
        let then = Year::new(2024, "示例市人民政府");
        assert_eq!(changed_grading(&then, &then), None);
        let mut now = then.clone();
        now.grade_bands[1].min_total = crate::model::Points::whole(85);
        assert_eq!(
            changed_grading(&then, &now).unwrap(),
            "上次通报时的等次分数线为 优秀 ≥90、良好 ≥80、合格 ≥60、不合格 ≥0（满分 100），现为 优秀 ≥90、良好 ≥85、合格 ≥60、不合格 ≥0（满分 100）：发布后各单位按现在的分数线评定等次，与上次通报的等次可能不同，请先在“通报与统计”中核对"
        );
    }
}
