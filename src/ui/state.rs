//! The UI state kept between runs: one serde struct, apart from runtime handles.

/// The screens of the left navigation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum View {
    /// 单位.
    #[default]
    Units,
    /// 责任书.
    Agreements,
    /// 考核.
    Assessment,
    /// 通报与统计.
    Notice,
    /// 设置.
    Settings,
}

impl View {
    /// Every view in navigation order.
    pub const ALL: [Self; 5] = [
        Self::Units,
        Self::Agreements,
        Self::Assessment,
        Self::Notice,
        Self::Settings,
    ];

    /// The navigation label.
    #[must_use]
    pub fn label(self) -> &'static str {
        match self {
            Self::Units => "单位",
            Self::Agreements => "责任书",
            Self::Assessment => "考核",
            Self::Notice => "通报与统计",
            Self::Settings => "设置",
        }
    }
}

/// Which column the unit table is sorted by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
pub enum UnitSort {
    /// 序号.
    #[default]
    Order,
    /// 单位名称.
    Name,
    /// 类型.
    Kind,
    /// 考核类别.
    Category,
    /// 负责人.
    Principal,
    /// 简称.
    ShortName,
    /// 负责人职务.
    PrincipalTitle,
    /// 联系人.
    Contact,
    /// 联系电话.
    Phone,
    /// 状态 (在用 before 已归档).
    Status,
}

/// What is remembered between runs (the window size is kept by eframe itself).
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct UiState {
    /// The open screen.
    pub view: View,
    /// The selected year.
    pub year: Option<i32>,
    /// Search text of the unit table; not kept between runs, so that a new start (perhaps on
    /// another database) lists every unit.
    #[serde(skip)]
    pub unit_search: String,
    /// True to list archived units too.
    pub show_archived: bool,
    /// Sort column of the unit table.
    pub unit_sort: UnitSort,
    /// True to sort descending.
    pub unit_sort_descending: bool,
    /// The folder the last file chooser was left in: the first one of the next run opens there.
    pub last_folder: Option<std::path::PathBuf>,
    /// The folder each chooser (by its title) was last left in, so that the next run's opens
    /// there too: a notice saved where notices went, not where the scans were.
    pub chooser_folders: Vec<(String, std::path::PathBuf)>,
    /// True when Tab in the 考核 grid skips the self scores (a clerk entering only the
    /// assessors' scores keeps it so).
    pub skips_self: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn state_from_an_older_run_fills_missing_fields_with_defaults() {
        let state: UiState = serde_json::from_str(r#"{"view":"Settings","year":2024}"#).unwrap();
        assert_eq!(state.view, View::Settings);
        assert_eq!(state.year, Some(2024));
        assert_eq!(state.unit_sort, UnitSort::Order);
        let round_trip: UiState =
            serde_json::from_str(&serde_json::to_string(&state).unwrap()).unwrap();
        assert_eq!(round_trip, state);
    }
}
