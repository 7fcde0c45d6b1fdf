//! A command waiting at its question (确认写入？, 确认结转？) at a terminal does not hold the
//! database: a colleague's command writes meanwhile without waiting, and the answer "y" then
//! writes only if the preview still holds. Run at a terminal through `script` (util-linux),
//! which gives the command a pseudo-terminal and passes the answer typed into it.

// Tests unwrap freely: a panic is the failure report.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

use std::io::{Read as _, Write as _};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use zerenshu::store::Store;

use crate::support::{demo_db, zerenshu};

/// A command started at a terminal, its output collected as it comes.
struct AtTerminal {
    child: Child,
    output: mpsc::Receiver<Vec<u8>>,
    said: Vec<u8>,
}

impl AtTerminal {
    /// Starts the program with `args` under `script`, standard input left open for the answer.
    fn start(args: &[&str]) -> Self {
        let line: Vec<String> = std::iter::once(env!("CARGO_BIN_EXE_zerenshu"))
            .chain(args.iter().copied())
            .map(|a| format!("'{}'", a.replace('\'', "'\\''")))
            .collect();
        let mut child = Command::new("script")
            .args(["-qfec", &line.join(" "), "/dev/null"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .expect("script (util-linux) runs the command at a terminal");
        let mut stdout = child.stdout.take().unwrap();
        let (send, output) = mpsc::channel();
        std::thread::spawn(move || {
            let mut buffer = [0u8; 4096];
            while let Ok(read) = stdout.read(&mut buffer) {
                if read == 0 || send.send(buffer[..read].to_vec()).is_err() {
                    break;
                }
            }
        });
        Self {
            child,
            output,
            said: Vec::new(),
        }
    }

    /// Waits until the output holds `text` (at most 60 s).
    fn wait_for(&mut self, text: &str) {
        let deadline = Instant::now() + Duration::from_mins(1);
        while !String::from_utf8_lossy(&self.said).contains(text) {
            let left = deadline.saturating_duration_since(Instant::now());
            let more = (self.output.recv_timeout(left)).unwrap_or_else(|why| {
                panic!(
                    "no “{text}” ({why}) in: {}",
                    String::from_utf8_lossy(&self.said)
                )
            });
            self.said.extend(more);
        }
    }

    /// Answers `answer` and waits for the command to end: its exit code and all it said.
    fn answer(mut self, answer: &str) -> (i32, String) {
        let mut stdin = self.child.stdin.take().unwrap();
        stdin.write_all(format!("{answer}\n").as_bytes()).unwrap();
        let status = self.child.wait().unwrap();
        drop(stdin);
        while let Ok(more) = self.output.recv_timeout(Duration::from_secs(5)) {
            self.said.extend(more);
        }
        (
            status.code().unwrap_or(-1),
            String::from_utf8_lossy(&self.said).into_owned(),
        )
    }
}

fn unit_file(dir: &Path, name: &str, short: &str) -> String {
    let path = dir.join(format!("{short}.csv"));
    std::fs::write(
        &path,
        format!("单位名称,简称,单位类型,考核类别\n{name},{short},部门,三类\n"),
    )
    .unwrap();
    path.to_str().unwrap().to_owned()
}

/// A colleague's import of one unit, while a question waits: through at once, not told to
/// wait for the command that asks.
fn a_colleague_imports_a_unit(dir: &Path, db: &str) {
    a_colleague_imports(dir, db, ("示例市测试局", "测试局"));
}

/// A colleague's import of the unit named (name and short name), through at once.
fn a_colleague_imports(dir: &Path, db: &str, (name, short): (&str, &str)) {
    let file = unit_file(dir, name, short);
    let (code, out, err) = zerenshu(&["import", "units", "--db", db, "--yes", &file]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("正在使用此数据库"), "{err}");
}

/// A rollover of 2025 into 2026 at a terminal, waiting at its question (2025 has agreements
/// not signed yet: the rollover asks).
fn rollover_asking(db: &str) -> AtTerminal {
    let mut waiting =
        AtTerminal::start(&["rollover", "--db", db, "--from", "2025", "--to", "2026"]);
    waiting.wait_for("确认结转？");
    waiting
}

fn short_name_of(db: &str, name: &str) -> Option<String> {
    let store = Store::open_read_only(Path::new(db)).unwrap();
    (store.units().unwrap().into_iter())
        .find(|u| u.fields.name == name)
        .map(|u| u.fields.short_name)
}

#[test]
fn an_import_waiting_for_its_answer_lets_others_write_and_then_writes_what_it_showed() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let file = unit_file(dir.path(), "示例市测试局", "测试局");
    let mut waiting = AtTerminal::start(&["import", "units", "--db", &db, &file]);
    waiting.wait_for("确认写入？");
    // A colleague's command goes through at once, not told to wait.
    let started = Instant::now();
    let (code, out, err) = zerenshu(&[
        "score",
        "--db",
        &db,
        "--year",
        "2025",
        "--unit",
        "青山镇",
        "--indicator",
        "组织领导",
        "--assessed",
        "3",
    ]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(!err.contains("正在使用此数据库"), "{err}");
    assert!(started.elapsed() < Duration::from_secs(20));
    // What the preview showed still holds: written.
    let (code, said) = waiting.answer("y");
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("已写入：新增 1 个单位"), "{said}");
    assert_eq!(
        short_name_of(&db, "示例市测试局").as_deref(),
        Some("测试局")
    );
}

#[test]
fn an_import_whose_preview_changed_while_it_waited_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let file = unit_file(dir.path(), "示例市测试局", "测试局");
    let mut waiting = AtTerminal::start(&["import", "units", "--db", &db, &file]);
    waiting.wait_for("确认写入？");
    // Meanwhile the same unit comes in under another short name.
    let other = unit_file(dir.path(), "示例市测试局", "测试");
    let (code, out, err) = zerenshu(&["import", "units", "--db", &db, "--yes", &other]);
    assert_eq!(code, 0, "{out}{err}");
    let (code, said) = waiting.answer("y");
    // Not done, as a "no" is not: exit 1.
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("确认期间数据库（或所选的文件）又有修改"),
        "{said}"
    );
    assert_eq!(short_name_of(&db, "示例市测试局").as_deref(), Some("测试"));
}

