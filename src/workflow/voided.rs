//! How a void verification code is told to the clerk, in the same words in the window's search
//! and in `verify`: whose text it was, when and why it went back to 草稿, and that the current
//! text is the one that counts; and, at 定稿, that a text issued again unchanged brings its
//! old code back.

use crate::model::dates::show_date;
use crate::store::{Store, VoidedCode};

/// The day `voided` went back to 草稿, written the Chinese way ("2026年3月5日"); the stored text
/// as it is when it is not a stored time.
#[must_use]
pub fn reverted_on(voided: &VoidedCode) -> String {
    chrono::NaiveDateTime::parse_from_str(&voided.reverted_at, crate::model::dates::STORED_TIME)
        .map_or_else(|_| voided.reverted_at.clone(), |at| show_date(at.date()))
}

/// Said after 定稿 of `ids` when some were issued again with the very text they had when sent
/// back to draft: their code is the old one, so the copies printed before are valid again and
/// are to be taken back if they were declared void. Empty when none was.
#[must_use]
pub fn reissued_unchanged_note(store: &Store, ids: &[i64]) -> String {
    let numbers: Vec<String> = (ids.iter())
        .filter(|&&id| store.is_reissued_unchanged(id).unwrap_or(false))
        .filter_map(|&id| store.agreement(id).ok().flatten())
        .map(|a| format!("第 {} 号", a.draft.number))
        .collect();
    if numbers.is_empty() {
        return String::new();
    }
    format!(
        "\n注意：{}责任书的正文与退回草稿前完全相同，校验码也与退回前相同：退回时宣布作废的旧签字本仍能通过核验，如不再使用，请收回销毁",
        numbers.join("、")
    )
}

/// "2025 年度第 3 号（新华街道办事处）责任书", as the void code's agreement is named.
#[must_use]
pub fn agreement_named(voided: &VoidedCode) -> String {
    let unit = if voided.unit_name.is_empty() {
        String::new()
    } else {
        format!("（{}）", voided.unit_name)
    };
    format!("{} 年度第 {} 号{unit}责任书", voided.year, voided.number)
}

/// The whole sentence: "校验码 … 属于 2025 年度第 3 号（…）责任书已作废的旧定稿文本：该责任书于
/// 2026年3月5日退回草稿，理由：…；请以现行文本为准".
#[must_use]
pub fn voided_sentence(voided: &VoidedCode) -> String {
    format!(
        "校验码 {} 属于 {}已作废的旧定稿文本：该责任书于 {} 退回草稿，理由：{}；请以现行文本为准",
        crate::model::agreement::grouped_code(voided.code()),
        agreement_named(voided),
        reverted_on(voided),
        voided.reason
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn voided(unit_name: &str, reverted_at: &str) -> VoidedCode {
        VoidedCode {
            agreement_id: 3,
            year: 2025,
            number: 3,
            unit_name: unit_name.to_owned(),
            content_hash: "5dd2cff72640aaaa".to_owned(),
            reverted_at: reverted_at.to_owned(),
            reason: "控制指标填错".to_owned(),
        }
    }

    #[test]
    fn the_sentence_names_the_agreement_the_day_and_the_reason() {
        assert_eq!(
            voided_sentence(&voided("新华街道办事处", "2026-03-05 14:03:22")),
            "校验码 5dd2 cff7 2640 属于 2025 年度第 3 号（新华街道办事处）责任书已作废的旧定稿文本：该责任书于 2026年3月5日 退回草稿，理由：控制指标填错；请以现行文本为准"
        );
    }

    #[test]
    fn a_unit_unknown_or_a_time_unreadable_is_said_plainly() {
        let voided = voided("", "昨天");
        assert_eq!(agreement_named(&voided), "2025 年度第 3 号责任书");
        assert_eq!(reverted_on(&voided), "昨天");
    }
}
