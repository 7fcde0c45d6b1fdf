//! What 年度设置 says beside each field as it is typed: a planned signing date that cannot be
//! read, is not on the calendar, lies in another year or is already past; 甲方 emptied, or
//! changed while frozen agreements keep the old one; a signatory still missing; a full score the
//! indicators do not add up to. Worked out here from the typed text alone, drawn by the form.

use chrono::{Datelike as _, NaiveDate};

use crate::model::dates::{missing_day, parse_date_in};
use crate::model::{Phase, Points, Year};

/// Said beside 满分 when the indicators add up to another total (why, on hover).
pub(super) const FULL_SCORE_DIFFERS: &str = "与考核指标分值合计不一致（悬停看说明）";

/// How a note is coloured: a value saving will refuse, or one to look at again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Tone {
    /// Saving refuses the value (red).
    Refused,
    /// Saving takes it, but it is worth a second look (the warning colour).
    Warning,
}

/// One note beside a field: short, with the whole reason on hover where there is one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct FieldNote {
    /// How it is coloured.
    pub tone: Tone,
    /// What is said beside the field, short enough for a window 1024 wide.
    pub text: String,
    /// The whole reason, shown on hover.
    pub hover: Option<String>,
    /// Drawn one under the other with the next stacked notes (side by side, two long notes
    /// would run past the edge of a window 1024 wide).
    pub stacked: bool,
}

/// What the notes are worked out against besides the typed text.
pub(super) struct NoteContext<'a> {
    /// The year as stored.
    pub year: &'a Year,
    /// Agreements of the year whose text is frozen (they keep the 甲方 of then).
    pub issued: usize,
    /// Agreements of the year signed: they keep the 甲方 signatory recorded then.
    pub signed: usize,
    /// The points the year's indicator sets add up to.
    pub indicator_totals: &'a [Points],
    /// What saving last said, so that nothing is said twice.
    pub said: Option<&'a str>,
    /// True while the year is published and stays so: nothing can be changed.
    pub locked: bool,
    /// Today, for a planned date already past.
    pub today: NaiveDate,
}

/// The notes for the field `caption` holding `value`, in the order they are drawn.
pub(super) fn field_notes(caption: &str, value: &str, on: &NoteContext<'_>) -> Vec<FieldNote> {
    let mut notes = Vec::new();
    match caption {
        "计划签订日期" => date_notes(value, on, &mut notes),
        "甲方名称" => {
            // Refused on saving: said beside it as it is typed, not what a change would do
            // to the frozen texts.
            if value.trim().is_empty() {
                if !on.locked {
                    notes.push(note(Tone::Refused, "甲方名称不能为空", None));
                }
                return notes;
            }
            if !value.chars().any(|c| "市县区旗".contains(c)) {
                // {本级} is read off 甲方's name: a name without 市, 县, 区 or 旗 is read as 市,
                // said so that a 县's clerk writes it in.
                notes.push(stacked(
                    "名称中看不出市、县、区：{本级}按“市”写",
                    "名称中没有“市”“县”“区”“旗”：正文和通报中的{本级}按“市”写（如“市安委会办公室”）",
                ));
            }
            issued_note(&on.year.party_a_name, value, on, &mut notes);
        }
        "甲方签字人职务" => {
            issued_note(&on.year.party_a_signatory_title, value, on, &mut notes);
            // The title names the signing line of the signature block.
            if value.trim().is_empty() && before_signing(on.year) {
                notes.push(note(
                    Tone::Warning,
                    "未填，定稿前请补上",
                    Some("责任书落款中甲方的签字处印作“职务（签字）：”，如“副市长（签字）：”；未填时印作“负责人（签字）：”"),
                ));
            }
        }
        "甲方签字人姓名" => {
            signatory_note(value, on, &mut notes);
            // Allowed empty (not known yet in January), but needed to sign in bulk.
            if value.trim().is_empty() && before_signing(on.year) {
                notes.push(note(
                    Tone::Warning,
                    "未填，签订前请补上",
                    Some("批量“标记已签订”时按它填写甲方签字人"),
                ));
            }
        }
        "满分" => {
            if let Some(why) = full_score_note(value, on.indicator_totals) {
                notes.push(note(Tone::Warning, FULL_SCORE_DIFFERS, Some(&why)));
            }
        }
        _ => {}
    }
    notes
}

/// What the full score typed does to the indicators (they must add up to it before a set is
/// marked final); nothing while it cannot be read.
pub(super) fn full_score_note(typed: &str, totals: &[Points]) -> Option<String> {
    let full = Points::parse(typed.trim()).ok()?;
    crate::model::indicator::full_score_mismatch(full, totals)
}

