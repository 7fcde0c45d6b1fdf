//! `notice`: the year's results notice (考核结果通报) as a PDF from the command line, and with
//! `--xlsx` the score summary spreadsheet beside it. Both destinations are checked, both files
//! built and both written under temporary names before either takes its name, so a refused or
//! failed one leaves nothing behind.

use std::path::Path;
use std::process::ExitCode;

use anyhow::Context as _;
use chrono::NaiveDate;

use super::check_destination;
use crate::io::destination::Output;
use crate::store::{ResultFile, Store};
use crate::workflow::notice::notice_for_year;

/// `zerenshu notice --year Y --xlsx FILE.xlsx` without `--out`: the score summary alone, as
/// the window's 导出得分汇总表… writes it, an interim one too while units are not fully scored
/// (its title says so).
pub fn summary_only(
    store: &mut Store,
    year: i32,
    path: &Path,
    replace: bool,
) -> anyhow::Result<ExitCode> {
    let summary = Output {
        what: "考核得分汇总表",
        extension: "xlsx",
        replace,
    };
    check_destination("--xlsx", path, store.path(), &summary)?;
    if store.year(year)?.is_none() {
        return Err(super::year_command::missing_year(store, year));
    }
    let said = crate::io::write_summary(store, year, path)?;
    say!("已写入考核得分汇总表{said}：{}", path.display());
    remember(store, year, ResultFile::Summary, path);
    Ok(ExitCode::SUCCESS)
}

/// Records the export of `year`'s `file` at `path` (see
/// [`crate::workflow::notice::remember_export`]); a store that cannot write (a window holds
/// it) records nothing, which is said: the reminder to export again after later changes will
/// not come for this file.
fn remember(store: &mut Store, year: i32, file: ResultFile, path: &Path) {
    if let Some(why) = store.read_only_reason() {
        let what = match file {
            ResultFile::Notice => "考核结果通报",
            ResultFile::Summary => "考核得分汇总表",
        };
        note!(
            "提示：数据库以只读方式打开：{why}；这次导出的{what}没有记入操作记录；此后修改评分时，“通报与统计”不会为它提醒重新导出"
        );
        return;
    }
    crate::workflow::notice::remember_export(store, year, file, path);
}

/// The date given with `--date`, if any, and whether `--yes` was given: it takes a date
/// outside the usual ones, and the date a published year's first notice fixes is not asked
/// about at a terminal.
#[derive(Debug, Clone, Copy)]
pub struct DateChoice {
    /// The date given.
    pub date: Option<NaiveDate>,
    /// True with `--yes`: an unusual date is used, not refused, and nothing is asked.
    pub is_confirmed: bool,
}

