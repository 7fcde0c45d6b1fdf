//! The window on a screen smaller than it was made for: the default size (1200×760) or one
//! remembered from a larger screen would put the bottom row of buttons under the taskbar of a
//! 1366×768 or 1024×768 office screen, and a position remembered from a second monitor no
//! longer there would put the whole window out of sight. Once the screen's size is known, the
//! window is maximized (which keeps it clear of the taskbar) or brought back onto the screen.

/// Room the title bar and the taskbar take off the screen's height.
const FRAME_AND_TASKBAR: f32 = 100.0;

/// How much of the window must lie on the screen for the clerk to find and drag it.
const GRIP: f32 = 60.0;

/// What a window of `inner` size at `outer` on a screen of `monitor` (all in points) needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fit {
    /// It fits.
    Keep,
    /// Too big for the screen: maximized.
    Maximize,
    /// Out of sight: moved to the screen's corner.
    MoveOnScreen,
}

/// Decides the fit; pure, for tests.
#[must_use]
pub fn fit(monitor: egui::Vec2, inner: egui::Vec2, outer: Option<egui::Rect>) -> Fit {
    if inner.x > monitor.x || inner.y > monitor.y - FRAME_AND_TASKBAR {
        return Fit::Maximize;
    }
    let is_lost = outer.is_some_and(|r| {
        r.min.x > monitor.x - GRIP || r.min.y > monitor.y - GRIP || r.max.x < GRIP || r.max.y < GRIP
    });
    if is_lost {
        Fit::MoveOnScreen
    } else {
        Fit::Keep
    }
}

/// Whether the window was checked against the screen yet.
#[derive(Debug, Default)]
pub struct WindowFit {
    is_done: bool,
}

impl WindowFit {
    /// Checks the window once the screen's size is known, then never again.
    pub fn check(&mut self, ctx: &egui::Context) {
        if !self.is_done {
            self.is_done = fit_window(ctx);
        }
    }
}

/// Fits the window to the screen; false while the screen's size is not known yet.
fn fit_window(ctx: &egui::Context) -> bool {
    let (monitor, inner, outer) = ctx.input(|i| {
        let viewport = i.viewport();
        (
            viewport.monitor_size,
            viewport.inner_rect,
            viewport.outer_rect,
        )
    });
    // Not known yet (or never, as in tests): asked again next frame.
    let (Some(monitor), Some(inner)) = (monitor, inner) else {
        return false;
    };
    match fit(monitor, inner.size(), outer) {
        Fit::Keep => {}
        Fit::Maximize => ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true)),
        Fit::MoveOnScreen => {
            ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::Pos2::ZERO));
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_too_tall_for_a_small_screen_is_maximized() {
        let window = egui::vec2(1200.0, 760.0);
        assert_eq!(fit(egui::vec2(1366.0, 768.0), window, None), Fit::Maximize);
        assert_eq!(fit(egui::vec2(1024.0, 768.0), window, None), Fit::Maximize);
        assert_eq!(fit(egui::vec2(1920.0, 1080.0), window, None), Fit::Keep);
    }

    #[test]
    fn a_window_left_on_a_monitor_no_longer_there_comes_back() {
        let monitor = egui::vec2(1920.0, 1080.0);
        let size = egui::vec2(1000.0, 650.0);
        let at = |x: f32, y: f32| Some(egui::Rect::from_min_size(egui::pos2(x, y), size));
        assert_eq!(fit(monitor, size, at(2000.0, 100.0)), Fit::MoveOnScreen);
        assert_eq!(fit(monitor, size, at(-1500.0, 100.0)), Fit::MoveOnScreen);
        assert_eq!(fit(monitor, size, at(100.0, 1050.0)), Fit::MoveOnScreen);
        assert_eq!(fit(monitor, size, at(100.0, 100.0)), Fit::Keep);
    }
}
