//! What the benchmarks share: reporting timings as mean, median, p95 and max.

use std::time::Duration;

/// The allocator the program runs on (see `src/main.rs`), so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// A duration in milliseconds.
pub fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

/// Prints mean, median, 95th percentile and maximum of `times` under `label`.
pub fn report(label: &str, mut times: Vec<Duration>) {
    times.sort();
    let mean = times.iter().sum::<Duration>() / u32::try_from(times.len()).unwrap_or(1);
    // Quantile as a per-mille index: 500 is the median, 950 the 95th percentile.
    let at = |per_mille: usize| {
        times
            .get(times.len().saturating_sub(1) * per_mille / 1000)
            .copied()
            .unwrap_or_default()
    };
    println!(
        "{label}: mean {:.2} ms, median {:.2} ms, p95 {:.2} ms, max {:.2} ms ({} runs)",
        ms(mean),
        ms(at(500)),
        ms(at(950)),
        ms(at(1000)),
        times.len()
    );
}
