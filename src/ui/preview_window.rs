//! The preview window of an agreement: its pages drawn from the same layout as the PDF (so the
//! clerk checks them before printing), with zoom (缩小, 放大, 适合宽度) and a page list that
//! scrolls to the page chosen. A preview taken while the agreement has unsaved clause edits
//! says that it shows the saved text.

use crate::pdf::fonts::FontRole;
use crate::pdf::page::{Item, PT_PER_MM, Page};

use super::preview_fonts;

/// Pixels per millimetre when the window opens: a whole page in a window of 720 points.
const START_SCALE: f32 = 2.2;
/// The smallest and largest zoom, in pixels per millimetre.
const SCALES: std::ops::RangeInclusive<f32> = 1.0..=6.0;
/// One zoom step.
const STEP: f32 = 1.25;
/// Pixels per millimetre at 100 % on a 96 dpi screen.
const ACTUAL_SIZE: f32 = 96.0 / 25.4;

/// The pages of the agreement being previewed.
pub struct Preview {
    title: String,
    pages: Vec<Page>,
    /// Whether this preview asked egui for the role font families.
    pub has_requested_fonts: bool,
    /// Pixels per millimetre.
    scale: f32,
    /// The page to scroll to in the next frame, counted from 0.
    go_to: Option<usize>,
    /// The page at the top of the view last frame, counted from 0.
    current: usize,
    /// Said above the pages: what the preview does not show.
    warning: Option<String>,
    /// The window's layer, once drawn: Esc closes it while it is in front.
    layer: Option<egui::LayerId>,
    /// True when a text field had the keyboard at the end of the last frame: an Esc then is
    /// that field's (egui lets go of the focus before the next frame begins).
    was_typing: bool,
    /// What had the keyboard as the preview opened (its 预览… button, opened from the
    /// keyboard).
    opened_from: Option<egui::Id>,
    /// What had the keyboard at the end of the last frame (Esc or a click on ✕ takes it
    /// away before the preview closes).
    focus_at_end: Option<egui::Id>,
}

/// The height of the window's top bar (its title and the year list), which the preview
/// leaves in sight.
const TOP_BAR: f32 = 28.0;

impl Preview {
    /// A preview of `pages` under `title`.
    #[must_use]
    pub fn new(title: String, pages: Vec<Page>) -> Self {
        Self {
            title,
            pages,
            has_requested_fonts: false,
            scale: START_SCALE,
            // A preview opens at its first page, wherever a preview of the same title was left.
            go_to: Some(0),
            current: 0,
            warning: None,
            layer: None,
            was_typing: false,
            opened_from: None,
            focus_at_end: None,
        }
    }

    /// The preview with `warning` said above its pages.
    #[must_use]
    pub fn with_warning(self, warning: impl Into<String>) -> Self {
        Self {
            warning: Some(warning.into()),
            ..self
        }
    }

    /// Gives the keyboard back to what had it as the preview opened (its 预览… button), as a
    /// dialog gives it back to its button on closing; unless the clerk went on elsewhere.
    pub fn give_keyboard_back(&self, ctx: &egui::Context) {
        // Where it was last, when that was outside the preview (a row of the list behind);
        // else (in the preview, or nowhere) the button that opened it, if it is still there.
        let is_outside = |id: egui::Id| {
            ctx.read_response(id)
                .is_some_and(|r| Some(r.layer_id) != self.layer)
        };
        let back = (self.focus_at_end.filter(|id| is_outside(*id)))
            .or(self.opened_from.filter(|id| is_outside(*id)));
        if let Some(id) = back {
            ctx.memory_mut(|m| m.request_focus(id));
        }
    }

