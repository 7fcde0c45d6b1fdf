//! The 年度设置 form's text buffers: filled from a year, and read back into one with every
//! problem said at once.

use crate::model::dates::{parse_date_in, show_date};
use crate::model::{GradeBand, Phase, Points, Year};

/// Why leaving 已通报 without a reason is refused.
pub(super) const REASON_NEEDED: &str = "撤回“已通报”会解除评分锁定，请写明理由";

/// The form's text buffers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct YearForm {
    pub(super) party_a_name: String,
    pub(super) signatory_title: String,
    pub(super) signatory_name: String,
    pub(super) planned_signing_date: String,
    pub(super) full_score: String,
    /// Why the phase leaves 已通报 (asked only then).
    pub(super) reason: String,
    /// Each band as (name, lowest total).
    pub(super) bands: Vec<(String, String)>,
    pub(super) phase: Phase,
}

impl YearForm {
    pub(super) fn from_year(year: &Year) -> Self {
        Self {
            party_a_name: year.party_a_name.clone(),
            signatory_title: year.party_a_signatory_title.clone(),
            signatory_name: year.party_a_signatory_name.clone(),
            planned_signing_date: year.planned_signing_date.map(show_date).unwrap_or_default(),
            full_score: year.full_score.to_string(),
            reason: String::new(),
            bands: year
                .grade_bands
                .iter()
                .map(|b| (b.name.clone(), b.min_total.to_string()))
                .collect(),
            phase: year.phase,
        }
    }

    /// The year as edited, or every problem in words, in the order of the fields (joined by
    /// "；"), so that one 保存 says all that needs correcting: what cannot be read with the
    /// grade names as typed, then, once everything reads, every rule the settings break.
    pub(super) fn to_year(&self, source: &Year) -> Result<Year, String> {
        let mut problems = Vec::new();
        let mut note = |problem: String| problems.push(problem);
        // A date without its year ("3月5日") is in the year set, as the example shows.
        let typed = self.planned_signing_date.trim();
        let planned_signing_date = match typed {
            "" => None,
            text => parse_date_in(text, source.year).or_else(|| {
                // A day not on the calendar is named with its year ("2025年2月没有30日").
                note(crate::model::dates::date_refusal_in("计划签订日期", text, source.year, || {
                    let year = source.year;
                    format!(
                        "计划签订日期“{text}”不是有效日期，请写成 {year}年3月15日 或 {year}-03-15"
                    )
                }));
                None
            }),
        };
        let grade_bands: Vec<GradeBand> = (self.bands.iter().enumerate())
            .filter_map(|(at, (name, min))| {
                // A band not named yet is said by its place in the list.
                let band = match name.trim() {
                    "" => format!("第 {} 个等次", at + 1),
                    name => format!("等次“{name}”"),
                };
                let min_total = Points::parse(min)
                    .map_err(|e| note(format!("{band}的分数线：{e}")))
                    .ok()?;
                Some(GradeBand {
                    name: name.trim().to_owned(),
                    min_total,
                })
            })
            .collect();
        let full_score = match Points::parse(&self.full_score) {
            Ok(Points::ZERO) => {
                note("满分应大于 0".to_owned());
                None
            }
            Ok(points) => Some(points),
            Err(e) => {
                note(format!("满分：{e}"));
                None
            }
        };
        if source.phase == Phase::Published
            && self.phase != Phase::Published
            && crate::model::reason::given(&self.reason).is_none()
        {
            // Something typed that is no reason ("。。") is told why.
            note(if self.reason.trim().is_empty() {
                REASON_NEEDED.to_owned()
            } else {
                format!("{REASON_NEEDED}：{}", crate::model::reason::NOT_A_REASON)
            });
        }
        let year = Year {
            party_a_name: self.party_a_name.trim().to_owned(),
            party_a_signatory_title: self.signatory_title.trim().to_owned(),
            party_a_signatory_name: self.signatory_name.trim().to_owned(),
            planned_signing_date,
            grade_bands,
            full_score: full_score.unwrap_or(source.full_score),
            phase: self.phase,
            ..source.clone()
        };
        // The year's own rules (bands from high to low, within the full score …) once every
        // field reads: checked on half-read fields they would report what is not there. Bands
        // that all read are checked for their order at once, so one 保存 says that too.
        if problems.is_empty() {
            problems.extend(year.validate());
            if year.grade_bands != source.grade_bands {
                problems.extend(year.too_few_bands_problem());
                problems.extend(year.lowest_band_problem());
            }
        } else {
            // The names are checked as typed, whatever their lines read: one 保存 says them.
            let names = self.bands.iter().map(|(name, _)| name.as_str());
            problems.extend(crate::model::year::band_name_problems(names));
            if year.grade_bands.len() == self.bands.len() {
                problems.extend(crate::model::year::bands_order_problem(&year.grade_bands));
            }
        }
        if problems.is_empty() {
            Ok(year)
        } else {
            problems.dedup();
            Err(problems.join("；"))
        }
    }
}
