//! Reads filled self-assessment forms into a preview of changes and refused values, and
//! writes a clean preview in one transaction.
//!
//! Cells are read as exact strings (see [`crate::io::table::cell_text`]), so 19.99 typed in
//! Excel is 19.99 here. An empty 自评分 keeps the stored self score and an empty 自评说明 keeps
//! the stored one; rows without an 指标编号 are passed over, but a score typed in a row added
//! to the table is refused, as is a row whose 考核项目 is not the indicator its hidden id names.
//! The 自评说明 goes to the self note only: the assessed score and the assessors' note stay.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use super::form_rows::FirstFill;
use super::form_sheet::{Sheet, read_sheet};
use super::{
    AGREEMENT_LABEL, FormError, NUMBER_LABEL, RejectedValue, ScoreImportPreview, YEAR_LABEL,
    published_refusal,
};
use crate::model::{Agreement, IndicatorSet, Score, Unit};
use crate::store::{ImportedSelfScore, Store, StoreError};

/// The year's data the forms are checked against.
pub(super) struct Basis {
    pub(super) year: i32,
    pub(super) agreements: HashMap<i64, Agreement>,
    /// The ids of the agreements left out of the assessment (of units archived before they
    /// signed; see `Store::left_out`).
    pub(super) left_out: std::collections::BTreeSet<i64>,
    /// True when the year's results are published.
    pub(super) is_published: bool,
    pub(super) units: HashMap<i64, Unit>,
    /// Every name each unit has had (see `Store::unit_names_ever`).
    pub(super) names_ever: HashMap<i64, std::collections::BTreeSet<String>>,
    pub(super) sets: Vec<IndicatorSet>,
    pub(super) scores: HashMap<(i64, i64), Score>,
}

/// Reads the filled forms and lists what importing them would change and what it refuses.
pub fn preview_import(
    store: &Store,
    year: i32,
    files: &[PathBuf],
) -> Result<ScoreImportPreview, FormError> {
    let basis = Basis {
        year,
        agreements: store
            .agreements(year)?
            .into_iter()
            .map(|a| (a.id, a))
            .collect(),
        left_out: store.left_out(year)?,
        is_published: store.is_published(year)?,
        units: store
            .units_in(year)?
            .into_iter()
            .map(|u| (u.id, u))
            .collect(),
        names_ever: store.unit_names_ever()?,
        sets: store.indicator_sets(year)?,
        scores: store
            .scores(year)?
            .into_iter()
            .map(|s| ((s.agreement_id, s.indicator_id), s))
            .collect(),
    };
    let mut preview = ScoreImportPreview {
        year,
        locked: if store.is_published(year)? {
            Some(published_refusal(year))
        } else {
            store.too_early_to_score(year)?
        },
        ..ScoreImportPreview::default()
    };
    let mut seen: HashMap<(i64, i64), FirstFill> = HashMap::new();
    let mut other_years = Vec::new();
    // A form sent twice unchanged (saved again under another name) is read once: the copy
    // adds nothing, and reading both would set the two against each other.
    let mut contents: HashMap<String, PathBuf> = HashMap::new();
    let mut copies = Vec::new();
    for file in files {
        if let Ok(bytes) = std::fs::read(file) {
            let hash = crate::model::agreement::content_hash(&bytes);
            if let Some(first) = contents.get(&hash) {
                copies.push(format!(
                    "文件 {} 与 {} 内容完全相同，只导入一次",
                    shown_name(file),
                    shown_name(first)
                ));
                continue;
            }
            contents.insert(hash, file.clone());
        }
        preview.files.push(file.clone());
        match read_sheet(file) {
            Ok(sheet) => read_form(&basis, &sheet, &mut seen, &mut preview, &mut other_years),
            Err(reason) => preview.rejected.push(RejectedValue {
                file: file.clone(),
                sheet: String::new(),
                row: None,
                reason,
                is_whole_file: true,
            }),
        }
    }
    // Every form of one other year: the year chosen is wrong, not the forms; said once, not
    // once per form.
    if let Some(other) = other_years.first()
        && other_years.len() == preview.files.len()
        && other_years.iter().all(|y| y == other)
    {
        preview.rejected.clear();
        let refusal = other_year_refusal(preview.files.len(), *other, year);
        // Their own year published (or not on file) takes them no more: said at once, and no
        // way offered into a year that would refuse them in turn.
        let phase = store.year(*other)?.map(|y| y.phase);
        preview.locked = Some(match phase {
            Some(crate::model::Phase::Published) => {
                format!("{refusal}；而 {other} 年度考核结果已通报，评分已锁定，也不能导入")
            }
            None => format!("{refusal}；本数据库中没有 {other} 年度"),
            Some(_) => {
                preview.forms_year = Some(*other);
                format!("{refusal}，应导入 {other} 年度")
            }
        });
        return Ok(preview);
    }
    let phase = store.year(year)?.map(|y| y.phase);
    // The copies first, then what the rows said (scores changed since a form was written),
    // then the year's facts.
    let from_rows = std::mem::replace(&mut preview.notes, copies);
    preview.notes.extend(from_rows);
    preview.notes.extend(notes(&basis, &preview, phase));
    Ok(preview)
}

