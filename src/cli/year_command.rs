//! `zerenshu year`: shows a year's settings and changes them (甲方, its signatory, the planned
//! signing date, the grade bands, the full score, the phase — 已通报 locks the year's scores), through the same store rule the
//! 设置 → 年度设置 tab uses.

use std::process::ExitCode;

use anyhow::Context as _;

use crate::model::{Phase, Year};
use crate::store::Store;

/// The changes asked for on the command line; None leaves a setting as it is.
#[derive(Debug, Default)]
pub struct YearChanges {
    /// 甲方 name.
    pub party_a: Option<String>,
    /// 甲方 signatory's title.
    pub signatory_title: Option<String>,
    /// 甲方 signatory's name.
    pub signatory_name: Option<String>,
    /// Planned signing date; an empty text clears it.
    pub signing_date: Option<String>,
    /// Phase, by its Chinese label or code.
    pub phase: Option<String>,
    /// Full score of the indicator table, e.g. 100.
    pub full_score: Option<String>,
    /// Grade bands, highest first: "优秀:90,良好:80,合格:60,不合格:0".
    pub bands: Option<String>,
    /// Why, when the phase leaves 已通报.
    pub reason: Option<String>,
    /// The notice's 发文字号 (in its wording, not the year's settings); empty clears it.
    pub document_number: Option<String>,
    /// Publishes without asking what [`publish_notes`] says.
    pub yes: bool,
}

impl YearChanges {
    /// True when nothing is to change (the command only shows the settings).
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.document_number.is_none() && !self.touches_settings()
    }

    /// True when a setting of the year itself is to change (all but the 发文字号).
    fn touches_settings(&self) -> bool {
        !(self.party_a.is_none()
            && self.signatory_title.is_none()
            && self.signatory_name.is_none()
            && self.signing_date.is_none()
            && self.phase.is_none()
            && self.full_score.is_none()
            && self.bands.is_none())
    }

    fn apply(&self, year: &Year) -> anyhow::Result<Year> {
        let mut edited = year.clone();
        if let Some(name) = &self.party_a {
            name.trim().clone_into(&mut edited.party_a_name);
        }
        if let Some(title) = &self.signatory_title {
            title.trim().clone_into(&mut edited.party_a_signatory_title);
        }
        if let Some(name) = &self.signatory_name {
            name.trim().clone_into(&mut edited.party_a_signatory_name);
        }
        if let Some(text) = &self.signing_date {
            edited.planned_signing_date = match text.trim() {
                "" => None,
                // A date without its year ("3月20日") is in the year set, as in the window.
                text => Some(
                    crate::model::dates::parse_date_in(text, edited.year).with_context(|| {
                        crate::model::dates::date_refusal_in(
                            "计划签订日期",
                            text,
                            edited.year,
                            || format!("计划签订日期“{text}”应写成 2025-03-15 或 2025年3月15日"),
                        )
                    })?,
                ),
            };
            // A date of another year is said once saved (further back, saving refuses it).
        }
        if let Some(text) = &self.full_score {
            edited.full_score = crate::model::Points::parse(text)
                .map_err(|e| anyhow::anyhow!("满分“{}”：{e}", text.trim()))?;
        }
        if let Some(text) = &self.bands {
            edited.grade_bands = parse_bands(text).map_err(anyhow::Error::msg)?;
            // The rules the year settings apply to bands as they are edited: the names first
            // (a name typed twice is said as such, not as the lowest grade passing), then the
            // order (bands typed out of order are said so, not that the last one passes).
            let names = crate::model::year::band_name_problems(
                edited.grade_bands.iter().map(|b| b.name.as_str()),
            );
            // The order's problem names the bands itself ("等次分数线必须…"): not prefixed.
            let prefixed = |problem: String| format!("等次分数线：{problem}");
            if let Some(problem) = (names.into_iter().next())
                .or_else(|| edited.too_few_bands_problem())
                .map(prefixed)
                .or_else(|| crate::model::year::bands_order_problem(&edited.grade_bands))
                .or_else(|| edited.lowest_band_problem().map(prefixed))
            {
                anyhow::bail!("{problem}");
            }
        }
        if let Some(text) = &self.phase {
            let text = text.trim();
            // The English codes too, in any case, as `list --status` takes its codes.
            edited.phase = Phase::ALL
                .into_iter()
                .find(|p| p.label() == text || p.code().eq_ignore_ascii_case(text))
                .with_context(|| {
                    let known: Vec<&str> = Phase::ALL.iter().map(|p| p.label()).collect();
                    let codes: Vec<&str> = Phase::ALL.iter().map(|p| p.code()).collect();
                    format!(
                        "未知的年度阶段“{text}”，可用：{}（脚本也可写英文代码 {}）",
                        known.join("、"),
                        codes.join("、")
                    )
                })?;
        }
        Ok(edited)
    }
}

