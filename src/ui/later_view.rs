//! Screens that later work builds (责任书, 考核, 通报与统计): they say so plainly and show
//! only real figures from the database, never sample rows.

use crate::model::{Agreement, AgreementStatus};

use super::state::View;

/// Figures of the selected year, loaded when the year or data change.
#[derive(Debug, Clone, Default)]
pub struct YearFigures {
    /// Agreements per status.
    pub by_status: Vec<(AgreementStatus, usize)>,
    /// Agreements with at least one score.
    pub scored: usize,
    /// Agreements in the year.
    pub total: usize,
}

impl YearFigures {
    /// Counts from the year's agreements.
    #[must_use]
    pub fn from_agreements(agreements: &[Agreement], scored: usize) -> Self {
        let by_status = AgreementStatus::ALL
            .into_iter()
            .map(|status| {
                (
                    status,
                    agreements.iter().filter(|a| a.status == status).count(),
                )
            })
            .collect();
        Self {
            by_status,
            scored,
            total: agreements.len(),
        }
    }
}

/// Draws a screen that a later version completes.
pub fn show(ui: &mut egui::Ui, view: View, year: Option<i32>, figures: &YearFigures) {
    ui.heading(view.label());
    ui.add_space(8.0);
    let plan = match view {
        View::Agreements => "模板编辑、批量起草、逐单位调整、定稿与签订跟踪将在后续版本提供。",
        View::Assessment => "评分录入、加减分、一票否决、等次与排名将在后续版本提供。",
        View::Notice => "考核结果通报、Excel 汇总表与统计图表将在后续版本提供。",
        View::Units | View::Settings => "",
    };
    ui.label(plan);
    ui.add_space(12.0);
    let Some(year) = year else {
        ui.label("数据库中还没有考核年度。");
        return;
    };
    ui.strong(format!("{year} 年度现有数据"));
    match view {
        View::Agreements => {
            ui.label(format!("责任书共 {} 份", figures.total));
            for (status, count) in &figures.by_status {
                ui.label(format!("{}：{count} 份", status.label()));
            }
        }
        _ => {
            ui.label(format!(
                "责任书共 {} 份，其中已录入评分的 {} 份",
                figures.total, figures.scored
            ));
        }
    }
}
