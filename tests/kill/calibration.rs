//! Calibration of the kill test: each action run to completion a few times, for how long it
//! takes, how long its work lasts once it shows, and what a complete run leaves.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::Stdio;
use std::time::{Duration, Instant};

use super::checks::{Snapshot, assert_outputs_whole, snapshot};
use super::inputs::Inputs;
use super::{
    Action, CALIBRATION_RUNS, DEMO_UNITS, NEW_UNITS, POLL, final_files, fresh_work, output_text,
};

/// One complete run of an action: how long it took and what it left.
pub(super) struct Calibration {
    pub(super) duration: Duration,
    /// From the moment its work showed to its end (the median over the calibration runs).
    pub(super) work_span: Duration,
    pub(super) after: Snapshot,
    /// Final file names in the output folder.
    pub(super) files: BTreeSet<String>,
}

/// Starts the action and waits for it to end, watching for its work to show: how long it took
/// and, if seen, when the work showed.
fn run_watched(
    action: Action,
    inputs: &Inputs,
    db: &Path,
    out: &Path,
) -> (Duration, Option<Duration>) {
    let mut child = action
        .command(inputs, db, out)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let mut showed = None;
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if showed.is_none() && action.shows_work(db, out) {
            showed = Some(started.elapsed());
        }
        std::thread::sleep(POLL);
    };
    let duration = started.elapsed();
    let output = child.wait_with_output().unwrap();
    assert!(status.success(), "{action:?}: {}", output_text(&output));
    (duration, showed)
}

/// Runs the action to completion a few times: the shortest time, how long its work lasts once
/// it shows, and what a complete run left.
pub(super) fn calibrate(
    action: Action,
    inputs: &Inputs,
    root: &Path,
    base: &Snapshot,
) -> Calibration {
    let mut shortest = Duration::MAX;
    let mut spans = Vec::new();
    let mut result: Option<(Snapshot, BTreeSet<String>)> = None;
    for run in 0..CALIBRATION_RUNS {
        let (db, out) = fresh_work(inputs, &root.join("calibration"));
        let (duration, showed) = run_watched(action, inputs, &db, &out);
        shortest = shortest.min(duration);
        spans.push(duration.saturating_sub(showed.unwrap_or_default()));
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
        Action::ImportScores | Action::Score => {
            assert_ne!(after.scores, base.scores, "no score changed");
        }
        Action::Export => assert_eq!(after.exports, base.exports + DEMO_UNITS),
        // A print file is written into the 操作记录 (导出打印文件), after it takes its name; a
        // backup changes nothing.
        Action::Print => {
            let mut logged = base.clone();
            if let Some(rows) = logged.tables.get_mut("audit_log") {
                *rows += 1;
            }
            assert_eq!(&after, &logged);
        }
        Action::Backup => assert_eq!(&after, base),
    }
    spans.sort();
    Calibration {
        duration: shortest,
        work_span: spans[spans.len() / 2],
        after,
        files,
    }
}