    /// True when Esc was pressed while this window is the one in front, taken out of the
    /// frame's input: asked before the screens are drawn, so that the Esc closes the preview,
    /// not the agreement's detail behind it (which has the keyboard after 预览…). Not while a
    /// dialog, a drop-down or a text field was in use: that Esc is theirs.
    pub fn takes_escape(&self, ctx: &egui::Context) -> bool {
        self.has_keys(ctx)
            && ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, egui::Key::Escape))
    }

    /// PageDown and PageUp turn the pages, Home and End go to the first and the last, while
    /// this window is in front (as Esc closes it): taken before the screens are drawn, so that
    /// they do not move the list behind it.
    /// Not while the keyboard is elsewhere (a row of the list behind, which has keys of its
    /// own): only with it in the preview, on what opened it, or nowhere.
    pub fn take_page_keys(&mut self, ctx: &egui::Context) {
        let focused = ctx.memory(egui::Memory::focused);
        let is_keyboard_here = focused.is_none_or(|id| {
            self.opened_from == Some(id)
                || ctx
                    .read_response(id)
                    .is_some_and(|r| Some(r.layer_id) == self.layer)
        });
        if !is_keyboard_here || !self.has_keys(ctx) {
            return;
        }
        let last = self.pages.len().saturating_sub(1);
        let keys = [
            (egui::Key::PageDown, (self.current + 1).min(last)),
            (egui::Key::PageUp, self.current.saturating_sub(1)),
            (egui::Key::Home, 0),
            (egui::Key::End, last),
        ];
        for (key, page) in keys {
            if ctx.input_mut(|i| i.consume_key(egui::Modifiers::NONE, key)) {
                self.go_to = Some(page);
                ctx.request_repaint();
            }
        }
    }

    /// True while this window is in front and no dialog, drop-down or text field is in use:
    /// the keys pressed are the preview's.
    fn has_keys(&self, ctx: &egui::Context) -> bool {
        let in_front = self.layer.is_some()
            && ctx.memory(|m| m.areas().top_layer_id(egui::Order::Middle)) == self.layer;
        let is_other_in_use = self.was_typing
            || ctx.memory(egui::Memory::top_modal_layer).is_some()
            || egui::Popup::is_any_open(ctx);
        in_front && !is_other_in_use
    }

    /// Draws the window; false once the clerk closed it.
    pub fn show(&mut self, ctx: &egui::Context, has_families: bool) -> bool {
        let mut open = true;
        // Not drawn yet: the preview opens now.
        if self.layer.is_none() {
            self.opened_from = ctx.memory(egui::Memory::focused);
        }
        // As tall as the program's window allows, so that a page shows whole at a glance; at
        // the left, over the table, leaving the agreement's detail and its buttons in sight.
        let screen = ctx.content_rect();
        // Below the top bar, whose year list stays in sight: the window is kept there, its
        // title bar and frame counted in its height so that its foot is not cut off either.
        let below_bar = egui::Rect::from_min_max(screen.min + egui::vec2(0.0, TOP_BAR), screen.max);
        let size = [
            560.0_f32.min(screen.width() - 40.0).max(240.0),
            (below_bar.height() - 70.0).max(300.0),
        ];
        let shown = egui::Window::new(self.title.as_str())
            .open(&mut open)
            .default_size(size)
            .default_pos(below_bar.left_top() + egui::vec2(130.0, 6.0))
            .constrain_to(below_bar)
            .show(ctx, |ui| {
                let content_width = ui.available_width();
                if let Some(warning) = &self.warning {
                    ui.colored_label(ui.visuals().warn_fg_color, warning);
                }
                self.toolbar(ui, content_width);
                ui.separator();
                let go_to = self.go_to.take();
                let mut tops = Vec::with_capacity(self.pages.len());
                let scrolled = egui::ScrollArea::both().show(ui, |ui| {
                    for (index, page) in self.pages.iter().enumerate() {
                        ui.label(format!("第 {} 页，共 {} 页", index + 1, self.pages.len()));
                        let rect = draw_page(ui, page, has_families, self.scale);
                        if go_to == Some(index) {
                            ui.scroll_to_rect(rect, Some(egui::Align::TOP));
                        }
                        tops.push(rect.top());
                        ui.add_space(12.0);
                    }
                });
                // The page whose top is nearest above the middle of the view is the current one;
                // scrolled to the end, the last page is (its top may never reach the middle).
                let middle = scrolled.inner_rect.center().y;
                let at_end = scrolled.state.clamped_offset().y + scrolled.inner_rect.height()
                    >= scrolled.content_size.y - 1.0;
                self.current = if at_end {
                    tops.len().saturating_sub(1)
                } else {
                    tops.iter().rposition(|top| *top <= middle).unwrap_or(0)
                };
            });
        self.layer = shown.as_ref().map(|shown| shown.response.layer_id);
        // Esc is taken before the screens are drawn (see `takes_escape`).
        self.was_typing = ctx.text_edit_focused();
        self.focus_at_end = ctx.memory(egui::Memory::focused);
        open
    }

    /// Zoom and page buttons; `content_width` is the window's inner width, which 适合宽度 fits.
    fn toolbar(&mut self, ui: &mut egui::Ui, content_width: f32) {
        ui.horizontal(|ui| {
            let at_least = *SCALES.start();
            let at_most = *SCALES.end();
            if ui
                .add_enabled(self.scale > at_least, egui::Button::new("缩小"))
                .clicked()
            {
                self.scale = (self.scale / STEP).max(at_least);
                self.go_to = Some(self.current);
            }
            ui.label(format!("{:.0}%", self.scale / ACTUAL_SIZE * 100.0));
            if ui
                .add_enabled(self.scale < at_most, egui::Button::new("放大"))
                .clicked()
            {
                self.scale = (self.scale * STEP).min(at_most);
                self.go_to = Some(self.current);
            }
            if ui.button("适合宽度").clicked() {
                let widest = (self.pages.iter())
                    .map(|p| p.size_mm().0)
                    .fold(1.0_f32, f32::max);
                // Room for the scroll bar beside the page.
                self.scale = ((content_width - 24.0) / widest).clamp(at_least, at_most);
                self.go_to = Some(self.current);
            }
            ui.separator();
            let count = self.pages.len();
            if ui
                .add_enabled(self.current > 0, egui::Button::new("上一页"))
                .clicked()
            {
                self.go_to = Some(self.current.saturating_sub(1));
            }
            ui.label(format!("第 {} / {count} 页", (self.current + 1).min(count)));
            if ui
                .add_enabled(self.current + 1 < count, egui::Button::new("下一页"))
                .clicked()
            {
                self.go_to = Some(self.current + 1);
            }
        });
    }
}

