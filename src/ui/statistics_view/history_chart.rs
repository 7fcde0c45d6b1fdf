//! A unit's totals and grades across years (通报与统计 → 单位历年得分): a point per scored year
//! with its total and grade written by it, the grade lines dashed and named at the left.

use egui_plot::{
    AxisHints, HLine, Line, LineStyle, Plot, PlotPoint, Points, Text, uniform_grid_spacer,
};

use crate::workflow::statistics::{UnitHistory, YearPoint};

/// A unit's totals by year: a point per scored year with its total written above, years in
/// a row joined by a line; whole years on the axis and the score axis from ten below the lowest
/// point or grade line (at least 0) to the full mark;
/// a dashed line at each grade's lowest total, named at the left.
pub(super) fn history_chart(
    ui: &mut egui::Ui,
    history: &UnitHistory,
    full_score: f64,
    band_floors: &[(String, crate::model::Points)],
) {
    let scored: Vec<&YearPoint> = history.years.iter().filter(|p| p.total.is_some()).collect();
    let series: Vec<[f64; 2]> = scored
        .iter()
        .filter_map(|p| Some([f64::from(p.year), p.total?.as_number()]))
        .collect();
    let first = history.years.first().map_or(0, |p| p.year);
    let last = history.years.last().map_or(0, |p| p.year);
    let colour = ui.visuals().selection.stroke.color;
    let weak = ui.visuals().weak_text_color();
    let error = ui.visuals().error_fg_color;
    let ui_text = ui.visuals().text_color();
    // Room above the highest point for its label (a line of text in 160 points of plot).
    let highest = series.iter().map(|p| p[1]).fold(full_score, f64::max);
    let top = highest * 1.2;
    // From 0 the lines of the grades above 合格 sit a few pixels apart: the axis starts
    // near what is drawn.
    let lowest = (series.iter().map(|p| p[1]))
        .chain(band_floors.iter().map(|(_, points)| points.as_number()))
        .fold(full_score, f64::min);
    let axis_floor = ((lowest - 10.0) / 10.0).floor().max(0.0) * 10.0;
    // A point at the axis' foot (a veto's 0) would be cut in half, and its label, put
    // under a point the line comes down to, would not fit: room is kept below it.
    let room = (top - axis_floor) * 0.16;
    let bottom = if lowest - axis_floor < room {
        lowest - room
    } else {
        axis_floor
    };
    // One plot per unit, span of years and scale, for the same reason.
    let shown = Plot::new((
        "unit_history",
        history.unit_id,
        first,
        last,
        top.to_bits(),
        bottom.to_bits(),
    ))
    .height(180.0)
    .allow_zoom(false)
    .allow_drag(false)
    .allow_scroll(false)
    // No crosshair or pointer's value: the lines would strike through the labels over the
    // points, which say the totals already.
    .show_crosshair(false)
    .show_x(false)
    .show_y(false)
    // No grid: its lines would run through the labels over the points; the axes say
    // the years and the scores.
    .show_grid(false)
    .default_x_bounds(f64::from(first) - 0.6, f64::from(last) + 0.6)
    .default_y_bounds(bottom, top)
    .x_grid_spacer(uniform_grid_spacer(|_| [1.0, 5.0, 10.0]))
    .x_axis_formatter(|mark, _| {
        let year = mark.value.round();
        if (mark.value - year).abs() > 0.01 {
            String::new()
        } else {
            format!("{year:.0} 年度")
        }
    })
    // No score named above the highest one drawn: the room there is for the labels over
    // the points, and a mark at its edge ("120") would be cut in half. Marks a line of text
    // apart (every 10 on a narrow axis) are read in full, not faded as egui_plot's
    // default spacing (20 to 30 points) has them.
    .custom_y_axes(vec![
        AxisHints::new_y()
            .label("总得分")
            .label_spacing(12.0..=16.0)
            .formatter(move |mark, _| {
                if mark.value > highest + 0.01 || mark.value < -0.01 {
                    String::new()
                } else if (mark.value - mark.value.round()).abs() < 0.01 {
                    format!("{:.0}", mark.value)
                } else {
                    format!("{:.1}", mark.value)
                }
            }),
    ])
    .show(ui, |plot| {
        for (grade, points) in band_floors {
            plot.hline(
                HLine::new(grade.clone(), points.as_number())
                    .color(weak)
                    .style(LineStyle::dashed_loose()),
            );
        }
        // Grade lines closer than a label's height (a line of 11 points in about 150
        // pixels of plot) share one label at the upper line, or the names would overprint.
        let label_room = (top - bottom) * 0.1;
        // A little above its line, which would otherwise run through the label's foot.
        let lift = (top - bottom) * 0.015;
        for (floor, label) in band_labels(band_floors, label_room) {
            plot.text(
                Text::new(
                    label.clone(),
                    PlotPoint::new(f64::from(first) - 0.58, floor + lift),
                    egui::RichText::new(label).size(11.0).color(weak),
                )
                .anchor(egui::Align2::LEFT_BOTTOM),
            );
        }
        // Only years in a row are joined: a year not scored leaves a gap, not a line
        // across it that would read as data.
        for run in series.chunk_by(|a, b| (b[0] - a[0] - 1.0).abs() < 0.01) {
            plot.line(Line::new(history.name.clone(), run.to_vec()).color(colour));
        }
        plot.points(
            Points::new(history.name.clone(), series.clone())
                .radius(4.0)
                .color(colour),
        );
        // The years the list under the chart says in red are red here too.
        let red: Vec<[f64; 2]> = (series.iter().zip(&scored))
            .filter(|(_, year)| history.is_red(year))
            .map(|(point, _)| *point)
            .collect();
        if !red.is_empty() {
            plot.points(
                Points::new(history.name.clone(), red)
                    .radius(5.0)
                    .color(error),
            );
        }
        // A label is a line of text (about a tenth of the plot's height) above its
        // point; one that a grade line would run through goes under the point, unless a
        // line runs through it there too (the side with fewer lines then).
        let gap = (top - bottom) * 0.03;
        let label_height = (top - bottom) * 0.1;
        for (point, year) in series.iter().zip(&scored) {
            let floors = || band_floors.iter().map(|(_, p)| p.as_number());
            let (y0, reach) = (point[1], gap + label_height);
            let above = floors().filter(|f| *f > y0 && *f <= y0 + reach).count();
            let below = floors().filter(|f| *f < y0 && *f >= y0 - reach).count();
            let is_crossed = above > 0 && below < above;
            // The line comes down to a point well under the year before or after (a
            // veto's 0): its label goes under it, where the line does not run.
            let neighbours: Vec<f64> = (series.iter())
                .filter(|other| ((other[0] - point[0]).abs() - 1.0).abs() < 0.01)
                .map(|other| other[1])
                .collect();
            let is_dip =
                !neighbours.is_empty() && neighbours.iter().all(|y| *y > y0 + label_height);
            let (y, anchor) = if is_crossed || (is_dip && below == 0) {
                (point[1] - gap, egui::Align2::CENTER_TOP)
            } else {
                (point[1] + gap, egui::Align2::CENTER_BOTTOM)
            };
            plot.text(
                Text::new(
                    history.name.clone(),
                    PlotPoint::new(point[0], y),
                    egui::RichText::new(format!(
                        "{}（{}{}）",
                        year.total.unwrap_or_default(),
                        year.grade,
                        if year.is_vetoed {
                            "，一票否决"
                        } else {
                            ""
                        }
                    ))
                    .size(13.0)
                    .color(if history.is_red(year) { error } else { ui_text }),
                )
                .anchor(anchor),
            );
        }
    });
    // Tab stops on the chart (egui_plot takes the keyboard): its ring shows where.
    crate::ui::focus_ring::show(ui, &shown.response);
}

