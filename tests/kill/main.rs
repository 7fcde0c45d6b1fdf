//! Crash consistency: the binary is killed with SIGKILL at random moments during a batch draft,
//! a unit import, a score import, an export, a print file and a backup, and every time the
//! database must hold either all or none of that action, pass SQLite's checks, open again
//! despite the lock file left behind, and no file under a final name may be half written.
//!
//! The seed of the random kill moments is printed; `KILL_TEST_SEED=N` replays a run and
//! `KILL_TEST_KILLS=N` asks for more kills than the 220 by default (at least 200, as CI
//! requires).

#![cfg(unix)]
// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod checks;
mod inputs;

use std::collections::{BTreeMap, BTreeSet};
use std::ffi::OsString;
use std::os::unix::process::ExitStatusExt as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use checks::{
    Snapshot, assert_app_opens, assert_outputs_whole, assert_side_files_whole, is_final_name,
    snapshot,
};
use inputs::{Inputs, prepare};

const BIN: &str = env!("CARGO_BIN_EXE_zerenshu");
/// The CI requirement: real kills per run.
const MIN_KILLS: usize = 200;
const DEFAULT_KILLS: usize = 220;
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
    Export,
    Print,
    Backup,
}

impl Action {
    const ALL: [Self; 6] = [
        Self::Draft,
        Self::ImportUnits,
        Self::ImportScores,
        Self::Export,
        Self::Print,
        Self::Backup,
    ];

    /// The command line of the action on the database `db`, writing into `out`.
    fn command(self, inputs: &Inputs, db: &Path, out: &Path) -> Command {
        let mut args: Vec<OsString> = vec!["--db".into(), db.into()];
        let words: &[&str] = match self {
            Self::Draft => &["draft", "--year", DRAFT_YEAR],
            Self::ImportUnits => &["import", "units"],
            Self::ImportScores => &["import", "scores", "--year", SCORED_YEAR],
            Self::Export | Self::Print => &["export", "--year", SCORED_YEAR],
            Self::Backup => &["backup"],
        };
        args.extend(words.iter().map(OsString::from));
        match self {
            Self::Draft => {}
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

    /// True for actions that change the database, so a rerun after a kill must finish the job.
    fn writes_database(self) -> bool {
        matches!(self, Self::Draft | Self::ImportUnits | Self::ImportScores)
    }
}

/// One complete run of an action: how long it took and what it left.
struct Calibration {
    duration: Duration,
    after: Snapshot,
    /// Final file names in the output folder.
    files: BTreeSet<String>,
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
    /// Kills with some but not all of the files written.
    kills_mid_files: usize,
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

/// Runs the action to completion a few times: the shortest time, and what a complete run left.
fn calibrate(action: Action, inputs: &Inputs, root: &Path, base: &Snapshot) -> Calibration {
    let mut shortest = Duration::MAX;
    let mut result: Option<(Snapshot, BTreeSet<String>)> = None;
    for run in 0..CALIBRATION_RUNS {
        let (db, out) = fresh_work(inputs, &root.join("calibration"));
        let started = Instant::now();
        run_ok(
            action.command(inputs, &db, &out).stdout(Stdio::null()),
            &format!("{action:?}"),
        );
        shortest = shortest.min(started.elapsed());
        let after = snapshot(&db, &format!("{action:?} complete run {run}"));
        let files = final_files(&out);
        assert_outputs_whole(&out, &files, &format!("{action:?} complete run {run}"));
        match &result {
            None => result = Some((after, files)),
            Some(first) => assert_eq!(
                (&after, &files),
                (&first.0, &first.1),
                "{action:?}: complete runs differ"
            ),
        }
    }
    let (after, files) = result.unwrap();
    let expected_files = match action {
        Action::Export => 45,
        Action::Print | Action::Backup => 1,
        _ => 0,
    };
    assert_eq!(files.len(), expected_files, "{action:?}: {files:?}");
    match action {
        Action::Draft => {
            assert_eq!(after.draft_year_agreements, DEMO_UNITS);
            assert_eq!(after.draft_year_audit, DEMO_UNITS);
        }
        Action::ImportUnits => assert_eq!(after.units, DEMO_UNITS + NEW_UNITS),
        Action::ImportScores => assert_ne!(after.scores, base.scores, "no score changed"),
        Action::Export => assert_eq!(after.exports, base.exports + DEMO_UNITS),
        Action::Print | Action::Backup => assert_eq!(&after, base),
    }
    Calibration {
        duration: shortest,
        after,
        files,
    }
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
        is_in_write: action.writes_database() && backups > 0 && !has_result,
        is_mid_files: finals > 0 && finals < calibration.files.len(),
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
            "{action:?}: a complete run takes {:?}",
            calibration.duration
        );
    }

    let mut rng = XorShift::new(seed);
    let mut tallies: BTreeMap<Action, Tally> = BTreeMap::new();
    let mut kills = 0;
    let mut iterations = 0;
    let work = root.join("work");
    while kills < kills_asked && iterations < kills_asked * ITERATIONS_PER_KILL {
        let action = Action::ALL[iterations % Action::ALL.len()];
        let calibration = &calibrations[&action];
        let (db, out) = fresh_work(&inputs, &work);
        let delay = calibration.duration.mul_f64(1.1 * rng.next_f64());
        let mut child = action
            .command(&inputs, &db, &out)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(delay);
        if child.try_wait().unwrap().is_none() {
            child.kill().unwrap();
        }
        let status = child.wait().unwrap();
        let is_killed = status.signal() == Some(SIGKILL);
        let context = format!(
            "{action:?} {} after {delay:?} (iteration {iterations}, seed {seed})",
            if is_killed { "killed" } else { "finished" }
        );
        assert!(is_killed || status.success(), "{context}: {status}");
        let observed = check_run(
            action,
            &inputs,
            (&db, &out),
            (&base, calibration),
            (iterations, is_killed),
            &context,
        );
        let tally = tallies.entry(action).or_default();
        tally.runs += 1;
        if is_killed {
            kills += 1;
            tally.kills += 1;
            tally.kills_after_result += usize::from(observed.has_result);
            tally.kills_in_write += usize::from(observed.is_in_write);
            tally.kills_mid_files += usize::from(observed.is_mid_files);
        }
        iterations += 1;
    }
    std::fs::remove_dir_all(&work).unwrap();

    let per_action: Vec<String> = tallies
        .iter()
        .map(|(action, t)| {
            format!(
                "{action:?} {}/{} ({} before the commit, {} after the result, {} mid-files)",
                t.kills, t.runs, t.kills_in_write, t.kills_after_result, t.kills_mid_files
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
}
