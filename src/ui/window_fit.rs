//! The window on a screen smaller than it was made for: the default size (1200×760) or one
//! remembered from a larger screen would put the bottom row of buttons under the taskbar of a
//! 1366×768 or 1024×768 office screen. Once the screen's size is known, such a window is
//! maximized, which keeps it clear of the taskbar. (Its position is left to eframe, which keeps
//! a remembered position on a monitor still connected.)

/// Room the title bar and the taskbar take off the screen's height.
const FRAME_AND_TASKBAR: f32 = 100.0;

/// True when a window of `inner` size (in points) is too big for a screen of `monitor`.
#[must_use]
pub fn is_too_big(monitor: egui::Vec2, inner: egui::Vec2) -> bool {
    inner.x > monitor.x || inner.y > monitor.y - FRAME_AND_TASKBAR
}

/// Whether the window was checked against the screen yet.
#[derive(Debug, Default)]
pub struct WindowFit {
    is_done: bool,
}

impl WindowFit {
    /// Checks the window once the screen's size is known, then never again.
    pub fn check(&mut self, ctx: &egui::Context) {
        if self.is_done {
            return;
        }
        let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
        // Not known yet (or never, as in tests): asked again next frame.
        let (Some(monitor), Some(inner)) = (monitor, inner) else {
            return;
        };
        self.is_done = true;
        if is_too_big(monitor, inner.size()) {
            ctx.send_viewport_cmd(egui::ViewportCommand::Maximized(true));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_window_too_tall_for_a_small_screen_is_maximized() {
        let window = egui::vec2(1200.0, 760.0);
        assert!(is_too_big(egui::vec2(1366.0, 768.0), window));
        assert!(is_too_big(egui::vec2(1024.0, 768.0), window));
        assert!(!is_too_big(egui::vec2(1920.0, 1080.0), window));
        assert!(!is_too_big(
            egui::vec2(1366.0, 768.0),
            egui::vec2(1200.0, 640.0)
        ));
    }
}
