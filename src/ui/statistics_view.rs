//! 通报与统计: counts per grade by category, the distribution of totals, a unit's totals and
//! grades across years, and the units that failed two years in a row, highlighted.

use egui_plot::{AxisHints, Bar, BarChart, Plot, PlotPoint, Text, uniform_grid_spacer};

mod history_chart;

use super::searchable_combo::{Choices, searchable_combo};
use crate::workflow::statistics::{Statistics, distribution};

/// How many units a bar's tooltip names before it counts the rest (one more is named, not
/// counted: see [`tooltip_split`]).
const TOOLTIP_UNITS: usize = 15;

/// How many of a bar's `count` units its tooltip names, and what it says of the others: all
/// when one more line would say no less than naming it does.
fn tooltip_split(count: usize) -> (usize, Option<String>) {
    if count <= TOOLTIP_UNITS + 1 {
        (count, None)
    } else {
        let rest = count - TOOLTIP_UNITS;
        (
            TOOLTIP_UNITS,
            Some(format!("另有 {rest} 个（全部见“考核”）")),
        )
    }
}

/// State of the statistics part of the screen.
#[derive(Default)]
pub struct StatisticsView {
    /// The unit whose history is shown, by id.
    unit_id: Option<i64>,
    /// What is typed in the unit list's search box.
    unit_search: String,
}

