//! Changing a year's settings: 甲方 and its signatory, the planned signing date, the full score,
//! the grade bands and the phase. Once the results are published (已通报) the bands are fixed,
//! since the grades in the notice come from them; taking the phase back from 已通报 unlocks the
//! scores, so it needs a reason, which the audit log keeps. The full score changes only while no
//! indicator set of the year is final.

use rusqlite::params;

use super::codec::date_to_sql;
use super::scoring::Reasoned;
use super::{Result, StoreError, Writer, read};
use crate::model::{Phase, Year};

/// The settings key of the day a year's results were published (已通报), `YYYY-MM-DD`.
#[must_use]
pub fn published_on_key(year: i32) -> String {
    format!("published_on.{year}")
}

/// The settings key of the date the last notice of `year` was exported with, `YYYY-MM-DD`.
#[must_use]
pub fn notice_date_key(year: i32) -> String {
    format!("notice_date.{year}")
}

/// The settings key under which the wording of the notice was kept before it was kept per
/// year (see [`notice_wording_key`]).
pub const SETTING_NOTICE_WORDING: &str = "notice_wording";

/// The settings key of `year`'s notice wording: a change to it makes an exported notice of the
/// year out of date.
#[must_use]
pub fn notice_wording_key(year: i32) -> String {
    format!("{SETTING_NOTICE_WORDING}.{year}")
}

/// Said of a change to a published year's settings.
pub const PUBLISHED_SETTINGS_LOCKED: &str = "考核结果已通报，年度设置（甲方、签字人、满分、等次分数线等）不能再修改；确需更正时请先把年度阶段改回“考核”";

/// Why `year` takes no score yet (see [`Writer::start_assessing`]): before 考核, none of its
/// agreements is signed. None when it may be scored.
fn too_early_to_score(
    conn: &rusqlite::Connection,
    year: i32,
    db: Option<&std::path::Path>,
) -> Result<Option<String>> {
    let Some(settings) = read::year(conn, year)? else {
        return Err(read::missing_year(conn, year));
    };
    if !matches!(settings.phase, Phase::Preparing | Phase::Signing) {
        return Ok(None);
    }
    let signed: i64 = conn.query_row(
        "SELECT COUNT(*) FROM agreements WHERE year = ?1 AND status IN ('signed','archived')",
        params![year],
        |row| row.get(0),
    )?;
    Ok((signed == 0).then(|| {
        // The command names this file as it was given (as every hint names it), so that
        // copying it changes this database and no other.
        let db = db
            .map(|path| format!(" --db \"{}\"", path.display()))
            .unwrap_or_default();
        format!(
            "{year} 年度还没有已签订的责任书，不能评分：评分在责任书签订之后（年底考核时）进行，请确认年度是否选对；若已签订只是还没有在程序中登记，请先在“责任书”中标记已签订，或把年度阶段改为“考核”（设置 → 年度设置；命令行为 zerenshu year{db} --year {year} --phase 考核）"
        )
    }))
}

impl super::Store {
    /// Why `year` takes no score yet, said before a preview promises changes (see
    /// [`Writer::start_assessing`]); none when it may be scored.
    pub fn too_early_to_score(&self, year: i32) -> Result<Option<String>> {
        too_early_to_score(&self.conn, year, self.path())
    }
}

