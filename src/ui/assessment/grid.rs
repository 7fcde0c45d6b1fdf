//! The layout of the 考核 grid: fixed columns on the left (序号, 单位, the totals) that stay put
//! while the columns of score cells right of them scroll sideways, a header over both, and one
//! vertical scroll around the rows so both panes stay aligned. Only the rows and columns in
//! view are drawn, and a stop the keyboard moves to is scrolled into view at once: the offsets
//! are set before the rows are drawn, so the stop is drawn (and takes the keys typed for it) in
//! the frame it is revealed, with no animation and no frame of delay. The one exception is the
//! frame the rows' view shrinks (a unit's detail opening below): egui springs back from an
//! offset past last frame's end as from an overscroll, so the reveal goes that far and finishes
//! in the next frame. The row of the unit whose detail is open is kept in sight that way.

/// The shape of the grid in points.
pub struct GridLayout<'a> {
    /// Widths of the fixed columns, left to right.
    pub fixed_widths: &'a [f32],
    /// Width of each scrolled column.
    pub scrolled_width: f32,
    /// How many scrolled columns there are.
    pub scrolled_columns: usize,
    /// How many rows there are.
    pub rows: usize,
    /// Height of a row.
    pub row_height: f32,
    /// Height of the header.
    pub header_height: f32,
}

/// A cell to scroll into view: its row, and its scrolled column if it has one.
#[derive(Debug, Clone, Copy)]
pub struct Reveal {
    /// The row.
    pub row: usize,
    /// The scrolled column; none for a cell of the fixed columns.
    pub column: Option<usize>,
}

/// What the grid shows in its cells.
pub trait GridContents {
    /// The header of the fixed columns.
    fn fixed_header(&mut self, cells: &mut FixedCells<'_>);
    /// The header of one scrolled column.
    fn scrolled_header(&mut self, ui: &mut egui::Ui, column: usize);
    /// The fixed cells of one row.
    fn fixed_row(&mut self, row: usize, cells: &mut FixedCells<'_>);
    /// One scrolled cell.
    fn scrolled_cell(&mut self, ui: &mut egui::Ui, row: usize, column: usize);
}

/// The fixed cells of one row, filled left to right with [`FixedCells::col`].
pub struct FixedCells<'a> {
    ui: &'a mut egui::Ui,
    widths: &'a [f32],
    next: usize,
    left: f32,
    top: f32,
    height: f32,
}

impl FixedCells<'_> {
    /// Adds the next cell, clipped to its column.
    pub fn col(&mut self, add: impl FnOnce(&mut egui::Ui)) {
        let Some(width) = self.widths.get(self.next).copied() else {
            return;
        };
        let rect = egui::Rect::from_min_size(
            egui::pos2(self.left, self.top),
            egui::vec2(width, self.height),
        );
        self.next += 1;
        self.left += width;
        if !self.ui.is_rect_visible(rect) {
            return;
        }
        self.ui.scope_builder(cell_builder(rect), |ui| {
            ui.set_clip_rect(rect.intersect(ui.clip_rect()));
            add(ui);
        });
    }
}

fn cell_builder(rect: egui::Rect) -> egui::UiBuilder {
    egui::UiBuilder::new()
        .max_rect(rect)
        .layout(egui::Layout::left_to_right(egui::Align::Center))
}

/// The first and one past the last index of equal spans of `size` that `range` touches.
fn spans_in_view(range: egui::Rangef, size: f32, count: usize) -> std::ops::Range<usize> {
    if size <= 0.0 || count == 0 {
        return 0..0;
    }
    // Both are small non-negative counts of rows or columns.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let index = |spans: f32| (spans.max(0.0) as usize).min(count);
    let first = index((range.min / size).floor());
    let end = index((range.max / size).ceil());
    first..end.max(first)
}

/// The offset that brings the span `start..start + size` into a view of `visible` points
/// scrolled to `offset`, over content of `total` points: unchanged if the span is in view
/// already, else scrolled just enough (the start wins if the span is larger than the view).
fn offset_revealing(offset: f32, start: f32, size: f32, visible: f32, total: f32) -> f32 {
    let offset = if start + size > offset + visible {
        start + size - visible
    } else {
        offset
    };
    let offset = offset.min(start);
    offset.clamp(0.0, (total - visible).max(0.0))
}

