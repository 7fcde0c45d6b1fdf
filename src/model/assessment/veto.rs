//! 一票否决: a veto on one agreement, the condition it was met under, and the cause the notice
//! gives for it.

use crate::model::indicator::RuleItem;

/// A 一票否决 on one agreement.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Veto {
    /// The agreement vetoed.
    pub agreement_id: i64,
    /// The veto condition met, if recorded.
    pub item_id: Option<i64>,
    /// Why.
    pub reason: String,
}

/// The name of a veto under none of the year's conditions.
pub const OTHER_CONDITION: &str = "其他";

impl Veto {
    /// The name of the condition met, among the year's `items`, or [`OTHER_CONDITION`].
    #[must_use]
    pub fn condition_name<'a>(&self, items: impl IntoIterator<Item = &'a RuleItem>) -> &'a str {
        (self.item_id)
            .and_then(|id| items.into_iter().find(|item| item.id == id))
            .map_or(OTHER_CONDITION, |item| item.name.as_str())
    }

    /// The cause the notice gives between "因" and "被一票否决": the condition's, or, under
    /// none of the year's `items` (其他, or one no longer among them), the reason's first
    /// sentence (see [`veto_cause`]); empty when there is none to give.
    #[must_use]
    pub fn cause<'a>(&self, items: impl IntoIterator<Item = &'a RuleItem>) -> String {
        (self.item_id)
            .and_then(|id| items.into_iter().find(|item| item.id == id))
            .map_or_else(
                || veto_cause(&self.reason),
                |item| condition_cause(&item.name),
            )
    }
}

/// The cause a notice gives for a veto under none of the year's conditions (其他): its reason's
/// first sentence, as the phrase between "因" and "被一票否决", without the mark it ends with
/// (what follows a 。 or ； is detail for the log, not for the notice).
#[must_use]
pub fn veto_cause(reason: &str) -> String {
    let first = reason
        .split(['。', '；', ';'])
        .map(str::trim)
        .find(|s| !s.is_empty())
        .unwrap_or_default();
    condition_cause(first)
}

/// A veto condition as the cause the notice gives between "因" and "被一票否决": its name
/// without the "的" a condition is often written with ("发生较大及以上生产安全事故的", as in
/// "有下列情形之一的"), the mark it ends with, or a "因" of its own.
#[must_use]
pub fn condition_cause(name: &str) -> String {
    let trimmed = name
        .trim()
        .trim_end_matches(['。', '；', ';', '，', ',', '.', '：', ':'])
        .trim_end();
    let trimmed = trimmed.strip_suffix('的').unwrap_or(trimmed);
    let trimmed = trimmed.strip_prefix('因').unwrap_or(trimmed);
    trimmed.trim().to_owned()
}
