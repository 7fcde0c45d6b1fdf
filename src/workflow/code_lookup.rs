//! 按校验码查找: the agreement whose verification code (as a clerk types it off a paper copy)
//! is given, in any year, for the 责任书 screen's search and for `verify` given a code instead
//! of a file.

use crate::model::agreement::{grouped_code, verification_code};
use crate::store::{Store, StoreError};

/// Finds the agreement whose code `code` (hex digits, as `typed_code` gives them) is, in any
/// year: a sentence naming it (number, unit, status), its year, and whether it is the code of
/// a current text. With no current agreement having it, a void code (of a text sent back to
/// 草稿) is named with when and why. Refused when none or several have it.
pub fn find_code(store: &Store, code: &str) -> Result<(String, i32, bool), StoreError> {
    let code = code.trim();
    let found = store.agreements_by_code(code)?;
    if let [found] = found.as_slice() {
        let unit = match store.issued_content(found.id)? {
            Some(content) => content.party_b,
            None => (store.unit(found.draft.unit_id)?).map_or_else(String::new, |u| u.fields.name),
        };
        // The whole code as the paper prints it, whatever part of it was typed.
        let printed = found
            .content_hash
            .as_deref()
            .map_or(code, verification_code);
        return Ok((
            format!(
                "校验码 {} 是 {} 年度第 {} 号责任书（{unit}，现为{}）",
                grouped_code(printed),
                found.draft.year,
                found.draft.number,
                found.status.label()
            ),
            found.draft.year,
            true,
        ));
    }
    let mut named: Vec<String> = (found.iter())
        .map(|a| format!("{} 年度第 {} 号", a.draft.year, a.draft.number))
        .collect();
    if found.is_empty() {
        let voided = store.voided_by_code(code)?;
        if let [voided] = voided.as_slice() {
            return Ok((super::voided::voided_sentence(voided), voided.year, false));
        }
        named = (voided.iter())
            .map(|v| format!("{} 年度第 {} 号（已作废的旧文本）", v.year, v.number))
            .collect();
    }
    Err(StoreError::Rejected(match named.len() {
        0 => format!("所有年度中都没有校验码含 {code} 的责任书，已作废的旧文本中也没有"),
        n => format!(
            "校验码 {code} 对应 {n} 份责任书（{}），请多输入几位",
            named.join("、")
        ),
    }))
}