/// The scroll of the grid, kept between frames.
#[derive(Default)]
pub struct FrozenGrid {
    /// How far the scrolled columns are scrolled, shared by the header, the rows and the bar.
    offset_x: f32,
    /// How far the rows are scrolled, as the rows' scroll area left it last frame.
    offset_y: f32,
    /// Whether the next frame starts at the first row and column (another year or category).
    is_reset: bool,
    /// How far the rows could be scrolled last frame. Egui springs back from an offset beyond
    /// it as from an overscroll, so a reveal goes no further in one frame (when the rows' view
    /// has just shrunk) and finishes in the next.
    max_offset_y: f32,
    /// The height of the rows' view last frame.
    body_height: f32,
    /// A row a reveal could not reach in its frame, to reach in the next.
    pending_row: Option<usize>,
}

impl FrozenGrid {
    /// Scrolls back to the first row and column, as a grid of another year or category opens.
    pub fn reset(&mut self) {
        self.offset_x = 0.0;
        self.is_reset = true;
        self.pending_row = None;
    }

    /// Draws the grid in `height` points of `ui`, scrolling `reveal` into view; and the row
    /// `kept`, when the rows' view is not as high as last frame (a unit's detail opened or
    /// grew below the grid), so that the unit being worked on stays in sight.
    pub fn show(
        &mut self,
        ui: &mut egui::Ui,
        height: f32,
        layout: &GridLayout<'_>,
        reveal: Option<Reveal>,
        kept: Option<usize>,
        contents: &mut impl GridContents,
    ) {
        let fixed_width: f32 = layout.fixed_widths.iter().sum();
        let (scrolled_total, rows_total) = (
            layout.scrolled_width * layout.scrolled_columns as f32,
            layout.row_height * layout.rows as f32,
        );
        let bar_height = egui::style::ScrollStyle::solid().allocated_width();
        // As high as the rows need, so the scroll bar sits right under them, within `height`.
        let body_height = (height - layout.header_height - bar_height)
            .min(rows_total)
            .max(layout.row_height * 2.0);
        let (_, whole) = ui.allocate_space(egui::vec2(
            ui.available_width(),
            layout.header_height + body_height + bar_height,
        ));
        let header =
            egui::Rect::from_min_size(whole.min, egui::vec2(whole.width(), layout.header_height));
        let body = egui::Rect::from_min_max(
            egui::pos2(whole.left(), header.bottom()),
            egui::pos2(whole.right(), whole.bottom() - bar_height),
        );
        let mut pane_right = body.right();
        let mut rows_area = egui::ScrollArea::vertical()
            .id_salt("assessment_grid_rows")
            .auto_shrink([false, false])
            .animated(false);
        let is_resized = (body.height() - self.body_height).abs() > 0.5;
        let row = (reveal.map(|r| r.row))
            .or(self.pending_row.take())
            .or(kept.filter(|_| is_resized));
        if std::mem::take(&mut self.is_reset) {
            rows_area = rows_area.vertical_scroll_offset(0.0);
            self.pending_row = None;
        } else if let Some(row) = row {
            let top = layout.row_height * row as f32;
            let wanted = offset_revealing(
                self.offset_y,
                top,
                layout.row_height,
                body.height(),
                rows_total,
            );
            let offset = wanted.min(self.max_offset_y.max(self.offset_y));
            if offset < wanted - 0.1 {
                self.pending_row = Some(row);
                ui.ctx().request_repaint();
            }
            if (offset - self.offset_y).abs() > 0.1 {
                rows_area = rows_area.vertical_scroll_offset(offset);
            }
        }
        self.max_offset_y = (rows_total - body.height()).max(0.0);
        self.body_height = body.height();
        let offset_x = &mut self.offset_x;
        let rows_output = ui.scope_builder(egui::UiBuilder::new().max_rect(body), |ui| {
            rows_area.show_viewport(ui, |ui, viewport| {
                ui.set_height(rows_total);
                let origin = ui.max_rect().min;
                pane_right = ui.max_rect().right();
                let rows = spans_in_view(viewport.y_range(), layout.row_height, layout.rows);
                for row in rows.clone() {
                    let top = origin.y + layout.row_height * row as f32;
                    let mut cells = FixedCells {
                        ui,
                        widths: layout.fixed_widths,
                        next: 0,
                        left: origin.x,
                        top,
                        height: layout.row_height,
                    };
                    contents.fixed_row(row, &mut cells);
                }
                let pane = egui::Rect::from_min_max(
                    egui::pos2(
                        origin.x + fixed_width,
                        origin.y + layout.row_height * rows.start as f32,
                    ),
                    egui::pos2(pane_right, origin.y + layout.row_height * rows.end as f32),
                );
                if pane.width() <= 0.0 {
                    return;
                }
                if let Some(column) = reveal.and_then(|r| r.column) {
                    let left = layout.scrolled_width * column as f32;
                    *offset_x = offset_revealing(
                        *offset_x,
                        left,
                        layout.scrolled_width,
                        pane.width(),
                        scrolled_total,
                    );
                }
                ui.scope_builder(egui::UiBuilder::new().max_rect(pane), |ui| {
                    let output = egui::ScrollArea::horizontal()
                        .id_salt("assessment_grid_cells")
                        .horizontal_scroll_offset(*offset_x)
                        .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
                        .auto_shrink([false, false])
                        .animated(false)
                        .show_viewport(ui, |ui, view| {
                            ui.set_min_size(egui::vec2(scrolled_total, pane.height()));
                            let origin = ui.max_rect().min;
                            let columns = spans_in_view(
                                view.x_range(),
                                layout.scrolled_width,
                                layout.scrolled_columns,
                            );
                            for row in rows.clone() {
                                let top = origin.y + layout.row_height * (row - rows.start) as f32;
                                for column in columns.clone() {
                                    let left = origin.x + layout.scrolled_width * column as f32;
                                    let rect = egui::Rect::from_min_size(
                                        egui::pos2(left, top),
                                        egui::vec2(layout.scrolled_width, layout.row_height),
                                    );
                                    ui.scope_builder(cell_builder(rect), |ui| {
                                        // Within the rows' pane: the sideways scroll's own
                                        // clip reaches up over the header for a row half
                                        // scrolled out of sight.
                                        ui.set_clip_rect(ui.clip_rect().intersect(body));
                                        contents.scrolled_cell(ui, row, column);
                                    });
                                }
                            }
                        });
                    *offset_x = output.state.unclamped_offset().x;
                });
            })
        });
        self.offset_y = rows_output.inner.state.clamped_offset().y;
        let divider = ui.visuals().widgets.noninteractive.bg_stroke;
        let divider_x = whole.left() + fixed_width - 0.5;
        ui.painter().vline(divider_x, whole.y_range(), divider);
        ui.painter()
            .hline(whole.x_range(), header.bottom() - 0.5, divider);
        self.header(ui, header, pane_right, layout, contents);
        let bar = egui::Rect::from_min_max(
            egui::pos2(whole.left() + fixed_width, whole.bottom() - bar_height),
            egui::pos2(pane_right, whole.bottom()),
        );
        self.bar(ui, bar, scrolled_total);
    }

