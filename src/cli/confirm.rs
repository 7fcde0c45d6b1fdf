//! The question a command asks before it writes (an import, a restore, a rollover with work
//! unfinished, publishing with notes), when a clerk runs it at a terminal: what it will do
//! has been printed, and only "y", "yes" or "是" goes on. `--yes` is not asked. A script
//! (standard input not a terminal, where nobody can answer, or an answer is piped in) writes
//! only with `--yes`: a batch file never restores or imports untold. A `--dry-run` ends with
//! the preview. While a question waits, the database is let go (see [`may_go_on_unlocked`]).

use std::io::{self, BufRead, IsTerminal as _, Write};
use std::process::ExitCode;

/// Whether a command may go on: yes without asking when `yes` (`--yes`) is given; no, saying
/// why, when standard input is not a terminal; else the answer to `question` ("确认写入？",
/// "确认恢复？") with "[y/N]".
pub(super) fn may_go_on(yes: bool, question: &str) -> io::Result<bool> {
    let stdin = io::stdin();
    if yes {
        return Ok(true);
    }
    if !stdin.is_terminal() {
        note!("{NOT_ASKED}");
        return Ok(false);
    }
    ask_with(question, &mut stdin.lock(), &mut io::stdout().lock())
}

/// Like [`may_go_on`], with `store` let go while the question waits for the clerk: read-only
/// until the answer, so that a question left open does not hold the database from the
/// window or another command. After "yes" it is opened for writing again (waiting as any
/// command does for another one to finish), and `look` must find the same as `shown`, what
/// the preview printed; if something changed meanwhile, the clerk is told to run the command
/// again and the answer is no (nothing is written). `--yes` and a script are not asked, and keep the store.
pub(super) fn may_go_on_unlocked<T: PartialEq>(
    store: &mut crate::store::Store,
    (yes, question): (bool, &str),
    shown: &T,
    look: impl Fn(&mut crate::store::Store) -> anyhow::Result<T>,
) -> anyhow::Result<bool> {
    let path = store.path().map(std::path::Path::to_path_buf);
    let Some(path) = path.filter(|_| !yes && io::stdin().is_terminal()) else {
        return Ok(may_go_on(yes, question)?);
    };
    // Opened before the writable one goes: the file is read the whole time.
    *store = crate::store::Store::open_read_only_because(&path, WAITING)?;
    if !may_go_on(false, question)? {
        return Ok(false);
    }
    *store = super::open_existing(&path)
        .map_err(|error| anyhow::anyhow!("{error}（没有写入任何数据）"))?;
    if look(store)? != *shown {
        // Not done, as a "no" is not (exit 1): the command says so after.
        note!(
            "确认期间数据库（或所选的文件）又有修改，与上面所列的已不相同；请重新运行这条命令，看过新的内容后再确认"
        );
        return Ok(false);
    }
    Ok(true)
}

/// Why the database is read-only while the question waits (never said: nothing is written
/// then).
const WAITING: &str = "等待确认，暂不写入";

/// Said when the question cannot be asked (a script, or input piped in).
pub const NOT_ASKED: &str = "不在终端中运行，无法询问是否确认；确认要执行请加 --yes";

/// Asks "确认写入？[y/N]" on `output` and reads one line of `input`: true only for "y" or
/// "yes" (in any case), "是" or "是的" (spaces around are ignored); an empty line or the end of
/// input is no.
pub fn ask(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<bool> {
    ask_with("确认写入？", input, output)
}

/// [`ask`] with another question.
pub fn ask_with(
    question: &str,
    input: &mut impl BufRead,
    output: &mut impl Write,
) -> io::Result<bool> {
    write!(output, "{question}[y/N] ")?;
    output.flush()?;
    let mut answer = String::new();
    input.read_line(&mut answer)?;
    let answer = answer.trim();
    Ok(matches!(answer, "是" | "是的")
        || ["y", "yes"].iter().any(|y| answer.eq_ignore_ascii_case(y)))
}

/// The end of a `--dry-run` import, once its preview is printed: says nothing was written and
/// what would be without `--dry-run`: all of it, or, when something was rejected, what
/// `if_rejected` says (nothing until it is put right, or the rest with another flag); with
/// nothing to change, that there is nothing to write; while the database could only be
/// opened read-only (`read_only`: a window holds it, its folder is not writable), why it
/// cannot be written now. Succeeds only when nothing was rejected.
pub(super) fn dry_run_done(
    read_only: Option<&str>,
    (has_rejected, has_changes): (bool, bool),
    if_rejected: &str,
) -> anyhow::Result<ExitCode> {
    if has_rejected {
        say!("预览完毕，没有写入任何数据（{if_rejected}）");
        Ok(ExitCode::FAILURE)
    } else if !has_changes {
        say!("预览完毕：没有要写入的修改");
        Ok(ExitCode::SUCCESS)
    } else if let Some(why) = read_only {
        say!("预览完毕，没有写入任何数据（{why}，现在不能写入；能写入时去掉 --dry-run 即写入）");
        Ok(ExitCode::SUCCESS)
    } else {
        // At a terminal the write is asked about; a script writes only with --yes.
        let how = if io::stdin().is_terminal() {
            "去掉 --dry-run 即写入（先询问一次）"
        } else {
            "去掉 --dry-run 并加 --yes 即写入"
        };
        say!("预览完毕，没有写入任何数据（{how}）");
        Ok(ExitCode::SUCCESS)
    }
}