/// A file as the preview names it: its name, without the folder (all come from one place).
pub(super) fn shown_name(file: &Path) -> String {
    file.file_name().map_or_else(
        || file.display().to_string(),
        |name| name.to_string_lossy().into_owned(),
    )
}

/// Said when all `count` forms chosen are of year `other`, not of `year`.
fn other_year_refusal(count: usize, other: i32, year: i32) -> String {
    let forms = if count == 1 {
        "所选的自评表是".to_owned()
    } else {
        format!("所选的 {count} 个文件都是")
    };
    format!("{forms} {other} 年度的自评表，不能导入 {year} 年度")
}

/// How many kept values or unfinished forms a note names before "等".
const KEPT_LISTED: usize = 8;

/// `items` joined by "、", the first `most` of them and "等 N 项" (`unit`) after.
pub(super) fn listed(items: &[String], most: usize, unit: &str) -> String {
    let shown = items
        .iter()
        .take(most)
        .cloned()
        .collect::<Vec<_>>()
        .join("、");
    if items.len() > most {
        format!("{shown} 等 {} {unit}", items.len())
    } else {
        shown
    }
}

/// What the clerk is told before confirming (see [`ScoreImportPreview::notes`]).
fn notes(
    basis: &Basis,
    preview: &ScoreImportPreview,
    phase: Option<crate::model::Phase>,
) -> Vec<String> {
    use crate::model::{AgreementStatus, Phase};
    let mut notes = Vec::new();
    if !preview.renamed.is_empty() {
        notes.push(format!(
            "表中有 {} 处考核项目与现在的名称不同（多半是导出自评表后改过名称），按隐藏的指标编号导入：{}",
            preview.renamed.len(),
            listed(&preview.renamed, KEPT_LISTED, "处")
        ));
    }
    if !preview.kept.is_empty() {
        notes.push(format!(
            "有 {} 项在表中为空，而系统中已有：导入不清除，保留原值（确需清除请在“考核”中修改）：{}",
            preview.kept.len(),
            listed(&preview.kept, KEPT_LISTED, "项")
        ));
    }

    let mut unsigned: Vec<&str> = Vec::new();
    for change in &preview.changes {
        let is_unsigned = (basis.agreements.get(&change.agreement_id))
            .is_some_and(|a| a.status < AgreementStatus::Signed);
        if is_unsigned && !unsigned.contains(&change.unit_name.as_str()) {
            unsigned.push(&change.unit_name);
        }
    }
    if !unsigned.is_empty() {
        notes.push(format!(
            "本次导入的单位中有 {} 个的责任书尚未签订：{}（自评分照常导入）",
            unsigned.len(),
            unsigned.join("、")
        ));
    }
    if let Some(phase @ (Phase::Preparing | Phase::Signing)) = phase
        && !preview.changes.is_empty()
        && preview.locked.is_none()
    {
        // The agreements still out of the year, as the 考核 heading will count them: the
        // phase moves on whatever the tracker shows, and signing goes on as before.
        let out = (basis.agreements.values())
            .filter(|a| a.status < AgreementStatus::Signed && !basis.left_out.contains(&a.id));
        let (unsigned, drafts) = out.fold((0, 0), |(unsigned, drafts), a| {
            (
                unsigned + 1,
                drafts + usize::from(a.status == AgreementStatus::Draft),
            )
        });
        let still_out = match (unsigned, drafts) {
            (0, _) => String::new(),
            (_, 0) => format!("；本年度还有 {unsigned} 份责任书尚未签订，转入考核后照常签订、登记"),
            _ => format!(
                "；本年度还有 {unsigned} 份责任书尚未签订（其中 {drafts} 份还是草稿），转入考核后照常签订、登记"
            ),
        };
        notes.push(format!(
            "确认导入后，{} 年度的阶段将由“{}”转为“考核”（开始评分）{still_out}",
            preview.year,
            phase.label()
        ));
    }
    notes
}

