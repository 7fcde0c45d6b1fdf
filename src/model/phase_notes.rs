//! What is said as a year's phase moves: scoring started, scores stranded when moving back,
//! agreements not signed before publishing, and grades renamed under frozen texts.

use super::year::Phase;

/// Said when the grades' names change while `issued` agreements are frozen: their texts
/// name the grades of their day ({等次}).
#[must_use]
pub fn issued_bands_note(issued: usize) -> String {
    format!(
        "已定稿的 {issued} 份责任书正文中写的等次是定稿时的，不随之改变；考核和通报按这里的等次"
    )
}

/// What is said when the first score of `year` moved it on to 考核, with the way back for a
/// score typed by mistake (clearing the score leaves the phase).
#[must_use]
pub fn scoring_started(year: i32) -> String {
    format!("已开始评分：{year} 年度的阶段已转为“考核”（如是误操作，可把年度阶段改回“签订”）")
}

/// How many scores (a self or assessed score), bonuses, deductions and vetoes a year holds: what
/// [`scores_stranded_note`] counts.
#[must_use]
pub fn entered_count(
    scores: &[super::Score],
    adjustments: &[super::Adjustment],
    vetoes: &[super::Veto],
) -> usize {
    (scores.iter())
        .filter(|s| s.self_score.is_some() || s.assessed_score.is_some())
        .count()
        + adjustments.len()
        + vetoes.len()
}

/// Said before a year at 考核 moves back to `phase` (筹备 or 签订) with `entered` scores,
/// bonuses, deductions or vetoes: they stay; with no agreement signed (`signed`), none can be
/// changed until the year is at 考核 again, else the next score moves it back to 考核. `None`
/// when nothing is entered.
#[must_use]
pub fn scores_stranded_note(entered: usize, signed: usize, phase: Phase) -> Option<String> {
    let back = phase.label();
    let entered_now = format!("本年度已录入 {entered} 项评分、加扣分或一票否决");
    match (entered, signed) {
        (0, _) => None,
        (_, 0) => Some(format!(
            "{entered_now}，而责任书都还没有签订：改回“{back}”后这些记录保留，但不能再修改，直到年度阶段改回“考核”"
        )),
        _ => Some(format!(
            "{entered_now}：改回“{back}”后这些记录保留，再录入或修改评分时年度阶段自动转回“考核”"
        )),
    }
}

/// Said on the 考核 screen of a year at `phase` (筹备 or 签订) that holds `entered` scores,
/// bonuses, deductions or vetoes (moved back since they were typed): they stay, and the next
/// score moves the year on to 考核 again.
#[must_use]
pub fn entered_before_assessing(year: i32, phase: Phase, entered: usize) -> String {
    format!(
        "{year} 年度的阶段已改回“{}”，已录入的 {entered} 项评分等记录保留；再录入或修改评分时自动转回“考核”",
        phase.label()
    )
}

/// Said before publishing a year with `unsigned` agreements not signed (`drafts` of them never
/// finalised) and `signed` signed: none signed at all is most likely the wrong year, said more
/// strongly. `None` when all are.
#[must_use]
pub fn unsigned_before_publishing(
    year: i32,
    (unsigned, drafts): (usize, usize),
    signed: usize,
) -> Option<String> {
    // As the 考核 screen counts them: a draft was never even finalised.
    let of_them = match drafts {
        0 => String::new(),
        all if all == unsigned => "，都还是草稿".to_owned(),
        some => format!("（其中 {some} 份还是草稿）"),
    };
    // Within the brackets there already: "（也没有登记签订，其中 9 份还是草稿）".
    let none_signed_aside = match drafts {
        0 => String::new(),
        all if all == unsigned => "，都还是草稿".to_owned(),
        some => format!("，其中 {some} 份还是草稿"),
    };
    match (unsigned, signed) {
        (0, _) => None,
        (_, 0) => Some(format!(
            "{year} 年度的 {unsigned} 份责任书都还没有签订（也没有登记签订{none_signed_aside}）：请确认年度没有选错、确实要发布"
        )),
        _ => Some(format!(
            "{year} 年度还有 {unsigned} 份责任书尚未签订{of_them}，请确认确实要发布"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn publishing_with_nothing_signed_and_moving_back_with_scores_are_said() {
        assert_eq!(unsigned_before_publishing(2025, (0, 0), 45), None);
        assert!(
            unsigned_before_publishing(2025, (3, 0), 42)
                .unwrap()
                .starts_with("2025 年度还有 3 份责任书尚未签订，")
        );
        assert_eq!(
            unsigned_before_publishing(2025, (27, 9), 18).unwrap(),
            "2025 年度还有 27 份责任书尚未签订（其中 9 份还是草稿），请确认确实要发布"
        );
        assert!(
            unsigned_before_publishing(2025, (45, 0), 0)
                .unwrap()
                .contains("都还没有签订")
        );
        assert!(
            unsigned_before_publishing(2025, (45, 45), 0)
                .unwrap()
                .contains("（也没有登记签订，都还是草稿）：")
        );
        assert_eq!(scores_stranded_note(0, 0, Phase::Signing), None);
        // Scoring goes on: the next score moves the year on again.
        let note = scores_stranded_note(12, 3, Phase::Signing).unwrap();
        assert!(
            note.contains("再录入或修改评分时年度阶段自动转回“考核”"),
            "{note}"
        );
        let note = scores_stranded_note(12, 0, Phase::Preparing).unwrap();
        assert!(
            note.contains("已录入 12 项") && note.contains("改回“筹备”"),
            "{note}"
        );
    }
}
