//! The tracker's status filter: every status, one status, every agreement not signed yet
//! (草稿 to 已打印), the question "who has not signed" that the command line's `list --status
//! 未签订` answers too, or every one signed (已签订 and 已归档: an archived one was signed).

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
}
