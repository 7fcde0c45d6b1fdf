//! Crash consistency: the binary is killed with SIGKILL at random moments during a batch draft,
//! a unit import, a score import, a single score save, an export, a print file and a backup, and every time the
//! database must hold either all or none of that action, pass SQLite's checks, open again
//! despite the lock file left behind, and no file under a final name may be half written.
//!
//! Half the kills fall at a random moment of the whole run (start-up included); the other half
//! wait until the action's work shows (its automatic backup is in place, a score save's first
//! page is in the write-ahead log, or the first output file begins) and then fall at a random
//! moment of the rest. The test insists that enough kills landed inside each batch action's
//! write (after its backup, before its commit), once a score save reached the log, and between
//! the files of an export, so a run whose kills all hit start-up fails.
//!
//! The seed of the random kill moments is printed; `KILL_TEST_SEED=N` replays a run (the
//! moments, not the machine's timing) and `KILL_TEST_KILLS=N` asks for more kills than the 220
//! by default (at least 200, as CI requires).

#![cfg(unix)]
// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod calibration;
mod checks;
mod inputs;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use calibration::{Calibration, calibrate};
use checks::{
    Snapshot, assert_app_opens, assert_outputs_whole, assert_pdfs_recorded,
    assert_side_files_whole, is_final_name, snapshot,
};
use inputs::{Inputs, prepare};

const BIN: &str = env!("CARGO_BIN_EXE_zerenshu");
/// The CI requirement: real kills per run.
const MIN_KILLS: usize = 200;
const DEFAULT_KILLS: usize = 220;
/// Kills each writing action must get inside its write (after the backup, before the commit).
const MIN_KILLS_IN_WRITE: usize = 3;
/// Kills an export must get with some but not all of its files written.
const MIN_KILLS_MID_FILES: usize = 5;
/// Runs at most added for an action short of those minimums after the main loop.
const TOP_UP_RUNS: usize = 12;
/// How often the folder an action works in is looked at while waiting for its work to show.
const POLL: Duration = Duration::from_micros(500);
/// Iterations allowed per kill asked for, so a machine that finishes every run early stops.
const ITERATIONS_PER_KILL: usize = 4;
/// Calibration runs per action; the shortest sets the kill window.
const CALIBRATION_RUNS: usize = 3;
const SIGKILL: i32 = 9;
/// Units and agreements per year in the demo.
const DEMO_UNITS: i64 = 45;
const NEW_UNITS: i64 = 300;
const DRAFT_YEAR: &str = "2026";
const SCORED_YEAR: &str = "2025";

/// The work the binary is killed during.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Action {
    Draft,
    ImportUnits,
    ImportScores,
    /// One cell of the scoring workbench (`zerenshu score`), as the grid saves it.
    Score,
    Export,
    Print,
    Backup,
}

impl Action {
    const ALL: [Self; 7] = [
        Self::Draft,
        Self::ImportUnits,
        Self::ImportScores,
        Self::Score,
        Self::Export,
        Self::Print,
        Self::Backup,
    ];

    /// The command line of the action on the database `db`, writing into `out`.
    fn command(self, inputs: &Inputs, db: &Path, out: &Path) -> Command {
        let mut args: Vec<OsString> = vec!["--db".into(), db.into()];
        let words: &[&str] = match self {
            Self::Draft => &["draft", "--year", DRAFT_YEAR],
            Self::ImportUnits => &["import", "units", "--yes"],
            Self::ImportScores => &["import", "scores", "--yes", "--year", SCORED_YEAR],
            Self::Score => &[
                "score",
                "--year",
                SCORED_YEAR,
                "--unit",
                "城关街道",
                "--indicator",
                "组织领导",
                "--assessed",
                "4.5",
                "--note",
                "杀进程测试",
            ],
            Self::Export | Self::Print => &["export", "--year", SCORED_YEAR],
            Self::Backup => &["backup"],
        };
        args.extend(words.iter().map(OsString::from));
        match self {
            Self::Draft | Self::Score => {}
            Self::ImportUnits => args.push(inputs.units_csv.clone().into()),
            Self::ImportScores => args.extend(inputs.forms.iter().map(OsString::from)),
            Self::Export => args.extend(["--out".into(), out.into()]),
            Self::Print => args.extend([
                "--print".into(),
                out.join("print.pdf").into(),
                "--copies".into(),
                "2".into(),
            ]),
            Self::Backup => args.extend(["--out".into(), out.join("b.sqlite3").into()]),
        }
        let mut command = Command::new(BIN);
        command.args(args).stdin(Stdio::null());
        command
    }