impl StatisticsView {
    /// The bar chart of totals per 5-point band, each bar with its count written above it;
    /// the count axis in whole units. The pointer on a bar names its units with their totals.
    fn distribution_chart(ui: &mut egui::Ui, stats: &Statistics, year: i32) {
        let (totals, full_score) = (&stats.totals, stats.full_score);
        let bands = distribution(totals, full_score);
        let members = &stats.band_units;
        let highest = bands.iter().map(|(_, count)| *count).max().unwrap_or(0);
        let counts: Vec<(f64, usize)> = (bands.iter().enumerate())
            .filter(|(_, (_, count))| *count > 0)
            .map(|(index, (_, count))| (index as f64, *count))
            .collect();
        let uppers: Vec<crate::model::Points> =
            bands.iter().skip(1).map(|(lower, _)| *lower).collect();
        // Each band named under its bar, on the year's own scale.
        let ranges: Vec<String> = (bands.iter().enumerate())
            .map(|(index, (lower, _))| match uppers.get(index) {
                // Short enough to stand under a bar of a narrow window ("100 及以上" would not).
                // "不足60", not "60以下": 以下 counts the number itself (以上含本数).
                _ if *lower >= full_score => format!("{full_score}以上"),
                Some(upper) if index == 0 => format!("不足{upper}"),
                Some(upper) => format!("{lower}–{upper}"),
                None => format!("{lower}以上"),
            })
            .collect();
        let bars: Vec<Bar> = (bands.iter().enumerate())
            .map(|(index, (_, count))| Bar::new(index as f64, *count as f64).width(0.8))
            .collect();
        // One plot per year and scale: egui_plot keeps a plot's bounds, and another year's
        // counts, or this year's after more units were scored, would be drawn (and cut off) on
        // the scale of the counts shown first.
        let named = ranges.clone();
        let shown = Plot::new(("totals_distribution", year, highest, bands.len()))
            .height(160.0)
            // No coordinates under the pointer ("x: 2.4"): the bars say what they count.
            .show_x(false)
            .show_y(false)
            .allow_zoom(false)
            .allow_drag(false)
            .allow_scroll(false)
            // Only the count lines: lines through the bars would cut them in half.
            .show_grid([false, true])
            // Every bar named on a narrow window too: marks at each whole index, and labels
            // shown however close (egui_plot hides labels nearer than some 60 points by default).
            .x_grid_spacer(uniform_grid_spacer(|_| [1.0, 1.0, 1.0]))
            .custom_x_axes(vec![
                AxisHints::new_x()
                    .label("分数段（含下限，不含上限）")
                    .label_spacing(24.0..=32.0)
                    // (A label wider than the bars' spacing is left out by egui_plot, never
                    // drawn over its neighbour.)
                    .formatter(move |mark, _| {
                        // Bars sit at whole indices, each named by its whole range under it.
                        (ranges.iter().enumerate())
                            .find(|(index, _)| (*index as f64 - mark.value).abs() < 0.01)
                            .map(|(_, range)| range.clone())
                            .unwrap_or_default()
                    }),
            ])
            .y_axis_label("单位数")
            .default_y_bounds(0.0, highest as f64 * 1.25 + 1.0)
            // Room beside the outer bars for their names ("100 及以上" is wider than a bar).
            .include_x(-0.9)
            .include_x(bands.len() as f64 - 0.1)
            .y_grid_spacer(uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
            .y_axis_formatter(|mark, _| {
                let count = mark.value.round();
                if (mark.value - count).abs() > 0.01 || count < 0.0 {
                    String::new()
                } else {
                    format!("{count:.0}")
                }
            })
            .show(ui, |plot| {
                // The count is written over each bar and its range under it: no hover label,
                // which egui_plot would draw over the next bar's count or past the edge.
                plot.bar_chart(BarChart::new("单位数", bars).allow_hover(false));
                for (index, count) in counts {
                    plot.text(
                        Text::new(
                            "单位数",
                            PlotPoint::new(index, count as f64),
                            egui::RichText::new(format!("{count} 个")).size(13.0),
                        )
                        .anchor(egui::Align2::CENTER_BOTTOM),
                    );
                }
            });
        // Tab stops on the chart (egui_plot takes the keyboard): its ring shows where.
        crate::ui::focus_ring::show(ui, &shown.response);
        // The bar under the pointer: its range, and each unit in it with its total, in a
        // tooltip of its own (not egui_plot's, drawn over the next bar's count).
        let pointed = (shown.response.hover_pos())
            .map(|pos| shown.transform.value_from_position(pos).x)
            .and_then(|x| (0..named.len()).find(|index| (*index as f64 - x).abs() <= 0.4))
            .and_then(|index| Some((named.get(index)?, members.get(index)?)))
            .filter(|(_, units)| !units.is_empty());
        if let Some((range, units)) = pointed {
            shown.response.on_hover_ui_at_pointer(|ui| {
                ui.strong(format!("{range}：{} 个", units.len()));
                // As many as a tooltip holds on a small screen; the rest counted.
                // A name and its total on one line, also at the window's right edge.
                let (shown, rest) = tooltip_split(units.len());
                for (name, total) in units.iter().take(shown) {
                    ui.add(egui::Label::new(format!("{name}　{total}")).extend());
                }
                if let Some(rest) = rest {
                    ui.weak(rest);
                }
            });
        }
    }

    /// The table of units per grade, a row per category and a row of sums.
    fn grade_counts(ui: &mut egui::Ui, stats: &Statistics, top_grade: &str) {
        // The top grade's share of the units graded: the figure quotas are set on (优秀率).
        let top_rate = |counts: &[usize]| {
            let graded: usize = counts.iter().sum();
            match counts.first() {
                Some(top) if graded > 0 => {
                    let tenths = (top * 1000 + graded / 2) / graded;
                    format!("{}.{}%", tenths / 10, tenths % 10)
                }
                _ => "—".to_owned(),
            }
        };
        egui::Grid::new("grade_counts")
            .striped(true)
            .num_columns(stats.grades.len() + 4)
            .show(ui, |ui| {
                ui.strong("类别");
                for grade in &stats.grades {
                    ui.strong(grade);
                }
                ui.strong("未评分或未评完");
                ui.strong("合计");
                ui.strong(format!("{top_grade}率")).on_hover_text(format!(
                    "{top_grade}的单位占已评定等次单位的比例（未评完的不计）"
                ));
                ui.end_row();
                for row in &stats.counts {
                    ui.label(&row.category);
                    for count in &row.counts {
                        ui.label(count.to_string());
                    }
                    let unscored = ui.label(row.unscored.to_string());
                    if row.unscored > 0 {
                        unscored.on_hover_text(
                            "尚有指标没有考核组评分的单位，不计入等次、分布和历年得分",
                        );
                    }
                    ui.label(row.units().to_string());
                    ui.label(top_rate(&row.counts));
                    ui.end_row();
                }
                if stats.counts.len() > 1 {
                    let sums = stats.counts_in_all();
                    ui.strong("合计");
                    for sum in &sums {
                        ui.strong(sum.to_string());
                    }
                    ui.strong(sums.iter().sum::<usize>().to_string());
                    let graded = sums.get(..stats.grades.len()).unwrap_or_default();
                    ui.strong(top_rate(graded));
                    ui.end_row();
                }
            });
    }

    /// Draws the figures of `year`.
    pub fn show(&mut self, ui: &mut egui::Ui, stats: &Statistics, year: i32) {
        ui.strong(format!("{year} 年度各类别等次分布"));
        let top_grade = stats.grades.first().map_or("优秀", String::as_str);
        if stats.counts.is_empty() {
            // A table of headings and nothing under them reads as a failure to load.
            ui.label("本年度还没有责任书：起草并评分后，在此按类别计数各等次的单位");
        } else {
            Self::grade_counts(ui, stats, top_grade);
            // The share is of the units graded: said in sight while some are not, since it
            // changes as they are (3 of 6 graded is 50 %, not 3 of 15).
            let unscored: usize = stats.counts.iter().map(|c| c.unscored).sum();
            if unscored > 0 {
                ui.weak(format!(
                    "{top_grade}率按已评定等次的单位计算，未评分或未评完的 {unscored} 个单位不计在内"
                ));
            }
        }
        // The note above the table counts them as unfinished: said, so the two figures agree.
        if stats.vetoed_unfinished > 0 {
            ui.weak(format!(
                "其中 {} 个单位已一票否决、得分尚未评完：等次已定为{}，计在上表；通报的得分表要列出各项得分，所以通报前仍须评完",
                stats.vetoed_unfinished,
                stats.grades.last().map_or("不合格", String::as_str)
            ));
        }
        ui.add_space(8.0);
        ui.strong("总得分分布")
            .on_hover_text("各类别的单位合在一起；被一票否决的单位总得分按 0 分计入");
        if stats.totals.is_empty() {
            ui.label(
                "本年度还没有评完的单位；一个单位的各项指标都有考核组评分后，在此按分数段计数",
            );
        } else {
            Self::distribution_chart(ui, stats, year);
            // Said under the chart, not only on hover: a reader comparing it with the grade
            // counts finds the vetoed unit at 0, whatever it scored.
            if stats.vetoed_in_totals > 0 {
                ui.weak(format!(
                    "其中 {} 个单位被一票否决：总得分按 0 分计入上图，等次为不合格",
                    stats.vetoed_in_totals
                ));
            }
        }
        ui.add_space(8.0);
        ui.strong("连续两年及以上不合格（被一票否决的按不合格计）");
        let repeated: Vec<(i64, String)> = stats
            .history
            .iter()
            .filter_map(|h| {
                let run = h.repeated_failure?;
                let years = crate::workflow::statistics::run_years(run);
                // A run ending in a year not yet published may still change: said.
                let is_pending = (h.years.iter()).any(|p| p.year == run.1 && !p.is_published);
                Some((
                    h.unit_id,
                    if is_pending {
                        format!("{}（{years} 年度，{} 年度尚未通报）", h.name, run.1)
                    } else {
                        format!("{}（{years} 年度）", h.name)
                    },
                ))
            })
            .collect();
        // A year still being scored leaves last year's runs standing: said, so that a name in
        // red is not read as this year's result.
        let standing_from_before = (stats.history.iter())
            .filter_map(|h| h.repeated_failure)
            .any(|(_, last)| last < year);
        if repeated.is_empty() {
            ui.label("无");
        } else {
            if standing_from_before {
                ui.weak(format!(
                    "{year} 年度还没有结果的单位（尚未评完），按其最近一年的结果列出；未参加其后年度考核的单位不列"
                ));
            }
            // Each name opens the unit's years below.
            ui.horizontal_wrapped(|ui| {
                for (unit_id, text) in repeated {
                    let text = egui::RichText::new(text).color(ui.visuals().error_fg_color);
                    if ui.link(text).on_hover_text("查看该单位历年得分").clicked() {
                        self.unit_id = Some(unit_id);
                    }
                }
            });
        }
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            // Up to the year shown: a later one is seen by choosing it above.
            ui.strong(format!("单位历年得分（截至 {year} 年度）"));
            let label = ui.label("单位");
            // Asked only while the list is open. The short name too, as the 考核 grid shows it.
            let fits = |index: usize, wanted: &str| {
                let folded = crate::model::collation::folded;
                // A former name too, as an old notice prints it.
                (stats.history.get(index)).is_some_and(|h| {
                    folded(&h.name).contains(wanted)
                        || folded(&h.short_name).contains(wanted)
                        || (h.other_names.iter()).any(|n| folded(n).contains(wanted))
                })
            };
            let choices = Choices {
                items: (stats.history.iter())
                    .map(|h| (h.unit_id, h.name.as_str()))
                    .collect(),
                fits: &fits,
                none: None,
                hint: "输入名称或简称筛选",
            };
            let (response, _) = searchable_combo(
                ui,
                "history_unit",
                220.0,
                &mut self.unit_id,
                &mut self.unit_search,
                &choices,
            );
            response.labelled_by(label.id);
        });
        let Some(history) = self
            .unit_id
            .and_then(|id| stats.history.iter().find(|h| h.unit_id == id))
        else {
            return;
        };
        // Every year on file from the unit's first to the year shown, in order: a year between
        // not scored for it (still being signed, or left out) is said in its place, not
        // skipped.
        let first = (history.years.iter().map(|p| p.year))
            .chain(history.missing.iter().map(|(y, _)| *y))
            .min()
            .unwrap_or(year);
        let mut is_any_red = false;
        // No result at all: no chart is drawn, so none is spoken of.
        let not_drawn = if history.years.is_empty() {
            ""
        } else {
            "，不在图中"
        };
        for &shown in stats.years.iter().filter(|&&y| y >= first) {
            let Some(point) = history.years.iter().find(|p| p.year == shown) else {
                let why = (history.missing.iter())
                    .find(|(y, _)| *y == shown)
                    .map_or("尚未评完", |(_, why)| why);
                ui.weak(format!("{shown} 年度：{why}{not_drawn}"));
                continue;
            };
            let veto = if point.is_vetoed {
                "，一票否决"
            } else {
                ""
            };
            let total = point
                .total
                .map_or_else(|| "未评完".to_owned(), |total| format!("{total} 分"));
            // A year still being scored may change: said, so it is not read as a result.
            let pending = if point.is_published {
                ""
            } else {
                "（尚未通报）"
            };
            let text = format!(
                "{} 年度：{total}，{}{veto}{pending}",
                point.year, point.grade
            );
            if history.is_red(point) {
                is_any_red = true;
                ui.colored_label(ui.visuals().error_fg_color, text);
            } else {
                ui.label(text);
            }
        }
        // Before its first result there is nothing to draw.
        if history.years.is_empty() {
            return;
        }
        // What red means, once a year is red: a single 不合格 is not.
        if is_any_red {
            ui.weak("红色：一票否决的年度，或连续两年及以上不合格的各年度");
        }
        // Each year was graded by its own lines; the dashed ones are the year shown's, which
        // earlier years' may differ from.
        ui.weak(format!(
            "虚线为 {year} 年度的等次分数线；以前各年度的等次按当年的分数线评定"
        ));
        history_chart::history_chart(
            ui,
            history,
            stats.full_score.as_number(),
            &stats.band_floors,
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tooltip_names_all_or_counts_the_others() {
        assert_eq!(tooltip_split(3), (3, None));
        // One more than fits is named, not counted as "另有 1 个".
        assert_eq!(tooltip_split(16), (16, None));
        assert_eq!(
            tooltip_split(17),
            (15, Some("另有 2 个（全部见“考核”）".to_owned()))
        );
    }
}