/// What `--bands` says is written as: "优秀:90,良好:80,合格:60,不合格:0".
const BANDS_FORM: &str =
    "等次分数线应写成“优秀:90,良好:80,合格:60,不合格:0”（从高到低，名称与最低总分之间用冒号）";

/// Reads grade bands typed as "优秀:90,良好:80,合格:60,不合格:0" (commas or 、 between bands,
/// a colon or ≥ between a name and its line, full-width or not); their order and names are
/// checked with the other settings when saved.
fn parse_bands(text: &str) -> Result<Vec<crate::model::GradeBand>, String> {
    let mut bands: Vec<&str> = text
        .split([',', '，', '、', ';', '；'])
        .map(str::trim)
        .collect();
    // A separator at the end is nothing; between two, an item left out by a slip is said.
    while bands.last().is_some_and(|band| band.is_empty()) {
        bands.pop();
    }
    if bands.is_empty() {
        return Err(BANDS_FORM.to_owned());
    }
    if let Some(at) = bands.iter().position(|band| band.is_empty()) {
        let place = if at == 0 {
            "开头多了一个分隔符"
        } else {
            "两个分隔符之间没有内容"
        };
        return Err(format!(
            "第 {} 项是空的（{place}），请检查是否漏写了等次：{BANDS_FORM}",
            at + 1
        ));
    }
    bands
        .into_iter()
        .map(|band| {
            let (name, line) = band
                .split_once([':', '：', '≥'])
                .ok_or_else(|| format!("“{band}”没有分数线：{BANDS_FORM}"))?;
            let min_total = crate::model::Points::parse(line.trim())
                .map_err(|e| format!("等次“{}”的分数线：{e}", name.trim()))?;
            Ok(crate::model::GradeBand {
                name: name.trim().to_owned(),
                min_total,
            })
        })
        .collect()
}

/// "找不到 2026 年度（现有：…）", with the rollover that makes a year later than the newest.
pub(super) fn missing_year(store: &Store, number: i32) -> anyhow::Error {
    let missing = store.missing_year(number);
    let newest = store
        .years()
        .ok()
        .and_then(|years| years.iter().map(|y| y.year).max());
    match newest.filter(|newest| *newest < number) {
        Some(newest) => anyhow::anyhow!("{missing}；{}", rollover_hint(store, newest, number)),
        None => missing.into(),
    }
}

/// Refuses a `year` not on file, as [`missing_year`] says it.
pub(super) fn require_year(store: &Store, number: i32) -> anyhow::Result<()> {
    if store.year(number)?.is_none() {
        return Err(missing_year(store, number));
    }
    Ok(())
}

/// How a year later than the `newest` on file is made: rollovers, one year at a time, the
/// first of them named as a command that works (a rollover refuses to skip a year).
fn rollover_hint(store: &Store, newest: i32, wanted: i32) -> String {
    let next = newest + 1;
    let command = super::hinted_command(store, "rollover", &format!("--from {newest} --to {next}"));
    if wanted == next {
        format!("新的年度请先结转（年度逐年结转，每次增加一个年度）：{command}")
    } else {
        format!(
            "年度只能逐年结转，每次增加一个年度：要有 {wanted} 年度，须从 {newest} 年度起逐年结转 {} 次，第一步：{command}",
            wanted - newest
        )
    }
}