/// Draws one run of text with its top-left at the run's baseline less the face's ascent, in its
/// role's family (when `has_families`) and with its letter spacing.
fn draw_text(painter: &egui::Painter, at: egui::Pos2, text: &str, format: egui::TextFormat) {
    let mut job = egui::text::LayoutJob::single_section(text.to_owned(), format);
    job.wrap.max_width = f32::INFINITY;
    let galley = painter.layout_job(job);
    let baseline = galley
        .rows
        .first()
        .and_then(|row| row.glyphs.first().map(|glyph| row.pos.y + glyph.pos.y))
        .unwrap_or(0.0);
    painter.galley(at - egui::vec2(0.0, baseline), galley, egui::Color32::BLACK);
}

/// Draws one page at `scale` pixels per millimetre from its laid-out items; returns where.
fn draw_page(ui: &mut egui::Ui, page: &Page, has_families: bool, scale: f32) -> egui::Rect {
    let (width_mm, height_mm) = page.size_mm();
    let (rect, _) = ui.allocate_exact_size(
        egui::vec2(width_mm * scale, height_mm * scale),
        egui::Sense::hover(),
    );
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 0.0, egui::Color32::WHITE);
    painter.rect_stroke(
        rect,
        0.0,
        egui::Stroke::new(1.0, egui::Color32::GRAY),
        egui::StrokeKind::Inside,
    );
    let at = |x: f32, y: f32| rect.min + egui::vec2(x * scale, y * scale);
    let family = |role: FontRole| {
        if has_families {
            preview_fonts::family(role)
        } else {
            egui::FontFamily::Proportional
        }
    };
    let banner_red = egui::Color32::from_rgb(230, 0, 0);
    let coloured = page.items.iter().map(|item| match item {
        Item::Red(inner) => (inner.as_ref(), banner_red),
        other => (other, egui::Color32::BLACK),
    });
    for (item, colour) in coloured {
        match item {
            Item::Text {
                x_mm,
                baseline_mm,
                size_pt,
                role,
                text,
                spacing_mm,
            } => {
                let format = egui::TextFormat {
                    font_id: egui::FontId::new(size_pt / PT_PER_MM * scale, family(*role)),
                    color: colour,
                    extra_letter_spacing: spacing_mm * scale,
                    ..egui::TextFormat::default()
                };
                draw_text(&painter, at(*x_mm, *baseline_mm), text, format);
            }
            Item::Rule {
                x1_mm,
                y1_mm,
                x2_mm,
                y2_mm,
            } => {
                painter.line_segment(
                    [at(*x1_mm, *y1_mm), at(*x2_mm, *y2_mm)],
                    egui::Stroke::new(0.8, colour),
                );
            }
            Item::Watermark(text) => {
                // 110 pt, turned 45° about the page centre, as the writer draws it.
                let color = egui::Color32::from_gray(215);
                let font = egui::FontId::new(110.0 / PT_PER_MM * scale, family(FontRole::Title));
                let galley = painter.layout_no_wrap(text.clone(), font, color);
                let angle = -std::f32::consts::FRAC_PI_4;
                let half = galley.size() / 2.0;
                let top_left = rect.center() - egui::emath::Rot2::from_angle(angle) * half;
                painter
                    .add(egui::epaint::TextShape::new(top_left, galley, color).with_angle(angle));
            }
            // Unwrapped above: a red item's own text or rule was drawn in red.
            Item::Red(_) => {}
        }
    }
    rect
}
