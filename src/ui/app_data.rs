//! The data the window shows, loaded from the store after every change: the register, the
//! chosen year's agreements, templates, indicators and scores, the statistics; and the switch
//! to the damaged-file screen when damage is met while reading.

use std::path::Path;

use crate::model::{Category, Unit, Year};
use crate::store::{Store, StoreError};

use super::agreements::YearData;
use super::app::App;
use super::state::View;

/// Data loaded from the store, read by the views while drawing.
#[derive(Default)]
pub(super) struct Loaded {
    pub(super) categories: Vec<Category>,
    /// What uses each category in use, in words, by id: 删除… is offered only for the others.
    pub(super) category_uses: std::collections::HashMap<i64, String>,
    pub(super) units: Vec<Unit>,
    /// The names and short names the units had before, which the 单位 search finds them by
    /// and the unit form points out: read from the log only once a search is typed or the
    /// form opens (see `App::read_former_names`), not at every reload.
    pub(super) former_names: Option<super::former_names::FormerNames>,
    /// The units as the chosen year keeps them (its rolled-over version where there is one):
    /// what the 责任书 and 考核 screens name and sign with, like the commands.
    pub(super) year_units: Vec<Unit>,
    pub(super) years: Vec<i32>,
    /// The years that are published (已通报).
    pub(super) published_years: Vec<i32>,
    pub(super) year_data: YearData,
    /// The agreements of the years not published (see `Store::open_agreements`).
    pub(super) open_agreements: Vec<crate::store::OpenAgreement>,
    /// The automatic backups beside the file, newest first.
    pub(super) backups: Vec<crate::store::BackupFile>,
    /// The chosen year's statistics, worked out only for 通报与统计 and 考核 (see
    /// `fresh_statistics`).
    pub(super) statistics: crate::workflow::statistics::Statistics,
    /// The units that failed two years in a row, from the statistics, for the 考核 grid.
    pub(super) repeated_failures: super::assessment::RepeatedFailures,
    /// The reload and year the statistics were worked out for.
    statistics_of: Option<(u64, Option<i32>)>,
    /// The chosen year when it was rolled over and keeps its own version of the units.
    pub(super) year_keeps_units: Option<i32>,
    /// True when this login has not given its name: the log says its login name instead.
    pub(super) operator_unnamed: bool,
    /// The date the chosen year's notice carries by default (its publication day, else today),
    /// fixed once the notice was issued.
    pub(super) notice_date: Option<super::report_actions::NoticeDate>,
    /// When the chosen year's results were published and its notice dated, while it is 已通报
    /// (see [`crate::workflow::notice::publication`]).
    pub(super) publication: Option<String>,
    /// What is said before the chosen year is published again with other grade bands than
    /// its last publication (see [`crate::workflow::notice::republish_note`]).
    pub(super) republish_note: Option<String>,
    /// True when the chosen year, not published now, was published before and taken back
    /// (a correction under way).
    pub(super) is_withdrawn: bool,
    /// Changes to the selected year's results since they were published, while they are.
    pub(super) changes_since_published: Option<crate::store::ChangesSincePublished>,
    /// The last exports of the selected year's notice and summary, those ever exported.
    pub(super) result_exports: Vec<crate::store::ResultExport>,
    /// True when the selected year's notice wording has a 发文字号 (its notice has a 版头).
    pub(super) has_document_number: bool,
    /// Bumped on every reload, so views can rebuild caches.
    pub(super) generation: u64,
}

impl App {
    pub(super) fn reload(&mut self) {
        let Some(store) = &self.store else { return };
        let loaded = Self::load(
            store,
            self.state.year,
            self.state.view,
            self.data.generation + 1,
        );
        match loaded {
            Ok(data) => {
                self.state.year = data.year_data.year.as_ref().map(|y| y.year);
                self.data = data;
                self.agreements_view.reloaded();
            }
            Err(error) => self.read_failed(&error, "读取数据失败"),
        }
    }