/// What publishing `year`'s results would lock in that the clerk may not mean, asked about
/// first: agreements not yet signed, a notice wording whose reward paragraph names a grade no
/// unit has. Nothing while the results cannot be published (publishing then refuses, saying
/// why).
fn publish_notes(
    store: &Store,
    year: &Year,
    pending_number: Option<&str>,
) -> anyhow::Result<Vec<String>> {
    let number = year.year;
    // Read once: what refuses publishing, and what the wording would say of it.
    let results = crate::workflow::results::year_results(store, number)?;
    let without = crate::workflow::results::categories_without_indicators(store, number)?;
    if crate::workflow::notice::publication_refusal(number, &without, &results, false).is_some() {
        return Ok(Vec::new());
    }
    let mut notes = Vec::new();
    // Not those of units archived before they signed: they await nothing.
    let assessed = store.assessed_agreements(number)?;
    let unsigned = crate::model::agreement::unsigned_count(&assessed);
    let signed = assessed.len().saturating_sub(unsigned);
    let drafts = crate::model::agreement::draft_count(&assessed);
    if let Some(note) =
        crate::model::phase_notes::unsigned_before_publishing(number, (unsigned, drafts), signed)
    {
        notes.push(format!(
            "{note}（{}）",
            super::hinted_command(store, "list", &format!("--year {number} --status 未签订"))
        ));
    }
    notes.extend(crate::workflow::notice::wording_note_before_publishing(
        store,
        year,
        &results,
        pending_number,
    )?);
    // As the window's question says it: the wording locks with the results.
    if crate::workflow::notice::number_to_publish(store, number, pending_number)?.is_empty() {
        notes.push(format!(
            "{number} 年度的通报措辞中没有填写发文字号，通报将不印红色版头和文号；发布后措辞随之锁定，如需文号，请先填写：{}",
            super::hinted_command(store, "year", &format!("--year {number} --document-number 文号"))
        ));
    }
    // Published again: other grade bands, or the 发文字号 of a notice issued before.
    notes.extend(crate::workflow::notice::republish_note(
        store,
        number,
        pending_number,
    )?);
    Ok(notes)
}