    /// True once the action's work shows in its folders: for the batch writing actions their
    /// automatic backup under its final name (the write comes right after it), for a score
    /// save the first page in the database's write-ahead log, for an export or a backup
    /// anything in the output folder.
    fn shows_work(self, db: &Path, out: &Path) -> bool {
        if self == Self::Score {
            return wal_has_frames(db);
        }
        let folder = if self.takes_backup() {
            db.parent().unwrap().join("backups")
        } else {
            out.to_owned()
        };
        std::fs::read_dir(folder).is_ok_and(|entries| {
            entries.filter_map(Result::ok).any(|entry| {
                !self.takes_backup() || is_final_name(&entry.file_name().to_string_lossy())
            })
        })
    }

    /// Whether some kills wait for the work to show; not for a print file, which shows only
    /// when it is renamed into place at the very end.
    fn is_timed_from_work(self) -> bool {
        self != Self::Print
    }

    /// True for actions that change the database, so a rerun after a kill must finish the job.
    fn writes_database(self) -> bool {
        self.takes_backup() || self == Self::Score
    }

    /// True for the batch actions that take an automatic backup right before their write.
    fn takes_backup(self) -> bool {
        matches!(self, Self::Draft | Self::ImportUnits | Self::ImportScores)
    }
}

/// True when the write-ahead log beside `db` holds pages: a write has begun (the copy a run
/// starts from has none).
fn wal_has_frames(db: &Path) -> bool {
    let mut wal = db.as_os_str().to_owned();
    wal.push("-wal");
    std::fs::metadata(wal).is_ok_and(|m| m.len() > 0)
}

/// Kill moments: a xorshift generator, reproducible from its printed seed.
struct XorShift(u64);

impl XorShift {
    fn new(seed: u64) -> Self {
        Self(seed | 1)
    }

    fn next_f64(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        (x >> 11) as f64 / (1_u64 << 53) as f64
    }
}

/// Kills and runs per action.
#[derive(Debug, Default, Clone, Copy)]
struct Tally {
    runs: usize,
    kills: usize,
    /// Kills after the action's result was in place (committed, or its file renamed).
    kills_after_result: usize,
    /// Kills after the automatic backup and before the commit.
    kills_in_write: usize,
    /// Kills with some but not all of the files written (staged under temporary names, or
    /// some named).
    kills_mid_files: usize,
    /// Kills timed from the moment the action's work showed.
    kills_timed_from_work: usize,
    /// Runs added after the main loop because the action was short of its minimum.
    top_up_runs: usize,
}

impl Tally {
    /// Counts one run: `killed` says what a killed run left, `None` for a run that finished.
    fn count(&mut self, killed: Option<&Observed>, is_timed_from_work: bool) {
        self.runs += 1;
        if let Some(observed) = killed {
            self.kills += 1;
            self.kills_after_result += usize::from(observed.has_result);
            self.kills_in_write += usize::from(observed.is_in_write);
            self.kills_mid_files += usize::from(observed.is_mid_files);
            self.kills_timed_from_work += usize::from(is_timed_from_work);
        }
    }
}

