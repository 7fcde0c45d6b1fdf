//! The question an import asks before it writes, when a clerk runs it at a terminal: the
//! preview has been printed, and only "y", "Y" or "是" goes on. Scripts (standard input not a
//! terminal) and `--yes` are not asked.

use std::io::{self, BufRead, IsTerminal as _, Write};

/// Whether an import may write: yes without asking when `yes` (`--yes`) is given or standard
/// input is not a terminal; else the answer to "确认写入？[y/N]".
pub(super) fn may_write(yes: bool) -> io::Result<bool> {
    let stdin = io::stdin();
    if yes || !stdin.is_terminal() {
        return Ok(true);
    }
    ask(&mut stdin.lock(), &mut io::stdout().lock())
}

/// Asks "确认写入？[y/N]" on `output` and reads one line of `input`: true only for "y", "Y"
/// or "是" (spaces around are ignored); an empty line or the end of input is no.
pub fn ask(input: &mut impl BufRead, output: &mut impl Write) -> io::Result<bool> {
    write!(output, "确认写入？[y/N] ")?;
    output.flush()?;
    let mut answer = String::new();
    input.read_line(&mut answer)?;
    Ok(matches!(answer.trim(), "y" | "Y" | "是"))
}