    /// Everything the window shows from `store`: the register, and `wanted_year` (else the
    /// first year) with what belongs to it; the backups only while `view` is 设置.
    ///
    /// # Errors
    /// The store's, reading any of it (damage met among them).
    pub(super) fn load(
        store: &Store,
        wanted_year: Option<i32>,
        view: View,
        generation: u64,
    ) -> Result<Loaded, StoreError> {
        // A damaged file looked at: damage met in what is told beside the data (the log's
        // codes voided, exports, publication) leaves that out, not the whole file unread.
        let lenient = super::app_safety::is_damaged_look(store.read_only_reason());
        let all_years = store.years()?;
        let years: Vec<i32> = all_years.iter().map(|y: &Year| y.year).collect();
        let published_years: Vec<i32> = (all_years.iter())
            .filter(|y| y.phase == crate::model::Phase::Published)
            .map(|y| y.year)
            .collect();
        let year = wanted_year
            .filter(|y| years.contains(y))
            .or_else(|| years.first().copied());
        let year_data = match year {
            Some(number) => {
                let printed = aside(lenient, store.printed_differences(number))?;
                YearData {
                    year: store.year(number)?,
                    agreements: store.agreements(number)?,
                    templates: store.templates(number)?,
                    sets: store.indicator_sets(number)?,
                    adjustments: store.adjustments(number)?,
                    vetoes: store.vetoes(number)?,
                    scores: store.scores(number)?,
                    scans: store.scan_summaries(number)?,
                    voided: aside(lenient, store.voided_codes(number))?,
                    printed_names: printed.names,
                    printed_titles: printed.titles,
                    left_out: store.left_out(number)?,
                }
            }
            None => YearData::default(),
        };
        let units = store.units()?;
        let year_units = match year {
            Some(number) => store.units_in_as(number, &units)?,
            None => Vec::new(),
        };
        Ok(Loaded {
            categories: store.categories()?,
            category_uses: store.category_uses()?,
            former_names: None,
            units,
            year_units,
            // Read from disk only while 设置 is open (see `refresh_backups`).
            backups: match (view, store.path()) {
                (View::Settings, Some(path)) => crate::store::backup::list_backups(path),
                _ => Vec::new(),
            },
            has_document_number: match year {
                Some(number) => !(crate::workflow::notice::wording(store, number)?)
                    .document_number
                    .trim()
                    .is_empty(),
                None => false,
            },
            changes_since_published: match &year_data.year {
                Some(shown) if shown.phase == crate::model::Phase::Published => {
                    aside(lenient, store.changes_since_published(shown.year))?
                }
                _ => None,
            },
            result_exports: match year {
                Some(number) => aside(lenient, store.result_exports(number))?,
                None => Vec::new(),
            },
            publication: match year {
                Some(number) => {
                    aside(lenient, crate::workflow::notice::publication(store, number))?
                }
                None => None,
            },
            is_withdrawn: match &year_data.year {
                Some(shown) if shown.phase != crate::model::Phase::Published => {
                    aside(lenient, store.settings_when_withdrawn(shown.year))?.is_some()
                }
                _ => false,
            },
            republish_note: match year {
                Some(number) => aside(
                    lenient,
                    crate::workflow::notice::republish_note(store, number, None),
                )?,
                None => None,
            },
            notice_date: match year {
                Some(number) => aside(lenient, notice_date(store, number))?,
                None => None,
            },
            year_keeps_units: match year {
                Some(number) if store.has_unit_versions(number)? => Some(number),
                _ => None,
            },
            // The welcome dialog asks the name of a database not started yet.
            operator_unnamed: !store.has_operator_name()? && store.is_initialized()?,
            statistics: crate::workflow::statistics::Statistics::default(),
            repeated_failures: super::assessment::RepeatedFailures::default(),
            statistics_of: None,
            years,
            published_years,
            year_data,
            open_agreements: store.open_agreements()?,
            generation,
        })
    }
}

/// What the notice export dialog of `year` starts from: the date offered and where it comes
/// from, the 发文字号, and what fixes or bounds the date.
fn notice_date(
    store: &Store,
    number: i32,
) -> Result<Option<super::report_actions::NoticeDate>, StoreError> {
    use crate::workflow::notice::{IssueDateSource, default_issue_date_and_source};
    let (date, source) = default_issue_date_and_source(store, number)?;
    let document_number = crate::workflow::notice::wording(store, number)?.document_number;
    let number_year = crate::workflow::notice::document_number_year(&document_number);
    Ok(Some(super::report_actions::NoticeDate {
        date,
        source: source.explanation(),
        has_number: !document_number.trim().is_empty(),
        document_number: number_year.map(|year| (document_number, year)),
        is_issued: source == IssueDateSource::Issued,
        changes_since_published: (store.changes_since_published(number)?)
            .map_or(0, |changes| changes.count),
        published_on: crate::workflow::notice::published_on(store, number),
        correction_floor: crate::workflow::notice::correction_floor(store, number),
    }))
}

/// `read` of what the window tells beside the data; on a damaged file looked at (`lenient`),
/// damage met in it gives nothing to tell rather than an error.
fn aside<T: Default>(lenient: bool, read: Result<T, StoreError>) -> Result<T, StoreError> {
    match read {
        Err(StoreError::Corrupt(_)) if lenient => Ok(T::default()),
        other => other,
    }
}

impl App {
    /// A read that failed: damage met switches to the damaged-file screen, anything else is
    /// said in a toast starting with `what`.
    fn read_failed(&mut self, error: &StoreError, what: &str) {
        match self.as_damage(error) {
            Some(damage) => self.show_damage(&damage),
            None => self.toasts.error(format!("{what}：{error}")),
        }
    }