impl Writer<'_> {
    /// Moves `year` forward to `phase` when it is at an earlier one (筹备 → 签订 when its
    /// agreements are drafted, → 考核 when scoring starts); a year at `phase` or past it (and a
    /// published one) stays. Audited as any change of phase; true when the year moved.
    pub fn advance_phase(&mut self, year: i32, phase: Phase) -> Result<bool> {
        let Some(before) = read::year(&self.tx, year)? else {
            return Err(read::missing_year(&self.tx, year));
        };
        let place = |p: Phase| Phase::ALL.iter().position(|q| *q == p);
        if phase == Phase::Published || place(before.phase) >= place(phase) {
            return Ok(false);
        }
        self.update_year(&Year { phase, ..before }, None)?;
        Ok(true)
    }

    /// Scoring starts: `year` moves on to 考核 as [`Writer::advance_phase`] does, true when it
    /// moved. Refused while none of the year's agreements is signed: scores belong after the
    /// signing, and a score typed into a year that has none (a new year, a mistyped one) would
    /// otherwise move that year to 考核 unnoticed. A year already at 考核 is not asked again.
    pub fn start_assessing(&mut self, year: i32) -> Result<bool> {
        if let Some(refusal) = too_early_to_score(&self.tx, year, self.db)? {
            return Err(StoreError::Rejected(refusal));
        }
        self.advance_phase(year, Phase::Assessing)
    }

    /// Writes the one entry that names a rollover of `from` into `to` as a whole, beside the
    /// entries of what it copied (the year, each template version and indicator set): a
    /// filter on 年度结转 finds it.
    pub fn record_rollover(
        &mut self,
        from: i32,
        to: i32,
        templates: usize,
        indicator_sets: usize,
    ) -> Result<()> {
        let after = serde_json::json!({
            "rolled_from": from,
            "templates": templates,
            "indicator_sets": indicator_sets,
        });
        self.audit(
            "年度结转",
            "year",
            &to.to_string(),
            None::<&()>,
            Some(&after),
        )
    }

    /// Saves the settings of an existing year; `reason` is required to leave 已通报.
    pub fn update_year(&mut self, year: &Year, reason: Option<&str>) -> Result<()> {
        let errors = year.validate();
        if !errors.is_empty() {
            return Err(StoreError::Rejected(errors.join("；")));
        }
        let Some(before) = read::year(&self.tx, year.year)? else {
            return Err(read::missing_year(&self.tx, year.year));
        };
        // Saved as it was: nothing to write, and no empty entry in the log.
        if before == *year {
            return Ok(());
        }
        let mut problems = year.text_problems(Some(&before));
        problems.extend(year.undrawable_problems(Some(&before), crate::pdf::fonts::can_draw));
        if !problems.is_empty() {
            return Err(StoreError::Rejected(problems.join("；")));
        }
        // Bands set now give a vetoed unit a failing grade (those set before stay as they are).
        if before.grade_bands != year.grade_bands
            && let Some(problem) = year.lowest_band_problem()
        {
            return Err(StoreError::Rejected(problem));
        }
        let reason = reason.and_then(crate::model::reason::given);
        let is_unpublishing = before.phase == Phase::Published && year.phase != Phase::Published;
        if is_unpublishing && reason.is_none() {
            return Err(StoreError::Rejected(
                "本年度考核结果已通报，撤回“已通报”会解除评分锁定，请写明理由".to_owned(),
            ));
        }
        // Published results are corrected at 考核; the agreements' signing is long past.
        if is_unpublishing && year.phase != Phase::Assessing {
            return Err(StoreError::Rejected(format!(
                "已通报的年度只能退回“考核”（更正评分后再重新通报），不能直接改为“{}”",
                year.phase.label()
            )));
        }
        if year.phase == Phase::Preparing && before.phase != Phase::Preparing {
            let issued: i64 = self.tx.query_row(
                "SELECT count(*) FROM agreements WHERE year = ?1 AND status <> 'draft'",
                [year.year],
                |r| r.get(0),
            )?;
            if issued > 0 {
                return Err(StoreError::Rejected(format!(
                    "本年度已有 {issued} 份责任书定稿，年度阶段不能回到“筹备”"
                )));
            }
        }
        if year.full_score != before.full_score {
            let final_sets: i64 = self.tx.query_row(
                "SELECT count(*) FROM indicator_sets WHERE year = ?1 AND is_final = 1",
                [year.year],
                |r| r.get(0),
            )?;
            if final_sets > 0 {
                return Err(StoreError::Rejected(
                    "本年度已有考核指标定稿，满分不能再修改；请先取消这些指标的定稿".to_owned(),
                ));
            }
        }
        // The published notice was made from these settings (甲方, full score, bands): they
        // stay while the year stays 已通报 (it differs from `before` here, so something else did).
        if before.phase == Phase::Published && year.phase == Phase::Published {
            return Err(StoreError::Rejected(PUBLISHED_SETTINGS_LOCKED.to_owned()));
        }
        self.tx.execute(
            "UPDATE years SET party_a_name = ?1, party_a_signatory_title = ?2, party_a_signatory_name = ?3,
                 planned_signing_date = ?4, phase = ?5, full_score = ?6 WHERE year = ?7",
            params![
                year.party_a_name.trim(),
                year.party_a_signatory_title.trim(),
                year.party_a_signatory_name.trim(),
                date_to_sql(year.planned_signing_date),
                year.phase.code(),
                year.full_score,
                year.year
            ],
        )?;
        if before.grade_bands != year.grade_bands {
            self.tx
                .execute("DELETE FROM grade_bands WHERE year = ?1", [year.year])?;
            for (position, band) in year.grade_bands.iter().enumerate() {
                self.tx.execute(
                    "INSERT INTO grade_bands (year, position, name, min_total) VALUES (?1, ?2, ?3, ?4)",
                    params![
                        year.year,
                        i64::try_from(position).unwrap_or(i64::MAX),
                        band.name.trim(),
                        band.min_total
                    ],
                )?;
            }
        }
        // The day results are published is the notice's date unless the clerk gives another.
        // A year taken back and published again keeps its first day, so that the date a
        // notice carries does not change behind the clerk's back (the export dialog and
        // `notice --date` set another), unless a notice was issued in between: the corrected
        // results are then a notice of their own, of the day they are published again.
        // What the results published leave out stays so (see `super::left_out`), and so do
        // the units' names and categories they were published under: a unit renamed before the
        // year is rolled over leaves the notice issued as it was.
        let is_publishing = year.phase == Phase::Published && before.phase != Phase::Published;
        let has_versions: bool = self.tx.query_row(
            "SELECT EXISTS (SELECT 1 FROM unit_versions WHERE year = ?1)",
            [year.year],
            |row| row.get(0),
        )?;
        let is_newest: bool = self.tx.query_row(
            "SELECT NOT EXISTS (SELECT 1 FROM years WHERE year > ?1)",
            [year.year],
            |row| row.get(0),
        )?;
        if is_publishing {
            self.keep_left_out(year.year)?;
            // A year rolled over from keeps the version saved then: a unit added since never
            // enters its roster.
            if !has_versions {
                self.keep_unit_versions(year.year)?;
            }
        }
        // Taken back for a correction, the newest year reads the register again (its
        // version was saved by the publication, no rollover needs it): a name put right in
        // the register reaches the corrected notice.
        if is_unpublishing && has_versions && is_newest {
            self.release_unit_versions(year.year)?;
        }
        let was_published = read::setting(&self.tx, &published_on_key(year.year))?.is_some();
        // Read before this publication is logged: a first publication, or the notice exported
        // after the last one corrected, dates the results today.
        let dates_today =
            is_publishing && super::result_exports::publishes_anew(&self.tx, year.year)?;
        let corrects_issued = dates_today && was_published;
        if dates_today {
            let today = self.today().format("%Y-%m-%d").to_string();
            // Published again the same day: the date stands, and no entry says it changed.
            let key = published_on_key(year.year);
            if read::setting(&self.tx, &key)?.as_deref() != Some(today.as_str()) {
                self.set_setting(&key, &today)?;
            }
        }
        // A correction issues a new notice: its 成文日期 is set by its export, as the first
        // one's was; the log says so rather than that a date was emptied.
        let date_key = notice_date_key(year.year);
        if corrects_issued && let Some(issued_on) = read::setting(&self.tx, &date_key)? {
            self.tx
                .execute("DELETE FROM settings WHERE key = ?1", [&date_key])?;
            self.audit(
                "再次通报，成文日期待重定",
                "setting",
                &date_key,
                Some(&issued_on),
                Some(&"更正后再次通报：下次导出通报时定下新的成文日期"),
            )?;
        }
        let Some(after) = read::year(&self.tx, year.year)? else {
            return Err(read::missing_year(&self.tx, year.year));
        };
        // A change of phase is its own entry, and so are the other settings changed in the
        // same save: a filter on either action finds what it names.
        let moved = Year {
            phase: after.phase,
            ..before.clone()
        };
        // Publishing and withdrawing named as the clerk looks for them in the log.
        let phase_action = match (before.phase, after.phase) {
            (_, Phase::Published) => "发布考核结果",
            (Phase::Published, _) => "撤回考核结果通报",
            _ => "更改年度阶段",
        };
        let entries = match (before.phase != after.phase, moved != after) {
            (true, true) => vec![
                (phase_action, &before, &moved),
                ("修改年度设置", &moved, &after),
            ],
            (true, false) => vec![(phase_action, &before, &after)],
            (false, _) => vec![("修改年度设置", &before, &after)],
        };
        for (action, was, is) in entries {
            self.audit(
                action,
                "year",
                &year.year.to_string(),
                Some(was),
                Some(&Reasoned { value: is, reason }),
            )?;
        }
        Ok(())
    }
}
