//! Benchmarks in the real window: the time from start to the first frame, and frame times as
//! eframe measures them (`Frame::info().cpu_usage`: egui, tessellation and painting, without
//! waiting for the screen), while the screen stays put or scrolls its table a few lines each
//! frame. Run by `--exit-after-first-frame` and `--frame-times N`.

use std::time::Instant;

/// What the window measures before it closes itself.
#[derive(Debug)]
pub enum FrameProbe {
    /// The time from the start of the process to the end of the first frame.
    FirstFrame(Instant),
    /// `wanted` frame times; when `scroll` is set the wheel turns over the window's middle
    /// every frame, down for 150 frames, then up, and so on.
    Frames {
        /// How many frames to time.
        wanted: usize,
        /// Scroll while timing.
        scroll: bool,
        /// The times so far, in milliseconds.
        samples: Vec<f64>,
    },
}

/// Frames timed before the samples count, while fonts and caches warm up.
const WARM_UP_FRAMES: usize = 20;

impl FrameProbe {
    /// Adds the wheel turn of this frame to the input, when scrolling.
    pub fn add_input(&self, raw_input: &mut egui::RawInput) {
        let Self::Frames {
            scroll: true,
            samples,
            ..
        } = self
        else {
            return;
        };
        let middle = raw_input
            .screen_rect
            .map_or(egui::pos2(600.0, 400.0), |rect| rect.center());
        let downward = (samples.len() / 150) % 2 == 0;
        raw_input.events.push(egui::Event::PointerMoved(middle));
        raw_input.events.push(egui::Event::MouseWheel {
            unit: egui::MouseWheelUnit::Line,
            delta: egui::vec2(0.0, if downward { -3.0 } else { 3.0 }),
            phase: egui::TouchPhase::Move,
            source: egui::MouseWheelSource::Unknown,
            modifiers: egui::Modifiers::NONE,
        });
    }

    /// Records the previous frame's time; true when done (the summary has been printed).
    pub fn after_frame(&mut self, ctx: &egui::Context, previous_frame_secs: Option<f32>) -> bool {
        match self {
            Self::FirstFrame(started) => {
                println!(
                    "start-up to first frame: {:.0} ms",
                    started.elapsed().as_secs_f64() * 1000.0
                );
                true
            }
            Self::Frames {
                wanted,
                scroll,
                samples,
            } => {
                if let Some(secs) = previous_frame_secs {
                    samples.push(f64::from(secs) * 1000.0);
                }
                ctx.request_repaint();
                if samples.len() < *wanted + WARM_UP_FRAMES {
                    return false;
                }
                let mut timed = samples.split_off(WARM_UP_FRAMES.min(samples.len()));
                timed.sort_by(f64::total_cmp);
                // The sample `percent` of the way up the sorted list.
                let at = |percent: usize| {
                    let index = (timed.len().saturating_sub(1) * percent + 50) / 100;
                    timed.get(index).copied().unwrap_or_default()
                };
                println!(
                    "{} frames{}: median {:.2} ms, p95 {:.2} ms, max {:.2} ms",
                    timed.len(),
                    if *scroll { " while scrolling" } else { "" },
                    at(50),
                    at(95),
                    at(100)
                );
                true
            }
        }
    }
}