/// Prints the year's settings, after saving the changes when any were given.
pub fn year(store: &mut Store, number: i32, changes: &YearChanges) -> anyhow::Result<ExitCode> {
    let Some(current) = store.year(number)? else {
        return Err(missing_year(store, number));
    };
    // Everything given is checked before anything is saved: a bad value, or a publication
    // declined, leaves the number as it was too.
    let edited = if changes.touches_settings() {
        Some(changes.apply(&current)?)
    } else {
        None
    };
    let numbered = (changes.document_number.as_deref())
        .map(|text| crate::workflow::notice::wording_with_number(store, number, text))
        .transpose()
        .map_err(|error| anyhow::anyhow!("--document-number：{error}"))?;
    // Said, and asked as the window asks (unless --yes): what publishing would lock in that
    // may be unmeant (with the number given, as it will be).
    if let Some(edited) = &edited
        && edited.phase == Phase::Published
        && current.phase != Phase::Published
    {
        let pending = numbered.as_ref().map(|w| w.document_number.as_str());
        let notes = publish_notes(store, edited, pending)?;
        for line in &notes {
            note!(
                "提示：{}",
                super::window_ways::with_commands(store, number, line)
            );
        }
        // The database let go while the question waits, and looked at again after it: the
        // notes, the year's settings the change was made from, and the results published.
        let look = |store: &mut Store| -> anyhow::Result<_> {
            Ok((
                (publish_notes(store, edited, pending)?, store.year(number)?),
                (
                    store.scores(number)?,
                    store.adjustments(number)?,
                    store.vetoes(number)?,
                ),
            ))
        };
        if !notes.is_empty() {
            let shown = look(store)?;
            let question = (changes.yes, "确认发布？");
            if !super::confirm::may_go_on_unlocked(store, question, &shown, look)? {
                note!("未发布 {number} 年度考核结果，没有修改年度设置");
                return Ok(ExitCode::FAILURE);
            }
        }
    }
    // Before publishing, so that the notice published carries it; after a withdrawal given
    // with it (the wording of a published year is locked).
    let number_after = current.phase == Phase::Published;
    if !number_after && let Some(text) = &changes.document_number {
        set_document_number(store, number, text)?;
    }
    let shown = match edited {
        None => {
            // A reason alone changes nothing: said, rather than taken in silence.
            if changes.reason.is_some() && changes.document_number.is_none() {
                note!("提示：--reason 只在修改年度设置（如 --phase）时使用；未作任何修改");
            }
            current
        }
        // The values given are the ones on file: nothing to save, and said so.
        Some(edited) if edited == current => {
            say!("{number} 年度设置没有改动（所给的值与现有的相同）");
            current
        }
        Some(edited) => {
            crate::workflow::notice::save_year(store, &edited, changes.reason.as_deref()).map_err(
                |message| {
                    // The window has a field for the reason; here it is an option.
                    if changes.reason.is_none() && message.ends_with("请写明理由") {
                        anyhow::anyhow!("{message}（加 --reason 理由）")
                    } else {
                        anyhow::Error::msg(message)
                    }
                },
            )?;
            say!("已保存 {number} 年度设置");
            // Left blank is allowed (the signatory may not be named yet), but said: drafts
            // print an empty line for it, and signing asks for it.
            let blank: Vec<&str> = [
                (
                    "甲方签字人职务",
                    &edited.party_a_signatory_title,
                    &current.party_a_signatory_title,
                ),
                (
                    "甲方签字人姓名",
                    &edited.party_a_signatory_name,
                    &current.party_a_signatory_name,
                ),
            ]
            .into_iter()
            .filter(|(_, now, before)| now.trim().is_empty() && !before.trim().is_empty())
            .map(|(caption, _, _)| caption)
            .collect();
            if !blank.is_empty() {
                note!(
                    "提示：{}已清空：草稿中这一处留空，定稿前请填写（--signatory-title、--signatory-name）",
                    blank.join("、")
                );
            }
            // As the window says it beside the field: a date of the year before or after is
            // allowed, but most often the year typed wrong.
            if edited.planned_signing_date != current.planned_signing_date
                && let Some(date) = edited.planned_signing_date
                && chrono::Datelike::year(&date) != number
            {
                note!(
                    "提示：计划签订日期 {} 不在 {number} 年内，请确认年份没有写错",
                    crate::model::dates::show_date(date)
                );
            }
            // As the window says it beside the fields: frozen texts keep the 甲方 of their day.
            let party_changed = edited.party_a_name != current.party_a_name
                || edited.party_a_signatory_title != current.party_a_signatory_title
                || edited.party_a_signatory_name != current.party_a_signatory_name;
            let issued = (store.agreements(number)?.iter())
                .filter(|a| a.status >= crate::model::AgreementStatus::Final)
                .count();
            if party_changed && issued > 0 {
                note!(
                    "提示：已定稿的 {issued} 份责任书正文中的甲方和签字人是定稿时的，不随之改变；改后的只用于以后定稿的责任书和考核结果通报"
                );
            }
            // As the window says it under the bands: frozen texts name the grades of their day.
            let names = |y: &crate::model::Year| -> Vec<String> {
                (y.grade_bands.iter())
                    .map(|b| b.name.trim().to_owned())
                    .collect()
            };
            if names(&edited) != names(&current) && issued > 0 {
                note!(
                    "提示：{}",
                    crate::model::phase_notes::issued_bands_note(issued)
                );
            }
            // As the window says it beside the field: indicators that no longer add up to it.
            if edited.full_score != current.full_score {
                let totals: Vec<_> = (store.indicator_sets(number)?.iter())
                    .map(crate::model::IndicatorSet::total_points)
                    .collect();
                if let Some(note) =
                    crate::model::indicator::full_score_mismatch(edited.full_score, &totals)
                {
                    note!("提示：{note}");
                }
            }
            let published_now =
                edited.phase == Phase::Published && current.phase != Phase::Published;
            // Said as the window says it.
            if published_now {
                say!("已发布 {number} 年度考核结果，评分已锁定（此后修改评分须写明理由）");
            }
            // Withdrawn: said as the window says it, not only "已保存".
            if current.phase == Phase::Published && edited.phase != Phase::Published {
                say!(
                    "已撤回 {number} 年度考核结果的通报，阶段改为“{}”，评分可以修改；改完后请重新发布",
                    edited.phase.label()
                );
            }
            // As the window says it beside the phase: moving on to 考核 with agreements still
            // out (they can be signed later). Not those of units archived before they signed.
            if matches!(current.phase, Phase::Preparing | Phase::Signing)
                && edited.phase == Phase::Assessing
            {
                let unsigned =
                    crate::model::agreement::unsigned_count(&store.assessed_agreements(number)?);
                if unsigned > 0 {
                    note!("提示：本年度还有 {unsigned} 份责任书尚未签订；改阶段后仍可继续签订");
                }
            }
            // As the window says it beside the phase: the scores stay (and take no change while
            // no agreement is signed).
            if current.phase == Phase::Assessing
                && matches!(edited.phase, Phase::Preparing | Phase::Signing)
            {
                let entered = crate::model::phase_notes::entered_count(
                    &store.scores(number)?,
                    &store.adjustments(number)?,
                    &store.vetoes(number)?,
                );
                let agreements = store.agreements(number)?;
                let signed =
                    agreements.len() - crate::model::agreement::unsigned_count(&agreements);
                if let Some(note) =
                    crate::model::phase_notes::scores_stranded_note(entered, signed, edited.phase)
                {
                    note!("提示：{note}");
                }
            }
            // As the window says it before publishing: agreements signed but not archived.
            if published_now {
                // Not those of units archived before they signed: they await nothing.
                let agreements = store.assessed_agreements(number)?;
                let unsigned = crate::model::agreement::unsigned_count(&agreements);
                if let Some(note) = crate::model::agreement::unarchived_note(&agreements, unsigned)
                {
                    note!("提示：{note}（scan 命令），发布后仍可归档");
                }
            }
            edited
        }
    };
    if number_after && let Some(text) = &changes.document_number {
        set_document_number(store, number, text)?;
    }
    say!("甲方：{}", shown.party_a_name);
    // Either may be empty: said without a stray space, and "未填" for neither.
    let signatory = [
        &shown.party_a_signatory_title,
        &shown.party_a_signatory_name,
    ]
    .map(|part| part.trim())
    .into_iter()
    .filter(|part| !part.is_empty())
    .collect::<Vec<_>>()
    .join(" ");
    say!(
        "甲方签字人：{}",
        if signatory.is_empty() {
            "未填"
        } else {
            &signatory
        }
    );
    say!(
        "计划签订日期：{}",
        shown
            .planned_signing_date
            .map_or_else(|| "未设定".to_owned(), crate::model::dates::show_date)
    );
    let bands: Vec<String> = shown
        .grade_bands
        .iter()
        .map(|b| format!("{} ≥{}", b.name, b.min_total))
        .collect();
    say!("等次分数线（以上含本数）：{}", bands.join("，"));
    say!("满分：{}", shown.full_score);
    say!("年度阶段：{}", shown.phase.label());
    let document_number = crate::workflow::notice::wording(store, number)?.document_number;
    say!(
        "通报发文字号：{}",
        if document_number.trim().is_empty() {
            "未填"
        } else {
            document_number.trim()
        }
    );
    if let Some(publication) = crate::workflow::notice::publication(store, shown.year)? {
        say!("{publication}");
    }
    Ok(ExitCode::SUCCESS)
}

/// Sets the 发文字号 of `year`'s notice wording to `text`, checked as the window's 通报措辞…
/// checks it (its form, another year's number, a published year's locked wording).
fn set_document_number(store: &mut Store, year: i32, text: &str) -> anyhow::Result<()> {
    let mut wording = crate::workflow::notice::wording(store, year)?;
    let clean = crate::workflow::notice::document_number_clean(text);
    if clean == wording.document_number.trim() {
        say!("{year} 年度通报的发文字号没有改动（与现有的相同）");
        return Ok(());
    }
    wording.document_number.clone_from(&clean);
    crate::workflow::notice::save_wording(store, year, &wording)
        .map_err(|error| anyhow::anyhow!("--document-number：{error}"))?;
    if clean.is_empty() {
        say!("已清除 {year} 年度通报的发文字号（通报将不印红色版头和文号）");
    } else {
        say!("已保存 {year} 年度通报的发文字号：{clean}");
    }
    Ok(())
}