#[test]
fn a_rollover_waiting_for_its_answer_lets_others_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let waiting = rollover_asking(&db);
    a_colleague_imports_a_unit(dir.path(), &db);
    let (code, said) = waiting.answer("y");
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("已从 2025 年度结转到 2026 年度"), "{said}");
    let store = Store::open_read_only(Path::new(&db)).unwrap();
    assert!(store.year(2026).unwrap().is_some());
}

/// Another rollover made the year while the question waited: not done, as a "no" is not, and
/// said as a change meanwhile (not as the clerk's mistake); the same for a restore.
#[test]
fn a_rollover_or_restore_whose_ground_changed_while_it_waited_does_nothing_with_exit_1() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let waiting = rollover_asking(&db);
    let rollover = [
        "rollover", "--db", &db, "--from", "2025", "--to", "2026", "--yes",
    ];
    let (code, out, err) = zerenshu(&rollover);
    assert_eq!(code, 0, "{out}{err}");
    let (code, said) = waiting.answer("y");
    assert_eq!(code, 1, "{said}");
    assert!(
        said.contains("确认期间数据库（或所选的文件）又有修改"),
        "{said}"
    );
    // A restore: its backup taken, then a colleague's change while it asks.
    let backup = dir.path().join("备份.sqlite3");
    let backup = backup.to_str().unwrap();
    let (code, out, err) = zerenshu(&["backup", "--db", &db, "--out", backup]);
    assert_eq!(code, 0, "{out}{err}");
    a_colleague_imports_a_unit(dir.path(), &db);
    let mut waiting = AtTerminal::start(&["restore", "--db", &db, "--from", backup]);
    waiting.wait_for("确认恢复？");
    a_colleague_imports(dir.path(), &db, ("示例市又一局", "又一局"));
    let (code, said) = waiting.answer("y");
    assert_eq!(code, 1, "{said}");
    assert!(said.contains("确认期间数据库又有修改"), "{said}");
    assert!(
        short_name_of(&db, "示例市又一局").is_some(),
        "nothing restored"
    );
}

#[test]
fn a_notice_waiting_to_fix_its_date_lets_others_write() {
    let dir = tempfile::tempdir().unwrap();
    let db = demo_db(dir.path());
    let pdf = dir.path().join("通报.pdf");
    // 2024 is published and no notice of it exported: the first fixes its date, asked first.
    let mut waiting = AtTerminal::start(&[
        "notice",
        "--db",
        &db,
        "--year",
        "2024",
        "--out",
        pdf.to_str().unwrap(),
    ]);
    waiting.wait_for("确认导出？");
    a_colleague_imports_a_unit(dir.path(), &db);
    let (code, said) = waiting.answer("y");
    assert_eq!(code, 0, "{said}");
    assert!(said.contains("已写入考核结果通报"), "{said}");
    assert!(pdf.exists());
}
