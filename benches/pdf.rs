//! Agreement PDFs at speed: one whole agreement with its indicator annex inside a batch (goal:
//! under 12 ms and under 100 KB, that is 100,000 bytes, drafts with their watermark too), the demo year's 45
//! agreements exported on both cores (goal: under 1 s in all), and the print file of all of them
//! in 2 copies against the sum of the single files.
//! Run with `cargo bench --bench pdf`.

// A benchmark may stop with a panic when its setup fails.
#![allow(clippy::expect_used)]

use std::sync::atomic::AtomicBool;
use std::time::{Duration, Instant};

use zerenshu::pdf::agreement::{PrintOptions, agreement_pdf};
use zerenshu::pdf::fonts::FontSet;
use zerenshu::pdf::writer::FontCache;
use zerenshu::store::Store;
use zerenshu::workflow::export;

/// The allocator the program runs on (see `src/main.rs`), so the figures are the program's.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn ms(duration: Duration) -> f64 {
    duration.as_secs_f64() * 1000.0
}

fn main() {
    let mut store = Store::open_in_memory().expect("store");
    zerenshu::demo::load(&mut store).expect("demo");
    let fonts = FontSet::shipped();
    let prepared = export::prepare(&store, 2025, None).expect("prepare");

    let cache = FontCache::new(&fonts);
    let warm = prepared.first().expect("one agreement");
    let _ = agreement_pdf(
        &cache,
        &warm.content,
        &PrintOptions {
            code: warm.code.clone(),
            ..PrintOptions::default()
        },
    );
    // Every agreement of the demo year whole, with its indicator annex (4 pages for a town),
    // twice over: a unit whose name needs the fallback font (嘡) pays for subsetting it, a
    // draft for its watermark.
    let mut times = Vec::new();
    let mut sizes = Vec::new();
    for item in prepared.iter().cycle().take(2 * prepared.len()) {
        let start = Instant::now();
        let bytes = agreement_pdf(
            &cache,
            &item.content,
            &PrintOptions {
                code: item.code.clone(),
                ..PrintOptions::default()
            },
        )
        .expect("pdf");
        times.push(start.elapsed());
        sizes.push((bytes.len(), item.content.party_b.clone()));
    }
    times.sort();
    let pages =
        zerenshu::pdf::agreement::agreement_pages(&fonts, &warm.content, &PrintOptions::default())
            .len();
    let over: Vec<String> = sizes
        .iter()
        .take(prepared.len())
        .filter(|(size, _)| *size >= 100_000)
        .map(|(size, unit)| format!("{unit} {size} bytes"))
        .collect();
    let mut byte_counts: Vec<usize> = sizes.iter().map(|(size, _)| *size).collect();
    byte_counts.sort_unstable();
    println!(
        "one whole agreement ({pages} pages for a town, annex included) inside a batch: median {:.2} ms, p95 {:.2} ms, max {:.2} ms; size median {} bytes, max {} bytes",
        ms(times.get(times.len() / 2).copied().unwrap_or_default()),
        ms(times
            .get(times.len() * 95 / 100)
            .copied()
            .unwrap_or_default()),
        ms(times.last().copied().unwrap_or_default()),
        byte_counts
            .get(byte_counts.len() / 2)
            .copied()
            .unwrap_or_default(),
        byte_counts.last().copied().unwrap_or_default()
    );
    println!(
        "  100,000 bytes or more: {} of {} ({})",
        over.len(),
        prepared.len(),
        over.join("、")
    );

    let dir = tempfile::tempdir().expect("temp dir");
    let start = Instant::now();
    let cold_fonts = FontSet::shipped();
    let report = export::export(
        &mut store,
        &cold_fonts,
        2025,
        None,
        dir.path(),
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .expect("export");
    println!(
        "demo year export: {} files in {:.0} ms wall time (fonts parsed inside)",
        report.written.len(),
        ms(start.elapsed())
    );
    let singles: u64 = report
        .written
        .iter()
        .map(|p| std::fs::metadata(p).map_or(0, |m| m.len()))
        .sum();

    let print_path = dir.path().join("print.pdf");
    let start = Instant::now();
    let printed = export::print(
        &store,
        &fonts,
        2025,
        None,
        2,
        &print_path,
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .expect("print file")
    .unwrap_or_default();
    let print_size = std::fs::metadata(&print_path).map_or(0, |m| m.len());
    let issued_singles: u64 = prepared
        .iter()
        .filter(|item| item.code.is_some())
        .map(|item| std::fs::metadata(dir.path().join(&item.file_name)).map_or(0, |m| m.len()))
        .sum();
    println!(
        "print file, the {printed} issued agreements x 2 copies (drafts are never printed): {} KB in {:.0} ms; their {printed} single files together: {} KB (all {} singles: {} KB)",
        print_size / 1024,
        ms(start.elapsed()),
        issued_singles / 1024,
        report.written.len(),
        singles / 1024
    );
}