/// `zerenshu notice --year Y --out FILE.pdf [--date 2025-03-05 [--yes]] [--xlsx FILE.xlsx]
/// [--force]`,
/// written atomically; a file already there is replaced only with `replace` (`--force`). The
/// date is remembered for the year's next notice (without `--date`, the one remembered), and
/// the time of each file written, for the 通报与统计 screen to say when it is out of date.
pub fn notice(
    store: &mut Store,
    year: i32,
    out: &Path,
    given: DateChoice,
    xlsx: Option<&Path>,
    replace: bool,
) -> anyhow::Result<ExitCode> {
    super::year_command::require_year(store, year)?;
    let pdf = Output {
        what: "考核结果通报",
        extension: "pdf",
        replace,
    };
    check_destination("--out", out, store.path(), &pdf)?;
    if let Some(path) = xlsx {
        let summary = Output {
            what: "考核得分汇总表",
            extension: "xlsx",
            replace,
        };
        check_destination("--xlsx", path, store.path(), &summary)?;
        if path == out {
            anyhow::bail!(
                "--out 和 --xlsx 是同一个文件，请给两者不同的文件名：{}",
                out.display()
            );
        }
    }
    // The year and its scores first: a date is said only of a notice that is made.
    crate::workflow::notice::check_notice_possible(store, year).map_err(anyhow::Error::msg)?;
    let today = chrono::Local::now().date_naive();
    let date = given.date;
    // A published year's first notice fixes its date for good: a slip (2099, or another year
    // than its 发文字号's) is asked about before, not found after.
    let issued = crate::workflow::notice::issued_date(store, year);
    let fixes_date = store.is_published(year)? && issued.is_none();
    let is_confirmed = given.is_confirmed;
    let (issued_on, default_source) = if let Some(date) = given.date {
        if let Some(refusal) = crate::workflow::notice::issue_date_refusal(year, date) {
            anyhow::bail!("--date {date}：{refusal}");
        }
        if let Some(refusal) = crate::workflow::notice::issued_date_refusal(store, year, date) {
            // With the commands for the window's ways it names (another date, another number).
            let refusal = super::window_ways::with_commands(store, year, &refusal);
            anyhow::bail!("--date {date}：{refusal}");
        }
        let published_on = crate::workflow::notice::published_on(store, year);
        let unusual = crate::workflow::notice::unusual_issue_date(year, published_on, date, today)
            .or_else(|| other_year_than_number(store, year, date));
        if fixes_date
            && !is_confirmed
            && let Some(note) = unusual
        {
            // Not done until confirmed, as any command asking for --yes: exit 1.
            note!(
                "--date {date}：{note}；{year} 年度已通报，这次导出即定下通报的印发日期，之后不能更改，所以没有导出。日期无误请加 --yes 再导出"
            );
            return Ok(ExitCode::FAILURE);
        }
        (date, None)
    } else {
        let (date, source) = crate::workflow::notice::default_issue_date_and_source(store, year)?;
        // Only the read-only refusal, or a 发文字号 used by a notice issued before, can come
        // here: the date offered is the one issued, or not before it.
        if let Some(refusal) = crate::workflow::notice::issued_date_refusal(store, year, date) {
            anyhow::bail!(
                "{}",
                super::window_ways::with_commands(store, year, &refusal)
            );
        }
        // The date offered would be fixed for good while its year is not its number's: said
        // before, as the window asks once more.
        if fixes_date && let Some(note) = other_year_than_number(store, year, date) {
            note!(
                "成文日期将为 {}（{}）：{note}；{year} 年度已通报，这次导出即定下通报的印发日期，之后不能更改，所以没有导出。请用 --date 写明成文日期（与发文字号不同年而无误时另加 --yes）",
                crate::model::dates::show_date(date),
                source.explanation()
            );
            return Ok(ExitCode::FAILURE);
        }
        // The date this export fixes for good is shown first at a terminal, where the clerk
        // can still give another; a script goes on with it, as documented, told after.
        if fixes_date && !is_confirmed && std::io::IsTerminal::is_terminal(&std::io::stdin()) {
            say!(
                "成文日期将为 {}（{}）：这是 {year} 年度结果通报后导出的第一份，即印发的通报，导出后成文日期不能更改；要用别的日期，请回答 n（否），再用 --date 写明",
                crate::model::dates::show_date(date),
                source.explanation()
            );
            // The database let go while the question waits; the date and the year's results
            // looked at again after it.
            let look = |store: &mut Store| -> anyhow::Result<_> {
                Ok((
                    crate::workflow::notice::default_issue_date_and_source(store, year)?.0,
                    crate::workflow::notice::issued_date(store, year),
                    store.year(year)?,
                    store.scores(year)?,
                    store.adjustments(year)?,
                    store.vetoes(year)?,
                ))
            };
            let shown = look(store)?;
            if !super::confirm::may_go_on_unlocked(store, (false, "确认导出？"), &shown, look)?
            {
                say!("没有导出");
                return Ok(ExitCode::FAILURE);
            }
        }
        (date, Some(source))
    };
    let (bytes, notes) = notice_for_year(store, year, issued_on).map_err(anyhow::Error::msg)?;
    let summary = xlsx
        .map(|path| crate::io::summary_bytes(store, year, path))
        .transpose()?;
    let summary_said = summary
        .as_ref()
        .map(|(_, said)| said.clone())
        .unwrap_or_default();
    // Both written before either is named: a full disk on the second leaves neither.
    let staged_pdf = crate::io::files::Staged::write(out, &bytes)
        .with_context(|| format!("无法写入：{}", out.display()))?;
    let staged_summary = match (xlsx, summary) {
        (Some(path), Some((bytes, _))) => Some(
            crate::io::files::Staged::write(path, &bytes)
                .with_context(|| format!("无法写入：{}", path.display()))?,
        ),
        _ => None,
    };
    // Read before the files are put in place, so that nothing failing between the two
    // commits leaves the notice without its spreadsheet.
    let is_published = store.is_published(year)?;
    staged_pdf
        .commit()
        .with_context(|| format!("无法写入：{}", out.display()))?;
    let summary_written = match staged_summary {
        Some(staged) => {
            let path = staged.path().to_owned();
            staged
                .commit()
                .with_context(|| format!("无法写入：{}", path.display()))?;
            Some(path)
        }
        None => None,
    };
    say!("已写入考核结果通报：{}", out.display());
    for note in notes {
        note!("提示：{note}");
    }
    // The first notice exported since publication is the one issued, whatever changed
    // before it: no other to differ from.
    if !fixes_date && let Some(note) = crate::workflow::notice::changed_since_published(store, year)
    {
        note!("{}", super::window_ways::with_commands(store, year, &note));
    }
    if let Some(source) = default_source {
        let other = match source {
            crate::workflow::notice::IssueDateSource::Issued => "",
            // This export fixed it: --date would be refused from now on.
            _ if fixes_date => {
                "；这是结果通报后导出的第一份，即印发的通报，成文日期已随之定下，以后再导出沿用此日期"
            }
            _ => "；要用别的日期请加 --date",
        };
        note!(
            "提示：成文日期为 {}（{}）{other}",
            crate::model::dates::show_date(issued_on),
            source.explanation()
        );
    } else if fixes_date {
        // The date given is the one the issued notice bears: said as for a default one.
        note!(
            "提示：成文日期为 {}（--date 所给）；这是结果通报后导出的第一份，即印发的通报，成文日期已随之定下，以后再导出沿用此日期",
            crate::model::dates::show_date(issued_on)
        );
    }
    let published_on = crate::workflow::notice::published_on(store, year);
    if let Some(note) =
        crate::workflow::notice::unusual_issue_date(year, published_on, issued_on, today)
    {
        note!("提示：{note}");
    }
    // As the window says it beside the date: the 发文字号's year and the date's differ.
    if let Some(note) = other_year_than_number(store, year, issued_on) {
        note!("提示：{note}，请核对");
    }
    crate::workflow::notice::remember_issue_date(store, year, issued_on, date.is_some());
    remember(store, year, ResultFile::Notice, out);
    if !is_published {
        note!(
            "提示：{year} 年度的考核结果尚未通报，通报每页带“草稿”水印；正式印发前请先通报：{}",
            super::hinted_command(store, "year", &format!("--year {year} --phase 已通报"))
        );
    }
    if let Some(path) = summary_written {
        say!("已写入考核得分汇总表{summary_said}：{}", path.display());
        remember(store, year, ResultFile::Summary, &path);
    }
    Ok(ExitCode::SUCCESS)
}

/// What is said when the year of `year`'s 发文字号 is not the year of `date`: "发文字号“…”写的
/// 是 2025 年，成文日期 2026-01-10 是另一年". Read without failing (the wording unreadable: nothing
/// said), as it is only a warning.
fn other_year_than_number(store: &Store, year: i32, date: NaiveDate) -> Option<String> {
    let number = crate::workflow::notice::wording(store, year)
        .ok()?
        .document_number;
    let number_year = crate::workflow::notice::document_number_year(&number)?;
    (number_year != chrono::Datelike::year(&date)).then(|| {
        format!(
            "发文字号“{number}”写的是 {number_year} 年，成文日期 {} 是另一年",
            crate::model::dates::show_date(date)
        )
    })
}