    /// The header: fixed titles, and the scrolled columns' titles at the rows' sideways scroll.
    fn header(
        &self,
        ui: &mut egui::Ui,
        header: egui::Rect,
        pane_right: f32,
        layout: &GridLayout<'_>,
        contents: &mut impl GridContents,
    ) {
        let fixed_width: f32 = layout.fixed_widths.iter().sum();
        ui.scope_builder(egui::UiBuilder::new().max_rect(header), |ui| {
            let mut cells = FixedCells {
                ui,
                widths: layout.fixed_widths,
                next: 0,
                left: header.left(),
                top: header.top(),
                height: header.height(),
            };
            contents.fixed_header(&mut cells);
            let pane = egui::Rect::from_min_max(
                egui::pos2(header.left() + fixed_width, header.top()),
                egui::pos2(pane_right, header.bottom()),
            );
            if pane.width() <= 0.0 {
                return;
            }
            ui.scope_builder(egui::UiBuilder::new().max_rect(pane), |ui| {
                egui::ScrollArea::horizontal()
                    .id_salt("assessment_grid_header")
                    .horizontal_scroll_offset(self.offset_x)
                    .scroll_bar_visibility(egui::scroll_area::ScrollBarVisibility::AlwaysHidden)
                    .scroll_source(egui::scroll_area::ScrollSource::NONE)
                    .auto_shrink([false, false])
                    .animated(false)
                    .show_viewport(ui, |ui, view| {
                        let total = layout.scrolled_width * layout.scrolled_columns as f32;
                        ui.set_min_size(egui::vec2(total, pane.height()));
                        let origin = ui.max_rect().min;
                        let columns = spans_in_view(
                            view.x_range(),
                            layout.scrolled_width,
                            layout.scrolled_columns,
                        );
                        for column in columns {
                            let left = origin.x + layout.scrolled_width * column as f32;
                            let rect = egui::Rect::from_min_size(
                                egui::pos2(left, origin.y),
                                egui::vec2(layout.scrolled_width, pane.height()),
                            );
                            let builder = egui::UiBuilder::new()
                                .max_rect(rect)
                                .layout(egui::Layout::top_down(egui::Align::Min));
                            ui.scope_builder(builder, |ui| {
                                ui.set_clip_rect(rect.intersect(ui.clip_rect()));
                                contents.scrolled_header(ui, column);
                            });
                        }
                    });
            });
        });
    }

