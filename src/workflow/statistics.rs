//! 统计: counts per grade by category, the distribution of totals, each unit's totals and grades
//! across years, and units 不合格 or vetoed two years in a row (several rules escalate on that).

use std::collections::BTreeMap;

use crate::model::{AssessmentRow, Points};
use crate::store::{Store, StoreError};

use super::results::year_results;

/// One unit's result in one year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct YearPoint {
    /// The year.
    pub year: i32,
    /// 总得分; none for a unit vetoed before all its scores were in (its grade is final, its
    /// total is not).
    pub total: Option<Points>,
    /// 等次.
    pub grade: String,
    /// True when vetoed.
    pub is_vetoed: bool,
    /// True when the unit failed that year: vetoed, or graded that year's lowest grade (whose
    /// name may differ from this year's).
    pub is_failed: bool,
    /// False while the year's results are not published yet (they may still change).
    pub is_published: bool,
}

/// One unit across the years on file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnitHistory {
    /// The unit's id, so a renamed unit keeps its history.
    pub unit_id: i64,
    /// The unit's name now, marked "（已归档）" when it is archived.
    pub name: String,
    /// The unit's short name now, as the 考核 grid shows it (the name when it has none).
    pub short_name: String,
    /// Its results, oldest year first.
    pub years: Vec<YearPoint>,
    /// The first and last year of the run of years it failed (不合格 or vetoed) in a row, two
    /// or more, ending in its latest result: this year's, or an earlier one while every year
    /// since has the unit's result still to come (not published, and the unit assessed in it).
    pub repeated_failure: Option<(i32, i32)>,
    /// The other names and short names the unit has had (before a rename, or since the year
    /// shown): a clerk looking it up by a name from an old notice still finds it.
    pub other_names: Vec<String>,
    /// Each year on file after its first result without a result of the unit, with why:
    /// "尚未评完", "还没有责任书", "未参加该年度考核".
    pub missing: Vec<(i32, &'static str)>,
}

impl UnitHistory {
    /// True when `point`, one of the unit's years, is marked red: vetoed, or failed with the
    /// year before or after it failed too (a run of two or more, an earlier one too: a unit
    /// that failed 2023 and 2024 and passed 2025 shows its record).
    #[must_use]
    pub fn is_red(&self, point: &YearPoint) -> bool {
        let failed = |year: i32| (self.years.iter()).any(|p| p.year == year && p.is_failed);
        point.is_vetoed || (point.is_failed && (failed(point.year - 1) || failed(point.year + 1)))
    }
}

/// The years of a run of failures, "2023、2024、2025".
#[must_use]
pub fn run_years((first, last): (i32, i32)) -> String {
    (first..=last)
        .map(|year| year.to_string())
        .collect::<Vec<_>>()
        .join("、")
}

/// One category's grade counts in the year.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CategoryCounts {
    /// The category's name.
    pub category: String,
    /// The count of completely scored units in each grade (same order as [`Statistics::grades`]).
    pub counts: Vec<usize>,
    /// The count of units not completely scored yet (未评分 or 未评完), left out of `counts`.
    pub unscored: usize,
}

/// The figures of the statistics screen.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Statistics {
    /// The grades of the year, highest first.
    pub grades: Vec<String>,
    /// Per category: the count of units in each grade and of those not yet scored.
    pub counts: Vec<CategoryCounts>,
    /// Every scored unit's total in the year.
    pub totals: Vec<Points>,
    /// The units of each band of [`distribution`] of `totals` (short name and total), highest
    /// total first: the chart names a band's units under the pointer.
    pub band_units: Vec<Vec<(String, Points)>>,
    /// How many of those totals are of vetoed units (counted by their total in the chart,
    /// graded 不合格 whatever it is).
    pub vetoed_in_totals: usize,
    /// Vetoed units whose scores are not complete: counted under the lowest grade (the veto
    /// fixes it), yet unfinished for the notice, whose score table lists every score.
    pub vetoed_unfinished: usize,
    /// The year's full score, the scale of the charts.
    pub full_score: Points,
    /// Each grade above the lowest with its lowest total, highest first: the lines drawn
    /// across a unit's history, so a point is read against the bands.
    pub band_floors: Vec<(String, Points)>,
    /// Every unit with a scored year, in the register's order.
    pub history: Vec<UnitHistory>,
    /// The years on file up to the year shown, oldest first: a unit's history names each,
    /// scored for it or not.
    pub years: Vec<i32>,
    /// Why the year's results notice cannot be made yet (see
    /// [`super::notice::publication_refusal`]); `None` when it can.
    pub notice_refusal: Option<String>,
    /// What publishing the results now would lock in wrongly (see
    /// [`super::notice::wording_note_before_publishing`]); only of a year not yet published
    /// whose notice can be made.
    pub publish_note: Option<String>,
}