/// What an import of self-assessments wrote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ScoresImported {
    /// Rows whose self score was written (their 自评说明 with them, if any).
    pub count: usize,
    /// Rows of which only the 自评说明 was written (the score stayed as it was).
    pub notes_only: usize,
    /// True when the import moved the year on to 考核 (scoring had not started).
    pub started_assessing: bool,
}

impl ScoresImported {
    /// What the window and the command line say of it: "已导入 15 项自评分", and that the year
    /// is at 考核 now when the import moved it there.
    #[must_use]
    pub fn message(&self, year: i32) -> String {
        let started = if self.started_assessing {
            format!("；{}", crate::model::phase_notes::scoring_started(year))
        } else {
            String::new()
        };
        let notes = match (self.count, self.notes_only) {
            (_, 0) => String::new(),
            (0, notes) => return format!("已导入 {notes} 项自评说明（自评分没有改变）{started}"),
            (_, notes) => format!("，另有 {notes} 项只导入了自评说明"),
        };
        format!("已导入 {} 项自评分{notes}{started}", self.count)
    }
}

/// Writes every change of a preview in one transaction, after an automatic backup; refuses if
/// anything was rejected or the year's results are published (checked again here, since the
/// phase may have changed since the preview).
pub fn apply_import(
    store: &mut Store,
    preview: &ScoreImportPreview,
) -> Result<ScoresImported, StoreError> {
    if let Some(locked) = &preview.locked {
        return Err(StoreError::Rejected(locked.clone()));
    }
    if store.is_published(preview.year)? {
        return Err(StoreError::Rejected(published_refusal(preview.year)));
    }
    if !preview.rejected.is_empty() {
        return Err(StoreError::Rejected(format!(
            "{}，没有写入任何数据",
            preview.refusals_text()
        )));
    }
    store.backup_before(crate::store::BackupReason::Import)?;
    store.write(|writer| {
        for change in &preview.changes {
            // Only what the form gives changes, onto the entry as it stands now: the assessed
            // score and note stay, and so does a self score the form leaves blank (also one
            // typed in the grid since the preview).
            let entry = ImportedSelfScore {
                agreement_id: change.agreement_id,
                indicator_id: change.indicator_id,
                self_score: change.self_typed,
                self_note: &change.self_note_after,
            };
            let file = (change.file.file_name())
                .map_or_else(String::new, |name| name.to_string_lossy().into_owned());
            // The form's own word of who filled it in goes into the log with its values.
            let filled_by = preview.filled_by(&change.file).unwrap_or_default();
            writer.import_self_score(&entry, &file, filled_by)?;
        }
        // Self-assessments in: the year is at 考核, if it was not yet.
        let started_assessing =
            !preview.changes.is_empty() && writer.start_assessing(preview.year)?;
        let notes_only = (preview.changes.iter())
            .filter(|change| change.self_before == change.self_after)
            .count();
        Ok(ScoresImported {
            count: preview.changes.len() - notes_only,
            notes_only,
            started_assessing,
        })
    })
}

/// The year written on the form at `path` (its 年度 cell), for an import not told the year;
/// the reason in Chinese when the file is no form of this program.
pub fn year_of_form(path: &Path) -> Result<i32, String> {
    let sheet = read_sheet(path)?;
    let (_, text) = sheet
        .labelled(YEAR_LABEL)
        .ok_or_else(|| format!("找不到“{YEAR_LABEL}”，这不是本程序生成的自评表"))?;
    text.parse()
        .map_err(|_| format!("表中的年度“{text}”不是一个年份"))
}

