//! `draft`, `list` and `rollover`: the signing workflow from the command line, over the same
//! services the window uses.

use std::process::ExitCode;

use anyhow::Context as _;

use crate::store::Store;
use crate::workflow::{drafting, listing, rollover};

/// Up to how many skipped units a whole year's draft names one by one.
const SKIPPED_NAMED: usize = 10;

/// `zerenshu draft --year Y [--unit NAME]... [--copies N]`: drafts the year's agreements, each
/// in N copies (as most of the year's agreements are, as the window offers it, without N).
pub fn draft(
    store: &mut Store,
    year: i32,
    unit_names: &[String],
    copies: Option<i64>,
) -> anyhow::Result<ExitCode> {
    super::year_command::require_year(store, year)?;
    let copies = match copies {
        Some(copies) => copies,
        None => {
            drafting::usual_copies(&store.agreements(year)?).unwrap_or(drafting::DEFAULT_COPIES)
        }
    };
    let only: Option<Vec<i64>> = if unit_names.is_empty() {
        None
    } else {
        let units: Vec<_> = (store.units_in_now(year)?.into_iter())
            .filter(|u| u.is_active)
            .collect();
        // Every name not found is said at once, not only the first.
        let found = (unit_names.iter()).map(|name| {
            super::unit_lookup::unit_of_year(store, &units, name, year, "找不到在用单位")
        });
        Some(
            super::unit_lookup::all_or_every_error(found)?
                .iter()
                .map(|u| u.id)
                .collect(),
        )
    };
    let report = drafting::draft_in_copies(store, year, only.as_deref(), copies, |_, _| {})?;
    say!("已起草 {} 份 {year} 年度责任书", report.created);
    if report.signing_started {
        say!("{year} 年度阶段已由“筹备”转为“签订”");
    }
    // Named one by one when asked for by name or few; a whole year drafted again says how
    // many, not every unit of the register.
    if only.is_some() || report.skipped.len() <= SKIPPED_NAMED {
        for name in &report.skipped {
            say!("跳过（本年度已有责任书）：{name}");
        }
    } else {
        say!(
            "跳过 {} 个本年度已有责任书的单位（{} 列出全部责任书）",
            report.skipped.len(),
            super::hinted_command(store, "list", &format!("--year {year}"))
        );
    }
    for name in &report.without_template {
        say!("跳过（所属类别没有模板）：{name}");
    }
    // Nothing drafted and nothing skipped: there was no unit to draft for.
    if report.created == 0 && report.skipped.is_empty() && report.without_template.is_empty() {
        say!(
            "没有可起草的单位：请先添加或导入责任单位（zerenshu import units），已归档的单位不起草"
        );
    }
    // As the window warns before drafting: found out now, not at 定稿.
    if let Some(warning) = drafting::indicators_not_final_warning(&report.indicators_not_final) {
        note!("提示：{warning}；考核指标在程序窗口中定稿");
    }
    // A planned signing date carried over and already past, as the window's 批量起草 says:
    // every agreement just drafted is overdue.
    let planned = (store.year(year)?).and_then(|y| y.planned_signing_date);
    if let Some(planned) =
        planned.filter(|p| report.created > 0 && *p < chrono::Local::now().date_naive())
    {
        note!(
            "提示：本年度的计划签订日期 {} 已过，起草的责任书都显示为逾期；如需改期：{}",
            crate::model::dates::show_date(planned),
            super::hinted_command(
                store,
                "year",
                &format!("--year {year} --signing-date <日期>")
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// `zerenshu list --year Y [--status S]`: one line per agreement.
pub fn list(store: &Store, year: Option<i32>, status: Option<&str>) -> anyhow::Result<ExitCode> {
    // A status not known is refused before anything is said of the year.
    let status = match status {
        Some(text) => Some(listing::parse_status(text).with_context(|| {
            let known: Vec<&str> = crate::model::AgreementStatus::ALL
                .iter()
                .map(|s| s.label())
                .chain([
                    listing::StatusFilter::NOT_SIGNED,
                    listing::StatusFilter::SIGNED_OR_ARCHIVED,
                    listing::StatusFilter::OVERDUE,
                ])
                .collect();
            format!(
                "未知的状态“{text}”，可用：{}（脚本也可写英文代码 draft、final、printed、signed、archived、unsigned、signed-or-archived、overdue）",
                known.join("、")
            )
        })?),
        None => None,
    };
    // Without --year, the newest year: the one being signed or assessed now; said, where
    // scripts do not read.
    let year = if let Some(year) = year {
        super::year_command::require_year(store, year)?;
        year
    } else {
        let newest =
            (store.years()?.into_iter().map(|y| y.year).max()).context("数据库中还没有考核年度")?;
        note!("（未写 --year，列出最新的 {newest} 年度）");
        newest
    };
    let today = chrono::Local::now().date_naive();
    let lines = listing::lines(store, year, status, today)?;
    for line in &lines {
        say!("{line}");
    }
    // The header is the first line; with nothing under it, say so where scripts do not read.
    if lines.len() <= 1 && status.is_none() {
        let db = store
            .path()
            .map(|p| p.display().to_string())
            .unwrap_or_default();
        note!("（{year} 年度还没有责任书；批量起草：zerenshu draft --db \"{db}\" --year {year}）");
    } else if lines.len() <= 1 {
        note!("（{year} 年度没有符合条件的责任书）");
    }
    // Past the planned signing date, how many listed are late, where scripts do not read: of
    // the number listed, said, as stderr is often read without the list.
    let listed = lines.len().saturating_sub(1);
    let late = listing::late(store, year, status, today)?;
    // Not signed, of units archived before they signed: listed (marked 已归档), yet awaited no
    // more, as the window's count leaves them out; said with the late ones when there are.
    if late.is_none() && status == Some(listing::StatusFilter::NotSigned) {
        let archived = listing::archived_unsigned(store, year, status)?;
        if archived > 0 {
            note!(
                "（列出的 {listed} 份中，{archived} 份属于已归档单位，不再等其签回，不计入未签订份数）"
            );
        }
    }
    if let Some(late) = late {
        // Within brackets already: the archived ones after a "；", not in brackets again.
        let aside = match late.archived_unsigned {
            0 => String::new(),
            archived => format!("；另有 {archived} 份属于已归档单位，不计入"),
        };
        note!(
            "（列出的 {listed} 份中，{} 份已过计划签订日期 {} 仍未签订{aside}）",
            late.late,
            crate::model::dates::show_date(late.planned),
        );
    }
    // Units with no agreement of the year at all, while it can still draft: not listed, yet
    // not signed either (a unit added since the batch draft).
    let is_asked_unsigned = matches!(status, None | Some(listing::StatusFilter::NotSigned));
    let can_draft = (store.year(year)?).is_some_and(|y| y.phase != crate::model::Phase::Published);
    // (A year without any says so above.)
    let agreements = store.agreements(year)?;
    if is_asked_unsigned && can_draft && !agreements.is_empty() {
        // The units the year drafts for, as `draft` reads them.
        let units = store.units_in_now(year)?;
        let undrafted: Vec<&str> = crate::model::agreement::undrafted(&units, &agreements)
            .map(|u| u.fields.name.as_str())
            .collect();
        if !undrafted.is_empty() {
            const NAMED: usize = 5;
            let more = if undrafted.len() > NAMED { "等" } else { "" };
            let named = (undrafted.iter().take(NAMED).copied())
                .collect::<Vec<_>>()
                .join("、");
            let draft = super::hinted_command(store, "draft", &format!("--year {year}"));
            note!(
                "（另有 {} 个在用单位本年度还没有责任书：{named}{more}；起草：{draft}）",
                undrafted.len()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `zerenshu rollover --from A --to B`: a new year from an old one; from a year still being
/// prepared, with nothing drafted (a rollover made twice, say), only with `yes` (`--yes`).
/// What is still unfinished in the old year (unsigned agreements, whose units are then kept
/// as they are) is said first and asked about at a terminal, as the window asks; a script
/// goes on only with `--yes`.
pub fn rollover(store: &mut Store, from: i32, to: i32, yes: bool) -> anyhow::Result<ExitCode> {
    // A source year not on file: said with the way to it, as `list` and `draft` say it.
    super::year_command::require_year(store, from)?;
    // Not those of units archived before they signed: they await nothing.
    let assessed = store.assessed_agreements(from)?;
    let unfinished = rollover::unfinished_in(from, &assessed);
    // Nothing to ask where the rollover is refused anyway (the year there or not the next
    // one, an older year, the file held): the refusal comes first.
    let is_possible = rollover::rollover_refusal(store, from, to)?.is_none()
        && store.read_only_reason().is_none();
    // Whether the question said what is unfinished and the signing date: not said again after.
    let mut is_asked = false;
    if let Some(year) = store.year(from)?.filter(|_| !yes && is_possible) {
        let drafted = store.agreements(from)?.len();
        // Not done until confirmed, as any command asking for --yes: exit 1, not an error's 2.
        if let Some(warning) = rollover::fresh_year_warning(&year, drafted) {
            note!("{warning}；确实要结转请加 --yes");
            return Ok(ExitCode::FAILURE);
        }
        if !unfinished.is_empty() {
            for line in &unfinished {
                note!("提示：{line}");
            }
            // What the new year gets, as the window's question says it.
            let carried = rollover::carried_signing_date(year.planned_signing_date, from, to);
            let today = chrono::Local::now().date_naive();
            if let Some(line) = rollover::passed_signing_date(carried, to, today) {
                note!(
                    "提示：{}",
                    for_the_command_line(store, &line, to, SIGNING_DATE)
                );
            } else if let Some(date) = carried {
                note!(
                    "提示：{to} 年度的计划签订日期将顺延为 {}",
                    crate::model::dates::show_date(date)
                );
            }
            let list =
                super::hinted_command(store, "list", &format!("--year {from} --status 未签订"));
            note!("提示：未签订的责任书可用 {list} 逐份列出");
            is_asked = true;
            // What was said, read again after the question, which lets the database go while
            // it waits (the unfinished, the year's settings with its signing date, how many
            // are drafted): the same, or nothing is done.
            // The new year made meanwhile by another command counts too.
            let look = |store: &mut Store| -> anyhow::Result<_> {
                let assessed = store.assessed_agreements(from)?;
                Ok((
                    rollover::unfinished_in(from, &assessed),
                    store.year(from)?,
                    store.agreements(from)?.len(),
                    store.year(to)?.is_some(),
                ))
            };
            let said = (unfinished.clone(), Some(year.clone()), drafted, false);
            if !super::confirm::may_go_on_unlocked(store, (false, "确认结转？"), &said, look)?
            {
                say!("没有结转");
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    let report = rollover::rollover(store, from, to)?;
    say!(
        "已从 {from} 年度结转到 {to} 年度：模板 {} 套，考核指标 {} 套；责任书未复制，请用 draft 起草",
        report.templates,
        report.indicator_sets
    );
    // Said as the window says it before it asks.
    if report.indicator_sets > 0 {
        note!(
            "提示：{to} 年度的考核指标均未定稿，请在窗口的“责任书 → 考核指标”中逐类核对后标记定稿（指标定稿后，该类别的责任书才能定稿）"
        );
    }
    // A planned date carried into another year than `to`'s, as it is: said, as the window says.
    let planned = store.year(to)?.and_then(|y| y.planned_signing_date);
    if let Some(line) = rollover::off_year_signing_date(planned, from, to) {
        note!(
            "提示：{}",
            for_the_command_line(store, &line, to, SIGNING_DATE)
        );
    }
    // What was unfinished is said after, when it was not asked about before, as done.
    let after = if is_asked {
        Vec::new()
    } else {
        rollover::unfinished_after(from, &assessed)
    };
    for line in report.unprepared.iter().chain(&after) {
        note!("提示：{line}");
    }
    if let Some(line) = report.passed_signing_date.as_ref().filter(|_| !is_asked) {
        note!(
            "提示：{}",
            for_the_command_line(store, line, to, SIGNING_DATE)
        );
    }
    if let Some(line) = &report.blank_signatory {
        let options = "--signatory-title <职务> --signatory-name <姓名>";
        note!("提示：{}", for_the_command_line(store, line, to, options));
    }
    Ok(ExitCode::SUCCESS)
}

/// The option of the year command that sets the planned signing date.
const SIGNING_DATE: &str = "--signing-date <日期>";

/// A line the window words for its 年度设置, with the year command's `options` that do it
/// here instead.
fn for_the_command_line(store: &Store, line: &str, to: i32, options: &str) -> String {
    let command = super::hinted_command(store, "year", &format!("--year {to} {options}"));
    line.replace(rollover::IN_YEAR_SETTINGS, &format!("请用 {command} "))
}