/// The labels of the grade lines, each at the height it is drawn: lines closer than `room`
/// to the line above them share its label ("优秀 90／良好 85"), so that no two overprint.
fn band_labels(band_floors: &[(String, crate::model::Points)], room: f64) -> Vec<(f64, String)> {
    let mut floors: Vec<(f64, String)> = band_floors
        .iter()
        .map(|(grade, points)| (points.as_number(), format!("{grade} {points}")))
        .collect();
    floors.sort_by(|a, b| b.0.total_cmp(&a.0));
    let mut labels: Vec<(f64, String)> = Vec::new();
    // The lowest line of the group being labelled, to measure the next line from.
    let mut group_bottom = f64::INFINITY;
    for (floor, text) in floors {
        match labels.last_mut() {
            Some((_, label)) if group_bottom - floor < room => {
                label.push('／');
                label.push_str(&text);
            }
            _ => labels.push((floor, text)),
        }
        group_bottom = floor;
    }
    labels
}

#[cfg(test)]
mod tests {
    use super::band_labels;
    use crate::model::Points;

    fn floors(list: &[(&str, &str)]) -> Vec<(String, Points)> {
        list.iter()
            .map(|(grade, points)| ((*grade).to_owned(), Points::parse(points).expect("points")))
            .collect()
    }

    #[test]
    fn grade_lines_far_apart_keep_their_own_labels() {
        let labels = band_labels(
            &floors(&[("优秀", "90"), ("良好", "80"), ("合格", "60")]),
            7.0,
        );
        let texts: Vec<&str> = labels.iter().map(|(_, text)| text.as_str()).collect();
        assert_eq!(texts, ["优秀 90", "良好 80", "合格 60"]);
    }

    #[test]
    fn grade_lines_closer_than_a_label_share_one_at_the_upper_line() {
        let labels = band_labels(
            &floors(&[
                ("优秀", "90"),
                ("良好", "85"),
                ("较好", "80"),
                ("合格", "60"),
            ]),
            7.0,
        );
        assert_eq!(
            labels,
            [
                (90.0, "优秀 90／良好 85／较好 80".to_owned()),
                (60.0, "合格 60".to_owned())
            ]
        );
    }
}