impl Statistics {
    /// The 合计 row: each grade's count over the categories, then the units not yet scored.
    #[must_use]
    pub fn counts_in_all(&self) -> Vec<usize> {
        let mut sums = vec![0; self.grades.len() + 1];
        for row in &self.counts {
            let counts = row.counts.iter().chain(std::iter::once(&row.unscored));
            for (sum, count) in sums.iter_mut().zip(counts) {
                *sum += count;
            }
        }
        sums
    }
}

impl CategoryCounts {
    /// The category's units in all (graded or not yet).
    #[must_use]
    pub fn units(&self) -> usize {
        self.counts.iter().sum::<usize>() + self.unscored
    }
}

/// True when the unit's grade is final: fully scored, or vetoed (不合格 whatever its score, as
/// the grid shows it).
fn has_final_grade(row: &AssessmentRow) -> bool {
    row.is_complete() || row.is_vetoed
}

/// The statistics of `year`, with history from every year on file.
pub fn statistics(store: &Store, year: i32) -> Result<Statistics, StoreError> {
    let Some(settings) = store.year(year)? else {
        return Ok(Statistics::default());
    };
    let grades: Vec<String> = settings
        .grade_bands
        .iter()
        .map(|b| b.name.clone())
        .collect();
    let lowest = settings.lowest_grade().to_owned();
    let mut current = year_results(store, year)?;
    let without = super::results::categories_without_indicators(store, year)?;
    let is_published = settings.phase == crate::model::Phase::Published;
    // Published again under the 发文字号 of a notice issued before: refused before the export
    // dialog, with the way out, not after it.
    let notice_refusal = super::notice::publication_refusal(year, &without, &current, is_published)
        .or_else(|| {
            (is_published && super::notice::issued_date(store, year).is_none())
                .then(|| super::notice::reused_number_refusal(store, year))
                .flatten()
        });
    let publish_note = if is_published || notice_refusal.is_some() {
        None
    } else {
        super::notice::wording_note_before_publishing(store, &settings, &current, None)?
    };
    let counts = current
        .iter()
        .map(|c| CategoryCounts {
            // Named as the notice's attachment and the summary's sheets name it: "部门（一类）".
            category: crate::document::notice::caption(c),
            counts: grades
                .iter()
                .map(|g| {
                    c.units
                        .iter()
                        .filter(|u| has_final_grade(&u.row) && &u.row.grade == g)
                        .count()
                })
                .collect(),
            unscored: c.units.iter().filter(|u| !has_final_grade(&u.row)).count(),
        })
        .collect();
    let complete = || {
        (current.iter())
            .flat_map(|c| c.units.iter())
            .filter(|u| u.row.is_complete())
    };
    let totals: Vec<Points> = complete().map(|u| u.row.total).collect();
    // Sorted into the chart's bands once, as read, not as drawn.
    let bands = distribution(&totals, settings.full_score);
    let mut band_units: Vec<Vec<(String, Points)>> = vec![Vec::new(); bands.len()];
    for unit in complete() {
        if let Some(band) = band_units.get_mut(band_of(unit.row.total, &bands)) {
            // A vetoed unit is 不合格 whatever its band: said beside its name.
            let name = if unit.row.is_vetoed {
                format!("{}（一票否决）", unit.short_name)
            } else {
                unit.short_name.clone()
            };
            band.push((name, unit.row.total));
        }
    }
    for band in &mut band_units {
        band.sort_by_key(|(_, total)| std::cmp::Reverse(*total));
    }
    let vetoed_in_totals = complete().filter(|u| u.row.is_vetoed).count();
    let vetoed_unfinished = (current.iter())
        .flat_map(|c| c.units.iter())
        .filter(|u| u.row.is_vetoed && !u.row.is_complete())
        .count();
    // Keyed by unit id: a renamed unit keeps its years, shown under its name now.
    let mut by_unit: BTreeMap<i64, (String, String, Vec<YearPoint>)> = BTreeMap::new();
    let mut years: Vec<i32> = store
        .years()?
        .into_iter()
        .map(|y| y.year)
        .filter(|y| *y <= year)
        .collect();
    years.sort_unstable();
    // Per year: whether it is published, and the units assessed in it (graded or not yet).
    let mut published_years = std::collections::BTreeSet::new();
    let mut assessed: BTreeMap<i32, std::collections::BTreeSet<i64>> = BTreeMap::new();
    for number in &years {
        let (results, lowest, is_published) = if *number == year {
            let is_published = settings.phase == crate::model::Phase::Published;
            (std::mem::take(&mut current), lowest.clone(), is_published)
        } else {
            let settings = store.year(*number)?;
            let lowest = (settings.as_ref())
                .map(|settings| settings.lowest_grade().to_owned())
                .unwrap_or_default();
            let is_published = settings.is_some_and(|s| s.phase == crate::model::Phase::Published);
            (year_results(store, *number)?, lowest, is_published)
        };
        if is_published {
            published_years.insert(*number);
        }
        for category in results {
            for unit in category.units {
                assessed.entry(*number).or_default().insert(unit.unit_id);
                // Every unit assessed has a history, to be looked up by name, even before its
                // first result (its years then said 尚未评完).
                let entry = by_unit.entry(unit.unit_id).or_default();
                entry.0 = unit.unit_name;
                entry.1 = unit.short_name;
                // Years not fully scored say nothing final about a unit, but a veto does.
                if !has_final_grade(&unit.row) {
                    continue;
                }
                entry.2.push(YearPoint {
                    year: *number,
                    total: unit.row.is_complete().then_some(unit.row.total),
                    is_failed: unit.row.is_vetoed || unit.row.grade == lowest,
                    grade: unit.row.grade,
                    is_vetoed: unit.row.is_vetoed,
                    is_published,
                });
            }
        }
    }
    // A year after a unit's latest result leaves its run standing while the unit's result
    // there is still to come: the year is not published, and the unit is assessed in it or is
    // still in use (its agreement not drafted yet). A unit archived and left out of a year, or
    // absent from a published one, was not assessed since.
    let units = store.units()?;
    let archived: std::collections::BTreeSet<i64> = (units.iter())
        .filter(|unit| !unit.is_active)
        .map(|unit| unit.id)
        .collect();
    let still_to_come = |unit_id: i64, number: i32| {
        let is_assessed = (assessed.get(&number)).is_some_and(|units| units.contains(&unit_id));
        !published_years.contains(&number) && (is_assessed || !archived.contains(&unit_id))
    };
    let years_on_file = &years;
    let mut history: Vec<UnitHistory> = by_unit
        .into_iter()
        .map(|(unit_id, (name, short_name, years))| {
            // The failed years in a row back from the unit's latest result, which stands while
            // every year after it up to this one has the unit's result still to come: a unit
            // that failed long ago and passed since, or was not assessed since, is not
            // flagged.
            let run: Vec<&YearPoint> = (years.iter().rev())
                .zip(std::iter::successors(years.last().map(|p| p.year), |y| {
                    Some(y - 1)
                }))
                .take_while(|(point, expected)| point.year == *expected && point.is_failed)
                .map(|(point, _)| point)
                .collect();
            let stands = |last: i32| (last + 1..=year).all(|later| still_to_come(unit_id, later));
            let repeated_failure = match (run.last(), run.first()) {
                (Some(first), Some(last)) if run.len() >= 2 && stands(last.year) => {
                    Some((first.year, last.year))
                }
                _ => None,
            };
            // From the first year it is assessed in (a year before its first result may be
            // unfinished still), or its first result.
            let first_assessed = (assessed.iter())
                .find(|(_, units)| units.contains(&unit_id))
                .map(|(number, _)| *number);
            let first_result = years.first().map(|p| p.year);
            let from = first_assessed
                .into_iter()
                .chain(first_result)
                .min()
                .unwrap_or(year);
            let missing = (years_on_file.iter().copied())
                .filter(|y| *y >= from && !years.iter().any(|p| p.year == *y))
                .map(|y| {
                    let is_assessed = (assessed.get(&y)).is_some_and(|u| u.contains(&unit_id));
                    let why = if is_assessed {
                        "尚未评完"
                    } else if published_years.contains(&y) || archived.contains(&unit_id) {
                        "未参加该年度考核"
                    } else {
                        "还没有责任书"
                    };
                    (y, why)
                })
                .collect();
            UnitHistory {
                unit_id,
                name,
                short_name,
                years,
                repeated_failure,
                other_names: Vec::new(),
                missing,
            }
        })
        .collect();
    // Under its name in the year shown (the register's for the newest year; a published or
    // rolled-over year keeps the names it had, as its notice prints them), archived as it is
    // now, in the order of that year's list, as the 单位 screen lists them.
    let named = store.units_in_as(year, &units)?;
    let register: BTreeMap<i64, (usize, &crate::model::Unit)> = (named.iter())
        .enumerate()
        .map(|(position, unit)| (unit.id, (position, unit)))
        .collect();
    let mut ever = store.unit_names_ever()?;
    for entry in &mut history {
        if let Some((_, unit)) = register.get(&entry.unit_id) {
            // An archived unit marked, as the 考核 grid marks it.
            entry.name = if unit.is_active {
                unit.fields.name.clone()
            } else {
                format!("{}（已归档）", unit.fields.name)
            };
            entry.short_name = unit.fields.display_short_name().to_owned();
            if let Some(names) = ever.remove(&entry.unit_id) {
                entry.other_names = (names.into_iter())
                    .filter(|n| *n != unit.fields.name && *n != entry.short_name && !n.is_empty())
                    .collect();
            }
        }
    }
    // A unit not in the year's list (added to an earlier year since) comes last.
    history.sort_by_key(|h| {
        (
            register.get(&h.unit_id).map_or(usize::MAX, |(p, _)| *p),
            h.unit_id,
        )
    });
    Ok(Statistics {
        grades,
        counts,
        totals,
        band_units,
        vetoed_in_totals,
        vetoed_unfinished,
        full_score: settings.full_score,
        band_floors: (settings.grade_bands.iter())
            .filter(|band| band.min_total > Points::ZERO)
            .map(|band| (band.name.clone(), band.min_total))
            .collect(),
        history,
        years,
        notice_refusal,
        publish_note,
    })
}

/// Totals binned for the distribution chart: (lower bound, count) for below 60 % of the full
/// score and each 5 % above it, up to the full score (which also holds totals above it, from
/// bonuses). With the usual 100 points: 0–60, 60–65, … 95–100, 100 and above.
#[must_use]
pub fn distribution(totals: &[Points], full_score: Points) -> Vec<(Points, usize)> {
    let mut bins: Vec<(Points, usize)> = std::iter::once(Points::ZERO)
        .chain(
            (60..=100)
                .step_by(5)
                .map(|percent| Points(full_score.0 * percent / 100)),
        )
        .map(|lower| (lower, 0))
        .collect();
    for total in totals {
        let index = band_of(*total, &bins);
        if let Some((_, count)) = bins.get_mut(index) {
            *count += 1;
        }
    }
    bins
}

/// The index of the band of [`distribution`]'s `bands` that `total` falls in (from its lower
/// bound, up to the next one's).
#[must_use]
pub fn band_of(total: Points, bands: &[(Points, usize)]) -> usize {
    (bands.iter())
        .rposition(|(lower, _)| *lower <= total)
        .unwrap_or(0)
}

#[cfg(test)]
#[path = "statistics_tests.rs"]
mod tests;