/// Checks one form against the year and adds its changes and refusals to the preview.
fn read_form(
    basis: &Basis,
    sheet: &Sheet,
    seen: &mut HashMap<(i64, i64), FirstFill>,
    preview: &mut ScoreImportPreview,
    other_years: &mut Vec<i32>,
) {
    let Some((year_row, year_text)) = sheet.labelled(YEAR_LABEL) else {
        preview.rejected.push(sheet.not_ours(YEAR_LABEL));
        return;
    };
    if year_text != basis.year.to_string() {
        preview.rejected.push(sheet.refuse_whole(
            Some(year_row),
            // A year as a year; anything else typed there quoted, so that it can be found.
            if year_text.is_empty() {
                format!("表中没有填写年度，不能导入 {} 年度", basis.year)
            } else if let Ok(other) = year_text.parse::<i32>() {
                other_years.push(other);
                format!(
                    "这是 {year_text} 年度的自评表，不能导入 {} 年度",
                    basis.year
                )
            } else {
                format!("表中的年度“{year_text}”不是 {} 年度，不能导入", basis.year)
            },
        ));
        return;
    }
    let Some((agreement_row, agreement_text)) = sheet.labelled(AGREEMENT_LABEL) else {
        preview.rejected.push(sheet.not_ours(AGREEMENT_LABEL));
        return;
    };
    let agreement = agreement_text
        .parse::<i64>()
        .ok()
        .and_then(|id| basis.agreements.get(&id));
    let Some(agreement) = agreement else {
        preview.rejected.push(sheet.refuse_whole(
            Some(agreement_row),
            format!(
                "表中的责任书（内部编号 {agreement_text}）不是 {} 年度的责任书：表格可能被改动过，或是别的年度、别的数据库生成的，请用本年度导出的自评表",
                basis.year
            ),
        ));
        return;
    };
    // The number printed at the head is the one the hidden id was written with: another
    // number there means a form pieced together from two units' (or a hidden cell retyped),
    // whose scores would land on a unit the clerk did not read on it.
    let expected = format!("{}-{:03}", basis.year, agreement.draft.number);
    if let Some((number_row, shown)) = sheet.labelled(NUMBER_LABEL)
        && !shown.is_empty()
        && shown != expected
    {
        let unit = (basis.units.get(&agreement.draft.unit_id))
            .map_or("", |unit| unit.fields.name.as_str());
        preview.rejected.push(sheet.refuse_whole(
            Some(number_row),
            format!(
                "表头的编号“{shown}”与表中隐藏的责任书（编号 {expected}，{unit}）不符：此表可能来自另一个数据库，或导出于清空重来、恢复备份、重新起草之前（编号已重新分配），也可能被改动过或拼接了别的单位的自评表；请用本数据库本年度为该单位导出的自评表"
            ),
        ));
        return;
    }
    // The unit named at the head is the hidden agreement's, under one of its names: another
    // unit there means the agreement ids were given out anew since the form went out (the
    // data started over, or a backup from before the drafting restored and drafted again).
    if let Some((unit_row, shown)) = sheet.labelled(super::UNIT_LABEL)
        && !shown.is_empty()
        && !(basis.names_ever.get(&agreement.draft.unit_id)).is_some_and(|n| n.contains(&shown))
    {
        let unit = (basis.units.get(&agreement.draft.unit_id))
            .map_or("", |unit| unit.fields.name.as_str());
        preview.rejected.push(sheet.refuse_whole(
            Some(unit_row),
            format!(
                "表头的单位“{shown}”不是表中隐藏的责任书（编号 {expected}）的单位“{unit}”：这份自评表可能是清空数据或恢复备份、重新起草之前导出的，或拼接了别的单位的自评表；请用本年度为该单位导出的自评表"
            ),
        ));
        return;
    }
    if basis.left_out.contains(&agreement.id) {
        let unit = (basis.units.get(&agreement.draft.unit_id))
            .map_or("", |unit| unit.fields.name.as_str());
        let published = basis.is_published.then_some(basis.year);
        let refusal = crate::model::agreement::left_out_refusal(unit, published);
        preview.rejected.push(sheet.refuse_whole(None, refusal));
        return;
    }
    let sign_off: Vec<String> = [
        ("填表人：", "填表人"),
        ("联系电话：", "联系电话"),
        ("填报日期：", "填报日期"),
    ]
    .into_iter()
    .filter_map(|(label, name)| {
        let (_, value) = sheet.labelled(label)?;
        // A date Excel stored as one reads "2025-01-10": written the Chinese way.
        let value =
            crate::model::dates::parse_date(&value).map_or(value, crate::model::dates::show_date);
        // A landline typed into a number cell lost its leading 0: said beside it.
        let value = if name == "联系电话" && crate::model::phone::lost_leading_zero(&value) {
            format!("{value}（像是丢了开头的 0：0{value}？）")
        } else {
            value
        };
        (!value.is_empty()).then(|| format!("{name} {value}"))
    })
    .collect();
    if !sign_off.is_empty() {
        preview
            .filled_by
            .push((sheet.file.clone(), sign_off.join("，")));
    }
    super::form_rows::read_rows(basis, sheet, agreement, seen, preview);
}
