//! Agreement PDFs at speed: one 3-page agreement inside a batch (goal: under 12 ms and under
//! 100 KB), the demo year's 45 agreements exported on both cores (goal: under 1 s in all), and
//! the print file of all of them in 2 copies against the sum of the single files.
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
            copy_marker: None,
        },
    );
    let mut times = Vec::new();
    let mut sizes = Vec::new();
    for item in prepared.iter().cycle().take(90) {
        let start = Instant::now();
        let bytes = agreement_pdf(
            &cache,
            &item.content,
            &PrintOptions {
                code: item.code.clone(),
                copy_marker: None,
            },
        )
        .expect("pdf");
        times.push(start.elapsed());
        sizes.push(bytes.len());
    }
    times.sort();
    let median = times.get(times.len() / 2).copied().unwrap_or_default();
    let pages =
        zerenshu::pdf::agreement::agreement_pages(&fonts, &warm.content, &PrintOptions::default())
            .len();
    println!(
        "one agreement ({pages} pages) inside a batch: median {:.2} ms, max {:.2} ms, size median {} KB",
        ms(median),
        ms(times.last().copied().unwrap_or_default()),
        sizes.get(sizes.len() / 2).copied().unwrap_or_default() / 1024
    );

    // The main text alone (3 pages for a town), over the whole batch like the full agreement:
    // a unit whose name needs the fallback font (嘡, 喆) pays for subsetting it, the others not.
    let main_only: Vec<_> = prepared
        .iter()
        .map(|item| {
            let mut content = item.content.clone();
            content.indicators.clear();
            (content, item.code.clone())
        })
        .collect();
    let main_pages = main_only.first().map_or(0, |(content, _)| {
        zerenshu::pdf::agreement::agreement_pages(&fonts, content, &PrintOptions::default()).len()
    });
    let mut main_times = Vec::new();
    let mut main_sizes = Vec::new();
    for (content, code) in main_only.iter().cycle().take(90) {
        let start = Instant::now();
        let bytes = agreement_pdf(
            &cache,
            content,
            &PrintOptions {
                code: code.clone(),
                copy_marker: None,
            },
        )
        .expect("pdf");
        main_times.push(start.elapsed());
        main_sizes.push(bytes.len());
    }
    main_times.sort();
    let over: Vec<String> = main_only
        .iter()
        .zip(&main_sizes)
        .filter(|(_, size)| **size > 100 * 1024)
        .map(|((content, _), size)| format!("{} {} KB", content.party_b, size / 1024))
        .collect();
    main_sizes.sort_unstable();
    println!(
        "the agreements without their indicator annex ({main_pages} pages for a town) inside a batch: median {:.2} ms, p95 {:.2} ms, size median {} KB, max {} KB",
        ms(main_times
            .get(main_times.len() / 2)
            .copied()
            .unwrap_or_default()),
        ms(main_times
            .get(main_times.len() * 95 / 100)
            .copied()
            .unwrap_or_default()),
        main_sizes
            .get(main_sizes.len() / 2)
            .copied()
            .unwrap_or_default()
            / 1024,
        main_sizes.last().copied().unwrap_or_default() / 1024
    );
    println!(
        "  over 100 KB: {} of {} ({})",
        over.len(),
        main_only.len(),
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
    export::print(
        &store,
        &fonts,
        2025,
        None,
        2,
        &print_path,
        &AtomicBool::new(false),
        &|_, _| {},
    )
    .expect("print file");
    let print_size = std::fs::metadata(&print_path).map_or(0, |m| m.len());
    println!(
        "print file, 45 agreements x 2 copies: {} KB in {:.0} ms; the 45 single files together: {} KB",
        print_size / 1024,
        ms(start.elapsed()),
        singles / 1024
    );
}