/// What every run of the kill loop shares.
struct Setting<'a> {
    inputs: &'a Inputs,
    base: &'a Snapshot,
    calibrations: &'a BTreeMap<Action, Calibration>,
    /// The folder each run works in, made afresh.
    work: &'a Path,
    seed: u64,
}

impl Setting<'_> {
    /// Starts the action on a fresh copy, kills it at a random moment (of the whole run, or of
    /// its work once that shows) and checks what it left; what a killed run left, or `None`
    /// when the run finished first.
    fn kill_once(
        &self,
        action: Action,
        is_timed_from_work: bool,
        iteration: usize,
        rng: &mut XorShift,
    ) -> Option<Observed> {
        let calibration = &self.calibrations[&action];
        let (db, out) = fresh_work(self.inputs, self.work);
        let mut child = action
            .command(self.inputs, &db, &out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let started = Instant::now();
        if is_timed_from_work {
            while !action.shows_work(&db, &out) && child.try_wait().unwrap().is_none() {
                std::thread::sleep(POLL);
            }
            // Within the work rather than past it: fewer runs finish before their kill.
            std::thread::sleep(calibration.work_span.mul_f64(0.9 * rng.next_f64()));
        } else {
            std::thread::sleep(calibration.duration.mul_f64(1.1 * rng.next_f64()));
        }
        let delay = started.elapsed();
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
        }
        let status = child.wait().unwrap();
        let is_killed = status.signal() == Some(SIGKILL);
        // A score save shows its write only in the log: read before anything opens the file.
        let wal_written = action == Action::Score && wal_has_frames(&db);
        let context = format!(
            "{action:?} {} after {delay:?} (iteration {iteration}, seed {})",
            if is_killed { "killed" } else { "finished" },
            self.seed
        );
        assert!(is_killed || status.success(), "{context}: {status}");
        let observed = check_run(
            action,
            self.inputs,
            (&db, &out),
            (self.base, calibration),
            (iteration, is_killed),
            &context,
        );
        is_killed.then_some(Observed {
            is_in_write: observed.is_in_write || (wal_written && !observed.has_result),
            ..observed
        })
    }
}

