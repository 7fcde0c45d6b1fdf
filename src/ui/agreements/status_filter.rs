//! The tracker's status filter: every status, one status, every agreement not signed yet
//! (草稿 to 已打印), the question "who has not signed" that the command line's `list --status
//! 未签订` answers too, or every one signed (已签订 and 已归档: an archived one was signed);
//! and what a search says of an agreement the filters hide.

use crate::model::AgreementStatus;

/// Which statuses the tracker lists.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum StatusFilter {
    /// Every status.
    #[default]
    All,
    /// Not signed yet: 草稿, 已定稿 or 已打印.
    Unsigned,
    /// Signed, archived since or not.
    Signed,
    /// One status.
    Is(AgreementStatus),
}

impl StatusFilter {
    /// True when some status not yet signed (草稿, 已定稿, 已打印) passes the filter.
    #[must_use]
    pub fn matches_any_unsigned(self) -> bool {
        AgreementStatus::ALL
            .into_iter()
            .filter(|status| *status < AgreementStatus::Signed)
            .any(|status| self.matches(status))
    }

    /// The choices in the order the list offers them.
    pub fn choices() -> impl Iterator<Item = Self> {
        [Self::All, Self::Unsigned, Self::Signed]
            .into_iter()
            .chain(AgreementStatus::ALL.into_iter().map(Self::Is))
    }

    /// The label in the list.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::All => "全部",
            Self::Unsigned => "未签订",
            Self::Signed => "已签订（含已归档）",
            Self::Is(status) => status.label(),
        }
    }

    /// Whether an agreement of `status` is listed.
    #[must_use]
    pub fn matches(self, status: AgreementStatus) -> bool {
        match self {
            Self::All => true,
            Self::Unsigned => status < AgreementStatus::Signed,
            Self::Signed => status >= AgreementStatus::Signed,
            Self::Is(only) => only == status,
        }
    }
}

/// Said of an agreement searched for that the filters hide: "不在当前筛选结果中：" and what to
/// undo, naming only the filters that hide it (status, category, overdue): each of them when
/// `each_needed`, else any of them (several found, hidden by different filters).
pub(super) fn hidden_by_filters(
    ((status, category, overdue), each_needed): ((bool, bool, bool), bool),
) -> String {
    let lists: Vec<&str> = [status.then_some("状态"), category.then_some("类别")]
        .into_iter()
        .flatten()
        .collect();
    let mut undo = Vec::new();
    if !lists.is_empty() {
        undo.push(format!("把{}筛选改回“全部”", lists.join("、")));
    }
    if overdue {
        undo.push("取消“只看逾期未签”".to_owned());
    }
    if undo.is_empty() {
        return "不在当前筛选结果中".to_owned();
    }
    let joined = if each_needed { "，并" } else { "，或" };
    format!("不在当前筛选结果中：请{}", undo.join(joined))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unsigned_lists_the_statuses_before_signing() {
        let listed: Vec<AgreementStatus> = AgreementStatus::ALL
            .into_iter()
            .filter(|s| StatusFilter::Unsigned.matches(*s))
            .collect();
        assert_eq!(
            listed,
            [
                AgreementStatus::Draft,
                AgreementStatus::Final,
                AgreementStatus::Printed
            ]
        );
        assert!(StatusFilter::All.matches(AgreementStatus::Archived));
        assert!(StatusFilter::Signed.matches(AgreementStatus::Archived));
        assert!(StatusFilter::Signed.matches(AgreementStatus::Signed));
        assert!(!StatusFilter::Signed.matches(AgreementStatus::Printed));
        assert!(!StatusFilter::Is(AgreementStatus::Draft).matches(AgreementStatus::Final));
        assert_eq!(StatusFilter::choices().count(), 8);
    }

    #[test]
    fn a_hidden_agreement_names_only_the_filters_that_hide_it() {
        assert_eq!(
            hidden_by_filters(((true, true, false), true)),
            "不在当前筛选结果中：请把状态、类别筛选改回“全部”"
        );
        assert_eq!(
            hidden_by_filters(((false, true, true), true)),
            "不在当前筛选结果中：请把类别筛选改回“全部”，并取消“只看逾期未签”"
        );
        assert_eq!(
            hidden_by_filters(((false, true, true), false)),
            "不在当前筛选结果中：请把类别筛选改回“全部”，或取消“只看逾期未签”"
        );
        assert_eq!(
            hidden_by_filters(((true, false, false), true)),
            "不在当前筛选结果中：请把状态筛选改回“全部”"
        );
    }
}
