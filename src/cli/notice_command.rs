//! `notice`: the year's results notice (考核结果通报) as a PDF from the command line.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;

use crate::document::{NoticeWording, build_notice};
use crate::pdf::fonts::FontSet;
use crate::pdf::notice::notice_pdf;
use crate::pdf::writer::FontCache;
use crate::store::Store;
use crate::workflow::results::year_results;

/// `zerenshu notice --year Y --out FILE.pdf [--date 2025-03-05]`, written atomically.
pub fn notice(
    store: &Store,
    year: i32,
    out: &Path,
    date: Option<NaiveDate>,
) -> anyhow::Result<ExitCode> {
    let settings = store
        .year(year)?
        .with_context(|| format!("没有 {year} 年度"))?;
    let results = year_results(store, year)?;
    if results.iter().all(|c| c.units.is_empty()) {
        anyhow::bail!("{year} 年度还没有可通报的考核结果");
    }
    let issued_on = date.unwrap_or_else(|| chrono::Local::now().date_naive());
    let content = build_notice(&settings, &results, issued_on, &NoticeWording::default());
    let fonts = FontSet::with_installed();
    let bytes = notice_pdf(&FontCache::new(&fonts), &content)?;
    crate::io::files::write_atomically(out, &bytes)
        .with_context(|| format!("无法写入：{}", out.display()))?;
    println!("已写入考核结果通报：{}", out.display());
    Ok(ExitCode::SUCCESS)
}