/// The planned signing date's notes: each problem said as it is typed, as saving would say
/// it, and once (not beside the field too when saving has said it).
fn date_notes(value: &str, on: &NoteContext<'_>, notes: &mut Vec<FieldNote>) {
    let year = on.year.year;
    let said = |words: &str| on.said.is_some_and(|said| said.contains(words));
    // A day the month does not have ("2026-02-29").
    if let Some(missing) = missing_day(value) {
        if !said(&missing) {
            notes.push(note(
                Tone::Refused,
                &format!("计划签订日期有误：{missing}"),
                None,
            ));
        }
        return;
    }
    if value.trim().is_empty() {
        // Emptied: nothing is overdue any more, said before saving.
        if on.year.planned_signing_date.is_some() {
            notes.push(note(
                Tone::Warning,
                "留空后不再设计划签订日期，责任书不再标出“逾期”",
                None,
            ));
        }
        return;
    }
    let Some(date) = parse_date_in(value, year) else {
        if !said("计划签订日期") {
            notes.push(note(
                Tone::Refused,
                &format!("读不出日期，请写成 {year}-03-15 或 {year}年3月15日"),
                None,
            ));
        }
        return;
    };
    let typed_year = date.year();
    if typed_year < year - 1 || typed_year > year + 1 {
        // Refused on saving.
        if !said("计划签订日期应在") {
            notes.push(note(
                Tone::Refused,
                &format!(
                    "这是 {typed_year} 年的日期：应在 {} 年至 {} 年之间",
                    year - 1,
                    year + 1
                ),
                None,
            ));
        }
    } else if typed_year == year - 1 {
        // Allowed (a January signing), but most often last year's number typed again.
        notes.push(note(
            Tone::Warning,
            &format!("这是 {typed_year} 年的日期，请确认年份没有写错"),
            None,
        ));
    } else if typed_year == year + 1 {
        // Allowed too (a late batch), but the agreements run to the end of their own year.
        notes.push(note(
            Tone::Warning,
            &format!("这是 {typed_year} 年的日期，请确认年份没有写错"),
            Some(&format!("已在 {year} 年度之后，而责任书有效期至该年度年底")),
        ));
    } else if date < on.today && before_signing(on.year) {
        if Some(date) != on.year.planned_signing_date {
            // Every agreement not yet signed is overdue from the moment it is saved.
            notes.push(note(
                Tone::Warning,
                "这个日期已过",
                Some("保存后，本年度尚未签订的责任书都将标为逾期未签"),
            ));
        } else if on.year.phase == Phase::Preparing {
            // Kept past while still preparing: most often last year's date carried over by
            // the rollover, waiting to be set.
            notes.push(note(
                Tone::Warning,
                "这个日期已过，请改为实际的计划日期",
                Some("不改的话，责任书起草后即显示逾期未签"),
            ));
        }
    }
}

/// Frozen texts keep the 甲方 they were issued with: a change reaches only the agreements
/// issued after it, and the notice.
fn issued_note(stored: &str, value: &str, on: &NoteContext<'_>, notes: &mut Vec<FieldNote>) {
    if stored.trim() != value.trim() && on.issued > 0 && !on.locked {
        notes.push(stacked(
            &format!("已定稿的 {} 份责任书不随之改变", on.issued),
            "已定稿的责任书正文中的甲方和签字人是定稿时的，保存后不随之改变；改后的只用于以后定稿的责任书和考核结果通报。如需按新的签订，请先把这些责任书退回草稿，再重新定稿",
        ));
    }
}

/// The signatory's name is in a frozen text only where its template names him ({甲方签字人});
/// what a change does is said by what it reaches: signings recorded keep the name of then,
/// those still to come take the new one.
fn signatory_note(value: &str, on: &NoteContext<'_>, notes: &mut Vec<FieldNote>) {
    let changed = on.year.party_a_signatory_name.trim() != value.trim();
    if !changed || on.locked || (on.issued == 0 && on.signed == 0) {
        return;
    }
    let text = if on.signed > 0 {
        format!("已签订的 {} 份仍记原签字人", on.signed)
    } else {
        format!("已定稿的 {} 份签订时按新姓名登记（正文不变）", on.issued)
    };
    notes.push(stacked(
        &text,
        "已签订的责任书记录的甲方签字人不变；尚未签订的，“标记已签订”时按新的姓名填写。定稿正文中写有签字人姓名的（模板中用了{甲方签字人}），正文不随之改变，如需按新姓名印出，请先退回草稿再重新定稿",
    ));
}

/// True while agreements are still being prepared or signed.
fn before_signing(year: &Year) -> bool {
    matches!(year.phase, Phase::Preparing | Phase::Signing)
}

fn note(tone: Tone, text: &str, hover: Option<&str>) -> FieldNote {
    FieldNote {
        tone,
        text: text.to_owned(),
        hover: hover.map(str::to_owned),
        stacked: false,
    }
}

fn stacked(text: &str, hover: &str) -> FieldNote {
    FieldNote {
        stacked: true,
        ..note(Tone::Warning, text, Some(hover))
    }
}

#[cfg(test)]
#[path = "field_notes_tests.rs"]
mod tests;