    /// The scroll bar under the scrolled columns.
    fn bar(&mut self, ui: &mut egui::Ui, bar: egui::Rect, scrolled_total: f32) {
        if bar.width() <= 0.0 {
            return;
        }
        ui.scope_builder(egui::UiBuilder::new().max_rect(bar), |ui| {
            ui.spacing_mut().scroll = egui::style::ScrollStyle::solid();
            let output = egui::ScrollArea::horizontal()
                .id_salt("assessment_grid_bar")
                .horizontal_scroll_offset(self.offset_x)
                .auto_shrink([false, true])
                .animated(false)
                .show(ui, |ui| {
                    ui.allocate_space(egui::vec2(scrolled_total, 0.0));
                });
            if (output.state.unclamped_offset().x - self.offset_x).abs() > 0.1 {
                // Dragged: the rows and the header follow in the next frame.
                self.offset_x = output.state.unclamped_offset().x;
                ui.ctx().request_repaint();
            }
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_spans_in_view_are_those_the_range_touches() {
        let range = |min: f32, max: f32| egui::Rangef::new(min, max);
        assert_eq!(spans_in_view(range(0.0, 100.0), 26.0, 60), 0..4);
        assert_eq!(spans_in_view(range(30.0, 52.0), 26.0, 60), 1..2);
        assert_eq!(spans_in_view(range(0.0, 10_000.0), 26.0, 60), 0..60);
        assert_eq!(spans_in_view(range(-40.0, 10.0), 26.0, 60), 0..1);
        assert_eq!(spans_in_view(range(0.0, 100.0), 26.0, 0), 0..0);
    }

    fn assert_near(actual: f32, expected: f32) {
        assert!(
            (actual - expected).abs() < 0.01,
            "{actual} is not {expected}"
        );
    }

    #[test]
    fn a_span_out_of_view_is_scrolled_just_into_it() {
        // A view of 300 points over 1000, scrolled to 200: 200..500 is in view.
        assert_near(offset_revealing(200.0, 250.0, 100.0, 300.0, 1000.0), 200.0);
        assert_near(offset_revealing(200.0, 560.0, 112.0, 300.0, 1000.0), 372.0);
        assert_near(offset_revealing(200.0, 100.0, 112.0, 300.0, 1000.0), 100.0);
        // Never past either end, and a span wider than the view shows its start.
        assert_near(offset_revealing(0.0, 950.0, 50.0, 300.0, 1000.0), 700.0);
        assert_near(offset_revealing(500.0, 0.0, 26.0, 300.0, 1000.0), 0.0);
        assert_near(offset_revealing(0.0, 400.0, 500.0, 300.0, 1000.0), 400.0);
        assert_near(offset_revealing(0.0, 0.0, 26.0, 300.0, 200.0), 0.0);
    }
}
