//! `zerenshu score`: one cell of the scoring workbench from the command line — a unit's self
//! score, assessed score or note for one indicator — checked as the grid checks it and
//! written in one transaction, for scripts and for the kill test's single score save.

use std::process::ExitCode;

use anyhow::{Context as _, bail};

use crate::model::{Points, Score};
use crate::store::Store;

/// What to change in the cell; `None` leaves a field as it is, a score of [`CLEAR`] clears it.
#[derive(Debug, Default)]
pub struct CellChange {
    /// 自评分.
    pub self_score: Option<String>,
    /// 考核组评分.
    pub assessed: Option<String>,
    /// 评分说明.
    pub note: Option<String>,
    /// The reason for changing a published year's result.
    pub reason: Option<String>,
}

/// The score value that clears a score.
pub const CLEAR: &str = "清除";

/// `zerenshu score --year Y --unit NAME --indicator NAME [--self X] [--assessed X] [--note T]`.
pub fn score(
    store: &mut Store,
    year: i32,
    unit_name: &str,
    indicator_name: &str,
    change: &CellChange,
) -> anyhow::Result<ExitCode> {
    let unit_name = unit_name.trim();
    // A year not on file is said as such (with the years there are), not as a unit without
    // an agreement in it.
    if store.year(year)?.is_none() {
        return Err(super::year_command::missing_year(store, year));
    }
    let units = store.units_in(year)?;
    let lead = format!("{year} 年度没有单位");
    let unit = super::unit_lookup::unit_of_year(store, &units, unit_name, year, &lead)?;
    let agreement = store
        .agreements(year)?
        .into_iter()
        .find(|a| a.draft.unit_id == unit.id)
        .with_context(|| format!("{year} 年度还没有{}的责任书", unit.fields.name))?;
    let indicator_name = indicator_name.trim();
    let indicators = store
        .indicator_sets(year)?
        .into_iter()
        .find(|s| s.category_id == agreement.draft.category_id)
        .map(|set| set.indicators)
        .unwrap_or_default();
    // Named as typed in a shell: straight quotes for the curly ones of the name, spaces and
    // full-width signs as they come ("“三个必须”责任落实" typed "\"三个必须\"责任落实").
    let key = |name: &str| -> String {
        crate::model::collation::folded(name)
            .chars()
            .map(|c| match c {
                '“' | '”' => '"',
                '‘' | '’' => '\'',
                c => c,
            })
            .collect()
    };
    let wanted = key(indicator_name);
    let is_named = |name: &str| key(name) == wanted;
    let sharing: Vec<usize> = (indicators.iter().enumerate())
        .filter(|(_, i)| is_named(&i.name))
        .map(|(index, _)| index + 1)
        .collect();
    if sharing.len() > 1 {
        let places: Vec<String> = sharing.iter().map(ToString::to_string).collect();
        anyhow::bail!(
            "{}的考核指标中有 {} 项名为“{indicator_name}”（第 {} 项），不知道是哪一项；请先在“责任书 → 考核指标”中改成能区分的名称",
            unit.fields.name,
            sharing.len(),
            places.join("、")
        );
    }
    let indicator = (indicators.iter())
        .find(|i| is_named(&i.name))
        .cloned()
        .with_context(|| {
            // The names it has, each quoted (a name may hold "、" itself), so that the clerk
            // can write one without opening the window; those holding what was typed first.
            let quoted = |names: Vec<&str>| -> String {
                // A name quoting a phrase ("三个必须") shows it in single quotes inside.
                names
                    .iter()
                    .map(|name| crate::model::punctuation::quoted(name))
                    .collect()
            };
            let holding: Vec<&str> = (indicators.iter())
                .filter(|i| !wanted.is_empty() && key(&i.name).contains(&wanted))
                .map(|i| i.name.as_str())
                .collect();
            let all: Vec<&str> = indicators.iter().map(|i| i.name.as_str()).collect();
            match holding.as_slice() {
                [] => format!(
                    "{}的考核指标中没有{}；现有：{}",
                    unit.fields.name,
                    crate::model::punctuation::quoted(indicator_name),
                    quoted(all)
                ),
                _ => format!(
                    "{}的考核指标中没有名为{}的；是否指{}？请写全指标名称",
                    unit.fields.name,
                    crate::model::punctuation::quoted(indicator_name),
                    quoted(holding)
                ),
            }
        })?;
    let stored = store
        .scores(year)?
        .into_iter()
        .find(|s| s.agreement_id == agreement.id && s.indicator_id == indicator.id);
    let mut next = stored
        .clone()
        .unwrap_or_else(|| Score::empty(agreement.id, indicator.id));
    let parse = |text: &str, label: &str| -> anyhow::Result<Option<Points>> {
        let text = text.trim();
        // An empty value is most likely a script's empty variable, not a wish to wipe the
        // score: clearing takes the word.
        if text == CLEAR {
            return Ok(None);
        }
        if text.is_empty() {
            let flag = if label == "自评分" {
                "--self"
            } else {
                "--assessed"
            };
            bail!(
                "{label}是空的，没有写入；要清除已录入的{label}，请写“{CLEAR}”（如 {flag} {CLEAR}）"
            );
        }
        let value = Points::parse(text)
            .map_err(|error| anyhow::anyhow!("{label}“{text}”：{}", error.of_score()))?;
        if value > indicator.points {
            bail!(
                "{label}“{text}”：“{}”满分 {} 分，得分不能超过满分",
                indicator.name,
                indicator.points
            );
        }
        Ok(Some(value))
    };
    if let Some(text) = &change.self_score {
        next.self_score = parse(text, "自评分")?;
    }
    if let Some(text) = &change.assessed {
        next.assessed_score = parse(text, "考核组评分")?;
    }
    if let Some(note) = &change.note {
        note.trim().clone_into(&mut next.note);
    }
    let before = stored.unwrap_or_else(|| Score::empty(agreement.id, indicator.id));
    let shown =
        |value: Option<Points>| value.map_or_else(|| "（空）".to_owned(), |p| p.to_string());
    // A full-width bracket takes no space before it; a number does.
    let labelled = |label: &str, value: Option<Points>| match value {
        Some(points) => format!("{label} {points}"),
        None => format!("{label}（空）"),
    };
    // Nothing to change given: the cell as it is, and how to change it.
    if change.self_score.is_none() && change.assessed.is_none() && change.note.is_none() {
        say!(
            "{} {}（满分 {} 分）：{}，{}{}{}",
            unit.fields.name,
            indicator.name,
            indicator.points,
            labelled("自评分", before.self_score),
            labelled("考核组评分", before.assessed_score),
            match before.note.trim() {
                "" => String::new(),
                note => format!("，评分说明“{note}”"),
            },
            // The unit's own note, from its self-assessment form, as the grid's 注 shows it.
            match before.self_note.trim() {
                "" => String::new(),
                note => format!("，单位自评说明“{note}”"),
            }
        );
        note!("（以上为查看，没有写入；要修改请加 --self、--assessed 或 --note）");
        return Ok(ExitCode::SUCCESS);
    }
    // Refused as the store refuses a change, before "无变化": a script learns the unit takes
    // no part whatever value it gives.
    if store.left_out(year)?.contains(&agreement.id) {
        let published = store.is_published(year)?.then_some(year);
        let refusal = crate::model::agreement::left_out_refusal(&unit.fields.name, published);
        return Err(anyhow::anyhow!(refusal));
    }
    if next == before {
        say!("{} {}：无变化，没有写入", unit.fields.name, indicator.name);
        return Ok(ExitCode::SUCCESS);
    }
    // Said with the option that gives the reason (the store's refusal names none).
    let is_published =
        (store.year(year)?).is_some_and(|y| y.phase == crate::model::Phase::Published);
    if is_published && change.reason.is_none() {
        bail!(
            "{year} 年度考核结果已通报，评分已锁定；修改须写明理由：加 --reason 理由（理由与新旧分值记入操作记录）"
        );
    }
    // A value saved starts the scoring: the year is at 考核, if it was not yet. A note alone,
    // as in the window, leaves the phase as it is.
    let is_score =
        before.self_score != next.self_score || before.assessed_score != next.assessed_score;
    let moved = store.write(|w| {
        w.change_score(&next, change.reason.as_deref())?;
        if is_score {
            w.start_assessing(year)
        } else {
            Ok(false)
        }
    })?;
    let mut changes = Vec::new();
    for (label, was, is) in [
        ("自评分", before.self_score, next.self_score),
        ("考核组评分", before.assessed_score, next.assessed_score),
    ] {
        if was != is {
            changes.push(format!("{} → {}", labelled(label, was), shown(is)));
        }
    }
    if before.note != next.note {
        changes.push(if next.note.trim().is_empty() {
            "评分说明已删除".to_owned()
        } else {
            "评分说明已更新".to_owned()
        });
    }
    say!(
        "已保存 {} {}：{}",
        unit.fields.name,
        indicator.name,
        changes.join("，")
    );
    // Saved all the same (the year's work was done), but said, as the window marks the row and
    // an import of forms says it.
    if is_score && crate::model::agreement::awaits_signature(agreement.status, unit.is_active) {
        note!(
            "提示：{}的责任书尚未签订（{}），评分照常保存",
            unit.fields.name,
            agreement.status.label()
        );
    }
    // Not needed before publication, but not dropped unsaid either: kept with the change.
    // (Only a reason the log keeps: one of spaces or stops alone is none.)
    let kept_reason = (change.reason.as_deref()).and_then(crate::model::reason::given);
    if !is_published && kept_reason.is_some() {
        note!(
            "提示：{year} 年度尚未通报，修改评分不需要 --reason；所写理由已随这次修改记入操作记录"
        );
    }
    // Said as the window says it: the year's phase moved with the first score.
    if moved {
        say!("{}", crate::model::phase_notes::scoring_started(year));
    }
    // A published score corrected keeps its note, which may still explain the old value.
    let is_correction = change.reason.is_some() && before.assessed_score != next.assessed_score;
    let note = next.note.trim();
    if is_correction && before.note == next.note && !note.is_empty() {
        say!("该项评分说明仍为“{note}”：如与新分值不符，请加 --note 一并修改");
    }
    // Said now, not only at the next `notice`: the notice issued no longer shows the results.
    // A self score is not in the notice: only the assessed one changes what it says.
    // A value put back as it was published leaves the notice true: nothing to warn of then.
    // No notice issued yet (published, not exported): it will be made from these results.
    if is_published
        && before.assessed_score != next.assessed_score
        && store.changes_since_published(year)?.is_some()
        && store.notice_issued_since_published(year)?
    {
        note!(
            "注意：{year} 年度的结果已通报，这次修改后与已印发的通报不同；如需印发更正通报，请先用 {} 把年度改回考核阶段，改好通报措辞后再发布",
            super::hinted_command(
                store,
                "year",
                &format!("--year {year} --phase 考核 --reason 理由")
            )
        );
    }
    Ok(ExitCode::SUCCESS)
}