fn output_text(output: &Output) -> String {
    format!(
        "{}\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

/// Runs the binary to completion and insists on success.
fn run_ok(command: &mut Command, what: &str) -> Output {
    let output = command.output().unwrap();
    assert!(output.status.success(), "{what}: {}", output_text(&output));
    output
}

fn zerenshu(db: &Path, args: &[&str]) -> Command {
    let mut command = Command::new(BIN);
    command.arg("--db").arg(db).args(args).stdin(Stdio::null());
    command
}

/// A fresh folder with a copy of the base database and an empty output folder.
fn fresh_work(inputs: &Inputs, folder: &Path) -> (PathBuf, PathBuf) {
    if folder.exists() {
        std::fs::remove_dir_all(folder).unwrap();
    }
    let out = folder.join("out");
    std::fs::create_dir_all(&out).unwrap();
    let db = folder.join("work.sqlite3");
    std::fs::copy(&inputs.base, &db).unwrap();
    (db, out)
}

fn final_files(folder: &Path) -> BTreeSet<String> {
    std::fs::read_dir(folder)
        .unwrap()
        .map(|entry| entry.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|name| is_final_name(name))
        .collect()
}

fn seed() -> u64 {
    if let Ok(text) = std::env::var("KILL_TEST_SEED") {
        text.trim().parse().expect("KILL_TEST_SEED is a number")
    } else {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        now.as_secs() ^ (u64::from(now.subsec_nanos()) << 32)
    }
}

fn kills_asked() -> usize {
    let asked = std::env::var("KILL_TEST_KILLS").map_or(DEFAULT_KILLS, |text| {
        text.trim().parse().expect("KILL_TEST_KILLS is a number")
    });
    assert!(
        asked >= MIN_KILLS,
        "KILL_TEST_KILLS={asked} is below the {MIN_KILLS} kills CI requires"
    );
    asked
}

/// What a run left, for the summary.
struct Observed {
    /// The action's result was in place (committed, or its file renamed).
    has_result: bool,
    /// The automatic backup was taken but the write not committed.
    is_in_write: bool,
    /// Some but not all of the files were written.
    is_mid_files: bool,
}

/// Files under temporary names in `folder`: staged by an export or print that was killed.
fn staged_files(folder: &Path) -> usize {
    std::fs::read_dir(folder)
        .unwrap()
        .filter(|entry| !is_final_name(&entry.as_ref().unwrap().file_name().to_string_lossy()))
        .count()
}

/// Everything checked after one run, killed or not.
fn check_run(
    action: Action,
    inputs: &Inputs,
    (db, out): (&Path, &Path),
    (base, calibration): (&Snapshot, &Calibration),
    (iteration, is_killed): (usize, bool),
    context: &str,
) -> Observed {
    // Alternate who meets the crashed files first: the app itself, or a plain SQLite connection.
    let state = if iteration % 2 == 0 {
        assert_app_opens(db, context);
        snapshot(db, context)
    } else {
        let state = snapshot(db, context);
        assert_app_opens(db, context);
        state
    };
    let after = &calibration.after;
    assert!(
        state == *base || state == *after,
        "{context}: the database holds part of the action\nnow {state:#?}\nbefore {base:#?}\nafter {after:#?}"
    );
    assert!(
        [DEMO_UNITS, DEMO_UNITS + NEW_UNITS].contains(&state.units),
        "{context}: {} units",
        state.units
    );
    assert!(
        [base.scores, after.scores].contains(&state.scores),
        "{context}: scores {:?}, before {:?}, after {:?}",
        state.scores,
        base.scores,
        after.scores
    );
    assert!(
        [0, DEMO_UNITS].contains(&state.draft_year_agreements),
        "{context}: {} agreements drafted",
        state.draft_year_agreements
    );
    assert_eq!(
        state.draft_year_agreements, state.draft_year_audit,
        "{context}: drafts and their audit rows"
    );
    let finals = assert_outputs_whole(out, &calibration.files, context);
    if action == Action::Export {
        assert_pdfs_recorded(db, out, context);
    }
    let backups = assert_side_files_whole(db, context);
    if !is_killed {
        assert_eq!(&state, after, "{context}: a complete run");
        assert_eq!(finals, calibration.files.len(), "{context}: a complete run");
    }
    let has_result = if *after == *base {
        finals == calibration.files.len() && finals > 0
    } else {
        state == *after
    };
    if action.writes_database() || (action == Action::Backup && finals == 0) {
        // The next process finishes the job from whatever the killed one left.
        run_ok(
            action.command(inputs, db, out).stdout(Stdio::null()),
            &format!("{context}: rerun"),
        );
        assert_eq!(&snapshot(db, context), after, "{context}: after a rerun");
        assert_outputs_whole(out, &calibration.files, context);
    }
    Observed {
        has_result,
        // The automatic backup comes right before the write transaction.
        is_in_write: action.takes_backup() && backups > 0 && !has_result,
        is_mid_files: finals < calibration.files.len() && (finals > 0 || staged_files(out) > 0),
    }
}

#[test]
fn sigkill_at_random_moments_leaves_all_or_nothing_and_no_half_files() {
    let started = Instant::now();
    let seed = seed();
    let kills_asked = kills_asked();
    println!("kill test seed {seed} (replay with KILL_TEST_SEED={seed})");
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let inputs = prepare(root);
    let base = snapshot(&inputs.base, "base");
    let calibrations: BTreeMap<Action, Calibration> = Action::ALL
        .iter()
        .map(|&action| (action, calibrate(action, &inputs, root, &base)))
        .collect();
    for (action, calibration) in &calibrations {
        println!(
            "{action:?}: a complete run takes {:?}, its work {:?} of it",
            calibration.duration, calibration.work_span
        );
    }

    let mut rng = XorShift::new(seed);
    let mut tallies: BTreeMap<Action, Tally> = BTreeMap::new();
    let mut kills = 0;
    let mut iterations = 0;
    let work = root.join("work");
    let setting = Setting {
        inputs: &inputs,
        base: &base,
        calibrations: &calibrations,
        work: &work,
        seed,
    };
    while kills < kills_asked && iterations < kills_asked * ITERATIONS_PER_KILL {
        let action = Action::ALL[iterations % Action::ALL.len()];
        // Every other round of the actions waits for the work to show before timing the kill.
        let is_timed_from_work =
            action.is_timed_from_work() && (iterations / Action::ALL.len()) % 2 == 1;
        let killed = setting.kill_once(action, is_timed_from_work, iterations, &mut rng);
        kills += usize::from(killed.is_some());
        tallies
            .entry(action)
            .or_default()
            .count(killed.as_ref(), is_timed_from_work);
        iterations += 1;
    }
    // A loaded machine can stretch start-up so that the timed kills still miss a short write:
    // a few more kills timed from the work for an action short of its minimum.
    for action in Action::ALL {
        for _ in 0..TOP_UP_RUNS {
            let tally = tallies.entry(action).or_default();
            let is_short = (action.takes_backup() && tally.kills_in_write < MIN_KILLS_IN_WRITE)
                || (action == Action::Score
                    && tally.kills_in_write + tally.kills_after_result < MIN_KILLS_IN_WRITE)
                || (action == Action::Export && tally.kills_mid_files < MIN_KILLS_MID_FILES);
            if !is_short {
                break;
            }
            let killed = setting.kill_once(action, true, iterations, &mut rng);
            kills += usize::from(killed.is_some());
            let tally = tallies.entry(action).or_default();
            tally.top_up_runs += 1;
            tally.count(killed.as_ref(), true);
            iterations += 1;
        }
    }
    std::fs::remove_dir_all(&work).unwrap();

    let per_action: Vec<String> = tallies
        .iter()
        .map(|(action, t)| {
            format!(
                "{action:?} {}/{} ({} timed from its work, {} runs added; {} before the commit, {} after the result, {} mid-files)",
                t.kills,
                t.runs,
                t.kills_timed_from_work,
                t.top_up_runs,
                t.kills_in_write,
                t.kills_after_result,
                t.kills_mid_files
            )
        })
        .collect();
    println!(
        "kills per action (killed/runs): {}; total kills {kills} in {iterations} iterations; seed {seed}; {:?}",
        per_action.join(", "),
        started.elapsed()
    );
    assert!(
        kills >= MIN_KILLS,
        "only {kills} kills in {iterations} iterations (seed {seed})"
    );
    for action in Action::ALL.into_iter().filter(|a| a.takes_backup()) {
        let in_write = tallies.get(&action).map_or(0, |t| t.kills_in_write);
        assert!(
            in_write >= MIN_KILLS_IN_WRITE,
            "{action:?}: only {in_write} kills inside the write, {MIN_KILLS_IN_WRITE} needed (seed {seed})"
        );
    }
    // A score save's write lasts microseconds: its kills are shown to fall once the log holds
    // the save (during or right after the commit, before the process ends).
    let score = tallies.get(&Action::Score).copied().unwrap_or_default();
    let around_commit = score.kills_in_write + score.kills_after_result;
    assert!(
        around_commit >= MIN_KILLS_IN_WRITE,
        "Score: only {around_commit} kills once its save reached the log, {MIN_KILLS_IN_WRITE} needed (seed {seed})"
    );
    let mid_files = tallies
        .get(&Action::Export)
        .map_or(0, |t| t.kills_mid_files);
    assert!(
        mid_files >= MIN_KILLS_MID_FILES,
        "Export: only {mid_files} kills between its files, {MIN_KILLS_MID_FILES} needed (seed {seed})"
    );
}