    /// `error` as damage of the open database, if it is damage: found by a check
    /// ([`StoreError::Damaged`]) or met while reading ([`StoreError::Corrupt`], named then
    /// by the open file).
    pub(super) fn as_damage(&self, error: &StoreError) -> Option<StoreError> {
        match error {
            StoreError::Damaged { details, path } => Some(StoreError::Damaged {
                details: details.clone(),
                path: path.clone(),
            }),
            StoreError::Corrupt(details) => {
                let path = self.store.as_ref().and_then(Store::path);
                Some(StoreError::Damaged {
                    details: details.clone(),
                    path: path.map(Path::to_path_buf).unwrap_or_default(),
                })
            }
            _ => None,
        }
    }

    /// Damage met while working: the store is closed and the screen that offers the newest
    /// good backup takes over, as when a damaged file is opened.
    pub(super) fn show_damage(&mut self, error: &StoreError) {
        if let StoreError::Damaged { path, details } = error {
            // Not "not written to": the window wrote to it until now.
            self.damaged = Some(
                super::app_safety::Damaged::new(path, error, self.state.year)
                    .with_message(crate::store::damaged_while_working(details, path)),
            );
            if let Some(store) = self.store.take() {
                store.close_unwritten();
            }
            self.stop_jobs();
        }
    }

    /// Works the chosen year's statistics out again if the data changed since: every year's
    /// results go into them, so only the screens that show them ask.
    pub(super) fn fresh_statistics(&mut self) {
        let key = (self.data.generation, self.state.year);
        if self.data.statistics_of == Some(key) {
            return;
        }
        let Some(store) = &self.store else { return };
        let statistics = match self.state.year {
            Some(year) => crate::workflow::statistics::statistics(store, year),
            None => Ok(crate::workflow::statistics::Statistics::default()),
        };
        self.data.statistics_of = Some(key);
        match statistics {
            Ok(statistics) => self.data.statistics = statistics,
            Err(error) => {
                // Nothing of another year is shown under this one's heading.
                self.data.statistics = crate::workflow::statistics::Statistics::default();
                self.read_failed(&error, "读取统计数据失败");
            }
        }
        self.data.repeated_failures = repeated_failures(&self.data.statistics);
    }

    /// While 备份与恢复 is shown: the list read again every two seconds, so that a backup taken
    /// meanwhile by the `backup` command or another window (or one deleted) shows.
    pub(super) fn watch_backups(&mut self, ctx: &egui::Context) {
        const EVERY: std::time::Duration = std::time::Duration::from_secs(2);
        let is_due = self.backups_seen.is_none_or(|seen| seen.elapsed() >= EVERY);
        if is_due {
            self.backups_seen = Some(std::time::Instant::now());
            self.refresh_backups();
        }
        ctx.request_repaint_after(EVERY);
    }

    /// Reads the units' former names for the 单位 search once a search is typed, and for the
    /// unit form once it opens, once per reload. A help only: a log it cannot read (a damaged
    /// file looked at) leaves them out.
    pub(super) fn read_former_names(&mut self) {
        let is_wanted = !self.state.unit_search.trim().is_empty() || self.units_view.has_form();
        if self.data.former_names.is_some() || !is_wanted {
            return;
        }
        let ever = (self.store.as_ref())
            .map(|store| store.unit_names_ever().unwrap_or_default())
            .unwrap_or_default();
        self.data.former_names = Some(super::former_names::FormerNames::of(
            &self.data.units,
            &ever,
        ));
    }

    /// Lists the automatic backups beside the file again (on opening 设置).
    pub(super) fn refresh_backups(&mut self) {
        self.data.backups = (self.store.as_ref().and_then(Store::path))
            .map(crate::store::backup::list_backups)
            .unwrap_or_default();
    }
}

/// What the year's screens (责任书, 考核) read: the year's data, units and categories, and
/// whether the window may write.
pub(super) fn year_context<'a>(
    data: &'a Loaded,
    store: Option<&'a crate::store::Store>,
) -> super::agreements::Context<'a> {
    super::agreements::Context {
        data: &data.year_data,
        units: &data.year_units,
        categories: &data.categories,
        generation: data.generation,
        years: &data.years,
        access: super::write_access::WriteAccess::of(store),
    }
}

/// The units whose latest results failed two or more years in a row, with the years and whether
/// a veto was one of them.
fn repeated_failures(
    statistics: &crate::workflow::statistics::Statistics,
) -> super::assessment::RepeatedFailures {
    (statistics.history.iter())
        .filter_map(|h| {
            let (first, last) = h.repeated_failure?;
            let is_vetoed =
                (h.years.iter()).any(|p| (first..=last).contains(&p.year) && p.is_vetoed);
            let failure = super::assessment::RepeatedFailure {
                years: (first, last),
                is_vetoed,
            };
            Some((h.unit_id, failure))
        })
        .collect()
}
